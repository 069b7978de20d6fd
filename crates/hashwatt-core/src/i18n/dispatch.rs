//! Words of the hour-by-hour dispatch: the window's Dispatch tab and `hashwatt dispatch`.

#[derive(serde::Serialize)]
pub struct DispatchStrings {
    pub tab: &'static str,
    pub title: &'static str,
    /// Under the title: what the view does, and the rule.
    pub intro: &'static str,

    // Inputs
    pub credit: &'static str,
    pub min_run: &'static str,
    pub min_off: &'static str,
    pub import: &'static str,
    pub importing: &'static str,
    pub use_tariff: &'static str,
    pub clear: &'static str,
    /// "{file}: {steps} steps of {step} min from {from}".
    pub series_line: &'static str,
    /// "Time-of-use tariff, {year}: {periods} periods".
    pub tariff_line: &'static str,
    /// No series and no tariff.
    pub none_yet: &'static str,
    /// "With power modes: {names}".
    pub modes_line: &'static str,
    /// "Break-even: mines when power costs less than {value} USD/MWh".
    pub break_even_line: &'static str,

    // Cards
    pub always_on: &'static str,
    pub dispatched: &'static str,
    pub profit: &'static str,
    pub uptime: &'static str,
    pub co2: &'static str,
    pub intensity_paid: &'static str,
    pub mean_price_paid: &'static str,
    pub credits: &'static str,
    pub hours_mined: &'static str,

    // Charts
    pub duration_title: &'static str,
    pub duration_x: &'static str,
    pub cost_axis: &'static str,
    pub break_even: &'static str,
    pub mined: &'static str,
    pub idle: &'static str,
    pub week_title: &'static str,
    /// "Week of {date}".
    pub week_of: &'static str,
    pub previous_week: &'static str,
    pub next_week: &'static str,
    pub hours_axis: &'static str,

    // Command line
    pub cli_steps: &'static str,
    pub cli_hours: &'static str,
    pub cli_energy: &'static str,
    pub cli_electricity: &'static str,
    pub cli_btc: &'static str,
    pub cli_revenue: &'static str,
    pub cli_carbon: &'static str,
    pub cli_opex: &'static str,
    pub cli_profit_always_on: &'static str,
    pub cli_co2_always_on: &'static str,
    pub cli_intensity_always_on: &'static str,
    pub cli_hours_in_mode: &'static str,
    /// Neither `--prices` nor a tariff in the scenario.
    pub cli_no_prices: &'static str,
    /// Source line: "Prices: {what}".
    pub cli_prices_from: &'static str,
    pub cli_tariff: &'static str,
}

pub const EN: DispatchStrings = DispatchStrings {
    tab: "Dispatch",
    title: "Hour by hour: price series, tariffs, curtailment and power modes",
    intro: "Import a price series (CSV: timestamp,price_usd_mwh[,intensity_g_kwh]) or use the scenario's time-of-use tariff. In each step the fleet mines only if power (price + carbon price × intensity) costs less than what a kWh of mining earns; with power modes it runs the mode that earns most after power, or stays off.",
    credit: "Demand-response credit",
    min_run: "Minimum run time",
    min_off: "Minimum off time",
    import: "Import prices…",
    importing: "Reading the price series…",
    use_tariff: "Use the scenario's tariff",
    clear: "Clear",
    series_line: "{file}: {steps} steps of {step} min from {from}",
    tariff_line: "Time-of-use tariff, {year}: {periods} periods",
    none_yet: "No prices yet: import a price series, or give the scenario a tariff.",
    modes_line: "With power modes: {names}",
    break_even_line: "Mines when power costs less than {value} USD/MWh (the break-even).",
    always_on: "Always on",
    dispatched: "Dispatched",
    profit: "Profit",
    uptime: "Uptime",
    co2: "CO₂",
    intensity_paid: "Intensity paid",
    mean_price_paid: "Mean price paid",
    credits: "Credits",
    hours_mined: "Hours mined",
    duration_title: "Price-duration curve",
    duration_x: "Share of the time, % (dearest first)",
    cost_axis: "Cost of power, USD/MWh",
    break_even: "Break-even",
    mined: "Mined",
    idle: "Off",
    week_title: "One week",
    week_of: "Week of {date}",
    previous_week: "Previous week",
    next_week: "Next week",
    hours_axis: "Hours into the week",
    cli_steps: "Steps",
    cli_hours: "Hours",
    cli_energy: "Energy",
    cli_electricity: "Electricity cost",
    cli_btc: "BTC mined",
    cli_revenue: "Revenue",
    cli_carbon: "Carbon cost",
    cli_opex: "Opex",
    cli_profit_always_on: "Profit, always on",
    cli_co2_always_on: "CO₂, always on",
    cli_intensity_always_on: "Intensity, always on",
    cli_hours_in_mode: "Hours in mode {name}",
    cli_no_prices: "no prices: give --prices FILE.csv, or a scenario file with a `dispatch.tariff`",
    cli_prices_from: "Prices",
    cli_tariff: "the scenario's time-of-use tariff ({year})",
};

pub const ZH: DispatchStrings = DispatchStrings {
    tab: "调度",
    title: "逐时调度：价格序列、分时电价、限电与功率模式",
    intro: "导入价格序列（CSV：timestamp,price_usd_mwh[,intensity_g_kwh]），或使用情景中的分时电价。每个时段，只有当电力成本（电价 + 碳价 × 排放强度）低于每千瓦时挖矿收入时，矿场才挖矿；有功率模式时，运行扣除电费后收益最高的模式，或停机。",
    credit: "需求响应补偿",
    min_run: "最短运行时间",
    min_off: "最短停机时间",
    import: "导入价格…",
    importing: "正在读取价格序列…",
    use_tariff: "使用情景的分时电价",
    clear: "清除",
    series_line: "{file}：{steps} 个 {step} 分钟时段，自 {from} 起",
    tariff_line: "分时电价，{year} 年：{periods} 个时段",
    none_yet: "尚无价格：请导入价格序列，或为情景设置分时电价。",
    modes_line: "功率模式：{names}",
    break_even_line: "当电力成本低于 {value} USD/MWh（盈亏平衡点）时挖矿。",
    always_on: "始终运行",
    dispatched: "按调度运行",
    profit: "利润",
    uptime: "运行率",
    co2: "CO₂",
    intensity_paid: "所用电力排放强度",
    mean_price_paid: "平均支付电价",
    credits: "补偿",
    hours_mined: "挖矿小时数",
    duration_title: "价格持续曲线",
    duration_x: "时间占比，%（由贵到廉）",
    cost_axis: "电力成本，USD/MWh",
    break_even: "盈亏平衡",
    mined: "挖矿",
    idle: "停机",
    week_title: "一周",
    week_of: "{date} 起的一周",
    previous_week: "上一周",
    next_week: "下一周",
    hours_axis: "本周第几小时",
    cli_steps: "时段数",
    cli_hours: "小时数",
    cli_energy: "电量",
    cli_electricity: "电费",
    cli_btc: "挖得 BTC",
    cli_revenue: "收入",
    cli_carbon: "碳成本",
    cli_opex: "运营费用",
    cli_profit_always_on: "利润（始终运行）",
    cli_co2_always_on: "CO₂（始终运行）",
    cli_intensity_always_on: "排放强度（始终运行）",
    cli_hours_in_mode: "{name} 模式小时数",
    cli_no_prices: "没有价格：请给出 --prices FILE.csv，或含有 `dispatch.tariff` 的情景文件",
    cli_prices_from: "价格",
    cli_tariff: "情景的分时电价（{year} 年）",
};

#[cfg(test)]
mod tests {
    #[test]
    fn both_tables_have_every_key_with_the_same_placeholders() {
        let en = serde_json::to_value(super::EN).unwrap();
        let zh = serde_json::to_value(super::ZH).unwrap();
        for (key, value) in en.as_object().unwrap() {
            let zh = zh[key].as_str().unwrap();
            assert!(!zh.is_empty(), "{key}");
            assert_eq!(
                crate::i18n::placeholders(value.as_str().unwrap()),
                crate::i18n::placeholders(zh),
                "{key}"
            );
        }
    }
}
