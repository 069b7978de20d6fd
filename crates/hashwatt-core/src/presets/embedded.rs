//! A scenario's own presets (its `presets:` section): checked as the presets folder checks its
//! files, looked up before the library's, gathered when a scenario is made self-contained, and
//! compared with the presets of the same id on this machine.

use super::{Origin, PresetLibrary};
use crate::preset_types::{EmbeddedPresets, FactorKind, PresetKind};
use crate::resolve::{OPERATIONAL_TABLE, Overlay, PresetLookup, ResolveError};
use crate::scenario_file::ScenarioDoc;

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
