//! What the library pane lists: the items the search text and filters let through, a row
//! at a time. A JSON dataset is ranked in memory ([`index`]); a library file is asked by
//! query, a page of rows at a time ([`paged`]), so a million items cost what a screenful
//! does.

mod index;
mod paged;

pub use index::{Filters, LibraryIndex, RowLabel, first_line};

use crate::app::document::{Items, LoadedDataset};
use briefsmith_core::model::{EntityId, ItemId, ItemKind, SourceId};

/// One row of the library list.
#[derive(Debug, Clone)]
pub struct Row {
    /// The item's id.
    pub id: ItemId,
    pub kind: ItemKind,
    pub label: RowLabel,
}

/// What the filters offer to pick from.
#[derive(Debug, Clone, Default)]
pub struct Choices {
    /// Tags, sorted.
    pub tags: Vec<String>,
    /// Entities as (id, display name), sorted by name.
    pub entities: Vec<(EntityId, String)>,
    /// Sources as (id, display name), sorted by name.
    pub sources: Vec<(SourceId, String)>,
}

/// The search box, the filters, and the items they let through.
#[derive(Default)]
pub struct Search {
    /// What the user typed.
    pub query: String,
    pub filters: Filters,
    listing: Listing,
}

/// The matches, as the dataset's kind keeps them.
enum Listing {
    Memory(index::Ranked),
    Paged(paged::Paged),
}

impl Default for Listing {
    fn default() -> Self {
        Listing::Memory(index::Ranked::default())
    }
}

impl Search {
    /// Forgets the matches, e.g. when another dataset is opened or the library changed.
    pub fn reset(&mut self) {
        match &mut self.listing {
            Listing::Memory(ranked) => ranked.reset(),
            Listing::Paged(paged) => paged.reset(),
        }
    }

    /// Brings the matches up to date with the query and filters; cheap when neither changed.
    pub fn update(&mut self, ds: &LoadedDataset) {
        match (ds.items(), &mut self.listing) {
            (Items::Memory(index), Listing::Memory(ranked)) => {
                ranked.update(&self.query, &self.filters, ds.catalog(), index);
            }
            (Items::Library(library), Listing::Paged(paged)) => {
                paged.update(&self.query, &self.filters, library);
            }
            (Items::Memory(_), listing) => {
                *listing = Listing::Memory(index::Ranked::default());
                self.update(ds);
            }
            (Items::Library(_), listing) => {
                *listing = Listing::Paged(paged::Paged::default());
                self.update(ds);
            }
        }
    }

    /// How many rows the list has (call [`Search::update`] first). A library's count stops
    /// at a bound that grows as the list is scrolled: see [`Search::more`].
    pub fn len(&self) -> usize {
        match &self.listing {
            Listing::Memory(ranked) => ranked.results().len(),
            Listing::Paged(paged) => paged.len(),
        }
    }

    /// Whether nothing matches.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether more items match than [`Search::len`] counted so far.
    pub fn more(&self) -> bool {
        match &self.listing {
            Listing::Memory(_) => false,
            Listing::Paged(paged) => paged.more(),
        }
    }

    /// Why the matches could not be read (a library that failed a query), if so.
    pub fn error(&self) -> Option<&str> {
        match &self.listing {
            Listing::Memory(_) => None,
            Listing::Paged(paged) => paged.error(),
        }
    }

    /// The `r`-th row of the list.
    pub fn row(&mut self, ds: &LoadedDataset, r: usize) -> Option<Row> {
        match (&mut self.listing, ds.items()) {
            (Listing::Memory(ranked), Items::Memory(index)) => {
                let i = *ranked.results().get(r)? as usize;
                let item = ds.catalog().items.get(i)?;
                Some(Row {
                    id: item.id.clone(),
                    kind: item.kind,
                    label: index.row(i)?.clone(),
                })
            }
            (Listing::Paged(paged), Items::Library(library)) => paged.row(library, ds.catalog(), r),
            _ => None,
        }
    }

    /// Where the item `id` stands in the list, if it matches.
    pub fn position(&mut self, ds: &LoadedDataset, id: &ItemId) -> Option<usize> {
        match (&mut self.listing, ds.items()) {
            (Listing::Memory(ranked), Items::Memory(index)) => {
                let i = index.position(id)? as u32;
                ranked.results().iter().position(|&x| x == i)
            }
            (Listing::Paged(paged), Items::Library(library)) => paged.position(library, id),
            _ => None,
        }
    }

    /// What the filters offer: the tags, entities and sources of the dataset.
    pub fn choices(&mut self, ds: &LoadedDataset) -> Choices {
        match (&mut self.listing, ds.items()) {
            (Listing::Paged(paged), Items::Library(library)) => {
                paged.choices(library, ds.catalog())
            }
            (_, Items::Memory(index)) => Choices {
                tags: index.tags.clone(),
                entities: index.entities.clone(),
                sources: index.sources.clone(),
            },
            _ => Choices::default(),
        }
    }
}
