//! The window's file actions: open, pin, save (asking before replacing a file changed on disk),
//! the file dialogs and the path field, dropped files, exports, and saving presets.

use super::App;
use super::Command;
use super::DiskStamp;
use super::Guarded;
use super::PathField;
use super::PathFieldAnswer;
use super::Pinned;
use super::PresetPrompt;
use super::RECENT_FILES;
use super::ReplacePreset;
use super::compare;
use super::dispatch;
use super::edit;
use super::files;
use super::files::DialogPurpose;
use super::path_field;
use super::saved_session;
use super::session_file;
use super::sharing;
use crate::i18n;
use crate::i18n::fill;
use crate::presets::PresetLibrary;
use eframe::egui;
use serde::Serialize;
use std::path::PathBuf;

use super::job::Status;
use super::{OnDisk, ReplaceOnDisk};

/// Whether a write went ahead, or waits for the user's word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Written {
    Yes,
    No,
}

impl App {
    pub(super) fn remember_recent(&mut self, path: &std::path::Path) {
        self.session.recent.retain(|p| p != path);
        self.session.recent.insert(0, path.to_path_buf());
        self.session.recent.truncate(RECENT_FILES);
    }

    /// Opens a scenario file; on any error the current inputs stay exactly as they were, and
    /// the answer is false.
    pub fn open_path(&mut self, path: &std::path::Path) -> bool {
        match crate::resolve::load_scenario_noting(path, &self.machine_library) {
            Ok((doc, _, migration)) => {
                self.replace_document(doc.clone(), doc, Some(path.to_path_buf()));
                self.session.disk_stamp = DiskStamp::of(path);
                self.remember_recent(path);
                self.banner = None;
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
    pub(super) fn write_or_ask(
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

    pub(super) fn ask_to_replace(
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
    pub(super) fn changed_on_disk(&self, path: &std::path::Path) -> bool {
        self.session.path.as_deref() == Some(path)
            && matches!(
                (self.session.disk_stamp, DiskStamp::of(path)),
                (Some(then), Some(now)) if then != now
            )
    }

    /// Saves the scenario; unless `agreed`, a file changed on disk since or made read-only is
    /// not replaced, and the window asks.
    pub(super) fn write_scenario(
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
                // The presets it now carries are no change of the user's: no step to undo.
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
    pub(super) fn ask_path(&mut self, purpose: DialogPurpose, ctx: &egui::Context) {
        let start = self.start_folder();
        let suggested = purpose.suggested_name(&self.display_name());
        let request = files::DialogRequest {
            purpose,
            start_dir: start,
            suggested_name: suggested,
            lang: self.session.lang(),
        };
        let answer = self.dialogs.ask(request, ctx.clone());
        self.open_dialogs.push(answer);
    }

    /// Where a file dialog or the path field starts: the open file's folder, else the last
    /// file's, else the home folder.
    pub(super) fn start_folder(&self) -> Option<PathBuf> {
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
    pub(super) fn answer_path_field(&mut self, answer: PathFieldAnswer, ctx: &egui::Context) {
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

    pub(super) fn handle_dialog_replies(&mut self) {
        let mut replies = Vec::new();
        // A dialog whose thread died answers nothing, as one never closed.
        self.open_dialogs.retain(|dialog| match dialog.poll() {
            Status::Running => true,
            Status::Done(reply) => {
                replies.push(reply);
                false
            }
            Status::Lost => false,
        });
        for reply in replies {
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

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Guarded::Close);
        }
    }

    /// Writes an export; false (and the banner says why) when it fails.
    /// Carries out the user's answer about a file on disk: replace it, save the scenario
    /// under another name, or leave it (and any action waiting for the save).
    pub(super) fn answer_replace_on_disk(&mut self, answer: Option<bool>, ctx: &egui::Context) {
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

    pub(super) fn export_to(&mut self, purpose: DialogPurpose, path: &std::path::Path) -> bool {
        self.write_export(purpose, path, false)
    }

    /// Writes an export; unless `agreed`, a read-only file is not replaced and the window asks.
    pub(super) fn write_export(
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
    pub(super) fn save_region_preset(&mut self, name: &str, replace: bool) {
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

    pub(super) fn save_miner_preset(&mut self, index: usize, name: &str, replace: bool) {
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
        if let Some(id) = id
            && index < self.session.doc.fleet.len()
            && self.library.miner(&id).is_some()
        {
            // The fleet now refers to the saved preset, with nothing overridden.
            let mut fleet = self.session.doc.fleet.clone();
            let entry = &mut fleet[index];
            entry.miner = Some(id);
            entry.name = None;
            entry.hashrate_ths = None;
            entry.power_w = None;
            self.edit(edit::Edit::Fleet(fleet));
        }
    }

    /// Writes a user preset, or (`Ok(None)`) asks whether to replace the one already there.
    pub(super) fn write_preset<T: Serialize>(
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
    pub(super) fn reload_library(&mut self) {
        self.library = PresetLibrary::with_user_folder(self.presets_folder.as_deref());
        self.library_generation += 1;
        self.recompute();
    }

    /// Puts the open scenario's own presets in `library`, so the pickers and views name them;
    /// a `library` reloaded elsewhere is first taken as this machine's.
    pub(super) fn merge_scenario_presets(&mut self) {
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

    pub(super) fn finish_preset_save(
        &mut self,
        result: Result<Option<(String, PathBuf)>, files::Said>,
    ) {
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
}
