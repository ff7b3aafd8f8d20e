//! Finding items by words: in their text, speaker, tags and entities, ignoring case.

use super::{DatasetIndex, Entity, Item};

/// A search over a dataset's items: every word must appear somewhere in the item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemQuery {
    words: Vec<String>,
}

impl ItemQuery {
    /// Splits `query` into lowercase words.
    pub fn new(query: &str) -> Self {
        ItemQuery {
            words: query.split_whitespace().map(str::to_lowercase).collect(),
        }
    }

    /// Whether the query has no words (and so matches everything).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether each word occurs, case-insensitively, in the item's text, id, tags, or the
    /// names and aliases of its speaker and entities.
    pub fn matches(&self, index: &DatasetIndex<'_>, item: &Item) -> bool {
        if self.words.is_empty() {
            return true;
        }
        let mut hay = String::with_capacity(item.text.len() + 64);
        let mut add = |s: &str| {
            hay.push_str(&s.to_lowercase());
            hay.push('\n');
        };
        add(&item.text);
        add(item.id.as_str());
        item.tags.iter().for_each(|t| add(t));
        let entities = item.speaker.iter().chain(&item.entities);
        for entity in entities.filter_map(|id| index.entity(id)) {
            add_entity(&mut add, entity);
        }
        self.words.iter().all(|w| hay.contains(w.as_str()))
    }
}

fn add_entity(add: &mut impl FnMut(&str), entity: &Entity) {
    add(&entity.name);
    entity.aliases.iter().for_each(|a| add(a));
}
