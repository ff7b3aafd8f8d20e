//! The brief pane: metadata, and the sections with their blocks — reordered by drag and
//! drop or Alt+↑/↓, edited in place. Only the rows in view are built, so long briefs stay
//! fast.

use super::DragPayload;
use super::style::{ACCENT, WARNING, badge, grade_colour};
use crate::app::state::{AppState, Pane};
use briefsmith_core::compose::{BlockPos, Edit};
use briefsmith_core::model::{Block, BriefMeta, Confidence, ItemKind, Judgment, Likelihood};
use egui::{RichText, Sense, UiBuilder};

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

/// Vertical gap between rows.
const GAP: f32 = 4.0;

/// A row of the sections view.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Row {
    Header(usize),
    Block(BlockPos),
    End(usize),
}

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

fn meta_editor(ui: &mut egui::Ui, state: &mut AppState) {
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

fn rows(state: &AppState) -> Vec<Row> {
    let mut rows = Vec::new();
    for (s, section) in state.doc.brief().sections.iter().enumerate() {
        rows.push(Row::Header(s));
        for i in 0..section.blocks.len() {
            rows.push(Row::Block(BlockPos::new(s, i)));
        }
        rows.push(Row::End(s));
    }
    rows
}

/// Estimated height of a row not yet measured.
fn estimate(row: Row) -> f32 {
    match row {
        Row::Header(_) => 34.0,
        Row::Block(_) => 52.0,
        Row::End(_) => 30.0,
    }
}

fn sections(ui: &mut egui::Ui, state: &mut AppState) {
    let rows = rows(state);
    if rows.is_empty() {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.weak("This brief has no sections yet.");
            if ui.button("Add a section").clicked() {
                state.add_section("Key points");
            }
        });
        return;
    }
    let heights_id = ui.scope_id().with("row-heights");
    let mut heights: Vec<f32> = ui
        .data_mut(|d| d.get_temp::<Vec<f32>>(heights_id))
        .unwrap_or_default();
    if heights.len() != rows.len() {
        heights = rows.iter().map(|r| estimate(*r)).collect();
    }
    let stale = state.doc.stale_blocks().clone();
    let mut drop: Option<(DragPayload, BlockPos)> = None;
    let selected_row = state.selected_block.map(Row::Block);
    // Scroll the selected block into view when the selection moved (keyboard reorder).
    let sel_id = heights_id.with("selection");
    let previous: Option<Option<BlockPos>> = ui.data_mut(|d| d.get_temp(sel_id));
    let scroll_to = Some(previous.is_some_and(|p| p != state.selected_block));
    ui.data_mut(|d| d.insert_temp(sel_id, state.selected_block));
    egui::ScrollArea::vertical()
        .id_salt("brief-sections")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let total: f32 = heights.iter().map(|h| h + GAP).sum();
            ui.set_min_height(total);
            let origin = ui.min_rect().min;
            let rows_id = ui.scope_id();
            // Keep clear of the floating scroll bar.
            let width = ui.available_width() - 14.0;
            let mut y = 0.0;
            for (k, row) in rows.iter().enumerate() {
                let h = heights[k];
                let visible = y + h >= viewport.min.y - 50.0 && y <= viewport.max.y + 50.0;
                let wanted = scroll_to == Some(true) && selected_row == Some(*row);
                if visible || wanted {
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(0.0, y),
                        egui::vec2(width, h),
                    );
                    let builder = UiBuilder::new()
                        .max_rect(egui::Rect::from_min_size(
                            rect.min,
                            egui::vec2(width, 10_000.0),
                        ))
                        .scope_id(rows_id.with(row));

                    let response = ui
                        .scope_builder(builder, |ui| match *row {
                            Row::Header(s) => header(ui, state, s),
                            Row::Block(pos) => {
                                block(ui, state, pos, stale.contains(&(pos.section, pos.index)))
                            }
                            Row::End(s) => end(ui, state, s),
                        })
                        .response;
                    heights[k] = response.rect.height().max(8.0);
                    if let Row::Block(pos) = *row {
                        let selected = state.selected_block == Some(pos);
                        let name =
                            format!("Block {} of section {}", pos.index + 1, pos.section + 1);
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::ListItem, true, selected, &name)
                        });
                    }
                    if wanted {
                        response.scroll_to_me(None);
                    }
                    if let Some(target) = drop_target(ui, &response, *row, state)
                        && ui.input(|i| i.pointer.any_released())
                        && let Some(p) = egui::DragAndDrop::take_payload::<DragPayload>(ui.ctx())
                    {
                        drop = Some((*p, target));
                    }
                }
                y += h + GAP;
            }
        });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
    if let Some((payload, at)) = drop {
        match payload {
            DragPayload::Item(i) => {
                state.add_item(i, Some(at));
            }
            DragPayload::Block(from) => {
                let mut to = at;
                if from.section == at.section && from.index < at.index {
                    to.index -= 1;
                }
                state.move_block(from, to);
            }
        }
    }
}

/// Where a drop on this row would insert, and a line showing it while hovering.
fn drop_target(
    ui: &egui::Ui,
    response: &egui::Response,
    row: Row,
    state: &AppState,
) -> Option<BlockPos> {
    // The row is a plain region (its widgets take the pointer), so test the rectangle.
    egui::DragAndDrop::payload::<DragPayload>(ui.ctx())?;
    let pointer = ui.ctx().pointer_interact_pos()?;
    let rect = response.rect;
    if !rect.expand2(egui::vec2(0.0, GAP / 2.0)).contains(pointer)
        || !ui.clip_rect().contains(pointer)
    {
        return None;
    }
    let (target, line_y) = match row {
        Row::Header(s) => (BlockPos::new(s, 0), rect.bottom()),
        Row::End(s) => (
            BlockPos::new(s, state.doc.brief().sections.get(s)?.blocks.len()),
            rect.top(),
        ),
        Row::Block(pos) => {
            if pointer.y < rect.center().y {
                (pos, rect.top() - GAP / 2.0)
            } else {
                (
                    BlockPos::new(pos.section, pos.index + 1),
                    rect.bottom() + GAP / 2.0,
                )
            }
        }
    };
    ui.painter()
        .hline(rect.x_range(), line_y, egui::Stroke::new(2.5, ACCENT));
    Some(target)
}

fn header(ui: &mut egui::Ui, state: &mut AppState, s: usize) {
    let Some(section) = state.doc.brief().sections.get(s) else {
        return;
    };
    let mut heading = section.heading.clone();
    let count = state.doc.brief().sections.len();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let r = ui.add(
            egui::TextEdit::singleline(&mut heading)
                .font(egui::TextStyle::Heading)
                .desired_width(ui.available_width() - 110.0)
                .frame(egui::Frame::NONE),
        );
        let r = r.accessible_name(format!("Section {} heading", s + 1));
        if r.changed() {
            state.apply(Edit::RenameSection {
                index: s,
                heading: heading.clone(),
            });
        }
        if r.lost_focus() {
            state.doc.end_typing();
        }
        if icon(ui, "▲", "Move section up", s > 0) {
            state.apply(Edit::MoveSection { from: s, to: s - 1 });
        }
        if icon(ui, "▼", "Move section down", s + 1 < count) {
            state.apply(Edit::MoveSection { from: s, to: s + 1 });
        }
        if icon(ui, "×", "Remove section", true) {
            state.apply(Edit::RemoveSection { index: s });
            state.selected_block = None;
        }
    });
}

fn end(ui: &mut egui::Ui, state: &mut AppState, s: usize) {
    ui.horizontal(|ui| {
        ui.add_space(24.0);
        let len = state
            .doc
            .brief()
            .sections
            .get(s)
            .map_or(0, |x| x.blocks.len());
        let at = Some(BlockPos::new(s, len));
        if ui
            .small_button("+ Text")
            .on_hover_text("Add a text block here")
            .clicked()
        {
            state.add_text(at);
        }
        if ui
            .small_button("+ Judgment")
            .on_hover_text("Add a key judgment here")
            .clicked()
        {
            state.add_judgment(at);
        }
        if len == 0 {
            ui.weak("Drag items here from the library");
        }
    });
}

/// A small icon-only button with a tooltip and an accessible name.
fn icon(ui: &mut egui::Ui, glyph: &str, name: &str, enabled: bool) -> bool {
    ui.add_enabled(enabled, egui::Button::new(glyph).small().frame(false))
        .on_hover_text(name)
        .accessible_name(name)
        .clicked()
}

fn block(ui: &mut egui::Ui, state: &mut AppState, pos: BlockPos, stale: bool) {
    let Some(block) = state
        .doc
        .brief()
        .sections
        .get(pos.section)
        .and_then(|s| s.blocks.get(pos.index))
        .cloned()
    else {
        return;
    };
    let selected = state.selected_block == Some(pos);
    let len = state.doc.brief().sections[pos.section].blocks.len();
    let last_section = state.doc.brief().sections.len() - 1;
    let visuals = ui.visuals().clone();
    let frame = egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 4))
        .corner_radius(4.0)
        .fill(if selected {
            visuals.selection.bg_fill
        } else {
            visuals.extreme_bg_color
        })
        .stroke(if selected {
            egui::Stroke::new(1.0, ACCENT)
        } else {
            visuals.widgets.noninteractive.bg_stroke
        });
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let handle = ui
                .add(
                    egui::Button::new(RichText::new("≡").size(16.0))
                        .frame(false)
                        .sense(Sense::drag()),
                )
                .on_hover_text("Drag to move; or select and press Alt+↑ / Alt+↓")
                .accessible_name(format!("Drag block {}", pos.index + 1))
                .on_hover_cursor(egui::CursorIcon::Grab);
            if handle.drag_started() {
                // Selecting here would open the block's editor and shift the rows mid-drag.
                handle.dnd_set_drag_payload(DragPayload::Block(pos));
            }
            match &block {
                Block::Item(r) => {
                    let grade = r.snapshot.grade();
                    badge(ui, &grade, grade_colour(&grade));
                    if r.snapshot.kind == ItemKind::Quote {
                        ui.weak("QUOTE");
                    }
                }
                Block::Text(_) => {
                    badge(ui, "TEXT", egui::Color32::from_gray(110));
                }
                Block::Judgment(_) => {
                    badge(ui, "KJ", ACCENT);
                }
            }
            // The badge already shows the grade.
            let summary = block_summary(state, pos);
            let summary = match &block {
                Block::Item(r) => summary
                    .strip_prefix(&format!("{} ", r.snapshot.grade()))
                    .unwrap_or(&summary)
                    .to_owned(),
                _ => summary,
            };
            let controls = 3.0 * 30.0 + 12.0 + if stale { 160.0 } else { 0.0 };
            let text = ui.add_sized(
                [(ui.available_width() - controls).max(40.0), 18.0],
                egui::Label::new(summary).truncate().sense(Sense::click()),
            );
            if text.clicked() {
                state.selected_block = Some(pos);
                state.keyboard_pane = Pane::Brief;
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if icon(ui, "×", "Remove block", true) {
                    state.remove_block(pos);
                }
                let can_down = pos.index + 1 < len || pos.section < last_section;
                if icon(ui, "▼", "Move block down", can_down) {
                    state.selected_block = Some(pos);
                    state.move_selected(1);
                }
                let can_up = pos.index > 0 || pos.section > 0;
                if icon(ui, "▲", "Move block up", can_up) {
                    state.selected_block = Some(pos);
                    state.move_selected(-1);
                }
                let gone = stale
                    && matches!(&block, Block::Item(r) if state
                        .doc
                        .dataset
                        .as_ref()
                        .is_some_and(|d| d.index.position(&r.item).is_none()));
                if gone {
                    badge(ui, "GONE", WARNING).on_hover_text(
                        "No longer in the dataset: the brief prints the copy it kept when picked",
                    );
                } else if stale {
                    if ui
                        .small_button("Refresh")
                        .on_hover_text("Take the item's current text from the dataset")
                        .clicked()
                    {
                        state.refresh_block(pos);
                    }
                    badge(ui, "CHANGED", WARNING).on_hover_text(
                        "The dataset's version of this item differs from the one picked",
                    );
                }
            });
        });
        if let Block::Item(r) = &block
            && !r.note.is_empty()
            && !selected
        {
            ui.weak(format!(
                "Note: {}",
                crate::app::library::first_line(&r.note, 120)
            ));
        }
        if selected {
            ui.separator();
            block_editor(ui, state, pos, &block);
        }
    });
}

fn block_editor(ui: &mut egui::Ui, state: &mut AppState, pos: BlockPos, block: &Block) {
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
            let field = ("Analyst note", "Why this matters (Markdown)", 2);
            text_area(ui, state, field, r.note.clone(), |state, note| {
                state.apply(Edit::SetNote { at: pos, note });
            });
        }
        Block::Text(t) => {
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
    let dataset = state
        .doc
        .dataset
        .as_ref()
        .map(|d| (d.dataset.clone(), d.index.clone()));
    let mut remove = None;
    for (k, id) in new.support.iter().enumerate() {
        ui.horizontal(|ui| {
            let text = dataset
                .as_ref()
                .and_then(|(ds, index)| {
                    index
                        .position(id)
                        .and_then(|i| index.row(i))
                        .map(|r| format!("{} {}", r.grade, r.first_line))
                        .or_else(|| ds.item(id).map(|i| i.text.clone()))
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
