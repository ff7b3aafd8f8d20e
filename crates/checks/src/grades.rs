//! Items whose grade says nothing (source F, or credibility 6) may be cited, but the
//! reader is owed the reason.

use crate::Finding;
use crate::context::{Context, item_key};
use briefsmith_core::model::Block;

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (pos, block) in cx.brief.blocks() {
        let Block::Item(r) = block else { continue };
        let s = &r.snapshot;
        let unjudged_source = s.source.reliability.0 == "F";
        let unjudged_truth = s.credibility.0 == 6;
        if !(unjudged_source || unjudged_truth) || !r.note.trim().is_empty() {
            continue;
        }
        let what = match (unjudged_source, unjudged_truth) {
            (true, true) => "its source's reliability and its truth cannot be judged",
            (true, false) => "its source's reliability cannot be judged (F)",
            _ => "its truth cannot be judged (6)",
        };
        out.push(Finding::new(
            "item.ungradable-without-note",
            cx.place(pos, None),
            item_key(&r.item),
            format!(
                "{} is graded {}: {what}. Add a note saying why it is cited anyway \
                 (e.g. the only reporting on the point, or the speaker's own claim).",
                r.item,
                s.grade()
            ),
        ));
    }
}
