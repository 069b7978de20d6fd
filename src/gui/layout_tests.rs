//! The window's layout at the sizes people use: nothing overlaps in a small window, charts grow
//! in a large one, each tab scrolls on its own, and a short window keeps room for the chart.

use super::workspace::Workspace;
use super::*;
use crate::i18n::strings;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_at(width: f32, height: f32, tab: Tab) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(Lang::En),
        tab,
        ..Session::default()
    };
    let mut h = super::test_support::harness(
        session,
        Harness::builder().with_size(egui::vec2(width, height)),
    );
    h.run();
    h
}

fn tab_rect(h: &Harness<'_, App>, label: &str) -> egui::Rect {
    h.get_by_role_and_label(Role::Button, label).rect()
}

#[test]
fn at_1024_by_700_the_tabs_and_export_buttons_do_not_overlap() {
    for (lang, workspace) in [Lang::En, Lang::Zh]
        .into_iter()
        .flat_map(|l| Workspace::ALL.map(|w| (l, w)))
    {
        let mut h = harness_at(1024.0, 700.0, workspace.tabs()[0]);
        h.state_mut().session.language = LangChoice::Fixed(lang);
        h.run();
        let s = strings(lang);
        // The workspace switch, the workspace's views and the export buttons.
        let mut labels: Vec<&str> = Workspace::ALL.iter().map(|w| w.label(s).0).collect();
        labels.extend(
            workspace
                .tabs()
                .iter()
                .map(|t| super::views::tab_label(*t, s)),
        );
        labels.extend([s.app.export_png, s.app.export_svg]);
        let rects: Vec<egui::Rect> = labels.iter().map(|l| tab_rect(&h, l)).collect();
        for (i, a) in rects.iter().enumerate() {
            assert!(
                a.right() <= 1024.0,
                "{} runs off the window: {a:?}",
                labels[i]
            );
            for (j, b) in rects.iter().enumerate().skip(i + 1) {
                assert!(
                    !a.shrink(1.0).intersects(b.shrink(1.0)),
                    "{} overlaps {} ({lang:?})",
                    labels[i],
                    labels[j]
                );
            }
        }
    }
}

/// From the mix chart's title to the line under the contribution chart, px.
fn mix_chart_height(h: &Harness<'_, App>) -> f32 {
    let title = h.get_by_label(strings(Lang::En).charts.mix_contribution_title);
    let sum = h.get_by_label_contains("Σ =");
    sum.rect().top() - title.rect().bottom()
}

#[test]
fn charts_grow_with_the_window_and_keep_a_floor_in_a_small_one() {
    let small = mix_chart_height(&harness_at(1024.0, 700.0, Tab::Mix));
    let medium = mix_chart_height(&harness_at(1280.0, 800.0, Tab::Mix));
    let large = mix_chart_height(&harness_at(1920.0, 1080.0, Tab::Mix));
    assert!(small >= 300.0, "{small}");
    assert!(large > medium + 150.0, "{medium} → {large}");
}

#[test]
fn a_short_window_keeps_room_for_the_chart() {
    let h = harness_at(1024.0, 700.0, Tab::Mix);
    // The cards scroll in their own box: the tabs stay in the upper part of the window.
    let tabs = tab_rect(&h, strings(Lang::En).charts.tab_mix);
    assert!(tabs.top() < 700.0 * 0.55, "{tabs:?}");
}

/// Where the Regions view's title is on screen, px from the top.
fn regions_title_top(h: &Harness<'_, App>) -> f32 {
    h.get_by_label(strings(Lang::En).charts.regions_title)
        .rect()
        .top()
}

#[test]
fn each_tab_keeps_its_own_scroll_position() {
    let s = strings(Lang::En);
    let mut h = harness_at(1280.0, 800.0, Tab::Regions);
    let top = regions_title_top(&h);
    // Scroll the Regions view down, over the chart area.
    let over = h
        .get_by_label(s.charts.regions_title)
        .rect()
        .center_bottom()
        + egui::vec2(0.0, 40.0);
    h.hover_at(over);
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -200.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let scrolled = regions_title_top(&h);
    assert!(scrolled < top - 50.0, "{top} → {scrolled}");
    // Another tab (of another workspace) opens at its top…
    super::test_support::open_view(&mut h, Tab::Hardware);
    let hardware_title = h.get_by_label(s.charts.hardware_title).rect().top();
    assert!(
        (hardware_title - top).abs() < 5.0,
        "{top} vs {hardware_title}"
    );
    // …and Regions is where it was left.
    super::test_support::open_view(&mut h, Tab::Regions);
    assert!((regions_title_top(&h) - scrolled).abs() < 2.0);
}
