//! What the window's headless tests share: an app whose file dialogs never answer, driven
//! frame by frame in a kittest harness.

use super::files::{DialogReply, Dialogs};
use super::*;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, HarnessBuilder};

/// Dialogs that never answer: these tests open, save and pin through commands.
pub(super) struct NoDialogs;

impl Dialogs for NoDialogs {
    fn ask(
        &mut self,
        _request: super::files::DialogRequest,
        _ctx: egui::Context,
    ) -> super::job::Job<DialogReply> {
        super::job::Job::lost()
    }
}

/// The window with `session` and the built-in presets, in a harness made by `builder` (its
/// size, its frame limit).
pub(super) fn harness(session: Session, builder: HarnessBuilder<App>) -> Harness<'static, App> {
    let mut app = App::with_session(session, PresetLibrary::builtin(), Box::new(NoDialogs));
    // Whatever the machine's own history folder holds, tests start from the built-in history.
    app.history_summary = super::network_history::HistorySummary::load(None);
    builder.build_ui_state(|ui, app: &mut App| app.frame(ui), app)
}

/// The window on `tab` in `lang`, 1500 × 1400, reading the built-in history only (no user
/// folder), settled.
pub(super) fn builtin_history_harness(tab: Tab, lang: Lang) -> Harness<'static, App> {
    let session = Session {
        language: LangChoice::Fixed(lang),
        tab,
        ..Session::default()
    };
    let mut h = harness(
        session,
        Harness::builder().with_size(egui::vec2(1500.0, 1400.0)),
    );
    h.state_mut().presets_folder = None;
    settle(&mut h);
    h
}

/// Steps frames until the window is still: on the Projection tab, until the Monte Carlo run of
/// the inputs on screen (on its own thread, repainting for its progress) has finished. A plain
/// `run` would give up after a few frames on a slow machine.
pub(super) fn settle(h: &mut Harness<'_, App>) {
    let start = std::time::Instant::now();
    loop {
        h.step();
        if h.state().session.tab != Tab::Projection || h.state().monte_carlo.current {
            h.run();
            return;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "the paths never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

/// Opens `tab` as a user would: its workspace first (by the switch at the top) when another is
/// shown, then its tab.
pub(super) fn open_view(h: &mut Harness<'_, App>, tab: Tab) {
    let strings = h.state().strings();
    if !h.state().session.workspace.tabs().contains(&tab) {
        let (label, _) = super::workspace::Workspace::of(tab).label(strings);
        h.get_by_role_and_label(egui::accesskit::Role::Button, label)
            .click();
        h.run();
    }
    let label = super::views::tab_label(tab, strings);
    h.get_by_role_and_label(egui::accesskit::Role::Button, label)
        .click();
    h.run();
}
