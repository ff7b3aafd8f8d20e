//! Peak memory with the million-item library open: opens it, reads a first frame and runs
//! the keystroke searches, then prints the process's peak resident size (VmHWM, Linux).
//!
//!     cargo run --release -p briefsmith-library --example library_memory

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool run by hand: a failed step stops it"
)]

#[path = "../benches/support/big.rs"]
mod big;

use briefsmith_library::{Library, Search};

fn main() {
    if !big::path().exists() {
        // Building the library takes far more memory than reading it: build, then measure
        // in a fresh process.
        big::library();
        let status =
            std::env::current_exe().and_then(|exe| std::process::Command::new(exe).status());
        std::process::exit(status.map_or(1, |s| s.code().unwrap_or(1)));
    }
    let path = big::library();
    let baseline = peak_kib();
    let library = match Library::open(&path) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let all = Search::default();
    let mut seen = 0;
    for typed in ["", "m", "mi", "mis", "missile", "missile iran"] {
        let search = if typed.is_empty() {
            all.clone()
        } else {
            Search::words(typed)
        };
        seen += library.search_rows(&search, 0, 50).map_or(0, |r| r.len());
        seen += library.count(&search, Some(1_000)).unwrap_or(0) as usize;
    }
    seen += library.sources().map_or(0, |s| s.len()) + library.entities().map_or(0, |e| e.len());
    let items = library.item_count().unwrap_or(0);
    println!(
        "{items} items open; rows and counts read: {seen}; peak RSS {} MiB (before opening {} MiB)",
        peak_kib().unwrap_or(0) / 1024,
        baseline.unwrap_or(0) / 1024
    );
}

/// The peak resident set size in KiB, from /proc/self/status.
fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
