//! The app's look: a calm light theme, and the colours of grade badges and markers.

use egui::Color32;

/// Accent for selections and drop targets.
pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x5f, 0x99);
/// Marker for items changed in the dataset since picked, and for warnings.
pub const WARNING: Color32 = Color32::from_rgb(0xb3, 0x6b, 0x00);
/// Errors.
pub const ERROR: Color32 = Color32::from_rgb(0xb0, 0x1e, 0x2d);

/// Applies the theme to the context.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    ctx.set_theme(egui::Theme::Light);
    ctx.style_mut_of(egui::Theme::Light, |style| {
        // Labels are not text-selectable by default: a click on a row's text selects the row.
        // The library's detail view turns selection back on for copying.
        style.interaction.selectable_labels = false;
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(8.0, 3.0);
        style.visuals.selection.bg_fill = Color32::from_rgb(0xd4, 0xe4, 0xf5);
        style.visuals.selection.stroke.color = ACCENT;
        style.visuals.hyperlink_color = ACCENT;
        style.visuals.panel_fill = Color32::from_rgb(0xf6, 0xf6, 0xf4);
    });
}

/// The badge colour of a source reliability letter: greener is more reliable.
pub fn grade_colour(grade: &str) -> Color32 {
    match grade.as_bytes().first() {
        Some(b'A') => Color32::from_rgb(0x1e, 0x7b, 0x4a),
        Some(b'B') => Color32::from_rgb(0x3c, 0x8d, 0x2f),
        Some(b'C') => Color32::from_rgb(0x8a, 0x7a, 0x12),
        Some(b'D') => Color32::from_rgb(0xb3, 0x6b, 0x00),
        Some(b'E') => Color32::from_rgb(0xb0, 0x1e, 0x2d),
        _ => Color32::from_rgb(0x6b, 0x6b, 0x6b),
    }
}

/// Draws a small filled badge with white text, e.g. a grade.
pub fn badge(ui: &mut egui::Ui, text: &str, fill: Color32) -> egui::Response {
    egui::Frame::new()
        .fill(fill)
        .corner_radius(3.0)
        .inner_margin(egui::Margin::symmetric(5, 1))
        .show(ui, |ui| {
            ui.label(
                egui::RichText::new(text)
                    .color(Color32::WHITE)
                    .small()
                    .strong(),
            )
        })
        .inner
}

/// Uses the bundled Noto faces the PDF is set in (so the app and its output look alike),
/// with egui's own faces behind them for the symbols the icons use (▲ ▼ ◀ ▶ ≡ ↶ ↷).
fn install_fonts(ctx: &egui::Context) {
    let book = briefsmith_layout::FontBook::bundled();
    let mut fonts = egui::FontDefinitions::default();
    let mut face = |name: &str| -> Option<String> {
        let id = (0u16..64)
            .map(briefsmith_layout::FontId)
            .find(|&id| book.face_name(id) == name)?;
        fonts.font_data.insert(
            name.to_owned(),
            std::sync::Arc::new(egui::FontData::from_owned(book.face_data(id).to_vec())),
        );
        Some(name.to_owned())
    };
    let sans: Vec<String> = ["NotoSans-Regular", "NotoNaskhArabic-Regular"]
        .iter()
        .filter_map(|n| face(n))
        .collect();
    let mono: Vec<String> = ["NotoSansMono-Regular"]
        .iter()
        .filter_map(|n| face(n))
        .collect();
    let fallback = ["Ubuntu-Light".to_owned(), "Hack".to_owned()];
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Proportional) {
        let mut new = sans;
        new.append(list);
        new.extend(
            fallback
                .iter()
                .filter(|f| !new.contains(f))
                .cloned()
                .collect::<Vec<_>>(),
        );
        *list = new;
    }
    if let Some(list) = fonts.families.get_mut(&egui::FontFamily::Monospace) {
        let mut new = mono;
        new.append(list);
        *list = new;
    }
    ctx.set_fonts(fonts);
}
