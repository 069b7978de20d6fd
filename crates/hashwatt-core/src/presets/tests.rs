//! Every built-in preset parses and validates, and its figures are sane.
use super::*;
use crate::model::EmissionFactors;

#[test]
fn builtin_presets_load_without_problems() {
    let lib = PresetLibrary::builtin();
    assert!(lib.problems.is_empty(), "{:#?}", lib.problems);
    for kind in PresetKind::ALL {
        assert_eq!(
            lib.count(kind),
            builtin_files(kind).len(),
            "{kind:?}: ids must be unique"
        );
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
        let scenario = s
            .doc
            .resolve(&lib)
            .unwrap_or_else(|e| panic!("{}: {e}", s.path));
        assert!(
            !s.doc.name.is_empty(),
            "{}: a scenario needs a name",
            s.path
        );
        assert!(
            s.doc.description.len() > 80,
            "{}: a scenario needs a description",
            s.path
        );
        assert!(!scenario.fleet.is_empty(), "{}", s.path);
    }
}

#[test]
fn measured_intensity_lies_within_the_mix_band() {
    // Printed beside each other (run with --nocapture) so gross errors stand out.
    let lib = PresetLibrary::builtin();
    let table = lib.emission_table("ipcc-ar5-lifecycle").unwrap().factors();
    println!(
        "{:<26} {:>9} {:>9} {:>9} {:>9}",
        "region", "measured", "mix×IPCC", "low", "high"
    );
    let mut outside = Vec::new();
    for r in lib.regions() {
        let band = table.intensity_of(&r.mix.shares);
        println!(
            "{:<26} {:>9.1} {:>9.1} {:>9.1} {:>9.1}",
            r.id,
            r.intensity.g_per_kwh,
            band.central_g_per_kwh,
            band.low_g_per_kwh,
            band.high_g_per_kwh
        );
        if !(band.low_g_per_kwh..=band.high_g_per_kwh).contains(&r.intensity.g_per_kwh) {
            outside.push(&r.id);
        }
    }
    assert!(
        outside.is_empty(),
        "measured intensity outside the IPCC band: {outside:?}"
    );
}

#[test]
fn miner_efficiency_matches_power_over_hashrate() {
    let lib = PresetLibrary::builtin();
    for m in lib.miners() {
        let derived = m.power_w / m.hashrate_ths;
        assert!(
            (derived / m.stated_efficiency_j_per_th - 1.0).abs() <= validate::EFFICIENCY_TOLERANCE,
            "{}: {derived} vs {}",
            m.id,
            m.stated_efficiency_j_per_th
        );
    }
}

#[test]
fn estimates_say_so() {
    // An intensity computed rather than measured must be graded an estimate.
    let lib = PresetLibrary::builtin();
    for r in lib.regions() {
        if r.intensity.convention == IntensityConvention::Estimated {
            assert_eq!(r.intensity.grade, Grade::Estimate, "{}", r.id);
        }
    }
}
