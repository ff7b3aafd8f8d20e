//! How checks look items and sources up in a dataset: through its id index, whichever
//! index the caller keeps (core's, or the app's own), never by scanning.

use briefsmith_core::model::{DatasetIndex, Item, ItemId, ItemSnapshot, Source, SourceId};

/// Constant-time access to the dataset a brief cites.
pub trait Lookup {
    /// The item with this id, if the dataset still has it.
    fn item(&self, id: &ItemId) -> Option<&Item>;
    /// The source with this id, if any.
    fn source(&self, id: &SourceId) -> Option<&Source>;
    /// What `item` says now, as a brief would capture it on picking it.
    fn capture(&self, item: &Item) -> ItemSnapshot;
}

impl Lookup for DatasetIndex<'_> {
    fn item(&self, id: &ItemId) -> Option<&Item> {
        DatasetIndex::item(self, id)
    }

    fn source(&self, id: &SourceId) -> Option<&Source> {
        DatasetIndex::source(self, id)
    }

    fn capture(&self, item: &Item) -> ItemSnapshot {
        ItemSnapshot::capture_in(self, item)
    }
}
