//! Every region with this fleet and market, ranked by the chosen figure; a bar moves the site.

use super::super::charts::*;
use super::super::widgets::color;
use super::super::{App, Command, Tab};
use super::View;
use crate::chart_data::{ChartData, RegionMetric};
use crate::export::ChartKind;
use crate::i18n::Strings;
use crate::palette;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend};

pub struct RegionsView;

impl View for RegionsView {
    fn tab(&self) -> Tab {
        Tab::Regions
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.charts.tab_regions
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Regions)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        if let Some(data) = super::view::chart_data(app) {
            regions_ui(app, ui, data, app.strings());
        }
    }
}

pub(super) fn metric_label(s: &Strings, metric: RegionMetric) -> &'static str {
    match metric {
        RegionMetric::GridIntensity => s.charts.regions_metric_intensity,
        RegionMetric::Co2PerBtc => s.charts.regions_metric_co2_per_btc,
        RegionMetric::BreakEvenBtcPrice => s.charts.regions_metric_break_even,
    }
}

pub(super) fn regions_ui(app: &App, ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
    let c = &s.charts;
    // Wrapped: in a narrow window the choices go onto a second row rather than off the edge.
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(c.regions_title).strong());
        ui.separator();
        ui.label(s.app.metric);
        for metric in RegionMetric::ALL {
            let selected = app.session.region_metric == metric;
            if ui.radio(selected, metric_label(s, metric)).clicked() {
                app.queue(Command::SetRegionMetric(metric));
            }
        }
    });
    ui.label(egui::RichText::new(c.regions_click_hint).small().weak());
    let metric = app.session.region_metric;
    let rows = data.regions.sorted(metric);
    let current = data.regions.current.as_deref();
    let names: Vec<String> = rows
        .iter()
        .map(|r| {
            if r.is_estimate(metric) {
                format!("{} *", r.name)
            } else {
                r.name.clone()
            }
        })
        .collect();
    let base = color(palette::SERIES);
    let estimate = color(palette::SERIES).gamma_multiply(0.5);
    let highlight = color(palette::HIGHLIGHT);
    let mut plain = Vec::new();
    let mut estimated = Vec::new();
    let mut this_site = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(value) = metric.value(row) else {
            continue;
        };
        // Highest value at the top: bar i sits at y = n − 1 − i.
        let y = (rows.len() - 1 - i) as f64;
        let bar = Bar::new(y, value).width(0.75).name(&names[i]);
        if current == Some(row.id.as_str()) {
            this_site.push(bar.fill(highlight));
        } else if row.is_estimate(metric) {
            estimated.push(bar.fill(estimate));
        } else {
            plain.push(bar.fill(base));
        }
    }
    let n = rows.len();
    let clicked = named_bar_plot("regions", names, 170.0)
        .legend(Legend::default())
        .height((n as f32 * 19.0).clamp(300.0, 900.0))
        .x_axis_label(metric_label(s, metric))
        .allow_double_click_reset(false)
        .show(ui, |p| {
            p.bar_chart(
                BarChart::new(c.regions_measured, plain)
                    .color(base)
                    .horizontal(),
            );
            p.bar_chart(
                BarChart::new(c.regions_estimate, estimated)
                    .color(estimate)
                    .horizontal(),
            );
            p.bar_chart(
                BarChart::new(c.regions_current, this_site)
                    .color(highlight)
                    .horizontal(),
            );
            if p.response().clicked() {
                p.pointer_coordinate()
            } else {
                None
            }
        })
        .inner;
    if let Some(point) = clicked {
        let y = point.y.round();
        if y >= 0.0 && (y as usize) < n {
            app.queue(Command::SetRegion(rows[n - 1 - y as usize].id.clone()));
        }
    }
}
