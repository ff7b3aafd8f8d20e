//! The review operations over an import (accept, reject, edit, merge, accept-all, grades)
//! and the dataset records they make, checked by the core validator.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{
    Credibility, DATASET_SCHEMA, Dataset, ItemKind, Reliability, SourceId, Speech,
};
use briefsmith_core::validate::{Severity, validate_dataset};
use briefsmith_import::{CandidateKind, Decision, Options, Review, ReviewError, import_text};
use std::path::Path;

const REPORT: &str = "Ministers met in Geneva on Tuesday.\n\n\
    “We are close,” the talks' chair, Maria Lopez, said, “but not there yet.” \
    She added that 40 per cent of the text was agreed.\n\n\
    “Nothing is agreed until everything is agreed,” said Tom Price, a negotiator.";

fn review() -> Review {
    let options = Options {
        date: briefsmith_import::NaiveDate::from_ymd_opt(2024, 3, 7),
        ..Options::default()
    };
    let import = import_text("talks.txt", REPORT, &options).expect("imports");
    Review::new(import, Reliability::new("B"))
}

fn index(r: &Review, kind: CandidateKind, starts: &str) -> usize {
    r.candidates()
        .iter()
        .position(|c| c.kind == kind && c.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no {kind:?} {starts}: {:?}", r.candidates()))
}

#[test]
fn split_quote_merges_into_one_and_edits_stick() {
    let mut r = review();
    let a = index(&r, CandidateKind::Quote, "We are close");
    let b = index(&r, CandidateKind::Quote, "but not there yet");
    assert_eq!(r.candidates()[a].speaker.as_deref(), Some("Maria Lopez"));
    r.merge(a, b).expect("same speaker merges");
    let merged = index(&r, CandidateKind::Quote, "We are close");
    assert_eq!(
        r.candidates()[merged].text,
        "We are close but not there yet."
    );
    let price = index(&r, CandidateKind::Quote, "Nothing is agreed");
    assert_eq!(
        r.merge(merged, price),
        Err(ReviewError::CannotMerge {
            first: merged,
            second: price,
            reason: "they have different speakers"
        })
    );
    r.edit(
        price,
        "Nothing is agreed until everything is agreed",
        Some("Tom Price"),
    )
    .expect("edit");
    assert_eq!(r.decision(price), Ok(Decision::Accepted));
    assert!(matches!(
        r.edit(price, "  ", None),
        Err(ReviewError::EmptyText { .. })
    ));
    assert!(matches!(
        r.accept(999),
        Err(ReviewError::NoSuchCandidate { index: 999, .. })
    ));
}

#[test]
fn joined_on_import_when_asked() {
    let options = Options {
        join_split_quotes: true,
        ..Options::default()
    };
    let import = import_text("talks.txt", REPORT, &options).expect("imports");
    let texts: Vec<&str> = import
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Quote)
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "We are close but not there yet.",
            "Nothing is agreed until everything is agreed"
        ]
    );
}

#[test]
fn accepted_items_become_valid_dataset_records() {
    let mut r = review();
    let figure = index(&r, CandidateKind::Figure, "40 per cent");
    r.reject(figure).expect("reject");
    let quote = index(&r, CandidateKind::Quote, "Nothing is agreed");
    r.set_credibility(quote, Credibility(2)).expect("grade");
    let accepted = r.accept_all();
    assert_eq!(
        accepted,
        r.candidates().len() - 1,
        "all but the rejected one"
    );
    assert_eq!(r.decision(figure), Ok(Decision::Rejected));

    let mut n = 0;
    let records = r.into_records(SourceId::new("src-talks"), &mut |stem| {
        n += 1;
        format!("{stem}-{n}")
    });
    assert_eq!(records.source.title, "talks");
    assert_eq!(records.source.reliability, Reliability::new("B"));
    assert_eq!(records.source.paragraphs.len(), 3);
    let price = records
        .items
        .iter()
        .find(|i| i.text.starts_with("Nothing is agreed"))
        .expect("quote item");
    assert_eq!(price.speech, Some(Speech::Direct));
    assert_eq!(price.credibility, Credibility(2));
    assert_eq!(price.locator, "para 3");
    let speaker = records
        .new_entities
        .iter()
        .find(|e| Some(&e.id) == price.speaker.as_ref())
        .expect("speaker entity");
    assert_eq!(speaker.name, "Tom Price");
    assert!(
        records
            .items
            .iter()
            .any(|i| i.kind == ItemKind::Quote && i.speech == Some(Speech::Reported))
    );
    assert!(
        !records
            .items
            .iter()
            .any(|i| i.text.contains("40 per cent") && i.kind == ItemKind::Fact)
    );
    let ds = Dataset {
        schema: DATASET_SCHEMA.to_owned(),
        title: "Talks".into(),
        sources: vec![records.source],
        entities: records.new_entities,
        items: records.items,
        ..Dataset::default()
    };
    let errors: Vec<_> = validate_dataset(&ds, Path::new("talks.json"))
        .into_iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}
