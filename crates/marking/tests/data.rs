//! Marks on data: datasets and drafts carry them through a save and a load, drafts
//! without marks save byte for byte as before, and a picked item snapshots its mark.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{Block, ItemSnapshot, Marking};
use briefsmith_core::store::{load_brief, load_dataset, save_brief};
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../sample_briefs")
        .join(name)
}

#[test]
fn an_unmarked_draft_saves_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "read-ahead-kazan.brief.json",
        "sitrep-israel-iran.brief.json",
    ] {
        let original = std::fs::read(sample(name)).unwrap();
        let brief = load_brief(&sample(name)).unwrap();
        let out = dir.path().join(name);
        save_brief(&out, &brief).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), original, "{name}");
    }
}

#[test]
fn marks_survive_a_save_and_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut brief = load_brief(&sample("sitrep-israel-iran.brief.json")).unwrap();
    brief.meta.markings.scheme = "tlp".into();
    brief.meta.markings.floor = Some(Marking::from("TLP:GREEN"));
    brief.meta.markings.ceiling = Some(Marking::from("TLP:AMBER"));
    brief.meta.markings.title = Some(Marking::from("TLP:CLEAR"));
    for (_, block) in brief
        .sections
        .iter_mut()
        .flat_map(|s| s.blocks.iter_mut().enumerate())
    {
        match block {
            Block::Text(t) => t.marking = Some(Marking::from("TLP:AMBER")),
            Block::Judgment(j) => j.marking = Some(Marking::from("TLP:RED")),
            Block::Item(r) => r.snapshot.marking = Some(Marking::from("TLP:AMBER+STRICT")),
        }
    }
    let out = dir.path().join("marked.brief.json");
    save_brief(&out, &brief).unwrap();
    assert_eq!(load_brief(&out).unwrap(), brief);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"markings\""), "{text}");
}

#[test]
fn a_picked_item_snapshots_its_own_mark_else_its_sources() {
    let mut ds = load_dataset(&sample("russia-iran-2024-10.dataset.json")).unwrap();
    let mut item = ds.items[0].clone();
    item.marking = None;
    let source = ds.sources.iter_mut().find(|s| s.id == item.source).unwrap();
    source.marking = Some(Marking::from("C"));
    assert_eq!(
        ItemSnapshot::capture(&ds, &item).marking,
        Some(Marking::from("C"))
    );
    item.marking = Some(Marking::from("S//NF"));
    assert_eq!(
        ItemSnapshot::capture(&ds, &item).marking,
        Some(Marking::from("S//NF"))
    );
    // The dataset's JSON keeps both marks.
    let json = serde_json::to_string(&ds).unwrap();
    let back: briefsmith_core::model::Dataset = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ds);
}

#[test]
fn a_mark_raised_in_the_dataset_since_the_pick_counts_at_once() {
    use briefsmith_marking::{BriefMarks, Schemes};
    let mut brief = load_brief(&sample("bluf-air-defence.brief.json")).unwrap();
    let mut ds = load_dataset(&sample("russia-iran-2024-10.dataset.json")).unwrap();
    let schemes = Schemes::builtin().unwrap();
    let scheme = schemes.require("us-style").unwrap();
    // An item picked as U, marked TS in the dataset since.
    let (pos, id) = brief
        .blocks()
        .find_map(|(pos, b)| match b {
            Block::Item(r) if r.snapshot.marking.is_none() => Some((pos, r.item.clone())),
            _ => None,
        })
        .unwrap();
    ds.items.iter_mut().find(|i| i.id == id).unwrap().marking = Some(Marking::from("TS"));
    let marks = BriefMarks::of(scheme, &brief, Some(&ds)).unwrap();
    assert_eq!(marks.blocks[pos.section][pos.index].portion(scheme), "(TS)");
    assert!(
        marks
            .banner(&brief)
            .banner(scheme)
            .starts_with("TOP SECRET")
    );
    // Without the dataset, the snapshot is all there is.
    let marks = BriefMarks::of(scheme, &brief, None).unwrap();
    assert_eq!(marks.blocks[pos.section][pos.index].portion(scheme), "(U)");
    brief.meta.markings.scheme = "tlp".into();
    let e = BriefMarks::of(schemes.require("tlp").unwrap(), &brief, Some(&ds)).unwrap_err();
    assert!(
        e.to_string().contains("is not a level of the tlp scheme"),
        "{e}"
    );
}
