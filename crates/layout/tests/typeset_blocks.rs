//! How each kind of block is set: title block, lists, quotes, code, images, literal HTML.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

mod common;

use briefsmith_layout::{GlyphRun, Page, PageItem, typeset};
use briefsmith_style::{DocumentInfo, PageStyle};
use common::*;

fn glyph_run<'a>(page: &'a Page, text: &str) -> &'a GlyphRun {
    page.items
        .iter()
        .find_map(|it| match it {
            PageItem::Glyphs(g) if g.text == text => Some(g),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no run {text:?} in {:?}", runs(page)))
}

fn x_of(page: &Page, text: &str) -> f32 {
    glyph_run(page, text).glyphs[0].x
}

fn rects(page: &Page) -> Vec<briefsmith_layout::Rect> {
    page.items
        .iter()
        .filter_map(|it| match it {
            PageItem::Rect(r) => Some(*r),
            _ => None,
        })
        .collect()
}

#[test]
fn title_block_with_metadata_line() {
    let md = "# The Title\n\n**For:** Director\\\n**Date:** 25 November 2026\n\n## First\n\nBody text.\n";
    let doc = set(md);
    let p = &doc.pages[0];
    let title = glyph_run(p, "The Title");
    let heading = glyph_run(p, "First");
    let body = glyph_run(p, "Body text.");
    assert!(title.size > heading.size && heading.size > body.size);
    assert!((title.size / body.size - 2.0).abs() < 0.01);
    // The metadata line is set small and muted, not as body text.
    let meta = glyph_run(p, " Director");
    assert!(meta.size < body.size);
    assert_ne!(meta.color, body.color);
    assert_eq!(doc.outline[0].title, "The Title");
    assert_eq!(doc.outline[1].level, 2);
    // Without a metadata-like paragraph, the paragraph after the title is body text.
    let doc = set("# T\n\nAn ordinary first paragraph that says something.\n");
    let run = glyph_run(
        &doc.pages[0],
        "An ordinary first paragraph that says something.",
    );
    assert_eq!(run.size, PageStyle::default().body_size_pt);
}

#[test]
fn heading_sizes_step_down() {
    let doc = set("Intro.\n\n# A\n\n## B\n\n### C\n\n#### D\n\n##### E\n\n###### F\n\nbody\n");
    let p = &doc.pages[0];
    let sizes: Vec<f32> = ["A", "B", "C", "D", "E", "F"]
        .iter()
        .map(|t| glyph_run(p, t).size)
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    assert!(sizes[0] > sizes[3]);
    assert_eq!(doc.outline.len(), 6);
}

#[test]
fn lists_hang_their_markers() {
    let md = "Intro.\n\n7. seven\n8. eight\n   - inner\n\n- [x] done\n- [ ] open\n";
    let doc = set(md);
    let p = &doc.pages[0];
    assert!(in_order(
        &page_text(p),
        &[
            "7.", "seven", "8.", "eight", "inner", "\u{d7}", "done", "open"
        ]
    ));
    let seven = x_of(p, "seven");
    assert!(x_of(p, "7.") < seven, "marker hangs left of the text");
    assert_eq!(x_of(p, "eight"), seven, "items share an indent");
    assert!(x_of(p, "inner") > seven, "nested lists indent further");
    assert!(x_of(p, "Intro.") < x_of(p, "7."));
}

#[test]
fn each_of_three_list_levels_has_its_own_bullet() {
    let md = "- one\n  - two\n    - three\n      - four\n";
    let doc = set(md);
    let p = &doc.pages[0];
    let markers: Vec<&GlyphRun> = p
        .items
        .iter()
        .filter_map(|it| match it {
            PageItem::Glyphs(g)
                if ["\u{2022}", "\u{2013}", "\u{25e6}"].contains(&g.text.as_str()) =>
            {
                Some(g)
            }
            _ => None,
        })
        .collect();
    let texts: Vec<&str> = markers.iter().map(|g| g.text.as_str()).collect();
    // Bullet, en dash, white bullet; the fourth level starts the cycle again.
    assert_eq!(texts, ["\u{2022}", "\u{2013}", "\u{25e6}", "\u{2022}"]);
    assert!(
        markers.iter().all(|g| g.glyphs.iter().all(|gl| gl.id != 0)),
        "every bullet has a glyph in the fonts"
    );
}

#[test]
fn quotes_have_a_bar_and_a_right_aligned_attribution() {
    let md = "Before.\n\n> The words, verbatim.\n>\n> — Speaker, 1 May 2024\n\nAfter.\n";
    let doc = set_with(md, &bare_style());
    let p = &doc.pages[0];
    let left = x_of(p, "Before.");
    assert!(x_of(p, "The words, verbatim.") > left + 5.0);
    let attribution = glyph_run(p, "— Speaker, 1 May 2024");
    let last = attribution.glyphs.last().unwrap();
    let mm = 72.0 / 25.4;
    let style = bare_style();
    let right = style.paper.size_pt().0 - style.margins_mm.right * mm;
    assert!((last.x + last.advance - right).abs() < 1.0, "flush right");
    assert!(attribution.size < glyph_run(p, "Before.").size);
    // A bar: a thin, tall rectangle at the quote's left.
    assert!(
        rects(p)
            .iter()
            .any(|r| r.width < 3.0 && r.height > 20.0 && (r.x - left).abs() < 1.0)
    );
}

#[test]
fn code_keeps_indentation_and_wraps_inside_the_margins() {
    let long = "q".repeat(300);
    let md = format!("```\nfn f() {{\n    body();\n}}\n{long}\n```\n");
    let doc = set_with(&md, &bare_style());
    let p = &doc.pages[0];
    let body = p
        .items
        .iter()
        .find_map(|it| match it {
            PageItem::Glyphs(g) if g.text.ends_with("body();") => Some(g),
            _ => None,
        })
        .expect("indented line");
    assert!(body.text.starts_with("\u{a0}\u{a0}\u{a0}\u{a0}"));
    let text = page_text(p).replace(' ', "");
    assert_eq!(text.matches('q').count(), 300);
    // A tinted background behind the block.
    assert!(
        rects(p)
            .iter()
            .any(|r| r.height > 40.0 && r.color != briefsmith_layout::Rgb::BLACK)
    );
    let f = glyph_run(p, "fn f() {");
    assert!(!f.glyphs.is_empty());
}

#[test]
fn html_is_set_literally() {
    let doc = set("<script>alert(1)</script>\n\nText with <b>inline</b> tags.\n");
    let text = page_text(&doc.pages[0]);
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(in_order(&text, &["<b>", "inline", "</b>"]));
}

#[test]
fn inline_code_is_tinted_and_strikethrough_is_ruled() {
    let doc = set("Call `run()` now, ~~not~~ later.\n");
    let p = &doc.pages[0];
    let code = glyph_run(p, "run()");
    assert!(code.size < PageStyle::default().body_size_pt);
    let rs = rects(p);
    let cx = code.glyphs[0].x;
    assert!(
        rs.iter()
            .any(|r| r.x <= cx && r.x + r.width > cx && r.height > code.size * 0.8)
    );
    let not = glyph_run(p, "not");
    let nx = not.glyphs[0].x;
    assert!(rs.iter().any(|r| (r.x - nx).abs() < 0.5 && r.height < 1.5));
}

#[test]
fn local_png_images_fit_the_measure_and_others_become_placeholders() {
    let dir = std::env::temp_dir().join(format!("briefsmith-layout-img-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("fig")).unwrap();
    std::fs::write(dir.join("fig/wide.png"), png_image(2000, 500)).unwrap();
    std::fs::write(dir.join("small.png"), png_image(96, 48)).unwrap();
    std::fs::write(dir.join("fake.png"), b"not a png at all").unwrap();
    let md = "![wide](fig/wide.png)\n\n![small](small.png)\n\n![fake](fake.png)\n\n![gone](gone.png)\n\n![abs](/etc/hosts)\n\n![up](../x.png)\n\n![web](https://example.org/a.png)\n";
    let style = bare_style();
    let doc = typeset(md, &style, &DocumentInfo::default(), Some(&dir)).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let images: Vec<_> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|it| match it {
            PageItem::Image(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 2);
    let mm = 72.0 / 25.4;
    let text_w = style.paper.size_pt().0 - (style.margins_mm.left + style.margins_mm.right) * mm;
    assert!(
        (images[0].width - text_w).abs() < 0.5,
        "scaled to the measure"
    );
    assert!(
        (images[0].width / images[0].height - 4.0).abs() < 0.01,
        "aspect kept"
    );
    assert!(
        (images[1].width - 72.0).abs() < 0.01,
        "small images are not enlarged"
    );
    let text = doc_text(&doc);
    assert_eq!(text.matches("Image not shown:").count(), 5, "{text}");
    for name in [
        "fake.png",
        "gone.png",
        "/etc/hosts",
        "../x.png",
        "https://example.org/a.png",
    ] {
        assert!(text.contains(name), "{name} not named");
    }
}

#[test]
fn blocks_keep_the_text_on_the_half_line_rhythm() {
    let style = PageStyle::default();
    let lh = style.body_size_pt * style.line_height;
    for block in [
        "```\ncode\n  more code\n```",
        "| a | b |\n|---|---|\n| 1 | two words |\n| 3 | 4 |",
        "![gone](nowhere.png)",
        "---",
        "> quoted\n>\n> — Someone",
        "- a\n- b\n  - c",
        "## A heading",
    ] {
        let doc = set(&format!("Before.\n\n{block}\n\nAfter.\n"));
        let p = &doc.pages[0];
        let y = |t| glyph_run(p, t).glyphs[0].y;
        let steps = (y("After.") - y("Before.")) / (lh / 2.0);
        assert!(
            (steps - steps.round()).abs() < 0.01,
            "{block:?}: {steps} half-lines apart"
        );
    }
}

#[test]
fn body_lines_are_one_line_height_apart() {
    let style = PageStyle::default();
    let lh = style.body_size_pt * style.line_height;
    let doc = set(&para("x", 200));
    let mut ys: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|it| match it {
            PageItem::Glyphs(g) if g.text.contains('x') => g.glyphs.first().map(|gl| gl.y),
            _ => None,
        })
        .collect();
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
    assert!(ys.len() > 5);
    for w in ys.windows(2) {
        assert!((w[1] - w[0] - lh).abs() < 0.01, "{} apart", w[1] - w[0]);
    }
}

#[test]
fn heading_sizes_follow_the_style_scale() {
    let style = PageStyle {
        heading_scale: [3.0, 2.0, 1.5, 1.2, 1.1, 1.0],
        ..PageStyle::default()
    };
    let doc = set_with("Intro.\n\n# Big\n\n## Less\n", &style);
    let p = &doc.pages[0];
    assert!((glyph_run(p, "Big").size - 3.0 * style.body_size_pt).abs() < 0.01);
    assert!((glyph_run(p, "Less").size - 2.0 * style.body_size_pt).abs() < 0.01);
    let bad = PageStyle {
        heading_scale: [f32::INFINITY, 1.0, 1.0, 1.0, 1.0, 1.0],
        ..PageStyle::default()
    };
    assert!(typeset("x", &bad, &DocumentInfo::default(), None).is_err());
}
