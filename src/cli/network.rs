//! `hashwatt network`: the whole network's power, energy and CO₂, CBECI style, and the
//! `presets list mining-maps` table.

use super::CliError;
use super::flags::limited;
use super::term::{align_left, align_right, escape};
use crate::format::{self, number, usd};
use crate::i18n::Localized;
use crate::i18n::network::NetworkStrings;
use crate::i18n::{self, Lang, fill};
use crate::model::limits;
use crate::model::network::{Bound, NetworkEstimate, PUE_BEST_GUESS};
use crate::network_data::{self, CarbonBasis, MarketFigures, Settings};
use crate::presets::PresetLibrary;
use clap::Args;
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// Network hashrate, EH/s (default: the market snapshot's).
    #[arg(long = "network-hashrate-ehs", value_name = "E", value_parser = limited(limits::NETWORK_HASHRATE_EHS), allow_hyphen_values = true)]
    pub network_hashrate_ehs: Option<f64>,
    /// The fleet's efficiency for the best guess, J/TH (default: the age-weighted basket of profitable machines).
    #[arg(long = "efficiency-j-th", value_name = "J", value_parser = limited(limits::EFFICIENCY_J_PER_TH), allow_hyphen_values = true)]
    pub efficiency_j_th: Option<f64>,
    /// The best guess's power usage effectiveness, 1–5 (default 1.10; the bounds keep CBECI's 1.01 and 1.20).
    #[arg(long, value_name = "X", value_parser = limited(limits::PUE), allow_hyphen_values = true)]
    pub pue: Option<f64>,
    /// Miners' electricity price, USD/kWh: decides which machines are profitable (default 0.05, CBECI's).
    #[arg(long = "electricity-usd-kwh", value_name = "P", value_parser = limited(limits::ELECTRICITY_USD_PER_KWH), allow_hyphen_values = true)]
    pub electricity_usd_kwh: Option<f64>,
    /// Count CO₂ at this region preset's grid intensity (default: world).
    #[arg(long, value_name = "ID", conflicts_with = "mining_map")]
    pub region: Option<String>,
    /// Count CO₂ at this mining map's hashrate-weighted intensity (`hashwatt presets list mining-maps`).
    #[arg(long = "mining-map", value_name = "ID")]
    pub mining_map: Option<String>,
    /// Market snapshot for the BTC price, subsidy, fees, hashrate and month (default: the newest).
    #[arg(long, value_name = "ID")]
    pub market: Option<String>,
    /// Print one flat JSON object instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// Everything `network` computed.
struct Computed<'a> {
    /// The snapshot's name in the chosen language.
    market_name: &'a str,
    market_date: String,
    market: MarketFigures,
    settings: Settings,
    carbon: CarbonBasis,
    estimate: NetworkEstimate,
}

fn compute<'a>(
    a: &NetworkArgs,
    library: &'a PresetLibrary,
    lang: Lang,
) -> Result<Computed<'a>, CliError> {
    let t = &i18n::strings(lang).cli;
    let snapshot = match &a.market {
        Some(id) => library.market(id).ok_or_else(|| {
            let known: Vec<&str> = library.markets().map(|m| m.id.as_str()).collect();
            let hint = super::output::did_you_mean(crate::presets::did_you_mean(id, &known), t);
            CliError::Said(fill(t.unknown_market, &[("hint", &hint), ("id", id)]))
        })?,
        None => library
            .newest_market()
            .ok_or_else(|| CliError::Said(t.no_market.into()))?,
    };
    let mut market = MarketFigures::of_preset(snapshot);
    if let Some(ehs) = a.network_hashrate_ehs {
        market = market.with_hashrate_ehs(ehs);
    }
    let carbon = match (&a.region, &a.mining_map) {
        (_, Some(id)) => network_data::map_basis(library, id, lang)
            .map_err(|e| CliError::Said(format!("--mining-map: {}", e.localized(lang))))?,
        (Some(id), None) => network_data::region_basis(library, id, lang)
            .map_err(|e| CliError::Said(format!("--region: {}", e.localized(lang))))?,
        (None, None) => network_data::region_basis(library, network_data::WORLD_REGION, lang)
            .map_err(|e| CliError::Said(e.localized(lang)))?,
    };
    let settings = Settings {
        electricity_usd_per_kwh: a
            .electricity_usd_kwh
            .unwrap_or(Settings::default().electricity_usd_per_kwh),
        efficiency_j_per_th: a.efficiency_j_th,
        pue: a.pue.unwrap_or(PUE_BEST_GUESS),
    };
    let estimate = network_data::estimate(&market, &settings, carbon.intensity_g_per_kwh);
    Ok(Computed {
        market_name: snapshot.name_in(lang),
        market_date: snapshot.date.to_string(),
        market,
        settings,
        carbon,
        estimate,
    })
}

/// Runs `hashwatt network` and returns what to print.
pub fn run(a: &NetworkArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let c = compute(a, library, lang)?;
    if a.json {
        Ok(json(&c))
    } else {
        Ok(table(a, &c, lang))
    }
}

/// The `--json` object: flat, every figure a number or `null` when undefined.
#[derive(Serialize)]
struct NetworkJson {
    network_hashrate_ehs: f64,
    hashprice_usd_per_ph_day: f64,
    electricity_usd_kwh: f64,
    break_even_efficiency_j_per_th: Option<f64>,
    grid_intensity_g_per_kwh: f64,
    unattributed_hashrate_pct: Option<f64>,
    efficiency_j_per_th: Option<f64>,
    network_power_gw: Option<f64>,
    network_energy_twh_per_year: Option<f64>,
    network_co2_mt_per_year: Option<f64>,
    efficiency_j_per_th_lower: Option<f64>,
    network_power_gw_lower: Option<f64>,
    network_energy_twh_per_year_lower: Option<f64>,
    network_co2_mt_per_year_lower: Option<f64>,
    efficiency_j_per_th_upper: Option<f64>,
    network_power_gw_upper: Option<f64>,
    network_energy_twh_per_year_upper: Option<f64>,
    network_co2_mt_per_year_upper: Option<f64>,
}

fn json(c: &Computed) -> String {
    let e = &c.estimate;
    let pick = |b: Option<Bound>, f: fn(&Bound) -> f64| b.as_ref().map(f);
    let value = NetworkJson {
        network_hashrate_ehs: c.market.network_hashrate_ehs(),
        hashprice_usd_per_ph_day: c.market.revenue_usd_per_th_day() * 1000.0,
        electricity_usd_kwh: c.settings.electricity_usd_per_kwh,
        break_even_efficiency_j_per_th: e.break_even_efficiency_j_per_th,
        grid_intensity_g_per_kwh: c.carbon.intensity_g_per_kwh,
        unattributed_hashrate_pct: c.carbon.unattributed_pct,
        efficiency_j_per_th: pick(e.best_guess, |b| b.efficiency_j_per_th),
        network_power_gw: pick(e.best_guess, |b| b.power_gw),
        network_energy_twh_per_year: pick(e.best_guess, |b| b.energy_twh_per_year),
        network_co2_mt_per_year: pick(e.best_guess, |b| b.co2_mt_per_year),
        efficiency_j_per_th_lower: pick(e.lower, |b| b.efficiency_j_per_th),
        network_power_gw_lower: pick(e.lower, |b| b.power_gw),
        network_energy_twh_per_year_lower: pick(e.lower, |b| b.energy_twh_per_year),
        network_co2_mt_per_year_lower: pick(e.lower, |b| b.co2_mt_per_year),
        efficiency_j_per_th_upper: pick(e.upper, |b| b.efficiency_j_per_th),
        network_power_gw_upper: pick(e.upper, |b| b.power_gw),
        network_energy_twh_per_year_upper: pick(e.upper, |b| b.energy_twh_per_year),
        network_co2_mt_per_year_upper: pick(e.upper, |b| b.co2_mt_per_year),
    };
    // Plain numbers and options cannot fail to serialise.
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

/// Label column width.
const LABEL: usize = 24;

/// The human-readable report: the market's figures, the three estimates, and how each is
/// made.
fn table(a: &NetworkArgs, c: &Computed, lang: Lang) -> String {
    let s = &i18n::strings(lang).network;
    let mut out = String::new();
    market_rows(&mut out, a, c, s);
    bounds_table(&mut out, c, s);
    how_made(&mut out, c, s);
    out
}

/// The title and one row per market figure, each marked when given or defaulted.
fn market_rows(out: &mut String, a: &NetworkArgs, c: &Computed, s: &NetworkStrings) {
    let _ = writeln!(
        out,
        "{}",
        fill(
            s.cli_title,
            &[
                ("market", &escape(c.market_name)),
                ("date", &escape(&c.market_date))
            ]
        )
    );
    let row = |out: &mut String, label: &str, value: String, unit: String| {
        let _ = writeln!(
            out,
            "  {} {} {unit}",
            align_left(label, LABEL),
            align_right(&value, 12)
        );
    };
    let mark = |given: bool, text: &str| {
        if given {
            format!(" {text}")
        } else {
            String::new()
        }
    };
    row(
        out,
        s.row_hashrate,
        number(c.market.network_hashrate_ehs()),
        format!(
            "{}{}",
            s.unit_ehs,
            mark(a.network_hashrate_ehs.is_some(), s.given_mark)
        ),
    );
    row(
        out,
        s.row_hashprice,
        usd(c.market.revenue_usd_per_th_day() * 1000.0),
        s.unit_per_ph_day.to_string(),
    );
    row(
        out,
        s.row_power_price,
        usd(c.settings.electricity_usd_per_kwh),
        format!(
            "{}{}",
            s.unit_per_kwh,
            mark(a.electricity_usd_kwh.is_none(), s.cbeci_default_mark)
        ),
    );
    row(
        out,
        s.row_break_even,
        format::maybe(c.estimate.break_even_efficiency_j_per_th),
        format!("{} {}", s.unit_j_per_th, s.above_loses_mark),
    );
    row(
        out,
        s.row_intensity,
        number(c.carbon.intensity_g_per_kwh),
        format!(
            "{}  {}{}",
            s.unit_g_per_kwh,
            if c.carbon.unattributed_pct.is_some() {
                fill(s.carbon_map, &[("name", &escape(&c.carbon.name))])
            } else {
                escape(&c.carbon.name).into_owned()
            },
            mark(c.carbon.estimate, s.estimate_mark)
        ),
    );
    if let (Some(pct), Some(world)) = (c.carbon.unattributed_pct, c.carbon.fallback_g_per_kwh) {
        let _ = writeln!(
            out,
            "  {}",
            fill(
                s.unattributed_line,
                &[("value", &format::fixed(pct, 2)), ("world", &number(world))]
            )
        );
    }
}

/// The lower bound, best guess and upper bound, one row each under two header rows.
fn bounds_table(out: &mut String, c: &Computed, s: &NetworkStrings) {
    let _ = writeln!(out, "\n{}", s.bounds_title);
    let cols = |out: &mut String, cells: [&str; 6]| {
        let _ = writeln!(
            out,
            "  {} {} {} {} {} {}",
            align_left(cells[0], 14),
            align_right(cells[1], 11),
            align_right(cells[2], 6),
            align_right(cells[3], 10),
            align_right(cells[4], 12),
            align_right(cells[5], 10)
        );
    };
    cols(
        out,
        [
            "",
            s.col_efficiency,
            s.col_pue,
            s.col_power,
            s.col_energy,
            s.col_co2,
        ],
    );
    cols(
        out,
        [
            "",
            s.unit_j_per_th,
            "",
            s.unit_gw,
            s.unit_twh_per_year,
            s.unit_mt_per_year,
        ],
    );
    let e = &c.estimate;
    for (label, bound) in [
        (s.lower, e.lower),
        (s.best_guess, e.best_guess),
        (s.upper, e.upper),
    ] {
        let cells = match bound {
            Some(b) => [
                number(b.efficiency_j_per_th),
                format::fixed(b.pue, 2),
                number(b.power_gw),
                number(b.energy_twh_per_year),
                number(b.co2_mt_per_year),
            ],
            None => std::array::from_fn(|_| format::UNDEFINED.to_string()),
        };
        cols(
            out,
            [label, &cells[0], &cells[1], &cells[2], &cells[3], &cells[4]],
        );
    }
}

/// How each estimate and the intensity are made, and the sources.
fn how_made(out: &mut String, c: &Computed, s: &NetworkStrings) {
    let e = &c.estimate;
    out.push('\n');
    if e.lower.is_none() {
        let _ = writeln!(out, "{}", s.none_profitable);
    }
    let _ = writeln!(out, "{}", s.lower_how);
    let (from, to) = network_data::basket_window(c.market.month);
    let best_how = match e.best_guess_basis {
        crate::model::network::BestGuessBasis::Given => s.best_given_how.to_string(),
        crate::model::network::BestGuessBasis::Basket => fill(
            s.best_basket_how,
            &[
                ("count", &e.basket_machines.to_string()),
                ("from", &from),
                ("to", &to),
            ],
        ),
    };
    let _ = writeln!(out, "{best_how}");
    let _ = writeln!(out, "{}", s.upper_how);
    let _ = writeln!(
        out,
        "{}",
        fill(
            s.intensity_line,
            &[
                ("value", &number(c.carbon.intensity_g_per_kwh)),
                ("name", &escape(&c.carbon.source)),
            ]
        )
    );
    let _ = writeln!(out, "{}", s.sources);
}

/// `presets list mining-maps`: one line per map.
pub fn mining_maps_table(library: &PresetLibrary, lang: Lang, out: &mut String) {
    let words = i18n::strings(lang);
    let s = &words.network;
    let w = super::output::name_width(library.mining_maps().map(|m| m.name_in(lang)));
    for m in library.mining_maps() {
        let intensity = network_data::snapshot(library, m)
            .map(|s| format::fixed(s.intensity_g_per_kwh, 0))
            .unwrap_or_else(|_| format::UNDEFINED.to_string());
        let regions = fill(
            words.cli.map_regions,
            &[("count", &align_right(&m.shares.len().to_string(), 3))],
        );
        let _ = writeln!(
            out,
            "  {} {} {}  {regions} {:>6} %  {:>5} g/kWh  {}",
            align_left(&escape(&m.id), 18),
            align_left(&escape(m.name_in(lang)), w),
            m.date,
            format::fixed(m.total_pct(), 2),
            intensity,
            if m.comparable() {
                s.pool_map
            } else {
                s.survey_map
            },
        );
    }
}
