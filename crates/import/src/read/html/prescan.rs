//! One pass over the raw HTML before it is parsed: measures the element nesting (a
//! hostile page is refused before the parser sees it) and drops what the extractor never
//! reads, so the parser does not tokenise it character by character: scripts other than
//! JSON-LD metadata, style sheets, inline SVG drawings and comments. On modern pages these
//! are most of the bytes; navigation and asides, with all they hold. `<noscript>` tags are
//! dropped and their content kept, so what a page shows without scripts (on some pages,
//! the whole article) is parsed as markup.
//! Attributes nothing downstream reads (inline styles that do not hide, event handlers,
//! `data-` and `aria-` attributes, responsive image lists) are dropped from start tags:
//! they are a large share of a modern page's markup, and parsing them costs time.

/// The page as the parser gets it, and its deepest element nesting.
pub struct Prescan {
    /// The HTML without scripts, style sheets, SVG drawings, comments, navigation, asides,
    /// `<noscript>` tags and unread attributes.
    pub html: String,
    /// The deepest element nesting, counted from start and end tags.
    pub depth: usize,
    /// The start tags the parser gets.
    pub elements: usize,
}

/// Elements dropped with their content: navigation and asides (related stories,
/// promotions, pull quotes that repeat the text) are never article text, and on many
/// pages they are a large share of the markup. On the evaluation set, dropping them
/// before parsing cut the time per page by a sixth and left F1 as it was; footers were
/// tried too and cost recall (some short articles keep their text near one).
const UNREAD_ELEMENTS: [&str; 2] = ["nav", "aside"];

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
    let (mut depth, mut max, mut elements) = (0usize, 0usize, 0usize);
    // `copied`: bytes before it are in `out` or dropped; `i`: scan position.
    let (mut copied, mut i) = (0usize, 0usize);
    // One tag's attributes; reused from tag to tag.
    let mut attrs: Vec<Attribute<'_>> = Vec::new();
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
        let tag_end = attributes(html, i + name_len, &mut attrs);
        let tag = &html[i..tag_end];
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
        // `<nav/>` opens a nav, as HTML ignores the slash on elements that hold content.
        if UNREAD_ELEMENTS.iter().any(|u| u.eq_ignore_ascii_case(name)) {
            let end = element_end(html, tag_end, name);
            out.push_str(&html[copied..lt]);
            copied = end;
            i = end;
            continue;
        }
        elements += 1;
        let has_src = attrs.iter().any(|a| a.name.eq_ignore_ascii_case("src"));
        for attr in attrs.iter().filter(|a| is_unread(a, has_src)) {
            out.push_str(&html[copied..attr.start]);
            copied = attr.end;
        }
        i = tag_end;
        if !self_closing && !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name)) {
            depth += 1;
            max = max.max(depth);
        }
    }
    out.push_str(&html[copied.min(html.len())..]);
    Prescan {
        html: out,
        depth: max,
        elements,
    }
}

/// One attribute of a start tag, as byte offsets into the page.
struct Attribute<'a> {
    /// Where the attribute starts, with the white space before it.
    start: usize,
    /// Just past its value (or its name, when it has none).
    end: usize,
    name: &'a str,
    /// Without quotes; empty when the attribute has none.
    value: &'a str,
}

/// Reads the attributes of the start tag whose name ends at `from` into `attrs`, as the
/// HTML tokenizer does (a `>` inside a quoted value does not end the tag), and returns
/// the offset just past the tag's `>` (the page's end when it has none).
fn attributes<'a>(html: &'a str, from: usize, attrs: &mut Vec<Attribute<'a>>) -> usize {
    attrs.clear();
    let bytes = html.as_bytes();
    let at = |k: usize| bytes.get(k).copied();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut k = from;
    // The rest of the tag name (`my-widget`, `o:p`) is not an attribute.
    while at(k).is_some_and(|b| !is_space(b) && b != b'/' && b != b'>') {
        k += 1;
    }
    loop {
        let start = k;
        while at(k).is_some_and(|b| is_space(b) || b == b'/') {
            k += 1;
        }
        match at(k) {
            None => return html.len(),
            Some(b'>') => return k + 1,
            Some(_) => {}
        }
        let name_start = k;
        // A name runs to white space, `/`, `>` or `=` (an `=` first is part of it).
        k += 1;
        while at(k).is_some_and(|b| !is_space(b) && !matches!(b, b'/' | b'>' | b'=')) {
            k += 1;
        }
        let name = &html[name_start..k];
        let mut end = k;
        while at(k).is_some_and(is_space) {
            k += 1;
        }
        let mut value = "";
        if at(k) == Some(b'=') {
            k += 1;
            while at(k).is_some_and(is_space) {
                k += 1;
            }
            match at(k) {
                Some(quote @ (b'"' | b'\'')) => {
                    let open = k + 1;
                    let close =
                        memchr::memchr(quote, &bytes[open..]).map_or(html.len(), |c| open + c);
                    value = &html[open..close];
                    k = (close + 1).min(html.len());
                }
                _ => {
                    let open = k;
                    while at(k).is_some_and(|b| !is_space(b) && b != b'>') {
                        k += 1;
                    }
                    value = &html[open..k];
                }
            }
            end = k;
        }
        attrs.push(Attribute {
            start,
            end,
            name,
            value,
        });
    }
}

/// Whether no step of the extraction reads `attr` (on a tag with a `src`, when `has_src`).
/// The readability extractor reads `class`, `id`, `role`, `hidden`, `aria-hidden`,
/// `aria-modal`, a style that hides, image sources (lazy ones in `data-src`) and links;
/// the metadata comes from `meta`, `link` and `time` attributes, kept whole.
fn is_unread(attr: &Attribute<'_>, has_src: bool) -> bool {
    let name = attr.name;
    let starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    let is = |other: &str| name.eq_ignore_ascii_case(other);
    if is("style") {
        let hides = |word: &[u8]| find_ascii_ci(attr.value.as_bytes(), word).is_some();
        return !hides(b"display") && !hides(b"visibility");
    }
    if starts("data-") {
        return !is("data-src") && !is("data-srcset");
    }
    if starts("aria-") {
        return !is("aria-hidden") && !is("aria-modal");
    }
    // Event handlers: `onclick`, `onload`, ….
    (starts("on") && name.len() > 2) || is("sizes") || (is("srcset") && has_src)
}

/// Elements whose end tag closes the open elements inside them, and whose content an
/// element inside them cannot close: the structure an HTML parser keeps when inline
/// markup is left unclosed.
const CONTAINERS: [&str; 22] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "header",
    "html",
    "main",
    "menu",
    "nav",
    "ol",
    "section",
    "table",
    "ul",
];

/// Where the element `name` whose content starts at `from` ends, as an HTML parser reads
/// it: just past its own end tag, or at the end tag of a container it sits in (which
/// closes it too). Comments, scripts and style sheets inside are passed over whole.
fn element_end(html: &str, from: usize, name: &str) -> usize {
    let bytes = html.as_bytes();
    // Open elements of the same name inside, and of other containers.
    let (mut same, mut inner) = (0usize, 0usize);
    let mut k = from;
    while let Some(off) = memchr::memchr(b'<', &bytes[k..]) {
        let lt = k + off;
        k = lt + 1;
        let rest = &html[k..];
        if rest.starts_with("!--") {
            k = memchr::memmem::find(&bytes[k..], b"-->").map_or(html.len(), |at| k + at + 3);
            continue;
        }
        let closing = rest.starts_with('/');
        let tag = if closing { &rest[1..] } else { rest };
        if !closing {
            let raw = [("script", b"</script".as_slice()), ("style", b"</style")]
                .into_iter()
                .find_map(|(raw, close)| is_tag(tag, raw).then_some(close));
            if let Some(close) = raw {
                k = find_ascii_ci(&bytes[k..], close).map_or(html.len(), |at| k + at);
                continue;
            }
        }
        let gt = || memchr::memchr(b'>', &bytes[k..]).map_or(html.len(), |at| k + at + 1);
        if is_tag(tag, name) {
            match (closing, same) {
                (true, 0) => return gt(),
                (true, _) => same -= 1,
                (false, _) => same += 1,
            }
            continue;
        }
        if !CONTAINERS.iter().any(|c| is_tag(tag, c)) {
            continue;
        }
        if !closing {
            let self_closing = html[k..gt()].trim_end_matches('>').ends_with('/');
            inner += usize::from(!self_closing);
        } else if inner == 0 {
            // The end tag of a container the element sits in: it ends here.
            return lt;
        } else {
            inner -= 1;
        }
    }
    html.len()
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
        assert_eq!(prescan("<p>a<br><img src=x/></p><!-- <p> -->").elements, 3);
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
    fn unread_attributes_are_dropped_the_rest_kept_as_written() {
        let page = concat!(
            r#"<div class="a" data-x='1>2' onclick="go()" style="color: red" id=b>"#,
            r#"<p style="DISPLAY: none" aria-label="x" aria-hidden="true" hidden>t</p>"#,
            r#"<img src="a.jpg" srcset="a2.jpg 2x" sizes="50vw"><img srcset="b.jpg 1x" data-src="c.jpg">"#,
            r#"<my-widget open two="2"/></div>"#,
        );
        assert_eq!(
            prescan(page).html,
            concat!(
                r#"<div class="a" id=b>"#,
                r#"<p style="DISPLAY: none" aria-hidden="true" hidden>t</p>"#,
                r#"<img src="a.jpg"><img srcset="b.jpg 1x" data-src="c.jpg">"#,
                r#"<my-widget open two="2"/></div>"#,
            )
        );
    }

    #[test]
    fn a_quoted_angle_bracket_does_not_end_a_tag() {
        let scan = prescan(r#"<div title="a > b <span>"><span>x</span></div>"#);
        assert_eq!(
            scan.html,
            r#"<div title="a > b <span>"><span>x</span></div>"#
        );
        assert_eq!(scan.depth, 2);
    }

    #[test]
    fn navigation_and_asides_go_with_their_content() {
        assert_eq!(
            prescan("<div><NAV><ul><li>Home<nav>x</nav></ul></nav><p>a</p><aside/><p>b</p></div><p>c</p>")
                .html,
            "<div><p>a</p></div><p>c</p>"
        );
        // Left open, they end where the container they sit in ends, as a parser reads them.
        assert_eq!(
            prescan("<div><nav><nav>a</nav><span>b</div><p>c</p>").html,
            "<div></div><p>c</p>"
        );
        assert_eq!(
            prescan("<main><aside><div>a</aside><p>b</p></main>").html,
            "<main><p>b</p></main>"
        );
        // Markup inside comments and scripts does not end them.
        assert_eq!(
            prescan("<nav><!-- </div> --><script>'</div>'</script>a</nav><p>b</p>").html,
            "<p>b</p>"
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
