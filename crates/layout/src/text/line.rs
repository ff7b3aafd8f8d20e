//! Setting one chosen line: spacing, bidi reordering, glyph runs, rules and link areas.

use std::ops::Range;

use super::FontId;
use super::fonts::FontBook;
use super::prepare::{Item, Kind, Prepared};
use super::style::{Align, TextStyle};
use crate::{GlyphRun, LinkArea, PageItem, PositionedGlyph, Rect};

/// A set line; coordinates are relative to the line's left edge and baseline (y down).
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// Right edge of the set content, from the line's left edge.
    pub width: f32,
    /// Space above the baseline (positive).
    pub ascent: f32,
    /// Space below the baseline (positive).
    pub descent: f32,
    pub items: Vec<PageItem>,
    pub links: Vec<LinkArea>,
}

impl Line {
    /// The line's items and links moved so its left edge and baseline sit at (`dx`, `dy`).
    pub fn translated(&self, dx: f32, dy: f32) -> (Vec<PageItem>, Vec<LinkArea>) {
        let items = self
            .items
            .iter()
            .map(|it| match it {
                PageItem::Glyphs(run) => {
                    let mut run = run.clone();
                    for g in &mut run.glyphs {
                        g.x += dx;
                        g.y += dy;
                    }
                    PageItem::Glyphs(run)
                }
                PageItem::Rect(r) => PageItem::Rect(Rect {
                    x: r.x + dx,
                    y: r.y + dy,
                    ..*r
                }),
                PageItem::Image(img) => {
                    let mut img = img.clone();
                    img.x += dx;
                    img.y += dy;
                    PageItem::Image(img)
                }
                PageItem::BeginTag(tag) => PageItem::BeginTag(*tag),
                PageItem::EndTag => PageItem::EndTag,
            })
            .collect();
        let links = self
            .links
            .iter()
            .map(|l| LinkArea {
                x: l.x + dx,
                y: l.y + dy,
                ..l.clone()
            })
            .collect();
        (items, links)
    }
}

/// How to set one line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineSpec {
    /// Measure of this line (after the indent).
    pub width: f32,
    /// Where the line starts (first-line indent).
    pub indent: f32,
    pub align: Align,
    /// Stretch spaces to the full measure (justified, and not a paragraph's last line).
    pub stretch: bool,
    /// Least `ascent + descent`.
    pub line_height: f32,
    /// Set a hyphen at the end.
    pub hyphen: bool,
}

/// A thing placed on the line, in visual order once reordered.
#[derive(Debug, Clone)]
struct Piece {
    item: usize,
    level: u8,
    width: f32,
    /// An inserted hyphen, not source text.
    hyphen: bool,
}

/// Sets items `range` of a prepared paragraph as one line.
pub(crate) fn set_line(
    book: &FontBook,
    p: &Prepared,
    range: Range<usize>,
    spec: &LineSpec,
) -> Line {
    let items = &p.items;
    let mut pieces: Vec<Piece> = Vec::with_capacity(range.len() + 1);
    for i in range.clone() {
        let it = &items[i];
        let keep = match it.kind {
            Kind::Box { .. } => true,
            Kind::Glue { .. } => !it.bytes.is_empty(),
            Kind::Penalty { .. } => false,
        };
        if keep {
            pieces.push(Piece {
                item: i,
                level: it.level,
                width: it.width,
                hyphen: false,
            });
        }
    }
    while pieces.last().is_some_and(|pc| !items[pc.item].is_box()) {
        pieces.pop();
    }
    if spec.hyphen
        && let Some(last) = pieces.last()
    {
        let penalty = range.end;
        let item = if penalty < items.len() {
            penalty
        } else {
            last.item
        };
        pieces.push(Piece {
            item,
            level: last.level,
            width: hyphen_width(book, p, item),
            hyphen: true,
        });
    }
    adjust_spaces(items, &mut pieces, spec);
    reorder(&mut pieces);
    let natural: f32 = pieces.iter().map(|pc| pc.width).sum();
    // A line set at its natural width (`single_line`) has no slack to place it in.
    let slack = if spec.width.is_finite() {
        (spec.width - natural).max(0.0)
    } else {
        0.0
    };
    let x0 = if p.rtl {
        // Left and justified mean "from the start", which is the right edge here; the
        // indent sits at the right too, so the line ends short of it.
        match spec.align {
            Align::Center => slack / 2.0,
            Align::Left | Align::Justify | Align::Right => slack,
        }
    } else {
        spec.indent
            + match spec.align {
                Align::Right => slack,
                Align::Center => slack / 2.0,
                Align::Left | Align::Justify => 0.0,
            }
    };
    let mut out = LineBuilder::new(book, p);
    let mut x = x0;
    for pc in &pieces {
        out.place(pc, x);
        x += pc.width;
    }
    // An empty line (between two hard breaks) is as tall as the text around it.
    let strut_span = items
        .get(range.end.min(items.len().saturating_sub(1)))
        .map_or(0, |it| it.span);
    let mut line = out.finish(spec.line_height, strut_span);
    line.width = x;
    line
}

fn hyphen_width(book: &FontBook, p: &Prepared, item: usize) -> f32 {
    let it = &p.items[item];
    let face = book.face(it.font);
    face.metrics.hyphen_advance * p.spans[it.span as usize].style.size / face.upem
}

/// Stretches or shrinks the spaces so the line meets its measure where it should.
fn adjust_spaces(items: &[Item], pieces: &mut [Piece], spec: &LineSpec) {
    let natural: f32 = pieces.iter().map(|pc| pc.width).sum();
    let glue = |pc: &Piece| match items[pc.item].kind {
        Kind::Glue {
            stretch, shrink, ..
        } if !pc.hyphen => Some((stretch, shrink)),
        _ => None,
    };
    if natural > spec.width {
        let shrink: f32 = pieces.iter().filter_map(glue).map(|g| g.1).sum();
        if shrink > 0.0 {
            let r = ((natural - spec.width) / shrink).min(1.0);
            for pc in pieces.iter_mut() {
                if let Some((_, z)) = glue(pc) {
                    pc.width -= z * r;
                }
            }
        }
    } else if spec.stretch && natural < spec.width {
        let stretch: f32 = pieces.iter().filter_map(glue).map(|g| g.0).sum();
        let count = pieces.iter().filter(|pc| glue(pc).is_some()).count();
        let extra = spec.width - natural;
        for pc in pieces.iter_mut() {
            if let Some((y, _)) = glue(pc) {
                pc.width += if stretch > 0.0 {
                    extra * y / stretch
                } else {
                    extra / count as f32
                };
            }
        }
    }
}

/// Bidi rule L2: from the highest level down to 1, reverse every run at that level or above.
fn reorder(pieces: &mut [Piece]) {
    let max = pieces.iter().map(|pc| pc.level).max().unwrap_or(0);
    for level in (1..=max).rev() {
        let mut i = 0;
        while i < pieces.len() {
            if pieces[i].level < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < pieces.len() && pieces[i].level >= level {
                i += 1;
            }
            pieces[start..i].reverse();
        }
    }
}

/// A glyph run being built: its source bytes grow at one end as pieces join it.
struct OpenRun {
    font: FontId,
    span: u32,
    rtl: bool,
    hyphen: bool,
    bytes: Range<usize>,
    x0: f32,
    x1: f32,
    /// Glyphs with clusters as paragraph byte offsets (rebased when the run closes).
    glyphs: Vec<PositionedGlyph>,
}

struct LineBuilder<'a> {
    book: &'a FontBook,
    p: &'a Prepared<'a>,
    runs: Vec<OpenRun>,
    links: Vec<LinkArea>,
}

impl<'a> LineBuilder<'a> {
    fn new(book: &'a FontBook, p: &'a Prepared<'a>) -> Self {
        LineBuilder {
            book,
            p,
            runs: Vec::new(),
            links: Vec::new(),
        }
    }

    fn style(&self, span: u32) -> &'a TextStyle {
        &self.p.spans[span as usize].style
    }

    fn place(&mut self, pc: &Piece, x: f32) {
        let it = &self.p.items[pc.item];
        let style = self.style(it.span);
        let rtl = pc.level % 2 == 1;
        let joins = self.runs.last().is_some_and(|r| {
            !r.hyphen
                && !pc.hyphen
                && r.font == it.font
                && r.rtl == rtl
                && (r.span == it.span || same_look(self.style(r.span), style))
                && if rtl {
                    it.bytes.end == r.bytes.start
                } else {
                    it.bytes.start == r.bytes.end
                }
        });
        if !joins {
            let bytes = if pc.hyphen { 0..0 } else { it.bytes.clone() };
            self.runs.push(OpenRun {
                font: it.font,
                span: it.span,
                rtl,
                hyphen: pc.hyphen,
                bytes,
                x0: x,
                x1: x,
                glyphs: Vec::new(),
            });
        }
        let book = self.book;
        let face = book.face(it.font);
        let shift = style.baseline_shift;
        let Some(run) = self.runs.last_mut() else {
            return;
        };
        if joins {
            if rtl {
                run.bytes.start = it.bytes.start;
            } else {
                run.bytes.end = it.bytes.end;
            }
        }
        run.x1 = x + pc.width;
        match it.kind {
            _ if pc.hyphen => run.glyphs.push(PositionedGlyph {
                id: face.metrics.hyphen_glyph,
                x,
                y: -shift,
                advance: pc.width,
                cluster: 0,
            }),
            Kind::Box { seg, glyphs } => {
                let s = &self.p.segments[seg as usize];
                let mut pen = x;
                let shaped = &s.shaped.glyphs[glyphs.0 as usize..glyphs.1 as usize];
                run.glyphs.reserve(shaped.len());
                for g in shaped {
                    let adv = g.advance as f32 * s.scale;
                    run.glyphs.push(PositionedGlyph {
                        id: g.id,
                        x: pen + g.dx as f32 * s.scale,
                        y: -(g.dy as f32 * s.scale) - shift,
                        advance: adv,
                        cluster: (s.bytes.start + g.cluster as usize) as u32,
                    });
                    pen += adv;
                }
            }
            Kind::Glue { .. } => run.glyphs.push(PositionedGlyph {
                id: face.metrics.space_glyph,
                x,
                y: -shift,
                advance: pc.width,
                cluster: it.bytes.start as u32,
            }),
            Kind::Penalty { .. } => {}
        }
        if let Some(target) = &style.link {
            let (asc, desc) = self.extent(it.span);
            let continues = self
                .links
                .last()
                .is_some_and(|l| &l.target == target && (l.x + l.width - x).abs() < 0.01);
            match self.links.last_mut() {
                Some(l) if continues => l.width = x + pc.width - l.x,
                _ => self.links.push(LinkArea {
                    tag: None,
                    x,
                    y: -asc,
                    width: pc.width,
                    height: asc + desc,
                    target: target.clone(),
                }),
            }
        }
    }

    /// Ascent and descent of a span's primary face at its size (fallback faces such as the
    /// tall Arabic one do not push lines apart).
    fn extent(&self, span: u32) -> (f32, f32) {
        let style = self.style(span);
        let face = self
            .book
            .face(self.book.primary(style.family, style.bold, style.italic));
        let k = style.size / face.upem;
        (
            face.metrics.ascender * k + style.baseline_shift,
            (face.metrics.descender * k - style.baseline_shift).max(0.0),
        )
    }

    fn finish(mut self, line_height: f32, strut_span: u32) -> Line {
        let (mut ascent, mut descent) = if self.runs.is_empty() && !self.p.spans.is_empty() {
            self.extent(strut_span)
        } else {
            (0.0, 0.0)
        };
        let runs = std::mem::take(&mut self.runs);
        let mut items = Vec::with_capacity(runs.len());
        let mut rules = Vec::new();
        for run in runs {
            let (a, d) = self.extent(run.span);
            ascent = ascent.max(a);
            descent = descent.max(d);
            let style = self.style(run.span);
            let face = self.book.face(run.font);
            let k = style.size / face.upem;
            let m = face.metrics;
            let mut rule = |pos: f32, thick: f32| {
                rules.push(PageItem::Rect(Rect {
                    x: run.x0,
                    y: -pos * k - thick * k / 2.0 - style.baseline_shift,
                    width: run.x1 - run.x0,
                    height: thick * k,
                    color: style.color,
                }))
            };
            if style.underline {
                rule(m.underline_pos, m.underline_thickness);
            }
            if style.strike {
                rule(m.strike_pos, m.strike_thickness);
            }
            let (text, base) = if run.hyphen {
                ("-".to_string(), 0)
            } else {
                (
                    self.p.text[run.bytes.clone()].to_string(),
                    run.bytes.start as u32,
                )
            };
            let mut glyphs = run.glyphs;
            for g in &mut glyphs {
                g.cluster -= base.min(g.cluster);
            }
            items.push(PageItem::Glyphs(GlyphRun {
                font: run.font,
                size: style.size,
                color: style.color,
                text,
                glyphs,
            }));
        }
        items.extend(rules);
        // The strut: lines of plain text are exactly `line_height` apart, split like the
        // primary face's ascender and descender.
        if line_height > 0.0 && ascent + descent > 0.0 && ascent + descent < line_height {
            let extra = line_height - ascent - descent;
            let share = ascent / (ascent + descent);
            ascent += extra * share;
            descent += extra * (1.0 - share);
        }
        Line {
            width: 0.0,
            ascent,
            descent,
            items,
            links: self.links,
        }
    }
}

/// Whether two styles draw the same (so their text can share a glyph run).
fn same_look(a: &TextStyle, b: &TextStyle) -> bool {
    a.size == b.size
        && a.color == b.color
        && a.baseline_shift == b.baseline_shift
        && a.underline == b.underline
        && a.strike == b.strike
}
