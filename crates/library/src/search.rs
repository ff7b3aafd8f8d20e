//! Finding items fast at any size: full-text words (each a prefix, for search as you type)
//! and filters, answered in dataset order a page at a time, with a bounded count.

use crate::error::Result;
use crate::library::Library;
use crate::rows::words;
use crate::rows::{ITEM_COLS, item_from_row};
use briefsmith_core::model::{
    Credibility, EntityId, Item, ItemId, ItemKind, Reliability, SourceId,
};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

/// What to look for. Empty fields do not filter; every filter given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    /// Words, each matched as the start of a word in the item's text, id, via, place, tags,
    /// or its speaker's and entities' names, aliases and native names ("mis" finds "missile").
    pub text: String,
    pub kind: Option<ItemKind>,
    pub source: Option<SourceId>,
    /// Items whose speaker or one of whose entities this is.
    pub entity: Option<EntityId>,
    pub tag: Option<String>,
    /// Items whose date (or date range) reaches into `from..=to`; partial dates such as
    /// `2024-10` cover their whole month. Undated items are left out when either is set.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Items whose source is graded this or better (A best).
    pub min_reliability: Option<Reliability>,
    /// Items graded this or better (1 best).
    pub min_credibility: Option<Credibility>,
}

impl Search {
    /// A search for these words alone.
    pub fn words(text: &str) -> Search {
        Search {
            text: text.to_owned(),
            ..Search::default()
        }
    }
}

impl Library {
    /// The ids of matching items in dataset order, skipping `offset` and returning at most `limit`.
    pub fn search(&self, search: &Search, offset: u64, limit: u64) -> Result<Vec<ItemId>> {
        let (from, mut values) = plan(search, self.fts_query(&search.text)?).ordered();
        let sql = format!("SELECT i.id {from} LIMIT ? OFFSET ?");
        values.extend([Value::Integer(clamp(limit)), Value::Integer(clamp(offset))]);
        self.read("search the items", |c| {
            c.prepare_cached(&sql)?
                .query_map(params_from_iter(values), |r| r.get(0).map(ItemId))?
                .collect()
        })
    }

    /// Like [`search`](Library::search) but the items themselves (without entities and
    /// tags, which a list row does not show): one query for a page of rows.
    pub fn search_rows(&self, search: &Search, offset: u64, limit: u64) -> Result<Vec<Item>> {
        let (from, mut values) = plan(search, self.fts_query(&search.text)?).ordered();
        let columns: Vec<String> = ITEM_COLS.split(", ").map(|c| format!("i.{c}")).collect();
        let sql = format!("SELECT {} {from} LIMIT ? OFFSET ?", columns.join(", "));
        values.extend([Value::Integer(clamp(limit)), Value::Integer(clamp(offset))]);
        self.read("search the items", |c| {
            c.prepare_cached(&sql)?
                .query_map(params_from_iter(values), |r| {
                    item_from_row(r).map(|(_, i)| i)
                })?
                .collect()
        })
    }

    /// How many items match, counting no further than `at_most` when given (enough to say
    /// "1,000+" without walking a million hits).
    pub fn count(&self, search: &Search, at_most: Option<u64>) -> Result<u64> {
        let (from, mut values) = plan(search, self.fts_query(&search.text)?).ordered();
        let sql = match at_most {
            Some(n) => {
                values.push(Value::Integer(clamp(n)));
                format!("SELECT count(*) FROM (SELECT 1 {from} LIMIT ?)")
            }
            None => format!("SELECT count(*) {from}"),
        };
        self.read("count the items", |c| {
            c.prepare_cached(&sql)?
                .query_row(params_from_iter(values), |r| r.get::<_, i64>(0))
        })
        .map(|n| n as u64)
    }
}

impl Library {
    /// Where the item `id` stands among the matches (0 for the first), or `None` when it
    /// does not match: lets a list scroll to an item it has not read a page of.
    pub fn index_of(&self, search: &Search, id: &ItemId) -> Result<Option<u64>> {
        let plan = plan(search, self.fts_query(&search.text)?);
        let mut values = plan.values.clone();
        values.push(Value::Text(id.0.clone()));
        let sql = format!("SELECT i.pos {} AND i.id = ?", plan.from);
        let pos: Option<i64> = self.read("place an item", |c| {
            c.prepare_cached(&sql)?
                .query_row(params_from_iter(values), |r| r.get(0))
                .optional()
        })?;
        let Some(pos) = pos else {
            return Ok(None);
        };
        let mut values = plan.values;
        values.push(Value::Integer(pos));
        let sql = format!("SELECT count(*) {} AND {} < ?", plan.from, plan.order);
        self.read("place an item", |c| {
            c.prepare_cached(&sql)?
                .query_row(params_from_iter(values), |r| r.get::<_, i64>(0))
        })
        .map(|n| Some(n as u64))
    }
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A search as SQL: the FROM/WHERE part, the column that orders the matches, and the
/// parameters of the WHERE part.
struct Plan {
    from: String,
    order: &'static str,
    values: Vec<Value>,
}

impl Plan {
    /// The FROM/WHERE/ORDER BY part and its parameters.
    fn ordered(self) -> (String, Vec<Value>) {
        (
            format!("{} ORDER BY {}", self.from, self.order),
            self.values,
        )
    }
}

/// The query for `search`, with `fts` its full-text query if any.
fn plan(search: &Search, fts: Option<String>) -> Plan {
    let mut values = Vec::new();
    let mut conditions = Vec::new();
    let (mut sql, order) = match fts {
        Some(q) => {
            values.push(Value::Text(q));
            (
                "FROM items_fts f JOIN items i ON i.pos = f.rowid WHERE items_fts MATCH ?"
                    .to_owned(),
                "f.rowid",
            )
        }
        None => ("FROM items i WHERE 1".to_owned(), "i.pos"),
    };
    let mut when = |condition: &str, params: &[Value]| {
        conditions.push(condition.to_owned());
        values.extend_from_slice(params);
    };
    if let Some(kind) = search.kind {
        when("i.kind = ?", &[Value::Text(crate::rows::tag(&kind))]);
    }
    if let Some(source) = &search.source {
        when("i.source = ?", &[Value::Text(source.0.clone())]);
    }
    if let Some(entity) = &search.entity {
        let id = Value::Text(entity.0.clone());
        when(
            "(i.speaker = ? OR EXISTS (SELECT 1 FROM item_entities x WHERE x.item = i.pos AND x.entity = ?))",
            &[id.clone(), id],
        );
    }
    if let Some(tag) = &search.tag {
        when(
            "EXISTS (SELECT 1 FROM item_tags t WHERE t.item = i.pos AND t.tag = ?)",
            &[Value::Text(tag.clone())],
        );
    }
    if let Some(from) = search.from.as_deref().filter(|d| !d.trim().is_empty()) {
        when("i.date_hi >= ?", &[Value::Text(from.trim().to_owned())]);
    }
    if let Some(to) = search.to.as_deref().filter(|d| !d.trim().is_empty()) {
        when("i.date_lo <= ?", &[Value::Text(format!("{}~", to.trim()))]);
    }
    if let Some(r) = &search.min_reliability {
        when(
            "i.source IN (SELECT id FROM sources WHERE reliability BETWEEN 'A' AND ?)",
            &[Value::Text(r.0.clone())],
        );
    }
    if let Some(c) = search.min_credibility {
        when("i.credibility BETWEEN 1 AND ?", &[Value::Integer(c.0)]);
    }
    for c in &conditions {
        sql.push_str(" AND ");
        sql.push_str(c);
    }
    Plan {
        from: sql,
        order,
        values,
    }
}

/// How many indexed words a typed word may expand to before the plain prefix query (slower
/// for long words, as FTS5 merges every matching word's full list first) is used instead.
const MAX_EXPANSION: usize = 200;

/// The longest prefix the full-text index keeps its own list for (`prefix = '1 2 3'`).
const INDEXED_PREFIX: usize = 3;

impl Library {
    /// The FTS5 query for what the user typed: every word required, each matching the
    /// words it starts. `None` when nothing searchable was typed.
    ///
    /// Up to three letters the prefix index answers directly. A longer word is expanded to
    /// the indexed words it starts (`missile` → `missile OR missiles`), which FTS5 walks
    /// lazily in dataset order, so a page of hits costs the same at a million items.
    fn fts_query(&self, text: &str) -> Result<Option<String>> {
        let mut terms = Vec::new();
        for typed in text.split_whitespace() {
            if !typed.chars().any(char::is_alphanumeric) {
                continue;
            }
            let prefix = format!("{}*", quote(typed));
            let mut words = words(typed);
            let (Some(word), None) = (words.next(), words.next()) else {
                terms.push(prefix);
                continue;
            };
            if word.chars().count() <= INDEXED_PREFIX {
                terms.push(prefix);
                continue;
            }
            let expansion: Vec<String> = self.read("search the words", |c| {
                c.prepare_cached(
                    "SELECT term FROM search_terms WHERE term >= ?1 AND term < ?1 || char(1114111)
                     ORDER BY term LIMIT ?2",
                )?
                .query_map(params![word, MAX_EXPANSION as i64 + 1], |r| r.get(0))?
                .collect()
            })?;
            if expansion.is_empty() || expansion.len() > MAX_EXPANSION {
                terms.push(prefix);
            } else {
                let alternatives: Vec<String> = expansion.iter().map(|t| quote(t)).collect();
                terms.push(format!("({})", alternatives.join(" OR ")));
            }
        }
        Ok((!terms.is_empty()).then(|| terms.join(" AND ")))
    }
}

/// A string as an FTS5 string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}
