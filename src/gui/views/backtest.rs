//! The fleet run through real months of the history.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct BacktestView;

impl View for BacktestView {
    fn tab(&self) -> Tab {
        Tab::Backtest
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.history.backtest_tab
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Backtest)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::history::backtest_ui(app, ui);
    }
}
