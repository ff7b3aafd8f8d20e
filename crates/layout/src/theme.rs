//! The typographic decisions derived from a [`PageStyle`]: page geometry, sizes, the
//! vertical rhythm and the few colours. Every other module asks here instead of inventing
//! its own numbers, so the look stays consistent.

use crate::{LayoutError, Rgb};
use briefsmith_style::{Family, PageStyle};

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
/// The smallest text area accepted, in points (about 2.5 cm each way).
const MIN_AREA: f32 = 72.0;

/// Body text colour.
pub(crate) const INK: Rgb = Rgb(0.0, 0.0, 0.0);
/// Secondary text: running heads, attributions, captions.
pub(crate) const MUTED: Rgb = Rgb(0.33, 0.33, 0.33);
/// Rules and borders.
pub(crate) const RULE: Rgb = Rgb(0.35, 0.35, 0.35);
/// Quote bars: lighter than rules so they do not compete with the text.
pub(crate) const BAR: Rgb = Rgb(0.62, 0.62, 0.62);
/// Background of code, inline code and table headers.
pub(crate) const TINT: Rgb = Rgb(0.93, 0.93, 0.93);
/// The one accent: links and note references.
pub(crate) const LINK: Rgb = Rgb(0.0, 0.2, 0.55);

/// Thickness of hairline rules (table rules, header and footer rules).
pub(crate) const HAIRLINE: f32 = 0.4;
/// Thickness of thematic breaks and the rule under the title.
pub(crate) const RULE_WIDTH: f32 = 0.6;

/// The title (the document's leading `# Title`) relative to the body size.
const TITLE_SCALE: f32 = 2.0;

/// Geometry and type decisions for one document.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    pub page_w: f32,
    pub page_h: f32,
    /// The text area: left and top edges, width and height, in points.
    pub left: f32,
    pub top: f32,
    pub text_w: f32,
    pub text_h: f32,
    /// Margins at the top and bottom (running heads and banners live there).
    pub margin_top: f32,
    pub margin_bottom: f32,
    pub body_family: Family,
    pub heading_family: Family,
    /// Body size and baseline-to-baseline distance, in points.
    pub body: f32,
    pub lh: f32,
    /// Line height as a multiple of the font size.
    pub leading: f32,
    pub justify: bool,
    /// Heading sizes relative to the body size, for levels 1 to 6.
    pub heading_scale: [f32; 6],
}

impl Theme {
    /// Checks the style and derives the theme; a style that leaves no room to set text is
    /// an error rather than a page of overflowing glyphs.
    pub fn new(style: &PageStyle) -> Result<Theme, LayoutError> {
        let (page_w, page_h) = style.paper.size_pt();
        let m = style.margins_mm;
        let numbers = [
            page_w,
            page_h,
            m.top,
            m.right,
            m.bottom,
            m.left,
            style.body_size_pt,
            style.line_height,
        ];
        if numbers.iter().any(|n| !n.is_finite() || *n < 0.0) {
            return Err(LayoutError::Style(
                "sizes and margins must be finite, non-negative numbers".into(),
            ));
        }
        if !(4.0..=72.0).contains(&style.body_size_pt) {
            return Err(LayoutError::Style(format!(
                "body size {} pt is outside 4–72 pt",
                style.body_size_pt
            )));
        }
        if !(0.8..=4.0).contains(&style.line_height) {
            return Err(LayoutError::Style(format!(
                "line height {} is outside 0.8–4.0",
                style.line_height
            )));
        }
        if style
            .heading_scale
            .iter()
            .any(|k| !k.is_finite() || !(0.5..=4.0).contains(k))
        {
            return Err(LayoutError::Style(
                "heading sizes must be between 0.5 and 4 times the body size".into(),
            ));
        }
        let (left, right, top, bottom) = (m.left * MM, m.right * MM, m.top * MM, m.bottom * MM);
        let text_w = page_w - left - right;
        let text_h = page_h - top - bottom;
        if text_w < MIN_AREA || text_h < MIN_AREA {
            return Err(LayoutError::Style(format!(
                "margins leave a text area of {text_w:.0} × {text_h:.0} pt; at least {MIN_AREA:.0} pt each way is needed"
            )));
        }
        let body = style.body_size_pt;
        let lh = body * style.line_height;
        if lh * 6.0 > text_h {
            return Err(LayoutError::Style(format!(
                "a text area {text_h:.0} pt high cannot hold lines {lh:.1} pt apart"
            )));
        }
        Ok(Theme {
            page_w,
            page_h,
            left,
            top,
            text_w,
            text_h,
            margin_top: top,
            margin_bottom: bottom,
            body_family: style.body_family,
            heading_family: style.heading_family,
            body,
            lh,
            leading: style.line_height,
            justify: style.justify,
            heading_scale: style.heading_scale,
        })
    }

    /// Font size of a heading of `level` (1–6) relative to a base size.
    pub fn heading_size(&self, level: u8, base: f32) -> f32 {
        let i = usize::from(level.clamp(1, 6)) - 1;
        self.heading_scale[i] * base
    }

    /// Font size of the title block.
    pub fn title_size(&self) -> f32 {
        TITLE_SCALE * self.body
    }

    /// Size of footnote and endnote text.
    pub fn note_size(&self) -> f32 {
        (self.body * 0.82).max(4.0)
    }

    /// Size of running heads, footers and banners.
    pub fn furniture_size(&self) -> f32 {
        (self.body * 0.76).clamp(6.0, 10.0)
    }

    /// The bottom edge of the text area.
    pub fn bottom(&self) -> f32 {
        self.top + self.text_h
    }
}
