//! A library file's matches, read by query a page of rows at a time: only what is on screen
//! is ever in memory, and each keystroke costs one count and one page.

use super::index::Names;
use super::{Choices, Filters, Row, RowLabel};
use briefsmith_core::model::{Credibility, Dataset, ItemId, Reliability};
use briefsmith_core::validate::is_iso_date;
use briefsmith_library::{Library, Search as Query};
use std::collections::HashMap;

/// Rows read per query.
const PAGE: usize = 50;
/// How far the matches are counted at first; the bound grows as the list is scrolled.
const FIRST_COUNT: u64 = 1_000;
/// Pages kept; the rest are read again when scrolled back to.
const KEPT_PAGES: usize = 64;

/// The matches of one query, counted so far and paged in as shown.
#[derive(Default)]
pub struct Paged {
    /// The query the count and pages are for; `None` until the first update.
    query: Option<Query>,
    /// Matches counted, up to one past `bound` (which says there are more).
    count: u64,
    bound: u64,
    pages: HashMap<usize, Vec<Row>>,
    choices: Option<Choices>,
    error: Option<String>,
}

impl Paged {
    /// Forgets the count, the pages and the filter choices (the library changed).
    pub fn reset(&mut self) {
        *self = Paged::default();
    }

    /// Counts the matches again when the query or filters changed.
    pub fn update(&mut self, text: &str, filters: &Filters, library: &Library) {
        let query = query_of(text, filters);
        if self.query.as_ref() == Some(&query) {
            return;
        }
        self.query = Some(query);
        self.pages.clear();
        self.bound = FIRST_COUNT;
        self.recount(library);
    }

    /// Rows counted so far.
    pub fn len(&self) -> usize {
        usize::try_from(self.count.min(self.bound)).unwrap_or(usize::MAX)
    }

    /// Whether more items match than counted so far.
    pub fn more(&self) -> bool {
        self.count > self.bound
    }

    /// The last query's failure, if it failed.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The `r`-th row, reading its page if need be; counting further when the list nears
    /// the end of what is counted.
    pub fn row(&mut self, library: &Library, catalog: &Dataset, r: usize) -> Option<Row> {
        if self.more() && r + PAGE >= self.len() {
            self.bound = self.bound.saturating_mul(4);
            self.recount(library);
        }
        let page = r / PAGE;
        if !self.pages.contains_key(&page) {
            let rows = self.read_page(library, catalog, page)?;
            if self.pages.len() >= KEPT_PAGES {
                self.pages.clear();
            }
            self.pages.insert(page, rows);
        }
        self.pages.get(&page)?.get(r % PAGE).cloned()
    }

    /// Where `id` stands among the matches: from the pages read, else by asking the library.
    pub fn position(&mut self, library: &Library, id: &ItemId) -> Option<usize> {
        let known = self.pages.iter().find_map(|(page, rows)| {
            rows.iter()
                .position(|row| row.id == *id)
                .map(|at| page * PAGE + at)
        });
        if known.is_some() {
            return known;
        }
        let query = self.query.as_ref()?;
        match library.index_of(query, id) {
            Ok(at) => {
                let at = usize::try_from(at?).ok()?;
                // The list must reach the item to show it.
                if at >= self.len() && self.more() {
                    self.bound = self.bound.max(at as u64 + FIRST_COUNT);
                    self.recount(library);
                }
                Some(at)
            }
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// The filters' choices: every tag (read once), entity and source of the library.
    pub fn choices(&mut self, library: &Library, catalog: &Dataset) -> Choices {
        if let Some(c) = &self.choices {
            return c.clone();
        }
        let names = Names::of(catalog);
        let entities = names.entity_choices(catalog.entities.iter().map(|e| e.id.clone()));
        let sources = names.source_choices(catalog.sources.iter().map(|s| s.id.clone()));
        let tags = library.tags().unwrap_or_else(|e| {
            self.error = Some(e.to_string());
            Vec::new()
        });
        let choices = Choices {
            tags,
            entities,
            sources,
        };
        self.choices = Some(choices.clone());
        choices
    }

    fn recount(&mut self, library: &Library) {
        let Some(query) = &self.query else { return };
        // One past the bound tells "more than this" from "exactly this".
        match library.count(query, Some(self.bound + 1)) {
            Ok(n) => {
                self.count = n;
                self.error = None;
            }
            Err(e) => {
                self.count = 0;
                self.error = Some(e.to_string());
            }
        }
    }

    fn read_page(&mut self, library: &Library, catalog: &Dataset, page: usize) -> Option<Vec<Row>> {
        let query = self.query.as_ref()?;
        match library.search_rows(query, (page * PAGE) as u64, PAGE as u64) {
            Ok(items) => {
                let names = Names::of(catalog);
                Some(
                    items
                        .into_iter()
                        .map(|item| Row {
                            label: RowLabel::of(
                                &item,
                                names.speaker_of(&item),
                                names.source_of(&item),
                            ),
                            kind: item.kind,
                            id: item.id,
                        })
                        .collect(),
                )
            }
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }
}

/// The library query for what the user typed and picked. A date bound that is not a date
/// is not applied (the pane says so beside it), as in memory.
fn query_of(text: &str, filters: &Filters) -> Query {
    let bound = |b: &str| Some(b.trim().to_owned()).filter(|b| is_iso_date(b));
    Query {
        text: text.trim().to_owned(),
        kind: filters.kind,
        source: filters.source.clone(),
        entity: filters.entity.clone(),
        tag: filters.tag.clone(),
        from: bound(&filters.date_from),
        to: bound(&filters.date_to),
        min_reliability: filters.min_reliability.map(|c| Reliability(c.to_string())),
        min_credibility: filters.min_credibility.map(Credibility),
    }
}
