//! Results as files: CSV and JSON for programs, Markdown for people. The values are those of
//! `hashwatt report --json` (the evaluation serialised once), labelled from the string table.

use crate::format;
use crate::i18n::{self, Lang};
use crate::model::Evaluation;
use std::fmt::Write as _;

/// The evaluation as `hashwatt report --json` prints it: one flat object, pretty-printed, each
/// figure a number or `null` when undefined.
pub fn results_json(e: &Evaluation) -> String {
    // Serialising plain numbers and options cannot fail; keep the output an object regardless.
    serde_json::to_string_pretty(e).unwrap_or_else(|_| "{}".to_string()) + "\n"
}

/// Every figure by its JSON key: `Some(value)`, or `None` when undefined.
fn values(e: &Evaluation, lang: Lang) -> Vec<(&'static str, i18n::results::Figure, Option<f64>)> {
    let object = serde_json::to_value(e).unwrap_or_default();
    i18n::strings(lang)
        .results
        .all()
        .into_iter()
        .map(|(key, figure)| (key, figure, object.get(key).and_then(|v| v.as_f64())))
        .collect()
}

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The figures as CSV: a header `key,figure,value,unit`, then one row per figure with its label
/// and unit in `lang`. Values are plain numbers at full precision; an undefined figure has an
/// empty value.
pub fn results_csv(e: &Evaluation, lang: Lang) -> String {
    // The header names columns for programs, like the JSON keys: never translated.
    let mut out = String::from("key,figure,value,unit\n");
    for (key, figure, value) in values(e, lang) {
        let value = value.map(|v| v.to_string()).unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{},{},{}",
            csv_field(key),
            csv_field(figure.label),
            value,
            csv_field(figure.unit)
        );
    }
    out
}

/// A Markdown table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The figures as a Markdown document: a title, a table (figure | value | unit, numbers with
/// thousands separators) and the sources.
pub fn results_markdown(title: &str, e: &Evaluation, sources: &[String], lang: Lang) -> String {
    let strings = i18n::strings(lang);
    let r = &strings.results;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", cell(title));
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        r.header_figure, r.header_value, r.header_unit
    );
    let _ = writeln!(out, "|---|---:|---|");
    for (key, figure, value) in values(e, lang) {
        let shown = match value {
            Some(v) => format::number(v),
            None if key == "payback_days" => r.never.to_string(),
            None => r.undefined.to_string(),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(figure.label),
            cell(&shown),
            cell(figure.unit)
        );
    }
    if !sources.is_empty() {
        let _ = writeln!(out, "\n## {}\n", strings.charts.sources_footer);
        for line in sources {
            let _ = writeln!(out, "- {}", cell(line));
        }
    }
    out
}
