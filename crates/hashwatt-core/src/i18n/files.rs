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
    pub session_not_saved: &'static str,
    pub geometry_set_aside: &'static str,
    pub geometry_size: &'static str,
    pub geometry_position: &'static str,
    pub geometry_scale: &'static str,
    pub geometry_unreadable: &'static str,
    /// Why a saved session was set aside.
    pub session_not_utf8: &'static str,
    pub session_entry: &'static str,
    pub session_egui: &'static str,
    pub session_zoom: &'static str,
    pub session_tessellation: &'static str,
    pub session_not_moved: &'static str,
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
    session_not_saved: "The session could not be saved ({error}); the scenario is still open here.",
    geometry_set_aside: "{what}; it was set aside and the window opens at its usual size and place.",
    geometry_size: "The saved window size {width}×{height} is too small to use",
    geometry_position: "The saved window position ({x}, {y}) is off every screen",
    geometry_scale: "The saved window scale {scale} is not a screen's",
    geometry_unreadable: "The saved window size and position could not be read",
    session_set_aside: "The saved session could not be read ({error}). It was moved to {path} and the app started with defaults.",
    session_not_utf8: "it is not UTF-8 text",
    session_entry: "the session entry: {error}",
    session_egui: "the window's state (egui): {error}",
    session_zoom: "the window's state (egui): the zoom factor {zoom} is not from {min} to {max}",
    session_tessellation: "the window's state (egui): {name} {value} is not a number of 0 or more",
    session_not_moved: "{error}; it could not be moved aside ({why})",
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
    session_not_saved: "无法保存会话（{error}）；此处的情景仍然打开着。",
    geometry_set_aside: "{what}；已将其搁置，窗口以常规大小和位置打开。",
    geometry_size: "上次保存的窗口尺寸 {width}×{height} 太小，无法使用",
    geometry_position: "上次保存的窗口位置 ({x}, {y}) 不在任何屏幕上",
    geometry_scale: "上次保存的窗口缩放 {scale} 不是屏幕的缩放比例",
    geometry_unreadable: "无法读取上次保存的窗口尺寸和位置",
    session_set_aside: "无法读取上次保存的会话（{error}）。该文件已移至 {path}，程序以默认设置启动。",
    session_not_utf8: "它不是 UTF-8 文本",
    session_entry: "会话条目：{error}",
    session_egui: "窗口状态（egui）：{error}",
    session_zoom: "窗口状态（egui）：缩放比例 {zoom} 不在 {min} 到 {max} 之间",
    session_tessellation: "窗口状态（egui）：{name} 为 {value}，不是大于或等于 0 的数",
    session_not_moved: "{error}；且无法移开（{why}）",
    menu_language: "语言",
    lang_system: "跟随系统（{language}）",
    migration: "{path}：已从格式版本 {from} 迁移到 {to}{changes}；保存时将写为版本 {to}",
    migration_changes: "（{changes}）",
    note_prefix: "提示：",
    filter_scenario: "hashwatt 情景文件",
    filter_png: "PNG 图像",
    filter_svg: "SVG 图像",
};
