//! Marking speed on big inputs: a 500-block brief over a 100,000-item dataset whose items
//! carry US-style marks.
//!
//! Targets (release): read every mark of the brief and roll up its banner in under 20 ms
//! (the app caches it per edit, exports do it once); cut it to a ceiling in under 30 ms.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use briefsmith_core::model::{Block, ItemSnapshot, Marking};
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use briefsmith_marking::{BriefMarks, Schemes, reduce};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const MARKS: [&str; 5] = [
    "U",
    "C//REL TO USA, GBR",
    "S//REL TO USA, GBR, AUS",
    "S//NF",
    "TS//SI//NF",
];

fn bench(c: &mut Criterion) {
    let mut ds = generate_dataset(100_000, 7);
    for (i, item) in ds.items.iter_mut().enumerate() {
        item.marking = Some(Marking::from(MARKS[i % MARKS.len()]));
    }
    let mut brief = generate_brief(&ds, 500, 6);
    brief.meta.markings.scheme = "us-style".into();
    for section in &mut brief.sections {
        for block in &mut section.blocks {
            if let Block::Item(r) = block
                && let Some(item) = ds.item(&r.item)
            {
                r.snapshot = ItemSnapshot::capture(&ds, item);
            }
        }
    }
    let schemes = Schemes::builtin().unwrap();
    let scheme = schemes.require("us-style").unwrap();
    let mut g = c.benchmark_group("marks-500-blocks-100k-items");
    g.sample_size(20);
    g.bench_function("banner", |b| {
        b.iter(|| {
            let marks = BriefMarks::of(scheme, black_box(&brief), Some(&ds)).unwrap();
            marks.banner(&brief)
        })
    });
    g.bench_function("cut-to-C", |b| {
        b.iter(|| {
            let marks = BriefMarks::of(scheme, black_box(&brief), Some(&ds)).unwrap();
            reduce(&marks, &brief, "C").unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
