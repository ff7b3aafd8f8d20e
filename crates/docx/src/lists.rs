//! Bullet and numbered lists: each item's first paragraph carries the list number
//! (`w:numPr`); its further paragraphs are indented to the item's text; nested lists go
//! one level deeper.

use briefsmith_layout::{Block, List};

use crate::body::{self, Ctx, Para, Part, Shared};
use crate::numbering::MAX_LEVEL;
use crate::styles;

/// Writes one list as a numbering instance of its own.
pub(crate) fn list(out: &mut Part, sh: &mut Shared<'_>, list: &List, ctx: &Ctx) {
    let level = ctx
        .list_level
        .map_or(0, |l| l.saturating_add(1))
        .min(MAX_LEVEL);
    let num = sh.numbering.list(list.start);
    let inner = Ctx {
        list_level: Some(level),
        ..ctx.clone()
    };
    let style = if ctx.style == styles::BODY {
        styles::LIST
    } else {
        ctx.style
    };
    for item in &list.items {
        let prefix = item.task.map(|done| if done { "☒ " } else { "☐ " });
        let numbered = Para {
            num: Some((num, level)),
            prefix,
            ..Para::new(style)
        };
        let (first, rest) = match item.blocks.split_first() {
            Some((Block::Paragraph(runs), rest)) => (runs.as_slice(), rest),
            // An item that starts with something else (or is empty) gets an empty
            // numbered paragraph, so its number still shows.
            _ => (&[][..], item.blocks.as_slice()),
        };
        body::paragraph(out, sh, &numbered, first);
        body::blocks(out, sh, rest, &inner);
    }
}
