//! What the window's headless tests share: an app whose file dialogs never answer, driven
//! frame by frame in a kittest harness.

use super::files::{DialogPurpose, DialogReply, Dialogs};
use super::*;
use egui_kittest::{Harness, HarnessBuilder};

/// Dialogs that never answer: these tests open, save and pin through commands.
pub(super) struct NoDialogs;

impl Dialogs for NoDialogs {
    fn ask(
        &mut self,
        _purpose: DialogPurpose,
        _start_dir: Option<PathBuf>,
        _suggested_name: String,
        _lang: Lang,
        _reply: mpsc::Sender<DialogReply>,
        _ctx: egui::Context,
    ) {
    }
}

/// The window with `session` and the built-in presets, in a harness made by `builder` (its
/// size, its frame limit).
pub(super) fn harness(session: Session, builder: HarnessBuilder<App>) -> Harness<'static, App> {
    let app = App::with_session(session, PresetLibrary::builtin(), Box::new(NoDialogs));
    builder.build_ui_state(|ui, app: &mut App| app.frame(ui), app)
}
