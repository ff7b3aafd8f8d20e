//! Speed at scale on a generated 1,000,000-item library: opening with what a first frame
//! reads, search per keystroke, one durable add and edit, and importing 100,000 items.
//!
//! Targets (issue 8): open < 1 s; a keystroke's search < 16 ms; a durable add or edit
//! < 5 ms; import-json of 100,000 items < 5 s.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

#[path = "support/big.rs"]
mod big;

use briefsmith_core::model::{Item, ItemId};
use briefsmith_core::synthetic::generate_dataset;
use briefsmith_library::{Library, Search};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// One page of the item list.
const PAGE: u64 = 50;
/// The count a search shows before "N+".
const COUNT_CAP: u64 = 1_000;

/// What the app reads to draw its first frame: counts, sources and entities, a page of rows.
fn first_frame(library: &Library) -> usize {
    let all = Search::default();
    let count = library.count(&all, Some(COUNT_CAP)).unwrap();
    let rows = library.search_rows(&all, 0, PAGE).unwrap();
    let sources = library.sources().unwrap().len();
    let entities = library.entities().unwrap().len();
    count as usize + rows.len() + sources + entities
}

fn open(c: &mut Criterion) {
    let path = big::library();
    let mut group = c.benchmark_group("library_1m");
    group.sample_size(20);
    group.bench_function("open_and_first_frame", |b| {
        b.iter(|| {
            let library = Library::open(&path).unwrap();
            black_box(first_frame(&library))
        })
    });
    group.finish();
}

fn search(c: &mut Criterion) {
    let library = Library::open(&big::library()).unwrap();
    let mut group = c.benchmark_group("library_1m_keystroke");
    for typed in ["m", "mi", "mis", "missile", "missile iran"] {
        let search = Search::words(typed);
        group.bench_function(typed, |b| {
            b.iter(|| {
                let rows = library.search_rows(&search, 0, PAGE).unwrap();
                let count = library.count(&search, Some(COUNT_CAP)).unwrap();
                black_box((rows.len(), count))
            })
        });
    }
    group.finish();
}

fn durable_edits(c: &mut Criterion) {
    let mut library = Library::open(&big::library()).unwrap();
    let template: Item = library
        .item(&ItemId::new("item-000000"))
        .unwrap()
        .expect("the big library has item-000000");
    let mut group = c.benchmark_group("library_1m_durable");
    group.bench_function("add_item", |b| {
        b.iter(|| {
            let item = Item {
                id: ItemId::new(library.next_id("bench").unwrap()),
                ..template.clone()
            };
            let change = library.put_item(item).unwrap();
            library.apply(&change).unwrap();
        })
    });
    let mut n = 0u64;
    group.bench_function("edit_item", |b| {
        b.iter(|| {
            n += 1;
            let item = Item {
                text: format!("{} (edit {n})", template.text),
                ..template.clone()
            };
            let change = library.put_item(item).unwrap();
            library.apply(&change).unwrap();
        })
    });
    group.finish();
    let restore = library.put_item(template).unwrap();
    library.apply(&restore).unwrap();
}

fn import_json(c: &mut Criterion) {
    let dataset = generate_dataset(100_000, 9);
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("library_import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    let mut n = 0;
    group.bench_function("import_json_100k", |b| {
        b.iter(|| {
            n += 1;
            let path = dir.path().join(format!("import-{n}.bslib"));
            let library = Library::create_from_dataset(&path, &dataset).unwrap();
            drop(library);
            std::fs::remove_file(&path).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, open, search, durable_edits, import_json);
criterion_main!(benches);
