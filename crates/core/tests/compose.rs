//! Editing a brief through the Editor: every edit, undo/redo, coalescing, errors, modified flag.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_core::compose::{BlockPos, ComposeError, Edit, Editor};
use briefsmith_core::model::{
    Block, Brief, BriefMeta, Confidence, Credibility, DatasetRef, ItemId, ItemKind, ItemRef,
    ItemSnapshot, Judgment, Likelihood, Reliability, SourceId, SourceSnapshot, TextBlock,
};

fn pos(section: usize, index: usize) -> BlockPos {
    BlockPos::new(section, index)
}

fn text(s: &str) -> Block {
    Block::Text(TextBlock {
        markdown: s.to_owned(),
        marking: None,
    })
}

fn item(id: &str) -> Block {
    Block::Item(ItemRef {
        item: ItemId::new(id),
        snapshot: ItemSnapshot {
            kind: ItemKind::Fact,
            text: format!("text of {id}"),
            speaker: String::new(),
            speaker_role: String::new(),
            speech: None,
            via: String::new(),
            date: "2024-10-11".into(),
            place: String::new(),
            credibility: Credibility(2),
            source: SourceSnapshot {
                id: SourceId::new("src"),
                title: "T".into(),
                publisher: "P".into(),
                authors: vec![],
                date: "2024".into(),
                url: None,
                reliability: Reliability::new("B"),
            },
            locator: String::new(),
            marking: None,
        },
        note: String::new(),
        note_marking: None,
    })
}

fn judgment(t: &str) -> Block {
    Block::Judgment(Judgment {
        text: t.to_owned(),
        confidence: Confidence::Moderate,
        likelihood: Likelihood::Likely,
        support: vec![ItemId::new("a")],
        marking: None,
    })
}

/// Two sections: [a, b, c] and [x, y]; names are the item ids or text contents.
fn sample() -> Brief {
    let mut b = Brief::new_from_sections(
        BriefMeta {
            title: "Brief".into(),
            ..Default::default()
        },
        DatasetRef::default(),
        &["One", "Two"],
    );
    b.sections[0].blocks = vec![item("a"), text("b"), judgment("c")];
    b.sections[1].blocks = vec![item("x"), text("y")];
    b
}

/// The blocks of each section by name, for short assertions.
fn layout(b: &Brief) -> Vec<Vec<String>> {
    b.sections
        .iter()
        .map(|s| {
            s.blocks
                .iter()
                .map(|bl| match bl {
                    Block::Item(r) => r.item.to_string(),
                    Block::Text(t) => t.markdown.clone(),
                    Block::Judgment(j) => j.text.clone(),
                })
                .collect()
        })
        .collect()
}

fn names(v: &[&[&str]]) -> Vec<Vec<String>> {
    v.iter()
        .map(|s| s.iter().map(|x| x.to_string()).collect())
        .collect()
}

#[test]
fn insert_at_start_middle_end_and_undo() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::InsertBlock {
        at: pos(0, 0),
        block: text("s"),
    })
    .unwrap();
    ed.apply(Edit::InsertBlock {
        at: pos(0, 2),
        block: text("m"),
    })
    .unwrap();
    ed.apply(Edit::InsertBlock {
        at: pos(1, 2),
        block: text("e"),
    })
    .unwrap();
    assert_eq!(
        layout(ed.brief()),
        names(&[&["s", "a", "m", "b", "c"], &["x", "y", "e"]])
    );
    while ed.undo() {}
    assert_eq!(ed.brief(), &sample());
    while ed.redo() {}
    assert_eq!(
        layout(ed.brief()),
        names(&[&["s", "a", "m", "b", "c"], &["x", "y", "e"]])
    );
}

#[test]
fn move_within_a_section_to_every_position() {
    for to in 0..3 {
        let mut ed = Editor::new(sample());
        ed.apply(Edit::MoveBlock {
            from: pos(0, 0),
            to: pos(0, to),
        })
        .unwrap();
        assert_eq!(ed.brief().sections[0].blocks[to], item("a"), "to {to}");
        assert_eq!(ed.brief().sections[0].blocks.len(), 3);
        assert!(ed.undo() || to == 0);
        assert_eq!(ed.brief(), &sample());
    }
    let mut ed = Editor::new(sample());
    ed.apply(Edit::MoveBlock {
        from: pos(0, 2),
        to: pos(0, 0),
    })
    .unwrap();
    assert_eq!(layout(ed.brief())[0], ["c", "a", "b"]);
    ed.undo();
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn move_across_sections_including_the_end() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::MoveBlock {
        from: pos(0, 1),
        to: pos(1, 2),
    })
    .unwrap();
    assert_eq!(layout(ed.brief()), names(&[&["a", "c"], &["x", "y", "b"]]));
    ed.apply(Edit::MoveBlock {
        from: pos(1, 0),
        to: pos(0, 0),
    })
    .unwrap();
    assert_eq!(layout(ed.brief()), names(&[&["x", "a", "c"], &["y", "b"]]));
    ed.undo();
    ed.undo();
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn out_of_range_positions_are_typed_errors_and_change_nothing() {
    let mut ed = Editor::new(sample());
    let cases = [
        (
            Edit::InsertBlock {
                at: pos(0, 4),
                block: text("z"),
            },
            ComposeError::BadPosition {
                pos: pos(0, 4),
                len: 3,
            },
        ),
        (
            Edit::InsertBlock {
                at: pos(5, 0),
                block: text("z"),
            },
            ComposeError::NoSection { index: 5, count: 2 },
        ),
        (
            Edit::RemoveBlock { at: pos(1, 2) },
            ComposeError::NoBlock {
                pos: pos(1, 2),
                len: 2,
            },
        ),
        (
            Edit::MoveBlock {
                from: pos(0, 0),
                to: pos(0, 3),
            },
            ComposeError::BadPosition {
                pos: pos(0, 3),
                len: 2,
            },
        ),
        (
            Edit::MoveBlock {
                from: pos(0, 0),
                to: pos(1, 3),
            },
            ComposeError::BadPosition {
                pos: pos(1, 3),
                len: 2,
            },
        ),
        (
            Edit::MoveBlock {
                from: pos(0, 9),
                to: pos(1, 0),
            },
            ComposeError::NoBlock {
                pos: pos(0, 9),
                len: 3,
            },
        ),
        (
            Edit::SetNote {
                at: pos(0, 1),
                note: "n".into(),
            },
            ComposeError::WrongBlock {
                pos: pos(0, 1),
                expected: "an item",
            },
        ),
        (
            Edit::SetText {
                at: pos(0, 0),
                markdown: "n".into(),
            },
            ComposeError::WrongBlock {
                pos: pos(0, 0),
                expected: "a text block",
            },
        ),
        (
            Edit::SetJudgment {
                at: pos(0, 0),
                judgment: Judgment::default(),
            },
            ComposeError::WrongBlock {
                pos: pos(0, 0),
                expected: "a key judgment",
            },
        ),
        (
            Edit::AddSection {
                index: 3,
                heading: "h".into(),
            },
            ComposeError::BadSectionIndex { index: 3, count: 2 },
        ),
        (
            Edit::RenameSection {
                index: 2,
                heading: "h".into(),
            },
            ComposeError::NoSection { index: 2, count: 2 },
        ),
        (
            Edit::MoveSection { from: 0, to: 2 },
            ComposeError::NoSection { index: 2, count: 2 },
        ),
        (
            Edit::RemoveSection { index: usize::MAX },
            ComposeError::NoSection {
                index: usize::MAX,
                count: 2,
            },
        ),
        (
            Edit::MoveBlock {
                from: pos(usize::MAX, usize::MAX),
                to: pos(0, 0),
            },
            ComposeError::NoSection {
                index: usize::MAX,
                count: 2,
            },
        ),
    ];
    for (edit, expected) in cases {
        assert_eq!(ed.apply(edit.clone()), Err(expected), "{edit:?}");
        assert_eq!(ed.brief(), &sample(), "{edit:?}");
    }
    assert!(!ed.can_undo());
    assert_eq!(ed.revision(), 0);
    assert!(!ed.is_modified());
}

#[test]
fn remove_block_and_undo_restores_it_in_place() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::RemoveBlock { at: pos(0, 1) }).unwrap();
    assert_eq!(layout(ed.brief())[0], ["a", "c"]);
    assert!(ed.undo());
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn set_note_text_judgment_and_snapshot() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::SetNote {
        at: pos(0, 0),
        note: "why it matters".into(),
    })
    .unwrap();
    ed.apply(Edit::SetText {
        at: pos(0, 1),
        markdown: "new text".into(),
    })
    .unwrap();
    let j = Judgment {
        text: "Revised".into(),
        confidence: Confidence::High,
        likelihood: Likelihood::VeryLikely,
        support: vec![],
        marking: None,
    };
    ed.apply(Edit::SetJudgment {
        at: pos(0, 2),
        judgment: j.clone(),
    })
    .unwrap();
    let Block::Item(mut r) = item("a") else {
        unreachable!()
    };
    r.snapshot.text = "changed in dataset".into();
    ed.apply(Edit::RefreshSnapshot {
        at: pos(0, 0),
        snapshot: r.snapshot.clone(),
    })
    .unwrap();

    let b = ed.brief();
    assert!(
        matches!(&b.sections[0].blocks[0], Block::Item(x) if x.note == "why it matters" && x.snapshot == r.snapshot)
    );
    assert_eq!(b.sections[0].blocks[1], text("new text"));
    assert_eq!(b.sections[0].blocks[2], Block::Judgment(j));
    for _ in 0..4 {
        assert!(ed.undo());
    }
    assert!(!ed.undo());
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn typing_a_note_is_one_undo_step() {
    let mut ed = Editor::new(sample());
    let mut note = String::new();
    for ch in "hello".chars() {
        note.push(ch);
        ed.apply(Edit::SetNote {
            at: pos(0, 0),
            note: note.clone(),
        })
        .unwrap();
    }
    assert!(ed.undo());
    assert_eq!(ed.brief(), &sample());
    assert!(!ed.can_undo());
    assert!(ed.redo());
    assert!(matches!(&ed.brief().sections[0].blocks[0], Block::Item(r) if r.note == "hello"));
}

#[test]
fn typing_in_another_field_or_after_end_typing_is_a_new_step() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::SetNote {
        at: pos(0, 0),
        note: "a".into(),
    })
    .unwrap();
    ed.apply(Edit::SetNote {
        at: pos(1, 0),
        note: "b".into(),
    })
    .unwrap();
    ed.apply(Edit::SetNote {
        at: pos(1, 0),
        note: "bb".into(),
    })
    .unwrap();
    ed.end_typing();
    ed.apply(Edit::SetNote {
        at: pos(1, 0),
        note: "bbb".into(),
    })
    .unwrap();
    ed.undo();
    assert!(matches!(&ed.brief().sections[1].blocks[0], Block::Item(r) if r.note == "bb"));
    ed.undo();
    assert!(matches!(&ed.brief().sections[1].blocks[0], Block::Item(r) if r.note.is_empty()));
    ed.undo();
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn sections_add_rename_move_remove() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::AddSection {
        index: 2,
        heading: "Three".into(),
    })
    .unwrap();
    ed.apply(Edit::AddSection {
        index: 0,
        heading: "Zero".into(),
    })
    .unwrap();
    ed.apply(Edit::RenameSection {
        index: 1,
        heading: "Uno".into(),
    })
    .unwrap();
    ed.apply(Edit::MoveSection { from: 0, to: 3 }).unwrap();
    let headings: Vec<_> = ed
        .brief()
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(headings, ["Uno", "Two", "Three", "Zero"]);
    ed.apply(Edit::RemoveSection { index: 0 }).unwrap();
    assert_eq!(ed.brief().sections.len(), 3);
    assert!(ed.undo());
    assert_eq!(ed.brief().sections[0].heading, "Uno");
    assert_eq!(
        layout(ed.brief())[0],
        ["a", "b", "c"],
        "blocks come back with the section"
    );
    while ed.undo() {}
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn meta_edits_coalesce_and_undo() {
    let mut ed = Editor::new(sample());
    let mut meta = ed.brief().meta.clone();
    meta.title = "Brief v".into();
    ed.apply(Edit::SetMeta { meta: meta.clone() }).unwrap();
    meta.title = "Brief v2".into();
    meta.classification = "OFFICIAL".into();
    ed.apply(Edit::SetMeta { meta: meta.clone() }).unwrap();
    assert_eq!(ed.brief().meta, meta);
    ed.undo();
    assert_eq!(ed.brief(), &sample());
}

#[test]
fn a_new_edit_clears_redo() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::RemoveBlock { at: pos(0, 0) }).unwrap();
    ed.undo();
    assert!(ed.can_redo());
    ed.apply(Edit::RemoveBlock { at: pos(1, 0) }).unwrap();
    assert!(!ed.can_redo());
    assert!(!ed.redo());
}

#[test]
fn revision_and_modified_flag_follow_the_saved_state() {
    let mut ed = Editor::new(sample());
    assert!(!ed.is_modified());
    let r0 = ed.revision();
    ed.apply(Edit::RemoveBlock { at: pos(0, 0) }).unwrap();
    assert!(ed.is_modified());
    assert!(ed.revision() > r0);
    ed.mark_saved();
    assert!(!ed.is_modified());
    ed.apply(Edit::RemoveBlock { at: pos(0, 0) }).unwrap();
    assert!(ed.is_modified());
    let r1 = ed.revision();
    ed.undo();
    assert!(ed.revision() > r1);
    assert!(!ed.is_modified(), "undo back to the saved state");
    ed.undo();
    assert!(ed.is_modified(), "before the save");
    ed.redo();
    assert!(!ed.is_modified());
    // A branch that discards the saved state can never be unmodified by undo/redo alone.
    ed.undo();
    ed.apply(Edit::AddSection {
        index: 0,
        heading: "h".into(),
    })
    .unwrap();
    ed.undo();
    assert!(ed.is_modified());
}

#[test]
fn typing_after_a_save_starts_a_new_step() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::SetText {
        at: pos(0, 1),
        markdown: "b1".into(),
    })
    .unwrap();
    ed.mark_saved();
    ed.apply(Edit::SetText {
        at: pos(0, 1),
        markdown: "b12".into(),
    })
    .unwrap();
    assert!(ed.is_modified());
    ed.undo();
    assert!(!ed.is_modified());
    assert_eq!(ed.brief().sections[0].blocks[1], text("b1"));
}

#[test]
fn edits_that_change_nothing_are_not_recorded() {
    let mut ed = Editor::new(sample());
    ed.apply(Edit::MoveBlock {
        from: pos(0, 1),
        to: pos(0, 1),
    })
    .unwrap();
    ed.apply(Edit::SetText {
        at: pos(0, 1),
        markdown: "b".into(),
    })
    .unwrap();
    ed.apply(Edit::RenameSection {
        index: 0,
        heading: "One".into(),
    })
    .unwrap();
    assert!(!ed.can_undo());
    assert_eq!(ed.revision(), 0);
    assert!(!ed.is_modified());
}

/// A small deterministic generator, so a failing sequence can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }
}

/// A random edit, sometimes out of range on purpose.
fn random_edit(rng: &mut Rng, b: &Brief, n: usize) -> Edit {
    let sections = b.sections.len();
    let s = rng.below(sections + 1);
    let len = b.sections.get(s).map_or(0, |x| x.blocks.len());
    let at = pos(s, rng.below(len + 1));
    let to = pos(rng.below(sections + 1), rng.below(len + 2));
    match rng.below(12) {
        0 | 1 => Edit::InsertBlock {
            at,
            block: [
                item(&format!("i{n}")),
                text(&format!("t{n}")),
                judgment(&format!("j{n}")),
            ][rng.below(3)]
            .clone(),
        },
        2 => Edit::MoveBlock { from: at, to },
        3 => Edit::RemoveBlock { at },
        4 => Edit::SetNote {
            at,
            note: format!("note {}", rng.below(3)),
        },
        5 => Edit::SetText {
            at,
            markdown: format!("md {}", rng.below(3)),
        },
        6 => Edit::SetJudgment {
            at,
            judgment: Judgment {
                text: format!("j {n}"),
                ..Default::default()
            },
        },
        7 => Edit::AddSection {
            index: rng.below(sections + 2),
            heading: format!("S{n}"),
        },
        8 => Edit::RenameSection {
            index: rng.below(sections + 1),
            heading: format!("R{}", rng.below(2)),
        },
        9 => Edit::MoveSection {
            from: rng.below(sections + 1),
            to: rng.below(sections + 1),
        },
        10 => Edit::RemoveSection {
            index: rng.below(sections + 1),
        },
        _ => Edit::SetMeta {
            meta: BriefMeta {
                title: format!("M{}", rng.below(3)),
                ..Default::default()
            },
        },
    }
}

#[test]
fn random_edit_sequences_undo_to_the_original_and_redo_to_the_end() {
    let mut applied = 0;
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let original = sample();
        let mut ed = Editor::new(original.clone());
        for n in 0..60 {
            let edit = random_edit(&mut rng, ed.brief(), n);
            let before = ed.brief().clone();
            let result = ed.apply(edit.clone());
            applied += usize::from(result.is_ok());
            if result.is_err() {
                assert_eq!(
                    ed.brief(),
                    &before,
                    "seed {seed}: failed edit changed the brief: {edit:?}"
                );
            }
            // Occasionally undo then redo in the middle: that must land where it started.
            let after = ed.brief().clone();
            if rng.below(8) == 0 && ed.undo() {
                assert!(ed.redo(), "seed {seed}");
                assert_eq!(ed.brief(), &after, "seed {seed}: undo+redo after {edit:?}");
            }
        }
        let end = ed.brief().clone();
        while ed.undo() {}
        assert_eq!(ed.brief(), &original, "seed {seed}: undo all");
        assert!(!ed.is_modified(), "seed {seed}");
        while ed.redo() {}
        assert_eq!(ed.brief(), &end, "seed {seed}: redo all");
    }
    // The generator must mostly produce valid edits, or the test proves little.
    assert!(applied > 200 * 60 / 3, "only {applied} edits applied");
}

#[test]
fn replace_content_is_one_undoable_step() {
    let mut ed = Editor::new(sample());
    let before = ed.brief().clone();
    let mut other = sample();
    other.meta.title = "Restored".into();
    other.sections.truncate(1);
    other.sections[0]
        .blocks
        .push(text("typed before the crash"));
    ed.apply(Edit::ReplaceContent {
        meta: other.meta.clone(),
        sections: other.sections.clone(),
    })
    .unwrap();
    assert_eq!(ed.brief().meta.title, "Restored");
    assert_eq!(ed.brief().sections, other.sections);
    assert!(ed.undo());
    assert_eq!(*ed.brief(), before);
    assert!(!ed.can_undo());
    assert!(ed.redo());
    assert_eq!(ed.brief().sections, other.sections);
}

#[test]
fn marks_are_set_on_texts_judgments_and_notes_and_undone() {
    let mut ed = Editor::new(sample());
    let secret = Some(briefsmith_core::model::Marking::from("S//NF"));
    for at in [pos(0, 0), pos(0, 1), pos(0, 2)] {
        ed.apply(Edit::SetMarking {
            at,
            marking: secret.clone(),
        })
        .unwrap();
    }
    let own = |b: &Block| match b {
        Block::Item(r) => r.note_marking.clone(),
        Block::Text(t) => t.marking.clone(),
        Block::Judgment(j) => j.marking.clone(),
    };
    let blocks = &ed.brief().sections[0].blocks;
    assert!(blocks[..3].iter().all(|b| own(b) == secret));
    // An item's own mark is the dataset's: setting a mark sets its note's.
    assert!(matches!(&blocks[0], Block::Item(r) if r.snapshot.marking.is_none()));
    for _ in 0..3 {
        assert!(ed.undo());
    }
    assert!(
        ed.brief().sections[0].blocks[..3]
            .iter()
            .all(|b| own(b).is_none())
    );
    let err = ed.apply(Edit::SetMarking {
        at: pos(9, 0),
        marking: None,
    });
    assert!(err.is_err());
}
