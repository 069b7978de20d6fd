//! Saves that must not replace what is not the window's to replace: a file another window
//! wrote since, a read-only file, and values past a cap that depends on another input.

use super::*;
use crate::model::ProjectionSettings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-gui-disk-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn english() -> Session {
    Session {
        language: LangChoice::Fixed(Lang::En),
        ..Session::default()
    }
}

fn harness(session: Session) -> Harness<'static, App> {
    super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1000.0)),
    )
}

/// Opens `path` and sets the units, so the scenario has a change to save.
fn open_and_edit(h: &mut Harness<'_, App>, path: &std::path::Path, units: f64) {
    h.state_mut().queue(Command::OpenPath(path.to_path_buf()));
    h.run();
    assert_eq!(h.state().session.path.as_deref(), Some(path));
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(units);
    h.run();
    assert!(h.state().is_dirty());
}

fn example_text() -> String {
    let library = PresetLibrary::builtin();
    crate::scenario_io::scenario_to_ron(&library.scenario("texas-s21").unwrap().doc)
}

#[test]
fn a_file_another_window_saved_since_is_not_replaced_unasked() {
    let path = temp_dir("changed").join("site.ron");
    std::fs::write(&path, example_text()).unwrap();
    let mut h = harness(english());
    open_and_edit(&mut h, &path, 25.0);

    // Another window saves the same file in the meantime.
    let theirs = example_text().replace("texas-s21", "other window's change");
    std::fs::write(&path, &theirs).unwrap();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "not replaced"
    );
    assert_eq!(
        h.state().replace_on_disk.as_ref().map(|r| r.why),
        Some(OnDisk::ChangedSince)
    );
    h.get_by_label("The file changed on disk");
    assert!(h.state().is_dirty(), "still unsaved");

    // Cancel leaves both as they are; asked again on the next save, and Replace saves.
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.state().replace_on_disk.is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    assert!(!h.state().is_dirty());
    let saved =
        crate::scenario_io::parse_scenario("site.ron", &std::fs::read_to_string(&path).unwrap())
            .expect("saved");
    assert_eq!(saved.fleet[0].units, 25);

    // Saved by this window: the next save replaces it without asking.
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(30.0);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.state().replace_on_disk.is_none());
    assert!(!h.state().is_dirty());
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_replaced_only_after_asking() {
    use std::os::unix::fs::PermissionsExt;
    let path = temp_dir("read-only").join("locked.ron");
    std::fs::write(&path, example_text()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut h = harness(english());
    open_and_edit(&mut h, &path, 12.0);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), example_text());
    h.get_by_label("The file is read-only");
    h.get_by_label("Replace").click();
    h.run();
    let saved =
        crate::scenario_io::parse_scenario("locked.ron", &std::fs::read_to_string(&path).unwrap())
            .expect("saved");
    assert_eq!(saved.fleet[0].units, 12);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444, "it stays read-only");
}

#[test]
fn the_paths_field_clamps_to_the_horizons_cap_and_the_file_reopens() {
    let library = PresetLibrary::builtin();
    let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
    doc.projection = ProjectionSettings {
        months: 1200,
        paths: 100,
        ..ProjectionSettings::default()
    };
    let cap = doc.projection.paths_limit().max;
    assert!(
        cap < 100_000.0,
        "1200 months cap the paths below the field's own limit"
    );
    let mut h = harness(Session {
        tab: Tab::Projection,
        doc,
        ..english()
    });
    super::test_support::settle(&mut h);
    h.get_by_role_and_label(Role::SpinButton, "Paths")
        .set_value_accesskit(100_000.0);
    h.run();
    assert_eq!(f64::from(h.state().session.doc.projection.paths), cap);

    // A longer horizon brings the paths down with its cap.
    h.state_mut().session.doc.projection.months = 12;
    h.state_mut().session.doc.projection.paths = 100_000;
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Months")
        .set_value_accesskit(1200.0);
    h.run();
    assert_eq!(f64::from(h.state().session.doc.projection.paths), cap);

    // What the window holds, a file holds and reads back.
    let path = temp_dir("paths").join("long.ron");
    assert!(h.state_mut().save_to(&path, &egui::Context::default()));
    crate::resolve::load_scenario(&path, &PresetLibrary::builtin()).expect("reopens");
}
