//! `hashwatt chart`: draws one of a scenario's charts to a PNG or SVG file.

use super::CliError;
use super::flags::{ProjectionFlags, ScenarioArgs, message_words, whole};
use crate::chart_data::RegionMetric;
use crate::export::{ChartKind, IMAGE_SIZE_PX};
use crate::history::Month;
use crate::i18n::Localized;
use crate::i18n::{Lang, fill};
use crate::map::MapLayer;
use crate::model::{self, limits::Limit};
use crate::presets::PresetLibrary;
use crate::scenario_io;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ChartArgs {
    /// The chart: mix, regions, break-even, projection, hardware, sensitivity, network, history,
    /// backtest, dispatch or map.
    #[arg(value_name = "KIND", value_parser = parse_chart_kind)]
    pub kind: ChartKind,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// The file to write; its extension, .png or .svg, chooses the format.
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Image",
        required_unless_present = "csv"
    )]
    pub out: Option<PathBuf>,
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
    #[arg(long, value_name = "N", value_parser = super::flags::input_whole(crate::inputs::Input::ProjectionMonths), help_heading = "Projection", allow_hyphen_values = true)]
    pub months: Option<u32>,
    #[command(flatten, next_help_heading = "Projection")]
    pub growth: ProjectionFlags,
    /// The first month of the history or backtest chart (default: the history's first; for a
    /// backtest, three years before the newest month with a price).
    #[arg(long, value_name = "YYYY-MM", value_parser = super::history::parse_month, allow_hyphen_values = true, help_heading = "History and backtest")]
    pub from: Option<Month>,
    /// The last month of the history or backtest chart (default: the history's last; for a
    /// backtest, the newest month with a price).
    #[arg(long, value_name = "YYYY-MM", value_parser = super::history::parse_month, allow_hyphen_values = true, help_heading = "History and backtest")]
    pub to: Option<Month>,
    /// A monthly history CSV laid over the built-in one (history and backtest charts).
    #[arg(
        long = "history-csv",
        value_name = "FILE",
        help_heading = "History and backtest"
    )]
    pub history_csv: Option<PathBuf>,
    /// The price series the dispatch chart runs the fleet through (default: the scenario's
    /// time-of-use tariff).
    #[arg(long, value_name = "FILE.csv", help_heading = "Dispatch")]
    pub prices: Option<PathBuf>,
    /// The map's layer: intensity, demand, hashrate-share or profit.
    #[arg(long, value_name = "LAYER", default_value = "intensity", value_parser = parse_layer, help_heading = "Map")]
    pub layer: MapLayer,
    /// The mining-map snapshot the hashrate-share layer shows (default: the newest), e.g.
    /// ccaf-2021-08.
    #[arg(long, value_name = "ID", help_heading = "Map")]
    pub snapshot: Option<String>,
    /// The year the demand layer compares Bitcoin at (default: the history's newest full year).
    #[arg(long, value_name = "Y", value_parser = clap::value_parser!(i32), allow_hyphen_values = true, help_heading = "Map")]
    pub year: Option<i32>,
    /// Print the map's values to standard output as CSV
    /// (`iso3,name,value,unit,year,source`) instead of drawing it.
    #[arg(long, help_heading = "Map")]
    pub csv: bool,
}

fn parse_layer(text: &str) -> Result<MapLayer, String> {
    MapLayer::from_key(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = MapLayer::ALL.iter().map(|l| l.key()).collect();
        fill(message_words().one_of, &[("names", &names.join(", "))])
    })
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
    check_view_flags(a)?;
    let loaded = super::scenario::load(&a.scenario, library, lang)?;
    let map = match a.kind {
        ChartKind::Map => Some(map_chart(a, &loaded.doc, library, lang)?),
        _ => None,
    };
    if a.csv {
        let rows = map.as_ref().map(|m| m.rows()).unwrap_or_default();
        return Ok(crate::map::layers::csv_text(&rows));
    }
    // clap requires --out without --csv.
    let out = a.out.clone().unwrap_or_default();
    let format = ImageFormat::from_path(&out).ok_or_else(|| {
        CliError::Said(fill(
            t.out_extension,
            &[("path", &out.display().to_string())],
        ))
    })?;
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
        title_suffix: if a.kind.is_about_the_scenario() {
            loaded.doc.name_in(lang).to_string()
        } else {
            String::new()
        },
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
    let history = match a.kind {
        ChartKind::History => Some(history_chart(a, library)?),
        _ => None,
    };
    let backtest = match a.kind {
        ChartKind::Backtest => Some(backtest_chart(a, &loaded.scenario)?),
        _ => None,
    };
    let dispatch = match a.kind {
        ChartKind::Dispatch => Some(duration_curve(a, &loaded, library, lang)?),
        _ => None,
    };
    let input = crate::export::ChartInput {
        data: &data,
        sensitivity: maps.as_ref(),
        network: network.as_ref(),
        pinned: None,
        history: history.as_ref(),
        history_shows_power: false,
        backtest: backtest.as_ref(),
        dispatch: dispatch.as_ref(),
        map: map.as_ref(),
    };
    let bytes = crate::export::render_chart(a.kind, input, &options, format)
        .map_err(|e| CliError::Said(fill(t.chart_failed, &[("error", &e.localized(lang))])))?;
    scenario_io::write_atomically(&out, &bytes)?;
    Ok(format!(
        "{}\n",
        super::term::escape(&out.display().to_string())
    ))
}

/// The Map view's layer: the presets, the history (with any fetched months) and the scenario.
fn map_chart(
    a: &ChartArgs,
    doc: &crate::scenario_file::ScenarioDoc,
    library: &PresetLibrary,
    lang: Lang,
) -> Result<crate::map::MapChart, CliError> {
    let history = super::history::load_history(None)?;
    crate::map::layers::map_chart(&crate::map::MapRequest {
        layer: a.layer,
        library,
        history: &history,
        snapshot: a.snapshot.as_deref(),
        year: a.year,
        scenario: doc,
        lang,
    })
    .map_err(|e| {
        let flag = match e {
            crate::map::layers::MapError::UnknownSnapshot { .. } => "--snapshot",
            crate::map::layers::MapError::YearOutside { .. } => "--year",
        };
        CliError::Said(format!("{flag}: {}", e.localized(lang)))
    })
}

/// `--from`, `--to` and `--history-csv` belong to the history and backtest charts, `--prices`
/// to the dispatch chart: given to another chart they would change nothing, so they are refused.
fn check_view_flags(a: &ChartArgs) -> Result<(), CliError> {
    let months = matches!(a.kind, ChartKind::History | ChartKind::Backtest);
    for (given, flag) in [
        (a.from.is_some(), "--from"),
        (a.to.is_some(), "--to"),
        (a.history_csv.is_some(), "--history-csv"),
    ] {
        if given && !months {
            return Err(CliError::Said(format!(
                "{flag}: only the history and backtest charts take it"
            )));
        }
    }
    if a.prices.is_some() && a.kind != ChartKind::Dispatch {
        return Err(CliError::Said(
            "--prices: only the dispatch chart takes it".to_string(),
        ));
    }
    let map = a.kind == ChartKind::Map;
    for (given, flag) in [
        (a.csv, "--csv"),
        (a.snapshot.is_some(), "--snapshot"),
        (a.year.is_some(), "--year"),
        (a.layer != MapLayer::Intensity, "--layer"),
    ] {
        if given && !map {
            return Err(CliError::Said(format!(
                "{flag}: only the map chart takes it"
            )));
        }
    }
    Ok(())
}

/// The History view's data at Cambridge's price, over `--from`/`--to` (default: all of it).
fn history_chart(
    a: &ChartArgs,
    library: &PresetLibrary,
) -> Result<crate::history::chart::HistoryChart, CliError> {
    use crate::history::chart::{HistoryChart, HistorySettings};
    let history = super::history::load_history(a.history_csv.as_ref())?;
    let (from, to) = super::history::range(&history, a.from, a.to)?;
    let settings = HistorySettings {
        from,
        to,
        ..HistorySettings::whole(&history)
    };
    Ok(HistoryChart::of(&history, library, settings))
}

/// The Backtest view's run: `--from`/`--to`, by default the newest three years with a price.
fn backtest_chart(
    a: &ChartArgs,
    scenario: &model::Scenario,
) -> Result<crate::history::chart::BacktestChart, CliError> {
    use crate::history::chart::{BacktestChart, BacktestSettings};
    let history = super::history::load_history(a.history_csv.as_ref())?;
    let latest = BacktestSettings::latest(&history);
    let (from, to) = super::history::range(
        &history,
        Some(a.from.unwrap_or(latest.from)),
        Some(a.to.unwrap_or(latest.to.max(a.from.unwrap_or(latest.from)))),
    )?;
    BacktestChart::of(&history, scenario, BacktestSettings { from, to }).map_err(|e| match e {
        crate::history::chart::BacktestViewError::Range(e) => CliError::Range(e),
        crate::history::chart::BacktestViewError::Run(error) => {
            let flag = if a.to.is_some() { "--to" } else { "--from" };
            CliError::Backtest { flag, error }
        }
    })
}

/// The dispatch's price-duration curve over `--prices` or the scenario's tariff.
fn duration_curve(
    a: &ChartArgs,
    loaded: &super::scenario::Loaded,
    library: &PresetLibrary,
    lang: Lang,
) -> Result<crate::chart_data::dispatch::DurationCurve, CliError> {
    use crate::model::dispatch::{DispatchRates, dispatch};
    let modes = loaded
        .doc
        .fleet_modes(&loaded.scenario, library)
        .map_err(|e| CliError::Said(e.localized(lang)))?;
    let series = match &a.prices {
        Some(path) => crate::price_series::read_price_series(path)?,
        None => loaded
            .doc
            .dispatch
            .tariff_series(&loaded.scenario)
            .ok_or_else(|| {
                CliError::Said(
                    crate::i18n::strings(lang)
                        .dispatch
                        .cli_no_prices
                        .to_string(),
                )
            })?,
    };
    let rates = DispatchRates::of(&loaded.scenario);
    let d = dispatch(&rates, &modes, &series, &loaded.doc.dispatch.settings());
    Ok(crate::chart_data::dispatch::DurationCurve::of(&d))
}
