//! What the user asks for, applied after the frame is drawn: the commands, their keyboard
//! shortcuts, the actions that first ask about unsaved changes, and the undo history they feed.

use super::*;

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
        self.history = undo::History::default();
    }

    /// Changes the document by an edit, recorded in the undo history.
    pub(super) fn edit(&mut self, edit: edit::Edit) {
        self.history.apply(edit, &mut self.session.doc);
    }

    /// Closes the undo history's open step at the end of a frame once nothing is under way: no
    /// pointer button held (a drag is one step, taken when released), no text field being
    /// typed into (its own Ctrl+Z undoes the typing).
    pub(super) fn settle_history(&mut self, ctx: &egui::Context) {
        let pointer_down = ctx.input(|i| i.pointer.any_down());
        let settled = !pointer_down && !ctx.text_edit_focused();
        self.history.settle(settled, &self.session.doc);
    }

    /// Takes the document one step back (or forward) in the history.
    pub(super) fn step_history(&mut self, forward: bool) {
        let doc = &mut self.session.doc;
        let stepped = if forward {
            self.history.redo(doc)
        } else {
            self.history.undo(doc)
        };
        // Recomputed, and shown as saved or not, from the new document like any other change.
        // A message describes the change just made: once that is undone (or redone over) it
        // no longer holds. An error stays until dismissed.
        if stepped && self.banner.as_ref().is_some_and(|b| !b.error) {
            self.banner = None;
        }
    }
}
