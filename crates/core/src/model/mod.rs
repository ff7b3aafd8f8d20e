//! The data model: what an analyst picks from (dataset) and what they make (brief).

mod brief;
mod dataset;
mod grade;
mod ids;
mod index;
mod lookup;
mod position;
mod query;
mod snapshot;

pub use brief::{
    Acknowledgement, Block, Brief, BriefMeta, DatasetRef, ItemRef, ItemSnapshot, Judgment,
    Markings, Section, SourceSnapshot, TextBlock,
};
pub use dataset::{Dataset, Entity, EntityKind, Item, ItemKind, Source, SourceKind, Speech};
pub use grade::{Confidence, Credibility, Likelihood, Reliability};
pub use ids::{EntityId, ItemId, Marking, SourceId};
pub use index::DatasetIndex;
pub use lookup::{find_entity, find_source};
pub use position::{BRIEF_SCHEMA, BlockPos, DATASET_SCHEMA};
pub use query::ItemQuery;
pub use snapshot::Drift;
