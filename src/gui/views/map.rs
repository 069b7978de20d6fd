//! The world map: grids, demand beside Bitcoin's, where Bitcoin is mined, this fleet's profit.

use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::i18n::Strings;
use eframe::egui;

pub struct MapView;

impl View for MapView {
    fn tab(&self) -> Tab {
        Tab::Map
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.map.view
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Map)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        super::super::map::map_ui(app, ui);
    }
}
