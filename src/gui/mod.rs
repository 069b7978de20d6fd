//! The desktop app: inputs on the left, results and charts in the middle. A layer over the engine
//! and the chart-data module; it draws what they compute and turns clicks into commands, which
//! are applied after the frame is drawn.

mod charts;
mod compare;
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
#[cfg(test)]
mod layout_tests;
mod map;
pub mod market_update;
mod network;
pub mod network_history;
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
mod session_file;
mod sharing;
mod tariff_editor;
#[cfg(test)]
mod tariff_editor_tests;
mod theme;
mod undo;
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

/// The chart shown in the central area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// The network month by month since 2010 (Cambridge's method), hashprice, halvings.
    History,
    /// The scenario's fleet run through real months of the history.
    Backtest,
    /// The fleet hour by hour against a price series or a time-of-use tariff.
    Dispatch,
    /// The world: every country's grid, demand beside Bitcoin's, where Bitcoin is mined, and
    /// what this fleet would earn in each region.
    Map,
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
    /// The workspace shown (Site, Where, Network) and the view each had open.
    pub workspace: workspace::Workspace,
    pub open_views: workspace::OpenViews,
    /// Every result card rather than the four a miner decides by.
    pub all_figures: bool,
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
    /// The market API addresses the user agreed may be asked, the last agreed first.
    pub market_api_allowed: Vec<String>,
    /// `path` as this window last read or wrote it, to tell a change by another window.
    pub disk_stamp: Option<DiskStamp>,
}

/// A file's modification time and size, as a save compares them before replacing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskStamp {
    pub modified_ns: u64,
    pub bytes: u64,
}

impl DiskStamp {
    /// The file's stamp now; `None` when it is not there.
    pub fn of(path: &std::path::Path) -> Option<DiskStamp> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta.modified().ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(DiskStamp {
            modified_ns: u64::try_from(since.as_nanos()).unwrap_or(u64::MAX),
            bytes: meta.len(),
        })
    }
}

/// A save or an export waiting for the user's word to replace a file.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplaceOnDisk {
    pub path: PathBuf,
    pub why: OnDisk,
    /// What to do once agreed: save the scenario, or write this export.
    pub export: Option<DialogPurpose>,
}

/// Whether a write went ahead, or waits for the user's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Written {
    Yes,
    No,
}

/// Why a file is not simply replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDisk {
    /// Another window or program wrote it since this window read or saved it.
    ChangedSince,
    /// Its owner made it read-only.
    ReadOnly,
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
    /// The scenario's own name (or its file's name).
    pub name: String,
    pub doc: ScenarioDoc,
    /// The name the user gave the pin; None: named by region and fleet (`compare::pin_name`).
    #[serde(default)]
    pub title: Option<String>,
    /// The file it was added from.
    #[serde(default)]
    pub path: Option<PathBuf>,
}

/// How many files the recent list keeps.
const RECENT_FILES: usize = 8;

/// What the user asked for, applied after the frame is drawn. Panels only read the app while
/// they draw; every change they ask for is one of these, sent through the [`CommandSender`].
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
    /// Take the scenario document one step back.
    Undo,
    /// Take it one step forward again, after an undo.
    Redo,
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
    /// Add a scenario file to the comparison.
    PinFile(PathBuf),
    /// Add the current scenario to the comparison.
    PinCurrent,
    /// Remove the pinned scenario at this index.
    Unpin(usize),
    /// Give the pinned scenario at this index a name (empty: back to region and fleet).
    RenamePinned(usize, String),
    ClearPinned,
    SetTab(Tab),
    SetTheme(ThemeChoice),
    SetLanguage(LangChoice),
    SetRegionMetric(RegionMetric),
    /// What "Where should this fleet go?" ranks by, and its intensity filter.
    SetRanking {
        by: crate::compare::RankBy,
        max_intensity_g_per_kwh: Option<f64>,
    },
    SetSensitivity(crate::chart_data::sensitivity::Settings),
    SetNetworkView(crate::network_data::ViewSettings),
    SetWorkspace(workspace::Workspace),
    /// A door of the start page: its example, its workspace and view.
    OpenDoor(workspace::Door),
    ShowStartPage,
    CloseStartPage,
    /// Every result card, or only the summary strip.
    ShowAllFigures(bool),
    SetMapView(map::MapSettings),
    SetHistoryView(history::HistoryState),
    /// Show the in-app path field (File ▸ Open path…).
    ShowPathField(DialogPurpose),
    /// What the user did in the path field.
    AnswerPathField(PathFieldAnswer),
    DismissBanner,
    /// The answer to "Save the changes?".
    AnswerUnsaved(UnsavedAnswer),
    /// The answer to "Replace the preset?": replace, or keep the file.
    AnswerReplace(bool),
    /// The answer to "Replace the file on disk?": replace, save under another name, or keep
    /// it (None).
    AnswerReplaceOnDisk(Option<bool>),
    /// Market → Update from the internet: a step of it.
    MarketUpdate(market_update::Action),
    /// What the Dispatch tab asks for.
    Dispatch(dispatch::DispatchCommand),
    /// Presets and scenarios that travel: import, export, copy and paste.
    Sharing(sharing::SharingCommand),
}

/// The buttons of the unsaved-changes prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedAnswer {
    Save,
    Discard,
    Cancel,
}

/// Where panels send their commands while a frame is drawn (a panel holds only `&App`); the
/// app applies them, in order, once the frame is drawn.
#[derive(Clone, Debug)]
pub struct CommandSender(mpsc::Sender<Command>);

impl CommandSender {
    pub fn send(&self, command: Command) {
        // The receiver lives in the app, as long as any sender: sending cannot fail.
        let _ = self.0.send(command);
    }
}

/// Every keyboard shortcut and its command: the shortcut handler and the menu both read this
/// table, so the menu always names the keys that do the same thing. Ctrl+Shift+S comes before
/// Ctrl+S, and Ctrl+Shift+Z before Ctrl+Z, which would match them too.
pub static SHORTCUTS: [(Command, egui::KeyboardShortcut); 7] = {
    use egui::{Key, KeyboardShortcut, Modifiers};
    [
        (
            Command::SaveAs,
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S),
        ),
        (
            Command::Save,
            KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
        ),
        (
            Command::Open,
            KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
        ),
        (
            Command::New,
            KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
        ),
        (
            Command::Redo,
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z),
        ),
        (
            Command::Undo,
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
        ),
        (
            Command::Sharing(sharing::SharingCommand::PasteScenario),
            KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::V),
        ),
    ]
};

/// The shortcut of a command, if it has one.
pub fn shortcut_of(command: &Command) -> Option<egui::KeyboardShortcut> {
    SHORTCUTS
        .iter()
        .find(|(c, _)| c == command)
        .map(|(_, shortcut)| *shortcut)
}

/// An action that would drop unsaved changes, waiting for the user's answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Guarded {
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample(String),
    /// Open a scenario pasted as text.
    OpenText(String),
    Close,
}

/// A message over the top of the window, said in both languages so that a switch of language
/// redraws it.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    texts: [String; 2],
    pub error: bool,
    /// When the banner was first drawn (egui's clock, seconds): a message fades after
    /// [`BANNER_SECONDS`]; an error stays until dismissed.
    pub shown_at: Option<f64>,
}

/// How long a message (saved, exported…) stays over the window, seconds.
pub const BANNER_SECONDS: f64 = 6.0;

impl Banner {
    pub fn new(error: bool, say: impl Fn(Lang) -> String) -> Banner {
        Banner {
            texts: [say(Lang::En), say(Lang::Zh)],
            error,
            shown_at: None,
        }
    }

    /// Whether a message has been shown long enough at `now` (errors never expire).
    pub fn expired(&self, now: f64) -> bool {
        !self.error && self.shown_at.is_some_and(|t| now - t >= BANNER_SECONDS)
    }

    pub fn text(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.texts[0],
            Lang::Zh => &self.texts[1],
        }
    }
}

/// A banner as the window shows it now (for tests).
#[cfg(test)]
#[derive(Clone, Debug, PartialEq)]
pub struct ShownBanner {
    pub text: String,
    pub error: bool,
}

pub use path_field::{PathField, PathFieldAnswer};

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
    pub map_view: map::MapSettings,
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
    dialog_tx: mpsc::Sender<DialogReply>,
    dialog_rx: mpsc::Receiver<DialogReply>,
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
        let (dialog_tx, dialog_rx) = mpsc::channel();
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
        let history = undo::History::starting_at(&session.doc);
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
            dialog_tx,
            dialog_rx,
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
                map_view: &self.map_view,
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

    /// Shows an error over the window, in the language of the moment (and redrawn in the other
    /// after a switch).
    pub fn set_error(&mut self, say: impl Fn(Lang) -> String) {
        self.banner = Some(Banner::new(true, say));
    }

    /// Shows a message (saved, exported…) over the window.
    pub fn set_info(&mut self, say: impl Fn(Lang) -> String) {
        self.banner = Some(Banner::new(false, say));
    }

    #[cfg(test)]
    pub fn shown_banner(&self) -> Option<ShownBanner> {
        self.banner.as_ref().map(|b| ShownBanner {
            text: b.text(self.session.lang()).to_string(),
            error: b.error,
        })
    }

    /// Writes `session.ron` atomically when the session changed since the last write; a
    /// failure is said once in the banner and the session stays as it is here.
    pub fn save_session_file(&mut self, dir: &std::path::Path) {
        let text = session_file::text(&self.session);
        if text == self.session_written {
            return;
        }
        match session_file::save(dir, &text) {
            Ok(()) => self.session_written = text,
            Err(e) => {
                // Not tried again until the session changes, so the banner is said once.
                self.session_written = text;
                self.set_error(|lang| {
                    fill(
                        i18n::strings(lang).files.session_not_saved,
                        &[("error", &e.localized(lang))],
                    )
                });
            }
        }
    }

    /// Says that the saved session could not be read and where it was moved.
    pub fn report_set_aside(&mut self, aside: &saved_session::SetAside) {
        self.set_error(|lang| {
            fill(
                i18n::strings(lang).files.session_set_aside,
                &[
                    ("error", &aside.error.localized(lang)),
                    ("path", &aside.moved_to.display().to_string()),
                ],
            )
        });
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
                self.session.doc = self.history_summary.new_document();
                self.session.saved_doc = self.history_summary.new_document();
                self.session.path = None;
                self.banner = None;
                self.start_history();
            }
            Guarded::Open => self.ask_path(DialogPurpose::Open, ctx),
            Guarded::OpenPath(path) => {
                self.open_path(&path);
            }
            Guarded::OpenExample(id) => {
                if let Some(example) = self.library.scenario(&id) {
                    self.session.doc = example.doc.clone();
                    self.session.saved_doc = example.doc.clone();
                    self.session.path = None;
                    self.banner = None;
                    self.start_history();
                }
            }
            Guarded::OpenText(text) => {
                sharing::open_text(self, &text);
            }
            Guarded::Close => {
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Starts a fresh undo history at the current document: an undo never brings back the
    /// inputs of the scenario that was open before.
    fn start_history(&mut self) {
        self.history = undo::History::starting_at(&self.session.doc);
    }

    /// Notes the document in the undo history at the end of a frame. A change is its own step
    /// as soon as nothing is under way: no pointer button held (a drag is one step, taken when
    /// released), no text field being typed into (its own Ctrl+Z undoes the typing).
    fn feed_history(&mut self, ctx: &egui::Context) {
        let (time_s, pointer_down) = ctx.input(|i| (i.time, i.pointer.any_down()));
        let settled = !pointer_down && !ctx.text_edit_focused();
        self.history.feed(time_s, &self.session.doc, settled);
    }

    /// Replaces the document by its previous (or next) version in the history.
    fn step_history(&mut self, forward: bool) {
        let doc = &self.session.doc;
        let stepped = if forward {
            self.history.redo(doc)
        } else {
            self.history.undo(doc)
        };
        // Recomputed, and shown as saved or not, from the new document like any other change.
        if let Some(doc) = stepped {
            self.session.doc = doc;
            // A message describes the change just made: once that is undone (or redone over)
            // it no longer holds. An error stays until dismissed.
            if self.banner.as_ref().is_some_and(|b| !b.error) {
                self.banner = None;
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

    /// Opens a scenario file; on any error the current inputs stay exactly as they were, and
    /// the answer is false.
    pub fn open_path(&mut self, path: &std::path::Path) -> bool {
        match crate::resolve::load_scenario_noting(path, &self.machine_library) {
            Ok((doc, _, migration)) => {
                self.session.doc = doc.clone();
                self.session.saved_doc = doc;
                self.session.path = Some(path.to_path_buf());
                self.session.disk_stamp = DiskStamp::of(path);
                self.remember_recent(path);
                self.banner = None;
                self.start_history();
                if let Some(migration) = migration {
                    // Shown as unsaved: the file on disk is still in the old format.
                    self.session.saved_doc.version = migration.from_version;
                    self.set_info(|lang| {
                        fill(
                            i18n::strings(lang).files.migrated,
                            &[("migration", &migration.localized(lang))],
                        )
                    });
                }
                let doc = self.session.doc.clone();
                sharing::note_differing(self, &doc, &path.display().to_string());
                true
            }
            Err(e) => {
                self.set_error(|lang| {
                    fill(
                        i18n::strings(lang).app.open_failed,
                        &[("error", &e.localized(lang))],
                    )
                });
                false
            }
        }
    }

    /// Adds a scenario file to the comparison; a bad file is reported, nothing is added and the
    /// answer is false.
    pub fn pin_file(&mut self, path: &std::path::Path) -> bool {
        if self.session.pinned.len() >= compare::MAX_PINNED {
            return true;
        }
        match crate::resolve::load_scenario(path, &self.machine_library) {
            Ok((doc, _)) => {
                let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
                let name = if doc.name.is_empty() {
                    stem.unwrap_or_default()
                } else {
                    doc.name.clone()
                };
                self.session.pinned.push(Pinned {
                    name,
                    doc,
                    title: None,
                    path: Some(path.to_path_buf()),
                });
                true
            }
            Err(e) => {
                self.set_error(|lang| {
                    fill(
                        i18n::strings(lang).app.open_failed,
                        &[("error", &e.localized(lang))],
                    )
                });
                false
            }
        }
    }

    /// Saves to a path; on failure the inputs stay, unsaved, the banner says why and the
    /// answer is false.
    pub fn save_to(&mut self, path: &std::path::Path, ctx: &egui::Context) -> bool {
        self.write_scenario(path, ctx, false)
    }

    /// Writes `bytes` to `path` atomically. Unless `agreed`, a read-only file is not replaced:
    /// the window asks (the answer then saves the scenario, or writes `export`).
    fn write_or_ask(
        &mut self,
        path: &std::path::Path,
        bytes: &[u8],
        agreed: bool,
        export: Option<DialogPurpose>,
    ) -> Result<Written, crate::file_error::FileError> {
        let written = if agreed {
            crate::file_io::write_atomically_replacing(path, bytes)
        } else {
            crate::file_io::write_atomically(path, bytes)
        };
        match written {
            Ok(()) => Ok(Written::Yes),
            Err(e) if !agreed && *e.problem == crate::problem::Problem::ReadOnly => {
                self.ask_to_replace(path, OnDisk::ReadOnly, export);
                Ok(Written::No)
            }
            Err(e) => Err(e),
        }
    }

    fn ask_to_replace(
        &mut self,
        path: &std::path::Path,
        why: OnDisk,
        export: Option<DialogPurpose>,
    ) {
        self.replace_on_disk = Some(ReplaceOnDisk {
            path: path.to_path_buf(),
            why,
            export,
        });
    }

    /// Whether `path` is the open file and another window or program wrote it since this
    /// window read or saved it (a file since removed is simply written again).
    fn changed_on_disk(&self, path: &std::path::Path) -> bool {
        self.session.path.as_deref() == Some(path)
            && matches!(
                (self.session.disk_stamp, DiskStamp::of(path)),
                (Some(then), Some(now)) if then != now
            )
    }

    /// Saves the scenario; unless `agreed`, a file changed on disk since or made read-only is
    /// not replaced, and the window asks.
    fn write_scenario(
        &mut self,
        path: &std::path::Path,
        ctx: &egui::Context,
        agreed: bool,
    ) -> bool {
        if !agreed && self.changed_on_disk(path) {
            self.ask_to_replace(path, OnDisk::ChangedSince, None);
            return false;
        }
        // The user presets the scenario uses go inside it, so the file opens anywhere.
        let doc = sharing::self_contained(&self.session.doc, &self.library);
        let text = crate::scenario_io::scenario_to_ron(&doc);
        match self.write_or_ask(path, text.as_bytes(), agreed, None) {
            Ok(Written::No) => false,
            Ok(Written::Yes) => {
                self.session.doc = doc.clone();
                self.session.saved_doc = doc;
                self.session.path = Some(path.to_path_buf());
                self.session.disk_stamp = DiskStamp::of(path);
                self.remember_recent(path);
                self.set_info(|lang| {
                    fill(
                        i18n::strings(lang).app.saved,
                        &[("path", &path.display().to_string())],
                    )
                });
                if let Some(next) = self.after_save.take() {
                    self.perform(next, ctx);
                }
                true
            }
            Err(e) => {
                self.after_save = None;
                self.set_error(|lang| {
                    fill(
                        i18n::strings(lang).app.save_failed,
                        &[("error", &e.save_reason(lang))],
                    )
                });
                false
            }
        }
    }

    /// Asks for a path: the native dialog on its own thread, or the in-app field in tests and
    /// where no dialog can be shown.
    fn ask_path(&mut self, purpose: DialogPurpose, ctx: &egui::Context) {
        let start = self.start_folder();
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

    /// Where a file dialog or the path field starts: the open file's folder, else the last
    /// file's, else the home folder.
    fn start_folder(&self) -> Option<PathBuf> {
        let parent = |p: &PathBuf| {
            p.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .map(std::path::Path::to_path_buf)
        };
        self.session
            .path
            .as_ref()
            .and_then(parent)
            .or_else(|| self.session.recent.first().and_then(parent))
            .or_else(path_field::home_folder)
    }

    pub(crate) fn show_path_field(&mut self, purpose: DialogPurpose, no_dialog: bool) {
        let folder = self
            .start_folder()
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let suggested = purpose.suggested_name(&self.display_name());
        self.path_field = Some(PathField::new(purpose, &folder, &suggested, no_dialog));
    }

    /// Goes ahead with the path typed in the path field. A file about to be written over is
    /// named first ("Replace?"); when opening or writing fails the field stays, with its text,
    /// and the banner says why.
    fn answer_path_field(&mut self, answer: PathFieldAnswer, ctx: &egui::Context) {
        let Some(field) = self.path_field.as_mut() else {
            return;
        };
        let replace = match answer {
            PathFieldAnswer::Cancel => {
                self.path_field = None;
                self.after_save = None;
                return;
            }
            PathFieldAnswer::KeepTyping => {
                field.replace = None;
                field.wants_focus = true;
                return;
            }
            PathFieldAnswer::Submit { replace } => replace,
        };
        let purpose = field.purpose;
        let path =
            path_field::typed_path(&field.text, purpose, path_field::home_folder().as_deref());
        field.text = path.display().to_string();
        // `symlink_metadata`: a dangling link there is a file too.
        if purpose.writes() && !replace && std::fs::symlink_metadata(&path).is_ok() {
            field.replace = Some(path);
            return;
        }
        field.replace = None;
        let done = match purpose {
            DialogPurpose::Open if self.is_dirty() => {
                self.confirm = Some(Guarded::OpenPath(path));
                true
            }
            DialogPurpose::Open => self.open_path(&path),
            DialogPurpose::AddToCompare => self.pin_file(&path),
            // Read off the UI thread; the Dispatch tab says how it went.
            DialogPurpose::ImportPrices => {
                self.apply_dispatch(dispatch::DispatchCommand::ImportPath(path), ctx);
                true
            }
            DialogPurpose::SaveAs => self.save_to(&path, ctx),
            DialogPurpose::ImportPresets => {
                sharing::import_path(self, path);
                true
            }
            DialogPurpose::ExportPresets => sharing::export_path(self, &path),
            export => self.export_to(export, &path),
        };
        if done {
            self.path_field = None;
        }
    }

    fn handle_dialog_replies(&mut self) {
        while let Ok(reply) = self.dialog_rx.try_recv() {
            match reply.path {
                Some(path) => match reply.purpose {
                    // The Open dialog is only shown once unsaved changes were dealt with.
                    DialogPurpose::Open => self.queue(Command::LoadPath(path)),
                    DialogPurpose::SaveAs => self.queue(Command::SaveTo(path)),
                    DialogPurpose::AddToCompare => self.queue(Command::PinFile(path)),
                    DialogPurpose::ImportPrices => self.queue(Command::Dispatch(
                        dispatch::DispatchCommand::ImportPath(path),
                    )),
                    DialogPurpose::ImportPresets => {
                        self.queue(Command::Sharing(sharing::SharingCommand::ImportPath(path)))
                    }
                    DialogPurpose::ExportPresets => {
                        self.queue(Command::Sharing(sharing::SharingCommand::ExportPath(path)))
                    }
                    purpose => self.queue(Command::ExportTo(purpose, path)),
                },
                None if reply.unavailable => self.show_path_field(reply.purpose, true),
                None => self.after_save = None,
            }
        }
    }

    /// Applies the commands queued while the frame was drawn; true if there were any. Commands
    /// queued while applying (a save after "Save the changes?") wait for the next frame.
    fn apply_commands(&mut self, ctx: &egui::Context) -> bool {
        let pending: Vec<Command> = self.command_rx.try_iter().collect();
        let any = !pending.is_empty();
        for command in pending {
            #[cfg(test)]
            self.applied.push(command.clone());
            self.apply(command, ctx);
        }
        any
    }

    fn apply(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.guard(Guarded::New, ctx),
            Command::Open => self.guard(Guarded::Open, ctx),
            Command::OpenPath(path) => self.guard(Guarded::OpenPath(path), ctx),
            Command::LoadPath(path) => {
                self.open_path(&path);
            }
            Command::OpenExample(id) => self.guard(Guarded::OpenExample(id), ctx),
            Command::Sharing(command) => sharing::apply(self, command, ctx),
            Command::Save => match self.session.path.clone() {
                Some(path) => {
                    self.save_to(&path, ctx);
                }
                None => self.ask_path(DialogPurpose::SaveAs, ctx),
            },
            Command::SaveAs => self.ask_path(DialogPurpose::SaveAs, ctx),
            Command::SaveTo(path) => {
                self.save_to(&path, ctx);
            }
            Command::Undo => self.step_history(false),
            Command::Redo => self.step_history(true),
            Command::ExportChart(kind, format) => {
                self.ask_path(DialogPurpose::ExportChart(kind, format), ctx)
            }
            Command::ExportResults(format) => {
                self.ask_path(DialogPurpose::ExportResults(format), ctx)
            }
            Command::ExportTo(purpose, path) => {
                self.export_to(purpose, &path);
            }
            // Moving the site (a Regions bar, "Move here") takes the region's power price, as
            // its ranking did; a price the user had set is replaced, and the banner says so.
            Command::SetRegion(id) => {
                // A region without a sourced price keeps the user's own (it has none to give).
                let load = price_info::site_load(self.computed.as_ref().ok());
                let region_price = self
                    .library
                    .region(&id)
                    .and_then(|r| r.price_usd_per_kwh(load));
                let replaced = match region_price {
                    Some(_) => self.session.doc.site.electricity_usd_per_kwh.take(),
                    None => None,
                };
                if let (Some(own), Some(region), Some(price)) =
                    (replaced, self.library.region(&id), region_price)
                {
                    let region = region.clone();
                    self.set_info(|lang| {
                        fill(
                            i18n::strings(lang).app.price_replaced,
                            &[
                                ("own", &crate::format::usd(own)),
                                ("region", region.name_in(lang)),
                                ("price", &crate::format::usd(price)),
                            ],
                        )
                    });
                }
                self.session.doc.site.region = Some(id);
                self.session.doc.site.mix = None;
            }
            Command::SaveRegionPreset(name) => self.save_region_preset(&name, false),
            Command::SaveMinerPreset(index, name) => self.save_miner_preset(index, &name, false),
            Command::ReplacePreset(PresetPrompt::Region(name)) => {
                self.save_region_preset(&name, true)
            }
            Command::ReplacePreset(PresetPrompt::Miner(index, name)) => {
                self.save_miner_preset(index, &name, true)
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::AddToCompare => self.ask_path(DialogPurpose::AddToCompare, ctx),
            Command::PinFile(path) => {
                self.pin_file(&path);
            }
            Command::PinCurrent => {
                if self.session.pinned.len() < compare::MAX_PINNED {
                    let name = self.display_name();
                    let doc = self.session.doc.clone();
                    self.session.pinned.push(Pinned {
                        name,
                        doc,
                        title: None,
                        // The file only while the pin is what it holds.
                        path: self.session.path.clone().filter(|_| !self.is_dirty()),
                    });
                }
            }
            Command::RenamePinned(index, title) => {
                if let Some(pinned) = self.session.pinned.get_mut(index) {
                    let title = title.trim();
                    pinned.title = (!title.is_empty()).then(|| title.to_string());
                }
            }
            Command::Unpin(index) => {
                if index < self.session.pinned.len() {
                    self.session.pinned.remove(index);
                }
            }
            Command::ClearPinned => self.session.pinned.clear(),
            Command::SetTab(tab) => {
                self.session.tab = tab;
                self.session.open_views.set(self.session.workspace, tab);
            }
            Command::SetWorkspace(workspace) => {
                let s = &mut self.session;
                s.open_views.set(s.workspace, s.tab);
                s.workspace = workspace;
                s.tab = s.open_views.get(workspace);
                self.start_page_open = false;
            }
            Command::OpenDoor(door) => {
                if let Some(id) = door.example() {
                    self.queue(Command::OpenExample(id.to_string()));
                }
                // "Where should I mine?" ranks by what the fleet needs to break even.
                if door == workspace::Door::Where {
                    self.queue(Command::SetRegionMetric(RegionMetric::BreakEvenBtcPrice));
                }
                let (workspace, tab) = door.opens();
                self.queue(Command::SetWorkspace(workspace));
                self.queue(Command::SetTab(tab));
                self.start_page_open = false;
            }
            Command::ShowStartPage => self.start_page_open = true,
            Command::CloseStartPage => self.start_page_open = false,
            Command::ShowAllFigures(all) => self.session.all_figures = all,
            Command::SetTheme(theme) => {
                self.session.theme = theme;
                self.apply_theme(ctx);
            }
            Command::SetLanguage(choice) => self.session.language = choice,
            Command::SetRegionMetric(metric) => self.session.region_metric = metric,
            Command::SetRanking {
                by,
                max_intensity_g_per_kwh,
            } => {
                self.session.rank_by = by;
                self.session.rank_max_intensity = max_intensity_g_per_kwh;
            }
            Command::SetSensitivity(settings) => self.sensitivity = settings,
            Command::SetNetworkView(view) => self.network_view = view,
            Command::SetMapView(view) => self.map_view = view,
            Command::SetHistoryView(view) => self.history_view = view,
            Command::ShowPathField(purpose) => self.show_path_field(purpose, false),
            Command::AnswerPathField(answer) => self.answer_path_field(answer, ctx),
            Command::Dispatch(command) => self.apply_dispatch(command, ctx),
            Command::DismissBanner => self.banner = None,
            Command::AnswerUnsaved(answer) => {
                if let Some(action) = self.confirm.take() {
                    match answer {
                        UnsavedAnswer::Save => {
                            self.after_save = Some(action);
                            self.queue(Command::Save);
                        }
                        UnsavedAnswer::Discard => {
                            // Closing without saving: the next start opens the scenario as
                            // it was last saved (a new one if it never was), not the
                            // discarded inputs.
                            if matches!(action, Guarded::Close) {
                                self.session.doc = self.session.saved_doc.clone();
                            }
                            self.perform(action, ctx)
                        }
                        UnsavedAnswer::Cancel => {}
                    }
                }
            }
            Command::MarketUpdate(action) => market_update::apply(self, action, ctx),
            Command::AnswerReplaceOnDisk(answer) => self.answer_replace_on_disk(answer, ctx),
            Command::AnswerReplace(replace) => {
                if let Some(pending) = self.replace_preset.take()
                    && replace
                {
                    self.apply(Command::ReplacePreset(pending.prompt), ctx);
                }
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // While a text field is typed into, Ctrl+Z is its own, as everywhere: it takes back
        // the typed text (in a number field, and so the value). The typing, and its undoing,
        // become one step of the document once the field is left.
        let typing = ctx.text_edit_focused();
        for (command, shortcut) in &SHORTCUTS {
            if typing && matches!(command, Command::Undo | Command::Redo) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                self.queue(command.clone());
            }
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
            // A preset file or a pack is imported; anything else is opened as a scenario.
            if sharing::offers_presets(&path) {
                self.queue(Command::Sharing(sharing::SharingCommand::ImportPath(path)));
            } else {
                self.queue(Command::OpenPath(path));
            }
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Guarded::Close);
        }
    }

    /// Writes an export; false (and the banner says why) when it fails.
    /// Carries out the user's answer about a file on disk: replace it, save the scenario
    /// under another name, or leave it (and any action waiting for the save).
    fn answer_replace_on_disk(&mut self, answer: Option<bool>, ctx: &egui::Context) {
        let Some(pending) = self.replace_on_disk.take() else {
            return;
        };
        match (answer, pending.export) {
            (Some(true), None) => {
                self.write_scenario(&pending.path, ctx, true);
            }
            (Some(true), Some(purpose)) => {
                self.write_export(purpose, &pending.path, true);
            }
            (Some(false), None) => self.ask_path(DialogPurpose::SaveAs, ctx),
            (Some(false), Some(purpose)) => self.ask_path(purpose, ctx),
            (None, _) => self.after_save = None,
        }
    }

    fn export_to(&mut self, purpose: DialogPurpose, path: &std::path::Path) -> bool {
        self.write_export(purpose, path, false)
    }

    /// Writes an export; unless `agreed`, a read-only file is not replaced and the window asks.
    fn write_export(
        &mut self,
        purpose: DialogPurpose,
        path: &std::path::Path,
        agreed: bool,
    ) -> bool {
        let result = match &self.computed {
            Ok(computed) => files::export(
                purpose,
                computed,
                &self.session,
                &self.export_title(),
                &files::ExportSources {
                    derived: &self.derived,
                    library: &self.library,
                    dispatch: self.dispatch.outcome().map(|o| &o.curve),
                    history_shows_power: self.history_view.show_power,
                },
            ),
            Err(e) => Err(files::Said::from(e.clone())),
        };
        let written = result.and_then(|bytes| {
            self.write_or_ask(path, &bytes, agreed, Some(purpose))
                .map_err(files::Said::from)
        });
        if matches!(written, Ok(Written::No)) {
            return false;
        }
        let done = written.is_ok();
        match written {
            Ok(_) => self.set_info(|lang| {
                fill(
                    i18n::strings(lang).app.exported,
                    &[("path", &path.display().to_string())],
                )
            }),
            Err(e) => self.set_error(|lang| {
                fill(
                    i18n::strings(lang).app.export_failed,
                    &[("error", &e.in_lang(lang))],
                )
            }),
        }
        done
    }

    /// Saves the site as a region preset; if a user preset of that id exists, asks first
    /// unless `replace` (the user already agreed).
    fn save_region_preset(&mut self, name: &str, replace: bool) {
        let built =
            files::region_preset_from_site(&self.session.doc, &self.computed, &self.library, name);
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
        let built = files::miner_preset_from_fleet(&self.session.doc, &self.computed, index, name);
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
    ) -> Result<Option<(String, PathBuf)>, files::Said> {
        let path = files::user_preset_path(self.presets_folder.as_deref(), kind, id)?;
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

    /// Reads the presets again (the presets folder changed) and recomputes with them.
    fn reload_library(&mut self) {
        self.library = PresetLibrary::with_user_folder(self.presets_folder.as_deref());
        self.library_generation += 1;
        self.recompute();
    }

    /// Puts the open scenario's own presets in `library`, so the pickers and views name them;
    /// a `library` reloaded elsewhere is first taken as this machine's.
    fn merge_scenario_presets(&mut self) {
        let reloaded = self.library_generation != self.merged_generation;
        if reloaded {
            self.machine_library = self.library.clone();
        }
        if reloaded || self.session.doc.presets != self.merged_presets {
            self.library = self
                .machine_library
                .with_embedded(&self.session.doc.presets);
            self.merged_presets = self.session.doc.presets.clone();
            self.library_generation += 1;
            self.merged_generation = self.library_generation;
        }
    }

    fn finish_preset_save(&mut self, result: Result<Option<(String, PathBuf)>, files::Said>) {
        match result {
            // Waiting for the answer to "Replace?".
            Ok(None) => {}
            Ok(Some((id, path))) => {
                self.reload_library();
                self.set_info(|lang| {
                    fill(
                        i18n::strings(lang).app.preset_saved,
                        &[("id", &id), ("path", &path.display().to_string())],
                    )
                });
            }
            Err(e) => self.set_error(|lang| {
                fill(
                    i18n::strings(lang).app.save_failed,
                    &[("error", &e.in_lang(lang))],
                )
            }),
        }
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
        self.feed_history(&ctx);
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
    fn workspace_ui(&mut self, ui: &mut egui::Ui) {
        if self.session.workspace.shows_site() {
            egui::Panel::left("inputs")
                .resizable(true)
                .default_size(380.0)
                .min_size(300.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| inputs::inputs_ui(self, ui));
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.session.workspace.shows_site() {
                // All the cards take at most about two fifths of a short window; the strip one
                // row. The rest is the view's.
                let cards_height = if self.session.all_figures {
                    (ui.available_height() * 0.42).max(170.0)
                } else {
                    ui.available_height()
                };
                egui::ScrollArea::vertical()
                    .id_salt("results")
                    .max_height(cards_height)
                    .show(ui, |ui| results::results_ui(self, ui));
                ui.separator();
            }
            charts::charts_ui(self, ui);
        });
    }

    /// A menu item that sends `command`, showing its shortcut from [`SHORTCUTS`] if it has one.
    fn menu_item(&self, ui: &mut egui::Ui, label: &str, command: Command) {
        self.menu_item_enabled(ui, label, command, true);
    }

    /// A menu item that is greyed out and does nothing unless `enabled`.
    fn menu_item_enabled(&self, ui: &mut egui::Ui, label: &str, command: Command, enabled: bool) {
        let mut button = egui::Button::new(label);
        if let Some(shortcut) = shortcut_of(&command) {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.queue(command);
        }
    }

    fn menu_ui(&self, ui: &mut egui::Ui) {
        let s = &self.strings().app;
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(s.menu_file, |ui| {
                self.menu_item(ui, s.menu_new, Command::New);
                self.menu_item(ui, s.menu_open, Command::Open);
                self.menu_item(
                    ui,
                    s.menu_open_path,
                    Command::ShowPathField(DialogPurpose::Open),
                );
                ui.menu_button(s.menu_recent, |ui| {
                    if self.session.recent.is_empty() {
                        ui.label(s.menu_no_recent);
                    }
                    for path in &self.session.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            self.queue(Command::OpenPath(path.clone()));
                        }
                    }
                });
                ui.menu_button(s.menu_examples, |ui| {
                    for example in self.library.scenarios() {
                        if ui
                            .button(example.doc.name_in(self.session.lang()))
                            .clicked()
                        {
                            self.queue(Command::OpenExample(example.id.clone()));
                        }
                    }
                });
                ui.separator();
                self.menu_item(ui, s.menu_save, Command::Save);
                self.menu_item(ui, s.menu_save_as, Command::SaveAs);
                ui.separator();
                sharing::file_menu_ui(self, ui);
                ui.separator();
                ui.menu_button(s.menu_export, |ui| {
                    for (label, format) in [
                        (s.menu_export_results_csv, files::ResultsFormat::Csv),
                        (
                            s.menu_export_results_markdown,
                            files::ResultsFormat::Markdown,
                        ),
                        (s.menu_export_results_json, files::ResultsFormat::Json),
                        (
                            crate::i18n::strings(self.session.lang())
                                .disclosure
                                .export_report_pdf,
                            files::ResultsFormat::Pdf,
                        ),
                    ] {
                        self.menu_item(ui, label, Command::ExportResults(format));
                    }
                });
                ui.separator();
                self.menu_item(ui, s.menu_quit, Command::Quit);
            });
            ui.menu_button(s.menu_edit, |ui| {
                let doc = &self.session.doc;
                let can_undo = self.history.can_undo(doc);
                let can_redo = self.history.can_redo(doc);
                self.menu_item_enabled(ui, s.menu_undo, Command::Undo, can_undo);
                self.menu_item_enabled(ui, s.menu_redo, Command::Redo, can_redo);
                ui.separator();
                sharing::edit_menu_ui(self, ui);
            });
            let m = &self.strings().market;
            ui.menu_button(m.menu_market, |ui| {
                let update = Command::MarketUpdate(market_update::Action::Start);
                self.menu_item_enabled(ui, m.menu_update, update, self.market_update.is_idle());
                let forget = Command::MarketUpdate(market_update::Action::ForgetHistory);
                let u = &self.strings().update;
                self.menu_item_enabled(ui, u.menu_forget, forget, self.market_update.is_idle());
            });
            ui.menu_button(s.menu_view, |ui| {
                let w = &self.strings().workspace;
                self.menu_item(ui, w.menu_start_page, Command::ShowStartPage);
                ui.separator();
                ui.label(s.theme_label);
                for (theme, label) in [
                    (ThemeChoice::System, s.theme_system),
                    (ThemeChoice::Light, s.theme_light),
                    (ThemeChoice::Dark, s.theme_dark),
                ] {
                    if ui.radio(self.session.theme == theme, label).clicked() {
                        self.queue(Command::SetTheme(theme));
                    }
                }
            });
            self.language_menu_ui(ui);
            ui.separator();
            ui.label(egui::RichText::new(s.tagline).weak());
        });
    }

    /// The language menu, named in both languages so either reader finds it.
    fn language_menu_ui(&self, ui: &mut egui::Ui) {
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
            let choices = std::iter::once((LangChoice::System, system)).chain(
                Lang::ALL
                    .into_iter()
                    .map(|lang| (LangChoice::Fixed(lang), lang.native_name().to_string())),
            );
            for (choice, label) in choices {
                if ui.radio(self.session.language == choice, label).clicked() {
                    self.queue(Command::SetLanguage(choice));
                }
            }
        });
    }

    /// The banner, over the top of the window: it never moves what is under the pointer.
    fn banner_ui(&mut self, ctx: &egui::Context) {
        let lang = self.session.lang();
        let s = &self.strings().app;
        let now = ctx.input(|i| i.time);
        if let Some(banner) = &mut self.banner {
            let shown_at = *banner.shown_at.get_or_insert(now);
            if banner.expired(now) {
                self.banner = None;
            } else if !banner.error {
                // Wake up to take the message away.
                let left = (shown_at + BANNER_SECONDS - now).max(0.0);
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(left));
            }
        }
        let Some(banner) = &self.banner else {
            return;
        };
        let width = (ctx.content_rect().width() * 0.6).clamp(320.0, 900.0);
        egui::Area::new(egui::Id::unique("banner"))
            .order(egui::Order::Foreground)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 30.0))
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.set_max_width(width);
                    ui.horizontal(|ui| {
                        let color = if banner.error {
                            ui.visuals().error_fg_color
                        } else {
                            ui.visuals().hyperlink_color
                        };
                        if ui.button(s.dismiss).clicked() {
                            self.commands.send(Command::DismissBanner);
                        }
                        let text = egui::RichText::new(banner.text(lang)).color(color);
                        ui.add(egui::Label::new(text).wrap());
                    });
                });
            });
    }

    /// Modal prompts: unsaved changes, replacing a preset, preset names. The answers are
    /// commands; the preset-name prompt edits its own text in place.
    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        let s = &self.strings().app;
        if self.confirm.is_some() {
            egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
                ui.heading(s.unsaved_title);
                ui.label(fill(s.unsaved_body, &[("name", &self.display_name())]));
                ui.horizontal(|ui| {
                    for (label, answer) in [
                        (s.unsaved_save, UnsavedAnswer::Save),
                        (s.unsaved_discard, UnsavedAnswer::Discard),
                        (s.cancel, UnsavedAnswer::Cancel),
                    ] {
                        if ui.button(label).clicked() {
                            self.queue(Command::AnswerUnsaved(answer));
                        }
                    }
                });
            });
        }
        if let Some(pending) = &self.replace_on_disk {
            let path = pending.path.display().to_string();
            let (title, body) = match pending.why {
                OnDisk::ChangedSince => (s.disk_changed_title, s.disk_changed_body),
                OnDisk::ReadOnly => (s.disk_read_only_title, s.disk_read_only_body),
            };
            egui::Modal::new(egui::Id::unique("replace-on-disk")).show(ctx, |ui| {
                ui.heading(title);
                ui.add(egui::Label::new(fill(body, &[("path", &path)])).wrap());
                ui.horizontal(|ui| {
                    if ui.button(s.disk_replace).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(Some(true)));
                    }
                    if ui.button(s.disk_save_as).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(Some(false)));
                    }
                    if ui.button(s.cancel).clicked() {
                        self.queue(Command::AnswerReplaceOnDisk(None));
                    }
                });
            });
        }
        if let Some(pending) = &self.replace_preset {
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
                        self.queue(Command::AnswerReplace(true));
                    }
                    if ui.button(s.cancel).clicked() {
                        self.queue(Command::AnswerReplace(false));
                    }
                });
            });
        }
        let App {
            preset_prompt,
            commands,
            ..
        } = self;
        let mut close = false;
        if let Some(prompt) = preset_prompt.as_mut() {
            let (heading, miner, name) = match prompt {
                PresetPrompt::Region(name) => (s.save_region_preset, None, name),
                PresetPrompt::Miner(index, name) => (s.save_miner_preset, Some(*index), name),
            };
            egui::Modal::new(egui::Id::unique("preset-name")).show(ctx, |ui| {
                ui.heading(heading);
                ui.horizontal(|ui| {
                    let label = ui.label(s.preset_name);
                    ui.add(egui::TextEdit::singleline(name))
                        .labelled_by(label.id);
                });
                ui.horizontal(|ui| {
                    let valid = !name.trim().is_empty();
                    if ui
                        .add_enabled(valid, egui::Button::new(s.preset_save))
                        .clicked()
                    {
                        let name = name.trim().to_string();
                        commands.send(match miner {
                            None => Command::SaveRegionPreset(name),
                            Some(index) => Command::SaveMinerPreset(index, name),
                        });
                        close = true;
                    }
                    if ui.button(s.cancel).clicked() {
                        close = true;
                    }
                });
            });
        }
        if close {
            *preset_prompt = None;
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
