//! Markdown → pages → PDF on the reliability issue's hostile inputs; the aim is under 2 s
//! for any input up to 1 MB. `cargo bench -p briefsmith-pdf --bench hostile`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

#[path = "../tests/hostile_cases/mod.rs"]
mod hostile_cases;

use briefsmith_layout::{FontBook, typeset_with};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use criterion::{Criterion, criterion_group, criterion_main};

fn hostile(c: &mut Criterion) {
    let book = FontBook::bundled();
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    for &case in hostile_cases::CASES {
        let md = hostile_cases::input(case);
        group.bench_function(case, |b| {
            b.iter(|| {
                let doc = typeset_with(
                    &book,
                    &md,
                    &PageStyle::default(),
                    &DocumentInfo::default(),
                    None,
                )
                .expect("typesets");
                write_pdf(&doc, &book, &PdfOptions::default()).expect("writes")
            })
        });
    }
    group.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
