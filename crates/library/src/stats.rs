//! Counts for a library's summary: items by kind and by grade, sources, entities, tags.

use crate::error::Result;
use crate::library::Library;
use briefsmith_core::model::{Credibility, Reliability};

/// What a library holds, counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stats {
    pub items: u64,
    pub facts: u64,
    pub quotes: u64,
    pub sources: u64,
    pub entities: u64,
    /// Distinct tags.
    pub tags: u64,
    /// Items per grade (source reliability, item credibility), best grades first.
    pub by_grade: Vec<(Reliability, Credibility, u64)>,
}

impl Library {
    /// Counts everything (a scan of the items: fine for a summary, not for every frame).
    pub fn stats(&self) -> Result<Stats> {
        self.read("count the library", |c| {
            let count = |sql: &str| {
                c.query_row(sql, [], |r| r.get::<_, i64>(0))
                    .map(|n| n as u64)
            };
            let mut stats = Stats {
                items: count("SELECT count(*) FROM items")?,
                facts: count("SELECT count(*) FROM items WHERE kind = 'fact'")?,
                quotes: count("SELECT count(*) FROM items WHERE kind = 'quote'")?,
                sources: count("SELECT count(*) FROM sources")?,
                entities: count("SELECT count(*) FROM entities")?,
                tags: count("SELECT count(DISTINCT tag) FROM item_tags")?,
                by_grade: Vec::new(),
            };
            let mut stmt = c.prepare(
                "SELECT s.reliability, i.credibility, count(*) FROM items i
                 JOIN sources s ON s.id = i.source GROUP BY 1, 2 ORDER BY 1, 2",
            )?;
            stats.by_grade = stmt
                .query_map([], |r| {
                    Ok((
                        Reliability(r.get(0)?),
                        Credibility(r.get(1)?),
                        r.get::<_, i64>(2)? as u64,
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            Ok(stats)
        })
    }
}
