//! Capturing an item as it stands in a dataset, and finding the blocks whose capture is out of date.

use super::{
    Block, BlockPos, Brief, Dataset, DatasetIndex, Entity, Item, ItemSnapshot, Reliability, Source,
    SourceSnapshot,
};

impl ItemSnapshot {
    /// What `item` says now, with its speaker and source resolved through `dataset`.
    ///
    /// A speaker or source missing from the dataset is recorded by its id (and an empty
    /// reliability for the source), so a broken reference shows up rather than vanishing.
    pub fn capture(dataset: &Dataset, item: &Item) -> ItemSnapshot {
        let speaker = item.speaker.as_ref().and_then(|id| dataset.entity(id));
        Self::capture_from(item, speaker, dataset.source(&item.source))
    }

    /// [`ItemSnapshot::capture`] through an id index: the same snapshot, found in constant
    /// time, for checking many blocks against a large dataset.
    pub fn capture_in(index: &DatasetIndex<'_>, item: &Item) -> ItemSnapshot {
        let speaker = item.speaker.as_ref().and_then(|id| index.entity(id));
        Self::capture_from(item, speaker, index.source(&item.source))
    }

    /// [`ItemSnapshot::capture`] with the item's speaker and source already looked up
    /// (`None` when the dataset lacks them), for callers that keep their own id index.
    pub fn capture_from(
        item: &Item,
        speaker: Option<&Entity>,
        source: Option<&Source>,
    ) -> ItemSnapshot {
        let (speaker, speaker_role) = match (&item.speaker, speaker) {
            (Some(_), Some(entity)) => (entity.name.clone(), entity.role.clone()),
            (Some(id), None) => (id.to_string(), String::new()),
            (None, _) => (String::new(), String::new()),
        };
        let source_marking = source.and_then(|s| s.marking.as_ref());
        let source = match source {
            Some(s) => SourceSnapshot {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                authors: s.authors.clone(),
                date: s.date.clone(),
                url: s.url.clone(),
                reliability: s.reliability.clone(),
            },
            None => SourceSnapshot {
                id: item.source.clone(),
                title: String::new(),
                publisher: String::new(),
                authors: Vec::new(),
                date: String::new(),
                url: None,
                reliability: Reliability::new(""),
            },
        };
        ItemSnapshot {
            kind: item.kind,
            text: item.text.clone(),
            speaker,
            speaker_role,
            speech: item.speech,
            via: item.via.clone(),
            date: item.date.clone(),
            place: item.place.clone(),
            credibility: item.credibility,
            source,
            locator: item.locator.clone(),
            // The rule of `Dataset::marking_of`, on the source already resolved.
            marking: item.marking.clone().or_else(|| source_marking.cloned()),
        }
    }

    /// The grade as written in a brief, e.g. "B2".
    pub fn grade(&self) -> String {
        format!("{}{}", self.source.reliability, self.credibility)
    }
}

/// How a picked item stands against the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drift {
    /// The dataset's item differs from the snapshot the brief keeps.
    Changed,
    /// The dataset no longer has the item; the brief prints its snapshot.
    Gone,
}

impl Brief {
    /// The item blocks whose snapshot no longer matches the dataset, and how: the drift
    /// marker the app shows, the `item.changed` / `item.gone` checks and the warning on
    /// opening a draft whose dataset changed, computed in one place.
    pub fn drifted_blocks(&self, index: &DatasetIndex<'_>) -> Vec<(BlockPos, Drift)> {
        self.blocks()
            .filter_map(|(pos, block)| {
                let Block::Item(r) = block else { return None };
                match index.item(&r.item) {
                    None => Some((pos, Drift::Gone)),
                    Some(item) => (ItemSnapshot::capture_in(index, item) != r.snapshot)
                        .then_some((pos, Drift::Changed)),
                }
            })
            .collect()
    }
}
