//! The Compare view: pinned scenarios side by side, "Where should this fleet go?", and the
//! break-even BTC price against a carbon price.

use super::widgets::color;
use super::{App, Command, Pinned};
use crate::chart_data::carbon_price_lines;
use crate::compare::{self, RankBy};
use crate::figures::Figure;
use crate::format;
use crate::i18n::{Strings, fill};
use crate::model::Evaluation;
use crate::palette;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, VLine};

/// The range of the "at most … g CO₂e/kWh" field of the region ranking.
pub const RANK_MAX_INTENSITY_RANGE: std::ops::RangeInclusive<f64> = 0.0..=2000.0;

/// How many scenarios the comparison holds.
pub const MAX_PINNED: usize = 8;

/// Distinct colours for the pinned scenarios' bars and lines.
const PINNED_COLOURS: [palette::Rgb; MAX_PINNED] = [
    palette::SERIES,
    palette::HIGHLIGHT,
    palette::GAIN,
    palette::EVENT,
    (200, 160, 30),
    (40, 160, 170),
    palette::LOSS,
    palette::NEUTRAL,
];

pub fn compare_ui(app: &mut App, ui: &mut egui::Ui) {
    let strings = app.strings();
    pinned_ui(app, ui, strings);
    ui.add_space(12.0);
    ui.separator();
    ranking_ui(app, ui, strings);
    ui.add_space(12.0);
    ui.separator();
    carbon_price_ui(app, ui, strings);
}

fn pinned_ui(app: &mut App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    let lang = app.session.lang();
    let full = app.session.pinned.len() >= MAX_PINNED;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!full, egui::Button::new(s.pin_current))
            .clicked()
        {
            let name = app.display_name();
            app.session.pinned.push(Pinned {
                name,
                doc: app.session.doc.clone(),
            });
        }
        if ui
            .add_enabled(!full, egui::Button::new(s.add_files))
            .clicked()
        {
            app.queue(Command::AddToCompare);
        }
        if !app.session.pinned.is_empty() && ui.button(s.clear_pinned).clicked() {
            app.session.pinned.clear();
        }
        ui.label(fill(
            s.pinned_count,
            &[
                ("n", &app.session.pinned.len().to_string()),
                ("max", &MAX_PINNED.to_string()),
            ],
        ));
    });
    if app.session.pinned.is_empty() {
        ui.label(egui::RichText::new(s.compare_empty).weak());
        return;
    }
    // A pinned scenario that no longer resolves (a preset removed) shows its reason instead.
    let evaluated: Vec<Result<Evaluation, String>> = app
        .session
        .pinned
        .iter()
        .map(|p| {
            p.doc
                .resolve(&app.library)
                .map(|s| crate::model::evaluate(&s))
                .map_err(|e| e.to_string())
        })
        .collect();
    for (p, result) in app.session.pinned.iter().zip(&evaluated) {
        if let Err(e) = result {
            ui.colored_label(ui.visuals().error_fg_color, format!("{}: {e}", p.name));
        }
    }
    let good: Vec<(usize, &Evaluation)> = evaluated
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.as_ref().ok().map(|e| (i, e)))
        .collect();
    let evaluations: Vec<Evaluation> = good.iter().map(|(_, e)| (*e).clone()).collect();
    let rows = compare::table(&evaluations);
    let mut remove = None;
    let gain = color(palette::GAIN);
    egui::ScrollArea::horizontal()
        .id_salt("compare-table")
        .show(ui, |ui| {
            egui::Grid::new("compare-grid")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(s.compare_figure).strong());
                    ui.label(egui::RichText::new(s.compare_unit).strong());
                    for &(i, _) in &good {
                        ui.horizontal(|ui| {
                            let name = &app.session.pinned[i].name;
                            let swatch = color(PINNED_COLOURS[i % MAX_PINNED]);
                            let (rect, _) = ui
                                .allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                            ui.painter().rect_filled(rect, 2.0, swatch);
                            ui.label(egui::RichText::new(name).strong());
                            if ui
                                .small_button("×")
                                .on_hover_text(s.remove_pinned)
                                .clicked()
                            {
                                remove = Some(i);
                            }
                        });
                    }
                    ui.end_row();
                    for row in &rows {
                        let figure = Figure::from_key(row.key).map(|f| f.words(lang));
                        ui.label(figure.map_or(row.key, |f| f.label));
                        ui.label(egui::RichText::new(figure.map_or("", |f| f.unit)).weak());
                        for (column, value) in row.values.iter().enumerate() {
                            let text = match (row.key, value) {
                                ("payback_days", None) => strings.results.never.to_string(),
                                _ => format::maybe(*value),
                            };
                            let mut text = egui::RichText::new(text);
                            if row.best.contains(&column) {
                                text = text.color(gain).strong();
                            }
                            ui.label(text);
                        }
                        ui.end_row();
                    }
                });
        });
    ui.label(egui::RichText::new(s.compare_best_note).small().weak());
    if let Some(i) = remove {
        app.session.pinned.remove(i);
        return;
    }

    // Grouped bars: one chart per figure, one bar per scenario.
    let names: Vec<String> = good
        .iter()
        .map(|(i, _)| app.session.pinned[*i].name.clone())
        .collect();
    let colours: Vec<egui::Color32> = good
        .iter()
        .map(|(i, _)| color(PINNED_COLOURS[i % MAX_PINNED]))
        .collect();
    let charts = [
        Figure::BreakEvenBtcPriceUsd,
        Figure::Co2TPerBtc,
        Figure::ProfitUsdPerDay,
    ]
    .map(|f| (f.key(), f.words(lang)));
    ui.columns(charts.len(), |cols| {
        for (col, (key, figure)) in cols.iter_mut().zip(charts) {
            col.label(egui::RichText::new(format!("{} ({})", figure.label, figure.unit)).strong());
            let Some(row) = rows.iter().find(|r| r.key == key) else {
                continue;
            };
            Plot::new(("compare-bars", key))
                .height(200.0)
                .legend(Legend::default())
                .show_x(false)
                .include_y(0.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .x_axis_formatter(|_, _| String::new())
                .y_axis_formatter(|mark, _| format::number(mark.value))
                .show(col, |p| {
                    for (i, value) in row.values.iter().enumerate() {
                        let Some(v) = value else { continue };
                        let bar = Bar::new(i as f64, *v).width(0.7).fill(colours[i]);
                        p.bar_chart(BarChart::new(names[i].clone(), vec![bar]).color(colours[i]));
                    }
                });
        }
    });
}

fn rank_label(s: &Strings, by: RankBy) -> &'static str {
    match by {
        RankBy::BreakEvenBtcPrice => s.app.rank_break_even,
        RankBy::Co2PerBtc => s.app.rank_co2,
        RankBy::Profit => s.app.rank_profit,
    }
}

fn ranking_ui(app: &mut App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    ui.heading(s.rank_heading);
    ui.horizontal(|ui| {
        ui.label(s.rank_by);
        for by in [RankBy::BreakEvenBtcPrice, RankBy::Co2PerBtc, RankBy::Profit] {
            ui.radio_value(&mut app.session.rank_by, by, rank_label(strings, by));
        }
    });
    ui.horizontal(|ui| {
        let mut filter = app.session.rank_max_intensity.is_some();
        if ui.checkbox(&mut filter, s.rank_filter).changed() {
            app.session.rank_max_intensity = filter.then_some(100.0);
        }
        if let Some(max) = app.session.rank_max_intensity.as_mut() {
            let label = ui.label(s.rank_max_intensity);
            ui.add(
                egui::DragValue::new(max)
                    .range(RANK_MAX_INTENSITY_RANGE)
                    .speed(1.0)
                    .suffix(" g CO₂e/kWh"),
            )
            .labelled_by(label.id);
        }
    });
    let Ok(computed) = &app.computed else {
        return;
    };
    let rows = computed.charts.regions.rows.clone();
    let ranked = compare::rank_regions(&rows, app.session.rank_by, app.session.rank_max_intensity);
    if ranked.is_empty() {
        ui.label(egui::RichText::new(s.rank_none).weak());
        return;
    }
    let current = computed.charts.regions.current.clone();
    let mut move_to = None;
    egui::Grid::new("ranking")
        .striped(true)
        .spacing([14.0, 3.0])
        .show(ui, |ui| {
            ui.label(egui::RichText::new("#").strong());
            ui.label(egui::RichText::new(s.rank_region).strong());
            ui.label(egui::RichText::new(rank_label(strings, app.session.rank_by)).strong());
            ui.label(egui::RichText::new(strings.results.grid_intensity_g_per_kwh.label).strong());
            ui.label(egui::RichText::new(s.rank_price).strong());
            ui.label("");
            ui.end_row();
            for (rank, row) in ranked.iter().take(12).enumerate() {
                let is_current = current.as_deref() == Some(row.id.as_str());
                ui.label(format!("{}", rank + 1));
                let mut name = egui::RichText::new(&row.name);
                if is_current {
                    name = name.color(color(palette::HIGHLIGHT)).strong();
                }
                ui.label(name);
                let value = match app.session.rank_by {
                    RankBy::BreakEvenBtcPrice => row
                        .break_even_btc_price_usd
                        .map_or(format::UNDEFINED.into(), format::usd),
                    RankBy::Co2PerBtc => format!("{} t", format::maybe(row.co2_t_per_btc)),
                    RankBy::Profit => format::usd(row.profit_usd_per_day),
                };
                let estimate = match app.session.rank_by {
                    RankBy::Co2PerBtc => row.intensity_estimate,
                    _ => row.break_even_estimate,
                };
                ui.horizontal(|ui| {
                    ui.label(value);
                    if estimate {
                        super::widgets::badge(ui, s.estimate_badge);
                    }
                });
                ui.label(format!(
                    "{} g/kWh",
                    format::fixed(row.intensity_g_per_kwh, 0)
                ));
                ui.label(format!("{}/kWh", format::usd(row.electricity_usd_per_kwh)));
                if !is_current && ui.small_button(s.move_here).clicked() {
                    move_to = Some(row.id.clone());
                }
                ui.end_row();
            }
        });
    if let Some(id) = move_to {
        app.queue(Command::SetRegion(id));
    }
}

fn carbon_price_ui(app: &mut App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    ui.heading(s.carbon_price_heading);
    let Ok(computed) = &app.computed else {
        return;
    };
    // The current site and the five best regions of the ranking.
    let rows = computed.charts.regions.rows.clone();
    let top: Vec<String> =
        compare::rank_regions(&rows, app.session.rank_by, app.session.rank_max_intensity)
            .into_iter()
            .filter(|r| computed.charts.regions.current.as_deref() != Some(r.id.as_str()))
            .take(5)
            .map(|r| r.id.clone())
            .collect();
    let max_price = (computed.scenario.site.carbon_price_usd_per_t * 2.0).max(200.0);
    let lines = carbon_price_lines(
        &app.session.doc,
        &app.library,
        s.this_site,
        &top,
        max_price,
        app.session.lang(),
    );
    let btc_price = computed.scenario.market.btc_price_usd;
    let current_carbon = computed.scenario.site.carbon_price_usd_per_t;
    Plot::new("carbon-price")
        .height(300.0)
        .legend(Legend::default())
        .x_axis_label(s.carbon_price_axis)
        .y_axis_label(s.break_even_btc_axis)
        .y_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .include_y(0.0)
        .show(ui, |p| {
            p.hline(
                egui_plot::HLine::new(format!("BTC {}", format::usd(btc_price)), btc_price)
                    .color(color(palette::NEUTRAL))
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
            p.vline(VLine::new("", current_carbon).color(color(palette::NEUTRAL)));
            for (i, line) in lines.iter().enumerate() {
                let colour = if line.region.is_none() {
                    color(palette::HIGHLIGHT)
                } else {
                    color(PINNED_COLOURS[(i + 1) % MAX_PINNED]).gamma_multiply(0.9)
                };
                let points: Vec<[f64; 2]> = line.points.iter().map(|&(x, y)| [x, y]).collect();
                let width = if line.region.is_none() { 3.0 } else { 1.5 };
                p.line(
                    Line::new(line.name.clone(), PlotPoints::from(points))
                        .color(colour)
                        .width(width),
                );
            }
        });
}
