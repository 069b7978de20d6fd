//! The preset library: regions, miners, emission-factor tables, market snapshots and example
//! scenarios. Built-in presets are compiled into the binary; the user's presets folder adds to
//! them or overrides them by id. A file that fails validation is reported and skipped.

pub mod any;
pub mod countries;
pub mod embedded;
pub mod import;
#[cfg(test)]
mod mining_map;
pub mod pack;

use crate::preset_checks as validate;

pub use any::AnyPreset;

use crate::file_error::{FileError, parse_ron};
pub use crate::preset_types::*;
use std::path::{Path, PathBuf};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_presets.rs"));
}

mod example;
pub use example::{Origin, ScenarioPreset};

#[derive(Clone, Debug, Default)]
pub struct PresetLibrary {
    regions: Vec<RegionPreset>,
    miners: Vec<MinerPreset>,
    tables: Vec<EmissionTablePreset>,
    markets: Vec<MarketPreset>,
    mining_maps: Vec<MiningMapPreset>,
    scenarios: Vec<ScenarioPreset>,
    /// Files that failed to parse or validate; the rest loaded.
    pub problems: Vec<FileError>,
    /// The file each user preset was read from (built-in presets have none).
    user_files: Vec<(PresetKind, String, PathBuf)>,
}

/// The built-in presets, read once.
pub(crate) fn builtin_library() -> &'static PresetLibrary {
    static BUILTIN: std::sync::OnceLock<PresetLibrary> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(PresetLibrary::builtin)
}

impl PresetLibrary {
    /// The presets compiled into the binary.
    pub fn builtin() -> PresetLibrary {
        let mut library = PresetLibrary::default();
        for kind in PresetKind::ALL {
            for (path, text) in builtin_files(kind) {
                library.add_text(kind, path, text);
            }
            if kind == PresetKind::Region {
                library.add_country_table();
            }
        }
        library.check_scenarios();
        library
    }

    /// The country table's countries that have no hand-made region (matched by ISO code), after
    /// the region files so those keep their own figures.
    fn add_country_table(&mut self) {
        let (countries, problems) = countries::builtin();
        self.problems.extend(problems);
        for country in countries {
            let hand_made = self
                .regions
                .iter()
                .position(|r| r.kind == RegionKind::Country && r.iso3 == country.iso3);
            match hand_made {
                // A hand-made region keeps its figures; a demand it lacks comes from the table.
                Some(i) => {
                    let region = &mut self.regions[i];
                    if region.demand_twh.is_none() {
                        region.demand_twh = country.demand_twh;
                    }
                }
                None if self.region(&country.id).is_none() => self.regions.push(country),
                None => {}
            }
        }
    }

    /// The country region drawn as `iso3` on a map: the hand-made one when there is one.
    pub fn country_region(&self, iso3: &str) -> Option<&RegionPreset> {
        self.regions
            .iter()
            .find(|r| r.kind == RegionKind::Country && r.iso3 == iso3)
    }

    /// The built-in presets plus the user's presets folder (if it exists).
    pub fn with_user_folder(folder: Option<&Path>) -> PresetLibrary {
        let mut library = PresetLibrary::builtin();
        if let Some(folder) = folder {
            library.add_folder(folder);
        }
        library
    }

    /// Loads every `.ron` file of `folder/<kind>/`, overriding presets with the same id.
    pub fn add_folder(&mut self, folder: &Path) {
        for kind in PresetKind::ALL {
            let dir = folder.join(kind.folder());
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|ext| ext == "ron"))
                .collect();
            paths.sort();
            // A user file may replace a built-in preset, but two user files may not claim the
            // same id: which one wins would depend on file names.
            let mut claimed: Vec<(String, String)> = Vec::new();
            for path in paths {
                let label = path.display().to_string();
                let added = crate::file_io::read_text(&path).and_then(|text| {
                    let preset = self.parse(kind, &label, &text)?;
                    let id = preset.id().to_string();
                    if let Some((_, first)) = claimed.iter().find(|(seen, _)| *seen == id) {
                        let field = if kind == PresetKind::Scenario {
                            "name"
                        } else {
                            "id"
                        };
                        return Err(FileError::at_field(
                            &label,
                            &text,
                            field,
                            None,
                            crate::problem::Problem::IdUsedTwice {
                                id,
                                first: first.clone(),
                            },
                        ));
                    }
                    claimed.push((id.clone(), label.clone()));
                    self.insert(preset);
                    self.user_files
                        .retain(|(k, seen, _)| !(*k == kind && *seen == id));
                    self.user_files.push((kind, id, path.clone()));
                    Ok(())
                });
                if let Err(e) = added {
                    self.problems.push(e);
                }
            }
        }
        self.check_scenarios();
    }

    /// Parses and validates one preset file's text; on failure the problem is recorded and the
    /// library is left as it was.
    pub fn add_text(&mut self, kind: PresetKind, path: &str, text: &str) {
        if let Err(e) = self.try_add_text(kind, path, text) {
            self.problems.push(e);
        }
    }

    pub fn try_add_text(
        &mut self,
        kind: PresetKind,
        path: &str,
        text: &str,
    ) -> Result<(), FileError> {
        let preset = self.parse(kind, path, text)?;
        self.insert(preset);
        Ok(())
    }

    /// Parses and validates one preset file's text against this library, adding nothing.
    pub fn parse(&self, kind: PresetKind, path: &str, text: &str) -> Result<AnyPreset, FileError> {
        let located = |e: crate::problem::FieldProblem| {
            FileError::at_field(path, text, &e.field, None, e.problem)
        };
        Ok(match kind {
            PresetKind::Region => {
                let region: RegionPreset = parse_ron(path, text)?;
                validate::region(&region).map_err(located)?;
                AnyPreset::Region(region)
            }
            PresetKind::Miner => {
                let miner: MinerPreset = parse_ron(path, text)?;
                validate::miner(&miner).map_err(located)?;
                AnyPreset::Miner(miner)
            }
            PresetKind::EmissionTable => {
                let table: EmissionTablePreset = parse_ron(path, text)?;
                validate::table(&table).map_err(located)?;
                AnyPreset::EmissionTable(table)
            }
            PresetKind::Market => {
                let market: MarketPreset = parse_ron(path, text)?;
                validate::market(&market).map_err(located)?;
                AnyPreset::Market(market)
            }
            PresetKind::MiningMap => {
                let map: MiningMapPreset = parse_ron(path, text)?;
                let known = |id: &str| self.region(id).is_some();
                validate::mining_map(&map, &known).map_err(located)?;
                AnyPreset::MiningMap(map)
            }
            PresetKind::Scenario => {
                let doc = crate::scenario_io::parse_scenario(path, text)?;
                // Resolved before it is added, so a user file that fails leaves the built-in
                // scenario of the same id in place. (Presets of every other kind load first.)
                crate::resolve::resolve_in_file(path, text, &doc, self)?;
                let id = Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.to_string());
                AnyPreset::Scenario(ScenarioPreset {
                    id,
                    path: path.to_string(),
                    doc,
                })
            }
        })
    }

    fn insert(&mut self, preset: AnyPreset) {
        match preset {
            AnyPreset::Region(r) => any::upsert(&mut self.regions, r, |r| &r.id),
            AnyPreset::Miner(m) => any::upsert(&mut self.miners, m, |m| &m.id),
            AnyPreset::EmissionTable(t) => any::upsert(&mut self.tables, t, |t| &t.id),
            AnyPreset::Market(m) => any::upsert(&mut self.markets, m, |m| &m.id),
            AnyPreset::MiningMap(m) => any::upsert(&mut self.mining_maps, m, |m| &m.id),
            AnyPreset::Scenario(s) => any::upsert(&mut self.scenarios, s, |s| &s.id),
        }
    }

    /// Scenarios refer to other presets: once those are loaded, drop (and report) any scenario
    /// that does not resolve.
    fn check_scenarios(&mut self) {
        let scenarios = std::mem::take(&mut self.scenarios);
        for s in scenarios {
            match s.doc.resolve(self) {
                Ok(_) => self.scenarios.push(s),
                Err(e) => self.problems.push(FileError {
                    path: s.path.clone(),
                    position: None,
                    field: Some(e.field),
                    problem: Box::new(e.problem),
                }),
            }
        }
    }

    pub fn regions(&self) -> impl Iterator<Item = &RegionPreset> {
        self.regions.iter()
    }
    pub fn miners(&self) -> impl Iterator<Item = &MinerPreset> {
        self.miners.iter()
    }
    pub fn emission_tables(&self) -> impl Iterator<Item = &EmissionTablePreset> {
        self.tables.iter()
    }
    pub fn markets(&self) -> impl Iterator<Item = &MarketPreset> {
        self.markets.iter()
    }
    pub fn scenarios(&self) -> impl Iterator<Item = &ScenarioPreset> {
        self.scenarios.iter()
    }
    /// Mining maps, oldest first.
    pub fn mining_maps(&self) -> impl Iterator<Item = &MiningMapPreset> {
        let mut maps: Vec<&MiningMapPreset> = self.mining_maps.iter().collect();
        maps.sort_by_key(|m| m.date);
        maps.into_iter()
    }
    pub fn mining_map(&self, id: &str) -> Option<&MiningMapPreset> {
        self.mining_maps.iter().find(|m| m.id == id)
    }

    pub fn region(&self, id: &str) -> Option<&RegionPreset> {
        self.regions.iter().find(|r| r.id == id)
    }
    pub fn miner(&self, id: &str) -> Option<&MinerPreset> {
        self.miners.iter().find(|m| m.id == id)
    }
    pub fn emission_table(&self, id: &str) -> Option<&EmissionTablePreset> {
        self.tables.iter().find(|t| t.id == id)
    }
    pub fn market(&self, id: &str) -> Option<&MarketPreset> {
        self.markets.iter().find(|m| m.id == id)
    }
    pub fn scenario(&self, id: &str) -> Option<&ScenarioPreset> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    /// The preset of a kind and id, whatever the kind.
    pub fn get(&self, kind: PresetKind, id: &str) -> Option<AnyPreset> {
        match kind {
            PresetKind::Region => self.region(id).cloned().map(AnyPreset::Region),
            PresetKind::Miner => self.miner(id).cloned().map(AnyPreset::Miner),
            PresetKind::EmissionTable => self
                .emission_table(id)
                .cloned()
                .map(AnyPreset::EmissionTable),
            PresetKind::Market => self.market(id).cloned().map(AnyPreset::Market),
            PresetKind::MiningMap => self.mining_map(id).cloned().map(AnyPreset::MiningMap),
            PresetKind::Scenario => self.scenario(id).cloned().map(AnyPreset::Scenario),
        }
    }

    /// Every preset of a kind, in the library's order.
    pub fn all(&self, kind: PresetKind) -> Vec<AnyPreset> {
        crate::resolve::PresetLookup::ids(self, kind)
            .into_iter()
            .filter_map(|id| self.get(kind, id))
            .collect()
    }

    /// Where a preset came from: the user's file it was read from, else built in.
    pub fn origin(&self, kind: PresetKind, id: &str) -> Origin {
        self.user_files
            .iter()
            .find(|(k, seen, _)| *k == kind && seen == id)
            .map_or(Origin::BuiltIn, |(_, _, path)| {
                Origin::UserFile(path.clone())
            })
    }

    /// Whether a preset is one of the built-in ones, unchanged: it need not travel with a
    /// scenario, since every hashwatt has it.
    pub fn is_builtin(preset: &AnyPreset) -> bool {
        builtin_library()
            .get(preset.kind(), preset.id())
            .is_some_and(|builtin| builtin.same_content(preset))
    }

    /// This library with a scenario's own presets in place of any of the same id: the kinds a
    /// scenario resolves with (its mining maps travel with it, unused and unchecked against
    /// this machine's regions, until they are imported).
    pub fn with_embedded(&self, embedded: &EmbeddedPresets) -> PresetLibrary {
        let mut library = self.clone();
        for preset in embedded.all() {
            if preset.kind() != PresetKind::MiningMap {
                library.insert(preset);
            }
        }
        library
    }

    /// The snapshot with the latest date: the default market.
    pub fn newest_market(&self) -> Option<&MarketPreset> {
        self.markets.iter().max_by_key(|m| m.date)
    }

    /// How many presets of a kind are loaded.
    pub fn count(&self, kind: PresetKind) -> usize {
        match kind {
            PresetKind::Region => self.regions.len(),
            PresetKind::Miner => self.miners.len(),
            PresetKind::EmissionTable => self.tables.len(),
            PresetKind::Market => self.markets.len(),
            PresetKind::MiningMap => self.mining_maps.len(),
            PresetKind::Scenario => self.scenarios.len(),
        }
    }
}

/// The resolver looks presets up through this, and knows nothing else of the library.
impl crate::resolve::PresetLookup for PresetLibrary {
    fn region(&self, id: &str) -> Option<&RegionPreset> {
        PresetLibrary::region(self, id)
    }
    fn miner(&self, id: &str) -> Option<&MinerPreset> {
        PresetLibrary::miner(self, id)
    }
    fn emission_table(&self, id: &str) -> Option<&EmissionTablePreset> {
        PresetLibrary::emission_table(self, id)
    }
    fn market(&self, id: &str) -> Option<&MarketPreset> {
        PresetLibrary::market(self, id)
    }
    fn newest_market(&self) -> Option<&MarketPreset> {
        PresetLibrary::newest_market(self)
    }
    fn ids(&self, kind: crate::preset_types::PresetKind) -> Vec<&str> {
        use crate::preset_types::PresetKind;
        match kind {
            PresetKind::Region => self.regions.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::Miner => self.miners.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::EmissionTable => self.tables.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::Market => self.markets.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::MiningMap => self.mining_maps.iter().map(|p| p.id.as_str()).collect(),
            PresetKind::Scenario => self.scenarios.iter().map(|p| p.id.as_str()).collect(),
        }
    }
}

/// The built-in files of a kind: `(path, text)`.
pub fn builtin_files(kind: PresetKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        PresetKind::Region => builtin::REGIONS,
        PresetKind::Miner => builtin::MINERS,
        PresetKind::EmissionTable => builtin::EMISSION_FACTORS,
        PresetKind::Market => builtin::MARKETS,
        PresetKind::MiningMap => builtin::MINING_MAPS,
        PresetKind::Scenario => builtin::SCENARIOS,
    }
}

/// Checks a region preset as the loader would; the error names the field.
pub fn check_region(region: &RegionPreset) -> Result<(), crate::problem::FieldProblem> {
    validate::region(region)
}

/// Checks a miner preset as the loader would; the error names the field.
pub fn check_miner(miner: &MinerPreset) -> Result<(), crate::problem::FieldProblem> {
    validate::miner(miner)
}

pub use crate::suggest::did_you_mean;

#[cfg(test)]
mod price_tests;
#[cfg(test)]
mod tests;

#[cfg(test)]
pub(crate) mod fixtures;
