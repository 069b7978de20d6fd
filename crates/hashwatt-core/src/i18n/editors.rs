//! Words of the window's editors of what a scenario file holds for the hour-by-hour dispatch:
//! the time-of-use tariff (Dispatch tab) and each fleet entry's power modes (hardware panel).

#[derive(serde::Serialize)]
pub struct EditorStrings {
    // The tariff editor
    pub tariff_heading: &'static str,
    /// No tariff in the scenario.
    pub tariff_none: &'static str,
    /// How periods price an hour.
    pub tariff_rule: &'static str,
    /// An imported series is used instead of the tariff.
    pub tariff_not_in_use: &'static str,
    /// The draft was refused by the checks: the document keeps the last tariff that passed.
    pub not_stored: &'static str,
    pub examples_heading: &'static str,
    /// Hover text of an example's button when a tariff exists.
    pub example_replaces: &'static str,
    pub empty_tariff: &'static str,
    pub remove_tariff: &'static str,
    pub year: &'static str,
    pub utc_offset: &'static str,
    /// "UTC{offset}" beside the offset in minutes (`{offset}` is `−06:00`).
    pub utc_clock: &'static str,
    /// A period's heading: "Period {n}".
    pub period: &'static str,
    /// A new period's name: "period {n}".
    pub new_period_name: &'static str,
    pub name: &'static str,
    pub months: &'static str,
    pub weekdays: &'static str,
    pub hours: &'static str,
    /// Beside months, weekdays or hours when none is chosen.
    pub all_of_them: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub add_hours: &'static str,
    pub remove: &'static str,
    pub price: &'static str,
    pub move_up: &'static str,
    pub move_down: &'static str,
    pub remove_period: &'static str,
    pub add_period: &'static str,
    pub month_names: [&'static str; 12],
    pub weekday_names: [&'static str; 7],

    // The example tariffs (`crate::tariff_examples`): a name, a one-line note saying where the
    // figures come from, and their periods' names.
    pub example_flat: &'static str,
    pub example_flat_note: &'static str,
    pub example_peak: &'static str,
    pub example_peak_note: &'static str,
    pub example_texas: &'static str,
    pub example_texas_note: &'static str,
    pub period_all_hours: &'static str,
    pub period_peak: &'static str,
    pub period_off_peak: &'static str,
    pub period_4cp_window: &'static str,

    // The power-mode editor
    /// "Power modes ({n})".
    pub modes_heading: &'static str,
    pub modes_intro: &'static str,
    /// The preset's modes, used while the entry has none of its own: "From the preset: {names}".
    pub modes_from_preset: &'static str,
    pub mode_name: &'static str,
    pub add_mode: &'static str,
    /// The draft was refused: the document keeps the modes that last passed.
    pub modes_not_stored: &'static str,
    /// A new mode's name: "mode {n}".
    pub new_mode_name: &'static str,
}

pub const EN: EditorStrings = EditorStrings {
    tariff_heading: "Time-of-use tariff",
    tariff_none: "No tariff: every hour is at the site's flat power price. Start from an example or an empty tariff.",
    tariff_rule: "Periods are tried in order: the first that covers an hour prices it, and an hour none covers is at the site's flat price. Months, weekdays or hours left unchosen mean all of them; hours are on the tariff's clock, from included and to not (22 to 6 runs over midnight).",
    tariff_not_in_use: "An imported price series is in use: the tariff applies again after \u{201c}Use the scenario's tariff\u{201d}.",
    not_stored: "Not stored: the scenario keeps its tariff as it last passed this check.",
    examples_heading: "Start from an example",
    example_replaces: "Replaces the tariff (Undo brings it back)",
    empty_tariff: "Empty tariff",
    remove_tariff: "Remove the tariff",
    year: "Year",
    utc_offset: "Offset from UTC, minutes",
    utc_clock: "UTC{offset}",
    period: "Period {n}",
    new_period_name: "period {n}",
    name: "Name",
    months: "Months",
    weekdays: "Weekdays",
    hours: "Hours",
    all_of_them: "none chosen: all",
    from: "From",
    to: "to",
    add_hours: "Add hours",
    remove: "Remove",
    price: "Price, USD/MWh",
    move_up: "Up",
    move_down: "Down",
    remove_period: "Remove period",
    add_period: "Add period",
    month_names: [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ],
    weekday_names: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    example_flat: "Flat",
    example_flat_note: "Illustrative: one price, 50 USD/MWh, every hour of the year.",
    example_peak: "Peak and off-peak",
    example_peak_note: "Illustrative: 90 USD/MWh on weekdays 07:00–23:00, 40 otherwise; the shape of many two-period tariffs, not any utility's prices.",
    example_texas: "Texas summer afternoons (4CP)",
    example_texas_note: "Illustrative: in ERCOT a large load's transmission charges follow its load in the 15-minute system peak of each month June–September (4CP), usually a weekday late afternoon; 300 USD/MWh stands for avoiding them 15:00–19:00 Central standard time, 45 otherwise.",
    period_all_hours: "all hours",
    period_peak: "peak",
    period_off_peak: "off-peak",
    period_4cp_window: "4CP window",
    modes_heading: "Power modes ({n})",
    modes_intro: "Besides the machine's own figures (stock), for the hour-by-hour dispatch; an entry's own modes replace its preset's.",
    modes_from_preset: "From the preset: {names}",
    mode_name: "Mode",
    add_mode: "Add mode",
    modes_not_stored: "Not stored: the scenario keeps its modes as they last passed this check.",
    new_mode_name: "mode {n}",
};

pub const ZH: EditorStrings = EditorStrings {
    tariff_heading: "分时电价",
    tariff_none: "没有分时电价：每小时都按站点的固定电价计。可从示例或空白电价开始。",
    tariff_rule: "按顺序逐一匹配时段：第一个覆盖该小时的时段决定其电价；没有时段覆盖的小时按站点的固定电价计。未选择月份、星期或小时即表示全部；小时按电价所用时钟计，含起点不含终点（22 到 6 跨越午夜）。",
    tariff_not_in_use: "当前使用导入的价格序列：点击\u{201c}使用情景的分时电价\u{201d}后，分时电价才会生效。",
    not_stored: "未保存：情景保留上一次通过此检查的分时电价。",
    examples_heading: "从示例开始",
    example_replaces: "替换当前分时电价（可撤销）",
    empty_tariff: "空白电价",
    remove_tariff: "删除分时电价",
    year: "年份",
    utc_offset: "与 UTC 的时差（分钟）",
    utc_clock: "UTC{offset}",
    period: "时段 {n}",
    new_period_name: "时段 {n}",
    name: "名称",
    months: "月份",
    weekdays: "星期",
    hours: "小时",
    all_of_them: "未选择：全部",
    from: "从",
    to: "到",
    add_hours: "添加小时段",
    remove: "删除",
    price: "电价，USD/MWh",
    move_up: "上移",
    move_down: "下移",
    remove_period: "删除时段",
    add_period: "添加时段",
    month_names: [
        "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
    ],
    weekday_names: ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    example_flat: "固定电价",
    example_flat_note: "示意：全年每小时同一电价，50 USD/MWh。",
    example_peak: "峰谷电价",
    example_peak_note: "示意：工作日 07:00–23:00 为 90 USD/MWh，其余为 40；许多两时段电价的形式，并非任何电力公司的价格。",
    example_texas: "得克萨斯夏季午后（4CP）",
    example_texas_note: "示意：在 ERCOT，大型负荷的输电费用取决于其在 6–9 月每月 15 分钟系统峰值（4CP，通常在工作日傍晚）时的负荷；以美国中部标准时间 15:00–19:00 的 300 USD/MWh 代表避开该费用，其余为 45。",
    period_all_hours: "全部小时",
    period_peak: "高峰",
    period_off_peak: "低谷",
    period_4cp_window: "4CP 时段",
    modes_heading: "功率模式（{n}）",
    modes_intro: "除矿机自身参数（stock）外的模式，用于逐时调度；条目自己的模式会取代其预设的模式。",
    modes_from_preset: "来自预设：{names}",
    mode_name: "模式",
    add_mode: "添加模式",
    modes_not_stored: "未保存：情景保留上一次通过此检查的功率模式。",
    new_mode_name: "模式 {n}",
};

#[cfg(test)]
mod tests {
    /// Every text of a table, by key (a list's items as `key[i]`).
    fn texts(table: &super::EditorStrings) -> Vec<(String, String)> {
        let value = serde_json::to_value(table).unwrap();
        let mut out = Vec::new();
        for (key, value) in value.as_object().unwrap() {
            match value {
                serde_json::Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        out.push((format!("{key}[{i}]"), item.as_str().unwrap().to_string()));
                    }
                }
                other => out.push((key.clone(), other.as_str().unwrap().to_string())),
            }
        }
        out
    }

    #[test]
    fn both_tables_have_every_key_with_the_same_placeholders() {
        let en = texts(&super::EN);
        let zh = texts(&super::ZH);
        assert_eq!(en.len(), zh.len());
        for ((key, en), (zh_key, zh)) in en.iter().zip(&zh) {
            assert_eq!(key, zh_key);
            assert!(!zh.is_empty(), "{key}");
            assert_eq!(
                crate::i18n::placeholders(en),
                crate::i18n::placeholders(zh),
                "{key}"
            );
        }
    }
}
