//! Writer tests on hand-made documents, read back with lopdf and poppler's tools.

use std::process::Command;
use std::sync::Arc;

use briefsmith_layout::{
    Anchor, Document, GlyphRun, ImageBox, LinkArea, LinkTarget, OutlineEntry, Page, PageItem,
    PositionedGlyph, Rect, Rgb,
};
use briefsmith_style::DocumentInfo;
use lopdf::{Object, ObjectId};

use super::*;

/// Fonts straight from the repository's fonts/ folder.
struct DiskFaces(Vec<(String, Vec<u8>)>);

impl DiskFaces {
    fn load() -> Self {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fonts/");
        DiskFaces(
            ["NotoSerif-Regular", "NotoSans-Bold"]
                .iter()
                .map(|n| {
                    let data = std::fs::read(format!("{dir}{n}.ttf")).expect("bundled font");
                    (n.to_string(), data)
                })
                .collect(),
        )
    }
}

impl FaceSource for DiskFaces {
    fn face_bytes(&self, id: FontId) -> &[u8] {
        &self.0[id.0 as usize].1
    }
    fn face_label(&self, id: FontId) -> &str {
        &self.0[id.0 as usize].0
    }
}

/// `text` set at (x, baseline) with the font's advances plus `stretch` per space, as a
/// justified line would be.
fn run(
    faces: &DiskFaces,
    font: u16,
    text: &str,
    x: f32,
    baseline: f32,
    size: f32,
    stretch: f32,
) -> GlyphRun {
    let face = ttf_parser::Face::parse(faces.face_bytes(FontId(font)), 0).unwrap();
    let scale = size / f32::from(face.units_per_em());
    let mut pen = x;
    let glyphs = text
        .char_indices()
        .map(|(i, c)| {
            let id = face.glyph_index(c).map(|g| g.0).unwrap_or(0);
            let mut advance =
                f32::from(face.glyph_hor_advance(ttf_parser::GlyphId(id)).unwrap_or(0)) * scale;
            if c == ' ' {
                advance += stretch;
            }
            let g = PositionedGlyph {
                id,
                x: pen,
                y: baseline,
                advance,
                cluster: i as u32,
            };
            pen += advance;
            g
        })
        .collect();
    GlyphRun {
        font: FontId(font),
        size,
        color: Rgb::BLACK,
        text: text.into(),
        glyphs,
    }
}

fn png_bytes(width: u32, height: u32, rgba: [u8; 4]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..width * height).flat_map(|_| rgba).collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

fn sample(faces: &DiskFaces) -> Document {
    let page = |items: Vec<PageItem>, links: Vec<LinkArea>, anchors: Vec<Anchor>| Page {
        width: 595.0,
        height: 842.0,
        items,
        links,
        anchors,
    };
    let link = |y: f32, target: LinkTarget| LinkArea {
        tag: None,
        x: 72.0,
        y,
        width: 100.0,
        height: 12.0,
        target,
    };
    let first = page(
        vec![
            PageItem::Glyphs(run(faces, 1, "Situation Report", 72.0, 90.0, 18.0, 0.0)),
            PageItem::Rect(Rect {
                x: 72.0,
                y: 96.0,
                width: 451.0,
                height: 0.8,
                color: Rgb(0.2, 0.2, 0.5),
            }),
            PageItem::Glyphs(run(
                faces,
                0,
                "Forces massed near the border crossing",
                72.0,
                130.0,
                10.5,
                3.0,
            )),
            PageItem::Glyphs(run(
                faces,
                0,
                "according to officials, who spoke café-side.",
                72.0,
                144.0,
                10.5,
                0.0,
            )),
            PageItem::Glyphs(run(faces, 1, "Key Judgments", 72.0, 180.0, 13.0, 0.0)),
            PageItem::Glyphs(run(
                faces,
                0,
                "Escalation is likely within weeks.",
                72.0,
                200.0,
                10.5,
                0.0,
            )),
            PageItem::Image(ImageBox {
                x: 72.0,
                y: 220.0,
                width: 60.0,
                height: 30.0,
                data: Arc::new(png_bytes(6, 3, [200, 30, 30, 128])),
            }),
        ],
        vec![
            link(
                120.0,
                LinkTarget::External("https://example.org/report".into()),
            ),
            link(
                134.0,
                LinkTarget::External("mailto:desk@example.org".into()),
            ),
            link(150.0, LinkTarget::External("javascript:alert(1)".into())),
            link(160.0, LinkTarget::External("file:///etc/passwd".into())),
            link(170.0, LinkTarget::Internal("note-1".into())),
            link(175.0, LinkTarget::Internal("no-such-anchor".into())),
        ],
        vec![Anchor {
            name: "ref-1".into(),
            y: 130.0,
        }],
    );
    let second = page(
        vec![
            PageItem::Glyphs(run(faces, 1, "Sources", 72.0, 90.0, 13.0, 0.0)),
            PageItem::Glyphs(run(
                faces,
                0,
                "1. Wire service dispatch, graded B2.",
                72.0,
                110.0,
                9.0,
                0.0,
            )),
        ],
        vec![link(100.0, LinkTarget::Internal("ref-1".into()))],
        vec![Anchor {
            name: "note-1".into(),
            y: 100.0,
        }],
    );
    Document {
        pages: vec![first, second],
        outline: vec![
            OutlineEntry {
                level: 1,
                title: "Situation Report".into(),
                page: 0,
                y: 72.0,
            },
            OutlineEntry {
                level: 2,
                title: "Key Judgments".into(),
                page: 0,
                y: 167.0,
            },
            OutlineEntry {
                level: 2,
                title: "Sources — annexe".into(),
                page: 1,
                y: 77.0,
            },
        ],
        info: DocumentInfo {
            title: "Situation Report".into(),
            author: "J. Analyst".into(),
            subject: "Border crisis".into(),
            keywords: vec!["border".into(), "escalation".into()],
            date: "25 November 2026".into(),
            banner: String::new(),
        },
        warnings: Vec::new(),
        // Hand-made pages carry no tags: the file is written untagged.
        structure: Vec::new(),
    }
}

/// Options dating the file `secs` seconds after the Unix epoch.
fn dated(secs: i64) -> PdfOptions {
    PdfOptions {
        timestamp: Some(Timestamp::from_unix(secs)),
        ..PdfOptions::default()
    }
}

fn write_sample() -> Vec<u8> {
    let faces = DiskFaces::load();
    write_with(&sample(&faces), &faces, &dated(1_795_587_658)).unwrap()
}

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile_dir();
    let path = dir.join(format!("{}-{}.pdf", name, std::process::id()));
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = Command::new(name);
    cmd.args(args).arg(&path);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed for this test: {e}"));
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("briefsmith-pdf-tests");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_owned).collect()
}

#[test]
fn text_extracts_in_reading_order() {
    let text = tool("pdftotext", &[], &write_sample());
    let expected = "Situation Report Forces massed near the border crossing according to \
                    officials, who spoke café-side. Key Judgments Escalation is likely within \
                    weeks. Sources 1. Wire service dispatch, graded B2.";
    assert_eq!(words(&text), words(expected));
}

#[test]
fn words_land_where_the_layout_put_them() {
    // pdftotext -bbox gives each word's box in points from the top-left, like the layout.
    let html = tool("pdftotext", &["-bbox"], &write_sample());
    let word = |w: &str| -> (f32, f32, f32) {
        let line = html
            .lines()
            .find(|l| l.ends_with(&format!(">{w}</word>")))
            .unwrap();
        let attr = |name: &str| -> f32 {
            let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[start..].split('"').next().unwrap().parse().unwrap()
        };
        (attr("xMin"), attr("yMin"), attr("yMax"))
    };
    let faces = DiskFaces::load();
    let justified = run(
        &faces,
        0,
        "Forces massed near the border crossing",
        72.0,
        130.0,
        10.5,
        3.0,
    );
    let crossing = justified.glyphs[justified.text.find("crossing").unwrap()].x;
    let (x, y0, y1) = word("crossing");
    assert!(
        (x - crossing).abs() < 0.3,
        "crossing at {x}, layout {crossing}"
    );
    assert!(
        y0 < 130.0 && y1 > 130.0 && y0 > 115.0,
        "crossing spans {y0}..{y1}"
    );
    let (x, y0, _) = word("Sources");
    assert!((x - 72.0).abs() < 0.5 && y0 > 70.0 && y0 < 90.0);
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let out = tool("pdffonts", &[], &write_sample());
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{out}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(2 words) encoding emb sub uni object ID
        assert!(cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+', "{row}");
        assert!(row.contains("CID TrueType"), "{row}");
        assert_eq!(
            &cols[cols.len() - 5..cols.len() - 2],
            &["yes", "yes", "yes"],
            "{row}"
        );
    }
}

#[test]
fn the_file_is_small() {
    let pdf = write_sample();
    assert!(pdf.len() < 60_000, "{} bytes", pdf.len());
}

fn load(pdf: &[u8]) -> lopdf::Document {
    lopdf::Document::load_mem(pdf).expect("lopdf parses the output")
}

fn dict<'a>(doc: &'a lopdf::Document, obj: &'a Object) -> &'a lopdf::Dictionary {
    match obj {
        Object::Reference(id) => doc.get_dictionary(*id).unwrap(),
        Object::Dictionary(d) => d,
        other => panic!("not a dictionary: {other:?}"),
    }
}

fn text_of(obj: &Object) -> String {
    match obj {
        Object::String(bytes, _) if bytes.starts_with(&[0xfe, 0xff]) => {
            let units: Vec<u16> = bytes[2..]
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        Object::String(bytes, _) => String::from_utf8(bytes.clone()).unwrap(),
        other => panic!("not a string: {other:?}"),
    }
}

#[test]
fn the_outline_nests_headings_and_points_at_their_place() {
    let doc = load(&write_sample());
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let catalog = doc.catalog().unwrap();
    assert_eq!(
        catalog.get(b"PageMode").unwrap().as_name().unwrap(),
        b"UseOutlines"
    );
    let outlines = dict(&doc, catalog.get(b"Outlines").unwrap());
    assert_eq!(outlines.get(b"Count").unwrap().as_i64().unwrap(), 3);
    let top = dict(&doc, outlines.get(b"First").unwrap());
    assert_eq!(text_of(top.get(b"Title").unwrap()), "Situation Report");
    assert!(top.get(b"Next").is_err(), "one top-level heading");
    let first_child = dict(&doc, top.get(b"First").unwrap());
    assert_eq!(text_of(first_child.get(b"Title").unwrap()), "Key Judgments");
    let dest = first_child.get(b"Dest").unwrap().as_array().unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), pages[0]);
    assert_eq!(dest[1].as_name().unwrap(), b"XYZ");
    assert!((dest[3].as_float().unwrap() - (842.0 - 167.0)).abs() < 0.01);
    let second_child = dict(&doc, first_child.get(b"Next").unwrap());
    assert_eq!(
        text_of(second_child.get(b"Title").unwrap()),
        "Sources — annexe"
    );
    let dest = second_child.get(b"Dest").unwrap().as_array().unwrap();
    assert_eq!(dest[0].as_reference().unwrap(), pages[1]);
}

/// Every link annotation in the file, as (page index, action dictionary).
fn link_actions(doc: &lopdf::Document) -> Vec<(usize, lopdf::Dictionary)> {
    let mut out = Vec::new();
    for (index, id) in doc.get_pages().into_values().enumerate() {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else {
            continue;
        };
        let annots = match annots {
            Object::Reference(r) => doc.get_object(*r).unwrap().as_array().unwrap(),
            other => other.as_array().unwrap(),
        };
        for annot in annots {
            let annot = dict(doc, annot);
            assert_eq!(annot.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            out.push((index, dict(doc, annot.get(b"A").unwrap()).clone()));
        }
    }
    out
}

#[test]
fn links_go_to_web_mail_and_notes_only() {
    let doc = load(&write_sample());
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let links = link_actions(&doc);
    let uris: Vec<String> = links
        .iter()
        .filter(|(_, a)| a.get(b"S").unwrap().as_name().unwrap() == b"URI")
        .map(|(_, a)| text_of(a.get(b"URI").unwrap()))
        .collect();
    assert_eq!(
        uris,
        ["https://example.org/report", "mailto:desk@example.org"]
    );
    let gotos: Vec<(usize, Vec<Object>)> = links
        .iter()
        .filter(|(_, a)| a.get(b"S").unwrap().as_name().unwrap() == b"GoTo")
        .map(|(p, a)| (*p, a.get(b"D").unwrap().as_array().unwrap().clone()))
        .collect();
    assert_eq!(gotos.len(), 2, "the unknown anchor makes no link");
    // Note reference on page 1 → the note on page 2, and back.
    assert_eq!(gotos[0].0, 0);
    assert_eq!(gotos[0].1[0].as_reference().unwrap(), pages[1]);
    assert!((gotos[0].1[3].as_float().unwrap() - 742.0).abs() < 0.01);
    assert_eq!(gotos[1].0, 1);
    assert_eq!(gotos[1].1[0].as_reference().unwrap(), pages[0]);
    assert_eq!(links.len(), 4);
}

#[test]
fn nothing_in_the_file_can_run_code() {
    let pdf = write_sample();
    let mut doc = load(&pdf);
    doc.decompress();
    for (_, object) in doc.objects.iter() {
        let dicts: Vec<&lopdf::Dictionary> = match object {
            Object::Dictionary(d) => vec![d],
            Object::Stream(s) => vec![&s.dict],
            _ => vec![],
        };
        for d in dicts {
            for (key, value) in d.iter() {
                for bad in [&b"JS"[..], b"JavaScript", b"OpenAction", b"AA", b"Launch"] {
                    assert_ne!(key.as_slice(), bad, "key /{}", String::from_utf8_lossy(bad));
                    if let Object::Name(n) = value {
                        assert_ne!(n.as_slice(), bad);
                    }
                }
            }
        }
    }
}

#[test]
fn metadata_is_in_the_info_dictionary_and_xmp() {
    let doc = load(&write_sample());
    let info = dict(&doc, doc.trailer.get(b"Info").unwrap());
    assert_eq!(text_of(info.get(b"Title").unwrap()), "Situation Report");
    assert_eq!(text_of(info.get(b"Author").unwrap()), "J. Analyst");
    assert_eq!(text_of(info.get(b"Subject").unwrap()), "Border crisis");
    assert_eq!(
        text_of(info.get(b"Keywords").unwrap()),
        "border, escalation"
    );
    assert_eq!(
        text_of(info.get(b"CreationDate").unwrap()),
        "D:20261125062058Z"
    );
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    let catalog = doc.catalog().unwrap();
    let xmp = match doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()) {
        Ok(Object::Stream(s)) => String::from_utf8(s.content.clone()).unwrap(),
        other => panic!("no XMP stream: {other:?}"),
    };
    assert!(xmp.contains("<rdf:li xml:lang=\"x-default\">Situation Report</rdf:li>"));
    assert!(xmp.contains("<xmp:CreateDate>2026-11-25T06:20:58Z</xmp:CreateDate>"));
    let pdfinfo = tool("pdfinfo", &[], &write_sample());
    assert!(
        pdfinfo.contains("Title:           Situation Report"),
        "{pdfinfo}"
    );
    assert!(pdfinfo.contains("Pages:           2"), "{pdfinfo}");
    assert!(
        pdfinfo.contains("Page size:       595 x 842 pts"),
        "{pdfinfo}"
    );
}

#[test]
fn images_are_embedded_with_their_transparency() {
    let doc = load(&write_sample());
    let images: Vec<&lopdf::Stream> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            Object::Stream(s)
                if s.dict.get(b"Subtype").ok().and_then(|n| n.as_name().ok()) == Some(b"Image") =>
            {
                Some(s)
            }
            _ => None,
        })
        .collect();
    // The picture and its alpha mask.
    assert_eq!(images.len(), 2);
    let picture = images
        .iter()
        .find(|s| s.dict.has(b"SMask"))
        .expect("soft mask");
    assert_eq!(picture.dict.get(b"Width").unwrap().as_i64().unwrap(), 6);
}

#[test]
fn the_file_is_dated_only_as_the_caller_says() {
    let faces = DiskFaces::load();
    let doc = sample(&faces);
    let undated = write_with(&doc, &faces, &PdfOptions::default()).unwrap();
    let parsed = load(&undated);
    let info = dict(&parsed, parsed.trailer.get(b"Info").unwrap());
    assert!(info.get(b"CreationDate").is_err() && info.get(b"ModDate").is_err());
    assert_eq!(text_of(info.get(b"Title").unwrap()), "Situation Report");
    let text = String::from_utf8_lossy(&undated);
    assert!(
        !text.contains("xmp:CreateDate"),
        "no date in the XMP either"
    );
}

#[test]
fn an_empty_document_is_one_blank_page() {
    let faces = DiskFaces::load();
    let pdf = write_with(&Document::default(), &faces, &dated(0)).unwrap();
    assert_eq!(load(&pdf).get_pages().len(), 1);
}

#[test]
fn a_broken_image_is_an_error_not_a_panic() {
    let faces = DiskFaces::load();
    let doc = Document {
        pages: vec![Page {
            width: 100.0,
            height: 100.0,
            items: vec![PageItem::Image(ImageBox {
                x: 0.0,
                y: 0.0,
                width: 10.0,
                height: 10.0,
                data: Arc::new(b"GIF89a".to_vec()),
            })],
            ..Default::default()
        }],
        ..Default::default()
    };
    let err = write_with(&doc, &faces, &dated(0)).unwrap_err();
    assert!(err.to_string().starts_with("image on page 1:"), "{err}");
}

#[test]
fn the_same_document_gives_the_same_bytes_within_one_process() {
    // printpdf names resources from a process-wide counter; the writer must not let that
    // (or anything else) make a second export of the same document differ.
    let first = write_sample();
    let second = write_sample();
    assert!(first == second, "two writes of one document differ");
    let parsed = load(&first);
    let ids = parsed.trailer.get(b"ID").unwrap().as_array().unwrap();
    assert_eq!(ids.len(), 2);
    let id = ids[0].as_str().unwrap();
    assert_eq!(id.len(), 16);
    assert!(id.iter().any(|&b| b != 0), "the placeholder was replaced");
    // A different document gets a different identifier.
    let faces = DiskFaces::load();
    let other = write_with(&sample(&faces), &faces, &dated(0)).unwrap();
    let other_id = load(&other).trailer.get(b"ID").unwrap().as_array().unwrap()[0]
        .as_str()
        .unwrap()
        .to_vec();
    assert_ne!(id, other_id.as_slice());
}
