//! `briefsmith check DRAFT... [--format text|json]`: the tradecraft checks, one line per
//! finding (or one JSON document, see docs/checks.md). Exit 0 when no unacknowledged
//! error is found, 1 when one is, 2 when a draft or the rules cannot be read.

use briefsmith_checks::{Finding, Report};
use briefsmith_core::store::open_draft_with;
use briefsmith_library::load_dataset_for;
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `FILE: PLACE: SEVERITY [CHECK]: MESSAGE`, one line per finding.
    Text,
    /// One JSON document for other tools (format `briefsmith-check/1`).
    Json,
}

/// The JSON document: one entry per draft, in the order given.
#[derive(Serialize)]
struct JsonReport<'a> {
    format: &'static str,
    drafts: Vec<JsonDraft<'a>>,
}

#[derive(Serialize)]
struct JsonDraft<'a> {
    file: String,
    /// Why the draft could not be checked; the findings are then empty.
    error: Option<String>,
    /// Whether the draft's dataset was found (without it, drift and verbatim checks are skipped).
    dataset: bool,
    counts: briefsmith_checks::Counts,
    findings: &'a [Finding],
}

/// What became of one draft.
enum Outcome {
    Checked { report: Report, dataset: bool },
    Failed(String),
}

/// Prints every check the engine knows: id, default severity, what it looks for.
pub fn list() -> ExitCode {
    let width = briefsmith_checks::CHECKS
        .iter()
        .map(|c| c.id.len())
        .max()
        .unwrap_or(0);
    let mut out = io::stdout().lock();
    for c in briefsmith_checks::CHECKS {
        let _ = writeln!(
            out,
            "{:width$}  {:7}  {}",
            c.id,
            c.severity.as_str(),
            c.about
        );
    }
    ExitCode::SUCCESS
}

/// Checks each draft and prints the findings; see the module doc for the exit code.
pub fn run(drafts: &[PathBuf], format: Format, templates_dir: Option<&Path>) -> ExitCode {
    let setup = crate::export::registry(templates_dir)
        .map_err(|e| format!("{e:#}"))
        .and_then(|r| Ok((r, crate::checks::user_rules().map_err(|e| e.to_string())?)));
    let (registry, user) = match setup {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let outcomes: Vec<(String, Outcome)> = drafts
        .iter()
        .map(|path| {
            // The checks read only the items the brief cites: a library gives just those.
            let outcome = match open_draft_with(path, load_dataset_for) {
                Ok(opened) => {
                    let index = opened.dataset.as_ref().map(|d| d.index());
                    match crate::checks::run(&registry, &opened.brief, index.as_ref(), &user) {
                        Ok(report) => Outcome::Checked {
                            report,
                            dataset: opened.dataset.is_some(),
                        },
                        Err(e) => Outcome::Failed(e.to_string()),
                    }
                }
                Err(e) => Outcome::Failed(e.to_string()),
            };
            (path.display().to_string(), outcome)
        })
        .collect();
    let mut out = io::stdout().lock();
    // A closed pipe (`| head`) is not a failure of the drafts.
    let _ = match format {
        Format::Text => print_text(&mut out, &outcomes),
        Format::Json => print_json(&mut out, &outcomes),
    };
    let _ = out.flush();
    let mut total = briefsmith_checks::Counts::default();
    let mut failed = 0;
    for (_, outcome) in &outcomes {
        match outcome {
            Outcome::Checked { report, .. } => {
                let c = report.counts();
                total.error += c.error;
                total.warning += c.warning;
                total.info += c.info;
                total.acknowledged += c.acknowledged;
            }
            Outcome::Failed(_) => failed += 1,
        }
    }
    eprintln!(
        "{} draft(s) checked: {} error(s), {} warning(s), {} note(s), {} acknowledged{}",
        drafts.len(),
        total.error,
        total.warning,
        total.info,
        total.acknowledged,
        if failed > 0 {
            format!("; {failed} could not be checked")
        } else {
            String::new()
        }
    );
    if failed > 0 {
        ExitCode::from(2)
    } else if total.error > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(out: &mut impl Write, outcomes: &[(String, Outcome)]) -> io::Result<()> {
    for (file, outcome) in outcomes {
        match outcome {
            Outcome::Failed(e) => writeln!(out, "{file}: error: cannot check: {e}")?,
            Outcome::Checked { report, dataset } => {
                if !dataset {
                    writeln!(
                        out,
                        "{file}: brief: info: dataset not found; changed items and quotes \
                         were not compared with it"
                    )?;
                }
                for f in &report.findings {
                    let severity = match &f.acknowledged {
                        Some(_) => "accepted",
                        None => f.severity.as_str(),
                    };
                    write!(
                        out,
                        "{file}: {}: {severity} [{}]: {}",
                        f.place.describe(),
                        f.check,
                        f.message
                    )?;
                    match &f.acknowledged {
                        Some(reason) => writeln!(out, " (acknowledged: {reason})")?,
                        None => writeln!(out)?,
                    }
                }
            }
        }
    }
    Ok(())
}

fn print_json(out: &mut impl Write, outcomes: &[(String, Outcome)]) -> io::Result<()> {
    let drafts = outcomes
        .iter()
        .map(|(file, outcome)| match outcome {
            Outcome::Checked { report, dataset } => JsonDraft {
                file: file.clone(),
                error: None,
                dataset: *dataset,
                counts: report.counts(),
                findings: &report.findings,
            },
            Outcome::Failed(e) => JsonDraft {
                file: file.clone(),
                error: Some(e.clone()),
                dataset: false,
                counts: Default::default(),
                findings: &[],
            },
        })
        .collect();
    let doc = JsonReport {
        format: "briefsmith-check/1",
        drafts,
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::other)?;
    writeln!(out)
}
