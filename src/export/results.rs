//! Results as files: CSV and JSON for programs, Markdown for people. The values are those of
//! `hashwatt report --json`, listed by `crate::figures`), labelled from the string table.

use crate::figures;
use crate::i18n::{self, Lang};
use crate::model::Evaluation;
use std::fmt::Write as _;

/// The evaluation as `hashwatt report --json` prints it: one flat object, pretty-printed, each
/// figure a number or `null` when undefined, in the figures' order (the 22 of the contract,
/// then those of any lever that is on).
pub fn results_json(e: &Evaluation) -> String {
    let mut out = String::from("{");
    for (i, (figure, value)) in figures::of(e).enumerate() {
        let value = value.map_or_else(|| "null".to_string(), json_number);
        let _ = write!(
            out,
            "{}\n  \"{}\": {value}",
            if i == 0 { "" } else { "," },
            figure.key()
        );
    }
    out.push_str("\n}\n");
    out
}

/// A number as JSON writes it (`1.0`, `2.5e-7`); a value that is not finite, which no figure
/// is, as `null` rather than invalid JSON.
fn json_number(x: f64) -> String {
    serde_json::to_string(&x).unwrap_or_else(|_| "null".to_string())
}

/// The figures as CSV: a header `key,figure,value,unit`, then one row per figure with its label
/// and unit in `lang`. Values are plain numbers at full precision; an undefined figure has an
/// empty value.
pub fn results_csv(e: &Evaluation, lang: Lang) -> String {
    let mut csv = csv::Writer::from_writer(Vec::new());
    // The header names columns for programs, like the JSON keys: never translated.
    let mut rows = vec![["key", "figure", "value", "unit"].map(String::from)];
    for (figure, value) in figures::of(e) {
        let words = figure.words(lang);
        rows.push([
            figure.key().to_string(),
            words.label.to_string(),
            value.map(|v| v.to_string()).unwrap_or_default(),
            words.unit.to_string(),
        ]);
    }
    for row in rows {
        // Writing to memory cannot fail.
        let _ = csv.write_record(&row);
    }
    String::from_utf8(csv.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A Markdown table cell: pipes escaped, on one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The figures as a Markdown document: a title, a table (figure | value | unit, numbers with
/// thousands separators, a missing value in its kind's word) and the sources.
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
    for (figure, value) in figures::of(e) {
        let words = figure.words(lang);
        let shown = figure.format_number(value, lang);
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(words.label),
            cell(&shown),
            cell(words.unit)
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
