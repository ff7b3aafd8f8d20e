//! The hostile inputs of the reliability issue, shared by the bounded tests
//! (`tests/hostile_input.rs`) and the benchmark (`benches/hostile.rs`).

#![allow(dead_code, reason = "each user takes what it needs")]

/// The names of the cases, for the benchmark.
pub const CASES: &[&str] = &[
    "zero_width_format_characters",
    "wide_table_with_a_tall_cell",
    "forty_thousand_headings",
    "one_megabyte_of_mixed_markdown",
];

/// The Markdown of a reproducer, by name.
pub fn input(case: &str) -> String {
    match case {
        // Zero-width format characters glued to a word: each is a grapheme, so a break
        // point, with nothing measurable between them (27 s before the fix).
        "zero_width_format_characters" => {
            let glue: String = ['\u{200e}', '\u{2060}', '\u{2067}']
                .iter()
                .cycle()
                .take(80_000)
                .collect();
            format!("{glue}{}\n", "x".repeat(100))
        }
        // 1,000 columns and one tall cell, 206 KB (3,138 pages and 663 MB before the fix).
        "wide_table_with_a_tall_cell" => {
            let cols = 1_000;
            let mut md = String::new();
            for c in 0..cols {
                md.push_str(&format!("| h{c} "));
            }
            md.push_str("|\n");
            md.push_str(&"|---".repeat(cols));
            md.push_str("|\n| ");
            md.push_str(&"tall ".repeat(38_000));
            md.push_str(&" | x".repeat(cols - 1));
            md.push_str(" |\n");
            md
        }
        // 40,000 headings (3.5 s, 72% of it pruning PDF objects, before the fix).
        "forty_thousand_headings" => (0..40_000).map(|i| format!("# Heading {i}\n\n")).collect(),
        // A megabyte of everything the seeds of the fuzz test hold (scripts, tables,
        // notes, lists, invisible characters), the size the aim is stated for.
        "one_megabyte_of_mixed_markdown" => {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_corpus");
            let mut seeds: Vec<_> = std::fs::read_dir(dir)
                .expect("the fuzz corpus")
                .map(|e| e.expect("an entry").path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect();
            seeds.sort();
            let all: String = seeds
                .iter()
                .map(|p| std::fs::read_to_string(p).expect("a seed") + "\n")
                .collect();
            all.repeat((1 << 20) / all.len() + 1)
        }
        other => panic!("no case {other}"),
    }
}
