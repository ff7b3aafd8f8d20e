//! Replacing a file so that a crash, a full disk or a failed write never leaves it half-written.
//!
//! The new content goes to a temporary file in the same folder, is flushed to disk, and
//! only then renamed over the old file (an atomic step on one file system). The previous
//! version is kept beside it as `<name>.bak`, itself made under a temporary name and
//! renamed into place, so a `.bak` that existed always exists and is always whole.
//!
//! Decisions for the odd cases:
//! - a symbolic link is written through: its target gets the new content (and the `.bak`
//!   and temporary files beside it), the link stays a link, as editors do;
//! - a read-only file (no write permission bit for anyone) is refused, whoever runs the
//!   program, even root: the user made it read-only to keep it;
//! - when the previous version cannot be kept (a folder named `<name>.bak`, a failed
//!   copy), the save still happens and [`Saved::backup`] says why none was kept;
//! - temporary files a killed save left behind are deleted by the next save of that file.

use super::SaveError;
use super::names::{NAME_MAX, backup_path, remove_stale_temps, temp_builder, temp_prefix};
use std::fs::{self, File, Metadata};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::TempPath;

/// Links followed before giving up (as Linux's own limit): a cycle would loop forever.
const MAX_LINKS: usize = 40;

/// What a save wrote and what became of the previous version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file written: the path saved to, or the file its symbolic link points at.
    pub file: PathBuf,
    pub backup: Backup,
}

/// What became of the previous version of a saved file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backup {
    /// None was asked for, or there was no previous version.
    NotAsked,
    /// The previous version is at this path.
    Kept(PathBuf),
    /// The save succeeded, but the previous version could not be kept at `path`.
    NotKept { path: PathBuf, reason: String },
}

impl Saved {
    /// A sentence for the user when the save succeeded without keeping the previous version.
    pub fn warning(&self) -> Option<String> {
        match &self.backup {
            Backup::NotKept { path, reason } => Some(format!(
                "{}: saved, but the previous version could not be kept as {}: {reason}",
                self.file.display(),
                path.display()
            )),
            Backup::NotAsked | Backup::Kept(_) => None,
        }
    }
}

/// Writes `bytes` to `path` atomically, keeping the previous file as `<path>.bak` when asked.
/// Every file the program writes (drafts, exports) goes through here.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<Saved, SaveError> {
    write_atomic_with(path, keep_backup, |out| out.write_all(bytes))
}

/// [`write_atomic`] with the writing step supplied by the caller, so tests can make it fail part-way.
pub(crate) fn write_atomic_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    let fail = |file: &Path, step: &'static str| {
        let file = file.to_owned();
        move |source: io::Error| SaveError::Io { file, step, source }
    };
    let target = follow_links(path).map_err(fail(path, "follow the link"))?;
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))
        .map_err(fail(path, "save"))?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(name);
    remove_stale_temps(dir, &prefix);

    let old = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(&target, "look at the file")(e)),
    };
    // The permission bits, not the OS's answer: root may write anything, but the user
    // made this file read-only to keep it as it is.
    if old.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(SaveError::ReadOnly { file: target });
    }
    // The backup comes first, so that at most one temporary file exists at any moment.
    let backup = match &old {
        Some(meta) if keep_backup && meta.is_file() => {
            keep_previous(&target, dir, &prefix, meta, true)
        }
        _ => Backup::NotAsked,
    };

    // Dropping `temp` on any early return deletes the temporary file.
    let mut builder = temp_builder(&prefix);
    // A new file gets the permissions any program's new file gets (0o666 less the umask),
    // not a temporary file's owner-only ones: a PDF is made to be shared.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(fail(&target, "create a temporary file"))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out).map_err(fail(&target, "write"))?;
        out.flush().map_err(fail(&target, "write"))?;
    }
    temp.as_file()
        .sync_all()
        .map_err(fail(&target, "flush to disk"))?;
    if let Some(meta) = &old {
        // Keep the old file's permissions. Best effort: some network and FUSE shares
        // refuse chmod, and that must not stop a save.
        let _ = fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(&target)
        .map_err(|e| e.error)
        .map_err(fail(&target, "replace the file"))?;
    sync_dir(dir);
    Ok(Saved {
        file: target,
        backup,
    })
}

/// The file `path` finally names, following symbolic links (relative ones from the
/// link's folder); `path` itself when it is not a link or does not exist yet.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("more than {MAX_LINKS} symbolic links in a row (a loop?)"),
    ))
}

/// Makes `<file>.bak` a whole copy of `file` as it is now, replacing the old `.bak` in
/// one rename; says why when it cannot.
fn keep_previous(file: &Path, dir: &Path, prefix: &str, meta: &Metadata, link: bool) -> Backup {
    let bak = backup_path(file);
    let not_kept = |reason: String| Backup::NotKept {
        path: bak.clone(),
        reason,
    };
    debug_assert!(bak.file_name().is_some_and(|n| n.len() <= NAME_MAX));
    if let Ok(there) = fs::symlink_metadata(&bak) {
        if there.is_dir() {
            return not_kept("a folder has that name".to_owned());
        }
        // A save killed between its two renames leaves the `.bak` a link to the file
        // itself: it already holds this version, and renaming a second link over it
        // would do nothing (POSIX), leaving that link behind as a stray temporary file.
        if same_file(&there, meta) {
            return Backup::Kept(bak);
        }
    }
    let staged = match stage_backup(file, dir, prefix, meta, link) {
        Ok(staged) => staged,
        Err(e) => return not_kept(format!("cannot copy it: {e}")),
    };
    match staged.persist(&bak) {
        Ok(()) => Backup::Kept(bak),
        Err(e) => not_kept(format!("cannot rename it into place: {}", e.error)),
    }
}

/// The previous version under a temporary name: a hard link (instant) where the file
/// system has them, else a copy flushed to disk (FAT, SMB and some FUSE shares).
fn stage_backup(
    file: &Path,
    dir: &Path,
    prefix: &str,
    meta: &Metadata,
    link: bool,
) -> io::Result<TempPath> {
    let builder = temp_builder(prefix);
    if link && let Ok(linked) = builder.make_in(dir, |temp| fs::hard_link(file, temp)) {
        return Ok(linked.into_temp_path());
    }
    let mut copy = builder.tempfile_in(dir)?;
    io::copy(&mut File::open(file)?, copy.as_file_mut())?;
    copy.as_file().sync_all()?;
    let _ = fs::set_permissions(copy.path(), meta.permissions());
    Ok(copy.into_temp_path())
}

/// Whether two files' details are of one file (two hard links to it).
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

/// Flushes the folder entry of the rename, where the platform allows; best effort.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn first_save_creates_the_file_without_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        write_atomic(&path, b"one", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["a.brief.json"]);
    }

    #[test]
    fn second_save_keeps_the_previous_version_as_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        write_atomic(&path, b"one", true).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["a.brief.json", "a.brief.json.bak"]);
    }

    #[test]
    fn interrupted_write_leaves_old_file_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        write_atomic(&path, b"old content", true).unwrap();
        let err = write_atomic_with(&path, true, |out| {
            out.write_all(b"new cont")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("cannot write: disk full"), "{err}");
        assert!(err.to_string().contains("a.brief.json"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"old content");
        // The backup is made first (so at most one temporary file exists at a time): it
        // holds the same, whole, old content.
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"old content");
        assert_eq!(names(dir.path()), ["a.brief.json", "a.brief.json.bak"]);
    }

    #[test]
    fn save_into_missing_folder_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("a.brief.json");
        let err = write_atomic(&path, b"x", true).unwrap_err();
        assert!(
            err.to_string().contains("cannot create a temporary file"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_not_private_ones() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let usual = dir.path().join("usual");
        fs::write(&usual, b"x").unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"y", false).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&usual));
    }

    #[cfg(unix)]
    #[test]
    fn permissions_of_the_old_file_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, b"x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y", false).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn temporary_files_left_by_a_killed_save_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        write_atomic(&path, b"one", true).unwrap();
        for stale in [".a.brief.json.Ab12Cd.tmp", ".a.brief.json.zzzzzz.tmp"] {
            fs::write(dir.path().join(stale), b"half a draft").unwrap();
        }
        // Not this draft's: another draft's temporary file, and a file the user made.
        let other = [".a.brief.json.bak.Ab12Cd.tmp", "notes.tmp"];
        for name in other {
            fs::write(dir.path().join(name), b"keep").unwrap();
        }
        write_atomic(&path, b"two", true).unwrap();
        let mut expected = vec!["a.brief.json", "a.brief.json.bak"];
        expected.extend(other);
        expected.sort();
        assert_eq!(names(dir.path()), expected);
    }

    #[test]
    fn a_folder_named_like_the_backup_does_not_stop_the_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        write_atomic(&path, b"one", true).unwrap();
        fs::create_dir(backup_path(&path)).unwrap();
        let saved = write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert!(backup_path(&path).is_dir());
        let warning = saved.warning().unwrap();
        assert!(
            warning.ends_with("a.brief.json.bak: a folder has that name"),
            "{warning}"
        );
        assert_eq!(names(dir.path()), ["a.brief.json", "a.brief.json.bak"]);
    }

    #[test]
    fn a_kept_backup_is_reported_and_a_first_save_has_none() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        let first = write_atomic(&path, b"one", true).unwrap();
        assert_eq!(first.backup, Backup::NotAsked);
        let second = write_atomic(&path, b"two", true).unwrap();
        assert_eq!(second.backup, Backup::Kept(backup_path(&path)));
        assert_eq!(second.warning(), None);
    }

    #[test]
    fn without_hard_links_the_backup_is_a_whole_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        let content = vec![b'x'; 300_000];
        fs::write(&path, &content).unwrap();
        let meta = fs::metadata(&path).unwrap();
        let prefix = temp_prefix(path.file_name().unwrap());
        let kept = keep_previous(&path, dir.path(), &prefix, &meta, false);
        assert_eq!(kept, Backup::Kept(backup_path(&path)));
        assert_eq!(fs::read(backup_path(&path)).unwrap(), content);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let bak = fs::metadata(backup_path(&path)).unwrap();
            assert_ne!(bak.ino(), meta.ino(), "a copy, not a link");
        }
        assert_eq!(names(dir.path()), ["a.brief.json", "a.brief.json.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_even_for_root() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        fs::write(&path, b"kept").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomic(&path, b"new", true).unwrap_err();
        assert!(matches!(err, SaveError::ReadOnly { .. }), "{err:?}");
        assert!(
            err.to_string()
                .ends_with("a.brief.json: the file is read-only; it was left unchanged (save under another name, or make it writable)"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), b"kept");
        assert_eq!(names(dir.path()), ["a.brief.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_draft_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let target = dir.path().join("real").join("a.brief.json");
        fs::write(&target, b"one").unwrap();
        let link = dir.path().join("link.brief.json");
        std::os::unix::fs::symlink("real/a.brief.json", &link).unwrap();
        let saved = write_atomic(&link, b"two", true).unwrap();
        assert_eq!(saved.file, dir.path().join("real/a.brief.json"));
        assert!(fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(fs::read(&link).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&target)).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["link.brief.json", "real"]);
        let real = dir.path().join("real");
        assert_eq!(names(&real), ["a.brief.json", "a.brief.json.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_creates_its_target_and_a_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("a.brief.json");
        std::os::unix::fs::symlink("new.brief.json", &link).unwrap();
        write_atomic(&link, b"one", true).unwrap();
        assert_eq!(fs::read(dir.path().join("new.brief.json")).unwrap(), b"one");
        let (x, y) = (dir.path().join("x"), dir.path().join("y"));
        std::os::unix::fs::symlink(&y, &x).unwrap();
        std::os::unix::fs::symlink(&x, &y).unwrap();
        let err = write_atomic(&x, b"two", true).unwrap_err().to_string();
        assert!(err.contains("cannot follow the link"), "{err}");
    }

    #[test]
    fn a_name_of_255_bytes_saves_with_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.brief.json", "n".repeat(NAME_MAX - 11));
        assert_eq!(name.len(), NAME_MAX);
        let path = dir.path().join(&name);
        write_atomic(&path, b"one", true).unwrap();
        let saved = write_atomic(&path, b"two", true).unwrap();
        assert_eq!(saved.backup, Backup::Kept(backup_path(&path)));
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        assert_eq!(names(dir.path()).len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_linked_to_the_file_itself_leaves_no_stray_link() {
        // What a save killed between its two renames leaves: `.bak` and the file are one.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.brief.json");
        fs::write(&path, b"one").unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"one");
        assert_eq!(names(dir.path()), ["a.brief.json", "a.brief.json.bak"]);
    }
}
