//! Unit tests of the breaking algorithms on prepared paragraphs.

use super::breaking::{Measure, Pass, choose_breaks, first_fit, knuth_plass, line_ratios};
use super::prepare::{PrepareOptions, prepare};
use super::{FontBook, Span, TextStyle};

const SAMPLE: &str = "The foreign ministers of the three countries met in Geneva on Thursday \
    for talks that officials described as constructive, although no agreement was reached on \
    the central question of monitoring. A joint statement issued after the meeting said the \
    parties had agreed to continue technical consultations at expert level and to reconvene \
    within a month. Diplomats familiar with the discussions said that the main obstacles \
    remained the sequencing of sanctions relief and the verification arrangements, which one \
    delegation characterised as insufficiently transparent. Independent analysts cautioned \
    that the statement contained few concrete commitments and that previous rounds had ended \
    with similar language before negotiations stalled for several months.";

/// Lines stretched beyond their glue's stretchability (TeX's "very loose"), last line aside.
fn very_loose(ratios: &[Option<f32>]) -> usize {
    let body = &ratios[..ratios.len().saturating_sub(1)];
    body.iter().filter(|r| r.is_none_or(|r| r > 1.0)).count()
}

/// TeX's badness summed over the lines, last line aside.
fn badness_sum(ratios: &[Option<f32>]) -> f32 {
    let body = &ratios[..ratios.len().saturating_sub(1)];
    body.iter()
        .map(|r| (100.0 * r.unwrap_or(10.0).abs().powi(3)).min(1.0e5))
        .sum()
}

#[test]
fn knuth_plass_sets_fewer_very_loose_lines_than_greedy() {
    let book = FontBook::bundled();
    let spans = [Span::new(SAMPLE, TextStyle::default())];
    // Very loose lines: stretched beyond their spaces' stretchability; and their badness.
    let (mut kp, mut first, mut natural) = ((0, 0.0), (0, 0.0), (0, 0.0));
    let add = |acc: &mut (usize, f32), r: Vec<Option<f32>>| {
        acc.0 += very_loose(&r);
        acc.1 += badness_sum(&r);
    };
    for width in [250.0, 280.0, 310.0, 340.0, 370.0, 400.0, 430.0, 460.0] {
        let opts = PrepareOptions {
            hyphenate: true,
            split_wider_than: width,
            justify: true,
        };
        let p = prepare(&book, &spans, opts);
        // The same items with rigid spaces: greedy filling at natural width.
        let rigid = prepare(
            &book,
            &spans,
            PrepareOptions {
                justify: false,
                ..opts
            },
        );
        let m = Measure {
            first: width,
            rest: width,
            ragged_stretch: None,
        };
        add(
            &mut kp,
            line_ratios(&p.items, &choose_breaks(&p.items, &m), &m),
        );
        add(
            &mut first,
            line_ratios(&p.items, &first_fit(&p.items, &m), &m),
        );
        add(
            &mut natural,
            line_ratios(&p.items, &first_fit(&rigid.items, &m), &m),
        );
    }
    assert!(
        kp.0 < first.0 && kp.0 < natural.0,
        "very loose: {kp:?} {first:?} {natural:?}"
    );
    assert!(
        kp.1 < first.1 && kp.1 < natural.1,
        "badness: {kp:?} {first:?} {natural:?}"
    );
}

#[test]
fn total_fit_never_costs_more_than_first_fit() {
    let book = FontBook::bundled();
    let spans = [Span::new(SAMPLE, TextStyle::default())];
    for width in [100.0, 150.0, 200.0, 300.0] {
        let opts = PrepareOptions {
            hyphenate: false,
            split_wider_than: width,
            justify: true,
        };
        let p = prepare(&book, &spans, opts);
        let m = Measure {
            first: width,
            rest: width,
            ragged_stretch: None,
        };
        let kp = knuth_plass(&p.items, &m, &Pass { tolerance: None }).expect("a breaking");
        let ff = first_fit(&p.items, &m);
        let cost = |b: &[usize]| {
            let r = line_ratios(&p.items, b, &m);
            r[..r.len() - 1]
                .iter()
                .map(|r| (10.0 + 100.0 * f64::from(r.unwrap_or(100.0).abs()).powi(3)).powi(2))
                .sum::<f64>()
        };
        assert!(cost(&kp) <= cost(&ff) * 1.0001, "width {width}");
    }
}

#[test]
fn every_item_list_ends_with_a_forced_break() {
    let book = FontBook::bundled();
    let spans = [Span::new("a b\nc", TextStyle::default())];
    let opts = PrepareOptions {
        hyphenate: true,
        split_wider_than: 100.0,
        justify: true,
    };
    let p = prepare(&book, &spans, opts);
    assert!(p.items.last().is_some_and(|it| it.is_forced_break()));
    assert_eq!(p.items.iter().filter(|it| it.is_forced_break()).count(), 2);
}

#[test]
fn the_font_book_can_be_shared_across_threads() {
    fn shared<T: Send + Sync>(_: &T) {}
    let book = FontBook::bundled();
    shared(&book);
    let other = std::thread::spawn(|| FontBook::bundled().ids().count());
    assert_eq!(other.join().ok(), Some(book.ids().count()));
}

#[test]
fn each_font_book_keeps_its_own_hyphenation_cache() {
    let (used, fresh) = (FontBook::load(), FontBook::load());
    let spans = [Span::new(SAMPLE, TextStyle::default())];
    let opts = PrepareOptions {
        hyphenate: true,
        split_wider_than: 200.0,
        justify: true,
    };
    prepare(&used, &spans, opts);
    assert!(used.cache.hyphenated_words() > 10);
    assert_eq!(
        fresh.cache.hyphenated_words(),
        0,
        "nothing is shared between books"
    );
    let (a, b) = (
        used.cache.hyphenate("characterised"),
        fresh.cache.hyphenate("characterised"),
    );
    assert!(!a.is_empty());
    assert_eq!(a, b, "each book hyphenates alike");
}
