//! What a policy document is, as values every wing shares: its [`Kind`] (privacy policy,
//! terms of service, ...) and its dates ([`PolicyDate`], kept to the precision they were
//! given). The corpus reads them from manifests and file names, the analysis from the text,
//! the index stores them and the command line parses them from flags.

use std::fmt;

/// What kind of document a policy file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A privacy policy, privacy notice or statement.
    PrivacyPolicy,
    /// Terms of service or of use.
    TermsOfService,
    /// A cookie or tracker policy.
    CookiePolicy,
    /// Anything else (community guidelines, ...).
    Other,
}

impl Kind {
    /// Every kind, in the order they are listed.
    pub const ALL: [Kind; 4] = [
        Kind::PrivacyPolicy,
        Kind::TermsOfService,
        Kind::CookiePolicy,
        Kind::Other,
    ];

    /// The kind's name in flags, facets and JSON (`privacy-policy`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::PrivacyPolicy => "privacy-policy",
            Kind::TermsOfService => "terms-of-service",
            Kind::CookiePolicy => "cookie-policy",
            Kind::Other => "other",
        }
    }

    /// The kind a name (file name, title) says, if it says one.
    pub fn from_name(name: &str) -> Option<Kind> {
        let n = name.to_lowercase();
        let has = |w: &str| n.contains(w);
        if (has("cookie") || has("tracker")) && !has("privacy") {
            Some(Kind::CookiePolicy)
        } else if has("privacy") || has("data protection") || has("data policy") {
            Some(Kind::PrivacyPolicy)
        } else if has("terms")
            || has("conditions")
            || has("user agreement")
            || has("eula")
            || n.split(|c: char| !c.is_alphanumeric()).any(|w| w == "tos")
        {
            Some(Kind::TermsOfService)
        } else {
            None
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A kind name that is not one of the four.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown kind '{0}' (known kinds: privacy-policy, terms-of-service, cookie-policy, other)")]
pub struct UnknownKind(pub String);

impl std::str::FromStr for Kind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == wanted || k.name().starts_with(&format!("{wanted}-")))
            .ok_or_else(|| UnknownKind(s.to_owned()))
    }
}

/// A calendar date, possibly known only to the month, possibly with a time of day (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PolicyDate {
    /// The year.
    pub year: i32,
    /// The month, 1-12.
    pub month: u32,
    /// `None` when the source names only a month ("March 2015").
    pub day: Option<u32>,
    /// Hour, minute, second (UTC), when the source gives them (a timestamp).
    pub time: Option<(u32, u32, u32)>,
}

impl PolicyDate {
    /// A date of 1990-2100, `None` when it is no calendar date.
    pub fn new(year: i32, month: u32, day: Option<u32>) -> Option<PolicyDate> {
        let valid = (1990..=2100).contains(&year)
            && (1..=12).contains(&month)
            && day.is_none_or(|d| (1..=days_in_month(year, month)).contains(&d));
        valid.then_some(PolicyDate {
            year,
            month,
            day,
            time: None,
        })
    }

    /// Seconds since the Unix epoch at the start of the date (or of its month).
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day.unwrap_or(1));
        let (h, m, s) = self.time.unwrap_or((0, 0, 0));
        days * 86_400 + i64::from(h * 3600 + m * 60 + s)
    }

    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM` for a month, RFC 3339 when the time is known.
    pub fn iso(&self) -> String {
        match (self.day, self.time) {
            (Some(d), Some((h, m, s))) => format!(
                "{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}Z",
                self.year, self.month, d
            ),
            (Some(d), None) => format!("{:04}-{:02}-{:02}", self.year, self.month, d),
            (None, _) => format!("{:04}-{:02}", self.year, self.month),
        }
    }

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (command-line filters). A bare year or month
    /// means its first day when `end` is false, its last day when `end` is true.
    pub fn parse_bound(s: &str, end: bool) -> Option<PolicyDate> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
        let year = parts.first()?.parse::<i32>().ok()?;
        let (month, day) = match parts.len() {
            1 => (if end { 12 } else { 1 }, None),
            2 | 3 => (
                num(1)?,
                if parts.len() == 3 {
                    Some(num(2)?)
                } else {
                    None
                },
            ),
            _ => return None,
        };
        let day = day.or_else(|| Some(if end { days_in_month(year, month) } else { 1 }));
        let mut date = PolicyDate::new(year, month, day)?;
        if end {
            date.time = Some((23, 59, 59));
        }
        Some(date)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(if m <= 2 { y - 1 } else { y });
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A date as a user types it (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`), standing for the span it
/// names: a filter "since" it starts at the span's first moment, one "until" it ends at its
/// last (`--until 2020-02` takes in the 29th).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateArg {
    text: String,
    first: PolicyDate,
    last: PolicyDate,
}

impl DateArg {
    /// The first moment of the span.
    pub fn first(&self) -> PolicyDate {
        self.first
    }

    /// The last moment of the span.
    pub fn last(&self) -> PolicyDate {
        self.last
    }

    /// The date as typed.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// A date argument that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, thiserror::Error)]
#[error("invalid date '{0}' (use YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct InvalidDate(pub String);

impl std::str::FromStr for DateArg {
    type Err = InvalidDate;

    fn from_str(s: &str) -> Result<Self, InvalidDate> {
        match (
            PolicyDate::parse_bound(s, false),
            PolicyDate::parse_bound(s, true),
        ) {
            (Some(first), Some(last)) => Ok(DateArg {
                text: s.to_owned(),
                first,
                last,
            }),
            _ => Err(InvalidDate(s.to_owned())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names() {
        assert_eq!(
            Kind::from_name("Privacy Policy.md"),
            Some(Kind::PrivacyPolicy)
        );
        assert_eq!(
            Kind::from_name("Terms of Service.md"),
            Some(Kind::TermsOfService)
        );
        assert_eq!(
            Kind::from_name("Trackers Policy.md"),
            Some(Kind::CookiePolicy)
        );
        assert_eq!(Kind::from_name("Community Guidelines.md"), None);
        assert_eq!("terms".parse::<Kind>().unwrap(), Kind::TermsOfService);
        assert!("nope".parse::<Kind>().is_err());
    }

    #[test]
    fn unix_seconds_and_bounds() {
        let date = PolicyDate::new(2020, 7, Some(29)).unwrap();
        assert_eq!(date.unix_seconds(), 1_595_980_800);
        let end = PolicyDate::parse_bound("2020-02", true).unwrap();
        assert_eq!(end.iso(), "2020-02-29T23:59:59Z");
        assert_eq!(
            PolicyDate::parse_bound("2015", false).unwrap().iso(),
            "2015-01-01"
        );
        assert!(PolicyDate::parse_bound("2015-13", false).is_none());
        let month: DateArg = "2020-02".parse().unwrap();
        assert_eq!(month.first().iso(), "2020-02-01");
        assert_eq!(month.last().iso(), "2020-02-29T23:59:59Z");
        assert_eq!(month.as_str(), "2020-02");
        let bad = "2020-13".parse::<DateArg>().unwrap_err();
        assert_eq!(
            bad.to_string(),
            "invalid date '2020-13' (use YYYY, YYYY-MM or YYYY-MM-DD)"
        );
    }
}
