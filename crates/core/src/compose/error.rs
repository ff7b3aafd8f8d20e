//! Why an edit was refused. A refused edit leaves the brief unchanged.

use crate::model::BlockPos;
use thiserror::Error;

/// An edit aimed at a place the brief does not have, or at the wrong kind of block.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ComposeError {
    /// The section index is out of range.
    #[error("no section {index}: the brief has {count} section(s)")]
    NoSection { index: usize, count: usize },
    /// A section cannot be inserted at this index.
    #[error("cannot put a section at {index}: the brief has {count} section(s)")]
    BadSectionIndex { index: usize, count: usize },
    /// There is no block at this position.
    #[error("no block at {pos}: that section has {len} block(s)")]
    NoBlock { pos: BlockPos, len: usize },
    /// A block cannot be placed at this position (past the end of the section).
    #[error("cannot place a block at {pos}: that section would have {len} block(s) before it")]
    BadPosition { pos: BlockPos, len: usize },
    /// The edit needs another kind of block, e.g. a note on a text block.
    #[error("the block at {pos} is not {expected}")]
    WrongBlock {
        pos: BlockPos,
        expected: &'static str,
    },
}
