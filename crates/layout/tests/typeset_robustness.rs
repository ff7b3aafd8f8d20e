//! No input makes the layout panic, overflow the stack or run away: the CommonMark spec's
//! examples and deliberately hostile documents.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use briefsmith_layout::PageItem;
use briefsmith_style::{NotesPlacement, PageStyle};
use common::*;

fn spec_examples() -> Vec<(u64, String)> {
    // Vendored at the workspace root (with its CC BY-SA licence) for the PDF tests too.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/commonmark/spec.json"
    );
    let text = std::fs::read_to_string(path).expect("the vendored CommonMark examples");
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    json.as_array()
        .expect("an array of examples")
        .iter()
        .map(|e| {
            (
                e["example"].as_u64().unwrap_or(0),
                e["markdown"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn every_commonmark_example_typesets() {
    let examples = spec_examples();
    assert!(examples.len() > 600);
    let endnotes = PageStyle {
        notes: NotesPlacement::Endnotes,
        justify: false,
        ..PageStyle::default()
    };
    for (n, md) in &examples {
        for style in [PageStyle::default(), endnotes.clone()] {
            let doc = set_with(md, &style);
            assert!(!doc.pages.is_empty(), "example {n}");
        }
    }
    // All examples together make one long document.
    let all: String = examples
        .iter()
        .map(|(_, m)| m.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let doc = set(&all);
    assert!(doc.pages.len() > 10);
}

#[test]
fn a_huge_single_word_is_broken_within_the_margins() {
    let word = "a".repeat(100_000);
    let doc = set_with(&word, &bare_style());
    assert!(doc.pages.len() > 5);
    let chars: usize = doc
        .pages
        .iter()
        .flat_map(|p| runs(p))
        .map(|r| r.chars().filter(|c| *c == 'a').count())
        .sum();
    assert_eq!(chars, 100_000);
    // The word is broken by the line breaker alone: nothing invisible is added to its
    // text, which would otherwise surface in copied or extracted PDF text.
    let added = doc
        .pages
        .iter()
        .flat_map(|p| runs(p))
        .any(|r| r.contains('\u{200b}'));
    assert!(!added, "zero-width spaces were inserted into the word");
}

#[test]
fn ten_thousand_nested_quotes() {
    let md = ">".repeat(10_000) + " deep\n";
    let doc = set(&md);
    assert!(doc_text(&doc).contains("deep"));
    let md = (0..10_000)
        .map(|i| format!("{}> level {i}\n", ">".repeat(i)))
        .collect::<String>();
    let doc = set(&md);
    assert!(doc_text(&doc).contains("level 9999"));
}

#[test]
fn ten_thousand_nested_lists() {
    let md = (0..10_000).map(|_| "- ").collect::<String>() + "x\n";
    let doc = set(&md);
    assert!(doc_text(&doc).contains('x'));
    let md: String = (0..3_000)
        .map(|i| format!("{}1. n{i}\n", "   ".repeat(i)))
        .collect();
    set(&md);
}

#[test]
fn a_table_of_two_hundred_columns() {
    let cols = 200;
    let mut md = String::new();
    md.push_str(&(0..cols).map(|c| format!("| h{c} ")).collect::<String>());
    md.push_str("|\n");
    md.push_str(&"|---".repeat(cols));
    md.push_str("|\n");
    for r in 0..5 {
        md.push_str(
            &(0..cols)
                .map(|c| format!("| c{r}x{c} "))
                .collect::<String>(),
        );
        md.push_str("|\n");
    }
    let style = bare_style();
    let doc = set_with(&md, &style);
    let text = doc_text(&doc);
    assert!(text.contains('h'));
    let mm = 72.0 / 25.4;
    let right = style.paper.size_pt().0 - style.margins_mm.right * mm;
    for p in &doc.pages {
        for it in &p.items {
            if let PageItem::Rect(r) = it {
                assert!(r.x + r.width <= right + 0.5);
            }
        }
    }
}

#[test]
fn pathological_inline_markup() {
    for md in [
        "*".repeat(50_000),
        "[".repeat(20_000) + &"]".repeat(20_000),
        "**a ".repeat(10_000),
        "`".repeat(10_000),
        "<".repeat(10_000),
        "[^x]".repeat(5_000) + "\n\n[^x]: note\n",
        "| a |\n|---|\n".to_string() + &"| b |\n".repeat(5_000),
        "\u{202e}\u{5d0}\u{5d1} mixed \u{627}\u{644} text \u{1f600}\n".repeat(200),
        "\0\u{1}\u{feff}\r\n\t\u{2028}x".repeat(100),
    ] {
        let doc = set(&md);
        assert!(!doc.pages.is_empty());
    }
}
