//! Low-level reading of a paragraph: words with their offsets, quotation spans and
//! sentence boundaries. Everything works on byte offsets into the paragraph, so each
//! candidate can be highlighted in place.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A word: letters and digits, with inner apostrophes, hyphens and dots ("U.S", "S-400",
/// "Iran’s"), but no trailing punctuation.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern(r"[\p{L}\p{N}]+(?:[’'\-\.][\p{L}\p{N}]+)*"));

/// A word and where it stands in its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Word<'_> {
    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words of `text` in order; offsets are relative to `text` plus `base`.
pub fn words(text: &str, base: usize) -> Vec<Word<'_>> {
    WORD.find_iter(text)
        .map(|m| Word {
            text: m.as_str(),
            start: base + m.start(),
            end: base + m.end(),
        })
        .collect()
}

/// A passage in quotation marks: `outer` includes the marks, `inner` is the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    pub outer: Range<usize>,
    pub inner: Range<usize>,
    /// The quotation runs on past the paragraph's end (the next paragraph continues it).
    pub open_ended: bool,
}

/// The double-quoted passages of a paragraph: curly “…”, straight "…" and guillemets «…».
/// Single quotes are left alone: in English text they are mostly apostrophes.
pub fn quote_spans(p: &str) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (mark start, inner start)
    let mut prev: Option<char> = None;
    for (i, c) in p.char_indices() {
        let after = i + c.len_utf8();
        match c {
            '“' | '«' if open.is_none() => open = Some((i, after)),
            '”' | '»' => {
                if let Some((o, inner)) = open.take() {
                    spans.push(QuoteSpan {
                        outer: o..after,
                        inner: inner..i,
                        open_ended: false,
                    });
                }
            }
            '"' => match open.take() {
                Some((o, inner)) => spans.push(QuoteSpan {
                    outer: o..after,
                    inner: inner..i,
                    open_ended: false,
                }),
                None if prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p)) => {
                    open = Some((i, after));
                }
                None => {}
            },
            _ => {}
        }
        prev = Some(c);
    }
    if let Some((o, inner)) = open {
        spans.push(QuoteSpan {
            outer: o..p.len(),
            inner: inner..p.len(),
            open_ended: true,
        });
    }
    spans
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Cmdr", "Adm", "Rep",
    "Sen", "Gov", "Pres", "Jr", "Sr", "Rev", "Hon", "No", "vs", "etc", "Inc", "Corp", "Ltd", "Co",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S",
    "U.K", "U.N", "E.U", "e.g", "i.e", "approx", "est",
];

/// Sentence ranges of a paragraph. A full stop, question or exclamation mark ends a
/// sentence when it is outside quotation marks, is not an abbreviation's or an initial's,
/// and the next word starts with a capital or an opening quote.
pub fn sentences(p: &str, quotes: &[QuoteSpan]) -> Vec<Range<usize>> {
    let inside = |i: usize| quotes.iter().any(|q| q.inner.contains(&i));
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    for (i, c) in p.char_indices() {
        // A quotation that closes a sentence of its own (“… yet.” She added …) ends it.
        let closes_quote = matches!(c, '”' | '"' | '»')
            && p[..i].ends_with(['.', '!', '?'])
            && quotes.iter().any(|q| q.outer.end == i + c.len_utf8());
        if !closes_quote && (!matches!(c, '.' | '!' | '?') || inside(i)) {
            continue;
        }
        let rest = &p[i + c.len_utf8()..];
        let next = rest.trim_start_matches([')', '’', '\'', '”', '"']);
        if !next.starts_with(' ') {
            continue;
        }
        let next = next.trim_start();
        if !next.starts_with(|ch: char| ch.is_uppercase() || "“\"‘«(".contains(ch)) {
            continue;
        }
        if c == '.' && !closes_quote {
            let before = &p[start..i];
            let last = before
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("");
            let single_initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
            if single_initial || ABBREVIATIONS.contains(&last) {
                continue;
            }
        }
        let end = p.len() - next.len();
        out.push(start..end);
        start = end;
        debug_assert!(start <= bytes.len());
    }
    if start < p.len() {
        out.push(start..p.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_straight_and_open_ended_quotes() {
        let p = "He said “we will”, then \"no\" and “more";
        let spans = quote_spans(p);
        assert_eq!(&p[spans[0].inner.clone()], "we will");
        assert_eq!(&p[spans[1].inner.clone()], "no");
        assert_eq!(&p[spans[2].inner.clone()], "more");
        assert!(spans[2].open_ended);
    }

    #[test]
    fn sentences_skip_quotes_abbreviations_and_initials() {
        let p = "Mr. Smith met J. Doe. “We agree. Fully,” he said. The U.S. objected. “No.” Then silence.";
        let s: Vec<&str> = sentences(p, &quote_spans(p))
            .into_iter()
            .map(|r| p[r].trim())
            .collect();
        assert_eq!(
            s,
            vec![
                "Mr. Smith met J. Doe.",
                "“We agree. Fully,” he said.",
                "The U.S. objected.",
                "“No.”",
                "Then silence."
            ]
        );
    }
}
