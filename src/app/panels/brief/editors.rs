//! The editor under the selected block: an item's note, Markdown text, or a key judgment.

use super::marks;
use super::row::icon;
use crate::app::library::RowLabel;
use crate::app::state::AppState;
use briefsmith_core::compose::{BlockPos, Edit};
use briefsmith_core::model::{Block, Confidence, ItemKind, Judgment, Likelihood};
use egui::RichText;

pub(super) fn block_editor(ui: &mut egui::Ui, state: &mut AppState, pos: BlockPos, block: &Block) {
    match block {
        Block::Item(r) => {
            let s = &r.snapshot;
            let text = RichText::new(&s.text);
            ui.add(
                egui::Label::new(if s.kind == ItemKind::Quote {
                    text.italics()
                } else {
                    text
                })
                .wrap(),
            );
            let mut attribution = Vec::new();
            if !s.speaker.is_empty() {
                attribution.push(if s.speaker_role.is_empty() {
                    s.speaker.clone()
                } else {
                    format!("{}, {}", s.speaker, s.speaker_role)
                });
            }
            if !s.date.is_empty() {
                attribution.push(s.date.clone());
            }
            attribution.push(format!(
                "{} — {} ({})",
                s.source.publisher, s.source.title, s.source.date
            ));
            ui.weak(attribution.join(" · "));
            if let Some(scheme) = marks::scheme(state) {
                let from = match &s.marking {
                    Some(m) => format!("Marked {m}, from the dataset's item or its source"),
                    None => "Unmarked in the dataset: it counts as the brief's floor".to_owned(),
                };
                ui.weak(from);
                marks::mark_field(ui, state, scheme, pos, "Note mark", r.note_marking.as_ref());
            }
            let field = ("Analyst note", "Why this matters (Markdown)", 2);
            text_area(ui, state, field, r.note.clone(), |state, note| {
                state.apply(Edit::SetNote { at: pos, note });
            });
        }
        Block::Text(t) => {
            if let Some(scheme) = marks::scheme(state) {
                marks::mark_field(ui, state, scheme, pos, "Mark", t.marking.as_ref());
            }
            let field = ("Markdown text", "Free text in Markdown", 3);
            text_area(ui, state, field, t.markdown.clone(), |state, markdown| {
                state.apply(Edit::SetText { at: pos, markdown });
            });
        }
        Block::Judgment(j) => judgment_editor(ui, state, pos, j),
    }
}

/// A labelled multi-line field, `(label, hint, rows)`, showing `text`; `on_change` gets the
/// edited text. Leaving the field closes the typing run, so later keystrokes are a new
/// undo step.
fn text_area(
    ui: &mut egui::Ui,
    state: &mut AppState,
    (label, hint, rows): (&str, &str, usize),
    mut text: String,
    on_change: impl FnOnce(&mut AppState, String),
) {
    let label = ui.label(label);
    let resp = ui
        .add(
            egui::TextEdit::multiline(&mut text)
                .hint_text(hint)
                .desired_rows(rows)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if resp.changed() {
        on_change(state, text);
    }
    if resp.lost_focus() {
        state.doc.end_typing();
    }
}

fn judgment_editor(ui: &mut egui::Ui, state: &mut AppState, pos: BlockPos, j: &Judgment) {
    if let Some(scheme) = marks::scheme(state) {
        marks::mark_field(ui, state, scheme, pos, "Mark", j.marking.as_ref());
    }
    // The mark may just have changed: edit the judgment as it stands now.
    let j = match state.doc.brief().block(pos) {
        Some(Block::Judgment(now)) => &now.clone(),
        _ => j,
    };
    let mut new = j.clone();
    let field = ("Judgment", "We assess that …", 2);
    text_area(ui, state, field, j.text.clone(), |_, text| new.text = text);
    // Wraps onto a second line in a narrow pane instead of clipping the pickers.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Likelihood");
        egui::ComboBox::from_id_salt(("likelihood", pos.section, pos.index))
            .selected_text(likelihood_text(new.likelihood))
            .width(200.0)
            .show_ui(ui, |ui| {
                for l in Likelihood::ALL {
                    ui.selectable_value(&mut new.likelihood, l, likelihood_text(l));
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Confidence");
        egui::ComboBox::from_id_salt(("confidence", pos.section, pos.index))
            .selected_text(new.confidence.term())
            .show_ui(ui, |ui| {
                for c in Confidence::ALL {
                    ui.selectable_value(&mut new.confidence, c, c.term());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.label(RichText::new("Supporting items").strong());
    let cited = state.doc.cited();
    let mut remove = None;
    for (k, id) in new.support.iter().enumerate() {
        ui.horizontal(|ui| {
            let text = cited
                .as_ref()
                .and_then(|ds| {
                    let item = ds.item(id)?;
                    let label = RowLabel::of(item, "", ds.source(&item.source));
                    Some(format!("{} {}", label.grade, label.first_line))
                })
                .unwrap_or_else(|| id.to_string());
            if icon(ui, "×", &format!("Remove supporting item {}", k + 1), true) {
                remove = Some(k);
            }
            ui.add(egui::Label::new(text).truncate());
        });
    }
    if let Some(k) = remove {
        new.support.remove(k);
    }
    let selected = state.selected_item_id();
    let can_add = selected
        .as_ref()
        .is_some_and(|id| !new.support.contains(id));
    if ui
        .add_enabled(
            can_add,
            egui::Button::new("Add selected library item as support"),
        )
        .clicked()
        && let Some(id) = selected
    {
        new.support.push(id);
    }
    if new != *j {
        // Typing merges into one undo step; a pick from a list is a step of its own.
        let picked = new.likelihood != j.likelihood
            || new.confidence != j.confidence
            || new.support != j.support;
        if picked {
            state.doc.end_typing();
        }
        state.apply(Edit::SetJudgment {
            at: pos,
            judgment: new,
        });
        if picked {
            state.doc.end_typing();
        }
    }
}

/// "likely (55–80 %)".
fn likelihood_text(l: Likelihood) -> String {
    let (lo, hi) = l.band();
    format!("{} ({lo}–{hi} %)", l.term())
}
