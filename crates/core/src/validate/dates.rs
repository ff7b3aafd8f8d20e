//! ISO 8601 dates as the model writes them: `2024`, `2024-10`, `2024-10-11`, optionally with a time.

/// Whether `s` is a (possibly partial) ISO 8601 date, optionally followed by `THH:MM[:SS[.f]]` and a zone.
pub fn is_iso_date(s: &str) -> bool {
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let ok_date = match parts.as_slice() {
        [y] => year(y).is_some(),
        [y, m] => year(y).is_some() && month(m).is_some(),
        [y, m, d] => match (year(y), month(m), number(d, 2)) {
            (Some(y), Some(m), Some(d)) => d >= 1 && d <= days_in_month(y, m),
            _ => false,
        },
        _ => false,
    };
    ok_date && time.is_none_or(|t| parts.len() == 3 && is_time(t))
}

/// What is wrong with an item date that may be a range `START/END` (ISO 8601 interval, each
/// half a possibly partial date); `None` when it is fine.
pub(crate) fn date_problem(date: &str) -> Option<String> {
    let Some((start, end)) = date.split_once('/') else {
        return (!is_iso_date(date)).then(|| {
            format!("date {date:?} is not an ISO 8601 date (2024-10-11, 2024-10 or 2024)")
        });
    };
    if !is_iso_date(start) || !is_iso_date(end) {
        return Some(format!(
            "date range {date:?} is not two ISO 8601 dates joined by \"/\" (2024-10-01/2024-10-11)"
        ));
    }
    // Compared by their date parts; a partial END reaches to the end of its month or year.
    let day = |d: &str| d.split_once('T').map_or(d, |(d, _)| d).to_owned();
    (format!("{}~", day(end)) < day(start))
        .then(|| format!("date range {date:?} ends before it starts"))
}

fn number(s: &str, digits: usize) -> Option<u32> {
    (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn year(s: &str) -> Option<u32> {
    number(s, 4)
}

fn month(s: &str) -> Option<u32> {
    number(s, 2).filter(|m| (1..=12).contains(m))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
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
    let parts: Vec<&str> = hms.split(':').collect();
    let hms_ok = match parts.as_slice() {
        [h, m] => hh_mm(&format!("{h}:{m}")) && fraction.is_none(),
        [h, m, s] => hh_mm(&format!("{h}:{m}")) && number(s, 2).is_some_and(|s| s <= 60),
        _ => false,
    };
    zone_ok && fraction_ok && hms_ok
}

fn hh_mm(s: &str) -> bool {
    match s.split_once(':') {
        Some((h, m)) => {
            number(h, 2).is_some_and(|h| h <= 23) && number(m, 2).is_some_and(|m| m <= 59)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_iso_date;

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
    fn ranges_need_two_dates_in_order() {
        use super::date_problem;
        for ok in [
            "2024-10-01/2024-10-11",
            "2024/2025-03",
            "2024-10/2024-10-31",
            "2024-10-11",
        ] {
            assert_eq!(date_problem(ok), None, "{ok}");
        }
        let late = date_problem("2024-10-11/2024-10-01").unwrap_or_default();
        assert!(late.contains("ends before it starts"), "{late}");
        for bad in [
            "2024-10-01/",
            "/2024",
            "2024-10-01/soon",
            "2024-10-01/2024-10-02/2024",
        ] {
            let e = date_problem(bad).unwrap_or_default();
            assert!(e.contains("not two ISO 8601 dates"), "{bad}: {e}");
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
            "2024-04-31",
            "2024-10-1",
            "11/10/2024",
            "October 2024",
            "2024-10-11T25:00",
            "2024-10-11T",
            "2024-10T10:00",
            "2024-10-11 14:30",
            "２０２４",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
