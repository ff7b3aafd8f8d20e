//! From bytes to typed datasets and briefs: text checks, JSON syntax, schema, shape.
//!
//! Each stage turns its failure into a [`LoadError`] that names the file and the place,
//! so no input — empty, binary, truncated, nested 100,000 deep — can cause a panic.

use super::LoadError;
use super::migrate;
use super::schema::{FileKind, check_schema};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::error::Category;
use std::fmt;
use std::path::Path;

/// Parses a dataset file's bytes; `origin` names the file in errors.
pub fn parse_dataset(bytes: &[u8], origin: &Path) -> Result<crate::model::Dataset, LoadError> {
    let text = as_text(bytes, origin)?;
    let schema = probe_schema(text, origin)?;
    check_schema(schema.as_ref(), FileKind::Dataset, origin)?;
    from_text(text, origin)
}

/// Parses a brief file's bytes, migrating an older schema version; `origin` names the file in errors.
pub fn parse_brief(bytes: &[u8], origin: &Path) -> Result<crate::model::Brief, LoadError> {
    let text = as_text(bytes, origin)?;
    let schema = probe_schema(text, origin)?;
    let version = check_schema(schema.as_ref(), FileKind::Brief, origin)?;
    if version == FileKind::Brief.current() {
        return from_text(text, origin);
    }
    let value: Value = serde_json::from_str(text).map_err(|e| syntax_error(&e, origin))?;
    let value = migrate::brief_to_current(value, version);
    from_value(&value, origin)
}

/// Which kind of Briefsmith file these bytes hold, judged by their `schema` field alone.
pub fn sniff_kind(bytes: &[u8]) -> Option<FileKind> {
    let text = std::str::from_utf8(bytes).ok()?;
    let schema = probe_schema(text, Path::new("")).ok()??;
    FileKind::of_schema(schema.as_str()?)
}

/// The bytes as UTF-8 text without a byte-order mark; empty and binary files are errors.
fn as_text<'a>(bytes: &'a [u8], origin: &Path) -> Result<&'a str, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let (line, column) = line_column(bytes, offset);
        LoadError::NotText {
            file: origin.to_owned(),
            line,
            column,
            offset,
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            file: origin.to_owned(),
        });
    }
    Ok(text)
}

/// 1-based line and byte column of `offset` in `bytes`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    (line, offset - line_start + 1)
}

/// Checks the whole text is one JSON object and returns its `schema` value, without
/// building the rest of the tree.
fn probe_schema(text: &str, origin: &Path) -> Result<Option<Value>, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let probe = SchemaProbe::deserialize(&mut de).and_then(|p| de.end().map(|()| p));
    match probe {
        Ok(p) => Ok(p.0),
        Err(e) if e.classify() == Category::Data => Err(LoadError::Shape {
            file: origin.to_owned(),
            path: "top level".to_owned(),
            position: position(&e),
            message: message(&e),
        }),
        Err(e) => Err(syntax_error(&e, origin)),
    }
}

/// The top-level object's `schema` value; every other value is skipped unbuilt.
struct SchemaProbe(Option<Value>);

impl<'de> Deserialize<'de> for SchemaProbe {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        de.deserialize_any(ProbeVisitor)
    }
}

struct ProbeVisitor;

impl<'de> Visitor<'de> for ProbeVisitor {
    type Value = SchemaProbe;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a \"schema\" field")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SchemaProbe, A::Error> {
        let mut schema = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "schema" {
                schema = Some(map.next_value::<Value>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(SchemaProbe(schema))
    }
}

/// A JSON syntax error, worded for someone who did not write the parser.
fn syntax_error(e: &serde_json::Error, origin: &Path) -> LoadError {
    let raw = message(e);
    let message = match e.classify() {
        Category::Eof => {
            format!("unexpected end of file: the file is truncated or incomplete ({raw})")
        }
        _ if raw.contains("recursion limit") => {
            "JSON nested too deeply (more than 128 levels of arrays or objects)".to_owned()
        }
        _ => format!("invalid JSON: {raw}"),
    };
    let (line, column) = position(e).unwrap_or((1, 1));
    LoadError::Syntax {
        file: origin.to_owned(),
        line,
        column,
        message,
    }
}

/// serde_json's message without its " at line L column C" suffix (the error shows the place itself).
fn message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// The error's line and column, when serde_json knows them.
fn position(e: &serde_json::Error) -> Option<(usize, usize)> {
    (e.line() > 0).then_some((e.line(), e.column()))
}

/// Deserializes `T` straight from text, reporting a wrong shape with its JSON path and line:column.
fn from_text<T: DeserializeOwned>(text: &str, origin: &Path) -> Result<T, LoadError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner = e.inner();
        if inner.classify() != Category::Data {
            return syntax_error(inner, origin);
        }
        // Only on failure: build the tree once more to name the ids along the path.
        let tree = serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
        LoadError::Shape {
            file: origin.to_owned(),
            path: describe_path(e.path(), &tree),
            position: position(inner),
            message: message(inner),
        }
    })
}

/// Deserializes `T` from an already built tree (a migrated file: no line numbers any more).
fn from_value<T: DeserializeOwned>(value: &Value, origin: &Path) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| LoadError::Shape {
        file: origin.to_owned(),
        path: describe_path(e.path(), value),
        position: None,
        message: message(e.inner()),
    })
}

/// `items[12] (id "q-1").credibility`: the path, with the id of each array element that has one.
fn describe_path(path: &serde_path_to_error::Path, tree: &Value) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    let mut node = Some(tree);
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                out.push_str(&format!("[{index}]"));
                node = node.and_then(|n| n.get(*index));
                if let Some(label) = node.and_then(element_label) {
                    out.push_str(&label);
                }
            }
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
                node = node.and_then(|n| n.get(key.as_str()));
            }
            Segment::Unknown => {
                out.push_str(".?");
                node = None;
            }
        }
    }
    if out.is_empty() {
        "top level".to_owned()
    } else {
        out
    }
}

/// ` (id "x")` for records with an id, ` (item "x")` for item blocks of a brief.
fn element_label(v: &Value) -> Option<String> {
    ["id", "item"].iter().find_map(|key| {
        v.get(key)
            .and_then(Value::as_str)
            .map(|id| format!(" ({key} {id:?})"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_from_one() {
        assert_eq!(line_column(b"ab\ncd", 0), (1, 1));
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
    }

    #[test]
    fn probe_reads_only_the_schema() {
        let text = r#"{"a": [1, {"b": 2}], "schema": "briefsmith-brief/2", "c": null}"#;
        let schema = probe_schema(text, Path::new("x")).unwrap();
        assert_eq!(schema, Some(Value::from("briefsmith-brief/2")));
    }
}
