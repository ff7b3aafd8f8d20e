//! Which portions each page holds, for banners rolled up page by page. A portion is a
//! paragraph, heading, list item, block quote, code block, image, table body row or note,
//! the outermost one counting (a paragraph inside a list item is part of the item); its
//! *lead* is the start of its text as written, where a marked document puts the portion's
//! mark (a code block's first line with text, which a marked brief gives to the mark; an
//! image's alt text, and the paragraph it was set in). The layout knows nothing of marking
//! schemes: it hands each page's leads to the caller's rule.

use std::collections::HashMap;

use crate::tree::{Block, Run, RunKind};
use crate::{Page, PageItem, Span, StructElem, StructId};

/// The most of a portion's text kept as its lead: marks and the short labels some
/// templates set before them ("Key judgment 1.") fit well within it.
const LEAD_CHARS: usize = 160;

/// Works out a page's banner from the leads of the portions on it, in reading order.
pub type PageBanner<'a> = &'a dyn Fn(&[&str]) -> String;

/// The lead of a block that is a portion by itself; `None` for blocks that are not
/// (lists and tables, whose items and rows are the portions; rules; images).
pub(crate) fn block_lead(block: &Block) -> Option<String> {
    match block {
        Block::Heading { runs, .. } | Block::Paragraph(runs) => Some(runs_lead(runs)),
        Block::Quote(blocks) => Some(blocks_lead(blocks)),
        // A blank first line is the block's spacing, not where its mark would stand.
        Block::Code(text) => Some(clip(
            text.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default(),
        )),
        // A mark may be written in the alt text; see also [`Leads::also`].
        Block::Image(image) => Some(clip(&image.alt)),
        Block::List(_) | Block::Table(_) | Block::Rule => None,
    }
}

/// The portions the layout noted: each portion element's lead, and the elements whose
/// content also belongs to a portion set before them.
#[derive(Debug, Default)]
pub(crate) struct Leads {
    leads: HashMap<StructId, String>,
    also: HashMap<StructId, StructId>,
}

impl Leads {
    /// Notes `id` as a portion with `lead`.
    pub fn insert(&mut self, id: StructId, lead: String) {
        self.leads.insert(id, lead);
    }

    /// The lead of portion `id`, if it is one.
    pub fn get(&self, id: StructId) -> Option<&str> {
        self.leads.get(&id).map(String::as_str)
    }

    /// Makes a page holding `id`'s content hold the portion of `earlier` too. An image is
    /// set as a block of its own, apart from the text of the paragraph it stood in, where
    /// its mark is written (`(S) ![map](map.png)`): wherever the image lands, that
    /// paragraph's mark must count. A paragraph that only stood before it counts too,
    /// which can raise a page's banner but never lower it.
    pub fn also(&mut self, id: StructId, earlier: StructId) {
        self.also.insert(id, earlier);
    }
}

/// The lead of a run of blocks (a list item, a quote, a note): that of the first one
/// with text.
pub(crate) fn blocks_lead(blocks: &[Block]) -> String {
    let Some(first) = blocks.first() else {
        return String::new();
    };
    match first {
        Block::List(list) => list
            .items
            .first()
            .map(|item| blocks_lead(&item.blocks))
            .unwrap_or_default(),
        Block::Table(table) => table
            .rows
            .first()
            .and_then(|row| row.first())
            .map(|cell| runs_lead(cell))
            .unwrap_or_default(),
        other => block_lead(other).unwrap_or_default(),
    }
}

/// The lead of a table row as set: its first cell's text.
pub(crate) fn spans_lead(cell: Option<&Vec<Span>>) -> String {
    let text: String = cell
        .into_iter()
        .flatten()
        .map(|s| s.text.as_str())
        .collect();
    clip(&text)
}

fn runs_lead(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        if out.chars().count() >= LEAD_CHARS {
            break;
        }
        match r.kind {
            RunKind::Text | RunKind::Code => out.push_str(&r.text),
            RunKind::Break => out.push(' '),
            RunKind::NoteRef => {}
        }
    }
    clip(&out)
}

fn clip(text: &str) -> String {
    text.trim_start().chars().take(LEAD_CHARS).collect()
}

/// For every page, the leads of the portions with any content on it, each once, in the
/// order they first appear there. A portion broken across pages is on both; a table
/// header repeated on a later page is decoration and brings no portion.
pub(crate) fn page_leads<'a>(
    pages: &[Page],
    structure: &[StructElem],
    noted: &'a Leads,
) -> Vec<Vec<&'a str>> {
    let leads = &noted.leads;
    // Elements come after their parents, so one pass finds each one's outermost portion.
    let mut outer: Vec<Option<StructId>> = Vec::with_capacity(structure.len());
    for (i, elem) in structure.iter().enumerate() {
        let id = StructId(i as u32);
        let inherited = elem
            .parent
            .and_then(|p| outer.get(p.0 as usize).copied().flatten());
        outer.push(inherited.or_else(|| leads.contains_key(&id).then_some(id)));
    }
    pages
        .iter()
        .map(|page| {
            let mut seen: Vec<StructId> = Vec::new();
            for item in &page.items {
                let PageItem::BeginTag(tag) = item else {
                    continue;
                };
                let earlier = noted.also.get(tag);
                for elem in std::iter::once(tag).chain(earlier) {
                    if let Some(Some(portion)) = outer.get(elem.0 as usize)
                        && !seen.contains(portion)
                    {
                        seen.push(*portion);
                    }
                }
            }
            seen.iter()
                .filter_map(|id| leads.get(id).map(String::as_str))
                .collect()
        })
        .collect()
}
