//! The tables of a library file, its identification and its schema migrations.
//!
//! `PRAGMA application_id` marks the file as a Briefsmith library; `PRAGMA user_version`
//! is the schema version. Positions (`pos`) are the rowids, so dataset order is rowid
//! order and the full-text index (keyed by the same rowid) streams hits already in order.

/// `application_id` of a Briefsmith library: "BSLB".
pub(crate) const APPLICATION_ID: i64 = 0x4253_4C42;

/// The schema version this build writes; it reads every version up to this one.
pub const LIBRARY_SCHEMA: i64 = 1 + MIGRATIONS.len() as i64;

/// Gap between the positions of consecutive records, leaving room to insert between them.
pub(crate) const GAP: i64 = 1 << 20;

/// The current version's tables, for a new library.
pub(crate) const CREATE: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources (
    pos INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    authors TEXT NOT NULL,       -- JSON array of strings
    date TEXT NOT NULL,
    url TEXT,
    kind TEXT NOT NULL,
    reliability TEXT NOT NULL,
    notes TEXT NOT NULL,
    paragraphs TEXT NOT NULL,    -- JSON array of strings
    marking TEXT                 -- handling mark as written, e.g. 'S//NF'; NULL for none
);
CREATE TABLE entities (
    pos INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL,       -- JSON array of strings
    role TEXT NOT NULL,
    native_name TEXT NOT NULL
);
CREATE TABLE items (
    pos INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    speaker TEXT REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    speech TEXT,
    via TEXT NOT NULL,
    date TEXT NOT NULL,
    date_lo TEXT,                -- first day the date (or range) can mean, for filtering
    date_hi TEXT,                -- last, as a string that sorts after every date inside it
    place TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES sources(id) DEFERRABLE INITIALLY DEFERRED,
    locator TEXT NOT NULL,
    credibility INTEGER NOT NULL,
    marking TEXT                 -- NULL: the source's mark
);
CREATE INDEX items_source ON items(source);
CREATE INDEX items_speaker ON items(speaker) WHERE speaker IS NOT NULL;
CREATE TABLE item_entities (
    item INTEGER NOT NULL REFERENCES items(pos) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    entity TEXT NOT NULL REFERENCES entities(id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (item, n)
) WITHOUT ROWID;
CREATE INDEX item_entities_entity ON item_entities(entity);
CREATE TABLE item_tags (
    item INTEGER NOT NULL REFERENCES items(pos) ON DELETE CASCADE,
    n INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (item, n)
) WITHOUT ROWID;
CREATE INDEX item_tags_tag ON item_tags(tag);
CREATE VIRTUAL TABLE items_fts USING fts5(
    text, meta,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);
CREATE TABLE sheet_mappings (header TEXT PRIMARY KEY, mapping TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"#;

/// Upgrades, in order: entry `i` turns schema version `i + 1` into `i + 2`. Each runs in
/// the one transaction that opens an older library, so a failed upgrade changes nothing.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1 → 2: every word in the full-text index, so that a typed word longer than the
    // prefix index covers expands to the few words it starts (read from the index itself).
    r#"
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE VIRTUAL TABLE temp.items_vocab USING fts5vocab(main, items_fts, 'row');
INSERT INTO search_terms (term) SELECT term FROM temp.items_vocab;
DROP TABLE temp.items_vocab;
"#,
    // 2 → 3: handling marks on sources and items (NULL, as before, for none).
    r#"
ALTER TABLE sources ADD COLUMN marking TEXT;
ALTER TABLE items ADD COLUMN marking TEXT;
"#,
];
