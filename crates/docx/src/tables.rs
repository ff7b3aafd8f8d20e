//! GFM tables → `w:tbl`: full text width, equal columns, the header row repeated on
//! every page (`w:tblHeader`), bold on a tint, and each column's alignment.

use briefsmith_layout::{Alignment, Run, Table};

use crate::body::{self, Para, Part, Shared};
use crate::styles;

/// Writes a table; a table without columns writes nothing.
pub(crate) fn table(out: &mut Part, sh: &mut Shared<'_>, table: &Table) {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len(), table.aligns.len()])
        .max()
        .unwrap_or(0);
    if columns == 0 {
        return;
    }
    let widths = column_widths(table, columns, styles::twips(sh.text_width_pt));
    let x = &mut out.xml;
    x.open("w:tbl", &[]);
    x.open("w:tblPr", &[]);
    x.empty("w:tblStyle", &[("w:val", styles::TABLE)]);
    x.empty("w:tblW", &[("w:w", "5000"), ("w:type", "pct")]);
    x.empty(
        "w:tblLook",
        &[("w:val", "0020"), ("w:firstRow", "1"), ("w:noHBand", "1")],
    );
    x.close("w:tblPr");
    x.open("w:tblGrid", &[]);
    for w in &widths {
        x.empty("w:gridCol", &[("w:w", w)]);
    }
    x.close("w:tblGrid");
    row(out, sh, table, &table.header, &widths, true);
    for cells in &table.rows {
        row(out, sh, table, cells, &widths, false);
    }
    out.xml.close("w:tbl");
    // Word needs a paragraph between a table and whatever follows it (another table, the
    // end of a note); an empty one of no height keeps them apart.
    out.xml.raw("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"20\" w:lineRule=\"exact\"/></w:pPr></w:p>");
}

/// Column widths in twentieths of a point, sharing the text width by each column's
/// longest cell (capped, so one long cell does not starve the others), as the PDF sizes
/// a short "Ref" column narrow and the source column wide.
fn column_widths(table: &Table, columns: usize, total: u32) -> Vec<String> {
    let natural: Vec<u32> = (0..columns)
        .map(|c| {
            std::iter::once(&table.header)
                .chain(&table.rows)
                .filter_map(|r| r.get(c))
                .map(|cell| body::plain(cell).chars().count())
                .max()
                .unwrap_or(0)
                .clamp(6, 60) as u32
        })
        .collect();
    let sum: u32 = natural.iter().sum::<u32>().max(1);
    natural
        .iter()
        .map(|n| (u64::from(total) * u64::from(*n) / u64::from(sum)).to_string())
        .collect()
}

fn row(
    out: &mut Part,
    sh: &mut Shared<'_>,
    table: &Table,
    cells: &[Vec<Run>],
    widths: &[String],
    header: bool,
) {
    out.xml.open("w:tr", &[]);
    out.xml.open("w:trPr", &[]);
    out.xml.empty("w:cantSplit", &[]);
    if header {
        out.xml.empty("w:tblHeader", &[]);
    }
    out.xml.close("w:trPr");
    for (c, width) in widths.iter().enumerate() {
        out.xml.open("w:tc", &[]);
        out.xml.open("w:tcPr", &[]);
        out.xml.empty("w:tcW", &[("w:w", width), ("w:type", "dxa")]);
        if header {
            out.xml.empty(
                "w:shd",
                &[
                    ("w:val", "clear"),
                    ("w:color", "auto"),
                    ("w:fill", styles::TINT),
                ],
            );
        }
        out.xml.close("w:tcPr");
        let jc = match table.aligns.get(c) {
            Some(Alignment::Center) => Some("center"),
            Some(Alignment::Right) => Some("right"),
            _ => None,
        };
        let p = Para {
            jc,
            bold: header,
            ..Para::new(styles::TABLE_TEXT)
        };
        let runs = cells.get(c).map(Vec::as_slice).unwrap_or(&[]);
        body::paragraph(out, sh, &p, runs);
        out.xml.close("w:tc");
    }
    out.xml.close("w:tr");
}
