//! Headers and footers (`word/header*.xml`, `word/footer1.xml`): the classification banner
//! at the top and bottom of every page, and the template's running head and foot, where
//! `{page}` and `{pages}` become Word's PAGE and NUMPAGES fields.

use briefsmith_layout::placeholders::{Fields, Piece, pieces};
use briefsmith_style::{DocumentInfo, PageStyle};

use crate::runs::{self, RunProps};
use crate::styles;
use crate::xml::Xml;

/// A header part: the banner, then (unless `running` is false: the title page) the
/// running head.
pub(crate) fn header(
    style: &PageStyle,
    info: &DocumentInfo,
    f: &Fields<'_>,
    running: bool,
) -> Vec<u8> {
    let mut x = open("w:hdr");
    banner(&mut x, style, info);
    if running {
        line(
            &mut x,
            styles::HEADER,
            &style.header_left,
            &style.header_right,
            f,
        );
    }
    close(x, "w:hdr")
}

/// The footer part: the running foot, then the banner.
pub(crate) fn footer(style: &PageStyle, info: &DocumentInfo, f: &Fields<'_>) -> Vec<u8> {
    let mut x = open("w:ftr");
    line(
        &mut x,
        styles::FOOTER,
        &style.footer_left,
        &style.footer_right,
        f,
    );
    banner(&mut x, style, info);
    close(x, "w:ftr")
}

fn open(root: &str) -> Xml {
    let mut x = Xml::part();
    x.open(root, &crate::NAMESPACES);
    x
}

fn close(mut x: Xml, root: &str) -> Vec<u8> {
    // A header or footer must hold at least one paragraph.
    x.raw(
        "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>",
    );
    x.close(root);
    x.into_bytes()
}

fn banner(x: &mut Xml, style: &PageStyle, info: &DocumentInfo) {
    let banner = info.banner.trim();
    if !style.show_banner || banner.is_empty() {
        return;
    }
    x.raw("<w:p><w:pPr>");
    x.empty("w:pStyle", &[("w:val", styles::BANNER)]);
    x.raw("</w:pPr>");
    runs::text(x, banner, &RunProps::default());
    x.raw("</w:p>");
}

/// Left text, a tab to the right edge, right text; nothing when both are empty.
fn line(x: &mut Xml, style: &str, left: &str, right: &str, f: &Fields<'_>) {
    let (left, right) = (pieces(left.trim(), f), pieces(right.trim(), f));
    if left.is_empty() && right.is_empty() {
        return;
    }
    x.raw("<w:p><w:pPr>");
    x.empty("w:pStyle", &[("w:val", style)]);
    x.raw("</w:pPr>");
    write_pieces(x, &left);
    x.raw("<w:r><w:tab/></w:r>");
    write_pieces(x, &right);
    x.raw("</w:p>");
}

fn write_pieces(x: &mut Xml, pieces: &[Piece]) {
    for p in pieces {
        let field = match p {
            Piece::Text(t) => {
                runs::text(x, t, &RunProps::default());
                continue;
            }
            Piece::Page => "PAGE",
            Piece::Pages => "NUMPAGES",
        };
        // A simple field: Word and LibreOffice compute it on every page; "1" is only what
        // shows before they do.
        x.open("w:fldSimple", &[("w:instr", &format!(" {field} "))]);
        x.raw("<w:r><w:t>1</w:t></w:r>");
        x.close("w:fldSimple");
    }
}
