//! One undo history for everything the analyst does: edits of the brief (kept, with
//! their typing merges, by the core's [`Editor`](briefsmith_core::compose::Editor)) and
//! edits of the library (kept here as [`Change`]s, each undone by its inverse).
//!
//! The history only records which kind of step came when, so Ctrl+Z undoes the newest
//! step whichever pane it was made in.

use briefsmith_library::Change;

/// One step of the history.
#[derive(Debug, Clone)]
pub enum Step {
    /// The editor's newest step (or, on the redo stack, its newest undone step).
    Brief,
    /// A library edit as applied; undoing applies its inverse.
    Library(Box<Change>),
}

/// The undo and redo stacks.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a new step; a new step ends what could be redone.
    pub fn push(&mut self, step: Step) {
        self.undo.push(step);
        self.redo.clear();
    }

    /// The step to undo next, taken off the undo stack.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    /// The step to redo next, taken off the redo stack.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// Puts an undone step where redo finds it.
    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Puts a redone (or failed-to-undo) step back where undo finds it.
    pub fn redone(&mut self, step: Step) {
        self.undo.push(step);
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (another draft was opened).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
