//! The path field that stands in for a file dialog, and the banner over the window: driven
//! headless as a user would.

use super::files::DialogPurpose;
use super::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1000.0)),
    );
    h.run();
    h
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-path-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Types over the whole text of the focused field.
fn type_over(h: &mut Harness<'_, App>, text: &str) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.event(egui::Event::Text(text.into()));
    h.run();
}

fn field_text(h: &Harness<'_, App>) -> Option<String> {
    h.state().path_field.as_ref().map(|f| f.text.clone())
}

#[test]
fn the_field_opens_files_and_has_the_focus_at_once() {
    let mut h = harness();
    let path = temp_dir("open").join("s.ron");
    std::fs::write(&path, "(fleet: [(miner: \"antminer-s19\", units: 4)])").unwrap();
    h.state_mut().show_path_field(DialogPurpose::Open, true);
    h.run();
    assert!(
        h.query_by_label_contains("No file dialog is available")
            .is_some()
    );
    // Typed without clicking the field first, then Enter.
    type_over(&mut h, path.to_str().unwrap());
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    assert_eq!(h.state().session.doc.fleet[0].units, 4);
    assert!(h.state().path_field.is_none(), "done: the field closes");
}

#[test]
fn escape_cancels_and_changes_nothing() {
    let mut h = harness();
    let before = h.state().session.clone();
    h.state_mut().show_path_field(DialogPurpose::SaveAs, true);
    h.run();
    type_over(&mut h, "/tmp/nothing-to-see");
    h.key_press(egui::Key::Escape);
    h.run();
    h.run();
    assert!(h.state().path_field.is_none());
    assert_eq!(h.state().session, before);
    assert!(!std::path::Path::new("/tmp/nothing-to-see.ron").exists());
}

#[test]
fn saving_suggests_a_folder_and_name_and_adds_the_extension() {
    let mut h = harness();
    let dir = temp_dir("save");
    h.state_mut().session.recent = vec![dir.join("earlier.ron")];
    h.state_mut().session.doc.name = "My site".into();
    h.state_mut().show_path_field(DialogPurpose::SaveAs, true);
    h.run();
    assert_eq!(
        field_text(&h).as_deref(),
        Some(dir.join("my-site.ron").to_str().unwrap())
    );
    let typed = dir.join("texas");
    type_over(&mut h, typed.to_str().unwrap());
    h.get_by_label("OK").click();
    h.run();
    h.run();
    let saved = dir.join("texas.ron");
    assert!(saved.exists(), "the extension was added");
    assert_eq!(h.state().session.path.as_deref(), Some(saved.as_path()));
    assert!(!h.state().is_dirty());
}

#[test]
fn an_existing_file_is_replaced_only_when_the_user_agrees() {
    let mut h = harness();
    let dir = temp_dir("replace");
    let existing = dir.join("keep.ron");
    std::fs::write(&existing, "precious").unwrap();
    h.state_mut().show_path_field(DialogPurpose::SaveAs, true);
    h.run();
    type_over(&mut h, existing.to_str().unwrap());
    h.get_by_label("OK").click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("already exists").is_some());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    // Declined: back to the field with the path, nothing written.
    h.get_by_label("Cancel").click();
    h.run();
    h.run();
    assert_eq!(field_text(&h).as_deref(), existing.to_str());
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");
    // Agreed.
    h.get_by_label("OK").click();
    h.run();
    h.run();
    h.get_by_label("Replace").click();
    h.run();
    h.run();
    assert_ne!(std::fs::read_to_string(&existing).unwrap(), "precious");
    assert!(h.state().path_field.is_none());
}

/// Types a path in a folder that does not exist into the Save As field and presses Enter.
fn save_nowhere(h: &mut Harness<'_, App>, name: &str) -> PathBuf {
    let nowhere = temp_dir(name).join("no-such-folder").join("x.ron");
    h.state_mut().show_path_field(DialogPurpose::SaveAs, true);
    h.run();
    type_over(h, nowhere.to_str().unwrap());
    h.key_press(egui::Key::Enter);
    h.run();
    h.run();
    nowhere
}

#[test]
fn a_failed_save_keeps_the_typed_path() {
    let mut h = harness();
    let nowhere = save_nowhere(&mut h, "fail");
    assert_eq!(
        field_text(&h).as_deref(),
        nowhere.to_str(),
        "the text stays"
    );
    let banner = h.state().shown_banner().expect("a banner");
    assert!(banner.error, "{banner:?}");
    assert!(h.state().is_dirty() || h.state().session.path.is_none());
}

#[test]
fn the_banner_covers_nothing_it_would_move() {
    let mut h = harness();
    let region = |h: &Harness<'_, App>| h.get_by_role_and_label(Role::ComboBox, "Region").rect();
    let before = region(&h);
    h.state_mut().set_error(|_| "Something went wrong.".into());
    h.run();
    assert!(h.query_by_label("Something went wrong.").is_some());
    assert_eq!(region(&h), before, "the inputs stay where they were");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.state().banner.is_none());
}

#[test]
fn a_banner_is_redrawn_in_the_new_language() {
    let mut h = harness();
    save_nowhere(&mut h, "lang");
    let english = h.state().shown_banner().unwrap().text;
    assert!(english.starts_with("Could not save: "), "{english}");
    // Said once: the problem's own "cannot save" is not repeated after the sentence's.
    assert_eq!(english.matches("save").count(), 2, "{english}");
    assert!(!english.contains("cannot save"), "{english}");
    h.state_mut().session.language = LangChoice::Fixed(Lang::Zh);
    h.run();
    h.run();
    let chinese = h.state().shown_banner().unwrap().text;
    assert_ne!(chinese, english);
    assert!(chinese.starts_with("无法保存"), "{chinese}");
    assert_eq!(chinese.matches("无法保存").count(), 1, "{chinese}");
    assert!(h.query_by_label(&chinese).is_some(), "on screen");
}
