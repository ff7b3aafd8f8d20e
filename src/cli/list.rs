//! `briefsmith list DATASET|LIBRARY [--query TEXT]`: one plain line per item.

use briefsmith_core::model::{Dataset, DatasetIndex, Item, ItemQuery};
use briefsmith_core::store::load_dataset;
use briefsmith_library::{Library, LibraryError, Search, is_library_file};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// How many characters of an item's text a line shows.
const EXCERPT: usize = 72;

/// Prints `id  kind  grade  date  speaker: text…` for each item matching `query` (all when none).
/// A library is searched in SQLite: each query word matches the start of a word.
pub fn run(dataset: &Path, query: Option<&str>) -> ExitCode {
    if is_library_file(dataset) {
        return match list_library(dataset, query) {
            Ok(code) => code,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        };
    }
    let ds = match load_dataset(dataset) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let index = ds.index();
    let query = ItemQuery::new(query.unwrap_or(""));
    let hits: Vec<&Item> = ds
        .items
        .iter()
        .filter(|item| query.matches(&index, item))
        .collect();
    print(&index, &hits, ds.items.len() as u64)
}

/// The items of a library matching `query`, found through its full-text index.
fn list_library(path: &Path, query: Option<&str>) -> Result<ExitCode, LibraryError> {
    let library = Library::open(path)?;
    // Sources and entities only: all that a line looks up.
    let names = Dataset {
        sources: library.sources()?,
        entities: library.entities()?,
        ..Dataset::default()
    };
    let search = Search::words(query.unwrap_or(""));
    let hits = library.search_rows(&search, 0, u64::MAX)?;
    let hits: Vec<&Item> = hits.iter().collect();
    Ok(print(&names.index(), &hits, library.item_count()?))
}

/// Prints the lines, then `N of M item(s)` on stderr.
fn print(index: &DatasetIndex<'_>, hits: &[&Item], total: u64) -> ExitCode {
    let id_width = hits
        .iter()
        .map(|i| i.id.as_str().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for item in hits {
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{}", line(index, item, id_width)).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    eprintln!("{} of {total} item(s)", hits.len());
    ExitCode::SUCCESS
}

/// One item's line; ids are padded to `id_width` so the columns line up.
fn line(index: &DatasetIndex<'_>, item: &Item, id_width: usize) -> String {
    let reliability = index
        .source(&item.source)
        .map_or_else(|| "?".to_owned(), |s| s.reliability.to_string());
    let grade = format!("{reliability}{}", item.credibility);
    let date = if item.date.is_empty() {
        "-"
    } else {
        &item.date
    };
    let speaker = item
        .speaker
        .as_ref()
        .map(|id| index.entity(id).map_or(id.as_str(), |e| e.name.as_str()));
    let text = excerpt(&item.text);
    let what = match speaker {
        Some(name) => format!("{name}: \"{text}\""),
        None => text,
    };
    format!(
        "{:<id_width$}  {:<5}  {grade:<3}  {date:<10}  {what}",
        item.id.as_str(),
        item.kind.as_str()
    )
}

/// The first words of `text` on one line, cut at a word boundary with an ellipsis.
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpt_cuts_at_a_word() {
        assert_eq!(excerpt("short\ntext"), "short text");
        let long = "word ".repeat(30);
        let e = excerpt(&long);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= 73, "{e}");
    }
}
