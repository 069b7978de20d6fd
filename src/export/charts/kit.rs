//! What every exported chart is drawn with: its look (sizes, colours, the font), text that
//! fits, ticks, legends, headings and horizontal bars.

use crate::export::fonts::FAMILY;
use crate::format;
use crate::palette::Rgb;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// A drawing failure, as text.
pub(super) struct DrawError(pub(super) String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

pub(super) type Drawn<T = ()> = Result<T, DrawError>;
pub(super) type Area<DB> = DrawingArea<DB, Shift>;

/// Text sizes and spacing, scaled with the image (a 1200 × 800 chart is the reference).
pub(super) struct Look {
    pub(super) scale: f64,
    pub(super) title: f64,
    pub(super) heading: f64,
    pub(super) label: f64,
    pub(super) tick: f64,
    pub(super) small: f64,
    pub(super) margin: i32,
}

impl Look {
    pub(super) fn new(width: u32, height: u32) -> Look {
        let scale = (f64::from(width) / 1200.0).min(f64::from(height) / 800.0);
        let size = |base: f64| (base * scale).max(7.0);
        Look {
            scale,
            title: size(28.0),
            heading: size(19.0),
            label: size(16.0),
            tick: size(14.0),
            small: size(13.0),
            margin: (16.0 * scale).round().max(4.0) as i32,
        }
    }

    /// A length in pixels at this scale, at least `min`.
    pub(super) fn px(&self, base: f64, min: f64) -> f64 {
        (base * self.scale).max(min)
    }

    /// A line width in pixels at this scale.
    pub(super) fn stroke(&self, base: f64) -> u32 {
        (base * self.scale).round().max(1.0) as u32
    }
}

pub(super) fn rgb((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

pub(super) const TEXT: RGBColor = RGBColor(30, 30, 30);
pub(super) const MUTED: RGBColor = RGBColor(95, 95, 95);

pub(super) fn text_style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FAMILY.get(), size).into_font().color(&colour)
}

pub(super) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

pub(super) fn text_width<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle,
) -> u32 {
    area.estimate_text_size(text, style).map_or(0, |(w, _)| w)
}

/// An axis tick: the app's number format without trailing zeros (`0.025`, `1.5`, `100,000`).
pub(super) fn tick(x: f64) -> String {
    let s = format::number(x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A share in %: one decimal, or more digits below 0.1 %.
/// An exact quantity such as a block subsidy: up to 8 decimals, without trailing zeros.
pub(super) fn exact(x: f64) -> String {
    let s = format::fixed(x, 8);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A year on an axis: whole years only, without a thousands separator.
pub(super) fn year_tick(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

/// `lo..hi` widened by `frac` of its span on each side, never empty.
pub(super) fn padded(lo: f64, hi: f64, frac: f64) -> (f64, f64) {
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        let d = (lo.abs() * 0.1).max(1.0);
        return (lo - d, hi + d);
    }
    (lo - span * frac, hi + span * frac)
}

/// The smallest and largest of some values, with zero included.
pub(super) fn range_with_zero(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// Splits `text` into lines no wider than `width` at `style`, breaking between words.
pub(super) fn wrap<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle,
    width: u32,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(area, &candidate, style) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// A font size at most `size` at which `text` fits in `width`.
pub(super) fn fitted<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    size: f64,
    width: u32,
) -> f64 {
    let w = text_width(area, text, &text_style(size, TEXT));
    if w > width && w > 0 {
        (size * f64::from(width) / f64::from(w)).max(6.0)
    } else {
        size
    }
}

/// The width of a y label area: the widest tick label and the rotated axis description.
pub(super) fn y_area_width<DB: DrawingBackend>(
    area: &Area<DB>,
    labels: &[String],
    look: &Look,
) -> u32 {
    let style = text_style(look.tick, TEXT);
    let widest = labels
        .iter()
        .map(|l| text_width(area, l, &style))
        .max()
        .unwrap_or(0);
    widest + (look.label * 1.6) as u32 + look.px(14.0, 6.0) as u32
}

/// Tick labels that a y axis from `lo` to `hi` will probably show, to size its label area.
pub(super) fn probable_ticks(lo: f64, hi: f64) -> Vec<String> {
    let step = (hi - lo) / 4.0;
    (0..=4)
        .map(|i| {
            let v = lo + step * f64::from(i);
            let magnitude = 10f64.powf(v.abs().max(1e-12).log10().floor());
            tick((v / magnitude).round() * magnitude)
        })
        .chain([tick(lo), tick(hi)])
        .collect()
}

/// How many x labels fit across `width` pixels when each is about `chars` characters.
pub(super) fn x_label_count(width: u32, look: &Look, chars: f64) -> usize {
    ((f64::from(width) / (look.tick * chars * 0.62 + look.tick * 2.5)) as usize).clamp(2, 12)
}

/// How many y labels fit up `height` pixels, at most `max`.
pub(super) fn y_label_count(height: u32, look: &Look, max: usize) -> usize {
    ((f64::from(height) / (look.tick * 2.6)) as usize).clamp(2, max)
}

// ---------------------------------------------------------------------------------------------
// The frame: title, footer, legend rows, headings.

/// A legend swatch.
#[derive(Clone, Copy)]
pub(super) enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    /// A filled box with a border.
    Fill(RGBAColor, RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
}

/// Draws legend entries in rows across the top of `area`, and returns the area below. Legends
/// sit outside the plots, so they never cover data.
pub(super) fn legend<DB: DrawingBackend>(
    area: &Area<DB>,
    entries: &[(Swatch, String)],
    look: &Look,
) -> Drawn<Area<DB>> {
    let (w, _) = area.dim_in_pixel();
    let style = text_style(look.label, TEXT);
    let swatch_w = (look.label * 1.8) as i32;
    let gap = (look.label * 0.5) as i32;
    let spacing = (look.label * 1.6) as i32;
    let row_h = (look.label * 1.6) as i32;
    let mut placed = Vec::new();
    let (mut x, mut y) = (0, 0);
    for (swatch, label) in entries {
        let width = swatch_w + gap + text_width(area, label, &style) as i32;
        if x > 0 && x + width > w as i32 {
            x = 0;
            y += row_h;
        }
        placed.push((*swatch, label, x, y + row_h / 2));
        x += width + spacing;
    }
    let height = y + row_h + look.margin / 2;
    for (swatch, label, x, yc) in placed {
        let half = (look.label * 0.45) as i32;
        match swatch {
            Swatch::Line(c) => area.draw(&PathElement::new(
                vec![(x, yc), (x + swatch_w, yc)],
                c.stroke_width(look.stroke(3.0)),
            ))?,
            Swatch::Dashed(c) => area.draw(&DashedPathElement::new(
                vec![(x, yc), (x + swatch_w, yc)],
                look.px(6.0, 2.0) as i32,
                look.px(4.0, 2.0) as i32,
                c.stroke_width(look.stroke(2.0)),
            ))?,
            Swatch::Fill(fill_colour, border) => {
                let corners = [(x, yc - half), (x + swatch_w, yc + half)];
                area.draw(&Rectangle::new(corners, fill_colour.filled()))?;
                area.draw(&Rectangle::new(corners, border.stroke_width(1)))?;
            }
            Swatch::Dot(c) => area.draw(&Circle::new((x + swatch_w / 2, yc), half, c.filled()))?,
            Swatch::Triangle(c) => area.draw(&TriangleMarker::new(
                (x + swatch_w / 2, yc),
                half,
                c.filled(),
            ))?,
        }
        area.draw(&Text::new(
            label.clone(),
            (x + swatch_w + gap, yc),
            anchored(style.clone(), HPos::Left, VPos::Center),
        ))?;
    }
    Ok(area.margin(height, 0, 0, 0))
}

/// Draws a line of text across the top of `area` (wrapped to its width) and returns the area
/// below.
pub(super) fn text_block<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: TextStyle<'static>,
    size: f64,
) -> Drawn<Area<DB>> {
    if text.is_empty() {
        return Ok(area.margin(0, 0, 0, 0));
    }
    let (w, _) = area.dim_in_pixel();
    let line_h = (size * 1.4).ceil() as i32;
    let lines = wrap(area, text, &style, w);
    for (i, line) in lines.iter().enumerate() {
        area.draw(&Text::new(
            line.clone(),
            (0, i as i32 * line_h),
            anchored(style.clone(), HPos::Left, VPos::Top),
        ))?;
    }
    Ok(area.margin(lines.len() as i32 * line_h + (size * 0.3) as i32, 0, 0, 0))
}

pub(super) fn heading<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    look: &Look,
) -> Drawn<Area<DB>> {
    text_block(area, text, text_style(look.heading, TEXT), look.heading)
}

pub(super) fn note<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    look: &Look,
) -> Drawn<Area<DB>> {
    text_block(area, text, text_style(look.small, MUTED), look.small)
}

/// A text label beside a point, on the side with more room.
pub(super) fn label_at<DB: DrawingBackend>(
    chart: &mut ChartContext<'_, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    at: (f64, f64),
    text: String,
    style: TextStyle<'static>,
    above: bool,
    offset: i32,
) -> Drawn {
    let (px, _) = chart.backend_coord(&at);
    let (range, _) = chart.plotting_area().get_pixel_range();
    let left_half = f64::from(px - range.start) < f64::from(range.end - range.start) * 0.55;
    let (h, dx) = if left_half {
        (HPos::Left, offset)
    } else {
        (HPos::Right, -offset)
    };
    let (v, dy) = if above {
        (VPos::Bottom, -offset)
    } else {
        (VPos::Top, offset)
    };
    chart.draw_series(std::iter::once(
        EmptyElement::at(at) + Text::new(text, (dx, dy), anchored(style, h, v)),
    ))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Energy mix: a donut of the shares, bars of each source's contribution to the intensity.

/// Horizontal bars with category names on the y axis, the first at the top.
pub(super) struct HorizontalBars<'a> {
    pub(super) names: &'a [String],
    pub(super) values: &'a [Option<f64>],
    /// Text at the end of each bar.
    pub(super) labels: &'a [String],
    pub(super) fills: &'a [RGBAColor],
    pub(super) borders: &'a [RGBColor],
    pub(super) name_colours: &'a [RGBColor],
    pub(super) x_desc: &'a str,
    pub(super) undefined: &'a str,
}

pub(super) fn horizontal_bars<DB: DrawingBackend>(
    area: &Area<DB>,
    bars: &HorizontalBars,
    look: &Look,
) -> Drawn {
    let n = bars.names.len();
    let (w, h) = area.dim_in_pixel();
    let x_area = (look.tick * 1.6 + look.label * 1.8) as u32;
    let row_px = f64::from(h.saturating_sub(x_area + look.margin as u32)) / n.max(1) as f64;
    let row_font = (row_px * 0.72).min(look.tick).max(4.0);
    let name_style = text_style(row_font, TEXT);
    let y_area = bars
        .names
        .iter()
        .map(|name| text_width(area, name, &name_style))
        .max()
        .unwrap_or(0)
        + look.px(14.0, 6.0) as u32;
    let y_area = y_area.min(w / 2);
    let label_style = text_style(row_font, TEXT);
    let widest_label = bars
        .labels
        .iter()
        .map(|l| text_width(area, l, &label_style))
        .max()
        .unwrap_or(0);
    let max = bars.values.iter().flatten().fold(0.0f64, |m, v| m.max(*v));
    let max = if max > 0.0 { max } else { 1.0 };
    // Room at the right for the longest label beside the longest bar.
    let plot_w = f64::from(w.saturating_sub(y_area + look.margin as u32).max(20));
    let label_share = (f64::from(widest_label) + look.px(12.0, 4.0)) / plot_w;
    let x_max = max / (1.0 - label_share.min(0.6));

    let mut chart = ChartBuilder::on(area)
        .margin_right(look.margin)
        .margin_top(look.margin / 2)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(0.0..x_max, 0.0..n.max(1) as f64)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc(bars.x_desc)
        .x_labels(x_label_count(w.saturating_sub(y_area), look, 6.0))
        .y_labels(0)
        .x_label_formatter(&|v| tick(*v))
        .x_label_style(text_style(look.tick, TEXT))
        .axis_desc_style(text_style(look.label, TEXT))
        .bold_line_style(BLACK.mix(0.1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    // The names, right-aligned against the y axis, each in its bar's colour when it has one.
    let (base_x, base_y) = area.get_base_pixel();
    let gap = look.px(7.0, 3.0) as i32;
    for (i, name) in bars.names.iter().enumerate() {
        let (px, py) = chart.backend_coord(&(0.0, (n - 1 - i) as f64 + 0.5));
        area.draw(&Text::new(
            name.clone(),
            (px - base_x - gap, py - base_y),
            anchored(
                text_style(row_font, bars.name_colours[i]),
                HPos::Right,
                VPos::Center,
            ),
        ))?;
    }
    let offset = look.px(5.0, 2.0) as i32;
    for i in 0..n {
        let y = (n - 1 - i) as f64;
        match bars.values[i] {
            Some(v) => {
                let corners = [(0.0, y + 0.15), (v, y + 0.85)];
                chart.draw_series([
                    Rectangle::new(corners, bars.fills[i].filled()),
                    Rectangle::new(corners, bars.borders[i].stroke_width(1)),
                ])?;
                chart.draw_series(std::iter::once(
                    EmptyElement::at((v, y + 0.5))
                        + Text::new(
                            bars.labels[i].clone(),
                            (offset, 0),
                            anchored(label_style.clone(), HPos::Left, VPos::Center),
                        ),
                ))?;
            }
            None => {
                chart.draw_series(std::iter::once(
                    EmptyElement::at((0.0, y + 0.5))
                        + Text::new(
                            bars.undefined.to_string(),
                            (offset, 0),
                            anchored(label_style.clone(), HPos::Left, VPos::Center),
                        ),
                ))?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Regions: every region ranked by one figure, this site highlighted, estimates marked.
