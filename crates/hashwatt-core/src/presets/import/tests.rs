use super::*;
use crate::presets::fixtures;
use crate::presets::pack::{self, PackDoc, select};

fn day() -> Date {
    Date::parse("2026-12-07").unwrap()
}

/// Every file of a folder with its bytes and modification time, sorted.
fn snapshot(folder: &Path) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut files = Vec::new();
    for kind in PresetKind::ALL {
        let Ok(entries) = std::fs::read_dir(folder.join(kind.folder())) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
            files.push((path.clone(), std::fs::read(&path).unwrap(), modified));
        }
    }
    files.sort();
    files
}

fn import_file(
    path: &Path,
    folder: &Path,
    on_conflict: Option<OnConflict>,
) -> Vec<(Outcome, Option<String>)> {
    let library = PresetLibrary::with_user_folder(Some(folder));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let label = path.display().to_string();
    let text = std::fs::read_to_string(path).unwrap();
    let incoming = read_incoming(&label, &text, &library).unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    import(incoming, &name, &library, folder, on_conflict, day())
        .unwrap()
        .into_iter()
        .map(|r| (r.outcome, r.new_id))
        .collect()
}

#[test]
fn a_preset_is_added_then_identical_then_a_changed_copy_conflicts_until_a_choice_is_made() {
    let received = fixtures::temp_folder("import-received");
    let file = fixtures::write(
        &received,
        PresetKind::Region,
        "my-site.ron",
        &fixtures::my_site(),
    );
    let folder = fixtures::temp_folder("import-folder");

    assert_eq!(import_file(&file, &folder, None), [(Outcome::Added, None)]);
    let written = folder.join("regions/my-site.ron");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("imported_from: \"my-site.ron\""), "{text}");
    assert!(text.contains("imported_on: \"2026-12-07\""), "{text}");
    // The sources are kept.
    assert!(text.contains("Alberta Energy Regulator") || text.contains("source:"));

    let before = snapshot(&folder);
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(
        import_file(&file, &folder, None),
        [(Outcome::Identical, None)]
    );
    assert_eq!(
        snapshot(&folder),
        before,
        "nothing written, times unchanged"
    );

    let changed = fixtures::my_site().replace("(value: 0.031,", "(value: 0.052,");
    std::fs::write(&file, changed).unwrap();
    assert_eq!(
        import_file(&file, &folder, None),
        [(Outcome::Conflict, None)]
    );
    assert_eq!(snapshot(&folder), before);
    assert_eq!(
        import_file(&file, &folder, Some(OnConflict::Skip)),
        [(Outcome::Skipped, None)]
    );
    assert_eq!(snapshot(&folder), before);

    assert_eq!(
        import_file(&file, &folder, Some(OnConflict::KeepBoth)),
        [(Outcome::Renamed, Some("my-site-2".into()))]
    );
    let library = PresetLibrary::with_user_folder(Some(&folder));
    let kept = library.region("my-site-2").unwrap();
    assert_eq!(kept.name, "My site (imported)");
    assert_eq!(
        kept.electricity_price_usd_per_kwh.as_ref().unwrap().value,
        0.052
    );
    assert_eq!(
        library
            .region("my-site")
            .unwrap()
            .electricity_price_usd_per_kwh
            .as_ref()
            .unwrap()
            .value,
        0.031
    );
    // Kept both again: the next free id.
    let changed_again = fixtures::my_site().replace("(value: 0.031,", "(value: 0.061,");
    std::fs::write(&file, changed_again).unwrap();
    assert_eq!(
        import_file(&file, &folder, Some(OnConflict::KeepBoth)),
        [(Outcome::Renamed, Some("my-site-3".into()))]
    );

    assert_eq!(
        import_file(&file, &folder, Some(OnConflict::Replace)),
        [(Outcome::Replaced, None)]
    );
    let library = PresetLibrary::with_user_folder(Some(&folder));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let replaced = library.region("my-site").unwrap();
    assert_eq!(
        replaced
            .electricity_price_usd_per_kwh
            .as_ref()
            .unwrap()
            .value,
        0.061
    );
    assert_eq!(
        library.origin(PresetKind::Region, "my-site"),
        super::super::Origin::UserFile(written)
    );
}

#[test]
fn a_pack_with_one_invalid_preset_writes_nothing_and_names_each_problem() {
    let sender = PresetLibrary::with_user_folder(Some(&fixtures::user_folder("pack-bad-sender")));
    let presets: Vec<AnyPreset> = ["my-site", "my-rig", "my-table"]
        .iter()
        .map(|id| select(&sender, id).unwrap())
        .collect();
    let text = PackDoc::new(presets, day(), "Site", "").to_ron().unwrap();
    let broken = text
        .replacen("power_w: 3300.0,", "power_w: -1.0,", 1)
        .replacen("central: 1050.0", "central: -3.0", 1);
    assert_ne!(broken, text);
    let folder = fixtures::user_folder("pack-bad-receiver");
    std::fs::remove_file(folder.join("regions/my-site.ron")).unwrap();
    let before = snapshot(&folder);
    let library = PresetLibrary::with_user_folder(Some(&folder));
    let errors = read_incoming("pack.ron", &broken, &library).unwrap_err();
    let fields: Vec<&str> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
    assert_eq!(
        fields,
        ["miners[0].power_w", "emission_tables[0].factors.coal"]
    );
    for (e, key) in errors.iter().zip(["power_w: -1.0", "coal: ("]) {
        let (line, _) = e.position.expect("each problem has its line");
        let written = broken.lines().nth(line - 1).unwrap();
        assert!(written.trim_start().starts_with(key), "{e}: {written}");
        assert!(
            e.to_string().starts_with(&format!("pack.ron:{line}:")),
            "{e}"
        );
    }
    assert_eq!(snapshot(&folder), before);
}

#[test]
fn every_kind_exported_and_imported_elsewhere_is_identical() {
    let folder = fixtures::user_folder("pack-every-kind");
    let scenario = fixtures::SCENARIO;
    fixtures::write(&folder, PresetKind::Scenario, "shared.ron", scenario);
    let sender = PresetLibrary::with_user_folder(Some(&folder));
    assert!(sender.problems.is_empty(), "{:?}", sender.problems);
    let specs = [
        "region:my-site",
        "miner:my-rig",
        "my-table",
        "market:2025-12",
        "mining-map:ccaf-2022-01",
        "scenario:shared",
    ];
    let presets: Vec<AnyPreset> = specs.iter().map(|s| select(&sender, s).unwrap()).collect();
    let text = PackDoc::new(presets.clone(), day(), "All", "Every kind")
        .to_ron()
        .unwrap();
    assert!(text.starts_with("// hashwatt preset pack (format version 1)\n"));
    assert!(text.contains("format: \"hashwatt preset pack\""));
    assert!(text.contains("title: \"All\""));

    let receiver_folder = fixtures::temp_folder("pack-every-kind-receiver");
    let receiver = PresetLibrary::with_user_folder(Some(&receiver_folder));
    let incoming = read_incoming("all.ron", &text, &receiver).unwrap();
    let results = import(
        incoming,
        "all.ron",
        &receiver,
        &receiver_folder,
        None,
        day(),
    )
    .unwrap();
    let outcomes: Vec<(PresetKind, Outcome)> =
        results.iter().map(|r| (r.kind, r.outcome)).collect();
    // The built-in market and map are there already.
    assert_eq!(
        outcomes,
        [
            (PresetKind::Region, Outcome::Added),
            (PresetKind::Miner, Outcome::Added),
            (PresetKind::EmissionTable, Outcome::Added),
            (PresetKind::Market, Outcome::Identical),
            (PresetKind::MiningMap, Outcome::Identical),
            (PresetKind::Scenario, Outcome::Added),
        ]
    );
    let after = PresetLibrary::with_user_folder(Some(&receiver_folder));
    assert!(after.problems.is_empty(), "{:?}", after.problems);
    for preset in &presets {
        let here = after.get(preset.kind(), preset.id()).unwrap();
        assert!(here.same_content(preset), "{preset:?}\n{here:?}");
    }
    let shared = select(&after, "shared").unwrap().to_ron().unwrap();
    assert!(shared.contains("imported_from: \"all.ron\""), "{shared}");
}

#[test]
fn an_id_of_two_kinds_must_be_given_with_its_kind() {
    let folder = fixtures::temp_folder("select-two-kinds");
    let miner = fixtures::my_rig().replace("id: \"my-rig\"", "id: \"my-site\"");
    fixtures::write(
        &folder,
        PresetKind::Region,
        "my-site.ron",
        &fixtures::my_site(),
    );
    fixtures::write(&folder, PresetKind::Miner, "my-site.ron", &miner);
    let library = PresetLibrary::with_user_folder(Some(&folder));
    let e = select(&library, "my-site").unwrap_err();
    assert_eq!(
        e.localized(crate::i18n::Lang::En),
        "\"my-site\" names presets of several kinds: region:my-site, miner:my-site; give one of these"
    );
    assert_eq!(
        select(&library, "miner:my-site").unwrap().kind(),
        PresetKind::Miner
    );
    assert!(matches!(
        select(&library, "my-sit"),
        Err(pack::SelectError::Unknown { near: Some(_), .. })
    ));
}

#[test]
fn a_scenario_file_offers_its_own_presets_and_a_broken_preset_file_is_told_as_its_kind() {
    let sender = PresetLibrary::with_user_folder(Some(&fixtures::user_folder("offer-sender")));
    let doc = crate::scenario_io::parse_scenario("s.ron", fixtures::SCENARIO).unwrap();
    let text = crate::scenario_io::scenario_to_ron(
        &super::super::embedded::self_contained(&doc, &sender).unwrap(),
    );
    let offered = read_incoming("s.ron", &text, &PresetLibrary::builtin()).unwrap();
    assert_eq!(offered.len(), 3);
    let e = read_incoming("s.ron", fixtures::SCENARIO, &PresetLibrary::builtin()).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "s.ron: this scenario carries no presets of its own, so there is nothing to import"
    );
    let broken = fixtures::my_rig().replace("power_w: 3300,", "power_w: \"lots\",");
    let e = read_incoming("rig.ron", &broken, &PresetLibrary::builtin()).unwrap_err();
    assert_eq!(e[0].field.as_deref(), Some("power_w"), "{}", e[0]);
}

#[test]
fn two_presets_of_one_id_differ_field_by_field() {
    let library = PresetLibrary::builtin();
    let ours = library
        .parse(PresetKind::Region, "a.ron", &fixtures::my_site())
        .unwrap();
    let changed = fixtures::my_site()
        .replace("(value: 0.031,", "(value: 0.052,")
        .replace("name: \"My site\"", "name: \"Our site\"");
    let mut theirs = library
        .parse(PresetKind::Region, "b.ron", &changed)
        .unwrap();
    theirs.set_imported(Some("b.ron".into()), Some(day()));
    let found = crate::presets::any::differences(&ours, &theirs);
    let fields: Vec<(&str, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|d| (d.field.as_str(), d.here.as_deref(), d.imported.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            (
                "electricity_price_usd_per_kwh.value",
                Some("0.031"),
                Some("0.052")
            ),
            ("name", Some("My site"), Some("Our site")),
        ]
    );
    assert!(crate::presets::any::differences(&ours, &ours).is_empty());
}

#[test]
fn a_pack_cut_short_anywhere_or_with_a_character_changed_is_refused_naming_the_file() {
    let sender = PresetLibrary::with_user_folder(Some(&fixtures::user_folder("pack-cut")));
    let presets: Vec<AnyPreset> = ["my-site", "my-rig"]
        .iter()
        .map(|id| select(&sender, id).unwrap())
        .collect();
    let text = PackDoc::new(presets, day(), "", "").to_ron().unwrap();
    let library = PresetLibrary::builtin();
    let cuts: Vec<String> = text
        .char_indices()
        .step_by(7)
        .map(|(at, _)| text[..at].to_string())
        .collect();
    let changed: Vec<String> = text
        .char_indices()
        .step_by(11)
        .map(|(at, c)| {
            let swap = if c == '(' { ')' } else { '(' };
            format!("{}{swap}{}", &text[..at], &text[at + c.len_utf8()..])
        })
        .collect();
    for broken in cuts.iter().chain(&changed) {
        if let Err(errors) = read_incoming("pack.ron", broken, &library) {
            assert!(!errors.is_empty());
            for e in errors {
                assert!(e.to_string().starts_with("pack.ron"), "{e}");
            }
        }
    }
}

#[test]
fn a_scenario_in_a_pack_is_held_to_the_same_checks_as_a_file() {
    let sender = PresetLibrary::with_user_folder(Some(&fixtures::user_folder("pack-scenario")));
    let doc = crate::scenario_io::parse_scenario("s.ron", fixtures::SCENARIO).unwrap();
    let own = crate::presets::embedded::self_contained(&doc, &sender).unwrap();
    let scenario = AnyPreset::Scenario(crate::presets::ScenarioPreset {
        id: "shared".into(),
        path: String::new(),
        doc: own,
    });
    let text = PackDoc::new(vec![scenario], day(), "", "")
        .to_ron()
        .unwrap();
    let library = PresetLibrary::builtin();
    assert_eq!(read_incoming("p.ron", &text, &library).unwrap().len(), 1);
    let bad_preset = text.replacen("power_w: 3300.0,", "power_w: -1.0,", 1);
    let e = read_incoming("p.ron", &bad_preset, &library).unwrap_err();
    assert_eq!(
        e[0].field.as_deref(),
        Some("scenarios[0].scenario.presets.miners[0].power_w")
    );
    let zero = text.replacen("version: 4,", "version: 0,", 1);
    let e = read_incoming("p.ron", &zero, &library).unwrap_err();
    assert_eq!(e[0].field.as_deref(), Some("scenarios[0].scenario.version"));
    let bad_id = text.replacen("id: \"shared\"", "id: \"Shared!\"", 1);
    let e = read_incoming("p.ron", &bad_id, &library).unwrap_err();
    assert_eq!(e[0].field.as_deref(), Some("scenarios[0].id"));
}
