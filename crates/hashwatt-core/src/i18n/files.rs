//! Words about files, the saved session and the language: what the app says when it reads or
//! moves a file for the user.

#[derive(serde::Serialize)]
pub struct FileStrings {
    /// "{migration}. Save to keep the file in the new format." `{migration}` names the file and
    /// both versions.
    pub migrated: &'static str,
    /// "The saved session could not be read ({error}). It was moved to {path} and the app
    /// started with defaults."
    pub session_set_aside: &'static str,
    pub menu_language: &'static str,
    /// "System ({language})": follow the system's language.
    pub lang_system: &'static str,
    /// "{path}: migrated from format version {from} to {to}{changes}; saving writes version {to}".
    pub migration: &'static str,
    /// " ({changes})": the fields renamed, after the versions.
    pub migration_changes: &'static str,
    /// Before a note on the command line's stderr.
    pub note_prefix: &'static str,
    /// File dialog filters.
    pub filter_scenario: &'static str,
    pub filter_png: &'static str,
    pub filter_svg: &'static str,
}

pub const EN: FileStrings = FileStrings {
    migrated: "{migration}. Save to keep the file in the new format.",
    session_set_aside: "The saved session could not be read ({error}). It was moved to {path} and the app started with defaults.",
    menu_language: "Language",
    lang_system: "System ({language})",
    migration: "{path}: migrated from format version {from} to {to}{changes}; saving writes version {to}",
    migration_changes: " ({changes})",
    note_prefix: "note: ",
    filter_scenario: "hashwatt scenario",
    filter_png: "PNG image",
    filter_svg: "SVG image",
};

/// Simplified Chinese.
pub const ZH: FileStrings = FileStrings {
    migrated: "{migration}。保存后文件即为新格式。",
    session_set_aside: "无法读取上次保存的会话（{error}）。该文件已移至 {path}，程序以默认设置启动。",
    menu_language: "语言",
    lang_system: "跟随系统（{language}）",
    migration: "{path}：已从格式版本 {from} 迁移到 {to}{changes}；保存时将写为版本 {to}",
    migration_changes: "（{changes}）",
    note_prefix: "提示：",
    filter_scenario: "hashwatt 情景文件",
    filter_png: "PNG 图像",
    filter_svg: "SVG 图像",
};
