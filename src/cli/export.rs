//! `briefsmith export DRAFT --format md|pdf|docx [--template NAME] [-o OUT]
//! [--max-marking MARK [--dry-run]]`.

use anyhow::{Context as _, Result};
use briefsmith_core::store::open_draft_with;
use briefsmith_library::load_dataset_for;
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
    /// `--pdf-a`: write PDF/A-2b.
    pub pdf_a: bool,
    /// `--max-marking`: export a releasable version holding nothing above this mark.
    pub max_marking: Option<&'a str>,
    /// `--dry-run`: list what `--max-marking` would leave out, and write nothing.
    pub dry_run: bool,
}

/// Exports the draft; reports warnings and errors on stderr.
pub fn run(args: ExportArgs<'_>) -> ExitCode {
    match export(&args) {
        Ok(Some(out)) => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Ok(None) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Does the work; returns where the export was written (`None` for a dry run).
fn export(args: &ExportArgs<'_>) -> Result<Option<PathBuf>> {
    if args.dry_run && args.max_marking.is_none() {
        anyhow::bail!("--dry-run lists what --max-marking leaves out: add --max-marking MARK");
    }
    let registry = crate::export::registry(args.templates_dir)?;
    let draft = open_draft_with(args.draft, load_dataset_for)?;
    for warning in &draft.warnings {
        eprintln!("warning: {}: {warning}", args.draft.display());
    }
    let dataset = draft.dataset.as_ref();
    let reduced = match args.max_marking {
        Some(ceiling) => {
            let reduction = crate::marking::releasable(&draft.brief, dataset, ceiling)
                .with_context(|| format!("exporting {}", args.draft.display()))?;
            if args.dry_run {
                print_dropped(&reduction);
                return Ok(None);
            }
            eprintln!(
                "note: releasable at {}: {} left out",
                reduction.ceiling,
                portions(reduction.dropped.len())
            );
            Some(reduction.brief)
        }
        None => {
            if let Some(warning) = crate::marking::ceiling_warning(&draft.brief, dataset) {
                eprintln!("warning: {}: {warning}", args.draft.display());
            }
            None
        }
    };
    let brief = reduced.as_ref().unwrap_or(&draft.brief);
    let format = match (args.format, args.output) {
        (Some(f), _) => f,
        (None, Some(out)) => format_of(out)?,
        (None, None) => {
            anyhow::bail!("say which format to export: --format md, --format pdf or --format docx")
        }
    };
    if args.pdf_a && format != Format::Pdf {
        anyhow::bail!("--pdf-a is for PDF exports: add --format pdf or write to a .pdf file");
    }
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
        Format::Md => crate::export::to_markdown(&registry, brief, dataset, args.template)?
            .0
            .into_bytes(),
        Format::Pdf => {
            let base_dir = args.draft.parent();
            let pdf = crate::export::to_pdf_as(
                &registry,
                brief,
                dataset,
                args.template,
                base_dir,
                args.pdf_a,
            )?;
            for warning in &pdf.warnings {
                eprintln!("warning: {}: {warning}", args.draft.display());
            }
            pdf.bytes
        }
        Format::Docx => {
            let base_dir = args.draft.parent();
            let docx = crate::export::to_docx(&registry, brief, dataset, args.template, base_dir)?;
            for warning in &docx.warnings {
                eprintln!("warning: {}: {warning}", args.draft.display());
            }
            docx.bytes
        }
    };
    crate::export::write_atomic(&out, &bytes, &[args.draft, &draft.dataset_path])
        .with_context(|| format!("exporting {}", args.draft.display()))?;
    Ok(Some(out))
}

/// The dry run's list: one line per portion left out.
fn print_dropped(reduction: &briefsmith_marking::Reduction) {
    println!(
        "releasable at {}: {} would be left out",
        reduction.ceiling,
        portions(reduction.dropped.len())
    );
    for dropped in &reduction.dropped {
        println!("  {dropped}");
    }
}

/// "1 portion", "3 portions".
fn portions(n: usize) -> String {
    if n == 1 {
        "1 portion".to_owned()
    } else {
        format!("{n} portions")
    }
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
