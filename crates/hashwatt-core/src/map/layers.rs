//! What a map layer shows: one value per country (and per sub-national region, as a circle),
//! with its unit, year and source, the colour each gets, the legend, title and footer. The
//! window, the exported PNG/SVG and `hashwatt chart map --csv` all read this one computation.

use super::shapes::{self, LonLat, SHAPES_SOURCE};
use crate::format;
use crate::history::History;
use crate::i18n::{Lang, Localized, fill, strings};
use crate::palette::Rgb;
use crate::preset_types::{RegionKind, RegionPreset};
use crate::presets::{PresetLibrary, countries};
use crate::scenario_file::ScenarioDoc;
use serde::Serialize;

/// The layers a map can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize, Default)]
pub enum MapLayer {
    #[default]
    Intensity,
    Demand,
    HashrateShare,
    Profit,
}

impl MapLayer {
    pub const ALL: [MapLayer; 4] = [
        MapLayer::Intensity,
        MapLayer::Demand,
        MapLayer::HashrateShare,
        MapLayer::Profit,
    ];

    /// The key on the command line (`--layer`).
    pub fn key(self) -> &'static str {
        match self {
            MapLayer::Intensity => "intensity",
            MapLayer::Demand => "demand",
            MapLayer::HashrateShare => "hashrate-share",
            MapLayer::Profit => "profit",
        }
    }

    pub fn from_key(key: &str) -> Option<MapLayer> {
        MapLayer::ALL.into_iter().find(|l| l.key() == key)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = &strings(lang).map;
        match self {
            MapLayer::Intensity => t.layer_intensity,
            MapLayer::Demand => t.layer_demand,
            MapLayer::HashrateShare => t.layer_hashrate_share,
            MapLayer::Profit => t.layer_profit,
        }
    }

    /// The unit of its values, as the CSV's `unit` column gives it.
    pub fn unit(self) -> &'static str {
        match self {
            MapLayer::Intensity => "g CO2e/kWh",
            MapLayer::Demand => "TWh",
            MapLayer::HashrateShare => "%",
            MapLayer::Profit => "USD/day",
        }
    }
}

/// What a map is drawn for.
pub struct MapRequest<'a> {
    pub layer: MapLayer,
    pub library: &'a PresetLibrary,
    pub history: &'a History,
    /// The mining-map snapshot (hashrate-share layer); `None`: the newest.
    pub snapshot: Option<&'a str>,
    /// The year Bitcoin's energy is taken at (demand layer); `None`: the newest full year.
    pub year: Option<i32>,
    /// The scenario whose fleet the profit layer prices.
    pub scenario: &'a ScenarioDoc,
    pub lang: Lang,
}

/// Why a map cannot be drawn as asked.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MapError {
    #[error("no mining-map snapshot \"{id}\"; known: {known}")]
    UnknownSnapshot { id: String, known: String },
    #[error("the history has no full year {year}; it covers {first}–{last}")]
    YearOutside { year: i32, first: i32, last: i32 },
}

impl MapError {
    pub fn localized(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => match self {
                MapError::UnknownSnapshot { id, known } => {
                    format!("没有算力地图快照 \"{id}\"；已知：{known}")
                }
                MapError::YearOutside { year, first, last } => {
                    format!("历史数据中没有完整的 {year} 年；其范围为 {first}–{last}")
                }
            },
        }
    }
}

/// A country or sub-national region with its value on the layer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapItem {
    /// ISO 3166-1 alpha-3 for a country, ISO 3166-2 for a sub-national region.
    pub code: String,
    pub name: String,
    pub value: Option<f64>,
    pub year: Option<u16>,
    pub source: String,
    /// The region preset a click makes the site, when there is one.
    pub region_id: Option<String>,
    pub rgb: Rgb,
    /// Where a circle is drawn (sub-national regions); `None` for a country's outline.
    pub at: Option<LonLat>,
    /// A circle's radius as a share of the largest (hashrate-share circles are sized by
    /// share; others are all the same size).
    pub radius: f64,
}

/// A legend entry: a colour and what it means.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendEntry {
    pub rgb: Rgb,
    pub label: String,
}

/// A snapshot of the mining map, for the slider.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnapshotStop {
    pub id: String,
    pub name: String,
    /// Whether China's ban (May–June 2021) falls between the previous snapshot and this one.
    pub after_china_ban: bool,
}

/// One layer, ready to draw or print.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapChart {
    pub layer: MapLayer,
    pub title: String,
    pub unit: &'static str,
    pub countries: Vec<MapItem>,
    pub circles: Vec<MapItem>,
    pub legend: Vec<LegendEntry>,
    /// The footer: the shapes and their point of view, then the sources.
    pub footer: Vec<String>,
    /// The snapshot shown (hashrate-share layer) and every snapshot, oldest first.
    pub snapshot: Option<String>,
    pub snapshots: Vec<SnapshotStop>,
    /// The year Bitcoin is compared at (demand layer), and the years the history covers fully.
    pub year: Option<i32>,
    pub years: Vec<i32>,
}

/// One row of `hashwatt chart map --csv`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapRow {
    pub iso3: String,
    pub name: String,
    pub value: Option<f64>,
    pub unit: &'static str,
    pub year: Option<u16>,
    pub source: String,
}

/// The CSV's header, a public contract.
pub const CSV_HEADER: &str = "iso3,name,value,unit,year,source";

/// Grey: no figure.
pub const NO_DATA: Rgb = (205, 205, 205);
const BELOW: Rgb = (33, 102, 172);
const ABOVE: Rgb = (244, 165, 130);
/// Intensity's scale: low-carbon green through yellow to coal's dark brown.
const INTENSITY_STOPS: [(f64, Rgb); 5] = [
    (0.0, (26, 152, 80)),
    (200.0, (166, 217, 106)),
    (400.0, (254, 224, 139)),
    (600.0, (244, 109, 67)),
    (900.0, (103, 0, 13)),
];
/// Hashrate share: pale to deep purple.
const SHARE_STOPS: [(f64, Rgb); 4] = [
    (0.0, (239, 237, 245)),
    (5.0, (188, 189, 220)),
    (20.0, (117, 107, 177)),
    (50.0, (63, 0, 125)),
];

fn ramp(stops: &[(f64, Rgb)], x: f64) -> Rgb {
    let (first, last) = (stops[0], stops[stops.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    for pair in stops.windows(2) {
        let ((x0, a), (x1, b)) = (pair[0], pair[1]);
        if x <= x1 {
            let t = (x - x0) / (x1 - x0);
            let mix =
                |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
            return (mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2));
        }
    }
    last.1
}

fn ramp_legend(stops: &[(f64, Rgb)], unit: &str) -> Vec<LegendEntry> {
    stops
        .iter()
        .map(|&(x, rgb)| LegendEntry {
            rgb,
            label: format!("{} {unit}", format::fixed(x, 0)),
        })
        .collect()
}

/// The region preset drawn as country `iso3` and its figure on `layer`.
struct Figure {
    value: Option<f64>,
    year: Option<u16>,
    source: String,
}

fn intensity_of(region: &RegionPreset) -> Figure {
    Figure {
        value: Some(region.intensity.g_per_kwh),
        year: Some(region.intensity.year),
        source: region.intensity.source.clone(),
    }
}

fn demand_of(region: &RegionPreset) -> Figure {
    match &region.demand_twh {
        Some(d) => Figure {
            value: Some(d.value),
            year: Some(d.year),
            source: d.source.clone(),
        },
        None => Figure {
            value: None,
            year: None,
            source: String::new(),
        },
    }
}

/// The country rows: every outline, with the figure of the region drawn there.
fn country_items(
    request: &MapRequest,
    figure: &dyn Fn(&RegionPreset) -> Figure,
    colour: &dyn Fn(Option<f64>) -> Rgb,
) -> Vec<MapItem> {
    let no_figure = || Figure {
        value: None,
        year: None,
        source: String::new(),
    };
    country_items_by(
        request,
        &|_, region| region.map_or_else(no_figure, figure),
        colour,
    )
}

/// The country rows, each with the figure `figure` gives its code and its region (if any).
fn country_items_by(
    request: &MapRequest,
    figure: &dyn Fn(&str, Option<&RegionPreset>) -> Figure,
    colour: &dyn Fn(Option<f64>) -> Rgb,
) -> Vec<MapItem> {
    shapes::countries()
        .iter()
        .map(|shape| {
            let region = request.library.country_region(&shape.code);
            let f = figure(&shape.code, region);
            MapItem {
                code: shape.code.clone(),
                name: region
                    .map(|r| r.name_in(request.lang).to_string())
                    .unwrap_or_else(|| shape.name_in(request.lang).to_string()),
                value: f.value,
                year: f.year,
                source: f.source,
                region_id: region.map(|r| r.id.clone()),
                rgb: colour(f.value),
                at: None,
                radius: 0.0,
            }
        })
        .collect()
}

/// The sub-national regions with a place, each with its figure.
fn circle_items(
    request: &MapRequest,
    figure: &dyn Fn(&RegionPreset) -> Figure,
    colour: &dyn Fn(Option<f64>) -> Rgb,
) -> Vec<MapItem> {
    request
        .library
        .regions()
        .filter(|r| r.kind == RegionKind::SubNational)
        .filter_map(|r| {
            let place = r.place.as_ref()?;
            let f = figure(r);
            Some(MapItem {
                code: place.code.clone(),
                name: r.name_in(request.lang).to_string(),
                value: f.value,
                year: f.year,
                source: f.source,
                region_id: Some(r.id.clone()),
                rgb: colour(f.value),
                at: Some([place.lon, place.lat]),
                radius: 1.0,
            })
        })
        .collect()
}

/// Sources in first-seen order, the country table's many rows named once.
fn footer_sources(items: &[&MapItem], lang: Lang) -> String {
    let t = &strings(lang).map;
    let mut sources: Vec<String> = Vec::new();
    let mut hand_made = false;
    for item in items {
        if item.source.is_empty() {
            continue;
        }
        if item.source.starts_with(countries::SOURCE) {
            if !sources.iter().any(|s| s == countries::SOURCE) {
                sources.insert(0, countries::SOURCE.to_string());
            }
        } else {
            hand_made = true;
        }
    }
    if hand_made {
        sources.push(t.region_sources.to_string());
    }
    sources.join("; ")
}

fn shapes_line(lang: Lang) -> String {
    fill(
        strings(lang).map.footer_shapes,
        &[("shapes", SHAPES_SOURCE)],
    )
}

/// The layer asked for, computed from the presets, the history and the scenario.
pub fn map_chart(request: &MapRequest) -> Result<MapChart, MapError> {
    let snapshots = snapshot_stops(request.library, request.lang);
    let years = full_years(request.history);
    let mut chart = match request.layer {
        MapLayer::Intensity => intensity_chart(request),
        MapLayer::Demand => demand_chart(request, &years)?,
        MapLayer::HashrateShare => share_chart(request)?,
        MapLayer::Profit => profit_chart(request),
    };
    chart.snapshots = snapshots;
    chart.years = years;
    Ok(chart)
}

fn empty_chart(layer: MapLayer, title: String) -> MapChart {
    MapChart {
        layer,
        title,
        unit: layer.unit(),
        countries: Vec::new(),
        circles: Vec::new(),
        legend: Vec::new(),
        footer: Vec::new(),
        snapshot: None,
        snapshots: Vec::new(),
        year: None,
        years: Vec::new(),
    }
}

fn no_data_entry(lang: Lang) -> LegendEntry {
    LegendEntry {
        rgb: NO_DATA,
        label: strings(lang).map.no_data.to_string(),
    }
}

fn intensity_chart(request: &MapRequest) -> MapChart {
    let lang = request.lang;
    let t = &strings(lang).map;
    let colour = |v: Option<f64>| v.map_or(NO_DATA, |v| ramp(&INTENSITY_STOPS, v));
    let mut chart = empty_chart(MapLayer::Intensity, t.title_intensity.to_string());
    chart.countries = country_items(request, &intensity_of, &colour);
    chart.circles = circle_items(request, &intensity_of, &colour);
    chart.legend = ramp_legend(&INTENSITY_STOPS, "g/kWh");
    chart.legend.push(no_data_entry(lang));
    let all: Vec<&MapItem> = chart.countries.iter().chain(&chart.circles).collect();
    chart.footer = vec![
        shapes_line(lang),
        fill(
            t.footer_sources,
            &[("sources", &footer_sources(&all, lang))],
        ),
    ];
    chart
}

/// The calendar years the history covers in full.
pub fn full_years(history: &History) -> Vec<i32> {
    let (first, last) = (history.first(), history.last());
    let from = if first.month == 1 {
        first.year
    } else {
        first.year + 1
    };
    let to = if last.month == 12 {
        last.year
    } else {
        last.year - 1
    };
    (from..=to).collect()
}

/// Bitcoin's electricity in a full year, TWh: hashwatt's network estimate (the History view's,
/// at its default power price).
pub fn bitcoin_twh(history: &History, library: &PresetLibrary, year: i32) -> Option<f64> {
    let from = crate::history::Month::new(year, 1)?;
    let to = crate::history::Month::new(year, 12)?;
    let view = crate::history::cbeci::HistoryView::of(
        history,
        library,
        crate::history::chart::DEFAULT_USD_PER_KWH,
        from,
        to,
    );
    view.years
        .iter()
        .find(|y| y.year == year && y.months == 12)
        .map(|y| y.energy_twh)
}

fn demand_chart(request: &MapRequest, years: &[i32]) -> Result<MapChart, MapError> {
    let lang = request.lang;
    let t = &strings(lang).map;
    let (first, last) = (
        years.first().copied().unwrap_or(0),
        years.last().copied().unwrap_or(0),
    );
    let year = request.year.unwrap_or(last);
    let bitcoin = years
        .contains(&year)
        .then(|| bitcoin_twh(request.history, request.library, year))
        .flatten()
        .ok_or(MapError::YearOutside { year, first, last })?;
    let colour = |v: Option<f64>| match v {
        Some(v) if v < bitcoin => BELOW,
        Some(_) => ABOVE,
        None => NO_DATA,
    };
    let countries = country_items(request, &demand_of, &colour);
    let below = countries
        .iter()
        .filter(|c| c.value.is_some_and(|v| v < bitcoin))
        .count();
    let mut chart = empty_chart(
        MapLayer::Demand,
        fill(
            t.title_demand,
            &[
                ("count", &below.to_string()),
                ("twh", &format::number(bitcoin)),
                ("year", &year.to_string()),
            ],
        ),
    );
    chart.legend = vec![
        LegendEntry {
            rgb: BELOW,
            label: t.demand_below.to_string(),
        },
        LegendEntry {
            rgb: ABOVE,
            label: t.demand_above.to_string(),
        },
        no_data_entry(lang),
    ];
    let all: Vec<&MapItem> = countries.iter().collect();
    let sources = format!(
        "{}; Bitcoin: {}",
        footer_sources(&all, lang),
        t.bitcoin_source
    );
    chart.footer = vec![
        shapes_line(lang),
        fill(t.footer_sources, &[("sources", &sources)]),
    ];
    chart.countries = countries;
    chart.year = Some(year);
    Ok(chart)
}

/// The mining-map snapshots, oldest first, with the China-ban marker between two of them.
pub fn snapshot_stops(library: &PresetLibrary, lang: Lang) -> Vec<SnapshotStop> {
    let ban = crate::model::date::Date::parse("2021-05-21");
    let mut previous: Option<crate::model::date::Date> = None;
    library
        .mining_maps()
        .map(|m| {
            let after_china_ban = match (previous, ban.as_ref()) {
                (Some(p), Some(ban)) => p < *ban && m.date >= *ban,
                _ => false,
            };
            previous = Some(m.date);
            SnapshotStop {
                id: m.id.clone(),
                name: m.name_in(lang).to_string(),
                after_china_ban,
            }
        })
        .collect()
}

fn share_chart(request: &MapRequest) -> Result<MapChart, MapError> {
    let lang = request.lang;
    let t = &strings(lang).map;
    let library = request.library;
    let map = match request.snapshot {
        Some(id) => library
            .mining_map(id)
            .ok_or_else(|| MapError::UnknownSnapshot {
                id: id.to_string(),
                known: library
                    .mining_maps()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?,
        None => match library.mining_maps().last() {
            Some(m) => m,
            None => {
                return Err(MapError::UnknownSnapshot {
                    id: String::new(),
                    known: String::new(),
                });
            }
        },
    };
    let year = map.date.year as u16;
    // Each share goes to its region's country; sub-national regions are also drawn as circles.
    let mut by_country: Vec<(String, f64)> = Vec::new();
    let mut circles = Vec::new();
    let mut unplaced = 0.0;
    for share in &map.shares {
        let Some(region) = library.region(&share.region) else {
            unplaced += share.share_pct;
            continue;
        };
        if shapes::country(&region.iso3).is_none() {
            unplaced += share.share_pct;
            continue;
        }
        match by_country.iter_mut().find(|(c, _)| *c == region.iso3) {
            Some((_, sum)) => *sum += share.share_pct,
            None => by_country.push((region.iso3.clone(), share.share_pct)),
        }
        if let (RegionKind::SubNational, Some(place)) = (region.kind, &region.place) {
            circles.push(MapItem {
                code: place.code.clone(),
                name: region.name_in(lang).to_string(),
                value: Some(share.share_pct),
                year: Some(year),
                source: map.source.clone(),
                region_id: Some(region.id.clone()),
                rgb: ramp(&SHARE_STOPS, share.share_pct),
                at: Some([place.lon, place.lat]),
                radius: share.share_pct,
            });
        }
    }
    let largest = circles.iter().map(|c| c.radius).fold(0.0, f64::max);
    for c in &mut circles {
        // Area, not radius, in proportion to the share.
        c.radius = if largest > 0.0 {
            (c.radius / largest).sqrt()
        } else {
            0.0
        };
    }
    // A country's whole share (its regions summed), with the snapshot as its source.
    let share_of = |code: &str, _: Option<&RegionPreset>| {
        let value = by_country.iter().find(|(c, _)| c == code).map(|(_, v)| *v);
        Figure {
            value,
            year: value.map(|_| year),
            source: value.map(|_| map.source.clone()).unwrap_or_default(),
        }
    };
    let share_colour = |v: Option<f64>| v.map_or(NO_DATA, |v| ramp(&SHARE_STOPS, v));
    let countries = country_items_by(request, &share_of, &share_colour);
    let mut chart = empty_chart(
        MapLayer::HashrateShare,
        fill(t.title_hashrate_share, &[("snapshot", map.name_in(lang))]),
    );
    chart.legend = ramp_legend(&SHARE_STOPS, "%");
    chart.legend.push(no_data_entry(lang));
    let total: f64 = map.shares.iter().map(|s| s.share_pct).sum();
    let unattributed = (100.0 - total).max(0.0) + unplaced;
    chart.footer = vec![
        shapes_line(lang),
        fill(t.footer_sources, &[("sources", &map.source)]),
    ];
    if unattributed > 0.05 {
        chart.footer.push(fill(
            t.unattributed,
            &[("share", &format::number(unattributed))],
        ));
    }
    chart.countries = countries;
    chart.circles = circles;
    chart.snapshot = Some(map.id.clone());
    Ok(chart)
}

fn profit_chart(request: &MapRequest) -> MapChart {
    let lang = request.lang;
    let t = &strings(lang).map;
    let ranking = crate::chart_data::regions_chart(request.scenario, request.library, lang);
    let profit_of = |region: &RegionPreset| -> Figure {
        let row = ranking.rows.iter().find(|row| row.id == region.id);
        let price = region.electricity_price_usd_per_kwh.as_ref();
        Figure {
            value: row.map(|r| r.profit_usd_per_day),
            year: row.and(price.map(|p| p.year)),
            source: row.and(price.map(|p| p.source.clone())).unwrap_or_default(),
        }
    };
    let scale = ranking
        .rows
        .iter()
        .map(|r| r.profit_usd_per_day.abs())
        .fold(0.0, f64::max);
    let colour = |v: Option<f64>| {
        v.map_or(NO_DATA, |v| {
            crate::palette::heat_rgb(v, scale, (247, 247, 247))
        })
    };
    let fleet = request.scenario.name_in(lang).to_string();
    let mut chart = empty_chart(MapLayer::Profit, fill(t.title_profit, &[("fleet", &fleet)]));
    chart.countries = country_items(request, &profit_of, &colour);
    chart.circles = circle_items(request, &profit_of, &colour);
    let ends = [-scale, 0.0, scale];
    chart.legend = ends
        .iter()
        .map(|&v| LegendEntry {
            rgb: colour(Some(v)),
            label: format!("{}/day", format::usd(v)),
        })
        .collect();
    chart.legend.push(LegendEntry {
        rgb: NO_DATA,
        label: t.no_price.to_string(),
    });
    chart.footer = vec![
        shapes_line(lang),
        fill(t.footer_sources, &[("sources", t.profit_source)]),
    ];
    chart
}

impl MapChart {
    /// The CSV rows: every country outline, then (except on the hashrate-share layer, where a
    /// country's share already sums its regions) every circle.
    pub fn rows(&self) -> Vec<MapRow> {
        let circles: &[MapItem] = if self.layer == MapLayer::HashrateShare {
            &[]
        } else {
            &self.circles
        };
        self.countries
            .iter()
            .chain(circles)
            .map(|item| MapRow {
                iso3: item.code.clone(),
                name: item.name.clone(),
                value: item.value,
                unit: self.unit,
                year: item.year,
                source: item.source.clone(),
            })
            .collect()
    }

    /// The item under a point: a circle first (they sit on top), else the country.
    pub fn item_at(&self, point: LonLat, circle_radius_deg: f64) -> Option<&MapItem> {
        let circle = self.circles.iter().find(|c| {
            c.at.is_some_and(|[lon, lat]| {
                let r = circle_radius_deg * c.radius.max(0.35);
                (lon - point[0]).powi(2) + (lat - point[1]).powi(2) <= r * r
            })
        });
        circle.or_else(|| {
            let shape = shapes::country_at(point)?;
            self.countries.iter().find(|c| c.code == shape.code)
        })
    }

    /// A value as the hover line and the CSV show it, with its unit.
    pub fn value_text(&self, value: Option<f64>, lang: Lang) -> String {
        match value {
            None => strings(lang).map.no_data.to_string(),
            Some(v) => match self.layer {
                MapLayer::Profit => format!("{}/day", format::usd(v)),
                _ => format!("{} {}", format::number(v), self.unit),
            },
        }
    }

    /// The hover line of an item: name, value, source and year.
    pub fn hover(&self, item: &MapItem, lang: Lang) -> String {
        if item.value.is_none() {
            return format!("{}: {}", item.name, self.value_text(None, lang));
        }
        fill(
            strings(lang).map.hover,
            &[
                ("name", &item.name),
                ("value", &self.value_text(item.value, lang)),
                ("source", &item.source),
                (
                    "year",
                    &item.year.map(|y| y.to_string()).unwrap_or_default(),
                ),
            ],
        )
    }
}

/// Rows as CSV text: the header, then one line per row (value empty where none).
pub fn csv_text(rows: &[MapRow]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = writer.write_record(CSV_HEADER.split(','));
    for row in rows {
        let _ = writer.write_record([
            row.iso3.as_str(),
            row.name.as_str(),
            &row.value.map(format_value).unwrap_or_default(),
            row.unit,
            &row.year.map(|y| y.to_string()).unwrap_or_default(),
            row.source.as_str(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A value with the digits it has (no thousands separators, no exponent).
fn format_value(v: f64) -> String {
    let rounded = (v * 1e4).round() / 1e4;
    format!("{rounded}")
}

#[cfg(test)]
mod tests;
