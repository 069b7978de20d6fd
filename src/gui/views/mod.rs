//! The window's views as plug-ins: each view is one type implementing [`View`] (its tab, its
//! name in both languages, the workspaces it belongs to, the chart it exports, and how it
//! draws), and [`REGISTRY`] lists them, in the order the workspaces show them. The tab row,
//! the export buttons and the workspaces all read the registry: adding a view is a file here
//! and a row there (see docs/development.md, *Add a view*).
//!
//! A view draws from the app read-only and asks for changes by commands ([`App::queue`]); the
//! two whose settings are inputs of the document (Projection, Dispatch) also change a draft of
//! the document, which the window turns into edit commands ([`View::edits_document`]).

use super::workspace::Workspace;
use super::{App, Tab};
use crate::export::ChartKind;
use crate::i18n::Strings;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;

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

pub trait View: Sync {
    /// The view's id, kept in the session.
    fn tab(&self) -> Tab;
    /// Its name in the tab row.
    fn label(&self, s: &'static Strings) -> &'static str;
    /// The workspaces that list it (the registry's order is theirs).
    fn workspaces(&self) -> &'static [Workspace];
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

const SITE: &[Workspace] = &[Workspace::Site];
const WHERE: &[Workspace] = &[Workspace::Where];
const NETWORK: &[Workspace] = &[Workspace::Network];

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

/// The views a workspace lists, in registry order.
pub fn tabs_of(workspace: Workspace) -> &'static [Tab] {
    static TABS: std::sync::OnceLock<[Vec<Tab>; 3]> = std::sync::OnceLock::new();
    let all = TABS.get_or_init(|| {
        Workspace::ALL.map(|w| {
            REGISTRY
                .iter()
                .filter(|v| v.workspaces().contains(&w))
                .map(|v| v.tab())
                .collect()
        })
    });
    let i = Workspace::ALL
        .iter()
        .position(|w| *w == workspace)
        .unwrap_or(0);
    &all[i]
}

/// The chart data of the open scenario, which most views draw (`None`: the scenario does not
/// resolve, and the window says why above).
fn chart_data(app: &App) -> Option<&crate::chart_data::ChartData> {
    app.computed.as_ref().ok().map(|c| &c.charts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tab_has_one_view_and_every_view_a_workspace() {
        for (i, a) in REGISTRY.iter().enumerate() {
            assert!(!a.workspaces().is_empty(), "{:?}", a.tab());
            for b in &REGISTRY[i + 1..] {
                assert_ne!(a.tab(), b.tab());
            }
        }
        let site = tabs_of(Workspace::Site);
        assert_eq!(site[0], Tab::BreakEven);
        assert_eq!(tabs_of(Workspace::Where)[..2], [Tab::Regions, Tab::Map]);
        assert_eq!(tabs_of(Workspace::Network)[0], Tab::History);
        assert!(tabs_of(Workspace::Network).contains(&Tab::Map));
    }
}
