//! What a preset file holds. Every figure carries its source, the year it describes and a grade.

use crate::model::date::Date;
use crate::model::{EmissionFactors, EnergyMix, NetworkSpec, PerSource, SubsidySpec};
use serde::{Deserialize, Serialize};

/// The kinds of preset, in the order `presets list` shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PresetKind {
    Region,
    Miner,
    EmissionTable,
    Market,
    MiningMap,
    Scenario,
}

impl PresetKind {
    pub const ALL: [PresetKind; 6] = [
        PresetKind::Region,
        PresetKind::Miner,
        PresetKind::EmissionTable,
        PresetKind::Market,
        PresetKind::MiningMap,
        PresetKind::Scenario,
    ];

    /// The folder name under `presets/`, also the name `presets list KIND` takes.
    pub fn folder(self) -> &'static str {
        match self {
            PresetKind::Region => "regions",
            PresetKind::Miner => "miners",
            PresetKind::EmissionTable => "emission-factors",
            PresetKind::Market => "markets",
            PresetKind::MiningMap => "mining-maps",
            PresetKind::Scenario => "scenarios",
        }
    }

    pub fn from_folder(name: &str) -> Option<PresetKind> {
        PresetKind::ALL.into_iter().find(|k| k.folder() == name)
    }

    /// The kind in words, in `lang` ("region", "emission-factor table").
    pub fn words(self, lang: crate::i18n::Lang) -> &'static str {
        let p = &crate::i18n::strings(lang).problems;
        match self {
            PresetKind::Region => p.id_region,
            PresetKind::Miner => p.id_miner,
            PresetKind::EmissionTable => p.id_emission_table,
            PresetKind::Market => p.id_market,
            PresetKind::MiningMap => p.id_mining_map,
            PresetKind::Scenario => p.id_scenario,
        }
    }
}

/// How sure a figure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    /// Read in the primary dataset or official page itself.
    Measured,
    /// Quoted from the primary source by a third party.
    Secondary,
    /// An estimate; the app says so wherever it is shown.
    Estimate,
}

/// Where a sub-national region sits on the map: a point inside it and its ISO 3166-2 code
/// (with a season after it where the region is seasonal, e.g. `CN-SC-DRY`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapPlace {
    pub code: String,
    pub lat: f64,
    pub lon: f64,
}

/// An optional field written as its bare value when present (no `Some(…)`), absent otherwise.
mod present {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer, T: Serialize>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(x) => x.serialize(s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        d: D,
    ) -> Result<Option<T>, D::Error> {
        T::deserialize(d).map(Some)
    }
}

/// A figure with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure<T> {
    pub value: T,
    pub source: String,
    /// The year the figure describes.
    pub year: u16,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegionKind {
    /// The world average, the fallback when no region is chosen.
    World,
    Country,
    SubNational,
}

/// Whether a mix describes what is generated in the region or what is consumed there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MixBasis {
    Generation,
    Consumption,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixFigure {
    /// Shares in percent; they sum to 100 ± 0.1.
    pub shares: EnergyMix,
    pub basis: MixBasis,
    pub source: String,
    pub year: u16,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// The accounting convention of a measured grid intensity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntensityConvention {
    /// Ember: life-cycle, production-based (domestic generation, imports excluded).
    EmberProduction,
    /// Electricity Maps: life-cycle, consumption-based (flow-traced, imports included).
    ElectricityMapsConsumption,
    /// No measurement: an estimate from the mix and typical plant factors.
    Estimated,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntensityFigure {
    pub g_per_kwh: f64,
    pub convention: IntensityConvention,
    pub source: String,
    pub year: u16,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A region's share of Bitcoin's hashrate in one snapshot of the Cambridge mining map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashrateShare {
    /// The snapshot, e.g. "2020-04" (Sep 2019 – Apr 2020 average) or "2022-01".
    pub snapshot: String,
    /// Percent of the global network hashrate.
    pub share_pct: f64,
    pub source: String,
    pub grade: Grade,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    pub kind: RegionKind,
    /// The country it belongs to (a country names itself).
    pub country: String,
    /// ISO 3166-1 alpha-3 of the country it is (or lies in), e.g. `KAZ`; the map draws it there.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub iso3: String,
    /// Where a sub-national region is drawn on the map, and its ISO 3166-2 code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<MapPlace>,
    pub data_year: u16,
    pub mix: MixFigure,
    pub intensity: IntensityFigure,
    /// A sourced power price; a region without one asks the user for theirs. Written as the
    /// bare figure, so files from before it could be absent read as they did.
    #[serde(default, with = "present", skip_serializing_if = "Option::is_none")]
    pub electricity_price_usd_per_kwh: Option<Figure<f64>>,
    /// The published tariff the price comes from, when there is one: the engine prices a
    /// scenario's own load with it, and the figure above must be its price at the reference load.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff: Option<crate::model::tariff_price::RegionTariff>,
    /// Whether the price is open to a new mining load (a closed rate, a moratorium, a ban).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<crate::model::tariff_price::Availability>,
    #[serde(default, with = "present", skip_serializing_if = "Option::is_none")]
    pub mean_temperature_c: Option<Figure<f64>>,
    /// Annual electricity demand (countries).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand_twh: Option<Figure<f64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hashrate_shares: Vec<HashrateShare>,
    /// The published residual mix (AIB in Europe, Green-e in the US), g CO₂/kWh: the factor
    /// market-based Scope 2 uses for energy no contractual instrument covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub residual_mix_g_per_kwh: Option<Figure<f64>>,
    /// Why it matters, and the reasoning behind any estimate.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<Date>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PriceBasis {
    /// The maker's price at launch.
    Launch,
    /// A market or reseller price in the year given.
    Market,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinerPrice {
    pub usd: f64,
    pub basis: PriceBasis,
    pub year: u16,
    pub source: String,
    pub grade: Grade,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinerPreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    pub maker: String,
    pub release_year: u16,
    pub hashrate_ths: f64,
    pub power_w: f64,
    /// The efficiency the maker or source states; checked against power / hashrate.
    pub stated_efficiency_j_per_th: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<MinerPrice>,
    pub source: String,
    pub grade: Grade,
    /// A reference row for the efficiency curve (CPU, GPU, FPGA, first ASICs), not hardware
    /// anyone would buy today.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub historical: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Firmware power modes besides the figures above (eco, turbo), each with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<MinerModePreset>,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<Date>,
}

/// A miner's power mode as a preset gives it: one machine's figures in that mode.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinerModePreset {
    pub name: String,
    pub hashrate_ths: f64,
    pub power_w: f64,
    pub source: String,
    pub grade: Grade,
}

impl MinerPreset {
    pub fn efficiency_j_per_th(&self) -> f64 {
        self.power_w / self.hashrate_ths
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactorKind {
    /// Life-cycle: construction, fuel supply chain and operation.
    Lifecycle,
    /// Combustion at the stack only.
    Direct,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FactorEntry {
    pub central: f64,
    /// Low and high end of the published range (the central value when none is published).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    /// Where this factor differs from the table's source.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmissionTablePreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    pub kind: FactorKind,
    pub source: String,
    pub year: u16,
    pub grade: Grade,
    pub factors: PerSource<FactorEntry>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<Date>,
}

impl EmissionTablePreset {
    /// The plain numbers the engine uses.
    pub fn factors(&self) -> EmissionFactors {
        let f = &self.factors;
        EmissionFactors {
            central_g_per_kwh: PerSource::from_fn(|s| f.get_ref(s).central),
            low_g_per_kwh: PerSource::from_fn(|s| {
                let e = f.get_ref(s);
                e.low.unwrap_or(e.central)
            }),
            high_g_per_kwh: PerSource::from_fn(|s| {
                let e = f.get_ref(s);
                e.high.unwrap_or(e.central)
            }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketPreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    /// The day the snapshot describes, `YYYY-MM-DD` in the file.
    pub date: Date,
    pub btc_price_usd: Figure<f64>,
    pub network: Figure<NetworkSpec>,
    pub subsidy: Figure<SubsidySpec>,
    pub fees_btc_per_block: Figure<f64>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<Date>,
}

// Mining maps: where the network's hashrate was at one time, as shares by region preset. Each
// snapshot names its source and grade; a share may name its own where it differs.

/// How a map was made, which decides what it can be compared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MapBasis {
    /// The Cambridge (CCAF) mining map: the IP addresses of miners at participating pools.
    PoolGeolocation,
    /// A survey of mining firms: shares of the surveyed firms' hashrate, not of the network.
    Survey,
}

/// One region's share of the network in a snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapShare {
    /// A region preset id.
    pub region: String,
    /// Percent of the global network hashrate.
    pub share_pct: f64,
    /// Where it differs from the snapshot's source (empty: the snapshot's).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Where it differs from the snapshot's grade.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MiningMapPreset {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    /// The last day the snapshot describes, `YYYY-MM-DD` in the file (orders the snapshots).
    pub date: crate::model::date::Date,
    /// The period in words: "September 2019 to April 2020, average".
    pub period: String,
    pub basis: MapBasis,
    pub source: String,
    pub grade: Grade,
    pub shares: Vec<MapShare>,
    /// What the map covers and what it leaves out.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The file name it was imported from, and the day (`presets import`, *Import presets…*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<crate::model::date::Date>,
}

impl MiningMapPreset {
    /// The shares summed, percent of the network.
    pub fn total_pct(&self) -> f64 {
        self.shares.iter().map(|s| s.share_pct).sum()
    }

    /// A share's source: its own, else the snapshot's.
    pub fn share_source<'a>(&'a self, share: &'a MapShare) -> &'a str {
        if share.source.trim().is_empty() {
            &self.source
        } else {
            &share.source
        }
    }

    /// A share's grade: its own, else the snapshot's.
    pub fn share_grade(&self, share: &MapShare) -> Grade {
        share.grade.unwrap_or(self.grade)
    }

    /// Whether the map describes the whole network (pool-based) rather than a survey's firms.
    pub fn comparable(&self) -> bool {
        self.basis == MapBasis::PoolGeolocation
    }
}

/// How far past 100 % the shares may sum (rounding in the published figures).
pub const TOTAL_TOLERANCE_PCT: f64 = 0.1;

/// The presets a scenario file carries with it (its `presets:` section), each in exactly the
/// form of its own preset file. Opening the scenario looks ids up here first, then in the
/// library, so a file sent to another machine resolves to the same figures.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmbeddedPresets {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionPreset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub miners: Vec<MinerPreset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub emission_tables: Vec<EmissionTablePreset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<MarketPreset>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mining_maps: Vec<MiningMapPreset>,
}

impl EmbeddedPresets {
    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
            && self.miners.is_empty()
            && self.emission_tables.is_empty()
            && self.markets.is_empty()
            && self.mining_maps.is_empty()
    }

    /// How many presets the section holds, of every kind.
    pub fn len(&self) -> usize {
        self.regions.len()
            + self.miners.len()
            + self.emission_tables.len()
            + self.markets.len()
            + self.mining_maps.len()
    }

    /// The name a section's list has in the file (`presets.emission_tables`).
    pub fn list_name(kind: PresetKind) -> &'static str {
        match kind {
            PresetKind::Region => "regions",
            PresetKind::Miner => "miners",
            PresetKind::EmissionTable => "emission_tables",
            PresetKind::Market => "markets",
            PresetKind::MiningMap => "mining_maps",
            PresetKind::Scenario => "scenarios",
        }
    }
}
