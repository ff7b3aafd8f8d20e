//! Checking datasets and briefs: every problem at once, each with its file, place and severity.

mod brief;
mod dataset;
mod dates;
mod locate;
mod problem;

pub use crate::date::is_iso_date;
pub use locate::locate;
pub use problem::{Problem, Severity};

use crate::model::{Brief, Dataset};
use crate::store::{
    DATASET_LIMIT, DatasetLoader, FileKind, LoadError, load_json_dataset, parse_brief,
    parse_dataset, read_bounded, resolve_dataset, sniff_kind,
};
use problem::{Label, Report};
use std::path::Path;

/// Every problem of a dataset: ids, references, grades, required text, dates, facts vs quotes.
pub fn validate_dataset(ds: &Dataset, file: &Path) -> Vec<Problem> {
    let mut report = Report::new(file);
    dataset::check(ds, &mut report);
    report.problems
}

/// Every problem of a brief; with its dataset, also missing items and stale snapshots.
pub fn validate_brief(brief: &Brief, dataset: Option<&Dataset>, file: &Path) -> Vec<Problem> {
    let mut report = Report::new(file);
    brief::check(brief, dataset, &mut report);
    report.problems
}

/// What validating one file found.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// Whether the file was read as a dataset or a brief.
    pub kind: FileKind,
    pub problems: Vec<Problem>,
}

/// Reads and validates a dataset or a draft, telling them apart by the `schema` field and
/// then by the file name (`.dataset.json` / `.brief.json`). A draft is checked against its
/// dataset when that is found; a missing or changed dataset is a warning. Problems carry
/// line and column. A file that cannot be read or parsed is the `Err`.
///
/// A draft's dataset is read as JSON; see [`validate_file_with`] to read it another way.
pub fn validate_file(path: &Path) -> Result<FileReport, LoadError> {
    validate_file_with(path, |dataset, _| load_json_dataset(dataset))
}

/// [`validate_file`], with a draft's dataset read by `loader` (e.g. one that also reads libraries).
pub fn validate_file_with(path: &Path, loader: DatasetLoader) -> Result<FileReport, LoadError> {
    // The kind is known only once read, so the larger (dataset) limit applies.
    let bytes = read_bounded(path, DATASET_LIMIT)?;
    let kind = sniff_kind(&bytes)
        .or_else(|| FileKind::of_file_name(path))
        .unwrap_or(FileKind::Dataset);
    let mut problems = match kind {
        FileKind::Dataset => validate_dataset(&parse_dataset(&bytes, path)?, path),
        FileKind::Brief => {
            let brief = parse_brief(&bytes, path)?;
            let link = resolve_dataset(path, &brief, loader);
            let mut report = Report::new(path);
            for w in link.warnings {
                report.warning(w.location, Label::None, w.message);
            }
            brief::check(&brief, link.dataset.as_ref(), &mut report);
            report.problems
        }
    };
    // The parse above succeeded, so the bytes are UTF-8 JSON.
    if let Ok(text) = std::str::from_utf8(&bytes) {
        locate(&mut problems, text);
    }
    Ok(FileReport { kind, problems })
}
