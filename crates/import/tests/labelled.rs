//! Quote extraction on a labelled set of real articles (tests/fixtures/labelled): precision
//! and recall of (verbatim text, speaker) pairs, printed, and held above a floor.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_import::{CandidateKind, Options, import_path};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Labels {
    path: Option<String>,
    quotes: Vec<Quote>,
}

#[derive(Deserialize, PartialEq, Clone, Debug)]
struct Quote {
    text: String,
    speaker: String,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled")
}

#[test]
fn quote_precision_and_recall_on_the_labelled_set() {
    let labels: BTreeMap<String, Labels> = serde_json::from_str(
        &std::fs::read_to_string(dir().join("labels.json")).expect("labels.json"),
    )
    .expect("labels parse");
    let (mut tp, mut fp, mut fn_, mut right_text) = (0usize, 0usize, 0usize, 0usize);
    for (name, labels) in &labels {
        let path = dir().join(labels.path.as_deref().unwrap_or(name));
        let import = import_path(&path, &Options::default()).expect("imports");
        let got: Vec<Quote> = import
            .candidates
            .iter()
            .filter(|c| c.kind == CandidateKind::Quote)
            .map(|c| Quote {
                text: c.text.clone(),
                speaker: c.speaker.clone().unwrap_or_default(),
            })
            .collect();
        for q in &got {
            if labels.quotes.contains(q) {
                tp += 1;
            } else {
                fp += 1;
                eprintln!("{name}: not in the labels: {q:?}");
            }
            right_text += usize::from(labels.quotes.iter().any(|l| l.text == q.text));
        }
        for q in labels.quotes.iter().filter(|q| !got.contains(q)) {
            fn_ += 1;
            eprintln!("{name}: missed: {q:?}");
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "labelled quotes: precision {precision:.2}, recall {recall:.2} ({tp} right, {fp} wrong, {fn_} missed; {right_text} with the right words)"
    );
    assert!(precision >= 0.75, "precision {precision:.2}");
    assert!(recall >= 0.75, "recall {recall:.2}");
}
