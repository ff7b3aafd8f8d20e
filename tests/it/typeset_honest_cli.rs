//! `briefsmith typeset` on inputs that used to mislead or hang: text no bundled font
//! covers is warned about, and a device named as the input is refused at once.

use crate::cli_support::briefsmith;

#[test]
fn text_no_font_covers_is_written_and_warned_about() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("notes.md"),
        "# Notes\n\n\u{E000}\u{E001} and \u{F0000}.\n",
    )
    .unwrap();
    let out = briefsmith(["typeset", "notes.md", "-o", "notes.pdf"])
        .dir(dir.path())
        .ok();
    let err = &out.stderr;
    assert!(
        err.contains("warning: notes.md: 3 character(s) have no font"),
        "{err}"
    );
    assert!(err.contains("(U+E000, page 1)"), "{err}");
    assert!(dir.path().join("notes.pdf").exists());
}

#[test]
fn covered_text_gives_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Notes\n\nPlain café text.\n").unwrap();
    let out = briefsmith(["typeset", "notes.md", "-o", "notes.pdf"])
        .dir(dir.path())
        .ok();
    assert!(!out.stderr.contains("warning"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_device_as_input_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefsmith(["typeset", "/dev/zero", "-o", "out.pdf"])
        .dir(dir.path())
        .run();
    assert!(!out.success());
    let err = &out.stderr;
    assert!(
        err.contains("/dev/zero: is a device, not a regular file"),
        "{err}"
    );
    assert!(!dir.path().join("out.pdf").exists());
}
