//! Pages → RGBA pixels: the in-app page preview, drawn from the same boxes as the PDF.
//!
//! Glyph outlines come from the very font files the PDF embeds and are filled with
//! tiny-skia, anti-aliased, on a white page; rectangles and PNG images likewise. So the
//! preview shows what the PDF will hold.

mod glyphs;

use std::collections::HashMap;

use briefsmith_layout::{FontBook, FontId, RgbaImage, decode_png};
use briefsmith_layout::{GlyphRun, ImageBox, Page, PageItem, Rgb};
use tiny_skia::{FillRule, Paint, Pixmap, PixmapPaint, Transform};

/// Largest side of a rendered page in pixels; larger requests are scaled down to this.
const MAX_SIDE: f32 = 8_192.0;

/// Draws a page at `scale` pixels per point (1.0 = 72 dpi). Never fails: an image that
/// cannot be decoded is drawn as a grey box, so the preview shows that something is there.
pub fn rasterize(page: &Page, fonts: &FontBook, scale: f32) -> RgbaImage {
    paint_page(
        page,
        &|id| (fonts.face_data(id), fonts.face_index(id)),
        scale,
    )
}

/// The drawing itself, over any source of font data and face index (tests use fonts from
/// disk).
fn paint_page<'a>(
    page: &Page,
    face_data: &dyn Fn(FontId) -> (&'a [u8], u32),
    scale: f32,
) -> RgbaImage {
    let mut scale = if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    };
    let (w, h) = (page.width.max(1.0), page.height.max(1.0));
    if w.max(h) * scale > MAX_SIDE {
        scale = MAX_SIDE / w.max(h);
    }
    let width = (w * scale).ceil().max(1.0) as u32;
    let height = (h * scale).ceil().max(1.0) as u32;
    let Some(mut pixmap) = Pixmap::new(width, height) else {
        return RgbaImage {
            width,
            height,
            pixels: vec![255; width as usize * height as usize * 4],
        };
    };
    pixmap.fill(tiny_skia::Color::WHITE);

    let mut faces: HashMap<FontId, (glyphs::FaceKey, Option<ttf_parser::Face<'a>>)> =
        HashMap::new();
    for item in &page.items {
        match item {
            PageItem::Glyphs(run) => {
                let (key, face) = faces.entry(run.font).or_insert_with(|| {
                    let (data, index) = face_data(run.font);
                    (
                        glyphs::face_key(data, index),
                        ttf_parser::Face::parse(data, index).ok(),
                    )
                });
                draw_run(&mut pixmap, run, *key, face.as_ref(), scale);
            }
            PageItem::Rect(rect) => {
                fill_rect(
                    &mut pixmap,
                    (rect.x, rect.y, rect.width, rect.height),
                    rect.color,
                    scale,
                );
            }
            PageItem::Image(image) => draw_image(&mut pixmap, image, scale),
            // Structure marks draw nothing.
            PageItem::BeginTag(_) | PageItem::EndTag => {}
        }
    }
    to_rgba(&pixmap)
}

fn paint_of(color: Rgb) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color_rgba8(channel(color.0), channel(color.1), channel(color.2), 255);
    paint.anti_alias = true;
    paint
}

fn channel(v: f32) -> u8 {
    (v.clamp(0.0, 1.0) * 255.0).round() as u8
}

fn draw_run(
    pixmap: &mut Pixmap,
    run: &GlyphRun,
    key: glyphs::FaceKey,
    face: Option<&ttf_parser::Face<'_>>,
    scale: f32,
) {
    let Some(face) = face else { return };
    let upem = f32::from(face.units_per_em().max(1));
    let s = run.size * scale / upem;
    if !(s.is_finite() && s > 0.0) {
        return;
    }
    let paint = paint_of(run.color);
    for glyph in &run.glyphs {
        let Some(path) = glyphs::glyph_path(key, Some(face), glyph.id) else {
            continue;
        };
        // Font units have y up; the page has y down.
        let transform = Transform::from_row(s, 0.0, 0.0, -s, glyph.x * scale, glyph.y * scale);
        pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
    }
}

fn fill_rect(pixmap: &mut Pixmap, (x, y, w, h): (f32, f32, f32, f32), color: Rgb, scale: f32) {
    if let Some(rect) = tiny_skia::Rect::from_xywh(x * scale, y * scale, w * scale, h * scale) {
        pixmap.fill_rect(rect, &paint_of(color), Transform::identity(), None);
    }
}

fn draw_image(pixmap: &mut Pixmap, image: &ImageBox, scale: f32) {
    let placed = (image.x, image.y, image.width, image.height);
    let Some(source) = decode_png(&image.data).ok().and_then(to_pixmap) else {
        fill_rect(pixmap, placed, Rgb(0.85, 0.85, 0.85), scale);
        return;
    };
    let sx = image.width * scale / source.width() as f32;
    let sy = image.height * scale / source.height() as f32;
    let transform = Transform::from_row(sx, 0.0, 0.0, sy, image.x * scale, image.y * scale);
    let paint = PixmapPaint {
        quality: tiny_skia::FilterQuality::Bilinear,
        ..PixmapPaint::default()
    };
    pixmap.draw_pixmap(0, 0, source.as_ref(), &paint, transform, None);
}

/// Straight RGBA → tiny-skia's premultiplied pixmap.
fn to_pixmap(image: RgbaImage) -> Option<Pixmap> {
    let mut pixmap = Pixmap::new(image.width, image.height)?;
    for (dst, src) in pixmap
        .pixels_mut()
        .iter_mut()
        .zip(image.pixels.chunks_exact(4))
    {
        *dst = tiny_skia::ColorU8::from_rgba(src[0], src[1], src[2], src[3]).premultiply();
    }
    Some(pixmap)
}

fn to_rgba(pixmap: &Pixmap) -> RgbaImage {
    let mut pixels = Vec::with_capacity(pixmap.pixels().len() * 4);
    for px in pixmap.pixels() {
        let c = px.demultiply();
        pixels.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    RgbaImage {
        width: pixmap.width(),
        height: pixmap.height(),
        pixels,
    }
}

#[cfg(test)]
mod tests;
