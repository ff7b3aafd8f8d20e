//! Writing direction: which paragraphs are right-to-left (`w:bidi`) and which stretches of
//! a run are set as right-to-left runs (`w:rtl`) with their language.

use unicode_bidi::{BidiClass, bidi_class};

/// Whether a paragraph is right-to-left, by the layout's rule (first strong character,
/// past a leading portion mark), so Word and the PDF agree.
pub(crate) fn is_rtl(text: &str) -> bool {
    briefsmith_layout::is_rtl_paragraph(text)
}

/// A stretch of a run in one direction; `rtl` holds the language of right-to-left text.
#[derive(Debug, PartialEq)]
pub(crate) struct Segment<'a> {
    pub text: &'a str,
    pub rtl: Option<&'static str>,
}

/// Splits text where its strong direction changes. Neutral characters (spaces,
/// punctuation, digits) stay with the stretch they follow, or the first one at the start,
/// so "Pezeshkian (مسعود پزشکیان)" gives the Latin part and one right-to-left part.
pub(crate) fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let Some(rtl) = strong(c) else {
            continue;
        };
        match current {
            None => current = Some(rtl),
            Some(cur) if cur != rtl => {
                // Neutrals seen since the last strong character stay with the earlier
                // stretch.
                out.push(segment(&text[start..i], cur));
                start = i;
                current = Some(rtl);
            }
            Some(_) => {}
        }
    }
    if start < text.len() {
        out.push(segment(&text[start..], current.unwrap_or(false)));
    }
    out
}

fn segment(text: &str, rtl: bool) -> Segment<'_> {
    Segment {
        text,
        rtl: rtl.then(|| language(text)),
    }
}

/// `Some(true)` for strong right-to-left, `Some(false)` for strong left-to-right.
fn strong(c: char) -> Option<bool> {
    match bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(true),
        BidiClass::L => Some(false),
        _ => None,
    }
}

/// The language Word should shape and spell-check right-to-left text as: Hebrew by its
/// block, Persian by the letters Arabic lacks, otherwise Arabic.
fn language(text: &str) -> &'static str {
    if text.chars().any(|c| ('\u{0590}'..='\u{05FF}').contains(&c)) {
        "he-IL"
    } else if text
        .chars()
        .any(|c| matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ک' | 'ی'))
    {
        "fa-IR"
    } else {
        "ar-SA"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_direction_follows_the_first_strong_character() {
        assert!(is_rtl("«مسعود پزشکیان» said"));
        assert!(!is_rtl("Pezeshkian (مسعود پزشکیان)"));
        assert!(!is_rtl("Путин"));
        assert!(!is_rtl("2024"));
        assert!(is_rtl("(U) مسعود پزشکیان گفت"));
        assert!(is_rtl("(TS//NF) שלום"));
        assert!(!is_rtl("(U) Pezeshkian (مسعود)"));
        assert!(!is_rtl("(مسعود) said"));
    }

    #[test]
    fn runs_split_where_the_direction_changes() {
        let s = segments("Pezeshkian (مسعود پزشکیان) met Путин");
        let parts: Vec<(&str, Option<&str>)> = s.iter().map(|s| (s.text, s.rtl)).collect();
        assert_eq!(
            parts,
            vec![
                ("Pezeshkian (", None),
                ("مسعود پزشکیان) ", Some("fa-IR")),
                ("met Путин", None)
            ]
        );
        assert_eq!(segments("שלום")[0].rtl, Some("he-IL"));
        assert_eq!(segments("مرحبا")[0].rtl, Some("ar-SA"));
        assert!(segments("").is_empty());
    }
}
