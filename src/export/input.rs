//! What an export is asked for: the chart, the image format and size, the data to draw, and
//! what can go wrong.

use crate::chart_data::{ChartData, RegionMetric};
use crate::compare::Comparison;
use crate::i18n::Lang;
use std::ops::RangeInclusive;
use std::path::Path;

/// The charts hashwatt draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Mix,
    Regions,
    BreakEven,
    Projection,
    Hardware,
    /// The sensitivity maps (profit over BTC price × power price and × difficulty).
    Sensitivity,
    /// The whole network: its estimate, each mining map's intensity, Bitcoin beside countries.
    Network,
    /// The pinned scenarios side by side (drawn from the Compare view's pins).
    Compare,
    /// The network month by month: electricity with its band and Cambridge's points, CO₂,
    /// hashprice (the History view's data).
    History,
    /// The scenario's fleet through real months: the cumulative cash flow and payback.
    Backtest,
    /// The price-duration curve of a dispatch with its break-even line.
    Dispatch,
    /// The world map, one layer (grid intensity, demand, hashrate share, a fleet's profit).
    Map,
}

impl ChartKind {
    /// Whether the chart is about the open scenario, so that its title names it: the Network
    /// and History charts are about the network, the Compare chart about the pins.
    pub fn is_about_the_scenario(self) -> bool {
        !matches!(
            self,
            ChartKind::Network | ChartKind::History | ChartKind::Compare | ChartKind::Map
        )
    }
}

impl ChartKind {
    /// The charts of one scenario (what `hashwatt chart` draws); Compare needs pinned scenarios.
    pub const ALL: [ChartKind; 11] = [
        ChartKind::Mix,
        ChartKind::Regions,
        ChartKind::BreakEven,
        ChartKind::Projection,
        ChartKind::Hardware,
        ChartKind::Sensitivity,
        ChartKind::Network,
        ChartKind::History,
        ChartKind::Backtest,
        ChartKind::Dispatch,
        ChartKind::Map,
    ];

    /// The name on the command line (`hashwatt chart break-even`).
    pub fn cli_name(self) -> &'static str {
        match self {
            ChartKind::Mix => "mix",
            ChartKind::Regions => "regions",
            ChartKind::BreakEven => "break-even",
            ChartKind::Projection => "projection",
            ChartKind::Hardware => "hardware",
            ChartKind::Sensitivity => "sensitivity",
            ChartKind::Network => "network",
            ChartKind::Compare => "compare",
            ChartKind::History => "history",
            ChartKind::Backtest => "backtest",
            ChartKind::Dispatch => "dispatch",
            ChartKind::Map => "map",
        }
    }

    pub fn from_cli_name(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.cli_name() == name)
    }
}

/// The image formats a chart can be saved in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ImageFormat {
    Png,
    Svg,
}

impl ImageFormat {
    /// The format a file name asks for, by its extension (`.png`, `.svg`, any case).
    pub fn from_path(path: &Path) -> Option<ImageFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(ImageFormat::Png),
            "svg" => Some(ImageFormat::Svg),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// The allowed width and height of an exported chart, in pixels.
pub const IMAGE_SIZE_PX: RangeInclusive<u32> = 200..=8000;
/// The default size of an exported chart.
pub const DEFAULT_WIDTH_PX: u32 = 1200;
pub const DEFAULT_HEIGHT_PX: u32 = 800;

/// How to draw a chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartOptions {
    pub width: u32,
    pub height: u32,
    /// The date in the footer ("Made with hashwatt on {date}"); the renderer never reads the clock.
    pub date: String,
    /// Added to the title, e.g. the scenario's name; empty for none.
    pub title_suffix: String,
    /// The figure the regions chart ranks by.
    pub region_metric: RegionMetric,
    pub lang: Lang,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: DEFAULT_WIDTH_PX,
            height: DEFAULT_HEIGHT_PX,
            date: String::new(),
            title_suffix: String::new(),
            region_metric: RegionMetric::default(),
            lang: Lang::default(),
        }
    }
}

/// What a chart is drawn from: the scenario's chart data and, for the views with data of their
/// own, that view's data.
#[derive(Clone, Copy)]
pub struct ChartInput<'a> {
    pub data: &'a ChartData,
    pub sensitivity: Option<&'a crate::chart_data::sensitivity::Maps>,
    pub network: Option<&'a crate::network_data::NetworkView>,
    pub pinned: Option<&'a Pinned<'a>>,
    pub history: Option<&'a crate::history::chart::HistoryChart>,
    /// The History chart draws power (GW) rather than annualised energy, as the tab can.
    pub history_shows_power: bool,
    pub backtest: Option<&'a crate::history::chart::BacktestChart>,
    pub dispatch: Option<&'a crate::chart_data::dispatch::DurationCurve>,
    pub map: Option<&'a crate::map::MapChart>,
}

impl<'a> From<&'a ChartData> for ChartInput<'a> {
    fn from(data: &'a ChartData) -> Self {
        ChartInput {
            data,
            sensitivity: None,
            network: None,
            pinned: None,
            history: None,
            history_shows_power: false,
            backtest: None,
            dispatch: None,
            map: None,
        }
    }
}

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub enum ExportError {
    /// An image side outside [`IMAGE_SIZE_PX`].
    Size { height: bool, value: u32 },
    /// The bundled font could not be read (a broken build).
    Font,
    /// The drawing library's own words for a failure.
    Draw(String),
    /// The PNG encoder's own words for a failure.
    Encode(String),
    /// The chart's view has nothing to draw (no scenario pinned to compare).
    Nothing,
    /// The History or Backtest view has nothing to draw (its tab says why).
    NothingInView,
    /// The Dispatch view has no price series (nor a tariff) to run the fleet through.
    NoPrices,
}

impl ExportError {
    /// The message in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &crate::i18n::strings(lang).charts;
        match self {
            ExportError::Size { height, value } => crate::i18n::fill(
                t.export_size,
                &[
                    (
                        "name",
                        if *height {
                            t.export_height
                        } else {
                            t.export_width
                        },
                    ),
                    ("value", &value.to_string()),
                    ("min", &IMAGE_SIZE_PX.start().to_string()),
                    ("max", &IMAGE_SIZE_PX.end().to_string()),
                ],
            ),
            ExportError::Font => t.export_font.to_string(),
            ExportError::Draw(why) => crate::i18n::fill(t.export_draw, &[("why", why)]),
            ExportError::Encode(why) => crate::i18n::fill(t.export_encode, &[("why", why)]),
            ExportError::Nothing => t.export_nothing.to_string(),
            ExportError::NothingInView => t.export_nothing_view.to_string(),
            ExportError::NoPrices => crate::i18n::strings(lang).dispatch.none_yet.to_string(),
        }
    }
}

/// The pinned scenarios of the Compare view, named as the view names them.
pub struct Pinned<'a> {
    pub comparison: &'a Comparison,
    /// Each pinned document's name, by its index.
    pub names: &'a [String],
    /// The sources of every pinned scenario, each once: the chart's footer.
    pub sources: &'a [String],
}
