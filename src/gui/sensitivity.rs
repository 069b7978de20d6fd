//! The Sensitivity tab: heat maps of daily profit over electricity price × BTC price and over
//! difficulty × BTC price, in diverging colours (loss red, profit blue), with the break-even
//! contour, the scenario's own point, and each cell's figures on hover.
//!
//! The maps (`chart_data::sensitivity`, up to 2 × 100² evaluations) are computed once per change
//! of the scenario or of the ranges, before the frame (`derived`); a frame that changes nothing
//! only draws them.

use super::widgets::color;
use super::{App, Command};
use crate::chart_data::sensitivity::{MAX_CELLS, MIN_CELLS, Settings};
use crate::format;
use crate::i18n::fill;
use crate::i18n::sensitivity::SensitivityStrings;
use crate::model::sweep::{ProfitGrid, RowInput};
use crate::palette;
use eframe::egui;
use egui_plot::{
    Legend, Line, Plot, PlotBounds, PlotGeometry, PlotItem, PlotItemBase, PlotPoint, PlotPoints,
    PlotTransform, Points,
};

/// Difficulty is shown in T (10¹²).
const TERA: f64 = 1e12;

/// The colour of a profit on a scale of ±`scale`: `neutral` at zero, `HEAT_LOSS` and `HEAT_GAIN`
/// at the ends.
pub fn profit_color(profit: f64, scale: f64, neutral: egui::Color32) -> egui::Color32 {
    color(palette::heat_rgb(
        profit,
        scale,
        (neutral.r(), neutral.g(), neutral.b()),
    ))
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

/// The cells of one map, drawn as one mesh from the cached grid. It takes no hover of its own,
/// so the plot's label formatter receives the pointer's position and names the cell under it.
struct Tiles<'a> {
    base: PlotItemBase,
    x_edges: &'a [f64],
    y_edges: &'a [f64],
    grid: &'a ProfitGrid,
    scale: f64,
    neutral: egui::Color32,
}

impl PlotItem for Tiles<'_> {
    fn shapes(&self, _ui: &egui::Ui, transform: &PlotTransform, shapes: &mut Vec<egui::Shape>) {
        let columns = self.x_edges.len().saturating_sub(1);
        let mut mesh = egui::Mesh::default();
        // Row by row, like the grid.
        for (k, profit) in self.grid.profit_usd_per_day.iter().enumerate() {
            let (i, j) = (k / columns, k % columns);
            let fill = &profit_color(*profit, self.scale, self.neutral);
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
        x_edges: &x_edges,
        y_edges: &y_edges,
        grid,
        scale,
        neutral,
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
    let (hx, hy) = (&x_edges, &y_edges);
    Plot::new(id)
        .legend(Legend::default())
        .height(super::charts::fit_height(ui, 300.0, 40.0))
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
            let j = cell_at(hx, position.x)?;
            let i = cell_at(hy, position.y)?;
            let g = grid;
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

/// How a range's two fields are shown: the unit they are edited in (1, or 10¹² for
/// difficulty in T), their bounds in that unit, the drag speed and decimals.
struct RangeFields {
    unit: f64,
    min: f64,
    max: f64,
    speed: f64,
    decimals: usize,
}

/// A "from … to …" pair of fields; returns the new range when it changed and is valid.
fn range_row(
    ui: &mut egui::Ui,
    s: &SensitivityStrings,
    label: &str,
    (from, to): (f64, f64),
    fields: &RangeFields,
) -> Option<(f64, f64)> {
    let RangeFields {
        unit,
        min,
        max,
        speed,
        decimals,
    } = *fields;
    let label = ui.label(label);
    let (mut a, mut b) = (from / unit, to / unit);
    let mut changed = false;
    ui.horizontal(|ui| {
        // Named "<range> from" and "<range> to" for a screen reader.
        let from = ui.label(s.range_from);
        changed |= ui
            .add(
                egui::DragValue::new(&mut a)
                    .range(min..=max)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id)
            .labelled_by(from.id)
            .changed();
        let to = ui.label(s.range_to);
        changed |= ui
            .add(
                egui::DragValue::new(&mut b)
                    .range(min..=max)
                    .speed(speed)
                    .max_decimals(decimals),
            )
            .labelled_by(label.id)
            .labelled_by(to.id)
            .changed();
    });
    ui.end_row();
    (changed && a < b).then_some((a * unit, b * unit))
}

/// The Sensitivity tab.
pub fn sensitivity_ui(app: &App, ui: &mut egui::Ui) {
    let s = &app.strings().sensitivity;
    // Computed for the current scenario and `app.sensitivity`, before the frame.
    let Some(maps) = app.derived.sensitivity.get() else {
        return;
    };
    let mut settings = app.sensitivity;
    let ranges = maps.ranges;

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
                        &RangeFields {
                            unit: 1.0,
                            min: limits::BTC_PRICE_USD.min,
                            max: limits::BTC_PRICE_USD.max,
                            speed: 100.0,
                            decimals: 0,
                        },
                    ) {
                        settings.btc_price_usd = Some(r);
                    }
                    if let Some(r) = range_row(
                        ui,
                        s,
                        s.range_electricity,
                        ranges.electricity_usd_per_kwh,
                        &RangeFields {
                            unit: 1.0,
                            min: limits::ELECTRICITY_USD_PER_KWH.min,
                            max: limits::ELECTRICITY_USD_PER_KWH.max,
                            speed: 0.001,
                            decimals: 4,
                        },
                    ) {
                        settings.electricity_usd_per_kwh = Some(r);
                    }
                    if let Some(r) = range_row(
                        ui,
                        s,
                        s.range_difficulty,
                        ranges.difficulty,
                        &RangeFields {
                            unit: TERA,
                            min: 0.001,
                            max: limits::DIFFICULTY.max / TERA,
                            speed: 1.0,
                            decimals: 3,
                        },
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
    if settings != app.sensitivity {
        app.queue(Command::SetSensitivity(settings));
    }

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
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn harness(session: super::super::Session) -> Harness<'static, App> {
        let app = App::with_session(
            session,
            PresetLibrary::builtin(),
            Box::new(super::super::files::NativeDialogs),
        );
        Harness::builder()
            .with_size(egui::vec2(1500.0, 1400.0))
            .build_ui_state(|ui, app: &mut App| app.frame(ui), app)
    }

    fn sensitivity_tab() -> super::super::Session {
        super::super::Session {
            tab: super::super::Tab::Sensitivity,
            language: super::super::LangChoice::Fixed(crate::i18n::Lang::En),
            ..Default::default()
        }
    }

    #[test]
    fn maps_are_computed_again_only_when_the_inputs_change() {
        let mut h = harness(sensitivity_tab());
        h.run();
        let runs = |h: &Harness<'_, App>| h.state().derived.sensitivity.runs();
        assert_eq!(runs(&h), 1);
        for _ in 0..3 {
            h.step();
        }
        h.run();
        assert_eq!(runs(&h), 1, "frames without a change compute nothing");
        // A dearer power price: the maps follow the scenario.
        h.state_mut().session.doc.site.electricity_usd_per_kwh = Some(0.09);
        h.run();
        assert_eq!(runs(&h), 2);
        let maps = h.state().derived.sensitivity.get().unwrap();
        assert_eq!(maps.current.1, 0.09);
        // Finer maps: the ranges' settings are a key too.
        h.state().queue(Command::SetSensitivity(Settings {
            cells: 80,
            ..Settings::default()
        }));
        h.run();
        assert_eq!(runs(&h), 3);
        assert_eq!(
            h.state()
                .derived
                .sensitivity
                .get()
                .unwrap()
                .electricity
                .rows
                .len(),
            80
        );
        h.run();
        assert_eq!(runs(&h), 3);
    }

    #[test]
    fn colours_diverge_from_neutral_at_zero() {
        let neutral = egui::Color32::from_gray(245);
        assert_eq!(profit_color(0.0, 100.0, neutral), neutral);
        assert_eq!(
            profit_color(-100.0, 100.0, neutral),
            color(palette::HEAT_LOSS)
        );
        assert_eq!(
            profit_color(500.0, 100.0, neutral),
            color(palette::HEAT_GAIN)
        );
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
        let mut h = harness(sensitivity_tab());
        h.run();
        assert!(h.query_by_label("Difficulty × BTC price").is_some());
        assert!(h.query_by_label("Sensitivity").is_some());
        let runs = |h: &Harness<'_, App>| h.state().derived.sensitivity.runs();
        let first = runs(&h);
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
        assert_eq!(runs(&h), first);
    }

    #[test]
    fn editing_a_range_recomputes_the_maps_over_it() {
        let mut h = harness(sensitivity_tab());
        h.run();
        h.get_by_label("Ranges").click();
        h.run();
        let before = h.state().derived.sensitivity.runs();
        h.get_by_role_and_label(egui::accesskit::Role::SpinButton, "Cells per side")
            .set_value_accesskit(20.0);
        h.run();
        assert_eq!(h.state().sensitivity.cells, 20);
        assert_eq!(h.state().derived.sensitivity.runs(), before + 1);
        let maps = h.state().derived.sensitivity.get().unwrap();
        assert_eq!(maps.difficulty.rows.len(), 20);
    }
}
