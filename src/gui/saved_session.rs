//! The saved session file (eframe's `app.ron`). eframe quietly drops a file it cannot read and
//! overwrites it at the next autosave; before that happens, an unreadable file is set aside
//! under a new name so nothing in it is lost, and the app says so.

use super::Session;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The file eframe keeps the session in, inside its storage folder.
pub const FILE_NAME: &str = "app.ron";

/// A saved session that could not be read and was moved aside.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub error: String,
}

/// Checks `dir/app.ron`; if it cannot be read as a session, renames it to
/// `app.ron.unreadable-<stamp>` (keeping every earlier one) and says why.
pub fn set_aside_if_unreadable(dir: &Path, stamp: &str) -> Option<SetAside> {
    let path = dir.join(FILE_NAME);
    let text = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return set_aside(&path, stamp, format!("cannot read it: {e}")),
    };
    let error = problem(&text)?;
    set_aside(&path, stamp, error)
}

/// Why the bytes of a saved session are unreadable, or `None` when they are fine.
pub fn problem(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("it is not UTF-8 text".to_string());
    };
    let entries: HashMap<String, String> = match ron::from_str(text) {
        Ok(entries) => entries,
        Err(e) => return Some(e.to_string()),
    };
    let session = entries.get(eframe::APP_KEY)?;
    ron::from_str::<Session>(session)
        .err()
        .map(|e| format!("the session entry: {e}"))
}

fn set_aside(path: &Path, stamp: &str, error: String) -> Option<SetAside> {
    let mut moved_to = path.with_file_name(format!("{FILE_NAME}.unreadable-{stamp}"));
    let mut n = 1;
    while moved_to.exists() {
        n += 1;
        moved_to = path.with_file_name(format!("{FILE_NAME}.unreadable-{stamp}-{n}"));
    }
    match std::fs::rename(path, &moved_to) {
        Ok(()) => Some(SetAside { moved_to, error }),
        // If it cannot be moved, eframe will overwrite it: say so rather than hide it.
        Err(e) => Some(SetAside {
            moved_to: path.to_path_buf(),
            error: format!("{error}; it could not be moved aside ({e})"),
        }),
    }
}

/// A file-name-safe stamp of the current time in UTC, e.g. `2026-11-21T101500`.
pub fn stamp_now() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let date = crate::model::date::Date::from_days_since_epoch((secs / 86_400) as i64);
    let s = secs % 86_400;
    format!("{date}T{:02}{:02}{:02}", s / 3600, s % 3600 / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "hashwatt-saved-session-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn saved(session: &Session) -> String {
        let mut entries = HashMap::new();
        entries.insert(
            eframe::APP_KEY.to_string(),
            ron::to_string(session).expect("session serializes"),
        );
        entries.insert("window".to_string(), "(x: 1)".to_string());
        ron::to_string(&entries).expect("map serializes")
    }

    #[test]
    fn a_readable_session_stays_where_it_is() {
        let dir = temp_dir("ok");
        let mut session = Session::default();
        session.doc.name = "kept".into();
        std::fs::write(dir.join(FILE_NAME), saved(&session)).expect("write");
        assert_eq!(set_aside_if_unreadable(&dir, "s"), None);
        assert!(dir.join(FILE_NAME).exists());
        // No file at all is fine too.
        assert_eq!(set_aside_if_unreadable(&temp_dir("none"), "s"), None);
    }

    #[test]
    fn a_corrupt_file_is_renamed_with_its_bytes_intact() {
        let dir = temp_dir("corrupt");
        let bytes = b"{\"app\": \"(doc: (name: \\\"half";
        std::fs::write(dir.join(FILE_NAME), bytes).expect("write");
        let aside = set_aside_if_unreadable(&dir, "2026-11-21T101500").expect("set aside");
        assert_eq!(
            aside.moved_to,
            dir.join("app.ron.unreadable-2026-11-21T101500")
        );
        assert!(!dir.join(FILE_NAME).exists());
        assert_eq!(std::fs::read(&aside.moved_to).expect("moved"), bytes);

        // A second corrupt file the same second does not overwrite the first.
        std::fs::write(dir.join(FILE_NAME), b"\xff\xfe").expect("write");
        let second = set_aside_if_unreadable(&dir, "2026-11-21T101500").expect("set aside");
        assert_eq!(
            second.moved_to,
            dir.join("app.ron.unreadable-2026-11-21T101500-2")
        );
        assert_eq!(second.error, "it is not UTF-8 text");
        assert_eq!(std::fs::read(&aside.moved_to).expect("first kept"), bytes);
    }

    #[test]
    fn a_session_entry_that_does_not_parse_is_unreadable() {
        let mut entries = HashMap::new();
        entries.insert(
            eframe::APP_KEY.to_string(),
            "(doc: (site: (pue: \"high\")))".to_string(),
        );
        let text = ron::to_string(&entries).expect("map serializes");
        let why = problem(text.as_bytes()).expect("unreadable");
        assert!(why.starts_with("the session entry: "), "{why}");
        // Other keys (the window's) do not matter.
        assert_eq!(problem(saved(&Session::default()).as_bytes()), None);
    }
}
