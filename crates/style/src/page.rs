//! Page style: what a template's manifest says about paper, margins, type and notes.

use serde::{Deserialize, Serialize};

/// Paper size of every page.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
    /// Any size, in millimetres.
    Custom { width_mm: f32, height_mm: f32 },
}

impl Paper {
    /// Width and height in PDF points (1/72 in).
    pub fn size_pt(self) -> (f32, f32) {
        const MM: f32 = 72.0 / 25.4;
        match self {
            Paper::A4 => (210.0 * MM, 297.0 * MM),
            Paper::Letter => (612.0, 792.0),
            Paper::Custom {
                width_mm,
                height_mm,
            } => (width_mm * MM, height_mm * MM),
        }
    }
}

/// Page margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// A bundled type family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    Serif,
    Sans,
    Mono,
}

/// Where the notes (Markdown footnotes) are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NotesPlacement {
    /// At the foot of the page that references each note.
    Footnotes,
    /// All together at the end of the document.
    Endnotes,
}

/// Everything the layout needs to know about the look of the pages.
///
/// Header and footer texts may hold `{title}`, `{page}`, `{pages}`, `{date}` and
/// `{banner}` placeholders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageStyle {
    pub paper: Paper,
    pub margins_mm: Margins,
    pub body_family: Family,
    pub heading_family: Family,
    /// Body text size in points.
    pub body_size_pt: f32,
    /// Baseline-to-baseline distance as a multiple of the body size.
    pub line_height: f32,
    /// Justify paragraphs (otherwise ragged right).
    pub justify: bool,
    /// Sizes of headings of levels 1 to 6, as multiples of the body size.
    pub heading_scale: [f32; 6],
    pub header_left: String,
    pub header_right: String,
    pub footer_left: String,
    pub footer_right: String,
    /// Set the classification banner at top and bottom of every page when the document has one.
    pub show_banner: bool,
    pub notes: NotesPlacement,
    /// Export PDF/A-2b (for records systems) rather than an ordinary PDF.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub pdf_a: bool,
}

impl Default for PageStyle {
    fn default() -> Self {
        PageStyle {
            paper: Paper::A4,
            margins_mm: Margins {
                top: 25.0,
                right: 22.0,
                bottom: 25.0,
                left: 22.0,
            },
            body_family: Family::Serif,
            heading_family: Family::Sans,
            body_size_pt: 10.5,
            line_height: 1.35,
            justify: true,
            heading_scale: [1.6, 1.3, 1.15, 1.0, 1.0, 0.9],
            header_left: "{title}".into(),
            header_right: "{date}".into(),
            footer_left: String::new(),
            footer_right: "Page {page} of {pages}".into(),
            show_banner: true,
            notes: NotesPlacement::Footnotes,
            pdf_a: false,
        }
    }
}

/// Facts about the document that are not in its Markdown: the PDF's metadata and the banner.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    /// The document's date as the reader should see it, e.g. "12 October 2024".
    pub date: String,
    /// Classification or handling banner, e.g. "OFFICIAL-SENSITIVE" or "TLP:AMBER"; empty for none.
    pub banner: String,
}
