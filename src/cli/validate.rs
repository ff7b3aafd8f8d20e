//! `briefsmith validate FILE...`: checks datasets, libraries and drafts, one line per problem.

use briefsmith_core::store::LoadError;
use briefsmith_core::validate::validate_file_with;
use briefsmith_library::{is_library_file, load_dataset_for, validate_library};
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Validates each file and prints `file:line:col: location: error|warning: message` lines on
/// stdout and a summary on stderr. Exit code 0 when no errors, 1 when any error was found or
/// a file could not be read or parsed.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut out = io::stdout().lock();
    let (mut errors, mut warnings) = (0usize, 0usize);
    for file in files {
        let report = if is_library_file(file) {
            validate_library(file)
        } else {
            validate_file_with(file, load_dataset_for).map(|r| r.problems)
        };
        match report {
            Ok(problems) => {
                for p in &problems {
                    if p.is_error() {
                        errors += 1;
                    } else {
                        warnings += 1;
                    }
                    // A closed pipe (`| head`) is not a failure of the files.
                    let _ = writeln!(out, "{p}");
                }
            }
            Err(e) => {
                errors += 1;
                let _ = writeln!(out, "{}", load_error_line(&e));
            }
        }
    }
    let _ = out.flush();
    eprintln!(
        "{} file(s) checked: {errors} error(s), {warnings} warning(s)",
        files.len()
    );
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A load error in the same `file:place: error: message` form as the problems.
fn load_error_line(e: &LoadError) -> String {
    let file = e.file().display();
    match e {
        LoadError::Io { source, .. } => format!("{file}: error: cannot read: {source}"),
        LoadError::NotAFile { kind, .. } => {
            format!("{file}: error: is {kind}, not a regular file; only regular files are read")
        }
        LoadError::TooLarge { size, limit, .. } => format!(
            "{file}: error: too large to read: {size} bytes or more, the limit is {limit} bytes"
        ),
        LoadError::Empty { .. } => format!("{file}: error: the file is empty"),
        LoadError::NotText {
            line,
            column,
            offset,
            ..
        } => format!(
            "{file}:{line}:{column}: error: not a text file: invalid UTF-8 at byte {offset}"
        ),
        LoadError::Syntax {
            line,
            column,
            message,
            ..
        } => format!("{file}:{line}:{column}: error: {message}"),
        LoadError::Shape {
            path,
            position,
            message,
            ..
        } => match position {
            Some((line, column)) => format!("{file}:{line}:{column}: {path}: error: {message}"),
            None => format!("{file}: {path}: error: {message}"),
        },
        LoadError::Schema { message, .. } => format!("{file}: schema: error: {message}"),
    }
}
