//! The document's logical structure, for tagged PDF and screen readers: which element
//! (heading, paragraph, list item, table cell, note, figure …) each thing on a page belongs
//! to. Content on a page sits between [`PageItem::BeginTag`] and [`PageItem::EndTag`];
//! anything outside such a pair (running heads, page numbers, banners, rules, tints) is an
//! artifact, not part of the text.

use crate::{LinkArea, PageItem};

/// Index of an element in [`crate::Document::structure`]; 0 is the document itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StructId(pub u32);

/// What an element is: the standard structure types of PDF (ISO 32000-1, 14.8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    /// A heading of level 1–6.
    Heading(u8),
    Paragraph,
    List,
    ListItem,
    /// A list item's number or bullet, or a note's number.
    Label,
    ListBody,
    BlockQuote,
    Table,
    TableRow,
    /// A header cell; it heads its column.
    TableHeader,
    TableCell,
    /// A footnote or endnote.
    Note,
    /// An image, with its alternative text.
    Figure,
    /// Preformatted code.
    Code,
}

impl Role {
    /// The PDF structure type name, e.g. `H2`, `LBody`.
    pub fn pdf_name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Heading(1) => "H1",
            Role::Heading(2) => "H2",
            Role::Heading(3) => "H3",
            Role::Heading(4) => "H4",
            Role::Heading(5) => "H5",
            Role::Heading(_) => "H6",
            Role::Paragraph => "P",
            Role::List => "L",
            Role::ListItem => "LI",
            Role::Label => "Lbl",
            Role::ListBody => "LBody",
            Role::BlockQuote => "BlockQuote",
            Role::Table => "Table",
            Role::TableRow => "TR",
            Role::TableHeader => "TH",
            Role::TableCell => "TD",
            Role::Note => "Note",
            Role::Figure => "Figure",
            Role::Code => "Code",
        }
    }
}

/// One element of the structure tree. Elements are listed in reading order, each after
/// its parent, so a parent's children are the later elements naming it.
#[derive(Debug, Clone, PartialEq)]
pub struct StructElem {
    pub role: Role,
    /// `None` only for the document element.
    pub parent: Option<StructId>,
    /// Alternative text (a figure's description).
    pub alt: Option<String>,
}

/// Marks the content items of `items` as belonging to `tag`: each stretch of glyphs and
/// images is wrapped in a begin/end pair; filled rectangles (rules, tints, boxes) stay
/// outside, as artifacts. Items already tagged are left as they are.
pub(crate) fn tag_items(items: &mut Vec<PageItem>, tag: StructId) {
    if items.iter().any(|i| matches!(i, PageItem::BeginTag(_))) {
        return;
    }
    let mut out = Vec::with_capacity(items.len() + 2);
    let mut open = false;
    for item in items.drain(..) {
        let content = matches!(item, PageItem::Glyphs(_) | PageItem::Image(_));
        if content && !open {
            out.push(PageItem::BeginTag(tag));
            open = true;
        } else if !content && open {
            out.push(PageItem::EndTag);
            open = false;
        }
        out.push(item);
    }
    if open {
        out.push(PageItem::EndTag);
    }
    *items = out;
}

/// Puts the links not yet in an element on the text of `tag`.
pub(crate) fn tag_links(links: &mut [LinkArea], tag: StructId) {
    for link in links {
        link.tag.get_or_insert(tag);
    }
}

/// Removes the tags from `items`, making them artifacts (a table header repeated on a
/// later page is not read twice).
pub(crate) fn untag_items(items: &mut Vec<PageItem>) {
    items.retain(|i| !matches!(i, PageItem::BeginTag(_) | PageItem::EndTag));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Rect, Rgb};

    fn rect() -> PageItem {
        PageItem::Rect(Rect {
            x: 0.0,
            y: 0.0,
            width: 1.0,
            height: 1.0,
            color: Rgb::BLACK,
        })
    }

    fn glyphs() -> PageItem {
        PageItem::Glyphs(crate::GlyphRun {
            font: crate::FontId(0),
            size: 10.0,
            color: Rgb::BLACK,
            text: "a".into(),
            glyphs: Vec::new(),
        })
    }

    fn shape(items: &[PageItem]) -> String {
        items
            .iter()
            .map(|i| match i {
                PageItem::Glyphs(_) => 'g',
                PageItem::Rect(_) => 'r',
                PageItem::Image(_) => 'i',
                PageItem::BeginTag(_) => '<',
                PageItem::EndTag => '>',
            })
            .collect()
    }

    #[test]
    fn content_is_wrapped_and_rectangles_stay_artifacts() {
        let mut items = vec![rect(), glyphs(), glyphs(), rect(), glyphs()];
        tag_items(&mut items, StructId(3));
        assert_eq!(shape(&items), "r<gg>r<g>");
        tag_items(&mut items, StructId(4));
        assert_eq!(shape(&items), "r<gg>r<g>", "tagged once");
        untag_items(&mut items);
        assert_eq!(shape(&items), "rggrg");
    }
}
