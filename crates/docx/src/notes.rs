//! Footnotes or endnotes (`word/footnotes.xml`, `word/endnotes.xml`): which definitions
//! the text references, numbered in the order of their first reference as Word numbers
//! them, and the parts that hold them.

use std::collections::HashMap;

use briefsmith_layout::NoteDef;
use briefsmith_style::NotesPlacement;

use crate::body::{self, Ctx, Mark, Part, Shared};
use crate::xml::Xml;

/// Which of Word's two note kinds the template asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteKind {
    Foot,
    End,
}

impl NoteKind {
    pub fn of(placement: NotesPlacement) -> NoteKind {
        match placement {
            NotesPlacement::Footnotes => NoteKind::Foot,
            NotesPlacement::Endnotes => NoteKind::End,
        }
    }

    fn word(self) -> &'static str {
        match self {
            NoteKind::Foot => "footnote",
            NoteKind::End => "endnote",
        }
    }

    /// The element that references a note from the text.
    pub fn reference_element(self) -> &'static str {
        match self {
            NoteKind::Foot => "w:footnoteReference",
            NoteKind::End => "w:endnoteReference",
        }
    }

    /// The element that prints the note's own number at its start.
    pub fn mark_element(self) -> &'static str {
        match self {
            NoteKind::Foot => "w:footnoteRef",
            NoteKind::End => "w:endnoteRef",
        }
    }

    /// The paragraph style of note text.
    pub fn text_style(self) -> &'static str {
        match self {
            NoteKind::Foot => "FootnoteText",
            NoteKind::End => "EndnoteText",
        }
    }

    /// The character style of note numbers.
    pub fn reference_style(self) -> &'static str {
        match self {
            NoteKind::Foot => "FootnoteReference",
            NoteKind::End => "EndnoteReference",
        }
    }
}

/// What a reference in the text turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoteRef {
    /// The note's first reference: it gets its Word note, number `n`.
    First(u32),
    /// A later reference to note `n`: Word allows one reference per note, so the later
    /// ones print its number.
    Again(u32),
    /// No definition has this label.
    Unknown,
}

/// The note definitions and the order the text references them in.
#[derive(Debug)]
pub(crate) struct Notes<'t> {
    pub kind: NoteKind,
    defs: HashMap<&'t str, &'t NoteDef>,
    numbers: HashMap<&'t str, u32>,
    /// Referenced notes, by number − 1.
    pub order: Vec<&'t NoteDef>,
}

impl<'t> Notes<'t> {
    pub fn new(kind: NoteKind, defs: &'t [NoteDef]) -> Notes<'t> {
        let mut map = HashMap::with_capacity(defs.len());
        for d in defs {
            // The first definition of a label wins, as in the PDF.
            map.entry(d.label.as_str()).or_insert(d);
        }
        Notes {
            kind,
            defs: map,
            numbers: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Records a reference to `label`.
    pub fn reference(&mut self, label: &str) -> NoteRef {
        if let Some(n) = self.numbers.get(label) {
            return NoteRef::Again(*n);
        }
        let Some(def) = self.defs.get(label).copied() else {
            return NoteRef::Unknown;
        };
        self.order.push(def);
        let n = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        self.numbers.insert(def.label.as_str(), n);
        NoteRef::First(n)
    }

    /// Definitions no text referenced, in source order.
    pub fn unreferenced(&self, all: &'t [NoteDef]) -> Vec<&'t NoteDef> {
        all.iter()
            .filter(|d| {
                !self.numbers.contains_key(d.label.as_str())
                    && self
                        .defs
                        .get(d.label.as_str())
                        .is_some_and(|first| std::ptr::eq(*first, *d))
            })
            .collect()
    }
}

/// Writes the notes part of `kind`: the separators Word expects, then each referenced
/// note (when `kind` is the one in use). Notes referenced from inside notes are added as
/// they are met.
pub(crate) fn part(kind: NoteKind, shared: &mut Shared<'_>) -> Part {
    let word = kind.word();
    let root = format!("w:{word}s");
    let item = format!("w:{word}");
    let mut part = Part::new();
    part.xml.open(&root, &crate::NAMESPACES);
    for (id, ty, mark) in [
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ] {
        part.xml.open(&item, &[("w:type", ty), ("w:id", id)]);
        part.xml.raw("<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r>");
        part.xml.empty(mark, &[]);
        part.xml.raw("</w:r></w:p>");
        part.xml.close(&item);
    }
    if shared.notes.kind == kind {
        let mut i = 0;
        while let Some(def) = shared.notes.order.get(i).copied() {
            i += 1;
            part.xml.open(&item, &[("w:id", &i.to_string())]);
            shared.pending_mark = Some(Mark::Note(kind));
            let ctx = Ctx::note(kind);
            body::blocks(&mut part, shared, &def.blocks, &ctx);
            if shared.pending_mark.is_some() {
                // An empty definition still shows its number.
                body::paragraph(&mut part, shared, &body::Para::new(kind.text_style()), &[]);
            }
            part.xml.close(&item);
        }
    }
    part.xml.close(&root);
    part
}

/// The mark a note starts with: its number, then a tab to the text's hanging indent.
pub(crate) fn mark(x: &mut Xml, mark: Mark) {
    match mark {
        Mark::Note(kind) => {
            x.open("w:r", &[]);
            x.open("w:rPr", &[]);
            x.empty("w:rStyle", &[("w:val", kind.reference_style())]);
            x.close("w:rPr");
            x.empty(kind.mark_element(), &[]);
            x.close("w:r");
        }
        Mark::Number(n) => {
            crate::runs::text(x, &format!("{n}."), &crate::runs::RunProps::default())
        }
    }
    x.raw("<w:r><w:tab/></w:r>");
}
