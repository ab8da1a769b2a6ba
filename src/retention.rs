//! Retention periods as data: what a clause says about how long data is kept.
//!
//! A clause can state a duration ("12 months", "one year", "twelve (12) months", "30-day",
//! "90 days after you close your account", "up to seven years"), a criterion ("as long as
//! necessary to provide the service", "until you delete your account") or no limit
//! ("indefinitely", "permanently"). Durations count only in clauses about keeping data (a
//! retention verb such as retain, keep, store, hold, delete after), and not when they measure
//! something else ("within 30 days we will respond", "users under 13", "3 days a week").
//! Durations normalise to days: day 1, week 7, month 30, year 365.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Serialize;

use crate::format::floor_char_boundary;

/// What kind of retention statement a clause makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RetentionKind {
    Stated,
    Criterion,
    Indefinite,
}

impl RetentionKind {
    pub fn name(self) -> &'static str {
        match self {
            RetentionKind::Stated => "stated",
            RetentionKind::Criterion => "criterion",
            RetentionKind::Indefinite => "indefinite",
        }
    }
}

impl std::str::FromStr for RetentionKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "stated" => Ok(RetentionKind::Stated),
            "criterion" => Ok(RetentionKind::Criterion),
            "indefinite" => Ok(RetentionKind::Indefinite),
            other => Err(format!(
                "unknown retention kind '{other}' (use stated, criterion or indefinite)"
            )),
        }
    }
}

/// One retention statement, with its byte range inside the clause text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retention {
    pub text: String,
    /// The period in days, for stated durations.
    pub days: Option<u64>,
    pub kind: RetentionKind,
    pub start: usize,
    pub end: usize,
}

const NUMBER: &str = r"\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|eighteen|twenty|twenty-four|thirty|thirty-six|forty-five|sixty|ninety|a|an";

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<num>{NUMBER})(?:\s*\((?P<paren>\d{{1,4}})\))?(?:\s+|-)(?P<unit>days?|weeks?|months?|years?|calendar\s+(?:days?|months?|years?))(?-u:\b)"
    ))
    .expect("static pattern compiles")
});

/// A word every match of [`DURATION`], [`CRITERION`] or [`INDEFINITE`] contains.
static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "day",
            "week",
            "month",
            "year", // DURATION's units
            "long",
            "until",
            "duration",
            "life",
            "term",
            "while", // CRITERION
            "indefinite",
            "permanent",
            "forever",
            "unlimited",
            "time", // INDEFINITE
        ])
        .expect("static pattern set")
});

static RETENTION_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:retain|retains|retained|retaining|retention|keep|keeps|kept|keeping|store|stores|stored|storing|storage|hold|holds|held|preserve|preserved|archive|archived|maintain|maintained|delete|deletes|deleted|deletion|erase|erased|purge|purged|destroy|destroyed|anonymi[sz]e|anonymi[sz]ed|remove|removed|log files? are|remain on file)(?-u:\b)")
        .expect("static pattern compiles")
});

static CRITERION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:for\s+)?(?:as|so)\s+long\s+as\s+(?:it\s+is\s+|is\s+|they\s+are\s+|we\s+)?(?:reasonably\s+)?(?:necessary|needed|required|relevant|permitted|you|your|the|our)[^.;]{0,60}|until\s+(?:you|your|such\s+time|the\s+(?:end|termination|closure))[^.;]{0,60}|for\s+the\s+(?:duration|life(?:time)?|term)\s+of\s+(?:your|the|our)\s+[a-z]+(?:\s+[a-z]+)?|while\s+your\s+account\s+(?:is|remains)\s+(?:active|open))")
        .expect("static pattern compiles")
});

static INDEFINITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:indefinitely|permanently|forever|for\s+an\s+(?:unlimited|indefinite)\s+(?:period|time)(?:\s+of\s+time)?|without\s+(?:a\s+)?time\s+limit|no\s+(?:set\s+)?time\s+limit)(?-u:\b)")
        .expect("static pattern compiles")
});

fn number_value(word: &str) -> Option<u64> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    Some(match word.to_ascii_lowercase().as_str() {
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
        "eighteen" => 18,
        "twenty" => 20,
        "twenty-four" => 24,
        "thirty" => 30,
        "thirty-six" => 36,
        "forty-five" => 45,
        "sixty" => 60,
        "ninety" => 90,
        _ => return None,
    })
}

fn unit_days(unit: &str) -> u64 {
    let u = unit.to_ascii_lowercase();
    if u.contains("week") {
        7
    } else if u.contains("month") {
        30
    } else if u.contains("year") {
        365
    } else {
        1
    }
}

/// Is the duration at `range` of `text` about something other than keeping data?
fn is_trap(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].to_ascii_lowercase();
    let before = before.trim_end();
    let after = text[end..].to_ascii_lowercase();
    let after = after.trim_start();
    // Ages: "under 13 years", "13 years old", "aged 16 years", "at least 18 years of age".
    let age = [
        "under",
        "over",
        "aged",
        "age of",
        "age",
        "least",
        "older than",
        "younger than",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || after.starts_with("old")
        || after.starts_with("of age");
    // Frequencies: "3 days a week", "twice a month".
    let frequency = [
        "a week",
        "per week",
        "a month",
        "per month",
        "a year",
        "per year",
        "each",
    ]
    .iter()
    .any(|w| after.starts_with(w));
    // Deadlines for doing something else: "within 30 days we will respond".
    let lo = floor_char_boundary(text, start.saturating_sub(60));
    let hi = ceil_char_boundary(text, end + 60);
    let window = &text[lo..hi];
    let window = window.to_ascii_lowercase();
    let deadline = before.ends_with("within")
        && [
            "respond",
            "reply",
            "answer",
            "notify",
            "notice",
            "refund",
            "process your request",
            "comply",
            "acknowledge",
        ]
        .iter()
        .any(|w| window.contains(w));
    let ago = after.starts_with("ago")
        || after.starts_with("prior notice")
        || after.starts_with("notice");
    age || frequency || deadline || ago
}

fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Retention statements of a clause; `about_retention` says the clause was tagged
/// `data-retention`, which lets a duration count without a retention verb nearby.
pub fn extract(text: &str, about_retention: bool) -> Vec<Retention> {
    // Most clauses state no period at all: rule them out with one literal scan before the
    // regexes run. (Only for ASCII text: Unicode case folding lets the regexes match a few
    // non-ASCII letters, such as the Kelvin sign for `k`, that the scan would miss.)
    if text.is_ascii() && !CUES.is_match(text) {
        return Vec::new();
    }
    extract_unfiltered(text, about_retention)
}

/// [`extract`] without the literal pre-scan.
fn extract_unfiltered(text: &str, about_retention: bool) -> Vec<Retention> {
    let has_verb = RETENTION_VERB.is_match(text);
    if !has_verb && !about_retention {
        return Vec::new();
    }
    let mut out = Vec::new();
    for caps in DURATION.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        if is_trap(text, m.start(), m.end()) {
            continue;
        }
        let num = caps
            .name("paren")
            .and_then(|p| number_value(p.as_str()))
            .or_else(|| caps.name("num").and_then(|n| number_value(n.as_str())));
        let unit = caps.name("unit").map_or("", |u| u.as_str());
        let Some(n) = num else { continue };
        out.push(Retention {
            text: m.as_str().to_owned(),
            days: Some(n * unit_days(unit)),
            kind: RetentionKind::Stated,
            start: m.start(),
            end: m.end(),
        });
    }
    for (re, kind) in [
        (&*CRITERION, RetentionKind::Criterion),
        (&*INDEFINITE, RetentionKind::Indefinite),
    ] {
        for m in re.find_iter(text) {
            let span = text[m.start()..m.end()].trim_end_matches([',', ' ']);
            out.push(Retention {
                text: span.to_owned(),
                days: None,
                kind,
                start: m.start(),
                end: m.start() + span.len(),
            });
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// Parse a period such as `30d`, `6w`, `12m`, `1y` (or a bare number of days).
pub fn parse_period(s: &str) -> Option<u64> {
    let s = s.trim().to_ascii_lowercase();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s.as_str(), "d"),
    };
    let n: u64 = num.parse().ok()?;
    let days = match unit.trim() {
        "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        "m" | "month" | "months" => 30,
        "y" | "year" | "years" => 365,
        _ => return None,
    };
    Some(n * days)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The literal pre-scan never hides a statement the regexes would find.
        #[test]
        fn the_pre_scan_loses_nothing(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "we", "retain", "keep", "data", "for", "12", "twelve", "(12)", "months", "30-day",
                "a", "year", "as", "long", "necessary", "until", "you", "delete", "your",
                "account", "the", "duration", "of", "indefinitely", "permanently", "no", "time",
                "limit", "while", "is", "active", "within", "days", "users", "under", "13",
                "week", "logs", "Years", "MONTHS", ".", ",", "so", "life", "term", "open",
            ]), 0..30),
            about in proptest::bool::ANY,
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(extract(&text, about), extract_unfiltered(&text, about));
        }
    }

    fn days(text: &str) -> Vec<u64> {
        extract(text, false).iter().filter_map(|r| r.days).collect()
    }

    #[test]
    fn stated_durations_in_many_phrasings() {
        assert_eq!(days("Logs are held for 12 months."), vec![360]);
        assert_eq!(
            days("We keep game progress for one year after your last login."),
            vec![365]
        );
        assert_eq!(
            days("Purchase history is retained for twelve (12) months."),
            vec![360]
        );
        assert_eq!(days("Backups are stored for a 30-day period."), vec![30]);
        assert_eq!(
            days("We delete your data 90 days after you close your account."),
            vec![90]
        );
        assert_eq!(
            days("Billing records are kept for up to seven years."),
            vec![2555]
        );
        assert_eq!(
            days("Data is stored for the duration of 6 months."),
            vec![180]
        );
        assert_eq!(days("Chat logs are kept for 2 weeks."), vec![14]);
        let r = &extract("IP logs are retained for 12 months.", false)[0];
        assert_eq!(
            (r.text.as_str(), r.kind),
            ("12 months", RetentionKind::Stated)
        );
        assert_eq!(
            &"IP logs are retained for 12 months."[r.start..r.end],
            "12 months"
        );
    }

    #[test]
    fn criteria_and_indefinite() {
        let r = extract(
            "We retain your data as long as necessary to provide the service.",
            false,
        );
        assert_eq!(r[0].kind, RetentionKind::Criterion);
        assert!(r[0].text.starts_with("as long as necessary"));
        let r = extract("Messages are stored until you delete your account.", false);
        assert_eq!(r[0].kind, RetentionKind::Criterion);
        let r = extract("Aggregated statistics may be kept indefinitely.", false);
        assert_eq!(r[0].kind, RetentionKind::Indefinite);
        let r = extract("Your posts are stored permanently.", false);
        assert_eq!(r[0].kind, RetentionKind::Indefinite);
    }

    #[test]
    fn traps_do_not_count() {
        assert!(days("Within 30 days we will respond to your request to delete data.").is_empty());
        assert!(days("We do not store data of users under 13 years.").is_empty());
        assert!(days("You must be 16 years old to store files here.").is_empty());
        assert!(days("Our support desk is open for 3 days a week.").is_empty());
        assert!(
            days("Refunds are possible within 14 days.").is_empty(),
            "no retention verb"
        );
        assert_eq!(
            days("Within 30 days of closure we delete your data."),
            vec![30]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_spans_stay_inside(text in "[a-z0-9 •’é()\\-]{0,200}( kept for 30 days| within 12 months we respond)?[ a-zé•]{0,80}") {
            for r in extract(&text, true) {
                proptest::prop_assert!(r.start < r.end && r.end <= text.len());
                proptest::prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
            }
        }
    }

    #[test]
    fn multibyte_around_a_deadline() {
        let t = "• We retain nothing ’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’’ within 30 days respond ’’’’’’’’’’’’’’’’’’’’’’’’’’";
        assert!(days(t).is_empty());
        let t = "• We will retain any financial transaction information for seven years after the date of those transactions; and";
        assert_eq!(days(t), vec![2555]);
    }

    #[test]
    fn periods() {
        assert_eq!(parse_period("30d"), Some(30));
        assert_eq!(parse_period("1y"), Some(365));
        assert_eq!(parse_period("6m"), Some(180));
        assert_eq!(parse_period("2w"), Some(14));
        assert_eq!(parse_period("45"), Some(45));
        assert_eq!(parse_period("soon"), None);
    }
}
