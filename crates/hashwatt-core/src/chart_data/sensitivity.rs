//! The data of the Sensitivity view: daily profit over electricity price × BTC price and over
//! difficulty × BTC price, around a scenario. Every cell is a full evaluation
//! (`model::sweep`), at most [`MAX_CELLS`]² per map, so the window computes them once per change
//! of the scenario or of the ranges, never per frame.

use crate::model::Scenario;
use crate::model::sweep::{self, ProfitGrid, RowInput};

/// Cells along each axis of a map: at least, by default (50 steps: round values on round
/// ranges), and at most.
pub const MIN_CELLS: usize = 10;
pub const DEFAULT_CELLS: usize = 51;
pub const MAX_CELLS: usize = 100;

/// The maps' ranges, `(from, to)`; `None` follows the scenario (see [`auto_ranges`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub btc_price_usd: Option<(f64, f64)>,
    pub electricity_usd_per_kwh: Option<(f64, f64)>,
    pub difficulty: Option<(f64, f64)>,
    pub cells: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            btc_price_usd: None,
            electricity_usd_per_kwh: None,
            difficulty: None,
            cells: DEFAULT_CELLS,
        }
    }
}

/// The ranges a map covers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranges {
    pub btc_price_usd: (f64, f64),
    pub electricity_usd_per_kwh: (f64, f64),
    pub difficulty: (f64, f64),
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `x` (`x` > 0).
fn nice_ceil(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    // m × 10^k, dividing by 10^-k below 1 so that 0.25 is exactly the double nearest 0.25.
    let k = x.log10().floor() as i32;
    let scaled = |m: f64| {
        if k >= 0 {
            m * 10f64.powi(k)
        } else {
            m / 10f64.powi(-k)
        }
    };
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(scaled)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(scaled(10.0))
}

/// `(from, to)` widened to whole multiples of a tenth of `to`'s order of magnitude
/// (74.1 T – 296.5 T becomes 70 T – 300 T); `from` stays above 0.
fn round_out(from: f64, to: f64) -> (f64, f64) {
    if !(from > 0.0 && to > from && to.is_finite()) {
        return (from, to);
    }
    let unit = 10f64.powi(to.log10().floor() as i32 - 1);
    let lo = (from / unit).floor() * unit;
    (if lo > 0.0 { lo } else { from }, (to / unit).ceil() * unit)
}

/// Ranges around the scenario: BTC price and electricity price from 0 to past both twice the
/// current value and 1.5 × the break-even value; difficulty from half to twice the current one.
pub fn auto_ranges(scenario: &Scenario) -> Ranges {
    let e = crate::model::evaluate(scenario);
    let end = |current: f64, break_even: Option<f64>, floor: f64| {
        let from_break_even = break_even.filter(|b| *b > 0.0).map_or(0.0, |b| b * 1.5);
        nice_ceil((current * 2.0).max(from_break_even).max(floor))
    };
    let difficulty = RowInput::Difficulty.of(scenario);
    Ranges {
        btc_price_usd: (
            0.0,
            end(
                scenario.market.btc_price_usd,
                e.break_even_btc_price_usd,
                1000.0,
            ),
        ),
        electricity_usd_per_kwh: (
            0.0,
            end(
                scenario.site.electricity_usd_per_kwh,
                e.break_even_electricity_usd_kwh,
                0.01,
            ),
        ),
        difficulty: round_out(difficulty / 2.0, difficulty * 2.0),
    }
}

impl Settings {
    /// The ranges in effect: the ones set, else the automatic ones.
    pub fn ranges(&self, scenario: &Scenario) -> Ranges {
        let auto = auto_ranges(scenario);
        Ranges {
            btc_price_usd: self.btc_price_usd.unwrap_or(auto.btc_price_usd),
            electricity_usd_per_kwh: self
                .electricity_usd_per_kwh
                .unwrap_or(auto.electricity_usd_per_kwh),
            difficulty: self.difficulty.unwrap_or(auto.difficulty),
        }
    }
}

/// The two maps of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Maps {
    pub electricity: ProfitGrid,
    pub difficulty: ProfitGrid,
    /// The scenario's own BTC price, electricity price and difficulty.
    pub current: (f64, f64, f64),
    /// The ranges the maps cover (the settings' or the automatic ones).
    pub ranges: Ranges,
}

impl Maps {
    /// Evaluates both maps: `2 × cells²` evaluations.
    pub fn compute(scenario: &Scenario, settings: &Settings) -> Maps {
        let r = settings.ranges(scenario);
        let n = settings.cells.clamp(MIN_CELLS, MAX_CELLS);
        let axis = |(from, to): (f64, f64)| sweep::axis(from, to, n);
        let btc = axis(r.btc_price_usd);
        Maps {
            electricity: ProfitGrid::compute(
                scenario,
                RowInput::ElectricityUsdPerKwh,
                axis(r.electricity_usd_per_kwh),
                btc.clone(),
            ),
            difficulty: ProfitGrid::compute(
                scenario,
                RowInput::Difficulty,
                axis(r.difficulty),
                btc,
            ),
            current: (
                scenario.market.btc_price_usd,
                scenario.site.electricity_usd_per_kwh,
                RowInput::Difficulty.of(scenario),
            ),
            ranges: r,
        }
    }

    /// The largest loss or profit in either map: the ends of the shared colour scale.
    pub fn scale(&self) -> f64 {
        let (a, b) = self.electricity.profit_range();
        let (c, d) = self.difficulty.profit_range();
        [a, b, c, d]
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(f64::MIN_POSITIVE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn scenario(region: &str) -> Scenario {
        let mut doc = ScenarioDoc::default();
        doc.site.region = Some(region.into());
        doc.fleet[0].units = 100;
        doc.resolve(&PresetLibrary::builtin()).unwrap()
    }

    #[test]
    fn maps_cover_the_current_point_and_both_break_evens() {
        let s = scenario("texas-ercot");
        let maps = Maps::compute(&s, &Settings::default());
        let e = crate::model::evaluate(&s);
        let g = &maps.electricity;
        assert_eq!(g.rows.len(), DEFAULT_CELLS);
        assert_eq!(g.profit_usd_per_day.len(), DEFAULT_CELLS * DEFAULT_CELLS);
        let btc_end = *g.btc_price_usd.last().unwrap();
        assert!(btc_end >= 2.0 * s.market.btc_price_usd);
        assert!(btc_end >= e.break_even_btc_price_usd.unwrap());
        assert!(*g.rows.last().unwrap() >= e.break_even_electricity_usd_kwh.unwrap());
        let d = &maps.difficulty.rows;
        assert!(d[0] < maps.current.2 && maps.current.2 < d[d.len() - 1]);
        // Some cells lose money, some make it: the scale has both colours.
        let (lo, hi) = g.profit_range();
        assert!(lo < 0.0 && hi > 0.0);
        assert_eq!(
            maps.scale(),
            [
                lo,
                hi,
                maps.difficulty.profit_range().0,
                maps.difficulty.profit_range().1
            ]
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()))
        );
        assert_eq!(maps.ranges, Settings::default().ranges(&s));
        let many = Settings {
            cells: 1000,
            ..Settings::default()
        };
        assert_eq!(Maps::compute(&s, &many).electricity.rows.len(), MAX_CELLS);
    }

    #[test]
    fn difficulty_ranges_are_rounded_outwards() {
        assert_eq!(round_out(74.129e12, 296.517e12), (70e12, 300e12));
        assert_eq!(round_out(5.0, 20.0), (5.0, 20.0));
        assert_eq!(round_out(0.5, 3.0), (0.5, 3.0));
        assert_eq!(round_out(0.05, 0.2), (0.05, 0.2));
    }

    #[test]
    fn nice_ends() {
        assert_eq!(nice_ceil(181_234.0), 200_000.0);
        assert_eq!(nice_ceil(0.132), 0.2);
        assert_eq!(nice_ceil(0.21), 0.25);
        assert_eq!(nice_ceil(0.042), 0.05);
        assert_eq!(nice_ceil(0.2), 0.2);
        assert_eq!(nice_ceil(1000.0), 1000.0);
    }
}
