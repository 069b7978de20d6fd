//! `hashwatt history` (the network month by month, or by year) and `hashwatt backtest` (the
//! scenario's fleet through real months). Column names and JSON keys are a public contract.

use super::CliError;
use super::flags::ScenarioArgs;
use super::scenario::say;
use crate::history::backtest::{self, BacktestInputs};
use crate::history::cbeci::HistoryView;
use crate::history::{History, Month};
use crate::i18n::fill;
use crate::presets::PresetLibrary;
use clap::Args;
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// `hashwatt history`'s columns, in order.
pub const HISTORY_COLUMNS: [&str; 13] = [
    "month",
    "difficulty",
    "blocks",
    "subsidy_btc",
    "fees_btc_per_block",
    "btc_price_usd",
    "network_hashrate_ehs",
    "hashprice_usd_per_ph_day",
    "power_gw_lower",
    "power_gw",
    "power_gw_upper",
    "intensity_g_per_kwh",
    "co2_mt_per_year",
];

/// `hashwatt history --by-year`'s columns, in order.
pub const YEAR_COLUMNS: [&str; 6] = [
    "year",
    "energy_twh_lower",
    "energy_twh",
    "energy_twh_upper",
    "co2_mt",
    "hashprice_usd_per_ph_day",
];

/// `hashwatt backtest`'s summary keys, in order.
pub const SUMMARY_KEYS: [&str; 11] = [
    "months",
    "btc_mined",
    "revenue_usd",
    "electricity_usd",
    "cash_cost_usd",
    "profit_usd",
    "hardware_usd",
    "cumulative_cash_flow_usd",
    "payback_month",
    "cash_cost_per_btc_usd",
    "co2_t",
];

/// `hashwatt backtest`'s month columns, in order.
pub const BACKTEST_COLUMNS: [&str; 11] = [
    "month",
    "btc",
    "btc_price_usd",
    "revenue_usd",
    "electricity_usd",
    "other_costs_usd",
    "cash_cost_usd",
    "profit_usd",
    "cumulative_cash_flow_usd",
    "cash_cost_per_btc_usd",
    "co2_t",
];

pub(super) fn parse_month(text: &str) -> Result<Month, String> {
    Month::parse(text).ok_or_else(|| {
        crate::i18n::fill(super::flags::message_words().not_a_month, &[("text", text)])
    })
}

/// The miners' electricity price of the history's profitability filter, USD/kWh.
const HISTORY_ELECTRICITY_USD_PER_KWH: crate::model::limits::Limit = crate::model::limits::Limit {
    min: 0.0,
    max: 10.0,
    min_exclusive: false,
    integer: false,
    unit: "USD/kWh",
};

pub(super) fn parse_price(text: &str) -> Result<f64, String> {
    super::flags::limited(HISTORY_ELECTRICITY_USD_PER_KWH)(text)
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct HistoryArgs {
    #[command(subcommand)]
    pub action: Option<HistoryAction>,
    /// First month, YYYY-MM (default: the first in the history, 2010-07).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, allow_hyphen_values = true)]
    pub from: Option<Month>,
    /// Last month, YYYY-MM (default: the last in the history).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, allow_hyphen_values = true)]
    pub to: Option<Month>,
    /// Miners' electricity price, USD/kWh: decides which machines are profitable (default 0.05, CBECI's).
    #[arg(long = "electricity-usd-kwh", value_name = "P", value_parser = parse_price)]
    pub electricity_usd_kwh: Option<f64>,
    /// Sum the months by calendar year.
    #[arg(long = "by-year")]
    pub by_year: bool,
    /// A monthly history CSV (same columns) that extends or replaces months.
    #[arg(long = "history-csv", value_name = "FILE")]
    pub history_csv: Option<PathBuf>,
    /// Print CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Subcommand)]
pub enum HistoryAction {
    /// Fetch the months after the newest one this machine has, up to the last complete month
    /// (UTC), from a mempool.space-compatible API, and add them to the history everyone sees.
    /// Nothing about you is sent; a failed answer changes nothing.
    Update(super::history_update::HistoryUpdateArgs),
}

#[derive(Debug, Args)]
pub struct BacktestArgs {
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// First month, YYYY-MM: the hardware is bought at its start.
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, required = true, allow_hyphen_values = true)]
    pub from: Option<Month>,
    /// Last month, YYYY-MM (default: the last month with a price).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, allow_hyphen_values = true)]
    pub to: Option<Month>,
    /// A monthly history CSV (same columns) that extends or replaces months.
    #[arg(long = "history-csv", value_name = "FILE")]
    pub history_csv: Option<PathBuf>,
    /// Print the months as CSV.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print the months and the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

/// The history: built in, the user folder's file over it, then `--history-csv` over that.
pub(super) fn load_history(file: Option<&PathBuf>) -> Result<History, CliError> {
    let mut history = match History::with_user_folder(crate::user_presets_folder().as_deref()) {
        Ok(h) => h,
        Err(e) => {
            let lang = super::flags::message_lang();
            say(&fill(
                crate::i18n::strings(lang).cli.warning_builtin_history,
                &[("problem", &e.localized(lang))],
            ));
            History::builtin()
        }
    };
    if let Some(path) = file {
        history = history
            .import_file(path)
            .map_err(|error| CliError::HistoryCsv {
                flag: "--history-csv",
                error,
            })?;
    }
    Ok(history)
}

/// Checks `--from` and `--to` against the history.
pub(super) fn range(
    history: &History,
    from: Option<Month>,
    to: Option<Month>,
) -> Result<(Month, Month), CliError> {
    Ok(history.months_within(from, to)?)
}

fn opt(v: Option<f64>) -> Value {
    v.map_or(Value::Null, |x| json!(x))
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rows as CSV, JSON (an array of objects) or an aligned table.
fn render(columns: &[&str], rows: &[Vec<Value>], csv: bool, as_json: bool) -> String {
    if as_json {
        let list: Vec<Value> = rows.iter().map(|r| object(columns, r)).collect();
        return serde_json::to_string_pretty(&list).expect("plain values") + "\n";
    }
    let texts: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|v| table_cell(v, csv)).collect())
        .collect();
    let mut out = String::new();
    if csv {
        let _ = writeln!(out, "{}", columns.join(","));
        for r in &texts {
            let _ = writeln!(out, "{}", r.join(","));
        }
        return out;
    }
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            texts
                .iter()
                .map(|r| r[i].len())
                .chain([columns[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:>w$}"))
            .collect::<Vec<_>>()
            .join("  ")
    };
    let _ = writeln!(out, "{}", line(columns.to_vec()));
    for r in &texts {
        let _ = writeln!(out, "{}", line(r.iter().map(String::as_str).collect()));
    }
    out
}

fn table_cell(v: &Value, csv: bool) -> String {
    match v {
        // Plain numbers, as every other table prints them: no exponents, and small figures
        // (the first years' hashrate) keep three significant digits.
        Value::Number(n) if !csv => {
            if n.is_i64() || n.is_u64() {
                n.to_string()
            } else {
                crate::format::number(n.as_f64().unwrap_or(0.0))
            }
        }
        Value::Null if !csv => "–".into(),
        other => cell(other),
    }
}

fn object(columns: &[&str], row: &[Value]) -> Value {
    let mut map = Map::new();
    for (k, v) in columns.iter().zip(row) {
        map.insert((*k).to_string(), v.clone());
    }
    Value::Object(map)
}

/// Runs `hashwatt history`.
pub fn run_history(
    a: &HistoryArgs,
    library: &PresetLibrary,
    lang: crate::i18n::Lang,
) -> Result<String, CliError> {
    if let Some(HistoryAction::Update(update)) = &a.action {
        return super::history_update::run(update, lang);
    }
    let history = load_history(a.history_csv.as_ref())?;
    let (from, to) = range(&history, a.from, a.to)?;
    let price = a
        .electricity_usd_kwh
        .unwrap_or(crate::model::network::CBECI_ELECTRICITY_USD_PER_KWH);
    let view = HistoryView::of(&history, library, price, from, to);
    if a.by_year {
        let rows: Vec<Vec<Value>> = view
            .years
            .iter()
            .map(|y| {
                vec![
                    json!(y.year),
                    json!(y.energy_twh_lower),
                    json!(y.energy_twh),
                    json!(y.energy_twh_upper),
                    json!(y.co2_mt),
                    opt(y.hashprice_usd_per_ph_day),
                ]
            })
            .collect();
        return Ok(render(&YEAR_COLUMNS, &rows, a.csv, a.json));
    }
    let records = history.range(from, to);
    let rows: Vec<Vec<Value>> = records
        .iter()
        .zip(&view.months)
        .map(|(r, m)| {
            vec![
                json!(r.month.to_string()),
                json!(r.difficulty),
                json!(r.blocks),
                json!(r.subsidy_btc),
                opt(r.fees_btc_per_block),
                opt(r.btc_price_usd),
                json!(r.network_hashrate_ehs),
                opt(m.hashprice_usd_per_ph_day),
                opt(m.power_gw_lower),
                opt(m.power_gw),
                opt(m.power_gw_upper),
                json!(m.intensity_g_per_kwh),
                opt(m.co2_mt_per_year()),
            ]
        })
        .collect();
    Ok(render(&HISTORY_COLUMNS, &rows, a.csv, a.json))
}

/// Runs `hashwatt backtest`.
pub fn run_backtest(
    a: &BacktestArgs,
    library: &PresetLibrary,
    lang: crate::i18n::Lang,
) -> Result<String, CliError> {
    let history = load_history(a.history_csv.as_ref())?;
    let last_priced = history
        .months
        .iter()
        .rev()
        .find(|r| r.btc_price_usd.is_some())
        .map_or(history.last(), |r| r.month);
    // Without --to: up to the last priced month (or just --from's month, which then says why
    // it cannot run).
    let default_to = a.from.map_or(last_priced, |f| f.max(last_priced));
    let (from, to) = range(&history, a.from, Some(a.to.unwrap_or(default_to)))?;
    let loaded = super::scenario::load(&a.scenario, library, lang)?;
    let inputs = BacktestInputs::of(&loaded.scenario);
    let result = backtest::run(&inputs, history.range(from, to)).map_err(|error| {
        let flag = if a.to.is_some() { "--to" } else { "--from" };
        CliError::Backtest { flag, error }
    })?;
    super::scenario::warn_network_share(result.summary.largest_network_share_pct, lang);
    let rows: Vec<Vec<Value>> = result
        .months
        .iter()
        .map(|m| {
            vec![
                json!(m.month.to_string()),
                json!(m.btc),
                json!(m.btc_price_usd),
                json!(m.revenue_usd),
                json!(m.electricity_usd),
                json!(m.other_costs_usd),
                json!(m.cash_cost_usd),
                json!(m.profit_usd),
                json!(m.cumulative_cash_flow_usd),
                opt(m.cash_cost_per_btc_usd),
                json!(m.co2_t),
            ]
        })
        .collect();
    let s = &result.summary;
    let summary = vec![
        json!(s.months),
        json!(s.btc_mined),
        json!(s.revenue_usd),
        json!(s.electricity_usd),
        json!(s.cash_cost_usd),
        json!(s.profit_usd),
        json!(s.hardware_usd),
        json!(s.cumulative_cash_flow_usd),
        s.payback_month
            .map_or(Value::Null, |m| json!(m.to_string())),
        opt(s.cash_cost_per_btc_usd),
        json!(s.co2_t),
    ];
    if a.json {
        let months: Vec<Value> = rows.iter().map(|r| object(&BACKTEST_COLUMNS, r)).collect();
        let doc = json!({ "months": months, "summary": object(&SUMMARY_KEYS, &summary) });
        return Ok(serde_json::to_string_pretty(&doc).expect("plain values") + "\n");
    }
    if a.csv {
        return Ok(render(&BACKTEST_COLUMNS, &rows, true, false));
    }
    let mut out = render(&BACKTEST_COLUMNS, &rows, false, false);
    out.push('\n');
    for (k, v) in SUMMARY_KEYS.iter().zip(&summary) {
        let _ = writeln!(out, "{k:<26} {}", table_cell(v, false));
    }
    Ok(out)
}
