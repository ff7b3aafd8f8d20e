//! `briefsmith export` gives byte-identical PDFs for the same draft, dated by the brief or
//! by `SOURCE_DATE_EPOCH`, so exports can be diffed and signed.

use crate::cli_support::{Run, briefsmith};
use std::path::{Path, PathBuf};

const SAMPLES: &[&str] = &[
    "bluf-air-defence.brief.json",
    "read-ahead-kazan.brief.json",
    "sitrep-israel-iran.brief.json",
];

fn samples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_briefs")
}

/// Exports `draft` to `out` in a fresh process, with `epoch` as `SOURCE_DATE_EPOCH`.
fn export(home: &Path, draft: &Path, out: &Path, epoch: Option<&str>) -> Run {
    let mut cli = briefsmith([
        Path::new("export"),
        draft,
        Path::new("--format"),
        Path::new("pdf"),
        Path::new("-o"),
        out,
    ])
    .home(home)
    .env_remove("SOURCE_DATE_EPOCH");
    if let Some(epoch) = epoch {
        cli = cli.env("SOURCE_DATE_EPOCH", epoch);
    }
    cli.run()
}

fn export_bytes(home: &Path, draft: &Path, name: &str, epoch: Option<&str>) -> Vec<u8> {
    let out = home.join(name);
    let run = export(home, draft, &out, epoch);
    assert!(run.success(), "{}", run.stderr);
    std::fs::read(&out).unwrap()
}

/// The value of `/Key (…)` in the file's Info dictionary, read by lopdf.
fn info_string(pdf: &[u8], key: &[u8]) -> Option<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    let info = doc.get_dictionary(info).unwrap();
    let value = info.get(key).ok()?.as_str().ok()?;
    Some(String::from_utf8_lossy(value).into_owned())
}

#[test]
fn exporting_a_draft_twice_gives_identical_bytes() {
    let home = tempfile::tempdir().unwrap();
    for sample in SAMPLES {
        let draft = samples_dir().join(sample);
        let first = export_bytes(home.path(), &draft, "first.pdf", None);
        let second = export_bytes(home.path(), &draft, "second.pdf", None);
        assert!(first.starts_with(b"%PDF-"), "{sample}");
        assert!(first == second, "{sample}: two exports differ");
    }
}

#[test]
fn the_creation_date_is_the_briefs_date() {
    let home = tempfile::tempdir().unwrap();
    let draft = samples_dir().join("bluf-air-defence.brief.json");
    let pdf = export_bytes(home.path(), &draft, "a.pdf", None);
    // The sample is dated 2024-10-12.
    assert_eq!(
        info_string(&pdf, b"CreationDate").as_deref(),
        Some("D:20241012000000Z")
    );
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("<xmp:CreateDate>2024-10-12T00:00:00Z</xmp:CreateDate>"));
}

#[test]
fn source_date_epoch_dates_the_file_and_keeps_it_reproducible() {
    let home = tempfile::tempdir().unwrap();
    let draft = samples_dir().join("sitrep-israel-iran.brief.json");
    let epoch = Some("1700000000"); // 2023-11-14T22:13:20Z
    let first = export_bytes(home.path(), &draft, "first.pdf", epoch);
    let second = export_bytes(home.path(), &draft, "second.pdf", epoch);
    assert!(
        first == second,
        "two exports under one SOURCE_DATE_EPOCH differ"
    );
    assert_eq!(
        info_string(&first, b"CreationDate").as_deref(),
        Some("D:20231114221320Z")
    );
    let other = export_bytes(home.path(), &draft, "other.pdf", Some("0"));
    assert_eq!(
        info_string(&other, b"CreationDate").as_deref(),
        Some("D:19700101000000Z")
    );
    assert!(other != first, "the date is part of the file");
}

#[test]
fn an_undated_brief_is_reproducible_under_source_date_epoch() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(samples_dir().join("read-ahead-kazan.brief.json")).unwrap();
    let mut draft: serde_json::Value = serde_json::from_str(&text).unwrap();
    draft["meta"]["date"] = serde_json::Value::String(String::new());
    let path = home.path().join("undated.brief.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&draft).unwrap()).unwrap();
    // The dataset the draft names sits beside the samples; the snapshots suffice here.
    let epoch = Some("1728691200"); // 2024-10-12
    let first = export_bytes(home.path(), &path, "first.pdf", epoch);
    let second = export_bytes(home.path(), &path, "second.pdf", epoch);
    assert!(first == second);
    assert_eq!(
        info_string(&first, b"CreationDate").as_deref(),
        Some("D:20241012000000Z")
    );
}

#[test]
fn a_malformed_source_date_epoch_is_refused_by_name() {
    let home = tempfile::tempdir().unwrap();
    let draft = samples_dir().join("bluf-air-defence.brief.json");
    let out = home.path().join("a.pdf");
    let run = export(home.path(), &draft, &out, Some("yesterday"));
    assert_eq!(run.code, Some(1));
    let stderr = &run.stderr;
    assert!(stderr.contains("SOURCE_DATE_EPOCH"), "{stderr}");
    assert!(!out.exists());
}
