//! GUI speed at scale: one frame of the whole window with a 100,000-item dataset and a
//! 500-block brief, and one keystroke of library search over 100,000 items.
//! Target: under 8 ms each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failed step fails the test"
)]

use briefsmith::app::document::{Document, LoadedDataset};
use briefsmith::app::library::{LibraryIndex, Search};
use briefsmith::app::panels;
use briefsmith::app::state::{AppOptions, AppState, Startup};
use briefsmith_core::synthetic::{generate_brief, generate_dataset};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const ITEMS: usize = 100_000;

fn app_state() -> AppState {
    let dataset = generate_dataset(ITEMS, 42);
    let bytes = serde_json::to_vec(&dataset).unwrap_or_default();
    let brief = generate_brief(&dataset, 500, 8);
    let loaded = LoadedDataset::new(dataset, briefsmith_core::store::fingerprint(&bytes), None);
    let doc = Document::new(brief, None, Some(loaded));
    let options = AppOptions {
        startup: Startup::Sample,
        data_dir: std::env::temp_dir().join("briefsmith-bench"),
        native_dialogs: false,
        screenshot: None,
        templates_dir: None,
    };
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
    let index = LibraryIndex::build(&dataset);
    let prepared = |query: &str| {
        let mut s = Search::default();
        s.query = query.to_owned();
        s.update(&dataset, &index);
        s
    };
    // First keystroke: every item is scored.
    c.bench_function("search keystroke 1 ('m'), 100k items", |b| {
        b.iter_batched(
            || prepared(""),
            |mut s| {
                s.query.push('m');
                s.update(&dataset, &index);
                black_box(s.results().len())
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
                s.update(&dataset, &index);
                black_box(s.results().len())
            },
            BatchSize::LargeInput,
        )
    });
    c.bench_function("search second word ('kazan d'), 100k items", |b| {
        b.iter_batched(
            || prepared("kazan "),
            |mut s| {
                s.query.push('d');
                s.update(&dataset, &index);
                black_box(s.results().len())
            },
            BatchSize::LargeInput,
        )
    });
}

/// Editing one item of a 100,000-item library from the app: the durable transaction, the
/// in-memory mirror and the search index rebuilt, as a form's Save does.
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
        AppOptions {
            startup: Startup::Sample,
            data_dir: dir.clone(),
            native_dialogs: false,
            screenshot: None,
            templates_dir: None,
        },
        Document::new(brief, None, Some(loaded)),
    );
    let mut n = 0u64;
    c.bench_function(
        "app: edit one item of a 100k-item library (save, mirror, reindex)",
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
    targets = frame, keystroke, library_edit
}
criterion_main!(benches);
