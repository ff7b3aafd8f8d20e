//! Reading a spreadsheet (CSV, or an XLSX/XLS/ODS workbook) into rows of text cells, with
//! the places errors are reported at: sheet, 1-based row, column letter or number.

use crate::error::{LibraryError, Result};
use calamine::{Data, Reader, open_workbook_auto};
use std::path::{Path, PathBuf};

/// One cell as text, or why it has none.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Blank,
    Text(String),
    /// A formula with no saved result, or an error value such as `#DIV/0!`.
    Unusable(String),
}

/// A sheet's header and data rows.
pub(crate) struct Table {
    pub file: PathBuf,
    /// The sheet, for workbooks.
    pub sheet: Option<String>,
    pub header: Vec<String>,
    /// Data rows with their 1-based row number in the file (the header is row 1).
    pub rows: Vec<(usize, Vec<Cell>)>,
}

impl Table {
    /// `FILE: [sheet S, ]row R, column C (name)` — the place of a cell in messages.
    pub(crate) fn place(&self, row: usize, column: usize) -> String {
        let name = self.header.get(column).map_or("", String::as_str);
        let column = if self.sheet.is_some() {
            letters(column)
        } else {
            (column + 1).to_string()
        };
        match &self.sheet {
            Some(sheet) => format!(
                "{}: sheet {sheet}, row {row}, column {column} ({name})",
                self.file.display()
            ),
            None => format!(
                "{}: row {row}, column {column} ({name})",
                self.file.display()
            ),
        }
    }
}

/// Spreadsheet column letters for a 0-based index: 0 → A, 26 → AA.
fn letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// Reads `file`: CSV by its `.csv`/`.tsv` extension, anything else as a workbook.
pub(crate) fn read_table(file: &Path, sheet: Option<&str>) -> Result<Table> {
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "tsv" | "txt" => read_csv(file, ext == "tsv"),
        _ => read_workbook(file, sheet),
    }
}

fn problem(file: &Path, message: String) -> LibraryError {
    LibraryError::Rows {
        file: file.to_owned(),
        problems: vec![format!("{}: {message}", file.display())],
    }
}

fn read_csv(file: &Path, tabs: bool) -> Result<Table> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(if tabs { b'\t' } else { b',' })
        .from_path(file)
        .map_err(|e| match e.into_kind() {
            csv::ErrorKind::Io(source) => LibraryError::Io {
                file: file.to_owned(),
                step: "read",
                source,
            },
            other => problem(file, format!("{other:?}")),
        })?;
    let mut header = None;
    let mut rows = Vec::new();
    for (i, record) in reader.byte_records().enumerate() {
        let row = i + 1;
        let record = record.map_err(|e| problem(file, format!("row {row}: {e}")))?;
        let mut cells = Vec::with_capacity(record.len());
        for (c, bytes) in record.iter().enumerate() {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                problem(
                    file,
                    format!(
                        "row {row}, column {}: not UTF-8 text (save the file as UTF-8 CSV)",
                        c + 1
                    ),
                )
            })?;
            let text = if row == 1 && c == 0 {
                text.trim_start_matches('\u{feff}')
            } else {
                text
            };
            cells.push(text_cell(text));
        }
        if header.is_none() {
            header = Some(cells.iter().map(cell_text).collect());
        } else {
            rows.push((row, cells));
        }
    }
    Ok(Table {
        file: file.to_owned(),
        sheet: None,
        header: header
            .ok_or_else(|| problem(file, "the file is empty: no header row".to_owned()))?,
        rows,
    })
}

fn text_cell(text: &str) -> Cell {
    if text.trim().is_empty() {
        Cell::Blank
    } else {
        Cell::Text(text.trim().to_owned())
    }
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        _ => String::new(),
    }
}

fn read_workbook(file: &Path, sheet: Option<&str>) -> Result<Table> {
    let mut book = open_workbook_auto(file)
        .map_err(|e| problem(file, format!("not a spreadsheet this version reads: {e}")))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                problem(
                    file,
                    format!("no sheet \"{s}\"; it has {}", names.join(", ")),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| problem(file, "the workbook has no sheets".to_owned()))?,
    };
    let values = book
        .worksheet_range(&name)
        .map_err(|e| problem(file, format!("sheet {name}: {e}")))?;
    // Formulas are read apart from values: a formula whose result was never saved has none.
    let formulas = book.worksheet_formula(&name).ok();
    let Some((last_row, last_col)) = values.end() else {
        return Err(problem(
            file,
            format!("sheet {name} is empty: no header row"),
        ));
    };
    let cell = |r: u32, c: u32| -> Cell {
        let formula = formulas
            .as_ref()
            .and_then(|f| f.get_value((r, c)))
            .filter(|f| !f.is_empty());
        let value = match values.get_value((r, c)) {
            None | Some(Data::Empty) => Cell::Blank,
            Some(Data::String(s)) | Some(Data::DateTimeIso(s)) | Some(Data::DurationIso(s)) => {
                text_cell(s)
            }
            Some(Data::Int(i)) => Cell::Text(i.to_string()),
            Some(Data::Float(f)) => Cell::Text(f.to_string()),
            Some(Data::Bool(b)) => Cell::Text(b.to_string()),
            Some(Data::DateTime(d)) => {
                let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
                Cell::Text(if (h, min, s) == (0, 0, 0) {
                    format!("{y:04}-{m:02}-{day:02}")
                } else {
                    format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
                })
            }
            Some(Data::Error(e)) => Cell::Unusable(format!("the cell holds the error value {e}")),
        };
        match (value, formula) {
            (Cell::Blank, Some(f)) => Cell::Unusable(format!(
                "the formula ={f} has no saved result (open and save the file in a spreadsheet program)"
            )),
            (value, _) => value,
        }
    };
    let header = (0..=last_col).map(|c| cell_text(&cell(0, c))).collect();
    let rows = (1..=last_row)
        .map(|r| (r as usize + 1, (0..=last_col).map(|c| cell(r, c)).collect()))
        .collect();
    Ok(Table {
        file: file.to_owned(),
        sheet: Some(name),
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::letters;

    #[test]
    fn column_letters() {
        assert_eq!(letters(0), "A");
        assert_eq!(letters(25), "Z");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
        assert_eq!(letters(701), "ZZ");
        assert_eq!(letters(702), "AAA");
    }
}
