//! Core speed on big inputs: a 100,000-item dataset and a 500-block brief.
//!
//! Targets (release): parse the 100,000-item dataset (~40 MB) in under 1 s, validate it in
//! under 200 ms, filter it by a query in under 100 ms; compare a 500-block brief's snapshots
//! with the dataset in under 20 ms; an edit plus its undo on a 500-block brief in under 50 µs.

use briefsmith_core::compose::{BlockPos, Edit, Editor};
use briefsmith_core::model::{
    Block, Brief, BriefMeta, Credibility, Dataset, DatasetRef, Entity, EntityId, EntityKind, Item,
    ItemId, ItemKind, ItemQuery, ItemRef, ItemSnapshot, Reliability, Source, SourceId, SourceKind,
    Speech,
};
use briefsmith_core::store::parse_dataset;
use briefsmith_core::validate::validate_dataset;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

const WORDS: &[&str] = &[
    "missile",
    "Tehran",
    "Moscow",
    "air",
    "defence",
    "said",
    "the",
    "agreement",
    "reported",
    "officials",
    "deliveries",
    "of",
    "and",
    "drones",
    "strike",
    "summit",
    "sanctions",
];

/// A dataset of `n` items over 200 sources and 1,000 entities, every reference valid.
fn dataset(n: usize) -> Dataset {
    let sources = (0..200)
        .map(|i| Source {
            id: SourceId::new(format!("src-{i}")),
            title: format!("Report {i}"),
            publisher: "Publisher".into(),
            authors: vec![],
            date: "2024-10-11".into(),
            url: None,
            kind: SourceKind::News,
            reliability: Reliability::new(["A", "B", "C"][i % 3]),
            notes: String::new(),
        })
        .collect();
    let entities = (0..1000)
        .map(|i| Entity {
            id: EntityId::new(format!("e-{i}")),
            name: format!("Person {i}"),
            kind: EntityKind::Person,
            aliases: vec![],
            role: "Official".into(),
        })
        .collect();
    let mut seed = 7u64;
    let items = (0..n)
        .map(|i| {
            let text: Vec<&str> = (0..30)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    WORDS[(seed >> 33) as usize % WORDS.len()]
                })
                .collect();
            let quote = i % 3 == 0;
            Item {
                id: ItemId::new(format!("item-{i}")),
                kind: if quote {
                    ItemKind::Quote
                } else {
                    ItemKind::Fact
                },
                text: text.join(" "),
                speaker: quote.then(|| EntityId::new(format!("e-{}", i % 1000))),
                speech: quote.then_some(Speech::Direct),
                via: String::new(),
                date: "2024-10-11".into(),
                place: String::new(),
                source: SourceId::new(format!("src-{}", i % 200)),
                locator: format!("para {}", i % 20),
                entities: vec![EntityId::new(format!("e-{}", (i * 7) % 1000))],
                tags: vec!["tag".into()],
                credibility: Credibility((i % 6) as i64 + 1),
            }
        })
        .collect();
    Dataset {
        schema: "briefsmith-dataset/1".into(),
        title: "Bench".into(),
        description: String::new(),
        sources,
        entities,
        items,
    }
}

/// A brief of 500 item blocks in 5 sections, picked from `ds`.
fn brief(ds: &Dataset) -> Brief {
    let mut b = Brief::new_from_sections(
        BriefMeta::default(),
        DatasetRef::default(),
        &["A", "B", "C", "D", "E"],
    );
    for (i, item) in ds
        .items
        .iter()
        .step_by(ds.items.len() / 500)
        .take(500)
        .enumerate()
    {
        b.sections[i % 5].blocks.push(Block::Item(ItemRef {
            item: item.id.clone(),
            snapshot: ItemSnapshot::capture(ds, item),
            note: String::new(),
        }));
    }
    b
}

fn bench(c: &mut Criterion) {
    let ds = dataset(100_000);
    let bytes = serde_json::to_vec(&ds).expect("encode");
    let origin = Path::new("bench.dataset.json");
    let mut g = c.benchmark_group("dataset-100k");
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| parse_dataset(black_box(&bytes), origin).expect("parse"))
    });
    g.bench_function("validate", |b| {
        b.iter(|| validate_dataset(black_box(&ds), origin))
    });
    g.bench_function("query", |b| {
        let index = ds.index();
        let q = ItemQuery::new("tehran person 42");
        b.iter(|| ds.items.iter().filter(|i| q.matches(&index, i)).count())
    });
    g.finish();

    let br = brief(&ds);
    c.bench_function("brief-500/stale_blocks", |b| {
        b.iter(|| black_box(&br).stale_blocks(&ds))
    });
    c.bench_function("brief-500/move+undo", |b| {
        let mut ed = Editor::new(br.clone());
        b.iter(|| {
            ed.apply(Edit::MoveBlock {
                from: BlockPos::new(0, 0),
                to: BlockPos::new(4, 50),
            })
            .expect("move");
            ed.undo();
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
