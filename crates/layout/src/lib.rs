//! Markdown → pages of positioned boxes: the typesetting engine shared by the PDF writer
//! and the in-app preview. No PDF types live here.
//!
//! [`typeset`] runs the pipeline left to right: `parse` (pulldown-cmark events → a small
//! document tree) → `blocks`/`table` (the tree → a flow of measured chunks, each paragraph
//! broken into lines once by `text`, see [`break_paragraph`]) → `paginate` (chunks →
//! pages, with keeps, repeated table headers and footnotes) → `furniture` (running heads,
//! page numbers, banner).

mod blocks;
mod error;
mod flow;
mod furniture;
mod image;
mod inline;
mod language;
mod notes;
mod page;
mod paginate;
mod parse;
mod pixels;
pub mod placeholders;
mod portions;
mod reading;
mod structure;
mod table;
mod text;
mod theme;
mod tree;
mod typeset;

pub use error::LayoutError;
pub use image::read_local;
pub use language::{CharLanguage, ScriptLanguages};
pub use page::{
    Anchor, Document, GlyphRun, ImageBox, LinkArea, LinkTarget, OutlineEntry, Page, PageItem,
    PositionedGlyph, Rect, Rgb,
};
pub use parse::parse;
pub use pixels::{PngError, RgbaImage, decode_png};
pub use portions::PageBanner;
pub use pulldown_cmark::Alignment;
pub use reading::{ElementText, page_reading};
pub use structure::{Role, StructElem, StructId};
pub use text::{
    Align, FontBook, FontId, Line, ParagraphSpec, Span, TextStyle, break_paragraph,
    is_rtl_paragraph, single_line, width_bounds,
};
pub use tree::{Block, Image, List, ListItem, NoteDef, Run, RunKind, Table, Tree, is_attribution};
pub use typeset::{typeset, typeset_with, typeset_with_banners};
