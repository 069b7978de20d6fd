//! The start page and the three workspaces, driven headless as the three users meet them at
//! 1024 × 700: each door reaches its first answer on screen without scrolling, each workspace
//! remembers its view, and the window's own controls never overlap or leave the window.

use super::test_support::{harness, open_view, settle};
use super::workspace::{Door, Workspace};
use super::*;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const SMALL: egui::Vec2 = egui::vec2(1024.0, 700.0);
const LARGE: egui::Vec2 = egui::vec2(1920.0, 1080.0);

/// A first start: the start page open, nothing chosen yet.
fn first_start(lang: Lang, size: egui::Vec2) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        ..Session::default()
    };
    let mut h = harness(
        session,
        Harness::builder().with_size(size).with_max_steps(16),
    );
    h.state_mut().presets_folder = None;
    h.state_mut().start_page_open = true;
    settle(&mut h);
    h
}

/// Inside the window, top to bottom: on screen without scrolling.
fn on_screen(h: &Harness<'_, App>, label: &str, size: egui::Vec2) -> egui::Rect {
    let rect = h
        .get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("{label} is drawn"))
        .rect();
    assert!(
        rect.min.x >= 0.0 && rect.min.y >= 0.0 && rect.max.x <= size.x && rect.max.y <= size.y,
        "{label} is off screen: {rect:?}"
    );
    rect
}

fn open_door(h: &mut Harness<'_, App>, door: Door) {
    let w = &h.state().strings().workspace;
    let title = match door {
        Door::Site => w.door_site,
        Door::Where => w.door_where,
        Door::Network => w.door_network,
    };
    h.get_by_role_and_label(Role::Button, title).click();
    settle(h);
}

#[test]
fn the_start_page_has_three_doors_each_saying_what_it_teaches_in_both_languages() {
    for lang in [Lang::En, Lang::Zh] {
        let h = first_start(lang, SMALL);
        let w = &crate::i18n::strings(lang).workspace;
        for (title, learn) in [
            (w.door_site, w.door_site_learn),
            (w.door_where, w.door_where_learn),
            (w.door_network, w.door_network_learn),
        ] {
            let door = on_screen(&h, title, SMALL);
            let sentence = on_screen(&h, learn, SMALL);
            assert!(sentence.min.y >= door.max.y - 1.0, "{learn} under {title}");
        }
        // No inputs behind the start page.
        assert!(
            h.query_by_label(crate::i18n::strings(lang).app.inputs_heading)
                .is_none()
        );
    }
}

#[test]
fn the_site_door_shows_the_texas_fleets_break_even_without_scrolling() {
    let mut h = first_start(Lang::En, SMALL);
    open_door(&mut h, Door::Site);
    let state = h.state();
    assert!(!state.start_page_open);
    assert_eq!(state.session.workspace, Workspace::Site);
    assert_eq!(state.session.tab, Tab::BreakEven);
    assert_eq!(
        state.session.doc.site.region.as_deref(),
        Some("texas-ercot")
    );
    let e = &state.computed.as_ref().unwrap().evaluation;
    let price = e.break_even_btc_price_usd.unwrap();
    let shown = crate::format::usd(price);
    on_screen(&h, "Cash break-even BTC price", SMALL);
    on_screen(&h, &shown, SMALL);
    // The strip holds the four deciding figures only, in one row.
    let cards: Vec<egui::Rect> = super::results::DECIDING
        .iter()
        .map(|f| on_screen(&h, super::results::card_label(*f, Lang::En), SMALL))
        .collect();
    assert!(
        cards
            .windows(2)
            .all(|w| (w[0].min.y - w[1].min.y).abs() < 1.0)
    );
    assert!(h.query_by_label("Power draw").is_none());
    h.get_by_label("Show all figures").click();
    h.run();
    assert!(h.query_by_label("Power draw").is_some());
    assert!(h.state().session.all_figures);
}

#[test]
fn the_where_door_ranks_the_fleet_by_its_break_even_with_the_cheapest_on_screen() {
    let mut h = first_start(Lang::En, SMALL);
    open_door(&mut h, Door::Where);
    let state = h.state();
    assert_eq!(state.session.workspace, Workspace::Where);
    assert_eq!(state.session.tab, Tab::Regions);
    assert_eq!(
        state.session.region_metric,
        crate::chart_data::RegionMetric::BreakEvenBtcPrice
    );
    // The cheapest region heads the ranking, drawn right under its title and hint.
    let regions = &state.computed.as_ref().unwrap().charts.regions;
    let sorted = regions.sorted(crate::chart_data::RegionMetric::BreakEvenBtcPrice);
    let cheapest = sorted[0].break_even_btc_price_usd.unwrap();
    assert!(
        regions
            .rows
            .iter()
            .all(|r| r.break_even_btc_price_usd.is_none_or(|v| v >= cheapest))
    );
    on_screen(
        &h,
        crate::i18n::strings(Lang::En).charts.regions_title,
        SMALL,
    );
    let hint = on_screen(
        &h,
        crate::i18n::strings(Lang::En).charts.regions_click_hint,
        SMALL,
    );
    assert!(
        SMALL.y - hint.max.y > 300.0,
        "the ranking has the rest of the window"
    );
}

#[test]
fn the_network_door_shows_2021_beside_cambridge_without_a_site_panel() {
    let mut h = first_start(Lang::En, SMALL);
    open_door(&mut h, Door::Network);
    let state = h.state();
    assert_eq!(state.session.workspace, Workspace::Network);
    assert_eq!(state.session.tab, Tab::History);
    assert!(h.query_by_label("Inputs").is_none(), "no site panel");
    assert!(h.query_by_label("Cash break-even BTC price").is_none());
    let chart = state
        .derived
        .history_chart
        .get()
        .expect("the history is drawn");
    let y2021 = chart.cambridge.iter().find(|c| c.year == 2021).unwrap();
    assert_eq!(y2021.twh, 89.0);
    assert!(y2021.hashwatt_twh.is_some());
    on_screen(&h, "Cambridge (published, per year)", SMALL);
}

#[test]
fn each_workspace_remembers_its_view_and_a_restart_reopens_where_it_was_left() {
    let mut h = first_start(Lang::En, SMALL);
    open_door(&mut h, Door::Site);
    open_view(&mut h, Tab::Projection);
    settle(&mut h);
    open_view(&mut h, Tab::Map);
    assert_eq!(h.state().session.workspace, Workspace::Where);
    h.get_by_role_and_label(Role::Button, "Site").click();
    settle(&mut h);
    assert_eq!(h.state().session.tab, Tab::Projection);
    h.get_by_role_and_label(Role::Button, "Where").click();
    h.run();
    assert_eq!(h.state().session.tab, Tab::Map);
    // The session keeps the workspace and each one's view.
    let session = h.state().session.clone();
    let again = App::with_session(
        session,
        PresetLibrary::builtin(),
        Box::new(test_support::NoDialogs),
    );
    assert_eq!(again.session.workspace, Workspace::Where);
    assert_eq!(
        again.session.open_views.get(Workspace::Site),
        Tab::Projection
    );
    assert!(
        !again.start_page_open,
        "a later start reopens where it was left"
    );
}

#[test]
fn view_start_page_brings_the_doors_back() {
    let mut h = first_start(Lang::En, SMALL);
    h.get_by_label("Continue with the open scenario").click();
    h.run();
    assert!(!h.state().start_page_open);
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Start page").click();
    h.run();
    assert!(h.state().start_page_open);
    on_screen(&h, "Evaluate a site", SMALL);
}

#[test]
fn the_window_controls_of_every_view_stay_apart_and_inside_the_window() {
    for size in [SMALL, LARGE] {
        for lang in [Lang::En, Lang::Zh] {
            for workspace in Workspace::ALL {
                for &tab in workspace.tabs() {
                    let session = Session {
                        language: LangChoice::Fixed(lang),
                        workspace,
                        tab,
                        ..Session::default()
                    };
                    let mut h = harness(
                        session,
                        Harness::builder().with_size(size).with_max_steps(16),
                    );
                    h.state_mut().presets_folder = None;
                    settle(&mut h);
                    let s = crate::i18n::strings(lang);
                    let mut labels: Vec<&str> =
                        Workspace::ALL.iter().map(|w| w.label(s).0).collect();
                    labels.extend(
                        workspace
                            .tabs()
                            .iter()
                            .map(|t| super::views::tab_label(*t, s)),
                    );
                    labels.extend([s.app.export_png, s.app.export_svg]);
                    if workspace.shows_site() {
                        labels.extend(
                            super::results::DECIDING
                                .iter()
                                .map(|f| super::results::card_label(*f, lang)),
                        );
                    }
                    let rects: Vec<egui::Rect> =
                        labels.iter().map(|l| on_screen(&h, l, size)).collect();
                    for (i, a) in rects.iter().enumerate() {
                        for (j, b) in rects.iter().enumerate().skip(i + 1) {
                            assert!(
                                !a.shrink(1.0).intersects(b.shrink(1.0)),
                                "{} overlaps {} on {tab:?} at {size:?} in {lang:?}",
                                labels[i],
                                labels[j]
                            );
                        }
                    }
                }
            }
        }
    }
}
