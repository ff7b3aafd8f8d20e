//! Typed errors of reading and writing files; each names the file and the place.

use std::io;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a dataset or brief could not be loaded.
///
/// Displays as `<file>:<line>:<col>: <problem>` or `<file>: <json path>: <problem>`.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file could not be read at all (missing, permissions, a folder...).
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        file: PathBuf,
        #[source]
        source: io::Error,
    },
    /// The path names a folder, device, FIFO or socket: only regular files are read.
    #[error("{}: is {kind}, not a regular file; only regular files are read", file.display())]
    NotAFile { file: PathBuf, kind: &'static str },
    /// The file is larger than anything this kind of file should be.
    #[error(
        "{}: too large to read: {size} bytes or more, the limit is {limit} bytes",
        file.display()
    )]
    TooLarge {
        file: PathBuf,
        size: u64,
        limit: u64,
    },
    /// The file holds no JSON at all.
    #[error("{}: the file is empty", file.display())]
    Empty { file: PathBuf },
    /// The bytes are not UTF-8 text (a binary file, or a different encoding).
    #[error(
        "{}:{line}:{column}: not a text file: invalid UTF-8 at byte {offset}",
        file.display()
    )]
    NotText {
        file: PathBuf,
        line: usize,
        column: usize,
        offset: usize,
    },
    /// The text is not valid JSON (truncated, a typo, nested too deeply).
    #[error("{}:{line}:{column}: {message}", file.display())]
    Syntax {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid JSON of the wrong shape: a missing field, a wrong type, an unknown field.
    #[error("{}: {path}: {message}", at(.file, *.position))]
    Shape {
        file: PathBuf,
        /// Where in the document, e.g. `items[12] (id "q-1").credibility`.
        path: String,
        /// Line and column, when known (not for migrated files).
        position: Option<(usize, usize)>,
        message: String,
    },
    /// The `schema` field is missing, of another kind of file, or of a version this build cannot read.
    #[error("{}: schema: {message}", file.display())]
    Schema { file: PathBuf, message: String },
}

impl LoadError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            LoadError::Io { file, .. }
            | LoadError::NotAFile { file, .. }
            | LoadError::TooLarge { file, .. }
            | LoadError::Empty { file }
            | LoadError::NotText { file, .. }
            | LoadError::Syntax { file, .. }
            | LoadError::Shape { file, .. }
            | LoadError::Schema { file, .. } => file,
        }
    }
}

/// `file:line:col`, or just `file` when the position is unknown.
fn at(file: &Path, position: Option<(usize, usize)>) -> String {
    match position {
        Some((line, column)) => format!("{}:{line}:{column}", file.display()),
        None => file.display().to_string(),
    }
}

/// Why a brief could not be saved. The previous file is left as it was.
#[derive(Debug, Error)]
pub enum SaveError {
    /// A file-system step failed; `step` says which (e.g. "create a temporary file").
    #[error("{}: cannot {step}: {source}", file.display())]
    Io {
        file: PathBuf,
        step: &'static str,
        #[source]
        source: io::Error,
    },
    /// The file's permission bits allow no writing: it is left as it is.
    #[error(
        "{}: the file is read-only; it was left unchanged (save under another name, or make it writable)",
        file.display()
    )]
    ReadOnly { file: PathBuf },
    /// The brief could not be turned into JSON.
    #[error("{}: cannot encode the brief: {source}", file.display())]
    Encode {
        file: PathBuf,
        #[source]
        source: serde_json::Error,
    },
}
