//! The layout's output: pages of positioned boxes, drawn by the PDF writer and the preview.
//!
//! Coordinates are in PDF points with the origin at the page's top-left corner and y
//! growing downwards (the PDF writer flips them). Glyph positions are baselines.

use crate::text::FontId;

/// A typeset document: its pages, outline and the metadata to write.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub pages: Vec<Page>,
    /// Headings in document order, for the PDF outline.
    pub outline: Vec<OutlineEntry>,
    pub info: briefsmith_style::DocumentInfo,
    /// What the reader of the output should be told: images shown as placeholders, why.
    pub warnings: Vec<String>,
    /// The logical structure in reading order (element 0 is the document), which the
    /// pages' tagged content belongs to; empty for a document built by hand.
    pub structure: Vec<crate::StructElem>,
}

/// One page and what is drawn on it, in painting order.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<PageItem>,
    /// Clickable areas.
    pub links: Vec<LinkArea>,
    /// Named positions on this page that internal links point at.
    pub anchors: Vec<Anchor>,
}

/// A thing drawn on a page.
#[derive(Debug, Clone)]
pub enum PageItem {
    Glyphs(GlyphRun),
    /// A filled rectangle (rules are thin rectangles).
    Rect(Rect),
    Image(ImageBox),
    /// The items up to the matching [`PageItem::EndTag`] are content of this structure
    /// element; items outside any tag are artifacts (running heads, rules, tints).
    BeginTag(crate::StructId),
    /// Ends the content begun by the last [`PageItem::BeginTag`].
    EndTag,
}

/// Shaped glyphs in one font and size, on one baseline.
#[derive(Debug, Clone)]
pub struct GlyphRun {
    pub font: FontId,
    pub size: f32,
    pub color: Rgb,
    /// The run's text in logical order, for text extraction and search.
    pub text: String,
    pub glyphs: Vec<PositionedGlyph>,
}

/// A glyph id at an absolute position; `cluster` is the byte offset of its source text in
/// the run's `text`, so the writer can map glyphs back to characters.
#[derive(Debug, Clone, Copy)]
pub struct PositionedGlyph {
    pub id: u16,
    pub x: f32,
    pub y: f32,
    pub advance: f32,
    pub cluster: u32,
}

/// An axis-aligned rectangle, filled with a colour.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub color: Rgb,
}

/// A decoded raster image placed on the page.
#[derive(Debug, Clone)]
pub struct ImageBox {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    /// The image file's bytes (PNG) as read.
    pub data: std::sync::Arc<Vec<u8>>,
}

/// An sRGB colour, components 0–1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0.0, 0.0, 0.0);
}

/// A clickable area and where it leads.
#[derive(Debug, Clone)]
pub struct LinkArea {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
    pub target: LinkTarget,
    /// The structure element whose text the link is on (tagged PDF: the link's own
    /// element goes under it); `None` for links outside the structure.
    pub tag: Option<crate::StructId>,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// An http, https or mailto address (others are never made links).
    External(String),
    /// An anchor name in this document (e.g. a note or a note's reference).
    Internal(String),
}

/// A named position, target of internal links.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub name: String,
    pub y: f32,
}

/// A heading in the outline.
#[derive(Debug, Clone)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Index into `Document::pages`.
    pub page: usize,
    pub y: f32,
}
