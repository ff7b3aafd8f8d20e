//! The store's basic promises: exact JSON round trips, edits and their undo, refused
//! edits that would break references, and prefix search.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{Dataset, EntityId, ItemId, ItemKind, Marking, SourceId};
use briefsmith_core::store::load_dataset;
use briefsmith_core::synthetic::generate_dataset;
use briefsmith_library::{Change, Library, LibraryError, Search};
use std::path::{Path, PathBuf};

fn sample_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../sample_briefs/russia-iran-2024-10.dataset.json")
}

fn sample() -> Dataset {
    load_dataset(&sample_path()).expect("the sample dataset loads")
}

fn library_of(ds: &Dataset) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::create_from_dataset(&dir.path().join("lib.bslib"), ds).unwrap();
    (dir, lib)
}

#[test]
fn sample_round_trips_exactly_through_a_library() {
    let ds = sample();
    let (dir, lib) = library_of(&ds);
    assert_eq!(lib.to_dataset().unwrap(), ds);
    let out = dir.path().join("back.dataset.json");
    lib.export_json(&out).unwrap();
    let written = std::fs::read_to_string(&out).unwrap();
    let original = std::fs::read_to_string(sample_path()).unwrap();
    let reparse = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap();
    assert_eq!(reparse(&written), reparse(&original));
    assert_eq!(load_dataset(&out).unwrap(), ds);
}

#[test]
fn synthetic_dataset_round_trips_exactly() {
    let ds = generate_dataset(3_000, 7);
    let (_dir, lib) = library_of(&ds);
    // Reopened from disk, not the connection that wrote it.
    let reopened = Library::open(lib.path()).unwrap();
    assert_eq!(reopened.to_dataset().unwrap(), ds);
    assert_eq!(reopened.item_count().unwrap(), 3_000);
}

#[test]
fn edits_undo_to_the_exact_previous_state() {
    let ds = sample();
    let (_dir, mut lib) = library_of(&ds);
    let first = ds.items[0].clone();

    let mut edited = first.clone();
    edited.text = "An edited text about hypersonic gliders".to_owned();
    let edit = lib.put_item(edited.clone()).unwrap();
    let dup = lib.duplicate_item(&first.id).unwrap();
    let del = lib.delete_item(&ds.items[5].id).unwrap();
    let mut renamed = ds.entities[0].clone();
    renamed.name = "Zyxwv Renamed".to_owned();
    let rename = lib.put_entity(renamed).unwrap();
    let batch = Change::Batch(vec![edit, dup, del, rename]);

    let revision = lib.revision().unwrap();
    lib.apply(&batch).unwrap();
    assert_eq!(lib.revision().unwrap(), revision + 1);
    let now = lib.to_dataset().unwrap();
    assert_eq!(now.items.len(), ds.items.len());
    assert_eq!(now.items[0], edited);
    assert_eq!(
        now.items[1].text, first.text,
        "the copy stands right after the original"
    );
    assert_ne!(now.items[1].id, first.id);
    assert_eq!(
        lib.search(&Search::words("hyperson"), 0, 10).unwrap(),
        vec![first.id.clone()]
    );
    assert!(
        !lib.search(&Search::words("zyxw"), 0, 10)
            .unwrap()
            .is_empty()
    );

    lib.apply(&batch.inverse()).unwrap();
    assert_eq!(lib.to_dataset().unwrap(), ds);
    assert!(
        lib.search(&Search::words("hyperson"), 0, 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        lib.search(&Search::words("zyxw"), 0, 10)
            .unwrap()
            .is_empty()
    );

    // The same undo again no longer matches what is stored: refused, nothing changed.
    let e = lib.apply(&batch.inverse()).unwrap_err();
    assert!(matches!(e, LibraryError::Conflict { .. }), "{e}");
    assert_eq!(lib.to_dataset().unwrap(), ds);
}

#[test]
fn deleting_what_items_use_is_refused_with_the_count() {
    let ds = sample();
    let (_dir, mut lib) = library_of(&ds);
    let source = ds.sources[0].id.clone();
    let uses = ds.items.iter().filter(|i| i.source == source).count();
    let e = lib.apply(&lib.delete_source(&source).unwrap()).unwrap_err();
    assert!(
        e.to_string()
            .contains(&format!("source \"{source}\" is used by {uses} item(s)")),
        "{e}"
    );
    let speaker = ds.items.iter().find_map(|i| i.speaker.clone()).unwrap();
    let e = lib
        .apply(&lib.delete_entity(&speaker).unwrap())
        .unwrap_err();
    assert!(e.to_string().contains("is used by"), "{e}");
    assert_eq!(lib.to_dataset().unwrap(), ds);

    // With every user of the source gone in the same batch, the delete goes through.
    let mut parts: Vec<Change> = ds
        .items
        .iter()
        .filter(|i| i.source == source)
        .map(|i| lib.delete_item(&i.id).unwrap())
        .collect();
    parts.push(lib.delete_source(&source).unwrap());
    lib.apply(&Change::Batch(parts)).unwrap();
    assert!(lib.source(&source).unwrap().is_none());
}

#[test]
fn an_item_naming_missing_records_or_a_taken_id_is_refused() {
    let ds = sample();
    let (_dir, mut lib) = library_of(&ds);
    let mut item = ds.items[0].clone();
    item.id = ItemId::new(lib.next_id("itm").unwrap());
    item.source = SourceId::new("src-nowhere");
    let e = lib.apply(&lib.put_item(item.clone()).unwrap()).unwrap_err();
    assert!(
        e.to_string().contains("names source \"src-nowhere\""),
        "{e}"
    );
    item.source = ds.sources[0].id.clone();
    item.entities.push(EntityId::new("ent-nobody"));
    let e = lib.apply(&lib.put_item(item.clone()).unwrap()).unwrap_err();
    assert!(e.to_string().contains("names entity \"ent-nobody\""), "{e}");

    // A new record at a free position whose id another record has.
    let taken = Change::Item {
        position: 1,
        before: None,
        after: Some(ds.items[3].clone()),
    };
    let e = lib.apply(&taken).unwrap_err();
    assert!(e.to_string().contains("already used"), "{e}");
    assert_eq!(lib.to_dataset().unwrap(), ds);
}

#[test]
fn search_matches_word_prefixes_and_filters_in_dataset_order() {
    let ds = generate_dataset(2_000, 3);
    let (_dir, lib) = library_of(&ds);
    // Short words use the prefix index, longer ones expand to the words they start;
    // both must find every item with such a word in its text, in dataset order.
    for typed in ["mis", "missil", "missile", "INTERCEP", "deliv components"] {
        let hits = lib.search(&Search::words(typed), 0, 10_000).unwrap();
        let expected: Vec<ItemId> = ds
            .items
            .iter()
            .filter(|i| {
                typed.split_whitespace().all(|t| {
                    i.text
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w.to_lowercase().starts_with(&t.to_lowercase()))
                })
            })
            .map(|i| i.id.clone())
            .collect();
        assert!(!expected.is_empty(), "{typed}");
        // Names, tags and places may add more hits than the text alone.
        assert!(expected.iter().all(|id| hits.contains(id)), "{typed}");
        let positions: Vec<usize> = hits
            .iter()
            .map(|id| ds.items.iter().position(|i| &i.id == id).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{typed}");
    }
    assert!(
        lib.search(&Search::words("missilez"), 0, 10)
            .unwrap()
            .is_empty()
    );

    let quotes = Search {
        kind: Some(ItemKind::Quote),
        ..Search::default()
    };
    let n = ds
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Quote)
        .count() as u64;
    assert_eq!(lib.count(&quotes, None).unwrap(), n);
    assert_eq!(lib.count(&quotes, Some(5)).unwrap(), 5.min(n));
    let page = lib.search(&quotes, 3, 4).unwrap();
    let all: Vec<ItemId> = ds
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Quote)
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(page, all[3..7].to_vec());
}

#[test]
fn an_item_is_placed_among_the_matches_as_a_page_would_list_it() {
    let ds = generate_dataset(2_000, 5);
    let (_dir, lib) = library_of(&ds);
    for search in [
        Search::default(),
        Search::words("missile"),
        Search {
            kind: Some(ItemKind::Quote),
            ..Search::words("ir")
        },
    ] {
        let hits = lib.search(&search, 0, 10_000).unwrap();
        assert!(hits.len() > 3, "{search:?}");
        for at in [0, 1, hits.len() / 2, hits.len() - 1] {
            assert_eq!(
                lib.index_of(&search, &hits[at]).unwrap(),
                Some(at as u64),
                "{search:?}"
            );
        }
        let missing = ds.items.iter().find(|i| !hits.contains(&i.id));
        if let Some(other) = missing {
            assert_eq!(lib.index_of(&search, &other.id).unwrap(), None);
        }
    }
    assert_eq!(
        lib.index_of(&Search::default(), &ItemId::new("no-such-item"))
            .unwrap(),
        None
    );
}

#[test]
fn the_catalog_is_the_dataset_without_its_items_and_tags_are_listed_once() {
    let ds = generate_dataset(300, 7);
    let (_dir, lib) = library_of(&ds);
    let mut tags: Vec<String> = ds.items.iter().flat_map(|i| i.tags.clone()).collect();
    tags.sort();
    tags.dedup();
    assert!(!tags.is_empty());
    assert_eq!(lib.tags().unwrap(), tags);
    let catalog = lib.catalog().unwrap();
    assert!(catalog.items.is_empty());
    assert_eq!(
        catalog,
        Dataset {
            items: Vec::new(),
            ..ds.clone()
        }
    );
}

#[test]
fn a_library_of_schema_1_is_upgraded_on_open() {
    let ds = generate_dataset(300, 11);
    let (_dir, lib) = library_of(&ds);
    let path = lib.path().to_owned();
    drop(lib);
    // Schema 1 had no word list, and no marks.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TABLE search_terms; ALTER TABLE items DROP COLUMN marking;
         ALTER TABLE sources DROP COLUMN marking; PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);

    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.to_dataset().unwrap(), ds);
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, briefsmith_library::LIBRARY_SCHEMA);
    assert_eq!(version, 3);
    let with_missile = ds
        .items
        .iter()
        .filter(|i| i.text.contains("missile"))
        .count();
    assert!(with_missile > 0);
    assert!(lib.count(&Search::words("missile"), None).unwrap() >= with_missile as u64);
}

#[test]
fn accented_and_non_latin_names_are_found_as_typed() {
    let ds = sample();
    let (_dir, mut lib) = library_of(&ds);
    let speaker = ds.items.iter().find_map(|i| i.speaker.clone()).unwrap();
    let mut entity = lib.entity(&speaker).unwrap().unwrap();
    entity.native_name = "Масуд Пезешкиан".to_owned();
    entity.aliases.push("Pezeshkián".to_owned());
    lib.apply(&lib.put_entity(entity).unwrap()).unwrap();
    let quoted: Vec<ItemId> = ds
        .items
        .iter()
        .filter(|i| i.speaker.as_ref() == Some(&speaker) || i.entities.contains(&speaker))
        .map(|i| i.id.clone())
        .collect();
    // Short words go through the prefix index, longer ones through the word list: both
    // must fold case and accents as the index does.
    for typed in [
        "Пез",
        "пезешкиан",
        "PEZESHKIAN",
        "pezeshkián",
        "Pezeshkia",
        "Масуд",
    ] {
        let hits = lib.search(&Search::words(typed), 0, 1_000).unwrap();
        assert!(
            quoted.iter().all(|id| hits.contains(id)),
            "{typed}: {hits:?}"
        );
    }
}

#[test]
fn a_library_of_schema_2_gains_marks_and_keeps_them() {
    let mut ds = generate_dataset(60, 5);
    let (_dir, lib) = library_of(&ds);
    let path = lib.path().to_owned();
    drop(lib);
    // Schema 2 had no marks.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "ALTER TABLE items DROP COLUMN marking; ALTER TABLE sources DROP COLUMN marking;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    drop(conn);

    let mut lib = Library::open(&path).unwrap();
    assert_eq!(
        lib.to_dataset().unwrap(),
        ds,
        "unmarked records read back unmarked"
    );
    let mut item = ds.items[3].clone();
    item.marking = Some(Marking::from("S//NF"));
    let mut source = ds.sources[0].clone();
    source.marking = Some(Marking::from("C"));
    let put = Change::Batch(vec![
        lib.put_source(source.clone()).unwrap(),
        lib.put_item(item.clone()).unwrap(),
    ]);
    lib.apply(&put).unwrap();
    drop(lib);

    let lib = Library::open(&path).unwrap();
    ds.items[3] = item;
    ds.sources[0] = source;
    assert_eq!(lib.to_dataset().unwrap(), ds);
    assert_eq!(
        lib.item(&ds.items[3].id).unwrap().unwrap().marking,
        Some(Marking::from("S//NF"))
    );
}

#[test]
fn marks_round_trip_through_json_import_and_export() {
    let mut ds = sample();
    ds.sources[0].marking = Some(Marking::from("OS"));
    ds.items[1].marking = Some(Marking::from("TLP:AMBER+STRICT"));
    ds.items[2].marking = Some(Marking::from("S//REL TO USA, GBR"));
    let (_dir, lib) = library_of(&ds);
    assert_eq!(lib.to_dataset().unwrap(), ds);
}

/// A draft on a library that changed since it was saved: opened with only the catalog and
/// the cited items, the warning still counts the picked items that now read differently.
#[test]
fn a_draft_on_a_changed_library_counts_its_drifted_items_from_the_catalog_loader() {
    let (dir, mut lib) = library_of(&sample());
    let draft_file = dir.path().join("bluf.brief.json");
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../sample_briefs/bluf-air-defence.brief.json"
    ))
    .unwrap();
    let mut brief: briefsmith_core::model::Brief = serde_json::from_slice(&bytes).unwrap();
    brief.dataset.path = "lib.bslib".into();
    brief.dataset.fingerprint = lib.fingerprint().unwrap();
    std::fs::write(&draft_file, serde_json::to_vec(&brief).unwrap()).unwrap();
    // Edit one item the brief picked as a block.
    let cited = brief.cited_items();
    let picked = brief
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            briefsmith_core::model::Block::Item(r) => Some(r.item.clone()),
            _ => None,
        })
        .unwrap();
    let mut item = lib.item(&picked).unwrap().unwrap();
    item.text.push_str(" (revised)");
    let change = lib.put_item(item).unwrap();
    lib.apply(&change).unwrap();
    let opened =
        briefsmith_core::store::open_draft_with(&draft_file, briefsmith_library::load_dataset_for)
            .unwrap();
    let dataset = opened.dataset.unwrap();
    assert_eq!(
        dataset.items.len(),
        cited.len(),
        "only the cited items are read"
    );
    assert_eq!(dataset.sources, sample().sources);
    assert!(
        opened
            .warnings
            .iter()
            .any(|w| w.contains("1 picked item(s) now differ")),
        "{:?}",
        opened.warnings
    );
}
