//! File commands: open, new, save, export, recent files, autosave and recovery, and the
//! choice between native file dialogs and the in-app path prompt.

use crate::app::document::Document;
use crate::app::jobs::{ExportFormat, ExportJob};
use crate::app::state::{AUTOSAVE_INTERVAL, AppState, Dialog, PathPurpose, Replace};
use crate::report::said_once;
use briefsmith_core::compose::Edit;
use briefsmith_core::model::{Brief, BriefMeta, Section};
use briefsmith_core::store;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many recent files the File menu keeps.
const RECENT_MAX: usize = 10;

/// A native dialog that returns nothing faster than this was not shown at all (no dialog
/// service on this desktop): fall back to the in-app prompt.
const DIALOG_MIN_HUMAN: Duration = Duration::from_millis(250);

impl AppState {
    /// The file the autosave writes next to: the draft, or a stand-in in the data folder
    /// for a draft never saved.
    pub fn recovery_anchor(&self) -> PathBuf {
        self.doc
            .path
            .clone()
            .unwrap_or_else(|| self.options.data_dir.join("untitled.brief.json"))
    }

    /// Queues the draft for its recovery file when it changed and the last write was
    /// queued at least [`AUTOSAVE_INTERVAL`] ago; reports failed writes.
    pub fn autosave_tick(&mut self, now: f64) {
        for outcome in self.autosaver.finished() {
            if let Err(e) = outcome {
                self.error(format!("Autosave failed: {e}"));
            }
        }
        let revision = self.doc.editor().revision();
        if !self.doc.is_modified()
            || revision == self.autosave.1
            || now - self.autosave.0 < AUTOSAVE_INTERVAL.as_secs_f64()
        {
            return;
        }
        let anchor = self.recovery_anchor();
        let brief = self.doc.brief_for_file(&anchor);
        if self.autosaver.write(anchor, brief, revision) {
            self.autosave = (now, revision);
        } else {
            self.autosave_now();
        }
    }

    /// Writes the recovery file now, on this thread.
    pub fn autosave_now(&mut self) {
        let anchor = self.recovery_anchor();
        if let Some(dir) = anchor.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let brief = self.doc.brief_for_file(&anchor);
        match store::save_recovery(&anchor, &brief) {
            Ok(()) => self.autosave = (self.now, self.doc.editor().revision()),
            Err(e) => {
                // Try again at the next interval rather than on every frame.
                self.autosave.0 = self.now;
                self.error(format!("Autosave failed: {e}"));
            }
        }
    }

    /// Offers to restore a recovery file newer than the open draft, if there is one.
    pub fn check_recovery(&mut self) {
        let anchor = self.recovery_anchor();
        let recovery = if self.doc.path.is_some() {
            store::newer_recovery(&anchor)
        } else {
            let p = store::recovery_path(&anchor);
            p.exists().then_some(p)
        };
        let Some(recovery) = recovery else { return };
        let written = std::fs::metadata(&recovery)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .map_or_else(|| "at an unknown time".to_owned(), ago);
        let changes = match store::load_brief(&recovery) {
            Ok(recovered) => changes(self.doc.brief(), &recovered),
            Err(e) => vec![format!("It cannot be read: {e}")],
        };
        self.dialog = Some(Dialog::Restore {
            recovery,
            written,
            changes,
        });
    }

    /// Replaces the brief's content with the recovery file's (the dataset stays), as one
    /// undoable step; unsaved until saved.
    pub fn restore_recovery(&mut self, recovery: &Path) {
        match store::load_brief(recovery) {
            Ok(brief) => {
                let edit = Edit::ReplaceContent {
                    meta: brief.meta,
                    sections: brief.sections,
                };
                if self.apply(edit) {
                    self.selected_block = None;
                    self.info("Restored the autosaved draft (Undo takes it back)");
                }
            }
            Err(e) => self.error(format!("Cannot restore: {e}")),
        }
    }

    /// Deletes the recovery file the user chose not to restore.
    pub fn discard_recovery(&mut self, recovery: &Path) {
        self.autosaver.settle();
        let _ = std::fs::remove_file(recovery);
    }

    /// Carries out `action`, first asking about unsaved changes when it would drop them.
    pub fn request(&mut self, action: Replace) {
        if self.doc.is_modified() {
            self.dialog = Some(Dialog::UnsavedChanges { then: action });
        } else {
            self.perform(action);
        }
    }

    /// Carries out `action` without asking.
    pub fn perform(&mut self, action: Replace) {
        match action {
            Replace::Open(path) => self.open_draft(&path),
            Replace::NewFromTemplate(name) => self.new_from_template(&name),
            Replace::Quit => self.quit_confirmed = true,
        }
    }

    /// Opens the draft at `path`, then offers its recovery file if newer.
    pub fn open_draft(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.remember_recent(path);
                self.check_recovery();
            }
            Err(e) => self.error(format!("Cannot open draft: {}", said_once(&e))),
        }
    }

    /// Starts an untitled brief from a template's default sections, on the current dataset.
    pub fn new_from_template(&mut self, name: &str) {
        let sections = self
            .templates
            .get(name)
            .map(|t| t.manifest.default_sections.clone())
            .unwrap_or_default();
        // Nothing is carried over from the brief that was open: only the user's own
        // defaults (Edit ▸ Preferences) fill the author, organisation and audience.
        let prefs = &self.prefs;
        let meta = BriefMeta {
            title: "Untitled brief".into(),
            template: name.to_owned(),
            date: crate::export::today(),
            author: prefs.author.clone(),
            organisation: prefs.organisation.clone(),
            audience: prefs.audience.clone(),
            ..BriefMeta::default()
        };
        let brief = Brief {
            schema: "briefsmith-brief/2".into(),
            meta,
            dataset: self.doc.brief().dataset.clone(),
            sections: sections
                .into_iter()
                .map(|heading| Section {
                    heading,
                    blocks: Vec::new(),
                })
                .collect(),
        };
        let dataset = self.doc.dataset.take();
        self.replace_document(Document::new(brief, None, dataset));
    }

    /// Saves to the draft's file, or asks where when it has none. Returns whether it saved.
    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_as(&path),
            None => {
                self.ask_path(PathPurpose::SaveAs);
                false
            }
        }
    }

    /// Saves the draft to `path`.
    pub fn save_as(&mut self, path: &Path) -> bool {
        // A late autosave must not recreate the recovery file the save removes.
        self.autosaver.settle();
        match self.doc.save_to(path) {
            Ok(wrote_dataset) => {
                let stand_in = self.options.data_dir.join("untitled.brief.json");
                let _ = std::fs::remove_file(store::recovery_path(&stand_in));
                self.remember_recent(path);
                let mut text = format!("Saved {}", path.display());
                if let Some(ds) = wrote_dataset {
                    text.push_str(&format!(
                        ", with a copy of its dataset as {}",
                        ds.file_name().unwrap_or_default().to_string_lossy()
                    ));
                }
                self.info(text);
                true
            }
            Err(e) => {
                self.error(format!("Cannot save: {}", said_once(&e)));
                false
            }
        }
    }

    /// Exports the brief in the background; the result shows as a message.
    pub fn export(&mut self, format: ExportFormat, path: &Path) {
        if self.export_held_by_checks(format, path) {
            return;
        }
        let Some(brief) = self.brief_to_export() else {
            return;
        };
        let dataset = self.doc.cited();
        let base_dir = self.doc.base_dir();
        let sources = [
            self.doc.path.clone(),
            self.doc.dataset.as_ref().and_then(|d| d.path.clone()),
        ];
        self.jobs.start_export(
            ExportJob {
                format,
                path: path.to_owned(),
                sources: sources.into_iter().flatten().collect(),
            },
            brief,
            dataset,
            self.templates.clone(),
            base_dir,
        );
    }

    /// The brief as it is exported: whole, or cut to the releasable ceiling the analyst
    /// typed (said in a message); `None`, with the reason shown, when it cannot be cut.
    fn brief_to_export(&mut self) -> Option<briefsmith_core::model::Brief> {
        let ceiling = self.release_at.trim().to_owned();
        if ceiling.is_empty() {
            return Some(self.doc.brief().clone());
        }
        let cited = self.doc.cited();
        match crate::marking::releasable(self.doc.brief(), cited.as_deref(), &ceiling) {
            Ok(reduction) => {
                self.info(format!(
                    "Releasable at {}: {} portion(s) left out",
                    reduction.ceiling,
                    reduction.dropped.len()
                ));
                Some(reduction.brief)
            }
            Err(e) => {
                self.error(format!("Cannot export: {e:#}"));
                None
            }
        }
    }

    /// Puts `path` at the top of the recent files.
    pub fn remember_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_MAX);
    }

    /// A sensible file name to propose for `purpose`.
    pub fn suggested_path(&self, purpose: PathPurpose) -> PathBuf {
        let dir = self
            .doc
            .base_dir()
            .unwrap_or_else(|| self.options.data_dir.clone());
        let stem = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".brief.json")
                    .to_owned()
            })
            .unwrap_or_else(|| slug(&self.doc.brief().meta.title));
        match purpose {
            PathPurpose::SaveAs => dir.join(format!("{stem}.brief.json")),
            PathPurpose::ExportMarkdown => dir.join(format!("{stem}.md")),
            PathPurpose::ExportPdf => dir.join(format!("{stem}.pdf")),
            PathPurpose::ExportDocx => dir.join(format!("{stem}.docx")),
            PathPurpose::OpenDraft | PathPurpose::OpenDataset | PathPurpose::ImportArticle => dir,
            PathPurpose::NewLibrary => dir.join("library.bslib"),
            PathPurpose::LibraryFromDataset => {
                let name = self
                    .doc
                    .dataset
                    .as_ref()
                    .and_then(|d| {
                        let file = d.path.as_ref().and_then(|p| p.file_name());
                        file.map(|n| n.to_string_lossy().into_owned())
                            .or_else(|| d.embedded.as_ref().map(|e| e.file_name.to_owned()))
                    })
                    .unwrap_or_else(|| "library".into());
                let stem = name.trim_end_matches(".json").trim_end_matches(".dataset");
                dir.join(format!("{stem}.bslib"))
            }
        }
    }

    /// Asks for a path: the native dialog when available, else the in-app prompt.
    pub fn ask_path(&mut self, purpose: PathPurpose) {
        if self.options.native_dialogs {
            let started = Instant::now();
            if let Some(path) = native_dialog(purpose, &self.suggested_path(purpose)) {
                self.complete_path(purpose, path);
                return;
            }
            if started.elapsed() >= DIALOG_MIN_HUMAN {
                return; // the user cancelled
            }
            self.options.native_dialogs = false;
        }
        let suggested = self.suggested_path(purpose);
        let (folder, name) = if suggested.is_dir() {
            (suggested, String::new())
        } else {
            let name = suggested
                .file_name()
                .filter(|_| purpose.is_save())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                suggested.parent().unwrap_or(Path::new(".")).to_path_buf(),
                name,
            )
        };
        let folder = crate::app::browser::start_folder(&folder, &self.options.data_dir);
        let browser = crate::app::browser::Browser::new(folder, name, purpose.extensions());
        self.dialog = Some(Dialog::PathPrompt { purpose, browser });
    }

    /// Does what the path was asked for.
    pub fn complete_path(&mut self, purpose: PathPurpose, path: PathBuf) {
        match purpose {
            PathPurpose::OpenDraft => self.request(Replace::Open(path)),
            PathPurpose::SaveAs => {
                self.save_as(&path);
            }
            PathPurpose::ExportMarkdown => self.export(ExportFormat::Markdown, &path),
            PathPurpose::ExportPdf => self.export(ExportFormat::Pdf, &path),
            PathPurpose::ExportDocx => self.export(ExportFormat::Docx, &path),
            PathPurpose::OpenDataset => self.open_dataset(&path),
            PathPurpose::NewLibrary => self.new_library(&path),
            PathPurpose::LibraryFromDataset => self.library_from_dataset(&path),
            PathPurpose::ImportArticle => self.import_file(&path),
        }
    }
}

/// Shows the system file dialog; `None` when cancelled or when there is no dialog service.
fn native_dialog(purpose: PathPurpose, suggested: &Path) -> Option<PathBuf> {
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
    let dir = if suggested.is_dir() {
        Some(suggested)
    } else {
        suggested.parent()
    };
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    dialog = match purpose {
        PathPurpose::OpenDraft | PathPurpose::SaveAs => {
            dialog.add_filter("Briefsmith draft", &["json"])
        }
        PathPurpose::OpenDataset => {
            dialog.add_filter("Briefsmith dataset or library", &["json", "bslib"])
        }
        PathPurpose::NewLibrary | PathPurpose::LibraryFromDataset => {
            dialog.add_filter("Briefsmith library", &["bslib"])
        }
        PathPurpose::ExportMarkdown => dialog.add_filter("Markdown", &["md"]),
        PathPurpose::ExportPdf => dialog.add_filter("PDF", &["pdf"]),
        PathPurpose::ExportDocx => dialog.add_filter("Word document", &["docx"]),
        PathPurpose::ImportArticle => dialog.add_filter(
            "Article (web page, text, Markdown, PDF, Word)",
            &crate::app::state::IMPORT_EXTENSIONS,
        ),
    };
    if purpose.is_save() {
        if let Some(name) = suggested.file_name() {
            dialog = dialog.set_file_name(name.to_string_lossy());
        }
        dialog.save_file()
    } else {
        dialog.pick_file()
    }
}

/// "just now", "5 seconds ago", "3 minutes ago", "2 hours ago", "4 days ago".
fn ago(elapsed: Duration) -> String {
    let s = elapsed.as_secs();
    let (n, unit) = match s {
        0..=2 => return "just now".to_owned(),
        3..=119 => (s, "second"),
        120..=7199 => (s / 60, "minute"),
        7200..=172_799 => (s / 3600, "hour"),
        _ => (s / 86_400, "day"),
    };
    format!("{n} {unit}s ago")
}

/// What the recovered brief changes against the current one, one line per difference:
/// the details, sections added, removed or renamed, and blocks changed per section.
fn changes(current: &Brief, recovered: &Brief) -> Vec<String> {
    let mut out = Vec::new();
    if current.meta != recovered.meta {
        out.push("The brief's details (title, date, audience, bottom line…) differ".to_owned());
    }
    for (i, section) in recovered.sections.iter().enumerate() {
        match current.sections.get(i) {
            None => out.push(format!(
                "Section “{}” is new, with {}",
                section.heading,
                crate::app::panels::count(section.blocks.len(), "block", "blocks")
            )),
            Some(old) => {
                if old.heading != section.heading {
                    out.push(format!(
                        "Section “{}” is renamed “{}”",
                        old.heading, section.heading
                    ));
                }
                let same = old
                    .blocks
                    .iter()
                    .zip(&section.blocks)
                    .filter(|(a, b)| a == b);
                let changed = old.blocks.len().max(section.blocks.len()) - same.count();
                if changed > 0 {
                    out.push(format!(
                        "Section “{}”: {} changed, added or removed ({} now, {} before)",
                        section.heading,
                        crate::app::panels::count(changed, "block", "blocks"),
                        section.blocks.len(),
                        old.blocks.len()
                    ));
                }
            }
        }
    }
    for old in current.sections.iter().skip(recovered.sections.len()) {
        out.push(format!("Section “{}” is removed", old.heading));
    }
    if out.is_empty() {
        out.push("Its content is the same as the saved draft's".to_owned());
    }
    out
}

/// A file-name-safe version of a title.
fn slug(title: &str) -> String {
    let s: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let s = s
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if s.is_empty() { "brief".to_owned() } else { s }
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("Iran: air defence, 2024!"), "iran-air-defence-2024");
        assert_eq!(slug("  "), "brief");
    }
}
