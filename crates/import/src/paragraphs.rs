//! Paragraph clean-up shared by every reader: whitespace normalised, empty and
//! boilerplate paragraphs dropped, so that "para N" counts only article text.

use regex::Regex;
use std::sync::LazyLock;

/// Short promotional or site-furniture lines that readers of saved pages and pasted text
/// let through (newsletter and subscription prompts, cookie notices, share buttons).
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern(
        r"(?i)(?-u:\b)(newsletters?|sign up|subscribe|subscription|unlock the|for free|cookies?|all rights reserved|share (this|on)|click here|advertisement|read more|follow us|skip to (main )?content|related (articles|stories))(?-u:\b)",
    )
});

/// Longest paragraph (in words) that may be dropped as boilerplate: article paragraphs
/// that merely mention a newsletter are longer than site furniture.
const BOILERPLATE_MAX_WORDS: usize = 25;

/// Normalises whitespace in each paragraph and drops empty and boilerplate ones.
pub fn clean(paragraphs: Vec<String>) -> Vec<String> {
    paragraphs
        .into_iter()
        .map(|p| normalise(&p))
        .filter(|p| !p.is_empty() && !is_boilerplate(p))
        .collect()
}

/// Collapses runs of whitespace (including no-break and zero-width spaces) to one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn is_boilerplate(paragraph: &str) -> bool {
    paragraph.split(' ').count() <= BOILERPLATE_MAX_WORDS && BOILERPLATE.is_match(paragraph)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_promotions_keeps_article_text() {
        let out = clean(vec![
            "Unlock the Editor’s Digest for free".into(),
            "  Putin\u{a0}met   Pezeshkian. ".into(),
            "".into(),
            "Sign up to our newsletter".into(),
        ]);
        assert_eq!(out, vec!["Putin met Pezeshkian."]);
    }
}
