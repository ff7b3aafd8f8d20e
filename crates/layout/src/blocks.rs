//! Block layout: the document tree → the vertical flow of measured chunks. Paragraphs are
//! broken into lines once, here; pagination only moves the chunks.

use std::path::Path;
use std::rc::Rc;

use crate::flow::{Chunk, Deco, Flow, shift};
use crate::image::{self, Loaded};
use crate::inline::{self, note_of, ref_anchor};
use crate::notes::NoteRegistry;
use crate::portions::{self, Leads};
use crate::structure::{tag_items, tag_links};
use crate::theme::{self, Theme};
use crate::tree::{Block, Image, List, Run, is_attribution};
use crate::{
    Align, Anchor, FontBook, ImageBox, Line, PageItem, ParagraphSpec, Rect, Rgb, Role, Span,
    StructElem, StructId, TextStyle, break_paragraph, single_line,
};
use briefsmith_style::Family;

/// Blocks are not indented further once the measure would drop below this share of the
/// text width (deep nesting then sets flat instead of squeezing the text to nothing).
const MIN_MEASURE_SHARE: f32 = 0.4;

/// Where and how blocks are set: the measure, the text size and what encloses them.
#[derive(Debug, Clone)]
pub(crate) struct Scope {
    /// Left edge and width of the measure, in page coordinates.
    pub x: f32,
    pub width: f32,
    /// Text size and baseline distance.
    pub size: f32,
    pub lh: f32,
    pub family: Family,
    pub color: Rgb,
    pub justify: bool,
    /// Decorations of the enclosing blocks (quote bars).
    pub decos: Rc<[Deco]>,
    /// Inside a tight list: no space between paragraphs.
    pub tight: bool,
    /// Nesting depth of lists, for the bullet shape.
    pub list_depth: usize,
}

impl Scope {
    /// The space between paragraphs (half a line keeps the rhythm).
    fn gap(&self) -> f32 {
        if self.tight { 0.0 } else { self.lh * 0.5 }
    }

    pub(crate) fn text_style(&self) -> TextStyle {
        let mut s = TextStyle::new(self.family, self.size);
        s.color = self.color;
        s
    }
}

/// A list marker waiting for the first line of its item.
struct Marker {
    line: Line,
    x: f32,
    /// The label element the marker is content of.
    tag: Option<StructId>,
}

/// Sets blocks into a [`Flow`].
pub(crate) struct Layouter<'a> {
    pub book: &'a FontBook,
    pub theme: &'a Theme,
    pub base_dir: Option<&'a Path>,
    pub notes: NoteRegistry,
    pub flow: Flow,
    /// Record the notes each chunk references, for setting them at the foot of its page.
    pub footnotes: bool,
    /// Setting the body of a note (references found there are not in the main text).
    pub in_note: bool,
    markers: Vec<Marker>,
    next_id: u32,
    /// Images set as placeholders, each with why: reported with the document.
    pub warnings: Vec<String>,
    /// The structure elements made so far, in reading order (0: the document).
    pub structure: Vec<StructElem>,
    /// The elements being filled, innermost last: new elements go under the last.
    open: Vec<StructId>,
    /// The element the chunks emitted now are content of (`None`: artifacts).
    leaf: Option<StructId>,
    /// Record portion leads (only banners rolled up page by page need them).
    pub want_leads: bool,
    /// The lead of every portion element (see [`crate::portions`]), for page banners.
    pub leads: Leads,
    /// The lead the next element made is a portion with.
    next_lead: Option<String>,
}

impl<'a> Layouter<'a> {
    /// A layouter writing into an empty flow.
    pub fn new(
        book: &'a FontBook,
        theme: &'a Theme,
        base_dir: Option<&'a Path>,
        notes: NoteRegistry,
        footnotes: bool,
    ) -> Layouter<'a> {
        Layouter {
            book,
            theme,
            base_dir,
            notes,
            flow: Flow::default(),
            footnotes,
            in_note: false,
            markers: Vec::new(),
            next_id: 0,
            warnings: Vec::new(),
            structure: vec![StructElem {
                role: Role::Document,
                parent: None,
                alt: None,
            }],
            open: vec![StructId(0)],
            leaf: None,
            want_leads: false,
            leads: Leads::default(),
            next_lead: None,
        }
    }

    /// A new structure element under the innermost open one.
    pub fn element(&mut self, role: Role, alt: Option<String>) -> StructId {
        let id = StructId(self.structure.len() as u32);
        self.structure.push(StructElem {
            role,
            parent: self.open.last().copied(),
            alt,
        });
        if let Some(lead) = self.next_lead.take() {
            self.leads.insert(id, lead);
        }
        id
    }

    /// Makes the next element made a portion with the lead `lead` gives (`None`: not a
    /// portion).
    pub fn portion_next(&mut self, lead: impl FnOnce() -> Option<String>) {
        self.next_lead = if self.want_leads { lead() } else { None };
    }

    /// Opens a new element that the following elements go under, until [`Self::leave`].
    pub fn enter(&mut self, role: Role) -> StructId {
        let id = self.element(role, None);
        self.open.push(id);
        id
    }

    /// Closes the element last entered.
    pub fn leave(&mut self) {
        if self.open.len() > 1 {
            self.open.pop();
        }
    }

    /// Runs `f` with the chunks it emits as content of a new element `role`.
    pub fn as_content(&mut self, role: Role, alt: Option<String>, f: impl FnOnce(&mut Self)) {
        let id = self.element(role, alt);
        let outer = self.leaf.replace(id);
        f(self);
        self.leaf = outer;
    }

    /// The scope of body text across the whole text area.
    pub fn body_scope(&self) -> Scope {
        Scope {
            x: self.theme.left,
            width: self.theme.text_w,
            size: self.theme.body,
            lh: self.theme.lh,
            family: self.theme.body_family,
            color: theme::INK,
            justify: self.theme.justify,
            decos: Rc::from(Vec::new()),
            tight: false,
            list_depth: 0,
        }
    }

    /// A fresh id for a decoration or a table.
    pub fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// Sets blocks in order.
    pub fn blocks(&mut self, blocks: &[Block], scope: &Scope) {
        // The paragraph just set: an image after it may have stood in its text.
        let mut paragraph: Option<StructId> = None;
        for (i, b) in blocks.iter().enumerate() {
            let id = StructId(self.structure.len() as u32);
            if let (Block::Image(_), Some(p)) = (b, paragraph)
                && self.want_leads
            {
                self.leads.also(id, p);
            }
            self.block(b, blocks.get(i + 1), scope);
            paragraph = matches!(b, Block::Paragraph(_)).then_some(id);
        }
    }

    /// Sets one block; `next` is the block after it (an image's caption may be there).
    fn block(&mut self, b: &Block, next: Option<&Block>, scope: &Scope) {
        self.portion_next(|| portions::block_lead(b));
        match b {
            Block::Heading { level, runs } => {
                self.as_content(Role::Heading(*level), None, |s| {
                    s.heading(*level, runs, scope)
                });
            }
            Block::Paragraph(runs) => {
                let align = if scope.justify {
                    Align::Justify
                } else {
                    Align::Left
                };
                self.as_content(Role::Paragraph, None, |s| {
                    s.paragraph(runs, scope, align, scope.gap())
                });
            }
            Block::List(l) => {
                self.enter(Role::List);
                self.list(l, scope);
                self.leave();
            }
            Block::Quote(blocks) => {
                self.enter(Role::BlockQuote);
                self.quote(blocks, scope);
                self.leave();
            }
            Block::Code(text) => self.as_content(Role::Code, None, |s| s.code(text, scope)),
            // A thematic break is decoration: an artifact.
            Block::Rule => self.rule(scope),
            Block::Table(t) => {
                self.enter(Role::Table);
                self.table(t, scope);
                self.leave();
            }
            Block::Image(img) => self.figure(img, next, scope),
        }
    }

    /// Appends a chunk, setting any waiting list markers on its first baseline; its content
    /// is tagged as the current element's (none: an artifact).
    pub fn emit(&mut self, mut chunk: Chunk) {
        if let Some(tag) = self.leaf {
            tag_items(&mut chunk.items, tag);
            tag_links(&mut chunk.links, tag);
        }
        if !self.markers.is_empty() {
            // Markers come first in reading order: "1. text", not "text 1.".
            let mut items = Vec::new();
            let mut links = Vec::new();
            for m in self.markers.drain(..) {
                let Line {
                    items: mut i,
                    links: mut l,
                    ..
                } = m.line;
                shift(&mut i, &mut l, m.x, chunk.baseline);
                if let Some(tag) = m.tag {
                    tag_items(&mut i, tag);
                    tag_links(&mut l, tag);
                }
                items.append(&mut i);
                links.append(&mut l);
            }
            items.append(&mut chunk.items);
            chunk.items = items;
            links.append(&mut chunk.links);
            chunk.links = links;
        }
        self.flow.push(chunk);
    }

    /// Breaks spans into lines exactly `spec.line_height` apart. The faces' ascender plus
    /// descender slightly exceeds common leadings, which would put every line a little off
    /// the rhythm; only lines much taller than the pitch (large inline content) keep their
    /// own height.
    pub fn break_lines(&self, spans: &[Span], spec: &ParagraphSpec) -> Vec<Line> {
        let mut lines = break_paragraph(self.book, spans, spec);
        let pitch = spec.line_height;
        for l in &mut lines {
            let natural = l.ascent + l.descent;
            if natural > pitch && natural <= pitch * 1.15 {
                let k = pitch / natural;
                l.ascent *= k;
                l.descent *= k;
            }
        }
        lines
    }

    /// Sets `line` at `x` on the first baseline of the next chunk (list and note numbers),
    /// as a label of the innermost open element.
    pub fn hang_marker(&mut self, line: Line, x: f32) {
        let tag = Some(self.element(Role::Label, None));
        self.markers.push(Marker { line, x, tag });
    }

    /// Gives markers still waiting (their item was empty) a line of their own.
    pub fn finish_markers(&mut self, scope: &Scope) {
        if !self.markers.is_empty() {
            let c = Chunk::new(scope.lh, scope.lh * 0.75, &scope.decos);
            self.emit(c);
        }
    }

    /// A chunk holding one line set at `x`; inline code gets its tint, note references
    /// their anchors.
    pub fn line_chunk(&mut self, line: Line, scope: &Scope) -> Chunk {
        let mut c = self.stack(vec![(line, scope.x)], &scope.decos);
        self.tint_code(&mut c, scope.x, scope.x + scope.width);
        c
    }

    /// One chunk holding lines set one under the other, each at its own x.
    pub fn stack(&mut self, lines: Vec<(Line, f32)>, decos: &Rc<[Deco]>) -> Chunk {
        let mut c = Chunk::new(0.0, 0.0, decos);
        for (i, (line, x)) in lines.into_iter().enumerate() {
            let top = c.height;
            let baseline = top + line.ascent;
            if i == 0 {
                c.baseline = baseline;
            }
            c.height = baseline + line.descent;
            let Line {
                mut items,
                mut links,
                ..
            } = line;
            shift(&mut items, &mut links, x, baseline);
            // Each line its own marked sequence, so readers keep the lines apart.
            if let Some(tag) = self.leaf {
                tag_items(&mut items, tag);
            }
            self.claim_notes(&links, top, &mut c);
            c.items.extend(items);
            c.links.extend(links);
        }
        c
    }

    /// Notes whose first reference is in these links: anchor the reference (for the note's
    /// back link) and, for footnotes, tie the note to this chunk.
    pub(crate) fn claim_notes(&mut self, links: &[crate::LinkArea], top: f32, c: &mut Chunk) {
        for l in links {
            if let Some(n) = note_of(&l.target)
                && self.notes.claim(n, !self.in_note)
            {
                c.anchors.push(Anchor {
                    name: ref_anchor(n),
                    y: top,
                });
                if self.footnotes && !self.in_note {
                    c.notes.push(n);
                }
            }
        }
    }

    /// Puts a light tint behind runs of inline code (mono glyph runs in running text),
    /// kept within the measure `left..right`.
    fn tint_code(&self, c: &mut Chunk, left: f32, right: f32) {
        let mono = [
            self.book.primary(Family::Mono, false, false),
            self.book.primary(Family::Mono, true, false),
        ];
        let mut tints = Vec::new();
        for it in &c.items {
            if let PageItem::Glyphs(run) = it
                && mono.contains(&run.font)
                && let (Some(first), Some(last)) = (run.glyphs.first(), run.glyphs.last())
            {
                let pad = run.size * 0.15;
                let baseline = first.y;
                let x0 = (first.x - pad).max(left);
                let x1 = (last.x + last.advance + pad).min(right);
                tints.push(PageItem::Rect(Rect {
                    x: x0,
                    y: baseline - run.size * 0.92,
                    width: (x1 - x0).max(0.0),
                    height: run.size * 1.2,
                    color: theme::TINT,
                }));
            }
        }
        if !tints.is_empty() {
            tints.append(&mut c.items);
            c.items = tints;
        }
    }

    /// Sets a paragraph: one chunk per line; short paragraphs stay whole, longer ones keep
    /// at least two lines at the foot and at the head of a page.
    pub fn paragraph(&mut self, runs: &[Run], scope: &Scope, align: Align, gap: f32) {
        let spans = inline::spans(runs, &scope.text_style(), &mut self.notes);
        self.spans_paragraph(&spans, scope, align, gap, true);
    }

    /// Sets prepared spans as a paragraph (see [`Self::paragraph`]).
    pub fn spans_paragraph(
        &mut self,
        spans: &[Span],
        scope: &Scope,
        align: Align,
        gap: f32,
        hyphenate: bool,
    ) {
        let spec = ParagraphSpec {
            width: scope.width,
            align,
            line_height: scope.lh,
            hyphenate,
            first_indent: 0.0,
        };
        let lines = self.break_lines(spans, &spec);
        self.flow.space(gap);
        let n = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            let mut c = self.line_chunk(line, scope);
            c.keep_with_next = keeps_lines_together(i, n);
            self.emit(c);
        }
        self.flow.space(gap);
    }

    fn heading(&mut self, level: u8, runs: &[Run], scope: &Scope) {
        let size = self.theme.heading_size(level, scope.size);
        let mut style = TextStyle::new(self.theme.heading_family, size);
        style.bold = level <= 5;
        style.italic = level >= 5;
        style.color = if level >= 6 { theme::MUTED } else { theme::INK };
        // Whole and half lines only, so the text keeps its rhythm.
        let (before, after) = match level {
            1 => (2.0, 0.5),
            2 => (1.5, 0.5),
            _ => (1.0, 0.5),
        };
        let spans = inline::spans(runs, &style, &mut self.notes);
        self.flow.space(before * scope.lh);
        let outline = (!self.in_note).then(|| (level, inline::plain_text(runs)));
        self.heading_block(&spans, size, scope, outline);
        self.flow.space(after * scope.lh);
    }

    /// Sets heading lines as one chunk kept with the next, its height rounded up to the
    /// half-line rhythm (the extra goes above, bringing the heading nearer its text).
    pub fn heading_block(
        &mut self,
        spans: &[Span],
        size: f32,
        scope: &Scope,
        outline: Option<(u8, String)>,
    ) {
        let spec = ParagraphSpec::ragged(scope.width, size * 1.22);
        let lines = self.break_lines(spans, &spec);
        if lines.is_empty() {
            return;
        }
        let placed = lines.into_iter().map(|l| (l, scope.x)).collect();
        let mut c = self.stack(placed, &scope.decos);
        let step = scope.lh / 2.0;
        let rounded = (c.height / step - 1e-3).ceil() * step;
        let extra = rounded - c.height;
        if extra > 0.0 {
            shift(&mut c.items, &mut c.links, 0.0, extra);
            for a in &mut c.anchors {
                a.y += extra;
            }
            c.baseline += extra;
            c.height = rounded;
        }
        c.keep_with_next = true;
        c.outline = outline;
        self.emit(c);
    }

    fn list(&mut self, list: &List, scope: &Scope) {
        let marker_style = scope.text_style();
        let markers: Vec<Line> = (0..list.items.len())
            .map(|i| {
                let item = &list.items[i];
                let text = match (item.task, list.start) {
                    (Some(done), _) => return self.task_box(done, &marker_style),
                    (None, Some(start)) => format!("{}.", u128::from(start) + i as u128),
                    (None, None) => bullet(scope.list_depth).to_string(),
                };
                single_line(self.book, &[Span::new(text, marker_style.clone())])
            })
            .collect();
        let widest = markers.iter().map(|m| m.width).fold(0.0, f32::max);
        let gap = scope.size * 0.45;
        let mut indent = (scope.size * 1.5).max(widest + gap);
        if scope.width - indent < self.theme.text_w * MIN_MEASURE_SHARE {
            indent = 0.0;
        }
        let inner = Scope {
            x: scope.x + indent,
            width: scope.width - indent,
            tight: list.tight,
            list_depth: scope.list_depth + 1,
            ..scope.clone()
        };
        self.flow.space(
            scope
                .gap()
                .max(if list.tight { 0.0 } else { scope.lh * 0.5 }),
        );
        for (item, line) in list.items.iter().zip(markers) {
            if !list.tight {
                self.flow.space(scope.lh * 0.5);
            }
            let x = (inner.x - gap - line.width).max(self.theme.left);
            self.portion_next(|| Some(portions::blocks_lead(&item.blocks)));
            self.enter(Role::ListItem);
            self.hang_marker(line, x);
            self.enter(Role::ListBody);
            self.blocks(&item.blocks, &inner);
            self.finish_markers(scope);
            self.leave();
            self.leave();
        }
        self.flow.space(scope.gap());
    }

    /// The marker of a task item: a ballot box drawn with hairlines, a "×" in it when done.
    fn task_box(&self, done: bool, style: &TextStyle) -> Line {
        let side = style.size * 0.72;
        let t = theme::HAIRLINE * 1.5;
        let (x, y) = (0.0, -side);
        let rect = |x, y, width, height| {
            PageItem::Rect(Rect {
                x,
                y,
                width,
                height,
                color: style.color,
            })
        };
        let mut items = vec![
            rect(x, y, side, t),
            rect(x, y + side - t, side, t),
            rect(x, y, t, side),
            rect(x + side - t, y, t, side),
        ];
        if done {
            let mut mark = style.clone();
            mark.family = Family::Sans;
            mark.bold = true;
            let cross = single_line(self.book, &[Span::new("\u{d7}", mark)]);
            let dx = (side - cross.width) / 2.0;
            // The cross's centre sits about 0.35 em above its baseline.
            let dy = -side / 2.0 + style.size * 0.35;
            items.extend(cross.translated(dx, dy).0);
        }
        Line {
            width: side,
            ascent: side,
            descent: 0.0,
            items,
            links: Vec::new(),
        }
    }

    fn quote(&mut self, blocks: &[Block], scope: &Scope) {
        let indent = scope.size * 1.2;
        let bar = (scope.size * 0.16).max(1.0);
        let inner = if scope.width - indent < self.theme.text_w * MIN_MEASURE_SHARE {
            Scope {
                tight: false,
                ..scope.clone()
            }
        } else {
            let mut decos = scope.decos.to_vec();
            decos.push(Deco {
                id: self.id(),
                x: scope.x,
                width: bar,
                color: theme::BAR,
                border: None,
            });
            Scope {
                x: scope.x + indent,
                width: scope.width - indent,
                decos: Rc::from(decos),
                tight: false,
                ..scope.clone()
            }
        };
        self.flow.space(scope.lh * 0.5);
        let last = blocks.len().saturating_sub(1);
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Paragraph(runs) if i == last && i > 0 && is_attribution(runs) => {
                    let small = Scope {
                        size: inner.size * 0.9,
                        color: theme::MUTED,
                        ..inner.clone()
                    };
                    self.flow.space(inner.lh * 0.25);
                    self.as_content(Role::Paragraph, None, |s| {
                        s.paragraph(runs, &small, Align::Right, 0.0)
                    });
                }
                _ => self.block(b, blocks.get(i + 1), &inner),
            }
        }
        self.flow.space(scope.lh * 0.5);
    }

    fn code(&mut self, text: &str, scope: &Scope) {
        let size = scope.size * 0.86;
        let lh = size * self.theme.leading;
        let (hpad, vpad) = (size * 0.6, lh * 0.35);
        let mut decos = scope.decos.to_vec();
        decos.push(Deco {
            id: self.id(),
            x: scope.x,
            width: scope.width,
            color: theme::TINT,
            border: None,
        });
        let decos: Rc<[Deco]> = Rc::from(decos);
        let mut style = TextStyle::new(Family::Mono, size);
        style.color = scope.color;
        let spec = ParagraphSpec::ragged((scope.width - 2.0 * hpad).max(1.0), lh);
        self.flow.space(scope.lh * 0.5);
        let mut chunks = Vec::new();
        for src in text.split('\n') {
            let src = preformatted(src);
            let lines = if src.is_empty() {
                Vec::new()
            } else {
                self.break_lines(&[Span::new(src, style.clone())], &spec)
            };
            if lines.is_empty() {
                chunks.push(Chunk::new(lh, lh * 0.75, &decos));
            }
            for line in lines {
                chunks.push(self.stack(vec![(line, scope.x + hpad)], &decos));
            }
        }
        pad_chunks(&mut chunks, vpad);
        round_to_rhythm(&mut chunks, scope.lh / 2.0);
        let n = chunks.len();
        for (i, mut c) in chunks.into_iter().enumerate() {
            c.keep_with_next = keeps_lines_together(i, n);
            self.emit(c);
        }
        self.flow.space(scope.lh * 0.5);
    }

    fn rule(&mut self, scope: &Scope) {
        self.flow.space(scope.lh * 0.5);
        let mut c = Chunk::new(scope.lh, scope.lh * 0.75, &scope.decos);
        c.items.push(PageItem::Rect(Rect {
            x: scope.x,
            y: (scope.lh - theme::RULE_WIDTH) / 2.0,
            width: scope.width,
            height: theme::RULE_WIDTH,
            color: theme::RULE,
        }));
        self.emit(c);
        self.flow.space(scope.lh * 0.5);
    }

    /// An image as a Figure element whose `/Alt` is its description (see
    /// [`Image::description`]). An image without one still is a Figure, saying so with its
    /// file name, and the export warns: in a brief an image is content (a map, a chart),
    /// and a reader who cannot see it should learn that it is there rather than have it
    /// hidden as an artifact.
    fn figure(&mut self, img: &Image, next: Option<&Block>, scope: &Scope) {
        let alt = img.description(next).unwrap_or_else(|| {
            self.warnings.push(format!(
                "image {:?} has no description: a screen reader only says an image is there; \
                 write one as ![description]({})",
                img.file_name(),
                img.src
            ));
            format!("Image with no description ({})", img.file_name())
        });
        self.as_content(Role::Figure, Some(alt), |s| s.image(img, scope));
    }

    fn image(&mut self, img: &Image, scope: &Scope) {
        self.flow.space(scope.lh * 0.5);
        match image::load(&img.src, self.base_dir) {
            Ok(Loaded {
                data,
                width,
                height,
            }) => {
                // Never upscale; fit the measure and most of a page.
                let k = 1.0f32
                    .min(scope.width / width)
                    .min(self.theme.text_h * 0.9 / height);
                let (w, h) = ((width * k).max(1.0), (height * k).max(1.0));
                let step = scope.lh / 2.0;
                let mut c = Chunk::new((h / step - 1e-3).ceil() * step, h, &scope.decos);
                c.items.push(PageItem::Image(ImageBox {
                    x: scope.x + (scope.width - w) / 2.0,
                    y: 0.0,
                    width: w,
                    height: h,
                    data,
                }));
                self.emit(c);
            }
            Err(reason) => self.placeholder(img, &reason, scope),
        }
        self.flow.space(scope.lh * 0.5);
    }

    /// A bordered box standing in for an image that cannot be shown, naming it and why.
    fn placeholder(&mut self, img: &Image, reason: &str, scope: &Scope) {
        self.warnings.push(format!(
            "image {:?} is shown as a placeholder: {reason}",
            img.src
        ));
        let size = scope.size * 0.86;
        let lh = size * self.theme.leading;
        let pad = size * 0.6;
        let mut decos = scope.decos.to_vec();
        decos.push(Deco {
            id: self.id(),
            x: scope.x,
            width: scope.width,
            color: theme::RULE,
            border: Some(theme::HAIRLINE),
        });
        let decos: Rc<[Deco]> = Rc::from(decos);
        let mut style = TextStyle::new(Family::Sans, size);
        style.color = theme::MUTED;
        let alt = if img.alt.trim().is_empty() {
            "(no description)"
        } else {
            img.alt.as_str()
        };
        let mut bold = style.clone();
        bold.bold = true;
        let spans = [
            Span::new("Image not shown: ", bold),
            Span::new(format!("{alt}\n{} ({reason})", img.src), style),
        ];
        let spec = ParagraphSpec::ragged((scope.width - 2.0 * pad).max(1.0), lh);
        let mut chunks: Vec<Chunk> = self
            .break_lines(&spans, &spec)
            .into_iter()
            .map(|l| self.stack(vec![(l, scope.x + pad)], &decos))
            .collect();
        pad_chunks(&mut chunks, pad);
        round_to_rhythm(&mut chunks, scope.lh / 2.0);
        let n = chunks.len();
        for (i, mut c) in chunks.into_iter().enumerate() {
            c.keep_with_next = keeps_lines_together(i, n);
            self.emit(c);
        }
    }
}

/// Whether line `i` of `n` must stay on the page of the next line: paragraphs of up to
/// three lines stay whole; longer ones leave no single line at a page's foot or head.
pub(crate) fn keeps_lines_together(i: usize, n: usize) -> bool {
    if n <= 3 {
        i + 1 < n
    } else {
        i == 0 || i + 2 == n
    }
}

/// Adds padding inside the first and last chunks of a boxed block (code, placeholder).
fn pad_chunks(chunks: &mut [Chunk], pad: f32) {
    if let Some(first) = chunks.first_mut() {
        shift(&mut first.items, &mut first.links, 0.0, pad);
        for a in &mut first.anchors {
            a.y += pad;
        }
        first.baseline += pad;
        first.height += pad;
    }
    if let Some(last) = chunks.last_mut() {
        last.height += pad;
    }
}

/// Pads the last of a boxed block's chunks so the block's height is a multiple of `step`,
/// keeping the text after it on the rhythm of the lines before it.
fn round_to_rhythm(chunks: &mut [Chunk], step: f32) {
    let total: f32 = chunks.iter().map(|c| c.height).sum();
    if step > 0.0
        && let Some(last) = chunks.last_mut()
    {
        last.height += (total / step - 1e-3).ceil() * step - total;
    }
}

/// A line of preformatted text as the text engine should see it: tabs expanded and
/// leading spaces made non-breaking (the engine drops spaces at a line's start).
fn preformatted(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut col = 0usize;
    let mut leading = true;
    for c in src.chars() {
        match c {
            '\t' => {
                let n = 4 - col % 4;
                let fill = if leading { '\u{a0}' } else { ' ' };
                out.extend(std::iter::repeat_n(fill, n));
                col += n;
            }
            ' ' if leading => {
                out.push('\u{a0}');
                col += 1;
            }
            '\r' => {}
            _ => {
                leading = false;
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

/// The bullet for a list nesting depth: bullet, en dash, white bullet, then again.
fn bullet(depth: usize) -> &'static str {
    match depth % 3 {
        0 => "\u{2022}",
        1 => "\u{2013}",
        _ => "\u{25e6}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widow_and_orphan_keeps() {
        let keeps = |n| {
            (0..n)
                .map(|i| keeps_lines_together(i, n))
                .collect::<Vec<_>>()
        };
        assert_eq!(keeps(1), vec![false]);
        assert_eq!(keeps(3), vec![true, true, false]);
        assert_eq!(keeps(4), vec![true, false, true, false]);
        assert_eq!(keeps(6), vec![true, false, false, false, true, false]);
    }

    #[test]
    fn preformatted_keeps_indentation() {
        assert_eq!(preformatted("\tx  y"), "\u{a0}\u{a0}\u{a0}\u{a0}x  y");
        assert_eq!(preformatted("  a\tb"), "\u{a0}\u{a0}a b");
    }
}
