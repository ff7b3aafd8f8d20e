//! PDF/A-2b: what can be checked without veraPDF (not installable here) is checked
//! structurally with lopdf: the binary header comment, the identifier, the sRGB output
//! intent with its profile, the PDF/A identification in an unfiltered XMP packet that
//! matches the Info dictionary, every font embedded, no `.notdef` shown, printable
//! annotations, and nothing PDF/A forbids (encryption, JavaScript, actions on open,
//! interpolated images).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::date::Timestamp;
use briefsmith_layout::{FontBook, typeset};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use lopdf::{Document, Object};

/// Text with a link, a note, an image with transparency and a private-use character no
/// font has (shown as .notdef in an ordinary file).
const MARKDOWN: &str = "\
# Archive copy

Reported by [the ministry](https://example.org/statement) on 11 October.[^1]

A mark no font has: \u{E000}.

![Logo](logo.png)

[^1]: Financial Times, 11 October 2024.
";

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 4, 4);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[120; 4 * 4 * 4]).unwrap();
    drop(writer);
    out
}

fn written(pdf_a: bool) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("logo.png"), png()).unwrap();
    let info = DocumentInfo {
        title: "Archive copy".into(),
        author: "J. Analyst".into(),
        ..DocumentInfo::default()
    };
    let doc = typeset(MARKDOWN, &PageStyle::default(), &info, Some(dir.path())).unwrap();
    let options = PdfOptions {
        timestamp: Some(Timestamp::from_unix(1_728_691_200)),
        pdf_a,
    };
    write_pdf(&doc, &FontBook::bundled(), &options).unwrap()
}

fn shown_codes(doc: &Document) -> Vec<u16> {
    let mut codes = Vec::new();
    for page in doc.get_pages().into_values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        for op in content.operations {
            let strings: Vec<Vec<u8>> = match op.operator.as_str() {
                "Tj" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec))
                    .collect(),
                "TJ" => op
                    .operands
                    .iter()
                    .filter_map(|o| o.as_array().ok())
                    .flatten()
                    .filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec))
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

fn xmp(doc: &Document) -> (String, bool) {
    let catalog = doc.catalog().unwrap();
    let id = catalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    (
        String::from_utf8(stream.content.clone()).unwrap(),
        stream.dict.has(b"Filter"),
    )
}

#[test]
fn an_archival_file_has_what_pdf_a_2b_asks() {
    let pdf = written(true);
    // A binary comment right after the header.
    assert!(pdf.starts_with(b"%PDF-1.7\n%"));
    assert!(pdf[10..14].iter().all(|&b| b > 127), "{:?}", &pdf[..16]);

    let doc = Document::load_mem(&pdf).unwrap();
    assert!(doc.trailer.get(b"Encrypt").is_err());
    let ids = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(ids.len(), 2);

    // The sRGB output intent and its profile.
    let catalog = doc.catalog().unwrap();
    for forbidden in [b"OpenAction".as_slice(), b"AA", b"Names"] {
        assert!(catalog.get(forbidden).is_err());
    }
    let intents = catalog.get(b"OutputIntents").unwrap().as_array().unwrap();
    assert_eq!(intents.len(), 1);
    let intent = intents[0].as_dict().unwrap();
    assert_eq!(intent.get(b"S").unwrap().as_name().unwrap(), b"GTS_PDFA1");
    let profile = doc
        .get_object(
            intent
                .get(b"DestOutputProfile")
                .unwrap()
                .as_reference()
                .unwrap(),
        )
        .unwrap()
        .as_stream()
        .unwrap();
    assert_eq!(profile.dict.get(b"N").unwrap().as_i64().unwrap(), 3);
    let icc = profile
        .decompressed_content()
        .unwrap_or(profile.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
    assert_eq!(&icc[16..20], b"RGB ");

    // The identification, in an unfiltered XMP that matches the Info dictionary.
    let (xmp, filtered) = xmp(&doc);
    assert!(!filtered, "PDF/A forbids a filter on the metadata stream");
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp}");
    assert!(
        xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{xmp}"
    );
    let info = doc
        .get_dictionary(doc.trailer.get(b"Info").unwrap().as_reference().unwrap())
        .unwrap();
    let title = String::from_utf8(info.get(b"Title").unwrap().as_str().unwrap().to_vec()).unwrap();
    assert!(xmp.contains(&format!("<rdf:li xml:lang=\"x-default\">{title}</rdf:li>")));
    assert_eq!(
        info.get(b"CreationDate").unwrap().as_str().unwrap(),
        b"D:20241012000000Z"
    );
    assert!(xmp.contains("<xmp:CreateDate>2024-10-12T00:00:00Z</xmp:CreateDate>"));

    // Every font embedded; .notdef never shown.
    let mut descriptors = 0;
    for object in doc.objects.values() {
        if let Ok(dict) = object.as_dict()
            && dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor")
        {
            descriptors += 1;
            assert!(
                dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile"),
                "a font without its program: {dict:?}"
            );
        }
        if let Ok(stream) = object.as_stream() {
            assert!(
                !matches!(stream.dict.get(b"Interpolate"), Ok(Object::Boolean(true))),
                "interpolated image"
            );
            assert!(stream.dict.get(b"S").and_then(Object::as_name).ok() != Some(b"JavaScript"));
        }
    }
    assert!(descriptors >= 2);
    assert!(!shown_codes(&doc).contains(&0), ".notdef shown");

    // Annotations print.
    let mut annotations = 0;
    for page in doc.get_pages().into_values() {
        let dict = doc.get_dictionary(page).unwrap();
        if let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) {
            for annot in annots {
                let annot = match annot {
                    Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
                    other => other.as_dict().unwrap(),
                };
                assert_eq!(annot.get(b"F").unwrap().as_i64().unwrap() & 4, 4);
                annotations += 1;
            }
        }
    }
    assert!(annotations >= 2, "the web link and the note links");
}

#[test]
fn an_ordinary_file_shows_notdef_and_claims_no_conformance() {
    let doc = Document::load_mem(&written(false)).unwrap();
    assert!(doc.catalog().unwrap().get(b"OutputIntents").is_err());
    assert!(!xmp(&doc).0.contains("pdfaid"));
    assert!(
        shown_codes(&doc).contains(&0),
        "the private-use character as .notdef"
    );
}
