//! Words of the charts: titles, axes, legends. Shared by the window and exported PNG/SVG files.

#[derive(serde::Serialize)]
pub struct ChartStrings {
    pub tab_mix: &'static str,
    pub tab_regions: &'static str,
    pub tab_break_even: &'static str,
    pub tab_projection: &'static str,
    pub tab_hardware: &'static str,

    pub mix_title: &'static str,
    pub mix_share_axis: &'static str,
    pub mix_contribution_title: &'static str,
    pub mix_contribution_axis: &'static str,
    /// Centre of the donut: "{value} g CO₂e/kWh".
    pub mix_centre: &'static str,

    pub regions_title: &'static str,
    pub regions_metric_intensity: &'static str,
    pub regions_metric_co2_per_btc: &'static str,
    pub regions_metric_break_even: &'static str,
    pub regions_current: &'static str,
    pub regions_measured: &'static str,
    pub regions_estimate: &'static str,
    pub regions_click_hint: &'static str,

    pub break_even_title: &'static str,
    pub break_even_vs_btc_title: &'static str,
    pub break_even_vs_power_title: &'static str,
    pub btc_price_axis: &'static str,
    pub electricity_price_axis: &'static str,
    pub profit_axis: &'static str,
    pub profit_series: &'static str,
    pub break_even_marker: &'static str,
    pub current_marker: &'static str,

    pub projection_title: &'static str,
    pub month_axis: &'static str,
    pub cumulative_cash_axis: &'static str,
    pub cumulative_cash_series: &'static str,
    pub btc_mined_axis: &'static str,
    pub btc_mined_series: &'static str,
    pub halving_marker: &'static str,
    pub payback_marker: &'static str,

    pub hardware_title: &'static str,
    pub release_year_axis: &'static str,
    pub efficiency_axis: &'static str,
    pub fleet_series: &'static str,
    pub other_miners_series: &'static str,
    pub historical_series: &'static str,

    pub sources_footer: &'static str,
    /// Why a chart could not be drawn.
    pub export_size: &'static str,
    pub export_width: &'static str,
    pub export_height: &'static str,
    pub export_font: &'static str,
    pub export_draw: &'static str,
    pub export_encode: &'static str,
    /// The chart's view has nothing to draw yet.
    pub export_nothing: &'static str,
    /// The History or Backtest view has nothing to draw; its tab says why.
    pub export_nothing_view: &'static str,
    /// Source lines: "Grid intensity: {source} ({year}, {grade})".
    pub source_intensity: &'static str,
    /// "Mix: {source} ({year})".
    pub source_mix: &'static str,
    /// "Power price: {source} ({year}, {grade})".
    pub source_price: &'static str,
    /// "Emission factors: {name} ({year})".
    pub source_factors: &'static str,
    /// "Market: {name} snapshot, {date}; BTC price: {price}; network: {network}".
    pub source_market: &'static str,
    /// A figure's grade: measured, secondary, estimate.
    pub grade_measured: &'static str,
    pub grade_secondary: &'static str,
    pub grade_estimate: &'static str,
    /// "Made with hashwatt on {date}".
    pub made_with: &'static str,

    /// A chart title with the scenario's name: "{title}: {suffix}".
    pub title_with_suffix: &'static str,
    /// A label and its value, for markers and the footer: "{label}: {value}".
    pub label_value: &'static str,
    /// A share: "{value} %".
    pub percent: &'static str,
    /// Under the contribution bars: their sum, which is the mix-based intensity.
    pub mix_contribution_total: &'static str,
    /// Legend entry for the ordinary bars of the region ranking.
    pub regions_other: &'static str,
    /// "Month 1 begins {date}".
    pub projection_start: &'static str,
    /// Said when no halving could be placed (the subsidy was given without a block height).
    pub projection_no_halvings: &'static str,
    /// A halving on the time axis: "{marker} → {subsidy} BTC".
    pub halving_label: &'static str,
    /// The payback month on the time axis: "{marker}: month {month}".
    pub payback_label: &'static str,
    /// No payback within the horizon: "no payback within {months} months".
    pub payback_never: &'static str,
}

pub const EN: ChartStrings = ChartStrings {
    tab_mix: "Energy mix",
    tab_regions: "Regions",
    tab_break_even: "Break-even",
    tab_projection: "Projection",
    tab_hardware: "Hardware",

    mix_title: "Energy mix",
    mix_share_axis: "Share (%)",
    mix_contribution_title: "Contribution to grid intensity",
    mix_contribution_axis: "g CO₂e/kWh",
    mix_centre: "{value} g CO₂e/kWh",

    regions_title: "Every region with this fleet and market",
    regions_metric_intensity: "Grid intensity (g CO₂e/kWh)",
    regions_metric_co2_per_btc: "CO₂ per BTC (t)",
    regions_metric_break_even: "Break-even BTC price (USD)",
    regions_current: "this site",
    regions_measured: "measured",
    regions_estimate: "estimate",
    regions_click_hint: "Click a bar to move the site to that region.",

    break_even_title: "Daily profit and break-even",
    break_even_vs_btc_title: "Profit against BTC price",
    break_even_vs_power_title: "Profit against electricity price",
    btc_price_axis: "BTC price (USD)",
    electricity_price_axis: "Electricity price (USD/kWh)",
    profit_axis: "Profit (USD/day)",
    profit_series: "Daily profit",
    break_even_marker: "break-even",
    current_marker: "current",

    projection_title: "Projection",
    month_axis: "Month",
    cumulative_cash_axis: "Cumulative cash flow (USD)",
    cumulative_cash_series: "Cumulative cash flow",
    btc_mined_axis: "BTC mined per month",
    btc_mined_series: "BTC mined",
    halving_marker: "halving",
    payback_marker: "payback",

    hardware_title: "Miner efficiency by release year",
    release_year_axis: "Release year",
    efficiency_axis: "Efficiency (J/TH, log scale)",
    fleet_series: "In the fleet",
    other_miners_series: "Other miners",
    historical_series: "Historical (CPU, GPU, FPGA, first ASIC)",

    sources_footer: "Sources",
    export_size: "the {name} is {value} px; it must be from {min} to {max} px",
    export_width: "width",
    export_height: "height",
    export_font: "the bundled chart font could not be read",
    export_draw: "cannot draw the chart: {why}",
    export_encode: "cannot encode the PNG image: {why}",
    export_nothing: "this chart has nothing to draw yet (pin scenarios to compare first)",
    export_nothing_view: "this chart has nothing to draw yet (see the message on its tab)",
    source_intensity: "Grid intensity: {source} ({year}, {grade})",
    source_mix: "Mix: {source} ({year})",
    source_price: "Power price: {source} ({year}, {grade})",
    source_factors: "Emission factors: {name} ({year})",
    source_market: "Market: {name} snapshot, {date}; BTC price: {price}; network: {network}",
    grade_measured: "measured",
    grade_secondary: "secondary",
    grade_estimate: "estimate",
    made_with: "Made with hashwatt on {date}",

    title_with_suffix: "{title}: {suffix}",
    label_value: "{label}: {value}",
    percent: "{value} %",
    mix_contribution_total: "Sum (mix × emission factors): {value} g CO₂e/kWh",
    regions_other: "other regions",
    projection_start: "Month 1 begins {date}",
    projection_no_halvings: "No halving placed: the block height is unknown",
    halving_label: "{marker} → {subsidy} BTC",
    payback_label: "{marker}: month {month}",
    payback_never: "no payback within {months} months",
};

/// Simplified Chinese.
pub const ZH: ChartStrings = ChartStrings {
    tab_mix: "能源结构",
    tab_regions: "地区",
    tab_break_even: "盈亏平衡",
    tab_projection: "收益预测",
    tab_hardware: "硬件",

    mix_title: "能源结构",
    mix_share_axis: "占比（%）",
    mix_contribution_title: "各能源对电网碳强度的贡献",
    mix_contribution_axis: "g CO₂e/kWh",
    mix_centre: "{value} g CO₂e/kWh",

    regions_title: "当前矿机配置与市场条件下的各地区对比",
    regions_metric_intensity: "电网碳强度（g CO₂e/kWh）",
    regions_metric_co2_per_btc: "每 BTC 的 CO₂ 排放（t）",
    regions_metric_break_even: "盈亏平衡 BTC 价格（USD）",
    regions_current: "当前站点",
    regions_measured: "实测",
    regions_estimate: "估算",
    regions_click_hint: "点击柱形即可将站点移至该地区。",

    break_even_title: "每日利润与盈亏平衡",
    break_even_vs_btc_title: "利润随 BTC 价格的变化",
    break_even_vs_power_title: "利润随电价的变化",
    btc_price_axis: "BTC 价格（USD）",
    electricity_price_axis: "电价（USD/kWh）",
    profit_axis: "利润（USD/天）",
    profit_series: "每日利润",
    break_even_marker: "盈亏平衡点",
    current_marker: "当前",

    projection_title: "收益预测",
    month_axis: "月份",
    cumulative_cash_axis: "累计现金流（USD）",
    cumulative_cash_series: "累计现金流",
    btc_mined_axis: "每月产出 BTC",
    btc_mined_series: "BTC 产出",
    halving_marker: "减半",
    payback_marker: "回本",

    hardware_title: "矿机能效（按发布年份）",
    release_year_axis: "发布年份",
    efficiency_axis: "能效（J/TH，对数坐标）",
    fleet_series: "本矿场机型",
    other_miners_series: "其他矿机",
    historical_series: "历史机型（CPU、GPU、FPGA、首代 ASIC）",

    sources_footer: "数据来源",
    export_size: "图片{name}为 {value} px；必须在 {min} 到 {max} px 之间",
    export_width: "宽度",
    export_height: "高度",
    export_font: "无法读取内置的图表字体",
    export_draw: "无法绘制图表：{why}",
    export_encode: "无法编码 PNG 图片：{why}",
    export_nothing: "此图表尚无可绘制的内容（请先固定要比较的情景）",
    export_nothing_view: "此图表尚无可绘制的内容（请先查看本页的提示）",
    source_intensity: "电网碳强度：{source}（{year}，{grade}）",
    source_mix: "能源结构：{source}（{year}）",
    source_price: "电价：{source}（{year}，{grade}）",
    source_factors: "排放因子：{name}（{year}）",
    source_market: "市场：{name}快照，{date}；BTC 价格：{price}；全网：{network}",
    grade_measured: "实测",
    grade_secondary: "转引",
    grade_estimate: "估计",
    made_with: "由 hashwatt 于 {date} 生成",

    title_with_suffix: "{title}：{suffix}",
    label_value: "{label}：{value}",
    percent: "{value}%",
    mix_contribution_total: "合计（能源结构 × 排放因子）：{value} g CO₂e/kWh",
    regions_other: "其他地区",
    projection_start: "第 1 个月自 {date} 起",
    projection_no_halvings: "未标注减半：区块高度未知",
    halving_label: "{marker} → {subsidy} BTC",
    payback_label: "{marker}：第 {month} 个月",
    payback_never: "{months} 个月内无法回本",
};
