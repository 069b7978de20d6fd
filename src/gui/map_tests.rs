//! The Map view driven headless: a click on a country makes it the site and undo brings the old
//! site back; the wheel leaves the map alone; the layers answer in both languages.

use super::*;
use crate::gui::test_support::{harness, settle};
use crate::gui::{LangChoice, Session, Tab};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn map_harness(lang: Lang, size: egui::Vec2) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        tab: Tab::Map,
        workspace: crate::gui::workspace::Workspace::Network,
        ..Session::default()
    };
    let mut h = harness(
        session,
        Harness::builder().with_size(size).with_max_steps(16),
    );
    h.state_mut().presets_folder = None;
    settle(&mut h);
    h
}

fn map_rect(h: &Harness<'_, App>) -> egui::Rect {
    h.ctx
        .data(|d| d.get_temp::<egui::Rect>(map_id().with("rect")))
        .expect("the map was drawn")
}

fn camera(h: &Harness<'_, App>) -> Camera {
    h.ctx
        .data(|d| d.get_temp::<Camera>(map_id().with("camera")))
        .unwrap_or_default()
}

fn screen_of(h: &Harness<'_, App>, lon_lat: LonLat) -> egui::Pos2 {
    Projection::new(map_rect(h), camera(h)).to_screen(lon_lat)
}

/// A press and release of the primary button at `pos`.
fn click(h: &mut Harness<'_, App>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

#[test]
fn clicking_a_country_makes_it_the_site_and_undo_restores_the_old_one() {
    let mut h = map_harness(Lang::En, egui::vec2(1500.0, 1100.0));
    let before = h.state().session.doc.site.region.clone();
    // Central France.
    let france = screen_of(&h, [2.5, 46.8]);
    h.hover_at(france);
    h.run();
    assert!(
        h.query_all_by_label_contains("Click to make France the site")
            .next()
            .is_some()
    );
    click(&mut h, france);
    assert_eq!(h.state().session.doc.site.region.as_deref(), Some("france"));
    // France's table row has no price: the scenario keeps the price it had, if any.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().session.doc.site.region, before);
}

#[test]
fn a_circle_makes_its_sub_national_region_the_site() {
    let mut h = map_harness(Lang::En, egui::vec2(1500.0, 1100.0));
    let texas = screen_of(&h, [-99.3, 31.2]);
    click(&mut h, texas);
    assert_eq!(
        h.state().session.doc.site.region.as_deref(),
        Some("texas-ercot")
    );
}

#[test]
fn the_wheel_over_the_map_leaves_it_alone_and_ctrl_wheel_zooms_until_reset() {
    let mut h = map_harness(Lang::En, egui::vec2(1024.0, 700.0));
    let centre = map_rect(&h).center();
    let wheel = |h: &mut Harness<'_, App>, modifiers| {
        h.hover_at(centre);
        h.run();
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, 3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers,
        });
        h.run();
    };
    wheel(&mut h, egui::Modifiers::NONE);
    assert_eq!(camera(&h), Camera::default(), "the map did not move");
    assert!(h.query_by_label("Reset view").is_none());
    wheel(&mut h, egui::Modifiers::COMMAND);
    assert!(camera(&h).zoom > 1.0, "Ctrl and the wheel zoom");
    h.get_by_label("Reset view").click();
    h.run();
    h.run();
    assert_eq!(camera(&h), Camera::default());
}

#[test]
fn each_layer_draws_with_its_title_in_both_languages() {
    for (lang, layer_label) in [(Lang::En, "Share of the hashrate"), (Lang::Zh, "算力份额")] {
        let mut h = map_harness(lang, egui::vec2(1024.0, 700.0));
        h.get_by_label(layer_label).click();
        h.run();
        h.run();
        let workspace = h.state().session.workspace;
        assert_eq!(
            h.state().map_view.of(workspace).layer,
            MapLayer::HashrateShare
        );
        let chart = h.state().derived.map.get().unwrap().clone().unwrap();
        assert!(h.query_by_label(&chart.title).is_some(), "{}", chart.title);
        // Hover over China names its whole share with the mining map as source.
        let china = screen_of(&h, [112.0, 35.0]);
        h.hover_at(china);
        h.run();
        let row = chart.countries.iter().find(|c| c.code == "CHN").unwrap();
        let line = chart.hover(row, lang);
        assert!(
            h.query_all_by_label_contains(&line).next().is_some(),
            "{line}"
        );
    }
}

#[test]
fn the_where_workspace_opens_the_map_on_this_fleets_profit() {
    let mut h = map_harness(Lang::En, egui::vec2(1024.0, 700.0));
    assert_eq!(
        h.state().session.workspace,
        super::super::workspace::Workspace::Network
    );
    let chart = h.state().derived.map.get().unwrap().clone().unwrap();
    assert_eq!(chart.layer, MapLayer::Intensity);
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Where")
        .click();
    h.run();
    super::super::test_support::open_view(&mut h, super::super::Tab::Map);
    let chart = h.state().derived.map.get().unwrap().clone().unwrap();
    assert_eq!(chart.layer, MapLayer::Profit);
    assert!(
        h.query_all_by_label_contains("Profit per day of")
            .next()
            .is_some()
    );
}
