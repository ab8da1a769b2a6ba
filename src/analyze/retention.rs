//! Retention periods as data: what a clause says about how long data is kept.
//!
//! A clause can state a duration ("12 months", "one year", "twelve (12) months", "30-day",
//! "90 days after you close your account", "up to seven years"), a criterion ("as long as
//! necessary to provide the service", "until you delete your account") or no limit
//! ("indefinitely", "permanently"). Durations and criteria count only near a retention verb
//! (retain, keep, store, hold, save, delete, erase, anonymise ...) in their sentence, up to
//! 30 words before or 10 after, or in a table cell or a short clause about retention; and
//! not when they measure something else: deadlines ("tell us within 120 days", "within 30
//! days we will respond"), notice periods ("20 days' notice"), ages ("users under 13"),
//! frequencies ("3 days a week", "24 hours a day"), look-backs ("in the past 12 months"),
//! prices ("one month is 5 EUR"), warranties, history ("for over 130 years"), decimals
//! ("15.47 days"), and rules that close only an inactive account. "Permanently delete" and
//! negated statements ("we do not keep it indefinitely") are no indefinite retention. Cookie and local-storage lifetimes
//! ("this cookie expires after 2 years") are their own kind, `cookie`, so an analyst can keep
//! them apart from data retention.
//!
//! Durations normalise to days ([`crate::analyze::period`]), so 12 months is a year and a
//! `--retention-min 1y` agrees with what clauses state.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use crate::analyze::period::{days_of, number_value};
use crate::text::{floor_char_boundary, Span};

/// What kind of retention statement a clause makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RetentionKind {
    /// A period ("for 12 months").
    Stated,
    /// A criterion instead of a period ("as long as your account is open").
    Criterion,
    /// No end ("indefinitely").
    Indefinite,
    /// A cookie's or local storage's lifetime, stated or unlimited.
    Cookie,
}

impl RetentionKind {
    /// The kinds that are about keeping data (all but cookie lifetimes).
    pub const DATA: [RetentionKind; 3] = [
        RetentionKind::Stated,
        RetentionKind::Criterion,
        RetentionKind::Indefinite,
    ];

    /// The kind's name in flags, facets and JSON.
    pub fn name(self) -> &'static str {
        match self {
            RetentionKind::Stated => "stated",
            RetentionKind::Criterion => "criterion",
            RetentionKind::Indefinite => "indefinite",
            RetentionKind::Cookie => "cookie",
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
            "cookie" => Ok(RetentionKind::Cookie),
            other => Err(format!(
                "unknown retention kind '{other}' (use stated, criterion, indefinite or cookie)"
            )),
        }
    }
}

/// One retention statement, with its byte range inside the clause text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retention {
    /// The words that state it.
    pub text: String,
    /// The period in days, for stated durations.
    pub days: Option<u64>,
    /// What kind of statement it is.
    pub kind: RetentionKind,
    /// Where it is in the clause text (in a hit: in the file).
    pub span: Span,
}

/// Numbers as digits or English words up to ninety-nine ("forty", "twenty-five", "a").
const NUMBER: &str = r"\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a|an";

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<num>{NUMBER})(?:\s*\((?P<paren>\d{{1,4}})\))?(?:\s+|-)(?P<unit>hours?|days?|weeks?|months?|years?|calendar\s+(?:days?|months?|years?))(?-u:\b)"
    ))
    .expect("static pattern compiles")
});

/// A word every match of [`DURATION`], [`CRITERION`] or [`INDEFINITE`] contains.
static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([
            "hour",
            "day",
            "week",
            "month",
            "year", // DURATION's units
            "long",
            "until",
            "duration",
            "life",
            "term",
            "while",
            "unless", // CRITERION
            "indefinite",
            "permanent",
            "forever",
            "unlimited",
            "time", // INDEFINITE
        ])
        .expect("static pattern set")
});

static RETENTION_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:retain|retains|retained|retaining|retention|keep|keeps|kept|keeping|store|stores|stored|storing|storage|hold|holds|held|preserve|preserved|archive|archived|maintain|maintained|delete|deletes|deleted|deletion|deletions|erase|erased|erasure|save|saves|saved|purge|purged|destroy|destroyed|anonymi[sz]e|anonymi[sz]ed|remove|removed|log files? are|remain on file)(?-u:\b)")
        .expect("static pattern compiles")
});

static CRITERION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:for\s+)?(?:as|so)\s+long\s+as\s+[^.;]{1,60}|until\s+(?:you|your|such\s+time|the\s+(?:end|termination|closure))[^.;]{0,60}|for\s+the\s+(?:duration|life(?:time)?|term)\s+of\s+(?:your|the|our)\s+[a-z]+(?:\s+[a-z]+)?|while\s+your\s+account\s+(?:is|remains)\s+(?:active|open)|unless\s+you\s+(?:close|delete|deactivate|cancel|terminate)\s+your\s+(?:account|profile|subscription))")
        .expect("static pattern compiles")
});

/// Words around "permanently" that make it an act of deletion, not a period of keeping.
static DELETION_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:delet|remov|eras|destroy|purg|suspend|ban|block|anonymi[sz]|de-?identif|deactivat|clos|terminat|disabl|los[et]|cancel|revok|withdraw|expung|wip|shred|dispos|unsubscrib|opt|bar)")
        .expect("static pattern compiles")
});

/// A negation word before a statement ("we do not store it indefinitely").
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    // Matched against single words: "don't" splits into "don" and "t".
    Regex::new(
        r"(?i)^(?:not|never|no|nor|without|cannot|don|doesn|didn|won|isn|aren|wouldn|shouldn)$",
    )
    .expect("static pattern compiles")
});

/// A cookie or local-storage lifetime rather than data retention.
static COOKIE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:cookies?|local\s*storage|session\s*storage|pixel|web\s+beacons?|_ga|_gid)(?-u:\b)")
        .expect("static pattern compiles")
});

static COOKIE_LIFETIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:expir\w*|lifetime|lifespan|life\s+span|persist\w*|valid|duration|remains?|stays?|stored\s+on\s+your|session)(?-u:\b)")
        .expect("static pattern compiles")
});

static INDEFINITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:indefinitely|permanently|forever|for\s+an\s+(?:unlimited|indefinite)\s+(?:period|time)(?:\s+of\s+time)?|without\s+(?:a\s+)?time\s+limit|no\s+(?:set\s+)?time\s+limit)(?-u:\b)")
        .expect("static pattern compiles")
});

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
    let frequency = ["hours", "times", "once", "twice", "minutes", "days"]
        .iter()
        .any(|w| before.ends_with(w))
        || [
            "a day",
            "per day",
            "an hour",
            "per hour",
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
    let within = ["within", "within a", "within the"]
        .iter()
        .any(|w| before.ends_with(w));
    let deadline = within && {
        // What happens within the period, when it is keeping or deleting ("we delete your
        // data within 30 days", "within 30 days of closure we delete your data"; "hold a
        // conference within 60 days" keeps nothing).
        let is_verb = |w: &str| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            RETENTION_VERB.is_match(w) && !matches!(w, "hold" | "holds" | "held")
        };
        let verb_before = before
            .split_whitespace()
            .rev()
            .skip(1)
            .take(12)
            .any(is_verb);
        let verb_after = after.split_whitespace().take(8).any(is_verb);
        [
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
        .any(|w| window.contains(w))
            || (window.contains("request") && !verb_before)
            // "tell us within 120 days", "must be returned within 30 days".
            || !(verb_before || verb_after)
    };
    // Notice periods: "20 days' notice", "30 days prior written notice".
    let after_quote = after
        .trim_start_matches(['\'', '\u{2019}', 's'])
        .trim_start();
    let notice = [
        "notice",
        "prior notice",
        "prior written notice",
        "written notice",
        "advance notice",
        "in advance",
        "before",
    ]
    .iter()
    .any(|w| after_quote.starts_with(w));
    let ago = after.starts_with("ago");
    // Prices and plans: "one month is equal to 5 EUR", "a 12-month subscription".
    let near_after = &after[..floor_char_boundary(after, 30)];
    let near_before = &before[floor_char_boundary(before, before.len().saturating_sub(20))..];
    let price = ["€", "$", "£", " eur", " usd", " gbp"]
        .iter()
        .any(|w| near_after.contains(w) || near_before.contains(w))
        || [
            "subscription",
            "of subscription",
            "plan",
            "trial",
            "membership",
        ]
        .iter()
        .any(|w| after.starts_with(w));
    let warranty = window.contains("warrant") || window.contains("guarantee");
    // History and anniversaries: "for over 130 years", "10 years of experience".
    // Look-backs: "in the past 12 months", "the preceding 12 months" (what was collected,
    // or a liability cap), not how long anything is kept.
    let last_word = before.split_whitespace().next_back().unwrap_or("");
    let lookback = ["past", "preceding", "previous", "prior", "last"].contains(&last_word);
    let history = lookback
        || after.starts_with("of experience")
        || after.starts_with("of history")
        || before.ends_with("for over")
        || before.ends_with("more than a");
    age || frequency || deadline || notice || ago || price || warranty || history
}

/// Is the number at `start` the fraction of a decimal ("15.47 days" is no 47 days)?
fn is_decimal_part(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    start >= 2 && matches!(b[start - 1], b'.' | b',') && b[start - 2].is_ascii_digit()
}

/// Does an inactivity rule close only the account, or take back coins or credits ("if you do
/// not log in for 2 years, we may delete your account"), rather than delete data?
fn closes_only_an_account(text: &str) -> bool {
    let t = text.to_ascii_lowercase();
    let inactive = [
        "inactiv",
        "not log",
        "not used",
        "not been active",
        "not active",
        "not sign",
    ]
    .iter()
    .any(|w| t.contains(w));
    let account = [
        "account",
        "wallet",
        "coins",
        "credits",
        "balance",
        "subscription",
    ]
    .iter()
    .any(|w| t.contains(w));
    let data = [
        "data",
        "information",
        "content",
        "records",
        "logs",
        "messages",
    ]
    .iter()
    .any(|w| t.contains(w));
    inactive && account && !data
}

/// Is the indefinite match at `start..end` an act of deletion ("permanently delete",
/// "deleted permanently", "permanently and securely erase"), a choice between temporarily
/// and permanently (of a suspension, say), or negated ("we do not keep it indefinitely")?
fn indefinite_is_not_retention(text: &str, start: usize, end: usize) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let after = words(&text[end..ceil_char_boundary(text, end + 40)]);
    let before = words(&text[floor_char_boundary(text, start.saturating_sub(40))..start]);
    // "stored permanently unless you remove them": a condition after is no deletion.
    let deletes = after
        .iter()
        .take(3)
        .take_while(|w| {
            !matches!(
                w.to_ascii_lowercase().as_str(),
                "unless" | "until" | "if" | "when" | "once" | "but"
            )
        })
        .any(|w| DELETION_WORD.is_match(w))
        || before
            .iter()
            .rev()
            .take(3)
            .any(|w| DELETION_WORD.is_match(w));
    let lo = floor_char_boundary(text, start.saturating_sub(30));
    let hi = ceil_char_boundary(text, end + 30);
    let temporary = text[lo..hi].to_ascii_lowercase().contains("temporar");
    // Only a negation of keeping counts ("do not store", "no obligation to keep"), not one
    // elsewhere ("statistics that no longer identify you may be kept indefinitely").
    let recent = &before[before.len().saturating_sub(8)..];
    // ("we do not permanently retain it": the verb after the statement counts too.)
    let negated = recent.iter().enumerate().any(|(i, w)| {
        NEGATION.is_match(w)
            && recent[i + 1..]
                .iter()
                .chain(after.iter().take(usize::from(i + 3 >= recent.len()) * 2))
                .take(3)
                .any(|v| RETENTION_VERB.is_match(v) || v.eq_ignore_ascii_case("obligation"))
    });
    deletes || temporary || negated
}

/// How many words before and after a statement its retention verb may be, in its sentence:
/// "Billing records are kept for up to seven years" (the verb four words before), "We keep
/// information about your views ... (27 words) ... for up to 12 months", not "modems must be
/// returned within 30 days of cancellation, or ... we will retain any advance payment"
/// (seventeen words after).
const VERB_WORDS_BEFORE: usize = 30;
const VERB_WORDS_AFTER: usize = 10;

/// Is a retention verb close to the statement at `start..end`, in its sentence (the
/// statement's own words aside: "until you remove excess content" keeps nothing), or is the
/// statement a cell of a table row ("Web activity | 36 months |": retention tables name the
/// verb in their header)?
fn verb_near(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    if text[line_start..start].contains('|') && text[end..line_end].contains('|') {
        return true;
    }
    // Sentence ends: '!', '?', a table cell, or a full stop before a capital ("e.g., 10
    // years" and "Inc. keeps" do not end one; a list after ';' goes on; a line break may
    // wrap a sentence: "stored for a\n30-day window").
    let ends_at = |s: &str, i: usize, c: char| match c {
        '!' | '?' | '|' => true,
        '.' => {
            let rest = s[i + 1..].trim_start();
            s[i + 1..].starts_with(char::is_whitespace) && rest.starts_with(char::is_uppercase)
        }
        _ => false,
    };
    let before = &text[..start];
    let before = before
        .char_indices()
        .rev()
        .find(|&(i, c)| ends_at(before, i, c))
        .map_or(before, |(i, c)| &before[i + c.len_utf8()..]);
    let after = &text[end..];
    let after = after
        .char_indices()
        .find(|&(i, c)| ends_at(after, i, c))
        .map_or(after, |(i, _)| &after[..i]);
    // Distance in words from the statement, and the word.
    let before_words = before
        .split_whitespace()
        .rev()
        .take(VERB_WORDS_BEFORE)
        .enumerate();
    let after_words = after.split_whitespace().take(VERB_WORDS_AFTER).enumerate();
    before_words.chain(after_words).any(|(distance, w)| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        // "Storage" is a noun as often as a practice ("your mailbox storage quota"): only
        // close by ("storage period of 12 months").
        RETENTION_VERB.is_match(w) && (distance < 8 || !w.eq_ignore_ascii_case("storage"))
    })
}

/// Is a cookie or local storage named close to the statement at `start..end` (so the
/// period is its lifetime, not that of data named elsewhere in a long clause)?
fn cookie_near(text: &str, start: usize, end: usize) -> bool {
    let lo = floor_char_boundary(text, start.saturating_sub(120));
    let hi = ceil_char_boundary(text, end + 60);
    COOKIE.is_match(&text[lo..hi])
}

/// Extend `end` to the end of the word it cuts ("...and thereafter f" becomes "...and
/// thereafter for").
fn to_word_end(text: &str, mut end: usize) -> usize {
    while let Some(c) = text[end..].chars().next() {
        if !c.is_alphanumeric() {
            break;
        }
        end += c.len_utf8();
    }
    end
}

fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Retention statements of a clause; `about_retention` says the clause was tagged
/// `data-retention`, which lets a duration in a short clause (a table cell, a note) count
/// without a retention verb nearby.
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
    // A cookie lifetime needs no retention verb: "This cookie expires after 2 years."
    let cookie = COOKIE.is_match(text) && COOKIE_LIFETIME.is_match(text);
    if !has_verb && !about_retention && !cookie {
        return Vec::new();
    }
    // A clause about retention states a period without a verb only when it is short: a
    // table cell or a note ("Up to 10 years"). In a longer one the verb must be near the
    // period as anywhere else ("no refunds will be given after a 30-day period" is no
    // retention, whatever the topic model says).
    let licensed = about_retention && text.split_whitespace().count() <= 12;
    let mut out = Vec::new();
    // Asked only once a clause states a duration (most that pass the cues do not).
    let inactive_account = std::cell::OnceCell::new();
    for caps in DURATION.captures_iter(text) {
        let Some(m) = caps.get(0) else { continue };
        if is_trap(text, m.start(), m.end()) || is_decimal_part(text, m.start()) {
            continue;
        }
        let num = caps
            .name("paren")
            .and_then(|p| number_value(p.as_str()))
            .or_else(|| caps.name("num").and_then(|n| number_value(n.as_str())));
        let unit = caps.name("unit").map_or("", |u| u.as_str());
        let Some(n) = num else { continue };
        let days = days_of(n, unit);
        let near_cookie = cookie_near(text, m.start(), m.end());
        // A duration far from any retention verb measures something else, unless the clause
        // is about retention (a table cell: "Up to 10 years") or a cookie's lifetime.
        let cookie_lifetime = cookie && near_cookie;
        if !(licensed || cookie_lifetime || verb_near(text, m.start(), m.end())) {
            continue;
        }
        // Over a century is no retention period ("for over 130 years").
        if days > 100 * 365
            || (!near_cookie && *inactive_account.get_or_init(|| closes_only_an_account(text)))
        {
            continue;
        }
        out.push(Retention {
            text: m.as_str().to_owned(),
            days: Some(days),
            kind: if cookie && near_cookie {
                RetentionKind::Cookie
            } else {
                RetentionKind::Stated
            },
            span: Span::new(m.start(), m.end()),
        });
    }
    for (re, kind) in [
        (&*CRITERION, RetentionKind::Criterion),
        (&*INDEFINITE, RetentionKind::Indefinite),
    ] {
        for m in re.find_iter(text) {
            let end = match kind {
                // Criteria need a retention verb even in a cookie clause.
                // ("until your enquiry is resolved, and then erased": a verb late in the
                // criterion's own words counts; "until you delete your account" is its
                // condition, not its verb.)
                RetentionKind::Criterion
                    if !licensed
                        && !verb_near(text, m.start(), m.end())
                        && !m.as_str().split_whitespace().skip(5).any(|w| {
                            RETENTION_VERB.is_match(w.trim_matches(|c: char| !c.is_alphanumeric()))
                        }) =>
                {
                    continue
                }
                RetentionKind::Criterion => to_word_end(text, m.end()),
                _ if indefinite_is_not_retention(text, m.start(), m.end()) => continue,
                // "Our platform will not stay the same forever": no verb of keeping near.
                _ if !licensed && !verb_near(text, m.start(), m.end()) => continue,
                _ => m.end(),
            };
            let span = text[m.start()..end].trim_end_matches([',', ' ']);
            let kind = if kind == RetentionKind::Indefinite && cookie_near(text, m.start(), end) {
                RetentionKind::Cookie
            } else {
                kind
            };
            out.push(Retention {
                text: span.to_owned(),
                days: None,
                kind,
                span: Span::new(m.start(), m.start() + span.len()),
            });
        }
    }
    out.sort_by_key(|r| r.span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::period::parse_period;

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
        assert_eq!(days("Logs are held for 12 months."), vec![365]);
        assert_eq!(
            days("We keep game progress for one year after your last login."),
            vec![365]
        );
        assert_eq!(
            days("Purchase history is retained for twelve (12) months."),
            vec![365]
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
            vec![183]
        );
        assert_eq!(days("Chat logs are kept for 2 weeks."), vec![14]);
        let r = &extract("IP logs are retained for 12 months.", false)[0];
        assert_eq!(
            (r.text.as_str(), r.kind),
            ("12 months", RetentionKind::Stated)
        );
        assert_eq!(
            &"IP logs are retained for 12 months."[r.span.start..r.span.end],
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
                proptest::prop_assert!(r.span.start < r.span.end && r.span.end <= text.len());
                proptest::prop_assert_eq!(&text[r.span.start..r.span.end], r.text.as_str());
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

    fn kinds(text: &str) -> Vec<(RetentionKind, Option<u64>)> {
        extract(text, false)
            .iter()
            .map(|r| (r.kind, r.days))
            .collect()
    }

    // Issue 15's cases, each with fixtures written for this project.

    #[test]
    fn permanent_deletion_and_negation_are_not_indefinite_retention() {
        for text in [
            "You can permanently delete your account at any time.",
            "Deleted photos are removed permanently from our servers.",
            "We may permanently suspend or ban accounts that break these rules.",
            "Your messages will be permanently erased after you close your account.",
            "Backups are permanently anonymised after processing.",
            "We do not store your card number indefinitely.",
            "We don't keep chat transcripts forever.",
            "We are under no obligation to store your content forever.",
            "We do not permanently retain chat data on our servers.",
            "Our platform will not stay the same forever. If it changes, we will tell you.",
            "Your profile will permanently be removed from search.",
        ] {
            assert!(
                !kinds(text).iter().any(|k| k.0 == RetentionKind::Indefinite),
                "{text}: {:?}",
                kinds(text)
            );
        }
        assert_eq!(
            kinds("Anonymised statistics may be kept indefinitely."),
            vec![(RetentionKind::Indefinite, None)]
        );
        assert_eq!(
            kinds("Public posts are stored permanently unless you remove them."),
            vec![(RetentionKind::Indefinite, None)]
        );
    }

    #[test]
    fn durations_about_something_else_do_not_count() {
        for text in [
            "We will respond to requests to delete data within four weeks.",
            "We may change these terms and delete features with twenty (20) days' notice.",
            "We keep the right to end the plan with 30 days prior written notice.",
            "Stored credit: one month is equal to 5 EUR.",
            "Storage upgrades cost $2 per 12 months of subscription.",
            "The device we store data on has a warranty of two years.",
            "We have kept our promises for over 130 years.",
            "A session token is stored and checked every 15.47 days.",
            "If you do not log in for 2 years, we may delete your account.",
            "Unused credits are removed from wallets that have not been active for 90 days.",
            "Please tell us within 120 days after an error appears on your bill; we keep bills on file.",
            "Routers must be returned within thirty (30) days of cancellation, or your account will be charged a fee and we will retain any deposit you paid.",
            "Both parties will negotiate in good faith for sixty (60) days after a notice of dispute is received. We store notices with the case.",
            "We aim to ship a fix within a 90 days deadline.",
            "The parties shall hold a conference within the 60-day resolution period.",
        ] {
            assert!(days(text).is_empty(), "{text}: {:?}", days(text));
        }
    }

    #[test]
    fn hours_number_words_and_inactivity_that_deletes_data() {
        assert_eq!(days("Location pings are kept for 72 hours."), vec![3]);
        assert_eq!(days("Uploads are deleted after 48 hours."), vec![2]);
        assert_eq!(days("Call recordings are stored for forty days."), vec![40]);
        assert_eq!(
            days("Tax records are retained for seventeen years."),
            vec![6205]
        );
        assert_eq!(days("Chat logs are kept for fifty-five days."), vec![55]);
        assert_eq!(
            days("After 18 months of inactivity your data is deleted."),
            vec![548]
        );
    }

    #[test]
    fn a_sentence_wrapped_over_lines_is_one_sentence() {
        assert_eq!(
            days("Chat logs are stored for a\n30-day window to review reports."),
            vec![30]
        );
    }

    #[test]
    fn look_backs_hours_of_the_day_and_lists() {
        for text in [
            "Our liability is limited to what you paid us in the past six months; we keep invoices.",
            "We disclose the categories of data we collected in the preceding 12 months and keep records.",
            "Guards monitor the rooms where we store servers 24 hours a day.",
            "After that period the claim is permanently barred; we keep the file.",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
        // A list after a semicolon, an abbreviation's full stop: one sentence.
        assert_eq!(
            days(
                "We keep support chats for 6 years; invoices, as well as refunds, for five years."
            ),
            vec![2190, 1825]
        );
        assert_eq!(
            days("We store data only while statutory retention duties apply (e.g. 10 years for tax records)."),
            vec![3650]
        );
        let t = "Enquiry details: until your enquiry is resolved, and then erased.";
        assert!(
            kinds(t).iter().any(|k| k.0 == RetentionKind::Criterion),
            "{:?}",
            kinds(t)
        );
    }

    #[test]
    fn a_statement_needs_its_verb_nearby() {
        // A criterion that is not about keeping data, in a clause that keeps something else
        // far away.
        let t = "If your storage quota is exceeded under a free or paid subscription for any reason whatsoever, you will be unable to send or receive messages until you remove excess content.";
        assert!(kinds(t).is_empty(), "{:?}", kinds(t));
        let t = "Outage time counts every second until your receiver reconnects to the network. We retain billing records.";
        assert!(kinds(t).is_empty(), "{:?}", kinds(t));
        // Deletion within a period is retention; so is a verb after the period.
        assert_eq!(
            days("We will delete your data within 30 days of your request."),
            vec![30]
        );
        assert_eq!(
            days("For 6 months, your drafts are kept in the cloud."),
            vec![183]
        );
        // A table cell in a clause about retention needs no verb.
        assert_eq!(
            extract("Claims records | Up to 10 years from expiry |", true)
                .iter()
                .filter_map(|r| r.days)
                .collect::<Vec<_>>(),
            vec![3650]
        );
    }

    #[test]
    fn plain_criteria_are_found_and_end_on_a_word() {
        for text in [
            "We only keep your personal data for as long as we need it.",
            "We keep records for as long as we must by law.",
            "Your files are stored unless you close your account.",
        ] {
            assert!(
                kinds(text).iter().any(|k| k.0 == RetentionKind::Criterion),
                "{text}: {:?}",
                kinds(text)
            );
        }
        let text = "We retain your data for as long as it is needed to provide our services and thereafter for the legal period.";
        for r in extract(text, false) {
            let next = text[r.span.end..].chars().next();
            assert!(
                !next.is_some_and(char::is_alphanumeric),
                "cut mid-word: {:?}",
                r.text
            );
        }
    }

    #[test]
    fn cookie_lifetimes_are_their_own_kind() {
        assert_eq!(
            kinds("This cookie expires after 2 years."),
            vec![(RetentionKind::Cookie, Some(730))]
        );
        assert_eq!(
            kinds("Preferences in local storage persist for 30 days."),
            vec![(RetentionKind::Cookie, Some(30))]
        );
        assert_eq!(
            kinds("We keep server logs for 12 months."),
            vec![(RetentionKind::Stated, Some(365))]
        );
    }

    proptest::proptest! {
        /// Periods compare alike however they are written: n*12 months is n years, 7n days
        /// n weeks, and a period typed on the command line equals the same period stated.
        #[test]
        fn period_arithmetic(n in 1u64..=100) {
            proptest::prop_assert_eq!(days_of(n * 12, "months"), days_of(n, "years"));
            proptest::prop_assert_eq!(days_of(n * 7, "days"), days_of(n, "weeks"));
            proptest::prop_assert_eq!(days_of(n * 24, "hours"), n);
            proptest::prop_assert!(days_of(n, "months") <= days_of(n + 1, "months"));
            for (unit, flag) in [("days", "d"), ("weeks", "w"), ("months", "m"), ("years", "y")] {
                let stated = days(&format!("We retain data for {n} {unit}."));
                proptest::prop_assert_eq!(stated, vec![parse_period(&format!("{n}{flag}")).unwrap()]);
            }
        }
    }
}
