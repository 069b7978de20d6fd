//! `hashwatt disclose`: MiCA's network sustainability indicators for a period of the history,
//! as a table with their methods and sources, one JSON object, or one CSV row. The keys are a
//! public contract ([`KEYS`]).

use super::CliError;
use super::history::{load_history, parse_month, parse_price, range};
use super::term::{align_left, align_right, display_width};
use crate::history::Month;
use crate::history::mica::{self, NetworkDisclosure};
use crate::i18n::Lang;
use crate::presets::PresetLibrary;
use clap::Args;
use serde_json::{Map, Value, json};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The indicators' keys in `--json` and `--csv`, in order.
pub const KEYS: [&str; 8] = [
    "energy_twh",
    "energy_twh_lower",
    "energy_twh_upper",
    "renewable_share_pct",
    "transactions",
    "kwh_per_transaction",
    "co2_mt",
    "kg_co2_per_transaction",
];

#[derive(Debug, Args)]
pub struct DiscloseArgs {
    /// First month of the period, YYYY-MM (default: twelve months before --to).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, allow_hyphen_values = true)]
    pub from: Option<Month>,
    /// Last month of the period, YYYY-MM (default: the last in the history).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month, allow_hyphen_values = true)]
    pub to: Option<Month>,
    /// Miners' electricity price, USD/kWh: decides which machines are profitable (default 0.05, CBECI's).
    #[arg(long = "electricity-usd-kwh", value_name = "P", value_parser = parse_price, allow_hyphen_values = true)]
    pub electricity_usd_kwh: Option<f64>,
    /// A monthly history CSV (same columns, with `transactions`) that extends or replaces months.
    #[arg(long = "history-csv", value_name = "FILE")]
    pub history_csv: Option<PathBuf>,
    /// Print one CSV row under a header.
    #[arg(long, conflicts_with = "json")]
    pub csv: bool,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The eight indicators' values, in [`KEYS`]' order (`null` where they cannot be computed).
fn values(d: &NetworkDisclosure) -> [Value; 8] {
    let opt = |v: Option<f64>| v.map_or(Value::Null, |x| json!(x));
    [
        json!(d.energy_twh),
        json!(d.energy_twh_lower),
        json!(d.energy_twh_upper),
        json!(d.renewable_share_pct),
        d.transactions.map_or(Value::Null, |n| json!(n)),
        opt(d.kwh_per_transaction),
        json!(d.co2_mt),
        opt(d.kg_co2_per_transaction),
    ]
}

/// Runs `hashwatt disclose`.
pub fn run(a: &DiscloseArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let history = load_history(a.history_csv.as_ref())?;
    let to = a.to.unwrap_or(history.last());
    // Twelve months ending at --to (within the history): what MiCA asks for.
    // A --to outside the history is then named as such, not the --from made from it.
    let from = a.from.unwrap_or_else(|| {
        Month::from_index(to.index() - 11).clamp(history.first(), history.last())
    });
    let (from, to) = range(&history, Some(from), Some(to))?;
    let price = a
        .electricity_usd_kwh
        .unwrap_or(crate::model::network::CBECI_ELECTRICITY_USD_PER_KWH);
    let d = mica::disclose(&history, library, price, from, to)?;
    let imported = a.history_csv.as_ref().map(|p| p.display().to_string());
    if a.json {
        return Ok(json_text(&d, library, lang, imported.as_deref()));
    }
    if a.csv {
        let mut out = format!("from,to,{}\n", KEYS.join(","));
        let cells: Vec<String> = values(&d)
            .iter()
            .map(|v| match v {
                Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect();
        let _ = writeln!(out, "{},{},{}", d.from, d.to, cells.join(","));
        return Ok(out);
    }
    Ok(table(&d, library, lang, imported.as_deref()))
}

fn json_text(
    d: &NetworkDisclosure,
    library: &PresetLibrary,
    lang: Lang,
    imported: Option<&str>,
) -> String {
    let mut object = Map::new();
    object.insert("from".into(), json!(d.from.to_string()));
    object.insert("to".into(), json!(d.to.to_string()));
    object.insert("months".into(), json!(d.months));
    object.insert(
        "electricity_usd_kwh".into(),
        json!(d.electricity_usd_per_kwh),
    );
    for (key, value) in KEYS.iter().zip(values(d)) {
        object.insert((*key).into(), value);
    }
    let months = |list: &[Month]| json!(list.iter().map(ToString::to_string).collect::<Vec<_>>());
    object.insert(
        "missing_transactions_months".into(),
        months(&d.missing_transactions_months),
    );
    object.insert(
        "estimated_transactions_months".into(),
        months(&d.estimated_transactions_months),
    );
    let mut method = Map::new();
    for row in mica::rows(d, library, lang) {
        method.insert(row.key.into(), json!(row.method));
    }
    object.insert("method".into(), Value::Object(method));
    object.insert("sources".into(), json!(sources(d, library, lang, imported)));
    serde_json::to_string_pretty(&Value::Object(object)).expect("plain values") + "\n"
}

fn sources(
    d: &NetworkDisclosure,
    library: &PresetLibrary,
    lang: Lang,
    imported: Option<&str>,
) -> Vec<String> {
    let mut sources = mica::sources(d, library, lang);
    if let Some(file) = imported {
        sources.push(crate::i18n::fill(
            crate::i18n::strings(lang).mica.source_imported,
            &[("file", file)],
        ));
    }
    sources
}

fn table(
    d: &NetworkDisclosure,
    library: &PresetLibrary,
    lang: Lang,
    imported: Option<&str>,
) -> String {
    let t = &crate::i18n::strings(lang).mica;
    let rows = mica::rows(d, library, lang);
    let mut out = String::new();
    let _ = writeln!(out, "{}", t.title);
    for note in mica::notes(d, lang) {
        let _ = writeln!(out, "{note}");
    }
    out.push('\n');
    let values: Vec<String> = rows.iter().map(|r| mica::value_text(r, lang)).collect();
    let code_w = display_width(t.column_code).max(4);
    let label_w = rows
        .iter()
        .map(|r| display_width(r.label))
        .chain([display_width(t.column_indicator)])
        .max()
        .unwrap_or(0);
    let value_w = values
        .iter()
        .map(|v| display_width(v))
        .chain([display_width(t.column_value)])
        .max()
        .unwrap_or(0);
    let line = |out: &mut String, code: &str, label: &str, value: &str, unit: &str| {
        let _ = writeln!(
            out,
            "{}  {}  {}  {unit}",
            align_left(code, code_w),
            align_left(label, label_w),
            align_right(value, value_w)
        );
    };
    line(
        &mut out,
        t.column_code,
        t.column_indicator,
        t.column_value,
        t.column_unit,
    );
    for (row, value) in rows.iter().zip(&values) {
        line(&mut out, row.code, row.label, value, row.unit);
    }
    let _ = writeln!(out, "\n{}", t.column_method);
    for row in &rows {
        let code = if row.code.is_empty() {
            String::new()
        } else {
            format!("{} ", row.code)
        };
        let _ = writeln!(out, "  {code}{}: {}", row.label, row.method);
    }
    let _ = writeln!(out, "\n{}", t.sources_title);
    for source in sources(d, library, lang, imported) {
        let _ = writeln!(out, "  - {source}");
    }
    let _ = writeln!(out, "\n{}", t.differences_title);
    let _ = writeln!(out, "  {}", mica::differences(d, lang));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_rows_are_the_json_keys_in_order() {
        let library = PresetLibrary::builtin();
        let history = crate::history::History::builtin();
        let (from, to) = mica::last_twelve_months(&history);
        let d = mica::disclose(&history, &library, 0.05, from, to).unwrap();
        let keys: Vec<&str> = mica::rows(&d, &library, Lang::En)
            .iter()
            .map(|r| r.key)
            .collect();
        assert_eq!(keys, KEYS);
        let v: Value = serde_json::from_str(&json_text(&d, &library, Lang::En, None)).unwrap();
        assert!((v["energy_twh"].as_f64().unwrap() / d.energy_twh - 1.0).abs() < 1e-12);
    }
}
