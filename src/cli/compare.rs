//! `hashwatt compare`: scenario files side by side, as a table, CSV or JSON.

use super::CliError;
use super::output::{LABEL, name_width, to_json};
use super::term::{align_left, align_right, escape};
use crate::i18n::Localized;
use crate::i18n::{Lang, strings};
use crate::model;
use crate::presets::PresetLibrary;
use crate::resolve;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The scenario files to compare; one of them may be - for standard input.
    #[arg(value_name = "SCENARIO.ron", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// Print JSON: each scenario's figures and the best scenario for each figure.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV: one row per figure, one column per scenario.
    #[arg(long)]
    pub csv: bool,
}

/// Loads every file, evaluates it and prints the comparison.
pub fn run(a: &CompareArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    // The table shows the names in `lang`; JSON and CSV are for programs and keep `name`.
    let mut names = Vec::with_capacity(a.files.len());
    let mut shown = Vec::with_capacity(a.files.len());
    let mut evaluations = Vec::with_capacity(a.files.len());
    // Notes wait until every file has loaded, so an error stays the only line.
    let mut migrations = Vec::new();
    if a.files
        .iter()
        .filter(|p| super::scenario::is_stdin(p))
        .count()
        > 1
    {
        return Err(CliError::Said(strings(lang).sharing.stdin_once.to_string()));
    }
    for path in &a.files {
        let (doc, scenario, migration) = if super::scenario::is_stdin(path) {
            let (label, text) = super::scenario::scenario_text(path)?;
            let (doc, migration) = crate::scenario_io::parse_scenario_noting(&label, &text)?;
            let scenario = resolve::resolve_in_file(&label, &text, &doc, library)?;
            (doc, scenario, migration)
        } else {
            resolve::load_scenario_noting(path, library)?
        };
        migrations.push(migration);
        let stem = match path.file_stem() {
            _ if super::scenario::is_stdin(path) => strings(lang).sharing.stdin_name.to_string(),
            Some(stem) => stem.to_string_lossy().into_owned(),
            None => path.display().to_string(),
        };
        let or_stem = |name: &str| {
            if name.is_empty() {
                stem.clone()
            } else {
                name.to_string()
            }
        };
        shown.push(or_stem(doc.name_in(lang)));
        names.push(or_stem(&doc.name));
        evaluations.push(model::evaluate(&scenario));
    }
    for migration in migrations {
        super::scenario::note_migration(migration, lang);
    }
    let rows = crate::compare::table(&evaluations);
    if a.json {
        compare_json(&names, &a.files, &evaluations, &rows)
    } else if a.csv {
        Ok(compare_csv(&names, &rows))
    } else {
        Ok(compare_table(&shown, &rows, lang))
    }
}

/// Scenarios side by side: a row per figure, the best value marked with `*`.
pub fn compare_table(names: &[String], rows: &[crate::compare::Row], lang: Lang) -> String {
    let words = strings(lang);
    let mut out = String::new();
    let width = name_width(names.iter().map(String::as_str)).max(14);
    let _ = write!(out, "{:<LABEL$} {:<10}", "", "");
    for name in names {
        let _ = write!(out, " {}", align_right(&escape(name), width));
    }
    out.push('\n');
    for row in rows {
        let figure = row.figure.words(lang);
        let _ = write!(
            out,
            "{} {}",
            align_left(figure.label, LABEL),
            align_left(figure.unit, 10)
        );
        for (i, value) in row.values.iter().enumerate() {
            let mark = if row.best.contains(&i) { "*" } else { " " };
            let text = row.figure.format_number(*value, lang);
            let _ = write!(out, " {}{mark}", align_right(&text, width - 1));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "\n{}", words.cli.best_note);
    out
}

/// Scenarios side by side as CSV: key, figure, unit, better, then one column per scenario.
pub fn compare_csv(names: &[String], rows: &[crate::compare::Row]) -> String {
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["key", "figure", "unit", "better"];
    header.extend(names.iter().map(String::as_str));
    // Writing to memory cannot fail.
    let _ = csv.write_record(&header);
    for row in rows {
        // CSV is for programs: its words stay English.
        let words = row.figure.words(Lang::En);
        let mut record = vec![
            row.key.to_string(),
            words.label.to_string(),
            words.unit.to_string(),
            row.better.word().to_string(),
        ];
        record.extend(
            row.values
                .iter()
                .map(|v| v.map(|v| v.to_string()).unwrap_or_default()),
        );
        let _ = csv.write_record(&record);
    }
    String::from_utf8(csv.into_inner().unwrap_or_default()).unwrap_or_default()
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
        .map_err(|e| CliError::Said(e.to_string()))
}
