//! Checking speed: a 500-block brief against a 100,000-item dataset, every check on.
//! Target (release): under 10 ms per run, with the dataset's id index built once, as the
//! app and the CLI keep it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use briefsmith_checks::{Requirement, Rules, RulesLayer, check};
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let ds = generate_dataset(100_000, 7);
    let mut brief = generate_brief(&ds, 500, 5);
    brief.meta.date = "2024-12-31".into();
    brief.meta.bottom_line = "Russia will very likely deliver more (moderate confidence).".into();
    // Some drift, so the changed-item path is measured too.
    let mut drifted = ds.clone();
    for item in drifted.items.iter_mut().step_by(97) {
        item.text.push_str(" (updated)");
    }
    let index = drifted.index();
    let layer = RulesLayer {
        require: vec![
            Requirement::BottomLine,
            Requirement::KeyJudgment,
            Requirement::TimeWindow,
        ],
        ..RulesLayer::default()
    };
    let rules = Rules::default().with(&layer);
    let findings = check(&brief, Some(&index), &rules).findings.len();
    assert!(findings > 0, "the synthetic brief gives findings to report");
    c.bench_function("check/brief-500-dataset-100k", |b| {
        b.iter(|| check(black_box(&brief), Some(&index), &rules))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
