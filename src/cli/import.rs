//! `briefsmith import FILE... --into LIB [--grade B] [--dry-run] [--json]`: reads saved
//! reports and proposes their quotes, reported statements, figures, dates and entities.
//!
//! `--dry-run --json` prints one JSON object per file (the contract other tools read) and
//! needs no library. Without `--dry-run` every candidate is accepted into the library, one
//! transaction per file, so a file is imported whole or not at all; importing an article
//! again finds its source (by URL, or title and date) and adds only what is new.

use briefsmith_core::model::Reliability;
use briefsmith_import::{Import, NaiveDate, Options, Review, import_path};
use briefsmith_library::{Library, LibraryError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line of `briefsmith import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Reports to import: HTML, text, Markdown, PDF or DOCX.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The library to import into (created when missing); with --dry-run, only its
    /// entities are read, to match names against.
    #[arg(long, value_name = "LIB")]
    pub into: Option<PathBuf>,
    /// Reliability of the source, A–F.
    #[arg(long, default_value = "F", value_name = "A-F")]
    pub grade: String,
    /// Publication date (YYYY-MM-DD) for files that do not state one; relative dates
    /// ("on Friday", "last month") resolve against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Show what would be imported; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// With --dry-run: one JSON object per file on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Runs the import; exit 0 when every file was read, 1 when any failed, 2 for usage.
pub fn run(args: &ImportArgs) -> ExitCode {
    let reliability = Reliability::new(&args.grade.to_uppercase());
    if !reliability.is_valid() {
        eprintln!(
            "error: --grade must be one of A, B, C, D, E, F (got \"{}\")",
            args.grade
        );
        return ExitCode::from(2);
    }
    let date = match args
        .date
        .as_deref()
        .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
    {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(_)) => {
            eprintln!(
                "error: --date must be YYYY-MM-DD (got \"{}\")",
                args.date.as_deref().unwrap_or("")
            );
            return ExitCode::from(2);
        }
    };
    if !args.dry_run && args.into.is_none() {
        eprintln!("error: say where to import with --into LIB, or use --dry-run");
        return ExitCode::from(2);
    }
    if args.json && !args.dry_run {
        eprintln!("error: --json goes with --dry-run");
        return ExitCode::from(2);
    }
    let mut library = match args
        .into
        .as_deref()
        .map(|p| open_library(p, args.dry_run))
        .transpose()
    {
        Ok(lib) => lib.flatten(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let known = match library.as_ref().map(Library::entities).transpose() {
        Ok(entities) => entities.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let options = Options {
        known: &known,
        date,
        join_split_quotes: false,
    };
    let mut failed = false;
    let mut out = std::io::stdout().lock();
    for file in &args.files {
        let import = match import_path(file, &options) {
            Ok(import) => import,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        if args.dry_run {
            let line = if args.json {
                serde_json::to_string(&import).unwrap_or_default()
            } else {
                summary(&import)
            };
            if writeln!(out, "{line}").is_err() {
                return ExitCode::SUCCESS;
            }
            continue;
        }
        let Some(lib) = library.as_mut() else {
            continue;
        };
        match write(lib, import, &reliability) {
            Ok(message) => eprintln!("{}: {message}", file.display()),
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Opens the library; a missing one is created (titled after its file) unless this is a
/// dry run (then `None`).
fn open_library(path: &Path, dry_run: bool) -> Result<Option<Library>, LibraryError> {
    match (path.exists(), dry_run) {
        (true, _) => Library::open(path).map(Some),
        (false, true) => Ok(None),
        (false, false) => {
            // A new library is titled after its file, as a dataset needs a title.
            let title = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            Library::create(path, &title).map(Some)
        }
    }
}

/// "FILE: title — 17 paragraphs; 4 quotes, 13 reported, …" for a dry run without --json.
fn summary(import: &Import) -> String {
    use briefsmith_import::CandidateKind as K;
    let count = |k: K| import.candidates.iter().filter(|c| c.kind == k).count();
    format!(
        "{}: {} — {} paragraph(s); {} quote(s), {} reported, {} figure(s), {} date(s), {} entity(ies)",
        import.file,
        import.source.title.as_deref().unwrap_or("(untitled)"),
        import.paragraphs.len(),
        count(K::Quote),
        count(K::Reported),
        count(K::Figure),
        count(K::Date),
        count(K::Entity),
    )
}

/// Accepts every candidate of `import` into `lib` as one transaction; says what was added.
fn write(
    lib: &mut Library,
    import: Import,
    reliability: &Reliability,
) -> Result<String, LibraryError> {
    let mut review = Review::new(import, reliability.clone());
    review.accept_all();
    let intake = crate::intake::intake(lib, review)?;
    lib.apply(&intake.change)?;
    Ok(intake.summary())
}
