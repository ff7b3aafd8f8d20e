//! PDF: the text layer by pdf-extract; title, author and date from the Info dictionary.

use super::Document;
use crate::error::ImportError;
use crate::model::SourceMeta;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Reads a PDF's text layer.
pub fn read(file: &str, bytes: &[u8]) -> Result<Document, ImportError> {
    // pdf-extract panics on some malformed content streams instead of returning an error;
    // a hostile file must give a message, not bring the program down.
    let text = catch_unwind(AssertUnwindSafe(|| {
        pdf_extract::extract_text_from_mem(bytes)
    }))
    .map_err(|_| ImportError::Pdf {
        file: file.to_owned(),
        reason: "malformed content the text extractor cannot follow".into(),
    })?
    .map_err(|e| ImportError::Pdf {
        file: file.to_owned(),
        reason: e.to_string(),
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::PdfNoText {
            file: file.to_owned(),
        });
    }
    Ok(Document {
        meta: info(bytes),
        paragraphs: paragraphs(&text),
    })
}

/// Paragraphs from extracted text: blank lines separate them, lines within one are joined
/// and a word hyphenated across a line break is rejoined.
fn paragraphs(text: &str) -> Vec<String> {
    let text = text.replace('\u{c}', "\n\n");
    let text = if text.trim().contains("\n\n") {
        text
    } else {
        mark_short_lines(&text)
    };
    text.split("\n\n")
        .map(|block| {
            let mut out = String::new();
            for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if out.ends_with('-') && line.starts_with(|c: char| c.is_lowercase()) {
                    out.pop();
                } else if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(line);
            }
            out
        })
        .collect()
}

/// Text without blank lines: a line well short of the longest ends its paragraph (a
/// paragraph's ragged last line, or a heading).
fn mark_short_lines(text: &str) -> String {
    let width = text
        .lines()
        .map(|l| l.trim().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let trimmed = line.trim();
        out.push_str(trimmed);
        let short = trimmed.chars().count() * 10 < width * 8;
        out.push_str(if short { "\n\n" } else { "\n" });
    }
    out
}

/// The Info dictionary's Title, Author and CreationDate, as far as present and readable.
fn info(bytes: &[u8]) -> SourceMeta {
    let mut meta = SourceMeta::default();
    let Ok(doc) = lopdf::Document::load_mem(bytes) else {
        return meta;
    };
    let Some(info) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_dictionary(id).ok())
    else {
        return meta;
    };
    let text = |key: &[u8]| {
        info.get(key)
            .ok()
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    meta.title = text(b"Title");
    meta.author = text(b"Author");
    // PDF dates read "D:20241011093000+01'00'".
    meta.date = text(b"CreationDate").and_then(|d| {
        let digits = d.trim_start_matches("D:");
        let (y, m, day) = (digits.get(..4)?, digits.get(4..6)?, digits.get(6..8)?);
        chrono::NaiveDate::parse_from_str(&format!("{y}-{m}-{day}"), "%Y-%m-%d")
            .ok()
            .map(|d| d.to_string())
    });
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_lines_and_hyphenated_words() {
        let p = paragraphs("First line of a para-\ngraph here\nand more.\n\nSecond.\n");
        assert_eq!(
            p,
            vec!["First line of a paragraph here and more.", "Second."]
        );
    }
}
