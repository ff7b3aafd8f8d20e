//! Bad input gets a clear message naming the file (and row and column), and changes
//! nothing: the library file is byte-for-byte what it was.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::model::{Dataset, ItemId};
use briefsmith_core::store::load_dataset;
use briefsmith_library::{Library, LibraryError, SheetImport};
use rust_xlsxwriter::{Formula, Workbook};
use std::fs;
use std::path::{Path, PathBuf};

fn sample() -> Dataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../sample_briefs/russia-iran-2024-10.dataset.json");
    load_dataset(&path).expect("the sample dataset loads")
}

/// A sample library in a fresh folder, closed, with its path.
fn library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bslib");
    Library::create_from_dataset(&path, &sample()).unwrap();
    (dir, path)
}

/// Runs `f` on the library and checks the file did not change at all.
fn unchanged<T>(path: &Path, f: impl FnOnce() -> T) -> T {
    let before = fs::read(path).unwrap();
    let out = f();
    assert!(
        fs::read(path).unwrap() == before,
        "{} changed",
        path.display()
    );
    out
}

fn import(path: &Path, file: &Path, options: &SheetImport) -> Result<usize, LibraryError> {
    let mut lib = Library::open(path)?;
    lib.import_sheet(file, options).map(|r| r.added.len())
}

fn with_source() -> SheetImport {
    SheetImport {
        default_source: Some("src-ft-2024-10-11".to_owned()),
        ..SheetImport::default()
    }
}

#[test]
fn csv_with_an_unknown_column_names_it() {
    let (dir, path) = library();
    let csv = dir.path().join("rows.csv");
    fs::write(&csv, "Text,Credibility,Colour\nA fact,2,red\n").unwrap();
    let e = unchanged(&path, || import(&path, &csv, &with_source())).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("rows.csv: row 1, column 3 (Colour): unknown column"),
        "{message}"
    );
    // Mapped away, the same file imports.
    let options = SheetImport {
        overrides: vec!["Colour=skip".to_owned()],
        ..with_source()
    };
    assert_eq!(import(&path, &csv, &options).unwrap(), 1);
}

#[test]
fn csv_with_bad_values_reports_every_cell_and_imports_nothing() {
    let (dir, path) = library();
    let csv = dir.path().join("rows.csv");
    fs::write(
        &csv,
        "Text,Speaker,Date,Credibility\n\
         Fine row,Putin,2024-10-11,2\n\
         ,,,\n\
         Bad row,Nobody Known,2024-13-01,9\n\
         ,Putin,2024-10-11,3\n",
    )
    .unwrap();
    let e = unchanged(&path, || import(&path, &csv, &with_source())).unwrap_err();
    let LibraryError::Rows { problems, .. } = &e else {
        panic!("not a row report: {e}");
    };
    let expected = [
        "row 4, column 2 (Speaker): no entity with id, name or alias \"Nobody Known\"",
        "row 4, column 3 (Date): \"2024-13-01\" is not an ISO 8601 date",
        "row 4, column 4 (Credibility): \"9\" is not a credibility grade 1–6",
        "row 5, column 1 (Text): blank, but every item needs its text",
    ];
    for want in expected {
        assert!(
            problems
                .iter()
                .any(|p| p.contains(want) && p.starts_with(&csv.display().to_string())),
            "missing {want:?} in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn the_mapping_is_remembered_for_the_same_header() {
    let (dir, path) = library();
    let csv = dir.path().join("rows.csv");
    fs::write(&csv, "Words,Grade\nFirst,2\n").unwrap();
    let options = SheetImport {
        overrides: vec!["Words=text".to_owned(), "Grade=credibility".to_owned()],
        ..with_source()
    };
    assert_eq!(import(&path, &csv, &options).unwrap(), 1);
    fs::write(&csv, "Words,Grade\nSecond,3\nThird,4\n").unwrap();
    assert_eq!(import(&path, &csv, &with_source()).unwrap(), 2);
    let lib = Library::open(&path).unwrap();
    let ds = lib.to_dataset().unwrap();
    let texts: Vec<&str> = ds
        .items
        .iter()
        .rev()
        .take(3)
        .map(|i| i.text.as_str())
        .collect();
    assert_eq!(texts, ["Third", "Second", "First"]);
}

#[test]
fn xlsx_takes_cached_formula_results_skips_blank_rows_and_reports_formulas_without_one() {
    let (dir, path) = library();
    let xlsx = dir.path().join("rows.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Quotes").unwrap();
    // What a file from a program that saves formulas without calculating them holds.
    sheet.set_formula_result_default("");
    for (c, h) in ["Text", "Speaker", "Credibility", "Tags"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_string(1, 0, "Putin spoke of close ties")
        .unwrap();
    sheet.write_string(1, 1, "Putin").unwrap();
    sheet
        .write_formula(1, 2, Formula::new("=1+1").set_result("2"))
        .unwrap();
    sheet.write_string(1, 3, "ties; summit").unwrap();
    // Row 3 left blank; row 4's credibility is a formula nobody calculated.
    sheet.write_string(3, 0, "Another quote").unwrap();
    sheet.write_string(3, 1, "Putin").unwrap();
    sheet.write_formula(3, 2, Formula::new("=A1*0")).unwrap();
    book.save(&xlsx).unwrap();

    let e = unchanged(&path, || import(&path, &xlsx, &with_source())).unwrap_err();
    let message = e.to_string();
    assert!(
        message.contains("rows.xlsx: sheet Quotes, row 4, column C (Credibility): the formula =A1*0 has no saved result"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");

    // Without the uncalculated row the rest imports, the cached 2 as the credibility.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Text", "Speaker", "Credibility", "Tags"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .write_string(1, 0, "Putin spoke of close ties")
        .unwrap();
    sheet.write_string(1, 1, "Putin").unwrap();
    sheet
        .write_formula(1, 2, Formula::new("=1+1").set_result("2"))
        .unwrap();
    sheet.write_string(1, 3, "ties; summit").unwrap();
    sheet
        .write_string(3, 0, "A fact after a blank row")
        .unwrap();
    sheet.write_number(3, 2, 4).unwrap();
    book.save(&xlsx).unwrap();
    let mut lib = Library::open(&path).unwrap();
    let report = lib.import_sheet(&xlsx, &with_source()).unwrap();
    assert_eq!(report.blank_rows, 1);
    let items = lib.items(&report.added).unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].credibility.0, 2);
    assert_eq!(items[0].tags, ["ties", "summit"]);
    assert!(items[0].speaker.is_some());
    assert_eq!(items[1].credibility.0, 4);
    assert!(lib.item(&ItemId::new("nothing")).unwrap().is_none());
}

#[test]
fn a_file_that_is_not_sqlite_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.bslib");
    fs::write(&path, "just some text, not a database\n").unwrap();
    let e = unchanged(&path, || Library::open(&path).err().unwrap());
    assert_eq!(
        e.to_string(),
        format!(
            "{}: not a Briefsmith library (not an SQLite file)",
            path.display()
        )
    );
    let empty = dir.path().join("empty.bslib");
    fs::write(&empty, "").unwrap();
    let e = Library::open(&empty).err().unwrap();
    assert!(e.to_string().contains("not an SQLite file"), "{e}");
}

#[test]
fn another_programs_sqlite_database_is_not_taken_for_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    let e = unchanged(&path, || Library::open(&path).err().unwrap());
    assert!(
        e.to_string()
            .contains("not a Briefsmith library (an SQLite database of another program)"),
        "{e}"
    );
}

#[test]
fn a_library_from_a_newer_version_is_refused_untouched() {
    let (_dir, path) = library();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let e = unchanged(&path, || Library::open(&path).err().unwrap());
    assert_eq!(
        e.to_string(),
        format!(
            "{}: written by a newer Briefsmith (library schema 99); this version reads up to {}",
            path.display(),
            briefsmith_library::LIBRARY_SCHEMA
        )
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_library_reads_but_refuses_every_write() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = library();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let csv = dir.path().join("rows.csv");
    fs::write(&csv, "Text,Credibility\nA fact,2\n").unwrap();
    unchanged(&path, || {
        // Tests run as root too, where permission bits stop no write: the library must.
        let mut lib = Library::open(&path).unwrap();
        assert!(lib.is_read_only());
        assert_eq!(lib.to_dataset().unwrap(), sample());
        let first = lib.to_dataset().unwrap().items[0].id.clone();
        let change = lib.delete_item(&first).unwrap();
        let e = lib.apply(&change).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{} is read-only: cannot save an edit", path.display())
        );
        let e = lib.import_sheet(&csv, &with_source()).unwrap_err();
        assert!(
            e.to_string().contains("is read-only: cannot import rows"),
            "{e}"
        );
    });
}

#[test]
fn a_new_library_never_replaces_a_file() {
    let (_dir, path) = library();
    let e = unchanged(&path, || Library::create(&path, "again").err().unwrap());
    assert!(e.to_string().contains("already exists"), "{e}");
}

#[test]
fn a_dataset_with_dangling_references_makes_no_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.bslib");
    let mut ds = sample();
    ds.items[2].source = briefsmith_core::model::SourceId::new("src-missing");
    let e = Library::create_from_dataset(&path, &ds).err().unwrap();
    assert!(
        e.to_string()
            .contains("source \"src-missing\" is not in the dataset"),
        "{e}"
    );
    assert!(!path.exists());
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files left behind: {left:?}");
}

#[cfg(unix)]
#[test]
fn a_new_library_gets_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = library();
    // What any new file gets here (0666 less the umask), not a temporary file's 0600.
    let plain = dir.path().join("plain");
    fs::write(&plain, "x").unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), mode(&plain));
}
