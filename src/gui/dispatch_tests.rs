//! The Dispatch tab driven headless: importing (off the UI thread), the cards, the week view,
//! a bad file, and a tariff from the scenario.

use super::super::test_support::harness as build;
use super::super::*;
use super::DispatchCommand;
use crate::format;
use crate::i18n::strings;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/dispatch/example-prices.csv"
);

fn harness(doc: ScenarioDoc) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab: Tab::Dispatch,
        doc,
        ..Session::default()
    };
    build(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1400.0)),
    )
}

/// Steps until the import in flight has arrived (or a generous time has passed).
fn until_imported(h: &mut Harness<'_, App>) {
    let started = std::time::Instant::now();
    while h.state().dispatch.importing.is_some() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "the import never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
}

fn import(h: &mut Harness<'_, App>, path: &std::path::Path) {
    h.state()
        .queue(Command::Dispatch(DispatchCommand::ImportPath(path.into())));
    h.step();
    until_imported(h);
}

#[test]
fn the_tab_is_reached_from_the_tab_bar_and_says_what_it_needs() {
    let mut h = harness(ScenarioDoc::default());
    h.state_mut().session.tab = Tab::Mix;
    h.run();
    h.get_by_label(strings(Lang::En).dispatch.tab).click();
    h.run();
    assert_eq!(h.state().session.tab, Tab::Dispatch);
    h.get_by_label(strings(Lang::En).dispatch.none_yet);
    assert!(h.state().dispatch.outcome().is_none());
}

#[test]
fn an_imported_series_shows_cards_curves_and_weeks_computed_once() {
    let mut h = harness(ScenarioDoc::default());
    h.run();
    import(&mut h, std::path::Path::new(EXAMPLE));
    let t = &strings(Lang::En).dispatch;
    let outcome = h.state().dispatch.outcome().cloned().expect("a dispatch");
    assert_eq!(outcome.series.len(), 48);
    assert_eq!(h.state().dispatch.runs, 1);
    // The cards say always-on and dispatched for each figure, with the engine's numbers.
    let profit = format!(
        "{}: {}",
        t.dispatched,
        format::usd(outcome.dispatch.summary.profit_usd)
    );
    h.get_by_label(&profit);
    let always = format!(
        "{}: {}",
        t.always_on,
        format::usd(outcome.dispatch.summary.profit_always_on_usd)
    );
    h.get_by_label(&always);
    // The curve is the steps dearest first.
    let costs: Vec<f64> = outcome
        .curve
        .points
        .iter()
        .map(|p| p.cost_usd_per_mwh)
        .collect();
    assert!(costs.windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(costs[0], 1850.0);
    assert!(!outcome.curve.points[0].mined, "the spike is not mined");
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(h.state().dispatch.runs, 1, "idle frames compute nothing");

    // Two days make one week: no next week to go to.
    assert!(h.state().dispatch.week == 0);
    // A credit typed into the document recomputes once, and is paid.
    h.state_mut().session.doc.dispatch.credit_usd_per_mwh = 30.0;
    h.run();
    assert_eq!(h.state().dispatch.runs, 2);
    let credited = h
        .state()
        .dispatch
        .outcome()
        .unwrap()
        .dispatch
        .summary
        .clone();
    assert!(credited.credits_usd > 0.0);
    let gained = credited.profit_usd - outcome.dispatch.summary.profit_usd;
    assert!((gained - credited.credits_usd).abs() < 1e-9, "{gained}");

    // Back to the tariff: the scenario has none.
    h.get_by_label(t.use_tariff).click();
    h.run();
    assert!(h.state().dispatch.imported.is_none());
    h.get_by_label(t.none_yet);
}

#[test]
fn a_five_minute_year_is_read_without_stalling_a_frame() {
    let dir = std::env::temp_dir().join(format!("hashwatt-dispatch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("five-minutes.csv");
    let mut text = String::from("timestamp,price_usd_mwh\n");
    let start = 1_704_067_200i64;
    for i in 0..105_120i64 {
        let t = crate::model::dispatch::format_timestamp(start + i * 300, 0);
        text.push_str(&format!("{t},{}\n", 20 + (i * 37) % 90));
    }
    std::fs::write(&path, text).unwrap();

    let mut h = harness(ScenarioDoc::default());
    h.run();
    h.state()
        .queue(Command::Dispatch(DispatchCommand::ImportPath(path.clone())));
    // The frame that takes the command only starts the reading thread; the next frames draw
    // the "reading" line while the file is parsed elsewhere.
    h.step();
    assert!(h.state().dispatch.importing.is_some());
    assert!(h.state().dispatch.imported.is_none());
    h.step();
    until_imported(&mut h);
    let outcome = h.state().dispatch.outcome().cloned().expect("a dispatch");
    assert_eq!(outcome.series.len(), 105_120);
    assert_eq!(outcome.series.step_minutes, 5);
    assert!(outcome.curve.points.len() <= crate::chart_data::dispatch::CURVE_POINTS);
    // 52 weeks and a day: the week view walks forward.
    let t = &strings(Lang::En).dispatch;
    h.get_by_label(t.next_week).click();
    h.run();
    assert_eq!(h.state().dispatch.week, 1);
    h.get_by_label(&fill(t.week_of, &[("date", "2024-01-08")]));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_series_is_named_with_its_file_and_line() {
    let dir = std::env::temp_dir().join(format!("hashwatt-dispatch-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("gap.csv");
    std::fs::write(
        &path,
        "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,1\n2024-01-01T03:00Z,1\n",
    )
    .unwrap();
    let mut h = harness(ScenarioDoc::default());
    h.run();
    import(&mut h, &path);
    let error = h.state().dispatch.error.clone().expect("an error");
    assert!(
        error.starts_with(&format!("{}:4:1: timestamp:", path.display())),
        "{error}"
    );
    h.get_by_label(&error);
    assert!(h.state().dispatch.imported.is_none());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_scenarios_tariff_is_dispatched_without_an_import() {
    let mut doc = ScenarioDoc::default();
    doc.dispatch.tariff = Some(crate::model::tariff::Tariff {
        year: 2025,
        utc_offset_minutes: 0,
        periods: vec![crate::model::tariff::TariffPeriod {
            hours: vec![(17, 21)],
            price_usd_mwh: 5000.0,
            ..Default::default()
        }],
    });
    let mut h = harness(doc);
    h.run();
    let outcome = h.state().dispatch.outcome().cloned().expect("a dispatch");
    assert_eq!(outcome.series.len(), 8760);
    // The four dear hours a day are off, whatever the site's flat price.
    let s = &outcome.dispatch.summary;
    assert!(s.hours - s.hours_mined >= 365.0 * 4.0);
    h.get_by_label(&fill(
        strings(Lang::En).dispatch.tariff_line,
        &[("year", "2025"), ("periods", "1")],
    ));
}

#[test]
fn a_saved_session_out_of_range_is_brought_back_and_said() {
    let mut session = Session::default();
    let d = &mut session.doc.dispatch;
    d.credit_usd_per_mwh = -5.0;
    d.min_run_steps = 1_000_000;
    d.tariff = Some(crate::model::tariff::Tariff {
        year: 2025,
        utc_offset_minutes: 0,
        periods: vec![crate::model::tariff::TariffPeriod {
            months: vec![13],
            price_usd_mwh: 50.0,
            ..Default::default()
        }],
    });
    let changed = crate::gui::saved_session::clamp_session(&mut session);
    assert_eq!(
        changed,
        [
            "dispatch.credit_usd_per_mwh",
            "dispatch.min_run_steps",
            "dispatch.tariff.periods[0].months"
        ]
    );
    let d = &session.doc.dispatch;
    assert_eq!(d.credit_usd_per_mwh, 0.0);
    assert_eq!(d.min_run_steps, 100_000);
    assert!(d.tariff.is_none());
}
