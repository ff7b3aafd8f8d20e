//! Dates: the brief has one, nothing it cites comes after it, and relative days
//! ("yesterday") are pinned to a date the reader can see.

use crate::context::{Context, item_key};
use crate::text::{names_a_date, sentences, words};
use crate::{Finding, Place};
use briefsmith_core::date::IsoDate;
use briefsmith_core::model::Block;

/// A calendar day as (year, month, day), ordered as the calendar is.
type Day = (u16, u8, u8);

/// The day range a (possibly partial, possibly timed, possibly `START/END`) ISO date
/// covers, as (year, month, day) tuples: its first and last possible day.
fn day_range(text: &str) -> Option<(Day, Day)> {
    let (start, end) = text.split_once('/').unwrap_or((text, text));
    let date = |t: &str| IsoDate::parse(t.trim().split('T').next().unwrap_or_default());
    let (start, end) = (date(start)?, date(end)?);
    Some((
        (
            start.year(),
            start.month().unwrap_or(1),
            start.day().unwrap_or(1),
        ),
        (
            end.year(),
            end.month().unwrap_or(12),
            end.day().unwrap_or(31),
        ),
    ))
}

const RELATIVE_DAYS: [&str; 4] = ["today", "yesterday", "tomorrow", "tonight"];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let meta = &cx.brief.meta;
    let brief_days = day_range(&meta.date);
    if brief_days.is_none() {
        let what = if meta.date.trim().is_empty() {
            "The brief has no date".to_owned()
        } else {
            format!("The brief's date “{}” is not a date", meta.date)
        };
        out.push(Finding::new(
            "brief.no-date",
            Place::brief(),
            "brief".to_owned(),
            format!(
                "{what}: set it (YYYY-MM-DD) in the brief's details, so readers know \
                 what it was current to."
            ),
        ));
    }
    for (pos, block) in cx.brief.blocks() {
        if let (Block::Item(r), Some((_, brief_last))) = (block, brief_days)
            && let Some((item_first, _)) = day_range(&r.snapshot.date)
            && item_first > brief_last
        {
            out.push(Finding::new(
                "item.after-brief",
                cx.place(pos, None),
                item_key(&r.item),
                format!(
                    "{} is dated {}, after the brief's date {}: correct the item's date, or \
                     date the brief when it was really written.",
                    r.item, r.snapshot.date, meta.date
                ),
            ));
        }
    }
    relative_days(cx, out);
}

/// Sentences of the analyst's own text that say "today" or "yesterday" and name no date.
fn relative_days(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut flag = |place: Place, text: &str| {
        for sentence in sentences(text) {
            // "today's" speaks of the present day in general ("today's air defences"),
            // not of a day the reader must pin down.
            let possessive = |at: usize, w: &str| {
                let rest = &sentence[at + w.len()..];
                rest.starts_with("'s") || rest.starts_with("’s")
            };
            let Some(word) = words(sentence)
                .into_iter()
                .find(|(at, w)| RELATIVE_DAYS.contains(&w.as_str()) && !possessive(*at, w))
                .map(|(_, w)| w)
            else {
                continue;
            };
            if names_a_date(sentence) {
                continue;
            }
            out.push(Finding::new(
                "text.relative-date",
                place.clone(),
                format!("text:{sentence}"),
                format!(
                    "“{word}” in “{sentence}” will mean another day to whoever reads the \
                     brief later: write the date instead (e.g. “on 11 October 2024”)."
                ),
            ));
        }
    };
    for (place, text) in cx.analyst_texts() {
        flag(place, text);
    }
}

#[cfg(test)]
mod tests {
    use super::day_range;

    #[test]
    fn partial_dates_and_ranges_cover_their_days() {
        assert_eq!(day_range("2024-10"), Some(((2024, 10, 1), (2024, 10, 31))));
        assert_eq!(
            day_range("2024-10-01/2024-10-11T09:00Z"),
            Some(((2024, 10, 1), (2024, 10, 11)))
        );
        assert_eq!(day_range(""), None);
        assert_eq!(day_range("autumn"), None);
    }
}
