//! Names of the files a save writes beside a draft (temporary files, the backup, the
//! recovery file), each short enough for the file system, and the sweep of temporary files
//! that a crash left behind.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// The longest file name, in bytes, that common file systems accept (Linux, macOS, NTFS).
pub(super) const NAME_MAX: usize = 255;
/// Random characters in a temporary name: enough that concurrent saves never collide.
const RANDOM_LEN: usize = 6;
const TEMP_SUFFIX: &str = ".tmp";
const BACKUP_SUFFIX: &str = ".bak";

/// `<path>.bak`: where the previous version of a saved file is kept.
///
/// A name too long to take the suffix is shortened first (its start and a hash of the
/// whole), so the backup of a 255-byte name still fits the file system.
pub fn backup_path(path: &Path) -> PathBuf {
    let name = file_name(path);
    let short = fit(&name, NAME_MAX - BACKUP_SUFFIX.len());
    path.with_file_name(format!("{short}{BACKUP_SUFFIX}"))
}

/// `.<name>.`: how the temporary files of a save of `name` begin, followed by random
/// characters and `.tmp`; shortened so that the whole temporary name fits `NAME_MAX`.
pub(super) fn temp_prefix(name: &OsStr) -> String {
    let name = name.to_string_lossy();
    let room = NAME_MAX - 2 - RANDOM_LEN - TEMP_SUFFIX.len();
    format!(".{}.", fit(&name, room))
}

/// A temporary-file builder for names beginning with `prefix` (from `temp_prefix`).
pub(super) fn temp_builder(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(RANDOM_LEN);
    builder
}

/// Deletes the temporary files beginning with `prefix` in `dir`: what saves killed
/// part-way left behind (a whole draft's size each). Best effort: a file that cannot be
/// deleted is left for the next save.
///
/// A save running at the same moment in another process loses its temporary file and
/// fails cleanly (its draft untouched); saving one draft from two processes at once is
/// not supported anyway.
pub(super) fn remove_stale_temps(dir: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_temp_of(&name.to_string_lossy(), prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether `name` is `prefix`, exactly [`RANDOM_LEN`] letters or digits, then `.tmp`:
/// a temporary file of this draft and of no other (`a.x.brief.json`'s start like `a.`'s).
fn is_temp_of(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == RANDOM_LEN && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// The last component of `path` as text (`untitled` when it has none).
pub(super) fn file_name(path: &Path) -> Cow<'_, str> {
    path.file_name()
        .map_or(Cow::Borrowed("untitled"), |n| n.to_string_lossy())
}

/// `name` if it has at most `room` bytes; otherwise its start (cut at a character
/// boundary), `~` and 8 hex digits of a hash of the whole name, `room` bytes at most, so
/// two long names sharing a start still get different derived names.
pub(super) fn fit(name: &str, room: usize) -> Cow<'_, str> {
    if name.len() <= room {
        return Cow::Borrowed(name);
    }
    let digest = Sha256::digest(name.as_bytes());
    let hash: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let mut cut = room.saturating_sub(1 + hash.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    Cow::Owned(format!("{}~{hash}", &name[..cut]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept_as_they_are() {
        assert_eq!(temp_prefix(OsStr::new("a.brief.json")), ".a.brief.json.");
        assert_eq!(
            backup_path(Path::new("/x/a.brief.json")),
            Path::new("/x/a.brief.json.bak")
        );
    }

    #[test]
    fn long_names_are_shortened_to_fit_and_stay_distinct() {
        let a = format!("{}a.brief.json", "é".repeat(125));
        let b = format!("{}b.brief.json", "é".repeat(125));
        assert_eq!(a.len(), 262);
        let (pa, pb) = (temp_prefix(OsStr::new(&a)), temp_prefix(OsStr::new(&b)));
        assert!(
            pa.len() + RANDOM_LEN + TEMP_SUFFIX.len() <= NAME_MAX,
            "{pa}"
        );
        assert_ne!(pa, pb);
        let bak = backup_path(Path::new(&a));
        assert!(bak.as_os_str().len() <= NAME_MAX);
        assert!(bak.to_string_lossy().ends_with(".bak"));
    }

    #[test]
    fn only_this_drafts_temporary_files_match() {
        let p = temp_prefix(OsStr::new("a"));
        assert!(is_temp_of(".a.Xy12z9.tmp", &p));
        assert!(!is_temp_of(".a.x.brief.json.Xy12z9.tmp", &p));
        assert!(!is_temp_of(".a.Xy12z.tmp", &p));
        assert!(!is_temp_of(".a.Xy12z9.tmp.bak", &p));
        assert!(!is_temp_of("a", &p));
    }
}
