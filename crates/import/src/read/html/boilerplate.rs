//! Site furniture removed from the block the readability extractor picked as the
//! article (which keeps what sits inside that block), and from a whole page before the
//! block-density reader sees it: navigation, asides and footers, short captions, author
//! boxes, related-story, newsletter, comment and share blocks, post metadata, "Read also:
//! <link>" teasers, lists of links, and the headings, labels and links that trail an
//! article's last paragraph.

use dom_query::NodeRef;
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;

/// Elements that never hold article prose: navigation and the asides (pull quotes repeat
/// the text, other asides are promotions). Not `form`: ASP.NET pages wrap the whole page
/// in one.
const FURNITURE_TAGS: [&str; 5] = ["nav", "aside", "button", "dialog", "footer"];

/// Longest caption (in characters) dropped: credits and one-line captions; slide shows
/// carry their text in longer ones.
const MAX_CAPTION_CHARS: usize = 150;

/// `class` and `id` words that mark furniture. Matched as whole words of a class or id
/// (split at spaces, `-` and `_`), so `author-bio` matches but `authoritative` does not.
static FURNITURE_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern(
        r"(?i)(?:^|[\s_-])(?:caption|credits?|copyright|byline|author(?:box|bio|info)?|bio|about|related|relatedlinks|nextstory|next|prev|previous|newsletter|subscribe|subscription|signup|paywall|share|sharing|social|comments?|kommentare?|commentaires?|comentarios?|respond|reply|replies|widget|sidebar|postmetadata|meta|metadata|utility|tags|tagcloud|categories|breadcrumbs?|rating|ratings|calendar|licen[cs]e|promo|advert|sponsored|disclaimer|affiliate|linkbox|cookie|consent|print-only|dateline|readingtime|teaser|teasers|recommended|popular|trending)(?:$|[\s_-])",
    )
});

/// Containers that hold the article itself; a furniture class on them (WordPress puts
/// `has-sidebar` on `body`, some themes `meta` on `article`) never removes them.
const CONTAINER_TAGS: [&str; 4] = ["html", "body", "main", "article"];

/// A furniture-named block holding more than this share of the page's text is the article
/// under a misleading class name (Blogger wraps its posts in `widget Blog`), and is kept.
const MAX_FURNITURE_SHARE: f32 = 0.4;

/// So is a furniture-named block of more than this many characters.
const MAX_FURNITURE_CHARS: usize = 1000;

/// A paragraph at least this long (in characters) is prose; a block with two of them is
/// not furniture, whatever its name.
const PROSE_CHARS: usize = 120;

/// Longest teaser paragraph, in characters: "Read also: <headline>" lines are one line.
const MAX_TEASER_CHARS: usize = 200;

/// Longest label before a teaser's link ("Read also:", "LE PUEDE INTERESAR:").
const MAX_TEASER_LABEL_CHARS: usize = 40;

/// Share of a teaser's text after its label inside links: the rest is a headline.
const MIN_TEASER_LINK_SHARE: f32 = 0.6;

/// Fewest items of a list of links dropped.
const MIN_LINK_LIST_ITEMS: usize = 2;

/// Least share of a list's text inside links for it to be a list of links.
const MIN_LINK_LIST_SHARE: f32 = 0.8;

/// Longest heading or label (in characters) dropped with the list of links it introduces.
const MAX_LINK_LIST_LABEL_CHARS: usize = 80;

/// Tells site furniture in one page (or article), whose size some rules weigh against.
pub struct Furniture<'a> {
    root: NodeRef<'a>,
    /// The page's characters, counted up to `PAGE_CHARS_WEIGHED` when a rule first asks.
    page_chars: OnceCell<usize>,
}

/// Above this many characters in the page, no block of `MAX_FURNITURE_CHARS` or fewer can
/// hold `MAX_FURNITURE_SHARE` of it, so the page is counted no further.
const PAGE_CHARS_WEIGHED: usize = (MAX_FURNITURE_CHARS as f32 / MAX_FURNITURE_SHARE) as usize;

impl<'a> Furniture<'a> {
    /// The rules for the page or article under `root`.
    pub fn of(root: &NodeRef<'a>) -> Self {
        Furniture {
            root: *root,
            page_chars: OnceCell::new(),
        }
    }

    /// Whether `node` (an element under the root) is furniture. Its descendants need no
    /// look of their own.
    pub fn is(&self, node: &NodeRef<'_>) -> bool {
        let Some(name) = node.node_name() else {
            return false;
        };
        // The HTML parser gives element names in lower case.
        match &*name {
            n if FURNITURE_TAGS.contains(&n) => true,
            "figcaption" => node.normalized_char_count() <= MAX_CAPTION_CHARS,
            n if CONTAINER_TAGS.contains(&n) => false,
            "ul" | "ol" if is_link_list(node) => true,
            "p" | "h2" | "h3" | "h4" | "h5" | "h6" if introduces_links(node) || is_teaser(node) => {
                true
            }
            _ => has_furniture_name(node) && !self.holds_article(node),
        }
    }

    /// Whether a furniture-named block is in fact (part of) the article: a large share of
    /// the page's text, or more than one paragraph of prose.
    fn holds_article(&self, node: &NodeRef<'_>) -> bool {
        let chars = node.normalized_char_count();
        if chars > MAX_FURNITURE_CHARS {
            return true;
        }
        let prose = node
            .descendants_it()
            .filter(|n| n.has_name("p") && n.normalized_char_count() >= PROSE_CHARS)
            .nth(1)
            .is_some();
        prose || chars as f32 > MAX_FURNITURE_SHARE * self.page_chars() as f32
    }

    fn page_chars(&self) -> usize {
        *self
            .page_chars
            .get_or_init(|| char_count_to(&self.root, PAGE_CHARS_WEIGHED).max(1))
    }
}

/// The characters of `root`'s text with runs of white space counted as one, as
/// `normalized_char_count` counts them, but no further than just past `limit`.
fn char_count_to(root: &NodeRef<'_>, limit: usize) -> usize {
    let mut count = 0;
    let mut space = true;
    for node in root.descendants_it().filter(NodeRef::is_text) {
        for c in node.text().chars() {
            let is_space = c.is_whitespace();
            count += usize::from(!(space && is_space));
            space = is_space;
        }
        if count > limit {
            return count;
        }
    }
    if space {
        count.saturating_sub(1)
    } else {
        count
    }
}

/// Removes site furniture under `root` (a page's body, or an article) in place.
pub fn strip(root: &NodeRef<'_>) {
    let furniture = Furniture::of(root);
    // Collected first: removing while walking would cut the walk short. The walk does not
    // go into furniture already found (a sidebar's widgets need no look of their own).
    let mut doomed: Vec<NodeRef<'_>> = Vec::new();
    let mut stack: Vec<NodeRef<'_>> = root.element_children();
    stack.reverse();
    while let Some(node) = stack.pop() {
        if furniture.is(&node) {
            doomed.push(node);
        } else {
            stack.extend(node.children_it(true).filter(NodeRef::is_element));
        }
    }
    for node in doomed {
        node.remove_from_parent();
    }
}

fn has_furniture_name(node: &NodeRef<'_>) -> bool {
    let names = [node.class(), node.id_attr()];
    names.iter().flatten().any(|v| FURNITURE_NAMES.is_match(v))
}

/// A short paragraph of a label and a link ("Read also: <headline>"): a teaser for
/// another story. A link alone is kept: it may be the article's own reference.
fn is_teaser(node: &NodeRef<'_>) -> bool {
    let chars = node.normalized_char_count();
    if chars == 0 || chars > MAX_TEASER_CHARS {
        return false;
    }
    let text = node.text();
    let Some(colon) = text.find(':') else {
        return false;
    };
    let label = text[..colon].trim();
    if label.is_empty() || label.chars().count() > MAX_TEASER_LABEL_CHARS {
        return false;
    }
    let linked = link_chars(node);
    let rest = chars.saturating_sub(label.chars().count() + 1);
    rest > 0 && linked as f32 >= MIN_TEASER_LINK_SHARE * rest as f32
}

/// Elements that make a block of text of their own.
const BLOCK_TAGS: [&str; 16] = [
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "div",
    "section",
    "blockquote",
    "pre",
    "td",
    "dd",
    "dt",
    "table",
];

/// A block at least this long (in characters) with few links is article prose; what
/// follows the last such block is where sites put "More on this", sources and contacts.
const PROSE_BLOCK_CHARS: usize = 80;

/// Most share of link text in a trailing block that is kept.
const MAX_TAIL_LINK_SHARE: f32 = 0.3;

/// Removes, after the article's last block of prose, the headings, labels ("Contact:",
/// "Read more:") and link lines that introduce what comes after an article. Other short
/// blocks there (a sign-off, the last line of a recipe) stay.
pub fn trim_tail(root: &NodeRef<'_>) {
    let is_block = |n: &NodeRef<'_>| {
        n.node_name()
            .is_some_and(|name| BLOCK_TAGS.contains(&&*name))
    };
    let leaves: Vec<NodeRef<'_>> = root
        .descendants_it()
        .filter(|n| is_block(n) && !n.descendants_it().any(|d| is_block(&d)))
        .collect();
    let Some(last_prose) = leaves.iter().rposition(|n| {
        let chars = n.normalized_char_count();
        chars >= PROSE_BLOCK_CHARS && link_chars(n) as f32 <= MAX_TAIL_LINK_SHARE * chars as f32
    }) else {
        return;
    };
    for node in &leaves[last_prose + 1..] {
        let chars = node.normalized_char_count();
        let heading = node
            .node_name()
            .is_some_and(|name| matches!(&*name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6"));
        let label = node.text().trim_end().ends_with(':');
        let linked = link_chars(node) as f32 > MAX_TAIL_LINK_SHARE * chars as f32;
        if heading || label || linked {
            node.remove_from_parent();
        }
    }
}

/// A list whose items are links and little else: "More on this", other stories, tags.
fn is_link_list(node: &NodeRef<'_>) -> bool {
    let items = node
        .element_children()
        .iter()
        .filter(|n| n.has_name("li"))
        .count();
    let chars = node.normalized_char_count();
    items >= MIN_LINK_LIST_ITEMS
        && chars > 0
        && link_chars(node) as f32 >= MIN_LINK_LIST_SHARE * chars as f32
}

/// A short heading or label ("Read more:", "Related stories") right before a list of
/// links.
fn introduces_links(node: &NodeRef<'_>) -> bool {
    node.next_element_sibling()
        .is_some_and(|next| (next.has_name("ul") || next.has_name("ol")) && is_link_list(&next))
        && node.normalized_char_count() <= MAX_LINK_LIST_LABEL_CHARS
}

/// Characters of `node`'s text inside links.
fn link_chars(node: &NodeRef<'_>) -> usize {
    node.descendants_it()
        .filter(|n| n.has_name("a"))
        .map(|a| a.normalized_char_count())
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn stripped(html: &str) -> String {
        let doc = Document::from(html);
        strip(&doc.body().expect("a body"));
        doc.select("body")
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn furniture_goes_article_stays() {
        let page = r#"<body class="single has-sidebar"><article class="post">
            <p>The council voted on Tuesday to close the old bridge for repairs.</p>
            <figure><img src="b.jpg"><figcaption>The bridge. Photo: Agency</figcaption></figure>
            <p><strong>Read also:</strong> <a href="/x">A much longer headline of another story</a></p>
            <div class="author-bio">Jane writes about bridges.</div>
            <p>Work starts in <a href="/may">May</a> and lasts a year, the mayor said.</p>
            </article><div id="comments">Great story!</div></body>"#;
        assert_eq!(
            stripped(page),
            "The council voted on Tuesday to close the old bridge for repairs. \
             Work starts in May and lasts a year, the mayor said."
        );
    }

    #[test]
    fn a_furniture_class_on_the_article_text_keeps_it() {
        let text = "Long article text that is most of the page. ".repeat(20);
        let page = format!(r#"<body><div class="content meta">{text}</div><p>x</p></body>"#);
        assert!(stripped(&page).starts_with("Long article text"));
    }

    #[test]
    fn the_tail_after_the_last_paragraph_loses_headings_labels_and_links() {
        let para =
            "The council voted on Tuesday to close the old bridge for repairs, the mayor said.";
        let page = format!(
            r#"<body><h2>Bridge</h2><p>{para}</p><p>Thanks for reading.</p><h3>More on this</h3>
            <p>Contact:</p><p><a href="/a">Roads</a> and <a href="/b">rivers</a></p></body>"#
        );
        let doc = Document::from(page.as_str());
        let body = doc.body().expect("a body");
        trim_tail(&body);
        let text = body.formatted_text();
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines, ["Bridge", para, "Thanks for reading."]);
    }

    #[test]
    fn class_words_match_whole() {
        assert!(FURNITURE_NAMES.is_match("entry-meta"));
        assert!(FURNITURE_NAMES.is_match("author_bio"));
        assert!(!FURNITURE_NAMES.is_match("authoritative metal"));
        assert!(!FURNITURE_NAMES.is_match("shared-content"));
    }
}
