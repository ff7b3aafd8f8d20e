//! Who said it: finds the speech verb of a sentence and the noun phrase it attributes the
//! words to ("said Kaushal", "Kaushal said", "according to", "the Russian leader said",
//! "he added", "Pezeshkian, cast as a reformer, said").

use super::names::{CONNECTORS_FOR_SUBJECT, is_title};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// Verbs of saying. "reported" is weak: "…, state media reported" names the channel the
/// words came through, so it counts only when no other verb attributes them.
static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern(
        r"(?-u:\b)(?:said|says|say|added|adds|told|tells|warned|warns|stated|states|noted|notes|explained|explains|asked|asks|replied|replies|wrote|writes|insisted|insists|argued|argues|declared|declares|announced|announces|claimed|claims|charged|confirmed|confirms|denied|denies|deny|acknowledged|admitted|suggested|suggests|stressed|stresses|emphasised|emphasized|continued|remarked|commented|predicted|cautioned|urged|urges|vowed|pledged|promised|recalled|observed|believes|believe|estimated|estimates|called for|calls for|reported|reports|(?i:according to))(?-u:\b)",
    )
});

/// Words that may stand between a speaker and the verb ("officials last month charged",
/// "officials have previously confirmed", "Kaushal also said").
const BETWEEN: &[&str] = &[
    "also",
    "later",
    "earlier",
    "then",
    "has",
    "have",
    "had",
    "would",
    "will",
    "previously",
    "recently",
    "repeatedly",
    "publicly",
    "reportedly",
    "once",
    "again",
    "further",
    "separately",
    "privately",
    "still",
    "had",
    "last",
    "this",
    "next",
    "week",
    "month",
    "year",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "however",
    "has",
    "long",
    "openly",
    "often",
];

/// "that" introducing a reported clause, possibly before an aside ("that, as part of…").
static THAT: LazyLock<Regex> = LazyLock::new(|| crate::pattern(r"(?-u:\b)that[ ,]"));

/// Stands in a frame for a quotation, so quoted words never count as attribution.
pub const MARK: char = '\u{1}';

const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "from", "with", "during", "after", "before", "to", "for", "about", "by",
];

/// Whether `text` holds a verb of saying (“A,” she said, “B.”: the words between two
/// quotations are an attribution).
pub fn has_speech_verb(text: &str) -> bool {
    SPEECH_VERB.is_match(text)
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];

/// The phrase a verb attributes speech to, before resolution against the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerRef {
    /// A proper name as written ("Kaushal", "Yoav Gallant").
    Name(String),
    /// A personal pronoun, lower-cased.
    Pronoun(String),
    /// A description ("the Russian leader", "US and Ukrainian officials").
    Description(String),
}

/// One attribution in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: SpeakerRef,
    /// Byte range of the verb within the frame.
    pub verb: Range<usize>,
    /// The verb is followed by "that", so the reported clause follows it.
    pub that_clause: Option<usize>,
    /// The attribution closes the sentence ("…, said X." / "…, he added."): the reported
    /// words are what comes before `trailing_from`.
    pub trailing_from: Option<usize>,
}

/// Finds the attribution of `frame`: a sentence in which each quotation has been replaced by
/// the marker [`MARK`] (so quoted words are never taken for the attribution). Verbs other than
/// the weak "reported" are tried first, nearest to `near` first.
pub fn attribute(frame: &str, near: Option<usize>) -> Option<Attribution> {
    let mut verbs: Vec<Range<usize>> = SPEECH_VERB
        .find_iter(frame)
        .map(|m| m.range())
        .filter(|v| !passive(frame, v.start))
        .collect();
    let weak = |v: &Range<usize>| matches!(&frame[v.clone()], "reported" | "reports");
    verbs.sort_by_key(|v| {
        let distance = near.map_or(v.start, |n| n.abs_diff(v.start));
        (weak(v), distance)
    });
    verbs.into_iter().find_map(|verb| {
        let speaker = speaker_for(frame, verb.clone())?;
        let after = &frame[verb.end..];
        let that_clause = THAT
            .find(after)
            .filter(|m| {
                after[..m.start()].split_whitespace().count() <= 8
                    && !after[..m.start()].contains(MARK)
            })
            .map(|m| verb.end + m.end());
        let clause_start = frame[..verb.start].rfind([',', MARK]).map(|i| i + 1);
        let rest = frame[verb.end..].trim_end_matches(['.', ' ']);
        let trailing = clause_start.filter(|_| !rest.contains(" that ") && !rest.contains(MARK));
        Some(Attribution {
            speaker,
            verb,
            that_clause,
            trailing_from: trailing.and_then(|c| frame[..c].rfind(',')),
        })
    })
}

/// "was told", "been said": passive, not an attribution.
fn passive(frame: &str, verb_start: usize) -> bool {
    let before = frame[..verb_start].trim_end();
    ["was", "were", "been", "being", "is", "be"]
        .iter()
        .any(|w| before.ends_with(&format!(" {w}")) || before == *w)
}

/// The speaker a verb at `verb` attributes to.
fn speaker_for(frame: &str, verb: Range<usize>) -> Option<SpeakerRef> {
    let verb_text = &frame[verb.clone()];
    if verb_text.eq_ignore_ascii_case("according to") {
        return noun_phrase_after(&frame[verb.end..]);
    }
    // The phrase between the last comma or quotation and the verb: "…, he added",
    // "Q the Russian leader said", "Kaushal added".
    let clause_start = frame[..verb.start]
        .rfind([',', MARK, ';', ':'])
        .map_or(0, |i| i + 1);
    let left = strip_between(frame[clause_start..verb.start].trim());
    if !left.is_empty() {
        if left.split_whitespace().count() <= 7
            && let Some(np) = noun_phrase(left)
        {
            return Some(np);
        }
    } else if let Some(np) = noun_phrase_after(&frame[verb.end..]) {
        // "…, said Sidharth Kaushal, senior research fellow"
        return Some(np);
    }
    // A name set off by commas just before the verb: "the talks' chair, Maria Lopez, said".
    if left.is_empty()
        && let Some(np) = appositive_name(
            &frame[clause_start.min(verb.start)..verb.start],
            &frame[..verb.start],
        )
    {
        return Some(np);
    }
    // The sentence's subject, across an appositive: "Pezeshkian, cast as a reformer…, said".
    let subject_start = frame[..verb.start].rfind([MARK, ';']).map_or(0, |i| i + 1);
    subject(&frame[subject_start..verb.start])
}

/// The comma-delimited phrase ending `before` when it is a bare name of at most four
/// words ("…, Maria Lopez, said"); `gap` is what stands between it and the verb.
fn appositive_name(gap: &str, before: &str) -> Option<SpeakerRef> {
    if !gap.trim().is_empty() {
        return None;
    }
    let body = before.trim_end().strip_suffix(',')?;
    let chunk = body.rsplit([',', MARK]).next()?.trim();
    let words: Vec<&str> = chunk.split_whitespace().collect();
    let all_name = !words.is_empty() && words.len() <= 4 && words.iter().all(|w| is_name_word(w));
    all_name.then(|| SpeakerRef::Name(chunk.to_owned()))
}

/// Drops words that stand between a speaker and the verb from the end of `s`.
fn strip_between(s: &str) -> &str {
    let mut s = s;
    while let Some((head, last)) = s.rsplit_once(' ') {
        if BETWEEN.contains(&last.to_lowercase().as_str()) {
            s = head.trim_end();
        } else {
            break;
        }
    }
    if BETWEEN.contains(&s.to_lowercase().as_str()) {
        ""
    } else {
        s
    }
}

/// A noun phrase standing alone: a pronoun, a name ending the phrase, or a description.
fn noun_phrase(s: &str) -> Option<SpeakerRef> {
    let s = s.trim().trim_start_matches(['—', '–', '-', ' ']);
    let words: Vec<&str> = s.split_whitespace().collect();
    let first = *words.first()?;
    if words.len() == 1 && PRONOUNS.contains(&first.to_lowercase().as_str()) {
        return Some(SpeakerRef::Pronoun(first.to_lowercase()));
    }
    // A name at the end: "Israeli defence minister Yoav Gallant", "US secretary of state
    // Antony Blinken", "Kaushal".
    let mut k = words.len();
    while k > 0 && is_name_word(words[k - 1]) {
        k -= 1;
    }
    if k < words.len() && (k == 0 || !is_name_word(words[k - 1])) {
        let name = words[k..].join(" ");
        let all_titles = words[k..].iter().all(|w| is_title(w));
        if !all_titles && (k == 0 || words[..k].iter().all(|w| !w.ends_with(','))) {
            return Some(SpeakerRef::Name(name));
        }
    }
    let described = words.iter().any(|w| is_title(w));
    let lower_start = matches!(
        first.to_lowercase().as_str(),
        "the" | "a" | "an" | "one" | "two" | "several" | "some" | "many"
    );
    (described || lower_start).then(|| SpeakerRef::Description(words.join(" ")))
}

/// A noun phrase right after the verb, up to the next comma: "said Kaushal, noting…",
/// "said the minister.". `None` when what follows is not a name or "the …".
fn noun_phrase_after(s: &str) -> Option<SpeakerRef> {
    let s = s.trim_start();
    let end = s.find([',', '.', ';', ':', MARK]).unwrap_or(s.len());
    let chunk = s[..end].trim();
    let first = chunk.split_whitespace().next()?;
    if first == "the" {
        // "said the Church in the October 18 press release": the phrase ends before a
        // preposition.
        let words: Vec<&str> = chunk
            .split_whitespace()
            .take(6)
            .enumerate()
            .take_while(|(i, w)| *i == 0 || !PREPOSITIONS.contains(w))
            .map(|(_, w)| w)
            .collect();
        return noun_phrase(&words.join(" "));
    }
    if is_name_word(first) {
        // Only the phrase itself: stop at the first word that is neither name nor title.
        let words: Vec<&str> = chunk
            .split_whitespace()
            .take_while(|w| is_name_word(w) || is_title(w) || CONNECTORS_FOR_SUBJECT.contains(w))
            .collect();
        return noun_phrase(&words.join(" "));
    }
    None
}

/// The subject at the start of `clause`: name, title and group words up to the first
/// comma or the first word that cannot belong to a noun phrase; "Hanna Notte of the James
/// Martin Center…" is cut to "Hanna Notte".
fn subject(clause: &str) -> Option<SpeakerRef> {
    let clause = clause.trim_start_matches([',', ' ']);
    let end = clause.find([',', ';', ':']).unwrap_or(clause.len());
    let mut words = Vec::new();
    for w in clause[..end].split_whitespace() {
        let lower = w.to_lowercase();
        let after_name = words
            .last()
            .is_some_and(|p: &&str| is_name_word(p) && !super::names::is_org_word(p));
        if matches!(lower.as_str(), "of" | "at" | "from" | "in") && after_name {
            break;
        }
        if is_name_word(w)
            || is_title(w)
            || CONNECTORS_FOR_SUBJECT.contains(&lower.as_str())
            || (words.is_empty() && PRONOUNS.contains(&lower.as_str()))
        {
            words.push(w);
        } else {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| CONNECTORS_FOR_SUBJECT.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    noun_phrase(strip_between(&words.join(" ")))
}

/// A capitalised word that can be part of a name ("Kaushal", "US", "Al-Assad").
fn is_name_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase) && !is_title(w)
        || w.chars().next().is_some_and(char::is_uppercase)
            && w.len() > 1
            && w.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(frame: &str) -> Option<SpeakerRef> {
        attribute(frame, None).map(|a| a.speaker)
    }

    fn name(s: &str) -> Option<SpeakerRef> {
        Some(SpeakerRef::Name(s.into()))
    }

    #[test]
    fn attribution_patterns() {
        assert_eq!(
            who("\u{1} said Kaushal, noting that its jets are old."),
            name("Kaushal")
        );
        assert_eq!(
            who("\u{1} Israeli defence minister Yoav Gallant said this week."),
            name("Yoav Gallant")
        );
        assert_eq!(
            who("\u{1} the Russian leader said."),
            Some(SpeakerRef::Description("the Russian leader".into()))
        );
        assert_eq!(
            who("It would also want jets, he added."),
            Some(SpeakerRef::Pronoun("he".into()))
        );
        assert_eq!(
            who(
                "Pezeshkian, cast as a reformer who took office in July, said after meeting Putin that \u{1}, state media reported."
            ),
            name("Pezeshkian")
        );
        assert_eq!(
            who(
                "Hanna Notte of the James Martin Center in Berlin also said that Russia would wait."
            ),
            name("Hanna Notte")
        );
        assert_eq!(
            who("US secretary of state Antony Blinken warned that Russia would share technology."),
            name("Antony Blinken")
        );
        assert_eq!(
            who("US and Ukrainian officials last month charged that Iran had shipped missiles."),
            Some(SpeakerRef::Description("US and Ukrainian officials".into()))
        );
        assert_eq!(
            who("According to the ministry, \u{1}"),
            Some(SpeakerRef::Description("the ministry".into()))
        );
        assert_eq!(who("The talks went on."), None);
        assert_eq!(who("He was told to leave."), None);
    }
}
