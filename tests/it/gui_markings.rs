//! Markings in the window, driven through egui_kittest by accessible labels: each block's
//! row shows its mark, the analyst sets the mark of their own text, the banner computed
//! from the portions updates as they do, and picking an item above the declared ceiling
//! warns at once.

use crate::gui_support;
use crate::gui_support::{add_text_block, cite, harness, options, save_fixture, settle};
use briefsmith::app::BriefsmithApp;
use briefsmith::app::state::Startup;
use briefsmith_core::model::{Block, BriefMeta, Marking, Markings, Section};
use briefsmith_core::synthetic::generate_dataset;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

/// A dataset whose first item is marked C, second unmarked, and every other S//NF; a draft
/// under the US-style exercise scheme (floor U, ceiling C) holding the first two.
fn marked_fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut ds = generate_dataset(120, 7);
    for (i, item) in ds.items.iter_mut().enumerate() {
        item.marking = match i {
            0 => Some(Marking::from("C")),
            1 => None,
            _ => Some(Marking::from("S//NF")),
        };
    }
    let meta = BriefMeta {
        title: "Marked brief".into(),
        template: "bluf-memo".into(),
        markings: Markings {
            scheme: "us-style".into(),
            floor: Some(Marking::from("U")),
            ceiling: Some(Marking::from("C")),
            ..Markings::default()
        },
        ..BriefMeta::default()
    };
    let sections = vec![Section {
        heading: "Findings".into(),
        blocks: vec![cite(&ds, 0), cite(&ds, 1)],
    }];
    let (_, draft) = save_fixture(dir.path(), &ds, "marked.brief.json", meta, sections);
    (dir, draft)
}

fn open(dir: &tempfile::TempDir, draft: &std::path::Path) -> Harness<'static, BriefsmithApp> {
    harness(options(Startup::Draft(draft.to_owned()), dir.path()))
}

/// How many chips say "Marked `mark`" (a chip is a label: its accessible name is its
/// node's label, its text the node's value).
fn chips(h: &Harness<'static, BriefsmithApp>, mark: &str) -> usize {
    let name = format!("Marked {mark}");
    h.query_all(By::new().predicate(move |n| n.label().as_deref() == Some(name.as_str())))
        .count()
}

fn banner_shown(h: &Harness<'static, BriefsmithApp>, banner: &str) -> bool {
    h.query_by_label(banner).is_some()
}

#[test]
fn rows_show_their_marks_and_the_banner_is_their_roll_up() {
    let (dir, draft) = marked_fixture();
    let h = open(&dir, &draft);
    // The two items' rows: one marked in the dataset, one counting as the floor.
    // Two chips say C: the item's row and the banner's.
    assert_eq!(chips(&h, "C"), 2, "the C item's chip");
    assert_eq!(chips(&h, "U"), 1, "the unmarked item's chip");
    assert!(
        banner_shown(&h, "CONFIDENTIAL"),
        "the banner is the roll-up"
    );
    // The typed classification is not offered while a scheme is set.
    assert!(h.query_by_label("Classification").is_none());
}

#[test]
fn the_analyst_marks_their_text_and_the_banner_follows_at_once() {
    let (dir, draft) = marked_fixture();
    let mut h = open(&dir, &draft);
    add_text_block(&mut h, "Our own assessment.");
    // Unmarked analyst text counts as the floor.
    assert!(banner_shown(&h, "CONFIDENTIAL"));
    h.get_by_label("Mark as text").click();
    h.run();
    h.get_by_label("Mark as text").type_text("S//NF");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    let marking = |h: &Harness<'static, BriefsmithApp>| {
        h.state()
            .state
            .doc
            .brief()
            .blocks()
            .find_map(|(_, b)| match b {
                Block::Text(t) => Some(t.marking.clone()),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!(marking(&h), Some(Marking::from("S//NF")));
    assert!(
        banner_shown(&h, "SECRET//NOFORN"),
        "the banner follows the new mark"
    );
    assert_eq!(
        chips(&h, "S//NF"),
        2,
        "the text's row and the banner show its mark"
    );

    // A mark that does not read is named, and nothing changes.
    h.get_by_label("Mark as text").click();
    h.run();
    h.key_press_modifiers(gui_support::CTRL, Key::A);
    h.get_by_label("Mark as text").type_text("S//XX");
    h.run();
    h.key_press(Key::Enter);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("is not a control or caveat")
            .is_some(),
        "the problem is said beside the field"
    );
    assert_eq!(marking(&h), Some(Marking::from("S//NF")));

    // Undo takes the mark back, and the banner with it.
    h.key_press_modifiers(gui_support::CTRL, Key::Z);
    settle(&mut h);
    assert_eq!(marking(&h), None);
    assert!(banner_shown(&h, "CONFIDENTIAL"));
}

#[test]
fn picking_an_item_above_the_ceiling_warns_at_once() {
    let (dir, draft) = marked_fixture();
    let mut h = open(&dir, &draft);
    let row = {
        // The first library row that is not one of the items already in the brief.
        let rows = h.state_mut().state.library_rows(usize::MAX);
        let s = &h.state().state;
        rows.iter()
            .position(|r| s.doc.block_of_item(&r.id).is_none())
            .unwrap()
    };
    h.get_all_by_role(egui::Role::ListItem)
        .nth(row)
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Add to brief").click();
    settle(&mut h);
    let s = &h.state().state;
    assert_eq!(
        s.doc.brief().sections[0].blocks.len(),
        3,
        "the item is added"
    );
    let warned = s
        .toasts
        .iter()
        .any(|t| t.error && t.text.contains("above the brief's ceiling C"));
    assert!(
        warned,
        "{:?}",
        s.toasts.iter().map(|t| &t.text).collect::<Vec<_>>()
    );
    assert_eq!(
        chips(&h, "S//NF"),
        2,
        "its row shows the inherited mark, as does the banner"
    );
    assert!(banner_shown(&h, "SECRET//NOFORN"));
}

#[test]
fn a_releasable_export_from_the_app_leaves_out_what_is_above_it() {
    let (dir, draft) = marked_fixture();
    let mut h = open(&dir, &draft);
    let (secret_text, kept_text) = {
        let brief = h.state().state.doc.brief();
        let text = |i: usize| match &brief.sections[0].blocks[i] {
            Block::Item(r) => r.snapshot.text.clone(),
            _ => unreachable!(),
        };
        (text(0), text(1))
    };
    h.get_by_label("Release at").click();
    h.run();
    h.get_by_label("Release at").type_text("U");
    h.run();
    assert!(
        h.query_by_label_contains("exports leave out 1 portion(s) above UNCLASSIFIED")
            .is_some(),
        "the details say what the cut leaves out"
    );
    let out = dir.path().join("released.md");
    h.key_press_modifiers(gui_support::CTRL | egui::Modifiers::SHIFT, Key::E);
    h.run();
    gui_support::answer_path(&mut h, &out);
    if matches!(
        h.state().state.dialog,
        Some(briefsmith::app::state::Dialog::ExportWithErrors { .. })
    ) {
        h.get_by_label("Export anyway").click();
        settle(&mut h);
    }
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("UNCLASSIFIED\n"), "{text}");
    assert!(text.contains("Reduced version for release at UNCLASSIFIED"));
    assert!(!text.contains(secret_text.trim()), "the C item is left out");
    assert!(text.contains(kept_text.trim()), "the unmarked item stays");
    // The draft itself is whole.
    assert_eq!(h.state().state.doc.brief().sections[0].blocks.len(), 2);
}
