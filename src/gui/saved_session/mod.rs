//! The saved session file (eframe's `app.ron`). eframe quietly drops a file it cannot read and
//! overwrites it at the next autosave; before that happens, an unreadable file is set aside
//! under a new name so nothing in it is lost, and the app says so.

use super::Session;
use super::widgets::{input_range, range};
use crate::i18n::{Lang, fill};
use crate::inputs::Input;
use crate::model::{EnergySource, Levers, NetworkSpec, SubsidySpec, limits};
use crate::problem::Problem;
use eframe::egui;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod clamp;
pub use clamp::*;

/// The file eframe keeps the session in, inside its storage folder.
pub const FILE_NAME: &str = "app.ron";

/// A saved session that could not be read and was moved aside.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub moved_to: PathBuf,
    pub error: Unreadable,
}

/// Why a saved session cannot be used, said in either language.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub enum Unreadable {
    /// The file reader's problem (not a regular file, too large, not UTF-8 text).
    File(Problem),
    NotUtf8,
    /// The RON reader's own words about the file, the app's entry or egui's entry.
    Syntax(String),
    SessionEntry(String),
    EguiEntry(String),
    Zoom(f32),
    Tessellation {
        name: &'static str,
        value: f32,
    },
    /// It could not even be moved aside (the system's words), so eframe will overwrite it.
    NotMoved {
        error: Box<Unreadable>,
        why: String,
    },
}

impl Unreadable {
    /// The reason in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &crate::i18n::strings(lang).files;
        match self {
            Unreadable::File(problem) => problem.localized(lang),
            Unreadable::NotUtf8 => t.session_not_utf8.to_string(),
            Unreadable::Syntax(text) => text.clone(),
            Unreadable::SessionEntry(text) => fill(t.session_entry, &[("error", text)]),
            Unreadable::EguiEntry(text) => fill(t.session_egui, &[("error", text)]),
            Unreadable::Zoom(zoom) => fill(
                t.session_zoom,
                &[
                    ("zoom", &zoom.to_string()),
                    ("min", &ZOOM_RANGE.start().to_string()),
                    ("max", &ZOOM_RANGE.end().to_string()),
                ],
            ),
            Unreadable::Tessellation { name, value } => fill(
                t.session_tessellation,
                &[("name", name), ("value", &value.to_string())],
            ),
            Unreadable::NotMoved { error, why } => fill(
                t.session_not_moved,
                &[("error", &error.localized(lang)), ("why", why)],
            ),
        }
    }
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
    let text = match read_or_set_aside(&path, stamp) {
        Ok(Some(text)) => text,
        Ok(None) => return None,
        Err(aside) => return Some(aside),
    };
    let error = problem(text.as_bytes())?;
    Some(set_aside(&path, stamp, error))
}

/// A session file's text; `Ok(None)` when there is none, and a file that cannot be read is
/// set aside. The one reader: regular files only (a FIFO would block, a link to /dev/zero
/// never end), at most [`MAX_BYTES`].
pub(super) fn read_or_set_aside(path: &Path, stamp: &str) -> Result<Option<String>, SetAside> {
    match crate::file_io::read_text_capped(path, MAX_BYTES) {
        Ok(text) => Ok(Some(text)),
        Err(e) if *e.problem == crate::problem::Problem::NoSuchFile => Ok(None),
        Err(e) => Err(set_aside(path, stamp, Unreadable::File(*e.problem))),
    }
}

/// Why the bytes of a saved session are unreadable, or `None` when they are fine: the file,
/// the app's session entry and egui's memory entry are each checked.
pub fn problem(bytes: &[u8]) -> Option<Unreadable> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some(Unreadable::NotUtf8);
    };
    let entries: HashMap<String, String> = match ron::from_str(text) {
        Ok(entries) => entries,
        Err(e) => return Some(Unreadable::Syntax(e.to_string())),
    };
    if let Some(session) = entries.get(eframe::APP_KEY)
        && let Err(e) = ron::from_str::<Session>(session)
    {
        return Some(Unreadable::SessionEntry(e.to_string()));
    }
    let egui_memory = entries.get(EGUI_KEY)?;
    let memory = match ron::from_str::<egui::Memory>(egui_memory) {
        Ok(memory) => memory,
        Err(e) => return Some(Unreadable::EguiEntry(e.to_string())),
    };
    let zoom = memory.options.zoom_factor;
    if !zoom.is_finite() || !ZOOM_RANGE.contains(&zoom) {
        return Some(Unreadable::Zoom(zoom));
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
            return Some(Unreadable::Tessellation { name, value });
        }
    }
    None
}

/// Moves an unreadable session file to `NAME.unreadable-<stamp>` beside it (keeping every
/// earlier one) and says why (also when it could not be moved).
pub(super) fn set_aside(path: &Path, stamp: &str, error: Unreadable) -> SetAside {
    let name = path
        .file_name()
        .map_or_else(|| FILE_NAME.into(), |n| n.to_string_lossy());
    let mut moved_to = path.with_file_name(format!("{name}.unreadable-{stamp}"));
    let mut n = 1;
    while moved_to.exists() {
        n += 1;
        moved_to = path.with_file_name(format!("{name}.unreadable-{stamp}-{n}"));
    }
    match std::fs::rename(path, &moved_to) {
        Ok(()) => SetAside { moved_to, error },
        // If it cannot be moved, eframe will overwrite it: say so rather than hide it.
        Err(e) => SetAside {
            moved_to: path.to_path_buf(),
            error: Unreadable::NotMoved {
                error: Box::new(error),
                why: e.to_string(),
            },
        },
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
    use crate::scenario_file::ScenarioDoc;

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
        assert_eq!(
            second.error.to_string(),
            "the file is not UTF-8 text (invalid byte at offset 0)"
        );
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
        assert!(why.to_string().starts_with("the session entry: "), "{why}");
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
                aside.error.to_string(),
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
        assert!(
            why.to_string().starts_with("the window's state (egui): "),
            "{why}"
        );
        let why = problem(
            with_egui_entry("(options: (tessellation_options: (bezier_tolerance: NaN)))")
                .as_bytes(),
        );
        assert_eq!(
            why.map(|w| w.to_string()).as_deref(),
            Some("the window's state (egui): bezier_tolerance NaN is not a number of 0 or more")
        );
    }

    #[test]
    fn a_link_to_a_device_is_set_aside_unread() {
        let dir = temp_dir("device");
        std::os::unix::fs::symlink("/dev/zero", dir.join(FILE_NAME)).expect("symlink");
        let aside = set_aside_if_unreadable(&dir, "t").expect("set aside");
        assert_eq!(
            aside.error.to_string(),
            "cannot open the file: it is not a regular file (a device)"
        );
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
        assert_eq!(
            aside.error.to_string(),
            "cannot open the file: it is not a regular file (a FIFO)"
        );
    }

    #[test]
    fn a_file_over_the_cap_is_not_read() {
        let dir = temp_dir("big");
        let path = dir.join(FILE_NAME);
        std::fs::write(&path, vec![b' '; 3 << 20]).expect("write");
        let read = |cap| crate::file_io::read_text_capped(&path, cap);
        assert_eq!(
            read(2 << 20).expect_err("over the cap").problem.to_string(),
            "the file is larger than 2048 KiB; a hashwatt file is far smaller"
        );
        assert!(matches!(read(4 << 20), Ok(text) if text.len() == 3 << 20));
        assert_eq!(MAX_BYTES, 16 * 1024 * 1024);
    }

    #[test]
    fn every_kind_of_field_is_brought_in_range() {
        use crate::model::levers::Curtailment;
        let mut session = Session::default();
        let doc = &mut session.doc;
        doc.fleet[0].hashrate_ths = Some(f64::NAN);
        doc.market.network = Some(NetworkSpec::Difficulty(-1.0));
        doc.market.subsidy = Some(SubsidySpec::BlockHeight(u64::MAX));
        doc.projection.months = 0;
        doc.projection.difficulty_growth_pct_per_year = -100.0;
        doc.levers.curtailment = Some(Curtailment {
            hours_per_year: f64::NAN,
            ..Curtailment::default()
        });
        session.pinned.push(super::super::Pinned {
            name: "p".into(),
            doc: ScenarioDoc {
                hardware_life_years: f64::NEG_INFINITY,
                ..ScenarioDoc::default()
            },
            title: None,
            path: None,
        });
        session.rank_max_intensity = Some(1e9);
        let changed = clamp_session(&mut session);
        assert_eq!(
            changed,
            [
                "fleet[0].hashrate_ths",
                "market.network",
                "market.subsidy",
                "projection.months",
                "projection.difficulty_growth_pct_per_year",
                "levers.curtailment.hours_per_year",
                "pinned[0].hardware_life_years",
                "rank_max_intensity",
            ]
        );
        let doc = &session.doc;
        assert_eq!(doc.fleet[0].hashrate_ths, None, "NaN: the preset's value");
        assert_eq!(doc.market.network, Some(NetworkSpec::Difficulty(1.0)));
        assert_eq!(
            doc.market.subsidy,
            Some(SubsidySpec::BlockHeight(1_000_000_000))
        );
        assert_eq!(doc.projection.months, 1);
        assert_eq!(doc.projection.difficulty_growth_pct_per_year, -99.0);
        assert_eq!(
            doc.levers.curtailment.map(|c| c.hours_per_year),
            Some(Curtailment::default().hours_per_year)
        );
        assert!(session.pinned[0].doc.hardware_life_years > 0.0);
        assert_eq!(session.rank_max_intensity, Some(2000.0));
        // Everything in range now: a second pass changes nothing.
        assert!(clamp_session(&mut session).is_empty());
        assert!(clamp_session(&mut Session::default()).is_empty());
    }
}
