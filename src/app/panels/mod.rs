//! The widgets: one module per pane, each showing part of [`AppState`] and editing it
//! through the state's commands.

mod brief;
mod checks;
mod dialogs;
mod import;
mod library;
mod menu;
mod preview;
mod records;
mod status;
pub mod style;

use crate::app::state::{AppState, Tab};
use briefsmith_core::compose::BlockPos;

/// What is being dragged: a library item (its row, which the drag label shows) or a
/// brief block.
#[derive(Debug, Clone)]
pub enum DragPayload {
    Item(Box<crate::app::library::Row>),
    Block(BlockPos),
}

/// "1 item", "2 items": a count with its noun in the right number.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), if n == 1 { one } else { many })
}

/// `n` with its thousands set apart by commas, as "1,000,000".
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The narrowest each pane is allowed to get, in points.
const LIBRARY_MIN: f32 = 280.0;
const BRIEF_MIN: f32 = 420.0;
const PREVIEW_MIN: f32 = 300.0;

/// How the panes share the window's width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// Library, brief and preview side by side.
    Three,
    /// The library beside one tabbed pane holding the brief or the preview.
    Two,
    /// One tabbed pane holding the library, the brief or the preview.
    One,
}

impl Arrangement {
    /// The arrangement that keeps every visible pane at least its minimum width.
    pub fn for_width(width: f32) -> Self {
        if width >= LIBRARY_MIN + BRIEF_MIN + PREVIEW_MIN + 60.0 {
            Arrangement::Three
        } else if width >= LIBRARY_MIN + BRIEF_MIN + 20.0 {
            Arrangement::Two
        } else {
            Arrangement::One
        }
    }
}

/// Draws the whole window for one frame.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    import::keys(ui.ctx(), state);
    menu::shortcuts(ui.ctx(), state);
    egui::Panel::top("menu-bar").show(ui, |ui| menu::show(ui, state));
    egui::Panel::bottom("status-bar").show(ui, |ui| status::show(ui, state));
    let width = ui.available_width();
    let arrangement = Arrangement::for_width(width);
    if arrangement != Arrangement::One {
        // Each side panel may grow only as far as leaves the others their minimum.
        let others = BRIEF_MIN
            + if arrangement == Arrangement::Three {
                PREVIEW_MIN
            } else {
                0.0
            };
        egui::Panel::left("library")
            .resizable(true)
            .default_size((width * 0.28).clamp(LIBRARY_MIN, 400.0))
            .size_range(LIBRARY_MIN..=(width - others - 30.0).clamp(LIBRARY_MIN, 800.0))
            .show(ui, |ui| library::show(ui, state));
    }
    if arrangement == Arrangement::Three {
        egui::Panel::right("preview")
            .resizable(true)
            .default_size((width * 0.33).clamp(PREVIEW_MIN, 470.0))
            .size_range(PREVIEW_MIN..=(width - LIBRARY_MIN - BRIEF_MIN - 30.0).max(PREVIEW_MIN))
            .show(ui, |ui| preview::show(ui, state));
    }
    egui::CentralPanel::default().show(ui, |ui| match arrangement {
        Arrangement::Three => brief::show(ui, state),
        Arrangement::Two | Arrangement::One => tabbed(ui, state, arrangement),
    });
    records::form_window(ui.ctx(), state);
    records::records_window(ui.ctx(), state);
    import::show(ui.ctx(), state);
    checks::window(ui.ctx(), state);
    dialogs::show(ui.ctx(), state);
    status::toasts(ui.ctx(), state);
    drag_ghost(ui.ctx(), state);
}

/// The pane that has no room of its own, shown as a tab: the brief or the preview (and
/// the library when even that has no room). The choice is kept in the state, so
/// enlarging the window gives every pane its place back without losing it.
fn tabbed(ui: &mut egui::Ui, state: &mut AppState, arrangement: Arrangement) {
    let mut tabs = vec![(Tab::Brief, "Brief"), (Tab::Preview, "Preview")];
    if arrangement == Arrangement::One {
        tabs.insert(0, (Tab::Library, "Library"));
    } else if state.tab == Tab::Library {
        state.tab = Tab::Brief;
    }
    ui.horizontal(|ui| {
        for (tab, name) in tabs {
            ui.selectable_value(&mut state.tab, tab, name)
                .on_hover_text(format!("Show the {}", name.to_lowercase()));
        }
    });
    ui.separator();
    match state.tab {
        Tab::Library => library::show(ui, state),
        Tab::Brief => brief::show(ui, state),
        Tab::Preview => preview::show(ui, state),
    }
}

/// While something is dragged, a small label follows the pointer saying what it is.
fn drag_ghost(ctx: &egui::Context, state: &AppState) {
    let Some(payload) = egui::DragAndDrop::payload::<DragPayload>(ctx) else {
        return;
    };
    let Some(pos) = ctx.pointer_interact_pos() else {
        return;
    };
    let text = match &*payload {
        DragPayload::Item(row) => format!("{} {}", row.label.grade, row.label.first_line),
        DragPayload::Block(pos) => brief::block_summary(state, *pos),
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

#[cfg(test)]
mod tests {
    #[test]
    fn counts_group_their_thousands() {
        assert_eq!(super::count(1, "item", "items"), "1 item");
        assert_eq!(super::count(999, "item", "items"), "999 items");
        assert_eq!(super::count(1_000, "item", "items"), "1,000 items");
        assert_eq!(super::grouped(1_234_567), "1,234,567");
        assert_eq!(super::grouped(0), "0");
    }
}
