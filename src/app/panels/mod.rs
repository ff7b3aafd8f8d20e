//! The widgets: one module per pane, each showing part of [`AppState`] and editing it
//! through the state's commands.

mod brief;
mod dialogs;
mod library;
mod menu;
mod preview;
mod status;
pub mod style;

use crate::app::state::AppState;
use briefsmith_core::compose::BlockPos;

/// What is being dragged: a library item (by dataset index) or a brief block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DragPayload {
    Item(usize),
    Block(BlockPos),
}

/// Draws the whole window for one frame.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    menu::shortcuts(ui.ctx(), state);
    egui::Panel::top("menu-bar").show(ui, |ui| menu::show(ui, state));
    egui::Panel::bottom("status-bar").show(ui, |ui| status::show(ui, state));
    egui::Panel::left("library")
        .resizable(true)
        .default_size(400.0)
        .size_range(260.0..=800.0)
        .show(ui, |ui| library::show(ui, state));
    egui::Panel::right("preview")
        .resizable(true)
        .default_size(470.0)
        .size_range(260.0..=1200.0)
        .show(ui, |ui| preview::show(ui, state));
    egui::CentralPanel::default().show(ui, |ui| brief::show(ui, state));
    dialogs::show(ui.ctx(), state);
    status::toasts(ui.ctx(), state);
    drag_ghost(ui.ctx(), state);
}

/// While something is dragged, a small label follows the pointer saying what it is.
fn drag_ghost(ctx: &egui::Context, state: &AppState) {
    let Some(payload) = egui::DragAndDrop::payload::<DragPayload>(ctx) else {
        return;
    };
    let Some(pos) = ctx.pointer_interact_pos() else {
        return;
    };
    let text = match *payload {
        DragPayload::Item(i) => state
            .doc
            .dataset
            .as_ref()
            .and_then(|d| d.index.row(i))
            .map(|r| format!("{} {}", r.grade, r.first_line))
            .unwrap_or_default(),
        DragPayload::Block(pos) => brief::block_summary(state, pos),
    };
    let text: String = text.chars().take(60).collect();
    egui::Area::new(egui::Id::unique("drag-ghost"))
        .order(egui::Order::Tooltip)
        .fixed_pos(pos + egui::vec2(14.0, 10.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(text);
            });
        });
}
