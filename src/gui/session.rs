//! What survives a restart: the session (the inputs, the open file, the workspace and its
//! views, the language, the pins) and the names of its views.

use super::workspace;
pub use super::workspace::Tab;
use crate::chart_data::RegionMetric;
use crate::i18n;
use crate::i18n::Lang;
use crate::scenario_file::ScenarioDoc;
use serde::Deserialize;
use serde::Serialize;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What survives a restart (eframe persistence): the inputs, the open file, the view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub doc: ScenarioDoc,
    /// The file the scenario was opened from or saved to.
    pub path: Option<PathBuf>,
    /// The document as it is on disk (or as a new scenario starts), to tell unsaved changes.
    pub saved_doc: ScenarioDoc,
    pub tab: Tab,
    /// The workspace shown (Site, Where, Network) and the view each had open.
    pub workspace: workspace::Workspace,
    pub open_views: workspace::OpenViews,
    /// Every result card rather than the four a miner decides by.
    pub all_figures: bool,
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub region_metric: RegionMetric,
    /// The language chosen in the menu; by default the system's.
    pub language: LangChoice,
    /// Scenarios pinned for comparison (at most `compare::MAX_PINNED`).
    pub pinned: Vec<Pinned>,
    pub rank_by: crate::compare::RankBy,
    /// Only rank regions whose grid is at or below this intensity.
    pub rank_max_intensity: Option<f64>,
    /// The market API addresses the user agreed may be asked, the last agreed first.
    pub market_api_allowed: Vec<String>,
    /// `path` as this window last read or wrote it, to tell a change by another window.
    pub disk_stamp: Option<DiskStamp>,
}

impl Session {
    /// The language the window speaks.
    pub fn lang(&self) -> Lang {
        match self.language {
            LangChoice::System => i18n::system_lang(),
            LangChoice::Fixed(lang) => lang,
        }
    }
}

/// A file's modification time and size, as a save compares them before replacing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    pub modified_ns: u64,
    pub bytes: u64,
}

impl DiskStamp {
    /// The file's stamp now; `None` when it is not there.
    pub fn of(path: &std::path::Path) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(DiskStamp {
            modified_ns: u64::try_from(since.as_nanos()).unwrap_or(u64::MAX),
            bytes: meta.len(),
        })
    }
}

/// The language the user chose: the system's, or one named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LangChoice {
    #[default]
    System,
    Fixed(Lang),
}

/// A scenario pinned for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pinned {
    /// The scenario's own name (or its file's name).
    pub name: String,
    pub doc: ScenarioDoc,
    /// The name the user gave the pin; None: named by region and fleet (`compare::pin_name`).
    #[serde(default)]
    pub title: Option<String>,
    /// The file it was added from.
    #[serde(default)]
    pub path: Option<PathBuf>,
}

/// How many files the recent list keeps.
pub(super) const RECENT_FILES: usize = 8;

/// The range of the "at most … g CO₂e/kWh" field of the region ranking.
pub const RANK_MAX_INTENSITY_RANGE: std::ops::RangeInclusive<f64> = 0.0..=2000.0;

/// A pin's name: the one the user gave it, else its region and fleet in the window's language.
pub fn pin_name(pinned: &Pinned, library: &crate::presets::PresetLibrary, lang: Lang) -> String {
    pinned
        .title
        .clone()
        .unwrap_or_else(|| crate::compare::pin_title(&pinned.doc, library, lang))
}
