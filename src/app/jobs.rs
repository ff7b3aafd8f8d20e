//! Exports running off the UI thread: one thread per export, results back over a channel.

use briefsmith_core::model::{Brief, Dataset};
use briefsmith_template::Registry;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    Pdf,
    /// A Word document (.docx).
    Docx,
}

impl ExportFormat {
    /// The name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Pdf => "PDF",
            ExportFormat::Docx => "Word",
        }
    }
}

/// Where an export goes and what it must not replace.
#[derive(Debug, Clone)]
pub struct ExportJob {
    pub format: ExportFormat,
    pub path: PathBuf,
    /// The draft and dataset it is made from: never overwritten by the export.
    pub sources: Vec<PathBuf>,
}

/// How an export ended.
#[derive(Debug)]
pub struct JobDone {
    pub format: ExportFormat,
    pub path: PathBuf,
    /// What the user should know about the file written (e.g. characters no font covers),
    /// or the error, readable, when it failed.
    pub result: Result<Vec<String>, String>,
}

/// The exports under way.
pub struct Jobs {
    running: Vec<(ExportFormat, PathBuf)>,
    tx: Sender<JobDone>,
    rx: Receiver<JobDone>,
    /// Called when a job ends, so the UI wakes up to show the result.
    waker: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Jobs {
            running: Vec::new(),
            tx,
            rx,
            waker: None,
        }
    }
}

impl Jobs {
    /// Sets what to call when a job ends (the UI's repaint request).
    pub fn set_waker(&mut self, waker: Arc<dyn Fn() + Send + Sync>) {
        self.waker = Some(waker);
    }

    /// The exports still running, for the progress indicator.
    pub fn running(&self) -> &[(ExportFormat, PathBuf)] {
        &self.running
    }

    /// Starts exporting `brief` to `path` on its own thread.
    pub fn start_export(
        &mut self,
        job: ExportJob,
        brief: Brief,
        dataset: Option<Arc<Dataset>>,
        templates: Arc<Registry>,
        base_dir: Option<PathBuf>,
    ) {
        let ExportJob {
            format,
            path,
            sources,
        } = job;
        self.running.push((format, path.clone()));
        let tx = self.tx.clone();
        let waker = self.waker.clone();
        std::thread::spawn(move || {
            let sources: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
            let result = export(
                format,
                &path,
                &sources,
                &brief,
                dataset.as_deref(),
                &templates,
                base_dir.as_deref(),
            )
            .map_err(|e| format!("{e:#}"));
            let _ = tx.send(JobDone {
                format,
                path,
                result,
            });
            if let Some(w) = waker {
                w();
            }
        });
    }

    /// The jobs that ended since the last call.
    pub fn poll(&mut self) -> Vec<JobDone> {
        let done: Vec<JobDone> = self.rx.try_iter().collect();
        for d in &done {
            if let Some(i) = self
                .running
                .iter()
                .position(|(f, p)| *f == d.format && *p == d.path)
            {
                self.running.remove(i);
            }
        }
        done
    }

    /// Waits until every running export has ended (tests and the screenshot run).
    pub fn wait_all(&mut self) -> Vec<JobDone> {
        let mut done = Vec::new();
        while !self.running.is_empty() {
            match self.rx.recv() {
                Ok(d) => {
                    if let Some(i) = self
                        .running
                        .iter()
                        .position(|(f, p)| *f == d.format && *p == d.path)
                    {
                        self.running.remove(i);
                    }
                    done.push(d);
                }
                Err(_) => break,
            }
        }
        done
    }
}

/// The export itself: the same pipeline as the command line.
fn export(
    format: ExportFormat,
    path: &Path,
    sources: &[&Path],
    brief: &Brief,
    dataset: Option<&Dataset>,
    templates: &Registry,
    base_dir: Option<&Path>,
) -> anyhow::Result<Vec<String>> {
    let (bytes, warnings) = match format {
        ExportFormat::Markdown => (
            crate::export::to_markdown(templates, brief, dataset, None)?
                .0
                .into_bytes(),
            Vec::new(),
        ),
        ExportFormat::Pdf => {
            let pdf = crate::export::to_pdf(templates, brief, dataset, None, base_dir)?;
            (pdf.bytes, pdf.warnings)
        }
        ExportFormat::Docx => {
            let docx = crate::export::to_docx(templates, brief, dataset, None, base_dir)?;
            (docx.bytes, docx.warnings)
        }
    };
    crate::export::write_atomic(path, &bytes, sources)?;
    Ok(warnings)
}
