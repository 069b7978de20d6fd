//! What the History and Backtest views share.

use super::super::App;
use super::super::widgets::month_field;
use crate::history::{History, Month};
use crate::i18n::{fill, history::HistoryStrings};
use eframe::egui;

/// Width of the y axis of the charts stacked over one time axis, px.
pub const Y_AXIS_WIDTH: f32 = 72.0;

/// The history, or a message saying why it could not be read.
pub fn history_or_message<'a>(
    app: &'a App,
    ui: &mut egui::Ui,
    s: &HistoryStrings,
) -> Option<&'a History> {
    match app.derived.history.get() {
        Some(Ok(history)) => Some(history),
        Some(Err(e)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                fill(
                    s.unavailable,
                    &[("error", &e.localized(app.session.lang()))],
                ),
            );
            None
        }
        None => None,
    }
}

/// The From and To months of a view's period, each within the history.
pub fn period_fields(
    ui: &mut egui::Ui,
    s: &HistoryStrings,
    (from, to): (&mut Month, &mut Month),
    history: &History,
) {
    month_field(ui, s.from, from, history.first(), history.last());
    month_field(ui, s.to, to, history.first(), history.last());
}
