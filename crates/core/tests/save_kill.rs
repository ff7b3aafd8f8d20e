//! Saving survives being killed at any moment: a child process saves a ~2 MB draft in a
//! loop (through the writer every save goes through) and is SIGKILLed at random points. After every kill the draft loads, the `.bak`
//! loads once one existed, and at most one temporary file is left beside them.
//!
//! The child is this test binary run again with `SAVE_KILL_DRAFT` set, selecting the
//! ignored `saver` test. `SAVE_KILL_COUNT` sets the number of kills (200 by default;
//! raise it to run the campaign at length).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]
#![cfg(unix)]

use briefsmith_core::store::{backup_path, load_brief, save_brief, write_atomic};
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use briefsmith_testkit::{Rng, TestChild, count_from_env};
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

const DRAFT_ENV: &str = "SAVE_KILL_DRAFT";
const READY: &str = "saver ready";

/// The child's role: save the draft over and over, alternating two versions, until killed.
/// The brief is encoded once: what is under test is writing the file, not encoding JSON.
#[test]
#[ignore = "the child process of saves_survive_being_killed_at_random_points"]
fn saver() {
    let Some(path) = std::env::var_os(DRAFT_ENV) else {
        return;
    };
    let path = Path::new(&path);
    let one = fs::read(path).expect("the parent saved a draft");
    let mut two = one.clone();
    two.extend_from_slice(b"\n");
    println!("{READY}");
    for n in 0u64.. {
        let bytes = if n % 2 == 0 { &two } else { &one };
        write_atomic(path, bytes, true).expect("save");
    }
}

/// The files a save makes while it runs: `.<name>.XXXXXX.tmp`.
fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

#[test]
fn saves_survive_being_killed_at_random_points() {
    let kills = count_from_env("SAVE_KILL_COUNT", 200);
    let mut rng = Rng::from_clock();
    let seed = rng.seed();

    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("big.brief.json");
    let dataset = generate_dataset(2_000, 7);
    let brief = generate_brief(&dataset, 2_400, 12);
    save_brief(&draft, &brief).unwrap();
    // How long one save takes here sets the window the kills are spread over.
    let bytes = fs::read(&draft).unwrap();
    let started = Instant::now();
    write_atomic(&draft, &bytes, false).unwrap();
    let one_save = started.elapsed();
    let size = fs::metadata(&draft).unwrap().len();
    assert!(size > 1_500_000, "the draft is {size} bytes, not ~2 MB");
    let window = (one_save.as_micros() as u64 * 3).max(1_000);

    let mut bak_existed = false;
    for kill in 0..kills {
        let context = format!("kill {kill} of {kills} (seed {seed})");
        let mut child = TestChild::spawn("saver", true, &[(DRAFT_ENV, draft.as_os_str())]).unwrap();
        assert!(
            child.wait_for(READY, Duration::from_secs(60)),
            "{context}: the saver did not start"
        );
        std::thread::sleep(Duration::from_micros(rng.below(window)));
        let (_, exited) = child.kill().unwrap();
        assert!(!exited, "{context}: the saver stopped by itself");

        if let Err(e) = load_brief(&draft) {
            panic!("{context}: the draft does not load: {e}");
        }
        let bak = backup_path(&draft);
        bak_existed |= bak.exists();
        if bak_existed && let Err(e) = load_brief(&bak) {
            panic!("{context}: the backup does not load: {e}");
        }
        let temps = temp_files(dir.path());
        assert!(
            temps.len() <= 1,
            "{context}: temporary files left: {temps:?}"
        );
    }
    assert!(
        bak_existed,
        "no save completed before a kill in {kills} runs"
    );
}
