//! `briefsmith templates`: the templates available, with their descriptions.

use briefsmith_template::Origin;
use std::path::Path;
use std::process::ExitCode;

/// Prints each template's name and description; user templates also show their folder.
pub fn run(templates_dir: Option<&Path>) -> ExitCode {
    let registry = match crate::export::registry(templates_dir) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let width = registry.names().iter().map(|n| n.len()).max().unwrap_or(0);
    for tpl in registry.templates() {
        let from = match &tpl.origin {
            Origin::BuiltIn => String::new(),
            Origin::Folder(dir) => format!(" [{}]", dir.display()),
        };
        println!("{:width$}  {}{from}", tpl.name(), tpl.manifest.description);
    }
    ExitCode::SUCCESS
}
