//! One block's row: handle, badge, summary, move and remove buttons, drift marker.

use super::block_summary;
use super::editors::block_editor;
use super::marks;
use crate::app::panels::DragPayload;
use crate::app::panels::style::{ACCENT, WARNING, badge, grade_colour};
use crate::app::state::{AppState, Pane};
use briefsmith_core::compose::BlockPos;
use briefsmith_core::model::{Block, ItemKind};
use egui::{RichText, Sense};

/// A small icon-only button with a tooltip and an accessible name.
pub(super) fn icon(ui: &mut egui::Ui, glyph: &str, name: &str, enabled: bool) -> bool {
    ui.add_enabled(enabled, egui::Button::new(glyph).small().frame(false))
        .on_hover_text(name)
        .accessible_name(name)
        .clicked()
}

pub(super) fn block(ui: &mut egui::Ui, state: &mut AppState, pos: BlockPos, stale: bool) {
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
            if let Some(scheme) = marks::scheme(state) {
                match marks::block_mark(scheme, state, &block) {
                    Ok(mark) => {
                        let from = if matches!(block, Block::Item(_)) {
                            "From the item in the dataset"
                        } else {
                            "Set it in the block's editor"
                        };
                        marks::chip(ui, scheme, &mark)
                            .on_hover_text(format!("{}: {from}", mark.banner(scheme)));
                    }
                    Err(problem) => {
                        marks::bad_chip(ui, &problem);
                    }
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
                    && matches!(&block, Block::Item(r) if state.doc.cited().is_some_and(|d| d.item(&r.item).is_none()));
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
