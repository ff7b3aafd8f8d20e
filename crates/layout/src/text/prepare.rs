//! Spans → a list of boxes, glue and penalties ready for line breaking.
//!
//! The spans' texts are joined into one logical string. It is cut at UAX #14 break
//! opportunities into words; each word is cut where the span, the face (per-character
//! fallback) or the bidi level changes into segments, which are shaped (cached) once.
//! Segments are cut further into boxes at hyphenation points (penalty with a hyphen) and,
//! for a word wider than the narrowest line, at every grapheme boundary (emergency breaks).

use std::ops::Range;
use std::sync::Arc;

use unicode_bidi::{BidiInfo, Level};
use unicode_linebreak::{BreakOpportunity, linebreaks};
use unicode_segmentation::UnicodeSegmentation;

use super::FontId;
use super::cache::Shaped;
use super::fonts::FontBook;
use super::shaping::shape;
use super::style::Span;

/// Cost of breaking at a hyphenation point (TeX's \hyphenpenalty).
const HYPHEN_PENALTY: f32 = 50.0;
/// Cost of breaking after an explicit hyphen, slash or similar (TeX's \exhyphenpenalty).
const EXPLICIT_PENALTY: f32 = 50.0;
/// Cost of breaking a word that fits no line between two graphemes.
const EMERGENCY_PENALTY: f32 = 900.0;
/// A penalty at least this large forbids a break; at most its negation forces one.
pub(crate) const INFINITE_PENALTY: f32 = 10_000.0;
/// Shortest word (in chars) worth hyphenating.
const MIN_HYPHENATE_CHARS: usize = 5;
/// Longer letter runs are not words (and the patterns would cost time for nothing).
const MAX_HYPHENATE_CHARS: usize = 64;

/// A run of text in one span, face and bidi level, shaped as a unit.
#[derive(Debug)]
pub(crate) struct Segment {
    pub span: u32,
    pub font: FontId,
    pub level: u8,
    /// Byte range in the paragraph text.
    pub bytes: Range<usize>,
    pub shaped: Arc<Shaped>,
    /// Points per font unit.
    pub scale: f32,
    /// Natural width in points.
    pub width: f32,
}

/// What an item is, in Knuth–Plass terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// Glyphs `glyphs` of segment `seg`.
    Box { seg: u32, glyphs: (u32, u32) },
    /// A space (or the paragraph-end filler when `fill`).
    Glue {
        stretch: f32,
        shrink: f32,
        fill: bool,
    },
    /// A possible break costing `cost`; `flagged` = a line broken here ends with a hyphen,
    /// which is inserted (as wide as the penalty) when the penalty has a width.
    Penalty { cost: f32, flagged: bool },
}

/// One element of the paragraph: a box, a glue or a penalty, with its natural width.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub kind: Kind,
    pub width: f32,
    /// Span whose style applies (for glue: the space's span).
    pub span: u32,
    /// Face that sets the item (glue: the space glyph; flagged penalty: the hyphen).
    pub font: FontId,
    pub level: u8,
    /// Source bytes covered (empty for penalties and the final filler).
    pub bytes: Range<usize>,
}

impl Item {
    pub fn is_box(&self) -> bool {
        matches!(self.kind, Kind::Box { .. })
    }

    pub fn is_forced_break(&self) -> bool {
        matches!(self.kind, Kind::Penalty { cost, .. } if cost <= -INFINITE_PENALTY)
    }
}

/// A paragraph turned into items.
#[derive(Debug)]
pub(crate) struct Prepared<'a> {
    pub spans: &'a [Span],
    /// The spans' texts joined.
    pub text: String,
    /// The paragraph runs right to left (its first strong character is, UAX #9 P2–P3):
    /// its lines start at the right.
    pub rtl: bool,
    pub segments: Vec<Segment>,
    pub items: Vec<Item>,
}

/// Options of [`prepare`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct PrepareOptions {
    pub hyphenate: bool,
    /// Words wider than this get emergency break points between graphemes.
    pub split_wider_than: f32,
    /// Justified text gets stretchable and shrinkable spaces; ragged text fixed ones.
    pub justify: bool,
}

/// Builds the item list of a paragraph, ending with a filler glue and a forced break.
pub(crate) fn prepare<'a>(
    book: &FontBook,
    spans: &'a [Span],
    opts: PrepareOptions,
) -> Prepared<'a> {
    let mut text = String::with_capacity(spans.iter().map(|s| s.text.len()).sum());
    let mut span_ends = Vec::with_capacity(spans.len());
    for s in spans {
        text.push_str(&s.text);
        span_ends.push(text.len());
    }
    let (levels, rtl) = bidi_levels(&text);
    let mut b = Builder {
        book,
        spans,
        text: &text,
        span_ends: &span_ends,
        levels: &levels,
        has_rtl: levels.iter().any(|&l| l != 0),
        opts,
        segments: Vec::new(),
        items: Vec::with_capacity(text.len() / 3 + 4),
        last_font: None,
        splits: Vec::new(),
    };
    let mut start = 0;
    // Leading spaces of the paragraph are dropped, like spaces at any line start.
    while let Some(c) = text[start..].chars().next().filter(|c| is_space(*c)) {
        start += c.len_utf8();
    }
    for (end, opp) in linebreaks(&text) {
        if end <= start {
            continue;
        }
        let mandatory = opp == BreakOpportunity::Mandatory && end < text.len();
        b.word(start..end, mandatory);
        start = end;
    }
    b.finish();
    let (segments, items) = (b.segments, b.items);
    Prepared {
        spans,
        text,
        rtl,
        segments,
        items,
    }
}

/// Bidi embedding level of every byte, and whether the paragraph is right-to-left. The
/// paragraph takes the direction of its first strong character (a Persian paragraph is
/// right-to-left, an English one with a Persian name left-to-right with an embedded run);
/// one with none is left-to-right. Hard line breaks do not restart the choice: the whole
/// paragraph is aligned one way.
fn bidi_levels(text: &str) -> (Vec<u8>, bool) {
    // Below U+0590 no character is right-to-left: skip the bidi pass for most paragraphs.
    if text.chars().all(|c| (c as u32) < 0x590) {
        return (vec![0; text.len()], false);
    }
    let rtl = super::is_rtl_paragraph(text);
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    (info.levels.iter().map(|l| l.number()).collect(), rtl)
}

fn is_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}' && c != '\u{2007}'
}

/// Characters that never choose a face themselves (they take the face of their neighbour).
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

/// A point inside a word where it may be broken.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Split {
    Hyphen,
    Grapheme,
}

struct Builder<'b> {
    book: &'b FontBook,
    spans: &'b [Span],
    text: &'b str,
    span_ends: &'b [usize],
    levels: &'b [u8],
    /// Whether any text is right-to-left (otherwise every level is 0).
    has_rtl: bool,
    opts: PrepareOptions,
    segments: Vec<Segment>,
    items: Vec<Item>,
    last_font: Option<FontId>,
    /// Scratch list of a word's split points, kept to spare an allocation per word.
    splits: Vec<(usize, Split)>,
}

impl Builder<'_> {
    fn span_at(&self, byte: usize) -> u32 {
        self.span_ends.partition_point(|&e| e <= byte) as u32
    }

    /// Adds one word (text up to a break opportunity, with its trailing spaces).
    fn word(&mut self, range: Range<usize>, mandatory: bool) {
        let word = &self.text[range.clone()];
        let content_len = word.trim_end_matches(is_space).len();
        let content = range.start..range.start + content_len;
        let spaces = content.end..range.end;
        let first_seg = self.segments.len();
        if !content.is_empty() {
            self.segment(content.clone());
        }
        let segs = first_seg..self.segments.len();
        if !segs.is_empty() {
            self.boxes(content.clone(), segs);
        }
        let at_end = range.end >= self.text.len();
        if mandatory {
            self.forced_break(range.end);
        } else if at_end {
            // The paragraph's end is added by `finish`.
        } else if !spaces.is_empty() {
            self.glue(spaces);
        } else if !content.is_empty() {
            let flagged = word.ends_with(['-', '\u{2010}', '\u{2013}']);
            self.penalty(EXPLICIT_PENALTY, flagged, content.end);
        }
    }

    /// Cuts `range` into segments of one span, face and level, and shapes them.
    fn segment(&mut self, range: Range<usize>) {
        // Most words are ASCII in one span, left to right, and wholly in the primary face.
        let span = self.span_at(range.start);
        let text = &self.text[range.clone()];
        if !self.has_rtl && text.is_ascii() && self.span_at(range.end - 1) == span {
            let style = &self.spans[span as usize].style;
            let primary = self.book.primary(style.family, style.bold, style.italic);
            if text.chars().all(|c| self.book.has_glyph(primary, c)) {
                self.push_segment((span, primary, 0), range);
                return;
            }
        }
        let mut seg_start = range.start;
        let mut cur: Option<(u32, FontId, u8)> = None;
        for (i, c) in self.text[range.clone()].char_indices() {
            let at = range.start + i;
            let span = self.span_at(at);
            let level = self.levels.get(at).copied().unwrap_or(0);
            let font = self.pick_font(span, c, cur.filter(|k| k.0 == span).map(|k| k.1));
            let key = (span, font, level);
            match cur {
                Some(k) if k == key => {}
                Some(k) => {
                    self.push_segment(k, seg_start..at);
                    seg_start = at;
                    cur = Some(key);
                }
                None => cur = Some(key),
            }
        }
        if let Some(k) = cur {
            self.push_segment(k, seg_start..range.end);
        }
    }

    /// The face for `c`: the current face for neutral characters it has, otherwise the first
    /// face of the span's fallback chain that has it, otherwise a system face that has it,
    /// otherwise the primary face (.notdef).
    fn pick_font(&self, span: u32, c: char, cur: Option<FontId>) -> FontId {
        let style = &self.spans[span as usize].style;
        let chain = self
            .book
            .fallback_chain(style.family, style.bold, style.italic);
        if let Some(f) = cur {
            let neutral = !c.is_alphabetic();
            if is_invisible_control(c) || (neutral && self.book.has_glyph(f, c)) {
                return f;
            }
        }
        if is_invisible_control(c) {
            return chain[0];
        }
        chain
            .iter()
            .copied()
            .find(|&f| self.book.has_glyph(f, c))
            .or_else(|| {
                // Spaces and controls a face lacks are not worth a system face.
                (!c.is_whitespace() && !c.is_control())
                    .then(|| self.book.system_fallback(c, style.family, style.bold))
                    .flatten()
            })
            .unwrap_or(chain[0])
    }

    fn push_segment(&mut self, (span, font, level): (u32, FontId, u8), bytes: Range<usize>) {
        let size = self.spans[span as usize].style.size;
        let face = self.book.face(font);
        let shaped = shape(self.book, font, &self.text[bytes.clone()], level % 2 == 1);
        self.last_font = Some(font);
        let scale = size / face.upem;
        self.segments.push(Segment {
            span,
            font,
            level,
            bytes,
            width: shaped.advance as f32 * scale,
            shaped,
            scale,
        });
    }

    /// Emits the boxes of a word's segments, with penalties at its split points.
    fn boxes(&mut self, content: Range<usize>, segs: Range<usize>) {
        let width: f32 = segs.clone().map(|s| self.segments[s].width).sum();
        let mut splits = std::mem::take(&mut self.splits);
        splits.clear();
        if self.opts.hyphenate {
            self.hyphen_points(content.clone(), &mut splits);
        }
        // Soft hyphens are the author's own hyphenation points.
        for (i, _) in self.text[content.clone()].match_indices('\u{ad}') {
            splits.push((content.start + i + 2, Split::Hyphen));
        }
        if width > self.opts.split_wider_than {
            for (i, _) in self.text[content.clone()].grapheme_indices(true).skip(1) {
                splits.push((content.start + i, Split::Grapheme));
            }
        }
        splits.sort_by_key(|s| s.0);
        // A hyphenation point wins over a grapheme boundary at the same place.
        splits.dedup_by(|b, a| a.0 == b.0);
        let mut next = 0;
        for s in segs {
            let seg = &self.segments[s];
            let (start, end) = (seg.bytes.start, seg.bytes.end);
            let shaped = seg.shaped.clone();
            let glyphs = &shaped.glyphs;
            let n = glyphs.len();
            let rtl = seg.level % 2 == 1;
            // Glyphs in logical order: clusters never decrease.
            let cluster = |k: usize| glyphs[if rtl { n - 1 - k } else { k }].cluster as usize;
            let (mut from, mut from_k, mut k) = (start, 0, 0);
            while next < splits.len() && splits[next].0 <= end {
                let (at, kind) = splits[next];
                next += 1;
                if at <= start {
                    continue;
                }
                let upto = if at < end {
                    while k < n && cluster(k) < at - start {
                        k += 1;
                    }
                    // Inside a ligature or a cluster: no break there.
                    if k == n || cluster(k) != at - start {
                        continue;
                    }
                    k
                } else {
                    n
                };
                self.push_box(s, from..at, from_k..upto);
                (from, from_k) = (at, upto);
                if at < content.end {
                    self.split_penalty(s, kind, at);
                }
            }
            if from < end {
                self.push_box(s, from..end, from_k..n);
            }
        }
        self.splits = splits;
    }

    fn split_penalty(&mut self, seg: usize, kind: Split, at: usize) {
        let segment = &self.segments[seg];
        match kind {
            Split::Hyphen => {
                let face = self.book.face(segment.font);
                let w = face.metrics.hyphen_advance * segment.scale;
                self.penalty_in(seg, HYPHEN_PENALTY, true, w, at);
            }
            Split::Grapheme => self.penalty_in(seg, EMERGENCY_PENALTY, false, 0.0, at),
        }
    }

    /// Hyphenation points of the plain lowercase ASCII words in `content`.
    fn hyphen_points(&self, content: Range<usize>, out: &mut Vec<(usize, Split)>) {
        if !self.book.cache.can_hyphenate() {
            return;
        }
        let text = &self.text[content.clone()];
        let mut i = 0;
        let bytes = text.as_bytes();
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // A letter run glued to other letters (accented, other scripts) is not an English word.
            let next_is_letter = text[i..].chars().next().is_some_and(char::is_alphabetic);
            let prev_is_letter = text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let word = &text[start..i];
            // Capitalised words are mostly names (places, people, organisations) and acronyms,
            // which style guides keep whole.
            let capitalised = word.as_bytes()[0].is_ascii_uppercase();
            let level = self.levels.get(content.start + start).copied().unwrap_or(0);
            if word.len() < MIN_HYPHENATE_CHARS
                || word.len() > MAX_HYPHENATE_CHARS
                || next_is_letter
                || prev_is_letter
                || capitalised
                || level % 2 == 1
            {
                continue;
            }
            for &b in self.book.cache.hyphenate(word).iter() {
                out.push((content.start + start + b as usize, Split::Hyphen));
            }
        }
    }

    /// A box of segment `seg`'s text `bytes`, set by its glyphs `logical` (in logical order).
    fn push_box(&mut self, seg: usize, bytes: Range<usize>, logical: Range<usize>) {
        let s = &self.segments[seg];
        let n = s.shaped.glyphs.len();
        let glyphs = if s.level % 2 == 1 {
            (n - logical.end, n - logical.start)
        } else {
            (logical.start, logical.end)
        };
        let width = if glyphs == (0, n) {
            s.width
        } else {
            let units: i32 = s.shaped.glyphs[glyphs.0..glyphs.1]
                .iter()
                .map(|g| g.advance)
                .sum();
            units as f32 * s.scale
        };
        self.items.push(Item {
            kind: Kind::Box {
                seg: seg as u32,
                glyphs: (glyphs.0 as u32, glyphs.1 as u32),
            },
            width,
            span: s.span,
            font: s.font,
            level: s.level,
            bytes,
        });
    }

    fn penalty_in(&mut self, seg: usize, cost: f32, flagged: bool, width: f32, at: usize) {
        let s = &self.segments[seg];
        self.items.push(Item {
            kind: Kind::Penalty { cost, flagged },
            width,
            span: s.span,
            font: s.font,
            level: s.level,
            bytes: at..at,
        });
    }

    /// A break opportunity (of no width) after the text before `at`.
    fn penalty(&mut self, cost: f32, flagged: bool, at: usize) {
        let span = self
            .span_at(at.saturating_sub(1))
            .min(self.spans.len().saturating_sub(1) as u32);
        let font = self.space_font(span);
        self.items.push(Item {
            kind: Kind::Penalty { cost, flagged },
            width: 0.0,
            span,
            font,
            level: 0,
            bytes: at..at,
        });
    }

    /// The face that sets a space in `span`: the face of the preceding text if it is in the
    /// same span, so a space after an Arabic word is set in the Arabic face.
    fn space_font(&self, span: u32) -> FontId {
        match self.segments.last() {
            Some(s) if s.span == span => s.font,
            _ => {
                let style = &self.spans[span as usize].style;
                self.book.primary(style.family, style.bold, style.italic)
            }
        }
    }

    fn glue(&mut self, bytes: Range<usize>) {
        let span = self.span_at(bytes.start);
        let font = self.space_font(span);
        let style = &self.spans[span as usize].style;
        let face = self.book.face(font);
        let n = self.text[bytes.clone()].chars().count() as f32;
        let width = face.metrics.space_advance * style.size / face.upem * n;
        let (stretch, shrink) = if self.opts.justify {
            (width / 2.0, width / 3.0)
        } else {
            (0.0, 0.0)
        };
        let level = self.levels.get(bytes.start).copied().unwrap_or(0);
        self.items.push(Item {
            kind: Kind::Glue {
                stretch,
                shrink,
                fill: false,
            },
            width,
            span,
            font,
            level,
            bytes,
        });
    }

    fn filler(&mut self, at: usize) {
        let span = self
            .span_at(at.saturating_sub(1))
            .min(self.spans.len().saturating_sub(1) as u32);
        let font = self.last_font.unwrap_or(FontId(0));
        self.items.push(Item {
            kind: Kind::Glue {
                stretch: 0.0,
                shrink: 0.0,
                fill: true,
            },
            width: 0.0,
            span,
            font,
            level: 0,
            bytes: at..at,
        });
    }

    fn forced_break(&mut self, at: usize) {
        self.filler(at);
        let mut p = Item {
            kind: Kind::Penalty {
                cost: -INFINITE_PENALTY,
                flagged: false,
            },
            ..self.items[self.items.len() - 1].clone()
        };
        p.width = 0.0;
        self.items.push(p);
    }

    fn finish(&mut self) {
        // Text with nothing to draw (empty, or only spaces and newlines) makes no lines.
        if !self.items.iter().any(Item::is_box) {
            self.items.clear();
            return;
        }
        if !self.items.last().is_some_and(Item::is_forced_break) {
            self.forced_break(self.text.len());
        }
    }
}
