//! The bundled font faces (compiled in from `fonts/`), parsed once and shared.

use std::sync::{Arc, OnceLock};

use rustybuzz::Face;

use super::FontId;
use super::cache::TextCache;
use crate::Family;

/// One bundled face: its PostScript name and file bytes.
struct Bundled {
    name: &'static str,
    data: &'static [u8],
}

macro_rules! bundled {
    ($($name:literal),* $(,)?) => {
        [$(Bundled {
            name: $name,
            data: include_bytes!(concat!("../../../../fonts/", $name, ".ttf")),
        }),*]
    };
}

/// Indices into this table are the [`FontId`]s; the constants below name them.
static BUNDLED: [Bundled; 12] = bundled![
    "NotoSerif-Regular",
    "NotoSerif-Bold",
    "NotoSerif-Italic",
    "NotoSerif-BoldItalic",
    "NotoSans-Regular",
    "NotoSans-Bold",
    "NotoSans-Italic",
    "NotoSans-BoldItalic",
    "NotoSansMono-Regular",
    "NotoSansMono-Bold",
    "NotoNaskhArabic-Regular",
    "NotoNaskhArabic-Bold",
];

const SERIF: u16 = 0;
const SANS: u16 = 4;
const MONO: u16 = 8;
const NASKH: u16 = 10;

/// Vertical metrics of a face, in font units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FaceMetrics {
    pub ascender: f32,
    pub descender: f32,
    pub underline_pos: f32,
    pub underline_thickness: f32,
    pub strike_pos: f32,
    pub strike_thickness: f32,
    pub space_glyph: u16,
    pub space_advance: f32,
    pub hyphen_glyph: u16,
    pub hyphen_advance: f32,
}

/// A parsed face with the metrics the layout uses.
pub(crate) struct LoadedFace {
    pub face: Face<'static>,
    pub upem: f32,
    pub metrics: FaceMetrics,
    /// Which of the first [`LOW_CHARS`] code points the face has: fallback asks this for
    /// every character, and a bit test is far cheaper than a cmap lookup.
    low_coverage: [u64; LOW_CHARS / 64],
}

/// Code points below this (Latin through IPA) have their coverage precomputed.
const LOW_CHARS: usize = 0x280;

/// The set of faces a document is laid out with, plus the shaping and hyphenation caches
/// that go with them.
pub struct FontBook {
    faces: Vec<LoadedFace>,
    pub(crate) cache: TextCache,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field("faces", &BUNDLED.iter().map(|b| b.name).collect::<Vec<_>>())
            .finish()
    }
}

impl FontBook {
    /// The bundled fonts, parsed on first use and shared by every caller afterwards.
    pub fn bundled() -> Arc<FontBook> {
        static BOOK: OnceLock<Arc<FontBook>> = OnceLock::new();
        BOOK.get_or_init(|| Arc::new(FontBook::load())).clone()
    }

    /// A separate book of the bundled fonts with its own, empty caches (for measuring
    /// cold starts; everything else should share [`FontBook::bundled`]).
    pub fn load() -> FontBook {
        let faces = BUNDLED
            .iter()
            .map(|b| {
                // Compiled-in assets (these fonts, the built-in templates) are checked by the
                // tests; one that still fails is a defect of the build, not of user data, so
                // the program stops naming it, in every build.
                let face = Face::from_slice(b.data, 0).unwrap_or_else(|| {
                    panic!(
                        "the bundled font {} does not parse (a defect of this build)",
                        b.name
                    )
                });
                let metrics = face_metrics(&face);
                let mut low_coverage = [0u64; LOW_CHARS / 64];
                for (cp, c) in
                    (0..LOW_CHARS as u32).filter_map(|cp| Some((cp, char::from_u32(cp)?)))
                {
                    if face.glyph_index(c).is_some() {
                        low_coverage[cp as usize / 64] |= 1 << (cp % 64);
                    }
                }
                LoadedFace {
                    upem: face.units_per_em() as f32,
                    face,
                    metrics,
                    low_coverage,
                }
            })
            .collect();
        FontBook {
            faces,
            cache: TextCache::default(),
        }
    }

    /// The font file (TrueType) of a face, for embedding.
    pub fn face_data(&self, id: FontId) -> &[u8] {
        BUNDLED[self.index(id)].data
    }

    /// The PostScript name of a face, e.g. `NotoSerif-Regular`.
    pub fn face_name(&self, id: FontId) -> &str {
        BUNDLED[self.index(id)].name
    }

    /// Font units per em of a face (glyph coordinates are in these units).
    pub fn units_per_em(&self, id: FontId) -> u16 {
        self.face(id).upem as u16
    }

    /// The parsed face, for glyph outlines and metrics (PDF widths, rasteriser).
    pub fn ttf(&self, id: FontId) -> &rustybuzz::ttf_parser::Face<'static> {
        &self.face(id).face
    }

    /// All faces of the book, in id order.
    pub fn ids(&self) -> impl Iterator<Item = FontId> + '_ {
        (0..self.faces.len() as u16).map(FontId)
    }

    /// The face that sets text of this family and weight/slant (before fallback).
    pub fn primary(&self, family: Family, bold: bool, italic: bool) -> FontId {
        let base = match family {
            Family::Serif => SERIF,
            Family::Sans => SANS,
            // Noto Sans Mono has no italic: italic code stays upright.
            Family::Mono => return FontId(MONO + bold as u16),
        };
        FontId(base + bold as u16 + 2 * italic as u16)
    }

    /// The faces tried in order for a character: the primary face, then the Arabic face,
    /// then the other families of the same weight and slant.
    pub fn fallback_chain(&self, family: Family, bold: bool, italic: bool) -> [FontId; 4] {
        let naskh = FontId(NASKH + bold as u16);
        let p = |f| self.primary(f, bold, italic);
        match family {
            Family::Serif => [p(Family::Serif), naskh, p(Family::Sans), p(Family::Mono)],
            Family::Sans => [p(Family::Sans), naskh, p(Family::Serif), p(Family::Mono)],
            Family::Mono => [p(Family::Mono), naskh, p(Family::Sans), p(Family::Serif)],
        }
    }

    /// Whether the face has a glyph for the character.
    pub fn has_glyph(&self, id: FontId, c: char) -> bool {
        let face = self.face(id);
        let cp = c as usize;
        if cp < LOW_CHARS {
            face.low_coverage[cp / 64] & (1 << (cp % 64)) != 0
        } else {
            face.face.glyph_index(c).is_some()
        }
    }

    fn index(&self, id: FontId) -> usize {
        // FontIds only come from this book; an out-of-range id falls back to the first face
        // rather than panicking inside a PDF export.
        let i = id.0 as usize;
        if i < self.faces.len() { i } else { 0 }
    }

    pub(crate) fn face(&self, id: FontId) -> &LoadedFace {
        &self.faces[self.index(id)]
    }
}

fn face_metrics(face: &Face<'static>) -> FaceMetrics {
    let upem = face.units_per_em() as f32;
    let glyph = |c: char| {
        let g = face.glyph_index(c).unwrap_or_default();
        let adv = face.glyph_hor_advance(g).unwrap_or(0) as f32;
        (g.0, adv)
    };
    let (space_glyph, mut space_advance) = glyph(' ');
    if space_advance == 0.0 {
        space_advance = upem / 4.0;
    }
    let (hyphen_glyph, hyphen_advance) = glyph('-');
    let under = face.underline_metrics();
    let strike = face.strikeout_metrics();
    FaceMetrics {
        ascender: face.ascender() as f32,
        descender: -(face.descender() as f32),
        underline_pos: under.map_or(-upem * 0.1, |m| m.position as f32),
        underline_thickness: under.map_or(upem * 0.05, |m| m.thickness as f32),
        strike_pos: strike.map_or(upem * 0.3, |m| m.position as f32),
        strike_thickness: strike.map_or(upem * 0.05, |m| m.thickness as f32),
        space_glyph,
        space_advance,
        hyphen_glyph,
        hyphen_advance,
    }
}
