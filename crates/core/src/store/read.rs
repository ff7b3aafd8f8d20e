//! Reading a whole input file with a bound: only regular files, never more than a limit.
//!
//! A draft can name any path as its dataset, so `/dev/zero`, `/dev/urandom` or a FIFO must
//! not make loading read forever or block: those are refused before they are opened.

use super::LoadError;
use std::fs::{self, File, FileType};
use std::io::Read;
use std::path::Path;

/// The largest dataset file read (256 MiB): far above any real dataset, far below memory trouble.
pub const DATASET_LIMIT: u64 = 256 << 20;

/// The largest draft or recovery file read (64 MiB); a long brief is a few megabytes.
pub const DRAFT_LIMIT: u64 = 64 << 20;

/// Reads the whole of `path` if it is a regular file (after following links) of at most
/// `limit` bytes; a device, FIFO, socket or folder is refused without being opened.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, LoadError> {
    let io = |source| LoadError::Io {
        file: path.to_owned(),
        source,
    };
    // Checked before opening: opening a FIFO blocks until a writer appears.
    let meta = fs::metadata(path).map_err(io)?;
    check(path, meta.file_type(), meta.len(), limit)?;
    let file = File::open(path).map_err(io)?;
    // Checked again on the open file, in case the path was swapped in between.
    let meta = file.metadata().map_err(io)?;
    check(path, meta.file_type(), meta.len(), limit)?;

    // The reported size can be wrong (a file growing, /proc), so the read itself is bounded.
    let capacity = usize::try_from(meta.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    let size = bytes.len() as u64;
    if size > limit {
        return Err(LoadError::TooLarge {
            file: path.to_owned(),
            size,
            limit,
        });
    }
    Ok(bytes)
}

/// Refuses anything but a regular file of at most `limit` bytes.
fn check(path: &Path, kind: FileType, size: u64, limit: u64) -> Result<(), LoadError> {
    if !kind.is_file() {
        return Err(LoadError::NotAFile {
            file: path.to_owned(),
            kind: describe(kind),
        });
    }
    if size > limit {
        return Err(LoadError::TooLarge {
            file: path.to_owned(),
            size,
            limit,
        });
    }
    Ok(())
}

/// What a file that is not a regular file is, in words for the message.
fn describe(kind: FileType) -> &'static str {
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        fs::write(&path, b"{}").unwrap();
        assert_eq!(read_bounded(&path, 2).unwrap(), b"{}");
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.json");
        fs::write(&path, vec![b' '; 1000]).unwrap();
        let err = read_bounded(&path, 999).unwrap_err();
        assert!(
            matches!(err, LoadError::TooLarge { size: 1000, .. }),
            "{err:?}"
        );
        let msg = err.to_string();
        assert!(
            msg.contains("big.json") && msg.contains("1000 bytes"),
            "{msg}"
        );
    }

    #[test]
    fn a_folder_is_refused_as_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let msg = read_bounded(dir.path(), DATASET_LIMIT)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("is a folder, not a regular file"), "{msg}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn endless_devices_are_refused_without_reading() {
        for dev in ["/dev/zero", "/dev/urandom"] {
            let msg = read_bounded(Path::new(dev), DATASET_LIMIT)
                .unwrap_err()
                .to_string();
            assert_eq!(
                msg,
                format!("{dev}: is a device, not a regular file; only regular files are read")
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(
            made.is_ok_and(|s| s.success()),
            "mkfifo (coreutils) is needed"
        );
        let msg = read_bounded(&fifo, DATASET_LIMIT).unwrap_err().to_string();
        assert!(msg.contains("is a named pipe (FIFO)"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_regular_file_is_followed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("real.json");
        fs::write(&path, b"[]").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert_eq!(read_bounded(&link, 10).unwrap(), b"[]");
    }
}
