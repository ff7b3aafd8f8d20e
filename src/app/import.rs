//! Importing an article in the app: read a file (or pasted text) into a review, let the
//! analyst decide on each candidate, then file what was accepted into the open library as
//! one undoable change.

use crate::app::state::AppState;
use crate::intake::{existing_source, intake};
use briefsmith_core::model::{Credibility, Reliability};
use briefsmith_import::{CandidateKind, Decision, Import, Options, Review};

/// Where an import under review was read from, so it can be read again (e.g. with split
/// quotations joined).
#[derive(Debug, Clone)]
pub enum ImportInput {
    File(std::path::PathBuf),
    Pasted(String),
}

/// An article under review in the import window.
#[derive(Debug, Clone)]
pub struct ImportReview {
    pub input: ImportInput,
    pub review: Review,
    /// "src-… (title)" when the article is already in the library: accepted items go there.
    pub existing: Option<String>,
    /// The candidate shown in full and highlighted strongest in the article.
    pub selected: Option<usize>,
    /// Only candidates of this kind are listed; `None` lists all.
    pub filter: Option<CandidateKind>,
    /// The candidate being edited, with its text and speaker as typed so far.
    pub editing: Option<(usize, String, String)>,
    /// Quotations split by their attribution are proposed joined.
    pub join_split_quotes: bool,
    /// "Accept all" was pressed and waits for its confirmation.
    pub confirm_accept_all: bool,
    /// Set when the selection changes: the article scrolls to the candidate's paragraph.
    pub reveal: bool,
}

/// What the window shows when nothing is under review yet: a box to paste an article into.
#[derive(Debug, Clone, Default)]
pub struct PasteBox {
    pub text: String,
}

impl ImportReview {
    /// The candidates the list shows (all, or those of the chosen kind), by index.
    pub fn listed(&self) -> Vec<usize> {
        let candidates = self.review.candidates();
        (0..candidates.len())
            .filter(|&i| self.filter.is_none_or(|k| candidates[i].kind == k))
            .collect()
    }

    /// Selects the listed candidate `delta` rows from the selected one (the first when
    /// none is), and shows it in the article.
    pub fn step(&mut self, delta: isize) {
        let listed = self.listed();
        let at = self
            .selected
            .and_then(|s| listed.iter().position(|&i| i == s));
        let next = match at {
            Some(p) => p
                .saturating_add_signed(delta)
                .min(listed.len().saturating_sub(1)),
            None => 0,
        };
        if let Some(&i) = listed.get(next) {
            self.selected = Some(i);
            self.reveal = true;
        }
    }

    /// Decides the selected candidate and moves on to the next listed one still pending.
    pub fn decide(&mut self, accept: bool) -> Result<(), briefsmith_import::ReviewError> {
        let Some(i) = self.selected else {
            return Ok(());
        };
        if accept {
            self.review.accept(i)?;
        } else {
            self.review.reject(i)?;
        }
        let pending = self
            .listed()
            .into_iter()
            .find(|&j| j > i && self.review.decision(j) == Ok(Decision::Pending));
        if let Some(j) = pending {
            self.selected = Some(j);
            self.reveal = true;
        }
        Ok(())
    }

    /// How many candidates carry each decision: (pending, accepted, rejected).
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut n = (0, 0, 0);
        for i in 0..self.review.candidates().len() {
            match self.review.decision(i) {
                Ok(Decision::Pending) => n.0 += 1,
                Ok(Decision::Accepted) => n.1 += 1,
                Ok(Decision::Rejected) => n.2 += 1,
                Err(_) => {}
            }
        }
        n
    }
}

impl AppState {
    /// Reads an article file and opens it for review.
    pub fn import_file(&mut self, path: &std::path::Path) {
        self.start_import(ImportInput::File(path.to_path_buf()), false);
    }

    /// Reads pasted text (HTML or plain) and opens it for review.
    pub fn import_pasted(&mut self, text: String) {
        self.start_import(ImportInput::Pasted(text), false);
    }

    /// Reads the article under review again, with split quotations joined or kept apart.
    /// Decisions taken so far are lost, so the window offers this before any.
    pub fn reread_import(&mut self, join_split_quotes: bool) {
        if let Some(r) = self.import.take() {
            self.start_import(r.input, join_split_quotes);
        }
    }

    fn start_import(&mut self, input: ImportInput, join_split_quotes: bool) {
        let Some(library) = self.library() else {
            self.error(
                "An import files the article into a library: open one or make one first (Library menu)",
            );
            return;
        };
        if library.is_read_only() {
            self.error("The library is read-only: nothing can be imported into it");
            return;
        }
        let known = match library.entities() {
            Ok(known) => known,
            Err(e) => return self.error(format!("Cannot read the library: {e}")),
        };
        let options = Options {
            known: &known,
            date: None,
            join_split_quotes,
        };
        let read: Result<Import, _> = match &input {
            ImportInput::File(path) => briefsmith_import::import_path(path, &options),
            ImportInput::Pasted(text) => {
                briefsmith_import::import_text("pasted text", text, &options)
            }
        };
        let import = match read {
            Ok(import) => import,
            Err(e) => return self.error(format!("Cannot import: {e}")),
        };
        let existing = match existing_source(library, &import) {
            Ok(found) => found.map(|s| format!("{} ({})", s.id, s.title)),
            Err(e) => return self.error(format!("Cannot read the library: {e}")),
        };
        let reliability = Reliability::new("F");
        self.import = Some(ImportReview {
            input,
            review: Review::new(import, reliability),
            existing,
            selected: None,
            filter: None,
            editing: None,
            join_split_quotes,
            confirm_accept_all: false,
            reveal: false,
        });
        self.paste = None;
    }

    /// Files the accepted candidates into the library (one undoable change), closes the
    /// review and selects the first new item. Returns whether anything was filed.
    pub fn finish_import(&mut self) -> bool {
        let Some(r) = &self.import else { return false };
        if r.counts().1 == 0 {
            self.error("Nothing is accepted yet: accept the candidates to keep first");
            return false;
        }
        let Some(library) = self.library() else {
            return false;
        };
        let built = intake(library, r.review.clone());
        let intake = match built {
            Ok(intake) => intake,
            Err(e) => {
                self.error(format!("Cannot import: {e}"));
                return false;
            }
        };
        if !self.edit_library(intake.change.clone()) {
            return false;
        }
        self.import = None;
        if let Some(first) = intake.items.first() {
            self.select_item_id(first);
        }
        self.info(format!("Imported: {}", intake.summary()));
        true
    }

    /// Sets the credibility of candidate `index` under review.
    pub fn grade_candidate(&mut self, index: usize, credibility: Credibility) {
        if let Some(r) = self.import.as_mut()
            && let Err(e) = r.review.set_credibility(index, credibility)
        {
            self.error(e.to_string());
        }
    }

    /// Saves the edit under way in the import window (an edit also accepts).
    pub fn save_candidate_edit(&mut self) {
        let Some(r) = self.import.as_mut() else {
            return;
        };
        let Some((index, text, speaker)) = r.editing.take() else {
            return;
        };
        let speaker = Some(speaker.trim()).filter(|s| !s.is_empty());
        if let Err(e) = r.review.edit(index, &text, speaker) {
            r.editing = Some((index, text, speaker.unwrap_or_default().to_owned()));
            self.error(e.to_string());
        }
    }

    /// Merges candidate `index` with the next one of the same kind (a quotation split by
    /// its attribution), reporting why when they cannot be.
    pub fn merge_with_next(&mut self, index: usize) {
        let Some(r) = self.import.as_mut() else {
            return;
        };
        let kind = r.review.candidates().get(index).map(|c| c.kind);
        let next = r
            .review
            .candidates()
            .iter()
            .enumerate()
            .skip(index + 1)
            .find(|(_, c)| Some(c.kind) == kind)
            .map(|(i, _)| i);
        let Some(next) = next else {
            return self.error("There is no later candidate of the same kind to merge with");
        };
        match r.review.merge(index, next) {
            Ok(()) => r.selected = Some(index),
            Err(e) => self.error(e.to_string()),
        }
    }
}
