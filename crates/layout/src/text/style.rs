//! What the caller says about text: styled spans and how a paragraph is to be set.

use crate::{LinkTarget, Rgb};
use briefsmith_style::Family;

/// The look of a span of text.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
    /// Font size in points.
    pub size: f32,
    pub color: Rgb,
    /// Where a click on this text leads, if anywhere.
    pub link: Option<LinkTarget>,
    pub underline: bool,
    pub strike: bool,
    /// Points to raise the baseline by (positive = up), e.g. for note references.
    pub baseline_shift: f32,
}

impl TextStyle {
    /// Plain black text of a family and size.
    pub fn new(family: Family, size: f32) -> TextStyle {
        TextStyle {
            family,
            bold: false,
            italic: false,
            size,
            color: Rgb::BLACK,
            link: None,
            underline: false,
            strike: false,
            baseline_shift: 0.0,
        }
    }
}

impl Default for TextStyle {
    fn default() -> Self {
        TextStyle::new(Family::Serif, 10.5)
    }
}

/// A piece of text in one style; a paragraph is a sequence of spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub text: String,
    pub style: TextStyle,
}

impl Span {
    /// A span of `text` in `style`.
    pub fn new(text: impl Into<String>, style: TextStyle) -> Span {
        Span {
            text: text.into(),
            style,
        }
    }
}

/// Horizontal alignment of the lines of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
    Center,
    /// Both edges flush; the last line is set flush left.
    Justify,
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParagraphSpec {
    /// Measure (line length) in points; no line is set wider than this.
    pub width: f32,
    pub align: Align,
    /// Baseline-to-baseline distance in points: the least `ascent + descent` of a line.
    pub line_height: f32,
    /// Break words with en-US hyphenation patterns where that improves spacing.
    pub hyphenate: bool,
    /// Indent of the first line in points.
    pub first_indent: f32,
}

impl ParagraphSpec {
    /// Flush left, unhyphenated, no indent: headings, code and notices, whose words must
    /// stay whole.
    pub fn ragged(width: f32, line_height: f32) -> Self {
        ParagraphSpec {
            width,
            align: Align::Left,
            line_height,
            hyphenate: false,
            first_indent: 0.0,
        }
    }
}
