//! The pickers as a user meets them: typing filters at once, a click inside keeps the list open,
//! the keys move and pick, Esc closes, and each opening starts afresh. Driven headless.

use super::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let mut h = super::test_support::harness(
        Session::default(),
        Harness::builder().with_size(egui::vec2(1500.0, 1100.0)),
    );
    h.run();
    h
}

fn open(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

fn is_open(h: &Harness<'_, App>, item: &str) -> bool {
    h.query_all_by_label_contains(item).next().is_some()
}

fn region(h: &Harness<'_, App>) -> Option<String> {
    h.state().session.doc.site.region.clone()
}

#[test]
fn typing_right_after_opening_the_region_picker_filters_it_and_a_click_picks() {
    let mut h = harness();
    open(&mut h, "Region");
    assert!(is_open(&h, "Kazakhstan"));
    // Typed at once, without clicking the filter field.
    h.event(egui::Event::Text("texas".into()));
    h.run();
    assert!(!is_open(&h, "Kazakhstan"));
    h.get_by_label_contains("Texas").click();
    h.run();
    assert_eq!(region(&h).as_deref(), Some("texas-ercot"));
    assert!(!is_open(&h, "Texas ("), "a pick closes the list");
}

#[test]
fn each_opening_starts_with_an_empty_filter() {
    let mut h = harness();
    open(&mut h, "Region");
    h.event(egui::Event::Text("texas".into()));
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!is_open(&h, "Texas"), "Esc closes the list");
    open(&mut h, "Region");
    assert!(is_open(&h, "Kazakhstan"), "the old filter is gone");
    assert!(is_open(&h, "Texas"));
}

#[test]
fn clicking_inside_the_list_keeps_it_open() {
    let mut h = harness();
    open(&mut h, "Region");
    // The filter field, then a group heading.
    h.get_by_role_and_label(Role::TextInput, "Region").click();
    h.run();
    assert!(
        is_open(&h, "Kazakhstan"),
        "a click on the filter keeps the list"
    );
    h.get_by_label("Countries").click();
    h.run();
    assert!(
        is_open(&h, "Kazakhstan"),
        "a click on a heading keeps the list"
    );
    h.event(egui::Event::Text("norw".into()));
    h.run();
    assert!(!is_open(&h, "Kazakhstan"));
    assert!(is_open(&h, "Norway"));
}

#[test]
fn arrow_keys_and_enter_pick_from_the_matches() {
    let mut h = harness();
    let before = region(&h);
    open(&mut h, "Region");
    h.event(egui::Event::Text("sichuan".into()));
    h.run();
    // The matches are "Sichuan (dry season)" then "Sichuan (wet season)": the first is
    // highlighted, Down moves to the second, Up and Down again stay within the list.
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::ArrowUp);
    h.run();
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(region(&h), before, "moving does not pick");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(region(&h).as_deref(), Some("sichuan-wet"));
    assert!(!is_open(&h, "Sichuan (dry"), "Enter closes the list");
}

#[test]
fn enter_right_after_filtering_picks_the_first_match() {
    let mut h = harness();
    open(&mut h, "Miner");
    h.event(egui::Event::Text("s19 xp".into()));
    h.run();
    assert!(!is_open(&h, "Whatsminer M50S++"));
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().session.doc.fleet[0].miner.as_deref(),
        Some("antminer-s19-xp")
    );
}

#[test]
fn the_miner_filter_takes_the_focus_each_time() {
    let mut h = harness();
    open(&mut h, "Miner");
    h.event(egui::Event::Text("avalon".into()));
    h.run();
    assert!(!is_open(&h, "Antminer S21 XP"));
    h.key_press(egui::Key::Escape);
    h.run();
    open(&mut h, "Miner");
    assert!(is_open(&h, "Antminer S21 XP"));
    h.event(egui::Event::Text("m50s".into()));
    h.run();
    assert!(!is_open(&h, "Antminer S21 XP"));
    assert!(is_open(&h, "Whatsminer M50S"));
}

#[test]
fn short_pickers_answer_the_keys_too() {
    let mut h = harness();
    let before = h.state().session.doc.site.emission_table.clone();
    open(&mut h, "Emission factors");
    h.key_press(egui::Key::ArrowDown);
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let after = h.state().session.doc.site.emission_table.clone();
    assert_ne!(after, before, "Down then Enter picks the next table");
    assert!(h.state().library.emission_table(&after).is_some());
}

#[test]
fn an_exact_name_is_listed_before_longer_ones() {
    let mut h = harness();
    open(&mut h, "Miner");
    h.event(egui::Event::Text("s21 xp".into()));
    h.run();
    assert!(is_open(&h, "Antminer S21 XP+ Hydro"));
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().session.doc.fleet[0].miner.as_deref(),
        Some("antminer-s21-xp")
    );
}
