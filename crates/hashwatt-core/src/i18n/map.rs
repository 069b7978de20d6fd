//! Words of the world map: its layers, titles, legends, hover lines and footer.

use serde::Serialize;

#[derive(Serialize)]
pub struct MapStrings {
    /// The view's name: "Map".
    pub view: &'static str,
    pub layer_label: &'static str,
    pub layer_intensity: &'static str,
    pub layer_demand: &'static str,
    pub layer_hashrate_share: &'static str,
    pub layer_profit: &'static str,
    /// "Grid intensity, g CO₂e/kWh"
    pub title_intensity: &'static str,
    /// "{count} countries use less electricity in a year than Bitcoin ({twh} TWh in {year})"
    pub title_demand: &'static str,
    /// "Share of the world's hashrate, {snapshot}"
    pub title_hashrate_share: &'static str,
    /// "Profit per day of {fleet} in each region with a power price"
    pub title_profit: &'static str,
    /// The demand layer's two classes.
    pub demand_below: &'static str,
    pub demand_above: &'static str,
    /// Grey: no figure.
    pub no_data: &'static str,
    /// A region without a sourced price on the profit layer.
    pub no_price: &'static str,
    /// "Circles: sub-national regions"
    pub circles: &'static str,
    /// "Snapshot"
    pub snapshot: &'static str,
    /// "China's ban (May–June 2021) came between {before} and {after}", beside the slider.
    pub china_ban_between: &'static str,
    /// "Year"
    pub year: &'static str,
    /// "{name}: {value} ({source}, {year})"
    pub hover: &'static str,
    /// "Click to make {name} the site"
    pub click_to_set: &'static str,
    /// "Shapes: {shapes}; boundaries as held on the ground (Natural Earth's default view)."
    pub footer_shapes: &'static str,
    /// "Data: {sources}"
    pub footer_sources: &'static str,
    /// "{share} % of the hashrate is not placed on the map (unattributed)."
    pub unattributed: &'static str,
    /// "the scenario's fleet and market; region prices from hashwatt's presets"
    pub profit_source: &'static str,
    /// "hashwatt's network estimate (History)"
    pub bitcoin_source: &'static str,
    /// "Each region's own preset source (shown on hover)"
    pub region_sources: &'static str,
    /// "Zoom: Ctrl + wheel; pan: Ctrl + drag"
    pub zoom_hint: &'static str,
}

pub const EN: MapStrings = MapStrings {
    view: "Map",
    layer_label: "Layer",
    layer_intensity: "Grid intensity",
    layer_demand: "Demand beside Bitcoin's",
    layer_hashrate_share: "Share of the hashrate",
    layer_profit: "This fleet's profit",
    title_intensity: "Grid intensity, g CO₂e/kWh",
    title_demand: "{count} countries use less electricity in a year than Bitcoin ({twh} TWh in {year})",
    title_hashrate_share: "Share of the world's hashrate, {snapshot}",
    title_profit: "Profit per day of {fleet} in each region with a power price",
    demand_below: "uses less than Bitcoin",
    demand_above: "uses more than Bitcoin",
    no_data: "no figure",
    no_price: "no sourced price",
    circles: "Circles: sub-national regions",
    snapshot: "Snapshot",
    china_ban_between: "China's ban (May–June 2021) came between {before} and {after}",
    year: "Year",
    hover: "{name}: {value} ({source}, {year})",
    click_to_set: "Click to make {name} the site",
    footer_shapes: "Shapes: {shapes}; boundaries as held on the ground (Natural Earth's default view).",
    footer_sources: "Data: {sources}",
    unattributed: "{share} % of the hashrate is not placed on the map (unattributed).",
    profit_source: "the scenario's fleet and market; region prices from hashwatt's presets",
    bitcoin_source: "hashwatt's network estimate (History)",
    region_sources: "each hand-made region's own source (shown on hover)",
    zoom_hint: "Zoom: Ctrl + wheel; pan: Ctrl + drag",
};

pub const ZH: MapStrings = MapStrings {
    view: "地图",
    layer_label: "图层",
    layer_intensity: "电网碳强度",
    layer_demand: "用电量与比特币相比",
    layer_hashrate_share: "算力份额",
    layer_profit: "本矿机组的利润",
    title_intensity: "电网碳强度，g CO₂e/kWh",
    title_demand: "{count} 个国家的年用电量少于比特币（{year} 年 {twh} TWh）",
    title_hashrate_share: "全球算力份额，{snapshot}",
    title_profit: "{fleet} 在每个有电价的地区的每日利润",
    demand_below: "用电少于比特币",
    demand_above: "用电多于比特币",
    no_data: "无数据",
    no_price: "无有来源的电价",
    circles: "圆圈：次国家级地区",
    snapshot: "快照",
    china_ban_between: "中国禁令（2021 年 5–6 月）发生在 {before} 与 {after} 之间",
    year: "年份",
    hover: "{name}：{value}（{source}，{year}）",
    click_to_set: "点击将 {name} 设为矿场所在地",
    footer_shapes: "边界：{shapes}；按实际控制线绘制（Natural Earth 默认视角）。",
    footer_sources: "数据：{sources}",
    unattributed: "{share} % 的算力未在地图上标出（未归属）。",
    profit_source: "情景的矿机组与市场；地区电价来自 hashwatt 预设",
    bitcoin_source: "hashwatt 的网络估算（历史）",
    region_sources: "各手工地区预设自身的来源（悬停可见）",
    zoom_hint: "缩放：Ctrl + 滚轮；平移：Ctrl + 拖动",
};
