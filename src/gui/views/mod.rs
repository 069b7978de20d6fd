//! The window's views as plug-ins: each view is one type implementing [`View`] (its tab, its
//! name in both languages, the chart it exports, and how it draws), and [`REGISTRY`] lists
//! them. Its `Tab` (`gui/workspace.rs`) is its id and says the workspaces that list it, in
//! `Tab::ALL`'s order. The tab row and the export buttons read the registry: adding a view is
//! a file here, a row there and its tab (see docs/development.md, *Add a view*).
//!
//! A view draws from the app read-only and asks for changes by commands ([`App::queue`]); the
//! two whose settings are inputs of the document (Projection, Dispatch) also change a draft of
//! the document, which the window turns into edit commands ([`View::edits_document`]).

use super::{App, Command, Tab};
use crate::export::{ChartKind, ImageFormat};
use crate::i18n::Strings;
use eframe::egui;

mod view;
pub use view::View;

mod backtest;
mod break_even;
mod compare;
mod dispatch;
mod hardware;
mod history;
mod map;
mod mix;
mod network;
mod projection;
mod regions;
mod sensitivity;

/// Every view, in the order its workspaces list them.
pub static REGISTRY: [&dyn View; 12] = [
    &break_even::BreakEvenView,
    &mix::MixView,
    &projection::ProjectionView,
    &dispatch::DispatchView,
    &hardware::HardwareView,
    &backtest::BacktestView,
    &regions::RegionsView,
    &history::HistoryView,
    &network::NetworkView,
    &map::MapView,
    &compare::CompareView,
    &sensitivity::SensitivityView,
];

/// The view of `tab`.
pub fn view(tab: Tab) -> &'static dyn View {
    REGISTRY
        .iter()
        .copied()
        .find(|v| v.tab() == tab)
        .expect("every tab has a view in the registry")
}

/// The open view under its workspace's tab row and export buttons.
pub fn views_ui(app: &App, doc: &mut crate::scenario_file::ScenarioDoc, ui: &mut egui::Ui) {
    let strings = app.strings();
    // Tabs, then the export menu, wrapping onto a second row in a narrow window rather than
    // covering each other.
    ui.horizontal_wrapped(|ui| {
        // The open workspace's views, in the order its questions follow.
        for &tab in app.session.workspace.tabs() {
            let label = tab_label(tab, strings);
            if ui.selectable_label(app.session.tab == tab, label).clicked() {
                app.queue(Command::SetTab(tab));
            }
        }
        if let Some(kind) = kind_of(app.session.tab) {
            ui.separator();
            if ui.button(strings.app.export_png).clicked() {
                app.queue(Command::ExportChart(kind, ImageFormat::Png));
            }
            if ui.button(strings.app.export_svg).clicked() {
                app.queue(Command::ExportChart(kind, ImageFormat::Svg));
            }
        }
    });
    ui.separator();
    if app.computed.is_err() {
        return;
    }
    // Each tab scrolls on its own: it opens at its top and keeps its place when left.
    let view = view(app.session.tab);
    egui::ScrollArea::vertical()
        .id_salt(("charts", app.session.tab))
        .show(ui, |ui| {
            if view.edits_document() {
                view.edit_ui(app, doc, ui);
            } else {
                // Every other view only reads the app (and its cached data) and sends commands.
                view.ui(app, ui);
            }
        });
}

/// A view's name in the tab row.
pub fn tab_label(tab: Tab, strings: &'static Strings) -> &'static str {
    view(tab).label(strings)
}

/// The exported chart of a tab, if it has one.
pub fn kind_of(tab: Tab) -> Option<ChartKind> {
    view(tab).export()
}

#[cfg(test)]
mod tests {
    use super::super::workspace::Workspace;
    use super::*;

    #[test]
    fn every_tab_has_one_view_and_every_view_a_workspace() {
        for tab in Tab::ALL {
            assert!(!tab.workspaces().is_empty(), "{tab:?}");
            let views = REGISTRY.iter().filter(|v| v.tab() == tab).count();
            assert_eq!(views, 1, "{tab:?}");
        }
        assert_eq!(REGISTRY.len(), Tab::ALL.len());
        let site = Workspace::Site.tabs();
        assert_eq!(site[0], Tab::BreakEven);
        assert_eq!(Workspace::Where.tabs()[..2], [Tab::Regions, Tab::Map]);
        assert_eq!(Workspace::Network.tabs()[0], Tab::History);
        assert!(Workspace::Network.tabs().contains(&Tab::Map));
    }
}
