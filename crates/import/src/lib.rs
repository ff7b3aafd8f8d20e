//! Import: turns a saved report (HTML, plain text, Markdown, PDF, DOCX, or pasted text)
//! into a source with numbered paragraphs and candidate quotes, reported statements,
//! figures, dates and entities for the analyst to review.
//!
//! No SQLite and no GUI here: [`import_path`] and [`import_bytes`] return an [`Import`]
//! value; [`Review`] holds the analyst's decisions over its candidates and turns the
//! accepted ones into dataset records.

mod error;
mod extract;
mod format;
mod model;
mod paragraphs;
mod read;
mod review;

pub use error::ImportError;
pub use format::Format;
pub use model::{Candidate, CandidateKind, EntityGuess, Import, SourceMeta, locator};
pub use review::{Accepted, Decision, Review, ReviewError};

use briefsmith_core::model::Entity;
/// Dates in [`Options`] are chrono's, re-exported so callers need not depend on it.
pub use chrono::NaiveDate;
use std::io::Read;
use std::path::Path;

/// The largest input read: far above any article, below what would stall the program.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// What an import is given besides the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options<'a> {
    /// The library's entities, so speakers and names match them by name or alias.
    pub known: &'a [Entity],
    /// Publication date to use when the document does not state one (plain text rarely
    /// does); relative dates resolve against it.
    pub date: Option<NaiveDate>,
    /// Join a quotation split by its attribution (“A,” she said, “B.”) into one candidate.
    pub join_split_quotes: bool,
}

/// Imports a file from disk. The size is checked before reading, so a huge file is
/// refused without being loaded.
pub fn import_path(path: &Path, options: &Options<'_>) -> Result<Import, ImportError> {
    let file = path.display().to_string();
    let io = |source| ImportError::Io {
        file: file.clone(),
        source,
    };
    let handle = std::fs::File::open(path).map_err(io)?;
    let size = handle.metadata().map_err(io)?.len();
    if size > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge {
            file,
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // Read at most one byte past the limit: the file may grow while it is read.
    handle
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    import_bytes(&file, &bytes, options)
}

/// Imports a document held in memory (a download, a drop, the clipboard). `file` names it
/// in errors and in the result, and its extension helps tell HTML from text.
pub fn import_bytes(
    file: &str,
    bytes: &[u8],
    options: &Options<'_>,
) -> Result<Import, ImportError> {
    let format = check(file, bytes)?;
    let doc = read::read(format, file, bytes)?;
    let mut source = doc.meta;
    let date = source
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .or(options.date);
    if source.date.is_none() {
        source.date = options.date.map(|d| d.to_string());
    }
    let cx = extract::Context {
        date,
        known: options.known,
        join_split_quotes: options.join_split_quotes,
    };
    let candidates = extract::candidates(&doc.paragraphs, &cx);
    Ok(Import {
        file: file.to_owned(),
        source,
        paragraphs: doc.paragraphs,
        candidates,
    })
}

/// Reads a document's metadata and paragraphs without looking for candidates (for a
/// preview, or to measure the readers alone).
pub fn read_document(file: &str, bytes: &[u8]) -> Result<(SourceMeta, Vec<String>), ImportError> {
    let format = check(file, bytes)?;
    let doc = read::read(format, file, bytes)?;
    Ok((doc.meta, doc.paragraphs))
}

/// Refuses inputs that are too large, empty or binary; otherwise says how to read them.
fn check(file: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let size = bytes.len() as u64;
    if size > MAX_INPUT_BYTES {
        return Err(ImportError::TooLarge {
            file: file.to_owned(),
            size,
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty {
            file: file.to_owned(),
        });
    }
    Format::detect(file, bytes).ok_or_else(|| ImportError::Binary {
        file: file.to_owned(),
    })
}

/// Imports pasted text: HTML when it looks like markup, otherwise plain text.
pub fn import_text(name: &str, text: &str, options: &Options<'_>) -> Result<Import, ImportError> {
    import_bytes(name, text.as_bytes(), options)
}

/// Compiles one of the crate's constant patterns. Every one is compiled by the tests, so a
/// bad pattern fails there, never on a user's article.
#[expect(
    clippy::expect_used,
    reason = "constant patterns, each compiled in every test run"
)]
pub(crate) fn pattern(re: &str) -> regex::Regex {
    regex::Regex::new(re).expect("a constant pattern compiles")
}
