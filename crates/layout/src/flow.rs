//! The vertical flow between block layout and pagination: a list of measured,
//! unbreakable chunks (a line, a heading, a table row …) with the space above each and
//! whether a page may break after it.

use std::rc::Rc;

use crate::{Anchor, LinkArea, PageItem, Rect, Rgb};

/// A decoration spanning consecutive chunks: a quote's bar, a code block's background, a
/// placeholder's border. Drawn once per page from the first to the last chunk carrying it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Deco {
    /// Identifies the block the decoration belongs to.
    pub id: u32,
    pub x: f32,
    pub width: f32,
    pub color: Rgb,
    /// Draw only the outline (this thick) instead of filling.
    pub border: Option<f32>,
}

impl Deco {
    /// The rectangles that draw the decoration between `top` and `bottom`.
    pub fn rects(&self, top: f32, bottom: f32) -> Vec<Rect> {
        let (x, w, h) = (self.x, self.width, bottom - top);
        let rect = |x, y, width, height| Rect {
            x,
            y,
            width,
            height,
            color: self.color,
        };
        match self.border {
            None => vec![rect(x, top, w, h)],
            Some(t) => vec![
                rect(x, top, w, t),
                rect(x, bottom - t, w, t),
                rect(x, top, t, h),
                rect(x + w - t, top, t, h),
            ],
        }
    }
}

/// A piece of the flow the paginator places whole. Items have absolute x and y relative to
/// the chunk's top.
#[derive(Debug, Clone, Default)]
pub(crate) struct Chunk {
    pub height: f32,
    /// Space above the chunk; dropped when the chunk starts a page.
    pub space_before: f32,
    /// A page must not break between this chunk and the next.
    pub keep_with_next: bool,
    /// The first baseline, from the top (list markers are set on it).
    pub baseline: f32,
    pub items: Vec<PageItem>,
    pub links: Vec<LinkArea>,
    /// Anchors, y relative to the chunk's top.
    pub anchors: Vec<Anchor>,
    /// An outline entry (level, title) at the chunk's top.
    pub outline: Option<(u8, String)>,
    /// Notes first referenced in this chunk, to set at the foot of its page.
    pub notes: Vec<u32>,
    pub decos: Rc<[Deco]>,
    /// The table whose header row is repeated above this chunk when it starts a page.
    pub table: Option<u32>,
    /// This chunk is that table's header row itself.
    pub is_header: bool,
}

impl Chunk {
    /// An empty chunk of a height, carrying the decorations in force.
    pub fn new(height: f32, baseline: f32, decos: &Rc<[Deco]>) -> Chunk {
        Chunk {
            height,
            baseline,
            decos: decos.clone(),
            ..Chunk::default()
        }
    }
}

/// The chunks of a document or of a note, with collapsing spaces between blocks.
#[derive(Debug, Default)]
pub(crate) struct Flow {
    pub chunks: Vec<Chunk>,
    /// Header rows of tables, by table id, for repeating after page breaks.
    pub headers: Vec<Chunk>,
    /// Space requested before the next chunk: adjacent spaces collapse to the largest.
    pending: f32,
}

impl Flow {
    /// Asks for at least `space` before the next chunk.
    pub fn space(&mut self, space: f32) {
        self.pending = self.pending.max(space);
    }

    /// Appends a chunk, giving it the collapsed space requested before it.
    pub fn push(&mut self, mut chunk: Chunk) {
        chunk.space_before = chunk.space_before.max(self.pending);
        self.pending = 0.0;
        self.chunks.push(chunk);
    }

    /// Forbids a page break after the last chunk pushed so far.
    pub fn keep_last(&mut self) {
        if let Some(c) = self.chunks.last_mut() {
            c.keep_with_next = true;
        }
    }
}

/// Moves items and links by (`dx`, `dy`) in place.
pub(crate) fn shift(items: &mut [PageItem], links: &mut [LinkArea], dx: f32, dy: f32) {
    for it in items {
        match it {
            PageItem::Glyphs(run) => {
                for g in &mut run.glyphs {
                    g.x += dx;
                    g.y += dy;
                }
            }
            PageItem::Rect(r) => {
                r.x += dx;
                r.y += dy;
            }
            PageItem::Image(img) => {
                img.x += dx;
                img.y += dy;
            }
            PageItem::BeginTag(_) | PageItem::EndTag => {}
        }
    }
    for l in links {
        l.x += dx;
        l.y += dy;
    }
}
