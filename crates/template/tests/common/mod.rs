//! A small brief built in code, for the template crate's tests.
#![allow(
    dead_code,
    reason = "each test binary uses part of these shared helpers"
)]

use briefsmith_core::model::{
    Block, Brief, BriefMeta, Confidence, Credibility, DatasetRef, ItemId, ItemKind, ItemRef,
    ItemSnapshot, Judgment, Likelihood, Reliability, Section, SourceSnapshot, Speech, TextBlock,
};

/// A snapshot of a fact with this text, from a source with this title.
pub fn fact(text: &str, source_title: &str) -> ItemSnapshot {
    ItemSnapshot {
        kind: ItemKind::Fact,
        text: text.into(),
        speaker: String::new(),
        speaker_role: String::new(),
        speech: None,
        via: String::new(),
        date: "2024-10-11".into(),
        place: String::new(),
        credibility: Credibility(2),
        source: SourceSnapshot {
            id: "src-1".into(),
            title: source_title.into(),
            publisher: "Financial Times".into(),
            authors: vec![],
            date: "2024-10-11".into(),
            url: Some("https://www.ft.com/content/x".into()),
            reliability: Reliability::new("B"),
        },
        locator: "para 1".into(),
        marking: None,
    }
}

/// A snapshot of a quote.
pub fn quote(text: &str, speaker: &str, role: &str, speech: Speech) -> ItemSnapshot {
    ItemSnapshot {
        kind: ItemKind::Quote,
        speaker: speaker.into(),
        speaker_role: role.into(),
        speech: Some(speech),
        ..fact(text, "Putin meets Iran's new president")
    }
}

/// An item block.
pub fn item(id: &str, snapshot: ItemSnapshot, note: &str) -> Block {
    Block::Item(ItemRef {
        item: ItemId::new(id),
        snapshot,
        note: note.into(),
        note_marking: None,
    })
}

/// A free-text block.
pub fn text(markdown: &str) -> Block {
    Block::Text(TextBlock {
        markdown: markdown.into(),
        marking: None,
    })
}

/// A key judgment.
pub fn judgment(text: &str, support: &[&str]) -> Block {
    Block::Judgment(Judgment {
        text: text.into(),
        confidence: Confidence::Moderate,
        likelihood: Likelihood::Likely,
        support: support.iter().map(|s| ItemId::new(*s)).collect(),
        marking: None,
    })
}

/// A brief with these sections.
pub fn brief(title: &str, sections: Vec<(&str, Vec<Block>)>) -> Brief {
    Brief {
        schema: "briefsmith-brief/2".into(),
        meta: BriefMeta {
            title: title.into(),
            author: "A. Analyst".into(),
            organisation: "Test Unit".into(),
            date: "2024-10-12".into(),
            audience: "Policy team".into(),
            classification: "OFFICIAL".into(),
            template: "bluf-memo".into(),
            bottom_line: "Russia is **unlikely** to deliver soon.".into(),
            ..BriefMeta::default()
        },
        dataset: DatasetRef::default(),
        sections: sections
            .into_iter()
            .map(|(h, blocks)| Section {
                heading: h.into(),
                blocks,
            })
            .collect(),
    }
}

/// A small ordinary brief.
pub fn small() -> Brief {
    brief(
        "Russia and Iran",
        vec![
            (
                "Key judgments",
                vec![judgment("Russia will not spare S-400s soon.", &["f1"])],
            ),
            (
                "Discussion",
                vec![
                    item(
                        "f1",
                        fact("Putin met Pezeshkian in Ashgabat.", "FT report"),
                        "First meeting.",
                    ),
                    item(
                        "q1",
                        quote(
                            "We are working together.",
                            "Vladimir Putin",
                            "President of Russia",
                            Speech::Direct,
                        ),
                        "",
                    ),
                ],
            ),
        ],
    )
}
