//! The window driven as a user would, headless, through egui_kittest and the accessibility tree.

use super::files::{DialogPurpose, DialogReply, Dialogs};
use super::*;
use crate::export::ChartKind;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// Answers file dialogs from a queue, and records what was asked.
#[derive(Clone, Default)]
struct FakeDialogs {
    answers: Rc<RefCell<VecDeque<Option<PathBuf>>>>,
    asked: Rc<RefCell<Vec<DialogPurpose>>>,
}

impl FakeDialogs {
    fn answer(&self, path: Option<PathBuf>) {
        self.answers.borrow_mut().push_back(path);
    }
}

impl Dialogs for FakeDialogs {
    fn ask(
        &mut self,
        request: super::files::DialogRequest,
        ctx: egui::Context,
    ) -> super::job::Job<DialogReply> {
        let purpose = request.purpose;
        self.asked.borrow_mut().push(purpose);
        let path = self.answers.borrow_mut().pop_front().flatten();
        ctx.request_repaint();
        super::job::Job::ready(DialogReply {
            purpose,
            path,
            unavailable: false,
        })
    }
}

fn harness_with(session: Session, dialogs: FakeDialogs) -> Harness<'static, App> {
    harness_sized(session, dialogs, egui::vec2(1500.0, 1100.0))
}

fn harness_sized(
    session: Session,
    dialogs: FakeDialogs,
    size: egui::Vec2,
) -> Harness<'static, App> {
    let app = App::with_session(session, PresetLibrary::builtin(), Box::new(dialogs));
    Harness::builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app)
}

/// A session in English, whatever the machine's language.
/// English, every result card shown (the tests read them).
fn english() -> Session {
    Session {
        language: LangChoice::Fixed(Lang::En),
        all_figures: true,
        ..Session::default()
    }
}

fn harness() -> (Harness<'static, App>, FakeDialogs) {
    let dialogs = FakeDialogs::default();
    (harness_with(english(), dialogs.clone()), dialogs)
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-gui-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn evaluation(h: &Harness<'_, App>) -> crate::model::Evaluation {
    h.state()
        .computed
        .as_ref()
        .expect("the scenario resolves")
        .evaluation
        .clone()
}

#[test]
fn picking_a_region_changes_the_intensity_card() {
    let (mut h, _) = harness();
    h.run();
    assert!(
        h.query_by_label("472.9 g CO₂e/kWh").is_some(),
        "world average at start"
    );
    h.get_by_label("Region").click();
    h.run();
    // Two hundred countries: typing finds one.
    h.event(egui::Event::Text("kazakh".into()));
    h.run();
    h.get_by_label_contains("Kazakhstan").click();
    h.run();
    assert_eq!(
        h.state().session.doc.site.region.as_deref(),
        Some("kazakhstan")
    );
    assert_eq!(evaluation(&h).grid_intensity_g_per_kwh, 802.0);
    assert!(
        h.query_by_label("802.0 g CO₂e/kWh").is_some(),
        "the card shows Kazakhstan's intensity"
    );
}

#[test]
fn changing_units_changes_power_draw() {
    let (mut h, _) = harness();
    h.run();
    assert!(h.query_by_label("3.850 kW").is_some());
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(10.0);
    h.run();
    assert_eq!(h.state().session.doc.fleet[0].units, 10);
    assert!((evaluation(&h).power_kw - 38.5).abs() < 1e-9);
    assert!(
        h.query_by_label("38.50 kW").is_some(),
        "the power card follows"
    );
}

#[test]
fn editing_one_mix_source_keeps_the_total_at_100() {
    let (mut h, _) = harness();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Coal")
        .set_value_accesskit(60.0);
    h.run();
    let mix = h
        .state()
        .session
        .doc
        .site
        .mix
        .expect("the mix is now custom");
    assert!((mix.coal - 60.0).abs() < 1e-9);
    assert!(
        (mix.total_pct() - 100.0).abs() < 1e-9,
        "{}",
        mix.total_pct()
    );
    // The others gave up their shares in proportion: the world's gas 21.784 of the non-coal
    // 67.042 % (Ember 2025).
    assert!(
        (mix.gas - 21.784 * 40.0 / 67.042).abs() < 1e-6,
        "{}",
        mix.gas
    );
    assert!(
        h.query_by_label("custom").is_some(),
        "the mix is marked custom"
    );
    assert_eq!(evaluation(&h).intensity_method, IntensityMethod::Mix);
    assert!(
        h.query_by_label("100.0 %").is_some(),
        "the total row reads 100 %"
    );

    h.get_by_label("Reset to the region's mix").click();
    h.run();
    assert_eq!(h.state().session.doc.site.mix, None);
}

use crate::model::IntensityMethod;

#[test]
fn regions_chart_lists_every_region() {
    let (mut h, _) = harness();
    h.run();
    super::test_support::open_view(&mut h, Tab::Regions);
    assert_eq!(h.state().session.tab, Tab::Regions);
    let library = PresetLibrary::builtin();
    let computed = h.state().computed.as_ref().unwrap();
    let ids: Vec<&str> = computed
        .charts
        .regions
        .rows
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    // Every region with a power price; the country table's ask for the user's own.
    let priced: Vec<_> = library
        .regions()
        .filter(|r| r.electricity_price_usd_per_kwh.is_some())
        .collect();
    for region in &priced {
        assert!(ids.contains(&region.id.as_str()), "{} missing", region.id);
    }
    assert_eq!(ids.len(), priced.len());
    // Switching the metric re-sorts the same rows.
    h.get_by_label("CO₂ per BTC (t)").click();
    h.run();
    assert_eq!(h.state().session.region_metric, RegionMetric::Co2PerBtc);
}

#[test]
fn save_then_open_round_trips_a_scenario() {
    let (mut h, dialogs) = harness();
    let path = temp_dir("roundtrip").join("site.ron");
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(25.0);
    h.run();
    assert!(h.state().is_dirty());
    assert!(
        h.state().window_title().contains('•'),
        "{}",
        h.state().window_title()
    );

    dialogs.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert_eq!(dialogs.asked.borrow().as_slice(), [DialogPurpose::SaveAs]);
    assert!(path.exists(), "saved");
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().session.path.as_deref(), Some(path.as_path()));
    let saved = h.state().session.doc.clone();

    // Change something, then open the saved file: asked first, then the file's inputs return.
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(3.0);
    h.run();
    dialogs.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert!(h.state().confirm.is_some(), "unsaved changes: asked first");
    h.get_by_label("Don't save").click();
    h.run();
    assert_eq!(h.state().session.doc, saved);
    assert_eq!(h.state().session.doc.fleet[0].units, 25);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().session.recent.first(), Some(&path));
}

#[test]
fn opening_a_malformed_file_shows_a_banner_and_keeps_the_inputs() {
    let (mut h, dialogs) = harness();
    let path = temp_dir("malformed").join("broken.ron");
    std::fs::write(&path, "(\n    site: (\n        pue: 0.5,\n    ),\n)\n").unwrap();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(7.0);
    h.run();
    let before = h.state().session.doc.clone();
    // Save first so that opening does not ask about unsaved changes.
    let good = path.with_file_name("good.ron");
    dialogs.answer(Some(good));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    dialogs.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert!(banner.error);
    let expected = format!(
        "Could not open the file: {}:3:9: site.pue: 0.5 is not allowed; must be a number from 1 to 5. Your current inputs are unchanged.",
        path.display()
    );
    assert_eq!(banner.text, expected);
    assert!(
        h.query_by_label(&expected).is_some(),
        "the banner is on screen"
    );
    assert_eq!(h.state().session.doc, before);
}

#[test]
fn the_session_survives_a_restart() {
    let mut session = Session {
        tab: Tab::Hardware,
        ..english()
    };
    session.doc.site.region = Some("quebec".into());
    let text = ron::to_string(&session).unwrap();
    let restored: Session = ron::from_str(&text).unwrap();
    assert_eq!(restored, session);
    let mut h = harness_with(restored, FakeDialogs::default());
    h.run();
    assert_eq!(evaluation(&h).grid_intensity_g_per_kwh, 35.0);
}

#[test]
fn every_chart_tab_exports_the_view_it_shows() {
    let (mut h, dialogs) = harness();
    let dir = temp_dir("export-views");
    h.run();
    let t = crate::i18n::strings(Lang::En);
    // Compare draws the pins: pin the open scenario first.
    h.state_mut().session.tab = Tab::Compare;
    h.run();
    h.get_by_label(t.app.pin_current).click();
    h.run();
    for (tab, kind, words) in [
        (
            Tab::Compare,
            ChartKind::Compare,
            t.results.break_even_btc_price_usd.label,
        ),
        (
            Tab::Sensitivity,
            ChartKind::Sensitivity,
            t.sensitivity.difficulty_map_title,
        ),
        (Tab::Network, ChartKind::Network, t.network.bounds_title),
    ] {
        h.state_mut().session.tab = tab;
        h.run();
        let path = dir.join(format!("{}.svg", kind.cli_name()));
        dialogs.answer(Some(path.clone()));
        h.get_by_label("Export SVG…").click();
        h.run();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert!(text.contains(words), "{kind:?} lacks {words}");
        // An untitled scenario's chart is titled by its region and fleet; the network's chart
        // is not the scenario's. (The Compare chart names its pins, this scenario among them.)
        if kind != ChartKind::Compare {
            assert_eq!(
                text.contains("World average · 1 × Antminer S21"),
                kind.is_about_the_scenario(),
                "{kind:?}"
            );
        }
        assert_eq!(h.state().banner.as_ref().map(|b| b.error), Some(false));
    }
}

/// The History, Backtest and Dispatch tabs export their charts with the same buttons and file
/// names as the other tabs; clicking writes the file.
#[test]
fn the_history_backtest_and_dispatch_tabs_export_their_charts() {
    let (mut h, dialogs) = harness();
    // No user folder: the built-in history only.
    h.state_mut().presets_folder = None;
    let dir = temp_dir("export-history");
    h.run();
    let t = crate::i18n::strings(Lang::En);
    super::test_support::open_view(&mut h, Tab::History);
    assert_eq!(h.state().session.tab, Tab::History);
    assert!(h.state().derived.history_chart.get().is_some());
    let png = dir.join("history.png");
    dialogs.answer(Some(png.clone()));
    h.get_by_label("Export PNG…").click();
    h.run();
    let purpose = DialogPurpose::ExportChart(ChartKind::History, crate::export::ImageFormat::Png);
    assert_eq!(dialogs.asked.borrow().last(), Some(&purpose));
    assert_eq!(purpose.suggested_name("texas-s21"), "texas-s21-history.png");
    let bytes = std::fs::read(&png).expect("the History PNG is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(h.state().banner.as_ref().map(|b| b.error), Some(false));
    let svg = dir.join("history.svg");
    dialogs.answer(Some(svg.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the History SVG is written");
    assert!(text.contains(t.history.title) && text.contains(t.history.energy_axis));
    // The History is about the network: its title names no scenario.
    assert!(!text.contains("Antminer S21"));
    assert!(!text.contains(t.history.power_title));
    // Showing power, the export draws power too.
    h.get_by_label(t.history.show_power).click();
    h.run();
    let svg = dir.join("history-power.svg");
    dialogs.answer(Some(svg.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the History SVG is written");
    assert!(text.contains(t.history.power_title));
    assert!(!text.contains(t.history.energy_title));

    super::test_support::open_view(&mut h, Tab::Backtest);
    let svg = dir.join("backtest.svg");
    dialogs.answer(Some(svg.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the Backtest SVG is written");
    assert!(text.contains(t.history.cumulative_series));
    assert!(text.contains("World average · 1 × Antminer S21"));

    // The Dispatch tab exports once it has a dispatch to draw; before, the banner says what
    // it needs and nothing is written.
    super::test_support::open_view(&mut h, Tab::Dispatch);
    let early = dir.join("dispatch-early.svg");
    dialogs.answer(Some(early.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    assert!(!early.exists());
    assert_eq!(h.state().banner.as_ref().map(|b| b.error), Some(true));
    // Said twice: in the tab, and in the banner.
    assert_eq!(h.get_all_by_label_contains(t.dispatch.none_yet).count(), 2);
    let prices = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/dispatch/example-prices.csv"
    );
    h.state().queue(Command::Dispatch(
        super::dispatch::DispatchCommand::ImportPath(prices.into()),
    ));
    h.step();
    let started = std::time::Instant::now();
    while h.state().dispatch.importing.is_some() {
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run();
    let svg = dir.join("dispatch.svg");
    dialogs.answer(Some(svg.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the Dispatch SVG is written");
    assert!(text.contains(t.dispatch.duration_title));
    assert_eq!(h.state().banner.as_ref().map(|b| b.error), Some(false));
}

#[test]
fn nothing_repaints_while_idle() {
    let (mut h, _) = harness();
    h.run();
    // After settling, a frame with no input asks for no further frame.
    let steps = h.run();
    assert!(steps <= 1, "{steps} steps while idle");
}

#[test]
fn exporting_the_open_chart_writes_a_png_and_an_svg() {
    let (mut h, dialogs) = harness();
    let dir = temp_dir("export");
    h.run();
    // "Hardware" names both the input section (left) and the chart tab (right).
    h.get_all_by_label("Hardware")
        .max_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .unwrap()
        .click();
    h.run();
    assert_eq!(h.state().session.tab, Tab::Hardware);
    let png = dir.join("hardware.png");
    dialogs.answer(Some(png.clone()));
    h.get_by_label("Export PNG…").click();
    h.run();
    assert_eq!(
        dialogs.asked.borrow().last(),
        Some(&DialogPurpose::ExportChart(
            crate::export::ChartKind::Hardware,
            crate::export::ImageFormat::Png
        ))
    );
    let bytes = std::fs::read(&png).expect("the PNG is written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(h.state().banner.as_ref().map(|b| b.error), Some(false));

    let svg = dir.join("hardware.svg");
    dialogs.answer(Some(svg.clone()));
    h.get_by_label("Export SVG…").click();
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the SVG is written");
    assert!(
        text.contains("Antminer S21"),
        "the fleet's miner is named in the chart"
    );
}

#[test]
fn a_cancelled_dialog_changes_nothing() {
    let (mut h, dialogs) = harness();
    h.run();
    let before = h.state().session.clone();
    dialogs.answer(None);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    assert_eq!(h.state().session, before);
    assert!(h.state().banner.is_none());
    assert!(h.state().path_field.is_none());
}

#[test]
fn pinned_scenarios_are_compared_and_the_best_marked() {
    let (mut h, dialogs) = harness();
    h.run();
    super::test_support::open_view(&mut h, Tab::Compare);
    assert_eq!(h.state().session.tab, Tab::Compare);
    h.get_by_label("Pin this scenario").click();
    h.run();
    // Move the same fleet to Québec and pin again.
    h.state_mut().queue(Command::SetRegion("quebec".into()));
    h.run();
    h.get_by_label("Pin this scenario").click();
    h.run();
    // And a file from disk.
    let kz = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("presets/scenarios/kazakhstan-coal-2021.ron");
    dialogs.answer(Some(kz));
    h.get_by_label("Add scenario files…").click();
    h.run();
    let pinned = &h.state().session.pinned;
    assert_eq!(pinned.len(), 3);
    assert_eq!(
        pinned[2].name,
        "Kazakhstan coal, after the China ban (2021)"
    );
    assert!(h.query_by_label("3 of 8 pinned").is_some());
    // The table lists every figure; Québec has the least CO₂ per BTC of the three.
    let evaluations: Vec<_> = pinned
        .iter()
        .map(|p| crate::model::evaluate(&p.doc.resolve(&h.state().library).unwrap()))
        .collect();
    let rows = crate::compare::table(&evaluations);
    let co2 = rows.iter().find(|r| r.key == "co2_t_per_btc").unwrap();
    assert_eq!(co2.best, [1]);
    // Each figure has a row in the table (a card may carry the same name).
    for figure in
        crate::figures::Figure::of_group(crate::figures::Group::Contract).map(|f| f.words(Lang::En))
    {
        assert!(
            h.query_all_by_label(figure.label).count() >= 1,
            "{}",
            figure.label
        );
    }
    // Removing one leaves the others.
    h.get_all_by_label("×").next().unwrap().click();
    h.run();
    assert_eq!(h.state().session.pinned.len(), 2);
}

#[test]
fn ranking_moves_the_fleet_to_the_chosen_region() {
    let (mut h, _) = harness();
    h.run();
    super::test_support::open_view(&mut h, Tab::Compare);
    assert!(h.query_by_label("Where should this fleet go?").is_some());
    h.get_all_by_label("Move here")
        .next()
        .expect("a ranked region")
        .click();
    h.run();
    let ranked_first = {
        let app = h.state();
        let rows = &app.computed.as_ref().unwrap().charts.regions.rows;
        crate::compare::rank_regions(rows, app.session.rank_by, None)[0]
            .id
            .clone()
    };
    assert_eq!(
        h.state().session.doc.site.region.as_deref(),
        Some(ranked_first.as_str())
    );
}

#[test]
fn switching_on_flared_gas_adds_the_counterfactual_card() {
    // Tall enough that the levers section, last in the inputs, is on screen.
    let mut h = harness_sized(
        english(),
        FakeDialogs::default(),
        egui::vec2(1500.0, 2200.0),
    );
    h.run();
    h.get_by_label("Policy and site levers").click();
    h.run();
    h.get_by_label("Flared gas (off grid)").click();
    h.run();
    assert!(h.state().session.doc.levers.flared_gas.is_some());
    let e = evaluation(&h);
    assert_eq!(e.grid_intensity_g_per_kwh, 490.0);
    assert!(e.flaring_avoided_co2_t_per_year.unwrap() > 0.0);
    assert!(h.query_by_label("a counterfactual, not netted").is_some());
}

#[test]
fn the_network_tab_shows_the_three_bounds_and_takes_a_given_efficiency() {
    let (mut h, _) = harness();
    h.run();
    super::test_support::open_view(&mut h, Tab::Network);
    assert_eq!(h.state().session.tab, Tab::Network);
    for label in [
        "Lower bound",
        "Best guess",
        "Upper bound",
        "The migration out of China",
    ] {
        assert!(h.query_by_label(label).is_some(), "{label} missing");
    }
    // The newest snapshot (2025-12) at Cambridge's $0.05/kWh: the History's basket and method
    // at the snapshot's month.
    let library = PresetLibrary::builtin();
    let market = crate::network_data::MarketFigures::of_preset(library.newest_market().unwrap());
    let band = crate::history::cbeci::band(
        crate::history::basket::builtin_entries(),
        &market.market_month().unwrap(),
        0.05,
    );
    let count = band.efficiencies.unwrap().machines;
    assert!(count > 10, "{count}");
    let shown = format!(
        "Best guess: {count} profitable machines of the history's basket released 2020-12 to 2025-11"
    );
    assert!(h.query_by_label_contains(&shown).is_some(), "{shown}");
    // A given efficiency replaces the basket: 28.2 J/TH × 1.10.
    h.get_by_label("given").click();
    h.run();
    assert!(
        h.query_by_label("Best guess: the efficiency given.")
            .is_some()
    );
    assert!(h.query_by_label_contains("28.20").is_some());
}

#[test]
fn the_language_menu_switches_to_chinese_and_back() {
    let (mut h, _) = harness();
    h.run();
    h.get_by_label("Inputs").click();
    h.get_by_label("Language · 语言").click();
    h.run();
    h.get_by_label("简体中文").click();
    h.run();
    assert_eq!(h.state().session.language, LangChoice::Fixed(Lang::Zh));
    // The panels now speak Chinese; the numbers are the same.
    h.get_by_label("输入");
    h.get_by_label("站点");
    assert!(h.query_by_label("Inputs").is_none());

    h.get_by_label("语言 · Language").click();
    h.run();
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().session.language, LangChoice::Fixed(Lang::En));
    h.get_by_label("Inputs");
}

#[test]
fn every_tab_draws_in_chinese_without_a_missing_glyph() {
    // The harness panics on a character no font has, so drawing each view is the check.
    for tab in [
        Tab::Mix,
        Tab::Regions,
        Tab::BreakEven,
        Tab::Projection,
        Tab::Hardware,
        Tab::Compare,
        Tab::Sensitivity,
        Tab::Network,
        Tab::History,
        Tab::Map,
        Tab::Backtest,
        Tab::Dispatch,
    ] {
        let session = Session {
            language: LangChoice::Fixed(Lang::Zh),
            tab,
            all_figures: true,
            ..Session::default()
        };
        let mut h = harness_with(session, FakeDialogs::default());
        super::test_support::settle(&mut h);
        // The site's inputs beside every view but the Network workspace's.
        let site = super::workspace::Workspace::of(tab).shows_site();
        assert_eq!(h.query_by_label("输入").is_some(), site, "{tab:?}");
        h.get_by_role_and_label(
            egui::accesskit::Role::Button,
            super::views::tab_label(tab, crate::i18n::strings(Lang::Zh)),
        );
    }
}

#[test]
fn the_chosen_language_is_remembered_in_the_session() {
    let session = Session {
        language: LangChoice::Fixed(Lang::Zh),
        ..Session::default()
    };
    let text = ron::to_string(&session).expect("serializes");
    let back: Session = ron::from_str(&text).expect("parses");
    assert_eq!(back.language, LangChoice::Fixed(Lang::Zh));
    assert_eq!(back.lang(), Lang::Zh);
    // A session saved before the choice existed follows the system.
    let old: Session = ron::from_str("(lang: En)").expect("old session parses");
    assert_eq!(old.language, LangChoice::System);
}

#[test]
fn a_failed_save_says_why_and_keeps_the_unsaved_inputs() {
    let (mut h, dialogs) = harness();
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(9.0);
    h.run();
    let edited = h.state().session.doc.clone();
    let nowhere = temp_dir("failed-save")
        .join("no-such-folder")
        .join("site.ron");
    dialogs.answer(Some(nowhere.clone()));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert!(banner.error);
    assert!(
        banner
            .text
            .starts_with(&format!("Could not save: {}: ", nowhere.display())),
        "{}",
        banner.text
    );
    assert!(!nowhere.exists());
    assert_eq!(h.state().session.doc, edited);
    assert!(h.state().is_dirty(), "still unsaved");
    assert_eq!(h.state().session.path, None);
}

#[test]
fn a_version_1_file_opens_migrated_says_so_and_is_unsaved() {
    let (mut h, dialogs) = harness();
    let path = temp_dir("migrate").join("old.ron");
    std::fs::write(
        &path,
        "(version: 1, site: (region: \"iceland\", emission_factors: \"real-fleet\"))",
    )
    .unwrap();
    h.run();
    dialogs.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert!(!banner.error);
    assert_eq!(
        banner.text,
        format!(
            "{}: migrated from format version 1 to 4 (`site.emission_factors` is now \
             `emission_table`; `projection` gained the investment and uncertainty settings, at \
             their defaults); saving writes version 4. Save to keep the file in the new format.",
            path.display()
        )
    );
    let state = h.state();
    assert_eq!(state.session.doc.site.emission_table, "real-fleet");
    assert_eq!(state.session.doc.version, 4);
    assert!(state.is_dirty(), "the file on disk is still version 1");
}

#[test]
fn in_chinese_a_bad_file_is_reported_in_chinese() {
    let session = Session {
        language: LangChoice::Fixed(Lang::Zh),
        all_figures: true,
        ..Session::default()
    };
    let mut h = harness_with(session, FakeDialogs::default());
    let path = temp_dir("bad-zh").join("bad.ron");
    std::fs::write(&path, "(\n    site: (\n        pue: 0.5,\n    ),\n)\n").unwrap();
    h.run();
    h.state_mut().open_path(&path);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert!(
        banner.text.contains(&format!(
            "{}:3:9: site.pue: 不允许 0.5；必须是 1 到 5 之间的数",
            path.display()
        )),
        "{}",
        banner.text
    );
}

#[test]
fn a_saved_session_set_aside_is_reported() {
    let (mut h, _) = harness();
    h.run();
    let aside = saved_session::SetAside {
        moved_to: PathBuf::from("/data/app.ron.unreadable-2026-11-21T101500"),
        error: super::saved_session::Unreadable::Syntax("1:1: Unexpected end of RON".into()),
    };
    h.state_mut().report_set_aside(&aside);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert_eq!(
        banner.text,
        "The saved session could not be read (1:1: Unexpected end of RON). It was moved to \
         /data/app.ron.unreadable-2026-11-21T101500 and the app started with defaults."
    );
    assert!(h.query_by_label(&banner.text).is_some(), "on screen");
}

#[test]
fn a_saved_session_set_aside_is_reported_in_chinese() {
    let (mut h, _) = harness();
    h.state_mut().session.language = LangChoice::Fixed(Lang::Zh);
    h.run();
    let aside = saved_session::SetAside {
        moved_to: PathBuf::from("/data/app.ron.unreadable-t"),
        error: super::saved_session::Unreadable::Zoom(0.0),
    };
    h.state_mut().report_set_aside(&aside);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert_eq!(
        banner.text,
        "无法读取上次保存的会话（窗口状态（egui）：缩放比例 0 不在 0.2 到 5 之间）。\
         该文件已移至 /data/app.ron.unreadable-t，程序以默认设置启动。"
    );
}

#[test]
fn saving_a_preset_over_an_existing_one_asks_first() {
    let (mut h, _) = harness();
    let folder = temp_dir("replace-preset");
    let _ = std::fs::remove_dir_all(&folder);
    h.state_mut().presets_folder = Some(folder.clone());
    h.run();
    let save = |h: &mut Harness<'static, App>| {
        h.get_by_label("Save this site as a region preset…").click();
        h.run();
        h.get_by_label("Save preset").click();
        h.run();
    };
    save(&mut h);
    let path = folder.join("regions/world-average-my-site.ron");
    let first = std::fs::read_to_string(&path).expect("the first save writes the preset");
    assert!(h.query_by_label("Replace the preset?").is_none());

    // The same name again, with another price: the question comes, and Cancel keeps the file.
    h.state_mut().session.doc.site.electricity_usd_per_kwh = Some(0.123);
    h.run();
    save(&mut h);
    assert!(h.query_by_label("Replace the preset?").is_some());
    assert!(
        h.query_by_label(&format!(
            "A preset with the id world-average-my-site already exists ({}). Replace it?",
            path.display()
        ))
        .is_some()
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Replace the preset?").is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    // Asked again and answered Replace, it is written.
    save(&mut h);
    h.get_by_label("Replace").click();
    h.run();
    let replaced = std::fs::read_to_string(&path).unwrap();
    assert_ne!(replaced, first);
    assert!(replaced.contains("0.123"), "{replaced}");
    assert!(h.state().banner.as_ref().is_some_and(|b| !b.error));
}

#[test]
fn saving_a_miner_preset_over_an_existing_one_asks_first() {
    let (mut h, _) = harness();
    let folder = temp_dir("replace-miner-preset");
    let _ = std::fs::remove_dir_all(&folder);
    h.state_mut().presets_folder = Some(folder.clone());
    h.run();
    let path = folder.join("miners/antminer-s21-mine.ron");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "kept").unwrap();
    h.get_by_label("Save as a miner preset…").click();
    h.run();
    h.get_by_label("Save preset").click();
    h.run();
    assert!(h.query_by_label("Replace the preset?").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kept");
    assert_eq!(
        h.state().session.doc.fleet[0].miner.as_deref(),
        Some("antminer-s21"),
        "the fleet is left as it was"
    );
}

#[test]
fn a_restored_session_out_of_range_is_clamped_said_and_clean() {
    let mut session = english();
    session.doc.site.pue = f64::NAN;
    session.doc.site.opex_usd_per_month = -5.0;
    session.doc.site.electricity_usd_per_kwh = Some(f64::INFINITY);
    session.doc.fleet[0].units = u32::MAX;
    session.doc.hardware_life_years = 0.0;
    session.saved_doc = session.doc.clone();
    let app = App::restore(
        session,
        PresetLibrary::builtin(),
        Box::new(FakeDialogs::default()),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1100.0))
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app);
    h.run();
    let banner = h.state().shown_banner().expect("a banner");
    assert_eq!(
        banner.text,
        "Some values of your last session were out of range and were changed: \
         site.electricity_usd_per_kwh, site.pue, site.opex_usd_per_month, fleet[0].units, \
         hardware_life_years."
    );
    assert!(h.query_by_label(&banner.text).is_some(), "on screen");
    let doc = &h.state().session.doc;
    assert_eq!(doc.site.pue, 1.1, "NaN becomes the default");
    assert_eq!(doc.site.opex_usd_per_month, 0.0);
    assert_eq!(doc.site.electricity_usd_per_kwh, Some(100.0));
    assert_eq!(doc.fleet[0].units, 1_000_000_000);
    assert!(doc.hardware_life_years > 0.0 && doc.hardware_life_years < 1e-9);
    // The saved document was the same one: the clamped one is now the clean baseline, and
    // drawing the fields changes nothing more.
    assert!(!h.state().is_dirty());
    assert!(!h.state().window_title().contains('•'));
}

#[test]
fn a_restored_session_with_unsaved_changes_stays_unsaved() {
    let mut session = english();
    session.doc.site.pue = f64::NAN;
    session.saved_doc = session.doc.clone();
    session.doc.site.uptime_pct = 90.0;
    let app = App::restore(
        session,
        PresetLibrary::builtin(),
        Box::new(FakeDialogs::default()),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1500.0, 1100.0))
        .build_ui_state(|ui, app: &mut App| app.frame(ui), app);
    h.run();
    assert!(h.state().is_dirty(), "the uptime change is still unsaved");
    assert_eq!(h.state().session.saved_doc.site.pue, 1.1);
    h.state_mut().session.doc.site.uptime_pct = 100.0;
    h.run();
    assert!(
        !h.state().is_dirty(),
        "undoing it makes the document clean again"
    );
}

#[test]
fn a_number_field_takes_its_label_unit_step_and_range_from_its_input() {
    use crate::inputs::Input;
    for lang in Lang::ALL {
        let session = Session {
            language: LangChoice::Fixed(lang),
            ..Session::default()
        };
        let mut h = harness_with(session, FakeDialogs::default());
        h.run();
        for input in [Input::Pue, Input::UptimePct, Input::HardwareLifeYears] {
            let field = h.get_by_role_and_label(Role::SpinButton, input.label(lang));
            let node = field.accesskit_node();
            let range = super::widgets::input_range(input);
            assert_eq!(node.min_numeric_value(), Some(*range.start()), "{input:?}");
            assert_eq!(
                node.max_numeric_value(),
                Some(input.limit().max),
                "{input:?}"
            );
            assert_eq!(node.numeric_value_step(), Some(input.spec().step));
            let shown = field.value().unwrap();
            assert!(shown.ends_with(&input.suffix(lang)), "{shown:?}");
        }
        // An open lower bound: the field starts just above it.
        let life = super::widgets::input_range(Input::HardwareLifeYears);
        assert!(*life.start() > 0.0 && *life.start() < 1e-9);
    }
    assert_eq!(Input::UptimePct.suffix(Lang::Zh), " %");
    assert_eq!(Input::HardwareLifeYears.suffix(Lang::Zh), " 年");

    // Typed values beyond the limit are brought back to it.
    let (mut h, _) = harness();
    h.run();
    let pue = Input::Pue.limit();
    assert_eq!((pue.min, pue.max), (1.0, 5.0));
    for (typed, kept) in [("9", pue.max), ("0.5", pue.min), ("1.25", 1.25)] {
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
        assert_eq!(h.state().session.doc.site.pue, kept, "typed {typed}");
    }
}

/// The amounts in a text: `$7.521 revenue + $1.847 other − $6.098 costs` → [7.521, 1.847,
/// 6.098], with the decimals they are given to.
fn dollar_amounts(text: &str) -> (Vec<f64>, usize) {
    let mut decimals = 0;
    let amounts = text
        .split_whitespace()
        .filter_map(|word| {
            let (sign, digits) = match word.strip_prefix("-$") {
                Some(rest) => (-1.0, rest),
                None => (1.0, word.strip_prefix('$')?),
            };
            let digits = digits.replace(',', "");
            decimals = digits.split_once('.').map_or(0, |(_, f)| f.len());
            Some(sign * digits.parse::<f64>().unwrap())
        })
        .collect();
    (amounts, decimals)
}

#[test]
fn with_heat_sold_the_profit_card_adds_up() {
    use crate::model::levers::HeatReuse;
    let (mut h, _) = harness();
    h.state_mut().session.doc.levers.heat_reuse = Some(HeatReuse {
        share_pct: 50.0,
        price_usd_per_mwh_heat: 30.0,
        ..HeatReuse::default()
    });
    h.run();
    let e = evaluation(&h);
    let heat = e.heat_revenue_usd_per_day.unwrap();
    assert!(heat > 1.0, "{heat}");
    let detail = h.get_by_label_contains(" other − ");
    // A label's text is its accesskit value.
    let text = detail.value().unwrap();
    let (amounts, decimals) = dollar_amounts(&text);
    let [revenue, other, costs] = amounts[..] else {
        panic!("{text}");
    };
    let unit = 10f64.powi(-(decimals as i32));
    assert!(
        (revenue - e.revenue_usd_per_day).abs() <= unit / 2.0,
        "{text}"
    );
    assert!((other - heat).abs() <= unit / 2.0, "{text}");
    let costs_exact =
        e.electricity_cost_usd_per_day + e.opex_usd_per_day + e.carbon_cost_usd_per_day;
    assert!((costs - costs_exact).abs() <= 1.5 * unit, "{text}");
    // The profit shown is what the detail adds up to, and it is the profit rounded.
    let profit = revenue + other - costs;
    assert!(
        (profit - e.profit_usd_per_day).abs() <= unit / 2.0,
        "{text}"
    );
    let shown = format!("${}", crate::format::fixed(profit, decimals));
    assert!(h.query_by_label(&shown).is_some(), "{shown} beside {text}");

    // Without other income the detail is revenue − costs, and adds up too.
    h.state_mut().session.doc.levers.heat_reuse = None;
    h.run();
    let e = evaluation(&h);
    let text = h.get_by_label_contains(" revenue − ").value().unwrap();
    let (amounts, decimals) = dollar_amounts(&text);
    let profit = amounts[0] - amounts[1];
    assert!((profit - e.profit_usd_per_day).abs() <= 10f64.powi(-(decimals as i32)) / 2.0);
    let shown = format!("${}", crate::format::fixed(profit, decimals));
    assert!(h.query_by_label(&shown).is_some(), "{shown} beside {text}");
}

#[test]
fn lever_cards_are_the_lever_figures_in_the_chosen_language() {
    use crate::figures::Figure;
    use crate::model::levers::{Curtailment, HeatReuse};
    let session = Session {
        language: LangChoice::Fixed(Lang::Zh),
        all_figures: true,
        ..Session::default()
    };
    let mut h = harness_with(session, FakeDialogs::default());
    let levers = &mut h.state_mut().session.doc.levers;
    levers.heat_reuse = Some(HeatReuse::default());
    levers.curtailment = Some(Curtailment::default());
    h.run();
    let e = evaluation(&h);
    let on: Vec<Figure> = Figure::of_group(crate::figures::Group::Lever)
        .filter(|f| f.applies_to(&e))
        .collect();
    assert_eq!(
        on,
        [
            Figure::EffectiveUptimePct,
            Figure::CurtailmentCreditUsdPerDay,
            Figure::HeatRevenueUsdPerDay,
            Figure::HeatDisplacedCo2TPerYear
        ]
    );
    for f in on {
        let words = f.words(Lang::Zh);
        h.get_all_by_label(words.label).last().unwrap().hover();
        h.run();
        assert!(
            h.query_by_label(words.formula).is_some(),
            "{f:?}: the tooltip gives the formula in Chinese"
        );
    }
    // Off, their cards go.
    h.state_mut().session.doc.levers = Default::default();
    h.run();
    let label = Figure::HeatRevenueUsdPerDay.words(Lang::Zh).label;
    assert!(h.query_by_label(label).is_none());
}

#[test]
fn a_fleet_that_is_much_of_the_network_is_warned_about_above_the_cards() {
    let (mut h, _) = harness();
    h.run();
    let warning = "of the network's hashrate (more than 1 %)";
    assert!(h.query_by_label_contains(warning).is_none());
    // A billion S21s: far more than the network.
    h.state_mut().session.doc.fleet[0].units = 1_000_000_000;
    h.run();
    h.run();
    assert!(h.query_by_label_contains(warning).is_some());
    assert!(
        h.query_by_label_contains("which these figures do not follow")
            .is_some()
    );
}

#[test]
fn a_message_fades_and_an_undo_takes_it_away_while_an_error_stays() {
    let (mut h, _) = harness();
    h.run();
    h.state_mut().set_info(|_| "Saved somewhere.".into());
    h.run();
    assert!(h.query_by_label("Saved somewhere.").is_some());
    // Shown long enough ago: gone at the next frame.
    let now = h.ctx.input(|i| i.time);
    h.state_mut().banner.as_mut().unwrap().shown_at = Some(now - BANNER_SECONDS - 0.1);
    h.run();
    assert!(h.state().banner.is_none());
    assert!(h.query_by_label("Saved somewhere.").is_none());

    h.state_mut().set_error(|_| "Something failed.".into());
    h.run();
    let now = h.ctx.input(|i| i.time);
    h.state_mut().banner.as_mut().unwrap().shown_at = Some(now - 60.0);
    h.run();
    assert!(
        h.query_by_label("Something failed.").is_some(),
        "errors stay"
    );
    h.state_mut().banner = None;

    // A change, its message, then Undo: the message goes with the change.
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(7.0);
    h.run();
    h.state_mut().set_info(|_| "Seven units now.".into());
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().session.doc.fleet[0].units, 1);
    assert!(h.state().banner.is_none());
}

#[test]
fn closing_without_saving_keeps_the_saved_scenario_for_the_next_start() {
    let (mut h, dialogs) = harness();
    let path = temp_dir("close-discard").join("site.ron");
    h.run();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(12.0);
    h.run();
    dialogs.answer(Some(path.clone()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let saved = h.state().session.doc.clone();
    h.get_by_role_and_label(Role::SpinButton, "Units")
        .set_value_accesskit(40.0);
    h.run();
    assert!(h.state().is_dirty());
    // The window is closed with unsaved changes, and the user answers Don't save.
    h.state_mut().confirm = Some(Guarded::Close);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    // The session written at exit holds the file as saved, not the discarded 40 units.
    assert_eq!(h.state().session.doc, saved);
    assert_eq!(h.state().session.doc.fleet[0].units, 12);
    assert!(!h.state().is_dirty());
}
