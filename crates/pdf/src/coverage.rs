//! Characters no face covers, bundled or from the system: they print as empty boxes
//! (.notdef), though the text layer still carries them (see `content`), and the export says
//! which and on which pages.

use briefsmith_layout::{Document, PageItem};

use crate::subset::glyph_texts;

/// Most characters a warning lists by name; the rest are only counted.
const LISTED: usize = 20;
/// Most pages a warning lists for one character.
const LISTED_PAGES: usize = 5;

/// The characters drawn with no face that has them (glyph 0, .notdef), each once, in
/// the order they first appear.
pub fn uncovered_characters(doc: &Document) -> Vec<char> {
    uncovered(doc).into_iter().map(|(c, _)| c).collect()
}

/// Each uncovered character with the pages (1-based, ascending) it is drawn on.
fn uncovered(doc: &Document) -> Vec<(char, Vec<usize>)> {
    let mut seen: Vec<(char, Vec<usize>)> = Vec::new();
    for (index, page) in doc.pages.iter().enumerate() {
        let runs = page.items.iter().filter_map(|item| match item {
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
                    let slot = match seen.iter().position(|(s, _)| *s == c) {
                        Some(slot) => slot,
                        None => {
                            seen.push((c, Vec::new()));
                            seen.len() - 1
                        }
                    };
                    let pages = &mut seen[slot].1;
                    if pages.last() != Some(&(index + 1)) {
                        pages.push(index + 1);
                    }
                }
            }
        }
    }
    seen
}

/// Emoji and pictographs, which a system usually has only as colour bitmaps.
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x1F000..=0x1FAFF | 0x2600..=0x27BF)
}

/// A sentence for the user when some characters have no face, `None` when all do.
pub fn coverage_warning(doc: &Document) -> Option<String> {
    let missing = uncovered(doc);
    if missing.is_empty() {
        return None;
    }
    let listed: String = missing
        .iter()
        .take(LISTED)
        .map(|(c, pages)| {
            let mut where_ = pages
                .iter()
                .take(LISTED_PAGES)
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            if pages.len() > LISTED_PAGES {
                where_.push_str(", …");
            }
            let noun = if pages.len() == 1 { "page" } else { "pages" };
            format!(" {c} (U+{:04X}, {noun} {where_})", u32::from(*c))
        })
        .collect();
    let more = missing.len().saturating_sub(LISTED);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let emoji = if missing.iter().any(|(c, _)| is_pictograph(*c)) {
        " Colour emoji fonts are bitmaps a PDF cannot embed as a font; a monochrome \
         emoji font (such as Symbola) on this system would be used instead."
    } else {
        ""
    };
    Some(format!(
        "{} character(s) have no font, bundled or on this system, and print as empty boxes \
         (the PDF's text still holds them):{listed}{more}{emoji}",
        missing.len()
    ))
}
