//! Reading and writing datasets and drafts: schema versions, migration, atomic save, autosave.
//!
//! Loading never writes; saving never leaves a half-written file.

mod atomic;
mod draft;
mod error;
mod migrate;
mod names;
mod parse;
mod read;
mod recovery;
mod schema;

pub use atomic::{Backup, Saved, write_atomic};
pub(crate) use draft::resolve_dataset;
pub use draft::{DatasetLoader, OpenedDraft, load_json_dataset, open_draft, open_draft_with};
pub use error::{LoadError, SaveError};
pub use names::backup_path;
pub use parse::{parse_brief, parse_dataset, sniff_kind};
pub use read::{DATASET_LIMIT, DRAFT_LIMIT, read_bounded};
pub use recovery::{discard_recovery, newer_recovery, recovery_path, save_recovery};
pub use schema::FileKind;

use crate::model::{BRIEF_SCHEMA, Brief, Dataset};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;
use std::path::Path;

/// Reads and parses a `*.dataset.json` file.
pub fn load_dataset(path: &Path) -> Result<Dataset, LoadError> {
    parse_dataset(&read_bounded(path, DATASET_LIMIT)?, path)
}

/// Reads and parses a `*.brief.json` file, migrating an older schema version.
pub fn load_brief(path: &Path) -> Result<Brief, LoadError> {
    parse_brief(&read_bounded(path, DRAFT_LIMIT)?, path)
}

/// Saves a brief atomically in the current schema, keeping the previous file as `<file>.bak`
/// (see [`Saved::warning`] for when it could not be kept).
pub fn save_brief(path: &Path, brief: &Brief) -> Result<Saved, SaveError> {
    let bytes = encode_brief(brief, path)?;
    atomic::write_atomic(path, &bytes, true)
}

/// `sha256:` and the lowercase hex digest of `bytes`: identifies a dataset file's exact content.
pub fn fingerprint(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The brief as pretty JSON with a final newline, always stamped with the current schema.
fn encode_brief(brief: &Brief, path: &Path) -> Result<Vec<u8>, SaveError> {
    let encode = |b: &Brief| {
        serde_json::to_vec_pretty(b).map_err(|source| SaveError::Encode {
            file: path.to_owned(),
            source,
        })
    };
    let mut bytes = if brief.schema == BRIEF_SCHEMA {
        encode(brief)?
    } else {
        let mut current = brief.clone();
        current.schema = BRIEF_SCHEMA.to_owned();
        encode(&current)?
    };
    bytes.push(b'\n');
    Ok(bytes)
}
