//! The Map view's choices: its layer, and the snapshot or year the layer shows, in each
//! workspace that has the map.

use super::super::workspace::Workspace;
use crate::map::MapLayer;

/// What the view shows: its layer and the choices of that layer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct MapSettings {
    pub layer: MapLayer,
    /// The mining-map snapshot (hashrate-share); `None`: the newest.
    pub snapshot: Option<String>,
    /// Bitcoin's year (demand); `None`: the newest full year.
    pub year: Option<i32>,
}

/// The map's choices in each workspace that shows it: the Network's opens on the grids'
/// intensity, Where's on this fleet's profit (its question is where the fleet pays).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapViews {
    network: MapSettings,
    where_: MapSettings,
}

impl Default for MapViews {
    fn default() -> Self {
        MapViews {
            network: MapSettings::default(),
            where_: MapSettings::for_where(),
        }
    }
}

impl MapViews {
    pub fn of(&self, workspace: Workspace) -> &MapSettings {
        match workspace {
            Workspace::Where => &self.where_,
            _ => &self.network,
        }
    }

    pub fn of_mut(&mut self, workspace: Workspace) -> &mut MapSettings {
        match workspace {
            Workspace::Where => &mut self.where_,
            _ => &mut self.network,
        }
    }
}

impl MapSettings {
    /// The Where workspace's map: this fleet's profit in each region.
    pub fn for_where() -> MapSettings {
        MapSettings {
            layer: MapLayer::Profit,
            ..MapSettings::default()
        }
    }
}
