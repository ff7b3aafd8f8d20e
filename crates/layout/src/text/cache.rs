//! The text engine's caches, kept in the [`FontBook`](super::FontBook) they serve: shape
//! plans and shaped words, and the hyphenation dictionary with the points it found. Each
//! book has its own, so a fresh book measures a true cold start and nothing outlives the
//! books that use it.
//!
//! A leaf: it holds keys and values and knows nothing of faces or shaping, so the font book
//! and the shaper both use it without using each other.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use hyphenation::{Hyphenator, Language, Load, Standard};
use rustc_hash::FxHashMap;
use rustybuzz::{Direction, Script, ShapePlan};

use super::FontId;

/// Past this many entries the word cache is emptied, bounding memory on huge inputs.
const MAX_CACHED_WORDS: usize = 200_000;
/// Past this many entries the hyphenation cache is emptied, bounding memory.
const MAX_CACHED_HYPHENATIONS: usize = 100_000;

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

/// Which shape plan: face, direction and script.
pub(crate) type PlanKey = (FontId, Direction, Script);

/// Every cache of one font book, shared by all threads using it.
#[derive(Default)]
pub(crate) struct TextCache {
    plans: Mutex<FxHashMap<PlanKey, Arc<ShapePlan>>>,
    /// Shaped texts by a key naming face, direction and text.
    words: Mutex<FxHashMap<Box<str>, Arc<Shaped>>>,
    /// The en-US patterns, loaded on first use; `None` if the embedded data is unreadable.
    dictionary: OnceLock<Option<Standard>>,
    /// Hyphenation points (byte offsets) by word.
    hyphens: Mutex<FxHashMap<Box<str>, Arc<[u16]>>>,
}

impl TextCache {
    /// The shaped text under `key`, if it has been shaped.
    pub fn shaped(&self, key: &str) -> Option<Arc<Shaped>> {
        lock(&self.words).get(key).cloned()
    }

    /// Keeps `shaped` under `key`.
    pub fn keep_shaped(&self, key: &str, shaped: Arc<Shaped>) {
        let mut words = lock(&self.words);
        if words.len() >= MAX_CACHED_WORDS {
            words.clear();
        }
        words.insert(key.into(), shaped);
    }

    /// The shape plan for `key`, built by `build` the first time.
    pub fn plan(&self, key: PlanKey, build: impl FnOnce() -> ShapePlan) -> Arc<ShapePlan> {
        lock(&self.plans)
            .entry(key)
            .or_insert_with(|| Arc::new(build()))
            .clone()
    }

    /// Whether en-US hyphenation is available (its embedded patterns load).
    pub fn can_hyphenate(&self) -> bool {
        self.dictionary().is_some()
    }

    /// Hyphenation points (byte offsets) of a lowercase ASCII word; looking patterns up
    /// costs far more than words repeat, so results are kept.
    pub fn hyphenate(&self, word: &str) -> Arc<[u16]> {
        if let Some(hit) = lock(&self.hyphens).get(word) {
            return hit.clone();
        }
        let points: Arc<[u16]> = match self.dictionary() {
            Some(dict) => dict
                .hyphenate(word)
                .breaks
                .into_iter()
                .filter_map(|b| u16::try_from(b).ok())
                .collect(),
            None => Arc::new([]),
        };
        let mut map = lock(&self.hyphens);
        if map.len() >= MAX_CACHED_HYPHENATIONS {
            map.clear();
        }
        map.insert(word.into(), points.clone());
        points
    }

    /// How many words' hyphenation points are kept.
    #[cfg(test)]
    pub fn hyphenated_words(&self) -> usize {
        lock(&self.hyphens).len()
    }

    fn dictionary(&self) -> Option<&Standard> {
        self.dictionary
            .get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
            .as_ref()
    }
}

/// Locks a cache map, also after a panic elsewhere: the maps hold only finished entries,
/// so a panic cannot leave them torn.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
