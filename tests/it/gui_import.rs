//! Importing an article in the app, driven with egui_kittest: a saved report is read into
//! the review window, the analyst accepts one quotation, rejects another, grades them,
//! files the accepted one into the library and cites it in the brief. Filing is one undo
//! step; a second import of the same article finds its source again.

use crate::gui_support::{CTRL, answer_path, harness, library_menu, options, settle};
use briefsmith::app::BriefsmithApp;
use briefsmith::app::state::Startup;
use briefsmith_core::model::{Credibility, Speech};
use briefsmith_import::{CandidateKind, Decision};
use briefsmith_library::Library;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, BriefsmithApp>;

/// The FT report the sample dataset was built from (see crates/import/tests/fixtures).
const ARTICLE: &str =
    include_str!("../../crates/import/tests/fixtures/ft-putin-pezeshkian-2024-10-11.txt");

/// The index of the `n`-th quotation under review.
fn quote(h: &H, n: usize) -> usize {
    let r = h.state().state.import.as_ref().expect("a review is open");
    r.review
        .candidates()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind == CandidateKind::Quote)
        .nth(n)
        .map(|(i, _)| i)
        .expect("the article has quotations")
}

fn selected(h: &H) -> Option<usize> {
    h.state().state.import.as_ref().unwrap().selected
}

fn decision(h: &H, index: usize) -> Decision {
    let r = h.state().state.import.as_ref().unwrap();
    r.review.decision(index).unwrap()
}

#[test]
fn an_article_becomes_reviewed_items_in_the_library_and_a_cited_block() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("reporting.bslib");
    let article = dir.path().join("putin-pezeshkian.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let mut h = harness(options(Startup::Sample, dir.path()));
    library_menu(&mut h, "New library…");
    answer_path(&mut h, &lib);

    library_menu(&mut h, "Import article…");
    answer_path(&mut h, &article);
    let paragraphs = {
        let r = h.state().state.import.as_ref().expect("the review opened");
        r.review.import().paragraphs.len()
    };
    assert!(paragraphs > 10, "the article is split into paragraphs");
    // The article is shown paragraph by paragraph beside the candidates.
    assert!(h.query_by_label_contains("¶1  Russian President").is_some());
    assert!(
        h.query_by_label_contains(&format!("¶{paragraphs}  "))
            .is_some()
    );

    // List the quotations only; the first listed row is then the first quotation.
    let quotes = {
        let r = h.state().state.import.as_ref().unwrap();
        let n = r
            .review
            .candidates()
            .iter()
            .filter(|c| c.kind == CandidateKind::Quote)
            .count();
        format!("Quotes {n}")
    };
    h.get_by_label(&quotes).click();
    h.run();
    let (first, second) = (quote(&h, 0), quote(&h, 1));
    h.get_all_by_label("Accept").next().unwrap().click();
    h.run();
    h.get_all_by_label("Reject").nth(1).unwrap().click();
    h.run();
    assert_eq!(decision(&h, first), Decision::Accepted);
    assert_eq!(decision(&h, second), Decision::Rejected);

    // Grade the accepted quotation 2 and the source B, in the same view.
    h.get_all_by_role_and_label(egui::Role::ComboBox, "Credibility")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("2 — probably true").click();
    h.run();
    h.get_by_label("Source reliability").click();
    h.run();
    h.get_by_label("B — usually reliable").click();
    h.run();

    let expected = {
        let r = h.state().state.import.as_ref().unwrap();
        r.review.candidates()[first].clone()
    };
    h.get_by_label("Add 1 to the library").click();
    settle(&mut h);
    assert!(
        h.state().state.import.is_none(),
        "{:?}",
        h.state().state.toasts
    );

    // The library file holds the graded source with its text, and the quotation verbatim.
    let ds = Library::open(&lib).unwrap().to_dataset().unwrap();
    assert_eq!(ds.sources.len(), 1);
    assert_eq!(ds.sources[0].reliability.to_string(), "B");
    assert_eq!(ds.sources[0].paragraphs.len(), paragraphs);
    assert_eq!(ds.items.len(), 1, "only the accepted quotation");
    let source = ds.sources[0].id.clone();
    let item = &ds.items[0];
    assert_eq!(item.text, expected.text);
    assert_eq!(item.locator, expected.locator);
    assert_eq!(item.speech, Some(Speech::Direct));
    assert_eq!(item.credibility, Credibility(2));
    let speaker = ds
        .entities
        .iter()
        .find(|e| Some(&e.id) == item.speaker.as_ref())
        .expect("the speaker is an entity of the library");
    assert_eq!(Some(speaker.name.as_str()), expected.speaker.as_deref());

    // The new item is selected; one click cites it in the brief.
    h.get_by_label("Add to brief").click();
    settle(&mut h);
    assert!(
        h.state().state.doc.brief().cited_items().contains(&item.id),
        "the imported quotation is cited in the brief"
    );

    // Undo the citation, then the whole import in one step.
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    h.key_press_modifiers(CTRL, Key::Z);
    settle(&mut h);
    let after_undo = Library::open(&lib).unwrap().to_dataset().unwrap();
    assert!(after_undo.sources.is_empty() && after_undo.items.is_empty());
    assert!(after_undo.entities.is_empty());
    h.key_press_modifiers(CTRL, Key::Y);
    settle(&mut h);
    assert_eq!(
        Library::open(&lib)
            .unwrap()
            .to_dataset()
            .unwrap()
            .items
            .len(),
        1
    );

    // Importing the same article again finds its source instead of making a duplicate.
    library_menu(&mut h, "Import article…");
    answer_path(&mut h, &article);
    let existing = h.state().state.import.as_ref().unwrap().existing.clone();
    assert!(
        existing
            .as_deref()
            .is_some_and(|e| e.contains(source.as_str())),
        "{existing:?}"
    );
}

#[test]
fn importing_without_a_library_or_from_a_bad_file_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(options(Startup::Sample, dir.path()));
    // The bundled sample is a JSON dataset: the import asks for a library first.
    h.state_mut().state.import_file(&dir.path().join("any.txt"));
    h.run();
    assert!(h.state().state.import.is_none());
    let said = format!("{:?}", h.state().state.toasts);
    assert!(said.contains("library"), "{said}");

    library_menu(&mut h, "New library…");
    answer_path(&mut h, &dir.path().join("lib.bslib"));
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    library_menu(&mut h, "Import article…");
    answer_path(&mut h, &empty);
    assert!(h.state().state.import.is_none());
    let said = format!("{:?}", h.state().state.toasts);
    assert!(
        said.contains("empty.txt"),
        "the message names the file: {said}"
    );
}

#[test]
fn pasted_text_is_read_for_review_like_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(options(Startup::Sample, dir.path()));
    library_menu(&mut h, "New library…");
    answer_path(&mut h, &dir.path().join("lib.bslib"));
    library_menu(&mut h, "Import pasted text…");
    let pasted = "Iran will respond, a spokesman said on Tuesday.\n\n\
                  “We will not be intimidated,” said Abbas Araghchi, the foreign minister.";
    h.get_by_label("Article text").click();
    h.run();
    h.get_by_label("Article text").type_text(pasted);
    h.run();
    h.get_by_label("Read").click();
    h.run();
    let r = h.state().state.import.as_ref().expect("the review opened");
    assert!(h.state().state.paste.is_none(), "the paste box closed");
    assert_eq!(r.review.import().paragraphs.len(), 2);
    let quote = r
        .review
        .candidates()
        .iter()
        .find(|c| c.kind == CandidateKind::Quote)
        .expect("the quotation is proposed");
    assert_eq!(quote.text, "We will not be intimidated");
    assert_eq!(quote.speaker.as_deref(), Some("Abbas Araghchi"));
    assert_eq!(quote.locator, "para 2");
}

#[test]
fn arrow_keys_walk_the_candidates_and_a_or_r_decides() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("putin-pezeshkian.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    let mut h = harness(options(Startup::Sample, dir.path()));
    library_menu(&mut h, "New library…");
    answer_path(&mut h, &dir.path().join("lib.bslib"));
    library_menu(&mut h, "Import article…");
    answer_path(&mut h, &article);
    let listed = h.state().state.import.as_ref().unwrap().listed();

    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), Some(listed[0]));
    h.key_press(Key::A);
    h.run();
    assert_eq!(decision(&h, listed[0]), Decision::Accepted);
    assert_eq!(selected(&h), Some(listed[1]), "on to the next pending one");
    h.key_press(Key::R);
    h.run();
    assert_eq!(decision(&h, listed[1]), Decision::Rejected);
    assert_eq!(selected(&h), Some(listed[2]));
    for _ in 0..3 {
        h.key_press(Key::ArrowUp);
        h.run();
    }
    assert_eq!(selected(&h), Some(listed[0]), "↑ stops at the top");
    assert_eq!(decision(&h, listed[3]), Decision::Pending);
}
