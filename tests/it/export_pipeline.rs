//! The export pipeline the CLI and the GUI share: Markdown with its page style and
//! document facts, typeset pages and PDF bytes.

use crate::templates_support::sample;
use briefsmith::export::{to_layout_markdown, to_markdown, to_pdf, typeset};
use briefsmith_core::model::Block;
use briefsmith_style::NotesPlacement;
use briefsmith_template::Registry;

#[test]
fn markdown_comes_with_the_templates_page_style_and_the_briefs_facts() {
    let registry = Registry::builtin();
    let (brief, dataset) = sample("read-ahead-kazan.brief.json");
    let (md, style, info) = to_markdown(&registry, &brief, Some(&dataset), None).unwrap();
    let banner = brief.meta.classification.clone();
    assert!(md.starts_with(&format!("{banner}\n\n# {}\n", brief.meta.title)));
    assert_eq!(style, registry.get("read-ahead").unwrap().manifest.page);
    assert_eq!(style.notes, NotesPlacement::Endnotes);
    assert_eq!(info.title, brief.meta.title);
    assert_eq!(info.banner, banner);
    assert_eq!(
        info.author,
        "Briefsmith sample, Briefsmith sample analysis desk"
    );
    assert!(
        info.subject
            .starts_with("Putin and Pezeshkian used their first meeting")
    );
    assert!(info.keywords.contains(&"Vladimir Putin".to_owned()));
    assert!(
        info.date.chars().next().is_some_and(|c| c.is_ascii_digit()),
        "{}",
        info.date
    );
}

#[test]
fn the_layout_markdown_leaves_the_banner_to_the_pages() {
    let registry = Registry::builtin();
    let (brief, dataset) = sample("sitrep-israel-iran.brief.json");
    let (md, _, info) = to_layout_markdown(&registry, &brief, Some(&dataset), None).unwrap();
    let banner = brief.meta.classification.as_str();
    assert!(md.starts_with(&format!("# {}\n", brief.meta.title)));
    assert!(!banner.is_empty() && !md.contains(banner));
    assert_eq!(info.banner, banner);
}

#[test]
fn a_template_can_be_chosen_and_an_unknown_one_is_refused() {
    let registry = Registry::builtin();
    let (mut brief, dataset) = sample("sitrep-israel-iran.brief.json");
    let (md, style, _) = to_markdown(&registry, &brief, Some(&dataset), Some("bluf-memo")).unwrap();
    assert!(md.contains(&format!("**For:** {}", brief.meta.audience)));
    assert_eq!(style, registry.get("bluf-memo").unwrap().manifest.page);
    brief.meta.template = "weekly".into();
    let err = to_markdown(&registry, &brief, Some(&dataset), None).unwrap_err();
    assert!(
        format!("{err:#}").contains("unknown template \"weekly\""),
        "{err:#}"
    );
    brief.meta.template.clear();
    let (md, _, _) = to_markdown(&registry, &brief, Some(&dataset), None).unwrap();
    assert!(
        md.contains("## Bottom line up front"),
        "the default is the BLUF memo"
    );
}

#[test]
fn without_its_dataset_a_brief_exports_from_its_snapshots() {
    let registry = Registry::builtin();
    let (brief, dataset) = sample("bluf-air-defence.brief.json");
    let with = to_markdown(&registry, &brief, Some(&dataset), None)
        .unwrap()
        .0;
    let without = to_markdown(&registry, &brief, None, None).unwrap().0;
    // Every picked item is exported as the analyst reviewed it, dataset or not.
    for (_, block) in brief.blocks() {
        if let Block::Item(r) = block {
            let probe: String = r.snapshot.text.chars().skip(1).take(50).collect();
            assert!(with.contains(&probe) && without.contains(&probe), "{probe}");
        }
    }
    // Supporting items the brief did not pick can only be cited from the dataset.
    let notes = |md: &str| md.lines().filter(|l| l.starts_with("[^")).count();
    assert!(notes(&with) > notes(&without));
    assert!(without.contains("further supporting item"), "{without}");
}

#[test]
fn pdf_bytes_hold_the_typeset_pages() {
    let registry = Registry::builtin();
    let (brief, dataset) = sample("sitrep-israel-iran.brief.json");
    let doc = typeset(&registry, &brief, Some(&dataset), None, None).unwrap();
    assert!(!doc.pages.is_empty());
    assert_eq!(doc.info.banner, brief.meta.classification);
    let pdf = to_pdf(&registry, &brief, Some(&dataset), None, None).unwrap();
    assert!(pdf.warnings.is_empty(), "{:?}", pdf.warnings);
    let pdf = pdf.bytes;
    assert!(pdf.starts_with(b"%PDF-"));
    let parsed = lopdf::Document::load_mem(&pdf).expect("a readable PDF");
    assert_eq!(parsed.get_pages().len(), doc.pages.len());
}

#[test]
fn the_bluf_bottom_line_and_its_section_print_once_together() {
    let registry = Registry::builtin();
    let (mut brief, dataset) = sample("bluf-air-defence.brief.json");
    brief.meta.template = "bluf-memo".into();
    brief.meta.bottom_line = "The one bottom line.".into();
    // A new BLUF brief starts with an empty "Bottom line up front" section.
    brief.sections.insert(
        0,
        briefsmith_core::model::Section {
            heading: "Bottom line up front".into(),
            blocks: Vec::new(),
        },
    );
    let (md, _, _) = to_markdown(&registry, &brief, Some(&dataset), None).unwrap();
    assert_eq!(md.matches("## Bottom line up front").count(), 1, "{md}");
    assert_eq!(md.matches("The one bottom line.").count(), 1, "{md}");
    // Without the section the field still prints under its own heading, once.
    brief.sections.remove(0);
    let (md, _, _) = to_markdown(&registry, &brief, Some(&dataset), None).unwrap();
    assert_eq!(md.matches("## Bottom line up front").count(), 1, "{md}");
    assert_eq!(md.matches("The one bottom line.").count(), 1, "{md}");
}
