//! Typed errors of the library store; each names the file, and the record or row involved.

use briefsmith_core::store::{LoadError, SaveError};
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// Why a library could not be opened, read or changed. Nothing is changed when one is returned.
#[derive(Debug, Error)]
pub enum LibraryError {
    /// The file could not be read or found at all.
    #[error("{}: cannot {step}: {source}", file.display())]
    Io {
        file: PathBuf,
        /// What was being done, e.g. "read", "create the library".
        step: &'static str,
        #[source]
        source: io::Error,
    },
    /// The file exists and is not an SQLite database.
    #[error("{}: not a Briefsmith library (not an SQLite file)", file.display())]
    NotSqlite { file: PathBuf },
    /// An SQLite database that some other program made.
    #[error("{}: not a Briefsmith library (an SQLite database of another program)", file.display())]
    Foreign { file: PathBuf },
    /// A library written by a later version of Briefsmith.
    #[error(
        "{}: written by a newer Briefsmith (library schema {found}); this version reads up to {supported}",
        file.display()
    )]
    Future {
        file: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A write to a library that is opened read-only.
    #[error("{} is read-only: cannot {action}", file.display())]
    ReadOnly { file: PathBuf, action: String },
    /// The path already holds a file, and creating a library would replace it.
    #[error("{}: already exists; a new library is never written over an existing file", file.display())]
    Exists { file: PathBuf },
    /// An edit that would break the library's references, or reuse an id.
    #[error("{}: {message}", file.display())]
    Refused { file: PathBuf, message: String },
    /// An edit (or an undo) made against a state the library is no longer in.
    #[error("{}: {what} changed since this edit was prepared; reload and try again", file.display())]
    Conflict { file: PathBuf, what: String },
    /// SQLite itself failed (disk full, corrupt file, locked by another program).
    #[error("{}: cannot {step}: {source}", file.display())]
    Sqlite {
        file: PathBuf,
        step: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    /// A JSON dataset that could not be read.
    #[error(transparent)]
    Dataset(#[from] LoadError),
    /// A JSON dataset that could not be written.
    #[error(transparent)]
    Save(#[from] SaveError),
    /// Spreadsheet rows that cannot be imported; every problem is listed.
    #[error("{}", problems.join("\n"))]
    Rows {
        file: PathBuf,
        /// One line per problem: `FILE: row R, column C (name): problem`.
        problems: Vec<String>,
    },
}

/// Results of library operations.
pub type Result<T, E = LibraryError> = std::result::Result<T, E>;
