//! `briefsmith list DATASET [--query TEXT]`: one plain line per item.

use briefsmith_core::model::{DatasetIndex, Item, ItemQuery};
use briefsmith_core::store::load_dataset;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// How many characters of an item's text a line shows.
const EXCERPT: usize = 72;

/// Prints `id  kind  grade  date  speaker: text…` for each item matching `query` (all when none).
pub fn run(dataset: &Path, query: Option<&str>) -> ExitCode {
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
    let id_width = hits
        .iter()
        .map(|i| i.id.as_str().chars().count())
        .max()
        .unwrap_or(0);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for item in &hits {
        // A closed pipe (`| head`) ends the listing quietly.
        if writeln!(out, "{}", line(&index, item, id_width)).is_err() {
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    eprintln!("{} of {} item(s)", hits.len(), ds.items.len());
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
