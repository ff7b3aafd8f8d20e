//! The open draft: its file, the editor holding the brief (all changes go through it, so
//! undo covers everything), and the dataset it was composed from.

use crate::app::checks::AppLookup;
use crate::app::library::LibraryIndex;
use anyhow::Context as _;
use briefsmith_checks::{Report, Rules};
use briefsmith_core::compose::{BlockPos, ComposeError, Edit, Editor};
use briefsmith_core::model::{Block, Brief, Dataset, ItemId};
use briefsmith_core::store;
use briefsmith_library::{Change, Library, is_library_file};
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

/// A dataset that lives inside the program (the bundled sample) rather than on disk.
#[derive(Clone)]
pub struct EmbeddedDataset {
    /// File name to write it under, next to a draft saved for the first time.
    pub file_name: &'static str,
    /// The file's bytes.
    pub bytes: &'static [u8],
}

/// The dataset of an open draft with its search index.
pub struct LoadedDataset {
    /// The dataset as read.
    pub dataset: Arc<Dataset>,
    /// Its search index.
    pub index: Arc<LibraryIndex>,
    /// Where it was read from; `None` for the embedded sample.
    pub path: Option<PathBuf>,
    /// Fingerprint of its state (a JSON file's hash, a library's id and revision),
    /// recorded in the draft when saved.
    pub fingerprint: String,
    pub embedded: Option<EmbeddedDataset>,
    /// The library file the dataset is kept in, open for edits; `None` for a JSON dataset.
    pub library: Option<Library>,
}

impl LoadedDataset {
    /// Indexes a dataset read from `path` (or embedded, when `path` is `None`).
    pub fn new(dataset: Dataset, fingerprint: String, path: Option<PathBuf>) -> Self {
        let index = LibraryIndex::build(&dataset);
        LoadedDataset {
            dataset: Arc::new(dataset),
            index: Arc::new(index),
            path,
            fingerprint,
            embedded: None,
            library: None,
        }
    }

    /// Reads and indexes the dataset at `path`: a JSON dataset, or a library (kept open
    /// for edits).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        if is_library_file(path) {
            return Self::from_library(Library::open(path)?);
        }
        let (dataset, fingerprint) = store::load_json_dataset(path)?;
        Ok(Self::new(dataset, fingerprint, Some(path.to_owned())))
    }

    /// Reads and indexes an open library's dataset, keeping the library for edits.
    pub fn from_library(library: Library) -> anyhow::Result<Self> {
        let mut loaded = Self::new(
            library.to_dataset()?,
            library.fingerprint()?,
            Some(library.path().to_owned()),
        );
        loaded.library = Some(library);
        Ok(loaded)
    }

    /// Brings the in-memory dataset in line with `change`, just applied to the library:
    /// one item edited, added or deleted in place; sources and entities re-read (a
    /// library has few); anything larger re-read whole. Then the index is rebuilt.
    pub fn mirror(&mut self, change: &Change) -> anyhow::Result<()> {
        let Some(library) = &self.library else {
            return Ok(());
        };
        let dataset = Arc::make_mut(&mut self.dataset);
        let index = Arc::make_mut(&mut self.index);
        let mut rebuild = true;
        match change {
            Change::Details { after, .. } => {
                dataset.title = after.title.clone();
                dataset.description = after.description.clone();
            }
            Change::Source { .. } => dataset.sources = library.sources()?,
            Change::Entity { .. } => {
                // A renamed entity changes the search text of its items too.
                dataset.entities = library.entities()?;
            }
            Change::Item {
                position,
                before,
                after,
            } => {
                // One item: the index follows by splicing, not by a rebuild.
                rebuild = false;
                match (
                    before,
                    after,
                    before.as_ref().and_then(|b| index.position(&b.id)),
                ) {
                    (Some(old), Some(new), Some(i)) if old.id == new.id => {
                        dataset.items[i] = new.clone();
                        index.replace(dataset, i);
                    }
                    (old, new, at) => {
                        if let (Some(old), Some(i)) = (old, at) {
                            dataset.items.remove(i);
                            index.remove(&old.id, i);
                        }
                        if let Some(new) = new {
                            let at = library.item_index(*position)?.min(dataset.items.len());
                            dataset.items.insert(at, new.clone());
                            index.insert(dataset, at);
                        }
                    }
                }
            }
            Change::Batch(_) => *dataset = library.to_dataset()?,
        }
        self.fingerprint = library.fingerprint()?;
        if rebuild {
            self.index = Arc::new(LibraryIndex::build(&self.dataset));
        }
        Ok(())
    }
}

/// Whether the bundled sample must be written at `target`: it is missing, or a partial
/// copy (a start of it, as an interrupted plain write left); any other file is the
/// user's and is kept.
fn needs_sample_written(target: &Path, sample: &[u8]) -> bool {
    match store::read_bounded(target, store::DATASET_LIMIT) {
        Ok(bytes) => bytes.len() < sample.len() && sample.starts_with(&bytes),
        Err(store::LoadError::Io { source, .. }) => source.kind() == std::io::ErrorKind::NotFound,
        Err(_) => false,
    }
}

/// The draft being edited.
pub struct Document {
    /// The draft's file; `None` until an untitled draft is first saved.
    pub path: Option<PathBuf>,
    editor: Editor,
    /// The dataset, when it could be read.
    pub dataset: Option<LoadedDataset>,
    /// Problems met while opening (missing dataset, changed fingerprint), shown to the user.
    pub warnings: Vec<String>,
    /// The name shown for a draft never saved.
    pub untitled_name: String,
    /// Set when the draft changed outside the editor (restored from a recovery file, its
    /// dataset replaced): unsaved although the editor is clean.
    changed_outside: bool,
    stale_cache: (u64, HashSet<(usize, usize)>),
    picked_cache: (u64, HashSet<ItemId>),
    /// Counts changes to the dataset's content, so views derived from it know to redo.
    dataset_generation: u64,
    /// The last check run: (editor revision, dataset generation, rules) and its findings.
    checks_cache: ((u64, u64, Rules), Report),
}

impl Document {
    /// A document for `brief`, unsaved unless `path` is given.
    pub fn new(brief: Brief, path: Option<PathBuf>, dataset: Option<LoadedDataset>) -> Self {
        Document {
            path,
            editor: Editor::new(brief),
            dataset,
            warnings: Vec::new(),
            untitled_name: "Untitled brief".to_owned(),
            changed_outside: false,
            stale_cache: (u64::MAX, HashSet::new()),
            picked_cache: (u64::MAX, HashSet::new()),
            dataset_generation: 0,
            checks_cache: ((u64::MAX, 0, Rules::default()), Report::default()),
        }
    }

    /// Opens the draft at `path` and its dataset; a missing dataset only adds a warning,
    /// the brief still shows from its snapshots.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let opened = store::open_draft_with(path, briefsmith_library::load_dataset_any)?;
        let mut warnings = opened.warnings;
        let dataset = opened.dataset.map(|ds| {
            let mut loaded = LoadedDataset::new(
                ds,
                opened.dataset_fingerprint,
                Some(opened.dataset_path.clone()),
            );
            if is_library_file(&opened.dataset_path) {
                match Library::open(&opened.dataset_path) {
                    Ok(library) => loaded.library = Some(library),
                    Err(e) => warnings.push(format!("The library cannot be edited: {e}")),
                }
            }
            loaded
        });
        let mut doc = Document::new(opened.brief, Some(path.to_owned()), dataset);
        doc.warnings = warnings;
        Ok(doc)
    }

    /// The brief as it stands.
    pub fn brief(&self) -> &Brief {
        self.editor.brief()
    }

    /// The editor, for undo state and revision.
    pub fn editor(&self) -> &Editor {
        &self.editor
    }

    /// Applies one edit to the brief (undoable).
    pub fn apply(&mut self, edit: Edit) -> Result<(), ComposeError> {
        self.editor.apply(edit)
    }

    /// Undoes the last edit; false when there was none.
    pub fn undo(&mut self) -> bool {
        self.editor.undo()
    }

    /// Redoes the last undone edit; false when there was none.
    pub fn redo(&mut self) -> bool {
        self.editor.redo()
    }

    /// Ends a run of typing, so the next keystroke in the same field is its own undo step.
    pub fn end_typing(&mut self) {
        self.editor.end_typing();
    }

    /// Whether there are changes not yet saved to the draft file.
    pub fn is_modified(&self) -> bool {
        self.changed_outside || self.editor.is_modified()
    }

    /// Marks the draft as changed outside the editor (restored from a recovery file):
    /// unsaved until saved.
    pub fn mark_changed(&mut self) {
        self.changed_outside = true;
    }

    /// The file name shown in the title bar.
    pub fn display_name(&self) -> String {
        self.path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.untitled_name.clone())
    }

    /// The folder that relative paths in the brief (images, dataset) are resolved against.
    pub fn base_dir(&self) -> Option<PathBuf> {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    /// The brief as it should be written to `draft`: the dataset reference points at the
    /// dataset's file relative to the draft's folder, with the fingerprint of its bytes.
    pub fn brief_for_file(&self, draft: &Path) -> Brief {
        let mut brief = self.editor.brief().clone();
        if let Some(ds) = &self.dataset {
            let dir = draft.parent().unwrap_or(Path::new("."));
            let ds_path = match (&ds.path, &ds.embedded) {
                (Some(p), _) => Some(p.clone()),
                (None, Some(e)) => Some(dir.join(e.file_name)),
                (None, None) => None,
            };
            if let Some(p) = ds_path {
                brief.dataset.path = relative_path(dir, &p);
                brief.dataset.fingerprint = ds.fingerprint.clone();
            }
        }
        brief
    }

    /// Saves the draft to `path` (atomically, keeping a backup), writing an embedded
    /// dataset beside it the first time, and removes the now outdated recovery file.
    /// Returns the dataset file it wrote, if it wrote one.
    pub fn save_to(&mut self, path: &Path) -> anyhow::Result<Option<PathBuf>> {
        let mut wrote_dataset = None;
        if let Some(ds) = &mut self.dataset
            && ds.path.is_none()
            && let Some(embedded) = &ds.embedded
        {
            let target = path
                .parent()
                .unwrap_or(Path::new("."))
                .join(embedded.file_name);
            if needs_sample_written(&target, embedded.bytes) {
                store::write_atomic(&target, embedded.bytes, false)
                    .with_context(|| format!("{}: cannot write dataset", target.display()))?;
                wrote_dataset = Some(target.clone());
            }
            ds.path = Some(target);
        }
        let brief = self.brief_for_file(path);
        let saved = store::save_brief(path, &brief)?;
        if let Some(w) = saved.warning()
            && !self.warnings.contains(&w)
        {
            self.warnings.push(w);
        }
        let _ = std::fs::remove_file(store::recovery_path(path));
        self.editor.mark_saved();
        self.changed_outside = false;
        self.path = Some(path.to_owned());
        Ok(wrote_dataset)
    }

    /// Replaces the dataset (File ▸ Open dataset); the brief keeps its snapshots.
    pub fn set_dataset(&mut self, dataset: LoadedDataset) {
        self.dataset = Some(dataset);
        self.stale_cache.0 = u64::MAX;
        self.dataset_generation += 1;
        self.warnings.clear();
        // The draft now names another dataset: that is a change to save.
        self.changed_outside = true;
    }

    /// Where the brief cites the item `id` as a block of its own, if it does.
    pub fn block_of_item(&self, id: &ItemId) -> Option<BlockPos> {
        self.editor
            .brief()
            .sections
            .iter()
            .enumerate()
            .find_map(|(s, section)| {
                section
                    .blocks
                    .iter()
                    .position(|b| matches!(b, Block::Item(r) if r.item == *id))
                    .map(|i| BlockPos::new(s, i))
            })
    }

    /// The ids of the items the brief cites as blocks; recomputed only when the brief changes.
    pub fn picked_items(&mut self) -> &HashSet<ItemId> {
        let revision = self.editor.revision();
        if self.picked_cache.0 != revision {
            let picked = self
                .editor
                .brief()
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter_map(|b| match b {
                    Block::Item(r) => Some(r.item.clone()),
                    _ => None,
                })
                .collect();
            self.picked_cache = (revision, picked);
        }
        &self.picked_cache.1
    }

    /// The dataset's content changed (a library edit): views derived from it are redone.
    pub fn dataset_changed(&mut self) {
        self.stale_cache.0 = u64::MAX;
        self.dataset_generation += 1;
    }

    /// The tradecraft findings for the brief as it stands under `rules`; recomputed only
    /// when the brief, the dataset or the rules changed.
    pub fn checks(&mut self, rules: Rules) -> &Report {
        let key = (self.editor.revision(), self.dataset_generation, rules);
        if self.checks_cache.0 != key {
            let lookup = self.dataset.as_ref().map(AppLookup::new);
            let dataset = lookup.as_ref().map(|l| l as &dyn briefsmith_checks::Lookup);
            let report = briefsmith_checks::check(self.editor.brief(), dataset, &key.2);
            self.checks_cache = (key, report);
        }
        &self.checks_cache.1
    }

    /// Blocks whose item changed in the dataset, or left it, since it was picked, as
    /// (section, index): the checks' drift test, so the marker and the `item.changed` /
    /// `item.gone` findings never disagree. Recomputed only when the brief changes.
    pub fn stale_blocks(&mut self) -> &HashSet<(usize, usize)> {
        let revision = self.editor.revision();
        if self.stale_cache.0 != revision {
            let stale = match &self.dataset {
                Some(ds) => {
                    briefsmith_checks::drifted_blocks(self.editor.brief(), &AppLookup::new(ds))
                        .into_iter()
                        .map(|(pos, _)| (pos.section, pos.index))
                        .collect()
                }
                None => HashSet::new(),
            };
            self.stale_cache = (revision, stale);
        }
        &self.stale_cache.1
    }
}

/// `target` relative to the folder `base`, with `/` separators; absolute when they share
/// no root (another drive).
pub fn relative_path(base: &Path, target: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (base, target) = (abs(base), abs(target));
    let b: Vec<Component> = base.components().collect();
    let t: Vec<Component> = target.components().collect();
    if b.first() != t.first() {
        return target.to_string_lossy().into_owned();
    }
    let common = b.iter().zip(&t).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); b.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative_path;
    use std::path::Path;

    #[test]
    fn relative_paths_walk_up_and_down() {
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/b/x.json")),
            "x.json"
        );
        assert_eq!(
            relative_path(Path::new("/a/b"), Path::new("/a/c/x.json")),
            "../c/x.json"
        );
    }
}
