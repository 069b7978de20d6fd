//! The Dispatch tab's tariff editor driven headless as a user would: a tariff built from an
//! example, saved and dispatched as `hashwatt dispatch` dispatches the saved file; values the
//! file reader refuses said with its message and kept out of the document; undo and redo.

use super::test_support::harness as build;
use super::*;
use crate::dispatch_doc::check_tariff;
use crate::i18n::strings;
use crate::model::tariff::{Tariff, TariffPeriod, Weekday};
use crate::tariff_examples::TariffExample;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

pub(super) fn dispatch_harness(doc: ScenarioDoc, lang: Lang) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        tab: Tab::Dispatch,
        doc,
        ..Session::default()
    };
    let mut h = build(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1400.0)),
    );
    h.run();
    h
}

/// Clicks the `nth` field of `role` labelled `label`, selects its text, types `text` and
/// confirms with Enter.
pub(super) fn type_into(h: &mut Harness<'_, App>, role: Role, label: &str, nth: usize, text: &str) {
    h.get_all_by_role_and_label(role, label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no field {label} #{nth}"))
        .click();
    h.run();
    h.event(egui::Event::Key {
        key: egui::Key::A,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    h.event(egui::Event::Text(text.into()));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

/// The number the `nth` field labelled `label` shows.
fn shown(h: &Harness<'_, App>, label: &str, nth: usize) -> Option<f64> {
    h.get_all_by_role_and_label(Role::SpinButton, label)
        .nth(nth)?
        .accesskit_node()
        .numeric_value()
}

fn tariff(h: &Harness<'_, App>) -> Option<Tariff> {
    h.state().session.doc.dispatch.tariff.clone()
}

fn click(h: &mut Harness<'_, App>, label: &str, nth: usize) {
    h.get_all_by_label(label)
        .nth(nth)
        .unwrap_or_else(|| panic!("no {label} #{nth}"))
        .click();
    h.run();
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn a_tariff_built_in_the_editor_is_saved_and_dispatched_as_the_command_line_does() {
    let mut h = dispatch_harness(ScenarioDoc::default(), Lang::En);
    let t = &strings(Lang::En).editors;
    let d = &strings(Lang::En).dispatch;
    h.get_by_label(t.tariff_none);
    h.get_by_label(d.none_yet);

    // Start from the peak and off-peak example: its note says it is illustrative.
    h.get_by_label(TariffExample::PeakOffPeak.note(Lang::En));
    click(&mut h, t.example_peak, 0);
    let year = crate::today().year;
    assert_eq!(
        tariff(&h),
        Some(TariffExample::PeakOffPeak.tariff(year, Lang::En))
    );
    // The peak costs 120 instead of 90.
    type_into(&mut h, Role::SpinButton, t.price, 0, "120");
    assert_eq!(tariff(&h).unwrap().periods[0].price_usd_mwh, 120.0);

    // A third period, moved above off-peak (which covers every hour left): weekend nights,
    // midnight to 06:00, at 15.
    click(&mut h, t.add_period, 0);
    assert_eq!(tariff(&h).unwrap().periods.len(), 3);
    click(&mut h, t.move_up, 2);
    click(&mut h, "Sat", 1);
    click(&mut h, "Sun", 1);
    click(&mut h, t.add_hours, 1);
    type_into(&mut h, Role::SpinButton, t.to, 1, "6");
    type_into(&mut h, Role::SpinButton, t.price, 1, "15");
    let built = tariff(&h).unwrap();
    assert_eq!(
        built.periods[1],
        TariffPeriod {
            name: "period 3".into(),
            weekdays: vec![Weekday::Sat, Weekday::Sun],
            hours: vec![(0, 6)],
            price_usd_mwh: 15.0,
            ..TariffPeriod::default()
        }
    );
    assert_eq!(built.periods[2].name, "off-peak");
    assert!(h.state().dispatch.tariff_editor.problem().is_none());

    // Saved with the scenario.
    let dir = temp_dir("tariff-editor");
    let path = dir.join("tou.ron");
    h.state().queue(Command::SaveTo(path.clone()));
    h.run();
    assert!(!h.state().is_dirty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("period 3"), "{text}");

    // `hashwatt dispatch tou.ron --json`, in this process.
    use clap::Parser;
    let cli = crate::cli::args::Cli::try_parse_from([
        "hashwatt",
        "dispatch",
        path.to_str().unwrap(),
        "--json",
    ])
    .unwrap();
    let mut out = Vec::new();
    crate::cli::execute(&cli.command, &PresetLibrary::builtin(), Lang::En, &mut out).unwrap();
    let cli_json: serde_json::Value = serde_json::from_slice(&out).unwrap();

    // The window dispatches the same tariff to the same totals.
    let outcome = h.state().dispatch.outcome().cloned().expect("a dispatch");
    assert_eq!(
        outcome.series.len(),
        cli_json["steps"].as_u64().unwrap() as usize
    );
    let window_json = serde_json::to_value(&outcome.dispatch.summary).unwrap();
    for (key, value) in cli_json.as_object().unwrap() {
        match (value.as_f64(), window_json[key].as_f64()) {
            (Some(a), Some(b)) => assert!(close(a, b), "{key}: {a} vs {b}"),
            _ => assert_eq!(value, &window_json[key], "{key}"),
        }
    }
    // …and shows them: the tariff line and the dispatched profit.
    h.get_by_label(&fill(
        d.tariff_line,
        &[("year", &year.to_string()), ("periods", "3")],
    ));
    let profit = cli_json["profit_usd"].as_f64().unwrap();
    h.get_by_label(&format!("{}: {}", d.dispatched, crate::format::usd(profit)));
    // The three prices are in the year: peak, weekend nights and off-peak.
    let prices = &outcome.series.price_usd_per_mwh;
    for price in [120.0, 15.0, 40.0] {
        assert!(prices.contains(&price), "{price}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_value_the_file_reader_refuses_is_said_beside_its_field_and_kept_out_of_the_document() {
    let mut doc = ScenarioDoc::default();
    doc.dispatch.tariff = Some(TariffExample::PeakOffPeak.tariff(2025, Lang::En));
    let mut h = dispatch_harness(doc.clone(), Lang::En);
    let t = &strings(Lang::En).editors;

    // An hour of 25.
    type_into(&mut h, Role::SpinButton, t.to, 0, "25");
    let message =
        "dispatch.tariff.periods[0].hours: 25 is not allowed; must be a whole number from 0 to 24";
    h.get_by_label(message);
    h.get_by_label(t.not_stored);
    assert_eq!(h.state().session.doc, doc, "the document is unchanged");
    // The edit stays in sight, to be put right.
    let draft = h.state().dispatch.tariff_editor.draft.clone().unwrap();
    assert_eq!(draft.periods[0].hours, [(7, 25)]);
    assert_eq!(shown(&h, t.to, 0), Some(25.0));

    // An empty range: from 7 to 7.
    type_into(&mut h, Role::SpinButton, t.to, 0, "7");
    h.get_by_label(
        "dispatch.tariff.periods[0].hours: 7 is not allowed; must be a whole number from 8 to 24",
    );
    assert!(h.query_by_label(message).is_none());
    assert_eq!(h.state().session.doc, doc);

    // A month of 13 (the month toggles cannot make one: a draft holding it is refused alike).
    let mut bad = doc.dispatch.tariff.clone().unwrap();
    bad.periods[0].months = vec![6, 13];
    h.state_mut().dispatch.tariff_editor.draft = Some(bad.clone());
    h.run();
    let month =
        "dispatch.tariff.periods[0].months: 13 is not allowed; must be a whole number from 1 to 12";
    h.get_by_label(month);
    assert_eq!(h.state().session.doc, doc);

    // Each message is the file reader's: the same file with the same value is refused with it.
    let dir = temp_dir("tariff-refused");
    for (hours, months, expected) in [
        ((7, 25), vec![], message),
        ((7, 7), vec![], "periods[0].hours: 7 is not allowed"),
        ((7, 23), vec![6, 13], month),
    ] {
        let mut file_doc = doc.clone();
        let period = &mut file_doc.dispatch.tariff.as_mut().unwrap().periods[0];
        period.hours = vec![hours];
        period.months = months;
        let path = dir.join("bad.ron");
        std::fs::write(&path, crate::scenario_io::scenario_to_ron(&file_doc)).unwrap();
        let e = crate::resolve::load_scenario(&path, &PresetLibrary::builtin()).unwrap_err();
        let said = e.localized(Lang::En);
        assert!(said.contains(expected), "{said}");
        let editor = check_tariff(file_doc.dispatch.tariff.as_ref().unwrap()).unwrap_err();
        assert!(said.ends_with(&editor.localized(Lang::En)), "{said}");
    }
    let _ = std::fs::remove_dir_all(&dir);

    // Put right, the tariff is stored again.
    h.state_mut().dispatch.tariff_editor.draft = Some(doc.dispatch.tariff.clone().unwrap());
    h.run();
    type_into(&mut h, Role::SpinButton, t.to, 0, "22");
    assert!(h.query_by_label(t.not_stored).is_none());
    assert_eq!(tariff(&h).unwrap().periods[0].hours, [(7, 22)]);
}

#[test]
fn the_year_offset_and_price_are_checked_as_the_file_reader_checks_them() {
    let mut doc = ScenarioDoc::default();
    doc.dispatch.tariff = Some(TariffExample::Flat.tariff(2025, Lang::En));
    let mut h = dispatch_harness(doc.clone(), Lang::En);
    let t = &strings(Lang::En).editors;
    for (field, typed, said) in [
        (t.year, "1800", "dispatch.tariff.year: 1800 is not allowed"),
        (
            t.utc_offset,
            "900",
            "dispatch.tariff.utc_offset_minutes: 900 is not allowed",
        ),
        (
            t.price,
            "200000",
            "dispatch.tariff.periods[0].price_usd_mwh: 200000 is not allowed",
        ),
    ] {
        h.state_mut().dispatch.tariff_editor.draft = doc.dispatch.tariff.clone();
        h.run();
        type_into(&mut h, Role::SpinButton, field, 0, typed);
        assert!(h.query_by_label_contains(said).is_some(), "{said}");
        assert_eq!(h.state().session.doc, doc);
    }
    // A valid offset is stored, and its clock shown.
    h.state_mut().dispatch.tariff_editor.draft = doc.dispatch.tariff.clone();
    h.run();
    type_into(&mut h, Role::SpinButton, t.utc_offset, 0, "-360");
    assert_eq!(tariff(&h).unwrap().utc_offset_minutes, -360);
    h.get_by_label("UTC\u{2212}06:00");
}

#[test]
fn undo_brings_the_previous_tariff_back() {
    let mut h = dispatch_harness(ScenarioDoc::default(), Lang::En);
    let t = &strings(Lang::En).editors;
    click(&mut h, t.example_texas, 0);
    let example = tariff(&h).expect("the example");
    assert_eq!(example.utc_offset_minutes, -360);
    type_into(&mut h, Role::SpinButton, t.price, 0, "250");
    assert_eq!(tariff(&h).unwrap().periods[0].price_usd_mwh, 250.0);
    // Removing a period and a month toggled off are steps too.
    click(&mut h, "Jun", 0);
    assert_eq!(tariff(&h).unwrap().periods[0].months, [7, 8, 9]);

    let undo = |h: &mut Harness<'_, App>| {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
    };
    undo(&mut h);
    assert_eq!(tariff(&h).unwrap().periods[0].months, [6, 7, 8, 9]);
    undo(&mut h);
    assert_eq!(tariff(&h), Some(example.clone()));
    // The fields show the tariff brought back, not the edit undone.
    assert_eq!(
        h.state().dispatch.tariff_editor.draft,
        Some(example.clone())
    );
    assert_eq!(shown(&h, t.price, 0), Some(300.0));
    undo(&mut h);
    assert_eq!(tariff(&h), None);
    h.get_by_label(t.tariff_none);
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(tariff(&h), Some(example));

    // Another example replaces the tariff; undo brings this one back.
    click(&mut h, t.examples_heading, 0);
    click(&mut h, t.example_flat, 0);
    assert_eq!(tariff(&h).unwrap().periods.len(), 1);
    undo(&mut h);
    assert_eq!(tariff(&h).unwrap().periods[0].price_usd_mwh, 300.0);
    // And so does removing it.
    click(&mut h, t.remove_tariff, 0);
    assert_eq!(tariff(&h), None);
    undo(&mut h);
    assert!(tariff(&h).is_some());
}

#[test]
fn periods_are_reordered_and_removed() {
    let mut doc = ScenarioDoc::default();
    doc.dispatch.tariff = Some(TariffExample::PeakOffPeak.tariff(2025, Lang::En));
    let mut h = dispatch_harness(doc, Lang::En);
    let t = &strings(Lang::En).editors;
    let names = |h: &Harness<'_, App>| -> Vec<String> {
        tariff(h)
            .unwrap()
            .periods
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    click(&mut h, t.move_down, 0);
    assert_eq!(names(&h), ["off-peak", "peak"]);
    click(&mut h, t.move_up, 1);
    assert_eq!(names(&h), ["peak", "off-peak"]);
    click(&mut h, t.remove_period, 0);
    assert_eq!(names(&h), ["off-peak"]);
    // An hour range is added and removed.
    click(&mut h, t.add_hours, 0);
    assert_eq!(tariff(&h).unwrap().periods[0].hours, [(0, 24)]);
    click(&mut h, t.add_hours, 0);
    assert_eq!(tariff(&h).unwrap().periods[0].hours, [(0, 24), (0, 1)]);
    click(&mut h, t.remove, 0);
    assert_eq!(tariff(&h).unwrap().periods[0].hours, [(0, 1)]);
    // The name is typed.
    type_into(&mut h, Role::TextInput, t.name, 0, "night");
    assert_eq!(names(&h), ["night"]);
}

#[test]
fn the_tariff_editor_draws_in_chinese() {
    // The harness panics on a character no bundled font has: drawing is the check.
    let mut h = dispatch_harness(ScenarioDoc::default(), Lang::Zh);
    let t = &strings(Lang::Zh).editors;
    h.get_by_label(t.tariff_none);
    for example in TariffExample::ALL {
        h.get_by_label(example.note(Lang::Zh));
    }
    click(&mut h, t.example_texas, 0);
    let tariff = tariff(&h).unwrap();
    assert_eq!(tariff.periods[0].name, t.period_4cp_window);
    h.get_by_label(t.tariff_rule);
    assert_eq!(h.get_all_by_label("7月").count(), 2);
    assert_eq!(h.get_all_by_label("周五").count(), 2);
    click(&mut h, t.examples_heading, 0);
    click(&mut h, t.add_period, 0);
    // A refused value is said in Chinese, with the file reader's words.
    type_into(&mut h, Role::SpinButton, t.to, 0, "30");
    let said = h
        .state()
        .dispatch
        .tariff_editor
        .problem()
        .unwrap()
        .localized(Lang::Zh);
    assert!(
        said.starts_with("dispatch.tariff.periods[0].hours: "),
        "{said}"
    );
    h.get_by_label(&said);
    h.get_by_label(t.not_stored);
}

#[test]
fn at_1024_by_700_both_editors_fit_the_window_and_nothing_in_them_overlaps() {
    for lang in Lang::ALL {
        let mut doc = ScenarioDoc::default();
        doc.dispatch.tariff = Some(TariffExample::TexasSummerPeak.tariff(2025, lang));
        doc.fleet[0].modes = vec![crate::model::dispatch::PowerMode {
            name: "eco".into(),
            hashrate_ths: 160.0,
            power_w: 2500.0,
        }];
        let session = Session {
            language: LangChoice::Fixed(lang),
            tab: Tab::Dispatch,
            doc,
            ..Session::default()
        };
        let mut h = build(
            session,
            Harness::builder().with_size(egui::vec2(1024.0, 700.0)),
        );
        h.run();
        let t = &strings(lang).editors;
        // The tariff editor, from its heading to its last button, and the modes of the panel.
        let editor = h
            .get_by_label(t.tariff_heading)
            .rect()
            .union(h.get_by_label(t.add_period).rect());
        let modes = h
            .get_by_label(&fill(t.modes_heading, &[("n", "1")]))
            .rect()
            .union(h.get_by_label(t.add_mode).rect());
        // The panel's editor lies left of the tab's.
        let panel_right = editor.left() - 10.0;
        for (region, name) in [(editor, "tariff"), (modes, "modes")] {
            let in_tab = name == "tariff";
            let widgets: Vec<(String, egui::Rect)> = h
                .get_all_by(|n| {
                    matches!(
                        n.role(),
                        Role::Button | Role::SpinButton | Role::TextInput | Role::CheckBox
                    )
                })
                .map(|n| (format!("{:?}", n.accesskit_node().label()), n.rect()))
                .filter(|(_, r)| {
                    r.top() >= region.top() - 1.0
                        && r.bottom() <= region.bottom() + 1.0
                        && (r.left() > panel_right) == in_tab
                })
                .collect();
            let least = if in_tab { 30 } else { 5 };
            assert!(widgets.len() >= least, "{name}: {widgets:?}");
            for (i, (a_name, a)) in widgets.iter().enumerate() {
                assert!(
                    a.right() <= 1024.0,
                    "{lang:?} {name}: {a_name} runs off: {a:?}"
                );
                for (b_name, b) in &widgets[i + 1..] {
                    assert!(
                        !a.shrink(1.0).intersects(b.shrink(1.0)),
                        "{lang:?} {name}: {a_name} {a:?} overlaps {b_name} {b:?}"
                    );
                }
            }
        }
        // Below the editor, the tab's cards wrap into rows within the window too.
        let dispatched = format!("{}: ", strings(lang).dispatch.dispatched);
        let cards: Vec<egui::Rect> = h
            .get_all_by_label_contains(&dispatched)
            .map(|n| n.rect())
            .collect();
        assert_eq!(cards.len(), 4, "{lang:?}");
        for card in cards {
            assert!(card.right() <= 1024.0 - 8.0, "{lang:?}: {card:?}");
        }
    }
}
