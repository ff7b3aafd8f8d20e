//! The tradecraft checks as the app runs them after each edit: a 500-block brief over a
//! 100,000-item dataset, one keystroke in a text block, then the findings recomputed
//! (through the app's own dataset index) and the drift markers redone.
//! Target: under 10 ms, so checking as the analyst types never stalls a frame.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use briefsmith::app::document::{Document, LoadedDataset};
use briefsmith::app::state::{AppOptions, AppState, Startup};
use briefsmith_core::compose::{BlockPos, Edit};
use briefsmith_core::model::Block;
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let dataset = generate_dataset(100_000, 42);
    let brief = generate_brief(&dataset, 500, 8);
    let text_at = brief
        .blocks()
        .find(|(_, b)| matches!(b, Block::Text(_)))
        .map(|(pos, _)| pos)
        .unwrap_or(BlockPos::new(0, 0));
    let loaded = LoadedDataset::new(dataset, "sha256:bench".into(), None);
    let options = AppOptions::headless(
        Startup::Sample,
        std::env::temp_dir().join("briefsmith-bench"),
    );
    let mut state = AppState::new(options, Document::new(brief, None, Some(loaded)));
    let mut text = String::from("Context");
    c.bench_function("app: keystroke then checks, 500 blocks, 100k items", |b| {
        b.iter(|| {
            text.push('x');
            state.apply(Edit::SetText {
                at: text_at,
                markdown: text.clone(),
            });
            let findings = state.check_report().findings.len();
            black_box((findings, state.doc.stale_blocks().len()))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
