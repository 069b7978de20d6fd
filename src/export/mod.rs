//! Exporting charts (PNG, SVG) and results (CSV, Markdown, JSON). Charts draw only from
//! [`crate::chart_data::ChartData`], so a number in an exported file is the number on screen.
//! Rendering needs no system fonts: DejaVu Sans is compiled in.

mod bitmap;
mod charts;
mod fonts;
mod input;
mod pdf;
mod report_pdf;
mod results;

pub use charts::views::COMPARE_FIGURES;
pub use input::*;
pub use report_pdf::{Paper, ReportInput, render_report};
pub use results::{results_csv, results_json, results_markdown};

/// Draws one chart and returns the file's bytes: a PNG image or SVG text.
pub fn render_chart<'a>(
    kind: ChartKind,
    data: impl Into<ChartInput<'a>>,
    opts: &ChartOptions,
    format: ImageFormat,
) -> Result<Vec<u8>, ExportError> {
    let data = data.into();
    for (height, value) in [(false, opts.width), (true, opts.height)] {
        if !IMAGE_SIZE_PX.contains(&value) {
            return Err(ExportError::Size { height, value });
        }
    }
    let has_data = match kind {
        ChartKind::Sensitivity => data.sensitivity.is_some(),
        ChartKind::Network => data.network.is_some(),
        ChartKind::Compare => data
            .pinned
            .is_some_and(|p| !p.comparison.columns.is_empty()),
        ChartKind::History => data.history.is_some(),
        ChartKind::Backtest => data.backtest.is_some(),
        ChartKind::Dispatch => data.dispatch.is_some(),
        ChartKind::Map => data.map.is_some(),
        _ => true,
    };
    if !has_data {
        return Err(match kind {
            ChartKind::History | ChartKind::Backtest => ExportError::NothingInView,
            ChartKind::Dispatch => ExportError::NoPrices,
            _ => ExportError::Nothing,
        });
    }
    fonts::register_font()?;
    match format {
        ImageFormat::Png => charts::render_png(kind, &data, opts),
        ImageFormat::Svg => charts::render_svg(kind, &data, opts).map(String::into_bytes),
    }
}

#[cfg(test)]
mod tests;
