//! The `.docx` container: a zip of the parts with their content types, written with
//! fixed timestamps so the same brief gives the same bytes.

use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::DocxError;
use crate::xml::Xml;

const WML: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

/// The content type of a part, by its path; `None` for parts covered by a default.
fn content_type(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let wml = |kind: &str| Some(format!("{WML}{kind}+xml"));
    match name {
        "document.xml" => wml("document.main"),
        "styles.xml" => wml("styles"),
        "numbering.xml" => wml("numbering"),
        "settings.xml" => wml("settings"),
        "footnotes.xml" => wml("footnotes"),
        "endnotes.xml" => wml("endnotes"),
        "core.xml" => Some("application/vnd.openxmlformats-package.core-properties+xml".into()),
        "app.xml" => {
            Some("application/vnd.openxmlformats-officedocument.extended-properties+xml".into())
        }
        n if n.starts_with("header") => wml("header"),
        n if n.starts_with("footer") => wml("footer"),
        _ => None,
    }
}

fn content_types(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut x = Xml::part();
    x.open(
        "Types",
        &[(
            "xmlns",
            "http://schemas.openxmlformats.org/package/2006/content-types",
        )],
    );
    for (ext, ty) in [
        (
            "rels",
            "application/vnd.openxmlformats-package.relationships+xml",
        ),
        ("xml", "application/xml"),
        ("png", "image/png"),
        ("jpeg", "image/jpeg"),
    ] {
        x.empty("Default", &[("Extension", ext), ("ContentType", ty)]);
    }
    for (path, _) in parts {
        if let Some(ty) = content_type(path) {
            x.empty(
                "Override",
                &[("PartName", &format!("/{path}")), ("ContentType", &ty)],
            );
        }
    }
    x.close("Types");
    x.into_bytes()
}

/// Zips the parts, `[Content_Types].xml` first. Media (already compressed) are stored.
pub(crate) fn zip(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, DocxError> {
    let types = content_types(&parts);
    let total: usize = parts.iter().map(|(_, b)| b.len()).sum();
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(total / 4 + 1024)));
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    let all = std::iter::once(("[Content_Types].xml".to_owned(), types)).chain(parts);
    for (path, bytes) in all {
        let method = if path.starts_with("word/media/") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        let err = |source| DocxError::Zip {
            part: path.clone(),
            source,
        };
        zip.start_file(path.as_str(), options.compression_method(method))
            .map_err(err)?;
        zip.write_all(&bytes)
            .map_err(|e| err(zip::result::ZipError::Io(e)))?;
    }
    let cursor = zip.finish().map_err(|source| DocxError::Zip {
        part: "the zip directory".into(),
        source,
    })?;
    Ok(cursor.into_inner())
}
