//! The desktop app (eframe): app state in plain structs ([`state`], [`document`],
//! [`library`], [`preview`], [`jobs`]), and the panels that show and edit it ([`panels`]).

mod autosave;
pub mod browser;
pub mod checks;
pub mod document;
pub mod files;
pub mod forms;
pub mod history;
pub mod import;
pub mod jobs;
pub mod library;
pub mod panels;
pub mod preview;
pub mod records;
mod screenshot;
pub mod state;

use crate::app::document::Document;
use crate::app::state::{AppOptions, AppState, Dialog, Replace, Startup};
use crate::report::said_once;
use std::path::PathBuf;
use std::sync::Arc;

/// Storage key of the recent files list.
const RECENT_KEY: &str = "briefsmith.recent";
/// Storage key of the preview zoom.
const ZOOM_KEY: &str = "briefsmith.zoom";
/// Storage key of the user's defaults for new briefs.
const PREFS_KEY: &str = "briefsmith.prefs";

/// The eframe application: the state, plus what only the window needs.
pub struct BriefsmithApp {
    pub state: AppState,
    screenshot: Option<screenshot::ScreenshotRun>,
    title: String,
    closing: bool,
}

impl BriefsmithApp {
    /// Creates the app: opens what `options.startup` names (a draft that cannot be opened
    /// leaves the sample open, with the error shown), restores recent files and zoom from
    /// eframe's storage, and offers a newer recovery file.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let mut errors = Vec::new();
        let doc = match &options.startup {
            Startup::Draft(path) => match Document::open(path) {
                Ok(doc) => Some(doc),
                Err(e) => {
                    errors.push(format!("Cannot open draft: {}", said_once(&e)));
                    None
                }
            },
            Startup::Sample => None,
        };
        let doc = match doc {
            Some(doc) => doc,
            None => crate::sample::sample_document().unwrap_or_else(|e| {
                errors.push(format!(
                    "The bundled sample cannot be read: {}",
                    said_once(&e)
                ));
                Document::new(Default::default(), None, None)
            }),
        };
        let opened = doc.path.clone();
        let mut app = Self::with_document(cc, options, doc);
        // Built-in templates plus the user's template folder, when it has one.
        let templates_dir = app.state.options.templates_dir.clone();
        match crate::export::registry(templates_dir.as_deref()) {
            Ok(registry) => app.state.templates = Arc::new(registry),
            Err(e) => errors.push(format!("User templates ignored: {}", said_once(&e))),
        }
        app.state.checks.load_user_rules();
        for e in errors {
            app.state.error(e);
        }
        if let Some(path) = opened {
            app.state.remember_recent(&path);
        }
        app.state.check_recovery();
        app
    }

    /// Creates the app on an already opened document (tests and benchmarks).
    pub fn with_document(
        cc: &eframe::CreationContext<'_>,
        options: AppOptions,
        doc: Document,
    ) -> Self {
        panels::style::apply(&cc.egui_ctx);
        let screenshot = options
            .screenshot
            .clone()
            .map(screenshot::ScreenshotRun::new);
        let mut state = AppState::new(options, doc);
        // A screenshot run shows the defaults, whatever an earlier session left behind.
        if let Some(storage) = cc.storage.filter(|_| state.options.screenshot.is_none()) {
            if let Some(recent) = storage
                .get_string(RECENT_KEY)
                .and_then(|s| serde_json::from_str::<Vec<PathBuf>>(&s).ok())
            {
                state.recent = recent;
            }
            if let Some(prefs) = storage
                .get_string(PREFS_KEY)
                .and_then(|s| serde_json::from_str(&s).ok())
            {
                state.prefs = prefs;
            }
            if storage.get_string(ZOOM_KEY).as_deref() == Some("fit") {
                state.preview.fit_width = true;
            } else if let Some(zoom) = storage
                .get_string(ZOOM_KEY)
                .and_then(|s| s.parse::<f32>().ok())
                .filter(|z| z.is_finite() && (0.25..=4.0).contains(z))
            {
                state.preview.zoom = zoom;
                state.preview.fit_width = false;
            }
        }
        let ctx = cc.egui_ctx.clone();
        state
            .jobs
            .set_waker(Arc::new(move || ctx.request_repaint()));
        for w in state.doc.warnings.clone() {
            state.error(w);
        }
        BriefsmithApp {
            state,
            screenshot,
            title: String::new(),
            closing: false,
        }
    }

    /// Work done every frame before drawing: finished exports, the preview, autosave,
    /// the window title and close requests.
    fn housekeeping(&mut self, ctx: &egui::Context) {
        let state = &mut self.state;
        for done in state.jobs.poll() {
            match done.result {
                Ok(warnings) => {
                    state.info(format!(
                        "Exported {} to {}",
                        done.format.name(),
                        done.path.display()
                    ));
                    for w in warnings {
                        state.error(format!("{}: {w}", done.path.display()));
                    }
                }
                Err(e) => state.error(format!("{} export failed: {e}", done.format.name())),
            }
        }
        let now = ctx.input(|i| i.time);
        state.now = now;
        let wake_ctx = ctx.clone();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || wake_ctx.request_repaint());
        if let Some(after) = state.preview.tick(&state.doc, &state.templates, now, wake) {
            ctx.request_repaint_after(after);
        }
        state.autosave_tick(now);
        if state.doc.is_modified() && state.doc.editor().revision() != state.autosave.1 {
            // Wake in time for the next recovery write.
            let due = state.autosave.0 + state::AUTOSAVE_INTERVAL.as_secs_f64() - now;
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due.max(0.02)));
        }
        state.toasts.retain(|t| t.until > now);
        if let Some(next) = state.toasts.iter().map(|t| t.until).reduce(f64::min) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64((next - now).max(0.0)));
        }

        let title = state.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }

        if ctx.input(|i| i.viewport().close_requested())
            && state.doc.is_modified()
            && !state.quit_confirmed
            && self.screenshot.is_none()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            state.dialog = Some(Dialog::UnsavedChanges {
                then: Replace::Quit,
            });
        }
        if state.quit_confirmed && !self.closing {
            self.closing = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

impl eframe::App for BriefsmithApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.housekeeping(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        panels::show(ui, &mut self.state);
        if let Some(run) = &mut self.screenshot {
            run.frame(ui.ctx(), &mut self.state);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_some() {
            return;
        }
        if let Ok(json) = serde_json::to_string(&self.state.recent) {
            storage.set_string(RECENT_KEY, json);
        }
        if let Ok(json) = serde_json::to_string(&self.state.prefs) {
            storage.set_string(PREFS_KEY, json);
        }
        let zoom = if self.state.preview.fit_width {
            "fit".to_owned()
        } else {
            self.state.preview.zoom.to_string()
        };
        storage.set_string(ZOOM_KEY, zoom);
    }
}

/// Opens the window and runs the app until it is closed.
pub fn run(options: AppOptions) -> anyhow::Result<()> {
    let viewport = egui::ViewportBuilder::default()
        .with_title("Briefsmith")
        .with_app_id("briefsmith")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([760.0, 520.0]);
    let native = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        persist_window: options.screenshot.is_none(),
        ..Default::default()
    };
    eframe::run_native(
        "Briefsmith",
        native,
        Box::new(move |cc| Ok(Box::new(BriefsmithApp::new(cc, options)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
