//! Records to rows and back: one function per direction per table, so the column lists
//! live in one place. Search text for an item is built here too, beside its row.

use crate::schema::GAP;
use briefsmith_core::model::{
    Credibility, Entity, EntityId, Item, ItemId, Marking, Reliability, Source, SourceId,
};
use rusqlite::types::Type;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The serde name of a kind enum (`"think-tank"`), as stored in its column.
pub(crate) fn tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// Decodes a JSON column or a kind name in column `index`; a bad value is an SQLite
/// conversion error naming the column.
fn decode<T: DeserializeOwned>(index: usize, json: serde_json::Value) -> rusqlite::Result<T> {
    serde_json::from_value(json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))
}

fn kind_col<T: DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    decode(index, serde_json::Value::String(row.get(index)?))
}

fn list_col(row: &Row<'_>, index: usize) -> rusqlite::Result<Vec<String>> {
    let text: String = row.get(index)?;
    let json = serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, Box::new(e)))?;
    decode(index, json)
}

fn list_json(list: &[String]) -> String {
    serde_json::Value::from(list).to_string()
}

pub(crate) const SOURCE_COLS: &str =
    "pos, id, title, publisher, authors, date, url, kind, reliability, notes, paragraphs, marking";

/// A source row selected with [`SOURCE_COLS`], with its position.
pub(crate) fn source_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, Source)> {
    Ok((
        row.get(0)?,
        Source {
            id: SourceId(row.get(1)?),
            title: row.get(2)?,
            publisher: row.get(3)?,
            authors: list_col(row, 4)?,
            date: row.get(5)?,
            url: row.get(6)?,
            kind: kind_col(row, 7)?,
            reliability: Reliability(row.get(8)?),
            notes: row.get(9)?,
            paragraphs: list_col(row, 10)?,
            marking: row.get::<_, Option<String>>(11)?.map(Marking),
        },
    ))
}

pub(crate) fn insert_source(conn: &Connection, pos: i64, s: &Source) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sources (pos, id, title, publisher, authors, date, url, kind, reliability, notes, paragraphs, marking)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        pos,
        s.id.as_str(),
        s.title,
        s.publisher,
        list_json(&s.authors),
        s.date,
        s.url,
        tag(&s.kind),
        s.reliability.0,
        s.notes,
        list_json(&s.paragraphs),
        s.marking.as_ref().map(Marking::as_str),
    ])?;
    Ok(())
}

pub(crate) const ENTITY_COLS: &str = "pos, id, name, kind, aliases, role, native_name";

/// An entity row selected with [`ENTITY_COLS`], with its position.
pub(crate) fn entity_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, Entity)> {
    Ok((
        row.get(0)?,
        Entity {
            id: EntityId(row.get(1)?),
            name: row.get(2)?,
            kind: kind_col(row, 3)?,
            aliases: list_col(row, 4)?,
            role: row.get(5)?,
            native_name: row.get(6)?,
        },
    ))
}

pub(crate) fn insert_entity(conn: &Connection, pos: i64, e: &Entity) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO entities (pos, id, name, kind, aliases, role, native_name)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        pos,
        e.id.as_str(),
        e.name,
        tag(&e.kind),
        list_json(&e.aliases),
        e.role,
        e.native_name,
    ])?;
    Ok(())
}

pub(crate) const ITEM_COLS: &str =
    "pos, id, kind, text, speaker, speech, via, date, place, source, locator, credibility, marking";

/// An item row selected with [`ITEM_COLS`], with its position; entities and tags empty.
pub(crate) fn item_from_row(row: &Row<'_>) -> rusqlite::Result<(i64, Item)> {
    let speech: Option<String> = row.get(5)?;
    Ok((
        row.get(0)?,
        Item {
            id: ItemId(row.get(1)?),
            kind: kind_col(row, 2)?,
            text: row.get(3)?,
            speaker: row.get::<_, Option<String>>(4)?.map(EntityId),
            speech: speech
                .map(|s| decode(5, serde_json::Value::String(s)))
                .transpose()?,
            via: row.get(6)?,
            date: row.get(7)?,
            place: row.get(8)?,
            source: SourceId(row.get(9)?),
            locator: row.get(10)?,
            entities: Vec::new(),
            tags: Vec::new(),
            credibility: Credibility(row.get(11)?),
            marking: row.get::<_, Option<String>>(12)?.map(Marking),
        },
    ))
}

/// The item at `pos` with its entities and tags, if there is one.
pub(crate) fn item_at(conn: &Connection, pos: i64) -> rusqlite::Result<Option<Item>> {
    let sql = format!("SELECT {ITEM_COLS} FROM items WHERE pos = ?1");
    let Some((_, mut item)) = conn
        .prepare_cached(&sql)?
        .query_row([pos], item_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    item.entities = conn
        .prepare_cached("SELECT entity FROM item_entities WHERE item = ?1 ORDER BY n")?
        .query_map([pos], |r| r.get(0).map(EntityId))?
        .collect::<rusqlite::Result<_>>()?;
    item.tags = conn
        .prepare_cached("SELECT tag FROM item_tags WHERE item = ?1 ORDER BY n")?
        .query_map([pos], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(item))
}

/// Writes an item, its links and its search text at `pos`; `names` gives the searchable
/// names of an entity (name, aliases, name in its own script).
pub(crate) fn insert_item(
    conn: &Connection,
    pos: i64,
    item: &Item,
    names: &mut dyn FnMut(&EntityId) -> rusqlite::Result<String>,
    terms: &mut Terms,
) -> rusqlite::Result<()> {
    let (lo, hi) = date_bounds(&item.date);
    conn.prepare_cached(
        "INSERT INTO items (pos, id, kind, text, speaker, speech, via, date, date_lo, date_hi, place, source, locator, credibility, marking)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        pos,
        item.id.as_str(),
        tag(&item.kind),
        item.text,
        item.speaker.as_ref().map(EntityId::as_str),
        item.speech.as_ref().map(tag),
        item.via,
        item.date,
        lo,
        hi,
        item.place,
        item.source.as_str(),
        item.locator,
        item.credibility.0,
        item.marking.as_ref().map(Marking::as_str),
    ])?;
    let mut link =
        conn.prepare_cached("INSERT INTO item_entities (item, n, entity) VALUES (?1, ?2, ?3)")?;
    for (n, e) in item.entities.iter().enumerate() {
        link.execute(params![pos, n as i64, e.as_str()])?;
    }
    let mut tag_row =
        conn.prepare_cached("INSERT INTO item_tags (item, n, tag) VALUES (?1, ?2, ?3)")?;
    for (n, t) in item.tags.iter().enumerate() {
        tag_row.execute(params![pos, n as i64, t])?;
    }
    index_item(conn, pos, item, names, terms)
}

/// Adds the item's words to the full-text index under its position.
pub(crate) fn index_item(
    conn: &Connection,
    pos: i64,
    item: &Item,
    names: &mut dyn FnMut(&EntityId) -> rusqlite::Result<String>,
    terms: &mut Terms,
) -> rusqlite::Result<()> {
    let mut meta = String::with_capacity(128);
    for part in [item.id.as_str(), &item.via, &item.place] {
        meta.push_str(part);
        meta.push('\n');
    }
    for t in &item.tags {
        meta.push_str(t);
        meta.push('\n');
    }
    for e in item.speaker.iter().chain(&item.entities) {
        meta.push_str(&names(e)?);
        meta.push('\n');
    }
    conn.prepare_cached("INSERT INTO items_fts (rowid, text, meta) VALUES (?1, ?2, ?3)")?
        .execute(params![pos, item.text, meta])?;
    terms.add(conn, &item.text)?;
    terms.add(conn, &meta)
}

/// Where the words of newly indexed text go: straight into `search_terms` (an edit), or
/// gathered first and written once (an import of many items sharing most words).
pub(crate) enum Terms {
    Write,
    Gather(HashSet<String>),
}

impl Terms {
    fn add(&mut self, conn: &Connection, text: &str) -> rusqlite::Result<()> {
        match self {
            Terms::Write => {
                let mut insert =
                    conn.prepare_cached("INSERT OR IGNORE INTO search_terms (term) VALUES (?1)")?;
                for word in words(text) {
                    insert.execute([word])?;
                }
            }
            Terms::Gather(set) => {
                for word in words(text) {
                    if !set.contains(&word) {
                        set.insert(word);
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes gathered words.
    pub(crate) fn flush(self, conn: &Connection) -> rusqlite::Result<()> {
        if let Terms::Gather(set) = self {
            let mut insert =
                conn.prepare_cached("INSERT OR IGNORE INTO search_terms (term) VALUES (?1)")?;
            for word in set {
                insert.execute([word])?;
            }
        }
        Ok(())
    }
}

/// The words of `text` as the full-text index keeps them (its `unicode61` tokenizer with
/// `remove_diacritics 2`): runs of letters and digits, lowercase, accents removed.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.nfd()
                .filter(|c| !is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        })
}

/// Removes the item at `pos`, its links (by cascade) and its search text.
pub(crate) fn delete_item(conn: &Connection, pos: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM items WHERE pos = ?1")?
        .execute([pos])?;
    conn.prepare_cached("DELETE FROM items_fts WHERE rowid = ?1")?
        .execute([pos])?;
    Ok(())
}

/// The words an entity is found by: its name, aliases and name in its own script.
pub(crate) fn entity_names(e: &Entity) -> String {
    let mut out = e.name.clone();
    for a in e.aliases.iter().chain(std::iter::once(&e.native_name)) {
        out.push(' ');
        out.push_str(a);
    }
    out
}

/// Looks up an entity's searchable names in the library; an unknown id gives no words.
pub(crate) fn stored_entity_names(conn: &Connection, id: &EntityId) -> rusqlite::Result<String> {
    let sql = format!("SELECT {ENTITY_COLS} FROM entities WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id.as_str()], entity_from_row)
        .optional()?
        .map(|(_, e)| entity_names(&e))
        .unwrap_or_default())
}

/// The earliest and latest instants a date or `START/END` range can mean, as strings that
/// compare correctly with plain string order: `2024-10` spans `2024-10` to `2024-10~`.
pub(crate) fn date_bounds(date: &str) -> (Option<String>, Option<String>) {
    let date = date.trim();
    if date.is_empty() {
        return (None, None);
    }
    let (start, end) = date.split_once('/').unwrap_or((date, date));
    (
        Some(start.trim().to_owned()),
        Some(format!("{}~", end.trim())),
    )
}

/// The position after the last record of `table` (the first record's when it is empty).
pub(crate) fn end_position(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    let last: Option<i64> =
        conn.query_row(&format!("SELECT max(pos) FROM {table}"), [], |r| r.get(0))?;
    Ok(last.map_or(GAP, |p| p.saturating_add(GAP)))
}

/// A free position right after `pos` in `table`: halfway to the next record, or at the
/// end when no gap is left.
pub(crate) fn position_after(conn: &Connection, table: &str, pos: i64) -> rusqlite::Result<i64> {
    let next: Option<i64> = conn.query_row(
        &format!("SELECT min(pos) FROM {table} WHERE pos > ?1"),
        [pos],
        |r| r.get(0),
    )?;
    match next {
        None => Ok(pos.saturating_add(GAP)),
        Some(next) if next - pos >= 2 => Ok(pos + (next - pos) / 2),
        Some(_) => end_position(conn, table),
    }
}
