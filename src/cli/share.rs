//! `hashwatt share` (a self-contained copy of a scenario), `presets import` and
//! `presets export` (packs).

use super::CliError;
use super::scenario::say;
use crate::i18n::{Lang, fill, strings};
use crate::presets::any::kind_key;
use crate::presets::import::{self, OnConflict, Outcome};
use crate::presets::pack::{self, PackDoc};
use crate::presets::{AnyPreset, PresetLibrary};
use crate::scenario_io;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The scenario file, or - for standard input.
    #[arg(value_name = "SCENARIO.ron")]
    pub file: PathBuf,
    /// The self-contained copy to write.
    #[arg(short = 'o', long = "output", value_name = "OUT.ron")]
    pub output: PathBuf,
    /// Replace OUT.ron if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Preset files, packs, or scenarios that carry presets.
    #[arg(value_name = "FILE", required = true, num_args = 1..)]
    pub files: Vec<PathBuf>,
    /// A preset with the id of a different one here replaces it.
    #[arg(long, conflicts_with_all = ["keep_both", "skip"])]
    pub replace: bool,
    /// A preset with the id of a different one here is kept beside it, as ID-2, ID-3, …
    #[arg(long = "keep-both", conflicts_with = "skip")]
    pub keep_both: bool,
    /// A preset with the id of a different one here is left out.
    #[arg(long)]
    pub skip: bool,
    /// Print what became of each preset as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Preset ids; KIND:ID (region:my-site, miner:…, emission-table:…, market:…, mining-map:…, scenario:…) where an id names presets of several kinds.
    #[arg(value_name = "ID", required = true, num_args = 1..)]
    pub ids: Vec<String>,
    /// The pack to write.
    #[arg(short = 'o', long = "output", value_name = "PACK.ron")]
    pub output: PathBuf,
    /// Replace PACK.ron if it exists.
    #[arg(long)]
    pub force: bool,
    /// The pack's title.
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// What the pack is for.
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
}

/// Refuses to replace a file without `--force`.
fn check_output(path: &Path, force: bool, lang: Lang) -> Result<(), CliError> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        let t = &strings(lang).sharing;
        return Err(CliError::Said(fill(
            t.exists_use_force,
            &[("path", &path.display().to_string())],
        )));
    }
    Ok(())
}

/// Writes the self-contained copy; says where, and how many presets it carries.
pub fn run_share(a: &ShareArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    check_output(&a.output, a.force, lang)?;
    let (label, text) = super::scenario::scenario_text(&a.file)?;
    let (doc, migration) = scenario_io::parse_scenario_noting(&label, &text)?;
    let shared = crate::presets::embedded::self_contained(&doc, library)
        .map_err(|e| CliError::from(crate::resolve::locate_resolve_error(&label, &text, e)))?;
    super::scenario::note_migration(migration, lang);
    scenario_io::write_atomically(&a.output, scenario_io::scenario_to_ron(&shared).as_bytes())?;
    let t = &strings(lang).sharing;
    Ok(fill(
        t.share_written,
        &[
            ("path", &a.output.display().to_string()),
            ("count", &shared.presets.len().to_string()),
        ],
    ) + "\n")
}

/// Writes the pack of the presets named.
pub fn run_export(a: &ExportArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    let presets: Vec<AnyPreset> = a
        .ids
        .iter()
        .map(|spec| pack::select(library, spec).map_err(|e| CliError::Said(e.localized(lang))))
        .collect::<Result<_, _>>()?;
    check_output(&a.output, a.force, lang)?;
    let count = presets.len();
    let pack = PackDoc::new(
        presets,
        crate::today(),
        a.title.as_deref().unwrap_or_default(),
        a.description.as_deref().unwrap_or_default(),
    );
    let label = a.output.display().to_string();
    let text = pack.to_ron().map_err(|why| {
        CliError::from(crate::file_error::FileError::new(
            &label,
            crate::problem::Problem::CannotSave(why),
        ))
    })?;
    scenario_io::write_atomically(&a.output, text.as_bytes())?;
    let t = &strings(lang).sharing;
    Ok(fill(
        t.export_written,
        &[("path", &label), ("count", &count.to_string())],
    ) + "\n")
}

/// One preset's import as `--json` gives it.
fn json_entry(r: &import::Imported, file: &Path) -> serde_json::Value {
    serde_json::json!({
        "kind": kind_key(r.kind),
        "id": r.id,
        "result": r.outcome.key(),
        "new_id": r.new_id,
        "file": file.display().to_string(),
    })
}

/// Imports every file into the presets folder, writing what became of each preset to `out`.
/// A file with an invalid preset writes nothing (each problem on its own line); a conflict
/// without `--replace`, `--keep-both` or `--skip` writes nothing for that preset. Either way the
/// others are imported and the exit status is 2.
pub fn run_import(
    a: &ImportArgs,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> Result<(), CliError> {
    let t = &strings(lang).sharing;
    let folder =
        crate::user_presets_folder().ok_or_else(|| CliError::Said(t.no_presets_folder.into()))?;
    let on_conflict = if a.replace {
        Some(OnConflict::Replace)
    } else if a.keep_both {
        Some(OnConflict::KeepBoth)
    } else if a.skip {
        Some(OnConflict::Skip)
    } else {
        None
    };
    let mut entries = Vec::new();
    let mut lines = String::new();
    let mut conflicts: Vec<String> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for file in &a.files {
        // Read again for each file: the one before may have added what this one has too.
        let library = PresetLibrary::with_user_folder(Some(&folder));
        let label = file.display().to_string();
        let text = match scenario_io::read_text(file) {
            Ok(text) => text,
            Err(e) => {
                problems.push(e.localized(lang));
                continue;
            }
        };
        let incoming = match import::read_incoming(&label, &text, &library) {
            Ok(incoming) => incoming,
            Err(errors) => {
                problems.extend(errors.iter().map(|e| e.localized(lang)));
                continue;
            }
        };
        let source = file
            .file_name()
            .map_or_else(|| label.clone(), |n| n.to_string_lossy().into_owned());
        let results = import::import(
            incoming,
            &source,
            &library,
            &folder,
            on_conflict,
            crate::today(),
        )?;
        for r in &results {
            entries.push(json_entry(r, file));
            let new = match &r.new_id {
                Some(new_id) => fill(t.import_as, &[("new_id", new_id)]),
                None => String::new(),
            };
            lines.push_str(&fill(
                t.import_line,
                &[
                    ("file", &super::term::escape(&label)),
                    ("kind", r.kind.words(lang)),
                    ("id", &super::term::escape(&r.id)),
                    ("outcome", r.outcome.words(lang)),
                    ("new", &new),
                ],
            ));
            lines.push('\n');
            if r.outcome == Outcome::Conflict {
                conflicts.push(format!("{}:{}", kind_key(r.kind), r.id));
            }
        }
    }
    let text = if a.json {
        let value = serde_json::json!({ "presets": entries });
        serde_json::to_string_pretty(&value).map_err(|e| CliError::Said(e.to_string()))? + "\n"
    } else {
        lines
    };
    out.write_all(text.as_bytes()).map_err(|e| {
        CliError::Said(fill(
            strings(lang).cli.write_failed,
            &[("error", &e.to_string())],
        ))
    })?;
    if !conflicts.is_empty() {
        problems.push(fill(
            t.import_conflicts,
            &[
                ("count", &conflicts.len().to_string()),
                ("ids", &conflicts.join(", ")),
            ],
        ));
    }
    // Every problem on its own line; the last is the command's error.
    let last = problems.pop();
    let prefix = strings(lang).cli.error_prefix;
    for problem in problems {
        say(&format!("{prefix}{problem}"));
    }
    match last {
        Some(problem) => Err(CliError::Said(problem)),
        None => Ok(()),
    }
}
