//! Reading and writing the files hashwatt is handed and keeps: text read whole with its
//! size capped and only from regular files, and every write atomic.

use crate::file_error::FileError;
use crate::problem::{FileKind, Problem};
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

/// Reads text from a stream (standard input) as [`read_text`] reads a file: capped at
/// [`MAX_FILE_BYTES`], UTF-8, normalized; `label` names it in messages.
pub fn read_stream(label: &str, reader: impl Read) -> Result<String, FileError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::new(label, Problem::CannotRead(e.to_string())))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::new(
            label,
            Problem::TooLarge {
                kib: MAX_FILE_BYTES / 1024,
            },
        ));
    }
    if bytes.is_empty() {
        return Err(FileError::new(label, Problem::Empty));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        FileError::new(
            label,
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
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Writes a file atomically: a temporary file in the same folder (unnamed on Linux, so a killed
/// writer leaves nothing behind), written, synced, then renamed over the target and the folder
/// synced, so a crash or a full disk mid-save leaves the old file whole.
///
/// The file keeps its permissions (a 0600 file stays 0600). A symbolic link stays a link: the
/// file it points to is replaced (for a dangling link, the file it names is created). A file
/// with several hard links becomes a new file under this name; the other names keep the old
/// content, as with any save by rename.
///
/// Refused, naming the file: a target that is not a regular file (a device, a FIFO, a folder,
/// also at the end of a link), since a rename would turn it into one; and a target its owner
/// made read-only, since a rename needs only the folder's permission and would replace it
/// anyway. [`write_atomically_replacing`] replaces a read-only file once the user has agreed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    write_atomically_with(path, bytes, Replace::OnlyWritable, |file, bytes| {
        file.write_all(bytes)
    })
}

/// [`write_atomically`] that also replaces a read-only file: for the window, after asking.
pub fn write_atomically_replacing(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    write_atomically_with(path, bytes, Replace::EvenReadOnly, |file, bytes| {
        file.write_all(bytes)
    })
}

/// Whether a save may replace a file that is not writable for the one saving.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    OnlyWritable,
    EvenReadOnly,
}

/// [`write_atomically`] with the step that writes the bytes given, so tests can make it fail
/// half-way as a full disk would.
fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    replace: Replace,
    write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let label = path.display().to_string();
    let target = follow_links(path)
        .map_err(|e| FileError::new(&label, Problem::CannotSave(e.to_string())))?;
    if let Ok(existing) = std::fs::metadata(&target) {
        if let Some(kind) = irregular_kind(&existing.file_type()) {
            return Err(FileError::new(&label, Problem::SaveNotRegular(kind)));
        }
        if replace == Replace::OnlyWritable && !may_write(&target, &existing) {
            return Err(FileError::new(&label, Problem::ReadOnly));
        }
    }
    remove_stale_temporaries(&target);
    let result = (|| {
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

/// Whether the one saving may write `path` itself, as the system would decide for an open for
/// writing. Root may write anything, so for root a file counts as read-only when no one at all
/// has the write bit (as `chmod a-w` leaves it).
fn may_write(path: &Path, meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            return meta.permissions().mode() & 0o222 != 0;
        }
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return true;
        };
        // SAFETY: c_path is a valid NUL-terminated string that outlives the call.
        unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        !meta.permissions().readonly()
    }
}

/// How long a temporary file of ours must have been left before a later save removes it: a save
/// in another window may be between its link and its rename right now.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes what a save killed between its link and its rename left beside `target`: regular
/// files named `.NAME.XXXXXX` (six letters or digits, the temporary names this writer uses),
/// owned by the one saving, and untouched for a minute. Nothing else is ever removed.
fn remove_stale_temporaries(target: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        let me = unsafe { libc::geteuid() };
        for (path, suffix, meta) in temporaries_beside(target) {
            let stale = meta
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age >= STALE_TEMPORARY);
            let named_ours = suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric());
            if named_ours && meta.file_type().is_file() && meta.uid() == me && stale {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// Removes what a failed commit left beside `target`: a `.NAME.XXXXXX` entry that is the
/// temporary file itself (the same inode), never anything else.
fn remove_temporary(target: &Path, temporary: &std::fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        for (path, _, meta) in temporaries_beside(target) {
            if meta.dev() == temporary.dev() && meta.ino() == temporary.ino() {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    #[cfg(not(unix))]
    let _ = (target, temporary);
}

/// The entries beside `target` named `.NAME.` and something (the temporary names a save
/// uses), with that something and their own metadata (a link is not followed).
#[cfg(unix)]
fn temporaries_beside(target: &Path) -> Vec<(std::path::PathBuf, String, std::fs::Metadata)> {
    let Some(name) = target.file_name() else {
        return Vec::new();
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let suffix = file_name.strip_prefix(&prefix)?.to_string();
            let meta = std::fs::symlink_metadata(entry.path()).ok()?;
            Some((entry.path(), suffix, meta))
        })
        .collect()
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
    use crate::scenario_file::ScenarioDoc;
    use crate::scenario_io::scenario_to_ron;
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

        let error = write_atomically_with(
            &path,
            new.as_bytes(),
            Replace::OnlyWritable,
            |file, bytes| {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(std::io::Error::new(
                    std::io::ErrorKind::StorageFull,
                    "no space left on device",
                ))
            },
        )
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

    #[cfg(unix)]
    #[test]
    fn a_save_never_replaces_a_device_a_fifo_or_a_folder() {
        use std::os::unix::fs::FileTypeExt;
        let dir = temp_dir("irregular");
        // A link to /dev/null: following it must not turn the device into a file.
        let link = dir.join("out.pdf");
        std::os::unix::fs::symlink("/dev/null", &link).expect("symlink");
        let error = write_atomically(&link, b"%PDF").expect_err("a device");
        assert_eq!(
            error.to_string(),
            format!(
                "{}: cannot save: it is not a regular file (a device), and a save would replace it with one",
                link.display()
            )
        );
        let null = std::fs::metadata("/dev/null").expect("/dev/null");
        assert!(
            null.file_type().is_char_device(),
            "/dev/null is still a device"
        );

        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(made.success());
        let error = write_atomically(&fifo, b"x").expect_err("a FIFO");
        assert!(matches!(
            *error.problem,
            Problem::SaveNotRegular(FileKind::Fifo)
        ));
        assert!(
            std::fs::symlink_metadata(&fifo)
                .expect("fifo")
                .file_type()
                .is_fifo()
        );

        let folder = dir.join("folder");
        std::fs::create_dir(&folder).expect("folder");
        let error = write_atomically(&folder, b"x").expect_err("a folder");
        assert!(matches!(
            *error.problem,
            Problem::SaveNotRegular(FileKind::Directory)
        ));
        assert!(folder.is_dir());
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_replaced_only_when_asked() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp_dir("readonly");
        let path = dir.join("locked.pdf");
        std::fs::write(&path, b"old").expect("old file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");

        let error = write_atomically(&path, b"new").expect_err("read-only");
        assert_eq!(
            error.to_string(),
            format!(
                "{}: cannot save: the file is read-only; make it writable, or save under another name",
                path.display()
            )
        );
        assert_eq!(std::fs::read(&path).expect("kept"), b"old");
        assert!(
            error
                .localized(crate::i18n::Lang::Zh)
                .contains("文件是只读的")
        );

        write_atomically_replacing(&path, b"new").expect("the user agreed");
        assert_eq!(std::fs::read(&path).expect("replaced"), b"new");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o444, "it stays read-only");
    }

    #[cfg(unix)]
    #[test]
    fn a_save_removes_only_stale_temporaries_of_its_own_name() {
        let dir = temp_dir("leftovers");
        let path = dir.join("site.ron");
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |name: &str, old: bool| {
            let p = dir.join(name);
            let f = std::fs::File::create(&p).expect("create");
            if old {
                f.set_modified(hour_ago).expect("mtime");
            }
            p
        };
        let stale = make(".site.ron.Ab12Cd", true);
        let fresh = make(".site.ron.Zz99Yy", false);
        let other_name = make(".other.ron.Ab12Cd", true);
        let longer = make(".site.ron.Ab12Cd7", true);
        let not_alnum = make(".site.ron.Ab-2Cd", true);

        write_atomically(&path, b"saved").expect("save");

        assert!(!stale.exists(), "a stale temporary of this name is removed");
        for kept in [&fresh, &other_name, &longer, &not_alnum] {
            assert!(kept.exists(), "{} is kept", kept.display());
        }
        assert_eq!(std::fs::read(&path).expect("saved"), b"saved");
    }
}
