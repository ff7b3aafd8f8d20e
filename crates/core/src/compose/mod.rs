//! Editing a brief: commands (add, move, remove, edit) with undo and redo.
//!
//! The GUI turns each user action into an [`Edit`] and hands it to the [`Editor`], which
//! applies it, records how to undo it, and tracks whether the brief differs from the saved file.

mod editor;
mod error;
mod op;

pub use crate::model::BlockPos;
pub use editor::Editor;
pub use error::ComposeError;

use crate::model::{Block, BriefMeta, ItemSnapshot, Judgment, Marking, Section};

/// One change to a brief. Positions are checked: an out-of-range one is a [`ComposeError`].
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Adds a block (item, text or judgment) at a position; `at.index` may equal the section's length.
    InsertBlock { at: BlockPos, block: Block },
    /// Moves a block within or across sections; `to` is its final position.
    MoveBlock { from: BlockPos, to: BlockPos },
    /// Removes a block.
    RemoveBlock { at: BlockPos },
    /// Sets the analyst's note on an item block.
    SetNote { at: BlockPos, note: String },
    /// Sets the Markdown of a text block.
    SetText { at: BlockPos, markdown: String },
    /// Replaces a key judgment (text, confidence, likelihood, support).
    SetJudgment { at: BlockPos, judgment: Judgment },
    /// Sets the analyst's own mark on a block: a text's or a judgment's, or an item's
    /// note's (an item's own mark comes from the dataset). `None` means the brief's floor.
    SetMarking {
        at: BlockPos,
        marking: Option<Marking>,
    },
    /// Replaces an item block's snapshot, e.g. with what the dataset says now.
    RefreshSnapshot {
        at: BlockPos,
        snapshot: ItemSnapshot,
    },
    /// Adds an empty section at `index` (may equal the number of sections).
    AddSection { index: usize, heading: String },
    /// Renames a section.
    RenameSection { index: usize, heading: String },
    /// Moves a section; `to` is its final index.
    MoveSection { from: usize, to: usize },
    /// Removes a section with its blocks.
    RemoveSection { index: usize },
    /// Replaces the brief's metadata.
    SetMeta { meta: BriefMeta },
    /// Replaces the metadata and all sections at once (restoring an autosave as one step).
    ReplaceContent {
        meta: BriefMeta,
        sections: Vec<Section>,
    },
}
