//! From the evidence to a name: names that extend one another count together, each family is
//! scored, and one is chosen only with enough evidence and a clear lead.

use std::collections::BTreeMap;

use super::cues::{abbreviates, initials, spells, Board, Candidate};
use super::lexicon::{DOMAIN_NAME, PLATFORMS, SELF_CUES};
use super::names::{compact, TRAILING_FORM};
use super::{Evidence, Inference};
use crate::text::{ceil_char_boundary, floor_char_boundary};

/// A name is chosen with at least this much evidence ...
const MIN_SCORE: i32 = 6;
/// ... or this much when no other name has any (less still for a legal name that is the
/// subject of a data practice) ...
const MIN_SCORE_ALONE: i32 = 5;
/// ... and this much more than the next candidate when the text speaks of that one as itself
/// too ...
const MIN_MARGIN: i32 = 3;
/// ... or this much when it only mentions it: a close call is `unknown`, never a guess.
const MIN_MARGIN_OVER_MENTIONED: i32 = 2;

/// Copyright given to this many holders or more makes a page of notices.
const MIN_NOTICE_HOLDERS: usize = 3;
/// A name the text mentions this often ...
const DWARFING_MENTIONS: usize = 30;
/// ... and this many times as often as the leading name's, leaves the leader unsure unless the
/// text speaks of the leader as itself.
const DWARFING_RATIO: usize = 5;

/// Evidence of one kind counts at most this often per name: repetition is not corroboration.
pub(super) const MAX_PER_CUE: usize = 2;

pub(super) fn decide(text: &str, mut board: Board) -> Inference {
    board.join_short_forms();
    let mut families = families(board.names);
    // A page that gives copyright to three holders or more is a page of notices (a map's
    // data providers, a licence list): its copyright lines and the holders' domains say
    // whose work it quotes, not whose page it is.
    let holders = families
        .iter()
        .filter(|members| {
            members
                .iter()
                .any(|c| c.evidence.iter().any(|e| e.cue == "copyright"))
        })
        .count();
    if holders >= MIN_NOTICE_HOLDERS {
        for c in families.iter_mut().flatten() {
            c.evidence
                .retain(|e| !matches!(e.cue, "copyright" | "own-domain"));
        }
    }
    let families: Vec<Vec<Candidate>> = families
        .into_iter()
        // Only names with some positive evidence are counted (one pass over the text each).
        .filter(|members| {
            members
                .iter()
                .any(|c| c.evidence.iter().any(|e| e.weight > 0))
        })
        .collect();
    // Which families the text speaks of as itself ("X ("we", "us")", "at X, we"; a title
    // alone, "API Terms of Use", is not enough).
    let speaks: Vec<bool> = families
        .iter()
        .map(|members| {
            members.iter().any(|c| {
                c.evidence
                    .iter()
                    .any(|e| matches!(e.cue, "alias" | "self" | "controller"))
            })
        })
        .collect();
    let mut scored: Vec<Scored> = families
        .into_iter()
        .enumerate()
        .map(|(i, members)| {
            let rival_speaks = speaks.iter().enumerate().any(|(j, s)| *s && j != i);
            score_family(text, members, rival_speaks)
        })
        .filter(|f| {
            f.evidence
                .iter()
                .any(|e| e.weight > 0 && e.cue != "mentions")
        })
        // A platform's product ("Google Analytics", "Facebook Pixel") is a tool sites use,
        // never a site's company, unless the text speaks of it as itself.
        .filter(|f| !PLATFORM_PRODUCT.is_match(&f.name) || speaks_as_itself(&f.evidence))
        .collect();
    scored.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.name.cmp(&b.name)));
    let name = choose(&scored).map(|name| with_its_domain(text, with_its_article(text, name)));
    let mut evidence = Vec::new();
    for f in scored.into_iter().take(3) {
        for mut e in f.evidence.into_iter().take(6) {
            e.name = f.name.clone();
            evidence.push(e);
        }
    }
    Inference { name, evidence }
}

/// A one-word name that the text writes with its article ("read The Hill online", "comments
/// on The Register"), in at least half its mentions and once with a capital inside a sentence,
/// is shown with it: "Hill" alone reads as a fragment of a name. Not a brand the text mostly
/// writes alone ("the Bolt app", "the Wise account" among many "Bolt", "Wise") nor the first
/// word of a longer name ("The Wikimedia Foundation").
fn with_its_article(text: &str, name: String) -> String {
    if name.contains(char::is_whitespace) {
        return name;
    }
    let (mut mentions, mut with_article, mut capital_inside) = (0, 0, false);
    for i in word_at(text, &name) {
        let before = &text[..i];
        let rest = &text[i + name.len()..];
        mentions += 1;
        let Some(lead) = before
            .strip_suffix("The ")
            .or_else(|| before.strip_suffix("the "))
        else {
            continue;
        };
        // ("The Wikimedia Foundation": a longer name's first word)
        let next_word = rest.trim_start_matches([' ', '\t']);
        if rest.starts_with([' ', '\t']) && next_word.starts_with(char::is_uppercase) {
            continue;
        }
        with_article += 1;
        capital_inside |= before.ends_with("The ")
            && lead
                .trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
    }
    if capital_inside && with_article * 2 >= mentions {
        format!("The {name}")
    } else {
        name
    }
}

/// A one-word name the text defines as the short form of its domain (`Military.com
/// ("Military")`) is shown as the domain: "Military" alone reads as a common word.
fn with_its_domain(text: &str, name: String) -> String {
    if name.contains(char::is_whitespace) || name.contains('.') {
        return name;
    }
    let defined = |quote: &str| {
        text.match_indices(&format!("({quote}{name}"))
            .filter_map(|(i, _)| {
                let before = text[..i].trim_end();
                let domain = before.rsplit(char::is_whitespace).next()?;
                let (brand, tld) = domain.split_once('.')?;
                (brand == name
                    && (2..=4).contains(&tld.len())
                    && tld.chars().all(|c| c.is_ascii_lowercase()))
                .then(|| domain.to_owned())
            })
            .next()
    };
    defined("\"").or_else(|| defined("“")).unwrap_or(name)
}

/// A family of names with its evidence and score.
pub(super) struct Scored {
    score: i32,
    /// How often the text mentions the family's first word.
    mentions: usize,
    /// The name shown.
    name: String,
    evidence: Vec<Evidence>,
}

impl Board<'_> {
    /// Move each defined short form's evidence to the name it stands for.
    fn join_short_forms(&mut self) {
        self.join_trade_names();
        // The legal entity of a site its domain names, by the site's initials: "WP Company
        // LLC" for "Washington Post" (washingtonpost.com).
        let sites: Vec<(String, String)> = self
            .names
            .iter()
            .filter(|(_, c)| c.evidence.iter().any(|e| e.cue == "own-domain"))
            .map(|(key, c)| (key.clone(), initials(&c.name)))
            .filter(|(_, initials)| initials.len() >= 2)
            .collect();
        for (site, site_initials) in sites {
            let entities: Vec<String> = self
                .names
                .iter()
                .filter(|(key, c)| {
                    **key != site
                        && c.evidence.iter().any(|e| e.cue == "legal-name")
                        && c.name.split(' ').next().is_some_and(|first| {
                            first.len() >= 2
                                && !first.chars().any(char::is_lowercase)
                                && first.to_lowercase() == site_initials
                        })
                })
                .map(|(key, _)| key.clone())
                .collect();
            for entity in entities {
                self.short_forms.push((entity, site.clone(), false));
            }
        }
        // A site the text names by its domain joins the name the domain spells ("NYTimes.com"
        // and "The New York Times Company"): the name is shown.
        let spelled: Vec<(String, String)> = self
            .names
            .iter()
            .filter(|(_, c)| c.evidence.iter().any(|e| e.cue == "own-domain"))
            .filter_map(|(key, c)| {
                let lower = c.name.to_lowercase();
                let label: String = lower
                    .split('.')
                    .find(|l| *l != "www")
                    .unwrap_or("")
                    .chars()
                    .filter(|ch| ch.is_alphanumeric())
                    .collect();
                let names: Vec<&String> = self
                    .names
                    .iter()
                    .filter(|(k, d)| {
                        // A name that extends the site's is its family already.
                        !k.starts_with(key.as_str())
                            && d.name.contains(' ')
                            && spells(&label, &d.name)
                    })
                    .map(|(k, _)| k)
                    .collect();
                one_family(&names).map(|name| (key.clone(), name))
            })
            .collect();
        for (site, name) in spelled {
            if !self
                .short_forms
                .iter()
                .any(|(s, _, _)| *s == site || *s == name)
            {
                self.short_forms.push((site, name, false));
            }
        }
        // An acronym of three letters or more the text uses for a longer name it also holds
        // ("BWW" for "Buffalo Wild Wings, Inc.", "TEN" for "The Enthusiast Network"), when
        // only one name fits: the longer name is shown. (Two letters fit too many names.)
        let acronyms: Vec<(String, String)> = self
            .names
            .iter()
            .filter(|(key, c)| {
                (3..=6).contains(&key.len())
                    && !c.name.chars().any(char::is_lowercase)
                    && !c.name.contains(' ')
            })
            .filter_map(|(key, _)| {
                let fits: Vec<&String> = self
                    .names
                    .iter()
                    .filter(|(k, d)| {
                        *k != key
                            && (abbreviates(key, &d.name) || {
                                // With the "The" its cleaned name lost, as the text writes it
                                // (its company form aside: "The Meet Group, Inc.").
                                let core = TRAILING_FORM.replace(d.name.trim(), "");
                                let with_the = format!("The {}", core.trim());
                                abbreviates(key, &with_the) && self.text.contains(&with_the)
                            })
                    })
                    .map(|(k, _)| k)
                    .collect();
                one_family(&fits).map(|long| (key.clone(), long))
            })
            .collect();
        // Two letters fit too many names, but not too many legal names: "FT" and the site
        // `ft.com` stand for "The Financial Times Limited" when it is the one legal name the
        // text writes with those initials.
        let initialled: Vec<(String, String)> = self
            .names
            .iter()
            .filter_map(|(key, c)| {
                let own_site = c.evidence.iter().any(|e| e.cue == "own-domain");
                let short = match c.name.split_once('.') {
                    Some((label, _)) if own_site => label.to_lowercase(),
                    Some(_) => return None,
                    None if !c.name.chars().any(char::is_lowercase) => key.clone(),
                    None => return None,
                };
                if short.chars().count() != 2 || !short.chars().all(|ch| ch.is_alphabetic()) {
                    return None;
                }
                let fits: Vec<&String> = self
                    .names
                    .iter()
                    .filter(|(k, d)| {
                        *k != key
                            && d.name.split_whitespace().count() >= 2
                            && d.evidence.iter().any(|e| e.cue == "legal-name")
                            && initials(&d.name) == short
                    })
                    .map(|(k, _)| k)
                    .collect();
                one_family(&fits).map(|long| (key.clone(), long))
            })
            .collect();
        for (short, long) in acronyms.into_iter().chain(initialled) {
            if !self.short_forms.iter().any(|(s, _, _)| *s == short) {
                self.short_forms.push((short, long, false));
            }
        }
        // A legal name of two words or more that a longer name ends with ("Dairy Queen Inc",
        // from "Dairy Queen Canada Inc.", and "International Dairy Queen" in the contact
        // address): one company, shown by the longer name, when only one name fits. So is
        // the one word the site's own domain spells ("Ethereum" and "Stiftung Ethereum"
        // ("we"); or any word of a legal name but its first: "IKEA" and "Meubles IKEA France
        // SAS"), shown by the site's name.
        let bare: Vec<Bare> = self
            .names
            .iter()
            .map(|(key, c)| {
                let core = TRAILING_FORM.replace(c.name.trim(), "");
                let has = |cues: &[&str]| c.evidence.iter().any(|e| cues.contains(&e.cue));
                Bare {
                    key,
                    core: compact(core.trim()),
                    core_keys: core.split_whitespace().map(compact).collect(),
                    words: c.name.split_whitespace().count(),
                    legal: has(&["legal-name"]),
                    own: has(SELF_CUES),
                    site: has(&["own-domain"]),
                    we: has(&["alias"]),
                }
            })
            .collect();
        let mut joins = Vec::new();
        for short in &bare {
            let site_word =
                short.site && short.core_keys.len() == 1 && short.core.chars().count() >= 4;
            if !(short.legal && short.core_keys.len() >= 2 || site_word) {
                continue;
            }
            let longer: Vec<&String> = bare
                .iter()
                .filter(|long| {
                    long.key != short.key
                        && long.own
                        && long.key.len() > short.core.len()
                        && (long.words <= short.core_keys.len() + 2
                            && long.core.ends_with(short.core.as_str())
                            && (long.we || !site_word)
                            // The site's word inside its operator's legal name, which the
                            // text speaks of as itself ("IKEA" and "Meubles IKEA France
                            // SAS", "en qualité de responsable de traitement").
                            // (Not when another name opens with the word: "Blizzard
                            // Entertainment" is its family, not "Activision Blizzard".)
                            || site_word
                                && long.legal
                                && long.core_keys.len() <= 3
                                && long.core_keys.iter().skip(1).any(|w| *w == short.core)
                                && !bare.iter().any(|other| {
                                    other.key != short.key
                                        && other.core != short.core
                                        && other.core.starts_with(short.core.as_str())
                                }))
                })
                .map(|long| long.key)
                .collect();
            if let [long] = longer[..] {
                if !self.short_forms.iter().any(|(s, _, _)| s == short.key) {
                    joins.push((short.key.clone(), long.clone(), site_word));
                }
            }
        }
        self.short_forms.extend(joins);
        for (short, long, brand) in std::mem::take(&mut self.short_forms) {
            if !self.names.contains_key(&long) {
                continue;
            }
            if let Some(c) = self.names.remove(&short) {
                if let Some(target) = self.names.get_mut(&long) {
                    if brand {
                        target.name = c.name;
                    }
                    target.evidence.extend(c.evidence);
                    target.first_self = target.first_self.min(c.first_self);
                }
            }
        }
    }

    /// A legal name and the name it trades as ("Brightwell Labs, Inc. dba Quillpad", "d/b/a",
    /// "doing business as", "trading as") are one company, shown by the name it trades as:
    /// the name the site goes by. What the pair's evidence says (a vendor's, a host's) is
    /// unchanged; only the two are no longer rivals.
    fn join_trade_names(&mut self) {
        let mut pairs = Vec::new();
        for m in TRADES_AS.find_iter(self.text) {
            let before =
                &self.text[ceil_char_boundary(self.text, m.start().saturating_sub(120))..m.start()];
            let before = compact(before.trim_end_matches([',', ' ', '(']));
            // The longest name the text ends with before the marker ...
            let legal = self
                .names
                .keys()
                .filter(|k| k.chars().count() >= 3 && before.ends_with(k.as_str()))
                .max_by_key(|k| k.len());
            // ... and the whole name after it, not its first word ("Honda" of "doing
            // business as Honda Financial Services", an affiliate's trade name).
            let trade = compact(trade_name(&self.text[m.end()..]));
            if let Some(legal) = legal.filter(|l| **l != trade) {
                if trade.chars().count() >= 3 && self.names.contains_key(&trade) {
                    pairs.push((legal.clone(), trade));
                }
            }
        }
        for (legal, trade) in pairs {
            let Some(c) = self.names.remove(&legal) else {
                continue;
            };
            if let Some(target) = self.names.get_mut(&trade) {
                // The pair is one company; that one of them is a legal name says nothing
                // more about whose text it is (a host's "Gannaway Web Holdings, LLC d/b/a
                // WorldNow" in a TV station's policy).
                target
                    .evidence
                    .extend(c.evidence.into_iter().filter(|e| e.cue != "legal-name"));
                target.first_self = target.first_self.min(c.first_self);
            }
        }
    }
}

/// "dba", "d/b/a", "doing business as", "trading as", "t/a" between two names.
static TRADES_AS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:d/b/a|dba|doing business as|trading as|t/a)\b:?")
        .expect("static pattern compiles")
});

/// The name that opens `after`: its words up to a bracket, quote, comma, semicolon, a
/// sentence's end or a word in lower case ("Quillpad" of ` Quillpad ("Quillpad", "we")`).
fn trade_name(after: &str) -> &str {
    let after = after[..floor_char_boundary(after, 100)]
        .trim_start_matches(['*', '"', '“', '\'', '‘', ' ', ':']);
    // (`end`: after the last word that is part of the name; `at`: where the next word opens.)
    let (mut end, mut at) = (0, 0);
    for word in after.split_inclusive(' ') {
        let bare = word.trim_end();
        if matches!(bare, "of" | "de" | "and" | "&") {
            at += word.len();
            continue;
        }
        if bare.chars().next().is_some_and(char::is_lowercase) {
            break;
        }
        let cut = bare
            .find(['(', ')', '"', '“', '”', ',', ';', '*', '\n'])
            .or_else(|| bare.strip_suffix('.').map(str::len));
        match cut {
            Some(cut) => {
                end = end.max(at + cut);
                break;
            }
            None => {
                at += word.len();
                end = at;
            }
        }
    }
    after[..end].trim_end()
}

/// Does `name` go on from its first letters and digits `root` (a compact name) at a word's
/// end: "Amazon.com Inc" and "North Valley Times Company" from `amazon` and
/// `northvalleytimes`, not "Geoportal" from `geo`?
fn extends_at_word_end(root: &str, name: &str) -> bool {
    let name = name.trim();
    let name = name
        .strip_prefix("The ")
        .or_else(|| name.strip_prefix("the "))
        .unwrap_or(name);
    let want = root.chars().count();
    let mut seen = 0;
    let mut chars = name.chars().peekable();
    while seen < want {
        match chars.next() {
            Some(c) if c.is_alphanumeric() => seen += c.to_lowercase().count(),
            Some(_) => {}
            None => return true,
        }
    }
    !chars.peek().is_some_and(|c| c.is_alphanumeric())
}

/// The root of `keys` (in order) when they are one family: the first, which every other
/// extends ("North Valley Times", "North Valley Times Company").
fn one_family(keys: &[&String]) -> Option<String> {
    let (first, rest) = keys.split_first()?;
    rest.iter()
        .all(|k| k.starts_with(first.as_str()))
        .then(|| (*first).clone())
}

/// Families: a name and the names that extend it ("Amazon", "Amazon.com Inc", "Amazon Europe
/// Core SARL"; "Academia Inc" and "Academia.edu"), keyed by the shortest. Keys come in order,
/// so a prefix comes before its extensions.
pub(super) fn families(names: BTreeMap<String, Candidate>) -> Vec<Vec<Candidate>> {
    let mut families: Vec<(String, Vec<Candidate>)> = Vec::new();
    for (key, candidate) in names {
        // (At a word's end: "Geo" and "Geoportal" are no family.)
        let root = families.iter_mut().find(|(root, _)| {
            root.chars().count() >= 3
                && key.starts_with(root.as_str())
                && extends_at_word_end(root, &candidate.name)
        });
        match root {
            Some((_, members)) => members.push(candidate),
            None => families.push((key, vec![candidate])),
        }
    }
    families.into_iter().map(|(_, members)| members).collect()
}

/// A platform's product named as a tool: "Google Analytics", "Facebook Pixel".
static PLATFORM_PRODUCT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^\S+ (?:analytics|ads|adsense|adwords|tag manager|maps|fonts|pixel|firebase|crashlytics|recaptcha|optimize|signals|marketing platform|custom audiences)$")
        .expect("static pattern compiles")
});

/// Does the text speak of a name as itself: a title, a "we" alias, a self-phrase, a controller?
fn speaks_as_itself(evidence: &[Evidence]) -> bool {
    evidence
        .iter()
        .any(|e| matches!(e.cue, "title" | "alias" | "self" | "controller"))
}

/// A family's evidence (at most [`MAX_PER_CUE`] of a kind), with its mentions, the platform
/// and common-word penalties, and the name to show. (`rival_speaks`: another family is one
/// the text speaks of as itself.)
pub(super) fn score_family(text: &str, members: Vec<Candidate>, rival_speaks: bool) -> Scored {
    let own = |c: &Candidate| {
        c.evidence
            .iter()
            .filter(|e| SELF_CUES.contains(&e.cue))
            .map(|e| e.weight)
            .sum::<i32>()
    };
    let shortest = members
        .iter()
        .min_by_key(|c| c.name.len())
        .map(|c| c.name.clone())
        .unwrap_or_default();
    // Shown: the member the text speaks of as itself first ("American Honda Motor Co., Inc.
    // (American Honda) is considerate ..." before "American Honda Finance Corporation").
    let first_own = members
        .iter()
        .filter(|c| own(c) > 0)
        .min_by_key(|c| (c.first_self, c.name.len()));
    // A longer name of the family that the text speaks of as itself is shown rather than the
    // domain's spelling ("Food Allergy Research & Education", not "Food Allergy" of
    // foodallergy.org).
    let domain_only = |c: &Candidate| {
        c.evidence
            .iter()
            .filter(|e| SELF_CUES.contains(&e.cue))
            .all(|e| e.cue == "own-domain")
    };
    let first_own = first_own.map(|short| {
        if !domain_only(short) {
            return short;
        }
        members
            .iter()
            .filter(|c| {
                // (By whole words: not "Amazon.com LLC" for "Amazon".)
                c.name.len() > short.name.len()
                    && c.name
                        .strip_prefix(short.name.as_str())
                        .is_some_and(|rest| rest.starts_with(' '))
                    && own(c) > 0
                    && c.evidence.iter().any(|e| matches!(e.cue, "self" | "alias"))
            })
            .min_by_key(|c| (c.first_self, c.name.len()))
            .unwrap_or(short)
    });
    let shown = first_own
        .or_else(|| members.first())
        .map(|c| match &c.ordinary {
            // Shown in ordinary case when the text also writes it so ("Hill" for "THE
            // HILL'S PRIVACY POLICY").
            Some(o)
                if !c.name.chars().any(char::is_lowercase) && compact(o) == compact(&c.name) =>
            {
                o.clone()
            }
            _ => c.name.clone(),
        })
        .unwrap_or_default();
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut all: Vec<Evidence> = members.into_iter().flat_map(|c| c.evidence).collect();
    all.sort_by_key(|e| std::cmp::Reverse(e.weight.abs()));
    for e in all {
        let n = seen.entry(e.cue).or_default();
        *n += 1;
        if *n <= MAX_PER_CUE {
            evidence.push(e);
        }
    }
    let first = shortest.split(' ').next().unwrap_or(&shortest).to_owned();
    // A site named by its domain (`reddit.com`) is mentioned by its brand word too.
    let domain_only = !first.chars().any(char::is_uppercase) && DOMAIN_NAME.is_match(&first);
    let count = match first.split_once('.').filter(|_| domain_only) {
        Some((brand, _)) => count_word(text, &first) + count_word(text, brand),
        None => count_word(text, &first),
    };
    let bonus = match count {
        0..=1 => 0,
        2..=3 => 1,
        4..=9 => 2,
        10..=29 => 3,
        _ => 4,
    };
    if bonus > 0 {
        evidence.push(Evidence {
            name: first.clone(),
            cue: "mentions",
            weight: bonus,
            quote: format!("{count} mentions of {first}"),
        });
    }
    let key = compact(&shortest);
    let is_platform = PLATFORMS.iter().any(|p| key.starts_with(p));
    // A platform whose tools the text uses ("we use Google Analytics") while it speaks of
    // another name as itself is linked to for its opt-out and terms pages: its domain is not
    // the policy's own.
    if is_platform
        && rival_speaks
        && evidence.iter().any(|e| e.cue == "vendor")
        && !speaks_as_itself(&evidence)
    {
        evidence.retain(|e| e.cue != "own-domain");
    }
    // The policy's own most mentioned domain, with mentions to match, is its own word too:
    // Instagram's policy on instagram.com, Criteo's on criteo.com.
    let own_site = evidence
        .iter()
        .any(|e| e.cue == "own-domain" && e.weight >= 5)
        && count >= 10;
    // A platform the text makes the subject of its practices and names on every page, never
    // as a tool it uses, is the text's own: Microsoft in the Bing and MSN statement.
    let subject_throughout = count >= 30
        && evidence.iter().filter(|e| e.cue == "subject").count() >= 2
        && !evidence.iter().any(|e| e.cue == "vendor");
    let strong_self = own_site || speaks_as_itself(&evidence) || subject_throughout;
    if is_platform && !strong_self {
        evidence.push(Evidence {
            name: shortest.clone(),
            cue: "platform",
            weight: -4,
            quote: "a platform policies mostly mention as a vendor or partner".into(),
        });
    }
    // A common noun written with a capital ("Websites", "Tracking Technologies") is no name:
    // the text also writes it in lower case. (A name written in lower case only, a domain
    // such as "lynda.com", is not such a noun.)
    if shortest.chars().any(char::is_lowercase) && shortest.chars().any(char::is_uppercase) {
        let lower = shortest.to_lowercase();
        let lower_count = count_word(text, &lower);
        if lower_count >= 2 && 2 * lower_count >= count_word(text, &shortest) {
            evidence.push(Evidence {
                name: shortest.clone(),
                cue: "common-word",
                weight: -8,
                quote: format!("{lower_count} mentions of {lower}"),
            });
        }
    }
    Scored {
        score: evidence.iter().map(|e| e.weight).sum(),
        mentions: count,
        name: shown,
        evidence,
    }
}

/// The leading family's name, if its evidence suffices and its lead is clear.
pub(super) fn choose(scored: &[Scored]) -> Option<String> {
    let has_self = |ev: &[Evidence]| ev.iter().any(|e| SELF_CUES.contains(&e.cue));
    let (best, rest) = scored.split_first()?;
    let ev = &best.evidence;
    let runner_up = rest.first().map_or(0, |r| r.score);
    // A name the text mentions far more often than the leader's is what the text is about
    // (a processing agreement of Scalingo's, 77 mentions, that names its host, OUTSCALE, 10
    // times, with the host's domain): unless the text speaks of the leader as itself, a guess.
    // (A rival the text makes the subject of its practices, "SCALINGO may process": not a
    // defined term such as "Online" or "Community", nor a parent named in passing.)
    let dwarfed = rest.iter().any(|r| {
        r.mentions >= DWARFING_MENTIONS
            && r.mentions >= DWARFING_RATIO * best.mentions.max(1)
            && r.evidence.iter().any(|e| e.cue == "subject")
    });
    if dwarfed
        && !ev
            .iter()
            .any(|e| matches!(e.cue, "alias" | "self" | "controller" | "title"))
    {
        return None;
    }
    let has = |cue: &str| ev.iter().any(|e| e.cue == cue);
    if !has_self(ev) {
        // A legal name the text writes out and mentions ten times or more, with no rival
        // and nothing against it, is the text's own ("Miami New Times, LLC", 18 mentions of
        // Miami, no other name): a vendor mentioned that often comes with the name of the
        // site that uses it.
        let mentioned = ev.iter().any(|e| e.cue == "mentions" && e.weight >= 3);
        let lone_legal_name =
            has("legal-name") && mentioned && runner_up <= 0 && ev.iter().all(|e| e.weight > 0);
        return lone_legal_name.then(|| best.name.clone());
    }
    // A short text may name its company once ("At Initech, we keep logs"; "Zeta Ltd keeps
    // logs"): with no rival and nothing against it, less evidence will do.
    let alone = runner_up <= 0 && ev.iter().all(|e| e.weight > 0);
    let min = if !alone {
        MIN_SCORE
    } else if has("legal-name") && has("subject") {
        MIN_SCORE_ALONE - 1
    } else {
        MIN_SCORE_ALONE
    };
    // A close rival that the text also speaks of as itself (a site and its operator, a brand
    // and its parent) makes a guess; one that it only mentions does not.
    let rival_self = rest.first().is_some_and(|r| {
        r.evidence
            .iter()
            .any(|e| SELF_CUES.contains(&e.cue) && !matches!(e.cue, "subject" | "possessive"))
    });
    let margin = if rival_self {
        MIN_MARGIN
    } else {
        MIN_MARGIN_OVER_MENTIONED
    };
    (best.score >= min && best.score - runner_up >= margin).then(|| best.name.clone())
}

/// Occurrences of `word` as a whole word.
pub(super) fn count_word(text: &str, word: &str) -> usize {
    word_at(text, word).count()
}

/// Where `word` stands as a whole word: not inside another word, an e-mail address, a path or
/// a domain ("Hill" in "Hillside" or "hill.com" is none).
fn word_at<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    // (An empty word would match everywhere: it stands nowhere.)
    text.match_indices(word)
        .take_while(move |_| !word.is_empty())
        .map(|(i, _)| i)
        .filter(move |&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            let joined = |c: char| c.is_alphanumeric() || matches!(c, '.' | '/' | '@' | '_');
            !before.is_some_and(joined)
                && !after.is_some_and(|c| {
                    c.is_alphanumeric()
                        || c == '@'
                        || c == '_'
                        || (c == '.'
                            && text[i + word.len() + 1..].starts_with(char::is_alphanumeric))
                })
        })
}

/// A candidate seen once for the joins of names that end one another: its key, its words
/// without the company form (compacted, and their count), its own word count, whether it is
/// a legal name, whether the text speaks of it as itself, whether the site's domain spells
/// it, whether the text defines it as "we".
struct Bare<'a> {
    key: &'a String,
    core: String,
    /// The words of the name without its company form, compact.
    core_keys: Vec<String>,
    words: usize,
    legal: bool,
    own: bool,
    site: bool,
    we: bool,
}

#[cfg(test)]
mod tests {
    use super::extends_at_word_end;

    #[test]
    fn a_family_grows_at_a_word_s_end() {
        assert!(extends_at_word_end("amazon", "Amazon.com Inc"));
        assert!(extends_at_word_end(
            "northvalleytimes",
            "The North Valley Times Company"
        ));
        assert!(extends_at_word_end("hideme", "hide.me VPN"));
        assert!(!extends_at_word_end("geo", "Geoportal"));
        assert!(!extends_at_word_end("face", "Facebook Inc"));
    }
}
