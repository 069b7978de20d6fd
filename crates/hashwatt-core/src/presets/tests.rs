//! Every built-in preset parses and validates, and its figures are sane.
use super::*;
use crate::model::EmissionFactors;

#[test]
fn builtin_presets_load_without_problems() {
    let lib = PresetLibrary::builtin();
    assert!(lib.problems.is_empty(), "{:#?}", lib.problems);
    // The country table adds every country without a hand-made region.
    let (table, _) = countries::builtin();
    let added = table
        .iter()
        .filter(|c| {
            !builtin_files(PresetKind::Region)
                .iter()
                .any(|(_, text)| text.contains(&format!("iso3: \"{}\"", c.iso3)))
        })
        .count();
    assert_eq!(table.len() - added, 19, "the hand-made countries");
    for kind in PresetKind::ALL {
        let extra = if kind == PresetKind::Region { added } else { 0 };
        assert_eq!(
            lib.count(kind),
            builtin_files(kind).len() + extra,
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
    // The hand-made regions: the country table's mix and intensity are often of different
    // years, and its small grids (islands on oil) fall outside a band of median plants.
    for r in lib
        .regions()
        .filter(|r| !r.mix.source.starts_with(super::countries::SOURCE))
    {
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

/// A fresh user presets folder for one test.
fn user_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-presets-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn write(dir: &Path, kind: &str, file: &str, text: &str) -> std::path::PathBuf {
    let folder = dir.join(kind);
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_user_scenario_that_fails_to_resolve_leaves_the_builtin_in_place() {
    let dir = user_folder("scenario-override");
    let builtin = PresetLibrary::builtin();
    let original = builtin.scenario("texas-s21").expect("built-in").clone();
    let path = write(
        &dir,
        "scenarios",
        "texas-s21.ron",
        "(\n    name: \"Mine\",\n    site: (region: \"atlantis\"),\n)\n",
    );
    let library = PresetLibrary::with_user_folder(Some(&dir));
    assert_eq!(library.scenario("texas-s21"), Some(&original));
    let messages: Vec<String> = library.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        messages,
        [format!(
            "{}:3:20: site.region: unknown region \"atlantis\"; `hashwatt presets list regions` shows the known ids",
            path.display()
        )]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_user_emission_table_is_held_to_the_scenario_limits_on_every_factor() {
    let dir = user_folder("table-limits");
    let builtin = PresetLibrary::builtin();
    let (_, text) = builtin_files(PresetKind::EmissionTable)
        .iter()
        .find(|(path, _)| path.ends_with("ipcc-ar5-lifecycle.ron"))
        .unwrap();
    let bad = text.replace("low: 740, high: 910", "low: 740, high: 1e300");
    assert_ne!(&bad, text);
    let path = write(&dir, "emission-factors", "ipcc-ar5-lifecycle.ron", &bad);
    let library = PresetLibrary::with_user_folder(Some(&dir));
    // The user file is named and skipped; the built-in table and every scenario using it stay.
    let messages: Vec<String> = library.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].starts_with(&format!("{}:", path.display()))
            && messages[0].ends_with(
                "factors.coal.high: 1e300 is not allowed; must be a number from 0 to 10000 g/kWh"
            ),
        "{}",
        messages[0]
    );
    assert_eq!(
        library.emission_table("ipcc-ar5-lifecycle"),
        builtin.emission_table("ipcc-ar5-lifecycle")
    );
    assert_eq!(
        library.count(PresetKind::Scenario),
        builtin.count(PresetKind::Scenario)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn built_in_scenarios_are_written_in_the_current_format_and_say_so() {
    let header = format!(
        "// hashwatt scenario (format version {})\n",
        crate::scenario_file::SCENARIO_VERSION
    );
    let version = format!(
        "\n    version: {},\n",
        crate::scenario_file::SCENARIO_VERSION
    );
    let files = builtin_files(PresetKind::Scenario);
    assert!(!files.is_empty());
    for (path, text) in files {
        assert!(
            text.starts_with(&header),
            "{path}: {:?}",
            text.lines().next()
        );
        assert!(text.contains(&version), "{path}");
    }
}
