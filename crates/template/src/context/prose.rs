//! English for the reader: attributions, reported speech as a sentence, roles as they
//! read in running text.

use briefsmith_core::date::long_date;
use briefsmith_core::model::ItemSnapshot;

/// Who said it, in what role, where and when: the line under a block quote.
pub(super) fn attribution(s: &ItemSnapshot) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.push(if s.speaker.is_empty() {
        "Unattributed".to_owned()
    } else {
        s.speaker.clone()
    });
    let role = running_role(&s.speaker_role);
    for p in [&role, &s.place] {
        if !p.trim().is_empty() {
            parts.push(p.trim().to_owned());
        }
    }
    if !s.date.is_empty() {
        parts.push(long_date(&s.date));
    }
    let mut line = parts.join(", ");
    if !s.via.trim().is_empty() {
        line.push_str(&format!(" ({})", s.via.trim()));
    }
    line
}

/// A reported quote as one attributed sentence:
/// "Masoud Pezeshkian, President of Iran, said on 11 October 2024 that ties are close, state media reported."
pub(super) fn reported_sentence(s: &ItemSnapshot) -> String {
    let speaker = if s.speaker.is_empty() {
        "An unnamed speaker".to_owned()
    } else if s.speaker_role.trim().is_empty() {
        s.speaker.clone()
    } else {
        format!("{}, {},", s.speaker, running_role(&s.speaker_role))
    };
    let when = match long_date(&s.date) {
        d if d.is_empty() => String::new(),
        d if d.starts_with(|c: char| c.is_ascii_digit()) && d.contains(' ') => format!(" on {d}"),
        d => format!(" in {d}"),
    };
    let body = s.text.trim().trim_end_matches('.').trim_end();
    let body = lower_initial_function_word(body);
    let that = if body.starts_with("that ") {
        ""
    } else {
        "that "
    };
    let via = match s.via.trim() {
        "" => String::new(),
        v => format!(", {v}"),
    };
    let end = if body.ends_with(['?', '!']) && via.is_empty() {
        ""
    } else {
        "."
    };
    format!("{speaker} said{when} {that}{body}{via}{end}")
}

/// A role as it reads after a name in running text: "Sidharth Kaushal, senior research
/// fellow …". Titles and names ("President of Russia", "US secretary of state") stay.
fn running_role(role: &str) -> String {
    const COMMON: &[&str] = &[
        "Analyst",
        "Analysts",
        "Adviser",
        "Advisor",
        "Executive",
        "Former",
        "Junior",
        "Official",
        "Officials",
        "Research",
        "Researcher",
        "Senior",
        "Spokesman",
        "Spokesperson",
        "Spokeswoman",
        "Unnamed",
    ];
    let role = role.trim();
    let first = role.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    if COMMON.contains(&word) {
        lower_first(role)
    } else {
        lower_initial_function_word(role)
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Lower-cases a leading word that is not a name (an article, pronoun, preposition,
/// quantifier or conjunction), which follows "said that" in running text; other
/// capitalised words (names, places) are left as they are.
fn lower_initial_function_word(text: &str) -> String {
    const WORDS: &[&str] = &[
        "A", "About", "After", "All", "Although", "An", "Any", "As", "At", "Because", "Before",
        "Both", "But", "By", "Despite", "During", "Each", "Either", "Every", "Few", "For", "From",
        "Given", "He", "Her", "His", "However", "If", "In", "It", "Its", "Many", "More", "Most",
        "Much", "Neither", "No", "None", "Not", "Now", "Of", "On", "Once", "One", "Only", "Our",
        "Several", "She", "Since", "So", "Some", "Such", "That", "The", "Their", "There", "These",
        "They", "This", "Those", "Though", "Through", "Under", "Unless", "Until", "We", "What",
        "When", "Whether", "While", "With", "Without", "You",
    ];
    let first = text.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    if WORDS.contains(&word) {
        lower_first(text)
    } else {
        text.to_owned()
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefsmith_core::model::{Credibility, ItemKind, Reliability, SourceSnapshot, Speech};

    fn quote(text: &str, speech: Speech) -> ItemSnapshot {
        ItemSnapshot {
            kind: ItemKind::Quote,
            text: text.into(),
            speaker: "Sidharth Kaushal".into(),
            speaker_role: "senior research fellow at RUSI".into(),
            speech: Some(speech),
            via: String::new(),
            date: "2024-10-11".into(),
            place: String::new(),
            credibility: Credibility(3),
            source: SourceSnapshot {
                id: "src".into(),
                title: "T".into(),
                publisher: "P".into(),
                authors: vec![],
                date: "2024-10-11".into(),
                url: None,
                reliability: Reliability::new("B"),
            },
            locator: String::new(),
            marking: None,
        }
    }

    #[test]
    fn reported_speech_reads_as_a_sentence() {
        let s = quote("The S-400 would take years to integrate.", Speech::Reported);
        assert_eq!(
            reported_sentence(&s),
            "Sidharth Kaushal, senior research fellow at RUSI, said on 11 October 2024 that the S-400 would take years to integrate."
        );
        let mut s = quote("Iran is probably seeking jets", Speech::Reported);
        s.via = "state media reported".into();
        s.date = "2024-10".into();
        assert_eq!(
            reported_sentence(&s),
            "Sidharth Kaushal, senior research fellow at RUSI, said in October 2024 that Iran is probably seeking jets, state media reported."
        );
    }

    #[test]
    fn roles_read_as_running_text() {
        assert_eq!(
            running_role("Senior research fellow, RUSI"),
            "senior research fellow, RUSI"
        );
        assert_eq!(
            running_role("A number of unnamed politicians"),
            "a number of unnamed politicians"
        );
        assert_eq!(running_role("President of Russia"), "President of Russia");
        assert_eq!(
            running_role("US secretary of state"),
            "US secretary of state"
        );
    }

    #[test]
    fn attribution_names_speaker_role_place_date_and_channel() {
        let mut s = quote("x", Speech::Direct);
        s.place = "Ashgabat".into();
        s.via = "state media reported".into();
        assert_eq!(
            attribution(&s),
            "Sidharth Kaushal, senior research fellow at RUSI, Ashgabat, 11 October 2024 (state media reported)"
        );
    }
}
