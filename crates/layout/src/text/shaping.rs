//! Shaping one piece of text in one face with rustybuzz, cached per (face, direction, text).
//!
//! Results are kept in font units so one entry serves every size; shape plans are built once
//! per (face, direction, script) because building a plan costs far more than shaping a word.

use std::cell::RefCell;
use std::sync::Arc;

use rustybuzz::{Direction, ShapePlan, UnicodeBuffer};

use super::FontId;
use super::cache::{Shaped, UnitGlyph};
use super::fonts::FontBook;

thread_local! {
    static KEY: RefCell<String> = const { RefCell::new(String::new()) };
    static BUFFER: RefCell<Option<UnicodeBuffer>> = const { RefCell::new(None) };
}

/// Shapes `text` in face `font`, right-to-left when `rtl`; glyphs in visual order.
pub(crate) fn shape(book: &FontBook, font: FontId, text: &str, rtl: bool) -> Arc<Shaped> {
    KEY.with_borrow_mut(|key| {
        key.clear();
        // A private-use-plane character encodes face and direction in front of the text.
        let tag = 0xF0000 + u32::from(font.0) * 2 + u32::from(rtl);
        key.push(char::from_u32(tag).unwrap_or('\u{F0000}'));
        key.push_str(text);
        if let Some(hit) = book.cache.shaped(key) {
            return hit;
        }
        let shaped = Arc::new(shape_uncached(book, font, text, rtl));
        book.cache.keep_shaped(key, shaped.clone());
        shaped
    })
}

fn shape_uncached(book: &FontBook, font: FontId, text: &str, rtl: bool) -> Shaped {
    let face = &book.face(font).face;
    let mut buffer = BUFFER.with_borrow_mut(Option::take).unwrap_or_default();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let key = (font, buffer.direction(), buffer.script());
    let plan = book.cache.plan(key, || {
        ShapePlan::new(face, key.1, Some(key.2), buffer.language().as_ref(), &[])
    });
    let out = rustybuzz::shape_with_plan(face, &plan, buffer);
    let glyphs: Box<[UnitGlyph]> = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| UnitGlyph {
            id: info.glyph_id as u16,
            cluster: info.cluster,
            advance: pos.x_advance,
            dx: pos.x_offset,
            dy: pos.y_offset,
        })
        .collect();
    BUFFER.with_borrow_mut(|b| *b = Some(out.clear()));
    let advance = glyphs.iter().map(|g| g.advance).sum();
    Shaped { glyphs, advance }
}
