//! Reading and writing scenario files (and the text of any file the user hands us).

use crate::file_error::{FileError, parse_ron, ron_options};
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

/// Parses a scenario document and checks its format version.
pub fn parse_scenario(path: &str, text: &str) -> Result<ScenarioDoc, FileError> {
    let doc: ScenarioDoc = parse_ron(path, text)?;
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
    Ok(doc)
}

/// Resolves a parsed document, locating any error in the file's text.
pub fn resolve_in_file(
    path: &str,
    text: &str,
    doc: &ScenarioDoc,
    library: &PresetLibrary,
) -> Result<Scenario, FileError> {
    doc.resolve(library)
        .map_err(|e| FileError::at_field(path, text, &e.field, e.value.as_deref(), e.message))
}

/// Reads, parses and resolves a scenario file.
pub fn load_scenario(
    path: &Path,
    library: &PresetLibrary,
) -> Result<(ScenarioDoc, Scenario), FileError> {
    let label = path.display().to_string();
    let text = read_text(path)?;
    let doc = parse_scenario(&label, &text)?;
    let scenario = resolve_in_file(&label, &text, &doc, library)?;
    Ok((doc, scenario))
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
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        FileError::new(&label, format!("cannot save: {e}"))
    })
}
