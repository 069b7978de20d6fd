//! Sensitivity: heat maps of daily profit over two inputs.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct SensitivityView;

impl View for SensitivityView {
    fn tab(&self) -> Tab {
        Tab::Sensitivity
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.sensitivity.tab
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Sensitivity)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::sensitivity::sensitivity_ui(app, ui);
    }
}
