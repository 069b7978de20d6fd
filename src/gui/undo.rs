//! Undo and redo of the scenario document. The history records the edit commands as they are
//! applied ([`Edit`]): each step holds the edits that take it back, never a copy of the
//! document.
//!
//! A change made in one go (a click, a typed value confirmed with Enter, a command such as
//! "Move here") is a step of its own. A change still under way (a drag, typing into a text
//! field) keeps its step open until it settles, so a whole drag is undone at once: further edits
//! of a part the open step already restores add nothing to it.

use super::edit::Edit;
use crate::scenario_file::ScenarioDoc;

/// The edits that take one step back (or forward again), in the order they were applied.
#[derive(Clone, Debug, Default, PartialEq)]
struct Step {
    edits: Vec<Edit>,
}

impl Step {
    /// Applies the step's edits, last first, and returns the step that takes it back.
    fn apply(self, doc: &mut ScenarioDoc) -> Step {
        Step {
            edits: self
                .edits
                .into_iter()
                .rev()
                .map(|edit| edit.apply(doc))
                .collect(),
        }
    }
}

/// The undo history of one document. Lives in the app, never in the saved session: a restart
/// or another file starts a fresh one.
#[derive(Clone, Debug, Default)]
pub struct UndoHistory {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The last undo step still takes edits: a change is under way.
    open: bool,
}

impl UndoHistory {
    /// Applies an edit to `doc` and records it as (part of) a step. An edit that changes
    /// nothing is not a step.
    pub fn apply(&mut self, edit: Edit, doc: &mut ScenarioDoc) {
        if !edit.changes(doc) {
            return;
        }
        let inverse = edit.apply(doc);
        self.redo.clear();
        match self.undo.last_mut() {
            Some(step) if self.open => {
                // The open step already takes this part back to where the change began.
                if !step.edits.iter().any(|e| e.same_part(&inverse)) {
                    step.edits.push(inverse);
                }
            }
            _ => {
                self.undo.push(Step {
                    edits: vec![inverse],
                });
                self.open = true;
            }
        }
    }

    /// Notes the end of a frame: once nothing is under way (`settled`: no pointer button
    /// held, no text field typed into), the open step is closed and the next edit starts one
    /// of its own. Edits of the same frame share a step. A step whose change came back to
    /// where it began (a value typed, then taken back in its field) is none.
    pub fn settle(&mut self, settled: bool, doc: &ScenarioDoc) {
        if !settled || !self.open {
            return;
        }
        self.open = false;
        if let Some(step) = self.undo.last()
            && !step.edits.iter().any(|edit| edit.changes(doc))
        {
            self.undo.pop();
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Takes `doc` one step back; false if there is nothing to undo.
    pub fn undo(&mut self, doc: &mut ScenarioDoc) -> bool {
        self.open = false;
        let Some(step) = self.undo.pop() else {
            return false;
        };
        self.redo.push(step.apply(doc));
        true
    }

    /// Takes `doc` one step forward again, after an undo; false if there is nothing to redo.
    pub fn redo(&mut self, doc: &mut ScenarioDoc) -> bool {
        self.open = false;
        let Some(step) = self.redo.pop() else {
            return false;
        };
        self.undo.push(step.apply(doc));
        true
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

    fn set_pue(pue: f64) -> Edit {
        Edit::Site(Box::new(with_pue(pue).site))
    }

    #[test]
    fn a_settled_change_is_one_step_and_a_drag_is_one_step() {
        let start = with_pue(1.1);
        let mut doc = start.clone();
        let mut history = UndoHistory::default();
        assert!(!history.can_undo());
        // A drag through three values, then released.
        for pue in [1.2, 1.3, 1.4] {
            history.apply(set_pue(pue), &mut doc);
            history.settle(false, &doc);
        }
        history.settle(true, &doc);
        // A click.
        history.apply(set_pue(2.0), &mut doc);
        history.settle(true, &doc);
        assert!(history.undo(&mut doc));
        assert_eq!(doc, with_pue(1.4));
        assert!(history.undo(&mut doc));
        assert_eq!(doc, start);
        assert!(!history.can_undo());
        assert!(!history.undo(&mut doc));
        assert!(history.redo(&mut doc));
        assert_eq!(doc, with_pue(1.4));
        assert!(history.redo(&mut doc));
        assert_eq!(doc, with_pue(2.0));
        assert!(!history.can_redo());
    }

    #[test]
    fn a_change_after_an_undo_drops_the_redo_steps() {
        let start = with_pue(1.1);
        let mut doc = start.clone();
        let mut history = UndoHistory::default();
        history.apply(set_pue(1.5), &mut doc);
        history.settle(true, &doc);
        assert!(history.undo(&mut doc));
        assert!(history.can_redo());
        history.apply(set_pue(3.0), &mut doc);
        history.settle(true, &doc);
        assert!(!history.can_redo());
        assert!(!history.redo(&mut doc));
        assert!(history.undo(&mut doc));
        assert_eq!(doc, start);
    }

    #[test]
    fn a_change_under_way_can_be_undone_before_it_settles() {
        let start = with_pue(1.1);
        let mut doc = start.clone();
        let mut history = UndoHistory::default();
        history.apply(set_pue(1.7), &mut doc);
        history.settle(false, &doc);
        assert!(history.undo(&mut doc));
        assert_eq!(doc, start);
        assert!(history.redo(&mut doc));
        assert_eq!(doc, with_pue(1.7));
    }

    #[test]
    fn edits_of_two_parts_in_one_frame_are_one_step() {
        let start = ScenarioDoc::default();
        let mut doc = start.clone();
        let mut history = UndoHistory::default();
        history.apply(Edit::HardwareLifeYears(9.0), &mut doc);
        let mut fleet = doc.fleet.clone();
        fleet[0].units = 7;
        history.apply(Edit::Fleet(fleet), &mut doc);
        history.settle(true, &doc);
        let edited = doc.clone();
        assert!(history.undo(&mut doc));
        assert_eq!(doc, start);
        assert!(history.redo(&mut doc));
        assert_eq!(doc, edited);
    }

    #[test]
    fn a_change_that_comes_back_before_it_settles_is_no_step() {
        let mut doc = with_pue(1.1);
        let mut history = UndoHistory::default();
        history.apply(set_pue(9.0), &mut doc);
        history.settle(false, &doc);
        history.apply(set_pue(1.1), &mut doc);
        history.settle(true, &doc);
        assert!(!history.can_undo());
    }

    #[test]
    fn an_edit_that_changes_nothing_is_no_step() {
        let mut doc = with_pue(1.1);
        let mut history = UndoHistory::default();
        history.apply(set_pue(1.1), &mut doc);
        assert!(!history.can_undo());
    }
}
