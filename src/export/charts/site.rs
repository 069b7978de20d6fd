//! The site's charts: regions ranked, break-even and profit, the projection, the hardware.

use super::kit::*;
use crate::chart_data::{ChartData, ProfitCurve, RegionMetric};
use crate::format;
use crate::i18n::charts::ChartStrings;
use crate::i18n::{Strings, fill};
use crate::model::Projection;
use crate::palette::{self};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub(super) fn metric_label(metric: RegionMetric, t: &Strings) -> &'static str {
    match metric {
        RegionMetric::GridIntensity => t.charts.regions_metric_intensity,
        RegionMetric::Co2PerBtc => t.charts.regions_metric_co2_per_btc,
        RegionMetric::BreakEvenBtcPrice => t.charts.regions_metric_break_even,
    }
}

pub(super) fn regions<DB: DrawingBackend>(
    body: &Area<DB>,
    data: &ChartData,
    metric: RegionMetric,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let series = rgb(palette::SERIES);
    let highlight = rgb(palette::HIGHLIGHT);
    let light = |colour: RGBColor| colour.mix(0.35);
    let rows = data.regions.sorted(metric);
    let current = data.regions.current.as_deref();
    // "this site" only when one of the bars is the site (a custom mix is no region).
    let mut entries = vec![(
        Swatch::Fill(series.to_rgba(), series),
        c.regions_other.into(),
    )];
    if rows.iter().any(|r| current == Some(r.id.as_str())) {
        entries.push((
            Swatch::Fill(highlight.to_rgba(), highlight),
            c.regions_current.into(),
        ));
    }
    if rows.iter().any(|r| r.is_estimate(metric)) {
        entries.push((
            Swatch::Fill(light(series), series),
            c.regions_estimate.into(),
        ));
    }
    let body = legend(body, &entries, look)?;
    let value_text = |v: f64| match metric {
        RegionMetric::BreakEvenBtcPrice => format::usd(v),
        _ => format::number(v),
    };
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    let values: Vec<Option<f64>> = rows.iter().map(|r| metric.value(r)).collect();
    let mut labels = Vec::with_capacity(rows.len());
    let mut fills = Vec::with_capacity(rows.len());
    let mut borders = Vec::with_capacity(rows.len());
    let mut name_colours = Vec::with_capacity(rows.len());
    for (row, value) in rows.iter().zip(&values) {
        let is_current = current == Some(row.id.as_str());
        let colour = if is_current { highlight } else { series };
        let mut label = value.map(value_text).unwrap_or_default();
        if row.is_estimate(metric) && value.is_some() {
            label = format!("≈ {label}");
        }
        if is_current {
            label = format!("{label}  ← {}", c.regions_current);
        }
        labels.push(label);
        fills.push(if row.is_estimate(metric) {
            light(colour)
        } else {
            colour.to_rgba()
        });
        borders.push(colour);
        name_colours.push(if is_current { highlight } else { TEXT });
    }
    horizontal_bars(
        &body,
        &HorizontalBars {
            names: &names,
            values: &values,
            labels: &labels,
            fills: &fills,
            borders: &borders,
            name_colours: &name_colours,
            x_desc: metric_label(metric, t),
            undefined: t.results.undefined,
        },
        look,
    )
}

// ---------------------------------------------------------------------------------------------
// Break-even: daily profit against the BTC price and against the electricity price.

pub(super) fn break_even<DB: DrawingBackend>(
    body: &Area<DB>,
    data: &ChartData,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let body = legend(
        body,
        &[
            (Swatch::Line(rgb(palette::SERIES)), c.profit_series.into()),
            (Swatch::Dot(TEXT), c.break_even_marker.into()),
            (
                Swatch::Dashed(rgb(palette::HIGHLIGHT)),
                c.current_marker.into(),
            ),
        ],
        look,
    )?;
    let (w, _) = body.dim_in_pixel();
    let (left, right) = body.split_horizontally(w / 2);
    let left = heading(
        &left.margin(0, 0, 0, look.margin),
        c.break_even_vs_btc_title,
        look,
    )?;
    let right = heading(
        &right.margin(0, 0, look.margin, 0),
        c.break_even_vs_power_title,
        look,
    )?;
    profit_panel(
        &left,
        &data.break_even.vs_btc_price,
        c.btc_price_axis,
        t,
        look,
    )?;
    profit_panel(
        &right,
        &data.break_even.vs_electricity_price,
        c.electricity_price_axis,
        t,
        look,
    )
}

pub(super) fn profit_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    curve: &ProfitCurve,
    x_desc: &str,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let (Some(first), Some(last)) = (curve.points.first(), curve.points.last()) else {
        return Ok(());
    };
    let (x0, x1) = if last.0 > first.0 {
        (first.0, last.0)
    } else {
        padded(first.0, last.0, 0.0)
    };
    let (lo, hi) = range_with_zero(curve.points.iter().map(|p| p.1));
    let (y0, y1) = padded(lo, hi, 0.08);
    let (w, h) = area.dim_in_pixel();
    let y_area = y_area_width(area, &probable_ticks(y0, y1), look);
    let mut chart = ChartBuilder::on(area)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size((look.tick * 1.6 + look.label * 1.8) as u32)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x0..x1, y0..y1)?;
    let x_chars = tick(x1).len().max(4) as f64;
    chart
        .configure_mesh()
        .x_desc(x_desc)
        .y_desc(c.profit_axis)
        .x_labels(x_label_count(w.saturating_sub(y_area), look, x_chars))
        .y_labels(y_label_count(h, look, 10))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let points = &curve.points;
    chart.draw_series(AreaSeries::new(
        points.iter().map(|&(x, y)| (x, y.max(0.0))),
        0.0,
        rgb(palette::GAIN).mix(0.15),
    ))?;
    chart.draw_series(AreaSeries::new(
        points.iter().map(|&(x, y)| (x, y.min(0.0))),
        0.0,
        rgb(palette::LOSS).mix(0.15),
    ))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(x0, 0.0), (x1, 0.0)],
        rgb(palette::NEUTRAL).stroke_width(look.stroke(1.5)),
    )))?;
    chart.draw_series(LineSeries::new(
        points.iter().copied(),
        rgb(palette::SERIES).stroke_width(look.stroke(3.0)),
    ))?;
    let marker_style = text_style(look.tick, TEXT);
    let offset = look.px(7.0, 3.0) as i32;
    if (x0..=x1).contains(&curve.current) {
        let highlight = rgb(palette::HIGHLIGHT);
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(curve.current, y0), (curve.current, y1)],
            look.px(8.0, 3.0) as i32,
            look.px(5.0, 2.0) as i32,
            highlight.stroke_width(look.stroke(2.0)),
        )))?;
        let text = fill(
            c.label_value,
            &[
                ("label", c.current_marker),
                ("value", &format::usd(curve.current)),
            ],
        );
        label_at(
            &mut chart,
            (curve.current, y1),
            text,
            text_style(look.tick, highlight),
            false,
            offset,
        )?;
    }
    if let Some(be) = curve.break_even.filter(|b| (x0..=x1).contains(b)) {
        chart.draw_series(std::iter::once(Circle::new(
            (be, 0.0),
            look.px(6.0, 3.0) as i32,
            TEXT.filled(),
        )))?;
        let text = fill(
            c.label_value,
            &[("label", c.break_even_marker), ("value", &format::usd(be))],
        );
        // Beside the point, away from the current-value line, in the quadrant the curve leaves
        // empty: up-left and down-right of a rising curve, up-right and down-left of a falling one.
        let rising = last.1 > first.1;
        let (px, _) = chart.backend_coord(&(be, 0.0));
        let (range, _) = chart.plotting_area().get_pixel_range();
        let needed = text_width(area, &text, &marker_style) as i32 + offset;
        let room_left = px - range.start > needed;
        let room_right = range.end - px > needed;
        let left = if curve.current > be {
            room_left || !room_right
        } else {
            !room_right && room_left
        };
        let above = left == rising;
        let (h, dx) = if left {
            (HPos::Right, -offset)
        } else {
            (HPos::Left, offset)
        };
        let (v, dy) = if above {
            (VPos::Bottom, -offset)
        } else {
            (VPos::Top, offset)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at((be, 0.0)) + Text::new(text, (dx, dy), anchored(marker_style, h, v)),
        ))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Projection: cumulative cash flow by month, BTC mined per month, halvings and payback marked.

pub(super) fn projection<DB: DrawingBackend>(
    body: &Area<DB>,
    data: &ChartData,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let p = &data.projection.projection;
    let series = rgb(palette::SERIES);
    let event = rgb(palette::EVENT);
    let highlight = rgb(palette::HIGHLIGHT);
    let body = legend(
        body,
        &[
            (Swatch::Line(series), c.cumulative_cash_series.into()),
            (
                Swatch::Fill(series.mix(0.55), series),
                c.btc_mined_series.into(),
            ),
            (Swatch::Dashed(event), c.halving_marker.into()),
            (Swatch::Dot(highlight), c.payback_marker.into()),
        ],
        look,
    )?;
    let n = p.months.len();
    let mut notes = Vec::new();
    if let Some(start) = &data.projection.start {
        notes.push(fill(c.projection_start, &[("date", start)]));
    }
    if !p.halvings_modelled {
        notes.push(c.projection_no_halvings.to_string());
    }
    if p.payback_month.is_none() {
        notes.push(fill(
            c.payback_never,
            &[("months", &format::fixed(n as f64, 0))],
        ));
    }
    let body = note(&body, &notes.join(" · "), look)?;
    if n == 0 {
        return Ok(());
    }
    let (_, h) = body.dim_in_pixel();
    let (top, bottom) = body.split_vertically((f64::from(h) * 0.6) as u32);
    let (w, _) = top.dim_in_pixel();

    // Both panels share a y label width, so their x axes line up.
    let cash: Vec<(f64, f64)> = std::iter::once((0.0, -p.hardware_cost_usd))
        .chain(
            p.months
                .iter()
                .map(|m| (f64::from(m.month), m.cumulative_cash_flow_usd)),
        )
        .collect();
    let (lo, hi) = range_with_zero(cash.iter().map(|p| p.1));
    let (y0, y1) = padded(lo, hi, 0.08);
    let btc_max = p.months.iter().fold(0.0f64, |m, x| m.max(x.btc_mined));
    let btc_max = if btc_max > 0.0 { btc_max * 1.1 } else { 1.0 };
    let mut ticks = probable_ticks(y0, y1);
    ticks.extend(probable_ticks(0.0, btc_max));
    let panels = MonthPanels {
        projection: p,
        x_end: n as f64,
        x_labels: x_label_count(w, look, 4.0),
        y_area: y_area_width(&body, &ticks, look),
        halving_x: halving_positions(p),
        dash: (look.px(8.0, 3.0) as i32, look.px(5.0, 2.0) as i32),
    };
    cash_flow_panel(&top, &cash, (y0, y1), &panels, c, look)?;
    btc_mined_panel(&bottom, btc_max, w, &panels, c, look)
}

/// What the projection's two panels share: the projection they draw, the months' axis, the y
/// label width (so their x axes line up), and each halving's place (month and fraction of it)
/// and subsidy after it.
pub(super) struct MonthPanels<'a> {
    projection: &'a Projection,
    x_end: f64,
    x_labels: usize,
    y_area: u32,
    halving_x: Vec<(f64, f64)>,
    /// Dash and gap of the halvings' lines, pixels.
    dash: (i32, i32),
}

/// Where each halving falls: inside its month, by day; with the subsidy after it.
pub(super) fn halving_positions(p: &Projection) -> Vec<(f64, f64)> {
    p.halvings
        .iter()
        .filter_map(|hv| {
            let i = (hv.month as usize).checked_sub(1)?;
            let end = p.months.get(i)?.end_day;
            let start = if i == 0 { 0.0 } else { p.months[i - 1].end_day };
            let frac = if end > start {
                ((hv.day - start) / (end - start)).clamp(0.0, 1.0)
            } else {
                0.5
            };
            Some((i as f64 + frac, hv.subsidy_after_btc))
        })
        .collect()
}

/// The top panel: cumulative cash flow, gains and losses shaded, halvings and payback marked.
pub(super) fn cash_flow_panel<DB: DrawingBackend>(
    top: &Area<DB>,
    cash: &[(f64, f64)],
    (y0, y1): (f64, f64),
    panels: &MonthPanels,
    c: &ChartStrings,
    look: &Look,
) -> Drawn {
    let series = rgb(palette::SERIES);
    let event = rgb(palette::EVENT);
    let highlight = rgb(palette::HIGHLIGHT);
    let &MonthPanels {
        projection: p,
        x_end,
        x_labels,
        y_area,
        dash,
        ..
    } = panels;
    let x_area_top = (look.tick * 1.8) as u32;
    let mut chart = ChartBuilder::on(top)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size(x_area_top)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..x_end, y0..y1)?;
    chart
        .configure_mesh()
        .y_desc(c.cumulative_cash_axis)
        .x_labels(x_labels)
        .y_labels(y_label_count(top.dim_in_pixel().1, look, 10))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart.draw_series(AreaSeries::new(
        cash.iter().map(|&(x, y)| (x, y.max(0.0))),
        0.0,
        rgb(palette::GAIN).mix(0.15),
    ))?;
    chart.draw_series(AreaSeries::new(
        cash.iter().map(|&(x, y)| (x, y.min(0.0))),
        0.0,
        rgb(palette::LOSS).mix(0.15),
    ))?;
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (x_end, 0.0)],
        rgb(palette::NEUTRAL).stroke_width(look.stroke(1.5)),
    )))?;
    let offset = look.px(6.0, 3.0) as i32;
    for (x, subsidy) in &panels.halving_x {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(*x, y0), (*x, y1)],
            dash.0,
            dash.1,
            event.stroke_width(look.stroke(2.0)),
        )))?;
        let text = fill(
            c.halving_label,
            &[("marker", c.halving_marker), ("subsidy", &exact(*subsidy))],
        );
        label_at(
            &mut chart,
            (*x, y1),
            text,
            text_style(look.tick, event),
            false,
            offset,
        )?;
    }
    chart.draw_series(LineSeries::new(
        cash.iter().copied(),
        series.stroke_width(look.stroke(3.0)),
    ))?;
    let payback = p
        .payback_month
        .and_then(|month| p.months.iter().find(|m| m.month == month));
    if let Some(m) = payback {
        let at = (f64::from(m.month), m.cumulative_cash_flow_usd);
        chart.draw_series(std::iter::once(Circle::new(
            at,
            look.px(6.0, 3.0) as i32,
            highlight.filled(),
        )))?;
        let text = fill(
            c.payback_label,
            &[
                ("marker", c.payback_marker),
                ("month", &m.month.to_string()),
            ],
        );
        label_at(
            &mut chart,
            at,
            text,
            text_style(look.tick, highlight),
            true,
            offset,
        )?;
    }

    Ok(())
}

/// The bottom panel: BTC mined each month, halvings marked.
pub(super) fn btc_mined_panel<DB: DrawingBackend>(
    bottom: &Area<DB>,
    btc_max: f64,
    w: u32,
    panels: &MonthPanels,
    c: &ChartStrings,
    look: &Look,
) -> Drawn {
    let series = rgb(palette::SERIES);
    let event = rgb(palette::EVENT);
    let &MonthPanels {
        projection: p,
        x_end,
        x_labels,
        y_area,
        dash,
        ..
    } = panels;
    let x_area_bottom = (look.tick * 1.6 + look.label * 1.8) as u32;
    let mut chart = ChartBuilder::on(bottom)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size(x_area_bottom)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..x_end, 0.0..btc_max)?;
    chart
        .configure_mesh()
        .x_desc(c.month_axis)
        .y_desc(c.btc_mined_axis)
        .x_labels(x_labels)
        .y_labels(y_label_count(bottom.dim_in_pixel().1, look, 6))
        .x_label_formatter(&|v| tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let month_px = f64::from(w.saturating_sub(y_area)) / x_end;
    let gap = if month_px > 5.0 { 0.12 } else { 0.0 };
    chart.draw_series(p.months.iter().map(|m| {
        let x = f64::from(m.month);
        Rectangle::new(
            [(x - 1.0 + gap, 0.0), (x - gap, m.btc_mined)],
            series.mix(0.55).filled(),
        )
    }))?;
    for (x, _) in &panels.halving_x {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            vec![(*x, 0.0), (*x, btc_max)],
            dash.0,
            dash.1,
            event.stroke_width(look.stroke(2.0)),
        )))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Hardware: efficiency by release year on a log scale, the fleet's models highlighted.

pub(super) fn hardware<DB: DrawingBackend>(
    body: &Area<DB>,
    data: &ChartData,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let series = rgb(palette::SERIES);
    let highlight = rgb(palette::HIGHLIGHT);
    let neutral = rgb(palette::NEUTRAL);
    let body = legend(
        body,
        &[
            (Swatch::Dot(highlight), c.fleet_series.into()),
            (Swatch::Dot(series), c.other_miners_series.into()),
            (Swatch::Triangle(neutral), c.historical_series.into()),
        ],
        look,
    )?;
    let points = &data.hardware;
    if points.is_empty() {
        return Ok(());
    }
    let years = points.iter().map(|p| f64::from(p.release_year));
    let first = years.clone().fold(f64::INFINITY, f64::min);
    let last = years.fold(f64::NEG_INFINITY, f64::max);
    let effs = points
        .iter()
        .map(|p| p.efficiency_j_per_th)
        .filter(|e| *e > 0.0);
    let lo = effs.clone().fold(f64::INFINITY, f64::min);
    let hi = effs.fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi) = if lo.is_finite() && hi.is_finite() {
        (lo / 1.8, hi * 1.8)
    } else {
        (1.0, 10.0)
    };
    let (w, _) = body.dim_in_pixel();
    let mut ticks = Vec::new();
    let mut decade = 10f64.powf(lo.log10().floor());
    while decade <= hi * 10.0 {
        ticks.push(tick(decade));
        decade *= 10.0;
    }
    let y_area = y_area_width(&body, &ticks, look);
    let mut chart = ChartBuilder::on(&body)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size((look.tick * 1.6 + look.label * 1.8) as u32)
        .y_label_area_size(y_area)
        .build_cartesian_2d((first - 1.0)..(last + 1.0), (lo..hi).log_scale())?;
    chart
        .configure_mesh()
        .x_desc(c.release_year_axis)
        .y_desc(c.efficiency_axis)
        .x_labels(x_label_count(w.saturating_sub(y_area), look, 4.0).min(20))
        .y_labels(10)
        .x_label_formatter(&|v| year_tick(*v))
        .y_label_formatter(&|v| tick(*v))
        .label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let radius = look.px(6.0, 2.5) as i32;
    let offset = radius + look.px(4.0, 2.0) as i32;
    // Ordinary miners first, the historical ones, then the fleet on top.
    let at =
        |p: &crate::chart_data::HardwarePoint| (f64::from(p.release_year), p.efficiency_j_per_th);
    chart.draw_series(
        points
            .iter()
            .filter(|p| !p.in_fleet && !p.historical)
            .map(|p| Circle::new(at(p), radius, series.mix(0.75).filled())),
    )?;
    chart.draw_series(
        points
            .iter()
            .filter(|p| !p.in_fleet && p.historical)
            .map(|p| TriangleMarker::new(at(p), radius + 1, neutral.filled())),
    )?;
    chart.draw_series(
        points
            .iter()
            .filter(|p| p.in_fleet)
            .map(|p| Circle::new(at(p), radius + 2, highlight.filled())),
    )?;
    // Names beside the fleet's and the historical machines (the rest crowd each other).
    for p in points.iter().filter(|p| p.in_fleet || p.historical) {
        let colour = if p.in_fleet { highlight } else { MUTED };
        let (px, _) = chart.backend_coord(&at(p));
        let (range, _) = chart.plotting_area().get_pixel_range();
        let right_side = f64::from(px - range.start) < f64::from(range.end - range.start) * 0.7;
        let (h, dx) = if right_side {
            (HPos::Left, offset)
        } else {
            (HPos::Right, -offset)
        };
        // A white ground under the name keeps it legible over neighbouring points.
        let style = text_style(look.tick, colour);
        let tw = text_width(&body, &p.name, &style) as i32;
        let half = (look.tick * 0.7) as i32;
        let (x0, x1) = if right_side {
            (dx - 2, dx + tw + 2)
        } else {
            (dx - tw - 2, dx + 2)
        };
        chart.draw_series(std::iter::once(
            EmptyElement::at(at(p))
                + Rectangle::new([(x0, -half), (x1, half)], WHITE.mix(0.85).filled())
                + Text::new(p.name.clone(), (dx, 0), anchored(style, h, VPos::Center)),
        ))?;
    }
    Ok(())
}
