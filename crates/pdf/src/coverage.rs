//! Characters no embedded face covers: they print as empty boxes (.notdef), though the
//! text layer still carries them (see `content`), and the export says so.

use briefsmith_layout::{Document, PageItem};

use crate::subset::glyph_texts;

/// Most characters a warning lists by name; the rest are only counted.
const LISTED: usize = 20;

/// The characters drawn with no face that has them (glyph 0, .notdef), each once, in
/// the order they first appear.
pub fn uncovered_characters(doc: &Document) -> Vec<char> {
    let mut seen = Vec::new();
    let runs = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            PageItem::Glyphs(run) if run.glyphs.iter().any(|g| g.id == 0) => Some(run),
            _ => None,
        });
    for run in runs {
        for (text, glyph) in glyph_texts(run).into_iter().zip(&run.glyphs) {
            if glyph.id != 0 {
                continue;
            }
            for c in text
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
            {
                if !seen.contains(&c) {
                    seen.push(c);
                }
            }
        }
    }
    seen
}

/// A sentence for the user when some characters have no face, `None` when all do.
pub fn coverage_warning(doc: &Document) -> Option<String> {
    let missing = uncovered_characters(doc);
    if missing.is_empty() {
        return None;
    }
    let listed: String = missing
        .iter()
        .take(LISTED)
        .map(|c| format!(" {c} (U+{:04X})", u32::from(*c)))
        .collect();
    let more = missing.len().saturating_sub(LISTED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "{} character(s) have no embedded font and print as empty boxes (the PDF's text \
         still holds them):{listed}{more}",
        missing.len()
    ))
}
