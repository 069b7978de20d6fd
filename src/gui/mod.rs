//! The desktop app: inputs on the left, results and charts in the middle. A layer over the engine
//! and the chart-data module; it draws what they compute and turns clicks into commands, which
//! are applied after the frame is drawn.

mod charts;
mod command;
mod compare;
mod dialogs;
mod edit;
mod file_actions;
mod menus;
pub use command::*;
pub use dialogs::{BANNER_SECONDS, Banner, PresetPrompt, ReplacePreset};
pub use file_actions::{OnDisk, ReplaceOnDisk};
#[cfg(test)]
mod compare_tests;
mod derived;
mod disclosure;
#[cfg(test)]
mod disclosure_tests;
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
mod results;
pub mod saved_session;
mod sensitivity;
mod session;
pub use session::*;
mod session_file;
mod sharing;
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

use crate::chart_data::{Computed, RegionMetric};
use crate::i18n::{self, Lang, Localized, Strings, fill};
use crate::presets::PresetLibrary;
use crate::resolve::ResolveError;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use files::{DialogPurpose, DialogReply, Dialogs};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;

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

/// egui's fonts with the bundled CJK font as the last fallback, so Chinese has glyphs.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    let name = "NotoSansSC-hashwatt".to_string();
    fonts.font_data.insert(
        name.clone(),
        std::sync::Arc::new(egui::FontData::from_static(crate::fonts::CJK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(name.clone());
    }
    ctx.set_fonts(fonts);
}

pub use path_field::{PathField, PathFieldAnswer};

pub struct App {
    pub session: Session,
    pub library: PresetLibrary,
    /// This machine's presets (built in and the presets folder), without the open scenario's
    /// own: what opening, importing and the notice of a differing preset compare with.
    /// `library` is this with the scenario's own presets in place.
    pub machine_library: PresetLibrary,
    /// The scenario presets `library` holds, and the `library_generation` it was made at (a
    /// reload of `library` elsewhere makes it this machine's anew).
    merged_presets: crate::schema::EmbeddedPresets,
    merged_generation: u64,
    /// The figures for `computed_for`.
    pub computed: Result<Computed, ResolveError>,
    /// Undo and redo of `session.doc`; not part of the session, so never saved with it.
    pub history: undo::History,
    computed_for: ScenarioDoc,
    pub banner: Option<Banner>,
    pub path_field: Option<PathField>,
    pub confirm: Option<Guarded>,
    pub preset_prompt: Option<PresetPrompt>,
    pub replace_preset: Option<ReplacePreset>,
    /// A save or export that waits for the user's word to replace a file.
    pub replace_on_disk: Option<ReplaceOnDisk>,
    /// The Sensitivity view's ranges (for this run of the app).
    pub sensitivity: crate::chart_data::sensitivity::Settings,
    /// The Network view's choices (for this run of the app).
    pub network_view: crate::network_data::ViewSettings,
    /// The Map view's layer and its choices (for this run of the app).
    pub map_view: map::MapViews,
    /// The History and Backtest views' choices (for this run of the app).
    pub history_view: history::HistoryState,
    /// The Projection tab's Monte Carlo run (on its own thread).
    pub monte_carlo: projection_mc::McJob,
    /// What the views derive beyond `computed`, computed once per change.
    pub derived: derived::Derived,
    /// The Dispatch tab's series and dispatch (for this run of the app).
    pub dispatch: dispatch::DispatchView,
    /// Bumped whenever `computed` is recomputed (the document, the language or the library
    /// changed): the key of everything derived from it.
    pub doc_generation: u64,
    /// Bumped whenever the pinned scenarios change.
    pub pinned_generation: u64,
    pinned_for: Vec<Pinned>,
    /// Bumped whenever the preset library is reloaded.
    pub library_generation: u64,
    /// The user's presets folder (saved presets go there; tests point it at a temp folder).
    pub presets_folder: Option<PathBuf>,
    /// Market → Update from the internet, under way or not.
    pub market_update: market_update::MarketUpdate,
    /// The network history's trailing figures and newest month, read when it changes.
    pub history_summary: network_history::HistorySummary,
    /// Preset import and export, and a scenario pasted as text.
    pub sharing: sharing::SharingState,
    commands: CommandSender,
    command_rx: mpsc::Receiver<Command>,
    /// Every command applied, in order (tests check what a click or a key did).
    #[cfg(test)]
    pub applied: Vec<Command>,
    /// An action to carry out once a save completes.
    after_save: Option<Guarded>,
    allow_close: bool,
    /// The title last sent to the window, so it is only sent when it changes.
    shown_title: String,
    /// The language the chart data's names were computed in.
    computed_lang: Lang,
    /// Whether the CJK font is in egui's fonts (eframe installs it before the first frame;
    /// a test harness, on the first frame).
    fonts_installed: bool,
    /// Frames drawn so far (the first one is timed when asked).
    frames: u64,
    dialogs: Box<dyn Dialogs>,
    /// The file dialogs asked for and not yet answered, oldest first.
    open_dialogs: Vec<job::Job<DialogReply>>,
    /// The start page is shown (on the first start, and from View → Start page).
    pub start_page_open: bool,
    /// The folder of `session.ron` (None in tests, and where the system names no data folder:
    /// then eframe's storage keeps the session).
    pub session_dir: Option<PathBuf>,
    /// The session text last written, so an unchanged session is not written again.
    session_written: String,
}

impl App {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        library: PresetLibrary,
        dialogs: Box<dyn Dialogs>,
        restored: Option<Session>,
    ) -> App {
        // A session kept in `app.ron` by an earlier version is taken up once.
        let restored: Option<Session> = restored.or_else(|| {
            cc.storage
                .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
        });
        // The first run starts with a new scenario (projection growth from the history).
        let first_run = || {
            let summary =
                network_history::HistorySummary::load(crate::user_presets_folder().as_deref());
            Session {
                doc: summary.new_document(),
                saved_doc: summary.new_document(),
                ..Session::default()
            }
        };
        let first_start = restored.is_none();
        let mut app = App::restore(restored.unwrap_or_else(first_run), library, dialogs);
        // The first start opens on the start page; later starts where the user left off.
        app.start_page_open = first_start;
        app.apply_theme(&cc.egui_ctx);
        install_fonts(&cc.egui_ctx);
        theme::apply(&cc.egui_ctx);
        app.fonts_installed = true;
        app
    }

    /// An app with a session restored from the last run: values out of range are brought in
    /// range, and the banner names the fields that changed.
    pub fn restore(mut session: Session, library: PresetLibrary, dialogs: Box<dyn Dialogs>) -> App {
        let changed = saved_session::clamp_session(&mut session);
        let mut app = App::with_session(session, library, dialogs);
        if !changed.is_empty() {
            app.set_error(|lang| {
                fill(
                    i18n::strings(lang).app.session_values_changed,
                    &[("fields", &changed.join(", "))],
                )
            });
        }
        app
    }

    /// An app with a given session (tests build it without eframe storage).
    pub fn with_session(
        mut session: Session,
        library: PresetLibrary,
        dialogs: Box<dyn Dialogs>,
    ) -> App {
        // A session from before workspaces: the workspace its view belongs to.
        if !session.workspace.tabs().contains(&session.tab) {
            session.workspace = workspace::Workspace::of(session.tab);
        }
        let (command_tx, command_rx) = mpsc::channel();
        let banner = (!library.problems.is_empty()).then(|| {
            Banner::new(true, |lang| {
                format!(
                    "{} {}",
                    i18n::strings(lang).app.preset_problems,
                    library
                        .problems
                        .iter()
                        .map(|p| p.localized(lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            })
        });
        let machine_library = library.clone();
        let library = library.with_embedded(&session.doc.presets);
        let merged_presets = session.doc.presets.clone();
        let computed = Computed::of(&session.doc, &library, session.lang());
        let computed_lang = session.lang();
        let computed_for = session.doc.clone();
        let pinned_for = session.pinned.clone();
        let history = undo::History::default();
        let presets_folder = crate::user_presets_folder();
        let history_summary = network_history::HistorySummary::load(presets_folder.as_deref());
        App {
            session,
            library,
            machine_library,
            merged_presets,
            merged_generation: 0,
            computed,
            history,
            computed_for,
            computed_lang,
            banner,
            path_field: None,
            confirm: None,
            replace_on_disk: None,
            preset_prompt: None,
            replace_preset: None,
            sensitivity: Default::default(),
            network_view: Default::default(),
            map_view: Default::default(),
            history_view: Default::default(),
            monte_carlo: Default::default(),
            derived: Default::default(),
            dispatch: Default::default(),
            doc_generation: 0,
            pinned_generation: 0,
            pinned_for,
            library_generation: 0,
            presets_folder,
            market_update: Default::default(),
            history_summary,
            sharing: Default::default(),
            commands: CommandSender(command_tx),
            command_rx,
            #[cfg(test)]
            applied: Vec::new(),
            after_save: None,
            allow_close: false,
            shown_title: String::new(),
            fonts_installed: false,
            frames: 0,
            dialogs,
            open_dialogs: Vec::new(),
            start_page_open: false,
            session_dir: None,
            session_written: String::new(),
        }
    }

    pub fn strings(&self) -> &'static Strings {
        i18n::strings(self.session.lang())
    }

    /// Queues a command for after this frame.
    pub fn queue(&self, command: Command) {
        self.commands.send(command);
    }

    /// Where panels send commands.
    pub fn commands(&self) -> &CommandSender {
        &self.commands
    }

    pub fn is_dirty(&self) -> bool {
        self.session.doc != self.session.saved_doc
    }

    /// The scenario's display name: its file name, else its own name, else "Untitled".
    /// What an exported chart's title adds: the scenario's name, or for an untitled scenario
    /// its region and fleet ("Texas · 500 × Antminer S21 XP").
    fn export_title(&self) -> String {
        if self.session.path.is_none() && self.session.doc.name.is_empty() {
            crate::compare::pin_title(&self.session.doc, &self.library, self.session.lang())
        } else {
            self.display_name()
        }
    }

    pub fn display_name(&self) -> String {
        match &self.session.path {
            Some(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            None if !self.session.doc.name.is_empty() => {
                self.session.doc.name_in(self.session.lang()).to_string()
            }
            None => self.strings().app.untitled.to_string(),
        }
    }

    pub fn window_title(&self) -> String {
        fill(
            self.strings().app.window_title,
            &[
                ("name", &self.display_name()),
                ("dirty", if self.is_dirty() { " •" } else { "" }),
            ],
        )
    }

    /// Recomputes every figure if the inputs changed since the last computation, and notes a
    /// change of the pinned scenarios; true if anything changed.
    pub fn recompute_if_changed(&mut self) -> bool {
        let mut changed = false;
        if self.session.doc != self.computed_for || self.session.lang() != self.computed_lang {
            self.recompute();
            changed = true;
        }
        if self.session.pinned != self.pinned_for {
            self.pinned_for = self.session.pinned.clone();
            self.pinned_generation += 1;
            changed = true;
        }
        changed
    }

    /// Recomputes every figure (after the inputs or the preset library changed).
    fn recompute(&mut self) {
        self.merge_scenario_presets();
        self.computed_lang = self.session.lang();
        self.computed = Computed::of(&self.session.doc, &self.library, self.computed_lang);
        self.computed_for = self.session.doc.clone();
        self.doc_generation += 1;
    }

    /// Brings what the open view derives up to date (a no-op when nothing it depends on
    /// changed). Runs before drawing, so panels only read it.
    pub fn refresh_derived(&mut self) {
        self.derived.refresh(
            derived::Inputs {
                session: &self.session,
                library: &self.library,
                computed: &self.computed,
                sensitivity: &self.sensitivity,
                network_view: &self.network_view,
                map_view: self.map_view.of(self.session.workspace),
                history_view: &self.history_view,
                presets_folder: self.presets_folder.as_deref(),
                doc_generation: self.doc_generation,
                pinned_generation: self.pinned_generation,
                library_generation: self.library_generation,
            },
            self.session.tab,
        );
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.session.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    /// Draws one frame. Separate from `eframe::App::ui` so tests can drive it.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Widgets without the app (a chart's Reset view) read the language from here.
        let lang = self.session.lang();
        ctx.data_mut(|d| d.insert_temp(plot_rules::lang_id(), lang));
        if !self.fonts_installed {
            // Fonts apply from the next pass: draw nothing until then.
            install_fonts(&ctx);
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
        egui::Panel::top("workspaces").show(ui, |ui| workspace::switch_ui(self, ui));
        if self.start_page_open {
            egui::CentralPanel::default().show(ui, |ui| workspace::start_page_ui(self, ui));
        } else {
            self.workspace_ui(ui);
        }
        self.banner_ui(&ctx);
        if let Some(field) = self.path_field.as_mut() {
            path_field::path_field_ui(&ctx, field, self.session.lang(), &self.commands);
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
            charts::charts_ui(app, &mut draft, ui);
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
