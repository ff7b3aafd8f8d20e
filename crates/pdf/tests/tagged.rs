//! Tagged PDF: a document with every kind of block is written, and its structure is read
//! back with lopdf and poppler. Every piece of content on every page is either marked
//! content of a structure element or an artifact; every marked sequence is reachable from
//! the structure tree; header cells have a scope; figures carry their alternative text.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use std::collections::{HashMap, HashSet};
use std::process::Command;

use briefsmith_layout::{FontBook, typeset};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use lopdf::{Document, Object, ObjectId};

const MARKDOWN: &str = "\
# Border crisis

*12 October 2024*

## Key judgments

Forces are **very likely** massing near [the crossing](https://example.org/map).[^1]

1. First judgment, numbered.
2. Second judgment.

- A bullet.

> A quoted statement from the ministry.
>
> — Ministry spokesman

| System | Range | Status |
|---|---:|---|
| S-300 | 200 km | delivered |
| S-400 | 400 km | sought |

```
code line
```

---

![Map of the crossing](map.png)

[^1]: Financial Times, 11 October 2024, para 4.
";

fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 8, 4);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(&[90; 8 * 4 * 4]).unwrap();
    drop(writer);
    out
}

/// The document typeset (with its image beside it) and written.
fn written() -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("map.png"), png()).unwrap();
    let style = PageStyle::default();
    let info = DocumentInfo {
        title: "Border crisis".into(),
        banner: "OFFICIAL".into(),
        ..DocumentInfo::default()
    };
    let doc = typeset(MARKDOWN, &style, &info, Some(dir.path())).expect("typesets");
    write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default()).expect("writes")
}

/// `markdown` typeset in the default page style with no document facts and written with
/// the default options.
fn plain_pdf(markdown: &str) -> Vec<u8> {
    let doc = typeset(
        markdown,
        &PageStyle::default(),
        &DocumentInfo::default(),
        None,
    )
    .expect("typesets");
    write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default()).expect("writes")
}

fn role_of(doc: &Document, elem: ObjectId) -> String {
    name(doc.get_dictionary(elem).unwrap().get(b"S").unwrap())
}

fn name(obj: &Object) -> String {
    String::from_utf8_lossy(obj.as_name().unwrap()).into_owned()
}

/// Operators that put something on the page.
fn paints(op: &str) -> bool {
    matches!(
        op,
        "Tj" | "TJ"
            | "'"
            | "\""
            | "f"
            | "F"
            | "f*"
            | "B"
            | "B*"
            | "b"
            | "b*"
            | "S"
            | "s"
            | "Do"
            | "sh"
    )
}

#[test]
fn every_content_item_is_tagged_or_an_artifact() {
    let pdf = written();
    let doc = Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let mark_info = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(mark_info.get(b"Marked").unwrap().as_bool().unwrap());
    assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");
    let prefs = catalog
        .get(b"ViewerPreferences")
        .unwrap()
        .as_dict()
        .unwrap();
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());

    // MCIDs each page's content marks, and what each painting operator sits in.
    let mut marked: HashMap<ObjectId, HashSet<i64>> = HashMap::new();
    let (mut tagged, mut artifacts) = (0, 0);
    for page_id in doc.get_pages().into_values() {
        let page = doc.get_dictionary(page_id).unwrap();
        assert_eq!(name(page.get(b"Tabs").unwrap()), "S");
        let content = lopdf::content::Content::decode(&doc.get_page_content(page_id)).unwrap();
        // The stack of open sequences: Some(mcid) for tagged, None for artifacts/others.
        let mut stack: Vec<Option<i64>> = Vec::new();
        let mut in_artifact = 0usize;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let tag = name(&op.operands[0]);
                    let props = op.operands[1].as_dict().ok();
                    let mcid = props.and_then(|p| p.get(b"MCID").ok()?.as_i64().ok());
                    if let Some(mcid) = mcid {
                        assert!(
                            marked.entry(page_id).or_default().insert(mcid),
                            "MCID {mcid} used twice"
                        );
                    }
                    if tag == "Artifact" {
                        in_artifact += 1;
                    }
                    stack.push(mcid);
                }
                "BMC" => {
                    let artifact = name(&op.operands[0]) == "Artifact";
                    in_artifact += usize::from(artifact);
                    stack.push(if artifact { Some(-1) } else { None });
                }
                "EMC" => {
                    let top = stack.pop().expect("EMC without BDC/BMC");
                    if top == Some(-1) {
                        in_artifact -= 1;
                    }
                }
                op_name if paints(op_name) => {
                    let in_tag = stack.iter().any(|s| s.is_some_and(|m| m >= 0));
                    assert!(
                        in_tag || in_artifact > 0,
                        "{op_name} outside any tag or artifact"
                    );
                    if in_tag {
                        tagged += 1;
                    } else {
                        artifacts += 1;
                    }
                }
                _ => {}
            }
        }
        assert!(stack.is_empty(), "unclosed marked content");
    }
    assert!(
        tagged > 20 && artifacts > 3,
        "{tagged} tagged, {artifacts} artifacts"
    );

    // The structure tree reaches every MCID, through the parent tree and the elements' kids.
    let root_ref = catalog
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let root = doc.get_dictionary(root_ref).unwrap();
    let parent_tree = doc
        .get_dictionary(root.get(b"ParentTree").unwrap().as_reference().unwrap())
        .unwrap();
    let nums = parent_tree.get(b"Nums").unwrap().as_array().unwrap();
    let mut reached: HashMap<ObjectId, HashSet<i64>> = HashMap::new();
    let mut roles: Vec<String> = Vec::new();
    let mut headers = 0;
    let mut links = HashSet::new();
    let mut pending = vec![root.get(b"K").unwrap().as_reference().unwrap()];
    while let Some(id) = pending.pop() {
        let elem = doc.get_dictionary(id).unwrap();
        let role = name(elem.get(b"S").unwrap());
        if role == "TH" {
            let attributes = elem.get(b"A").unwrap().as_dict().unwrap();
            assert_eq!(name(attributes.get(b"Scope").unwrap()), "Column");
            headers += 1;
        }
        if role == "Figure" {
            let alt = elem.get(b"Alt").unwrap().as_str().unwrap();
            assert_eq!(alt, b"Map of the crossing");
        }
        roles.push(role);
        for kid in elem.get(b"K").unwrap().as_array().unwrap() {
            match kid {
                Object::Reference(child) => {
                    let child_dict = doc.get_dictionary(*child).unwrap();
                    assert_eq!(child_dict.get(b"P").unwrap().as_reference().unwrap(), id);
                    pending.push(*child);
                }
                Object::Dictionary(objr)
                    if objr.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR") =>
                {
                    // A link's annotation: described, and mapped back to its Link element.
                    assert_eq!(role_of(&doc, id), "Link");
                    let holder = elem.get(b"P").unwrap().as_reference().unwrap();
                    assert_ne!(role_of(&doc, holder), "Document", "a link sits in its text");
                    let annot_id = objr.get(b"Obj").unwrap().as_reference().unwrap();
                    let annot = doc.get_dictionary(annot_id).unwrap();
                    assert!(!annot.get(b"Contents").unwrap().as_str().unwrap().is_empty());
                    let key = annot.get(b"StructParent").unwrap().as_i64().unwrap();
                    let at = nums
                        .iter()
                        .step_by(2)
                        .position(|n| n.as_i64().ok() == Some(key));
                    let entry = &nums[at.expect("in the parent tree") * 2 + 1];
                    assert_eq!(entry.as_reference().unwrap(), id);
                    links.insert(annot_id);
                }
                Object::Dictionary(_) | Object::Integer(_) => {
                    // A bare MCID is on the element's /Pg; a reference names its page.
                    let (page, mcid) = match kid {
                        Object::Dictionary(mcr) => (
                            mcr.get(b"Pg").unwrap().as_reference().unwrap(),
                            mcr.get(b"MCID").unwrap().as_i64().unwrap(),
                        ),
                        _ => (
                            elem.get(b"Pg").unwrap().as_reference().unwrap(),
                            kid.as_i64().unwrap(),
                        ),
                    };
                    reached.entry(page).or_default().insert(mcid);
                    // The parent tree maps this MCID back to this element.
                    let key = doc
                        .get_dictionary(page)
                        .unwrap()
                        .get(b"StructParents")
                        .unwrap()
                        .as_i64()
                        .unwrap();
                    let at = nums
                        .iter()
                        .position(|n| n.as_i64().ok() == Some(key))
                        .unwrap();
                    let parents = nums[at + 1].as_array().unwrap();
                    assert_eq!(
                        parents[mcid as usize].as_reference().unwrap(),
                        id,
                        "parent tree entry of MCID {mcid}"
                    );
                }
                other => panic!("unexpected kid {other:?}"),
            }
        }
    }
    assert_eq!(
        reached, marked,
        "every marked sequence is in the tree, and only those"
    );
    assert_eq!(headers, 3);
    // Every annotation is a Link element's, and the text's link sits in its paragraph.
    let annotations: HashSet<ObjectId> = doc
        .get_pages()
        .into_values()
        .flat_map(|page| {
            let dict = doc.get_dictionary(page).unwrap();
            dict.get(b"Annots")
                .and_then(Object::as_array)
                .map(|a| a.iter().map(|o| o.as_reference().unwrap()).collect())
                .unwrap_or_else(|_| Vec::new())
        })
        .collect();
    assert!(
        annotations.len() >= 3,
        "web link, note reference, back link"
    );
    assert_eq!(links, annotations);
    for role in [
        "Document",
        "H1",
        "H2",
        "P",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "BlockQuote",
        "Table",
        "TR",
        "TH",
        "TD",
        "Note",
        "Figure",
        "Code",
        "Link",
    ] {
        assert!(roles.iter().any(|r| r == role), "no {role} in {roles:?}");
    }
}

#[test]
fn poppler_reads_the_structure_with_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tagged.pdf");
    std::fs::write(&path, written()).unwrap();
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is needed for this test");
    assert!(out.status.success());
    let tree = String::from_utf8(out.stdout).unwrap();
    let expect_under = |role: &str, text: &str| {
        let at = [" ", ":", "\n"]
            .iter()
            .find_map(|end| tree.find(&format!("  {role}{end}")))
            .unwrap_or_else(|| panic!("no {role} in\n{tree}"));
        assert!(
            tree[at..].contains(text),
            "{text:?} not after {role} in\n{tree}"
        );
    };
    expect_under("H1", "\"Border crisis\"");
    expect_under("H2", "\"Key judgments\"");
    expect_under("Lbl", "\"1.\"");
    expect_under("BlockQuote", "A quoted statement from the ministry.");
    expect_under("TH", "\"System\"");
    expect_under("TD", "\"S-400\"");
    expect_under("Note", "Financial Times, 11 October 2024, para 4.");
    // Running heads, page numbers and the banner are artifacts: not in the structure.
    assert!(!tree.contains("OFFICIAL"), "{tree}");
    assert!(!tree.contains("Page 1"), "{tree}");
}

#[test]
fn a_paragraph_is_one_marked_sequence_on_its_page_and_the_tree_is_packed() {
    // Long enough for several lines, short enough for one page.
    let paragraph = "Officials reported a convoy along the border since the ceasefire. ".repeat(12);
    let pdf = plain_pdf(&paragraph);
    let read = Document::load_mem(&pdf).unwrap();
    let page = *read.get_pages().get(&1).unwrap();
    let content = read.get_and_decode_page_content(page).unwrap();
    let lines = content
        .operations
        .iter()
        .filter(|op| op.operator == "TJ")
        .count();
    assert!(lines >= 3, "{lines} lines");
    let sequences = content
        .operations
        .iter()
        .filter(|op| op.operator == "BDC")
        .count();
    assert_eq!(sequences, 1, "one paragraph, one sequence");

    // The structure elements live in object streams, not as objects of their own.
    let root = read.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let root_id = root.as_reference().unwrap();
    assert!(
        !String::from_utf8_lossy(&pdf).contains(&format!("\n{} 0 obj", root_id.0)),
        "the structure tree root is packed"
    );
    let paragraph_elem = read
        .objects
        .iter()
        .find_map(|(&id, obj)| {
            let dict = obj.as_dict().ok()?;
            (dict.get(b"S").ok()?.as_name().ok()? == b"P").then_some(id)
        })
        .expect("a P element");
    let kids = read
        .get_dictionary(paragraph_elem)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(kids.len(), 1, "{kids:?}");
}

/// The `/Lang` of each marked-content span on page 1, in order, with the number of glyphs
/// shown inside it.
fn language_spans(pdf: &[u8]) -> (Vec<(String, usize)>, usize) {
    let read = Document::load_mem(pdf).unwrap();
    let page = *read.get_pages().get(&1).unwrap();
    let content = read.get_and_decode_page_content(page).unwrap();
    let glyphs_in = |operands: &[Object]| -> usize {
        operands
            .iter()
            .flat_map(|o| o.as_array().map(|a| a.to_vec()).unwrap_or_default())
            .filter_map(|item| item.as_str().ok().map(|s| s.len() / 2))
            .sum()
    };
    let mut spans = Vec::new();
    let mut stack: Vec<Option<usize>> = Vec::new();
    let mut total = 0;
    for op in &content.operations {
        match op.operator.as_str() {
            "BDC" => {
                let lang = op
                    .operands
                    .get(1)
                    .and_then(|p| p.as_dict().ok())
                    .and_then(|d| d.get(b"Lang").ok())
                    .and_then(|l| l.as_str().ok())
                    .map(|l| String::from_utf8_lossy(l).into_owned());
                stack.push(lang.map(|l| {
                    spans.push((l, 0));
                    spans.len() - 1
                }));
            }
            "BMC" => stack.push(None),
            "EMC" => {
                stack.pop();
            }
            "TJ" => {
                let n = glyphs_in(&op.operands);
                total += n;
                if let Some(&Some(at)) = stack.iter().rev().find(|s| s.is_some()) {
                    spans[at].1 += n;
                }
            }
            _ => {}
        }
    }
    (spans, total)
}

#[test]
fn names_in_other_scripts_carry_their_language() {
    let markdown = "\
The minister שלום met Владимир Путин and Αθήνα officials with مسعود پزشکیان in Tehran.

The envoy محمد spoke.
";
    let pdf = plain_pdf(markdown);
    let (spans, total) = language_spans(&pdf);
    let langs: Vec<&str> = spans.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(langs, ["he", "ru", "el", "fa", "ar"], "{spans:?}");
    // The Russian span is the name and the space after it, not the English around it.
    assert_eq!(spans[1].1, "Владимир Путин ".chars().count(), "{spans:?}");
    let spanned: usize = spans.iter().map(|(_, n)| n).sum();
    assert!(
        spanned < total / 2,
        "English stays outside: {spans:?}, {total}"
    );
    // Poppler reads the whole paragraph under its P, names and the English after them.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils) is needed for this test");
    let tree = String::from_utf8(out.stdout).unwrap();
    for words in [
        "The minister",
        "Владимир Путин",
        "officials with",
        "in Tehran.",
        "spoke.",
    ] {
        assert!(tree.contains(words), "{words:?} not in\n{tree}");
    }
    // The document's own language is English.
    let read = Document::load_mem(&pdf).unwrap();
    let lang = read
        .catalog()
        .unwrap()
        .get(b"Lang")
        .unwrap()
        .as_str()
        .unwrap();
    assert_eq!(lang, b"en");
}

/// The `/Alt` of every Figure element, in the order the file lists them.
fn figure_alts(pdf: &[u8]) -> Vec<String> {
    let read = Document::load_mem(pdf).unwrap();
    let mut figures: Vec<(ObjectId, String)> = read
        .objects
        .iter()
        .filter_map(|(&id, obj)| {
            let dict = obj.as_dict().ok()?;
            (dict.get(b"S").ok()?.as_name().ok()? == b"Figure").then_some(())?;
            let alt = dict.get(b"Alt").ok()?;
            let text = match alt {
                Object::String(bytes, _) if bytes.starts_with(&[0xfe, 0xff]) => {
                    let units: Vec<u16> = bytes[2..]
                        .chunks(2)
                        .map(|c| u16::from_be_bytes([c[0], c[1]]))
                        .collect();
                    String::from_utf16(&units).unwrap()
                }
                Object::String(bytes, _) => String::from_utf8(bytes.clone()).unwrap(),
                other => panic!("/Alt {other:?}"),
            };
            Some((id, text))
        })
        .collect();
    figures.sort();
    figures.into_iter().map(|(_, alt)| alt).collect()
}

#[test]
fn a_figure_without_alt_text_is_described_by_its_title_or_caption_or_named_and_warned() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("map.png"), png()).unwrap();
    let markdown = "\
![](map.png \"Map of the crossing\")

![](map.png)

*Figure 2: Positions near the crossing, 11 October.*

![](map.png)
";
    let doc = typeset(
        markdown,
        &PageStyle::default(),
        &DocumentInfo::default(),
        Some(dir.path()),
    )
    .expect("typesets");
    let pdf = write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default()).expect("writes");
    assert_eq!(
        figure_alts(&pdf),
        [
            "Map of the crossing",
            "Figure 2: Positions near the crossing, 11 October.",
            "Image with no description (map.png)",
        ]
    );
    // Only the last has nothing to go by, and the export says so, naming the file.
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("\"map.png\" has no description"),
        "{:?}",
        doc.warnings
    );
}
