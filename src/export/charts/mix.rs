//! The energy mix: the ring of sources, its legend and each source's contribution.

use super::kit::*;
use crate::chart_data::{ChartData, MixChart};
use crate::format;
use crate::i18n::charts::ChartStrings;
use crate::i18n::{Strings, fill};
use crate::names::Names;
use crate::palette::{self};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::f64::consts::PI;

pub(super) fn mix<DB: DrawingBackend>(
    body: &Area<DB>,
    data: &ChartData,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let (w, _) = body.dim_in_pixel();
    let (left, right) = body.split_horizontally((f64::from(w) * 0.47) as u32);
    let left = heading(&left, c.mix_share_axis, look)?;
    let right = heading(
        &right.margin(0, 0, look.margin, 0),
        c.mix_contribution_title,
        look,
    )?;
    let legend_x = mix_legend(&left, &data.mix, t, look)?;
    mix_donut(&left, &data.mix, legend_x, c, look)?;
    mix_contributions(&right, &data.mix, t, look)
}

/// The legend column at the right of `left`: each source with its share, centred in height.
/// Returns the legend's left edge.
pub(super) fn mix_legend<DB: DrawingBackend>(
    left: &Area<DB>,
    mix: &MixChart,
    t: &Strings,
    look: &Look,
) -> Drawn<i32> {
    let c = &t.charts;
    let legend_style = text_style(look.label, TEXT);
    let entries: Vec<(RGBColor, String)> = mix
        .slices
        .iter()
        .map(|s| {
            let share = fill(c.percent, &[("value", &format::share_pct(s.share_pct))]);
            (
                rgb(palette::source_rgb(s.source)),
                format!("{}  {share}", t.source(s.source)),
            )
        })
        .collect();
    let swatch = (look.label * 1.1) as i32;
    let row_h = (look.label * 1.6) as i32;
    let legend_w = entries
        .iter()
        .map(|(_, l)| text_width(left, l, &legend_style))
        .max()
        .unwrap_or(0) as i32
        + swatch
        + look.margin;
    let (lw, lh) = left.dim_in_pixel();
    let legend_x = lw as i32 - legend_w;
    let legend_top = ((lh as i32 - row_h * entries.len() as i32) / 2).max(0);
    for (i, (colour, label)) in entries.iter().enumerate() {
        let yc = legend_top + row_h * i as i32 + row_h / 2;
        left.draw(&Rectangle::new(
            [
                (legend_x, yc - swatch / 2),
                (legend_x + swatch, yc + swatch / 2),
            ],
            colour.filled(),
        ))?;
        left.draw(&Text::new(
            label.clone(),
            (legend_x + swatch + look.margin / 2, yc),
            anchored(legend_style.clone(), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(legend_x)
}

/// The donut of the shares, in the room left of the legend, with the intensity in the middle.
pub(super) fn mix_donut<DB: DrawingBackend>(
    left: &Area<DB>,
    mix: &MixChart,
    legend_x: i32,
    c: &ChartStrings,
    look: &Look,
) -> Drawn {
    let (_, lh) = left.dim_in_pixel();
    let room_w = (legend_x - look.margin).max(0);
    let diameter = room_w.min(lh as i32 - look.margin).max(0);
    let outer = f64::from(diameter) / 2.0;
    let inner = outer * 0.56;
    let (cx, cy) = (f64::from(room_w) / 2.0, f64::from(lh) / 2.0);
    let total: f64 = mix.slices.iter().map(|s| s.share_pct).sum();
    if outer >= 10.0 && total > 0.0 {
        let mut angle = -PI / 2.0;
        for s in &mix.slices {
            let sweep = s.share_pct / total * 2.0 * PI;
            let steps = ((sweep / (PI / 90.0)).ceil() as usize).max(2);
            let arc = |r: f64, k: usize| {
                let a = angle + sweep * k as f64 / steps as f64;
                (
                    (cx + r * a.cos()).round() as i32,
                    (cy + r * a.sin()).round() as i32,
                )
            };
            let mut points: Vec<(i32, i32)> = (0..=steps).map(|k| arc(outer, k)).collect();
            points.extend((0..=steps).rev().map(|k| arc(inner, k)));
            let (r, g, b) = palette::source_rgb(s.source);
            left.draw(&Polygon::new(points.clone(), RGBColor(r, g, b).filled()))?;
            points.push(points[0]);
            left.draw(&PathElement::new(
                points,
                WHITE.stroke_width(look.stroke(2.0)),
            ))?;
            // The share on the ring, when the slice has room for it.
            let ring = outer - inner;
            if s.share_pct >= 5.0 && ring > look.tick * 1.3 {
                let mid = angle + sweep / 2.0;
                let rm = (outer + inner) / 2.0;
                let luminance = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
                let colour = if luminance > 150.0 { TEXT } else { WHITE };
                left.draw(&Text::new(
                    fill(c.percent, &[("value", &format::fixed(s.share_pct, 0))]),
                    (
                        (cx + rm * mid.cos()).round() as i32,
                        (cy + rm * mid.sin()).round() as i32,
                    ),
                    anchored(text_style(look.tick, colour), HPos::Center, VPos::Center),
                ))?;
            }
            angle += sweep;
        }
    }
    // The intensity in the middle: the number, and the unit under it.
    if inner >= 12.0 {
        let value = format::number(mix.intensity_g_per_kwh);
        let unit = fill(c.mix_centre, &[("value", "")]).trim().to_string();
        let hole = (inner * 1.6) as u32;
        let big = fitted(left, &value, look.title * 1.2, hole);
        let small = fitted(left, &unit, look.label, hole);
        let centre = (cx.round() as i32, cy.round() as i32);
        left.draw(&Text::new(
            value,
            (centre.0, centre.1 + (big * 0.1) as i32),
            anchored(text_style(big, TEXT), HPos::Center, VPos::Bottom),
        ))?;
        left.draw(&Text::new(
            unit,
            (centre.0, centre.1 + (big * 0.2) as i32),
            anchored(text_style(small, MUTED), HPos::Center, VPos::Top),
        ))?;
    }

    Ok(())
}

/// Contribution bars, one per source, in the engine's source order from the top.
pub(super) fn mix_contributions<DB: DrawingBackend>(
    right: &Area<DB>,
    mix: &MixChart,
    t: &Strings,
    look: &Look,
) -> Drawn {
    let c = &t.charts;
    let total_note = fill(
        c.mix_contribution_total,
        &[("value", &format::number(mix.mix_intensity_g_per_kwh))],
    );
    let right = note(right, &total_note, look)?;
    let names: Vec<String> = mix
        .slices
        .iter()
        .map(|s| t.source(s.source).to_string())
        .collect();
    let values: Vec<f64> = mix
        .slices
        .iter()
        .map(|s| s.contribution_g_per_kwh)
        .collect();
    let colours: Vec<RGBColor> = mix
        .slices
        .iter()
        .map(|s| rgb(palette::source_rgb(s.source)))
        .collect();
    let labels: Vec<String> = values.iter().map(|v| format::number(*v)).collect();
    horizontal_bars(
        &right,
        &HorizontalBars {
            names: &names,
            values: &values.iter().map(|v| Some(*v)).collect::<Vec<_>>(),
            labels: &labels,
            fills: &colours.iter().map(|c| c.to_rgba()).collect::<Vec<_>>(),
            borders: &colours,
            name_colours: &vec![TEXT; names.len()],
            x_desc: c.mix_contribution_axis,
            undefined: t.results.undefined,
        },
        look,
    )
}
