//! Opening a draft together with the dataset it was composed from.

use super::{DATASET_LIMIT, LoadError, fingerprint, load_brief, parse_dataset, read_bounded};
use crate::model::{Brief, Dataset, Drift};
use std::io;
use std::path::{Path, PathBuf};

/// A draft opened from disk, with its dataset when that could be found and read.
#[derive(Debug, Clone)]
pub struct OpenedDraft {
    pub brief: Brief,
    /// `None` when the dataset is missing or unreadable: the brief then works from its snapshots.
    pub dataset: Option<Dataset>,
    /// Where the dataset was looked for (the draft's folder joined with `brief.dataset.path`).
    pub dataset_path: PathBuf,
    /// The dataset's fingerprint as the loader read it (empty without a dataset).
    pub dataset_fingerprint: String,
    /// Why the dataset is missing, or that it changed since the draft was saved.
    pub warnings: Vec<String>,
}

/// Reads the dataset file at a path for the brief that names it, whatever kind of file it
/// is, with a fingerprint of its current state (to notice later that it changed). Core
/// reads JSON datasets ([`load_json_dataset`]); the library crate's loaders also read
/// SQLite libraries, whole or only as far as the brief needs.
pub type DatasetLoader = fn(&Path, &Brief) -> Result<(Dataset, String), LoadError>;

/// Reads a JSON dataset; its fingerprint is the hash of its bytes.
pub fn load_json_dataset(path: &Path) -> Result<(Dataset, String), LoadError> {
    let bytes = read_bounded(path, DATASET_LIMIT)?;
    let dataset = parse_dataset(&bytes, path)?;
    Ok((dataset, fingerprint(&bytes)))
}

/// Loads a draft and its JSON dataset; see [`open_draft_with`].
pub fn open_draft(path: &Path) -> Result<OpenedDraft, LoadError> {
    open_draft_with(path, |dataset, _| load_json_dataset(dataset))
}

/// Loads a draft and its dataset, read by `loader`; the dataset path is taken relative to
/// the draft's folder.
///
/// Only a draft that cannot be read is an error. A missing, unreadable or changed dataset
/// is a warning: the draft still opens from its snapshots.
pub fn open_draft_with(path: &Path, loader: DatasetLoader) -> Result<OpenedDraft, LoadError> {
    let brief = load_brief(path)?;
    let link = resolve_dataset(path, &brief, loader);
    Ok(OpenedDraft {
        brief,
        dataset: link.dataset,
        dataset_path: link.path,
        dataset_fingerprint: link.fingerprint,
        warnings: link.warnings.into_iter().map(|w| w.message).collect(),
    })
}

/// A warning about a draft's dataset, with the field of the draft it concerns.
#[derive(Debug, Clone)]
pub(crate) struct DraftWarning {
    pub location: &'static str,
    pub message: String,
}

/// The outcome of looking for a draft's dataset.
pub(crate) struct DatasetLink {
    pub dataset: Option<Dataset>,
    pub path: PathBuf,
    /// The fingerprint the loader gave (empty without a dataset).
    pub fingerprint: String,
    pub warnings: Vec<DraftWarning>,
}

/// Finds, reads and checks the fingerprint of the dataset `brief` (stored at `draft`) names.
pub(crate) fn resolve_dataset(draft: &Path, brief: &Brief, loader: DatasetLoader) -> DatasetLink {
    let folder = draft.parent().unwrap_or(Path::new(""));
    let named = &brief.dataset.path;
    let path = folder.join(named);
    let warn = |location, message| DatasetLink {
        dataset: None,
        path: path.clone(),
        fingerprint: String::new(),
        warnings: vec![DraftWarning { location, message }],
    };
    if named.trim().is_empty() {
        return warn(
            "dataset.path",
            "the draft names no dataset; it opens from its snapshots".to_owned(),
        );
    }
    let (dataset, current) = match loader(&path, brief) {
        Ok(b) => b,
        Err(LoadError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            return warn(
                "dataset.path",
                format!(
                    "dataset \"{named}\" not found (looked for {}); the draft opens from its snapshots",
                    path.display()
                ),
            );
        }
        Err(e) => {
            return warn(
                "dataset.path",
                format!(
                    "dataset \"{named}\" cannot be used: {e}; the draft opens from its snapshots"
                ),
            );
        }
    };
    let mut warnings = Vec::new();
    let saved = &brief.dataset.fingerprint;
    if !saved.is_empty() && *saved != current {
        // Items gone from the dataset are left out: the draft's validation names them.
        let stale = brief
            .drifted_blocks(&dataset.index())
            .iter()
            .filter(|(_, d)| *d == Drift::Changed)
            .count();
        warnings.push(DraftWarning {
            location: "dataset.fingerprint",
            message: format!(
                "dataset \"{named}\" has changed since the draft was saved; \
                 {stale} picked item(s) now differ from their snapshots"
            ),
        });
    }
    DatasetLink {
        dataset: Some(dataset),
        path,
        fingerprint: current,
        warnings,
    }
}
