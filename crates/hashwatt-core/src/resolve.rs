//! The resolver: it sits between the scenario document and the preset library, turning a
//! document's ids into the engine's plain numbers. The document knows nothing of the presets,
//! and the library reaches the resolver only to check its example scenarios.

use crate::file_error::{FileError, locate_field};
use crate::model::{AccountingInputs, Grid, Market, MinerGroup, Scenario, Site};
use crate::preset_types::{EmbeddedPresets, FactorKind, PresetKind};
use crate::problem::Problem;
use crate::scenario_file::{FleetEntryDoc, ScenarioDoc, defaults};
use crate::scenario_io;

/// The combustion-only table location-based Scope 2 uses with a life-cycle scenario table.
pub const OPERATIONAL_TABLE: &str = "direct-combustion";
use crate::preset_types::{EmissionTablePreset, MarketPreset, MinerPreset, RegionPreset};
use std::path::Path;

/// What the resolver needs of a preset library: presets by id, the ids of each kind (for
/// "did you mean"), and the newest market snapshot.
pub trait PresetLookup {
    fn region(&self, id: &str) -> Option<&RegionPreset>;
    fn miner(&self, id: &str) -> Option<&MinerPreset>;
    fn emission_table(&self, id: &str) -> Option<&EmissionTablePreset>;
    fn market(&self, id: &str) -> Option<&MarketPreset>;
    fn newest_market(&self) -> Option<&MarketPreset>;
    /// The ids of one kind, in the library's order.
    fn ids(&self, kind: PresetKind) -> Vec<&str>;
}

/// A library seen through a scenario's own presets: an id the scenario carries is its own.
pub struct Overlay<'a, L: PresetLookup + ?Sized> {
    embedded: &'a EmbeddedPresets,
    base: &'a L,
}

impl<'a, L: PresetLookup + ?Sized> Overlay<'a, L> {
    pub fn new(embedded: &'a EmbeddedPresets, base: &'a L) -> Self {
        Overlay { embedded, base }
    }
}

impl<L: PresetLookup + ?Sized> PresetLookup for Overlay<'_, L> {
    fn region(&self, id: &str) -> Option<&RegionPreset> {
        let own = self.embedded.regions.iter().find(|p| p.id == id);
        own.or_else(|| self.base.region(id))
    }
    fn miner(&self, id: &str) -> Option<&MinerPreset> {
        let own = self.embedded.miners.iter().find(|p| p.id == id);
        own.or_else(|| self.base.miner(id))
    }
    fn emission_table(&self, id: &str) -> Option<&EmissionTablePreset> {
        let own = self.embedded.emission_tables.iter().find(|p| p.id == id);
        own.or_else(|| self.base.emission_table(id))
    }
    fn market(&self, id: &str) -> Option<&MarketPreset> {
        let own = self.embedded.markets.iter().find(|p| p.id == id);
        own.or_else(|| self.base.market(id))
    }
    /// A scenario that names no snapshot means this machine's newest: its own snapshots are
    /// there only because it names them.
    fn newest_market(&self) -> Option<&MarketPreset> {
        self.base.newest_market()
    }
    fn ids(&self, kind: PresetKind) -> Vec<&str> {
        let mut ids: Vec<&str> = match kind {
            PresetKind::Region => self
                .embedded
                .regions
                .iter()
                .map(|p| p.id.as_str())
                .collect(),
            PresetKind::Miner => self.embedded.miners.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::EmissionTable => {
                let tables = self.embedded.emission_tables.iter();
                tables.map(|p| p.id.as_str()).collect()
            }
            PresetKind::Market => self
                .embedded
                .markets
                .iter()
                .map(|p| p.id.as_str())
                .collect(),
            PresetKind::MiningMap => {
                let maps = self.embedded.mining_maps.iter();
                maps.map(|p| p.id.as_str()).collect()
            }
            PresetKind::Scenario => Vec::new(),
        };
        for id in self.base.ids(kind) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// A reference to a preset that does not exist, or an input out of range.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct ResolveError {
    /// Path of the field in the file, e.g. `site.region` or `fleet[0].miner`.
    pub field: String,
    pub problem: Problem,
    /// The offending text as written (an id), to find it in the file.
    pub value: Option<String>,
}

impl ResolveError {
    /// `field: problem` in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        format!("{}: {}", self.field, self.problem.localized(lang))
    }
}

fn unknown(field: &str, kind: PresetKind, id: &str, known: Vec<&str>) -> ResolveError {
    ResolveError {
        field: field.to_string(),
        problem: Problem::UnknownId {
            kind,
            id: id.to_string(),
            near: crate::suggest::did_you_mean(id, &known).map(str::to_string),
        },
        value: Some(id.to_string()),
    }
}

impl ScenarioDoc {
    /// Replaces every id with the figures it stands for and checks every value's range.
    pub fn resolve(&self, library: &impl PresetLookup) -> Result<Scenario, ResolveError> {
        // The file's own presets come first: a shared file means the presets it carries.
        let library = &Overlay::new(&self.presets, library);
        let site = &self.site;
        let table = library
            .emission_table(&site.emission_table)
            .ok_or_else(|| {
                unknown(
                    "site.emission_table",
                    PresetKind::EmissionTable,
                    &site.emission_table,
                    library.ids(PresetKind::EmissionTable),
                )
            })?;
        let region = self.resolve_region(library)?;
        let (mix, measured) = match (&site.mix, region) {
            (Some(mix), _) => (*mix, None),
            (None, Some(region)) => (region.mix.shares, Some(region.intensity.g_per_kwh)),
            (None, None) => {
                return Err(ResolveError {
                    field: "site.region".into(),
                    problem: Problem::NoDefaultRegion {
                        id: defaults::REGION,
                    },
                    value: None,
                });
            }
        };
        let fleet = self
            .fleet
            .iter()
            .enumerate()
            .map(|(i, entry)| resolve_miner_group(i, entry, library))
            .collect::<Result<Vec<_>, _>>()?;
        let electricity = self.site_electricity(region, &fleet)?;
        let market = self.resolve_market(library)?;
        let accounting = self.accounting(library, table)?;
        let scenario = Scenario {
            site: Site {
                grid: Grid::new(mix, table.factors(), measured, site.intensity_method),
                electricity_usd_per_kwh: electricity,
                pue: site.pue,
                uptime_pct: site.uptime_pct,
                pool_fee_pct: site.pool_fee_pct,
                opex_usd_per_month: site.opex_usd_per_month,
                carbon_price_usd_per_t: site.carbon_price_usd_per_t,
            },
            fleet,
            market,
            hardware_life_years: self.hardware_life_years,
            levers: self.levers,
            accounting,
        };
        self.check_resolved(&scenario)?;
        Ok(scenario)
    }

    /// The site's region: the one it names, none for a mix of its own, else the default.
    fn resolve_region<'l>(
        &self,
        library: &'l impl PresetLookup,
    ) -> Result<Option<&'l RegionPreset>, ResolveError> {
        Ok(match (&self.site.region, &self.site.mix) {
            (Some(id), _) => Some(library.region(id).ok_or_else(|| {
                unknown(
                    "site.region",
                    PresetKind::Region,
                    id,
                    library.ids(PresetKind::Region),
                )
            })?),
            (None, Some(_)) => None,
            (None, None) => library.region(defaults::REGION),
        })
    }

    /// The power price, USD/kWh. The scenario's own price wins; else the region's tariff
    /// prices this fleet's load. A region without a sourced price asks for the user's rather
    /// than inventing one.
    fn site_electricity(
        &self,
        region: Option<&RegionPreset>,
        fleet: &[MinerGroup],
    ) -> Result<f64, ResolveError> {
        let site = &self.site;
        Ok(match (site.electricity_usd_per_kwh, region) {
            (Some(own), _) => own,
            (None, Some(r)) => r
                .price_usd_per_kwh(site_load(fleet, site.pue, site.uptime_pct))
                .ok_or_else(|| ResolveError {
                    field: "site.electricity_usd_per_kwh".into(),
                    problem: Problem::RegionHasNoPrice {
                        region: r.name.clone(),
                        region_zh: r.name_zh.clone(),
                    },
                    value: None,
                })?,
            (None, None) => defaults::ELECTRICITY_USD_PER_KWH,
        })
    }

    /// The market: each figure the scenario's own, else its snapshot's (the one it names, or
    /// the newest).
    fn resolve_market(&self, library: &impl PresetLookup) -> Result<Market, ResolveError> {
        let snapshot = match &self.market.preset {
            Some(id) => Some(library.market(id).ok_or_else(|| {
                unknown(
                    "market.preset",
                    PresetKind::Market,
                    id,
                    library.ids(PresetKind::Market),
                )
            })?),
            None => library.newest_market(),
        };
        let need = |field: &str| ResolveError {
            field: format!("market.{field}"),
            problem: Problem::NoSnapshot,
            value: None,
        };
        let m = &self.market;
        Ok(Market {
            btc_price_usd: m
                .btc_price_usd
                .or(snapshot.map(|s| s.btc_price_usd.value))
                .ok_or_else(|| need("btc_price_usd"))?,
            network: m
                .network
                .or(snapshot.map(|s| s.network.value))
                .ok_or_else(|| need("network"))?,
            subsidy: m
                .subsidy
                .or(snapshot.map(|s| s.subsidy.value))
                .ok_or_else(|| need("subsidy"))?,
            fees_btc_per_block: m
                .fees_btc_per_block
                .or(snapshot.map(|s| s.fees_btc_per_block.value))
                .ok_or_else(|| need("fees_btc_per_block"))?,
        })
    }

    /// What the carbon accounting needs besides the grid: the instruments, the combustion-only
    /// factors for location-based Scope 2 and the region's residual mix.
    fn accounting(
        &self,
        library: &impl PresetLookup,
        table: &EmissionTablePreset,
    ) -> Result<AccountingInputs, ResolveError> {
        // Scope 2 location-based uses the grid's combustion-only intensity: the scenario's own
        // table when it is one, else the bundled combustion table.
        let operational = if table.kind == FactorKind::Direct {
            table
        } else {
            library
                .emission_table(OPERATIONAL_TABLE)
                .ok_or_else(|| ResolveError {
                    field: "site.emission_table".into(),
                    problem: Problem::PresetMissing {
                        id: OPERATIONAL_TABLE,
                    },
                    value: None,
                })?
        };
        // A custom mix has no region's residual mix: it is no longer that region's grid.
        let residual_mix = self
            .site
            .preset_region_id()
            .and_then(|id| library.region(id))
            .and_then(|r| r.residual_mix_g_per_kwh.as_ref())
            .map(|f| f.value);
        Ok(AccountingInputs {
            instruments: self.instruments,
            operational_factors: operational.factors().central_g_per_kwh,
            operational_table: operational.id.as_str().into(),
            table_is_direct: table.kind == FactorKind::Direct,
            residual_mix_g_per_kwh: residual_mix,
        })
    }

    /// The checks of a resolved scenario, then of the projection and dispatch settings.
    fn check_resolved(&self, scenario: &Scenario) -> Result<(), ResolveError> {
        scenario.validate().map_err(|e| ResolveError {
            field: e.field,
            problem: e.problem.into(),
            value: None,
        })?;
        crate::model::accounting::check_certificates(scenario).map_err(|e| ResolveError {
            field: "instruments.certificates_mwh_per_year".into(),
            problem: Problem::CertificatesBeyondConsumption {
                certificates_mwh: e.certificates_mwh,
                coverable_mwh: e.coverable_mwh,
            },
            value: None,
        })?;
        self.projection.validate().map_err(|e| ResolveError {
            field: format!("projection.{}", e.field),
            problem: e.problem.into(),
            value: None,
        })?;
        self.dispatch.validate().map_err(|e| ResolveError {
            field: e.field,
            problem: e.problem.into(),
            value: None,
        })
    }
}

/// Fleet entry `i`: its miner preset's figures where it gives none of its own.
fn resolve_miner_group(
    i: usize,
    entry: &FleetEntryDoc,
    library: &impl PresetLookup,
) -> Result<MinerGroup, ResolveError> {
    let preset = match &entry.miner {
        Some(id) => Some(library.miner(id).ok_or_else(|| {
            unknown(
                &format!("fleet[{i}].miner"),
                PresetKind::Miner,
                id,
                library.ids(PresetKind::Miner),
            )
        })?),
        None => None,
    };
    let missing = |what: &'static str| ResolveError {
        field: format!("fleet[{i}].{what}"),
        problem: Problem::CustomMinerNeeds { field: what },
        value: None,
    };
    let hashrate_ths = entry
        .hashrate_ths
        .or(preset.map(|p| p.hashrate_ths))
        .ok_or_else(|| missing("hashrate_ths"))?;
    let power_w = entry
        .power_w
        .or(preset.map(|p| p.power_w))
        .ok_or_else(|| missing("power_w"))?;
    Ok(MinerGroup {
        name: entry
            .name
            .clone()
            .or(preset.map(|p| p.name.clone()))
            .unwrap_or_else(|| format!("Custom miner {}", i + 1)),
        hashrate_ths,
        power_w,
        units: entry.units,
        unit_cost_usd: entry
            .unit_cost_usd
            .or(preset.and_then(|p| p.price.as_ref().map(|price| price.usd)))
            .unwrap_or(defaults::UNIT_COST_USD),
    })
}

/// The load a tariff bills: the fleet's IT power × PUE as demand, the uptime as load factor.
pub fn site_load(
    fleet: &[MinerGroup],
    pue: f64,
    uptime_pct: f64,
) -> crate::model::tariff_price::SiteLoad {
    let it_kw: f64 = fleet
        .iter()
        .map(|g| g.power_w * g.units as f64)
        .sum::<f64>()
        / 1000.0;
    crate::model::tariff_price::SiteLoad {
        demand_kw: it_kw * pue,
        load_factor: uptime_pct / 100.0,
    }
}

/// Resolves a parsed document, locating any error in the file's text.
pub fn resolve_in_file(
    path: &str,
    text: &str,
    doc: &ScenarioDoc,
    library: &impl PresetLookup,
) -> Result<Scenario, FileError> {
    doc.resolve(library)
        .map_err(|e| locate_resolve_error(path, text, e))
}

/// Places a resolve error in the file's text, at the field as it is written there (an older
/// file may still use a field's old name).
pub fn locate_resolve_error(path: &str, text: &str, e: ResolveError) -> FileError {
    let field = scenario_io::RENAMED_FIELDS
        .iter()
        .find(|(_, old, new)| e.field == *new && locate_field(text, old, None).is_some())
        .map_or(e.field.as_str(), |(_, old, _)| old);
    let mut error = FileError::at_field(path, text, field, e.value.as_deref(), e.problem);
    // A field the file leaves out (a custom miner's `power_w`) is placed at the group it is
    // missing from.
    let mut parent = field;
    while error.position.is_none() {
        let Some(cut) = parent.rfind(['.', '[']) else {
            break;
        };
        parent = &parent[..cut];
        error.position = locate_field(text, parent, None);
    }
    error
}

/// Reads, parses and resolves a scenario file.
pub fn load_scenario(
    path: &Path,
    library: &impl PresetLookup,
) -> Result<(ScenarioDoc, Scenario), FileError> {
    load_scenario_noting(path, library).map(|(doc, scenario, _)| (doc, scenario))
}

/// [`load_scenario`], also saying what was migrated from an older format version.
pub fn load_scenario_noting(
    path: &Path,
    library: &impl PresetLookup,
) -> Result<(ScenarioDoc, Scenario, Option<scenario_io::Migration>), FileError> {
    let label = path.display().to_string();
    let text = crate::file_io::read_text(path)?;
    let (doc, migration) = scenario_io::parse_scenario_noting(&label, &text)?;
    let scenario = resolve_in_file(&label, &text, &doc, library)?;
    Ok((doc, scenario, migration))
}
