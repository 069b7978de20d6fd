//! The world map: country outlines and the layers drawn on them (grid intensity, electricity
//! demand beside Bitcoin's, share of the hashrate, a fleet's profit).

pub mod layers;
pub mod shapes;

pub use layers::{MapChart, MapLayer, MapRequest, MapRow};
