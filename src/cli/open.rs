//! `briefsmith [DRAFT]`, `briefsmith open DRAFT` and `--screenshot OUT.png [DRAFT]`: the
//! desktop app.

use crate::app::state::{AppOptions, Startup};
use std::path::Path;
use std::process::ExitCode;

/// What the window opens with.
pub struct OpenArgs<'a> {
    /// The draft to open; the bundled sample when `None`.
    pub draft: Option<&'a Path>,
    /// Save a PNG of the window here once it has settled, then exit.
    pub screenshot: Option<&'a Path>,
    /// Extra template folder (`--templates`).
    pub templates_dir: Option<&'a Path>,
}

/// Opens the window and runs until it is closed.
pub fn run(args: OpenArgs<'_>) -> ExitCode {
    if let Some(draft) = args.draft
        && !draft.is_file()
    {
        eprintln!("briefsmith: {}: no such draft", draft.display());
        return ExitCode::from(2);
    }
    let startup = match args.draft {
        Some(path) => Startup::Draft(path.to_path_buf()),
        None => Startup::Sample,
    };
    let mut options = AppOptions::from_env(startup);
    options.templates_dir = args.templates_dir.map(Path::to_path_buf);
    if let Some(out) = args.screenshot {
        if out
            .parent()
            .is_some_and(|p| !p.as_os_str().is_empty() && !p.is_dir())
        {
            eprintln!("briefsmith: {}: folder does not exist", out.display());
            return ExitCode::from(2);
        }
        // Remove an old screenshot so success below means this run wrote it.
        let _ = std::fs::remove_file(out);
        options.screenshot = Some(out.to_path_buf());
        options.native_dialogs = false;
    }
    match crate::app::run(options) {
        Ok(()) if args.screenshot.is_some_and(|p| !p.exists()) => {
            eprintln!("briefsmith: the window closed before the screenshot was taken");
            ExitCode::FAILURE
        }
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("briefsmith: {e:#}");
            ExitCode::FAILURE
        }
    }
}
