//! HTML: the article body by a readability-style extractor (dom_smoothie), metadata from
//! meta tags and JSON-LD.

use super::Document;
use crate::error::ImportError;
use crate::model::SourceMeta;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

/// Most elements a page may have; real article pages have a few thousand.
const MAX_ELEMENTS: usize = 200_000;

/// Deepest element nesting read. Real pages stay well under a hundred levels; the
/// extractor's work grows with the square of the depth (10,000 levels take 17 s), so a
/// hostile page is refused rather than read slowly.
const MAX_DEPTH: usize = 1_000;

/// Reads a saved web page.
pub fn read(file: &str, html: &str) -> Result<Document, ImportError> {
    let depth = max_depth(html);
    if depth > MAX_DEPTH {
        return Err(ImportError::HtmlTooComplex {
            file: file.to_owned(),
            what: format!("elements nested {depth} deep; at most {MAX_DEPTH} are read"),
        });
    }
    let dom = dom_query::Document::from(html);
    let extra = meta_tags(&dom);
    let cfg = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = Readability::with_document(dom, None, Some(cfg)).map_err(|e| {
        ImportError::HtmlTooComplex {
            file: file.to_owned(),
            what: e.to_string(),
        }
    })?;
    let article = match readability.parse() {
        Ok(article) => article,
        Err(ReadabilityError::GrabFailed) => {
            return Err(ImportError::NoText {
                file: file.to_owned(),
            });
        }
        Err(e) => {
            return Err(ImportError::HtmlTooComplex {
                file: file.to_owned(),
                what: e.to_string(),
            });
        }
    };
    let paragraphs: Vec<String> = article
        .text_content
        .split('\n')
        .map(str::to_owned)
        .collect();
    let meta = SourceMeta {
        title: non_empty(Some(article.title)).or(extra.title),
        publisher: non_empty(article.site_name).or(extra.publisher),
        author: non_empty(article.byline.map(|b| strip_by(&b))).or(extra.author),
        date: article
            .published_time
            .as_deref()
            .and_then(iso_date)
            .or(extra.date),
        url: non_empty(article.url).or(extra.url),
    };
    // The byline is metadata, not a paragraph of the article.
    let paragraphs = match &meta.author {
        Some(author) => paragraphs
            .into_iter()
            .filter(|p: &String| strip_by(p) != *author)
            .collect(),
        None => paragraphs,
    };
    Ok(Document { meta, paragraphs })
}

/// Metadata from `<meta>` and `<link rel=canonical>` that the extractor does not take
/// (it reads the URL only from JSON-LD, and some sites put the date only in meta tags).
fn meta_tags(dom: &dom_query::Document) -> SourceMeta {
    // One pass over the meta tags: (name or property, content), in document order.
    let metas: Vec<(String, String)> = dom
        .select("meta[content]")
        .iter()
        .filter_map(|n| {
            let key = n.attr("property").or_else(|| n.attr("name"))?;
            let content = n.attr("content")?;
            Some((key.trim().to_ascii_lowercase(), content.trim().to_owned()))
        })
        .filter(|(_, content)| !content.is_empty())
        .collect();
    let content = |names: &[&str]| {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(key, _)| key == n)
                .map(|(_, c)| c.clone())
        })
    };
    let attr = |selector: &str, name: &str| {
        dom.select_single(selector)
            .attr(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    SourceMeta {
        title: content(&["og:title", "twitter:title"]),
        publisher: content(&["og:site_name", "publisher", "application-name"]),
        author: content(&["author", "article:author", "byl", "dc.creator"]).map(|a| strip_by(&a)),
        date: content(&[
            "article:published_time",
            "og:published_time",
            "date",
            "dc.date",
            "pubdate",
            "publish-date",
        ])
        .or_else(|| attr("time[datetime]", "datetime"))
        .as_deref()
        .and_then(iso_date),
        url: attr(r#"link[rel="canonical"]"#, "href").or_else(|| content(&["og:url"])),
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// "By Jane Doe" → "Jane Doe".
fn strip_by(byline: &str) -> String {
    let b = byline.trim();
    b.strip_prefix("By ")
        .or_else(|| b.strip_prefix("by "))
        .or_else(|| b.strip_prefix("BY "))
        .unwrap_or(b)
        .trim()
        .to_owned()
}

/// The calendar date at the start of an ISO 8601 timestamp ("2024-10-11T05:00Z" →
/// "2024-10-11"); `None` for anything else.
fn iso_date(value: &str) -> Option<String> {
    let head = value.trim().get(..10)?;
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// The deepest element nesting in `html`, counted from start and end tags without
/// building a tree. Void elements and self-closing tags do not nest.
fn max_depth(html: &str) -> usize {
    // Void elements never nest; these often go unclosed and are closed by the parser.
    const FLAT: [&str; 30] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param", "p", "li", "td", "th", "tr", "option", "optgroup", "dd", "dt",
        "thead", "tbody", "tfoot", "colgroup", "font", "rt", "rp",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let rest = &html[i..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        if name == "script" || name == "style" {
            // Their text is not markup: skip to the end tag.
            let close = format!("</{name}");
            match find_ascii_ci(&rest[name_len..], &close) {
                Some(at) => i += name_len + at,
                None => break,
            }
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let self_closing = rest[..tag_end].ends_with('/');
        if !self_closing && !FLAT.contains(&name.as_str()) {
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

/// Byte offset of `needle` (ASCII, lower case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_without_void_elements() {
        assert_eq!(max_depth("<div><br><img src=x/><span>a</span></div>"), 2);
        assert_eq!(max_depth(&"<div>".repeat(50)), 50);
        let script = format!(
            "<div><script>{}</SCRIPT><p>x</div>",
            "'<span>'".repeat(2000)
        );
        assert_eq!(max_depth(&script), 1);
    }

    #[test]
    fn iso_dates_from_timestamps() {
        assert_eq!(
            iso_date("2024-10-11T05:00:00Z").as_deref(),
            Some("2024-10-11")
        );
        assert_eq!(iso_date("yesterday"), None);
    }
}
