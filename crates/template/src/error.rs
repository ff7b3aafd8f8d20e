//! What can go wrong loading or rendering a template, with the file and line it concerns.

use std::path::PathBuf;

/// A template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A template folder or file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A `template.toml` is malformed or incomplete.
    #[error("{file}: {message}")]
    Manifest { file: String, message: String },
    /// A template file does not compile, or fails while rendering.
    #[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        file: String,
        line: Option<usize>,
        message: String,
    },
    /// Rendering used up its budget: the template loops too long or writes too much.
    #[error(
        "{file}{}: rendering stopped: the template ran out of fuel (a loop that runs too long or far too much output)",
        line.map(|l| format!(":{l}")).unwrap_or_default()
    )]
    OutOfFuel { file: String, line: Option<usize> },
    /// No template has this name.
    #[error("unknown template \"{name}\"; known templates: {}", known.join(", "))]
    Unknown { name: String, known: Vec<String> },
}
