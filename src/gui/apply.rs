//! Commands applied: what each does to the app, after the frame that asked for it is drawn.

use super::App;
use super::Command;
use super::Guarded;
use super::Pinned;
use super::PresetPrompt;
use super::SHORTCUTS;
use super::UnsavedAnswer;
use super::compare;
use super::edit;
use super::files::DialogPurpose;
use super::market_update;
use super::price_info;
use super::sharing;
use super::undo;
use super::workspace;
use crate::chart_data::RegionMetric;
use crate::i18n;
use crate::i18n::Localized;
use crate::i18n::fill;
use crate::scenario_file::ScenarioDoc;
use eframe::egui;
use std::path::PathBuf;

impl App {
    /// Carries out a guarded action now (the user agreed, or nothing would be lost).
    pub(super) fn perform(&mut self, action: Guarded, ctx: &egui::Context) {
        match action {
            Guarded::New => {
                let doc = self.history_summary.new_document();
                self.replace_document(doc.clone(), doc, None);
                self.banner = None;
            }
            Guarded::Open => self.ask_path(DialogPurpose::Open, ctx),
            Guarded::OpenPath(path) => {
                self.open_path(&path);
            }
            Guarded::OpenExample(id) => {
                if let Some(example) = self.library.scenario(&id) {
                    let doc = example.doc.clone();
                    self.replace_document(doc.clone(), doc, None);
                    self.banner = None;
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

    /// Runs a guarded action, asking first if it would drop unsaved changes.
    pub(super) fn guard(&mut self, action: Guarded, ctx: &egui::Context) {
        if self.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.perform(action, ctx);
        }
    }

    /// Applies the commands queued while the frame was drawn; true if there were any. Commands
    /// queued while applying (a save after "Save the changes?") wait for the next frame.
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) -> bool {
        let pending: Vec<Command> = self.command_rx.try_iter().collect();
        let any = !pending.is_empty();
        for command in pending {
            #[cfg(test)]
            self.applied.push(command.clone());
            self.apply(command, ctx);
        }
        any
    }

    pub(super) fn apply(&mut self, command: Command, ctx: &egui::Context) {
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
            Command::Edit(edit) => self.edit(edit),
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
            Command::SetRegion(id) => self.set_region(id),
            Command::AskPresetName(prompt) => self.preset_prompt = Some(prompt),
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
            Command::PinCurrent => self.pin_current(),
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
            Command::SetWorkspace(workspace) => self.set_workspace(workspace),
            Command::OpenDoor(door) => self.open_door(door),
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
            Command::SetMapView(view) => *self.map_view.of_mut(self.session.workspace) = view,
            Command::SetHistoryView(view) => self.history_view = view,
            Command::ShowPathField(purpose) => self.show_path_field(purpose, false),
            Command::AnswerPathField(answer) => self.answer_path_field(answer, ctx),
            Command::Dispatch(command) => self.apply_dispatch(command, ctx),
            Command::DismissBanner => self.banner = None,
            Command::AnswerUnsaved(answer) => self.answer_unsaved(answer, ctx),
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

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
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

    /// Pins the open scenario for comparison (while there is room).
    fn pin_current(&mut self) {
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

    /// Shows a workspace, with the view it had open; the view left is remembered.
    fn set_workspace(&mut self, workspace: workspace::Workspace) {
        let s = &mut self.session;
        s.open_views.set(s.workspace, s.tab);
        s.workspace = workspace;
        s.tab = s.open_views.get(workspace);
        self.start_page_open = false;
    }

    /// A door of the start page: its example, then its workspace and view.
    fn open_door(&mut self, door: workspace::Door) {
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

    /// The answer to "Save the changes?" for the action waiting on it.
    fn answer_unsaved(&mut self, answer: UnsavedAnswer, ctx: &egui::Context) {
        let Some(action) = self.confirm.take() else {
            return;
        };
        match answer {
            UnsavedAnswer::Save => {
                self.after_save = Some(action);
                self.queue(Command::Save);
            }
            UnsavedAnswer::Discard => {
                // Closing without saving: the next start opens the scenario as it was last
                // saved (a new one if it never was), not the discarded inputs.
                if matches!(action, Guarded::Close) {
                    let saved = self.session.saved_doc.clone();
                    let path = self.session.path.clone();
                    self.replace_document(saved.clone(), saved, path);
                }
                self.perform(action, ctx)
            }
            UnsavedAnswer::Cancel => {}
        }
    }

    /// Moves the site to a region (a Regions bar, "Move here", a click on the map). It takes
    /// the region's power price, as its ranking did: a price the user had set is replaced, and
    /// the banner says so. A region without a sourced price keeps the user's own (it has none
    /// to give).
    fn set_region(&mut self, id: String) {
        let load = price_info::site_load(self.computed.as_ref().ok());
        let region = self.library.region(&id).cloned();
        let region_price = region.as_ref().and_then(|r| r.price_usd_per_kwh(load));
        let mut site = self.session.doc.site.clone();
        let replaced = match region_price {
            Some(_) => site.electricity_usd_per_kwh.take(),
            None => None,
        };
        site.region = Some(id);
        site.mix = None;
        self.edit(edit::Edit::Site(Box::new(site)));
        if let (Some(own), Some(region), Some(price)) = (replaced, region, region_price) {
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
    }

    /// Puts another document in the window (a new one, a file, an example, pasted text), as
    /// `saved` on disk at `path`, with a fresh undo history: an undo never brings back the
    /// inputs of the scenario that was open before.
    pub(super) fn replace_document(
        &mut self,
        doc: ScenarioDoc,
        saved: ScenarioDoc,
        path: Option<PathBuf>,
    ) {
        self.session.doc = doc;
        self.session.saved_doc = saved;
        self.session.path = path;
        self.undo = undo::UndoHistory::default();
    }

    /// Changes the document by an edit, recorded in the undo history.
    pub(super) fn edit(&mut self, edit: edit::Edit) {
        self.undo.apply(edit, &mut self.session.doc);
    }

    /// Closes the undo history's open step at the end of a frame once nothing is under way: no
    /// pointer button held (a drag is one step, taken when released), no text field being
    /// typed into (its own Ctrl+Z undoes the typing).
    pub(super) fn settle_history(&mut self, ctx: &egui::Context) {
        let pointer_down = ctx.input(|i| i.pointer.any_down());
        let settled = !pointer_down && !ctx.text_edit_focused();
        self.undo.settle(settled, &self.session.doc);
    }

    /// Takes the document one step back (or forward) in the history.
    pub(super) fn step_history(&mut self, forward: bool) {
        let doc = &mut self.session.doc;
        let stepped = if forward {
            self.undo.redo(doc)
        } else {
            self.undo.undo(doc)
        };
        // Recomputed, and shown as saved or not, from the new document like any other change.
        // A message describes the change just made: once that is undone (or redone over) it
        // no longer holds. An error stays until dismissed.
        if stepped && self.banner.as_ref().is_some_and(|b| !b.error) {
            self.banner = None;
        }
    }
}
