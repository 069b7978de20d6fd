//! The hardware panel's power-mode editor driven headless: a mode added and named there is a
//! fleet mode of the dispatch; names and figures the file reader refuses are said with its
//! message and kept out of the document; undo takes a mode back.

use super::tariff_editor_tests::{dispatch_harness, type_into};
use super::*;
use crate::dispatch_doc::check_entry_modes;
use crate::i18n::strings;
use crate::inputs::Input;
use crate::model::dispatch::PowerMode;
use crate::tariff_examples::TariffExample;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn with_tariff() -> ScenarioDoc {
    let mut doc = ScenarioDoc::default();
    doc.dispatch.tariff = Some(TariffExample::PeakOffPeak.tariff(2025, Lang::En));
    doc
}

fn modes(h: &Harness<'_, App>) -> Vec<PowerMode> {
    h.state().session.doc.fleet[0].modes.clone()
}

fn click(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// The hashrate and power fields of the first mode: after the fleet entry's own.
const MODE_FIELD: usize = 1;

#[test]
fn a_mode_added_in_the_hardware_panel_is_a_fleet_mode_of_the_dispatch() {
    let mut h = dispatch_harness(with_tariff(), Lang::En);
    let t = &strings(Lang::En).editors;
    click(&mut h, &fill(t.modes_heading, &[("n", "0")]));
    click(&mut h, t.add_mode);
    // A new mode starts at the machine's own figures.
    let stock = h.state().computed.as_ref().unwrap().scenario.fleet[0].clone();
    assert_eq!(
        modes(&h),
        [PowerMode {
            name: "mode 1".into(),
            hashrate_ths: stock.hashrate_ths,
            power_w: stock.power_w,
        }]
    );
    type_into(&mut h, Role::TextInput, t.mode_name, 0, "eco");
    let hashrate = Input::HashrateThs.label(Lang::En);
    let power = Input::PowerW.label(Lang::En);
    type_into(&mut h, Role::SpinButton, hashrate, MODE_FIELD, "160");
    type_into(&mut h, Role::SpinButton, power, MODE_FIELD, "2500");
    assert_eq!(
        modes(&h),
        [PowerMode {
            name: "eco".into(),
            hashrate_ths: 160.0,
            power_w: 2500.0,
        }]
    );
    // The entry's own figures are untouched.
    assert_eq!(h.state().session.doc.fleet[0].hashrate_ths, None);

    // `fleet_modes` — what the Dispatch tab and `hashwatt dispatch` run — returns it, for every
    // machine of the entry.
    let app = h.state();
    let scenario = &app.computed.as_ref().unwrap().scenario;
    let units = f64::from(scenario.fleet[0].units);
    assert_eq!(
        app.session.doc.fleet_modes(scenario, &app.library).unwrap(),
        [PowerMode {
            name: "eco".into(),
            hashrate_ths: units * 160.0,
            power_w: units * 2500.0,
        }]
    );
    let outcome = app.dispatch.outcome().cloned().expect("a dispatch");
    assert_eq!(outcome.modes, ["eco"]);
    h.get_by_label(&fill(
        strings(Lang::En).dispatch.modes_line,
        &[("names", "eco")],
    ));

    // Saved in the scenario file, and read back the same.
    let text = crate::scenario_io::scenario_to_ron(&h.state().session.doc);
    assert!(text.contains("name: \"eco\""), "{text}");
    let read = crate::scenario_io::parse_scenario("s.ron", &text).unwrap();
    assert_eq!(read.fleet[0].modes, modes(&h));
}

#[test]
fn a_name_or_figure_the_file_reader_refuses_is_said_and_kept_out_of_the_document() {
    let mut doc = with_tariff();
    doc.fleet[0].modes = vec![PowerMode {
        name: "eco".into(),
        hashrate_ths: 160.0,
        power_w: 2500.0,
    }];
    let mut h = dispatch_harness(doc.clone(), Lang::En);
    let t = &strings(Lang::En).editors;
    let power = Input::PowerW.label(Lang::En);
    for (name, power_w, field) in [
        ("stock", "2500", "fleet[0].modes[0].name"),
        ("eco", "0", "fleet[0].modes[0].power_w"),
    ] {
        type_into(&mut h, Role::TextInput, t.mode_name, 0, name);
        type_into(&mut h, Role::SpinButton, power, MODE_FIELD, power_w);
        // What `hashwatt dispatch` says of a file with these modes.
        let mut bad = doc.clone();
        bad.fleet[0].modes[0].name = name.into();
        bad.fleet[0].modes[0].power_w = power_w.parse().unwrap();
        let library = PresetLibrary::builtin();
        let scenario = bad.resolve(&library).unwrap();
        let e = bad.fleet_modes(&scenario, &library).unwrap_err();
        assert_eq!(e.field, field);
        assert_eq!(check_entry_modes(0, &bad.fleet[0].modes), Err(e.clone()));
        h.get_by_label(&e.localized(Lang::En));
        h.get_by_label(t.modes_not_stored);
        assert_eq!(h.state().session.doc, doc, "{name} {power_w}");
    }
    // A second mode of the same name is refused too.
    type_into(&mut h, Role::SpinButton, power, MODE_FIELD, "2400");
    assert_eq!(modes(&h)[0].power_w, 2400.0);
    click(&mut h, t.add_mode);
    type_into(&mut h, Role::TextInput, t.mode_name, 1, "eco");
    assert_eq!(modes(&h).len(), 2);
    assert_eq!(modes(&h)[1].name, "mode 1");
    assert!(
        h.query_by_label_contains("fleet[0].modes[1].name: ")
            .is_some()
    );
}

#[test]
fn undo_takes_an_added_mode_back() {
    let mut h = dispatch_harness(with_tariff(), Lang::En);
    let t = &strings(Lang::En).editors;
    click(&mut h, &fill(t.modes_heading, &[("n", "0")]));
    click(&mut h, t.add_mode);
    assert_eq!(modes(&h).len(), 1);
    click(&mut h, t.add_mode);
    assert_eq!(modes(&h)[1].name, "mode 2");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(modes(&h).len(), 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(modes(&h).is_empty());
    // The panel shows the document's modes again.
    h.get_by_label(&fill(t.modes_heading, &[("n", "0")]));
    assert!(h.query_by_label(t.mode_name).is_none());
}

#[test]
fn the_power_mode_editor_draws_in_chinese() {
    let mut doc = with_tariff();
    doc.fleet[0].modes = vec![PowerMode {
        name: "节能".into(),
        hashrate_ths: 160.0,
        power_w: 2500.0,
    }];
    let mut h = dispatch_harness(doc, Lang::Zh);
    let t = &strings(Lang::Zh).editors;
    h.get_by_label(&fill(t.modes_heading, &[("n", "1")]));
    h.get_by_label(t.modes_intro);
    click(&mut h, t.add_mode);
    assert_eq!(modes(&h)[1].name, "模式 1");
    // A refused name is said in Chinese.
    type_into(&mut h, Role::TextInput, t.mode_name, 1, "off");
    let said = check_entry_modes(0, &{
        let mut m = modes(&h);
        m[1].name = "off".into();
        m
    })
    .unwrap_err()
    .localized(Lang::Zh);
    h.get_by_label(&said);
    h.get_by_label(t.modes_not_stored);
}
