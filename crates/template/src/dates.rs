//! Dates as a reader reads them: ISO 8601 in the data, "11 October 2024" in the brief.

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

/// `2024-10-11` → "11 October 2024", `2024-10` → "October 2024", `2024` → "2024".
/// Anything else (a time, free text) is returned as written.
pub fn long_date(iso: &str) -> String {
    let iso = iso.trim();
    let date = iso.split('T').next().unwrap_or(iso);
    let parts: Vec<&str> = date.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let month = |s: &str| {
        number(s, 2)
            .filter(|m| (1..=12).contains(m))
            .map(|m| MONTHS[m as usize - 1])
    };
    match parts.as_slice() {
        [y] if number(y, 4).is_some() => (*y).to_owned(),
        [y, m] if number(y, 4).is_some() => match month(m) {
            Some(name) => format!("{name} {y}"),
            None => iso.to_owned(),
        },
        [y, m, d] if number(y, 4).is_some() => {
            match (month(m), number(d, 2).filter(|d| (1..=31).contains(d))) {
                (Some(name), Some(day)) => format!("{day} {name} {y}"),
                _ => iso.to_owned(),
            }
        }
        _ => iso.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::long_date;

    #[test]
    fn iso_dates_read_as_words() {
        assert_eq!(long_date("2024-10-11"), "11 October 2024");
        assert_eq!(long_date("2024-10-01T09:00Z"), "1 October 2024");
        assert_eq!(long_date("2024-10"), "October 2024");
        assert_eq!(long_date("2024"), "2024");
        assert_eq!(long_date("autumn 2024"), "autumn 2024");
        assert_eq!(long_date("2024-13-01"), "2024-13-01");
        assert_eq!(long_date(""), "");
    }
}
