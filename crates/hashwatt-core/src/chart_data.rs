//! The data behind every chart, computed once from a scenario. The window's charts, exported
//! PNG/SVG charts and `hashwatt chart` all draw from these values, so a bar on screen and a bar in
//! an exported file are the same number.

use crate::i18n::{self, Lang, Localized, fill};
use crate::model::{
    self, EnergySource, Evaluation, Projection, ProjectionSettings, Scenario, sweep,
};
use crate::names::Names;
use crate::presets::{Grade, PresetLibrary};
use crate::scenario_file::ScenarioDoc;
use serde::Serialize;

pub mod dispatch;
pub mod sensitivity;

/// One slice of the energy-mix chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MixSlice {
    pub source: EnergySource,
    pub share_pct: f64,
    /// This source's part of the mix-based intensity, g/kWh (`share × factor`).
    pub contribution_g_per_kwh: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MixChart {
    /// Sources with a share above zero, in the engine's source order.
    pub slices: Vec<MixSlice>,
    /// The intensity the scenario uses (measured or mix-based).
    pub intensity_g_per_kwh: f64,
    /// Mix × table, whatever the method.
    pub mix_intensity_g_per_kwh: f64,
}

/// One region evaluated with the current fleet and market, at its own power price.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionRow {
    pub id: String,
    pub name: String,
    pub intensity_g_per_kwh: f64,
    pub electricity_usd_per_kwh: f64,
    pub co2_t_per_btc: Option<f64>,
    pub break_even_btc_price_usd: Option<f64>,
    pub profit_usd_per_day: f64,
    /// The region's intensity is an estimate (so are its CO₂ figures).
    pub intensity_estimate: bool,
    /// The break-even price rests on an estimate: the power price, or the intensity when
    /// carbon is priced.
    pub break_even_estimate: bool,
}

impl RegionRow {
    /// Whether the figure shown for `metric` rests on an estimate.
    pub fn is_estimate(&self, metric: RegionMetric) -> bool {
        match metric {
            RegionMetric::GridIntensity | RegionMetric::Co2PerBtc => self.intensity_estimate,
            RegionMetric::BreakEvenBtcPrice => self.break_even_estimate,
        }
    }
}

/// The figure a region ranking is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, Default)]
pub enum RegionMetric {
    #[default]
    GridIntensity,
    Co2PerBtc,
    BreakEvenBtcPrice,
}

impl RegionMetric {
    pub const ALL: [RegionMetric; 3] = [
        RegionMetric::GridIntensity,
        RegionMetric::Co2PerBtc,
        RegionMetric::BreakEvenBtcPrice,
    ];

    pub fn value(self, row: &RegionRow) -> Option<f64> {
        match self {
            RegionMetric::GridIntensity => Some(row.intensity_g_per_kwh),
            RegionMetric::Co2PerBtc => row.co2_t_per_btc,
            RegionMetric::BreakEvenBtcPrice => row.break_even_btc_price_usd,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RegionsChart {
    pub rows: Vec<RegionRow>,
    /// The scenario's own region, highlighted.
    pub current: Option<String>,
}

impl RegionsChart {
    /// Rows with a value for `metric`, lowest first; rows without one come last.
    pub fn sorted(&self, metric: RegionMetric) -> Vec<&RegionRow> {
        let mut rows: Vec<&RegionRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| match (metric.value(a), metric.value(b)) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.cmp(&b.name),
        });
        rows
    }
}

/// Daily profit along one input, everything else as in the scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProfitCurve {
    /// `(input value, profit USD/day)`.
    pub points: Vec<(f64, f64)>,
    /// Where profit crosses zero, if it does.
    pub break_even: Option<f64>,
    /// The scenario's own value of the input.
    pub current: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEvenChart {
    pub vs_btc_price: ProfitCurve,
    pub vs_electricity_price: ProfitCurve,
}

/// One miner on the efficiency-by-year chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HardwarePoint {
    pub id: String,
    pub name: String,
    pub release_year: u16,
    pub efficiency_j_per_th: f64,
    pub historical: bool,
    pub in_fleet: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionChart {
    pub projection: Projection,
    /// The first day of month 1 (the market snapshot's date), when known.
    pub start: Option<String>,
}

/// Break-even BTC price against a carbon price, for one site.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarbonPriceLine {
    /// The region preset, or `None` for the scenario's own site.
    pub region: Option<String>,
    pub name: String,
    /// `(carbon price USD/t, break-even BTC price USD)`.
    pub points: Vec<(f64, f64)>,
}

/// Points along each carbon-price line.
const CARBON_POINTS: usize = 21;

/// The break-even BTC price as the carbon price goes from 0 to `max_usd_per_t`, for the
/// scenario's own site and for each region given (each at its own mix and power price).
pub fn carbon_price_lines(
    doc: &ScenarioDoc,
    library: &PresetLibrary,
    own_name: &str,
    region_ids: &[String],
    max_usd_per_t: f64,
    lang: Lang,
) -> Vec<CarbonPriceLine> {
    let prices = sweep::linspace(0.0, max_usd_per_t, CARBON_POINTS);
    let line = |probe: &mut ScenarioDoc| -> Vec<(f64, f64)> {
        prices
            .iter()
            .filter_map(|&price| {
                probe.site.carbon_price_usd_per_t = price;
                let scenario = probe.resolve(library).ok()?;
                model::evaluate(&scenario)
                    .break_even_btc_price_usd
                    .map(|be| (price, be))
            })
            .collect()
    };
    let mut lines = vec![CarbonPriceLine {
        region: None,
        name: own_name.to_string(),
        points: line(&mut doc.clone()),
    }];
    for id in region_ids {
        let Some(region) = library.region(id) else {
            continue;
        };
        let mut probe = doc.clone();
        probe.site.region = Some(id.clone());
        probe.site.mix = None;
        probe.site.electricity_usd_per_kwh = None;
        lines.push(CarbonPriceLine {
            region: Some(id.clone()),
            name: region.name_in(lang).to_string(),
            points: line(&mut probe),
        });
    }
    lines
}

/// Every chart's data for one scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChartData {
    pub mix: MixChart,
    pub regions: RegionsChart,
    pub break_even: BreakEvenChart,
    pub projection: ProjectionChart,
    pub hardware: Vec<HardwarePoint>,
    /// The sources of the scenario's figures, for tooltips and chart footers.
    pub sources: Vec<String>,
}

/// Points along each profit curve.
const CURVE_POINTS: usize = 121;

pub fn mix_chart(scenario: &Scenario, evaluation: &Evaluation) -> MixChart {
    let grid = &scenario.site.grid;
    let contributions = grid.factors().contributions(grid.mix());
    MixChart {
        slices: grid
            .mix()
            .iter()
            .filter(|(_, share)| *share > 0.0)
            .map(|(source, share_pct)| MixSlice {
                source,
                share_pct,
                contribution_g_per_kwh: contributions.get(source),
            })
            .collect(),
        intensity_g_per_kwh: evaluation.grid_intensity_g_per_kwh,
        mix_intensity_g_per_kwh: grid.mix_intensity().central_g_per_kwh,
    }
}

/// Every region preset evaluated with the scenario's fleet, market and site settings, at the
/// region's own mix, intensity and power price.
pub fn regions_chart(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> RegionsChart {
    let mut probe = doc.clone();
    probe.site.mix = None;
    probe.site.electricity_usd_per_kwh = None;
    let rows = library
        .regions()
        .filter_map(|region| {
            probe.site.region = Some(region.id.clone());
            let scenario = probe.resolve(library).ok()?;
            let e = model::evaluate(&scenario);
            let intensity_estimate = region.intensity.grade == Grade::Estimate;
            let price_estimate = region
                .electricity_price_usd_per_kwh
                .as_ref()
                .is_some_and(|p| p.grade == Grade::Estimate);
            let carbon_priced = scenario.site.carbon_price_usd_per_t > 0.0;
            Some(RegionRow {
                id: region.id.clone(),
                name: region.name_in(lang).to_string(),
                intensity_g_per_kwh: e.grid_intensity_g_per_kwh,
                electricity_usd_per_kwh: scenario.site.electricity_usd_per_kwh,
                co2_t_per_btc: e.co2_t_per_btc,
                break_even_btc_price_usd: e.break_even_btc_price_usd,
                profit_usd_per_day: e.profit_usd_per_day,
                intensity_estimate,
                break_even_estimate: price_estimate || (intensity_estimate && carbon_priced),
            })
        })
        .collect();
    let current = doc.site.preset_region_id().map(str::to_string);
    RegionsChart { rows, current }
}

/// The upper end of a curve's x axis: past both the current value and the break-even point.
fn axis_end(current: f64, break_even: Option<f64>, floor: f64) -> f64 {
    let from_current = current * 2.0;
    let from_break_even = break_even.filter(|b| *b > 0.0).map_or(0.0, |b| b * 1.5);
    from_current.max(from_break_even).max(floor)
}

pub fn break_even_chart(scenario: &Scenario, evaluation: &Evaluation) -> BreakEvenChart {
    let btc_now = scenario.market.btc_price_usd;
    let power_now = scenario.site.electricity_usd_per_kwh;
    let btc_axis = sweep::linspace(
        0.0,
        axis_end(btc_now, evaluation.break_even_btc_price_usd, 1000.0),
        CURVE_POINTS,
    );
    let power_axis = sweep::linspace(
        0.0,
        axis_end(power_now, evaluation.break_even_electricity_usd_kwh, 0.01),
        CURVE_POINTS,
    );
    let mut vs_btc = Vec::with_capacity(CURVE_POINTS);
    sweep::electricity_by_btc_price(scenario, &[power_now], &btc_axis, |_, j, e| {
        vs_btc.push((btc_axis[j], e.profit_usd_per_day));
    });
    let mut vs_power = Vec::with_capacity(CURVE_POINTS);
    sweep::electricity_by_btc_price(scenario, &power_axis, &[btc_now], |i, _, e| {
        vs_power.push((power_axis[i], e.profit_usd_per_day));
    });
    BreakEvenChart {
        vs_btc_price: ProfitCurve {
            points: vs_btc,
            break_even: evaluation.break_even_btc_price_usd.filter(|b| *b >= 0.0),
            current: btc_now,
        },
        vs_electricity_price: ProfitCurve {
            points: vs_power,
            break_even: evaluation
                .break_even_electricity_usd_kwh
                .filter(|b| *b >= 0.0),
            current: power_now,
        },
    }
}

pub fn hardware_chart(
    doc: &ScenarioDoc,
    library: &PresetLibrary,
    lang: Lang,
) -> Vec<HardwarePoint> {
    let mut points: Vec<HardwarePoint> = library
        .miners()
        .map(|m| HardwarePoint {
            id: m.id.clone(),
            name: m.name_in(lang).to_string(),
            release_year: m.release_year,
            efficiency_j_per_th: m.efficiency_j_per_th(),
            historical: m.historical,
            in_fleet: doc
                .fleet
                .iter()
                .any(|f| f.miner.as_deref() == Some(m.id.as_str())),
        })
        .collect();
    points.sort_by(|a, b| {
        a.release_year
            .cmp(&b.release_year)
            .then(a.efficiency_j_per_th.total_cmp(&b.efficiency_j_per_th))
    });
    points
}

/// The market snapshot a document uses (named, or the newest).
pub fn market_snapshot<'a>(
    doc: &ScenarioDoc,
    library: &'a PresetLibrary,
) -> Option<&'a crate::presets::MarketPreset> {
    match &doc.market.preset {
        Some(id) => library.market(id),
        None => library.newest_market(),
    }
}

/// Where the scenario's figures come from, one line each, in `lang`.
pub fn sources(doc: &ScenarioDoc, library: &PresetLibrary, lang: Lang) -> Vec<String> {
    let t = i18n::strings(lang);
    let mut lines = Vec::new();
    if let Some(r) = doc.site.base_region_id().and_then(|id| library.region(id)) {
        if doc.site.mix.is_none() {
            lines.push(fill(
                t.charts.source_intensity,
                &[
                    ("source", &r.intensity.source),
                    ("year", &r.intensity.year.to_string()),
                    ("grade", t.grade(r.intensity.grade)),
                ],
            ));
        }
        lines.push(fill(
            t.charts.source_mix,
            &[("source", &r.mix.source), ("year", &r.mix.year.to_string())],
        ));
        if doc.site.electricity_usd_per_kwh.is_none()
            && let Some(price) = &r.electricity_price_usd_per_kwh
        {
            lines.push(fill(
                t.charts.source_price,
                &[
                    ("source", &price.source),
                    ("year", &price.year.to_string()),
                    ("grade", t.grade(price.grade)),
                ],
            ));
        }
    }
    if let Some(table) = library.emission_table(&doc.site.emission_table) {
        lines.push(fill(
            t.charts.source_factors,
            &[
                ("name", table.name_in(lang)),
                ("year", &table.year.to_string()),
            ],
        ));
    }
    if let Some(m) = market_snapshot(doc, library) {
        lines.push(fill(
            t.charts.source_market,
            &[
                ("name", m.name_in(lang)),
                ("date", &m.date.to_string()),
                ("price", &m.btc_price_usd.source),
                ("network", &m.network.source),
            ],
        ));
    }
    lines
}

/// Every chart's data. `evaluation` must be `model::evaluate(scenario)`.
pub fn compute(
    doc: &ScenarioDoc,
    scenario: &Scenario,
    evaluation: &Evaluation,
    library: &PresetLibrary,
    settings: &ProjectionSettings,
    lang: Lang,
) -> ChartData {
    let start = market_snapshot(doc, library).map(|m| m.date);
    ChartData {
        mix: mix_chart(scenario, evaluation),
        regions: regions_chart(doc, library, lang),
        break_even: break_even_chart(scenario, evaluation),
        projection: ProjectionChart {
            projection: model::project(scenario, settings),
            start: start.map(|d| d.to_string()),
        },
        hardware: hardware_chart(doc, library, lang),
        sources: sources(doc, library, lang),
    }
}

/// Everything the window shows for one scenario document: the resolved scenario, its
/// evaluation and every chart's data. Recomputed whenever an input changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub scenario: Scenario,
    pub evaluation: Evaluation,
    pub charts: ChartData,
}

impl Computed {
    pub fn of(
        doc: &ScenarioDoc,
        library: &PresetLibrary,
        lang: Lang,
    ) -> Result<Computed, crate::resolve::ResolveError> {
        let scenario = doc.resolve(library)?;
        let evaluation = model::evaluate(&scenario);
        let charts = compute(doc, &scenario, &evaluation, library, &doc.projection, lang);
        Ok(Computed {
            scenario,
            evaluation,
            charts,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup() -> (ScenarioDoc, Scenario, Evaluation, PresetLibrary) {
        let library = PresetLibrary::builtin();
        let mut doc = ScenarioDoc::default();
        doc.site.region = Some("texas-ercot".into());
        doc.fleet[0].units = 100;
        let scenario = doc.resolve(&library).unwrap();
        let e = model::evaluate(&scenario);
        (doc, scenario, e, library)
    }

    #[test]
    fn mix_slices_sum_to_100_and_to_the_mix_intensity() {
        let (_, s, e, _) = setup();
        let mix = mix_chart(&s, &e);
        let total: f64 = mix.slices.iter().map(|x| x.share_pct).sum();
        assert!((total - 100.0).abs() < 0.11);
        let contributions: f64 = mix.slices.iter().map(|x| x.contribution_g_per_kwh).sum();
        assert!((contributions - mix.mix_intensity_g_per_kwh).abs() < 1e-9);
        assert_eq!(mix.intensity_g_per_kwh, 377.0);
    }

    #[test]
    fn regions_chart_lists_every_region_with_its_own_figures() {
        let (doc, _, e, library) = setup();
        let chart = regions_chart(&doc, &library, Lang::En);
        // Every region with a power price; the country table's regions have none.
        let priced = library
            .regions()
            .filter(|r| r.electricity_price_usd_per_kwh.is_some())
            .count();
        assert_eq!(chart.rows.len(), priced);
        assert!(priced >= 32);
        assert_eq!(chart.current.as_deref(), Some("texas-ercot"));
        let texas = chart.rows.iter().find(|r| r.id == "texas-ercot").unwrap();
        assert_eq!(texas.break_even_btc_price_usd, e.break_even_btc_price_usd);
        let sorted = chart.sorted(RegionMetric::GridIntensity);
        assert!(
            sorted
                .windows(2)
                .all(|w| w[0].intensity_g_per_kwh <= w[1].intensity_g_per_kwh)
        );
        let kz = chart.rows.iter().find(|r| r.id == "kazakhstan").unwrap();
        assert_eq!(kz.intensity_g_per_kwh, 802.0);
        // Measured intensity, estimated power price: only the break-even is an estimate.
        assert!(!kz.is_estimate(RegionMetric::GridIntensity));
        assert!(!kz.is_estimate(RegionMetric::Co2PerBtc));
        assert!(kz.is_estimate(RegionMetric::BreakEvenBtcPrice));
        let yunnan = chart.rows.iter().find(|r| r.id == "yunnan").unwrap();
        assert!(yunnan.is_estimate(RegionMetric::GridIntensity));
    }

    #[test]
    fn profit_curves_cross_zero_at_the_break_even_points() {
        let (_, s, e, _) = setup();
        let chart = break_even_chart(&s, &e);
        let btc = &chart.vs_btc_price;
        assert_eq!(btc.points.len(), CURVE_POINTS);
        let be = btc.break_even.unwrap();
        assert!(btc.points.last().unwrap().0 >= be);
        // Profit is linear in the BTC price: interpolate to zero at the break-even price.
        let (x0, y0) = btc.points[0];
        let (x1, y1) = btc.points[1];
        let zero_at = x0 - y0 * (x1 - x0) / (y1 - y0);
        assert!((zero_at - be).abs() / be < 1e-9);
        let power = &chart.vs_electricity_price;
        assert!(power.points.windows(2).all(|w| w[1].1 < w[0].1));
        assert_eq!(power.current, 0.066);
    }

    #[test]
    fn hardware_points_mark_the_fleet() {
        let (doc, _, _, library) = setup();
        let points = hardware_chart(&doc, &library, Lang::En);
        assert_eq!(points.len(), library.miners().count());
        let in_fleet: Vec<&str> = points
            .iter()
            .filter(|p| p.in_fleet)
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(in_fleet, ["antminer-s21"]);
        assert!(
            points
                .windows(2)
                .all(|w| w[0].release_year <= w[1].release_year)
        );
    }

    #[test]
    fn carbon_price_raises_break_even_by_co2_per_btc() {
        let (doc, _, e, library) = setup();
        let lines = carbon_price_lines(
            &doc,
            &library,
            "this site",
            &["quebec".into()],
            200.0,
            Lang::En,
        );
        assert_eq!(lines.len(), 2);
        let own = &lines[0].points;
        assert_eq!(own.len(), CARBON_POINTS);
        assert_eq!(own[0], (0.0, e.break_even_btc_price_usd.unwrap()));
        // Each dollar per tonne adds the CO₂ of one BTC to its break-even price.
        let slope = (own[20].1 - own[0].1) / 200.0;
        assert!((slope - e.co2_t_per_btc.unwrap()).abs() < 1e-6, "{slope}");
        // Hydro barely moves.
        let quebec = &lines[1].points;
        assert!(quebec[20].1 - quebec[0].1 < own[20].1 - own[0].1);
    }

    #[test]
    fn sources_name_the_measured_intensity_and_the_market() {
        let (doc, _, _, library) = setup();
        let lines = sources(&doc, &library, Lang::En);
        assert!(
            lines[0].starts_with("Grid intensity: Electricity Maps"),
            "{lines:?}"
        );
        assert!(
            lines.iter().any(|l| l.starts_with("Market: December 2025")),
            "{lines:?}"
        );
    }
}
