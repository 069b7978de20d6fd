//! A fleet's rates per day: hashrate running, BTC mined, its share of the network; and the
//! calendar the engine counts in.

use super::bitcoin::BLOCKS_PER_DAY;
use super::energy::IntensityBand;
use super::scenario::Scenario;

/// Days in a year (Julian year, as CBECI's 8,766 hours).
pub const DAYS_PER_YEAR: f64 = 365.25;
/// Days in a month: a twelfth of a year.
pub const DAYS_PER_MONTH: f64 = DAYS_PER_YEAR / 12.0;

/// `a / b`, or `None` when `b` is zero or the result is not a finite number.
pub fn ratio(a: f64, b: f64) -> Option<f64> {
    if b == 0.0 {
        return None;
    }
    let r = a / b;
    r.is_finite().then_some(r)
}

/// Several figures divided by the same number: one division, then a multiplication each.
/// Divisions were most of an evaluation's time; a product with the reciprocal differs from the
/// quotient by at most one unit in the last place.
#[derive(Clone, Copy, Debug)]
pub struct Divisor {
    reciprocal: f64,
}

impl Divisor {
    pub fn new(b: f64) -> Divisor {
        Divisor {
            reciprocal: 1.0 / b,
        }
    }

    /// `a / b` as [`ratio`] gives it: `None` when `b` is zero or the result is not finite
    /// (a zero `b` has an infinite reciprocal, so every product is infinite or NaN).
    pub fn divide(self, a: f64) -> Option<f64> {
        let r = a * self.reciprocal;
        r.is_finite().then_some(r)
    }
}

/// Rates of the fleet that do not depend on the market: power, energy, emissions, and what the
/// levers change about them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FleetRates {
    pub hashrate_ths: f64,
    pub it_power_w: f64,
    pub power_kw: f64,
    /// Uptime after any curtailment, %.
    pub uptime_pct: f64,
    pub energy_kwh_per_day: f64,
    /// The intensity of what the site consumes (grid, generator, renewable blend).
    pub intensity: IntensityBand,
    /// The price of what the site consumes, USD/kWh.
    pub price_usd_per_kwh: f64,
    pub co2_kg_per_day: f64,
    pub hardware_cost_usd: f64,
    /// Credit for energy not consumed under demand response, USD/day.
    pub curtailment_credit_usd_per_day: f64,
    /// Heat sold, USD/day.
    pub heat_revenue_usd_per_day: f64,
}

impl FleetRates {
    // Inlined: called apart, the rates went through memory between two functions.
    #[inline]
    pub fn of(scenario: &Scenario) -> FleetRates {
        // One pass, three sums (each in the fleet's order, as three passes would add them).
        let (mut hashrate_ths, mut it_power_w, mut hardware_cost_usd) = (-0.0, -0.0, -0.0);
        for g in &scenario.fleet {
            let units = f64::from(g.units);
            hashrate_ths += units * g.hashrate_ths;
            it_power_w += units * g.power_w;
            hardware_cost_usd += units * g.unit_cost_usd;
        }
        let site = &scenario.site;
        let levers = &scenario.levers;
        // Constant divisors are written as products with their reciprocals (see `Divisor`).
        let power_kw = it_power_w * site.pue * 1e-3;
        let planned_kwh_per_day = power_kw * 24.0 * site.uptime_pct * 0.01;
        let running = levers.running_fraction();
        let energy_kwh_per_day = planned_kwh_per_day * running;
        let intensity = levers.supply_intensity(site.grid.intensity());
        // Each lever's arithmetic only when it is present (see `levers.rs` on why it is not
        // inlined).
        let curtailment_credit_usd_per_day = match &levers.curtailment {
            Some(c) => c.credit_usd_per_day(planned_kwh_per_day, running),
            None => 0.0,
        };
        let heat_revenue_usd_per_day = match &levers.heat_reuse {
            Some(h) => h.revenue_usd_per_day(energy_kwh_per_day),
            None => 0.0,
        };
        FleetRates {
            hashrate_ths,
            it_power_w,
            power_kw,
            uptime_pct: site.uptime_pct * running,
            energy_kwh_per_day,
            intensity,
            price_usd_per_kwh: levers.supply_price(site.electricity_usd_per_kwh),
            co2_kg_per_day: energy_kwh_per_day * intensity.central_g_per_kwh * 1e-3,
            hardware_cost_usd,
            curtailment_credit_usd_per_day,
            heat_revenue_usd_per_day,
        }
    }
}

/// Expected BTC a day for `hashrate_ths` at `uptime_pct` against a network of `network_hs`
/// (given as its [`Divisor`]), after the pool's fee:
/// `H×1e12 × uptime / N × 144 × (subsidy + fees) × (1 − pool fee)`.
pub fn btc_per_day(
    hashrate_ths: f64,
    uptime_pct: f64,
    network_hs: Divisor,
    reward_btc_per_block: f64,
    pool_fee_pct: f64,
) -> f64 {
    network_hs
        .divide(hashrate_ths * 1e12 * uptime_pct * 0.01)
        .unwrap_or(0.0)
        * BLOCKS_PER_DAY
        * reward_btc_per_block
        * (1.0 - pool_fee_pct * 0.01)
}

/// A fleet's running hashes a second: `H × 1e12 × uptime`.
#[inline(always)]
pub(super) fn running_hs(hashrate_ths: f64, uptime_pct: f64) -> f64 {
    hashrate_ths * 1e12 * uptime_pct * 0.01
}

/// The scenario's running fleet as a % of a network of `network_hs` (counted as at least the
/// fleet, which is part of it): above [`crate::history::backtest::NETWORK_SHARE_WARNING_PCT`]
/// the results warn.
pub fn network_share_pct(scenario: &Scenario, network_hs: f64) -> f64 {
    let rates = FleetRates::of(scenario);
    let fleet_hs = running_hs(rates.hashrate_ths, rates.uptime_pct);
    let network_hs = network_hs.max(fleet_hs);
    if network_hs > 0.0 {
        fleet_hs / network_hs * 100.0
    } else {
        0.0
    }
}
