//! Checks of a dataset: ids, references, grades, required text, dates, fact/quote rules.

use super::dates::date_problem;
use super::problem::{Label, Report};
use crate::date::is_iso_date;
use crate::model::{DATASET_SCHEMA, Dataset, ItemKind};
use std::collections::HashMap;

/// Reports every problem of `ds` into `report`.
pub(crate) fn check(ds: &Dataset, report: &mut Report<'_>) {
    if ds.schema != DATASET_SCHEMA {
        report.error(
            "schema",
            Label::None,
            format!("schema is {:?}, expected {DATASET_SCHEMA:?}", ds.schema),
        );
    }
    if ds.title.trim().is_empty() {
        report.error("title", Label::None, "the dataset has no title");
    }
    if ds.items.is_empty() {
        report.warning("items", Label::None, "the dataset has no items");
    }
    sources(ds, report);
    entities(ds, report);
    items(ds, report);
}

/// Maps each id to its first index, reporting empty and duplicate ids.
fn unique_ids<'a>(
    list: &str,
    noun: &str,
    ids: impl Iterator<Item = &'a str>,
    report: &mut Report<'_>,
) -> HashMap<&'a str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if id.trim().is_empty() {
            report.error(
                format!("{list}[{i}].id"),
                Label::None,
                format!("the {noun} has no id"),
            );
            continue;
        }
        if let Some(first) = seen.get(id) {
            report.error(
                format!("{list}[{i}].id"),
                Label::Id(id),
                format!("duplicate {noun} id {id:?}: already used by {list}[{first}]"),
            );
        } else {
            seen.insert(id, i);
        }
    }
    seen
}

fn sources(ds: &Dataset, report: &mut Report<'_>) {
    unique_ids(
        "sources",
        "source",
        ds.sources.iter().map(|s| s.id.as_str()),
        report,
    );
    for (i, s) in ds.sources.iter().enumerate() {
        let at = |field: &str| format!("sources[{i}].{field}");
        let id = Label::Id(s.id.as_str());
        if s.title.trim().is_empty() {
            report.error(at("title"), id, "the source has no title");
        }
        if s.publisher.trim().is_empty() {
            report.warning(at("publisher"), id, "the source has no publisher");
        }
        if s.date.trim().is_empty() {
            report.warning(at("date"), id, "the source has no publication date");
        } else if !is_iso_date(&s.date) {
            report.error(at("date"), id, bad_date(&s.date));
        }
        if !s.reliability.is_valid() {
            report.error(
                at("reliability"),
                id,
                format!(
                    "reliability {:?} is not a grade A–F (Admiralty scale)",
                    s.reliability.0
                ),
            );
        }
        if let Some(url) = &s.url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            report.warning(at("url"), id, format!("{url:?} is not an http(s) address"));
        }
    }
}

fn entities(ds: &Dataset, report: &mut Report<'_>) {
    unique_ids(
        "entities",
        "entity",
        ds.entities.iter().map(|e| e.id.as_str()),
        report,
    );
    for (i, e) in ds.entities.iter().enumerate() {
        let id = Label::Id(e.id.as_str());
        if e.name.trim().is_empty() {
            report.error(format!("entities[{i}].name"), id, "the entity has no name");
        }
        for (k, alias) in e.aliases.iter().enumerate() {
            if alias.trim().is_empty() {
                report.warning(format!("entities[{i}].aliases[{k}]"), id, "empty alias");
            }
        }
    }
}

fn items(ds: &Dataset, report: &mut Report<'_>) {
    unique_ids(
        "items",
        "item",
        ds.items.iter().map(|x| x.id.as_str()),
        report,
    );
    let index = ds.index();
    for (i, item) in ds.items.iter().enumerate() {
        let at = |field: &str| format!("items[{i}].{field}");
        let id = Label::Id(item.id.as_str());
        if item.text.trim().is_empty() {
            report.error(at("text"), id, "the item has no text");
        }
        if index.source(&item.source).is_none() {
            report.error(
                at("source"),
                id,
                format!(
                    "source {:?} is not in the dataset's sources",
                    item.source.as_str()
                ),
            );
        }
        if let Some(speaker) = &item.speaker
            && index.entity(speaker).is_none()
        {
            report.error(
                at("speaker"),
                id,
                format!(
                    "speaker {:?} is not in the dataset's entities",
                    speaker.as_str()
                ),
            );
        }
        for (k, e) in item.entities.iter().enumerate() {
            if index.entity(e).is_none() {
                report.error(
                    format!("items[{i}].entities[{k}]"),
                    id,
                    format!("entity {:?} is not in the dataset's entities", e.as_str()),
                );
            }
        }
        if !item.credibility.is_valid() {
            report.error(
                at("credibility"),
                id,
                format!("credibility {} is not a grade 1–6", item.credibility),
            );
        }
        if let Some(problem) = (!item.date.is_empty())
            .then(|| date_problem(&item.date))
            .flatten()
        {
            report.error(at("date"), id, problem);
        }
        for (k, tag) in item.tags.iter().enumerate() {
            if tag.trim().is_empty() {
                report.warning(format!("items[{i}].tags[{k}]"), id, "empty tag");
            }
        }
        match item.kind {
            ItemKind::Quote => {
                if item.speaker.is_none() {
                    report.error(at("speaker"), id, "a quote needs a speaker (an entity id)");
                }
                if item.speech.is_none() {
                    report.error(
                        at("speech"),
                        id,
                        "a quote needs \"speech\": \"direct\" or \"reported\"",
                    );
                }
            }
            ItemKind::Fact => {
                if item.speaker.is_some() {
                    report.error(
                        at("speaker"),
                        id,
                        "a fact has no speaker: make it a quote, or remove the speaker",
                    );
                }
                if item.speech.is_some() {
                    report.error(at("speech"), id, "a fact has no \"speech\": only quotes do");
                }
            }
        }
    }
}

/// The message for a date that is not ISO 8601.
pub(crate) fn bad_date(date: &str) -> String {
    format!("date {date:?} is not an ISO 8601 date (2024-10-11, 2024-10 or 2024)")
}
