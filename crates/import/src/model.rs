//! What an import produces: the source's metadata, its numbered paragraphs and the
//! candidates found in them. Serialises to the `--dry-run --json` contract.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One imported document.
///
/// The JSON form is the contract `briefsmith import --dry-run --json` prints:
/// `{"file", "source": {...}, "paragraphs": [..], "candidates": [..]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Import {
    /// The name the input was imported under (its path, or "clipboard").
    pub file: String,
    pub source: SourceMeta,
    /// The article's text, one entry per paragraph; "para N" is `paragraphs[N - 1]`.
    pub paragraphs: Vec<String>,
    pub candidates: Vec<Candidate>,
}

impl Import {
    /// The title to file the source under: its own, or the file's name without extension.
    pub fn title_or_file_name(&self) -> String {
        self.source.title.clone().unwrap_or_else(|| {
            std::path::Path::new(&self.file)
                .file_stem()
                .map_or_else(|| self.file.clone(), |s| s.to_string_lossy().into_owned())
        })
    }
}

/// Bibliographic details of the imported source; `None` where the input does not say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub author: Option<String>,
    /// Publication date as ISO 8601 (`2024-10-11`), when the input gives one.
    pub date: Option<String>,
    pub url: Option<String>,
}

/// What a candidate proposes to add to the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CandidateKind {
    /// Words in quotation marks, verbatim, with their speaker.
    Quote,
    /// Attributed speech without quotation marks ("X said that ...").
    Reported,
    /// A figure: money, a count, a percentage, a range, a measure.
    Figure,
    /// A date, absolute or relative (resolved against the article's date).
    Date,
    /// A person, organisation or place named in the text.
    Entity,
}

/// The kind of a proposed entity, as far as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityGuess {
    Person,
    Organisation,
    Place,
    Other,
}

/// One proposal for the analyst to accept, edit or reject.
///
/// Only `kind`, `text`, `speaker`, `locator` and `date` are part of the JSON contract; the
/// rest serve the review view (where to highlight, which library entity matched).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub kind: CandidateKind,
    /// Verbatim words for quotes, figures, dates and entities; the attributed clause for
    /// reported speech.
    pub text: String,
    /// Who said it (quotes and reported speech), by the fullest name the article gives.
    pub speaker: Option<String>,
    /// Where in the source: "para N".
    pub locator: String,
    /// ISO 8601 date (possibly partial) the statement or event belongs to, when known.
    pub date: Option<String>,
    /// 1-based paragraph number the candidate was found in.
    #[serde(skip)]
    pub paragraph: usize,
    /// Byte range of the candidate's text within its paragraph, for highlighting in place.
    #[serde(skip)]
    pub span: Range<usize>,
    /// The library entity this speaker or entity matched, by id.
    #[serde(skip)]
    pub entity_id: Option<String>,
    /// For entity candidates: what kind of entity it looks like.
    #[serde(skip)]
    pub entity_kind: Option<EntityGuess>,
}

impl Candidate {
    /// A candidate found at `span` in paragraph `paragraph` (1-based).
    pub fn new(kind: CandidateKind, text: String, paragraph: usize, span: Range<usize>) -> Self {
        Candidate {
            kind,
            text,
            speaker: None,
            locator: locator(paragraph),
            date: None,
            paragraph,
            span,
            entity_id: None,
            entity_kind: None,
        }
    }
}

/// The locator of a 1-based paragraph number, as written in datasets: "para 7".
pub fn locator(paragraph: usize) -> String {
    format!("para {paragraph}")
}
