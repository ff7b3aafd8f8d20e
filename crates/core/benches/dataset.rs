//! Core speed on big inputs: a 100,000-item dataset and a 500-block brief.
//!
//! Targets (release): parse the 100,000-item dataset (~40 MB) in under 1 s, validate it in
//! under 200 ms, filter it by a query in under 100 ms; compare a 500-block brief's snapshots
//! with the dataset in under 20 ms; an edit plus its undo on a 500-block brief in under 50 µs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use briefsmith_core::compose::{BlockPos, Edit, Editor};
use briefsmith_core::model::ItemQuery;
use briefsmith_core::store::parse_dataset;
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use briefsmith_core::validate::validate_dataset;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let ds = generate_dataset(100_000, 7);
    let bytes = serde_json::to_vec(&ds).expect("encode");
    let origin = Path::new("bench.dataset.json");
    let mut g = c.benchmark_group("dataset-100k");
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| parse_dataset(black_box(&bytes), origin).expect("parse"))
    });
    g.bench_function("validate", |b| {
        b.iter(|| validate_dataset(black_box(&ds), origin))
    });
    g.bench_function("query", |b| {
        let index = ds.index();
        let q = ItemQuery::new("iran kazan weeks");
        b.iter(|| ds.items.iter().filter(|i| q.matches(&index, i)).count())
    });
    g.finish();

    let br = generate_brief(&ds, 500, 5);
    let index = ds.index();
    c.bench_function("brief-500/drifted_blocks", |b| {
        b.iter(|| black_box(&br).drifted_blocks(&index))
    });
    c.bench_function("brief-500/move+undo", |b| {
        let mut ed = Editor::new(br.clone());
        b.iter(|| {
            ed.apply(Edit::MoveBlock {
                from: BlockPos::new(0, 0),
                to: BlockPos::new(4, 50),
            })
            .expect("move");
            ed.undo();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
