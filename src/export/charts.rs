//! Drawing the charts with plotters, the same code for PNG and SVG. Every value drawn comes from
//! [`ChartData`]; this module only lays it out.

pub(super) mod history;
pub(super) mod map;
pub(super) mod views;

use super::{ChartInput, ChartKind, ChartOptions, ExportError};
use crate::chart_data::{ChartData, MixChart, ProfitCurve, RegionMetric};
use crate::format;
use crate::i18n::charts::ChartStrings;
use crate::i18n::{self, Strings, fill};
use crate::model::Projection;
use crate::names::Names;
use crate::palette::{self, Rgb};
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::f64::consts::PI;
use std::sync::OnceLock;

/// The font family of English charts: DejaVu Sans, compiled in, so rendering needs no system
/// fonts. (An SVG names it; the viewer draws it with its own sans-serif.)
pub(super) const LATIN_FAMILY: &str = "sans-serif";

/// The font family of Chinese charts: the bundled Noto Sans CJK SC subset.
pub(super) const CJK_FAMILY: &str = "Noto Sans CJK SC";

thread_local! {
    /// The family of the chart being drawn on this thread (set by [`draw`] from the language).
    static FAMILY: std::cell::Cell<&'static str> = const { std::cell::Cell::new(LATIN_FAMILY) };
}

/// Registers the bundled fonts with plotters, once per process.
pub(super) fn register_font() -> Result<(), ExportError> {
    static REGISTERED: OnceLock<Result<(), ExportError>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            plotters::style::register_font(
                LATIN_FAMILY,
                FontStyle::Normal,
                crate::fonts::LATIN_FONT,
            )
            .and_then(|()| {
                plotters::style::register_font(
                    CJK_FAMILY,
                    FontStyle::Normal,
                    crate::fonts::CJK_FONT,
                )
            })
            .map_err(|_| ExportError::Font)
        })
        .clone()
}

/// A drawing failure, as text.
pub(super) struct DrawError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

type Drawn<T = ()> = Result<T, DrawError>;
type Area<DB> = DrawingArea<DB, Shift>;

pub(super) fn render_png(
    kind: ChartKind,
    data: &ChartInput,
    opts: &ChartOptions,
) -> Result<Vec<u8>, ExportError> {
    use image::ImageEncoder;
    let (w, h) = (opts.width, opts.height);
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let backend = BitMapBackend::with_buffer(&mut pixels, (w, h));
        let root = super::bitmap::Bitmap::new(backend)?.into_drawing_area();
        draw(&root, kind, data, opts)
            .and_then(|()| root.present().map_err(DrawError::from))
            .map_err(|e| ExportError::Draw(e.0))?;
    }
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(&pixels, w, h, image::ColorType::Rgb8)
        .map_err(|e| ExportError::Encode(e.to_string()))?;
    Ok(png)
}

/// Draws a chart onto any plotters backend (the PDF report's vector pages), as PNG and SVG
/// export draw it.
pub(super) fn render_on<DB: DrawingBackend>(
    backend: DB,
    kind: ChartKind,
    data: &ChartInput,
    opts: &ChartOptions,
) -> Result<(), ExportError> {
    register_font()?;
    let root = backend.into_drawing_area();
    draw(&root, kind, data, opts)
        .and_then(|()| root.present().map_err(DrawError::from))
        .map_err(|e| ExportError::Draw(e.0))
}

pub(super) fn render_svg(
    kind: ChartKind,
    data: &ChartInput,
    opts: &ChartOptions,
) -> Result<String, ExportError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (opts.width, opts.height)).into_drawing_area();
        draw(&root, kind, data, opts)
            .and_then(|()| root.present().map_err(DrawError::from))
            .map_err(|e| ExportError::Draw(e.0))?;
    }
    Ok(svg)
}

/// Text sizes and spacing, scaled with the image (a 1200 × 800 chart is the reference).
struct Look {
    scale: f64,
    title: f64,
    heading: f64,
    label: f64,
    tick: f64,
    small: f64,
    margin: i32,
}

impl Look {
    fn new(width: u32, height: u32) -> Look {
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
    fn px(&self, base: f64, min: f64) -> f64 {
        (base * self.scale).max(min)
    }

    /// A line width in pixels at this scale.
    fn stroke(&self, base: f64) -> u32 {
        (base * self.scale).round().max(1.0) as u32
    }
}

fn rgb((r, g, b): Rgb) -> RGBColor {
    RGBColor(r, g, b)
}

const TEXT: RGBColor = RGBColor(30, 30, 30);
const MUTED: RGBColor = RGBColor(95, 95, 95);

fn text_style(size: f64, colour: RGBColor) -> TextStyle<'static> {
    (FAMILY.get(), size).into_font().color(&colour)
}

fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

fn text_width<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle) -> u32 {
    area.estimate_text_size(text, style).map_or(0, |(w, _)| w)
}

/// An axis tick: the app's number format without trailing zeros (`0.025`, `1.5`, `100,000`).
fn tick(x: f64) -> String {
    let s = format::number(x);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A share in %: one decimal, or more digits below 0.1 %.
/// An exact quantity such as a block subsidy: up to 8 decimals, without trailing zeros.
fn exact(x: f64) -> String {
    let s = format::fixed(x, 8);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A year on an axis: whole years only, without a thousands separator.
fn year_tick(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        String::new()
    }
}

/// `lo..hi` widened by `frac` of its span on each side, never empty.
fn padded(lo: f64, hi: f64, frac: f64) -> (f64, f64) {
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        let d = (lo.abs() * 0.1).max(1.0);
        return (lo - d, hi + d);
    }
    (lo - span * frac, hi + span * frac)
}

/// The smallest and largest of some values, with zero included.
fn range_with_zero(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// Splits `text` into lines no wider than `width` at `style`, breaking between words.
fn wrap<DB: DrawingBackend>(
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
fn fitted<DB: DrawingBackend>(area: &Area<DB>, text: &str, size: f64, width: u32) -> f64 {
    let w = text_width(area, text, &text_style(size, TEXT));
    if w > width && w > 0 {
        (size * f64::from(width) / f64::from(w)).max(6.0)
    } else {
        size
    }
}

/// The width of a y label area: the widest tick label and the rotated axis description.
fn y_area_width<DB: DrawingBackend>(area: &Area<DB>, labels: &[String], look: &Look) -> u32 {
    let style = text_style(look.tick, TEXT);
    let widest = labels
        .iter()
        .map(|l| text_width(area, l, &style))
        .max()
        .unwrap_or(0);
    widest + (look.label * 1.6) as u32 + look.px(14.0, 6.0) as u32
}

/// Tick labels that a y axis from `lo` to `hi` will probably show, to size its label area.
fn probable_ticks(lo: f64, hi: f64) -> Vec<String> {
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
fn x_label_count(width: u32, look: &Look, chars: f64) -> usize {
    ((f64::from(width) / (look.tick * chars * 0.62 + look.tick * 2.5)) as usize).clamp(2, 12)
}

/// How many y labels fit up `height` pixels, at most `max`.
fn y_label_count(height: u32, look: &Look, max: usize) -> usize {
    ((f64::from(height) / (look.tick * 2.6)) as usize).clamp(2, max)
}

// ---------------------------------------------------------------------------------------------
// The frame: title, footer, legend rows, headings.

fn draw<DB: DrawingBackend>(
    root: &Area<DB>,
    kind: ChartKind,
    input: &ChartInput,
    opts: &ChartOptions,
) -> Drawn {
    let data = input.data;
    FAMILY.set(match opts.lang {
        i18n::Lang::En => LATIN_FAMILY,
        i18n::Lang::Zh => CJK_FAMILY,
    });
    let t = i18n::strings(opts.lang);
    let look = Look::new(opts.width, opts.height);
    root.fill(&WHITE)?;
    let title = match kind {
        ChartKind::Mix => t.charts.mix_title,
        ChartKind::Regions => t.charts.regions_title,
        ChartKind::BreakEven => t.charts.break_even_title,
        ChartKind::Projection => t.charts.projection_title,
        ChartKind::Hardware => t.charts.hardware_title,
        ChartKind::Sensitivity => t.sensitivity.title,
        ChartKind::Network => t.network.title,
        ChartKind::Compare => t.app.tab_compare,
        ChartKind::History => t.history.title,
        ChartKind::Backtest => t.history.backtest_title,
        ChartKind::Dispatch => t.dispatch.title,
        ChartKind::Map => input.map.map_or(t.map.view, |m| m.title.as_str()),
    };
    let title = if opts.title_suffix.trim().is_empty() {
        title.to_string()
    } else {
        fill(
            t.charts.title_with_suffix,
            &[("title", title), ("suffix", opts.title_suffix.trim())],
        )
    };
    // The History is about the network, not the scenario: its footer names the history's
    // sources, not the site's.
    let sources: &[String] = match (kind, input.history, input.pinned) {
        (ChartKind::History, Some(chart), _) => &chart.sources,
        (ChartKind::History, None, _) => &[],
        // The pins' sources, every site's, not only the open scenario's.
        (ChartKind::Compare, _, Some(pinned)) => pinned.sources,
        // The map names its shapes, their point of view and its layer's sources.
        (ChartKind::Map, _, _) => input.map.map_or(&[], |m| m.footer.as_slice()),
        _ => &data.sources,
    };
    let body = frame(root, &title, sources, opts, t, &look)?;
    match kind {
        ChartKind::Mix => mix(&body, data, t, &look),
        ChartKind::Regions => regions(&body, data, opts.region_metric, t, &look),
        ChartKind::BreakEven => break_even(&body, data, t, &look),
        ChartKind::Projection => projection(&body, data, t, &look),
        ChartKind::Hardware => hardware(&body, data, t, &look),
        // `render_chart` checked that the view's data is there.
        ChartKind::Sensitivity => match input.sensitivity {
            Some(maps) => views::sensitivity(&body, maps, t, &look),
            None => Ok(()),
        },
        ChartKind::Network => match input.network {
            Some(view) => views::network(&body, view, opts.lang, t, &look),
            None => Ok(()),
        },
        ChartKind::Compare => match input.pinned {
            Some(pinned) => views::compare(&body, pinned, opts.lang, t, &look),
            None => Ok(()),
        },
        ChartKind::History => match input.history {
            Some(chart) => history::history(&body, chart, input.history_shows_power, t, &look),
            None => Ok(()),
        },
        ChartKind::Backtest => match input.backtest {
            Some(chart) => history::backtest(&body, chart, t, &look),
            None => Ok(()),
        },
        ChartKind::Dispatch => match input.dispatch {
            Some(curve) => history::dispatch(&body, curve, t, &look),
            None => Ok(()),
        },
        ChartKind::Map => match input.map {
            Some(chart) => map::map(&body, chart, opts.lang, &look),
            None => Ok(()),
        },
    }
}

/// Draws the title and the footer (sources, "Made with hashwatt on …") and returns the area
/// between them.
fn frame<DB: DrawingBackend>(
    root: &Area<DB>,
    title: &str,
    sources: &[String],
    opts: &ChartOptions,
    t: &Strings,
    look: &Look,
) -> Drawn<Area<DB>> {
    let (w, h) = root.dim_in_pixel();
    let m = look.margin;
    let inner = w.saturating_sub(2 * m as u32).max(10);

    let title_size = fitted(root, title, look.title, inner);
    root.draw(&Text::new(
        title.to_string(),
        (w as i32 / 2, m),
        anchored(text_style(title_size, TEXT), HPos::Center, VPos::Top),
    ))?;
    let top = m + (title_size * 1.5) as i32;

    let footer_style = text_style(look.small, MUTED);
    let line_h = (look.small * 1.35).ceil() as i32;
    let mut lines = Vec::new();
    if !sources.is_empty() {
        let sources = fill(
            t.charts.label_value,
            &[
                ("label", t.charts.sources_footer),
                ("value", &sources.join(" · ")),
            ],
        );
        lines = wrap(root, &sources, &footer_style, inner);
    }
    // At small sizes the footer keeps at most a third of the height; the date line stays.
    let max_lines = ((f64::from(h) * 0.3) as i32 / line_h).max(1) as usize;
    lines.truncate(max_lines - 1);
    if opts.date.is_empty() {
        lines.push(fill(t.charts.made_with, &[("date", "")]).trim().to_string());
    } else {
        lines.push(fill(t.charts.made_with, &[("date", &opts.date)]));
    }
    let footer_h = lines.len() as i32 * line_h + m;
    let first_y = h as i32 - footer_h + m / 2;
    for (i, line) in lines.iter().enumerate() {
        root.draw(&Text::new(
            line.clone(),
            (m, first_y + i as i32 * line_h),
            anchored(footer_style.clone(), HPos::Left, VPos::Top),
        ))?;
    }
    Ok(root.margin(top, footer_h, m, m))
}

/// A legend swatch.
#[derive(Clone, Copy)]
enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    /// A filled box with a border.
    Fill(RGBAColor, RGBColor),
    Dot(RGBColor),
    Triangle(RGBColor),
}

/// Draws legend entries in rows across the top of `area`, and returns the area below. Legends
/// sit outside the plots, so they never cover data.
fn legend<DB: DrawingBackend>(
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
fn text_block<DB: DrawingBackend>(
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

fn heading<DB: DrawingBackend>(area: &Area<DB>, text: &str, look: &Look) -> Drawn<Area<DB>> {
    text_block(area, text, text_style(look.heading, TEXT), look.heading)
}

fn note<DB: DrawingBackend>(area: &Area<DB>, text: &str, look: &Look) -> Drawn<Area<DB>> {
    text_block(area, text, text_style(look.small, MUTED), look.small)
}

/// A text label beside a point, on the side with more room.
fn label_at<DB: DrawingBackend>(
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

fn mix<DB: DrawingBackend>(body: &Area<DB>, data: &ChartData, t: &Strings, look: &Look) -> Drawn {
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
fn mix_legend<DB: DrawingBackend>(
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
fn mix_donut<DB: DrawingBackend>(
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
fn mix_contributions<DB: DrawingBackend>(
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

/// Horizontal bars with category names on the y axis, the first at the top.
struct HorizontalBars<'a> {
    names: &'a [String],
    values: &'a [Option<f64>],
    /// Text at the end of each bar.
    labels: &'a [String],
    fills: &'a [RGBAColor],
    borders: &'a [RGBColor],
    name_colours: &'a [RGBColor],
    x_desc: &'a str,
    undefined: &'a str,
}

fn horizontal_bars<DB: DrawingBackend>(
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

fn metric_label(metric: RegionMetric, t: &Strings) -> &'static str {
    match metric {
        RegionMetric::GridIntensity => t.charts.regions_metric_intensity,
        RegionMetric::Co2PerBtc => t.charts.regions_metric_co2_per_btc,
        RegionMetric::BreakEvenBtcPrice => t.charts.regions_metric_break_even,
    }
}

fn regions<DB: DrawingBackend>(
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

fn break_even<DB: DrawingBackend>(
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

fn profit_panel<DB: DrawingBackend>(
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

fn projection<DB: DrawingBackend>(
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
struct MonthPanels<'a> {
    projection: &'a Projection,
    x_end: f64,
    x_labels: usize,
    y_area: u32,
    halving_x: Vec<(f64, f64)>,
    /// Dash and gap of the halvings' lines, pixels.
    dash: (i32, i32),
}

/// Where each halving falls: inside its month, by day; with the subsidy after it.
fn halving_positions(p: &Projection) -> Vec<(f64, f64)> {
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
fn cash_flow_panel<DB: DrawingBackend>(
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
fn btc_mined_panel<DB: DrawingBackend>(
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

fn hardware<DB: DrawingBackend>(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_drop_trailing_zeros() {
        assert_eq!(tick(0.025), "0.025");
        assert_eq!(tick(1.5), "1.5");
        assert_eq!(tick(100_000.0), "100,000");
        assert_eq!(tick(10.0), "10");
        assert_eq!(tick(0.0), "0");
        assert_eq!(tick(-2500.0), "-2,500");
        assert_eq!(year_tick(2020.0), "2020");
        assert_eq!(year_tick(2020.5), "");
    }

    #[test]
    fn padded_ranges_are_never_empty() {
        assert_eq!(padded(0.0, 0.0, 0.1), (-1.0, 1.0));
        assert_eq!(padded(0.0, 10.0, 0.1), (-1.0, 11.0));
        assert_eq!(range_with_zero([3.0, 5.0].into_iter()), (0.0, 5.0));
        assert_eq!(range_with_zero([-3.0, 5.0].into_iter()), (-3.0, 5.0));
    }
}
