//! The page preview: the brief laid out and drawn off the UI thread whenever it changes
//! (debounced), from the same pipeline as the PDF export.

use crate::app::document::Document;
use briefsmith_core::model::{Brief, Dataset};
use briefsmith_layout::{ElementText, Role};
use briefsmith_template::Registry;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// How long the brief must stay unchanged before it is laid out again.
pub const DEBOUNCE: Duration = Duration::from_millis(350);

/// Pixels per PDF point the pages are drawn at (144 dpi): sharp up to 200 % zoom.
pub const RASTER_SCALE: f32 = 2.0;

/// Which brief a layout is for: (document generation, editor revision).
type Key = (u64, u64);

/// One drawn page.
pub struct PageImage {
    /// Size in pixels.
    pub size: [usize; 2],
    /// Straight RGBA8, rows top to bottom.
    pub rgba: Vec<u8>,
    /// Its text element by element in reading order, as the tagged PDF gives it to a
    /// screen reader: the preview hands it to the accessibility tree.
    pub reading: Vec<ElementText>,
}

/// What the preview shows.
pub enum PreviewContent {
    /// The typeset pages.
    Pages(Vec<PageImage>),
    /// The exported Markdown, when the pages cannot be laid out.
    Markdown(String),
}

/// The preview's state: what is shown, what is being prepared, page and zoom.
pub struct Preview {
    /// The page shown, from 0.
    pub page: usize,
    /// 1.0 = 100 % (one PDF point per egui point).
    pub zoom: f32,
    /// Keep the zoom so a page fills the pane's width (until the user zooms).
    pub fit_width: bool,
    pub content: Option<PreviewContent>,
    /// Why the last layout failed, shown above the last good content (or above the
    /// Markdown shown when the pages could not be laid out).
    pub error: Option<String>,
    /// Bumped whenever `content` changes, so textures are uploaded once.
    pub generation: u64,
    document: u64,
    shown: Option<Key>,
    /// The brief version waiting to be laid out, and since when (UI clock, seconds).
    pending: Option<(Key, f64)>,
    running: Option<(Key, Receiver<Result<Rendered, String>>)>,
}

/// A finished layout: what to show and, when the pages could not be laid out and the
/// Markdown is shown instead, why.
struct Rendered {
    content: PreviewContent,
    layout_error: Option<String>,
}

impl Default for Preview {
    fn default() -> Self {
        Preview {
            page: 0,
            zoom: 1.0,
            fit_width: true,
            content: None,
            error: None,
            generation: 0,
            document: 0,
            shown: None,
            pending: None,
            running: None,
        }
    }
}

impl Preview {
    /// Forgets the shown brief (another document was opened).
    pub fn invalidate(&mut self) {
        self.document += 1;
        self.page = 0;
    }

    /// Whether a layout is running or waiting for the debounce.
    pub fn is_busy(&self) -> bool {
        self.running.is_some() || self.pending.is_some()
    }

    /// Number of pages shown.
    pub fn page_count(&self) -> usize {
        match &self.content {
            Some(PreviewContent::Pages(p)) => p.len(),
            _ => 0,
        }
    }

    /// Starts a layout when the brief changed and has been still long enough, and picks
    /// up a finished one. Returns how soon it wants to be called again, if at all.
    pub fn tick(
        &mut self,
        doc: &Document,
        templates: &Arc<Registry>,
        now: f64,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Option<Duration> {
        if let Some((key, rx)) = &self.running {
            match rx.try_recv() {
                Ok(result) => {
                    let key = *key;
                    self.finish(key, result);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => return None,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    let key = *key;
                    self.finish(key, Err("The preview stopped unexpectedly".into()));
                }
            }
        }
        let key = (self.document, doc.editor().revision());
        if self.shown == Some(key) {
            self.pending = None;
            return None;
        }
        let since = match self.pending {
            Some((k, t)) if k == key => t,
            _ => {
                // The first layout of a document starts at once; edits wait to settle.
                let t = if self.shown.is_some_and(|s| s.0 == key.0) {
                    now
                } else {
                    now - DEBOUNCE.as_secs_f64()
                };
                self.pending = Some((key, t));
                t
            }
        };
        let waited = now - since;
        let debounce = DEBOUNCE.as_secs_f64();
        if waited < debounce && self.shown.is_some_and(|s| s.0 == key.0) {
            return Some(Duration::from_secs_f64(debounce - waited));
        }
        self.start(key, doc, templates, wake);
        None
    }

    fn start(
        &mut self,
        key: Key,
        doc: &Document,
        templates: &Arc<Registry>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) {
        self.pending = None;
        let brief = doc.brief().clone();
        let dataset = doc.cited();
        let base_dir = doc.base_dir();
        let templates = templates.clone();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let result = render(&brief, dataset.as_deref(), &templates, base_dir);
            let _ = tx.send(result);
            wake();
        });
        self.running = Some((key, rx));
    }

    fn finish(&mut self, key: Key, result: Result<Rendered, String>) {
        self.running = None;
        self.shown = Some(key);
        match result {
            Ok(Rendered {
                content,
                layout_error,
            }) => {
                self.content = Some(content);
                self.error = layout_error;
                self.generation += 1;
                self.page = self.page.min(self.page_count().saturating_sub(1));
            }
            Err(e) => self.error = Some(e),
        }
    }

    /// Lays out the brief as it stands now and waits for the result (tests, screenshots).
    pub fn refresh_blocking(&mut self, doc: &Document, templates: &Arc<Registry>) {
        if let Some((key, rx)) = self.running.take() {
            let result = rx
                .recv()
                .unwrap_or_else(|_| Err("The preview stopped unexpectedly".into()));
            self.finish(key, result);
        }
        let key = (self.document, doc.editor().revision());
        if self.shown != Some(key) {
            self.start(key, doc, templates, Arc::new(|| {}));
            if let Some((key, rx)) = self.running.take() {
                let result = rx
                    .recv()
                    .unwrap_or_else(|_| Err("The preview stopped unexpectedly".into()));
                self.finish(key, result);
            }
        }
    }
}

/// Puts the text of `page`, shown in `shown` (screen points), into the accessibility tree
/// beside the page's image: one node per element in reading order, with its role (heading
/// and level, paragraph, list item, cell, note, figure…) and where it is on the screen,
/// so a screen reader can read the preview and jump between its headings.
pub fn expose_reading(ui: &egui::Ui, page: &PageImage, shown: egui::Rect, id: egui::Id) {
    let page_width = page.size[0] as f32 / RASTER_SCALE;
    if page_width <= 0.0 {
        return;
    }
    let scale = shown.width() / page_width;
    for (index, element) in page.reading.iter().enumerate() {
        let [left, top, right, bottom] = element.bounds.map(|v| f64::from(v * scale));
        let origin = (f64::from(shown.min.x), f64::from(shown.min.y));
        ui.ctx()
            .accesskit_node_builder(id.with(("reading", index)), |node| {
                let (role, level) = match element.role {
                    Role::Heading(level) => (egui::Role::Heading, Some(usize::from(level))),
                    Role::Paragraph => (egui::Role::Paragraph, None),
                    Role::ListItem | Role::Label | Role::ListBody => (egui::Role::ListItem, None),
                    Role::BlockQuote => (egui::Role::Blockquote, None),
                    Role::TableHeader => (egui::Role::ColumnHeader, None),
                    Role::TableCell => (egui::Role::Cell, None),
                    Role::Note => (egui::Role::Note, None),
                    Role::Figure => (egui::Role::Image, None),
                    Role::Code => (egui::Role::Code, None),
                    Role::Document | Role::List | Role::Table | Role::TableRow => {
                        (egui::Role::GenericContainer, None)
                    }
                };
                node.set_role(role);
                if let Some(level) = level {
                    node.set_level(level);
                }
                node.set_label(element.text.as_str());
                node.set_bounds(egui::accesskit::Rect {
                    x0: origin.0 + left,
                    y0: origin.1 + top,
                    x1: origin.0 + right,
                    y1: origin.1 + bottom,
                });
            });
    }
}

/// Lays out and draws the brief's pages; shows the Markdown instead, with the reason, if
/// layout fails.
fn render(
    brief: &Brief,
    dataset: Option<&Dataset>,
    templates: &Registry,
    base_dir: Option<PathBuf>,
) -> Result<Rendered, String> {
    let document =
        match crate::export::typeset(templates, brief, dataset, None, base_dir.as_deref()) {
            Ok(d) => d,
            Err(layout_error) => {
                let (markdown, _, _) = crate::export::to_markdown(templates, brief, dataset, None)
                    .map_err(|e| format!("{e:#}"))?;
                return Ok(Rendered {
                    content: PreviewContent::Markdown(markdown),
                    layout_error: Some(format!("{layout_error:#}")),
                });
            }
        };
    let fonts = briefsmith_layout::FontBook::bundled();
    let pages = document
        .pages
        .iter()
        .map(|page| {
            let img = briefsmith_raster::rasterize(page, &fonts, RASTER_SCALE);
            PageImage {
                size: [img.width as usize, img.height as usize],
                rgba: img.pixels,
                reading: briefsmith_layout::page_reading(page, &document.structure),
            }
        })
        .collect();
    Ok(Rendered {
        content: PreviewContent::Pages(pages),
        layout_error: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefsmith_core::model::Brief;
    use std::fs;

    /// A registry whose default template asks for margins wider than the paper.
    fn registry_with_unusable_margins(dir: &std::path::Path) -> Arc<Registry> {
        let folder = dir.join("bluf-memo");
        fs::create_dir_all(&folder).expect("a temporary template folder");
        fs::write(
            folder.join("template.toml"),
            "name = \"bluf-memo\"\ndescription = \"Margins wider than A4\"\n\n[page]\n\
             margins_mm = { top = 20.0, right = 120.0, bottom = 20.0, left = 120.0 }\n",
        )
        .expect("a temporary manifest");
        fs::write(folder.join("brief.md.j2"), "# {{ meta.title }}\n").expect("a template text");
        Arc::new(Registry::with_user_dirs(&[dir.to_owned()]).expect("the template loads"))
    }

    #[test]
    fn a_layout_failure_shows_the_markdown_and_says_why() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let templates = registry_with_unusable_margins(dir.path());
        let doc = Document::new(Brief::default(), None, None);
        let mut preview = Preview::default();
        preview.refresh_blocking(&doc, &templates);
        match &preview.content {
            Some(PreviewContent::Markdown(md)) => assert!(md.contains("Untitled brief"), "{md}"),
            _ => panic!("the Markdown is shown when the pages cannot be laid out"),
        }
        let why = preview.error.as_deref().unwrap_or_default();
        assert!(
            why.contains("unusable page style") && why.contains("margins"),
            "the reason is kept for the user: {why:?}"
        );
    }

    #[test]
    fn a_screen_reader_reads_the_previews_page_element_by_element() {
        use egui_kittest::kittest::Queryable as _;

        let templates = Arc::new(Registry::builtin());
        let mut brief = Brief::default();
        brief.meta.title = "Border crisis".into();
        brief.meta.bottom_line = "Forces are very likely massing near the crossing.".into();
        let doc = Document::new(brief, None, None);
        let mut preview = Preview::default();
        preview.refresh_blocking(&doc, &templates);
        let Some(PreviewContent::Pages(pages)) = &preview.content else {
            panic!("the pages are laid out: {:?}", preview.error);
        };
        let page = &pages[0];
        let harness = egui_kittest::Harness::new_ui(|ui| {
            let shown = ui.allocate_response(egui::vec2(298.0, 421.0), egui::Sense::hover());
            expose_reading(ui, page, shown.rect, shown.id);
        });
        let heading = harness.get_by_role_and_label(egui::Role::Heading, "Border crisis");
        assert!(
            harness
                .query_by_label_contains("very likely massing near the crossing")
                .is_some(),
            "the bottom line is read"
        );
        // Where the heading is drawn, at half size: inside the page, near its top.
        let bounds = heading.rect();
        assert!(
            bounds.min.y >= 0.0 && bounds.max.y < 421.0 / 2.0 && bounds.width() > 10.0,
            "{bounds:?}"
        );
        // Nothing of the running head or banner (artifacts) is read.
        assert!(harness.query_by_label_contains("Page 1").is_none());
    }
}
