//! Inline content → `w:r` runs: emphasis, code, breaks, links (`w:hyperlink`), note
//! references, and right-to-left stretches set as `w:rtl` runs with their language.

use briefsmith_layout::{Run, RunKind};

use crate::body::{Part, Shared};
use crate::direction;
use crate::notes::NoteRef;
use crate::styles;
use crate::xml::Xml;

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RunProps {
    pub style: Option<&'static str>,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
}

/// Writes runs, grouping those that share a link into one `w:hyperlink`.
pub(crate) fn runs(out: &mut Part, sh: &mut Shared<'_>, runs: &[Run], base: &RunProps) {
    let mut open_link: Option<&str> = None;
    let mut in_hyperlink = false;
    let mut last_was_ref = false;
    for r in runs {
        let link = r.link.as_deref().filter(|_| r.kind != RunKind::NoteRef);
        if link != open_link {
            if in_hyperlink {
                out.xml.close("w:hyperlink");
            }
            in_hyperlink = link.is_some_and(|dest| hyperlink(out, dest));
            open_link = link;
        }
        let mut props = RunProps {
            bold: base.bold || r.strong,
            italic: base.italic ^ r.emph,
            strike: base.strike || r.strike,
            style: base.style,
        };
        match r.kind {
            RunKind::Text => {
                if in_hyperlink {
                    props.style = Some(styles::HYPERLINK);
                }
                text(&mut out.xml, &r.text, &props);
            }
            RunKind::Code => {
                props.style = Some(styles::VERBATIM);
                text(&mut out.xml, &r.text, &props);
            }
            RunKind::Break => out.xml.raw("<w:r><w:br/></w:r>"),
            RunKind::NoteRef => {
                note_ref(&mut out.xml, sh, &r.text, &props, last_was_ref);
            }
        }
        last_was_ref = r.kind == RunKind::NoteRef;
    }
    if in_hyperlink {
        out.xml.close("w:hyperlink");
    }
}

/// Opens a `w:hyperlink` for a web or mail address (a relationship of the part) or a
/// `#fragment` (a bookmark); other destinations stay plain text, as in the PDF.
fn hyperlink(out: &mut Part, dest: &str) -> bool {
    let dest = dest.trim();
    if let Some(fragment) = dest.strip_prefix('#') {
        let name = crate::bookmarks::name(fragment);
        out.xml.open("w:hyperlink", &[("w:anchor", &name)]);
        return true;
    }
    let web = ["http://", "https://", "mailto:"].iter().any(|scheme| {
        dest.get(..scheme.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(scheme))
            && dest.len() > scheme.len()
    });
    if web {
        let id = out.rels.link(dest);
        out.xml.open("w:hyperlink", &[("r:id", &id)]);
    }
    web
}

/// A note reference: the Word note at its first reference, its number in the note
/// reference style later, the literal `[^label]` when no note has that label. Adjacent
/// references are separated by commas, as in the PDF.
fn note_ref(x: &mut Xml, sh: &mut Shared<'_>, label: &str, props: &RunProps, after_ref: bool) {
    let kind = sh.notes.kind;
    let reference = sh.notes.reference(label);
    if after_ref && reference != NoteRef::Unknown {
        let comma = RunProps {
            style: Some(kind.reference_style()),
            ..RunProps::default()
        };
        text(x, ",", &comma);
    }
    match reference {
        NoteRef::First(n) => {
            x.open("w:r", &[]);
            x.open("w:rPr", &[]);
            x.empty("w:rStyle", &[("w:val", kind.reference_style())]);
            x.close("w:rPr");
            x.empty(kind.reference_element(), &[("w:id", &n.to_string())]);
            x.close("w:r");
        }
        NoteRef::Again(n) => {
            let style = RunProps {
                style: Some(kind.reference_style()),
                ..RunProps::default()
            };
            text(x, &n.to_string(), &style);
        }
        NoteRef::Unknown => text(x, &format!("[^{label}]"), props),
    }
}

/// Text in one format, split where its direction changes; tabs and line breaks become
/// Word's own elements.
pub(crate) fn text(x: &mut Xml, text: &str, props: &RunProps) {
    for segment in direction::segments(text) {
        x.open("w:r", &[]);
        run_props(x, props, segment.rtl);
        content(x, segment.text);
        x.close("w:r");
    }
}

fn run_props(x: &mut Xml, p: &RunProps, rtl: Option<&str>) {
    if p.style.is_none() && !p.bold && !p.italic && !p.strike && rtl.is_none() {
        return;
    }
    // The schema fixes the order of these elements.
    x.open("w:rPr", &[]);
    if let Some(style) = p.style {
        x.empty("w:rStyle", &[("w:val", style)]);
    }
    if p.bold {
        x.raw("<w:b/><w:bCs/>");
    }
    if p.italic {
        x.raw("<w:i/><w:iCs/>");
    }
    if p.strike {
        x.raw("<w:strike/>");
    }
    if let Some(lang) = rtl {
        x.raw("<w:rtl/>");
        x.empty("w:lang", &[("w:bidi", lang)]);
    }
    x.close("w:rPr");
}

/// The run's content: `w:t` pieces, `w:tab` for tabs, `w:br` for line feeds; carriage
/// returns are dropped (a CR LF pair is one break).
fn content(x: &mut Xml, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let element = match c {
            '\t' => Some("<w:tab/>"),
            '\n' => Some("<w:br/>"),
            '\r' => Some(""),
            _ => None,
        };
        if let Some(element) = element {
            piece(x, &text[start..i]);
            x.raw(element);
            start = i + c.len_utf8();
        }
    }
    piece(x, &text[start..]);
}

fn piece(x: &mut Xml, text: &str) {
    if !text.is_empty() {
        x.element("w:t", &[("xml:space", "preserve")], text);
    }
}
