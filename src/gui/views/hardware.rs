//! The fleet's machines against the network's: efficiency, and what each earns.

use super::super::charts::*;
use super::super::plot_rules::TrustedPlot;
use super::super::widgets::color;
use super::super::{App, Tab};
use super::View;
use crate::chart_data::ChartData;
use crate::export::ChartKind;
use crate::format;
use crate::i18n::Strings;
use crate::palette;
use eframe::egui;
use egui_plot::{Legend, Plot, Points};

pub struct HardwareView;

impl View for HardwareView {
    fn tab(&self) -> Tab {
        Tab::Hardware
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.charts.tab_hardware
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Hardware)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        if let Some(data) = super::view::chart_data(app) {
            hardware_ui(ui, data, app.strings());
        }
    }
}

pub(super) fn hardware_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
    let c = &s.charts;
    ui.label(egui::RichText::new(c.hardware_title).strong());
    let series =
        |pick: &dyn Fn(&crate::chart_data::HardwarePoint) -> bool| -> Vec<(String, [f64; 2])> {
            data.hardware
                .iter()
                .filter(|h| pick(h))
                .map(|h| {
                    (
                        h.name.clone(),
                        [f64::from(h.release_year), h.efficiency_j_per_th.log10()],
                    )
                })
                .collect()
        };
    let fleet = series(&|h| h.in_fleet);
    let other = series(&|h| !h.in_fleet && !h.historical);
    let historical = series(&|h| !h.in_fleet && h.historical);
    let lookup: Vec<(String, Vec<String>)> = [
        (c.fleet_series, &fleet),
        (c.other_miners_series, &other),
        (c.historical_series, &historical),
    ]
    .iter()
    .map(|(name, pts)| {
        (
            name.to_string(),
            pts.iter().map(|(n, _)| n.clone()).collect(),
        )
    })
    .collect();
    Plot::new("hardware")
        .legend(Legend::default())
        .height(fit_height(ui, 320.0, 8.0))
        .x_axis_label(c.release_year_axis)
        .y_axis_label(c.efficiency_axis)
        .y_axis_formatter(|mark, _| format::number(10f64.powf(mark.value)))
        .y_grid_spacer(egui_plot::log_grid_spacer(10))
        .label_formatter(move |hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name,
                position,
                index,
            } => {
                let name = lookup
                    .iter()
                    .find(|(series, _)| series == plot_name)
                    .and_then(|(_, names)| names.get(*index))
                    .cloned()
                    .unwrap_or_default();
                Some(format!(
                    "{name}\n{} · {} J/TH",
                    format::fixed(position.x, 0),
                    format::number(10f64.powf(position.y))
                ))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show_trusted(ui, |p| {
            let points =
                |v: &Vec<(String, [f64; 2])>| v.iter().map(|(_, xy)| *xy).collect::<Vec<_>>();
            p.points(
                Points::new(c.historical_series, points(&historical))
                    .radius(4.0)
                    .color(color(palette::NEUTRAL))
                    .shape(egui_plot::MarkerShape::Diamond),
            );
            p.points(
                Points::new(c.other_miners_series, points(&other))
                    .radius(4.0)
                    .color(color(palette::SERIES)),
            );
            p.points(
                Points::new(c.fleet_series, points(&fleet))
                    .radius(7.0)
                    .color(color(palette::HIGHLIGHT)),
            );
        });
}
