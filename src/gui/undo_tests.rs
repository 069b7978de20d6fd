//! Undo and redo of the scenario document, driven headless as a user would: keys, the Edit
//! menu, a drag, "Move here", and the fresh history of a newly opened scenario.

use super::*;
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness_with(session: Session) -> Harness<'static, App> {
    super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1100.0)),
    )
}

fn english() -> Session {
    Session {
        language: LangChoice::Fixed(Lang::En),
        ..Session::default()
    }
}

fn harness() -> Harness<'static, App> {
    let mut h = harness_with(english());
    h.run();
    h
}

fn undo_keys(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
}

fn redo_keys(h: &mut Harness<'_, App>) {
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
}

/// Types a value into the PUE field and confirms it with Enter.
fn type_pue(h: &mut Harness<'_, App>, typed: &str) {
    h.get_by_role_and_label(Role::SpinButton, "PUE").click();
    h.run();
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.event(egui::Event::Text(typed.into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

fn pue(h: &Harness<'_, App>) -> f64 {
    h.state().session.doc.site.pue
}

#[test]
fn ctrl_z_takes_back_a_typed_pue_and_ctrl_shift_z_brings_it_again() {
    let mut h = harness();
    let start = pue(&h);
    assert_eq!(start, 1.1);
    let miners_kw = power_kw(&h) / start;
    type_pue(&mut h, "1.5");
    assert_eq!(pue(&h), 1.5);
    assert!(h.state().is_dirty());
    type_pue(&mut h, "2.25");
    assert_eq!(pue(&h), 2.25);

    undo_keys(&mut h);
    assert_eq!(pue(&h), 1.5, "one step back: the value typed before");
    assert_eq!(h.state().applied.last(), Some(&Command::Undo));
    assert!(
        (power_kw(&h) - miners_kw * 1.5).abs() < 1e-9,
        "the figures follow the undone document"
    );
    undo_keys(&mut h);
    assert_eq!(pue(&h), start);
    assert!(
        !h.state().is_dirty(),
        "back at the document as it started: nothing unsaved"
    );
    assert!(!h.state().window_title().contains('•'));
    undo_keys(&mut h);
    assert_eq!(pue(&h), start, "nothing further back");

    redo_keys(&mut h);
    assert_eq!(pue(&h), 1.5);
    assert!(h.state().is_dirty());
    assert!(h.state().window_title().contains('•'));
    redo_keys(&mut h);
    assert_eq!(pue(&h), 2.25);
    redo_keys(&mut h);
    assert_eq!(pue(&h), 2.25, "nothing further forward");
    assert_eq!(
        h.get_by_role_and_label(Role::SpinButton, "PUE").value(),
        Some("2.250".to_string()),
        "the field shows the redone value"
    );
}

/// The facility's power draw the figures were computed with (the miners' draw times the PUE).
fn power_kw(h: &Harness<'_, App>) -> f64 {
    let computed = h.state().computed.as_ref().expect("the scenario resolves");
    computed.evaluation.power_kw
}

#[test]
fn undoing_to_the_saved_file_shows_it_saved() {
    let dir = temp_dir("saved");
    let path = dir.join("site.ron");
    let mut h = harness();
    type_pue(&mut h, "1.3");
    h.state().queue(Command::SaveTo(path.clone()));
    h.run();
    assert!(!h.state().is_dirty());
    type_pue(&mut h, "1.9");
    assert!(h.state().is_dirty());
    undo_keys(&mut h);
    assert_eq!(pue(&h), 1.3);
    assert!(!h.state().is_dirty(), "the document is the saved one again");
    undo_keys(&mut h);
    assert_eq!(pue(&h), 1.1);
    assert!(
        h.state().is_dirty(),
        "before the save: differs from the file"
    );
}

#[test]
fn one_undo_takes_back_move_here_with_the_mix_and_price_it_replaced() {
    let mut session = english();
    session.tab = Tab::Compare;
    session.doc.site.electricity_usd_per_kwh = Some(0.031);
    let mut mix = crate::model::EnergyMix::default();
    mix.set(crate::model::EnergySource::Hydro, 100.0);
    session.doc.site.mix = Some(mix);
    session.saved_doc = session.doc.clone();
    let before = session.doc.clone();
    let mut h = harness_with(session);
    h.run();
    assert!(!h.state().undo.can_undo());

    h.get_all_by_label("Move here")
        .next()
        .expect("a ranked region")
        .click();
    h.run();
    assert!(matches!(
        h.state().applied.last(),
        Some(Command::SetRegion(_))
    ));
    let site = &h.state().session.doc.site;
    assert_eq!(site.mix, None, "moving replaced the mix");
    assert_eq!(site.electricity_usd_per_kwh, None, "and the price");

    undo_keys(&mut h);
    assert_eq!(
        h.state().session.doc,
        before,
        "one undo brings the site back"
    );
    assert!(!h.state().is_dirty());
    redo_keys(&mut h);
    assert_ne!(h.state().session.doc, before);
    assert_eq!(h.state().session.doc.site.mix, None);
}

#[test]
fn two_quick_clicks_are_two_steps() {
    let mut h = harness();
    // Both within the undoer's settling time: still each its own step.
    h.state().queue(Command::SetRegion("quebec".into()));
    h.run();
    h.state().queue(Command::SetRegion("kazakhstan".into()));
    h.run();
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc.site.region.as_deref(), Some("quebec"));
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc.site.region, None);
}

#[test]
fn a_drag_is_undone_in_one_step() {
    let mut h = harness();
    let centre = h
        .get_by_role_and_label(Role::SpinButton, "PUE")
        .rect()
        .center();
    h.drag_at(centre);
    h.run();
    for dx in [10.0, 20.0, 40.0, 60.0] {
        h.hover_at(centre + egui::vec2(dx, 0.0));
        h.run();
        h.run();
    }
    let dragged = pue(&h);
    assert!(dragged > 1.1, "the drag raised the PUE to {dragged}");
    h.drop_at(centre + egui::vec2(60.0, 0.0));
    h.run();
    assert_eq!(pue(&h), dragged);
    undo_keys(&mut h);
    assert_eq!(pue(&h), 1.1, "the whole drag is one step");
    redo_keys(&mut h);
    assert_eq!(pue(&h), dragged);
}

/// Whether the item of this label is greyed out (as a screen reader is told).
fn disabled(h: &Harness<'_, App>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn the_edit_menu_names_its_keys_and_greys_out_what_cannot_be_done() {
    let s = &strings(Lang::En).app;
    let mut h = harness();
    h.get_by_label(s.menu_edit).click();
    h.run();
    let undo = format!("{} Ctrl+Z", s.menu_undo);
    let redo = format!("{} Ctrl+Shift+Z", s.menu_redo);
    assert!(disabled(&h, &undo), "nothing to undo");
    assert!(disabled(&h, &redo), "nothing to redo");
    // A disabled item does nothing.
    h.get_by_label(&undo).click();
    h.run();
    assert!(!h.state().applied.contains(&Command::Undo));

    h.key_press(egui::Key::Escape);
    h.run();
    type_pue(&mut h, "1.4");
    h.get_by_label(s.menu_edit).click();
    h.run();
    assert!(!disabled(&h, &undo));
    assert!(disabled(&h, &redo));
    h.get_by_label(&undo).click();
    h.run();
    assert_eq!(h.state().applied.last(), Some(&Command::Undo));
    assert_eq!(pue(&h), 1.1);

    h.get_by_label(s.menu_edit).click();
    h.run();
    assert!(disabled(&h, &undo));
    assert!(!disabled(&h, &redo));
    h.get_by_label(&redo).click();
    h.run();
    assert_eq!(h.state().applied.last(), Some(&Command::Redo));
    assert_eq!(pue(&h), 1.4);
}

#[test]
fn the_edit_menu_speaks_chinese() {
    let session = Session {
        language: LangChoice::Fixed(Lang::Zh),
        ..Session::default()
    };
    let mut h = harness_with(session);
    h.run();
    h.get_by_label("编辑").click();
    h.run();
    assert!(h.query_by_label("撤销 Ctrl+Z").is_some());
    assert!(h.query_by_label("重做 Ctrl+Shift+Z").is_some());
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-undo-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn opening_another_file_starts_a_fresh_history() {
    let path = temp_dir("open").join("other.ron");
    std::fs::write(
        &path,
        "(site: (pue: 1.6), fleet: [(miner: \"antminer-s19\", units: 4)])",
    )
    .unwrap();
    let mut h = harness();
    type_pue(&mut h, "1.2");
    type_pue(&mut h, "1.3");
    h.state_mut().session.saved_doc = h.state().session.doc.clone();
    h.state().queue(Command::OpenPath(path.clone()));
    h.run();
    assert_eq!(h.state().session.path.as_deref(), Some(path.as_path()));
    let opened = h.state().session.doc.clone();
    assert_eq!(opened.site.pue, 1.6);
    assert!(!h.state().undo.can_undo());
    undo_keys(&mut h);
    assert_eq!(
        h.state().session.doc,
        opened,
        "an undo does not bring back the other scenario's inputs"
    );
    let s = &strings(Lang::En).app;
    h.get_by_label(s.menu_edit).click();
    h.run();
    assert!(disabled(&h, &format!("{} Ctrl+Z", s.menu_undo)));
    h.key_press(egui::Key::Escape);
    h.run();

    // Its own edits undo as usual, back to the file as opened.
    type_pue(&mut h, "2.0");
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc, opened);
    assert!(!h.state().is_dirty());
}

#[test]
fn a_new_scenario_starts_a_fresh_history() {
    let mut h = harness();
    type_pue(&mut h, "1.7");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    h.get_by_label(strings(Lang::En).app.unsaved_discard)
        .click();
    h.run();
    assert_eq!(h.state().session.doc, super::history::new_document());
    // The new scenario has the same PUE as before the edit: an undo that reached into the old
    // history would set 1.7 again.
    redo_keys(&mut h);
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc, super::history::new_document());
    assert!(!h.state().undo.can_undo());
    assert!(!h.state().undo.can_redo());
}

#[test]
fn ctrl_z_in_a_text_field_is_the_field_s_own() {
    let mut h = harness();
    // Typing into the PUE field sets the value as it is typed (egui updates while editing).
    h.get_by_role_and_label(Role::SpinButton, "PUE").click();
    h.run();
    h.event(egui::Event::Text("9".into()));
    h.run();
    assert_eq!(pue(&h), 5.0, "9 brought down to the limit");
    // Ctrl+Z goes to the field, which takes back the typed text, and so the value.
    undo_keys(&mut h);
    assert!(!h.state().applied.contains(&Command::Undo));
    assert!(
        h.get_by_role_and_label(Role::SpinButton, "PUE")
            .is_focused()
    );
    assert_eq!(pue(&h), 1.1);
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        !h.state().undo.can_undo(),
        "the document is as it was: no step to undo"
    );

    // Out of the field, the keys undo the document.
    type_pue(&mut h, "1.8");
    assert!(
        !h.get_by_role_and_label(Role::SpinButton, "PUE")
            .is_focused()
    );
    undo_keys(&mut h);
    assert_eq!(h.state().applied.last(), Some(&Command::Undo));
    assert_eq!(pue(&h), 1.1);
}

#[test]
fn an_edit_in_a_panel_reaches_the_document_as_an_edit_command() {
    let mut h = harness();
    let before = h.state().session.doc.clone();
    type_pue(&mut h, "1.3");
    // The panel changed a draft; the document changed only by the command it sent.
    let edits: Vec<&edit::Edit> = h
        .state()
        .applied
        .iter()
        .filter_map(|c| match c {
            Command::Edit(edit) => Some(edit),
            _ => None,
        })
        .collect();
    assert!(!edits.is_empty());
    assert!(
        edits
            .iter()
            .all(|e| matches!(e, edit::Edit::Site(site) if site.region == before.site.region)),
        "{edits:?}"
    );
    assert_eq!(pue(&h), 1.3);
    let mut expected = before.clone();
    expected.site.pue = 1.3;
    assert_eq!(h.state().session.doc, expected, "only the PUE changed");
    // Adding a machine model is one fleet edit, undone in one step.
    h.get_by_label(strings(Lang::En).app.add_model).click();
    h.run();
    assert!(matches!(
        h.state().applied.last(),
        Some(Command::Edit(edit::Edit::Fleet(fleet))) if fleet.len() == before.fleet.len() + 1
    ));
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc, expected);
    undo_keys(&mut h);
    assert_eq!(h.state().session.doc, before);
}
