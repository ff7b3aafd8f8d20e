//! Pagination and page furniture: what a reader sees on each page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use std::collections::BTreeMap;

use briefsmith_layout::{Document, LinkTarget, Page, PageItem};
use briefsmith_style::{NotesPlacement, PageStyle, Paper};
use common::*;

/// Text area of the default A4 style, in points.
fn area(style: &PageStyle) -> (f32, f32, f32, f32) {
    let mm = 72.0 / 25.4;
    let (w, h) = style.paper.size_pt();
    let m = style.margins_mm;
    (m.left * mm, m.top * mm, w - m.right * mm, h - m.bottom * mm)
}

/// Asserts every glyph, rule, image and link lies inside the box (with a little slack for
/// glyph ascenders measured from the size).
fn assert_inside(doc: &Document, (l, t, r, b): (f32, f32, f32, f32)) {
    let eps = 0.5;
    for (i, p) in doc.pages.iter().enumerate() {
        for it in &p.items {
            match it {
                PageItem::Glyphs(g) => {
                    for gl in &g.glyphs {
                        assert!(
                            gl.x >= l - eps && gl.x + gl.advance <= r + eps,
                            "page {i}: glyph of {:?} at x {}..{} outside {l}..{r}",
                            g.text,
                            gl.x,
                            gl.x + gl.advance
                        );
                        assert!(
                            gl.y - g.size * 0.7 >= t - eps && gl.y + g.size * 0.2 <= b + eps,
                            "page {i}: glyph of {:?} at y {} outside {t}..{b}",
                            g.text,
                            gl.y
                        );
                    }
                }
                PageItem::Rect(rc) => assert!(
                    rc.x >= l - eps
                        && rc.x + rc.width <= r + eps
                        && rc.y >= t - eps
                        && rc.y + rc.height <= b + eps,
                    "page {i}: rect {rc:?} outside"
                ),
                PageItem::Image(im) => assert!(
                    im.x >= l - eps
                        && im.x + im.width <= r + eps
                        && im.y >= t - eps
                        && im.y + im.height <= b + eps,
                    "page {i}: image outside"
                ),
                PageItem::BeginTag(_) | PageItem::EndTag => {}
            }
        }
    }
}

/// Lines (distinct baselines) per page of glyph runs whose text contains `tag`.
fn lines_per_page(doc: &Document, tag: &str) -> BTreeMap<usize, usize> {
    let mut out = BTreeMap::new();
    for (i, p) in doc.pages.iter().enumerate() {
        let mut ys: Vec<i64> = p
            .items
            .iter()
            .filter_map(|it| match it {
                PageItem::Glyphs(g) if g.text.contains(tag) => {
                    g.glyphs.first().map(|gl| (gl.y * 10.0).round() as i64)
                }
                _ => None,
            })
            .collect();
        ys.sort_unstable();
        ys.dedup();
        if !ys.is_empty() {
            out.insert(i, ys.len());
        }
    }
    out
}

fn long_document() -> String {
    let mut md = String::from("# A long brief\n\n*25 November 2026*\n\n");
    for s in 0..12 {
        md.push_str(&format!("## Section {s}\n\n"));
        for p in 0..5 {
            md.push_str(&para(&format!("s{s}p{p}x"), 40 + 17 * p));
            md.push_str("\n\n");
        }
        md.push_str("- item one\n- item two with more words\n  - nested\n\n");
        md.push_str(
            "> A quoted line from a speaker that runs a little long.\n>\n> — Speaker, 1 May\n\n",
        );
    }
    md
}

#[test]
fn everything_lies_inside_the_margins() {
    let style = bare_style();
    let mut md = long_document();
    md.push_str("```\n");
    md.push_str(&"x".repeat(500));
    md.push_str("\n    indented code line that is long enough to wrap around the measure of the page\n```\n\n");
    md.push_str("| a | b | c |\n|---|:-:|--:|\n");
    for r in 0..80 {
        md.push_str(&format!(
            "| row {r} | {} | {} |\n",
            para("c", 12),
            "n".repeat(90)
        ));
    }
    md.push_str("\nText with a note.[^n]\n\n[^n]: A note.\n\n![missing](nowhere.png)\n");
    for i in 0..40 {
        md.push_str(&format!("`code{i}` {} `end{i}`\n\n", para("k", i)));
    }
    let doc = set_with(&md, &style);
    assert!(doc.pages.len() > 5);
    assert_inside(&doc, area(&style));
}

#[test]
fn furniture_stays_inside_the_paper() {
    let style = PageStyle {
        paper: Paper::Letter,
        ..PageStyle::default()
    };
    let doc = set_with(&long_document(), &style);
    let (w, h) = style.paper.size_pt();
    assert_inside(&doc, (0.0, 0.0, w, h));
}

#[test]
fn source_text_reads_back_in_order() {
    let md = long_document();
    let doc = set(&md);
    let text = doc_text(&doc);
    let expected: Vec<String> = md
        .split_whitespace()
        .filter(|w| w.starts_with('w') && w.contains('x'))
        .map(str::to_string)
        .collect();
    let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert!(refs.len() > 1000);
    assert!(in_order(&text, &refs), "words out of order or missing");
}

#[test]
fn headings_are_never_alone_at_a_page_foot() {
    // Shift the text by a line at a time so headings land at every position on a page.
    for filler in 0..30 {
        let mut md = String::new();
        for i in 0..filler {
            md.push_str(&format!("Filler line {i}.\n\n"));
        }
        for s in 0..6 {
            md.push_str(&format!(
                "## Heading h{s}h\n\n{}\n\n",
                para(&format!("s{s}q"), 60)
            ));
        }
        let doc = set(&md);
        for e in doc
            .outline
            .iter()
            .filter(|e| e.title.starts_with("Heading"))
        {
            let tag = e
                .title
                .trim_start_matches("Heading h")
                .trim_end_matches('h');
            let first_word = format!("w0s{tag}q");
            assert_eq!(
                page_of(&doc, &first_word),
                Some(e.page),
                "filler {filler}: {} separated from its text",
                e.title
            );
        }
    }
}

#[test]
fn no_widows_or_orphans() {
    for filler in 0..30 {
        let mut md = String::new();
        for i in 0..filler {
            md.push_str(&format!("Filler line {i}.\n\n"));
        }
        for p in 0..8 {
            md.push_str(&para(&format!("p{p}z"), 90));
            md.push_str("\n\n");
        }
        let doc = set(&md);
        for p in 0..8 {
            let lines = lines_per_page(&doc, &format!("p{p}z"));
            if lines.len() > 1 {
                assert!(
                    lines.values().all(|&n| n >= 2),
                    "filler {filler}, paragraph {p}: {lines:?}"
                );
            }
        }
    }
}

#[test]
fn table_header_repeats_after_page_breaks() {
    let mut md = String::from("Intro.\n\n| Head A | Head B |\n|---|---|\n");
    for r in 0..150 {
        md.push_str(&format!("| r{r}a | value {r} |\n"));
    }
    let doc = set_with(&md, &bare_style());
    assert!(doc.pages.len() >= 3);
    for (i, p) in doc.pages.iter().enumerate() {
        let rs = runs(p);
        if rs.iter().any(|r| r.starts_with('r') && r.ends_with('a')) {
            let first_row = rs
                .iter()
                .position(|r| r.starts_with('r') && r.ends_with('a'));
            let head = rs.iter().position(|r| *r == "Head A");
            assert!(
                head.is_some() && head < first_row,
                "page {i} lacks the header before its rows: {:?}",
                &rs[..rs.len().min(6)]
            );
        }
    }
    // Every row appears exactly once.
    let text = doc_text(&doc);
    for r in 0..150 {
        assert_eq!(text.matches(&format!("r{r}a ")).count(), 1, "row {r}");
    }
}

#[test]
fn table_rows_are_not_split() {
    let mut md = String::from("| Head | Body |\n|---|---|\n");
    for r in 0..40 {
        md.push_str(&format!("| k{r}k | {} |\n", para(&format!("r{r}y"), 30)));
    }
    let doc = set_with(&md, &bare_style());
    for r in 0..40 {
        let lines = lines_per_page(&doc, &format!("r{r}y"));
        assert_eq!(lines.len(), 1, "row {r} split: {lines:?}");
    }
}

fn anchor_page(doc: &Document, name: &str) -> Option<(usize, f32)> {
    doc.pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| p.anchors.iter().find(|a| a.name == name).map(|a| (i, a.y)))
}

#[test]
fn footnotes_sit_on_the_page_that_references_them() {
    for filler in [0, 7, 13, 21] {
        let mut md = String::new();
        for i in 0..filler {
            md.push_str(&format!("Filler line {i}.\n\n"));
        }
        for p in 0..30 {
            md.push_str(&format!(
                "{} reference[^n{p}] {}\n\n",
                para("a", 25),
                para("b", 20)
            ));
        }
        for p in 0..30 {
            md.push_str(&format!(
                "[^n{p}]: Note body nb{p}nb {}\n\n",
                para("c", 10 + p % 4 * 15)
            ));
        }
        let doc = set(&md);
        for n in 1..=30 {
            let (rp, ry) = anchor_page(&doc, &format!("noteref-{n}")).expect("reference anchor");
            let (np, ny) = anchor_page(&doc, &format!("note-{n}")).expect("note anchor");
            assert_eq!(
                rp, np,
                "filler {filler}: note {n} not on its reference's page"
            );
            assert!(ny > ry, "note {n} above its reference");
            let body = format!("nb{}nb", n - 1);
            assert_eq!(page_of(&doc, &body), Some(np), "note {n} body elsewhere");
        }
        // The notes link back and forth.
        let links: Vec<&LinkTarget> = doc
            .pages
            .iter()
            .flat_map(|p: &Page| p.links.iter().map(|l| &l.target))
            .collect();
        assert!(links.contains(&&LinkTarget::Internal("note-3".into())));
        assert!(links.contains(&&LinkTarget::Internal("noteref-3".into())));
    }
}

#[test]
fn a_note_longer_than_the_room_continues_on_the_next_page() {
    let md = format!(
        "{}\n\nRef here.[^big]\n\n[^big]: {}\n",
        para("f", 10),
        para("long", 2500)
    );
    let doc = set(&md);
    let text = doc_text(&doc);
    assert!(in_order(&text, &["w0long", "w1200long", "w2499long"]));
}

#[test]
fn endnotes_gather_under_a_notes_heading() {
    let style = PageStyle {
        notes: NotesPlacement::Endnotes,
        ..PageStyle::default()
    };
    let md = format!(
        "# T\n\nA[^1] b[^2].\n\n{}\n\n[^2]: Second.\n[^1]: First.\n[^3]: Unused.\n",
        para("x", 800)
    );
    let doc = set_with(&md, &style);
    let notes = doc
        .outline
        .iter()
        .find(|e| e.title == "Notes")
        .expect("notes heading");
    assert_eq!(notes.page, doc.pages.len() - 1);
    let text = page_text(&doc.pages[notes.page]);
    assert!(in_order(
        &text,
        &["Notes", "1.", "First.", "2.", "Second.", "3.", "Unused."]
    ));
}

#[test]
fn running_heads_banner_and_page_numbers() {
    let doc = set(&long_document());
    let n = doc.pages.len();
    assert!(n > 3);
    for (i, p) in doc.pages.iter().enumerate() {
        let rs = runs(p);
        assert_eq!(
            rs.iter().filter(|r| **r == "OFFICIAL").count(),
            2,
            "page {i}"
        );
        let footer = format!("Page {} of {n}", i + 1);
        assert!(rs.contains(&footer.as_str()), "page {i}: {footer} missing");
        // The title block replaces the running head on page 1.
        assert_eq!(rs.contains(&"Test brief"), i > 0, "page {i}");
        assert!(rs.contains(&"25 November 2026"), "page {i}");
    }
    // Banner at the top and bottom edges, outside the text area.
    let (_, top, _, bottom) = area(&PageStyle::default());
    for p in &doc.pages {
        let ys: Vec<f32> = p
            .items
            .iter()
            .filter_map(|it| match it {
                PageItem::Glyphs(g) if g.text == "OFFICIAL" => g.glyphs.first().map(|gl| gl.y),
                _ => None,
            })
            .collect();
        assert!(
            ys.iter().any(|y| *y < top) && ys.iter().any(|y| *y > bottom),
            "{ys:?}"
        );
    }
}

#[test]
fn banner_can_be_switched_off() {
    let style = PageStyle {
        show_banner: false,
        ..PageStyle::default()
    };
    let doc = set_with("Hello.", &style);
    assert!(!runs(&doc.pages[0]).contains(&"OFFICIAL"));
}

#[test]
fn outline_records_headings_with_page_and_position() {
    let doc = set(&long_document());
    let titles: Vec<&str> = doc.outline.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles[0], "A long brief");
    assert_eq!(titles[1], "Section 0");
    assert_eq!(titles.len(), 13);
    for e in &doc.outline {
        let p = &doc.pages[e.page];
        let y = p
            .items
            .iter()
            .find_map(|it| match it {
                PageItem::Glyphs(g) if g.text == e.title => g.glyphs.first().map(|gl| gl.y),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{} not on page {}", e.title, e.page));
        assert!(
            y > e.y && y - e.y < 60.0,
            "{}: entry y {} baseline {y}",
            e.title,
            e.y
        );
    }
}

#[test]
fn only_web_and_mail_links_are_clickable() {
    let doc = set(
        "[a](https://example.org) [b](mailto:x@y.org) [c](javascript:alert(1)) [d](file.md) <https://auto.example>",
    );
    let targets: Vec<String> = doc.pages[0]
        .links
        .iter()
        .map(|l| match &l.target {
            LinkTarget::External(u) => u.clone(),
            LinkTarget::Internal(n) => format!("#{n}"),
        })
        .collect();
    assert_eq!(
        targets,
        vec![
            "https://example.org",
            "mailto:x@y.org",
            "https://auto.example"
        ]
    );
    assert!(in_order(&page_text(&doc.pages[0]), &["a", "b", "c", "d"]));
}

#[test]
fn a_bad_style_is_an_error_not_a_panic() {
    let info = briefsmith_style::DocumentInfo::default();
    for style in [
        PageStyle {
            body_size_pt: f32::NAN,
            ..PageStyle::default()
        },
        PageStyle {
            margins_mm: briefsmith_style::Margins {
                top: 150.0,
                right: 10.0,
                bottom: 150.0,
                left: 10.0,
            },
            ..PageStyle::default()
        },
        PageStyle {
            body_size_pt: 0.0,
            ..PageStyle::default()
        },
    ] {
        assert!(briefsmith_layout::typeset("x", &style, &info, None).is_err());
    }
}

#[test]
fn an_empty_document_has_one_page() {
    let doc = set("");
    assert_eq!(doc.pages.len(), 1);
}

#[test]
fn a_row_taller_than_a_page_is_split_and_stays_in_the_margins() {
    let style = bare_style();
    let md = format!(
        "| Key | Text |\n|---|---|\n| short | one |\n| long | {} |\n| after | two |\n",
        para("t", 3000)
    );
    let doc = set_with(&md, &style);
    assert!(doc.pages.len() >= 3);
    assert_inside(&doc, area(&style));
    let text = doc_text(&doc);
    assert!(in_order(
        &text,
        &["short", "w0t", "w1500t", "w2999t", "after", "two"]
    ));
    // The header repeats on the pages the long row continues on.
    for p in &doc.pages[1..] {
        assert_eq!(runs(p).first(), Some(&"Key"));
    }
}

#[test]
fn many_long_notes_are_all_set_once_inside_the_margins() {
    let style = bare_style();
    let mut md = String::new();
    for i in 0..6 {
        md.push_str(&format!(
            "Paragraph {i} refers.[^l{i}] {}\n\n",
            para(&format!("p{i}b"), 60)
        ));
    }
    for i in 0..6 {
        md.push_str(&format!(
            "[^l{i}]: {}\n\n",
            para(&format!("n{i}q"), 700 + i * 150)
        ));
    }
    let doc = set_with(&md, &style);
    assert_inside(&doc, area(&style));
    let text = doc_text(&doc);
    for i in 0..6 {
        let last = format!("w{}n{i}q", 699 + i * 150);
        assert_eq!(
            text.matches(&format!("w0n{i}q ")).count(),
            1,
            "note {i} start"
        );
        assert_eq!(text.matches(&last).count(), 1, "note {i} end");
        assert!(in_order(&text, &[&format!("w0n{i}q"), &last]));
        // Each note starts on its reference's page.
        let (rp, _) = anchor_page(&doc, &format!("noteref-{}", i + 1)).unwrap();
        let (np, _) = anchor_page(&doc, &format!("note-{}", i + 1)).unwrap();
        assert_eq!(rp, np, "note {i}");
    }
}

#[test]
fn documents_can_move_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Document>();
    let handle = std::thread::spawn(|| set("# Title\n\nBody on another thread."));
    let doc = handle.join().expect("typesets on a worker thread");
    assert!(page_text(&doc.pages[0]).contains("Body on another thread."));
}

#[test]
fn headings_stay_with_tables_lists_and_code() {
    for filler in 0..30 {
        let mut md = String::new();
        for i in 0..filler {
            md.push_str(&format!("Filler line {i}.\n\n"));
        }
        for s in 0..4 {
            md.push_str(&format!(
                "## Table h{s}t\n\n| Hd{s} | B |\n|---|---|\n| c{s}c | d |\n\n## List h{s}l\n\n- li{s}li\n- two\n\n## Code h{s}k\n\n```\ncode{s}code\n```\n\n{}\n\n",
                para("f", 80)
            ));
        }
        let doc = set(&md);
        for e in doc.outline.iter().filter(|e| e.title.contains(" h")) {
            let s = &e.title[e.title.len() - 2..e.title.len() - 1];
            let first = match e.title.chars().last() {
                Some('t') => format!("c{s}c"),
                Some('l') => format!("li{s}li"),
                _ => format!("code{s}code"),
            };
            assert_eq!(
                page_of(&doc, &first),
                Some(e.page),
                "filler {filler}: {}",
                e.title
            );
        }
    }
}

#[test]
fn a_long_banner_is_shortened_to_the_text_width() {
    let style = PageStyle::default();
    let info = briefsmith_style::DocumentInfo {
        banner: "TOP SECRET//".repeat(40),
        ..briefsmith_style::DocumentInfo::default()
    };
    let doc = briefsmith_layout::typeset("Body.", &style, &info, None).unwrap();
    let (l, _, r, _) = area(&style);
    let banners: Vec<_> = doc.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            PageItem::Glyphs(g) if g.text.starts_with("TOP SECRET") => Some(g),
            _ => None,
        })
        .collect();
    assert_eq!(banners.len(), 2);
    for g in banners {
        assert!(g.text.ends_with('…'));
        let last = g.glyphs.last().unwrap();
        assert!(g.glyphs[0].x >= l - 0.5 && last.x + last.advance <= r + 0.5);
    }
}
