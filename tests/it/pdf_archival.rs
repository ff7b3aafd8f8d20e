//! `briefsmith export --pdf-a`, and a template whose page style asks for PDF/A: the file
//! carries the sRGB output intent and the PDF/A-2b identification; other formats refuse
//! the flag. (The file's own conformance is checked in `crates/pdf/tests/pdf_a.rs`.)

use crate::cli_support::briefsmith;
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_briefs")
        .join(name)
}

/// Whether the PDF declares PDF/A-2b: an output intent and the XMP identification.
fn is_pdf_a(pdf: &Path) -> bool {
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let intent = catalog.get(b"OutputIntents").is_ok();
    let metadata = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let xmp = &doc
        .get_object(metadata)
        .unwrap()
        .as_stream()
        .unwrap()
        .content;
    let xmp = String::from_utf8_lossy(xmp);
    let identified = xmp.contains("<pdfaid:part>2</pdfaid:part>")
        && xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>");
    assert_eq!(
        intent, identified,
        "the output intent goes with the identification"
    );
    intent
}

#[test]
fn pdf_a_is_written_when_asked_for() {
    let home = tempfile::tempdir().unwrap();
    let draft = sample("bluf-air-defence.brief.json");
    let draft = draft.to_str().unwrap();
    let plain = home.path().join("plain.pdf");
    let archival = home.path().join("archival.pdf");
    briefsmith(["export", draft, "-o", plain.to_str().unwrap()])
        .home(home.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .ok();
    briefsmith(["export", draft, "--pdf-a", "-o", archival.to_str().unwrap()])
        .home(home.path())
        .env_remove("SOURCE_DATE_EPOCH")
        .ok();
    assert!(!is_pdf_a(&plain));
    assert!(is_pdf_a(&archival));
}

#[test]
fn a_template_can_ask_for_pdf_a() {
    let home = tempfile::tempdir().unwrap();
    let templates = home.path().join("templates");
    let folder = templates.join("archive-memo");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(
        folder.join("template.toml"),
        "name = \"archive-memo\"\ndescription = \"For the records system\"\n\n[page]\npdf_a = true\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("brief.md.j2"),
        "# Filed\n\nFiled for the record.\n",
    )
    .unwrap();
    let out_pdf = home.path().join("filed.pdf");
    briefsmith([
        "--templates",
        templates.to_str().unwrap(),
        "export",
        sample("sitrep-israel-iran.brief.json").to_str().unwrap(),
        "--template",
        "archive-memo",
        "-o",
        out_pdf.to_str().unwrap(),
    ])
    .home(home.path())
    .env_remove("SOURCE_DATE_EPOCH")
    .ok();
    assert!(is_pdf_a(&out_pdf));

    // `briefsmith typeset` with that template's page style is archival too.
    let notes = home.path().join("notes.md");
    std::fs::write(&notes, "# Notes\n\nFiled.\n").unwrap();
    let typeset_pdf = home.path().join("notes.pdf");
    briefsmith([
        "--templates",
        templates.to_str().unwrap(),
        "typeset",
        notes.to_str().unwrap(),
        "--template",
        "archive-memo",
        "-o",
        typeset_pdf.to_str().unwrap(),
    ])
    .home(home.path())
    .env_remove("SOURCE_DATE_EPOCH")
    .ok();
    assert!(is_pdf_a(&typeset_pdf));
}

#[test]
fn pdf_a_is_refused_for_other_formats() {
    let home = tempfile::tempdir().unwrap();
    let out_md = home.path().join("brief.md");
    let out = briefsmith([
        "export",
        sample("bluf-air-defence.brief.json").to_str().unwrap(),
        "--pdf-a",
        "-o",
        out_md.to_str().unwrap(),
    ])
    .home(home.path())
    .env_remove("SOURCE_DATE_EPOCH")
    .run();
    assert_eq!(out.code, Some(1));
    let stderr = &out.stderr;
    assert!(stderr.contains("--pdf-a is for PDF exports"), "{stderr}");
    assert!(!out_md.exists());
}
