//! The Backtest view: the scenario's fleet run through real months of the history.

use super::super::plot_rules::TrustedPlot;
use super::super::widgets::color;
use super::super::{App, Command};
use super::parts::{Y_AXIS_WIDTH, history_or_message, period_fields};
use crate::format;
use crate::history::History;
use crate::history::backtest::BacktestError;
use crate::history::chart::{BacktestChart, BacktestSettings, BacktestViewError, month_at};
use crate::i18n::{Lang, fill, history::HistoryStrings};
use crate::palette;
use eframe::egui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, VLine};

/// The message for a backtest that cannot run.
pub fn backtest_error(
    s: &HistoryStrings,
    e: &BacktestViewError,
    history: &History,
    lang: crate::i18n::Lang,
) -> String {
    match e {
        BacktestViewError::Range(e) => e.localized(lang),
        // Not reached: a range inside the history, start before end, has months.
        BacktestViewError::Run(e @ BacktestError::Empty) => e.localized(lang),
        BacktestViewError::Run(BacktestError::NoPrice(month)) => fill(
            s.no_price,
            &[
                ("month", &month.to_string()),
                (
                    "last_priced",
                    &BacktestSettings::latest(history).to.to_string(),
                ),
            ],
        ),
    }
}

pub fn backtest_ui(app: &App, ui: &mut egui::Ui) {
    let s = &app.strings().history;
    let Some(history) = history_or_message(app, ui, s) else {
        return;
    };
    ui.label(egui::RichText::new(s.backtest_title).strong());
    ui.label(egui::RichText::new(s.backtest_intro).small().weak());
    let mut state = app.history_view;
    let current = state
        .backtest
        .unwrap_or_else(|| BacktestSettings::latest(history));
    let mut settings = current;
    ui.horizontal_wrapped(|ui| {
        period_fields(ui, s, (&mut settings.from, &mut settings.to), history);
        if ui.button(s.latest_three_years).clicked() {
            settings = BacktestSettings::latest(history);
        }
    });
    if settings != current {
        state.backtest = Some(settings);
        app.queue(Command::SetHistoryView(state));
    }
    match app.derived.backtest.get() {
        None => {}
        Some(Err(e)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                backtest_error(s, e, history, app.session.lang()),
            );
        }
        Some(Ok(chart)) => backtest_chart_ui(ui, s, chart, app.session.lang()),
    }
}

pub(super) fn backtest_chart_ui(
    ui: &mut egui::Ui,
    s: &HistoryStrings,
    chart: &BacktestChart,
    lang: Lang,
) {
    let sum = &chart.backtest.summary;
    // A fleet above 1 % of the network would move the difficulty the history records.
    if let Some(warning) =
        crate::history::backtest::network_share_warning(sum.largest_network_share_pct, lang)
    {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }
    let payback_text = match sum.payback_month {
        Some(m) => fill(s.payback, &[("month", &m.to_string())]),
        None => fill(s.no_payback, &[("month", &chart.settings.to.to_string())]),
    };
    let payback_color = if sum.payback_month.is_some() {
        color(palette::GAIN)
    } else {
        color(palette::LOSS)
    };
    ui.colored_label(payback_color, egui::RichText::new(&payback_text).strong());
    let cards = [
        (s.card_btc, format!("{} BTC", format::number(sum.btc_mined))),
        (s.card_revenue, format::usd(sum.revenue_usd)),
        (s.card_electricity, format::usd(sum.electricity_usd)),
        (s.card_cash_cost, format::usd(sum.cash_cost_usd)),
        (s.card_profit, format::usd(sum.profit_usd)),
        (s.card_hardware, format::usd(sum.hardware_usd)),
        (s.card_cumulative, format::usd(sum.cumulative_cash_flow_usd)),
        (
            s.card_payback,
            sum.payback_month
                .map_or_else(|| format::UNDEFINED.to_string(), |m| m.to_string()),
        ),
        (
            s.card_cost_per_btc,
            sum.cash_cost_per_btc_usd
                .map_or_else(|| format::UNDEFINED.to_string(), format::usd),
        ),
        (s.card_co2, format::co2_kg(sum.co2_t * 1000.0)),
    ];
    // Rows of as many cards as fit: a frame in a wrapping layout would not wrap, and would
    // widen the view (and every chart in it) instead.
    const CARD_WIDTH: f32 = 150.0;
    const CARD_OUTER: f32 = CARD_WIDTH + 2.0 * 10.0 + 2.0 + 8.0;
    let per_row = ((ui.available_width() / CARD_OUTER).floor() as usize).max(1);
    for row in cards.chunks(per_row) {
        ui.horizontal(|ui| {
            for (label, value) in row {
                egui::Frame::group(ui.style())
                    .inner_margin(egui::Margin::symmetric(10, 6))
                    .show(ui, |ui| {
                        ui.set_width(CARD_WIDTH);
                        ui.vertical(|ui| {
                            ui.label(egui::RichText::new(*label).small().weak());
                            ui.label(egui::RichText::new(value).size(17.0).strong());
                        });
                    });
            }
        });
    }

    ui.label(egui::RichText::new(s.cumulative_title).strong());
    let payback_x = sum.payback_month.and_then(|m| {
        let i = chart.backtest.months.iter().position(|b| b.month == m)?;
        chart.cumulative_usd.get(i + 1).map(|p| p[0])
    });
    Plot::new("backtest-cash")
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .height(280.0)
        .y_axis_min_width(Y_AXIS_WIDTH)
        .y_axis_label(s.cumulative_axis)
        .y_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .include_y(0.0)
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { position, .. } => Some(format!(
                "{} · {}",
                // A point sits at the end of its month.
                month_at(position.x - 1.0 / 24.0),
                format::usd(position.y)
            )),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show_trusted(ui, |p| {
            p.hline(
                HLine::new("", 0.0)
                    .color(color(palette::NEUTRAL))
                    .width(1.0),
            );
            p.line(
                Line::new(
                    s.cumulative_series,
                    PlotPoints::from(chart.cumulative_usd.clone()),
                )
                .color(color(palette::SERIES))
                .width(2.0),
            );
            if let Some(x) = payback_x {
                p.vline(
                    VLine::new(payback_text.clone(), x)
                        .color(color(palette::GAIN))
                        .width(1.5),
                );
            }
        });

    ui.label(egui::RichText::new(s.months_title).strong());
    // Scrolls sideways in a narrow window rather than widening the charts above.
    egui::ScrollArea::horizontal()
        .id_salt("backtest-months-scroll")
        .show(ui, |ui| months_table(ui, s, chart));
}

pub(super) fn months_table(ui: &mut egui::Ui, s: &HistoryStrings, chart: &BacktestChart) {
    egui::Grid::new("backtest-months")
        .striped(true)
        .spacing([14.0, 3.0])
        .show(ui, |ui| {
            for head in [
                s.col_month,
                s.col_btc,
                s.col_price,
                s.col_revenue,
                s.col_electricity,
                s.col_other_costs,
                s.col_profit,
                s.col_cumulative,
                s.col_cost_per_btc,
                s.col_co2_t,
            ] {
                ui.label(egui::RichText::new(head).strong());
            }
            ui.end_row();
            for m in &chart.backtest.months {
                ui.label(egui::RichText::new(m.month.to_string()).monospace());
                for cell in [
                    format::number(m.btc),
                    format::usd(m.btc_price_usd),
                    format::usd(m.revenue_usd),
                    format::usd(m.electricity_usd),
                    format::usd(m.other_costs_usd),
                    format::usd(m.profit_usd),
                    format::usd(m.cumulative_cash_flow_usd),
                    m.cash_cost_per_btc_usd
                        .map_or_else(|| format::UNDEFINED.to_string(), format::usd),
                    format::number(m.co2_t),
                ] {
                    ui.label(egui::RichText::new(format!("{cell:>12}")).monospace());
                }
                ui.end_row();
            }
        });
}
