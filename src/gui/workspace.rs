//! The three workspaces a user's question falls in: **Site** (one site and its fleet), **Where**
//! (the same fleet elsewhere) and **Network** (the whole network, with no site panel). Each
//! lists its own views and remembers the one left open; and the start page, whose three doors
//! open a worked example in the workspace that answers it.

use crate::i18n::Strings;
use serde::{Deserialize, Serialize};

/// A view of the central area: its id, kept in the session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Mix,
    Regions,
    BreakEven,
    Projection,
    Hardware,
    /// Pinned scenarios side by side, ranking of regions, carbon price.
    Compare,
    /// Heat maps of daily profit over electricity price or difficulty × BTC price.
    Sensitivity,
    /// The whole network's power, energy and CO₂; the mining maps; Bitcoin beside countries.
    Network,
    /// The network month by month since 2010 (Cambridge's method), hashprice, halvings.
    History,
    /// The scenario's fleet run through real months of the history.
    Backtest,
    /// The fleet hour by hour against a price series or a time-of-use tariff.
    Dispatch,
    /// The world: every country's grid, demand beside Bitcoin's, where Bitcoin is mined, and
    /// what this fleet would earn in each region.
    Map,
}

impl Tab {
    /// Every view, in the order its workspaces list them (the order a question follows).
    pub const ALL: [Tab; 12] = [
        Tab::BreakEven,
        Tab::Mix,
        Tab::Projection,
        Tab::Dispatch,
        Tab::Hardware,
        Tab::Backtest,
        Tab::Regions,
        Tab::History,
        Tab::Network,
        Tab::Map,
        Tab::Compare,
        Tab::Sensitivity,
    ];

    /// The workspaces that list the view.
    pub fn workspaces(self) -> &'static [Workspace] {
        match self {
            Tab::BreakEven
            | Tab::Mix
            | Tab::Projection
            | Tab::Dispatch
            | Tab::Hardware
            | Tab::Backtest => &[Workspace::Site],
            Tab::Regions | Tab::Compare | Tab::Sensitivity => &[Workspace::Where],
            Tab::History | Tab::Network => &[Workspace::Network],
            // Where: this fleet's profit in every region; Network: grids and hashrate.
            Tab::Map => &[Workspace::Where, Workspace::Network],
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Workspace {
    #[default]
    Site,
    Where,
    Network,
}

impl Workspace {
    pub const ALL: [Workspace; 3] = [Workspace::Site, Workspace::Where, Workspace::Network];

    /// Its views, in the order a question follows.
    pub fn tabs(self) -> &'static [Tab] {
        static TABS: std::sync::OnceLock<[Vec<Tab>; 3]> = std::sync::OnceLock::new();
        let all = TABS.get_or_init(|| {
            Workspace::ALL.map(|w| {
                Tab::ALL
                    .into_iter()
                    .filter(|t| t.workspaces().contains(&w))
                    .collect()
            })
        });
        let i = Workspace::ALL.iter().position(|w| *w == self).unwrap_or(0);
        &all[i]
    }

    /// The workspace a view belongs to first (a saved session from before workspaces).
    pub fn of(tab: Tab) -> Workspace {
        Workspace::ALL
            .into_iter()
            .find(|w| w.tabs().contains(&tab))
            .unwrap_or_default()
    }

    /// Whether the site's inputs and figures are shown: the Network's views are about the
    /// network, where a one-machine site means nothing.
    pub fn shows_site(self) -> bool {
        self != Workspace::Network
    }

    pub fn label(self, s: &'static Strings) -> (&'static str, &'static str) {
        let w = &s.workspace;
        match self {
            Workspace::Site => (w.site, w.site_hint),
            Workspace::Where => (w.where_, w.where_hint),
            Workspace::Network => (w.network, w.network_hint),
        }
    }
}

/// The view each workspace had open when it was left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenViews {
    pub site: Tab,
    pub where_: Tab,
    pub network: Tab,
}

impl Default for OpenViews {
    fn default() -> Self {
        OpenViews {
            site: Workspace::Site.tabs()[0],
            where_: Workspace::Where.tabs()[0],
            network: Workspace::Network.tabs()[0],
        }
    }
}

impl OpenViews {
    pub fn get(&self, workspace: Workspace) -> Tab {
        let tab = match workspace {
            Workspace::Site => self.site,
            Workspace::Where => self.where_,
            Workspace::Network => self.network,
        };
        if workspace.tabs().contains(&tab) {
            tab
        } else {
            workspace.tabs()[0]
        }
    }

    pub fn set(&mut self, workspace: Workspace, tab: Tab) {
        if !workspace.tabs().contains(&tab) {
            return;
        }
        match workspace {
            Workspace::Site => self.site = tab,
            Workspace::Where => self.where_ = tab,
            Workspace::Network => self.network = tab,
        }
    }
}

/// The examples behind the start page's doors.
pub const SITE_EXAMPLE: &str = "texas-s21";

/// A door of the start page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    Site,
    Where,
    Network,
}

impl Door {
    /// The workspace and view it opens.
    pub fn opens(self) -> (Workspace, Tab) {
        match self {
            Door::Site => (Workspace::Site, Tab::BreakEven),
            Door::Where => (Workspace::Where, Tab::Regions),
            Door::Network => (Workspace::Network, Tab::History),
        }
    }

    /// The example scenario it loads (the Network door keeps the open one: it has no site).
    pub fn example(self) -> Option<&'static str> {
        match self {
            Door::Site | Door::Where => Some(SITE_EXAMPLE),
            Door::Network => None,
        }
    }
}
