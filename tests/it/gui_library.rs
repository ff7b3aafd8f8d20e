//! Building a library in the app: a new library, a source, an entity and three items
//! (fact, direct quote, reported speech) through the forms, picked into a brief and
//! exported; every edit undone and redone; the library reopened. Driven with egui_kittest.

use crate::gui_support::{CTRL, answer_path, harness, library_menu, options, settle};
use crate::pdf_support::poppler_file;
use briefsmith::app::BriefsmithApp;
use briefsmith::app::state::{Dialog, Startup};
use briefsmith_core::model::{ItemKind, Speech};
use briefsmith_library::Library;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

type H = Harness<'static, BriefsmithApp>;

/// The widget labelled `label` that was drawn last: the form's window comes after the
/// panes, whose brief details also have a "Title" and a "Date".
fn last<'a>(h: &'a H, label: &'a str) -> egui_kittest::Node<'a> {
    h.get_all_by_label(label)
        .last()
        .unwrap_or_else(|| panic!("no widget labelled {label:?}"))
}

/// Types `text` into the form field labelled `label`.
fn fill(h: &mut H, label: &str, text: &str) {
    last(h, label).click();
    h.run();
    last(h, label).type_text(text);
    h.run();
}

/// Picks `choice` in the form's combo box labelled `label`.
fn choose(h: &mut H, label: &str, choice: &str) {
    last(h, label).click();
    h.run();
    last(h, choice).click();
    h.run();
}

fn save_form(h: &mut H) {
    h.get_by_label("Save").click();
    settle(h);
    assert!(
        h.state().state.form.is_none(),
        "the form saved: {:?}",
        h.state().state.toasts
    );
}

fn library_counts(path: &Path) -> (usize, usize, usize) {
    let ds = Library::open(path).unwrap().to_dataset().unwrap();
    (ds.sources.len(), ds.entities.len(), ds.items.len())
}

/// Creates a library with one source, one entity and three items through the forms.
fn build_library(h: &mut H, lib: &Path) {
    library_menu(h, "New library…");
    answer_path(h, lib);
    assert!(
        h.state().state.library().is_some(),
        "{:?}",
        h.state().state.toasts
    );

    library_menu(h, "New source…");
    fill(h, "Title", "Iran warns of a firm response");
    fill(h, "Publisher", "Example Wire");
    fill(h, "Date", "2024-10-12");
    choose(h, "Reliability", "B: usually reliable");
    save_form(h);

    library_menu(h, "New entity…");
    fill(h, "Name", "Abbas Araghchi");
    fill(h, "Aliases", "Araghchi; Iran's foreign minister");
    fill(h, "Role", "Foreign minister of Iran");
    fill(h, "Name in its own script", "عباس عراقچی");
    save_form(h);

    let source = "Iran warns of a firm response";
    library_menu(h, "New item…");
    fill(
        h,
        "Text",
        "Iran tested a new air-defence radar near Isfahan.",
    );
    choose(h, "Source", source);
    fill(h, "Date", "2024-10-01/2024-10-11");
    choose(h, "Credibility", "2: probably true");
    save_form(h);

    library_menu(h, "New item…");
    choose(h, "Kind", "Direct quote");
    fill(h, "Text", "Any aggression will meet a firm response.");
    fill(h, "Speaker", "Abbas Araghchi");
    choose(h, "Source", source);
    save_form(h);

    library_menu(h, "New item…");
    choose(h, "Kind", "Reported speech");
    fill(
        h,
        "Text",
        "Iran would not seek escalation but would defend itself.",
    );
    fill(h, "Speaker", "abbas araghchi");
    choose(h, "Source", source);
    save_form(h);
}

#[test]
fn a_library_built_in_the_forms_feeds_a_brief_and_survives_undo_redo_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("mine.bslib");
    let mut h = harness(options(Startup::Sample, dir.path()));
    build_library(&mut h, &lib);
    assert_eq!(
        library_counts(&lib),
        (1, 1, 3),
        "every edit is committed at once"
    );
    let items = {
        let ds = h.state().state.library().unwrap().to_dataset().unwrap();
        assert_eq!(ds.items.len(), 3);
        assert_eq!(ds.items[1].kind, ItemKind::Quote);
        assert_eq!(ds.items[1].speech, Some(Speech::Direct));
        assert_eq!(ds.items[2].speech, Some(Speech::Reported));
        assert_eq!(ds.items[0].date, "2024-10-01/2024-10-11");
        assert_eq!(ds.items[1].speaker, Some(ds.entities[0].id.clone()));
        ds.items.clone()
    };

    // Pick all three into the brief.
    for i in 0..3 {
        h.get_all_by_role(egui::Role::ListItem)
            .nth(i)
            .unwrap()
            .click();
        h.run();
        h.get_by_label("Add to brief").click();
        settle(&mut h);
    }
    let cited = h.state().state.doc.brief().cited_items();
    for item in &items {
        assert!(cited.contains(&item.id), "{cited:?}");
    }

    // Export a PDF that cites them.
    let pdf = dir.path().join("mine.pdf");
    h.key_press_modifiers(CTRL, Key::E);
    h.run();
    answer_path(&mut h, &pdf);
    // Lines joined: a phrase may break across lines.
    let text = poppler_file("pdftotext", &[], &pdf).replace('\n', " ");
    assert!(text.contains("firm response"), "{text}");
    assert!(text.contains("Araghchi"), "{text}");
    assert!(text.contains("Example Wire"), "the source is cited: {text}");

    // Undo everything (3 picks, 3 items, entity, source), then redo it all.
    for _ in 0..8 {
        h.state_mut().state.undo();
        settle(&mut h);
    }
    assert_eq!(library_counts(&lib), (0, 0, 0));
    assert!(!h.state().state.can_undo());
    for _ in 0..8 {
        h.state_mut().state.redo();
        settle(&mut h);
    }
    assert_eq!(library_counts(&lib), (1, 1, 3));
    assert_eq!(
        h.state()
            .state
            .library()
            .unwrap()
            .to_dataset()
            .unwrap()
            .items,
        items
    );

    // Save the draft; reopen it in a new session: the library and the brief are all there.
    let blocks = |h: &H| -> usize {
        let b = h.state().state.doc.brief().clone();
        b.sections.iter().map(|x| x.blocks.len()).sum()
    };
    let picked = blocks(&h);
    let draft = dir.path().join("mine.brief.json");
    assert!(h.state_mut().state.save_as(&draft));
    drop(h);
    let h = harness(options(Startup::Draft(draft.clone()), dir.path()));
    let s = &h.state().state;
    assert!(s.library().is_some(), "the draft names the library");
    assert_eq!(s.library().unwrap().to_dataset().unwrap().items, items);
    assert_eq!(blocks(&h), picked);
    assert!(s.doc.warnings.is_empty(), "{:?}", s.doc.warnings);
}

#[test]
fn forms_say_what_is_wrong_beside_the_field_and_refuse_to_save() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("mine.bslib");
    let mut h = harness(options(Startup::Sample, dir.path()));
    build_library(&mut h, &lib);
    library_menu(&mut h, "New item…");
    choose(&mut h, "Kind", "Direct quote");
    fill(&mut h, "Speaker", "Nobody We Know");
    fill(&mut h, "Date", "2024-13-40");
    h.run();
    assert!(
        h.query_by_label_contains("no entity is named “Nobody We Know”")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("is not an ISO 8601 date")
            .is_some()
    );
    assert!(h.query_by_label_contains("the item has no text").is_some());
    h.get_by_label("Save").click();
    settle(&mut h);
    assert!(h.state().state.form.is_some(), "Save is refused");
    assert_eq!(library_counts(&lib).2, 3);
    h.get_by_label("Cancel").click();
    settle(&mut h);
    assert!(h.state().state.form.is_none());
}

#[test]
fn deleting_an_item_the_brief_uses_asks_and_the_brief_keeps_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("mine.bslib");
    let mut h = harness(options(Startup::Sample, dir.path()));
    build_library(&mut h, &lib);
    h.get_all_by_role(egui::Role::ListItem)
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Add to brief").click();
    settle(&mut h);
    h.get_by_label("Delete item").click();
    settle(&mut h);
    assert!(matches!(
        h.state().state.dialog,
        Some(Dialog::ConfirmDelete { .. })
    ));
    h.get_by_label("Keep it").click();
    settle(&mut h);
    assert_eq!(library_counts(&lib).2, 3, "nothing deleted on Keep");
    h.get_by_label("Delete item").click();
    settle(&mut h);
    h.get_by_label("Delete").click();
    settle(&mut h);
    assert_eq!(library_counts(&lib).2, 2);
    let s = &h.state().state;
    let kept = s.doc.brief().sections.iter().flat_map(|x| &x.blocks).any(|b| {
        matches!(b, briefsmith_core::model::Block::Item(r) if r.snapshot.text.contains("air-defence radar"))
    });
    assert!(kept, "the brief keeps its snapshot");
    // A source that items use cannot go.
    let source = s.doc.dataset.as_ref().unwrap().catalog().sources[0]
        .id
        .to_string();
    h.state_mut().state.delete_record("src", &source);
    let toast = h.state().state.toasts.last().unwrap().text.clone();
    assert!(toast.contains("used by 2 item"), "{toast}");
    assert_eq!(library_counts(&lib).0, 1);
}

#[test]
fn quick_capture_turns_a_passage_into_an_item_with_its_entities() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("mine.bslib");
    let mut h = harness(options(Startup::Sample, dir.path()));
    build_library(&mut h, &lib);
    h.get_by_label("Quick capture").click();
    h.run();
    choose(
        &mut h,
        "Capture source",
        "Example Wire — Iran warns of a firm response",
    );
    h.get_by_label("Passage").click();
    h.run();
    h.get_by_label("Passage")
        .type_text("Araghchi flew to Riyadh on Wednesday for talks.");
    h.run();
    assert!(
        h.query_by_label("Abbas Araghchi").is_some(),
        "the entity is proposed"
    );
    h.key_press_modifiers(CTRL, Key::Enter);
    settle(&mut h);
    let ds = Library::open(&lib).unwrap().to_dataset().unwrap();
    let item = ds.items.last().unwrap();
    assert_eq!(item.text, "Araghchi flew to Riyadh on Wednesday for talks.");
    assert_eq!(item.entities, vec![ds.entities[0].id.clone()]);
    assert!(
        h.state().state.capture.text.is_empty(),
        "ready for the next passage"
    );
}

#[test]
fn a_json_dataset_becomes_a_library_the_draft_then_uses() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(options(Startup::Sample, dir.path()));
    let before = h
        .state()
        .state
        .doc
        .dataset
        .as_ref()
        .unwrap()
        .catalog()
        .clone();
    library_menu(&mut h, "Make a library from this dataset…");
    let lib = dir.path().join("sample.bslib");
    answer_path(&mut h, &lib);
    let s = &h.state().state;
    assert!(s.library().is_some());
    assert_eq!(Library::open(&lib).unwrap().to_dataset().unwrap(), *before);
    assert!(s.doc.is_modified(), "the draft now names another dataset");
}

/// A library larger than the first count: the list is read a page at a time, searched by
/// query, counted as "1,000+" until scrolled further, and an item far down is reached.
#[test]
fn a_large_library_is_listed_a_page_at_a_time_and_searched_by_query() {
    let dir = tempfile::tempdir().unwrap();
    let ds = briefsmith_core::synthetic::generate_dataset(3_000, 11);
    let lib = dir.path().join("big.bslib");
    drop(Library::create_from_dataset(&lib, &ds).unwrap());
    let mut h = harness(options(Startup::Sample, dir.path()));
    library_menu(&mut h, "Open dataset or library…");
    answer_path(&mut h, &lib);
    assert!(h.state().state.library().is_some());
    assert!(
        h.query_by_label("1,000+ of 3,000 items").is_some(),
        "the count stops at the first bound"
    );
    // Rows come in dataset order, each named by its grade, lead and first line.
    let rows: Vec<String> = h
        .get_all_by_role(egui::Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(rows.len() > 5, "rows are listed: {rows:?}");
    let first_line = |i: usize| briefsmith::app::library::first_line(&ds.items[i].text, 140);
    assert!(rows[0].ends_with(&first_line(0)), "{}", rows[0]);
    assert!(rows[1].ends_with(&first_line(1)), "{}", rows[1]);

    // Search: the item's id is searchable, one match, Enter adds it.
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search").type_text("001234");
    h.run();
    assert!(h.query_by_label("1 of 3,000 items").is_some());
    let listed: Vec<String> = h
        .get_all_by_role(egui::Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(listed.iter().any(|l| l.ends_with(&first_line(1_234))));
    assert!(!listed.iter().any(|l| l.ends_with(&first_line(0))));
    h.key_press(Key::Enter);
    settle(&mut h);
    let picked = h.state_mut().state.doc.picked_items().clone();
    assert!(
        picked.contains(&briefsmith_core::model::ItemId::new("item-001234")),
        "{picked:?}"
    );

    // An item far down the list: selecting it scrolls there, counting far enough.
    h.get_by_label("Search").click();
    h.run();
    h.key_press_modifiers(CTRL, Key::A);
    h.key_press(Key::Backspace);
    h.run();
    let last = ds.items[2_998].id.clone();
    h.state_mut().state.select_item_id(&last);
    settle(&mut h);
    assert!(
        h.query_by_label("3,000 of 3,000 items").is_some(),
        "counted to the end"
    );
    let shown = h
        .get_all_by_role(egui::Role::ListItem)
        .filter_map(|n| n.accesskit_node().label())
        .any(|l| l.ends_with(&first_line(2_998)));
    assert!(shown, "the selected row is scrolled into view");
    // Its detail is read from the library.
    assert!(
        h.query_by_label_contains(ds.items[2_998].id.as_str())
            .is_some()
    );
}
