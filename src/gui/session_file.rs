//! The window's session (the scenario, recent files, approved hosts) in a file of its own,
//! `session.ron`, written atomically: eframe writes its `app.ron` in place, so a kill during
//! its save leaves it empty. `app.ron` keeps only what is cheap to lose (egui's memory and the
//! window's geometry), and its geometry is checked before eframe applies it.

use super::Session;
use super::saved_session::{SetAside, Unreadable, read_or_set_aside, set_aside};
use crate::file_error::FileError;
use crate::i18n::{Lang, fill};
use std::collections::HashMap;
use std::path::Path;

/// The session's file, beside eframe's `app.ron` in the app's storage folder.
pub const FILE_NAME: &str = "session.ron";

/// What was found in the storage folder.
#[derive(Debug)]
pub enum Loaded {
    Session(Box<Session>),
    /// No session file (a first start, or a session still kept in `app.ron` by an earlier
    /// version, which eframe's storage then gives).
    Missing,
    /// The file could not be read; it was moved aside.
    SetAside(SetAside),
}

/// Reads `dir/session.ron`; an unreadable file is moved aside (never overwritten unread).
pub fn load(dir: &Path, stamp: &str) -> Loaded {
    let path = dir.join(FILE_NAME);
    let text = match read_or_set_aside(&path, stamp) {
        Ok(Some(text)) => text,
        Ok(None) => return Loaded::Missing,
        Err(aside) => return Loaded::SetAside(aside),
    };
    match ron::from_str::<Session>(&text) {
        Ok(session) => Loaded::Session(Box::new(session)),
        Err(e) => Loaded::SetAside(set_aside(
            &path,
            stamp,
            Unreadable::SessionEntry(e.to_string()),
        )),
    }
}

/// The session as its file holds it.
pub fn text(session: &Session) -> String {
    ron::ser::to_string_pretty(session, ron::ser::PrettyConfig::new())
        .map(|text| text + "\n")
        .unwrap_or_default()
}

/// Writes the session atomically: a kill at any moment leaves the old file or the new one.
pub fn save(dir: &Path, text: &str) -> Result<(), FileError> {
    crate::file_io::write_atomically(&dir.join(FILE_NAME), text.as_bytes())
}

/// eframe's key for the window's position and size in `app.ron`.
pub const WINDOW_KEY: &str = "window";

/// A window size the saved geometry must reach (the window's own minimum size), and the
/// farthest a saved position may lie from the origin (beyond any desktop of monitors).
const MIN_SIZE_POINTS: [f32; 2] = [800.0, 500.0];
const MAX_POSITION_PIXELS: f32 = 32_768.0;

/// A saved geometry the window should not open with, in the user's words.
#[derive(Clone, Debug, PartialEq)]
pub enum BadGeometry {
    Size {
        width: f32,
        height: f32,
    },
    Position {
        x: f32,
        y: f32,
    },
    Scale(f32),
    /// The entry does not read as a geometry at all.
    Unreadable,
}

impl BadGeometry {
    pub fn localized(&self, lang: Lang) -> String {
        let t = &crate::i18n::strings(lang).files;
        let what = match self {
            BadGeometry::Size { width, height } => fill(
                t.geometry_size,
                &[("width", &fmt(*width)), ("height", &fmt(*height))],
            ),
            BadGeometry::Position { x, y } => {
                fill(t.geometry_position, &[("x", &fmt(*x)), ("y", &fmt(*y))])
            }
            BadGeometry::Scale(scale) => fill(t.geometry_scale, &[("scale", &fmt(*scale))]),
            BadGeometry::Unreadable => t.geometry_unreadable.to_string(),
        };
        fill(t.geometry_set_aside, &[("what", &what)])
    }
}

fn fmt(x: f32) -> String {
    crate::model::limits::fmt_value(f64::from(x))
}

/// Checks the window geometry eframe saved in `dir/app.ron`; one it should not open with
/// (a size of 0×0 or NaN, a position a billion pixels away) is removed from the file, so the
/// window opens at its usual size and place, and the answer says what was set aside.
pub fn set_aside_bad_geometry(dir: &Path) -> Option<BadGeometry> {
    let path = dir.join(super::saved_session::FILE_NAME);
    let text = crate::file_io::read_text_capped(&path, super::saved_session::MAX_BYTES).ok()?;
    let mut entries: HashMap<String, String> = ron::from_str(&text).ok()?;
    let bad = geometry_problem(entries.get(WINDOW_KEY)?)?;
    entries.remove(WINDOW_KEY);
    let rewritten = ron::to_string(&entries).ok()?;
    crate::file_io::write_atomically(&path, rewritten.as_bytes()).ok()?;
    Some(bad)
}

/// What is wrong with a saved `window` entry, or `None` when the window may open with it.
pub fn geometry_problem(entry: &str) -> Option<BadGeometry> {
    #[derive(serde::Deserialize)]
    struct Pair {
        x: f32,
        y: f32,
    }
    #[derive(serde::Deserialize)]
    struct Geometry {
        outer_position_pixels: Option<Pair>,
        scale_factor: f32,
        inner_size_points: Pair,
    }
    #[derive(serde::Deserialize)]
    struct Settings {
        normal_geometry: Geometry,
    }
    let Ok(settings) = ron::from_str::<Settings>(entry) else {
        return Some(BadGeometry::Unreadable);
    };
    let g = settings.normal_geometry;
    let size = &g.inner_size_points;
    let size_ok = |v: f32, min: f32| v.is_finite() && v >= min && v <= 1e5;
    if !size_ok(size.x, MIN_SIZE_POINTS[0]) || !size_ok(size.y, MIN_SIZE_POINTS[1]) {
        return Some(BadGeometry::Size {
            width: size.x,
            height: size.y,
        });
    }
    if let Some(p) = &g.outer_position_pixels {
        let near = |v: f32| v.is_finite() && v.abs() <= MAX_POSITION_PIXELS;
        if !near(p.x) || !near(p.y) {
            return Some(BadGeometry::Position { x: p.x, y: p.y });
        }
    }
    if !(g.scale_factor.is_finite() && (0.25..=8.0).contains(&g.scale_factor)) {
        return Some(BadGeometry::Scale(g.scale_factor));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "hashwatt-session-file-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    fn window(size: &str, position: &str, scale: &str) -> String {
        format!(
            "(normal_geometry: (outer_position_pixels: {position}, scale_factor: {scale}, \
             inner_size_points: {size}), fullscreen: false, maximized: false)"
        )
    }

    #[test]
    fn a_session_round_trips_and_an_unreadable_one_is_set_aside() {
        let dir = temp_dir("round-trip");
        assert!(matches!(load(&dir, "t"), Loaded::Missing));
        let session = Session {
            recent: vec!["/a/texas.ron".into()],
            market_api_allowed: vec!["https://mempool.space".into()],
            ..Session::default()
        };
        save(&dir, &text(&session)).expect("save");
        match load(&dir, "t") {
            Loaded::Session(loaded) => assert_eq!(*loaded, session),
            other => panic!("{other:?}"),
        }
        // A file cut short (as a kill during an in-place write leaves it) is moved aside.
        std::fs::write(dir.join(FILE_NAME), "(recent: [\"/a").expect("write");
        match load(&dir, "t") {
            Loaded::SetAside(aside) => {
                assert_eq!(aside.moved_to, dir.join("session.ron.unreadable-t"));
            }
            other => panic!("{other:?}"),
        }
        assert!(!dir.join(FILE_NAME).exists());
    }

    #[test]
    fn a_reader_during_a_save_sees_the_old_session_or_the_new() {
        let dir = temp_dir("killed");
        let old = Session {
            recent: vec!["/a/old.ron".into()],
            ..Session::default()
        };
        save(&dir, &text(&old)).expect("save");
        // Read while a large session is being written, over and over: the file always reads
        // as a whole session, old or new (an in-place write is seen cut short).
        let new = Session {
            recent: (0..2000).map(|i| format!("/a/{i}.ron").into()).collect(),
            ..Session::default()
        };
        for _ in 0..5 {
            let dir2 = dir.clone();
            let text = text(&new);
            let writer = std::thread::spawn(move || save(&dir2, &text));
            match load(&dir, "t") {
                Loaded::Session(s) => assert!(*s == old || *s == new),
                other => panic!("a reader saw {other:?}"),
            }
            writer.join().expect("writer").expect("saved");
        }
    }

    #[test]
    fn bad_geometry_is_named() {
        let good = window("(x: 1280.0, y: 820.0)", "Some((x: 40.0, y: 30.0))", "1.0");
        assert_eq!(geometry_problem(&good), None);
        assert_eq!(
            geometry_problem(&window("(x: 0.0, y: 0.0)", "None", "1.0")),
            Some(BadGeometry::Size {
                width: 0.0,
                height: 0.0
            })
        );
        assert!(matches!(
            geometry_problem(&window("(x: NaN, y: 700.0)", "None", "1.0")),
            Some(BadGeometry::Size { .. })
        ));
        assert_eq!(
            geometry_problem(&window(
                "(x: 1280.0, y: 820.0)",
                "Some((x: -1000000000.0, y: 0.0))",
                "1.0"
            )),
            Some(BadGeometry::Position { x: -1e9, y: 0.0 })
        );
        assert_eq!(
            geometry_problem(&window("(x: 1280.0, y: 820.0)", "None", "0.0")),
            Some(BadGeometry::Scale(0.0))
        );
        assert_eq!(geometry_problem("(x: 1)"), Some(BadGeometry::Unreadable));
        assert_eq!(
            BadGeometry::Position { x: -1e9, y: 0.0 }.localized(Lang::En),
            "The saved window position (-1e9, 0) is off every screen; it was set aside and the \
             window opens at its usual size and place."
        );
        let zh = BadGeometry::Size {
            width: 0.0,
            height: 0.0,
        }
        .localized(Lang::Zh);
        assert!(zh.contains("0×0") && !zh.contains("window"), "{zh}");
    }

    #[test]
    fn bad_geometry_is_removed_from_the_file_and_the_rest_kept() {
        let dir = temp_dir("geometry");
        let path = dir.join(super::super::saved_session::FILE_NAME);
        let mut entries = HashMap::new();
        entries.insert(
            WINDOW_KEY.to_string(),
            window("(x: 0.0, y: 0.0)", "None", "1.0"),
        );
        entries.insert("egui".to_string(), "(kept: true)".to_string());
        std::fs::write(&path, ron::to_string(&entries).expect("ron")).expect("write");

        assert!(matches!(
            set_aside_bad_geometry(&dir),
            Some(BadGeometry::Size { .. })
        ));
        let after: HashMap<String, String> =
            ron::from_str(&std::fs::read_to_string(&path).expect("read")).expect("ron");
        assert_eq!(after.get(WINDOW_KEY), None);
        assert_eq!(after.get("egui").map(String::as_str), Some("(kept: true)"));
        // Nothing more to set aside the next time.
        assert_eq!(set_aside_bad_geometry(&dir), None);
    }
}
