//! The bundled font faces (compiled in from `fonts/`), parsed once and shared, and the
//! system faces taken on for characters they lack (module `system`).

use std::sync::{Arc, OnceLock};

use rustybuzz::Face;

use super::FontId;
use super::cache::TextCache;
use super::system::{SystemFace, SystemFaces, Want};
use briefsmith_style::Family;

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
static BUNDLED: [Bundled; 16] = bundled![
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
    "NotoSansHebrew-Regular",
    "NotoSansHebrew-Bold",
    "NotoSerifHebrew-Regular",
    "NotoSerifHebrew-Bold",
];

const SERIF: u16 = 0;
const SANS: u16 = 4;
const MONO: u16 = 8;
const NASKH: u16 = 10;
const SANS_HEBREW: u16 = 12;
const SERIF_HEBREW: u16 = 14;

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

impl LoadedFace {
    /// Parses what the layout needs of a face once.
    pub(crate) fn new(face: Face<'static>) -> LoadedFace {
        let metrics = face_metrics(&face);
        let mut low_coverage = [0u64; LOW_CHARS / 64];
        for (cp, c) in (0..LOW_CHARS as u32).filter_map(|cp| Some((cp, char::from_u32(cp)?))) {
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
    }
}

/// The set of faces a document is laid out with, plus the shaping and hyphenation caches
/// that go with them. Ids below the bundled count are bundled faces; those above are the
/// system faces taken on, in the order first needed.
pub struct FontBook {
    faces: Vec<LoadedFace>,
    system: SystemFaces,
    pub(crate) cache: TextCache,
}

impl std::fmt::Debug for FontBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontBook")
            .field(
                "faces",
                &self.ids().map(|id| self.face_name(id)).collect::<Vec<_>>(),
            )
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
                LoadedFace::new(face)
            })
            .collect();
        FontBook {
            faces,
            system: SystemFaces::default(),
            cache: TextCache::default(),
        }
    }

    /// The font file of a face, for embedding: TrueType for the bundled faces; a system
    /// face may be OpenType with CFF outlines, or a collection (see [`Self::face_index`]).
    pub fn face_data(&self, id: FontId) -> &[u8] {
        match self.system_face(id) {
            Some(face) => face.data,
            None => BUNDLED[self.index(id)].data,
        }
    }

    /// Which face of [`Self::face_data`] this is: 0 but for a face of a font collection.
    pub fn face_index(&self, id: FontId) -> u32 {
        self.system_face(id).map_or(0, |face| face.index)
    }

    /// The PostScript name of a face, e.g. `NotoSerif-Regular`.
    pub fn face_name(&self, id: FontId) -> &str {
        match self.system_face(id) {
            Some(face) => &face.name,
            None => BUNDLED[self.index(id)].name,
        }
    }

    /// Whether a face comes from the system's fonts rather than the program.
    pub fn is_system_face(&self, id: FontId) -> bool {
        self.system_face(id).is_some()
    }

    /// Font units per em of a face (glyph coordinates are in these units).
    pub fn units_per_em(&self, id: FontId) -> u16 {
        self.face(id).upem as u16
    }

    /// The parsed face, for glyph outlines and metrics (PDF widths, rasteriser).
    pub fn ttf(&self, id: FontId) -> &rustybuzz::ttf_parser::Face<'static> {
        &self.face(id).face
    }

    /// All faces of the book (the bundled ones and the system faces taken on so far), in
    /// id order.
    pub fn ids(&self) -> impl Iterator<Item = FontId> + '_ {
        (0..(self.faces.len() + self.system.len()) as u16).map(FontId)
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

    /// The bundled faces tried in order for a character: the primary face, the Arabic
    /// face, the Hebrew face of the family, then the other families of the same weight and
    /// slant. A character none has goes to [`Self::system_fallback`].
    pub fn fallback_chain(&self, family: Family, bold: bool, italic: bool) -> [FontId; 5] {
        let naskh = FontId(NASKH + bold as u16);
        let hebrew = |base: u16| FontId(base + bold as u16);
        let p = |f| self.primary(f, bold, italic);
        match family {
            Family::Serif => [
                p(Family::Serif),
                naskh,
                hebrew(SERIF_HEBREW),
                p(Family::Sans),
                p(Family::Mono),
            ],
            Family::Sans => [
                p(Family::Sans),
                naskh,
                hebrew(SANS_HEBREW),
                p(Family::Serif),
                p(Family::Mono),
            ],
            Family::Mono => [
                p(Family::Mono),
                naskh,
                hebrew(SANS_HEBREW),
                p(Family::Sans),
                p(Family::Serif),
            ],
        }
    }

    /// A face from the system's fonts that has `c`, for text of this family and weight;
    /// `None` when none has it. Looked up once per character and book, then cached.
    pub fn system_fallback(&self, c: char, family: Family, bold: bool) -> Option<FontId> {
        let want = Want {
            serif: family == Family::Serif,
            bold,
        };
        let slot = self.system.slot_for(c, want)?;
        Some(FontId((self.faces.len() + slot) as u16))
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

    fn system_face(&self, id: FontId) -> Option<&SystemFace> {
        let slot = usize::from(id.0).checked_sub(self.faces.len())?;
        self.system.get(slot)
    }

    pub(crate) fn face(&self, id: FontId) -> &LoadedFace {
        match self.system_face(id) {
            Some(face) => &face.loaded,
            None => &self.faces[self.index(id)],
        }
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
