//! Dispatch: the fleet hour by hour against a price series or a time-of-use tariff.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;

pub struct DispatchView;

impl View for DispatchView {
    fn tab(&self) -> Tab {
        Tab::Dispatch
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.dispatch.tab
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Dispatch)
    }
    /// Its credit, minimum times and tariff are inputs of the document: drawn by `edit_ui`.
    fn ui(&self, _app: &App, _ui: &mut egui::Ui) {}
    fn edits_document(&self) -> bool {
        true
    }
    fn edit_ui(&self, app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
        super::super::dispatch::dispatch_ui(app, doc, ui);
    }
}
