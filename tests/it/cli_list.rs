//! `briefsmith list` on the real binary: one line per item, queries, errors.

use crate::cli_support::{Run, briefsmith};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/core")
        .join(name)
}

fn list(args: &[&str]) -> Run {
    briefsmith(["list"].iter().chain(args)).run()
}

#[test]
fn one_plain_line_per_item() {
    let ds = fixture("small.dataset.json");
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = list(&[ds.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "f-meeting       fact   B1   2024-10-11  Putin met Pezeshkian for the first time in Turkmenistan.",
            "f-s400          fact   B3   2024-10     Tehran is looking to Russian technology such as S-400 batteries.",
            "q-pezeshkian-1  quote  D2   2024-10-11  Masoud Pezeshkian: \"are much closer than those of other states\"",
            "q-putin-1       quote  B2   2024-10-11  Vladimir Putin: \"We are actively working together on the international arena.\"",
        ]
    );
    assert!(!out.contains('\x1b'), "no colour codes when not a terminal");
    assert!(err.contains("4 of 4 item(s)"), "{err}");
}

#[test]
fn query_matches_text_speaker_tags_and_entities_ignoring_case() {
    let ds = fixture("small.dataset.json");
    let ds = ds.to_str().unwrap();
    let ids = |q: &str| -> Vec<String> {
        let Run {
            code, stdout: out, ..
        } = list(&[ds, "--query", q]);
        assert_eq!(code, Some(0));
        out.lines()
            .map(|l| l.split_whitespace().next().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids("TURKMENISTAN"), ["f-meeting"]);
    assert_eq!(ids("pezeshkian"), ["f-meeting", "q-pezeshkian-1"]);
    assert_eq!(ids("diplomacy"), ["f-meeting", "q-pezeshkian-1"]);
    assert_eq!(ids("islamic republic"), ["f-s400"]);
    assert_eq!(ids("putin arena"), ["q-putin-1"]);
    assert!(ids("nothing-like-this").is_empty());
}

#[test]
fn unreadable_dataset_exits_1_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.dataset.json");
    std::fs::write(&path, b"{\"schema\": \"briefsmith-dataset/1\",").unwrap();
    let Run {
        code,
        stdout: out,
        stderr: err,
    } = list(&[path.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty());
    assert!(err.contains(&format!("{}:1:", path.display())), "{err}");
}
