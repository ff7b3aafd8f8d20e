//! Provenance: footnotes per item, sources once each, judgments citing their support,
//! and items whose dataset entry changed marked as such.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use briefsmith_core::model::{Block, Dataset, ItemId, ItemSnapshot};
use briefsmith_template::{Registry, render};
use common::{brief, item, judgment, text};

fn dataset() -> Dataset {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/core/small.dataset.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn picked(ds: &Dataset, id: &str, note: &str) -> Block {
    let it = ds.item(&ItemId::new(id)).unwrap();
    item(id, ItemSnapshot::capture(ds, it), note)
}

fn memo(md_brief: &briefsmith_core::model::Brief, ds: Option<&Dataset>) -> String {
    let registry = Registry::builtin();
    render(
        registry.get("bluf-memo").unwrap(),
        md_brief,
        ds,
        "2024-10-13",
    )
    .unwrap()
}

#[test]
fn each_item_gets_one_note_and_each_source_one_entry() {
    let ds = dataset();
    let b = brief(
        "Meeting",
        vec![
            (
                "Key judgments",
                vec![judgment(
                    "Ties will deepen.",
                    &["f-meeting", "q-pezeshkian-1"],
                )],
            ),
            (
                "Discussion",
                vec![
                    picked(&ds, "f-meeting", ""),
                    picked(&ds, "q-pezeshkian-1", "Via state media."),
                    picked(&ds, "q-putin-1", ""),
                ],
            ),
        ],
    );
    let md = memo(&b, Some(&ds));
    // The judgment cites 1 and 2; the items reuse them; Putin's quote is 3.
    assert!(
        md.contains("Ties will deepen.[^1][^2] *Likely (55–80%); moderate confidence.*"),
        "{md}"
    );
    assert!(
        md.contains("Putin met Pezeshkian for the first time in Turkmenistan.[^1]\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "> — Masoud Pezeshkian, President of Iran, 11 October 2024 (state media reported)[^2]"
        ),
        "{md}"
    );
    assert!(
        md.contains("> — Vladimir Putin, President of Russia, 11 October 2024[^3]"),
        "{md}"
    );
    assert_eq!(md.matches("\n[^1]: ").count(), 1);
    assert!(md.contains("[^2]: IRNA, “Pezeshkian after meeting Putin”, 11 October 2024, para 4 (S2). Grade D2: source not usually reliable; information probably true."), "{md}");
    assert!(md.contains("| S1 | Financial Times, “Putin meets Iran's new president”, 11 October 2024 | B: usually reliable |"), "{md}");
    assert!(md.contains("| S2 | IRNA, “Pezeshkian after meeting Putin”, 11 October 2024 | D: not usually reliable |"), "{md}");
    assert_eq!(md.matches("| S1 |").count(), 1);
    // Later notes citing the same source use its short form.
    assert!(
        md.contains("[^3]: Financial Times, 11 October 2024, para 5 (S1). Grade B2: source usually reliable; information probably true.\n"),
        "{md}"
    );
}

#[test]
fn support_not_picked_is_cited_from_the_dataset_and_missing_support_is_said() {
    let ds = dataset();
    let b = brief(
        "Support",
        vec![(
            "Key judgments",
            vec![
                judgment("S-400s are wanted.", &["f-s400"]),
                judgment("Unsupported.", &["no-such-item"]),
                judgment("Bare.", &[]),
            ],
        )],
    );
    let md = memo(&b, Some(&ds));
    assert!(md.contains("S-400s are wanted.[^1]"), "{md}");
    assert!(md.contains("[^1]: Financial Times"), "{md}");
    assert!(md.contains("Unsupported. *Likely (55–80%); moderate confidence.*\n*1 further supporting item is not in this export's dataset.*"), "{md}");
    assert!(md.contains("Bare. *Likely (55–80%); moderate confidence.*\n*No supporting reporting is cited for this judgment.*"), "{md}");
}

#[test]
fn items_changed_or_gone_from_the_dataset_are_marked_in_their_notes() {
    let ds = dataset();
    let b = brief(
        "Changes",
        vec![(
            "Discussion",
            vec![picked(&ds, "f-meeting", ""), picked(&ds, "f-s400", "")],
        )],
    );
    let mut changed = ds.clone();
    changed.items[0].text = "Putin met Pezeshkian in Ashgabat.".into();
    changed.items.retain(|i| i.id.as_str() != "f-s400");
    let md = memo(&b, Some(&changed));
    // The snapshot (what the analyst reviewed) is exported, and the change is noted.
    assert!(md.contains("Putin met Pezeshkian for the first time in Turkmenistan.[^1]"));
    assert!(
        md.lines().any(|l| l.starts_with("[^1]:")
            && l.ends_with("The dataset entry has been revised since it was reviewed.")),
        "{md}"
    );
    assert!(
        md.lines().any(|l| l.starts_with("[^2]:")
            && l.ends_with("Not in the brief's dataset: cited as it read when picked.")),
        "{md}"
    );
    let unchanged = memo(&b, Some(&ds));
    assert!(!unchanged.contains("revised") && !unchanged.contains("no longer"));
}

#[test]
fn generated_note_labels_avoid_the_analysts_own() {
    let ds = dataset();
    let b = brief(
        "Labels",
        vec![(
            "Discussion",
            vec![
                text("An aside.[^1]\n\n[^1]: The analyst's own note."),
                picked(&ds, "f-meeting", ""),
            ],
        )],
    );
    let md = memo(&b, Some(&ds));
    assert!(md.contains("Turkmenistan.[^2]"), "{md}");
    assert_eq!(md.matches("[^1]: ").count(), 1);
}

#[test]
fn an_empty_brief_renders_a_titled_document_in_every_template() {
    let empty = briefsmith_core::model::Brief::default();
    for tpl in Registry::builtin().templates() {
        let pdf = briefsmith_template::render_for(
            tpl,
            &empty,
            None,
            "2024-10-13",
            briefsmith_template::Target::Pdf,
        )
        .unwrap();
        assert_eq!(pdf, "# Untitled brief\n", "{}", tpl.name());
    }
}
