//! Evaluations over a grid of one input × the BTC price (heat maps, break-even contours,
//! `hashwatt sweep`). The rows sweep the electricity price, the difficulty or the network
//! hashrate; the columns sweep the BTC price. Each cell is a full [`evaluate`] of the scenario
//! with those two inputs changed, so a grid cell is exactly the figure a single report would give.
//!
//! Profit is linear in the BTC price, `profit(b) = btc_per_day × b − cash_cost`, and neither
//! `btc_per_day` nor `cash_cost` depends on `b`. So the break-even contour (where profit is zero)
//! is solved, not searched: for each row it lies at `b* = cash_cost / btc_per_day`, which is the
//! row's [`Evaluation::break_even_btc_price_usd`].

use super::bitcoin;
use super::evaluate::{Evaluation, evaluate};
use super::limits::{self, Limit};
use super::scenario::{NetworkSpec, Scenario};

/// `count` evenly spaced values from `from` to `to` inclusive (one value: `from`).
pub fn linspace(from: f64, to: f64, count: usize) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![from],
        n => (0..n)
            .map(|i| from + (to - from) * i as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// The most decimals [`axis`] rounds to: enough for f64's smallest step, about 5e-324 (330).
const MAX_AXIS_DECIMALS: i64 = 340;

/// Like [`linspace`], but each value between the ends is rounded to six significant digits of the
/// step, so it prints as it would be typed (`0.006`, not `0.006000000000000001`): a value read
/// back from a CSV file and given to `hashwatt report` is the very value the grid used. Both
/// ends are `from` and `to` exactly.
pub fn axis(from: f64, to: f64, count: usize) -> Vec<f64> {
    let mut values = linspace(from, to, count);
    if count < 3 {
        return values;
    }
    let step = ((to - from) / (count - 1) as f64).abs();
    if !step.is_finite() || step == 0.0 {
        return values;
    }
    // However small the step: a cap below its own digits would round the values to 0.
    let decimals = (6 - step.log10().floor() as i64).clamp(0, MAX_AXIS_DECIMALS) as usize;
    let last = values.len() - 1;
    for v in &mut values[1..last] {
        if let Ok(rounded) = format!("{v:.decimals$}").parse::<f64>() {
            *v = rounded;
        }
    }
    values
}

/// The input swept along a grid's rows (the columns are always the BTC price).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowInput {
    /// The site's electricity price, USD/kWh.
    ElectricityUsdPerKwh,
    /// The network difficulty (the network hashrate follows: `D × 2^32 / 600`).
    Difficulty,
    /// The network hashrate, EH/s.
    NetworkHashrateEhs,
}

impl RowInput {
    pub const ALL: [RowInput; 3] = [
        RowInput::ElectricityUsdPerKwh,
        RowInput::Difficulty,
        RowInput::NetworkHashrateEhs,
    ];

    /// The column name in `hashwatt sweep --csv`.
    pub fn key(self) -> &'static str {
        match self {
            RowInput::ElectricityUsdPerKwh => "electricity_usd_kwh",
            RowInput::Difficulty => "difficulty",
            RowInput::NetworkHashrateEhs => "network_hashrate_ehs",
        }
    }

    /// The allowed values, the same as a single scenario's.
    pub fn limit(self) -> Limit {
        match self {
            RowInput::ElectricityUsdPerKwh => limits::ELECTRICITY_USD_PER_KWH,
            RowInput::Difficulty => limits::DIFFICULTY,
            RowInput::NetworkHashrateEhs => limits::NETWORK_HASHRATE_EHS,
        }
    }

    /// Sets this input in a scenario, exactly as a scenario file or flag would.
    pub fn set(self, scenario: &mut Scenario, value: f64) {
        match self {
            RowInput::ElectricityUsdPerKwh => scenario.site.electricity_usd_per_kwh = value,
            RowInput::Difficulty => scenario.market.network = NetworkSpec::Difficulty(value),
            RowInput::NetworkHashrateEhs => {
                scenario.market.network = NetworkSpec::HashrateEhs(value);
            }
        }
    }

    /// The scenario's own value of this input (a difficulty given as a hashrate is converted).
    pub fn of(self, scenario: &Scenario) -> f64 {
        match self {
            RowInput::ElectricityUsdPerKwh => scenario.site.electricity_usd_per_kwh,
            RowInput::Difficulty => match scenario.market.network {
                NetworkSpec::Difficulty(d) => d,
                NetworkSpec::HashrateEhs(_) => {
                    bitcoin::difficulty_from_hashrate_hs(scenario.market.network_hashrate_hs())
                }
            },
            RowInput::NetworkHashrateEhs => match scenario.market.network {
                NetworkSpec::HashrateEhs(ehs) => ehs,
                NetworkSpec::Difficulty(_) => scenario.market.network_hashrate_hs() / 1e18,
            },
        }
    }
}

/// Calls `visit(i, j, evaluation)` for every row value `i` of `input` × BTC price `j`, row by
/// row (the row input outer). Allocation-free: one copy of the scenario is reused.
pub fn by_btc_price(
    scenario: &Scenario,
    input: RowInput,
    rows: &[f64],
    btc_price_usd: &[f64],
    mut visit: impl FnMut(usize, usize, &Evaluation),
) {
    let mut s = scenario.clone();
    for (i, &value) in rows.iter().enumerate() {
        input.set(&mut s, value);
        for (j, &btc) in btc_price_usd.iter().enumerate() {
            s.market.btc_price_usd = btc;
            visit(i, j, &evaluate(&s));
        }
    }
}

/// Every electricity price `i` × BTC price `j`; see [`by_btc_price`].
pub fn electricity_by_btc_price(
    scenario: &Scenario,
    electricity_usd_per_kwh: &[f64],
    btc_price_usd: &[f64],
    visit: impl FnMut(usize, usize, &Evaluation),
) {
    by_btc_price(
        scenario,
        RowInput::ElectricityUsdPerKwh,
        electricity_usd_per_kwh,
        btc_price_usd,
        visit,
    );
}

/// Every difficulty `i` × BTC price `j`; see [`by_btc_price`].
pub fn difficulty_by_btc_price(
    scenario: &Scenario,
    difficulty: &[f64],
    btc_price_usd: &[f64],
    visit: impl FnMut(usize, usize, &Evaluation),
) {
    by_btc_price(
        scenario,
        RowInput::Difficulty,
        difficulty,
        btc_price_usd,
        visit,
    );
}

/// The break-even contour: for each row value, the BTC price at which daily profit is zero,
/// `cash_cost / btc_per_day` (profit is linear in the BTC price). `None` where no BTC is mined.
/// May be negative, when income besides mining exceeds the costs.
pub fn break_even_btc_prices(
    scenario: &Scenario,
    input: RowInput,
    rows: &[f64],
) -> Vec<Option<f64>> {
    let mut s = scenario.clone();
    rows.iter()
        .map(|&value| {
            input.set(&mut s, value);
            evaluate(&s).break_even_btc_price_usd
        })
        .collect()
}

/// One row of a grid, summarised: the row value, its break-even BTC price, and the daily profit
/// at the lowest and the highest BTC price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowSummary {
    pub value: f64,
    pub break_even_btc_price_usd: Option<f64>,
    pub profit_at_lowest_usd_per_day: f64,
    pub profit_at_highest_usd_per_day: f64,
}

/// A grid summarised row by row, without its cells: what `hashwatt sweep` prints by default.
#[derive(Clone, Debug, PartialEq)]
pub struct GridSummary {
    pub rows: Vec<RowSummary>,
    /// The lowest and highest profit over the whole grid (`(0, 0)` when it has no rows), exactly
    /// [`ProfitGrid::profit_range`]'s.
    pub profit_range_usd_per_day: (f64, f64),
}

impl GridSummary {
    /// Summarises the grid of `rows` × BTC prices from `lowest_btc_price_usd` to
    /// `highest_btc_price_usd`, evaluating only the two end columns: two evaluations a row, and
    /// memory for the rows alone.
    ///
    /// That is exact, not an estimate. In each row the profit is `btc_per_day × b − cash_cost`
    /// with `btc_per_day ≥ 0`, computed as one product and one difference; rounding keeps both
    /// monotone, so no cell between the end columns is lower than the lower end or higher than
    /// the higher one.
    pub fn compute(
        scenario: &Scenario,
        input: RowInput,
        rows: &[f64],
        lowest_btc_price_usd: f64,
        highest_btc_price_usd: f64,
    ) -> GridSummary {
        let mut s = scenario.clone();
        let mut range = (f64::INFINITY, f64::NEG_INFINITY);
        let rows: Vec<RowSummary> = rows
            .iter()
            .map(|&value| {
                input.set(&mut s, value);
                s.market.btc_price_usd = lowest_btc_price_usd;
                let low = evaluate(&s);
                s.market.btc_price_usd = highest_btc_price_usd;
                let high = evaluate(&s);
                for p in [low.profit_usd_per_day, high.profit_usd_per_day] {
                    range = (range.0.min(p), range.1.max(p));
                }
                RowSummary {
                    value,
                    break_even_btc_price_usd: low.break_even_btc_price_usd,
                    profit_at_lowest_usd_per_day: low.profit_usd_per_day,
                    profit_at_highest_usd_per_day: high.profit_usd_per_day,
                }
            })
            .collect();
        if rows.is_empty() {
            range = (0.0, 0.0);
        }
        GridSummary {
            rows,
            profit_range_usd_per_day: range,
        }
    }
}

/// Daily profit over a grid of one input × the BTC price, with the break-even contour.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfitGrid {
    pub input: RowInput,
    /// The row values of `input`, rising.
    pub rows: Vec<f64>,
    /// The column values, rising.
    pub btc_price_usd: Vec<f64>,
    /// Row by row: the cell `(i, j)` is at `i × btc_price_usd.len() + j`.
    pub profit_usd_per_day: Vec<f64>,
    /// For each row, the BTC price at which profit is zero (see [`break_even_btc_prices`]).
    pub break_even_btc_price_usd: Vec<Option<f64>>,
}

impl ProfitGrid {
    /// Every cell's profit: one evaluation a row, then `btc_per_day × b − cash_cost` for each
    /// BTC price `b` — the very operations [`evaluate`] does, so each cell is bit for bit the
    /// figure a full evaluation at that price gives. Rows are shared out between the cores.
    pub fn compute(
        scenario: &Scenario,
        input: RowInput,
        rows: Vec<f64>,
        btc_price_usd: Vec<f64>,
    ) -> ProfitGrid {
        let columns = btc_price_usd.len();
        if columns == 0 {
            return ProfitGrid {
                input,
                break_even_btc_price_usd: break_even_btc_prices(scenario, input, &rows),
                rows,
                btc_price_usd,
                profit_usd_per_day: Vec::new(),
            };
        }
        let mut profit = vec![0.0; rows.len() * columns];
        let mut break_even = vec![None; rows.len()];
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(rows.len().div_ceil(16))
            .max(1);
        let per_thread = rows.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for ((row_block, profit_block), break_even_block) in rows
                .chunks(per_thread)
                .zip(profit.chunks_mut((per_thread * columns).max(1)))
                .zip(break_even.chunks_mut(per_thread))
            {
                let btc_price_usd = &btc_price_usd;
                scope.spawn(move || {
                    let mut s = scenario.clone();
                    for (i, &value) in row_block.iter().enumerate() {
                        input.set(&mut s, value);
                        let e = evaluate(&s);
                        break_even_block[i] = e.break_even_btc_price_usd;
                        let cells = &mut profit_block[i * columns..(i + 1) * columns];
                        for (cell, &b) in cells.iter_mut().zip(btc_price_usd) {
                            *cell = e.btc_per_day * b - e.cash_cost_usd_per_day;
                        }
                    }
                });
            }
        });
        ProfitGrid {
            input,
            rows,
            btc_price_usd,
            profit_usd_per_day: profit,
            break_even_btc_price_usd: break_even,
        }
    }

    /// The profit in cell `(row, column)`.
    pub fn profit(&self, row: usize, column: usize) -> f64 {
        self.profit_usd_per_day[row * self.btc_price_usd.len() + column]
    }

    /// The lowest and highest profit in the grid (`(0, 0)` when it is empty).
    pub fn profit_range(&self) -> (f64, f64) {
        if self.profit_usd_per_day.is_empty() {
            return (0.0, 0.0);
        }
        self.profit_usd_per_day
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &p| {
                (lo.min(p), hi.max(p))
            })
    }

    /// The contour as `(BTC price, row value)` points, one per row that has a break-even price.
    pub fn contour(&self) -> Vec<(f64, f64)> {
        self.rows
            .iter()
            .zip(&self.break_even_btc_price_usd)
            .filter_map(|(&row, be)| be.map(|b| (b, row)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn texas(units: u32, opex: f64, carbon: f64) -> Scenario {
        let library = PresetLibrary::builtin();
        let mut doc = ScenarioDoc::default();
        doc.site.region = Some("texas-ercot".into());
        doc.fleet[0].units = units;
        doc.site.opex_usd_per_month = opex;
        doc.site.carbon_price_usd_per_t = carbon;
        doc.resolve(&library).expect("resolves")
    }

    #[test]
    fn every_cell_is_a_full_evaluation_bit_for_bit() {
        let mut with_levers = texas(300, 15_000.0, 40.0);
        with_levers.levers.heat_reuse = Some(Default::default());
        with_levers.levers.renewable = Some(Default::default());
        let btc = axis(0.0, 250_000.0, 23);
        for s in [texas(300, 15_000.0, 40.0), with_levers] {
            for (input, rows) in [
                (RowInput::ElectricityUsdPerKwh, axis(0.0, 0.3, 41)),
                (RowInput::Difficulty, axis(50e12, 300e12, 37)),
            ] {
                let grid = ProfitGrid::compute(&s, input, rows.clone(), btc.clone());
                let mut full = Vec::new();
                by_btc_price(&s, input, &rows, &btc, |_, _, e| {
                    full.push(e.profit_usd_per_day.to_bits());
                });
                let cells: Vec<u64> = grid
                    .profit_usd_per_day
                    .iter()
                    .map(|p| p.to_bits())
                    .collect();
                assert_eq!(cells, full, "{input:?}");
                assert_eq!(
                    grid.break_even_btc_price_usd,
                    break_even_btc_prices(&s, input, &rows)
                );
            }
        }
    }

    #[test]
    fn linspace_includes_both_ends() {
        assert_eq!(linspace(0.0, 1.0, 5), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(linspace(2.0, 9.0, 1), [2.0]);
        assert!(linspace(0.0, 1.0, 0).is_empty());
    }

    #[test]
    fn axis_values_print_as_typed() {
        let a = axis(0.0, 0.2, 101);
        assert_eq!(a.len(), 101);
        assert_eq!((a[0], a[100]), (0.0, 0.2));
        assert_eq!(a[3].to_string(), "0.006");
        assert_eq!(a[7].to_string(), "0.014");
        assert!(a.iter().all(|v| v.to_string().len() <= 5), "{a:?}");
        assert!(a.windows(2).all(|w| w[0] < w[1]));
        let d = axis(100e12, 200e12, 11);
        assert_eq!(d[3].to_string(), "130000000000000");
        // Ends are kept exactly even when they have more digits than the step.
        let odd = axis(0.012_345_678_9, 1.0, 4);
        assert_eq!(odd[0], 0.012_345_678_9);
        assert_eq!(odd[3], 1.0);
        assert_eq!(axis(1.0, 2.0, 2), [1.0, 2.0]);
    }

    #[test]
    fn axis_keeps_tiny_steps() {
        // Steps below 1e-40 were rounded to 40 decimals, so every value in between became 0.
        let a = axis(1e-45, 2e-45, 3);
        assert_eq!(a, [1e-45, 1.5e-45, 2e-45]);
        let a = axis(0.0, 1e-300, 5);
        assert_eq!(a, [0.0, 2.5e-301, 5e-301, 7.5e-301, 1e-300]);
        let a = axis(1e-320, 2e-320, 4);
        assert!(a.windows(2).all(|w| w[0] < w[1]), "{a:?}");
        let a = axis(0.0, 2e-42, 101);
        assert_eq!(a[3], 6e-44);
        assert!(a.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_summary_matches_the_full_grid() {
        let mut with_levers = texas(300, 15_000.0, 40.0);
        with_levers.levers.heat_reuse = Some(Default::default());
        with_levers.levers.curtailment = Some(Default::default());
        with_levers.levers.renewable = Some(Default::default());
        let mut flared = texas(3, 500.0, 0.0);
        flared.levers.flared_gas = Some(Default::default());
        let btc = axis(20_000.0, 200_000.0, 37);
        for s in [
            texas(300, 15_000.0, 40.0),
            texas(1, 0.0, 0.0),
            with_levers,
            flared,
        ] {
            for (input, rows) in [
                (RowInput::ElectricityUsdPerKwh, axis(0.0, 0.3, 31)),
                (RowInput::Difficulty, axis(50e12, 300e12, 26)),
                (RowInput::NetworkHashrateEhs, axis(1e-12, 2000.0, 17)),
            ] {
                let grid = ProfitGrid::compute(&s, input, rows.clone(), btc.clone());
                let summary = GridSummary::compute(&s, input, &rows, btc[0], btc[36]);
                assert_eq!(
                    summary.profit_range_usd_per_day,
                    grid.profit_range(),
                    "{input:?}"
                );
                assert_eq!(summary.rows.len(), rows.len());
                for (i, row) in summary.rows.iter().enumerate() {
                    assert_eq!(row.value, rows[i]);
                    assert_eq!(
                        row.break_even_btc_price_usd,
                        grid.break_even_btc_price_usd[i]
                    );
                    assert_eq!(row.profit_at_lowest_usd_per_day, grid.profit(i, 0));
                    assert_eq!(row.profit_at_highest_usd_per_day, grid.profit(i, 36));
                }
            }
        }
        let empty = GridSummary::compute(&texas(1, 0.0, 0.0), RowInput::Difficulty, &[], 1.0, 2.0);
        assert_eq!(empty.profit_range_usd_per_day, (0.0, 0.0));
    }

    #[test]
    fn every_cell_is_a_single_evaluation() {
        let s = texas(300, 15_000.0, 40.0);
        let electricity = axis(0.0, 0.2, 11);
        let difficulty = axis(100e12, 200e12, 6);
        let ehs = axis(500.0, 1500.0, 5);
        let btc = axis(20_000.0, 200_000.0, 7);
        for (input, rows) in [
            (RowInput::ElectricityUsdPerKwh, &electricity),
            (RowInput::Difficulty, &difficulty),
            (RowInput::NetworkHashrateEhs, &ehs),
        ] {
            let grid = ProfitGrid::compute(&s, input, rows.clone(), btc.clone());
            assert_eq!(grid.profit_usd_per_day.len(), rows.len() * btc.len());
            for (i, &row) in rows.iter().enumerate() {
                for (j, &b) in btc.iter().enumerate() {
                    let mut one = s.clone();
                    input.set(&mut one, row);
                    one.market.btc_price_usd = b;
                    let single = evaluate(&one);
                    assert_eq!(
                        grid.profit(i, j),
                        single.profit_usd_per_day,
                        "{input:?} {i} {j}"
                    );
                    assert_eq!(
                        grid.break_even_btc_price_usd[i],
                        single.break_even_btc_price_usd
                    );
                }
            }
        }
        // The named helpers visit the same cells.
        let mut cells = 0;
        difficulty_by_btc_price(&s, &difficulty, &btc, |i, j, e| {
            let grid_value =
                ProfitGrid::compute(&s, RowInput::Difficulty, vec![difficulty[i]], vec![btc[j]])
                    .profit(0, 0);
            assert_eq!(e.profit_usd_per_day, grid_value);
            cells += 1;
        });
        assert_eq!(cells, difficulty.len() * btc.len());
    }

    #[test]
    fn the_contour_has_zero_profit() {
        for s in [texas(300, 15_000.0, 40.0), texas(1, 0.0, 0.0)] {
            for (input, rows) in [
                (RowInput::ElectricityUsdPerKwh, axis(0.0, 0.3, 31)),
                (RowInput::Difficulty, axis(50e12, 300e12, 26)),
            ] {
                let contour = break_even_btc_prices(&s, input, &rows);
                assert_eq!(contour.len(), rows.len());
                for (&row, be) in rows.iter().zip(&contour) {
                    let be = be.expect("BTC is mined");
                    let mut at = s.clone();
                    input.set(&mut at, row);
                    at.market.btc_price_usd = be;
                    let e = evaluate(&at);
                    let scale = e.revenue_usd_per_day + 1.0;
                    assert!(
                        e.profit_usd_per_day.abs() <= scale * 1e-12,
                        "{input:?} {row}: profit {} at {be}",
                        e.profit_usd_per_day
                    );
                }
                let grid = ProfitGrid::compute(&s, input, rows.clone(), vec![90_000.0]);
                assert_eq!(grid.break_even_btc_price_usd, contour);
                assert_eq!(grid.contour().len(), rows.len());
            }
        }
    }

    #[test]
    fn profit_falls_with_costs_and_rises_with_the_btc_price() {
        let s = texas(300, 15_000.0, 40.0);
        let btc = axis(20_000.0, 200_000.0, 10);
        let columns = btc.len();
        for input in RowInput::ALL {
            let rows = match input {
                RowInput::ElectricityUsdPerKwh => axis(0.0, 0.2, 12),
                RowInput::Difficulty => axis(100e12, 200e12, 12),
                RowInput::NetworkHashrateEhs => axis(700.0, 1400.0, 12),
            };
            let grid = ProfitGrid::compute(&s, input, rows, btc.clone());
            for i in 0..grid.rows.len() {
                for j in 0..columns {
                    if j + 1 < columns {
                        assert!(grid.profit(i, j) < grid.profit(i, j + 1), "{input:?}");
                    }
                    if i + 1 < grid.rows.len() {
                        assert!(grid.profit(i + 1, j) < grid.profit(i, j), "{input:?}");
                    }
                }
            }
            // The contour moves right as the costs rise.
            let contour: Vec<f64> = grid.contour().iter().map(|p| p.0).collect();
            assert!(contour.windows(2).all(|w| w[0] < w[1]), "{input:?}");
        }
    }

    #[test]
    fn row_inputs_read_back_what_they_set() {
        let mut s = texas(1, 0.0, 0.0);
        let d = RowInput::Difficulty.of(&s);
        let ehs = RowInput::NetworkHashrateEhs.of(&s);
        assert!((bitcoin::hashrate_from_difficulty_hs(d) / 1e18 - ehs).abs() < 1e-9 * ehs);
        for (input, value) in [
            (RowInput::ElectricityUsdPerKwh, 0.07),
            (RowInput::Difficulty, 123e12),
            (RowInput::NetworkHashrateEhs, 900.0),
        ] {
            input.set(&mut s, value);
            assert_eq!(input.of(&s), value);
            assert!(input.limit().contains(value));
        }
        let empty = ProfitGrid::compute(&s, RowInput::Difficulty, vec![1e14, 2e14], Vec::new());
        assert_eq!(empty.profit_range(), (0.0, 0.0));
        assert_eq!(empty.break_even_btc_price_usd.len(), 2);
    }
}
