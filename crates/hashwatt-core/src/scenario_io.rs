//! Reading and writing scenario files (and the text of any file the user hands us).

use crate::file_error::{FileError, locate_field, parse_ron, ron_options};
use crate::model::Scenario;
use crate::presets::PresetLibrary;
use crate::scenario_file::{SCENARIO_VERSION, ScenarioDoc};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before they are read whole: no scenario or preset comes
/// near it, and it keeps a wrong file (a video, a disk image) from eating memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a file as UTF-8 text, refusing missing, oversized and binary files with a clear message.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let label = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        FileError::new(&label, format!("cannot open the file: {why}"))
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::new(&label, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::new(
            &label,
            format!(
                "the file is larger than {} KiB; a hashwatt file is far smaller",
                MAX_FILE_BYTES / 1024
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            &label,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// What changed when a file of an older format version was read.
#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    pub path: String,
    pub from_version: u32,
    /// The changes that applied to this file, e.g. a renamed field.
    pub changes: Vec<String>,
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
        let changes: Vec<String> = self
            .changes
            .iter()
            .map(|c| crate::i18n::errors::message(c, lang))
            .collect();
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
const RENAMED_FIELDS: [(u32, &str, &str); 1] =
    [(2, "site.emission_factors", "site.emission_table")];

/// Parses a scenario document and checks its format version, migrating an older one.
pub fn parse_scenario(path: &str, text: &str) -> Result<ScenarioDoc, FileError> {
    parse_scenario_noting(path, text).map(|(doc, _)| doc)
}

/// [`parse_scenario`], also saying what was migrated when the file is of an older version.
pub fn parse_scenario_noting(
    path: &str,
    text: &str,
) -> Result<(ScenarioDoc, Option<Migration>), FileError> {
    let mut doc: ScenarioDoc = parse_ron(path, text)?;
    if doc.version > SCENARIO_VERSION {
        return Err(FileError::at_field(
            path,
            text,
            "version",
            None,
            format!(
                "the file is format version {}, written by a newer hashwatt; this build reads version {SCENARIO_VERSION}",
                doc.version
            ),
        ));
    }
    if doc.version == 0 {
        return Err(FileError::at_field(
            path,
            text,
            "version",
            None,
            format!("0 is not allowed; must be a format version from 1 to {SCENARIO_VERSION}"),
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
                format!(
                    "renamed in format version {version}; write `{}` instead",
                    last_segment(new)
                ),
            ));
        }
        changes.push(format!("`{old}` is now `{}`", last_segment(new)));
    }
    let migration = (doc.version < SCENARIO_VERSION).then(|| Migration {
        path: path.to_string(),
        from_version: doc.version,
        changes,
    });
    doc.version = SCENARIO_VERSION;
    Ok((doc, migration))
}

/// Resolves a parsed document, locating any error in the file's text.
pub fn resolve_in_file(
    path: &str,
    text: &str,
    doc: &ScenarioDoc,
    library: &PresetLibrary,
) -> Result<Scenario, FileError> {
    doc.resolve(library)
        .map_err(|e| locate_resolve_error(path, text, e))
}

/// Places a resolve error in the file's text, at the field as it is written there (an older
/// file may still use a field's old name).
pub fn locate_resolve_error(
    path: &str,
    text: &str,
    e: crate::scenario_file::ResolveError,
) -> FileError {
    let field = RENAMED_FIELDS
        .iter()
        .find(|(_, old, new)| e.field == *new && locate_field(text, old, None).is_some())
        .map_or(e.field.as_str(), |(_, old, _)| old);
    let mut error = FileError::at_field(path, text, field, e.value.as_deref(), e.message);
    // A field the file leaves out (a custom miner's `power_w`) is placed at the group it is
    // missing from.
    let mut parent = field;
    while error.position.is_none() {
        let Some(cut) = parent.rfind(['.', '[']) else {
            break;
        };
        parent = &parent[..cut];
        error.position = locate_field(text, parent, None);
    }
    error
}

fn last_segment(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

/// Reads, parses and resolves a scenario file.
pub fn load_scenario(
    path: &Path,
    library: &PresetLibrary,
) -> Result<(ScenarioDoc, Scenario), FileError> {
    load_scenario_noting(path, library).map(|(doc, scenario, _)| (doc, scenario))
}

/// [`load_scenario`], also saying what was migrated from an older format version.
pub fn load_scenario_noting(
    path: &Path,
    library: &PresetLibrary,
) -> Result<(ScenarioDoc, Scenario, Option<Migration>), FileError> {
    let label = path.display().to_string();
    let text = read_text(path)?;
    let (doc, migration) = parse_scenario_noting(&label, &text)?;
    let scenario = resolve_in_file(&label, &text, &doc, library)?;
    Ok((doc, scenario, migration))
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

/// Writes a file atomically: a temporary file in the same folder, flushed and synced, then
/// renamed over the target, so a crash or a full disk mid-save leaves the old file whole.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    write_atomically_with(path, bytes, |file, bytes| file.write_all(bytes))
}

/// [`write_atomically`] with the step that writes the bytes given, so tests can make it fail
/// half-way as a full disk would.
fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let label = path.display().to_string();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        write(&mut file, bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        FileError::new(&label, format!("cannot save: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("hashwatt-io-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn a_save_that_fails_half_way_leaves_the_old_file_whole() {
        let dir = temp_dir("half");
        let path = dir.join("site.ron");
        let old = scenario_to_ron(&ScenarioDoc::default());
        std::fs::write(&path, &old).expect("old file");
        let doc = ScenarioDoc {
            name: "new and longer".repeat(100),
            ..ScenarioDoc::default()
        };
        let new = scenario_to_ron(&doc);

        let error = write_atomically_with(&path, new.as_bytes(), |file, bytes| {
            file.write_all(&bytes[..bytes.len() / 2])?;
            Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ))
        })
        .expect_err("the writer failed");

        assert_eq!(
            error.to_string(),
            format!("{}: cannot save: no space left on device", path.display())
        );
        assert_eq!(std::fs::read_to_string(&path).expect("old file"), old);
        // The half-written temporary file is gone.
        let left: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("site.ron")]);

        // The same save with a working writer replaces it.
        write_atomically(&path, new.as_bytes()).expect("save");
        assert_eq!(std::fs::read_to_string(&path).expect("new file"), new);
    }

    #[test]
    fn a_save_into_a_missing_folder_says_why() {
        let path = temp_dir("missing").join("no-such-folder").join("a.ron");
        let error = write_atomically(&path, b"x").expect_err("no folder");
        assert!(
            error.message.starts_with("cannot save: "),
            "{}",
            error.message
        );
        assert!(!path.exists());
    }
}
