//! Autosave: a recovery file beside each draft, so a crash loses at most a few seconds of work.

use super::SaveError;
use super::atomic::write_atomic;
use super::encode_brief;
use crate::model::Brief;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The recovery file of a draft: `.<name>.recovery` in the draft's folder (hidden on Unix).
pub fn recovery_path(draft: &Path) -> PathBuf {
    let name = draft
        .file_name()
        .map_or_else(|| "untitled".into(), |n| n.to_string_lossy());
    draft.with_file_name(format!(".{name}.recovery"))
}

/// Writes the brief to the draft's recovery file, atomically; the draft itself is untouched.
pub fn save_recovery(draft: &Path, brief: &Brief) -> Result<(), SaveError> {
    let path = recovery_path(draft);
    let bytes = encode_brief(brief, &path)?;
    write_atomic(&path, &bytes, false)
}

/// The draft's recovery file, if one exists that was written after the draft was last saved
/// (or the draft itself is gone).
pub fn newer_recovery(draft: &Path) -> Option<PathBuf> {
    let path = recovery_path(draft);
    let recovered = fs::metadata(&path).and_then(|m| m.modified()).ok()?;
    match fs::metadata(draft).and_then(|m| m.modified()) {
        Ok(saved) if saved >= recovered => None,
        _ => Some(path),
    }
}

/// Deletes the draft's recovery file (after a save, or when the user declines to recover it).
pub fn discard_recovery(draft: &Path) -> io::Result<()> {
    match fs::remove_file(recovery_path(draft)) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
