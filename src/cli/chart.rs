//! `hashwatt chart`: draws one of a scenario's charts to a PNG or SVG file.

use super::CliError;
use super::args::{ProjectionFlags, ScenarioArgs, message_words, whole};
use crate::chart_data::RegionMetric;
use crate::export::{ChartKind, IMAGE_SIZE_PX};
use crate::i18n::Localized;
use crate::i18n::{Lang, fill};
use crate::model::{self, limits::Limit};
use crate::presets::PresetLibrary;
use crate::scenario_io;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The chart: mix, regions, break-even, projection, hardware, sensitivity or network.
    #[arg(value_name = "KIND", value_parser = parse_chart_kind)]
    pub kind: ChartKind,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// The file to write; its extension, .png or .svg, chooses the format.
    #[arg(long, value_name = "FILE", help_heading = "Image")]
    pub out: PathBuf,
    /// Image width, pixels.
    #[arg(long, value_name = "W", default_value_t = crate::export::DEFAULT_WIDTH_PX, value_parser = whole(IMAGE_SIZE), help_heading = "Image", allow_hyphen_values = true)]
    pub width: u32,
    /// Image height, pixels.
    #[arg(long, value_name = "H", default_value_t = crate::export::DEFAULT_HEIGHT_PX, value_parser = whole(IMAGE_SIZE), help_heading = "Image", allow_hyphen_values = true)]
    pub height: u32,
    /// The figure the regions chart ranks by: intensity, co2-per-btc or break-even.
    #[arg(long, value_name = "METRIC", default_value = "intensity", value_parser = parse_metric, help_heading = "Image")]
    pub metric: RegionMetric,
    /// Months to project (default: the scenario file's `projection.months`, else 36).
    #[arg(long, value_name = "N", value_parser = super::args::input_whole(crate::inputs::Input::ProjectionMonths), help_heading = "Projection", allow_hyphen_values = true)]
    pub months: Option<u32>,
    #[command(flatten, next_help_heading = "Projection")]
    pub growth: ProjectionFlags,
}

/// The width and height limits of `--width` and `--height`.
pub(super) const IMAGE_SIZE: Limit = Limit {
    min: *IMAGE_SIZE_PX.start() as f64,
    max: *IMAGE_SIZE_PX.end() as f64,
    min_exclusive: false,
    integer: true,
    unit: "px",
};

fn parse_chart_kind(text: &str) -> Result<ChartKind, String> {
    ChartKind::from_cli_name(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = ChartKind::ALL.iter().map(|k| k.cli_name()).collect();
        fill(
            message_words().unknown_chart,
            &[("names", &names.join(", "))],
        )
    })
}

/// The `--metric` names of the region rankings.
pub const METRIC_NAMES: [(&str, RegionMetric); 3] = [
    ("intensity", RegionMetric::GridIntensity),
    ("co2-per-btc", RegionMetric::Co2PerBtc),
    ("break-even", RegionMetric::BreakEvenBtcPrice),
];

fn parse_metric(text: &str) -> Result<RegionMetric, String> {
    METRIC_NAMES
        .iter()
        .find(|(name, _)| *name == text.trim())
        .map(|(_, metric)| *metric)
        .ok_or_else(|| {
            let names: Vec<&str> = METRIC_NAMES.iter().map(|(n, _)| *n).collect();
            fill(message_words().one_of, &[("names", &names.join(", "))])
        })
}

/// Draws a chart to the `--out` file and returns the line to print: the path written.
pub fn run(a: &ChartArgs, library: &PresetLibrary, lang: Lang) -> Result<String, CliError> {
    use crate::export::{ChartOptions, ImageFormat};
    let t = &crate::i18n::strings(lang).cli;
    let format = ImageFormat::from_path(&a.out).ok_or_else(|| {
        CliError(fill(
            t.out_extension,
            &[("path", &a.out.display().to_string())],
        ))
    })?;
    let loaded = super::load(&a.scenario, library, lang)?;
    let mut settings = loaded.doc.projection;
    if let Some(months) = a.months {
        settings.months = months;
    }
    a.growth.apply(&mut settings);
    let evaluation = model::evaluate(&loaded.scenario);
    let data = crate::chart_data::compute(
        &loaded.doc,
        &loaded.scenario,
        &evaluation,
        library,
        &settings,
        lang,
    );
    let options = ChartOptions {
        width: a.width,
        height: a.height,
        date: crate::today().to_string(),
        title_suffix: loaded.doc.name_in(lang).to_string(),
        region_metric: a.metric,
        lang,
    };
    // The views with data of their own, as the window opens them (default settings).
    let maps = (a.kind == ChartKind::Sensitivity).then(|| {
        crate::chart_data::sensitivity::Maps::compute(
            &loaded.scenario,
            &crate::chart_data::sensitivity::Settings::default(),
        )
    });
    let network = (a.kind == ChartKind::Network).then(|| {
        crate::network_data::NetworkView::of(
            &loaded.doc,
            &loaded.scenario,
            evaluation.grid_intensity_g_per_kwh,
            library,
            &crate::network_data::ViewSettings::default(),
            lang,
        )
    });
    let input = crate::export::ChartInput {
        data: &data,
        sensitivity: maps.as_ref(),
        network: network.as_ref(),
        pinned: None,
    };
    let bytes = crate::export::render_chart(a.kind, input, &options, format)
        .map_err(|e| CliError(fill(t.chart_failed, &[("error", &e.localized(lang))])))?;
    scenario_io::write_atomically(&a.out, &bytes)?;
    Ok(format!(
        "{}\n",
        super::term::escape(&a.out.display().to_string())
    ))
}
