//! What the window takes from the network's history outside the History view: the trailing
//! growth and volatilities a new scenario starts from, and where the newest month came from.
//! Read once at start and again whenever the history changes (an update, *Forget fetched
//! history*), never per frame.

use crate::history::update::{NewestOrigin, newest_origin};
use crate::history::{History, Month, TrailingGrowth, TrailingVolatility};
use crate::scenario_file::ScenarioDoc;
use std::path::Path;

#[derive(Clone, Debug, PartialEq)]
pub struct HistorySummary {
    pub last: Month,
    pub origin: NewestOrigin,
    pub growth: Option<TrailingGrowth>,
    pub volatility: Option<TrailingVolatility>,
}

impl HistorySummary {
    /// The history everyone sees from `folder` (the bundled one when the folder's files
    /// cannot be read: the History view says why).
    pub fn load(folder: Option<&Path>) -> HistorySummary {
        let history = History::with_user_folder(folder).unwrap_or_else(|_| History::builtin());
        HistorySummary {
            last: history.last(),
            origin: newest_origin(&history, folder),
            growth: history.latest_trailing_growth(),
            volatility: history.latest_trailing_volatility(),
        }
    }

    /// A new scenario: the document's defaults, with the projection's growth and
    /// volatilities from this history's trailing months (as `hashwatt project` without a file).
    pub fn new_document(&self) -> ScenarioDoc {
        ScenarioDoc {
            projection: crate::history::projection_from(self.growth, self.volatility),
            ..ScenarioDoc::default()
        }
    }

    /// "Newest month: 2026-11, from mempool.space, fetched 2026-12-07." in `lang`.
    pub fn newest_line(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::fill(
            crate::i18n::strings(lang).update.newest_line,
            &[
                ("month", &self.last.to_string()),
                ("origin", &self.origin.localized(lang)),
            ],
        )
    }
}
