//! Helpers shared by the layout's integration tests: reading typeset pages back.

#![allow(
    dead_code,
    reason = "each test binary uses part of these shared helpers"
)]

use briefsmith_layout::{Document, Page, PageItem, typeset};
use briefsmith_style::{DocumentInfo, PageStyle};

/// Typesets with the default style and a plain info block.
pub fn set(md: &str) -> Document {
    set_with(md, &PageStyle::default())
}

/// Typesets with `style`.
pub fn set_with(md: &str, style: &PageStyle) -> Document {
    let info = DocumentInfo {
        title: "Test brief".into(),
        date: "25 November 2026".into(),
        banner: "OFFICIAL".into(),
        ..DocumentInfo::default()
    };
    typeset(md, style, &info, None).expect("default styles typeset")
}

/// A style with no running heads and no banner: everything drawn lies in the text area.
pub fn bare_style() -> PageStyle {
    PageStyle {
        header_left: String::new(),
        header_right: String::new(),
        footer_left: String::new(),
        footer_right: String::new(),
        show_banner: false,
        ..PageStyle::default()
    }
}

/// The texts of a page's glyph runs in painting order.
pub fn runs(page: &Page) -> Vec<&str> {
    page.items
        .iter()
        .filter_map(|it| match it {
            PageItem::Glyphs(g) => Some(g.text.as_str()),
            _ => None,
        })
        .collect()
}

/// All text of a page, runs joined; a hyphen run added at a line break joins its word.
pub fn page_text(page: &Page) -> String {
    let mut out = String::new();
    for r in runs(page) {
        if r == "-" && out.ends_with(|c: char| c.is_alphabetic()) {
            out.push('\u{1}');
            continue;
        }
        if out.ends_with('\u{1}') {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(r);
    }
    out
}

/// All text of a document.
pub fn doc_text(doc: &Document) -> String {
    doc.pages
        .iter()
        .map(page_text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text`, whitespace-separated.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

/// Whether `needles` occur in `hay` in this order (as words or parts of words).
pub fn in_order(hay: &str, needles: &[&str]) -> bool {
    let mut rest = hay;
    for n in needles {
        match rest.find(n) {
            Some(i) => rest = &rest[i + n.len()..],
            None => return false,
        }
    }
    true
}

/// Index of the first page whose text contains `needle`.
pub fn page_of(doc: &Document, needle: &str) -> Option<usize> {
    doc.pages.iter().position(|p| page_text(p).contains(needle))
}

/// A paragraph of `n` distinct words tagged with `tag` (w0tag w1tag …).
pub fn para(tag: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("w{i}{tag}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A whole grey PNG of `w` × `h` pixels (a header alone is a damaged file, shown as a
/// placeholder).
pub fn png_image(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer
        .write_image_data(&vec![128; w as usize * h as usize])
        .unwrap();
    writer.finish().unwrap();
    out
}
