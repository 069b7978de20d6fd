//! What the History and Backtest views remember for this run of the app.

use crate::history::chart::{BacktestSettings, HistorySettings};

/// The History and Backtest views' choices; `None` is the default (the whole history; the
/// newest three years with a price).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HistoryState {
    pub chart: Option<HistorySettings>,
    /// Show power (GW) rather than annualised energy (TWh a year).
    pub show_power: bool,
    pub backtest: Option<BacktestSettings>,
}
