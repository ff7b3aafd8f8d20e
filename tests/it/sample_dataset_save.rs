//! Saving a draft made from the bundled sample writes the sample dataset beside it through
//! the atomic writer: a partial copy an interrupted save left is rewritten whole, and a
//! different file the user keeps under that name is left alone.

use briefsmith::sample::sample_document;
use briefsmith_core::store::open_draft;
use std::fs;

/// The embedded dataset's file name and bytes.
fn embedded() -> (&'static str, &'static [u8]) {
    let doc = sample_document().unwrap();
    let ds = doc.dataset.as_ref().unwrap().embedded.as_ref().unwrap();
    (ds.file_name, ds.bytes)
}

#[test]
fn a_partial_sample_dataset_is_rewritten_whole() {
    let (name, bytes) = embedded();
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), &bytes[..bytes.len() / 3]).unwrap();
    let draft = dir.path().join("memo.brief.json");
    let mut doc = sample_document().unwrap();
    doc.save_to(&draft).unwrap();
    assert_eq!(fs::read(dir.path().join(name)).unwrap(), bytes);
    let opened = open_draft(&draft).unwrap();
    assert!(opened.dataset.is_some());
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let temps: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{temps:?}");
}

#[test]
fn another_file_under_the_sample_name_is_kept() {
    let (name, _) = embedded();
    let dir = tempfile::tempdir().unwrap();
    let mine = b"{\"schema\": \"my own edited dataset\"}".to_vec();
    fs::write(dir.path().join(name), &mine).unwrap();
    let mut doc = sample_document().unwrap();
    doc.save_to(&dir.path().join("memo.brief.json")).unwrap();
    assert_eq!(fs::read(dir.path().join(name)).unwrap(), mine);
}
