//! Shared helpers for the PDF tests: typeset Markdown, write the PDF, read it back with
//! independent tools (poppler's pdftotext/pdffonts/pdfinfo, lopdf).

use std::path::Path;
use std::process::Command;

use briefsmith_core::date::Timestamp;
use briefsmith_layout::{Document, FontBook};
use briefsmith_pdf::PdfOptions;
use briefsmith_style::{DocumentInfo, PageStyle};

/// Typesets `markdown` with `style` and `info`.
pub fn typeset(markdown: &str, style: &PageStyle, info: &DocumentInfo) -> Document {
    briefsmith_layout::typeset(markdown, style, info, None).expect("typesets")
}

/// Typesets and writes a PDF, dated 25 November 2026, 06:20:58 UTC.
pub fn pdf_of(markdown: &str, style: &PageStyle, info: &DocumentInfo) -> Vec<u8> {
    let doc = typeset(markdown, style, info);
    let options = PdfOptions {
        timestamp: Some(Timestamp::from_unix(1_795_587_658)),
        ..PdfOptions::default()
    };
    briefsmith_pdf::write_pdf(&doc, &FontBook::bundled(), &options).expect("writes PDF")
}

/// Runs a poppler tool on the PDF bytes and returns its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, pdf).expect("write temp PDF");
    poppler_file(tool, args, &path)
}

/// Runs a poppler tool (`pdftotext`, `pdfinfo`, `pdffonts`, ...) on a PDF file and returns
/// what it prints, which must be UTF-8 (poppler's default encoding): every test reads PDF
/// text through here. `pdftotext` writes to standard output.
pub fn poppler_file(tool: &str, args: &[&str], path: &Path) -> String {
    let mut cmd = Command::new(tool);
    cmd.args(args).arg(path);
    if tool == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed by this test: {e}"));
    assert!(
        out.status.success(),
        "{tool} {} failed: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap_or_else(|e| panic!("{tool} {} printed invalid UTF-8: {e}", path.display()))
}

/// Words for comparison: hyphens at line ends joined, then every word lowercased and
/// stripped of everything but letters and digits (so punctuation the typesetter
/// prettifies, like quotes, does not matter).
pub fn normalised_words(text: &str) -> Vec<String> {
    let joined = text.replace("-\n", "-").replace("\u{ad}\n", "");
    joined
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The visible text of Markdown, via pulldown-cmark (what a reader should find in the PDF).
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut out = String::new();
    let mut in_note = 0;
    for event in Parser::new_ext(markdown, Options::all()) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_note += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_note -= 1,
            Event::Text(t) | Event::Code(t) if in_note == 0 => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) | Event::Start(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Asserts that `expected` occurs in `found` in order (other words may come between:
/// headers, footers, note numbers, list markers). A note's superscript number sits against
/// the word it marks, so the extractor reads `anonymity¹` as "anonymity1": a word followed
/// only by digits counts as that word.
pub fn assert_in_order(expected: &[String], found: &[String]) {
    let same = |found: &str, word: &str| {
        found
            .strip_prefix(word)
            .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut at = 0;
    for (i, word) in expected.iter().enumerate() {
        match found[at..].iter().position(|w| same(w, word)) {
            Some(offset) => at += offset + 1,
            None => panic!(
                "word {i} {word:?} not found in order.\nexpected around: {:?}\nextracted from {at}: {:?}",
                &expected[i.saturating_sub(5)..(i + 5).min(expected.len())],
                &found[at.saturating_sub(5)..(at + 15).min(found.len())]
            ),
        }
    }
}

/// A brief-like document touching every block the layout sets.
pub const BRIEF: &str = r#"# Border Crisis: Situation Report

**Bottom line:** Forces massed near the northern border crossing are likely to escalate
within weeks, according to officials who spoke on condition of anonymity.[^1]

## Key Judgments

1. We assess with moderate confidence that reinforcements will continue to arrive.
2. Diplomatic channels remain open but are unlikely to yield a settlement soon.[^2]
3. Humanitarian access through the crossing has narrowed considerably.

## Background

The region has seen intermittent clashes since the ceasefire collapsed. Observers noted
artillery positions, supply convoys and field hospitals being established along the ridge.
See the [monitoring mission](https://example.org/mission) or write to
[the desk](mailto:desk@example.org) for raw reporting.

> The situation is deteriorating faster than anyone anticipated.
>
> — Regional governor, press conference, 24 November

### Assessed Indicators

| Indicator | Status | Trend |
|-----------|--------|-------|
| Troops | Rising | Up |
| Convoys | Steady | Flat |
| Refugees | Rising | Up |

- Satellite imagery confirms new encampments.
- Local media report fuel shortages in border towns.
- Rail traffic toward the frontier has doubled.

## Outlook

Escalation remains the most likely course absent outside mediation; a negotiated pause
is possible but would require concessions neither side has signalled.

[^1]: Wire service dispatch, 24 November, graded B2.
[^2]: Foreign ministry statement, 23 November, graded A2.
"#;
