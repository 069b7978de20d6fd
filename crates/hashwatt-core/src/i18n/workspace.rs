//! Words of the window's workspaces and its start page.

use serde::Serialize;

#[derive(Serialize)]
pub struct WorkspaceStrings {
    /// The three workspaces, chosen at the top of the window.
    pub site: &'static str,
    pub where_: &'static str,
    pub network: &'static str,
    /// What each is for, on hover.
    pub site_hint: &'static str,
    pub where_hint: &'static str,
    pub network_hint: &'static str,
    /// The summary strip's switch to every card, and back.
    pub all_figures: &'static str,
    pub fewer_figures: &'static str,
    /// View → Start page.
    pub menu_start_page: &'static str,
    pub start_title: &'static str,
    pub start_intro: &'static str,
    /// The three doors: a title, then what you will learn.
    pub door_site: &'static str,
    pub door_site_learn: &'static str,
    pub door_where: &'static str,
    pub door_where_learn: &'static str,
    pub door_network: &'static str,
    pub door_network_learn: &'static str,
    /// Leaves the start page for the window as it was.
    pub start_close: &'static str,
}

pub const EN: WorkspaceStrings = WorkspaceStrings {
    site: "Site",
    where_: "Where",
    network: "Network",
    site_hint: "One site and its fleet: what it costs, what it earns, its CO₂, when it pays back",
    where_hint: "The same fleet in other places: regions ranked, sites side by side, sensitivity",
    network_hint: "The whole Bitcoin network: its energy and CO₂ now and since 2010, where it is mined",
    all_figures: "Show all figures",
    fewer_figures: "Show only the four deciding figures",
    menu_start_page: "Start page",
    start_title: "What would you like to find out?",
    start_intro: "Each door opens a worked example you can change. Every number says where it comes from.",
    door_site: "Evaluate a site",
    door_site_learn: "A Texas site of Antminer S21s: the bitcoin price it needs to break even, its profit a day, its CO₂ per bitcoin and when it pays back.",
    door_where: "Where should I mine?",
    door_where_learn: "The same fleet in every region with a published power price, ranked from cheapest to dearest, and on a map.",
    door_network: "Explore the Bitcoin network",
    door_network_learn: "Its electricity and CO₂ month by month since 2010 beside Cambridge's figures, and what China's 2021 ban did.",
    start_close: "Continue with the open scenario",
};

pub const ZH: WorkspaceStrings = WorkspaceStrings {
    site: "矿场",
    where_: "选址",
    network: "网络",
    site_hint: "一个矿场及其矿机：成本、收益、CO₂ 排放、回本时间",
    where_hint: "同一批矿机放在别处：地区排名、矿场对比、敏感性分析",
    network_hint: "整个比特币网络：现在与 2010 年以来的能耗和 CO₂，以及挖矿地点",
    all_figures: "显示全部指标",
    fewer_figures: "只显示四项决策指标",
    menu_start_page: "起始页",
    start_title: "您想了解什么？",
    start_intro: "每扇门都会打开一个可修改的示例。每个数字都注明来源。",
    door_site: "评估一个矿场",
    door_site_learn: "得克萨斯州的一座蚂蚁矿机 S21 矿场：盈亏平衡所需的比特币价格、每日利润、每个比特币的 CO₂ 排放及回本时间。",
    door_where: "我该在哪里挖矿？",
    door_where_learn: "同一批矿机放在每个有公开电价的地区，从最便宜到最贵排名，并显示在地图上。",
    door_network: "探索比特币网络",
    door_network_learn: "自 2010 年以来逐月的用电量与 CO₂，与剑桥的数据对比，以及中国 2021 年禁令的影响。",
    start_close: "继续使用当前情景",
};
