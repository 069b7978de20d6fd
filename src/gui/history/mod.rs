//! The History tab (the network month by month since 2010: energy with its band and
//! Cambridge's published years, CO₂ and the mining grids' intensity with the mining-map eras,
//! halvings and the China ban, hashprice and the shutdown efficiency) and the Backtest tab (the
//! scenario's fleet through real months). Every value comes from `history::chart`, computed
//! once per change of the settings (`derived`).

use super::plot_rules::TrustedPlot;
use super::widgets::color;
use super::{App, Command};
use crate::format;
use crate::history::chart::{Band, EventKind, HistoryChart, month_at};
use crate::i18n::{Localized, fill, history::HistoryStrings};
use crate::model::ProjectionSettings;
use crate::palette;
#[cfg(test)]
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, Points, Polygon, VLine};

mod backtest;
mod parts;
mod state;
pub(super) use backtest::backtest_ui;
use parts::{Y_AXIS_WIDTH, history_or_message, period_fields};
pub use state::HistoryState;

/// A new scenario on a machine with only the built-in history: the document's defaults, with
/// the projection's difficulty and BTC-price growth taken from the trailing twelve months of
/// the built-in history and their volatilities from its trailing two years.
#[cfg(test)]
pub fn new_document() -> ScenarioDoc {
    ScenarioDoc {
        projection: crate::history::default_projection(),
        ..ScenarioDoc::default()
    }
}

/// Beside the projection's growth fields: the history's trailing growth and the window it comes
/// from, and a button that sets the fields to it.
pub fn trailing_growth_ui(app: &App, p: &mut ProjectionSettings, ui: &mut egui::Ui) {
    let Some(growth) = app.history_summary.growth else {
        return;
    };
    let s = &app.strings().history;
    let (difficulty, price) = growth.projection_pct_per_year();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(fill(
                s.trailing_growth,
                &[
                    ("from", &growth.from.to_string()),
                    ("to", &growth.to.to_string()),
                    ("difficulty", &format::fixed(difficulty, 1)),
                    ("price", &format::fixed(price, 1)),
                ],
            ))
            .small(),
        );
        let current = (
            p.difficulty_growth_pct_per_year,
            p.btc_price_growth_pct_per_year,
        );
        if ui
            .add_enabled(
                current != (difficulty, price),
                egui::Button::new(s.use_trailing).small(),
            )
            .clicked()
        {
            // A change of the draft, as typing the two values would be (undoable).
            p.difficulty_growth_pct_per_year = difficulty;
            p.btc_price_growth_pct_per_year = price;
        }
    });
}

/// The upper limit of the price field, USD/kWh.
const MAX_USD_PER_KWH: f64 = 0.5;

/// Hover text: the month under the pointer and the value.
/// A chart's hover label: the month and value of the data point nearest the pointer, or
/// nothing when the pointer is near none.
pub(super) fn hover_label(
    unit: &'static str,
    log: bool,
) -> impl Fn(&egui_plot::HoverPosition<'_>) -> Option<String> {
    move |position| match position {
        egui_plot::HoverPosition::NearDataPoint { position, .. } => {
            let value = if log {
                10f64.powf(position.y)
            } else {
                position.y
            };
            Some(format!(
                "{} · {} {unit}",
                month_at(position.x),
                format::number(value)
            ))
        }
        egui_plot::HoverPosition::Elsewhere { .. } => None,
    }
}

fn log10_points(points: &[[f64; 2]]) -> Vec<[f64; 2]> {
    points
        .iter()
        // A log axis takes positive, finite values only.
        .filter(|p| p[1] > 0.0 && p[1].is_finite())
        .map(|p| [p[0], p[1].log10()])
        .collect()
}

pub fn history_ui(app: &App, ui: &mut egui::Ui) {
    let s = &app.strings().history;
    let Some(history) = history_or_message(app, ui, s) else {
        return;
    };
    let Some(chart) = app.derived.history_chart.get() else {
        return;
    };
    ui.label(egui::RichText::new(s.title).strong());
    ui.label(egui::RichText::new(s.intro).small().weak());
    // Where the newest month came from: the bundled history, an update, or the user's file.
    ui.label(egui::RichText::new(app.history_summary.newest_line(app.session.lang())).small());

    let mut state = app.history_view;
    let mut settings = chart.settings;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(s.price);
        ui.add(
            egui::DragValue::new(&mut settings.usd_per_kwh)
                .range(0.0..=MAX_USD_PER_KWH)
                .speed(0.001)
                .prefix("$")
                .suffix(" /kWh")
                .max_decimals(3),
        )
        .labelled_by(label.id);
        ui.separator();
        period_fields(ui, s, (&mut settings.from, &mut settings.to), history);
        if ui.button(s.whole_history).clicked() {
            settings.from = history.first();
            settings.to = history.last();
        }
        ui.separator();
        ui.label(s.show);
        ui.radio_value(&mut state.show_power, false, s.show_energy);
        ui.radio_value(&mut state.show_power, true, s.show_power);
    });
    if settings != chart.settings {
        state.chart = Some(settings.clamped(history));
    }
    if state != app.history_view {
        app.queue(Command::SetHistoryView(state));
    }

    if let Some(m) = chart.latest_priced() {
        ui.label(fill(
            s.latest_line,
            &[
                ("month", &m.month.to_string()),
                ("hashrate", &format::number(m.network_hashrate_ehs)),
                (
                    "usd",
                    &format::usd(m.hashprice_usd_per_ph_day.unwrap_or(f64::NAN)),
                ),
                ("btc", &format::number(m.hashprice_btc_per_ph_day)),
                ("j", &format::maybe(m.shutdown_efficiency_j_per_th)),
                ("price", &format::usd(chart.settings.usd_per_kwh)),
            ],
        ));
    }
    let link = ui.scope_id().with("history-time");
    ui.separator();
    energy_ui(ui, s, chart, state.show_power, link);
    ui.separator();
    co2_ui(app, ui, s, chart, link);
    ui.separator();
    hashprice_ui(ui, s, chart, link);
    ui.separator();
    years_ui(ui, s, chart);
    ui.separator();
    super::mica::disclosure_ui(
        ui,
        history,
        (&app.library, app.library_generation),
        chart.settings.usd_per_kwh,
        app.session.lang(),
    );
}

/// Vertical lines at the halvings (one legend entry naming their months) and the China ban.
fn event_lines(plot: &mut egui_plot::PlotUi<'_>, s: &HistoryStrings, chart: &HistoryChart) {
    let halving_name = chart.halving_label(s).unwrap_or_default();
    for e in &chart.events {
        let (name, c) = match e.kind {
            EventKind::Halving => (halving_name.clone(), color(palette::EVENT)),
            EventKind::ChinaBan => (s.china_ban.to_string(), color(palette::POLICY)),
        };
        plot.vline(
            VLine::new(name, e.x)
                .color(c)
                .style(egui_plot::LineStyle::dashed_loose()),
        );
    }
}

/// A band as trapezoids between consecutive months (each convex, as plot polygons must be).
fn band_polygons(band: &Band) -> Vec<Vec<[f64; 2]>> {
    band.lower
        .windows(2)
        .zip(band.upper.windows(2))
        .filter(|(l, u)| l[0][0] == u[0][0] && l[1][0] == u[1][0] && l[1][0] - l[0][0] < 0.1)
        .map(|(l, u)| vec![l[0], l[1], u[1], u[0]])
        .collect()
}

fn energy_ui(
    ui: &mut egui::Ui,
    s: &HistoryStrings,
    chart: &HistoryChart,
    show_power: bool,
    link: egui::Id,
) {
    let (title, axis, band, yearly) = if show_power {
        (
            s.power_title,
            s.power_axis,
            &chart.power_gw,
            &chart.yearly_gw,
        )
    } else {
        (
            s.energy_title,
            s.energy_axis,
            &chart.energy_twh_per_year,
            &chart.yearly_twh,
        )
    };
    let cambridge: Vec<[f64; 2]> = chart
        .cambridge
        .iter()
        .map(|p| [p.x, if show_power { p.average_gw } else { p.twh }])
        .collect();
    ui.label(egui::RichText::new(title).strong());
    let band_color = color(palette::SERIES).gamma_multiply(0.25);
    Plot::new("history-energy")
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .height(300.0)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .y_axis_label(axis)
        .include_y(0.0)
        .label_formatter(hover_label(axis, false))
        .show_trusted(ui, |p| {
            for piece in band_polygons(band) {
                p.polygon(
                    Polygon::new(s.band_series, PlotPoints::from(piece))
                        .fill_color(band_color)
                        .stroke(egui::Stroke::new(0.5, band_color)),
                );
            }
            p.line(
                Line::new(s.best_series, PlotPoints::from(band.best.clone()))
                    .color(color(palette::SERIES))
                    .width(2.0),
            );
            p.points(
                Points::new(s.yearly_series, yearly.clone())
                    .radius(4.0)
                    .shape(egui_plot::MarkerShape::Diamond)
                    .color(color(palette::SERIES)),
            );
            p.points(
                Points::new(s.cambridge_series, cambridge)
                    .radius(5.0)
                    .color(color(palette::HIGHLIGHT)),
            );
            event_lines(p, s, chart);
        });
    ui.label(egui::RichText::new(s.energy_note).small().weak());
}

fn co2_ui(app: &App, ui: &mut egui::Ui, s: &HistoryStrings, chart: &HistoryChart, link: egui::Id) {
    let lang = app.session.lang();
    ui.label(egui::RichText::new(s.co2_title).strong());
    let era_lines: Vec<(String, f64)> = chart
        .eras
        .iter()
        .filter(|e| (chart.settings.from..=chart.settings.to).contains(&e.month))
        .map(|e| {
            let name = app
                .library
                .mining_map(&e.id)
                .map_or(e.id.as_str(), |m| m.name_in(lang));
            (
                fill(
                    s.era,
                    &[
                        ("name", name),
                        ("share", &format::fixed(e.china_share_pct, 1)),
                    ],
                ),
                e.x,
            )
        })
        .collect();
    let eras = |p: &mut egui_plot::PlotUi<'_>| {
        for (name, x) in &era_lines {
            p.vline(VLine::new(name, *x).color(color(palette::GAIN)).width(1.5));
        }
    };
    Plot::new("history-co2")
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .height(220.0)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .y_axis_label(s.co2_axis)
        .include_y(0.0)
        .label_formatter(hover_label(s.co2_axis, false))
        .show_trusted(ui, |p| {
            p.line(
                Line::new(
                    s.co2_series,
                    PlotPoints::from(chart.co2_mt_per_year.clone()),
                )
                .color(color(palette::LOSS))
                .width(2.0),
            );
            eras(p);
            event_lines(p, s, chart);
        });
    Plot::new("history-intensity")
        .legend(Legend::default().position(egui_plot::Corner::LeftBottom))
        .height(160.0)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .y_axis_label(s.intensity_axis)
        .label_formatter(hover_label(s.intensity_axis, false))
        .show_trusted(ui, |p| {
            p.line(
                Line::new(
                    s.intensity_series,
                    PlotPoints::from(chart.intensity_g_per_kwh.clone()),
                )
                .color(color(palette::NEUTRAL))
                .width(2.0),
            );
            eras(p);
        });
    if chart.view.months.iter().any(|m| m.before_first_map) {
        ui.label(egui::RichText::new(s.before_first_map).small().weak());
    }
}

/// A log-scale plot of one series: id, axis, series name, points, colour.
type LogPlot<'a> = (
    &'static str,
    &'static str,
    String,
    &'a [[f64; 2]],
    palette::Rgb,
);

fn hashprice_ui(ui: &mut egui::Ui, s: &HistoryStrings, chart: &HistoryChart, link: egui::Id) {
    ui.label(egui::RichText::new(s.hashprice_title).strong());
    let shutdown = fill(
        s.shutdown_series,
        &[("price", &format::usd(chart.settings.usd_per_kwh))],
    );
    let plots: [LogPlot<'_>; 3] = [
        (
            "history-hashprice-usd",
            s.hashprice_usd_axis,
            s.hashprice_usd_series.to_string(),
            &chart.hashprice_usd_per_ph_day,
            palette::GAIN,
        ),
        (
            "history-hashprice-btc",
            s.hashprice_btc_axis,
            s.hashprice_btc_series.to_string(),
            &chart.hashprice_btc_per_ph_day,
            palette::HIGHLIGHT,
        ),
        (
            "history-shutdown",
            s.shutdown_axis,
            shutdown,
            &chart.shutdown_efficiency_j_per_th,
            palette::SERIES,
        ),
    ];
    for (id, axis, name, points, rgb) in plots {
        Plot::new(id)
            .legend(Legend::default().position(egui_plot::Corner::RightTop))
            .height(150.0)
            .y_axis_min_width(Y_AXIS_WIDTH)
            .link_axis(link, [true, false])
            .link_cursor(link, [true, false])
            .y_axis_label(axis)
            .y_axis_formatter(|mark, _| format::number(10f64.powf(mark.value)))
            .y_grid_spacer(egui_plot::log_grid_spacer(10))
            .label_formatter(hover_label("", true))
            .show_trusted(ui, |p| {
                p.line(
                    Line::new(name, PlotPoints::from(log10_points(points)))
                        .color(color(rgb))
                        .width(2.0),
                );
                event_lines(p, s, chart);
            });
    }
    ui.label(egui::RichText::new(s.gaps_note).small().weak());
}

fn years_ui(ui: &mut egui::Ui, s: &HistoryStrings, chart: &HistoryChart) {
    ui.label(egui::RichText::new(s.years_title).strong());
    egui::ScrollArea::horizontal()
        .id_salt("history-years-scroll")
        .show(ui, |ui| years_table(ui, s, chart));
}

fn years_table(ui: &mut egui::Ui, s: &HistoryStrings, chart: &HistoryChart) {
    egui::Grid::new("history-years")
        .striped(true)
        .spacing([18.0, 4.0])
        .show(ui, |ui| {
            for head in [
                s.col_year,
                s.col_energy_lower,
                s.col_energy,
                s.col_energy_upper,
                s.col_cambridge,
                s.col_co2,
                s.col_hashprice,
            ] {
                ui.label(egui::RichText::new(head).strong());
            }
            ui.end_row();
            for y in &chart.view.years {
                let year = if y.months == 12 {
                    y.year.to_string()
                } else {
                    format!("{} {}", y.year, s.partial_year)
                };
                ui.label(year);
                let cambridge = chart
                    .cambridge
                    .iter()
                    .find(|p| p.year == y.year && y.months == 12)
                    .map(|p| p.twh);
                for cell in [
                    format::number(y.energy_twh_lower),
                    format::number(y.energy_twh),
                    format::number(y.energy_twh_upper),
                    format::maybe(cambridge),
                    format::number(y.co2_mt),
                    y.hashprice_usd_per_ph_day
                        .map_or_else(|| format::UNDEFINED.to_string(), format::usd),
                ] {
                    ui.label(egui::RichText::new(format!("{cell:>10}")).monospace());
                }
                ui.end_row();
            }
        });
}
