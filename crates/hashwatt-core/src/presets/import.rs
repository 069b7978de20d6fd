//! Importing presets into the user's presets folder from a preset file, a pack or a scenario
//! that carries its own: each checked as the folder checks its files, then added, found
//! identical, or (same id, other content) replaced, kept beside under a new id, or skipped.

use super::{AnyPreset, PresetLibrary};
use crate::file_error::{FileError, parse_ron};
use crate::model::date::Date;
use crate::preset_types::PresetKind;
use crate::problem::Problem;
use std::path::{Path, PathBuf};

/// What to do with a preset whose id is taken by a different one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnConflict {
    Replace,
    KeepBoth,
    Skip,
}

/// What became of one preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Identical,
    Replaced,
    Renamed,
    Skipped,
    /// Same id, other content, and no choice made: nothing written.
    Conflict,
}

impl Outcome {
    /// The word `--json` uses.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Added => "added",
            Outcome::Identical => "identical",
            Outcome::Replaced => "replaced",
            Outcome::Renamed => "renamed",
            Outcome::Skipped => "skipped",
            Outcome::Conflict => "conflict",
        }
    }

    /// The outcome in words, in `lang`.
    pub fn words(self, lang: crate::i18n::Lang) -> &'static str {
        let t = &crate::i18n::strings(lang).sharing;
        match self {
            Outcome::Added => t.outcome_added,
            Outcome::Identical => t.outcome_identical,
            Outcome::Replaced => t.outcome_replaced,
            Outcome::Renamed => t.outcome_renamed,
            Outcome::Skipped => t.outcome_skipped,
            Outcome::Conflict => t.outcome_conflict,
        }
    }
}

/// One preset's import.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub kind: PresetKind,
    pub id: String,
    pub outcome: Outcome,
    /// The id it was written under when both were kept.
    pub new_id: Option<String>,
    /// The file written in the presets folder, if any.
    pub written: Option<PathBuf>,
}

/// Reads the presets a file offers: a pack's, a scenario's own, or the one preset of a preset
/// file (its kind found from its fields). Every preset is checked as the presets folder checks
/// its files; any problem means none of them is offered, and each problem is returned.
pub fn read_incoming(
    path: &str,
    text: &str,
    library: &PresetLibrary,
) -> Result<Vec<AnyPreset>, Vec<FileError>> {
    if super::pack::is_pack(text) {
        return super::pack::read_pack(path, text, library);
    }
    let kind = kind_of(text);
    if kind == PresetKind::Scenario {
        let doc = crate::scenario_io::parse_scenario(path, text).map_err(|e| vec![e])?;
        if doc.presets.is_empty() {
            return Err(vec![FileError::new(path, Problem::NoPresetsInFile)]);
        }
        // Reading the scenario checked everything but its maps' regions, which need the library.
        let own = &doc.presets.regions;
        let known = |id: &str| library.region(id).is_some() || own.iter().any(|r| r.id == id);
        let problems = crate::preset_checks::section(&doc.presets, "presets.", &known);
        if !problems.is_empty() {
            return Err(problems
                .into_iter()
                .map(|e| FileError::at_field(path, text, &e.field, None, e.problem))
                .collect());
        }
        return Ok(doc.presets.all());
    }
    library
        .parse(kind, path, text)
        .map(|preset| vec![preset])
        .map_err(|e| vec![e])
}

/// Whether a file's text is presets to import (a pack or one preset file) rather than a
/// scenario.
pub fn offers_presets(text: &str) -> bool {
    super::pack::is_pack(text) || kind_of(text) != PresetKind::Scenario
}

/// The kind of preset a file holds: the one kind its text reads as, else the kind whose
/// telling fields it has (so a broken file gets that kind's message), else a scenario.
fn kind_of(text: &str) -> PresetKind {
    use super::MiningMapPreset;
    use crate::preset_types::{EmissionTablePreset, MarketPreset, MinerPreset, RegionPreset};
    let reads = |kind: PresetKind| match kind {
        PresetKind::Region => parse_ron::<RegionPreset>("", text).is_ok(),
        PresetKind::Miner => parse_ron::<MinerPreset>("", text).is_ok(),
        PresetKind::EmissionTable => parse_ron::<EmissionTablePreset>("", text).is_ok(),
        PresetKind::Market => parse_ron::<MarketPreset>("", text).is_ok(),
        PresetKind::MiningMap => parse_ron::<MiningMapPreset>("", text).is_ok(),
        PresetKind::Scenario => false,
    };
    if let Some(kind) = PresetKind::ALL.into_iter().find(|k| reads(*k)) {
        return kind;
    }
    let has = |field: &str| crate::file_error::locate_field(text, field, None).is_some();
    if has("site") || has("fleet") || has("presets") {
        PresetKind::Scenario
    } else if has("maker") || has("stated_efficiency_j_per_th") {
        PresetKind::Miner
    } else if has("factors") {
        PresetKind::EmissionTable
    } else if has("btc_price_usd") || has("fees_btc_per_block") {
        PresetKind::Market
    } else if has("period") || has("shares") {
        PresetKind::MiningMap
    } else if has("intensity") || has("mix") || has("country") {
        PresetKind::Region
    } else {
        PresetKind::Scenario
    }
}

/// Imports checked presets (from [`read_incoming`]) into `folder`, one atomic write per
/// preset written. `source` is the file's name, kept in each written preset's
/// `imported_from`; `today` its `imported_on`. With `on_conflict` `None`, a preset whose id
/// is taken by a different one is left out and reported as a conflict.
pub fn import(
    incoming: Vec<AnyPreset>,
    source: &str,
    library: &PresetLibrary,
    folder: &Path,
    on_conflict: Option<OnConflict>,
    today: Date,
) -> Result<Vec<Imported>, FileError> {
    let mut results = Vec::with_capacity(incoming.len());
    // Ids written by this import, so two presets of one file never take the same new id.
    let mut taken: Vec<(PresetKind, String)> = Vec::new();
    for mut preset in incoming {
        let kind = preset.kind();
        let id = preset.id().to_string();
        let existing = library.get(kind, &id);
        let outcome = match &existing {
            None => Outcome::Added,
            Some(local) if local.same_content(&preset) => Outcome::Identical,
            Some(_) => match on_conflict {
                None => Outcome::Conflict,
                Some(OnConflict::Skip) => Outcome::Skipped,
                Some(OnConflict::Replace) => Outcome::Replaced,
                Some(OnConflict::KeepBoth) => Outcome::Renamed,
            },
        };
        let mut result = Imported {
            kind,
            id: id.clone(),
            outcome,
            new_id: None,
            written: None,
        };
        let target = match outcome {
            Outcome::Added => Some(free_file(folder, kind, &id)),
            Outcome::Replaced => Some(match library.origin(kind, &id) {
                super::Origin::UserFile(path) => path,
                // A built-in preset is overridden by a user file of the same id.
                super::Origin::BuiltIn => free_file(folder, kind, &id),
            }),
            Outcome::Renamed => {
                let new_id = free_id(library, &taken, kind, &id);
                preset.set_id(&new_id);
                preset.mark_names_imported();
                result.new_id = Some(new_id.clone());
                Some(free_file(folder, kind, &new_id))
            }
            Outcome::Identical | Outcome::Skipped | Outcome::Conflict => None,
        };
        if let Some(path) = target {
            preset.set_imported(Some(source.to_string()), Some(today));
            write_preset(&path, &preset)?;
            taken.push((kind, preset.id().to_string()));
            result.written = Some(path);
        }
        results.push(result);
    }
    Ok(results)
}

/// The first of `ID-2`, `ID-3`, … that no preset of the kind has.
fn free_id(
    library: &PresetLibrary,
    taken: &[(PresetKind, String)],
    kind: PresetKind,
    id: &str,
) -> String {
    (2..)
        .map(|n| format!("{id}-{n}"))
        .find(|candidate| {
            library.get(kind, candidate).is_none()
                && !taken.iter().any(|(k, t)| *k == kind && t == candidate)
        })
        .expect("some number is free")
}

/// `folder/<kind>/<id>.ron`, or `<id>-2.ron`, … when a file of that name is already there (one
/// that failed to load keeps its name and its content).
fn free_file(folder: &Path, kind: PresetKind, id: &str) -> PathBuf {
    let dir = folder.join(kind.folder());
    std::iter::once(format!("{id}.ron"))
        .chain((2..).map(|n| format!("{id}-{n}.ron")))
        .map(|name| dir.join(name))
        .find(|path| std::fs::symlink_metadata(path).is_err())
        .expect("some file name is free")
}

/// Writes one preset file atomically, creating its folder.
pub fn write_preset(path: &Path, preset: &AnyPreset) -> Result<(), FileError> {
    let label = path.display().to_string();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| FileError::new(&label, Problem::CannotSave(e.to_string())))?;
    }
    let text = preset
        .to_ron()
        .map_err(|why| FileError::new(&label, Problem::CannotSave(why)))?;
    crate::file_io::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests;
