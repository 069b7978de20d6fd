//! `hashwatt report`: one scenario's figures as an aligned table, or as JSON.

use super::CliError;
use super::flags::ScenarioArgs;
use super::output::{heading, row, row_parts, title};
use super::scenario::Loaded;
use super::term::{align_left, escape};
use crate::format::{
    self, co2_kg, co2_kg_parts, energy_kwh_parts, maybe, number, power_kw_parts, usd,
};
use crate::i18n::Localized;
use crate::i18n::cli::CliStrings;
use crate::i18n::{Lang, Strings, fill, strings};
use crate::model::{self, Evaluation, IntensityMethod};
use crate::presets::{IntensityConvention, PresetLibrary};
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc};
use crate::schema::RegionPreset;
use clap::Args;
use std::fmt::Write as _;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Print one flat JSON object instead of the table.
    #[arg(long, conflicts_with = "pdf")]
    pub json: bool,
    /// Write the printable site report (inputs, results with formulas, Scope 1/2/3, charts,
    /// projection, sources) to this PDF file.
    #[arg(long, value_name = "FILE.pdf")]
    pub pdf: Option<std::path::PathBuf>,
    /// The report's paper size.
    #[arg(long, value_name = "SIZE", default_value = "a4", value_parser = ["a4", "letter"], requires = "pdf")]
    pub paper: String,
}

/// Runs `hashwatt report` and returns what to print.
pub fn run(a: &ReportArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let loaded = super::scenario::load(&a.scenario, library, lang)?;
    if let Some(path) = &a.pdf {
        let paper = if a.paper == "letter" {
            crate::export::Paper::Letter
        } else {
            crate::export::Paper::A4
        };
        let input = crate::export::ReportInput {
            doc: &loaded.doc,
            scenario: &loaded.scenario,
            library,
            lang,
            date: crate::today().to_string(),
            // Standard input (`-`) has no file name.
            file: a.scenario.file.as_deref().filter(|f| f.as_os_str() != "-"),
        };
        let t = &strings(lang).cli;
        let bytes = crate::export::render_report(&input, paper)
            .map_err(|e| CliError::Said(fill(t.chart_failed, &[("error", &e.localized(lang))])))?;
        crate::scenario_io::write_atomically(path, &bytes)?;
        return Ok(format!(
            "{}\n",
            super::term::escape(&path.display().to_string())
        ));
    }
    let evaluation = model::evaluate(&loaded.scenario);
    super::scenario::warn_network_share(
        model::evaluate::network_share_pct(
            &loaded.scenario,
            loaded.scenario.market.network_hashrate_hs(),
        ),
        lang,
    );
    Ok(if a.json {
        crate::export::results_json(&evaluation)
    } else {
        report_table(&loaded, &evaluation, library, lang)
    })
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

/// The power price the scenario runs at and where it came from, then a closed rate's
/// availability line, under the header's site line.
fn power_header(out: &mut String, loaded: &Loaded, region: Option<&RegionPreset>, lang: Lang) {
    let lines = crate::region_price::scenario_price_lines(
        loaded.scenario.site.electricity_usd_per_kwh,
        loaded.doc.site.electricity_usd_per_kwh.is_some(),
        region,
        lang,
    );
    for (i, line) in lines.iter().enumerate() {
        let label = if i == 0 {
            strings(lang).prices.report_label
        } else {
            ""
        };
        let _ = writeln!(out, "  {}{}", align_left(label, 9), escape(line));
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
    let t = &words.cli;
    let doc = &loaded.doc;
    let s = &loaded.scenario;
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(doc, lang));

    let region = doc.site.base_region_id().and_then(|id| library.region(id));
    // The header lines carry names and sources from preset and scenario files.
    let header = |out: &mut String, label: &str, text: &str| {
        let _ = writeln!(out, "  {}{}", align_left(label, 9), escape(text));
    };
    header(&mut out, t.site, &site_name(doc, region, t, lang));
    power_header(&mut out, loaded, region, lang);
    header(
        &mut out,
        t.grid,
        &intensity_from(doc, e, region, library, t, lang),
    );
    header(&mut out, t.fleet, &fleet_line(loaded, library, t, lang));
    header(&mut out, t.market, &market_line(loaded, library, t, lang));

    power_section(&mut out, e, words);
    carbon_section(&mut out, e, words);
    scope_section(&mut out, e, s, lang);
    mining_section(&mut out, e, words);
    money_section(&mut out, e, words);
    break_even_section(&mut out, e, s, lang);
    levers_section(&mut out, e, words);
    out
}

/// The site: its region's name, with "custom mix" when the scenario gives its own mix.
fn site_name(
    doc: &ScenarioDoc,
    region: Option<&RegionPreset>,
    t: &CliStrings,
    lang: Lang,
) -> String {
    match (region, doc.site.mix.is_some()) {
        (Some(r), false) => r.name_in(lang).to_string(),
        (Some(r), true) => fill(t.region_custom_mix, &[("name", r.name_in(lang))]),
        (None, _) => t.custom_mix.to_string(),
    }
}

/// Where the grid's intensity comes from: the region's measured figure and its source, else
/// the emission table the mix is priced with.
fn intensity_from(
    doc: &ScenarioDoc,
    e: &Evaluation,
    region: Option<&RegionPreset>,
    library: &PresetLibrary,
    t: &CliStrings,
    lang: Lang,
) -> String {
    match (e.intensity_method, region) {
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
    }
}

/// The fleet: each group's units and name, or "none".
fn fleet_line(loaded: &Loaded, library: &PresetLibrary, t: &CliStrings, lang: Lang) -> String {
    let doc = &loaded.doc;
    let s = &loaded.scenario;
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
    if fleet.is_empty() {
        t.fleet_none.to_string()
    } else {
        fleet.join(t.fleet_separator)
    }
}

/// The market: BTC price, subsidy and fees, and the snapshot they come from.
fn market_line(loaded: &Loaded, library: &PresetLibrary, t: &CliStrings, lang: Lang) -> String {
    let doc = &loaded.doc;
    let s = &loaded.scenario;
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
    fill(
        t.market_line,
        &[
            ("price", &usd(s.market.btc_price_usd)),
            ("subsidy", &number(s.market.subsidy_btc())),
            ("fees", &number(s.market.fees_btc_per_block)),
            ("snapshot", &snapshot),
        ],
    )
}

/// Hashrate, efficiency, power and energy.
fn power_section(out: &mut String, e: &Evaluation, words: &Strings) {
    let (t, r) = (&words.cli, &words.results);
    heading(out, t.section_power);
    row(
        out,
        r.fleet_hashrate_ths.label,
        &number(e.fleet_hashrate_ths),
        "TH/s",
    );
    row(
        out,
        r.efficiency_j_per_th.label,
        &maybe(e.efficiency_j_per_th),
        "J/TH",
    );
    row_parts(out, t.power_with_pue, power_kw_parts(e.power_kw), "");
    row_parts(
        out,
        r.energy_kwh_per_day.label,
        energy_kwh_parts(e.energy_kwh_per_day),
        "",
    );
    row_parts(
        out,
        r.energy_mwh_per_year.label,
        energy_kwh_parts(e.energy_mwh_per_year * 1000.0),
        "",
    );
}

/// The grid's intensity and the CO₂ by day, year and BTC, with their ranges.
fn carbon_section(out: &mut String, e: &Evaluation, words: &Strings) {
    let (t, r) = (&words.cli, &words.results);
    heading(out, t.section_carbon);
    let range = |low: String, high: String| fill(t.range, &[("low", &low), ("high", &high)]);
    let (low, high) = (
        e.intensity_band.low_g_per_kwh,
        e.intensity_band.high_g_per_kwh,
    );
    row(
        out,
        r.grid_intensity_g_per_kwh.label,
        &number(e.grid_intensity_g_per_kwh),
        &format!("g CO₂e/kWh{}", range(number(low), number(high))),
    );
    row_parts(
        out,
        r.co2_kg_per_day.label,
        co2_kg_parts(e.co2_kg_per_day),
        "",
    );
    let (low, high) = e.carbon_band(e.co2_t_per_year);
    row_parts(
        out,
        r.co2_t_per_year.label,
        co2_kg_parts(e.co2_t_per_year * 1000.0),
        &range(co2_kg(low * 1000.0), co2_kg(high * 1000.0)),
    );
    row(out, r.co2_t_per_btc.label, &maybe(e.co2_t_per_btc), "t");
}

/// The network, hashprice, BTC mined and energy per BTC.
fn mining_section(out: &mut String, e: &Evaluation, words: &Strings) {
    let (t, r, n) = (&words.cli, &words.results, &words.network);
    heading(out, t.section_mining);
    row(
        out,
        r.network_hashrate_ehs.label,
        &number(e.network_hashrate_ehs),
        "EH/s",
    );
    row(
        out,
        r.hashprice_usd_per_ph_day.label,
        &usd(e.hashprice_usd_per_ph_day),
        n.unit_per_ph_day,
    );
    row(out, t.btc_mined, &number(e.btc_per_day), t.unit_btc_per_day);
    match e.energy_kwh_per_btc {
        Some(kwh) => row_parts(out, r.energy_kwh_per_btc.label, energy_kwh_parts(kwh), ""),
        None => row(out, r.energy_kwh_per_btc.label, format::UNDEFINED, ""),
    }
}

/// Revenue, costs and profit a day.
fn money_section(out: &mut String, e: &Evaluation, words: &Strings) {
    let (t, r) = (&words.cli, &words.results);
    heading(out, t.section_money);
    row(
        out,
        r.revenue_usd_per_day.label,
        &usd(e.revenue_usd_per_day),
        "",
    );
    row(out, t.electricity, &usd(e.electricity_cost_usd_per_day), "");
    row(out, r.opex_usd_per_day.label, &usd(e.opex_usd_per_day), "");
    row(
        out,
        r.carbon_cost_usd_per_day.label,
        &usd(e.carbon_cost_usd_per_day),
        "",
    );
    // With a lever's income the lines add up: revenue + other income − costs = profit.
    let other_income = e.other_income_usd_per_day();
    if other_income != 0.0 {
        row(out, t.other_income, &usd(other_income), "");
    }
    row(out, t.profit, &usd(e.profit_usd_per_day), "");
}

/// Break-even BTC price and power price, all-in cost per BTC, hardware and payback.
fn break_even_section(out: &mut String, e: &Evaluation, s: &model::Scenario, lang: Lang) {
    let words = strings(lang);
    let (t, r, n) = (&words.cli, &words.results, &words.network);
    heading(out, t.section_break_even);
    let be = e
        .break_even_btc_price_usd
        .map_or(format::UNDEFINED.into(), usd);
    let verdict = match e.break_even_btc_price_usd {
        Some(p) if p <= s.market.btc_price_usd => t.verdict_profitable,
        Some(_) => t.verdict_losing,
        None => "",
    };
    row(out, r.break_even_btc_price_usd.label, &be, verdict);
    row(
        out,
        r.all_in_cost_per_btc_usd.label,
        &e.all_in_cost_per_btc_usd
            .map_or(format::UNDEFINED.into(), usd),
        t.with_depreciation,
    );
    row(
        out,
        r.break_even_electricity_usd_kwh.label,
        &e.break_even_electricity_usd_kwh
            .map_or(format::UNDEFINED.into(), usd),
        n.unit_per_kwh,
    );
    row(out, t.hardware, &usd(e.hardware_cost_usd), "");
    row(
        out,
        r.payback_days.label,
        &payback(e.payback_days, lang),
        "",
    );
}

/// What the levers change, when any is on.
fn levers_section(out: &mut String, e: &Evaluation, words: &Strings) {
    let (t, n) = (&words.cli, &words.network);
    let any_lever = e.effective_uptime_pct.is_some()
        || e.supply_price_usd_per_kwh.is_some()
        || e.heat_revenue_usd_per_day.is_some()
        || e.flaring_avoided_co2_t_per_year.is_some();
    if any_lever {
        heading(out, t.section_levers);
        if let Some(p) = e.supply_price_usd_per_kwh {
            row(out, t.blended_power_price, &usd(p), n.unit_per_kwh);
        }
        if let (Some(u), Some(c)) = (e.effective_uptime_pct, e.curtailment_credit_usd_per_day) {
            row(out, t.uptime_after_curtailment, &format::fixed(u, 1), "%");
            row(out, t.demand_response_credit, &usd(c), t.per_day);
        }
        if let (Some(h), Some(d)) = (e.heat_revenue_usd_per_day, e.heat_displaced_co2_t_per_year) {
            row(out, t.heat_sold, &usd(h), t.per_day);
            row_parts(
                out,
                t.heat_displaced,
                co2_kg_parts(d * 1000.0),
                t.per_year_apart,
            );
        }
        if let Some(f) = e.flaring_avoided_co2_t_per_year {
            row_parts(
                out,
                t.flaring_avoided,
                co2_kg_parts(f * 1000.0),
                t.per_year_counterfactual,
            );
        }
    }
}

/// The Scope 1/2/3 table: each figure, its unit, and how it was reached.
fn scope_section(out: &mut String, e: &Evaluation, scenario: &model::Scenario, lang: Lang) {
    let d = &strings(lang).disclosure;
    heading(out, d.section_scopes);
    row(
        out,
        crate::figures::Figure::EnergyKwhPerYear.words(lang).label,
        &number(e.accounting.energy_kwh_per_year),
        "kWh",
    );
    let rows = crate::disclosure::scope_rows(e, scenario, lang);
    for r in &rows {
        let words = r.figure.words(lang);
        row(
            out,
            words.label,
            &crate::disclosure::scope_value_text(r, lang),
            words.unit,
        );
    }
    // How each was reached, below the aligned rows: "label: basis".
    for r in &rows[..4] {
        let line = fill(
            d.basis_line,
            &[("label", r.figure.words(lang).label), ("basis", &r.basis)],
        );
        let _ = writeln!(out, "  {}", escape(&line));
    }
    let _ = writeln!(out, "{}", d.apart_note);
}

fn has_market_overrides(doc: &ScenarioDoc) -> bool {
    let m = &doc.market;
    m.btc_price_usd.is_some()
        || m.network.is_some()
        || m.subsidy.is_some()
        || m.fees_btc_per_block.is_some()
}
