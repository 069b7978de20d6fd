//! The desktop app: inputs on the left, results and charts in the middle. A layer over the engine
//! and the chart-data module; it draws what they compute and turns clicks into commands, which
//! are applied after the frame is drawn.

mod charts;
mod compare;
pub mod files;
mod inputs;
mod network;
mod results;
pub mod saved_session;
mod sensitivity;
mod widgets;

#[cfg(test)]
mod tests;

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
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("hashwatt")
            .with_inner_size([1280.0, 820.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    // Before eframe reads (and would silently drop) an unreadable saved session.
    let set_aside = eframe::storage_dir(crate::APP_ID)
        .and_then(|dir| saved_session::set_aside_if_unreadable(&dir, &saved_session::stamp_now()));
    let result = eframe::run_native(
        crate::APP_ID,
        options,
        Box::new(|cc| {
            let library = PresetLibrary::with_user_folder(crate::user_presets_folder().as_deref());
            let mut app = App::new(cc, library, Box::new(files::NativeDialogs));
            if let Some(lang) = lang {
                app.session.language = LangChoice::Fixed(lang);
            }
            if let Some(aside) = set_aside {
                app.report_set_aside(&aside);
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

/// The chart shown in the central area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tab {
    #[default]
    Mix,
    Regions,
    BreakEven,
    Projection,
    Hardware,
    /// Pinned scenarios side by side, ranking of regions, carbon price.
    Compare,
    /// Heat maps of daily profit over electricity price or difficulty × BTC price.
    Sensitivity,
    /// The whole network's power, energy and CO₂; the mining maps; Bitcoin beside countries.
    Network,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

/// What survives a restart (eframe persistence): the inputs, the open file, the view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub doc: ScenarioDoc,
    /// The file the scenario was opened from or saved to.
    pub path: Option<PathBuf>,
    /// The document as it is on disk (or as a new scenario starts), to tell unsaved changes.
    pub saved_doc: ScenarioDoc,
    pub tab: Tab,
    pub theme: ThemeChoice,
    pub recent: Vec<PathBuf>,
    pub region_metric: RegionMetric,
    /// The language chosen in the menu; by default the system's.
    pub language: LangChoice,
    /// Scenarios pinned for comparison (at most `compare::MAX_PINNED`).
    pub pinned: Vec<Pinned>,
    pub rank_by: crate::compare::RankBy,
    /// Only rank regions whose grid is at or below this intensity.
    pub rank_max_intensity: Option<f64>,
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

/// The language the user chose: the system's, or one named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum LangChoice {
    #[default]
    System,
    Fixed(Lang),
}

impl Session {
    /// The language the window speaks.
    pub fn lang(&self) -> Lang {
        match self.language {
            LangChoice::System => i18n::system_lang(),
            LangChoice::Fixed(lang) => lang,
        }
    }
}

/// A scenario pinned for comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pinned {
    pub name: String,
    pub doc: ScenarioDoc,
}

/// How many files the recent list keeps.
const RECENT_FILES: usize = 8;

/// What the user asked for, applied after the frame is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    New,
    Open,
    OpenPath(PathBuf),
    /// Open a path whose opening was already agreed to (the answer of the Open dialog).
    LoadPath(PathBuf),
    /// Open a built-in example scenario by id.
    OpenExample(String),
    Save,
    SaveAs,
    SaveTo(PathBuf),
    ExportChart(crate::export::ChartKind, crate::export::ImageFormat),
    ExportResults(files::ResultsFormat),
    ExportTo(DialogPurpose, PathBuf),
    SetRegion(String),
    SaveRegionPreset(String),
    SaveMinerPreset(usize, String),
    /// Save a preset over the user preset of the same id (the user agreed to replace it).
    ReplacePreset(PresetPrompt),
    Quit,
    /// Ask for scenario files to add to the comparison.
    AddToCompare,
}

/// An action that would drop unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Guarded {
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample(String),
    Close,
}

/// A message across the top of the window.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub text: String,
    pub error: bool,
}

/// A text field standing in for a file dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct PathField {
    pub purpose: DialogPurpose,
    pub text: String,
    /// The native dialog could not be shown.
    pub no_dialog: bool,
}

/// A preset about to overwrite a user preset of the same id, waiting for "Replace?".
#[derive(Clone, Debug, PartialEq)]
pub struct ReplacePreset {
    pub prompt: PresetPrompt,
    pub id: String,
    pub path: PathBuf,
}

/// A preset-naming prompt.
#[derive(Clone, Debug, PartialEq)]
pub enum PresetPrompt {
    Region(String),
    Miner(usize, String),
}

pub struct App {
    pub session: Session,
    pub library: PresetLibrary,
    /// The figures for `computed_for`.
    pub computed: Result<Computed, ResolveError>,
    computed_for: ScenarioDoc,
    pub banner: Option<Banner>,
    pub path_field: Option<PathField>,
    pub confirm: Option<Guarded>,
    pub preset_prompt: Option<PresetPrompt>,
    pub replace_preset: Option<ReplacePreset>,
    /// The user's presets folder (saved presets go there; tests point it at a temp folder).
    pub presets_folder: Option<PathBuf>,
    /// Filter texts of the pickers.
    pub region_filter: String,
    pub miner_filter: String,
    /// The pickers whose popup was open last frame (a filter starts afresh when one opens).
    open_pickers: std::collections::HashSet<egui::Id>,
    commands: Vec<Command>,
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
    dialog_tx: mpsc::Sender<DialogReply>,
    dialog_rx: mpsc::Receiver<DialogReply>,
}

impl App {
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        library: PresetLibrary,
        dialogs: Box<dyn Dialogs>,
    ) -> App {
        let restored: Option<Session> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY));
        let mut app = App::restore(restored.unwrap_or_default(), library, dialogs);
        app.apply_theme(&cc.egui_ctx);
        install_fonts(&cc.egui_ctx);
        app.fonts_installed = true;
        app
    }

    /// An app with a session restored from the last run: values out of range are brought in
    /// range, and the banner names the fields that changed.
    pub fn restore(mut session: Session, library: PresetLibrary, dialogs: Box<dyn Dialogs>) -> App {
        let changed = saved_session::clamp_session(&mut session);
        let mut app = App::with_session(session, library, dialogs);
        if !changed.is_empty() {
            let text = fill(
                app.strings().app.session_values_changed,
                &[("fields", &changed.join(", "))],
            );
            app.set_error(text);
        }
        app
    }

    /// An app with a given session (tests build it without eframe storage).
    pub fn with_session(
        session: Session,
        library: PresetLibrary,
        dialogs: Box<dyn Dialogs>,
    ) -> App {
        let (dialog_tx, dialog_rx) = mpsc::channel();
        let banner = (!library.problems.is_empty()).then(|| Banner {
            text: format!(
                "{} {}",
                i18n::strings(session.lang()).app.preset_problems,
                library
                    .problems
                    .iter()
                    .map(|p| p.localized(session.lang()))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            error: true,
        });
        let computed = Computed::of(&session.doc, &library, session.lang());
        let computed_lang = session.lang();
        let computed_for = session.doc.clone();
        App {
            session,
            library,
            computed,
            computed_for,
            computed_lang,
            banner,
            path_field: None,
            confirm: None,
            preset_prompt: None,
            replace_preset: None,
            presets_folder: crate::user_presets_folder(),
            region_filter: String::new(),
            miner_filter: String::new(),
            open_pickers: std::collections::HashSet::new(),
            commands: Vec::new(),
            after_save: None,
            allow_close: false,
            shown_title: String::new(),
            fonts_installed: false,
            frames: 0,
            dialogs,
            dialog_tx,
            dialog_rx,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        i18n::strings(self.session.lang())
    }

    /// Queues a command for after this frame.
    pub fn queue(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn is_dirty(&self) -> bool {
        self.session.doc != self.session.saved_doc
    }

    /// The scenario's display name: its file name, else its own name, else "Untitled".
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

    /// Recomputes every figure if the inputs changed since the last computation.
    pub fn recompute_if_changed(&mut self) {
        if self.session.doc != self.computed_for || self.session.lang() != self.computed_lang {
            self.recompute();
        }
    }

    /// Recomputes every figure (after the inputs or the preset library changed).
    fn recompute(&mut self) {
        self.computed_lang = self.session.lang();
        self.computed = Computed::of(&self.session.doc, &self.library, self.computed_lang);
        self.computed_for = self.session.doc.clone();
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.session.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }

    pub fn set_error(&mut self, text: String) {
        self.banner = Some(Banner { text, error: true });
    }

    pub fn set_info(&mut self, text: String) {
        self.banner = Some(Banner { text, error: false });
    }

    /// Says that the saved session could not be read and where it was moved.
    pub fn report_set_aside(&mut self, aside: &saved_session::SetAside) {
        let text = fill(
            self.strings().files.session_set_aside,
            &[
                ("error", &aside.error),
                ("path", &aside.moved_to.display().to_string()),
            ],
        );
        self.set_error(text);
    }

    fn remember_recent(&mut self, path: &std::path::Path) {
        self.session.recent.retain(|p| p != path);
        self.session.recent.insert(0, path.to_path_buf());
        self.session.recent.truncate(RECENT_FILES);
    }

    /// Carries out a guarded action now (the user agreed, or nothing would be lost).
    fn perform(&mut self, action: Guarded, ctx: &egui::Context) {
        match action {
            Guarded::New => {
                self.session.doc = ScenarioDoc::default();
                self.session.saved_doc = ScenarioDoc::default();
                self.session.path = None;
                self.banner = None;
            }
            Guarded::Open => self.ask_path(DialogPurpose::Open, ctx),
            Guarded::OpenPath(path) => self.open_path(&path),
            Guarded::OpenExample(id) => {
                if let Some(example) = self.library.scenario(&id) {
                    self.session.doc = example.doc.clone();
                    self.session.saved_doc = example.doc.clone();
                    self.session.path = None;
                    self.banner = None;
                }
            }
            Guarded::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Runs a guarded action, asking first if it would drop unsaved changes.
    fn guard(&mut self, action: Guarded, ctx: &egui::Context) {
        if self.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    /// Opens a scenario file; on any error the current inputs stay exactly as they were.
    pub fn open_path(&mut self, path: &std::path::Path) {
        match crate::resolve::load_scenario_noting(path, &self.library) {
            Ok((doc, _, migration)) => {
                self.session.doc = doc.clone();
                self.session.saved_doc = doc;
                self.session.path = Some(path.to_path_buf());
                self.remember_recent(path);
                self.banner = None;
                if let Some(migration) = migration {
                    // Shown as unsaved: the file on disk is still in the old format.
                    self.session.saved_doc.version = migration.from_version;
                    let text = fill(
                        self.strings().files.migrated,
                        &[("migration", &migration.localized(self.session.lang()))],
                    );
                    self.set_info(text);
                }
            }
            Err(e) => {
                let error = e.localized(self.session.lang());
                let text = fill(self.strings().app.open_failed, &[("error", &error)]);
                self.set_error(text);
            }
        }
    }

    /// Adds a scenario file to the comparison; a bad file is reported and nothing is added.
    pub fn pin_file(&mut self, path: &std::path::Path) {
        if self.session.pinned.len() >= compare::MAX_PINNED {
            return;
        }
        match crate::resolve::load_scenario(path, &self.library) {
            Ok((doc, _)) => {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                let name = if doc.name.is_empty() {
                    stem.unwrap_or_default()
                } else {
                    doc.name.clone()
                };
                self.session.pinned.push(Pinned { name, doc });
            }
            Err(e) => {
                let error = e.localized(self.session.lang());
                let text = fill(self.strings().app.open_failed, &[("error", &error)]);
                self.set_error(text);
            }
        }
    }

    /// Saves to a path; on failure the inputs stay, unsaved, and the banner says why.
    pub fn save_to(&mut self, path: &std::path::Path, ctx: &egui::Context) {
        let text = crate::scenario_io::scenario_to_ron(&self.session.doc);
        match crate::scenario_io::write_atomically(path, text.as_bytes()) {
            Ok(()) => {
                self.session.saved_doc = self.session.doc.clone();
                self.session.path = Some(path.to_path_buf());
                self.remember_recent(path);
                let text = fill(
                    self.strings().app.saved,
                    &[("path", &path.display().to_string())],
                );
                self.set_info(text);
                if let Some(next) = self.after_save.take() {
                    self.perform(next, ctx);
                }
            }
            Err(e) => {
                self.after_save = None;
                let error = e.localized(self.session.lang());
                let text = fill(self.strings().app.save_failed, &[("error", &error)]);
                self.set_error(text);
            }
        }
    }

    /// Asks for a path: the native dialog on its own thread, or the in-app field in tests and
    /// where no dialog can be shown.
    fn ask_path(&mut self, purpose: DialogPurpose, ctx: &egui::Context) {
        let start = self
            .session
            .path
            .as_ref()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()));
        let suggested = purpose.suggested_name(&self.display_name());
        self.dialogs.ask(
            purpose,
            start,
            suggested,
            self.session.lang(),
            self.dialog_tx.clone(),
            ctx.clone(),
        );
    }

    fn handle_dialog_replies(&mut self) {
        while let Ok(reply) = self.dialog_rx.try_recv() {
            match reply.path {
                Some(path) => match reply.purpose {
                    // The Open dialog is only shown once unsaved changes were dealt with.
                    DialogPurpose::Open => self.queue(Command::LoadPath(path)),
                    DialogPurpose::SaveAs => self.queue(Command::SaveTo(path)),
                    DialogPurpose::AddToCompare => self.pin_file(&path),
                    purpose => self.queue(Command::ExportTo(purpose, path)),
                },
                None if reply.unavailable => {
                    self.path_field = Some(PathField {
                        purpose: reply.purpose,
                        text: String::new(),
                        no_dialog: true,
                    });
                }
                None => self.after_save = None,
            }
        }
    }

    /// Applies the queued commands.
    fn apply_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            match command {
                Command::New => self.guard(Guarded::New, ctx),
                Command::Open => self.guard(Guarded::Open, ctx),
                Command::OpenPath(path) => self.guard(Guarded::OpenPath(path), ctx),
                Command::LoadPath(path) => self.open_path(&path),
                Command::OpenExample(id) => self.guard(Guarded::OpenExample(id), ctx),
                Command::Save => match self.session.path.clone() {
                    Some(path) => self.save_to(&path, ctx),
                    None => self.ask_path(DialogPurpose::SaveAs, ctx),
                },
                Command::SaveAs => self.ask_path(DialogPurpose::SaveAs, ctx),
                Command::SaveTo(path) => self.save_to(&path, ctx),
                Command::ExportChart(kind, format) => {
                    self.ask_path(DialogPurpose::ExportChart(kind, format), ctx)
                }
                Command::ExportResults(format) => {
                    self.ask_path(DialogPurpose::ExportResults(format), ctx)
                }
                Command::ExportTo(purpose, path) => self.export_to(purpose, &path),
                Command::SetRegion(id) => {
                    self.session.doc.site.region = Some(id);
                    self.session.doc.site.mix = None;
                    self.session.doc.site.electricity_usd_per_kwh = None;
                }
                Command::SaveRegionPreset(name) => self.save_region_preset(&name, false),
                Command::SaveMinerPreset(index, name) => {
                    self.save_miner_preset(index, &name, false)
                }
                Command::ReplacePreset(PresetPrompt::Region(name)) => {
                    self.save_region_preset(&name, true)
                }
                Command::ReplacePreset(PresetPrompt::Miner(index, name)) => {
                    self.save_miner_preset(index, &name, true)
                }
                Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Command::AddToCompare => self.ask_path(DialogPurpose::AddToCompare, ctx),
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |mods: Modifiers, key: Key| KeyboardShortcut::new(mods, key);
        // Ctrl+Shift+S first: a plain Ctrl+S would match it too.
        let save_as = shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
        let pressed = |s: &KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(s));
        if pressed(&save_as) {
            self.queue(Command::SaveAs);
        } else if pressed(&shortcut(Modifiers::COMMAND, Key::S)) {
            self.queue(Command::Save);
        }
        if pressed(&shortcut(Modifiers::COMMAND, Key::O)) {
            self.queue(Command::Open);
        }
        if pressed(&shortcut(Modifiers::COMMAND, Key::N)) {
            self.queue(Command::New);
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.queue(Command::OpenPath(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Guarded::Close);
        }
    }

    fn export_to(&mut self, purpose: DialogPurpose, path: &std::path::Path) {
        let result = match &self.computed {
            Ok(computed) => files::export(purpose, computed, &self.session, &self.display_name()),
            Err(e) => Err(e.to_string()),
        };
        let written = result.and_then(|bytes| {
            crate::scenario_io::write_atomically(path, &bytes).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => {
                let text = fill(
                    self.strings().app.exported,
                    &[("path", &path.display().to_string())],
                );
                self.set_info(text);
            }
            Err(e) => {
                let text = fill(self.strings().app.export_failed, &[("error", &e)]);
                self.set_error(text);
            }
        }
    }

    /// Saves the site as a region preset; if a user preset of that id exists, asks first
    /// unless `replace` (the user already agreed).
    fn save_region_preset(&mut self, name: &str, replace: bool) {
        let lang = self.session.lang();
        let built = files::region_preset_from_site(
            lang,
            &self.session.doc,
            &self.computed,
            &self.library,
            name,
        );
        let prompt = PresetPrompt::Region(name.to_string());
        let result = built.and_then(|preset| {
            self.write_preset(
                prompt,
                crate::presets::PresetKind::Region,
                &preset.id,
                &preset,
                replace,
            )
        });
        self.finish_preset_save(result);
    }

    fn save_miner_preset(&mut self, index: usize, name: &str, replace: bool) {
        let lang = self.session.lang();
        let built =
            files::miner_preset_from_fleet(lang, &self.session.doc, &self.computed, index, name);
        let prompt = PresetPrompt::Miner(index, name.to_string());
        let result = built.and_then(|preset| {
            self.write_preset(
                prompt,
                crate::presets::PresetKind::Miner,
                &preset.id,
                &preset,
                replace,
            )
        });
        let id = match &result {
            Ok(Some((id, _))) => Some(id.clone()),
            _ => None,
        };
        self.finish_preset_save(result);
        if let (Some(id), Some(entry)) = (id, self.session.doc.fleet.get_mut(index)) {
            // The fleet now refers to the saved preset, with nothing overridden.
            if self.library.miner(&id).is_some() {
                entry.miner = Some(id);
                entry.name = None;
                entry.hashrate_ths = None;
                entry.power_w = None;
            }
        }
    }

    /// Writes a user preset, or (`Ok(None)`) asks whether to replace the one already there.
    fn write_preset<T: Serialize>(
        &mut self,
        prompt: PresetPrompt,
        kind: crate::presets::PresetKind,
        id: &str,
        preset: &T,
        replace: bool,
    ) -> Result<Option<(String, PathBuf)>, String> {
        let lang = self.session.lang();
        let path = files::user_preset_path(lang, self.presets_folder.as_deref(), kind, id)?;
        // `symlink_metadata`: a dangling link there is a file too.
        if !replace && std::fs::symlink_metadata(&path).is_ok() {
            self.replace_preset = Some(ReplacePreset {
                prompt,
                id: id.to_string(),
                path,
            });
            return Ok(None);
        }
        files::write_user_preset(&path, preset)?;
        Ok(Some((id.to_string(), path)))
    }

    fn finish_preset_save(&mut self, result: Result<Option<(String, PathBuf)>, String>) {
        match result {
            // Waiting for the answer to "Replace?".
            Ok(None) => {}
            Ok(Some((id, path))) => {
                self.library = PresetLibrary::with_user_folder(self.presets_folder.as_deref());
                self.recompute();
                let text = fill(
                    self.strings().app.preset_saved,
                    &[("id", &id), ("path", &path.display().to_string())],
                );
                self.set_info(text);
            }
            Err(e) => {
                let text = fill(self.strings().app.save_failed, &[("error", &e)]);
                self.set_error(text);
            }
        }
    }

    /// Draws one frame. Separate from `eframe::App::ui` so tests can drive it.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            // Fonts apply from the next pass: draw nothing until then.
            install_fonts(&ctx);
            self.fonts_installed = true;
            ctx.request_discard("the CJK font was installed");
            ctx.request_repaint();
            return;
        }
        self.handle_dialog_replies();
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);
        self.handle_close_request(&ctx);

        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        if self.banner.is_some() || self.path_field.is_some() {
            egui::Panel::top("banner").show(ui, |ui| self.banner_ui(ui));
        }
        egui::Panel::left("inputs")
            .resizable(true)
            .default_size(380.0)
            .min_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| inputs::inputs_ui(self, ui));
            });
        egui::CentralPanel::default().show(ui, |ui| {
            results::results_ui(self, ui);
            ui.separator();
            charts::charts_ui(self, ui);
        });
        self.dialogs_ui(&ctx);

        self.apply_commands(&ctx);
        self.recompute_if_changed();
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

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let s = &self.strings().app;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(s.menu_file, |ui| {
                if ui
                    .add(egui::Button::new(s.menu_new).shortcut_text("Ctrl+N"))
                    .clicked()
                {
                    self.queue(Command::New);
                }
                if ui
                    .add(egui::Button::new(s.menu_open).shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.queue(Command::Open);
                }
                if ui.button(s.menu_open_path).clicked() {
                    self.path_field = Some(PathField {
                        purpose: DialogPurpose::Open,
                        text: String::new(),
                        no_dialog: false,
                    });
                }
                ui.menu_button(s.menu_recent, |ui| {
                    if self.session.recent.is_empty() {
                        ui.label(s.menu_no_recent);
                    }
                    for path in self.session.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.queue(Command::OpenPath(path));
                        }
                    }
                });
                ui.menu_button(s.menu_examples, |ui| {
                    let examples: Vec<(String, String)> = self
                        .library
                        .scenarios()
                        .map(|e| (e.id.clone(), e.doc.name_in(self.session.lang()).to_string()))
                        .collect();
                    for (id, name) in examples {
                        if ui.button(name).clicked() {
                            self.queue(Command::OpenExample(id));
                        }
                    }
                });
                ui.separator();
                if ui
                    .add(egui::Button::new(s.menu_save).shortcut_text("Ctrl+S"))
                    .clicked()
                {
                    self.queue(Command::Save);
                }
                if ui
                    .add(egui::Button::new(s.menu_save_as).shortcut_text("Ctrl+Shift+S"))
                    .clicked()
                {
                    self.queue(Command::SaveAs);
                }
                ui.separator();
                ui.menu_button(s.menu_export, |ui| {
                    for (label, format) in [
                        (s.menu_export_results_csv, files::ResultsFormat::Csv),
                        (
                            s.menu_export_results_markdown,
                            files::ResultsFormat::Markdown,
                        ),
                        (s.menu_export_results_json, files::ResultsFormat::Json),
                    ] {
                        if ui.button(label).clicked() {
                            self.queue(Command::ExportResults(format));
                        }
                    }
                });
                ui.separator();
                if ui.button(s.menu_quit).clicked() {
                    self.queue(Command::Quit);
                }
            });
            ui.menu_button(s.menu_view, |ui| {
                ui.label(s.theme_label);
                let before = self.session.theme;
                ui.radio_value(&mut self.session.theme, ThemeChoice::System, s.theme_system);
                ui.radio_value(&mut self.session.theme, ThemeChoice::Light, s.theme_light);
                ui.radio_value(&mut self.session.theme, ThemeChoice::Dark, s.theme_dark);
                if self.session.theme != before {
                    self.apply_theme(ui.ctx());
                }
            });
            self.language_menu_ui(ui);
            ui.separator();
            ui.label(egui::RichText::new(s.tagline).weak());
        });
    }

    /// The language menu, named in both languages so either reader finds it.
    fn language_menu_ui(&mut self, ui: &mut egui::Ui) {
        let s = &self.strings().files;
        let title = if self.session.lang() == Lang::En {
            format!("{} · 语言", s.menu_language)
        } else {
            format!("{} · Language", s.menu_language)
        };
        ui.menu_button(title, |ui| {
            let system = fill(
                s.lang_system,
                &[("language", i18n::system_lang().native_name())],
            );
            ui.radio_value(&mut self.session.language, LangChoice::System, system);
            for lang in Lang::ALL {
                ui.radio_value(
                    &mut self.session.language,
                    LangChoice::Fixed(lang),
                    lang.native_name(),
                );
            }
        });
    }

    fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let s = &self.strings().app;
        if let Some(banner) = self.banner.clone() {
            ui.horizontal(|ui| {
                let color = if banner.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().hyperlink_color
                };
                ui.add(egui::Label::new(egui::RichText::new(&banner.text).color(color)).wrap());
                if ui.button(s.dismiss).clicked() {
                    self.banner = None;
                }
            });
        }
        if let Some(mut field) = self.path_field.take() {
            let mut keep = true;
            ui.horizontal(|ui| {
                if field.no_dialog {
                    ui.label(s.path_field_no_dialog);
                }
                let label = ui.label(match field.purpose {
                    DialogPurpose::Open => s.path_field_open,
                    DialogPurpose::SaveAs => s.path_field_save,
                    _ => s.path_field_export,
                });
                let edit = ui.add(
                    egui::TextEdit::singleline(&mut field.text)
                        .hint_text(s.path_field_hint)
                        .desired_width(420.0),
                );
                let edit = edit.labelled_by(label.id);
                let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if (ui.button(s.ok).clicked() || entered) && !field.text.trim().is_empty() {
                    let path = PathBuf::from(field.text.trim());
                    self.queue(match field.purpose {
                        DialogPurpose::Open => Command::OpenPath(path),
                        DialogPurpose::SaveAs => Command::SaveTo(path),
                        purpose => Command::ExportTo(purpose, path),
                    });
                    keep = false;
                }
                if ui.button(s.cancel).clicked() {
                    keep = false;
                }
            });
            if keep {
                self.path_field = Some(field);
            }
        }
    }

    /// Modal prompts: unsaved changes, preset names.
    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let s = &self.strings().app;
        if let Some(action) = self.confirm.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading(s.unsaved_title);
                ui.label(fill(s.unsaved_body, &[("name", &self.display_name())]));
                ui.horizontal(|ui| {
                    if ui.button(s.unsaved_save).clicked() {
                        answer = Some(0);
                    }
                    if ui.button(s.unsaved_discard).clicked() {
                        answer = Some(1);
                    }
                    if ui.button(s.cancel).clicked() {
                        answer = Some(2);
                    }
                });
            });
            match answer {
                Some(0) => {
                    self.confirm = None;
                    self.after_save = Some(action);
                    self.queue(Command::Save);
                }
                Some(1) => {
                    self.confirm = None;
                    self.perform(action, ctx);
                }
                Some(_) => self.confirm = None,
                None => {}
            }
        }
        if let Some(pending) = self.replace_preset.clone() {
            let mut answer = None;
            egui::Modal::new(egui::Id::unique("replace-preset")).show(ctx, |ui| {
                ui.heading(s.preset_replace_title);
                ui.label(fill(
                    s.preset_replace_body,
                    &[
                        ("id", &pending.id),
                        ("path", &pending.path.display().to_string()),
                    ],
                ));
                ui.horizontal(|ui| {
                    if ui.button(s.preset_replace).clicked() {
                        answer = Some(true);
                    }
                    if ui.button(s.cancel).clicked() {
                        answer = Some(false);
                    }
                });
            });
            if let Some(replace) = answer {
                self.replace_preset = None;
                if replace {
                    self.queue(Command::ReplacePreset(pending.prompt));
                }
            }
        }
        if let Some(prompt) = self.preset_prompt.clone() {
            let mut name = match &prompt {
                PresetPrompt::Region(n) | PresetPrompt::Miner(_, n) => n.clone(),
            };
            let mut close = false;
            egui::Modal::new(egui::Id::unique("preset-name")).show(ctx, |ui| {
                ui.heading(match prompt {
                    PresetPrompt::Region(_) => s.save_region_preset,
                    PresetPrompt::Miner(..) => s.save_miner_preset,
                });
                ui.horizontal(|ui| {
                    let label = ui.label(s.preset_name);
                    ui.add(egui::TextEdit::singleline(&mut name))
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let valid = !name.trim().is_empty();
                    if ui
                        .add_enabled(valid, egui::Button::new(s.preset_save))
                        .clicked()
                    {
                        self.queue(match prompt {
                            PresetPrompt::Region(_) => {
                                Command::SaveRegionPreset(name.trim().to_string())
                            }
                            PresetPrompt::Miner(i, _) => {
                                Command::SaveMinerPreset(i, name.trim().to_string())
                            }
                        });
                        close = true;
                    }
                    if ui.button(s.cancel).clicked() {
                        close = true;
                    }
                });
            });
            self.preset_prompt = if close {
                None
            } else {
                Some(match prompt {
                    PresetPrompt::Region(_) => PresetPrompt::Region(name),
                    PresetPrompt::Miner(i, _) => PresetPrompt::Miner(i, name),
                })
            };
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.session);
    }
}
