//! Text: bundled fonts, fallback, shaping, bidi, line breaking and hyphenation.
//!
//! [`break_paragraph`] sets styled spans as justified or ragged lines (Knuth–Plass
//! total-fit breaking with en-US hyphenation); [`single_line`] sets them without breaking;
//! [`width_bounds`] measures them for table columns. Lines hold glyph runs, rules and link
//! areas relative to their left edge and baseline.
//!
//! Direction: a paragraph takes the direction of its first strong character (UAX #9), so a
//! Persian paragraph runs right to left and starts at the right margin, while a Persian name
//! in English text is an embedded run; each line is reordered to visual order.
//!
//! Text extraction: every run's `text` is a slice of the source in logical order and every
//! glyph's `cluster` points into it. Spaces are set as space glyphs (so extracted words stay
//! apart); spaces where a line breaks are dropped. A hyphen added at a hyphenation break is
//! a run of its own whose text is `"-"`, so extraction reads "hyphen-" then "ation".

mod breaking;
mod cache;
mod direction;
mod fonts;
mod line;
mod prepare;
mod shaping;
mod style;
mod system;
#[cfg(test)]
mod tests;

pub use direction::is_rtl_paragraph;
pub use fonts::FontBook;
pub use line::Line;
pub use style::{Align, ParagraphSpec, Span, TextStyle};

use breaking::{Measure, choose_breaks, line_start_after};
use line::{LineSpec, set_line};
use prepare::{Kind, PrepareOptions, Prepared, prepare};

/// Index of a font face in the [`FontBook`] the document was laid out with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);

/// Narrowest measure the engine sets to; smaller or invalid widths are raised to it.
const MIN_WIDTH: f32 = 1.0;
/// Notional stretch of a ragged line, in ems of the paragraph's first span.
const RAGGED_STRETCH_EM: f32 = 3.0;

/// Breaks a paragraph into lines no wider than `spec.width`.
///
/// Words wider than the measure get break points between graphemes, so only a single
/// grapheme wider than the measure could overflow it.
pub fn break_paragraph(book: &FontBook, spans: &[Span], spec: &ParagraphSpec) -> Vec<Line> {
    let width = valid_width(spec.width);
    let mut indent = if spec.first_indent.is_finite() {
        spec.first_indent.clamp(0.0, width - MIN_WIDTH)
    } else {
        0.0
    };
    let justify = spec.align == Align::Justify;
    let mut measure = Measure {
        first: width - indent,
        rest: width,
        ragged_stretch: (!justify)
            .then(|| RAGGED_STRETCH_EM * spans.first().map_or(10.0, |s| valid_width(s.style.size))),
    };
    let p = prepare(
        book,
        spans,
        PrepareOptions {
            hyphenate: spec.hyphenate,
            split_wider_than: measure.first.min(measure.rest),
            justify,
        },
    );
    if p.items.is_empty() {
        return Vec::new();
    }
    // The indent gives way where the first piece of text would not fit beside it.
    if let Some(first) = p.items.iter().find(|it| it.is_box())
        && first.width > measure.first
    {
        indent = (width - first.width).max(0.0);
        measure.first = width - indent;
    }
    let breaks = choose_breaks(&p.items, &measure);
    set_lines(book, &p, &breaks, &measure, spec, indent)
}

/// Sets the lines between consecutive breaks.
fn set_lines(
    book: &FontBook,
    p: &Prepared,
    breaks: &[usize],
    m: &Measure,
    spec: &ParagraphSpec,
    indent: f32,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for (i, &b) in breaks.iter().enumerate() {
        let it = &p.items[b];
        let line_spec = LineSpec {
            width: if i == 0 { m.first } else { m.rest },
            indent: if i == 0 { indent } else { 0.0 },
            align: spec.align,
            stretch: spec.align == Align::Justify && !it.is_forced_break(),
            line_height: spec.line_height,
            hyphen: matches!(it.kind, Kind::Penalty { flagged: true, .. }) && it.width > 0.0,
        };
        lines.push(set_line(book, p, start..b, &line_spec));
        start = line_start_after(&p.items, b);
    }
    lines
}

/// Sets spans on one line at their natural width (headers, banners, list markers).
pub fn single_line(book: &FontBook, spans: &[Span]) -> Line {
    let p = prepare(book, spans, unbroken());
    let spec = LineSpec {
        width: f32::INFINITY,
        indent: 0.0,
        align: Align::Left,
        stretch: false,
        line_height: 0.0,
        hyphen: false,
    };
    set_line(book, &p, 0..p.items.len(), &spec)
}

/// The narrowest width the spans can be set in without overflow (their widest unbreakable
/// piece) and their width set on one line, for sizing table columns.
pub fn width_bounds(book: &FontBook, spans: &[Span]) -> (f32, f32) {
    let p = prepare(book, spans, unbroken());
    let (mut min, mut max) = (0.0f32, 0.0f32);
    let (mut piece, mut line) = (0.0f32, 0.0f32);
    for it in &p.items {
        match it.kind {
            Kind::Box { .. } => piece += it.width,
            _ => {
                min = min.max(piece);
                piece = 0.0;
            }
        }
        line += it.width;
        if it.is_forced_break() {
            max = max.max(line);
            line = 0.0;
        }
    }
    (min.max(piece), max.max(line))
}

fn unbroken() -> PrepareOptions {
    PrepareOptions {
        hyphenate: false,
        split_wider_than: f32::INFINITY,
        justify: false,
    }
}

fn valid_width(w: f32) -> f32 {
    if w.is_finite() {
        w.max(MIN_WIDTH)
    } else {
        1.0e6
    }
}
