//! Everything the app knows apart from its widgets: the open draft, the library search,
//! selections, dialogs, messages and background work. Tests and benchmarks drive it directly.

use crate::app::autosave::Autosaver;
use crate::app::document::{Document, LoadedDataset};
use crate::app::forms::{Capture, Form};
use crate::app::history::{History, Step};
use crate::app::jobs::Jobs;
use crate::app::library::Search;
use crate::app::preview::Preview;
use crate::report::said_once;
use briefsmith_core::compose::{BlockPos, Edit};
use briefsmith_core::model::{
    Block, BriefMeta, ItemId, ItemRef, ItemSnapshot, Judgment, TextBlock,
};
use briefsmith_template::Registry;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// How soon after an edit the draft is written to its recovery file (and at most how
/// often while the user keeps typing): a kill loses at most this much work.
pub const AUTOSAVE_INTERVAL: Duration = Duration::from_secs(1);

/// What the app opens on start.
#[derive(Debug, Clone)]
pub enum Startup {
    /// The bundled sample dataset and draft.
    Sample,
    /// A draft file and the dataset it names.
    Draft(PathBuf),
}

/// Settings fixed when the app starts; tests inject temporary folders here.
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// What opens first.
    pub startup: Startup,
    /// Where untitled drafts keep their recovery file and dialogs start.
    pub data_dir: PathBuf,
    /// Use the system's file dialogs (off in tests and CI, or when none is available).
    pub native_dialogs: bool,
    /// Save a screenshot of the window here after a few frames, then quit.
    pub screenshot: Option<PathBuf>,
    /// A folder of templates that replace or add to the built-in ones (`--templates`).
    pub templates_dir: Option<PathBuf>,
}

impl AppOptions {
    /// Options for a normal run: the platform's data folder, native dialogs unless the
    /// environment variable `BRIEFSMITH_NO_NATIVE_DIALOGS` is set to a non-empty value
    /// other than `0`.
    pub fn from_env(startup: Startup) -> Self {
        let data_dir = directories::ProjectDirs::from("org", "Briefsmith", "Briefsmith")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(std::env::temp_dir);
        let no_dialogs =
            std::env::var("BRIEFSMITH_NO_NATIVE_DIALOGS").is_ok_and(|v| !v.is_empty() && v != "0");
        AppOptions {
            native_dialogs: !no_dialogs,
            ..Self::headless(startup, data_dir)
        }
    }

    /// Options for a run with nobody at the window (tests, benchmarks): `data_dir` for
    /// recovery files, no native dialogs, no screenshot, the built-in templates.
    pub fn headless(startup: Startup, data_dir: PathBuf) -> Self {
        AppOptions {
            startup,
            data_dir,
            native_dialogs: false,
            screenshot: None,
            templates_dir: None,
        }
    }
}

/// A message shown in the corner of the window for a while.
#[derive(Debug, Clone)]
pub struct Toast {
    /// The message, readable as is.
    pub text: String,
    /// Errors are outlined in red and stay longer.
    pub error: bool,
    /// When it goes away, in seconds of the UI clock ([`AppState::now`]).
    pub until: f64,
}

/// The files an article can be imported from.
pub const IMPORT_EXTENSIONS: [&str; 7] = ["html", "htm", "txt", "md", "pdf", "docx", "xhtml"];

/// What a path prompt or file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    OpenDraft,
    SaveAs,
    ExportMarkdown,
    ExportPdf,
    ExportDocx,
    OpenDataset,
    NewLibrary,
    LibraryFromDataset,
    ImportArticle,
}

impl PathPurpose {
    /// The dialog's title and button text.
    pub fn title(self) -> &'static str {
        match self {
            PathPurpose::OpenDraft => "Open draft",
            PathPurpose::SaveAs => "Save draft as",
            PathPurpose::ExportMarkdown => "Export Markdown",
            PathPurpose::ExportPdf => "Export PDF",
            PathPurpose::ExportDocx => "Export Word",
            PathPurpose::OpenDataset => "Open dataset or library",
            PathPurpose::NewLibrary => "New library",
            PathPurpose::LibraryFromDataset => "Make a library from this dataset",
            PathPurpose::ImportArticle => "Import article",
        }
    }

    /// The file extensions the dialog lists.
    pub fn extensions(self) -> Vec<&'static str> {
        match self {
            PathPurpose::OpenDraft | PathPurpose::SaveAs => vec!["json"],
            PathPurpose::OpenDataset => vec!["json", "bslib"],
            PathPurpose::NewLibrary | PathPurpose::LibraryFromDataset => vec!["bslib"],
            PathPurpose::ExportMarkdown => vec!["md"],
            PathPurpose::ExportPdf => vec!["pdf"],
            PathPurpose::ExportDocx => vec!["docx"],
            PathPurpose::ImportArticle => IMPORT_EXTENSIONS.to_vec(),
        }
    }

    /// Whether the dialog picks a file to write (rather than to read).
    pub fn is_save(self) -> bool {
        matches!(
            self,
            PathPurpose::SaveAs
                | PathPurpose::ExportMarkdown
                | PathPurpose::ExportPdf
                | PathPurpose::ExportDocx
                | PathPurpose::NewLibrary
                | PathPurpose::LibraryFromDataset
        )
    }
}

/// Something that replaces or closes the draft, so it first asks about unsaved changes.
#[derive(Debug, Clone)]
pub enum Replace {
    Open(PathBuf),
    NewFromTemplate(String),
    Quit,
}

/// A dialog in front of the window that must be answered first.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// The draft has unsaved changes and `then` would drop them.
    UnsavedChanges { then: Replace },
    /// A recovery file newer than the draft was found.
    Restore {
        recovery: PathBuf,
        /// When it was written, e.g. "2 minutes ago".
        written: String,
        /// What it changes against the brief as opened, one line each.
        changes: Vec<String>,
    },
    /// Deleting a library record the brief uses: asks first.
    ConfirmDelete {
        message: String,
        change: Box<briefsmith_library::Change>,
    },
    /// The user's defaults for new briefs, being edited.
    Preferences(Preferences),
    /// The in-app replacement for a file dialog.
    PathPrompt {
        purpose: PathPurpose,
        browser: crate::app::browser::Browser,
    },
    /// An export asked for while tradecraft checks report open errors: asks first.
    ExportWithErrors {
        format: crate::app::jobs::ExportFormat,
        path: PathBuf,
        errors: usize,
    },
}

/// The user's own defaults for new briefs (Edit ▸ Preferences), kept between sessions.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub author: String,
    pub organisation: String,
    pub audience: String,
}

/// The pane shown in the tabbed area when the window is too narrow for all three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    Library,
    #[default]
    Brief,
    Preview,
}

/// The pane that plain keys (arrows, Enter, Delete) act on, set by the last click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// ↑/↓ walk the library's results, Enter adds the selected item.
    #[default]
    Library,
    /// ↑/↓ walk the brief's blocks, Delete removes the selected one.
    Brief,
}

/// The app's state.
pub struct AppState {
    /// How the app was started.
    pub options: AppOptions,
    /// The open draft.
    pub doc: Document,
    /// The templates offered (built-in, user folder, `--templates`).
    pub templates: Arc<Registry>,
    /// The library's search text, filters and results.
    pub search: Search,
    /// The library item shown in the detail view.
    pub selected_item: Option<ItemId>,
    /// The brief block that keyboard commands act on.
    pub selected_block: Option<BlockPos>,
    /// Where plain keys go: the library or the brief.
    pub keyboard_pane: Pane,
    /// The pane shown in the tabbed area of a narrow window.
    pub tab: Tab,
    /// Set when the library selection moved by keyboard: the list scrolls to show it.
    pub reveal_selected: bool,
    /// The library row that had the keyboard focus in the last frame, if one did.
    pub focused_row: Option<egui::Id>,
    /// The dialog that must be answered first, if any.
    pub dialog: Option<Dialog>,
    /// Messages in the window's corner.
    pub toasts: Vec<Toast>,
    /// Recently opened or saved drafts, newest first.
    pub recent: Vec<PathBuf>,
    /// The user's defaults for new briefs.
    pub prefs: Preferences,
    /// Exports under way.
    pub jobs: Jobs,
    /// The page preview.
    pub preview: Preview,
    /// Set by Ctrl+F: the search field takes focus on the next frame.
    pub focus_search: bool,
    /// The user confirmed quitting; the next close request goes through.
    pub quit_confirmed: bool,
    /// The UI clock in seconds (egui's input time), set every frame.
    pub now: f64,
    /// When the recovery file was last queued for writing (UI clock) and at which revision.
    pub(crate) autosave: (f64, u64),
    /// Writes recovery files off the UI thread.
    pub(crate) autosaver: Autosaver,
    /// Undo and redo across the brief and the library.
    pub(crate) history: History,
    /// The library record being edited in a form, if any.
    pub form: Option<Form>,
    /// Whether the window listing the library's sources and entities is open.
    pub show_records: bool,
    /// Quick capture: a passage typed or pasted, turned into an item in two keystrokes.
    pub capture: Capture,
    /// A releasable export's ceiling, typed in the brief's details (e.g. `C`); empty for
    /// the whole brief. Not part of the draft: each export says what it is.
    pub release_at: String,
    /// The article under review in the import window, if any.
    pub import: Option<crate::app::import::ImportReview>,
    /// The box an article is pasted into for import, while it is open.
    pub paste: Option<crate::app::import::PasteBox>,
    /// The tradecraft checks: rules in force, the Checks window, acknowledging.
    pub checks: crate::app::checks::ChecksState,
}

impl AppState {
    /// The templates on offer as (name, description), owned, so a menu can list them while
    /// it edits the state.
    pub fn template_choices(&self) -> Vec<(String, String)> {
        self.templates
            .templates()
            .map(|t| (t.name().to_owned(), t.manifest.description.clone()))
            .collect()
    }

    /// State for a document; nothing is read from disk here.
    pub fn new(options: AppOptions, doc: Document) -> Self {
        AppState {
            options,
            doc,
            templates: Arc::new(Registry::builtin()),
            search: Search::default(),
            selected_item: None,
            selected_block: None,
            keyboard_pane: Pane::default(),
            tab: Tab::default(),
            reveal_selected: false,
            focused_row: None,
            dialog: None,
            toasts: Vec::new(),
            recent: Vec::new(),
            prefs: Preferences::default(),
            jobs: Jobs::default(),
            preview: Preview::default(),
            focus_search: false,
            quit_confirmed: false,
            now: 0.0,
            autosave: (0.0, 0),
            autosaver: Autosaver::default(),
            history: History::default(),
            form: None,
            show_records: false,
            capture: Capture::default(),
            release_at: String::new(),
            import: None,
            paste: None,
            checks: Default::default(),
        }
    }

    /// Shows an informational message.
    pub fn info(&mut self, text: impl Into<String>) {
        self.toast(text.into(), false);
    }

    /// Shows an error message; errors stay longer.
    pub fn error(&mut self, text: impl Into<String>) {
        self.toast(text.into(), true);
    }

    fn toast(&mut self, text: String, error: bool) {
        let secs = if error { 12.0 } else { 4.0 };
        self.toasts.push(Toast {
            text,
            error,
            until: self.now + secs,
        });
    }

    /// The window title: the draft's name, marked when there are unsaved changes.
    pub fn window_title(&self) -> String {
        let marker = if self.doc.is_modified() { "• " } else { "" };
        format!("{marker}{} — Briefsmith", self.doc.display_name())
    }

    /// Applies an edit, reporting a refused edit as a message rather than failing.
    pub fn apply(&mut self, edit: Edit) -> bool {
        let depth = self.doc.editor().undo_depth();
        match self.doc.apply(edit) {
            Ok(()) => {
                if self.doc.editor().undo_depth() > depth {
                    self.history.push(Step::Brief);
                }
                true
            }
            Err(e) => {
                self.error(format!("Edit refused: {e}"));
                false
            }
        }
    }

    /// Undoes the newest step, of the brief or of the library.
    pub fn undo(&mut self) {
        let Some(step) = self.history.take_undo() else {
            return;
        };
        let done = match &step {
            Step::Brief => self.doc.undo(),
            Step::Library(change) => self.write_library(&change.inverse()),
        };
        if done {
            self.history.undone(step);
            self.clamp_selection();
        } else {
            self.history.redone(step);
        }
    }

    /// Redoes the newest undone step.
    pub fn redo(&mut self) {
        let Some(step) = self.history.take_redo() else {
            return;
        };
        let done = match &step {
            Step::Brief => self.doc.redo(),
            Step::Library(change) => self.write_library(change),
        };
        if done {
            self.history.redone(step);
            self.clamp_selection();
        } else {
            self.history.undone(step);
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    fn clamp_selection(&mut self) {
        let brief = self.doc.brief();
        if let Some(pos) = self.selected_block
            && brief
                .sections
                .get(pos.section)
                .is_none_or(|s| pos.index >= s.blocks.len())
        {
            self.selected_block = None;
        }
    }

    /// Where a newly added block goes: after the selected block, else at the end of the
    /// last section. Creates a first section when the brief has none.
    pub fn insertion_point(&mut self) -> Option<BlockPos> {
        if let Some(pos) = self.selected_block
            && let Some(section) = self.doc.brief().sections.get(pos.section)
        {
            return Some(BlockPos {
                section: pos.section,
                index: (pos.index + 1).min(section.blocks.len()),
            });
        }
        if self.doc.brief().sections.is_empty()
            && !self.apply(Edit::AddSection {
                index: 0,
                heading: "Key points".into(),
            })
        {
            return None;
        }
        let last = self.doc.brief().sections.len() - 1;
        Some(BlockPos {
            section: last,
            index: self.doc.brief().sections[last].blocks.len(),
        })
    }

    /// Adds the dataset item `id` to the brief at `at` (or the insertion point), with a
    /// snapshot of how it reads now, and selects the new block.
    pub fn add_item(&mut self, id: &ItemId, at: Option<BlockPos>) -> bool {
        let Some(ds) = &self.doc.dataset else {
            return false;
        };
        let Some(item) = ds.item(id) else {
            return false;
        };
        if let Some(pos) = self.doc.block_of_item(&item.id) {
            let heading = &self.doc.brief().sections[pos.section].heading;
            let text =
                format!("Already in the brief, under “{heading}”: drag that block to move it");
            self.selected_block = Some(pos);
            self.info(text);
            return false;
        }
        let snapshot = ItemSnapshot::capture(ds.catalog(), &item);
        let warning = crate::marking::pick_warning(self.doc.brief(), snapshot.marking.as_ref());
        let block = Block::Item(ItemRef {
            item: item.id.clone(),
            snapshot,
            note: String::new(),
            note_marking: None,
        });
        let added = self.insert_block(block, at);
        if added && let Some(warning) = warning {
            self.error(warning);
        }
        added
    }

    /// Adds a free Markdown text block.
    pub fn add_text(&mut self, at: Option<BlockPos>) -> bool {
        self.insert_block(
            Block::Text(TextBlock {
                markdown: String::new(),
                marking: None,
            }),
            at,
        )
    }

    /// Adds a key judgment with no supporting items (the analyst picks them in its editor).
    /// Without a place given, it goes at the end of the brief's judgments section (the
    /// first whose heading names judgments), else at the insertion point.
    pub fn add_judgment(&mut self, at: Option<BlockPos>) -> bool {
        let at = at.or_else(|| self.judgments_section_end());
        self.insert_block(Block::Judgment(Judgment::default()), at)
    }

    /// The end of the first section whose heading mentions judgments ("Key judgments").
    fn judgments_section_end(&self) -> Option<BlockPos> {
        let sections = &self.doc.brief().sections;
        let s = sections
            .iter()
            .position(|s| s.heading.to_lowercase().contains("judgment"))?;
        Some(BlockPos::new(s, sections[s].blocks.len()))
    }

    fn insert_block(&mut self, block: Block, at: Option<BlockPos>) -> bool {
        let Some(at) = at.or_else(|| self.insertion_point()) else {
            return false;
        };
        let ok = self.apply(Edit::InsertBlock { at, block });
        if ok {
            self.selected_block = Some(at);
        }
        ok
    }

    /// Moves the library selection through the search results, one step up (`-1`) or
    /// down (`1`); selects the first result when none is selected.
    pub fn step_library_selection(&mut self, delta: i32) {
        let Some(ds) = &self.doc.dataset else { return };
        let len = self.search.len();
        if len == 0 {
            return;
        }
        let current = self
            .selected_item
            .as_ref()
            .and_then(|id| self.search.position(ds, id));
        let next = match current {
            None => 0,
            Some(p) => (p as i64 + i64::from(delta)).clamp(0, len as i64 - 1) as usize,
        };
        if let Some(row) = self.search.row(ds, next) {
            self.selected_item = Some(row.id);
            self.reveal_selected = true;
        }
    }

    /// Adds the selected library item to the brief, or the first result when none is
    /// selected among the results.
    pub fn add_selected_item(&mut self) -> bool {
        let Some(ds) = &self.doc.dataset else {
            return false;
        };
        let listed = self
            .selected_item
            .clone()
            .filter(|id| self.search.position(ds, id).is_some());
        let pick = listed.or_else(|| self.search.row(ds, 0).map(|r| r.id));
        match pick {
            Some(id) => {
                self.selected_item = Some(id.clone());
                self.add_item(&id, None)
            }
            None => false,
        }
    }

    /// The first `count` rows of the library list as it shows them (fewer when fewer match).
    pub fn library_rows(&mut self, count: usize) -> Vec<crate::app::library::Row> {
        let Some(ds) = &self.doc.dataset else {
            return Vec::new();
        };
        self.search.update(ds);
        (0..count.min(self.search.len()))
            .map_while(|r| self.search.row(ds, r))
            .collect()
    }

    /// The id of the item selected in the library.
    pub fn selected_item_id(&self) -> Option<ItemId> {
        self.selected_item.clone()
    }

    /// Moves a block; `to` is its final position. The moved block stays selected.
    pub fn move_block(&mut self, from: BlockPos, to: BlockPos) -> bool {
        if from == to {
            return false;
        }
        let ok = self.apply(Edit::MoveBlock { from, to });
        if ok {
            self.selected_block = Some(to);
        }
        ok
    }

    /// Moves the selected block one place up (`-1`) or down (`1`), crossing into the
    /// neighbouring section at either end of its own.
    pub fn move_selected(&mut self, delta: i32) -> bool {
        let Some(from) = self.selected_block else {
            return false;
        };
        let sections = &self.doc.brief().sections;
        let Some(len) = sections.get(from.section).map(|s| s.blocks.len()) else {
            return false;
        };
        let to = if delta < 0 {
            if from.index > 0 {
                BlockPos {
                    section: from.section,
                    index: from.index - 1,
                }
            } else if from.section > 0 {
                let prev = from.section - 1;
                BlockPos {
                    section: prev,
                    index: sections[prev].blocks.len(),
                }
            } else {
                return false;
            }
        } else if from.index + 1 < len {
            BlockPos {
                section: from.section,
                index: from.index + 1,
            }
        } else if from.section + 1 < sections.len() {
            BlockPos {
                section: from.section + 1,
                index: 0,
            }
        } else {
            return false;
        };
        self.move_block(from, to)
    }

    /// Selects the block before (`-1`) or after (`1`) the selected one, across sections.
    pub fn select_adjacent(&mut self, delta: i32) {
        let positions: Vec<BlockPos> = self
            .doc
            .brief()
            .sections
            .iter()
            .enumerate()
            .flat_map(|(s, sec)| (0..sec.blocks.len()).map(move |i| BlockPos::new(s, i)))
            .collect();
        let Some(current) = self
            .selected_block
            .and_then(|p| positions.iter().position(|q| *q == p))
        else {
            self.selected_block = positions.first().copied();
            return;
        };
        let next = (current as i64 + i64::from(delta)).clamp(0, positions.len() as i64 - 1);
        self.selected_block = positions.get(next as usize).copied();
    }

    /// Removes a block.
    pub fn remove_block(&mut self, at: BlockPos) -> bool {
        let ok = self.apply(Edit::RemoveBlock { at });
        if ok {
            self.clamp_selection();
        }
        ok
    }

    /// Replaces a picked item's snapshot with how the dataset reads now.
    pub fn refresh_block(&mut self, at: BlockPos) -> bool {
        let Some(ds) = &self.doc.dataset else {
            return false;
        };
        let Some(Block::Item(r)) = self
            .doc
            .brief()
            .sections
            .get(at.section)
            .and_then(|s| s.blocks.get(at.index))
        else {
            return false;
        };
        let Some(item) = ds.item(&r.item) else {
            return false;
        };
        let snapshot = ItemSnapshot::capture(ds.catalog(), &item);
        self.apply(Edit::RefreshSnapshot { at, snapshot })
    }

    /// Changes the brief's metadata.
    pub fn set_meta(&mut self, meta: BriefMeta) -> bool {
        if meta == self.doc.brief().meta {
            return false;
        }
        self.apply(Edit::SetMeta { meta })
    }

    /// Adds a section after `after` (or at the end).
    pub fn add_section(&mut self, heading: &str) -> bool {
        let index = self.doc.brief().sections.len();
        self.apply(Edit::AddSection {
            index,
            heading: heading.to_owned(),
        })
    }

    /// Replaces the dataset with the one at `path`.
    pub fn open_dataset(&mut self, path: &std::path::Path) {
        match LoadedDataset::load(path) {
            Ok(ds) => {
                self.doc.set_dataset(ds);
                self.search.reset();
                self.history.clear();
                self.selected_item = None;
                self.info(format!("Opened dataset {}", path.display()));
            }
            Err(e) => self.error(format!("Cannot open dataset: {}", said_once(&e))),
        }
    }

    /// Replaces the document (after any unsaved-changes prompt has been answered).
    pub fn replace_document(&mut self, doc: Document) {
        let warnings = doc.warnings.clone();
        self.doc = doc;
        self.search.reset();
        self.selected_item = None;
        self.selected_block = None;
        self.preview.invalidate();
        self.history.clear();
        self.form = None;
        self.autosave = (self.now, self.doc.editor().revision());
        for w in warnings {
            self.error(w);
        }
    }
}
