//! Glyph outlines as tiny-skia paths, in font units (y up), cached per face and glyph.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use tiny_skia::{Path, PathBuilder};

/// A face's identity for the cache: the address and length of its font data. The bundled
/// faces are compiled in, so their data never moves or goes away.
pub(crate) type FaceKey = (usize, usize, u32);

type Cache = HashMap<(FaceKey, u16), Option<Arc<Path>>>;

/// Paths survive between pages and calls: the preview redraws the same glyphs constantly.
fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The face key of face `index` of font data (a collection holds several faces).
pub(crate) fn face_key(data: &[u8], index: u32) -> FaceKey {
    (data.as_ptr() as usize, data.len(), index)
}

/// The outline of `glyph`, or `None` for glyphs without one (spaces) or broken fonts.
pub(crate) fn glyph_path(
    key: FaceKey,
    face: Option<&ttf_parser::Face<'_>>,
    glyph: u16,
) -> Option<Arc<Path>> {
    let mut cache = cache()
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry((key, glyph))
        .or_insert_with(|| outline(face?, glyph).map(Arc::new))
        .clone()
}

fn outline(face: &ttf_parser::Face<'_>, glyph: u16) -> Option<Path> {
    let mut builder = Builder(PathBuilder::new());
    face.outline_glyph(ttf_parser::GlyphId(glyph), &mut builder)?;
    builder.0.finish()
}

struct Builder(PathBuilder);

impl ttf_parser::OutlineBuilder for Builder {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}
