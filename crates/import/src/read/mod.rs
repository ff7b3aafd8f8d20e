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
        Format::Html => html::read(file, &decode(bytes, true))?,
        Format::Text => text::read_plain(&decode(bytes, false)),
        Format::Markdown => text::read_markdown(&decode(bytes, false)),
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

/// Text formats as a `String`. A byte-order mark decides first; then UTF-8; then, for HTML,
/// the charset the page declares; and last Windows-1252, which every byte decodes in (old
/// saved pages and text files are often in it).
fn decode(bytes: &[u8], html: bool) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let declared = html.then(|| declared_charset(bytes)).flatten();
    let encoding = declared.unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The charset an HTML page declares in its first few kilobytes (`<meta charset=…>` or
/// `content="text/html; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}
