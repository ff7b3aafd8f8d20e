//! `briefsmith check`: the sample drafts pass, a brief with a tradecraft mistake fails
//! with the finding named and placed, the JSON is what docs/checks.md promises, and the
//! user's `checks.toml` changes the rules.

use crate::cli_support::{Run, briefsmith};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const SAMPLES: [&str; 3] = [
    "bluf-air-defence.brief.json",
    "read-ahead-kazan.brief.json",
    "sitrep-israel-iran.brief.json",
];
const DATASET: &str = "russia-iran-2024-10.dataset.json";

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_briefs")
}

/// A folder holding the sample dataset and a config folder with no rules of the user's.
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::copy(samples().join(DATASET), dir.path().join(DATASET)).expect("copy dataset");
        fs::create_dir_all(dir.path().join("config/briefsmith")).expect("config dir");
        Folder { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A sample draft as JSON, changed by `edit`, saved here under its own name.
    fn draft(&self, sample: &str, edit: impl FnOnce(&mut Value)) -> String {
        let text = fs::read_to_string(samples().join(sample)).expect("read sample");
        let mut json: Value = serde_json::from_str(&text).expect("sample JSON");
        edit(&mut json);
        fs::write(
            self.path().join(sample),
            serde_json::to_vec_pretty(&json).unwrap(),
        )
        .expect("write draft");
        sample.to_owned()
    }

    fn user_rules(&self, toml: &str) -> PathBuf {
        let path = self.path().join("config/briefsmith/checks.toml");
        fs::write(&path, toml).expect("write checks.toml");
        path
    }

    fn check(&self, args: &[&str]) -> Run {
        let config = self.path().join("config");
        let home = self.path().to_owned();
        let mut all = vec!["check"];
        all.extend_from_slice(args);
        briefsmith(&all)
            .dir(self.path())
            .env("XDG_CONFIG_HOME", &config)
            .env("HOME", &home)
            .run()
    }
}

#[test]
fn the_sample_drafts_pass_with_their_findings_acknowledged() {
    let folder = Folder::new();
    for sample in SAMPLES {
        folder.draft(sample, |_| {});
    }
    let run = folder.check(&SAMPLES);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("3 draft(s) checked: 0 error(s), 0 warning(s), 0 note(s), 12 acknowledged"),
        "{}",
        run.stderr
    );
    for line in run.stdout.lines() {
        assert!(line.contains(": accepted ["), "{line}");
        assert!(line.contains("(acknowledged: "), "{line}");
    }
}

/// The analyst writes "almost certainly" into a judgment whose likelihood is "unlikely".
fn contradicted(json: &mut Value) {
    let kj = &mut json["sections"][0]["blocks"][1];
    kj["text"] = "Russia will almost certainly not deliver an S-400 before Israel acts.".into();
    kj["likelihood"] = "unlikely".into();
}

#[test]
fn an_error_finding_fails_the_check_and_says_where() {
    let folder = Folder::new();
    let draft = folder.draft(SAMPLES[0], contradicted);
    let run = folder.check(&[&draft]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.contains("[estimative.contradicts-band]"))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        line.starts_with(&format!(
            "{draft}: key judgment 2 (section 1 “Key judgments”, block 2): error ["
        )),
        "{line}"
    );
    assert!(
        line.contains("“almost certainly”") && line.contains("“unlikely”"),
        "{line}"
    );
    // The judgment's text changed, so its single-source acknowledgement no longer applies.
    assert!(
        run.stdout.contains(": warning [judgment.single-source]"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("1 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_output_is_stable_for_other_tools() {
    let folder = Folder::new();
    let draft = folder.draft(SAMPLES[0], contradicted);
    let run = folder.check(&["--format", "json", &draft, "missing.brief.json"]);
    assert_eq!(
        run.code,
        Some(2),
        "an unreadable draft wins: {}",
        run.stderr
    );
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(doc["format"], "briefsmith-check/1");
    let first = &doc["drafts"][0];
    assert_eq!(first["file"], draft);
    assert_eq!(first["error"], Value::Null);
    assert_eq!(first["dataset"], true);
    assert_eq!(first["counts"]["error"], 1);
    assert_eq!(first["counts"]["acknowledged"], 4);
    let finding = first["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["check"] == "estimative.contradicts-band")
        .expect("the finding");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["place"]["section"], 0);
    assert_eq!(finding["place"]["heading"], "Key judgments");
    assert_eq!(finding["place"]["block"], 1);
    assert_eq!(finding["place"]["judgment"], 2);
    assert!(
        finding["key"]
            .as_str()
            .unwrap()
            .starts_with("judgment:Russia will almost")
    );
    assert_eq!(finding["acknowledged"], Value::Null);
    let second = &doc["drafts"][1];
    assert_eq!(second["file"], "missing.brief.json");
    assert!(
        second["error"]
            .as_str()
            .unwrap()
            .contains("missing.brief.json")
    );
    assert_eq!(second["findings"], Value::Array(vec![]));
}

#[test]
fn template_structure_and_dataset_drift_are_checked() {
    let folder = Folder::new();
    let draft = folder.draft(SAMPLES[0], |json| json["meta"]["bottom_line"] = "".into());
    let dataset = folder.path().join(DATASET);
    let text = fs::read_to_string(&dataset).unwrap();
    let changed = text.replacen(
        "Russia supplied Iran with five to six S-300 units in 2016.",
        "Russia supplied Iran with four S-300 units in 2016.",
        1,
    );
    assert_ne!(
        text, changed,
        "the sample dataset holds the fact changed here"
    );
    fs::write(&dataset, changed).unwrap();
    let run = folder.check(&[&draft]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(&format!(
            "{draft}: brief: error [structure.bottom-line]: A bluf-memo"
        )),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "section 2 “Background”, block 2: warning [item.changed]: fact-s300-delivery"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn the_users_rules_change_what_is_checked() {
    let folder = Folder::new();
    let draft = folder.draft(SAMPLES[0], contradicted);
    folder.user_rules("disable = [\"estimative.contradicts-band\"]\n");
    let run = folder.check(&[&draft]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        !run.stdout.contains("estimative.contradicts-band"),
        "{}",
        run.stdout
    );

    let path = folder.user_rules("\n[severity]\n\"judgment.single-source\" = \"fatal\"\n");
    let run = folder.check(&[&draft]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("{}:3:", path.display())),
        "names the file and line: {}",
        run.stderr
    );
}

#[test]
fn a_wrong_command_line_is_a_usage_error() {
    let folder = Folder::new();
    let run = folder.check(&[]);
    assert_eq!(run.code, Some(2));
    let run = folder.check(&["--format", "yaml", "x.brief.json"]);
    assert_eq!(run.code, Some(2));
    assert!(run.stderr.contains("yaml"), "{}", run.stderr);
}

#[test]
fn without_its_dataset_a_draft_is_checked_from_its_snapshots() {
    let folder = Folder::new();
    let draft = folder.draft(SAMPLES[2], |_| {});
    fs::remove_file(folder.path().join(DATASET)).unwrap();
    let run = folder.check(&[&draft]);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.starts_with(&format!(
            "{draft}: brief: info: dataset not found; changed items and quotes were not compared"
        )),
        "{}",
        run.stdout
    );
    let run = folder.check(&["--format", "json", &draft]);
    let doc: Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(doc["drafts"][0]["dataset"], false);
    // Key judgment 3 cites only items the brief does not show: with no dataset their
    // sources are unknown, so its single-source finding cannot be made (4 of 5 remain).
    assert_eq!(doc["drafts"][0]["counts"]["acknowledged"], 4);
    assert_eq!(doc["drafts"][0]["counts"]["warning"], 0);
}

#[test]
fn the_checks_are_listed_for_writing_rules() {
    let folder = Folder::new();
    let run = folder.check(&["--list"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("judgment.single-source "))
        .unwrap_or_else(|| panic!("{}", run.stdout));
    assert!(
        line.contains(" warning ") && line.contains("one source"),
        "{line}"
    );
    assert_eq!(run.stdout.lines().count(), briefsmith_checks::CHECKS.len());
}
