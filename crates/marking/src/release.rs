//! Releasable versions: a brief cut down to a ceiling, on the brief itself and before any
//! template runs, so every format inherits the cut. What is left out goes with everything
//! that only it brought in: an item's note goes with the item, and the footnotes, sources,
//! entities and people the templates list are gathered from what is left.

use crate::BriefMarkError;
use crate::document::BriefMarks;
use crate::mark::Mark;
use briefsmith_core::model::{Block, Brief, Dataset, Marking};
use std::fmt;

/// One portion a releasable version leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dropped {
    /// Where it stood, e.g. "section 2 block 3" or "the bottom line".
    pub place: String,
    /// What it is, e.g. "item fact-s400" or "judgment" or "supporting item fact-x of a judgment".
    pub what: String,
    /// Its portion mark, e.g. `(S//NF)`.
    pub mark: String,
    /// Its first words, so the analyst can recognise it.
    pub preview: String,
}

impl fmt::Display for Dropped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.mark, self.place, self.what)?;
        if !self.preview.is_empty() {
            write!(f, " “{}”", self.preview)?;
        }
        Ok(())
    }
}

/// A brief cut down to a ceiling, and what was cut.
#[derive(Debug, Clone)]
pub struct Reduction {
    /// The brief with only what the ceiling allows; it says it is reduced.
    pub brief: Brief,
    pub dropped: Vec<Dropped>,
    /// The ceiling as a banner, e.g. `CONFIDENTIAL`.
    pub ceiling: String,
}

/// Cuts `brief` down to what `ceiling` (a mark in the brief's scheme, e.g. `C` or
/// `TLP:GREEN`) allows: every portion the ceiling does not dominate is left out.
pub fn reduce(
    marks: &BriefMarks<'_>,
    brief: &Brief,
    ceiling: &str,
) -> Result<Reduction, BriefMarkError> {
    let scheme = marks.scheme;
    let ceiling_mark = Mark::parse(scheme, ceiling).map_err(|problem| BriefMarkError::Mark {
        place: "the ceiling asked for".to_owned(),
        problem,
    })?;
    let allowed = |m: &Mark| ceiling_mark.dominates(m);
    if !allowed(&marks.title) {
        return Err(BriefMarkError::TitleAboveCeiling {
            title: marks.title.portion(scheme),
            ceiling: ceiling_mark.portion(scheme),
        });
    }
    let mut out = brief.clone();
    let mut dropped = Vec::new();
    if !brief.meta.bottom_line.trim().is_empty() && !allowed(&marks.bottom_line) {
        dropped.push(Dropped {
            place: "the bottom line".to_owned(),
            what: "bottom line".to_owned(),
            mark: marks.bottom_line.portion(scheme),
            preview: preview(&brief.meta.bottom_line),
        });
        out.meta.bottom_line.clear();
    }
    for (s, section) in out.sections.iter_mut().enumerate() {
        let blocks = std::mem::take(&mut section.blocks);
        for (b, mut block) in blocks.into_iter().enumerate() {
            let Some(mark) = marks.blocks.get(s).and_then(|m| m.get(b)) else {
                continue;
            };
            let place = format!("section {} block {}", s + 1, b + 1);
            if !allowed(mark) {
                let (what, text) = match &block {
                    Block::Item(r) => (format!("item {}", r.item), r.snapshot.text.as_str()),
                    Block::Text(t) => ("text".to_owned(), t.markdown.as_str()),
                    Block::Judgment(j) => ("judgment".to_owned(), j.text.as_str()),
                };
                dropped.push(Dropped {
                    place,
                    what,
                    mark: mark.portion(scheme),
                    preview: preview(text),
                });
                continue;
            }
            let note = marks
                .notes
                .get(s)
                .and_then(|n| n.get(b))
                .and_then(Option::as_ref);
            if let (Block::Item(r), Some(note)) = (&mut block, note)
                && !allowed(note)
            {
                dropped.push(Dropped {
                    place: place.clone(),
                    what: format!("the note on item {}", r.item),
                    mark: note.portion(scheme),
                    preview: preview(&r.note),
                });
                r.note.clear();
                r.note_marking = None;
            }
            if let Block::Judgment(j) = &mut block {
                j.support.retain(|id| {
                    let keep = marks.items.get(id).is_none_or(allowed);
                    if !keep {
                        dropped.push(Dropped {
                            place: place.clone(),
                            what: format!("supporting item {id} of a judgment"),
                            mark: marks
                                .items
                                .get(id)
                                .map(|m| m.portion(scheme))
                                .unwrap_or_default(),
                            preview: String::new(),
                        });
                    }
                    keep
                });
            }
            section.blocks.push(block);
        }
    }
    out.meta.markings.reduced_to = Some(Marking::new(ceiling_mark.short(scheme)));
    Ok(Reduction {
        brief: out,
        dropped,
        ceiling: ceiling_mark.banner(scheme),
    })
}

/// The first words of some text, for recognising it in a list.
pub(crate) fn preview(text: &str) -> String {
    const WORDS: usize = 10;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = words
        .iter()
        .take(WORDS)
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if words.len() > WORDS {
        out.push('…');
    }
    out
}

/// Reads the brief's marks and reduces it: the one call the exports make.
pub fn reduce_brief(
    schemes: &crate::Schemes,
    brief: &Brief,
    dataset: Option<&Dataset>,
    ceiling: &str,
) -> Result<Reduction, BriefMarkError> {
    let scheme = crate::scheme_of(schemes, brief)?.ok_or(BriefMarkError::NoScheme)?;
    let marks = BriefMarks::of(scheme, brief, dataset)?;
    reduce(&marks, brief, ceiling)
}
