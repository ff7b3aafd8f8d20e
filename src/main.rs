//! The `briefsmith` binary: the desktop app, or a command-line subcommand.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = briefsmith::cli::Cli::parse();
    briefsmith::cli::run(cli)
}
