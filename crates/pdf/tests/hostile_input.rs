//! Hostile Markdown is typeset and written as PDF within a bounded time and memory: each
//! reproducer runs in a child process (this test binary again, with `HOSTILE_CASE` naming
//! the case) under a wall-clock deadline, and reports its own peak memory (VmHWM).
//!
//! The deadline is a bound, not a benchmark: far above what the fixed code takes even in
//! an unoptimised build on a busy machine, far below what the defects took.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]
#![cfg(target_os = "linux")]

mod hostile_cases;

use briefsmith_layout::{FontBook, typeset};
use briefsmith_pdf::{PdfOptions, write_pdf};
use briefsmith_style::{DocumentInfo, PageStyle};
use hostile_cases::input;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CASE_ENV: &str = "HOSTILE_CASE";
const DEADLINE: Duration = Duration::from_secs(20);
/// Peak resident memory allowed a child, in KiB (the aim: 400 MB for 1 MB input).
const MEMORY_LIMIT_KIB: u64 = 400 * 1024;

/// What a child reports: pages, PDF bytes and its peak memory.
#[derive(Debug)]
struct Outcome {
    pages: usize,
    pdf_bytes: usize,
    peak_kib: u64,
}

/// The child's role: typeset the case named by `HOSTILE_CASE` and write its PDF.
#[test]
#[ignore = "the child process of the hostile-input tests"]
fn child() {
    let Ok(case) = std::env::var(CASE_ENV) else {
        return;
    };
    let md = input(&case);
    let doc =
        typeset(&md, &PageStyle::default(), &DocumentInfo::default(), None).expect("typesets");
    let pdf = write_pdf(&doc, &FontBook::bundled(), &PdfOptions::default()).expect("writes");
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc is mounted");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM in /proc/self/status");
    println!("outcome {} {} {peak}", doc.pages.len(), pdf.len());
}

/// Runs `case` in a child process, failing if it overruns the deadline or the memory limit.
fn run_bounded(case: &str) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--ignored", "--nocapture"])
        .env(CASE_ENV, case)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{case}: still running after {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = started.elapsed();
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{case}: the child failed: {err}\n{out}");
    let line = out
        .lines()
        .find_map(|l| l.strip_prefix("outcome "))
        .unwrap_or_else(|| panic!("{case}: no outcome in {out}"));
    let n: Vec<u64> = line.split(' ').map(|v| v.parse().unwrap()).collect();
    let outcome = Outcome {
        pages: n[0] as usize,
        pdf_bytes: n[1] as usize,
        peak_kib: n[2],
    };
    eprintln!("{case}: {outcome:?} in {elapsed:?}");
    assert!(
        outcome.peak_kib < MEMORY_LIMIT_KIB,
        "{case}: peak memory {} MiB",
        outcome.peak_kib / 1024
    );
    outcome
}

#[test]
fn zero_width_format_characters_break_in_linear_time() {
    let out = run_bounded("zero_width_format_characters");
    assert_eq!(out.pages, 1);
}

#[test]
fn a_wide_table_with_a_tall_cell_stays_bounded() {
    let out = run_bounded("wide_table_with_a_tall_cell");
    assert!(out.pages < 400, "{out:?}");
}

#[test]
fn forty_thousand_headings_write_in_bounded_time() {
    let out = run_bounded("forty_thousand_headings");
    assert!(out.pages > 100 && out.pdf_bytes > 0, "{out:?}");
}

#[test]
fn a_megabyte_of_mixed_markdown_stays_bounded() {
    let out = run_bounded("one_megabyte_of_mixed_markdown");
    assert!(out.pages > 100, "{out:?}");
}
