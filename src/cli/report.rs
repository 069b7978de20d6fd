//! `hashwatt report`: one scenario's figures as an aligned table, or as JSON.

use super::CliError;
use super::flags::ScenarioArgs;
use super::output::{heading, row, title};
use super::scenario::Loaded;
use super::term::{align_left, escape};
use crate::figures::{Figure, Section};
use crate::format::{self, co2_kg, number, usd};
use crate::i18n::Localized;
use crate::i18n::cli::CliStrings;
use crate::i18n::{Lang, fill, strings};
use crate::model::{self, Evaluation, IntensityMethod};
use crate::preset_types::RegionPreset;
use crate::presets::{IntensityConvention, PresetLibrary};
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc};
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

    figure_sections(&mut out, e, s, lang);
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

/// Every figure `e` has, section by section in the report's order (a section without any, as
/// the levers' when none is on, is left out): its label, its value and unit as every output
/// shows them, and the report's note beside the unit.
fn figure_sections(out: &mut String, e: &Evaluation, s: &model::Scenario, lang: Lang) {
    let order = Figure::in_report_order();
    for section in Section::ALL {
        let figures: Vec<Figure> = order
            .iter()
            .copied()
            .filter(|f| f.spec().section == section && f.applies_to(e))
            .collect();
        if figures.is_empty() {
            continue;
        }
        heading(out, section.heading(lang));
        for figure in figures {
            line_before(out, figure, e, lang);
            let (value, unit) = figure.format_parts(figure.value(e), lang);
            let unit = report_unit(figure).unwrap_or(&unit);
            let note = note(figure, e, s, lang);
            row(out, label(figure, lang), &value, &format!("{unit}{note}"));
        }
        if section == Section::Scopes {
            scope_bases(out, e, s, lang);
        }
    }
}

/// A figure's label in the report, where it says more (or less) than the figure's own.
fn label(figure: Figure, lang: Lang) -> &'static str {
    let t = &strings(lang).cli;
    match figure {
        Figure::PowerKw => t.power_with_pue,
        Figure::BtcPerDay => t.btc_mined,
        Figure::ElectricityCostUsdPerDay => t.electricity,
        Figure::ProfitUsdPerDay => t.profit,
        _ => figure.words(lang).label,
    }
}

/// The unit the report gives in place of the figure's own: the S.8 energy in kWh, as MiCA
/// states it.
fn report_unit(figure: Figure) -> Option<&'static str> {
    (figure == Figure::EnergyKwhPerYear).then_some("kWh")
}

/// What the report says beside a figure's unit: a range, a verdict, what is apart.
fn note(figure: Figure, e: &Evaluation, s: &model::Scenario, lang: Lang) -> String {
    let t = &strings(lang).cli;
    let range = |low: String, high: String| fill(t.range, &[("low", &low), ("high", &high)]);
    match figure {
        Figure::GridIntensityGPerKwh => range(
            number(e.intensity_band.low_g_per_kwh),
            number(e.intensity_band.high_g_per_kwh),
        ),
        Figure::Co2TPerYear => {
            let (low, high) = e.carbon_band(e.co2_t_per_year);
            range(co2_kg(low * 1000.0), co2_kg(high * 1000.0))
        }
        Figure::BreakEvenBtcPriceUsd => match e.break_even_btc_price_usd {
            Some(p) if p <= s.market.btc_price_usd => t.verdict_profitable.to_string(),
            Some(_) => t.verdict_losing.to_string(),
            None => String::new(),
        },
        Figure::AllInCostPerBtcUsd => t.with_depreciation.to_string(),
        Figure::CurtailmentCreditUsdPerDay | Figure::HeatRevenueUsdPerDay => t.per_day.to_string(),
        Figure::HeatDisplacedCo2TPerYear => t.per_year_apart.to_string(),
        Figure::FlaringAvoidedCo2TPerYear => t.per_year_counterfactual.to_string(),
        _ => String::new(),
    }
}

/// A line that is not a figure, before a figure's: the levers' other income before the profit
/// (so the money lines add up: revenue + other income − costs = profit), the hardware's cost
/// before the payback.
fn line_before(out: &mut String, figure: Figure, e: &Evaluation, lang: Lang) {
    let t = &strings(lang).cli;
    match figure {
        Figure::ProfitUsdPerDay => {
            let other_income = e.other_income_usd_per_day();
            if other_income != 0.0 {
                row(out, t.other_income, &usd(other_income), "");
            }
        }
        Figure::PaybackDays => row(out, t.hardware, &usd(e.hardware_cost_usd), ""),
        _ => {}
    }
}

/// Below the Scope 1/2/3 rows: how each scope was reached ("label: basis"), and what is
/// reported apart.
fn scope_bases(out: &mut String, e: &Evaluation, scenario: &model::Scenario, lang: Lang) {
    let d = &strings(lang).disclosure;
    let rows = crate::site_scope::scope_rows(e, scenario, lang);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::{Curtailment, FlaredGas, HeatReuse, Levers, RenewableSupply};

    /// Texas with every lever on, so that every figure of the table applies.
    fn every_lever_on(library: &PresetLibrary) -> Loaded {
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        doc.levers = Levers {
            renewable: Some(RenewableSupply::default()),
            curtailment: Some(Curtailment::default()),
            heat_reuse: Some(HeatReuse {
                share_pct: 50.0,
                price_usd_per_mwh_heat: 30.0,
                ..Default::default()
            }),
            flared_gas: Some(FlaredGas::default()),
        };
        let scenario = doc.resolve(library).unwrap();
        Loaded { doc, scenario }
    }

    #[test]
    fn every_figure_has_a_row_in_the_report_and_a_key_in_json() {
        let library = PresetLibrary::builtin();
        let loaded = every_lever_on(&library);
        let e = model::evaluate(&loaded.scenario);
        let missing: Vec<Figure> = Figure::all().filter(|f| !f.applies_to(&e)).collect();
        assert!(missing.is_empty(), "{missing:?} do not apply");
        for lang in Lang::ALL {
            let table = report_table(&loaded, &e, &library, lang);
            for f in Figure::all() {
                let start = format!(
                    "  {} ",
                    align_left(label(f, lang), super::super::output::LABEL)
                );
                let (value, _) = f.format_parts(f.value(&e), lang);
                let row = table.lines().find(|l| l.starts_with(&start));
                assert!(
                    row.is_some_and(|l| l[start.len()..].trim_start().starts_with(&value)),
                    "{f:?} in {lang:?}: no row {start}{value}\n{table}"
                );
            }
        }
        let json: serde_json::Value =
            serde_json::from_str(&crate::export::results_json(&e)).unwrap();
        let mut keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected: Vec<&str> = Figure::all().map(Figure::key).collect();
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
}
