//! The month-by-month projection: its settings (growth, halvings, investment, uncertainty) and its charts.

use super::super::charts::*;
use super::super::plot_rules::TrustedPlot;
use super::super::widgets::{InputField, color};
use super::super::{App, Tab};
use super::View;
use crate::export::ChartKind;
use crate::format;
use crate::i18n::{Strings, fill};
use crate::inputs::Input;
use crate::model::monte_carlo::MonteCarlo;
use crate::model::{DAYS_PER_MONTH, Projection, ProjectionSettings};
use crate::palette;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use egui_plot::{Bar, BarChart, HLine, Legend, Line, Plot, PlotPoints, VLine};

/// Below this width the Investment and Uncertainty settings stack (each needs about 420 px).
const SIDE_BY_SIDE_MIN_WIDTH: f32 = 860.0;

pub struct ProjectionView;

impl View for ProjectionView {
    fn tab(&self) -> Tab {
        Tab::Projection
    }
    fn label(&self, s: &'static Strings) -> &'static str {
        s.charts.tab_projection
    }
    fn export(&self) -> Option<ChartKind> {
        Some(ChartKind::Projection)
    }
    /// Its settings are inputs of the document: drawn by `edit_ui`.
    fn ui(&self, _app: &App, _ui: &mut egui::Ui) {}
    fn edits_document(&self) -> bool {
        true
    }
    fn edit_ui(&self, app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
        let strings = app.strings();
        settings_ui(app, &mut doc.projection, ui, strings);
        results_ui(app, ui, strings);
    }
}

/// The projection's settings: growth, halvings, resale, then investment and uncertainty.
fn settings_ui(app: &App, p: &mut ProjectionSettings, ui: &mut egui::Ui, s: &Strings) {
    let a = &s.app;
    egui::Grid::new("projection-settings")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let lang = app.session.lang();
            let field = |input, value| InputField::new(input, value).lang(lang);
            // Two fields a row.
            let months =
                ui.add(InputField::count(Input::ProjectionMonths, &mut p.months).lang(lang));
            if months.changed() {
                // A longer horizon lowers the paths' cap: the paths follow it down.
                p.paths = p.paths.min(p.paths_limit().max as u32);
            }
            ui.add(field(
                Input::DifficultyGrowthPctPerYear,
                &mut p.difficulty_growth_pct_per_year,
            ));
            ui.end_row();
            ui.add(field(
                Input::BtcPriceGrowthPctPerYear,
                &mut p.btc_price_growth_pct_per_year,
            ));
            ui.add(field(
                Input::HalvingDifficultyDropPct,
                &mut p.halving_difficulty_drop_pct,
            ));
            ui.end_row();
            ui.add(field(Input::HardwareResalePct, &mut p.hardware_resale_pct));
            ui.checkbox(&mut p.switch_off_when_losing, a.switch_off_when_losing)
                .on_hover_text(a.switch_off_when_losing_hint);
            ui.end_row();
        });
    super::super::history::trailing_growth_ui(app, p, ui);
    {
        let lang = app.session.lang();
        let site_price = app
            .computed
            .as_ref()
            .map_or(0.0, |c| c.scenario.site.electricity_usd_per_kwh);
        let trailing = app.history_summary.volatility;
        // Side by side where both fit, so the fan stays in view; one above the other in a
        // narrow window, where side by side their fields ran over each other.
        if ui.available_width() >= SIDE_BY_SIDE_MIN_WIDTH {
            ui.columns(2, |cols| {
                super::super::projection_mc::investment_settings_ui(
                    &mut cols[0],
                    p,
                    site_price,
                    lang,
                    s,
                );
                super::super::projection_mc::uncertainty_settings_ui(
                    &mut cols[1],
                    p,
                    trailing,
                    lang,
                    s,
                );
            });
        } else {
            super::super::projection_mc::investment_settings_ui(ui, p, site_price, lang, s);
            super::super::projection_mc::uncertainty_settings_ui(ui, p, trailing, lang, s);
        }
    }
}

/// The cards, the payback line and the two charts of the projection as computed.
fn results_ui(app: &App, ui: &mut egui::Ui, s: &Strings) {
    let Ok(computed) = &app.computed else {
        return;
    };
    // The paths run on their own thread, started before the frame (`App::prepare_views`).
    let settings = app.session.doc.projection;
    let p = &computed.charts.projection.projection;
    super::super::projection_mc::cards_ui(ui, &app.monte_carlo, p, &settings, s);
    let fan = app.monte_carlo.result.clone();
    summary_ui(ui, p, s);
    // The two charts share the room left, the cash flow the larger part.
    let room = ui.available_height();
    cash_chart_ui(ui, p, fan.as_deref(), room, s);
    if let Some(mc) = &fan {
        super::super::projection_mc::payback_probability_ui(ui, mc, link_id(), s);
    }
    btc_chart_ui(ui, p, room, s);
}

/// The x axis the projection's charts share.
fn link_id() -> egui::Id {
    egui::Id::unique("projection-x")
}

/// Payback, the month the fleet is switched off, BTC mined and the cost per BTC.
fn summary_ui(ui: &mut egui::Ui, p: &Projection, s: &Strings) {
    let a = &s.app;
    // Wrapped: in a narrow window the sentence goes on below rather than past the edge.
    ui.horizontal_wrapped(|ui| {
        let payback = match p.payback_month {
            Some(m) => fill(a.payback_month, &[("month", &m.to_string())]),
            None => a.payback_never.to_string(),
        };
        ui.label(egui::RichText::new(payback).strong());
        if let Some(month) = p.first_month_off {
            ui.separator();
            ui.label(fill(a.switched_off_from, &[("month", &month.to_string())]));
        }
        ui.separator();
        let money = |x: Option<f64>| x.map_or(format::UNDEFINED.to_string(), format::usd);
        ui.label(fill(
            a.projection_summary,
            &[
                ("btc", &format::number(p.total_btc)),
                ("cash", &money(p.cash_cost_per_btc_usd)),
                ("all_in", &money(p.all_in_cost_per_btc_usd)),
            ],
        ));
        if !p.halvings_modelled {
            ui.label(egui::RichText::new(a.no_halvings).small().weak());
        }
    });
}

/// The halvings within the projection: where each falls, in months, and its marker's name.
fn halvings(p: &Projection, s: &Strings) -> Vec<(f64, String)> {
    p.halvings
        .iter()
        .map(|h| {
            (
                h.day / DAYS_PER_MONTH,
                format!(
                    "{} {}",
                    s.charts.halving_marker,
                    format::fixed(h.height as f64, 0)
                ),
            )
        })
        .collect()
}

/// Cumulative cash flow, with the fan of paths when the Monte Carlo has run.
fn cash_chart_ui(
    ui: &mut egui::Ui,
    p: &Projection,
    fan: Option<&MonteCarlo>,
    room: f32,
    s: &Strings,
) {
    let (a, c) = (&s.app, &s.charts);
    let halving_color = color(palette::EVENT);
    let payback_color = color(palette::GAIN);
    let link = link_id();
    let cash: Vec<[f64; 2]> = std::iter::once([0.0, -p.equity_usd])
        .chain(
            p.months
                .iter()
                .map(|m| [f64::from(m.month), m.cumulative_cash_flow_usd]),
        )
        .collect();
    let halvings = halvings(p, s);
    Plot::new("projection-cash")
        .legend(Legend::default())
        .height((room * 0.58 - 8.0).max(240.0))
        .y_axis_min_width(STACKED_Y_AXIS_WIDTH)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .y_axis_label(c.cumulative_cash_axis)
        .y_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .include_y(0.0)
        .label_formatter(|hover| {
            // The nearest data point's value, never the pointer's position.
            let egui_plot::HoverPosition::NearDataPoint {
                position: point, ..
            } = hover
            else {
                return None;
            };
            Some(fill(
                a.hover_month,
                &[
                    ("month", &format::fixed(point.x, 0)),
                    ("value", &format::usd(point.y)),
                ],
            ))
        })
        .show_trusted(ui, |plot| {
            if let Some(mc) = fan {
                super::super::projection_mc::draw_fan(plot, mc, s);
            }
            plot.hline(
                HLine::new("", 0.0)
                    .color(color(palette::NEUTRAL))
                    .width(1.0),
            );
            let deterministic = if fan.is_some() {
                s.investment.deterministic_series
            } else {
                c.cumulative_cash_series
            };
            plot.line(
                Line::new(deterministic, PlotPoints::from(cash))
                    .color(color(palette::SERIES))
                    .width(2.0),
            );
            for (x, name) in &halvings {
                plot.vline(
                    VLine::new(name, *x)
                        .color(halving_color)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
            if let Some(m) = p.payback_month {
                plot.vline(
                    VLine::new(c.payback_marker, f64::from(m))
                        .color(payback_color)
                        .width(1.5),
                );
            }
        });
}

/// BTC mined each month, on the cash flow's time axis.
fn btc_chart_ui(ui: &mut egui::Ui, p: &Projection, room: f32, s: &Strings) {
    let c = &s.charts;
    let halving_color = color(palette::EVENT);
    let halvings = halvings(p, s);
    let link = link_id();
    let bars: Vec<Bar> = p
        .months
        .iter()
        .map(|m| Bar::new(f64::from(m.month), m.btc_mined).width(0.8))
        .collect();
    Plot::new("projection-btc")
        .legend(Legend::default())
        // Tall enough for its axis title.
        .height((room * 0.42 - 16.0).max(210.0))
        .y_axis_min_width(STACKED_Y_AXIS_WIDTH)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .x_axis_label(c.month_axis)
        .y_axis_label(c.btc_mined_axis)
        .include_y(0.0)
        .show_trusted(ui, |plot| {
            plot.bar_chart(
                BarChart::new(c.btc_mined_series, bars).color(color(palette::HIGHLIGHT)),
            );
            for (x, name) in &halvings {
                plot.vline(
                    VLine::new(name, *x)
                        .color(halving_color)
                        .style(egui_plot::LineStyle::dashed_loose()),
                );
            }
        });
}
