//! The Map view: the world's countries coloured by a layer (grid intensity, demand beside
//! Bitcoin's, share of the hashrate, this fleet's profit), sub-national regions as circles.
//! Hover names a country's value with its source and year; a click on one with a region makes
//! it the site (undoable). The wheel scrolls the page: zoom takes Ctrl and the wheel, pan Ctrl
//! and a drag, and *Reset view* brings the whole world back, as the charts do.

use super::{App, Command};
use crate::i18n::Lang;
use crate::map::MapLayer;
use crate::map::layers::{MapChart, MapItem};
use crate::map::shapes::{self, LonLat, VIEW_LAT, VIEW_LON};
use eframe::egui;

mod settings;
pub use settings::{MapSettings, MapViews};

/// Where the view looks: a zoom (1: the whole world) around a centre, kept in egui's memory.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Camera {
    zoom: f64,
    centre: LonLat,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            zoom: 1.0,
            centre: [
                (VIEW_LON.0 + VIEW_LON.1) / 2.0,
                (VIEW_LAT.0 + VIEW_LAT.1) / 2.0,
            ],
        }
    }
}

const MAX_ZOOM: f64 = 12.0;
/// A circle's radius at full size, in degrees of the map.
const CIRCLE_DEG: f64 = 3.2;

/// Screen ↔ map for one frame.
pub(super) struct Projection {
    rect: egui::Rect,
    /// Pixels per degree.
    scale: f64,
    camera: Camera,
}

impl Projection {
    pub(super) fn new(rect: egui::Rect, camera: Camera) -> Projection {
        let base = (f64::from(rect.width()) / (VIEW_LON.1 - VIEW_LON.0))
            .min(f64::from(rect.height()) / (VIEW_LAT.1 - VIEW_LAT.0));
        Projection {
            rect,
            scale: base * camera.zoom,
            camera,
        }
    }

    pub(super) fn to_screen(&self, [lon, lat]: LonLat) -> egui::Pos2 {
        let c = self.rect.center();
        egui::pos2(
            c.x + ((lon - self.camera.centre[0]) * self.scale) as f32,
            c.y - ((lat - self.camera.centre[1]) * self.scale) as f32,
        )
    }

    fn to_map(&self, p: egui::Pos2) -> LonLat {
        let c = self.rect.center();
        [
            self.camera.centre[0] + f64::from(p.x - c.x) / self.scale,
            self.camera.centre[1] - f64::from(p.y - c.y) / self.scale,
        ]
    }
}

fn colour((r, g, b): crate::palette::Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(r, g, b)
}

pub fn map_ui(app: &App, ui: &mut egui::Ui) {
    let lang = app.session.lang();
    let t = &app.strings().map;
    let current = app.map_view.of(app.session.workspace);
    let mut settings = current.clone();
    ui.horizontal_wrapped(|ui| {
        ui.label(t.layer_label);
        for layer in MapLayer::ALL {
            ui.selectable_value(&mut settings.layer, layer, layer.label(lang));
        }
    });
    let chart = match app.derived.map.get() {
        Some(Ok(chart)) => chart,
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e.localized(lang));
            if *current != MapSettings::default() {
                app.queue(Command::SetMapView(MapSettings::default()));
            }
            return;
        }
        None => return,
    };
    layer_controls(ui, chart, &mut settings, lang);
    if settings != *current {
        app.queue(Command::SetMapView(settings));
    }
    ui.label(egui::RichText::new(&chart.title).strong());
    legend_ui(ui, chart, lang);
    if let Some(id) = draw_map(ui, chart, lang) {
        app.queue(Command::SetRegion(id));
    }
    for line in &chart.footer {
        ui.label(egui::RichText::new(line).small().weak());
    }
}

/// The snapshot slider (hashrate share) or the year slider (demand).
fn layer_controls(ui: &mut egui::Ui, chart: &MapChart, settings: &mut MapSettings, lang: Lang) {
    let t = &crate::i18n::strings(lang).map;
    match chart.layer {
        MapLayer::HashrateShare if !chart.snapshots.is_empty() => {
            let mut at = chart
                .snapshots
                .iter()
                .position(|s| Some(&s.id) == chart.snapshot.as_ref())
                .unwrap_or(chart.snapshots.len() - 1);
            ui.horizontal_wrapped(|ui| {
                let label = ui.label(t.snapshot);
                let last = chart.snapshots.len() - 1;
                let slider = egui::Slider::new(&mut at, 0..=last)
                    .show_value(false)
                    .step_by(1.0);
                if ui.add(slider).labelled_by(label.id).changed() {
                    settings.snapshot = Some(chart.snapshots[at].id.clone());
                }
                ui.label(egui::RichText::new(&chart.snapshots[at].name).strong());
                // The ban falls between two snapshots: say which.
                if let Some(after) = chart.snapshots.iter().position(|s| s.after_china_ban) {
                    let text = crate::i18n::fill(
                        t.china_ban_between,
                        &[
                            ("before", &chart.snapshots[after.saturating_sub(1)].name),
                            ("after", &chart.snapshots[after].name),
                        ],
                    );
                    ui.label(
                        egui::RichText::new(text)
                            .small()
                            .color(colour(crate::palette::POLICY)),
                    );
                }
            });
        }
        MapLayer::Demand if !chart.years.is_empty() => {
            let (first, last) = (chart.years[0], chart.years[chart.years.len() - 1]);
            let mut year = chart.year.unwrap_or(last);
            ui.horizontal(|ui| {
                let label = ui.label(t.year);
                if ui
                    .add(egui::Slider::new(&mut year, first..=last).step_by(1.0))
                    .labelled_by(label.id)
                    .changed()
                {
                    settings.year = Some(year);
                }
            });
        }
        _ => {}
    }
}

fn legend_ui(ui: &mut egui::Ui, chart: &MapChart, lang: Lang) {
    ui.horizontal_wrapped(|ui| {
        for entry in &chart.legend {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, colour(entry.rgb));
            // An entry wraps as a whole, never inside its words.
            ui.add(egui::Label::new(egui::RichText::new(&entry.label).small()).extend());
            ui.add_space(6.0);
        }
        if !chart.circles.is_empty() {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 12.0), egui::Sense::hover());
            ui.painter().circle_stroke(
                rect.center(),
                5.0,
                egui::Stroke::new(1.0, ui.visuals().text_color()),
            );
            let circles = egui::RichText::new(crate::i18n::strings(lang).map.circles).small();
            ui.add(egui::Label::new(circles).extend());
        }
    });
}

/// Where the map keeps its camera and notes its rectangle (for tests and the frame's checks).
pub(super) fn map_id() -> egui::Id {
    egui::Id::NULL.with("hashwatt-world-map")
}

/// Draws the map; returns the region a click chose, if any.
fn draw_map(ui: &mut egui::Ui, chart: &MapChart, lang: Lang) -> Option<String> {
    let id = map_id();
    let camera_key = id.with("camera");
    let mut camera: Camera = ui.data(|d| d.get_temp(camera_key)).unwrap_or_default();
    let width = ui.available_width().max(200.0);
    let aspect = ((VIEW_LAT.1 - VIEW_LAT.0) / (VIEW_LON.1 - VIEW_LON.0)) as f32;
    let height = (width * aspect).min(super::charts::fit_height(ui, 220.0, 40.0));
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click_and_drag());

    // Ctrl (⌘) and the wheel zoom about the pointer; Ctrl and a drag pan.
    let modifier = ui.input(|i| i.modifiers.command);
    let zoom_delta = f64::from(ui.input(|i| i.zoom_delta()));
    if response.contains_pointer()
        && zoom_delta != 1.0
        && let Some(pointer) = response.hover_pos()
    {
        let before = Projection::new(rect, camera).to_map(pointer);
        camera.zoom = (camera.zoom * zoom_delta).clamp(1.0, MAX_ZOOM);
        let after = Projection::new(rect, camera).to_map(pointer);
        camera.centre[0] += before[0] - after[0];
        camera.centre[1] += before[1] - after[1];
    }
    if modifier && response.dragged() {
        let projection = Projection::new(rect, camera);
        let delta = response.drag_delta();
        camera.centre[0] -= f64::from(delta.x) / projection.scale;
        camera.centre[1] += f64::from(delta.y) / projection.scale;
    }
    if camera.zoom <= 1.0 {
        camera = Camera::default();
    }
    let projection = Projection::new(rect, camera);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);

    // The countries: one mesh of every triangle, then the borders over it.
    let mut mesh = egui::Mesh::default();
    let border = egui::Stroke::new(0.6, ui.visuals().extreme_bg_color);
    let shapes = shapes::countries().iter().zip(shapes::triangles());
    for (shape, triangles) in shapes.filter(|(s, _)| s.code != shapes::NOT_DRAWN) {
        let fill = chart
            .countries
            .iter()
            .find(|c| c.code == shape.code)
            .map_or(crate::map::layers::NO_DATA, |c| c.rgb);
        for triangle in triangles {
            let base = mesh.vertices.len() as u32;
            for p in triangle {
                mesh.colored_vertex(projection.to_screen(*p), colour(fill));
            }
            mesh.add_triangle(base, base + 1, base + 2);
        }
    }
    painter.add(egui::Shape::mesh(mesh));
    for shape in shapes::countries() {
        for polygon in &shape.polygons {
            for ring in &polygon.rings {
                let points: Vec<egui::Pos2> =
                    ring.iter().map(|p| projection.to_screen(*p)).collect();
                painter.add(egui::Shape::closed_line(points, border));
            }
        }
    }
    let circle_px = (CIRCLE_DEG * projection.scale) as f32;
    let edge = egui::Stroke::new(1.0, egui::Color32::from_gray(40));
    for circle in &chart.circles {
        if let Some(at) = circle.at {
            let r = circle_px * circle.radius.max(0.35) as f32;
            painter.circle(projection.to_screen(at), r, colour(circle.rgb), edge);
        }
    }

    // Hover: the item under the pointer, outlined, with its value, source and year.
    let hovered: Option<&MapItem> = response
        .hover_pos()
        .and_then(|p| chart.item_at(projection.to_map(p), CIRCLE_DEG));
    let mut chosen = None;
    if let Some(item) = hovered {
        outline(
            &painter,
            &projection,
            item,
            ui.visuals().strong_text_color(),
        );
        let mut text = chart.hover(item, lang);
        if let Some(region) = &item.region_id {
            text.push('\n');
            text.push_str(&crate::i18n::fill(
                crate::i18n::strings(lang).map.click_to_set,
                &[("name", &item.name)],
            ));
            if response.clicked() && !modifier {
                chosen = Some(region.clone());
            }
        }
        response.clone().on_hover_text_at_pointer(text);
    }

    if camera != Camera::default() {
        let label = crate::i18n::strings(lang).app.reset_view;
        let size = egui::vec2(96.0, 20.0);
        let at = egui::Rect::from_min_size(rect.right_top() + egui::vec2(-size.x - 6.0, 6.0), size);
        if ui.put(at, egui::Button::new(label).small()).clicked() || response.double_clicked() {
            camera = Camera::default();
        }
    }
    ui.data_mut(|d| {
        d.insert_temp(camera_key, camera);
        d.insert_temp(id.with("rect"), rect);
    });
    ui.label(
        egui::RichText::new(crate::i18n::strings(lang).map.zoom_hint)
            .small()
            .weak(),
    );
    chosen
}

/// The hovered country's outline, or a ring round the hovered circle.
fn outline(painter: &egui::Painter, projection: &Projection, item: &MapItem, ink: egui::Color32) {
    let stroke = egui::Stroke::new(2.0, ink);
    if let Some(at) = item.at {
        let r = (CIRCLE_DEG * projection.scale) as f32 * item.radius.max(0.35) as f32;
        painter.circle_stroke(projection.to_screen(at), r + 1.5, stroke);
        return;
    }
    if let Some(shape) = shapes::country(&item.code) {
        for polygon in &shape.polygons {
            let points: Vec<egui::Pos2> = polygon.rings[0]
                .iter()
                .map(|p| projection.to_screen(*p))
                .collect();
            painter.add(egui::Shape::closed_line(points, stroke));
        }
    }
}

#[cfg(test)]
#[path = "../map_tests.rs"]
mod tests;
