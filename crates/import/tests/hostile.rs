//! Broken, empty, binary, huge and hostile inputs: each refused with a message naming the
//! file and saying what is wrong, never a panic, never unbounded work.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_import::{ImportError, MAX_INPUT_BYTES, Options, import_bytes, import_path};
use std::io::Write;

fn err(name: &str, bytes: &[u8]) -> ImportError {
    import_bytes(name, bytes, &Options::default()).expect_err("refused")
}

#[test]
fn empty_binary_and_broken_inputs_are_refused_by_name() {
    let e = err("empty.txt", b"  \n ");
    assert!(matches!(e, ImportError::Empty { .. }));
    assert_eq!(e.to_string(), "empty.txt: the file is empty");

    let e = err(
        "photo.jpg",
        &[
            0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1,
        ],
    );
    assert!(matches!(e, ImportError::Binary { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("photo.jpg: not a readable document")
    );

    let e = err("report.pdf", b"%PDF-1.7\nthis is not really a pdf");
    assert!(matches!(e, ImportError::Pdf { .. }), "{e}");
    assert!(e.to_string().starts_with("report.pdf: cannot read the PDF"));

    let e = err("memo.docx", b"PK\x03\x04 truncated zip");
    assert!(matches!(e, ImportError::Docx { .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("memo.docx: cannot read the Word document"),
        "{e}"
    );

    let e = err(
        "page.html",
        b"<html><body><script>var only = 'code';</script></body></html>",
    );
    assert!(matches!(e, ImportError::NoText { .. }), "{e}");
}

#[test]
fn a_zip_that_is_not_a_word_document_says_so() {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .expect("zip");
        zip.write_all(b"hello").expect("zip");
        zip.finish().expect("zip");
    }
    let e = err("archive.docx", buf.get_ref());
    assert!(e.to_string().contains("no word/document.xml"), "{e}");
}

#[test]
fn a_pdf_without_a_text_layer_asks_for_ocr() {
    // A one-page PDF whose page draws a filled rectangle and no text, as a scan would.
    let pdf = minimal_pdf(b"0 0 m 100 0 l 100 100 l f");
    let e = err("scan.pdf", &pdf);
    assert!(matches!(e, ImportError::PdfNoText { .. }), "{e}");
    assert!(e.to_string().contains("no text layer"));
}

#[test]
fn script_tags_never_reach_the_text() {
    let html = "<html><head><title>T</title><script>alert('pwned');</script></head><body><article>\
        <p>The council voted on Tuesday to close the old bridge for repairs, the mayor said.</p>\
        <script>document.write('<p>injected</p>')</script>\
        <p>“We had no choice, the bridge is not safe for anyone,” said Mayor Jane Doe in a statement.</p>\
        <p>Repairs are expected to take about six months and cost roughly $2 million in total.</p>\
        </article></body></html>";
    let import = import_bytes("page.html", html.as_bytes(), &Options::default()).expect("imports");
    let text = import.paragraphs.join("\n");
    assert!(
        !text.contains("alert") && !text.contains("injected") && !text.contains("document.write"),
        "{text}"
    );
    assert!(text.contains("Mayor Jane Doe"));
}

#[test]
fn ten_thousand_nested_elements_are_refused_quickly() {
    let html = format!(
        "<html><body>{}<p>Deep words.</p>{}</body></html>",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let e = err("deep.html", html.as_bytes());
    assert!(matches!(e, ImportError::HtmlTooComplex { .. }), "{e}");
    assert!(e.to_string().contains("deep; at most 1000 are read"), "{e}");
}

#[test]
fn a_page_of_too_many_elements_is_refused_by_count() {
    let html = format!(
        "<html><body><p>Words.</p>{}</body></html>",
        "<span>x</span>".repeat(250_000)
    );
    let e = err("wide.html", html.as_bytes());
    assert!(matches!(e, ImportError::HtmlTooComplex { .. }), "{e}");
    assert!(
        e.to_string().contains("elements; at most 200000 are read"),
        "{e}"
    );
}

#[test]
fn a_huge_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse 50 MB file: the size is what matters, not its bytes.
    file.set_len(50_000_000).expect("set_len");
    let e = import_path(&path, &Options::default()).expect_err("refused");
    assert!(
        matches!(
            e,
            ImportError::TooLarge {
                size: 50_000_000,
                ..
            }
        ),
        "{e}"
    );
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(e.to_string().contains("huge.txt"));
    let e = err(
        "big.txt",
        &vec![b'a'; usize::try_from(MAX_INPUT_BYTES).expect("fits") + 1],
    );
    assert!(matches!(e, ImportError::TooLarge { .. }));
    let missing = dir.path().join("missing.html");
    let e = import_path(&missing, &Options::default()).expect_err("refused");
    assert!(
        matches!(e, ImportError::Io { .. }) && e.to_string().contains("missing.html"),
        "{e}"
    );
}

/// A valid one-page PDF with `content` as its page's content stream.
fn minimal_pdf(content: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << >> >>"
            .to_vec(),
        [
            format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(),
            content,
            b"\nendstream",
        ]
        .concat(),
    ];
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
