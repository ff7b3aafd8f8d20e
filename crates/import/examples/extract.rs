//! Prints the `--dry-run --json` form of one import, or with `--text`, only the extracted
//! main text (one paragraph a line), as the extraction benchmark script reads it.
//!
//!     cargo run --release -p briefsmith-import --example extract -- [--text] FILE...

use briefsmith_import::{Options, import_path};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text_only = args.iter().any(|a| a == "--text");
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut status = ExitCode::SUCCESS;
    for file in args.iter().filter(|a| *a != "--text") {
        match import_path(Path::new(file), &Options::default()) {
            Ok(import) if text_only => {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::json!({"file": file, "text": import.paragraphs.join("\n")})
                );
            }
            Ok(import) => {
                let _ = writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&import).unwrap_or_default()
                );
            }
            Err(e) => {
                eprintln!("error: {e}");
                if text_only {
                    let _ = writeln!(out, "{}", serde_json::json!({"file": file, "text": ""}));
                }
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
