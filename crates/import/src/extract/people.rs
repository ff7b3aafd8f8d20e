//! The people an article names, so a speaker written as "Kaushal", "the Russian leader"
//! or "he" is given by the fullest name the article (or the library) has for them.

use super::names::{Known, NameRun, SINGULAR_TITLES, same_stem, strip_possessive};

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The fullest name: the library entity's name, or the article's full form.
    pub name: String,
    /// The library entity it matched.
    pub entity_id: Option<String>,
    /// A person (as opposed to a government, a group, a country).
    pub person: bool,
}

/// A person named in the article with the titles written before their name.
#[derive(Debug, Clone)]
struct Person {
    name: String,
    titles: Vec<String>,
}

/// The people of one article.
#[derive(Debug)]
pub struct People<'a> {
    known: Known<'a>,
    persons: Vec<Person>,
    /// Every name of two or more words, people or not, in order of mention.
    names: Vec<String>,
}

/// Words of a description that say nothing about who is meant.
const GENERIC: &[&str] = &[
    "the", "a", "an", "of", "and", "leader", "official", "head", "chief", "new", "former",
];

impl<'a> People<'a> {
    /// Collects the people among the name runs of every paragraph, in order of mention.
    pub fn new<'r>(paragraph_runs: impl Iterator<Item = &'r [NameRun]>, known: Known<'a>) -> Self {
        let mut persons: Vec<Person> = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for run in paragraph_runs.flatten() {
            if run.tokens >= 2 && !names.contains(&run.name) {
                names.push(run.name.clone());
            }
            if run.tokens < 2 || run.looks_like_org() {
                continue;
            }
            if known
                .by_name(&run.name)
                .is_some_and(|e| !Known::is_person(e))
            {
                continue;
            }
            match persons.iter_mut().find(|p| p.name == run.name) {
                Some(p) => p.titles.push(run.title.clone()),
                None => persons.push(Person {
                    name: run.name.clone(),
                    titles: vec![run.title.clone()],
                }),
            }
        }
        People {
            known,
            persons,
            names,
        }
    }

    /// The speaker a name stands for: a library entity by name or alias, or the article's
    /// full form of a surname ("Kaushal" → "Sidharth Kaushal").
    pub fn by_name(&self, name: &str) -> Speaker {
        let name = strip_possessive(name);
        if let Some(e) = self.known.by_name(name) {
            return Speaker {
                name: e.name.clone(),
                entity_id: Some(e.id.to_string()),
                person: Known::is_person(e),
            };
        }
        let full = if name.contains(' ') {
            None
        } else {
            self.persons
                .iter()
                .find(|p| p.name.rsplit(' ').next() == Some(name))
                .map(|p| p.name.as_str())
        };
        if let Some(full) = full {
            if let Some(e) = self.known.by_name(full) {
                return Speaker {
                    name: e.name.clone(),
                    entity_id: Some(e.id.to_string()),
                    person: true,
                };
            }
            return Speaker {
                name: full.to_owned(),
                entity_id: None,
                person: true,
            };
        }
        // "the Church" after "the Church of Scientology": the short form of a longer name.
        if !name.contains(' ')
            && let Some(long) = self
                .names
                .iter()
                .find(|n| n.split(' ').any(|part| part == name))
        {
            return self.by_name(long);
        }
        Speaker {
            name: name.to_owned(),
            entity_id: None,
            person: self.persons.iter().any(|p| p.name == name),
        }
    }

    /// The speaker a description stands for: a title ("the defence minister") resolves to
    /// the person the article gives that title; a group ("Israeli politicians") to the
    /// library entity it names, or stays as written.
    pub fn by_description(&self, description: &str) -> Speaker {
        let head = description.rsplit(' ').next().unwrap_or("").to_lowercase();
        if SINGULAR_TITLES.contains(&head.as_str())
            && let Some(person) = self.by_title(description)
        {
            return self.by_name(person);
        }
        // "the Church" after "the Church of Scientology": the short form of a name.
        if let Some(word) = description
            .strip_prefix("the ")
            .filter(|w| !w.contains(' ') && w.starts_with(char::is_uppercase))
            && let Some(full) = self
                .names
                .iter()
                .find(|n| n.split(' ').any(|part| part == word))
        {
            return self.by_name(full);
        }
        if let Some(e) = self.known.within(description) {
            return Speaker {
                name: e.name.clone(),
                entity_id: Some(e.id.to_string()),
                person: Known::is_person(e),
            };
        }
        Speaker {
            name: description.to_owned(),
            entity_id: None,
            person: SINGULAR_TITLES.contains(&head.as_str()),
        }
    }

    /// The person whose titles (in the article, or their library role) share the most
    /// words with `description`; the first mentioned wins a tie.
    fn by_title(&self, description: &str) -> Option<&str> {
        let keys: Vec<&str> = description
            .split(' ')
            .filter(|w| !GENERIC.contains(&w.to_lowercase().as_str()))
            .collect();
        let mut best: Option<(usize, &str)> = None;
        for p in &self.persons {
            let role = self
                .known
                .by_name(&p.name)
                .map(|e| e.role.as_str())
                .unwrap_or("");
            let words: Vec<&str> = p
                .titles
                .iter()
                .flat_map(|t| t.split(' '))
                .chain(role.split(' '))
                .collect();
            let score = keys
                .iter()
                .filter(|k| words.iter().any(|w| same_stem(k, w)))
                .count();
            if score > 0 && best.is_none_or(|(b, _)| score > b) {
                best = Some((score, &p.name));
            }
        }
        best.map(|(_, name)| name)
    }
}
