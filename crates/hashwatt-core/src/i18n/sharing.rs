//! Words about files that travel: scenarios that carry their presets, importing and exporting
//! presets, packs, and a scenario as text.

#[derive(serde::Serialize)]
pub struct SharingStrings {
    /// The name of a preset kept beside one of the same id: "{name} (imported)".
    pub imported_name: &'static str,
    /// Where a preset of this machine comes from when it is not a user's file.
    pub source_builtin: &'static str,
    /// "{scenario} uses its own {kind} \"{id}\", which differs from the one in {local}; …"
    pub embedded_differs: &'static str,
    pub unknown_preset: &'static str,
    pub unknown_preset_near: &'static str,
    /// "\"{id}\" names presets of several kinds: {choices}; give one of them".
    pub ambiguous_id: &'static str,
    pub unknown_kind: &'static str,
    pub outcome_added: &'static str,
    pub outcome_identical: &'static str,
    pub outcome_replaced: &'static str,
    pub outcome_renamed: &'static str,
    pub outcome_skipped: &'static str,
    pub outcome_conflict: &'static str,
    /// One line of `presets import`: "{file}: {kind} \"{id}\": {outcome}{new}".
    pub import_line: &'static str,
    /// After a renamed preset's outcome: " as \"{new_id}\"".
    pub import_as: &'static str,
    /// "{count} preset(s) have the id of a different one here: {ids}; nothing was written for them. …"
    pub import_conflicts: &'static str,
    /// `share` and `export` will not replace a file without `--force`.
    pub exists_use_force: &'static str,
    /// "{path}: {count} preset(s) written" (stderr, `share` and `presets export`).
    pub share_written: &'static str,
    pub export_written: &'static str,
    /// `presets import` without a presets folder.
    pub no_presets_folder: &'static str,
    /// A scenario read from standard input is named this in messages.
    pub stdin_name: &'static str,
    /// `compare` may read only one of its scenarios from standard input.
    pub stdin_once: &'static str,
}

pub const EN: SharingStrings = SharingStrings {
    imported_name: "{name} (imported)",
    source_builtin: "hashwatt's built-in presets",
    embedded_differs: "{scenario} uses its own {kind} \"{id}\", which differs from the one in {local}; nothing on this machine changes unless you import it",
    unknown_preset: "no preset has the id \"{id}\"; `hashwatt presets list` shows them",
    unknown_preset_near: "no preset has the id \"{id}\" (did you mean \"{near}\"?); `hashwatt presets list` shows them",
    ambiguous_id: "\"{id}\" names presets of several kinds: {choices}; give one of these",
    unknown_kind: "\"{kind}\" is not a kind of preset; the kinds are {kinds}",
    outcome_added: "added",
    outcome_identical: "identical, nothing written",
    outcome_replaced: "replaced",
    outcome_renamed: "kept both",
    outcome_skipped: "skipped",
    outcome_conflict: "conflict, nothing written",
    import_line: "{file}: {kind} \"{id}\": {outcome}{new}",
    import_as: ", the imported one as \"{new_id}\"",
    import_conflicts: "{count} preset(s) have the id of a different one here ({ids}) and were not written; choose --replace, --keep-both or --skip",
    exists_use_force: "{path} exists; add --force to replace it",
    share_written: "{path}: the scenario with {count} preset(s) of its own",
    export_written: "{path}: a pack of {count} preset(s)",
    no_presets_folder: "there is no presets folder to import into (set HASHWATT_PRESETS_DIR)",
    stdin_name: "<stdin>",
    stdin_once: "only one scenario can be read from standard input (-)",
};

pub const ZH: SharingStrings = SharingStrings {
    imported_name: "{name}（导入）",
    source_builtin: "hashwatt 内置预设",
    embedded_differs: "{scenario} 使用自带的{kind} \"{id}\"，它与 {local} 中的不同；除非导入，本机不会有任何改动",
    unknown_preset: "没有 id 为 \"{id}\" 的预设；`hashwatt presets list` 列出所有预设",
    unknown_preset_near: "没有 id 为 \"{id}\" 的预设（是否应为 \"{near}\"？）；`hashwatt presets list` 列出所有预设",
    ambiguous_id: "\"{id}\" 对应多种预设：{choices}；请指定其中之一",
    unknown_kind: "\"{kind}\" 不是预设种类；种类有 {kinds}",
    outcome_added: "已添加",
    outcome_identical: "完全相同，未写入",
    outcome_replaced: "已替换",
    outcome_renamed: "两者都保留",
    outcome_skipped: "已跳过",
    outcome_conflict: "冲突，未写入",
    import_line: "{file}：{kind} \"{id}\"：{outcome}{new}",
    import_as: "，导入的一份为 \"{new_id}\"",
    import_conflicts: "{count} 个预设与本机不同预设的 id 相同（{ids}），未写入；请选择 --replace、--keep-both 或 --skip",
    exists_use_force: "{path} 已存在；加 --force 以替换",
    share_written: "{path}：情景及其自带的 {count} 个预设",
    export_written: "{path}：含 {count} 个预设的预设包",
    no_presets_folder: "没有可导入到的预设文件夹（请设置 HASHWATT_PRESETS_DIR）",
    stdin_name: "<标准输入>",
    stdin_once: "只能从标准输入（-）读取一个情景",
};
