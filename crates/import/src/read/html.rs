//! HTML: the article body by a readability-style extractor (dom_smoothie), cleared of the
//! furniture it keeps (`boilerplate`), with a block-density reader (`density`) for pages
//! where it finds little and for the lead it leaves out (`lead`); metadata from meta tags
//! and JSON-LD. The crate's README describes the steps and their measured effect.

use super::Document;
use crate::error::ImportError;
use crate::model::SourceMeta;
use dom_smoothie::{Config, ParsePolicy, Readability, ReadabilityError, TextMode};

mod boilerplate;
mod density;
mod lead;
mod prescan;

/// Most elements a page may have; real article pages have a few thousand.
const MAX_ELEMENTS: usize = 200_000;

/// Deepest element nesting read. Real pages stay well under a hundred levels; the
/// extractor's work grows with the square of the depth (10,000 levels take 17 s), so a
/// hostile page is refused rather than read slowly.
const MAX_DEPTH: usize = 1_000;

/// Below this many characters of article text the readability extractor may have picked
/// a fragment or a wrong block, and the block-density reader is asked too. Tuned with
/// `FALLBACK_FACTOR` on the even-numbered pages of the evaluation set (2,000 and 2
/// against 500 to 8,000 and 1 to 3).
const FALLBACK_BELOW_CHARS: usize = 2_000;

/// The block-density reader's text is taken when it is more than this many times longer.
const FALLBACK_FACTOR: usize = 2;

/// Reads a saved web page.
pub fn read(file: &str, html: &str) -> Result<Document, ImportError> {
    let scan = prescan::prescan(html);
    let (depth, elements) = (scan.depth, scan.elements);
    if depth > MAX_DEPTH {
        return Err(ImportError::HtmlTooComplex {
            file: file.to_owned(),
            what: format!("elements nested {depth} deep; at most {MAX_DEPTH} are read"),
        });
    }
    // Counted before parsing, so a page of a million elements is refused unparsed.
    if elements > MAX_ELEMENTS {
        return Err(ImportError::HtmlTooComplex {
            file: file.to_owned(),
            what: format!("{elements} elements; at most {MAX_ELEMENTS} are read"),
        });
    }
    let dom = dom_query::Document::from(scan.html.as_str());
    let extra = meta_tags(&dom);
    // Read before the readability extractor rearranges the tree; this reader only looks.
    let blocks = dom
        .body()
        .map(|body| density::main_blocks(&body))
        .unwrap_or_default();
    let cfg = Config {
        // Counted above; the extractor's own count is a walk over the whole tree.
        max_elements_to_parse: 0,
        // The classes name the furniture that `boilerplate` removes from the article.
        keep_classes: true,
        // The text is taken after that clean-up; the extractor's own is not used.
        text_mode: TextMode::Raw,
        ..Config::default()
    };
    let mut readability = Readability::with_document(dom, None, Some(cfg)).map_err(|e| {
        ImportError::HtmlTooComplex {
            file: file.to_owned(),
            what: e.to_string(),
        }
    })?;
    // One attempt with every cleaning rule: the extractor's retries with fewer rules (when it
    // finds under 500 characters) cost a copy of the page each and did worse on the
    // evaluation set than the block-density reader below.
    let article = match readability.parse_with_policy(ParsePolicy::Strict) {
        Ok(article) => Some(article),
        // Nothing looked like an article: the block-density reader may still find text.
        Err(ReadabilityError::GrabFailed) => None,
        Err(e) => {
            return Err(ImportError::HtmlTooComplex {
                file: file.to_owned(),
                what: e.to_string(),
            });
        }
    };
    let mut text = if article.is_some() {
        article_text(&readability.doc)
    } else {
        String::new()
    };
    let chars = text.chars().count();
    let by_density = (chars < FALLBACK_BELOW_CHARS)
        .then(|| density::main_text(&blocks))
        .filter(|by_density| by_density.chars().count() > FALLBACK_FACTOR * chars);
    match by_density {
        Some(by_density) => text = by_density,
        None => {
            let lead = lead::lead(&text, &blocks);
            if !lead.is_empty() {
                text = format!("{}\n{text}", lead.join("\n"));
            }
        }
    }
    let paragraphs: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let meta = match article {
        Some(article) => SourceMeta {
            title: non_empty(Some(article.title)).or(extra.title),
            publisher: non_empty(article.site_name).or(extra.publisher),
            author: non_empty(article.byline.map(|b| strip_by(&b))).or(extra.author),
            date: article
                .published_time
                .as_deref()
                .and_then(iso_date)
                .or(extra.date),
            url: non_empty(article.url).or(extra.url),
        },
        None => extra,
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

/// The text of the extracted article, one block a line, without the furniture the
/// extractor keeps inside the article (captions, author boxes, teasers for other stories)
/// nor the headings, labels and links that follow its last paragraph.
/// Removing it here rather than from the whole page leaves the extractor's choice of the
/// article block as it was: on the evaluation set, pruning first made it pick a wrong
/// block more often than it helped.
fn article_text(extracted: &dom_query::Document) -> String {
    // Where the extractor leaves the article in its copy of the page.
    let root = extracted.select_single("#readability-page-1");
    let Some(root) = root.nodes().first() else {
        return String::new();
    };
    boilerplate::strip(root);
    boilerplate::trim_tail(root);
    root.formatted_text().to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_from_timestamps() {
        assert_eq!(
            iso_date("2024-10-11T05:00:00Z").as_deref(),
            Some("2024-10-11")
        );
        assert_eq!(iso_date("yesterday"), None);
    }
}
