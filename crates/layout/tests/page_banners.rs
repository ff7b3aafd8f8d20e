//! Banners worked out page by page: the layout hands each page's portion leads to the
//! caller's rule and sets what it returns at the top and bottom of that page.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use std::cell::RefCell;
use std::path::Path;

use briefsmith_layout::{Document, FontBook, PageItem, typeset_with, typeset_with_banners};
use briefsmith_style::{DocumentInfo, PageStyle};
use common::{page_text, para, png_image, runs};

/// Portion `k`: its mark `(Pk)` opening words tagged `xkz` (unique to it).
fn portion(k: usize, words: usize) -> String {
    format!("(P{k}) {}", para(&format!("x{k}z"), words))
}

/// Paragraphs, a long one broken across pages, a loose list whose items hold a second,
/// unmarked paragraph, a quote with its attribution, a table (header row unmarked) and a
/// footnote.
fn document() -> String {
    let mut md = format!("# (P0) Title words x0z\n\n{}\n\n", portion(1, 80));
    md.push_str(&format!("{}[^n]\n\n", portion(2, 60)));
    md.push_str(&format!("{}\n\n", portion(3, 500)));
    md.push_str(&format!(
        "- {}\n\n  {}\n\n- {}\n\n",
        portion(4, 30),
        para("x4z", 20),
        portion(5, 30)
    ));
    md.push_str(&format!("> {}\n>\n> — Someone x6z\n\n", portion(6, 40)));
    md.push_str("| Head | Other |\n|---|---|\n");
    for k in 7..10 {
        md.push_str(&format!("| (P{k}) w0x{k}z | w1x{k}z |\n"));
    }
    md.push_str(&format!("\n{}\n\n", portion(10, 300)));
    md.push_str(&format!("[^n]: {}\n", portion(11, 12)));
    md
}

fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Paged".into(),
        date: "1 May 2026".into(),
        banner: "DOCUMENT".into(),
        ..DocumentInfo::default()
    }
}

/// The mark opening a lead, e.g. `P3` in `(P3) w0x3z …`.
fn mark(lead: &str) -> &str {
    lead.strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map_or("?", |(m, _)| m)
}

/// Typesets with a rule that records each page's leads and makes the banner their marks.
fn paged(md: &str, style: &PageStyle) -> (Document, Vec<Vec<String>>) {
    paged_in(md, style, None)
}

/// [`paged`], images read from `base_dir`.
fn paged_in(md: &str, style: &PageStyle, base_dir: Option<&Path>) -> (Document, Vec<Vec<String>>) {
    let seen: RefCell<Vec<Vec<String>>> = RefCell::new(Vec::new());
    let rule = |leads: &[&str]| {
        seen.borrow_mut()
            .push(leads.iter().map(|l| l.to_string()).collect());
        let marks: Vec<&str> = leads.iter().map(|l| mark(l)).collect();
        format!("BANNER {}", marks.join(" "))
    };
    let doc = typeset_with_banners(&FontBook::bundled(), md, style, &info(), base_dir, &rule)
        .expect("typesets");
    (doc, seen.into_inner())
}

#[test]
fn each_page_reports_the_portions_with_text_on_it_and_carries_its_own_banner() {
    let md = document();
    // Running heads without the title, which would bring its portion onto every page.
    let style = PageStyle {
        header_left: String::new(),
        ..PageStyle::default()
    };
    let (doc, leads) = paged(&md, &style);
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    assert_eq!(leads.len(), doc.pages.len(), "the rule runs once per page");
    let mut split = false;
    let mut before: Vec<String> = Vec::new();
    for (i, (page, leads)) in doc.pages.iter().zip(&leads).enumerate() {
        let text = page_text(page);
        // Exactly the portions whose words are on the page, in reading order.
        let expected: Vec<String> = (0..12)
            .filter(|k| text.contains(&format!("x{k}z")))
            .map(|k| format!("P{k}"))
            .collect();
        let marks: Vec<&str> = leads.iter().map(|l| mark(l)).collect();
        assert_eq!(marks, expected, "page {}: {text}", i + 1);
        // Top and bottom of the page carry what the rule said for it.
        let banner = format!("BANNER {}", marks.join(" "));
        let at = runs(page).iter().filter(|r| **r == banner).count();
        assert_eq!(at, 2, "page {}: {:?}", i + 1, runs(page));
        assert!(!runs(page).contains(&"DOCUMENT"), "page {}", i + 1);
        // A portion broken across the page break counts on both pages.
        split |= !expected.is_empty() && expected.first() == before.last();
        before = expected;
    }
    assert!(split, "some portion runs on from one page to the next");
    // Leads are the text as written: the list item's own, not its second paragraph's.
    let all: Vec<&String> = leads.iter().flatten().collect();
    assert!(all.iter().any(|l| l.starts_with("(P4) w0x4z w1x4z")));
    assert!(all.iter().all(|l| l.starts_with('(')), "{all:?}");
    // The header row is not a portion, the footnote is.
    assert!(all.iter().all(|l| !l.starts_with("Head")));
    assert!(all.iter().any(|l| l.starts_with("(P11)")));
}

#[test]
fn the_page_banner_fills_banner_placeholders_and_the_document_banner_stays_without_a_rule() {
    let style = PageStyle {
        footer_left: "{banner}".into(),
        ..PageStyle::default()
    };
    let (doc, leads) = paged(&document(), &style);
    for (i, (page, leads)) in doc.pages.iter().zip(&leads).enumerate() {
        let marks: Vec<&str> = leads.iter().map(|l| mark(l)).collect();
        let banner = format!("BANNER {}", marks.join(" "));
        // Top, bottom and the footer's placeholder.
        let at = runs(page).iter().filter(|r| **r == banner).count();
        assert_eq!(at, 3, "page {}", i + 1);
    }
    let plain = typeset_with(&FontBook::bundled(), &document(), &style, &info(), None).unwrap();
    for page in &plain.pages {
        assert_eq!(runs(page).iter().filter(|r| **r == "DOCUMENT").count(), 3);
    }
}

#[test]
fn a_code_block_is_a_portion_on_every_page_it_has_lines_on() {
    // A code block whose first line with text is its mark, broken over a page, then
    // unmarked text.
    let code: String = (0..90).map(|i| format!("line {i} c{i}c\n")).collect();
    let md = format!(
        "{}\n\n```\n\n(P1)\n{code}```\n\nUnmarked words after.\n",
        portion(0, 400)
    );
    let (doc, leads) = paged(&md, &PageStyle::default());
    let has_code = |text: &str| (0..90).any(|i| text.contains(&format!("c{i}c")));
    let mut tail = false;
    for (i, (page, leads)) in doc.pages.iter().zip(&leads).enumerate() {
        let text = page_text(page);
        let marks: Vec<&str> = leads.iter().map(|l| mark(l)).collect();
        // The block's lead is its first line, the mark, on every page it has lines on.
        assert_eq!(
            marks.contains(&"P1"),
            has_code(&text),
            "page {}: {marks:?} {text}",
            i + 1
        );
        tail |= has_code(&text) && !text.contains("(P1)");
    }
    assert!(
        tail,
        "some page holds the block's tail without its mark line"
    );
    assert!(leads.iter().flatten().any(|l| l == "(P1)"), "{leads:?}");
}

#[test]
fn an_image_counts_with_the_text_it_is_set_in_and_its_own_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("map.png"), png_image(1000, 1400)).unwrap();
    // Marked as a brief marks an image's paragraph (the mark, then the image), and as one
    // may mark it in the alt text; each image too tall to share a page with the text
    // before it, the page it lands on otherwise holding unmarked words.
    let md = format!(
        "{}\n\n(P1) ![map](map.png)\n\nUnmarked words after.\n\n{}\n\n\
         ![(P3) map](map.png)\n\nMore unmarked words.\n",
        portion(0, 300),
        portion(2, 300)
    );
    let (doc, leads) = paged_in(&md, &PageStyle::default(), Some(dir.path()));
    let mut images = Vec::new();
    for (i, (page, leads)) in doc.pages.iter().zip(&leads).enumerate() {
        let marks: Vec<&str> = leads.iter().map(|l| mark(l)).collect();
        let n = page
            .items
            .iter()
            .filter(|it| matches!(it, PageItem::Image(_)))
            .count();
        if n > 0 {
            images.push((i + 1, marks.clone(), page_text(page)));
        }
    }
    assert_eq!(images.len(), 2, "{images:?}");
    let (page, marks, text) = &images[0];
    assert!(
        !text.contains("(P1)"),
        "page {page}: the mark's line stays behind"
    );
    assert!(marks.contains(&"P1"), "page {page}: {marks:?}");
    let (page, marks, _) = &images[1];
    assert!(marks.contains(&"P3"), "page {page}: {marks:?}");
}

#[test]
fn a_running_head_showing_the_title_carries_its_portion_onto_every_page() {
    let md = format!("# (P0) Title x0z\n\n{}\n", portion(1, 1500));
    let titled = |style: &PageStyle| {
        let (doc, leads) = paged(&md, style);
        assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
        leads
            .iter()
            .map(|leads| leads.iter().any(|l| mark(l) == "P0"))
            .collect::<Vec<bool>>()
    };
    // The default header is the title; a footer may show it as well.
    let every = titled(&PageStyle::default());
    assert!(every.iter().all(|&t| t), "{every:?}");
    let footer = titled(&PageStyle {
        header_left: String::new(),
        footer_left: "{title} {page}".into(),
        ..PageStyle::default()
    });
    assert!(footer.iter().all(|&t| t), "{footer:?}");
    // Without it in the heads, the title is on the first page only.
    let first = titled(&PageStyle {
        header_left: String::new(),
        ..PageStyle::default()
    });
    assert!(first[0]);
    assert!(first[1..].iter().all(|&t| !t), "{first:?}");
}
