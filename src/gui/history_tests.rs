//! The History and Backtest tabs driven headless: what they show comes from the core's chart
//! data, and changing a setting recomputes it once.

use super::*;
use crate::format;
use crate::history::chart::{BacktestChart, BacktestSettings};
use crate::history::{History, Month};
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use super::test_support::builtin_history_harness as harness;

fn month(s: &str) -> Month {
    Month::parse(s).unwrap()
}

#[test]
fn the_history_tab_shows_the_band_and_cambridges_points() {
    let h = harness(Tab::History, Lang::En);
    let s = &strings(Lang::En).history;
    let chart = h.state().derived.history_chart.get().expect("computed");
    // The whole history at Cambridge's price, by default.
    assert_eq!(chart.settings.usd_per_kwh, 0.05);
    assert_eq!(chart.settings.from, month("2010-07"));
    assert!(chart.energy_twh_per_year.lower.len() > 150);
    assert_eq!(chart.cambridge.len(), 13);
    // The legend names the band, the best guess and Cambridge's points; the eras and events
    // are marked.
    for label in [
        s.band_series,
        s.best_series,
        s.cambridge_series,
        s.co2_series,
    ] {
        h.get_by_label(label);
    }
    h.get_all_by_label(s.china_ban).next().unwrap();
    h.get_all_by_label_contains("China 0.0 %").next().unwrap();
    h.get_all_by_label("Halvings (2012-11, 2016-07, 2020-05, 2024-04)")
        .next()
        .unwrap();
}

#[test]
fn the_history_tab_speaks_chinese() {
    let h = harness(Tab::History, Lang::Zh);
    let s = &strings(Lang::Zh).history;
    h.get_by_label(s.band_series);
    h.get_by_label(s.cambridge_series);
    h.get_by_label(s.title);
}

#[test]
fn changing_the_price_recomputes_once() {
    let mut h = harness(Tab::History, Lang::En);
    let s = &strings(Lang::En).history;
    let runs = |h: &Harness<'_, App>| h.state().derived.history_chart.runs();
    assert_eq!(runs(&h), 1);
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(runs(&h), 1, "idle frames compute nothing");
    let before = h.state().derived.history_chart.get().unwrap().clone();

    h.get_by_role_and_label(Role::SpinButton, s.price)
        .increment_accesskit();
    h.run();
    assert_eq!(runs(&h), 2);
    let after = h.state().derived.history_chart.get().unwrap();
    assert!((after.settings.usd_per_kwh - 0.051).abs() < 1e-12);
    // A dearer price raises the bar: a shorter list of machines, a lower upper bound.
    let upper = |c: &crate::history::chart::HistoryChart| {
        c.view
            .years
            .iter()
            .find(|y| y.year == 2022)
            .unwrap()
            .energy_twh_upper
    };
    assert!(upper(after) <= upper(&before));
    assert_ne!(
        after.shutdown_efficiency_j_per_th,
        before.shutdown_efficiency_j_per_th
    );
    for _ in 0..4 {
        h.step();
    }
    assert_eq!(runs(&h), 2);
    // Another tab and back: nothing recomputed.
    h.state_mut().session.tab = Tab::Mix;
    h.run();
    h.state_mut().session.tab = Tab::History;
    h.run();
    assert_eq!(runs(&h), 2);
}

#[test]
fn the_month_range_narrows_the_view() {
    let mut h = harness(Tab::History, Lang::En);
    let s = &strings(Lang::En).history;
    h.get_by_role_and_label(Role::SpinButton, s.from)
        .increment_accesskit();
    h.run();
    let chart = h.state().derived.history_chart.get().unwrap();
    assert_eq!(chart.settings.from, month("2010-08"));
    assert_eq!(chart.view.months[0].month, month("2010-08"));
    assert_eq!(h.state().derived.history_chart.runs(), 2);
    h.get_by_label(s.whole_history).click();
    h.run();
    let chart = h.state().derived.history_chart.get().unwrap();
    assert_eq!(chart.settings.from, month("2010-07"));
}

#[test]
fn the_backtest_shows_the_payback_month_the_core_computes() {
    let mut h = harness(Tab::Backtest, Lang::En);
    let s = &strings(Lang::En).history;
    let history = History::builtin();
    let settings = BacktestSettings::latest(&history);
    let expected = {
        let Ok(computed) = &h.state().computed else {
            panic!("the default scenario resolves")
        };
        BacktestChart::of(&history, &computed.scenario, settings).unwrap()
    };
    let shown = h.state().derived.backtest.get().unwrap().as_ref().unwrap();
    assert_eq!(shown.backtest, expected.backtest);
    assert_eq!(shown.backtest.months.len(), 36);
    // The payback line and card, and a row per month.
    let summary = &expected.backtest.summary;
    match summary.payback_month {
        Some(m) => {
            h.get_all_by_label(&fill(s.payback, &[("month", &m.to_string())]))
                .next()
                .unwrap();
        }
        None => {
            h.get_by_label(&fill(s.no_payback, &[("month", &settings.to.to_string())]));
        }
    }
    for m in [settings.from, settings.to] {
        h.get_all_by_label(&m.to_string()).next().unwrap();
    }
    h.get_all_by_label(s.cumulative_series).next().unwrap();

    // Starting at the 2020 halving: a different run, computed once.
    let runs = h.state().derived.backtest.runs();
    h.state_mut()
        .queue(Command::SetHistoryView(super::history::HistoryState {
            backtest: Some(BacktestSettings {
                from: month("2020-05"),
                to: month("2024-08"),
            }),
            ..Default::default()
        }));
    h.run();
    assert_eq!(h.state().derived.backtest.runs(), runs + 1);
    let shown = h.state().derived.backtest.get().unwrap().as_ref().unwrap();
    assert_eq!(shown.backtest.months.len(), 52);
    assert_eq!(shown.backtest.months[0].month, month("2020-05"));
}

#[test]
fn a_backtest_past_the_priced_months_says_why() {
    // Every built-in month has a price: the user's history adds 2026-01 without one.
    let (mut h, dir) = with_user_history(
        "unpriced",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n2026-01,1.4e14,4400,3.125,0.02,,\n",
        Tab::Backtest,
        Lang::En,
    );
    let s = &strings(Lang::En).history;
    h.get_by_role_and_label(Role::SpinButton, s.to)
        .increment_accesskit();
    h.run();
    let message = fill(
        s.no_price,
        &[("month", "2026-01"), ("last_priced", "2025-12")],
    );
    h.get_by_label(&message);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_projection_shows_the_historys_growth_and_can_take_it_again() {
    let g = crate::history::builtin_trailing_growth().unwrap();
    let (difficulty, price) = g.projection_pct_per_year();
    // A new scenario starts from the history's growth.
    let doc = super::history::new_document();
    assert_eq!(doc.projection.difficulty_growth_pct_per_year, difficulty);
    assert_eq!(doc.projection.btc_price_growth_pct_per_year, price);

    // A scenario with growth of its own: the Projection tab names the window and sets it.
    let mut h = harness(Tab::Projection, Lang::En);
    let s = &strings(Lang::En).history;
    assert_eq!(
        h.state()
            .session
            .doc
            .projection
            .difficulty_growth_pct_per_year,
        0.0
    );
    let line = fill(
        s.trailing_growth,
        &[
            ("from", "2024-12"),
            ("to", "2025-12"),
            ("difficulty", &format::fixed(difficulty, 1)),
            ("price", &format::fixed(price, 1)),
        ],
    );
    h.get_by_label(&line);
    h.get_by_label(s.use_trailing).click();
    super::test_support::settle(&mut h);
    let p = h.state().session.doc.projection;
    assert_eq!(
        (
            p.difficulty_growth_pct_per_year,
            p.btc_price_growth_pct_per_year
        ),
        (difficulty, price)
    );
    assert!(h.state().is_dirty());
    // The user can still set them.
    h.state_mut()
        .session
        .doc
        .projection
        .btc_price_growth_pct_per_year = 5.0;
    super::test_support::settle(&mut h);
    assert_eq!(
        h.state()
            .session
            .doc
            .projection
            .btc_price_growth_pct_per_year,
        5.0
    );
}

#[test]
fn an_extreme_user_history_is_refused_in_the_windows_language() {
    let (h, dir) = with_user_history(
        "extreme",
        "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs,transactions,note\n2026-01,1,4400,3.125,0.02,1e308,,14000000,x\n",
        Tab::History,
        Lang::Zh,
    );
    let path = dir.join("history").join("network-monthly.csv");
    let error = History::builtin().import_file(&path).unwrap_err();
    assert_eq!(error.line, 2);
    let s = &strings(Lang::Zh).history;
    h.get_by_label(&fill(
        s.unavailable,
        &[("error", &error.localized(Lang::Zh))],
    ));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The window on `tab` in `lang`, its user folder (returned) holding `csv` as the user's
/// history, read as a reload of the presets reads it; settled.
fn with_user_history(
    name: &str,
    csv: &str,
    tab: Tab,
    lang: Lang,
) -> (Harness<'static, App>, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("hashwatt-{name}-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("history")).unwrap();
    std::fs::write(dir.join("history").join("network-monthly.csv"), csv).unwrap();
    let session = Session {
        language: LangChoice::Fixed(lang),
        tab,
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1400.0)),
    );
    h.state_mut().presets_folder = Some(dir.clone());
    h.state_mut().library_generation += 1;
    super::test_support::settle(&mut h);
    (h, dir)
}

#[test]
fn a_hover_label_names_the_nearest_data_point_or_nothing() {
    let label = super::history::hover_label("GW", false);
    let point = egui_plot::PlotPoint::new(2021.375, 12.5);
    let near = egui_plot::HoverPosition::NearDataPoint {
        plot_name: "Best guess",
        position: point,
        index: 3,
    };
    assert_eq!(label(&near).as_deref(), Some("2021-05 · 12.50 GW"));
    // Between points, where none is near: no label at the pointer's own position.
    let elsewhere = egui_plot::HoverPosition::Elsewhere { position: point };
    assert_eq!(label(&elsewhere), None);
}
