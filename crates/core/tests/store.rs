//! Loading, migrating, saving and recovering datasets and drafts, including hostile files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{BRIEF_SCHEMA, Block, Dataset, ItemSnapshot};
use briefsmith_core::store::{
    LoadError, backup_path, discard_recovery, fingerprint, load_brief, load_dataset,
    newer_recovery, open_draft, parse_brief, parse_dataset, recovery_path, save_brief,
    save_recovery,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/core")
        .join(name)
}

/// Copies the small dataset and the v1 brief into a fresh folder.
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ds = dir.path().join("small.dataset.json");
    let brief = dir.path().join("v1.brief.json");
    fs::copy(fixture("small.dataset.json"), &ds).unwrap();
    fs::copy(fixture("v1.brief.json"), &brief).unwrap();
    (dir, ds, brief)
}

fn dataset_err(bytes: &[u8]) -> String {
    let e = parse_dataset(bytes, Path::new("bad.dataset.json")).unwrap_err();
    e.to_string()
}

#[test]
fn fixture_dataset_loads() {
    let ds = load_dataset(&fixture("small.dataset.json")).unwrap();
    assert_eq!(ds.items.len(), 4);
    assert_eq!(ds.sources[1].reliability.0, "D");
}

#[test]
fn fingerprint_is_sha256_hex() {
    assert_eq!(
        fingerprint(b"abc"),
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn v1_brief_is_migrated_on_load() {
    let brief = load_brief(&fixture("v1.brief.json")).unwrap();
    assert_eq!(brief.schema, BRIEF_SCHEMA);
    assert_eq!(brief.meta.title, "Russia and Iran draw closer");
    assert_eq!(brief.meta.classification, "OFFICIAL");
    assert_eq!(brief.meta.template, "bluf-memo");
    assert!(brief.meta.bottom_line.starts_with("Moscow and Tehran"));
    assert_eq!(brief.dataset.path, "small.dataset.json");
    assert_eq!(brief.dataset.fingerprint, "");
    assert_eq!(brief.sections.len(), 2);
    let Block::Item(r) = &brief.sections[1].blocks[0] else {
        panic!(
            "expected an item block, got {:?}",
            brief.sections[1].blocks[0]
        );
    };
    assert_eq!(r.item.as_str(), "f-meeting");
    assert_eq!(r.note, "First meeting since Pezeshkian took office.");
    assert!(matches!(brief.sections[0].blocks[0], Block::Judgment(_)));
    assert!(matches!(brief.sections[1].blocks[1], Block::Text(_)));
    // The snapshot in the fixture is what capture makes of the item today.
    let ds = load_dataset(&fixture("small.dataset.json")).unwrap();
    assert!(brief.drifted_blocks(&ds.index()).is_empty());
}

#[test]
fn migrated_brief_saves_as_current_schema_and_reloads_equal() {
    let (_dir, _ds, path) = workspace();
    let original = fs::read(&path).unwrap();
    let brief = load_brief(&path).unwrap();
    save_brief(&path, &brief).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"schema\": \"briefsmith-brief/2\""));
    assert_eq!(load_brief(&path).unwrap(), brief);
    assert_eq!(fs::read(backup_path(&path)).unwrap(), original);
}

#[test]
fn hostile_bytes_give_clear_errors() {
    assert_eq!(dataset_err(b""), "bad.dataset.json: the file is empty");
    assert_eq!(dataset_err(b" \n\t"), "bad.dataset.json: the file is empty");

    let e = dataset_err(b"{\"schema\": \"briefsmith-dataset/1\",\n \"ti\xff\xfe\"");
    assert_eq!(
        e,
        "bad.dataset.json:2:5: not a text file: invalid UTF-8 at byte 39"
    );

    let full = fs::read(fixture("small.dataset.json")).unwrap();
    let e = dataset_err(&full[..full.len() / 2]);
    assert!(e.starts_with("bad.dataset.json:"), "{e}");
    assert!(e.contains("truncated"), "{e}");

    let deep = "[".repeat(100_000);
    let e = dataset_err(deep.as_bytes());
    assert!(e.starts_with("bad.dataset.json:1:1: top level:"), "{e}");

    let deep = format!("{{\"schema\": {}", "[".repeat(100_000));
    let e = dataset_err(deep.as_bytes());
    assert!(e.contains("nested too deeply"), "{e}");
    assert!(e.starts_with("bad.dataset.json:1:"), "{e}");

    let e = dataset_err(b"{\"schema\": \"briefsmith-dataset/1\"} trailing");
    assert!(e.starts_with("bad.dataset.json:1:"), "{e}");
    assert!(e.contains("trailing characters"), "{e}");

    let e = dataset_err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert!(e.contains("not a text file"), "{e}");
}

#[test]
fn wrong_shape_names_path_id_and_line() {
    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace("\"credibility\": 3", "\"credibility\": \"high\"");
    let e = parse_dataset(text.as_bytes(), Path::new("d.json")).unwrap_err();
    let LoadError::Shape { path, position, .. } = &e else {
        panic!("expected a shape error, got {e}");
    };
    assert_eq!(path, "items[1] (id \"f-s400\").credibility");
    let line = text.lines().position(|l| l.contains("\"high\"")).unwrap() + 1;
    assert_eq!(position.map(|p| p.0), Some(line));
    assert!(
        e.to_string().contains("invalid type: string \"high\""),
        "{e}"
    );

    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace("\"place\": \"Ashgabat\",", "\"plaice\": \"Ashgabat\",");
    let e = parse_dataset(text.as_bytes(), Path::new("d.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("items[0] (id \"f-meeting\")"), "{e}");
    assert!(e.contains("unknown field `plaice`"), "{e}");

    let e = parse_dataset(
        br#"{"schema": "briefsmith-dataset/1", "title": "t"}"#,
        Path::new("d.json"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("missing field `sources`"), "{e}");
}

#[test]
fn wrong_shape_in_a_migrated_brief_names_the_path() {
    let text = fs::read_to_string(fixture("v1.brief.json"))
        .unwrap()
        .replace("\"confidence\": \"moderate\"", "\"confidence\": \"total\"");
    let e = parse_brief(text.as_bytes(), Path::new("b.json"))
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("b.json: sections[0]"), "{e}");
    assert!(e.contains("total"), "{e}");
}

#[test]
fn schema_is_checked_before_shape() {
    let e = parse_brief(
        br#"{"schema": "briefsmith-brief/7", "anything": [1, 2]}"#,
        Path::new("new.brief.json"),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "new.brief.json: schema: this brief was written by a newer Briefsmith \
         (briefsmith-brief/7); this version reads up to briefsmith-brief/2"
    );
    let ds = fs::read(fixture("small.dataset.json")).unwrap();
    let e = parse_brief(&ds, Path::new("x.json"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("this is a Briefsmith dataset"), "{e}");
}

#[test]
fn missing_file_is_an_io_error_naming_it() {
    let e = load_dataset(Path::new("/nonexistent/x.dataset.json")).unwrap_err();
    assert!(matches!(e, LoadError::Io { .. }));
    assert!(
        e.to_string()
            .starts_with("/nonexistent/x.dataset.json: cannot read")
    );
}

#[test]
fn failed_load_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.brief.json");
    let bytes = b"{\"schema\": \"briefsmith-brief/2\", \"meta\": {";
    fs::write(&path, bytes).unwrap();
    assert!(open_draft(&path).is_err());
    assert_eq!(fs::read(&path).unwrap(), bytes);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn open_draft_resolves_dataset_beside_the_draft() {
    let (_dir, _ds, path) = workspace();
    let opened = open_draft(&path).unwrap();
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    assert_eq!(opened.dataset.as_ref().map(|d| d.items.len()), Some(4));
    assert_eq!(
        opened.dataset_path,
        path.parent().unwrap().join("small.dataset.json")
    );
}

#[test]
fn missing_dataset_is_a_warning_and_the_draft_opens() {
    let (_dir, ds, path) = workspace();
    fs::remove_file(ds).unwrap();
    let opened = open_draft(&path).unwrap();
    assert!(opened.dataset.is_none());
    assert_eq!(opened.warnings.len(), 1);
    assert!(
        opened.warnings[0].contains("not found"),
        "{:?}",
        opened.warnings
    );
    assert_eq!(opened.brief.sections.len(), 2);
}

#[test]
fn changed_dataset_is_a_warning_with_the_stale_count() {
    let (_dir, ds_path, path) = workspace();
    let mut brief = load_brief(&path).unwrap();
    brief.dataset.fingerprint = fingerprint(&fs::read(&ds_path).unwrap());
    save_brief(&path, &brief).unwrap();
    assert!(open_draft(&path).unwrap().warnings.is_empty());

    let text = fs::read_to_string(&ds_path)
        .unwrap()
        .replace("for the first time in Turkmenistan", "for the first time");
    fs::write(&ds_path, text).unwrap();
    let opened = open_draft(&path).unwrap();
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert!(
        opened.warnings[0].contains("has changed"),
        "{:?}",
        opened.warnings
    );
    assert!(
        opened.warnings[0].contains("1 picked item"),
        "{:?}",
        opened.warnings
    );
    let ds: &Dataset = opened.dataset.as_ref().unwrap();
    let stale = opened.brief.drifted_blocks(&ds.index());
    assert_eq!(stale.len(), 1);
    assert_eq!((stale[0].0.section, stale[0].0.index), (1, 0));
    assert_eq!(stale[0].1, briefsmith_core::model::Drift::Changed);
}

#[test]
fn broken_dataset_is_a_warning_too() {
    let (_dir, ds, path) = workspace();
    fs::write(&ds, b"{ not json").unwrap();
    let opened = open_draft(&path).unwrap();
    assert!(opened.dataset.is_none());
    assert!(
        opened.warnings[0].contains("small.dataset.json:1:3"),
        "{:?}",
        opened.warnings
    );
}

#[test]
fn capture_resolves_speaker_and_source() {
    let ds = load_dataset(&fixture("small.dataset.json")).unwrap();
    let item = &ds.items[2];
    let snap = ItemSnapshot::capture(&ds, item);
    assert_eq!(snap.speaker, "Masoud Pezeshkian");
    assert_eq!(snap.speaker_role, "President of Iran");
    assert_eq!(snap.source.publisher, "IRNA");
    assert_eq!(snap.grade(), "D2");
    assert_eq!(snap.via, "state media reported");
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

#[test]
fn recovery_file_is_offered_only_when_newer_than_the_draft() {
    let (dir, _ds, path) = workspace();
    assert_eq!(newer_recovery(&path), None);
    let mut brief = load_brief(&path).unwrap();
    brief.meta.title = "Unsaved change".into();
    save_recovery(&path, &brief).unwrap();
    let rec = recovery_path(&path);
    assert_eq!(rec, dir.path().join(".v1.brief.json.recovery"));

    let now = SystemTime::now();
    set_mtime(&path, now - Duration::from_secs(60));
    set_mtime(&rec, now);
    assert_eq!(newer_recovery(&path), Some(rec.clone()));
    assert_eq!(load_brief(&rec).unwrap().meta.title, "Unsaved change");
    // The draft itself was not touched.
    assert_eq!(
        load_brief(&path).unwrap().meta.title,
        "Russia and Iran draw closer"
    );

    set_mtime(&path, now + Duration::from_secs(60));
    assert_eq!(newer_recovery(&path), None);

    discard_recovery(&path).unwrap();
    assert!(!rec.exists());
    discard_recovery(&path).unwrap();
}

#[test]
fn recovery_of_a_deleted_draft_is_offered() {
    let (_dir, _ds, path) = workspace();
    let brief = load_brief(&path).unwrap();
    save_recovery(&path, &brief).unwrap();
    fs::remove_file(&path).unwrap();
    assert_eq!(newer_recovery(&path), Some(recovery_path(&path)));
}
