//! The network view's data: the engine's network estimate (`model::network`) fed from the preset
//! library. `hashwatt network` and the window's Network tab both draw from here, so they show
//! the same numbers.

use crate::model::network::{
    self, Machine, NetworkEstimate, NetworkInputs, RegionShare, WeightedIntensity,
};
use crate::model::{Market, NetworkSpec, SubsidySpec, bitcoin};
use crate::presets::{Grade, MarketPreset, MiningMapPreset, PresetLibrary, RegionKind};
use crate::problem::{IdKind, Problem};
use serde::Serialize;

/// The region whose intensity stands for hashrate no map attributes, and the default basis.
pub const WORLD_REGION: &str = "world";

/// Every non-historical miner preset as the engine sees it: efficiency (power / hashrate) and
/// release year. The CPU, GPU, FPGA and first-ASIC reference rows are left out.
pub fn machines(library: &PresetLibrary) -> Vec<Machine> {
    library
        .miners()
        .filter(|m| !m.historical)
        .map(|m| Machine {
            efficiency_j_per_th: m.efficiency_j_per_th(),
            release_year: m.release_year,
        })
        .collect()
}

/// The market figures the estimate needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MarketFigures {
    pub network_hs: f64,
    pub btc_price_usd: f64,
    pub reward_btc_per_block: f64,
    /// The year the market describes (machines released later do not count).
    pub year: u16,
}

impl MarketFigures {
    pub fn of_preset(m: &MarketPreset) -> MarketFigures {
        let network_hs = match m.network.value {
            NetworkSpec::HashrateEhs(ehs) => ehs * 1e18,
            NetworkSpec::Difficulty(d) => bitcoin::hashrate_from_difficulty_hs(d),
        };
        let subsidy = match m.subsidy.value {
            SubsidySpec::Btc(btc) => btc,
            SubsidySpec::BlockHeight(h) => bitcoin::block_subsidy_btc(h),
        };
        MarketFigures {
            network_hs,
            btc_price_usd: m.btc_price_usd.value,
            reward_btc_per_block: subsidy + m.fees_btc_per_block.value,
            year: year_of(&m.date),
        }
    }

    /// A scenario's market, in the year of its snapshot.
    pub fn of_market(market: &Market, year: u16) -> MarketFigures {
        MarketFigures {
            network_hs: market.network_hashrate_hs(),
            btc_price_usd: market.btc_price_usd,
            reward_btc_per_block: market.subsidy_btc() + market.fees_btc_per_block,
            year,
        }
    }

    pub fn network_hashrate_ehs(&self) -> f64 {
        self.network_hs / 1e18
    }

    /// Revenue per TH/s per day, USD: the engine's hashprice per TH.
    pub fn revenue_usd_per_th_day(&self) -> f64 {
        network::revenue_usd_per_th_day(
            self.network_hs,
            self.reward_btc_per_block,
            self.btc_price_usd,
        )
    }
}

/// The year of a snapshot's date (0 if it does not fit, which admits no machine).
pub fn year_of(date: &crate::model::date::Date) -> u16 {
    u16::try_from(date.year).unwrap_or(0)
}

/// The grid intensity the network's emissions are counted at, and where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarbonBasis {
    pub intensity_g_per_kwh: f64,
    /// The region's or the mining map's name.
    pub name: String,
    /// Its source, year and grade in words.
    pub source: String,
    /// The figure (or a part of it) is an estimate.
    pub estimate: bool,
    /// For a mining map: the share of the network it does not place, counted at the world
    /// average.
    pub unattributed_pct: Option<f64>,
    /// The world average used for it.
    pub fallback_g_per_kwh: Option<f64>,
}

/// A region's measured (or estimated) intensity as the basis.
pub fn region_basis(library: &PresetLibrary, id: &str) -> Result<CarbonBasis, Problem> {
    let r = library
        .region(id)
        .ok_or_else(|| unknown(library, IdKind::Region, id))?;
    Ok(CarbonBasis {
        intensity_g_per_kwh: r.intensity.g_per_kwh,
        name: r.name.clone(),
        source: format!(
            "{} ({}, {}, {})",
            r.intensity.source,
            r.intensity.convention.label(),
            r.intensity.year,
            r.intensity.grade.label()
        ),
        estimate: r.intensity.grade == Grade::Estimate,
        unattributed_pct: None,
        fallback_g_per_kwh: None,
    })
}

/// A mining map's hashrate-weighted intensity as the basis.
pub fn map_basis(library: &PresetLibrary, id: &str) -> Result<CarbonBasis, Problem> {
    let map = library
        .mining_map(id)
        .ok_or_else(|| unknown(library, IdKind::MiningMap, id))?;
    let s = snapshot(library, map)?;
    Ok(CarbonBasis {
        intensity_g_per_kwh: s.intensity_g_per_kwh,
        name: map.name.clone(),
        source: format!("{} ({})", map.source, map.grade.label()),
        estimate: s.estimate,
        unattributed_pct: Some(s.unattributed_pct),
        fallback_g_per_kwh: Some(s.fallback_g_per_kwh),
    })
}

fn unknown(library: &PresetLibrary, kind: IdKind, id: &str) -> Problem {
    let known: Vec<&str> = match kind {
        IdKind::Region => library.regions().map(|r| r.id.as_str()).collect(),
        _ => library.mining_maps().map(|m| m.id.as_str()).collect(),
    };
    Problem::UnknownId {
        kind,
        id: id.to_string(),
        near: crate::suggest::did_you_mean(id, &known).map(str::to_string),
    }
}

/// The world average intensity, for hashrate no map attributes.
fn world_g_per_kwh(library: &PresetLibrary) -> Result<f64, Problem> {
    library
        .region(WORLD_REGION)
        .map(|r| r.intensity.g_per_kwh)
        .ok_or(Problem::PresetMissing { id: WORLD_REGION })
}

/// One country's part of a snapshot's intensity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountryPart {
    pub country: String,
    pub share_pct: f64,
    /// `share × intensity / 100`, summed over the country's regions, g/kWh.
    pub contribution_g_per_kwh: f64,
}

/// A mining map's hashrate-weighted intensity, and the network's emissions at it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnapshotCarbon {
    pub id: String,
    pub name: String,
    pub date: String,
    /// Pool-based (comparable with the others) rather than a survey.
    pub comparable: bool,
    pub intensity_g_per_kwh: f64,
    pub attributed_pct: f64,
    pub unattributed_pct: f64,
    pub fallback_g_per_kwh: f64,
    /// The largest parts first; the unattributed part is not among them.
    pub countries: Vec<CountryPart>,
    pub unattributed_g_per_kwh: f64,
    /// Some share or some region's intensity is an estimate.
    pub estimate: bool,
    /// At the energy given to [`migration`]; 0 from [`snapshot`].
    pub co2_mt_per_year: f64,
}

/// A mining map's weighted intensity: its regions' intensities weighted by their shares, and the
/// hashrate it does not place at the world average.
pub fn snapshot(library: &PresetLibrary, map: &MiningMapPreset) -> Result<SnapshotCarbon, Problem> {
    let fallback = world_g_per_kwh(library)?;
    let mut shares = Vec::with_capacity(map.shares.len());
    let mut countries: Vec<CountryPart> = Vec::new();
    let mut estimate = false;
    let mut regions = Vec::with_capacity(map.shares.len());
    for s in &map.shares {
        let r = library
            .region(&s.region)
            .ok_or_else(|| unknown(library, IdKind::Region, &s.region))?;
        estimate |= map.share_grade(s) == Grade::Estimate && s.share_pct > 0.0;
        estimate |= r.intensity.grade == Grade::Estimate && s.share_pct > 0.0;
        shares.push(RegionShare {
            share_pct: s.share_pct,
            intensity_g_per_kwh: r.intensity.g_per_kwh,
        });
        regions.push(r);
    }
    let w: WeightedIntensity = network::weighted_intensity(&shares, fallback);
    for ((r, s), contribution) in regions.iter().zip(&shares).zip(&w.contributions_g_per_kwh) {
        let country = if r.kind == RegionKind::World {
            r.name.clone()
        } else {
            r.country.clone()
        };
        match countries.iter_mut().find(|c| c.country == country) {
            Some(c) => {
                c.share_pct += s.share_pct;
                c.contribution_g_per_kwh += contribution;
            }
            None => countries.push(CountryPart {
                country,
                share_pct: s.share_pct,
                contribution_g_per_kwh: *contribution,
            }),
        }
    }
    countries.sort_by(|a, b| {
        b.contribution_g_per_kwh
            .total_cmp(&a.contribution_g_per_kwh)
    });
    Ok(SnapshotCarbon {
        id: map.id.clone(),
        name: map.name.clone(),
        date: map.date.to_string(),
        comparable: map.comparable(),
        intensity_g_per_kwh: w.intensity_g_per_kwh,
        attributed_pct: w.attributed_pct,
        unattributed_pct: w.unattributed_pct,
        fallback_g_per_kwh: fallback,
        countries,
        unattributed_g_per_kwh: w.unattributed_g_per_kwh,
        estimate,
        co2_mt_per_year: 0.0,
    })
}

/// Every mining map, oldest first, with its weighted intensity and the emissions of a network
/// using `energy_twh_per_year` at it: how the move out of China changed the network's carbon
/// with its energy held fixed. The grids are the region presets' (mostly 2024 figures), so the
/// change shown is the move alone, not the grids' own change over the years.
pub fn migration(library: &PresetLibrary, energy_twh_per_year: f64) -> Vec<SnapshotCarbon> {
    library
        .mining_maps()
        .filter_map(|map| snapshot(library, map).ok())
        .map(|mut s| {
            s.co2_mt_per_year =
                network::co2_mt_per_year(energy_twh_per_year, s.intensity_g_per_kwh);
            s
        })
        .collect()
}

/// One bar of the comparison with countries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DemandBar {
    /// The country's name; empty for Bitcoin.
    pub name: String,
    pub twh_per_year: f64,
    /// The year the figure describes.
    pub year: Option<u16>,
    pub bitcoin: bool,
}

/// The network's annual energy among the countries' annual electricity demand (the region
/// presets' `demand_twh`), smallest first.
pub fn countries(library: &PresetLibrary, bitcoin_twh_per_year: f64) -> Vec<DemandBar> {
    let mut bars: Vec<DemandBar> = library
        .regions()
        .filter(|r| r.kind == RegionKind::Country)
        .filter_map(|r| {
            r.demand_twh.as_ref().map(|d| DemandBar {
                name: r.name.clone(),
                twh_per_year: d.value,
                year: Some(d.year),
                bitcoin: false,
            })
        })
        .collect();
    bars.push(DemandBar {
        name: String::new(),
        twh_per_year: bitcoin_twh_per_year,
        year: None,
        bitcoin: true,
    });
    bars.sort_by(|a, b| a.twh_per_year.total_cmp(&b.twh_per_year));
    bars
}

/// The choices behind one network estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub electricity_usd_per_kwh: f64,
    /// A fleet efficiency for the best guess instead of the basket.
    pub efficiency_j_per_th: Option<f64>,
    /// The best guess's PUE.
    pub pue: f64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            electricity_usd_per_kwh: network::CBECI_ELECTRICITY_USD_PER_KWH,
            efficiency_j_per_th: None,
            pue: network::PUE_BEST_GUESS,
        }
    }
}

/// The bounds for a market, at an intensity.
pub fn estimate(
    library: &PresetLibrary,
    market: &MarketFigures,
    settings: &Settings,
    intensity_g_per_kwh: f64,
) -> NetworkEstimate {
    let machines = machines(library);
    network::estimate(&NetworkInputs {
        hashrate_ths: market.network_hs / 1e12,
        revenue_usd_per_th_day: market.revenue_usd_per_th_day(),
        electricity_usd_per_kwh: settings.electricity_usd_per_kwh,
        year: market.year,
        machines: &machines,
        efficiency_j_per_th: settings.efficiency_j_per_th,
        pue: settings.pue,
        intensity_g_per_kwh,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_shares_sum_to_at_most_100_over_known_regions() {
        let library = PresetLibrary::builtin();
        assert!(library.problems.is_empty(), "{:#?}", library.problems);
        let ids: Vec<&str> = library.mining_maps().map(|m| m.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "ccaf-2020-04",
                "ccaf-2021-08",
                "ccaf-2022-01",
                "ccaf-2025-survey"
            ]
        );
        for map in library.mining_maps() {
            let total = map.total_pct();
            assert!(total <= 100.0 + 1e-9, "{}: {total}", map.id);
            for s in &map.shares {
                assert!(
                    library.region(&s.region).is_some(),
                    "{}: {}",
                    map.id,
                    s.region
                );
                assert!(!map.share_source(s).trim().is_empty());
            }
        }
    }

    #[test]
    fn the_2020_map_reproduces_the_published_shares() {
        let library = PresetLibrary::builtin();
        let map = library.mining_map("ccaf-2020-04").unwrap();
        let share = |id: &str| {
            map.shares
                .iter()
                .find(|s| s.region == id)
                .map_or(0.0, |s| s.share_pct)
        };
        let sichuan = share("sichuan-wet") + share("sichuan-dry");
        assert!((sichuan - 9.66).abs() < 1e-9);
        let china: f64 = map
            .shares
            .iter()
            .filter(|s| library.region(&s.region).unwrap().country == "China")
            .map(|s| s.share_pct)
            .sum();
        assert!((china - 65.08).abs() < 1e-9, "{china}");
        assert_eq!(share("xinjiang"), 35.76);
        assert!((map.total_pct() - 93.54).abs() < 1e-9);
        let s = snapshot(&library, map).unwrap();
        assert_eq!(s.countries[0].country, "China");
        assert!((s.countries[0].share_pct - 65.08).abs() < 1e-9);
        assert!(
            s.estimate,
            "Sichuan's split and Xinjiang's intensity are estimates"
        );
    }

    #[test]
    fn the_migration_out_of_china_lowered_the_intensity() {
        let library = PresetLibrary::builtin();
        let m = migration(&library, 100.0);
        assert_eq!(m.len(), 4);
        for s in &m {
            println!(
                "{:<12} {:>7.1} g/kWh  unattributed {:>5.2} %  {:>6.2} Mt at 100 TWh",
                s.id, s.intensity_g_per_kwh, s.unattributed_pct, s.co2_mt_per_year
            );
            let parts: f64 = s
                .countries
                .iter()
                .map(|c| c.contribution_g_per_kwh)
                .sum::<f64>()
                + s.unattributed_g_per_kwh;
            assert!((parts - s.intensity_g_per_kwh).abs() < 1e-9);
            assert!((s.co2_mt_per_year - s.intensity_g_per_kwh / 10.0).abs() < 1e-9);
        }
        assert!(m[0].intensity_g_per_kwh > m[1].intensity_g_per_kwh);
        assert!(!m[3].comparable);
        // Unattributed hashrate at the world average: Jan 2022 places 83.31 %.
        let jan = &m[2];
        assert!((jan.unattributed_pct - 16.69).abs() < 1e-9);
        assert_eq!(jan.fallback_g_per_kwh, 472.94);
    }

    #[test]
    fn bitcoin_sits_among_the_countries_sorted() {
        let library = PresetLibrary::builtin();
        let bars = countries(&library, 138.0);
        assert!(
            bars.windows(2)
                .all(|w| w[0].twh_per_year <= w[1].twh_per_year)
        );
        assert_eq!(bars.iter().filter(|b| b.bitcoin).count(), 1);
        let at = bars.iter().position(|b| b.bitcoin).unwrap();
        // 138 TWh: between Kazakhstan (120.9) and Sweden (138.7).
        assert_eq!(bars[at - 1].name, "Kazakhstan");
        assert_eq!(bars[at + 1].name, "Sweden");
    }

    #[test]
    fn the_newest_market_gives_ordered_bounds() {
        let library = PresetLibrary::builtin();
        let market = MarketFigures::of_preset(library.newest_market().unwrap());
        assert_eq!(market.year, 2025);
        let e = estimate(&library, &market, &Settings::default(), 472.94);
        let (l, b, u) = (e.lower.unwrap(), e.best_guess.unwrap(), e.upper.unwrap());
        println!("{l:?}\n{b:?}\n{u:?}\n{e:?}");
        assert!(l.power_gw < b.power_gw && b.power_gw < u.power_gw);
        assert!(e.basket_machines > 0);
    }
}
