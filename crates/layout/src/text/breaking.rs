//! Choosing line breaks over a list of boxes, glue and penalties.
//!
//! [`knuth_plass`] is the total-fit algorithm of Knuth and Plass (as in TeX): it minimises
//! the sum of demerits over the whole paragraph, keeping only the active breakpoints from
//! which a line can still reach the current position. [`first_fit`] is the greedy fallback
//! and the baseline it is measured against.

use super::prepare::{INFINITE_PENALTY, Item, Kind};

/// Added to each line's badness before squaring (TeX's \linepenalty).
const LINE_PENALTY: f64 = 10.0;
/// Extra demerits for two consecutive hyphenated lines (TeX's \doublehyphendemerits).
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
/// Extra demerits for a hyphen on the second-last line (TeX's \finalhyphendemerits).
const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;
/// Extra demerits when adjacent lines differ by more than one fitness class.
const ADJ_DEMERITS: f64 = 10_000.0;
/// Badness of a line that cannot be stretched to width at all.
const INFINITE_BADNESS: f64 = 1.0e7;
/// Badness accepted by the first pass (TeX's \tolerance).
const TOLERANCE: f64 = 200.0;
/// Badness accepted by the second pass; the last accepts any line that is not overfull.
const SECOND_TOLERANCE: f64 = 1_000.0;
/// Slack for floating-point sums when testing whether a line fits.
const EPS: f32 = 1.0e-3;
/// Most active breakpoints kept. Real paragraphs stay far below (a line's worth of break
/// points in up to four fitness classes); past it the costliest are dropped, so hostile
/// text (thousands of break points within one line) is broken in linear time.
const MAX_ACTIVE: usize = 512;

/// How lines are measured.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Measure {
    /// Width of the first line and of the others (the first may be indented).
    pub first: f32,
    pub rest: f32,
    /// Ragged lines: glue neither stretches nor shrinks, and every line gets this much
    /// notional stretch so that badness still rewards even line lengths.
    pub ragged_stretch: Option<f32>,
}

impl Measure {
    fn width(&self, line: usize) -> f32 {
        if line == 0 { self.first } else { self.rest }
    }
}

/// Parameters of one Knuth–Plass pass.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pass {
    /// Largest badness accepted for a line; `None` accepts any line that is not overfull.
    pub tolerance: Option<f64>,
}

/// Running totals of widths up to an item.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    width: f32,
    stretch: f32,
    shrink: f32,
    fill: u32,
}

fn prefix_sums(items: &[Item]) -> Vec<Sums> {
    let mut out = Vec::with_capacity(items.len() + 1);
    let mut s = Sums::default();
    out.push(s);
    for it in items {
        match it.kind {
            Kind::Box { .. } => s.width += it.width,
            Kind::Glue {
                stretch,
                shrink,
                fill,
            } => {
                s.width += it.width;
                s.stretch += stretch;
                s.shrink += shrink;
                s.fill += fill as u32;
            }
            Kind::Penalty { .. } => {}
        }
        out.push(s);
    }
    out
}

/// Whether a line may end at item `i`.
fn is_legal_break(items: &[Item], i: usize) -> bool {
    match items[i].kind {
        Kind::Penalty { cost, .. } => cost < INFINITE_PENALTY,
        Kind::Glue { .. } => i > 0 && items[i - 1].is_box(),
        Kind::Box { .. } => false,
    }
}

/// The first item of the line that follows a break at `b`: discardable items are skipped.
pub(crate) fn line_start_after(items: &[Item], b: usize) -> usize {
    let mut j = b + 1;
    while j < items.len() && !items[j].is_box() && !items[j].is_forced_break() {
        j += 1;
    }
    j
}

/// A line's adjustment ratio (`None` = cannot reach the width at all) and whether it is
/// overfull, for the line from totals `a` to totals `z` plus a penalty of width `extra`.
fn ratio(a: &Sums, z: &Sums, extra: f32, width: f32, m: &Measure) -> (Option<f32>, bool) {
    let natural = z.width - a.width + extra;
    let (stretch, shrink) = match m.ragged_stretch {
        Some(r) => (r, 0.0),
        None => (z.stretch - a.stretch, z.shrink - a.shrink),
    };
    if natural <= width + EPS {
        if z.fill > a.fill || natural >= width - EPS {
            (Some(0.0), false)
        } else if stretch > 0.0 {
            (Some((width - natural) / stretch), false)
        } else {
            (None, false)
        }
    } else if shrink > 0.0 && natural - shrink <= width + EPS {
        (Some(((width - natural) / shrink).max(-1.0)), false)
    } else {
        (Some(-1.0), true)
    }
}

/// Width a break at `b` adds to its line (a penalty's hyphen).
fn break_width(items: &[Item], b: usize) -> f32 {
    match items[b].kind {
        Kind::Penalty { .. } => items[b].width,
        _ => 0.0,
    }
}

fn badness(r: Option<f32>) -> f64 {
    match r {
        None => INFINITE_BADNESS,
        Some(r) => (100.0 * (r.abs() as f64).powi(3)).min(INFINITE_BADNESS),
    }
}

/// TeX's fitness classes: 0 tight, 1 decent, 2 loose, 3 very loose.
fn fitness(r: Option<f32>) -> u8 {
    match r {
        Some(r) if r < -0.5 => 0,
        Some(r) if r <= 0.5 => 1,
        Some(r) if r <= 1.0 => 2,
        _ => 3,
    }
}

/// A chosen break, kept for walking back from the paragraph's end.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Item index of the break (the start node uses `usize::MAX`).
    at: usize,
    prev: usize,
}

/// A break from which a line may still start, with what the scan needs of it at hand.
#[derive(Debug, Clone, Copy)]
struct Active {
    node: usize,
    /// Totals at the first item of the line after the break.
    sums: Sums,
    /// Measure of the line after the break.
    width: f32,
    demerits: f64,
    fitness: u8,
    flagged: bool,
    /// The paragraph start (no fitness mismatch with a previous line).
    first: bool,
}

/// The breaks of a paragraph: total-fit within the normal tolerance, else within a looser
/// one, else total-fit over every line that is not overfull (unbounded emergency stretch: measured on sample text,
/// this sets fewer loose lines than TeX's fixed emergency stretch), else first-fit.
pub(crate) fn choose_breaks(items: &[Item], m: &Measure) -> Vec<usize> {
    [Some(TOLERANCE), Some(SECOND_TOLERANCE), None]
        .into_iter()
        .find_map(|tolerance| knuth_plass(items, m, &Pass { tolerance }))
        .unwrap_or_else(|| first_fit(items, m))
}

/// Total-fit line breaking; the item indices of the chosen breaks (the last is the final
/// forced break), or `None` when no set of lines meets the pass's tolerance.
pub(crate) fn knuth_plass(items: &[Item], m: &Measure, pass: &Pass) -> Option<Vec<usize>> {
    if items.is_empty() {
        return Some(Vec::new());
    }
    let sums = prefix_sums(items);
    let mut nodes = vec![Node {
        at: usize::MAX,
        prev: usize::MAX,
    }];
    let mut active = vec![Active {
        node: 0,
        sums: sums[0],
        width: m.width(0),
        demerits: 0.0,
        fitness: 1,
        flagged: false,
        first: true,
    }];
    // Lines after the first: a node's line number only matters for the measure.
    let rest_width = m.width(1);
    for b in 0..items.len() {
        if !is_legal_break(items, b) {
            continue;
        }
        let (cost, flagged) = match items[b].kind {
            Kind::Penalty { cost, flagged } => (cost, flagged),
            _ => (0.0, false),
        };
        let forced = cost <= -INFINITE_PENALTY;
        let last = b + 1 == items.len();
        let z = sums[b];
        let extra = break_width(items, b);
        let penalty_demerits = if cost >= 0.0 {
            (cost as f64).powi(2)
        } else if !forced {
            -(cost as f64).powi(2)
        } else {
            0.0
        };
        // Best candidate per fitness class at this break: (total demerits, from node).
        let mut best: [Option<(f64, usize)>; 4] = [None; 4];
        let mut k = 0;
        while k < active.len() {
            let a = active[k];
            let (r, overfull) = ratio(&a.sums, &z, extra, a.width, m);
            if overfull || forced {
                active.swap_remove(k);
            } else {
                k += 1;
            }
            if overfull {
                continue;
            }
            let bad = badness(r);
            if pass.tolerance.is_some_and(|t| bad > t) {
                continue;
            }
            let mut d = (LINE_PENALTY + bad).powi(2) + penalty_demerits;
            if flagged && a.flagged {
                d += DOUBLE_HYPHEN_DEMERITS;
            }
            if forced && a.flagged && last {
                d += FINAL_HYPHEN_DEMERITS;
            }
            let fit = fitness(r);
            if !a.first && fit.abs_diff(a.fitness) > 1 {
                d += ADJ_DEMERITS;
            }
            let total = a.demerits + d;
            let slot = &mut best[fit as usize];
            if slot.is_none_or(|(bd, _)| total < bd) {
                *slot = Some((total, a.node));
            }
        }
        let after = sums[line_start_after(items, b)];
        // As in TeX, a fitness class worse than the best by more than the adjacency penalty
        // can never lead to a better paragraph, so it opens no node.
        let floor = best
            .iter()
            .flatten()
            .map(|s| s.0)
            .fold(f64::INFINITY, f64::min);
        for (fit, slot) in best.iter().enumerate() {
            if let Some((total, from)) = *slot
                && total <= floor + ADJ_DEMERITS
            {
                let candidate = Active {
                    node: nodes.len(),
                    sums: after,
                    width: rest_width,
                    demerits: total,
                    fitness: fit as u8,
                    flagged,
                    first: false,
                };
                if let Some(at) = add_active(&mut active, candidate) {
                    nodes.push(Node { at: b, prev: from });
                    debug_assert_eq!(active[at].node, nodes.len() - 1);
                }
            }
        }
        if active.is_empty() {
            return None;
        }
        if active.len() > MAX_ACTIVE {
            active.select_nth_unstable_by(MAX_ACTIVE - 1, |x, y| x.demerits.total_cmp(&y.demerits));
            active.truncate(MAX_ACTIVE);
        }
    }
    let last = active
        .iter()
        .filter(|a| nodes[a.node].at == items.len() - 1)
        .min_by(|x, y| x.demerits.total_cmp(&y.demerits))?
        .node;
    let mut breaks = Vec::new();
    let mut n = last;
    while nodes[n].at != usize::MAX {
        breaks.push(nodes[n].at);
        n = nodes[n].prev;
    }
    breaks.reverse();
    Some(breaks)
}

/// Adds `new` to the active breakpoints unless one that is interchangeable with it (the
/// same totals where its line starts, fitness class and hyphen flag: every later line
/// costs the same from both) is at least as good; replaces such a node when `new` is
/// better. Returns where `new` went, if it was added.
///
/// Without this, break points with nothing measurable between them (a run of zero-width
/// format characters, each its own grapheme) would each open a node that no later line
/// ever leaves behind, and the scan would grow quadratic.
fn add_active(active: &mut Vec<Active>, new: Active) -> Option<usize> {
    let same = |a: &Active| {
        !a.first
            && a.fitness == new.fitness
            && a.flagged == new.flagged
            && a.width == new.width
            && a.sums.width == new.sums.width
            && a.sums.stretch == new.sums.stretch
            && a.sums.shrink == new.sums.shrink
            && a.sums.fill == new.sums.fill
    };
    match active.iter().position(same) {
        Some(k) if active[k].demerits <= new.demerits => None,
        Some(k) => {
            active[k] = new;
            Some(k)
        }
        None => {
            active.push(new);
            Some(active.len() - 1)
        }
    }
}

/// Greedy first-fit breaking: each line takes as much as fits. Lines overflow only when a
/// single unbreakable piece is wider than the measure.
pub(crate) fn first_fit(items: &[Item], m: &Measure) -> Vec<usize> {
    let sums = prefix_sums(items);
    let mut breaks = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let mut b = 0;
    while b < items.len() {
        if !is_legal_break(items, b) || b < start {
            b += 1;
            continue;
        }
        let width = m.width(breaks.len());
        let (_, overfull) = ratio(&sums[start], &sums[b], break_width(items, b), width, m);
        // A line whose text fits but whose added hyphen would not: a later break (after
        // the word) may fit, so this one is not taken as an overfull last resort.
        if overfull
            && last_fit.is_none()
            && !items[b].is_forced_break()
            && break_width(items, b) > 0.0
            && !ratio(&sums[start], &sums[b], 0.0, width, m).1
        {
            b += 1;
            continue;
        }
        if overfull && let Some(l) = last_fit.take() {
            breaks.push(l);
            start = line_start_after(items, l);
            continue;
        }
        if items[b].is_forced_break() || overfull {
            breaks.push(b);
            start = line_start_after(items, b);
            last_fit = None;
        } else {
            last_fit = Some(b);
        }
        b += 1;
    }
    breaks
}

/// The adjustment ratio of each line of a breaking (`None` = cannot stretch to the measure).
#[cfg(test)]
pub(crate) fn line_ratios(items: &[Item], breaks: &[usize], m: &Measure) -> Vec<Option<f32>> {
    let sums = prefix_sums(items);
    let mut start = 0;
    let mut out = Vec::new();
    for (line, &b) in breaks.iter().enumerate() {
        out.push(
            ratio(
                &sums[start],
                &sums[b],
                break_width(items, b),
                m.width(line),
                m,
            )
            .0,
        );
        start = line_start_after(items, b);
    }
    out
}
