//! Helpers shared by the template and export tests: the sample drafts, and the Markdown
//! they produce read back with pulldown-cmark.

use briefsmith_core::model::{Block, Brief, Dataset, ItemKind, Speech};
use briefsmith_core::store::open_draft;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::{Path, PathBuf};

/// The sample drafts, by file name.
pub const SAMPLES: [&str; 3] = [
    "bluf-air-defence.brief.json",
    "read-ahead-kazan.brief.json",
    "sitrep-israel-iran.brief.json",
];

/// A fixed export date, so snapshots do not change from day to day.
pub const EXPORT_DATE: &str = "2024-10-13";

/// The path of a sample draft.
pub fn sample_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_briefs")
        .join(name)
}

/// A sample draft and its dataset, opened the way the program opens them.
pub fn sample(name: &str) -> (Brief, Dataset) {
    let opened = open_draft(&sample_path(name)).expect("sample draft opens");
    let dataset = opened.dataset.expect("sample dataset opens");
    (opened.brief, dataset)
}

/// The Markdown dialect the layout reads.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// What a reader (or the layout) finds in a Markdown text.
#[derive(Debug, Default)]
pub struct Parsed {
    /// (level, plain text) of each heading, in order.
    pub headings: Vec<(u8, String)>,
    /// Each top-level block quote as its paragraphs' plain text.
    pub quotes: Vec<Vec<String>>,
    /// Footnote labels referenced, in order (repeats kept).
    pub note_refs: Vec<String>,
    /// Footnote labels defined, in order.
    pub note_defs: Vec<String>,
    /// Each table's rows (header first) as cells' plain text.
    pub tables: Vec<Vec<Vec<String>>>,
    /// Each paragraph's plain text with its footnote refs as `[^label]`.
    pub paragraphs: Vec<String>,
    /// Link destinations.
    pub links: Vec<String>,
    /// Raw HTML found (should be none).
    pub html: Vec<String>,
    /// All text content, joined by spaces.
    pub text: String,
    /// Emphasis or strong spans' text (outside what the templates add).
    pub emphasis: Vec<String>,
    /// Kinds of block-level elements at top level, in order (for structure checks).
    pub list_items: usize,
    pub code_blocks: usize,
}

/// Parses Markdown into [`Parsed`].
pub fn parse(markdown: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut heading: Option<(u8, String)> = None;
    let mut quote_depth = 0usize;
    let mut quote: Vec<String> = Vec::new();
    let mut para: Option<String> = None;
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut emph: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        let mut text_piece: Option<String> = None;
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((heading_level(level), String::new()))
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    p.headings.push(h);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quote_depth += 1;
                if quote_depth == 1 {
                    quote.clear();
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quote_depth -= 1;
                if quote_depth == 0 {
                    p.quotes.push(std::mem::take(&mut quote));
                }
            }
            Event::Start(Tag::Paragraph) => para = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(text) = para.take() {
                    if quote_depth > 0 {
                        quote.push(text.clone());
                    }
                    p.paragraphs.push(text);
                }
            }
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    p.tables.push(t);
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(t) = table.as_mut() {
                    t.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => row.push(cell.take().unwrap_or_default()),
            Event::Start(Tag::Link { dest_url, .. }) => p.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { dest_url, .. }) => p.links.push(dest_url.to_string()),
            Event::Start(Tag::Emphasis | Tag::Strong) => emph = Some(String::new()),
            Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                if let Some(e) = emph.take() {
                    p.emphasis.push(e);
                }
            }
            Event::Start(Tag::FootnoteDefinition(label)) => p.note_defs.push(label.to_string()),
            Event::Start(Tag::Item) => p.list_items += 1,
            Event::Start(Tag::CodeBlock(_)) => p.code_blocks += 1,
            Event::FootnoteReference(label) => {
                p.note_refs.push(label.to_string());
                if let Some(para) = para.as_mut() {
                    para.push_str(&format!("[^{label}]"));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => p.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => text_piece = Some(t.to_string()),
            Event::SoftBreak | Event::HardBreak => text_piece = Some(" ".into()),
            _ => {}
        }
        if let Some(t) = text_piece {
            for target in [
                heading.as_mut().map(|h| &mut h.1),
                para.as_mut(),
                cell.as_mut(),
                emph.as_mut(),
            ]
            .into_iter()
            .flatten()
            {
                target.push_str(&t);
            }
            p.text.push_str(&t);
            p.text.push(' ');
        }
    }
    p
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Whitespace runs folded to one space, ends trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Texts of the direct quotes picked in a brief.
pub fn direct_quotes(brief: &Brief) -> Vec<String> {
    brief
        .blocks()
        .filter_map(|(_, b)| match b {
            Block::Item(r)
                if r.snapshot.kind == ItemKind::Quote
                    && r.snapshot.speech != Some(Speech::Reported) =>
            {
                Some(r.snapshot.text.clone())
            }
            _ => None,
        })
        .collect()
}
