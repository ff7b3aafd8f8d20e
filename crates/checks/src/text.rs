//! Reading prose the way the checks need: words, sentences, quoted spans, and text
//! normalised for verbatim comparison.

/// The words of `text`, lower-cased, with their byte offsets; a word is a run of letters
/// and digits (so "Iran’s" is "iran", "s", and "high-confidence" is two words).
pub(crate) fn words(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].to_lowercase()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The sentences of `text`: split after `.`, `!` or `?` followed by white space, and at
/// line breaks; each trimmed, empty ones left out.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next_is_space = chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        let end = match c {
            '\n' => Some(i),
            '.' | '!' | '?' if next_is_space => Some(i + c.len_utf8()),
            _ => None,
        };
        if let Some(end) = end {
            out.push(&text[start..end]);
            start = end;
        }
    }
    out.push(&text[start..]);
    out.into_iter().map(str::trim).filter(|s| !s.is_empty())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Whether `sentence` names a calendar date: a month by name (full or three letters,
/// "May" only beside a day number), a year (1900–2099), or an ISO date.
pub(crate) fn names_a_date(sentence: &str) -> bool {
    let words = words(sentence);
    words.iter().enumerate().any(|(i, (_, w))| {
        let year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20"));
        let day_beside = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .is_some_and(|(_, d)| d.len() <= 2 && d.chars().all(|c| c.is_ascii_digit()))
        };
        let month = MONTHS.iter().any(|m| {
            let named = *m == w || (w.len() == 3 && m.starts_with(w.as_str()) && *m != "may");
            named && (*m != "may" || day_beside(i.checked_sub(1)) || day_beside(Some(i + 1)))
        });
        year || month
    })
}

/// `text` for verbatim comparison: curly quotes and apostrophes as straight ones, runs of
/// white space as one space, trimmed. Only typography is forgiven, never a word.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '‘' | '’' | '‛' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            c => c,
        }));
    }
    out
}

/// The passages of `text` set in quotation marks (“…” or "…"), without the marks.
pub(crate) fn quoted(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            out.push(&after[..b]);
            rest = &after[b + close.len_utf8()..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let s: Vec<_> = sentences("Iran fired. Israel said 1.5 times more!\nNext").collect();
        assert_eq!(s, ["Iran fired.", "Israel said 1.5 times more!", "Next"]);
    }

    #[test]
    fn dates_are_recognised_in_words() {
        assert!(names_a_date("On 11 October Putin met"));
        assert!(names_a_date("as of Oct 12"));
        assert!(names_a_date("in 2024"));
        assert!(names_a_date("on 2024-10-11"));
        assert!(names_a_date("on 1 May"));
        assert!(!names_a_date("Iran may strike today"));
        assert!(!names_a_date("Israel said so today"));
    }

    #[test]
    fn normalising_forgives_typography_only() {
        assert_eq!(normalise(" Iran’s  “line”\n "), "Iran's \"line\"");
        assert_ne!(normalise("Iran's line"), normalise("Iran's lines"));
    }

    #[test]
    fn quoted_passages_are_found() {
        assert_eq!(
            quoted("He said “we will act” and \"soon\"."),
            ["we will act", "soon"]
        );
    }
}
