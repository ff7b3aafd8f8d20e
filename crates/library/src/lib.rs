//! A Briefsmith dataset kept in an SQLite file (a *library*, suggested extension `.bslib`).
//!
//! Same meaning as a JSON dataset (sources, entities, items, in order), but edited in
//! place: every edit is a [`Change`] value applied as one durable transaction, and undone by
//! applying its inverse. Full-text search with prefix matching answers a page of a
//! million-item library per keystroke. JSON stays the interchange format
//! ([`Library::create_from_dataset`], [`Library::export_json`]); spreadsheets import rows.

mod any;
mod cells;
mod change;
mod error;
mod file;
mod json;
mod library;
mod rows;
mod schema;
mod search;
mod sheet;
mod stats;

pub use any::{load_dataset_for, validate_library};
pub use change::Change;
pub use error::{LibraryError, Result};
pub use file::is_library_file;
pub use library::{Details, Library};
pub use schema::LIBRARY_SCHEMA;
pub use search::Search;
pub use sheet::{Field, SheetImport, SheetReport};
pub use stats::Stats;
