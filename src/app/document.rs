//! The open draft: its file, the editor holding the brief (all changes go through it, so
//! undo covers everything), and the dataset it was composed from.

use crate::app::library::LibraryIndex;
use anyhow::Context as _;
use briefsmith_checks::{Report, Rules};
use briefsmith_core::compose::{BlockPos, ComposeError, Edit, Editor};
use briefsmith_core::model::{Block, Brief, Dataset, Item, ItemId};
use briefsmith_core::store;
use briefsmith_library::{Change, Library, is_library_file};
use std::cell::{Cell, RefCell};
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

/// The dataset of an open draft: its catalog in memory, its items in memory (a JSON
/// dataset) or in the library file, read as needed.
pub struct LoadedDataset {
    /// Title, sources and entities (a library has few), and a JSON dataset's items. A
    /// library's items are never all read: see [`LoadedDataset::item`] and
    /// [`LoadedDataset::cited`].
    catalog: Arc<Dataset>,
    items: Items,
    /// Where it was read from; `None` for the embedded sample.
    pub path: Option<PathBuf>,
    /// Fingerprint of its state (a JSON file's hash, a library's id and revision),
    /// recorded in the draft when saved.
    pub fingerprint: String,
    pub embedded: Option<EmbeddedDataset>,
    /// The items a brief cites, as last read.
    cited: RefCell<Option<Cited>>,
    /// The number of items, once counted.
    count: Cell<Option<u64>>,
}

/// A brief's cited items read from the dataset, with the dataset's fingerprint and the
/// ids they were read for.
type Cited = (String, Vec<ItemId>, Arc<Dataset>);

/// Where a dataset's items are.
pub enum Items {
    /// In the catalog, with a search index over them (a JSON dataset, read-only here).
    Memory(LibraryIndex),
    /// In a library file, open for queries and edits.
    Library(Library),
}

impl LoadedDataset {
    /// Indexes a dataset read from `path` (or embedded, when `path` is `None`).
    pub fn new(dataset: Dataset, fingerprint: String, path: Option<PathBuf>) -> Self {
        let index = LibraryIndex::build(&dataset);
        Self::of(dataset, Items::Memory(index), fingerprint, path)
    }

    fn of(catalog: Dataset, items: Items, fingerprint: String, path: Option<PathBuf>) -> Self {
        LoadedDataset {
            catalog: Arc::new(catalog),
            items,
            path,
            fingerprint,
            embedded: None,
            cited: RefCell::new(None),
            count: Cell::new(None),
        }
    }

    /// Reads the dataset at `path`: a JSON dataset (indexed in memory), or a library (kept
    /// open, its items read by query).
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        if is_library_file(path) {
            return Self::from_library(Library::open(path)?);
        }
        let (dataset, fingerprint) = store::load_json_dataset(path)?;
        Ok(Self::new(dataset, fingerprint, Some(path.to_owned())))
    }

    /// Uses an open library: its catalog is read, its items stay in the file.
    pub fn from_library(library: Library) -> anyhow::Result<Self> {
        let catalog = library.catalog()?;
        let fingerprint = library.fingerprint()?;
        let path = Some(library.path().to_owned());
        Ok(Self::of(
            catalog,
            Items::Library(library),
            fingerprint,
            path,
        ))
    }

    /// Title, sources and entities; a library's catalog has no items (read them with
    /// [`LoadedDataset::item`]).
    pub fn catalog(&self) -> &Arc<Dataset> {
        &self.catalog
    }

    /// Where the items are.
    pub fn items(&self) -> &Items {
        &self.items
    }

    /// The library file, when the dataset is one.
    pub fn library(&self) -> Option<&Library> {
        match &self.items {
            Items::Library(library) => Some(library),
            Items::Memory(_) => None,
        }
    }

    /// The item with this id, if the dataset has it. A library read that fails counts as
    /// not found; the library pane shows the failure of its own reads.
    pub fn item(&self, id: &ItemId) -> Option<Item> {
        match &self.items {
            Items::Memory(index) => index
                .position(id)
                .and_then(|i| self.catalog.items.get(i))
                .cloned(),
            Items::Library(library) => library.item(id).ok().flatten(),
        }
    }

    /// How many items the dataset has.
    pub fn item_count(&self) -> u64 {
        if let Some(n) = self.count.get() {
            return n;
        }
        let n = match &self.items {
            Items::Memory(_) => self.catalog.items.len() as u64,
            Items::Library(library) => library.item_count().unwrap_or(0),
        };
        self.count.set(Some(n));
        n
    }

    /// The catalog with the items `brief` cites (as blocks or as a judgment's support) that
    /// the dataset still has: all the templates, checks and marks read of a dataset. Read
    /// again only when the cited ids or the dataset changed.
    pub fn cited(&self, brief: &Brief) -> Arc<Dataset> {
        let ids = brief.cited_items();
        if let Some((fingerprint, cached, dataset)) = &*self.cited.borrow()
            && *fingerprint == self.fingerprint
            && *cached == ids
        {
            return dataset.clone();
        }
        let items = match &self.items {
            Items::Library(library) => library.items(&ids).unwrap_or_default(),
            Items::Memory(_) => ids.iter().filter_map(|id| self.item(id)).collect(),
        };
        let dataset = Arc::new(Dataset {
            items,
            ..self.catalog_only()
        });
        *self.cited.borrow_mut() = Some((self.fingerprint.clone(), ids, dataset.clone()));
        dataset
    }

    /// The catalog without any items.
    fn catalog_only(&self) -> Dataset {
        let c = &self.catalog;
        Dataset {
            schema: c.schema.clone(),
            title: c.title.clone(),
            description: c.description.clone(),
            sources: c.sources.clone(),
            entities: c.entities.clone(),
            items: Vec::new(),
        }
    }

    /// Applies `change` to the library (one transaction) and brings the catalog in line
    /// with it: sources, entities or details re-read; items are read by query anyway.
    pub fn apply(&mut self, change: &Change) -> anyhow::Result<()> {
        let Items::Library(library) = &mut self.items else {
            anyhow::bail!(
                "the dataset is a JSON file: make a library from it (Library menu) to edit it"
            );
        };
        library.apply(change)?;
        self.count.set(None);
        let catalog = Arc::make_mut(&mut self.catalog);
        match change {
            Change::Details { after, .. } => {
                catalog.title = after.title.clone();
                catalog.description = after.description.clone();
            }
            Change::Source { .. } => catalog.sources = library.sources()?,
            Change::Entity { .. } => catalog.entities = library.entities()?,
            Change::Item { .. } => {}
            Change::Batch(_) => *catalog = library.catalog()?,
        }
        self.fingerprint = library.fingerprint()?;
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

/// What a brief's cited items were looked up for: the editor's revision and the dataset's
/// fingerprint.
type CitedFor = (u64, String);

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
    /// The cited items as last looked up, for (editor revision, dataset fingerprint).
    cited_cache: RefCell<Option<(CitedFor, Arc<Dataset>)>>,
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
            cited_cache: RefCell::new(None),
            picked_cache: (u64::MAX, HashSet::new()),
            dataset_generation: 0,
            checks_cache: ((u64::MAX, 0, Rules::default()), Report::default()),
        }
    }

    /// Opens the draft at `path` and its dataset; a missing dataset only adds a warning,
    /// the brief still shows from its snapshots.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        // A library's items stay in its file: only its catalog is read here.
        let opened = store::open_draft_with(path, briefsmith_library::load_dataset_for)?;
        let mut warnings = opened.warnings;
        let dataset = opened.dataset.and_then(|catalog| {
            let path = Some(opened.dataset_path.clone());
            if !is_library_file(&opened.dataset_path) {
                return Some(LoadedDataset::new(
                    catalog,
                    opened.dataset_fingerprint,
                    path,
                ));
            }
            match Library::open(&opened.dataset_path) {
                // The loader read the cited items too (to count drifted ones); the pane and
                // `cited` read items from the library itself.
                Ok(library) => Some(LoadedDataset::of(
                    Dataset {
                        items: Vec::new(),
                        ..catalog
                    },
                    Items::Library(library),
                    opened.dataset_fingerprint,
                    path,
                )),
                Err(e) => {
                    warnings.push(format!("The library cannot be opened: {e}"));
                    None
                }
            }
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

    /// The dataset's catalog with the items the brief cites ([`LoadedDataset::cited`]);
    /// looked up again only when the brief or the dataset changed.
    pub fn cited(&self) -> Option<Arc<Dataset>> {
        let ds = self.dataset.as_ref()?;
        let key = (self.editor.revision(), ds.fingerprint.clone());
        if let Some((k, cited)) = &*self.cited_cache.borrow()
            && *k == key
        {
            return Some(cited.clone());
        }
        let cited = ds.cited(self.editor.brief());
        *self.cited_cache.borrow_mut() = Some((key, cited.clone()));
        Some(cited)
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
            let cited = self.cited();
            let index = cited.as_deref().map(Dataset::index);
            let report = briefsmith_checks::check(self.editor.brief(), index.as_ref(), &key.2);
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
            let stale = match self.cited() {
                Some(cited) => self
                    .editor
                    .brief()
                    .drifted_blocks(&cited.index())
                    .into_iter()
                    .map(|(pos, _)| (pos.section, pos.index))
                    .collect(),
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
