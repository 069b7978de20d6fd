//! Scenario files: the RON document a user saves, shares and edits by hand. It names regions,
//! miners, tables and markets by id; `crate::resolve` turns it into the engine's `Scenario` of
//! plain numbers using the presets. This module knows nothing of the presets.

use crate::model::{
    EnergyMix, Instruments, IntensityMethod, Levers, NetworkSpec, ProjectionSettings, SubsidySpec,
};
use serde::{Deserialize, Serialize};

/// The format version this build writes. Older versions are read and migrated. Version 3
/// added the projection's investment and uncertainty settings (a version 2 file takes their
/// defaults); version 4 the `presets` section a file carries its own presets in, and the
/// `imported_from` and `imported_on` of an imported example scenario (a version 3 file has
/// none of them and reads unchanged).
pub const SCENARIO_VERSION: u32 = 4;

/// Field names that older format versions used and that are still read from them (see
/// `scenario_io::RENAMED_FIELDS`), but are no longer offered.
pub const OLD_FIELD_NAMES: [&str; 1] = ["emission_factors"];

/// Defaults that apply when neither the file nor a preset gives a value.
pub mod defaults {
    /// The region used when a scenario names none and gives no mix.
    pub const REGION: &str = "world";
    pub const EMISSION_TABLE: &str = "ipcc-ar5-lifecycle";
    pub const MINER: &str = "antminer-s21";
    /// Cambridge CBECI's model default, used for a custom mix without a price.
    pub const ELECTRICITY_USD_PER_KWH: f64 = 0.05;
    /// CBECI's best-guess facility overhead.
    pub const PUE: f64 = 1.1;
    pub const UPTIME_PCT: f64 = 100.0;
    pub const POOL_FEE_PCT: f64 = 2.0;
    pub const OPEX_USD_PER_MONTH: f64 = 0.0;
    pub const CARBON_PRICE_USD_PER_T: f64 = 0.0;
    pub const UNITS: u32 = 1;
    pub const HARDWARE_LIFE_YEARS: f64 = 4.0;
    /// Price for a custom miner that names none.
    pub const UNIT_COST_USD: f64 = 0.0;
}

/// A scenario as written in a file. Every field has a default, so a short file works.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ScenarioDoc {
    pub version: u32,
    pub name: String,
    /// The name in Simplified Chinese, shown when the app speaks Chinese (empty: `name`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description_zh: String,
    pub site: SiteDoc,
    pub fleet: Vec<FleetEntryDoc>,
    pub market: MarketDoc,
    pub hardware_life_years: f64,
    /// Assumptions for the month-by-month projection.
    pub projection: ProjectionSettings,
    /// Policy and site levers (renewable supply, demand response, heat reuse, flared gas).
    pub levers: Levers,
    /// Hour-by-hour dispatch: a time-of-use tariff, the demand-response credit, minimum run
    /// and off times. Left out when all are unset.
    #[serde(skip_serializing_if = "crate::model::dispatch::DispatchOptions::is_unset")]
    pub dispatch: crate::model::dispatch::DispatchOptions,
    /// Contractual instruments for market-based Scope 2 (certificates, a PPA, a residual
    /// mix); written only when the file gives any.
    #[serde(skip_serializing_if = "Instruments::is_empty")]
    pub instruments: Instruments,
    /// The presets the file carries (not built in), looked up before the library's.
    #[serde(skip_serializing_if = "crate::preset_types::EmbeddedPresets::is_empty")]
    pub presets: crate::preset_types::EmbeddedPresets,
    /// Set when the scenario was imported into the presets folder from another file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub imported_on: Option<crate::model::date::Date>,
}

impl Default for ScenarioDoc {
    fn default() -> Self {
        ScenarioDoc {
            version: SCENARIO_VERSION,
            name: String::new(),
            name_zh: String::new(),
            description: String::new(),
            description_zh: String::new(),
            site: SiteDoc::default(),
            fleet: vec![FleetEntryDoc::preset(defaults::MINER, defaults::UNITS)],
            market: MarketDoc::default(),
            hardware_life_years: defaults::HARDWARE_LIFE_YEARS,
            projection: ProjectionSettings::default(),
            levers: Levers::default(),
            dispatch: Default::default(),
            instruments: Instruments::default(),
            presets: Default::default(),
            imported_from: None,
            imported_on: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteDoc {
    /// A region preset id. With neither region nor mix, the world average.
    pub region: Option<String>,
    /// A custom mix (shares in %); it replaces the region's, and the intensity is then mix-based.
    pub mix: Option<EnergyMix>,
    pub intensity_method: IntensityMethod,
    /// Emission-factor table id. (Format version 1 called it `emission_factors`.)
    #[serde(alias = "emission_factors")]
    pub emission_table: String,
    /// None: the region's typical industrial price.
    pub electricity_usd_per_kwh: Option<f64>,
    pub pue: f64,
    pub uptime_pct: f64,
    pub pool_fee_pct: f64,
    pub opex_usd_per_month: f64,
    pub carbon_price_usd_per_t: f64,
}

impl Default for SiteDoc {
    fn default() -> Self {
        SiteDoc {
            region: None,
            mix: None,
            intensity_method: IntensityMethod::Measured,
            emission_table: defaults::EMISSION_TABLE.to_string(),
            electricity_usd_per_kwh: None,
            pue: defaults::PUE,
            uptime_pct: defaults::UPTIME_PCT,
            pool_fee_pct: defaults::POOL_FEE_PCT,
            opex_usd_per_month: defaults::OPEX_USD_PER_MONTH,
            carbon_price_usd_per_t: defaults::CARBON_PRICE_USD_PER_T,
        }
    }
}

impl SiteDoc {
    /// The region preset the site is based on: its own, or the default when it gives no mix
    /// (a custom mix without a region has none).
    pub fn base_region_id(&self) -> Option<&str> {
        match (&self.region, &self.mix) {
            (Some(id), _) => Some(id),
            (None, None) => Some(defaults::REGION),
            (None, Some(_)) => None,
        }
    }

    /// The region preset whose figures the site uses unchanged (none once the mix is custom).
    pub fn preset_region_id(&self) -> Option<&str> {
        self.mix.is_none().then(|| self.base_region_id()).flatten()
    }
}

/// Units of one miner model: a preset (`miner`), a custom model (`hashrate_ths` and `power_w`),
/// or a preset with some figures overridden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FleetEntryDoc {
    pub miner: Option<String>,
    pub name: Option<String>,
    pub hashrate_ths: Option<f64>,
    pub power_w: Option<f64>,
    pub units: u32,
    /// None: the preset's indicative price, or 0 for a custom model.
    pub unit_cost_usd: Option<f64>,
    /// Power modes of one machine besides its own figures (eco, turbo), for the hour-by-hour
    /// dispatch; given, they replace the preset's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<crate::model::dispatch::PowerMode>,
}

/// An entry names no miner by default: a field left out of a custom machine must be reported
/// as missing, never filled in from some preset.
impl Default for FleetEntryDoc {
    fn default() -> Self {
        FleetEntryDoc {
            miner: None,
            name: None,
            hashrate_ths: None,
            power_w: None,
            units: defaults::UNITS,
            unit_cost_usd: None,
            modes: Vec::new(),
        }
    }
}

impl FleetEntryDoc {
    /// `units` machines of the miner preset `id`, its figures unchanged.
    pub fn preset(id: &str, units: u32) -> FleetEntryDoc {
        FleetEntryDoc {
            miner: Some(id.to_string()),
            units,
            ..FleetEntryDoc::default()
        }
    }
}

/// The market: a snapshot preset, with any of its values overridden.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarketDoc {
    /// A market snapshot id. None: the newest snapshot.
    pub preset: Option<String>,
    pub btc_price_usd: Option<f64>,
    pub network: Option<NetworkSpec>,
    pub subsidy: Option<SubsidySpec>,
    pub fees_btc_per_block: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;
    use crate::presets::PresetLibrary;
    use crate::resolve::resolve_in_file;
    use crate::scenario_io::parse_scenario;

    fn resolve(text: &str) -> Result<Scenario, String> {
        let library = PresetLibrary::builtin();
        let doc = parse_scenario("site.ron", text).map_err(|e| e.to_string())?;
        resolve_in_file("site.ron", text, &doc, &library).map_err(|e| e.to_string())
    }

    #[test]
    fn a_custom_machine_without_its_power_is_refused_not_made_an_s21() {
        let text = "(\n    fleet: [\n        (name: \"Rack B\", hashrate_ths: 110, units: 50),\n    ],\n)\n";
        assert_eq!(
            resolve(text).unwrap_err(),
            "site.ron:3:9: fleet[0].power_w: a custom miner (no `miner` id) needs `power_w`"
        );
        let text = "(fleet: [(power_w: 3000)])";
        assert_eq!(
            resolve(text).unwrap_err(),
            "site.ron:1:10: fleet[0].hashrate_ths: a custom miner (no `miner` id) needs `hashrate_ths`"
        );
    }

    #[test]
    fn a_custom_machine_without_a_price_costs_nothing() {
        let text = "(fleet: [(name: \"Rack B\", hashrate_ths: 110, power_w: 3250, units: 50)])";
        let scenario = resolve(text).unwrap();
        assert_eq!(scenario.fleet.len(), 1);
        assert_eq!(scenario.fleet[0].name, "Rack B");
        assert_eq!(scenario.fleet[0].power_w, 3250.0);
        assert_eq!(scenario.fleet[0].unit_cost_usd, 0.0);
    }

    #[test]
    fn a_preset_entry_and_the_default_fleet_still_name_their_miner() {
        let s21 = PresetLibrary::builtin()
            .miner("antminer-s21")
            .unwrap()
            .clone();
        let scenario = resolve("(fleet: [(miner: \"antminer-s21\", units: 3)])").unwrap();
        assert_eq!(scenario.fleet[0].power_w, s21.power_w);
        assert_eq!(
            Some(scenario.fleet[0].unit_cost_usd),
            s21.price.as_ref().map(|p| p.usd)
        );
        let scenario = resolve("()").unwrap();
        assert_eq!(scenario.fleet[0].name, s21.name);
        assert_eq!(FleetEntryDoc::default().miner, None);
    }
}
