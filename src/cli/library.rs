//! `briefsmith library ...`: make, fill, export and summarise a library (a dataset kept in
//! SQLite). Scriptable: results on stdout (a new record's id, counts), messages on stderr;
//! exit 0 on success, 1 when the work could not be done, 2 for a wrong command line.

use briefsmith_core::model::{
    Credibility, DATASET_SCHEMA, Entity, EntityId, EntityKind, Item, ItemId, ItemKind, Marking,
    Reliability, Source, SourceId, SourceKind, Speech,
};
use briefsmith_core::store::load_dataset;
use briefsmith_library::{Library, LibraryError, SheetImport};
use clap::{Args, Subcommand};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The library subcommands.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Create a new, empty library file (suggested extension .bslib).
    New {
        library: PathBuf,
        #[arg(long, default_value = "")]
        title: String,
    },
    /// Make a new library from a JSON dataset, exactly.
    ImportJson {
        dataset: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "LIB")]
        output: PathBuf,
    },
    /// Write a library as a JSON dataset.
    ExportJson {
        library: PathBuf,
        #[arg(short = 'o', long = "output", value_name = "DATASET.json")]
        output: PathBuf,
    },
    /// Import items from a CSV or XLSX file (by extension): all rows or none.
    ImportCsv(ImportCsvArgs),
    /// Add a source; prints its id.
    AddSource(AddSourceArgs),
    /// Add an entity; prints its id.
    AddEntity(AddEntityArgs),
    /// Add a fact or quote; prints its id.
    AddItem(AddItemArgs),
    /// Count items by kind and grade, sources, entities and tags.
    Stats { library: PathBuf },
}

/// `library import-csv`.
#[derive(Debug, Args)]
pub struct ImportCsvArgs {
    pub library: PathBuf,
    /// The spreadsheet: .csv, or .xlsx / .xls / .ods.
    pub file: PathBuf,
    /// Which field a column fills, e.g. `--map Quote=text`; overrides the guess and the
    /// mapping remembered for this header. Fields: text, kind, speaker, speech, date,
    /// place, source, locator, credibility, entities, tags, via, id, or `skip`.
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub map: Vec<String>,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// The source of rows that have no source column or leave it blank (id or title).
    #[arg(long)]
    pub source: Option<String>,
}

/// `library add-source`.
#[derive(Debug, Args)]
pub struct AddSourceArgs {
    pub library: PathBuf,
    #[arg(long)]
    pub title: String,
    #[arg(long, default_value = "")]
    pub publisher: String,
    #[arg(long = "author")]
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (2024-10-11, 2024-10 or 2024).
    #[arg(long, default_value = "")]
    pub date: String,
    #[arg(long)]
    pub url: Option<String>,
    /// news, government, think-tank, academic, social-media, state-media or other.
    #[arg(long, default_value = "news", value_parser = kind::<SourceKind>)]
    pub kind: SourceKind,
    /// A–F.
    #[arg(long, value_parser = reliability)]
    pub reliability: Reliability,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// The id to give it (default: a new `src-N`).
    #[arg(long)]
    pub id: Option<String>,
    /// Its handling mark, e.g. `C` or `TLP:AMBER` (read in the scheme a brief names).
    #[arg(long)]
    pub marking: Option<String>,
}

/// `library add-entity`.
#[derive(Debug, Args)]
pub struct AddEntityArgs {
    pub library: PathBuf,
    #[arg(long)]
    pub name: String,
    /// person, country, organisation, weapon-system, place, event or other.
    #[arg(long, value_parser = kind::<EntityKind>)]
    pub kind: EntityKind,
    #[arg(long = "alias")]
    pub aliases: Vec<String>,
    #[arg(long, default_value = "")]
    pub role: String,
    /// The name in its own script.
    #[arg(long, default_value = "")]
    pub native_name: String,
    #[arg(long)]
    pub id: Option<String>,
}

/// `library add-item`.
#[derive(Debug, Args)]
pub struct AddItemArgs {
    pub library: PathBuf,
    #[arg(long)]
    pub text: String,
    /// The source: id or title.
    #[arg(long)]
    pub source: String,
    /// fact or quote (default: quote when a speaker is given, else fact).
    #[arg(long, value_parser = kind::<ItemKind>)]
    pub kind: Option<ItemKind>,
    /// Who said it: entity id, name or alias.
    #[arg(long)]
    pub speaker: Option<String>,
    /// direct or reported (default for quotes: direct).
    #[arg(long, value_parser = kind::<Speech>)]
    pub speech: Option<Speech>,
    #[arg(long, default_value = "")]
    pub via: String,
    /// ISO 8601 date, or a range START/END.
    #[arg(long, default_value = "")]
    pub date: String,
    #[arg(long, default_value = "")]
    pub place: String,
    /// Where in the source, e.g. "para 4".
    #[arg(long, default_value = "")]
    pub locator: String,
    /// 1–6.
    #[arg(long, value_parser = clap::value_parser!(i64).range(1..=6))]
    pub credibility: i64,
    /// An entity the item concerns (id, name or alias); repeat for several.
    #[arg(long = "entity")]
    pub entities: Vec<String>,
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub id: Option<String>,
    /// Its handling mark, e.g. `S//NF`; default: its source's.
    #[arg(long)]
    pub marking: Option<String>,
}

/// A kind enum from its dataset spelling, e.g. `think-tank`.
fn kind<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::from(s)).map_err(|e| e.to_string())
}

fn reliability(s: &str) -> Result<Reliability, String> {
    let r = Reliability::new(s.trim());
    r.is_valid()
        .then_some(r)
        .ok_or_else(|| format!("\"{s}\" is not a reliability grade A–F"))
}

/// Runs a library subcommand.
pub fn run(command: LibraryCommand) -> ExitCode {
    match execute(command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn execute(command: LibraryCommand) -> Result<(), LibraryError> {
    match command {
        LibraryCommand::New { library, title } => {
            Library::create(&library, &title)?;
            eprintln!("created {}", library.display());
        }
        LibraryCommand::ImportJson { dataset, output } => {
            let ds = load_dataset(&dataset)?;
            Library::create_from_dataset(&output, &ds)?;
            eprintln!(
                "created {} from {}: {} source(s), {} entity(ies), {} item(s)",
                output.display(),
                dataset.display(),
                ds.sources.len(),
                ds.entities.len(),
                ds.items.len()
            );
        }
        LibraryCommand::ExportJson { library, output } => {
            let lib = Library::open(&library)?;
            lib.export_json(&output)?;
            eprintln!("wrote {}", output.display());
        }
        LibraryCommand::ImportCsv(args) => {
            let mut lib = Library::open(&args.library)?;
            let import = SheetImport {
                overrides: args.map,
                sheet: args.sheet,
                default_source: args.source,
            };
            let report = lib.import_sheet(&args.file, &import)?;
            println!("{}", report.added.len());
            eprintln!(
                "imported {} item(s) from {} ({} blank row(s) skipped); mapping: {}",
                report.added.len(),
                args.file.display(),
                report.blank_rows,
                report.mapping
            );
        }
        LibraryCommand::AddSource(a) => {
            let mut lib = Library::open(&a.library)?;
            let id = SourceId(id_or_next(&lib, a.id, "src")?);
            let source = Source {
                id: id.clone(),
                title: a.title,
                publisher: a.publisher,
                authors: a.authors,
                date: a.date,
                url: a.url,
                kind: a.kind,
                reliability: a.reliability,
                notes: a.notes,
                paragraphs: Vec::new(),
                marking: a.marking.map(Marking::new),
            };
            let exists = lib.source(&id)?.is_some();
            add(&mut lib, "source", id.as_str(), exists, |l| {
                l.put_source(source)
            })?;
            println!("{id}");
        }
        LibraryCommand::AddEntity(a) => {
            let mut lib = Library::open(&a.library)?;
            let id = EntityId(id_or_next(&lib, a.id, "ent")?);
            let entity = Entity {
                id: id.clone(),
                name: a.name,
                kind: a.kind,
                aliases: a.aliases,
                role: a.role,
                native_name: a.native_name,
            };
            let exists = lib.entity(&id)?.is_some();
            add(&mut lib, "entity", id.as_str(), exists, |l| {
                l.put_entity(entity)
            })?;
            println!("{id}");
        }
        LibraryCommand::AddItem(a) => add_item(a)?,
        LibraryCommand::Stats { library } => stats(&library)?,
    }
    Ok(())
}

fn id_or_next(lib: &Library, id: Option<String>, prefix: &str) -> Result<String, LibraryError> {
    match id {
        Some(id) => Ok(id),
        None => lib.next_id(prefix),
    }
}

/// Adds a record, refusing to replace one with the same id (`add` never edits).
fn add(
    lib: &mut Library,
    noun: &str,
    id: &str,
    exists: bool,
    change: impl FnOnce(&Library) -> Result<briefsmith_library::Change, LibraryError>,
) -> Result<(), LibraryError> {
    if exists {
        return Err(LibraryError::Refused {
            file: lib.path().to_owned(),
            message: format!("there is already a {noun} with id \"{id}\""),
        });
    }
    let change = change(lib)?;
    lib.apply(&change)
}

fn add_item(a: AddItemArgs) -> Result<(), LibraryError> {
    let mut lib = Library::open(&a.library)?;
    let refused = |message: String| LibraryError::Refused {
        file: a.library.clone(),
        message,
    };
    let source = lib
        .find_source(&a.source)?
        .ok_or_else(|| refused(format!("no source with id or title \"{}\"", a.source)))?;
    let entity = |key: &str| -> Result<EntityId, LibraryError> {
        lib.find_entity(key)?
            .map(|e| e.id)
            .ok_or_else(|| refused(format!("no entity with id, name or alias \"{key}\"")))
    };
    let speaker = a.speaker.as_deref().map(entity).transpose()?;
    let entities = a
        .entities
        .iter()
        .map(|e| entity(e))
        .collect::<Result<Vec<_>, _>>()?;
    let kind = a.kind.unwrap_or(if speaker.is_some() {
        ItemKind::Quote
    } else {
        ItemKind::Fact
    });
    let speech = match kind {
        ItemKind::Quote => Some(a.speech.unwrap_or(Speech::Direct)),
        ItemKind::Fact => a.speech,
    };
    let id = ItemId(id_or_next(&lib, a.id, "itm")?);
    let item = Item {
        id: id.clone(),
        kind,
        text: a.text,
        speaker,
        speech,
        via: a.via,
        date: a.date,
        place: a.place,
        source: source.id,
        locator: a.locator,
        entities,
        tags: a.tags,
        credibility: Credibility(a.credibility),
        marking: a.marking.map(Marking::new),
    };
    // The same checks `validate` makes, so an add never stores what validate would reject.
    let probe = briefsmith_core::model::Dataset {
        schema: DATASET_SCHEMA.to_owned(),
        title: String::new(),
        description: String::new(),
        sources: lib.source(&item.source)?.into_iter().collect(),
        entities: lib.entities()?,
        items: vec![item.clone()],
    };
    let errors: Vec<String> = briefsmith_core::validate::validate_dataset(&probe, &a.library)
        .into_iter()
        .filter(|p| p.is_error() && p.path.starts_with("items["))
        .map(|p| p.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(refused(format!(
            "the item is not valid: {}",
            errors.join("; ")
        )));
    }
    let exists = lib.item(&id)?.is_some();
    add(&mut lib, "item", id.as_str(), exists, |l| l.put_item(item))?;
    println!("{id}");
    Ok(())
}

fn stats(library: &Path) -> Result<(), LibraryError> {
    let lib = Library::open(library)?;
    let s = lib.stats()?;
    println!("items\t{}", s.items);
    println!("facts\t{}", s.facts);
    println!("quotes\t{}", s.quotes);
    println!("sources\t{}", s.sources);
    println!("entities\t{}", s.entities);
    println!("tags\t{}", s.tags);
    for (reliability, credibility, n) in &s.by_grade {
        println!("grade {reliability}{credibility}\t{n}");
    }
    Ok(())
}
