//! Words of *Market → Update from the internet…* and `hashwatt market fetch`: the consent
//! prompt, the review, and one line for every way the update can fail.

use serde::Serialize;

#[derive(Serialize)]
pub struct MarketFetchStrings {
    // The window
    pub menu_market: &'static str,
    pub menu_update: &'static str,
    pub consent_title: &'static str,
    /// "hashwatt will ask {host} for …; nothing about you or your scenario is sent."
    pub consent_body: &'static str,
    pub consent_address: &'static str,
    /// "Ask {host}"
    pub consent_allow: &'static str,
    pub fetching: &'static str,
    pub review_title: &'static str,
    /// "From {source} at {fetched_at}."
    pub review_from: &'static str,
    pub review_accept: &'static str,
    pub review_discard: &'static str,
    /// "Saved the market of {date} as {path}; the scenario now uses it."
    pub saved_and_used: &'static str,
    /// "Could not update the market: {error}. Nothing was saved."
    pub failed_banner: &'static str,

    // Labels of the five figures (the review and the command line's table)
    pub label_btc_price: &'static str,
    pub label_difficulty: &'static str,
    pub label_network_hashrate: &'static str,
    pub label_block_height: &'static str,
    pub label_fees: &'static str,
    pub label_fetched_at: &'static str,
    pub label_source: &'static str,

    // The command line
    /// "Saved as {path} (market snapshot \"{id}\", now the default)."
    pub cli_saved: &'static str,
    pub cli_not_saved: &'static str,

    // The snapshot written to the presets folder
    /// "Market on {date} ({host})"
    pub snapshot_name: &'static str,
    /// "{url} ({field}), fetched {fetched_at}"
    pub snapshot_source: &'static str,
    /// The averaged fees' source: "{url}: the mean of {count} `avgFees` over the last week, fetched {fetched_at}"
    pub snapshot_fees_source: &'static str,
    /// "Fetched from {source} at {fetched_at}; the API's hashrate estimate was {ehs} EH/s."
    pub snapshot_note: &'static str,

    // Failures: one line each, after "{url}: " or naming the host
    pub bad_api_base: &'static str,
    pub bad_proxy: &'static str,
    pub base_scheme: &'static str,
    pub base_no_host: &'static str,
    pub base_query: &'static str,
    pub base_space: &'static str,
    /// "the port {port} is …"
    pub base_port: &'static str,
    /// "{url}: the server redirects to {target}; …"
    pub redirect: &'static str,
    /// The server answered, but not with TLS: most often an http:// address given as https://.
    pub not_https: &'static str,
    /// "{path} is a file where a folder is needed"
    pub not_a_folder: &'static str,
    /// "{url}: \"{field}\" is {value}; {why}" for a well-formed but impossible value.
    pub implausible: &'static str,
    pub why_price: &'static str,
    pub why_hashrate: &'static str,
    pub why_difficulty: &'static str,
    pub why_height_low: &'static str,
    pub why_height_high: &'static str,
    pub why_difficulty_step: &'static str,
    pub why_time_order: &'static str,
    pub why_after_moment: &'static str,
    pub why_month_without_blocks: &'static str,
    pub why_above_tip: &'static str,
    pub why_no_adjustment: &'static str,
    pub offline: &'static str,
    pub dns: &'static str,
    pub refused: &'static str,
    pub timeout: &'static str,
    pub too_many_requests: &'static str,
    pub http_status: &'static str,
    pub tls: &'static str,
    pub connection: &'static str,
    pub malformed: &'static str,
    pub not_finite: &'static str,
    /// Where the JSON parser stopped, in the languages other than English (which gives the
    /// parser's own words): "line {line} column {column}".
    pub json_position: &'static str,
    pub missing_field: &'static str,
    pub wrong_type: &'static str,
    pub not_positive: &'static str,
    pub out_of_range: &'static str,
    pub no_blocks: &'static str,
    pub too_large: &'static str,
    pub type_number: &'static str,
    pub type_whole: &'static str,
    pub type_object: &'static str,
    pub type_list: &'static str,
    pub no_folder: &'static str,
}

pub const EN: MarketFetchStrings = MarketFetchStrings {
    menu_market: "Market",
    menu_update: "Update from the internet…",
    consent_title: "Update the market from the internet?",
    consent_body: "hashwatt will ask {host} for today's BTC price, difficulty, network hashrate, block height and recent fees. Nothing about you or your scenario is sent. You will see the figures before anything is saved. This is asked once per address.",
    consent_address: "API address",
    consent_allow: "Ask {host}",
    fetching: "Asking {host}…",
    review_title: "Today's market",
    review_from: "From {source} at {fetched_at}.",
    review_accept: "Save as a market snapshot and use it",
    review_discard: "Discard",
    saved_and_used: "Saved the market of {date} as {path}; it is now the default snapshot, and the scenario uses it.",
    failed_banner: "Could not update the market: {error}. Nothing was saved.",

    label_btc_price: "BTC price",
    label_difficulty: "Difficulty",
    label_network_hashrate: "Network hashrate",
    label_block_height: "Block height",
    label_fees: "Fees per block (mean of the last week)",
    label_fetched_at: "Fetched at",
    label_source: "Source",

    cli_saved: "Saved as {path} (market snapshot \"{id}\", now the default).",
    cli_not_saved: "Not saved: pass --save to keep it as a market snapshot.",

    snapshot_name: "Market on {date} ({host})",
    snapshot_source: "{url} ({field}), fetched {fetched_at}",
    snapshot_fees_source: "{url}: the mean of {count} avgFees values over the last week, fetched {fetched_at}",
    snapshot_note: "Fetched from {source} at {fetched_at}; the API's own hashrate estimate was {ehs} EH/s (the engine derives hashrate from the difficulty).",

    bad_api_base: "--api-base \"{base}\": {why}",
    bad_proxy: "the proxy \"{proxy}\" (from {variable}) is not a proxy address",
    base_scheme: "it must start with https:// (http:// only for this computer: localhost, 127.0.0.1 or [::1])",
    base_no_host: "it names no host",
    base_query: "a base address must not carry a query (?…) or a fragment (#…)",
    base_space: "it must not contain spaces",
    base_port: "the port {port} is out of range (1 to 65535)",
    redirect: "{url}: the server redirects to {target}; redirects are not followed (give that address itself if you trust it)",
    not_https: "{host}: the server did not answer with HTTPS, so no secure connection could be set up",
    not_a_folder: "{path} is a file where a folder is needed",
    implausible: "{url}: \"{field}\" is {value}; {why}",
    why_price: "a BTC price below 1 USD is not plausible",
    why_hashrate: "the difficulty {difficulty} implies about {implied} EH/s, and the two must agree within a factor of two",
    why_difficulty: "it must be from {min} to {max}, near the built-in snapshot {id}'s {difficulty}",
    why_height_low: "it is below {min}, the height of the built-in snapshot {id}",
    why_height_high: "it is above {max}, more blocks than one every 5 minutes since 2009-01-03 could make",
    why_difficulty_step: "it is {ratio} times the adjustment before it ({previous}); the retarget rule keeps each step within a factor of 4",
    why_time_order: "it is out of time order (the entry before it: {previous})",
    why_after_moment: "that block is dated after the moment asked, {moment}",
    why_month_without_blocks: "by these heights no block was mined in {month}, which is not plausible",
    why_above_tip: "it is above the tip's height, {tip}",
    why_no_adjustment: "no difficulty adjustment is at or before {moment}, the start of the months asked",
    offline: "{host}: no network (the network is unreachable)",
    dns: "{host}: the name could not be resolved (DNS failure or no network)",
    refused: "{host}: the connection was refused",
    timeout: "{host}: no answer within {seconds} s",
    too_many_requests: "{url}: HTTP 429, too many requests; try again later",
    http_status: "{url}: HTTP {status}",
    tls: "{host}: the secure connection failed ({detail})",
    connection: "{host}: {detail}",
    malformed: "{url}: not the JSON expected ({detail})",
    not_finite: "{url}: a number is not finite ({detail})",
    json_position: "line {line} column {column}",
    missing_field: "{url}: the field \"{field}\" is missing",
    wrong_type: "{url}: \"{field}\" is {found}; expected {expected}",
    not_positive: "{url}: \"{field}\" is {value}; it must be a positive number",
    out_of_range: "{url}: \"{field}\" is {value}; it must be {allowed}",
    no_blocks: "{url}: the list of blocks is empty",
    too_large: "{url}: the answer is larger than {mib} MiB, so it was not read",
    type_number: "a number",
    type_whole: "a whole number",
    type_object: "an object",
    type_list: "a list",
    no_folder: "there is no presets folder to save to (set HASHWATT_PRESETS_DIR)",
};

pub const ZH: MarketFetchStrings = MarketFetchStrings {
    menu_market: "行情",
    menu_update: "从互联网更新…",
    consent_title: "从互联网更新行情？",
    consent_body: "hashwatt 将向 {host} 查询今天的比特币价格、难度、全网算力、区块高度和近期手续费。不会发送任何关于您或您的情景的信息。保存之前您会先看到这些数字。每个地址只询问一次。",
    consent_address: "API 地址",
    consent_allow: "查询 {host}",
    fetching: "正在查询 {host}…",
    review_title: "今天的行情",
    review_from: "来自 {source}，时间 {fetched_at}。",
    review_accept: "保存为行情快照并使用",
    review_discard: "放弃",
    saved_and_used: "已将 {date} 的行情保存为 {path}；它现在是默认快照，情景也已使用它。",
    failed_banner: "无法更新行情：{error}。未保存任何内容。",

    label_btc_price: "比特币价格",
    label_difficulty: "难度",
    label_network_hashrate: "全网算力",
    label_block_height: "区块高度",
    label_fees: "每个区块的手续费（上周平均）",
    label_fetched_at: "获取时间",
    label_source: "来源",

    cli_saved: "已保存为 {path}（行情快照“{id}”，现为默认）。",
    cli_not_saved: "未保存：加上 --save 可将其保存为行情快照。",

    snapshot_name: "{date} 的行情（{host}）",
    snapshot_source: "{url}（{field}），获取于 {fetched_at}",
    snapshot_fees_source: "{url}：上周 {count} 个 avgFees 值的平均，获取于 {fetched_at}",
    snapshot_note: "于 {fetched_at} 从 {source} 获取；该 API 自己估计的算力为 {ehs} EH/s（引擎由难度推算算力）。",

    bad_api_base: "--api-base “{base}”：{why}",
    bad_proxy: "代理“{proxy}”（来自 {variable}）不是代理地址",
    base_scheme: "必须以 https:// 开头（http:// 仅限本机：localhost、127.0.0.1 或 [::1]）",
    base_no_host: "没有主机名",
    base_query: "基础地址不能带查询（?…）或片段（#…）",
    base_space: "不能包含空格",
    base_port: "端口 {port} 超出范围（1 到 65535）",
    redirect: "{url}：服务器重定向到 {target}；不会跟随重定向（如信任该地址，请直接填写它）",
    not_https: "{host}：服务器没有以 HTTPS 应答，无法建立安全连接",
    not_a_folder: "{path} 是一个文件，但这里需要文件夹",
    implausible: "{url}：“{field}”为 {value}；{why}",
    why_price: "低于 1 美元的比特币价格不合理",
    why_hashrate: "难度 {difficulty} 对应约 {implied} EH/s，两者相差不得超过两倍",
    why_difficulty: "必须在 {min} 到 {max} 之间，接近内置快照 {id} 的难度 {difficulty}",
    why_height_low: "低于内置快照 {id} 的高度 {min}",
    why_height_high: "高于 {max}，即自 2009-01-03 起每 5 分钟一个区块也达不到",
    why_difficulty_step: "它是前一次调整（{previous}）的 {ratio} 倍；难度调整规则把每一步限制在 4 倍以内",
    why_time_order: "时间顺序不对（前一项为 {previous}）",
    why_after_moment: "该区块的时间晚于所问的时刻 {moment}",
    why_month_without_blocks: "按这些高度，{month} 没有挖出任何区块，这不合理",
    why_above_tip: "高于最新区块的高度 {tip}",
    why_no_adjustment: "在 {moment}（所问月份的开始）或之前没有难度调整",
    offline: "{host}：没有网络（网络不可达）",
    dns: "{host}：无法解析该名称（DNS 失败或没有网络）",
    refused: "{host}：连接被拒绝",
    timeout: "{host}：{seconds} 秒内没有应答",
    too_many_requests: "{url}：HTTP 429，请求过多；请稍后再试",
    http_status: "{url}：HTTP {status}",
    tls: "{host}：安全连接失败（{detail}）",
    connection: "{host}：{detail}",
    malformed: "{url}：不是预期的 JSON（{detail}）",
    not_finite: "{url}：有数字不是有限值（{detail}）",
    json_position: "第 {line} 行第 {column} 列",
    missing_field: "{url}：缺少字段“{field}”",
    wrong_type: "{url}：“{field}”为 {found}；应为{expected}",
    not_positive: "{url}：“{field}”为 {value}；必须是正数",
    out_of_range: "{url}：“{field}”为 {value}；必须是{allowed}",
    no_blocks: "{url}：区块列表为空",
    too_large: "{url}：应答大于 {mib} MiB，因此没有读取",
    type_number: "数字",
    type_whole: "整数",
    type_object: "对象",
    type_list: "列表",
    no_folder: "没有可保存到的预设文件夹（请设置 HASHWATT_PRESETS_DIR）",
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
