//! `briefsmith library ...`, and `list`, `validate` and `export` given a library, on the
//! real binary: what each prints, its exit code, and the files read back.

use crate::cli_support::briefsmith;
use std::fs;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_briefs")
        .join(name)
}

const SAMPLE: &str = "russia-iran-2024-10.dataset.json";

/// A folder holding `lib.bslib` made from the sample dataset.
fn sample_library() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let dataset = sample(SAMPLE);
    let r = briefsmith([
        "library",
        "import-json",
        dataset.to_str().unwrap(),
        "-o",
        "lib.bslib",
    ])
    .dir(dir.path())
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("38 item(s)"), "{}", r.stderr);
    dir
}

#[test]
fn import_then_export_gives_back_the_sample_byte_for_byte() {
    let dir = sample_library();
    let r = briefsmith([
        "library",
        "export-json",
        "lib.bslib",
        "-o",
        "back.dataset.json",
    ])
    .dir(dir.path())
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        fs::read(dir.path().join("back.dataset.json")).unwrap(),
        fs::read(sample(SAMPLE)).unwrap()
    );
    // A second import onto the same name is refused; the library is kept.
    let before = fs::read(dir.path().join("lib.bslib")).unwrap();
    let dataset = sample(SAMPLE);
    let r = briefsmith([
        "library",
        "import-json",
        dataset.to_str().unwrap(),
        "-o",
        "lib.bslib",
    ])
    .dir(dir.path())
    .run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("lib.bslib: already exists"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(dir.path().join("lib.bslib")).unwrap(), before);
}

#[test]
fn a_library_built_by_commands_exports_what_was_added() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let r = briefsmith(["library", "new", "mine.bslib", "--title", "My reporting"])
        .dir(d)
        .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = briefsmith([
        "library",
        "add-source",
        "mine.bslib",
        "--title",
        "Kazan summit report",
        "--publisher",
        "Wire",
        "--date",
        "2024-10-23",
        "--kind",
        "news",
        "--reliability",
        "B",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let source = r.stdout.trim().to_owned();
    let r = briefsmith([
        "library",
        "add-entity",
        "mine.bslib",
        "--name",
        "Vladimir Putin",
        "--kind",
        "person",
        "--alias",
        "Putin",
        "--native-name",
        "Владимир Путин",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let putin = r.stdout.trim().to_owned();
    let r = briefsmith([
        "library",
        "add-item",
        "mine.bslib",
        "--text",
        "We welcome new partners.",
        "--speaker",
        "Putin",
        "--source",
        "Kazan summit report",
        "--date",
        "2024-10-22/2024-10-24",
        "--credibility",
        "2",
        "--tag",
        "brics",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let item = r.stdout.trim().to_owned();

    let r = briefsmith(["library", "stats", "mine.bslib"]).dir(d).run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for line in [
        "items\t1",
        "quotes\t1",
        "sources\t1",
        "entities\t1",
        "tags\t1",
        "grade B2\t1",
    ] {
        assert!(
            r.stdout.lines().any(|l| l == line),
            "{line:?} in {}",
            r.stdout
        );
    }

    let r = briefsmith([
        "library",
        "export-json",
        "mine.bslib",
        "-o",
        "mine.dataset.json",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(d.join("mine.dataset.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "briefsmith-dataset/2");
    assert_eq!(json["title"], "My reporting");
    assert_eq!(json["entities"][0]["native_name"], "Владимир Путин");
    let got = &json["items"][0];
    assert_eq!(got["id"], item.as_str());
    assert_eq!(got["kind"], "quote");
    assert_eq!(got["speech"], "direct");
    assert_eq!(got["speaker"], putin.as_str());
    assert_eq!(got["source"], source.as_str());
    assert_eq!(got["date"], "2024-10-22/2024-10-24");
    let r = briefsmith(["validate", "mine.dataset.json", "mine.bslib"])
        .dir(d)
        .run();
    assert!(r.stderr.contains("0 error(s)"), "{}{}", r.stdout, r.stderr);
}

#[test]
fn bad_additions_fail_with_their_reason_and_usage_errors_exit_2() {
    let dir = sample_library();
    let d = dir.path();
    let before = fs::read(d.join("lib.bslib")).unwrap();
    let r = briefsmith([
        "library",
        "add-item",
        "lib.bslib",
        "--text",
        "x",
        "--source",
        "nowhere",
        "--credibility",
        "2",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("no source with id or title \"nowhere\""),
        "{}",
        r.stderr
    );
    let r = briefsmith([
        "library",
        "add-item",
        "lib.bslib",
        "--text",
        "x",
        "--source",
        "src-ft-2024-10-11",
        "--credibility",
        "2",
        "--date",
        "2024-10-11/2024-10-01",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("ends before it starts"), "{}", r.stderr);
    let r = briefsmith([
        "library",
        "add-item",
        "lib.bslib",
        "--text",
        "x",
        "--source",
        "src-ft-2024-10-11",
        "--credibility",
        "9",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    let r = briefsmith(["library", "stats", "missing.bslib"])
        .dir(d)
        .run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("missing.bslib: cannot open the library"),
        "{}",
        r.stderr
    );
    assert_eq!(fs::read(d.join("lib.bslib")).unwrap(), before);
}

#[test]
fn import_csv_adds_all_rows_or_reports_each_bad_cell() {
    let dir = sample_library();
    let d = dir.path();
    fs::write(
        d.join("rows.csv"),
        "Text,Speaker,Credibility,Notes\nPutin praised the partnership,Putin,2,x\n,,,\n",
    )
    .unwrap();
    let r = briefsmith([
        "library",
        "import-csv",
        "lib.bslib",
        "rows.csv",
        "--source",
        "src-ft-2024-10-11",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("rows.csv: row 1, column 4 (Notes): unknown column"),
        "{}",
        r.stderr
    );
    let r = briefsmith([
        "library",
        "import-csv",
        "lib.bslib",
        "rows.csv",
        "--source",
        "src-ft-2024-10-11",
        "--map",
        "Notes=skip",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout.trim(), "1");
    let r = briefsmith(["list", "lib.bslib", "--query", "partners"])
        .dir(d)
        .run();
    assert!(
        r.stdout.contains("Putin praised the partnership"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("of 39 item(s)"), "{}", r.stderr);
}

#[test]
fn list_finds_in_a_library_what_it_finds_in_the_dataset() {
    let dir = sample_library();
    let d = dir.path();
    let dataset = sample(SAMPLE);
    for query in ["missile", "Pezeshkian", "air defence"] {
        let from_json = briefsmith(["list", dataset.to_str().unwrap(), "--query", query])
            .dir(d)
            .run();
        let from_lib = briefsmith(["list", "lib.bslib", "--query", query])
            .dir(d)
            .run();
        assert_eq!(from_lib.code, Some(0), "{}", from_lib.stderr);
        assert!(!from_lib.stdout.is_empty(), "{query}: nothing found");
        assert_eq!(from_lib.stdout, from_json.stdout, "{query}");
    }
    // Search as you type: the start of a word is enough.
    let typed = briefsmith(["list", "lib.bslib", "--query", "mis"])
        .dir(d)
        .run();
    let whole = briefsmith(["list", "lib.bslib", "--query", "missile"])
        .dir(d)
        .run();
    assert!(typed.stdout.lines().count() >= whole.stdout.lines().count());
}

#[test]
fn validate_checks_a_library_and_refuses_a_newer_one() {
    let dir = sample_library();
    let d = dir.path();
    let r = briefsmith(["validate", "lib.bslib"]).dir(d).run();
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
    let conn = rusqlite::Connection::open(d.join("lib.bslib")).unwrap();
    conn.pragma_update(None, "user_version", 42).unwrap();
    drop(conn);
    let r = briefsmith(["validate", "lib.bslib"]).dir(d).run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stdout
            .contains("written by a newer Briefsmith (library schema 42)"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_draft_naming_a_library_exports_from_it() {
    let dir = sample_library();
    let d = dir.path();
    let draft = fs::read_to_string(sample("bluf-air-defence.brief.json")).unwrap();
    let mut draft: serde_json::Value = serde_json::from_str(&draft).unwrap();
    draft["dataset"]["path"] = "lib.bslib".into();
    draft["dataset"]["fingerprint"] = "".into();
    fs::write(
        d.join("memo.brief.json"),
        serde_json::to_vec_pretty(&draft).unwrap(),
    )
    .unwrap();
    let r = briefsmith([
        "export",
        "memo.brief.json",
        "--format",
        "md",
        "-o",
        "memo.md",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let md = fs::read_to_string(d.join("memo.md")).unwrap();
    assert!(md.contains("Russian air defence for Iran"), "{md}");
    let r = briefsmith(["validate", "memo.brief.json"]).dir(d).run();
    assert!(!r.stdout.contains("not found"), "{}", r.stdout);

    // A library changed since the draft was saved is noticed by its fingerprint.
    draft["dataset"]["fingerprint"] = "library:0000@0".into();
    fs::write(
        d.join("memo.brief.json"),
        serde_json::to_vec_pretty(&draft).unwrap(),
    )
    .unwrap();
    let r = briefsmith([
        "export",
        "memo.brief.json",
        "--format",
        "md",
        "-o",
        "memo2.md",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("has changed since the draft was saved"),
        "{}",
        r.stderr
    );

    // Without the library the same draft warns that its dataset is missing.
    fs::rename(d.join("lib.bslib"), d.join("moved.bslib")).unwrap();
    let r = briefsmith([
        "export",
        "memo.brief.json",
        "--format",
        "md",
        "-o",
        "memo3.md",
    ])
    .dir(d)
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("dataset \"lib.bslib\" not found"),
        "{}",
        r.stderr
    );
}
