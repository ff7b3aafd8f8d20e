//! Figures: money, percentages, ranges, counts and measures.

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const NUMBER_WORDS: &str = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|a\\s(?:dozen|hundred|thousand|million)";
const SCALE: &str = "(?:bn|mn|m|k|tn|billion|million|trillion|thousand)";
const UNITS: &str = "km|kilometres|kilometers|miles|mi|m|metres|meters|kg|kilograms|tonnes|tons|t|km/h|mph|knots|ft|feet|barrels|bpd|MW|GW|kWh";

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let num = r"\d+(?:[,\.]\d+)*";
    let approx = r"(?:(?:more|fewer|less)\sthan|about|around|some|nearly|almost|over|under|at\sleast|up\sto|roughly|approximately)\s";
    let pattern = format!(
        r"(?x)
        (?:{approx})?
        (?:
            (?:US|A|C|HK)?[$£€¥₽]\s?{num}(?:\s?{SCALE})?(?-u:\b)
          | {num}(?:\s?{SCALE})?\s(?:dollars|euros|pounds|roubles|rubles|rials|yuan|yen|rupees)(?-u:\b)
          | {num}\s?(?:%|per\scent(?-u:\b)|percent(?-u:\b)|percentage\spoints?(?-u:\b))
          | (?:{num}|(?-u:\b)(?:{NUMBER_WORDS}))\s?(?:to|-|–|or)\s?(?:{num}|(?:{NUMBER_WORDS}))(?-u:\b)(?:\s[a-z][a-z\-]+)?
          | {num}\s?(?:{UNITS})(?-u:\b)
          | (?-u:\b)(?:hundreds|thousands|millions|dozens|tens|billions)\sof\s[a-z][a-z\-]+
          | (?-u:\b){num}(?:\s(?:{SCALE}))?\s[a-z][a-z\-]+
        )"
    );
    crate::pattern(&pattern)
});

/// Words after a number that make it something other than a figure: a date or an hour.
const NOT_FIGURE_NEXT: &[&str] = &[
    "am", "pm", "a.m", "p.m", "in", "and", "to", "as", "when", "on", "at", "of", "the", "a",
    "after", "before", "that", "with", "for", "by", "was", "is", "were", "said", "from", "would",
    "will", "could", "should", "can", "may", "might", "has", "have", "had", "are", "be", "been",
    "which", "who", "would", "also", "or", "but",
];

/// The byte ranges of figures in paragraph `p`. Years ("in 2016") and days of the month
/// ("October 1") are dates, not figures.
pub fn find(p: &str) -> Vec<Range<usize>> {
    FIGURE
        .find_iter(p)
        .filter(|m| {
            let text = m.as_str();
            let before = p[..m.start()].trim_end();
            let first_number: String = text
                .chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(|c| c.is_ascii_digit())
                .collect();
            let is_year = first_number.len() == 4
                && (first_number.starts_with("19") || first_number.starts_with("20"))
                && !text.contains(['$', '£', '€', '%', ',']);
            let after_month = before
                .rsplit(' ')
                .next()
                .is_some_and(super::dates::is_month);
            let last_word = text.rsplit(' ').next().unwrap_or("");
            let dangling = text.split(' ').count() > 1 && NOT_FIGURE_NEXT.contains(&last_word);
            // "S-400 surface-to-air": a number inside a name is no figure.
            let inside_word = p[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '-');
            !is_year && !after_month && !dangling && !inside_word
        })
        .map(|m| m.range())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(p: &str) -> Vec<&str> {
        find(p).into_iter().map(|r| &p[r]).collect()
    }

    #[test]
    fn money_counts_ranges_and_measures() {
        let p = "Russia delivered five to six units of the S-300 in 2016 in a $800mn deal; the 400km range; more than 180 missiles, hundreds of drones and 12 per cent, on October 1 2024.";
        assert_eq!(
            figures(p),
            vec![
                "five to six units",
                "$800mn",
                "400km",
                "more than 180 missiles",
                "hundreds of drones",
                "12 per cent"
            ]
        );
    }
}
