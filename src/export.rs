//! The one export pipeline, shared by the command line and the GUI: a brief becomes
//! Markdown through its template, and that Markdown becomes typeset pages and a PDF.
//!
//! The Markdown written to a `.md` file carries the classification as text at its top and
//! bottom; the Markdown the PDF is typeset from does not, because the layout sets the
//! banner on every page from [`DocumentInfo::banner`].

use anyhow::{Context as _, Result};
use briefsmith_core::date::{IsoDate, Timestamp, long_date};
use briefsmith_core::model::{Block, Brief, Dataset};
use briefsmith_layout::{Document, FontBook};
use briefsmith_pdf::PdfOptions;
use briefsmith_style::{DocumentInfo, PageStyle};
use briefsmith_template::{Registry, Target, Template, render_marked};
use std::path::{Path, PathBuf};

/// The template a brief is exported with when neither the caller nor the brief names one.
pub const DEFAULT_TEMPLATE: &str = "bluf-memo";

/// The brief as the Markdown of a `.md` file, with the page style and document facts of
/// its template. `template_name` overrides the brief's own `meta.template`.
pub fn to_markdown(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
) -> Result<(String, PageStyle, DocumentInfo)> {
    prepare(registry, brief, dataset, template_name, Target::Markdown)
}

/// The brief as the Markdown the PDF is typeset from (no classification text: the layout
/// sets the banner), with page style and document facts. The in-app preview uses this.
pub fn to_layout_markdown(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
) -> Result<(String, PageStyle, DocumentInfo)> {
    prepare(registry, brief, dataset, template_name, Target::Pdf)
}

/// The brief typeset into pages, exactly as the PDF will hold them. `base_dir` is where
/// relative image paths in the analyst's text are looked up (the draft's folder). A
/// scheme that asks for it gets each page's own banner (see [`typeset_marked`]).
pub fn typeset(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
    base_dir: Option<&Path>,
) -> Result<Document> {
    let (markdown, style, info) = to_layout_markdown(registry, brief, dataset, template_name)?;
    let pages = crate::marking::page_roll_up(brief)?;
    typeset_marked(&markdown, &style, &info, base_dir, pages.as_ref())
        .with_context(|| format!("typesetting \"{}\"", info.title))
}

/// Markdown typeset into pages; with `pages`, each page's banner is the roll-up of the
/// portions on it, else every page carries `info.banner`.
pub fn typeset_marked(
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    base_dir: Option<&Path>,
    pages: Option<&briefsmith_marking::PageRollUp<'_>>,
) -> Result<Document> {
    let document = match pages {
        Some(pages) => briefsmith_layout::typeset_with_banners(
            &FontBook::bundled(),
            markdown,
            style,
            info,
            base_dir,
            &|leads| pages.banner(leads),
        ),
        None => briefsmith_layout::typeset(markdown, style, info, base_dir),
    };
    Ok(document?)
}

/// A PDF export: the file's bytes, and what the reader should know about it (characters
/// no embedded font covers, printed as empty boxes).
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
}

/// The brief as a PDF: Markdown → layout → PDF writer; PDF/A-2b when its template asks.
pub fn to_pdf(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
    base_dir: Option<&Path>,
) -> Result<Pdf> {
    to_pdf_as(registry, brief, dataset, template_name, base_dir, false)
}

/// [`to_pdf`], written as PDF/A-2b when `pdf_a` (`--pdf-a`) or when the template's page
/// style asks for it (`pdf_a = true`).
pub fn to_pdf_as(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
    base_dir: Option<&Path>,
    pdf_a: bool,
) -> Result<Pdf> {
    let pdf_a = pdf_a
        || choose_template(registry, brief, template_name)?
            .manifest
            .page
            .pdf_a;
    let document = typeset(registry, brief, dataset, template_name, base_dir)?;
    let options = pdf_options(brief, pdf_a)?;
    let bytes = briefsmith_pdf::write_pdf(&document, &FontBook::bundled(), &options)
        .with_context(|| format!("writing the PDF of \"{}\"", document.info.title))?;
    let mut warnings: Vec<String> = briefsmith_pdf::coverage_warning(&document)
        .into_iter()
        .collect();
    if pdf_a && !warnings.is_empty() {
        warnings.push("PDF/A: those characters are left blank, not boxes".to_owned());
    }
    Ok(Pdf { bytes, warnings })
}

/// The brief as a Word file: the layout Markdown the PDF is typeset from, parsed into the
/// same document tree and written as Word structure with the template's `[word]` styling.
pub fn to_docx(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
    base_dir: Option<&Path>,
) -> Result<briefsmith_docx::Docx> {
    let template = choose_template(registry, brief, template_name)?;
    let (markdown, style, info) = to_layout_markdown(registry, brief, dataset, template_name)?;
    let mut docx = markdown_to_docx(&markdown, &style, &info, Some(template), base_dir)?;
    docx.warnings.extend(crate::marking::word_banner_warning(
        &brief.meta.markings.scheme,
    ));
    Ok(docx)
}

/// Markdown → `.docx` with a template's Word styling (without a template, the defaults).
/// A `reference_docx` is looked up in the template's own folder.
pub fn markdown_to_docx(
    markdown: &str,
    style: &PageStyle,
    info: &DocumentInfo,
    template: Option<&Template>,
    base_dir: Option<&Path>,
) -> Result<briefsmith_docx::Docx> {
    let default = briefsmith_style::WordStyle::default();
    let word = template.map_or(&default, |t| &t.manifest.word);
    let reference = match (&word.reference_docx, template.map(|t| &t.origin)) {
        (None, _) => None,
        (Some(file), Some(briefsmith_template::Origin::Folder(dir))) => Some(dir.join(file)),
        (Some(file), _) => anyhow::bail!(
            "reference_docx = {file:?}: only a template in a folder can name a reference .docx"
        ),
    };
    let options = briefsmith_docx::Options {
        word,
        base_dir,
        reference_docx: reference.as_deref(),
    };
    briefsmith_docx::markdown_to_docx(markdown, style, info, &options)
        .with_context(|| format!("writing the Word file of \"{}\"", info.title))
}

/// The templates the program offers: the built-in ones, then the user's template folder in
/// the platform config folder (if it exists), then `extra` (e.g. `--templates DIR`), each
/// replacing templates of the same name.
pub fn registry(extra: Option<&Path>) -> Result<Registry> {
    let mut dirs = Vec::new();
    if let Some(dir) = briefsmith_template::user_template_dir().filter(|d| d.is_dir()) {
        dirs.push(dir);
    }
    if let Some(dir) = extra {
        if !dir.is_dir() {
            anyhow::bail!("{}: template folder not found", dir.display());
        }
        dirs.push(dir.to_path_buf());
    }
    Ok(Registry::with_user_dirs(&dirs)?)
}

/// The template to export with: the one asked for, else the brief's own, else the default.
pub fn choose_template<'r>(
    registry: &'r Registry,
    brief: &Brief,
    template_name: Option<&str>,
) -> Result<&'r Template> {
    let from_brief = Some(brief.meta.template.trim()).filter(|t| !t.is_empty());
    let name = template_name.or(from_brief).unwrap_or(DEFAULT_TEMPLATE);
    Ok(registry.require(name)?)
}

/// Renders for `target` and gathers the page style and document facts.
fn prepare(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&Dataset>,
    template_name: Option<&str>,
    target: Target,
) -> Result<(String, PageStyle, DocumentInfo)> {
    let template = choose_template(registry, brief, template_name)?;
    let today = today();
    let marks = crate::marking::document_marks(brief, dataset)?;
    let markdown = render_marked(template, brief, dataset, &today, target, marks.as_ref())
        .with_context(|| format!("rendering with template \"{}\"", template.name()))?;
    let mut info = document_info(brief, &today);
    if let Some(marks) = &marks {
        // A marked brief's banner is the roll-up of its portions, never the typed text.
        info.banner = marks.banner.clone();
    }
    Ok((markdown, template.manifest.page.clone(), info))
}

/// The PDF's metadata and banner, from the brief. The running header carries the brief's
/// own date (the date a reader cites it by); a brief without one carries the export date.
fn document_info(brief: &Brief, export_date: &str) -> DocumentInfo {
    let meta = &brief.meta;
    let author = [meta.author.trim(), meta.organisation.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let mut keywords: Vec<String> = Vec::new();
    for (_, block) in brief.blocks() {
        if let Block::Item(r) = block {
            let speaker = r.snapshot.speaker.trim();
            if !speaker.is_empty() && !keywords.iter().any(|k| k == speaker) {
                keywords.push(speaker.to_owned());
            }
        }
    }
    DocumentInfo {
        title: if meta.title.trim().is_empty() {
            briefsmith_template::UNTITLED.to_owned()
        } else {
            meta.title.trim().to_owned()
        },
        author,
        subject: plain_text(&meta.bottom_line),
        keywords,
        date: long_date(
            Some(meta.date.trim())
                .filter(|d| !d.is_empty())
                .unwrap_or(export_date),
        ),
        banner: meta.classification.trim().to_owned(),
    }
}

/// Markdown reduced to its words, for metadata fields.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Today's date (UTC), ISO 8601; the day of `SOURCE_DATE_EPOCH` when that is set.
pub fn today() -> String {
    source_date_epoch()
        .ok()
        .flatten()
        .unwrap_or_else(Timestamp::now)
        .date_iso()
}

/// PDF options for a file made now (or at `SOURCE_DATE_EPOCH`): the writer itself never
/// reads the clock.
pub fn dated_now() -> Result<PdfOptions> {
    Ok(PdfOptions {
        timestamp: Some(source_date_epoch()?.unwrap_or_else(Timestamp::now)),
        pdf_a: false,
    })
}

/// PDF options for an export of `brief`, dated so that exporting the same draft again gives
/// the same bytes: `SOURCE_DATE_EPOCH` when set, else the brief's own date (midnight UTC),
/// else now (a brief without a date carries the export date in its header anyway);
/// PDF/A-2b when `pdf_a`.
pub fn pdf_options(brief: &Brief, pdf_a: bool) -> Result<PdfOptions> {
    let from_brief = IsoDate::parse(brief.meta.date.trim()).map(Timestamp::start_of);
    let timestamp = match source_date_epoch()? {
        Some(when) => when,
        None => from_brief.unwrap_or_else(Timestamp::now),
    };
    Ok(PdfOptions {
        timestamp: Some(timestamp),
        pdf_a,
    })
}

/// The `SOURCE_DATE_EPOCH` environment variable (seconds since 1970, the reproducible-
/// builds convention), if set; a value that is not such a number is an error, as the
/// convention asks, rather than silently dating the file now.
fn source_date_epoch() -> Result<Option<Timestamp>> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let text = value.to_string_lossy();
    let secs: i64 = text.trim().parse().map_err(|_| {
        anyhow::anyhow!("SOURCE_DATE_EPOCH={text:?} is not a whole number of seconds since 1970")
    })?;
    Ok(Some(Timestamp::from_unix(secs)))
}

/// Where an export goes by default: next to the draft, `.brief.json` (or `.json`)
/// replaced by `extension`.
pub fn default_output(draft: &Path, extension: &str) -> PathBuf {
    let name = draft
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".brief.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    let stem = if stem.is_empty() { "brief" } else { stem };
    draft.with_file_name(format!("{stem}.{extension}"))
}

/// Writes an export atomically: a reader never sees half a file, and a failed export
/// leaves the previous one in place. No backup: an export is made again from its draft.
/// `sources` are the files the export was made from; an export never replaces one of them
/// (`-o notes.md` for `notes.md`, a PDF saved over its draft).
pub fn write_atomic(path: &Path, bytes: &[u8], sources: &[&Path]) -> Result<()> {
    if let Some(source) = sources.iter().find(|s| same_file(path, s)) {
        anyhow::bail!(
            "{}: this is the file being exported ({}); choose another output file",
            path.display(),
            source.display()
        );
    }
    briefsmith_core::store::write_atomic(path, bytes, false)?;
    Ok(())
}

/// Whether two paths name one existing file (through links, `..` and relative paths).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_go_next_to_the_draft() {
        assert_eq!(
            default_output(Path::new("/d/bluf.brief.json"), "pdf"),
            Path::new("/d/bluf.pdf")
        );
        assert_eq!(default_output(Path::new("x.json"), "md"), Path::new("x.md"));
        assert_eq!(
            default_output(Path::new("draft"), "md"),
            Path::new("draft.md")
        );
    }

    #[test]
    fn an_export_never_replaces_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join("a.brief.json");
        std::fs::write(&draft, b"{}").unwrap();
        let same = dir.path().join(".").join("a.brief.json");
        let err = write_atomic(&same, b"%PDF", &[&draft]).unwrap_err();
        assert!(err.to_string().contains("being exported"), "{err}");
        assert_eq!(std::fs::read(&draft).unwrap(), b"{}");
        let other = dir.path().join("a.pdf");
        write_atomic(&other, b"%PDF", &[&draft]).unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"%PDF");
    }

    #[test]
    fn today_is_an_iso_date() {
        let t = today();
        assert_eq!(t.len(), 10);
        assert_eq!(&t[4..5], "-");
    }

    #[test]
    fn the_header_date_is_the_brief_date_else_the_export_date() {
        let mut brief = Brief::default();
        brief.meta.date = "2024-10-12".into();
        assert_eq!(document_info(&brief, "2026-11-25").date, "12 October 2024");
        brief.meta.date = " ".into();
        assert_eq!(document_info(&brief, "2026-11-25").date, "25 November 2026");
    }

    #[test]
    fn metadata_subject_is_plain_text() {
        assert_eq!(
            plain_text("Iran is **very likely** asking.\n\nNext."),
            "Iran is very likely asking. Next."
        );
    }
}
