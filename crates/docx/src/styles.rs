//! `word/styles.xml`: the named styles the document uses (Title, Heading 1–6, body, quote,
//! code, notes, header and footer, banner, table), sized from the template's page style
//! and [`WordStyle`] so the Word file reads like the PDF. A template's reference `.docx`
//! may supply its own; styles it lacks are added from the generated set.

use briefsmith_style::{Family, PageStyle};

use crate::xml::Xml;
use briefsmith_style::WordStyle;

/// Style ids the body refers to.
pub(crate) const BODY: &str = "BodyText";
pub(crate) const TITLE: &str = "Title";
pub(crate) const SUBTITLE: &str = "Subtitle";
pub(crate) const QUOTE: &str = "Quote";
pub(crate) const ATTRIBUTION: &str = "QuoteAttribution";
pub(crate) const CODE: &str = "SourceCode";
pub(crate) const LIST: &str = "ListParagraph";
pub(crate) const RULE: &str = "HorizontalRule";
pub(crate) const TABLE: &str = "BriefTable";
pub(crate) const TABLE_TEXT: &str = "TableText";
pub(crate) const FIGURE: &str = "Figure";
pub(crate) const HYPERLINK: &str = "Hyperlink";
pub(crate) const VERBATIM: &str = "VerbatimChar";
pub(crate) const HEADER: &str = "Header";
pub(crate) const FOOTER: &str = "Footer";
pub(crate) const BANNER: &str = "Banner";

/// Background of code and table headers, as in the PDF.
pub(crate) const TINT: &str = "EDEDED";
/// Secondary text (running heads), as in the PDF.
const MUTED: &str = "545454";
/// Links and note references.
const LINK: &str = "00338C";
/// Rules and quote bars.
const RULE_COLOR: &str = "9E9E9E";

/// The style id of a heading of `level` (1–6).
pub(crate) fn heading(level: u8) -> &'static str {
    [
        "Heading1", "Heading2", "Heading3", "Heading4", "Heading5", "Heading6",
    ][usize::from(level.clamp(1, 6)) - 1]
}

/// Points → twentieths of a point, Word's unit for lengths.
pub(crate) fn twips(pt: f32) -> u32 {
    (pt.max(0.0) * 20.0).round() as u32
}

/// Points → half-points, Word's unit for font sizes.
fn half_points(pt: f32) -> String {
    ((pt.max(1.0) * 2.0).round() as u32).to_string()
}

/// One style definition, written in the schema's element order.
struct Def<'a> {
    kind: &'a str,
    id: &'a str,
    name: &'a str,
    based_on: Option<&'a str>,
    next: Option<&'a str>,
    /// Paragraph properties (inner markup, already in schema order).
    ppr: String,
    /// Run properties (inner markup, already in schema order).
    rpr: String,
}

impl Def<'_> {
    fn write(&self, x: &mut Xml) {
        let mut attrs = vec![("w:type", self.kind), ("w:styleId", self.id)];
        if self.id == BODY || self.id == "DefaultParagraphFont" {
            attrs.push(("w:default", "1"));
        }
        x.open("w:style", &attrs);
        x.empty("w:name", &[("w:val", self.name)]);
        if let Some(b) = self.based_on {
            x.empty("w:basedOn", &[("w:val", b)]);
        }
        if let Some(n) = self.next {
            x.empty("w:next", &[("w:val", n)]);
        }
        x.raw("<w:qFormat/>");
        if !self.ppr.is_empty() {
            x.raw("<w:pPr>");
            x.raw(&self.ppr);
            x.raw("</w:pPr>");
        }
        if !self.rpr.is_empty() {
            x.raw("<w:rPr>");
            x.raw(&self.rpr);
            x.raw("</w:rPr>");
        }
        x.close("w:style");
    }
}

/// Run fonts of a family, with the right-to-left font for complex scripts.
fn fonts(word: &WordStyle, family: Family) -> String {
    let mut x = Xml::default();
    let name = word.font(family);
    x.empty(
        "w:rFonts",
        &[
            ("w:ascii", name),
            ("w:hAnsi", name),
            ("w:eastAsia", name),
            ("w:cs", &word.complex_font),
        ],
    );
    into_string(x)
}

fn into_string(x: Xml) -> String {
    String::from_utf8(x.into_bytes()).unwrap_or_default()
}

fn size(pt: f32) -> String {
    let hp = half_points(pt);
    format!("<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/>")
}

fn spacing(before: f32, after: f32) -> String {
    format!(
        "<w:spacing w:before=\"{}\" w:after=\"{}\"/>",
        twips(before),
        twips(after)
    )
}

/// The generated styles part.
pub(crate) fn generate(page: &PageStyle, word: &WordStyle, text_width_pt: f32) -> Vec<u8> {
    let body = page.body_size_pt;
    // The PDF sets lines `line_height` × the body size apart. Word's "auto" spacing would
    // multiply the font's own (taller) line instead, so the distance is given in points as
    // a minimum: larger text (headings, pictures) still gets the room it needs.
    let line = twips(body * page.line_height).to_string();
    let furniture = (body * 0.76).clamp(6.0, 10.0);
    let note = (body * 0.82).max(4.0);
    let tab = twips(text_width_pt);
    let heading_fonts = fonts(word, page.heading_family);
    let jc = if page.justify {
        "<w:jc w:val=\"both\"/>"
    } else {
        ""
    };

    let mut x = Xml::part();
    x.open("w:styles", &[("xmlns:w", crate::W)]);
    // Defaults every style inherits: body font and size, line spacing, the language.
    x.raw("<w:docDefaults><w:rPrDefault><w:rPr>");
    x.raw(&fonts(word, page.body_family));
    x.raw(&size(body));
    x.empty("w:lang", &[("w:val", &word.language), ("w:bidi", "fa-IR")]);
    x.raw("</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>");
    x.empty(
        "w:spacing",
        &[
            ("w:after", &twips(word.paragraph_after_pt).to_string()),
            ("w:line", &line),
            ("w:lineRule", "atLeast"),
        ],
    );
    x.raw("</w:pPr></w:pPrDefault></w:docDefaults>");

    let mut defs = vec![
        Def {
            kind: "paragraph",
            id: BODY,
            name: "Body Text",
            based_on: None,
            next: None,
            ppr: format!("<w:widowControl/>{jc}"),
            rpr: String::new(),
        },
        Def {
            kind: "character",
            id: "DefaultParagraphFont",
            name: "Default Paragraph Font",
            based_on: None,
            next: None,
            ppr: String::new(),
            rpr: String::new(),
        },
        Def {
            kind: "paragraph",
            id: TITLE,
            name: "Title",
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: format!(
                "<w:keepNext/>{}<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>",
                spacing(0.0, word.paragraph_after_pt)
            ),
            rpr: format!("{heading_fonts}<w:b/><w:bCs/>{}", size(body * 2.0)),
        },
        Def {
            kind: "paragraph",
            id: SUBTITLE,
            name: "Subtitle",
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: format!(
                "<w:keepNext/>{}<w:jc w:val=\"left\"/>",
                spacing(0.0, word.paragraph_after_pt * 0.5)
            ),
            rpr: format!(
                "{heading_fonts}<w:color w:val=\"{MUTED}\"/>{}",
                size(body * 0.95)
            ),
        },
    ];
    for level in 1..=6u8 {
        let scale = page.heading_scale[usize::from(level) - 1];
        defs.push(Def {
            kind: "paragraph",
            id: heading(level),
            name: [
                "heading 1",
                "heading 2",
                "heading 3",
                "heading 4",
                "heading 5",
                "heading 6",
            ][usize::from(level) - 1],
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: format!(
                "<w:keepNext/><w:keepLines/>{}<w:jc w:val=\"left\"/><w:outlineLvl w:val=\"{}\"/>",
                spacing(word.heading_before_pt, word.heading_before_pt / 2.0),
                level - 1
            ),
            rpr: format!("{heading_fonts}<w:b/><w:bCs/>{}", size(body * scale)),
        });
    }
    let quote_indent = twips(word.quote_indent_mm * 72.0 / 25.4);
    defs.extend([
        Def {
            kind: "paragraph",
            id: QUOTE,
            name: "Quote",
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: format!(
                "<w:pBdr><w:left w:val=\"single\" w:sz=\"12\" w:space=\"8\" w:color=\"{RULE_COLOR}\"/></w:pBdr><w:ind w:left=\"{quote_indent}\"/>"
            ),
            rpr: String::new(),
        },
        Def {
            kind: "paragraph",
            id: ATTRIBUTION,
            name: "Quote Attribution",
            based_on: Some(QUOTE),
            next: Some(BODY),
            ppr: "<w:jc w:val=\"right\"/>".into(),
            rpr: format!("<w:color w:val=\"{MUTED}\"/>{}", size(body * 0.9)),
        },
        Def {
            kind: "paragraph",
            id: CODE,
            name: "Source Code",
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: format!(
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{TINT}\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>"
            ),
            rpr: format!("{}{}", fonts(word, Family::Mono), size(body * 0.9)),
        },
        Def {
            kind: "paragraph",
            id: LIST,
            name: "List Paragraph",
            based_on: Some(BODY),
            next: None,
            ppr: "<w:spacing w:after=\"60\"/><w:contextualSpacing/>".into(),
            rpr: String::new(),
        },
        Def {
            kind: "paragraph",
            id: RULE,
            name: "Horizontal Rule",
            based_on: Some(BODY),
            next: Some(BODY),
            // An empty paragraph a few points high whose bottom border is the rule.
            ppr: format!(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"{RULE_COLOR}\"/></w:pBdr><w:spacing w:before=\"0\" w:after=\"{}\" w:line=\"120\" w:lineRule=\"exact\"/>",
                twips(word.paragraph_after_pt * 1.5)
            ),
            rpr: String::new(),
        },
        Def {
            kind: "paragraph",
            id: TABLE_TEXT,
            name: "Table Text",
            based_on: Some(BODY),
            next: None,
            ppr: "<w:spacing w:before=\"40\" w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>".into(),
            rpr: size(body * 0.95),
        },
        Def {
            kind: "paragraph",
            id: FIGURE,
            name: "Figure",
            based_on: Some(BODY),
            next: Some(BODY),
            ppr: "<w:keepNext/><w:jc w:val=\"center\"/>".into(),
            rpr: String::new(),
        },
        Def {
            kind: "paragraph",
            id: "FootnoteText",
            name: "footnote text",
            based_on: Some(BODY),
            next: None,
            // The note's number hangs in the margin of its text, as in the PDF.
            ppr: "<w:spacing w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"300\" w:hanging=\"300\"/><w:jc w:val=\"left\"/>".into(),
            rpr: size(note),
        },
        Def {
            kind: "paragraph",
            id: "EndnoteText",
            name: "endnote text",
            based_on: Some(BODY),
            next: None,
            // The note's number hangs in the margin of its text, as in the PDF.
            ppr: "<w:spacing w:after=\"40\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:left=\"300\" w:hanging=\"300\"/><w:jc w:val=\"left\"/>".into(),
            rpr: size(note),
        },
        Def {
            kind: "character",
            id: "FootnoteReference",
            name: "footnote reference",
            based_on: None,
            next: None,
            ppr: String::new(),
            rpr: format!("<w:color w:val=\"{LINK}\"/><w:vertAlign w:val=\"superscript\"/>"),
        },
        Def {
            kind: "character",
            id: "EndnoteReference",
            name: "endnote reference",
            based_on: None,
            next: None,
            ppr: String::new(),
            rpr: format!("<w:color w:val=\"{LINK}\"/><w:vertAlign w:val=\"superscript\"/>"),
        },
        Def {
            kind: "character",
            id: HYPERLINK,
            name: "Hyperlink",
            based_on: None,
            next: None,
            ppr: String::new(),
            rpr: format!("<w:color w:val=\"{LINK}\"/>"),
        },
        Def {
            kind: "character",
            id: VERBATIM,
            name: "Verbatim Char",
            based_on: None,
            next: None,
            ppr: String::new(),
            rpr: format!(
                "{}<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{TINT}\"/>",
                fonts(word, Family::Mono)
            ),
        },
        Def {
            kind: "paragraph",
            id: HEADER,
            name: "header",
            based_on: Some(BODY),
            next: None,
            ppr: format!(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"2\" w:color=\"{RULE_COLOR}\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"{tab}\"/></w:tabs><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>"
            ),
            rpr: format!("{}<w:color w:val=\"{MUTED}\"/>{}", fonts(word, Family::Sans), size(furniture)),
        },
        Def {
            kind: "paragraph",
            id: FOOTER,
            name: "footer",
            based_on: Some(BODY),
            next: None,
            ppr: format!(
                "<w:pBdr><w:top w:val=\"single\" w:sz=\"4\" w:space=\"2\" w:color=\"{RULE_COLOR}\"/></w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"{tab}\"/></w:tabs><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>"
            ),
            rpr: format!("{}<w:color w:val=\"{MUTED}\"/>{}", fonts(word, Family::Sans), size(furniture)),
        },
        Def {
            kind: "paragraph",
            id: BANNER,
            name: "Banner",
            based_on: Some(BODY),
            next: None,
            ppr: "<w:spacing w:before=\"60\" w:after=\"60\" w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/>".into(),
            rpr: format!("{}<w:b/><w:bCs/>{}", fonts(word, Family::Sans), size(furniture + 1.0)),
        },
    ]);
    for d in &defs {
        d.write(&mut x);
    }
    table_style(&mut x);
    x.close("w:styles");
    x.into_bytes()
}

/// Hairlines above, below and between rows, as the PDF draws tables.
fn table_style(x: &mut Xml) {
    x.open("w:style", &[("w:type", "table"), ("w:styleId", TABLE)]);
    x.empty("w:name", &[("w:val", "Brief Table")]);
    x.raw("<w:tblPr><w:tblBorders>");
    for edge in ["top", "bottom", "insideH"] {
        x.empty(
            &format!("w:{edge}"),
            &[
                ("w:val", "single"),
                ("w:sz", "4"),
                ("w:space", "0"),
                ("w:color", RULE_COLOR),
            ],
        );
    }
    x.raw("</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>");
    x.close("w:style");
}

/// The reference document's styles with every generated style it lacks appended, so the
/// document never names a style that is not defined. Style ids are read with a real
/// XML reader; the styles themselves are copied as written.
pub(crate) fn merge(reference: &str, generated: &[u8]) -> Result<Vec<u8>, String> {
    let have = style_ids(reference)?;
    let generated = std::str::from_utf8(generated).map_err(|e| e.to_string())?;
    let close = reference
        .rfind("</w:styles>")
        .ok_or("its styles.xml has no closing </w:styles>")?;
    let mut out = String::with_capacity(reference.len() + generated.len());
    out.push_str(&reference[..close]);
    let mut rest = generated;
    while let Some(start) = rest.find("<w:style ") {
        let Some(len) = rest[start..].find("</w:style>") else {
            break;
        };
        let end = start + len + "</w:style>".len();
        let def = &rest[start..end];
        let id = def
            .split("w:styleId=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_default();
        if !have.iter().any(|h| h == id) {
            out.push_str(def);
        }
        rest = &rest[end..];
    }
    out.push_str(&reference[close..]);
    Ok(out.into_bytes())
}

/// The `w:styleId` of every style in a styles part.
fn style_ids(styles: &str) -> Result<Vec<String>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(styles);
    let mut ids = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == b"w:style" => {
                for attr in e.attributes().flatten() {
                    if attr.key.as_ref() == b"w:styleId" {
                        ids.push(String::from_utf8_lossy(&attr.value).into_owned());
                    }
                }
            }
            Ok(Event::Eof) => return Ok(ids),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "its styles.xml is not well-formed XML at byte {}: {e}",
                    reader.buffer_position()
                ));
            }
        }
    }
}
