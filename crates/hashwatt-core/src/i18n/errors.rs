//! Error messages in the reader's language.
//!
//! The engine and the file readers say what is wrong in English, with values in the message
//! ("0.5 is not allowed; must be a number from 1 to 5"); those strings are also what the golden
//! tests pin. Here each English message pattern has its Chinese counterpart: a message is
//! matched against the patterns, its values are taken out and put into the Chinese one. A
//! message no pattern matches is shown as it is, which the tests below keep from happening
//! for every message the golden tests produce.

use super::{Lang, fill};

/// (English pattern, Chinese pattern). `{name}` stands for a value copied across; in a value
/// named `what` or `kind` the words are translated too. More specific patterns come first.
const MESSAGES: &[(&str, &str)] = &[
    // Reading a file
    ("the file is empty", "文件为空"),
    (
        "the file is larger than {kib} KiB; a hashwatt file is far smaller",
        "文件大于 {kib} KiB；hashwatt 文件远比这小",
    ),
    (
        "the file is not UTF-8 text (invalid byte at offset {offset})",
        "文件不是 UTF-8 文本（偏移量 {offset} 处有无效字节）",
    ),
    (
        "cannot open the file: no such file",
        "无法打开文件：文件不存在",
    ),
    (
        "cannot open the file: permission denied",
        "无法打开文件：没有权限",
    ),
    (
        "cannot open the file: it is not a regular file (a FIFO)",
        "无法打开文件：它不是普通文件（而是 FIFO 命名管道）",
    ),
    (
        "cannot open the file: it is not a regular file (a directory)",
        "无法打开文件：它不是普通文件（而是文件夹）",
    ),
    (
        "cannot open the file: it is not a regular file (a device)",
        "无法打开文件：它不是普通文件（而是设备）",
    ),
    (
        "cannot open the file: it is not a regular file (a socket)",
        "无法打开文件：它不是普通文件（而是 socket）",
    ),
    (
        "cannot open the file: it is not a regular file (a special file)",
        "无法打开文件：它不是普通文件（而是另一种文件）",
    ),
    ("cannot open the file: {why}", "无法打开文件：{why}"),
    ("cannot read the file: {why}", "无法读取文件：{why}"),
    ("cannot save: {why}", "无法保存：{why}"),
    // RON syntax and types
    (
        "unknown field (did you mean `{near}`?); allowed fields: {list}",
        "未知字段（是否应为 `{near}`？）；可用字段：{list}",
    ),
    (
        "unknown field; allowed fields: {list}",
        "未知字段；可用字段：{list}",
    ),
    ("missing; it is required", "缺少此字段；它是必填的"),
    ("written twice; keep one of them", "写了两次；请只保留一个"),
    (
        "`{found}` is not allowed (did you mean `{near}`?); must be one of {list}",
        "不允许 `{found}`（是否应为 `{near}`？）；必须是以下之一：{list}",
    ),
    (
        "`{found}` is not allowed; must be one of {list}",
        "不允许 `{found}`；必须是以下之一：{list}",
    ),
    ("expected a whole number", "应为整数"),
    ("must not be negative", "不能为负数"),
    (
        "the number is too large for this field",
        "数值超出此字段能容纳的范围",
    ),
    ("expected a number", "应为数字"),
    ("expected text in double quotes", "应为双引号括起的文本"),
    (
        "a quoted text is not closed: a `\"` is missing",
        "引号内的文本没有结束：缺少一个 `\"`",
    ),
    ("expected true or false", "应为 true 或 false"),
    ("expected a list in [ ]", "应为 [ ] 括起的列表"),
    (
        "expected `,` or the `]` that ends the list",
        "应为 `,` 或结束列表的 `]`",
    ),
    (
        "expected a group of fields in ( )",
        "应为 ( ) 括起的一组字段",
    ),
    (
        "expected `,` or the `)` that ends the group",
        "应为 `,` 或结束这组字段的 `)`",
    ),
    ("expected `:` after the field name", "字段名后应为 `:`"),
    (
        "expected `,` between fields: the one before this does not end with `,`",
        "字段之间应有 `,`：前一个字段末尾缺少 `,`",
    ),
    (
        "the file ends too early: a bracket or a quote is not closed",
        "文件提前结束：有括号或引号没有闭合",
    ),
    (
        "unexpected text after the end of the document",
        "文档结束后还有多余的内容",
    ),
    (
        "expected {expected}, found {found}",
        "应为 {expected}，实际为 {found}",
    ),
    // Versions
    (
        "the file is format version {found}, written by a newer hashwatt; this build reads version {supported}",
        "文件的格式版本为 {found}，由更新版本的 hashwatt 写入；当前版本只能读取格式版本 {supported}",
    ),
    (
        "renamed in format version {version}; write `{new}` instead",
        "已在格式版本 {version} 中改名；请改写为 `{new}`",
    ),
    ("`{old}` is now `{new}`", "`{old}` 现在叫 `{new}`"),
    // Dates (before the numbers: their general pattern would take a date's message too)
    (
        "\"{value}\" is not allowed; must be a date YYYY-MM-DD",
        "不允许 \"{value}\"；必须是 YYYY-MM-DD 格式的日期",
    ),
    (
        "\"{value}\" is not allowed; the year must be from {min} to {max}",
        "不允许 \"{value}\"；年份必须在 {min} 到 {max} 之间",
    ),
    (
        "\"{value}\" is not allowed; the month must be from 01 to 12",
        "不允许 \"{value}\"；月份必须在 01 到 12 之间",
    ),
    (
        "\"{value}\" is not allowed; month {month} of {year} has {days} days",
        "不允许 \"{value}\"；{year} 年 {month} 月只有 {days} 天",
    ),
    // Numbers
    (
        "NaN is not allowed; must be {what}",
        "不允许 NaN；必须是 {what}",
    ),
    (
        "infinity is not allowed; must be {what}",
        "不允许无穷大；必须是 {what}",
    ),
    (
        "{value} is not allowed; must be {what}",
        "不允许 {value}；必须是 {what}",
    ),
    (
        "the shares sum to {sum}; they must sum to 100 ± 0.1 %",
        "各项占比合计为 {sum}；合计必须为 100 ± 0.1 %",
    ),
    (
        "the shares sum to {sum}; they must sum to at most 100 (± 0.1) %",
        "各项占比合计为 {sum}；合计最多为 100（± 0.1）%",
    ),
    (
        "the {source} share is {share}; a share must be between 0 and 100 %",
        "{source} 的占比为 {share}；占比必须在 0 到 100 % 之间",
    ),
    // Ids
    (
        "unknown {kind} \"{id}\" (did you mean \"{near}\"?); `hashwatt presets list {list}` shows the known ids",
        "未知的{kind} \"{id}\"（是否应为 \"{near}\"？）；`hashwatt presets list {list}` 列出所有已知 id",
    ),
    (
        "unknown {kind} \"{id}\"; `hashwatt presets list {list}` shows the known ids",
        "未知的{kind} \"{id}\"；`hashwatt presets list {list}` 列出所有已知 id",
    ),
    (
        "a custom miner (no `miner` id) needs `{what}`",
        "自定义矿机（没有 `miner` id）需要填写 `{what}`",
    ),
    (
        "the id \"{id}\" is also used by {first}; this file is skipped",
        "id \"{id}\" 已被 {first} 使用；已跳过此文件",
    ),
    // Presets
    ("every figure needs a source", "每个数值都必须注明来源"),
    (
        "an estimated intensity must be graded Estimate",
        "估算的碳强度必须标为 Estimate（估计值）",
    ),
    (
        "\"{value}\" is not allowed; an id uses only a–z, 0–9 and '-'",
        "不允许 \"{value}\"；id 只能使用 a–z、0–9 和 '-'",
    ),
    ("\"{value}\" is listed twice", "\"{value}\" 列出了两次"),
    ("a region needs a name", "地区必须有名称"),
    ("a mining map needs a name", "挖矿地图必须有名称"),
    (
        "low {low} ≤ central {central} ≤ high {high} must hold",
        "必须满足 低值 {low} ≤ 中值 {central} ≤ 高值 {high}",
    ),
    (
        "{stated} J/TH is stated but power / hashrate is {derived} J/TH; they must agree within 5 %",
        "标称能效为 {stated} J/TH，但功耗 / 算力为 {derived} J/TH；两者相差必须在 5 % 以内",
    ),
    (
        "no market snapshot is loaded, so the market must give it",
        "未加载任何市场快照，因此必须在 market 中给出该值",
    ),
];

/// What is allowed (the `what` of a limit), in words.
const ALLOWED: &[(&str, &str)] = &[
    (
        "a whole number above {min} and at most {max}",
        "大于 {min} 且不超过 {max} 的整数",
    ),
    (
        "a number above {min} and at most {max}",
        "大于 {min} 且不超过 {max} 的数",
    ),
    (
        "a whole number from {min} to {max}",
        "{min} 到 {max} 之间的整数",
    ),
    ("a number from {min} to {max}", "{min} 到 {max} 之间的数"),
    ("a year from {min} to {max}", "{min} 到 {max} 之间的年份"),
    (
        "a format version from {min} to {max}",
        "{min} 到 {max} 之间的格式版本",
    ),
];

/// Unit words that follow a limit's maximum.
const UNIT_WORDS: &[(&str, &str)] = &[
    (" units", " 台"),
    (" hours/year", " 小时/年"),
    (" years", " 年"),
    ("%/year", "%/年"),
];

/// The kinds of ids in "unknown {kind}".
const KINDS: &[(&str, &str)] = &[
    ("region", "地区"),
    ("miner", "矿机"),
    ("emission-factor table", "排放因子表"),
    ("market snapshot", "市场快照"),
    ("mining map", "挖矿地图"),
];

/// Every Chinese pattern and word here, for the glyph-coverage test.
pub fn chinese_patterns() -> impl Iterator<Item = &'static str> {
    [MESSAGES, ALLOWED, UNIT_WORDS, KINDS]
        .into_iter()
        .flatten()
        .map(|(_, zh)| *zh)
}

/// A message in `lang`: itself in English, or translated when a pattern matches.
pub fn message(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Zh => translate(text, MESSAGES).unwrap_or_else(|| text.to_string()),
    }
}

fn translate(text: &str, table: &[(&str, &str)]) -> Option<String> {
    table.iter().find_map(|(en, zh)| {
        let values = match_pattern(en, text)?;
        let values: Vec<(&str, String)> = values
            .into_iter()
            .map(|(name, value)| {
                let value = match name {
                    "what" => translate_allowed(&value),
                    "kind" => KINDS
                        .iter()
                        .find(|(en, _)| *en == value)
                        .map_or(value, |(_, zh)| (*zh).to_string()),
                    _ => value,
                };
                (name, value)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
        Some(fill(zh, &pairs))
    })
}

fn translate_allowed(what: &str) -> String {
    let mut text = translate(what, ALLOWED).unwrap_or_else(|| what.to_string());
    for (en, zh) in UNIT_WORDS {
        text = text.replace(en, zh);
    }
    text
}

/// The values of a pattern's `{name}`s in `text`, if `text` has the pattern's shape. Each
/// value runs to the first place the next literal part follows (the last one to the end).
fn match_pattern<'p>(pattern: &'p str, text: &str) -> Option<Vec<(&'p str, String)>> {
    // Literal parts and names, alternating: lit, name, lit, name, ..., lit.
    let mut literals = Vec::new();
    let mut names = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}')?;
        literals.push(&rest[..open]);
        names.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    literals.push(rest);

    let mut at = text.strip_prefix(literals[0])?;
    let mut values = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let next = literals[i + 1];
        let end = if i + 1 == names.len() {
            // The last value runs up to the final literal, which must end the text.
            at.strip_suffix(next)?.len()
        } else {
            at.find(next)?
        };
        let value = &at[..end];
        if value.is_empty() {
            return None;
        }
        values.push((*name, value.to_string()));
        at = &at[end + next.len()..];
    }
    // With no values the text must be the pattern itself; otherwise the last value took the rest.
    at.is_empty().then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::placeholders;

    #[test]
    fn patterns_take_values_across() {
        assert_eq!(
            message("0.5 is not allowed; must be a number from 1 to 5", Lang::Zh),
            "不允许 0.5；必须是 1 到 5 之间的数"
        );
        assert_eq!(
            message(
                "2e9 is not allowed; must be a whole number from 0 to 1e9 units",
                Lang::Zh
            ),
            "不允许 2e9；必须是 0 到 1e9 台 之间的整数"
        );
        assert_eq!(
            message(
                "unknown region \"atlantis\"; `hashwatt presets list regions` shows the known ids",
                Lang::Zh
            ),
            "未知的地区 \"atlantis\"；`hashwatt presets list regions` 列出所有已知 id"
        );
        assert_eq!(
            message(
                "\"2025-02-31\" is not allowed; month 02 of 2025 has 28 days",
                Lang::Zh
            ),
            "不允许 \"2025-02-31\"；2025 年 02 月只有 28 天"
        );
        assert_eq!(
            message(
                "\"Jan 2023\" is not allowed; must be a date YYYY-MM-DD",
                Lang::Zh
            ),
            "不允许 \"Jan 2023\"；必须是 YYYY-MM-DD 格式的日期"
        );
        assert_eq!(
            message(
                "cannot open the file: it is not a regular file (a FIFO)",
                Lang::Zh
            ),
            "无法打开文件：它不是普通文件（而是 FIFO 命名管道）"
        );
        assert_eq!(message("the file is empty", Lang::En), "the file is empty");
        // No pattern: shown as it is.
        assert_eq!(message("something new", Lang::Zh), "something new");
    }

    #[test]
    fn every_pattern_has_the_same_values_in_both_languages() {
        for (en, zh) in MESSAGES.iter().chain(ALLOWED) {
            assert_eq!(placeholders(en), placeholders(zh), "{en}");
            // Each pattern matches its own shape.
            let sample = fill(
                en,
                &placeholders(en)
                    .into_iter()
                    .map(|n| (n, "x"))
                    .collect::<Vec<_>>(),
            );
            assert!(match_pattern(en, &sample).is_some(), "{en}");
        }
    }
}
