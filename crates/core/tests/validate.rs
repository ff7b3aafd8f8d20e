//! Validation of datasets and briefs: each kind of problem, all reported at once, with places.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{
    Block, Confidence, ItemId, ItemRef, ItemSnapshot, Judgment, Likelihood, Section,
};
use briefsmith_core::store::{FileKind, load_brief, load_dataset};
use briefsmith_core::validate::{
    Problem, Severity, validate_brief, validate_dataset, validate_file,
};
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/core")
        .join(name)
}

/// Finds the one problem at `location` whose message contains `words`.
fn expect<'a>(
    problems: &'a [Problem],
    location: &str,
    severity: Severity,
    words: &str,
) -> &'a Problem {
    let hits: Vec<_> = problems
        .iter()
        .filter(|p| p.location == location && p.message.contains(words))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one problem at {location} containing {words:?}; got:\n{}",
        list(problems)
    );
    assert_eq!(hits[0].severity, severity, "{}", hits[0]);
    hits[0]
}

fn list(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{p}\n")).collect()
}

#[test]
fn clean_fixtures_have_no_problems() {
    let ds = load_dataset(&fixture("small.dataset.json")).unwrap();
    let problems = validate_dataset(&ds, Path::new("small.dataset.json"));
    assert!(problems.is_empty(), "{}", list(&problems));
    let report = validate_file(&fixture("v1.brief.json")).unwrap();
    assert_eq!(report.kind, FileKind::Brief);
    assert!(report.problems.is_empty(), "{}", list(&report.problems));
}

#[test]
fn every_dataset_problem_is_reported_at_once() {
    let report = validate_file(&fixture("problems.dataset.json")).unwrap();
    assert_eq!(report.kind, FileKind::Dataset);
    let p = &report.problems;
    use Severity::{Error, Warning};
    expect(p, "title", Error, "no title");
    expect(
        p,
        "sources[1].id (id \"src-a\")",
        Error,
        "duplicate source id \"src-a\": already used by sources[0]",
    );
    expect(p, "sources[1].title (id \"src-a\")", Error, "no title");
    expect(
        p,
        "sources[1].date (id \"src-a\")",
        Error,
        "\"11/10/2024\" is not an ISO 8601 date",
    );
    expect(
        p,
        "sources[1].reliability (id \"src-a\")",
        Error,
        "\"G\" is not a grade A–F",
    );
    expect(
        p,
        "entities[1].id (id \"e-1\")",
        Error,
        "duplicate entity id",
    );
    expect(p, "entities[1].name (id \"e-1\")", Error, "no name");
    expect(
        p,
        "items[1].id (id \"f-1\")",
        Error,
        "duplicate item id \"f-1\": already used by items[0]",
    );
    expect(p, "items[2].text (id \"f-2\")", Error, "no text");
    expect(
        p,
        "items[2].source (id \"f-2\")",
        Error,
        "source \"src-missing\" is not in the dataset",
    );
    expect(
        p,
        "items[2].credibility (id \"f-2\")",
        Error,
        "credibility 7 is not a grade 1–6",
    );
    expect(
        p,
        "items[3].speaker (id \"f-3\")",
        Error,
        "a fact has no speaker",
    );
    expect(
        p,
        "items[3].speech (id \"f-3\")",
        Error,
        "a fact has no \"speech\"",
    );
    expect(
        p,
        "items[4].speaker (id \"q-1\")",
        Error,
        "a quote needs a speaker",
    );
    expect(
        p,
        "items[4].speech (id \"q-1\")",
        Error,
        "a quote needs \"speech\"",
    );
    expect(p, "items[4].date (id \"q-1\")", Error, "\"2024-02-30\"");
    expect(
        p,
        "items[5].speaker (id \"q-2\")",
        Error,
        "speaker \"e-nobody\" is not in the dataset",
    );
    expect(
        p,
        "items[5].entities[1] (id \"q-2\")",
        Error,
        "entity \"e-ghost\" is not in the dataset",
    );
    expect(
        p,
        "items[5].credibility (id \"q-2\")",
        Error,
        "credibility 0",
    );
    assert_eq!(p.len(), 19, "{}", list(p));
    assert!(p.iter().all(|x| x.severity != Warning));
}

#[test]
fn problems_carry_line_and_column_and_display_as_file_place_severity_message() {
    let path = fixture("problems.dataset.json");
    let report = validate_file(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;

    let p = expect(
        &report.problems,
        "items[2].source (id \"f-2\")",
        Severity::Error,
        "src-missing",
    );
    let line = line_of("\"src-missing\"");
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"src-missing\"")
        .unwrap()
        + 1;
    assert_eq!(p.position, Some((line, column)));
    assert_eq!(
        p.to_string(),
        format!(
            "{}:{line}:{column}: items[2].source (id \"f-2\"): error: source \"src-missing\" is not in the dataset's sources",
            path.display()
        )
    );
    // A missing field points at its record.
    let p = expect(
        &report.problems,
        "items[4].speech (id \"q-1\")",
        Severity::Error,
        "speech",
    );
    assert_eq!(
        p.position.map(|x| x.0),
        Some(line_of("Quote without speaker"))
    );
}

#[test]
fn every_brief_problem_is_reported_at_once() {
    let ds = load_dataset(&fixture("small.dataset.json")).unwrap();
    let mut brief = load_brief(&fixture("v1.brief.json")).unwrap();
    brief.meta.title = " ".into();
    brief.meta.date = "12 Oct".into();
    brief.dataset.fingerprint = "md5:abc".into();
    brief.sections[0].heading = String::new();
    // A judgment with missing support and no text.
    brief.sections[0].blocks.push(Block::Judgment(Judgment {
        text: String::new(),
        confidence: Confidence::Low,
        likelihood: Likelihood::Unlikely,
        support: vec![ItemId::new("f-s400"), ItemId::new("f-gone")],
        marking: None,
    }));
    brief.sections[0].blocks.push(Block::Judgment(Judgment {
        text: "Unsupported.".into(),
        ..Default::default()
    }));
    // An item the dataset no longer has, one whose snapshot is stale, one picked twice.
    let gone = ItemSnapshot::capture(&ds, &ds.items[0]);
    let mut stale = ItemSnapshot::capture(&ds, &ds.items[2]);
    stale.text = "old words".into();
    stale.credibility.0 = 9;
    let mut bad_quote = ItemSnapshot::capture(&ds, &ds.items[3]);
    bad_quote.speaker.clear();
    bad_quote.source.reliability.0 = "Z".into();
    bad_quote.date = "yesterday".into();
    brief.sections.push(Section {
        heading: "More".into(),
        blocks: vec![
            Block::Item(ItemRef {
                item: ItemId::new("q-gone"),
                snapshot: gone,
                note: String::new(),
                note_marking: None,
            }),
            Block::Item(ItemRef {
                item: ItemId::new("q-pezeshkian-1"),
                snapshot: stale,
                note: String::new(),
                note_marking: None,
            }),
            Block::Item(ItemRef {
                item: ItemId::new("q-putin-1"),
                snapshot: bad_quote,
                note: String::new(),
                note_marking: None,
            }),
            Block::Text(Default::default()),
            brief.sections[1].blocks[0].clone(),
        ],
    });

    let p = validate_brief(&brief, Some(&ds), Path::new("b.brief.json"));
    use Severity::{Error, Warning};
    expect(&p, "meta.title", Error, "no title");
    expect(&p, "meta.date", Error, "\"12 Oct\" is not an ISO 8601 date");
    expect(&p, "dataset.fingerprint", Error, "sha256:");
    expect(&p, "sections[0].heading", Error, "no heading");
    expect(&p, "sections[0].blocks[1].text", Error, "no text");
    expect(
        &p,
        "sections[0].blocks[1].support[1]",
        Error,
        "\"f-gone\" is not in the dataset",
    );
    // A judgment with no support is a tradecraft finding (`judgment.unsupported` in the
    // checks crate), not a problem of the file: validation leaves it to the checks.
    assert!(
        !p.iter()
            .any(|x| x.location.starts_with("sections[0].blocks[2].support")),
        "{p:?}"
    );
    expect(
        &p,
        "sections[2].blocks[0].item (item \"q-gone\")",
        Error,
        "\"q-gone\" is not in the dataset",
    );
    expect(
        &p,
        "sections[2].blocks[1].snapshot (item \"q-pezeshkian-1\")",
        Warning,
        "(text, credibility changed)",
    );
    expect(
        &p,
        "sections[2].blocks[1].snapshot.credibility (item \"q-pezeshkian-1\")",
        Error,
        "credibility 9",
    );
    expect(
        &p,
        "sections[2].blocks[2].snapshot.speaker (item \"q-putin-1\")",
        Error,
        "a quote needs a speaker",
    );
    expect(
        &p,
        "sections[2].blocks[2].snapshot.source.reliability (item \"q-putin-1\")",
        Error,
        "\"Z\"",
    );
    expect(
        &p,
        "sections[2].blocks[2].snapshot.date (item \"q-putin-1\")",
        Error,
        "\"yesterday\"",
    );
    expect(
        &p,
        "sections[2].blocks[2].snapshot (item \"q-putin-1\")",
        Warning,
        "speaker, date, source changed",
    );
    expect(
        &p,
        "sections[2].blocks[3].markdown",
        Warning,
        "empty text block",
    );
    expect(
        &p,
        "sections[2].blocks[4].item (item \"f-meeting\")",
        Warning,
        "picked twice (also at sections[1].blocks[0])",
    );
    assert_eq!(p.len(), 15, "{}", list(&p));

    // Without the dataset, references cannot be checked and are not reported.
    let p = validate_brief(&brief, None, Path::new("b.brief.json"));
    assert!(
        p.iter()
            .all(|x| !x.message.contains("is not in the dataset")),
        "{}",
        list(&p)
    );
    assert_eq!(p.len(), 11, "{}", list(&p));
}

#[test]
fn draft_with_missing_dataset_is_only_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lonely.brief.json");
    fs::copy(fixture("v1.brief.json"), &path).unwrap();
    let report = validate_file(&path).unwrap();
    assert_eq!(report.problems.len(), 1, "{}", list(&report.problems));
    let p = &report.problems[0];
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.location, "dataset.path");
    assert!(p.message.contains("not found"), "{p}");
}

#[test]
fn draft_against_a_changed_dataset_warns_per_stale_block() {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("small.dataset.json");
    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace("\"credibility\": 1", "\"credibility\": 2");
    fs::write(&ds, text).unwrap();
    let path = dir.path().join("d.brief.json");
    fs::copy(fixture("v1.brief.json"), &path).unwrap();
    let report = validate_file(&path).unwrap();
    assert_eq!(report.problems.len(), 1, "{}", list(&report.problems));
    let p = &report.problems[0];
    assert_eq!(
        p.location,
        "sections[1].blocks[0].snapshot (item \"f-meeting\")"
    );
    assert!(p.message.contains("credibility changed"), "{p}");
    // Located in the v1 file through the block (v1 and v2 share the section layout).
    assert!(p.position.is_some(), "{p}");
}

#[test]
fn unreadable_files_are_load_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.brief.json");
    fs::write(&path, b"{\"schema\": \"briefsmith-brief/2\", \"meta\": ").unwrap();
    let e = validate_file(&path).unwrap_err().to_string();
    assert!(e.contains("truncated"), "{e}");
    let e = validate_file(&dir.path().join("none.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("cannot read"), "{e}");
}
