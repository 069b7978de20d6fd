//! The Sensitivity tab: heat maps of daily profit over electricity price × BTC price and over
//! difficulty × BTC price, in diverging colours (loss red, profit green), with the break-even
//! contour, the scenario's own point, and each cell's figures on hover.
//!
//! Every cell is a full evaluation (`model::sweep`), at most 100 × 100 per map. The maps are
//! computed once per scenario and ranges and kept in egui's memory; a frame that changes nothing
//! only draws them.

use super::App;
use super::widgets::color;
use crate::format;
use crate::i18n::fill;
use crate::i18n::sensitivity::SensitivityStrings;
use crate::model::Scenario;
use crate::model::sweep::{self, ProfitGrid, RowInput};
use crate::palette;
use eframe::egui;
use egui_plot::{
    Legend, Line, Plot, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotPoints,
    PlotTransform, Points,
};
use std::sync::Arc;

/// Cells along each axis of a map: at least, by default (50 steps: round values on round
/// ranges), and at most.
pub const MIN_CELLS: usize = 10;
pub const DEFAULT_CELLS: usize = 51;
pub const MAX_CELLS: usize = 100;

/// Difficulty is shown in T (10¹²).
const TERA: f64 = 1e12;

/// The maps' ranges, `(from, to)`; `None` follows the scenario (see [`auto_ranges`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub btc_price_usd: Option<(f64, f64)>,
    pub electricity_usd_per_kwh: Option<(f64, f64)>,
    pub difficulty: Option<(f64, f64)>,
    pub cells: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            btc_price_usd: None,
            electricity_usd_per_kwh: None,
            difficulty: None,
            cells: DEFAULT_CELLS,
        }
    }
}

/// The ranges a map covers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranges {
    pub btc_price_usd: (f64, f64),
    pub electricity_usd_per_kwh: (f64, f64),
    pub difficulty: (f64, f64),
}

/// The smallest of 1, 2, 2.5, 5 × 10^k at or above `x` (`x` > 0).
fn nice_ceil(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    // m × 10^k, dividing by 10^-k below 1 so that 0.25 is exactly the double nearest 0.25.
    let k = x.log10().floor() as i32;
    let scaled = |m: f64| {
        if k >= 0 {
            m * 10f64.powi(k)
        } else {
            m / 10f64.powi(-k)
        }
    };
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(scaled)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(scaled(10.0))
}

/// `(from, to)` widened to whole multiples of a tenth of `to`'s order of magnitude
/// (74.1 T – 296.5 T becomes 70 T – 300 T); `from` stays above 0.
fn round_out(from: f64, to: f64) -> (f64, f64) {
    if !(from > 0.0 && to > from && to.is_finite()) {
        return (from, to);
    }
    let unit = 10f64.powi(to.log10().floor() as i32 - 1);
    let lo = (from / unit).floor() * unit;
    (if lo > 0.0 { lo } else { from }, (to / unit).ceil() * unit)
}

/// Ranges around the scenario: BTC price and electricity price from 0 to past both twice the
/// current value and 1.5 × the break-even value; difficulty from half to twice the current one.
pub fn auto_ranges(scenario: &Scenario) -> Ranges {
    let e = crate::model::evaluate(scenario);
    let end = |current: f64, break_even: Option<f64>, floor: f64| {
        let from_break_even = break_even.filter(|b| *b > 0.0).map_or(0.0, |b| b * 1.5);
        nice_ceil((current * 2.0).max(from_break_even).max(floor))
    };
    let difficulty = RowInput::Difficulty.of(scenario);
    Ranges {
        btc_price_usd: (
            0.0,
            end(
                scenario.market.btc_price_usd,
                e.break_even_btc_price_usd,
                1000.0,
            ),
        ),
        electricity_usd_per_kwh: (
            0.0,
            end(
                scenario.site.electricity_usd_per_kwh,
                e.break_even_electricity_usd_kwh,
                0.01,
            ),
        ),
        difficulty: round_out(difficulty / 2.0, difficulty * 2.0),
    }
}

impl Settings {
    /// The ranges in effect: the ones set, else the automatic ones.
    pub fn ranges(&self, scenario: &Scenario) -> Ranges {
        let auto = auto_ranges(scenario);
        Ranges {
            btc_price_usd: self.btc_price_usd.unwrap_or(auto.btc_price_usd),
            electricity_usd_per_kwh: self
                .electricity_usd_per_kwh
                .unwrap_or(auto.electricity_usd_per_kwh),
            difficulty: self.difficulty.unwrap_or(auto.difficulty),
        }
    }
}

/// The two maps of one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Maps {
    pub electricity: ProfitGrid,
    pub difficulty: ProfitGrid,
    /// The scenario's own BTC price, electricity price and difficulty.
    pub current: (f64, f64, f64),
}

impl Maps {
    /// Evaluates both maps: `2 × cells²` evaluations.
    pub fn compute(scenario: &Scenario, settings: &Settings) -> Maps {
        let r = settings.ranges(scenario);
        let n = settings.cells.clamp(MIN_CELLS, MAX_CELLS);
        let axis = |(from, to): (f64, f64)| sweep::axis(from, to, n);
        let btc = axis(r.btc_price_usd);
        Maps {
            electricity: ProfitGrid::compute(
                scenario,
                RowInput::ElectricityUsdPerKwh,
                axis(r.electricity_usd_per_kwh),
                btc.clone(),
            ),
            difficulty: ProfitGrid::compute(
                scenario,
                RowInput::Difficulty,
                axis(r.difficulty),
                btc,
            ),
            current: (
                scenario.market.btc_price_usd,
                scenario.site.electricity_usd_per_kwh,
                RowInput::Difficulty.of(scenario),
            ),
        }
    }

    /// The largest loss or profit in either map: the ends of the shared colour scale.
    pub fn scale(&self) -> f64 {
        let (a, b) = self.electricity.profit_range();
        let (c, d) = self.difficulty.profit_range();
        [a, b, c, d]
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()))
            .max(f64::MIN_POSITIVE)
    }
}

/// What the maps were computed for, kept in egui's memory with them.
struct Cache {
    scenario: Scenario,
    settings: Settings,
    maps: Arc<Maps>,
}

fn cache_id() -> egui::Id {
    egui::Id::unique("hashwatt-sensitivity-maps")
}

fn settings_id() -> egui::Id {
    egui::Id::unique("hashwatt-sensitivity-settings")
}

/// The maps for this scenario and these settings: the cached ones when neither changed.
pub fn maps_for(ctx: &egui::Context, scenario: &Scenario, settings: &Settings) -> Arc<Maps> {
    let cached: Option<Arc<Cache>> = ctx.data(|d| d.get_temp(cache_id()));
    if let Some(c) = cached
        && c.scenario == *scenario
        && c.settings == *settings
    {
        return Arc::clone(&c.maps);
    }
    let maps = Arc::new(Maps::compute(scenario, settings));
    let cache = Arc::new(Cache {
        scenario: scenario.clone(),
        settings: *settings,
        maps: Arc::clone(&maps),
    });
    ctx.data_mut(|d| d.insert_temp(cache_id(), cache));
    maps
}

/// The colour of a profit on a scale of ±`scale`: `neutral` at zero, `LOSS` and `GAIN` at the
/// ends.
pub fn profit_color(profit: f64, scale: f64, neutral: egui::Color32) -> egui::Color32 {
    let t = (profit / scale).clamp(-1.0, 1.0);
    let end = color(if t < 0.0 {
        palette::LOSS
    } else {
        palette::GAIN
    });
    let t = t.abs() as f32;
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    egui::Color32::from_rgb(
        mix(neutral.r(), end.r()),
        mix(neutral.g(), end.g()),
        mix(neutral.b(), end.b()),
    )
}

/// The edges of the cells around evenly spaced centres (`n + 1` edges).
fn edges(centres: &[f64]) -> Vec<f64> {
    let n = centres.len();
    if n < 2 {
        return centres.iter().flat_map(|c| [c - 0.5, c + 0.5]).collect();
    }
    let mut e = Vec::with_capacity(n + 1);
    e.push(centres[0] - (centres[1] - centres[0]) / 2.0);
    e.extend(centres.windows(2).map(|w| (w[0] + w[1]) / 2.0));
    e.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2.0);
    e
}

/// The cell whose span holds `x`, if any.
fn cell_at(edges: &[f64], x: f64) -> Option<usize> {
    if edges.len() < 2 || !(x >= edges[0] && x <= edges[edges.len() - 1]) {
        return None;
    }
    Some(
        edges
            .partition_point(|e| *e <= x)
            .saturating_sub(1)
            .min(edges.len() - 2),
    )
}

/// The parts of a polyline with x within `[x0, x1]` (each segment clipped, runs kept joined).
fn clip_x(points: &[[f64; 2]], x0: f64, x1: f64) -> Vec<Vec<[f64; 2]>> {
    let inside = |p: [f64; 2]| p[0] >= x0 && p[0] <= x1;
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut run: Vec<[f64; 2]> = Vec::new();
    let at = |a: [f64; 2], b: [f64; 2], x: f64| {
        let t = (x - a[0]) / (b[0] - a[0]);
        [x, a[1] + (b[1] - a[1]) * t]
    };
    if points.len() == 1 && inside(points[0]) {
        return vec![points.to_vec()];
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Clip the segment a→b to the band.
        let (mut p, mut q) = (a, b);
        if (p[0] < x0 && q[0] < x0) || (p[0] > x1 && q[0] > x1) {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            continue;
        }
        for edge in [x0, x1] {
            if (p[0] - edge) * (q[0] - edge) < 0.0 {
                let cut = at(a, b, edge);
                let p_out = if edge == x0 { p[0] < x0 } else { p[0] > x1 };
                if p_out {
                    p = cut;
                } else {
                    q = cut;
                }
            }
        }
        if run.last() != Some(&p) {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
            run.push(p);
        }
        run.push(q);
        if !inside(b) {
            runs.push(std::mem::take(&mut run));
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// The cells of one map, drawn as one mesh. It takes no hover of its own, so the plot's label
/// formatter receives the pointer's position and names the cell under it.
struct Tiles {
    base: PlotItemBase,
    x_edges: Vec<f64>,
    y_edges: Vec<f64>,
    /// Row by row, like the grid.
    colors: Vec<egui::Color32>,
}

impl PlotItem for Tiles {
    fn shapes(&self, _ui: &egui::Ui, transform: &PlotTransform, shapes: &mut Vec<egui::Shape>) {
        let columns = self.x_edges.len().saturating_sub(1);
        let mut mesh = egui::Mesh::default();
        for (k, fill) in self.colors.iter().enumerate() {
            let (i, j) = (k / columns, k % columns);
            let rect = transform.rect_from_values(
                &PlotPoint::new(self.x_edges[j], self.y_edges[i]),
                &PlotPoint::new(self.x_edges[j + 1], self.y_edges[i + 1]),
            );
            // A hair wider than the cell, so no seam shows between neighbours.
            mesh.add_colored_rect(rect.expand(0.25), *fill);
        }
        shapes.push(egui::Shape::mesh(mesh));
    }

    fn initialize(&mut self, _x_range: std::ops::RangeInclusive<f64>) {}

    fn color(&self) -> egui::Color32 {
        egui::Color32::TRANSPARENT
    }

    fn geometry(&self) -> PlotGeometry<'_> {
        PlotGeometry::None
    }

    fn bounds(&self) -> PlotBounds {
        match (self.x_edges.first(), self.x_edges.last()) {
            (Some(&x0), Some(&x1)) if self.y_edges.len() > 1 => PlotBounds::from_min_max(
                [x0, self.y_edges[0]],
                [x1, self.y_edges[self.y_edges.len() - 1]],
            ),
            _ => PlotBounds::NOTHING,
        }
    }

    fn base(&self) -> &PlotItemBase {
        &self.base
    }

    fn base_mut(&mut self) -> &mut PlotItemBase {
        &mut self.base
    }
}

/// How a row value of a map is shown (plot units: USD/kWh, or T for difficulty).
fn row_text(s: &SensitivityStrings, input: RowInput, value: f64) -> String {
    match input {
        RowInput::Difficulty => fill(
            s.hover_difficulty,
            &[("value", &format::number(value / TERA))],
        ),
        _ => fill(s.hover_electricity, &[("value", &format::usd(value))]),
    }
}

/// One heat map with its contour, current point and hover text.
fn map_ui(
    ui: &mut egui::Ui,
    id: &str,
    grid: &ProfitGrid,
    current: (f64, f64),
    scale: f64,
    s: &'static SensitivityStrings,
) {
    // Plot y is in display units: difficulty in T.
    let y_unit = match grid.input {
        RowInput::Difficulty => TERA,
        _ => 1.0,
    };
    let y_label = match grid.input {
        RowInput::Difficulty => s.difficulty_axis,
        _ => s.electricity_axis,
    };
    let rows: Vec<f64> = grid.rows.iter().map(|r| r / y_unit).collect();
    let x_edges = edges(&grid.btc_price_usd);
    let y_edges = edges(&rows);
    let neutral = if ui.visuals().dark_mode {
        egui::Color32::from_gray(48)
    } else {
        egui::Color32::from_gray(245)
    };
    let tiles = Tiles {
        base: PlotItemBase::new(String::new()),
        x_edges: x_edges.clone(),
        y_edges: y_edges.clone(),
        colors: grid
            .profit_usd_per_day
            .iter()
            .map(|p| profit_color(*p, scale, neutral))
            .collect(),
    };
    let contour: Vec<[f64; 2]> = grid
        .contour()
        .iter()
        .map(|&(b, row)| [b, row / y_unit])
        .collect();
    let (x0, x1) = (x_edges[0], x_edges[x_edges.len() - 1]);
    let (y0, y1) = (y_edges[0], y_edges[y_edges.len() - 1]);
    let contour = clip_x(&contour, x0, x1);
    let here = [current.0, current.1 / y_unit];
    let here_inside = here[0] >= x0 && here[0] <= x1 && here[1] >= y0 && here[1] <= y1;

    let dark = ui.visuals().dark_mode;
    let hover_grid = grid.clone();
    let (hx, hy) = (x_edges, y_edges);
    Plot::new(id)
        .legend(Legend::default())
        .height(360.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_double_click_reset(false)
        .x_axis_label(s.btc_price_axis)
        .x_axis_formatter(|mark, _| format::fixed(mark.value, 0))
        .y_axis_label(y_label)
        .y_axis_formatter(|mark, _| format::number(mark.value))
        .label_formatter(move |hover| {
            let position = match hover {
                egui_plot::HoverPosition::NearDataPoint { position, .. } => position,
                egui_plot::HoverPosition::Elsewhere { position } => position,
            };
            let j = cell_at(&hx, position.x)?;
            let i = cell_at(&hy, position.y)?;
            let g = &hover_grid;
            let break_even =
                g.break_even_btc_price_usd[i].map_or(format::UNDEFINED.to_string(), format::usd);
            Some(
                [
                    fill(
                        s.hover_btc_price,
                        &[("value", &format::usd(g.btc_price_usd[j]))],
                    ),
                    row_text(s, g.input, g.rows[i]),
                    fill(s.hover_profit, &[("value", &format::usd(g.profit(i, j)))]),
                    fill(s.hover_break_even, &[("value", &break_even)]),
                ]
                .join("\n"),
            )
        })
        .show(ui, |p| {
            p.add(tiles);
            let line_color = if dark {
                egui::Color32::WHITE
            } else {
                egui::Color32::BLACK
            };
            for run in contour {
                p.line(
                    Line::new(s.contour_series, PlotPoints::from(run))
                        .color(line_color)
                        .width(2.0)
                        .style(egui_plot::LineStyle::dashed_loose())
                        .allow_hover(false),
                );
            }
            if here_inside {
                p.points(
                    Points::new(s.current_series, vec![here])
                        .radius(6.0)
                        .color(color(palette::HIGHLIGHT))
                        .allow_hover(false),
                );
            }
        });
}

/// The colour scale shared by both maps.
fn scale_ui(ui: &mut egui::Ui, scale: f64, s: &SensitivityStrings) {
    let neutral = if ui.visuals().dark_mode {
        egui::Color32::from_gray(48)
    } else {
        egui::Color32::from_gray(245)
    };
    ui.horizontal(|ui| {
        ui.label(s.scale_caption);
        ui.label(format!("{} ({})", format::usd(-scale), s.scale_loss));
        let (rect, _) = ui.allocate_exact_size(egui::vec2(240.0, 14.0), egui::Sense::hover());
        let steps = 48;
        let mut mesh = egui::Mesh::default();
        for k in 0..steps {
            let t0 = k as f32 / steps as f32;
            let t1 = (k + 1) as f32 / steps as f32;
            let value = (f64::from(t0 + t1) - 1.0) * scale;
            let r = egui::Rect::from_min_max(
                egui::pos2(rect.left() + rect.width() * t0, rect.top()),
                egui::pos2(rect.left() + rect.width() * t1 + 0.5, rect.bottom()),
            );
            mesh.add_colored_rect(r, profit_color(value, scale, neutral));
        }
        ui.painter().add(egui::Shape::mesh(mesh));
        ui.painter().vline(
            rect.center().x,
            rect.y_range(),
            egui::Stroke::new(1.0, ui.visuals().text_color()),
        );
        ui.label(format!("{} ({})", format::usd(scale), s.scale_profit));
    });
}

/// A "from … to …" pair of fields; returns the new range when it changed and is valid.
#[allow(clippy::too_many_arguments)]
fn range_row(
    ui: &mut egui::Ui,
    s: &SensitivityStrings,
    label: &str,
    (from, to): (f64, f64),
    unit: f64,
    min: f64,
    max: f64,
    speed: f64,
    decimals: usize,
) -> Option<(f64, f64)> {
    let label = ui.label(label);
    let (mut a, mut b) = (from / unit, to / unit);
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.label(s.range_from);
        changed |= ui
            .add(
                egui::DragValue::new(&mut a)
                    .range(min..=max)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id)
            .changed();
        ui.label(s.range_to);
        changed |= ui
            .add(
                egui::DragValue::new(&mut b)
                    .range(min..=max)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .changed();
    });
    ui.end_row();
    (changed && a < b).then_some((a * unit, b * unit))
}

/// The Sensitivity tab.
pub fn sensitivity_ui(app: &mut App, ui: &mut egui::Ui) {
    let s = &app.strings().sensitivity;
    let Ok(computed) = &app.computed else {
        return;
    };
    let scenario = &computed.scenario;
    let mut settings: Settings = ui.data(|d| d.get_temp(settings_id())).unwrap_or_default();
    let ranges = settings.ranges(scenario);

    ui.label(egui::RichText::new(s.title).strong());
    ui.label(egui::RichText::new(s.note).small().weak());
    egui::CollapsingHeader::new(s.ranges)
        .id_salt("sensitivity-ranges")
        .show(ui, |ui| {
            egui::Grid::new("sensitivity-range-grid")
                .num_columns(2)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    use crate::model::limits;
                    if let Some(r) = range_row(
                        ui,
                        s,
                        s.range_btc_price,
                        ranges.btc_price_usd,
                        1.0,
                        limits::BTC_PRICE_USD.min,
                        limits::BTC_PRICE_USD.max,
                        100.0,
                        0,
                    ) {
                        settings.btc_price_usd = Some(r);
                    }
                    if let Some(r) = range_row(
                        ui,
                        s,
                        s.range_electricity,
                        ranges.electricity_usd_per_kwh,
                        1.0,
                        limits::ELECTRICITY_USD_PER_KWH.min,
                        limits::ELECTRICITY_USD_PER_KWH.max,
                        0.001,
                        4,
                    ) {
                        settings.electricity_usd_per_kwh = Some(r);
                    }
                    if let Some(r) = range_row(
                        ui,
                        s,
                        s.range_difficulty,
                        ranges.difficulty,
                        TERA,
                        0.001,
                        limits::DIFFICULTY.max / TERA,
                        1.0,
                        3,
                    ) {
                        settings.difficulty = Some(r);
                    }
                    let label = ui.label(s.cells);
                    let mut cells = settings.cells as f64;
                    ui.horizontal(|ui| {
                        if ui
                            .add(
                                egui::DragValue::new(&mut cells)
                                    .range(MIN_CELLS as f64..=MAX_CELLS as f64)
                                    .speed(1.0)
                                    .max_decimals(0),
                            )
                            .labelled_by(label.id)
                            .on_hover_text(s.cells_hover)
                            .changed()
                        {
                            settings.cells = cells.round() as usize;
                        }
                        if ui
                            .button(s.automatic_ranges)
                            .on_hover_text(s.automatic_ranges_hover)
                            .clicked()
                        {
                            settings = Settings {
                                cells: settings.cells,
                                ..Settings::default()
                            };
                        }
                    });
                    ui.end_row();
                });
        });
    ui.data_mut(|d| d.insert_temp(settings_id(), settings));

    let maps = maps_for(ui.ctx(), scenario, &settings);
    let scale = maps.scale();
    let (btc, power, difficulty) = maps.current;
    ui.columns(2, |cols| {
        cols[0].label(egui::RichText::new(s.electricity_map_title).strong());
        map_ui(
            &mut cols[0],
            "sensitivity-electricity",
            &maps.electricity,
            (btc, power),
            scale,
            s,
        );
        cols[1].label(egui::RichText::new(s.difficulty_map_title).strong());
        map_ui(
            &mut cols[1],
            "sensitivity-difficulty",
            &maps.difficulty,
            (btc, difficulty),
            scale,
            s,
        );
    });
    scale_ui(ui, scale, s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn scenario(region: &str) -> Scenario {
        let mut doc = ScenarioDoc::default();
        doc.site.region = Some(region.into());
        doc.fleet[0].units = 100;
        doc.resolve(&PresetLibrary::builtin()).unwrap()
    }

    #[test]
    fn maps_cover_the_current_point_and_both_break_evens() {
        let s = scenario("texas-ercot");
        let maps = Maps::compute(&s, &Settings::default());
        let e = crate::model::evaluate(&s);
        let g = &maps.electricity;
        assert_eq!(g.rows.len(), DEFAULT_CELLS);
        assert_eq!(g.profit_usd_per_day.len(), DEFAULT_CELLS * DEFAULT_CELLS);
        let btc_end = *g.btc_price_usd.last().unwrap();
        assert!(btc_end >= 2.0 * s.market.btc_price_usd);
        assert!(btc_end >= e.break_even_btc_price_usd.unwrap());
        assert!(*g.rows.last().unwrap() >= e.break_even_electricity_usd_kwh.unwrap());
        let d = &maps.difficulty.rows;
        assert!(d[0] < maps.current.2 && maps.current.2 < d[d.len() - 1]);
        // Some cells lose money, some make it: the scale has both colours.
        let (lo, hi) = g.profit_range();
        assert!(lo < 0.0 && hi > 0.0);
        assert_eq!(
            maps.scale(),
            [
                lo,
                hi,
                maps.difficulty.profit_range().0,
                maps.difficulty.profit_range().1
            ]
            .iter()
            .fold(0.0f64, |m, v| m.max(v.abs()))
        );
        let many = Settings {
            cells: 1000,
            ..Settings::default()
        };
        assert_eq!(Maps::compute(&s, &many).electricity.rows.len(), MAX_CELLS);
    }

    #[test]
    fn maps_are_computed_again_only_when_the_inputs_change() {
        let ctx = egui::Context::default();
        let s = scenario("texas-ercot");
        let settings = Settings::default();
        let first = maps_for(&ctx, &s, &settings);
        assert!(Arc::ptr_eq(&first, &maps_for(&ctx, &s, &settings)));
        let mut dearer = s.clone();
        dearer.site.electricity_usd_per_kwh = 0.09;
        let second = maps_for(&ctx, &dearer, &settings);
        assert!(!Arc::ptr_eq(&first, &second));
        let finer = Settings {
            cells: 80,
            ..settings
        };
        assert!(!Arc::ptr_eq(&second, &maps_for(&ctx, &dearer, &finer)));
    }

    #[test]
    fn colours_diverge_from_neutral_at_zero() {
        let neutral = egui::Color32::from_gray(245);
        assert_eq!(profit_color(0.0, 100.0, neutral), neutral);
        assert_eq!(profit_color(-100.0, 100.0, neutral), color(palette::LOSS));
        assert_eq!(profit_color(500.0, 100.0, neutral), color(palette::GAIN));
        let half_loss = profit_color(-50.0, 100.0, neutral);
        assert!(half_loss.r() > half_loss.g());
    }

    #[test]
    fn cells_are_found_by_position() {
        let e = edges(&[0.0, 1.0, 2.0]);
        assert_eq!(e, [-0.5, 0.5, 1.5, 2.5]);
        assert_eq!(cell_at(&e, -0.5), Some(0));
        assert_eq!(cell_at(&e, 0.49), Some(0));
        assert_eq!(cell_at(&e, 0.5), Some(1));
        assert_eq!(cell_at(&e, 2.5), Some(2));
        assert_eq!(cell_at(&e, 2.6), None);
        assert_eq!(cell_at(&e, f64::NAN), None);
    }

    #[test]
    fn the_contour_is_clipped_to_the_map() {
        let line = [[-10.0, 0.0], [10.0, 1.0], [30.0, 2.0]];
        assert_eq!(
            clip_x(&line, 0.0, 20.0),
            [vec![[0.0, 0.5], [10.0, 1.0], [20.0, 1.5]]]
        );
        assert!(clip_x(&line, 40.0, 50.0).is_empty());
        assert_eq!(clip_x(&[[5.0, 1.0]], 0.0, 20.0), [vec![[5.0, 1.0]]]);
        assert_eq!(clip_x(&line, -20.0, 40.0), [line.to_vec()]);
    }

    #[test]
    fn the_tab_draws_both_maps_and_names_the_cell_under_the_pointer() {
        use egui_kittest::Harness;
        use egui_kittest::kittest::Queryable;
        let session = super::super::Session {
            tab: super::super::Tab::Sensitivity,
            ..Default::default()
        };
        let app = App::with_session(
            session,
            PresetLibrary::builtin(),
            Box::new(super::super::files::NativeDialogs),
        );
        let mut h = Harness::builder()
            .with_size(egui::vec2(1500.0, 1400.0))
            .build_ui_state(|ui, app: &mut App| app.frame(ui), app);
        h.run();
        assert!(h.query_by_label("Difficulty × BTC price").is_some());
        assert!(h.query_by_label("Sensitivity").is_some());
        let cached = |h: &Harness<'_, App>| -> Arc<Maps> {
            let c: Arc<Cache> = h.ctx.data(|d| d.get_temp(cache_id())).expect("cached");
            Arc::clone(&c.maps)
        };
        let first = cached(&h);
        // Over the electricity map: the tooltip names the cell's figures.
        assert!(
            h.query_by_label_contains("Break-even BTC price: $")
                .is_none()
        );
        let title = h.get_by_label("Electricity price × BTC price").rect();
        h.hover_at(title.left_bottom() + egui::vec2(200.0, 150.0));
        h.run();
        for part in [
            "Profit: ",
            "BTC price: $",
            "/kWh\n",
            "Break-even BTC price: $",
        ] {
            assert!(
                h.query_by_label_contains(part).is_some(),
                "a tooltip over the map shows {part:?}"
            );
        }
        // Hovering redraws but computes nothing again.
        assert!(Arc::ptr_eq(&first, &cached(&h)));
    }

    #[test]
    fn difficulty_ranges_are_rounded_outwards() {
        assert_eq!(round_out(74.129e12, 296.517e12), (70e12, 300e12));
        assert_eq!(round_out(5.0, 20.0), (5.0, 20.0));
        assert_eq!(round_out(0.5, 3.0), (0.5, 3.0));
        assert_eq!(round_out(0.05, 0.2), (0.05, 0.2));
    }

    #[test]
    fn nice_ends() {
        assert_eq!(nice_ceil(181_234.0), 200_000.0);
        assert_eq!(nice_ceil(0.132), 0.2);
        assert_eq!(nice_ceil(0.21), 0.25);
        assert_eq!(nice_ceil(0.042), 0.05);
        assert_eq!(nice_ceil(0.2), 0.2);
        assert_eq!(nice_ceil(1000.0), 1000.0);
    }
}
