//! A reviewed import taken into a library: the source (found again when the article was
//! imported before), the new entities and the accepted items, as ONE library change.
//!
//! The change is built, not applied: the command line applies it, the app applies it and
//! records it for undo, so a file is imported whole or not at all either way.

use briefsmith_core::model::{ItemId, Source, SourceId};
use briefsmith_import::{Import, Review};
use briefsmith_library::{Change, Library, LibraryError, Search};
use std::collections::HashSet;

/// What accepting a review would add, and the change that adds it.
#[derive(Debug, Clone)]
pub struct Intake {
    /// Source, entities and items in one batch.
    pub change: Change,
    /// The source the items are filed under.
    pub source: SourceId,
    /// Whether that source was already in the library (a re-import).
    pub existing: bool,
    /// The items added, in article order (accepted items already in the library are left out).
    pub items: Vec<ItemId>,
    /// How many entities are created.
    pub entities: usize,
}

impl Intake {
    /// One line for the user: what was added where.
    pub fn summary(&self) -> String {
        let (items, entities) = (self.items.len(), self.entities);
        if self.existing {
            format!(
                "already in the library as {}; added {items} new item(s) and {entities} entity(ies)",
                self.source
            )
        } else {
            format!(
                "added source {} with {items} item(s) and {entities} new entity(ies)",
                self.source
            )
        }
    }
}

/// The source this article was imported as before, if any: same URL, or same title and date.
pub fn existing_source(lib: &Library, import: &Import) -> Result<Option<Source>, LibraryError> {
    let meta = &import.source;
    let title = import.title_or_file_name();
    Ok(lib.sources()?.into_iter().find(|s| {
        let same_url = meta.url.is_some() && s.url == meta.url;
        let same_title = title == s.title && meta.date.as_deref().unwrap_or("") == s.date;
        same_url || same_title
    }))
}

/// The change that files what `review` accepted into `lib`. On a re-import the existing
/// source is kept and items already recorded from it (same place, same words) are skipped.
pub fn intake(lib: &Library, review: Review) -> Result<Intake, LibraryError> {
    let existing = existing_source(lib, review.import())?;
    let mut taken: HashSet<String> = HashSet::new();
    let source_id = match &existing {
        Some(s) => s.id.clone(),
        None => {
            let stem = format!("src-{}", slug(&review.import().title_or_file_name()));
            SourceId::new(fresh_id(lib, &stem, &mut taken)?)
        }
    };
    let mut id_error = None;
    let accepted = review.into_records(source_id.clone(), &mut |stem| {
        fresh_id(lib, stem, &mut taken).unwrap_or_else(|e| {
            id_error.get_or_insert(e);
            stem.to_owned()
        })
    });
    if let Some(e) = id_error {
        return Err(e);
    }
    let already: HashSet<(String, String)> = match &existing {
        Some(_) => {
            let of_source = Search {
                source: Some(source_id.clone()),
                ..Search::default()
            };
            lib.search_rows(&of_source, 0, u64::MAX)?
                .into_iter()
                .map(|i| (i.locator, i.text))
                .collect()
        }
        None => HashSet::new(),
    };
    let mut parts: Vec<Change> = Vec::new();
    if existing.is_none() {
        parts.push(lib.put_source(accepted.source)?);
    }
    let entities = accepted.new_entities.len();
    for (k, entity) in accepted.new_entities.into_iter().enumerate() {
        parts.push(at_offset(lib.put_entity(entity)?, k));
    }
    let mut items = Vec::new();
    let new_items = accepted
        .items
        .into_iter()
        .filter(|i| !already.contains(&(i.locator.clone(), i.text.clone())));
    for (k, item) in new_items.enumerate() {
        items.push(item.id.clone());
        parts.push(at_offset(lib.put_item(item)?, k));
    }
    Ok(Intake {
        change: Change::Batch(parts),
        source: source_id,
        existing: existing.is_some(),
        items,
        entities,
    })
}

/// New records of one batch are all placed "at the end"; the k-th goes k places further so
/// their positions differ and keep their order.
fn at_offset(change: Change, k: usize) -> Change {
    let k = i64::try_from(k).unwrap_or(i64::MAX);
    match change {
        Change::Entity {
            position,
            before: None,
            after,
        } => Change::Entity {
            position: position.saturating_add(k),
            before: None,
            after,
        },
        Change::Item {
            position,
            before: None,
            after,
        } => Change::Item {
            position: position.saturating_add(k),
            before: None,
            after,
        },
        other => other,
    }
}

/// `stem`, or `stem-2`, `stem-3`, … : the first id no record in the library or this batch has.
fn fresh_id(
    lib: &Library,
    stem: &str,
    taken: &mut HashSet<String>,
) -> Result<String, LibraryError> {
    let mut n = 1;
    loop {
        let id = if n == 1 {
            stem.to_owned()
        } else {
            format!("{stem}-{n}")
        };
        let in_library = lib.source(&SourceId::new(id.as_str()))?.is_some()
            || lib.entity(&id.as_str().into())?.is_some()
            || lib.item(&id.as_str().into())?.is_some();
        if !in_library && taken.insert(id.clone()) {
            return Ok(id);
        }
        n += 1;
    }
}

/// "Putin meets Iran's new president" → "putin-meets-iran-s-new-president", at most 40 bytes.
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}
