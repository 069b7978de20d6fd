//! The app's state: the session, the presets, what is computed from them, the views' own state
//! and the background jobs. Panels read it; commands change it (`apply.rs`).

use super::Banner;
use super::Command;
use super::CommandSender;
use super::Guarded;
use super::PathField;
use super::Pinned;
use super::PresetPrompt;
use super::ReplaceOnDisk;
use super::ReplacePreset;
use super::Session;
use super::ThemeChoice;
use super::derived;
use super::dispatch::DispatchView;
use super::files::DialogReply;
use super::files::Dialogs;
use super::history::HistoryState;
use super::job;
use super::map::MapViews;
use super::market_update::MarketUpdate;
use super::network_history;
use super::projection_mc;
use super::saved_session;
use super::sharing::SharingState;
use super::theme;
use super::undo;
use super::workspace;
use crate::chart_data::Computed;
use crate::i18n;
use crate::i18n::Lang;
use crate::i18n::Localized;
use crate::i18n::Strings;
use crate::i18n::fill;
use crate::presets::PresetLibrary;
use crate::resolve::ResolveError;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc;

pub struct App {
    pub session: Session,
    pub library: PresetLibrary,
    /// This machine's presets (built in and the presets folder), without the open scenario's
    /// own: what opening, importing and the notice of a differing preset compare with.
    /// `library` is this with the scenario's own presets in place.
    pub machine_library: PresetLibrary,
    /// The scenario presets `library` holds, and the `library_generation` it was made at (a
    /// reload of `library` elsewhere makes it this machine's anew).
    pub(super) merged_presets: crate::preset_types::EmbeddedPresets,
    pub(super) merged_generation: u64,
    /// The figures for `computed_for`.
    pub computed: Result<Computed, ResolveError>,
    /// Undo and redo of `session.doc`; not part of the session, so never saved with it.
    pub undo: undo::UndoHistory,
    pub(super) computed_for: ScenarioDoc,
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
    pub map_view: MapViews,
    /// The History and Backtest views' choices (for this run of the app).
    pub history_view: HistoryState,
    /// The Projection tab's Monte Carlo run (on its own thread).
    pub monte_carlo: projection_mc::McJob,
    /// What the views derive beyond `computed`, computed once per change.
    pub derived: derived::Derived,
    /// The Dispatch tab's series and dispatch (for this run of the app).
    pub dispatch: DispatchView,
    /// Bumped whenever `computed` is recomputed (the document, the language or the library
    /// changed): the key of everything derived from it.
    pub doc_generation: u64,
    /// Bumped whenever the pinned scenarios change.
    pub pinned_generation: u64,
    pub(super) pinned_for: Vec<Pinned>,
    /// Bumped whenever the preset library is reloaded.
    pub library_generation: u64,
    /// The user's presets folder (saved presets go there; tests point it at a temp folder).
    pub presets_folder: Option<PathBuf>,
    /// Market → Update from the internet, under way or not.
    pub market_update: MarketUpdate,
    /// The network history's trailing figures and newest month, read when it changes.
    pub history_summary: network_history::HistorySummary,
    /// Preset import and export, and a scenario pasted as text.
    pub sharing: SharingState,
    pub(super) commands: CommandSender,
    pub(super) command_rx: mpsc::Receiver<Command>,
    /// Every command applied, in order (tests check what a click or a key did).
    #[cfg(test)]
    pub applied: Vec<Command>,
    /// An action to carry out once a save completes.
    pub(super) after_save: Option<Guarded>,
    pub(super) allow_close: bool,
    /// The title last sent to the window, so it is only sent when it changes.
    pub(super) shown_title: String,
    /// The language the chart data's names were computed in.
    pub(super) computed_lang: Lang,
    /// Whether the CJK font is in egui's fonts (eframe installs it before the first frame;
    /// a test harness, on the first frame).
    pub(super) fonts_installed: bool,
    /// Frames drawn so far (the first one is timed when asked).
    pub(super) frames: u64,
    pub(super) dialogs: Box<dyn Dialogs>,
    /// The file dialogs asked for and not yet answered, oldest first.
    pub(super) open_dialogs: Vec<job::Job<DialogReply>>,
    /// The start page is shown (on the first start, and from View → Start page).
    pub start_page_open: bool,
    /// The folder of `session.ron` (None in tests, and where the system names no data folder:
    /// then eframe's storage keeps the session).
    pub session_dir: Option<PathBuf>,
    /// The session text last written, so an unchanged session is not written again.
    pub(super) session_written: String,
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
        theme::install_fonts(&cc.egui_ctx);
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
        let undo = undo::UndoHistory::default();
        let presets_folder = crate::user_presets_folder();
        let history_summary = network_history::HistorySummary::load(presets_folder.as_deref());
        App {
            session,
            library,
            machine_library,
            merged_presets,
            merged_generation: 0,
            computed,
            undo,
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
    pub(super) fn export_title(&self) -> String {
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
    pub(super) fn recompute(&mut self) {
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

    pub(super) fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.session.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
    }
}
