//! Paths that are not regular files: a draft whose dataset is `/dev/zero`, `/dev/urandom` or a
//! FIFO, and such paths opened directly, must give a clear message within a bounded time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]
#![cfg(target_os = "linux")]

use briefsmith_core::store::{load_brief, load_dataset, open_draft, save_brief};
use briefsmith_core::validate::validate_file;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

/// Far above the few milliseconds these take, far below "reads forever" or "blocks forever".
const DEADLINE: Duration = Duration::from_secs(20);

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/core")
        .join(name)
}

/// Runs `f` on another thread and fails the test if it takes longer than the deadline.
fn within_deadline<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(DEADLINE)
        .expect("reading a special file neither blocked nor ran away")
}

/// A draft in a fresh folder whose `dataset.path` is `dataset`.
fn draft_naming(dataset: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut brief = load_brief(&fixture("v1.brief.json")).unwrap();
    brief.dataset.path = dataset.to_owned();
    brief.dataset.fingerprint.clear();
    let path = dir.path().join("d.brief.json");
    save_brief(&path, &brief).unwrap();
    (dir, path)
}

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(
        made.is_ok_and(|s| s.success()),
        "mkfifo (coreutils) is needed"
    );
}

#[test]
fn a_draft_whose_dataset_is_an_endless_device_opens_from_its_snapshots() {
    for dev in ["/dev/zero", "/dev/urandom"] {
        let (_dir, path) = draft_naming(dev);
        let opened = within_deadline(move || open_draft(&path)).unwrap();
        assert!(opened.dataset.is_none());
        assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
        let w = &opened.warnings[0];
        assert!(
            w.contains(&format!("{dev}: is a device, not a regular file")),
            "{w}"
        );
        assert!(w.contains("opens from its snapshots"), "{w}");
    }
}

#[test]
fn a_draft_whose_dataset_is_a_fifo_opens_without_blocking() {
    let (dir, path) = draft_naming("pipe.dataset.json");
    mkfifo(&dir.path().join("pipe.dataset.json"));
    let opened = within_deadline(move || open_draft(&path)).unwrap();
    assert!(opened.dataset.is_none());
    assert!(
        opened.warnings[0].contains("is a named pipe (FIFO), not a regular file"),
        "{:?}",
        opened.warnings
    );
}

#[test]
fn validating_such_a_draft_warns_about_the_dataset() {
    let (_dir, path) = draft_naming("/dev/zero");
    let report = within_deadline(move || validate_file(&path)).unwrap();
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.message.contains("/dev/zero: is a device")),
        "{:?}",
        report.problems
    );
}

#[test]
fn special_files_opened_directly_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("x.brief.json");
    mkfifo(&fifo);
    let (f, z) = (fifo.clone(), PathBuf::from("/dev/zero"));
    let err = within_deadline(move || load_brief(&f)).unwrap_err();
    assert_eq!(err.file(), fifo);
    let err = within_deadline(move || load_dataset(&z)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "/dev/zero: is a device, not a regular file; only regular files are read"
    );
    let err = within_deadline(|| validate_file(Path::new("/dev/urandom"))).unwrap_err();
    assert!(err.to_string().contains("is a device"), "{err}");
}
