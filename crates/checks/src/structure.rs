//! What the template says a brief of its kind must contain: a bottom line, key
//! judgments, the period a situation report covers.

use crate::context::Context;
use crate::text::{names_a_date, words};
use crate::{Finding, Place, Requirement};
use briefsmith_core::model::Block;

/// Words that introduce the period a report covers ("as of 12 October", "since 1 October").
const PERIOD_WORDS: [&str; 6] = ["as", "since", "between", "from", "until", "through"];

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let brief = cx.brief;
    let template = &brief.meta.template;
    if cx.rules.requires(Requirement::BottomLine) && brief.meta.bottom_line.trim().is_empty() {
        out.push(Finding::new(
            Requirement::BottomLine.check(),
            Place::brief(),
            "brief".to_owned(),
            format!(
                "A {template} brief opens with its bottom line, and this one has none: write \
                 one or two sentences (the judgment and why it matters) in the brief's details."
            ),
        ));
    }
    if cx.rules.requires(Requirement::KeyJudgment) && cx.judgments.is_empty() {
        out.push(Finding::new(
            Requirement::KeyJudgment.check(),
            Place::brief(),
            "brief".to_owned(),
            format!(
                "A {template} brief needs at least one key judgment, and this one has none: \
                 add one (with its likelihood, confidence and support) under the key \
                 judgments."
            ),
        ));
    }
    if cx.rules.requires(Requirement::TimeWindow) && !states_period(cx) {
        out.push(Finding::new(
            Requirement::TimeWindow.check(),
            Place::brief(),
            "brief".to_owned(),
            format!(
                "A {template} says what period it covers, and this one does not: give the \
                 brief a date and say “as of 12 October 2024” (or “since …”) in the title or \
                 the first section."
            ),
        ));
    }
}

/// Whether the brief has a date and states its period in the title, the bottom line or
/// the text of its first section: a period word followed, in the same sentence, by a date.
fn states_period(cx: &Context<'_>) -> bool {
    let brief = cx.brief;
    if brief.meta.date.trim().is_empty() {
        return false;
    }
    let first_section = brief.sections.first().into_iter().flat_map(|s| &s.blocks);
    let texts = [brief.meta.title.as_str(), brief.meta.bottom_line.as_str()]
        .into_iter()
        .chain(first_section.filter_map(|b| match b {
            Block::Text(t) => Some(t.markdown.as_str()),
            _ => None,
        }));
    texts.into_iter().any(|text| {
        words(text).iter().any(|(at, w)| {
            PERIOD_WORDS.contains(&w.as_str()) && {
                // "as" counts only as "as of".
                let rest = &text[*at..];
                let rest = rest.get(w.len()..).unwrap_or_default();
                (w != "as" || rest.trim_start().to_lowercase().starts_with("of "))
                    && names_a_date(rest.split(['.', '\n']).next().unwrap_or_default())
            }
        })
    })
}
