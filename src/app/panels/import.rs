//! The import window: the article with every candidate highlighted in place beside the
//! list of candidates to accept, edit, merge or reject, the source's grade and each item's
//! credibility; and the box an article is pasted into.

use crate::app::import::{ImportReview, PasteBox};
use crate::app::state::AppState;
use briefsmith_core::model::{Credibility, Reliability};
use briefsmith_import::{Candidate, CandidateKind, Decision};
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText};

/// The kinds in the order the filter lists them, with their plural names.
const KINDS: [(CandidateKind, &str); 5] = [
    (CandidateKind::Quote, "Quotes"),
    (CandidateKind::Reported, "Reported"),
    (CandidateKind::Figure, "Figures"),
    (CandidateKind::Date, "Dates"),
    (CandidateKind::Entity, "Entities"),
];

/// The review's keys, while it is open and no text field has the keyboard: ↑/↓ walk the
/// listed candidates, A accepts and R rejects the selected one and move to the next
/// pending one. Runs before the window's other shortcuts, so the keys go to the review.
pub fn keys(ctx: &egui::Context, state: &mut AppState) {
    let Some(r) = state.import.as_mut() else {
        return;
    };
    let typing = ctx
        .memory(|m| m.focused())
        .is_some_and(|id| egui::TextEdit::load_state(ctx, id).is_some());
    if typing || r.editing.is_some() || !ctx.input(|i| i.modifiers.is_none()) {
        return;
    }
    let key = |k: egui::Key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, k));
    let decided = if key(egui::Key::ArrowDown) {
        r.step(1);
        Ok(())
    } else if key(egui::Key::ArrowUp) {
        r.step(-1);
        Ok(())
    } else if key(egui::Key::A) {
        r.decide(true)
    } else if key(egui::Key::R) {
        r.decide(false)
    } else {
        Ok(())
    };
    if let Err(e) = decided {
        state.error(e.to_string());
    }
}

/// Draws the paste box and the import review, when open.
pub fn show(ctx: &egui::Context, state: &mut AppState) {
    paste_window(ctx, state);
    review_window(ctx, state);
}

/// Highlight colour of a candidate kind: quotations blue, reported speech violet, figures
/// amber, dates green, names grey.
fn kind_colour(kind: CandidateKind) -> Color32 {
    match kind {
        CandidateKind::Quote => Color32::from_rgb(0xcf, 0xe3, 0xff),
        CandidateKind::Reported => Color32::from_rgb(0xe6, 0xd9, 0xff),
        CandidateKind::Figure => Color32::from_rgb(0xff, 0xe2, 0xb8),
        CandidateKind::Date => Color32::from_rgb(0xd4, 0xf0, 0xd0),
        CandidateKind::Entity => Color32::from_rgb(0xe4, 0xe4, 0xdc),
    }
}

/// The singular name of a kind, as a row shows it.
fn kind_name(kind: CandidateKind) -> &'static str {
    match kind {
        CandidateKind::Quote => "Quote",
        CandidateKind::Reported => "Reported",
        CandidateKind::Figure => "Figure",
        CandidateKind::Date => "Date",
        CandidateKind::Entity => "Entity",
    }
}

fn paste_window(ctx: &egui::Context, state: &mut AppState) {
    let Some(paste) = state.paste.as_mut() else {
        return;
    };
    let mut open = true;
    let mut read = false;
    egui::Window::new("Import pasted text")
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            ui.label("Paste the article (text or HTML), then read it for quotes and facts.");
            let label = ui.label("Article text");
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut paste.text)
                            .desired_rows(14)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                });
            read = ui
                .add_enabled(!paste.text.trim().is_empty(), egui::Button::new("Read"))
                .clicked();
        });
    if read {
        let text = std::mem::take(&mut state.paste.get_or_insert_with(PasteBox::default).text);
        state.import_pasted(text);
    } else if !open {
        state.paste = None;
    }
}

/// What the analyst asked for in this frame; carried out after drawing, when the state
/// can be borrowed whole.
enum Action {
    Accept(usize),
    Reject(usize),
    Grade(usize, Credibility),
    Merge(usize),
    SaveEdit,
    Reread(bool),
    Finish,
    Cancel,
}

fn review_window(ctx: &egui::Context, state: &mut AppState) {
    let Some(r) = state.import.as_mut() else {
        return;
    };
    let mut open = true;
    let mut actions: Vec<Action> = Vec::new();
    let title = r.review.import().title_or_file_name();
    egui::Window::new(format!("Import: {title}"))
        .id(egui::Id::unique("import-review"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_size([920.0, 600.0])
        .max_size(ctx.content_rect().size() - egui::vec2(16.0, 16.0))
        .show(ctx, |ui| {
            source_line(ui, r, &mut actions);
            ui.add_space(4.0);
            // Fixed column widths: a paragraph wraps inside its column instead of widening
            // the window past the screen.
            // The columns' height follows the screen, not the window: a height taken from
            // the window's own room would grow it frame by frame.
            let height = (ctx.content_rect().height() - 240.0).clamp(200.0, 640.0);
            let width = ui.available_width();
            let left = (width * 0.56).floor();
            ui.horizontal_top(|ui| {
                let column = egui::Layout::top_down(egui::Align::Min);
                ui.allocate_ui_with_layout(egui::vec2(left, height), column, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("import-article")
                        .auto_shrink([false, false])
                        .show(ui, |ui| article(ui, r));
                });
                // Space, not a separator: a vertical separator takes all the height it
                // is offered and would stretch the window.
                ui.add_space(12.0);
                ui.allocate_ui_with_layout(
                    egui::vec2(ui.available_width(), height),
                    column,
                    |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("import-candidates")
                            .auto_shrink([false, false])
                            .show(ui, |ui| candidates(ui, r, &mut actions));
                    },
                );
            });
            // Both columns have scrolled to the selected candidate.
            r.reveal = false;
            ui.add_space(4.0);
            footer(ui, r, &mut actions);
        });
    if !open {
        actions.push(Action::Cancel);
    }
    for action in actions {
        act(state, action);
    }
}

fn act(state: &mut AppState, action: Action) {
    let Some(r) = state.import.as_mut() else {
        return;
    };
    let result = match action {
        Action::Accept(i) => r.review.accept(i),
        Action::Reject(i) => r.review.reject(i),
        Action::Grade(i, c) => return state.grade_candidate(i, c),
        Action::Merge(i) => return state.merge_with_next(i),
        Action::SaveEdit => return state.save_candidate_edit(),
        Action::Reread(join) => return state.reread_import(join),
        Action::Finish => {
            state.finish_import();
            return;
        }
        Action::Cancel => {
            state.import = None;
            return;
        }
    };
    if let Err(e) = result {
        state.error(e.to_string());
    }
}

/// The source's details, its reliability grade, and how split quotations are proposed.
fn source_line(ui: &mut egui::Ui, r: &mut ImportReview, actions: &mut Vec<Action>) {
    let meta = r.review.import().source.clone();
    let facts: Vec<String> = [
        meta.publisher,
        meta.author.map(|a| format!("by {a}")),
        meta.date,
        meta.url,
    ]
    .into_iter()
    .flatten()
    .collect();
    ui.label(if facts.is_empty() {
        "The article gives no publisher, author, date or address".to_owned()
    } else {
        facts.join(" · ")
    });
    if let Some(existing) = &r.existing {
        ui.label(
            RichText::new(format!(
                "Imported before as {existing}: new items join that source; ones already there are skipped"
            ))
            .italics(),
        );
    }
    ui.horizontal(|ui| {
        let label = ui.label("Source reliability");
        let current = r.review.reliability.to_string();
        egui::ComboBox::from_id_salt("import-reliability")
            .selected_text(
                Reliability::new(&current)
                    .meaning()
                    .map_or(current.clone(), |m| format!("{current} — {m}")),
            )
            .show_ui(ui, |ui| {
                for (letter, meaning) in Reliability::SCALE {
                    let grade = Reliability::new(letter);
                    ui.selectable_value(
                        &mut r.review.reliability,
                        grade,
                        format!("{letter} — {meaning}"),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        let mut join = r.join_split_quotes;
        if ui
            .checkbox(&mut join, "Join quotations split by “she said”")
            .on_hover_text("Reads the article again: decisions taken so far are dropped")
            .changed()
        {
            actions.push(Action::Reread(join));
        }
    });
}

/// The article, paragraph by paragraph, with each candidate highlighted where it stands.
fn article(ui: &mut egui::Ui, r: &mut ImportReview) {
    let import = r.review.import();
    for (i, paragraph) in import.paragraphs.iter().enumerate() {
        let number = i + 1;
        let response = ui.add(egui::Label::new(highlighted(ui, paragraph, number, r)).wrap());
        let selected_here = r
            .selected
            .and_then(|s| import.candidates.get(s))
            .is_some_and(|c| c.paragraph == number);
        if selected_here && r.reveal {
            response.scroll_to_me(Some(egui::Align::Center));
        }
        ui.add_space(6.0);
    }
}

/// One paragraph as a layout job, after its number: every candidate found in it gets its kind's colour;
/// quotations win over the names and figures inside them, the selected candidate over all.
fn highlighted(ui: &egui::Ui, text: &str, number: usize, r: &ImportReview) -> LayoutJob {
    let mut owner: Vec<Option<usize>> = vec![None; text.len()];
    let in_paragraph: Vec<(usize, &Candidate)> = r
        .review
        .candidates()
        .iter()
        .enumerate()
        .filter(|(_, c)| c.paragraph == number)
        .collect();
    let rank = |i: usize, c: &Candidate| {
        let kind = match c.kind {
            CandidateKind::Quote | CandidateKind::Reported => 2,
            _ => 1,
        };
        if r.selected == Some(i) { 3 } else { kind }
    };
    let mut painted: Vec<&(usize, &Candidate)> = in_paragraph.iter().collect();
    painted.sort_by_key(|(i, c)| rank(*i, c));
    for (i, c) in painted {
        if r.review.decision(*i) == Ok(Decision::Rejected) {
            continue;
        }
        let end = c.span.end.min(text.len());
        for slot in owner.iter_mut().take(end).skip(c.span.start) {
            *slot = Some(*i);
        }
    }
    let body = TextFormat {
        font_id: egui::TextStyle::Body.resolve(ui.style()),
        color: ui.visuals().text_color(),
        ..TextFormat::default()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: ui.available_width(),
            ..Default::default()
        },
        ..LayoutJob::default()
    };
    // The paragraph number leads, so a locator ("para 7") can be found by eye.
    let number_format = TextFormat {
        font_id: egui::TextStyle::Small.resolve(ui.style()),
        color: ui.visuals().weak_text_color(),
        ..TextFormat::default()
    };
    job.append(&format!("¶{number}  "), 0.0, number_format);
    let mut start = 0;
    while start < text.len() {
        let who = owner[start];
        let mut end = start + 1;
        while end < text.len() && (owner[end] == who || !text.is_char_boundary(end)) {
            end += 1;
        }
        let Some(piece) = text.get(start..end) else {
            break;
        };
        let mut format = body.clone();
        if let Some(i) = who
            && let Some(c) = r.review.candidates().get(i)
        {
            format.background = if r.selected == Some(i) {
                Color32::from_rgb(0xff, 0xd8, 0x4d)
            } else {
                kind_colour(c.kind)
            };
            if r.review.decision(i) == Ok(Decision::Accepted) {
                format.underline = egui::Stroke::new(1.5, Color32::from_rgb(0x1e, 0x7b, 0x4a));
            }
        }
        job.append(piece, 0.0, format);
        start = end;
    }
    job
}

/// The candidates (of the chosen kind), each with its decision, credibility and actions.
fn candidates(ui: &mut egui::Ui, r: &mut ImportReview, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let total = r.review.candidates().len();
        ui.selectable_value(&mut r.filter, None, format!("All {total}"));
        for (kind, name) in KINDS {
            let n = r
                .review
                .candidates()
                .iter()
                .filter(|c| c.kind == kind)
                .count();
            ui.selectable_value(&mut r.filter, Some(kind), format!("{name} {n}"));
        }
    });
    ui.separator();
    if r.review.candidates().is_empty() {
        ui.label(
            "Nothing to propose: no quotations, statements, figures, dates or names were found.",
        );
        return;
    }
    for i in r.listed() {
        let Some(c) = r.review.candidates().get(i).cloned() else {
            break;
        };
        let selected = r.selected == Some(i);
        let fill = if selected {
            ui.visuals().selection.bg_fill.gamma_multiply(0.3)
        } else {
            Color32::TRANSPARENT
        };
        let row = egui::Frame::new()
            .fill(fill)
            .corner_radius(3.0)
            .inner_margin(4)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.push_id(("candidate", i), |ui| candidate_row(ui, r, i, &c, actions));
            })
            .response;
        if selected && r.reveal {
            row.scroll_to_me(Some(egui::Align::Center));
        }
        ui.separator();
    }
}

fn candidate_row(
    ui: &mut egui::Ui,
    r: &mut ImportReview,
    i: usize,
    c: &Candidate,
    actions: &mut Vec<Action>,
) {
    let decision = r.review.decision(i).unwrap_or_default();
    let (mark, colour) = match decision {
        Decision::Pending => ("Pending", Color32::from_rgb(0x6b, 0x6b, 0x6b)),
        Decision::Accepted => ("Accepted", Color32::from_rgb(0x1e, 0x7b, 0x4a)),
        Decision::Rejected => ("Rejected", Color32::from_rgb(0xb0, 0x1e, 0x2d)),
    };
    ui.horizontal(|ui| {
        crate::app::panels::style::badge(ui, mark, colour);
        let mut head = format!("{} · {}", kind_name(c.kind), c.locator);
        if let Some(s) = &c.speaker {
            head.push_str(&format!(" · {s}"));
        }
        if let Some(d) = &c.date {
            head.push_str(&format!(" · {d}"));
        }
        ui.label(RichText::new(head).small().strong());
    });
    if let Some((index, text, speaker)) = r.editing.as_mut()
        && *index == i
    {
        let label = ui.label("Text");
        ui.add(egui::TextEdit::multiline(text).desired_rows(3))
            .labelled_by(label.id);
        if matches!(c.kind, CandidateKind::Quote | CandidateKind::Reported) {
            let label = ui.label("Speaker");
            ui.text_edit_singleline(speaker).labelled_by(label.id);
        }
        ui.horizontal(|ui| {
            if ui.button("Save edit").clicked() {
                actions.push(Action::SaveEdit);
            }
            if ui.button("Cancel edit").clicked() {
                r.editing = None;
            }
        });
        return;
    }
    let shown = if decision == Decision::Rejected {
        RichText::new(&c.text).strikethrough().weak()
    } else {
        RichText::new(&c.text)
    };
    if ui
        .add(egui::Label::new(shown).wrap().sense(egui::Sense::click()))
        .on_hover_text("Show it in the article")
        .clicked()
    {
        r.selected = Some(i);
        r.reveal = true;
    }
    ui.horizontal(|ui| {
        if ui.button("Accept").clicked() {
            actions.push(Action::Accept(i));
        }
        if ui.button("Reject").clicked() {
            actions.push(Action::Reject(i));
        }
        if ui.button("Edit").clicked() {
            r.editing = Some((i, c.text.clone(), c.speaker.clone().unwrap_or_default()));
        }
        if matches!(c.kind, CandidateKind::Quote | CandidateKind::Reported)
            && ui
                .button("Merge with next")
                .on_hover_text("Join it with the next one of the same kind and speaker")
                .clicked()
        {
            actions.push(Action::Merge(i));
        }
        if c.kind != CandidateKind::Entity {
            let current = r.review.credibility(i).unwrap_or(Credibility(6));
            let label = ui.label("Credibility");
            egui::ComboBox::from_id_salt(("credibility", i))
                .selected_text(current.to_string())
                .width(36.0)
                .show_ui(ui, |ui| {
                    for (n, meaning) in Credibility::SCALE {
                        if ui
                            .selectable_label(current.0 == n, format!("{n} — {meaning}"))
                            .clicked()
                        {
                            actions.push(Action::Grade(i, Credibility(n)));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
    });
}

/// Accept all (with its confirmation), file the accepted into the library, or cancel.
fn footer(ui: &mut egui::Ui, r: &mut ImportReview, actions: &mut Vec<Action>) {
    let (pending, accepted, rejected) = r.counts();
    ui.horizontal(|ui| {
        if r.confirm_accept_all {
            ui.label(format!("Accept all {pending} pending candidates?"));
            if ui.button("Yes, accept all").clicked() {
                r.review.accept_all();
                r.confirm_accept_all = false;
            }
            if ui.button("No").clicked() {
                r.confirm_accept_all = false;
            }
            return;
        }
        ui.label(format!(
            "{accepted} accepted, {rejected} rejected, {pending} pending"
        ));
        if ui
            .add_enabled(pending > 0, egui::Button::new("Accept all…"))
            .clicked()
        {
            r.confirm_accept_all = true;
        }
        let add = format!("Add {accepted} to the library");
        if ui
            .add_enabled(accepted > 0, egui::Button::new(add))
            .clicked()
        {
            actions.push(Action::Finish);
        }
        if ui.button("Cancel import").clicked() {
            actions.push(Action::Cancel);
        }
    });
}
