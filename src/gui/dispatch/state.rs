//! What the Dispatch view holds for this run of the app: the imported series, the import under
//! way, the dispatch computed, and the commands the view sends.

use super::super::job::Job;
use crate::chart_data::dispatch::DurationCurve;
use crate::file_error::FileError;
use crate::model::dispatch::{Dispatch, PriceSeries};
use std::path::PathBuf;
use std::sync::Arc;

/// What the Dispatch tab asks the app for.
#[derive(Clone, Debug, PartialEq)]
pub enum DispatchCommand {
    /// Ask for a price series file.
    Import,
    /// Read this price series (off the UI thread).
    ImportPath(PathBuf),
    /// Forget the imported series (the scenario's tariff, if any, is used again).
    ClearSeries,
    /// Show this week in the week view.
    SetWeek(usize),
    /// What the tariff editor's fields now show.
    SetTariffEditor(Box<super::super::tariff_editor::TariffEditor>),
}

/// An imported price series and the file it came from.
pub struct Imported {
    pub label: String,
    pub series: Arc<PriceSeries>,
}

/// A series being read on another thread.
pub struct Importing {
    pub label: String,
    pub(super) job: Job<Result<PriceSeries, FileError>>,
}

/// What the tab shows, computed once per change.
pub struct Outcome {
    pub series: Arc<PriceSeries>,
    pub dispatch: Dispatch,
    /// The modes besides stock, by name.
    pub modes: Vec<String>,
    /// The site's uptime: always on, the fleet runs this share of the time.
    pub site_uptime_pct: f64,
    /// The price-duration curve and its break-even, as the export draws it too.
    pub curve: DurationCurve,
}

/// The document's generation and the series' generation.
pub(super) type CacheKey = (u64, u64);

/// The tab's state for this run of the app.
#[derive(Default)]
pub struct DispatchView {
    pub imported: Option<Imported>,
    pub importing: Option<Importing>,
    /// Why the last import failed.
    pub error: Option<String>,
    pub week: usize,
    /// Bumped on each import or clear: with the document's generation, the cache key.
    pub(super) series_generation: u64,
    pub(super) cached: Option<(CacheKey, Result<Arc<Outcome>, String>)>,
    /// Dispatches computed so far (tests check it is once per change).
    pub runs: u64,
    /// The time-of-use tariff editor's draft.
    pub tariff_editor: super::super::tariff_editor::TariffEditor,
}

impl DispatchView {
    /// The last outcome, if one was computed.
    pub fn outcome(&self) -> Option<&Arc<Outcome>> {
        self.cached.as_ref().and_then(|(_, o)| o.as_ref().ok())
    }
}
