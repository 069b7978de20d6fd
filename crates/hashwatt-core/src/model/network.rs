//! The whole Bitcoin network's power, energy and carbon, in the manner of the Cambridge Bitcoin
//! Electricity Consumption Index (CBECI): a bottom-up estimate from the network hashrate and the
//! efficiency of the machines that can mine at a profit, with a lower bound, a best guess and
//! an upper bound. And the hashrate-weighted grid intensity of a mining map.
//!
//! Plain numbers in, plain numbers out: machines are given as their efficiency and release
//! year, regions as their share of the hashrate and their intensity.

use super::bitcoin::BLOCKS_PER_DAY;
use super::evaluate::DAYS_PER_YEAR;
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
/// Weights of the best-guess basket by a machine's age in years (0: released in the snapshot's
/// year), over a five-year eligibility window (Cambridge's 2023 revision).
pub const AGE_WEIGHTS: [f64; 5] = [1.0, 0.8, 0.6, 0.4, 0.2];

/// A machine model as the estimate sees it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Machine {
    pub efficiency_j_per_th: f64,
    pub release_year: u16,
}

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

/// A machine's weight in the best-guess basket of a year: by its age, within five years;
/// none if it is older or not yet released.
pub fn age_weight(release_year: u16, snapshot_year: u16) -> Option<f64> {
    let age = snapshot_year.checked_sub(release_year)?;
    AGE_WEIGHTS.get(usize::from(age)).copied()
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
        let power_gw = power_gw(efficiency_j_per_th, hashrate_ths, pue);
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

/// The best-guess basket: the profitable machines released in the snapshot's year and the four
/// before, each weighted by its age. Returns the weighted mean efficiency (J/TH) and how many
/// machines it averages; none when no machine qualifies.
pub fn basket_efficiency(
    machines: &[Machine],
    year: u16,
    electricity_usd_per_kwh: f64,
    revenue_usd_per_th_day: f64,
) -> Option<(f64, usize)> {
    let (mut weighted, mut weights, mut count) = (0.0, 0.0, 0);
    for m in machines {
        let Some(w) = age_weight(m.release_year, year) else {
            continue;
        };
        if is_profitable(
            m.efficiency_j_per_th,
            electricity_usd_per_kwh,
            revenue_usd_per_th_day,
        ) {
            weighted += w * m.efficiency_j_per_th;
            weights += w;
            count += 1;
        }
    }
    (count > 0).then(|| (weighted / weights, count))
}

/// What the estimate needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkInputs<'a> {
    pub hashrate_ths: f64,
    /// Revenue per TH/s per day, USD (see [`revenue_usd_per_th_day`]).
    pub revenue_usd_per_th_day: f64,
    pub electricity_usd_per_kwh: f64,
    /// The year the market describes: machines released later are not counted.
    pub year: u16,
    /// The machine models there are (no reference rows such as CPUs or GPUs).
    pub machines: &'a [Machine],
    /// A fleet efficiency to use for the best guess instead of the basket.
    pub efficiency_j_per_th: Option<f64>,
    /// The best guess's PUE ([`PUE_BEST_GUESS`] unless the user says otherwise).
    pub pue: f64,
    pub intensity_g_per_kwh: f64,
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
    /// Machines released by the snapshot's year that are profitable.
    pub profitable_machines: usize,
    /// Machines in the best-guess basket (0 when the efficiency was given).
    pub basket_machines: usize,
}

/// The network's lower bound, best guess and upper bound.
pub fn estimate(inputs: &NetworkInputs) -> NetworkEstimate {
    let price = inputs.electricity_usd_per_kwh;
    let revenue = inputs.revenue_usd_per_th_day;
    let profitable: Vec<f64> = inputs
        .machines
        .iter()
        .filter(|m| m.release_year <= inputs.year)
        .filter(|m| is_profitable(m.efficiency_j_per_th, price, revenue))
        .map(|m| m.efficiency_j_per_th)
        .collect();
    let bound =
        |j: f64, pue: f64| Bound::new(j, pue, inputs.hashrate_ths, inputs.intensity_g_per_kwh);
    let best = profitable.iter().copied().reduce(f64::min);
    let worst = profitable.iter().copied().reduce(f64::max);
    let (best_guess, basis, basket_machines) = match inputs.efficiency_j_per_th {
        Some(j) => (Some(bound(j, inputs.pue)), BestGuessBasis::Given, 0),
        None => match basket_efficiency(inputs.machines, inputs.year, price, revenue) {
            Some((j, n)) => (Some(bound(j, inputs.pue)), BestGuessBasis::Basket, n),
            None => (None, BestGuessBasis::Basket, 0),
        },
    };
    NetworkEstimate {
        lower: best.map(|j| bound(j, PUE_LOWER)),
        best_guess,
        best_guess_basis: basis,
        upper: worst.map(|j| bound(j, PUE_UPPER)),
        break_even_efficiency_j_per_th: break_even_efficiency_j_per_th(revenue, price),
        profitable_machines: profitable.len(),
        basket_machines,
    }
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

    /// A small hardware list: one model a year.
    const MACHINES: [Machine; 6] = [
        Machine {
            efficiency_j_per_th: 98.0,
            release_year: 2016,
        },
        Machine {
            efficiency_j_per_th: 34.0,
            release_year: 2020,
        },
        Machine {
            efficiency_j_per_th: 29.5,
            release_year: 2021,
        },
        Machine {
            efficiency_j_per_th: 21.5,
            release_year: 2022,
        },
        Machine {
            efficiency_j_per_th: 17.5,
            release_year: 2023,
        },
        Machine {
            efficiency_j_per_th: 13.5,
            release_year: 2024,
        },
    ];

    fn inputs(price: f64, revenue: f64, year: u16) -> NetworkInputs<'static> {
        NetworkInputs {
            hashrate_ths: 800e6,
            revenue_usd_per_th_day: revenue,
            electricity_usd_per_kwh: price,
            year,
            machines: &MACHINES,
            efficiency_j_per_th: None,
            pue: PUE_BEST_GUESS,
            intensity_g_per_kwh: 472.94,
        }
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
    fn age_weights_over_five_years() {
        assert_eq!(age_weight(2024, 2024), Some(1.0));
        assert_eq!(age_weight(2023, 2024), Some(0.8));
        assert_eq!(age_weight(2022, 2024), Some(0.6));
        assert_eq!(age_weight(2021, 2024), Some(0.4));
        assert_eq!(age_weight(2020, 2024), Some(0.2));
        assert_eq!(age_weight(2019, 2024), None, "outside the window");
        assert_eq!(age_weight(2025, 2024), None, "not yet released");
        // The basket in 2024 with everything profitable: 2020–2024, weights 0.2 … 1.0.
        let (j, n) = basket_efficiency(&MACHINES, 2024, 0.0, 1.0).unwrap();
        let expected = (0.2 * 34.0 + 0.4 * 29.5 + 0.6 * 21.5 + 0.8 * 17.5 + 1.0 * 13.5) / 3.0;
        assert_eq!(n, 5);
        assert!(close(j, expected, 1e-12), "{j} vs {expected}");
    }

    #[test]
    fn the_basket_drops_unprofitable_machines() {
        // Revenue $0.03/TH/day at $0.05/kWh: break-even at 25 J/TH, so 34 and 29.5 drop out.
        let (j, n) = basket_efficiency(&MACHINES, 2024, 0.05, 0.03).unwrap();
        let expected = (0.6 * 21.5 + 0.8 * 17.5 + 1.0 * 13.5) / 2.4;
        assert_eq!(n, 3);
        assert!(close(j, expected, 1e-12));
        assert_eq!(basket_efficiency(&MACHINES, 2024, 0.05, 0.0), None);
    }

    #[test]
    fn bounds_are_ordered() {
        for (price, revenue, year) in [
            (0.05, 0.03, 2024),
            (0.05, 0.05, 2024),
            (0.02, 0.08, 2022),
            (0.0, 0.01, 2021),
            (0.10, 0.04, 2024),
        ] {
            let e = estimate(&inputs(price, revenue, year));
            let (lower, best, upper) = (e.lower.unwrap(), e.best_guess.unwrap(), e.upper.unwrap());
            assert!(
                lower.power_gw <= best.power_gw && best.power_gw <= upper.power_gw,
                "{price} {revenue} {year}: {lower:?} {best:?} {upper:?}"
            );
            assert!(lower.co2_mt_per_year <= upper.co2_mt_per_year);
        }
    }

    #[test]
    fn bounds_use_the_extreme_profitable_machines() {
        // Break-even at 25 J/TH: lower 13.5 × 1.01, upper 21.5 × 1.20.
        let e = estimate(&inputs(0.05, 0.03, 2024));
        let lower = e.lower.unwrap();
        let upper = e.upper.unwrap();
        assert_eq!((lower.efficiency_j_per_th, lower.pue), (13.5, PUE_LOWER));
        assert_eq!((upper.efficiency_j_per_th, upper.pue), (21.5, PUE_UPPER));
        assert!(close(lower.power_gw, 13.5 * 800e6 / 1e9 * 1.01, 1e-9));
        assert_eq!(e.profitable_machines, 3);
        assert_eq!(e.basket_machines, 3);
        assert_eq!(e.best_guess_basis, BestGuessBasis::Basket);
        assert!(close(e.break_even_efficiency_j_per_th.unwrap(), 25.0, 1e-9));
        // In 2021 the newest machines do not exist yet; the S9 still mines at cheap power.
        let e = estimate(&inputs(0.02, 0.08, 2021));
        assert_eq!(e.lower.unwrap().efficiency_j_per_th, 29.5);
        assert_eq!(e.upper.unwrap().efficiency_j_per_th, 98.0);
    }

    #[test]
    fn nothing_profitable_leaves_the_bounds_undefined() {
        let e = estimate(&inputs(0.05, 0.0, 2024));
        assert_eq!((e.lower, e.best_guess, e.upper), (None, None, None));
        assert_eq!(e.profitable_machines, 0);
        // A given efficiency still gives a best guess.
        let mut given = inputs(0.05, 0.0, 2024);
        given.efficiency_j_per_th = Some(28.2);
        given.pue = 1.0;
        let e = estimate(&given);
        let best = e.best_guess.unwrap();
        assert_eq!(e.best_guess_basis, BestGuessBasis::Given);
        assert!(close(best.power_gw, 28.2 * 0.8, 1e-9));
        assert_eq!(e.lower, None);
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
