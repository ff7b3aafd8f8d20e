//! The analyst's review of an import: accept, edit, merge or reject each candidate, grade
//! the source and each item, then turn what was accepted into dataset records.

use crate::model::{Candidate, CandidateKind, EntityGuess, Import};
use briefsmith_core::model::{
    Credibility, Entity, EntityId, EntityKind, Item, ItemId, ItemKind, Reliability, Source,
    SourceId, Speech,
};
use thiserror::Error;

/// What the analyst decided about one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Decision {
    #[default]
    Pending,
    Accepted,
    Rejected,
}

/// A review operation that cannot be carried out.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReviewError {
    #[error("candidate {index} does not exist (the import has {len})")]
    NoSuchCandidate { index: usize, len: usize },
    #[error("cannot merge candidate {second} into {first}: {reason}")]
    CannotMerge {
        first: usize,
        second: usize,
        reason: &'static str,
    },
    #[error("candidate {index}: the text cannot be empty")]
    EmptyText { index: usize },
}

/// An import under review: its candidates with a decision and a credibility each, and the
/// source's reliability grade.
#[derive(Debug, Clone)]
pub struct Review {
    import: Import,
    decisions: Vec<Decision>,
    credibility: Vec<Credibility>,
    /// Reliability of the source, A–F.
    pub reliability: Reliability,
}

/// Dataset records made from an accepted review, ready to write into a library in one
/// transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The source, with its full text in `paragraphs` ("para N" is `paragraphs[N - 1]`).
    pub source: Source,
    /// Entities to create: new names the analyst accepted, and speakers the library lacks.
    pub new_entities: Vec<Entity>,
    pub items: Vec<Item>,
}

/// Credibility given to items until the analyst grades them: "cannot be judged".
const DEFAULT_CREDIBILITY: Credibility = Credibility(6);

impl Review {
    /// Starts a review with every candidate pending.
    pub fn new(import: Import, reliability: Reliability) -> Self {
        let n = import.candidates.len();
        Review {
            import,
            decisions: vec![Decision::Pending; n],
            credibility: vec![DEFAULT_CREDIBILITY; n],
            reliability,
        }
    }

    /// The import under review.
    pub fn import(&self) -> &Import {
        &self.import
    }

    /// The candidates, in the order the indices of the other methods refer to.
    pub fn candidates(&self) -> &[Candidate] {
        &self.import.candidates
    }

    /// The decision on candidate `index`.
    pub fn decision(&self, index: usize) -> Result<Decision, ReviewError> {
        self.check(index)?;
        Ok(self.decisions[index])
    }

    /// Accepts candidate `index`.
    pub fn accept(&mut self, index: usize) -> Result<(), ReviewError> {
        self.check(index)?;
        self.decisions[index] = Decision::Accepted;
        Ok(())
    }

    /// Rejects candidate `index`.
    pub fn reject(&mut self, index: usize) -> Result<(), ReviewError> {
        self.check(index)?;
        self.decisions[index] = Decision::Rejected;
        Ok(())
    }

    /// Accepts every pending candidate (the view asks for confirmation first); returns how
    /// many were accepted. Rejected ones stay rejected.
    pub fn accept_all(&mut self) -> usize {
        let mut n = 0;
        for d in &mut self.decisions {
            if *d == Decision::Pending {
                *d = Decision::Accepted;
                n += 1;
            }
        }
        n
    }

    /// Replaces a candidate's text and speaker (an edit is an acceptance).
    pub fn edit(
        &mut self,
        index: usize,
        text: &str,
        speaker: Option<&str>,
    ) -> Result<(), ReviewError> {
        self.check(index)?;
        if text.trim().is_empty() {
            return Err(ReviewError::EmptyText { index });
        }
        let c = &mut self.import.candidates[index];
        c.text = text.trim().to_owned();
        if c.speaker.as_deref() != speaker {
            c.speaker = speaker.map(str::to_owned);
            c.entity_id = None;
        }
        self.decisions[index] = Decision::Accepted;
        Ok(())
    }

    /// The credibility (1–6) candidate `index` would be filed with.
    pub fn credibility(&self, index: usize) -> Result<Credibility, ReviewError> {
        self.check(index)?;
        Ok(self.credibility[index])
    }

    /// Sets the credibility (1–6) of candidate `index`.
    pub fn set_credibility(
        &mut self,
        index: usize,
        credibility: Credibility,
    ) -> Result<(), ReviewError> {
        self.check(index)?;
        self.credibility[index] = credibility;
        Ok(())
    }

    /// Merges candidate `second` into `first`: two quotations (or two reported statements)
    /// of the same speaker become one, e.g. a quotation split by its attribution. The text
    /// is joined with a space; `second` disappears, so later indices shift down by one.
    pub fn merge(&mut self, first: usize, second: usize) -> Result<(), ReviewError> {
        self.check(first)?;
        self.check(second)?;
        let err = |reason| ReviewError::CannotMerge {
            first,
            second,
            reason,
        };
        if first == second {
            return Err(err("a candidate cannot be merged with itself"));
        }
        let (a, b) = (
            &self.import.candidates[first],
            &self.import.candidates[second],
        );
        if a.kind != b.kind || !matches!(a.kind, CandidateKind::Quote | CandidateKind::Reported) {
            return Err(err(
                "only two quotes or two reported statements can be merged",
            ));
        }
        if a.speaker != b.speaker {
            return Err(err("they have different speakers"));
        }
        let b = self.import.candidates.remove(second);
        self.decisions.remove(second);
        self.credibility.remove(second);
        let first = if second < first { first - 1 } else { first };
        let a = &mut self.import.candidates[first];
        a.text = format!("{} {}", a.text.trim_end_matches(','), b.text);
        if a.paragraph == b.paragraph {
            a.span = a.span.start.min(b.span.start)..a.span.end.max(b.span.end);
        }
        Ok(())
    }

    /// The accepted candidates with their credibility.
    pub fn accepted(&self) -> impl Iterator<Item = (&Candidate, Credibility)> {
        self.import
            .candidates
            .iter()
            .zip(&self.decisions)
            .zip(&self.credibility)
            .filter(|((_, d), _)| **d == Decision::Accepted)
            .map(|((c, _), cr)| (c, *cr))
    }

    /// Dataset records for what was accepted. `source_id` names the source (an existing
    /// one when the article was imported before); `new_id` gives a fresh id for each new
    /// record from a stem ("q" for items, the name for entities), so the caller keeps ids
    /// unique in its library.
    pub fn into_records(
        self,
        source_id: SourceId,
        new_id: &mut dyn FnMut(&str) -> String,
    ) -> Accepted {
        let source = self.source(source_id.clone());
        let mut new_entities: Vec<Entity> = Vec::new();
        let mut items = Vec::new();
        for (c, credibility) in self.accepted() {
            let (kind, speech) = match c.kind {
                CandidateKind::Quote => (ItemKind::Quote, Some(Speech::Direct)),
                CandidateKind::Reported => (ItemKind::Quote, Some(Speech::Reported)),
                CandidateKind::Figure | CandidateKind::Date => (ItemKind::Fact, None),
                CandidateKind::Entity => {
                    if c.entity_id.is_none() {
                        let kind = entity_kind(c.entity_kind.unwrap_or(EntityGuess::Other));
                        entity_for(&c.text, kind, &mut new_entities, new_id);
                    }
                    continue;
                }
            };
            let speaker = speech
                .and(c.speaker.as_deref())
                .map(|name| match &c.entity_id {
                    Some(id) => EntityId::new(id.as_str()),
                    None => entity_for(name, EntityKind::Person, &mut new_entities, new_id),
                });
            let text = match kind {
                // A figure or a date alone says little: the fact is its sentence.
                ItemKind::Fact => crate::extract::sentence_around(
                    self.import
                        .paragraphs
                        .get(c.paragraph.wrapping_sub(1))
                        .map_or("", String::as_str),
                    c.span.start,
                )
                .unwrap_or(&c.text)
                .to_owned(),
                ItemKind::Quote => c.text.clone(),
            };
            // Built through serde so fields the model gains with defaults need no change here.
            let value = serde_json::json!({
                "id": ItemId::new(new_id(&format!("{}-q", source_id.as_str()))),
                "kind": kind,
                "text": text,
                "speaker": speaker,
                "speech": speech,
                "date": c.date.clone().unwrap_or_default(),
                "source": source_id,
                "locator": c.locator,
                "entities": speaker.iter().collect::<Vec<_>>(),
                "credibility": credibility,
            });
            match serde_json::from_value::<Item>(value) {
                // A figure and a date in one sentence make the same fact once.
                Ok(item)
                    if items.iter().any(|i: &Item| {
                        i.text == item.text
                            && i.locator == item.locator
                            && i.speaker == item.speaker
                    }) => {}
                Ok(item) => items.push(item),
                Err(e) => unreachable!("item record is well-formed: {e}"),
            }
        }
        Accepted {
            source,
            new_entities,
            items,
        }
    }

    /// The source record; a missing title falls back to the file's name.
    fn source(&self, id: SourceId) -> Source {
        let meta = &self.import.source;
        // Built through serde so fields the model gains with defaults need no change here.
        let value = serde_json::json!({
            "id": id,
            "title": self.import.title_or_file_name(),
            "publisher": meta.publisher.clone().unwrap_or_default(),
            "authors": meta.author.iter().collect::<Vec<_>>(),
            "date": meta.date.clone().unwrap_or_default(),
            "url": meta.url,
            "kind": "news",
            "reliability": self.reliability,
            "paragraphs": self.import.paragraphs,
        });
        serde_json::from_value(value)
            .unwrap_or_else(|e| unreachable!("source record is well-formed: {e}"))
    }

    fn check(&self, index: usize) -> Result<(), ReviewError> {
        let len = self.import.candidates.len();
        (index < len)
            .then_some(())
            .ok_or(ReviewError::NoSuchCandidate { index, len })
    }
}

/// The id of the new entity called `name`, creating it on first use.
fn entity_for(
    name: &str,
    kind: EntityKind,
    new_entities: &mut Vec<Entity>,
    new_id: &mut dyn FnMut(&str) -> String,
) -> EntityId {
    if let Some(e) = new_entities.iter().find(|e| e.name == name) {
        return e.id.clone();
    }
    let id = EntityId::new(new_id(&format!("ent-{}", slug(name))));
    // Built through serde so fields the model gains with defaults need no change here.
    let value = serde_json::json!({ "id": id, "name": name, "kind": kind });
    match serde_json::from_value(value) {
        Ok(entity) => new_entities.push(entity),
        Err(e) => unreachable!("entity record is well-formed: {e}"),
    }
    id
}

fn entity_kind(guess: EntityGuess) -> EntityKind {
    match guess {
        EntityGuess::Person => EntityKind::Person,
        EntityGuess::Organisation => EntityKind::Organisation,
        EntityGuess::Place => EntityKind::Place,
        EntityGuess::Other => EntityKind::Other,
    }
}

/// "Sidharth Kaushal" → "sidharth-kaushal".
pub(crate) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}
