//! The energy mix: the ring of sources and each source's contribution to the grid's intensity.

use super::super::charts::*;
use super::super::widgets::source_color;
use super::super::{App, Tab};
use super::View;
use crate::chart_data::ChartData;
use crate::export::ChartKind;
use crate::format;
use crate::i18n::{Strings, fill};
use crate::names::Names;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend, Plot, PlotPoint, PlotPoints, Polygon, Text};

pub struct MixView;

impl View for MixView {
    fn tab(&self) -> Tab {
        Tab::Mix
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.charts.tab_mix
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Mix)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        if let Some(data) = super::view::chart_data(app) {
            mix_ui(ui, data, app.strings());
        }
    }
}

/// A ring segment from `a0` to `a1` radians, as small convex pieces (a plot polygon is filled
/// as if convex, so one concave slice would spill into the hole).
pub(super) fn ring_pieces(a0: f64, a1: f64, inner: f64, outer: f64) -> Vec<Vec<[f64; 2]>> {
    let steps = (((a1 - a0) / 0.04).ceil() as usize).max(1);
    let at = |r: f64, a: f64| [r * a.cos(), r * a.sin()];
    (0..steps)
        .map(|i| {
            let from = a0 + (a1 - a0) * i as f64 / steps as f64;
            // Overlap the next piece slightly so no hairline gap shows between them.
            let to = (a0 + (a1 - a0) * (i + 1) as f64 / steps as f64 + 0.002).min(a1);
            vec![
                at(outer, from),
                at(outer, to),
                at(inner, to),
                at(inner, from),
            ]
        })
        .collect()
}

pub(super) fn mix_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
    let c = &s.charts;
    let mix = &data.mix;
    ui.columns(2, |cols| {
        cols[0].label(egui::RichText::new(c.mix_title).strong());
        Plot::new("mix-donut")
            .data_aspect(1.0)
            .legend(Legend::default())
            .show_axes(false)
            .show_grid(false)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .height(fit_height(&cols[0], 300.0, 8.0))
            .label_formatter(|_| None)
            .show(&mut cols[0], |p| {
                // Slices clockwise from the top.
                let mut angle = std::f64::consts::FRAC_PI_2;
                for slice in &mix.slices {
                    let sweep = slice.share_pct / 100.0 * std::f64::consts::TAU;
                    let name = format!(
                        "{} {} %",
                        s.source(slice.source),
                        format::share_pct(slice.share_pct)
                    );
                    for piece in ring_pieces(angle - sweep, angle, 0.55, 1.0) {
                        p.polygon(
                            Polygon::new(name.clone(), PlotPoints::from(piece))
                                .fill_color(source_color(slice.source))
                                // An outline in the fill's own colour covers the hairline gaps
                                // that anti-aliasing leaves between pieces.
                                .stroke(egui::Stroke::new(1.0, source_color(slice.source))),
                        );
                    }
                    angle -= sweep;
                }
                // Room on the right for the legend.
                p.set_plot_bounds_x(-1.05..=2.1);
                p.set_plot_bounds_y(-1.05..=1.05);
                p.text(Text::new(
                    "",
                    PlotPoint::new(0.0, 0.0),
                    egui::RichText::new(fill(
                        c.mix_centre,
                        &[("value", &format::fixed(mix.intensity_g_per_kwh, 0))],
                    ))
                    .size(16.0)
                    .strong(),
                ));
            });
        cols[1].label(egui::RichText::new(c.mix_contribution_title).strong());
        let names: Vec<&str> = mix.slices.iter().map(|x| s.source(x.source)).collect();
        let n = names.len();
        named_bar_plot(
            "mix-contributions",
            names.iter().map(|n| n.to_string()).collect(),
            80.0,
        )
        .x_axis_label(c.mix_contribution_axis)
        .height(fit_height(&cols[1], 300.0, 30.0))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => Some(format!(
                "{plot_name}: {} g CO₂e/kWh",
                format::number(position.x)
            )),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(&mut cols[1], |p| {
            // The first source at the top.
            for (i, slice) in mix.slices.iter().enumerate() {
                let y = (n - 1 - i) as f64;
                let bar = Bar::new(y, slice.contribution_g_per_kwh)
                    .fill(source_color(slice.source))
                    .width(0.7)
                    .name(s.source(slice.source));
                p.bar_chart(
                    BarChart::new(s.source(slice.source), vec![bar])
                        .color(source_color(slice.source))
                        .horizontal(),
                );
            }
        });
        cols[1].label(
            egui::RichText::new(fill(
                s.app.mix_sum,
                &[("value", &format::fixed(mix.mix_intensity_g_per_kwh, 1))],
            ))
            .small(),
        );
    });
}
