//! Finding a record by what a person types: its id, or one of its names, ignoring case.
//! The app's forms, the library's spreadsheet import and its `find_*` calls share these.

use super::{Entity, Source};

impl Entity {
    /// Whether `name` is this entity's name, one of its aliases or its name in its own
    /// script, ignoring case and surrounding spaces.
    pub fn is_called(&self, name: &str) -> bool {
        let wanted = name.trim().to_lowercase();
        !wanted.is_empty()
            && std::iter::once(&self.name)
                .chain(&self.aliases)
                .chain(std::iter::once(&self.native_name))
                .any(|n| n.trim().to_lowercase() == wanted)
    }
}

/// The entity `key` names: the one with that id, else the first called that.
pub fn find_entity<'a>(entities: &'a [Entity], key: &str) -> Option<&'a Entity> {
    let key = key.trim();
    entities
        .iter()
        .find(|e| e.id.as_str() == key)
        .or_else(|| entities.iter().find(|e| e.is_called(key)))
}

/// The source `key` names: the one with that id, else the first with that title.
pub fn find_source<'a>(sources: &'a [Source], key: &str) -> Option<&'a Source> {
    let key = key.trim();
    let title = key.to_lowercase();
    sources.iter().find(|s| s.id.as_str() == key).or_else(|| {
        sources
            .iter()
            .find(|s| !title.is_empty() && s.title.trim().to_lowercase() == title)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityId, EntityKind};

    fn entity(id: &str, name: &str, aliases: &[&str], native: &str) -> Entity {
        Entity {
            id: EntityId::new(id),
            name: name.into(),
            kind: EntityKind::Person,
            aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
            role: String::new(),
            native_name: native.into(),
        }
    }

    #[test]
    fn an_entity_is_found_by_id_name_alias_or_native_name_ignoring_case() {
        let all = [
            entity("ent-1", "Abbas Araghchi", &["Araghchi"], "عباس عراقچی"),
            entity("araghchi", "Someone else", &[], ""),
        ];
        let id = |key: &str| find_entity(&all, key).map(|e| e.id.as_str().to_owned());
        assert_eq!(id("ent-1").as_deref(), Some("ent-1"));
        assert_eq!(id(" abbas ARAGHCHI ").as_deref(), Some("ent-1"));
        assert_eq!(id("عباس عراقچی").as_deref(), Some("ent-1"));
        // An id wins over another entity's alias.
        assert_eq!(id("araghchi").as_deref(), Some("araghchi"));
        assert_eq!(id("Araghchi").as_deref(), Some("ent-1"));
        assert_eq!(id(""), None);
        assert_eq!(id("Nobody"), None);
    }
}
