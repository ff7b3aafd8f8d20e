//! The app on an ordinary laptop: small windows, keyboard use of the library, duplicates,
//! judgments, honest unsaved state and the recovery prompt. Driven through egui_kittest.

use crate::gui_support;
use crate::gui_support::{Fixture, harness, harness_sized, item_ids, settle};
use briefsmith::app::state::{Dialog, Preferences, Replace, Startup};
use briefsmith_core::model::{Block, Brief};
use briefsmith_core::store;
use egui::Key;
use egui_kittest::kittest::Queryable;

/// The ids of the library's results, in order.
fn result_ids(
    h: &mut egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>,
) -> Vec<String> {
    let rows = h.state_mut().state.library_rows(usize::MAX);
    rows.iter().map(|r| r.id.to_string()).collect()
}

fn selected(h: &egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>) -> Option<String> {
    h.state().state.selected_item_id().map(|i| i.to_string())
}

#[test]
fn enter_on_a_clicked_library_row_adds_it() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let ids = result_ids(&mut h);
    h.get_all_by_role(egui::Role::ListItem)
        .nth(4)
        .unwrap()
        .click();
    h.run();
    assert_eq!(selected(&h), Some(ids[4].clone()));
    h.key_press(Key::Enter);
    settle(&mut h);
    assert_eq!(item_ids(&h, 1), vec![ids[4].clone()]);
}

#[test]
fn arrow_keys_walk_the_library_with_or_without_the_search_box() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let ids = result_ids(&mut h);
    h.get_all_by_role(egui::Role::ListItem)
        .nth(2)
        .unwrap()
        .click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(selected(&h), Some(ids[4].clone()), "arrows after a click");
    h.key_press(Key::ArrowUp);
    h.run();
    assert_eq!(selected(&h), Some(ids[3].clone()));
    // From the search box too.
    h.get_by_label("Search").click();
    h.run();
    h.key_press(Key::ArrowDown);
    h.run();
    assert_eq!(
        selected(&h),
        Some(ids[4].clone()),
        "arrows in the search box"
    );
    // Far down the list: the selection is scrolled into view, so it is drawn.
    for _ in 0..40 {
        h.key_press(Key::ArrowDown);
        h.run();
    }
    let label = {
        let s = &mut h.state_mut().state;
        let id = s.selected_item.clone().unwrap();
        let rows = s.library_rows(usize::MAX);
        let r = &rows.iter().find(|r| r.id == id).unwrap().label;
        format!("{} {} {}", r.grade, r.lead, r.first_line)
    };
    assert!(
        h.query_by_role_and_label(egui::Role::ListItem, &label)
            .is_some(),
        "the selected row is scrolled into view"
    );
}

#[test]
fn items_already_in_the_brief_are_marked_and_not_added_twice() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    // The fixture's brief holds the first two items.
    let marked = h.query_all_by_label_contains("(in the brief)").count();
    assert_eq!(marked, 2);
    h.get_all_by_role(egui::Role::ListItem)
        .next()
        .unwrap()
        .click();
    h.run();
    let before = h.state().state.doc.brief().clone();
    h.key_press(Key::Enter);
    settle(&mut h);
    let s = &h.state().state;
    assert_eq!(*s.doc.brief(), before, "the same fact is not printed twice");
    assert!(
        s.toasts
            .iter()
            .any(|t| t.text.contains("Already in the brief, under “Findings”")),
        "{:?}",
        s.toasts
    );
}

#[test]
fn add_judgment_goes_to_key_judgments_with_no_support_picked_for_the_analyst() {
    let f = Fixture::new();
    let mut brief = store::load_brief(&f.draft).unwrap();
    brief.sections[1].heading = "Key judgments".into();
    store::save_brief(&f.draft, &brief).unwrap();
    let mut h = harness(f.options());
    // A library item is selected and a block in the first section too.
    h.get_all_by_role(egui::Role::ListItem)
        .nth(5)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Block 1 of section 1").click();
    h.run();
    h.get_by_label("Add judgment").click();
    settle(&mut h);
    let brief = h.state().state.doc.brief().clone();
    assert_eq!(item_ids(&h, 0).len(), 2, "nothing added to Findings");
    match brief.sections[1].blocks.as_slice() {
        [Block::Judgment(j)] => assert!(j.support.is_empty(), "{:?}", j.support),
        other => panic!("expected one judgment in Key judgments, got {other:?}"),
    }
}

#[test]
fn opening_another_dataset_marks_the_draft_unsaved() {
    let f = Fixture::new();
    let other = f.path("other.dataset.json");
    std::fs::copy(&f.dataset, &other).unwrap();
    let mut h = harness(f.options());
    assert!(!h.state().state.doc.is_modified());
    h.state_mut().state.open_dataset(&other);
    settle(&mut h);
    assert!(h.state().state.doc.is_modified());
    assert!(h.state().state.window_title().starts_with("• "));
}

#[test]
fn save_as_says_when_it_writes_a_copy_of_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(gui_support::options(Startup::Sample, dir.path()));
    let path = dir.path().join("mine.brief.json");
    assert!(h.state_mut().state.save_as(&path));
    let s = &h.state().state;
    let toast = s.toasts.last().unwrap();
    assert!(
        toast
            .text
            .contains("with a copy of its dataset as russia-iran-2024-10.dataset.json"),
        "{}",
        toast.text
    );
    assert!(
        dir.path()
            .join("russia-iran-2024-10.dataset.json")
            .is_file()
    );
}

#[test]
fn a_new_brief_takes_the_users_defaults_not_the_previous_briefs() {
    let f = Fixture::new();
    let mut brief = store::load_brief(&f.draft).unwrap();
    brief.meta.author = "Previous Author".into();
    brief.meta.organisation = "Previous Org".into();
    brief.meta.audience = "Previous audience".into();
    store::save_brief(&f.draft, &brief).unwrap();
    let mut h = harness(f.options());
    h.state_mut()
        .state
        .perform(Replace::NewFromTemplate("sitrep".into()));
    settle(&mut h);
    let meta = h.state().state.doc.brief().meta.clone();
    assert_eq!(
        (
            meta.author.as_str(),
            meta.organisation.as_str(),
            meta.audience.as_str()
        ),
        ("", "", "")
    );
    // With defaults set in Preferences, those are used.
    h.state_mut().state.dialog = Some(Dialog::Preferences(Preferences::default()));
    h.run();
    h.get_by_label("Default author").click();
    h.run();
    h.get_by_label("Default author").type_text("A. Analyst");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    h.state_mut()
        .state
        .perform(Replace::NewFromTemplate("sitrep".into()));
    settle(&mut h);
    assert_eq!(h.state().state.doc.brief().meta.author, "A. Analyst");
}

#[test]
fn an_invalid_date_in_the_filter_says_so_and_filters_nothing() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let all = result_ids(&mut h).len();
    h.get_by_label("Filters").click();
    h.run();
    h.get_by_label("Date from").click();
    h.run();
    h.get_by_label("Date from").type_text("2024-13");
    h.run();
    h.run();
    assert!(
        h.query_by_label_contains("“2024-13” is not a date")
            .is_some(),
        "the filter says the date is wrong"
    );
    assert_eq!(result_ids(&mut h).len(), all);
}

#[test]
fn counts_agree_with_their_number() {
    let f = Fixture::new();
    let one = f.path("one.dataset.json");
    let ds = briefsmith_core::synthetic::generate_dataset(1, 5);
    std::fs::write(&one, serde_json::to_vec(&ds).unwrap()).unwrap();
    let mut h = harness(f.options());
    assert!(h.query_by_label("300 of 300 items").is_some());
    h.state_mut().state.open_dataset(&one);
    settle(&mut h);
    assert!(h.query_by_label("1 of 1 item").is_some());
    assert!(
        h.query_by_label("Dataset: one.dataset.json · 1 item")
            .is_some()
    );
}

#[test]
fn the_restore_prompt_says_when_and_what_and_restoring_is_one_undo_step() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    gui_support::add_text_block(&mut h, "Unsaved thought");
    h.state_mut().state.autosave_now();
    drop(h);

    let mut h = harness(f.options());
    assert!(
        h.query_by_label_contains("An autosaved version of “draft.brief.json”, written just now")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Section “Background”: 1 block changed")
            .is_some()
    );
    h.get_by_label("Restore").click();
    settle(&mut h);
    let restored = h.state().state.doc.brief().sections[1].blocks.len();
    assert_eq!(restored, 1);
    h.state_mut().state.undo();
    settle(&mut h);
    let s = &h.state().state;
    assert!(
        s.doc.brief().sections[1].blocks.is_empty(),
        "one undo takes it back"
    );
    assert!(!s.doc.is_modified());
}

/// Shared by the window-size tests: the rects of one widget from each pane.
fn pane_rects(
    h: &egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>,
) -> (Option<egui::Rect>, Option<egui::Rect>, Option<egui::Rect>) {
    (
        h.query_by_label("Search").map(|n| n.rect()),
        h.query_by_label("Add section").map(|n| n.rect()),
        h.query_by_label("Zoom in").map(|n| n.rect()),
    )
}

#[test]
fn at_1024_by_700_the_brief_keeps_its_width_and_the_preview_is_a_tab() {
    let f = Fixture::new();
    let mut h = harness_sized(f.options(), egui::vec2(1024.0, 700.0));
    let (library, brief, preview) = pane_rects(&h);
    let (library, brief) = (library.unwrap(), brief.unwrap());
    assert!(preview.is_none(), "the preview is behind its tab");
    assert!(library.max.x <= brief.min.x, "{library:?} {brief:?}");
    let brief_width = 1024.0 - library.max.x;
    assert!(brief_width >= 420.0, "brief pane {brief_width}");
    h.get_by_label("Preview").click();
    settle(&mut h);
    let (library, brief, preview) = pane_rects(&h);
    assert!(brief.is_none());
    assert!(library.unwrap().max.x <= preview.unwrap().min.x);
    // Enlarging gives the preview its own pane back.
    h.set_size(egui::vec2(1500.0, 950.0));
    settle(&mut h);
    let (library, brief, preview) = pane_rects(&h);
    let (library, brief, preview) = (library.unwrap(), brief.unwrap(), preview.unwrap());
    assert!(library.max.x <= brief.min.x && brief.max.x <= preview.min.x);
}

#[test]
fn at_800_by_600_every_pane_is_reachable_without_overlap() {
    let f = Fixture::new();
    let mut h = harness_sized(f.options(), egui::vec2(800.0, 600.0));
    for (tab, shown, hidden) in [
        ("Preview", "Zoom in", "Add section"),
        ("Brief", "Add section", "Zoom in"),
    ] {
        h.get_by_label(tab).click();
        settle(&mut h);
        let library = h.get_by_label("Search").rect();
        let rect = h.get_by_label(shown).rect();
        assert!(library.max.x <= rect.min.x, "{tab}: {library:?} {rect:?}");
        assert!(
            rect.max.x <= 800.0 && rect.max.y <= 600.0,
            "{shown}: {rect:?}"
        );
        assert!(
            h.query_by_label(hidden).is_none(),
            "{hidden} is behind its tab"
        );
    }
    assert!(
        800.0 - h.get_by_label("Search").rect().max.x >= 420.0,
        "the brief keeps its width"
    );
}

#[test]
fn the_key_judgment_editor_wraps_in_a_narrow_pane() {
    let f = Fixture::new();
    let mut h = harness_sized(f.options(), egui::vec2(800.0, 600.0));
    h.get_by_label("Brief").click();
    settle(&mut h);
    h.get_by_label("Add judgment").click();
    settle(&mut h);
    let confidence = h.get_by_label("Confidence").rect();
    assert!(confidence.max.x <= 800.0, "{confidence:?}");
}

/// Role of the child process in the kill test: open the fixture's draft, make an edit,
/// say so, and keep running frames until killed.
#[test]
fn a_kill_one_second_after_an_edit_keeps_the_edit_in_recovery() {
    if let Ok(draft) = std::env::var("BRIEFSMITH_TEST_EDIT_AND_WAIT") {
        let options = gui_support::options(
            Startup::Draft(draft.clone().into()),
            std::path::Path::new(&draft).parent().unwrap(),
        );
        let mut h = harness(options);
        h.get_by_label("Add text").click();
        h.run();
        h.get_by_label("Markdown text").click();
        h.run();
        h.get_by_label("Markdown text")
            .type_text("Typed just before the kill");
        h.run();
        println!("EDITED");
        use std::io::Write as _;
        let _ = std::io::stdout().flush();
        loop {
            h.step();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }
    let f = Fixture::new();
    // libtest names a test by its module path inside the one `it` test binary.
    let mut child = briefsmith_testkit::TestChild::spawn(
        "gui_laptop::a_kill_one_second_after_an_edit_keeps_the_edit_in_recovery",
        false,
        &[("BRIEFSMITH_TEST_EDIT_AND_WAIT", f.draft.as_os_str())],
    )
    .unwrap();
    assert!(
        child.wait_for("EDITED", std::time::Duration::from_secs(120)),
        "the child did not make its edit"
    );
    std::thread::sleep(std::time::Duration::from_millis(1000));
    child.kill().unwrap(); // SIGKILL on Unix: no chance to save
    let recovery = store::recovery_path(&f.draft);
    let recovered: Brief = store::load_brief(&recovery).expect("a recovery file exists");
    assert!(
        recovered
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .any(|b| matches!(b, Block::Text(t) if t.markdown == "Typed just before the kill")),
        "{recovered:?}"
    );
}

#[test]
fn the_file_browser_has_the_keyboard_lists_places_and_opens_folders() {
    let f = Fixture::new();
    std::fs::create_dir(f.path("drafts")).unwrap();
    std::fs::copy(&f.draft, f.path("drafts/other.brief.json")).unwrap();
    let mut h = harness(f.options());
    h.key_press_modifiers(gui_support::CTRL, Key::O);
    h.run();
    h.run();
    assert!(
        h.get_by_label("File path").is_focused(),
        "typing goes to the name field"
    );
    // It starts in the draft's folder, which is also the first place offered.
    assert!(h.query_by_label("This draft's folder").is_some());
    assert!(h.query_by_label("draft.brief.json").is_some());
    // A folder typed and accepted is opened, not read as a file; its drafts are listed.
    h.get_by_label("File path").type_text("drafts");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    assert!(matches!(
        h.state().state.dialog,
        Some(Dialog::PathPrompt { .. })
    ));
    assert!(
        h.state().state.toasts.iter().all(|t| !t.error),
        "{:?}",
        h.state().state.toasts
    );
    h.get_by_label("other.brief.json").click();
    h.run();
    h.get_by_label("OK").click();
    settle(&mut h);
    assert_eq!(
        h.state().state.doc.path.as_deref(),
        Some(f.path("drafts/other.brief.json").as_path())
    );
}
