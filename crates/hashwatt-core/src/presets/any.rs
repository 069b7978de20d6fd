//! One preset of any kind, so that import, export, packs and a scenario's own presets can
//! treat the six kinds alike: its id, its name, its text, and whether two copies say the same.

use super::{MiningMapPreset, ScenarioPreset};
use crate::model::date::Date;
use crate::preset_types::{
    EmbeddedPresets, EmissionTablePreset, MarketPreset, MinerPreset, PresetKind, RegionPreset,
};

/// One parsed and validated preset.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyPreset {
    Region(RegionPreset),
    Miner(MinerPreset),
    EmissionTable(EmissionTablePreset),
    Market(MarketPreset),
    MiningMap(MiningMapPreset),
    Scenario(ScenarioPreset),
}

/// Runs the same expression on the preset inside whichever variant it is.
macro_rules! each {
    ($value:expr, $p:ident => $body:expr) => {
        match $value {
            AnyPreset::Region($p) => $body,
            AnyPreset::Miner($p) => $body,
            AnyPreset::EmissionTable($p) => $body,
            AnyPreset::Market($p) => $body,
            AnyPreset::MiningMap($p) => $body,
            AnyPreset::Scenario(s) => {
                let $p = &mut s.doc;
                $body
            }
        }
    };
}

impl AnyPreset {
    pub fn kind(&self) -> PresetKind {
        match self {
            AnyPreset::Region(_) => PresetKind::Region,
            AnyPreset::Miner(_) => PresetKind::Miner,
            AnyPreset::EmissionTable(_) => PresetKind::EmissionTable,
            AnyPreset::Market(_) => PresetKind::Market,
            AnyPreset::MiningMap(_) => PresetKind::MiningMap,
            AnyPreset::Scenario(_) => PresetKind::Scenario,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            AnyPreset::Region(p) => &p.id,
            AnyPreset::Miner(p) => &p.id,
            AnyPreset::EmissionTable(p) => &p.id,
            AnyPreset::Market(p) => &p.id,
            AnyPreset::MiningMap(p) => &p.id,
            AnyPreset::Scenario(s) => &s.id,
        }
    }

    pub fn set_id(&mut self, id: &str) {
        match self {
            AnyPreset::Region(p) => p.id = id.to_string(),
            AnyPreset::Miner(p) => p.id = id.to_string(),
            AnyPreset::EmissionTable(p) => p.id = id.to_string(),
            AnyPreset::Market(p) => p.id = id.to_string(),
            AnyPreset::MiningMap(p) => p.id = id.to_string(),
            AnyPreset::Scenario(s) => s.id = id.to_string(),
        }
    }

    /// The English name (a scenario's may be empty).
    pub fn name(&self) -> &str {
        match self {
            AnyPreset::Region(p) => &p.name,
            AnyPreset::Miner(p) => &p.name,
            AnyPreset::EmissionTable(p) => &p.name,
            AnyPreset::Market(p) => &p.name,
            AnyPreset::MiningMap(p) => &p.name,
            AnyPreset::Scenario(s) => &s.doc.name,
        }
    }

    /// Marks the names as an imported copy's (kept both), in each language the preset has.
    pub fn mark_names_imported(&mut self) {
        let en = crate::i18n::strings(crate::i18n::Lang::En)
            .sharing
            .imported_name;
        let zh = crate::i18n::strings(crate::i18n::Lang::Zh)
            .sharing
            .imported_name;
        let id = self.id().to_string();
        let mark = |template: &str, name: &mut String| {
            let base = if name.is_empty() {
                id.clone()
            } else {
                name.clone()
            };
            *name = crate::i18n::fill(template, &[("name", &base)]);
        };
        each!(self, p => {
            mark(en, &mut p.name);
            if !p.name_zh.is_empty() {
                mark(zh, &mut p.name_zh);
            }
        });
    }

    /// Where and when it was imported (both cleared with `None`).
    pub fn set_imported(&mut self, from: Option<String>, on: Option<Date>) {
        each!(self, p => {
            p.imported_from = from;
            p.imported_on = on;
        });
    }

    /// The same preset without its record of being imported: what two copies are compared on.
    pub fn content(&self) -> AnyPreset {
        let mut copy = self.clone();
        copy.set_imported(None, None);
        if let AnyPreset::Scenario(s) = &mut copy {
            // A scenario's path is where it was read from, not what it says.
            s.path.clear();
            s.doc.version = crate::scenario_file::SCENARIO_VERSION;
        }
        copy
    }

    /// Whether two presets say the same, whatever files they came from.
    pub fn same_content(&self, other: &AnyPreset) -> bool {
        self.content() == other.content()
    }

    /// The preset's own file, as the presets folder holds it.
    pub fn to_ron(&self) -> Result<String, String> {
        use crate::scenario_io::to_ron;
        match self {
            AnyPreset::Region(p) => to_ron(p),
            AnyPreset::Miner(p) => to_ron(p),
            AnyPreset::EmissionTable(p) => to_ron(p),
            AnyPreset::Market(p) => to_ron(p),
            AnyPreset::MiningMap(p) => to_ron(p),
            AnyPreset::Scenario(s) => Ok(crate::scenario_io::scenario_to_ron(&s.doc)),
        }
    }

    /// Adds it to a scenario's `presets` section, replacing one of the same kind and id (an
    /// example scenario has no place there and is left out).
    pub fn embed_into(self, section: &mut EmbeddedPresets) {
        fn put<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &str) {
            upsert(list, item, id);
        }
        match self {
            AnyPreset::Region(p) => put(&mut section.regions, p, |p| &p.id),
            AnyPreset::Miner(p) => put(&mut section.miners, p, |p| &p.id),
            AnyPreset::EmissionTable(p) => put(&mut section.emission_tables, p, |p| &p.id),
            AnyPreset::Market(p) => put(&mut section.markets, p, |p| &p.id),
            AnyPreset::MiningMap(p) => put(&mut section.mining_maps, p, |p| &p.id),
            AnyPreset::Scenario(_) => {}
        }
    }
}

impl EmbeddedPresets {
    /// Every preset of the section, kind by kind in the file's order.
    pub fn all(&self) -> Vec<AnyPreset> {
        let mut all: Vec<AnyPreset> = Vec::with_capacity(self.len());
        all.extend(self.regions.iter().cloned().map(AnyPreset::Region));
        all.extend(self.miners.iter().cloned().map(AnyPreset::Miner));
        all.extend(
            self.emission_tables
                .iter()
                .cloned()
                .map(AnyPreset::EmissionTable),
        );
        all.extend(self.markets.iter().cloned().map(AnyPreset::Market));
        all.extend(self.mining_maps.iter().cloned().map(AnyPreset::MiningMap));
        all
    }

    /// The preset of a kind and id, if the section has it.
    pub fn get(&self, kind: PresetKind, id: &str) -> Option<AnyPreset> {
        self.all()
            .into_iter()
            .find(|p| p.kind() == kind && p.id() == id)
    }
}

/// One field where two presets of the same id differ, each value as written in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    /// The field's path, as errors name it (`mix.shares.coal`, `modes[0].power_w`).
    pub field: String,
    /// The value here, or `None` where this side does not have the field.
    pub here: Option<String>,
    pub imported: Option<String>,
}

/// The fields in which two presets differ, field by field in the order of their names (their
/// record of being imported left out).
pub fn differences(here: &AnyPreset, imported: &AnyPreset) -> Vec<Difference> {
    fn json(p: &AnyPreset) -> serde_json::Value {
        let value = match p.content() {
            AnyPreset::Region(p) => serde_json::to_value(p),
            AnyPreset::Miner(p) => serde_json::to_value(p),
            AnyPreset::EmissionTable(p) => serde_json::to_value(p),
            AnyPreset::Market(p) => serde_json::to_value(p),
            AnyPreset::MiningMap(p) => serde_json::to_value(p),
            AnyPreset::Scenario(s) => serde_json::to_value(s.doc),
        };
        value.unwrap_or(serde_json::Value::Null)
    }
    fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        let at = |key: &str| {
            if prefix.is_empty() {
                key.to_string()
            } else {
                format!("{prefix}.{key}")
            }
        };
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    flatten(&at(key), v, out);
                }
            }
            serde_json::Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    flatten(&format!("{prefix}[{i}]"), v, out);
                }
            }
            serde_json::Value::String(text) => out.push((prefix.to_string(), text.clone())),
            other => out.push((prefix.to_string(), other.to_string())),
        }
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    flatten("", &json(here), &mut a);
    flatten("", &json(imported), &mut b);
    let mut fields: Vec<&String> = a.iter().map(|(f, _)| f).collect();
    for (f, _) in &b {
        if !fields.contains(&f) {
            fields.push(f);
        }
    }
    let value = |list: &[(String, String)], field: &str| {
        list.iter()
            .find(|(f, _)| f == field)
            .map(|(_, v)| v.clone())
    };
    fields
        .into_iter()
        .filter_map(|field| {
            let (here, imported) = (value(&a, field), value(&b, field));
            (here != imported).then(|| Difference {
                field: field.clone(),
                here,
                imported,
            })
        })
        .collect()
}

/// The kind as `--json`, `presets export KIND:ID` and packs name it.
pub fn kind_key(kind: PresetKind) -> &'static str {
    match kind {
        PresetKind::Region => "region",
        PresetKind::Miner => "miner",
        PresetKind::EmissionTable => "emission-table",
        PresetKind::Market => "market",
        PresetKind::MiningMap => "mining-map",
        PresetKind::Scenario => "scenario",
    }
}

/// The kind a `kind_key` names.
pub fn kind_from_key(key: &str) -> Option<PresetKind> {
    PresetKind::ALL.into_iter().find(|k| kind_key(*k) == key)
}

/// Adds or replaces (by id) an item in a list that keeps its first-seen order.
pub(super) fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &str) {
    let new_id = id(&item).to_string();
    match list.iter_mut().find(|existing| id(existing) == new_id) {
        Some(slot) => *slot = item,
        None => list.push(item),
    }
}
