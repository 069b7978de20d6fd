//! Drawing the charts with plotters, the same code for PNG and SVG. Every value drawn comes from
//! [`ChartData`]; this module only lays it out.

pub(super) mod history;
mod kit;
pub(super) mod map;
mod mix;
mod site;
pub(super) mod views;

use crate::export::fonts::{CJK_FAMILY, FAMILY, LATIN_FAMILY, register_font};
use kit::*;
use mix::mix;
use site::*;

use super::{ChartInput, ChartKind, ChartOptions, ExportError};
use crate::i18n::{self, Strings, fill};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

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
