//! Topics: the OPP-115 privacy-practice taxonomy, and the tagger that assigns them to clauses.
//!
//! Every tagger implements [`TopicTagger`], so the transparent lexicon here can be replaced by
//! a trained classifier without touching the indexer or the CLI.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// The twelve OPP-115 topics, spelled as polsearch facet values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    /// What the site collects and why (First Party Collection/Use).
    FirstPartyCollection,
    /// What is shared with whom (Third Party Sharing/Collection).
    ThirdPartySharing,
    /// Choices and opt-outs (User Choice/Control).
    UserChoice,
    /// Seeing, editing, deleting one's data (User Access, Edit and Deletion).
    UserAccess,
    /// How long data is kept.
    DataRetention,
    /// How data is protected.
    DataSecurity,
    /// How users learn of changes to the policy.
    PolicyChange,
    /// Do Not Track signals.
    DoNotTrack,
    /// Children, residents of a state or country (International and Specific Audiences).
    SpecificAudiences,
    /// Introductory and generic text.
    Introductory,
    /// How to contact the company.
    Contact,
    /// Anything else.
    Other,
}

impl Topic {
    /// Every topic, in taxonomy order.
    pub const ALL: [Topic; 12] = [
        Topic::FirstPartyCollection,
        Topic::ThirdPartySharing,
        Topic::UserChoice,
        Topic::UserAccess,
        Topic::DataRetention,
        Topic::DataSecurity,
        Topic::PolicyChange,
        Topic::DoNotTrack,
        Topic::SpecificAudiences,
        Topic::Introductory,
        Topic::Contact,
        Topic::Other,
    ];

    /// The topic's facet value (`data-retention`).
    pub fn name(self) -> &'static str {
        match self {
            Topic::FirstPartyCollection => "first-party-collection",
            Topic::ThirdPartySharing => "third-party-sharing",
            Topic::UserChoice => "user-choice",
            Topic::UserAccess => "user-access",
            Topic::DataRetention => "data-retention",
            Topic::DataSecurity => "data-security",
            Topic::PolicyChange => "policy-change",
            Topic::DoNotTrack => "do-not-track",
            Topic::SpecificAudiences => "specific-audiences",
            Topic::Introductory => "introductory",
            Topic::Contact => "contact",
            Topic::Other => "other",
        }
    }
}

impl fmt::Display for Topic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A topic name that is not one of the twelve.
#[derive(Debug, Clone, thiserror::Error)]
#[error("unknown topic '{0}' (known topics: {known})", known = Topic::ALL.map(Topic::name).join(", "))]
pub struct UnknownTopic(pub String);

impl FromStr for Topic {
    type Err = UnknownTopic;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        Topic::ALL
            .into_iter()
            .find(|t| t.name() == wanted)
            .ok_or_else(|| UnknownTopic(s.to_owned()))
    }
}

/// Assigns topics to a clause, given its text and its section heading.
pub trait TopicTagger: Send + Sync {
    /// The topics of a clause.
    fn tag(&self, text: &str, section: &str) -> Vec<Topic>;

    /// The topics and how strongly the clause is about each topic, in `[0, 1]`
    /// ([`Topic::ALL`] order): by default 1 for its topics and 0 for the others.
    fn tag_scored(&self, text: &str, section: &str) -> (Vec<Topic>, [f32; 12]) {
        let topics = self.tag(text, section);
        let mut scores = [0.0; 12];
        for t in &topics {
            scores[*t as usize] = 1.0;
        }
        (topics, scores)
    }

    /// The topics, the scores and the clause's retention statements
    /// ([`crate::analyze::retention::statements`], told whether the clause is about data
    /// retention).
    fn tag_with_retention(
        &self,
        text: &str,
        section: &str,
    ) -> (
        Vec<Topic>,
        [f32; 12],
        Vec<crate::analyze::retention::Retention>,
    ) {
        let (topics, scores) = self.tag_scored(text, section);
        let retention = crate::analyze::retention::statements(
            text,
            section,
            topics.contains(&Topic::DataRetention),
        );
        (topics, scores, retention)
    }

    /// An id under which this tagger's verdicts may be cached by clause text for the rest of
    /// the run: only for the built-in taggers, which never change. `None`: never cache.
    fn cache_id(&self) -> Option<u8> {
        None
    }
}

/// Topic scores in `[0, 1]` packed in a `u64`, four bits per topic (topic `t` in bits
/// `4t..4t+4`): what the index keeps of a clause's scores for ranking.
pub fn pack_scores(scores: &[f32; 12]) -> u64 {
    scores.iter().enumerate().fold(0, |acc, (t, s)| {
        let q = (s.clamp(0.0, 1.0) * 15.0).round() as u64;
        acc | q << (4 * t)
    })
}

/// The scores [`pack_scores`] packed (to within 1/30).
pub fn unpack_scores(packed: u64) -> [f32; 12] {
    std::array::from_fn(|t| (packed >> (4 * t) & 0xf) as f32 / 15.0)
}

impl Topic {
    /// The topics as a bit set (bit `t as usize` for topic `t`).
    pub fn mask_of(topics: &[Topic]) -> u16 {
        topics.iter().fold(0, |m, t| m | 1 << (*t as usize))
    }

    /// The topics of a bit set, in taxonomy order.
    pub fn from_mask(mask: u16) -> Vec<Topic> {
        Topic::ALL
            .into_iter()
            .filter(|t| mask & (1 << (*t as usize)) != 0)
            .collect()
    }
}

/// Weighted key phrases per topic; a clause gets a topic when its phrases weigh at least 1.
/// Phrases in the section heading count half. Matching is ASCII-case-insensitive, on word
/// starts, so `retain` also finds `retained` and `retention`.
const LEXICON: &[(Topic, &[(&str, f32)])] = &[
    (
        Topic::FirstPartyCollection,
        &[
            ("we collect", 1.0),
            ("collect", 0.6),
            ("we use", 0.7),
            ("we process", 0.7),
            ("we gather", 1.0),
            ("we obtain", 1.0),
            ("we receive", 0.8),
            ("automatically", 0.4),
            ("log data", 0.6),
            ("usage data", 0.6),
            ("ip address", 0.4),
            ("cookies", 0.4),
            ("information you provide", 1.0),
            ("data you provide", 1.0),
            ("purposes", 0.4),
            ("legitimate interest", 0.6),
            ("analytics", 0.4),
        ],
    ),
    (
        Topic::ThirdPartySharing,
        &[
            ("third part", 1.0),
            ("share", 0.7),
            ("disclose", 0.8),
            ("sell", 0.7),
            ("partners", 0.6),
            ("affiliates", 0.6),
            ("service providers", 0.8),
            ("processors", 0.5),
            ("transfer", 0.5),
            ("advertis", 0.5),
            ("vendors", 0.6),
            ("law enforcement", 0.8),
            ("hand your personal data over", 1.0),
        ],
    ),
    (
        Topic::UserChoice,
        &[
            ("opt out", 1.0),
            ("opt-out", 1.0),
            ("opt in", 1.0),
            ("opt-in", 1.0),
            ("consent", 0.6),
            ("unsubscribe", 1.0),
            ("you may choose", 1.0),
            ("you can choose", 1.0),
            ("choice", 0.6),
            ("disable", 0.6),
            ("browser settings", 0.8),
            ("preferences", 0.5),
            ("withdraw", 0.7),
            ("object to", 0.7),
        ],
    ),
    (
        Topic::UserAccess,
        &[
            ("access your", 0.8),
            ("right to access", 1.0),
            ("right of access", 1.0),
            ("rectif", 1.0),
            ("correct", 0.6),
            ("delete your", 0.8),
            ("deletion", 0.6),
            ("erase", 0.8),
            ("erasure", 1.0),
            ("update your", 0.7),
            ("portability", 1.0),
            ("copy of your", 0.8),
            ("your rights", 0.6),
            ("request access", 1.0),
        ],
    ),
    (
        Topic::DataRetention,
        &[
            ("retain", 1.0),
            ("retention", 1.0),
            ("keep", 0.6),
            ("we keep", 0.3),
            ("kept", 0.7),
            ("stored for", 1.0),
            ("store your", 0.5),
            ("held for", 1.0),
            ("as long as", 0.5),
            ("no longer", 0.4),
            ("delete", 0.3),
            ("months", 0.4),
            ("years", 0.4),
            ("days", 0.3),
            ("period", 0.4),
            ("remain on file", 1.0),
            ("until you", 0.3),
        ],
    ),
    (
        Topic::DataSecurity,
        &[
            ("secur", 0.8),
            ("encrypt", 1.0),
            ("ssl", 1.0),
            ("tls", 1.0),
            ("safeguard", 1.0),
            ("protect", 0.5),
            ("unauthori", 0.8),
            ("breach", 0.8),
            ("firewall", 1.0),
            ("password", 0.6),
            ("confidential", 0.5),
        ],
    ),
    (
        Topic::PolicyChange,
        &[
            ("change this", 0.8),
            ("changes to this", 1.0),
            ("modify", 0.6),
            ("update this", 0.8),
            ("amend", 0.7),
            ("revise", 0.7),
            ("notify you", 0.5),
            ("effective date", 0.8),
            ("last updated", 1.0),
            ("from time to time", 0.5),
            ("reread", 0.6),
            ("new version", 0.7),
        ],
    ),
    (
        Topic::DoNotTrack,
        &[("do not track", 1.0), ("do-not-track", 1.0), ("dnt", 1.0)],
    ),
    (
        Topic::SpecificAudiences,
        &[
            ("children", 1.0),
            ("child", 0.8),
            ("minors", 1.0),
            ("under the age", 1.0),
            ("under 13", 1.0),
            ("under 16", 1.0),
            ("under 18", 1.0),
            ("years old", 0.6),
            ("parent", 0.5),
            ("california", 1.0),
            ("european", 0.6),
            ("eea", 0.7),
            ("gdpr", 0.5),
            ("ccpa", 1.0),
            ("residents", 0.6),
        ],
    ),
    (
        Topic::Introductory,
        &[
            ("this privacy policy", 0.6),
            ("this policy", 0.4),
            ("privacy notice", 0.4),
            ("describes", 0.5),
            ("explains", 0.5),
            ("applies to", 0.5),
            ("respect your privacy", 1.0),
            ("value your privacy", 1.0),
            ("welcome", 0.6),
            ("by using", 0.6),
            ("by accessing", 0.6),
            ("in this document", 0.8),
        ],
    ),
    (
        Topic::Contact,
        &[
            ("contact us", 1.0),
            ("contact", 0.5),
            ("email", 0.5),
            ("e-mail", 0.5),
            ("questions", 0.5),
            ("phone", 0.4),
            ("write to", 0.8),
            ("address", 0.2),
            ("data protection officer", 1.0),
            ("dpo", 0.8),
            ("get in touch", 1.0),
            ("reach out", 0.8),
        ],
    ),
];

/// The lexicon tagger: transparent rules, no training.
pub struct LexiconTagger {
    matcher: AhoCorasick,
    /// For each pattern of `matcher`: its topic and weight.
    entries: Vec<(Topic, f32)>,
}

static LEXICON_TAGGER: LazyLock<LexiconTagger> = LazyLock::new(LexiconTagger::build);

thread_local! {
    /// Scratch space for one text's matches.
    static MATCHES: RefCell<Vec<(usize, f32)>> = const { RefCell::new(Vec::new()) };
    /// The last section heading scored on this thread, and its weighted matches.
    static LAST_SECTION: RefCell<(String, Vec<(usize, f32)>)> =
        const { RefCell::new((String::new(), Vec::new())) };
}

impl LexiconTagger {
    /// The shared lexicon tagger (built once).
    pub fn shared() -> &'static LexiconTagger {
        &LEXICON_TAGGER
    }

    fn build() -> LexiconTagger {
        let mut patterns = Vec::new();
        let mut entries = Vec::new();
        for (topic, phrases) in LEXICON {
            for (phrase, weight) in phrases.iter() {
                patterns.push(*phrase);
                entries.push((*topic, *weight));
            }
        }
        // A full DFA: the lexicon is small, and tagging runs on every clause.
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("the lexicon is a small static pattern set");
        LexiconTagger { matcher, entries }
    }

    /// Add each topic's lexicon weight in `text`, times `factor`, to `scores`.
    pub fn score_into(&self, text: &str, factor: f32, scores: &mut [f32; 12]) {
        MATCHES.with_borrow_mut(|matches| {
            matches.clear();
            self.matches_into(text, factor, matches);
            for &(t, w) in matches.iter() {
                scores[t] += w;
            }
        });
    }
}

impl LexiconTagger {
    /// Each topic's lexicon weight for a clause: its own phrases, plus half of its section's.
    ///
    /// Consecutive clauses mostly share their section, so each thread remembers the last
    /// section's matches and adds them again in the same order (the same sums, bit for bit).
    pub fn scores(&self, text: &str, section: &str) -> [f32; 12] {
        let mut scores = [0f32; 12];
        self.score_into(text, 1.0, &mut scores);
        if !section.is_empty() && section != text {
            LAST_SECTION.with_borrow_mut(|last| {
                if last.0 != section {
                    last.0.clear();
                    last.0.push_str(section);
                    last.1.clear();
                    self.matches_into(section, 0.5, &mut last.1);
                }
                for &(t, w) in &last.1 {
                    scores[t] += w;
                }
            });
        }
        scores
    }

    /// The weighted matches [`LexiconTagger::score_into`] adds up, in its order.
    fn matches_into(&self, text: &str, factor: f32, out: &mut Vec<(usize, f32)>) {
        let bytes = text.as_bytes();
        let mut seen = [false; 256];
        for m in self.matcher.find_overlapping_iter(text) {
            let at_word_start = m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
            let pid = m.pattern().as_usize();
            if !at_word_start || seen.get(pid).copied().unwrap_or(false) {
                continue;
            }
            if let Some(s) = seen.get_mut(pid) {
                *s = true;
            }
            let (topic, weight) = self.entries[pid];
            out.push((topic as usize, weight * factor));
        }
    }

    /// The topics whose weight in `scores` reaches 1.
    pub fn topics_of(scores: &[f32; 12]) -> Vec<Topic> {
        Topic::ALL
            .into_iter()
            .filter(|t| scores[*t as usize] >= 1.0)
            .collect()
    }
}

impl TopicTagger for LexiconTagger {
    fn tag(&self, text: &str, section: &str) -> Vec<Topic> {
        LexiconTagger::topics_of(&self.scores(text, section))
    }

    fn tag_scored(&self, text: &str, section: &str) -> (Vec<Topic>, [f32; 12]) {
        let scores = self.scores(text, section);
        (
            LexiconTagger::topics_of(&scores),
            scores.map(|s| s.clamp(0.0, 1.0)),
        )
    }

    fn cache_id(&self) -> Option<u8> {
        std::ptr::eq(self, LexiconTagger::shared()).then_some(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for t in Topic::ALL {
            assert_eq!(t.name().parse::<Topic>().unwrap(), t);
        }
        assert!("retention".parse::<Topic>().is_err());
        assert_eq!(
            "Data Retention".parse::<Topic>().unwrap(),
            Topic::DataRetention
        );
    }

    #[test]
    fn lexicon_tags_typical_clauses() {
        let tagger = LexiconTagger::shared();
        let t = tagger.tag(
            "the data required to identify the terminal (user’s IP address) will be held for 12 months.",
            "Privacy Policy",
        );
        assert!(t.contains(&Topic::DataRetention), "{t:?}");
        let t = tagger.tag("We never sell your data to third parties.", "");
        assert_eq!(t, vec![Topic::ThirdPartySharing]);
        let t = tagger.tag("Our services are not intended for children under 13.", "");
        assert!(t.contains(&Topic::SpecificAudiences));
        let t = tagger.tag("We honour Do Not Track signals.", "");
        assert!(t.contains(&Topic::DoNotTrack));
        assert!(tagger.tag("The sky is blue today.", "").is_empty());
    }
}
