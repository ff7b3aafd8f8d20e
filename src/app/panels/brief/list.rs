//! The sections as a virtual list: only the rows in view are built, with drop targets between them.

use super::row::{block, icon};
use crate::app::panels::DragPayload;
use crate::app::panels::style::ACCENT;
use crate::app::state::AppState;
use briefsmith_core::compose::{BlockPos, Edit};
use egui::UiBuilder;

/// Vertical gap between rows.
const GAP: f32 = 4.0;

/// A row of the sections view.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Row {
    Header(usize),
    Block(BlockPos),
    End(usize),
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

pub(super) fn sections(ui: &mut egui::Ui, state: &mut AppState) {
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
                        drop = Some(((*p).clone(), target));
                    }
                }
                y += h + GAP;
            }
        });
    ui.data_mut(|d| d.insert_temp(heights_id, heights));
    if let Some((payload, at)) = drop {
        match payload {
            DragPayload::Item(row) => {
                state.add_item(&row.id, Some(at));
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
