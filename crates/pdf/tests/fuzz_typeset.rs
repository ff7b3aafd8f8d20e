//! Fuzzing the whole typesetter: mutated Markdown (from the seeds in `fuzz_corpus/`) is
//! typeset and written as PDF; no input may panic, and every document has a page.
//!
//! The normal test run tries 64 mutants. To run it at length (release build, more cases):
//!
//!     PROPTEST_CASES=20000 cargo test --release -p briefsmith-pdf --test fuzz_typeset -- --nocapture
//!
//! A failure prints the smallest mutant proptest found (and saves its seed under
//! `proptest-regressions/`, to be committed so it is tried again).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_layout::{FontBook, typeset};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, NotesPlacement, PageStyle};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// Cases tried in this process, reported at the end of a run.
static EXECS: AtomicU64 = AtomicU64::new(0);

/// Cases per run: `PROPTEST_CASES` when set (a long run), else a quick 64.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// The seed documents, read once.
fn corpus() -> &'static [String] {
    static CORPUS: OnceLock<Vec<String>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus");
        let mut seeds: Vec<String> = std::fs::read_dir(&dir)
            .expect("the fuzz corpus is in the repository")
            .map(|e| e.expect("a corpus entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| std::fs::read_to_string(p).expect("a UTF-8 seed"))
            .collect();
        seeds.sort();
        seeds
    })
}

/// Pieces the mutations insert: Markdown syntax, invisible and right-to-left characters,
/// scripts no bundled face covers, and characters that have broken layouts before.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "###### ",
    "| a | b |\n|---|---|\n",
    "|",
    "- ",
    "1. ",
    "> ",
    "```\n",
    "    ",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "[x](#y)",
    "![i](i.png)",
    "[^1]",
    "[^1]: note\n",
    "<b>",
    "&amp;",
    "\\",
    "  \n",
    "---\n",
    "\u{200e}",
    "\u{2060}",
    "\u{2067}",
    "\u{200b}",
    "\u{ad}",
    "\u{feff}",
    "\u{202e}",
    "\u{fe0f}",
    "\u{301}",
    "\t",
    "\u{a0}",
    "한국어",
    "日本",
    "پزشکیان",
    "🙂",
    "ﬃ",
    "x",
];

/// One edit of a document: where (as a fraction of its length) and what.
#[derive(Debug, Clone)]
enum Mutation {
    Insert { at: f64, piece: usize, times: usize },
    Delete { at: f64, len: usize },
    Repeat { at: f64, len: usize, times: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0.0..=1.0f64, 0..PIECES.len(), 1..64usize)
            .prop_map(|(at, piece, times)| Mutation::Insert { at, piece, times }),
        (0.0..=1.0f64, 1..200usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0.0..=1.0f64, 1..40usize, 2..40usize).prop_map(|(at, len, times)| Mutation::Repeat {
            at,
            len,
            times
        }),
    ]
}

/// The char boundary nearest below `at` × the length of `s`.
fn boundary(s: &str, at: f64) -> usize {
    let mut i = ((s.len() as f64) * at) as usize;
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `end` moved down to a char boundary, at most `s.len()`.
fn end_at(s: &str, start: usize, len: usize) -> usize {
    let mut end = (start + len).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    end
}

fn apply(doc: &mut String, m: &Mutation) {
    match *m {
        Mutation::Insert { at, piece, times } => {
            let i = boundary(doc, at);
            doc.insert_str(i, &PIECES[piece].repeat(times));
        }
        Mutation::Delete { at, len } => {
            let i = boundary(doc, at);
            let end = end_at(doc, i, len);
            doc.replace_range(i..end, "");
        }
        Mutation::Repeat { at, len, times } => {
            let i = boundary(doc, at);
            let end = end_at(doc, i, len);
            let piece = doc[i..end].repeat(times);
            doc.insert_str(end, &piece);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn mutated_markdown_typesets_and_writes(
        seed in 0usize..16,
        mutations in prop::collection::vec(mutation(), 0..12),
        endnotes in any::<bool>(),
        justify in any::<bool>(),
    ) {
        let seeds = corpus();
        let mut doc = seeds[seed % seeds.len()].clone();
        for m in &mutations {
            apply(&mut doc, m);
        }
        let style = PageStyle {
            notes: if endnotes { NotesPlacement::Endnotes } else { NotesPlacement::Footnotes },
            justify,
            ..PageStyle::default()
        };
        let laid = typeset(&doc, &style, &DocumentInfo::default(), None);
        prop_assert!(laid.is_ok(), "layout error: {:?}", laid.err());
        let laid = laid.unwrap();
        prop_assert!(!laid.pages.is_empty());
        let pdf = write_pdf(&laid, &FontBook::bundled(), &PdfOptions::default());
        prop_assert!(pdf.as_ref().is_ok_and(|b| b.starts_with(b"%PDF-")), "{:?}", pdf.err());
        let n = EXECS.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(1000) || n == u64::from(cases()) {
            eprintln!("fuzz_typeset: {n} execs");
        }
    }
}
