//! Resolving a brief into its context: footnote and source labels handed out in reading
//! order, each item and source once; the dataset, when given, reached through one index.

use super::prose::{attribution, capitalise, reported_sentence};
use super::{
    BlockCtx, Context, EntityCtx, ItemCtx, JudgmentCtx, MetaCtx, NoteCtx, PersonCtx, SectionCtx,
    SourceCtx, SourceRefCtx, TemplateInfo, UNTITLED,
};
use crate::escape::{escape_inline, link};
use crate::portion::mark_portions;
use crate::sanitize::{footnote_labels, sanitize_markdown};
use briefsmith_core::date::long_date;
use briefsmith_core::model::{
    Block, Brief, Dataset, DatasetIndex, EntityKind, ItemId, ItemKind, ItemSnapshot, Judgment,
    Speech,
};
use briefsmith_marking::DocumentMarks;
use minijinja::Value;
use std::collections::{HashMap, HashSet};

/// Builds the context for `brief`.
pub fn build(
    brief: &Brief,
    dataset: Option<&Dataset>,
    export_date: &str,
    for_pdf: bool,
    marks: Option<&DocumentMarks>,
    template: TemplateInfo,
) -> Context {
    let mut b = Builder::new(brief, dataset, marks);
    let mut sections = Vec::with_capacity(brief.sections.len());
    let mut judgments = Vec::new();
    for (i, section) in brief.sections.iter().enumerate() {
        let mut blocks = Vec::with_capacity(section.blocks.len());
        for (n, block) in section.blocks.iter().enumerate() {
            let block_mark = marks
                .and_then(|m| m.blocks.get(i))
                .and_then(|s| s.get(n))
                .map_or("", String::as_str);
            blocks.push(match block {
                Block::Item(r) => {
                    let note_mark = marks
                        .and_then(|m| m.notes.get(i))
                        .and_then(|s| s.get(n))
                        .map_or("", String::as_str);
                    let note = marked_markdown(&r.note, note_mark);
                    let mut item = b.item(&r.item, &r.snapshot);
                    item.note = note;
                    BlockCtx::Item(Box::new(item))
                }
                Block::Text(t) => BlockCtx::Text {
                    markdown: marked_markdown(&t.markdown, block_mark),
                },
                Block::Judgment(j) => {
                    let j = b.judgment(j, judgments.len() + 1, block_mark);
                    judgments.push(j.clone());
                    BlockCtx::Judgment(j)
                }
            });
        }
        sections.push(SectionCtx {
            heading: section.heading.clone(),
            number: i + 1,
            blocks,
        });
    }
    let meta = &brief.meta;
    let title_pm = marks.map(|m| portion_prefix(&m.title)).unwrap_or_default();
    Context {
        for_pdf,
        export_date: long_date(export_date),
        meta: MetaCtx {
            title: match meta.title.trim() {
                "" => UNTITLED.to_owned(),
                t => t.to_owned(),
            },
            author: meta.author.clone(),
            organisation: meta.organisation.clone(),
            date: long_date(&meta.date),
            date_iso: meta.date.clone(),
            audience: meta.audience.clone(),
            classification: match marks {
                Some(m) => m.banner.clone(),
                None => meta.classification.trim().to_owned(),
            },
            bottom_line: marked_markdown(
                &meta.bottom_line,
                marks.map_or("", |m| m.bottom_line.as_str()),
            ),
            title_pm: Value::from_safe_string(title_pm),
            classification_block: marks
                .map(|m| m.classification_block.clone())
                .unwrap_or_default(),
            reduced: marks.map(|m| m.reduced.clone()).unwrap_or_default(),
            marking_notice: marks.map(|m| m.scheme_notice.clone()).unwrap_or_default(),
        },
        sections,
        judgments,
        changed_items: b.changed.len(),
        entities: b.entities(),
        people: b.people.clone(),
        notes: b.notes,
        sources: b.sources,
        template,
    }
}

/// Sanitised analyst Markdown with `mark` (if any) opening each of its portions, marked
/// safe so the engine does not escape it again.
fn marked_markdown(markdown: &str, mark: &str) -> Value {
    Value::from_safe_string(mark_portions(&sanitize_markdown(markdown), mark))
}

/// A portion mark as the Markdown that opens a portion: escaped, then a space.
fn portion_prefix(mark: &str) -> String {
    if mark.is_empty() {
        String::new()
    } else {
        format!("{} ", escape_inline(mark))
    }
}

/// Hands out labels and remembers what has been cited.
struct Builder<'a> {
    /// The dataset, when given, with its id lookups: built once per render (datasets run
    /// to 100,000 items), and the only way the builder reaches the dataset.
    index: Option<DatasetIndex<'a>>,
    /// Labels the analyst's own footnotes use; generated labels skip them.
    taken: HashSet<String>,
    next_label: usize,
    /// Item id → its resolved context (with footnote label).
    items: HashMap<String, ItemCtx>,
    /// Source id → index in `sources`.
    source_index: HashMap<String, usize>,
    sources: Vec<SourceCtx>,
    notes: Vec<NoteCtx>,
    changed: HashSet<String>,
    people: Vec<PersonCtx>,
    /// Entity ids in order of first appearance.
    entity_ids: Vec<String>,
    entity_seen: HashSet<String>,
    people_seen: HashSet<String>,
    /// The snapshot of each item picked in the brief (first pick wins).
    picked: HashMap<&'a str, &'a ItemSnapshot>,
    /// The brief's portion marks, when it has a marking scheme.
    marks: Option<&'a DocumentMarks>,
}

impl<'a> Builder<'a> {
    fn new(
        brief: &'a Brief,
        dataset: Option<&'a Dataset>,
        marks: Option<&'a DocumentMarks>,
    ) -> Self {
        let mut picked = HashMap::new();
        for (_, block) in brief.blocks() {
            if let Block::Item(r) = block {
                picked.entry(r.item.as_str()).or_insert(&r.snapshot);
            }
        }
        let mut taken: HashSet<String> = footnote_labels(&brief.meta.bottom_line)
            .into_iter()
            .map(|l| l.to_lowercase())
            .collect();
        for (_, block) in brief.blocks() {
            let text = match block {
                Block::Item(r) => &r.note,
                Block::Text(t) => &t.markdown,
                Block::Judgment(j) => &j.text,
            };
            taken.extend(footnote_labels(text).into_iter().map(|l| l.to_lowercase()));
        }
        Builder {
            index: dataset.map(Dataset::index),
            taken,
            next_label: 1,
            items: HashMap::new(),
            source_index: HashMap::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            changed: HashSet::new(),
            people: Vec::new(),
            entity_ids: Vec::new(),
            entity_seen: HashSet::new(),
            people_seen: HashSet::new(),
            picked,
            marks,
        }
    }

    /// The item as cited here: the first citation of an id hands out its footnote.
    fn item(&mut self, id: &ItemId, snapshot: &ItemSnapshot) -> ItemCtx {
        if let Some(done) = self.items.get(id.as_str()) {
            return ItemCtx {
                note: Value::from(""),
                ..done.clone()
            };
        }
        // Without a dataset every speaker counts as a person; with one, only entities that are.
        let mut is_person = true;
        let (changed, missing) = match &self.index {
            Some(index) => match index.item(id) {
                Some(now) => {
                    is_person = now
                        .speaker
                        .as_ref()
                        .and_then(|s| index.entity(s))
                        .is_some_and(|e| e.kind == EntityKind::Person);
                    let changed = ItemSnapshot::capture(index.dataset(), now) != *snapshot;
                    for e in &now.entities {
                        self.note_entity(e.as_str());
                    }
                    if let Some(s) = &now.speaker {
                        self.note_entity(s.as_str());
                    }
                    (changed, false)
                }
                None => (false, true),
            },
            None => (false, false),
        };
        if changed || missing {
            self.changed.insert(id.to_string());
        }
        let label = self.label();
        let (source, first_citation) = self.cite_source(snapshot, &label);
        if is_person
            && !snapshot.speaker.is_empty()
            && self.people_seen.insert(snapshot.speaker.clone())
        {
            self.people.push(PersonCtx {
                name: snapshot.speaker.clone(),
                role: snapshot.speaker_role.clone(),
                pm: Value::from_safe_string(self.pm(|m| m.people.get(&snapshot.speaker))),
            });
        }
        let mut ctx = resolve(id, snapshot, label, source, changed, missing);
        let pm = self.pm(|m| m.items.get(id.as_str()));
        self.notes.push(NoteCtx {
            label: ctx.footnote.clone(),
            text: Value::from_safe_string(format!(
                "{pm}{}",
                footnote_text(&ctx, snapshot, first_citation)
            )),
        });
        ctx.pm = Value::from_safe_string(pm);
        self.items.insert(id.to_string(), ctx.clone());
        ctx
    }

    /// The portion prefix of whatever `pick` finds in the marks; empty when unmarked.
    fn pm(&self, pick: impl Fn(&DocumentMarks) -> Option<&String>) -> String {
        self.marks
            .and_then(pick)
            .map(|m| portion_prefix(m))
            .unwrap_or_default()
    }

    fn judgment(&mut self, j: &Judgment, number: usize, mark: &str) -> JudgmentCtx {
        let mut support = Vec::new();
        let mut missing_support = Vec::new();
        for id in &j.support {
            match self.find_snapshot(id) {
                Some(snapshot) => support.push(self.item(id, &snapshot)),
                None => missing_support.push(id.to_string()),
            }
        }
        let refs: String = support
            .iter()
            .map(|s| format!("[^{}]", s.footnote))
            .collect();
        let (low, high) = j.likelihood.band();
        let term = j.likelihood.term();
        JudgmentCtx {
            number,
            text: marked_markdown(&j.text, mark),
            pm: Value::from_safe_string(portion_prefix(mark)),
            confidence: j.confidence.term(),
            likelihood: term,
            likelihood_title: capitalise(term),
            band: format!("{low}\u{2013}{high}%"),
            band_low: low,
            band_high: high,
            support,
            refs: Value::from_safe_string(refs),
            missing_support,
        }
    }

    /// The snapshot of a supporting item: from the brief when picked there, else captured
    /// from the dataset.
    fn find_snapshot(&self, id: &ItemId) -> Option<ItemSnapshot> {
        if let Some(snapshot) = self.picked.get(id.as_str()) {
            return Some((*snapshot).clone());
        }
        let index = self.index.as_ref()?;
        let item = index.item(id)?;
        Some(ItemSnapshot::capture(index.dataset(), item))
    }

    /// The next footnote label the analyst has not used.
    fn label(&mut self) -> String {
        loop {
            let label = self.next_label.to_string();
            self.next_label += 1;
            if !self.taken.contains(&label) {
                return label;
            }
        }
    }

    /// The source's label, listing the source on its first citation.
    /// Also says whether this is the source's first citation.
    fn cite_source(&mut self, snapshot: &ItemSnapshot, footnote: &str) -> (SourceRefCtx, bool) {
        let s = &snapshot.source;
        let index = match self.source_index.get(s.id.as_str()) {
            Some(&i) => i,
            None => {
                let i = self.sources.len();
                let kind = self
                    .index
                    .as_ref()
                    .and_then(|index| index.source(&s.id))
                    .map(|src| src.kind.as_str().to_owned())
                    .unwrap_or_default();
                let url = s.url.clone().unwrap_or_default();
                let citation = citation(&s.publisher, &s.title, &url, &s.date);
                self.sources.push(SourceCtx {
                    citation: Value::from_safe_string(citation),
                    label: format!("S{}", i + 1),
                    id: s.id.to_string(),
                    title: s.title.clone(),
                    title_link: Value::from_safe_string(link(&s.title, &url)),
                    publisher: s.publisher.clone(),
                    authors: s.authors.join(", "),
                    date: long_date(&s.date),
                    url,
                    kind,
                    reliability: s.reliability.to_string(),
                    reliability_meaning: s.reliability.meaning().unwrap_or("not graded").into(),
                    cited_by: Vec::new(),
                    pm: Value::from_safe_string(self.pm(|m| m.sources.get(s.id.as_str()))),
                });
                self.source_index.insert(s.id.to_string(), i);
                i
            }
        };
        let src = &mut self.sources[index];
        src.cited_by.push(footnote.to_owned());
        let first = src.cited_by.len() == 1;
        let reference = SourceRefCtx {
            label: src.label.clone(),
            id: src.id.clone(),
            title: src.title.clone(),
            publisher: src.publisher.clone(),
            date: src.date.clone(),
        };
        (reference, first)
    }

    fn note_entity(&mut self, id: &str) {
        if self.entity_seen.insert(id.to_owned()) {
            self.entity_ids.push(id.to_owned());
        }
    }

    /// Entities in order of first appearance; without a dataset, the people quoted.
    fn entities(&self) -> Vec<EntityCtx> {
        let Some(index) = &self.index else {
            return self
                .people
                .iter()
                .map(|p| EntityCtx {
                    id: String::new(),
                    name: p.name.clone(),
                    kind: "person".into(),
                    role: p.role.clone(),
                    aliases: Vec::new(),
                })
                .collect();
        };
        self.entity_ids
            .iter()
            .filter_map(|id| index.entity(&id.as_str().into()))
            .map(|e| EntityCtx {
                id: e.id.to_string(),
                name: e.name.clone(),
                kind: e.kind.as_str().into(),
                role: e.role.clone(),
                aliases: e.aliases.clone(),
            })
            .collect()
    }
}

/// The printable pieces of one item.
fn resolve(
    id: &ItemId,
    s: &ItemSnapshot,
    label: String,
    source: SourceRefCtx,
    changed: bool,
    missing: bool,
) -> ItemCtx {
    // A quote that does not say how it reproduces the words is taken as verbatim.
    let speech = match s.kind {
        ItemKind::Fact => "",
        ItemKind::Quote => s.speech.unwrap_or(Speech::Direct).as_str(),
    };
    let paragraphs = s
        .text
        .replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    ItemCtx {
        id: id.to_string(),
        kind: s.kind.as_str(),
        speech,
        direct: speech == "direct",
        text: s.text.trim().to_owned(),
        paragraphs,
        speaker: s.speaker.clone(),
        speaker_role: s.speaker_role.clone(),
        via: s.via.clone(),
        date: long_date(&s.date),
        date_iso: s.date.clone(),
        place: s.place.clone(),
        locator: s.locator.clone(),
        grade: s.grade(),
        reliability: s.source.reliability.to_string(),
        reliability_meaning: s
            .source
            .reliability
            .meaning()
            .unwrap_or("not graded")
            .into(),
        credibility: s.credibility.to_string(),
        credibility_meaning: s.credibility.meaning().unwrap_or("not graded").into(),
        source,
        note: Value::from(""),
        note_ref: Value::from_safe_string(format!("[^{label}]")),
        footnote: label,
        attribution: attribution(s),
        reported: reported_sentence(s),
        changed,
        missing,
        pm: Value::from(""),
    }
}

/// The footnote for one item: source, date, locator and grade, as Markdown.
///
/// The first note citing a source names it in full (publisher, title, date); later ones
/// use the short form (publisher, date), as the sources list holds the rest.
fn footnote_text(item: &ItemCtx, s: &ItemSnapshot, first: bool) -> String {
    let src = &s.source;
    let mut parts = Vec::new();
    if !src.publisher.trim().is_empty() {
        parts.push(escape_inline(&src.publisher));
    }
    if (first || src.publisher.trim().is_empty()) && !src.title.trim().is_empty() {
        parts.push(format!("\u{201c}{}\u{201d}", escape_inline(&src.title)));
    }
    if !src.date.trim().is_empty() {
        parts.push(escape_inline(&long_date(&src.date)));
    }
    if !s.locator.trim().is_empty() {
        parts.push(escape_inline(&s.locator));
    }
    if parts.is_empty() {
        parts.push(format!("Source {}", escape_inline(src.id.as_str())));
    }
    let mut text = format!("{} ({}).", parts.join(", "), item.source.label);
    text.push_str(&format!(
        " Grade {}: source {}; information {}.",
        escape_inline(&item.grade),
        item.reliability_meaning,
        item.credibility_meaning
    ));
    if item.missing {
        // Deleted since, or picked from another dataset: either way the note above is
        // the copy the brief kept when the item was picked, and says so.
        text.push_str(" Not in the brief's dataset: cited as it read when picked.");
    } else if item.changed {
        text.push_str(" The dataset entry has been revised since it was reviewed.");
    }
    text
}

/// "Publisher, “Title”, date" with the title linked when it has a safe address.
fn citation(publisher: &str, title: &str, url: &str, date: &str) -> String {
    let mut parts = Vec::new();
    if !publisher.trim().is_empty() {
        parts.push(escape_inline(publisher));
    }
    if !title.trim().is_empty() {
        parts.push(format!("\u{201c}{}\u{201d}", link(title, url)));
    }
    if !date.trim().is_empty() {
        parts.push(escape_inline(&long_date(date)));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_looked_up_in_the_index_the_builder_holds() {
        let dataset: Dataset = serde_json::from_str(include_str!(
            "../../../../sample_briefs/russia-iran-2024-10.dataset.json"
        ))
        .expect("the sample dataset parses");
        let brief = Brief::default();
        // A second index whose entity names differ shows which index entities() read.
        let mut renamed = dataset.clone();
        for e in &mut renamed.entities {
            e.name.push_str(" (indexed)");
        }
        let mut b = Builder::new(&brief, Some(&dataset), None);
        b.note_entity("ent-putin");
        b.note_entity("ent-pezeshkian");
        b.index = Some(renamed.index());
        let names: Vec<String> = b.entities().into_iter().map(|e| e.name).collect();
        assert_eq!(
            names,
            ["Vladimir Putin (indexed)", "Masoud Pezeshkian (indexed)"]
        );
    }
}
