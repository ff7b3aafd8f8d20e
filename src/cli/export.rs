//! `briefsmith export DRAFT --format md|pdf|docx [--template NAME] [-o OUT]`.

use anyhow::{Context as _, Result};
use briefsmith_core::store::open_draft_with;
use briefsmith_library::load_dataset_any;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, as a `.md` file.
    Md,
    /// A typeset PDF.
    Pdf,
    /// A Word document (.docx) of the same structure as the PDF.
    Docx,
}

/// What `briefsmith export` was asked to do.
#[derive(Debug, Clone)]
pub struct ExportArgs<'a> {
    pub draft: &'a Path,
    /// `None`: taken from the output file's extension.
    pub format: Option<Format>,
    pub template: Option<&'a str>,
    pub output: Option<&'a Path>,
    pub templates_dir: Option<&'a Path>,
}

/// Exports the draft; reports warnings and errors on stderr.
pub fn run(args: ExportArgs<'_>) -> ExitCode {
    match export(&args) {
        Ok(out) => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Does the work; returns where the export was written.
fn export(args: &ExportArgs<'_>) -> Result<PathBuf> {
    let registry = crate::export::registry(args.templates_dir)?;
    let draft = open_draft_with(args.draft, load_dataset_any)?;
    for warning in &draft.warnings {
        eprintln!("warning: {}: {warning}", args.draft.display());
    }
    let dataset = draft.dataset.as_ref();
    let format = match (args.format, args.output) {
        (Some(f), _) => f,
        (None, Some(out)) => format_of(out)?,
        (None, None) => {
            anyhow::bail!("say which format to export: --format md, --format pdf or --format docx")
        }
    };
    let extension = match format {
        Format::Md => "md",
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    };
    let out = args
        .output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| crate::export::default_output(args.draft, extension));
    let bytes = match format {
        Format::Md => crate::export::to_markdown(&registry, &draft.brief, dataset, args.template)?
            .0
            .into_bytes(),
        Format::Pdf => {
            let base_dir = args.draft.parent();
            let pdf =
                crate::export::to_pdf(&registry, &draft.brief, dataset, args.template, base_dir)?;
            for warning in &pdf.warnings {
                eprintln!("warning: {}: {warning}", args.draft.display());
            }
            pdf.bytes
        }
        Format::Docx => {
            let base_dir = args.draft.parent();
            let docx =
                crate::export::to_docx(&registry, &draft.brief, dataset, args.template, base_dir)?;
            for warning in &docx.warnings {
                eprintln!("warning: {}: {warning}", args.draft.display());
            }
            docx.bytes
        }
    };
    crate::export::write_atomic(&out, &bytes, &[args.draft, &draft.dataset_path])
        .with_context(|| format!("exporting {}", args.draft.display()))?;
    Ok(out)
}

/// The format an output file's extension asks for.
fn format_of(out: &Path) -> Result<Format> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "md" | "markdown" => Ok(Format::Md),
        "pdf" => Ok(Format::Pdf),
        "docx" => Ok(Format::Docx),
        _ => anyhow::bail!(
            "{}: cannot tell the format from the extension; add --format md, pdf or docx",
            out.display()
        ),
    }
}
