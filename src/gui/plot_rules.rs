//! How a chart answers the pointer in the window: the wheel scrolls the page, never the chart;
//! zoom takes Ctrl (⌘) and the wheel, pan takes Ctrl and a drag; once a chart has been moved, a
//! *Reset view* button over it brings the default view back (as a double click does). (Hover
//! labels name the nearest data point, never the pointer's position: each chart's formatter
//! answers `HoverPosition::NearDataPoint` only.)

use eframe::egui;
use egui_plot::{Plot, PlotResponse, PlotUi};

/// A chart shown by the window's rules.
pub trait TrustedPlot<'a> {
    fn show_trusted<R>(
        self,
        ui: &mut egui::Ui,
        build: impl FnOnce(&mut PlotUi<'a>) -> R + 'a,
    ) -> PlotResponse<R>;
}

impl<'a> TrustedPlot<'a> for Plot<'a> {
    fn show_trusted<R>(
        self,
        ui: &mut egui::Ui,
        build: impl FnOnce(&mut PlotUi<'a>) -> R + 'a,
    ) -> PlotResponse<R> {
        // The plot's id as egui_plot makes it, so that every chart keeps its own state.
        let id = ui.next_auto_id().with("trusted-plot");
        let moved_key = id.with("moved");
        let reset_key = id.with("reset");
        let reset = ui
            .data_mut(|d| d.remove_temp::<bool>(reset_key))
            .unwrap_or(false);
        let modifier = ui.input(|i| i.modifiers.command);
        let mut plot = self
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_drag(modifier)
            .allow_zoom(true);
        if reset {
            plot = plot.reset();
        }
        let response = plot.show(ui, build);
        let r = &response.response;
        // Ctrl and the wheel zoom (egui reads them as a zoom, not a scroll).
        let zoomed = r.contains_pointer() && ui.input(|i| i.zoom_delta() != 1.0);
        let dragged = modifier && r.dragged();
        if reset || r.double_clicked() {
            ui.data_mut(|d| d.remove::<bool>(moved_key));
        } else if zoomed || dragged {
            ui.data_mut(|d| d.insert_temp(moved_key, true));
        }
        if ui.data(|d| d.get_temp::<bool>(moved_key)).unwrap_or(false) {
            let label = crate::i18n::strings(lang_of(ui)).app.reset_view;
            let size = egui::vec2(96.0, 20.0);
            let at = egui::Rect::from_min_size(
                r.rect.right_top() + egui::vec2(-size.x - 6.0, 6.0),
                size,
            );
            if ui.put(at, egui::Button::new(label).small()).clicked() {
                ui.data_mut(|d| d.insert_temp(reset_key, true));
                ui.ctx().request_repaint();
            }
        }
        response
    }
}

/// The language the window speaks, noted in egui's memory by each frame.
fn lang_of(ui: &egui::Ui) -> crate::i18n::Lang {
    ui.data(|d| d.get_temp::<crate::i18n::Lang>(lang_id()))
        .unwrap_or_default()
}

/// Where the frame notes the window's language for widgets that have no `App`.
pub fn lang_id() -> egui::Id {
    egui::Id::NULL.with("hashwatt-lang")
}
