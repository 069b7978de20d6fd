//! The network view's data: the engine's network estimate (`model::network`) fed from the preset
//! library. `hashwatt network` and the window's Network tab both draw from here, so they show
//! the same numbers.

use crate::i18n::{Lang, Localized};
use crate::model::network::{
    self, Machine, NetworkEstimate, NetworkInputs, RegionShare, WeightedIntensity,
};
use crate::model::{Market, NetworkSpec, SubsidySpec, bitcoin};
use crate::names::Names;
use crate::presets::{Grade, MarketPreset, MiningMapPreset, PresetLibrary, RegionKind};
use crate::problem::Problem;
use crate::schema::PresetKind;
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

fn unknown(library: &PresetLibrary, kind: PresetKind, id: &str) -> Problem {
    let known: Vec<&str> = match kind {
        PresetKind::Region => library.regions().map(|r| r.id.as_str()).collect(),
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
            .ok_or_else(|| unknown(library, PresetKind::Region, &s.region))?;
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
    /// The snapshot's year (0 when there is none).
    pub year: u16,
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
            let year = snapshot.map_or(0, |m| year_of(&m.date));
            let market = MarketFigures::of_market(&scenario.market, year);
            let settings = Settings {
                electricity_usd_per_kwh: view.price.usd_per_kwh(site_usd_per_kwh),
                efficiency_j_per_th: view.efficiency_j_per_th,
                pue: view.pue,
            };
            let estimate = estimate(library, &market, &settings, carbon.intensity_g_per_kwh);
            let energy = estimate.best_guess.map(|b| b.energy_twh_per_year);
            let migration = migration(library, energy.unwrap_or(0.0));
            let emissions = migration_emissions(&migration, energy.unwrap_or(0.0), NAMED_COUNTRIES);
            let mut countries = countries(library, energy.unwrap_or(0.0));
            if energy.is_none() {
                countries.retain(|b| !b.bitcoin);
            }
            let mut figures = NetworkFigures {
                market_name: snapshot.map_or("", |m| m.name_in(lang)).to_string(),
                year,
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
        assert!(country(&en, "China") && country(&zh, "中国"));
        assert!(!country(&zh, "China"));
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
