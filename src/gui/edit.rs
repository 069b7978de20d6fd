//! Edits of the scenario document. Every change the window makes to the document is an
//! [`Edit`] carried by a command: each replaces one part of the document with a new value, and
//! applying it gives back the edit that restores the part, which is what the undo history keeps.
//!
//! Panels never change the document: they draw from the app read-only, change a copy of the
//! document (a draft), and [`Edit::between`] turns what they changed into edits, one per part.

use crate::model::dispatch::DispatchOptions;
use crate::model::{Instruments, Levers, ProjectionSettings};
use crate::preset_types::EmbeddedPresets;
use crate::scenario_file::{FleetEntryDoc, MarketDoc, ScenarioDoc, SiteDoc};

/// A scenario's names and descriptions, in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct DocNames {
    pub name: String,
    pub name_zh: String,
    pub description: String,
    pub description_zh: String,
}

/// One change of the scenario document: the part it replaces, with the part's new value.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Site(Box<SiteDoc>),
    Fleet(Vec<FleetEntryDoc>),
    Market(MarketDoc),
    HardwareLifeYears(f64),
    Projection(ProjectionSettings),
    Levers(Levers),
    Dispatch(Box<DispatchOptions>),
    Instruments(Instruments),
    Presets(Box<EmbeddedPresets>),
    Names(Box<DocNames>),
}

fn names_of(doc: &ScenarioDoc) -> DocNames {
    DocNames {
        name: doc.name.clone(),
        name_zh: doc.name_zh.clone(),
        description: doc.description.clone(),
        description_zh: doc.description_zh.clone(),
    }
}

impl Edit {
    /// Applies the edit and returns the edit that takes it back.
    #[must_use]
    pub fn apply(self, doc: &mut ScenarioDoc) -> Edit {
        use std::mem::replace;
        match self {
            Edit::Site(site) => Edit::Site(Box::new(replace(&mut doc.site, *site))),
            Edit::Fleet(fleet) => Edit::Fleet(replace(&mut doc.fleet, fleet)),
            Edit::Market(market) => Edit::Market(replace(&mut doc.market, market)),
            Edit::HardwareLifeYears(years) => {
                Edit::HardwareLifeYears(replace(&mut doc.hardware_life_years, years))
            }
            Edit::Projection(p) => Edit::Projection(replace(&mut doc.projection, p)),
            Edit::Levers(levers) => Edit::Levers(replace(&mut doc.levers, levers)),
            Edit::Dispatch(d) => Edit::Dispatch(Box::new(replace(&mut doc.dispatch, *d))),
            Edit::Instruments(i) => Edit::Instruments(replace(&mut doc.instruments, i)),
            Edit::Presets(p) => Edit::Presets(Box::new(replace(&mut doc.presets, *p))),
            Edit::Names(names) => {
                let old = names_of(doc);
                let DocNames {
                    name,
                    name_zh,
                    description,
                    description_zh,
                } = *names;
                doc.name = name;
                doc.name_zh = name_zh;
                doc.description = description;
                doc.description_zh = description_zh;
                Edit::Names(Box::new(old))
            }
        }
    }

    /// Whether applying the edit would change `doc`.
    pub fn changes(&self, doc: &ScenarioDoc) -> bool {
        match self {
            Edit::Site(site) => **site != doc.site,
            Edit::Fleet(fleet) => *fleet != doc.fleet,
            Edit::Market(market) => *market != doc.market,
            // Bit for bit: a NaN typed over a NaN is no change.
            Edit::HardwareLifeYears(years) => years.to_bits() != doc.hardware_life_years.to_bits(),
            Edit::Projection(p) => *p != doc.projection,
            Edit::Levers(levers) => *levers != doc.levers,
            Edit::Dispatch(d) => **d != doc.dispatch,
            Edit::Instruments(i) => *i != doc.instruments,
            Edit::Presets(p) => **p != doc.presets,
            Edit::Names(names) => **names != names_of(doc),
        }
    }

    /// Whether the two edit the same part of the document.
    pub fn same_part(&self, other: &Edit) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
    }

    /// The edits that make `before` into `draft`, one per part a panel changed, in the
    /// document's order.
    pub fn between(before: &ScenarioDoc, draft: &ScenarioDoc) -> Vec<Edit> {
        // Every frame asks, and nearly always nothing changed: no part is copied then.
        if before == draft {
            return Vec::new();
        }
        let candidates = [
            Edit::Site(Box::new(draft.site.clone())),
            Edit::Fleet(draft.fleet.clone()),
            Edit::Market(draft.market.clone()),
            Edit::HardwareLifeYears(draft.hardware_life_years),
            Edit::Projection(draft.projection),
            Edit::Levers(draft.levers),
            Edit::Dispatch(Box::new(draft.dispatch.clone())),
            Edit::Instruments(draft.instruments),
            Edit::Presets(Box::new(draft.presets.clone())),
            Edit::Names(Box::new(names_of(draft))),
        ];
        candidates
            .into_iter()
            .filter(|edit| edit.changes(before))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_applied_then_its_inverse_restores_the_document() {
        let start = ScenarioDoc::default();
        let mut doc = start.clone();
        let mut site = doc.site.clone();
        site.pue = 1.4;
        let edit = Edit::Site(Box::new(site));
        assert!(edit.changes(&doc));
        let inverse = edit.clone().apply(&mut doc);
        assert_eq!(doc.site.pue, 1.4);
        assert!(!edit.changes(&doc));
        let again = inverse.apply(&mut doc);
        assert_eq!(doc, start);
        assert_eq!(again, edit);
    }

    #[test]
    fn between_names_only_the_parts_that_changed() {
        let before = ScenarioDoc::default();
        let mut draft = before.clone();
        assert!(Edit::between(&before, &draft).is_empty());
        draft.hardware_life_years = 7.0;
        draft.levers.renewable = Some(Default::default());
        draft.name = "Texas".into();
        let edits = Edit::between(&before, &draft);
        assert_eq!(edits.len(), 3, "{edits:?}");
        assert!(matches!(edits[0], Edit::HardwareLifeYears(y) if y == 7.0));
        assert!(matches!(edits[1], Edit::Levers(_)));
        assert!(matches!(&edits[2], Edit::Names(n) if n.name == "Texas"));
        let mut doc = before.clone();
        for edit in edits {
            let _ = edit.apply(&mut doc);
        }
        assert_eq!(doc, draft);
    }
}
