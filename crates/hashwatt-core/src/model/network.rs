//! The whole Bitcoin network's power, energy and carbon, in the manner of the Cambridge Bitcoin
//! Electricity Consumption Index (CBECI): a bottom-up estimate from the network hashrate and the
//! efficiency of the machines that can mine at a profit, with a lower bound, a best guess and
//! an upper bound. And the hashrate-weighted grid intensity of a mining map.
//!
//! Plain numbers in, plain numbers out: power from an efficiency and a hashrate, regions as
//! their share of the hashrate and their intensity. Which machines count, and how they are
//! weighted, is Cambridge's method month by month (`history::cbeci`).

use super::bitcoin::BLOCKS_PER_DAY;
use super::rates::DAYS_PER_YEAR;
use serde::Serialize;

/// Hours in a year of 365.25 days, as CBECI annualises: 8,766.
pub const HOURS_PER_YEAR: f64 = DAYS_PER_YEAR * 24.0;
/// CBECI's PUE for the lower bound: the most efficient profitable machine in an ideal facility.
pub const PUE_LOWER: f64 = 1.01;
/// CBECI's PUE for the best guess.
pub const PUE_BEST_GUESS: f64 = 1.10;
/// CBECI's PUE for the upper bound: the least efficient profitable machine.
pub const PUE_UPPER: f64 = 1.20;
/// CBECI's default electricity price for miners, USD/kWh.
pub const CBECI_ELECTRICITY_USD_PER_KWH: f64 = 0.05;
/// Revenue per TH/s per day, USD: `1e12 / N × 144 × (subsidy + fees) × BTC price` (the
/// engine's hashprice per TH rather than per PH; 0 for a network of no hashrate).
pub fn revenue_usd_per_th_day(
    network_hs: f64,
    reward_btc_per_block: f64,
    btc_price_usd: f64,
) -> f64 {
    if network_hs > 0.0 {
        1e12 / network_hs * BLOCKS_PER_DAY * reward_btc_per_block * btc_price_usd
    } else {
        0.0
    }
}

/// What the power for one TH/s costs in a day, USD: `J/TH × 24 / 1000 × price`.
pub fn power_cost_usd_per_th_day(efficiency_j_per_th: f64, electricity_usd_per_kwh: f64) -> f64 {
    efficiency_j_per_th * 24.0 / 1000.0 * electricity_usd_per_kwh
}

/// CBECI's profitability threshold: a machine is profitable when its power costs less than the
/// revenue its hashrate earns.
pub fn is_profitable(
    efficiency_j_per_th: f64,
    electricity_usd_per_kwh: f64,
    revenue_usd_per_th_day: f64,
) -> bool {
    power_cost_usd_per_th_day(efficiency_j_per_th, electricity_usd_per_kwh) < revenue_usd_per_th_day
}

/// The efficiency at which a machine just breaks even: `revenue / (24 / 1000 × price)`;
/// undefined when power is free (every machine is then profitable while there is revenue).
pub fn break_even_efficiency_j_per_th(
    revenue_usd_per_th_day: f64,
    electricity_usd_per_kwh: f64,
) -> Option<f64> {
    (electricity_usd_per_kwh > 0.0)
        .then(|| revenue_usd_per_th_day / (24.0 / 1000.0 * electricity_usd_per_kwh))
}

/// Network power, GW: `J/TH × H [TH/s] / 1e9 × PUE`.
pub fn power_gw(efficiency_j_per_th: f64, hashrate_ths: f64, pue: f64) -> f64 {
    efficiency_j_per_th * hashrate_ths / 1e9 * pue
}

/// Energy over a year of 8,766 hours, TWh: `GW × 8766 / 1000`.
pub fn energy_twh_per_year(power_gw: f64) -> f64 {
    power_gw * HOURS_PER_YEAR / 1000.0
}

/// Emissions, Mt CO₂e a year: `TWh × g/kWh / 1000` (1 TWh = 1e9 kWh, 1 Mt = 1e12 g).
pub fn co2_mt_per_year(energy_twh_per_year: f64, intensity_g_per_kwh: f64) -> f64 {
    energy_twh_per_year * intensity_g_per_kwh / 1000.0
}

/// One estimate of the network: the efficiency and PUE it assumes, and what follows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Bound {
    pub efficiency_j_per_th: f64,
    pub pue: f64,
    pub power_gw: f64,
    pub energy_twh_per_year: f64,
    pub co2_mt_per_year: f64,
}

impl Bound {
    pub fn new(efficiency_j_per_th: f64, pue: f64, hashrate_ths: f64, intensity: f64) -> Bound {
        Bound::of_power(
            efficiency_j_per_th,
            pue,
            power_gw(efficiency_j_per_th, hashrate_ths, pue),
            intensity,
        )
    }

    /// A bound whose power is already known (Cambridge's band).
    pub fn of_power(efficiency_j_per_th: f64, pue: f64, power_gw: f64, intensity: f64) -> Bound {
        let energy_twh_per_year = energy_twh_per_year(power_gw);
        Bound {
            efficiency_j_per_th,
            pue,
            power_gw,
            energy_twh_per_year,
            co2_mt_per_year: co2_mt_per_year(energy_twh_per_year, intensity),
        }
    }
}

/// Where the best guess's efficiency came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum BestGuessBasis {
    /// The age-weighted basket of profitable machines.
    Basket,
    /// The efficiency the user gave.
    Given,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NetworkEstimate {
    /// The most efficient profitable machine × 1.01; none when no machine is profitable.
    pub lower: Option<Bound>,
    pub best_guess: Option<Bound>,
    pub best_guess_basis: BestGuessBasis,
    /// The least efficient profitable machine × 1.20; none when no machine is profitable.
    pub upper: Option<Bound>,
    /// Machines less efficient than this lose money (none when power is free).
    pub break_even_efficiency_j_per_th: Option<f64>,
    /// Machines of the basket in their five-year window that are profitable.
    pub profitable_machines: usize,
    /// Machines in the best-guess basket (0 when the efficiency was given).
    pub basket_machines: usize,
}

/// One region's part of a mining map.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RegionShare {
    /// Percent of the network's hashrate.
    pub share_pct: f64,
    pub intensity_g_per_kwh: f64,
}

/// The hashrate-weighted grid intensity of a mining map.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeightedIntensity {
    pub intensity_g_per_kwh: f64,
    /// The shares given, summed (%).
    pub attributed_pct: f64,
    /// The rest of the network, counted at the fallback intensity (%).
    pub unattributed_pct: f64,
    /// Each region's part of the intensity, g/kWh, in the order given: `share × intensity / 100`.
    pub contributions_g_per_kwh: Vec<f64>,
    /// The unattributed hashrate's part, g/kWh.
    pub unattributed_g_per_kwh: f64,
}

/// `Σ share × intensity + (100 − Σ share) × fallback`, over 100: unattributed hashrate counts at
/// the fallback intensity (the world average). Shares summing to more than 100 (rounding) are
/// scaled to 100 and leave nothing unattributed.
pub fn weighted_intensity(shares: &[RegionShare], fallback_g_per_kwh: f64) -> WeightedIntensity {
    let attributed_pct: f64 = shares.iter().map(|s| s.share_pct).sum();
    let unattributed_pct = (100.0 - attributed_pct).max(0.0);
    let total = attributed_pct.max(100.0);
    let contributions_g_per_kwh: Vec<f64> = shares
        .iter()
        .map(|s| s.share_pct * s.intensity_g_per_kwh / total)
        .collect();
    let unattributed_g_per_kwh = unattributed_pct * fallback_g_per_kwh / total;
    WeightedIntensity {
        intensity_g_per_kwh: contributions_g_per_kwh.iter().sum::<f64>() + unattributed_g_per_kwh,
        attributed_pct,
        unattributed_pct,
        contributions_g_per_kwh,
        unattributed_g_per_kwh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn cambridge_2024_is_138_twh_at_28_2_j_per_th() {
        // Cambridge Digital Mining Industry Report (April 2025): 28.2 J/TH for the 2024 fleet,
        // about 15.7 GW on average, 138 TWh for the year. 15.7 GW at 28.2 J/TH is 557 EH/s
        // (PUE 1: the report's efficiency is taken as the fleet's at the wall).
        let gw = power_gw(28.2, 557e6, 1.0);
        let twh = energy_twh_per_year(gw);
        assert!(close(gw, 15.7, 0.05), "{gw} GW");
        assert!(close(twh, 138.0, 0.5), "{twh} TWh");
        assert_eq!(HOURS_PER_YEAR, 8766.0);
        // And 138 TWh back to its average power: 15.74 GW.
        assert!(close(138.0 * 1000.0 / HOURS_PER_YEAR, 15.74, 0.01));
    }

    #[test]
    fn power_energy_and_carbon_formulas() {
        // 20 J/TH × 1,000 EH/s (1e9 TH/s) / 1e9 × 1.1 = 22 GW.
        assert!(close(power_gw(20.0, 1e9, 1.1), 22.0, 1e-9));
        assert!(close(energy_twh_per_year(1.0), 8.766, 1e-12));
        // 100 TWh at 500 g/kWh: 1e11 kWh × 500 g = 5e13 g = 50 Mt.
        assert!(close(co2_mt_per_year(100.0, 500.0), 50.0, 1e-9));
        let b = Bound::new(20.0, 1.1, 1e9, 500.0);
        assert!(close(b.energy_twh_per_year, 22.0 * 8.766, 1e-9));
        assert!(close(b.co2_mt_per_year, 22.0 * 8.766 * 0.5, 1e-9));
    }

    #[test]
    fn revenue_is_the_engines_hashprice_per_th() {
        // Hashrate Index, 2021-08-07: difficulty 14.5 T, BTC $43,629, subsidy 6.25 and fees
        // 1.34 % of the reward: $0.3835 per TH/s per day.
        let network = crate::model::bitcoin::hashrate_from_difficulty_hs(14.5e12);
        let fees = crate::model::bitcoin::fees_from_reward_share(6.25, 0.0134);
        let revenue = revenue_usd_per_th_day(network, 6.25 + fees, 43_629.0);
        assert!(close(revenue, 0.3835, 0.0005), "{revenue}");
        assert_eq!(revenue_usd_per_th_day(0.0, 3.125, 90_000.0), 0.0);
    }

    #[test]
    fn profitability_threshold() {
        // At $0.05/kWh a 20 J/TH machine's power costs 20 × 0.024 × 0.05 = $0.024 per TH a day.
        assert!(close(power_cost_usd_per_th_day(20.0, 0.05), 0.024, 1e-12));
        assert!(is_profitable(20.0, 0.05, 0.025));
        assert!(
            !is_profitable(20.0, 0.05, 0.024),
            "break-even is not profit"
        );
        assert!(!is_profitable(20.0, 0.05, 0.02));
        let threshold = break_even_efficiency_j_per_th(0.024, 0.05).unwrap();
        assert!(close(threshold, 20.0, 1e-9));
        // Free power: everything is profitable while there is revenue; nothing is without it.
        assert_eq!(break_even_efficiency_j_per_th(0.024, 0.0), None);
        assert!(is_profitable(98.0, 0.0, 0.001));
        assert!(!is_profitable(98.0, 0.0, 0.0));
    }

    #[test]
    fn unattributed_hashrate_counts_at_the_fallback() {
        let shares = [
            RegionShare {
                share_pct: 50.0,
                intensity_g_per_kwh: 800.0,
            },
            RegionShare {
                share_pct: 30.0,
                intensity_g_per_kwh: 100.0,
            },
        ];
        let w = weighted_intensity(&shares, 500.0);
        // 0.5 × 800 + 0.3 × 100 + 0.2 × 500 = 530.
        assert!(close(w.intensity_g_per_kwh, 530.0, 1e-9));
        assert!(close(w.unattributed_pct, 20.0, 1e-9));
        assert!(close(w.unattributed_g_per_kwh, 100.0, 1e-9));
        let parts: f64 = w.contributions_g_per_kwh.iter().sum::<f64>() + w.unattributed_g_per_kwh;
        assert!(close(parts, w.intensity_g_per_kwh, 1e-9));
        // Nothing attributed: the fallback itself.
        assert!(close(
            weighted_intensity(&[], 472.94).intensity_g_per_kwh,
            472.94,
            1e-9
        ));
        // Rounding past 100 scales down instead of weighing more than the whole network.
        let over = [
            RegionShare {
                share_pct: 60.05,
                intensity_g_per_kwh: 100.0,
            },
            RegionShare {
                share_pct: 40.0,
                intensity_g_per_kwh: 100.0,
            },
        ];
        let w = weighted_intensity(&over, 900.0);
        assert!(close(w.intensity_g_per_kwh, 100.0, 1e-9));
        assert_eq!(w.unattributed_pct, 0.0);
    }
}
