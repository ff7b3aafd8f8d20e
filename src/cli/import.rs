//! `briefsmith import FILE... --into LIB [--grade B] [--dry-run] [--json]`: reads saved
//! reports and proposes their quotes, reported statements, figures, dates and entities.
//!
//! `--dry-run --json` prints one JSON object per file (the contract other tools read) and
//! needs no library. Without `--dry-run` every candidate is accepted into the library, one
//! transaction per file, so a file is imported whole or not at all; importing an article
//! again finds its source (by URL, or title and date) and adds only what is new.

use briefsmith_core::model::{Reliability, Source, SourceId};
use briefsmith_import::{Import, NaiveDate, Options, Review, import_path};
use briefsmith_library::{Change, Library, LibraryError};
use std::collections::HashSet;
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
    let existing = find_source(&lib.sources()?, &import);
    let mut taken: HashSet<String> = HashSet::new();
    let source_id = match &existing {
        Some(s) => s.id.clone(),
        None => {
            let stem = format!("src-{}", slug(&import.title_or_file_name()));
            SourceId::new(fresh_id(lib, &stem, &mut taken)?)
        }
    };
    let mut review = Review::new(import, reliability.clone());
    review.accept_all();
    let mut id_error = None;
    let accepted = review.into_records(source_id.clone(), &mut |stem| {
        fresh_id(lib, stem, &mut taken).unwrap_or_else(|e| {
            id_error.get_or_insert(e);
            stem.to_owned()
        })
    });
    if let Some(e) = id_error {
        return Err(e);
    }
    // On a re-import, items already recorded from this source (same place, same words) stay.
    let already: HashSet<(String, String)> = match &existing {
        Some(_) => lib
            .to_dataset()?
            .items
            .into_iter()
            .filter(|i| i.source == source_id)
            .map(|i| (i.locator, i.text))
            .collect(),
        None => HashSet::new(),
    };
    let mut parts: Vec<Change> = Vec::new();
    if existing.is_none() {
        parts.push(lib.put_source(accepted.source)?);
    }
    let entity_count = accepted.new_entities.len();
    for (k, entity) in accepted.new_entities.into_iter().enumerate() {
        parts.push(at_offset(lib.put_entity(entity)?, k));
    }
    let items: Vec<_> = accepted
        .items
        .into_iter()
        .filter(|i| !already.contains(&(i.locator.clone(), i.text.clone())))
        .collect();
    let item_count = items.len();
    for (k, item) in items.into_iter().enumerate() {
        parts.push(at_offset(lib.put_item(item)?, k));
    }
    lib.apply(&Change::Batch(parts))?;
    Ok(match existing {
        Some(s) => format!(
            "already in the library as {}; added {item_count} new item(s) and {entity_count} entity(ies)",
            s.id
        ),
        None => format!(
            "added source {source_id} with {item_count} item(s) and {entity_count} new entity(ies)"
        ),
    })
}

/// A source the article was imported as before: same URL, or same title and date.
fn find_source(sources: &[Source], import: &Import) -> Option<Source> {
    let meta = &import.source;
    sources
        .iter()
        .find(|s| {
            let same_url = meta.url.is_some() && s.url == meta.url;
            let same_title = import.title_or_file_name() == s.title
                && meta.date.as_deref().unwrap_or("") == s.date;
            same_url || same_title
        })
        .cloned()
}

/// New records of one batch are all placed "at the end"; the k-th goes k places further so
/// their positions differ and keep their order.
fn at_offset(change: Change, k: usize) -> Change {
    let k = i64::try_from(k).unwrap_or(i64::MAX);
    match change {
        Change::Entity {
            position,
            before: None,
            after,
        } => Change::Entity {
            position: position.saturating_add(k),
            before: None,
            after,
        },
        Change::Item {
            position,
            before: None,
            after,
        } => Change::Item {
            position: position.saturating_add(k),
            before: None,
            after,
        },
        other => other,
    }
}

/// `stem`, or `stem-2`, `stem-3`, … : the first id no record in the library or this batch has.
fn fresh_id(
    lib: &Library,
    stem: &str,
    taken: &mut HashSet<String>,
) -> Result<String, LibraryError> {
    let mut n = 1;
    loop {
        let id = if n == 1 {
            stem.to_owned()
        } else {
            format!("{stem}-{n}")
        };
        let in_library = lib.source(&SourceId::new(id.as_str()))?.is_some()
            || lib.entity(&id.as_str().into())?.is_some()
            || lib.item(&id.as_str().into())?.is_some();
        if !in_library && taken.insert(id.clone()) {
            return Ok(id);
        }
        n += 1;
    }
}

/// "Putin meets Iran's new president" → "putin-meets-iran-s-new-president", at most 40 bytes.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}
