//! Estimative language: the words a judgment uses for probability and confidence must
//! agree with the likelihood and confidence the analyst chose for it.
//!
//! The word lists follow the ICD 203 likelihood scale with its accepted synonyms, as the
//! project's tradecraft reference notes (reference/tradecraft.md, "Estimative language")
//! list them; a few common intensifiers ("highly likely") are added to the same bands.

use crate::context::{Context, judgment_key};
use crate::text::words;
use crate::{Finding, Place};
use briefsmith_core::model::{Confidence, Likelihood};

/// Phrases (as lower-case words) and the band each belongs to; longer phrases first, so
/// "very unlikely" is read as one phrase, not as "unlikely".
const PHRASES: &[(&[&str], Likelihood)] = &[
    (
        &["roughly", "even", "chance"],
        Likelihood::RoughlyEvenChance,
    ),
    (&["roughly", "even", "odds"], Likelihood::RoughlyEvenChance),
    (&["almost", "no", "chance"], Likelihood::AlmostNoChance),
    (&["remote", "chance"], Likelihood::AlmostNoChance),
    (&["remote", "possibility"], Likelihood::AlmostNoChance),
    (&["very", "unlikely"], Likelihood::VeryUnlikely),
    (&["highly", "unlikely"], Likelihood::VeryUnlikely),
    (&["highly", "improbable"], Likelihood::VeryUnlikely),
    (&["very", "improbable"], Likelihood::VeryUnlikely),
    (&["even", "chance"], Likelihood::RoughlyEvenChance),
    (&["even", "odds"], Likelihood::RoughlyEvenChance),
    (&["very", "likely"], Likelihood::VeryLikely),
    (&["highly", "likely"], Likelihood::VeryLikely),
    (&["highly", "probable"], Likelihood::VeryLikely),
    (&["very", "probably"], Likelihood::VeryLikely),
    (&["almost", "certain"], Likelihood::AlmostCertain),
    (&["almost", "certainly"], Likelihood::AlmostCertain),
    (&["nearly", "certain"], Likelihood::AlmostCertain),
    (&["nearly", "certainly"], Likelihood::AlmostCertain),
    (&["virtually", "certain"], Likelihood::AlmostCertain),
    (&["unlikely"], Likelihood::Unlikely),
    (&["improbable"], Likelihood::Unlikely),
    (&["likely"], Likelihood::Likely),
    (&["probable"], Likelihood::Likely),
    (&["probably"], Likelihood::Likely),
];

/// Words before a phrase that make it a comparison or a negation, not a band.
const NOT_A_BAND: &[&str] = &["not", "more", "less", "most", "least"];

/// The estimative phrases in `text`, each with its band, in order.
pub(crate) fn bands_in(text: &str) -> Vec<(String, Likelihood)> {
    let words: Vec<String> = words(text).into_iter().map(|(_, w)| w).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let hit = PHRASES
            .iter()
            .find(|(phrase, _)| words.get(i..i + phrase.len()).is_some_and(|w| w == *phrase));
        match hit {
            Some((phrase, band)) => {
                let qualified = i > 0 && NOT_A_BAND.contains(&words[i - 1].as_str());
                if !qualified {
                    out.push((phrase.join(" "), *band));
                }
                i += phrase.len();
            }
            None => i += 1,
        }
    }
    out
}

/// The confidence levels `text` states ("high confidence", "confidence is low",
/// "moderate-confidence"); "medium" is read as moderate.
fn confidences_in(text: &str) -> Vec<Confidence> {
    let words: Vec<String> = words(text).into_iter().map(|(_, w)| w).collect();
    let level = |w: &str| match w {
        "low" => Some(Confidence::Low),
        "moderate" | "medium" => Some(Confidence::Moderate),
        "high" => Some(Confidence::High),
        _ => None,
    };
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if w != "confidence" {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| level(&words[j]));
        let after = match words.get(i + 1).map(String::as_str) {
            Some("is" | "was" | "remains") => words.get(i + 2).and_then(|w| level(w)),
            _ => None,
        };
        out.extend(before.or(after));
    }
    out
}

pub(crate) fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for &(pos, n, j) in &cx.judgments {
        let place = || cx.place(pos, Some(n));
        let bands = bands_in(&j.text);
        let wrong: Vec<&str> = bands
            .iter()
            .filter(|(_, b)| *b != j.likelihood)
            .map(|(w, _)| w.as_str())
            .collect();
        if !wrong.is_empty() {
            let (lo, hi) = j.likelihood.band();
            out.push(Finding::new(
                "estimative.contradicts-band",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} says “{}” but its likelihood is “{}” ({lo}–{hi} %): \
                     reword the text or choose the likelihood the words mean.",
                    wrong.join("”, “"),
                    j.likelihood.term()
                ),
            ));
        }
        let mut distinct: Vec<Likelihood> = bands.iter().map(|(_, b)| *b).collect();
        distinct.sort_by_key(|b| Likelihood::ALL.iter().position(|x| x == b));
        distinct.dedup();
        if distinct.len() > 1 {
            let terms: Vec<&str> = distinct.iter().map(|b| b.term()).collect();
            out.push(Finding::new(
                "estimative.two-bands",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} mixes probability bands ({}): state one likelihood, \
                     or split it into separate judgments.",
                    terms.join(", ")
                ),
            ));
        }
        let stated = confidences_in(&j.text);
        if let Some(other) = stated.iter().find(|c| **c != j.confidence) {
            out.push(Finding::new(
                "confidence.contradicts",
                place(),
                judgment_key(j),
                format!(
                    "Key judgment {n} says “{} confidence” but its confidence is “{}”: \
                     make the text and the confidence field agree (or drop it from the \
                     text; the brief prints the field).",
                    other.term(),
                    j.confidence.term()
                ),
            ));
        }
    }
    let bottom = &cx.brief.meta.bottom_line;
    if let Some((word, _)) = bands_in(bottom).first()
        && confidences_in(bottom).is_empty()
    {
        out.push(Finding::new(
            "confidence.missing",
            Place::brief(),
            "brief".to_owned(),
            format!(
                "The bottom line judges “{word}” without saying how confident the \
                 assessment is: add the confidence (low, moderate, high), or make sure a \
                 key judgment carries it."
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_read_longest_first_and_skip_comparisons() {
        let b = bands_in(
            "Russia is very unlikely, and not likely, but more likely than Iran; probably.",
        );
        let terms: Vec<_> = b.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(terms, ["very unlikely", "probably"]);
        assert_eq!(
            bands_in("Almost certainly so")[0].1,
            Likelihood::AlmostCertain
        );
        assert!(bands_in("the likelihood of a remote region").is_empty());
    }

    #[test]
    fn confidence_is_read_either_way_round() {
        assert_eq!(
            confidences_in("We judge with high confidence; confidence is low."),
            [Confidence::High, Confidence::Low]
        );
        assert!(confidences_in("confidence-building measures").is_empty());
    }
}
