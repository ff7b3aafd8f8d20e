//! The document tree: the few block and inline kinds the layout sets, built from Markdown
//! by [`crate::parse`]. Inline content is a flat list of styled runs, so no inline nesting
//! can recurse; block nesting is capped when the tree is built.

use pulldown_cmark::Alignment;

/// A parsed document: its blocks in reading order and its note definitions.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Tree {
    pub blocks: Vec<Block>,
    /// Footnote definitions `[^label]: …` in source order, kept out of the flow.
    pub notes: Vec<NoteDef>,
}

/// A footnote definition: its label and its content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct NoteDef {
    pub label: String,
    pub blocks: Vec<Block>,
}

/// A block-level element.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Heading {
        level: u8,
        runs: Vec<Run>,
    },
    Paragraph(Vec<Run>),
    List(List),
    Quote(Vec<Block>),
    /// Preformatted text set verbatim: code blocks, and HTML blocks (never interpreted).
    Code(String),
    Rule,
    Table(Table),
    Image(Image),
}

/// A bullet or numbered list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct List {
    /// The first number of a numbered list; `None` for bullets.
    pub start: Option<u64>,
    /// Tight lists set their items without paragraph spacing.
    pub tight: bool,
    pub items: Vec<ListItem>,
}

/// One list item: an optional task-box state and its blocks.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct ListItem {
    pub task: Option<bool>,
    pub blocks: Vec<Block>,
}

/// A GFM table: column alignments, one header row and the body rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub aligns: Vec<Alignment>,
    pub header: Vec<Vec<Run>>,
    pub rows: Vec<Vec<Vec<Run>>>,
}

/// A Markdown image: where it points and its alternative text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Image {
    pub src: String,
    pub alt: String,
}

/// A piece of inline content in one style.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    pub text: String,
    pub kind: RunKind,
    pub emph: bool,
    pub strong: bool,
    pub strike: bool,
    /// The destination of the link this run is part of, if any (any scheme; the layout
    /// decides what becomes clickable).
    pub link: Option<String>,
}

/// What a run is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RunKind {
    Text,
    /// Inline code, set in the mono family.
    Code,
    /// A footnote reference; `text` holds the label.
    NoteRef,
    /// A hard line break (`text` is empty).
    Break,
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
