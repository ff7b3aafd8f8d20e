//! Modal dialogs: unsaved changes, restoring an autosave, and the in-app path prompt used
//! when no native file dialog is available.

use crate::app::state::{AppState, Dialog};

/// Draws the open dialog, if any, and carries out the answer.
pub fn show(ctx: &egui::Context, state: &mut AppState) {
    let Some(dialog) = state.dialog.clone() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match &dialog {
            Dialog::UnsavedChanges { then } => {
                ui.heading("Unsaved changes");
                ui.label(format!(
                    "“{}” has changes that are not saved. Save them first?",
                    state.doc.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        close = true;
                        if state.save() {
                            state.perform(then.clone());
                        }
                    }
                    if ui.button("Discard changes").clicked() {
                        close = true;
                        let recovery =
                            briefsmith_core::store::recovery_path(&state.recovery_anchor());
                        state.discard_recovery(&recovery);
                        state.perform(then.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::Restore {
                recovery,
                written,
                changes,
            } => {
                ui.heading("Restore autosaved work?");
                ui.label(format!(
                    "An autosaved version of “{}”, written {written}, is newer than the saved \
                     file, probably from a session that ended without saving. Restoring it \
                     is one step that Undo takes back.",
                    state.doc.display_name()
                ));
                for line in changes {
                    ui.label(format!("• {line}"));
                }
                ui.weak(recovery.display().to_string());
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        close = true;
                        state.dialog = None;
                        state.restore_recovery(recovery);
                    }
                    if ui.button("Discard autosave").clicked() {
                        close = true;
                        state.discard_recovery(recovery);
                    }
                });
            }
            Dialog::ConfirmDelete { message, change } => {
                ui.heading("Delete from the library?");
                ui.label(message);
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Delete").clicked() {
                        close = true;
                        state.dialog = None;
                        if state.edit_library(change.as_ref().clone()) {
                            state.selected_item = None;
                        }
                    }
                    if ui.button("Keep it").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::Preferences(prefs) => {
                ui.heading("Preferences");
                ui.label("Your defaults for a new brief. A new brief starts with these, never with the previous brief's.");
                let mut edited = prefs.clone();
                egui::Grid::new("prefs").num_columns(2).show(ui, |ui| {
                    for (name, value) in [
                        ("Default author", &mut edited.author),
                        ("Default organisation", &mut edited.organisation),
                        ("Default audience", &mut edited.audience),
                    ] {
                        let label = ui.label(name);
                        ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                });
                if edited != *prefs {
                    state.dialog = Some(Dialog::Preferences(edited.clone()));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() {
                        state.prefs = edited;
                        close = true;
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
            Dialog::PathPrompt { purpose, browser } => {
                ui.set_max_width(720.0);
                ui.heading(purpose.title());
                let mut b = browser.clone();
                let mut chosen = None;
                let places = crate::app::browser::places(
                    state.doc.base_dir().as_deref(),
                    &state.recent,
                    &state.options.data_dir,
                );
                ui.horizontal(|ui| {
                    let up = b.folder.parent().map(std::path::Path::to_path_buf);
                    if ui
                        .add_enabled(up.is_some(), egui::Button::new("Up"))
                        .on_hover_text("The folder above")
                        .clicked()
                        && let Some(up) = up
                    {
                        b.open(up);
                    }
                    ui.label(format!("Looking in {}", b.folder.display()));
                });
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(170.0);
                        ui.set_min_height(220.0);
                        ui.strong("Places");
                        for (label, path) in &places {
                            if ui
                                .selectable_label(b.folder == *path, label)
                                .on_hover_text(path.display().to_string())
                                .clicked()
                            {
                                b.open(path.clone());
                            }
                        }
                    });
                    ui.add_space(12.0);
                    ui.vertical(|ui| {
                        ui.set_min_size(egui::vec2(380.0, 220.0));
                        egui::ScrollArea::vertical()
                            .id_salt("browser-list")
                            .max_height(240.0)
                            .auto_shrink([false, true])
                            .show(ui, |ui| {
                                if let Some(problem) = &b.problem {
                                    ui.colored_label(super::style::ERROR, problem);
                                } else if b.entries.is_empty() {
                                    ui.weak("Nothing here of the kind asked for.");
                                }
                                let entries = b.entries.clone();
                                for entry in entries {
                                    let text = if entry.is_dir {
                                        format!("{}/", entry.name)
                                    } else {
                                        entry.name.clone()
                                    };
                                    let r = ui.selectable_label(b.name == entry.name, text);
                                    if r.double_clicked() && !entry.is_dir {
                                        b.name = entry.name.clone();
                                        chosen = b.accept();
                                    } else if r.clicked() {
                                        if entry.is_dir {
                                            b.open(b.folder.join(&entry.name));
                                        } else {
                                            b.name = entry.name.clone();
                                        }
                                    }
                                }
                            });
                    });
                });
                ui.separator();
                let label = ui.label("File path");
                let r = ui
                    .add(egui::TextEdit::singleline(&mut b.name).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                // The name field has the keyboard from the start: type, then Enter.
                if ui.memory(|m| m.focused().is_none()) {
                    r.request_focus();
                }
                let enter = (r.has_focus() || r.lost_focus())
                    && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("OK").clicked() || enter {
                        chosen = chosen.take().or_else(|| b.accept());
                        if chosen.is_none() {
                            r.request_focus();
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
                if let Some(path) = chosen {
                    close = true;
                    state.dialog = None;
                    state.complete_path(*purpose, path);
                } else if b != *browser && !close {
                    state.dialog = Some(Dialog::PathPrompt {
                        purpose: *purpose,
                        browser: b,
                    });
                }
            }
            Dialog::ExportWithErrors {
                format,
                path,
                errors,
            } => {
                ui.heading("Export with open check errors?");
                ui.label(format!(
                    "The tradecraft checks report {} in this brief that {} not been fixed or \
                     accepted. Export the {} anyway?",
                    crate::app::panels::count(*errors, "error", "errors"),
                    if *errors == 1 { "has" } else { "have" },
                    format.name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Review the findings").clicked() {
                        close = true;
                        state.checks.open = true;
                    }
                    if ui.button("Export anyway").clicked() {
                        close = true;
                        state.dialog = None;
                        state.export_despite_errors(*format, path);
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            }
        }
    });
    if modal.should_close() && !matches!(dialog, Dialog::Restore { .. }) {
        close = true;
    }
    if close {
        // A new dialog opened by the answer (e.g. a path prompt after Save) stays.
        if state.dialog.as_ref().is_some_and(|d| same_kind(d, &dialog)) {
            state.dialog = None;
        }
    }
}

fn same_kind(a: &Dialog, b: &Dialog) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}
