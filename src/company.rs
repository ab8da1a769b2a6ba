//! Which company a policy belongs to, when neither a manifest nor the folder layout says.
//!
//! Evidence from the text, strongest first: legal names with a company-form suffix
//! (`WEBCLOUD PRO OÜ`, `Wepremium SARL`, `Wespro Digital Pvt Ltd`), ownership phrases ("this
//! site is owned by WeSecur", "At Acme, we ..."), and a capitalised name that the policy's own
//! e-mail or web domain confirms. Each candidate is scored; a name with no such evidence is
//! never chosen, so a policy whose name was removed is `unknown` rather than a random word.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

/// The company of a clause whose policy names none.
pub const UNKNOWN: &str = "unknown";

const NAME_WORD: &str =
    r"(?:[A-Z][\p{L}\p{N}&'’\-]*(?:\.[a-zA-Z]{2,4})?|[0-9][\p{L}\p{N}]*[A-Za-z][\p{L}\p{N}]*)";
const SUFFIX: &str = r"(?:OÜ|AS|SARL|S\.A\.R\.L\.?|SAS|S\.A\.S\.?|S\.A\.?|SA|S\.L\.?|SL|S\.r\.l\.?|SRL|S\.p\.A\.?|SpA|GmbH|AG|UG|KG|B\.V\.?|BV|N\.V\.?|NV|AB|A/S|ApS|Oy|Oyj|Kft\.?|s\.r\.o\.?|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|Private Limited|Co\.,? Ltd\.?|Ltd\.?|Limited|LLC|L\.L\.C\.?|LLP|Inc\.?|Incorporated|Corp\.?|Corporation|PLC|plc|N\.A\.?|L\.P\.?|LP|L\.L\.P\.?)";

static LEGAL_NAME: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?-u:\b)({w}(?:[ \t]+(?:{w}|&|and|of|de|du|der)){{0,4}}),?[ \t]+{s}(?:[^\p{{L}}\p{{N}}]|$)",
        w = NAME_WORD,
        s = SUFFIX
    );
    Regex::new(&pattern).expect("static pattern compiles")
});

static SUFFIX_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r",?[ \t]+({SUFFIX})")).expect("static pattern compiles"));

static OWNERSHIP: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let name = format!(r"({w}(?:[ \t]+{w}){{0,3}})", w = NAME_WORD);
    [
        format!(r"(?:owned|operated|run|managed|provided|published|controlled|maintained) by (?:the company )?{name}"),
        format!(r"(?-u:\b)[Aa]t {name}, (?:we|our)(?-u:\b)"),
        format!(r"(?-u:\b){name},? \((?:the )?[“”\x22']*(?:we|us|our|Company)(?-u:\b)"),
        format!(r"(?-u:\b)[Ww]elcome to {name}"),
        format!(r"(?-u:\b){name} (?:is|acts as) the (?:data )?controller"),
    ]
    .iter()
    .map(|p| Regex::new(p).expect("static pattern compiles"))
    .collect()
});

static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    // The registrable label: `mlb` in `privacy@website.mlb.com`.
    Regex::new(r"(?i)(?:@|https?://|www\.)(?:[a-z0-9\-]+\.)*?([a-z0-9][a-z0-9\-]{1,62})\.(?:com|org|net|edu|gov|io|co|info|biz|us|uk|de|fr|es|it|nl|eu|ca|au|in|jp|tv|me|app|ai|ee|ma|ch|at|be|se|no|dk|fi|pl|pt|ie)\b")
        .expect("static pattern compiles")
});

/// Words that start sentences or name documents, never a company.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "These",
    "That",
    "Our",
    "We",
    "Us",
    "You",
    "Your",
    "If",
    "In",
    "At",
    "By",
    "For",
    "Any",
    "All",
    "Privacy",
    "Policy",
    "Notice",
    "Company",
    "Website",
    "Site",
    "Service",
    "Services",
    "Terms",
    "Using",
    "Use",
    "Please",
    "Copyright",
    "Data",
    "Personal",
    "Information",
    "Contact",
    "Email",
    "E-mail",
    "Its",
    "Their",
    "Such",
    "Each",
    "Other",
    "Cookie",
    "Cookies",
    "Platform",
    "Application",
    "App",
    "Controller",
    "Customer",
    "User",
    "Users",
    "Member",
    "Members",
    "Agreement",
    "Section",
    "Article",
    "When",
    "How",
    "What",
];

/// Infer the company from a policy's readable text; `None` when the text names none.
pub fn infer(text: &str) -> Option<String> {
    // Ordered, so the same text always names the same company.
    let mut scores: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    let mut add = |name: String, score: i64, at: usize| {
        let entry = scores.entry(name).or_insert((0, at));
        entry.0 += score;
        entry.1 = entry.1.min(at);
    };
    for caps in LEGAL_NAME.captures_iter(text) {
        let (Some(whole), Some(base)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let Some(base_name) = clean_base(base.as_str()) else {
            continue;
        };
        let suffix = SUFFIX_AT
            .captures(&text[base.end()..whole.end()])
            .and_then(|c| c.get(1))
            .map_or("", |m| m.as_str());
        // "PROVIDED AS IS" is shouting, not a Norwegian company: a two-letter company form
        // needs a name that is not in capitals throughout.
        let shouting = base_name.chars().all(|c| !c.is_lowercase());
        if suffix.len() <= 2 && shouting {
            continue;
        }
        add(finish(&format!("{base_name} {suffix}")), 4, whole.start());
    }
    for re in OWNERSHIP.iter() {
        for caps in re.captures_iter(text) {
            if let Some(m) = caps.get(1) {
                if let Some(name) = clean_base(m.as_str()) {
                    add(finish(&name), 3, m.start());
                }
            }
        }
    }
    // Each distinct domain label is looked up once, in one lower-cased copy of the text; every
    // mention of the domain still counts.
    let mut labels: std::collections::BTreeMap<String, i64> = Default::default();
    for caps in DOMAIN.captures_iter(text) {
        if let Some(m) = caps.get(1) {
            *labels.entry(m.as_str().to_ascii_lowercase()).or_default() += 1;
        }
    }
    if !labels.is_empty() {
        let lower_ascii = text.to_ascii_lowercase();
        for (label, mentions) in &labels {
            if let Some((name, at)) = spelled_in_text(text, &lower_ascii, label) {
                add(name, 2 * mentions, at);
            }
        }
    }
    // A short name confirmed elsewhere folds into the legal name that extends it (the
    // best-supported one, then the earliest, when several do).
    let names: Vec<String> = scores.keys().cloned().collect();
    for short in &names {
        let longer = names
            .iter()
            .filter(|long| {
                long.len() > short.len()
                    && long.to_lowercase().starts_with(&short.to_lowercase())
                    && long[short.len()..].starts_with(' ')
            })
            .max_by_key(|long| {
                let (score, at) = scores.get(*long).copied().unwrap_or((0, usize::MAX));
                (score, std::cmp::Reverse(at))
            })
            .cloned();
        if let Some(long) = longer {
            if let Some((score, _)) = scores.remove(short) {
                if let Some(entry) = scores.get_mut(&long) {
                    entry.0 += score;
                }
            }
        }
    }
    let lower = text.to_lowercase();
    scores
        .into_iter()
        .filter(|(_, (score, _))| *score >= 3)
        .map(|(name, (score, at))| {
            let first = name.split(' ').next().unwrap_or(&name).to_lowercase();
            let mentions = lower.matches(&first).count().min(6) as i64;
            (name, score + mentions, at)
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(name, _, _)| name)
}

/// Drop leading sentence words from a candidate; `None` when nothing name-like is left.
fn clean_base(candidate: &str) -> Option<String> {
    let mut words: Vec<&str> = candidate.split_whitespace().collect();
    while let Some(first) = words.first() {
        if NOT_NAMES.contains(first) || matches!(*first, "&" | "and" | "of" | "de") {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(last) = words.last() {
        if NOT_NAMES.contains(last) || matches!(*last, "&" | "and" | "of" | "de" | "du" | "der") {
            words.pop();
        } else {
            break;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// Normalise spacing and drop trailing punctuation.
fn finish(name: &str) -> String {
    let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
    joined
        .trim_end_matches(['.', ',', ';', ':', '’', '\''])
        .to_owned()
}

/// How the text spells a domain label as a capitalised word ("wepremium" -> "Wepremium"), if
/// it does so at least twice; also its first position.
fn spelled_in_text(text: &str, lower: &str, label: &str) -> Option<(String, usize)> {
    let generic = matches!(
        label.to_ascii_lowercase().as_str(),
        "gmail"
            | "google"
            | "yahoo"
            | "outlook"
            | "hotmail"
            | "website"
            | "privacy"
            | "mail"
            | "email"
            | "info"
            | "support"
            | "help"
            | "legal"
            | "contact"
            | "www"
    );
    if label.len() < 3 || generic || NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(label)) {
        return None;
    }
    let mut found: Option<(String, usize)> = None;
    let mut count = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find(label) {
        let at = from + i;
        from = at + label.len();
        let before_ok =
            at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '@' || c == '.');
        let after_ok = !text[from..].starts_with(|c: char| c.is_alphanumeric() || c == '.');
        let word = &text[at..from];
        if before_ok && after_ok && word.starts_with(|c: char| c.is_uppercase()) {
            count += 1;
            found.get_or_insert((word.to_owned(), at));
        }
    }
    found.filter(|_| count >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legal_names_keep_their_suffix() {
        let t =
            "Using the services of WEBCLOUD PRO OÜ, you trusted us. WEBCLOUD PRO OÜ collects data.";
        assert_eq!(infer(t).as_deref(), Some("WEBCLOUD PRO OÜ"));
        let t = "Company: Wepremium SARL\nAt Wepremium, we value your privacy. Email: contact@wepremium.com";
        assert_eq!(infer(t).as_deref(), Some("Wepremium SARL"));
        let t = "Wespro Digital Pvt Ltd and its affiliates respect your privacy. By accessing the services provided by Wespro you agree.";
        assert_eq!(infer(t).as_deref(), Some("Wespro Digital Pvt Ltd"));
        let t = "This policy applies to Acme Widgets, Inc. and to nobody else. Acme Widgets, Inc. is nice.";
        assert_eq!(infer(t).as_deref(), Some("Acme Widgets Inc"));
    }

    #[test]
    fn ownership_phrases() {
        let t = "We inform you that this site is owned by WeSecur. For questions write to us.";
        assert_eq!(infer(t).as_deref(), Some("WeSecur"));
        let t = "At Globex, we care. Globex collects nothing.";
        assert_eq!(infer(t).as_deref(), Some("Globex"));
    }

    #[test]
    fn domains_name_the_registrable_label_not_a_generic_one() {
        let t = "Write to privacy@website.mlb.com. USING OUR WEBSITE, you agree. Our WEBSITE is big. MLB Advanced Media, L.P. runs it.";
        assert_eq!(infer(t).as_deref(), Some("MLB Advanced Media L.P"));
    }

    #[test]
    fn the_same_text_always_names_the_same_company() {
        let t = "Allstate Financial LLC and Allstate Motor Club Inc are affiliates. Allstate runs this site; write to privacy@allstate.com. Allstate cares.";
        let first = infer(t);
        assert!(first.is_some());
        for _ in 0..50 {
            assert_eq!(infer(t), first);
        }
    }

    #[test]
    fn no_name_means_none() {
        let t = "Privacy Policy collects as little information about you as possible. However, we may need certain personal information. What information does collect about me? We collect personal information that you provide to us.";
        assert_eq!(infer(t), None);
        assert_eq!(
            infer("The Company keeps Data. Personal Data is safe. GDPR applies."),
            None
        );
    }
}
