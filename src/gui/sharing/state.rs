//! What the sharing menus and windows ask for, and what they hold while open.

use crate::presets::any::Difference;
use crate::presets::import::OnConflict;
use crate::presets::{AnyPreset, PresetKind};
use std::path::PathBuf;

/// What the sharing menus and windows ask for.
#[derive(Clone, Debug, PartialEq)]
pub enum SharingCommand {
    /// Edit → Copy scenario as text.
    CopyAsText,
    /// Edit → Paste scenario: ask for the clipboard's text.
    PasteScenario,
    /// File → Import presets…: ask for a file.
    ImportPresets,
    /// Import the presets of this file (a dialog's answer, or a file dropped on the window).
    ImportPath(PathBuf),
    /// The answer to the conflict window: a choice for every conflict, or cancel (`None`).
    AnswerImport(Option<OnConflict>),
    /// File → Export presets…: show the checklist.
    ExportPresets,
    /// Tick or untick a preset in the checklist.
    ToggleExport(PresetKind, String),
    /// Ask where to write the pack of the ticked presets.
    ExportChosen,
    /// Write the pack of the ticked presets here.
    ExportPath(PathBuf),
    CloseExport,
    /// File → Open presets folder.
    OpenPresetsFolder,
}

/// An import waiting for the user's choice on its conflicts.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub path: PathBuf,
    pub incoming: Vec<AnyPreset>,
    /// Each preset whose id is taken by a different one here, with their differences.
    pub conflicts: Vec<(PresetKind, String, Vec<Difference>)>,
}

/// The sharing windows' state.
#[derive(Debug, Default)]
pub struct SharingState {
    /// Paste scenario asked for the clipboard; its text comes as a paste event.
    pub awaiting_paste: bool,
    pub pending_import: Option<PendingImport>,
    /// The export checklist, while shown: the ticked presets.
    pub export_choice: Option<Vec<(PresetKind, String)>>,
    /// Folders File → Open presets folder opened (tests check it; nothing is launched there).
    #[cfg(test)]
    pub opened_folders: Vec<PathBuf>,
}
