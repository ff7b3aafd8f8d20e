//! Inline runs of the tree → styled spans for the text engine: emphasis, code, links
//! (only http, https and mailto become clickable) and note references.

use crate::notes::NoteRegistry;
use crate::theme::LINK;
use crate::tree::{Run, RunKind};
use crate::{LinkTarget, Span, TextStyle};
use briefsmith_style::Family;

/// Inline code is set a little smaller than the text around it: mono faces look large.
const CODE_SCALE: f32 = 0.9;
/// Note references: size and raise relative to the text size.
const REF_SCALE: f32 = 0.68;
const REF_RAISE: f32 = 0.36;

/// Anchor name of note `n` (the target of its references).
pub(crate) fn note_anchor(n: u32) -> String {
    format!("note-{n}")
}

/// Anchor name of the first reference to note `n` (the target of the note's back link).
pub(crate) fn ref_anchor(n: u32) -> String {
    format!("noteref-{n}")
}

/// The note number an internal link target points at, if it is a note reference.
pub(crate) fn note_of(target: &LinkTarget) -> Option<u32> {
    match target {
        LinkTarget::Internal(name) => name.strip_prefix("note-")?.parse().ok(),
        LinkTarget::External(_) => None,
    }
}

/// The link a destination becomes: external for http, https and mailto, none otherwise
/// (relative paths, javascript: and the like are set as plain text).
pub(crate) fn external_link(dest: &str) -> Option<LinkTarget> {
    let d = dest.trim();
    let rest = ["http://", "https://", "mailto:"]
        .iter()
        .find_map(|scheme| {
            let head = d.get(..scheme.len())?;
            head.eq_ignore_ascii_case(scheme)
                .then(|| &d[scheme.len()..])
        })?;
    (!rest.trim().is_empty()).then(|| LinkTarget::External(d.to_string()))
}

/// Plain text of runs for outlines and tests: note references left out.
pub(crate) fn plain_text(runs: &[Run]) -> String {
    let mut out = String::new();
    for r in runs {
        match r.kind {
            RunKind::Text | RunKind::Code => out.push_str(&r.text),
            RunKind::Break => out.push(' '),
            RunKind::NoteRef => {}
        }
    }
    out
}

/// Turns runs into spans on a base style; note references are numbered in `notes`.
pub(crate) fn spans(runs: &[Run], base: &TextStyle, notes: &mut NoteRegistry) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(runs.len());
    for r in runs {
        match r.kind {
            RunKind::Break => match out.last_mut() {
                Some(last) => last.text.push('\n'),
                None => out.push(Span::new("\n", base.clone())),
            },
            RunKind::Text => {
                let mut s = styled(r, base);
                if let Some(t) = r.link.as_deref().and_then(external_link) {
                    s.link = Some(t);
                    s.color = LINK;
                }
                push(&mut out, Span::new(r.text.as_str(), s));
            }
            RunKind::Code => {
                let mut s = styled(r, base);
                s.family = Family::Mono;
                s.italic = false;
                s.size = base.size * CODE_SCALE;
                if let Some(t) = r.link.as_deref().and_then(external_link) {
                    s.link = Some(t);
                    s.color = LINK;
                }
                out.push(Span::new(r.text.as_str(), s));
            }
            RunKind::NoteRef => match notes.reference(&r.text) {
                Some(n) => {
                    let mut s = base.clone();
                    s.size = base.size * REF_SCALE;
                    s.baseline_shift = base.size * REF_RAISE;
                    s.color = LINK;
                    // Adjacent references are set "1,2,3", not "123".
                    if out
                        .last()
                        .is_some_and(|l| l.style.link.as_ref().and_then(note_of).is_some())
                    {
                        let mut comma = s.clone();
                        comma.color = base.color;
                        out.push(Span::new(",", comma));
                    }
                    s.link = Some(LinkTarget::Internal(note_anchor(n)));
                    out.push(Span::new(n.to_string(), s));
                }
                None => push(
                    &mut out,
                    Span::new(format!("[^{}]", r.text), styled(r, base)),
                ),
            },
        }
    }
    out
}

fn styled(r: &Run, base: &TextStyle) -> TextStyle {
    let mut s = base.clone();
    s.bold |= r.strong;
    // Emphasis inside italic text is set upright, as in print.
    s.italic ^= r.emph;
    s.strike |= r.strike;
    s
}

/// Appends a span, merging it into the previous one when they look the same.
fn push(out: &mut Vec<Span>, span: Span) {
    match out.last_mut() {
        Some(last) if last.style == span.style => last.text.push_str(&span.text),
        _ => out.push(span),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_and_mail_links_are_external() {
        assert!(external_link("https://example.org/a").is_some());
        assert!(external_link("HTTP://EXAMPLE.ORG").is_some());
        assert!(external_link("mailto:a@b.org").is_some());
        assert!(external_link("javascript:alert(1)").is_none());
        assert!(external_link("file:///etc/passwd").is_none());
        assert!(external_link("other.md").is_none());
        assert!(external_link("https://").is_none());
    }

    #[test]
    fn adjacent_note_references_are_separated() {
        use crate::tree::NoteDef;
        let defs: Vec<NoteDef> = ["a", "b"]
            .iter()
            .map(|l| NoteDef {
                label: l.to_string(),
                blocks: Vec::new(),
            })
            .collect();
        let mut reg = NoteRegistry::new(&defs);
        let run = |label: &str| Run {
            text: label.into(),
            kind: RunKind::NoteRef,
            emph: false,
            strong: false,
            strike: false,
            link: None,
        };
        let spans = spans(&[run("a"), run("b")], &TextStyle::default(), &mut reg);
        let texts: Vec<&str> = spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, vec!["1", ",", "2"]);
    }

    #[test]
    fn note_anchors_round_trip() {
        assert_eq!(note_of(&LinkTarget::Internal(note_anchor(12))), Some(12));
        assert_eq!(note_of(&LinkTarget::Internal(ref_anchor(12))), None);
    }
}
