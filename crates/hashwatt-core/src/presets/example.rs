//! An example scenario shipped with the app, and where any preset came from.

use crate::scenario_file::ScenarioDoc;
use std::path::PathBuf;

/// An example scenario shipped with the app.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioPreset {
    /// The file's stem, e.g. `texas-s21`.
    pub id: String,
    pub path: String,
    pub doc: ScenarioDoc,
}

/// Where a preset came from.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    BuiltIn,
    UserFile(PathBuf),
}
