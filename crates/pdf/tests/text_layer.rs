//! The PDF's text layer says what the page says, even where no embedded face has the
//! characters: copying `\u{E000}\u{E001}` (private use, which no face is chosen for) must
//! not give the first twice; and CJK from a system face copies as itself.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_layout::{FontBook, typeset};
use briefsmith_pdf::{PdfOptions, coverage_warning, uncovered_characters, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use std::process::Command;

/// The text `pdftotext` (poppler) reads from `markdown` typeset and written as PDF.
fn extracted(markdown: &str) -> String {
    let doc = typeset(
        markdown,
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .expect("typesets");
    let pdf = write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default()).expect("writes");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("text.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for this test");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn characters_no_face_covers_each_copy_as_themselves() {
    let text = extracted("한국어 and 日本語, then Ελληνικά, x\u{E000}\u{E001}y and ქართული.\n");
    // The page's own words, before the footer's "Page 1 of 1".
    let words: Vec<&str> = text
        .split_whitespace()
        .take_while(|w| *w != "Page")
        .collect();
    assert_eq!(
        words,
        [
            "한국어",
            "and",
            "日本語,",
            "then",
            "Ελληνικά,",
            "x\u{E000}\u{E001}y",
            "and",
            "ქართული."
        ],
        "{text}"
    );
}

#[test]
fn covered_text_still_extracts_plainly() {
    let text = extracted("Plain *café* text, with ﬁ ligature-prone words: office.\n");
    assert!(text.contains("Plain café text"), "{text}");
    assert!(text.contains("office."), "{text}");
}

#[test]
fn characters_no_face_covers_are_named_in_a_warning() {
    // Private-use characters: no font, bundled or system, is ever chosen for them.
    let doc = typeset(
        "Mark \u{E000}\u{E001} and \u{E000}.\n",
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .unwrap();
    assert_eq!(uncovered_characters(&doc), ['\u{E000}', '\u{E001}']);
    let warning = coverage_warning(&doc).unwrap();
    assert!(
        warning.starts_with(
            "2 character(s) have no font, bundled or on this system, and print as empty boxes"
        ),
        "{warning}"
    );
    assert!(
        warning.ends_with("\u{E000} (U+E000, page 1) \u{E001} (U+E001, page 1)"),
        "{warning}"
    );
    let covered = typeset(
        "Plain café.\n",
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .unwrap();
    assert_eq!(coverage_warning(&covered), None);
}
