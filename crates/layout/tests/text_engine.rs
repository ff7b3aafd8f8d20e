//! The text engine as its callers use it: paragraphs broken into lines of glyph runs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith_layout::{
    Align, FontBook, GlyphRun, Line, LinkTarget, PageItem, ParagraphSpec, Rgb, Span, TextStyle,
    break_paragraph, single_line, width_bounds,
};
use briefsmith_style::Family;

const EPS: f32 = 1.0e-3;

fn runs(line: &Line) -> impl Iterator<Item = &GlyphRun> {
    line.items.iter().filter_map(|it| match it {
        PageItem::Glyphs(g) => Some(g),
        _ => None,
    })
}

fn spec(width: f32, align: Align) -> ParagraphSpec {
    ParagraphSpec {
        width,
        align,
        line_height: 14.0,
        hyphenate: true,
        first_indent: 0.0,
    }
}

fn plain(text: &str) -> Vec<Span> {
    vec![Span::new(text, TextStyle::default())]
}

/// Deterministic pseudo-random numbers (no test depends on a seed from outside).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "on",
    "Tuesday",
    "that",
    "negotiations",
    "would",
    "continue",
    "notwithstanding",
    "internationally",
    "recognised",
    "ceasefire",
    "arrangements,",
    "officials",
    "affirmed",
    "efficient",
    "(reportedly)",
    "well-known",
    "AVATAR",
    "2026",
    "12.5%",
    "مسعود پزشکیان",
    "Владимир Путин",
    "Αθήνα",
    "naïve",
    "https://www.example.org/reports/2026/11/very-long-path/with/many/segments?query=abcdefghijklmnopqrstuvwxyz&more=0123456789",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "x",
    "—",
    "“quoted”",
];

fn random_spans(rng: &mut Lcg) -> Vec<Span> {
    let n = 1 + rng.below(80);
    let mut spans = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let mut text = String::new();
        for _ in 0..n / 2 + 1 {
            text.push_str(WORDS[rng.below(WORDS.len())]);
            text.push(' ');
        }
        let mut style = TextStyle::new(
            [Family::Serif, Family::Sans, Family::Mono][rng.below(3)],
            [7.0, 10.5, 14.0][rng.below(3)],
        );
        style.bold = rng.below(2) == 0;
        style.italic = rng.below(3) == 0;
        style.underline = rng.below(4) == 0;
        if rng.below(5) == 0 {
            style.link = Some(LinkTarget::External("https://example.org".into()));
        }
        spans.push(Span::new(text, style));
    }
    spans
}

/// Checks every glyph, rule and link of a line lies within [0, width].
fn assert_within(line: &Line, width: f32, what: &str) {
    assert!(
        line.width <= width + EPS,
        "{what}: line width {} > {width}",
        line.width
    );
    for run in runs(line) {
        for g in &run.glyphs {
            assert!(g.x >= -EPS, "{what}: glyph at {} < 0", g.x);
            // The glyph's own advance ends the pen position; marks may sit left of it.
            assert!(
                g.x + g.advance <= width + 0.01,
                "{what}: glyph of {:?} ends at {} > {width}",
                run.text,
                g.x + g.advance
            );
        }
    }
    for it in &line.items {
        if let PageItem::Rect(r) = it {
            assert!(
                r.x >= -EPS && r.x + r.width <= width + EPS,
                "{what}: rule out of line"
            );
        }
    }
    for l in &line.links {
        assert!(
            l.x >= -EPS && l.x + l.width <= width + EPS,
            "{what}: link out of line"
        );
    }
}

/// Checks the lines' run texts are the source in logical order (spaces aside, inserted
/// hyphens aside) and that each glyph's cluster points inside its run's text.
fn assert_recoverable(spans: &[Span], lines: &[Line], what: &str) {
    let source: String = spans.iter().map(|s| s.text.as_str()).collect();
    let mut cursor = 0;
    for (n, line) in lines.iter().enumerate() {
        let mut left: Vec<&GlyphRun> = Vec::new();
        for run in runs(line) {
            assert!(!run.glyphs.is_empty(), "{what}: empty run");
            for g in &run.glyphs {
                assert!(
                    (g.cluster as usize) < run.text.len().max(1)
                        && run.text.is_char_boundary(g.cluster as usize),
                    "{what}: bad cluster {} in {:?}",
                    g.cluster,
                    run.text
                );
            }
            assert!(
                run.glyphs.iter().any(|g| g.cluster == 0),
                "{what}: text start of {:?} has no glyph",
                run.text
            );
            // Spaces set in a run of their own are whitespace to extraction as to us.
            if !run.text.chars().all(char::is_whitespace) {
                left.push(run);
            }
        }
        // Runs are in visual order: tile the source from the cursor with them, longest first.
        while !left.is_empty() {
            let rest = &source[cursor..];
            let next = left
                .iter()
                .enumerate()
                .filter(|(_, r)| rest.starts_with(r.text.as_str()))
                .max_by_key(|(_, r)| r.text.len())
                .map(|(i, _)| i);
            match (next, rest.chars().next()) {
                (Some(i), _) => cursor += left.remove(i).text.len(),
                (None, Some(c)) if c.is_whitespace() => cursor += c.len_utf8(),
                _ => break,
            }
        }
        // Only an inserted hyphen (at the line's logical end) is not source text.
        let leftover: Vec<_> = left.iter().map(|r| r.text.as_str()).collect();
        assert!(
            leftover.is_empty() || leftover == ["-"],
            "{what}: line {n}: runs {leftover:?} are not the source at {:?}; line: {:?}",
            &source[cursor..],
            runs(line).map(|r| r.text.as_str()).collect::<Vec<_>>()
        );
    }
    assert!(
        source[cursor..].chars().all(char::is_whitespace),
        "{what}: tail {:?} lost",
        &source[cursor..]
    );
}

#[test]
fn no_line_exceeds_the_measure_and_no_text_is_lost() {
    let book = FontBook::bundled();
    let mut rng = Lcg(0x5eed);
    for case in 0..300 {
        let spans = random_spans(&mut rng);
        let width = 20.0 + rng.below(480) as f32;
        let align = [Align::Left, Align::Right, Align::Center, Align::Justify][rng.below(4)];
        let mut sp = spec(width, align);
        sp.hyphenate = rng.below(2) == 0;
        sp.first_indent = [0.0, 12.0][rng.below(2)];
        let lines = break_paragraph(&book, &spans, &sp);
        let what = format!("case {case} (width {width}, {align:?}): {spans:?}");
        assert!(!lines.is_empty(), "{what}: no lines");
        for line in &lines {
            assert_within(line, width, &what);
        }
        assert_recoverable(&spans, &lines, &what);
    }
}

#[test]
fn a_long_url_in_a_narrow_column_is_broken_within_the_measure() {
    let book = FontBook::bundled();
    let url = format!("https://example.org/{}", "abcdefghij/".repeat(27));
    assert!(url.len() >= 300);
    for width in [20.0, 35.0, 90.0] {
        let lines = break_paragraph(&book, &plain(&url), &spec(width, Align::Justify));
        assert!(lines.len() > 3);
        for line in &lines {
            assert_within(line, width, "url");
        }
        assert_recoverable(&plain(&url), &lines, "url");
    }
}

#[test]
fn mixed_scripts_stay_within_a_twenty_point_column() {
    let book = FontBook::bundled();
    let text = "مسعود پزشکیان Владимир Путин Αθήνα Pezeshkian";
    let lines = break_paragraph(&book, &plain(text), &spec(20.0, Align::Justify));
    for line in &lines {
        assert_within(line, 20.0, "scripts");
    }
    assert_recoverable(&plain(text), &lines, "scripts");
}

#[test]
fn each_script_is_set_in_a_face_that_has_it() {
    let book = FontBook::bundled();
    let line = single_line(&book, &plain("Путин Αθήνα مسعود"));
    for run in runs(&line) {
        assert!(
            run.glyphs.iter().all(|g| g.id != 0),
            "{:?} has .notdef",
            run.text
        );
        let name = book.face_name(run.font);
        if run.text.contains('م') {
            assert!(name.starts_with("NotoNaskhArabic"), "{name}");
        } else {
            assert!(name.starts_with("NotoSerif"), "{name}");
        }
    }
}

#[test]
fn a_character_no_face_has_becomes_notdef_of_the_primary_face() {
    let book = FontBook::bundled();
    // Private-use characters never fall back to a system face.
    let line = single_line(&book, &plain("a\u{10FFFD}b \u{E000}"));
    let all: Vec<_> = runs(&line).collect();
    assert!(all.iter().any(|r| r.glyphs.iter().any(|g| g.id == 0)));
    assert!(
        all.iter()
            .all(|r| book.face_name(r.font) == "NotoSerif-Regular")
    );
}

#[test]
fn ffi_is_a_ligature_in_noto_serif() {
    let book = FontBook::bundled();
    let line = single_line(&book, &plain("ffi"));
    let run = runs(&line).next().expect("a run");
    assert_eq!(book.face_name(run.font), "NotoSerif-Regular");
    assert_eq!(run.glyphs.len(), 1, "ffi should be one glyph");
    assert_eq!(run.glyphs[0].cluster, 0);
    assert_eq!(run.text, "ffi");
}

#[test]
fn kerning_tightens_av() {
    let book = FontBook::bundled();
    let w = |s: &str| single_line(&book, &plain(s)).width;
    assert!(
        w("AV") < w("A") + w("V") - 0.1,
        "AV {} vs {}",
        w("AV"),
        w("A") + w("V")
    );
}

#[test]
fn a_narrow_justified_column_hyphenates() {
    let book = FontBook::bundled();
    let text = "Representatives of international organisations characterised the \
                unprecedented humanitarian circumstances as extraordinarily complicated \
                notwithstanding considerable diplomatic commitments.";
    let lines = break_paragraph(&book, &plain(text), &spec(110.0, Align::Justify));
    let hyphenated: Vec<_> = lines
        .iter()
        .filter(|l| runs(l).last().is_some_and(|r| r.text == "-"))
        .collect();
    assert!(!hyphenated.is_empty(), "no line was hyphenated");
    assert_recoverable(&plain(text), &lines, "hyphenation");
    // Without hyphenation no hyphen is ever added.
    let mut sp = spec(110.0, Align::Justify);
    sp.hyphenate = false;
    let lines = break_paragraph(&book, &plain(text), &sp);
    assert!(lines.iter().all(|l| runs(l).all(|r| r.text != "-")));
}

#[test]
fn justified_lines_fill_the_measure_except_the_last() {
    let book = FontBook::bundled();
    let text = "The delegation arrived in the capital on Monday evening and met the foreign \
                minister for talks that lasted well into the night, according to officials.";
    let lines = break_paragraph(&book, &plain(text), &spec(180.0, Align::Justify));
    assert!(lines.len() >= 3);
    for line in &lines[..lines.len() - 1] {
        assert!((line.width - 180.0).abs() < 0.01, "width {}", line.width);
    }
    assert!(lines.last().is_some_and(|l| l.width < 179.0));
}

#[test]
fn alignment_places_ragged_lines() {
    let book = FontBook::bundled();
    let first_x = |align| {
        let lines = break_paragraph(&book, &plain("short line"), &spec(300.0, align));
        let run = runs(&lines[0]).next().cloned().expect("run");
        (run.glyphs[0].x, lines[0].width)
    };
    let (left, _) = first_x(Align::Left);
    let (center, _) = first_x(Align::Center);
    let (right, rw) = first_x(Align::Right);
    assert!(left.abs() < EPS);
    assert!(center > 50.0 && center < right);
    assert!((rw - 300.0).abs() < 0.01);
}

#[test]
fn first_line_indent_moves_only_the_first_line() {
    let book = FontBook::bundled();
    let text = "One two three four five six seven eight nine ten eleven twelve thirteen.";
    let mut sp = spec(120.0, Align::Left);
    sp.first_indent = 15.0;
    let lines = break_paragraph(&book, &plain(text), &sp);
    let x = |l: &Line| runs(l).next().expect("run").glyphs[0].x;
    assert!((x(&lines[0]) - 15.0).abs() < EPS);
    assert!(x(&lines[1]).abs() < EPS);
}

#[test]
fn an_rtl_run_is_reordered_to_visual_order() {
    let book = FontBook::bundled();
    let line = single_line(&book, &plain("Talks with مسعود پزشکیان ended."));
    let all: Vec<_> = runs(&line).collect();
    let arabic = all
        .iter()
        .find(|r| r.text.contains('م'))
        .expect("arabic run");
    assert_eq!(arabic.text, "مسعود پزشکیان");
    // Left to right on the page the glyphs run from the end of the text to its start.
    let first = arabic.glyphs.first().expect("glyph").cluster;
    let last = arabic.glyphs.last().expect("glyph").cluster;
    assert!(first > last, "clusters {first} .. {last} not right-to-left");
    let start_of = |needle: &str| {
        let run = all.iter().find(|r| r.text.contains(needle)).expect(needle);
        run.glyphs[0].x
    };
    assert!(start_of("Talks") < arabic.glyphs[0].x);
    assert!(arabic.glyphs[0].x < start_of("ended"));
}

#[test]
fn rtl_words_broken_across_lines_keep_logical_line_order() {
    let book = FontBook::bundled();
    let text = "مسعود پزشکیان مسعود پزشکیان";
    let lines = break_paragraph(&book, &plain(text), &spec(70.0, Align::Left));
    assert!(lines.len() >= 2);
    assert_recoverable(&plain(text), &lines, "rtl lines");
}

#[test]
fn links_underline_and_superscripts_are_drawn() {
    let book = FontBook::bundled();
    let link = TextStyle {
        link: Some(LinkTarget::External("https://example.org".into())),
        underline: true,
        color: Rgb(0.0, 0.0, 0.6),
        ..TextStyle::default()
    };
    let sup = TextStyle {
        size: 7.0,
        baseline_shift: 3.5,
        link: Some(LinkTarget::Internal("note-1".into())),
        ..TextStyle::default()
    };
    let spans = vec![
        Span::new("See the ", TextStyle::default()),
        Span::new("report of the mission", link),
        Span::new("1", sup),
        Span::new(" for details.", TextStyle::default()),
    ];
    let lines = break_paragraph(&book, &spans, &spec(80.0, Align::Left));
    let links: Vec<_> = lines.iter().flat_map(|l| &l.links).collect();
    let external = links
        .iter()
        .filter(|l| matches!(l.target, LinkTarget::External(_)))
        .count();
    assert!(
        external >= 2,
        "one link area per line fragment, got {external}"
    );
    assert_eq!(
        links
            .iter()
            .filter(|l| l.target == LinkTarget::Internal("note-1".into()))
            .count(),
        1
    );
    let rules = lines
        .iter()
        .flat_map(|l| &l.items)
        .filter(|it| matches!(it, PageItem::Rect(_)))
        .count();
    assert!(rules >= 2, "underline on each line of the link");
    let raised = lines
        .iter()
        .flat_map(runs)
        .find(|r| r.text == "1")
        .expect("note reference");
    assert!((raised.glyphs[0].y + 3.5).abs() < EPS && raised.size == 7.0);
}

#[test]
fn single_line_and_width_bounds_measure_text() {
    let book = FontBook::bundled();
    let spans = plain("a considerably longer word");
    let line = single_line(&book, &spans);
    let (min, max) = width_bounds(&book, &spans);
    assert!((max - line.width).abs() < 0.01, "{max} vs {}", line.width);
    let longest = single_line(&book, &plain("considerably")).width;
    assert!((min - longest).abs() < 0.01, "{min} vs {longest}");
    assert!(line.ascent > 0.0 && line.descent > 0.0);
    // At the minimum width every line fits without breaking a word.
    let mut sp = spec(min, Align::Left);
    sp.hyphenate = false;
    let lines = break_paragraph(&book, &spans, &sp);
    assert!(lines.iter().flat_map(runs).all(|r| r.text != "-"));
}

#[test]
fn empty_and_blank_input_make_no_lines() {
    let book = FontBook::bundled();
    assert!(break_paragraph(&book, &[], &spec(100.0, Align::Justify)).is_empty());
    assert!(break_paragraph(&book, &plain(""), &spec(100.0, Align::Justify)).is_empty());
    let l = single_line(&book, &plain(""));
    assert!(l.items.is_empty() && l.width == 0.0);
    assert_eq!(width_bounds(&book, &[]), (0.0, 0.0));
    for w in [0.0, -5.0, f32::NAN, f32::INFINITY] {
        let lines = break_paragraph(&book, &plain("some text here"), &spec(w, Align::Justify));
        assert!(!lines.is_empty());
    }
}

#[test]
fn hard_line_breaks_end_lines() {
    let book = FontBook::bundled();
    let lines = break_paragraph(&book, &plain("first\nsecond"), &spec(300.0, Align::Justify));
    assert_eq!(lines.len(), 2);
    assert_eq!(runs(&lines[1]).next().expect("run").text, "second");
    // A blank line between two hard breaks keeps the height of a line.
    let lines = break_paragraph(&book, &plain("first\n\nthird"), &spec(300.0, Align::Left));
    assert_eq!(lines.len(), 3);
    assert!(lines[1].items.is_empty());
    assert!((lines[1].ascent + lines[1].descent - 14.0).abs() < 0.5);
}

#[test]
fn font_book_serves_the_pdf_writer() {
    // A fresh book: the shared one may have taken on system faces for other tests.
    let fresh = FontBook::load();
    assert_eq!(fresh.ids().count(), 16);
    let book = FontBook::bundled();
    for id in fresh.ids() {
        assert!(book.face_data(id).len() > 20_000);
        assert_eq!(book.face_index(id), 0);
        assert!(!book.is_system_face(id));
        assert_eq!(book.units_per_em(id), 1000);
        assert!(!book.face_name(id).is_empty());
    }
    assert!(std::sync::Arc::ptr_eq(&book, &FontBook::bundled()));
}

#[test]
fn translated_moves_everything() {
    let book = FontBook::bundled();
    let st = TextStyle {
        underline: true,
        link: Some(LinkTarget::Internal("x".into())),
        ..TextStyle::default()
    };
    let line = single_line(&book, &[Span::new("moved", st)]);
    let (items, links) = line.translated(100.0, 200.0);
    let PageItem::Glyphs(run) = &items[0] else {
        panic!("first item is glyphs")
    };
    assert!((run.glyphs[0].x - 100.0).abs() < EPS && (run.glyphs[0].y - 200.0).abs() < EPS);
    assert!(links[0].x >= 100.0 - EPS && links[0].y < 200.0);
}

#[test]
fn arbitrary_unicode_never_panics_or_overflows() {
    let book = FontBook::bundled();
    let mut rng = Lcg(0xf00d);
    // Marks, controls, bidi overrides, joiners, emoji, CJK, Hebrew, Arabic with harakat, tabs.
    let pool: Vec<char> = "aZ09 \t\n\u{301}\u{200d}\u{200b}\u{202e}\u{2067}\u{ad}\u{a0}😀👩‍👩‍👧漢字שלוםمَسعود\u{64b}ـ-/–—.,;\u{feff}\u{fffd}\u{1}\u{7f}"
        .chars()
        .collect();
    for case in 0..200 {
        let mut text = String::new();
        for _ in 0..rng.below(120) {
            text.push(pool[rng.below(pool.len())]);
        }
        let spans = plain(&text);
        let width = 25.0 + rng.below(300) as f32;
        let align = [Align::Left, Align::Right, Align::Center, Align::Justify][rng.below(4)];
        let lines = break_paragraph(&book, &spans, &spec(width, align));
        for line in &lines {
            assert_within(line, width, &format!("case {case}: {text:?}"));
        }
        assert_same_chars(&text, &lines, &format!("case {case}: {text:?}"));
        let _ = single_line(&book, &spans);
        let (min, max) = width_bounds(&book, &spans);
        assert!(
            min <= max + EPS && min >= 0.0,
            "case {case}: bounds {min} {max}"
        );
    }
}

/// Checks the runs hold exactly the source's characters (whitespace aside), plus at most one
/// inserted hyphen per line: order is checked on real text by `assert_recoverable`.
fn assert_same_chars(source: &str, lines: &[Line], what: &str) {
    let sorted = |s: &mut dyn Iterator<Item = char>| {
        let mut v: Vec<char> = s.filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    let mut set = lines.iter().flat_map(runs).flat_map(|r| r.text.chars());
    let mut got = sorted(&mut set);
    let want = sorted(&mut source.chars());
    let mut extra_hyphens = 0;
    while got.len() > want.len() {
        let Some(i) = got.iter().position(|&c| c == '-') else {
            break;
        };
        got.remove(i);
        extra_hyphens += 1;
    }
    assert!(extra_hyphens <= lines.len(), "{what}: too many hyphens");
    assert_eq!(got, want, "{what}");
}

#[test]
fn names_are_not_hyphenated() {
    let book = FontBook::bundled();
    let text = "Pezeshkian and Netanyahu met Kazakhstan representatives in Washington, \
                Ouagadougou and Kaliningrad yesterday, discussing Afghanistan";
    let mut hyphenated = 0;
    for width in (50..200).step_by(6) {
        let lines = break_paragraph(&book, &plain(text), &spec(width as f32, Align::Justify));
        for line in &lines {
            let all: Vec<&GlyphRun> = runs(line).collect();
            if all.len() >= 2 && all[all.len() - 1].text == "-" {
                let before = all[all.len() - 2].text.trim_end();
                let word = before.rsplit(' ').next().unwrap_or(before);
                assert!(
                    word.starts_with(|c: char| c.is_lowercase()),
                    "{word:?} was hyphenated at width {width}"
                );
                hyphenated += 1;
            }
        }
    }
    assert!(hyphenated > 0, "common words should still be hyphenated");
}

/// Where on the line the first character of `word` is drawn.
fn x_of(line: &Line, word: &str) -> f32 {
    runs(line)
        .find_map(|run| {
            let at = run.text.find(word)? as u32;
            run.glyphs.iter().find(|g| g.cluster == at).map(|g| g.x)
        })
        .unwrap_or_else(|| panic!("{word} is not set"))
}

/// Where a line's glyphs start and end.
fn extent(line: &Line) -> (f32, f32) {
    let glyphs = || runs(line).flat_map(|r| &r.glyphs);
    let left = glyphs().map(|g| g.x).fold(f32::INFINITY, f32::min);
    let right = glyphs().map(|g| g.x + g.advance).fold(0.0, f32::max);
    (left, right)
}

#[test]
fn a_persian_paragraph_runs_right_to_left_from_the_right_margin() {
    let book = FontBook::bundled();
    // "Masoud Pezeshkian met Vladimir Putin."
    let text = "مسعود پزشکیان با ولادیمیر پوتین دیدار کرد.";
    for align in [Align::Left, Align::Justify] {
        let lines = break_paragraph(&book, &plain(text), &spec(400.0, align));
        assert_eq!(lines.len(), 1);
        let (left, right) = extent(&lines[0]);
        assert!((right - 400.0).abs() < 0.5, "{align:?}: ends at {right}");
        assert!(left > 100.0, "{align:?}: starts at {left}");
        // The first word read is the rightmost.
        assert!(x_of(&lines[0], "مسعود") > x_of(&lines[0], "پزشکیان"));
        assert!(x_of(&lines[0], "پزشکیان") > x_of(&lines[0], "کرد"));
    }
    // Several lines: each starts at the right margin, and the indent is on the right.
    let mut narrow = spec(120.0, Align::Left);
    narrow.first_indent = 20.0;
    let lines = break_paragraph(&book, &plain(text), &narrow);
    assert!(lines.len() > 1);
    let (_, right) = extent(&lines[0]);
    assert!((right - 100.0).abs() < 0.5, "first line ends at {right}");
    for line in &lines[1..] {
        let (_, right) = extent(line);
        assert!((right - 120.0).abs() < 0.5, "line ends at {right}");
    }
}

#[test]
fn an_english_paragraph_with_a_persian_name_stays_left_to_right() {
    let book = FontBook::bundled();
    let text = "President مسعود پزشکیان arrived in Kazan.";
    let lines = break_paragraph(&book, &plain(text), &spec(400.0, Align::Left));
    assert_eq!(lines.len(), 1);
    let (left, _) = extent(&lines[0]);
    assert!(left.abs() < 0.01, "starts at {left}");
    let x_of = |word: &str| x_of(&lines[0], word);
    // Visual order: President, then the name with its words swapped (read right to left),
    // then "arrived".
    assert!(x_of("President") < x_of("پزشکیان"));
    assert!(x_of("پزشکیان") < x_of("مسعود"));
    assert!(x_of("مسعود") < x_of("arrived"));
}

#[test]
fn hebrew_is_set_in_noto_hebrew_of_the_family() {
    let book = FontBook::bundled();
    for (family, face) in [
        (Family::Serif, "NotoSerifHebrew-Regular"),
        (Family::Sans, "NotoSansHebrew-Regular"),
    ] {
        let line = single_line(&book, &[Span::new("ירושלים", TextStyle::new(family, 10.0))]);
        let run = runs(&line).next().expect("a run");
        assert_eq!(book.face_name(run.font), face);
        assert!(run.glyphs.iter().all(|g| g.id != 0));
    }
}

/// Whether this machine has the Noto CJK fonts (installed by `.ci/run`).
fn has_system_cjk() -> bool {
    std::path::Path::new("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists()
}

#[test]
fn chinese_falls_back_to_a_system_face_once_per_character() {
    if !has_system_cjk() {
        eprintln!("skipped: no Noto CJK fonts on this machine (.ci/run installs them)");
        return;
    }
    let book = FontBook::load();
    let bundled = book.ids().count();
    let line = single_line(&book, &plain("Xi 习近平 and 习"));
    let cjk: Vec<_> = runs(&line).filter(|r| r.text.contains('习')).collect();
    assert!(!cjk.is_empty());
    for run in &cjk {
        assert!(book.is_system_face(run.font));
        assert!(
            book.face_name(run.font).contains("CJK"),
            "{}",
            book.face_name(run.font)
        );
        assert!(run.glyphs.iter().all(|g| g.id != 0));
    }
    // One face taken on for all of it; the serif body prefers Noto Serif CJK.
    assert_eq!(book.ids().count(), bundled + 1);
    assert!(book.face_name(cjk[0].font).starts_with("NotoSerifCJK"));
}
