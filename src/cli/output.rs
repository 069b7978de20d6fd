//! What the command line prints: aligned tables for people, JSON and CSV for programs.

use super::{CliError, Loaded};
use crate::format::{
    self, co2_kg, co2_kg_parts, energy_kwh_parts, maybe, number, power_kw_parts, usd,
};
use crate::model::date::Date;
use crate::model::{Evaluation, IntensityMethod, Projection};
use crate::presets::{PresetKind, PresetLibrary};
use std::fmt::Write as _;

/// Label column width in tables.
const LABEL: usize = 28;

fn row(out: &mut String, label: &str, value: &str, unit: &str) {
    let _ = writeln!(out, "  {label:<LABEL$} {value:>16} {unit}");
}

/// A row whose value carries a scaled unit (kW/MW, kWh/MWh, kg/t).
fn row_parts(out: &mut String, label: &str, (value, unit): (String, &str), note: &str) {
    row(out, label, &value, &format!("{unit}{note}"));
}

fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

/// The report as an aligned table with units.
pub fn report_table(loaded: &Loaded, e: &Evaluation, library: &PresetLibrary) -> String {
    let doc = &loaded.doc;
    let s = &loaded.scenario;
    let mut out = String::new();
    let title = if doc.name.is_empty() {
        "Scenario"
    } else {
        &doc.name
    };
    let _ = writeln!(out, "{title}");

    let region = doc.site.base_region_id().and_then(|id| library.region(id));
    let site = match (region, doc.site.mix.is_some()) {
        (Some(r), false) => r.name.clone(),
        (Some(r), true) => format!("{} (custom mix)", r.name),
        (None, _) => "custom mix".to_string(),
    };
    let intensity_from = match (e.intensity_method, region) {
        (IntensityMethod::Measured, Some(r)) => format!(
            "{} ({}, {}); source: {}",
            if r.intensity.grade == crate::presets::Grade::Estimate {
                "an estimate"
            } else {
                "measured"
            },
            r.intensity.convention.label(),
            r.intensity.year,
            r.intensity.source,
        ),
        _ => {
            let table = library
                .emission_table(&doc.site.emission_factors)
                .map_or(doc.site.emission_factors.as_str(), |t| t.name.as_str());
            format!("mix × {table}")
        }
    };
    let _ = writeln!(out, "  Site:    {site}");
    let _ = writeln!(out, "  Grid:    {intensity_from}");
    let fleet: Vec<String> = s
        .fleet
        .iter()
        .map(|g| format!("{} × {}", format::fixed(f64::from(g.units), 0), g.name))
        .collect();
    let _ = writeln!(
        out,
        "  Fleet:   {}",
        if fleet.is_empty() {
            "none".into()
        } else {
            fleet.join(", ")
        }
    );
    let market = match &doc.market.preset {
        Some(id) => library.market(id),
        None => library.newest_market(),
    };
    let _ = writeln!(
        out,
        "  Market:  {}BTC {}, subsidy {} + fees {} BTC/block",
        market
            .map(|m| format!(
                "{} snapshot{}; ",
                m.name,
                if has_market_overrides(doc) {
                    " with changes"
                } else {
                    ""
                }
            ))
            .unwrap_or_default(),
        usd(s.market.btc_price_usd),
        number(s.market.subsidy_btc()),
        number(s.market.fees_btc_per_block),
    );

    heading(&mut out, "Power and energy");
    row(
        &mut out,
        "Fleet hashrate",
        &number(e.fleet_hashrate_ths),
        "TH/s",
    );
    row(
        &mut out,
        "Efficiency",
        &maybe(e.efficiency_j_per_th),
        "J/TH",
    );
    row_parts(
        &mut out,
        "Power draw (with PUE)",
        power_kw_parts(e.power_kw),
        "",
    );
    row_parts(
        &mut out,
        "Energy per day",
        energy_kwh_parts(e.energy_kwh_per_day),
        "",
    );
    row_parts(
        &mut out,
        "Energy per year",
        energy_kwh_parts(e.energy_mwh_per_year * 1000.0),
        "",
    );

    heading(&mut out, "Carbon");
    let (low, high) = (
        e.intensity_band.low_g_per_kwh,
        e.intensity_band.high_g_per_kwh,
    );
    row(
        &mut out,
        "Grid intensity",
        &number(e.grid_intensity_g_per_kwh),
        &format!("g CO₂e/kWh  (range {}–{})", number(low), number(high)),
    );
    row_parts(&mut out, "CO₂ per day", co2_kg_parts(e.co2_kg_per_day), "");
    let (low, high) = e.carbon_band(e.co2_t_per_year);
    row_parts(
        &mut out,
        "CO₂ per year",
        co2_kg_parts(e.co2_t_per_year * 1000.0),
        &format!(
            "  (range {}–{})",
            co2_kg(low * 1000.0),
            co2_kg(high * 1000.0)
        ),
    );
    row(&mut out, "CO₂ per BTC", &maybe(e.co2_t_per_btc), "t");

    heading(&mut out, "Mining");
    row(
        &mut out,
        "Network hashrate",
        &number(e.network_hashrate_ehs),
        "EH/s",
    );
    row(
        &mut out,
        "Hashprice",
        &usd(e.hashprice_usd_per_ph_day),
        "per PH/s per day",
    );
    row(&mut out, "BTC mined", &number(e.btc_per_day), "BTC/day");
    match e.energy_kwh_per_btc {
        Some(kwh) => row_parts(&mut out, "Energy per BTC", energy_kwh_parts(kwh), ""),
        None => row(&mut out, "Energy per BTC", format::UNDEFINED, ""),
    }

    heading(&mut out, "Money (USD per day)");
    row(&mut out, "Revenue", &usd(e.revenue_usd_per_day), "");
    row(
        &mut out,
        "Electricity",
        &usd(e.electricity_cost_usd_per_day),
        "",
    );
    row(&mut out, "Opex", &usd(e.opex_usd_per_day), "");
    row(&mut out, "Carbon cost", &usd(e.carbon_cost_usd_per_day), "");
    row(&mut out, "Profit", &usd(e.profit_usd_per_day), "");

    heading(&mut out, "Break-even");
    let be = e
        .break_even_btc_price_usd
        .map_or(format::UNDEFINED.into(), usd);
    let verdict = match e.break_even_btc_price_usd {
        Some(p) if p <= s.market.btc_price_usd => "below the BTC price: profitable",
        Some(_) => "above the BTC price: losing money",
        None => "",
    };
    row(&mut out, "Break-even BTC price", &be, verdict);
    row(
        &mut out,
        "All-in cost per BTC",
        &e.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "with depreciation",
    );
    row(
        &mut out,
        "Break-even power price",
        &e.break_even_electricity_usd_kwh
            .map_or(format::UNDEFINED.into(), usd),
        "per kWh",
    );
    row(&mut out, "Hardware", &usd(e.hardware_cost_usd), "");
    row(&mut out, "Payback", &format::payback(e.payback_days), "");

    let any_lever = e.effective_uptime_pct.is_some()
        || e.supply_price_usd_per_kwh.is_some()
        || e.heat_revenue_usd_per_day.is_some()
        || e.flaring_avoided_co2_t_per_year.is_some();
    if any_lever {
        heading(
            &mut out,
            "Levers (included above, except the CO₂ marked apart)",
        );
        if let Some(p) = e.supply_price_usd_per_kwh {
            row(&mut out, "Blended power price", &usd(p), "per kWh");
        }
        if let (Some(u), Some(c)) = (e.effective_uptime_pct, e.curtailment_credit_usd_per_day) {
            row(
                &mut out,
                "Uptime after curtailment",
                &format::fixed(u, 1),
                "%",
            );
            row(&mut out, "Demand-response credit", &usd(c), "per day");
        }
        if let (Some(h), Some(d)) = (e.heat_revenue_usd_per_day, e.heat_displaced_co2_t_per_year) {
            row(&mut out, "Heat sold", &usd(h), "per day");
            row_parts(
                &mut out,
                "CO₂ displaced by the heat",
                co2_kg_parts(d * 1000.0),
                " per year (apart, not netted)",
            );
        }
        if let Some(f) = e.flaring_avoided_co2_t_per_year {
            row_parts(
                &mut out,
                "Flaring avoided",
                co2_kg_parts(f * 1000.0),
                " per year (a counterfactual, not netted)",
            );
        }
    }
    out
}

fn has_market_overrides(doc: &crate::scenario_file::ScenarioDoc) -> bool {
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

/// The projection as a table with a summary.
pub fn projection_table(loaded: &Loaded, p: &Projection, start: Option<Date>) -> String {
    let mut out = String::new();
    let title = if loaded.doc.name.is_empty() {
        "Scenario"
    } else {
        &loaded.doc.name
    };
    let _ = writeln!(out, "{title}: {}-month projection", p.months.len());
    let _ = writeln!(
        out,
        "\n{:>5} {:>7} {:>10} {:>10} {:>8} {:>11} {:>12} {:>12} {:>12} {:>14}",
        "month",
        "ending",
        "net EH/s",
        "BTC USD",
        "subsidy",
        "BTC mined",
        "revenue",
        "costs",
        "profit",
        "cumulative"
    );
    for m in &p.months {
        let costs = m.electricity_cost_usd + m.opex_usd + m.carbon_cost_usd;
        let _ = writeln!(
            out,
            "{:>5} {:>7} {:>10} {:>10} {:>8} {:>11} {:>12} {:>12} {:>12} {:>14}",
            m.month,
            month_label(start, m.end_day),
            format::fixed(m.network_hashrate_ehs, 0),
            format::fixed(m.btc_price_usd, 0),
            number(m.block_subsidy_btc),
            format::fixed(m.btc_mined, 6),
            format::fixed(m.revenue_usd, 0),
            format::fixed(costs, 0),
            format::fixed(m.profit_usd, 0),
            format::fixed(m.cumulative_cash_flow_usd, 0),
        );
    }
    heading(&mut out, "Summary");
    row(&mut out, "BTC mined", &number(p.total_btc), "BTC");
    row(&mut out, "Revenue", &usd(p.total_revenue_usd), "");
    row(&mut out, "Cash costs", &usd(p.total_cash_cost_usd), "");
    row(&mut out, "Hardware", &usd(p.hardware_cost_usd), "");
    if p.resale_usd > 0.0 {
        row(&mut out, "Resale at the end", &usd(p.resale_usd), "");
    }
    row(
        &mut out,
        "Cash cost per BTC",
        &p.cash_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    row(
        &mut out,
        "All-in cost per BTC",
        &p.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        "",
    );
    let payback = match p.payback_month {
        Some(m) => format!("month {m}"),
        None => "never (within the horizon)".into(),
    };
    row(&mut out, "Payback", &payback, "");
    if !p.halvings_modelled {
        let _ = writeln!(
            out,
            "\nNo halvings modelled: the block height is unknown (the subsidy was given directly)."
        );
    }
    for h in &p.halvings {
        let date = start
            .map(|d| format!(", about {}", d.plus_days(h.day)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "\nHalving at height {} in month {}{date} (estimated at 144 blocks a day): subsidy {} BTC",
            format::fixed(h.height as f64, 0),
            h.month,
            number(h.subsidy_after_btc)
        );
    }
    out
}

/// One line per preset: id, name and the figures that tell them apart.
pub fn presets_table(library: &PresetLibrary, kinds: &[PresetKind]) -> String {
    let mut out = String::new();
    for (i, kind) in kinds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{} ({})", kind.folder(), library.count(*kind));
        match kind {
            PresetKind::Region => {
                let w = name_width(library.regions().map(|r| r.name.as_str()));
                for r in library.regions() {
                    let estimate = if r.intensity.grade == crate::presets::Grade::Estimate {
                        " (estimate)"
                    } else {
                        ""
                    };
                    let _ = writeln!(
                        out,
                        "  {:<22} {:<w$} {:>6} g/kWh{estimate:<11} {:>8} USD/kWh",
                        r.id,
                        r.name,
                        format::fixed(r.intensity.g_per_kwh, 0),
                        number(r.electricity_price_usd_per_kwh.value)
                    );
                }
            }
            PresetKind::Miner => {
                let mut miners: Vec<_> = library.miners().collect();
                miners.sort_by(|a, b| (a.release_year, &a.name).cmp(&(b.release_year, &b.name)));
                let w = name_width(miners.iter().map(|m| m.name.as_str()));
                for m in miners {
                    let _ = writeln!(
                        out,
                        "  {:<24} {:<w$} {:>6} {:>12} TH/s {:>8} W {:>12} J/TH",
                        m.id,
                        m.name,
                        m.release_year,
                        number(m.hashrate_ths),
                        format::fixed(m.power_w, 0),
                        number(m.efficiency_j_per_th())
                    );
                }
            }
            PresetKind::EmissionTable => {
                for t in library.emission_tables() {
                    let _ = writeln!(out, "  {:<22} {} ({:?}, {})", t.id, t.name, t.kind, t.year);
                }
            }
            PresetKind::Market => {
                let w = name_width(library.markets().map(|m| m.name.as_str()));
                for m in library.markets() {
                    let _ = writeln!(
                        out,
                        "  {:<10} {:<w$} {}  BTC {:>10}",
                        m.id,
                        m.name,
                        m.date,
                        usd(m.btc_price_usd.value)
                    );
                }
            }
            PresetKind::MiningMap => super::network::mining_maps_table(library, &mut out),
            PresetKind::Scenario => {
                for s in library.scenarios() {
                    let _ = writeln!(out, "  {:<26} {}", s.id, s.doc.name);
                }
            }
        }
    }
    out
}

/// The widest of some names, in characters, for a column.
fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names.map(|n| n.chars().count()).max().unwrap_or(0)
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
pub fn preset_show(library: &PresetLibrary, id: &str, json: bool) -> Result<String, CliError> {
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
    let hint = crate::presets::did_you_mean(id, &all)
        .map(|near| format!(" (did you mean \"{near}\"?)"))
        .unwrap_or_default();
    Err(CliError(format!(
        "unknown preset \"{id}\"{hint}; `hashwatt presets list` shows the known ids"
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

/// The label and unit of a figure, from the string table (the key itself if it has none).
fn figure_words(key: &'static str) -> (&'static str, &'static str) {
    crate::i18n::strings(crate::i18n::Lang::En)
        .results
        .all()
        .into_iter()
        .find(|(k, _)| *k == key)
        .map_or((key, ""), |(_, f)| (f.label, f.unit))
}

/// Scenarios side by side: a row per figure, the best value marked with `*`.
pub fn compare_table(names: &[String], rows: &[crate::compare::Row]) -> String {
    let mut out = String::new();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(14);
    let _ = write!(out, "{:<LABEL$} {:<10}", "", "");
    for name in names {
        let _ = write!(out, " {name:>width$}");
    }
    out.push('\n');
    for row in rows {
        let (label, unit) = figure_words(row.key);
        let _ = write!(out, "{label:<LABEL$} {unit:<10}");
        for (i, value) in row.values.iter().enumerate() {
            let mark = if row.best.contains(&i) { "*" } else { " " };
            let text = match (row.key, value) {
                ("payback_days", None) => "never".to_string(),
                _ => maybe(*value),
            };
            let _ = write!(out, " {:>w$}{mark}", text, w = width - 1);
        }
        out.push('\n');
    }
    out.push_str("\n* best in the row (lower or higher, as the figure goes)\n");
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
        let (label, unit) = figure_words(row.key);
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
