//! The desktop app: inputs on the left, results and charts in the middle. A layer over the engine
//! and the chart-data module; it draws what they compute and turns clicks into commands, which
//! are applied after the frame is drawn.

mod app;
mod apply;
mod charts;
mod command;
mod compare;
mod dialogs;
mod edit;
mod file_actions;
mod menus;
mod mica;
pub use app::App;
pub use command::*;
pub use prompts::{BANNER_SECONDS, Banner, OnDisk, PresetPrompt, ReplaceOnDisk, ReplacePreset};
#[cfg(test)]
mod compare_tests;
mod derived;
mod dispatch;
pub mod files;
mod history;
#[cfg(test)]
mod history_tests;
mod icon;
mod inputs;
mod job;
#[cfg(test)]
mod layout_tests;
mod map;
pub mod market_update;
#[cfg(test)]
mod mica_tests;
mod network;
pub mod network_history;
#[cfg(test)]
mod overlap_tests;
mod path_field;
#[cfg(test)]
mod path_field_tests;
mod picker;
#[cfg(test)]
mod picker_tests;
mod plot_rules;
#[cfg(test)]
mod plot_rules_tests;
mod power_modes;
#[cfg(test)]
mod power_modes_tests;
mod price_info;
#[cfg(test)]
mod price_info_tests;
mod projection_mc;
mod prompts;
mod results;
pub mod saved_session;
mod sensitivity;
mod session;
pub use session::*;
mod session_file;
mod sharing;
mod start_page;
mod tariff_editor;
#[cfg(test)]
mod tariff_editor_tests;
mod theme;
mod undo;
mod views;
mod widgets;
pub mod workspace;

#[cfg(test)]
mod disk_tests;
#[cfg(test)]
mod fields_tests;
#[cfg(test)]
mod frame_tests;
#[cfg(test)]
mod market_update_tests;
#[cfg(test)]
mod projection_mc_tests;
#[cfg(test)]
mod sharing_tests;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod undo_tests;
#[cfg(test)]
mod workspace_tests;

use crate::chart_data::Computed;
use crate::i18n::Lang;
use crate::presets::PresetLibrary;
/// What the window's tests (`use super::*`) take from here.
#[cfg(test)]
use crate::{chart_data::RegionMetric, i18n::fill, scenario_file::ScenarioDoc};
use eframe::egui;
use std::path::PathBuf;
use std::process::ExitCode;

/// When the process started, for `HASHWATT_TIMING=1` (prints the time to the first frame).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Records the start time; call first thing in `main`.
pub fn mark_start() {
    let _ = STARTED.set(std::time::Instant::now());
}

/// Opens the window (with a scenario file, if given; in a language, if given, which is then
/// remembered as the user's choice) and runs until it is closed.
pub fn run(file: Option<PathBuf>, lang: Option<Lang>) -> ExitCode {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("hashwatt")
        // Matches the desktop entry (hashwatt.desktop), so the desktop shows its icon and name.
        .with_app_id(crate::APP_ID);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    // Before eframe reads (and would silently drop) an unreadable saved session, or opens the
    // window with a geometry no screen can show.
    let dir = eframe::storage_dir(crate::APP_ID);
    let stamp = saved_session::stamp_now();
    let set_aside = dir
        .as_deref()
        .and_then(|dir| saved_session::set_aside_if_unreadable(dir, &stamp));
    let bad_geometry = dir
        .as_deref()
        .and_then(session_file::set_aside_bad_geometry);
    let loaded = dir.as_deref().map_or(session_file::Loaded::Missing, |d| {
        session_file::load(d, &stamp)
    });
    let result = eframe::run_native(
        crate::APP_ID,
        options,
        Box::new(|cc| {
            let library = PresetLibrary::with_user_folder(crate::user_presets_folder().as_deref());
            let (restored, session_aside) = match loaded {
                session_file::Loaded::Session(session) => (Some(*session), None),
                session_file::Loaded::Missing => (None, None),
                session_file::Loaded::SetAside(aside) => (None, Some(aside)),
            };
            let mut app = App::new(cc, library, Box::new(files::NativeDialogs), restored);
            app.session_dir = dir;
            if let Some(lang) = lang {
                app.session.language = LangChoice::Fixed(lang);
            }
            for aside in [set_aside, session_aside].into_iter().flatten() {
                app.report_set_aside(&aside);
            }
            if let Some(bad) = bad_geometry {
                app.set_error(|lang| bad.localized(lang));
            }
            if let Some(file) = file {
                app.queue(Command::OpenPath(file));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

pub use path_field::{PathField, PathFieldAnswer};

impl App {
    /// Draws one frame. Separate from `eframe::App::ui` so tests can drive it.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Widgets without the app (a chart's Reset view) read the language from here.
        let lang = self.session.lang();
        ctx.data_mut(|d| d.insert_temp(plot_rules::lang_id(), lang));
        if !self.fonts_installed {
            // Fonts apply from the next pass: draw nothing until then.
            theme::install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_discard("the CJK font was installed");
            ctx.request_repaint();
            return;
        }
        self.handle_dialog_replies();
        market_update::poll(self);
        self.handle_shortcuts(&ctx);
        sharing::poll_paste(self, &ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);
        // Normally a no-op: everything was brought up to date at the end of the last frame.
        self.recompute_if_changed();
        self.refresh_derived();

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::top("workspaces").show(ui, |ui| start_page::switch_ui(self, ui));
        if self.start_page_open {
            egui::CentralPanel::default().show(ui, |ui| start_page::start_page_ui(self, ui));
        } else {
            self.workspace_ui(ui);
        }
        self.banner_ui(&ctx);
        if let Some(field) = self.path_field.as_mut()
            && let Some(answer) = path_field::path_field_ui(&ctx, field, self.session.lang())
        {
            self.queue(Command::AnswerPathField(answer));
        }
        self.dialogs_ui(&ctx);
        sharing::windows_ui(self, &ctx);
        market_update::dialogs_ui(self, &ctx);

        let applied = self.apply_commands(&ctx);
        self.settle_history(&ctx);
        let changed = self.recompute_if_changed();
        if applied || changed {
            // This frame was drawn from the state before the change: draw the next one now.
            ctx.request_repaint();
        }
        let title = self.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
        self.frames += 1;
        if self.frames == 1
            && std::env::var_os("HASHWATT_TIMING").is_some()
            && let Some(started) = STARTED.get()
        {
            eprintln!(
                "first frame drawn {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    }

    /// The open workspace: the site's inputs and figures where it has a site, then its views.
    /// Panels draw from the app read-only and change a draft of the document; what they
    /// changed is sent as edit commands, applied (and recorded for undo) after the frame.
    fn workspace_ui(&mut self, ui: &mut egui::Ui) {
        self.prepare_views(ui.ctx());
        let app: &App = self;
        let mut draft = app.session.doc.clone();
        if app.session.workspace.shows_site() {
            egui::Panel::left("inputs")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| inputs::inputs_ui(app, &mut draft, ui));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if app.session.workspace.shows_site() {
                // All the cards take at most about two fifths of a short window; the strip one
                // row. The rest is the view's.
                let cards_height = if app.session.all_figures {
                    (ui.available_height() * 0.42).max(170.0)
                } else {
                    ui.available_height()
                };
                egui::ScrollArea::vertical()
                    .id_salt("results")
                    .max_height(cards_height)
                    .show(ui, |ui| results::results_ui(app, ui));
                ui.separator();
            }
            views::views_ui(app, &mut draft, ui);
        });
        for edit in edit::Edit::between(&app.session.doc, &draft) {
            app.queue(Command::Edit(edit));
        }
    }

    /// Brings what the open view shows up to date before it is drawn read-only: a finished
    /// import taken, the dispatch recomputed when its inputs changed, the Monte Carlo started
    /// for the projection's inputs (on its own thread) or its result taken.
    fn prepare_views(&mut self, ctx: &egui::Context) {
        match self.session.tab {
            Tab::Dispatch => {
                self.poll_import();
                self.refresh_dispatch();
            }
            Tab::Projection => {
                if let Ok(computed) = &self.computed {
                    self.monte_carlo
                        .update(ctx, &computed.scenario, &self.session.doc.projection);
                }
            }
            _ => {}
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let Some(dir) = self.session_dir.clone() else {
            eframe::set_value(storage, eframe::APP_KEY, &self.session);
            return;
        };
        self.save_session_file(&dir);
        // The session lives in its own file now: an old copy in `app.ron` would only go stale.
        if storage.get_string(eframe::APP_KEY).is_some() {
            storage.remove_string(eframe::APP_KEY);
        }
    }
}
