//! The one error type of the crate: every variant names the file it is about.

use thiserror::Error;

/// Why an input could not be imported. `file` is the name the caller gave (a path, or
/// "clipboard" for pasted text), so every message says which input failed.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read from disk.
    #[error("{file}: cannot read the file: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The input is bigger than the import limit.
    #[error("{file}: too large to import ({size} bytes; the limit is {limit} bytes)")]
    TooLarge { file: String, size: u64, limit: u64 },
    /// The input holds no bytes at all.
    #[error("{file}: the file is empty")]
    Empty { file: String },
    /// The input is neither text nor one of the document formats read here.
    #[error(
        "{file}: not a readable document (binary data; expected HTML, text, Markdown, PDF or DOCX)"
    )]
    Binary { file: String },
    /// The HTML has more elements or deeper nesting than the reader accepts.
    #[error("{file}: the HTML is too complex to read safely ({what})")]
    HtmlTooComplex { file: String, what: String },
    /// The PDF could not be parsed.
    #[error("{file}: cannot read the PDF: {reason}")]
    Pdf { file: String, reason: String },
    /// The PDF parsed but carries no text layer (e.g. a scan).
    #[error("{file}: the PDF has no text layer (a scanned image?); run OCR on it first")]
    PdfNoText { file: String },
    /// The DOCX container or its document part could not be read.
    #[error("{file}: cannot read the Word document: {reason}")]
    Docx { file: String, reason: String },
    /// The reader found no text to import (an empty page, only navigation, only markup).
    #[error("{file}: no article text found")]
    NoText { file: String },
}

impl ImportError {
    /// The file name the error is about.
    pub fn file(&self) -> &str {
        match self {
            ImportError::Io { file, .. }
            | ImportError::TooLarge { file, .. }
            | ImportError::Empty { file }
            | ImportError::Binary { file }
            | ImportError::HtmlTooComplex { file, .. }
            | ImportError::Pdf { file, .. }
            | ImportError::PdfNoText { file }
            | ImportError::Docx { file, .. }
            | ImportError::NoText { file } => file,
        }
    }
}
