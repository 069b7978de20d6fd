//! Names, units and formulas of the result figures: the cards in the window and exported reports.

/// A figure's label, unit and formula (shown in tooltips and exported reports).
#[derive(Clone, Copy, Debug, serde::Serialize)]
pub struct Figure {
    pub label: &'static str,
    pub unit: &'static str,
    pub formula: &'static str,
}

#[derive(serde::Serialize)]
pub struct ResultStrings {
    pub fleet_hashrate_ths: Figure,
    pub efficiency_j_per_th: Figure,
    pub power_kw: Figure,
    pub energy_kwh_per_day: Figure,
    pub energy_mwh_per_year: Figure,
    pub grid_intensity_g_per_kwh: Figure,
    pub co2_kg_per_day: Figure,
    pub co2_t_per_year: Figure,
    pub network_hashrate_ehs: Figure,
    pub btc_per_day: Figure,
    pub revenue_usd_per_day: Figure,
    pub electricity_cost_usd_per_day: Figure,
    pub carbon_cost_usd_per_day: Figure,
    pub opex_usd_per_day: Figure,
    pub profit_usd_per_day: Figure,
    pub hashprice_usd_per_ph_day: Figure,
    pub break_even_btc_price_usd: Figure,
    pub all_in_cost_per_btc_usd: Figure,
    pub break_even_electricity_usd_kwh: Figure,
    pub energy_kwh_per_btc: Figure,
    pub co2_t_per_btc: Figure,
    pub payback_days: Figure,
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

impl ResultStrings {
    /// Every figure with its JSON key, in the order of the `--json` output.
    pub fn all(&self) -> [(&'static str, Figure); 22] {
        [
            ("fleet_hashrate_ths", self.fleet_hashrate_ths),
            ("efficiency_j_per_th", self.efficiency_j_per_th),
            ("power_kw", self.power_kw),
            ("energy_kwh_per_day", self.energy_kwh_per_day),
            ("energy_mwh_per_year", self.energy_mwh_per_year),
            ("grid_intensity_g_per_kwh", self.grid_intensity_g_per_kwh),
            ("co2_kg_per_day", self.co2_kg_per_day),
            ("co2_t_per_year", self.co2_t_per_year),
            ("network_hashrate_ehs", self.network_hashrate_ehs),
            ("btc_per_day", self.btc_per_day),
            ("revenue_usd_per_day", self.revenue_usd_per_day),
            (
                "electricity_cost_usd_per_day",
                self.electricity_cost_usd_per_day,
            ),
            ("carbon_cost_usd_per_day", self.carbon_cost_usd_per_day),
            ("opex_usd_per_day", self.opex_usd_per_day),
            ("profit_usd_per_day", self.profit_usd_per_day),
            ("hashprice_usd_per_ph_day", self.hashprice_usd_per_ph_day),
            ("break_even_btc_price_usd", self.break_even_btc_price_usd),
            ("all_in_cost_per_btc_usd", self.all_in_cost_per_btc_usd),
            (
                "break_even_electricity_usd_kwh",
                self.break_even_electricity_usd_kwh,
            ),
            ("energy_kwh_per_btc", self.energy_kwh_per_btc),
            ("co2_t_per_btc", self.co2_t_per_btc),
            ("payback_days", self.payback_days),
        ]
    }
}

const fn fig(label: &'static str, unit: &'static str, formula: &'static str) -> Figure {
    Figure {
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
        "revenue − electricity − opex − carbon (cash; depreciation excluded)",
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
        "收入 − 电费 − 运营支出 − 碳成本 (现金口径，不计折旧)",
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
    header_figure: "指标",
    header_value: "数值",
    header_unit: "单位",
    header_key: "键名",
    report_title: "hashwatt 计算结果：{name}",
    undefined: "—",
    never: "无法回本",
};
