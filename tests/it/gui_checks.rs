//! The Checks window in the app, driven with egui_kittest: a finding appears as the
//! analyst makes the mistake (a key judgment saying "almost certainly" under the likelihood
//! "likely"), disappears when it is fixed, a click on its place selects the block, it can
//! be accepted with a reason (undoably), and exporting with an open error asks first.

use crate::gui_support::{CTRL, Fixture, answer_path, harness, settle};
use briefsmith::app::BriefsmithApp;
use briefsmith::app::state::Dialog;
use briefsmith_core::compose::BlockPos;
use briefsmith_core::model::{Block, Brief};
use briefsmith_core::store;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type H = Harness<'static, BriefsmithApp>;

/// The fixture's draft made sound: dated, under a template that asks for no structure,
/// each picked item with a note (so an ungradable grade is explained).
fn sound_fixture() -> Fixture {
    let fx = Fixture::new();
    let mut brief: Brief = store::open_draft(&fx.draft).unwrap().brief;
    brief.meta.template = "read-ahead".into();
    brief.meta.date = "2024-12-31".into();
    for block in &mut brief.sections[0].blocks {
        if let Block::Item(r) = block {
            r.note = "Context for the reader.".into();
        }
    }
    store::save_brief(&fx.draft, &brief).unwrap();
    fx
}

/// The open findings' check ids, as the app computes them now.
fn open_checks(h: &mut H) -> Vec<&'static str> {
    let report = h.state_mut().state.check_report().clone();
    report
        .findings
        .iter()
        .filter(|f| f.acknowledged.is_none())
        .map(|f| f.check)
        .collect()
}

/// The status bar shows `text` (the query fails the test when it does not).
fn status_shows(h: &H, text: &str) {
    h.get_by_label(text);
}

#[test]
fn a_finding_follows_the_mistake_and_its_fix_and_a_click_selects_the_block() {
    let fx = sound_fixture();
    let mut h = harness(fx.options());
    assert_eq!(open_checks(&mut h), Vec::<&str>::new());
    status_shows(&h, "Checks: no findings");

    // A new key judgment cites nothing yet: an error at once.
    h.get_by_label("Add judgment").click();
    settle(&mut h);
    let at = h
        .state()
        .state
        .selected_block
        .expect("the new judgment is selected");
    assert!(matches!(
        h.state().state.doc.brief().block(at),
        Some(Block::Judgment(_))
    ));
    assert_eq!(open_checks(&mut h), ["judgment.unsupported"]);

    // The analyst writes "almost certainly" while the likelihood says "likely".
    h.get_by_label("Judgment").click();
    h.run();
    h.get_by_label("Judgment")
        .type_text("Israel will almost certainly strike Iran.");
    settle(&mut h);
    assert_eq!(
        open_checks(&mut h),
        ["judgment.unsupported", "estimative.contradicts-band"]
    );
    status_shows(&h, "Checks: 2 errors");

    // The Checks window lists it with its advice.
    h.get_by_label("Checks: 2 errors").click();
    settle(&mut h);
    assert!(h.state().state.checks.open);
    h.get_by_label_contains("says “almost certainly” but its likelihood is “likely”");

    // Fixed: the likelihood the words mean.
    h.get_by_label("Likelihood").click();
    h.run();
    h.get_by_label("almost certain (95–99 %)").click();
    settle(&mut h);
    assert_eq!(open_checks(&mut h), ["judgment.unsupported"]);
    assert!(
        h.query_by_label_contains("says “almost certainly”")
            .is_none(),
        "the fixed finding left the window"
    );

    // A click on the finding's place selects its block.
    h.state_mut().state.selected_block = Some(BlockPos::new(0, 0));
    h.run();
    let place = format!(
        "key judgment 1 (section {} “{}”, block {})",
        at.section + 1,
        h.state().state.doc.brief().sections[at.section].heading,
        at.index + 1
    );
    h.get_by_label(&place).click();
    settle(&mut h);
    assert_eq!(h.state().state.selected_block, Some(at));
}

#[test]
fn a_finding_is_accepted_with_a_reason_and_export_asks_while_errors_are_open() {
    let fx = sound_fixture();
    let mut h = harness(fx.options());
    h.get_by_label("Add judgment").click();
    settle(&mut h);
    assert_eq!(open_checks(&mut h), ["judgment.unsupported"]);

    // Exporting with the open error asks first; "Export anyway" writes the PDF.
    let pdf = fx.path("out.pdf");
    h.key_press_modifiers(CTRL, egui::Key::E);
    h.run();
    answer_path(&mut h, &pdf);
    assert!(
        matches!(
            h.state().state.dialog,
            Some(Dialog::ExportWithErrors { errors: 1, .. })
        ),
        "{:?}",
        h.state().state.dialog
    );
    assert!(!pdf.exists());
    h.get_by_label("Export anyway").click();
    settle(&mut h);
    assert!(pdf.exists(), "{:?}", h.state().state.toasts);

    // Accepted with a reason: still listed, as accepted, and no longer an error.
    h.get_by_label("Review").click();
    h.run();
    h.get_by_label("Tradecraft checks…").click();
    settle(&mut h);
    h.get_by_label("Accept…").click();
    h.run();
    h.get_by_label("Reason:").click();
    h.run();
    h.get_by_label("Reason:")
        .type_text("Support follows once the imagery is graded.");
    h.run();
    h.get_by_label("Accept").click();
    settle(&mut h);
    assert_eq!(open_checks(&mut h), Vec::<&str>::new());
    let acks = &h.state().state.doc.brief().meta.acknowledged;
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0].check, "judgment.unsupported");
    assert_eq!(
        acks[0].reason,
        "Support follows once the imagery is graded."
    );
    status_shows(&h, "Checks: 1 accepted");
    h.get_by_label("Accepted (1)").click();
    h.run();
    h.get_by_label_contains("Accepted: Support follows once the imagery is graded.");

    // Now the export goes ahead without asking.
    let again = fx.path("again.md");
    h.key_press_modifiers(CTRL.plus(egui::Modifiers::SHIFT), egui::Key::E);
    h.run();
    answer_path(&mut h, &again);
    assert!(h.state().state.dialog.is_none());
    assert!(again.exists(), "{:?}", h.state().state.toasts);

    // Accepting is one undo step.
    h.key_press_modifiers(CTRL, egui::Key::Z);
    settle(&mut h);
    assert_eq!(open_checks(&mut h), ["judgment.unsupported"]);
}
