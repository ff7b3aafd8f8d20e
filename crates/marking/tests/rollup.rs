//! The roll-up rules of every built-in scheme, over random sets of portion marks: the
//! banner dominates every portion, is the least mark that does, does not depend on order,
//! is idempotent, intersects release lists, and reads back as itself; a page's banner is
//! the roll-up of the portions on it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_marking::{Carried, Mark, PageRollUp, Rule, Scheme, Schemes, roll_up};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn scheme(name: &str) -> Scheme {
    Schemes::builtin().unwrap().require(name).unwrap().clone()
}

const COUNTRIES: [&str; 5] = ["GBR", "AUS", "CAN", "NZL", "FRA"];

/// A random mark of `scheme`: a level, and per category some values or a release list.
fn any_mark(scheme: Scheme) -> impl Strategy<Value = Mark> {
    let levels = scheme.levels.len();
    let cats: Vec<BoxedStrategy<Carried>> = scheme
        .categories
        .iter()
        .map(|c| match c.rule {
            Rule::Union => proptest::collection::btree_set(0..c.values.len(), 0..=c.values.len())
                .prop_map(Carried::Values)
                .boxed(),
            Rule::MostRestrictive => proptest::option::of(0..c.values.len())
                .prop_map(Carried::Highest)
                .boxed(),
            Rule::Intersection => proptest::option::of(
                proptest::collection::btree_set(0..COUNTRIES.len(), 0..=COUNTRIES.len()).prop_map(
                    |s| {
                        s.into_iter()
                            .map(|i| COUNTRIES[i].to_owned())
                            .collect::<BTreeSet<_>>()
                    },
                ),
            )
            .prop_map(Carried::Release)
            .boxed(),
        })
        .collect();
    (0..levels, cats).prop_map(move |(level, carried)| Mark { level, carried }.normalised(&scheme))
}

fn portions(name: &'static str) -> impl Strategy<Value = (Scheme, Vec<Mark>)> {
    let s = scheme(name);
    proptest::collection::vec(any_mark(s.clone()), 0..8).prop_map(move |v| (s.clone(), v))
}

fn check_laws(scheme: &Scheme, portions: &[Mark], other: &Mark) {
    let up = roll_up(scheme, portions);
    for p in portions {
        assert!(
            up.dominates(p),
            "{} does not cover {}",
            up.banner(scheme),
            p.portion(scheme)
        );
    }
    // Idempotent: rolling up again, or with the roll-up itself, changes nothing.
    assert_eq!(roll_up(scheme, [&up]), up);
    let mut with = portions.to_vec();
    with.push(up.clone());
    assert_eq!(roll_up(scheme, &with), up);
    // Order does not matter.
    let mut reversed = portions.to_vec();
    reversed.reverse();
    assert_eq!(roll_up(scheme, &reversed), up);
    // The least such mark: anything that covers every portion covers the roll-up.
    if portions.iter().all(|p| other.dominates(p)) {
        assert!(
            other.dominates(&up),
            "{} covers all but not {}",
            other.banner(scheme),
            up.banner(scheme)
        );
    }
    // Banner and portion forms read back as the same mark.
    assert_eq!(
        Mark::parse(scheme, &up.banner(scheme)).unwrap(),
        up,
        "{}",
        up.banner(scheme)
    );
    assert_eq!(
        Mark::parse(scheme, &up.portion(scheme)).unwrap(),
        up,
        "{}",
        up.portion(scheme)
    );
    for p in portions {
        assert_eq!(Mark::parse(scheme, &p.portion(scheme)).unwrap(), *p);
    }
}

proptest! {
    #[test]
    fn us_style_roll_up_laws((s, ps) in portions("us-style"), other in any_mark(scheme("us-style"))) {
        check_laws(&s, &ps, &other);
    }

    #[test]
    fn uk_roll_up_laws((s, ps) in portions("uk-gov"), other in any_mark(scheme("uk-gov"))) {
        check_laws(&s, &ps, &other);
    }

    #[test]
    fn tlp_roll_up_laws((s, ps) in portions("tlp"), other in any_mark(scheme("tlp"))) {
        check_laws(&s, &ps, &other);
        let up = roll_up(&s, &ps);
        prop_assert_eq!(up.level, ps.iter().map(|p| p.level).max().unwrap_or(0));
    }

    #[test]
    fn rel_to_lists_intersect((s, ps) in portions("us-style")) {
        let release = s.categories.iter().position(|c| c.rule == Rule::Intersection).unwrap();
        let nf = s.categories.iter().flat_map(|c| &c.values).position(|v| v.portion == "NF");
        prop_assert!(nf.is_some());
        let lists: Vec<&BTreeSet<String>> = ps
            .iter()
            .filter_map(|p| match &p.carried[release] {
                Carried::Release(Some(l)) => Some(l),
                _ => None,
            })
            .collect();
        let up = roll_up(&s, &ps);
        match &up.carried[release] {
            Carried::Release(None) => prop_assert!(lists.is_empty()),
            Carried::Release(Some(got)) => {
                let mut want: BTreeSet<String> = lists[0].clone();
                for l in &lists[1..] {
                    want = want.intersection(l).cloned().collect();
                }
                let nofo = up.banner(&s).contains("NOFORN");
                if want.len() <= 1 || nofo {
                    // No one left but the owner, or a NOFORN portion: not releasable.
                    prop_assert!(got.is_empty());
                    prop_assert!(nofo, "{}", up.banner(&s));
                } else {
                    prop_assert_eq!(got, &want);
                }
            }
            other => prop_assert!(false, "{other:?}"),
        }
    }
}

proptest! {
    /// Any text, typed or hostile, reads as a mark or gives an error; never a panic. Text
    /// built from the schemes' own words reads back to the same mark every time.
    #[test]
    fn reading_never_panics(text in "\\PC{0,40}", parts in proptest::collection::vec(
        prop_oneof![Just("S"), Just("TS"), Just("//"), Just("NF"), Just("REL TO "), Just("USA"),
            Just(", "), Just("/"), Just("SI"), Just("("), Just(")"), Just("TLP:"), Just("AMBER")],
        0..10,
    )) {
        for name in ["us-style", "uk-gov", "tlp"] {
            let s = scheme(name);
            let _ = Mark::parse(&s, &text);
            if let Ok(m) = Mark::parse(&s, &parts.concat()) {
                prop_assert_eq!(Mark::parse(&s, &m.portion(&s)).unwrap(), m);
            }
        }
    }
}

/// A page's leads as the layout reports them: each portion's mark opening its text,
/// some after a label the templates set, and unmarked headings between them.
fn page_leads(scheme: &Scheme, portions: &[Mark], labels: &[usize]) -> Vec<String> {
    const LABELS: [&str; 4] = [
        "",
        "Key judgment 12. ",
        "Analyst comment: ",
        "In one line: ",
    ];
    let mut leads = vec!["Discussion (of the (e.g.) draft)".to_owned()];
    for (i, p) in portions.iter().enumerate() {
        let label = LABELS[labels.get(i).copied().unwrap_or(0) % LABELS.len()];
        leads.push(format!("{label}{} words (C) later", p.portion(scheme)));
        leads.push("Outlook and implications".to_owned());
    }
    leads
}

proptest! {
    /// A page's banner is exactly the roll-up of the portions on it, so never lower than
    /// any of them, whatever label comes before a mark.
    #[test]
    fn a_page_banner_is_the_roll_up_of_its_portions(
        (s, portions) in prop_oneof![portions("us-style"), portions("uk-gov"), portions("tlp")],
        labels in proptest::collection::vec(0usize..4, 0..8),
    ) {
        let leads = page_leads(&s, &portions, &labels);
        let leads: Vec<&str> = leads.iter().map(String::as_str).collect();
        let page = PageRollUp::new(&s, Mark::lowest(&s)).mark(&leads);
        prop_assert_eq!(&page, &roll_up(&s, &portions));
        for p in &portions {
            prop_assert!(page.dominates(p), "{} under {}", page.banner(&s), p.portion(&s));
        }
    }
}

#[test]
fn worked_examples() {
    let us = scheme("us-style");
    let p = |t: &str| Mark::parse(&us, t).unwrap();
    let up = roll_up(&us, &[p("(U)"), p("S//NF"), p("(C//REL TO USA, GBR)")]);
    assert_eq!(up.banner(&us), "SECRET//NOFORN");
    assert_eq!(up.portion(&us), "(S//NF)");
    let up = roll_up(
        &us,
        &[
            p("S//REL TO USA, GBR, AUS"),
            p("C//REL TO GBR, CAN, AUS"),
            p("U"),
        ],
    );
    assert_eq!(up.banner(&us), "SECRET//REL TO USA, AUS, GBR");
    let up = roll_up(&us, &[p("S//REL TO USA, GBR"), p("S//REL TO USA, AUS")]);
    assert_eq!(up.banner(&us), "SECRET//NOFORN");
    assert_eq!(
        roll_up(&us, &[p("TS//SI//OC"), p("TS//TK")]).banner(&us),
        "TOP SECRET//SI/TK//ORCON"
    );
    assert_eq!(roll_up(&us, []).banner(&us), "UNCLASSIFIED");

    let uk = scheme("uk-gov");
    let p = |t: &str| Mark::parse(&uk, t).unwrap();
    let up = roll_up(
        &uk,
        &[
            p("OS - COMMERCIAL - UK/US EYES ONLY"),
            p("(O - UK EYES ONLY)"),
        ],
    );
    assert_eq!(
        up.banner(&uk),
        "OFFICIAL-SENSITIVE - COMMERCIAL - UK EYES ONLY"
    );

    let tlp = scheme("tlp");
    let p = |t: &str| Mark::parse(&tlp, t).unwrap();
    assert_eq!(
        roll_up(&tlp, &[p("TLP:GREEN"), p("amber+strict"), p("(TLP:CLEAR)")]).banner(&tlp),
        "TLP:AMBER+STRICT"
    );
}

#[test]
fn ceilings_keep_only_what_they_cover() {
    let us = scheme("us-style");
    let p = |t: &str| Mark::parse(&us, t).unwrap();
    assert!(p("S").dominates(&p("C")));
    assert!(
        !p("S").dominates(&p("S//NF")),
        "a plain SECRET ceiling drops NOFORN portions"
    );
    assert!(!p("S//REL TO USA, GBR").dominates(&p("S//REL TO USA, AUS")));
    assert!(p("S//REL TO USA, GBR").dominates(&p("S//REL TO USA, GBR, AUS")));
    assert!(p("S//REL TO USA, GBR").dominates(&p("C")));
    assert!(!p("C").dominates(&p("S")));
}

#[test]
fn bad_marks_are_named() {
    let us = scheme("us-style");
    let e = |t: &str| Mark::parse(&us, t).unwrap_err().to_string();
    assert_eq!(
        e("Q//NF"),
        "\"Q//NF\": \"Q\" is not a level of the us-style scheme (its levels: U, CUI, C, S, TS)"
    );
    assert_eq!(
        e("S//XX"),
        "\"S//XX\": \"XX\" is not a control or caveat of the us-style scheme"
    );
    assert_eq!(
        e("S//REL TO "),
        "\"S//REL TO\": the list after \"REL TO\" names no country"
    );
    assert_eq!(e("  ()"), "the mark is empty");
    assert!(e("S//").contains("\"\" is not a control"));
    let tlp = scheme("tlp");
    let e = Mark::parse(&tlp, "TLP:WHITE").unwrap_err().to_string();
    assert!(
        e.contains("\"TLP:WHITE\" is not a level of the tlp scheme"),
        "{e}"
    );
}
