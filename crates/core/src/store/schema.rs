//! The `schema` field: which kind of file this is and which version of its format.

use super::LoadError;
use serde_json::Value;
use std::path::Path;

/// The two kinds of Briefsmith file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A `*.dataset.json`: sources, entities, items.
    Dataset,
    /// A `*.brief.json`: a draft brief.
    Brief,
}

impl FileKind {
    /// The schema name without version, e.g. `briefsmith-brief`.
    pub fn schema_name(self) -> &'static str {
        match self {
            FileKind::Dataset => "briefsmith-dataset",
            FileKind::Brief => "briefsmith-brief",
        }
    }

    /// The newest version this build reads and writes.
    pub fn current(self) -> u32 {
        match self {
            FileKind::Dataset => 2,
            FileKind::Brief => 2,
        }
    }

    /// The word for it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            FileKind::Dataset => "dataset",
            FileKind::Brief => "brief",
        }
    }

    /// The kind a schema string such as `briefsmith-brief/7` names, whatever its version.
    pub fn of_schema(schema: &str) -> Option<FileKind> {
        let name = schema.split_once('/').map_or(schema, |(n, _)| n);
        [FileKind::Dataset, FileKind::Brief]
            .into_iter()
            .find(|k| k.schema_name() == name)
    }

    /// The kind a file name suggests (`.dataset.json` / `.brief.json`), for files whose schema cannot be read.
    pub fn of_file_name(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_string_lossy().to_lowercase();
        if name.ends_with(".dataset.json") {
            Some(FileKind::Dataset)
        } else if name.ends_with(".brief.json") {
            Some(FileKind::Brief)
        } else {
            None
        }
    }

    fn current_schema(self) -> String {
        format!("{}/{}", self.schema_name(), self.current())
    }
}

/// Checks `schema` names `expected` in a version this build reads; returns that version.
pub(crate) fn check_schema(
    schema: Option<&Value>,
    expected: FileKind,
    origin: &Path,
) -> Result<u32, LoadError> {
    let fail = |message: String| LoadError::Schema {
        file: origin.to_owned(),
        message,
    };
    let current = expected.current_schema();
    let noun = expected.noun();
    let schema = match schema {
        None => {
            return Err(fail(format!(
                "no \"schema\" field: not a Briefsmith {noun} (expected \"{current}\")"
            )));
        }
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(fail(format!(
                "\"schema\" must be a string like \"{current}\", found {other}"
            )));
        }
    };
    match FileKind::of_schema(schema) {
        Some(kind) if kind == expected => {}
        Some(kind) => {
            return Err(fail(format!(
                "this is a Briefsmith {} ({schema}), not a {noun}",
                kind.noun()
            )));
        }
        None => {
            return Err(fail(format!(
                "unknown schema \"{schema}\": not a Briefsmith {noun} (expected \"{current}\")"
            )));
        }
    }
    let version = schema
        .split_once('/')
        .and_then(|(_, v)| v.parse::<u32>().ok())
        .filter(|&v| v >= 1);
    match version {
        None => Err(fail(format!(
            "\"{schema}\" has no valid version number (expected \"{current}\")"
        ))),
        Some(v) if v > expected.current() => Err(fail(format!(
            "this {noun} was written by a newer Briefsmith ({schema}); this version reads up to {current}"
        ))),
        Some(v) => Ok(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(schema: Value, kind: FileKind) -> Result<u32, String> {
        check_schema(Some(&schema), kind, Path::new("f.json")).map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_current_and_older_versions() {
        assert_eq!(check("briefsmith-brief/2".into(), FileKind::Brief), Ok(2));
        assert_eq!(check("briefsmith-brief/1".into(), FileKind::Brief), Ok(1));
        assert_eq!(
            check("briefsmith-dataset/1".into(), FileKind::Dataset),
            Ok(1)
        );
    }

    #[test]
    fn future_version_names_both_versions() {
        let e = check("briefsmith-brief/7".into(), FileKind::Brief).unwrap_err();
        assert_eq!(
            e,
            "f.json: schema: this brief was written by a newer Briefsmith (briefsmith-brief/7); \
             this version reads up to briefsmith-brief/2"
        );
    }

    #[test]
    fn wrong_kind_unknown_kind_and_bad_versions_are_errors() {
        let e = check("briefsmith-dataset/1".into(), FileKind::Brief).unwrap_err();
        assert!(e.contains("this is a Briefsmith dataset"), "{e}");
        let e = check("acme-report/1".into(), FileKind::Brief).unwrap_err();
        assert!(e.contains("unknown schema \"acme-report/1\""), "{e}");
        for bad in [
            "briefsmith-brief",
            "briefsmith-brief/0",
            "briefsmith-brief/x",
        ] {
            let e = check(bad.into(), FileKind::Brief).unwrap_err();
            assert!(e.contains("no valid version"), "{e}");
        }
        let e = check(Value::from(2), FileKind::Brief).unwrap_err();
        assert!(e.contains("must be a string"), "{e}");
        let e = check_schema(None, FileKind::Dataset, Path::new("f")).unwrap_err();
        assert!(e.to_string().contains("no \"schema\" field"), "{e}");
    }

    #[test]
    fn kinds_from_file_names() {
        assert_eq!(
            FileKind::of_file_name(Path::new("a/x.Dataset.json")),
            Some(FileKind::Dataset)
        );
        assert_eq!(
            FileKind::of_file_name(Path::new("x.brief.json")),
            Some(FileKind::Brief)
        );
        assert_eq!(FileKind::of_file_name(Path::new("x.json")), None);
    }
}
