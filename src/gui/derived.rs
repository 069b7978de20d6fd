//! What the views derive from the document beyond `Computed`: the pinned comparison, the region
//! ranking and the carbon-price lines (Compare), the sensitivity maps, the network view. Each is
//! computed once per change of what it depends on — a generation number bumped when the
//! document, the pinned scenarios or the library change, plus the view's own settings — before
//! the frame is drawn; panels only read it.

use crate::chart_data::Computed;
use crate::chart_data::sensitivity::{self, Maps};
use crate::chart_data::{CarbonPriceLine, RegionRow};
use crate::compare::{self, Comparison, RankBy};
use crate::history::chart::{
    BacktestChart, BacktestSettings, BacktestViewError, HistoryChart, HistorySettings,
};
use crate::history::{History, HistoryError};
use crate::map::layers::{MapChart, MapError};
use crate::network_data::{NetworkView, ViewSettings};
use crate::presets::PresetLibrary;
use crate::resolve::ResolveError;

use super::{Session, Tab};

/// A value computed for a key, kept until the key changes.
#[derive(Debug)]
pub struct Cached<K, V> {
    key: Option<K>,
    value: Option<V>,
    /// How many times the value was computed.
    runs: u64,
}

impl<K, V> Default for Cached<K, V> {
    fn default() -> Self {
        Cached {
            key: None,
            value: None,
            runs: 0,
        }
    }
}

impl<K: PartialEq, V> Cached<K, V> {
    /// Computes the value unless it was computed for this key.
    fn refresh(&mut self, key: K, compute: impl FnOnce() -> V) {
        if self.key.as_ref() != Some(&key) || self.value.is_none() {
            self.value = Some(compute());
            self.key = Some(key);
            self.runs += 1;
        }
    }

    /// The value for the last key refreshed, if any.
    pub fn get(&self) -> Option<&V> {
        self.value.as_ref()
    }

    /// How many times the value was computed: the same from frame to frame until an input
    /// it depends on changes.
    pub fn runs(&self) -> u64 {
        self.runs
    }
}

/// What the ranking and the carbon-price lines depend on.
type RankKey = (u64, RankBy, Option<f64>);

#[derive(Debug, Default)]
pub struct Derived {
    /// The pinned scenarios evaluated side by side.
    pub comparison: Cached<(u64, u64), Comparison>,
    /// Indices into the regions chart's rows, best first.
    pub ranking: Cached<RankKey, Vec<usize>>,
    pub carbon_price: Cached<RankKey, Vec<CarbonPriceLine>>,
    pub sensitivity: Cached<(u64, sensitivity::Settings), Maps>,
    pub network: Cached<(u64, ViewSettings), NetworkView>,
    /// The monthly history: the built-in one with the user's CSV laid over it.
    pub history: Cached<u64, Result<History, HistoryError>>,
    pub history_chart: Cached<(u64, HistorySettings), HistoryChart>,
    pub backtest: Cached<(u64, u64, BacktestSettings), Result<BacktestChart, BacktestViewError>>,
    /// The Map view's layer: the document, the library and history, the view's choices and the
    /// language (its names and legend are words).
    pub map: Cached<MapKey, Result<MapChart, MapError>>,
}

type MapKey = (u64, u64, super::map::MapSettings, crate::i18n::Lang);

/// Everything the derived values are computed from.
pub struct Inputs<'a> {
    pub session: &'a Session,
    pub library: &'a PresetLibrary,
    pub computed: &'a Result<Computed, ResolveError>,
    pub sensitivity: &'a sensitivity::Settings,
    pub network_view: &'a ViewSettings,
    pub map_view: &'a super::map::MapSettings,
    pub history_view: &'a super::history::HistoryState,
    /// Where a user's `history/network-monthly.csv` may be.
    pub presets_folder: Option<&'a std::path::Path>,
    pub doc_generation: u64,
    pub pinned_generation: u64,
    pub library_generation: u64,
}

impl Derived {
    /// Brings up to date what `tab` shows; the other tabs' values wait until they are shown.
    pub fn refresh(&mut self, inputs: Inputs<'_>, tab: Tab) {
        let Ok(computed) = inputs.computed else {
            return;
        };
        let session = inputs.session;
        let library = inputs.library;
        let lang = session.lang();
        match tab {
            Tab::Compare => {
                self.comparison.refresh(
                    (inputs.pinned_generation, inputs.library_generation),
                    || Comparison::of(session.pinned.iter().map(|p| &p.doc), library),
                );
                let key = (
                    inputs.doc_generation,
                    session.rank_by,
                    session.rank_max_intensity,
                );
                let rows = &computed.charts.regions.rows;
                self.ranking.refresh(key, || {
                    compare::rank_regions(rows, session.rank_by, session.rank_max_intensity)
                        .into_iter()
                        .filter_map(|r| rows.iter().position(|x| std::ptr::eq(x, r)))
                        .collect()
                });
                self.carbon_price.refresh(key, || {
                    let inputs = compare::CarbonPriceInputs {
                        doc: &session.doc,
                        library,
                        regions: &computed.charts.regions,
                        carbon_price_usd_per_t: computed.scenario.site.carbon_price_usd_per_t,
                        by: session.rank_by,
                        max_intensity_g_per_kwh: session.rank_max_intensity,
                        own_name: crate::i18n::strings(lang).app.this_site,
                    };
                    compare::carbon_price_chart(&inputs, lang)
                });
            }
            Tab::Sensitivity => {
                self.sensitivity
                    .refresh((inputs.doc_generation, *inputs.sensitivity), || {
                        Maps::compute(&computed.scenario, inputs.sensitivity)
                    });
            }
            Tab::Network => {
                self.network
                    .refresh((inputs.doc_generation, inputs.network_view.clone()), || {
                        NetworkView::of(
                            &session.doc,
                            &computed.scenario,
                            computed.evaluation.grid_intensity_g_per_kwh,
                            library,
                            inputs.network_view,
                            lang,
                        )
                    });
            }
            Tab::History | Tab::Backtest => {
                let generation = inputs.library_generation;
                self.history.refresh(generation, || {
                    History::with_user_folder(inputs.presets_folder)
                });
                let Some(Ok(history)) = self.history.get() else {
                    return;
                };
                if tab == Tab::History {
                    let settings = inputs
                        .history_view
                        .chart
                        .unwrap_or_else(|| HistorySettings::whole(history))
                        .clamped(history);
                    self.history_chart.refresh((generation, settings), || {
                        HistoryChart::of(history, library, settings)
                    });
                } else {
                    let settings = inputs
                        .history_view
                        .backtest
                        .unwrap_or_else(|| BacktestSettings::latest(history));
                    self.backtest
                        .refresh((inputs.doc_generation, generation, settings), || {
                            BacktestChart::of(history, &computed.scenario, settings)
                        });
                }
            }
            Tab::Map => {
                let generation = inputs.library_generation;
                self.history.refresh(generation, || {
                    History::with_user_folder(inputs.presets_folder)
                });
                // Without the user's history file the built-in one still draws the map.
                let history = match self.history.get() {
                    Some(Ok(history)) => history,
                    _ => History::builtin_ref(),
                };
                let settings = inputs.map_view.clone();
                let key = (inputs.doc_generation, generation, settings.clone(), lang);
                self.map.refresh(key, || {
                    crate::map::layers::map_chart(&crate::map::MapRequest {
                        layer: settings.layer,
                        library,
                        history,
                        snapshot: settings.snapshot.as_deref(),
                        year: settings.year,
                        scenario: &session.doc,
                        lang,
                    })
                });
            }
            Tab::Mix
            | Tab::Regions
            | Tab::BreakEven
            | Tab::Projection
            | Tab::Hardware
            | Tab::Dispatch => {}
        }
    }

    /// The ranked regions, best first.
    pub fn ranked<'a>(&self, rows: &'a [RegionRow]) -> Vec<&'a RegionRow> {
        self.ranking
            .get()
            .map(|ranking| ranking.iter().filter_map(|&i| rows.get(i)).collect())
            .unwrap_or_default()
    }
}
