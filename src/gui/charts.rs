//! The chart tabs. Every value drawn here comes from `chart_data` (computed once per change), the
//! same data the PNG/SVG export draws.

use super::plot_rules::TrustedPlot;
use super::widgets::{InputField, color, source_color};
use super::{App, Command, Tab};
use crate::chart_data::{ChartData, RegionMetric};
use crate::export::{ChartKind, ImageFormat};
use crate::format;
use crate::i18n::{Strings, fill};
use crate::inputs::Input;
use crate::model::{DAYS_PER_MONTH, limits};
use crate::names::Names;
use crate::palette;
use eframe::egui;
use egui_plot::{
    Bar, BarChart, HLine, Legend, Line, Plot, PlotPoint, PlotPoints, Points, Polygon, Text, VLine,
};

/// The range of the projection's growth fields: above the limit's open −100 % bound.
pub const GROWTH_RANGE_PCT_PER_YEAR: std::ops::RangeInclusive<f64> =
    -99.0..=limits::GROWTH_PCT_PER_YEAR.max;

pub fn charts_ui(app: &mut App, ui: &mut egui::Ui) {
    let strings = app.strings();
    // Tabs, then the export menu, wrapping onto a second row in a narrow window rather than
    // covering each other.
    ui.horizontal_wrapped(|ui| {
        // The open workspace's views, in the order its questions follow.
        for &tab in app.session.workspace.tabs() {
            let label = tab_label(tab, strings);
            if ui.selectable_label(app.session.tab == tab, label).clicked() {
                app.queue(Command::SetTab(tab));
            }
        }
        if let Some(kind) = kind_of(app.session.tab) {
            ui.separator();
            if ui.button(strings.app.export_png).clicked() {
                app.queue(Command::ExportChart(kind, ImageFormat::Png));
            }
            if ui.button(strings.app.export_svg).clicked() {
                app.queue(Command::ExportChart(kind, ImageFormat::Svg));
            }
        }
    });
    ui.separator();
    if app.computed.is_err() {
        return;
    }
    // Each tab scrolls on its own: it opens at its top and keeps its place when left.
    egui::ScrollArea::vertical()
        .id_salt(("charts", app.session.tab))
        .show(ui, |ui| {
            if app.session.tab == Tab::Projection {
                // Its settings are inputs of the document: the one view that edits it.
                projection_ui(app, ui, strings);
                return;
            }
            if app.session.tab == Tab::Dispatch {
                // Its credit and minimum times are inputs of the document too.
                super::dispatch::dispatch_ui(app, ui);
                return;
            }
            // Every other view only reads the app (and its cached data) and sends commands.
            let app: &App = app;
            let Ok(computed) = &app.computed else {
                return;
            };
            let data = &computed.charts;
            match app.session.tab {
                Tab::Mix => mix_ui(ui, data, strings),
                Tab::Regions => regions_ui(app, ui, data, strings),
                Tab::BreakEven => break_even_ui(ui, data, strings),
                Tab::Hardware => hardware_ui(ui, data, strings),
                Tab::Compare => super::compare::compare_ui(app, ui),
                Tab::Sensitivity => super::sensitivity::sensitivity_ui(app, ui),
                Tab::Network => super::network::network_ui(app, ui),
                Tab::Map => super::map::map_ui(app, ui),
                Tab::History => super::history::history_ui(app, ui),
                Tab::Backtest => super::history::backtest_ui(app, ui),
                Tab::Projection | Tab::Dispatch => {}
            }
        });
}

/// A chart's height: the room left in the view, less `reserve` for what follows it, and at least
/// `min`. Charts grow with the window; in a small one the tab scrolls.
pub fn fit_height(ui: &egui::Ui, min: f32, reserve: f32) -> f32 {
    (ui.available_height() - reserve).max(min)
}

/// Width of the y axis of charts stacked over one x axis, px: their plot areas line up (room for
/// "-100,000,000" and the axis title).
const STACKED_Y_AXIS_WIDTH: f32 = 104.0;

/// The top corner a line leaves free: top left when it rises from left to right, else top
/// right, so the legend does not cover it.
fn legend_corner(points: &[(f64, f64)]) -> egui_plot::Corner {
    match (points.first(), points.last()) {
        (Some(first), Some(last)) if last.1 > first.1 => egui_plot::Corner::LeftTop,
        _ => egui_plot::Corner::RightTop,
    }
}

/// A view's name in the tab row.
pub fn tab_label(tab: Tab, strings: &'static Strings) -> &'static str {
    let c = &strings.charts;
    match tab {
        Tab::Mix => c.tab_mix,
        Tab::Regions => c.tab_regions,
        Tab::BreakEven => c.tab_break_even,
        Tab::Projection => c.tab_projection,
        Tab::Hardware => c.tab_hardware,
        Tab::Compare => strings.app.tab_compare,
        Tab::Sensitivity => strings.sensitivity.tab,
        Tab::Network => strings.network.tab,
        Tab::Map => strings.map.view,
        Tab::History => strings.history.tab,
        Tab::Backtest => strings.history.backtest_tab,
        Tab::Dispatch => strings.dispatch.tab,
    }
}

/// The exported chart of a tab, if it has one.
fn kind_of(tab: Tab) -> Option<ChartKind> {
    match tab {
        Tab::Mix => Some(ChartKind::Mix),
        Tab::Regions => Some(ChartKind::Regions),
        Tab::BreakEven => Some(ChartKind::BreakEven),
        Tab::Projection => Some(ChartKind::Projection),
        Tab::Hardware => Some(ChartKind::Hardware),
        Tab::Compare => Some(ChartKind::Compare),
        Tab::Sensitivity => Some(ChartKind::Sensitivity),
        Tab::Network => Some(ChartKind::Network),
        Tab::History => Some(ChartKind::History),
        Tab::Backtest => Some(ChartKind::Backtest),
        Tab::Dispatch => Some(ChartKind::Dispatch),
        Tab::Map => Some(ChartKind::Map),
    }
}

/// A ring segment from `a0` to `a1` radians, as small convex pieces (a plot polygon is filled
/// as if convex, so one concave slice would spill into the hole).
fn ring_pieces(a0: f64, a1: f64, inner: f64, outer: f64) -> Vec<Vec<[f64; 2]>> {
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

fn mix_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
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

/// A fixed horizontal bar plot whose y axis names the bars (`names` from the top), one grid
/// line a bar, starting at zero; hovering shows the series' name.
pub(super) fn named_bar_plot(
    id: &'static str,
    names: Vec<String>,
    axis_width: f32,
) -> Plot<'static> {
    Plot::new(id)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.0)
        .custom_y_axes(vec![name_axis(names, axis_width)])
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, .. } => {
                Some(plot_name.to_string())
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
}

/// A y axis naming the bars of a horizontal bar chart: bar `i` (from the top) at y = n − 1 − i.
/// Its labels may sit as close as the bars themselves.
pub(super) fn name_axis(names: Vec<String>, width: f32) -> egui_plot::AxisHints<'static> {
    let n = names.len();
    egui_plot::AxisHints::new_y()
        .formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < n {
                names[n - 1 - i as usize].clone()
            } else {
                String::new()
            }
        })
        .label_spacing(8.0..=12.0)
        .min_thickness(width)
}

fn metric_label(s: &Strings, metric: RegionMetric) -> &'static str {
    match metric {
        RegionMetric::GridIntensity => s.charts.regions_metric_intensity,
        RegionMetric::Co2PerBtc => s.charts.regions_metric_co2_per_btc,
        RegionMetric::BreakEvenBtcPrice => s.charts.regions_metric_break_even,
    }
}

fn regions_ui(app: &App, ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
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

fn profit_plot(
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

fn break_even_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
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

fn projection_ui(app: &mut App, ui: &mut egui::Ui, s: &Strings) {
    let c = &s.charts;
    let a = &s.app;
    egui::Grid::new("projection-settings")
        .num_columns(4)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            let lang = app.session.lang();
            let p = &mut app.session.doc.projection;
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
    super::history::trailing_growth_ui(app, ui);
    {
        let lang = app.session.lang();
        let site_price = app
            .computed
            .as_ref()
            .map_or(0.0, |c| c.scenario.site.electricity_usd_per_kwh);
        let trailing = app.history_summary.volatility;
        let p = &mut app.session.doc.projection;
        // Side by side, so the fan stays in view.
        ui.columns(2, |cols| {
            super::projection_mc::investment_settings_ui(&mut cols[0], p, site_price, lang, s);
            super::projection_mc::uncertainty_settings_ui(&mut cols[1], p, trailing, lang, s);
        });
    }
    let Ok(computed) = &app.computed else {
        return;
    };
    // The paths run on their own thread; a frame only starts a run and takes its result.
    let settings = app.session.doc.projection;
    app.monte_carlo
        .update(ui.ctx(), &computed.scenario, &settings);
    let p = &computed.charts.projection.projection;
    super::projection_mc::cards_ui(ui, &app.monte_carlo, p, &settings, s);
    let fan = app.monte_carlo.result.clone();
    ui.horizontal(|ui| {
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
    let halving_color = color(palette::EVENT);
    let payback_color = color(palette::GAIN);
    let link = egui::Id::unique("projection-x");
    let cash: Vec<[f64; 2]> = std::iter::once([0.0, -p.equity_usd])
        .chain(
            p.months
                .iter()
                .map(|m| [f64::from(m.month), m.cumulative_cash_flow_usd]),
        )
        .collect();
    let halvings: Vec<(f64, String)> = p
        .halvings
        .iter()
        .map(|h| {
            (
                h.day / DAYS_PER_MONTH,
                format!("{} {}", c.halving_marker, format::fixed(h.height as f64, 0)),
            )
        })
        .collect();
    let room = ui.available_height();
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
            if let Some(mc) = &fan {
                super::projection_mc::draw_fan(plot, mc, s);
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
    if let Some(mc) = &fan {
        super::projection_mc::payback_probability_ui(ui, mc, link, s);
    }
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

fn hardware_ui(ui: &mut egui::Ui, data: &ChartData, s: &Strings) {
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

#[cfg(test)]
mod legend_tests {
    #[test]
    fn the_legend_sits_where_the_line_is_not() {
        use egui_plot::Corner;
        let rising = [(0.0, -5.0), (1.0, 0.0), (2.0, 5.0)];
        let falling = [(0.0, 5.0), (2.0, -5.0)];
        assert_eq!(super::legend_corner(&rising), Corner::LeftTop);
        assert_eq!(super::legend_corner(&falling), Corner::RightTop);
        assert_eq!(super::legend_corner(&[]), Corner::RightTop);
    }
}
