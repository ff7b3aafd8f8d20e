//! Generated datasets and briefs of any size, for benchmarks and tests at scale.
//!
//! The content is plausible reporting prose assembled from word lists, deterministic for a
//! given seed, so benchmark runs compare like with like.

use crate::model::{
    BRIEF_SCHEMA, Block, Brief, BriefMeta, Credibility, Dataset, DatasetRef, Entity, EntityId,
    EntityKind, Item, ItemId, ItemKind, ItemRef, ItemSnapshot, Judgment, Reliability, Section,
    Source, SourceId, SourceKind, Speech, TextBlock,
};

/// A small deterministic pseudo-random generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

const ACTORS: [&str; 12] = [
    "Iran",
    "Russia",
    "Israel",
    "the United States",
    "Ukraine",
    "Hezbollah",
    "the IAEA",
    "the European Union",
    "China",
    "Turkey",
    "Saudi Arabia",
    "the United Nations",
];
const VERBS: [&str; 10] = [
    "delivered",
    "announced",
    "deployed",
    "denied supplying",
    "tested",
    "intercepted",
    "reported",
    "ordered",
    "suspended",
    "expanded",
];
const OBJECTS: [&str; 12] = [
    "ballistic missile components",
    "air defence radars",
    "drone airframes",
    "an S-400 battery",
    "electronic warfare kits",
    "fighter aircraft spares",
    "a satellite launch",
    "naval patrols in the Gulf",
    "uranium enrichment cascades",
    "long-range strike drones",
    "artillery shells",
    "a missile strike on a depot",
];
const PLACES: [&str; 10] = [
    "near Isfahan",
    "in Kazan",
    "at Bandar Abbas",
    "over the Caspian Sea",
    "in Crimea",
    "near Tabriz",
    "in southern Lebanon",
    "at Hmeimim air base",
    "outside Tehran",
    "in the Red Sea",
];
const TAGS: [&str; 16] = [
    "air-defence",
    "missiles",
    "drones",
    "sanctions",
    "nuclear",
    "diplomacy",
    "logistics",
    "naval",
    "cyber",
    "economy",
    "military-aid",
    "strike",
    "intelligence",
    "energy",
    "space",
    "training",
];
const SPEAKER_NAMES: [&str; 8] = [
    "Minister",
    "Spokesperson",
    "General",
    "Ambassador",
    "Adviser",
    "Director",
    "Envoy",
    "Deputy",
];

/// A dataset of `items` facts and quotes drawn from about one source per 50 items and one
/// entity per 40 items; the same `seed` gives the same dataset.
pub fn generate_dataset(items: usize, seed: u64) -> Dataset {
    let count = items;
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let source_count = (items / 50).max(3);
    let entity_count = (items / 40).max(12);
    let sources: Vec<Source> = (0..source_count)
        .map(|i| Source {
            id: SourceId::new(format!("src-{i:05}")),
            title: format!("{} {} report {}", rng.pick(&ACTORS), rng.pick(&TAGS), i),
            publisher: rng
                .pick(&["Reuters", "AP", "FT", "BBC", "IRNA", "TASS", "Al Jazeera"])
                .to_owned(),
            authors: Vec::new(),
            date: date(&mut rng),
            url: Some(format!("https://example.org/report/{i}")),
            kind: [
                SourceKind::News,
                SourceKind::Government,
                SourceKind::ThinkTank,
                SourceKind::StateMedia,
            ][rng.below(4)],
            reliability: Reliability::new(["A", "B", "B", "C", "C", "D", "E", "F"][rng.below(8)]),
            notes: String::new(),
            paragraphs: Vec::new(),
            marking: None,
        })
        .collect();
    let entities: Vec<Entity> = (0..entity_count)
        .map(|i| {
            let person = i % 3 != 0;
            Entity {
                id: EntityId::new(format!("ent-{i:05}")),
                name: if person {
                    format!("{} {}", rng.pick(&SPEAKER_NAMES), surname(i))
                } else {
                    format!("{} {}", rng.pick(&ACTORS), i)
                },
                kind: if person {
                    EntityKind::Person
                } else {
                    EntityKind::Organisation
                },
                aliases: Vec::new(),
                role: format!("official of {}", rng.pick(&ACTORS)),
                native_name: String::new(),
            }
        })
        .collect();
    let items = (0..items)
        .map(|i| {
            let quote = rng.below(3) == 0;
            let text = format!(
                "{} {} {} {}, according to officials; the move follows {} weeks of {}.",
                rng.pick(&ACTORS),
                rng.pick(&VERBS),
                rng.pick(&OBJECTS),
                rng.pick(&PLACES),
                rng.below(12) + 1,
                rng.pick(&TAGS),
            );
            let speaker = entities[rng.below(entities.len())].id.clone();
            let mentioned = entities[rng.below(entities.len())].id.clone();
            Item {
                id: ItemId::new(format!("item-{i:06}")),
                kind: if quote {
                    ItemKind::Quote
                } else {
                    ItemKind::Fact
                },
                text,
                speaker: quote.then(|| speaker.clone()),
                speech: quote.then_some(Speech::Direct),
                via: String::new(),
                date: date(&mut rng),
                place: String::new(),
                source: sources[rng.below(sources.len())].id.clone(),
                locator: format!("para {}", rng.below(20) + 1),
                entities: if quote {
                    vec![speaker, mentioned]
                } else {
                    vec![mentioned]
                },
                tags: vec![rng.pick(&TAGS).to_owned(), rng.pick(&TAGS).to_owned()],
                credibility: Credibility(rng.below(6) as i64 + 1),
                marking: None,
            }
        })
        .collect();
    Dataset {
        schema: crate::model::DATASET_SCHEMA.into(),
        title: format!("Generated dataset ({count} items)"),
        description: "Synthetic reporting for benchmarks.".into(),
        sources,
        entities,
        items,
    }
}

fn date(rng: &mut Rng) -> String {
    format!("2024-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1)
}

fn surname(i: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "ro", "mi", "sha", "de", "lin", "vo", "ta", "ne", "zar", "bek", "pol",
    ];
    let mut s = String::new();
    let mut n = i + 7;
    for _ in 0..3 {
        s.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A brief of `blocks` blocks over `sections` sections: mostly picked items (every tenth
/// with a note), with a text block and a key judgment in each section.
pub fn generate_brief(dataset: &Dataset, blocks: usize, sections: usize) -> Brief {
    let sections = sections.max(1);
    let per = blocks.div_ceil(sections);
    let mut out = Vec::with_capacity(sections);
    let mut made = 0;
    for s in 0..sections {
        let mut section = Section {
            heading: format!("Section {}", s + 1),
            blocks: Vec::with_capacity(per),
        };
        while section.blocks.len() < per && made < blocks {
            let n = made;
            made += 1;
            let block = match n % 25 {
                0 => Block::Text(TextBlock {
                    markdown: format!("Context for section {}: *why this matters*.", s + 1),
                    marking: None,
                }),
                1 => Block::Judgment(Judgment {
                    text: "Russia will very likely deliver further air defence systems.".into(),
                    support: dataset.items.iter().take(2).map(|i| i.id.clone()).collect(),
                    ..Judgment::default()
                }),
                _ => {
                    let Some(item) = dataset.items.get((n * 197) % dataset.items.len().max(1))
                    else {
                        continue;
                    };
                    Block::Item(ItemRef {
                        item: item.id.clone(),
                        snapshot: ItemSnapshot::capture(dataset, item),
                        note: if n % 10 == 0 {
                            "Corroborated by imagery.".into()
                        } else {
                            String::new()
                        },
                        note_marking: None,
                    })
                }
            };
            section.blocks.push(block);
        }
        out.push(section);
    }
    Brief {
        schema: BRIEF_SCHEMA.into(),
        meta: BriefMeta {
            title: format!("Generated brief ({blocks} blocks)"),
            template: "bluf-memo".into(),
            ..BriefMeta::default()
        },
        dataset: DatasetRef::default(),
        sections: out,
    }
}
