//! A paragraph's writing direction, one rule for the PDF and the Word writer: that of its
//! first strong character, not counting a leading portion mark.

use unicode_bidi::{Direction, get_base_direction_full};

/// Whether a paragraph is right-to-left: its first strong character is (Arabic, Persian,
/// Hebrew…). A leading portion mark ("(U) ", "(TS//NF) ") is not counted, so a Persian
/// paragraph stays right-to-left when its classification is marked in Latin letters.
pub fn is_rtl_paragraph(text: &str) -> bool {
    get_base_direction_full(without_portion_mark(text)) == Direction::Rtl
}

/// Text after a leading parenthesised mark of at most 24 characters and its space.
fn without_portion_mark(text: &str) -> &str {
    let Some(rest) = text.trim_start().strip_prefix('(') else {
        return text;
    };
    match rest.find(')') {
        Some(end) if end > 0 && rest[..end].chars().count() <= 24 => {
            let after = &rest[end + 1..];
            if after.starts_with(char::is_whitespace) {
                after
            } else {
                text
            }
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_strong_character_decides_past_a_portion_mark() {
        assert!(is_rtl_paragraph("پزشکیان گفت"));
        assert!(is_rtl_paragraph("(U) پزشکیان گفت"));
        assert!(is_rtl_paragraph("(S//NF) پزشکیان گفت"));
        assert!(!is_rtl_paragraph("Pezeshkian (مسعود پزشکیان) said"));
        assert!(!is_rtl_paragraph("(U) Pezeshkian said"));
        // A parenthesis that is not a mark (no space after it, or too long) counts.
        assert!(!is_rtl_paragraph(
            "(an English aside, longer than a mark) پزشکیان"
        ));
        assert!(!is_rtl_paragraph("(U)پزشکیان"));
        assert!(!is_rtl_paragraph(""));
    }
}
