//! Id lookups in constant time, for datasets of 100,000 items.

use super::{Dataset, Entity, EntityId, Item, ItemId, Source, SourceId};
use std::collections::HashMap;

/// Hash maps from ids to a dataset's sources, entities and items (first one wins on duplicates).
#[derive(Debug, Clone)]
pub struct DatasetIndex<'a> {
    dataset: &'a Dataset,
    sources: HashMap<&'a str, usize>,
    entities: HashMap<&'a str, usize>,
    items: HashMap<&'a str, usize>,
}

impl Dataset {
    /// Builds an index for fast id lookups; build it once and reuse it for many lookups.
    pub fn index(&self) -> DatasetIndex<'_> {
        fn map<T>(list: &[T], id: impl Fn(&T) -> &str) -> HashMap<&str, usize> {
            let mut m = HashMap::with_capacity(list.len());
            for (i, x) in list.iter().enumerate() {
                m.entry(id(x)).or_insert(i);
            }
            m
        }
        DatasetIndex {
            dataset: self,
            sources: map(&self.sources, |s| s.id.as_str()),
            entities: map(&self.entities, |e| e.id.as_str()),
            items: map(&self.items, |i| i.id.as_str()),
        }
    }
}

impl<'a> DatasetIndex<'a> {
    /// The dataset this index was built from.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The source with this id, if any.
    pub fn source(&self, id: &SourceId) -> Option<&'a Source> {
        self.sources
            .get(id.as_str())
            .map(|&i| &self.dataset.sources[i])
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &EntityId) -> Option<&'a Entity> {
        self.entities
            .get(id.as_str())
            .map(|&i| &self.dataset.entities[i])
    }

    /// The item with this id, if any.
    pub fn item(&self, id: &ItemId) -> Option<&'a Item> {
        self.items.get(id.as_str()).map(|&i| &self.dataset.items[i])
    }

    /// The position of the item with this id in `dataset.items`, if any.
    pub fn item_position(&self, id: &ItemId) -> Option<usize> {
        self.items.get(id.as_str()).copied()
    }
}
