//! GFM tables: columns sized to their content and fitted to the measure, wrapped cells, a
//! tinted bold header row repeated after page breaks, rows kept whole when they fit a page.

use std::rc::Rc;

use pulldown_cmark::Alignment;

use crate::blocks::{Layouter, Scope};
use crate::flow::{Chunk, Deco, shift};
use crate::inline;
use crate::portions;
use crate::structure::{tag_items, tag_links, untag_items};
use crate::theme;
use crate::tree::{Run, RunKind, Table};
use crate::{Align, Line, PageItem, ParagraphSpec, Rect, Rgb, Role, Span, StructId, width_bounds};

/// Rules between body rows: lighter than the header's.
const ROW_RULE: Rgb = Rgb(0.72, 0.72, 0.72);
/// Most columns set side by side. Past a page's width, columns shrink below a word and
/// every cell breaks a letter per line (1,000 columns made 3,138 pages of 206 KB);
/// the columns past the last are joined into it instead, so nothing is lost.
pub(crate) const MAX_COLUMNS: usize = 16;
/// What separates the cells joined into the last column: as they were written.
const JOINED_SEPARATOR: &str = " | ";

/// Column geometry shared by every row of a table.
struct Columns {
    xs: Vec<f32>,
    widths: Vec<f32>,
    aligns: Vec<Align>,
    /// Horizontal and vertical cell padding.
    hpad: f32,
    vpad: f32,
    lh: f32,
    x: f32,
    total: f32,
}

impl Layouter<'_> {
    /// Sets a table into the flow.
    pub(crate) fn table(&mut self, t: &Table, scope: &Scope) {
        let folded;
        let t = match fold_columns(t) {
            Some(f) => {
                folded = f;
                &folded
            }
            None => t,
        };
        let ncols = t
            .rows
            .iter()
            .map(Vec::len)
            .chain([t.header.len(), t.aligns.len()])
            .max()
            .unwrap_or(0);
        if ncols == 0 {
            return;
        }
        let size = scope.size * 0.9;
        let mut body = scope.text_style();
        body.size = size;
        let mut head = body.clone();
        head.bold = true;
        let cells = |runs: &[Vec<crate::tree::Run>], style, notes: &mut _| -> Vec<Vec<Span>> {
            (0..ncols)
                .map(|c| {
                    runs.get(c)
                        .map_or_else(Vec::new, |r| inline::spans(r, style, notes))
                })
                .collect()
        };
        let header = cells(&t.header, &head, &mut self.notes);
        let rows: Vec<Vec<Vec<Span>>> = t
            .rows
            .iter()
            .map(|r| cells(r, &body, &mut self.notes))
            .collect();

        let hpad = (size * 0.5).min(scope.width / ncols as f32 * 0.12);
        let mut mins = vec![0.0f32; ncols];
        let mut maxs = vec![0.0f32; ncols];
        for row in std::iter::once(&header).chain(&rows) {
            for (c, spans) in row.iter().enumerate() {
                let (lo, hi) = width_bounds(self.book, spans);
                mins[c] = mins[c].max(lo + 2.0 * hpad);
                maxs[c] = maxs[c].max(hi + 2.0 * hpad);
            }
        }
        let widths = column_widths(&mins, &maxs, scope.width);
        let mut xs = Vec::with_capacity(ncols);
        let mut x = scope.x;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        let aligns = (0..ncols)
            .map(|c| match t.aligns.get(c) {
                Some(Alignment::Center) => Align::Center,
                Some(Alignment::Right) => Align::Right,
                _ => Align::Left,
            })
            .collect();
        let cols = Columns {
            xs,
            widths,
            aligns,
            hpad,
            vpad: size * 0.35,
            lh: size * self.theme.leading,
            x: scope.x,
            total: scope.width,
        };

        self.flow.space(scope.lh * 0.5);
        let first = self.flow.chunks.len();
        let index = self.flow.headers.len() as u32;
        let mut head_chunks = self.row(&header, &cols, true, &scope.decos, self.theme.text_h);
        let head_h: f32 = head_chunks.iter().map(|c| c.height).sum();
        // A header taller than half a page is not repeated: it would crowd out the rows.
        let repeat = head_chunks.len() == 1 && head_h <= self.theme.text_h * 0.5;
        if repeat && let Some(h) = head_chunks.first() {
            let mut copy = h.clone();
            // Repeated on later pages as decoration: the header is read once.
            untag_items(&mut copy.items);
            copy.anchors.clear();
            copy.notes.clear();
            copy.outline = None;
            copy.space_before = 0.0;
            self.flow.headers.push(copy);
        }
        if let Some(last) = head_chunks.last_mut() {
            last.keep_with_next = true;
        }
        for mut c in head_chunks {
            c.is_header = true;
            c.table = repeat.then_some(index);
            self.emit(c);
        }
        let limit = self.theme.text_h - if repeat { head_h } else { 0.0 };
        for row in &rows {
            for mut c in self.row(row, &cols, false, &scope.decos, limit) {
                c.table = repeat.then_some(index);
                self.emit(c);
            }
        }
        // Keep the text after the table on the half-line rhythm.
        let step = scope.lh / 2.0;
        let total: f32 = self.flow.chunks[first..].iter().map(|c| c.height).sum();
        if let Some(last) = self.flow.chunks.last_mut().filter(|_| total > 0.0) {
            last.height += (total / step - 1e-3).ceil() * step - total;
        }
        self.flow.space(scope.lh * 0.5);
    }

    /// Sets one row: normally one chunk; a row taller than `limit` is cut into bands.
    fn row(
        &mut self,
        cells: &[Vec<Span>],
        cols: &Columns,
        header: bool,
        decos: &Rc<[Deco]>,
        limit: f32,
    ) -> Vec<Chunk> {
        // Body rows are portions; the header row is not.
        self.portion_next(|| (!header).then(|| portions::spans_lead(cells.first())));
        self.enter(Role::TableRow);
        let role = if header {
            Role::TableHeader
        } else {
            Role::TableCell
        };
        let tags: Vec<StructId> = (0..cells.len()).map(|_| self.element(role, None)).collect();
        self.leave();
        let mut lines: Vec<std::collections::VecDeque<Line>> = cells
            .iter()
            .enumerate()
            .map(|(c, spans)| {
                let spec = ParagraphSpec {
                    width: (cols.widths[c] - 2.0 * cols.hpad).max(1.0),
                    align: cols.aligns[c],
                    line_height: cols.lh,
                    hyphenate: !header,
                    first_indent: 0.0,
                };
                self.break_lines(spans, &spec).into()
            })
            .collect();
        let room = (limit - 2.0 * cols.vpad - theme::RULE_WIDTH).max(cols.lh);
        let mut bands = Vec::new();
        loop {
            let mut band: Vec<Vec<Line>> = vec![Vec::new(); lines.len()];
            let mut any = false;
            for (c, queue) in lines.iter_mut().enumerate() {
                let mut used = 0.0;
                while let Some(l) = queue.front() {
                    let h = l.ascent + l.descent;
                    if used + h > room && any {
                        break;
                    }
                    used += h;
                    any = true;
                    if let Some(l) = queue.pop_front() {
                        band[c].push(l);
                    }
                }
            }
            let done = lines.iter().all(|q| q.is_empty());
            bands.push(self.band(band, &tags, cols, header, decos, done));
            if done {
                break;
            }
        }
        bands
    }

    /// One band of a row: cell lines side by side, the header tint, the rule below.
    fn band(
        &mut self,
        cells: Vec<Vec<Line>>,
        tags: &[StructId],
        cols: &Columns,
        header: bool,
        decos: &Rc<[Deco]>,
        last: bool,
    ) -> Chunk {
        let mut c = Chunk::new(0.0, 0.0, decos);
        let mut text = Vec::new();
        let mut links = Vec::new();
        let mut first_baseline: Option<f32> = None;
        let mut content_h: f32 = cols.lh;
        for (col, cell) in cells.into_iter().enumerate() {
            let mut y = cols.vpad;
            for line in cell {
                let baseline = y + line.ascent;
                first_baseline = Some(first_baseline.map_or(baseline, |b| b.min(baseline)));
                let descent = line.descent;
                let Line {
                    mut items,
                    links: mut l,
                    ..
                } = line;
                shift(&mut items, &mut l, cols.xs[col] + cols.hpad, baseline);
                if let Some(&tag) = tags.get(col) {
                    tag_items(&mut items, tag);
                    tag_links(&mut l, tag);
                }
                self.claim_notes(&l, y, &mut c);
                text.extend(items);
                links.extend(l);
                y = baseline + descent;
            }
            content_h = content_h.max(y - cols.vpad);
        }
        let rule = if header {
            theme::RULE_WIDTH
        } else {
            theme::HAIRLINE
        };
        c.height = content_h + 2.0 * cols.vpad + rule;
        c.baseline = first_baseline.unwrap_or(cols.vpad + cols.lh * 0.75);
        if header {
            c.items.push(PageItem::Rect(Rect {
                x: cols.x,
                y: 0.0,
                width: cols.total,
                height: c.height - rule,
                color: theme::TINT,
            }));
        }
        c.items.append(&mut text);
        c.links = links;
        if last {
            c.items.push(PageItem::Rect(Rect {
                x: cols.x,
                y: c.height - rule,
                width: cols.total,
                height: rule,
                color: if header { theme::RULE } else { ROW_RULE },
            }));
        }
        c
    }
}

/// A table of more than [`MAX_COLUMNS`] columns with the cells of the extra columns
/// joined into the last one (header and rows alike); `None` when it fits as it is.
fn fold_columns(t: &Table) -> Option<Table> {
    let wide = |cells: &[Vec<Run>]| cells.len() > MAX_COLUMNS;
    if !wide(&t.header) && !t.rows.iter().any(|r| wide(r)) && t.aligns.len() <= MAX_COLUMNS {
        return None;
    }
    let fold = |cells: &[Vec<Run>]| -> Vec<Vec<Run>> {
        let mut out: Vec<Vec<Run>> = cells.iter().take(MAX_COLUMNS).cloned().collect();
        if let Some(last) = out.last_mut() {
            for cell in cells.iter().skip(MAX_COLUMNS) {
                last.push(plain_run(JOINED_SEPARATOR));
                last.extend(cell.iter().cloned());
            }
        }
        out
    };
    Some(Table {
        aligns: t.aligns.iter().take(MAX_COLUMNS).copied().collect(),
        header: fold(&t.header),
        rows: t.rows.iter().map(|r| fold(r)).collect(),
    })
}

/// A run of plain text.
fn plain_run(text: &str) -> Run {
    Run {
        text: text.to_owned(),
        kind: RunKind::Text,
        emph: false,
        strong: false,
        strike: false,
        link: None,
    }
}

/// Column widths from each column's narrowest and natural widths, filling `total`:
/// natural widths grown in proportion when they fit, otherwise the slack above the
/// minimums shared by how much more each column wants, otherwise minimums scaled down.
pub(crate) fn column_widths(mins: &[f32], maxs: &[f32], total: f32) -> Vec<f32> {
    let n = mins.len().max(1) as f32;
    let (smin, smax): (f32, f32) = (mins.iter().sum(), maxs.iter().sum());
    if smax <= 0.0 {
        return vec![total / n; mins.len()];
    }
    if smax <= total {
        return maxs.iter().map(|m| m + (total - smax) * m / smax).collect();
    }
    if smin <= total && smax > smin {
        let k = (total - smin) / (smax - smin);
        return mins
            .iter()
            .zip(maxs)
            .map(|(lo, hi)| lo + (hi - lo).max(0.0) * k)
            .collect();
    }
    if smin <= 0.0 {
        return vec![total / n; mins.len()];
    }
    mins.iter().map(|m| total * m / smin).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: &[f32], b: &[f32]) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01)
    }

    #[test]
    fn columns_past_the_limit_are_joined_into_the_last() {
        let cells = |prefix: &str| -> Vec<Vec<Run>> {
            (0..MAX_COLUMNS + 3)
                .map(|c| vec![plain_run(&format!("{prefix}{c}"))])
                .collect()
        };
        let t = Table {
            aligns: vec![Alignment::None; MAX_COLUMNS + 3],
            header: cells("h"),
            rows: vec![cells("r"), vec![vec![plain_run("short row")]]],
        };
        let f = fold_columns(&t).unwrap();
        assert_eq!(f.aligns.len(), MAX_COLUMNS);
        assert_eq!(f.header.len(), MAX_COLUMNS);
        let last = MAX_COLUMNS - 1;
        let n = MAX_COLUMNS;
        assert_eq!(
            Run::plain(&f.header[last]),
            format!("h{last} | h{n} | h{} | h{}", n + 1, n + 2)
        );
        assert_eq!(
            Run::plain(&f.rows[0][last]),
            format!("r{last} | r{n} | r{} | r{}", n + 1, n + 2)
        );
        assert_eq!(f.rows[1].len(), 1);
        assert!(fold_columns(&f).is_none());
    }

    #[test]
    fn widths_always_fill_the_measure() {
        for (mins, maxs) in [
            (vec![10.0, 10.0], vec![20.0, 60.0]),
            (vec![50.0, 80.0], vec![300.0, 400.0]),
            (vec![300.0, 300.0], vec![500.0, 900.0]),
            (vec![0.0, 0.0], vec![0.0, 0.0]),
        ] {
            let w = column_widths(&mins, &maxs, 400.0);
            assert!((w.iter().sum::<f32>() - 400.0).abs() < 0.01, "{w:?}");
        }
        assert!(close(
            &column_widths(&[10.0, 10.0], &[20.0, 60.0], 400.0),
            &[100.0, 300.0]
        ));
        // Slack above the minimums goes to the column that wants more.
        let w = column_widths(&[50.0, 50.0], &[100.0, 500.0], 400.0);
        assert!(w[1] > w[0] && w[0] >= 50.0, "{w:?}");
    }
}
