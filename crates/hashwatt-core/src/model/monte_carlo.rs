//! Monte Carlo projections: many seeded paths of the BTC price and the difficulty, each run
//! through the deterministic projection's own month ([`Plan::month`]).
//!
//! - The BTC price's monthly log return is normal with mean `ln(1 + g)/12` and standard
//!   deviation `σ/√12`: `g` is the growth of the median path, and the mean path grows faster,
//!   by `exp(σ²t/2)` after `t` years.
//! - The difficulty's monthly log growth is normal likewise with its own growth and
//!   volatility, correlated with the same month's price return by `ρ`; halvings drop it as in
//!   the deterministic projection, at the same block heights.
//! - Path `k` draws from its own random stream (xoshiro256++ seeded from the seed and `k` by
//!   SplitMix64), normals by a ziggurat, exponentials by a table ([`super::random`]), and
//!   every other power and logarithm is `libm`'s: the same seed gives the same numbers on any
//!   machine and with any number of threads.
//! - With both volatilities 0 every shock is exactly 1, and every path is the deterministic
//!   projection to the last bit.

use super::investment;
use super::projection::{Plan, ProjectionSettings};
use super::random::{self, Rng};
use super::scenario::Scenario;
use serde::Serialize;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

/// The percentiles of the fan chart and of `--csv --paths`, %.
pub const PERCENTILES: [f64; 5] = [5.0, 25.0, 50.0, 75.0, 95.0];

/// A run's progress, shared with whoever waits for it; it can also stop the run.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU32,
    cancel: AtomicBool,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// Paths finished so far.
    pub fn paths_done(&self) -> u32 {
        self.done.load(Ordering::Relaxed)
    }

    /// Asks the run to stop; it then returns `None`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// What many paths of a projection say. Money in USD; every per-month list has `months + 1`
/// entries, month 0 the purchase.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonteCarlo {
    pub paths: u32,
    pub seed: u64,
    pub months: u32,
    /// For each month, the owner's cumulative cash flow at [`PERCENTILES`].
    pub cumulative_cash_flow_usd: Vec<[f64; 5]>,
    pub cumulative_cash_flow_mean_usd: Vec<f64>,
    /// For each month, the share of paths whose cumulative cash flow has reached 0 by then.
    pub payback_probability_by_month: Vec<f64>,
    /// The share of paths that pay back within the horizon, 0–1.
    pub payback_probability: f64,
    pub btc_mined_p50: f64,
    pub btc_mined_mean: f64,
    pub revenue_usd_mean: f64,
    /// The standard error of `revenue_usd_mean`: the paths' standard deviation / √paths.
    pub revenue_usd_standard_error: f64,
    pub npv_usd_p50: f64,
    pub npv_usd_mean: f64,
    /// The median path's IRR, annualised, %; `None` when the median path has none.
    pub irr_pct_p50: Option<f64>,
}

impl MonteCarlo {
    /// The final month's cumulative cash flow at [`PERCENTILES`], and its mean.
    pub fn final_cumulative(&self) -> ([f64; 5], f64) {
        (
            self.cumulative_cash_flow_usd
                .last()
                .copied()
                .unwrap_or_default(),
            self.cumulative_cash_flow_mean_usd
                .last()
                .copied()
                .unwrap_or_default(),
        )
    }
}

/// The monthly shocks' sizes.
#[derive(Clone, Copy)]
struct Shocks {
    price_sd: f64,
    difficulty_sd: f64,
    rho: f64,
    rho_rest: f64,
}

impl Shocks {
    fn of(settings: &ProjectionSettings) -> Shocks {
        let monthly = |pct: f64| pct / 100.0 / 12f64.sqrt();
        let rho = settings.price_difficulty_correlation;
        Shocks {
            price_sd: monthly(settings.btc_price_volatility_pct_per_year),
            difficulty_sd: monthly(settings.difficulty_volatility_pct_per_year),
            rho,
            rho_rest: (1.0 - rho * rho).max(0.0).sqrt(),
        }
    }

    /// A month's factors on the price and the difficulty: exactly 1 without volatility.
    #[inline(always)]
    fn draw(&self, rng: &mut Rng) -> (f64, f64) {
        let (z1, z2) = (rng.normal(), rng.normal());
        let price = if self.price_sd == 0.0 {
            1.0
        } else {
            random::exp(self.price_sd * z1)
        };
        let difficulty = if self.difficulty_sd == 0.0 {
            1.0
        } else {
            random::exp(self.difficulty_sd * (self.rho * z1 + self.rho_rest * z2))
        };
        (price, difficulty)
    }
}

/// One path's totals.
#[derive(Clone, Copy, Debug, Default)]
struct PathTotals {
    btc: f64,
    revenue: f64,
    npv: f64,
    /// The monthly IRR; NaN where undefined.
    irr_monthly: f64,
    /// The sum of the owner's cash flows (orders paths without an IRR).
    net: f64,
    /// The payback month, or `u32::MAX` for none.
    payback: u32,
}

/// Runs the path drawn from `rng` (path k's is `Rng::for_stream(seed, k)`): its cumulative cash
/// flow for months `0..=M` into `cumulative`, its cash flows into `flows` (scratch). Exactly
/// [`super::projection::project`]'s arithmetic.
fn run_path(
    plan: &Plan,
    shocks: Shocks,
    mut rng: Rng,
    cumulative: &mut [f64],
    flows: &mut [f64],
    irr_guess: f64,
) -> PathTotals {
    let mut cum = -plan.equity_usd;
    let mut npv = cum;
    cumulative[0] = cum;
    flows[0] = cum;
    let mut totals = PathTotals {
        payback: u32::MAX,
        ..PathTotals::default()
    };
    let mut growth = 1.0;
    let mut price = plan.btc_price_usd;
    for m in 0..plan.months as usize {
        let cash = plan.month(m, growth, price);
        let mut flow = cash.profit - plan.loan_paid[m];
        cum += flow;
        if plan.is_last(m) {
            cum += plan.resale_usd;
            flow += plan.resale_usd;
        }
        npv += flow * plan.discount[m + 1];
        flows[m + 1] = flow;
        cumulative[m + 1] = cum;
        totals.btc += cash.btc;
        totals.revenue += cash.revenue;
        if totals.payback == u32::MAX && cum >= 0.0 {
            totals.payback = m as u32 + 1;
        }
        let (price_shock, difficulty_shock) = shocks.draw(&mut rng);
        growth *= plan.difficulty_factor * difficulty_shock;
        price *= plan.price_factor * price_shock;
    }
    totals.npv = npv;
    totals.net = flows.iter().sum();
    totals.irr_monthly = investment::monthly_irr_near(flows, irr_guess).unwrap_or(f64::NAN);
    totals
}

/// Puts the `ranks`-th smallest values (sorted, distinct ranks) in their places, as a full sort
/// would, in about `n × log₂(ranks)` comparisons.
fn select_ranks(values: &mut [f64], ranks: &[usize], offset: usize) {
    if ranks.is_empty() || values.is_empty() {
        return;
    }
    let mid = ranks.len() / 2;
    let k = ranks[mid] - offset;
    values.select_nth_unstable_by(k, f64::total_cmp);
    let (left, rest) = values.split_at_mut(k);
    select_ranks(left, &ranks[..mid], offset);
    select_ranks(&mut rest[1..], &ranks[mid + 1..], offset + k + 1);
}

/// The values at percentiles `ps` (%), interpolated between order statistics (the usual
/// "linear" definition: rank `(n − 1) × p`). Reorders `values`.
pub fn percentiles<const N: usize>(values: &mut [f64], ps: [f64; N]) -> [f64; N] {
    let n = values.len();
    if n == 0 {
        return [f64::NAN; N];
    }
    let at = ps.map(|p| (n - 1) as f64 * p / 100.0);
    let mut ranks: Vec<usize> = at
        .iter()
        .flat_map(|h| {
            let lo = h.floor() as usize;
            [lo, (lo + 1).min(n - 1)]
        })
        .collect();
    ranks.sort_unstable();
    ranks.dedup();
    select_ranks(values, &ranks, 0);
    at.map(|h| {
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(n - 1);
        let (a, b) = (values[lo], values[hi]);
        let frac = h - lo as f64;
        if frac == 0.0 || a == b {
            a
        } else {
            a + frac * (b - a)
        }
    })
}

fn mean(values: impl Iterator<Item = f64>, n: usize) -> f64 {
    values.sum::<f64>() / n as f64
}

/// How many threads to use: every core, at most one per 64 paths.
fn threads_for(paths: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.min(paths.div_ceil(64)).clamp(1, 64)
}

/// Runs `settings.paths` paths of the scenario. `None` only when `progress` was cancelled.
/// The settings must be valid ([`ProjectionSettings::validate`]).
pub fn monte_carlo(
    scenario: &Scenario,
    settings: &ProjectionSettings,
    progress: &Progress,
) -> Option<MonteCarlo> {
    let plan = Plan::new(scenario, settings);
    let shocks = Shocks::of(settings);
    let n = settings.paths.max(1) as usize;
    let width = plan.months as usize + 1;
    let mut cumulative = vec![0.0; n * width];
    let mut totals = vec![PathTotals::default(); n];
    let threads = threads_for(n);
    let irr_guess = calm_irr_guess(&plan, shocks, width);
    let paths = PathRun {
        plan: &plan,
        shocks,
        seed: settings.seed,
        width,
        irr_guess,
        progress,
    };
    let finished = paths.run_all(&mut cumulative, &mut totals, threads);
    if !finished || progress.is_cancelled() {
        return None;
    }
    progress.done.store(n as u32, Ordering::Relaxed);
    let by_month = month_statistics(&cumulative, n, width, threads);
    let payback_probability_by_month = payback_probability_by_month(&totals, width);
    Some(summarize_paths(
        &plan,
        settings,
        &totals,
        &by_month,
        payback_probability_by_month,
    ))
}

/// The monthly IRR the paths' searches start from: their rates cluster around the
/// deterministic one (0, as the deterministic projection's own search starts, when every path
/// is that projection or it has no IRR).
fn calm_irr_guess(plan: &Plan, shocks: Shocks, width: usize) -> f64 {
    let calm_run = shocks.price_sd == 0.0 && shocks.difficulty_sd == 0.0;
    if calm_run {
        return 0.0;
    }
    let calm = Shocks {
        price_sd: 0.0,
        difficulty_sd: 0.0,
        ..shocks
    };
    let (mut cum, mut flows) = (vec![0.0; width], vec![0.0; width]);
    let t = run_path(plan, calm, Rng::for_stream(0, 0), &mut cum, &mut flows, 0.0);
    if t.irr_monthly.is_nan() {
        0.0
    } else {
        t.irr_monthly
    }
}

/// What every path shares: the plan, the shocks' law, the seed and where the IRR search
/// starts; `width` is a path's months plus its start.
struct PathRun<'a> {
    plan: &'a Plan,
    shocks: Shocks,
    seed: u64,
    width: usize,
    irr_guess: f64,
    progress: &'a Progress,
}

impl PathRun<'_> {
    /// Runs every path into `cumulative` (`width` values a path) and `totals` on `threads`
    /// threads, each a contiguous block; path k's numbers depend on k alone. False when
    /// cancelled.
    fn run_all(&self, cumulative: &mut [f64], totals: &mut [PathTotals], threads: usize) -> bool {
        let per_thread = totals.len().div_ceil(threads);
        let width = self.width;
        std::thread::scope(|scope| {
            let handles: Vec<_> = cumulative
                .chunks_mut(per_thread * width)
                .zip(totals.chunks_mut(per_thread))
                .enumerate()
                .map(|(t, (cum_block, totals_block))| {
                    scope.spawn(move || self.run_block(t * per_thread, cum_block, totals_block))
                })
                .collect();
            handles
                .into_iter()
                .all(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    }

    /// Runs the paths from number `first` on, one for each of `totals`. False when cancelled.
    fn run_block(&self, first: usize, cum_block: &mut [f64], totals: &mut [PathTotals]) -> bool {
        let mut flows = vec![0.0; self.width];
        for (i, (cum, out)) in cum_block
            .chunks_mut(self.width)
            .zip(totals.iter_mut())
            .enumerate()
        {
            if i % 32 == 0 && self.progress.is_cancelled() {
                return false;
            }
            let k = (first + i) as u64;
            *out = run_path(
                self.plan,
                self.shocks,
                Rng::for_stream(self.seed, k),
                cum,
                &mut flows,
                self.irr_guess,
            );
            if i % 32 == 31 {
                self.progress.done.fetch_add(32, Ordering::Relaxed);
            }
        }
        true
    }
}

/// Each month's percentiles and mean of the paths' cumulative cash flow (`n` paths of
/// `width` months): the months shared out between the threads.
fn month_statistics(
    cumulative: &[f64],
    n: usize,
    width: usize,
    threads: usize,
) -> Vec<([f64; 5], f64)> {
    let month_threads = threads.min(width);
    let per_month_thread = width.div_ceil(month_threads);
    let mut by_month = vec![([0.0; 5], 0.0); width];
    std::thread::scope(|scope| {
        for (t, block) in by_month.chunks_mut(per_month_thread).enumerate() {
            scope.spawn(move || {
                // Eight months' columns gathered in one pass over the paths: the eight values
                // of a path share a cache line, where one column at a time read a line for each.
                const GATHER: usize = 8;
                let mut columns = vec![vec![0.0; n]; GATHER];
                let first_month = t * per_month_thread;
                for (g, slots) in block.chunks_mut(GATHER).enumerate() {
                    let m0 = first_month + g * GATHER;
                    let k = slots.len();
                    for p in 0..n {
                        let row = &cumulative[p * width + m0..p * width + m0 + k];
                        for (column, &value) in columns.iter_mut().zip(row) {
                            column[p] = value;
                        }
                    }
                    for (slot, column) in slots.iter_mut().zip(&mut columns) {
                        let average = mean(column.iter().copied(), n);
                        *slot = (percentiles(column, PERCENTILES), average);
                    }
                }
            });
        }
    });
    by_month
}

/// For each month of `width`, the share of the paths paid back by then.
fn payback_probability_by_month(totals: &[PathTotals], width: usize) -> Vec<f64> {
    let n = totals.len();
    let mut paid_by = vec![0u32; width];
    for t in totals {
        if let Some(slot) = paid_by.get_mut(t.payback as usize) {
            *slot += 1;
        }
    }
    let mut paid = 0u32;
    paid_by
        .iter()
        .map(|&count| {
            paid += count;
            f64::from(paid) / n as f64
        })
        .collect()
}

/// The paths' statistics from their totals and their months' statistics.
fn summarize_paths(
    plan: &Plan,
    settings: &ProjectionSettings,
    totals: &[PathTotals],
    by_month: &[([f64; 5], f64)],
    payback_probability_by_month: Vec<f64>,
) -> MonteCarlo {
    let n = totals.len();
    let column = |pick: fn(&PathTotals) -> f64| totals.iter().map(pick).collect::<Vec<f64>>();
    let median = |mut values: Vec<f64>| percentiles(&mut values, [50.0])[0];
    let revenue = column(|t| t.revenue);
    let revenue_mean = mean(revenue.iter().copied(), n);
    let revenue_sd = if n > 1 {
        (revenue
            .iter()
            .map(|r| (r - revenue_mean) * (r - revenue_mean))
            .sum::<f64>()
            / (n - 1) as f64)
            .sqrt()
    } else {
        0.0
    };
    // A path without an IRR ranks below every rate when it lost money (nothing came back) and
    // above every rate when it made some without an outlay.
    let irr_keys = column(|t| {
        if t.irr_monthly.is_nan() {
            if t.net < 0.0 {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        } else {
            t.irr_monthly
        }
    });
    let irr_median = median(irr_keys);
    let btc = column(|t| t.btc);
    let npv = column(|t| t.npv);
    MonteCarlo {
        paths: n as u32,
        seed: settings.seed,
        months: plan.months,
        cumulative_cash_flow_usd: by_month.iter().map(|(p, _)| *p).collect(),
        cumulative_cash_flow_mean_usd: by_month.iter().map(|(_, m)| *m).collect(),
        payback_probability: payback_probability_by_month
            .last()
            .copied()
            .unwrap_or_default(),
        payback_probability_by_month,
        btc_mined_mean: mean(btc.iter().copied(), n),
        btc_mined_p50: median(btc),
        revenue_usd_mean: revenue_mean,
        revenue_usd_standard_error: revenue_sd / (n as f64).sqrt(),
        npv_usd_mean: mean(npv.iter().copied(), n),
        npv_usd_p50: median(npv),
        irr_pct_p50: irr_median
            .is_finite()
            .then(|| investment::annualised(irr_median) * 100.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::project;
    use crate::model::scenario::SubsidySpec;
    use crate::model::texas;

    fn run(scenario: &Scenario, settings: &ProjectionSettings) -> MonteCarlo {
        settings.validate().expect("valid settings");
        monte_carlo(scenario, settings, &Progress::new()).expect("not cancelled")
    }

    #[test]
    fn without_volatility_every_path_is_the_deterministic_projection() {
        let scenario = texas();
        for settings in [
            ProjectionSettings {
                months: 60,
                difficulty_growth_pct_per_year: 25.0,
                btc_price_growth_pct_per_year: 12.0,
                halving_difficulty_drop_pct: 8.0,
                hardware_resale_pct: 10.0,
                btc_price_volatility_pct_per_year: 0.0,
                difficulty_volatility_pct_per_year: 0.0,
                paths: 300,
                ..ProjectionSettings::default()
            },
            ProjectionSettings {
                months: 48,
                difficulty_growth_pct_per_year: 100.0,
                switch_off_when_losing: true,
                loan_usd: 300_000.0,
                loan_months: 60,
                hosting_usd_per_kwh: Some(0.07),
                hosting_profit_share_pct: 15.0,
                btc_price_volatility_pct_per_year: 0.0,
                difficulty_volatility_pct_per_year: 0.0,
                paths: 257,
                ..ProjectionSettings::default()
            },
        ] {
            let p = project(&scenario, &settings);
            let mc = run(&scenario, &settings);
            assert_eq!(mc.cumulative_cash_flow_usd[0], [-p.equity_usd; 5]);
            for (m, month) in p.months.iter().enumerate() {
                let row = mc.cumulative_cash_flow_usd[m + 1];
                assert_eq!(row, [month.cumulative_cash_flow_usd; 5], "month {}", m + 1);
            }
            assert_eq!(mc.npv_usd_p50, p.npv_usd);
            assert_eq!(mc.btc_mined_p50, p.total_btc);
            assert_eq!(mc.irr_pct_p50, p.irr_pct);
            let expected = if p.payback_month.is_some() { 1.0 } else { 0.0 };
            assert_eq!(mc.payback_probability, expected);
            if let Some(month) = p.payback_month {
                let by = &mc.payback_probability_by_month;
                assert_eq!(by[month as usize], 1.0);
                assert_eq!(by[month as usize - 1], 0.0);
            }
        }
    }

    fn uncertain(paths: u32, seed: u64) -> ProjectionSettings {
        ProjectionSettings {
            months: 48,
            difficulty_growth_pct_per_year: 30.0,
            btc_price_growth_pct_per_year: 10.0,
            halving_difficulty_drop_pct: 10.0,
            hardware_resale_pct: 10.0,
            paths,
            seed,
            ..ProjectionSettings::default()
        }
    }

    #[test]
    fn percentiles_are_ordered_and_the_fan_widens() {
        let mc = run(&texas(), &uncertain(2000, 7));
        assert_eq!(mc.cumulative_cash_flow_usd.len(), 49);
        for row in &mc.cumulative_cash_flow_usd {
            assert!(row.windows(2).all(|w| w[0] <= w[1]), "{row:?}");
        }
        let spread = |m: usize| {
            let r = mc.cumulative_cash_flow_usd[m];
            r[4] - r[0]
        };
        assert!(spread(48) > spread(12) && spread(12) > spread(1));
        assert!(
            mc.payback_probability_by_month
                .windows(2)
                .all(|w| w[0] <= w[1])
        );
        assert!((0.0..=1.0).contains(&mc.payback_probability));
    }

    #[test]
    fn the_same_seed_gives_the_same_numbers_and_another_seed_others() {
        let scenario = texas();
        let a = run(&scenario, &uncertain(500, 42));
        let b = run(&scenario, &uncertain(500, 42));
        assert_eq!(a, b);
        let c = run(&scenario, &uncertain(500, 43));
        assert_ne!(a.npv_usd_p50, c.npv_usd_p50);
        // A path's numbers depend on its index alone: the first 100 of 500 paths are the
        // 100 paths of a smaller run, whatever the threads did.
        let plan = Plan::new(&scenario, &uncertain(500, 42));
        let shocks = Shocks::of(&uncertain(500, 42));
        let mut cum = vec![0.0; 49];
        let mut flows = vec![0.0; 49];
        let first = run_path(
            &plan,
            shocks,
            Rng::for_stream(42, 0),
            &mut cum,
            &mut flows,
            0.0,
        );
        let again = run_path(
            &plan,
            shocks,
            Rng::for_stream(42, 0),
            &mut cum.clone(),
            &mut flows,
            0.0,
        );
        assert_eq!(first.npv, again.npv);
    }

    #[test]
    fn the_mean_revenue_is_the_log_normal_mean() {
        // No halvings (the subsidy is given), no difficulty volatility: each month's BTC is
        // fixed and only the price is random, so E[revenue] = Σ btc_m × P₀ (1 + g)^(m/12)
        // × exp(σ² m / 24) exactly.
        let mut scenario = texas();
        scenario.market.subsidy = SubsidySpec::Btc(3.125);
        let settings = ProjectionSettings {
            months: 36,
            btc_price_growth_pct_per_year: 20.0,
            btc_price_volatility_pct_per_year: 60.0,
            difficulty_volatility_pct_per_year: 0.0,
            difficulty_growth_pct_per_year: 15.0,
            paths: 20_000,
            seed: 2024,
            ..ProjectionSettings::default()
        };
        let p = project(&scenario, &settings);
        let sigma = 0.6f64;
        let expected: f64 = p
            .months
            .iter()
            .enumerate()
            .map(|(m, month)| month.revenue_usd * (sigma * sigma * m as f64 / 24.0).exp())
            .sum();
        let mc = run(&scenario, &settings);
        let error = (mc.revenue_usd_mean - expected).abs();
        assert!(
            error < 3.0 * mc.revenue_usd_standard_error,
            "mean {} vs {expected}: {error} > 3 × {}",
            mc.revenue_usd_mean,
            mc.revenue_usd_standard_error
        );
        // And the median path grows at g: the median revenue is below the mean.
        assert!(mc.revenue_usd_mean > p.total_revenue_usd);
    }

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        let mut v: Vec<f64> = (0..=100).rev().map(f64::from).collect();
        assert_eq!(
            percentiles(&mut v, PERCENTILES),
            [5.0, 25.0, 50.0, 75.0, 95.0]
        );
        let mut v = vec![4.0, 1.0, 3.0, 2.0];
        // Rank (n − 1) × 0.5 = 1.5: halfway between 2 and 3.
        assert_eq!(percentiles(&mut v, [50.0, 0.0, 100.0]), [2.5, 1.0, 4.0]);
        let mut one = vec![7.0];
        assert_eq!(percentiles(&mut one, PERCENTILES), [7.0; 5]);
    }

    #[test]
    fn a_cancelled_run_stops() {
        let progress = Progress::new();
        progress.cancel();
        assert_eq!(monte_carlo(&texas(), &uncertain(5000, 1), &progress), None);
    }
}
