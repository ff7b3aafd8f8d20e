//! Sourcing of key judgments: cited at all, on more than one source, on grades good
//! enough for the words used.

use crate::Finding;
use crate::context::{Context, judgment_key};
use briefsmith_core::model::Confidence;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for &(pos, n, j) in &cx.judgments {
        let place = || cx.place(pos, Some(n));
        if j.support.is_empty() {
            out.push(Finding::new(
                "judgment.unsupported",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} cites no supporting item: select each item it rests on \
                     in the library and press “Add selected library item as support”."
                ),
            ));
            continue;
        }
        // Items neither in the brief nor in the dataset cannot be judged here; validation
        // reports them as unknown ids.
        let grades: Vec<_> = j.support.iter().filter_map(|id| cx.grade(id)).collect();
        if grades.is_empty() {
            continue;
        }
        let mut sources: Vec<&str> = grades.iter().map(|g| g.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        let single = sources.len() == 1;
        if single {
            out.push(Finding::new(
                "judgment.single-source",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} rests on one source only ({}): corroborate it with an \
                     item from an independent source, or say in the text that it is \
                     single-source.",
                    sources[0]
                ),
            ));
        }
        let all_low = grades
            .iter()
            .all(|g| cx.rules.is_low(g.reliability, g.credibility));
        if all_low {
            out.push(Finding::new(
                "judgment.low-grades",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} rests only on low grades ({}): add better-graded \
                     support, or lower the likelihood and confidence to what the sources bear.",
                    cx.rules.low_grades()
                ),
            ));
        }
        if j.confidence == Confidence::High && (single || all_low) {
            let why = if single {
                "one source"
            } else {
                "low grades only"
            };
            out.push(Finding::new(
                "confidence.thin-support",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} is held with high confidence on {why}: confidence \
                     reflects the quality and quantity of sourcing, so lower it or add \
                     independent, well-graded support."
                ),
            ));
        }
    }
}
