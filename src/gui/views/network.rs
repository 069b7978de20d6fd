//! The network now: its power, energy and CO₂ with their bounds, the mining maps, Bitcoin beside countries.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct NetworkView;

impl View for NetworkView {
    fn tab(&self) -> Tab {
        Tab::Network
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.network.tab
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Network)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::network::network_ui(app, ui);
    }
}
