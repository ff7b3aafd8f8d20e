//! Where a block stands in a brief, and small helpers to build and walk briefs.

use super::{Block, Brief, BriefMeta, DatasetRef, Section};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The schema string of the brief format this version writes.
pub const BRIEF_SCHEMA: &str = "briefsmith-brief/2";
/// The schema string of the dataset format this version writes.
pub const DATASET_SCHEMA: &str = "briefsmith-dataset/2";

/// A block's place: its section and its index within that section, both from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BlockPos {
    pub section: usize,
    pub index: usize,
}

impl BlockPos {
    /// The block at `index` in section `section`.
    pub fn new(section: usize, index: usize) -> Self {
        BlockPos { section, index }
    }
}

impl fmt::Display for BlockPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sections[{}].blocks[{}]", self.section, self.index)
    }
}

impl Brief {
    /// A new, empty brief of the current schema with one empty section per heading
    /// (e.g. a template's default sections).
    pub fn new_from_sections<S: AsRef<str>>(
        meta: BriefMeta,
        dataset: DatasetRef,
        headings: &[S],
    ) -> Brief {
        Brief {
            schema: BRIEF_SCHEMA.to_owned(),
            meta,
            dataset,
            sections: headings
                .iter()
                .map(|h| Section {
                    heading: h.as_ref().to_owned(),
                    blocks: Vec::new(),
                })
                .collect(),
        }
    }

    /// The block at `pos`, if there is one.
    pub fn block(&self, pos: BlockPos) -> Option<&Block> {
        self.sections.get(pos.section)?.blocks.get(pos.index)
    }

    /// Every block with its position, in reading order.
    pub fn blocks(&self) -> impl Iterator<Item = (BlockPos, &Block)> {
        self.sections.iter().enumerate().flat_map(|(s, section)| {
            section
                .blocks
                .iter()
                .enumerate()
                .map(move |(i, b)| (BlockPos::new(s, i), b))
        })
    }

    /// The number of blocks in all sections.
    pub fn block_count(&self) -> usize {
        self.sections.iter().map(|s| s.blocks.len()).sum()
    }
}
