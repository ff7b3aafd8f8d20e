//! Readers: bytes of one format in, the article's metadata and paragraphs out.

mod docx;
mod html;
mod pdf;
mod text;

use crate::error::ImportError;
use crate::format::Format;
use crate::model::SourceMeta;
use crate::paragraphs;

/// What a reader returns: metadata as far as the input gives it, and the article's text
/// as paragraphs (whitespace normalised, boilerplate dropped, none empty).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub meta: SourceMeta,
    pub paragraphs: Vec<String>,
}

/// Reads `bytes` as `format`. `file` names the input in errors.
pub fn read(format: Format, file: &str, bytes: &[u8]) -> Result<Document, ImportError> {
    let mut doc = match format {
        Format::Html => html::read(file, &decode(file, bytes)?)?,
        Format::Text => text::read_plain(&decode(file, bytes)?),
        Format::Markdown => text::read_markdown(&decode(file, bytes)?),
        Format::Pdf => pdf::read(file, bytes)?,
        Format::Docx => docx::read(file, bytes)?,
    };
    doc.paragraphs = paragraphs::clean(doc.paragraphs);
    if doc.paragraphs.is_empty() {
        return Err(ImportError::NoText {
            file: file.to_owned(),
        });
    }
    Ok(doc)
}

/// Text formats as a `String`: UTF-8 (a byte-order mark is dropped) or UTF-16 with a BOM.
fn decode(file: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |be: bool| {
        let units = bytes[2..].chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Ok(utf16(false));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Ok(utf16(true));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(ImportError::Encoding {
            file: file.to_owned(),
            offset: e.valid_up_to(),
        }),
    }
}
