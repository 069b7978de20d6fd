//! Undo and redo of the scenario document: egui's [`Undoer`] fed the document once a frame.
//!
//! A change made in one go (a click, a typed value confirmed with Enter, a command such as
//! "Move here") becomes its own step at once; a change still under way (a drag, typing into a
//! text field) stays one pending step until it settles, so a whole drag is undone at once.

use crate::scenario_file::ScenarioDoc;
use eframe::egui::util::undoer::Undoer;

/// The undo history of one document. Lives in the app, never in the saved session: a restart
/// or another file starts a fresh one.
#[derive(Clone, Debug, Default)]
pub struct History {
    undoer: Undoer<ScenarioDoc>,
}

impl History {
    /// A history whose first point is `doc` (nothing to undo yet).
    pub fn starting_at(doc: &ScenarioDoc) -> History {
        let mut history = History::default();
        history.undoer.add_undo(doc);
        history
    }

    /// Notes the document as it is at the end of a frame. `time_s` is the frame's time;
    /// `settled` says no change is under way (no pointer button held, no text field being
    /// edited), so a change since the last step is a step of its own now.
    pub fn feed(&mut self, time_s: f64, doc: &ScenarioDoc, settled: bool) {
        // Feeding first also drops the redo steps once the document moved on.
        self.undoer.feed_state(time_s, doc);
        if settled && self.undoer.is_in_flux() {
            self.undoer.add_undo(doc);
        }
    }

    pub fn can_undo(&self, doc: &ScenarioDoc) -> bool {
        self.undoer.has_undo(doc)
    }

    pub fn can_redo(&self, doc: &ScenarioDoc) -> bool {
        self.undoer.has_redo(doc)
    }

    /// The document one step back, if there is one.
    pub fn undo(&mut self, doc: &ScenarioDoc) -> Option<ScenarioDoc> {
        self.undoer.undo(doc).cloned()
    }

    /// The document one step forward again, if an undo left one.
    pub fn redo(&mut self, doc: &ScenarioDoc) -> Option<ScenarioDoc> {
        self.undoer.redo(doc).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_pue(pue: f64) -> ScenarioDoc {
        let mut doc = ScenarioDoc::default();
        doc.site.pue = pue;
        doc
    }

    #[test]
    fn a_settled_change_is_one_step_and_a_drag_is_one_step() {
        let start = with_pue(1.1);
        let mut history = History::starting_at(&start);
        assert!(!history.can_undo(&start));
        // A drag through three values, then released.
        history.feed(0.1, &with_pue(1.2), false);
        history.feed(0.2, &with_pue(1.3), false);
        history.feed(0.3, &with_pue(1.4), true);
        // A click.
        history.feed(0.4, &with_pue(2.0), true);
        let now = with_pue(2.0);
        assert_eq!(history.undo(&now), Some(with_pue(1.4)));
        assert_eq!(history.undo(&with_pue(1.4)), Some(start.clone()));
        assert!(!history.can_undo(&start));
        assert_eq!(history.redo(&start), Some(with_pue(1.4)));
        assert_eq!(history.redo(&with_pue(1.4)), Some(now));
        assert!(!history.can_redo(&with_pue(2.0)));
    }

    #[test]
    fn a_change_after_an_undo_drops_the_redo_steps() {
        let start = with_pue(1.1);
        let mut history = History::starting_at(&start);
        history.feed(0.1, &with_pue(1.5), true);
        assert_eq!(history.undo(&with_pue(1.5)), Some(start.clone()));
        assert!(history.can_redo(&start));
        history.feed(0.2, &with_pue(3.0), true);
        assert!(!history.can_redo(&with_pue(3.0)));
        assert_eq!(history.redo(&with_pue(3.0)), None);
        assert_eq!(history.undo(&with_pue(3.0)), Some(start));
    }

    #[test]
    fn a_change_under_way_can_be_undone_before_it_settles() {
        let start = with_pue(1.1);
        let mut history = History::starting_at(&start);
        history.feed(0.1, &with_pue(1.7), false);
        assert!(history.can_undo(&with_pue(1.7)));
        assert_eq!(history.undo(&with_pue(1.7)), Some(start.clone()));
        assert_eq!(history.redo(&start), Some(with_pue(1.7)));
    }
}
