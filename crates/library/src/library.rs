//! The [`Library`] handle: opening, creating, and the reads the app and the CLI need.

use crate::error::{LibraryError, Result};
use crate::file;
use crate::rows::{
    ENTITY_COLS, ITEM_COLS, SOURCE_COLS, entity_from_row, item_at, item_from_row, source_from_row,
};
use briefsmith_core::model::{
    DATASET_SCHEMA, Dataset, Entity, EntityId, Item, ItemId, Source, SourceId,
};
use rusqlite::{Connection, OptionalExtension};
use std::path::{Path, PathBuf};

/// A library file, open. Reads go straight to the file; each write is one transaction.
pub struct Library {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) read_only: bool,
}

/// A library's title and description (the dataset's `title` and `description`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Details {
    pub title: String,
    pub description: String,
}

impl Library {
    /// Opens the library at `path`: checks it is one, refuses a newer schema, upgrades an
    /// older one. A file without write permission opens read-only.
    pub fn open(path: &Path) -> Result<Library> {
        let opened = file::open(path)?;
        Ok(Library {
            conn: opened.conn,
            path: path.to_owned(),
            read_only: opened.read_only,
        })
    }

    /// Creates a new, empty library at `path` with this title; an existing file is never replaced.
    pub fn create(path: &Path, title: &str) -> Result<Library> {
        let dataset = Dataset {
            schema: DATASET_SCHEMA.to_owned(),
            title: title.to_owned(),
            ..Dataset::default()
        };
        Library::create_from_dataset(path, &dataset)
    }

    /// The file this library is stored in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether every write is refused (the file has no write permission).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Title and description.
    pub fn details(&self) -> Result<Details> {
        Ok(Details {
            title: self.meta("title")?,
            description: self.meta("description")?,
        })
    }

    /// How many edits have been committed to this library since it was made.
    pub fn revision(&self) -> Result<u64> {
        Ok(self.meta("revision")?.parse().unwrap_or(0))
    }

    /// Identifies this library and its state cheaply (no hashing): `library:UUID@REVISION`.
    /// A draft keeps it to notice that the library changed since the draft was saved.
    pub fn fingerprint(&self) -> Result<String> {
        Ok(format!(
            "library:{}@{}",
            self.meta("uuid")?,
            self.revision()?
        ))
    }

    /// The source with this id, if any.
    pub fn source(&self, id: &SourceId) -> Result<Option<Source>> {
        let sql = format!("SELECT {SOURCE_COLS} FROM sources WHERE id = ?1");
        self.read("read a source", |c| {
            c.prepare_cached(&sql)?
                .query_row([id.as_str()], source_from_row)
                .optional()
                .map(|r| r.map(|(_, s)| s))
        })
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &EntityId) -> Result<Option<Entity>> {
        let sql = format!("SELECT {ENTITY_COLS} FROM entities WHERE id = ?1");
        self.read("read an entity", |c| {
            c.prepare_cached(&sql)?
                .query_row([id.as_str()], entity_from_row)
                .optional()
                .map(|r| r.map(|(_, e)| e))
        })
    }

    /// The item with this id, with its entities and tags, if any.
    pub fn item(&self, id: &ItemId) -> Result<Option<Item>> {
        self.read("read an item", |c| {
            match position_of(c, "items", id.as_str())? {
                Some(pos) => item_at(c, pos),
                None => Ok(None),
            }
        })
    }

    /// The items with these ids, in the order asked; ids not in the library are skipped.
    pub fn items(&self, ids: &[ItemId]) -> Result<Vec<Item>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.item(id)?);
        }
        Ok(out)
    }

    /// Every source, in order (a library has few).
    pub fn sources(&self) -> Result<Vec<Source>> {
        let sql = format!("SELECT {SOURCE_COLS} FROM sources ORDER BY pos");
        self.read("read the sources", |c| {
            c.prepare_cached(&sql)?
                .query_map([], |r| source_from_row(r).map(|(_, s)| s))?
                .collect()
        })
    }

    /// Every entity, in order.
    pub fn entities(&self) -> Result<Vec<Entity>> {
        let sql = format!("SELECT {ENTITY_COLS} FROM entities ORDER BY pos");
        self.read("read the entities", |c| {
            c.prepare_cached(&sql)?
                .query_map([], |r| entity_from_row(r).map(|(_, e)| e))?
                .collect()
        })
    }

    /// Every tag some item carries, sorted. Walks the tag index one distinct value at a
    /// time, so it costs the number of tags, not of items.
    pub fn tags(&self) -> Result<Vec<String>> {
        self.read("read the tags", |c| {
            c.prepare_cached(
                "WITH RECURSIVE t(tag) AS (
                     SELECT min(tag) FROM item_tags
                     UNION ALL
                     SELECT (SELECT min(tag) FROM item_tags WHERE tag > t.tag) FROM t
                     WHERE t.tag IS NOT NULL)
                 SELECT tag FROM t WHERE tag IS NOT NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect()
        })
    }

    /// The entity `key` names: by id, else by name, alias or native name (ignoring case).
    pub fn find_entity(&self, key: &str) -> Result<Option<Entity>> {
        if let Some(e) = self.entity(&EntityId::new(key))? {
            return Ok(Some(e));
        }
        Ok(Names::new(self.entities()?, Vec::new())
            .entity(key)
            .cloned())
    }

    /// The source `key` names: by id, else by title (ignoring case).
    pub fn find_source(&self, key: &str) -> Result<Option<Source>> {
        if let Some(s) = self.source(&SourceId::new(key))? {
            return Ok(Some(s));
        }
        Ok(Names::new(Vec::new(), self.sources()?).source(key).cloned())
    }

    /// The number of items.
    pub fn item_count(&self) -> Result<u64> {
        self.read("count the items", |c| {
            c.query_row("SELECT count(*) FROM items", [], |r| r.get::<_, i64>(0))
        })
        .map(|n| n as u64)
    }

    /// Where the item at `position` stands in the dataset's item list: how many items come
    /// before it. Lets a view of the dataset mirror an inserted item without reloading.
    pub fn item_index(&self, position: i64) -> Result<usize> {
        self.read("place an item", |c| {
            c.prepare_cached("SELECT count(*) FROM items WHERE pos < ?1")?
                .query_row([position], |r| r.get::<_, i64>(0))
        })
        .map(|n| n as usize)
    }

    /// The whole library as a dataset, in order: what `export-json` writes.
    pub fn to_dataset(&self) -> Result<Dataset> {
        let items = self.read("read the items", all_items)?;
        Ok(Dataset {
            items,
            ..self.catalog()?
        })
    }

    /// Title, description, sources and entities without the items: what a view of a large
    /// library keeps in memory, reading items by query as it needs them.
    pub fn catalog(&self) -> Result<Dataset> {
        let details = self.details()?;
        Ok(Dataset {
            schema: DATASET_SCHEMA.to_owned(),
            title: details.title,
            description: details.description,
            sources: self.sources()?,
            entities: self.entities()?,
            items: Vec::new(),
        })
    }

    /// A meta value (title, description, uuid, revision).
    fn meta(&self, key: &str) -> Result<String> {
        self.read("read the library details", |c| {
            c.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
                .query_row([key], |r| r.get(0))
                .optional()
                .map(Option::unwrap_or_default)
        })
    }

    /// Runs a read, naming the file and the step in its error.
    pub(crate) fn read<T>(
        &self,
        step: &'static str,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T> {
        f(&self.conn).map_err(|source| self.sql_error(step, source))
    }

    pub(crate) fn sql_error(&self, step: &'static str, source: rusqlite::Error) -> LibraryError {
        LibraryError::Sqlite {
            file: self.path.clone(),
            step,
            source,
        }
    }
}

/// The position of the record with this id in `table`.
pub(crate) fn position_of(
    conn: &Connection,
    table: &str,
    id: &str,
) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(&format!("SELECT pos FROM {table} WHERE id = ?1"))?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// Every item with its entities and tags, in order, by three ordered scans merged.
fn all_items(conn: &Connection) -> rusqlite::Result<Vec<Item>> {
    let mut items: Vec<(i64, Item)> = conn
        .prepare(&format!("SELECT {ITEM_COLS} FROM items ORDER BY pos"))?
        .query_map([], item_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let mut attach = |sql: &str, put: &mut dyn FnMut(&mut Item, String)| -> rusqlite::Result<()> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut at = 0;
        while let Some(row) = rows.next()? {
            let pos: i64 = row.get(0)?;
            while at < items.len() && items[at].0 < pos {
                at += 1;
            }
            if let Some((p, item)) = items.get_mut(at)
                && *p == pos
            {
                put(item, row.get(1)?);
            }
        }
        Ok(())
    };
    attach(
        "SELECT item, entity FROM item_entities ORDER BY item, n",
        &mut |i, e| i.entities.push(EntityId(e)),
    )?;
    attach(
        "SELECT item, tag FROM item_tags ORDER BY item, n",
        &mut |i, t| i.tags.push(t),
    )?;
    Ok(items.into_iter().map(|(_, i)| i).collect())
}

/// Entities and sources looked up the way a person names them: id, or name/title, alias.
pub(crate) struct Names {
    entities: Vec<Entity>,
    sources: Vec<Source>,
}

impl Names {
    pub(crate) fn new(entities: Vec<Entity>, sources: Vec<Source>) -> Names {
        Names { entities, sources }
    }

    /// By id, else by name, alias or native name, ignoring case.
    pub(crate) fn entity(&self, key: &str) -> Option<&Entity> {
        briefsmith_core::model::find_entity(&self.entities, key)
    }

    /// By id, else by title, ignoring case.
    pub(crate) fn source(&self, key: &str) -> Option<&Source> {
        briefsmith_core::model::find_source(&self.sources, key)
    }
}
