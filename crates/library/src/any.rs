//! One way to read "a dataset" wherever the user may name one: a JSON dataset or a library,
//! told apart by the file's first bytes, not its name.

use crate::error::LibraryError;
use crate::file::is_library_file;
use crate::library::Library;
use briefsmith_core::model::{Brief, Dataset};
use briefsmith_core::store::{LoadError, load_json_dataset};
use briefsmith_core::validate::{Problem, validate_dataset};
use std::io;
use std::path::Path;

/// Reads the dataset a draft names, a JSON dataset or a library told apart by its first
/// bytes, with its fingerprint: the hash of a JSON file's bytes, or a library's id and
/// edit revision. A library gives its [catalog](Library::catalog) and only the items
/// `brief` cites (all that exports, checks and validation read of it), so a draft on a
/// million items opens at once. Fits [`briefsmith_core::store::DatasetLoader`].
pub fn load_dataset_for(path: &Path, brief: &Brief) -> Result<(Dataset, String), LoadError> {
    if !is_library_file(path) {
        return load_json_dataset(path);
    }
    let read = || -> Result<(Dataset, String), LibraryError> {
        let library = Library::open(path)?;
        let catalog = Dataset {
            items: library.items(&brief.cited_items())?,
            ..library.catalog()?
        };
        Ok((catalog, library.fingerprint()?))
    };
    read().map_err(|e| into_load_error(e, path))
}

/// Every problem of the library at `path`, checked as its dataset is (places are dataset
/// paths such as `items[12].date`). A file that is not a readable library is the `Err`.
pub fn validate_library(path: &Path) -> Result<Vec<Problem>, LoadError> {
    let library = Library::open(path).map_err(|e| into_load_error(e, path))?;
    let dataset = library.to_dataset().map_err(|e| into_load_error(e, path))?;
    Ok(validate_dataset(&dataset, path))
}

/// A library error in the shape core reports load failures in, keeping its message.
fn into_load_error(e: LibraryError, path: &Path) -> LoadError {
    match e {
        LibraryError::Dataset(e) => e,
        LibraryError::Io { source, .. } => LoadError::Io {
            file: path.to_owned(),
            source,
        },
        other => {
            // The message names the file already; the LoadError shows it once.
            let full = other.to_string();
            let prefix = format!("{}: ", path.display());
            let message = full.strip_prefix(&prefix).unwrap_or(&full).to_owned();
            LoadError::Io {
                file: path.to_owned(),
                source: io::Error::other(message),
            }
        }
    }
}
