//! Autosave: a recovery file beside each draft, so a crash loses at most a few seconds of work.

use super::SaveError;
use super::atomic::write_atomic;
use super::encode_brief;
use super::names::{NAME_MAX, file_name, fit};
use crate::model::Brief;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const SUFFIX: &str = ".recovery";

/// The recovery file of a draft: `.<name>.recovery` in the draft's folder (hidden on Unix),
/// the name shortened when needed to fit the file system.
pub fn recovery_path(draft: &Path) -> PathBuf {
    let name = file_name(draft);
    let short = fit(&name, NAME_MAX - ".".len() - SUFFIX.len());
    draft.with_file_name(format!(".{short}{SUFFIX}"))
}

/// Writes the brief to the draft's recovery file, atomically; the draft itself is untouched.
pub fn save_recovery(draft: &Path, brief: &Brief) -> Result<(), SaveError> {
    let path = recovery_path(draft);
    let bytes = encode_brief(brief, &path)?;
    write_atomic(&path, &bytes, false).map(|_| ())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_with_a_name_of_250_bytes_gets_a_recovery_file() {
        let dir = tempfile::tempdir().unwrap();
        let draft = dir.path().join(format!("{}.brief.json", "r".repeat(239)));
        let brief = Brief::default();
        save_recovery(&draft, &brief).unwrap();
        let recovery = newer_recovery(&draft).unwrap();
        assert!(recovery.file_name().unwrap().len() <= NAME_MAX);
        assert_eq!(recovery, recovery_path(&draft));
        discard_recovery(&draft).unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
