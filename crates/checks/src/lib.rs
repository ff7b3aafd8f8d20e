//! Tradecraft checks: the questions a reviewer asks of every analytic brief, asked by the
//! program as a linter asks them of code.
//!
//! [`check`] runs every enabled check over a brief (and, when it is at hand, the dataset
//! it cites) and returns [`Finding`]s, each with a stable id, a severity, its place and a
//! message that says what is wrong and how to fix it. [`Rules`] say which checks run and
//! with which thresholds, merged from the defaults, the template and the user.
//! What good looks like comes from ICD 203 and the Admiralty grading system, as
//! summarised in the project's reference notes on analytic tradecraft.

mod context;
mod dates;
mod drift;
mod estimative;
mod finding;
mod grades;
mod rules;
mod structure;
mod support;
mod text;

pub use finding::{Counts, Finding, Place, Report, Severity};
pub use rules::{CHECKS, CheckInfo, Requirement, Rules, RulesError, RulesLayer};

use briefsmith_core::model::{Brief, DatasetIndex};
use context::Context;

/// Runs every check `rules` enable over `brief`, looking cited items up in `dataset`
/// when it is given (the drift and verbatim checks need it; the rest work from the
/// brief's snapshots), and marks the findings the brief acknowledges.
pub fn check(brief: &Brief, dataset: Option<&DatasetIndex<'_>>, rules: &Rules) -> Report {
    let cx = Context::new(brief, dataset, rules);
    let mut findings = Vec::new();
    structure::check(&cx, &mut findings);
    dates::check(&cx, &mut findings);
    support::check(&cx, &mut findings);
    estimative::check(&cx, &mut findings);
    drift::check(&cx, &mut findings);
    grades::check(&cx, &mut findings);
    findings.retain(|f| rules.is_enabled(f.check));
    for f in &mut findings {
        f.severity = rules.severity(f.check);
        f.acknowledged = brief
            .meta
            .acknowledged
            .iter()
            .find(|a| a.check == f.check && a.place == f.key)
            .map(|a| a.reason.clone());
    }
    // Brief-level findings first, then in reading order; a stable sort keeps the
    // order the checks gave within one block.
    findings.sort_by_key(|f| (f.place.section, f.place.block));
    Report { findings }
}
