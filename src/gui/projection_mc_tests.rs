//! The Projection tab's investment case and Monte Carlo paths, driven headless: the run never
//! holds up a frame, its cards show the core's numbers, and the settings edit the document.

use super::*;
use crate::format;
use crate::model::{Progress, ProjectionSettings, monte_carlo};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn projection_session(settings: ProjectionSettings) -> Session {
    let library = PresetLibrary::builtin();
    let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
    doc.projection = settings;
    Session {
        language: LangChoice::Fixed(Lang::En),
        tab: Tab::Projection,
        doc,
        ..Session::default()
    }
}

fn harness(settings: ProjectionSettings) -> Harness<'static, App> {
    super::test_support::harness(
        projection_session(settings),
        Harness::builder().with_size(egui::vec2(1500.0, 1600.0)),
    )
}

/// Steps frames until the run of the inputs on screen has finished.
fn wait_for_paths(h: &mut Harness<'_, App>) {
    super::test_support::settle(h);
}

fn small() -> ProjectionSettings {
    ProjectionSettings {
        months: 24,
        paths: 300,
        btc_price_growth_pct_per_year: 20.0,
        ..ProjectionSettings::default()
    }
}

#[test]
fn the_cards_show_the_cores_monte_carlo_figures() {
    let settings = small();
    let mut h = harness(settings);
    wait_for_paths(&mut h);
    let computed = h.state().computed.as_ref().unwrap();
    let expected = monte_carlo::monte_carlo(&computed.scenario, &settings, &Progress::new())
        .expect("not cancelled");
    let shown = h.state().monte_carlo.result.clone().expect("a result");
    assert_eq!(*shown, expected);
    h.get_by_label("P(payback within 24 months)");
    h.get_by_label(&format!(
        "{} %",
        format::fixed(expected.payback_probability * 100.0, 1)
    ));
    h.get_by_label("Median NPV");
    h.get_by_label(&format::usd(expected.npv_usd_p50));
    h.get_by_label("300 paths, seed 1");
    // The fan's legend and the payback chart are drawn.
    h.get_by_label("Probability of having paid back");
    assert!(h.query_by_label_contains("Computing").is_none());
}

#[test]
fn a_long_run_never_holds_up_a_frame_and_a_change_replaces_it() {
    let settings = ProjectionSettings {
        months: 240,
        paths: 100_000,
        ..ProjectionSettings::default()
    };
    let mut h = harness(settings);
    // The first frames start the run and draw at once, with its progress.
    let started = std::time::Instant::now();
    h.step();
    h.step();
    assert!(h.state().monte_carlo.result.is_none());
    let (done, total) = h.state().monte_carlo.progress().expect("a run under way");
    assert_eq!(total, 100_000);
    assert!(done < total);
    assert!(h.query_by_label_contains("Computing").is_some());
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    // Fewer paths: the long run is stopped and the short one's result is shown.
    h.state_mut().session.doc.projection.paths = 200;
    wait_for_paths(&mut h);
    assert_eq!(h.state().monte_carlo.result.as_ref().unwrap().paths, 200);
}

#[test]
fn without_volatility_the_median_is_the_deterministic_projection() {
    let mut h = harness(small());
    wait_for_paths(&mut h);
    // Typed into the window's fields, as a person would.
    for label in ["BTC price volatility", "Difficulty volatility"] {
        h.get_by_role_and_label(Role::SpinButton, label).click();
        h.run();
        h.event(egui::Event::Key {
            key: egui::Key::A,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::COMMAND,
        });
        h.event(egui::Event::Text("0".into()));
        h.run();
        h.key_press(egui::Key::Enter);
        h.run();
    }
    let p = h.state().session.doc.projection;
    assert_eq!(
        (
            p.btc_price_volatility_pct_per_year,
            p.difficulty_volatility_pct_per_year
        ),
        (0.0, 0.0)
    );
    wait_for_paths(&mut h);
    let state = h.state();
    let mc = state.monte_carlo.result.clone().unwrap();
    let projection = &state
        .computed
        .as_ref()
        .unwrap()
        .charts
        .projection
        .projection;
    assert_eq!(mc.npv_usd_p50, projection.npv_usd);
    let last = projection.months.last().unwrap().cumulative_cash_flow_usd;
    assert_eq!(mc.cumulative_cash_flow_usd.last().unwrap(), &[last; 5]);
    // The card's value and its deterministic figure are the same number.
    h.get_by_label(&format!(
        "at 10 %/year; deterministic {}",
        format::usd(projection.npv_usd)
    ));
}

#[test]
fn a_new_scenario_takes_the_historys_volatility_and_says_from_when() {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab: Tab::Projection,
        doc: super::history::new_document(),
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1600.0)),
    );
    wait_for_paths(&mut h);
    let trailing = crate::history::builtin_trailing_volatility().unwrap();
    let (price, difficulty) = trailing.projection_pct_per_year();
    let p = h.state().session.doc.projection;
    assert_eq!(
        (
            p.btc_price_volatility_pct_per_year,
            p.difficulty_volatility_pct_per_year
        ),
        (price, difficulty)
    );
    // Not the fixed assumptions: the note names the window the figures come from.
    assert_ne!(price, 60.0);
    h.get_by_label_contains(&format!(
        "BTC price volatility {} %/year and difficulty volatility {} %/year, from the history's monthly means 2023-12 → 2025-12",
        format::fixed(price, 1),
        format::fixed(difficulty, 1)
    ));
}

#[test]
fn hosting_and_a_new_seed_edit_the_document() {
    let mut h = harness(small());
    wait_for_paths(&mut h);
    let site_price = h
        .state()
        .computed
        .as_ref()
        .unwrap()
        .scenario
        .site
        .electricity_usd_per_kwh;
    h.get_by_label("Hosted").click();
    h.run();
    assert_eq!(
        h.state().session.doc.projection.hosting_usd_per_kwh,
        Some(site_price)
    );
    h.get_by_role_and_label(Role::SpinButton, "Hosting price");
    h.get_by_label("New seed").click();
    h.run();
    assert_eq!(h.state().session.doc.projection.seed, 2);
    wait_for_paths(&mut h);
    assert_eq!(h.state().monte_carlo.result.as_ref().unwrap().seed, 2);
    h.get_by_label("300 paths, seed 2");
    // Unticked, the site's own price is back.
    h.get_by_label("Hosted").click();
    h.run();
    assert_eq!(h.state().session.doc.projection.hosting_usd_per_kwh, None);
}
