//! The preview pane: the brief's pages as the PDF will show them, with page navigation
//! and zoom; the Markdown while no page layout is available.

use crate::app::preview::{PreviewContent, RASTER_SCALE, expose_reading};
use crate::app::state::AppState;
use egui::RichText;

/// The page textures, uploaded once per preview generation.
#[derive(Clone, Default)]
struct Textures {
    generation: u64,
    pages: Vec<egui::TextureHandle>,
}

/// Draws the preview pane.
pub fn show(ui: &mut egui::Ui, state: &mut AppState) {
    let preview = &mut state.preview;
    let pages = preview.page_count();
    ui.horizontal(|ui| {
        ui.heading("Preview");
        // A still label, not a spinner: the layout thread wakes the window when done, so
        // nothing needs to repaint meanwhile.
        if preview.is_busy() {
            ui.weak("Updating…");
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(preview.page > 0, egui::Button::new("◀"))
            .on_hover_text("Previous page")
            .accessible_name("Previous page")
            .clicked()
        {
            preview.page -= 1;
        }
        ui.label(if pages == 0 {
            "No pages".to_owned()
        } else {
            format!("Page {} of {pages}", preview.page + 1)
        });
        if ui
            .add_enabled(preview.page + 1 < pages, egui::Button::new("▶"))
            .on_hover_text("Next page")
            .accessible_name("Next page")
            .clicked()
        {
            preview.page += 1;
        }
        ui.separator();
        if ui
            .button("−")
            .on_hover_text("Zoom out")
            .accessible_name("Zoom out")
            .clicked()
        {
            preview.zoom = (preview.zoom / 1.25).max(0.25);
            preview.fit_width = false;
        }
        ui.label(format!("{:.0} %", preview.zoom * 100.0));
        if ui
            .button("+")
            .on_hover_text("Zoom in")
            .accessible_name("Zoom in")
            .clicked()
        {
            preview.zoom = (preview.zoom * 1.25).min(4.0);
            preview.fit_width = false;
        }
        if ui
            .selectable_label(preview.fit_width, "Fit width")
            .on_hover_text("Zoom so the page fills the pane")
            .clicked()
        {
            preview.fit_width = !preview.fit_width;
        }
    });
    if let Some(e) = &preview.error {
        ui.colored_label(super::style::ERROR, format!("Preview failed: {e}"));
    }
    ui.separator();

    let textures_id = egui::Id::unique("preview-textures");
    let mut textures: Textures = ui.data_mut(|d| d.get_temp(textures_id)).unwrap_or_default();
    if textures.generation != preview.generation {
        textures.pages = match &preview.content {
            Some(PreviewContent::Pages(pages)) => pages
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    ui.ctx().load_texture(
                        format!("preview-page-{i}"),
                        egui::ColorImage::from_rgba_unmultiplied(p.size, &p.rgba),
                        egui::TextureOptions::LINEAR,
                    )
                })
                .collect(),
            _ => Vec::new(),
        };
        textures.generation = preview.generation;
        ui.data_mut(|d| d.insert_temp(textures_id, textures.clone()));
    }

    match &preview.content {
        None => {
            ui.add_space(20.0);
            ui.vertical_centered(|ui| {
                ui.weak("Preparing the preview…");
            });
        }
        Some(PreviewContent::Markdown(md)) => {
            // The reason is the error line above.
            ui.weak("The pages cannot be laid out; showing the Markdown export instead.");
            egui::ScrollArea::vertical()
                .id_salt("preview-markdown")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.label(RichText::new(md).monospace());
                });
        }
        Some(PreviewContent::Pages(pages)) => {
            let page = preview.page.min(textures.pages.len().saturating_sub(1));
            if let Some(texture) = textures.pages.get(page) {
                let page_pt = texture.size_vec2() / RASTER_SCALE;
                if preview.fit_width {
                    // Leave room for the scroll bar and the page's shadow.
                    preview.zoom = ((ui.available_width() - 24.0) / page_pt.x).clamp(0.25, 4.0);
                }
                let size = page_pt * preview.zoom;
                egui::ScrollArea::both()
                    .id_salt("preview-page")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        let page_ui = |ui: &mut egui::Ui| {
                            egui::Frame::new()
                                .shadow(egui::Shadow {
                                    offset: [2, 3],
                                    blur: 8,
                                    spread: 0,
                                    color: egui::Color32::from_black_alpha(50),
                                })
                                .show(ui, |ui| {
                                    let shown = ui.add(
                                        egui::Image::new((texture.id(), size))
                                            .alt_text(format!("Page {} of the brief", page + 1)),
                                    );
                                    if let Some(drawn) = pages.get(page) {
                                        expose_reading(ui, drawn, shown.rect, shown.id);
                                    }
                                });
                        };
                        // Centred when it fits; from the left edge when wider, so all of
                        // it can be scrolled to.
                        if size.x + 16.0 < ui.available_width() {
                            ui.vertical_centered(page_ui);
                        } else {
                            page_ui(ui);
                        }
                    });
            }
        }
    }
}
