//! Which reader an input needs, from its leading bytes first and its name second.

use std::path::Path;

/// The document formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Text,
    Markdown,
    Pdf,
    Docx,
}

impl Format {
    /// Decides the format of `bytes` named `name`. Magic bytes win over the extension, so
    /// a PDF saved as `.txt` is still read as a PDF; a text file is told apart as HTML or
    /// Markdown by its extension, or by markup at its start when the extension says nothing.
    /// `None` means binary data none of the readers handle.
    pub fn detect(name: &str, bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        let ext = Path::new(name)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if bytes.starts_with(b"PK\x03\x04") {
            // Any zip: only a Word document is read; others fail in the DOCX reader with
            // a message saying which part is missing.
            return Some(Format::Docx);
        }
        if looks_binary(bytes) {
            return None;
        }
        match ext.as_deref() {
            Some("html" | "htm" | "xhtml" | "mhtml") => Some(Format::Html),
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("txt" | "text") => Some(Format::Text),
            _ if starts_like_html(bytes) => Some(Format::Html),
            _ => Some(Format::Text),
        }
    }
}

/// Text has no NUL bytes and few control characters in its first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    // UTF-16 text carries NULs; its byte-order mark says so.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    head.contains(&0) || controls * 100 > head.len().max(1) * 2
}

/// Whether the text opens (after whitespace and a BOM) with a doctype or an HTML tag.
fn starts_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let trimmed = head.trim_start_matches('\u{feff}').trim_start();
    let lower = trimmed
        .get(..trimmed.len().min(15))
        .unwrap_or("")
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.starts_with("<head")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magic_bytes_beat_the_extension() {
        assert_eq!(Format::detect("a.txt", b"%PDF-1.7\n"), Some(Format::Pdf));
        assert_eq!(
            Format::detect("a.html", b"PK\x03\x04rest"),
            Some(Format::Docx)
        );
        assert_eq!(
            Format::detect("page", b"<!DOCTYPE html><p>x"),
            Some(Format::Html)
        );
        assert_eq!(
            Format::detect("notes.md", b"# Title"),
            Some(Format::Markdown)
        );
        assert_eq!(Format::detect("x.bin", b"\x00\x01\x02\x03"), None);
        assert_eq!(
            Format::detect("clipboard", b"Plain words."),
            Some(Format::Text)
        );
    }
}
