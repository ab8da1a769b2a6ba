//! Evidence gathered from the text, per candidate name: titles its domains confirm, names
//! defined in parentheses, the site's own domains.

use std::collections::BTreeMap;

use super::lexicon::{
    ADDRESS_BEFORE, DOMAIN_NAME, GENERIC_TERMS, GROUP_TAIL, LOWER_BRAND, LOWER_LEGAL_BEFORE,
    NAME_BEFORE, NOT_NAMES, PARENS, PRONOUN, PRONOUN_TAIL, QUOTED, SELF_CUES, SELF_TERMS,
    SUFFIX_END, SUFFIX_ONLY, TITLE, USED_TOOL, WE_AFTER, WHOLE_NAME,
};
use super::names::{clean_base, finish, generic_label, spelled_in_text, spelled_in_two_words};
use super::names::{compact, TRAILING_FORM};
use super::{snippet, Evidence};

pub(super) struct Candidate {
    /// The spelling shown (the first seen).
    pub(super) name: String,
    pub(super) evidence: Vec<Evidence>,
    /// Where the text first gives self-evidence for it (`usize::MAX`: nowhere).
    pub(super) first_self: usize,
    /// The longest spelling of the name that is not all in capitals, if any.
    pub(super) ordinary: Option<String>,
}

/// Evidence gathered per name, keyed by the name's compact form.
pub(super) struct Board<'t> {
    pub(super) text: &'t str,
    pub(super) names: BTreeMap<String, Candidate>,
    /// Short forms defined for a longer name ("BWW" for "Buffalo Wild Wings"), by key: their
    /// evidence is the longer name's; a brand defined as "we" is also the name shown.
    pub(super) short_forms: Vec<(String, String, bool)>,
}

impl<'t> Board<'t> {
    pub(super) fn new(text: &'t str) -> Board<'t> {
        Board {
            text,
            names: BTreeMap::new(),
            short_forms: Vec::new(),
        }
    }

    /// Where `part` starts in the text, when it is a slice of it.
    fn offset_of(&self, part: &str) -> Option<usize> {
        (part.as_ptr() as usize)
            .checked_sub(self.text.as_ptr() as usize)
            .filter(|off| *off < self.text.len() && self.text.is_char_boundary(*off))
    }

    pub(super) fn add(&mut self, raw: &str, cue: &'static str, weight: i32, quote: &str) {
        let at = self.offset_of(quote).unwrap_or(usize::MAX);
        // A name's tail after a word that opens in lower case ("Network" of "iEntry Network
        // collects ...") is a fragment of a name the cues cannot spell.
        if self
            .offset_of(raw)
            .is_some_and(|off| after_a_camel_word(&self.text[..off]))
        {
            return;
        }
        let Some(name) = clean_base(raw).map(|n| finish(&n)) else {
            return;
        };
        let key = compact(&name);
        if key.chars().count() < 2 || key.chars().all(|c| c.is_ascii_digit()) {
            return;
        }
        let entry = self.names.entry(key).or_insert_with(|| Candidate {
            name: name.clone(),
            evidence: Vec::new(),
            first_self: usize::MAX,
            ordinary: None,
        });
        // (A copyright line counts as the text's own word but is no place to take its
        // spelling from: "Copyright 2008 Abita and ABITA.COM, LLC".)
        if SELF_CUES.contains(&cue) && !matches!(cue, "copyright" | "contact" | "disclaims") {
            entry.first_self = entry.first_self.min(at);
        }
        // A legal name (with its company form) is the spelling to show.
        if cue == "legal-name" && entry.name.len() < name.len() {
            entry.name = name.clone();
        }
        // The same name in ordinary case, shown rather than capitals ("Sports Reference LLC"
        // for "SPORTS REFERENCE LLC").
        if name.chars().any(char::is_lowercase)
            && entry.ordinary.as_ref().is_none_or(|o| o.len() < name.len())
        {
            entry.ordinary = Some(name.clone());
        }
        entry.evidence.push(Evidence {
            name,
            cue,
            weight,
            quote: snippet(quote),
        });
    }
}

/// Does `before` end with a word that opens in lower case and goes on in capitals ("iEntry ",
/// "eBay "), one space before what follows?
fn after_a_camel_word(before: &str) -> bool {
    let Some(head) = before.strip_suffix(' ') else {
        return false;
    };
    let word = head.rsplit(char::is_whitespace).next().unwrap_or("");
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_lowercase)
        && word.chars().all(char::is_alphanumeric)
        && chars.any(char::is_uppercase)
}

/// A registrable label's mentions as a site (0: only in company names), and where it is first
/// written (`lynda.com`: from the label to the end of the top-level domain).
pub(super) struct Domain {
    pub(super) mentions: i32,
    pub(super) first: std::ops::Range<usize>,
}

pub(super) fn title_cues(text: &str, domains: &BTreeMap<String, Domain>, board: &mut Board) {
    let labels: std::collections::BTreeSet<String> = domains
        .iter()
        .filter(|(_, d)| d.mentions > 0)
        .map(|(l, _)| l.replace('-', ""))
        .filter(|l| l.len() >= 2)
        .collect();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(3)
    {
        if line.len() > 120 {
            continue;
        }
        for re in TITLE.iter() {
            if let Some(m) = re.captures(line).and_then(|c| c.get(1)) {
                // A name the policy's web or e-mail domains confirm ("Finnair Privacy
                // Notice" and finnair.com), not the title's other words ("Virtual Items
                // Policy", "Master Terms of Use").
                let Some(name) = clean_base(m.as_str()).map(|n| finish(&n)) else {
                    continue;
                };
                let key = compact(&name);
                let looks_like_domain = DOMAIN_NAME.is_match(&name);
                let short = initials(&name);
                let confirmed = (short.len() >= 2 && labels.contains(&short))
                    || key.chars().count() >= 3
                        && (looks_like_domain
                            || labels
                                .iter()
                                .filter(|l| l.len() >= 3)
                                .any(|l| l.contains(key.as_str()) || key.starts_with(l.as_str())));
                board.add(m.as_str(), "title", if confirmed { 5 } else { 1 }, line);
            }
        }
    }
}

pub(super) fn paren_cues(text: &str, board: &mut Board) {
    for caps in PARENS.captures_iter(text) {
        let (Some(whole), Some(inner)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let content = inner.as_str();
        let after = &text[whole.end()..floor_boundary(text, (whole.end() + 8).min(text.len()))];
        // `("Company")` defines the operator as the text's own voice, as "we" does.
        let self_term = QUOTED
            .captures_iter(content)
            .filter_map(|c| c.get(1))
            .any(|m| SELF_TERMS.contains(&m.as_str().trim()));
        let defines_self = PRONOUN.is_match(content) || self_term;
        // The name just before the parenthesis: `Stack Exchange, Inc. (`.
        let line_start = text[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let from = floor_boundary(text, whole.start().saturating_sub(120).max(line_start));
        let before = &text[from..whole.start()];
        // `At Linear Orbit ("Linear"), we`: not a term a clause defines before its main one
        // ("When you use a feature of theirs (together "Shared Use"), we share ...").
        let at_name_we = WE_AFTER.is_match(after)
            && name_at_end(before).is_some_and(|(lead, name)| {
                let last = lead.trim_end().rsplit(char::is_whitespace).next();
                name.starts_with("At ") || matches!(last, Some("at" | "At"))
            });
        let speaks_of_itself = defines_self || at_name_we;
        let defines = speaks_of_itself
            || [
                "collectively",
                "hereinafter",
                "hereafter",
                "referred to",
                "together",
            ]
            .iter()
            .any(|w| content.contains(w));
        let preceding = if speaks_of_itself {
            own_name_at_end(before)
        } else {
            name_at_end(before)
        }
        .map(|(_, name)| name);
        let mut aliases: Vec<&str> = QUOTED
            .captures_iter(content)
            .filter_map(|c| c.get(1))
            .map(|m| m.as_str().trim())
            .filter(|a| name_like(a) || speaks_of_itself && LOWER_BRAND.is_match(a))
            .collect();
        let mut unquoted_short_form = false;
        let unquoted = !content.contains(['"', '“', '”', '\'']);
        if aliases.is_empty() && unquoted && speaks_of_itself {
            // `(THE MRC or we)`: the name before the pronouns, without its article.
            let head = PRONOUN_TAIL.replace(content, "");
            let head = head
                .trim()
                .trim_start_matches("THE ")
                .trim_start_matches("The ")
                .trim_start_matches("the ");
            if head != content.trim() && name_like(head) {
                let start = content.find(head).unwrap_or(0);
                aliases.push(&content[start..start + head.len()]);
            }
        }
        if aliases.is_empty() && !content.contains(['"', '“', '”', '\'']) && name_like(content)
        {
            // `(American Honda)`, `(AAAS)`: an unquoted short form of the name before it.
            let short = compact(content);
            let agrees = preceding.is_some_and(|p| {
                let long = compact(p);
                long.starts_with(&short) || initials(p) == short
            });
            if agrees {
                aliases.push(content.trim());
                unquoted_short_form = true;
            }
        }
        if aliases.is_empty() {
            // `Pixiv Inc. and its subsidiaries (collectively, "we", "us")`: pronouns alone
            // make the name before them the text's own voice.
            // (Not the last of several: "operated by X on behalf of Y (each of the foregoing
            // entities, collectively, "we")", "this Web site and WorldNow (collectively "we")".)
            let several = ["foregoing", "each of", "above", "all entities"]
                .iter()
                .any(|w| content.contains(w));
            if defines_self && !several {
                let named = GROUP_TAIL.replace(before, "");
                let own = own_name_at_end(&named).filter(|(lead, name)| {
                    let lead = lead.trim_end();
                    // (The other party of an agreement is no second name: "between you and
                    // X".)
                    // ("We, LY Corporation ("we", "us")" is the voice naming itself.)
                    let we = lead
                        .trim_end_matches(',')
                        .rsplit(char::is_whitespace)
                        .next()
                        .is_some_and(|w| w == "We" || w == "we");
                    let second = [",", " and", " or", "&"].iter().any(|w| lead.ends_with(w))
                        && !lead.ends_with("you and")
                        && !we;
                    (name_like(name) || LOWER_LEGAL_BEFORE.is_match(name)) && !second
                });
                if let Some((_, name)) = own {
                    board.add(name, "alias", 6, &text[from..whole.end()]);
                }
            }
            continue;
        }
        // A tool's maker defined in passing is a vendor: `we use "Google Analytics", a service
        // provided by Google Inc. ("Google")`.
        if !speaks_of_itself {
            if let Some(p) = preceding {
                let lead = &before[..before.rfind(p).unwrap_or(0)];
                let sentence = lead.rsplit(". ").next().unwrap_or(lead);
                if USED_TOOL.is_match(sentence) {
                    for alias in &aliases {
                        board.add(alias, "vendor", -2, &text[from..whole.end()]);
                    }
                    board.add(p, "vendor", -2, &text[from..whole.end()]);
                    continue;
                }
            }
        }
        // An expansion with no pronoun and no defining word ("Event Data Recorder (EDR)") is
        // evidence only after a legal name.
        let after_legal = preceding.is_some() && SUFFIX_END.is_match(before.trim_end());
        // `(collectively "Tracking Technologies")` defines terms more often than names: a
        // definition without "we" is support, not self-evidence.
        let (cue, alias_weight, name_weight) = match (speaks_of_itself, defines, after_legal) {
            (true, _, _) => ("alias", 6, 5),
            (false, true, _) => ("defined", 2, 0),
            (false, false, true) => ("defined", 2, 2),
            // `Austin Community College (ACC)`: a short form, linked below; a term's
            // expansion ("Event Data Recorder (EDR)") gains nothing without self-evidence.
            (false, false, false) if unquoted_short_form => ("defined", 1, 1),
            // `Fox Sports Digital ("FSD")`: a quoted acronym of the words just before it.
            (false, false, false)
                if preceding.is_some_and(|p| {
                    aliases.iter().any(|a| {
                        let short = compact(a);
                        short.len() >= 2 && initials(p) == short
                    })
                }) =>
            {
                ("defined", 1, 1)
            }
            (false, false, false) => continue,
        };
        let quote = &text[from..whole.end()];
        for alias in aliases {
            board.add(alias, cue, alias_weight, quote);
            if let Some(p) = preceding {
                let (short, long) = (compact(alias), compact(p));
                // A prefix joins its family anyway; an acronym, or a brand that a legal
                // name defines as "we", needs the link.
                let linked = (speaks_of_itself && after_legal)
                    || initials(p) == short
                    || unquoted_short_form;
                if short != long && !long.starts_with(&short) && linked {
                    // A brand, not an acronym, that the legal name defines as "we" is the
                    // name to show: `Fenix International Limited ("OnlyFans", "we")`.
                    // (An acronym of the name's capitals, "MLBAM" for "MLB Advanced Media",
                    // reads worse than the name it stands for.)
                    let capitals: String = p.chars().filter(|c| c.is_uppercase()).collect();
                    let acronym = !alias.chars().any(char::is_lowercase)
                        && capitals.contains(&alias.replace(['.', ' '], ""));
                    let brand = speaks_of_itself && after_legal && initials(p) != short && !acronym;
                    board.short_forms.push((short, long, brand));
                }
            }
        }
        if let Some(p) = preceding.filter(|_| name_weight > 0) {
            // A name only expanded by an acronym is defined, not self-referenced.
            let name_cue = if cue == "defined" && !after_legal {
                "defined"
            } else {
                "operator"
            };
            board.add(p, name_cue, name_weight, quote);
        }
    }
}

/// The name that ends `before` (the text just before a parenthesis: `Stack Exchange, Inc. `),
/// with the text before it; not one that ends an address ("located at Zeughausgasse 7a, 6300
/// Zug, Switzerland") nor a word's tail ("Venture Ltd" out of "eVenture Ltd").
fn name_at_end(before: &str) -> Option<(&str, &str)> {
    NAME_BEFORE
        .captures(before)
        .and_then(|c| c.get(1))
        .map(|m| (&before[..m.start()], m.as_str()))
        .filter(|(lead, _)| {
            !ADDRESS_BEFORE.is_match(lead) && !lead.ends_with(char::is_alphanumeric)
        })
}

/// The name before a parenthesis that defines the text's own voice: as [`name_at_end`], or a
/// one-word legal name that opens in lower case (`pixiv Inc.`), which a name's capitals miss.
fn own_name_at_end(before: &str) -> Option<(&str, &str)> {
    let found = name_at_end(before);
    if found.is_some_and(|(_, name)| !SUFFIX_ONLY.is_match(name.trim())) {
        return found;
    }
    LOWER_LEGAL_BEFORE
        .captures(before)
        .and_then(|c| c.get(1))
        .map(|m| (&before[..m.start()], m.as_str()))
        .filter(|(lead, _)| !ADDRESS_BEFORE.is_match(lead))
}

pub(super) fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A defined term that may be a name: capitalised, not a generic term, at most 5 words.
pub(super) fn name_like(term: &str) -> bool {
    let term = term.trim();
    let first = term.split_whitespace().next().unwrap_or("");
    !term.is_empty()
        && term.split_whitespace().count() <= 5
        && term.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && WHOLE_NAME.is_match(term)
        && !GENERIC_TERMS.contains(&term)
        && !NOT_NAMES.contains(&first)
        && !NOT_NAMES.contains(&term)
}

/// The words of a name without its company form ("Buffalo Wild Wings, Inc." gives
/// `Buffalo`, `Wild`, `Wings`).
fn name_words(name: &str) -> Vec<String> {
    TRAILING_FORM
        .replace(name.trim(), "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

const LINKING_WORDS: [&str; 5] = ["of", "for", "the", "and", "&"];

/// Is `short` (a compact name: lower-case letters) an acronym of `long`: the initials of
/// all its words, with or without "the" and "of" ("TEN" for "The Enthusiast Network"), or
/// of the words after a leading abbreviation ("MFA" for "GW Medical Faculty Associates")?
/// A name of many more words than letters is no match.
pub(super) fn abbreviates(short: &str, long: &str) -> bool {
    let words = name_words(long);
    let leading_abbreviation = long
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
    if short.len() < 2
        || !short.chars().all(|c| c.is_ascii_lowercase())
        || words.len() < 2
        || words.len() > short.len() + 1
    {
        return false;
    }
    let all: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let content: String = words
        .iter()
        .filter(|w| !LINKING_WORDS.contains(&w.as_str()))
        .filter_map(|w| w.chars().next())
        .collect();
    [all, content].iter().any(|i| {
        i == short || (leading_abbreviation && short.len() >= 3 && i.get(1..) == Some(short))
    })
}

/// Does a domain label spell the name: each of a run of its words (two or more) gives its
/// initial or the whole word, in order, the last maybe a prefix of three letters or more
/// ("nytimes" for "The New York Times Company", "freep" for "Detroit Free Press",
/// "sciencemag" for "Science Magazine")? Linking words ("the", "of") may be skipped and
/// give no letters; the whole label must be used ("allstate" does not spell "Allstate
/// Texas Lloyd's": "allsta" is no part a word gives).
pub fn spells(label: &str, name: &str) -> bool {
    fn from(label: &str, words: &[String], used: usize) -> bool {
        if label.is_empty() {
            return used >= 2;
        }
        let Some((w, rest)) = words.split_first() else {
            return false;
        };
        if LINKING_WORDS.contains(&w.as_str()) {
            return from(label, rest, used);
        }
        let gives = |k: usize| {
            w.is_char_boundary(k)
                && label.is_char_boundary(k)
                && label[..k] == w[..k]
                && (k == 1 || k == w.len() || (k >= 3 && k == label.len()))
        };
        (1..=w.len().min(label.len()))
            .rev()
            .any(|k| gives(k) && from(&label[k..], rest, used + 1))
    }
    let words = name_words(name);
    if label.len() < 3 || words.len() > 8 {
        return false;
    }
    (0..words.len()).any(|start| from(label, &words[start..], 0))
}

pub(super) fn initials(name: &str) -> String {
    TRAILING_FORM
        .replace(name.trim(), "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "of" | "for" | "the" | "and" | "&"))
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The policy's own web or e-mail domain: the most mentioned registrable label, when the
/// text also spells it as a name ("imdb.com" and "IMDb").
pub(super) fn domain_cues(text: &str, labels: &BTreeMap<String, Domain>, board: &mut Board) {
    let Some(top) = labels.values().map(|d| d.mentions).max() else {
        return;
    };
    let lower_ascii = text.to_ascii_lowercase();
    for (label, domain) in labels {
        let mentions = domain.mentions;
        if mentions < 2 {
            continue;
        }
        // The most mentioned domain is most likely the policy's own.
        let weight = 1 + mentions.min(4) + if mentions == top { 2 } else { 0 };
        if let Some((name, at)) = spelled_in_text(text, &lower_ascii, label)
            .or_else(|| spelled_in_two_words(text, &lower_ascii, label))
        {
            let end = floor_boundary(text, (at + 80).min(text.len()));
            board.add(&name, "own-domain", weight, &text[at..end]);
        } else if mentions == top && mentions >= 3 && !generic_label(label) {
            // Never spelled as a name: the domain as the text writes it ("reddit.com",
            // "lynda.com"), a little weaker than a spelled name.
            let at = domain.first.start;
            let end = floor_boundary(text, (at + 80).min(text.len()));
            board.add(
                &text[domain.first.clone()],
                "own-domain",
                weight - 2,
                &text[at..end],
            );
        } else if label.len() >= 4 {
            // Only a legal name spells it: `Mullvad VPN AB` and mullvad.net.
            let extending: Vec<String> = board
                .names
                .iter()
                .filter(|(key, c)| {
                    key.starts_with(label.as_str())
                        && c.evidence.iter().any(|e| e.cue == "legal-name")
                })
                .map(|(_, c)| c.name.clone())
                .collect();
            for name in extending {
                board.add(
                    &name,
                    "own-domain",
                    weight,
                    &format!("{label} ({mentions} mentions)"),
                );
            }
        }
    }
}
