//! The History tab's MiCA section driven headless: it shows the core's indicators for its
//! period, and changing the period changes the energy shown.

use super::mica::{SectionState, state_id};
use super::*;
use crate::format;
use crate::history::mica::{disclose, last_twelve_months};
use crate::history::{History, Month};
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness(lang: Lang) -> Harness<'static, App> {
    super::test_support::builtin_history_harness(Tab::History, lang)
}

fn section(h: &Harness<'_, App>) -> SectionState {
    h.ctx
        .data(|d| d.get_temp::<SectionState>(state_id()))
        .expect("the section has run")
}

fn energy_text(from: Month, to: Month) -> String {
    let d = disclose(
        &History::builtin(),
        &PresetLibrary::builtin(),
        0.05,
        from,
        to,
    )
    .unwrap();
    format::number(d.energy_twh)
}

#[test]
fn the_section_shows_the_last_twelve_months_and_changing_the_period_changes_the_energy() {
    let mut h = harness(Lang::En);
    let t = &strings(Lang::En).mica;
    let (from, to) = last_twelve_months(&History::builtin());
    let state = section(&h);
    assert_eq!((state.from, state.to), (from, to));
    assert_eq!(state.runs, 1);
    // The codes and the core's energy for the period are on screen.
    for code in ["S.8", "S.10", "S.11", "S.13", "S.14"] {
        h.get_by_label(code);
    }
    h.get_by_label(t.title);
    let before = energy_text(from, to);
    h.get_by_label(&before);
    for _ in 0..3 {
        h.step();
    }
    assert_eq!(section(&h).runs, 1, "idle frames compute nothing");

    // One month later start: eleven months, less energy, said so.
    h.get_by_role_and_label(Role::SpinButton, t.period_from)
        .increment_accesskit();
    h.run();
    let state = section(&h);
    assert_eq!(state.from, from.next());
    assert_eq!(state.runs, 2);
    let after = energy_text(from.next(), to);
    assert_ne!(after, before);
    h.get_by_label(&after);
    assert!(h.query_by_label(&before).is_none());
    h.get_by_label("MiCA asks for 12 months: this period has 11.");

    // Back to the last twelve months, with a click as a user would, after scrolling down.
    h.get_by_label(t.last_12_months).scroll_to_me();
    h.run();
    h.get_by_label(t.last_12_months).click();
    h.run();
    assert_eq!(section(&h).from, from);
    h.get_by_label(&before);
}

#[test]
fn the_section_follows_the_tabs_price() {
    let mut h = harness(Lang::En);
    let s = &strings(Lang::En).history;
    h.get_by_role_and_label(Role::SpinButton, s.price)
        .increment_accesskit();
    h.run();
    let state = section(&h);
    assert_eq!(state.runs, 2);
    let Some(Ok(d)) = &state.result else {
        panic!("computed")
    };
    assert!((d.electricity_usd_per_kwh - 0.051).abs() < 1e-12);
}

#[test]
fn the_section_speaks_chinese() {
    let h = harness(Lang::Zh);
    let t = &strings(Lang::Zh).mica;
    h.get_by_label(t.title);
    h.get_by_label(t.differences_title);
    h.get_by_label(t.energy.label);
}

#[test]
fn an_end_before_the_start_says_so_in_the_windows_language() {
    let mut h = harness(Lang::Zh);
    let t = &strings(Lang::Zh).mica;
    let (from, to) = last_twelve_months(&History::builtin());
    for _ in 0..12 {
        h.get_by_role_and_label(Role::SpinButton, t.period_to)
            .decrement_accesskit();
        h.run();
    }
    let state = section(&h);
    assert_eq!(state.to.index(), to.index() - 12);
    assert!(matches!(state.result, Some(Err(_))));
    h.get_by_label(&format!(
        "结束月 {} 早于起始月 {from}。",
        Month::from_index(to.index() - 12)
    ));
}
