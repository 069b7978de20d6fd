//! What the user asks for, applied after the frame is drawn: the commands, their keyboard
//! shortcuts, the actions that first ask about unsaved changes, and the undo history they feed.

use super::LangChoice;
use super::PathFieldAnswer;
use super::PresetPrompt;
use super::Tab;
use super::ThemeChoice;
use super::dispatch::DispatchCommand;
use super::edit;
use super::files;
use super::files::DialogPurpose;
use super::history::HistoryState;
use super::map::MapSettings;
use super::market_update::Action as MarketAction;
use super::sharing::SharingCommand;
use super::workspace;
use crate::chart_data::RegionMetric;
use eframe::egui;
use std::path::PathBuf;
use std::sync::mpsc;

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
    /// A change of the scenario document (every change the window makes is one).
    Edit(edit::Edit),
    /// Take the scenario document one step back.
    Undo,
    /// Take it one step forward again, after an undo.
    Redo,
    ExportChart(crate::export::ChartKind, crate::export::ImageFormat),
    ExportResults(files::ResultsFormat),
    ExportTo(DialogPurpose, PathBuf),
    SetRegion(String),
    /// Ask for the name of a preset to save from the site or a fleet entry.
    AskPresetName(PresetPrompt),
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
    SetMapView(MapSettings),
    SetHistoryView(HistoryState),
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
    MarketUpdate(MarketAction),
    /// What the Dispatch tab asks for.
    Dispatch(DispatchCommand),
    /// Presets and scenarios that travel: import, export, copy and paste.
    Sharing(SharingCommand),
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
pub struct CommandSender(pub(super) mpsc::Sender<Command>);

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
            Command::Sharing(SharingCommand::PasteScenario),
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
