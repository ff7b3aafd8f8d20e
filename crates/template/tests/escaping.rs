//! Text from the dataset and the draft comes out of every template literally; the
//! analyst's Markdown keeps its formatting but loses raw HTML and unsafe links. Checked by
//! rendering and reading the Markdown back with pulldown-cmark.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use briefsmith_core::model::{Block, Speech};
use briefsmith_template::{Registry, render};
use common::{brief, fact, item, judgment, quote, text};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

const HOSTILE_FACTS: &[&str] = &[
    "# Heading *bold* _it_ [a](javascript:alert(1)) `code` <script>alert(1)</script> | pipe | ~~strike~~ &amp; \\ end",
    "1. looks like a list",
    "12) also a list",
    "> looks like a quote",
    "- a dash",
    "+ a plus",
    "===",
    "---",
    "    indented four",
    "#hash and trailing #",
    "[^1] fake note and ![img](x.png)",
    "<div>html block</div>",
    "line one\n\n# line two is not a heading",
    "**not bold** and __not bold__ and <http://autolink.example>",
    "[ref]: http://example.org/definition",
    "Table | cell | break",
];

/// What the Markdown holds, read back.
#[derive(Default, Debug)]
struct Read {
    headings: Vec<String>,
    paragraphs: Vec<String>,
    links: Vec<String>,
    html: Vec<String>,
    code_blocks: usize,
    table_rows: Vec<usize>,
}

fn read(md: &str) -> Read {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut r = Read::default();
    let mut buf: Option<String> = None;
    let mut cells = 0;
    for event in Parser::new_ext(md, opts) {
        match event {
            Event::Start(Tag::Heading { .. } | Tag::Paragraph) => buf = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => r.headings.extend(buf.take()),
            Event::End(TagEnd::Paragraph) => r.paragraphs.extend(buf.take()),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                r.links.push(dest_url.to_string())
            }
            Event::Html(h) | Event::InlineHtml(h) => r.html.push(h.to_string()),
            Event::Start(Tag::CodeBlock(_)) => r.code_blocks += 1,
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => r.table_rows.push(cells),
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&t)
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = buf.as_mut() {
                    b.push(' ')
                }
            }
            Event::FootnoteReference(l) => {
                if let Some(b) = buf.as_mut() {
                    b.push_str(&format!("[^{l}]"))
                }
            }
            _ => {}
        }
    }
    r
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hostile_brief() -> briefsmith_core::model::Brief {
    let mut facts: Vec<Block> = HOSTILE_FACTS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut snap = fact(t, "Title | with pipe ](javascript:x) <b>");
            snap.source.publisher = "[Pub](http://evil.example) *star*".into();
            snap.source.url = Some("javascript:alert(1)".into());
            snap.locator = "para `1` | x".into();
            item(&format!("f{i}"), snap, "")
        })
        .collect();
    facts.push(item(
        "q-evil",
        quote(
            "<script>alert('q')</script> *verbatim* words",
            "*Evil* [Speaker](javascript:x)",
            "<b>role</b> | pipe",
            Speech::Direct,
        ),
        "<script>x</script> *fine* [bad](javascript:alert(1))",
    ));
    facts.push(item(
        "q-reported",
        quote(
            "# Iran is `probably` <i>seeking</i> jets",
            "Sidharth Kaushal",
            "fellow",
            Speech::Reported,
        ),
        "",
    ));
    let mut b = brief(
        "# Not *a* heading <i>x</i>",
        vec![
            (
                "Key judgments",
                vec![judgment(
                    "Will <b>happen</b> [x](javascript:y)",
                    &["f0", "q-evil"],
                )],
            ),
            ("Heading with [link](javascript:x) and `code` #", facts),
            (
                "Analyst",
                vec![text(
                    "Safe **bold** and [ok](https://example.org) and [bad](javascript:alert(1)) and <img src=x onerror=alert(1)> done.\n\n<div>block html</div>\n\n```\nunclosed fence",
                )],
            ),
            ("After the fence", vec![text("Still *structured*.")]),
        ],
    );
    b.meta.classification = "TLP:RED <script>".into();
    b.meta.audience = "| team |".into();
    b
}

#[test]
fn dataset_text_comes_out_literally_in_every_template() {
    let b = hostile_brief();
    for tpl in Registry::builtin().templates() {
        let md = render(tpl, &b, None, "2024-10-13").unwrap();
        let r = read(&md);
        let name = tpl.name();
        assert!(
            r.html.is_empty(),
            "{name}: raw HTML got through: {:?}",
            r.html
        );
        for link in &r.links {
            assert!(
                link == "https://example.org",
                "{name}: unexpected link {link}"
            );
        }
        assert_eq!(r.headings[0], "# Not *a* heading <i>x</i>", "{name}");
        assert!(
            r.headings
                .contains(&"Heading with [link](javascript:x) and `code` #".to_owned()),
            "{name}: {:?}",
            r.headings
        );
        assert!(
            r.headings.contains(&"After the fence".to_owned()),
            "{name}: fence leaked"
        );
        assert_eq!(
            r.code_blocks, 1,
            "{name}: only the analyst's own fence is code"
        );
        for fact in HOSTILE_FACTS {
            let want = squash(fact);
            let found = r.paragraphs.iter().any(|p| {
                let body = p.rsplit_once("[^").map(|(b, _)| b).unwrap_or(p);
                squash(body.trim_start_matches(|c: char| {
                    !c.is_alphanumeric() && !"#<[*>-+=!1".contains(c)
                })) == want
                    || squash(body) == want
            });
            assert!(found, "{name}: not literal: {fact:?}\n{md}");
        }
        assert!(
            r.paragraphs
                .iter()
                .any(|p| p.contains("<script>alert('q')</script> *verbatim* words")),
            "{name}: quote not verbatim"
        );
        assert!(
            r.paragraphs
                .iter()
                .any(|p| p.starts_with("— *Evil* [Speaker](javascript:x), <b>role</b> | pipe"))
        );
        assert!(r.paragraphs.iter().any(|p| {
            p.contains("said on 11 October 2024 that # Iran is `probably` <i>seeking</i> jets")
        }));
        // Analyst Markdown: formatting kept, HTML shown as text, unsafe link reduced to its text.
        assert!(
            r.paragraphs.iter().any(|p| p
                .starts_with("Safe bold and ok and bad and <img src=x onerror=alert(1)> done.")),
            "{name}"
        );
        assert!(
            r.paragraphs.iter().any(|p| p == "<div>block html</div>"),
            "{name}"
        );
        assert!(
            r.paragraphs
                .iter()
                .any(|p| p.contains("<script>x</script> fine bad")),
            "{name}"
        );
        // Tables keep their shape whatever the cells hold.
        if let Some(&first) = r.table_rows.first() {
            assert!(
                r.table_rows.iter().all(|&n| n == first),
                "{name}: {:?}",
                r.table_rows
            );
        }
    }
}

#[test]
fn the_md_file_carries_the_classification_literally() {
    let b = hostile_brief();
    let tpl = Registry::builtin();
    let md = render(tpl.get("bluf-memo").unwrap(), &b, None, "2024-10-13").unwrap();
    let r = read(&md);
    assert_eq!(
        r.paragraphs.first().map(String::as_str),
        Some("TLP:RED <script>")
    );
    assert_eq!(
        r.paragraphs.last().map(String::as_str),
        Some("TLP:RED <script>")
    );
}
