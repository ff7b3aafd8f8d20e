//! The data a template sees: the brief resolved into ready-to-print pieces.
//!
//! Items are taken from the brief's snapshots (what the analyst reviewed); the dataset,
//! when given, adds entities and marks items that changed since. Footnote labels and
//! source labels are handed out in reading order, each item and each source once.
//!
//! Plain strings are escaped by the template engine when printed; fields holding
//! Markdown (analyst text, ready-made references) are marked safe here, already sanitised.

mod builder;
mod prose;

pub(crate) use builder::build;

use minijinja::Value;
use serde::Serialize;

/// The title of a brief that has none yet.
pub const UNTITLED: &str = "Untitled brief";

/// Everything a template renders from.
#[derive(Debug, Serialize)]
pub struct Context {
    /// True when the Markdown is for the PDF (the layout sets the banner itself).
    pub for_pdf: bool,
    /// The export date in words, e.g. "25 November 2026".
    pub export_date: String,
    pub meta: MetaCtx,
    pub sections: Vec<SectionCtx>,
    /// All key judgments in reading order.
    pub judgments: Vec<JudgmentCtx>,
    /// Each cited source once, in order of first citation.
    pub sources: Vec<SourceCtx>,
    /// The footnote definitions, in order of first reference.
    pub notes: Vec<NoteCtx>,
    /// Entities the picked items involve (from the dataset; speakers when there is none).
    pub entities: Vec<EntityCtx>,
    /// People quoted, with their roles.
    pub people: Vec<PersonCtx>,
    /// Items whose dataset entry changed (or vanished) since they were picked.
    pub changed_items: usize,
    pub template: TemplateInfo,
}

/// The brief's metadata, dates in words.
#[derive(Debug, Serialize)]
pub struct MetaCtx {
    pub title: String,
    pub author: String,
    pub organisation: String,
    pub date: String,
    pub date_iso: String,
    pub audience: String,
    /// The banner: rolled up from the portion marks when the brief has a marking scheme,
    /// else the free-text classification.
    pub classification: String,
    /// Sanitised Markdown (safe), each paragraph opening with its portion mark.
    pub bottom_line: Value,
    /// The title's portion mark and a space, e.g. `(U) ` (safe); empty when unmarked.
    pub title_pm: Value,
    /// The first page's classification block, when the scheme wants one.
    pub classification_block: Vec<String>,
    /// What a reduced (releasable) version says about itself; empty otherwise.
    pub reduced: String,
    /// The marking scheme's notice (built-ins: for training, not an authority); empty
    /// when the brief has no scheme.
    pub marking_notice: String,
}

/// One section and its resolved blocks.
#[derive(Debug, Serialize)]
pub struct SectionCtx {
    pub heading: String,
    /// 1-based position.
    pub number: usize,
    pub blocks: Vec<BlockCtx>,
}

/// A resolved block; templates switch on `type`.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum BlockCtx {
    Item(Box<ItemCtx>),
    /// Each portion of the Markdown opens with the block's mark.
    Text {
        markdown: Value,
    },
    Judgment(JudgmentCtx),
}

/// A fact or quote ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct ItemCtx {
    pub id: String,
    /// "fact" or "quote".
    pub kind: &'static str,
    /// "direct", "reported" or "" (facts).
    pub speech: &'static str,
    /// A verbatim quote set as a block quote.
    pub direct: bool,
    pub text: String,
    /// The text split at blank lines (for multi-paragraph quotes).
    pub paragraphs: Vec<String>,
    pub speaker: String,
    pub speaker_role: String,
    pub via: String,
    pub date: String,
    pub date_iso: String,
    pub place: String,
    pub locator: String,
    /// Reliability letter + credibility digit, e.g. "B2".
    pub grade: String,
    pub reliability: String,
    pub reliability_meaning: String,
    pub credibility: String,
    pub credibility_meaning: String,
    pub source: SourceRefCtx,
    /// The analyst's note as sanitised Markdown (safe); empty for none.
    pub note: Value,
    /// The footnote label, e.g. "3".
    pub footnote: String,
    /// The footnote reference, e.g. `[^3]` (safe).
    #[serde(rename = "ref")]
    pub note_ref: Value,
    /// "Vladimir Putin, President of Russia, Ashgabat, 11 October 2024 (state media reported)".
    pub attribution: String,
    /// A reported quote as an attributed sentence: "X, role, said on … that …".
    pub reported: String,
    /// The dataset's entry differs from the snapshot.
    pub changed: bool,
    /// A dataset was given and the item is not in it.
    pub missing: bool,
    /// The item's portion mark and a space, e.g. `(S//NF) ` (safe); empty when unmarked.
    pub pm: Value,
}

/// The source an item cites, briefly.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRefCtx {
    /// "S1", "S2", … in order of first citation.
    pub label: String,
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: String,
}

/// A key judgment ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct JudgmentCtx {
    /// 1-based, in reading order.
    pub number: usize,
    /// Sanitised Markdown (safe), each paragraph opening with the judgment's mark.
    pub text: Value,
    /// The judgment's portion mark and a space (safe); empty when unmarked.
    pub pm: Value,
    pub confidence: &'static str,
    pub likelihood: &'static str,
    /// The likelihood term with a capital, e.g. "Very likely".
    pub likelihood_title: String,
    /// "55–80%".
    pub band: String,
    pub band_low: u8,
    pub band_high: u8,
    pub support: Vec<ItemCtx>,
    /// The supporting items' footnote references, e.g. `[^1][^4]` (safe).
    pub refs: Value,
    /// Supporting item ids found neither in the brief nor in the dataset.
    pub missing_support: Vec<String>,
}

/// A cited source, for the sources list.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCtx {
    pub label: String,
    pub id: String,
    pub title: String,
    /// The title as a link when the source has a web address (safe Markdown).
    pub title_link: Value,
    /// Publisher, linked title in quotation marks and date, e.g.
    /// `Financial Times, “[Putin meets …](<https://…>)”, 11 October 2024` (safe Markdown).
    pub citation: Value,
    pub publisher: String,
    pub authors: String,
    pub date: String,
    pub url: String,
    /// "news", "state-media", … when the dataset is known; empty otherwise.
    pub kind: String,
    pub reliability: String,
    pub reliability_meaning: String,
    /// Footnote labels of the items citing it.
    pub cited_by: Vec<String>,
    /// The roll-up of the marks of the items citing it, and a space (safe); empty when unmarked.
    pub pm: Value,
}

/// One footnote definition.
#[derive(Debug, Clone, Serialize)]
pub struct NoteCtx {
    pub label: String,
    /// The note's Markdown (safe): its item's portion mark, then source, date, locator and grade.
    pub text: Value,
}

/// An entity involved in the brief.
#[derive(Debug, Clone, Serialize)]
pub struct EntityCtx {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub role: String,
    pub aliases: Vec<String>,
}

/// A person quoted in the brief.
#[derive(Debug, Clone, Serialize)]
pub struct PersonCtx {
    pub name: String,
    pub role: String,
    /// The roll-up of the marks of the items quoting them, and a space (safe); empty when unmarked.
    pub pm: Value,
}

/// The template being rendered.
#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    pub name: String,
    pub description: String,
}
