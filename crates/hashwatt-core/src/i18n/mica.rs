//! Words of the MiCA network sustainability indicators (`hashwatt disclose` and the History
//! tab's section): each indicator's name, unit and method, the period, the sources, and why
//! published disclosures differ.

/// One indicator: its name, its unit and how it is computed (`{…}` filled in).
#[derive(serde::Serialize)]
pub struct IndicatorWords {
    pub label: &'static str,
    pub unit: &'static str,
    pub method: &'static str,
}

#[derive(serde::Serialize)]
pub struct MicaStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub column_code: &'static str,
    pub column_indicator: &'static str,
    pub column_value: &'static str,
    pub column_unit: &'static str,
    pub column_method: &'static str,
    /// S.8: `{lower}`, `{upper}` (TWh).
    pub energy: IndicatorWords,
    pub energy_lower: IndicatorWords,
    pub energy_upper: IndicatorWords,
    /// S.10: `{world}` (the world mix's renewable share, %).
    pub renewable: IndicatorWords,
    pub transactions: IndicatorWords,
    pub kwh_per_transaction: IndicatorWords,
    /// S.13: `{table}`, `{g}`, `{lifecycle_g}`, `{lifecycle_mt}`.
    pub co2: IndicatorWords,
    pub kg_per_transaction: IndicatorWords,
    /// `{from}`, `{to}`, `{months}`, `{price}`.
    pub period: &'static str,
    /// `{months}`.
    pub period_not_12: &'static str,
    /// `{months}`: a list of months or ranges.
    pub missing_transactions: &'static str,
    /// `{months}`: months whose transaction count the history marks as an estimate.
    pub estimated_transactions: &'static str,
    pub missing_prices: &'static str,
    pub missing_estimates: &'static str,
    /// `{month}`: the first map's month.
    pub before_first_map: &'static str,
    /// What a value that cannot be computed shows.
    pub not_available: &'static str,
    pub sources_title: &'static str,
    pub source_regulation: &'static str,
    pub source_history: &'static str,
    pub source_method: &'static str,
    /// `{name}`, `{period}`, `{source}`.
    pub source_map: &'static str,
    pub source_regions: &'static str,
    /// `{name}`, `{source}`, `{year}`.
    pub source_table: &'static str,
    /// `{file}`: a history CSV laid over the built-in one.
    pub source_imported: &'static str,
    pub notes_title: &'static str,
    pub differences_title: &'static str,
    /// `{co2_mt}`, `{lifecycle_mt}`, `{lower}`, `{upper}`.
    pub differences: &'static str,
    /// "to", between two months of a range.
    pub range_to: &'static str,
    // The window.
    pub last_12_months: &'static str,
    pub period_from: &'static str,
    pub period_to: &'static str,
    /// No mining map is loaded to place the hashrate.
    pub no_map: &'static str,
}

pub const EN: MicaStrings = MicaStrings {
    title: "MiCA network indicators (Bitcoin)",
    intro: "The sustainability indicators a crypto-asset service provider discloses for Bitcoin's \
            consensus mechanism, for a period of the history: the whole network's energy, \
            renewable share and location-based emissions, and their share per on-chain \
            transaction.",
    column_code: "Code",
    column_indicator: "Indicator",
    column_value: "Value",
    column_unit: "Unit",
    column_method: "Method",
    energy: IndicatorWords {
        label: "Energy consumption",
        unit: "TWh",
        method: "Sum over the months of the network's power × the month's hours (CBECI 2023 \
                 method: hashrate × the mean efficiency of the profitable machines, weighted by \
                 age, × PUE 1.10). Bounds: the most efficient machine × PUE 1.01 ({lower} TWh) \
                 and the least efficient profitable one × PUE 1.20 ({upper} TWh).",
    },
    energy_lower: IndicatorWords {
        label: "Energy, lower bound",
        unit: "TWh",
        method: "Each month's hashrate × the most efficient eligible machine × PUE 1.01, summed.",
    },
    energy_upper: IndicatorWords {
        label: "Energy, upper bound",
        unit: "TWh",
        method: "Each month's hashrate × the least efficient profitable machine × PUE 1.20, \
                 summed.",
    },
    renewable: IndicatorWords {
        label: "Renewable energy share",
        unit: "%",
        method: "Location-based: each mining map's regions' renewable share of generation \
                 (hydro, wind, solar, geothermal, biomass) weighted by hashrate, the hashrate a \
                 map does not place at the world mix ({world} %), interpolated linearly between \
                 maps month by month and weighted by each month's energy.",
    },
    transactions: IndicatorWords {
        label: "Transactions",
        unit: "transactions",
        method: "Sum of the history's monthly counts of transactions confirmed in blocks \
                 (coinbase transactions included).",
    },
    kwh_per_transaction: IndicatorWords {
        label: "Energy per transaction",
        unit: "kWh/transaction",
        method: "S.8 × 10⁹ / transactions: the whole network's energy divided among its on-chain \
                 transactions.",
    },
    co2: IndicatorWords {
        label: "GHG emissions, location-based (Scope 2)",
        unit: "Mt CO₂e",
        method: "Sum over the months of energy × the mining maps' hashrate-weighted operational \
                 (combustion-only) grid intensity: each region's mix × the {table} table, \
                 interpolated between maps; {g} g/kWh on average. Miners' on-site generation \
                 (Scope 1) is not mapped and is counted here. At the life-cycle intensity of the \
                 History tab ({lifecycle_g} g/kWh) the same energy emits {lifecycle_mt} Mt.",
    },
    kg_per_transaction: IndicatorWords {
        label: "GHG emissions per transaction",
        unit: "kg CO₂e/transaction",
        method: "S.13 × 10⁹ / transactions.",
    },
    period: "Period: {from} to {to}, {months} months. Electricity price of the profitability \
             filter: {price}/kWh.",
    period_not_12: "MiCA asks for 12 months: this period has {months}.",
    missing_transactions: "No transaction count for {months}: S.11 and S.14 are not computed. A \
                           history CSV with a `transactions` column supplies them (--history-csv, \
                           or history/network-monthly.csv in the presets folder).",
    estimated_transactions: "The transaction counts of {months} are estimates (within about \
                             3,000 a month, a few hundredths of a per cent; the history's notes \
                             say how they were reached).",
    missing_prices: "No BTC price for {months}: those months have no profitability filter (every \
                     machine within five years of its release counts).",
    missing_estimates: "No machine of the basket is eligible in {months}: those months count no \
                        energy.",
    before_first_map: "Months before the first mining map ({month}) take its figures.",
    not_available: "not available",
    sources_title: "Sources",
    source_regulation: "Indicators: Commission Delegated Regulation (EU) 2025/422 supplementing \
                        MiCA (Regulation (EU) 2023/1114): S.8 energy, S.10 renewable share, S.11 \
                        energy per transaction, S.13 Scope 2 emissions, S.14 emissions per \
                        transaction.",
    source_history: "Monthly history (presets/history/network-monthly.csv): difficulty and blocks \
                     from block-header checkpoints (bitcoinj, Electrum), BTC price and fees from \
                     public market data, transaction counts from its `transactions` column; each \
                     source in the file's header and docs/history.md.",
    source_method: "Power: Cambridge Bitcoin Electricity Consumption Index, August 2023 revision \
                    (CCAF), month by month over the hardware basket \
                    (presets/history/miner-basket.ron).",
    source_map: "Mining map {name}, {period}: {source}.",
    source_regions: "Regions' generation mixes: the region presets, each with its source and year \
                     (hashwatt presets show ID).",
    source_table: "Combustion factors: {name}, {source}, {year}.",
    source_imported: "Months from {file} replace or extend the built-in history.",
    notes_title: "Notes",
    differences_title: "Why published disclosures differ",
    differences: "Allocation: MiCA divides the whole network's energy and emissions among its \
                  on-chain transactions, but the energy secures blocks rather than serving \
                  transactions; an allocation by holding (the share of coins held) or a hybrid \
                  gives very different per-unit figures, and batched or off-chain (Lightning) \
                  payments are not counted. Period: a calendar year, the 12 months before \
                  publication or an annualised single day differ by tens of percent while the \
                  network grows. Intensity: operational (combustion-only) factors, used here, are \
                  lower than life-cycle ones ({co2_mt} Mt against {lifecycle_mt} Mt for this \
                  period); disclosures also differ in which mining map places the hashrate, the \
                  grids' year, and whether renewable shares come from grid mixes (here) or from \
                  surveys of miners' own supply. Estimate: the energy itself is uncertain \
                  ({lower} to {upper} TWh for this period); other estimates assume another \
                  electricity price or hardware list, or a share of miners' revenue spent on \
                  power.",
    range_to: "to",
    last_12_months: "Last 12 months",
    period_from: "Period from",
    period_to: "to",
    no_map: "No mining map is loaded to place the network's hashrate.",
};

pub const ZH: MicaStrings = MicaStrings {
    title: "MiCA 网络指标（比特币）",
    intro: "加密资产服务提供商为比特币共识机制披露的可持续性指标，按历史数据中的一段时间计算：\
            全网能耗、可再生能源占比、基于位置的排放，以及分摊到每笔链上交易的数值。",
    column_code: "代码",
    column_indicator: "指标",
    column_value: "数值",
    column_unit: "单位",
    column_method: "方法",
    energy: IndicatorWords {
        label: "能源消耗",
        unit: "TWh",
        method: "逐月累加全网功率 × 当月小时数（CBECI 2023 方法：算力 × 盈利矿机按机龄加权的平均能效 × \
                 PUE 1.10）。区间：最高能效矿机 × PUE 1.01（{lower} TWh），最低能效的盈利矿机 × \
                 PUE 1.20（{upper} TWh）。",
    },
    energy_lower: IndicatorWords {
        label: "能耗下限",
        unit: "TWh",
        method: "逐月算力 × 最高能效的合格矿机 × PUE 1.01，累加。",
    },
    energy_upper: IndicatorWords {
        label: "能耗上限",
        unit: "TWh",
        method: "逐月算力 × 最低能效的盈利矿机 × PUE 1.20，累加。",
    },
    renewable: IndicatorWords {
        label: "可再生能源占比",
        unit: "%",
        method: "基于位置：各挖矿地图中地区发电结构的可再生能源占比（水电、风能、太阳能、地热、生物质）\
                 按算力加权，地图未归属的算力按世界平均结构（{world} %）计，逐月在地图之间线性插值，\
                 再按各月能耗加权。",
    },
    transactions: IndicatorWords {
        label: "交易数",
        unit: "笔",
        method: "历史数据中每月区块确认交易数之和（含 coinbase 交易）。",
    },
    kwh_per_transaction: IndicatorWords {
        label: "每笔交易能耗",
        unit: "kWh/笔",
        method: "S.8 × 10⁹ / 交易数：全网能耗平均分摊到每笔链上交易。",
    },
    co2: IndicatorWords {
        label: "温室气体排放，基于位置（范围二）",
        unit: "Mt CO₂e",
        method: "逐月累加能耗 × 挖矿地图按算力加权的运行（仅燃烧）电网强度：各地区发电结构 × {table} \
                 排放因子表，在地图之间插值；平均 {g} g/kWh。矿工自备发电（范围一）未被地图区分，\
                 计入此项。按历史页的全生命周期强度（{lifecycle_g} g/kWh），同样的能耗排放 \
                 {lifecycle_mt} Mt。",
    },
    kg_per_transaction: IndicatorWords {
        label: "每笔交易排放",
        unit: "kg CO₂e/笔",
        method: "S.13 × 10⁹ / 交易数。",
    },
    period: "期间：{from} 至 {to}，共 {months} 个月。盈利筛选所用电价：{price}/kWh。",
    period_not_12: "MiCA 要求 12 个月：本期间为 {months} 个月。",
    missing_transactions: "{months} 没有交易数：S.11 与 S.14 无法计算。含 `transactions` 列的历史 \
                           CSV 可提供交易数（--history-csv，或预设文件夹中的 \
                           history/network-monthly.csv）。",
    estimated_transactions: "{months} 的交易数为估算值（每月误差约 3,000 笔，即万分之几；\
                             历史数据的备注说明其由来）。",
    missing_prices: "{months} 没有 BTC 价格：这些月份不做盈利筛选（发布五年内的矿机全部计入）。",
    missing_estimates: "{months} 没有符合条件的矿机：这些月份不计能耗。",
    before_first_map: "早于第一张挖矿地图（{month}）的月份采用该地图的数值。",
    not_available: "无法计算",
    sources_title: "来源",
    source_regulation: "指标：欧盟委员会授权条例 (EU) 2025/422（补充 MiCA，即条例 (EU) 2023/1114）：\
                        S.8 能耗、S.10 可再生能源占比、S.11 每笔交易能耗、S.13 范围二排放、\
                        S.14 每笔交易排放。",
    source_history: "月度历史数据（presets/history/network-monthly.csv）：难度与区块数来自区块头检查点\
                     （bitcoinj、Electrum），BTC 价格与手续费来自公开市场数据，交易数来自其 \
                     `transactions` 列；各来源见该文件开头与 docs/history.md。",
    source_method: "功率：剑桥比特币电力消耗指数（CCAF）2023 年 8 月修订版，基于矿机清单\
                    （presets/history/miner-basket.ron）逐月计算。",
    source_map: "挖矿地图 {name}，{period}：{source}。",
    source_regions: "各地区发电结构：地区预设，各附来源与年份（hashwatt presets show ID）。",
    source_table: "燃烧排放因子：{name}，{source}，{year}。",
    source_imported: "{file} 中的月份替换或扩展内置历史数据。",
    notes_title: "说明",
    differences_title: "为什么已发布的披露数值不同",
    differences: "分摊：MiCA 把全网能耗与排放平均分摊到链上交易，但能耗用于保障出块而非处理交易；\
                  按持币分摊（持有的币占比）或混合分摊得到的单位数值差别很大，批量支付与链下\
                  （闪电网络）支付也未计入。期间：日历年、发布前 12 个月或单日年化，在网络增长时相差\
                  数十个百分点。强度：此处采用的运行（仅燃烧）排放因子低于全生命周期因子（本期间 \
                  {co2_mt} Mt 对比 {lifecycle_mt} Mt）；各披露所用的挖矿地图、电网数据年份，以及可再生\
                  能源占比来自电网结构（此处）还是矿工自有供电调查，也各不相同。估算：能耗本身不确定\
                  （本期间 {lower} 至 {upper} TWh）；其他估算采用不同的电价或矿机清单，或按矿工收入中\
                  用于电费的比例推算。",
    range_to: "至",
    last_12_months: "最近 12 个月",
    period_from: "期间从",
    period_to: "至",
    no_map: "没有加载挖矿地图，无法确定全网算力的位置。",
};

#[cfg(test)]
mod tests {
    #[test]
    fn both_tables_have_every_key_with_the_same_placeholders() {
        fn leaves(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, String)>) {
            match v {
                serde_json::Value::Object(map) => {
                    for (k, v) in map {
                        leaves(&format!("{prefix}.{k}"), v, out);
                    }
                }
                other => out.push((prefix.to_string(), other.as_str().unwrap().to_string())),
            }
        }
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        leaves("", &serde_json::to_value(super::EN).unwrap(), &mut en);
        leaves("", &serde_json::to_value(super::ZH).unwrap(), &mut zh);
        assert_eq!(en.len(), zh.len());
        for ((key, en), (zh_key, zh)) in en.iter().zip(&zh) {
            assert_eq!(key, zh_key);
            assert!(!zh.is_empty() && zh != en || key.ends_with("unit"), "{key}");
            assert_eq!(
                crate::i18n::placeholders(en),
                crate::i18n::placeholders(zh),
                "{key}"
            );
        }
    }
}
