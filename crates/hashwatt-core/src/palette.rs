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
/// A policy event on a time axis (China's mining ban): dark grey, so that it is not taken for
/// the red of emissions or losses beside it.
pub const POLICY: Rgb = (70, 70, 70);
/// The loss end of the heat maps' diverging scale: red against blue (ColorBrewer's RdBu ends)
/// stays two colours for people who cannot tell red from green.
pub const HEAT_LOSS: Rgb = (178, 24, 43);
/// The profit end of the heat maps' diverging scale.
pub const HEAT_GAIN: Rgb = (33, 102, 172);

/// Distinct colours for the scenarios pinned side by side (bars and lines), in pin order.
pub const PINNED: [Rgb; 8] = [
    SERIES,
    HIGHLIGHT,
    GAIN,
    EVENT,
    (200, 160, 30),
    (40, 160, 170),
    LOSS,
    NEUTRAL,
];

/// A profit's colour on the heat maps' scale of ±`scale`: `neutral` at zero, [`HEAT_LOSS`] and
/// [`HEAT_GAIN`] at the ends (the window and exported charts share it).
pub fn heat_rgb(profit: f64, scale: f64, neutral: Rgb) -> Rgb {
    let t = if scale > 0.0 {
        (profit / scale).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let end = if t < 0.0 { HEAT_LOSS } else { HEAT_GAIN };
    let t = t.abs();
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    (
        mix(neutral.0, end.0),
        mix(neutral.1, end.1),
        mix(neutral.2, end.2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour as someone with protanopia or deuteranopia sees it (Viénot, Brettel and Mollon
    /// 1999, in linear RGB), and how far apart two colours stay.
    fn distance_seen_without_red_green(a: Rgb, b: Rgb) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let simulate = |(r, g, b): Rgb, m: [[f64; 3]; 3]| {
            let v = [linear(r), linear(g), linear(b)];
            m.map(|row| row[0] * v[0] + row[1] * v[1] + row[2] * v[2])
        };
        let protan = [
            [0.11238, 0.88762, 0.0],
            [0.11238, 0.88762, 0.0],
            [0.00401, -0.00401, 1.0],
        ];
        let deutan = [
            [0.29275, 0.70725, 0.0],
            [0.29275, 0.70725, 0.0],
            [-0.02234, 0.02234, 1.0],
        ];
        [protan, deutan]
            .into_iter()
            .map(|m| {
                let (x, y) = (simulate(a, m), simulate(b, m));
                (0..3).map(|i| (x[i] - y[i]).powi(2)).sum::<f64>().sqrt()
            })
            .fold(f64::INFINITY, f64::min)
    }

    #[test]
    fn the_heat_map_ends_stay_apart_without_red_green_vision() {
        let heat = distance_seen_without_red_green(HEAT_LOSS, HEAT_GAIN);
        // The red–green pair the heat maps had before merges into one brown.
        let red_green = distance_seen_without_red_green(LOSS, GAIN);
        assert!(heat > 0.3, "{heat}");
        assert!(red_green < 0.1, "{red_green}");
    }

    #[test]
    fn every_source_has_its_own_colour() {
        let colours: Vec<Rgb> = EnergySource::ALL.iter().map(|s| source_rgb(*s)).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a), "{a:?} is used twice");
        }
    }
}
