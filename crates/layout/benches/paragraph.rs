//! Paragraph-breaking throughput of the text engine: shaping, hyphenation, Knuth–Plass and
//! line setting for a 24,000-word document (about 45 pages) of justified body text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed set-up step stops it"
)]

use std::hint::black_box;

use briefsmith_layout::{
    Align, FontBook, ParagraphSpec, Span, TextStyle, break_paragraph, single_line,
};
use briefsmith_style::Family;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const COMMON: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "said",
    "officials",
    "forces",
    "ministry",
    "statement",
    "reported",
    "border",
    "according",
    "regional",
    "government",
    "negotiations",
    "ceasefire",
    "humanitarian",
    "international",
    "assessment",
    "likely",
    "confidence",
    "deployment",
    "infrastructure",
    "diplomatic",
    "satellite",
    "imagery",
    "considerably",
    "unprecedented",
    "characteristically",
    "effectively",
    "affiliated",
];
const SYLLABLES: &[&str] = &[
    "con", "tri", "ver", "sal", "ment", "ation", "pro", "ble", "ma", "tic", "ex", "pan", "sion",
    "in", "ter", "na", "tion", "al", "de", "liv", "er", "y", "re", "gion", "ous", "ly",
];

/// About `words` words of prose in paragraphs of about 100 words, deterministically.
fn paragraphs(words: usize) -> Vec<String> {
    let mut state = 7u64;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        (state >> 33) as usize % n
    };
    let mut out = Vec::new();
    let mut count = 0;
    while count < words {
        let mut p = String::new();
        for i in 0..100 {
            if i > 0 {
                p.push(' ');
            }
            // One word in four is rare (made of syllables), as a real text's long tail is.
            if next(4) == 0 {
                for _ in 0..2 + next(3) {
                    p.push_str(SYLLABLES[next(SYLLABLES.len())]);
                }
            } else {
                p.push_str(COMMON[next(COMMON.len())]);
            }
            if next(12) == 0 {
                p.push_str(if next(3) == 0 { "." } else { "," });
            }
        }
        p.push('.');
        count += 100;
        out.push(p);
    }
    out
}

fn bench(c: &mut Criterion) {
    let paras = paragraphs(24_000);
    let style = TextStyle::new(Family::Serif, 10.5);
    let spans: Vec<Vec<Span>> = paras
        .iter()
        .map(|p| vec![Span::new(p.as_str(), style.clone())])
        .collect();
    let spec = ParagraphSpec {
        width: 451.0,
        align: Align::Justify,
        line_height: 14.2,
        hyphenate: true,
        first_indent: 0.0,
    };
    let typeset_all = |book: &FontBook| {
        spans
            .iter()
            .map(|s| break_paragraph(book, black_box(s), &spec).len())
            .sum::<usize>()
    };
    let shared = FontBook::bundled();
    eprintln!("24,000 words: {} lines", typeset_all(&shared));

    let mut group = c.benchmark_group("24k words justified");
    group.throughput(Throughput::Elements(24_000));
    group.sample_size(20);
    group.bench_function("warm shaping cache", |b| b.iter(|| typeset_all(&shared)));
    group.bench_function("cold shaping cache", |b| {
        b.iter_with_setup(FontBook::load, |book| typeset_all(&book))
    });
    group.finish();

    let line = [Span::new("Page 12 of 45", style)];
    c.bench_function("single_line footer", |b| {
        b.iter(|| single_line(&shared, black_box(&line)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
