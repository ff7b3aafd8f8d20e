//! Every bundled sample exports as tagged PDF: `pdfinfo -struct-text` (poppler) reads a
//! structure tree with the title under H1, each section heading under H2, the source notes
//! under Note, and the running heads and page numbers left out as artifacts.

use crate::cli_support::briefsmith;
use crate::pdf_support::poppler_file;
use std::path::Path;

const SAMPLES: &[&str] = &[
    "bluf-air-defence.brief.json",
    "read-ahead-kazan.brief.json",
    "sitrep-israel-iran.brief.json",
];

/// The structure tree of the sample's PDF as pdfinfo prints it.
fn structure_of(home: &Path, sample: &str) -> String {
    let draft = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_briefs")
        .join(sample);
    let pdf = home.join(sample.replace(".brief.json", ".pdf"));
    briefsmith([
        Path::new("export"),
        &draft,
        Path::new("--format"),
        Path::new("pdf"),
        Path::new("-o"),
        &pdf,
    ])
    .home(home)
    .ok();
    poppler_file("pdfinfo", &["-struct-text"], &pdf)
}

/// Whether some element named `role` holds `text` in what pdfinfo shows under it (its
/// lines joined with spaces).
fn under(tree: &str, role: &str, text: &str) -> bool {
    let lines: Vec<&str> = tree.lines().collect();
    lines.iter().enumerate().any(|(i, line)| {
        let trimmed = line.trim_start();
        if !(trimmed == role || trimmed.starts_with(&format!("{role} "))) {
            return false;
        }
        let depth = line.len() - trimmed.len();
        let body: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| l.len() - l.trim_start().len() > depth)
            .map(|l| l.trim().trim_matches('"'))
            .collect();
        body.join(" ").contains(text)
    })
}

#[test]
fn every_sample_has_its_structure_with_its_text() {
    let home = tempfile::tempdir().unwrap();
    for sample in SAMPLES {
        let tree = structure_of(home.path(), sample);
        assert!(tree.starts_with("Document"), "{sample}:\n{tree}");
        let draft: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("sample_briefs")
                    .join(sample),
            )
            .unwrap(),
        )
        .unwrap();
        // The title's first words under H1 (marked briefs put a portion mark before it).
        let title = draft["meta"]["title"].as_str().unwrap();
        let first_words: String = title
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            under(&tree, "H1", &first_words),
            "{sample}: {title}\n{tree}"
        );
        for section in draft["sections"].as_array().unwrap() {
            let heading = section["heading"].as_str().unwrap().trim();
            if !heading.is_empty() {
                assert!(under(&tree, "H2", heading), "{sample}: {heading}\n{tree}");
            }
        }
        assert!(under(&tree, "Note", "Financial Times"), "{sample}:\n{tree}");
        assert!(tree.contains("  Lbl"), "{sample}");
        assert!(
            !tree.contains("Page 1 of"),
            "{sample}: page numbers are artifacts"
        );
    }
}
