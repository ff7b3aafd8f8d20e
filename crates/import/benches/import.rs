//! Import speed: one page through each reader and the candidate extraction, and a batch of
//! 1,000 articles on two threads (the target: well under 30 s on 2 cores).
//!
//!     cargo bench -p briefsmith-import --bench import

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use briefsmith_import::{NaiveDate, Options, import_bytes, read_document};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const SEED: &[u8] = include_bytes!("../tests/fixtures/ft-putin-pezeshkian-2024-10-11.txt");
const PAGE: &[u8] = include_bytes!("../tests/fixtures/nhs-scotland-salaries.html");
const PDF: &[u8] = include_bytes!("../tests/fixtures/wikinews-meat-loaf-2007-10-31.pdf");
const DOCX: &[u8] =
    include_bytes!("../tests/fixtures/wikinews-scientology-anonymous-2008-10-21.docx");

fn options() -> Options<'static> {
    Options {
        date: NaiveDate::from_ymd_opt(2024, 10, 11),
        ..Options::default()
    }
}

fn per_page(c: &mut Criterion) {
    let mut g = c.benchmark_group("per page");
    for (name, bytes) in [
        ("seed.txt", SEED),
        ("page.html", PAGE),
        ("report.pdf", PDF),
        ("memo.docx", DOCX),
    ] {
        g.bench_function(format!("import {name}"), |b| {
            b.iter(|| import_bytes(name, black_box(bytes), &options()).expect("imports"))
        });
    }
    g.bench_function("read page.html (main text only)", |b| {
        b.iter(|| read_document("page.html", black_box(PAGE)).expect("reads"))
    });
    g.finish();
}

/// 1,000 articles: the four fixtures in turn, each made distinct by a numbered line, split
/// across two threads as on a two-core machine.
fn thousand_articles(c: &mut Criterion) {
    let articles: Vec<(String, Vec<u8>)> = (0..1000)
        .map(|i| {
            let (name, bytes) = [
                ("a.txt", SEED),
                ("a.html", PAGE),
                ("a.pdf", PDF),
                ("a.docx", DOCX),
            ][i % 4];
            let mut bytes = bytes.to_vec();
            if name.ends_with(".txt") {
                bytes.extend_from_slice(format!("\nArticle number {i} of the batch.\n").as_bytes());
            }
            (format!("{i}-{name}"), bytes)
        })
        .collect();
    let mut g = c.benchmark_group("batch");
    g.sample_size(10);
    g.bench_function("import 1,000 articles on 2 threads", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for half in articles.chunks(articles.len() / 2) {
                    s.spawn(move || {
                        for (name, bytes) in half {
                            black_box(import_bytes(name, bytes, &options()).expect("imports"));
                        }
                    });
                }
            });
        })
    });
    g.finish();
}

criterion_group!(benches, per_page, thousand_articles);
criterion_main!(benches);
