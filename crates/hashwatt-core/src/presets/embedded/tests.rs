use super::*;
use crate::presets::AnyPreset;
use crate::presets::fixtures::{self, SCENARIO};
use crate::scenario_io::{parse_scenario, parse_scenario_noting, scenario_to_ron};

fn library(folder: &std::path::Path) -> PresetLibrary {
    let library = PresetLibrary::with_user_folder(Some(folder));
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    library
}

#[test]
fn a_self_contained_scenario_gives_the_same_figures_without_the_senders_presets() {
    let sender = library(&fixtures::user_folder("embed-sender"));
    let doc = parse_scenario("s.ron", SCENARIO).unwrap();
    let there = doc.resolve(&sender).unwrap();
    let shared = self_contained(&doc, &sender).unwrap();
    let ids =
        |list: Vec<AnyPreset>| -> Vec<String> { list.iter().map(|p| p.id().to_string()).collect() };
    // The user's three presets travel; the built-in miner, market and combustion table do not.
    assert_eq!(ids(shared.presets.all()), ["my-site", "my-rig", "my-table"]);

    let text = scenario_to_ron(&shared);
    let receiver = PresetLibrary::builtin();
    let received = parse_scenario("s.ron", &text).unwrap();
    assert_eq!(received, shared);
    let here = received.resolve(&receiver).unwrap();
    assert_eq!(here, there);
    assert_eq!(here.site.electricity_usd_per_kwh, 0.031);
    // Without its section the file names presets the receiver does not have.
    let bare = parse_scenario("s.ron", SCENARIO).unwrap();
    assert!(bare.resolve(&receiver).is_err());
}

#[test]
fn a_scenarios_own_preset_wins_over_a_different_one_of_the_same_id_and_is_reported() {
    let sender = library(&fixtures::user_folder("embed-own-sender"));
    let doc = parse_scenario("s.ron", SCENARIO).unwrap();
    let shared = self_contained(&doc, &sender).unwrap();
    // The receiver has a "my-site" of its own, with another power price.
    let folder = fixtures::temp_folder("embed-own-receiver");
    let theirs = fixtures::my_site().replace("(value: 0.031,", "(value: 0.09,");
    let theirs_path = fixtures::write(&folder, PresetKind::Region, "mine.ron", &theirs);
    let receiver = library(&folder);
    let scenario = shared.resolve(&receiver).unwrap();
    assert_eq!(scenario.site.electricity_usd_per_kwh, 0.031);
    let found = conflicts(&shared, &receiver);
    assert_eq!(
        found,
        [Conflict {
            kind: PresetKind::Region,
            id: "my-site".into(),
            local: Origin::UserFile(theirs_path.clone()),
        }]
    );
    assert_eq!(
        found[0].localized(crate::i18n::Lang::En, "s.ron"),
        format!(
            "s.ron uses its own region \"my-site\", which differs from the one in {}; nothing on \
             this machine changes unless you import it",
            theirs_path.display()
        )
    );
    // The sender's own machine has the same presets: nothing to report.
    assert!(conflicts(&shared, &sender).is_empty());
}

#[test]
fn a_version_3_file_reads_unchanged_without_a_migration_note() {
    let v3 = "(version: 3, name: \"Old\", site: (region: \"texas-ercot\"), fleet: [(miner: \"antminer-s21\", units: 4)])";
    let (doc, migration) = parse_scenario_noting("old.ron", v3).unwrap();
    let v4 = parse_scenario("new.ron", &v3.replace("version: 3", "version: 4")).unwrap();
    assert_eq!(doc, v4);
    assert!(doc.presets.is_empty());
    assert_eq!(migration, None);
    // A version 2 file is still noted.
    let (_, v2) = parse_scenario_noting("v2.ron", &v3.replace("version: 3", "version: 2")).unwrap();
    assert_eq!(v2.map(|m| m.from_version), Some(2));
    assert_eq!(
        doc.resolve(&PresetLibrary::builtin()).unwrap(),
        v4.resolve(&PresetLibrary::builtin()).unwrap()
    );
    // The section is written only when there is something in it.
    assert!(!scenario_to_ron(&doc).contains("presets"));
}

#[test]
fn an_invalid_preset_in_the_section_is_refused_with_its_line_and_field() {
    let sender = library(&fixtures::user_folder("embed-invalid"));
    let doc = parse_scenario("s.ron", SCENARIO).unwrap();
    let text = scenario_to_ron(&self_contained(&doc, &sender).unwrap());
    let broken = text.replacen("power_w: 3300.0,", "power_w: -5.0,", 1);
    assert_ne!(broken, text, "the miner's power is written as 3300.0");
    let e = parse_scenario("s.ron", &broken).unwrap_err();
    let line = broken
        .lines()
        .position(|l| l.contains("power_w: -5.0"))
        .unwrap()
        + 1;
    assert_eq!(e.position.map(|(l, _)| l), Some(line));
    assert_eq!(e.field.as_deref(), Some("presets.miners[0].power_w"));
    // Twice the same id in one kind.
    let mut twice = parse_scenario("s.ron", &text).unwrap();
    twice.presets.regions.push(twice.presets.regions[0].clone());
    let e = parse_scenario("s.ron", &scenario_to_ron(&twice)).unwrap_err();
    assert_eq!(
        e.to_string().split_once(": ").unwrap().1,
        "presets.regions[1].id: the id \"my-site\" is given twice in this file"
    );
    assert!(
        e.localized(crate::i18n::Lang::Zh)
            .contains("在此文件中出现了两次")
    );
}

#[test]
fn a_preset_the_scenario_names_but_nobody_has_is_refused_by_id() {
    let doc = parse_scenario("s.ron", SCENARIO).unwrap();
    let e = self_contained(&doc, &PresetLibrary::builtin()).unwrap_err();
    assert_eq!(e.field, "site.emission_table");
    assert_eq!(e.value.as_deref(), Some("my-table"));
}

#[test]
fn a_users_newest_snapshot_travels_and_the_copy_names_it() {
    let folder = fixtures::temp_folder("embed-newest-market");
    let newest = fixtures::builtin_text(PresetKind::Market, "2025-12")
        .replace("id: \"2025-12\"", "id: \"2026-11\"")
        .replace("date: \"2025-12-20\"", "date: \"2026-11-30\"");
    fixtures::write(&folder, PresetKind::Market, "2026-11.ron", &newest);
    let sender = library(&folder);
    let doc = parse_scenario("s.ron", "(fleet: [(miner: \"antminer-s21\", units: 1)])").unwrap();
    let shared = self_contained(&doc, &sender).unwrap();
    assert_eq!(shared.market.preset.as_deref(), Some("2026-11"));
    assert_eq!(shared.presets.markets.len(), 1);
    assert_eq!(shared.presets.len(), 1);
    let receiver = PresetLibrary::builtin();
    assert_eq!(
        shared.resolve(&receiver).unwrap(),
        doc.resolve(&sender).unwrap()
    );
}
