//! The network month by month since 2010, beside Cambridge's figures.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct HistoryView;

impl View for HistoryView {
    fn tab(&self) -> Tab {
        Tab::History
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.history.tab
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::History)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::history::history_ui(app, ui);
    }
}
