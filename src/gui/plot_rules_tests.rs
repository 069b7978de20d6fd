//! The window's chart rules, driven headless: the wheel over a chart leaves its view alone and
//! scrolls the page; Ctrl and the wheel zoom, and then *Reset view* brings the default back.

use super::plot_rules::TrustedPlot;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use egui_plot::{Line, Plot, PlotBounds, PlotPoints};

/// What the test reads back from each frame: the chart's bounds and the page's scroll offset.
#[derive(Default)]
struct Seen {
    bounds: Option<PlotBounds>,
    chart: Option<egui::Rect>,
    scrolled: f32,
}

fn harness() -> Harness<'static, Seen> {
    Harness::builder()
        .with_size(egui::vec2(600.0, 400.0))
        .build_ui_state(
            |ui, seen: &mut Seen| {
                let out = egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.add_space(80.0);
                    let points: Vec<[f64; 2]> =
                        (0..24).map(|m| [m as f64, (m * m) as f64]).collect();
                    let shown = Plot::new("rules-chart")
                        .height(200.0)
                        .show_trusted(ui, |p| p.line(Line::new("cash", PlotPoints::from(points))));
                    seen.bounds = Some(*shown.transform.bounds());
                    seen.chart = Some(shown.response.rect);
                    // Room below, so that the page can scroll.
                    ui.add_space(800.0);
                });
                seen.scrolled = out.state.clamped_offset().y;
            },
            Seen::default(),
        )
}

fn wheel(h: &mut Harness<'_, Seen>, modifiers: egui::Modifiers) {
    let centre = h.state().chart.unwrap().center();
    h.hover_at(centre);
    h.run();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: egui::vec2(0.0, -3.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers,
    });
    h.run();
}

#[test]
fn the_wheel_over_a_chart_scrolls_the_page_and_leaves_the_chart_alone() {
    let mut h = harness();
    h.run();
    let before = h.state().bounds.unwrap();
    wheel(&mut h, egui::Modifiers::NONE);
    assert_eq!(h.state().bounds.unwrap(), before, "the chart did not move");
    assert!(h.state().scrolled > 0.0, "the page scrolled instead");
    assert!(h.query_by_label("Reset view").is_none());
}

#[test]
fn ctrl_and_the_wheel_zoom_and_reset_view_brings_the_default_back() {
    let mut h = harness();
    h.run();
    let before = h.state().bounds.unwrap();
    wheel(&mut h, egui::Modifiers::COMMAND);
    let zoomed = h.state().bounds.unwrap();
    assert_ne!(zoomed, before, "Ctrl and the wheel zoom");
    h.get_by_label("Reset view").click();
    h.run();
    h.run();
    assert_eq!(h.state().bounds.unwrap(), before);
    assert!(h.query_by_label("Reset view").is_none());
}
