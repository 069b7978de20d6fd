//! Compare: the pinned scenarios side by side, and where this fleet should go.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct CompareView;

impl View for CompareView {
    fn tab(&self) -> Tab {
        Tab::Compare
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.app.tab_compare
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Compare)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::compare::compare_ui(app, ui);
    }
}
