//! Library commands: new library, a library made from the open JSON dataset, and edits of
//! sources, entities and items (forms, duplicate, delete, quick capture). Each edit is one
//! durable transaction in the library file, mirrored in the open dataset, and one step of
//! the undo history.

use crate::app::document::LoadedDataset;
use crate::app::forms::{EntityForm, Form, ItemForm, SourceForm};
use crate::app::history::Step;
use crate::app::state::{AppState, Dialog};
use crate::report::said_once;
use briefsmith_core::model::{EntityId, ItemId, SourceId};
use briefsmith_library::{Change, Library, LibraryError};
use std::path::Path;

impl AppState {
    /// The open library, when the dataset is one.
    pub fn library(&self) -> Option<&Library> {
        self.doc.dataset.as_ref()?.library()
    }

    /// Creates an empty library at `path` and makes it the draft's dataset.
    pub fn new_library(&mut self, path: &Path) {
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().trim_end_matches(".library").to_owned())
            .unwrap_or_else(|| "Library".into());
        match Library::create(path, &title)
            .map_err(anyhow::Error::from)
            .and_then(LoadedDataset::from_library)
        {
            Ok(loaded) => self.use_library(loaded, format!("Created library {}", path.display())),
            Err(e) => self.error(format!("Cannot create the library: {}", said_once(&e))),
        }
    }

    /// Makes a library at `path` holding the open JSON dataset, and uses it from now on.
    pub fn library_from_dataset(&mut self, path: &Path) {
        let Some(ds) = &self.doc.dataset else {
            self.error("No dataset is open to make a library from");
            return;
        };
        let made = Library::create_from_dataset(path, ds.catalog())
            .map_err(anyhow::Error::from)
            .and_then(LoadedDataset::from_library);
        match made {
            Ok(loaded) => self.use_library(
                loaded,
                format!(
                    "Made library {} from the dataset; edits now go there",
                    path.display()
                ),
            ),
            Err(e) => self.error(format!("Cannot make the library: {}", said_once(&e))),
        }
    }

    fn use_library(&mut self, loaded: LoadedDataset, message: String) {
        self.doc.set_dataset(loaded);
        self.search.reset();
        self.selected_item = None;
        self.history.clear();
        self.info(message);
    }

    /// Applies a library change (one transaction), mirrors it in the open dataset and
    /// records it for undo. Returns whether it was applied.
    pub fn edit_library(&mut self, change: Change) -> bool {
        if self.write_library(&change) {
            self.history.push(Step::Library(Box::new(change)));
            true
        } else {
            false
        }
    }

    /// Applies a library change without recording it (undo and redo use this).
    pub(crate) fn write_library(&mut self, change: &Change) -> bool {
        let Some(ds) = self.doc.dataset.as_mut() else {
            return false;
        };
        if ds.library().is_none() {
            self.error(
                "The dataset is a JSON file: make a library from it (Library menu) to edit it",
            );
            return false;
        }
        if let Err(e) = ds.apply(change) {
            self.error(format!("Not saved in the library: {}", said_once(&e)));
            return false;
        }
        self.search.reset();
        self.doc.dataset_changed();
        true
    }

    /// Runs a library call that builds a change, reporting its error.
    fn build(
        &mut self,
        f: impl FnOnce(&Library) -> Result<Change, LibraryError>,
    ) -> Option<Change> {
        let library = self.library()?;
        match f(library) {
            Ok(change) => Some(change),
            Err(e) => {
                self.error(format!("{e}"));
                None
            }
        }
    }

    /// A fresh id for a new record, e.g. `itm-42`.
    fn fresh_id(&mut self, prefix: &str) -> Option<String> {
        let id = self.library()?.next_id(prefix);
        match id {
            Ok(id) => Some(id),
            Err(e) => {
                self.error(e.to_string());
                None
            }
        }
    }

    /// Opens the form for a new source, entity or item ("src", "ent" or "itm").
    pub fn new_record(&mut self, prefix: &str) {
        if self.library().is_none() {
            self.error("Open or make a library first (Library menu): JSON datasets are read-only");
            return;
        }
        let Some(id) = self.fresh_id(prefix) else {
            return;
        };
        self.form = Some(match prefix {
            "src" => Form::Source(SourceForm::new(id)),
            "ent" => Form::Entity(EntityForm::new(id)),
            _ => Form::Item(ItemForm::new(id, self.capture.source.clone())),
        });
    }

    /// Opens the form to edit the library item `id`.
    pub fn edit_item(&mut self, id: &ItemId) {
        let Some(ds) = &self.doc.dataset else { return };
        if let Some(item) = ds.item(id) {
            self.form = Some(Form::Item(ItemForm::edit(&item, ds.catalog())));
        }
    }

    /// Opens the form to edit a source.
    pub fn edit_source(&mut self, id: &SourceId) {
        if let Some(s) = self
            .doc
            .dataset
            .as_ref()
            .and_then(|d| d.catalog().source(id))
        {
            self.form = Some(Form::Source(SourceForm::edit(s)));
        }
    }

    /// Opens the form to edit an entity.
    pub fn edit_entity(&mut self, id: &EntityId) {
        if let Some(e) = self
            .doc
            .dataset
            .as_ref()
            .and_then(|d| d.catalog().entity(id))
        {
            self.form = Some(Form::Entity(EntityForm::edit(e)));
        }
    }

    /// Saves the open form to the library; the form stays open when that is refused.
    pub fn save_form(&mut self) -> bool {
        let (Some(form), Some(ds)) = (self.form.clone(), self.doc.dataset.as_ref()) else {
            return false;
        };
        let dataset = ds.catalog().clone();
        let Some(change) = self.build(|l| form.change(l, &dataset)) else {
            return false;
        };
        let ok = self.edit_library(change);
        if ok {
            self.form = None;
            if let Form::Item(f) = &form {
                self.select_item_id(&ItemId::new(f.id.trim()));
            }
            self.info(format!("Saved the {} in the library", form.noun()));
        }
        ok
    }

    /// Selects the library item with this id and scrolls the list to it.
    pub fn select_item_id(&mut self, id: &ItemId) {
        self.selected_item = Some(id.clone());
        self.reveal_selected = true;
    }

    /// Duplicates the item `id` right after it, and selects the copy.
    pub fn duplicate_item(&mut self, id: &ItemId) {
        if let Some(change) = self.build(|l| l.duplicate_item(id))
            && let Change::Item {
                after: Some(copy), ..
            } = &change
        {
            let copy = copy.id.clone();
            if self.edit_library(change) {
                self.select_item_id(&copy);
            }
        }
    }

    /// Deletes the item `id`; asks first when the brief cites it (the brief keeps its
    /// snapshot either way).
    pub fn delete_item(&mut self, id: &ItemId) {
        let Some(change) = self.build(|l| l.delete_item(id)) else {
            return;
        };
        if let Some(pos) = self.doc.block_of_item(id) {
            let heading = self.doc.brief().sections[pos.section].heading.clone();
            self.dialog = Some(Dialog::ConfirmDelete {
                change: Box::new(change),
                message: format!(
                    "The brief cites this item under “{heading}”. Delete it from the library \
                     anyway? The brief keeps its copy of the text, marked as no longer in the \
                     library."
                ),
            });
        } else if self.edit_library(change) {
            self.selected_item = None;
        }
    }

    /// Duplicates a source or an entity (by id, with "src"/"ent").
    pub fn duplicate_record(&mut self, kind: &str, id: &str) {
        let change = match kind {
            "src" => self.build(|l| l.duplicate_source(&SourceId::new(id))),
            _ => self.build(|l| l.duplicate_entity(&EntityId::new(id))),
        };
        if let Some(change) = change {
            self.edit_library(change);
        }
    }

    /// Deletes a source or an entity; the library refuses while items use it, saying how many.
    pub fn delete_record(&mut self, kind: &str, id: &str) {
        let change = match kind {
            "src" => self.build(|l| l.delete_source(&SourceId::new(id))),
            _ => self.build(|l| l.delete_entity(&EntityId::new(id))),
        };
        if let Some(change) = change {
            self.edit_library(change);
        }
    }

    /// Turns the quick-capture passage into a fact of the chosen source, with the proposed
    /// entities kept, and selects it; the passage is cleared for the next one.
    pub fn capture_item(&mut self) -> bool {
        if self.capture.source.is_none() {
            self.error("Choose the source the passage comes from first");
            return false;
        }
        let Some(id) = self.fresh_id("itm") else {
            return false;
        };
        let Some(item) = self.capture.item(id) else {
            self.error("Type or paste the passage first");
            return false;
        };
        let id = item.id.clone();
        let Some(change) = self.build(|l| l.put_item(item)) else {
            return false;
        };
        if self.edit_library(change) {
            self.capture.text.clear();
            self.select_item_id(&id);
            true
        } else {
            false
        }
    }
}
