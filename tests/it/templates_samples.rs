//! Every sample draft through every built-in template: snapshots of the Markdown, and the
//! Markdown read back to check what a reader and the layout rely on.

use crate::templates_support::{EXPORT_DATE, SAMPLES, direct_quotes, parse, sample, squash};
use briefsmith_core::model::{Block, Brief};
use briefsmith_marking::DocumentMarks;
use briefsmith_template::{Registry, Target, render_marked};
use std::collections::{BTreeSet, HashSet};

fn each_sample_and_template(mut check: impl FnMut(&str, &str, &Brief, String, String)) {
    let registry = Registry::builtin();
    assert_eq!(registry.names(), ["bluf-memo", "read-ahead", "sitrep"]);
    for name in SAMPLES {
        let (brief, dataset) = sample(name);
        // As the exports render them: with their portion marks when they have a scheme.
        let marks = marks_of(name);
        for tpl in registry.templates() {
            let render = |target| {
                render_marked(
                    tpl,
                    &brief,
                    Some(&dataset),
                    EXPORT_DATE,
                    target,
                    marks.as_ref(),
                )
                .unwrap_or_else(|e| panic!("{name} × {}: {e}", tpl.name()))
            };
            let md = render(Target::Markdown);
            let pdf = render(Target::Pdf);
            check(name, tpl.name(), &brief, md, pdf);
        }
    }
}

/// The sample's marks, when it has a marking scheme.
fn marks_of(name: &str) -> Option<DocumentMarks> {
    let (brief, dataset) = sample(name);
    briefsmith::marking::document_marks(&brief, Some(&dataset)).unwrap()
}

/// The title as its heading reads: with its portion mark when the brief is marked.
fn title_text(name: &str, brief: &Brief) -> String {
    let mark = marks_of(name)
        .map(|m| format!("{} ", m.title))
        .unwrap_or_default();
    format!("{mark}{}", brief.meta.title)
}

/// `text` without the portion mark that opens it, e.g. `(S//NF) `.
fn unmarked(text: &str) -> &str {
    text.strip_prefix('(')
        .and_then(|rest| rest.split_once(") "))
        .filter(|(mark, _)| !mark.contains(' ') || mark.contains("REL TO"))
        .map_or(text, |(_, rest)| rest)
}

#[test]
fn snapshots_of_every_sample_in_every_template() {
    each_sample_and_template(|name, tpl, _, md, _| {
        let stem = name.trim_end_matches(".brief.json");
        insta::assert_snapshot!(format!("{stem}__{tpl}"), md);
    });
}

#[test]
fn the_pdf_markdown_starts_with_the_title_and_leaves_the_banner_to_the_layout() {
    each_sample_and_template(|name, tpl, brief, md, pdf| {
        let title = format!("# {}\n", title_text(name, brief));
        assert!(
            pdf.starts_with(&title),
            "{name} × {tpl}: {}",
            &pdf[..80.min(pdf.len())]
        );
        let banner =
            &marks_of(name).map_or_else(|| brief.meta.classification.clone(), |m| m.banner);
        assert!(!banner.is_empty());
        // The layout sets the banner; a classification block may name it in a line.
        assert!(
            !pdf.lines().any(|l| l.trim() == banner.as_str()),
            "{name} × {tpl}: banner in PDF text"
        );
        // The .md file is marked at top and bottom.
        let lines: Vec<&str> = md.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.first(), Some(&banner.as_str()), "{name} × {tpl}");
        assert_eq!(lines.last(), Some(&banner.as_str()), "{name} × {tpl}");
        assert!(md.contains(&title));
    });
}

#[test]
fn headings_follow_the_draft_sections() {
    each_sample_and_template(|name, tpl, brief, _, pdf| {
        let parsed = parse(&pdf);
        assert_eq!(parsed.headings[0], (1, title_text(name, brief)));
        assert_eq!(parsed.headings.iter().filter(|h| h.0 == 1).count(), 1);
        let h2: Vec<&str> = parsed
            .headings
            .iter()
            .filter(|h| h.0 == 2)
            .map(|h| h.1.as_str())
            .collect();
        let mut expected: Vec<&str> = brief
            .sections
            .iter()
            .filter(|s| !s.blocks.is_empty())
            .map(|s| s.heading.as_str())
            .collect();
        // Sections appear in the draft's order, followed by the sources.
        let found: Vec<&str> = h2
            .iter()
            .copied()
            .filter(|h| expected.contains(h))
            .collect();
        assert_eq!(found, expected, "{name} × {tpl}");
        expected.push("Sources");
        assert!(h2.contains(&"Sources"), "{name} × {tpl}");
    });
}

#[test]
fn every_direct_quote_is_verbatim_in_a_block_quote_with_its_attribution() {
    each_sample_and_template(|name, tpl, brief, _, pdf| {
        let parsed = parse(&pdf);
        let quotes = direct_quotes(brief);
        let distinct: BTreeSet<&String> = quotes.iter().collect();
        assert!(!distinct.is_empty(), "{name} has direct quotes");
        for q in &distinct {
            let found = parsed.quotes.iter().any(|paras| {
                paras.len() >= 2
                    && squash(unmarked(&paras[..paras.len() - 1].join(" "))) == squash(q)
            });
            assert!(found, "{name} × {tpl}: quote not verbatim: {q}");
        }
        for paras in &parsed.quotes {
            let last = paras.last().expect("a quote has paragraphs");
            assert!(last.starts_with("— "), "{name} × {tpl}: attribution {last}");
            assert!(
                last.contains("[^"),
                "{name} × {tpl}: attribution cites: {last}"
            );
        }
    });
}

#[test]
fn every_fact_and_quote_cites_its_source_in_a_footnote() {
    each_sample_and_template(|name, tpl, brief, _, pdf| {
        let parsed = parse(&pdf);
        let defs: HashSet<&String> = parsed.note_defs.iter().collect();
        assert_eq!(
            defs.len(),
            parsed.note_defs.len(),
            "{name} × {tpl}: duplicate notes"
        );
        for r in &parsed.note_refs {
            assert!(defs.contains(r), "{name} × {tpl}: [^{r}] undefined");
        }
        let referenced: HashSet<&String> = parsed.note_refs.iter().collect();
        assert_eq!(referenced.len(), defs.len(), "{name} × {tpl}: unused notes");
        // Each picked item's text sits in a paragraph that carries a note reference.
        for (_, block) in brief.blocks() {
            let Block::Item(r) = block else { continue };
            let words = squash(&r.snapshot.text);
            // The first letter may be lower-cased in a reported sentence.
            let probe: String = words.chars().skip(1).take(40).collect();
            let para = parsed
                .paragraphs
                .iter()
                .find(|p| squash(p).contains(&probe))
                .unwrap_or_else(|| panic!("{name} × {tpl}: item text missing: {probe}"));
            let in_quote = parsed.quotes.iter().any(|q| q.contains(para));
            assert!(
                in_quote || para.contains("[^"),
                "{name} × {tpl}: uncited: {para}"
            );
        }
        // Notes name the publisher and the grade.
        let graded = pdf
            .lines()
            .filter(|l| l.starts_with("[^") && l.contains("]: "))
            .all(|l| l.contains("Grade "));
        assert!(graded, "{name} × {tpl}");
    });
}

#[test]
fn sources_are_listed_once_each_with_their_reliability() {
    each_sample_and_template(|name, tpl, brief, _, pdf| {
        let parsed = parse(&pdf);
        let cited: BTreeSet<String> = brief
            .blocks()
            .filter_map(|(_, b)| match b {
                Block::Item(r) => Some(r.snapshot.source.title.clone()),
                _ => None,
            })
            .collect();
        let listed: Vec<String> = if tpl == "read-ahead" {
            // A list: "- **S1** Publisher, “Title”, date. Reliability B: usually reliable."
            pdf.lines()
                .filter(|l| {
                    l.strip_prefix("- ")
                        .map(unmarked)
                        .and_then(|l| l.strip_prefix("**S"))
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                })
                .map(str::to_owned)
                .collect()
        } else {
            let table = parsed.tables.last().expect("a sources table");
            assert_eq!(table[0], ["Ref", "Source", "Reliability"], "{name} × {tpl}");
            table[1..].iter().map(|row| row.join(" | ")).collect()
        };
        for title in &cited {
            let n = listed.iter().filter(|l| l.contains(title.as_str())).count();
            assert!(n >= 1, "{name} × {tpl}: source not listed: {title}");
        }
        assert!(listed.len() >= cited.len().min(1));
        for l in &listed {
            assert!(
                [
                    "completely reliable",
                    "usually reliable",
                    "fairly reliable",
                    "not usually reliable",
                    "unreliable",
                    "cannot be judged",
                    "not graded"
                ]
                .iter()
                .any(|m| l.contains(m)),
                "{name} × {tpl}: {l}"
            );
        }
    });
}

#[test]
fn key_judgments_name_likelihood_band_confidence_and_support() {
    each_sample_and_template(|name, tpl, brief, _, pdf| {
        let parsed = parse(&pdf);
        for (_, block) in brief.blocks() {
            let Block::Judgment(j) = block else { continue };
            let probe: String = squash(&j.text).chars().take(30).collect();
            let para = parsed
                .paragraphs
                .iter()
                .find(|p| p.starts_with("Key judgment") && squash(p).contains(&probe))
                .unwrap_or_else(|| panic!("{name} × {tpl}: judgment missing: {probe}"));
            let (low, high) = j.likelihood.band();
            let term = j.likelihood.term();
            assert!(
                para.to_lowercase()
                    .contains(&format!("{term} ({low}–{high}%)")),
                "{para}"
            );
            assert!(
                para.contains(&format!("{} confidence", j.confidence.term())),
                "{para}"
            );
            if !j.support.is_empty() {
                assert!(
                    para.matches("[^").count() >= j.support.len(),
                    "{name}: {para}"
                );
            }
        }
    });
}
