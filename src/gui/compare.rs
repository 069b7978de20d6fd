//! The Compare view: pinned scenarios side by side, "Where should this fleet go?", and the
//! break-even BTC price against a carbon price.

use super::plot_rules::TrustedPlot;
use super::session::{RANK_MAX_INTENSITY_RANGE, pin_name};
use super::widgets::color;
use super::{App, Command, Pinned};
use crate::chart_data::RegionRow;
use crate::compare::{self, RankBy};
use crate::figures::Figure;
use crate::format;
use crate::i18n::app::AppStrings;
use crate::i18n::{Lang, Strings, fill};
use crate::inputs::Input;
use crate::palette;
use crate::presets::PresetLibrary;
use eframe::egui;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, VLine};

/// How many scenarios the comparison holds.
pub const MAX_PINNED: usize = 8;

/// Distinct colours for the pinned scenarios' bars and lines.
const PINNED_COLOURS: [palette::Rgb; MAX_PINNED] = palette::PINNED;

pub fn compare_ui(app: &App, ui: &mut egui::Ui) {
    let strings = app.strings();
    pinned_ui(app, ui, strings);
    ui.add_space(12.0);
    ui.separator();
    ranking_ui(app, ui, strings);
    ui.add_space(12.0);
    ui.separator();
    carbon_price_ui(app, ui, strings);
}

/// Everything that tells a pin apart, one line each: its tooltip.
pub(super) fn pin_description(
    pinned: &Pinned,
    library: &PresetLibrary,
    lang: Lang,
    s: &AppStrings,
) -> String {
    let doc = &pinned.doc;
    let mut lines = vec![
        format!(
            "{}: {}",
            s.rank_region,
            compare::region_name(doc, library, lang)
        ),
        format!(
            "{}: {}",
            s.section_hardware,
            compare::fleet_name(doc, library, lang)
        ),
        format!(
            "{}: {}",
            s.section_market,
            compare::market_name(doc, library, lang)
        ),
    ];
    if !pinned.name.is_empty() {
        lines.push(format!("{}: {}", s.pin_scenario, pinned.name));
    }
    if let Some(path) = &pinned.path {
        lines.push(format!("{}: {}", s.menu_file, path.display()));
    }
    lines.join("\n")
}

/// The pin being renamed: its index, the text typed so far, and whether the field still has to
/// take the focus. Kept in egui's memory: the view only reads the app.
type Renaming = (usize, String, bool);

fn renaming_id() -> egui::Id {
    egui::Id::unique("compare-pin-rename")
}

/// A pin's name in the table's header, its rename button, or the field renaming it.
fn pin_header(app: &App, ui: &mut egui::Ui, index: usize, name: &str, description: &str) {
    let s = &app.strings().app;
    let renaming: Option<Renaming> = ui.data(|d| d.get_temp(renaming_id()));
    match renaming {
        Some((at, mut text, focus)) if at == index => {
            let field = ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(220.0))
                .accessible_name(s.pin_name)
                .on_hover_text(s.pin_rename_hint);
            if focus {
                field.request_focus();
            }
            if field.lost_focus() {
                ui.data_mut(|d| d.remove::<Renaming>(renaming_id()));
                if !ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    // The automatic name unchanged stays automatic (and follows the language).
                    let automatic = compare::pin_title(
                        &app.session.pinned[index].doc,
                        &app.library,
                        app.session.lang(),
                    );
                    let kept = if text.trim() == automatic { "" } else { &text };
                    app.queue(Command::RenamePinned(index, kept.to_string()));
                }
            } else {
                ui.data_mut(|d| d.insert_temp(renaming_id(), (index, text, false)));
            }
        }
        _ => {
            ui.label(egui::RichText::new(name).strong())
                .on_hover_text(description);
            if ui
                .small_button(s.rename_pinned)
                .on_hover_text(description)
                .clicked()
            {
                let start: Renaming = (index, name.to_string(), true);
                ui.data_mut(|d| d.insert_temp(renaming_id(), start));
            }
        }
    }
}

/// The height of every row of the comparison table: the two grids' rows line up.
const COMPARE_ROW_HEIGHT: f32 = 22.0;

/// A square of a pin's colour.
fn swatch(ui: &mut egui::Ui, index: usize) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    ui.painter()
        .rect_filled(rect, 2.0, color(PINNED_COLOURS[index % MAX_PINNED]));
}

fn pinned_ui(app: &App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    let lang = app.session.lang();
    let library = &app.library;
    let pinned = &app.session.pinned;
    pin_buttons_ui(app, ui, s);
    if pinned.is_empty() {
        ui.label(egui::RichText::new(s.compare_empty).weak());
        return;
    }
    // Computed once per change of the pinned scenarios, before the frame.
    let Some(comparison) = app.derived.comparison.get() else {
        return;
    };
    // Names follow the language, so they are not part of the cached comparison.
    let names: Vec<String> = pinned.iter().map(|p| pin_name(p, library, lang)).collect();
    let name_of = |i: usize| names.get(i).map_or("", String::as_str);
    // A pinned scenario that no longer resolves (a preset removed) shows its reason instead.
    for (i, result) in comparison.evaluated.iter().enumerate() {
        if let Err(e) = result {
            let error = e.localized(lang);
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{}: {error}", name_of(i)),
            );
        }
    }
    table_ui(app, ui, comparison, &names, strings);
    ui.label(egui::RichText::new(s.compare_best_note).small().weak());

    bars_ui(ui, comparison, &names, lang);
}

/// The table: the figures' names and units frozen on the left, one column per pin.
fn table_ui(
    app: &App,
    ui: &mut egui::Ui,
    comparison: &compare::Comparison,
    names: &[String],
    strings: &Strings,
) {
    let (s, lang, library) = (&strings.app, app.session.lang(), &app.library);
    let pinned = &app.session.pinned;
    let name_of = |i: usize| names.get(i).map_or("", String::as_str);
    let columns = &comparison.columns;
    let rows = &comparison.rows;
    let gain = color(palette::GAIN);
    let cell = |ui: &mut egui::Ui, text: String, best: bool| {
        let mut text = egui::RichText::new(text);
        if best {
            text = text.color(gain).strong();
        }
        ui.label(text);
    };
    // What differs between the sites comes first: the region, its power price and intensity.
    let intensity = rows
        .iter()
        .find(|r| r.figure == Figure::GridIntensityGPerKwh);
    let figures = intensity.into_iter().chain(
        rows.iter()
            .filter(|r| r.figure != Figure::GridIntensityGPerKwh),
    );
    let figures: Vec<_> = figures.collect();
    // The figures' names and units stay in place while the pins' columns scroll sideways: two
    // grids side by side, every row of the same height so that their rows line up.
    let grid = |id: &str| {
        egui::Grid::new(id.to_string())
            .striped(true)
            .spacing([14.0, 4.0])
            .min_row_height(COMPARE_ROW_HEIGHT)
    };
    ui.horizontal_top(|ui| {
        grid("compare-names").show(ui, |ui| {
            ui.label(egui::RichText::new(s.compare_figure).strong());
            ui.label(egui::RichText::new(s.compare_unit).strong());
            ui.end_row();
            ui.label(s.rank_region);
            ui.label("");
            ui.end_row();
            ui.label(s.rank_price);
            ui.label(egui::RichText::new(Input::ElectricityUsdPerKwh.suffix(lang).trim()).weak());
            ui.end_row();
            for row in &figures {
                let figure = row.figure.words(lang);
                ui.label(figure.label);
                ui.label(egui::RichText::new(figure.unit).weak());
                ui.end_row();
            }
        });
        egui::ScrollArea::horizontal()
            .id_salt("compare-table")
            .show(ui, |ui| {
                grid("compare-grid").show(ui, |ui| {
                    for &i in columns {
                        let description = pin_description(&pinned[i], library, lang, s);
                        ui.horizontal(|ui| {
                            swatch(ui, i);
                            pin_header(app, ui, i, name_of(i), &description);
                            if ui
                                .small_button("×")
                                .on_hover_text(s.remove_pinned)
                                .clicked()
                            {
                                app.queue(Command::Unpin(i));
                            }
                        });
                    }
                    ui.end_row();
                    for &i in columns {
                        ui.label(compare::region_name(&pinned[i].doc, library, lang));
                    }
                    ui.end_row();
                    for (column, price) in comparison.power_usd_per_kwh.iter().enumerate() {
                        let best = comparison.power_best.contains(&column);
                        cell(ui, format::number(*price), best);
                    }
                    ui.end_row();
                    for row in &figures {
                        for (column, value) in row.values.iter().enumerate() {
                            let text = row.figure.format_number(*value, lang);
                            cell(ui, text, row.best.contains(&column));
                        }
                        ui.end_row();
                    }
                });
            });
    });
}

/// Pin the open scenario, add files, clear, and how many are pinned.
fn pin_buttons_ui(app: &App, ui: &mut egui::Ui, s: &AppStrings) {
    let pinned = &app.session.pinned;
    let full = pinned.len() >= MAX_PINNED;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!full, egui::Button::new(s.pin_current))
            .clicked()
        {
            app.queue(Command::PinCurrent);
        }
        if ui
            .add_enabled(!full, egui::Button::new(s.add_files))
            .clicked()
        {
            app.queue(Command::AddToCompare);
        }
        if !pinned.is_empty() && ui.button(s.clear_pinned).clicked() {
            app.queue(Command::ClearPinned);
        }
        ui.label(fill(
            s.pinned_count,
            &[
                ("n", &pinned.len().to_string()),
                ("max", &MAX_PINNED.to_string()),
            ],
        ));
    });
}

/// Grouped bars: one chart per figure, one bar per scenario, their legend above them.
fn bars_ui(ui: &mut egui::Ui, comparison: &compare::Comparison, names: &[String], lang: Lang) {
    let columns = &comparison.columns;
    let rows = &comparison.rows;
    let name_of = |i: usize| names.get(i).map_or("", String::as_str);
    // Grouped bars: one chart per figure, one bar per scenario. One legend for the three, above
    // them: inside a plot it would cover bars.
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        for &i in columns {
            swatch(ui, i);
            ui.label(name_of(i));
            ui.add_space(10.0);
        }
    });
    let colours: Vec<egui::Color32> = columns
        .iter()
        .map(|i| color(PINNED_COLOURS[i % MAX_PINNED]))
        .collect();
    let charts = [
        Figure::BreakEvenBtcPriceUsd,
        Figure::Co2TPerBtc,
        Figure::ProfitUsdPerDay,
    ];
    ui.columns(charts.len(), |cols| {
        for (col, chart) in cols.iter_mut().zip(charts) {
            let figure = chart.words(lang);
            col.label(egui::RichText::new(format!("{} ({})", figure.label, figure.unit)).strong());
            let Some(row) = rows.iter().find(|r| r.figure == chart) else {
                continue;
            };
            Plot::new(("compare-bars", chart.key()))
                .height(200.0)
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
                        // Named for the hover label; no legend is drawn over the bars.
                        p.bar_chart(
                            BarChart::new(name_of(columns[i]), vec![bar]).color(colours[i]),
                        );
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

fn ranking_ui(app: &App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    let by_now = app.session.rank_by;
    let max_now = app.session.rank_max_intensity;
    let set = |by: RankBy, max_intensity_g_per_kwh: Option<f64>| {
        app.queue(Command::SetRanking {
            by,
            max_intensity_g_per_kwh,
        });
    };
    ui.heading(s.rank_heading);
    ui.horizontal(|ui| {
        ui.label(s.rank_by);
        for by in [RankBy::BreakEvenBtcPrice, RankBy::Co2PerBtc, RankBy::Profit] {
            if ui.radio(by_now == by, rank_label(strings, by)).clicked() {
                set(by, max_now);
            }
        }
    });
    ui.horizontal(|ui| {
        let mut filter = max_now.is_some();
        if ui.checkbox(&mut filter, s.rank_filter).changed() {
            set(by_now, filter.then_some(100.0));
        }
        if let Some(mut max) = max_now {
            let label = ui.label(s.rank_max_intensity);
            if ui
                .add(
                    egui::DragValue::new(&mut max)
                        .range(RANK_MAX_INTENSITY_RANGE)
                        .speed(1.0)
                        .suffix(" g CO₂e/kWh"),
                )
                .labelled_by(label.id)
                .changed()
            {
                set(by_now, Some(max));
            }
        }
    });
    let Ok(computed) = &app.computed else {
        return;
    };
    // Ranked once per change of the scenario or of the ranking's settings, before the frame.
    let ranked = app.derived.ranked(&computed.charts.regions.rows);
    if ranked.is_empty() {
        ui.label(egui::RichText::new(s.rank_none).weak());
        return;
    }
    // Every region, however many the library holds, in a box of its own height; a window too
    // narrow for its columns scrolls it sideways rather than cutting "Move here" off.
    egui::ScrollArea::both()
        .id_salt("ranking-scroll")
        .max_height(RANKING_HEIGHT)
        .show(ui, |ui| ranking_grid(app, ui, strings, &ranked));
}

/// The height of the ranking's scrolling box, px: about fifteen rows.
const RANKING_HEIGHT: f32 = 360.0;

fn ranking_grid(app: &App, ui: &mut egui::Ui, strings: &Strings, ranked: &[&RegionRow]) {
    let s = &strings.app;
    let Ok(computed) = &app.computed else {
        return;
    };
    let current = computed.charts.regions.current.as_deref();
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
            for (rank, row) in ranked.iter().enumerate() {
                let is_current = current == Some(row.id.as_str());
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
                    app.queue(Command::SetRegion(row.id.clone()));
                }
                ui.end_row();
            }
        });
}

fn carbon_price_ui(app: &App, ui: &mut egui::Ui, strings: &Strings) {
    let s = &strings.app;
    ui.heading(s.carbon_price_heading);
    let Ok(computed) = &app.computed else {
        return;
    };
    // The current site and the best regions of the ranking (`compare::carbon_price_chart`),
    // computed once per change, before the frame.
    let Some(lines) = app.derived.carbon_price.get() else {
        return;
    };
    let btc_price = computed.scenario.market.btc_price_usd;
    let current_carbon = computed.scenario.site.carbon_price_usd_per_t;
    Plot::new("carbon-price")
        .height(300.0)
        .legend(Legend::default())
        .x_axis_label(s.carbon_price_axis)
        .y_axis_label(s.break_even_btc_axis)
        .y_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .include_y(0.0)
        .show_trusted(ui, |p| {
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
                    Line::new(line.name.as_str(), PlotPoints::from(points))
                        .color(colour)
                        .width(width),
                );
            }
        });
}
