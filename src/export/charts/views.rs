//! The exported charts of the views that have data of their own: the sensitivity maps, the
//! network, and the pinned scenarios side by side. Drawn from the same data the window shows.

use super::kit::*;
use crate::chart_data::sensitivity::Maps;
use crate::export::Pinned;
use crate::figures::Figure;
use crate::format;
use crate::i18n::{self, Strings};
use crate::model::sweep::{ProfitGrid, RowInput};
use crate::network_data::{NetworkFigures, NetworkView};
use crate::palette::{self, Rgb};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The heat maps' colour at zero profit on a white page.
const HEAT_NEUTRAL: Rgb = (247, 247, 247);

/// The edges of cells around evenly spaced (or single) centres: `n + 1` edges.
fn edges(centres: &[f64]) -> Vec<f64> {
    match centres {
        [] => vec![0.0, 1.0],
        [only] => vec![only - 0.5, only + 0.5],
        _ => {
            let n = centres.len();
            let mut e = Vec::with_capacity(n + 1);
            e.push(centres[0] - (centres[1] - centres[0]) / 2.0);
            for w in centres.windows(2) {
                e.push((w[0] + w[1]) / 2.0);
            }
            e.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2.0);
            e
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sensitivity: daily profit over the BTC price × electricity price and × difficulty.

pub(super) fn sensitivity<DB: DrawingBackend>(
    body: &Area<DB>,
    maps: &Maps,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.sensitivity;
    let scale = maps.scale();
    let swatch = |profit: f64| {
        let c = rgb(palette::heat_rgb(profit, scale, HEAT_NEUTRAL));
        Swatch::Fill(c.to_rgba(), MUTED)
    };
    let entries = [
        (
            swatch(-scale),
            format!("{} ({})", format::usd(-scale), s.scale_loss),
        ),
        (swatch(0.0), format::usd(0.0)),
        (
            swatch(scale),
            format!("{} ({})", format::usd(scale), s.scale_profit),
        ),
        (Swatch::Dashed(TEXT), s.contour_series.to_string()),
        (
            Swatch::Dot(rgb(palette::HIGHLIGHT)),
            s.current_series.to_string(),
        ),
    ];
    let body = legend(body, &entries, look)?;
    let (w, _) = body.dim_in_pixel();
    let (left, right) = body.split_horizontally(w / 2);
    let (btc, power, difficulty) = maps.current;
    let electricity = HeatMap {
        grid: &maps.electricity,
        title: s.electricity_map_title,
        current: (btc, power),
    };
    heat_map(
        &left.margin(0, 0, 0, look.margin),
        &electricity,
        scale,
        t,
        look,
    )?;
    let difficulty = HeatMap {
        grid: &maps.difficulty,
        title: s.difficulty_map_title,
        current: (btc, difficulty),
    };
    heat_map(
        &right.margin(0, 0, look.margin, 0),
        &difficulty,
        scale,
        t,
        look,
    )
}

/// One of the sensitivity maps: its grid of daily profits, its title, and the scenario's own
/// place on it (BTC price, and the row input in the grid's unit).
struct HeatMap<'a> {
    grid: &'a ProfitGrid,
    title: &'a str,
    current: (f64, f64),
}

/// A heat map of daily profit, coloured from −`scale` to +`scale`.
fn heat_map<DB: DrawingBackend>(
    area: &Area<DB>,
    map: &HeatMap,
    scale: f64,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let &HeatMap {
        grid,
        title,
        current,
    } = map;
    let s = &t.sensitivity;
    let area = heading(area, title, look)?;
    // Difficulty is drawn in T, as in the window.
    let (y_unit, y_desc) = match grid.input {
        RowInput::Difficulty => (1e12, s.difficulty_axis),
        _ => (1.0, s.electricity_axis),
    };
    let rows: Vec<f64> = grid.rows.iter().map(|r| r / y_unit).collect();
    let x_edges = edges(&grid.btc_price_usd);
    let y_edges = edges(&rows);
    let (x0, x1) = (x_edges[0], x_edges[x_edges.len() - 1]);
    let (y0, y1) = (y_edges[0], y_edges[y_edges.len() - 1]);
    let (w, h) = area.dim_in_pixel();
    let y_labels: Vec<String> = probable_ticks(y0, y1);
    let mut chart = ChartBuilder::on(&area)
        .margin_right(look.margin)
        .x_label_area_size((look.tick * 1.6 + look.label * 1.8) as u32)
        .y_label_area_size(y_area_width(&area, &y_labels, look))
        .build_cartesian_2d(x0..x1, y0..y1)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_desc(s.btc_price_axis)
        .y_desc(y_desc)
        .x_labels(x_label_count(w, look, 7.0))
        .y_labels(y_label_count(h, look, 8))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .x_label_style(text_style(look.tick, TEXT))
        .y_label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .draw()?;
    let columns = grid.btc_price_usd.len();
    chart.draw_series((0..rows.len()).flat_map(|i| {
        let (x_edges, y_edges) = (&x_edges, &y_edges);
        (0..columns).map(move |j| {
            let colour = rgb(palette::heat_rgb(grid.profit(i, j), scale, HEAT_NEUTRAL));
            Rectangle::new(
                [(x_edges[j], y_edges[i]), (x_edges[j + 1], y_edges[i + 1])],
                colour.filled(),
            )
        })
    }))?;
    // The break-even line, in runs that stay inside the map.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (b, row) in grid.contour() {
        let point = (b, row / y_unit);
        if (x0..=x1).contains(&point.0) && (y0..=y1).contains(&point.1) {
            runs.last_mut().expect("one run at least").push(point);
        } else if !runs.last().is_some_and(Vec::is_empty) {
            runs.push(Vec::new());
        }
    }
    for run in runs.into_iter().filter(|r| r.len() > 1) {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            run,
            look.px(8.0, 3.0) as i32,
            look.px(5.0, 2.0) as i32,
            TEXT.stroke_width(look.stroke(2.5)),
        )))?;
    }
    let here = (current.0, current.1 / y_unit);
    if (x0..=x1).contains(&here.0) && (y0..=y1).contains(&here.1) {
        let r = look.px(7.0, 3.0) as i32;
        chart.draw_series([
            Circle::new(here, r, rgb(palette::HIGHLIGHT).filled()),
            Circle::new(here, r, WHITE.stroke_width(look.stroke(1.5))),
        ])?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Network: the estimate, each mining map's intensity, Bitcoin beside countries.

pub(super) fn network<DB: DrawingBackend>(
    body: &Area<DB>,
    view: &NetworkView,
    lang: i18n::Lang,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.network;
    let figures = match &view.figures {
        Ok(f) => f,
        Err(problem) => {
            note(body, &problem.localized(lang), look)?;
            return Ok(());
        }
    };
    let bound = |label: &str, b: &Option<crate::model::network::Bound>| {
        b.as_ref().map(|b| {
            format!(
                "{label}: {} {} · {} {} · {} {}",
                format::number(b.power_gw),
                s.unit_gw,
                format::number(b.energy_twh_per_year),
                s.unit_twh_per_year,
                format::number(b.co2_mt_per_year),
                s.unit_mt_per_year
            )
        })
    };
    let e = &figures.estimate;
    let lines: Vec<String> = [
        bound(s.lower, &e.lower),
        bound(s.best_guess, &e.best_guess),
        bound(s.upper, &e.upper),
    ]
    .into_iter()
    .flatten()
    .collect();
    let body = heading(body, s.bounds_title, look)?;
    let mut body = if lines.is_empty() {
        note(&body, s.none_profitable, look)?
    } else {
        body
    };
    for line in &lines {
        body = text_block(&body, line, text_style(look.label, TEXT), look.label)?;
    }
    let body = note(
        &body,
        &format!("{}: {}", s.emissions_at, figures.carbon.name),
        look,
    )?;
    let (w, _) = body.dim_in_pixel();
    let (left, right) = body.split_horizontally((f64::from(w) * 0.5) as u32);

    migration_bars(&left, figures, t, look)?;
    country_bars(&right, figures, t, look)
}

/// Each mining map's hashrate-weighted intensity, oldest first; surveys lighter.
fn migration_bars<DB: DrawingBackend>(
    left: &Area<DB>,
    figures: &NetworkFigures,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.network;
    let left = heading(
        &left.margin(look.margin / 2, 0, 0, look.margin),
        s.migration_intensity_title,
        look,
    )?;
    let series = rgb(palette::SERIES);
    let maps = &figures.migration;
    let names: Vec<String> = maps
        .iter()
        .map(|m| {
            if m.estimate {
                format!("{} *", m.name)
            } else {
                m.name.clone()
            }
        })
        .collect();
    let values: Vec<Option<f64>> = maps.iter().map(|m| Some(m.intensity_g_per_kwh)).collect();
    let labels: Vec<String> = maps
        .iter()
        .map(|m| {
            let value = format::fixed(m.intensity_g_per_kwh, 0);
            if m.comparable {
                value
            } else {
                format!("{value} ({})", s.survey_map)
            }
        })
        .collect();
    let fills: Vec<RGBAColor> = maps
        .iter()
        .map(|m| {
            if m.comparable {
                series.to_rgba()
            } else {
                series.mix(0.45)
            }
        })
        .collect();
    horizontal_bars(
        &left,
        &HorizontalBars {
            names: &names,
            values: &values,
            labels: &labels,
            fills: &fills,
            borders: &vec![series; maps.len()],
            name_colours: &vec![TEXT; maps.len()],
            x_desc: s.intensity_axis,
            undefined: t.results.undefined,
        },
        look,
    )
}

/// Bitcoin among the countries' electricity demand, largest first.
fn country_bars<DB: DrawingBackend>(
    right: &Area<DB>,
    figures: &NetworkFigures,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.network;
    let series = rgb(palette::SERIES);
    let right = heading(
        &right.margin(look.margin / 2, 0, look.margin, 0),
        s.countries_title,
        look,
    )?;
    let highlight = rgb(palette::HIGHLIGHT);
    let bars: Vec<_> = figures.countries.iter().rev().collect();
    let names: Vec<String> = bars
        .iter()
        .map(|b| {
            if b.bitcoin {
                s.bitcoin.to_string()
            } else {
                b.name.clone()
            }
        })
        .collect();
    let values: Vec<Option<f64>> = bars.iter().map(|b| Some(b.twh_per_year)).collect();
    let labels: Vec<String> = bars
        .iter()
        .map(|b| format::number(b.twh_per_year))
        .collect();
    let colour = |b: &&crate::network_data::DemandBar| if b.bitcoin { highlight } else { series };
    horizontal_bars(
        &right,
        &HorizontalBars {
            names: &names,
            values: &values,
            labels: &labels,
            fills: &bars.iter().map(|b| colour(b).to_rgba()).collect::<Vec<_>>(),
            borders: &bars.iter().map(colour).collect::<Vec<_>>(),
            name_colours: &bars
                .iter()
                .map(|b| if b.bitcoin { highlight } else { TEXT })
                .collect::<Vec<_>>(),
            x_desc: s.unit_twh_per_year,
            undefined: t.results.undefined,
        },
        look,
    )
}

// ---------------------------------------------------------------------------------------------
// Compare: the pinned scenarios side by side, one panel per figure.

/// The figures the Compare view draws as bars.
pub const COMPARE_FIGURES: [Figure; 3] = [
    Figure::BreakEvenBtcPriceUsd,
    Figure::Co2TPerBtc,
    Figure::ProfitUsdPerDay,
];

pub(super) fn compare<DB: DrawingBackend>(
    body: &Area<DB>,
    pinned: &Pinned,
    lang: i18n::Lang,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let comparison = pinned.comparison;
    let name = |i: usize| pinned.names.get(i).cloned().unwrap_or_default();
    let colour = |i: usize| rgb(palette::PINNED[i % palette::PINNED.len()]);
    let entries: Vec<(Swatch, String)> = comparison
        .columns
        .iter()
        .map(|&i| (Swatch::Fill(colour(i).to_rgba(), colour(i)), name(i)))
        .collect();
    let body = legend(body, &entries, look)?;
    let panels = body.split_evenly((1, COMPARE_FIGURES.len()));
    for (panel, figure) in panels.iter().zip(COMPARE_FIGURES) {
        let words = figure.words(lang);
        let panel = heading(
            &panel.margin(0, 0, look.margin / 2, look.margin / 2),
            &format!("{} ({})", words.label, words.unit),
            look,
        )?;
        let Some(row) = comparison.rows.iter().find(|r| r.figure == figure) else {
            continue;
        };
        let values: Vec<f64> = row.values.iter().flatten().copied().collect();
        let (lo, hi) = range_with_zero(values.iter().copied());
        let (lo, hi) = padded(lo, hi, 0.12);
        let n = row.values.len().max(1);
        let labels: Vec<String> = probable_ticks(lo, hi);
        let (_, h) = panel.dim_in_pixel();
        let mut chart = ChartBuilder::on(&panel)
            .margin_top(look.margin / 2)
            .x_label_area_size(look.margin)
            .y_label_area_size(y_area_width(&panel, &labels, look))
            .build_cartesian_2d(0.0..n as f64, lo..hi)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(y_label_count(h, look, 8))
            .y_label_formatter(&|v| tick(*v))
            .y_label_style(text_style(look.tick, TEXT))
            .bold_line_style(BLACK.mix(0.1))
            .light_line_style(TRANSPARENT)
            .draw()?;
        let label_style = text_style(look.small, TEXT);
        for (k, value) in row.values.iter().enumerate() {
            let column = comparison.columns[k];
            let x = k as f64;
            match value {
                Some(v) => {
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [(x + 0.15, 0.0), (x + 0.85, *v)],
                        colour(column).filled(),
                    )))?;
                    let (v_pos, dy) = if *v >= 0.0 {
                        (VPos::Bottom, -look.px(4.0, 2.0) as i32)
                    } else {
                        (VPos::Top, look.px(4.0, 2.0) as i32)
                    };
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x + 0.5, *v))
                            + Text::new(
                                format::number(*v),
                                (0, dy),
                                anchored(label_style.clone(), HPos::Center, v_pos),
                            ),
                    ))?;
                }
                None => {
                    chart.draw_series(std::iter::once(
                        EmptyElement::at((x + 0.5, 0.0))
                            + Text::new(
                                t.results.undefined.to_string(),
                                (0, -look.px(4.0, 2.0) as i32),
                                anchored(label_style.clone(), HPos::Center, VPos::Bottom),
                            ),
                    ))?;
                }
            }
        }
    }
    Ok(())
}
