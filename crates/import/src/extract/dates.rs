//! Dates in the text, absolute ("11 October 2024", "October 1") and relative ("on
//! Tuesday", "last month"), resolved against the article's publication date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

const MONTHS: &str = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?-u:\b)(?P<iso>(?:19|20)\d{{2}}-[01]\d-[0-3]\d)(?-u:\b)
      | (?-u:\b)(?P<dmy_d>[0-3]?\d)(?:st|nd|rd|th)?\s(?P<dmy_m>{MONTHS})(?:,?\s(?P<dmy_y>(?:19|20)\d{{2}}))?(?-u:\b)
      | (?-u:\b)(?P<mdy_m>{MONTHS})\s(?P<mdy_d>[0-3]?\d)(?:st|nd|rd|th)?(?-u:\b)(?:,?\s(?P<mdy_y>(?:19|20)\d{{2}})(?-u:\b))?
      | (?-u:\b)(?P<my_m>{MONTHS})\s(?P<my_y>(?:19|20)\d{{2}})(?-u:\b)
      | (?-u:\b)(?P<rel_m>(?:in|last|next|this|early|late|mid-?|since|until|by)\s(?:{MONTHS}))(?-u:\b)
      | (?-u:\b)(?P<wd>(?:on|last|next|this|since|by|until)\s(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))(?-u:\b)
      | (?-u:\b)(?P<rel>today|yesterday|tomorrow|tonight
            |(?:last|this|next|earlier\sthis|later\sthis)\s(?:week|month|year)
            |(?:a|one|two|three|four|five|six|\d+)\s(?:days?|weeks?|months?|years?)\sago)(?-u:\b)
      | (?-u:\b)(?P<year>(?:19|20)\d{{2}})(?-u:\b)
    "
    );
    crate::pattern(&pattern)
});

/// A date expression in a paragraph and its resolved ISO 8601 value (`None` when it is
/// relative and there is no article date to resolve it against).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMatch {
    pub span: Range<usize>,
    pub value: Option<String>,
}

/// The date expressions of paragraph `p`. `article` is the publication date.
pub fn find(p: &str, article: Option<NaiveDate>) -> Vec<DateMatch> {
    DATE.captures_iter(p)
        .filter_map(|c| {
            let m = c.get(0)?;
            let value = resolve(&c, article);
            // A bare number like 2016 that is money or a count ("$2016") is no year.
            if c.name("year").is_some() && p[..m.start()].ends_with(['$', '£', '€']) {
                return None;
            }
            Some(DateMatch {
                span: m.range(),
                value,
            })
        })
        .collect()
}

fn resolve(c: &regex::Captures<'_>, article: Option<NaiveDate>) -> Option<String> {
    let text = |n: &str| c.name(n).map(|m| m.as_str());
    if let Some(iso) = text("iso") {
        return NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .ok()
            .map(|d| d.to_string());
    }
    let day_month_year = |d: &str, m: &str, y: Option<&str>| {
        let day: u32 = d.parse().ok()?;
        let month = month_number(m)?;
        let year = match y {
            Some(y) => y.parse().ok()?,
            None => infer_year(article?, month, day)?,
        };
        NaiveDate::from_ymd_opt(year, month, day).map(|d| d.to_string())
    };
    if let (Some(d), Some(m)) = (text("dmy_d"), text("dmy_m")) {
        return day_month_year(d, m, text("dmy_y"));
    }
    if let (Some(m), Some(d)) = (text("mdy_m"), text("mdy_d")) {
        return day_month_year(d, m, text("mdy_y"));
    }
    if let (Some(m), Some(y)) = (text("my_m"), text("my_y")) {
        return Some(format!("{y}-{:02}", month_number(m)?));
    }
    if let Some(rel) = text("rel_m") {
        let (word, m) = rel.split_once([' ', '-']).unwrap_or(("in", rel));
        let month = month_number(m.trim_start_matches('-'))?;
        let article = article?;
        let year = match word {
            "next" => article.year() + i32::from(month <= article.month()),
            "this" => article.year(),
            "until" | "by" => article.year() + i32::from(month < article.month()),
            _ => article.year() - i32::from(month > article.month()),
        };
        return Some(format!("{year}-{month:02}"));
    }
    if let Some(wd) = text("wd") {
        let (word, day) = wd.split_once(' ')?;
        let weekday: Weekday = day.parse().ok()?;
        let article = article?;
        let back =
            (7 + article.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let date = match word {
            "next" => article.checked_add_days(Days::new(u64::from((7 - back) % 7).max(1)))?,
            "last" => {
                article.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))?
            }
            // News is written in the past tense: "on Friday" is the latest Friday.
            _ => article.checked_sub_days(Days::new(u64::from(back)))?,
        };
        return Some(date.to_string());
    }
    if let Some(rel) = text("rel") {
        return relative(&rel.to_lowercase(), article?);
    }
    text("year").map(str::to_owned)
}

/// "last month" → the month before the article's; weeks resolve to their month, the
/// precision analysts record for them.
fn relative(rel: &str, article: NaiveDate) -> Option<String> {
    let month = |d: NaiveDate| format!("{}-{:02}", d.year(), d.month());
    let day = |d: NaiveDate| d.to_string();
    Some(match rel {
        "today" | "tonight" => day(article),
        "yesterday" => day(article.pred_opt()?),
        "tomorrow" => day(article.succ_opt()?),
        "this week" | "earlier this week" | "later this week" => month(article),
        "last week" => month(article.checked_sub_days(Days::new(7))?),
        "next week" => month(article.checked_add_days(Days::new(7))?),
        "this month" | "earlier this month" | "later this month" => month(article),
        "last month" => month(article.checked_sub_months(Months::new(1))?),
        "next month" => month(article.checked_add_months(Months::new(1))?),
        "this year" | "earlier this year" | "later this year" => article.year().to_string(),
        "last year" => (article.year() - 1).to_string(),
        "next year" => (article.year() + 1).to_string(),
        ago => {
            let mut parts = ago.split(' ');
            let n = match parts.next()? {
                "a" | "one" => 1,
                "two" => 2,
                "three" => 3,
                "four" => 4,
                "five" => 5,
                "six" => 6,
                digits => digits.parse().ok()?,
            };
            let unit = parts.next()?;
            if unit.starts_with("day") {
                day(article.checked_sub_days(Days::new(n))?)
            } else if unit.starts_with("week") {
                day(article.checked_sub_days(Days::new(n.checked_mul(7)?))?)
            } else if unit.starts_with("month") {
                month(article.checked_sub_months(Months::new(u32::try_from(n).ok()?))?)
            } else {
                article
                    .year()
                    .checked_sub(i32::try_from(n).ok()?)
                    .filter(|y| *y >= 0)?
                    .to_string()
            }
        }
    })
}

/// The year of a day and month written without one: the article's year, or the one
/// before when that would put it more than a month after the article.
fn infer_year(article: NaiveDate, month: u32, day: u32) -> Option<i32> {
    let same = NaiveDate::from_ymd_opt(article.year(), month, day)?;
    Some(if same > article.checked_add_months(Months::new(1))? {
        article.year() - 1
    } else {
        article.year()
    })
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name.trim_end_matches('.').chars().take(3).collect();
    let n = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| *m == key)?;
    u32::try_from(n + 1).ok()
}

/// Whether a word names a month ("October", "Oct.").
pub fn is_month(word: &str) -> bool {
    word.len() >= 3
        && month_number(word).is_some()
        && word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(p: &str) -> Vec<(String, Option<String>)> {
        let article = NaiveDate::from_ymd_opt(2024, 10, 11);
        find(p, article)
            .into_iter()
            .map(|m| (p[m.span].to_owned(), m.value))
            .collect()
    }

    #[test]
    fn resolves_against_the_article_date() {
        let v = values(
            "Putin met him on Friday after the attack on October 1, last month and in July, since 2022.",
        );
        let want = [
            ("on Friday", "2024-10-11"),
            ("October 1", "2024-10-01"),
            ("last month", "2024-09"),
            ("in July", "2024-07"),
            ("2022", "2022"),
        ];
        assert_eq!(v.len(), want.len(), "{v:?}");
        for ((text, value), (t, w)) in v.iter().zip(want) {
            assert_eq!((text.as_str(), value.as_deref()), (t, Some(w)));
        }
        assert_eq!(values("on Tuesday")[0].1.as_deref(), Some("2024-10-08"));
        assert_eq!(
            values("11 October 2024")[0].1.as_deref(),
            Some("2024-10-11")
        );
        assert_eq!(values("three days ago")[0].1.as_deref(), Some("2024-10-08"));
        assert_eq!(values("99999999999999999 weeks ago")[0].1, None);
        assert_eq!(values("2147483647 years ago")[0].1, None);
        assert!(find("on Friday", None)[0].value.is_none());
    }
}
