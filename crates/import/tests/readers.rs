//! Real saved documents through each reader: a news page (HTML with page furniture, meta
//! tags and JSON-LD), a PDF and a Word document; metadata, paragraphs, quotes, locators.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_import::{CandidateKind, Import, Options, import_path, import_text};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn quotes(import: &Import) -> Vec<(&str, Option<&str>, &str)> {
    import
        .candidates
        .iter()
        .filter(|c| c.kind == CandidateKind::Quote)
        .map(|c| (c.text.as_str(), c.speaker.as_deref(), c.locator.as_str()))
        .collect()
}

#[test]
fn html_page_keeps_the_article_and_drops_the_furniture() {
    let import =
        import_path(&fixture("nhs-scotland-salaries.html"), &Options::default()).expect("imports");
    let s = &import.source;
    assert_eq!(
        s.title.as_deref(),
        Some("800 NHS Scotland staff earn more than the First Minister")
    );
    assert_eq!(s.publisher.as_deref(), Some("Example News"));
    assert_eq!(s.author.as_deref(), Some("Example News health desk"));
    assert_eq!(s.date.as_deref(), Some("2010-03-02"));
    assert_eq!(
        s.url.as_deref(),
        Some("https://news.example.org/health/nhs-scotland-salaries")
    );
    let text = import.paragraphs.join("\n");
    for furniture in [
        "cookies",
        "Advertisement",
        "Related",
        "Reader123",
        "All rights reserved",
        "Politics",
        "window.ads",
    ] {
        assert!(!text.contains(furniture), "{furniture} kept in {text}");
    }
    assert!(
        import
            .paragraphs
            .iter()
            .any(|p| p.starts_with("Over 800 National Health Service staff"))
    );
    let baillie = import
        .paragraphs
        .iter()
        .position(|p| p.starts_with("Jackie Baillie"))
        .expect("Baillie paragraph")
        + 1;
    let q = quotes(&import);
    assert!(q.contains(&(
        "In the current economic climate, it is impossible to justify huge salaries for consultants and senior executives when health boards are planning 4000 job losses this year, including 1500 nurses and midwives.",
        Some("Jackie Baillie"),
        &format!("para {baillie}")
    )), "{q:?}");
    assert!(
        !q.iter().any(|(t, _, _)| *t == "astonishing"),
        "a scare quote was proposed: {q:?}"
    );
    // The JSON contract: exactly these keys.
    let json = serde_json::to_value(&import).expect("serialises");
    let mut keys: Vec<&str> = json
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["candidates", "file", "paragraphs", "source"]);
    let mut skeys: Vec<&str> = json["source"]
        .as_object()
        .expect("source")
        .keys()
        .map(String::as_str)
        .collect();
    skeys.sort_unstable();
    assert_eq!(skeys, ["author", "date", "publisher", "title", "url"]);
    let c = json["candidates"][0].as_object().expect("candidate");
    let mut ckeys: Vec<&str> = c.keys().map(String::as_str).collect();
    ckeys.sort_unstable();
    assert_eq!(ckeys, ["date", "kind", "locator", "speaker", "text"]);
}

#[test]
fn pdf_text_layer_with_paragraphs_and_properties() {
    let import = import_path(
        &fixture("wikinews-meat-loaf-2007-10-31.pdf"),
        &Options::default(),
    )
    .expect("imports");
    assert_eq!(
        import.source.title.as_deref(),
        Some("Singer Meat Loaf falls ill during concert")
    );
    assert_eq!(import.source.author.as_deref(), Some("Wikinews"));
    assert!(import.paragraphs.len() >= 3, "{:?}", import.paragraphs);
    let q = quotes(&import);
    let newcastle = q
        .iter()
        .find(|(t, _, _)| t.starts_with("Newcastle, I love you"))
        .unwrap_or_else(|| panic!("quote missing: {q:?}"));
    assert_eq!(
        newcastle.0,
        "Newcastle, I love you, but can't continue. I take off my coat to you."
    );
    assert_eq!(newcastle.1, Some("Meat Loaf"));
    let para: usize = newcastle
        .2
        .trim_start_matches("para ")
        .parse()
        .expect("locator");
    assert!(import.paragraphs[para - 1].contains("Newcastle, I love you"));
    assert!(
        !q.iter().any(|(t, _, _)| t.contains("Dashboard Light")),
        "a song title was proposed"
    );
}

#[test]
fn docx_paragraphs_and_core_properties() {
    let import = import_path(
        &fixture("wikinews-scientology-anonymous-2008-10-21.docx"),
        &Options::default(),
    )
    .expect("imports");
    assert_eq!(
        import.source.title.as_deref(),
        Some(
            "Church of Scientology falsely accuses internet group 'Anonymous' of 2007 school shooting"
        )
    );
    assert_eq!(import.source.author.as_deref(), Some("Wikinews"));
    assert_eq!(import.source.date.as_deref(), Some("2008-10-21"));
    let q = quotes(&import);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(q[0].0.starts_with("Anonymous member Pekka-Eric Auvinen"));
    assert_eq!(q[0].1, Some("Church of Scientology"));
    assert_eq!(
        q[0].2, "para 4",
        "the heading is para 1: {:?}",
        import.paragraphs
    );
    // "October 18" resolves against the document's own date.
    let date = import
        .candidates
        .iter()
        .find(|c| c.kind == CandidateKind::Date && c.text == "October 18")
        .expect("date");
    assert_eq!(date.date.as_deref(), Some("2008-10-18"));
}

#[test]
fn pasted_text_and_markdown_read_from_memory() {
    let pasted = "Talks stalled on Monday.\n\n“We will not sign this deal,” the foreign minister said. \
                  Foreign minister Anna Lind had flown in overnight.";
    let import = import_text("clipboard", pasted, &Options::default()).expect("imports");
    assert_eq!(import.paragraphs.len(), 2);
    let q = quotes(&import);
    assert_eq!(
        q,
        [("We will not sign this deal", Some("Anna Lind"), "para 2")]
    );
    let md =
        "# Budget day\n\nThe minister said: “Every pound counts, and we will count them all.”\n";
    let import = import_text("notes.md", md, &Options::default()).expect("imports");
    assert_eq!(import.source.title.as_deref(), Some("Budget day"));
    assert_eq!(
        import.paragraphs,
        ["The minister said: “Every pound counts, and we will count them all.”"]
    );
}
