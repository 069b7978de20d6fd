//! The saved session file (eframe's `app.ron`). eframe quietly drops a file it cannot read and
//! overwrites it at the next autosave; before that happens, an unreadable file is set aside
//! under a new name so nothing in it is lost, and the app says so.

use super::Session;
use eframe::egui;
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

/// The largest saved session read; a bigger file is set aside unread (eframe would read it whole).
pub const MAX_BYTES: u64 = 16 * 1024 * 1024;

/// The key eframe keeps egui's memory (options, zoom, panel sizes) under in `app.ron`.
pub const EGUI_KEY: &str = "egui";

/// The zoom factors egui itself allows (its keyboard zoom's bounds, `gui_zoom`); a saved zoom
/// outside them (0, NaN, 1e6) makes the window's scale factor invalid and winit panics.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.2..=5.0;

/// Checks `dir/app.ron`; if it cannot be read as a session, renames it to
/// `app.ron.unreadable-<stamp>` (keeping every earlier one) and says why.
pub fn set_aside_if_unreadable(dir: &Path, stamp: &str) -> Option<SetAside> {
    let path = dir.join(FILE_NAME);
    let text = match read_capped(&path, MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(Unreadable::Missing) => return None,
        Err(Unreadable::Why(why)) => return set_aside(&path, stamp, why),
    };
    let error = problem(&text)?;
    set_aside(&path, stamp, error)
}

enum Unreadable {
    Missing,
    Why(String),
}

/// Reads at most `max_bytes` of a regular file. A FIFO would block and a link to `/dev/zero`
/// would never end, so anything but a regular file is refused before it is opened.
// Once `scenario_io::read_text_capped` exists this is a call to it.
fn read_capped(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unreadable::Missing),
        Err(e) => return Err(Unreadable::Why(format!("cannot read it: {e}"))),
    };
    if !meta.is_file() {
        return Err(Unreadable::Why("it is not a regular file".to_string()));
    }
    let too_big = || Unreadable::Why(format!("it is larger than {} MiB", max_bytes >> 20));
    if meta.len() > max_bytes {
        return Err(too_big());
    }
    let file =
        std::fs::File::open(path).map_err(|e| Unreadable::Why(format!("cannot read it: {e}")))?;
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Unreadable::Why(format!("cannot read it: {e}")))?;
    // It may have grown since it was measured.
    if bytes.len() as u64 > max_bytes {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Why the bytes of a saved session are unreadable, or `None` when they are fine: the file,
/// the app's session entry and egui's memory entry are each checked.
pub fn problem(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("it is not UTF-8 text".to_string());
    };
    let entries: HashMap<String, String> = match ron::from_str(text) {
        Ok(entries) => entries,
        Err(e) => return Some(e.to_string()),
    };
    if let Some(session) = entries.get(eframe::APP_KEY)
        && let Err(e) = ron::from_str::<Session>(session)
    {
        return Some(format!("the session entry: {e}"));
    }
    let egui_memory = entries.get(EGUI_KEY)?;
    let memory = match ron::from_str::<egui::Memory>(egui_memory) {
        Ok(memory) => memory,
        Err(e) => return Some(format!("the window's state (egui): {e}")),
    };
    let zoom = memory.options.zoom_factor;
    if !zoom.is_finite() || !ZOOM_RANGE.contains(&zoom) {
        return Some(format!(
            "the window's state (egui): the zoom factor {zoom} is not from {} to {}",
            ZOOM_RANGE.start(),
            ZOOM_RANGE.end()
        ));
    }
    let tessellation = &memory.options.tessellation_options;
    for (name, value) in [
        (
            "feathering_size_in_pixels",
            tessellation.feathering_size_in_pixels,
        ),
        ("bezier_tolerance", tessellation.bezier_tolerance),
        ("epsilon", tessellation.epsilon),
    ] {
        if !value.is_finite() || value < 0.0 {
            return Some(format!(
                "the window's state (egui): {name} {value} is not a number of 0 or more"
            ));
        }
    }
    None
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

    /// An `app.ron` with a good session and the given egui memory entry.
    fn with_egui_entry(memory: &str) -> String {
        let mut entries: HashMap<String, String> =
            ron::from_str(&saved(&Session::default())).expect("map parses");
        entries.insert(EGUI_KEY.to_string(), memory.to_string());
        ron::to_string(&entries).expect("map serializes")
    }

    #[test]
    fn a_zoom_factor_egui_refuses_sets_the_file_aside() {
        // What eframe writes normally is fine.
        let memory = ron::to_string(&egui::Memory::default()).expect("memory serializes");
        assert_eq!(problem(with_egui_entry(&memory).as_bytes()), None);

        for (zoom, shown) in [
            ("0.0", "0"),
            ("NaN", "NaN"),
            ("1e6", "1000000"),
            ("inf", "inf"),
        ] {
            let dir = temp_dir(&format!("zoom-{zoom}"));
            let text = with_egui_entry(&format!("(options: (zoom_factor: {zoom}))"));
            std::fs::write(dir.join(FILE_NAME), &text).expect("write");
            let aside = set_aside_if_unreadable(&dir, "t").expect("set aside");
            assert_eq!(
                aside.error,
                format!("the window's state (egui): the zoom factor {shown} is not from 0.2 to 5")
            );
            assert!(!dir.join(FILE_NAME).exists(), "eframe will not see it");
            assert_eq!(
                std::fs::read_to_string(&aside.moved_to).expect("kept"),
                text
            );
        }
    }

    #[test]
    fn an_egui_entry_that_does_not_parse_sets_the_file_aside() {
        let why = problem(with_egui_entry("(options: (zoom_factor: \"big\"))").as_bytes())
            .expect("unreadable");
        assert!(why.starts_with("the window's state (egui): "), "{why}");
        let why = problem(
            with_egui_entry("(options: (tessellation_options: (bezier_tolerance: NaN)))")
                .as_bytes(),
        );
        assert_eq!(
            why.as_deref(),
            Some("the window's state (egui): bezier_tolerance NaN is not a number of 0 or more")
        );
    }

    #[test]
    fn a_link_to_a_device_is_set_aside_unread() {
        let dir = temp_dir("device");
        std::os::unix::fs::symlink("/dev/zero", dir.join(FILE_NAME)).expect("symlink");
        let aside = set_aside_if_unreadable(&dir, "t").expect("set aside");
        assert_eq!(aside.error, "it is not a regular file");
        assert_eq!(aside.moved_to, dir.join("app.ron.unreadable-t"));
        // The link itself was moved; it still points at the device.
        assert_eq!(
            std::fs::read_link(&aside.moved_to).expect("a link"),
            PathBuf::from("/dev/zero")
        );
    }

    #[test]
    fn a_fifo_is_set_aside_without_blocking() {
        let dir = temp_dir("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join(FILE_NAME))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let aside = set_aside_if_unreadable(&dir, "t").expect("set aside");
        assert_eq!(aside.error, "it is not a regular file");
    }

    #[test]
    fn a_file_over_the_cap_is_not_read() {
        let dir = temp_dir("big");
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, vec![b' '; 3 << 20]).expect("write");
        match read_capped(&path, 2 << 20) {
            Err(Unreadable::Why(why)) => assert_eq!(why, "it is larger than 2 MiB"),
            _ => panic!("a file over the cap must be refused"),
        }
        assert!(matches!(read_capped(&path, 4 << 20), Ok(bytes) if bytes.len() == 3 << 20));
        assert_eq!(MAX_BYTES, 16 * 1024 * 1024);
    }
}
