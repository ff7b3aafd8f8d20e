//! The marks of one brief: every portion's mark read in the brief's scheme (the analyst's,
//! the item's, or the floor), the banner rolled up from them, and the same as text for
//! the templates.

use crate::BriefMarkError;
use crate::mark::{Mark, roll_up};
use crate::scheme::{BannerScope, Scheme};
use briefsmith_core::model::{
    Block, Brief, Dataset, DatasetIndex, Item, ItemId, ItemSnapshot, Marking,
};
use std::collections::HashMap;

/// Every portion of a brief with its mark.
#[derive(Debug, Clone)]
pub struct BriefMarks<'s> {
    /// The scheme the brief names.
    pub scheme: &'s Scheme,
    /// What unmarked analyst text (and unmarked items) get.
    pub floor: Mark,
    /// The highest mark the brief is meant to carry, when declared.
    pub ceiling: Option<Mark>,
    /// The title's and the bottom line's marks.
    pub title: Mark,
    pub bottom_line: Mark,
    /// Per section, per block.
    pub blocks: Vec<Vec<Mark>>,
    /// Per section, per block: the mark of an item block's analyst note, when it has one.
    pub notes: Vec<Vec<Option<Mark>>>,
    /// Every item the document cites (picked, or supporting a judgment and found in the
    /// dataset), by id.
    pub items: HashMap<ItemId, Mark>,
    /// Every source those items cite: the roll-up of the items citing it.
    pub sources: HashMap<String, Mark>,
    /// Every speaker those items quote, by name: the roll-up of the items quoting them.
    pub people: HashMap<String, Mark>,
}

impl<'s> BriefMarks<'s> {
    /// Reads every mark of `brief` (and of the dataset items its judgments cite) in `scheme`.
    pub fn of(
        scheme: &'s Scheme,
        brief: &Brief,
        dataset: Option<&Dataset>,
    ) -> Result<BriefMarks<'s>, BriefMarkError> {
        let m = &brief.meta.markings;
        let read = |marking: &Marking, place: &dyn Fn() -> String| {
            Mark::parse(scheme, marking.as_str()).map_err(|problem| BriefMarkError::Mark {
                place: place(),
                problem,
            })
        };
        let floor = match &m.floor {
            Some(f) => read(f, &|| "the brief's floor".to_owned())?,
            None => Mark::lowest(scheme),
        };
        let or_floor = |marking: Option<&Marking>, place: &dyn Fn() -> String| match marking {
            Some(marking) => read(marking, place),
            None => Ok(floor.clone()),
        };
        let ceiling = m
            .ceiling
            .as_ref()
            .map(|c| read(c, &|| "the brief's ceiling".to_owned()))
            .transpose()?;
        let title = or_floor(m.title.as_ref(), &|| "the title".to_owned())?;
        let bottom_line = or_floor(m.bottom_line.as_ref(), &|| "the bottom line".to_owned())?;
        // Ids looked up through one index: datasets run to 100,000 items.
        let index = dataset.map(Dataset::index);
        let mut items: HashMap<ItemId, Mark> = HashMap::new();
        let mut sources: HashMap<String, Mark> = HashMap::new();
        let mut people: HashMap<String, Mark> = HashMap::new();
        let mut blocks = Vec::with_capacity(brief.sections.len());
        let mut notes = Vec::with_capacity(brief.sections.len());
        for (s, section) in brief.sections.iter().enumerate() {
            let mut marks = Vec::with_capacity(section.blocks.len());
            let mut note_marks = Vec::with_capacity(section.blocks.len());
            for (b, block) in section.blocks.iter().enumerate() {
                let place = || format!("section {} block {}", s + 1, b + 1);
                let note = match block {
                    Block::Item(r) if !r.note.trim().is_empty() => {
                        let place = || format!("{} (the note on item {})", place(), r.item);
                        Some(or_floor(r.note_marking.as_ref(), &place)?)
                    }
                    _ => None,
                };
                note_marks.push(note);
                let mark = match block {
                    Block::Item(r) => {
                        let place = || format!("{} (item {})", place(), r.item);
                        let picked = or_floor(r.snapshot.marking.as_ref(), &place)?;
                        // A mark raised in the dataset since the pick counts at once:
                        // the stricter of the two, so a stale snapshot never under-marks.
                        let now = match index.as_ref().and_then(|d| d.item(&r.item)) {
                            Some(item) => {
                                Some(or_floor(marking_in(index.as_ref(), item).as_ref(), &place)?)
                            }
                            None => None,
                        };
                        let mark = match now {
                            Some(now) => roll_up(scheme, [&picked, &now]),
                            None => picked,
                        };
                        raise(&mut sources, scheme, &r.snapshot.source.id.0, &mark);
                        raise(&mut people, scheme, &r.snapshot.speaker, &mark);
                        items.entry(r.item.clone()).or_insert_with(|| mark.clone());
                        mark
                    }
                    Block::Text(t) => or_floor(t.marking.as_ref(), &place)?,
                    Block::Judgment(j) => or_floor(j.marking.as_ref(), &place)?,
                };
                marks.push(mark);
            }
            blocks.push(marks);
            notes.push(note_marks);
        }
        // Items a judgment cites that the brief did not pick come from the dataset.
        if let Some(index) = &index {
            for (_, block) in brief.blocks() {
                let Block::Judgment(j) = block else { continue };
                for id in &j.support {
                    if items.contains_key(id) {
                        continue;
                    }
                    let Some(item) = index.item(id) else {
                        continue;
                    };
                    let place = || format!("item {id} (supporting a judgment)");
                    let mark = or_floor(marking_in(Some(index), item).as_ref(), &place)?;
                    raise(&mut sources, scheme, item.source.as_str(), &mark);
                    let speaker = ItemSnapshot::capture_in(index, item).speaker;
                    raise(&mut people, scheme, &speaker, &mark);
                    items.insert(id.clone(), mark);
                }
            }
        }
        Ok(BriefMarks {
            scheme,
            floor,
            ceiling,
            title,
            bottom_line,
            blocks,
            notes,
            items,
            sources,
            people,
        })
    }

    /// The roll-up of every portion in the document: title, bottom line (when there is
    /// one), every block and note, and every item it cites.
    pub fn banner(&self, brief: &Brief) -> Mark {
        let bottom_line = (!brief.meta.bottom_line.trim().is_empty()).then_some(&self.bottom_line);
        roll_up(
            self.scheme,
            std::iter::once(&self.title)
                .chain(bottom_line)
                .chain(self.blocks.iter().flatten())
                .chain(self.notes.iter().flatten().flatten())
                .chain(self.items.values()),
        )
    }

    /// The marks as text for the templates and the page banner.
    pub fn document(&self, brief: &Brief) -> DocumentMarks {
        let scheme = self.scheme;
        let banner = self.banner(brief);
        let banner_text = banner.banner(scheme);
        let classification_block = match &scheme.classification_block {
            Some(block)
                if scheme
                    .level_index(&block.from)
                    .is_some_and(|l| banner.level >= l) =>
            {
                let meta = &brief.meta;
                block
                    .lines
                    .iter()
                    .map(|line| {
                        line.replace("{author}", meta.author.trim())
                            .replace("{organisation}", meta.organisation.trim())
                            .replace("{date}", meta.date.trim())
                            .replace("{banner}", &banner_text)
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let reduced = match &brief.meta.markings.reduced_to {
            Some(ceiling) => {
                let ceiling = Mark::parse(scheme, ceiling.as_str())
                    .map_or_else(|_| ceiling.to_string(), |m| m.banner(scheme));
                format!(
                    "Reduced version for release at {ceiling}: every portion marked above {ceiling} has been left out, with the notes and sources only those portions cite."
                )
            }
            None => String::new(),
        };
        DocumentMarks {
            scheme: scheme.name.clone(),
            scheme_notice: scheme.notice.clone(),
            title: self.title.portion(scheme),
            bottom_line: self.bottom_line.portion(scheme),
            blocks: self
                .blocks
                .iter()
                .map(|s| s.iter().map(|m| m.portion(scheme)).collect())
                .collect(),
            notes: self
                .notes
                .iter()
                .map(|s| {
                    s.iter()
                        .map(|m| m.as_ref().map(|m| m.portion(scheme)).unwrap_or_default())
                        .collect()
                })
                .collect(),
            items: self
                .items
                .iter()
                .map(|(id, m)| (id.to_string(), m.portion(scheme)))
                .collect(),
            sources: self
                .sources
                .iter()
                .map(|(id, m)| (id.clone(), m.portion(scheme)))
                .collect(),
            people: self
                .people
                .iter()
                .map(|(name, m)| (name.clone(), m.portion(scheme)))
                .collect(),
            banner: banner_text,
            per_page: scheme.banner == BannerScope::Page,
            classification_block,
            reduced,
        }
    }
}

/// The mark an item carries in the dataset: its own, else its source's.
fn marking_in(index: Option<&DatasetIndex<'_>>, item: &Item) -> Option<Marking> {
    item.marking.clone().or_else(|| {
        index
            .and_then(|i| i.source(&item.source))
            .and_then(|s| s.marking.clone())
    })
}

/// Raises the mark of a source (or a speaker) to cover one more item citing it.
fn raise(marks: &mut HashMap<String, Mark>, scheme: &Scheme, key: &str, mark: &Mark) {
    if key.is_empty() {
        return;
    }
    let now = match marks.get(key) {
        Some(before) => roll_up(scheme, [before, mark]),
        None => mark.clone(),
    };
    marks.insert(key.to_owned(), now);
}

/// A marked brief's marks written out: what the templates print and the layout sets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentMarks {
    /// The scheme's name and its notice (built-ins: for training, not an authority).
    pub scheme: String,
    pub scheme_notice: String,
    /// Portion marks, e.g. `(S//NF)`.
    pub title: String,
    pub bottom_line: String,
    /// Per section, per block.
    pub blocks: Vec<Vec<String>>,
    /// Per section, per block: an item's note's mark (empty for blocks without a note).
    pub notes: Vec<Vec<String>>,
    /// By item id, for notes and judgments' supporting items.
    pub items: HashMap<String, String>,
    /// By source id, for the list of sources.
    pub sources: HashMap<String, String>,
    /// By speaker name, for lists of the people quoted.
    pub people: HashMap<String, String>,
    /// The roll-up of every portion, e.g. `SECRET//NOFORN`.
    pub banner: String,
    /// The scheme asks for each page's own roll-up (see [`crate::PageRollUp`]); `banner`
    /// is then the document's, for the Markdown file, Word and the first-page block.
    pub per_page: bool,
    /// The first page's classification block, when the scheme wants one at this level.
    pub classification_block: Vec<String>,
    /// What a reduced version says about itself; empty for the whole brief.
    pub reduced: String,
}
