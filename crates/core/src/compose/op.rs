//! Applying one change to a brief and returning the change that undoes it.
//!
//! Undo history stores these inverse changes rather than copies of the brief, so a
//! 500-block brief costs a few bytes per step, not a clone.

use super::{ComposeError, Edit};
use crate::model::{Block, BlockPos, Brief, Section};
use std::mem;

/// A reversible change: every public [`Edit`], plus restoring a removed section with its blocks.
// Boxing would save a few hundred bytes per history step and cost an allocation per edit.
#[expect(
    clippy::large_enum_variant,
    reason = "one op per undo step; boxing buys nothing"
)]
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Edit(Edit),
    InsertSection { index: usize, section: Section },
}

/// Which field a `Set*` edit types into; consecutive edits of one target merge in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Note(BlockPos),
    Text(BlockPos),
    Judgment(BlockPos),
    Heading(usize),
    Meta,
}

impl Edit {
    /// The field this edit sets, for edits that merge while the user types.
    pub(crate) fn target(&self) -> Option<Target> {
        match self {
            Edit::SetNote { at, .. } => Some(Target::Note(*at)),
            Edit::SetText { at, .. } => Some(Target::Text(*at)),
            Edit::SetJudgment { at, .. } => Some(Target::Judgment(*at)),
            Edit::RenameSection { index, .. } => Some(Target::Heading(*index)),
            Edit::SetMeta { .. } => Some(Target::Meta),
            _ => None,
        }
    }

    /// Whether applying this edit to `brief` would change nothing (an invalid edit is not a no-op).
    pub(crate) fn changes_nothing(&self, brief: &Brief) -> bool {
        match self {
            Edit::MoveBlock { from, to } => from == to && brief.block(*from).is_some(),
            Edit::MoveSection { from, to } => from == to && *from < brief.sections.len(),
            Edit::SetNote { at, note } => {
                matches!(brief.block(*at), Some(Block::Item(r)) if r.note == *note)
            }
            Edit::SetText { at, markdown } => {
                matches!(brief.block(*at), Some(Block::Text(t)) if t.markdown == *markdown)
            }
            Edit::SetJudgment { at, judgment } => {
                matches!(brief.block(*at), Some(Block::Judgment(j)) if j == judgment)
            }
            Edit::RefreshSnapshot { at, snapshot } => {
                matches!(brief.block(*at), Some(Block::Item(r)) if r.snapshot == *snapshot)
            }
            Edit::SetMarking { at, marking } => brief.block(*at).is_some_and(|b| match b {
                Block::Item(r) => r.note_marking == *marking,
                Block::Text(t) => t.marking == *marking,
                Block::Judgment(j) => j.marking == *marking,
            }),
            Edit::RenameSection { index, heading } => brief
                .sections
                .get(*index)
                .is_some_and(|s| s.heading == *heading),
            Edit::SetMeta { meta } => brief.meta == *meta,
            Edit::ReplaceContent { meta, sections } => {
                brief.meta == *meta && brief.sections == *sections
            }
            _ => false,
        }
    }
}

/// Applies `op` to `brief` and returns its inverse; on error the brief is unchanged.
pub(crate) fn apply(brief: &mut Brief, op: Op) -> Result<Op, ComposeError> {
    let edit = match op {
        Op::Edit(edit) => edit,
        Op::InsertSection { index, section } => {
            check_section_insert(brief, index)?;
            brief.sections.insert(index, section);
            return Ok(Op::Edit(Edit::RemoveSection { index }));
        }
    };
    let inverse = match edit {
        Edit::InsertBlock { at, block } => {
            let blocks = blocks_mut(brief, at.section)?;
            if at.index > blocks.len() {
                return Err(ComposeError::BadPosition {
                    pos: at,
                    len: blocks.len(),
                });
            }
            blocks.insert(at.index, block);
            Edit::RemoveBlock { at }
        }
        Edit::RemoveBlock { at } => {
            check_block(brief, at)?;
            let block = blocks_mut(brief, at.section)?.remove(at.index);
            Edit::InsertBlock { at, block }
        }
        Edit::MoveBlock { from, to } => {
            check_block(brief, from)?;
            let target_len = section(brief, to.section)?.blocks.len();
            let room = target_len - usize::from(from.section == to.section);
            if to.index > room {
                return Err(ComposeError::BadPosition { pos: to, len: room });
            }
            let block = blocks_mut(brief, from.section)?.remove(from.index);
            blocks_mut(brief, to.section)?.insert(to.index, block);
            Edit::MoveBlock { from: to, to: from }
        }
        Edit::SetNote { at, note } => match block_mut(brief, at)? {
            Block::Item(r) => Edit::SetNote {
                at,
                note: mem::replace(&mut r.note, note),
            },
            _ => return Err(wrong(at, "an item")),
        },
        Edit::SetText { at, markdown } => match block_mut(brief, at)? {
            Block::Text(t) => Edit::SetText {
                at,
                markdown: mem::replace(&mut t.markdown, markdown),
            },
            _ => return Err(wrong(at, "a text block")),
        },
        Edit::SetJudgment { at, judgment } => match block_mut(brief, at)? {
            Block::Judgment(j) => Edit::SetJudgment {
                at,
                judgment: mem::replace(j, judgment),
            },
            _ => return Err(wrong(at, "a key judgment")),
        },
        Edit::SetMarking { at, marking } => {
            let own = match block_mut(brief, at)? {
                Block::Item(r) => &mut r.note_marking,
                Block::Text(t) => &mut t.marking,
                Block::Judgment(j) => &mut j.marking,
            };
            Edit::SetMarking {
                at,
                marking: mem::replace(own, marking),
            }
        }
        Edit::RefreshSnapshot { at, snapshot } => match block_mut(brief, at)? {
            Block::Item(r) => Edit::RefreshSnapshot {
                at,
                snapshot: mem::replace(&mut r.snapshot, snapshot),
            },
            _ => return Err(wrong(at, "an item")),
        },
        Edit::AddSection { index, heading } => {
            check_section_insert(brief, index)?;
            brief.sections.insert(
                index,
                Section {
                    heading,
                    blocks: Vec::new(),
                },
            );
            Edit::RemoveSection { index }
        }
        Edit::RenameSection { index, heading } => {
            let s = section_mut(brief, index)?;
            Edit::RenameSection {
                index,
                heading: mem::replace(&mut s.heading, heading),
            }
        }
        Edit::MoveSection { from, to } => {
            section(brief, from)?;
            section(brief, to)?;
            let s = brief.sections.remove(from);
            brief.sections.insert(to, s);
            Edit::MoveSection { from: to, to: from }
        }
        Edit::RemoveSection { index } => {
            section(brief, index)?;
            let section = brief.sections.remove(index);
            return Ok(Op::InsertSection { index, section });
        }
        Edit::SetMeta { meta } => Edit::SetMeta {
            meta: mem::replace(&mut brief.meta, meta),
        },
        Edit::ReplaceContent { meta, sections } => Edit::ReplaceContent {
            meta: mem::replace(&mut brief.meta, meta),
            sections: mem::replace(&mut brief.sections, sections),
        },
    };
    Ok(Op::Edit(inverse))
}

fn wrong(pos: BlockPos, expected: &'static str) -> ComposeError {
    ComposeError::WrongBlock { pos, expected }
}

fn section(brief: &Brief, index: usize) -> Result<&Section, ComposeError> {
    let count = brief.sections.len();
    brief
        .sections
        .get(index)
        .ok_or(ComposeError::NoSection { index, count })
}

fn section_mut(brief: &mut Brief, index: usize) -> Result<&mut Section, ComposeError> {
    let count = brief.sections.len();
    brief
        .sections
        .get_mut(index)
        .ok_or(ComposeError::NoSection { index, count })
}

fn blocks_mut(brief: &mut Brief, index: usize) -> Result<&mut Vec<Block>, ComposeError> {
    Ok(&mut section_mut(brief, index)?.blocks)
}

fn check_block(brief: &Brief, pos: BlockPos) -> Result<(), ComposeError> {
    let len = section(brief, pos.section)?.blocks.len();
    if pos.index < len {
        Ok(())
    } else {
        Err(ComposeError::NoBlock { pos, len })
    }
}

fn block_mut(brief: &mut Brief, pos: BlockPos) -> Result<&mut Block, ComposeError> {
    check_block(brief, pos)?;
    Ok(&mut blocks_mut(brief, pos.section)?[pos.index])
}

fn check_section_insert(brief: &Brief, index: usize) -> Result<(), ComposeError> {
    let count = brief.sections.len();
    if index <= count {
        Ok(())
    } else {
        Err(ComposeError::BadSectionIndex { index, count })
    }
}
