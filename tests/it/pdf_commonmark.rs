//! Every example of the CommonMark spec goes through typeset + write_pdf without a panic
//! and comes out as a PDF that lopdf can parse.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use briefsmith_layout::FontBook;
use briefsmith_pdf::PdfOptions;
use briefsmith_style::{DocumentInfo, PageStyle};

#[derive(serde::Deserialize)]
struct Example {
    markdown: String,
    example: u32,
    section: String,
}

#[test]
fn every_commonmark_example_becomes_a_valid_pdf() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/commonmark/spec.json");
    let json = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let examples: Vec<Example> = serde_json::from_slice(&json).expect("spec JSON");
    assert!(examples.len() > 600, "{} examples", examples.len());

    let fonts = FontBook::bundled();
    let style = PageStyle::default();
    let info = DocumentInfo {
        title: "CommonMark".into(),
        ..DocumentInfo::default()
    };
    let mut failures = Vec::new();
    for ex in &examples {
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let doc = briefsmith_layout::typeset(&ex.markdown, &style, &info, None)
                .map_err(|e| format!("layout error: {e}"))?;
            let pdf = briefsmith_pdf::write_pdf(&doc, &fonts, &PdfOptions::default())
                .map_err(|e| format!("pdf error: {e}"))?;
            let parsed = lopdf::Document::load_mem(&pdf).map_err(|e| format!("lopdf: {e}"))?;
            if parsed.get_pages().is_empty() {
                return Err("no pages".to_string());
            }
            Ok(())
        }));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("example {} ({}): {e}", ex.example, ex.section)),
            Err(_) => failures.push(format!("example {} ({}): PANIC", ex.example, ex.section)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
