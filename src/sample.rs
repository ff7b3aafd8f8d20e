//! The bundled sample: a dataset built from a news report and three drafts composed from it,
//! compiled into the program so `briefsmith` with no arguments has something to show.

use crate::app::document::{Document, EmbeddedDataset, LoadedDataset};
use anyhow::Context as _;
use briefsmith_core::store;
use std::path::Path;

/// File name of the sample dataset (as the drafts refer to it).
pub const DATASET_FILE: &str = "russia-iran-2024-10.dataset.json";

/// The sample dataset's bytes.
pub const DATASET: &[u8] = include_bytes!("../sample_briefs/russia-iran-2024-10.dataset.json");

/// The sample drafts by file name; the first opens on start.
pub const DRAFTS: [(&str, &[u8]); 3] = [
    (
        "bluf-air-defence.brief.json",
        include_bytes!("../sample_briefs/bluf-air-defence.brief.json"),
    ),
    (
        "read-ahead-kazan.brief.json",
        include_bytes!("../sample_briefs/read-ahead-kazan.brief.json"),
    ),
    (
        "sitrep-israel-iran.brief.json",
        include_bytes!("../sample_briefs/sitrep-israel-iran.brief.json"),
    ),
];

/// The sample drafts' file names, for menus.
pub const DRAFT_NAMES: &[&str] = &[DRAFTS[0].0, DRAFTS[1].0, DRAFTS[2].0];

/// The sample dataset, parsed and indexed.
pub fn dataset() -> anyhow::Result<LoadedDataset> {
    let dataset = store::parse_dataset(DATASET, Path::new(DATASET_FILE))?;
    let mut loaded = LoadedDataset::new(dataset, store::fingerprint(DATASET), None);
    loaded.embedded = Some(EmbeddedDataset {
        file_name: DATASET_FILE,
        bytes: DATASET,
    });
    Ok(loaded)
}

/// The sample draft named `name` on the sample dataset, as an untitled document (saving
/// asks where, and writes the dataset beside it).
pub fn sample_draft(name: &str) -> anyhow::Result<Document> {
    let (file, bytes) = DRAFTS
        .iter()
        .find(|(n, _)| *n == name)
        .with_context(|| format!("no sample draft named {name}"))?;
    let brief = store::parse_brief(bytes, Path::new(file))?;
    let mut doc = Document::new(brief, None, Some(dataset()?));
    doc.untitled_name = format!("{file} (sample)");
    Ok(doc)
}

/// The document `briefsmith` opens with no arguments.
pub fn sample_document() -> anyhow::Result<Document> {
    sample_draft(DRAFTS[0].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_draft_opens_with_its_dataset() {
        for name in DRAFT_NAMES {
            let doc = sample_draft(name).unwrap();
            assert!(!doc.brief().sections.is_empty(), "{name} has sections");
            let ds = doc.dataset.as_ref().unwrap();
            assert!(ds.item_count() > 0);
            assert_eq!(
                doc.brief().dataset.path,
                DATASET_FILE,
                "{name} names the dataset"
            );
        }
    }
}
