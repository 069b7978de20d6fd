//! The three workspaces a user's question falls in: **Site** (one site and its fleet), **Where**
//! (the same fleet elsewhere) and **Network** (the whole network, with no site panel). Each
//! lists its own views and remembers the one left open; and the start page, whose three doors
//! open a worked example in the workspace that answers it.

use super::{App, Command, Tab};
use crate::i18n::Strings;
use eframe::egui;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Workspace {
    #[default]
    Site,
    Where,
    Network,
}

impl Workspace {
    pub const ALL: [Workspace; 3] = [Workspace::Site, Workspace::Where, Workspace::Network];

    /// Its views, in the order a question follows (the views' registry's).
    pub fn tabs(self) -> &'static [Tab] {
        super::views::tabs_of(self)
    }

    /// The workspace a view belongs to first (a saved session from before workspaces).
    pub fn of(tab: Tab) -> Workspace {
        Workspace::ALL
            .into_iter()
            .find(|w| w.tabs().contains(&tab))
            .unwrap_or_default()
    }

    /// Whether the site's inputs and figures are shown: the Network's views are about the
    /// network, where a one-machine site means nothing.
    pub fn shows_site(self) -> bool {
        self != Workspace::Network
    }

    pub fn label(self, s: &'static Strings) -> (&'static str, &'static str) {
        let w = &s.workspace;
        match self {
            Workspace::Site => (w.site, w.site_hint),
            Workspace::Where => (w.where_, w.where_hint),
            Workspace::Network => (w.network, w.network_hint),
        }
    }
}

/// The view each workspace had open when it was left.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OpenViews {
    pub site: Tab,
    pub where_: Tab,
    pub network: Tab,
}

impl Default for OpenViews {
    fn default() -> Self {
        OpenViews {
            site: Workspace::Site.tabs()[0],
            where_: Workspace::Where.tabs()[0],
            network: Workspace::Network.tabs()[0],
        }
    }
}

impl OpenViews {
    pub fn get(&self, workspace: Workspace) -> Tab {
        let tab = match workspace {
            Workspace::Site => self.site,
            Workspace::Where => self.where_,
            Workspace::Network => self.network,
        };
        if workspace.tabs().contains(&tab) {
            tab
        } else {
            workspace.tabs()[0]
        }
    }

    pub fn set(&mut self, workspace: Workspace, tab: Tab) {
        if !workspace.tabs().contains(&tab) {
            return;
        }
        match workspace {
            Workspace::Site => self.site = tab,
            Workspace::Where => self.where_ = tab,
            Workspace::Network => self.network = tab,
        }
    }
}

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

/// The examples behind the start page's doors.
pub const SITE_EXAMPLE: &str = "texas-s21";

/// A door of the start page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Door {
    Site,
    Where,
    Network,
}

impl Door {
    /// The workspace and view it opens.
    pub fn opens(self) -> (Workspace, Tab) {
        match self {
            Door::Site => (Workspace::Site, Tab::BreakEven),
            Door::Where => (Workspace::Where, Tab::Regions),
            Door::Network => (Workspace::Network, Tab::History),
        }
    }

    /// The example scenario it loads (the Network door keeps the open one: it has no site).
    pub fn example(self) -> Option<&'static str> {
        match self {
            Door::Site | Door::Where => Some(SITE_EXAMPLE),
            Door::Network => None,
        }
    }
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
