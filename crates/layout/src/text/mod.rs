//! Text: bundled fonts, fallback, shaping, bidi, line breaking and hyphenation.

/// Index of a font face in the [`FontBook`](crate::text) the document was laid out with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontId(pub u16);
