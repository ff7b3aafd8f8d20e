//! Importing items from a spreadsheet: map columns to fields (guessed from the header,
//! remembered per header layout, overridden by the user), check every row, then add all
//! rows in one transaction or none.

use crate::cells::{Cell, Table, read_table};
use crate::change::Change;
use crate::error::{LibraryError, Result};
use crate::library::{Library, Names};
use crate::rows::end_position;
use crate::schema::GAP;
use briefsmith_core::model::{Credibility, Item, ItemId, ItemKind, SourceId, Speech};
use briefsmith_core::validate::is_iso_date;
use rusqlite::OptionalExtension;
use std::collections::HashSet;
use std::fmt;
use std::path::Path;

/// How to import a spreadsheet.
#[derive(Debug, Clone, Default)]
pub struct SheetImport {
    /// `COLUMN=FIELD` overrides, e.g. `Quote=text` or `Notes=skip`.
    pub overrides: Vec<String>,
    /// The workbook sheet to read (default: the first); ignored for CSV.
    pub sheet: Option<String>,
    /// The source (id or title) of rows without one.
    pub default_source: Option<String>,
}

/// What an import added.
#[derive(Debug, Clone)]
pub struct SheetReport {
    /// The new items' ids, in row order.
    pub added: Vec<ItemId>,
    /// Rows with no value in any cell, skipped.
    pub blank_rows: usize,
    /// The mapping used, as `Column=field, ...` (remembered for this header).
    pub mapping: String,
}

/// An item field a column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Text,
    Kind,
    Speaker,
    Speech,
    Date,
    Place,
    Source,
    Locator,
    Credibility,
    Entities,
    Tags,
    Via,
    /// The column is not imported.
    Skip,
}

impl Field {
    const ALL: [Field; 14] = [
        Field::Id,
        Field::Text,
        Field::Kind,
        Field::Speaker,
        Field::Speech,
        Field::Date,
        Field::Place,
        Field::Source,
        Field::Locator,
        Field::Credibility,
        Field::Entities,
        Field::Tags,
        Field::Via,
        Field::Skip,
    ];

    /// The field's name in `--map` and in remembered mappings.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Text => "text",
            Field::Kind => "kind",
            Field::Speaker => "speaker",
            Field::Speech => "speech",
            Field::Date => "date",
            Field::Place => "place",
            Field::Source => "source",
            Field::Locator => "locator",
            Field::Credibility => "credibility",
            Field::Entities => "entities",
            Field::Tags => "tags",
            Field::Via => "via",
            Field::Skip => "skip",
        }
    }

    /// The field a name means, ignoring case.
    pub fn parse(name: &str) -> Option<Field> {
        let name = name.trim().to_lowercase();
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The field a header most likely means, from common column names.
    fn guess(header: &str) -> Option<Field> {
        let h = header.trim().to_lowercase();
        let f = match h.as_str() {
            "id" | "item id" => Field::Id,
            "text" | "quote" | "fact" | "statement" | "content" | "words" => Field::Text,
            "kind" | "type" => Field::Kind,
            "speaker" | "who" | "said by" => Field::Speaker,
            "speech" => Field::Speech,
            "date" | "when" => Field::Date,
            "place" | "where" | "location" => Field::Place,
            "source" | "source id" | "source title" => Field::Source,
            "locator" | "para" | "paragraph" | "page" => Field::Locator,
            "credibility" | "cred" => Field::Credibility,
            "entities" | "entity" => Field::Entities,
            "tags" | "tag" | "keywords" => Field::Tags,
            "via" | "reported by" => Field::Via,
            _ => return None,
        };
        Some(f)
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The key a mapping is remembered under: the header cells, joined by a unit separator.
fn header_key(header: &[String]) -> String {
    header
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

impl Library {
    /// Imports items from `file` (CSV, or a workbook): every row is checked first and every
    /// problem reported as `FILE: row R, column C (name): problem`; only a file with none
    /// is imported, in one transaction that also remembers the column mapping.
    pub fn import_sheet(&mut self, file: &Path, options: &SheetImport) -> Result<SheetReport> {
        self.writable("import rows")?;
        let table = read_table(file, options.sheet.as_deref())?;
        let mapping = self.mapping(&table, &options.overrides)?;
        let names = Names::new(self.entities()?, self.sources()?);
        let default_source = match &options.default_source {
            Some(key) => Some(names.source(key).map(|s| s.id.clone()).ok_or_else(|| {
                LibraryError::Refused {
                    file: self.path.clone(),
                    message: format!("no source with id or title \"{key}\""),
                }
            })?),
            None => None,
        };
        let mut problems = Vec::new();
        let has = |f: Field| mapping.contains(&f);
        if !has(Field::Text) {
            problems.push(format!(
                "{}: no column gives the item text; map one with --map COLUMN=text",
                file.display()
            ));
        }
        if !has(Field::Credibility) {
            problems.push(format!(
                "{}: no column gives the credibility (1–6); map one with --map COLUMN=credibility",
                file.display()
            ));
        }
        if !has(Field::Source) && default_source.is_none() {
            problems.push(format!(
                "{}: no column gives the source; map one with --map COLUMN=source or name one with --source",
                file.display()
            ));
        }
        if !problems.is_empty() {
            return Err(LibraryError::Rows {
                file: file.to_owned(),
                problems,
            });
        }

        let mut next = self.read("choose new ids", |c| end_position(c, "items"))? / GAP;
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        let mut blank_rows = 0;
        for (row, cells) in &table.rows {
            if cells.iter().all(|c| *c == Cell::Blank) {
                blank_rows += 1;
                continue;
            }
            let mut row_problems = Vec::new();
            let item = self.row_item(
                &table,
                *row,
                cells,
                &mapping,
                &names,
                default_source.as_ref(),
                &mut row_problems,
            );
            if row_problems.is_empty() {
                let mut item = item;
                if item.id.as_str().is_empty() {
                    item.id = loop {
                        let id = ItemId(format!("itm-{next}"));
                        next += 1;
                        if !seen.contains(&id) && self.item_position(&id)?.is_none() {
                            break id;
                        }
                    };
                } else if self.item_position(&item.id)?.is_some() || seen.contains(&item.id) {
                    let column = mapping.iter().position(|f| *f == Field::Id).unwrap_or(0);
                    row_problems.push(format!(
                        "{}: the id \"{}\" is already used",
                        table.place(*row, column),
                        item.id
                    ));
                }
                seen.insert(item.id.clone());
                items.push(item);
            }
            problems.extend(row_problems);
        }
        if !problems.is_empty() {
            return Err(LibraryError::Rows {
                file: file.to_owned(),
                problems,
            });
        }

        let start = self.read("place new items", |c| end_position(c, "items"))?;
        let added: Vec<ItemId> = items.iter().map(|i| i.id.clone()).collect();
        let change = Change::Batch(
            items
                .into_iter()
                .enumerate()
                .map(|(k, item)| Change::Item {
                    position: start + k as i64 * GAP,
                    before: None,
                    after: Some(item),
                })
                .collect(),
        );
        let key = header_key(&table.header);
        let remembered: Vec<&str> = mapping.iter().map(|f| f.name()).collect();
        let remembered = serde_json::Value::from(remembered).to_string();
        self.apply_with(&change, &|c| {
            c.execute(
                "INSERT OR REPLACE INTO sheet_mappings (header, mapping) VALUES (?1, ?2)",
                [&key, &remembered],
            )
            .map(|_| ())
        })?;
        Ok(SheetReport {
            added,
            blank_rows,
            mapping: describe(&table.header, &mapping),
        })
    }

    fn item_position(&self, id: &ItemId) -> Result<Option<i64>> {
        self.read("look up an id", |c| {
            crate::library::position_of(c, "items", id.as_str())
        })
    }

    /// Each column's field: the user's override, else the mapping remembered for this
    /// header, else the guess from its name. A column with none is an error naming it.
    fn mapping(&self, table: &Table, overrides: &[String]) -> Result<Vec<Field>> {
        let key = header_key(&table.header);
        let remembered: Option<String> = self.read("read the remembered mapping", |c| {
            c.query_row(
                "SELECT mapping FROM sheet_mappings WHERE header = ?1",
                [&key],
                |r| r.get(0),
            )
            .optional()
        })?;
        let remembered: Vec<Option<Field>> = remembered
            .and_then(|m| serde_json::from_str::<Vec<String>>(&m).ok())
            .map(|names| names.iter().map(|n| Field::parse(n)).collect())
            .unwrap_or_default();
        let mut fields: Vec<Option<Field>> = table
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                remembered
                    .get(i)
                    .copied()
                    .flatten()
                    .or_else(|| Field::guess(h))
            })
            .collect();
        let mut problems = Vec::new();
        for o in overrides {
            let Some((column, field)) = o.rsplit_once('=') else {
                problems.push(format!(
                    "--map {o}: write it as COLUMN=FIELD, e.g. Quote=text"
                ));
                continue;
            };
            let Some(field) = Field::parse(field) else {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                problems.push(format!(
                    "--map {o}: unknown field \"{field}\"; fields are {}",
                    names.join(", ")
                ));
                continue;
            };
            match table
                .header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
            {
                Some(i) => fields[i] = Some(field),
                None => problems.push(format!(
                    "--map {o}: {} has no column \"{column}\" (its columns: {})",
                    table.file.display(),
                    table.header.join(", ")
                )),
            }
        }
        for (i, f) in fields.iter().enumerate() {
            if f.is_none() {
                let name = &table.header[i];
                problems.push(format!(
                    "{}: unknown column; map it with --map \"{name}=FIELD\" or --map \"{name}=skip\"",
                    table.place(1, i)
                ));
            }
        }
        let mut used = HashSet::new();
        for (i, f) in fields.iter().enumerate() {
            if let Some(f) = f.filter(|f| *f != Field::Skip)
                && !used.insert(f)
            {
                problems.push(format!(
                    "{}: a second column for the field \"{f}\"",
                    table.place(1, i)
                ));
            }
        }
        if !problems.is_empty() {
            return Err(LibraryError::Rows {
                file: table.file.clone(),
                problems,
            });
        }
        Ok(fields
            .into_iter()
            .map(|f| f.unwrap_or(Field::Skip))
            .collect())
    }

    /// The item a row describes; each problem is pushed with its place.
    #[expect(
        clippy::too_many_arguments,
        reason = "one call site passes a row's parts by name"
    )]
    fn row_item(
        &self,
        table: &Table,
        row: usize,
        cells: &[Cell],
        mapping: &[Field],
        names: &Names,
        default_source: Option<&SourceId>,
        problems: &mut Vec<String>,
    ) -> Item {
        let mut item = Item {
            id: ItemId::default(),
            kind: ItemKind::Fact,
            text: String::new(),
            speaker: None,
            speech: None,
            via: String::new(),
            date: String::new(),
            place: String::new(),
            source: default_source.cloned().unwrap_or_default(),
            locator: String::new(),
            entities: Vec::new(),
            tags: Vec::new(),
            credibility: Credibility(0),
            marking: None,
        };
        let mut kind = None;
        let mut credibility = None;
        for (column, field) in mapping.iter().enumerate() {
            let mut fail =
                |message: String| problems.push(format!("{}: {message}", table.place(row, column)));
            let value = match cells.get(column).unwrap_or(&Cell::Blank) {
                Cell::Blank => None,
                Cell::Unusable(why) => {
                    if *field != Field::Skip {
                        fail(why.clone());
                    }
                    continue;
                }
                Cell::Text(t) => Some(t.as_str()),
            };
            let Some(value) = value else {
                match field {
                    Field::Text => fail("blank, but every item needs its text".to_owned()),
                    Field::Credibility => {
                        fail("blank, but every item needs a credibility 1–6".to_owned())
                    }
                    Field::Source if default_source.is_none() => {
                        fail("blank, and no --source was given for such rows".to_owned())
                    }
                    _ => {}
                }
                continue;
            };
            let list = || value.split(';').map(str::trim).filter(|s| !s.is_empty());
            let entity = |key: &str| names.entity(key).map(|e| e.id.clone());
            match field {
                Field::Skip => {}
                Field::Id => item.id = ItemId::new(value),
                Field::Text => item.text = value.to_owned(),
                Field::Kind => match value.to_lowercase().as_str() {
                    "fact" => kind = Some(ItemKind::Fact),
                    "quote" => kind = Some(ItemKind::Quote),
                    _ => fail(format!("\"{value}\" is not a kind: write fact or quote")),
                },
                Field::Speaker => match entity(value) {
                    Some(id) => item.speaker = Some(id),
                    None => fail(format!("no entity with id, name or alias \"{value}\"")),
                },
                Field::Speech => match value.to_lowercase().as_str() {
                    "direct" => item.speech = Some(Speech::Direct),
                    "reported" => item.speech = Some(Speech::Reported),
                    _ => fail(format!(
                        "\"{value}\" is not a kind of speech: write direct or reported"
                    )),
                },
                Field::Date => {
                    let ok = match value.split_once('/') {
                        Some((a, b)) => is_iso_date(a) && is_iso_date(b) && a <= b,
                        None => is_iso_date(value),
                    };
                    if ok {
                        item.date = value.to_owned();
                    } else {
                        fail(format!(
                            "\"{value}\" is not an ISO 8601 date (2024-10-11, 2024-10, 2024) or range START/END"
                        ));
                    }
                }
                Field::Place => item.place = value.to_owned(),
                Field::Source => match names.source(value) {
                    Some(s) => item.source = s.id.clone(),
                    None => fail(format!("no source with id or title \"{value}\"")),
                },
                Field::Locator => item.locator = value.to_owned(),
                Field::Credibility => match value.parse::<f64>() {
                    Ok(n) if n.fract() == 0.0 && (1.0..=6.0).contains(&n) => {
                        credibility = Some(n as i64)
                    }
                    _ => fail(format!("\"{value}\" is not a credibility grade 1–6")),
                },
                Field::Entities => {
                    for key in list() {
                        match entity(key) {
                            Some(id) => item.entities.push(id),
                            None => fail(format!("no entity with id, name or alias \"{key}\"")),
                        }
                    }
                }
                Field::Tags => item.tags = list().map(str::to_owned).collect(),
                Field::Via => item.via = value.to_owned(),
            }
        }
        item.kind = kind.unwrap_or(if item.speaker.is_some() {
            ItemKind::Quote
        } else {
            ItemKind::Fact
        });
        if item.kind == ItemKind::Quote {
            if item.speaker.is_none() {
                problems.push(format!(
                    "{}: row {row}: a quote needs a speaker",
                    table.file.display()
                ));
            }
            item.speech.get_or_insert(Speech::Direct);
        }
        item.credibility = Credibility(credibility.unwrap_or(0));
        item
    }
}

/// `Column=field, ...` for the mapping actually used.
fn describe(header: &[String], mapping: &[Field]) -> String {
    header
        .iter()
        .zip(mapping)
        .map(|(h, f)| format!("{h}={f}"))
        .collect::<Vec<_>>()
        .join(", ")
}
