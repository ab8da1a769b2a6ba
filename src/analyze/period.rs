//! Periods as values: durations in days however they are written ("12 months", "one year",
//! "48 hours"), the periods a query names, and periods as users type them in flags (`30d`,
//! `12m`, `1y`). Durations normalise to days: hour 1/24 (rounded up), day 1, week 7, month
//! 365/12, year 365, so 12 months is a year and 30 days satisfy `--retention-max 1m`.

/// A count as digits or English words up to ninety-nine ("forty", "twenty-five", "a").
pub(crate) fn number_value(word: &str) -> Option<u64> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    let word = word.to_ascii_lowercase();
    let small = |w: &str| -> Option<u64> {
        Some(match w {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            _ => return None,
        })
    };
    match word.split_once(['-', ' ']) {
        Some((tens, units)) => Some(small(tens)? + small(units.trim())?),
        None => small(&word),
    }
}

/// Days in `n` of `unit`: a minute is 1/1440 of a day and an hour 1/24 (a part of a day
/// counts as one), a week 7, a month 365/12 (rounded), a year 365, so 12 months is one year.
pub fn days_of(n: u64, unit: &str) -> u64 {
    let u = unit.to_ascii_lowercase();
    if u.contains("minute") {
        n.div_ceil(24 * 60)
    } else if u.contains("hour") {
        n.div_ceil(24)
    } else if u.contains("week") {
        n * 7
    } else if u.contains("month") {
        (n * 365 + 6) / 12
    } else if u.contains("year") {
        n * 365
    } else {
        n
    }
}

/// The periods a query names ("12 months", "one year", "365 days", "a 12-month period",
/// "48 hours"), in days, each once: what lets a query find a clause stating the same period
/// in other words.
pub fn periods_in(query: &str) -> Vec<u64> {
    let words: Vec<&str> = query
        .split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let unit = pair[1].to_ascii_lowercase();
        let unit = match unit.as_str() {
            "minute" | "minutes" => "minute",
            "hour" | "hours" => "hour",
            "day" | "days" => "day",
            "week" | "weeks" => "week",
            "month" | "months" => "month",
            "year" | "years" => "year",
            _ => continue,
        };
        // "15.47 days" is no number of days polsearch states.
        let Some(n) = number_value(pair[0]).filter(|n| (1..=1000).contains(n)) else {
            continue;
        };
        let days = days_of(n, unit);
        if !out.contains(&days) {
            out.push(days);
        }
    }
    out
}

/// A retention period as a user types it (`48h`, `30d`, `6w`, `12m`, `1y`, or a number of
/// days), in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period(pub u64);

/// A period argument that [`parse_period`] does not read.
#[derive(Debug, thiserror::Error)]
#[error("invalid period '{0}' (use e.g. 48h, 30d, 6w, 12m, 1y)")]
pub struct InvalidPeriod(pub String);

impl std::str::FromStr for Period {
    type Err = InvalidPeriod;

    fn from_str(s: &str) -> Result<Self, InvalidPeriod> {
        parse_period(s)
            .map(Period)
            .ok_or_else(|| InvalidPeriod(s.to_owned()))
    }
}

/// Parse a period such as `30d`, `6w`, `12m`, `1y` (or a bare number of days).
pub fn parse_period(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s.as_str(), "d"),
    };
    let n: u64 = num.parse().ok()?;
    let unit = match unit.trim() {
        "h" | "hour" | "hours" => "hour",
        "d" | "day" | "days" => "day",
        "w" | "week" | "weeks" => "week",
        "m" | "month" | "months" => "month",
        "y" | "year" | "years" => "year",
        _ => return None,
    };
    Some(days_of(n, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_named_in_queries() {
        assert_eq!(periods_in("retention 12 months"), [365]);
        assert_eq!(periods_in("kept for one year"), [365]);
        assert_eq!(periods_in("1 year or 365 days"), [365]);
        assert_eq!(periods_in("a 12-month period, 48 hours"), [365, 2]);
        assert_eq!(periods_in("thirty days"), [30]);
        assert_eq!(periods_in("30 minutes or 2 hours"), [1]);
        assert!(periods_in("retention months").is_empty());
        assert!(periods_in("15.47 days").is_empty());
        assert!(periods_in("").is_empty());
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("30d"), Some(30));
        assert_eq!(parse_period("1y"), Some(365));
        assert_eq!(parse_period("6m"), Some(183));
        assert_eq!(parse_period("12m"), parse_period("1y"));
        assert_eq!(parse_period("1m"), Some(30));
        assert_eq!(parse_period("48h"), Some(2));
        assert_eq!(parse_period("2w"), Some(14));
        assert_eq!(parse_period("45"), Some(45));
        assert_eq!(parse_period("soon"), None);
    }
}
