//! Markdown → document tree, from pulldown-cmark's event stream.
//!
//! The builder keeps its own stack of open containers instead of recursing, and stops
//! nesting past [`MAX_DEPTH`] (deeper containers are set flat inside the deepest one), so
//! neither building, laying out nor dropping the tree can overflow the stack.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::tree::{Block, Image, List, ListItem, NoteDef, Run, RunKind, Table, Tree};

/// Containers (quotes, lists, items, notes) nested deeper than this are flattened.
pub(crate) const MAX_DEPTH: usize = 24;

/// The Markdown dialect: CommonMark plus GFM tables, footnotes, strikethrough and task
/// lists; no smart punctuation, so quotes stay as typed.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Parses Markdown into the tree the layout sets (and the Word writer maps). Never fails:
/// any text is some document.
pub fn parse(markdown: &str) -> Tree {
    let mut b = Builder::new();
    for event in Parser::new_ext(markdown, options()) {
        b.event(event);
    }
    b.finish()
}

enum FrameKind {
    Root,
    Quote,
    List {
        start: Option<u64>,
        items: Vec<ListItem>,
        loose: bool,
    },
    Item {
        task: Option<bool>,
        has_para: bool,
    },
    Note(String),
}

struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
}

/// Where the inline content being collected will go.
#[derive(Clone, Copy, PartialEq)]
enum InlineKind {
    Paragraph,
    /// Text of a tight list item, which has no paragraph tags around it.
    Implicit,
    Heading(u8),
    Cell,
}

struct Inlines {
    kind: InlineKind,
    runs: Vec<Run>,
}

struct TableBuilder {
    table: Table,
    row: Vec<Vec<Run>>,
}

#[derive(Default)]
struct InlineStyle {
    emph: u32,
    strong: u32,
    strike: u32,
    links: Vec<String>,
}

struct Builder {
    frames: Vec<Frame>,
    /// One entry per open container tag: whether it has its own frame (false = flattened).
    open: Vec<bool>,
    inline: Option<Inlines>,
    style: InlineStyle,
    table: Option<TableBuilder>,
    /// Text of the code or HTML block being read.
    code: Option<String>,
    /// The image being read (its alt text growing), and how deeply images nest in it.
    image: Option<Image>,
    image_depth: u32,
    notes: Vec<NoteDef>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            frames: vec![Frame {
                kind: FrameKind::Root,
                blocks: Vec::new(),
            }],
            open: Vec::new(),
            inline: None,
            style: InlineStyle::default(),
            table: None,
            code: None,
            image: None,
            image_depth: 0,
            notes: Vec::new(),
        }
    }

    fn finish(mut self) -> Tree {
        self.flush_inline();
        // Close whatever a malformed stream left open, innermost first.
        while self.frames.len() > 1 {
            self.close_frame();
        }
        let blocks = self.frames.pop().map(|f| f.blocks).unwrap_or_default();
        Tree {
            blocks,
            notes: self.notes,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if self.image.is_some() {
            self.image_event(event);
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.push_str(&t);
                } else {
                    self.text(&t, RunKind::Text);
                }
            }
            Event::Code(t) => self.text(&t, RunKind::Code),
            Event::Html(t) => match &mut self.code {
                Some(code) => code.push_str(&t),
                None => self.text(&t, RunKind::Text),
            },
            Event::InlineHtml(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t, RunKind::Text)
            }
            Event::FootnoteReference(label) => self.text(&label, RunKind::NoteRef),
            Event::SoftBreak => self.text(" ", RunKind::Text),
            Event::HardBreak => self.text("", RunKind::Break),
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => self.task(done),
        }
    }

    /// Inside an image only its alt text matters; nested tags just add depth.
    fn image_event(&mut self, event: Event<'_>) {
        let Some(Image { alt, .. }) = &mut self.image else {
            return;
        };
        match event {
            Event::Start(Tag::Image { .. }) => self.image_depth += 1,
            Event::End(TagEnd::Image) => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0
                    && let Some(image) = self.image.take()
                {
                    self.place_image(image);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                if let Some(Frame {
                    kind: FrameKind::Item { has_para, .. },
                    ..
                }) = self.frames.last_mut()
                {
                    *has_para = true;
                }
                self.begin_inline(InlineKind::Paragraph);
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.begin_inline(InlineKind::Heading(level as u8));
            }
            Tag::BlockQuote(_) => self.open_container(FrameKind::Quote),
            Tag::List(start) => self.open_container(FrameKind::List {
                start,
                items: Vec::new(),
                loose: false,
            }),
            Tag::Item => {
                let in_list = matches!(
                    (self.open.last(), self.frames.last()),
                    (
                        Some(true),
                        Some(Frame {
                            kind: FrameKind::List { .. },
                            ..
                        })
                    )
                );
                self.flush_inline();
                if in_list {
                    self.push_frame(FrameKind::Item {
                        task: None,
                        has_para: false,
                    });
                } else {
                    self.open.push(false);
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.open_container(FrameKind::Note(label.to_string()))
            }
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                self.flush_inline();
                self.code = Some(String::new());
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(TableBuilder {
                    table: Table {
                        aligns,
                        header: Vec::new(),
                        rows: Vec::new(),
                    },
                    row: Vec::new(),
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.row.clear();
                }
            }
            Tag::TableCell => self.begin_inline(InlineKind::Cell),
            Tag::Emphasis => self.style.emph += 1,
            Tag::Strong => self.style.strong += 1,
            Tag::Strikethrough => self.style.strike += 1,
            Tag::Link { dest_url, .. } => self.style.links.push(dest_url.to_string()),
            Tag::Image {
                dest_url, title, ..
            } => {
                self.image = Some(Image {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    title: title.to_string(),
                });
                self.image_depth = 1;
            }
            // Not enabled in our dialect; their content is set as ordinary text.
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => {
                if let Some(runs) = self.take_inline(InlineKind::Paragraph) {
                    self.push_paragraph(runs);
                }
            }
            TagEnd::Heading(_) => {
                if let Some(inl) = self.inline.take() {
                    let level = match inl.kind {
                        InlineKind::Heading(l) => l,
                        _ => 1,
                    };
                    self.block(Block::Heading {
                        level,
                        runs: inl.runs,
                    });
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.flush_inline();
                if self.open.pop() == Some(true) {
                    self.close_frame();
                }
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                if let Some(mut code) = self.code.take() {
                    if code.ends_with('\n') {
                        code.pop();
                    }
                    self.block(Block::Code(code));
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.block(Block::Table(t.table));
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.table.header = std::mem::take(&mut t.row);
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    t.table.rows.push(row);
                }
            }
            TagEnd::TableCell => {
                let runs = self.take_inline(InlineKind::Cell).unwrap_or_default();
                if let Some(t) = &mut self.table {
                    t.row.push(runs);
                }
            }
            TagEnd::Emphasis => self.style.emph = self.style.emph.saturating_sub(1),
            TagEnd::Strong => self.style.strong = self.style.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.style.strike = self.style.strike.saturating_sub(1),
            TagEnd::Link => {
                self.style.links.pop();
            }
            TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn open_container(&mut self, kind: FrameKind) {
        self.flush_inline();
        if self.frames.len() >= MAX_DEPTH {
            self.open.push(false);
        } else {
            self.push_frame(kind);
        }
    }

    fn push_frame(&mut self, kind: FrameKind) {
        self.open.push(true);
        self.frames.push(Frame {
            kind,
            blocks: Vec::new(),
        });
    }

    /// Pops the innermost frame and hands what it built to its parent.
    fn close_frame(&mut self) {
        if self.frames.len() <= 1 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Root => {}
            FrameKind::Quote => self.block(Block::Quote(frame.blocks)),
            FrameKind::List {
                start,
                mut items,
                loose,
            } => {
                // Blocks that reached the list frame outside any item form one more item.
                if !frame.blocks.is_empty() {
                    items.push(ListItem {
                        task: None,
                        blocks: frame.blocks,
                    });
                }
                self.block(Block::List(List {
                    start,
                    tight: !loose,
                    items,
                }));
            }
            FrameKind::Item { task, has_para } => {
                let item = ListItem {
                    task,
                    blocks: frame.blocks,
                };
                match self.frames.last_mut() {
                    Some(Frame {
                        kind: FrameKind::List { items, loose, .. },
                        ..
                    }) => {
                        *loose |= has_para;
                        items.push(item);
                    }
                    _ => {
                        for b in item.blocks {
                            self.block(b);
                        }
                    }
                }
            }
            FrameKind::Note(label) => self.notes.push(NoteDef {
                label,
                blocks: frame.blocks,
            }),
        }
    }

    /// Adds a finished block to the innermost container.
    fn block(&mut self, block: Block) {
        self.flush_inline();
        if let Some(frame) = self.frames.last_mut() {
            frame.blocks.push(block);
        }
    }

    fn begin_inline(&mut self, kind: InlineKind) {
        self.inline = Some(Inlines {
            kind,
            runs: Vec::new(),
        });
    }

    /// Takes the runs being collected if they are of `kind` (otherwise leaves them).
    fn take_inline(&mut self, kind: InlineKind) -> Option<Vec<Run>> {
        match &self.inline {
            Some(i) if i.kind == kind => self.inline.take().map(|i| i.runs),
            _ => None,
        }
    }

    /// Ends an implicit paragraph (tight list text) before a block starts or a container ends.
    fn flush_inline(&mut self) {
        if let Some(runs) = self.take_inline(InlineKind::Implicit) {
            self.push_paragraph(runs);
        }
    }

    fn push_paragraph(&mut self, runs: Vec<Run>) {
        if runs
            .iter()
            .any(|r| r.kind != RunKind::Text || !r.text.trim().is_empty())
        {
            self.block(Block::Paragraph(runs));
        }
    }

    fn text(&mut self, text: &str, kind: RunKind) {
        if self.inline.is_none() {
            if self.table.is_some() {
                // Text between cells (never produced by the parser) has no place to go.
                return;
            }
            self.begin_inline(InlineKind::Implicit);
        }
        let style = &self.style;
        let Some(inl) = &mut self.inline else {
            return;
        };
        let link = style.links.last().cloned();
        let (emph, strong, strike) = (style.emph > 0, style.strong > 0, style.strike > 0);
        if kind == RunKind::Text
            && let Some(last) = inl.runs.last_mut()
            && last.kind == RunKind::Text
            && (last.emph, last.strong, last.strike) == (emph, strong, strike)
            && last.link == link
        {
            last.text.push_str(text);
            return;
        }
        inl.runs.push(Run {
            text: text.to_string(),
            kind,
            emph,
            strong,
            strike,
            link,
        });
    }

    fn task(&mut self, done: bool) {
        match self.frames.last_mut() {
            Some(Frame {
                kind: FrameKind::Item { task, .. },
                ..
            }) if self.inline.as_ref().is_none_or(|i| i.runs.is_empty()) => *task = Some(done),
            _ => self.text(if done { "[x] " } else { "[ ] " }, RunKind::Text),
        }
    }

    /// An image in running text becomes a block of its own between the text before and
    /// after it; elsewhere (headings, cells) its alt text stands in.
    fn place_image(&mut self, image: Image) {
        let kind = self.inline.as_ref().map(|i| i.kind);
        match kind {
            Some(InlineKind::Heading(_)) | Some(InlineKind::Cell) => {
                self.text(&image.alt, RunKind::Text)
            }
            _ => {
                if let Some(inl) = &mut self.inline {
                    let runs = std::mem::take(&mut inl.runs);
                    self.push_paragraph_keep_inline(runs);
                }
                if let Some(frame) = self.frames.last_mut() {
                    frame.blocks.push(Block::Image(image));
                }
            }
        }
    }

    /// Pushes a paragraph without ending the inline collection in progress.
    fn push_paragraph_keep_inline(&mut self, runs: Vec<Run>) {
        if runs
            .iter()
            .any(|r| r.kind != RunKind::Text || !r.text.trim().is_empty())
            && let Some(frame) = self.frames.last_mut()
        {
            frame.blocks.push(Block::Paragraph(runs));
        }
    }
}

#[cfg(test)]
mod tests;
