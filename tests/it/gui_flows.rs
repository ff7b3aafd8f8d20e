//! What an analyst does in the window, driven through egui_kittest by accessible labels;
//! the assertions are on the brief in the editor (and on files), not on pixels.

use crate::gui_support;
use crate::gui_support::{CTRL, Fixture, harness, item_ids, settle};
use briefsmith::app::state::{Dialog, Startup};
use briefsmith_core::model::Block;
use briefsmith_core::store;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

fn ctrl_shift() -> Modifiers {
    CTRL | Modifiers::SHIFT
}

/// Selects everything in the focused text field and types `text` over it.
fn replace_text(
    h: &mut egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>,
    label: &str,
    text: &str,
) {
    h.get_by_label(label).click();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

/// Exports through the shortcut (`modifiers`+E) and the in-app path prompt, and waits for
/// the export to finish.
fn export_to(
    h: &mut egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>,
    modifiers: Modifiers,
    path: &std::path::Path,
) {
    h.key_press_modifiers(modifiers, Key::E);
    h.run();
    replace_text(h, "File path", path.to_str().unwrap());
    h.get_by_label("OK").click();
    settle(h);
    // The fixture's brief has open tradecraft errors (a BLUF memo with no bottom line):
    // these tests are about exporting, so they export anyway (gui_checks tests
    // the question itself).
    if matches!(
        h.state().state.dialog,
        Some(Dialog::ExportWithErrors { .. })
    ) {
        h.get_by_label("Export anyway").click();
        settle(h);
    }
}

#[test]
fn search_then_enter_adds_the_best_match() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("kazan");
    h.run();
    h.get_by_label("Search").type_text(" drone");
    h.run();
    let (top, all) = {
        let rows = h.state_mut().state.library_rows(usize::MAX);
        assert!(!rows.is_empty(), "the search finds items");
        let ds = h.state().state.doc.dataset.as_ref().unwrap();
        // Fuzzy, ranked: the best match has both words.
        let best = ds.item(&rows[0].id).unwrap().text.to_lowercase();
        assert!(best.contains("kazan") && best.contains("drone"), "{best}");
        (rows[0].id.to_string(), rows.len())
    };
    assert!(all < 300, "the search narrows the list");
    h.key_press(Key::Enter);
    settle(&mut h);
    // Nothing was selected in the brief, so the item goes to the end of the last section.
    assert_eq!(item_ids(&h, 1), vec![top]);
    assert!(h.state().state.window_title().starts_with("• "));
}

#[test]
fn a_library_row_shows_its_detail_and_adds_by_button_or_enter() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let rows = h.get_all_by_role(egui::Role::ListItem).count();
    assert!(rows > 5, "library rows are listed ({rows})");
    let third_id = h.state_mut().state.library_rows(3)[2].id.to_string();
    // Library rows come first in the tree (left pane).
    let row = h.get_all_by_role(egui::Role::ListItem).nth(2).unwrap();
    row.click();
    h.run();
    assert_eq!(
        h.state().state.selected_item_id().map(|i| i.to_string()),
        Some(third_id.clone())
    );
    h.get_by_label("Add to brief").click();
    settle(&mut h);
    assert_eq!(item_ids(&h, 1), vec![third_id.clone()]);
    // The new block is selected, so the next one (added with Enter on a focused row) goes after it.
    let row = h.get_all_by_role(egui::Role::ListItem).nth(3).unwrap();
    row.focus();
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(item_ids(&h, 1).len(), 2);
    assert_eq!(item_ids(&h, 1)[0], third_id);
}

#[test]
fn dragging_a_block_moves_it_to_another_section() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let before = item_ids(&h, 0);
    let from = h.get_by_label("Drag block 1").rect().center();
    let to = h.get_by_label("Section 2 heading").rect().center();
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=8 {
        let t = k as f32 / 8.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.drop_at(to);
    settle(&mut h);
    assert_eq!(item_ids(&h, 0), vec![before[1].clone()]);
    assert_eq!(item_ids(&h, 1), vec![before[0].clone()]);
}

#[test]
fn dragging_a_library_item_onto_a_section_inserts_it_there() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let first_id = h.state_mut().state.library_rows(3)[2].id.to_string();
    // The first two results are in the brief already; drag the third.
    let from = h
        .get_all_by_role(egui::Role::ListItem)
        .nth(2)
        .unwrap()
        .rect()
        .center();
    let to = h.get_by_label("Section 1 heading").rect().center();
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for k in 1..=8 {
        h.hover_at(from + (to - from) * (k as f32 / 8.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    settle(&mut h);
    assert_eq!(item_ids(&h, 0).len(), 3);
    assert_eq!(item_ids(&h, 0)[0], first_id);
}

#[test]
fn keyboard_reorders_blocks_and_undo_redo_walk_back_and_forth() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let ids = item_ids(&h, 0);
    h.get_by_label("Block 1 of section 1").click();
    h.run();
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_eq!(item_ids(&h, 0), vec![ids[1].clone(), ids[0].clone()]);
    // At the end of its section the block crosses into the next one.
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowDown);
    h.run();
    assert_eq!(item_ids(&h, 0), vec![ids[1].clone()]);
    assert_eq!(item_ids(&h, 1), vec![ids[0].clone()]);

    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(item_ids(&h, 0), vec![ids[1].clone(), ids[0].clone()]);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(item_ids(&h, 0), ids);
    assert!(
        !h.state().state.doc.is_modified(),
        "undone back to the saved state"
    );
    h.key_press_modifiers(ctrl_shift(), Key::Z);
    h.run();
    assert_eq!(item_ids(&h, 0), vec![ids[1].clone(), ids[0].clone()]);
    h.key_press_modifiers(CTRL, Key::Y);
    h.run();
    assert_eq!(item_ids(&h, 1), vec![ids[0].clone()]);
    // And the toolbar buttons do the same.
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(item_ids(&h, 1), Vec::<String>::new());
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(item_ids(&h, 1), vec![ids[0].clone()]);
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    h.get_by_label("Block 2 of section 1").click();
    h.run();
    h.get_by_label("Analyst note").click();
    h.run();
    h.get_by_label("Analyst note").type_text("Corroborated");
    h.run();
    h.get_by_label("Analyst note").type_text(" by imagery");
    h.run();
    let note = |h: &egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>| match &h
        .state()
        .state
        .doc
        .brief()
        .sections[0]
        .blocks[1]
    {
        Block::Item(r) => r.note.clone(),
        _ => panic!("not an item"),
    };
    assert_eq!(note(&h), "Corroborated by imagery");
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(note(&h), "");
    h.key_press_modifiers(ctrl_shift(), Key::Z);
    h.run();
    assert_eq!(note(&h), "Corroborated by imagery");
}

#[test]
fn save_then_reopen_gives_back_the_same_brief() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    replace_text(&mut h, "Title", "Revised brief");
    h.get_by_label("Add text").click();
    h.run();
    h.get_by_label("Markdown text").click();
    h.run();
    h.get_by_label("Markdown text")
        .type_text("Context *matters*.");
    h.run();
    assert_eq!(h.state().state.doc.brief().meta.title, "Revised brief");
    assert!(h.state().state.window_title().starts_with("• "));
    h.key_press_modifiers(CTRL, Key::S);
    settle(&mut h);
    assert!(!h.state().state.doc.is_modified());
    assert!(!h.state().state.window_title().starts_with("• "));
    let saved = store::load_brief(&f.draft).unwrap();
    assert_eq!(&saved, h.state().state.doc.brief());
    drop(h);

    let h2 = harness(f.options());
    assert_eq!(h2.state().state.doc.brief(), &saved);
    assert!(!h2.state().state.doc.is_modified());
}

#[test]
fn export_markdown_and_pdf_through_the_path_prompt() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let text = match &h.state().state.doc.brief().sections[0].blocks[0] {
        Block::Item(r) => r.snapshot.text.clone(),
        _ => unreachable!(),
    };
    let md = f.path("out.md");
    export_to(&mut h, ctrl_shift(), &md);
    let written = std::fs::read_to_string(&md).expect("the Markdown file is written");
    let words = text.split(',').next().unwrap();
    assert!(written.contains(words), "{words:?} in\n{written}");

    let pdf = f.path("out.pdf");
    export_to(&mut h, CTRL, &pdf);
    let bytes = std::fs::read(&pdf).expect("the PDF file is written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
}

#[test]
fn an_export_error_is_shown_not_a_crash() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let bad = f.path("no-such-folder/out.md");
    export_to(&mut h, ctrl_shift(), &bad);
    let toasts = &h.state().state.toasts;
    assert!(
        toasts
            .iter()
            .any(|t| t.error && t.text.contains("export failed")),
        "{toasts:?}"
    );
}

#[test]
fn exporting_over_the_draft_is_refused_and_the_draft_kept() {
    let f = Fixture::new();
    let before = std::fs::read(&f.draft).unwrap();
    let mut h = harness(f.options());
    export_to(&mut h, CTRL, &f.draft);
    let toasts = &h.state().state.toasts;
    assert!(
        toasts
            .iter()
            .any(|t| t.error && t.text.contains("being exported")),
        "{toasts:?}"
    );
    assert_eq!(std::fs::read(&f.draft).unwrap(), before);
}

#[test]
fn an_autosave_is_offered_and_restored_on_next_start() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    gui_support::add_text_block(&mut h, "Unsaved thought");
    h.state_mut().state.autosave_now();
    let edited = h.state().state.doc.brief().clone();
    drop(h); // the session ends without saving

    let mut h = harness(f.options());
    assert!(matches!(
        h.state().state.dialog,
        Some(Dialog::Restore { .. })
    ));
    h.get_by_label("Restore").click();
    settle(&mut h);
    let s = &h.state().state;
    assert_eq!(s.doc.brief().sections, edited.sections);
    assert!(s.doc.is_modified(), "restored work still needs saving");
    assert!(s.dialog.is_none());
}

#[test]
fn opening_over_unsaved_changes_asks_first() {
    let f = Fixture::new();
    let other = f.path("other.brief.json");
    std::fs::copy(&f.draft, &other).unwrap();
    let mut h = harness(f.options());
    h.get_by_label("Block 1 of section 1").click();
    h.run();
    h.get_all_by_label("Remove block").next().unwrap().click();
    h.run();
    h.key_press_modifiers(CTRL, Key::O);
    h.run();
    replace_text(&mut h, "File path", other.to_str().unwrap());
    h.get_by_label("OK").click();
    h.run();
    assert!(matches!(
        h.state().state.dialog,
        Some(Dialog::UnsavedChanges { .. })
    ));
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().state.doc.path.as_deref(), Some(f.draft.as_path()));
    assert_eq!(item_ids(&h, 0).len(), 1, "the change is kept");

    h.key_press_modifiers(CTRL, Key::O);
    h.run();
    replace_text(&mut h, "File path", other.to_str().unwrap());
    h.get_by_label("OK").click();
    h.run();
    h.get_by_label("Discard changes").click();
    settle(&mut h);
    assert_eq!(h.state().state.doc.path.as_deref(), Some(other.as_path()));
    assert_eq!(item_ids(&h, 0).len(), 2);
}

#[test]
fn a_draft_whose_dataset_is_missing_opens_from_its_snapshots() {
    let f = Fixture::new();
    std::fs::remove_file(&f.dataset).unwrap();
    let h = harness(f.options());
    let s = &h.state().state;
    assert!(s.doc.dataset.is_none());
    assert_eq!(s.doc.brief().sections[0].blocks.len(), 2);
    assert!(
        h.query_all_by_label_contains("No dataset").count() > 0,
        "the window says the dataset is missing"
    );
}

#[test]
fn the_bundled_sample_opens_and_saves_with_its_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(gui_support::options(Startup::Sample, dir.path()));
    assert!(h.state().state.doc.dataset.is_some());
    assert!(!h.state().state.doc.brief().sections.is_empty());
    let out = dir.path().join("mine.brief.json");
    h.state_mut().state.save_as(&out);
    h.run();
    let reopened = briefsmith::app::document::Document::open(&out).unwrap();
    assert!(
        reopened.dataset.is_some(),
        "the dataset was written beside the draft"
    );
    assert!(reopened.warnings.is_empty(), "{:?}", reopened.warnings);
}

#[test]
fn a_key_judgment_gets_its_terms_and_support() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    // A library item is selected; the new judgment cites it only when the analyst says so.
    h.get_all_by_role(egui::Role::ListItem)
        .next()
        .unwrap()
        .click();
    h.run();
    let cited = h.state().state.selected_item_id().unwrap();
    h.get_by_label("Add judgment").click();
    h.run();
    h.get_by_label("Add selected library item as support")
        .click();
    h.run();
    h.get_by_label("Judgment").click();
    h.run();
    h.get_by_label("Judgment")
        .type_text("Russia will deliver radars.");
    h.run();
    h.get_by_label("Likelihood").click();
    h.run();
    h.get_by_label("very likely (80–95 %)").click();
    h.run();
    h.get_by_label("Confidence").click();
    h.run();
    h.get_by_label("high").click();
    h.run();
    settle(&mut h);
    let judgment = |h: &egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>| match h
        .state()
        .state
        .doc
        .brief()
        .sections[1]
        .blocks
        .last()
    {
        Some(Block::Judgment(j)) => j.clone(),
        other => panic!("not a judgment: {other:?}"),
    };
    let j = judgment(&h);
    assert_eq!(j.text, "Russia will deliver radars.");
    assert_eq!(j.likelihood, briefsmith_core::model::Likelihood::VeryLikely);
    assert_eq!(j.confidence, briefsmith_core::model::Confidence::High);
    assert_eq!(j.support, vec![cited]);
    // Each pick is its own undo step.
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(
        judgment(&h).confidence,
        briefsmith_core::model::Confidence::Moderate
    );
    assert_eq!(
        judgment(&h).likelihood,
        briefsmith_core::model::Likelihood::VeryLikely
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    h.get_by_label("Add text").click();
    h.run();
    let close = |h: &mut egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>| {
        h.input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .events
            .push(egui::ViewportEvent::Close);
        h.run_steps(1);
        // The event was delivered; a real window sends it once.
        if let Some(v) = h.input_mut().viewports.get_mut(&egui::ViewportId::ROOT) {
            v.events.clear();
        }
    };
    let commands = |h: &egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>| {
        h.output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.commands.clone())
            .unwrap_or_default()
    };
    close(&mut h);
    assert!(commands(&h).contains(&egui::ViewportCommand::CancelClose));
    h.run();
    assert!(matches!(
        h.state().state.dialog,
        Some(Dialog::UnsavedChanges { .. })
    ));
    h.get_by_label("Discard changes").click();
    h.run_steps(1);
    assert!(h.state().state.quit_confirmed);
    h.run_steps(1);
    assert!(commands(&h).contains(&egui::ViewportCommand::Close));
}

#[test]
fn an_item_changed_in_the_dataset_is_marked_and_refreshed() {
    let f = Fixture::new();
    // The dataset is corrected after the draft was composed.
    let mut ds: briefsmith_core::model::Dataset =
        serde_json::from_slice(&std::fs::read(&f.dataset).unwrap()).unwrap();
    ds.items[1].text = "Corrected: the delivery was postponed.".into();
    std::fs::write(&f.dataset, serde_json::to_vec(&ds).unwrap()).unwrap();

    let mut h = harness(f.options());
    assert!(
        h.state_mut().state.doc.stale_blocks().contains(&(0, 1)),
        "the changed item is marked"
    );
    assert_eq!(h.get_all_by_label("Refresh").count(), 1);
    h.get_by_label("Refresh").click();
    settle(&mut h);
    match &h.state().state.doc.brief().sections[0].blocks[1] {
        Block::Item(r) => assert_eq!(r.snapshot.text, "Corrected: the delivery was postponed."),
        _ => unreachable!(),
    }
    assert!(h.state_mut().state.doc.stale_blocks().is_empty());
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert!(
        !h.state_mut().state.doc.stale_blocks().is_empty(),
        "undo brings the old text back"
    );
}

#[test]
fn arrow_keys_walk_the_blocks_and_delete_removes_one() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let ids = item_ids(&h, 0);
    h.get_by_label("Block 1 of section 1").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        h.state().state.selected_block,
        Some(briefsmith_core::compose::BlockPos::new(0, 1))
    );
    h.key_press(Key::Delete);
    h.run();
    assert_eq!(item_ids(&h, 0), vec![ids[0].clone()]);
    h.key_press_modifiers(CTRL, Key::Z);
    h.run();
    assert_eq!(item_ids(&h, 0), ids);
}

#[test]
fn the_preview_shows_typeset_pages_with_navigation_and_zoom() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(gui_support::options(Startup::Sample, dir.path()));
    let pages = h.state().state.preview.page_count();
    assert!(pages >= 2, "the sample is laid out into pages ({pages})");
    assert!(h.state().state.preview.error.is_none());
    assert!(
        h.query_by_label_contains(&format!("Page 1 of {pages}"))
            .is_some()
    );
    h.get_by_label("Next page").click();
    h.run();
    assert_eq!(h.state().state.preview.page, 1);
    h.get_by_label("Previous page").click();
    h.run();
    assert_eq!(h.state().state.preview.page, 0);
    let before = h.state().state.preview.zoom;
    h.get_by_label("Zoom in").click();
    h.run();
    assert!(h.state().state.preview.zoom > before);
    assert!(!h.state().state.preview.fit_width);

    // An edit is laid out again (off the UI thread) and shows up in the pages.
    let revision = h.state().state.doc.editor().revision();
    h.get_by_label("Add section").click();
    settle(&mut h);
    assert!(h.state().state.doc.editor().revision() > revision);
    assert!(!h.state().state.preview.is_busy());
}
