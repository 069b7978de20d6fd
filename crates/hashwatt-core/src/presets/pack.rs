//! Preset packs: one RON file holding several presets of any kinds, with a header that says
//! what it is, which hashwatt wrote it and when. `presets export` and *Export presets…* write
//! them; import reads them back.

use super::any::{kind_from_key, kind_key};
use super::{AnyPreset, MiningMapPreset, PresetLibrary, ScenarioPreset};
use crate::file_error::{FileError, parse_ron};
use crate::model::date::Date;
use crate::preset_types::{
    EmbeddedPresets, EmissionTablePreset, MarketPreset, MinerPreset, PresetKind, RegionPreset,
};
use crate::problem::Problem;
use crate::scenario_file::{SCENARIO_VERSION, ScenarioDoc};
use serde::{Deserialize, Serialize};

/// The `format` every pack states, which tells a pack from a preset or a scenario.
pub const PACK_FORMAT: &str = "hashwatt preset pack";
/// The pack format version this build writes and reads.
pub const PACK_VERSION: u32 = 1;

/// A pack as written in its file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackDoc {
    pub format: String,
    pub version: u32,
    /// The hashwatt version that wrote it.
    pub hashwatt_version: String,
    /// The day it was written.
    pub date: Date,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<RegionPreset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub miners: Vec<MinerPreset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emission_tables: Vec<EmissionTablePreset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markets: Vec<MarketPreset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mining_maps: Vec<MiningMapPreset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<PackScenario>,
}

/// An example scenario in a pack: its id (a file name in the presets folder) and the scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackScenario {
    pub id: String,
    pub scenario: ScenarioDoc,
}

impl PackDoc {
    /// A pack of these presets, written today by this hashwatt.
    pub fn new(presets: Vec<AnyPreset>, date: Date, title: &str, description: &str) -> PackDoc {
        let mut pack = PackDoc {
            format: PACK_FORMAT.to_string(),
            version: PACK_VERSION,
            hashwatt_version: env!("CARGO_PKG_VERSION").to_string(),
            date,
            title: title.to_string(),
            description: description.to_string(),
            regions: Vec::new(),
            miners: Vec::new(),
            emission_tables: Vec::new(),
            markets: Vec::new(),
            mining_maps: Vec::new(),
            scenarios: Vec::new(),
        };
        let mut section = EmbeddedPresets::default();
        for preset in presets {
            match preset {
                AnyPreset::Scenario(s) => pack.scenarios.push(PackScenario {
                    id: s.id,
                    scenario: s.doc,
                }),
                other => other.embed_into(&mut section),
            }
        }
        pack.regions = section.regions;
        pack.miners = section.miners;
        pack.emission_tables = section.emission_tables;
        pack.markets = section.markets;
        pack.mining_maps = section.mining_maps;
        pack
    }

    /// Every preset of the pack, kind by kind in the file's order.
    pub fn presets(&self, path: &str) -> Vec<AnyPreset> {
        let section = EmbeddedPresets {
            regions: self.regions.clone(),
            miners: self.miners.clone(),
            emission_tables: self.emission_tables.clone(),
            markets: self.markets.clone(),
            mining_maps: self.mining_maps.clone(),
        };
        let mut all = section.all();
        all.extend(self.scenarios.iter().map(|s| {
            AnyPreset::Scenario(ScenarioPreset {
                id: s.id.clone(),
                path: path.to_string(),
                doc: s.scenario.clone(),
            })
        }));
        all
    }

    /// The pack's text: a header comment, then pretty RON.
    pub fn to_ron(&self) -> Result<String, String> {
        let body = crate::scenario_io::to_ron(self)?;
        Ok(format!(
            "// {PACK_FORMAT} (format version {PACK_VERSION})\n{body}"
        ))
    }
}

/// Whether a file's text says it is a pack (its `format`), read with every other field ignored.
pub fn is_pack(text: &str) -> bool {
    let Ok(ron::Value::Map(map)) = crate::file_error::ron_options().from_str::<ron::Value>(text)
    else {
        return false;
    };
    let key = ron::Value::String("format".to_string());
    let format = ron::Value::String(PACK_FORMAT.to_string());
    map.get(&key) == Some(&format)
}

/// Reads a pack and checks every preset in it as the presets folder would (mining maps'
/// regions and scenarios' ids against the library and the pack itself). Every problem is
/// returned, each naming the file, line and field.
pub fn read_pack(
    path: &str,
    text: &str,
    library: &PresetLibrary,
) -> Result<Vec<AnyPreset>, Vec<FileError>> {
    let pack: PackDoc = parse_ron(path, text).map_err(|e| vec![e])?;
    if pack.format != PACK_FORMAT {
        return Err(vec![FileError::at_field(
            path,
            text,
            "format",
            None,
            Problem::NotAPack {
                found: pack.format.clone(),
            },
        )]);
    }
    if pack.version > PACK_VERSION || pack.version == 0 {
        let problem = if pack.version == 0 {
            Problem::VersionZero {
                supported: PACK_VERSION,
            }
        } else {
            Problem::NewerVersion {
                found: pack.version,
                supported: PACK_VERSION,
            }
        };
        return Err(vec![FileError::at_field(
            path, text, "version", None, problem,
        )]);
    }
    let presets = pack.presets(path);
    let section = EmbeddedPresets {
        regions: pack.regions.clone(),
        miners: pack.miners.clone(),
        emission_tables: pack.emission_tables.clone(),
        markets: pack.markets.clone(),
        mining_maps: pack.mining_maps.clone(),
    };
    let known = |id: &str| library.region(id).is_some() || pack.regions.iter().any(|r| r.id == id);
    let mut errors: Vec<FileError> = crate::preset_checks::section(&section, "", &known)
        .into_iter()
        .map(|e| FileError::at_field(path, text, &e.field, None, e.problem))
        .collect();
    // A scenario must resolve with the presets it carries and those of the pack.
    let with_pack = library.with_embedded(&section);
    for (i, s) in pack.scenarios.iter().enumerate() {
        let own = |field: &str| format!("scenarios[{i}].{field}");
        let inside = |field: &str| format!("scenarios[{i}].scenario.{field}");
        let problem: Option<(String, Problem, Option<String>)> = if let Err(e) =
            crate::preset_checks::preset_id(&s.id)
        {
            Some((own(&e.field), e.problem, None))
        } else if pack.scenarios[..i].iter().any(|seen| seen.id == s.id) {
            let problem = Problem::IdTwiceInFile { id: s.id.clone() };
            Some((own("id"), problem, None))
        } else if s.scenario.version == 0 {
            let problem = Problem::VersionZero {
                supported: SCENARIO_VERSION,
            };
            Some((inside("version"), problem, None))
        } else if let Some(e) =
            crate::preset_checks::section(&s.scenario.presets, &inside("presets."), &|id: &str| {
                known(id) || s.scenario.presets.regions.iter().any(|r| r.id == id)
            })
            .into_iter()
            .next()
        {
            Some((e.field, e.problem, None))
        } else if s.scenario.version > SCENARIO_VERSION {
            let problem = Problem::NewerVersion {
                found: s.scenario.version,
                supported: SCENARIO_VERSION,
            };
            Some((inside("version"), problem, None))
        } else {
            let resolved = s.scenario.resolve(&with_pack);
            resolved
                .err()
                .map(|e| (inside(&e.field), e.problem, e.value))
        };
        if let Some((field, problem, value)) = problem {
            errors.push(FileError::at_field(
                path,
                text,
                &field,
                value.as_deref(),
                problem,
            ));
        }
    }
    if errors.is_empty() {
        Ok(presets)
    } else {
        Err(errors)
    }
}

/// What `presets export` was asked for that it cannot give.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectError {
    /// No preset of any kind has this id.
    Unknown { id: String, near: Option<String> },
    /// Presets of several kinds have it: `region:ID`, `miner:ID` pick one.
    Ambiguous { id: String, choices: Vec<String> },
    /// `KIND:ID` with a kind hashwatt does not have.
    UnknownKind { kind: String },
}

impl SelectError {
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        let t = &crate::i18n::strings(lang).sharing;
        use crate::i18n::fill;
        match self {
            SelectError::Unknown {
                id,
                near: Some(near),
            } => fill(t.unknown_preset_near, &[("id", id), ("near", near)]),
            SelectError::Unknown { id, near: None } => fill(t.unknown_preset, &[("id", id)]),
            SelectError::Ambiguous { id, choices } => fill(
                t.ambiguous_id,
                &[("id", id), ("choices", &choices.join(", "))],
            ),
            SelectError::UnknownKind { kind } => {
                let kinds: Vec<&str> = PresetKind::ALL.into_iter().map(kind_key).collect();
                fill(
                    t.unknown_kind,
                    &[("kind", kind), ("kinds", &kinds.join(", "))],
                )
            }
        }
    }
}

/// The preset `spec` names: `ID`, or `KIND:ID` (`region:my-site`) where several kinds have it.
pub fn select(library: &PresetLibrary, spec: &str) -> Result<AnyPreset, SelectError> {
    if let Some((key, id)) = spec.split_once(':') {
        let kind = kind_from_key(key).ok_or_else(|| SelectError::UnknownKind {
            kind: key.to_string(),
        })?;
        return library.get(kind, id).ok_or_else(|| unknown(library, id));
    }
    let found: Vec<AnyPreset> = PresetKind::ALL
        .into_iter()
        .filter_map(|kind| library.get(kind, spec))
        .collect();
    match found.len() {
        0 => Err(unknown(library, spec)),
        1 => Ok(found.into_iter().next().expect("one preset")),
        _ => Err(SelectError::Ambiguous {
            id: spec.to_string(),
            choices: found
                .iter()
                .map(|p| format!("{}:{spec}", kind_key(p.kind())))
                .collect(),
        }),
    }
}

fn unknown(library: &PresetLibrary, id: &str) -> SelectError {
    let all: Vec<&str> = PresetKind::ALL
        .into_iter()
        .flat_map(|kind| crate::resolve::PresetLookup::ids(library, kind))
        .collect();
    SelectError::Unknown {
        id: id.to_string(),
        near: crate::suggest::did_you_mean(id, &all).map(str::to_string),
    }
}
