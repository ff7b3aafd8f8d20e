//! Forms for library records (sources, entities, items) and quick capture: the text the
//! analyst types, checked as they type by the same validation a dataset file gets, and
//! turned into a library [`Change`] when saved.

use briefsmith_core::model::{
    Credibility, DATASET_SCHEMA, Dataset, Entity, EntityId, EntityKind, Item, ItemId, ItemKind,
    Marking, Reliability, Source, SourceId, SourceKind, Speech, find_entity,
};
use briefsmith_core::validate::validate_dataset;
use briefsmith_library::{Change, Library};
use std::path::Path;

/// The record being edited.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    Source(SourceForm),
    Entity(EntityForm),
    Item(ItemForm),
}

/// A problem with one field of a form: the field's name as the form shows it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// A source as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceForm {
    /// The id; kept when editing, a fresh one for a new source.
    pub id: String,
    /// Whether this edits an existing source (else it adds one).
    pub existing: bool,
    pub title: String,
    pub publisher: String,
    /// Authors separated by `;`.
    pub authors: String,
    pub date: String,
    pub url: String,
    pub kind: SourceKind,
    /// A–F.
    pub reliability: String,
    pub notes: String,
}

/// An entity as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityForm {
    pub id: String,
    pub existing: bool,
    pub name: String,
    pub kind: EntityKind,
    /// Aliases separated by `;`.
    pub aliases: String,
    pub role: String,
    /// The name in its own script.
    pub native_name: String,
}

/// What kind of item: a fact, or a quote in the speaker's words or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ItemChoice {
    #[default]
    Fact,
    DirectQuote,
    ReportedSpeech,
}

impl ItemChoice {
    /// All choices, as the form offers them.
    pub const ALL: [ItemChoice; 3] = [
        ItemChoice::Fact,
        ItemChoice::DirectQuote,
        ItemChoice::ReportedSpeech,
    ];

    /// The name shown for the choice.
    pub fn name(self) -> &'static str {
        match self {
            ItemChoice::Fact => "Fact",
            ItemChoice::DirectQuote => "Direct quote",
            ItemChoice::ReportedSpeech => "Reported speech",
        }
    }

    fn kind_and_speech(self) -> (ItemKind, Option<Speech>) {
        match self {
            ItemChoice::Fact => (ItemKind::Fact, None),
            ItemChoice::DirectQuote => (ItemKind::Quote, Some(Speech::Direct)),
            ItemChoice::ReportedSpeech => (ItemKind::Quote, Some(Speech::Reported)),
        }
    }

    fn of(item: &Item) -> Self {
        match (item.kind, item.speech) {
            (ItemKind::Fact, _) => ItemChoice::Fact,
            (ItemKind::Quote, Some(Speech::Reported)) => ItemChoice::ReportedSpeech,
            (ItemKind::Quote, _) => ItemChoice::DirectQuote,
        }
    }
}

/// An item as typed. The speaker and entities are typed by name (or alias, or id).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemForm {
    pub id: String,
    pub existing: bool,
    pub choice: ItemChoice,
    pub text: String,
    pub speaker: String,
    pub via: String,
    /// A date, or a range `START/END`.
    pub date: String,
    pub place: String,
    pub source: Option<SourceId>,
    pub locator: String,
    pub credibility: i64,
    /// Entity names separated by `;`.
    pub entities: String,
    /// Tags separated by `;`.
    pub tags: String,
    /// The item's handling mark as typed, e.g. `S//NF`; empty for none (the source's).
    pub marking: String,
}

/// Splits a `;`-separated list, trimming and dropping empty parts.
fn list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The problems the dataset check finds in the record at `prefix` (e.g. `items[0]`) of
/// `dataset`, by the form's field names.
fn checked(
    dataset: &Dataset,
    prefix: &str,
    field: impl Fn(&str) -> &'static str,
) -> Vec<FieldProblem> {
    validate_dataset(dataset, Path::new("form"))
        .into_iter()
        .filter(|p| p.is_error())
        .filter_map(|p| {
            let rest = p.path.strip_prefix(prefix)?.trim_start_matches('.');
            let name = rest.split(['.', '[']).next().unwrap_or(rest);
            Some(FieldProblem {
                field: field(name),
                message: p.message,
            })
        })
        .collect()
}

impl SourceForm {
    /// An empty form for a new source with this id.
    pub fn new(id: String) -> Self {
        SourceForm {
            id,
            existing: false,
            title: String::new(),
            publisher: String::new(),
            authors: String::new(),
            date: String::new(),
            url: String::new(),
            kind: SourceKind::News,
            reliability: "F".into(),
            notes: String::new(),
        }
    }

    /// A form showing `source`, to edit it.
    pub fn edit(source: &Source) -> Self {
        SourceForm {
            id: source.id.to_string(),
            existing: true,
            title: source.title.clone(),
            publisher: source.publisher.clone(),
            authors: source.authors.join("; "),
            date: source.date.clone(),
            url: source.url.clone().unwrap_or_default(),
            kind: source.kind,
            reliability: source.reliability.0.clone(),
            notes: source.notes.clone(),
        }
    }

    /// The source the form describes, with its paragraphs kept from `previous`.
    pub fn record(&self, previous: Option<&Source>) -> Source {
        Source {
            id: SourceId::new(self.id.trim()),
            title: self.title.trim().to_owned(),
            publisher: self.publisher.trim().to_owned(),
            authors: list(&self.authors),
            date: self.date.trim().to_owned(),
            url: Some(self.url.trim().to_owned()).filter(|u| !u.is_empty()),
            kind: self.kind,
            reliability: Reliability::new(self.reliability.trim()),
            notes: self.notes.trim().to_owned(),
            paragraphs: previous.map(|s| s.paragraphs.clone()).unwrap_or_default(),
            marking: previous.and_then(|s| s.marking.clone()),
        }
    }

    /// What is wrong, field by field.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let ds = Dataset {
            schema: DATASET_SCHEMA.into(),
            title: "form".into(),
            sources: vec![self.record(None)],
            ..Dataset::default()
        };
        checked(&ds, "sources[0]", |f| match f {
            "title" => "Title",
            "date" => "Date",
            "reliability" => "Reliability",
            "url" => "URL",
            "id" => "Id",
            _ => "Source",
        })
    }
}

impl EntityForm {
    /// An empty form for a new entity with this id.
    pub fn new(id: String) -> Self {
        EntityForm {
            id,
            existing: false,
            name: String::new(),
            kind: EntityKind::Person,
            aliases: String::new(),
            role: String::new(),
            native_name: String::new(),
        }
    }

    /// A form showing `entity`, to edit it.
    pub fn edit(entity: &Entity) -> Self {
        EntityForm {
            id: entity.id.to_string(),
            existing: true,
            name: entity.name.clone(),
            kind: entity.kind,
            aliases: entity.aliases.join("; "),
            role: entity.role.clone(),
            native_name: entity.native_name.clone(),
        }
    }

    /// The entity the form describes.
    pub fn record(&self) -> Entity {
        Entity {
            id: EntityId::new(self.id.trim()),
            name: self.name.trim().to_owned(),
            kind: self.kind,
            aliases: list(&self.aliases),
            role: self.role.trim().to_owned(),
            native_name: self.native_name.trim().to_owned(),
        }
    }

    /// What is wrong, field by field.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let ds = Dataset {
            schema: DATASET_SCHEMA.into(),
            title: "form".into(),
            entities: vec![self.record()],
            ..Dataset::default()
        };
        checked(&ds, "entities[0]", |f| match f {
            "name" => "Name",
            "aliases" => "Aliases",
            _ => "Entity",
        })
    }
}

impl ItemForm {
    /// An empty form for a new item with this id, from `source` when one is chosen.
    pub fn new(id: String, source: Option<SourceId>) -> Self {
        ItemForm {
            id,
            existing: false,
            choice: ItemChoice::Fact,
            text: String::new(),
            speaker: String::new(),
            via: String::new(),
            date: String::new(),
            place: String::new(),
            source,
            locator: String::new(),
            credibility: 6,
            entities: String::new(),
            tags: String::new(),
            marking: String::new(),
        }
    }

    /// A form showing `item`, with entities named as `dataset` names them.
    pub fn edit(item: &Item, dataset: &Dataset) -> Self {
        let name = |id: &EntityId| {
            dataset
                .entity(id)
                .map_or_else(|| id.to_string(), |e| e.name.clone())
        };
        ItemForm {
            id: item.id.to_string(),
            existing: true,
            choice: ItemChoice::of(item),
            text: item.text.clone(),
            speaker: item.speaker.as_ref().map(name).unwrap_or_default(),
            via: item.via.clone(),
            date: item.date.clone(),
            place: item.place.clone(),
            source: Some(item.source.clone()),
            locator: item.locator.clone(),
            credibility: item.credibility.0,
            entities: item
                .entities
                .iter()
                .map(name)
                .collect::<Vec<_>>()
                .join("; "),
            tags: item.tags.join("; "),
            marking: item
                .marking
                .as_ref()
                .map(|m| m.to_string())
                .unwrap_or_default(),
        }
    }

    /// The item the form describes, and the names that match no entity of `dataset`
    /// (a speaker or entities typed that the library does not know).
    pub fn record(&self, dataset: &Dataset) -> (Item, Vec<FieldProblem>) {
        let mut unknown = Vec::new();
        let mut resolve =
            |field: &'static str, name: &str| match find_entity(&dataset.entities, name) {
                Some(e) => Some(e.id.clone()),
                None => {
                    unknown.push(FieldProblem {
                        field,
                        message: format!(
                            "no entity is named “{name}”: add it first, or pick a known name"
                        ),
                    });
                    None
                }
            };
        let (kind, speech) = self.choice.kind_and_speech();
        let speaker = match (kind, self.speaker.trim()) {
            (ItemKind::Quote, name) if !name.is_empty() => resolve("Speaker", name),
            _ => None,
        };
        let entities = list(&self.entities)
            .iter()
            .filter_map(|n| resolve("Entities", n))
            .collect();
        let item = Item {
            id: ItemId::new(self.id.trim()),
            kind,
            text: self.text.trim().to_owned(),
            speaker,
            speech,
            via: self.via.trim().to_owned(),
            date: self.date.trim().to_owned(),
            place: self.place.trim().to_owned(),
            source: self.source.clone().unwrap_or_default(),
            locator: self.locator.trim().to_owned(),
            entities,
            tags: list(&self.tags),
            credibility: Credibility(self.credibility),
            marking: Some(self.marking.trim())
                .filter(|m| !m.is_empty())
                .map(Marking::from),
        };
        (item, unknown)
    }

    /// What is wrong, field by field: unknown names, then what the dataset check finds.
    pub fn problems(&self, dataset: &Dataset) -> Vec<FieldProblem> {
        let (item, mut problems) = self.record(dataset);
        // An unknown speaker is reported as such; the check would add "needs a speaker".
        let unknown_speaker = problems.iter().any(|p| p.field == "Speaker");
        let ds = Dataset {
            schema: DATASET_SCHEMA.into(),
            title: "form".into(),
            sources: dataset.sources.clone(),
            entities: dataset.entities.clone(),
            items: vec![item],
            ..Dataset::default()
        };
        let found = checked(&ds, "items[0]", |f| match f {
            "text" => "Text",
            "speaker" | "speech" => "Speaker",
            "date" => "Date",
            "source" => "Source",
            "credibility" => "Credibility",
            "entities" => "Entities",
            "tags" => "Tags",
            _ => "Item",
        });
        problems.extend(
            found
                .into_iter()
                .filter(|p| !(unknown_speaker && p.field == "Speaker")),
        );
        if self.source.is_none() {
            problems.retain(|p| p.field != "Source");
            problems.push(FieldProblem {
                field: "Source",
                message: "choose the source this comes from".into(),
            });
        }
        problems
    }
}

impl Form {
    /// What the form edits: "source", "entity" or "item".
    pub fn noun(&self) -> &'static str {
        match self {
            Form::Source(_) => "source",
            Form::Entity(_) => "entity",
            Form::Item(_) => "item",
        }
    }

    /// The form's title, e.g. "New item", "Edit source".
    pub fn title(&self) -> String {
        let existing = match self {
            Form::Source(f) => f.existing,
            Form::Entity(f) => f.existing,
            Form::Item(f) => f.existing,
        };
        format!("{} {}", if existing { "Edit" } else { "New" }, self.noun())
    }

    /// What is wrong with the form as typed; empty when it can be saved.
    pub fn problems(&self, dataset: &Dataset) -> Vec<FieldProblem> {
        match self {
            Form::Source(f) => f.problems(),
            Form::Entity(f) => f.problems(),
            Form::Item(f) => f.problems(dataset),
        }
    }

    /// The library change that saves the form.
    pub fn change(
        &self,
        library: &Library,
        dataset: &Dataset,
    ) -> briefsmith_library::Result<Change> {
        match self {
            Form::Source(f) => {
                let previous = dataset.source(&SourceId::new(f.id.trim()));
                library.put_source(f.record(previous))
            }
            Form::Entity(f) => library.put_entity(f.record()),
            Form::Item(f) => library.put_item(f.record(dataset).0),
        }
    }
}

/// Quick capture: a passage and where it comes from, becoming an item in one keystroke.
#[derive(Debug, Clone, Default)]
pub struct Capture {
    /// The source the passage comes from.
    pub source: Option<SourceId>,
    /// The passage, pasted or typed.
    pub text: String,
    /// Entities named in the passage, each with whether it is kept.
    pub proposed: Vec<(EntityId, bool)>,
    /// The text `proposed` was computed for.
    proposed_for: String,
}

impl Capture {
    /// Re-proposes entities when the passage changed: those whose name, alias or name in
    /// its own script occurs in it as a whole word, ignoring case. Choices already made
    /// for entities still named are kept.
    pub fn propose(&mut self, dataset: &Dataset) {
        if self.proposed_for == self.text {
            return;
        }
        let text = self.text.to_lowercase();
        let previous = std::mem::take(&mut self.proposed);
        self.proposed = dataset
            .entities
            .iter()
            .filter(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .chain(std::iter::once(&e.native_name))
                    .any(|n| names_word(&text, &n.to_lowercase()))
            })
            .map(|e| {
                let keep = previous
                    .iter()
                    .find(|(id, _)| *id == e.id)
                    .is_none_or(|(_, keep)| *keep);
                (e.id.clone(), keep)
            })
            .collect();
        self.proposed_for = self.text.clone();
    }

    /// The fact the capture describes, with id `id`; `None` when there is no text or no source.
    pub fn item(&self, id: String) -> Option<Item> {
        let text = self.text.trim();
        let source = self.source.clone()?;
        (!text.is_empty()).then(|| Item {
            id: ItemId::new(id),
            kind: ItemKind::Fact,
            text: text.to_owned(),
            speaker: None,
            speech: None,
            via: String::new(),
            date: String::new(),
            place: String::new(),
            source,
            locator: String::new(),
            entities: self
                .proposed
                .iter()
                .filter(|(_, keep)| *keep)
                .map(|(id, _)| id.clone())
                .collect(),
            tags: Vec::new(),
            credibility: Credibility(6),
            marking: None,
        })
    }
}

/// Whether `name` occurs in `text` between non-alphanumeric characters (both lowercase).
fn names_word(text: &str, name: &str) -> bool {
    let name = name.trim();
    if name.chars().count() < 2 {
        return false;
    }
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefsmith_core::synthetic::generate_dataset;

    #[test]
    fn entities_are_proposed_by_whole_names_and_aliases() {
        let ds = generate_dataset(10, 1);
        let e = &ds.entities[0];
        let mut c = Capture {
            text: format!("Reports say {} met officials", e.name),
            ..Capture::default()
        };
        c.propose(&ds);
        assert!(c.proposed.iter().any(|(id, keep)| *id == e.id && *keep));
        assert!(names_word("the iaea said", "iaea"));
        assert!(!names_word("the iaeas said", "iaea"));
    }

    #[test]
    fn an_item_form_reports_unknown_speakers_bad_dates_and_empty_quotes() {
        let ds = generate_dataset(10, 1);
        let mut f = ItemForm::new("itm-x".into(), Some(ds.sources[0].id.clone()));
        f.choice = ItemChoice::DirectQuote;
        f.speaker = "Nobody Known".into();
        f.date = "2024-13-01".into();
        let problems = f.problems(&ds);
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert!(fields.contains(&"Speaker"), "{problems:?}");
        assert!(fields.contains(&"Date"), "{problems:?}");
        assert!(fields.contains(&"Text"), "{problems:?}");
        f.speaker = ds.entities[0].name.clone();
        f.date = "2024-10-01/2024-10-11".into();
        f.text = "We will respond.".into();
        assert_eq!(f.problems(&ds), vec![]);
    }
}
