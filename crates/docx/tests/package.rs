//! The Word package as a reader's tools see it: every part well-formed XML, and each
//! Markdown construct mapped to its Word structure (numbering, notes, header rows,
//! pictures, links, right-to-left runs), read back from the zip.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use briefsmith_docx::{Docx, DocxError, Options, markdown_to_docx};
use briefsmith_style::WordStyle;
use briefsmith_style::{DocumentInfo, NotesPlacement, PageStyle};

/// Every part of the package by name, as text (media as lossy text).
fn parts(docx: &Docx) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx.bytes)).unwrap();
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        out.insert(
            file.name().unwrap().into_owned(),
            String::from_utf8_lossy(&bytes).into_owned(),
        );
    }
    out
}

/// Parses an XML part to the end; panics naming the part and place if it is not well-formed.
fn well_formed(name: &str, text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("{name} at byte {}: {e}", reader.buffer_position()),
        }
    }
}

fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Test brief".into(),
        author: "Analyst <a&b>".into(),
        subject: "Subject".into(),
        keywords: vec!["Putin".into(), "Pezeshkian".into()],
        date: "12 October 2024".into(),
        banner: "OFFICIAL-SENSITIVE".into(),
    }
}

fn export(md: &str, page: &PageStyle, base: Option<&Path>) -> (Docx, BTreeMap<String, String>) {
    let word = WordStyle::default();
    let options = Options {
        word: &word,
        base_dir: base,
        reference_docx: None,
    };
    let docx = markdown_to_docx(md, page, &info(), &options).unwrap();
    let parts = parts(&docx);
    for (name, text) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            well_formed(name, text);
        }
    }
    (docx, parts)
}

const BRIEF: &str = "# Test brief

**For:** Readers\\
**Date:** 12 October 2024

## Key judgments

Iran asks for air defence.[^1][^2] Again the first source.[^1] See [the outlook](#outlook)
and [the report](https://example.org/a?b=1&c=2). A missing note[^none].

1. First judgment
2. Second judgment
   - nested bullet

- [x] done task
- [ ] open task

> A quote from the record.
>
> — Yoav Gallant, Israeli defence minister

```
code <kept>
  indented
```

| Ref | Source |
|:--|--:|
| S1 | Financial Times |

---

![A gradient](gradient.png)

![A page](figure.jpg)

![Gone](missing.png)

## Outlook

Pezeshkian (مسعود پزشکیان) met Путин.

مسعود پزشکیان گفت که ایران آماده است.

[^1]: Financial Times, 11 October 2024, para 2 (S1). Grade B3.
[^2]: Second source, with a [link](https://example.org/note).
[^3]: Never referenced.
";

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

#[test]
fn headings_lists_tables_and_pictures_become_word_structure() {
    let (docx, parts) = export(BRIEF, &PageStyle::default(), Some(&fixtures()));
    let doc = &parts["word/document.xml"];
    assert!(doc.contains("<w:pStyle w:val=\"Title\"/>"));
    assert!(
        doc.contains("<w:pStyle w:val=\"Subtitle\"/>"),
        "title block metadata"
    );
    assert!(doc.contains("<w:pStyle w:val=\"Heading2\"/>"));
    // Lists: two lists and a nested one, each its own numbering instance.
    let numbering = &parts["word/numbering.xml"];
    assert_eq!(numbering.matches("<w:num w:numId=").count(), 3);
    assert!(
        doc.contains("<w:ilvl w:val=\"1\"/>"),
        "nested list one level down"
    );
    assert!(doc.contains("☒ ") && doc.contains("☐ "));
    // A quote's closing "— Name" line is its attribution, set to the right as in the PDF.
    let attribution = doc.find("— Yoav Gallant").unwrap();
    let start = doc[..attribution].rfind("<w:p>").unwrap();
    assert!(doc[start..attribution].contains("QuoteAttribution"));
    // Table: a repeated header row, alignments kept.
    assert!(doc.contains("<w:tblHeader/>"));
    assert!(doc.contains("<w:jc w:val=\"right\"/>"));
    // Columns share the width by their longest cell: "Ref" narrower than "Financial Times".
    let widths: Vec<u32> = doc
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(widths.len(), 2);
    assert!(widths[0] * 2 < widths[1], "{widths:?}");
    // Pictures: PNG and JPEG embedded with their relationships; the missing one a placeholder.
    assert!(parts.contains_key("word/media/image1.png"));
    assert!(parts.contains_key("word/media/image2.jpeg"));
    assert_eq!(doc.matches("<w:drawing>").count(), 2);
    assert!(doc.contains("[image: Gone]"));
    assert_eq!(docx.warnings.len(), 1, "{:?}", docx.warnings);
    assert!(docx.warnings[0].contains("missing.png"));
    // 120 px at 96 dpi = 90 pt = 1,143,000 EMU.
    assert!(doc.contains("cx=\"1143000\""), "natural size at 96 dpi");
    // Code keeps its markup characters and line breaks.
    assert!(doc.contains("code &lt;kept&gt;</w:t><w:br/>"));
    // Links: the external one through a relationship, the internal one to the heading's bookmark.
    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(rels.contains("Target=\"https://example.org/a?b=1&amp;c=2\" TargetMode=\"External\""));
    assert!(doc.contains("w:anchor=\"h_outlook\""));
    assert!(doc.contains("w:name=\"h_outlook\""));
    let types = &parts["[Content_Types].xml"];
    assert!(types.contains("Extension=\"jpeg\""));
}

#[test]
fn notes_are_real_footnotes_numbered_by_first_reference() {
    let (_, parts) = export(BRIEF, &PageStyle::default(), None);
    let doc = &parts["word/document.xml"];
    let notes = &parts["word/footnotes.xml"];
    assert_eq!(doc.matches("<w:footnoteReference ").count(), 2);
    assert!(notes.contains("<w:footnote w:id=\"1\">"));
    assert!(notes.contains("para 2 (S1). Grade B3."));
    assert!(notes.contains("<w:footnoteRef/>"));
    // The second reference to note 1 prints its number; an unknown label stays literal.
    assert!(doc.contains("<w:t xml:space=\"preserve\">1</w:t>"));
    assert!(doc.contains("[^none]"));
    // A link inside a note gets a relationship of the notes part.
    assert!(parts["word/_rels/footnotes.xml.rels"].contains("https://example.org/note"));
    // The unreferenced note is set at the end under "Notes", numbered after the others.
    assert!(doc.contains(">Notes</w:t>"));
    assert!(doc.contains(">3.</w:t>"));
    assert!(doc.contains("Never referenced."));
    assert!(!parts["word/endnotes.xml"].contains("Grade B3"));
}

#[test]
fn endnote_templates_get_endnotes() {
    let page = PageStyle {
        notes: NotesPlacement::Endnotes,
        ..PageStyle::default()
    };
    let (_, parts) = export(BRIEF, &page, None);
    assert_eq!(
        parts["word/document.xml"]
            .matches("<w:endnoteReference ")
            .count(),
        2
    );
    assert!(parts["word/endnotes.xml"].contains("Grade B3."));
    // Numbered 1, 2, 3 as in the PDF (Word's default is i, ii, iii), with no stranded
    // "Notes" heading for the endnotes (the unreferenced note still has one).
    assert!(parts["word/settings.xml"].contains("<w:endnotePr><w:numFmt w:val=\"decimal\"/>"));
    assert!(parts["word/document.xml"].contains("<w:endnotePr><w:numFmt w:val=\"decimal\"/>"));
    assert!(!parts["word/footnotes.xml"].contains("Grade B3."));
}

#[test]
fn banner_and_page_fields_in_every_header_and_footer() {
    let (_, parts) = export(BRIEF, &PageStyle::default(), None);
    for part in ["word/header1.xml", "word/header2.xml", "word/footer1.xml"] {
        assert!(parts[part].contains(">OFFICIAL-SENSITIVE</w:t>"), "{part}");
    }
    // The title page carries the banner but not the running head, as in the PDF.
    assert!(parts["word/header1.xml"].contains(">Test brief</w:t>"));
    assert!(!parts["word/header2.xml"].contains("Test brief"));
    assert!(parts["word/document.xml"].contains("<w:titlePg/>"));
    let footer = &parts["word/footer1.xml"];
    assert!(footer.contains("w:instr=\" PAGE \""));
    assert!(footer.contains("w:instr=\" NUMPAGES \""));
    assert!(footer.contains(">Page </w:t>"));
}

#[test]
fn properties_language_and_right_to_left_text() {
    let (_, parts) = export(BRIEF, &PageStyle::default(), None);
    let core = &parts["docProps/core.xml"];
    assert!(core.contains("<dc:title>Test brief</dc:title>"));
    assert!(core.contains("<dc:creator>Analyst &lt;a&amp;b&gt;</dc:creator>"));
    assert!(core.contains("<cp:keywords>Putin, Pezeshkian</cp:keywords>"));
    assert!(core.contains("<dc:language>en-GB</dc:language>"));
    assert!(parts["word/styles.xml"].contains("<w:lang w:val=\"en-GB\""));
    let doc = &parts["word/document.xml"];
    // The Persian paragraph is right-to-left; the English one with a Persian name is not,
    // but the name is a right-to-left run.
    let persian = doc.find("مسعود پزشکیان گفت").unwrap();
    let para_start = doc[..persian].rfind("<w:p>").unwrap();
    assert!(doc[para_start..persian].contains("<w:bidi/>"));
    let mixed = doc.find("Pezeshkian (").unwrap();
    let para_start = doc[..mixed].rfind("<w:p>").unwrap();
    assert!(!doc[para_start..mixed].contains("<w:bidi/>"));
    assert!(doc.contains("<w:rtl/><w:lang w:bidi=\"fa-IR\"/></w:rPr><w:t xml:space=\"preserve\">مسعود پزشکیان) </w:t>"));
    assert!(doc.contains(">met Путин.</w:t>"));
}

#[test]
fn hostile_text_stays_literal_and_the_xml_valid() {
    let big = "Путин & <b> ".repeat(90_000);
    let md = String::from(
        "# T\n\nA field { DATE \\@ \"yyyy\" } and {{ PAGE }} and MERGEFIELD x.\n\n",
    ) + "Specials <w:p>&amp; \"q\" 'a' ]]> and controls \u{1}\u{7}\u{b}\u{1f}\u{fffe} end.\n\n"
        + &big
        + "\n";
    let (_, parts) = export(&md, &PageStyle::default(), None);
    let doc = &parts["word/document.xml"];
    assert!(
        doc.contains("{ DATE @ \"yyyy\" }"),
        "Markdown's \\@ is an escaped @"
    );
    assert!(doc.contains("{{ PAGE }}"));
    assert!(!doc.contains("w:fldSimple") && !doc.contains("w:instrText"));
    // Markdown decodes the entity `&amp;` to `&`, which the XML escapes again.
    assert!(doc.contains("Specials &lt;w:p&gt;&amp; \"q\" 'a' ]]&gt; and"));
    assert!(doc.contains("controls \u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd} end."));
    assert!(doc.len() > 1_000_000);
}

#[test]
fn a_reference_docx_supplies_the_styles_and_the_rest_are_added() {
    let dir = tempfile::tempdir().unwrap();
    // A reference document of our own making whose Title style is red.
    let (plain, parts) = export("# T\n\nText.\n", &PageStyle::default(), None);
    let styles = parts["word/styles.xml"].replacen(
        "<w:name w:val=\"Title\"/>",
        "<w:name w:val=\"Title\"/><!-- house -->",
        1,
    );
    let styles = styles.replace(
        &styles[styles
            .find("<w:style w:type=\"paragraph\" w:styleId=\"Quote\">")
            .unwrap()
            ..styles
                .find("<w:style w:type=\"paragraph\" w:styleId=\"SourceCode\">")
                .unwrap()],
        "",
    );
    let reference = dir.path().join("house.docx");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&reference).unwrap());
        zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, styles.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    assert!(!plain.bytes.is_empty());
    let word = WordStyle::default();
    let options = Options {
        word: &word,
        base_dir: None,
        reference_docx: Some(&reference),
    };
    let docx = markdown_to_docx("# T\n\n> q\n", &PageStyle::default(), &info(), &options).unwrap();
    let merged = &self::parts(&docx)["word/styles.xml"];
    well_formed("merged styles", merged);
    assert!(
        merged.contains("<!-- house -->"),
        "the reference's own styles are kept"
    );
    assert_eq!(merged.matches("w:styleId=\"Title\"").count(), 1);
    assert_eq!(
        merged.matches("w:styleId=\"Quote\"").count(),
        1,
        "a missing style is added"
    );

    let missing = dir.path().join("none.docx");
    let options = Options {
        reference_docx: Some(&missing),
        ..options
    };
    let err = markdown_to_docx("x", &PageStyle::default(), &info(), &options).unwrap_err();
    assert!(matches!(err, DocxError::Reference { .. }));
    assert!(err.to_string().contains("none.docx"), "{err}");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = export(BRIEF, &PageStyle::default(), Some(&fixtures())).0;
    let b = export(BRIEF, &PageStyle::default(), Some(&fixtures())).0;
    assert_eq!(a.bytes, b.bytes);
}
