//! Shared pieces of what the command line prints: aligned rows and columns, a scenario's title,
//! name-column widths and "did you mean" hints.

use super::CliError;
use super::term::{align_left, align_right, display_width, escape};
use crate::i18n::Localized;
use crate::i18n::cli::CliStrings;
use crate::i18n::{Lang, fill, strings};
use crate::scenario_file::ScenarioDoc;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Label column width in tables.
pub(super) const LABEL: usize = 28;

pub(super) fn row(out: &mut String, label: &str, value: &str, unit: &str) {
    let _ = writeln!(
        out,
        "  {} {} {unit}",
        align_left(label, LABEL),
        align_right(value, 16)
    );
}

pub(super) fn heading(out: &mut String, title: &str) {
    let _ = writeln!(out, "\n{title}");
}

/// Cells right-aligned in columns of these widths, one space apart.
pub(super) fn columns(out: &mut String, cells: &[&str], widths: &[usize]) {
    let line: Vec<String> = cells
        .iter()
        .zip(widths)
        .map(|(cell, &w)| align_right(cell, w))
        .collect();
    let _ = writeln!(out, "{}", line.join(" "));
}

/// A scenario's title, ready for a terminal: its name in `lang`, or "Scenario" when it has none.
pub(super) fn title(doc: &ScenarioDoc, lang: Lang) -> Cow<'_, str> {
    match doc.name_in(lang) {
        "" => Cow::Borrowed(strings(lang).cli.untitled),
        name => escape(name),
    }
}

/// The widest of some names, in terminal columns once escaped, for a column.
pub(super) fn name_width<'a>(names: impl Iterator<Item = &'a str>) -> usize {
    names
        .map(|name| display_width(&escape(name)))
        .max()
        .unwrap_or(0)
}

pub(super) fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, CliError> {
    serde_json::to_value(value).map_err(|e| CliError::Said(e.to_string()))
}

/// " (did you mean \"…\"?)" after an unknown id, when a known one is near.
pub(super) fn did_you_mean(near: Option<&str>, t: &CliStrings) -> String {
    near.map(|near| fill(t.did_you_mean, &[("near", near)]))
        .unwrap_or_default()
}
