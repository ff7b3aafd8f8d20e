//! `briefsmith typeset INPUT.md [--template NAME] [--format pdf|docx] -o OUT
//! [--marking-scheme NAME [--max-marking MARK [--dry-run]]]`: any Markdown file → PDF or Word.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use briefsmith_layout::FontBook;
use briefsmith_style::{DocumentInfo, PageStyle};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What `briefsmith typeset` was asked to do.
pub struct TypesetArgs<'a> {
    pub input: &'a Path,
    pub template: Option<&'a str>,
    pub output: &'a Path,
    /// `--templates DIR`: templates beside the built-in ones.
    pub templates_dir: Option<&'a Path>,
    /// How the file's portions are marked, if they are.
    pub marking: MarkingArgs<'a>,
}

/// `--marking-scheme NAME`: every portion opens with its mark in that scheme, and the banner
/// is their roll-up; `--max-marking MARK`: leave out the portions above it.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkingArgs<'a> {
    pub scheme: Option<&'a str>,
    pub max: Option<&'a str>,
}

/// Typesets the input and writes the PDF; reports errors on stderr.
pub fn run(args: TypesetArgs<'_>) -> ExitCode {
    let TypesetArgs {
        input,
        template,
        output,
        templates_dir,
        marking,
    } = args;
    match typeset_file(input, template, templates_dir, output, marking) {
        Ok(pages) => {
            println!("wrote {} ({pages} pages)", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Does the work; returns the number of pages written.
fn typeset_file(
    input: &Path,
    template: Option<&str>,
    templates_dir: Option<&Path>,
    output: &Path,
    marking: MarkingArgs<'_>,
) -> Result<usize> {
    let (markdown, info) = source(input, marking)?;
    let style = page_style(template, templates_dir)?;
    let base_dir = input.parent();
    let pages = match marking.scheme {
        Some(scheme) => crate::marking::markdown_page_roll_up(scheme)?,
        None => None,
    };
    let doc = crate::export::typeset_marked(&markdown, &style, &info, base_dir, pages.as_ref())
        .with_context(|| format!("typesetting {}", input.display()))?;
    let coverage = briefsmith_pdf::coverage_warning(&doc);
    for warning in doc.warnings.iter().chain(&coverage) {
        eprintln!("warning: {}: {warning}", input.display());
    }
    let options = briefsmith_pdf::PdfOptions {
        pdf_a: style.pdf_a,
        ..crate::export::dated_now()?
    };
    let pdf = briefsmith_pdf::write_pdf(&doc, &FontBook::bundled(), &options)
        .with_context(|| format!("writing the PDF for {}", input.display()))?;
    crate::export::write_atomic(output, &pdf, &[input])?;
    Ok(doc.pages.len().max(1))
}

/// The output formats of `typeset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TypesetFormat {
    /// A typeset PDF (the default).
    Pdf,
    /// A Word document of the same structure.
    Docx,
}

/// Whether to write Word: asked for with `--format docx`, or by an `.docx` output file.
pub fn wants_docx(format: Option<TypesetFormat>, output: Option<&Path>) -> bool {
    match format {
        Some(f) => f == TypesetFormat::Docx,
        None => output
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("docx")),
    }
}

/// Writes the input as a `.docx` with the template's page and Word styles; reports
/// warnings and errors on stderr.
pub fn run_docx(args: TypesetArgs<'_>) -> ExitCode {
    match docx_file(&args) {
        Ok(()) => {
            println!("wrote {}", args.output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn docx_file(args: &TypesetArgs<'_>) -> Result<()> {
    let (markdown, info) = source(args.input, args.marking)?;
    let registry = crate::export::registry(args.templates_dir)?;
    let template = args
        .template
        .map(|name| registry.require(name))
        .transpose()?;
    let style = template.map_or_else(PageStyle::default, |t| t.manifest.page.clone());
    let mut docx =
        crate::export::markdown_to_docx(&markdown, &style, &info, template, args.input.parent())?;
    let scheme = args.marking.scheme.unwrap_or_default();
    docx.warnings
        .extend(crate::marking::word_banner_warning(scheme));
    for warning in &docx.warnings {
        eprintln!("warning: {}: {warning}", args.input.display());
    }
    crate::export::write_atomic(args.output, &docx.bytes, &[args.input])
}

/// `--dry-run`: lists the portions `--max-marking` would leave out, and writes nothing.
pub fn dry_run(args: &TypesetArgs<'_>) -> ExitCode {
    let listed = read_text(args.input).and_then(|markdown| {
        let (Some(scheme), Some(max)) = (args.marking.scheme, args.marking.max) else {
            anyhow::bail!("--dry-run lists what --max-marking leaves out: add --marking-scheme NAME and --max-marking MARK");
        };
        crate::marking::markdown_marks(&markdown, scheme, Some(max))
            .with_context(|| format!("reading the marks of {}", args.input.display()))
    });
    match listed {
        Ok((_, banner, dropped)) => {
            println!(
                "{} portion(s) would be left out; the banner would be {banner}",
                dropped.len()
            );
            for d in &dropped {
                println!("  {d}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The input file as text.
fn read_text(input: &Path) -> Result<String> {
    // Bounded: a device or FIFO named as the input is refused, not read forever.
    let bytes = briefsmith_core::store::read_bounded(input, briefsmith_core::store::DRAFT_LIMIT)?;
    String::from_utf8(bytes)
        .map_err(|e| anyhow::anyhow!("{}: not UTF-8 text ({e})", input.display()))
}

/// The input's Markdown and the document facts taken from it (title, today's date); with
/// a marking scheme, the banner rolled up from its portion marks (and the portions above
/// `--max-marking` left out).
fn source(input: &Path, marking: MarkingArgs<'_>) -> Result<(String, DocumentInfo)> {
    let mut markdown = read_text(input)?;
    let mut banner = String::new();
    match (marking.scheme, marking.max) {
        (Some(scheme), max) => {
            let (marked, rolled_up, dropped) =
                crate::marking::markdown_marks(&markdown, scheme, max)
                    .with_context(|| format!("reading the marks of {}", input.display()))?;
            if max.is_some() {
                eprintln!(
                    "note: {} portion(s) left out; banner {rolled_up}",
                    dropped.len()
                );
            }
            markdown = marked;
            banner = rolled_up;
        }
        (None, Some(_)) => anyhow::bail!(
            "--max-marking needs --marking-scheme NAME: a Markdown file does not say which scheme its marks follow"
        ),
        (None, None) => {}
    }
    let info = DocumentInfo {
        title: first_heading(&markdown).unwrap_or_else(|| file_title(input)),
        date: briefsmith_core::date::long_date(&crate::export::today()),
        banner,
        ..DocumentInfo::default()
    };
    Ok((markdown, info))
}

/// The page style of the named template, or the default style.
fn page_style(template: Option<&str>, templates_dir: Option<&Path>) -> Result<PageStyle> {
    let Some(name) = template else {
        return Ok(PageStyle::default());
    };
    let registry = crate::export::registry(templates_dir)?;
    Ok(registry.require(name)?.manifest.page.clone())
}

/// The plain text of the document's first heading, if it has one.
fn first_heading(markdown: &str) -> Option<String> {
    let mut title: Option<String> = None;
    for event in Parser::new(markdown) {
        match (event, title.as_mut()) {
            (Event::Start(Tag::Heading { .. }), None) => title = Some(String::new()),
            (Event::Text(t) | Event::Code(t), Some(title)) => title.push_str(&t),
            (Event::SoftBreak | Event::HardBreak, Some(title)) => title.push(' '),
            (Event::End(TagEnd::Heading(_)), Some(title)) => {
                let clean = title.split_whitespace().collect::<Vec<_>>().join(" ");
                return (!clean.is_empty()).then_some(clean);
            }
            _ => {}
        }
    }
    None
}

/// A title from the file name: `situation-report_v2.md` → "situation report v2".
fn file_title(input: &Path) -> String {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = stem.replace(['-', '_'], " ");
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Untitled".into()
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_the_first_heading_in_plain_text() {
        let md = "Intro line\n\n## The *Border* `Crisis`\n\n# Later";
        assert_eq!(first_heading(md).as_deref(), Some("The Border Crisis"));
        assert_eq!(first_heading("Setext\n======\n").as_deref(), Some("Setext"));
        assert_eq!(first_heading("no heading\n\n```\n# not one\n```"), None);
        assert_eq!(first_heading("#\n\ntext"), None);
    }

    #[test]
    fn without_a_heading_the_file_name_is_the_title() {
        assert_eq!(
            file_title(Path::new("/x/situation-report_v2.md")),
            "situation report v2"
        );
        assert_eq!(file_title(Path::new("")), "Untitled");
    }
}
