//! Checks of a brief: required text, grades, dates, and its references into the dataset.

use super::dataset::bad_date;
use super::problem::{Label, Report};
use crate::date::is_iso_date;
use crate::model::{BRIEF_SCHEMA, Block, Brief, Dataset, DatasetIndex, ItemKind, ItemSnapshot};
use std::collections::HashMap;

/// Reports every problem of `brief` into `report`; references are checked when `dataset` is given.
pub(crate) fn check(brief: &Brief, dataset: Option<&Dataset>, report: &mut Report<'_>) {
    if brief.schema != BRIEF_SCHEMA {
        report.error(
            "schema",
            Label::None,
            format!("schema is {:?}, expected {BRIEF_SCHEMA:?}", brief.schema),
        );
    }
    if brief.meta.title.trim().is_empty() {
        report.error("meta.title", Label::None, "the brief has no title");
    }
    if !brief.meta.date.is_empty() && !is_iso_date(&brief.meta.date) {
        report.error("meta.date", Label::None, bad_date(&brief.meta.date));
    }
    if brief.dataset.path.trim().is_empty() {
        report.warning("dataset.path", Label::None, "the brief names no dataset");
    }
    let fp = &brief.dataset.fingerprint;
    if !fp.is_empty() && !is_fingerprint(fp) {
        report.error(
            "dataset.fingerprint",
            Label::None,
            format!("{fp:?} is not \"sha256:\" followed by 64 hex digits"),
        );
    }
    if brief.sections.is_empty() {
        report.warning("sections", Label::None, "the brief has no sections");
    }
    let index = dataset.map(Dataset::index);
    let mut picked: HashMap<&str, String> = HashMap::new();
    for (s, section) in brief.sections.iter().enumerate() {
        if section.heading.trim().is_empty() {
            report.error(
                format!("sections[{s}].heading"),
                Label::None,
                "the section has no heading",
            );
        }
        for (b, block) in section.blocks.iter().enumerate() {
            let at = format!("sections[{s}].blocks[{b}]");
            match block {
                Block::Item(r) => {
                    let id = r.item.as_str();
                    if let Some(first) = picked.get(id) {
                        report.warning(
                            format!("{at}.item"),
                            Label::Item(id),
                            format!("the item is picked twice (also at {first})"),
                        );
                    } else {
                        picked.insert(id, at.clone());
                    }
                    snapshot(&r.snapshot, &at, Label::Item(id), report);
                    if let Some(index) = &index {
                        against_dataset(r.item.as_str(), &r.snapshot, index, &at, report);
                    }
                }
                Block::Text(t) => {
                    if t.markdown.trim().is_empty() {
                        report.warning(format!("{at}.markdown"), Label::None, "empty text block");
                    }
                }
                Block::Judgment(j) => {
                    if j.text.trim().is_empty() {
                        report.error(
                            format!("{at}.text"),
                            Label::None,
                            "the key judgment has no text",
                        );
                    }
                    if let Some(index) = &index {
                        for (k, item) in j.support.iter().enumerate() {
                            if index.item(item).is_none() {
                                report.error(
                                    format!("{at}.support[{k}]"),
                                    Label::None,
                                    format!(
                                        "supporting item {:?} is not in the dataset",
                                        item.as_str()
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A snapshot must be exportable on its own: text, grades, dates, a quote's speaker.
fn snapshot(snap: &ItemSnapshot, at: &str, id: Label<'_>, report: &mut Report<'_>) {
    if snap.text.trim().is_empty() {
        report.error(
            format!("{at}.snapshot.text"),
            id,
            "the snapshot has no text",
        );
    }
    if !snap.credibility.is_valid() {
        report.error(
            format!("{at}.snapshot.credibility"),
            id,
            format!("credibility {} is not a grade 1–6", snap.credibility),
        );
    }
    if !snap.source.reliability.is_valid() {
        report.error(
            format!("{at}.snapshot.source.reliability"),
            id,
            format!(
                "reliability {:?} is not a grade A–F",
                snap.source.reliability.0
            ),
        );
    }
    if !snap.date.is_empty() && !is_iso_date(&snap.date) {
        report.error(format!("{at}.snapshot.date"), id, bad_date(&snap.date));
    }
    if snap.kind == ItemKind::Quote && snap.speaker.trim().is_empty() {
        report.error(
            format!("{at}.snapshot.speaker"),
            id,
            "a quote needs a speaker",
        );
    }
}

/// The picked item must exist in the dataset; a snapshot that differs from it is stale.
fn against_dataset(
    item_id: &str,
    snap: &ItemSnapshot,
    index: &DatasetIndex<'_>,
    at: &str,
    report: &mut Report<'_>,
) {
    let Some(item) = index.item(&item_id.into()) else {
        report.error(
            format!("{at}.item"),
            Label::Item(item_id),
            format!("item {item_id:?} is not in the dataset"),
        );
        return;
    };
    let now = ItemSnapshot::capture(index.dataset(), item);
    let changed = changed_fields(snap, &now);
    if !changed.is_empty() {
        report.warning(
            format!("{at}.snapshot"),
            Label::Item(item_id),
            format!(
                "the snapshot no longer matches the dataset ({} changed); refresh it to use the dataset's version",
                changed.join(", ")
            ),
        );
    }
}

/// The names of the snapshot fields that differ.
fn changed_fields(a: &ItemSnapshot, b: &ItemSnapshot) -> Vec<&'static str> {
    let fields = [
        ("kind", a.kind != b.kind),
        ("text", a.text != b.text),
        (
            "speaker",
            a.speaker != b.speaker || a.speaker_role != b.speaker_role,
        ),
        ("speech", a.speech != b.speech),
        ("via", a.via != b.via),
        ("date", a.date != b.date),
        ("place", a.place != b.place),
        ("credibility", a.credibility != b.credibility),
        ("source", a.source != b.source),
        ("locator", a.locator != b.locator),
    ];
    fields.iter().filter(|(_, d)| *d).map(|(n, _)| *n).collect()
}

fn is_fingerprint(s: &str) -> bool {
    s.strip_prefix("sha256:")
        .is_some_and(|hex| hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}
