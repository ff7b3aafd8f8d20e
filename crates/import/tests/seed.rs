//! The seed report (plain text) against the sample dataset that was built from it by hand:
//! every direct quote verbatim, with its speaker and locator, and the reported statements.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{Dataset, Speech};
use briefsmith_import::{CandidateKind, Import, Options, import_bytes};
use chrono::NaiveDate;

const ARTICLE: &[u8] = include_bytes!("fixtures/ft-putin-pezeshkian-2024-10-11.txt");
const DATASET: &str = include_str!("../../../sample_briefs/russia-iran-2024-10.dataset.json");

fn sample() -> Dataset {
    serde_json::from_str(DATASET).expect("the bundled sample parses")
}

fn import(ds: &Dataset) -> Import {
    let options = Options {
        known: &ds.entities,
        date: NaiveDate::from_ymd_opt(2024, 10, 11),
        join_split_quotes: false,
    };
    import_bytes("article.txt", ARTICLE, &options).expect("the seed imports")
}

#[test]
fn every_direct_quote_verbatim_with_its_speaker_and_locator() {
    let ds = sample();
    let import = import(&ds);
    let got: Vec<(String, String, String)> = import
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Quote)
        .map(|c| {
            (
                c.text.clone(),
                c.speaker.clone().unwrap_or_default(),
                c.locator.clone(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = ds
        .items
        .iter()
        .filter(|i| i.speech == Some(Speech::Direct))
        .map(|i| {
            let speaker = i
                .speaker
                .as_ref()
                .and_then(|s| ds.entity(s))
                .expect("speaker");
            (i.text.clone(), speaker.name.clone(), i.locator.clone())
        })
        .collect();
    let mut want_sorted = want.clone();
    want_sorted.sort();
    let mut got_sorted = got.clone();
    got_sorted.sort();
    assert_eq!(
        got_sorted, want_sorted,
        "direct quotes differ from the hand-built sample"
    );
}

#[test]
fn promotional_lines_are_not_paragraphs_so_locators_match_the_sample() {
    let import = import(&sample());
    assert_eq!(import.paragraphs.len(), 17);
    assert!(import.paragraphs[0].starts_with("Russian President Vladimir Putin met"));
    assert!(import.paragraphs[15].starts_with("“Our strike will be powerful"));
    // Each candidate's span is its text, in the paragraph its locator names.
    for c in &import.candidates {
        assert_eq!(c.locator, format!("para {}", c.paragraph));
        let para = &import.paragraphs[c.paragraph - 1];
        if matches!(c.kind, CandidateKind::Quote | CandidateKind::Reported) {
            assert_eq!(&para[c.span.clone()], c.text, "span of {c:?}");
        }
    }
}

#[test]
fn reported_speech_speakers_match_the_sample() {
    let ds = sample();
    let import = import(&ds);
    let reported: Vec<(&str, &str)> = import
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Reported)
        .map(|c| (c.locator.as_str(), c.speaker.as_deref().unwrap_or("")))
        .collect();
    // Every (locator, speaker) the importer proposes is one the analyst also recorded.
    let sample_pairs: Vec<(String, String)> = ds
        .items
        .iter()
        .filter(|i| i.speech == Some(Speech::Reported))
        .map(|i| {
            let s = i
                .speaker
                .as_ref()
                .and_then(|s| ds.entity(s))
                .expect("speaker");
            (i.locator.clone(), s.name.clone())
        })
        .collect();
    let hits = reported
        .iter()
        .filter(|(l, s)| sample_pairs.iter().any(|(sl, ss)| sl == l && ss == s))
        .count();
    assert!(
        hits * 10 >= reported.len() * 8,
        "{hits} of {} reported right: {reported:?}",
        reported.len()
    );
    for (locator, speaker) in [
        ("para 9", "Sidharth Kaushal"),
        ("para 12", "Sidharth Kaushal"),
        ("para 14", "Hanna Notte"),
        ("para 7", "Antony Blinken"),
    ] {
        assert!(
            reported.contains(&(locator, speaker)),
            "{locator} {speaker} missing: {reported:?}"
        );
    }
}

#[test]
fn dates_resolve_against_the_article_date_and_figures_are_found() {
    let import = import(&sample());
    let find = |kind, text: &str| {
        import
            .candidates
            .iter()
            .find(|c| c.kind == kind && c.text == text)
            .unwrap_or_else(|| panic!("no {kind:?} {text}"))
    };
    assert_eq!(
        find(CandidateKind::Date, "on Friday").date.as_deref(),
        Some("2024-10-11")
    );
    assert_eq!(
        find(CandidateKind::Date, "last month").date.as_deref(),
        Some("2024-09")
    );
    assert_eq!(
        find(CandidateKind::Date, "October 1").date.as_deref(),
        Some("2024-10-01")
    );
    assert_eq!(find(CandidateKind::Figure, "$800mn").locator, "para 12");
    find(CandidateKind::Figure, "more than 180 missiles");
    find(CandidateKind::Figure, "five to six units");
    // The quote "said this week" is dated to the week's month.
    let gallant = import
        .candidates
        .iter()
        .find(|c| c.text.starts_with("Our strike"))
        .expect("quote");
    assert_eq!(gallant.date.as_deref(), Some("2024-10"));
}

#[test]
fn known_entities_match_by_name_or_alias_and_new_names_are_proposed() {
    let ds = sample();
    let import = import(&ds);
    let entities: Vec<(&str, Option<&str>)> = import
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Entity)
        .map(|c| (c.text.as_str(), c.entity_id.as_deref()))
        .collect();
    assert!(entities.contains(&("Sidharth Kaushal", Some("ent-kaushal"))));
    assert!(
        entities.contains(&("Kremlin", Some("ent-kremlin"))),
        "{entities:?}"
    );
    // Without the library, the same names are proposed as new.
    let bare = import_bytes("article.txt", ARTICLE, &Options::default()).expect("imports");
    let names: Vec<&str> = bare
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Entity)
        .map(|c| c.text.as_str())
        .collect();
    for name in [
        "Sidharth Kaushal",
        "Royal United Service Academy",
        "Hanna Notte",
        "Berlin",
    ] {
        assert!(names.contains(&name), "{name} not proposed: {names:?}");
    }
    assert!(
        !names.contains(&"Kaushal"),
        "a surname is not a second person"
    );
}
