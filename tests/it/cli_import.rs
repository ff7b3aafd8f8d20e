//! `briefsmith import` on the real binary: the `--dry-run --json` contract, importing into
//! a library (and again, without duplicates), and refusals with their exit codes.

use crate::cli_support::briefsmith;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/import/tests/fixtures")
        .join(name);
    path.display().to_string()
}

#[test]
fn dry_run_json_prints_one_object_per_file_in_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = fixture("ft-putin-pezeshkian-2024-10-11.txt");
    let page = fixture("nhs-scotland-salaries.html");
    let r = briefsmith([
        "import",
        &seed,
        &page,
        "--dry-run",
        "--json",
        "--date",
        "2024-10-11",
    ])
    .dir(dir.path())
    .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"], seed.as_str());
    assert_eq!(lines[0]["source"]["date"], "2024-10-11");
    assert_eq!(
        lines[0]["paragraphs"].as_array().expect("paragraphs").len(),
        17
    );
    let gallant = lines[0]["candidates"]
        .as_array()
        .expect("candidates")
        .iter()
        .find(|c| {
            c["kind"] == "quote"
                && c["text"] == "Our strike will be powerful, precise and above all surprising"
        })
        .expect("Gallant's quote");
    assert_eq!(gallant["speaker"], "Yoav Gallant");
    assert_eq!(gallant["locator"], "para 16");
    assert_eq!(gallant["date"], "2024-10");
    assert_eq!(lines[1]["source"]["publisher"], "Example News");
    assert_eq!(
        lines[1]["source"]["url"],
        "https://news.example.org/health/nhs-scotland-salaries"
    );
}

#[test]
fn importing_into_a_library_and_again_finds_the_existing_source() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = fixture("nhs-scotland-salaries.html");
    let r = briefsmith(["import", &page, "--into", "lib.bslib", "--grade", "B"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("added source src-800-nhs-scotland"),
        "{}",
        r.stderr
    );
    let r = briefsmith(["import", &page, "--into", "lib.bslib", "--grade", "B"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("already in the library"), "{}", r.stderr);
    assert!(r.stderr.contains("added 0 new item(s)"), "{}", r.stderr);
    // The library reads back as a dataset: one source, graded B, with its full text, and
    // Baillie's quote as a direct quote at its paragraph.
    let r = briefsmith(["library", "export-json", "lib.bslib", "-o", "out.json"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let ds: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out.json")).expect("export"),
    )
    .expect("json");
    let sources = ds["sources"].as_array().expect("sources");
    assert_eq!(sources.len(), 1);
    assert_eq!(sources[0]["reliability"], "B");
    assert_eq!(
        sources[0]["paragraphs"]
            .as_array()
            .expect("text kept")
            .len(),
        3
    );
    let quote = ds["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| {
            i["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("In the current economic climate"))
        })
        .expect("quote imported");
    assert_eq!(quote["speech"], "direct");
    assert_eq!(quote["locator"], "para 2");
    let speaker = quote["speaker"].as_str().expect("speaker id");
    let entity = ds["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .find(|e| e["id"] == speaker)
        .expect("speaker entity");
    assert_eq!(entity["name"], "Jackie Baillie");
    let r = briefsmith(["validate", "out.json"]).dir(dir.path()).run();
    assert_eq!(r.code, Some(0), "{}{}", r.stdout, r.stderr);
}

#[test]
fn bad_inputs_fail_by_name_and_usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("blob.bin"), [0u8, 159, 146, 150, 0, 1, 2]).expect("write");
    let r = briefsmith(["import", "blob.bin", "--dry-run"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("blob.bin: not a readable document"),
        "{}",
        r.stderr
    );
    let r = briefsmith(["import", "blob.bin", "--into", "lib.bslib"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(1));
    let r = briefsmith(["import", "x.html", "--into", "lib.bslib", "--grade", "Z"])
        .dir(dir.path())
        .run();
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("--grade must be one of A"),
        "{}",
        r.stderr
    );
    let r = briefsmith(["import", "x.html"]).dir(dir.path()).run();
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("--into LIB"), "{}", r.stderr);
}
