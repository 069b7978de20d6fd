//! Words of the command line's tables, notes and errors (`hashwatt --lang zh …`), the names of
//! presets in the chosen language, and padding that counts Chinese characters as two columns.
//!
//! JSON keys and CSV headers are machine-readable and stay English; only what people read is
//! here. Figure labels that the result cards also show come from [`super::results`].

use serde::Serialize;

#[derive(Serialize)]
pub struct CliStrings {
    // Errors and warnings
    /// Before every error line.
    pub error_prefix: &'static str,
    /// Before a warning about the results: "warning: ".
    pub warning_prefix: &'static str,
    /// "warning: skipped preset {problem}".
    pub warning_skipped_preset: &'static str,
    /// The presets folder's history does not read: "warning: {problem} (the built-in history is
    /// used)".
    pub warning_builtin_history: &'static str,
    pub write_failed: &'static str,
    /// "--out: \"{path}\" must end in .png or .svg".
    pub out_extension: &'static str,
    pub chart_failed: &'static str,
    /// `--units` or `--hardware-cost-usd` on a fleet of several models.
    pub one_model_fleet: &'static str,
    /// After an unknown id: " (did you mean \"{near}\"?)".
    pub did_you_mean: &'static str,
    pub unknown_preset: &'static str,
    pub unknown_market: &'static str,
    pub no_market: &'static str,

    // Errors of the argument parser, rebuilt from its context
    pub bad_value: &'static str,
    pub bad_choice: &'static str,
    pub value_required: &'static str,
    pub unexpected_argument: &'static str,
    pub unknown_subcommand: &'static str,
    pub conflict: &'static str,
    pub used_twice: &'static str,
    pub missing_arguments: &'static str,

    // What a flag allows (the engine's limits in words)
    pub must_be: &'static str,
    pub not_a_number: &'static str,
    /// "`{text}` is not a month (YYYY-MM)": a `--from` or `--to` of the history's commands.
    pub not_a_month: &'static str,
    pub one_of: &'static str,
    pub unknown_chart: &'static str,
    pub mix_not_a_pair: &'static str,
    pub mix_unknown_source: &'static str,
    pub mix_share_not_a_number: &'static str,

    // Ranges of `sweep`
    pub range_not_a_range: &'static str,
    pub range_end_not_a_number: &'static str,
    pub range_end_outside: &'static str,
    pub range_order: &'static str,
    pub range_count: &'static str,
    pub range_allowed: &'static str,
    pub range_required: &'static str,
    pub not_a_number_or_range: &'static str,
    pub sweep_no_rows: &'static str,
    pub sweep_two_rows: &'static str,
    pub sweep_no_columns: &'static str,

    // `report`: the header
    /// The title of a scenario without a name.
    pub untitled: &'static str,
    pub site: &'static str,
    pub grid: &'static str,
    pub fleet: &'static str,
    pub market: &'static str,
    /// "{name} (custom mix)".
    pub region_custom_mix: &'static str,
    pub custom_mix: &'static str,
    /// "{how} ({convention}, {year}); source: {source}".
    pub grid_measured: &'static str,
    pub grid_how_estimate: &'static str,
    pub grid_how_measured: &'static str,
    pub convention_ember: &'static str,
    pub convention_electricity_maps: &'static str,
    pub convention_estimated: &'static str,
    /// "mix × {table}".
    pub grid_mix: &'static str,
    /// "{units} × {name}".
    pub fleet_entry: &'static str,
    pub fleet_separator: &'static str,
    pub fleet_none: &'static str,
    /// A miner without an id or a name: "Custom miner {n}".
    pub custom_miner: &'static str,
    /// "{snapshot}BTC {price}, subsidy {subsidy} + fees {fees} BTC/block".
    pub market_line: &'static str,
    /// "{name} snapshot{changes}; ".
    pub market_snapshot: &'static str,
    pub market_changed: &'static str,

    // `report`: sections and rows
    pub section_power: &'static str,
    pub section_carbon: &'static str,
    pub section_mining: &'static str,
    pub section_money: &'static str,
    pub section_break_even: &'static str,
    pub section_levers: &'static str,
    pub power_with_pue: &'static str,
    /// After a value and its unit: "  (range {low}–{high})".
    pub range: &'static str,
    pub btc_mined: &'static str,
    pub unit_btc_per_day: &'static str,
    pub electricity: &'static str,
    pub profit: &'static str,
    pub hardware: &'static str,
    pub verdict_profitable: &'static str,
    pub verdict_losing: &'static str,
    pub with_depreciation: &'static str,
    /// "{days} days ({years} years)".
    pub payback_days: &'static str,
    /// The levers' income in the Money section (demand-response credit and heat sold).
    pub other_income: &'static str,
    pub per_day: &'static str,
    /// After a mass of CO₂: " per year (apart, not netted)".
    pub per_year_apart: &'static str,
    pub per_year_counterfactual: &'static str,

    // `project`
    /// "{name}: {months}-month projection".
    pub projection_title: &'static str,
    pub col_month: &'static str,
    pub col_ending: &'static str,
    pub col_network: &'static str,
    pub col_btc_price: &'static str,
    pub col_subsidy: &'static str,
    pub col_btc_mined: &'static str,
    pub col_revenue: &'static str,
    pub col_costs: &'static str,
    pub col_profit: &'static str,
    pub col_cumulative: &'static str,
    pub summary: &'static str,
    pub cash_costs: &'static str,
    pub resale: &'static str,
    pub cash_cost_per_btc: &'static str,
    /// "month {month}".
    pub payback_month: &'static str,
    pub payback_never: &'static str,
    /// When the projection switches the fleet off in months that lose cash.
    pub switched_off_from: &'static str,
    pub no_halvings: &'static str,
    /// "Halving at height {height} in month {month}{date} (estimated at 144 blocks a day): subsidy {subsidy} BTC".
    pub halving: &'static str,
    /// ", about {date}".
    pub halving_date: &'static str,

    // `presets list`
    /// "{kind} ({count})".
    pub presets_heading: &'static str,
    pub kind_regions: &'static str,
    pub kind_miners: &'static str,
    pub kind_emission_factors: &'static str,
    pub kind_markets: &'static str,
    pub kind_mining_maps: &'static str,
    pub kind_scenarios: &'static str,
    /// An emission-factor table in the list: "{name} ({kind}, {year})".
    pub factors_line: &'static str,
    pub factors_lifecycle: &'static str,
    pub factors_direct: &'static str,
    /// In the mining-map list: "{count} regions".
    pub map_regions: &'static str,

    // `compare`
    pub best_note: &'static str,

    // `sweep`
    pub sweep_electricity_prices: &'static str,
    pub sweep_difficulties: &'static str,
    pub sweep_network_hashrates: &'static str,
    /// "{name}: daily profit over {rows} × BTC prices".
    pub sweep_title: &'static str,
    pub sweep_rows: &'static str,
    pub sweep_columns: &'static str,
    pub sweep_profit: &'static str,
    pub sweep_now: &'static str,
    /// "{count} {what} from {from} to {to}{unit}".
    pub sweep_rows_line: &'static str,
    pub sweep_columns_line: &'static str,
    pub sweep_profit_line: &'static str,
    pub sweep_now_line: &'static str,
    pub sweep_col_difficulty: &'static str,
    pub sweep_col_break_even: &'static str,
    /// "profit at {price}".
    pub sweep_col_profit_at: &'static str,
}

pub const EN: CliStrings = CliStrings {
    error_prefix: "error: ",
    warning_prefix: "warning: ",
    warning_skipped_preset: "warning: skipped preset {problem}",
    warning_builtin_history: "warning: {problem} (the built-in history is used)",
    write_failed: "cannot write the output: {error}",
    out_extension: "--out: \"{path}\" must end in .png or .svg",
    chart_failed: "cannot draw the chart: {error}",
    one_model_fleet: "{flag}: the scenario's fleet has {count} models; {flag} applies to a one-model fleet (or give --miner to replace the fleet)",
    did_you_mean: " (did you mean \"{near}\"?)",
    unknown_preset: "unknown preset \"{id}\"{hint}; `hashwatt presets list` shows the known ids",
    unknown_market: "--market: unknown market snapshot \"{id}\"{hint}; `hashwatt presets list markets` shows the known ids",
    no_market: "no market snapshot is loaded",

    bad_value: "invalid value '{value}' for '{flag}': {reason}",
    bad_choice: "invalid value '{value}' for '{flag}' [possible values: {values}]",
    value_required: "a value is required for '{flag}' but none was supplied",
    unexpected_argument: "unexpected argument '{arg}' found",
    unknown_subcommand: "unrecognized subcommand '{name}'",
    conflict: "the argument '{arg}' cannot be used with {others}",
    used_twice: "the argument '{arg}' cannot be used multiple times",
    missing_arguments: "the following required arguments were not provided: {args}",

    must_be: "must be {allowed}",
    not_a_number: "not a number; must be {allowed}",
    not_a_month: "`{text}` is not a month (YYYY-MM)",
    one_of: "must be one of {names}",
    unknown_chart: "unknown chart; must be one of {names}",
    mix_not_a_pair: "\"{part}\" is not SOURCE=PCT; e.g. coal=60,hydro=40",
    mix_unknown_source: "unknown source \"{name}\"; the sources are {known}",
    mix_share_not_a_number: "the {name} share \"{share}\" is not a number",

    range_not_a_range: "not a range A:B:N; {allowed}",
    range_end_not_a_number: "{end} is not a number; must be {allowed}",
    range_end_outside: "{end} must be {allowed}",
    range_order: "A must be below B",
    range_count: "N must be a whole number from {min} to {max}",
    range_allowed: "A and B each {allowed}, A below B, and N a whole number from {min} to {max}",
    range_required: "must be a range A:B:N (N values from A to B); {allowed}",
    not_a_number_or_range: "not a number or a range A:B:N; must be {allowed}, or A:B:N",
    sweep_no_rows: "--electricity-usd-kwh: give the rows a range A:B:N (e.g. 0:0.2:101), or give one to --difficulty or --network-hashrate-ehs",
    sweep_two_rows: "{second}: only one input can be swept along the rows, and {first} already is; give {second} a single number",
    sweep_no_columns: "--btc-price-usd: give the columns a range A:B:N of BTC prices (e.g. 20000:200000:91)",

    untitled: "Scenario",
    site: "Site:",
    grid: "Grid:",
    fleet: "Fleet:",
    market: "Market:",
    region_custom_mix: "{name} (custom mix)",
    custom_mix: "custom mix",
    grid_measured: "{how} ({convention}, {year}); source: {source}",
    grid_how_estimate: "an estimate",
    grid_how_measured: "measured",
    convention_ember: "Ember, life-cycle, production-based",
    convention_electricity_maps: "Electricity Maps, life-cycle, consumption-based (imports included)",
    convention_estimated: "estimated from the mix",
    grid_mix: "mix × {table}",
    fleet_entry: "{units} × {name}",
    fleet_separator: ", ",
    fleet_none: "none",
    custom_miner: "Custom miner {n}",
    market_line: "{snapshot}BTC {price}, subsidy {subsidy} + fees {fees} BTC/block",
    market_snapshot: "{name} snapshot{changes}; ",
    market_changed: " with changes",

    section_power: "Power and energy",
    section_carbon: "Carbon",
    section_mining: "Mining",
    section_money: "Money (USD per day)",
    section_break_even: "Break-even",
    section_levers: "Levers (included above, except the CO₂ marked apart)",
    power_with_pue: "Power draw (with PUE)",
    range: "  (range {low}–{high})",
    btc_mined: "BTC mined",
    unit_btc_per_day: "BTC/day",
    electricity: "Electricity",
    profit: "Profit",
    hardware: "Hardware",
    verdict_profitable: "below the BTC price: profitable",
    verdict_losing: "above the BTC price: losing money",
    with_depreciation: "with depreciation",
    payback_days: "{days} days ({years} years)",
    other_income: "Other income (levers)",
    per_day: "per day",
    per_year_apart: " per year (apart, not netted)",
    per_year_counterfactual: " per year (a counterfactual, not netted)",

    projection_title: "{name}: {months}-month projection",
    col_month: "month",
    col_ending: "ending",
    col_network: "net EH/s",
    col_btc_price: "BTC USD",
    col_subsidy: "subsidy",
    col_btc_mined: "BTC mined",
    col_revenue: "revenue",
    col_costs: "costs",
    col_profit: "profit",
    col_cumulative: "cumulative",
    summary: "Summary",
    cash_costs: "Cash costs",
    resale: "Resale at the end",
    cash_cost_per_btc: "Cash cost per BTC",
    payback_month: "month {month}",
    payback_never: "never (within the horizon)",
    switched_off_from: "The fleet is switched off from month {month}, in every month whose mining would lose cash (fixed opex is still paid).",
    no_halvings: "No halvings modelled: the block height is unknown (the subsidy was given directly).",
    halving: "Halving at height {height} in month {month}{date} (estimated at 144 blocks a day): subsidy {subsidy} BTC",
    halving_date: ", about {date}",

    presets_heading: "{kind} ({count})",
    kind_regions: "regions",
    kind_miners: "miners",
    kind_emission_factors: "emission-factors",
    kind_markets: "markets",
    kind_mining_maps: "mining-maps",
    kind_scenarios: "scenarios",
    factors_line: "{name} ({kind}, {year})",
    factors_lifecycle: "Lifecycle",
    factors_direct: "Direct",
    map_regions: "{count} regions",

    best_note: "* best in the row (lower or higher, as the figure goes)",

    sweep_electricity_prices: "electricity prices",
    sweep_difficulties: "difficulties",
    sweep_network_hashrates: "network hashrates",
    sweep_title: "{name}: daily profit over {rows} × BTC prices",
    sweep_rows: "Rows:",
    sweep_columns: "Columns:",
    sweep_profit: "Profit:",
    sweep_now: "Now:",
    sweep_rows_line: "{count} {what} from {from} to {to}{unit}",
    sweep_columns_line: "{count} BTC prices from {from} to {to}",
    sweep_profit_line: "from {low} to {high} per day over {cells} cells (--csv prints every cell)",
    sweep_now_line: "{value}{unit} and BTC at {price}: {profit} per day; break-even BTC price {break_even}",
    sweep_col_difficulty: "difficulty",
    sweep_col_break_even: "break-even BTC",
    sweep_col_profit_at: "profit at {price}",
};

/// Simplified Chinese.
pub const ZH: CliStrings = CliStrings {
    error_prefix: "错误：",
    warning_prefix: "警告：",
    warning_skipped_preset: "警告：已跳过预设 {problem}",
    warning_builtin_history: "警告：{problem}（改用内置的历史数据）",
    write_failed: "无法写入输出：{error}",
    out_extension: "--out：\"{path}\" 的扩展名必须是 .png 或 .svg",
    chart_failed: "无法绘制图表：{error}",
    one_model_fleet: "{flag}：该情景的矿机组合有 {count} 种型号；{flag} 只适用于单一型号（或用 --miner 替换整个矿机组合）",
    did_you_mean: "（是否想输入 \"{near}\"？）",
    unknown_preset: "未知预设 \"{id}\"{hint}；`hashwatt presets list` 列出可用的 id",
    unknown_market: "--market：未知行情快照 \"{id}\"{hint}；`hashwatt presets list markets` 列出可用的 id",
    no_market: "未加载任何行情快照",

    bad_value: "'{flag}' 的值 '{value}' 无效：{reason}",
    bad_choice: "'{flag}' 的值 '{value}' 无效 [可选值：{values}]",
    value_required: "'{flag}' 需要一个值，但未提供",
    unexpected_argument: "无法识别的参数 '{arg}'",
    unknown_subcommand: "无法识别的子命令 '{name}'",
    conflict: "参数 '{arg}' 不能与 {others} 同时使用",
    used_twice: "参数 '{arg}' 不能重复使用",
    missing_arguments: "缺少必需的参数：{args}",

    must_be: "必须是 {allowed}",
    not_a_number: "不是数字；必须是 {allowed}",
    not_a_month: "`{text}` 不是月份（YYYY-MM）",
    one_of: "必须是以下之一：{names}",
    unknown_chart: "未知图表；必须是以下之一：{names}",
    mix_not_a_pair: "\"{part}\" 不是 SOURCE=PCT 形式；例如 coal=60,hydro=40",
    mix_unknown_source: "未知能源 \"{name}\"；可用的能源：{known}",
    mix_share_not_a_number: "{name} 的占比 \"{share}\" 不是数字",

    range_not_a_range: "不是范围 A:B:N；{allowed}",
    range_end_not_a_number: "{end} 不是数字；必须是 {allowed}",
    range_end_outside: "{end} 必须是 {allowed}",
    range_order: "A 必须小于 B",
    range_count: "N 必须是 {min} 到 {max} 之间的整数",
    range_allowed: "A 和 B 均为 {allowed}，A 小于 B，N 为 {min} 到 {max} 之间的整数",
    range_required: "必须是范围 A:B:N（从 A 到 B 的 N 个值）；{allowed}",
    not_a_number_or_range: "不是数字或范围 A:B:N；必须是 {allowed}，或 A:B:N",
    sweep_no_rows: "--electricity-usd-kwh：请给行一个范围 A:B:N（如 0:0.2:101），或给 --difficulty 或 --network-hashrate-ehs 一个范围",
    sweep_two_rows: "{second}：行上只能扫描一个输入，而 {first} 已在扫描；请给 {second} 单个数值",
    sweep_no_columns: "--btc-price-usd：请给列一个 BTC 价格范围 A:B:N（如 20000:200000:91）",

    untitled: "情景",
    site: "站点：",
    grid: "电网：",
    fleet: "矿机：",
    market: "行情：",
    region_custom_mix: "{name}（自定义能源结构）",
    custom_mix: "自定义能源结构",
    grid_measured: "{how}（{convention}，{year}）；来源：{source}",
    grid_how_estimate: "估计值",
    grid_how_measured: "实测值",
    convention_ember: "Ember，全生命周期，按发电侧计",
    convention_electricity_maps: "Electricity Maps，全生命周期，按消费侧计，含进口电力",
    convention_estimated: "由能源结构估算",
    grid_mix: "能源结构 × {table}",
    fleet_entry: "{units} × {name}",
    fleet_separator: "，",
    fleet_none: "无",
    custom_miner: "自定义矿机 {n}",
    market_line: "{snapshot}BTC {price}，区块补贴 {subsidy} + 手续费 {fees} BTC/区块",
    market_snapshot: "{name}快照{changes}；",
    market_changed: "（有改动）",

    section_power: "功率与能耗",
    section_carbon: "碳排放",
    section_mining: "挖矿",
    section_money: "收支（USD/天）",
    section_break_even: "盈亏平衡",
    section_levers: "调节措施（已计入上文，单列的 CO₂ 除外）",
    power_with_pue: "功耗（含 PUE）",
    range: "（范围 {low}–{high}）",
    btc_mined: "挖出 BTC",
    unit_btc_per_day: "BTC/天",
    electricity: "电费",
    profit: "利润",
    hardware: "硬件",
    verdict_profitable: "低于 BTC 价格：盈利",
    verdict_losing: "高于 BTC 价格：亏损",
    with_depreciation: "含折旧",
    payback_days: "{days} 天（{years} 年）",
    other_income: "其他收入",
    per_day: "每天",
    per_year_apart: "/年（单列，未抵扣）",
    per_year_counterfactual: "/年（反事实估计，未抵扣）",

    projection_title: "{name}：{months} 个月预测",
    col_month: "月",
    col_ending: "截至",
    col_network: "全网 EH/s",
    col_btc_price: "BTC USD",
    col_subsidy: "区块补贴",
    col_btc_mined: "挖出 BTC",
    col_revenue: "收入",
    col_costs: "成本",
    col_profit: "利润",
    col_cumulative: "累计",
    summary: "汇总",
    cash_costs: "现金成本",
    resale: "期末转售",
    cash_cost_per_btc: "每 BTC 现金成本",
    payback_month: "第 {month} 个月",
    payback_never: "预测期内无法回本",
    switched_off_from: "从第 {month} 个月起，挖矿会亏损现金的月份关停矿机（固定运营支出照付）。",
    no_halvings: "未模拟减半：区块高度未知（区块补贴为直接给定）。",
    halving: "第 {month} 个月在区块高度 {height} 减半{date}（按每天 144 个区块估算）：区块补贴 {subsidy} BTC",
    halving_date: "，约 {date}",

    presets_heading: "{kind}（{count}）",
    kind_regions: "地区 regions",
    kind_miners: "矿机 miners",
    kind_emission_factors: "排放因子 emission-factors",
    kind_markets: "行情 markets",
    kind_mining_maps: "挖矿分布图 mining-maps",
    kind_scenarios: "情景 scenarios",
    factors_line: "{name}（{kind}，{year}）",
    factors_lifecycle: "全生命周期",
    factors_direct: "直接排放",
    map_regions: "{count} 个地区",

    best_note: "* 该行最优（按指标方向取低或取高）",

    sweep_electricity_prices: "电价",
    sweep_difficulties: "难度",
    sweep_network_hashrates: "全网算力",
    sweep_title: "{name}：不同{rows}与 BTC 价格下的每日利润",
    sweep_rows: "行：",
    sweep_columns: "列：",
    sweep_profit: "利润：",
    sweep_now: "当前：",
    sweep_rows_line: "{count} 个{what}，从 {from} 到 {to}{unit}",
    sweep_columns_line: "{count} 个 BTC 价格，从 {from} 到 {to}",
    sweep_profit_line: "每天 {low} 到 {high}，共 {cells} 个格点（--csv 输出全部格点）",
    sweep_now_line: "{value}{unit}，BTC 价格 {price}：每天 {profit}；盈亏平衡 BTC 价格 {break_even}",
    sweep_col_difficulty: "难度",
    sweep_col_break_even: "盈亏平衡 BTC 价",
    sweep_col_profit_at: "{price} 时利润",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn every_chinese_string_is_there_with_the_same_placeholders() {
        let en = serde_json::to_value(&EN).unwrap();
        let zh = serde_json::to_value(&ZH).unwrap();
        let (en, zh) = (en.as_object().unwrap(), zh.as_object().unwrap());
        assert_eq!(en.len(), zh.len());
        for (key, en_text) in en {
            let en_text = en_text.as_str().unwrap();
            let zh_text = zh[key].as_str().unwrap();
            assert!(!zh_text.trim().is_empty(), "{key} is empty in Chinese");
            assert!(!en_text.trim().is_empty(), "{key} is empty in English");
            assert_eq!(
                placeholders(en_text),
                placeholders(zh_text),
                "{key}: {en_text:?} vs {zh_text:?}"
            );
        }
    }

    #[test]
    fn the_english_words_match_the_names_elsewhere() {
        use crate::presets::PresetKind;
        let kinds = [
            EN.kind_regions,
            EN.kind_miners,
            EN.kind_emission_factors,
            EN.kind_markets,
            EN.kind_mining_maps,
            EN.kind_scenarios,
        ];
        for (kind, word) in PresetKind::ALL.into_iter().zip(kinds) {
            assert_eq!(kind.folder(), word);
        }
    }
}
