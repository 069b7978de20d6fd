//! Cambridge's CBECI method (the August 2023 revision) applied to each month of the history.
//!
//! For a month at an electricity price `p`:
//! - revenue per TH/s per day = `86,400 × 1e12 / (D × 2^32) × (subsidy + fees) × price`;
//! - the profitability threshold (the shutdown efficiency) = revenue / (24 / 1000 × p), J/TH;
//! - eligible machines: released before the month, within five years of release
//!   (60 months), and more efficient than the threshold;
//! - best-guess weight by age, counted from release + [`AGE_LAG_MONTHS`]: 1.0 in the first
//!   year, then 0.8, 0.6, 0.4, 0.2;
//! - lower = most efficient × 1.01, best guess = weighted mean × 1.10, upper = least efficient
//!   × 1.20, each × the network hashrate.
//!
//! A month without a sourced price has no threshold: every machine in its five-year window
//! counts, and [`MonthEstimate::price_missing`] says so.

use super::basket::BasketEntry;
use super::{History, Month, MonthRecord};
use crate::model::network::{HOURS_PER_YEAR, PUE_BEST_GUESS, PUE_LOWER, PUE_UPPER};
use serde::Serialize;

/// Months from release to the start of a machine's first year of weight (CBECI v1.4.0 counts
/// age from release + 2 months: shipping and installation).
pub const AGE_LAG_MONTHS: i32 = 2;
/// The eligibility window: five years from release.
pub const WINDOW_MONTHS: i32 = 60;
/// Weights by year of age.
pub const AGE_WEIGHTS: [f64; 5] = [1.0, 0.8, 0.6, 0.4, 0.2];

/// A machine's weight in `month`'s best guess; `None` if it is not eligible by date.
pub fn age_weight(release: Month, month: Month) -> Option<f64> {
    let since_release = month.index() - release.index();
    if since_release <= 0 || since_release > WINDOW_MONTHS {
        return None;
    }
    let age = (month.index() - release.index() - AGE_LAG_MONTHS).max(0);
    Some(AGE_WEIGHTS.get((age / 12) as usize).copied().unwrap_or(0.0))
}

/// Revenue per TH/s per day in USD, or `None` without a price.
pub fn revenue_usd_per_th_day(record: &MonthRecord) -> Option<f64> {
    record.hashprice_usd_per_ph_day().map(|h| h / 1000.0)
}

/// The efficiency at which a machine's power costs what it earns (J/TH); machines less
/// efficient lose money. `None` without a price, or when power is free.
pub fn shutdown_efficiency_j_per_th(record: &MonthRecord, usd_per_kwh: f64) -> Option<f64> {
    threshold_j_per_th(revenue_usd_per_th_day(record), usd_per_kwh)
}

/// The profitability threshold from a revenue per TH/s per day (`None`: no price).
pub fn threshold_j_per_th(revenue_usd_per_th_day: Option<f64>, usd_per_kwh: f64) -> Option<f64> {
    crate::model::network::break_even_efficiency_j_per_th(revenue_usd_per_th_day?, usd_per_kwh)
}

/// A market at one month, as the method reads it: the month (which machines exist and how
/// old they are), the hashrate (what they draw) and the revenue per hash (which of them pay).
/// A month of the history and a market snapshot both come down to this.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarketMonth {
    pub month: Month,
    pub network_hashrate_ehs: f64,
    /// Revenue per TH/s per day, USD; `None` without a price (no profitability filter).
    pub revenue_usd_per_th_day: Option<f64>,
}

impl MarketMonth {
    pub fn of_record(record: &MonthRecord) -> MarketMonth {
        MarketMonth {
            month: record.month,
            network_hashrate_ehs: record.network_hashrate_ehs,
            revenue_usd_per_th_day: revenue_usd_per_th_day(record),
        }
    }
}

/// What the method gives for one market: the threshold, the efficiencies it rests on and the
/// power band.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Band {
    /// The shutdown efficiency at the chosen price, J/TH.
    pub shutdown_efficiency_j_per_th: Option<f64>,
    pub efficiencies: Option<Efficiencies>,
    /// Most efficient eligible machine × [`PUE_LOWER`] × hashrate.
    pub power_gw_lower: Option<f64>,
    /// Age-weighted mean × [`PUE_BEST_GUESS`] × hashrate.
    pub power_gw: Option<f64>,
    /// Least efficient eligible machine × [`PUE_UPPER`] × hashrate.
    pub power_gw_upper: Option<f64>,
}

/// Cambridge's method for one market at `usd_per_kwh`: the one computation behind the
/// History's months and the Network view's snapshot.
pub fn band(basket: &[BasketEntry], market: &MarketMonth, usd_per_kwh: f64) -> Band {
    let threshold = threshold_j_per_th(market.revenue_usd_per_th_day, usd_per_kwh);
    // At a price of zero every machine is profitable: no threshold either.
    let eff = efficiencies(basket, market.month, threshold);
    let hashrate_ths = market.network_hashrate_ehs * 1e6;
    let gw = |j: f64, pue: f64| crate::model::network::power_gw(j, hashrate_ths, pue);
    Band {
        shutdown_efficiency_j_per_th: threshold,
        efficiencies: eff,
        power_gw_lower: eff.map(|e| gw(e.min_j_per_th, PUE_LOWER)),
        power_gw: eff.map(|e| gw(e.weighted_j_per_th, PUE_BEST_GUESS)),
        power_gw_upper: eff.map(|e| gw(e.max_j_per_th, PUE_UPPER)),
    }
}

/// The efficiencies one month's estimate rests on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Efficiencies {
    pub min_j_per_th: f64,
    pub weighted_j_per_th: f64,
    pub max_j_per_th: f64,
    pub machines: usize,
}

/// The eligible machines' efficiencies in `month` (threshold: `None` admits every machine in
/// its window). `None` when no machine qualifies.
pub fn efficiencies(
    basket: &[BasketEntry],
    month: Month,
    threshold_j_per_th: Option<f64>,
) -> Option<Efficiencies> {
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut weighted, mut weights, mut n) = (0.0, 0.0, 0);
    for m in basket {
        let Some(w) = age_weight(m.release, month) else {
            continue;
        };
        if threshold_j_per_th.is_some_and(|t| m.efficiency_j_per_th >= t) {
            continue;
        }
        min = min.min(m.efficiency_j_per_th);
        max = max.max(m.efficiency_j_per_th);
        weighted += w * m.efficiency_j_per_th;
        weights += w;
        n += 1;
    }
    (n > 0).then(|| Efficiencies {
        min_j_per_th: min,
        // Machines past their weighted years (weight 0) still bound the range.
        weighted_j_per_th: if weights > 0.0 {
            weighted / weights
        } else {
            max
        },
        max_j_per_th: max,
        machines: n,
    })
}

/// One month of the network estimate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthEstimate {
    pub month: Month,
    pub network_hashrate_ehs: f64,
    pub hashprice_usd_per_ph_day: Option<f64>,
    pub hashprice_btc_per_ph_day: f64,
    /// The shutdown efficiency at the chosen price, J/TH.
    pub shutdown_efficiency_j_per_th: Option<f64>,
    pub efficiencies: Option<Efficiencies>,
    pub power_gw_lower: Option<f64>,
    pub power_gw: Option<f64>,
    pub power_gw_upper: Option<f64>,
    /// The month's energy at the best guess, TWh (not annualised).
    pub energy_twh_lower: Option<f64>,
    pub energy_twh: Option<f64>,
    pub energy_twh_upper: Option<f64>,
    /// Hashrate-weighted grid intensity of the mining maps, interpolated.
    pub intensity_g_per_kwh: f64,
    /// The month's emissions at the best guess, Mt CO₂e (not annualised).
    pub co2_mt: Option<f64>,
    /// No price was sourced: no profitability filter.
    pub price_missing: bool,
    /// No fees were sourced: revenue counts the subsidy only.
    pub fees_missing: bool,
    /// The month lies before the first mining map, whose intensity stands for it.
    pub before_first_map: bool,
}

impl MonthEstimate {
    /// Best-guess power × 8,766 h, TWh a year.
    pub fn energy_twh_per_year(&self) -> Option<f64> {
        self.power_gw.map(|gw| gw * HOURS_PER_YEAR / 1000.0)
    }

    /// Annualised emissions, Mt CO₂e a year.
    pub fn co2_mt_per_year(&self) -> Option<f64> {
        self.energy_twh_per_year()
            .map(|twh| twh * self.intensity_g_per_kwh / 1000.0)
    }
}

/// Where the mining maps put the network's grid intensity, by date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapPoint {
    pub month: Month,
    pub intensity_g_per_kwh: f64,
    pub name: String,
}

/// The mining maps as points in time (their date's month), oldest first.
pub fn map_points(library: &crate::presets::PresetLibrary) -> Vec<MapPoint> {
    let mut points: Vec<MapPoint> = crate::mining_intensity::migration(library, 0.0)
        .into_iter()
        .filter_map(|s| {
            Some(MapPoint {
                month: Month::parse(s.date.get(..7)?)?,
                intensity_g_per_kwh: s.intensity_g_per_kwh,
                name: s.name,
            })
        })
        .collect();
    points.sort_by_key(|p| p.month);
    points
}

/// The intensity in `month`: linear between maps, the first map's before it, the last's after.
pub fn intensity_at(points: &[MapPoint], month: Month) -> (f64, bool) {
    let Some(first) = points.first() else {
        return (0.0, true);
    };
    if month <= first.month {
        return (first.intensity_g_per_kwh, month < first.month);
    }
    for w in points.windows(2) {
        if month <= w[1].month {
            let span = f64::from(w[1].month.index() - w[0].month.index());
            let t = f64::from(month.index() - w[0].month.index()) / span;
            return (
                w[0].intensity_g_per_kwh
                    + t * (w[1].intensity_g_per_kwh - w[0].intensity_g_per_kwh),
                false,
            );
        }
    }
    (points[points.len() - 1].intensity_g_per_kwh, false)
}

/// The estimate for one month.
pub fn estimate_month(
    record: &MonthRecord,
    basket: &[BasketEntry],
    usd_per_kwh: f64,
    maps: &[MapPoint],
) -> MonthEstimate {
    let Band {
        shutdown_efficiency_j_per_th: threshold,
        efficiencies: eff,
        power_gw_lower,
        power_gw,
        power_gw_upper,
    } = band(basket, &MarketMonth::of_record(record), usd_per_kwh);
    let price_missing = record.btc_price_usd.is_none();
    let twh = |p: Option<f64>| p.map(|gw| gw * record.month.hours() / 1000.0);
    let (intensity, before_first_map) = intensity_at(maps, record.month);
    let energy_twh = twh(power_gw);
    MonthEstimate {
        month: record.month,
        network_hashrate_ehs: record.network_hashrate_ehs,
        hashprice_usd_per_ph_day: record.hashprice_usd_per_ph_day(),
        hashprice_btc_per_ph_day: record.hashprice_btc_per_ph_day(),
        shutdown_efficiency_j_per_th: threshold,
        efficiencies: eff,
        power_gw_lower,
        power_gw,
        power_gw_upper,
        energy_twh_lower: twh(power_gw_lower),
        energy_twh,
        energy_twh_upper: twh(power_gw_upper),
        intensity_g_per_kwh: intensity,
        co2_mt: energy_twh.map(|e| e * intensity / 1000.0),
        price_missing,
        fees_missing: record.fees_btc_per_block.is_none(),
        before_first_map,
    }
}

/// The estimate for every month of `history`.
pub fn estimate_all(
    history: &[MonthRecord],
    basket: &[BasketEntry],
    usd_per_kwh: f64,
    maps: &[MapPoint],
) -> Vec<MonthEstimate> {
    history
        .iter()
        .map(|r| estimate_month(r, basket, usd_per_kwh, maps))
        .collect()
}

/// One calendar year of the estimate: sums of the months.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct YearEstimate {
    pub year: i32,
    pub months: usize,
    pub energy_twh_lower: f64,
    pub energy_twh: f64,
    pub energy_twh_upper: f64,
    pub co2_mt: f64,
    /// Mean of the months with a price.
    pub hashprice_usd_per_ph_day: Option<f64>,
}

/// The months summed by calendar year (a year the history only partly covers sums what it has).
pub fn by_year(months: &[MonthEstimate]) -> Vec<YearEstimate> {
    let mut years: Vec<YearEstimate> = Vec::new();
    let mut hashprices: Vec<(i32, f64)> = Vec::new();
    for m in months {
        let y = m.month.year;
        if years.last().is_none_or(|last| last.year != y) {
            years.push(YearEstimate {
                year: y,
                months: 0,
                energy_twh_lower: 0.0,
                energy_twh: 0.0,
                energy_twh_upper: 0.0,
                co2_mt: 0.0,
                hashprice_usd_per_ph_day: None,
            });
        }
        let year = years.last_mut().expect("pushed above");
        year.months += 1;
        year.energy_twh_lower += m.energy_twh_lower.unwrap_or(0.0);
        year.energy_twh += m.energy_twh.unwrap_or(0.0);
        year.energy_twh_upper += m.energy_twh_upper.unwrap_or(0.0);
        year.co2_mt += m.co2_mt.unwrap_or(0.0);
        if let Some(h) = m.hashprice_usd_per_ph_day {
            hashprices.push((y, h));
        }
    }
    for year in &mut years {
        let hs: Vec<f64> = hashprices
            .iter()
            .filter(|(y, _)| *y == year.year)
            .map(|(_, h)| *h)
            .collect();
        year.hashprice_usd_per_ph_day =
            (!hs.is_empty()).then(|| hs.iter().sum::<f64>() / hs.len() as f64);
    }
    years
}

/// Everything the History view and `hashwatt history` show, computed once.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryView {
    pub usd_per_kwh: f64,
    pub months: Vec<MonthEstimate>,
    pub years: Vec<YearEstimate>,
    pub maps: Vec<MapPoint>,
}

impl HistoryView {
    pub fn of(
        history: &History,
        library: &crate::presets::PresetLibrary,
        usd_per_kwh: f64,
        from: Month,
        to: Month,
    ) -> HistoryView {
        let maps = map_points(library);
        let months = estimate_all(
            history.range(from, to),
            super::basket::builtin_entries(),
            usd_per_kwh,
            &maps,
        );
        let years = by_year(&months);
        HistoryView {
            usd_per_kwh,
            months,
            years,
            maps,
        }
    }
}

/// Cambridge's published annual electricity (TWh, best guess, revised 2023 model at
/// $0.05/kWh), as points to overlay and to test against. 2011–2022: daily series pulled
/// 2023-09-03 (dataalways/energy-adjusted-cbeci, summed by year); 2021 and 2022 also in CCAF's
/// announcement of the revision (89.0 and 95.5); 2024: CCAF Digital Mining Industry Report,
/// April 2025 (138 TWh).
pub const CAMBRIDGE_TWH: [(i32, f64); 13] = [
    (2011, 0.138),
    (2012, 0.098),
    (2013, 1.06),
    (2014, 4.73),
    (2015, 3.62),
    (2016, 5.73),
    (2017, 12.93),
    (2018, 43.32),
    (2019, 54.63),
    (2020, 67.14),
    (2021, 89.00),
    (2022, 95.53),
    (2024, 138.0),
];
