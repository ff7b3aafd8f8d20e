//! Export as Word from the window: the File menu entry and its shortcut (Ctrl+Shift+W)
//! ask for a path and write the .docx in the background, as the PDF export does.

use std::path::Path;

use crate::docx_support::read_docx;
use crate::gui_support::{CTRL, Fixture, answer_path, harness, settle};
use briefsmith::app::state::Dialog;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

type H = egui_kittest::Harness<'static, briefsmith::app::BriefsmithApp>;

/// Says "Export anyway" when the fixture's open tradecraft errors are asked about (this
/// test is about exporting; gui_checks tests the question).
fn export_anyway(h: &mut H) {
    if matches!(
        h.state().state.dialog,
        Some(Dialog::ExportWithErrors { .. })
    ) {
        h.get_by_label("Export anyway").click();
        settle(h);
    }
}

/// The first paragraph's style and text as python-docx reads them.
fn first_paragraph(docx: &Path) -> (String, String) {
    let found = read_docx(docx);
    let p = &found["paragraphs"][0];
    (
        p["style"].as_str().unwrap().to_owned(),
        p["text"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn export_word_from_the_file_menu_and_the_shortcut() {
    let f = Fixture::new();
    let mut h = harness(f.options());
    let title = h.state().state.doc.brief().meta.title.clone();

    // The menu bar comes first in the tree.
    h.get_all_by_label("File").next().unwrap().click();
    h.run();
    h.get_by_label("Export Word…").click();
    h.run();
    let by_menu = f.path("menu.docx");
    answer_path(&mut h, &by_menu);
    export_anyway(&mut h);
    let (style, text) = first_paragraph(&by_menu);
    assert_eq!(style, "Title");
    assert!(
        text.ends_with(title.trim()),
        "{text:?} is the title {title:?}"
    );

    h.key_press_modifiers(CTRL | Modifiers::SHIFT, Key::W);
    h.run();
    let by_key = f.path("key.docx");
    answer_path(&mut h, &by_key);
    export_anyway(&mut h);
    assert_eq!(first_paragraph(&by_key).0, "Title");
    let toasts = &h.state().state.toasts;
    assert!(toasts.iter().all(|t| !t.error), "{toasts:?}");
}
