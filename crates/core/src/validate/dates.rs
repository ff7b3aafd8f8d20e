//! Item dates as the validator checks them: one ISO 8601 date, or a range `START/END`.
//! Parsing a date itself is [`crate::date`]'s job.

use crate::date::is_iso_date;

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

#[cfg(test)]
mod tests {
    use super::date_problem;

    #[test]
    fn ranges_need_two_dates_in_order() {
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
}
