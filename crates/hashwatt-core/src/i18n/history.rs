//! Words of the History and Backtest tabs, and of the projection's history-based defaults.

#[derive(serde::Serialize)]
pub struct HistoryStrings {
    pub tab: &'static str,
    pub title: &'static str,
    /// Under the title: what the view estimates and how.
    pub intro: &'static str,
    /// "The history could not be read: {error}".
    pub unavailable: &'static str,

    // Settings
    pub price: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub whole_history: &'static str,
    pub show: &'static str,
    pub show_energy: &'static str,
    pub show_power: &'static str,

    // Energy chart
    pub energy_title: &'static str,
    pub power_title: &'static str,
    pub energy_axis: &'static str,
    pub power_axis: &'static str,
    pub band_series: &'static str,
    pub lower_series: &'static str,
    pub best_series: &'static str,
    pub upper_series: &'static str,
    pub cambridge_series: &'static str,
    pub yearly_series: &'static str,
    pub energy_note: &'static str,

    // Emissions chart
    pub co2_title: &'static str,
    pub co2_axis: &'static str,
    pub co2_series: &'static str,
    pub intensity_axis: &'static str,
    pub intensity_series: &'static str,
    /// A mining map's era: "{name}: China {share} %".
    pub era: &'static str,
    /// "Halvings ({months})": one legend entry for every halving in view.
    pub halving: &'static str,
    pub china_ban: &'static str,
    pub before_first_map: &'static str,

    // Hashprice chart
    pub hashprice_title: &'static str,
    pub hashprice_usd_series: &'static str,
    pub hashprice_btc_series: &'static str,
    /// "Shutdown efficiency at {price}/kWh".
    pub shutdown_series: &'static str,
    pub hashprice_usd_axis: &'static str,
    pub hashprice_btc_axis: &'static str,
    pub shutdown_axis: &'static str,
    /// "{month}: {hashrate} EH/s; hashprice {usd} ({btc} BTC) per PH/s per day; machines above
    /// {j} J/TH lose money at {price}/kWh."
    pub latest_line: &'static str,
    pub gaps_note: &'static str,

    // Years table
    pub years_title: &'static str,
    pub col_year: &'static str,
    pub col_energy_lower: &'static str,
    pub col_energy: &'static str,
    pub col_energy_upper: &'static str,
    pub col_cambridge: &'static str,
    pub col_co2: &'static str,
    pub col_hashprice: &'static str,
    pub partial_year: &'static str,

    // Backtest
    pub backtest_tab: &'static str,
    pub backtest_title: &'static str,
    pub backtest_intro: &'static str,
    pub latest_three_years: &'static str,
    pub cumulative_title: &'static str,
    pub cumulative_series: &'static str,
    pub cumulative_axis: &'static str,
    pub payback_series: &'static str,
    /// "Pays back in {month}".
    pub payback: &'static str,
    /// "Has not paid back by {month}".
    pub no_payback: &'static str,
    pub card_btc: &'static str,
    pub card_revenue: &'static str,
    pub card_electricity: &'static str,
    pub card_cash_cost: &'static str,
    pub card_profit: &'static str,
    pub card_hardware: &'static str,
    pub card_cumulative: &'static str,
    pub card_payback: &'static str,
    pub card_cost_per_btc: &'static str,
    pub card_co2: &'static str,
    pub months_title: &'static str,
    pub col_month: &'static str,
    pub col_btc: &'static str,
    pub col_price: &'static str,
    pub col_revenue: &'static str,
    pub col_electricity: &'static str,
    pub col_other_costs: &'static str,
    pub col_profit: &'static str,
    pub col_cumulative: &'static str,
    pub col_cost_per_btc: &'static str,
    pub col_co2_t: &'static str,
    /// "{month} is outside the history ({first} to {last})."
    pub outside: &'static str,
    /// "The end month {to} is before the start month {from}."
    pub reversed: &'static str,
    /// "{flag}: {month} is outside the history ({first} to {last})", on the command line.
    pub flag_outside: &'static str,
    /// "--to: {to} is before --from {from}", on the command line.
    pub flag_reversed: &'static str,
    /// "{month} has no BTC price in the history; …", on the command line.
    pub flag_no_price: &'static str,
    pub no_months: &'static str,
    /// "{month} has no BTC price in the history: pick months up to {last_priced}, or import a
    /// history CSV that gives one."
    pub no_price: &'static str,

    // Projection defaults
    /// "From the history, {from} → {to}: difficulty {difficulty} % a year, BTC price {price} % a year."
    pub trailing_growth: &'static str,
    pub use_trailing: &'static str,

    // Problems of a history CSV (after `file:line: `)
    /// "the header must be `{columns}` (optionally followed by `transactions`, then `note`)".
    pub csv_header: &'static str,
    /// "expected {expected} cells, found {found}".
    pub csv_cell_count: &'static str,
    /// "month: `{text}` is not YYYY-MM".
    pub csv_not_a_month: &'static str,
    /// "`{text}` is not a number" (after the column).
    pub csv_not_a_number: &'static str,
    /// "missing" (after the column).
    pub csv_missing: &'static str,
    /// "transactions: `{text}` is not a whole number of at least 0".
    pub csv_transactions: &'static str,
    /// "month: {month} does not follow {previous} (months must be consecutive)".
    pub csv_not_consecutive: &'static str,
    pub csv_unclosed_quote: &'static str,
    pub csv_no_header: &'static str,
    pub csv_no_months: &'static str,
    /// "months {first} to {last} leave a gap with the history ({history_first} to {history_last})".
    pub csv_gap: &'static str,
    /// "The fleet is {share} % of the network's hashrate (more than 1 %): …", for backtests,
    /// projections and reports alike.
    pub fleet_share_warning: &'static str,
}

pub const EN: HistoryStrings = HistoryStrings {
    tab: "History",
    title: "The network month by month since 2010",
    intro: "Cambridge's 2023 method (CBECI) applied to each month of hashwatt's history: the \
            machines that pay for their power at the chosen price, weighted by age, times the \
            month's hashrate. Lower and upper bounds use the most and least efficient of them.",
    unavailable: "The history could not be read: {error}",

    price: "Miners' electricity price",
    from: "From",
    to: "To",
    whole_history: "Whole history",
    show: "Show",
    show_energy: "Energy (TWh a year)",
    show_power: "Power (GW)",

    energy_title: "Network electricity, annualised month by month",
    power_title: "Network power, month by month",
    energy_axis: "TWh a year",
    power_axis: "GW",
    band_series: "Lower–upper band",
    lower_series: "Lower bound",
    best_series: "Best guess",
    upper_series: "Upper bound",
    cambridge_series: "Cambridge (published, per year)",
    yearly_series: "hashwatt (sum of the year)",
    energy_note: "Cambridge's points are its revised yearly totals (2011–2022) and the 2024 figure \
                  of its April 2025 industry report; hashwatt's yearly sums show only for years \
                  the range covers in full.",

    co2_title: "Emissions and the mining grids' intensity",
    co2_axis: "Mt CO₂e a year",
    co2_series: "CO₂ (best guess, annualised)",
    intensity_axis: "g CO₂e/kWh",
    intensity_series: "Hashrate-weighted grid intensity",
    era: "{name}: China {share} %",
    halving: "Halvings ({months})",
    china_ban: "China bans mining",
    before_first_map: "Before the first mining map (April 2020) its intensity stands for every \
                       month; between maps it is interpolated.",

    hashprice_title: "Hashprice and the shutdown efficiency",
    hashprice_usd_series: "Hashprice (USD per PH/s per day)",
    hashprice_btc_series: "Hashprice (BTC per PH/s per day)",
    shutdown_series: "Shutdown efficiency at {price}/kWh",
    hashprice_usd_axis: "USD per PH/s per day (log)",
    hashprice_btc_axis: "BTC per PH/s per day (log)",
    shutdown_axis: "J/TH (log)",
    latest_line: "{month}: {hashrate} EH/s; hashprice {usd} ({btc} BTC) per PH/s per day; \
                  machines above {j} J/TH lose money at {price}/kWh.",
    gaps_note: "Months without a sourced BTC price (September 2024 on) have no USD hashprice and \
                no profitability filter; months without sourced fees count the subsidy only. \
                Import a history CSV to fill them.",

    years_title: "By year",
    col_year: "Year",
    col_energy_lower: "Lower (TWh)",
    col_energy: "Best guess (TWh)",
    col_energy_upper: "Upper (TWh)",
    col_cambridge: "Cambridge (TWh)",
    col_co2: "CO₂ (Mt)",
    col_hashprice: "Hashprice (USD/PH/day)",
    partial_year: "(part of the year)",

    backtest_tab: "Backtest",
    backtest_title: "This scenario's fleet through real months",
    backtest_intro: "The hardware is bought at the start of the first month. Each month's BTC \
                     follows the month's difficulty, subsidy and fees; revenue is at its mean \
                     price; electricity, opex and carbon are counted as in the results.",
    latest_three_years: "Latest three years",
    cumulative_title: "Cumulative cash flow",
    cumulative_series: "Cumulative cash flow",
    cumulative_axis: "USD",
    payback_series: "Payback",
    payback: "Pays back in {month}",
    no_payback: "Has not paid back by {month}",
    card_btc: "BTC mined",
    card_revenue: "Revenue",
    card_electricity: "Electricity",
    card_cash_cost: "Cash cost",
    card_profit: "Profit before hardware",
    card_hardware: "Hardware",
    card_cumulative: "Cash flow after hardware",
    card_payback: "Payback month",
    card_cost_per_btc: "Cash cost per BTC",
    card_co2: "CO₂",
    months_title: "Month by month",
    col_month: "Month",
    col_btc: "BTC",
    col_price: "BTC price",
    col_revenue: "Revenue",
    col_electricity: "Electricity",
    col_other_costs: "Other costs",
    col_profit: "Profit",
    col_cumulative: "Cumulative",
    col_cost_per_btc: "Cost per BTC",
    col_co2_t: "CO₂ (t)",
    outside: "{month} is outside the history ({first} to {last}).",
    reversed: "The end month {to} is before the start month {from}.",
    flag_outside: "{flag}: {month} is outside the history ({first} to {last})",
    flag_reversed: "--to: {to} is before --from {from}",
    flag_no_price: "{month} has no BTC price in the history; import a history CSV that gives one",
    no_months: "no months: the range is empty",
    no_price: "{month} has no BTC price in the history: pick months up to {last_priced}, or \
               import a history CSV that gives one.",

    trailing_growth: "From the history, {from} → {to}: difficulty {difficulty} % a year, BTC \
                      price {price} % a year.",
    use_trailing: "Use the history's growth",

    csv_header: "the header must be `{columns}` (optionally followed by `transactions`, then \
                 `note`)",
    csv_cell_count: "expected {expected} cells, found {found}",
    csv_not_a_month: "month: `{text}` is not YYYY-MM",
    csv_not_a_number: "`{text}` is not a number",
    csv_missing: "missing",
    csv_transactions: "transactions: `{text}` is not a whole number of at least 0",
    csv_not_consecutive: "month: {month} does not follow {previous} (months must be consecutive)",
    csv_unclosed_quote: "a quoted cell is not closed before the end of the file",
    csv_no_header: "no header line",
    csv_no_months: "no months",
    csv_gap: "months {first} to {last} leave a gap with the history ({history_first} to \
              {history_last})",
    fleet_share_warning: "The fleet is {share} % of the network's hashrate (more than 1 %): \
                          its own hashes would raise the difficulty, which these \
                          figures do not follow; its BTC is capped at the blocks' rewards.",
};

pub const ZH: HistoryStrings = HistoryStrings {
    tab: "历史",
    title: "2010 年以来逐月的比特币网络",
    intro: "将剑桥 2023 年方法（CBECI）逐月应用于 hashwatt 的历史数据：在所选电价下能覆盖电费的\
            矿机按机龄加权，乘以当月全网算力。下限与上限分别采用其中能效最高和最低的矿机。",
    unavailable: "无法读取历史数据：{error}",

    price: "矿工电价",
    from: "起始月",
    to: "结束月",
    whole_history: "全部历史",
    show: "显示",
    show_energy: "能耗（太瓦时/年）",
    show_power: "功率（吉瓦）",

    energy_title: "全网用电量（按月折算为年）",
    power_title: "全网功率（逐月）",
    energy_axis: "太瓦时/年",
    power_axis: "吉瓦",
    band_series: "下限–上限区间",
    lower_series: "下限",
    best_series: "最佳估计",
    upper_series: "上限",
    cambridge_series: "剑桥（公布值，按年）",
    yearly_series: "hashwatt（全年合计）",
    energy_note: "剑桥的点为其修订后的年度总量（2011–2022）及 2025 年 4 月行业报告中的 2024 年数\
                  值；hashwatt 的年度合计仅在所选范围覆盖全年时显示。",

    co2_title: "排放与矿场电网碳强度",
    co2_axis: "百万吨 CO₂e/年",
    co2_series: "CO₂（最佳估计，折算为年）",
    intensity_axis: "克 CO₂e/千瓦时",
    intensity_series: "按算力加权的电网碳强度",
    era: "{name}：中国 {share} %",
    halving: "减半（{months}）",
    china_ban: "中国禁止挖矿",
    before_first_map: "第一张挖矿地图（2020 年 4 月）之前的各月均采用该地图的碳强度；两张地图之间\
                       按线性插值。",

    hashprice_title: "算力价格与关机能效",
    hashprice_usd_series: "算力价格（美元/PH/s/天）",
    hashprice_btc_series: "算力价格（BTC/PH/s/天）",
    shutdown_series: "电价 {price}/千瓦时下的关机能效",
    hashprice_usd_axis: "美元/PH/s/天（对数）",
    hashprice_btc_axis: "BTC/PH/s/天（对数）",
    shutdown_axis: "焦耳/TH（对数）",
    latest_line: "{month}：{hashrate} EH/s；算力价格每 PH/s 每天 {usd}（{btc} BTC）；电价 \
                  {price}/千瓦时下，能效高于 {j} 焦耳/TH 的矿机亏损。",
    gaps_note: "没有可引用 BTC 价格的月份（2024 年 9 月起）没有美元算力价格，也不做盈利筛选；没有\
                可引用手续费的月份只计区块补贴。可导入历史 CSV 补全。",

    years_title: "按年",
    col_year: "年份",
    col_energy_lower: "下限（太瓦时）",
    col_energy: "最佳估计（太瓦时）",
    col_energy_upper: "上限（太瓦时）",
    col_cambridge: "剑桥（太瓦时）",
    col_co2: "CO₂（百万吨）",
    col_hashprice: "算力价格（美元/PH/天）",
    partial_year: "（部分年份）",

    backtest_tab: "回测",
    backtest_title: "本情景的矿机在真实月份中的表现",
    backtest_intro: "硬件在第一个月初购入。每月挖得的 BTC 取决于当月难度、区块补贴和手续费；收入按\
                     当月均价计算；电费、运维和碳成本的计算方式与结果相同。",
    latest_three_years: "最近三年",
    cumulative_title: "累计现金流",
    cumulative_series: "累计现金流",
    cumulative_axis: "美元",
    payback_series: "回本",
    payback: "于 {month} 回本",
    no_payback: "截至 {month} 尚未回本",
    card_btc: "挖得 BTC",
    card_revenue: "收入",
    card_electricity: "电费",
    card_cash_cost: "现金成本",
    card_profit: "扣除硬件前利润",
    card_hardware: "硬件",
    card_cumulative: "扣除硬件后现金流",
    card_payback: "回本月份",
    card_cost_per_btc: "每 BTC 现金成本",
    card_co2: "CO₂",
    months_title: "逐月明细",
    col_month: "月份",
    col_btc: "BTC",
    col_price: "BTC 价格",
    col_revenue: "收入",
    col_electricity: "电费",
    col_other_costs: "其他成本",
    col_profit: "利润",
    col_cumulative: "累计",
    col_cost_per_btc: "每 BTC 成本",
    col_co2_t: "CO₂（吨）",
    outside: "{month} 超出历史范围（{first} 至 {last}）。",
    reversed: "结束月 {to} 早于起始月 {from}。",
    flag_outside: "{flag}：{month} 超出历史范围（{first} 至 {last}）",
    flag_reversed: "--to：{to} 早于 --from {from}",
    flag_no_price: "历史数据中 {month} 没有 BTC 价格；请导入提供价格的历史 CSV",
    no_months: "没有月份：范围为空",
    no_price: "历史数据中 {month} 没有 BTC 价格：请选择 {last_priced} 及以前的月份，或导入提供价格的\
               历史 CSV。",

    trailing_growth: "来自历史数据，{from} → {to}：难度每年 {difficulty} %，BTC 价格每年 {price} %。",
    use_trailing: "采用历史增长率",

    csv_header: "表头必须为 `{columns}`（其后可依次跟 `transactions`、`note`）",
    csv_cell_count: "应有 {expected} 个单元格，实际 {found} 个",
    csv_not_a_month: "month：`{text}` 不是 YYYY-MM 格式的月份",
    csv_not_a_number: "`{text}` 不是数字",
    csv_missing: "缺少数值",
    csv_transactions: "transactions：`{text}` 不是大于等于 0 的整数",
    csv_not_consecutive: "month：{month} 不是 {previous} 的下一个月（月份必须连续）",
    csv_unclosed_quote: "带引号的单元格直到文件末尾都没有闭合",
    csv_no_header: "没有表头行",
    csv_no_months: "没有任何月份",
    csv_gap: "月份 {first} 至 {last} 与历史数据（{history_first} 至 {history_last}）之间有空缺",
    fleet_share_warning: "矿机占全网算力的 {share} %（超过 1 %）：矿机自身的算力会推高难度，\
                          而这些数字未计入这一点；其挖得的 BTC 不超过全部区块的补贴与手续费之和。",
};
