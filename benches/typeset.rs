//! Typesetting speed: Markdown → pages (layout) and pages → PDF bytes.
//!
//! Targets (release): a ~45-page, 24,000-word document in well under 100 ms end to end;
//! a 1,000-page document in under 1 s, layout alone and layout + PDF.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use std::hint::black_box;
use std::time::Duration;

use briefsmith_layout::FontBook;
use briefsmith_pdf::PdfOptions;
use briefsmith_style::{DocumentInfo, PageStyle};
use criterion::{Criterion, criterion_group, criterion_main};

const VOCABULARY: &[&str] = &[
    "forces",
    "border",
    "crossing",
    "officials",
    "reported",
    "convoy",
    "artillery",
    "ministry",
    "statement",
    "assessment",
    "likely",
    "moderate",
    "confidence",
    "regional",
    "governor",
    "humanitarian",
    "access",
    "observers",
    "ceasefire",
    "negotiations",
    "reinforcements",
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "near",
    "with",
    "along",
    "since",
    "which",
    "their",
    "escalation",
    "deployment",
    "infrastructure",
    "supply",
    "positions",
    "intermittent",
    "diplomatic",
    "channels",
    "settlement",
    "indicators",
    "satellite",
    "imagery",
    "refugees",
    "considerably",
    "unprecedented",
    "international",
    "characteristically",
    "is",
    "was",
];

/// A deterministic word stream (a linear congruential generator over the vocabulary).
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        VOCABULARY[(self.0 >> 33) as usize % VOCABULARY.len()]
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            let w = self.next();
            if i == 0 {
                let mut c = w.chars();
                if let Some(first) = c.next() {
                    s.extend(first.to_uppercase());
                    s.push_str(c.as_str());
                }
            } else {
                s.push(' ');
                s.push_str(w);
            }
        }
        s.push('.');
        s
    }
}

/// A report of about `target_words` words: headings, paragraphs with footnotes, lists,
/// quotes with attribution and tables, as briefs have them.
fn report(target_words: usize) -> String {
    let mut w = Words(42);
    let mut md = String::from("# Generated Situation Report\n\n");
    let mut words = 0;
    let mut note = 0;
    let mut section = 0;
    while words < target_words {
        section += 1;
        md += &format!(
            "## Section {section}: {}\n\n",
            w.sentence(3).trim_end_matches('.')
        );
        for p in 0..4 {
            let mut para = String::new();
            for _ in 0..6 {
                para += &w.sentence(14);
                para.push(' ');
                words += 14;
            }
            if p % 2 == 0 {
                note += 1;
                md += &format!("{para}[^n{note}]\n\n[^n{note}]: {}\n\n", w.sentence(10));
                words += 10;
            } else {
                md += &format!("{}\n\n", para.trim_end());
            }
        }
        if section % 2 == 0 {
            md += &format!("### Indicators {section}\n\n");
            for _ in 0..4 {
                md += &format!("- {}\n", w.sentence(12));
                words += 12;
            }
            md += "\n";
            md += &format!(
                "> {}\n>\n> — Regional governor, press conference\n\n",
                w.sentence(25)
            );
            words += 30;
        } else {
            md += "| Indicator | Status | Trend |\n|---|---|---|\n";
            for _ in 0..4 {
                md += &format!("| {} | {} | {} |\n", w.next(), w.next(), w.next());
                words += 3;
            }
            md += "\n";
            for i in 1..=3 {
                md += &format!("{i}. {}\n", w.sentence(10));
                words += 10;
            }
            md += "\n";
        }
    }
    md
}

/// A short brief: what an analyst exports most of the time.
fn brief() -> String {
    report(900)
}

fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Generated Situation Report".into(),
        author: "Benchmark".into(),
        date: "25 November 2026".into(),
        banner: "OFFICIAL".into(),
        ..DocumentInfo::default()
    }
}

fn bench(c: &mut Criterion) {
    let fonts = FontBook::bundled();
    let style = PageStyle::default();
    let info = info();
    let end_to_end = |md: &str| {
        let doc = briefsmith_layout::typeset(md, &style, &info, None).expect("typesets");
        briefsmith_pdf::write_pdf(&doc, &fonts, &PdfOptions::default()).expect("writes")
    };

    let short = brief();
    let long = report(24_000);
    let huge = report(24_000 * 1000 / 45);
    // Print the sizes once, so the figures can be read against the targets.
    for (name, md) in [("brief", &short), ("45-page", &long), ("1000-page", &huge)] {
        let doc = briefsmith_layout::typeset(md, &style, &info, None).expect("typesets");
        eprintln!(
            "{name}: {} words, {} pages, {} KB PDF",
            md.split_whitespace().count(),
            doc.pages.len(),
            briefsmith_pdf::write_pdf(&doc, &fonts, &PdfOptions::default())
                .expect("writes")
                .len()
                / 1024
        );
    }

    c.bench_function("brief: typeset + pdf", |b| {
        b.iter(|| end_to_end(black_box(&short)))
    });

    let mut group = c.benchmark_group("45 pages");
    group.sample_size(20);
    group.bench_function("typeset + pdf", |b| b.iter(|| end_to_end(black_box(&long))));
    group.finish();

    let mut group = c.benchmark_group("1000 pages");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("typeset", |b| {
        b.iter(|| {
            briefsmith_layout::typeset(black_box(&huge), &style, &info, None).expect("typesets")
        })
    });
    let doc = briefsmith_layout::typeset(&huge, &style, &info, None).expect("typesets");
    group.bench_function("pdf only", |b| {
        b.iter(|| {
            briefsmith_pdf::write_pdf(black_box(&doc), &fonts, &PdfOptions::default())
                .expect("writes")
        })
    });
    group.bench_function("typeset + pdf", |b| b.iter(|| end_to_end(black_box(&huge))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
