//! The tradecraft checks as the app and the command line run them: the rules are the
//! defaults, then the `[checks]` table of the brief's template, then the user's
//! `checks.toml` in the platform config folder.

use briefsmith_checks::{Report, Rules, RulesError, RulesLayer, check};
use briefsmith_core::model::{Brief, DatasetIndex};
use briefsmith_template::Registry;
use std::path::PathBuf;

/// File name of the user's rules in the platform's config folder.
pub const USER_RULES_FILE: &str = "checks.toml";

/// The user's rules file (e.g. `~/.config/briefsmith/checks.toml` on Linux), whether or
/// not it exists; beside the user's template folder.
pub fn user_rules_path() -> Option<PathBuf> {
    briefsmith_template::user_template_dir()
        .and_then(|d| d.parent().map(|p| p.join(USER_RULES_FILE)))
}

/// The user's rules layer: empty when there is no `checks.toml`; an error naming the file,
/// line and column when it cannot be read or is not valid.
pub fn user_rules() -> Result<RulesLayer, RulesError> {
    let Some(path) = user_rules_path() else {
        return Ok(RulesLayer::default());
    };
    let origin = path.display().to_string();
    match std::fs::read_to_string(&path) {
        Ok(text) => RulesLayer::parse(&text, &origin),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RulesLayer::default()),
        Err(e) => Err(RulesError::Shape {
            origin,
            message: format!("cannot read: {e}"),
        }),
    }
}

/// The rules for `brief`: defaults ← its template's `[checks]` (when the registry knows
/// the template) ← `user`.
pub fn rules_for(
    registry: &Registry,
    brief: &Brief,
    user: &RulesLayer,
) -> Result<Rules, RulesError> {
    let mut rules = Rules::default();
    if let Some(template) = registry.get(&brief.meta.template) {
        let origin = format!("template {}", template.name());
        rules = rules.with(&RulesLayer::from_table(&template.manifest.checks, &origin)?);
    }
    Ok(rules.with(user))
}

/// Checks `brief` against its dataset (when at hand) under `rules_for`'s rules.
pub fn run(
    registry: &Registry,
    brief: &Brief,
    dataset: Option<&DatasetIndex<'_>>,
    user: &RulesLayer,
) -> Result<Report, RulesError> {
    Ok(check(brief, dataset, &rules_for(registry, brief, user)?))
}
