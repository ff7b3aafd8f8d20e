//! Blocks → WordprocessingML paragraphs: headings, body text, quotes, code, rules, and the
//! dispatch to lists, tables and images. Used for the document and for note parts alike.

use std::path::Path;

use briefsmith_layout::{Block, Run, RunKind, is_attribution};

use crate::images::Media;
use crate::notes::{NoteKind, Notes};
use crate::numbering::Numbering;
use crate::rels::Rels;
use crate::runs::{self, RunProps};
use crate::styles;
use crate::xml::Xml;
use crate::{bookmarks::Bookmarks, direction, lists, tables};

/// One part being written (document, notes, header): its markup and relationships.
#[derive(Debug)]
pub(crate) struct Part {
    pub xml: Xml,
    pub rels: Rels,
}

impl Part {
    pub fn new() -> Part {
        Part {
            xml: Xml::part(),
            rels: Rels::default(),
        }
    }
}

/// What every part of one document shares while it is written.
#[derive(Debug)]
pub(crate) struct Shared<'t> {
    pub notes: Notes<'t>,
    pub numbering: Numbering,
    pub media: Media,
    pub bookmarks: Bookmarks,
    pub warnings: Vec<String>,
    /// Where relative image paths are looked up.
    pub base_dir: Option<&'t Path>,
    /// The text area's width, in points (images are scaled to fit it).
    pub text_width_pt: f32,
    /// What the next paragraph starts with: the number of the note being written.
    pub pending_mark: Option<Mark>,
}

/// The number a note's first paragraph starts with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mark {
    /// Word's own note number, inside a footnote or endnote.
    Note(NoteKind),
    /// A printed number: a note no text references, set at the end of the body.
    Number(u32),
}

/// Where blocks are being set.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// The paragraph style of running text here.
    pub style: &'static str,
    /// Inside a list item of this level: paragraphs are indented to the item's text.
    pub list_level: Option<u8>,
}

impl Ctx {
    pub fn body() -> Ctx {
        Ctx {
            style: styles::BODY,
            list_level: None,
        }
    }

    pub fn note(kind: NoteKind) -> Ctx {
        Ctx {
            style: kind.text_style(),
            list_level: None,
        }
    }

    /// Text continuing a list item without its own number.
    fn indent(&self) -> Option<u32> {
        self.list_level
            .map(|l| (u32::from(l) + 1) * crate::numbering::STEP_TWIPS)
    }
}

/// How one paragraph is set.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para<'a> {
    pub style: &'a str,
    /// List instance and level.
    pub num: Option<(u32, u8)>,
    /// Left indent, in twentieths of a point.
    pub indent: Option<u32>,
    pub keep_next: bool,
    /// Alignment other than the style's (table cells).
    pub jc: Option<&'static str>,
    /// Runs set bold (table headers).
    pub bold: bool,
    /// Text set before the runs (a task list's box).
    pub prefix: Option<&'a str>,
    /// A bookmark around the paragraph's text, for internal links.
    pub bookmark: Option<(u32, String)>,
}

impl<'a> Para<'a> {
    pub fn new(style: &'a str) -> Para<'a> {
        Para {
            style,
            ..Para::default()
        }
    }
}

/// Writes blocks in order.
pub(crate) fn blocks(out: &mut Part, sh: &mut Shared<'_>, blocks: &[Block], ctx: &Ctx) {
    for block in blocks {
        self::block(out, sh, block, ctx);
    }
}

fn block(out: &mut Part, sh: &mut Shared<'_>, block: &Block, ctx: &Ctx) {
    match block {
        Block::Heading { level, runs } => heading(out, sh, styles::heading(*level), runs),
        Block::Paragraph(runs) => {
            let p = Para {
                indent: ctx.indent(),
                ..Para::new(ctx.style)
            };
            paragraph(out, sh, &p, runs);
        }
        Block::List(list) => lists::list(out, sh, list, ctx),
        Block::Quote(inner) => {
            let quote = Ctx {
                style: styles::QUOTE,
                ..ctx.clone()
            };
            match inner.split_last() {
                Some((Block::Paragraph(runs), rest))
                    if !rest.is_empty() && is_attribution(runs) =>
                {
                    blocks(out, sh, rest, &quote);
                    paragraph(out, sh, &Para::new(styles::ATTRIBUTION), runs);
                }
                _ => blocks(out, sh, inner, &quote),
            }
        }
        Block::Code(text) => {
            let p = Para {
                indent: ctx.indent(),
                ..Para::new(styles::CODE)
            };
            let run = Run {
                text: text.clone(),
                kind: RunKind::Text,
                emph: false,
                strong: false,
                strike: false,
                link: None,
            };
            paragraph(out, sh, &p, std::slice::from_ref(&run));
        }
        Block::Rule => rule(out),
        Block::Table(table) => tables::table(out, sh, table),
        Block::Image(image) => crate::images::image(out, sh, image, ctx),
    }
}

/// A thematic break: also the rule under the title block, as in the PDF.
pub(crate) fn rule(out: &mut Part) {
    out.xml.open("w:p", &[]);
    out.xml.open("w:pPr", &[]);
    out.xml.empty("w:pStyle", &[("w:val", styles::RULE)]);
    out.xml.close("w:pPr");
    out.xml.close("w:p");
}

/// A heading (or the title) with a bookmark that `#name` links reach.
pub(crate) fn heading(out: &mut Part, sh: &mut Shared<'_>, style: &str, runs: &[Run]) {
    let bookmark = sh.bookmarks.heading(&plain(runs));
    let p = Para {
        keep_next: true,
        bookmark: Some(bookmark),
        ..Para::new(style)
    };
    paragraph(out, sh, &p, runs);
}

/// One paragraph: its properties, then its runs. A paragraph whose first strong
/// character is right-to-left is marked `w:bidi`.
pub(crate) fn paragraph(out: &mut Part, sh: &mut Shared<'_>, p: &Para<'_>, runs: &[Run]) {
    let x = &mut out.xml;
    x.open("w:p", &[]);
    x.open("w:pPr", &[]);
    x.empty("w:pStyle", &[("w:val", p.style)]);
    if p.keep_next {
        x.empty("w:keepNext", &[]);
    }
    if let Some((num, level)) = p.num {
        x.open("w:numPr", &[]);
        x.empty("w:ilvl", &[("w:val", &level.to_string())]);
        x.empty("w:numId", &[("w:val", &num.to_string())]);
        x.close("w:numPr");
    }
    if direction::is_rtl(&plain(runs)) {
        x.empty("w:bidi", &[]);
    }
    if let Some(left) = p.indent {
        x.empty("w:ind", &[("w:left", &left.to_string())]);
    }
    if let Some(jc) = p.jc {
        x.empty("w:jc", &[("w:val", jc)]);
    }
    x.close("w:pPr");
    if let Some(mark) = sh.pending_mark.take() {
        crate::notes::mark(x, mark);
    }
    if let Some((id, name)) = &p.bookmark {
        x.empty(
            "w:bookmarkStart",
            &[("w:id", &id.to_string()), ("w:name", name)],
        );
    }
    let props = RunProps {
        bold: p.bold,
        ..RunProps::default()
    };
    if let Some(prefix) = p.prefix {
        runs::text(&mut out.xml, prefix, &props);
    }
    runs::runs(out, sh, runs, &props);
    let x = &mut out.xml;
    if let Some((id, _)) = &p.bookmark {
        x.empty("w:bookmarkEnd", &[("w:id", &id.to_string())]);
    }
    x.close("w:p");
}

/// The text of runs as a reader reads it (note references left out).
pub(crate) fn plain(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        match r.kind {
            RunKind::Text | RunKind::Code => out.push_str(&r.text),
            RunKind::Break => out.push(' '),
            RunKind::NoteRef => {}
        }
    }
    out
}
