//! Escaping plain text (from the dataset or the draft) so Markdown reads it literally.
//!
//! The escaped text is meant to sit inline: in a paragraph, a heading, a list item, a
//! block quote line or a table cell. Line breaks are folded into spaces, because a line
//! break inside a quote or list would end it, and a new line could start a block.

/// Escapes `text` so that, written anywhere inline in Markdown, it reads as exactly this
/// text: no emphasis, links, HTML, headings, lists, quotes, code or table cells come of it.
///
/// Kept readable: only characters that could mean something are escaped, so ordinary
/// prose ("S-400", "Iran's", "snake_case") comes out unchanged.
pub fn escape_inline(text: &str) -> String {
    let folded = fold_whitespace(text);
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '|' | '~' => true,
            // Intraword underscores can neither open nor close emphasis.
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            // `&amp;` and `&#60;` are character references: keep the ampersand literal.
            '&' => starts_entity(&chars[i + 1..]),
            // A heading's closing sequence is a trailing run of `#`.
            '#' => i == 0 || chars[i..].iter().all(|&c| c == '#'),
            // Characters that only mean something at the start of a line.
            '>' | '-' | '+' | '=' => i == 0,
            // `1.` or `1)` at the start would open an ordered list.
            '.' | ')' => i > 0 && chars[..i].iter().all(char::is_ascii_digit),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Folds every run of whitespace that holds a line break into one space, drops control
/// characters and trims the ends (leading spaces could make a code block).
fn fold_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.trim().chars() {
        if c == '\n' || c == '\r' || c == '\t' || c == '\u{2028}' || c == '\u{2029}' {
            pending_space = true;
            continue;
        }
        if c.is_control() {
            continue;
        }
        if pending_space {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Whether the characters after an `&` spell a character reference (`amp;`, `#60;`, `#x3C;`).
fn starts_entity(rest: &[char]) -> bool {
    let body: Vec<char> = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .copied()
        .collect();
    !body.is_empty() && rest.get(body.len()) == Some(&';')
}

/// Whether `url` may become a link: http, https or mailto, and nothing that could break
/// out of the link's destination.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    let allowed = ["http://", "https://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    allowed
        && !url
            .trim()
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
}

/// A Markdown link with `text` (escaped) to `url` when the URL is safe; the text alone otherwise.
pub fn link(text: &str, url: &str) -> String {
    let shown = escape_inline(text);
    if !is_safe_url(url) {
        return shown;
    }
    // Angle-bracket destinations allow parentheses; `<` and `>` must not appear in them.
    let dest = url.trim().replace('<', "%3C").replace('>', "%3E");
    format!("[{shown}](<{dest}>)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_prose_is_left_alone() {
        let s = "Iran's S-400 request (reported), snake_case & co. 55% likely.";
        assert_eq!(escape_inline(s), s);
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(escape_inline("# x"), "\\# x");
        assert_eq!(escape_inline("Issue #"), "Issue \\#");
        assert_eq!(escape_inline("1. item"), "1\\. item");
        assert_eq!(escape_inline("12) item"), "12\\) item");
        assert_eq!(escape_inline("> quote"), "\\> quote");
        assert_eq!(escape_inline("- a"), "\\- a");
        assert_eq!(escape_inline("*b* _i_"), "\\*b\\* \\_i\\_");
        assert_eq!(escape_inline("<script>"), "\\<script>");
        assert_eq!(escape_inline("a | b"), "a \\| b");
        assert_eq!(escape_inline("&amp; &#60;"), "\\&amp; \\&#60;");
        assert_eq!(escape_inline("line\n\n# two"), "line # two");
    }

    #[test]
    fn only_web_and_mail_links_are_made() {
        assert_eq!(link("a", "javascript:alert(1)"), "a");
        assert_eq!(
            link("a", "https://x.org/a_(b)"),
            "[a](<https://x.org/a_(b)>)"
        );
        assert_eq!(
            link("a", "https://x.org/<y>"),
            "[a](<https://x.org/%3Cy%3E>)"
        );
    }
}
