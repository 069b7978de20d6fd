//! The Dispatch tab: the fleet hour by hour against an imported price series or the scenario's
//! time-of-use tariff. A price-duration curve with the break-even line and the steps mined, a
//! week view, and cards comparing always-on with dispatched. A series is read and checked on a
//! thread of its own, so a 5-minute year never stalls a frame; the dispatch itself is computed
//! once per change of the scenario or the series.

use super::job::{Job, Status};
use super::plot_rules::TrustedPlot;
use super::widgets::{InputField, color};
use super::{App, Command};
use crate::chart_data::dispatch::{DurationCurve, DurationPoint};
use crate::format;
use crate::i18n::{Strings, fill};
use crate::inputs::Input;
use crate::model::dispatch::{Dispatch, DispatchRates, dispatch};
use crate::palette;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use egui_plot::{HLine, Legend, Line, Plot, PlotPoints, Points};
use std::sync::Arc;

mod state;
pub use state::*;

impl App {
    /// Applies a command of the Dispatch tab.
    pub(super) fn apply_dispatch(&mut self, command: DispatchCommand, ctx: &egui::Context) {
        match command {
            DispatchCommand::Import => {
                self.ask_path(super::files::DialogPurpose::ImportPrices, ctx)
            }
            DispatchCommand::ImportPath(path) => {
                let label = path.display().to_string();
                // A 5-minute year is 105,120 rows: read and checked beside the UI thread.
                let spawned = Job::spawn("price-series", ctx, move || {
                    crate::price_series::read_price_series(&path)
                });
                match spawned {
                    Ok(job) => {
                        self.dispatch.importing = Some(Importing { label, job });
                        self.dispatch.error = None;
                    }
                    Err(e) => self.dispatch.error = Some(e.to_string()),
                }
            }
            DispatchCommand::ClearSeries => {
                self.dispatch.imported = None;
                self.dispatch.error = None;
                self.dispatch.week = 0;
                self.dispatch.series_generation += 1;
            }
            DispatchCommand::SetWeek(week) => self.dispatch.week = week,
            DispatchCommand::SetTariffEditor(editor) => self.dispatch.tariff_editor = *editor,
        }
    }

    /// Takes a finished import, if one has arrived.
    pub(super) fn poll_import(&mut self) {
        let Some(importing) = &self.dispatch.importing else {
            return;
        };
        let result = match importing.job.poll() {
            Status::Done(result) => result,
            Status::Running => return,
            Status::Lost => {
                self.dispatch.importing = None;
                return;
            }
        };
        let label = importing.label.clone();
        self.dispatch.importing = None;
        match result {
            Ok(series) => {
                self.dispatch.imported = Some(Imported {
                    label,
                    series: Arc::new(series),
                });
                self.dispatch.week = 0;
                self.dispatch.series_generation += 1;
            }
            Err(e) => self.dispatch.error = Some(e.localized(self.session.lang())),
        }
    }

    /// The dispatch for the current document and series, computed when either changed.
    pub(super) fn refresh_dispatch(&mut self) {
        let key = (self.doc_generation, self.dispatch.series_generation);
        if self
            .dispatch
            .cached
            .as_ref()
            .is_some_and(|(k, _)| *k == key)
        {
            return;
        }
        let Ok(computed) = &self.computed else {
            return;
        };
        let doc = &self.session.doc;
        let lang = self.session.lang();
        let series = match &self.dispatch.imported {
            Some(imported) => Some(imported.series.clone()),
            None => doc.dispatch.tariff_series(&computed.scenario).map(Arc::new),
        };
        let outcome = match (series, doc.fleet_modes(&computed.scenario, &self.library)) {
            (None, _) => None,
            (Some(_), Err(e)) => Some(Err(e.localized(lang))),
            (Some(series), Ok(modes)) => {
                let rates = DispatchRates::of(&computed.scenario);
                let d = dispatch(&rates, &modes, &series, &doc.dispatch.settings());
                self.dispatch.runs += 1;
                Some(Ok(Arc::new(Outcome {
                    curve: DurationCurve::of(&d),
                    modes: modes.into_iter().map(|m| m.name).collect(),
                    site_uptime_pct: rates.site_uptime_pct,
                    series,
                    dispatch: d,
                })))
            }
        };
        self.dispatch.cached = outcome.map(|o| (key, o));
        if self.dispatch.cached.is_none() {
            // Nothing to show; remember that for this key too.
            self.dispatch.cached = Some((key, Err(String::new())));
        }
    }
}

/// The central panel's margin, px: between the tab's content and the window's edge.
const PANEL_MARGIN: f32 = 8.0;
/// The narrowest the tab is laid out, px.
const MIN_WIDTH: f32 = 300.0;

/// The Dispatch tab.
pub fn dispatch_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    // Within the window's edge, even where a row above the tab ran wider than the panel (its
    // layout then grows past the edge, and the editors' frames would be cut).
    let right = ui
        .max_rect()
        .right()
        .min(ui.clip_rect().right() - PANEL_MARGIN);
    ui.set_max_width((right - ui.cursor().left()).max(MIN_WIDTH));
    let strings = app.strings();
    let t = &strings.dispatch;
    ui.heading(t.title);
    ui.label(egui::RichText::new(t.intro).weak());
    ui.add_space(4.0);
    settings_ui(app, doc, ui, strings);
    ui.add_space(4.0);
    tariff_ui(app, doc, ui);
    ui.add_space(4.0);
    let view = &app.dispatch;
    if let Some(importing) = &view.importing {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("{} {}", t.importing, importing.label));
        });
    }
    if let Some(error) = &view.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let outcome = match &view.cached {
        Some((_, Ok(outcome))) => outcome.clone(),
        Some((_, Err(e))) if !e.is_empty() => {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        _ => {
            ui.label(t.none_yet);
            return;
        }
    };
    source_line(app, ui, &outcome, strings);
    cards_ui(ui, &outcome.dispatch, outcome.site_uptime_pct, strings);
    ui.add_space(6.0);
    duration_ui(ui, &outcome, strings);
    ui.add_space(6.0);
    week_ui(app, ui, &outcome, strings);
}

/// The tariff editor on the document's draft; its fields' state goes back by a command.
fn tariff_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let flat_usd_mwh = app.computed.as_ref().map_or(0.0, |c| {
        (c.scenario.site.electricity_usd_per_kwh * 1000.0 * 100.0).round() / 100.0
    });
    let mut editor = app.dispatch.tariff_editor.clone();
    super::tariff_editor::tariff_ui(
        ui,
        &mut editor,
        &mut doc.dispatch.tariff,
        app.dispatch.imported.is_some(),
        flat_usd_mwh,
        app.session.lang(),
    );
    if editor != app.dispatch.tariff_editor {
        app.queue(Command::Dispatch(DispatchCommand::SetTariffEditor(
            Box::new(editor),
        )));
    }
}

/// The credit, the minimum run and off times, and the import and clear buttons.
fn settings_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui, s: &Strings) {
    let t = &s.dispatch;
    let lang = app.session.lang();
    ui.horizontal_wrapped(|ui| {
        if ui.button(t.import).clicked() {
            app.queue(Command::Dispatch(DispatchCommand::Import));
        }
        if app.dispatch.imported.is_some() && ui.button(t.use_tariff).clicked() {
            app.queue(Command::Dispatch(DispatchCommand::ClearSeries));
        }
        ui.separator();
        let d = &mut doc.dispatch;
        ui.add(
            InputField::new(Input::DispatchCreditUsdPerMwh, &mut d.credit_usd_per_mwh).lang(lang),
        );
        ui.add(InputField::count(Input::DispatchMinRunSteps, &mut d.min_run_steps).lang(lang));
        ui.add(InputField::count(Input::DispatchMinOffSteps, &mut d.min_off_steps).lang(lang));
    });
}

/// Where the prices come from, the break-even and the modes.
fn source_line(app: &App, ui: &mut egui::Ui, outcome: &Outcome, s: &Strings) {
    let t = &s.dispatch;
    let series = &outcome.series;
    let source = match (&app.dispatch.imported, &app.session.doc.dispatch.tariff) {
        (Some(imported), _) => fill(
            t.series_line,
            &[
                ("file", &imported.label),
                ("steps", &format::fixed(series.len() as f64, 0)),
                ("step", &series.step_minutes.to_string()),
                ("from", &series.timestamp(0)),
            ],
        ),
        (None, Some(tariff)) => fill(
            t.tariff_line,
            &[
                ("year", &tariff.year.to_string()),
                ("periods", &tariff.periods.len().to_string()),
            ],
        ),
        (None, None) => String::new(),
    };
    ui.label(egui::RichText::new(source).strong());
    if let Some(be) = outcome.dispatch.summary.break_even_usd_mwh {
        ui.label(fill(t.break_even_line, &[("value", &format::fixed(be, 2))]));
    }
    if !outcome.modes.is_empty() {
        ui.label(fill(t.modes_line, &[("names", &outcome.modes.join(", "))]));
    }
}

/// Always-on beside dispatched: profit, uptime, CO₂, intensity paid (and what dispatch adds).
fn cards_ui(ui: &mut egui::Ui, d: &Dispatch, site_uptime_pct: f64, s: &Strings) {
    let t = &s.dispatch;
    let m = &d.summary;
    let maybe = |x: Option<f64>| x.map_or(format::UNDEFINED.to_string(), |v| format::fixed(v, 0));
    let rows: [(&str, String, String); 4] = [
        (
            t.profit,
            format::usd(m.profit_always_on_usd),
            format::usd(m.profit_usd),
        ),
        (
            t.uptime,
            format!("{} %", format::fixed(site_uptime_pct, 1)),
            format!("{} %", format::fixed(m.uptime_pct, 1)),
        ),
        (
            t.co2,
            format!("{} t", format::number(m.co2_always_on_t)),
            format!("{} t", format::number(m.co2_t)),
        ),
        (
            t.intensity_paid,
            format!("{} g/kWh", maybe(m.intensity_always_on_g_per_kwh)),
            format!("{} g/kWh", maybe(m.intensity_paid_g_per_kwh)),
        ),
    ];
    let mut cards: Vec<(f32, Vec<egui::RichText>)> = rows
        .into_iter()
        .map(|(label, always, dispatched)| {
            let lines = vec![
                egui::RichText::new(label).strong(),
                egui::RichText::new(format!("{}: {always}", t.always_on)),
                egui::RichText::new(format!("{}: {dispatched}", t.dispatched)).strong(),
            ];
            (CARD_WIDTH, lines)
        })
        .collect();
    cards.push((
        WIDE_CARD_WIDTH,
        vec![
            egui::RichText::new(format!(
                "{}: {} h",
                t.hours_mined,
                format::number(m.hours_mined)
            )),
            egui::RichText::new(format!(
                "{}: {} USD/MWh",
                t.mean_price_paid,
                m.mean_price_paid_usd_mwh
                    .map_or(format::UNDEFINED.to_string(), |p| format::fixed(p, 2))
            )),
            egui::RichText::new(format!("{}: {}", t.credits, format::usd(m.credits_usd))),
        ],
    ));
    // As many a row as fit: a frame in a wrapping layout would not wrap (its size is only
    // known once drawn), so the rows are made here.
    let frame = egui::Frame::group(ui.style());
    let outer = |width: f32| width + frame.total_margin().sum().x;
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let mut rows: Vec<Vec<(f32, Vec<egui::RichText>)>> = Vec::new();
    let mut used = 0.0;
    for card in cards {
        match rows.last_mut() {
            Some(row) if used + gap + outer(card.0) <= available => {
                used += gap + outer(card.0);
                row.push(card);
            }
            _ => {
                used = outer(card.0);
                rows.push(vec![card]);
            }
        }
    }
    for row in rows {
        ui.horizontal_top(|ui| {
            for (width, lines) in row {
                frame.show(ui, |ui| {
                    ui.set_width(width);
                    ui.vertical(|ui| {
                        for line in lines {
                            ui.label(line);
                        }
                    });
                });
            }
        });
    }
}

/// A card's inner width, px; the hours, mean price and credits card's.
const CARD_WIDTH: f32 = 170.0;
const WIDE_CARD_WIDTH: f32 = 220.0;

/// The price-duration curve: every step's cost of power, dearest first, the steps mined in
/// the gain colour, and the break-even line.
fn duration_ui(ui: &mut egui::Ui, outcome: &Outcome, s: &Strings) {
    let t = &s.dispatch;
    ui.label(egui::RichText::new(t.duration_title).strong());
    let curve = &outcome.curve;
    let (mined, idle): (Vec<_>, Vec<_>) = curve.points.iter().partition(|p| p.mined);
    let points = |list: Vec<&DurationPoint>| -> PlotPoints {
        list.iter()
            .map(|p| [p.share_pct, p.cost_usd_per_mwh])
            .collect()
    };
    Plot::new("dispatch-duration")
        .height(240.0)
        .legend(Legend::default())
        .x_axis_label(t.duration_x)
        .y_axis_label(t.cost_axis)
        .allow_scroll(false)
        .show_trusted(ui, |p| {
            p.line(
                Line::new(
                    t.cost_axis,
                    curve
                        .points
                        .iter()
                        .map(|p| [p.share_pct, p.cost_usd_per_mwh])
                        .collect::<PlotPoints>(),
                )
                .color(color(palette::NEUTRAL)),
            );
            p.points(
                Points::new(t.mined, points(mined))
                    .radius(2.0)
                    .color(color(palette::GAIN)),
            );
            p.points(
                Points::new(t.idle, points(idle))
                    .radius(2.0)
                    .color(color(palette::LOSS)),
            );
            if let Some(be) = curve.break_even_usd_mwh {
                p.hline(HLine::new(t.break_even, be).color(color(palette::EVENT)));
            }
        });
}

/// One week of steps: the cost of power, the steps mined, the break-even.
fn week_ui(app: &App, ui: &mut egui::Ui, outcome: &Outcome, s: &Strings) {
    let t = &s.dispatch;
    let series = &outcome.series;
    let per_week = (7 * 24 * 60 / series.step_minutes.max(1)) as usize;
    let weeks = series.len().div_ceil(per_week).max(1);
    let week = app.dispatch.week.min(weeks - 1);
    let first = week * per_week;
    let last = (first + per_week).min(series.len());
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(t.week_title).strong());
        if ui
            .add_enabled(week > 0, egui::Button::new(t.previous_week))
            .clicked()
        {
            app.queue(Command::Dispatch(DispatchCommand::SetWeek(week - 1)));
        }
        let date = series.timestamp(first);
        ui.label(fill(t.week_of, &[("date", &date[..10.min(date.len())])]));
        if ui
            .add_enabled(week + 1 < weeks, egui::Button::new(t.next_week))
            .clicked()
        {
            app.queue(Command::Dispatch(DispatchCommand::SetWeek(week + 1)));
        }
    });
    let d = &outcome.dispatch;
    let step_h = series.step_hours();
    let at = |i: usize| [(i - first) as f64 * step_h, d.cost_usd_per_mwh[i]];
    let cost: PlotPoints = (first..last).map(at).collect();
    let mined: PlotPoints = (first..last).filter(|&i| d.run[i] != 0).map(at).collect();
    let idle: PlotPoints = (first..last).filter(|&i| d.run[i] == 0).map(at).collect();
    Plot::new("dispatch-week")
        .height(220.0)
        .legend(Legend::default())
        .x_axis_label(t.hours_axis)
        .y_axis_label(t.cost_axis)
        .allow_scroll(false)
        .show_trusted(ui, |p| {
            p.line(Line::new(t.cost_axis, cost).color(color(palette::NEUTRAL)));
            p.points(
                Points::new(t.mined, mined)
                    .radius(2.5)
                    .color(color(palette::GAIN)),
            );
            p.points(
                Points::new(t.idle, idle)
                    .radius(2.5)
                    .color(color(palette::LOSS)),
            );
            if let Some(be) = d.summary.break_even_usd_mwh {
                p.hline(HLine::new(t.break_even, be).color(color(palette::EVENT)));
            }
        });
}

#[cfg(test)]
#[path = "../dispatch_tests.rs"]
mod tests;
