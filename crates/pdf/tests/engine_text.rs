//! Text set by the real text engine (shaping, kerning, ligatures, justification,
//! hyphenation, right-to-left) and written with `write_pdf`: pdftotext must read back the
//! words as written, and the preview must ink the same places.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use std::process::Command;

use briefsmith_layout::{
    Align, Document, FontBook, Page, PageItem, ParagraphSpec, Span, TextStyle, break_paragraph,
};
use briefsmith_style::Family;

const TEXT: &str = "Officials confirmed the office's efficient, affluent staff flew \
    AVAWA-class transports to the border. Internationalisation of the characteristically \
    uncompromising negotiations continued; reinforcements, notwithstanding counterproductive \
    misunderstandings, arrived. Café owners reported naïve rumours about the crossing.";

/// Pages of justified, hyphenated paragraphs set with the bundled fonts.
fn document(book: &FontBook, paragraphs: usize) -> Document {
    let spec = ParagraphSpec {
        width: 200.0,
        align: Align::Justify,
        line_height: 14.0,
        hyphenate: true,
        first_indent: 0.0,
    };
    let spans = [
        Span::new(TEXT, TextStyle::new(Family::Serif, 10.5)),
        Span::new(
            " Bold sans ends it.",
            TextStyle {
                bold: true,
                ..TextStyle::new(Family::Sans, 10.5)
            },
        ),
    ];
    let mut pages = Vec::new();
    let mut page = Page {
        width: 595.0,
        height: 842.0,
        ..Page::default()
    };
    let mut y = 72.0;
    for _ in 0..paragraphs {
        for line in break_paragraph(book, &spans, &spec) {
            if y + 14.0 > 770.0 {
                pages.push(std::mem::replace(
                    &mut page,
                    Page {
                        width: 595.0,
                        height: 842.0,
                        ..Page::default()
                    },
                ));
                y = 72.0;
            }
            y += 14.0;
            let (items, links) = line.translated(72.0, y);
            page.items.extend(items);
            page.links.extend(links);
        }
        y += 7.0;
    }
    pages.push(page);
    Document {
        pages,
        ..Document::default()
    }
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("briefsmith-engine-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn words(text: &str) -> Vec<String> {
    text.replace("-\n", "-")
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn shaped_justified_hyphenated_text_reads_back_word_for_word() {
    let book = FontBook::bundled();
    let doc = document(&book, 3);
    let pdf = briefsmith_pdf::write_pdf(&doc, &book, &briefsmith_pdf::PdfOptions::default())
        .expect("writes");
    let expected: Vec<String> = std::iter::repeat_n(format!("{TEXT} Bold sans ends it."), 3)
        .flat_map(|p| words(&p))
        .collect();
    assert_eq!(words(&pdftotext(&pdf)), expected);
}

#[test]
fn many_pages_stay_small_and_parse() {
    let book = FontBook::bundled();
    let doc = document(&book, 200);
    assert!(doc.pages.len() > 20, "{} pages", doc.pages.len());
    let pdf = briefsmith_pdf::write_pdf(&doc, &book, &briefsmith_pdf::PdfOptions::default())
        .expect("writes");
    // Subset fonts are embedded once; pages cost only their content streams.
    assert!(pdf.len() < 400_000, "{} bytes", pdf.len());
    let parsed = lopdf::Document::load_mem(&pdf).expect("lopdf parses");
    assert_eq!(parsed.get_pages().len(), doc.pages.len());
}

#[test]
fn the_preview_inks_the_text_area_only() {
    let book = FontBook::bundled();
    let doc = document(&book, 1);
    let img = briefsmith_raster::rasterize(&doc.pages[0], &book, 1.0);
    let dark = |x0: u32, y0: u32, x1: u32, y1: u32| {
        let mut n = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                if img.pixel(x, y).is_some_and(|p| p[0] < 128) {
                    n += 1;
                }
            }
        }
        n
    };
    let lines = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            PageItem::Glyphs(r) => r.glyphs.first().map(|g| g.y),
            _ => None,
        })
        .fold(0.0f32, f32::max);
    assert!(dark(72, 72, 272, lines as u32 + 4) > 1000);
    assert_eq!(dark(0, 0, 70, img.height), 0, "left margin");
    assert_eq!(
        dark(276, 0, img.width, img.height),
        0,
        "right of the measure"
    );
    assert_eq!(
        dark(0, lines as u32 + 5, img.width, img.height),
        0,
        "below the text"
    );
}
