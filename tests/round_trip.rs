//! Files written by the app open to exactly what was written: open(save(x)) == x for every
//! built-in scenario and preset (the window saves region and miner presets with the same
//! writer), through the same reader a user's file goes through.

use hashwatt::presets::{PresetKind, PresetLibrary, builtin_files};
use hashwatt::scenario_io::{parse_scenario_noting, scenario_to_ron, to_ron};

#[test]
fn every_built_in_scenario_saves_and_opens_to_itself() {
    let library = PresetLibrary::builtin();
    let mut count = 0;
    for scenario in library.scenarios() {
        let text = scenario_to_ron(&scenario.doc);
        let (back, migration) = parse_scenario_noting("saved.ron", &text).expect("reopens");
        assert_eq!(back, scenario.doc, "{}", scenario.id);
        assert_eq!(migration, None, "{}", scenario.id);
        // Saving again writes the same bytes.
        assert_eq!(scenario_to_ron(&back), text, "{}", scenario.id);
        assert_eq!(back.resolve(&library), scenario.doc.resolve(&library));
        count += 1;
    }
    assert_eq!(count, builtin_files(PresetKind::Scenario).len());
}

/// Writes every preset of a kind and reads it back as a new library file would be read.
fn round_trip<T, I>(kind: PresetKind, items: I) -> usize
where
    T: serde::Serialize + PartialEq + std::fmt::Debug + Clone,
    I: IntoIterator<Item = (String, T)>,
    PresetLibrary: Fetch<T>,
{
    let mut count = 0;
    for (id, item) in items {
        let text = to_ron(&item).expect("writes");
        let mut library = PresetLibrary::builtin();
        library
            .try_add_text(kind, "saved.ron", &text)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let back = library.fetch(&id).expect("present");
        assert_eq!(back, item, "{id}");
        assert_eq!(to_ron(&back).expect("writes"), text, "{id}");
        count += 1;
    }
    count
}

trait Fetch<T> {
    fn fetch(&self, id: &str) -> Option<T>;
}

impl Fetch<hashwatt::presets::RegionPreset> for PresetLibrary {
    fn fetch(&self, id: &str) -> Option<hashwatt::presets::RegionPreset> {
        self.region(id).cloned()
    }
}
impl Fetch<hashwatt::presets::MinerPreset> for PresetLibrary {
    fn fetch(&self, id: &str) -> Option<hashwatt::presets::MinerPreset> {
        self.miner(id).cloned()
    }
}
impl Fetch<hashwatt::presets::EmissionTablePreset> for PresetLibrary {
    fn fetch(&self, id: &str) -> Option<hashwatt::presets::EmissionTablePreset> {
        self.emission_table(id).cloned()
    }
}
impl Fetch<hashwatt::presets::MarketPreset> for PresetLibrary {
    fn fetch(&self, id: &str) -> Option<hashwatt::presets::MarketPreset> {
        self.market(id).cloned()
    }
}
impl Fetch<hashwatt::presets::MiningMapPreset> for PresetLibrary {
    fn fetch(&self, id: &str) -> Option<hashwatt::presets::MiningMapPreset> {
        self.mining_map(id).cloned()
    }
}

#[test]
fn every_built_in_preset_saves_and_opens_to_itself() {
    let library = PresetLibrary::builtin();
    let regions = round_trip(
        PresetKind::Region,
        library.regions().map(|r| (r.id.clone(), r.clone())),
    );
    let miners = round_trip(
        PresetKind::Miner,
        library.miners().map(|m| (m.id.clone(), m.clone())),
    );
    let tables = round_trip(
        PresetKind::EmissionTable,
        library.emission_tables().map(|t| (t.id.clone(), t.clone())),
    );
    let markets = round_trip(
        PresetKind::Market,
        library.markets().map(|m| (m.id.clone(), m.clone())),
    );
    let maps = round_trip(
        PresetKind::MiningMap,
        library.mining_maps().map(|m| (m.id.clone(), m.clone())),
    );
    assert_eq!(
        [regions, miners, tables, markets, maps],
        [
            // The country table's regions (its countries without a hand-made region) too.
            builtin_files(PresetKind::Region).len() + 211 - 19,
            builtin_files(PresetKind::Miner).len(),
            builtin_files(PresetKind::EmissionTable).len(),
            builtin_files(PresetKind::Market).len(),
            builtin_files(PresetKind::MiningMap).len(),
        ]
    );
}
