use super::*;
use crate::tree::RunKind;

fn texts(runs: &[Run]) -> Vec<(&str, RunKind)> {
    runs.iter()
        .map(|r| (r.text.as_str(), r.kind.clone()))
        .collect()
}

#[test]
fn headings_paragraphs_and_inline_styles() {
    let t = parse("# Title\n\nSome *em* and **strong** `code` ~~gone~~ [l](https://x.org).\n");
    assert_eq!(t.blocks.len(), 2);
    let Block::Heading { level, runs } = &t.blocks[0] else {
        panic!("{:?}", t.blocks[0])
    };
    assert_eq!((*level, Run::plain(runs).as_str()), (1, "Title"));
    let Block::Paragraph(runs) = &t.blocks[1] else {
        panic!("{:?}", t.blocks[1])
    };
    assert_eq!(Run::plain(runs), "Some em and strong code gone l.");
    let em = runs.iter().find(|r| r.text == "em").unwrap();
    assert!(em.emph && !em.strong);
    assert!(runs.iter().find(|r| r.text == "strong").unwrap().strong);
    assert_eq!(
        runs.iter().find(|r| r.text == "code").unwrap().kind,
        RunKind::Code
    );
    assert!(runs.iter().find(|r| r.text == "gone").unwrap().strike);
    let link = runs.iter().find(|r| r.text == "l").unwrap();
    assert_eq!(link.link.as_deref(), Some("https://x.org"));
}

#[test]
fn smart_punctuation_is_off() {
    let t = parse("\"quoted\" -- 'x'...\n");
    let Block::Paragraph(runs) = &t.blocks[0] else {
        panic!()
    };
    assert_eq!(Run::plain(runs), "\"quoted\" -- 'x'...");
}

#[test]
fn tight_and_loose_lists_with_start_and_tasks() {
    let t = parse("3. a\n4. b\n   - [x] done\n   - [ ] open\n\n---\n\n- p\n\n- q\n");
    let Block::List(l) = &t.blocks[0] else {
        panic!("{:?}", t.blocks)
    };
    assert_eq!(l.start, Some(3));
    assert!(l.tight);
    assert_eq!(l.items.len(), 2);
    let Block::List(inner) = &l.items[1].blocks[1] else {
        panic!("{:?}", l.items[1])
    };
    assert_eq!(inner.start, None);
    assert_eq!(inner.items[0].task, Some(true));
    assert_eq!(inner.items[1].task, Some(false));
    assert_eq!(t.blocks[1], Block::Rule);
    let Block::List(loose) = &t.blocks[2] else {
        panic!()
    };
    assert!(!loose.tight);
}

#[test]
fn quotes_code_html_and_breaks() {
    let t =
        parse("> quoted\n> — Someone\n\n```rust\nfn x() {}\n  y\n```\n\n<div>hi</div>\n\na  \nb\n");
    let Block::Quote(q) = &t.blocks[0] else {
        panic!()
    };
    assert_eq!(q.len(), 1);
    assert_eq!(t.blocks[1], Block::Code("fn x() {}\n  y".into()));
    assert_eq!(t.blocks[2], Block::Code("<div>hi</div>".into()));
    let Block::Paragraph(runs) = &t.blocks[3] else {
        panic!()
    };
    assert_eq!(
        texts(runs),
        vec![
            ("a", RunKind::Text),
            ("", RunKind::Break),
            ("b", RunKind::Text)
        ]
    );
}

#[test]
fn tables_keep_alignment_header_and_rows() {
    let t = parse("| a | b |\n|:--|--:|\n| 1 | **2** |\n| 3 | 4 |\n");
    let Block::Table(tab) = &t.blocks[0] else {
        panic!()
    };
    assert_eq!(tab.aligns.len(), 2);
    assert_eq!(tab.header.len(), 2);
    assert_eq!(Run::plain(&tab.header[1]), "b");
    assert_eq!(tab.rows.len(), 2);
    assert!(tab.rows[0][1][0].strong);
}

#[test]
fn footnotes_are_kept_out_of_the_flow() {
    let t = parse("Text[^a] more.\n\n[^a]: The *note*.\n\nAfter.\n");
    assert_eq!(t.blocks.len(), 2);
    let Block::Paragraph(runs) = &t.blocks[0] else {
        panic!()
    };
    assert!(
        runs.iter()
            .any(|r| r.kind == RunKind::NoteRef && r.text == "a")
    );
    assert_eq!(t.notes.len(), 1);
    assert_eq!(t.notes[0].label, "a");
}

#[test]
fn images_split_paragraphs_and_alt_stands_in_headings() {
    let t = parse("before ![the *alt*](pic.png) after\n\n# H ![x](y.png)\n");
    assert_eq!(t.blocks.len(), 4, "{:?}", t.blocks);
    assert_eq!(
        t.blocks[1],
        Block::Image(Image {
            src: "pic.png".into(),
            alt: "the alt".into(),
            title: String::new(),
        })
    );
    let Block::Heading { runs, .. } = &t.blocks[3] else {
        panic!()
    };
    assert_eq!(Run::plain(runs), "H x");
}

#[test]
fn deep_nesting_is_capped() {
    let md = ">".repeat(10_000) + " deep\n";
    let t = parse(&md);
    let mut depth = 0;
    let mut blocks = &t.blocks;
    while let Some(Block::Quote(inner)) = blocks.first() {
        depth += 1;
        blocks = inner;
    }
    assert!(depth < MAX_DEPTH, "depth {depth}");
    assert_eq!(
        blocks.first(),
        Some(&Block::Paragraph(vec![Run {
            text: "deep".into(),
            kind: RunKind::Text,
            emph: false,
            strong: false,
            strike: false,
            link: None,
        }]))
    );
}

#[test]
fn deep_lists_are_capped() {
    let mut md = String::new();
    for i in 0..5_000 {
        md.push_str(&" ".repeat(i * 2));
        md.push_str("- x\n");
    }
    let t = parse(&md);
    fn depth(b: &[Block]) -> usize {
        b.iter()
            .map(|b| match b {
                Block::List(l) => 1 + l.items.iter().map(|i| depth(&i.blocks)).max().unwrap_or(0),
                Block::Quote(q) => 1 + depth(q),
                _ => 0,
            })
            .max()
            .unwrap_or(0)
    }
    assert!(depth(&t.blocks) <= MAX_DEPTH);
}

#[test]
fn nested_quote_keeps_its_attribution() {
    let t = parse("> Outer.\n>\n> > Inner.\n> >\n> > — Inner speaker\n>\n> — Outer speaker\n");
    let Block::Quote(outer) = &t.blocks[0] else {
        panic!("{:?}", t.blocks)
    };
    assert_eq!(outer.len(), 3, "{outer:?}");
    let Block::Quote(inner) = &outer[1] else {
        panic!("{outer:?}")
    };
    assert_eq!(inner.len(), 2, "{inner:?}");
}
