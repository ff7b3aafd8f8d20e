//! One pass over the raw HTML before it is parsed: measures the element nesting (a
//! hostile page is refused before the parser sees it) and drops what the extractor never
//! reads, so the parser does not tokenise it character by character: scripts other than
//! JSON-LD metadata, style sheets, inline SVG drawings and comments. On modern pages these
//! are most of the bytes. `<noscript>` tags are dropped and their content kept, so what a
//! page shows without scripts (on some pages, the whole article) is parsed as markup.

/// The page as the parser gets it, and its deepest element nesting.
pub struct Prescan {
    /// The HTML without scripts, style sheets, SVG drawings, comments and `<noscript>` tags.
    pub html: String,
    /// The deepest element nesting, counted from start and end tags.
    pub depth: usize,
}

/// Elements that often go unclosed and are closed by the parser, or never nest.
const FLAT: [&str; 30] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "p", "li", "td", "th", "tr", "option", "optgroup", "dd", "dt", "thead",
    "tbody", "tfoot", "colgroup", "font", "rt", "rp",
];

/// Scans `html` once. Void elements and self-closing tags do not nest.
pub fn prescan(html: &str) -> Prescan {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut depth, mut max) = (0usize, 0usize);
    // `copied`: bytes before it are in `out` or dropped; `i`: scan position.
    let (mut copied, mut i) = (0usize, 0usize);
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        i = lt + 1;
        let rest = &html[i..];
        if rest.starts_with("!--") {
            let end = memchr::memmem::find(&bytes[i..], b"-->").map_or(html.len(), |at| i + at + 3);
            out.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        if let Some(closing) = rest.strip_prefix('/') {
            if is_tag(closing, "noscript") {
                let end = memchr::memchr(b'>', &bytes[i..]).map_or(html.len(), |at| i + at + 1);
                out.push_str(&html[copied..lt]);
                copied = end;
                i = end;
            }
            depth = depth.saturating_sub(1);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if name.eq_ignore_ascii_case("noscript") {
            // Its content is what the page shows without scripts, sometimes the whole
            // article: unwrapped, the parser reads it as markup instead of raw text.
            let end = memchr::memchr(b'>', &bytes[i..]).map_or(html.len(), |at| i + at + 1);
            out.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        let tag_end = memchr::memchr(b'>', &bytes[i..]).map_or(html.len(), |at| i + at + 1);
        let tag = &html[i..tag_end.max(i)];
        let self_closing = tag.trim_end_matches('>').ends_with('/');
        // `<svg/>` closes itself; `<script/>` does not (HTML ignores the slash there).
        let close = [
            ("script", b"</script".as_slice()),
            ("style", b"</style".as_slice()),
            ("svg", b"</svg".as_slice()),
        ]
        .into_iter()
        .find_map(|(n, close)| name.eq_ignore_ascii_case(n).then_some(close))
        .filter(|_| !(self_closing && name.eq_ignore_ascii_case("svg")));
        if let Some(close) = close {
            // Script and style text is not markup, and drawings hold no prose: skip to the
            // end tag, and drop all but metadata.
            let Some(at) = find_ascii_ci(&bytes[tag_end..], close) else {
                break;
            };
            let end = memchr::memchr(b'>', &bytes[tag_end + at..])
                .map_or(html.len(), |gt| tag_end + at + gt + 1);
            if find_ascii_ci(tag.as_bytes(), b"ld+json").is_none() {
                out.push_str(&html[copied..lt]);
                copied = end;
            }
            i = end;
            continue;
        }
        if !self_closing && !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            depth += 1;
            max = max.max(depth);
        }
    }
    out.push_str(&html[copied.min(html.len())..]);
    Prescan {
        html: out,
        depth: max,
    }
}

/// Whether `rest` (what follows `<` or `</`) starts with the tag name `name`.
fn is_tag(rest: &str, name: &str) -> bool {
    rest.get(..name.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(name))
        && !rest[name.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (first, rest) = needle.split_first()?;
    let mut from = 0;
    while let Some(off) = memchr::memchr2(*first, first.to_ascii_uppercase(), &hay[from..]) {
        let at = from + off;
        let tail = hay.get(at + 1..at + needle.len())?;
        if tail.eq_ignore_ascii_case(rest) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_without_void_elements() {
        assert_eq!(
            prescan("<div><br><img src=x/><span>a</span></div>").depth,
            2
        );
        assert_eq!(prescan(&"<div>".repeat(50)).depth, 50);
        let script = format!(
            "<div><script>{}</SCRIPT><p>x</div>",
            "'<span>'".repeat(2000)
        );
        assert_eq!(prescan(&script).depth, 1);
    }

    #[test]
    fn scripts_styles_and_comments_are_dropped_metadata_kept() {
        let page = r#"<head><style>p{}</style><script type="application/ld+json">{"a":1}</script></head><body><!-- <div> --><p>Text</p><script>if (a < b) {}</script></body>"#;
        assert_eq!(
            prescan(page).html,
            r#"<head><script type="application/ld+json">{"a":1}</script></head><body><p>Text</p></body>"#
        );
    }

    #[test]
    fn drawings_are_dropped_a_self_closed_one_alone() {
        assert_eq!(
            prescan("<p>a<svg><path d='M0'/></SVG> b<svg/> c</p><svg></svg>").html,
            "<p>a b<svg/> c</p>"
        );
    }

    #[test]
    fn noscript_content_is_unwrapped_into_markup() {
        assert_eq!(
            prescan("<div><NOSCRIPT><p>Article</p></noscript><noscripts>x</noscripts></div>").html,
            "<div><p>Article</p><noscripts>x</noscripts></div>"
        );
    }

    #[test]
    fn an_unclosed_script_or_comment_ends_the_page() {
        assert_eq!(
            prescan("<p>a</p><script>var x = '<p>b';").html,
            "<p>a</p><script>var x = '<p>b';"
        );
        assert_eq!(prescan("<p>a</p><!-- <p>b").html, "<p>a</p>");
    }
}
