//! What every check needs at hand: the brief, the dataset (if any), the rules, and the
//! brief's picked items by id, built once per run.

use crate::{Place, Rules};
use briefsmith_core::model::{
    Block, BlockPos, Brief, Credibility, DatasetIndex, ItemId, ItemSnapshot, Judgment, Reliability,
    SourceId,
};
use std::collections::HashMap;

/// A cited item's grade and source, as the brief (or else the dataset) has them.
pub(crate) struct Grade<'a> {
    pub source: &'a SourceId,
    pub reliability: &'a Reliability,
    pub credibility: Credibility,
}

pub(crate) struct Context<'a> {
    pub brief: &'a Brief,
    pub dataset: Option<&'a DatasetIndex<'a>>,
    pub rules: &'a Rules,
    /// The snapshot of each item the brief cites as a block (first block wins).
    picked: HashMap<&'a str, &'a ItemSnapshot>,
    /// Each key judgment with its position and its number in the brief (from 1).
    pub judgments: Vec<(BlockPos, usize, &'a Judgment)>,
}

impl<'a> Context<'a> {
    pub fn new(brief: &'a Brief, dataset: Option<&'a DatasetIndex<'a>>, rules: &'a Rules) -> Self {
        let mut picked = HashMap::new();
        let mut judgments = Vec::new();
        for (pos, block) in brief.blocks() {
            match block {
                Block::Item(r) => {
                    picked.entry(r.item.as_str()).or_insert(&r.snapshot);
                }
                Block::Judgment(j) => judgments.push((pos, judgments.len() + 1, j)),
                Block::Text(_) => {}
            }
        }
        Context {
            brief,
            dataset,
            rules,
            picked,
            judgments,
        }
    }

    /// Where `pos` is, for a finding; `judgment` is the key judgment's number, if it is one.
    pub fn place(&self, pos: BlockPos, judgment: Option<usize>) -> Place {
        Place {
            section: Some(pos.section),
            heading: self
                .brief
                .sections
                .get(pos.section)
                .map(|s| s.heading.clone())
                .unwrap_or_default(),
            block: Some(pos.index),
            judgment,
        }
    }

    /// The analyst's own words, each with its place: the bottom line, then each block's
    /// (a text block's Markdown, a judgment's text, an item's note), in reading order.
    pub fn analyst_texts(&self) -> impl Iterator<Item = (Place, &'a str)> + '_ {
        let blocks = self.brief.blocks().map(|(pos, block)| {
            let text = match block {
                Block::Text(t) => t.markdown.as_str(),
                Block::Judgment(j) => j.text.as_str(),
                Block::Item(r) => r.note.as_str(),
            };
            (self.place(pos, None), text)
        });
        std::iter::once((Place::brief(), self.brief.meta.bottom_line.as_str())).chain(blocks)
    }

    /// The grade of a cited item: from its block's snapshot (what the brief prints), else
    /// from the dataset; `None` when neither has it.
    pub fn grade(&self, id: &ItemId) -> Option<Grade<'a>> {
        if let Some(s) = self.picked.get(id.as_str()) {
            return Some(Grade {
                source: &s.source.id,
                reliability: &s.source.reliability,
                credibility: s.credibility,
            });
        }
        let ds = self.dataset?;
        let item = ds.item(id)?;
        // A source the dataset lacks has no grade, which counts as low.
        static UNGRADED: Reliability = Reliability(String::new());
        Some(Grade {
            source: &item.source,
            reliability: ds
                .source(&item.source)
                .map_or(&UNGRADED, |s| &s.reliability),
            credibility: item.credibility,
        })
    }
}

/// The key of a finding about a judgment: its text, so moving it keeps an acknowledgement.
pub(crate) fn judgment_key(j: &Judgment) -> String {
    format!("judgment:{}", j.text.trim())
}

/// The key of a finding about a cited item: its id.
pub(crate) fn item_key(id: &ItemId) -> String {
    format!("item:{id}")
}
