//! Candidate names cleaned and checked against how the text spells them.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{
    MID_FORM, NAME_ENDS, NOT_NAMES, PRIVACY_PAGE, SUFFIX, SUFFIX_END, SUFFIX_ONLY,
};

/// Drop leading sentence words from a candidate; `None` when nothing name-like is left.
pub(super) fn clean_base(candidate: &str) -> Option<String> {
    let mut words: Vec<&str> = candidate.split_whitespace().collect();
    // Two entities, not one name: "Valve Corporation and Valve S.A.R.L." is the first.
    if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&") {
        let left = words[..and].join(" ");
        if and > 1 && SUFFIX_END.is_match(&format!(" {left}")) {
            words.truncate(and);
        }
    }
    while let Some(first) = words.first() {
        // A body's word heads its own name ("Library of Congress", "Bank of Lakeland"): left
        // out, the name would be a fragment ("Congress").
        let heads_a_name = words.len() >= 3
            && words[1] == "of"
            && (NAME_ENDS.contains(first) || *first == "Library");
        if heads_a_name {
            break;
        }
        if NOT_NAMES.contains(first)
            || matches!(*first, "&" | "and" | "of" | "de" | "for" | "the")
            || shouted_common_word(first)
        {
            words.remove(0);
        } else {
            break;
        }
    }
    while let Some(last) = words.last() {
        if words.len() >= 2
            && NAME_ENDS.contains(last)
            && !NOT_NAMES.contains(&words[words.len() - 2])
        {
            break;
        }
        if NOT_NAMES.contains(last)
            || (shouted_common_word(last) && !SUFFIX_ONLY.is_match(last))
            || matches!(*last, "&" | "and" | "of" | "de" | "du" | "der")
        {
            words.pop();
        } else {
            break;
        }
    }
    // A company form ends the name: "Google Ireland Limited" of the title "Google Ireland
    // Limited Advertising Programme Terms". (Not before a second form, "Co., Ltd.", nor
    // before "of", "Sony Corporation of America".)
    if let Some(form) = (1..words.len().saturating_sub(1)).find(|&i| {
        MID_FORM.is_match(words[i])
            && words[i + 1].starts_with(char::is_uppercase)
            && !SUFFIX_ONLY.is_match(words[i + 1])
    }) {
        words.truncate(form + 1);
    }
    // A page about privacy is no part of the name: "Oath" of "Welcome to the Oath Privacy
    // Center", "Google" of a heading glued to its text, "Google Privacy PolicyAn" (not
    // "Electronic Privacy Information Center").
    if let Some(page) = (1..words.len().saturating_sub(1))
        .find(|&i| matches!(words[i], "Privacy" | "PRIVACY") && PRIVACY_PAGE.is_match(words[i + 1]))
    {
        words.truncate(page);
    }
    // So is one in French: "Oath" of "Bienvenue sur Oath Vie Privée".
    if let Some(page) = (1..words.len()).find(|&i| {
        matches!(words[i], "Vie" | "VIE")
            && words
                .get(i + 1)
                .is_some_and(|w| w.to_lowercase().starts_with("priv"))
    }) {
        words.truncate(page);
    }
    // A lone initial ends no name ("Valve S" of "Valve S.à r.l.").
    while words.len() >= 2 && words.last().is_some_and(|w| w.chars().count() == 1) {
        words.pop();
    }
    // A company form alone ("Inc") is no name.
    if words.len() == 1 && SUFFIX_ONLY.is_match(words[0]) {
        return None;
    }
    // "The Bank respects": a name's last word alone is no name.
    if let [only] = words.as_slice() {
        if NAME_ENDS.contains(only) {
            return None;
        }
    }
    (!words.is_empty()).then(|| words.join(" "))
}

/// A common word written in capitals ("PRIVACY", "THE"), as headings glued to a name are.
pub(super) fn shouted_common_word(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if word.chars().any(char::is_lowercase) || word.len() < 3 {
        return false;
    }
    let title: String = std::iter::once(first)
        .chain(chars.flat_map(char::to_lowercase))
        .collect();
    NOT_NAMES.contains(&title.as_str()) && !NOT_NAMES.contains(&word)
}

/// Normalise spacing and drop trailing punctuation.
pub(super) fn finish(name: &str) -> String {
    let joined = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = joined.trim_end_matches(['.', ',', ';', ':', '’', '\'']);
    trimmed
        .strip_suffix("'s")
        .or_else(|| trimmed.strip_suffix("’s"))
        .or_else(|| trimmed.strip_suffix("'S"))
        .or_else(|| trimmed.strip_suffix("’S"))
        .unwrap_or(trimmed)
        .to_owned()
}

/// How the text spells a domain label as a capitalised word ("wepremium" -> "Wepremium"), if
/// it does so at least twice; also its first position.
/// A label spelled as two capitalised words, at least twice: "Washington Post" for
/// washingtonpost.com.
pub(super) fn spelled_in_two_words(
    text: &str,
    lower: &str,
    label: &str,
) -> Option<(String, usize)> {
    if label.len() < 7 || !label.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    // One pass over the text: each place that spells the label with one space inside (at
    // least three letters either side) counts for that split; the first split spelled twice
    // wins, with its first place.
    let mut by_split: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&label[..3]) {
        let at = from + i;
        from = at + 1;
        let rest = &lower.as_bytes()[at..];
        let Some(split) = (3..=label.len() - 3).find(|&s| rest.get(s) == Some(&b' ')) else {
            continue;
        };
        let end = at + label.len() + 1;
        let spelled = rest.len() > label.len()
            && rest[..split] == label.as_bytes()[..split]
            && rest[split + 1..=label.len()] == label.as_bytes()[split..];
        if !spelled || !text.is_char_boundary(end) {
            continue;
        }
        let bounded = !text[..at].ends_with(|c: char| c.is_alphanumeric())
            && !text[end..].starts_with(|c: char| c.is_alphanumeric());
        let capitalised = text[at..end]
            .split(' ')
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        if bounded && capitalised {
            let entry = by_split.entry(split).or_insert((0, at));
            entry.0 += 1;
        }
    }
    by_split
        .into_iter()
        .find(|(_, (count, _))| *count >= 2)
        .map(|(_, (_, at))| (text[at..at + label.len() + 1].to_owned(), at))
}

/// A label that names a mail service, a platform or a kind of site, not a company:
/// `gmail`, `google`, `privacy`, or a second-level label such as `gouv` in `gouv.fr`.
pub(super) fn generic_label(label: &str) -> bool {
    matches!(
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
            | "aboutads"
            | "networkadvertising"
            | "youronlinechoices"
            | "allaboutcookies"
            | "optout"
            | "truste"
            | "w3"
            | "gouv"
            | "gov"
            | "govt"
            | "ac"
            | "co"
            | "com"
            | "org"
            | "net"
            | "edu"
    )
}

pub(super) fn spelled_in_text(text: &str, lower: &str, label: &str) -> Option<(String, usize)> {
    if label.len() < 3
        || generic_label(label)
        || NOT_NAMES.iter().any(|n| n.eq_ignore_ascii_case(label))
    {
        return None;
    }
    let mut found: Option<(String, usize)> = None;
    let mut count = 0;
    let mut from = 0;
    // Where each capitalised mention starts.
    let mut firsts: Vec<usize> = Vec::new();
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
            firsts.push(at);
        }
    }
    let (mut name, mut at) = found.filter(|_| count >= 2)?;
    // Words that precede most mentions belong to the name ("Public Interest Watch" for
    // watch.org), up to three.
    let mut starts = firsts;
    for _ in 0..3 {
        let mut prevs: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &start in &starts {
            let head = text[..start].trim_end_matches([' ', '\t']);
            if head.len() + 1 != start {
                continue;
            }
            let prev = head
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if prev.starts_with(|c: char| c.is_uppercase()) && !NOT_NAMES.contains(&prev) {
                prevs.entry(prev).or_default().push(head.len() - prev.len());
            }
        }
        match prevs.into_iter().max_by_key(|(_, v)| v.len()) {
            Some((prev, v)) if 4 * v.len() >= 3 * count => {
                name = format!("{prev} {name}");
                at = v[0];
                starts = v;
            }
            _ => break,
        }
    }
    Some((name, at))
}

pub(super) static TRAILING_FORM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:,?[ \t]+{SUFFIX}[.,]?)+$")).expect("static pattern compiles")
});

/// A name reduced to what identifies it: no company form, no case, spacing or punctuation
/// ("Ask.fm" and "ASKfm Ltd." both give `askfm`).
pub fn compact(name: &str) -> String {
    let trimmed = name.trim();
    let without_form = TRAILING_FORM.replace(trimmed, "");
    let base = without_form
        .strip_prefix("The ")
        .or_else(|| without_form.strip_prefix("the "))
        .unwrap_or(&without_form);
    base.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
