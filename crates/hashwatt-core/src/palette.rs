//! The colours of the charts, defined once so the window and exported PNG/SVG files agree: one
//! fixed colour per energy source, and the few accents the charts share.

use crate::model::EnergySource;

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// The colour of an energy source, the same in every chart. Fossil sources are dark or warm,
/// low-carbon ones blue, green or yellow, so a mix reads at a glance.
pub fn source_rgb(source: EnergySource) -> Rgb {
    match source {
        EnergySource::Coal => (55, 55, 55),
        EnergySource::Gas => (232, 124, 38),
        EnergySource::Oil => (140, 86, 50),
        EnergySource::Nuclear => (148, 103, 189),
        EnergySource::Hydro => (31, 119, 180),
        EnergySource::Wind => (96, 190, 220),
        EnergySource::Solar => (240, 190, 20),
        EnergySource::Geothermal => (200, 50, 50),
        EnergySource::Biomass => (60, 160, 70),
        EnergySource::Other => (170, 170, 170),
    }
}

/// The main data series (bars, the profit line, ordinary miners).
pub const SERIES: Rgb = (45, 110, 175);
/// The scenario's own item: its region, its fleet's miners, its current value.
pub const HIGHLIGHT: Rgb = (230, 110, 20);
/// Zero lines, gridlines' darker neighbours, historical items.
pub const NEUTRAL: Rgb = (120, 120, 120);
/// Money made (profit above zero).
pub const GAIN: Rgb = (40, 150, 70);
/// Money lost (profit below zero).
pub const LOSS: Rgb = (200, 50, 50);
/// Halvings and other events on a time axis.
pub const EVENT: Rgb = (130, 70, 170);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_its_own_colour() {
        let colours: Vec<Rgb> = EnergySource::ALL.iter().map(|s| source_rgb(*s)).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
