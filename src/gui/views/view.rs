//! What a view is: its tab (which also says the workspaces that list it), its name in both
//! languages, the chart it exports, and how it draws.

use super::super::{App, Tab};
use crate::export::ChartKind;
use crate::i18n::Strings;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;

pub trait View: Sync {
    /// The view's id, kept in the session.
    fn tab(&self) -> Tab;
    /// Its name in the tab row.
    fn label(&self, s: &'static Strings) -> &'static str;
    /// The chart its PNG/SVG export draws, if it has one.
    fn export(&self) -> Option<ChartKind>;
    /// Draws the view from the app, read-only; changes go through commands.
    fn ui(&self, app: &App, ui: &mut egui::Ui);
    /// Whether the view's settings are inputs of the document: it is drawn with
    /// [`View::edit_ui`] instead.
    fn edits_document(&self) -> bool {
        false
    }
    /// Draws the view from the app, read-only, with a draft of the document whose changes
    /// become edit commands after the frame.
    fn edit_ui(&self, app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
        let _ = doc;
        self.ui(app, ui);
    }
}

/// The chart data of the open scenario, which most views draw (`None`: the scenario does not
/// resolve, and the window says why above).
pub fn chart_data(app: &App) -> Option<&crate::chart_data::ChartData> {
    app.computed.as_ref().ok().map(|c| &c.charts)
}
