//! The million-item library the benchmarks and the memory example share: generated once
//! into the target folder and reused while it is there.

use briefsmith_core::synthetic::generate_dataset;
use briefsmith_library::Library;
use std::path::PathBuf;
use std::time::Instant;

/// Items in the big library.
pub const ITEMS: usize = 1_000_000;

/// The cached library's path: `<target>/bench-data/library-1m.bslib`.
pub fn path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    target.join("bench-data").join("library-1m.bslib")
}

/// The cached library, built first when missing or unusable.
pub fn library() -> PathBuf {
    let path = path();
    let usable = Library::open(&path)
        .and_then(|l| l.item_count())
        .is_ok_and(|n| n >= ITEMS as u64);
    if !usable {
        let _ = std::fs::remove_file(&path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("create the bench-data folder");
        }
        let started = Instant::now();
        let dataset = generate_dataset(ITEMS, 42);
        Library::create_from_dataset(&path, &dataset).expect("build the big library");
        eprintln!(
            "built {} ({ITEMS} items) in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    path
}
