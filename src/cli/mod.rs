//! Command-line interface: parses arguments and dispatches to one subcommand per file.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub mod check;
pub mod export;
pub mod import;
pub mod library;
pub mod list;
pub mod markings;
mod open;
pub mod templates;
pub mod typeset;
pub mod validate;

/// Compose analytic briefs from a dataset of facts and quotes; export Markdown or PDF.
#[derive(Debug, Parser)]
#[command(name = "briefsmith", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A folder of templates that replace or add to the built-in ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Open the window, save a screenshot of it to this PNG file, and exit.
    #[arg(long, global = true, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// A draft to open in the window (default: the bundled sample).
    #[arg(value_name = "DRAFT")]
    pub draft: Option<PathBuf>,
}

/// The subcommands. With none, the desktop app opens on the bundled sample.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a draft (and the dataset it names) in the desktop app.
    Open { draft: PathBuf },
    /// Check datasets, libraries and drafts; exit 0 when clean, 1 when problems were found.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List a dataset's or library's items, optionally only those matching a query.
    List {
        dataset: PathBuf,
        #[arg(long)]
        query: Option<String>,
    },
    /// Make, fill, export and summarise a library (a dataset kept in SQLite).
    Library {
        #[command(subcommand)]
        command: library::LibraryCommand,
    },
    /// Read saved reports (HTML, text, Markdown, PDF, DOCX) and propose their quotes,
    /// reported statements, figures, dates and entities; accept them into a library.
    Import(import::ImportArgs),
    /// List the templates: built-in, from the user's config folder and from --templates.
    Templates,
    /// List the marking schemes: built-in (for training, not an authority) and the user's.
    Markings,
    /// Check drafts against tradecraft rules (sourcing, estimative language, changed
    /// items, quotes, dates, structure); exit 0 clean, 1 unacknowledged errors, 2 unreadable.
    Check {
        #[arg(required_unless_present = "list", value_name = "DRAFT")]
        drafts: Vec<PathBuf>,
        /// How to print the findings.
        #[arg(long, value_enum, default_value = "text")]
        format: check::Format,
        /// List every check (id, default severity, what it looks for) instead.
        #[arg(long, conflicts_with = "drafts")]
        list: bool,
    },
    /// Export a draft as Markdown, PDF or Word through a template.
    Export {
        draft: PathBuf,
        /// Output format; by default taken from the output file's extension.
        #[arg(long, value_enum)]
        format: Option<export::Format>,
        /// Template to use instead of the draft's own.
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Output file; by default next to the draft, with .md, .pdf or .docx.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Write PDF/A-2b, for records systems (also when the template's page style says
        /// `pdf_a = true`).
        #[arg(long = "pdf-a")]
        pdf_a: bool,
        /// Export a releasable version: leave out every portion marked above this mark
        /// (in the draft's marking scheme, e.g. C or TLP:GREEN), with what only it cites.
        #[arg(long, value_name = "MARK")]
        max_marking: Option<String>,
        /// With --max-marking: list what would be left out, and write nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Typeset any Markdown file as a PDF, with a template's page style.
    Typeset {
        input: PathBuf,
        /// Template whose page style to use (default: the plain default style).
        #[arg(long, value_name = "NAME")]
        template: Option<String>,
        /// Output format, pdf or docx; by default taken from the output file's extension.
        #[arg(long, value_enum)]
        format: Option<typeset::TypesetFormat>,
        /// Output file; by default next to the input, with .pdf.
        #[arg(short = 'o', long = "output", value_name = "OUT.pdf")]
        output: Option<PathBuf>,
        /// The marking scheme the file's portion marks follow (e.g. us-style): every
        /// portion must open with one, and the banner is their roll-up.
        #[arg(long, value_name = "NAME")]
        marking_scheme: Option<String>,
        /// Leave out every portion marked above this mark.
        #[arg(long, value_name = "MARK", requires = "marking_scheme")]
        max_marking: Option<String>,
        /// With --max-marking: list what would be left out, and write nothing.
        #[arg(long, requires = "max_marking")]
        dry_run: bool,
    },
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Command::Validate { files }) => validate::run(&files),
        Some(Command::List { dataset, query }) => list::run(&dataset, query.as_deref()),
        Some(Command::Library { command }) => library::run(command),
        Some(Command::Import(args)) => import::run(&args),
        Some(Command::Templates) => templates::run(cli.templates.as_deref()),
        Some(Command::Markings) => markings::run(),
        Some(Command::Check {
            drafts,
            format,
            list,
        }) => {
            if list {
                check::list()
            } else {
                check::run(&drafts, format, cli.templates.as_deref())
            }
        }
        Some(Command::Export {
            draft,
            format,
            template,
            output,
            max_marking,
            dry_run,
            pdf_a,
        }) => export::run(export::ExportArgs {
            draft: &draft,
            pdf_a,
            format,
            template: template.as_deref(),
            output: output.as_deref(),
            templates_dir: cli.templates.as_deref(),
            max_marking: max_marking.as_deref(),
            dry_run,
        }),
        Some(Command::Typeset {
            input,
            template,
            format,
            output,
            marking_scheme,
            max_marking,
            dry_run,
        }) => {
            let docx = typeset::wants_docx(format, output.as_deref());
            let extension = if docx { "docx" } else { "pdf" };
            let output = output.unwrap_or_else(|| input.with_extension(extension));
            let args = typeset::TypesetArgs {
                input: &input,
                template: template.as_deref(),
                output: &output,
                templates_dir: cli.templates.as_deref(),
                marking: typeset::MarkingArgs {
                    scheme: marking_scheme.as_deref(),
                    max: max_marking.as_deref(),
                },
            };
            if dry_run {
                typeset::dry_run(&args)
            } else if docx {
                typeset::run_docx(args)
            } else {
                typeset::run(args)
            }
        }
        Some(Command::Open { draft }) => open::run(open::OpenArgs {
            draft: Some(&draft),
            screenshot: cli.screenshot.as_deref(),
            templates_dir: cli.templates.as_deref(),
        }),
        None => open::run(open::OpenArgs {
            draft: cli.draft.as_deref(),
            screenshot: cli.screenshot.as_deref(),
            templates_dir: cli.templates.as_deref(),
        }),
    }
}
