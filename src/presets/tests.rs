//! Every built-in preset parses and validates, and its figures are sane.
use super::*;
use crate::model::EmissionFactors;

#[test]
fn builtin_presets_load_without_problems() {
    let lib = PresetLibrary::builtin();
    assert!(lib.problems.is_empty(), "{:#?}", lib.problems);
    for kind in PresetKind::ALL {
        assert_eq!(lib.count(kind), builtin_files(kind).len(), "{kind:?}: ids must be unique");
    }
}

#[test]
fn ipcc_table_matches_the_engines_test_copy() {
    let lib = PresetLibrary::builtin();
    let table = lib.emission_table("ipcc-ar5-lifecycle").unwrap().factors();
    assert_eq!(table, EmissionFactors::ipcc_ar5_lifecycle());
}

#[test]
fn did_you_mean_finds_near_misses_only() {
    let known = ["texas-ercot", "kazakhstan", "world"];
    assert_eq!(did_you_mean("texas-ercott", &known), Some("texas-ercot"));
    assert_eq!(did_you_mean("kazakstan", &known), Some("kazakhstan"));
    assert_eq!(did_you_mean("mars", &known), None);
}

#[test]
fn example_scenarios_resolve() {
    let lib = PresetLibrary::builtin();
    assert!(lib.count(PresetKind::Scenario) >= 1);
    for s in lib.scenarios() {
        let scenario = s.doc.resolve(&lib).unwrap_or_else(|e| panic!("{}: {e}", s.path));
        assert!(!s.doc.name.is_empty(), "{}: a scenario needs a name", s.path);
        assert!(s.doc.description.len() > 80, "{}: a scenario needs a description", s.path);
        assert!(!scenario.fleet.is_empty(), "{}", s.path);
    }
}
