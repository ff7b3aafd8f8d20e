//! The layout's document tree → a Word `.docx` package (WordprocessingML), so a brief
//! exported to Word has the structure of its PDF: the same Markdown, parsed once by
//! [`briefsmith_layout::parse`], and the same page style and document facts.
//!
//! The parts are written here with a small escaping XML writer and zipped with `zip`:
//! the Word writers on crates.io lack endnotes, repeating table header rows and
//! right-to-left runs, all of which a brief needs.
//!
//! Modules, one job each: `body` (blocks), `runs` (inline content), `lists` and
//! `numbering`, `tables`, `images`, `notes`, `furniture` (headers and footers),
//! `styles`, `properties`, `package` (the zip), `direction` (right-to-left text).

mod body;
mod bookmarks;
mod direction;
mod error;
mod furniture;
mod images;
mod lists;
mod notes;
mod numbering;
mod package;
mod properties;
mod rels;
mod runs;
mod styles;
mod tables;
mod xml;

use std::path::Path;

use briefsmith_layout::{Block, Tree};
use briefsmith_style::{DocumentInfo, PageStyle, WordStyle};

use body::{Ctx, Mark, Part, Shared};
use notes::{NoteKind, Notes};

pub use error::DocxError;

/// The WordprocessingML namespace.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Namespaces of parts that hold text: the document, notes, headers and footers.
pub(crate) const NAMESPACES: [(&str, &str); 5] = [
    ("xmlns:w", W),
    (
        "xmlns:r",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    ),
    (
        "xmlns:wp",
        "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    ),
    (
        "xmlns:a",
        "http://schemas.openxmlformats.org/drawingml/2006/main",
    ),
    (
        "xmlns:pic",
        "http://schemas.openxmlformats.org/drawingml/2006/picture",
    ),
];

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;

/// What the Word file needs beyond the document and its page style.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The template's Word styling.
    pub word: &'a WordStyle,
    /// Where relative image paths are looked up (the draft's folder).
    pub base_dir: Option<&'a Path>,
    /// A `.docx` whose styles replace the generated ones.
    pub reference_docx: Option<&'a Path>,
}

/// A written Word file and what the reader should know about it (images shown as
/// placeholders).
#[derive(Debug, Clone)]
pub struct Docx {
    /// The `.docx` file's bytes.
    pub bytes: Vec<u8>,
    /// One line per image shown as a placeholder, naming it and why.
    pub warnings: Vec<String>,
}

/// Markdown → tree → `.docx`, with the page style and facts the PDF uses.
pub fn markdown_to_docx(
    markdown: &str,
    page: &PageStyle,
    info: &DocumentInfo,
    options: &Options<'_>,
) -> Result<Docx, DocxError> {
    write(&briefsmith_layout::parse(markdown), page, info, options)
}

/// Writes a parsed document as a `.docx`. A leading level-1 heading is the document's
/// title (Word's Title style, and no running head on the first page, as in the PDF).
pub fn write(
    tree: &Tree,
    page: &PageStyle,
    info: &DocumentInfo,
    options: &Options<'_>,
) -> Result<Docx, DocxError> {
    let (page_w, _) = page.paper.size_pt();
    let m = page.margins_mm;
    let text_width_pt = page_w - (m.left + m.right) * MM;
    if !text_width_pt.is_finite() || text_width_pt < 72.0 {
        return Err(DocxError::Style(format!(
            "the margins leave a text area {text_width_pt:.0} pt wide; at least 72 pt is needed"
        )));
    }
    let kind = NoteKind::of(page.notes);
    let mut sh = Shared {
        notes: Notes::new(kind, &tree.notes),
        numbering: numbering::Numbering::default(),
        media: images::Media::default(),
        bookmarks: bookmarks::Bookmarks::default(),
        warnings: Vec::new(),
        base_dir: options.base_dir,
        text_width_pt,
        pending_mark: None,
    };

    let mut doc = Part::new();
    doc.xml.open("w:document", &NAMESPACES);
    doc.xml.open("w:body", &[]);
    let mut blocks = &tree.blocks[..];
    let mut doc_title = String::new();
    if let Some(Block::Heading { level: 1, runs }) = blocks.first() {
        doc_title = body::plain(runs);
        body::heading(&mut doc, &mut sh, styles::TITLE, runs);
        blocks = &blocks[1..];
        if let Some(Block::Paragraph(meta)) = blocks.first()
            && is_title_meta(meta)
        {
            body::paragraph(&mut doc, &mut sh, &body::Para::new(styles::SUBTITLE), meta);
            blocks = &blocks[1..];
        }
        body::rule(&mut doc);
    }
    body::blocks(&mut doc, &mut sh, blocks, &Ctx::body());
    unreferenced_notes(&mut doc, &mut sh, tree, kind);

    let has_title = !doc_title.is_empty();
    let fields = briefsmith_layout::placeholders::Fields {
        title: if info.title.trim().is_empty() {
            &doc_title
        } else {
            info.title.trim()
        },
        date: &info.date,
        banner: &info.banner,
    };
    let mut parts: Vec<(String, Vec<u8>)> = vec![(
        "word/header1.xml".into(),
        furniture::header(page, info, &fields, true),
    )];
    let header = doc.rels.add("header", "header1.xml");
    let first_header = has_title.then(|| {
        parts.push((
            "word/header2.xml".into(),
            furniture::header(page, info, &fields, false),
        ));
        doc.rels.add("header", "header2.xml")
    });
    parts.push((
        "word/footer1.xml".into(),
        furniture::footer(page, info, &fields),
    ));
    let footer = doc.rels.add("footer", "footer1.xml");
    section(&mut doc, page, &header, first_header.as_deref(), &footer);
    doc.xml.close("w:body");
    doc.xml.close("w:document");

    // Notes are written after the body, which numbered them; they may add lists and images.
    let footnotes = notes::part(NoteKind::Foot, &mut sh);
    let endnotes = notes::part(NoteKind::End, &mut sh);
    for (name, part) in [("footnotes", footnotes), ("endnotes", endnotes)] {
        doc.rels.add(name, format!("{name}.xml"));
        push_part(&mut parts, &format!("word/{name}.xml"), part);
    }
    doc.rels.add("styles", "styles.xml");
    doc.rels.add("settings", "settings.xml");
    doc.rels.add("numbering", "numbering.xml");

    let generated = styles::generate(page, options.word, text_width_pt);
    let styles = match options.reference_docx {
        Some(path) => reference_styles(path, &generated)?,
        None => generated,
    };
    parts.push(("word/styles.xml".into(), styles));
    parts.push(("word/numbering.xml".into(), sh.numbering.to_xml()));
    parts.push(("word/settings.xml".into(), settings(&options.word.language)));
    for (name, bytes) in std::mem::take(&mut sh.media.files) {
        parts.push((format!("word/media/{name}"), bytes));
    }
    push_part(&mut parts, "word/document.xml", doc);
    parts.push(("_rels/.rels".into(), rels::package_rels()));
    parts.push((
        "docProps/core.xml".into(),
        properties::core(
            info_with_title(info, &doc_title).as_ref(),
            &options.word.language,
        ),
    ));
    parts.push(("docProps/app.xml".into(), properties::app()));
    let bytes = package::zip(parts)?;
    Ok(Docx {
        bytes,
        warnings: sh.warnings,
    })
}

/// Whether the paragraph under the title is its metadata line (audience, author, date),
/// which the PDF sets small in the title block: short, without note references, and
/// either broken into lines ("For: …", "From: …") or wholly emphasised.
fn is_title_meta(runs: &[briefsmith_layout::Run]) -> bool {
    use briefsmith_layout::RunKind;
    let short = body::plain(runs).chars().count() <= 300;
    let no_refs = runs.iter().all(|r| r.kind != RunKind::NoteRef);
    let lines = runs.iter().any(|r| r.kind == RunKind::Break);
    let emphasised = runs
        .iter()
        .filter(|r| r.kind == RunKind::Text && !r.text.trim().is_empty())
        .all(|r| r.emph || r.strong);
    short && no_refs && (lines || emphasised)
}

/// The document's facts, with the leading heading as the title when none is given.
fn info_with_title<'a>(
    info: &'a DocumentInfo,
    doc_title: &str,
) -> std::borrow::Cow<'a, DocumentInfo> {
    if info.title.trim().is_empty() {
        let mut owned = info.clone();
        owned.title = doc_title.to_owned();
        std::borrow::Cow::Owned(owned)
    } else {
        std::borrow::Cow::Borrowed(info)
    }
}

/// Adds a part and, when it has any, its relationships part.
fn push_part(parts: &mut Vec<(String, Vec<u8>)>, path: &str, part: Part) {
    if !part.rels.is_empty() {
        let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
        parts.push((format!("{dir}/_rels/{file}.rels"), part.rels.to_xml()));
    }
    parts.push((path.to_owned(), part.xml.into_bytes()));
}

/// The notes no text references, which the PDF sets at the end under "Notes", numbered
/// after the referenced ones. Word's own endnotes get no such heading: Word sets them
/// after a separator at the end, and LibreOffice on a page of their own, which would
/// strand the heading.
fn unreferenced_notes(doc: &mut Part, sh: &mut Shared<'_>, tree: &Tree, kind: NoteKind) {
    let unreferenced = sh.notes.unreferenced(&tree.notes);
    if unreferenced.is_empty() {
        return;
    }
    let run = briefsmith_layout::Run {
        text: "Notes".into(),
        kind: briefsmith_layout::RunKind::Text,
        emph: false,
        strong: false,
        strike: false,
        link: None,
    };
    body::heading(doc, sh, styles::heading(2), std::slice::from_ref(&run));
    let first = sh.notes.order.len();
    for (i, def) in unreferenced.into_iter().enumerate() {
        let n = u32::try_from(first + i + 1).unwrap_or(u32::MAX);
        sh.pending_mark = Some(Mark::Number(n));
        body::blocks(doc, sh, &def.blocks, &Ctx::note(kind));
        sh.pending_mark = None;
    }
}

/// The section: paper, margins, header and footer distances, and which headers apply.
fn section(doc: &mut Part, page: &PageStyle, header: &str, first: Option<&str>, footer: &str) {
    let x = &mut doc.xml;
    let (w, h) = page.paper.size_pt();
    let m = page.margins_mm;
    let tw = |mm: f32| styles::twips(mm * MM).to_string();
    x.open("w:sectPr", &[]);
    x.empty(
        "w:headerReference",
        &[("w:type", "default"), ("r:id", header)],
    );
    if let Some(first) = first {
        x.empty("w:headerReference", &[("w:type", "first"), ("r:id", first)]);
    }
    x.empty(
        "w:footerReference",
        &[("w:type", "default"), ("r:id", footer)],
    );
    if first.is_some() {
        x.empty(
            "w:footerReference",
            &[("w:type", "first"), ("r:id", footer)],
        );
    }
    x.raw("<w:endnotePr><w:numFmt w:val=\"decimal\"/></w:endnotePr>");
    let (w, h) = (styles::twips(w).to_string(), styles::twips(h).to_string());
    let mut size = vec![("w:w", w.as_str()), ("w:h", h.as_str())];
    if page.paper.size_pt().0 > page.paper.size_pt().1 {
        size.push(("w:orient", "landscape"));
    }
    x.empty("w:pgSz", &size);
    // The banner sits near the paper's edge, as in the PDF: header and footer start at
    // a third of their margin.
    x.empty(
        "w:pgMar",
        &[
            ("w:top", &tw(m.top)),
            ("w:right", &tw(m.right)),
            ("w:bottom", &tw(m.bottom)),
            ("w:left", &tw(m.left)),
            ("w:header", &tw(m.top * 0.3)),
            ("w:footer", &tw(m.bottom * 0.3)),
            ("w:gutter", "0"),
        ],
    );
    if first.is_some() {
        x.empty("w:titlePg", &[]);
    }
    x.close("w:sectPr");
}

/// The settings part: the separator notes, and the language for right-to-left text.
fn settings(language: &str) -> Vec<u8> {
    let mut x = xml::Xml::part();
    x.open("w:settings", &[("xmlns:w", W)]);
    // `doNotExpandShiftReturn`: a justified line ending in a hard break is not stretched,
    // as in the PDF (the title block's "For:/From:/Date:" lines).
    x.raw("<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>");
    x.raw("<w:footnotePr><w:footnote w:id=\"-1\"/><w:footnote w:id=\"0\"/></w:footnotePr>");
    // Word numbers endnotes i, ii, iii unless told otherwise; the PDF numbers 1, 2, 3.
    x.raw("<w:endnotePr><w:numFmt w:val=\"decimal\"/><w:endnote w:id=\"-1\"/><w:endnote w:id=\"0\"/></w:endnotePr>");
    x.raw("<w:compat><w:doNotExpandShiftReturn/><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>");
    x.empty(
        "w:themeFontLang",
        &[("w:val", language), ("w:bidi", "fa-IR")],
    );
    x.close("w:settings");
    x.into_bytes()
}

/// The reference document's `word/styles.xml`, completed with the generated styles it
/// lacks.
fn reference_styles(path: &Path, generated: &[u8]) -> Result<Vec<u8>, DocxError> {
    let fail = |reason: String| DocxError::Reference {
        path: path.to_path_buf(),
        reason,
    };
    let file = std::fs::File::open(path).map_err(|e| fail(format!("cannot open: {e}")))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| fail(format!("not a .docx: {e}")))?;
    let mut entry = archive
        .by_name("word/styles.xml")
        .map_err(|_| fail("it has no word/styles.xml".into()))?;
    let mut text = String::new();
    std::io::Read::read_to_string(&mut entry, &mut text)
        .map_err(|e| fail(format!("cannot read word/styles.xml: {e}")))?;
    styles::merge(&text, generated).map_err(fail)
}
