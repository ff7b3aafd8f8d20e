//! What the brief cites against what the reporting says: items changed or gone since
//! they were picked, direct quotes that are not verbatim, reported speech passed off as
//! a direct quote.

use crate::context::{Context, item_key};
use crate::text::{normalise, quoted};
use crate::{Finding, Place};
use briefsmith_core::model::{Block, DatasetIndex, Drift, ItemKind, Speech};

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if let Some(ds) = cx.dataset {
        for (pos, drift) in cx.brief.drifted_blocks(ds) {
            let Some(Block::Item(r)) = cx.brief.block(pos) else {
                continue;
            };
            let (check, message) = match drift {
                Drift::Changed => (
                    "item.changed",
                    format!(
                        "{} has changed in the dataset since it was picked: compare the two \
                         and press Refresh to take the current text, or keep the copy picked.",
                        r.item
                    ),
                ),
                Drift::Gone => (
                    "item.gone",
                    format!(
                        "{} is no longer in the dataset; the brief prints the copy kept when \
                         it was picked. Find out why it was withdrawn before relying on it.",
                        r.item
                    ),
                ),
            };
            out.push(Finding::new(
                check,
                cx.place(pos, None),
                item_key(&r.item),
                message,
            ));
        }
        verbatim(cx, ds, out);
    }
    reported_as_direct(cx, out);
}

/// The paragraph a locator such as "para 7", "paragraph 7" or "¶7" points at (from 1).
fn paragraph_number(locator: &str) -> Option<usize> {
    let lower = locator.to_lowercase();
    let at = ["paragraph", "para", "¶"]
        .iter()
        .find_map(|w| lower.find(w).map(|i| i + w.len()))?;
    let digits: String = lower[at..]
        .trim_start_matches(['.', ' ', 's'])
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Direct quotes whose words are not in their source's kept text (the paragraph the
/// locator names, or anywhere in the source when the locator names none).
fn verbatim(cx: &Context<'_>, ds: &DatasetIndex<'_>, out: &mut Vec<Finding>) {
    for (pos, block) in cx.brief.blocks() {
        let Block::Item(r) = block else { continue };
        let s = &r.snapshot;
        if s.kind != ItemKind::Quote || s.speech != Some(Speech::Direct) {
            continue;
        }
        let Some(source) = ds.source(&s.source.id) else {
            continue;
        };
        if source.paragraphs.is_empty() {
            continue;
        }
        let words = normalise(&s.text);
        let paragraph = paragraph_number(&s.locator)
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| source.paragraphs.get(i));
        let found = match paragraph {
            Some(p) => normalise(p).contains(&words),
            None => source
                .paragraphs
                .iter()
                .any(|p| normalise(p).contains(&words)),
        };
        if !found {
            let whereabouts = match paragraph {
                Some(_) => format!("{} of {}", s.locator, s.source.id),
                None => format!("the text of {}", s.source.id),
            };
            out.push(Finding::new(
                "quote.not-verbatim",
                cx.place(pos, None),
                item_key(&r.item),
                format!(
                    "The direct quote {} is not word for word in {whereabouts}: copy the \
                     speaker's exact words from the source, or mark it as reported speech.",
                    r.item
                ),
            ));
        }
    }
}

/// Reported speech shown as a direct quote: a "direct" quote worded as reported speech
/// ("that Russia would…"), or an analyst's text putting a reported item's words in
/// quotation marks.
fn reported_as_direct(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut reported = Vec::new();
    for (pos, block) in cx.brief.blocks() {
        let Block::Item(r) = block else { continue };
        let s = &r.snapshot;
        if s.kind != ItemKind::Quote {
            continue;
        }
        let text = normalise(&s.text).to_lowercase();
        match s.speech {
            Some(Speech::Direct) if text.starts_with("that ") => out.push(Finding::new(
                "quote.reported-as-direct",
                cx.place(pos, None),
                item_key(&r.item),
                format!(
                    "{} is marked as a direct quote but reads as reported speech (“that …”): \
                     mark it as reported in the dataset, or quote the speaker's own words.",
                    r.item
                ),
            )),
            Some(Speech::Reported) => reported.push((r, text)),
            _ => {}
        }
    }
    if reported.is_empty() {
        return;
    }
    let mut flag = |place: Place, text: &str| {
        for passage in quoted(text) {
            let passage = normalise(passage).to_lowercase();
            // A word or two in quotation marks is a term, not a quotation.
            if passage.split(' ').count() < 3 {
                continue;
            }
            if let Some((r, _)) = reported.iter().find(|(_, t)| t.contains(&passage)) {
                out.push(Finding::new(
                    "quote.reported-as-direct",
                    place.clone(),
                    item_key(&r.item),
                    format!(
                        "“{passage}” is set in quotation marks, but {} is reported speech \
                         (the source's paraphrase, not the speaker's words): drop the \
                         quotation marks and attribute it (“{} said that …”).",
                        r.item, r.snapshot.speaker
                    ),
                ));
            }
        }
    };
    for (place, text) in cx.analyst_texts() {
        flag(place, text);
    }
}

#[cfg(test)]
mod tests {
    use super::paragraph_number;

    #[test]
    fn locators_name_paragraphs() {
        assert_eq!(paragraph_number("para 7"), Some(7));
        assert_eq!(paragraph_number("Paragraph 12, line 3"), Some(12));
        assert_eq!(paragraph_number("paras 3-4"), Some(3));
        assert_eq!(paragraph_number("¶5"), Some(5));
        assert_eq!(paragraph_number("page 2"), None);
    }
}
