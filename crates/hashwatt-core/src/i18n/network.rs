//! Words of the network view: the window's Network tab and `hashwatt network`.

#[derive(serde::Serialize)]
pub struct NetworkStrings {
    pub tab: &'static str,
    pub title: &'static str,
    /// Under the title: what the view estimates and how.
    pub intro: &'static str,

    // Settings
    pub power_price: &'static str,
    /// "this site's ({value})".
    pub power_price_site: &'static str,
    pub power_price_cambridge: &'static str,
    pub power_price_set: &'static str,
    pub efficiency: &'static str,
    pub efficiency_basket: &'static str,
    pub efficiency_given: &'static str,
    pub pue: &'static str,
    pub emissions_at: &'static str,
    /// "this site's grid ({name})".
    pub carbon_site: &'static str,
    /// A mining map in the carbon picker: "mining map {name}".
    pub carbon_map: &'static str,

    // Market line
    /// "{market}: {hashrate} EH/s, hashprice {hashprice} per PH/s per day".
    pub market_line: &'static str,
    /// "Machines above {value} J/TH lose money at {price}/kWh."
    pub threshold: &'static str,
    /// Power is free: every machine earns.
    pub threshold_free: &'static str,

    // Bounds
    pub bounds_title: &'static str,
    pub lower: &'static str,
    pub best_guess: &'static str,
    pub upper: &'static str,
    pub col_efficiency: &'static str,
    pub col_pue: &'static str,
    pub col_power: &'static str,
    pub col_energy: &'static str,
    pub col_co2: &'static str,
    pub unit_j_per_th: &'static str,
    pub unit_gw: &'static str,
    pub unit_twh_per_year: &'static str,
    pub unit_mt_per_year: &'static str,
    /// How each bound is made.
    pub lower_how: &'static str,
    /// "{count} profitable machines released {from}–{to}, weighted 1.0 / 0.8 / 0.6 / 0.4 / 0.2 by age".
    pub best_basket_how: &'static str,
    pub best_given_how: &'static str,
    pub upper_how: &'static str,
    /// No machine is profitable at this price: the bounds are undefined.
    pub none_profitable: &'static str,
    /// "Emissions at {value} g CO₂e/kWh: {name}".
    pub intensity_line: &'static str,
    /// "{value} % of the hashrate is unattributed and counted at the world average ({world} g CO₂e/kWh)."
    pub unattributed_line: &'static str,
    pub estimate_mark: &'static str,

    // Migration
    pub migration_title: &'static str,
    pub migration_intensity_title: &'static str,
    pub migration_emissions_title: &'static str,
    /// "Emissions of a network using {energy} TWh a year (the best guess)".
    pub migration_emissions_note: &'static str,
    pub migration_note: &'static str,
    pub intensity_axis: &'static str,
    pub emissions_axis: &'static str,
    pub unattributed: &'static str,
    pub other_countries: &'static str,
    pub pool_map: &'static str,
    pub survey_map: &'static str,

    // Countries
    pub countries_title: &'static str,
    pub countries_axis: &'static str,
    pub bitcoin: &'static str,
    pub countries_series: &'static str,
    pub countries_note: &'static str,

    // Command line
    /// "Bitcoin network, {market} market snapshot ({date})".
    pub cli_title: &'static str,
    pub row_hashrate: &'static str,
    pub row_hashprice: &'static str,
    pub row_power_price: &'static str,
    pub row_break_even: &'static str,
    pub row_intensity: &'static str,
    pub unit_ehs: &'static str,
    pub unit_per_ph_day: &'static str,
    pub unit_per_kwh: &'static str,
    pub unit_g_per_kwh: &'static str,
    /// Beside a value the user gave on the command line.
    pub given_mark: &'static str,
    /// Beside the default power price.
    pub cbeci_default_mark: &'static str,
    /// Beside the break-even efficiency.
    pub above_loses_mark: &'static str,

    /// The formulas and sources, under the view.
    pub sources: &'static str,
    /// Nothing to show (the scenario does not resolve).
    pub unavailable: &'static str,
}

pub const EN: NetworkStrings = NetworkStrings {
    tab: "Network now",
    title: "The whole Bitcoin network",
    intro: "CBECI-style bounds: the network's hashrate × the efficiency of the machines that mine at a profit at this power price.",

    power_price: "Miners' power price",
    power_price_site: "this site's ({value})",
    power_price_cambridge: "Cambridge's default ({value})",
    power_price_set: "set",
    efficiency: "Best-guess efficiency",
    efficiency_basket: "basket of profitable machines",
    efficiency_given: "given",
    pue: "Best-guess PUE",
    emissions_at: "Emissions at",
    carbon_site: "this site's grid ({name})",
    carbon_map: "mining map {name}",

    market_line: "{market}: {hashrate} EH/s, hashprice {hashprice} per PH/s per day",
    threshold: "Machines above {value} J/TH lose money at {price}/kWh.",
    threshold_free: "Power is free: every machine earns while there is revenue.",

    bounds_title: "Network power, energy and emissions",
    lower: "Lower bound",
    best_guess: "Best guess",
    upper: "Upper bound",
    col_efficiency: "Efficiency",
    col_pue: "PUE",
    col_power: "Power",
    col_energy: "Energy",
    col_co2: "CO₂",
    unit_j_per_th: "J/TH",
    unit_gw: "GW",
    unit_twh_per_year: "TWh/year",
    unit_mt_per_year: "Mt/year",
    lower_how: "Lower bound: the most efficient profitable machine, PUE 1.01.",
    best_basket_how: "Best guess: {count} profitable machines of the history's basket released {from} to {to}, weighted 1.0 / 0.8 / 0.6 / 0.4 / 0.2 by year of age (Cambridge, 2023).",
    best_given_how: "Best guess: the efficiency given.",
    upper_how: "Upper bound: the least efficient profitable machine released by then, PUE 1.20.",
    none_profitable: "No machine is profitable at this power price: the bounds are undefined.",
    intensity_line: "Emissions at {value} g CO₂e/kWh: {name}",
    unattributed_line: "{value} % of the hashrate is unattributed and counted at the world average ({world} g CO₂e/kWh).",
    estimate_mark: "(estimate)",

    migration_title: "The migration out of China",
    migration_intensity_title: "Hashrate-weighted grid intensity of each mining map",
    migration_emissions_title: "Network emissions on each map, by country",
    migration_emissions_note: "A network using {energy} TWh a year (the best guess) on each map.",
    migration_note: "Shares from the Cambridge mining map (pool geolocation) and the 2025 survey, which covers surveyed firms only and is not comparable. Grids at the region presets' intensities (mostly 2024), so only the move itself changes between bars. * rests on an estimate.",
    intensity_axis: "g CO₂e/kWh",
    emissions_axis: "Mt CO₂e/year",
    unattributed: "Unattributed (world average)",
    other_countries: "Other countries",
    pool_map: "mining map",
    survey_map: "survey (not comparable)",

    countries_title: "Bitcoin beside countries' electricity demand",
    countries_axis: "TWh/year (log scale)",
    bitcoin: "Bitcoin (best guess)",
    countries_series: "countries",
    countries_note: "Countries: annual demand (generation plus net imports), Ember via Our World in Data, 2024.",

    cli_title: "Bitcoin network, {market} market snapshot ({date})",
    row_hashrate: "Network hashrate",
    row_hashprice: "Hashprice",
    row_power_price: "Miners' power price",
    row_break_even: "Break-even efficiency",
    row_intensity: "Grid intensity",
    unit_ehs: "EH/s",
    unit_per_ph_day: "per PH/s per day",
    unit_per_kwh: "per kWh",
    unit_g_per_kwh: "g CO₂e/kWh",
    given_mark: "(given)",
    cbeci_default_mark: "(CBECI's default)",
    above_loses_mark: "(less efficient machines lose money)",

    sources: "P [GW] = J/TH × H [TH/s] / 1e9 × PUE; energy over 8,766 h a year; CO₂ = TWh × g/kWh / 1000. A machine is profitable when J/TH × 24/1000 × price < hashprice per TH. Method: Cambridge CBECI.",
    unavailable: "The network view needs a scenario that resolves.",
};

/// Simplified Chinese.
pub const ZH: NetworkStrings = NetworkStrings {
    tab: "全网现状",
    title: "比特币全网",
    intro: "CBECI 式估算区间：全网算力 × 在此电价下仍能盈利的矿机能效。",

    power_price: "矿工电价",
    power_price_site: "本站点电价（{value}）",
    power_price_cambridge: "剑桥默认值（{value}）",
    power_price_set: "自定义",
    efficiency: "最佳估计能效",
    efficiency_basket: "盈利矿机组合",
    efficiency_given: "指定",
    pue: "最佳估计 PUE",
    emissions_at: "排放强度依据",
    carbon_site: "本站点电网（{name}）",
    carbon_map: "挖矿地图 {name}",

    market_line: "{market}：全网算力 {hashrate} EH/s，哈希价格每 PH/s 每天 {hashprice}",
    threshold: "能耗高于 {value} J/TH 的矿机在 {price}/kWh 的电价下亏损。",
    threshold_free: "电力免费：只要有收入，所有矿机都能盈利。",

    bounds_title: "全网功率、能耗与排放",
    lower: "下限",
    best_guess: "最佳估计",
    upper: "上限",
    col_efficiency: "能效",
    col_pue: "PUE",
    col_power: "功率",
    col_energy: "能耗",
    col_co2: "CO₂",
    unit_j_per_th: "J/TH",
    unit_gw: "GW",
    unit_twh_per_year: "TWh/年",
    unit_mt_per_year: "Mt/年",
    lower_how: "下限：能效最高的盈利矿机，PUE 1.01。",
    best_basket_how: "最佳估计：{from}–{to} 发布的 {count} 款盈利矿机，按机龄分别加权 1.0 / 0.8 / 0.6 / 0.4 / 0.2（剑桥，2023）。",
    best_given_how: "最佳估计：采用指定能效。",
    upper_how: "上限：截至当时已发布、能效最低的盈利矿机，PUE 1.20。",
    none_profitable: "在此电价下没有矿机能够盈利：无法确定估算区间。",
    intensity_line: "排放强度按 {value} g CO₂e/kWh 计：{name}",
    unattributed_line: "{value} % 的算力无法归属到具体国家，按全球平均值（{world} g CO₂e/kWh）计算。",
    estimate_mark: "（估算）",

    migration_title: "比特币挖矿迁出中国",
    migration_intensity_title: "各挖矿地图的算力加权电网碳强度",
    migration_emissions_title: "各挖矿地图下的全网排放（按国家）",
    migration_emissions_note: "假设全网每年耗电 {energy} TWh（最佳估计），按各地图的分布计算。",
    migration_note: "占比数据来自剑桥挖矿地图（基于矿池地理定位）和 2025 年调查；后者仅涵盖受访企业，二者不可直接比较。各电网均按地区预设的碳强度计算（多为 2024 年数据），因此各柱之间的差异仅来自迁移本身。* 表示基于估算值。",
    intensity_axis: "g CO₂e/kWh",
    emissions_axis: "Mt CO₂e/年",
    unattributed: "未归属（按全球平均）",
    other_countries: "其他国家",
    pool_map: "挖矿地图",
    survey_map: "调查（不可比）",

    countries_title: "比特币与各国电力需求对比",
    countries_axis: "TWh/年（对数刻度）",
    bitcoin: "比特币（最佳估计）",
    countries_series: "国家",
    countries_note: "各国：年度电力需求（发电量加净进口），数据来自 Ember，经 Our World in Data 整理，2024 年。",

    cli_title: "比特币全网，{market} 市场快照（{date}）",
    row_hashrate: "全网算力",
    row_hashprice: "哈希价格",
    row_power_price: "矿工电价",
    row_break_even: "盈亏平衡能效",
    row_intensity: "电网碳强度",
    unit_ehs: "EH/s",
    unit_per_ph_day: "每 PH/s 每天",
    unit_per_kwh: "每 kWh",
    unit_g_per_kwh: "g CO₂e/kWh",
    given_mark: "（指定）",
    cbeci_default_mark: "（CBECI 默认值）",
    above_loses_mark: "（能效更差的矿机亏损）",

    sources: "P [GW] = J/TH × H [TH/s] / 1e9 × PUE；能耗按每年 8,766 h 计；CO₂ = TWh × g/kWh / 1000。当 J/TH × 24/1000 × 电价 < 每 TH 的哈希价格时，矿机盈利。方法：剑桥 CBECI。",
    unavailable: "全网视图需要一个可以正常计算的情景。",
};
