//! DOCX: the paragraphs of `word/document.xml`, title and author from `docProps/core.xml`.

use super::Document;
use crate::error::ImportError;
use crate::model::SourceMeta;
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use std::io::{Cursor, Read};

/// Most bytes one part may inflate to: guards against zip bombs.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Reads a Word document.
pub fn read(file: &str, bytes: &[u8]) -> Result<Document, ImportError> {
    let err = |reason: String| ImportError::Docx {
        file: file.to_owned(),
        reason,
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| err(format!("not a valid zip container ({e})")))?;
    let body = part(&mut zip, "word/document.xml")
        .map_err(err)?
        .ok_or_else(|| err("no word/document.xml part (not a Word document?)".into()))?;
    let paragraphs = body_paragraphs(&body).map_err(err)?;
    let meta = match part(&mut zip, "docProps/core.xml").map_err(err)? {
        Some(core) => core_properties(&core).map_err(err)?,
        None => SourceMeta::default(),
    };
    Ok(Document { meta, paragraphs })
}

/// One zip part as text, `None` when the archive has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut text = String::new();
    entry
        .take(MAX_PART + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("{name}: {e}"))?;
    if text.len() as u64 > MAX_PART {
        return Err(format!("{name} inflates to more than {MAX_PART} bytes"));
    }
    Ok(Some(text))
}

/// The text of each `w:p`; tabs and breaks become spaces.
fn body_paragraphs(xml: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::End(e) if e.local_name().as_ref() == b"p" => {
                paragraphs.push(std::mem::take(&mut current));
            }
            Event::Empty(e) if matches!(e.local_name().as_ref(), b"tab" | b"br" | b"cr") => {
                current.push(' ');
            }
            Event::Text(t) if in_text => {
                current.push_str(&t.decode().map_err(|e| e.to_string())?);
            }
            Event::GeneralRef(r) if in_text => push_reference(&mut current, &r)?,
            Event::Eof => break,
            _ => {}
        }
    }
    paragraphs.push(current);
    Ok(paragraphs)
}

/// Appends the character an entity or character reference stands for.
fn push_reference(out: &mut String, r: &quick_xml::events::BytesRef<'_>) -> Result<(), String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        out.push(c);
    } else {
        let name = r.decode().map_err(|e| e.to_string())?;
        out.push_str(resolve_predefined_entity(&name).unwrap_or(""));
    }
    Ok(())
}

/// Title, creator and creation date from the core properties.
fn core_properties(xml: &str) -> Result<SourceMeta, String> {
    let mut reader = Reader::from_str(xml);
    let mut meta = SourceMeta::default();
    let mut field: Option<&'static str> = None;
    let mut value = String::new();
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("docProps/core.xml: {e}"))?
        {
            Event::Start(e) => {
                field = match e.local_name().as_ref() {
                    b"title" => Some("title"),
                    b"creator" => Some("author"),
                    b"created" => Some("date"),
                    _ => None,
                };
                value.clear();
            }
            Event::Text(t) if field.is_some() => {
                value.push_str(&t.decode().map_err(|e| e.to_string())?)
            }
            Event::GeneralRef(r) if field.is_some() => push_reference(&mut value, &r)?,
            Event::End(_) => {
                let v = value.trim().to_owned();
                match field.take() {
                    Some("title") if !v.is_empty() => meta.title = Some(v),
                    Some("author") if !v.is_empty() => meta.author = Some(v),
                    Some("date") => meta.date = v.get(..10).map(str::to_owned),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(meta)
}
