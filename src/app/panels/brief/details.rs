//! The brief's details: title, author, date, audience, classification, template, bottom line.

use super::MARKINGS;
use crate::app::state::AppState;
use briefsmith_core::model::BriefMeta;
use egui::RichText;

pub(super) fn meta_editor(ui: &mut egui::Ui, state: &mut AppState) {
    let mut meta = state.doc.brief().meta.clone();
    let before = meta.clone();
    let mut lost_focus = false;
    egui::CollapsingHeader::new(RichText::new("Brief details").strong())
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("brief-meta")
                .num_columns(2)
                .spacing([10.0, 4.0])
                .striped(false)
                .show(ui, |ui| {
                    lost_focus |= field(ui, "Title", &mut meta.title);
                    lost_focus |= field(ui, "Author", &mut meta.author);
                    lost_focus |= field(ui, "Organisation", &mut meta.organisation);
                    lost_focus |= field(ui, "Date", &mut meta.date);
                    lost_focus |= field(ui, "Audience", &mut meta.audience);

                    let label = ui.label("Classification");
                    ui.horizontal(|ui| {
                        let r = ui
                            .add(
                                egui::TextEdit::singleline(&mut meta.classification)
                                    .hint_text("none")
                                    .desired_width(220.0),
                            )
                            .labelled_by(label.id);
                        lost_focus |= r.lost_focus();
                        egui::ComboBox::from_id_salt("classification-presets")
                            .selected_text("Markings")
                            .show_ui(ui, |ui| {
                                for m in MARKINGS {
                                    let text = if m.is_empty() { "(none)" } else { m };
                                    if ui
                                        .selectable_label(meta.classification == m, text)
                                        .clicked()
                                    {
                                        meta.classification = m.to_owned();
                                    }
                                }
                            })
                            .response
                            .accessible_name("Classification markings");
                    });
                    ui.end_row();

                    let label = ui.label("Template");
                    let choices = state.template_choices();
                    let current = if meta.template.is_empty() {
                        "(default)".to_owned()
                    } else {
                        meta.template.clone()
                    };
                    egui::ComboBox::from_id_salt("template-picker")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for (name, description) in choices {
                                ui.selectable_value(&mut meta.template, name.clone(), &name)
                                    .on_hover_text(description);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    let label = ui.label("Bottom line");
                    let r = ui
                        .add(
                            egui::TextEdit::multiline(&mut meta.bottom_line)
                                .hint_text("The judgment and why it matters (Markdown)")
                                .desired_rows(2)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(label.id);
                    lost_focus |= r.lost_focus();
                    ui.end_row();
                });
        });
    if meta != before {
        set_meta(state, meta);
    }
    if lost_focus {
        state.doc.end_typing();
    }
}

fn set_meta(state: &mut AppState, meta: BriefMeta) {
    state.set_meta(meta);
}

/// A labelled single-line field in a two-column grid; returns whether it lost focus.
fn field(ui: &mut egui::Ui, name: &str, value: &mut String) -> bool {
    let label = ui.label(name);
    let r = ui
        .add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ui.end_row();
    r.lost_focus()
}
