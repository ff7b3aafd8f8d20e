//! Replacing a file so that a crash, a full disk or a failed write never leaves it half-written.
//!
//! The new content goes to a temporary file in the same folder, is flushed to disk, and
//! only then renamed over the old file (an atomic step on one file system). The previous
//! version is kept beside it as `<name>.bak`.

use super::SaveError;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// `<path>.bak`: where the previous version of a saved file is kept.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Writes `bytes` to `path` atomically, keeping the previous file as `<path>.bak` when asked.
/// Every file the program writes (drafts, exports) goes through here.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    write_atomic_with(path, keep_backup, |out| out.write_all(bytes))
}

/// [`write_atomic`] with the writing step supplied by the caller, so tests can make it fail part-way.
pub(crate) fn write_atomic_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |step: &'static str| {
        move |source: io::Error| SaveError::Io {
            file: path.to_owned(),
            step,
            source,
        }
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))
        .map_err(fail("save"))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };

    // Dropping `temp` on any early return deletes the temporary file.
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the permissions any program's new file gets (0o666 less the umask),
    // not a temporary file's owner-only ones: a PDF is made to be shared.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder
        .tempfile_in(dir)
        .map_err(fail("create a temporary file"))?;
    {
        let mut out = BufWriter::new(temp.as_file_mut());
        write(&mut out).map_err(fail("write"))?;
        out.flush().map_err(fail("write"))?;
    }
    temp.as_file().sync_all().map_err(fail("flush to disk"))?;

    if let Ok(old) = fs::metadata(path) {
        // Keep the old file's permissions. Best effort: some network and FUSE shares
        // refuse chmod, and that must not stop a save.
        let _ = fs::set_permissions(temp.path(), old.permissions());
        if keep_backup {
            keep_previous(path).map_err(fail("keep a backup"))?;
        }
    }
    temp.persist(path)
        .map_err(|e| e.error)
        .map_err(fail("replace the file"))?;
    sync_dir(dir);
    Ok(())
}

/// Makes `<path>.bak` the current `path`: a hard link when possible (instant), a copy otherwise.
fn keep_previous(path: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    match fs::remove_file(&bak) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    if fs::hard_link(path, &bak).is_err() {
        fs::copy(path, &bak)?;
    }
    Ok(())
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
        assert_eq!(names(dir.path()), ["a.brief.json"]);
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
}
