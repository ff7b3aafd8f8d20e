//! Edits survive being killed at any moment: a child process adds and edits items in a
//! loop, printing each edit only after `apply` returned (committed), and is SIGKILLed at
//! random points. After every kill the library opens, SQLite's integrity check passes,
//! and every printed edit is there (an edit may be newer than printed: it committed just
//! before the kill, before its line was written).
//!
//! The child is this test binary run again with `LIBRARY_KILL_FILE` set, selecting the
//! ignored `writer` test. `LIBRARY_KILL_COUNT` sets the number of kills (60 by default).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]
#![cfg(unix)]

use briefsmith_core::model::{Credibility, Item, ItemId, ItemKind};
use briefsmith_core::synthetic::generate_dataset;
use briefsmith_library::Library;
use briefsmith_testkit::{Rng, TestChild, count_from_env};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

const FILE_ENV: &str = "LIBRARY_KILL_FILE";
const BASE_ENV: &str = "LIBRARY_KILL_BASE";
const READY: &str = "writer ready";

/// An item's text carries the writer's edit counter, so the newest edit can be recognised.
fn text(counter: u64) -> String {
    format!("edit number {counter}")
}

fn counter(item: &Item) -> Option<u64> {
    item.text.strip_prefix("edit number ")?.parse().ok()
}

/// The child's role: alternately add a new item and edit an earlier one, forever, printing
/// `ID COUNTER` after each committed edit; counters only grow, across writers too.
#[test]
#[ignore = "the child process of committed_edits_survive_being_killed"]
fn writer() {
    let Some(path) = std::env::var_os(FILE_ENV) else {
        return;
    };
    let mut library = Library::open(Path::new(&path)).expect("the parent made a library");
    let template = library
        .item(&ItemId::new("item-000000"))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("the parent's library has item-000000"));
    // Each writer counts on from where the parent says the last one may have got to.
    let base: u64 = std::env::var(BASE_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    println!("{READY}");
    for n in 0u64.. {
        let counter = base + n;
        let id = if n % 2 == 0 {
            ItemId::new(library.next_id("kill").expect("a new id"))
        } else {
            // Some item written earlier by this writer, or one of the originals.
            ItemId::new(format!("item-{:06}", n % 50))
        };
        let item = Item {
            id: id.clone(),
            kind: ItemKind::Fact,
            text: text(counter),
            credibility: Credibility(2),
            ..template.clone()
        };
        let change = library.put_item(item).expect("prepare");
        library.apply(&change).expect("apply");
        println!("{id} {counter}");
    }
}

#[test]
fn committed_edits_survive_being_killed() {
    let kills = count_from_env("LIBRARY_KILL_COUNT", 60);
    let mut rng = Rng::from_clock();
    let seed = rng.seed();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kill.bslib");
    Library::create_from_dataset(&path, &generate_dataset(500, 5)).unwrap();

    // Per item id, the newest counter any writer printed.
    let mut printed: HashMap<String, u64> = HashMap::new();
    let mut edits = 0usize;
    for kill in 0..kills {
        let context = format!("kill {kill} of {kills} (seed {seed})");
        let base = (kill * 1_000_000_000).to_string();
        let env = [(FILE_ENV, path.as_os_str()), (BASE_ENV, base.as_ref())];
        let mut child = TestChild::spawn("writer", true, &env).unwrap();
        assert!(
            child.wait_for(READY, Duration::from_secs(60)),
            "{context}: the writer did not start"
        );
        std::thread::sleep(Duration::from_micros(rng.below(40_000)));
        let (lines, exited) = child.kill().unwrap();
        assert!(!exited, "{context}: the writer stopped by itself");
        // Only whole lines come back: one cut off by the kill is not counted.
        for l in &lines {
            let Some((id, n)) = l.split_once(' ') else {
                continue;
            };
            let Ok(n) = n.parse::<u64>() else { continue };
            let slot = printed.entry(id.to_owned()).or_insert(0);
            *slot = (*slot).max(n);
            edits += 1;
        }

        let conn = rusqlite::Connection::open(&path).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "{context}");
        drop(conn);
        let library = Library::open(&path).unwrap_or_else(|e| panic!("{context}: {e}"));
        for (id, &n) in &printed {
            let item = library
                .item(&ItemId::new(id.as_str()))
                .unwrap()
                .unwrap_or_else(|| panic!("{context}: committed item {id} is gone"));
            let found = counter(&item);
            assert!(
                found.is_some_and(|f| f >= n),
                "{context}: {id} holds {found:?}, older than the committed edit {n}"
            );
        }
    }
    eprintln!("{edits} committed edits checked over {kills} kills");
    assert!(edits > 0, "no edit committed in {kills} runs");
}
