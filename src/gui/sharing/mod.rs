//! Files that travel, in the window: a scenario's own presets on Save, the notice when one
//! differs from this machine's, Import presets… (asking on a conflict, with the differences),
//! Export presets… (a pack), Open presets folder, and a scenario as text on the clipboard.

use super::{App, Command, Guarded};
use crate::i18n::{self, fill};
use crate::presets::any::{Difference, differences};
use crate::presets::import::{self, OnConflict, Outcome};
use crate::presets::{AnyPreset, PresetKind, PresetLibrary};
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use std::path::PathBuf;

mod state;
pub use state::*;

/// The scenario as saved and copied: with every preset it uses that is not built in. A
/// scenario that does not resolve is written as it is (the window already says why).
pub fn self_contained(doc: &ScenarioDoc, library: &PresetLibrary) -> ScenarioDoc {
    crate::presets::embedded::self_contained(doc, library).unwrap_or_else(|_| doc.clone())
}

/// Says once, after a scenario is opened, which of its own presets differ from this machine's.
pub fn note_differing(app: &mut App, doc: &ScenarioDoc, name: &str) {
    let conflicts = crate::presets::embedded::conflicts(doc, &app.machine_library);
    if conflicts.is_empty() {
        return;
    }
    let name = name.to_string();
    app.set_info(move |lang| {
        conflicts
            .iter()
            .map(|c| c.localized(lang, &name))
            .collect::<Vec<_>>()
            .join("; ")
    });
}

pub fn apply(app: &mut App, command: SharingCommand, ctx: &egui::Context) {
    match command {
        SharingCommand::CopyAsText => {
            let doc = self_contained(&app.session.doc, &app.library);
            ctx.copy_text(crate::scenario_io::scenario_to_compact_ron(&doc));
            let count = doc.presets.len();
            app.set_info(move |lang| {
                fill(
                    i18n::strings(lang).sharing.copied,
                    &[("count", &count.to_string())],
                )
            });
        }
        SharingCommand::PasteScenario => {
            // The text arrives as a paste event; no text field may take it instead.
            ctx.memory_mut(|m| m.stop_text_input());
            ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
            app.sharing.awaiting_paste = true;
        }
        SharingCommand::ImportPresets => {
            app.ask_path(super::files::DialogPurpose::ImportPresets, ctx);
        }
        SharingCommand::ImportPath(path) => import_path(app, path),
        SharingCommand::AnswerImport(choice) => {
            if let Some(pending) = app.sharing.pending_import.take()
                && let Some(choice) = choice
            {
                write_import(app, &pending.path, pending.incoming, Some(choice));
            }
        }
        SharingCommand::ExportPresets => app.sharing.export_choice = Some(Vec::new()),
        SharingCommand::ToggleExport(kind, id) => {
            if let Some(chosen) = app.sharing.export_choice.as_mut() {
                match chosen.iter().position(|(k, i)| *k == kind && *i == id) {
                    Some(at) => {
                        chosen.remove(at);
                    }
                    None => chosen.push((kind, id)),
                }
            }
        }
        SharingCommand::ExportChosen => {
            if app
                .sharing
                .export_choice
                .as_ref()
                .is_some_and(|c| !c.is_empty())
            {
                app.ask_path(super::files::DialogPurpose::ExportPresets, ctx);
            }
        }
        SharingCommand::ExportPath(path) => {
            export_path(app, &path);
        }
        SharingCommand::CloseExport => app.sharing.export_choice = None,
        SharingCommand::OpenPresetsFolder => open_presets_folder(app),
    }
}

/// Opens the clipboard's text when Paste scenario asked for it.
pub fn poll_paste(app: &mut App, ctx: &egui::Context) {
    if !app.sharing.awaiting_paste {
        return;
    }
    let pasted = ctx.input(|i| {
        i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) => Some(text.clone()),
            _ => None,
        })
    });
    if let Some(text) = pasted {
        app.sharing.awaiting_paste = false;
        // Checked before asking about unsaved changes: text that is no scenario changes nothing.
        if read_text(app, &text).is_some() {
            app.guard(Guarded::OpenText(text), ctx);
        }
    }
}

/// Reads RON text as a scenario, with the checks a file gets; on a problem the banner says why.
fn read_text(app: &mut App, text: &str) -> Option<ScenarioDoc> {
    let label = i18n::strings(app.session.lang()).sharing.clipboard_name;
    let text = crate::file_io::normalize_text(text.to_string());
    // The clipboard is held to a file's cap: no scenario comes near it.
    let capped = if text.len() as u64 > crate::file_io::MAX_FILE_BYTES {
        Err(crate::file_error::FileError::new(
            label,
            crate::problem::Problem::TooLarge {
                kib: crate::file_io::MAX_FILE_BYTES / 1024,
            },
        ))
    } else {
        Ok(())
    };
    let parsed = capped
        .and_then(|()| crate::scenario_io::parse_scenario(label, &text))
        .and_then(|doc| {
            crate::resolve::resolve_in_file(label, &text, &doc, &app.machine_library).map(|_| doc)
        });
    match parsed {
        Ok(doc) => Some(doc),
        Err(e) => {
            app.set_error(move |lang| {
                fill(
                    i18n::strings(lang).app.open_failed,
                    &[("error", &e.localized(lang))],
                )
            });
            None
        }
    }
}

/// Opens RON text as a new, unsaved scenario; on any problem the inputs stay as they were and
/// the banner says why.
pub fn open_text(app: &mut App, text: &str) -> bool {
    let Some(doc) = read_text(app, text) else {
        return false;
    };
    let saved = app.history_summary.new_document();
    app.replace_document(doc.clone(), saved, None);
    app.session.disk_stamp = None;
    app.set_info(|lang| i18n::strings(lang).sharing.pasted.to_string());
    let label = i18n::strings(app.session.lang()).sharing.clipboard_name;
    note_differing(app, &doc, label);
    true
}

/// Reads a file's presets; imports at once when nothing conflicts, else asks.
pub fn import_path(app: &mut App, path: PathBuf) {
    let label = path.display().to_string();
    let read = crate::file_io::read_text(&path)
        .map_err(|e| vec![e])
        .and_then(|text| import::read_incoming(&label, &text, &app.machine_library));
    let incoming = match read {
        Ok(incoming) => incoming,
        Err(problems) => {
            app.set_error(move |lang| {
                let problems: Vec<String> = problems.iter().map(|p| p.localized(lang)).collect();
                fill(
                    i18n::strings(lang).sharing.import_failed,
                    &[("file", &label), ("problems", &problems.join("; "))],
                )
            });
            return;
        }
    };
    let conflicts: Vec<(PresetKind, String, Vec<Difference>)> = incoming
        .iter()
        .filter_map(|preset| {
            let here = app.machine_library.get(preset.kind(), preset.id())?;
            let found = differences(&here, preset);
            (!found.is_empty()).then(|| (preset.kind(), preset.id().to_string(), found))
        })
        .collect();
    if conflicts.is_empty() {
        write_import(app, &path, incoming, None);
    } else {
        app.sharing.pending_import = Some(PendingImport {
            path,
            incoming,
            conflicts,
        });
    }
}

/// Imports into the presets folder, reloads the library and says what became of each preset.
fn write_import(
    app: &mut App,
    path: &std::path::Path,
    incoming: Vec<AnyPreset>,
    choice: Option<OnConflict>,
) {
    let Some(folder) = app.presets_folder.clone() else {
        app.set_error(|lang| i18n::strings(lang).app.error_no_data_folder.to_string());
        return;
    };
    let source = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let label = path.display().to_string();
    match import::import(
        incoming,
        &source,
        &app.machine_library,
        &folder,
        choice,
        crate::today(),
    ) {
        Ok(results) => {
            app.reload_library();
            let count = |outcome: Outcome| {
                results
                    .iter()
                    .filter(|r| r.outcome == outcome)
                    .count()
                    .to_string()
            };
            let counts = [
                ("added", count(Outcome::Added)),
                ("identical", count(Outcome::Identical)),
                ("replaced", count(Outcome::Replaced)),
                ("renamed", count(Outcome::Renamed)),
                ("skipped", count(Outcome::Skipped)),
            ];
            app.set_info(move |lang| {
                let mut values: Vec<(&str, &str)> =
                    counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
                values.push(("file", &label));
                fill(i18n::strings(lang).sharing.imported_summary, &values)
            });
        }
        Err(e) => app.set_error(move |lang| {
            fill(
                i18n::strings(lang).app.save_failed,
                &[("error", &e.localized(lang))],
            )
        }),
    }
}

/// Writes the pack of the ticked presets; the checklist closes once it is written.
pub fn export_path(app: &mut App, path: &std::path::Path) -> bool {
    let chosen = app.sharing.export_choice.clone().unwrap_or_default();
    let presets: Vec<AnyPreset> = chosen
        .iter()
        .filter_map(|(kind, id)| app.machine_library.get(*kind, id))
        .collect();
    let count = presets.len();
    let pack = crate::presets::pack::PackDoc::new(presets, crate::today(), "", "");
    let label = path.display().to_string();
    let written = pack
        .to_ron()
        .map_err(|why| {
            crate::file_error::FileError::new(&label, crate::problem::Problem::CannotSave(why))
        })
        .and_then(|text| crate::file_io::write_atomically(path, text.as_bytes()));
    match written {
        Ok(()) => {
            app.sharing.export_choice = None;
            app.set_info(move |lang| {
                fill(
                    i18n::strings(lang).sharing.export_written,
                    &[("path", &label), ("count", &count.to_string())],
                )
            });
            true
        }
        Err(e) => {
            app.set_error(move |lang| {
                fill(
                    i18n::strings(lang).app.save_failed,
                    &[("error", &e.localized(lang))],
                )
            });
            false
        }
    }
}

/// Opens the presets folder in the system's file manager, creating it first.
fn open_presets_folder(app: &mut App) {
    let Some(folder) = app.presets_folder.clone() else {
        app.set_error(|lang| i18n::strings(lang).app.error_no_data_folder.to_string());
        return;
    };
    let opened = std::fs::create_dir_all(&folder).and_then(|()| launch_file_manager(app, &folder));
    if let Err(e) = opened {
        let path = folder.display().to_string();
        let error = e.to_string();
        app.set_error(move |lang| {
            fill(
                i18n::strings(lang).sharing.folder_failed,
                &[("path", &path), ("error", &error)],
            )
        });
    }
}

#[cfg(not(test))]
fn launch_file_manager(_app: &mut App, folder: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    // The file manager runs on its own; the window does not wait for it.
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
}

#[cfg(test)]
fn launch_file_manager(app: &mut App, folder: &std::path::Path) -> std::io::Result<()> {
    app.sharing.opened_folders.push(folder.to_path_buf());
    Ok(())
}

/// Whether a dropped file is presets to import (a preset file or a pack) rather than a scenario.
pub fn offers_presets(path: &std::path::Path) -> bool {
    crate::file_io::read_text(path).is_ok_and(|text| import::offers_presets(&text))
}

/// The File menu's sharing items.
pub fn file_menu_ui(app: &App, ui: &mut egui::Ui) {
    let t = &app.strings().sharing;
    for (label, command) in [
        (t.menu_import_presets, SharingCommand::ImportPresets),
        (t.menu_export_presets, SharingCommand::ExportPresets),
        (
            t.menu_open_presets_folder,
            SharingCommand::OpenPresetsFolder,
        ),
    ] {
        app.menu_item(ui, label, Command::Sharing(command));
    }
}

/// The Edit menu's sharing items.
pub fn edit_menu_ui(app: &App, ui: &mut egui::Ui) {
    let t = &app.strings().sharing;
    app.menu_item(
        ui,
        t.menu_copy_as_text,
        Command::Sharing(SharingCommand::CopyAsText),
    );
    app.menu_item(
        ui,
        t.menu_paste_scenario,
        Command::Sharing(SharingCommand::PasteScenario),
    );
}

/// The conflict window and the export checklist, when shown.
pub fn windows_ui(app: &App, ctx: &egui::Context) {
    let t = &app.strings().sharing;
    let send = |command: SharingCommand| app.queue(Command::Sharing(command));
    if let Some(pending) = &app.sharing.pending_import {
        egui::Modal::new(egui::Id::unique("import-conflicts")).show(ctx, |ui| {
            let file = pending.path.display().to_string();
            ui.heading(fill(t.import_title, &[("file", &file)]));
            ui.label(fill(
                t.import_conflict_intro,
                &[("count", &pending.conflicts.len().to_string())],
            ));
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (kind, id, found) in &pending.conflicts {
                        ui.separator();
                        ui.strong(format!("{} \"{id}\"", kind.words(app.session.lang())));
                        egui::Grid::new(egui::IdSalt::new((
                            "import-differences",
                            *kind as usize,
                            id,
                        )))
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong(t.diff_field);
                            ui.strong(t.diff_here);
                            ui.strong(t.diff_imported);
                            ui.end_row();
                            for d in found {
                                ui.label(&d.field);
                                ui.label(d.here.as_deref().unwrap_or(t.diff_missing));
                                ui.label(d.imported.as_deref().unwrap_or(t.diff_missing));
                                ui.end_row();
                            }
                        });
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                for (label, choice) in [
                    (t.button_replace, Some(OnConflict::Replace)),
                    (t.button_keep_both, Some(OnConflict::KeepBoth)),
                    (t.button_skip, Some(OnConflict::Skip)),
                    (app.strings().app.cancel, None),
                ] {
                    if ui.button(label).clicked() {
                        send(SharingCommand::AnswerImport(choice));
                    }
                }
            });
        });
    }
    if let Some(chosen) = &app.sharing.export_choice {
        let mut open = true;
        egui::Window::new(t.export_title)
            .open(&mut open)
            .default_height(480.0)
            .show(ctx, |ui| {
                ui.label(t.export_hint);
                egui::ScrollArea::vertical()
                    .max_height(380.0)
                    .show(ui, |ui| {
                        for kind in PresetKind::ALL {
                            ui.strong(kind.words(app.session.lang()));
                            // The user's own first: they are what is usually sent.
                            let mut presets = app.machine_library.all(kind);
                            presets.sort_by_key(PresetLibrary::is_builtin);
                            for preset in presets {
                                let id = preset.id().to_string();
                                let builtin = PresetLibrary::is_builtin(&preset);
                                let mut ticked = chosen.iter().any(|(k, i)| *k == kind && *i == id);
                                let label = if builtin {
                                    format!("{id} {}", t.builtin_mark)
                                } else {
                                    id.clone()
                                };
                                if ui.checkbox(&mut ticked, label).changed() {
                                    send(SharingCommand::ToggleExport(kind, id));
                                }
                            }
                        }
                    });
                ui.separator();
                let button = egui::Button::new(t.export_button);
                if ui.add_enabled(!chosen.is_empty(), button).clicked() {
                    send(SharingCommand::ExportChosen);
                }
            });
        if !open {
            send(SharingCommand::CloseExport);
        }
    }
}
