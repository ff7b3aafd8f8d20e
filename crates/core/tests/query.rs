//! Finding items by words in text, speaker, tags and entity names.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::ItemQuery;
use briefsmith_core::store::load_dataset;
use std::path::Path;

fn ids(query: &str) -> Vec<String> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/core/small.dataset.json");
    let ds = load_dataset(&path).unwrap();
    let index = ds.index();
    let q = ItemQuery::new(query);
    ds.items
        .iter()
        .filter(|i| q.matches(&index, i))
        .map(|i| i.id.to_string())
        .collect()
}

#[test]
fn empty_query_matches_everything() {
    assert!(ItemQuery::new("  ").is_empty());
    assert_eq!(ids("").len(), 4);
}

#[test]
fn every_word_must_match_somewhere_ignoring_case() {
    assert_eq!(
        ids("ASHGABAT"),
        Vec::<String>::new(),
        "place is not searched"
    );
    assert_eq!(ids("turkmenistan"), ["f-meeting"]);
    assert_eq!(
        ids("Vladimir"),
        ["f-meeting", "q-putin-1"],
        "speaker and entity names"
    );
    assert_eq!(ids("islamic"), ["f-s400"], "entity aliases");
    assert_eq!(ids("air-defence"), ["f-s400"], "tags");
    assert_eq!(ids("pezeshkian diplomacy"), ["f-meeting", "q-pezeshkian-1"]);
    assert_eq!(ids("pezeshkian arena"), Vec::<String>::new());
}
