//! Markdown → pages of positioned boxes: the typesetting engine shared by the PDF writer
//! and the in-app preview. No PDF types live here.

mod page;
mod parse;
mod style;
pub mod text;
mod tree;

pub use page::{
    Anchor, Document, GlyphRun, ImageBox, LinkArea, LinkTarget, OutlineEntry, Page, PageItem,
    PositionedGlyph, Rect, Rgb,
};
pub use style::{DocumentInfo, Family, Margins, NotesPlacement, PageStyle, Paper};
pub use text::{
    Align, FontBook, FontId, Line, ParagraphSpec, Span, TextStyle, break_paragraph, single_line,
    width_bounds,
};
