//! The open draft: its file, the editor holding the brief (all changes go through it, so
//! undo covers everything), and the dataset it was composed from.

use crate::app::library::LibraryIndex;
use anyhow::Context as _;
use briefsmith_core::compose::{ComposeError, Edit, Editor};
use briefsmith_core::model::{Block, Brief, Dataset, ItemSnapshot};
use briefsmith_core::store;
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
    /// Fingerprint of the file's bytes, recorded in the draft when saved.
    pub fingerprint: String,
    pub embedded: Option<EmbeddedDataset>,
}

impl LoadedDataset {
    /// Indexes a dataset read from `path` (or embedded, when `path` is `None`).
    pub fn new(dataset: Dataset, bytes: &[u8], path: Option<PathBuf>) -> Self {
        let index = LibraryIndex::build(&dataset);
        LoadedDataset {
            dataset: Arc::new(dataset),
            index: Arc::new(index),
            path,
            fingerprint: store::fingerprint(bytes),
            embedded: None,
        }
    }

    /// Reads and indexes the dataset file at `path`.
    pub fn load(path: &Path) -> anyhow::Result<Self> {
        let bytes =
            std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let dataset = store::parse_dataset(&bytes, path)?;
        Ok(Self::new(dataset, &bytes, Some(path.to_owned())))
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
    /// Set when the brief came from a recovery file: unsaved although the editor is clean.
    restored: bool,
    stale_cache: (u64, HashSet<(usize, usize)>),
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
            restored: false,
            stale_cache: (u64::MAX, HashSet::new()),
        }
    }

    /// Opens the draft at `path` and its dataset; a missing dataset only adds a warning,
    /// the brief still shows from its snapshots.
    pub fn open(path: &Path) -> anyhow::Result<Self> {
        let opened = store::open_draft(path)?;
        let dataset = match opened.dataset {
            Some(ds) => {
                let bytes = std::fs::read(&opened.dataset_path).unwrap_or_default();
                Some(LoadedDataset::new(
                    ds,
                    &bytes,
                    Some(opened.dataset_path.clone()),
                ))
            }
            None => None,
        };
        let mut doc = Document::new(opened.brief, Some(path.to_owned()), dataset);
        doc.warnings = opened.warnings;
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
        self.restored || self.editor.is_modified()
    }

    /// Marks the brief as restored from a recovery file: unsaved until saved.
    pub fn mark_restored(&mut self) {
        self.restored = true;
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
    pub fn save_to(&mut self, path: &Path) -> anyhow::Result<()> {
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
        self.restored = false;
        self.path = Some(path.to_owned());
        Ok(())
    }

    /// Replaces the dataset (File ▸ Open dataset); the brief keeps its snapshots.
    pub fn set_dataset(&mut self, dataset: LoadedDataset) {
        self.dataset = Some(dataset);
        self.stale_cache.0 = u64::MAX;
        self.warnings.clear();
    }

    /// Blocks whose item changed in the dataset since it was picked, as (section, index).
    /// Recomputed only when the brief changes.
    pub fn stale_blocks(&mut self) -> &HashSet<(usize, usize)> {
        let revision = self.editor.revision();
        if self.stale_cache.0 != revision {
            let mut stale = HashSet::new();
            if let Some(ds) = &self.dataset {
                for (s, section) in self.editor.brief().sections.iter().enumerate() {
                    for (b, block) in section.blocks.iter().enumerate() {
                        if let Block::Item(r) = block
                            && let Some(item) = ds
                                .index
                                .position(&r.item)
                                .and_then(|i| ds.dataset.items.get(i))
                            && ItemSnapshot::capture(&ds.dataset, item) != r.snapshot
                        {
                            stale.insert((s, b));
                        }
                    }
                }
            }
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
