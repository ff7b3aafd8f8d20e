//! JSON datasets in and out: a new library made from a dataset (in one step, atomically),
//! and a library written back as the same dataset.

use crate::error::{LibraryError, Result};
use crate::file;
use crate::library::Library;
use crate::rows::{Terms, entity_names, insert_entity, insert_item, insert_source};
use crate::schema::GAP;
use briefsmith_core::model::Dataset;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

/// How many reference problems an import lists before it stops counting.
const MAX_LISTED: usize = 20;

impl Library {
    /// Creates a library at `path` holding `dataset`, exactly (order and every field).
    ///
    /// The library is built in a temporary file beside `path` and moved into place only when
    /// complete, so a failure or a kill leaves no half-made library. An existing file is
    /// never replaced. A dataset with duplicate ids or references to missing records is refused.
    pub fn create_from_dataset(path: &Path, dataset: &Dataset) -> Result<Library> {
        let io = |step, source| LibraryError::Io {
            file: path.to_owned(),
            step,
            source,
        };
        if fs::symlink_metadata(path).is_ok() {
            return Err(LibraryError::Exists {
                file: path.to_owned(),
            });
        }
        check_references(dataset).map_err(|message| LibraryError::Refused {
            file: path.to_owned(),
            message,
        })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map_or_else(|| "library".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.");
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(".tmp");
        // A library gets the usual permissions of a new file (the umask applies), not a
        // temporary file's owner-only ones.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let temp = builder
            .tempfile_in(dir)
            .map_err(|e| io("create the library", e))?
            .into_temp_path();
        let sql = |source| LibraryError::Sqlite {
            file: path.to_owned(),
            step: "create the library",
            source,
        };
        let mut conn = file::create(&temp).map_err(sql)?;
        fill(&mut conn, dataset).map_err(sql)?;
        file::finish(conn).map_err(sql)?;
        fs::File::open(&temp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io("create the library", e))?;
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                LibraryError::Exists {
                    file: path.to_owned(),
                }
            } else {
                io("create the library", e.error)
            }
        })?;
        // The rename itself is made durable by syncing the folder.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Library::open(path)
    }

    /// Writes the library as a JSON dataset (pretty, final newline), atomically.
    pub fn export_json(&self, out: &Path) -> Result<()> {
        let dataset = self.to_dataset()?;
        let mut bytes = serde_json::to_vec_pretty(&dataset).map_err(|e| LibraryError::Io {
            file: out.to_owned(),
            step: "encode the dataset",
            source: e.into(),
        })?;
        bytes.push(b'\n');
        briefsmith_core::store::write_atomic(out, &bytes, false)?;
        Ok(())
    }
}

/// Every record, in order, with positions `GAP, 2·GAP, …`, in one transaction.
fn fill(conn: &mut rusqlite::Connection, ds: &Dataset) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    for (key, value) in [("title", &ds.title), ("description", &ds.description)] {
        tx.execute("UPDATE meta SET value = ?2 WHERE key = ?1", [key, value])?;
    }
    let position = |i: usize| (i as i64 + 1) * GAP;
    for (i, s) in ds.sources.iter().enumerate() {
        insert_source(&tx, position(i), s)?;
    }
    let mut names = HashMap::with_capacity(ds.entities.len());
    for (i, e) in ds.entities.iter().enumerate() {
        insert_entity(&tx, position(i), e)?;
        names.insert(e.id.clone(), entity_names(e));
    }
    let mut terms = Terms::Gather(HashSet::new());
    for (i, item) in ds.items.iter().enumerate() {
        insert_item(
            &tx,
            position(i),
            item,
            &mut |e| Ok(names.get(e).cloned().unwrap_or_default()),
            &mut terms,
        )?;
    }
    terms.flush(&tx)?;
    tx.commit()
}

/// Duplicate ids and references to records the dataset does not hold, listed.
fn check_references(ds: &Dataset) -> std::result::Result<(), String> {
    let mut problems = Vec::new();
    let mut note = |p: String| {
        if problems.len() < MAX_LISTED {
            problems.push(p);
        }
    };
    let mut sources = HashSet::new();
    for (i, s) in ds.sources.iter().enumerate() {
        if !sources.insert(s.id.as_str()) {
            note(format!("sources[{i}]: the id \"{}\" is used twice", s.id));
        }
    }
    let mut entities = HashSet::new();
    for (i, e) in ds.entities.iter().enumerate() {
        if !entities.insert(e.id.as_str()) {
            note(format!("entities[{i}]: the id \"{}\" is used twice", e.id));
        }
    }
    let mut items = HashSet::new();
    for (i, item) in ds.items.iter().enumerate() {
        let id = &item.id;
        if !items.insert(id.as_str()) {
            note(format!("items[{i}]: the id \"{id}\" is used twice"));
        }
        if !sources.contains(item.source.as_str()) {
            note(format!(
                "items[{i}] (id \"{id}\"): source \"{}\" is not in the dataset",
                item.source
            ));
        }
        for e in item.speaker.iter().chain(&item.entities) {
            if !entities.contains(e.as_str()) {
                note(format!(
                    "items[{i}] (id \"{id}\"): entity \"{e}\" is not in the dataset"
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "cannot make a library of this dataset: {}",
            problems.join("; ")
        ))
    }
}
