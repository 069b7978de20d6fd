//! The exported charts of the History, Backtest and Dispatch views, drawn from the same core
//! chart data the tabs plot (`history::chart::HistoryChart`, `history::chart::BacktestChart`,
//! `chart_data::dispatch::DurationCurve`).

use super::kit::*;
use crate::chart_data::dispatch::DurationCurve;
use crate::format;
use crate::history::chart::{BacktestChart, Band, EventKind, HistoryChart};
use crate::i18n::history::HistoryStrings;
use crate::i18n::{Strings, fill};
use crate::palette::{self};
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;

type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The time axis of a plot: its range, its title (none: no x labels, a panel above the
/// bottom one) and how a tick is written.
struct XAxis<'a> {
    range: (f64, f64),
    desc: Option<&'a str>,
    tick: &'a dyn Fn(&f64) -> String,
}

/// A plot over `x` and `y`, the y labels in an area `y_area` wide; x labels only when the time
/// axis has a title (the bottom panel of a stack).
fn plot<'a, DB: DrawingBackend>(
    area: &'a Area<DB>,
    x: &XAxis,
    y: &YAxis,
    y_area: u32,
    look: &Look,
) -> Drawn<TimeChart<'a, DB>> {
    let (x_desc, x_tick) = (x.desc, x.tick);
    let (y_desc, y_tick, y_labels) = (y.desc, y.tick, y.labels);
    let (x, y) = (x.range, y.range);
    let (w, h) = area.dim_in_pixel();
    let x_area = match x_desc {
        Some(_) => (look.tick * 1.6 + look.label * 1.8) as u32,
        None => (look.tick * 1.8) as u32,
    };
    let mut chart = ChartBuilder::on(area)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(x.0..x.1, y.0..y.1)?;
    chart
        .configure_mesh()
        .x_desc(x_desc.unwrap_or(""))
        .y_desc(y_desc)
        .x_labels(x_label_count(w.saturating_sub(y_area), look, 5.0))
        .y_labels(y_labels.unwrap_or_else(|| y_label_count(h, look, 8)))
        .x_label_formatter(x_tick)
        .y_label_formatter(y_tick)
        .label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(chart)
}

/// A vertical dashed line across a plot.
fn vertical<DB: DrawingBackend>(
    chart: &mut TimeChart<'_, DB>,
    x: f64,
    y: (f64, f64),
    colour: RGBColor,
    look: &Look,
) -> Drawn {
    chart.draw_series(std::iter::once(DashedPathElement::new(
        vec![(x, y.0), (x, y.1)],
        look.px(7.0, 3.0) as i32,
        look.px(5.0, 2.0) as i32,
        colour.stroke_width(look.stroke(1.5)),
    )))?;
    Ok(())
}

/// The largest value of some series, at least `floor`, at most the core's
/// [`CHART_VALUE_MAX`](crate::history::chart::CHART_VALUE_MAX): an axis end stays finite when
/// padded.
fn top(series: &[&[[f64; 2]]], floor: f64) -> f64 {
    series
        .iter()
        .flat_map(|s| s.iter().map(|p| p[1]))
        .filter(|v| v.is_finite())
        .fold(floor, f64::max)
        .min(crate::history::chart::CHART_VALUE_MAX)
}

/// The widest log axis drawn, in decades either side of 1.
const LOG_DECADES_MAX: f64 = 40.0;

// ---------------------------------------------------------------------------------------------
// History: network electricity with its band and Cambridge's points, CO₂ with the mining
// maps' eras, hashprice; halvings and China's ban on every panel.

pub(super) fn history<DB: DrawingBackend>(
    body: &Area<DB>,
    chart: &HistoryChart,
    show_power: bool,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.history;
    let energy = EnergySeries::of(chart, show_power, s);
    let series = rgb(palette::SERIES);
    let event = rgb(palette::EVENT);
    let mut entries = vec![
        (Swatch::Fill(series.mix(0.22), series), s.band_series.into()),
        (Swatch::Line(series), s.best_series.into()),
        (
            Swatch::Dot(rgb(palette::HIGHLIGHT)),
            s.cambridge_series.into(),
        ),
        (Swatch::Triangle(series), s.yearly_series.into()),
        (Swatch::Line(rgb(palette::LOSS)), s.co2_series.into()),
        (
            Swatch::Line(rgb(palette::GAIN)),
            s.hashprice_usd_series.into(),
        ),
    ];
    if let Some(label) = chart.halving_label(s) {
        entries.push((Swatch::Dashed(event), label));
    }
    if chart.events.iter().any(|e| e.kind == EventKind::ChinaBan) {
        entries.push((Swatch::Dashed(rgb(palette::POLICY)), s.china_ban.into()));
    }
    let body = legend(body, &entries, look)?;
    let settings = &chart.settings;
    let body = note(
        &body,
        &format!(
            "{} {}/kWh · {} → {} · {}",
            s.price,
            format::usd(settings.usd_per_kwh),
            settings.from,
            settings.to,
            s.energy_note
        ),
        look,
    )?;
    let x = (
        crate::history::chart::x_of(settings.from) - 0.5 / 12.0,
        crate::history::chart::x_of(settings.to) + 0.5 / 12.0,
    );

    let energy_top = top(
        &[&energy.band.upper, &energy.band.best, &energy.cambridge],
        1.0,
    ) * 1.05;
    let co2_top = top(&[&chart.co2_mt_per_year], 1.0) * 1.1;
    let (hashprice, (h_lo, h_hi)) = log_hashprice(chart);
    let mut labels = probable_ticks(0.0, energy_top);
    labels.extend(probable_ticks(0.0, co2_top));
    labels.extend((h_lo as i32..=h_hi as i32).map(|e| tick(10f64.powi(e))));
    let panels = HistoryPanels {
        chart,
        x,
        y_area: y_area_width(&body, &labels, look),
        look,
    };

    let (_, h) = body.dim_in_pixel();
    let (energy_area, rest) = body.split_vertically((f64::from(h) * 0.40) as u32);
    let (co2_area, hashprice_area) = rest.split_vertically((f64::from(h) * 0.29) as u32);
    energy_panel(&energy_area, &panels, &energy, energy_top, look)?;
    co2_panel(&co2_area, &panels, co2_top, t, look)?;
    hashprice_panel(&hashprice_area, &panels, &hashprice, (h_lo, h_hi), s, look)
}

/// The top panel's series: energy (TWh a year) or power (GW), as the tab shows it, with
/// Cambridge's published years in the same unit.
struct EnergySeries<'a> {
    band: &'a Band,
    yearly: &'a [[f64; 2]],
    cambridge: Vec<[f64; 2]>,
    title: &'a str,
    axis: &'a str,
}

impl<'a> EnergySeries<'a> {
    fn of(chart: &'a HistoryChart, show_power: bool, s: &'a HistoryStrings) -> EnergySeries<'a> {
        let (band, yearly, title, axis) = if show_power {
            (
                &chart.power_gw,
                &chart.yearly_gw,
                s.power_title,
                s.power_axis,
            )
        } else {
            (
                &chart.energy_twh_per_year,
                &chart.yearly_twh,
                s.energy_title,
                s.energy_axis,
            )
        };
        let cambridge = chart
            .cambridge
            .iter()
            .map(|c| [c.x, if show_power { c.average_gw } else { c.twh }])
            .collect();
        EnergySeries {
            band,
            yearly,
            cambridge,
            title,
            axis,
        }
    }
}

/// The months with a hashprice in USD, as decades (log₁₀), and the whole decades around them.
fn log_hashprice(chart: &HistoryChart) -> (Vec<[f64; 2]>, (f64, f64)) {
    let hashprice: Vec<[f64; 2]> = chart
        .hashprice_usd_per_ph_day
        .iter()
        .filter(|p| p[1] > 0.0 && p[1].is_finite())
        // Decades beyond ±40 clamped: the labels are one a decade, and a range of hundreds
        // of decades would only be drawn as a flat line anyway.
        .map(|p| [p[0], p[1].log10().clamp(-LOG_DECADES_MAX, LOG_DECADES_MAX)])
        .collect();
    let (h_lo, h_hi) = hashprice
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p[1]), hi.max(p[1]))
        });
    let decades = if h_lo.is_finite() {
        (h_lo.floor(), h_hi.ceil().max(h_lo.floor() + 1.0))
    } else {
        (0.0, 1.0)
    };
    (hashprice, decades)
}

/// What the history's three panels share: the chart, the time axis and the y label width
/// (so their x axes line up).
struct HistoryPanels<'a> {
    chart: &'a HistoryChart,
    x: (f64, f64),
    y_area: u32,
    look: &'a Look,
}

/// A history panel's y axis: its range, description and tick labels, and how many labels
/// (`None`: as many as fit).
struct YAxis<'a> {
    range: (f64, f64),
    desc: &'a str,
    tick: &'a dyn Fn(&f64) -> String,
    labels: Option<usize>,
}

impl HistoryPanels<'_> {
    /// A plot of one panel over the time axis; x labels only when `x_desc` is given.
    fn plot<'a, DB: DrawingBackend>(
        &self,
        area: &'a Area<DB>,
        y: &YAxis,
        x_desc: Option<&str>,
    ) -> Drawn<TimeChart<'a, DB>> {
        let year = |v: &f64| year_tick(*v);
        let x = XAxis {
            range: self.x,
            desc: x_desc,
            tick: &year,
        };
        plot(area, &x, y, self.y_area, self.look)
    }

    /// The halvings and China's ban, across a panel.
    fn events<DB: DrawingBackend>(&self, c: &mut TimeChart<'_, DB>, y: (f64, f64)) -> Drawn {
        for e in &self.chart.events {
            let colour = match e.kind {
                EventKind::Halving => rgb(palette::EVENT),
                EventKind::ChinaBan => rgb(palette::POLICY),
            };
            vertical(c, e.x, y, colour, self.look)?;
        }
        Ok(())
    }
}

/// Energy, annualised, with its band; Cambridge's published years and hashwatt's sums.
fn energy_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    panels: &HistoryPanels,
    energy: &EnergySeries,
    energy_top: f64,
    look: &Look,
) -> Drawn {
    let series = rgb(palette::SERIES);
    let highlight = rgb(palette::HIGHLIGHT);
    let band = energy.band;
    let area = heading(area, energy.title, look)?;
    let y = (0.0, energy_top);
    let y_axis = YAxis {
        range: y,
        desc: energy.axis,
        tick: &|v| tick(*v),
        labels: None,
    };
    let mut c = panels.plot(&area, &y_axis, None)?;
    if !band.upper.is_empty() {
        let outline: Vec<(f64, f64)> = band
            .upper
            .iter()
            .chain(band.lower.iter().rev())
            .map(|p| (p[0], p[1]))
            .collect();
        c.draw_series(std::iter::once(Polygon::new(
            outline,
            series.mix(0.22).filled(),
        )))?;
    }
    panels.events(&mut c, y)?;
    c.draw_series(LineSeries::new(
        band.best.iter().map(|p| (p[0], p[1])),
        series.stroke_width(look.stroke(2.5)),
    ))?;
    let r = look.px(5.0, 2.5) as i32;
    c.draw_series(
        energy
            .yearly
            .iter()
            .map(|p| TriangleMarker::new((p[0], p[1]), r, series.filled())),
    )?;
    c.draw_series(
        energy
            .cambridge
            .iter()
            .map(|p| Circle::new((p[0], p[1]), r, highlight.filled())),
    )?;
    Ok(())
}

/// CO₂, annualised, and where each mining map starts an era (named in a line above the plot:
/// the maps of 2021-08 and 2022-01 are too close for labels beside their lines).
fn co2_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    panels: &HistoryPanels,
    co2_top: f64,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.history;
    let chart = panels.chart;
    let x = panels.x;
    let gain = rgb(palette::GAIN);
    let area = heading(
        area,
        &fill(
            t.charts.label_value,
            &[("label", s.co2_title), ("value", s.co2_axis)],
        ),
        look,
    )?;
    let eras: Vec<String> = chart
        .eras
        .iter()
        .map(|era| {
            fill(
                s.era,
                &[
                    ("name", &era.month.to_string()),
                    ("share", &format::fixed(era.china_share_pct, 1)),
                ],
            )
        })
        .collect();
    let area = text_block(
        &area,
        &format!("{} · {}", eras.join(" · "), s.before_first_map),
        text_style(look.small, gain),
        look.small,
    )?;
    let y = (0.0, co2_top);
    let y_axis = YAxis {
        range: y,
        desc: "",
        tick: &|v| tick(*v),
        labels: None,
    };
    let mut c = panels.plot(&area, &y_axis, None)?;
    panels.events(&mut c, y)?;
    for era in chart.eras.iter().filter(|e| e.x >= x.0 && e.x <= x.1) {
        c.draw_series(std::iter::once(PathElement::new(
            vec![(era.x, y.0), (era.x, y.1)],
            gain.stroke_width(look.stroke(1.5)),
        )))?;
    }
    c.draw_series(LineSeries::new(
        chart.co2_mt_per_year.iter().map(|p| (p[0], p[1])),
        rgb(palette::LOSS).stroke_width(look.stroke(2.5)),
    ))?;
    Ok(())
}

/// Hashprice in USD on a log scale (months with a price), `hashprice` in decades.
fn hashprice_panel<DB: DrawingBackend>(
    area: &Area<DB>,
    panels: &HistoryPanels,
    hashprice: &[[f64; 2]],
    (h_lo, h_hi): (f64, f64),
    s: &HistoryStrings,
    look: &Look,
) -> Drawn {
    let log_tick = |v: &f64| {
        if (v - v.round()).abs() < 1e-9 {
            tick(10f64.powf(*v))
        } else {
            String::new()
        }
    };
    let area = heading(area, s.hashprice_usd_axis, look)?;
    let y = (h_lo, h_hi);
    let y_axis = YAxis {
        range: y,
        desc: "",
        tick: &log_tick,
        // Every other decade at most (the labels are whole decades only).
        labels: Some(((h_hi - h_lo) as usize / 2 + 1).clamp(2, 6)),
    };
    let mut c = panels.plot(&area, &y_axis, Some(s.col_year))?;
    panels.events(&mut c, y)?;
    c.draw_series(LineSeries::new(
        hashprice.iter().map(|p| (p[0], p[1])),
        rgb(palette::GAIN).stroke_width(look.stroke(2.5)),
    ))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Backtest: the cumulative cash flow from −hardware, the payback month marked.

pub(super) fn backtest<DB: DrawingBackend>(
    body: &Area<DB>,
    chart: &BacktestChart,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.history;
    let series = rgb(palette::SERIES);
    let highlight = rgb(palette::HIGHLIGHT);
    let body = legend(
        body,
        &[
            (Swatch::Line(series), s.cumulative_series.into()),
            (Swatch::Dot(highlight), s.payback_series.into()),
        ],
        look,
    )?;
    let summary = &chart.backtest.summary;
    let line = match summary.payback_month {
        Some(month) => fill(s.payback, &[("month", &month.to_string())]),
        None => fill(s.no_payback, &[("month", &chart.settings.to.to_string())]),
    };
    let body = note(
        &body,
        &format!(
            "{} → {} · {line} · {}: {} · {}: {}",
            chart.settings.from,
            chart.settings.to,
            s.card_btc,
            format::fixed(summary.btc_mined, 4),
            s.card_cumulative,
            format::usd(summary.cumulative_cash_flow_usd)
        ),
        look,
    )?;
    let body = heading(&body, s.cumulative_title, look)?;
    let cash: Vec<(f64, f64)> = chart.cumulative_usd.iter().map(|p| (p[0], p[1])).collect();
    let (Some(first), Some(last)) = (cash.first(), cash.last()) else {
        return Ok(());
    };
    let x = (first.0, last.0.max(first.0 + 1.0 / 12.0));
    let (lo, hi) = range_with_zero(cash.iter().map(|p| p.1));
    let y = padded(lo, hi, 0.08);
    let y_area = y_area_width(&body, &probable_ticks(y.0, y.1), look);
    let month_tick = |v: &f64| crate::history::chart::month_at(*v + 1e-6).to_string();
    let value_tick = |v: &f64| tick(*v);
    let x_axis = XAxis {
        range: x,
        desc: Some(s.col_month),
        tick: &month_tick,
    };
    let y_axis = YAxis {
        range: y,
        desc: s.cumulative_axis,
        tick: &value_tick,
        labels: None,
    };
    let mut c = plot(&body, &x_axis, &y_axis, y_area, look)?;
    c.draw_series(AreaSeries::new(
        cash.iter().map(|&(x, y)| (x, y.max(0.0))),
        0.0,
        rgb(palette::GAIN).mix(0.15),
    ))?;
    c.draw_series(AreaSeries::new(
        cash.iter().map(|&(x, y)| (x, y.min(0.0))),
        0.0,
        rgb(palette::LOSS).mix(0.15),
    ))?;
    c.draw_series(std::iter::once(PathElement::new(
        vec![(x.0, 0.0), (x.1, 0.0)],
        rgb(palette::NEUTRAL).stroke_width(look.stroke(1.5)),
    )))?;
    c.draw_series(LineSeries::new(
        cash.iter().copied(),
        series.stroke_width(look.stroke(3.0)),
    ))?;
    // The payback month's point: the cumulative cash flow at the end of that month.
    let payback = summary.payback_month.and_then(|month| {
        let i = chart
            .backtest
            .months
            .iter()
            .position(|m| m.month == month)?;
        cash.get(i + 1).copied()
    });
    if let (Some(at), Some(month)) = (payback, summary.payback_month) {
        c.draw_series(std::iter::once(Circle::new(
            at,
            look.px(6.0, 3.0) as i32,
            highlight.filled(),
        )))?;
        label_at(
            &mut c,
            at,
            fill(s.payback, &[("month", &month.to_string())]),
            text_style(look.tick, highlight),
            true,
            look.px(6.0, 3.0) as i32,
        )?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Dispatch: the price-duration curve, the steps mined and off, the break-even line.

pub(super) fn dispatch<DB: DrawingBackend>(
    body: &Area<DB>,
    curve: &DurationCurve,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let s = &t.dispatch;
    let neutral = rgb(palette::NEUTRAL);
    let gain = rgb(palette::GAIN);
    let loss = rgb(palette::LOSS);
    let event = rgb(palette::EVENT);
    let mut entries = vec![
        (Swatch::Line(neutral), s.cost_axis.to_string()),
        (Swatch::Dot(gain), s.mined.to_string()),
        (Swatch::Dot(loss), s.idle.to_string()),
    ];
    if curve.break_even_usd_mwh.is_some() {
        entries.push((Swatch::Dashed(event), s.break_even.to_string()));
    }
    let body = legend(body, &entries, look)?;
    let body = match curve.break_even_usd_mwh {
        Some(value) => note(
            &body,
            &fill(s.break_even_line, &[("value", &format::number(value))]),
            look,
        )?,
        None => body,
    };
    let body = heading(&body, s.duration_title, look)?;
    let costs = curve
        .points
        .iter()
        .map(|p| p.cost_usd_per_mwh)
        .chain(curve.break_even_usd_mwh);
    let (lo, hi) = range_with_zero(costs);
    let y = padded(lo, hi, 0.06);
    let y_area = y_area_width(&body, &probable_ticks(y.0, y.1), look);
    let value_tick = |v: &f64| tick(*v);
    let x_axis = XAxis {
        range: (0.0, 100.0),
        desc: Some(s.duration_x),
        tick: &value_tick,
    };
    let y_axis = YAxis {
        range: y,
        desc: s.cost_axis,
        tick: &value_tick,
        labels: None,
    };
    let mut c = plot(&body, &x_axis, &y_axis, y_area, look)?;
    c.draw_series(LineSeries::new(
        curve
            .points
            .iter()
            .map(|p| (p.share_pct, p.cost_usd_per_mwh)),
        neutral.stroke_width(look.stroke(2.0)),
    ))?;
    let r = look.px(2.5, 1.5) as i32;
    for (mined, colour) in [(true, gain), (false, loss)] {
        c.draw_series(
            curve
                .points
                .iter()
                .filter(|p| p.mined == mined)
                .map(|p| Circle::new((p.share_pct, p.cost_usd_per_mwh), r, colour.filled())),
        )?;
    }
    if let Some(value) = curve.break_even_usd_mwh {
        c.draw_series(std::iter::once(DashedPathElement::new(
            vec![(0.0, value), (100.0, value)],
            look.px(8.0, 3.0) as i32,
            look.px(5.0, 2.0) as i32,
            event.stroke_width(look.stroke(2.0)),
        )))?;
    }
    Ok(())
}
