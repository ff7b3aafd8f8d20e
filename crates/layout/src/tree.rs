//! The document tree: the few block and inline kinds the layout sets, built from Markdown
//! by [`crate::parse()`]. Public so other writers (Word) map the very same structure. Inline content is a flat list of styled runs, so no inline nesting
//! can recurse; block nesting is capped when the tree is built.

use pulldown_cmark::Alignment;

/// A parsed document: its blocks in reading order and its note definitions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tree {
    /// The body's blocks in reading order.
    pub blocks: Vec<Block>,
    /// Footnote definitions `[^label]: …` in source order, kept out of the flow.
    pub notes: Vec<NoteDef>,
}

/// A footnote definition: its label and its content.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDef {
    /// The label as written, without `[^` and `]`.
    pub label: String,
    /// The note's content.
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of level 1–6.
    Heading { level: u8, runs: Vec<Run> },
    /// A paragraph of running text.
    Paragraph(Vec<Run>),
    /// A bullet or numbered list.
    List(List),
    /// A block quote and the blocks inside it.
    Quote(Vec<Block>),
    /// Preformatted text set verbatim: code blocks, and HTML blocks (never interpreted).
    Code(String),
    /// A thematic break.
    Rule,
    /// A GFM table.
    Table(Table),
    /// An image standing as a block of its own.
    Image(Image),
}

/// A bullet or numbered list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first number of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    /// Tight lists set their items without paragraph spacing.
    pub tight: bool,
    /// The items in order.
    pub items: Vec<ListItem>,
}

/// One list item: an optional task-box state and its blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListItem {
    /// `Some(done)` for a task-list item.
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
}

/// A GFM table: column alignments, one header row and the body rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// One alignment per column.
    pub aligns: Vec<Alignment>,
    /// The header row's cells.
    pub header: Vec<Vec<Run>>,
    /// The body rows, each a list of cells.
    pub rows: Vec<Vec<Vec<Run>>>,
}

/// A Markdown image: where it points, its alternative text and its title.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Image {
    /// The path or URL as written.
    pub src: String,
    /// The alternative text.
    pub alt: String,
    /// The title, `![alt](src "title")`; empty when there is none.
    pub title: String,
}

impl Image {
    /// What a reader who cannot see the image is told: its alternative text, else its
    /// title, else its caption — the paragraph right after it (`next`) when that is
    /// wholly in italics, as Markdown captions are written. `None` when it has none.
    pub fn description(&self, next: Option<&Block>) -> Option<String> {
        let caption = || match next {
            Some(Block::Paragraph(runs))
                if runs
                    .iter()
                    .all(|r| r.emph || r.kind == RunKind::Break || r.text.trim().is_empty()) =>
            {
                Some(crate::inline::plain_text(runs))
            }
            _ => None,
        };
        [Some(self.alt.clone()), Some(self.title.clone()), caption()]
            .into_iter()
            .flatten()
            .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|text| !text.is_empty())
    }

    /// The file the image comes from, without its folders (for messages).
    pub fn file_name(&self) -> &str {
        self.src
            .rsplit(['/', '\\'])
            .next()
            .filter(|name| !name.is_empty())
            .unwrap_or(&self.src)
    }
}

/// A piece of inline content in one style.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text (for a note reference, its label).
    pub text: String,
    /// What the run is.
    pub kind: RunKind,
    /// Emphasis (italic).
    pub emph: bool,
    /// Strong emphasis (bold).
    pub strong: bool,
    /// Struck through.
    pub strike: bool,
    /// The destination of the link this run is part of, if any (any scheme; the layout
    /// decides what becomes clickable).
    pub link: Option<String>,
}

/// What a run is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunKind {
    /// Ordinary text.
    Text,
    /// Inline code, set in the mono family.
    Code,
    /// A footnote reference; `text` holds the label.
    NoteRef,
    /// A hard line break (`text` is empty).
    Break,
}

/// Whether a paragraph is a quote's closing line naming the speaker ("— Name, role,
/// date"): it starts with an em or horizontal-bar dash and a space. The PDF and the Word
/// writer both set it small and to the right.
pub fn is_attribution(runs: &[Run]) -> bool {
    let first = runs.iter().find(|r| r.kind != RunKind::Break);
    first.is_some_and(|r| {
        let t = r.text.trim_start();
        (t.starts_with('\u{2014}') || t.starts_with('\u{2015}'))
            && t.chars().nth(1).is_some_and(char::is_whitespace)
    })
}

#[cfg(test)]
impl Run {
    /// The plain text of runs, as a reader would read them (breaks become spaces).
    pub fn plain(runs: &[Run]) -> String {
        let mut out = String::new();
        for r in runs {
            match r.kind {
                RunKind::Break => out.push(' '),
                _ => out.push_str(&r.text),
            }
        }
        out
    }
}
