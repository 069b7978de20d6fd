//! Names, units and formulas of the result figures: the cards in the window and exported reports.

/// A figure's label, unit and formula (shown in tooltips and exported reports). Which figure
/// has which words is said once, by `crate::figures::Figure::words`.
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct FigureWords {
    pub label: &'static str,
    pub unit: &'static str,
    pub formula: &'static str,
}

#[derive(serde::Serialize)]
pub struct ResultStrings {
    pub fleet_hashrate_ths: FigureWords,
    pub efficiency_j_per_th: FigureWords,
    pub power_kw: FigureWords,
    pub energy_kwh_per_day: FigureWords,
    pub energy_mwh_per_year: FigureWords,
    pub grid_intensity_g_per_kwh: FigureWords,
    pub co2_kg_per_day: FigureWords,
    pub co2_t_per_year: FigureWords,
    pub network_hashrate_ehs: FigureWords,
    pub btc_per_day: FigureWords,
    pub revenue_usd_per_day: FigureWords,
    pub electricity_cost_usd_per_day: FigureWords,
    pub carbon_cost_usd_per_day: FigureWords,
    pub opex_usd_per_day: FigureWords,
    pub profit_usd_per_day: FigureWords,
    pub hashprice_usd_per_ph_day: FigureWords,
    pub break_even_btc_price_usd: FigureWords,
    pub all_in_cost_per_btc_usd: FigureWords,
    pub break_even_electricity_usd_kwh: FigureWords,
    pub energy_kwh_per_btc: FigureWords,
    pub co2_t_per_btc: FigureWords,
    pub payback_days: FigureWords,
    pub effective_uptime_pct: FigureWords,
    pub curtailment_credit_usd_per_day: FigureWords,
    pub supply_price_usd_per_kwh: FigureWords,
    pub heat_revenue_usd_per_day: FigureWords,
    pub heat_displaced_co2_t_per_year: FigureWords,
    pub flaring_avoided_co2_t_per_year: FigureWords,
    /// Column headers of exported reports.
    pub header_figure: &'static str,
    pub header_value: &'static str,
    pub header_unit: &'static str,
    pub header_key: &'static str,
    /// Title of an exported report: "hashwatt results: {name}".
    pub report_title: &'static str,
    pub undefined: &'static str,
    pub never: &'static str,
}

const fn fig(label: &'static str, unit: &'static str, formula: &'static str) -> FigureWords {
    FigureWords {
        label,
        unit,
        formula,
    }
}

pub const EN: ResultStrings = ResultStrings {
    fleet_hashrate_ths: fig("Fleet hashrate", "TH/s", "Σ units × TH/s"),
    efficiency_j_per_th: fig("Efficiency", "J/TH", "IT power / fleet hashrate"),
    power_kw: fig("Power draw", "kW", "Σ units × W × PUE / 1000"),
    energy_kwh_per_day: fig("Energy per day", "kWh/day", "power × 24 h × uptime"),
    energy_mwh_per_year: fig(
        "Energy per year",
        "MWh/year",
        "energy per day × 365.25 / 1000",
    ),
    grid_intensity_g_per_kwh: fig(
        "Grid intensity",
        "g CO₂e/kWh",
        "the region's measured intensity, or Σ share × emission factor of the mix",
    ),
    co2_kg_per_day: fig("CO₂ per day", "kg/day", "energy per day × intensity / 1000"),
    co2_t_per_year: fig("CO₂ per year", "t/year", "CO₂ per day × 365.25 / 1000"),
    network_hashrate_ehs: fig(
        "Network hashrate",
        "EH/s",
        "given, or difficulty × 2³² / 600",
    ),
    btc_per_day: fig(
        "BTC per day",
        "BTC/day",
        "fleet hashrate × uptime / network hashrate × 144 × (subsidy + fees) × (1 − pool fee)",
    ),
    revenue_usd_per_day: fig("Revenue", "USD/day", "BTC per day × BTC price"),
    electricity_cost_usd_per_day: fig(
        "Electricity cost",
        "USD/day",
        "energy per day × electricity price",
    ),
    carbon_cost_usd_per_day: fig("Carbon cost", "USD/day", "CO₂ t/day × carbon price"),
    opex_usd_per_day: fig("Opex", "USD/day", "monthly opex × 12 / 365.25"),
    profit_usd_per_day: fig(
        "Profit per day",
        "USD/day",
        "revenue + other income − electricity − opex − carbon (cash; depreciation excluded); other income: the levers' demand-response credit and heat sold",
    ),
    hashprice_usd_per_ph_day: fig(
        "Hashprice",
        "USD/PH/day",
        "10¹⁵ / network hashrate × 144 × (subsidy + fees) × BTC price (before pool fee and downtime)",
    ),
    break_even_btc_price_usd: fig(
        "Break-even BTC price",
        "USD",
        "(electricity + opex + carbon) / BTC per day: the cash cost to mine one BTC",
    ),
    all_in_cost_per_btc_usd: fig(
        "All-in cost per BTC",
        "USD",
        "(cash costs + hardware / (life × 365.25)) / BTC per day",
    ),
    break_even_electricity_usd_kwh: fig(
        "Break-even power price",
        "USD/kWh",
        "(revenue − opex) / energy per day − intensity × carbon price / 10⁶",
    ),
    energy_kwh_per_btc: fig("Energy per BTC", "kWh/BTC", "energy per day / BTC per day"),
    co2_t_per_btc: fig("CO₂ per BTC", "t/BTC", "CO₂ per day / BTC per day"),
    payback_days: fig(
        "Payback",
        "days",
        "hardware cost / daily profit; never when profit ≤ 0",
    ),
    effective_uptime_pct: fig(
        "Uptime after curtailment",
        "%",
        "uptime × (1 − hours curtailed / 8,766)",
    ),
    curtailment_credit_usd_per_day: fig(
        "Demand-response credit",
        "USD/day",
        "planned energy × hours curtailed / 8,766 / 1000 × credit per MWh",
    ),
    supply_price_usd_per_kwh: fig(
        "Blended power price",
        "USD/kWh",
        "share × renewable price + (1 − share) × site price",
    ),
    heat_revenue_usd_per_day: fig(
        "Heat sold",
        "USD/day",
        "energy per day × share used / 1000 × heat price per MWh",
    ),
    heat_displaced_co2_t_per_year: fig(
        "CO₂ displaced by the heat",
        "t/year",
        "energy × share used × emissions of the heat replaced / 10⁶ × 365.25; beside the site's CO₂, never subtracted",
    ),
    flaring_avoided_co2_t_per_year: fig(
        "Flaring avoided",
        "t/year",
        "energy × flaring emissions avoided per kWh / 10⁶ × 365.25; a counterfactual, never netted",
    ),
    header_figure: "Figure",
    header_value: "Value",
    header_unit: "Unit",
    header_key: "Key",
    report_title: "hashwatt results: {name}",
    undefined: "—",
    never: "never",
};

/// Simplified Chinese.
pub const ZH: ResultStrings = ResultStrings {
    fleet_hashrate_ths: fig("矿场算力", "TH/s", "Σ 台数 × TH/s"),
    efficiency_j_per_th: fig("能效", "J/TH", "IT 功率 / 矿场算力"),
    power_kw: fig("功耗", "kW", "Σ 台数 × W × PUE / 1000"),
    energy_kwh_per_day: fig("日耗电量", "kWh/天", "功率 × 24 h × 在线率"),
    energy_mwh_per_year: fig("年耗电量", "MWh/年", "日耗电量 × 365.25 / 1000"),
    grid_intensity_g_per_kwh: fig(
        "电网碳强度",
        "g CO₂e/kWh",
        "该地区的实测碳强度，或能源结构的 Σ 占比 × 排放因子",
    ),
    co2_kg_per_day: fig("日 CO₂ 排放", "kg/天", "日耗电量 × 碳强度 / 1000"),
    co2_t_per_year: fig("年 CO₂ 排放", "t/年", "日 CO₂ 排放 × 365.25 / 1000"),
    network_hashrate_ehs: fig("全网算力", "EH/s", "输入值，或难度 × 2³² / 600"),
    btc_per_day: fig(
        "日产 BTC",
        "BTC/天",
        "矿场算力 × 在线率 / 全网算力 × 144 × (区块补贴 + 手续费) × (1 − 矿池费率)",
    ),
    revenue_usd_per_day: fig("收入", "USD/天", "日产 BTC × BTC 价格"),
    electricity_cost_usd_per_day: fig("电费", "USD/天", "日耗电量 × 电价"),
    carbon_cost_usd_per_day: fig("碳成本", "USD/天", "CO₂ t/天 × 碳价"),
    opex_usd_per_day: fig("运营支出", "USD/天", "月运营支出 × 12 / 365.25"),
    profit_usd_per_day: fig(
        "日利润",
        "USD/天",
        "收入 + 其他收入 − 电费 − 运营支出 − 碳成本 (现金口径，不计折旧)；其他收入：需求响应补偿与售热收入",
    ),
    hashprice_usd_per_ph_day: fig(
        "哈希价格",
        "USD/PH/天",
        "10¹⁵ / 全网算力 × 144 × (区块补贴 + 手续费) × BTC 价格 (未扣除矿池费及停机损失)",
    ),
    break_even_btc_price_usd: fig(
        "盈亏平衡 BTC 价格",
        "USD",
        "(电费 + 运营支出 + 碳成本) / 日产 BTC：即挖出 1 枚 BTC 的现金成本",
    ),
    all_in_cost_per_btc_usd: fig(
        "每 BTC 全成本",
        "USD",
        "(现金成本 + 硬件成本 / (使用年限 × 365.25)) / 日产 BTC",
    ),
    break_even_electricity_usd_kwh: fig(
        "盈亏平衡电价",
        "USD/kWh",
        "(收入 − 运营支出) / 日耗电量 − 碳强度 × 碳价 / 10⁶",
    ),
    energy_kwh_per_btc: fig("每 BTC 耗电量", "kWh/BTC", "日耗电量 / 日产 BTC"),
    co2_t_per_btc: fig("每 BTC CO₂ 排放", "t/BTC", "日 CO₂ 排放 / 日产 BTC"),
    payback_days: fig("回本周期", "天", "硬件成本 / 日利润；利润 ≤ 0 时无法回本"),
    effective_uptime_pct: fig("削减后的在线率", "%", "在线率 × (1 − 削减小时数 / 8,766)"),
    curtailment_credit_usd_per_day: fig(
        "需求响应补偿",
        "USD/天",
        "计划耗电量 × 削减小时数 / 8,766 / 1000 × 每 MWh 补偿",
    ),
    supply_price_usd_per_kwh: fig(
        "综合电价",
        "USD/kWh",
        "占比 × 可再生电价 + (1 − 占比) × 电网电价",
    ),
    heat_revenue_usd_per_day: fig(
        "售热收入",
        "USD/天",
        "日耗电量 × 利用比例 / 1000 × 每 MWh 热价",
    ),
    heat_displaced_co2_t_per_year: fig(
        "余热替代的 CO₂",
        "t/年",
        "日耗电量 × 利用比例 × 被替代热源的排放 / 10⁶ × 365.25；与矿场自身排放分列，不相减",
    ),
    flaring_avoided_co2_t_per_year: fig(
        "避免的火炬燃烧",
        "t/年",
        "日耗电量 × 每 kWh 避免的火炬排放 / 10⁶ × 365.25；反事实估算，不抵扣",
    ),
    header_figure: "指标",
    header_value: "数值",
    header_unit: "单位",
    header_key: "键名",
    report_title: "hashwatt 计算结果：{name}",
    undefined: "—",
    never: "无法回本",
};
