//! One problem found in a file, and the collector the checks report into.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is: errors fail validation, warnings only inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A problem in a dataset or brief, with its file and place.
///
/// Displays as `file:line:col: location: severity: message`, or without `:line:col`
/// when the position is unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// The JSON path and the id of the record, e.g. `items[12].source (id "q-putin-1")`.
    pub location: String,
    pub message: String,
    pub severity: Severity,
    /// The bare JSON path, e.g. `items[12].source`; used to find the line and column.
    pub path: String,
    /// Line and column (from 1) in the file, when known.
    pub position: Option<(usize, usize)>,
}

impl Problem {
    /// Whether this problem is an error (not just a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(
            f,
            ": {}: {}: {}",
            self.location, self.severity, self.message
        )
    }
}

/// Collects problems for one file.
pub(crate) struct Report<'a> {
    file: &'a Path,
    pub problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    pub fn new(file: &'a Path) -> Self {
        Report {
            file,
            problems: Vec::new(),
        }
    }

    /// Records an error at `path`, labelled with the record's id when given.
    pub fn error(&mut self, path: impl Into<String>, id: Label<'_>, message: impl Into<String>) {
        self.push(Severity::Error, path.into(), id, message.into());
    }

    /// Records a warning at `path`, labelled with the record's id when given.
    pub fn warning(&mut self, path: impl Into<String>, id: Label<'_>, message: impl Into<String>) {
        self.push(Severity::Warning, path.into(), id, message.into());
    }

    fn push(&mut self, severity: Severity, path: String, id: Label<'_>, message: String) {
        let location = match id {
            Label::None => path.clone(),
            Label::Id(id) => format!("{path} (id {id:?})"),
            Label::Item(id) => format!("{path} (item {id:?})"),
        };
        self.problems.push(Problem {
            file: self.file.to_owned(),
            location,
            message,
            severity,
            path,
            position: None,
        });
    }
}

/// What names the record a problem is in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Label<'a> {
    None,
    /// A source, entity or item by its own id.
    Id(&'a str),
    /// A brief's item block, by the id of the item it picks.
    Item(&'a str),
}
