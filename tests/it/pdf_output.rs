//! Markdown → typeset → PDF, read back with tools that share no code with the writer.

use crate::pdf_support::*;
use briefsmith_style::{DocumentInfo, PageStyle};
use lopdf::{Object, ObjectId};

fn info() -> DocumentInfo {
    DocumentInfo {
        title: "Border Crisis: Situation Report".into(),
        author: "J. Analyst".into(),
        subject: "Northern border".into(),
        keywords: vec!["border".into(), "escalation".into()],
        date: "25 November 2026".into(),
        banner: "OFFICIAL-SENSITIVE".into(),
    }
}

fn brief_pdf() -> Vec<u8> {
    pdf_of(BRIEF, &PageStyle::default(), &info())
}

#[test]
fn every_word_of_the_brief_is_extracted_in_reading_order() {
    let pdf = brief_pdf();
    for args in [&[][..], &["-layout"][..]] {
        let text = poppler("pdftotext", args, &pdf);
        let found = normalised_words(&text);
        assert_in_order(&normalised_words(&markdown_text(BRIEF)), &found);
        for note in [
            "Wire service dispatch, 24 November, graded B2.",
            "Foreign ministry statement, 23 November, graded A2.",
        ] {
            assert_in_order(&normalised_words(note), &found);
        }
    }
}

#[test]
fn every_font_is_embedded_and_subset() {
    let out = poppler("pdffonts", &[], &brief_pdf());
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert!(rows.len() >= 2, "expected several faces:\n{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni: {row}"
        );
        assert_eq!(cols[0].as_bytes().get(6), Some(&b'+'), "subset tag: {row}");
    }
}

#[test]
fn a_two_page_brief_is_small() {
    let mut long = BRIEF.to_string();
    long.push_str(&"\nFurther reporting describes the movements in detail. ".repeat(60));
    let pdf = pdf_of(&long, &PageStyle::default(), &info());
    let pages = load(&pdf).get_pages().len();
    assert!(pages >= 2, "{pages} pages");
    assert!(pdf.len() < 300_000, "{} bytes for {pages} pages", pdf.len());
}

fn load(pdf: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(pdf).expect("lopdf parses the PDF")
}

fn resolve<'a>(doc: &'a lopdf::Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).expect("reference resolves"),
        other => other,
    }
}

fn text(obj: &Object) -> String {
    match obj {
        Object::String(b, _) if b.starts_with(&[0xfe, 0xff]) => String::from_utf16(
            &b[2..]
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect::<Vec<_>>(),
        )
        .expect("UTF-16"),
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

/// The outline as (depth, title) in document order.
fn outline(doc: &lopdf::Document) -> Vec<(usize, String)> {
    fn walk(
        doc: &lopdf::Document,
        first: Option<&Object>,
        depth: usize,
        out: &mut Vec<(usize, String)>,
    ) {
        let mut next = first.cloned();
        while let Some(obj) = next {
            let item = resolve(doc, &obj).as_dict().expect("outline item");
            out.push((depth, text(item.get(b"Title").expect("title"))));
            walk(doc, item.get(b"First").ok(), depth + 1, out);
            next = item.get(b"Next").ok().cloned();
        }
    }
    let catalog = doc.catalog().expect("catalog");
    let root = resolve(doc, catalog.get(b"Outlines").expect("/Outlines"))
        .as_dict()
        .expect("outline root");
    let mut out = Vec::new();
    walk(doc, root.get(b"First").ok(), 0, &mut out);
    out
}

#[test]
fn the_outline_lists_the_headings_nested_by_level() {
    let doc = load(&brief_pdf());
    let titles = outline(&doc);
    assert_eq!(
        titles,
        vec![
            (0, "Border Crisis: Situation Report".to_string()),
            (1, "Key Judgments".to_string()),
            (1, "Background".to_string()),
            (2, "Assessed Indicators".to_string()),
            (1, "Outlook".to_string()),
        ]
    );
}

/// Every link annotation's action dictionary.
fn link_actions(doc: &lopdf::Document) -> Vec<lopdf::Dictionary> {
    let mut out = Vec::new();
    for id in doc.get_pages().into_values() {
        let page = doc.get_dictionary(id).expect("page");
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        for annot in resolve(doc, annots).as_array().expect("annots") {
            let annot = resolve(doc, annot).as_dict().expect("annot");
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let action = resolve(doc, annot.get(b"A").expect("action"));
            out.push(action.as_dict().expect("action dict").clone());
        }
    }
    out
}

#[test]
fn links_are_web_mail_or_internal_only() {
    let md = format!(
        "{BRIEF}\n\nMore: [bad](javascript:alert(1)), [file](file:///etc/passwd), \
         [ftp](ftp://example.org/x), [rel](notes.md), <https://example.com/auto>.\n"
    );
    let doc = load(&pdf_of(&md, &PageStyle::default(), &info()));
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let actions = link_actions(&doc);
    let mut uris = Vec::new();
    let mut gotos = 0;
    for action in &actions {
        match action.get(b"S").unwrap().as_name().unwrap() {
            b"URI" => uris.push(text(action.get(b"URI").unwrap())),
            b"GoTo" => {
                let dest = action.get(b"D").unwrap().as_array().unwrap();
                let page = dest[0].as_reference().unwrap();
                assert!(pages.contains(&page), "GoTo to a page of this file");
                gotos += 1;
            }
            other => panic!("action /{}", String::from_utf8_lossy(other)),
        }
    }
    for uri in &uris {
        let lower = uri.to_ascii_lowercase();
        assert!(
            lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("mailto:"),
            "{uri}"
        );
    }
    assert!(
        uris.contains(&"https://example.org/mission".to_string()),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"mailto:desk@example.org".to_string()),
        "{uris:?}"
    );
    assert!(
        uris.contains(&"https://example.com/auto".to_string()),
        "{uris:?}"
    );
    // Two note references and the notes' links back.
    assert!(gotos >= 2, "{gotos} internal links");
}

#[test]
fn nothing_can_run_code_when_the_file_opens() {
    let mut doc = load(&brief_pdf());
    doc.decompress();
    let forbidden: [&[u8]; 6] = [
        b"JS",
        b"JavaScript",
        b"Launch",
        b"OpenAction",
        b"AA",
        b"EmbeddedFile",
    ];
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        for (key, value) in dict.iter() {
            assert!(
                !forbidden.contains(&key.as_slice()),
                "/{}",
                String::from_utf8_lossy(key)
            );
            if let Object::Name(n) = value {
                assert!(
                    !forbidden.contains(&n.as_slice()),
                    "/{}",
                    String::from_utf8_lossy(n)
                );
            }
        }
    }
}

#[test]
fn the_info_dictionary_carries_the_metadata() {
    let doc = load(&brief_pdf());
    let info_dict = resolve(&doc, doc.trailer.get(b"Info").unwrap())
        .as_dict()
        .unwrap();
    assert_eq!(
        text(info_dict.get(b"Title").unwrap()),
        "Border Crisis: Situation Report"
    );
    assert_eq!(text(info_dict.get(b"Author").unwrap()), "J. Analyst");
    assert_eq!(text(info_dict.get(b"Subject").unwrap()), "Northern border");
    assert_eq!(
        text(info_dict.get(b"Keywords").unwrap()),
        "border, escalation"
    );
    let created = text(info_dict.get(b"CreationDate").unwrap());
    assert!(
        created.starts_with("D:20") && created.len() >= 16,
        "{created}"
    );
    let pdfinfo = poppler("pdfinfo", &[], &brief_pdf());
    assert!(pdfinfo.contains("Author:          J. Analyst"), "{pdfinfo}");
}

#[test]
fn page_size_follows_the_style() {
    let style = PageStyle {
        paper: briefsmith_style::Paper::Letter,
        ..PageStyle::default()
    };
    let pdfinfo = poppler("pdfinfo", &[], &pdf_of(BRIEF, &style, &info()));
    assert!(
        pdfinfo.contains("Page size:       612 x 792 pts"),
        "{pdfinfo}"
    );
}
