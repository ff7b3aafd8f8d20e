//! The status bar (dataset, warnings, export progress, saved state) and the messages
//! (toasts) in the window's corner.

use super::style::{ERROR, WARNING};
use crate::app::state::AppState;

/// Draws the status bar.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    ui.horizontal(|ui| {
        match &state.doc.dataset {
            Some(ds) => {
                let name = ds
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .or_else(|| {
                        ds.embedded
                            .as_ref()
                            .map(|e| format!("{} (bundled)", e.file_name))
                    })
                    .unwrap_or_default();
                ui.weak(format!(
                    "Dataset: {name} · {}",
                    super::count(ds.item_count() as usize, "item", "items")
                ));
            }
            None => {
                ui.colored_label(WARNING, "No dataset: the brief is shown from its snapshots");
            }
        }
        for w in &state.doc.warnings {
            ui.separator();
            ui.colored_label(WARNING, w);
        }
        for (format, path) in state.jobs.running() {
            ui.separator();
            ui.add(egui::Spinner::new());
            ui.label(format!(
                "Exporting {} to {}…",
                format.name(),
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
        }
        ui.separator();
        super::checks::status(ui, state);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if state.doc.is_modified() {
                ui.label("• Unsaved changes");
            } else if state.doc.path.is_some() {
                ui.weak("Saved");
            } else {
                ui.weak("Not saved yet");
            }
        });
    });
}

/// Draws the messages, newest at the bottom, each with a dismiss button.
pub fn toasts(ctx: &egui::Context, state: &mut AppState) {
    if state.toasts.is_empty() {
        return;
    }
    let mut dismiss = None;
    egui::Area::new(egui::Id::unique("toasts"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.set_max_width(420.0);
            for (i, toast) in state.toasts.iter().enumerate() {
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(
                        1.0,
                        if toast.error {
                            ERROR
                        } else {
                            ui.visuals().window_stroke.color
                        },
                    ))
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            if toast.error {
                                ui.colored_label(ERROR, "Error");
                            }
                            ui.add(egui::Label::new(&toast.text).wrap());
                            if ui
                                .small_button("×")
                                .on_hover_text("Dismiss")
                                .accessible_name("Dismiss message")
                                .clicked()
                            {
                                dismiss = Some(i);
                            }
                        });
                    });
            }
        });
    if let Some(i) = dismiss {
        state.toasts.remove(i);
    }
}
