//! GUI speed at scale: one frame of the whole window with a 100,000-item dataset and a
//! 500-block brief, and one keystroke of library search over 100,000 items (target: under
//! 8 ms each); a draft on a 1,000,000-item library opened to its first frame (< 1 s), and
//! a keystroke of search over it with the list redrawn (< 16 ms).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith::app::document::{Document, LoadedDataset};
use briefsmith::app::library::Search;
use briefsmith::app::panels;
use briefsmith::app::state::{AppOptions, AppState, Startup};
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

#[path = "../crates/library/benches/support/big.rs"]
mod big;

const ITEMS: usize = 100_000;

fn app_state() -> AppState {
    let dataset = generate_dataset(ITEMS, 42);
    let bytes = serde_json::to_vec(&dataset).unwrap_or_default();
    let brief = generate_brief(&dataset, 500, 8);
    let loaded = LoadedDataset::new(dataset, briefsmith_core::store::fingerprint(&bytes), None);
    let doc = Document::new(brief, None, Some(loaded));
    let options = AppOptions::headless(
        Startup::Sample,
        std::env::temp_dir().join("briefsmith-bench"),
    );
    AppState::new(options, doc)
}

fn input(frame: u64) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        time: Some(frame as f64 / 60.0),
        // The pointer wanders over the library and brief, as it does while working.
        events: vec![egui::Event::PointerMoved(egui::pos2(
            200.0 + (frame % 600) as f32,
            300.0 + (frame % 200) as f32,
        ))],
        ..Default::default()
    }
}

fn frame(c: &mut Criterion) {
    let ctx = egui::Context::default();
    panels::style::apply(&ctx);
    let mut state = app_state();
    // A search is active, a block is selected (its editor open), the list scrolled.
    state.search.query = "missile".into();
    state.selected_block = Some(briefsmith_core::compose::BlockPos::new(0, 3));
    let mut n = 0u64;
    for _ in 0..5 {
        n += 1;
        let _ = ctx.run_ui(input(n), |ui| panels::show(ui, &mut state));
    }
    c.bench_function("gui frame, 100k items, 500-block brief", |b| {
        b.iter(|| {
            n += 1;
            let out = ctx.run_ui(input(n), |ui| panels::show(ui, &mut state));
            black_box(out.shapes.len())
        })
    });
}

fn keystroke(c: &mut Criterion) {
    let dataset = generate_dataset(ITEMS, 42);
    let loaded = LoadedDataset::new(dataset, String::new(), None);
    let prepared = |query: &str| {
        let mut s = Search::default();
        s.query = query.to_owned();
        s.update(&loaded);
        s
    };
    // First keystroke: every item is scored.
    c.bench_function("search keystroke 1 ('m'), 100k items", |b| {
        b.iter_batched(
            || prepared(""),
            |mut s| {
                s.query.push('m');
                s.update(&loaded);
                black_box(s.len())
            },
            BatchSize::LargeInput,
        )
    });
    // Later keystrokes only re-score what still matches.
    c.bench_function("search keystroke 4 ('miss'), 100k items", |b| {
        b.iter_batched(
            || prepared("mis"),
            |mut s| {
                s.query.push('s');
                s.update(&loaded);
                black_box(s.len())
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("search second word ('kazan d'), 100k items", |b| {
        b.iter_batched(
            || prepared("kazan "),
            |mut s| {
                s.query.push('d');
                s.update(&loaded);
                black_box(s.len())
            },
            BatchSize::LargeInput,
        )
    });
}

/// A draft citing 50 items of the million-item library, written next to nothing else: the
/// draft names the library by its absolute path.
fn big_library_draft(dir: &std::path::Path) -> std::path::PathBuf {
    let path = big::library();
    let library = briefsmith_library::Library::open(&path).unwrap();
    let catalog = library.catalog().unwrap();
    let items = library
        .search_rows(&briefsmith_library::Search::default(), 0, 50)
        .unwrap();
    let ids: Vec<_> = items.iter().map(|i| i.id.clone()).collect();
    let mut brief = briefsmith_core::model::Brief::default();
    brief.meta.title = "Bench".into();
    brief.dataset.path = path.to_string_lossy().into_owned();
    brief.dataset.fingerprint = library.fingerprint().unwrap();
    brief.sections.push(briefsmith_core::model::Section {
        heading: "Findings".into(),
        blocks: library
            .items(&ids)
            .unwrap()
            .iter()
            .map(|item| {
                briefsmith_core::model::Block::Item(briefsmith_core::model::ItemRef {
                    item: item.id.clone(),
                    snapshot: briefsmith_core::model::ItemSnapshot::capture(&catalog, item),
                    note: String::new(),
                    note_marking: None,
                })
            })
            .collect(),
    });
    let draft = dir.join("big.brief.json");
    briefsmith_core::store::save_brief(&draft, &brief).unwrap();
    draft
}

/// The million-item library in the app: opening a draft on it and drawing the first frame
/// (target < 1 s), and a keystroke of search with the list redrawn (target < 16 ms).
fn big_library(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("briefsmith-bench-1m-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let draft = big_library_draft(&dir);
    let options = || AppOptions::headless(Startup::Sample, dir.clone());
    let mut group = c.benchmark_group("app_library_1m");
    group.sample_size(10);
    group.bench_function("open draft and first frame", |b| {
        b.iter(|| {
            let doc = Document::open(&draft).unwrap();
            let mut state = AppState::new(options(), doc);
            let ctx = egui::Context::default();
            panels::style::apply(&ctx);
            let out = ctx.run_ui(input(1), |ui| panels::show(ui, &mut state));
            black_box(out.shapes.len())
        })
    });
    let ctx = egui::Context::default();
    panels::style::apply(&ctx);
    let mut state = AppState::new(options(), Document::open(&draft).unwrap());
    let mut n = 1u64;
    let _ = ctx.run_ui(input(n), |ui| panels::show(ui, &mut state));
    for typed in ["m", "missile", "missile i"] {
        group.bench_function(format!("keystroke to '{typed}', list redrawn"), |b| {
            b.iter(|| {
                // Passes alternate between typing the last character and taking it away,
                // so every frame is one keystroke that searches anew.
                n += 1;
                let end = if n.is_multiple_of(2) {
                    typed.len()
                } else {
                    typed.len() - 1
                };
                state.search.query = typed[..end].to_owned();
                let out = ctx.run_ui(input(n), |ui| panels::show(ui, &mut state));
                black_box(out.shapes.len())
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

/// Editing one item of a 100,000-item library from the app, as a form's Save does: the
/// durable transaction, the catalog brought in line, the list's matches re-read.
fn library_edit(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("briefsmith-bench-lib-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("bench.bslib");
    let _ = std::fs::remove_file(&path);
    let dataset = generate_dataset(ITEMS, 42);
    let library = briefsmith_library::Library::create_from_dataset(&path, &dataset)
        .expect("the bench library is written");
    let loaded = LoadedDataset::from_library(library).expect("the bench library is read");
    let brief = generate_brief(&dataset, 50, 8);
    let mut state = AppState::new(
        AppOptions::headless(Startup::Sample, dir.clone()),
        Document::new(brief, None, Some(loaded)),
    );
    let mut n = 0u64;
    c.bench_function(
        "app: edit one item of a 100k-item library (durable save, list re-read)",
        |b| {
            b.iter(|| {
                n += 1;
                let Some(library) = state.library() else {
                    return;
                };
                let Ok(Some(mut item)) =
                    library.item(&dataset.items[(n as usize * 7919) % ITEMS].id)
                else {
                    return;
                };
                item.text = format!("{} (revised {n})", dataset.items[0].text);
                let Ok(change) = library.put_item(item) else {
                    return;
                };
                black_box(state.edit_library(change));
            })
        },
    );
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    targets = frame, keystroke, library_edit, big_library
}
criterion_main!(benches);
