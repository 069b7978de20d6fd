//! Words of the Sensitivity tab: heat maps of daily profit over two inputs.

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

/// Simplified Chinese. (Being translated: until then the English words.)
pub const ZH: SensitivityStrings = EN;
