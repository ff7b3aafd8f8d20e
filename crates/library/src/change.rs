//! Edits as values: a [`Change`] says what a record was and what it becomes, so applying
//! its [`inverse`](Change::inverse) undoes it. [`Library::apply`] runs one change as one
//! transaction: checked against the current state, references checked, search index kept
//! in step, the revision counter bumped, committed durably — or nothing at all.

use crate::error::{LibraryError, Result};
use crate::library::{Details, Library, position_of};
use crate::rows::{
    ENTITY_COLS, SOURCE_COLS, Terms, delete_item, end_position, entity_from_row, entity_names,
    index_item, insert_entity, insert_item, insert_source, item_at, position_after,
    source_from_row, stored_entity_names,
};
use crate::schema::GAP;
use briefsmith_core::model::{Entity, EntityId, Item, ItemId, Source, SourceId};
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::BTreeSet;

/// One edit of a library. A record change holds the record's position (its place in the
/// dataset order) and its value before and after: `None` before is an insertion, `None`
/// after a deletion.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The title and description.
    Details { before: Details, after: Details },
    Source {
        position: i64,
        before: Option<Source>,
        after: Option<Source>,
    },
    Entity {
        position: i64,
        before: Option<Entity>,
        after: Option<Entity>,
    },
    Item {
        position: i64,
        before: Option<Item>,
        after: Option<Item>,
    },
    /// Several changes made as one (one transaction, one undo step), in order.
    Batch(Vec<Change>),
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::Details { before, after } => Change::Details {
                before: after.clone(),
                after: before.clone(),
            },
            Change::Source {
                position,
                before,
                after,
            } => Change::Source {
                position: *position,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Entity {
                position,
                before,
                after,
            } => Change::Entity {
                position: *position,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Item {
                position,
                before,
                after,
            } => Change::Item {
                position: *position,
                before: after.clone(),
                after: before.clone(),
            },
            Change::Batch(parts) => {
                Change::Batch(parts.iter().rev().map(Change::inverse).collect())
            }
        }
    }
}

/// Why applying a change failed, before the file name is attached.
enum Fail {
    Sql(&'static str, rusqlite::Error),
    Conflict(String),
    Refused(String),
}

impl From<rusqlite::Error> for Fail {
    fn from(e: rusqlite::Error) -> Self {
        Fail::Sql("apply the edit", e)
    }
}

/// What a change touched, checked once all its parts are written.
#[derive(Default)]
struct Touched {
    /// Positions of items written.
    items: BTreeSet<i64>,
    /// Ids of sources and entities that may no longer exist.
    gone_sources: BTreeSet<String>,
    gone_entities: BTreeSet<String>,
    /// Entities whose searchable names changed: their items are re-indexed.
    renamed: BTreeSet<String>,
}

impl Library {
    /// Applies `change` as one durable transaction. Refused, with nothing changed, when the
    /// library is read-only, a record is not as `before` says, an id is taken, an item
    /// would name a missing source or entity, or a source or entity still used would go.
    pub fn apply(&mut self, change: &Change) -> Result<()> {
        self.apply_with(change, &|_| Ok(()))
    }

    /// [`apply`](Library::apply), with `also` run in the same transaction after the change.
    pub(crate) fn apply_with(
        &mut self,
        change: &Change,
        also: &dyn Fn(&Connection) -> rusqlite::Result<()>,
    ) -> Result<()> {
        self.writable("save an edit")?;
        let path = self.path.clone();
        let to_error = |fail| match fail {
            Fail::Sql(step, source) => LibraryError::Sqlite {
                file: path.clone(),
                step,
                source,
            },
            Fail::Conflict(what) => LibraryError::Conflict {
                file: path.clone(),
                what,
            },
            Fail::Refused(message) => LibraryError::Refused {
                file: path.clone(),
                message,
            },
        };
        let tx = self
            .conn
            .transaction()
            .map_err(|e| to_error(Fail::Sql("start an edit", e)))?;
        let mut touched = Touched::default();
        let result = apply_part(&tx, change, &mut touched)
            .and_then(|()| finish(&tx, &touched))
            .and_then(|()| also(&tx).map_err(Fail::from))
            .and_then(|()| bump_revision(&tx).map_err(Fail::from));
        match result {
            Ok(()) => tx
                .commit()
                .map_err(|e| to_error(Fail::Sql("commit the edit", e))),
            // Dropping the transaction rolls it back.
            Err(fail) => Err(to_error(fail)),
        }
    }

    /// The change that sets the title and description.
    pub fn set_details(&self, details: Details) -> Result<Change> {
        Ok(Change::Details {
            before: self.details()?,
            after: details,
        })
    }

    /// The change that adds `source` at the end, or replaces the source with its id in place.
    pub fn put_source(&self, source: Source) -> Result<Change> {
        let (position, before) = self.locate("sources", source.id.as_str(), source_at)?;
        Ok(Change::Source {
            position,
            before,
            after: Some(source),
        })
    }

    /// The change that adds `entity` at the end, or replaces the entity with its id in place.
    pub fn put_entity(&self, entity: Entity) -> Result<Change> {
        let (position, before) = self.locate("entities", entity.id.as_str(), entity_at)?;
        Ok(Change::Entity {
            position,
            before,
            after: Some(entity),
        })
    }

    /// The change that adds `item` at the end, or replaces the item with its id in place.
    pub fn put_item(&self, item: Item) -> Result<Change> {
        let (position, before) = self.locate("items", item.id.as_str(), item_at)?;
        Ok(Change::Item {
            position,
            before,
            after: Some(item),
        })
    }

    /// The change that deletes this source (refused on apply while items use it).
    pub fn delete_source(&self, id: &SourceId) -> Result<Change> {
        let (position, before) = self.existing("sources", "source", id.as_str(), source_at)?;
        Ok(Change::Source {
            position,
            before: Some(before),
            after: None,
        })
    }

    /// The change that deletes this entity (refused on apply while items use it).
    pub fn delete_entity(&self, id: &EntityId) -> Result<Change> {
        let (position, before) = self.existing("entities", "entity", id.as_str(), entity_at)?;
        Ok(Change::Entity {
            position,
            before: Some(before),
            after: None,
        })
    }

    /// The change that deletes this item.
    pub fn delete_item(&self, id: &ItemId) -> Result<Change> {
        let (position, before) = self.existing("items", "item", id.as_str(), item_at)?;
        Ok(Change::Item {
            position,
            before: Some(before),
            after: None,
        })
    }

    /// The change that copies this source under a new id, right after it.
    pub fn duplicate_source(&self, id: &SourceId) -> Result<Change> {
        let (at, mut copy) = self.existing("sources", "source", id.as_str(), source_at)?;
        copy.id = SourceId(self.next_id("src")?);
        Ok(Change::Source {
            position: self.read("place a copy", |c| position_after(c, "sources", at))?,
            before: None,
            after: Some(copy),
        })
    }

    /// The change that copies this entity under a new id, right after it.
    pub fn duplicate_entity(&self, id: &EntityId) -> Result<Change> {
        let (at, mut copy) = self.existing("entities", "entity", id.as_str(), entity_at)?;
        copy.id = EntityId(self.next_id("ent")?);
        Ok(Change::Entity {
            position: self.read("place a copy", |c| position_after(c, "entities", at))?,
            before: None,
            after: Some(copy),
        })
    }

    /// The change that copies this item under a new id, right after it.
    pub fn duplicate_item(&self, id: &ItemId) -> Result<Change> {
        let (at, mut copy) = self.existing("items", "item", id.as_str(), item_at)?;
        copy.id = ItemId(self.next_id("itm")?);
        Ok(Change::Item {
            position: self.read("place a copy", |c| position_after(c, "items", at))?,
            before: None,
            after: Some(copy),
        })
    }

    /// How many items use this source.
    pub fn source_uses(&self, id: &SourceId) -> Result<u64> {
        self.read("count the items using a source", |c| {
            source_uses(c, id.as_str())
        })
    }

    /// How many items use this entity, as speaker or among their entities.
    pub fn entity_uses(&self, id: &EntityId) -> Result<u64> {
        self.read("count the items using an entity", |c| {
            entity_uses(c, id.as_str())
        })
    }

    /// An id `PREFIX-N` used by no source, entity or item, e.g. `next_id("itm")`.
    pub fn next_id(&self, prefix: &str) -> Result<String> {
        self.read("choose a new id", |c| {
            let mut n = 1;
            for table in ["sources", "entities", "items"] {
                n = n.max(end_position(c, table)? / GAP);
            }
            loop {
                let id = format!("{prefix}-{n}");
                let taken = ["sources", "entities", "items"]
                    .into_iter()
                    .map(|t| position_of(c, t, &id))
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .into_iter()
                    .any(|p| p.is_some());
                if !taken {
                    return Ok(id);
                }
                n += 1;
            }
        })
    }

    /// Refuses a write to a read-only library, saying what was refused.
    pub(crate) fn writable(&self, action: &str) -> Result<()> {
        if self.read_only {
            return Err(LibraryError::ReadOnly {
                file: self.path.clone(),
                action: action.to_owned(),
            });
        }
        Ok(())
    }

    /// The position and current value of the record with `id`, or a new position at the end.
    fn locate<T>(
        &self,
        table: &str,
        id: &str,
        at: impl Fn(&Connection, i64) -> rusqlite::Result<Option<T>>,
    ) -> Result<(i64, Option<T>)> {
        self.read("prepare an edit", |c| match position_of(c, table, id)? {
            Some(p) => Ok((p, at(c, p)?)),
            None => Ok((end_position(c, table)?, None)),
        })
    }

    /// The position and value of the record with `id`, which must exist.
    fn existing<T>(
        &self,
        table: &str,
        noun: &str,
        id: &str,
        at: impl Fn(&Connection, i64) -> rusqlite::Result<Option<T>>,
    ) -> Result<(i64, T)> {
        let (position, value) = self.locate(table, id, at)?;
        value
            .map(|v| (position, v))
            .ok_or_else(|| LibraryError::Refused {
                file: self.path.clone(),
                message: format!("no {noun} with id \"{id}\""),
            })
    }
}

fn source_at(c: &Connection, pos: i64) -> rusqlite::Result<Option<Source>> {
    c.prepare_cached(&format!("SELECT {SOURCE_COLS} FROM sources WHERE pos = ?1"))?
        .query_row([pos], source_from_row)
        .optional()
        .map(|r| r.map(|(_, s)| s))
}

fn entity_at(c: &Connection, pos: i64) -> rusqlite::Result<Option<Entity>> {
    c.prepare_cached(&format!(
        "SELECT {ENTITY_COLS} FROM entities WHERE pos = ?1"
    ))?
    .query_row([pos], entity_from_row)
    .optional()
    .map(|r| r.map(|(_, e)| e))
}

fn source_uses(c: &Connection, id: &str) -> rusqlite::Result<u64> {
    c.prepare_cached("SELECT count(*) FROM items WHERE source = ?1")?
        .query_row([id], |r| r.get::<_, i64>(0))
        .map(|n| n as u64)
}

fn entity_uses(c: &Connection, id: &str) -> rusqlite::Result<u64> {
    c.prepare_cached(
        "SELECT count(*) FROM (SELECT pos FROM items WHERE speaker = ?1
                               UNION SELECT item FROM item_entities WHERE entity = ?1)",
    )?
    .query_row([id], |r| r.get::<_, i64>(0))
    .map(|n| n as u64)
}

/// Checks that the record at `position` is as `before` says (so an edit or an undo never
/// overwrites something it did not see) and that `after`'s id is free.
fn check_record<T: PartialEq>(
    c: &Connection,
    table: &str,
    noun: &str,
    position: i64,
    current: Option<T>,
    before: Option<&T>,
    after_id: Option<&str>,
) -> Result<(), Fail> {
    if current.as_ref() != before {
        return Err(Fail::Conflict(format!("the {noun} at position {position}")));
    }
    if let Some(id) = after_id
        && let Some(other) = position_of(c, table, id)?
        && other != position
    {
        return Err(Fail::Refused(format!(
            "the id \"{id}\" is already used by another {noun}"
        )));
    }
    Ok(())
}

fn apply_part(c: &Connection, change: &Change, touched: &mut Touched) -> Result<(), Fail> {
    match change {
        Change::Details { before, after } => {
            let current = Details {
                title: meta(c, "title")?,
                description: meta(c, "description")?,
            };
            if &current != before {
                return Err(Fail::Conflict("the title or description".to_owned()));
            }
            for (key, value) in [("title", &after.title), ("description", &after.description)] {
                c.execute("UPDATE meta SET value = ?2 WHERE key = ?1", [key, value])?;
            }
        }
        Change::Source {
            position,
            before,
            after,
        } => {
            let after_id = after.as_ref().map(|s| s.id.as_str());
            check_record(
                c,
                "sources",
                "source",
                *position,
                source_at(c, *position)?,
                before.as_ref(),
                after_id,
            )?;
            if let Some(b) = before {
                c.execute("DELETE FROM sources WHERE pos = ?1", [position])?;
                if after_id != Some(b.id.as_str()) {
                    touched.gone_sources.insert(b.id.0.clone());
                }
            }
            if let Some(a) = after {
                insert_source(c, *position, a)?;
            }
        }
        Change::Entity {
            position,
            before,
            after,
        } => {
            let after_id = after.as_ref().map(|e| e.id.as_str());
            check_record(
                c,
                "entities",
                "entity",
                *position,
                entity_at(c, *position)?,
                before.as_ref(),
                after_id,
            )?;
            if let Some(b) = before {
                c.execute("DELETE FROM entities WHERE pos = ?1", [position])?;
                if after_id != Some(b.id.as_str()) {
                    touched.gone_entities.insert(b.id.0.clone());
                }
                let same_names = after
                    .as_ref()
                    .is_some_and(|a| a.id == b.id && entity_names(a) == entity_names(b));
                if !same_names {
                    touched.renamed.insert(b.id.0.clone());
                }
            }
            if let Some(a) = after {
                insert_entity(c, *position, a)?;
                if before.as_ref().is_none_or(|b| b.id != a.id) {
                    touched.renamed.insert(a.id.0.clone());
                }
            }
        }
        Change::Item {
            position,
            before,
            after,
        } => {
            let after_id = after.as_ref().map(|i| i.id.as_str());
            check_record(
                c,
                "items",
                "item",
                *position,
                item_at(c, *position)?,
                before.as_ref(),
                after_id,
            )?;
            if before.is_some() {
                delete_item(c, *position)?;
            }
            if let Some(a) = after {
                insert_item(
                    c,
                    *position,
                    a,
                    &mut |e| stored_entity_names(c, e),
                    &mut Terms::Write,
                )?;
                touched.items.insert(*position);
            }
        }
        Change::Batch(parts) => {
            for part in parts {
                apply_part(c, part, touched)?;
            }
        }
    }
    Ok(())
}

/// The checks and index updates that need the whole change written first.
fn finish(c: &Connection, touched: &Touched) -> Result<(), Fail> {
    for &pos in &touched.items {
        let Some(item) = item_at(c, pos)? else {
            continue;
        };
        let id = &item.id;
        if position_of(c, "sources", item.source.as_str())?.is_none() {
            return Err(Fail::Refused(format!(
                "item \"{id}\" names source \"{}\", which is not in the library",
                item.source
            )));
        }
        for e in item.speaker.iter().chain(&item.entities) {
            if position_of(c, "entities", e.as_str())?.is_none() {
                return Err(Fail::Refused(format!(
                    "item \"{id}\" names entity \"{e}\", which is not in the library"
                )));
            }
        }
    }
    for id in &touched.gone_sources {
        let uses = source_uses(c, id)?;
        if uses > 0 && position_of(c, "sources", id)?.is_none() {
            return Err(Fail::Refused(format!(
                "source \"{id}\" is used by {uses} item(s); change or delete them first"
            )));
        }
    }
    for id in &touched.gone_entities {
        let uses = entity_uses(c, id)?;
        if uses > 0 && position_of(c, "entities", id)?.is_none() {
            return Err(Fail::Refused(format!(
                "entity \"{id}\" is used by {uses} item(s); change or delete them first"
            )));
        }
    }
    for id in &touched.renamed {
        let positions: Vec<i64> = c
            .prepare_cached(
                "SELECT pos FROM items WHERE speaker = ?1 UNION SELECT item FROM item_entities WHERE entity = ?1",
            )?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for pos in positions {
            if let Some(item) = item_at(c, pos)? {
                c.execute("DELETE FROM items_fts WHERE rowid = ?1", [pos])?;
                index_item(
                    c,
                    pos,
                    &item,
                    &mut |e| stored_entity_names(c, e),
                    &mut Terms::Write,
                )?;
            }
        }
    }
    Ok(())
}

fn meta(c: &Connection, key: &str) -> rusqlite::Result<String> {
    c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .map(Option::unwrap_or_default)
}

pub(crate) fn bump_revision(c: &Connection) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'",
        params![],
    )?;
    Ok(())
}
