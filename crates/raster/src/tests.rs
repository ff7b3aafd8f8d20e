use std::sync::Arc;

use briefsmith_layout::FontId;
use briefsmith_layout::{GlyphRun, ImageBox, Page, PageItem, PositionedGlyph, Rect, Rgb};

use super::*;

fn serif() -> &'static [u8] {
    static DATA: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    DATA.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fonts/NotoSerif-Regular.ttf"
        );
        std::fs::read(path).expect("bundled font")
    })
}

/// A run of `text` at (x, baseline), positioned with the font's own advances.
fn run(text: &str, x: f32, baseline: f32, size: f32) -> GlyphRun {
    let face = ttf_parser::Face::parse(serif(), 0).unwrap();
    let scale = size / f32::from(face.units_per_em());
    let mut pen = x;
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = face.glyph_index(c).unwrap().0;
            let advance =
                f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap()) * scale;
            let g = PositionedGlyph {
                id,
                x: pen,
                y: baseline,
                advance,
                cluster: i as u32,
            };
            pen += advance;
            g
        })
        .collect();
    GlyphRun {
        font: FontId(0),
        size,
        color: Rgb::BLACK,
        text: text.into(),
        glyphs,
    }
}

fn render(page: &Page, scale: f32) -> RgbaImage {
    paint_page(page, &|_| (serif(), 0), scale)
}

fn is_dark(p: [u8; 4]) -> bool {
    p[0] < 128 && p[1] < 128 && p[2] < 128
}

fn dark_in(img: &RgbaImage, x0: u32, y0: u32, x1: u32, y1: u32) -> usize {
    let mut n = 0;
    for y in y0..y1.min(img.height) {
        for x in x0..x1.min(img.width) {
            if img.pixel(x, y).is_some_and(is_dark) {
                n += 1;
            }
        }
    }
    n
}

fn a4(items: Vec<PageItem>) -> Page {
    Page {
        width: 595.0,
        height: 842.0,
        items,
        ..Default::default()
    }
}

#[test]
fn text_is_dark_where_the_glyphs_are_and_the_margins_stay_white() {
    let mut items = Vec::new();
    for line in 0..20 {
        items.push(PageItem::Glyphs(run(
            "Hamburgefonstiv the quick brown fox",
            72.0,
            100.0 + line as f32 * 14.0,
            11.0,
        )));
    }
    let img = render(&a4(items), 2.0);
    assert_eq!((img.width, img.height), (1190, 1684));
    // The text block: x from 72 pt, lines from y ≈ 92 to 372 pt.
    let inside = dark_in(&img, 144, 180, 700, 750);
    assert!(
        inside > 5_000,
        "only {inside} dark pixels in the text block"
    );
    // Nothing in the margins: left of 70 pt, above 85 pt, below 380 pt.
    assert_eq!(dark_in(&img, 0, 0, 140, img.height), 0);
    assert_eq!(dark_in(&img, 0, 0, img.width, 170), 0);
    assert_eq!(dark_in(&img, 0, 760, img.width, img.height), 0);
    // White page, opaque everywhere.
    assert_eq!(img.pixel(5, 5), Some([255, 255, 255, 255]));
    assert!(img.pixels.chunks_exact(4).all(|p| p[3] == 255));
}

#[test]
fn glyph_edges_are_anti_aliased() {
    let img = render(
        &a4(vec![PageItem::Glyphs(run("O", 100.0, 200.0, 40.0))]),
        1.0,
    );
    let grey = img
        .pixels
        .chunks_exact(4)
        .filter(|p| p[0] > 20 && p[0] < 235)
        .count();
    assert!(grey > 10, "no intermediate tones: {grey}");
}

#[test]
fn a_glyph_sits_on_its_baseline() {
    // A capital H at baseline 200 pt, 50 pt: ink between ~164 and 200, none below.
    let img = render(
        &a4(vec![PageItem::Glyphs(run("H", 100.0, 200.0, 50.0))]),
        1.0,
    );
    assert!(dark_in(&img, 100, 170, 140, 198) > 100);
    assert_eq!(dark_in(&img, 0, 202, img.width, img.height), 0);
    assert_eq!(dark_in(&img, 0, 0, img.width, 160), 0);
}

#[test]
fn rectangles_are_filled_in_their_colour() {
    let page = a4(vec![PageItem::Rect(Rect {
        x: 10.0,
        y: 20.0,
        width: 100.0,
        height: 5.0,
        color: Rgb(1.0, 0.0, 0.0),
    })]);
    let img = render(&page, 1.0);
    assert_eq!(img.pixel(50, 22), Some([255, 0, 0, 255]));
    assert_eq!(img.pixel(50, 30), Some([255, 255, 255, 255]));
    assert_eq!(img.pixel(5, 22), Some([255, 255, 255, 255]));
}

fn png_bytes(width: u32, height: u32, rgba: [u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..width * height).flat_map(|_| rgba).collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

#[test]
fn png_images_are_scaled_into_their_box() {
    let page = a4(vec![PageItem::Image(ImageBox {
        x: 100.0,
        y: 100.0,
        width: 50.0,
        height: 20.0,
        data: Arc::new(png_bytes(4, 4, [0, 0, 255, 255])),
    })]);
    let img = render(&page, 1.0);
    assert_eq!(img.pixel(125, 110), Some([0, 0, 255, 255]));
    assert_eq!(img.pixel(160, 110), Some([255, 255, 255, 255]));
    assert_eq!(img.pixel(125, 125), Some([255, 255, 255, 255]));
}

#[test]
fn a_broken_image_becomes_a_grey_box_not_a_panic() {
    let page = a4(vec![PageItem::Image(ImageBox {
        x: 10.0,
        y: 10.0,
        width: 20.0,
        height: 20.0,
        data: Arc::new(b"\x89PNG\r\n\x1a\nnot really".to_vec()),
    })]);
    let img = render(&page, 1.0);
    let p = img.pixel(20, 20).unwrap();
    assert!(p[0] < 255 && p[0] > 150, "{p:?}");
}

#[test]
fn silly_scales_and_sizes_do_not_panic() {
    let mut page = a4(vec![PageItem::Glyphs(run("x", 1e9, -1e9, f32::NAN))]);
    (page.width, page.height) = (30.0, 40.0);
    for scale in [0.0, -1.0, f32::NAN, f32::INFINITY, 1e-6, 1000.0] {
        let img = render(&page, scale);
        assert!(img.width >= 1 && img.height >= 1);
        assert_eq!(img.pixels.len(), (img.width * img.height * 4) as usize);
    }
}
