//! Dates, in the one place the program parses them or does calendar arithmetic: the ISO
//! 8601 dates the model writes (`2024`, `2024-10`, `2024-10-11`, optionally with a time),
//! the same dates in words for a reader ("11 October 2024"), and the UTC clock that dates
//! exports and PDF files.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A calendar date as precise as the data gives it: a year, a month of a year, or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: u16,
    month: Option<u8>,
    /// Only ever set together with `month`.
    day: Option<u8>,
}

impl IsoDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` naming a real day (no 31 April, and 29
    /// February only in leap years); anything else, a time included, is `None`.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let mut parts = text.split('-');
        // Four digits fit a u16, and the ranges checked below fit a u8.
        let year = digits(parts.next()?, 4)? as u16;
        let month = match parts.next() {
            None => None,
            Some(m) => Some(digits(m, 2).filter(|m| (1..=12).contains(m))? as u8),
        };
        let day = match (parts.next(), month) {
            (None, _) => None,
            (Some(d), Some(m)) => {
                Some(digits(d, 2).filter(|d| (1..=days_in_month(year, m)).contains(d))? as u8)
            }
            (Some(_), None) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(IsoDate { year, month, day })
    }

    /// The year, e.g. 2024.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12, when the date names one.
    pub fn month(self) -> Option<u8> {
        self.month
    }

    /// The day of the month, when the date names one.
    pub fn day(self) -> Option<u8> {
        self.day
    }

    /// The date as a reader reads it: "11 October 2024", "October 2024" or "2024".
    pub fn long(self) -> String {
        let year = self.year;
        let Some(month) = self.month else {
            return format!("{year:04}");
        };
        let name = MONTHS[usize::from(month - 1)];
        match self.day {
            Some(day) => format!("{day} {name} {year:04}"),
            None => format!("{name} {year:04}"),
        }
    }
}

/// Whether `text` is a (possibly partial) ISO 8601 date; a full date may be followed by a
/// time `THH:MM[:SS[.f]]` and a zone (`Z` or `±HH:MM`).
pub fn is_iso_date(text: &str) -> bool {
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    match (IsoDate::parse(date), time) {
        (Some(_), None) => true,
        (Some(d), Some(t)) => d.day.is_some() && is_time(t),
        (None, _) => false,
    }
}

/// `2024-10-11` → "11 October 2024", `2024-10` → "October 2024", `2024` → "2024"; a time
/// after the date is left out. Anything that is not such a date (free text such as
/// "autumn 2024", a range) is returned as written, trimmed.
pub fn long_date(text: &str) -> String {
    let text = text.trim();
    let date = text.split_once('T').map_or(text, |(d, _)| d);
    IsoDate::parse(date).map_or_else(|| text.to_owned(), IsoDate::long)
}

/// A moment in UTC to the second, split into calendar fields (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
}

impl Timestamp {
    /// The current time (the Unix epoch if the system clock is set before it).
    pub fn now() -> Self {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
        Self::from_unix(secs)
    }

    /// The moment `secs` seconds after 1970-01-01T00:00:00Z (before it when negative).
    pub fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let in_day = secs.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // Each field is bounded by its modulus, so the narrowing casts are exact.
        Timestamp {
            year,
            month,
            day,
            hour: (in_day / 3600) as u8,
            minute: (in_day % 3600 / 60) as u8,
            second: (in_day % 60) as u8,
        }
    }

    /// Midnight UTC at the start of `date` (of its first month or day where it names none):
    /// the moment a document dated by its author is stamped with, for reproducible files.
    pub fn start_of(date: IsoDate) -> Self {
        Timestamp {
            year: i64::from(date.year),
            month: date.month.unwrap_or(1),
            day: date.day.unwrap_or(1),
            hour: 0,
            minute: 0,
            second: 0,
        }
    }

    /// The year.
    pub fn year(self) -> i64 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The hour, 0–23.
    pub fn hour(self) -> u8 {
        self.hour
    }

    /// The minute, 0–59.
    pub fn minute(self) -> u8 {
        self.minute
    }

    /// The second, 0–59.
    pub fn second(self) -> u8 {
        self.second
    }

    /// The day alone, ISO 8601: `2026-11-25`.
    pub fn date_iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Timestamp {
    /// ISO 8601 in UTC: `2026-11-25T06:20:58Z`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date_iso(),
            self.hour,
            self.minute,
            self.second
        )
    }
}

/// Year, month and day of the day `days` after 1970-01-01: Howard Hinnant's
/// civil-from-days, which counts in 400-year eras starting on 1 March so leap days fall
/// at the end of each era's year.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Bounded: day 1–31, month 1–12.
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_in_month(year: u16, month: u8) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `s` as a number of exactly `len` ASCII digits.
fn digits(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`, then nothing, `Z`, or `±HH:MM`.
fn is_time(t: &str) -> bool {
    let (clock, zone) = match t.find(['Z', '+', '-']) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    let zone_ok = match zone {
        "" | "Z" => true,
        z => hh_mm(&z[1..]),
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let hms_ok = match hms.rsplit_once(':') {
        Some((hm, s)) if hm.contains(':') => hh_mm(hm) && digits(s, 2).is_some_and(|s| s <= 60),
        _ => hh_mm(hms) && fraction.is_none(),
    };
    zone_ok && fraction_ok && hms_ok
}

fn hh_mm(s: &str) -> bool {
    match s.split_once(':') {
        Some((h, m)) => {
            digits(h, 2).is_some_and(|h| h <= 23) && digits(m, 2).is_some_and(|m| m <= 59)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_full_and_partial_dates_and_times() {
        for ok in [
            "2024",
            "2024-10",
            "2024-10-11",
            "2024-02-29",
            "2000-02-29",
            "2024-10-11T14:30",
            "2024-10-11T14:30:05Z",
            "2024-10-11T14:30:05.25+03:30",
            "2024-10-11T09:00-05:00",
        ] {
            assert!(is_iso_date(ok), "{ok}");
        }
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "24",
            "2024-13",
            "2024-00",
            "2023-02-29",
            "1900-02-29",
            "2100-02-29",
            "2024-04-31",
            "2024-10-1",
            "2024-10-11-",
            "11/10/2024",
            "October 2024",
            "2024-10-11T25:00",
            "2024-10-11T14:30:05:01",
            "2024-10-11T",
            "2024-10T10:00",
            "2024-10-11 14:30",
            "２０２４",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn iso_dates_read_as_words() {
        assert_eq!(long_date("2024-10-11"), "11 October 2024");
        assert_eq!(long_date(" 2024-10-01T09:00Z "), "1 October 2024");
        assert_eq!(long_date("2024-10"), "October 2024");
        assert_eq!(long_date("2024"), "2024");
        assert_eq!(long_date("2000-02-29"), "29 February 2000");
        assert_eq!(long_date("autumn 2024"), "autumn 2024");
        assert_eq!(long_date("2024-13-01"), "2024-13-01");
        assert_eq!(long_date("2023-02-29"), "2023-02-29");
        assert_eq!(long_date("2024-10-01/2024-10-11"), "2024-10-01/2024-10-11");
        assert_eq!(long_date(""), "");
    }

    #[test]
    fn partial_dates_keep_their_precision() {
        let month = IsoDate::parse("2024-10").expect("a month");
        assert_eq!(
            (month.year(), month.month(), month.day()),
            (2024, Some(10), None)
        );
        let day = IsoDate::parse("2024-10-11").expect("a day");
        assert_eq!(day.day(), Some(11));
        assert!(month < day, "a month sorts before its days");
    }

    #[test]
    fn unix_times_become_calendar_dates() {
        for (secs, iso) in [
            (0, "1970-01-01T00:00:00Z"),
            (-86_400, "1969-12-31T00:00:00Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (1_709_164_800, "2024-02-29T00:00:00Z"),
            // The Putin–Pezeshkian meeting in the bundled sample.
            (1_728_604_800, "2024-10-11T00:00:00Z"),
            (1_795_587_658, "2026-11-25T06:20:58Z"),
            // 2100 is not a leap year: 28 February is followed by 1 March.
            (4_107_542_400 - 1, "2100-02-28T23:59:59Z"),
            (4_107_542_400, "2100-03-01T00:00:00Z"),
            (-62_135_596_800, "0001-01-01T00:00:00Z"),
            (253_402_300_799, "9999-12-31T23:59:59Z"),
        ] {
            assert_eq!(Timestamp::from_unix(secs).to_string(), iso, "{secs}");
        }
        assert_eq!(Timestamp::from_unix(1_795_587_658).date_iso(), "2026-11-25");
    }

    #[test]
    fn a_date_starts_at_midnight_utc() {
        let start = |d| Timestamp::start_of(IsoDate::parse(d).unwrap()).to_string();
        assert_eq!(start("2024-10-11"), "2024-10-11T00:00:00Z");
        assert_eq!(start("2024-10"), "2024-10-01T00:00:00Z");
        assert_eq!(start("2024"), "2024-01-01T00:00:00Z");
        assert_eq!(
            Timestamp::start_of(IsoDate::parse("2024-10-11").unwrap()),
            Timestamp::from_unix(1_728_604_800)
        );
    }

    #[test]
    fn now_is_a_valid_date_after_this_code_was_written() {
        let now = Timestamp::now();
        assert!(now.year() >= 2026);
        assert!(is_iso_date(&now.date_iso()));
        assert!(is_iso_date(&now.to_string()));
    }
}
