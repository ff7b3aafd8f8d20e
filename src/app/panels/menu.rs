//! The menu bar and the keyboard shortcuts.

use crate::app::state::{AppState, Pane, PathPurpose, Replace};
use crate::report::said_once;
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;

const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const EXPORT_PDF: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
const EXPORT_MD: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E);
const EXPORT_DOCX: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::W);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const BLOCK_UP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowUp);
const BLOCK_DOWN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::ALT, Key::ArrowDown);

/// Handles the global shortcuts before any widget sees the keys. Shortcuts with Shift are
/// checked first, since Ctrl+Shift+S also matches Ctrl+S.
pub fn shortcuts(ctx: &egui::Context, state: &mut AppState) {
    if state.dialog.is_some() {
        return;
    }
    let pressed = |s: &KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(s));
    if pressed(&SAVE_AS) {
        state.ask_path(PathPurpose::SaveAs);
    } else if pressed(&SAVE) {
        state.save();
    }
    if pressed(&OPEN) {
        state.ask_path(PathPurpose::OpenDraft);
    }
    if pressed(&EXPORT_MD) {
        state.ask_path(PathPurpose::ExportMarkdown);
    } else if pressed(&EXPORT_PDF) {
        state.ask_path(PathPurpose::ExportPdf);
    }
    if pressed(&EXPORT_DOCX) {
        state.ask_path(PathPurpose::ExportDocx);
    }
    if pressed(&REDO) || pressed(&REDO_Y) {
        state.redo();
    } else if pressed(&UNDO) {
        state.undo();
    }
    if pressed(&FIND) {
        state.focus_search = true;
    }
    if pressed(&BLOCK_UP) {
        state.move_selected(-1);
    }
    if pressed(&BLOCK_DOWN) {
        state.move_selected(1);
    }
    // Plain keys act on the pane clicked last, while no other widget has the keyboard:
    // nothing is focused, or a library row is (Enter on a focused button is its click).
    let focused = ctx.memory(|m| m.focused());
    if focused.is_some_and(|id| Some(id) != state.focused_row)
        || !ctx.input(|i| i.modifiers.is_none())
    {
        return;
    }
    let key = |k: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, k));
    match state.keyboard_pane {
        Pane::Library => {
            if key(Key::ArrowUp) {
                state.step_library_selection(-1);
            } else if key(Key::ArrowDown) {
                state.step_library_selection(1);
            } else if key(Key::Enter) && state.selected_item.is_some() {
                state.add_selected_item();
            }
        }
        Pane::Brief if state.selected_block.is_some() => {
            if key(Key::ArrowUp) {
                state.select_adjacent(-1);
            } else if key(Key::ArrowDown) {
                state.select_adjacent(1);
            } else if key(Key::Delete)
                && let Some(pos) = state.selected_block
            {
                state.remove_block(pos);
            }
        }
        Pane::Brief => {}
    }
}

/// Draws the menu bar.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| file_menu(ui, state));
        ui.menu_button("Edit", |ui| edit_menu(ui, state));
        ui.menu_button("Library", |ui| super::records::menu(ui, state));
        ui.menu_button("Insert", |ui| {
            if ui.button("Section").clicked() {
                let n = state.doc.brief().sections.len() + 1;
                state.add_section(&format!("Section {n}"));
            }
            if ui.button("Text block").clicked() {
                state.add_text(None);
            }
            if ui.button("Key judgment").clicked() {
                state.add_judgment(None);
            }
        });
        ui.menu_button("Review", |ui| {
            if ui.button("Tradecraft checks…").clicked() {
                state.checks.open = true;
            }
        });
    });
}

fn item(ui: &mut egui::Ui, text: &str, shortcut: Option<&KeyboardShortcut>) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(s) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    ui.add(button).accessible_name(text).clicked()
}

fn file_menu(ui: &mut egui::Ui, state: &mut AppState) {
    ui.menu_button("New from template", |ui| {
        for (name, description) in state.template_choices() {
            if ui.button(&name).on_hover_text(description).clicked() {
                state.request(Replace::NewFromTemplate(name));
            }
        }
    });
    if item(ui, "Open…", Some(&OPEN)) {
        state.ask_path(PathPurpose::OpenDraft);
    }
    ui.menu_button("Open recent", |ui| {
        if state.recent.is_empty() {
            ui.weak("No recent drafts");
        }
        let recent: Vec<PathBuf> = state.recent.clone();
        for path in recent {
            let name = path.display().to_string();
            if ui.button(&name).clicked() {
                state.request(Replace::Open(path));
            }
        }
    });
    ui.menu_button("Open sample", |ui| {
        for name in crate::sample::DRAFT_NAMES {
            if ui.button(*name).clicked() {
                match crate::sample::sample_draft(name) {
                    Ok(doc) => {
                        if state.doc.is_modified() {
                            state.error("Save or undo your changes before opening a sample");
                        } else {
                            state.replace_document(doc);
                        }
                    }
                    Err(e) => state.error(said_once(&e)),
                }
            }
        }
    });
    if item(ui, "Open dataset…", None) {
        state.ask_path(PathPurpose::OpenDataset);
    }
    ui.separator();
    if item(ui, "Save", Some(&SAVE)) {
        state.save();
    }
    if item(ui, "Save as…", Some(&SAVE_AS)) {
        state.ask_path(PathPurpose::SaveAs);
    }
    ui.separator();
    if item(ui, "Export Markdown…", Some(&EXPORT_MD)) {
        state.ask_path(PathPurpose::ExportMarkdown);
    }
    if item(ui, "Export PDF…", Some(&EXPORT_PDF)) {
        state.ask_path(PathPurpose::ExportPdf);
    }
    if item(ui, "Export Word…", Some(&EXPORT_DOCX)) {
        state.ask_path(PathPurpose::ExportDocx);
    }
    ui.separator();
    if item(ui, "Quit", None) {
        state.request(Replace::Quit);
    }
}

fn edit_menu(ui: &mut egui::Ui, state: &mut AppState) {
    let (can_undo, can_redo) = (state.can_undo(), state.can_redo());
    ui.add_enabled_ui(can_undo, |ui| {
        if item(ui, "Undo", Some(&UNDO)) {
            state.undo();
        }
    });
    ui.add_enabled_ui(can_redo, |ui| {
        if item(ui, "Redo", Some(&REDO)) {
            state.redo();
        }
    });
    ui.separator();
    if item(ui, "Preferences…", None) {
        state.dialog = Some(crate::app::state::Dialog::Preferences(state.prefs.clone()));
    }
    ui.separator();
    if item(ui, "Find", Some(&FIND)) {
        state.focus_search = true;
    }
    ui.add_enabled_ui(state.selected_block.is_some(), |ui| {
        if item(ui, "Move block up", Some(&BLOCK_UP)) {
            state.move_selected(-1);
        }
        if item(ui, "Move block down", Some(&BLOCK_DOWN)) {
            state.move_selected(1);
        }
    });
}
