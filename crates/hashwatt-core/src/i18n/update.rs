//! Words of the history update (`hashwatt history update`, the window's *Market* menu), of
//! where the newest month came from, of the market's age, and of the assumptions `hashwatt
//! project` states.

use serde::Serialize;

#[derive(Serialize)]
pub struct UpdateStrings {
    /// "The history already runs to {month}, the last complete month: nothing was fetched or written."
    pub nothing_new: &'static str,
    /// "Added {count} months ({first} → {last}) from {host} to {path}."
    pub added: &'static str,
    pub no_transactions: &'static str,
    /// "Newest month: {month}, from {origin}."
    pub newest_line: &'static str,
    pub origin_bundled: &'static str,
    /// "{host}, fetched {date}"
    pub origin_fetched: &'static str,
    /// "your file {path}"
    pub origin_user_file: &'static str,

    // The window
    /// "Also update the monthly history (the months after {month}, up to last month)"
    pub consent_history: &'static str,
    pub fetching_history: &'static str,
    /// "Also add {count} months ({first} → {last}) from {host} to the history"
    pub review_history: &'static str,
    pub menu_forget: &'static str,
    /// "Forgot the fetched months; the history ends at {month} again."
    pub forgot: &'static str,
    pub nothing_to_forget: &'static str,
    /// "Could not update the history: {error}. Nothing was changed."
    pub failed_banner: &'static str,
    /// "Market of {date}, fetched {age}."
    pub market_fetched: &'static str,
    /// "Market of {date} (built in)."
    pub market_builtin: &'static str,
    pub age_today: &'static str,
    /// "{days} days ago"
    pub age_days: &'static str,
    pub market_stale: &'static str,
    pub update_now: &'static str,

    // `hashwatt project`
    pub assumptions: &'static str,
    /// "Growth: difficulty {difficulty} %/year, BTC price {price} %/year ({source})"
    pub growth_line: &'static str,
    /// "Volatility: BTC price {price} %/year, difficulty {difficulty} %/year ({source})"
    pub volatility_line: &'static str,
    /// "the history's {months} months {from} → {to}, newest from {origin}"
    pub source_history: &'static str,
    pub source_file: &'static str,
    pub source_flags: &'static str,
}

pub const EN: UpdateStrings = UpdateStrings {
    nothing_new: "The history already runs to {month}, the last complete month: nothing was fetched or written.",
    added: "Added {count} months ({first} → {last}) from {host} to {path}.",
    no_transactions: "Their transactions stay empty: the API gives no monthly count (hashwatt disclose names the months without one).",
    newest_line: "Newest month: {month}, from {origin}.",
    origin_bundled: "the bundled history",
    origin_fetched: "{host}, fetched {date}",
    origin_user_file: "your file {path}",

    consent_history: "Also update the monthly history (the months after {month}, up to last month)",
    fetching_history: "Asking {host} for the months after {month}…",
    review_history: "Also add {count} months ({first} → {last}) from {host} to the history",
    menu_forget: "Forget fetched history",
    forgot: "Forgot the fetched months; the history ends at {month} again.",
    nothing_to_forget: "There are no fetched months to forget.",
    failed_banner: "Could not update the history: {error}. Nothing was changed.",
    market_fetched: "Market of {date}, fetched {age}.",
    market_builtin: "Market of {date} (built in).",
    age_today: "today",
    age_days: "{days} days ago",
    market_stale: "It is more than a month old.",
    update_now: "Update it from the internet…",

    assumptions: "Assumptions",
    growth_line: "Growth: difficulty {difficulty} %/year, BTC price {price} %/year ({source})",
    volatility_line: "Volatility: BTC price {price} %/year, difficulty {difficulty} %/year ({source})",
    source_history: "the history's months {from} → {to}, newest from {origin}",
    source_file: "the scenario file",
    source_flags: "the command line",
};

pub const ZH: UpdateStrings = UpdateStrings {
    nothing_new: "历史数据已到 {month}（最近的完整月份）：没有获取或写入任何内容。",
    added: "已从 {host} 添加 {count} 个月（{first} → {last}）到 {path}。",
    no_transactions: "这些月份的交易数留空：该 API 不提供月度交易数（hashwatt disclose 会列出缺少交易数的月份）。",
    newest_line: "最新月份：{month}，来自{origin}。",
    origin_bundled: "内置历史数据",
    origin_fetched: "{host}（获取于 {date}）",
    origin_user_file: "你的文件 {path}",

    consent_history: "同时更新月度历史数据（{month} 之后、到上个月为止的月份）",
    fetching_history: "正在向 {host} 请求 {month} 之后的月份…",
    review_history: "同时把来自 {host} 的 {count} 个月（{first} → {last}）加入历史数据",
    menu_forget: "忘记已获取的历史数据",
    forgot: "已忘记获取的月份；历史数据重新截至 {month}。",
    nothing_to_forget: "没有可忘记的已获取月份。",
    failed_banner: "无法更新历史数据：{error}。没有做任何更改。",
    market_fetched: "{date} 的市场数据，获取于{age}。",
    market_builtin: "{date} 的市场数据（内置）。",
    age_today: "今天",
    age_days: "{days} 天前",
    market_stale: "它已超过一个月。",
    update_now: "从互联网更新它…",

    assumptions: "假设",
    growth_line: "增长：难度每年 {difficulty} %，比特币价格每年 {price} %（{source}）",
    volatility_line: "波动率：比特币价格每年 {price} %，难度每年 {difficulty} %（{source}）",
    source_history: "历史数据 {from} → {to} 的月份，最新月份来自{origin}",
    source_file: "情景文件",
    source_flags: "命令行",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn every_chinese_string_is_there_with_the_same_placeholders() {
        let en = serde_json::to_value(&EN).unwrap();
        let zh = serde_json::to_value(&ZH).unwrap();
        for (key, en_text) in en.as_object().unwrap() {
            let en_text = en_text.as_str().unwrap();
            let zh_text = zh[key].as_str().unwrap();
            assert!(!zh_text.trim().is_empty(), "{key}");
            assert_eq!(placeholders(en_text), placeholders(zh_text), "{key}");
        }
    }
}
