//! Pagination: the flow's chunks → pages. Breaks only where a chunk allows it (keeps hold
//! headings to their text, short paragraphs together, no widows or orphans), repeats table
//! headers after a break and sets each footnote at the foot of the page that references
//! it, moving the reference's line on when its note does not fit.

use std::collections::VecDeque;

use crate::flow::{Chunk, Deco, Flow, shift};
use crate::theme::{self, Theme};
use crate::{Anchor, OutlineEntry, Page, PageItem, Rect};

/// Slack for floating-point sums when testing whether something fits.
const EPS: f32 = 0.01;

/// The chunks of each note, by note number - 1; `None` for notes not set as footnotes.
pub(crate) type NoteChunks = Vec<Option<Vec<Chunk>>>;

/// Pages with their body and notes placed (running heads come later) and the outline.
pub(crate) struct Paginated {
    pub pages: Vec<Page>,
    pub outline: Vec<OutlineEntry>,
}

/// Lays the flow out on pages.
pub(crate) fn paginate(flow: Flow, mut notes: NoteChunks, theme: &Theme) -> Paginated {
    let Flow {
        mut chunks,
        headers,
        ..
    } = flow;
    let n = chunks.len();
    let body_h = theme.text_h;
    let note_heights: Vec<f32> = notes
        .iter()
        .map(|c| c.as_ref().map_or(0.0, |c| stack_height(c)))
        .collect();
    let note_h = |k: u32| {
        note_index(k)
            .and_then(|i| note_heights.get(i))
            .copied()
            .unwrap_or(0.0)
    };
    let sep_h = theme.note_size() * theme.leading;

    let mut out = Paginated {
        pages: Vec::new(),
        outline: Vec::new(),
    };
    let mut pending: VecDeque<Chunk> = VecDeque::new();
    let mut i = 0;
    // The table of the last chunk set so far (its header repeats if the next one continues it).
    let mut prev_table: Option<u32> = None;
    while i < n || !pending.is_empty() {
        // Notes carried over from the previous page go first, up to half of this one.
        let mut carried: Vec<Chunk> = Vec::new();
        let mut carried_h = 0.0;
        while let Some(c) = pending.front() {
            let h = c.space_before + c.height;
            if !carried.is_empty() && carried_h + h > body_h * 0.5 {
                break;
            }
            carried_h += h;
            carried.extend(pending.pop_front());
        }
        let notes_base = if carried.is_empty() {
            0.0
        } else {
            carried_h + sep_h
        };

        let header = chunks
            .get(i)
            .and_then(|c| continued_table(prev_table, c))
            .and_then(|t| headers.get(t as usize));
        let mut used = header.map_or(0.0, |h| h.height);
        let mut tops: Vec<f32> = Vec::new();
        let mut notes_h = 0.0;
        let mut has_notes = !carried.is_empty();
        let mut last_break = None;
        let mut forced_notes: Option<Vec<u32>> = None;
        let mut j = i;
        while j < n {
            let c = &chunks[j];
            let space = if j == i { 0.0 } else { c.space_before };
            let mut nh: f32 = c.notes.iter().map(|&k| note_h(k)).sum();
            if nh > 0.0 && !has_notes {
                nh += sep_h;
            }
            if used + space + c.height + notes_base + notes_h + nh <= body_h + EPS {
                tops.push(used + space);
                used += space + c.height;
                notes_h += nh;
                has_notes |= nh > 0.0;
                j += 1;
                if !chunks[j - 1].keep_with_next {
                    last_break = Some(j);
                }
            } else if j == i && carried.is_empty() {
                // Alone on a page and still too much with its notes: set it with as much
                // of its notes as fits; the rest continues on the next page.
                tops.push(used);
                used += c.height;
                forced_notes = Some(c.notes.clone());
                j += 1;
                break;
            } else {
                break;
            }
        }
        let end = if j == n || forced_notes.is_some() {
            j
        } else {
            match last_break {
                Some(b) if b > i => b,
                _ => j,
            }
        };
        tops.truncate(end - i);

        let page_index = out.pages.len();
        let mut page = Page {
            width: theme.page_w,
            height: theme.page_h,
            ..Page::default()
        };
        let mut placer = Placer::new(theme.top, page_index);
        if let Some(h) = header {
            placer.place(h.clone(), 0.0, &mut page, &mut out.outline);
        }
        let mut page_notes: Vec<Chunk> = carried;
        let mut sep = !page_notes.is_empty();
        for (k, top) in (i..end).zip(tops) {
            let c = std::mem::take(&mut chunks[k]);
            prev_table = c.table;
            if forced_notes.is_none() {
                for &m in &c.notes {
                    if let Some(body) = note_index(m)
                        .and_then(|i| notes.get_mut(i))
                        .and_then(Option::take)
                    {
                        page_notes.extend(body);
                        sep = true;
                    }
                }
            }
            placer.place(c, top, &mut page, &mut out.outline);
        }
        if let Some(ids) = forced_notes {
            let mut room = body_h - used - sep_h;
            let mut all: VecDeque<Chunk> = ids
                .iter()
                .filter_map(|&m| {
                    note_index(m)
                        .and_then(|i| notes.get_mut(i))
                        .and_then(Option::take)
                })
                .flatten()
                .collect();
            while let Some(c) = all.front() {
                let h = c.space_before + c.height;
                if h > room + EPS {
                    break;
                }
                room -= h;
                page_notes.extend(all.pop_front());
            }
            sep |= !page_notes.is_empty();
            pending.extend(all);
        }
        let notes_total = stack_height(&page_notes) + if sep { sep_h } else { 0.0 };
        let mut y = body_h - notes_total;
        if sep {
            let rule_y = theme.top + y + sep_h * 0.45;
            page.items.push(PageItem::Rect(Rect {
                x: theme.left,
                y: rule_y,
                width: (theme.text_w * 0.25).min(110.0),
                height: theme::HAIRLINE,
                color: theme::RULE,
            }));
            y += sep_h;
        }
        for c in page_notes {
            y += c.space_before;
            let h = c.height;
            placer.place(c, y, &mut page, &mut out.outline);
            y += h;
        }
        placer.finish(&mut page);
        out.pages.push(page);
        i = end;
    }
    if out.pages.is_empty() {
        out.pages.push(Page {
            width: theme.page_w,
            height: theme.page_h,
            ..Page::default()
        });
    }
    out
}

/// The table whose header is repeated above `next` at a page top: the break falls inside it.
fn continued_table(prev: Option<u32>, next: &Chunk) -> Option<u32> {
    let t = next.table?;
    (!next.is_header && prev == Some(t)).then_some(t)
}

/// Index of note `n` (numbered from 1) in the note lists.
fn note_index(n: u32) -> Option<usize> {
    (n as usize).checked_sub(1)
}

/// Height of chunks stacked with their spaces.
fn stack_height(chunks: &[Chunk]) -> f32 {
    chunks.iter().map(|c| c.space_before + c.height).sum()
}

/// Moves chunks onto a page and tracks the extent of their decorations.
struct Placer {
    top: f32,
    page: usize,
    /// Decorations on this page with the top and bottom of the chunks carrying them.
    decos: Vec<(Deco, f32, f32)>,
}

impl Placer {
    fn new(top: f32, page: usize) -> Placer {
        Placer {
            top,
            page,
            decos: Vec::new(),
        }
    }

    /// Puts chunk `c` with its top `y` below the text area's top.
    fn place(&mut self, c: Chunk, y: f32, page: &mut Page, outline: &mut Vec<OutlineEntry>) {
        let top = self.top + y;
        let bottom = top + c.height;
        for d in c.decos.iter() {
            match self.decos.iter_mut().find(|(e, _, _)| e.id == d.id) {
                Some((_, _, b)) => *b = bottom,
                None => self.decos.push((*d, top, bottom)),
            }
        }
        if let Some((level, title)) = c.outline {
            outline.push(OutlineEntry {
                level,
                title,
                page: self.page,
                y: top,
            });
        }
        let Chunk {
            mut items,
            mut links,
            anchors,
            ..
        } = c;
        shift(&mut items, &mut links, 0.0, top);
        page.items.append(&mut items);
        page.links.append(&mut links);
        page.anchors.extend(anchors.into_iter().map(|a| Anchor {
            name: a.name,
            y: a.y + top,
        }));
    }

    /// Paints the decorations beneath everything else on the page.
    fn finish(self, page: &mut Page) {
        if self.decos.is_empty() {
            return;
        }
        let mut items: Vec<PageItem> = self
            .decos
            .iter()
            .flat_map(|(d, top, bottom)| d.rects(*top, *bottom))
            .map(PageItem::Rect)
            .collect();
        items.append(&mut page.items);
        page.items = items;
    }
}
