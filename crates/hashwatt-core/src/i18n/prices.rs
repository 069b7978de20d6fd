//! Words of a region's power price: its grade, its tariff's components, and whether the rate
//! is open to a new mining load.

use serde::Serialize;

#[derive(Serialize)]
pub struct PriceStrings {
    /// "Measured", "Secondary", "Estimate": how sure a figure is.
    pub grade_measured: &'static str,
    pub grade_secondary: &'static str,
    pub grade_estimate: &'static str,
    /// "{source}, {year} ({grade})"
    pub source_line: &'static str,
    /// "Tariff: {name}, {year}"
    pub tariff_heading: &'static str,
    /// "Energy: {price} {currency}/kWh"
    pub tariff_energy_flat: &'static str,
    /// "Energy: {price} {currency}/kWh up to {kwh} kWh a month"
    pub tariff_energy_tier: &'static str,
    /// "Energy: {price} {currency}/kWh beyond"
    pub tariff_energy_rest: &'static str,
    /// "Demand: {price} {currency}/kW per {days} days"
    pub tariff_demand: &'static str,
    /// "Fixed: {price} {currency} per {days} days"
    pub tariff_fixed: &'static str,
    /// "Exchange rate: 1 {currency} = {usd} USD ({date})"
    pub tariff_exchange: &'static str,
    /// "Effective at {load}: {price}/kWh"
    pub tariff_effective: &'static str,
    /// "1 MW, 100 % uptime" (the reference load)
    pub reference_load: &'static str,
    /// "this site's {kw} kW, {uptime} % uptime"
    pub site_load: &'static str,
    /// "Availability: {status}"
    pub availability_line: &'static str,
    /// "; a new entrant pays {price}/kWh"
    pub new_entrant_price: &'static str,
    pub status_closed: &'static str,
    pub status_suspended: &'static str,
    pub status_banned: &'static str,
    /// The price's own column headings in `presets list regions`.
    pub grade_column: &'static str,
    pub year_column: &'static str,
    /// The report's header label for the power price: "Power:".
    pub report_label: &'static str,
    /// "{price}/kWh, the scenario's own"
    pub price_own: &'static str,
    /// "{price}/kWh from {source}"
    pub price_region: &'static str,
    /// "{price}/kWh (hashwatt's default)"
    pub price_default: &'static str,
    /// The scenario's price where its region publishes none ("price: yours").
    pub price_yours: &'static str,
    /// A region without a sourced price, in its price details.
    pub no_sourced_price: &'static str,
}

pub const EN: PriceStrings = PriceStrings {
    grade_measured: "Measured",
    grade_secondary: "Secondary",
    grade_estimate: "Estimate",
    source_line: "{source}, {year} ({grade})",
    tariff_heading: "Tariff: {name}, {year}",
    tariff_energy_flat: "Energy: {price} {currency}/kWh",
    tariff_energy_tier: "Energy: {price} {currency}/kWh up to {kwh} kWh a billing period",
    tariff_energy_rest: "Energy: {price} {currency}/kWh beyond",
    tariff_demand: "Demand: {price} {currency}/kW per {days} days",
    tariff_fixed: "Fixed: {price} {currency} per {days} days",
    tariff_exchange: "Exchange rate: 1 {currency} = {usd} USD ({date})",
    tariff_effective: "Effective at {load}: {price}/kWh",
    reference_load: "1 MW, 100 % uptime",
    site_load: "this site's {kw} kW, {uptime} % uptime",
    availability_line: "Availability: {status}",
    new_entrant_price: "; a new entrant pays {price}/kWh",
    status_closed: "this rate is closed to new mining loads",
    status_suspended: "new mining loads are not being connected",
    status_banned: "mining is banned",
    grade_column: "grade",
    year_column: "year",
    report_label: "Power:",
    price_own: "{price}/kWh, the scenario's own",
    price_region: "{price}/kWh from {source}",
    price_default: "{price}/kWh (hashwatt's default)",
    price_yours: "price: yours, {price}/kWh ({region} has no sourced price)",
    no_sourced_price: "No sourced power price: the scenario gives its own.",
};

pub const ZH: PriceStrings = PriceStrings {
    grade_measured: "实测",
    grade_secondary: "转引",
    grade_estimate: "估计",
    source_line: "{source}，{year}（{grade}）",
    tariff_heading: "电价表：{name}，{year}",
    tariff_energy_flat: "电量电价：{price} {currency}/kWh",
    tariff_energy_tier: "电量电价：每计费周期前 {kwh} kWh 为 {price} {currency}/kWh",
    tariff_energy_rest: "电量电价：超出部分 {price} {currency}/kWh",
    tariff_demand: "需量电费：每 {days} 天 {price} {currency}/kW",
    tariff_fixed: "固定费用：每 {days} 天 {price} {currency}",
    tariff_exchange: "汇率：1 {currency} = {usd} USD（{date}）",
    tariff_effective: "按{load}折算：{price}/kWh",
    reference_load: "1 MW、100 % 运行时间",
    site_load: "本场址 {kw} kW、{uptime} % 运行时间",
    availability_line: "可获得性：{status}",
    new_entrant_price: "；新接入者须付 {price}/kWh",
    status_closed: "此电价不再对新矿场开放",
    status_suspended: "暂停为新矿场接电",
    status_banned: "挖矿被禁止",
    grade_column: "等级",
    year_column: "年份",
    report_label: "电价：",
    price_own: "{price}/kWh，情景自定",
    price_region: "{price}/kWh，来自 {source}",
    price_default: "{price}/kWh（hashwatt 默认值）",
    price_yours: "您的电价 {price}/kWh（{region}没有有来源的电价）",
    no_sourced_price: "没有有来源的电价：由情景给出自己的电价。",
};
