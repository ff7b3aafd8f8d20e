//! A JSON dataset's items indexed in memory for search as you type, and the filters over
//! them. (A library file is searched by query instead: see `paged`.)
//!
//! The index is built once per dataset (lowercase haystacks, row labels, filter choices);
//! each keystroke then only scores the items that can still match.
//!
//! Matching is in two tiers: every word of the query found as written (ranked by whether it
//! starts or is a whole word), and, when nothing matches that way (a typo, an abbreviation),
//! fuzzy matching with nucleo. The first tier is a plain substring scan, so typing stays
//! within a frame even over 100,000 items.

use briefsmith_core::model::{Dataset, EntityId, Item, ItemId, ItemKind, Source, SourceId};
use briefsmith_core::validate::is_iso_date;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::{BTreeSet, HashMap};

/// What a library row shows, computed once per dataset.
#[derive(Debug, Clone)]
pub struct RowLabel {
    /// Source reliability and information credibility, e.g. "B2".
    pub grade: String,
    /// The speaker for quotes, else the item's date.
    pub lead: String,
    /// The first line of the item's text, shortened.
    pub first_line: String,
}

/// A dataset's items prepared for searching and filtering.
#[derive(Clone)]
pub struct LibraryIndex {
    /// All items' search text, lowercase (text, speaker, via, place, tags, entity names),
    /// end to end in one buffer so a scan reads memory in order.
    haystack: String,
    /// Where each item's search text starts in `haystack`; one more entry marks the end.
    offsets: Vec<usize>,
    rows: Vec<RowLabel>,
    dates: Vec<String>,
    reliability: Vec<u8>,
    ids: HashMap<ItemId, usize>,
    /// Every tag used by an item, sorted.
    pub tags: Vec<String>,
    /// Entities named by at least one item: (id, display name), sorted by name.
    pub entities: Vec<(EntityId, String)>,
    /// Sources with at least one item: (id, display name), sorted by name.
    pub sources: Vec<(SourceId, String)>,
}

/// Names items are shown with: entity names and sources by id.
pub(super) struct Names<'a> {
    entities: HashMap<&'a EntityId, &'a str>,
    sources: HashMap<&'a SourceId, &'a Source>,
}

impl<'a> Names<'a> {
    /// The names of `dataset`'s entities and its sources (its items are not read).
    pub(super) fn of(dataset: &'a Dataset) -> Self {
        Names {
            entities: dataset
                .entities
                .iter()
                .map(|e| (&e.id, e.name.as_str()))
                .collect(),
            sources: dataset.sources.iter().map(|s| (&s.id, s)).collect(),
        }
    }

    /// What `item`'s speaker is called; empty when it has none.
    pub(super) fn speaker_of(&self, item: &Item) -> &'a str {
        item.speaker
            .as_ref()
            .and_then(|id| self.entities.get(id).copied())
            .unwrap_or("")
    }

    /// The source `item` comes from, if the dataset has it.
    pub(super) fn source_of(&self, item: &Item) -> Option<&'a Source> {
        self.sources.get(&item.source).copied()
    }

    /// The entities `ids` as a filter lists them: (id, name), sorted by name.
    pub(super) fn entity_choices(
        &self,
        ids: impl IntoIterator<Item = EntityId>,
    ) -> Vec<(EntityId, String)> {
        let mut named: Vec<_> = ids
            .into_iter()
            .map(|id| {
                let name = self.entity(&id);
                (id, name)
            })
            .collect();
        named.sort_by_key(|e| e.1.to_lowercase());
        named
    }

    /// The sources `ids` as a filter lists them: (id, "publisher — title"), sorted.
    pub(super) fn source_choices(
        &self,
        ids: impl IntoIterator<Item = SourceId>,
    ) -> Vec<(SourceId, String)> {
        let mut named: Vec<_> = ids
            .into_iter()
            .map(|id| {
                let name = self.source(&id);
                (id, name)
            })
            .collect();
        named.sort_by(|a, b| a.1.cmp(&b.1));
        named
    }

    fn entity(&self, id: &EntityId) -> String {
        self.entities
            .get(id)
            .copied()
            .unwrap_or(id.as_str())
            .to_owned()
    }

    fn source(&self, id: &SourceId) -> String {
        self.sources
            .get(id)
            .map(|s| format!("{} — {}", s.publisher, s.title))
            .unwrap_or_else(|| id.to_string())
    }
}

/// What the index keeps of one item.
struct Entry {
    /// Search text, lowercase.
    hay: String,
    row: RowLabel,
    date: String,
    reliability: u8,
}

impl RowLabel {
    /// The row for `item`, whose speaker is called `speaker` (empty for none) and whose
    /// source is `source`.
    pub fn of(item: &Item, speaker: &str, source: Option<&Source>) -> RowLabel {
        let rel = source.map(|s| s.reliability.0.as_str()).unwrap_or("?");
        RowLabel {
            grade: format!("{rel}{}", item.credibility),
            lead: if speaker.is_empty() {
                item.date.clone()
            } else {
                speaker.to_owned()
            },
            first_line: first_line(&item.text, 140),
        }
    }
}

impl Entry {
    fn of(item: &Item, names: &Names<'_>) -> Entry {
        let source = names.source_of(item);
        let speaker = names.speaker_of(item);
        let mut hay = String::with_capacity(item.text.len() + 64);
        hay.push_str(&item.text);
        for part in [speaker, item.via.as_str(), item.place.as_str()] {
            if !part.is_empty() {
                hay.push(' ');
                hay.push_str(part);
            }
        }
        for tag in &item.tags {
            hay.push(' ');
            hay.push_str(tag);
        }
        for entity in &item.entities {
            if let Some(name) = names.entities.get(entity) {
                hay.push(' ');
                hay.push_str(name);
            }
        }
        let rel = source.map(|s| s.reliability.0.as_str()).unwrap_or("?");
        Entry {
            hay: hay.to_lowercase(),
            row: RowLabel::of(item, speaker, source),
            date: if item.date.is_empty() {
                source.map(|s| s.date.clone()).unwrap_or_default()
            } else {
                item.date.clone()
            },
            reliability: rel.bytes().next().unwrap_or(b'?'),
        }
    }
}

impl LibraryIndex {
    /// Indexes every item of `dataset`.
    pub fn build(dataset: &Dataset) -> Self {
        let names = Names::of(dataset);
        let n = dataset.items.len();
        let mut index = LibraryIndex {
            haystack: String::with_capacity(n * 160),
            offsets: Vec::with_capacity(n + 1),
            rows: Vec::with_capacity(n),
            dates: Vec::with_capacity(n),
            reliability: Vec::with_capacity(n),
            ids: HashMap::with_capacity(n),
            tags: Vec::new(),
            entities: Vec::new(),
            sources: Vec::new(),
        };
        let mut tags = BTreeSet::new();
        let mut used_entities = BTreeSet::new();
        let mut used_sources = BTreeSet::new();
        for (i, item) in dataset.items.iter().enumerate() {
            let entry = Entry::of(item, &names);
            index.offsets.push(index.haystack.len());
            index.haystack.push_str(&entry.hay);
            index.rows.push(entry.row);
            index.dates.push(entry.date);
            index.reliability.push(entry.reliability);
            index.ids.insert(item.id.clone(), i);
            tags.extend(item.tags.iter().cloned());
            used_entities.extend(item.entities.iter().chain(&item.speaker).cloned());
            used_sources.insert(item.source.clone());
        }
        index.offsets.push(index.haystack.len());
        index.tags = tags.into_iter().collect();
        index.entities = names.entity_choices(used_entities);
        index.sources = names.source_choices(used_sources);
        index
    }

    /// Number of indexed items.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the dataset has no items.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The row label of the item at `index` in the dataset.
    pub fn row(&self, index: usize) -> Option<&RowLabel> {
        self.rows.get(index)
    }

    /// The search text of the item at `index`.
    fn hay(&self, index: usize) -> &str {
        let (a, b) = (self.offsets[index], self.offsets[index + 1]);
        &self.haystack[a..b]
    }

    /// Where the item with this id stands in the dataset.
    pub fn position(&self, id: &ItemId) -> Option<usize> {
        self.ids.get(id).copied()
    }
}

/// The first line of `text`, cut at `max` characters with an ellipsis.
pub fn first_line(text: &str, max: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let mut out: String = line.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Filters over the library besides the search text. Empty fields filter nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Only facts, or only quotes.
    pub kind: Option<ItemKind>,
    /// Items naming this entity (as speaker or mentioned).
    pub entity: Option<EntityId>,
    /// Items with this tag.
    pub tag: Option<String>,
    /// Items from this source.
    pub source: Option<SourceId>,
    /// Earliest date, ISO 8601 (possibly partial); empty for no bound.
    pub date_from: String,
    /// Latest date, ISO 8601 (possibly partial); empty for no bound.
    pub date_to: String,
    /// Least reliable source grade to show, 'A'–'F'.
    pub min_reliability: Option<char>,
    /// Least credible information grade to show, 1–6.
    pub min_credibility: Option<i64>,
}

impl Filters {
    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != Filters::default()
    }

    fn accepts(&self, index: &LibraryIndex, i: usize, item: &Item) -> bool {
        if self.kind.is_some_and(|k| k != item.kind) {
            return false;
        }
        if let Some(e) = &self.entity
            && !item.entities.contains(e)
            && item.speaker.as_ref() != Some(e)
        {
            return false;
        }
        if let Some(t) = &self.tag
            && !item.tags.contains(t)
        {
            return false;
        }
        if self.source.as_ref().is_some_and(|s| *s != item.source) {
            return false;
        }
        if let Some(r) = self.min_reliability
            && (index.reliability[i] as char) > r
        {
            return false;
        }
        if self.min_credibility.is_some_and(|c| item.credibility.0 > c) {
            return false;
        }
        // A bound that is not a date is shown as wrong and not applied.
        fn bound(b: &str) -> Option<&str> {
            Some(b.trim()).filter(|b| is_iso_date(b))
        }
        let date = index.dates[i].as_str();
        if let Some(from) = bound(&self.date_from)
            && date_cmp(date, from).is_lt()
        {
            return false;
        }
        if let Some(to) = bound(&self.date_to)
            && date_cmp(date, to).is_gt()
        {
            return false;
        }
        true
    }
}

/// Compares two ISO dates at the precision both have: "2024-10" equals "2024-10-11".
/// An unknown (empty) date compares equal, so a date filter never hides undated items.
fn date_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a.as_bytes()[..n].cmp(&b.as_bytes()[..n])
}

/// The items of an in-memory index that a query and filters let through, ranked.
pub struct Ranked {
    matcher: Matcher,
    /// Items passing the filters, in dataset order; rebuilt when the filters change.
    filtered: Vec<u32>,
    filtered_for: Option<Filters>,
    /// The query the last results were computed for, and the items that matched it.
    last_query: Option<String>,
    /// Whether the last results came from the fuzzy tier.
    last_fuzzy: bool,
    matched: Vec<u32>,
    /// The visible result: matched items ranked best first (dataset order without a query).
    results: Vec<u32>,
}

impl Default for Ranked {
    fn default() -> Self {
        Ranked {
            matcher: Matcher::new(Config::DEFAULT),
            filtered: Vec::new(),
            filtered_for: None,
            last_query: None,
            last_fuzzy: false,
            matched: Vec::new(),
            results: Vec::new(),
        }
    }
}

impl Ranked {
    /// Forgets cached results, e.g. when a new dataset is opened.
    pub fn reset(&mut self) {
        self.filtered_for = None;
        self.last_query = None;
    }

    /// The ranked result as dataset indices; call [`Ranked::update`] first.
    pub fn results(&self) -> &[u32] {
        &self.results
    }

    /// Brings the results up to date with the query and filters. Cheap when nothing changed;
    /// when the query only grew, only the previous matches are scored again.
    pub fn update(
        &mut self,
        query: &str,
        filters: &Filters,
        dataset: &Dataset,
        index: &LibraryIndex,
    ) {
        if self.filtered_for.as_ref() != Some(filters) {
            self.filtered = (0..dataset.items.len().min(index.len()))
                .filter(|&i| filters.accepts(index, i, &dataset.items[i]))
                .map(|i| i as u32)
                .collect();
            self.filtered_for = Some(filters.clone());
            self.last_query = None;
        }
        let query = query.trim().to_lowercase();
        if self.last_query.as_deref() == Some(query.as_str()) {
            return;
        }
        if query.is_empty() {
            self.matched = self.filtered.clone();
            self.results = self.filtered.clone();
            self.last_query = Some(query);
            return;
        }
        // Every word must match; adding characters to the query can only narrow the set,
        // so a longer query re-scores the previous matches instead of the whole dataset.
        let narrowing = self
            .last_query
            .as_deref()
            .is_some_and(|last| !last.is_empty() && query.starts_with(last));
        let words: Vec<&str> = query.split_whitespace().collect();
        let was_fuzzy = self.last_fuzzy;
        let previous = std::mem::take(&mut self.matched);
        let candidates: &[u32] = if narrowing && !was_fuzzy {
            &previous
        } else {
            &self.filtered
        };
        let mut scored = substring_tier(index, candidates, &words);
        self.last_fuzzy = false;
        if scored.is_empty() {
            let candidates: &[u32] = if narrowing && was_fuzzy {
                &previous
            } else {
                &self.filtered
            };
            scored = fuzzy_tier(&mut self.matcher, index, candidates, &words);
            self.last_fuzzy = true;
        }
        self.matched = scored.iter().map(|&(i, _)| i).collect();
        self.results = rank(scored);
        self.last_query = Some(query);
    }
}

/// Items containing every word as written, with a small score: 1 for a match inside a
/// word, +2 when it starts a word, +1 when it also ends one.
fn substring_tier(index: &LibraryIndex, candidates: &[u32], words: &[&str]) -> Vec<(u32, u32)> {
    let finders: Vec<memchr::memmem::Finder> =
        words.iter().map(memchr::memmem::Finder::new).collect();
    let mut scored = Vec::with_capacity(candidates.len());
    'items: for &i in candidates {
        let bytes = index.hay(i as usize).as_bytes();
        let mut total = 0;
        for finder in &finders {
            let Some(pos) = finder.find(bytes) else {
                continue 'items;
            };
            let starts = pos == 0 || !bytes[pos - 1].is_ascii_alphanumeric();
            let end = pos + finder.needle().len();
            let ends = end >= bytes.len() || !bytes[end].is_ascii_alphanumeric();
            total += 1 + 2 * u32::from(starts) + u32::from(starts && ends);
        }
        scored.push((i, total));
    }
    scored
}

/// Items matching every word fuzzily (letters in order, gaps allowed), scored by nucleo.
fn fuzzy_tier(
    matcher: &mut Matcher,
    index: &LibraryIndex,
    candidates: &[u32],
    words: &[&str],
) -> Vec<(u32, u32)> {
    let atoms: Vec<Atom> = words
        .iter()
        .map(|w| {
            Atom::new(
                w,
                CaseMatching::Respect,
                Normalization::Never,
                AtomKind::Fuzzy,
                false,
            )
        })
        .collect();
    let mut buf = Vec::new();
    let mut scored = Vec::new();
    'items: for &i in candidates {
        let hay = Utf32Str::new(index.hay(i as usize), &mut buf);
        let mut total = 0u32;
        for atom in &atoms {
            match atom.score(hay, matcher) {
                Some(s) => total += u32::from(s),
                None => continue 'items,
            }
        }
        scored.push((i, total));
    }
    scored
}

/// Best score first, dataset order among equals.
fn rank(mut scored: Vec<(u32, u32)>) -> Vec<u32> {
    // Substring scores are small: a counting sort keeps this linear for huge result sets.
    let max = scored.iter().map(|s| s.1).max().unwrap_or(0);
    if max < 64 {
        let mut buckets: Vec<Vec<u32>> = vec![Vec::new(); max as usize + 1];
        for (i, score) in scored {
            buckets[score as usize].push(i);
        }
        return buckets.into_iter().rev().flatten().collect();
    }
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefsmith_core::synthetic::generate_dataset;

    #[test]
    fn narrowing_query_matches_full_rescore() {
        let ds = generate_dataset(2_000, 7);
        let index = LibraryIndex::build(&ds);
        let none = Filters::default();
        let mut typed = Ranked::default();
        for end in 1..="missile stri".len() {
            typed.update(&"missile stri"[..end], &none, &ds, &index);
        }
        let mut fresh = Ranked::default();
        fresh.update("missile stri", &none, &ds, &index);
        assert!(!fresh.results().is_empty());
        assert_eq!(typed.results(), fresh.results());
    }

    #[test]
    fn filters_restrict_by_kind_and_date() {
        let ds = generate_dataset(500, 3);
        let index = LibraryIndex::build(&ds);
        let filters = Filters {
            kind: Some(ItemKind::Quote),
            date_from: "2024-06".into(),
            ..Filters::default()
        };
        let mut search = Ranked::default();
        search.update("", &filters, &ds, &index);
        assert!(!search.results().is_empty());
        for &i in search.results() {
            let item = &ds.items[i as usize];
            assert_eq!(item.kind, ItemKind::Quote);
            assert!(item.date.as_str() >= "2024-06");
        }
    }

    #[test]
    fn whole_words_rank_first_and_typos_fall_back_to_fuzzy() {
        let ds = generate_dataset(3_000, 5);
        let index = LibraryIndex::build(&ds);
        let none = Filters::default();
        let mut search = Ranked::default();
        search.update("drone", &none, &ds, &index);
        let best = ds.items[search.results()[0] as usize].text.to_lowercase();
        assert!(best.contains("drone"), "{best}");
        // A typo: no item contains "dorne", but the letters in order still find drones.
        search.update("dorne", &none, &ds, &index);
        assert!(!search.results().is_empty());
    }

    #[test]
    fn dates_compare_at_common_precision() {
        assert!(date_cmp("2024-10", "2024-10-11").is_eq());
        assert!(date_cmp("2024-09-30", "2024-10").is_lt());
        assert!(date_cmp("", "2024").is_eq());
    }
}
