//! Each check made to fire by the mistake it looks for, and kept quiet by the fix.
//! Briefs and datasets are written as the JSON a user's files hold, so the tests follow
//! the file format rather than the Rust structs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "tests: a failed set-up step fails the test"
)]

use briefsmith_checks::{Report, Rules, RulesLayer, Severity, check};
use briefsmith_core::model::{Acknowledgement, Brief, Dataset, ItemSnapshot};
use serde_json::{Value, json};

/// Three sources (B, E, F) and items from them; `src-b` keeps its text in paragraphs.
fn dataset() -> Dataset {
    let item = |id: &str, source: &str, cred: i64, date: &str, text: &str| {
        json!({"id": id, "kind": "fact", "text": text, "source": source,
               "credibility": cred, "date": date, "locator": "para 1"})
    };
    let mut items = vec![
        item(
            "b-1",
            "src-b",
            2,
            "2024-10-01",
            "Iran fired missiles at Israel.",
        ),
        item(
            "b-2",
            "src-b",
            2,
            "2024-10-02",
            "Israel promised a response.",
        ),
        item("a-1", "src-a", 2, "2024-10-03", "The US urged restraint."),
        item(
            "e-1",
            "src-e",
            4,
            "2024-10-03",
            "A blogger claimed a strike.",
        ),
        item("e-2", "src-e", 5, "2024-10", "Another blogger agreed."),
        item(
            "f-1",
            "src-f",
            3,
            "2024-10-04",
            "An anonymous post named targets.",
        ),
        item("late", "src-b", 2, "2024-11-02", "A later development."),
    ];
    items.push(
        json!({"id": "q-direct", "kind": "quote", "text": "Our strike will be powerful",
        "speaker": "ent-g", "speech": "direct", "source": "src-b", "credibility": 2,
        "locator": "para 2", "date": "2024-10-09"}),
    );
    items.push(json!({"id": "q-reported", "kind": "quote",
        "text": "Israel should keep its strikes away from nuclear sites",
        "speaker": "ent-g", "speech": "reported", "source": "src-b", "credibility": 2,
        "locator": "para 3"}));
    let source = |id: &str, rel: &str| {
        json!({"id": id, "title": id, "publisher": "P", "date": "2024-10-11",
               "kind": "news", "reliability": rel})
    };
    let mut b = source("src-b", "B");
    b["paragraphs"] = json!([
        "Iran fired missiles at Israel.",
        "Gallant said: “Our strike will be powerful, precise and surprising.”",
        "Washington said Israel should keep its strikes away from nuclear sites."
    ]);
    serde_json::from_value(json!({
        "schema": "briefsmith-dataset/2", "title": "t",
        "sources": [b, source("src-a", "A"), source("src-e", "E"), source("src-f", "F")],
        "entities": [{"id": "ent-g", "name": "Yoav Gallant", "kind": "person"}],
        "items": items,
    }))
    .expect("dataset")
}

/// An item block picking `id` as the dataset has it now.
fn pick(ds: &Dataset, id: &str) -> Value {
    let item = ds.items.iter().find(|i| i.id.as_str() == id).expect("item");
    json!({"type": "item", "item": id, "snapshot": ItemSnapshot::capture(ds, item)})
}

fn judgment(text: &str, likelihood: &str, confidence: &str, support: &[&str]) -> Value {
    json!({"type": "judgment", "text": text, "likelihood": likelihood,
           "confidence": confidence, "support": support})
}

/// A dated brief with a bottom line: a key judgment on two good sources, and the items.
fn brief(ds: &Dataset, judgments: Vec<Value>, items: Vec<Value>) -> Brief {
    let mut background = vec![pick(ds, "b-1"), pick(ds, "a-1")];
    background.extend(items);
    serde_json::from_value(json!({
        "schema": "briefsmith-brief/2",
        "meta": {"title": "Strike, as of 11 October 2024", "date": "2024-10-11",
                 "template": "bluf-memo",
                 "bottom_line": "Israel will strike Iran (moderate confidence)."},
        "dataset": {"path": "d.json", "fingerprint": ""},
        "sections": [
            {"heading": "Key judgments", "blocks": judgments},
            {"heading": "Background", "blocks": background},
        ],
    }))
    .expect("brief")
}

fn good_judgment() -> Value {
    judgment(
        "Israel is likely to strike.",
        "likely",
        "moderate",
        &["b-1", "a-1"],
    )
}

fn run(brief: &Brief, ds: &Dataset) -> Report {
    check(brief, Some(&ds.index()), &Rules::default())
}

fn ids(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.check).collect()
}

#[test]
fn a_sound_brief_is_clean() {
    let ds = dataset();
    let b = brief(&ds, vec![good_judgment()], vec![pick(&ds, "q-direct")]);
    let report = run(&b, &ds);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn judgment_support_checks() {
    let ds = dataset();
    let cases = [
        (
            judgment("Israel is likely to strike.", "likely", "moderate", &[]),
            "judgment.unsupported",
        ),
        (
            judgment(
                "Israel is likely to strike.",
                "likely",
                "moderate",
                &["b-1", "b-2"],
            ),
            "judgment.single-source",
        ),
        (
            judgment(
                "Israel is likely to strike.",
                "likely",
                "moderate",
                &["e-1", "f-1"],
            ),
            "judgment.low-grades",
        ),
        (
            judgment(
                "Israel is likely to strike.",
                "likely",
                "high",
                &["b-1", "b-2"],
            ),
            "confidence.thin-support",
        ),
    ];
    for (j, id) in cases {
        let report = run(&brief(&ds, vec![j], vec![]), &ds);
        let f = report
            .of(id)
            .next()
            .unwrap_or_else(|| panic!("{id}: {:#?}", report.findings));
        assert_eq!(f.place.section, Some(0));
        assert_eq!(f.place.judgment, Some(1));
        assert!(f.message.contains("Key judgment 1"), "{}", f.message);
    }
    // e-1 (E4) is low, e-2 (E5) too, but a-1 (A2) lifts the judgment.
    let ok = judgment(
        "Israel is likely to strike.",
        "likely",
        "high",
        &["e-1", "a-1"],
    );
    assert!(run(&brief(&ds, vec![ok], vec![]), &ds).findings.is_empty());
}

#[test]
fn low_grade_thresholds_are_configurable() {
    let ds = dataset();
    let j = judgment(
        "Israel is likely to strike.",
        "likely",
        "moderate",
        &["e-1", "a-1"],
    );
    let b = brief(&ds, vec![j], vec![]);
    let strict = RulesLayer::parse("low-reliability = \"A\"", "checks.toml").unwrap();
    let report = check(&b, Some(&ds.index()), &Rules::default().with(&strict));
    assert_eq!(ids(&report), ["judgment.low-grades"]);
}

#[test]
fn estimative_words_must_match_the_band() {
    let ds = dataset();
    let j = judgment(
        "Israel will almost certainly strike.",
        "unlikely",
        "moderate",
        &["b-1", "a-1"],
    );
    let report = run(&brief(&ds, vec![j], vec![]), &ds);
    assert_eq!(ids(&report), ["estimative.contradicts-band"]);
    assert_eq!(report.findings[0].severity, Severity::Error);
    assert!(report.findings[0].message.contains("“almost certainly”"));

    let j = judgment(
        "Israel will likely strike, though a delay is unlikely.",
        "likely",
        "moderate",
        &["b-1", "a-1"],
    );
    let report = run(&brief(&ds, vec![j], vec![]), &ds);
    assert_eq!(
        ids(&report),
        ["estimative.contradicts-band", "estimative.two-bands"]
    );

    let j = judgment(
        "Israel will almost certainly strike.",
        "almost-certain",
        "moderate",
        &["b-1", "a-1"],
    );
    assert!(run(&brief(&ds, vec![j], vec![]), &ds).findings.is_empty());
}

#[test]
fn confidence_in_text_must_match_the_field() {
    let ds = dataset();
    let j = judgment(
        "We assess with high confidence that Israel is likely to strike.",
        "likely",
        "low",
        &["b-1", "a-1"],
    );
    assert_eq!(
        ids(&run(&brief(&ds, vec![j], vec![]), &ds)),
        ["confidence.contradicts"]
    );
    let j = judgment(
        "We assess with low confidence that Israel is likely to strike.",
        "likely",
        "low",
        &["b-1", "a-1"],
    );
    assert!(run(&brief(&ds, vec![j], vec![]), &ds).findings.is_empty());

    let mut b = brief(&ds, vec![good_judgment()], vec![]);
    b.meta.bottom_line = "Israel will very likely strike.".into();
    assert_eq!(ids(&run(&b, &ds)), ["confidence.missing"]);
    b.meta.bottom_line = "Israel will very likely strike (high confidence).".into();
    assert!(run(&b, &ds).findings.is_empty());
}

#[test]
fn drift_is_reported_and_refreshing_clears_it() {
    let ds = dataset();
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![pick(&ds, "b-2"), pick(&ds, "e-1")],
    );
    let mut changed = ds.clone();
    changed.items[1].text = "Israel promised a powerful response.".into();
    changed.items.retain(|i| i.id.as_str() != "e-1");
    let report = run(&b, &changed);
    assert_eq!(ids(&report), ["item.changed", "item.gone"]);
    assert_eq!(report.findings[0].key, "item:b-2");
    assert_eq!(report.findings[0].place.block, Some(2));
    let drifted = b.drifted_blocks(&changed.index());
    assert_eq!(drifted.len(), 2);
    // Without the dataset nothing can be compared, and nothing is claimed.
    assert!(check(&b, None, &Rules::default()).findings.is_empty());
}

#[test]
fn direct_quotes_must_be_verbatim() {
    let ds = dataset();
    let mut quote = pick(&ds, "q-direct");
    quote["snapshot"]["text"] = json!("Our strike will be powerful and precise");
    let report = run(&brief(&ds, vec![good_judgment()], vec![quote]), &ds);
    assert!(
        ids(&report).contains(&"quote.not-verbatim"),
        "{:#?}",
        report.findings
    );
    let f = report.of("quote.not-verbatim").next().unwrap();
    assert!(f.message.contains("para 2 of src-b"), "{}", f.message);
}

#[test]
fn reported_speech_is_not_put_in_quotation_marks() {
    let ds = dataset();
    let text = json!({"type": "text",
        "markdown": "Washington told Israel “keep its strikes away from nuclear sites”."});
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![pick(&ds, "q-reported"), text],
    );
    let report = run(&b, &ds);
    assert_eq!(ids(&report), ["quote.reported-as-direct"]);
    assert_eq!(report.findings[0].place.block, Some(3));

    let text = json!({"type": "text",
        "markdown": "Washington asked Israel to keep its strikes away from nuclear sites."});
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![pick(&ds, "q-reported"), text],
    );
    assert!(run(&b, &ds).findings.is_empty());

    let mut direct = pick(&ds, "q-direct");
    direct["snapshot"]["text"] = json!("that the strike would be powerful");
    let b = brief(&ds, vec![good_judgment()], vec![direct]);
    assert!(ids(&run(&b, &ds)).contains(&"quote.reported-as-direct"));
}

#[test]
fn dates_are_checked() {
    let ds = dataset();
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![pick(&ds, "late"), pick(&ds, "e-2")],
    );
    let report = run(&b, &ds);
    assert_eq!(
        ids(&report),
        ["item.after-brief"],
        "a month-precise date is not after"
    );

    let mut b = brief(&ds, vec![good_judgment()], vec![pick(&ds, "late")]);
    b.meta.date.clear();
    assert_eq!(ids(&run(&b, &ds)), ["brief.no-date"]);

    let text = |md: &str| json!({"type": "text", "markdown": md});
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![text("Israel said today it would act. Iran is calm.")],
    );
    let report = run(&b, &ds);
    assert_eq!(ids(&report), ["text.relative-date"]);
    assert_eq!(
        report.findings[0].key,
        "text:Israel said today it would act."
    );
    let b = brief(
        &ds,
        vec![good_judgment()],
        vec![text(
            "Israel said today (11 October) it would act. Today’s defences are old.",
        )],
    );
    assert!(run(&b, &ds).findings.is_empty());
}

#[test]
fn unjudgeable_grades_need_a_note() {
    let ds = dataset();
    let b = brief(&ds, vec![good_judgment()], vec![pick(&ds, "f-1")]);
    let report = run(&b, &ds);
    assert_eq!(ids(&report), ["item.ungradable-without-note"]);
    assert!(report.findings[0].message.contains("F3"));
    let mut noted = pick(&ds, "f-1");
    noted["note"] = json!("The only account of the targets; treat as unconfirmed.");
    assert!(
        run(&brief(&ds, vec![good_judgment()], vec![noted]), &ds)
            .findings
            .is_empty()
    );
}

#[test]
fn structure_is_checked_only_when_the_template_asks() {
    let ds = dataset();
    let mut b = brief(&ds, vec![], vec![]);
    b.meta.bottom_line.clear();
    b.meta.title = "Strike".into();
    assert!(run(&b, &ds).findings.is_empty());
    let layer = RulesLayer::parse(
        "require = [\"bottom-line\", \"key-judgment\", \"time-window\"]",
        "template.toml",
    )
    .unwrap();
    let rules = Rules::default().with(&layer);
    let report = check(&b, Some(&ds.index()), &rules);
    assert_eq!(
        ids(&report),
        [
            "structure.bottom-line",
            "structure.key-judgment",
            "structure.time-window"
        ]
    );
    let mut b = brief(&ds, vec![good_judgment()], vec![]);
    b.meta.bottom_line = "Israel will strike soon (moderate confidence).".into();
    assert!(check(&b, Some(&ds.index()), &rules).findings.is_empty());
    b.meta.title = "Strike".into();
    b.sections[0]
        .blocks
        .insert(0, json_block("Since 1 October 2024 Israel has prepared."));
    assert!(check(&b, Some(&ds.index()), &rules).findings.is_empty());
}

fn json_block(md: &str) -> briefsmith_core::model::Block {
    serde_json::from_value(json!({"type": "text", "markdown": md})).expect("block")
}

#[test]
fn acknowledged_findings_stay_listed_as_accepted() {
    let ds = dataset();
    let j = judgment(
        "Israel is likely to strike.",
        "likely",
        "moderate",
        &["b-1", "b-2"],
    );
    let mut b = brief(&ds, vec![j], vec![]);
    let report = run(&b, &ds);
    assert!(!report.has_open_errors() && report.counts().warning == 1);
    let ack: Acknowledgement = report.findings[0].acknowledge("Only one report exists. ");
    assert_eq!(ack.reason, "Only one report exists.");
    b.meta.acknowledged.push(ack);
    // An unrelated edit: a block added before the judgment.
    b.sections[0].blocks.insert(0, json_block("Context."));
    let report = run(&b, &ds);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(
        report.findings[0].acknowledged.as_deref(),
        Some("Only one report exists.")
    );
    assert_eq!(report.counts().warning, 0);
    assert_eq!(report.counts().acknowledged, 1);
}

#[test]
fn disabled_checks_are_silent_and_severities_follow_the_rules() {
    let ds = dataset();
    let j = judgment(
        "Israel is likely to strike.",
        "likely",
        "moderate",
        &["b-1", "b-2"],
    );
    let b = brief(&ds, vec![j], vec![]);
    let off = RulesLayer::parse("disable = [\"judgment.single-source\"]", "t").unwrap();
    assert!(
        check(&b, Some(&ds.index()), &Rules::default().with(&off))
            .findings
            .is_empty()
    );
    let up = RulesLayer::parse("[severity]\n\"judgment.single-source\" = \"error\"", "t").unwrap();
    let report = check(&b, Some(&ds.index()), &Rules::default().with(&up));
    assert!(report.has_open_errors());
}
