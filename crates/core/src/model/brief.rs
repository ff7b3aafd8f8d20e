//! The brief (draft) an analyst makes: metadata, sections of blocks.

use super::{
    Confidence, Credibility, ItemId, ItemKind, Likelihood, Marking, Reliability, SourceId, Speech,
};
use serde::{Deserialize, Serialize};

/// A `*.brief.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Brief {
    /// Format and version, e.g. `briefsmith-brief/2`.
    pub schema: String,
    pub meta: BriefMeta,
    pub dataset: DatasetRef,
    pub sections: Vec<Section>,
}

impl Brief {
    /// The ids of the items the brief cites, as blocks or as judgments' support, each once
    /// in the order first cited: all of a dataset that the brief's output reads.
    pub fn cited_items(&self) -> Vec<ItemId> {
        let mut seen = std::collections::HashSet::new();
        let mut ids = Vec::new();
        for block in self.sections.iter().flat_map(|s| &s.blocks) {
            let cited: &[ItemId] = match block {
                Block::Item(r) => std::slice::from_ref(&r.item),
                Block::Judgment(j) => &j.support,
                Block::Text(_) => &[],
            };
            for id in cited {
                if seen.insert(id) {
                    ids.push(id.clone());
                }
            }
        }
        ids
    }
}

/// What the brief says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct BriefMeta {
    pub title: String,
    pub author: String,
    pub organisation: String,
    /// Date of the brief, ISO 8601.
    pub date: String,
    /// Who it is for, e.g. "Minister's private office".
    pub audience: String,
    /// Classification or handling banner as the user typed or chose it; empty for none.
    pub classification: String,
    /// Name of the template the brief is exported with by default.
    pub template: String,
    /// Bottom line up front: the judgment and why it matters, in Markdown.
    pub bottom_line: String,
    /// Tradecraft findings the analyst has accepted, each with the reason; kept in the
    /// metadata so acknowledging is one undoable `SetMeta` edit like any other.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acknowledged: Vec<Acknowledgement>,
    /// The marking scheme and the marks of the title and bottom line; unset for a brief
    /// that only has the free-text `classification`.
    #[serde(default, skip_serializing_if = "Markings::is_unset")]
    pub markings: Markings,
}

/// How a brief is marked: the scheme it follows, the lowest and highest marks it may
/// carry, and the marks of the portions that are not blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
pub struct Markings {
    /// The scheme's name, e.g. `us-style`, `uk-gov`, `tlp`; empty for none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scheme: String,
    /// The mark unmarked analyst text gets; none means the scheme's lowest level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub floor: Option<Marking>,
    /// The highest mark the brief is meant to carry; picking anything above it warns.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<Marking>,
    /// The title's mark; none means the floor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Marking>,
    /// The bottom line's mark; none means the floor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bottom_line: Option<Marking>,
    /// Set on a copy cut down for release (`--max-marking`): the ceiling it was cut to,
    /// so every export of it says it is a reduced version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reduced_to: Option<Marking>,
}

impl Markings {
    /// True when no scheme is set and nothing is marked: the draft saves as before.
    pub fn is_unset(&self) -> bool {
        *self == Markings::default()
    }
}

/// A check finding the analyst accepts as it stands, and why.
///
/// Keyed by what the finding is about (an item id, a judgment's text), not by block
/// position, so moving or adding other blocks does not lose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// The check's id, e.g. `judgment.single-source`.
    pub check: String,
    /// The finding's subject key, e.g. `item:fact-s400-range` or `brief`.
    pub place: String,
    /// Why the finding is accepted, in the analyst's words.
    pub reason: String,
}

/// The dataset a brief was composed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DatasetRef {
    /// Path relative to the draft's folder.
    pub path: String,
    /// `sha256:` followed by the hex digest of the dataset file's bytes when it was last used.
    pub fingerprint: String,
}

/// A heading and its ordered blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub heading: String,
    #[serde(default)]
    pub blocks: Vec<Block>,
}

/// One block of a section.
// Unboxed on purpose: the GUI and templates match on these variants directly.
#[expect(
    clippy::large_enum_variant,
    reason = "blocks are few and boxing would change the serde shape of every draft"
)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// A fact or quote picked from the dataset.
    Item(ItemRef),
    /// Free Markdown text written by the analyst.
    Text(TextBlock),
    /// A key judgment.
    Judgment(Judgment),
}

/// A picked item: its id, what it said when picked, and the analyst's note on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRef {
    pub item: ItemId,
    pub snapshot: ItemSnapshot,
    /// The analyst's note (Markdown); empty for none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The analyst's mark for the note; none means the brief's floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_marking: Option<Marking>,
}

/// Free Markdown text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TextBlock {
    pub markdown: String,
    /// The analyst's mark for this text; none means the brief's floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

/// A key judgment with its confidence, likelihood and supporting items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Judgment {
    pub text: String,
    pub confidence: Confidence,
    pub likelihood: Likelihood,
    #[serde(default)]
    pub support: Vec<ItemId>,
    /// The analyst's mark for this judgment; none means the brief's floor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

/// An item as it stood when picked: enough to export the brief without its dataset,
/// and to notice when the dataset has changed since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSnapshot {
    pub kind: ItemKind,
    pub text: String,
    /// The speaker's name, for quotes.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub speaker: String,
    /// The speaker's role, e.g. "Israeli defence minister".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub speaker_role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub via: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    pub credibility: Credibility,
    pub source: SourceSnapshot,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locator: String,
    /// The item's mark when picked (its own, else its source's); the block carries it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

/// A source as it stood when an item was picked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSnapshot {
    pub id: SourceId,
    pub title: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub reliability: Reliability,
}
