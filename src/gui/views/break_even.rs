//! Profit against the BTC price and against the power price, with the break-even points.

use super::super::charts::*;
use super::super::plot_rules::TrustedPlot;
use super::super::widgets::color;
use super::super::{App, Tab};
use super::View;
use crate::chart_data::ChartData;
use crate::export::ChartKind;
use crate::format;
use crate::i18n::{Strings, fill};
use crate::palette;
use eframe::egui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, Points, VLine};

pub struct BreakEvenView;

impl View for BreakEvenView {
    fn tab(&self) -> Tab {
        Tab::BreakEven
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.charts.tab_break_even
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::BreakEven)
    }
    fn ui(&self, app: &App, ui: &mut egui::Ui) {
        if let Some(data) = super::view::chart_data(app) {
            break_even_ui(ui, data, app.strings());
        }
    }
}

pub(super) fn profit_plot(
    ui: &mut egui::Ui,
    id: &str,
    curve: &crate::chart_data::ProfitCurve,
    x_label: &str,
    s: &Strings,
    money: bool,
) {
    let c = &s.charts;
    let per_kwh = s.app.card_per_kwh;
    let per_day = s.app.hover_per_day;
    let fmt_x = move |x: f64| {
        if money {
            format::usd(x)
        } else {
            fill(per_kwh, &[("value", &format::usd(x))])
        }
    };
    Plot::new(id)
        .legend(Legend::default().position(legend_corner(&curve.points)))
        .height(fit_height(ui, 300.0, 8.0))
        .x_axis_label(x_label)
        .x_axis_formatter(move |mark, _| {
            if money {
                format::fixed(mark.value, 0)
            } else {
                format::number(mark.value)
            }
        })
        .y_axis_label(c.profit_axis)
        .y_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .include_y(0.0)
        .label_formatter(move |hover| {
            // The nearest data point's value, never the pointer's position.
            let egui_plot::HoverPosition::NearDataPoint {
                position: point, ..
            } = hover
            else {
                return None;
            };
            Some(fill(
                per_day,
                &[("x", &fmt_x(point.x)), ("y", &format::usd(point.y))],
            ))
        })
        .show_trusted(ui, |p| {
            p.hline(
                HLine::new("", 0.0)
                    .color(color(palette::NEUTRAL))
                    .width(1.0),
            );
            p.line(
                Line::new(
                    c.profit_series,
                    PlotPoints::from(
                        curve
                            .points
                            .iter()
                            .map(|&(x, y)| [x, y])
                            .collect::<Vec<_>>(),
                    ),
                )
                .color(color(palette::SERIES))
                .width(2.0),
            );
            p.vline(
                VLine::new(
                    format!("{} {}", c.current_marker, fmt_x(curve.current)),
                    curve.current,
                )
                .color(color(palette::HIGHLIGHT))
                .width(1.5),
            );
            if let Some(be) = curve.break_even {
                p.vline(
                    VLine::new(format!("{} {}", c.break_even_marker, fmt_x(be)), be)
                        .color(color(palette::LOSS))
                        .style(egui_plot::LineStyle::dashed_loose())
                        .width(1.5),
                );
                p.points(
                    Points::new("", vec![[be, 0.0]])
                        .radius(5.0)
                        .color(color(palette::LOSS)),
                );
            }
        });
}

pub(super) fn break_even_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
    let c = &s.charts;
    ui.columns(2, |cols| {
        cols[0].label(egui::RichText::new(c.break_even_vs_btc_title).strong());
        profit_plot(
            &mut cols[0],
            "profit-vs-btc",
            &data.break_even.vs_btc_price,
            c.btc_price_axis,
            s,
            true,
        );
        cols[1].label(egui::RichText::new(c.break_even_vs_power_title).strong());
        profit_plot(
            &mut cols[1],
            "profit-vs-power",
            &data.break_even.vs_electricity_price,
            c.electricity_price_axis,
            s,
            false,
        );
    });
}
