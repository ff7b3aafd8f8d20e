//! Shaping one piece of text in one face with rustybuzz, cached per (face, direction, text).
//!
//! Results are kept in font units so one entry serves every size; shape plans are built once
//! per (face, direction, script) because building a plan costs far more than shaping a word.

use std::cell::RefCell;
use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::FxHashMap;
use rustybuzz::{Direction, Script, ShapePlan, UnicodeBuffer};

use super::FontId;
use super::fonts::FontBook;

/// A shaped glyph in font units; `cluster` is a byte offset into the shaped text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitGlyph {
    pub id: u16,
    pub cluster: u32,
    pub advance: i32,
    pub dx: i32,
    pub dy: i32,
}

/// Glyphs of a shaped text in visual order (left to right), font units.
#[derive(Debug)]
pub(crate) struct Shaped {
    pub glyphs: Box<[UnitGlyph]>,
    /// Sum of the advances.
    pub advance: i32,
}

/// Past this many entries the word cache is emptied, bounding memory on huge inputs.
const MAX_CACHED_WORDS: usize = 200_000;

type PlanKey = (FontId, Direction, Script);

/// Shape plans and shaped words, shared by all threads using one [`FontBook`].
#[derive(Default)]
pub(crate) struct ShapeCache {
    plans: Mutex<FxHashMap<PlanKey, Arc<ShapePlan>>>,
    words: Mutex<FxHashMap<Box<str>, Arc<Shaped>>>,
}

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
        let cache = &book.cache;
        if let Some(hit) = lock(&cache.words).get(key.as_str()) {
            return hit.clone();
        }
        let shaped = Arc::new(shape_uncached(book, font, text, rtl));
        let mut words = lock(&cache.words);
        if words.len() >= MAX_CACHED_WORDS {
            words.clear();
        }
        words.insert(key.as_str().into(), shaped.clone());
        shaped
    })
}

pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // The maps hold only finished entries, so a panic elsewhere cannot leave them torn.
    m.lock().unwrap_or_else(PoisonError::into_inner)
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
    let plan = {
        let mut plans = lock(&book.cache.plans);
        plans
            .entry(key)
            .or_insert_with(|| {
                Arc::new(ShapePlan::new(
                    face,
                    key.1,
                    Some(key.2),
                    buffer.language().as_ref(),
                    &[],
                ))
            })
            .clone()
    };
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
