//! A document in eight scripts (Latin, Cyrillic, Greek, Persian, Arabic, Hebrew, Chinese,
//! emoji) typeset and written as PDF: every font embedded as a subset, no `.notdef` glyph
//! where some font on the machine has the character, the text read back as written, and a
//! warning naming what no font has.
//!
//! The Chinese lines need a system CJK font (`.ci/run` installs fonts-noto-cjk); on a
//! machine without one the test checks that the warning names them instead.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use std::process::Command;

use briefsmith_layout::{FontBook, PageItem, typeset};
use briefsmith_pdf::{PdfOptions, coverage_warning, uncovered_characters, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};

const MARKDOWN: &str = "\
# Names in the reporting

Latin: Pezeshkian met Putin in Ashgabat.

Cyrillic: Путин встретился с Пезешкианом.

Greek: Η συνάντηση έγινε στο Ασγκαμπάτ.

مسعود پزشکیان با ولادیمیر پوتین دیدار کرد.

التقى الرئيس الإيراني بالرئيس الروسي.

הנשיא האיראני נפגש עם נשיא רוסיה.

Chinese: 习近平 与 普京 会面。

Emoji: 👍 and 🌍.
";

fn has_system_cjk() -> bool {
    std::path::Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists()
}

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("multiscript.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(name);
    cmd.args(args).arg(&path);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every two-byte character code the content streams show with `Tj`/`TJ`.
fn shown_codes(pdf: &[u8]) -> Vec<u16> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let mut codes = Vec::new();
    for page in doc.get_pages().into_values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        for op in content.operations {
            let strings: Vec<&[u8]> = match op.operator.as_str() {
                "Tj" => op.operands.iter().filter_map(|o| o.as_str().ok()).collect(),
                "TJ" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .flatten()
                    .filter_map(|o| o.as_str().ok())
                    .collect(),
                _ => continue,
            };
            for s in strings {
                codes.extend(s.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])));
            }
        }
    }
    codes
}

#[test]
fn eight_scripts_embed_extract_and_warn_only_for_what_no_font_has() {
    let book = FontBook::bundled();
    let doc = typeset(
        MARKDOWN,
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .expect("typesets");
    let pdf = write_pdf(&doc, &book, &PdfOptions::default()).expect("writes");

    // Which characters drew .notdef in the layout: at most the emoji (colour bitmaps only,
    // unless the machine has an outline emoji font), and the Chinese only without a CJK font.
    let missing = uncovered_characters(&doc);
    for c in &missing {
        let emoji = matches!(*c, '👍' | '🌍');
        let chinese = "习近平与普京会面。".contains(*c);
        assert!(
            emoji || (chinese && !has_system_cjk()),
            "{c} (U+{:04X}) printed as .notdef",
            u32::from(*c)
        );
    }
    if has_system_cjk() {
        let cjk_faces: Vec<&str> = doc
            .pages
            .iter()
            .flat_map(|p| &p.items)
            .filter_map(|item| match item {
                PageItem::Glyphs(run) if run.text.contains('习') => Some(book.face_name(run.font)),
                _ => None,
            })
            .collect();
        assert!(cjk_faces.iter().all(|f| f.contains("CJK")), "{cjk_faces:?}");
    }
    // The PDF shows .notdef (code 0 in every embedded font here) exactly as often as the
    // layout drew it.
    let notdefs = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            PageItem::Glyphs(run) => Some(run.glyphs.iter().filter(|g| g.id == 0).count()),
            _ => None,
        })
        .sum::<usize>();
    let zero_codes = shown_codes(&pdf).iter().filter(|&&c| c == 0).count();
    assert_eq!(zero_codes, notdefs);

    // Every font embedded, as a subset; the Hebrew in Noto Hebrew; the CJK face as CFF.
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert!(n >= 7, "{row}");
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "{row}"
        );
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{row}");
    }
    assert!(fonts.contains("NotoSerifHebrew-Regular"), "{fonts}");
    if has_system_cjk() {
        assert!(
            rows.iter()
                .any(|r| r.contains("CJK") && r.contains("CID Type 0C")),
            "{fonts}"
        );
    }

    // The text reads back as written, script by script.
    let text = tool("pdftotext", &[], &pdf);
    for expected in [
        "Pezeshkian met Putin in Ashgabat.",
        "Путин встретился с Пезешкианом.",
        "Η συνάντηση έγινε στο Ασγκαμπάτ.",
        "Ashgabat",
        "习近平",
        "普京",
    ] {
        assert!(text.contains(expected), "{expected:?} not in {text}");
    }
    for word in ["پزشکیان", "الإيراني", "הנשיא", "👍", "🌍"] {
        assert!(text.contains(word), "{word:?} not in {text}");
    }

    // The warning names the emoji (when they have no outline font) and where they are.
    match coverage_warning(&doc) {
        Some(warning) => {
            assert!(warning.contains("(U+1F44D, page 1)"), "{warning}");
            assert!(warning.contains("Colour emoji"), "{warning}");
        }
        None => assert!(missing.is_empty()),
    }
}

#[test]
fn a_private_use_character_is_named_with_its_page() {
    let markdown = format!("{MARKDOWN}\nMark \u{E123} here.\n");
    let doc = typeset(
        &markdown,
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .expect("typesets");
    let warning = coverage_warning(&doc).expect("a warning");
    assert!(warning.contains("\u{E123} (U+E123, page 1)"), "{warning}");
    assert!(uncovered_characters(&doc).contains(&'\u{E123}'));
}

#[test]
fn emoji_print_from_a_monochrome_outline_font_when_the_system_has_one() {
    // `.ci/run` installs fonts-symbola; elsewhere the warning test above covers emoji.
    let symbola = "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf";
    if !std::path::Path::new(symbola).exists() {
        eprintln!("skipped: no {symbola} (Debian's fonts-symbola)");
        return;
    }
    let book = FontBook::bundled();
    let doc = typeset(
        "Emoji: 👍 and 🌍.\n",
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .expect("typesets");
    assert!(uncovered_characters(&doc).is_empty());
    assert!(coverage_warning(&doc).is_none());
    let emoji_faces: Vec<&str> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|item| match item {
            PageItem::Glyphs(run) if run.text.contains('👍') => Some(book.face_name(run.font)),
            _ => None,
        })
        .collect();
    assert_eq!(emoji_faces, ["Symbola"], "never the colour bitmap face");
    let pdf = write_pdf(&doc, &book, &PdfOptions::default()).expect("writes");
    let fonts = tool("pdffonts", &[], &pdf);
    assert!(fonts.contains("+Symbola"), "embedded as a subset: {fonts}");
    assert_eq!(shown_codes(&pdf).iter().filter(|&&c| c == 0).count(), 0);
    let text = tool("pdftotext", &[], &pdf);
    assert!(text.contains("👍") && text.contains("🌍"), "{text}");
}
