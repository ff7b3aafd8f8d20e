//! `briefsmith validate` on the real binary: hostile files, samples, drafts, exit codes.

use crate::cli_support::{Run, briefsmith};
use std::fs;
use std::path::{Path, PathBuf};

/// `briefsmith validate PATHS...` (test paths are UTF-8: temp folders and fixtures).
fn validate(args: &[&Path]) -> Run {
    let mut all = vec!["validate"];
    all.extend(args.iter().map(|p| p.to_str().expect("a UTF-8 path")));
    briefsmith(&all)
        .dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .run()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/core")
        .join(name)
}

fn sample_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_briefs");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("sample_briefs/")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// Writes `bytes` as `name` in a fresh folder, validates it, and checks that it failed with
/// a message naming the file and `place`, leaving the file and the folder untouched.
fn hostile(name: &str, bytes: &[u8], place: &str) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let run = validate(&[&path]);
    assert_eq!(run.code, Some(1), "{name}: {}", run.all());
    let expected = format!("{}{place}", path.display());
    assert!(
        run.stdout.contains(&expected),
        "{name}: want {expected:?} in:\n{}",
        run.all()
    );
    assert!(run.stdout.contains("error:"), "{}", run.all());
    assert_eq!(fs::read(&path).unwrap(), bytes, "{name} was modified");
    assert_eq!(dir_names(dir.path()), [name], "files were created");
    run
}

#[test]
fn sample_briefs_validate_clean() {
    let files = sample_files();
    assert!(files.len() >= 2, "expected the sample dataset and drafts");
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let run = validate(&paths);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(!run.stdout.contains("error:"), "{}", run.all());
}

#[test]
fn truncated_file() {
    let full = fs::read(fixture("small.dataset.json")).unwrap();
    let cut = &full[..full.len() * 2 / 3];
    let run = hostile("t.dataset.json", cut, ":");
    assert!(run.stdout.contains("truncated"), "{}", run.all());
    // The place is the end of the file: the last line, one past its last character.
    let lines = String::from_utf8_lossy(cut).lines().count();
    assert!(
        run.stdout.contains(&format!("t.dataset.json:{lines}:")),
        "{}",
        run.all()
    );
}

#[test]
fn empty_file() {
    let run = hostile("e.brief.json", b"", ": error:");
    assert!(run.stdout.contains("empty"), "{}", run.all());
}

#[test]
fn binary_file() {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    let run = hostile("b.dataset.json", &bytes, ":1:1:");
    assert!(run.stdout.contains("not a text file"), "{}", run.all());
}

#[test]
fn future_schema() {
    let run = hostile(
        "f.brief.json",
        br#"{"schema": "briefsmith-brief/7", "meta": {}}"#,
        ": schema: error:",
    );
    assert!(
        run.stdout
            .contains("written by a newer Briefsmith (briefsmith-brief/7); this version reads up to briefsmith-brief/2"),
        "{}",
        run.all()
    );
}

#[test]
fn wrong_shape() {
    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace(
            "\"credibility\": 2\n    },\n    {\n      \"id\": \"q-putin-1\"",
            "\"credibility\": [2]\n    },\n    {\n      \"id\": \"q-putin-1\"",
        );
    assert!(text.contains("[2]"));
    let line = text.lines().position(|l| l.contains("[2]")).unwrap() + 1;
    let run = hostile("w.dataset.json", text.as_bytes(), &format!(":{line}:"));
    assert!(
        run.stdout
            .contains("items[2] (id \"q-pezeshkian-1\").credibility: error:"),
        "{}",
        run.all()
    );
}

#[test]
fn deeply_nested() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    hostile(
        "n.dataset.json",
        "[".repeat(100_000).as_bytes(),
        ":1:1: top level: error:",
    );
    // Where a value is built (the schema), nesting is capped at 128 levels.
    let run = hostile(
        "m.brief.json",
        format!("{{\"schema\": {}}}", deep(100_000)).as_bytes(),
        ":1:",
    );
    assert!(run.stdout.contains("nested too deeply"), "{}", run.all());
    // Where it is skipped, it is read without recursion and the shape is reported.
    let run = hostile(
        "k.brief.json",
        format!(
            "{{\"schema\": \"briefsmith-brief/2\", \"extra\": {}}}",
            deep(100_000)
        )
        .as_bytes(),
        ":1:",
    );
    assert!(
        run.stdout.contains("unknown field `extra`"),
        "{}",
        run.all()
    );
}

#[test]
fn dangling_references() {
    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace("\"source\": \"src-irna\"", "\"source\": \"src-gone\"")
        .replace("\"speaker\": \"e-putin\"", "\"speaker\": \"e-nobody\"");
    let line = text.lines().position(|l| l.contains("src-gone")).unwrap() + 1;
    let run = hostile("d.dataset.json", text.as_bytes(), &format!(":{line}:"));
    assert!(
        run.stdout
            .contains("items[2].source (id \"q-pezeshkian-1\"): error: source \"src-gone\""),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("speaker \"e-nobody\""), "{}", run.all());
    assert!(run.stderr.contains("2 error(s)"), "{}", run.all());
}

#[test]
fn wrong_kind_of_json() {
    hostile("x.json", br#"{"hello": "world"}"#, ": schema: error:");
}

#[test]
fn every_file_is_reported_even_after_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.dataset.json");
    fs::write(&bad, b"{").unwrap();
    let missing = dir.path().join("missing.brief.json");
    let good = fixture("small.dataset.json");
    let run = validate(&[&bad, &missing, &good]);
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(
        run.stdout
            .contains(&format!("{}:1:1: error:", bad.display())),
        "{}",
        run.all()
    );
    assert!(
        run.stdout
            .contains(&format!("{}: error: cannot read", missing.display())),
        "{}",
        run.all()
    );
    assert!(
        run.stderr.contains("3 file(s) checked: 2 error(s)"),
        "{}",
        run.all()
    );
}

#[test]
fn draft_is_checked_against_its_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("v1.brief.json");
    fs::copy(fixture("v1.brief.json"), &draft).unwrap();

    // Missing dataset: a warning only.
    let run = validate(&[&draft]);
    assert_eq!(run.code, Some(0), "{}", run.all());
    assert!(
        run.stdout
            .contains("dataset.path: warning: dataset \"small.dataset.json\" not found"),
        "{}",
        run.all()
    );

    // A dataset that lost a supporting item: an error on the judgment.
    let text = fs::read_to_string(fixture("small.dataset.json"))
        .unwrap()
        .replace("\"id\": \"f-s400\"", "\"id\": \"f-s400-renamed\"");
    fs::write(dir.path().join("small.dataset.json"), text).unwrap();
    let run = validate(&[&draft]);
    assert_eq!(run.code, Some(1), "{}", run.all());
    assert!(
        run.stdout.contains("sections[0].blocks[0].support[0]: error: supporting item \"f-s400\" is not in the dataset"),
        "{}",
        run.all()
    );
    // The draft was not rewritten (validation never migrates files on disk).
    assert_eq!(
        fs::read(&draft).unwrap(),
        fs::read(fixture("v1.brief.json")).unwrap()
    );
}

#[test]
fn no_files_is_a_usage_error() {
    assert_eq!(validate(&[]).code, Some(2));
}
