//! A scenario's own presets (its `presets:` section): checked as the presets folder checks its
//! files, looked up before the library's, gathered when a scenario is made self-contained, and
//! compared with the presets of the same id on this machine.

use super::{AnyPreset, Origin, PresetLibrary, validate};
use crate::file_error::FileError;
use crate::problem::{FieldProblem, Problem};
use crate::resolve::{OPERATIONAL_TABLE, PresetLookup, ResolveError};
use crate::scenario_file::ScenarioDoc;
use crate::schema::{
    EmbeddedPresets, EmissionTablePreset, FactorKind, MarketPreset, MinerPreset, PresetKind,
    RegionPreset,
};

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

/// Checks a list of presets with the presets folder's rules: each preset's own checks, ids
/// unique within a kind, and a mining map's regions known (among `also_regions` or built in).
/// A problem's field is under `prefix` (`presets.` in a scenario, empty in a pack).
pub(crate) fn check_list(
    presets: &[AnyPreset],
    prefix: &str,
    known_region: &dyn Fn(&str) -> bool,
) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    let mut index_in_kind = std::collections::HashMap::new();
    let mut seen: Vec<(PresetKind, &str)> = Vec::new();
    for preset in presets {
        let kind = preset.kind();
        let index = index_in_kind.entry(kind).or_insert(0usize);
        let at = format!("{prefix}{}[{index}]", EmbeddedPresets::list_name(kind));
        *index += 1;
        let checked = match preset {
            AnyPreset::Region(p) => validate::region(p),
            AnyPreset::Miner(p) => validate::miner(p),
            AnyPreset::EmissionTable(p) => validate::table(p),
            AnyPreset::Market(p) => validate::market(p),
            AnyPreset::MiningMap(p) => validate::mining_map(p, known_region),
            AnyPreset::Scenario(s) => validate::id(&s.id),
        };
        if let Err(e) = checked {
            problems.push(FieldProblem {
                field: format!("{at}.{}", e.field),
                problem: e.problem,
            });
        } else if seen.contains(&(kind, preset.id())) {
            problems.push(FieldProblem {
                field: format!("{at}.id"),
                problem: Problem::IdTwiceInFile {
                    id: preset.id().to_string(),
                },
            });
        }
        seen.push((kind, preset.id()));
    }
    problems
}

/// Checks a scenario's own presets; the error names the file, line and field.
pub fn check(path: &str, text: &str, doc: &ScenarioDoc) -> Result<(), FileError> {
    if doc.presets.is_empty() {
        return Ok(());
    }
    let own = &doc.presets.regions;
    let known = |id: &str| own.iter().any(|r| r.id == id) || builtin_library().region(id).is_some();
    match check_list(&doc.presets.all(), "presets.", &known)
        .into_iter()
        .next()
    {
        None => Ok(()),
        Some(e) => Err(FileError::at_field(path, text, &e.field, None, e.problem)),
    }
}

pub(crate) fn builtin_library() -> &'static PresetLibrary {
    static BUILTIN: std::sync::OnceLock<PresetLibrary> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(PresetLibrary::builtin)
}

/// The presets a scenario uses, by kind and id: its region, emission tables (with the
/// combustion-only one Scope 2 falls back to), miners and market snapshot (the newest, when it
/// names none).
pub fn used_ids(doc: &ScenarioDoc, lookup: &dyn PresetLookup) -> Vec<(PresetKind, String)> {
    let mut used: Vec<(PresetKind, String)> = Vec::new();
    let mut add = |kind: PresetKind, id: &str| {
        if !used.iter().any(|(k, seen)| *k == kind && seen == id) {
            used.push((kind, id.to_string()));
        }
    };
    if let Some(id) = doc.site.base_region_id() {
        add(PresetKind::Region, id);
    }
    add(PresetKind::EmissionTable, &doc.site.emission_table);
    let direct = lookup
        .emission_table(&doc.site.emission_table)
        .is_some_and(|t| t.kind == FactorKind::Direct);
    if !direct {
        add(PresetKind::EmissionTable, OPERATIONAL_TABLE);
    }
    for entry in &doc.fleet {
        if let Some(id) = &entry.miner {
            add(PresetKind::Miner, id);
        }
    }
    match &doc.market.preset {
        Some(id) => add(PresetKind::Market, id),
        None => {
            if let Some(newest) = lookup.newest_market() {
                add(PresetKind::Market, &newest.id);
            }
        }
    }
    used
}

/// A copy of the scenario that carries every preset it uses that is not built in (its own
/// first, then the library's), and no other; built-in presets stay references by id. A
/// scenario that names no market snapshot and runs on a user's snapshot is pinned to it, so
/// the copy gives the same figures on another machine. Refused, naming the id, when a preset it
/// names is found nowhere.
pub fn self_contained(
    doc: &ScenarioDoc,
    library: &PresetLibrary,
) -> Result<ScenarioDoc, ResolveError> {
    doc.resolve(library)?;
    let overlay = Overlay::new(&doc.presets, library);
    let mut out = doc.clone();
    out.presets = EmbeddedPresets::default();
    for (kind, id) in used_ids(doc, &overlay) {
        let preset = doc
            .presets
            .get(kind, &id)
            .or_else(|| library.get(kind, &id));
        let Some(preset) = preset else {
            // Resolving succeeded, so only a fallback the scenario does not depend on is
            // missing (the combustion table of a library without it).
            continue;
        };
        if PresetLibrary::is_builtin(&preset) {
            continue;
        }
        if kind == PresetKind::Market && doc.market.preset.is_none() {
            out.market.preset = Some(id.clone());
        }
        preset.embed_into(&mut out.presets);
    }
    Ok(out)
}

/// A scenario's own preset that has the id of a different one on this machine.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub kind: PresetKind,
    pub id: String,
    /// Where this machine's preset of that id comes from.
    pub local: Origin,
}

impl Conflict {
    /// "The scenario uses its own region "my-site", not the one in {local}" in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang, scenario: &str) -> String {
        let t = &crate::i18n::strings(lang).sharing;
        let local = match &self.local {
            Origin::BuiltIn => t.source_builtin.to_string(),
            Origin::UserFile(path) => path.display().to_string(),
        };
        crate::i18n::fill(
            t.embedded_differs,
            &[
                ("kind", self.kind.words(lang)),
                ("id", &self.id),
                ("scenario", scenario),
                ("local", &local),
            ],
        )
    }
}

/// The scenario's own presets that differ from this machine's of the same id.
pub fn conflicts(doc: &ScenarioDoc, library: &PresetLibrary) -> Vec<Conflict> {
    doc.presets
        .all()
        .into_iter()
        .filter_map(|own| {
            let local = library.get(own.kind(), own.id())?;
            (!local.same_content(&own)).then(|| Conflict {
                kind: own.kind(),
                id: own.id().to_string(),
                local: library.origin(own.kind(), own.id()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
