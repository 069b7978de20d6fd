//! The start page, whose three doors open a worked example in the workspace that answers it,
//! and the workspace switch at the top of the window.

use super::workspace::{Door, Workspace};
use super::{App, Command};
use eframe::egui;

/// The workspace switch at the top of the window.
pub fn switch_ui(app: &App, ui: &mut egui::Ui) {
    let strings = app.strings();
    ui.horizontal(|ui| {
        for workspace in Workspace::ALL {
            let (label, hint) = workspace.label(strings);
            let text = egui::RichText::new(label).size(15.0).strong();
            let selected = app.session.workspace == workspace;
            if ui
                .selectable_label(selected, text)
                .on_hover_text(hint)
                .clicked()
                && !selected
            {
                app.queue(Command::SetWorkspace(workspace));
            }
        }
    });
}

/// The space between two doors.
const GAP: f32 = 12.0;

/// The start page: three doors, each with what it teaches.
pub fn start_page_ui(app: &App, ui: &mut egui::Ui) {
    let w = &app.strings().workspace;
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new(w.start_title).size(24.0));
            ui.label(egui::RichText::new(w.start_intro).weak());
        });
        ui.add_space(20.0);
        let doors = [
            (Door::Site, w.door_site, w.door_site_learn),
            (Door::Where, w.door_where, w.door_where_learn),
            (Door::Network, w.door_network, w.door_network_learn),
        ];
        // Side by side when they fit, else one above another.
        let width = ui.available_width();
        let columns = if width >= 760.0 { 3 } else { 1 };
        let n = columns as f32;
        // A door's frame adds its margins and stroke to its inner width.
        let frame = 2.0 * 14.0 + 2.0;
        let door_width = ((width - 16.0 - n * frame - (n - 1.0) * GAP) / n).min(340.0);
        let draw = |ui: &mut egui::Ui, (door, title, learn): (Door, &str, &str)| {
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::same(14))
                .show(ui, |ui| {
                    ui.set_width(door_width);
                    ui.vertical(|ui| {
                        let button = egui::Button::new(egui::RichText::new(title).size(18.0));
                        if ui.add(button).clicked() {
                            app.queue(Command::OpenDoor(door));
                        }
                        ui.add(egui::Label::new(learn).wrap());
                    });
                });
        };
        if columns == 3 {
            ui.horizontal_top(|ui| {
                ui.spacing_mut().item_spacing.x = GAP;
                let used = n * (door_width + frame) + (n - 1.0) * GAP;
                ui.add_space(((width - used) / 2.0).max(0.0));
                for door in doors {
                    draw(ui, door);
                }
            });
        } else {
            ui.vertical_centered(|ui| {
                for door in doors {
                    draw(ui, door);
                    ui.add_space(8.0);
                }
            });
        }
        ui.add_space(16.0);
        ui.vertical_centered(|ui| {
            if ui.link(w.start_close).clicked() {
                app.queue(Command::CloseStartPage);
            }
        });
    });
}
