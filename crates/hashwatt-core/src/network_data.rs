//! The network view's data: Cambridge's method (the History's, [`crate::history::cbeci`]) at
//! a market snapshot's month, with the history's miner basket, so the snapshot and the month
//! agree; the mining maps; Bitcoin beside countries. `hashwatt network` and the window's
//! Network tab both draw from here, so they show the same numbers.

use crate::history::cbeci::{self, MarketMonth};
use crate::history::{Month, basket};
use crate::i18n::{Lang, Localized};
use crate::model::network::{self, BestGuessBasis, Bound, NetworkEstimate};
use crate::model::{Market, NetworkSpec, SubsidySpec, bitcoin};
use crate::names::Names;
use crate::preset_types::PresetKind;
use crate::presets::{Grade, MarketPreset, PresetLibrary, RegionKind};
use crate::problem::Problem;
use serde::Serialize;

use crate::mining_intensity::unknown;
pub use crate::mining_intensity::{CountryPart, SnapshotCarbon, WORLD_REGION, migration, snapshot};

/// The market figures the estimate needs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MarketFigures {
    /// The hashrate the network's power is counted for, H/s.
    pub network_hs: f64,
    /// The difficulty a hash's revenue comes from (implied by the hashrate when the market
    /// gives only that: `H × 600 / 2^32`).
    pub difficulty: f64,
    pub btc_price_usd: f64,
    pub reward_btc_per_block: f64,
    /// The month the market describes: the basket counts machines released before it, within
    /// five years. `None` (no snapshot) admits no machine.
    pub month: Option<Month>,
}

impl MarketFigures {
    pub fn of_preset(m: &MarketPreset) -> MarketFigures {
        let subsidy = match m.subsidy.value {
            SubsidySpec::Btc(btc) => btc,
            SubsidySpec::BlockHeight(h) => bitcoin::block_subsidy_btc(h),
        };
        MarketFigures::of_network(
            m.network.value,
            m.btc_price_usd.value,
            subsidy + m.fees_btc_per_block.value,
            month_of(&m.date),
        )
    }

    /// A scenario's market, at the month of its snapshot.
    pub fn of_market(market: &Market, month: Option<Month>) -> MarketFigures {
        MarketFigures::of_network(
            market.network,
            market.btc_price_usd,
            market.subsidy_btc() + market.fees_btc_per_block,
            month,
        )
    }

    fn of_network(
        network: NetworkSpec,
        btc_price_usd: f64,
        reward_btc_per_block: f64,
        month: Option<Month>,
    ) -> MarketFigures {
        let (network_hs, difficulty) = match network {
            NetworkSpec::HashrateEhs(ehs) => {
                (ehs * 1e18, bitcoin::difficulty_from_hashrate_hs(ehs * 1e18))
            }
            NetworkSpec::Difficulty(d) => (bitcoin::hashrate_from_difficulty_hs(d), d),
        };
        MarketFigures {
            network_hs,
            difficulty,
            btc_price_usd,
            reward_btc_per_block,
            month,
        }
    }

    /// A month of the history as a snapshot: its difficulty, its hashrate (from the blocks
    /// found), its mean price and its reward. `None` for a month without a price.
    pub fn of_record(record: &crate::history::MonthRecord) -> Option<MarketFigures> {
        Some(MarketFigures {
            network_hs: record.network_hashrate_ehs * 1e18,
            difficulty: record.difficulty,
            btc_price_usd: record.btc_price_usd?,
            reward_btc_per_block: record.reward_btc_per_block(),
            month: Some(record.month),
        })
    }

    /// The same market at another hashrate (and the difficulty it implies).
    pub fn with_hashrate_ehs(self, ehs: f64) -> MarketFigures {
        MarketFigures {
            network_hs: ehs * 1e18,
            difficulty: bitcoin::difficulty_from_hashrate_hs(ehs * 1e18),
            ..self
        }
    }

    pub fn network_hashrate_ehs(&self) -> f64 {
        self.network_hs / 1e18
    }

    /// Revenue per TH/s per day, USD: the history's hashprice per TH.
    pub fn revenue_usd_per_th_day(&self) -> f64 {
        crate::history::hashprice_btc_per_ph_day(self.difficulty, self.reward_btc_per_block)
            * self.btc_price_usd
            / 1000.0
    }

    /// The market as Cambridge's method reads it; `None` without a month.
    pub fn market_month(&self) -> Option<MarketMonth> {
        Some(MarketMonth {
            month: self.month?,
            network_hashrate_ehs: self.network_hashrate_ehs(),
            revenue_usd_per_th_day: Some(self.revenue_usd_per_th_day()),
        })
    }
}

/// The month of a snapshot's date.
pub fn month_of(date: &crate::model::date::Date) -> Option<Month> {
    Month::new(date.year, date.month)
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

/// A region's measured (or estimated) intensity as the basis, named in `lang`.
pub fn region_basis(library: &PresetLibrary, id: &str, lang: Lang) -> Result<CarbonBasis, Problem> {
    let r = library
        .region(id)
        .ok_or_else(|| unknown(library, PresetKind::Region, id))?;
    let t = crate::i18n::strings(lang);
    Ok(CarbonBasis {
        intensity_g_per_kwh: r.intensity.g_per_kwh,
        name: r.name_in(lang).to_string(),
        source: format!(
            "{} ({}, {}, {})",
            r.intensity.source,
            t.convention(r.intensity.convention),
            r.intensity.year,
            t.grade(r.intensity.grade)
        ),
        estimate: r.intensity.grade == Grade::Estimate,
        unattributed_pct: None,
        fallback_g_per_kwh: None,
    })
}

/// A mining map's hashrate-weighted intensity as the basis, named in `lang`.
pub fn map_basis(library: &PresetLibrary, id: &str, lang: Lang) -> Result<CarbonBasis, Problem> {
    let map = library
        .mining_map(id)
        .ok_or_else(|| unknown(library, PresetKind::MiningMap, id))?;
    let s = snapshot(library, map)?;
    Ok(CarbonBasis {
        intensity_g_per_kwh: s.intensity_g_per_kwh,
        name: map.name_in(lang).to_string(),
        source: format!(
            "{} ({})",
            map.source,
            crate::i18n::strings(lang).grade(map.grade)
        ),
        estimate: s.estimate,
        unattributed_pct: Some(s.unattributed_pct),
        fallback_g_per_kwh: Some(s.fallback_g_per_kwh),
    })
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

/// How many countries either side of Bitcoin the comparison shows.
pub const NEIGHBOURS: usize = 8;

/// The network's annual energy among the countries' annual electricity demand (the region
/// presets' `demand_twh`), smallest first: the [`NEIGHBOURS`] nearest below and above it.
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
    let at = bars.iter().position(|b| b.bitcoin).unwrap_or(0);
    let from = at.saturating_sub(NEIGHBOURS);
    let to = (at + NEIGHBOURS + 1).min(bars.len());
    bars[from..to].to_vec()
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

/// The bounds for a market, at an intensity: Cambridge's method ([`cbeci::band`]) with the
/// history's miner basket at the market's month. A given efficiency or PUE replaces the best
/// guess's; the bounds keep Cambridge's 1.01 and 1.20.
pub fn estimate(
    market: &MarketFigures,
    settings: &Settings,
    intensity_g_per_kwh: f64,
) -> NetworkEstimate {
    let price = settings.electricity_usd_per_kwh;
    let band = market
        .market_month()
        .map(|m| cbeci::band(basket::builtin_entries(), &m, price));
    let eff = band.and_then(|b| b.efficiencies);
    let hashrate_ths = market.network_hs / 1e12;
    let bound = |j: f64, pue: f64, gw: Option<f64>| {
        gw.map(|gw| Bound::of_power(j, pue, gw, intensity_g_per_kwh))
    };
    let (best_guess, best_guess_basis) = match settings.efficiency_j_per_th {
        Some(j) => (
            Some(Bound::new(
                j,
                settings.pue,
                hashrate_ths,
                intensity_g_per_kwh,
            )),
            BestGuessBasis::Given,
        ),
        None => {
            let best = eff.and_then(|e| {
                if settings.pue == network::PUE_BEST_GUESS {
                    bound(e.weighted_j_per_th, settings.pue, band?.power_gw)
                } else {
                    Some(Bound::new(
                        e.weighted_j_per_th,
                        settings.pue,
                        hashrate_ths,
                        intensity_g_per_kwh,
                    ))
                }
            });
            (best, BestGuessBasis::Basket)
        }
    };
    let machines = eff.map_or(0, |e| e.machines);
    NetworkEstimate {
        lower: eff.and_then(|e| bound(e.min_j_per_th, network::PUE_LOWER, band?.power_gw_lower)),
        best_guess,
        best_guess_basis,
        upper: eff.and_then(|e| bound(e.max_j_per_th, network::PUE_UPPER, band?.power_gw_upper)),
        break_even_efficiency_j_per_th: cbeci::threshold_j_per_th(
            Some(market.revenue_usd_per_th_day()),
            price,
        ),
        profitable_machines: machines,
        basket_machines: match best_guess_basis {
            BestGuessBasis::Basket => machines,
            BestGuessBasis::Given => 0,
        },
    }
}

/// The release months the basket's best guess draws on at `month`, as `YYYY-MM`: from five
/// years before it to the month before it (empty without a month).
pub fn basket_window(month: Option<Month>) -> (String, String) {
    month.map_or_else(Default::default, |m| {
        (
            Month::from_index(m.index() - cbeci::WINDOW_MONTHS).to_string(),
            Month::from_index(m.index() - 1).to_string(),
        )
    })
}

/// One series of the stacked emissions chart of the migration: a country's, the other
/// countries' together, or the hashrate no map places.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum EmissionPart {
    Country(String),
    OtherCountries,
    Unattributed,
}

/// A part's emissions in each mining map (in the order of [`migration`]), Mt CO₂e a year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EmissionSeries {
    pub part: EmissionPart,
    pub mt_per_year: Vec<f64>,
}

/// The migration's emissions by country, at `energy_twh_per_year`: the `named` countries of
/// the largest total weight over all maps (largest first), the other countries together, then
/// the unattributed part.
pub fn migration_emissions(
    migration: &[SnapshotCarbon],
    energy_twh_per_year: f64,
    named: usize,
) -> Vec<EmissionSeries> {
    let mut totals: Vec<(&str, f64)> = Vec::new();
    for m in migration {
        for c in &m.countries {
            match totals.iter_mut().find(|(name, _)| *name == c.country) {
                Some((_, total)) => *total += c.contribution_g_per_kwh,
                None => totals.push((&c.country, c.contribution_g_per_kwh)),
            }
        }
    }
    totals.sort_by(|a, b| b.1.total_cmp(&a.1));
    let names: Vec<&str> = totals.iter().take(named).map(|(n, _)| *n).collect();
    let mt = |g_per_kwh: f64| network::co2_mt_per_year(energy_twh_per_year, g_per_kwh);
    let part = |m: &SnapshotCarbon, name: &str| {
        m.countries
            .iter()
            .find(|c| c.country == name)
            .map_or(0.0, |c| mt(c.contribution_g_per_kwh))
    };
    let rest = |m: &SnapshotCarbon| {
        m.countries
            .iter()
            .filter(|c| !names.contains(&c.country.as_str()))
            .map(|c| mt(c.contribution_g_per_kwh))
            .sum::<f64>()
    };
    names
        .iter()
        .map(|name| EmissionSeries {
            part: EmissionPart::Country(name.to_string()),
            mt_per_year: migration.iter().map(|m| part(m, name)).collect(),
        })
        .chain([
            EmissionSeries {
                part: EmissionPart::OtherCountries,
                mt_per_year: migration.iter().map(rest).collect(),
            },
            EmissionSeries {
                part: EmissionPart::Unattributed,
                mt_per_year: migration
                    .iter()
                    .map(|m| mt(m.unattributed_g_per_kwh))
                    .collect(),
            },
        ])
        .collect()
}

/// Where the network view counts the network's emissions.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CarbonChoice {
    /// The world average (the [`WORLD_REGION`] region).
    #[default]
    World,
    /// The scenario's own grid.
    Site,
    /// A mining map's weighted intensity.
    Map(String),
}

/// The power price that decides which machines are profitable in the network view.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum NetworkPrice {
    /// CBECI's model default, $0.05/kWh: the same answer whichever site is loaded.
    #[default]
    Cambridge,
    /// The scenario's own power price.
    Site,
    /// A price the user gives, USD/kWh.
    Given(f64),
}

impl NetworkPrice {
    /// The price in USD/kWh, given the site's.
    pub fn usd_per_kwh(self, site_usd_per_kwh: f64) -> f64 {
        match self {
            NetworkPrice::Cambridge => network::CBECI_ELECTRICITY_USD_PER_KWH,
            NetworkPrice::Site => site_usd_per_kwh,
            NetworkPrice::Given(price) => price,
        }
    }
}

/// The network view's own choices.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewSettings {
    pub price: NetworkPrice,
    /// `None`: the basket.
    pub efficiency_j_per_th: Option<f64>,
    pub pue: f64,
    pub carbon: CarbonChoice,
}

impl Default for ViewSettings {
    fn default() -> ViewSettings {
        ViewSettings {
            price: NetworkPrice::Cambridge,
            efficiency_j_per_th: None,
            pue: network::PUE_BEST_GUESS,
            carbon: CarbonChoice::World,
        }
    }
}

/// Countries the network view names in its stacked emissions chart; the others are drawn
/// together.
pub const NAMED_COUNTRIES: usize = 5;

/// Everything the network view shows for one scenario and one set of choices.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkView {
    /// The scenario's own power price, USD/kWh.
    pub site_usd_per_kwh: f64,
    /// The scenario's region's name (or "custom mix"), in the view's language.
    pub site_name: String,
    /// The figures, or why the emissions basis cannot be found.
    pub figures: Result<NetworkFigures, Problem>,
}

/// The network view's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkFigures {
    /// The market snapshot's name in the view's language ("" when there is none).
    pub market_name: String,
    /// The snapshot's month (none when there is no snapshot).
    pub month: Option<Month>,
    pub market: MarketFigures,
    pub settings: Settings,
    pub carbon: CarbonBasis,
    pub estimate: NetworkEstimate,
    /// Every mining map at the best guess's energy (0 when there is none).
    pub migration: Vec<SnapshotCarbon>,
    /// The migration's emissions by country ([`migration_emissions`]).
    pub emissions: Vec<EmissionSeries>,
    /// The countries' demand, and Bitcoin's when there is a best guess.
    pub countries: Vec<DemandBar>,
}

impl NetworkView {
    /// The network view of a document: `scenario` is its resolution and
    /// `site_intensity_g_per_kwh` its evaluated grid intensity.
    pub fn of(
        doc: &crate::scenario_file::ScenarioDoc,
        scenario: &crate::model::Scenario,
        site_intensity_g_per_kwh: f64,
        library: &PresetLibrary,
        view: &ViewSettings,
        lang: crate::i18n::Lang,
    ) -> NetworkView {
        use crate::i18n::Localized;
        let t = crate::i18n::strings(lang);
        let site_usd_per_kwh = scenario.site.electricity_usd_per_kwh;
        let site_name = doc
            .site
            .base_region_id()
            .and_then(|id| library.region(id))
            .map_or_else(
                || t.app.custom_mix_region.to_string(),
                |r| r.name_in(lang).to_string(),
            );
        let carbon = match &view.carbon {
            CarbonChoice::World => region_basis(library, WORLD_REGION, lang),
            CarbonChoice::Site => Ok(CarbonBasis {
                intensity_g_per_kwh: site_intensity_g_per_kwh,
                name: crate::i18n::fill(t.network.carbon_site, &[("name", &site_name)]),
                source: crate::chart_data::sources(doc, library, lang)
                    .first()
                    .cloned()
                    .unwrap_or_default(),
                estimate: false,
                unattributed_pct: None,
                fallback_g_per_kwh: None,
            }),
            CarbonChoice::Map(id) => map_basis(library, id, lang),
        };
        let figures = carbon.map(|carbon| {
            let snapshot = crate::chart_data::market_snapshot(doc, library);
            let month = snapshot.and_then(|m| month_of(&m.date));
            let market = MarketFigures::of_market(&scenario.market, month);
            let settings = Settings {
                electricity_usd_per_kwh: view.price.usd_per_kwh(site_usd_per_kwh),
                efficiency_j_per_th: view.efficiency_j_per_th,
                pue: view.pue,
            };
            let estimate = estimate(&market, &settings, carbon.intensity_g_per_kwh);
            let energy = estimate.best_guess.map(|b| b.energy_twh_per_year);
            let migration = migration(library, energy.unwrap_or(0.0));
            let emissions = migration_emissions(&migration, energy.unwrap_or(0.0), NAMED_COUNTRIES);
            let mut countries = countries(library, energy.unwrap_or(0.0));
            if energy.is_none() {
                countries.retain(|b| !b.bitcoin);
            }
            let mut figures = NetworkFigures {
                market_name: snapshot.map_or("", |m| m.name_in(lang)).to_string(),
                month,
                market,
                settings,
                carbon,
                estimate,
                migration,
                emissions,
                countries,
            };
            figures.name_in(library, lang);
            figures
        });
        NetworkView {
            site_usd_per_kwh,
            site_name,
            figures,
        }
    }
}

impl NetworkFigures {
    /// Names the mining maps and the countries in `lang` (the presets' own names in it; the
    /// figures are computed with the English ones, which key them).
    fn name_in(&mut self, library: &PresetLibrary, lang: crate::i18n::Lang) {
        use crate::i18n::Localized;
        let country = |name: &str| {
            library
                .regions()
                .find(|r| r.name == name)
                .map_or(name, |r| r.name_in(lang))
                .to_string()
        };
        for map in &mut self.migration {
            if let Some(preset) = library.mining_map(&map.id) {
                map.name = preset.name_in(lang).to_string();
            }
            for part in &mut map.countries {
                part.country = country(&part.country);
            }
        }
        for series in &mut self.emissions {
            if let EmissionPart::Country(name) = &mut series.part {
                *name = country(name);
            }
        }
        for bar in &mut self.countries {
            if !bar.bitcoin {
                bar.name = country(&bar.name);
            }
        }
    }
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
        assert_eq!(bars.len(), 2 * NEIGHBOURS + 1);
        assert_eq!(at, NEIGHBOURS);
        // 138 TWh: the nearest countries below and above it among every country's demand.
        let demands: Vec<(f64, &str)> = library
            .regions()
            .filter(|r| r.kind == RegionKind::Country)
            .filter_map(|r| r.demand_twh.as_ref().map(|d| (d.value, r.name.as_str())))
            .collect();
        let below = demands
            .iter()
            .filter(|(v, _)| *v < 138.0)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap();
        let above = demands
            .iter()
            .filter(|(v, _)| *v > 138.0)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap();
        assert_eq!(bars[at - 1].name, below.1);
        assert_eq!(bars[at + 1].name, above.1);
        // Sweden's hand-made figure (138.7 TWh) is the one used.
        assert_eq!(above.1, "Sweden");
    }

    #[test]
    fn the_newest_market_gives_ordered_bounds() {
        let library = PresetLibrary::builtin();
        let market = MarketFigures::of_preset(library.newest_market().unwrap());
        assert_eq!(market.month, Month::new(2025, 12));
        let e = estimate(&market, &Settings::default(), 472.94);
        let (l, b, u) = (e.lower.unwrap(), e.best_guess.unwrap(), e.upper.unwrap());
        println!("{l:?}\n{b:?}\n{u:?}\n{e:?}");
        assert!(l.power_gw < b.power_gw && b.power_gw < u.power_gw);
        assert!(e.basket_machines > 0);
    }

    /// A snapshot built from a month of the history gives that month's band: the same basket,
    /// the same method, the same numbers.
    #[test]
    fn a_snapshot_equal_to_a_history_month_gives_that_months_band() {
        let library = PresetLibrary::builtin();
        let history = crate::history::History::builtin();
        let maps = cbeci::map_points(&library);
        let basket = basket::builtin_entries();
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => (a - b).abs() <= 1e-12 * a.abs().max(1.0),
            (a, b) => a == b,
        };
        let mut compared = 0;
        for price in [0.03, 0.05, 0.08] {
            let settings = Settings {
                electricity_usd_per_kwh: price,
                ..Settings::default()
            };
            for record in &history.months {
                let Some(market) = MarketFigures::of_record(record) else {
                    continue;
                };
                let month = cbeci::estimate_month(record, basket, price, &maps);
                let e = estimate(&market, &settings, month.intensity_g_per_kwh);
                let power = |b: Option<Bound>| b.map(|b| b.power_gw);
                assert!(
                    close(power(e.lower), month.power_gw_lower),
                    "{}",
                    record.month
                );
                assert!(
                    close(power(e.best_guess), month.power_gw),
                    "{}",
                    record.month
                );
                assert!(
                    close(power(e.upper), month.power_gw_upper),
                    "{}",
                    record.month
                );
                assert!(close(
                    e.best_guess.map(|b| b.energy_twh_per_year),
                    month.energy_twh_per_year()
                ));
                assert!(close(
                    e.best_guess.map(|b| b.co2_mt_per_year),
                    month.co2_mt_per_year()
                ));
                assert!(close(
                    e.break_even_efficiency_j_per_th,
                    month.shutdown_efficiency_j_per_th
                ));
                assert_eq!(
                    e.profitable_machines,
                    month.efficiencies.map_or(0, |m| m.machines)
                );
                compared += 1;
            }
        }
        // Every month with a price since 2010, at three prices.
        assert!(compared > 3 * 150, "{compared}");
    }

    /// The snapshots against Cambridge's revised yearly figures (2021: 89.0 TWh, 2022:
    /// 95.5 TWh). The miner presets' basket by calendar year gave 38.4 TWh a year for the
    /// 2021-07 snapshot and 60.1 for 2022-01.
    #[test]
    fn the_snapshots_land_near_cambridges_figures() {
        let library = PresetLibrary::builtin();
        let history = crate::history::History::builtin();
        let at = |id: &str| {
            let market = MarketFigures::of_preset(library.market(id).unwrap());
            let e = estimate(&market, &Settings::default(), 472.94);
            let twh = |b: Option<Bound>| b.unwrap().energy_twh_per_year;
            (market, twh(e.lower), twh(e.best_guess), twh(e.upper))
        };
        // The year's mean hashrate, from the history's months.
        let mean_ehs = |y: i32| {
            let months = history.range(Month::new(y, 1).unwrap(), Month::new(y, 12).unwrap());
            months
                .iter()
                .map(|m| m.network_hashrate_ehs * m.month.hours())
                .sum::<f64>()
                / months.iter().map(|m| m.month.hours()).sum::<f64>()
        };
        // 7 August 2021, after the ban: 103.8 EH/s at 14.5 T; the basket of 2016-08 to
        // 2021-07 at $0.05/kWh.
        let (market, lower, best, upper) = at("2021-07");
        assert_eq!(market.month, Month::new(2021, 8));
        assert!((best - 60.42).abs() < 0.05, "{best}");
        assert!(lower < 89.0 && 89.0 < upper, "{lower} {upper}");
        // Its efficiency over 2021's mean hashrate (145 EH/s): 84.6 TWh, within 6 % of
        // Cambridge's 89.0 (the snapshot sits at the post-ban low, the year did not).
        let year = best / market.network_hashrate_ehs() * mean_ehs(2021);
        assert!((year / 89.0 - 1.0).abs() < 0.06, "{year}");
        // 1 January 2022: 193.6 EH/s, bitcoin at $47,000: 106.7 TWh a year; 95.5 in its band.
        let (_, lower, best, upper) = at("2022-01");
        assert!((best - 106.68).abs() < 0.05, "{best}");
        assert!(lower < 95.5 && 95.5 < upper, "{lower} {upper}");
    }

    #[test]
    fn migration_emissions_add_up_to_each_maps_emissions() {
        let library = PresetLibrary::builtin();
        let m = migration(&library, 100.0);
        let series = migration_emissions(&m, 100.0, 3);
        assert_eq!(series.len(), 3 + 2);
        // Over the four maps the United States weigh most, then China.
        assert_eq!(
            series[..2].iter().map(|s| &s.part).collect::<Vec<_>>(),
            [
                &EmissionPart::Country("United States".into()),
                &EmissionPart::Country("China".into())
            ]
        );
        assert_eq!(series[3].part, EmissionPart::OtherCountries);
        assert_eq!(series[4].part, EmissionPart::Unattributed);
        for (i, s) in m.iter().enumerate() {
            let total: f64 = series.iter().map(|p| p.mt_per_year[i]).sum();
            assert!((total - s.co2_mt_per_year).abs() < 1e-9, "{}", s.id);
        }
    }

    #[test]
    fn the_network_view_names_maps_and_countries_in_its_language() {
        let library = PresetLibrary::builtin();
        let doc = crate::scenario_file::ScenarioDoc::default();
        let scenario = doc.resolve(&library).unwrap();
        let view = |lang| {
            NetworkView::of(
                &doc,
                &scenario,
                480.0,
                &library,
                &ViewSettings::default(),
                lang,
            )
            .figures
            .unwrap()
        };
        let (en, zh) = (view(crate::i18n::Lang::En), view(crate::i18n::Lang::Zh));
        let names = |f: &NetworkFigures| -> Vec<String> {
            f.migration.iter().map(|m| m.name.clone()).collect()
        };
        assert!(names(&en).contains(&"Aug 2021".to_string()));
        assert!(names(&zh).contains(&"2021年8月".to_string()));
        let country = |f: &NetworkFigures, name: &str| f.countries.iter().any(|c| c.name == name);
        let near = en.countries.iter().find(|c| !c.bitcoin).unwrap();
        let region = library.regions().find(|r| r.name == near.name).unwrap();
        assert!(!region.name_zh.is_empty(), "{}", region.name);
        assert!(country(&zh, &region.name_zh));
        assert!(!country(&zh, &near.name));
        // The same numbers in either language.
        assert_eq!(en.estimate, zh.estimate);
        let tonnes = |f: &NetworkFigures| -> Vec<f64> {
            f.emissions
                .iter()
                .flat_map(|e| e.mt_per_year.clone())
                .collect()
        };
        assert_eq!(tonnes(&en), tonnes(&zh));
        assert!(
            zh.emissions
                .iter()
                .any(|e| e.part == EmissionPart::Country("中国".into()))
        );
    }

    #[test]
    fn the_network_view_follows_its_choices() {
        let library = PresetLibrary::builtin();
        let doc = crate::scenario_file::ScenarioDoc::default();
        let scenario = doc.resolve(&library).unwrap();
        let intensity = crate::model::evaluate(&scenario).grid_intensity_g_per_kwh;
        let lang = crate::i18n::Lang::En;
        let view =
            |v: &ViewSettings| NetworkView::of(&doc, &scenario, intensity, &library, v, lang);
        let world = view(&ViewSettings::default());
        assert_eq!(world.site_name, "World average");
        let f = world.figures.as_ref().unwrap();
        // A student's answer does not depend on the site loaded: Cambridge's price by default.
        assert_eq!(f.settings.electricity_usd_per_kwh, 0.05);
        let site = view(&ViewSettings {
            price: NetworkPrice::Site,
            ..ViewSettings::default()
        });
        assert_eq!(
            site.figures.unwrap().settings.electricity_usd_per_kwh,
            world.site_usd_per_kwh
        );
        assert_eq!(
            f.carbon,
            region_basis(&library, WORLD_REGION, Lang::En).unwrap()
        );
        assert_eq!(f.migration.len(), 4);
        assert_eq!(f.countries.iter().filter(|b| b.bitcoin).count(), 1);
        let given = view(&ViewSettings {
            efficiency_j_per_th: Some(28.2),
            carbon: CarbonChoice::Site,
            ..ViewSettings::default()
        });
        let g = given.figures.unwrap();
        assert_eq!(g.estimate.best_guess_basis, network::BestGuessBasis::Given);
        assert_eq!(g.carbon.name, "this site's grid (World average)");
        let unknown = view(&ViewSettings {
            carbon: CarbonChoice::Map("ccaf-1999".into()),
            ..ViewSettings::default()
        });
        assert!(matches!(unknown.figures, Err(Problem::UnknownId { .. })));
    }
}
