//! `briefsmith typeset INPUT.md [--template NAME] -o OUT.pdf`, run as the user runs it.

use crate::cli_support::briefsmith;
use std::path::Path;

use crate::pdf_support::*;

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect()
}

#[test]
fn typesets_a_markdown_file_to_pdf() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("brief.md"), BRIEF).unwrap();
    briefsmith(["typeset", "brief.md", "-o", "brief.pdf"])
        .dir(dir.path())
        .ok();
    let pdf = dir.path().join("brief.pdf");
    let text = poppler_file("pdftotext", &[], &pdf);
    assert_in_order(
        &normalised_words(&markdown_text(BRIEF)),
        &normalised_words(&text),
    );
    let info = poppler_file("pdfinfo", &[], &pdf);
    assert!(
        info.contains("Title:           Border Crisis: Situation Report"),
        "{info}"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn without_a_heading_the_title_comes_from_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("field-notes.md"),
        "Just a paragraph of notes.\n",
    )
    .unwrap();
    briefsmith(["typeset", "field-notes.md", "-o", "notes.pdf"])
        .dir(dir.path())
        .ok();
    let info = poppler_file("pdfinfo", &[], &dir.path().join("notes.pdf"));
    assert!(info.contains("Title:           field notes"), "{info}");
}

#[test]
fn replaces_an_existing_output_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# Second version\n\nNew text.\n").unwrap();
    std::fs::write(dir.path().join("a.pdf"), b"old contents").unwrap();
    briefsmith(["typeset", "a.md", "-o", "a.pdf"])
        .dir(dir.path())
        .ok();
    let bytes = std::fs::read(dir.path().join("a.pdf")).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_missing_input_is_reported_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefsmith(["typeset", "nope.md", "-o", "out.pdf"])
        .dir(dir.path())
        .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(err.contains("nope.md"), "{err}");
    assert!(!dir.path().join("out.pdf").exists());
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn an_unknown_template_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    let out = briefsmith([
        "typeset",
        "a.md",
        "--template",
        "no-such-template",
        "-o",
        "a.pdf",
    ])
    .dir(dir.path())
    .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(err.contains("no-such-template"), "{err}");
    assert!(!dir.path().join("a.pdf").exists());
}

#[test]
fn a_template_sets_the_page_style() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), BRIEF).unwrap();
    for name in ["bluf-memo", "sitrep", "read-ahead"] {
        let pdf = format!("{name}.pdf");
        briefsmith(["typeset", "a.md", "--template", name, "-o", &pdf])
            .dir(dir.path())
            .ok();
        let text = poppler_file("pdftotext", &[], &dir.path().join(&pdf));
        assert_in_order(
            &normalised_words(&markdown_text(BRIEF)),
            &normalised_words(&text),
        );
    }
}

#[test]
fn an_unwritable_output_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# A\n").unwrap();
    let out = briefsmith(["typeset", "a.md", "-o", "missing-dir/a.pdf"])
        .dir(dir.path())
        .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(err.contains("missing-dir/a.pdf"), "{err}");
}

#[test]
fn non_utf8_input_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bin.md"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let out = briefsmith(["typeset", "bin.md", "-o", "bin.pdf"])
        .dir(dir.path())
        .run();
    assert!(!out.success());
    assert!(out.stderr.contains("UTF-8"));
}

#[test]
fn an_image_beside_a_markdown_file_named_without_a_folder_is_embedded() {
    let dir = tempfile::tempdir().unwrap();
    let png = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/screenshot.png");
    std::fs::copy(png, dir.path().join("shot.png")).unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n![The app](shot.png)\n\nAfter the image.\n",
    )
    .unwrap();
    briefsmith(["typeset", "notes.md", "-o", "notes.pdf"])
        .dir(dir.path())
        .ok();
    let pdf = dir.path().join("notes.pdf");
    let images = poppler_file("pdfimages", &["-list"], &pdf);
    assert!(images.lines().any(|l| l.contains("image")), "{images}");
    let text = poppler_file("pdftotext", &[], &pdf);
    assert!(!text.contains("Image not shown"), "{text}");
    assert!(text.contains("After the image."), "{text}");
}

#[test]
fn the_output_can_never_replace_the_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Notes\n\nKeep me.\n").unwrap();
    let out = briefsmith(["typeset", "notes.md", "-o", "./notes.md"])
        .dir(dir.path())
        .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(err.contains("being exported"), "{err}");
    let kept = std::fs::read_to_string(dir.path().join("notes.md")).unwrap();
    assert_eq!(kept, "# Notes\n\nKeep me.\n");
}
