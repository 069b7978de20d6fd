//! Reading and writing scenario files (and the text of any file the user hands us).

use crate::file_error::{FileError, locate_field, parse_ron, ron_options};
use crate::model::Scenario;
use crate::presets::PresetLibrary;
use crate::problem::{Change, FileKind, Problem};
use crate::scenario_file::{SCENARIO_VERSION, ScenarioDoc};
use std::io::Read;
use std::path::Path;

/// Files larger than this are refused before they are read whole: no scenario or preset comes
/// near it, and it keeps a wrong file (a video, a disk image) from eating memory.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Reads a file as UTF-8 text, refusing missing, oversized, binary and non-regular files
/// (a FIFO, a directory, a device, a socket) with a clear message. The text comes back as
/// [`normalize_text`] leaves it: no byte-order mark, no lone CR.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    read_text_capped(path, MAX_FILE_BYTES)
}

/// [`read_text`] with the size cap given: for files hashwatt keeps for itself that may grow
/// past a scenario's size (the window's saved session).
pub fn read_text_capped(path: &Path, max_bytes: u64) -> Result<String, FileError> {
    let label = path.display().to_string();
    let cannot_open = |e: std::io::Error| {
        let problem = match e.kind() {
            std::io::ErrorKind::NotFound => Problem::NoSuchFile,
            std::io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
            _ => Problem::CannotOpen(e.to_string()),
        };
        FileError::new(&label, problem)
    };
    let not_regular = |kind: FileKind| FileError::new(&label, Problem::NotRegular(kind));
    // Checked before opening: opening a FIFO waits for a writer, reading a device never ends.
    let before = std::fs::metadata(path).map_err(cannot_open)?;
    if let Some(kind) = irregular_kind(&before.file_type()) {
        return Err(not_regular(kind));
    }
    let file = open_without_waiting(path).map_err(cannot_open)?;
    // And again on the opened handle: the path may have been swapped in between.
    let opened = file.metadata().map_err(cannot_open)?;
    if let Some(kind) = irregular_kind(&opened.file_type()) {
        return Err(not_regular(kind));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::new(&label, Problem::CannotRead(e.to_string())))?;
    if bytes.len() as u64 > max_bytes {
        return Err(FileError::new(
            &label,
            Problem::TooLarge {
                kib: max_bytes / 1024,
            },
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            &label,
            Problem::NotUtf8 {
                offset: e.utf8_error().valid_up_to(),
            },
        )
    })?;
    Ok(normalize_text(text))
}

/// Text as the parsers expect it: without the byte-order mark some editors put first, and with
/// old Mac line ends (a lone CR) made LF, so errors point at the right line.
pub fn normalize_text(text: String) -> String {
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if !text.contains('\r') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn irregular_kind(file_type: &std::fs::FileType) -> Option<FileKind> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some(FileKind::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some(FileKind::Fifo);
        }
        if file_type.is_socket() {
            return Some(FileKind::Socket);
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return Some(FileKind::Device);
        }
    }
    Some(FileKind::Special)
}

/// Opens for reading without blocking on a FIFO that appeared after the metadata check (the
/// handle is then checked and refused). Reading a regular file is unaffected by the flag.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    options.open(path)
}

// `libc` is not a dependency for one constant; the value differs by platform.
#[cfg(all(
    any(target_os = "linux", target_os = "android"),
    not(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "mips32r6",
        target_arch = "mips64r6",
        target_arch = "sparc",
        target_arch = "sparc64"
    ))
))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
))]
const O_NONBLOCK: i32 = 0x4;
// Elsewhere only the metadata checks guard against a FIFO.
#[cfg(all(
    unix,
    not(any(
        all(
            any(target_os = "linux", target_os = "android"),
            not(any(
                target_arch = "mips",
                target_arch = "mips64",
                target_arch = "mips32r6",
                target_arch = "mips64r6",
                target_arch = "sparc",
                target_arch = "sparc64"
            ))
        ),
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ))
))]
const O_NONBLOCK: i32 = 0;

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
    let mut doc: ScenarioDoc = parse_ron(path, text).map_err(without_old_names)?;
    if doc.version > SCENARIO_VERSION {
        return Err(FileError::at_field(
            path,
            text,
            "version",
            None,
            Problem::NewerVersion {
                found: doc.version,
                supported: SCENARIO_VERSION,
            },
        ));
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
    let mut error = FileError::at_field(path, text, field, e.value.as_deref(), e.problem);
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

/// Writes a file atomically: a temporary file in the same folder (unnamed on Linux, so a killed
/// writer leaves nothing behind), written, synced, then renamed over the target and the folder
/// synced, so a crash or a full disk mid-save leaves the old file whole.
///
/// The file keeps its permissions (a 0600 file stays 0600). A symbolic link stays a link: the
/// file it points to is replaced (for a dangling link, the file it names is created). A file
/// with several hard links becomes a new file under this name; the other names keep the old
/// content, as with any save by rename.
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
    let result = (|| {
        let target = follow_links(path)?;
        let mut file = atomic_write_file::AtomicWriteFile::options().open(&target)?;
        // A failure before the commit drops the temporary file, which removes it.
        write(&mut file, bytes)?;
        let temporary = file.as_file().metadata()?;
        file.commit().inspect_err(|_| {
            // A commit that fails at the rename (the target is a folder, say) leaves the
            // temporary file under a name of its own: remove it.
            remove_temporary(&target, &temporary);
        })
    })();
    result.map_err(|e| FileError::new(&label, Problem::CannotSave(e.to_string())))
}

/// Removes what a failed commit left beside `target`: a `.NAME.XXXXXX` entry that is the
/// temporary file itself (the same inode), never anything else.
fn remove_temporary(target: &Path, temporary: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Some(name) = target.file_name() else {
            return;
        };
        let prefix = format!(".{}.", name.to_string_lossy());
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let is_ours = entry.file_name().to_string_lossy().starts_with(&prefix)
                && std::fs::symlink_metadata(entry.path())
                    .is_ok_and(|m| m.dev() == temporary.dev() && m.ino() == temporary.ino());
            if is_ours {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (target, temporary);
}

/// The file a save to `path` should replace: `path` itself, or the end of its chain of
/// symbolic links (whether or not that file exists yet).
fn follow_links(path: &Path) -> std::io::Result<std::path::PathBuf> {
    // As the system's own limit on links followed in one lookup (Linux's is 40).
    const MAX_LINKS: usize = 40;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                // A relative target is relative to the link's folder.
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
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
            matches!(*error.problem, Problem::CannotSave(_)),
            "{}",
            error.problem
        );
        assert!(error.to_string().contains(": cannot save: "), "{error}");
        assert!(!path.exists());
    }
}
