//! The brief pane: metadata, and the sections with their blocks — reordered by drag and
//! drop or Alt+↑/↓, edited in place. Only the rows in view are built, so long briefs stay
//! fast.

mod details;
mod editors;
mod list;
mod marks;
mod row;

use crate::app::panels::style::WARNING;
use crate::app::state::AppState;
use briefsmith_core::compose::BlockPos;
use briefsmith_core::model::Block;
use details::meta_editor;
use list::sections;

/// Common classification and handling markings offered next to the free-text field.
pub const MARKINGS: [&str; 9] = [
    "UNCLASSIFIED",
    "OFFICIAL",
    "OFFICIAL-SENSITIVE",
    "TLP:CLEAR",
    "TLP:GREEN",
    "TLP:AMBER",
    "TLP:AMBER+STRICT",
    "TLP:RED",
    "",
];

/// Draws the brief pane.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    meta_editor(ui, state);
    ui.separator();
    toolbar(ui, state);
    ui.add_space(4.0);
    sections(ui, state);
}

/// One line describing a block, for the drag label and screen readers.
pub fn block_summary(state: &AppState, pos: BlockPos) -> String {
    let Some(block) = state
        .doc
        .brief()
        .sections
        .get(pos.section)
        .and_then(|s| s.blocks.get(pos.index))
    else {
        return String::new();
    };
    match block {
        Block::Item(r) => {
            let text = crate::app::library::first_line(&r.snapshot.text, 90);
            if r.snapshot.speaker.is_empty() {
                format!("{} {text}", r.snapshot.grade())
            } else {
                format!("{} {}: {text}", r.snapshot.grade(), r.snapshot.speaker)
            }
        }
        Block::Text(t) => {
            let line = crate::app::library::first_line(&t.markdown, 90);
            if line.is_empty() {
                "Text (empty)".into()
            } else {
                format!("Text: {line}")
            }
        }
        Block::Judgment(j) => format!(
            "Key judgment ({}): {}",
            j.likelihood.term(),
            crate::app::library::first_line(&j.text, 80)
        ),
    }
}

fn toolbar(ui: &mut egui::Ui, state: &mut AppState) {
    // Wraps in a narrow pane rather than widening it under the preview.
    ui.horizontal_wrapped(|ui| {
        if ui.button("Add section").clicked() {
            let n = state.doc.brief().sections.len() + 1;
            state.add_section(&format!("Section {n}"));
        }
        if ui.button("Add text").clicked() {
            state.add_text(None);
        }
        if ui
            .button("Add judgment")
            .on_hover_text("A key judgment, at the end of the Key judgments section")
            .clicked()
        {
            state.add_judgment(None);
        }
        ui.separator();
        let (can_undo, can_redo) = (state.can_undo(), state.can_redo());
        if ui
            .add_enabled(can_undo, egui::Button::new("↶ Undo"))
            .on_hover_text("Undo (Ctrl+Z)")
            .accessible_name("Undo")
            .clicked()
        {
            state.undo();
        }
        if ui
            .add_enabled(can_redo, egui::Button::new("↷ Redo"))
            .on_hover_text("Redo (Ctrl+Shift+Z)")
            .accessible_name("Redo")
            .clicked()
        {
            state.redo();
        }
        let stale = state.doc.stale_blocks().len();
        if stale > 0 {
            ui.separator();
            ui.colored_label(
                WARNING,
                format!(
                    "{} changed or gone since picked",
                    super::count(stale, "item", "items")
                ),
            );
        }
    });
}
