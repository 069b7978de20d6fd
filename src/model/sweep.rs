//! Evaluations over a grid of electricity price × BTC price (heat maps, break-even contours,
//! `hashwatt sweep`). Each point is a full [`evaluate`] of the scenario with the two prices
//! changed, so a grid cell is exactly the figure a single report would give.

use super::evaluate::{Evaluation, evaluate};
use super::scenario::Scenario;

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

/// Calls `visit(i, j, evaluation)` for every electricity price `i` × BTC price `j`, row by row
/// (electricity outer). Allocation-free: one copy of the scenario is reused.
pub fn electricity_by_btc_price(
    scenario: &Scenario,
    electricity_usd_per_kwh: &[f64],
    btc_price_usd: &[f64],
    mut visit: impl FnMut(usize, usize, &Evaluation),
) {
    let mut s = scenario.clone();
    for (i, &price) in electricity_usd_per_kwh.iter().enumerate() {
        s.site.electricity_usd_per_kwh = price;
        for (j, &btc) in btc_price_usd.iter().enumerate() {
            s.market.btc_price_usd = btc;
            visit(i, j, &evaluate(&s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linspace_includes_both_ends() {
        assert_eq!(linspace(0.0, 1.0, 5), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(linspace(2.0, 9.0, 1), [2.0]);
        assert!(linspace(0.0, 1.0, 0).is_empty());
    }
}
