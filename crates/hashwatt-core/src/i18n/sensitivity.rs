//! Words of the Sensitivity tab: heat maps of daily profit over two inputs.

#[derive(serde::Serialize)]
pub struct SensitivityStrings {
    pub tab: &'static str,
    pub title: &'static str,
    /// Under the title: what a cell and the line are.
    pub note: &'static str,

    pub electricity_map_title: &'static str,
    pub difficulty_map_title: &'static str,
    pub btc_price_axis: &'static str,
    pub electricity_axis: &'static str,
    pub difficulty_axis: &'static str,
    /// Legend entry of the break-even contour.
    pub contour_series: &'static str,
    /// Legend entry of the scenario's own point.
    pub current_series: &'static str,

    /// Hover text of a cell, one line each: "BTC price: {value}".
    pub hover_btc_price: &'static str,
    /// "Electricity: {value}/kWh".
    pub hover_electricity: &'static str,
    /// "Difficulty: {value} T".
    pub hover_difficulty: &'static str,
    /// "Profit: {value}/day".
    pub hover_profit: &'static str,
    /// "Break-even BTC price: {value}".
    pub hover_break_even: &'static str,

    /// The colour scale: "Daily profit: {low} (loss) … 0 … {high} (profit)".
    pub scale_caption: &'static str,
    pub scale_loss: &'static str,
    pub scale_profit: &'static str,

    pub ranges: &'static str,
    pub range_btc_price: &'static str,
    pub range_electricity: &'static str,
    pub range_difficulty: &'static str,
    pub range_from: &'static str,
    pub range_to: &'static str,
    pub cells: &'static str,
    pub cells_hover: &'static str,
    pub automatic_ranges: &'static str,
    pub automatic_ranges_hover: &'static str,
}

pub const EN: SensitivityStrings = SensitivityStrings {
    tab: "Sensitivity",
    title: "Daily profit across two inputs",
    note: "Each cell is the scenario evaluated with its two inputs changed, everything else as it \
           is. The line is break-even (zero profit), solved exactly for each row: profit is \
           linear in the BTC price.",

    electricity_map_title: "Electricity price × BTC price",
    difficulty_map_title: "Difficulty × BTC price",
    btc_price_axis: "BTC price (USD)",
    electricity_axis: "Electricity price (USD/kWh)",
    difficulty_axis: "Difficulty (T)",
    contour_series: "Break-even",
    current_series: "Current",

    hover_btc_price: "BTC price: {value}",
    hover_electricity: "Electricity: {value}/kWh",
    hover_difficulty: "Difficulty: {value} T",
    hover_profit: "Profit: {value}/day",
    hover_break_even: "Break-even BTC price: {value}",

    scale_caption: "Daily profit",
    scale_loss: "loss",
    scale_profit: "profit",

    ranges: "Ranges",
    range_btc_price: "BTC price (USD)",
    range_electricity: "Electricity price (USD/kWh)",
    range_difficulty: "Difficulty (T)",
    range_from: "from",
    range_to: "to",
    cells: "Cells per side",
    cells_hover: "Each map has this many cells along each axis (at most 100).",
    automatic_ranges: "Automatic ranges",
    automatic_ranges_hover: "Ranges around the scenario's own values and break-even points.",
};

/// Simplified Chinese.
pub const ZH: SensitivityStrings = SensitivityStrings {
    tab: "敏感性分析",
    title: "两项输入变化下的每日利润",
    note: "每个单元格表示仅改变这两项输入、其余条件保持不变时的情景结果。曲线为盈亏平衡线\
           （利润为零），按行精确求解：利润与 BTC 价格呈线性关系。",

    electricity_map_title: "电价 × BTC 价格",
    difficulty_map_title: "难度 × BTC 价格",
    btc_price_axis: "BTC 价格（USD）",
    electricity_axis: "电价（USD/kWh）",
    difficulty_axis: "难度（T）",
    contour_series: "盈亏平衡",
    current_series: "当前",

    hover_btc_price: "BTC 价格：{value}",
    hover_electricity: "电价：{value}/kWh",
    hover_difficulty: "难度：{value} T",
    hover_profit: "利润：{value}/天",
    hover_break_even: "盈亏平衡 BTC 价格：{value}",

    scale_caption: "每日利润",
    scale_loss: "亏损",
    scale_profit: "盈利",

    ranges: "取值范围",
    range_btc_price: "BTC 价格（USD）",
    range_electricity: "电价（USD/kWh）",
    range_difficulty: "难度（T）",
    range_from: "从",
    range_to: "至",
    cells: "每轴单元格数",
    cells_hover: "每张热力图沿每个坐标轴划分的单元格数（最多 100）。",
    automatic_ranges: "自动范围",
    automatic_ranges_hover: "围绕当前情景自身的取值及盈亏平衡点自动设定范围。",
};
