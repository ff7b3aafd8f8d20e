//! What can go wrong reading schemes, reading marks and marking a brief, each naming
//! the file, the mark or the place in the brief.

use std::path::PathBuf;

/// A scheme file could not be read or makes no sense.
#[derive(Debug, thiserror::Error)]
pub enum SchemeError {
    /// A scheme folder or file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not valid TOML, or a field of the wrong type.
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Valid TOML that is not a usable scheme.
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    /// No scheme has this name.
    #[error("unknown marking scheme \"{name}\"; known schemes: {}", known.join(", "))]
    Unknown { name: String, known: Vec<String> },
}

/// A mark could not be read in its scheme.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    /// Nothing but brackets or spaces.
    #[error("the mark is empty")]
    Empty,
    /// The first part names no level of the scheme.
    #[error("\"{mark}\": \"{part}\" is not a level of the {scheme} scheme (its levels: {levels})")]
    UnknownLevel {
        mark: String,
        part: String,
        scheme: String,
        levels: String,
    },
    #[error("\"{mark}\": \"{part}\" is not a control or caveat of the {scheme} scheme")]
    /// A later part is no control, caveat or release list of the scheme.
    UnknownControl {
        mark: String,
        part: String,
        scheme: String,
    },
    /// A release list with no country in it.
    #[error("\"{mark}\": the list after \"{prefix}\" names no country")]
    EmptyRelease { mark: String, prefix: String },
}

/// A brief's marks could not be worked out: which mark, where in the brief, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BriefMarkError {
    /// The brief names a scheme this program does not have.
    #[error("the brief's marking scheme \"{name}\" is not known; known schemes: {}", known.join(", "))]
    UnknownScheme { name: String, known: Vec<String> },
    /// A mark in the brief (or on an item it cites) does not read in the brief's scheme.
    #[error("{place}: {problem}")]
    Mark { place: String, problem: MarkError },
    /// A releasable version cannot leave out the title.
    #[error(
        "the title is marked {title}, above the ceiling {ceiling}: give the title a mark at or below the ceiling to make this version"
    )]
    TitleAboveCeiling { title: String, ceiling: String },
    /// `--max-marking` was asked of a brief without a scheme.
    #[error(
        "the brief has no marking scheme, so nothing can be left out by mark; set one in the brief's details first"
    )]
    NoScheme,
}
