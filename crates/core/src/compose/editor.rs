//! The editor: the brief being composed, its undo and redo history, and its saved state.

use super::op::{self, Op, Target};
use super::{ComposeError, Edit};
use crate::model::Brief;

/// A brief under edit, with undo/redo and a modified flag.
#[derive(Debug, Clone)]
pub struct Editor {
    brief: Brief,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Bumped on every change, so views know when to refresh.
    revision: u64,
    /// Source of ids for the states the brief passes through; 0 is the state it was opened in.
    last_state: u64,
    saved_state: u64,
    /// The field the last edit typed into, while further edits to it still merge.
    typing: Option<Target>,
}

/// A history entry: the change to apply to step through it, and the state id after this step.
#[derive(Debug, Clone)]
struct Step {
    op: Op,
    state: u64,
}

impl Editor {
    /// Starts editing `brief`, which counts as saved.
    pub fn new(brief: Brief) -> Self {
        Editor {
            brief,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            last_state: 0,
            saved_state: 0,
            typing: None,
        }
    }

    /// The brief as it stands.
    pub fn brief(&self) -> &Brief {
        &self.brief
    }

    /// Ends editing and hands back the brief.
    pub fn into_brief(self) -> Brief {
        self.brief
    }

    /// Applies an edit and records it for undo; clears redo.
    ///
    /// Consecutive `SetNote`/`SetText`/`SetJudgment`/`RenameSection`/`SetMeta` edits of
    /// the same target merge into one undo step (typing a note is one step, not one per key).
    /// An edit that changes nothing is accepted and not recorded.
    pub fn apply(&mut self, edit: Edit) -> Result<(), ComposeError> {
        if edit.changes_nothing(&self.brief) {
            return Ok(());
        }
        let target = edit.target();
        let inverse = op::apply(&mut self.brief, Op::Edit(edit))?;
        self.redo.clear();
        self.last_state += 1;
        let state = self.last_state;
        match self.undo.last_mut() {
            // Keep the older inverse: it restores the value from before the typing began.
            Some(top) if target.is_some() && target == self.typing => top.state = state,
            _ => self.undo.push(Step { op: inverse, state }),
        }
        self.typing = target;
        self.revision += 1;
        Ok(())
    }

    /// Undoes the last step; `false` when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        match op::apply(&mut self.brief, step.op.clone()) {
            Ok(forward) => {
                self.redo.push(Step {
                    op: forward,
                    state: step.state,
                });
                self.changed();
                true
            }
            Err(_) => {
                // Cannot happen while history and brief agree; keep both as they are.
                self.undo.push(step);
                false
            }
        }
    }

    /// Redoes the last undone step; `false` when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        match op::apply(&mut self.brief, step.op.clone()) {
            Ok(inverse) => {
                self.undo.push(Step {
                    op: inverse,
                    state: step.state,
                });
                self.changed();
                true
            }
            Err(_) => {
                self.redo.push(step);
                false
            }
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// How many steps there are to undo; grows by one for each edit that is a step of its
    /// own (typing that merges into the last step leaves it as it was).
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Whether there is an undone step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// A counter that changes on every apply, undo and redo that changed the brief.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the brief differs from the last saved state (undoing back to it counts as unmodified).
    pub fn is_modified(&self) -> bool {
        self.current_state() != self.saved_state
    }

    /// Records that the brief as it stands has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.current_state();
        self.typing = None;
    }

    /// Ends the current run of merged typing edits (call when a text field loses focus),
    /// so the next edit of the same field is a step of its own.
    pub fn end_typing(&mut self) {
        self.typing = None;
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state)
    }

    fn changed(&mut self) {
        self.typing = None;
        self.revision += 1;
    }
}
