//! What the command line prints: aligned tables for people, JSON and CSV for programs.

use super::{CliError, Loaded};
use crate::format::{
    self, co2_kg, co2_kg_parts, energy_kwh_parts, maybe, number, power_kw_parts, usd,
};
use crate::i18n::Localized;
use crate::i18n::cli::{CliStrings, align_left, align_right, display_width};
use crate::i18n::{Lang, fill, strings};
use crate::model::date::Date;
use crate::model::{Evaluation, IntensityMethod, Projection};
use crate::presets::{FactorKind, IntensityConvention, PresetKind, PresetLibrary};
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc};
use std::fmt::Write as _;

/// Label column width in tables.
const LABEL: usize = 28;

fn row(out: &mut String, label: &str, value: &str, unit: &str) {
    let _ = writeln!(
        out,
        "  {} {} {unit}",
        align_left(label, LABEL),
        align_right(value, 16)
    );
}

/// A row whose value carries a scaled unit (kW/MW, kWh/MWh, kg/t).
fn row_parts(out: &mut String, label: &str, (value, unit): (String, &str), note: &str) {
    row(out, label, &value, &format!("{unit}{note}"));
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

/// Cells right-aligned in columns of these widths, one space apart.
fn columns(out: &mut String, cells: &[&str], widths: &[usize]) {
    let line: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &w)| align_right(cell, w))
        .collect();
    let _ = writeln!(out, "{}", line.join(" "));
}

/// A scenario's title: its name in `lang`, or "Scenario" when it has none.
pub(super) fn title(doc: &ScenarioDoc, lang: Lang) -> &str {
    match doc.name_in(lang) {
        "" => strings(lang).cli.untitled,
        name => name,
    }
}

/// Days to pay back, in words: "412 days (1.1 years)", or "never".
fn payback(days: Option<f64>, lang: Lang) -> String {
    let s = strings(lang);
    match days {
        None => s.results.never.to_string(),
        Some(d) => fill(
            s.cli.payback_days,
            &[
                ("days", &format::fixed(d, 0)),
                ("years", &format::fixed(d / 365.25, 1)),
            ],
        ),
    }
}

/// An intensity convention in words.
fn convention(c: IntensityConvention, t: &CliStrings) -> &'static str {
    match c {
        IntensityConvention::EmberProduction => t.convention_ember,
        IntensityConvention::ElectricityMapsConsumption => t.convention_electricity_maps,
        IntensityConvention::Estimated => t.convention_estimated,
    }
}

/// The report as an aligned table with units.
pub fn report_table(
    loaded: &Loaded,
    e: &Evaluation,
    library: &PresetLibrary,
    lang: Lang,
) -> String {
    let words = strings(lang);
    let (t, r, n) = (&words.cli, &words.results, &words.network);
    let doc = &loaded.doc;
    let s = &loaded.scenario;
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(doc, lang));

    let region = doc.site.base_region_id().and_then(|id| library.region(id));
    let site = match (region, doc.site.mix.is_some()) {
        (Some(r), false) => r.name_in(lang).to_string(),
        (Some(r), true) => fill(t.region_custom_mix, &[("name", r.name_in(lang))]),
        (None, _) => t.custom_mix.to_string(),
    };
    let intensity_from = match (e.intensity_method, region) {
        (IntensityMethod::Measured, Some(r)) => fill(
            t.grid_measured,
            &[
                (
                    "how",
                    if r.intensity.grade == crate::presets::Grade::Estimate {
                        t.grid_how_estimate
                    } else {
                        t.grid_how_measured
                    },
                ),
                ("convention", convention(r.intensity.convention, t)),
                ("year", &r.intensity.year.to_string()),
                ("source", &r.intensity.source),
            ],
        ),
        _ => {
            let table = library
                .emission_table(&doc.site.emission_table)
                .map_or(doc.site.emission_table.as_str(), |t| t.name_in(lang));
            fill(t.grid_mix, &[("table", table)])
        }
    };
    let header = |out: &mut String, label: &str, text: &str| {
        let _ = writeln!(out, "  {}{text}", align_left(label, 9));
    };
    header(&mut out, t.site, &site);
    header(&mut out, t.grid, &intensity_from);
    let fleet: Vec<String> = s
        .fleet
        .iter()
        .enumerate()
        .map(|(i, g)| {
            // The group's name as resolved, in `lang` where it is a preset's or a default.
            let name = match doc.fleet.get(i) {
                Some(FleetEntryDoc {
                    name: None,
                    miner: Some(id),
                    ..
                }) => library
                    .miner(id)
                    .map_or(g.name.as_str(), |m| m.name_in(lang))
                    .to_string(),
                Some(FleetEntryDoc {
                    name: None,
                    miner: None,
                    ..
                }) => fill(t.custom_miner, &[("n", &(i + 1).to_string())]),
                _ => g.name.clone(),
            };
            fill(
                t.fleet_entry,
                &[
                    ("units", &format::fixed(f64::from(g.units), 0)),
                    ("name", &name),
                ],
            )
        })
        .collect();
    let fleet = if fleet.is_empty() {
        t.fleet_none.to_string()
    } else {
        fleet.join(t.fleet_separator)
    };
    header(&mut out, t.fleet, &fleet);
    let market = match &doc.market.preset {
        Some(id) => library.market(id),
        None => library.newest_market(),
    };
    let snapshot = market
        .map(|m| {
            let changes = if has_market_overrides(doc) {
                t.market_changed
            } else {
                ""
            };
            fill(
                t.market_snapshot,
                &[("changes", changes), ("name", m.name_in(lang))],
            )
        })
        .unwrap_or_default();
    let market_line = fill(
        t.market_line,
        &[
            ("price", &usd(s.market.btc_price_usd)),
            ("subsidy", &number(s.market.subsidy_btc())),
            ("fees", &number(s.market.fees_btc_per_block)),
            ("snapshot", &snapshot),
        ],
    );
    header(&mut out, t.market, &market_line);

    heading(&mut out, t.section_power);
    row(
        &mut out,
        r.fleet_hashrate_ths.label,
        &number(e.fleet_hashrate_ths),
        "TH/s",
    );
    row(
        &mut out,
        r.efficiency_j_per_th.label,
        &maybe(e.efficiency_j_per_th),
        "J/TH",
    );
    row_parts(&mut out, t.power_with_pue, power_kw_parts(e.power_kw), "");
    row_parts(
        &mut out,
        r.energy_kwh_per_day.label,
        energy_kwh_parts(e.energy_kwh_per_day),
        "",
    );
    row_parts(
        &mut out,
        r.energy_mwh_per_year.label,
        energy_kwh_parts(e.energy_mwh_per_year * 1000.0),
        "",
    );

    heading(&mut out, t.section_carbon);
    let range = |low: String, high: String| fill(t.range, &[("low", &low), ("high", &high)]);
    let (low, high) = (
        e.intensity_band.low_g_per_kwh,
        e.intensity_band.high_g_per_kwh,
    );
    row(
        &mut out,
        r.grid_intensity_g_per_kwh.label,
        &number(e.grid_intensity_g_per_kwh),
        &format!("g CO₂e/kWh{}", range(number(low), number(high))),
    );
    row_parts(
        &mut out,
        r.co2_kg_per_day.label,
        co2_kg_parts(e.co2_kg_per_day),
        "",
    );
    let (low, high) = e.carbon_band(e.co2_t_per_year);
    row_parts(
        &mut out,
        r.co2_t_per_year.label,
        co2_kg_parts(e.co2_t_per_year * 1000.0),
        &range(co2_kg(low * 1000.0), co2_kg(high * 1000.0)),
    );
    row(
        &mut out,
        r.co2_t_per_btc.label,
        &maybe(e.co2_t_per_btc),
        "t",
    );

    heading(&mut out, t.section_mining);
    row(
        &mut out,
        r.network_hashrate_ehs.label,
        &number(e.network_hashrate_ehs),
        "EH/s",
    );
    row(
        &mut out,
        r.hashprice_usd_per_ph_day.label,
        &usd(e.hashprice_usd_per_ph_day),
        n.unit_per_ph_day,
    );
    row(
        &mut out,
        t.btc_mined,
        &number(e.btc_per_day),
        t.unit_btc_per_day,
    );
    match e.energy_kwh_per_btc {
        Some(kwh) => row_parts(
            &mut out,
            r.energy_kwh_per_btc.label,
            energy_kwh_parts(kwh),
            "",
        ),
        None => row(&mut out, r.energy_kwh_per_btc.label, format::UNDEFINED, ""),
    }

    heading(&mut out, t.section_money);
    row(
        &mut out,
        r.revenue_usd_per_day.label,
        &usd(e.revenue_usd_per_day),
        "",
    );
    row(
        &mut out,
        t.electricity,
        &usd(e.electricity_cost_usd_per_day),
        "",
    );
    row(
        &mut out,
        r.opex_usd_per_day.label,
        &usd(e.opex_usd_per_day),
        "",
    );
    row(
        &mut out,
        r.carbon_cost_usd_per_day.label,
        &usd(e.carbon_cost_usd_per_day),
        "",
    );
    row(&mut out, t.profit, &usd(e.profit_usd_per_day), "");

    heading(&mut out, t.section_break_even);
    let be = e
        .break_even_btc_price_usd
        .map_or(format::UNDEFINED.into(), usd);
    let verdict = match e.break_even_btc_price_usd {
        Some(p) if p <= s.market.btc_price_usd => t.verdict_profitable,
        Some(_) => t.verdict_losing,
        None => "",
    };
    row(&mut out, r.break_even_btc_price_usd.label, &be, verdict);
    row(
        &mut out,
        r.all_in_cost_per_btc_usd.label,
        &e.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        t.with_depreciation,
    );
    row(
        &mut out,
        r.break_even_electricity_usd_kwh.label,
        &e.break_even_electricity_usd_kwh
            .map_or(format::UNDEFINED.into(), usd),
        n.unit_per_kwh,
    );
    row(&mut out, t.hardware, &usd(e.hardware_cost_usd), "");
    row(
        &mut out,
        r.payback_days.label,
        &payback(e.payback_days, lang),
        "",
    );

    let any_lever = e.effective_uptime_pct.is_some()
        || e.supply_price_usd_per_kwh.is_some()
        || e.heat_revenue_usd_per_day.is_some()
        || e.flaring_avoided_co2_t_per_year.is_some();
    if any_lever {
        heading(&mut out, t.section_levers);
        if let Some(p) = e.supply_price_usd_per_kwh {
            row(&mut out, t.blended_power_price, &usd(p), n.unit_per_kwh);
        }
        if let (Some(u), Some(c)) = (e.effective_uptime_pct, e.curtailment_credit_usd_per_day) {
            row(
                &mut out,
                t.uptime_after_curtailment,
                &format::fixed(u, 1),
                "%",
            );
            row(&mut out, t.demand_response_credit, &usd(c), t.per_day);
        }
        if let (Some(h), Some(d)) = (e.heat_revenue_usd_per_day, e.heat_displaced_co2_t_per_year) {
            row(&mut out, t.heat_sold, &usd(h), t.per_day);
            row_parts(
                &mut out,
                t.heat_displaced,
                co2_kg_parts(d * 1000.0),
                t.per_year_apart,
            );
        }
        if let Some(f) = e.flaring_avoided_co2_t_per_year {
            row_parts(
                &mut out,
                t.flaring_avoided,
                co2_kg_parts(f * 1000.0),
                t.per_year_counterfactual,
            );
        }
    }
    out
}

fn has_market_overrides(doc: &ScenarioDoc) -> bool {
    let m = &doc.market;
    m.btc_price_usd.is_some()
        || m.network.is_some()
        || m.subsidy.is_some()
        || m.fees_btc_per_block.is_some()
}

fn month_label(start: Option<Date>, end_day: f64) -> String {
    match start {
        Some(d) => {
            let end = d.plus_days(end_day - 1.0);
            format!("{:04}-{:02}", end.year, end.month)
        }
        None => String::new(),
    }
}

/// The projection as CSV: one row a month.
pub fn projection_csv(p: &Projection, start: Option<Date>) -> String {
    let mut out = String::from(
        "month,month_ending,network_hashrate_ehs,btc_price_usd,block_subsidy_btc,btc_mined,revenue_usd,electricity_cost_usd,opex_usd,carbon_cost_usd,profit_usd,cumulative_cash_flow_usd,cumulative_btc\n",
    );
    for m in &p.months {
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{},{},{},{}",
            m.month,
            month_label(start, m.end_day),
            m.network_hashrate_ehs,
            m.btc_price_usd,
            m.block_subsidy_btc,
            m.btc_mined,
            m.revenue_usd,
            m.electricity_cost_usd,
            m.opex_usd,
            m.carbon_cost_usd,
            m.profit_usd,
            m.cumulative_cash_flow_usd,
            m.cumulative_btc
        );
    }
    out
}

/// The projection table's column widths.
const PROJECTION_WIDTHS: [usize; 10] = [5, 7, 10, 10, 8, 11, 12, 12, 12, 14];

/// The projection as a table with a summary.
pub fn projection_table(
    loaded: &Loaded,
    p: &Projection,
    start: Option<Date>,
    lang: Lang,
) -> String {
    let words = strings(lang);
    let (t, r) = (&words.cli, &words.results);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(
            t.projection_title,
            &[
                ("months", &p.months.len().to_string()),
                ("name", title(&loaded.doc, lang)),
            ],
        )
    );
    out.push('\n');
    columns(
        &mut out,
        &[
            t.col_month,
            t.col_ending,
            t.col_network,
            t.col_btc_price,
            t.col_subsidy,
            t.col_btc_mined,
            t.col_revenue,
            t.col_costs,
            t.col_profit,
            t.col_cumulative,
        ],
        &PROJECTION_WIDTHS,
    );
    for m in &p.months {
        let costs = m.electricity_cost_usd + m.opex_usd + m.carbon_cost_usd;
        let cells = [
            m.month.to_string(),
            month_label(start, m.end_day),
            format::fixed(m.network_hashrate_ehs, 0),
            format::fixed(m.btc_price_usd, 0),
            number(m.block_subsidy_btc),
            format::fixed(m.btc_mined, 6),
            format::fixed(m.revenue_usd, 0),
            format::fixed(costs, 0),
            format::fixed(m.profit_usd, 0),
            format::fixed(m.cumulative_cash_flow_usd, 0),
        ];
        columns(
            &mut out,
            &cells.each_ref().map(String::as_str),
            &PROJECTION_WIDTHS,
        );
    }
    heading(&mut out, t.summary);
    row(&mut out, t.btc_mined, &number(p.total_btc), "BTC");
    row(
        &mut out,
        r.revenue_usd_per_day.label,
        &usd(p.total_revenue_usd),
        "",
    );
    row(&mut out, t.cash_costs, &usd(p.total_cash_cost_usd), "");
    row(&mut out, t.hardware, &usd(p.hardware_cost_usd), "");
    if p.resale_usd > 0.0 {
        row(&mut out, t.resale, &usd(p.resale_usd), "");
    }
    row(
        &mut out,
        t.cash_cost_per_btc,
        &p.cash_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    row(
        &mut out,
        r.all_in_cost_per_btc_usd.label,
        &p.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    let payback = match p.payback_month {
        Some(m) => fill(t.payback_month, &[("month", &m.to_string())]),
        None => t.payback_never.into(),
    };
    row(&mut out, r.payback_days.label, &payback, "");
    if !p.halvings_modelled {
        let _ = writeln!(out, "\n{}", t.no_halvings);
    }
    for h in &p.halvings {
        let date = start
            .map(|d| fill(t.halving_date, &[("date", &d.plus_days(h.day).to_string())]))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\n{}",
            fill(
                t.halving,
                &[
                    ("height", &format::fixed(h.height as f64, 0)),
                    ("month", &h.month.to_string()),
                    ("subsidy", &number(h.subsidy_after_btc)),
                    ("date", &date),
                ],
            )
        );
    }
    out
}

/// A kind of preset in words, for the list's headings.
fn kind_words(kind: PresetKind, t: &CliStrings) -> &'static str {
    match kind {
        PresetKind::Region => t.kind_regions,
        PresetKind::Miner => t.kind_miners,
        PresetKind::EmissionTable => t.kind_emission_factors,
        PresetKind::Market => t.kind_markets,
        PresetKind::MiningMap => t.kind_mining_maps,
        PresetKind::Scenario => t.kind_scenarios,
    }
}

/// One line per preset: id, name and the figures that tell them apart.
pub fn presets_table(library: &PresetLibrary, kinds: &[PresetKind], lang: Lang) -> String {
    let words = strings(lang);
    let t = &words.cli;
    let mut out = String::new();
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "{}",
            fill(
                t.presets_heading,
                &[
                    ("count", &library.count(*kind).to_string()),
                    ("kind", kind_words(*kind, t)),
                ],
            )
        );
        match kind {
            PresetKind::Region => {
                let w = name_width(library.regions().map(|r| r.name_in(lang)));
                for r in library.regions() {
                    let estimate = if r.intensity.grade == crate::presets::Grade::Estimate {
                        format!(" {}", words.network.estimate_mark)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        out,
                        "  {:<22} {} {:>6} g/kWh{} {:>8} USD/kWh",
                        r.id,
                        align_left(r.name_in(lang), w),
                        format::fixed(r.intensity.g_per_kwh, 0),
                        align_left(&estimate, 11),
                        number(r.electricity_price_usd_per_kwh.value)
                    );
                }
            }
            PresetKind::Miner => {
                let mut miners: Vec<_> = library.miners().collect();
                miners.sort_by(|a, b| (a.release_year, &a.name).cmp(&(b.release_year, &b.name)));
                let w = name_width(miners.iter().map(|m| m.name_in(lang)));
                for m in miners {
                    let _ = writeln!(
                        out,
                        "  {:<24} {} {:>6} {:>12} TH/s {:>8} W {:>12} J/TH",
                        m.id,
                        align_left(m.name_in(lang), w),
                        m.release_year,
                        number(m.hashrate_ths),
                        format::fixed(m.power_w, 0),
                        number(m.efficiency_j_per_th())
                    );
                }
            }
            PresetKind::EmissionTable => {
                for table in library.emission_tables() {
                    let kind = match table.kind {
                        FactorKind::Lifecycle => t.factors_lifecycle,
                        FactorKind::Direct => t.factors_direct,
                    };
                    let line = fill(
                        t.factors_line,
                        &[
                            ("kind", kind),
                            ("year", &table.year.to_string()),
                            ("name", table.name_in(lang)),
                        ],
                    );
                    let _ = writeln!(out, "  {:<22} {line}", table.id);
                }
            }
            PresetKind::Market => {
                let w = name_width(library.markets().map(|m| m.name_in(lang)));
                for m in library.markets() {
                    let _ = writeln!(
                        out,
                        "  {:<10} {} {}  BTC {:>10}",
                        m.id,
                        align_left(m.name_in(lang), w),
                        m.date,
                        usd(m.btc_price_usd.value)
                    );
                }
            }
            PresetKind::MiningMap => super::network::mining_maps_table(library, lang, &mut out),
            PresetKind::Scenario => {
                for s in library.scenarios() {
                    let _ = writeln!(out, "  {:<26} {}", s.id, s.doc.name_in(lang));
                }
            }
        }
    }
    out
}

/// The widest of some names, in terminal columns, for a column.
pub(super) fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(display_width).max().unwrap_or(0)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, CliError> {
    serde_json::to_value(value).map_err(|e| CliError(e.to_string()))
}

fn kind_json(library: &PresetLibrary, kind: PresetKind) -> Result<serde_json::Value, CliError> {
    Ok(match kind {
        PresetKind::Region => to_json(&library.regions().collect::<Vec<_>>())?,
        PresetKind::Miner => to_json(&library.miners().collect::<Vec<_>>())?,
        PresetKind::EmissionTable => to_json(&library.emission_tables().collect::<Vec<_>>())?,
        PresetKind::Market => to_json(&library.markets().collect::<Vec<_>>())?,
        PresetKind::MiningMap => to_json(&library.mining_maps().collect::<Vec<_>>())?,
        PresetKind::Scenario => {
            let list: Vec<serde_json::Value> = library
                .scenarios()
                .map(|s| Ok(serde_json::json!({ "id": s.id, "scenario": to_json(&s.doc)? })))
                .collect::<Result<_, CliError>>()?;
            serde_json::Value::Array(list)
        }
    })
}

/// Presets as JSON: an array for one kind, an object of arrays for several.
pub fn presets_json(library: &PresetLibrary, kinds: &[PresetKind]) -> Result<String, CliError> {
    let value = match kinds {
        [kind] => kind_json(library, *kind)?,
        _ => {
            let mut map = serde_json::Map::new();
            for kind in kinds {
                map.insert(kind.folder().to_string(), kind_json(library, *kind)?);
            }
            serde_json::Value::Object(map)
        }
    };
    serde_json::to_string_pretty(&value)
        .map(|s| s + "\n")
        .map_err(|e| CliError(e.to_string()))
}

/// One preset, whatever its kind, with every figure and its source.
pub fn preset_show(
    library: &PresetLibrary,
    id: &str,
    json: bool,
    lang: Lang,
) -> Result<String, CliError> {
    let pretty = |value: &dyn erased::Show| -> Result<String, CliError> {
        if json { value.json() } else { value.ron() }
    };
    if let Some(r) = library.region(id) {
        return pretty(r);
    }
    if let Some(m) = library.miner(id) {
        return pretty(m);
    }
    if let Some(t) = library.emission_table(id) {
        return pretty(t);
    }
    if let Some(m) = library.market(id) {
        return pretty(m);
    }
    if let Some(m) = library.mining_map(id) {
        return pretty(m);
    }
    if let Some(s) = library.scenario(id) {
        return pretty(&s.doc);
    }
    let all: Vec<&str> = library
        .regions()
        .map(|r| r.id.as_str())
        .chain(library.miners().map(|m| m.id.as_str()))
        .chain(library.emission_tables().map(|t| t.id.as_str()))
        .chain(library.markets().map(|m| m.id.as_str()))
        .chain(library.mining_maps().map(|m| m.id.as_str()))
        .chain(library.scenarios().map(|s| s.id.as_str()))
        .collect();
    let t = &strings(lang).cli;
    let hint = did_you_mean(crate::presets::did_you_mean(id, &all), t);
    Err(CliError(fill(
        t.unknown_preset,
        &[("hint", &hint), ("id", id)],
    )))
}

/// Showing any preset type as RON or JSON without a generic function per type.
mod erased {
    use super::CliError;

    pub trait Show {
        fn json(&self) -> Result<String, CliError>;
        fn ron(&self) -> Result<String, CliError>;
    }

    impl<T: serde::Serialize> Show for T {
        fn json(&self) -> Result<String, CliError> {
            serde_json::to_string_pretty(self)
                .map(|s| s + "\n")
                .map_err(|e| CliError(e.to_string()))
        }
        fn ron(&self) -> Result<String, CliError> {
            crate::scenario_io::to_ron(self).map_err(CliError)
        }
    }
}

/// " (did you mean \"…\"?)" after an unknown id, when a known one is near.
pub(super) fn did_you_mean(near: Option<&str>, t: &CliStrings) -> String {
    near.map(|near| fill(t.did_you_mean, &[("near", near)]))
        .unwrap_or_default()
}

/// The label and unit of a figure, from the string table (the key itself if it has none).
fn figure_words(key: &'static str, lang: Lang) -> (&'static str, &'static str) {
    strings(lang)
        .results
        .all()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map_or((key, ""), |(_, f)| (f.label, f.unit))
}

/// Scenarios side by side: a row per figure, the best value marked with `*`.
pub fn compare_table(names: &[String], rows: &[crate::compare::Row], lang: Lang) -> String {
    let words = strings(lang);
    let mut out = String::new();
    let width = name_width(names.iter().map(String::as_str)).max(14);
    let _ = write!(out, "{:<LABEL$} {:<10}", "", "");
    for name in names {
        let _ = write!(out, " {}", align_right(name, width));
    }
    out.push('\n');
    for row in rows {
        let (label, unit) = figure_words(row.key, lang);
        let _ = write!(out, "{} {}", align_left(label, LABEL), align_left(unit, 10));
        for (i, value) in row.values.iter().enumerate() {
            let mark = if row.best.contains(&i) { "*" } else { " " };
            let text = match (row.key, value) {
                ("payback_days", None) => words.results.never.to_string(),
                _ => maybe(*value),
            };
            let _ = write!(out, " {}{mark}", align_right(&text, width - 1));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", words.cli.best_note);
    out
}

/// Scenarios side by side as CSV: key, figure, unit, better, then one column per scenario.
pub fn compare_csv(names: &[String], rows: &[crate::compare::Row]) -> String {
    let quote = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let mut out = String::from("key,figure,unit,better");
    for name in names {
        out.push(',');
        out.push_str(&quote(name));
    }
    out.push('\n');
    for row in rows {
        // CSV is for programs: its words stay English.
        let (label, unit) = figure_words(row.key, Lang::En);
        let better = match row.better {
            crate::compare::Better::Lower => "lower",
            crate::compare::Better::Higher => "higher",
            crate::compare::Better::Neither => "",
        };
        let _ = write!(out, "{},{},{},{better}", row.key, quote(label), quote(unit));
        for value in &row.values {
            out.push(',');
            if let Some(v) = value {
                let _ = write!(out, "{v}");
            }
        }
        out.push('\n');
    }
    out
}

/// Scenarios side by side as JSON: each scenario with its figures, and the best per figure.
pub fn compare_json(
    names: &[String],
    files: &[std::path::PathBuf],
    evaluations: &[crate::model::Evaluation],
    rows: &[crate::compare::Row],
) -> Result<String, CliError> {
    let scenarios: Vec<serde_json::Value> = names
        .iter()
        .zip(files)
        .zip(evaluations)
        .map(|((name, file), e)| {
            Ok(serde_json::json!({
                "name": name,
                "file": file.display().to_string(),
                "results": to_json(e)?,
            }))
        })
        .collect::<Result<_, CliError>>()?;
    let best: serde_json::Map<String, serde_json::Value> = rows
        .iter()
        .map(|row| {
            let winners: Vec<&String> = row.best.iter().map(|&i| &names[i]).collect();
            (row.key.to_string(), serde_json::json!(winners))
        })
        .collect();
    let value = serde_json::json!({ "scenarios": scenarios, "best": best });
    serde_json::to_string_pretty(&value)
        .map(|s| s + "\n")
        .map_err(|e| CliError(e.to_string()))
}
