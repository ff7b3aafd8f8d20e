//! Word export speed: the layout's tree of a generated ~45-page brief → `.docx` bytes.
//!
//! Target (release): under 100 ms for the 45-page document, Markdown parse included.
//! The document is generated like `benches/typeset.rs` does (a deterministic word stream
//! assembled into sections with notes, lists, quotes and tables) and typeset once to
//! print its page count beside the figure.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark: a failed step fails it"
)]

use std::hint::black_box;

use briefsmith_docx::{Options, markdown_to_docx};
use briefsmith_style::WordStyle;
use briefsmith_style::{DocumentInfo, PageStyle};
use criterion::{Criterion, criterion_group, criterion_main};

/// Words the prose is drawn from, with Cyrillic and Persian among them so right-to-left
/// splitting is part of the measured work.
const WORDS: &[&str] = &[
    "delegation",
    "talks",
    "missile",
    "defence",
    "officials",
    "said",
    "the",
    "of",
    "and",
    "in",
    "to",
    "a",
    "report",
    "agreement",
    "strategic",
    "partnership",
    "summit",
    "sanctions",
    "deliveries",
    "systems",
    "likely",
    "assessment",
    "capability",
    "regional",
    "Москва",
    "Тегеран",
    "تهران",
    "پزشکیان",
    "with",
    "after",
    "before",
    "expected",
    "analysts",
    "reliability",
    "credibility",
    "source",
    "indicator",
    "window",
];

/// A seeded linear congruential stream over [`WORDS`].
struct Stream(u64);

impl Stream {
    fn word(&mut self) -> &'static str {
        self.0 = self
            .0
            .wrapping_mul(2_862_933_555_777_941_757)
            .wrapping_add(3_037_000_493);
        WORDS[(self.0 >> 40) as usize % WORDS.len()]
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s: Vec<&str> = (0..words).map(|_| self.word()).collect();
        let first = s.first().map(|w| w.to_string()).unwrap_or_default();
        let capital: String = first
            .chars()
            .take(1)
            .flat_map(char::to_uppercase)
            .chain(first.chars().skip(1))
            .collect();
        s[0] = &capital;
        format!("{}.", s.join(" "))
    }
}

/// A brief of about `words` words.
fn brief(words: usize) -> String {
    let mut w = Stream(7);
    let mut md = String::from("# Generated brief\n\n**For:** Benchmark readers\n\n");
    let (mut count, mut notes, mut section) = (0, 0, 0);
    while count < words {
        section += 1;
        md.push_str(&format!("## Part {section}\n\n"));
        for _ in 0..5 {
            notes += 1;
            let para: Vec<String> = (0..5).map(|_| w.sentence(16)).collect();
            md.push_str(&format!("{}[^{notes}]\n\n", para.join(" ")));
            md.push_str(&format!("[^{notes}]: {}\n\n", w.sentence(12)));
            count += 92;
        }
        match section % 3 {
            0 => {
                for _ in 0..4 {
                    md.push_str(&format!("- **{}** {}\n", w.word(), w.sentence(12)));
                }
                md.push('\n');
                count += 52;
            }
            1 => {
                md.push_str("| Item | Grade | Note |\n|:--|:--|:--|\n");
                for i in 0..5 {
                    md.push_str(&format!(
                        "| {} | B{} | {} |\n",
                        w.word(),
                        i % 6 + 1,
                        w.sentence(4)
                    ));
                }
                md.push('\n');
                count += 30;
            }
            _ => {
                md.push_str(&format!(
                    "> {}\n>\n> — {}\n\n",
                    w.sentence(30),
                    w.sentence(3)
                ));
                count += 33;
            }
        }
    }
    md
}

fn bench(c: &mut Criterion) {
    let style = PageStyle::default();
    let info = DocumentInfo {
        title: "Generated brief".into(),
        author: "Benchmark".into(),
        date: "29 November 2026".into(),
        banner: "OFFICIAL".into(),
        ..DocumentInfo::default()
    };
    let word = WordStyle::default();
    let options = Options {
        word: &word,
        base_dir: None,
        reference_docx: None,
    };
    // About 45 pages when typeset with the default page style (printed below).
    let md = brief(19_000);
    let pages = briefsmith_layout::typeset(&md, &style, &info, None)
        .expect("typesets")
        .pages
        .len();
    let docx = markdown_to_docx(&md, &style, &info, &options).expect("writes");
    eprintln!(
        "45-page brief: {} words, {pages} PDF pages, {} KB .docx",
        md.split_whitespace().count(),
        docx.bytes.len() / 1024
    );
    c.bench_function("docx/45-page brief", |b| {
        b.iter(|| markdown_to_docx(black_box(&md), &style, &info, &options).expect("writes"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
