//! Main text by block density, in the manner of jusText: the page cut into text blocks
//! (site furniture left out), long blocks with few links kept, short ones kept only
//! between kept ones. Its text is used when the readability extractor finds little or
//! nothing, which happens on pages whose article is split across many small containers
//! (live tickers, product pages, blogs without paragraphs); its blocks give the lead that
//! extractor leaves out (see `lead`).

use super::boilerplate::Furniture;
use dom_query::NodeRef;

/// Elements that start a text block of their own.
const BLOCK_TAGS: [&str; 24] = [
    "address",
    "article",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "ul",
];

/// Elements whose text is never article text.
const SKIPPED_TAGS: [&str; 8] = [
    "script", "style", "noscript", "template", "select", "option", "svg", "head",
];

/// A block at least this long (in characters) with few links is article text.
const GOOD_CHARS: usize = 80;
/// Most share of a good block's text inside links.
const GOOD_LINK_SHARE: f32 = 0.3;
/// A block with more of its text inside links than this is navigation.
const BAD_LINK_SHARE: f32 = 0.5;
/// How many blocks away a short block may be from good blocks on both sides to be kept.
const NEAR: usize = 3;

/// One block of text in document order.
struct Block {
    text: String,
    chars: usize,
    link_chars: usize,
    heading: bool,
    /// Whether white space separates the next word from the text so far.
    space: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Good,
    Short,
    Bad,
}

/// A block of the main text.
pub struct MainBlock {
    /// The block's text, white space collapsed.
    pub text: String,
    /// Long, with few links: prose, not a short line kept for its neighbours.
    pub good: bool,
}

/// The main text of `blocks`, one block a line.
pub fn main_text(blocks: &[MainBlock]) -> String {
    let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    lines.join("\n")
}

/// The blocks of the main text under `root` (a page's body), in document order; site
/// furniture (see `boilerplate`) is passed over.
pub fn main_blocks(root: &NodeRef<'_>) -> Vec<MainBlock> {
    let blocks = collect(root);
    let classes: Vec<Class> = blocks.iter().map(Block::class).collect();
    let good = |i: &usize| classes[*i] == Class::Good;
    let near_good = |i: usize| {
        let before = (i.saturating_sub(NEAR)..i).any(|j| good(&j));
        let after = (i + 1..(i + 1 + NEAR).min(blocks.len())).any(|j| good(&j));
        (before || blocks[i].heading) && after
    };
    let kept: Vec<bool> = (0..blocks.len())
        .map(|i| match classes[i] {
            Class::Good => true,
            Class::Short => near_good(i),
            Class::Bad => false,
        })
        .collect();
    blocks
        .into_iter()
        .zip(kept)
        .zip(classes)
        .filter(|((_, kept), _)| *kept)
        .map(|((block, _), class)| MainBlock {
            text: block.text,
            good: class == Class::Good,
        })
        .collect()
}

impl Block {
    fn new(heading: bool) -> Self {
        Block {
            text: String::new(),
            chars: 0,
            link_chars: 0,
            heading,
            space: false,
        }
    }

    /// Adds a text node's words. Words of adjacent text nodes with no white space between
    /// them (`H<sub>2</sub>O`) stay joined.
    fn push(&mut self, text: &str, in_link: bool) {
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        for word in text.split_whitespace() {
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
                self.chars += 1;
            }
            self.space = true;
            self.text.push_str(word);
            let n = word.chars().count();
            self.chars += n;
            if in_link {
                self.link_chars += n;
            }
        }
        self.space = text.ends_with(char::is_whitespace);
    }

    fn class(&self) -> Class {
        let share = self.link_chars as f32 / self.chars.max(1) as f32;
        if share > BAD_LINK_SHARE {
            Class::Bad
        } else if self.chars >= GOOD_CHARS && share <= GOOD_LINK_SHARE {
            Class::Good
        } else {
            Class::Short
        }
    }
}

/// Cuts the text under `root`, furniture left out, into blocks: every block element
/// closes the block before it and starts one. Iterative, so a deep page cannot exhaust
/// the stack.
fn collect(root: &NodeRef<'_>) -> Vec<Block> {
    let furniture = Furniture::of(root);
    enum Step<'a> {
        Enter(NodeRef<'a>, bool),
        CloseBlock,
    }
    let mut blocks = Vec::new();
    let mut current = Block::new(false);
    let mut stack: Vec<Step<'_>> = root
        .children_it(true)
        .map(|c| Step::Enter(c, false))
        .collect();
    while let Some(step) = stack.pop() {
        let (node, in_link) = match step {
            Step::CloseBlock => {
                blocks.push(std::mem::replace(&mut current, Block::new(false)));
                continue;
            }
            Step::Enter(node, in_link) => (node, in_link),
        };
        if node.is_text() {
            current.push(&node.text(), in_link);
            continue;
        }
        let Some(tag) = node.node_name().filter(|_| node.is_element()) else {
            continue;
        };
        // The HTML parser gives element names in lower case.
        let name: &str = &tag;
        if SKIPPED_TAGS.contains(&name) || furniture.is(&node) {
            continue;
        }
        if name == "br" {
            current.push(" ", in_link);
            continue;
        }
        let link = in_link || name == "a";
        if BLOCK_TAGS.contains(&name) {
            let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            blocks.push(std::mem::replace(&mut current, Block::new(heading)));
            stack.push(Step::CloseBlock);
        }
        stack.extend(node.children_it(true).map(|c| Step::Enter(c, link)));
    }
    blocks.push(current);
    blocks.retain(|b| b.chars > 0);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn long_blocks_stay_menus_go() {
        let para =
            "The council voted on Tuesday to close the old bridge for repairs, the mayor said.";
        let page = format!(
            r#"<body><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul>
            <div><h2>Bridge to close</h2><div>{para}</div><span>Short line.</span>
            <div>{para}</div></div><div><a href="/x">Another story with a long headline here</a></div>
            <p>H<sub>2</sub>O<br>stays</p></body>"#
        );
        let doc = Document::from(page.as_str());
        let blocks = main_blocks(&doc.body().expect("a body"));
        assert_eq!(
            main_text(&blocks),
            format!("Bridge to close\n{para}\nShort line.\n{para}")
        );
        let good: Vec<bool> = blocks.iter().map(|b| b.good).collect();
        assert_eq!(good, [false, true, false, true]);
        let last = collect(&doc.body().expect("a body")).pop().map(|b| b.text);
        assert_eq!(last.as_deref(), Some("H2O stays"));
    }
}
