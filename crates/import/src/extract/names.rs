//! Names in an article: runs of capitalised words, the titles written before them
//! ("Israeli defence minister Yoav Gallant"), and the library's known entities.

use super::text::Word;
use briefsmith_core::model::{Entity, EntityKind};

/// Lower-case words that stand between capitalised words inside one name
/// ("James Martin Center for Nonproliferation Studies", "Osama bin Laden").
const CONNECTORS: &[&str] = &[
    "of", "for", "de", "van", "von", "bin", "al", "da", "del", "der", "la", "le", "du",
];

/// Lower-case words that may sit inside a speaker phrase ("secretary of state", "US and
/// Ukrainian officials", "A number of Israeli politicians").
pub const CONNECTORS_FOR_SUBJECT: &[&str] = &["of", "and", "the", "a", "number"];

/// Words that make a title rather than a name ("President", "defence minister").
pub const TITLE_WORDS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "director",
    "leader",
    "general",
    "commander",
    "ambassador",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "premier",
    "counterpart",
    "envoy",
    "king",
    "queen",
    "prince",
    "chairman",
    "chairwoman",
    "chair",
    "prime",
    "foreign",
    "defence",
    "defense",
    "deputy",
    "senior",
    "former",
    "military",
    "state",
    "fellow",
    "analyst",
    "official",
    "officials",
    "analysts",
    "politicians",
    "diplomats",
    "officers",
    "experts",
    "sources",
    "lawmakers",
    "leaders",
    "ministers",
    "spokesmen",
    "researcher",
    "professor",
    "editor",
    "correspondent",
    "representative",
    "adviser",
    "advisor",
    "colonel",
    "lieutenant",
    "sergeant",
    "captain",
    "admiral",
    "judge",
    "attorney",
    "economist",
    "executive",
    "founder",
    "co-founder",
    "singer",
    "actor",
    "actress",
    "rapper",
    "musician",
    "author",
    "writer",
    "journalist",
    "reporter",
    "coach",
    "player",
    "manager",
    "chef",
    "artist",
    "lawyer",
    "doctor",
    "scientist",
    "teacher",
    "priest",
    "bishop",
    "candidate",
    "activist",
    "campaigner",
    "member",
    "members",
    "residents",
    "witnesses",
    "people",
];

/// Titles that name one person, so "the Russian leader" can be resolved to the person
/// the article calls "Russian President Vladimir Putin".
pub const SINGULAR_TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "head",
    "director",
    "leader",
    "general",
    "commander",
    "ambassador",
    "chancellor",
    "senator",
    "governor",
    "mayor",
    "premier",
    "envoy",
    "king",
    "queen",
    "prince",
    "chairman",
    "chairwoman",
    "chair",
    "official",
    "analyst",
    "professor",
    "adviser",
    "advisor",
];

/// Words that say a capitalised run names an organisation.
const ORG_WORDS: &[&str] = &[
    "Academy",
    "Agency",
    "Army",
    "Association",
    "Bank",
    "Board",
    "Bureau",
    "Center",
    "Centre",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Corp",
    "Corporation",
    "Council",
    "Court",
    "Department",
    "Foundation",
    "Forces",
    "Fund",
    "Group",
    "Guard",
    "Inc",
    "Institute",
    "Institution",
    "League",
    "Ltd",
    "Ministry",
    "Navy",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Police",
    "Service",
    "Services",
    "Society",
    "Studies",
    "Union",
    "University",
    "Times",
    "News",
    "Reuters",
    "Press",
];

/// Function words that start sentences and are capitalised only for that reason.
const SENTENCE_WORDS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "As",
    "For",
    "If",
    "When",
    "While",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "After",
    "Before",
    "Since",
    "With",
    "Without",
    "By",
    "From",
    "Of",
    "To",
    "Under",
    "Over",
    "Some",
    "Many",
    "Most",
    "Any",
    "All",
    "No",
    "Not",
    "So",
    "Yet",
    "Or",
    "Also",
    "However",
    "Meanwhile",
    "Still",
    "Although",
    "Though",
    "Because",
    "Asked",
    "According",
    "Additional",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Such",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Which",
    "Unlike",
    "Like",
    "Despite",
    "During",
    "Than",
];

/// A run of capitalised words taken as one name, with what the text says before it.
#[derive(Debug, Clone, PartialEq)]
pub struct NameRun {
    pub name: String,
    /// Byte range of the name in its paragraph.
    pub start: usize,
    pub end: usize,
    /// Title words written before the name, lower-cased ("israeli defence minister").
    pub title: String,
    /// How many words the name has.
    pub tokens: usize,
}

/// Whether a capitalised word marks an organisation's name.
pub fn is_org_word(word: &str) -> bool {
    ORG_WORDS.contains(&word)
}

impl NameRun {
    /// Names an organisation by its wording ("... Academy", "Ministry of ...").
    pub fn looks_like_org(&self) -> bool {
        self.name.split(' ').any(|w| ORG_WORDS.contains(&w))
    }
}

/// The name runs among `words` of paragraph `p`; `sentence_starts` are the offsets where
/// sentences begin, whose first word is capitalised for grammar's sake only.
pub fn name_runs(p: &str, words: &[Word<'_>], sentence_starts: &[usize]) -> Vec<NameRun> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].is_capitalised() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut last_cap = i;
        while j < words.len() && joined(p, &words[j - 1], &words[j]) {
            if words[j].is_capitalised() {
                last_cap = j;
            } else if !CONNECTORS.contains(&words[j].text) {
                break;
            }
            j += 1;
        }
        let mut first = i;
        // A grammatical capital at a sentence start is not part of a name.
        if sentence_starts.contains(&words[first].start)
            && SENTENCE_WORDS.contains(&words[first].text)
        {
            first += 1;
        }
        // Capitalised titles go before the name: "Russian President | Vladimir Putin".
        if let Some(t) = (first..=last_cap).rev().find(|&t| is_title(words[t].text)) {
            first = t + 1;
        }
        while first <= last_cap && CONNECTORS.contains(&words[first].text) {
            first += 1;
        }
        if first <= last_cap {
            let (start, end) = (words[first].start, words[last_cap].end);
            runs.push(NameRun {
                name: strip_possessive(&p[start..end]).to_owned(),
                start,
                end,
                title: title_before(p, words, first),
                tokens: last_cap + 1 - first,
            });
        }
        i = last_cap + 1;
    }
    runs
}

/// Whether two neighbouring words are separated by a single space only (no punctuation).
fn joined(p: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    &p[a.end..b.start] == " "
}

/// Whether a word is a title word, whatever its case.
pub fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLE_WORDS.contains(&lower.as_str())
}

/// Up to five words before word `first`, back to punctuation or a function word.
fn title_before(p: &str, words: &[Word<'_>], first: usize) -> String {
    let mut parts = Vec::new();
    let mut k = first;
    while k > 0 && parts.len() < 5 {
        let w = &words[k - 1];
        if !joined(p, w, &words[k])
            || matches!(
                w.text,
                "the"
                    | "a"
                    | "an"
                    | "his"
                    | "her"
                    | "its"
                    | "their"
                    | "that"
                    | "and"
                    | "said"
                    | "by"
            )
        {
            break;
        }
        parts.push(w.text.to_lowercase());
        k -= 1;
    }
    parts.reverse();
    parts.join(" ")
}

/// "Iran’s" → "Iran".
pub fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name)
}

/// Whether word `a` and word `b` share a stem, loosely: the first five letters
/// ("Russian" and "Russia", "defence" and "defence").
pub fn same_stem(a: &str, b: &str) -> bool {
    let a: String = a.chars().take(5).flat_map(char::to_lowercase).collect();
    let b: String = b.chars().take(5).flat_map(char::to_lowercase).collect();
    a.chars().count() >= 4 && a == b
}

/// The library's entities, looked up by name or alias.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub entities: &'a [Entity],
}

impl<'a> Known<'a> {
    /// The entity called exactly `name` (by name, alias or name in its own script;
    /// ignoring case), by the rule every lookup by name follows.
    pub fn by_name(&self, name: &str) -> Option<&'a Entity> {
        self.entities.iter().find(|e| e.is_called(name))
    }

    /// The entity whose name or alias is the longest one contained in `text` as whole words.
    pub fn within(&self, text: &str) -> Option<&'a Entity> {
        let lower = text.to_lowercase();
        self.entities
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(move |n| (e, n))
            })
            .filter(|(_, n)| contains_words(&lower, &n.to_lowercase()))
            .max_by_key(|(_, n)| n.len())
            .map(|(e, _)| e)
    }

    /// Whether the entity is a person.
    pub fn is_person(entity: &Entity) -> bool {
        entity.kind == EntityKind::Person
    }
}

/// Whether `needle` occurs in `hay` with word boundaries on both sides.
pub fn contains_words(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::super::text::words;
    use super::*;

    #[test]
    fn runs_split_titles_from_names() {
        let p = "Russian President Vladimir Putin met Hanna Notte of the James Martin Center for Nonproliferation Studies.";
        let w = words(p, 0);
        let runs = name_runs(p, &w, &[0]);
        let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "Vladimir Putin",
                "Hanna Notte",
                "James Martin Center for Nonproliferation Studies"
            ]
        );
        assert_eq!(runs[0].title, "russian president");
        assert!(runs[2].looks_like_org());
    }
}
