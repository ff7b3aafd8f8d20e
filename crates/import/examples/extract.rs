//! Prints the `--dry-run --json` form of one import, or with `--text`, only the extracted
//! main text (one paragraph a line), as the extraction benchmark script reads it.
//!
//!     cargo run --release -p briefsmith-import --example extract -- [--text] FILE...

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a tool run by hand: a failed step stops it"
)]

use briefsmith_import::{Options, import_path, read_document};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut status = ExitCode::SUCCESS;
    for file in args.iter().filter(|a| *a != "--text") {
        if text_only {
            // The readers alone: what the extraction benchmark scores.
            let text = std::fs::read(file)
                .map_err(|e| e.to_string())
                .and_then(|bytes| read_document(file, &bytes).map_err(|e| e.to_string()));
            let text = match text {
                Ok((_, paragraphs)) => paragraphs.join("\n"),
                Err(e) => {
                    eprintln!("error: {e}");
                    status = ExitCode::FAILURE;
                    String::new()
                }
            };
            let _ = writeln!(out, "{}", serde_json::json!({"file": file, "text": text}));
            continue;
        }
        match import_path(Path::new(file), &Options::default()) {
            Ok(import) => {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&import).unwrap_or_default()
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
