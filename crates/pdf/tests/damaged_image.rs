//! A damaged PNG is treated like a missing one: the export succeeds and the page shows a
//! placeholder naming the file and why (it used to fail the whole PDF with "PNG image:
//! unexpected end of file").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_layout::{FontBook, PageItem, typeset};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use std::path::Path;
use std::process::Command;

/// A whole 64 × 32 grey PNG.
fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 64, 32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[100; 64 * 32]).unwrap();
    writer.finish().unwrap();
    out
}

fn pdftotext(pdf: &[u8], dir: &Path) -> String {
    let path = dir.join("out.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed for this test");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_damaged_png_becomes_a_placeholder_like_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let whole = png();
    std::fs::write(dir.path().join("whole.png"), &whole).unwrap();
    std::fs::write(dir.path().join("cut.png"), &whole[..whole.len() / 2]).unwrap();
    // A header claiming 100,000 × 100,000 pixels: refused before anything is inflated.
    let mut huge = whole[..16].to_vec();
    huge.extend_from_slice(&100_000u32.to_be_bytes());
    huge.extend_from_slice(&100_000u32.to_be_bytes());
    huge.extend_from_slice(&whole[24..]);
    std::fs::write(dir.path().join("huge.png"), &huge).unwrap();
    let md = "![Whole](whole.png)\n\n![Cut](cut.png)\n\n![Huge](huge.png)\n\n![Gone](gone.png)\n";

    let doc = typeset(
        md,
        &PageStyle::default(),
        &DocumentInfo::default(),
        Some(dir.path()),
    )
    .expect("typesets");
    let images = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter(|i| matches!(i, PageItem::Image(_)))
        .count();
    assert_eq!(images, 1, "only the whole image is drawn");
    // Damaged and missing alike are reported with the document, each naming its file.
    let warned: Vec<&str> = doc.warnings.iter().map(String::as_str).collect();
    assert_eq!(warned.len(), 3, "{warned:?}");
    for name in ["cut.png", "huge.png", "gone.png"] {
        assert!(
            warned
                .iter()
                .any(|w| w.contains(name) && w.contains("placeholder")),
            "{name}: {warned:?}"
        );
    }
    let pdf = write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default())
        .expect("a damaged image does not fail the export");
    let text = pdftotext(&pdf, dir.path())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Image not shown: Cut cut.png (damaged image: PNG image:"),
        "{text}"
    );
    assert!(
        text.contains("Image not shown: Huge huge.png (damaged image:"),
        "{text}"
    );
    assert!(
        text.contains("Image not shown: Gone gone.png (file not found)"),
        "{text}"
    );
    assert!(!text.contains("whole.png"), "{text}");
}
