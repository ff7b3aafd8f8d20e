//! Upgrading older briefs to the current schema, on the JSON tree before typed parsing.
//!
//! `briefsmith-brief/1` kept the metadata flat at the top level (`title`, `author`,
//! `organisation`, `date`, `audience`, `classification`, `template`, and `summary` for
//! the bottom line), named the dataset by a bare path string, tagged blocks with `kind`
//! and called an item's note `comment`. Version 2 moved the metadata into `meta`, the
//! dataset into `{path, fingerprint}`, tags blocks with `type` and says `note`.
//!
//! Migration never fails: whatever it cannot make sense of is left in place for the typed
//! parser to report with its path.

use crate::model::BRIEF_SCHEMA;
use serde_json::{Map, Value};

/// Upgrades a brief tree of schema `version` to the current schema, one version at a time.
pub(crate) fn brief_to_current(mut brief: Value, version: u32) -> Value {
    if version <= 1 {
        brief = brief_v1_to_v2(brief);
    }
    if let Some(obj) = brief.as_object_mut() {
        obj.insert("schema".to_owned(), Value::from(BRIEF_SCHEMA));
    }
    brief
}

/// The v1 top-level keys that became `meta` fields, with their new names.
const V1_META: [(&str, &str); 8] = [
    ("title", "title"),
    ("author", "author"),
    ("organisation", "organisation"),
    ("date", "date"),
    ("audience", "audience"),
    ("classification", "classification"),
    ("template", "template"),
    ("summary", "bottom_line"),
];

fn brief_v1_to_v2(mut brief: Value) -> Value {
    let Some(obj) = brief.as_object_mut() else {
        return brief;
    };
    let mut meta = match obj.remove("meta") {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for (old, new) in V1_META {
        if let Some(v) = obj.remove(old) {
            meta.insert(new.to_owned(), v);
        }
    }
    obj.insert("meta".to_owned(), Value::Object(meta));

    match obj.remove("dataset") {
        Some(Value::String(path)) => {
            let mut d = Map::new();
            d.insert("path".to_owned(), Value::String(path));
            d.insert("fingerprint".to_owned(), Value::String(String::new()));
            obj.insert("dataset".to_owned(), Value::Object(d));
        }
        Some(other) => {
            obj.insert("dataset".to_owned(), other);
        }
        None => {}
    }

    if let Some(Value::Array(sections)) = obj.get_mut("sections") {
        let blocks = sections
            .iter_mut()
            .filter_map(|s| s.get_mut("blocks"))
            .filter_map(Value::as_array_mut)
            .flatten();
        for block in blocks.filter_map(Value::as_object_mut) {
            rename(block, "kind", "type");
            rename(block, "comment", "note");
        }
    }
    brief
}

/// Renames a key unless the new one is already there.
fn rename(obj: &mut Map<String, Value>, old: &str, new: &str) {
    if obj.contains_key(new) {
        return;
    }
    if let Some(v) = obj.remove(old) {
        obj.insert(new.to_owned(), v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn v1_metadata_dataset_and_blocks_move_to_v2_places() {
        let v1 = json!({
            "schema": "briefsmith-brief/1",
            "title": "T", "author": "A", "classification": "OFFICIAL", "summary": "S",
            "dataset": "x.dataset.json",
            "sections": [{"heading": "H", "blocks": [
                {"kind": "item", "item": "f-1", "comment": "why", "snapshot": {"kind": "fact"}},
                {"kind": "text", "markdown": "m"}
            ]}]
        });
        let v2 = brief_to_current(v1, 1);
        assert_eq!(
            v2,
            json!({
                "schema": "briefsmith-brief/2",
                "meta": {"title": "T", "author": "A", "classification": "OFFICIAL", "bottom_line": "S"},
                "dataset": {"path": "x.dataset.json", "fingerprint": ""},
                "sections": [{"heading": "H", "blocks": [
                    {"type": "item", "item": "f-1", "note": "why", "snapshot": {"kind": "fact"}},
                    {"type": "text", "markdown": "m"}
                ]}]
            })
        );
    }

    #[test]
    fn odd_shapes_are_left_for_the_parser() {
        assert_eq!(brief_to_current(json!([1, 2]), 1), json!([1, 2]));
        let v2 = brief_to_current(json!({"sections": 3, "dataset": 5}), 1);
        assert_eq!(v2["sections"], json!(3));
        assert_eq!(v2["dataset"], json!(5));
    }
}
