//! `hashwatt dispatch`: the fleet hour by hour against a price series (or the scenario's
//! time-of-use tariff): the totals as a table or JSON, or every step as CSV.

use super::flags::{ScenarioArgs, input, input_whole};
use super::output::{heading, row, title};
use super::scenario::Loaded;
use super::term::escape;
use super::{CliError, Usage};
use crate::format::{fixed, maybe, number, usd};
use crate::i18n::{Lang, fill, strings};
use crate::inputs::Input;
use crate::model::dispatch::{
    Dispatch, DispatchOptions as DispatchDoc, DispatchRates, PriceSeries, dispatch,
};
use crate::presets::PresetLibrary;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DispatchArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// A price series: CSV with the header timestamp,price_usd_mwh and optionally
    /// intensity_g_kwh. Without it, the scenario file's `dispatch.tariff`.
    #[arg(long, value_name = "FILE.csv", help_heading = "Dispatch")]
    pub prices: Option<PathBuf>,
    /// Demand-response credit per MWh not consumed in the steps the fleet is off, USD.
    #[arg(long = "credit-usd-mwh", value_name = "C", value_parser = input(Input::DispatchCreditUsdPerMwh), help_heading = "Dispatch", allow_hyphen_values = true)]
    pub credit_usd_mwh: Option<f64>,
    /// Once on, stay on at least this many steps (default 0: no minimum).
    #[arg(long = "min-run-steps", value_name = "N", value_parser = input_whole(Input::DispatchMinRunSteps), help_heading = "Dispatch", allow_hyphen_values = true)]
    pub min_run_steps: Option<u32>,
    /// Once off, stay off at least this many steps (default 0: no minimum).
    #[arg(long = "min-off-steps", value_name = "N", value_parser = input_whole(Input::DispatchMinOffSteps), help_heading = "Dispatch", allow_hyphen_values = true)]
    pub min_off_steps: Option<u32>,
    /// Print every step with what was run, as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print the totals as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Runs `hashwatt dispatch` and returns what to print.
pub fn run(a: &DispatchArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let mut loaded = super::scenario::load(&a.scenario, library, lang)?;
    apply_flags(&mut loaded.doc.dispatch, a);
    let modes = loaded
        .doc
        .fleet_modes(&loaded.scenario, library)
        .map_err(|e| match &a.scenario.file {
            Some(path) => match super::scenario::scenario_text(path) {
                Ok((label, text)) => crate::resolve::locate_resolve_error(&label, &text, e).into(),
                Err(read) => read,
            },
            None => CliError::Resolve(e),
        })?;
    let (series, source) = match &a.prices {
        Some(path) => (
            crate::price_series::read_price_series(path)?,
            path.display().to_string(),
        ),
        None => match (
            loaded.doc.dispatch.tariff_series(&loaded.scenario),
            &loaded.doc.dispatch.tariff,
        ) {
            (Some(series), Some(tariff)) => (
                series,
                fill(
                    strings(lang).dispatch.cli_tariff,
                    &[("year", &tariff.year.to_string())],
                ),
            ),
            _ => return Err(Usage::DispatchNoPrices.into()),
        },
    };
    let rates = DispatchRates::of(&loaded.scenario);
    let d = dispatch(&rates, &modes, &series, &loaded.doc.dispatch.settings());
    Ok(if a.json {
        let mut text =
            serde_json::to_string_pretty(&d.summary).map_err(|e| CliError::Said(e.to_string()))?;
        text.push('\n');
        text
    } else if a.csv {
        steps_csv(
            &series,
            &d,
            &loaded.doc.dispatch,
            rates.site_intensity_g_per_kwh,
        )
    } else {
        table(&loaded, &d, &source, lang)
    })
}

fn apply_flags(doc: &mut DispatchDoc, a: &DispatchArgs) {
    if let Some(c) = a.credit_usd_mwh {
        doc.credit_usd_per_mwh = c;
    }
    if let Some(n) = a.min_run_steps {
        doc.min_run_steps = n;
    }
    if let Some(n) = a.min_off_steps {
        doc.min_off_steps = n;
    }
}

/// The header of `--csv` (a public contract).
pub const CSV_HEADER: &str = "timestamp,price_usd_mwh,intensity_g_kwh,cost_usd_mwh,run,energy_kwh,revenue_usd,electricity_cost_usd,co2_kg,credit_usd";

/// Every step: its time, price, intensity and cost of power; what ran; and what it used, earned,
/// paid and emitted (and the credit of a step off).
pub fn steps_csv(
    series: &PriceSeries,
    d: &Dispatch,
    settings: &DispatchDoc,
    site_intensity_g_per_kwh: f64,
) -> String {
    let mut out = String::with_capacity(series.len() * 96);
    out.push_str(CSV_HEADER);
    out.push('\n');
    let stock_energy = d.option_energy_kwh.get(1).copied().unwrap_or(0.0);
    for i in 0..series.len() {
        let k = usize::from(d.run[i]);
        let price = series.price_usd_per_mwh[i];
        let cost = d.cost_usd_per_mwh[i];
        // The intensity the rule used: the series', else the site's.
        let intensity = series
            .intensity_g_per_kwh
            .as_ref()
            .map_or(site_intensity_g_per_kwh, |v| v[i]);
        let energy = d.option_energy_kwh[k];
        let credit = if k == 0 {
            stock_energy / 1000.0 * settings.credit_usd_per_mwh
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{},{},{}",
            series.timestamp(i),
            price,
            round(intensity),
            round(cost),
            csv_text(d.run_name(i)),
            round(energy),
            round(d.option_revenue_usd[k]),
            round(energy * price / 1000.0),
            round(energy * intensity / 1000.0),
            round(credit),
        );
    }
    out
}

/// Nine significant figures: enough for any sum, without float noise such as 0.30000000000000004.
fn round(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let digits = 9 - x.abs().log10().ceil() as i32;
    let scale = 10f64.powi(digits.clamp(-300, 300));
    (x * scale).round() / scale
}

/// A mode's name as a CSV field (quoted when it holds a comma or a quote).
fn csv_text(name: &str) -> String {
    if name.contains([',', '"', '\n']) {
        format!("\"{}\"", name.replace('"', "\"\""))
    } else {
        name.to_string()
    }
}

/// The totals as an aligned table with units.
fn table(loaded: &Loaded, d: &Dispatch, source: &str, lang: Lang) -> String {
    let words = strings(lang);
    let t = &words.dispatch;
    let s = &d.summary;
    let mut out = String::new();
    let _ = writeln!(out, "{}", title(&loaded.doc, lang));
    let _ = writeln!(out, "  {}: {}", t.cli_prices_from, escape(source));
    if let Some(be) = s.break_even_usd_mwh {
        let _ = writeln!(
            out,
            "  {}",
            fill(t.break_even_line, &[("value", &fixed(be, 2))])
        );
    }
    heading(&mut out, t.dispatched);
    row(&mut out, t.cli_steps, &fixed(s.steps as f64, 0), "");
    row(&mut out, t.cli_hours, &number(s.hours), "h");
    row(&mut out, t.hours_mined, &number(s.hours_mined), "h");
    row(&mut out, t.uptime, &fixed(s.uptime_pct, 1), "%");
    row(&mut out, t.cli_energy, &number(s.energy_mwh), "MWh");
    row(
        &mut out,
        t.cli_electricity,
        &usd(s.electricity_cost_usd),
        "",
    );
    row(
        &mut out,
        t.mean_price_paid,
        &maybe(s.mean_price_paid_usd_mwh),
        "USD/MWh",
    );
    row(&mut out, t.cli_btc, &fixed(s.btc_mined, 6), "BTC");
    row(&mut out, t.cli_revenue, &usd(s.revenue_usd), "");
    row(&mut out, t.credits, &usd(s.credits_usd), "");
    row(&mut out, t.cli_carbon, &usd(s.carbon_cost_usd), "");
    row(&mut out, t.cli_opex, &usd(s.opex_usd), "");
    row(&mut out, t.profit, &usd(s.profit_usd), "");
    row(&mut out, t.co2, &number(s.co2_t), "t");
    row(
        &mut out,
        t.intensity_paid,
        &maybe(s.intensity_paid_g_per_kwh),
        "g/kWh",
    );
    if let Some(modes) = &s.hours_per_mode {
        for m in modes {
            row(
                &mut out,
                &fill(t.cli_hours_in_mode, &[("name", &escape(&m.name))]),
                &number(m.hours),
                "h",
            );
        }
    }
    heading(&mut out, t.always_on);
    row(
        &mut out,
        t.cli_profit_always_on,
        &usd(s.profit_always_on_usd),
        "",
    );
    row(
        &mut out,
        t.cli_co2_always_on,
        &number(s.co2_always_on_t),
        "t",
    );
    row(
        &mut out,
        t.cli_intensity_always_on,
        &maybe(s.intensity_always_on_g_per_kwh),
        "g/kWh",
    );
    out
}
