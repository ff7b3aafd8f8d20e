//! Entities: library entities found by name or alias, and new names proposed with a
//! guess at their kind.

use super::names::{Known, NameRun};
use super::people::Speaker;
use crate::model::{Candidate, CandidateKind, EntityGuess};

/// One candidate per entity, at its first mention: known ones first (in library order),
/// then new names in order of appearance.
pub fn find<'p>(
    paragraphs: impl Iterator<Item = (&'p str, &'p [NameRun])> + Clone,
    known: Known<'_>,
    speakers: &[Speaker],
) -> Vec<Candidate> {
    let mut out = Vec::new();
    for entity in known.entities {
        let first = paragraphs.clone().enumerate().find_map(|(i, (text, _))| {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .filter_map(|n| first_word_match(text, n))
                .min_by_key(|r| r.start)
                .map(|r| (i + 1, r))
        });
        if let Some((para, span)) = first {
            let mut c = Candidate::new(CandidateKind::Entity, entity.name.clone(), para, span);
            c.entity_id = Some(entity.id.to_string());
            c.entity_kind = Some(guess_of(entity.kind));
            out.push(c);
        }
    }
    let mut proposed: Vec<String> = Vec::new();
    for (i, (text, runs)) in paragraphs.enumerate() {
        for run in runs {
            let speaker = speakers
                .iter()
                .find(|s| s.name == run.name || s.name.ends_with(&format!(" {}", run.name)));
            let before = text[..run.start].trim_end();
            let place = ["in", "at", "from", "near"]
                .iter()
                .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
            let wanted = run.tokens >= 2 || place || speaker.is_some_and(|s| s.entity_id.is_none());
            let adjective = run.tokens == 1
                && text[run.end..].starts_with([' ', '-'])
                && text[run.end..]
                    .trim_start_matches([' ', '-'])
                    .starts_with(char::is_lowercase)
                && ["ian", "ean", "ese", "ish", "ch", "li", "ni", "ic"]
                    .iter()
                    .any(|s| run.name.ends_with(s));
            if !wanted || adjective || super::dates::is_month(&run.name) || is_weekday(&run.name) {
                continue;
            }
            if known.by_name(&run.name).is_some()
                || known
                    .within(&run.name)
                    .is_some_and(|e| e.name.len() * 2 >= run.name.len())
                || speakers
                    .iter()
                    .any(|s| s.entity_id.is_some() && s.name.ends_with(run.name.as_str()))
            {
                continue;
            }
            let name = speaker.map_or(run.name.clone(), |s| s.name.clone());
            if proposed
                .iter()
                .any(|p| p == &name || p.ends_with(&format!(" {name}")))
            {
                continue;
            }
            let kind = if run.looks_like_org() {
                EntityGuess::Organisation
            } else if speaker.is_some_and(|s| s.person)
                || (!run.title.is_empty() && run.tokens >= 2)
            {
                EntityGuess::Person
            } else if place {
                EntityGuess::Place
            } else {
                EntityGuess::Other
            };
            let mut c = Candidate::new(
                CandidateKind::Entity,
                name.clone(),
                i + 1,
                run.start..run.end,
            );
            c.entity_kind = Some(kind);
            out.push(c);
            proposed.push(name);
        }
    }
    out
}

/// The first whole-word, case-sensitive occurrence of `name` in `text`.
fn first_word_match(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    if name.is_empty() {
        return None;
    }
    text.match_indices(name)
        .map(|(i, _)| i..i + name.len())
        .find(|r| boundary(text, r.clone()))
}

fn boundary(text: &str, r: std::ops::Range<usize>) -> bool {
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
}

fn is_weekday(word: &str) -> bool {
    word.parse::<chrono::Weekday>().is_ok() && word.len() > 3
}

fn guess_of(kind: briefsmith_core::model::EntityKind) -> EntityGuess {
    use briefsmith_core::model::EntityKind as K;
    match kind {
        K::Person => EntityGuess::Person,
        K::Organisation => EntityGuess::Organisation,
        K::Place | K::Country => EntityGuess::Place,
        _ => EntityGuess::Other,
    }
}
