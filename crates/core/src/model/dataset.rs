//! The dataset an analyst picks from: sources, entities, and items (facts and quotes).

use super::{Credibility, EntityId, ItemId, Marking, Reliability, SourceId};
use serde::{Deserialize, Serialize};

/// A `*.dataset.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// Format and version, e.g. `briefsmith-dataset/2`.
    pub schema: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub sources: Vec<Source>,
    pub entities: Vec<Entity>,
    pub items: Vec<Item>,
}

/// Where items come from: a report, a statement, a post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: SourceId,
    pub title: String,
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Publication date, ISO 8601 (`2024-10-11`, or `2024-10` / `2024` when less is known).
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub kind: SourceKind,
    /// Reliability of the source, A–F.
    pub reliability: Reliability,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The source's full text split into paragraphs; a locator "para 7" points at the
    /// seventh (counting from 1). Empty when the text was not kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<String>,
    /// The handling mark of the source as a whole; its items inherit it unless they carry their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

/// The kind of a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    News,
    Government,
    ThinkTank,
    Academic,
    SocialMedia,
    StateMedia,
    Other,
}

/// A person, country, organisation, weapon system or place named in the reporting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Role or affiliation, e.g. "President of Iran".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// The name in its own script, e.g. "Масуд Пезешкиан" or "مسعود پزشکیان".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub native_name: String,
}

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Person,
    Country,
    Organisation,
    WeaponSystem,
    Place,
    Event,
    Other,
}

/// Whether an item is a fact or a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    /// A statement in the dataset's own words.
    Fact,
    /// Words someone said, verbatim or reported.
    Quote,
}

/// How a quote reproduces the speaker's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Speech {
    /// The speaker's exact words.
    Direct,
    /// The substance of what was said, attributed (e.g. "X said that ...").
    Reported,
}

/// A kind enum's name as the dataset file spells it (its serde name), for display,
/// templates and storage: one spelling everywhere, never the Rust variant's `Debug` name.
macro_rules! serde_names {
    ($kind:ty { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $kind {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$kind] = &[$(<$kind>::$variant),+];

            /// The name the dataset file uses, e.g. `"think-tank"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(<$kind>::$variant => $name),+
                }
            }
        }
    };
}

serde_names!(SourceKind {
    News => "news",
    Government => "government",
    ThinkTank => "think-tank",
    Academic => "academic",
    SocialMedia => "social-media",
    StateMedia => "state-media",
    Other => "other",
});

serde_names!(EntityKind {
    Person => "person",
    Country => "country",
    Organisation => "organisation",
    WeaponSystem => "weapon-system",
    Place => "place",
    Event => "event",
    Other => "other",
});

serde_names!(ItemKind {
    Fact => "fact",
    Quote => "quote",
});

serde_names!(Speech {
    Direct => "direct",
    Reported => "reported",
});

/// One fact or quote.
///
/// Quotes carry `speaker` and `speech`; facts leave them empty. The text of a direct
/// quote is verbatim; of a reported one, the attributed substance in the dataset's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: ItemId,
    pub kind: ItemKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<EntityId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speech: Option<Speech>,
    /// How the words reached the source, e.g. "state media reported".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub via: String,
    /// When it happened, held or was said (ISO 8601, possibly partial), or a range
    /// `START/END` (e.g. `2024-10-01/2024-10-11`); empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// Where it happened or was said.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    pub source: SourceId,
    /// Where in the source, e.g. "para 4".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locator: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Credibility of this piece of information, 1–6.
    pub credibility: Credibility,
    /// The handling mark of this item; none means its source's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marking: Option<Marking>,
}

impl Dataset {
    /// The source with this id, if any.
    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    /// The entity with this id, if any.
    pub fn entity(&self, id: &EntityId) -> Option<&Entity> {
        self.entities.iter().find(|e| &e.id == id)
    }

    /// The item with this id, if any.
    pub fn item(&self, id: &ItemId) -> Option<&Item> {
        self.items.iter().find(|i| &i.id == id)
    }

    /// The mark an item carries: its own, else its source's; none when neither is marked.
    pub fn marking_of(&self, item: &Item) -> Option<Marking> {
        item.marking
            .clone()
            .or_else(|| self.source(&item.source).and_then(|s| s.marking.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    /// `as_str` and serde agree on every variant, both ways.
    fn names_match_serde<T>(all: &[T], as_str: impl Fn(T) -> &'static str)
    where
        T: Copy + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned,
    {
        for &kind in all {
            let name = as_str(kind);
            assert_eq!(
                serde_json::to_value(kind).ok(),
                Some(name.into()),
                "{kind:?}"
            );
            let back: T =
                serde_json::from_value(name.into()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back, kind);
        }
    }

    #[test]
    fn kind_names_are_the_serde_names() {
        names_match_serde(SourceKind::ALL, SourceKind::as_str);
        names_match_serde(EntityKind::ALL, EntityKind::as_str);
        names_match_serde(ItemKind::ALL, ItemKind::as_str);
        names_match_serde(Speech::ALL, Speech::as_str);
        assert_eq!(SourceKind::ThinkTank.as_str(), "think-tank");
        assert_eq!(EntityKind::ALL.len(), 7);
    }
}
