//! Scenario files as text: parsing with format versions and migration, and writing pretty
//! RON. Reading bytes is `file_io`'s; resolving ids against the presets is `resolve`'s.

use crate::file_error::{FileError, locate_field, parse_ron, ron_options};
use crate::problem::{Change, Problem};
use crate::scenario_file::{SCENARIO_VERSION, ScenarioDoc};

pub use crate::file_io::{
    MAX_FILE_BYTES, normalize_text, read_text, read_text_capped, write_atomically,
};

/// What changed when a file of an older format version was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    pub path: String,
    pub from_version: u32,
    /// The changes that applied to this file, e.g. a renamed field.
    pub changes: Vec<Change>,
}

impl std::fmt::Display for Migration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.localized(crate::i18n::Lang::En))
    }
}

impl Migration {
    /// The note in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        let t = &crate::i18n::strings(lang).files;
        let changes: Vec<String> = self.changes.iter().map(|c| c.localized(lang)).collect();
        let changes = if changes.is_empty() {
            String::new()
        } else {
            crate::i18n::fill(t.migration_changes, &[("changes", &changes.join("; "))])
        };
        crate::i18n::fill(
            t.migration,
            &[
                ("path", &self.path),
                ("from", &self.from_version.to_string()),
                ("to", &SCENARIO_VERSION.to_string()),
                ("changes", &changes),
            ],
        )
    }
}

/// Fields renamed between format versions: (the version that renamed it, old path, new path).
pub(crate) const RENAMED_FIELDS: [(u32, &str, &str); 1] =
    [(2, "site.emission_factors", "site.emission_table")];

/// The projection's settings that format version 3 added (investment and uncertainty).
pub(crate) const PROJECTION_FIELDS_OF_VERSION_3: [&str; 11] = [
    "discount_rate_pct_per_year",
    "loan_usd",
    "loan_rate_pct_per_year",
    "loan_months",
    "hosting_usd_per_kwh",
    "hosting_profit_share_pct",
    "paths",
    "seed",
    "btc_price_volatility_pct_per_year",
    "difficulty_volatility_pct_per_year",
    "price_difficulty_correlation",
];

/// Parses a scenario document and checks its format version, migrating an older one.
pub fn parse_scenario(path: &str, text: &str) -> Result<ScenarioDoc, FileError> {
    parse_scenario_noting(path, text).map(|(doc, _)| doc)
}

/// [`parse_scenario`], also saying what was migrated when the file is of an older version.
pub fn parse_scenario_noting(
    path: &str,
    text: &str,
) -> Result<(ScenarioDoc, Option<Migration>), FileError> {
    // The version first: a newer hashwatt's file may hold fields this one does not know, and
    // "written by a newer hashwatt" is the true reason, not the first unknown field.
    if let Some(found) = version_of(text).filter(|v| *v > SCENARIO_VERSION) {
        return Err(newer_version(path, text, found));
    }
    let mut doc: ScenarioDoc = parse_ron(path, text).map_err(without_old_names)?;
    if doc.version > SCENARIO_VERSION {
        return Err(newer_version(path, text, doc.version));
    }
    if doc.version == 0 {
        return Err(FileError::at_field(
            path,
            text,
            "version",
            None,
            Problem::VersionZero {
                supported: SCENARIO_VERSION,
            },
        ));
    }
    let mut changes = Vec::new();
    for (version, old, new) in RENAMED_FIELDS {
        if locate_field(text, old, None).is_none() {
            continue;
        }
        // The old name is read (serde alias) only in files older than the rename.
        if doc.version >= version {
            return Err(FileError::at_field(
                path,
                text,
                old,
                None,
                Problem::Renamed {
                    version,
                    new: last_segment(new).to_string(),
                },
            ));
        }
        changes.push(Change::Renamed {
            old: old.to_string(),
            new: last_segment(new).to_string(),
        });
    }
    if doc.version < 3 {
        // Only the settings the file leaves out are at their defaults: a file written by hand
        // may already set some of them.
        let missing: Vec<&'static str> = PROJECTION_FIELDS_OF_VERSION_3
            .into_iter()
            .filter(|name| locate_field(text, &format!("projection.{name}"), None).is_none())
            .collect();
        if !missing.is_empty() {
            changes.push(Change::ProjectionSettingsAdded {
                missing,
                added: PROJECTION_FIELDS_OF_VERSION_3.len(),
            });
        }
    }
    check_own_presets(path, text, &doc)?;
    // Version 4 only added what a version 3 file cannot have (its own presets): such a file
    // reads unchanged and is not worth a note, nor an unsaved mark in the window.
    let noted = doc.version < 3 || !changes.is_empty();
    let migration = (doc.version < SCENARIO_VERSION && noted).then(|| Migration {
        path: path.to_string(),
        from_version: doc.version,
        changes,
    });
    doc.version = SCENARIO_VERSION;
    Ok((doc, migration))
}

/// Checks the presets a scenario carries with the presets folder's rules; the first problem
/// names its line and field. A mining map's regions are checked where the library is known
/// (import): a scenario does not use its maps.
fn check_own_presets(path: &str, text: &str, doc: &ScenarioDoc) -> Result<(), FileError> {
    let any_region = |_: &str| true;
    match crate::preset_checks::section(&doc.presets, "presets.", &any_region)
        .into_iter()
        .next()
    {
        None => Ok(()),
        Some(e) => Err(FileError::at_field(path, text, &e.field, None, e.problem)),
    }
}

/// The format version a scenario's text declares, read with every other field ignored; `None`
/// when the text does not parse that far.
fn version_of(text: &str) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        #[serde(default)]
        version: u32,
    }
    ron_options()
        .from_str::<VersionOnly>(text)
        .ok()
        .map(|v| v.version)
}

fn newer_version(path: &str, text: &str, found: u32) -> FileError {
    FileError::at_field(
        path,
        text,
        "version",
        None,
        Problem::NewerVersion {
            found,
            supported: SCENARIO_VERSION,
        },
    )
}

/// An unknown field in a scenario: the names older versions used are still read from older
/// files, but are not offered.
fn without_old_names(mut e: FileError) -> FileError {
    if let Problem::UnknownField { near, allowed } = &mut *e.problem {
        allowed.retain(|name| !crate::scenario_file::OLD_FIELD_NAMES.contains(&name.as_str()));
        // The unknown name is the field path's last part: suggest among the current names.
        let found = e.field.as_deref().map_or("", last_segment);
        let current: Vec<&str> = allowed.iter().map(String::as_str).collect();
        *near = crate::suggest::did_you_mean(found, &current).map(str::to_string);
    }
    e
}

pub(crate) fn last_segment(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// Any file hashwatt writes (scenarios, presets, `presets show`): pretty RON, four-space
/// indents, no struct names, `Some(..)` left out, ending in a newline.
pub fn to_ron<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("    ".to_string());
    ron_options()
        .to_string_pretty(value, config)
        .map(|text| text + "\n")
        .map_err(|e| e.to_string())
}

/// The text of a scenario file: pretty RON with a header comment.
pub fn scenario_to_ron(doc: &ScenarioDoc) -> String {
    let body = to_ron(doc).unwrap_or_else(|e| format!("// could not write the scenario: {e}\n"));
    format!("// hashwatt scenario (format version {SCENARIO_VERSION})\n{body}")
}

/// A scenario as one line of RON, for a chat or a forum post (it reads back as any file does).
pub fn scenario_to_compact_ron(doc: &ScenarioDoc) -> String {
    ron_options()
        .to_string(doc)
        .unwrap_or_else(|e| format!("// could not write the scenario: {e}"))
}
