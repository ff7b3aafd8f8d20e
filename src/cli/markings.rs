//! `briefsmith markings`: the marking schemes available, their levels and where they come from.

use briefsmith_marking::Origin;
use std::process::ExitCode;

/// Prints each scheme's name, title and levels, and its notice; user schemes show their file.
pub fn run() -> ExitCode {
    let schemes = match crate::marking::schemes() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    for (scheme, origin) in schemes.iter() {
        let from = match origin {
            Origin::BuiltIn => String::new(),
            Origin::File(path) => format!(" [{}]", path.display()),
        };
        let levels: Vec<&str> = scheme.levels.iter().map(|l| l.portion.as_str()).collect();
        println!("{}  {}{from}", scheme.name, scheme.title);
        println!("    levels: {}", levels.join(" < "));
        if !scheme.notice.is_empty() {
            println!("    {}", scheme.notice);
        }
    }
    ExitCode::SUCCESS
}
