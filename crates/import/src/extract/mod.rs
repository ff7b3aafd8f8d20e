//! Candidate extraction: quotes with speakers, reported speech, figures, dates and
//! entities, each with its paragraph and byte span.

mod attribution;
mod dates;
mod entities;
mod figures;
mod names;
mod people;
mod text;

use crate::model::{Candidate, CandidateKind};
use attribution::{Attribution, MARK, SpeakerRef};
use briefsmith_core::model::Entity;
use chrono::NaiveDate;
use names::Known;
use people::{People, Speaker};
use std::ops::Range;
use text::QuoteSpan;

/// What extraction needs besides the paragraphs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The article's publication date, for relative dates ("on Friday", "last month").
    pub date: Option<NaiveDate>,
    /// The library's entities, matched by name or alias.
    pub known: &'a [Entity],
    /// Join a quotation split by its attribution (“A,” she said, “B.”) into one candidate.
    pub join_split_quotes: bool,
}

/// Quotations of at most this many words are scare quotes or titles, never quotes.
const SCARE_QUOTE_WORDS: usize = 2;
/// Quotations of this many words count as quotes only with an attribution in the sentence.
const SHORT_QUOTE_WORDS: usize = 3;
/// Reported speech shorter than this is not worth proposing.
const MIN_REPORTED_WORDS: usize = 4;

/// One paragraph, read once: its quotations, sentences, words and names.
struct Parsed<'p> {
    text: &'p str,
    quotes: Vec<QuoteSpan>,
    sentences: Vec<Range<usize>>,
    runs: Vec<names::NameRun>,
}

impl<'p> Parsed<'p> {
    fn new(text: &'p str) -> Self {
        let quotes = text::quote_spans(text);
        let sentences = text::sentences(text, &quotes);
        let words = text::words(text, 0);
        let starts: Vec<usize> = sentences
            .iter()
            .map(|s| s.start + (text[s.clone()].len() - text[s.clone()].trim_start().len()))
            .map(|start| {
                // The first word of a sentence may follow an opening quotation mark.
                words
                    .iter()
                    .find(|w| w.start >= start)
                    .map_or(start, |w| w.start)
            })
            .collect();
        let runs = names::name_runs(text, &words, &starts);
        Parsed {
            text,
            quotes,
            sentences,
            runs,
        }
    }
}

/// Every candidate in `paragraphs` (paragraph 1 is `paragraphs[0]`), in reading order of
/// kind: quotes and reported speech, then figures, dates and entities.
pub fn candidates(paragraphs: &[String], cx: &Context<'_>) -> Vec<Candidate> {
    let parsed: Vec<Parsed<'_>> = paragraphs.iter().map(|p| Parsed::new(p)).collect();
    let known = Known { entities: cx.known };
    let people = People::new(parsed.iter().map(|p| p.runs.as_slice()), known);
    let mut speech = Speech::new(&people, cx);
    for (i, p) in parsed.iter().enumerate() {
        speech.paragraph(i + 1, p);
    }
    let mut out = speech.out;
    for (i, p) in parsed.iter().enumerate() {
        let para = i + 1;
        for span in figures::find(p.text) {
            let mut c = Candidate::new(
                CandidateKind::Figure,
                p.text[span.clone()].to_owned(),
                para,
                span,
            );
            c.date = sentence_date(p, c.span.start, cx.date);
            out.push(c);
        }
        for m in dates::find(p.text, cx.date) {
            let mut c = Candidate::new(
                CandidateKind::Date,
                p.text[m.span.clone()].to_owned(),
                para,
                m.span,
            );
            c.date = m.value;
            out.push(c);
        }
    }
    out.extend(entities::find(
        parsed.iter().map(|p| (p.text, p.runs.as_slice())),
        known,
        &speech.speakers_seen,
    ));
    out
}

/// The resolved date of the first date expression in the sentence around `offset`, or the
/// article's date when the sentence has none.
fn sentence_date(p: &Parsed<'_>, offset: usize, article: Option<NaiveDate>) -> Option<String> {
    let sentence = p
        .sentences
        .iter()
        .find(|s| s.contains(&offset))
        .cloned()
        .unwrap_or(0..p.text.len());
    dates::find(&p.text[sentence], article)
        .into_iter()
        .find_map(|m| m.value.filter(|v| v.len() >= 7))
        .or_else(|| article.map(|d| d.to_string()))
}

/// Walks the sentences in order, keeping who spoke last for pronouns and continued quotes.
struct Speech<'a> {
    people: &'a People<'a>,
    cx: &'a Context<'a>,
    last_person: Option<Speaker>,
    last_group: Option<Speaker>,
    /// The speaker of the last quotation and its paragraph, for a quotation that runs on
    /// into the next paragraph without a new attribution.
    last_quote: Option<(usize, Speaker)>,
    speakers_seen: Vec<Speaker>,
    out: Vec<Candidate>,
}

impl<'a> Speech<'a> {
    fn new(people: &'a People<'a>, cx: &'a Context<'a>) -> Self {
        Speech {
            people,
            cx,
            last_person: None,
            last_group: None,
            last_quote: None,
            speakers_seen: Vec::new(),
            out: Vec::new(),
        }
    }

    fn paragraph(&mut self, para: usize, p: &Parsed<'_>) {
        for sentence in &p.sentences {
            let quotes: Vec<&QuoteSpan> = p
                .quotes
                .iter()
                .filter(|q| sentence.contains(&q.outer.start))
                .collect();
            if quotes.is_empty() {
                self.reported(para, p, sentence.clone());
            } else {
                self.quoted(para, p, sentence.clone(), &quotes);
            }
            self.note_mentions(p, sentence);
        }
    }

    /// Direct quotations in one sentence.
    fn quoted(
        &mut self,
        para: usize,
        p: &Parsed<'_>,
        sentence: Range<usize>,
        quotes: &[&QuoteSpan],
    ) {
        let word_count = |q: &QuoteSpan| p.text[q.inner.clone()].split_whitespace().count();
        let real: Vec<&QuoteSpan> = quotes
            .iter()
            .copied()
            .filter(|q| {
                word_count(q) > SCARE_QUOTE_WORDS && !is_title_case(&p.text[q.inner.clone()])
            })
            .collect();
        if real.is_empty() {
            // Only scare quotes: the sentence may still report speech.
            self.reported(para, p, sentence);
            return;
        }
        let (frame, marks) = frame(p.text, sentence.clone(), &real);
        let attribution = attribution::attribute(&frame, marks.first().copied());
        let mut speaker = attribution.as_ref().and_then(|a| self.resolve(&a.speaker));
        let frame_is_quote_only = frame
            .trim_matches(|c: char| c == MARK || c.is_whitespace() || c.is_ascii_punctuation())
            .is_empty();
        if speaker.is_none()
            && frame_is_quote_only
            && let Some((last_para, s)) = &self.last_quote
            && para <= last_para + 1
        {
            speaker = Some(s.clone());
        }
        let date = sentence_date(p, sentence.start, self.cx.date);
        let mut made: Vec<Candidate> = Vec::new();
        for q in &real {
            if word_count(q) <= SHORT_QUOTE_WORDS && attribution.is_none() {
                continue;
            }
            let span = trim_span(p.text, q.inner.clone());
            if span.is_empty() {
                continue;
            }
            let mut c = Candidate::new(
                CandidateKind::Quote,
                p.text[span.clone()].to_owned(),
                para,
                span,
            );
            c.speaker = speaker.as_ref().map(|s| s.name.clone());
            c.entity_id = speaker.as_ref().and_then(|s| s.entity_id.clone());
            c.date = date.clone();
            if self.cx.join_split_quotes
                && let Some(prev) = made.last_mut()
                && split_by_attribution(p.text, prev.span.end, c.span.start)
            {
                prev.text = format!("{} {}", prev.text.trim_end_matches(','), c.text);
                prev.span = prev.span.start..c.span.end;
                continue;
            }
            made.push(c);
        }
        if let Some(s) = speaker {
            self.remember(&s);
            self.last_quote = Some((para, s));
        }
        self.out.extend(made);
    }

    /// Reported speech: "X said that …", "…, said X", "X warned …".
    fn reported(&mut self, para: usize, p: &Parsed<'_>, sentence: Range<usize>) {
        let text = &p.text[sentence.clone()];
        let Some(a) = attribution::attribute(text, None) else {
            return;
        };
        let Some(speaker) = self.resolve(&a.speaker) else {
            return;
        };
        let local = reported_clause(text, &a);
        let span = trim_span(
            p.text,
            sentence.start + local.start..sentence.start + local.end,
        );
        if p.text[span.clone()].split_whitespace().count() < MIN_REPORTED_WORDS {
            return;
        }
        let mut c = Candidate::new(
            CandidateKind::Reported,
            p.text[span.clone()].to_owned(),
            para,
            span,
        );
        c.speaker = Some(speaker.name.clone());
        c.entity_id = speaker.entity_id.clone();
        c.date = sentence_date(p, sentence.start, self.cx.date);
        self.remember(&speaker);
        // A quotation standing alone right after this sentence is the same speaker's.
        self.last_quote = Some((para, speaker));
        self.out.push(c);
    }

    /// Resolves what the attribution names to a speaker, using what came before.
    fn resolve(&self, r: &SpeakerRef) -> Option<Speaker> {
        match r {
            SpeakerRef::Pronoun(p) if matches!(p.as_str(), "he" | "she") => {
                self.last_person.clone()
            }
            SpeakerRef::Pronoun(p) if matches!(p.as_str(), "it" | "they") => {
                self.last_group.clone()
            }
            SpeakerRef::Pronoun(_) => None,
            SpeakerRef::Name(n) => Some(self.people.by_name(n)),
            SpeakerRef::Description(d) => Some(self.people.by_description(d)),
        }
    }

    fn remember(&mut self, s: &Speaker) {
        if s.person {
            self.last_person = Some(s.clone());
        } else {
            self.last_group = Some(s.clone());
        }
        if !self.speakers_seen.contains(s) {
            self.speakers_seen.push(s.clone());
        }
    }

    /// A person named in a sentence becomes the referent of a later "he" or "she" when no
    /// speaker has been met yet.
    fn note_mentions(&mut self, p: &Parsed<'_>, sentence: &Range<usize>) {
        if self.last_person.is_some() {
            return;
        }
        if let Some(run) = p
            .runs
            .iter()
            .rev()
            .find(|r| sentence.contains(&r.start) && r.tokens >= 2 && !r.looks_like_org())
        {
            self.last_person = Some(self.people.by_name(&run.name));
        }
    }
}

/// The sentence with each quotation replaced by [`MARK`], and where the marks are.
fn frame(p: &str, sentence: Range<usize>, quotes: &[&QuoteSpan]) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut marks = Vec::new();
    let mut at = sentence.start;
    for q in quotes {
        let start = q.outer.start.max(at);
        out.push_str(&p[at..start]);
        marks.push(out.len());
        out.push(MARK);
        at = q.outer.end.min(sentence.end).max(start);
    }
    out.push_str(&p[at..sentence.end.max(at)]);
    (out, marks)
}

/// The reported words of a sentence with attribution `a`: after "that", before a closing
/// attribution, or the whole sentence.
fn reported_clause(sentence: &str, a: &Attribution) -> Range<usize> {
    if let Some(start) = a.that_clause {
        return start..sentence.len();
    }
    if let Some(end) = a.trailing_from {
        return 0..end;
    }
    0..sentence.len()
}

/// Narrows `span` to exclude surrounding spaces and a trailing comma, which belong to the
/// reporter's sentence rather than to the speaker's words.
fn trim_span(p: &str, span: Range<usize>) -> Range<usize> {
    let s = &p[span.clone()];
    let rest = s.trim_start_matches([' ', ',']);
    let start = span.start + (s.len() - rest.len());
    start..start + rest.trim_end_matches([' ', ',', ';', ':']).len()
}

/// Whether the text between two quotations is only an attribution (“A,” she said, “B.”).
fn split_by_attribution(p: &str, prev_end: usize, next_start: usize) -> bool {
    let between = p.get(prev_end..next_start).unwrap_or("");
    let plain: String = between
        .chars()
        .map(|c| if "“”\"«»".contains(c) { ' ' } else { c })
        .collect();
    (1..=8).contains(&plain.split_whitespace().count())
        && plain.trim_end().ends_with(',')
        && attribution::has_speech_verb(&plain)
}

/// A quotation whose every word is capitalised is a title or a name ("Operation True
/// Promise"), not speech.
fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() <= 5
        && !s.ends_with(['.', ',', '!', '?'])
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || !c.is_alphabetic())
                || matches!(
                    *w,
                    "of" | "the"
                        | "and"
                        | "for"
                        | "in"
                        | "on"
                        | "a"
                        | "by"
                        | "to"
                        | "with"
                        | "at"
                        | "from"
                )
        })
}

/// The sentence of `paragraph` containing byte `offset`, trimmed.
pub fn sentence_around(paragraph: &str, offset: usize) -> Option<&str> {
    let quotes = text::quote_spans(paragraph);
    text::sentences(paragraph, &quotes)
        .into_iter()
        .find(|s| s.contains(&offset))
        .map(|s| paragraph[s].trim())
}
