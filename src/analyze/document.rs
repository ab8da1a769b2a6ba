//! A policy document: its bytes decoded, read in its format, cut into clauses, and tagged.
//!
//! This is the per-file work of indexing, and all of `polsearch clauses`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use crate::analyze::company;
use crate::analyze::lang::{self, Lang};
use crate::analyze::meta;
use crate::analyze::retention::{self, Retention};
use crate::analyze::segment::{self, Clause};
use crate::analyze::topic::{Topic, TopicTagger};
use crate::corpus::decode::{decode, Refusal};
use crate::corpus::format::Format;
use crate::corpus::Hints;
use crate::policy::{Kind, PolicyDate};

/// The largest file polsearch reads (32 MiB). The longest policies are a few hundred KB;
/// a larger file is left out with a reason, so that memory stays bounded (under 500 MB) for
/// any input, such as a 100 MB file of one line.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// Why a file over [`MAX_FILE_BYTES`] is skipped.
pub fn too_large(size: u64) -> String {
    format!(
        "file too large ({:.1} MiB; polsearch reads files up to {} MiB)",
        size as f64 / (1u64 << 20) as f64,
        MAX_FILE_BYTES >> 20
    )
}

/// A clause with its topics and retention statements.
#[derive(Debug, Clone)]
pub struct TaggedClause {
    /// The clause, offsets into the file.
    pub clause: Clause,
    /// Its topics.
    pub topics: Vec<Topic>,
    /// How strongly it is about each topic ([`crate::analyze::topic::pack_scores`]).
    pub scores: u64,
    /// Retention statements, offsets relative to the clause text.
    pub retention: Vec<Retention>,
    /// The language it is written in.
    pub lang: Lang,
}

/// One policy file, segmented and tagged.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file.
    pub path: PathBuf,
    /// How it was read.
    pub format: Format,
    /// The encoding its bytes were decoded from.
    pub encoding: &'static str,
    /// Its company (empty when unknown).
    pub company: String,
    /// Where the company name came from, and the text's evidence when the text decided.
    pub company_source: CompanySource,
    /// What kind of document it is.
    pub kind: Kind,
    /// When this version was captured: from the manifest, else the archive header, else a
    /// timestamp in the file name.
    pub snapshot: Option<PolicyDate>,
    /// The date the policy's own words give ("Last updated: March 2015").
    pub effective: Option<PolicyDate>,
    /// Its title, if it has one.
    pub title: Option<String>,
    /// Its clauses, in file order.
    pub clauses: Vec<TaggedClause>,
}

impl Document {
    /// Read `raw`, the bytes of `path`, into a document, its clauses tagged.
    pub fn parse(
        path: &Path,
        raw: &[u8],
        hints: &Hints,
        tagger: &dyn TopicTagger,
    ) -> Result<Document, Refusal> {
        let mut doc = Document::read(path, raw, hints)?;
        for tc in &mut doc.clauses {
            (tc.topics, tc.scores, tc.retention) = tag(tagger, &tc.clause, tc.lang);
        }
        Ok(doc)
    }

    /// Read `raw`, the bytes of `path`, into a document whose clauses are not tagged yet
    /// (no topics, no retention statements: see [`tag`]). The indexer tags each distinct
    /// clause of a group once.
    pub fn read(path: &Path, raw: &[u8], hints: &Hints) -> Result<Document, Refusal> {
        let decoded = decode(raw)?;
        let format = Format::detect(path, &decoded.text);
        let mut layout = format.read(&decoded.text);
        let archive = meta::take_archive_header(&mut layout);
        let title = meta::title(&layout);
        let (company, company_source) = company_of(path, &layout.text, archive.as_ref(), hints);
        let kind = hints
            .kind
            .or_else(|| path.file_stem()?.to_str().and_then(Kind::from_name))
            .or_else(|| title.as_deref().and_then(Kind::from_name))
            .or_else(|| Kind::from_name(&layout.text[..head(&layout.text, 2000)]))
            .unwrap_or(Kind::Other);
        let snapshot = hints
            .date
            .or_else(|| archive.as_ref().and_then(|a| a.date))
            .or_else(|| meta::date_in_file_name(path));
        let effective = meta::date_in_text(&layout.text);
        decoded.rebase(&mut layout);
        let clauses = segment::clauses(&layout, raw);
        let langs = lang::of_clauses(
            clauses
                .iter()
                .map(|c| (c.text.as_str(), c.section.as_str(), c.heading)),
        );
        let clauses = clauses
            .into_iter()
            .zip(langs)
            .map(|(clause, lang)| TaggedClause {
                clause,
                topics: Vec::new(),
                scores: 0,
                retention: Vec::new(),
                lang,
            })
            .collect();
        Ok(Document {
            path: path.to_path_buf(),
            format,
            encoding: decoded.encoding,
            company,
            company_source,
            kind,
            snapshot,
            effective,
            title,
            clauses,
        })
    }

    /// How many of its clauses are in each language, most first (then in [`Lang::ALL`]
    /// order).
    pub fn languages(&self) -> Vec<(Lang, usize)> {
        let mut counts = [0usize; Lang::ALL.len()];
        for tc in &self.clauses {
            counts[tc.lang as usize] += 1;
        }
        let mut out: Vec<(Lang, usize)> = Lang::ALL
            .into_iter()
            .zip(counts)
            .filter(|&(_, n)| n > 0)
            .collect();
        out.sort_by_key(|&(l, n)| (std::cmp::Reverse(n), l));
        out
    }

    /// The language it is written in: the named language most of its text is in (by
    /// characters; English when it has no clauses), or [`Lang::Other`] when the named ones
    /// hold less than a quarter of the text. A policy's versions are the files of one
    /// company, kind and language, so that a translation captured between two versions is
    /// not read as a rewrite. (`Other` is every unnamed language together: in a policy with
    /// its translations appended, or a page of links to each country's policy, it can hold
    /// more text than English without being the document's language.)
    pub fn language(&self) -> Lang {
        let mut chars = [0usize; Lang::ALL.len()];
        for tc in &self.clauses {
            chars[tc.lang as usize] += tc.clause.text.chars().count();
        }
        let total: usize = chars.iter().sum();
        let named = Lang::ALL
            .into_iter()
            .zip(chars)
            .filter(|&(l, n)| l != Lang::Other && n > 0)
            .max_by_key(|&(l, n)| (n, std::cmp::Reverse(l)));
        let named_total = total - chars[Lang::Other as usize];
        match named {
            Some((l, _)) if named_total * 4 >= total => l,
            _ if total == 0 => Lang::En,
            _ => Lang::Other,
        }
    }

    /// The date a document is selected and ordered by: its snapshot date when it has one,
    /// else the effective date its text states.
    pub fn date(&self) -> Option<PolicyDate> {
        self.snapshot.or(self.effective)
    }
}

/// Slots of the per-thread topic cache (a power of two; 32 bytes each with padding, 2 MiB).
const TOPIC_CACHE_SLOTS: usize = 1 << 16;

/// A clause's tags: topics, packed topic scores, retention statements.
pub type Tags = (Vec<Topic>, u64, Vec<Retention>);

/// Bits of a cache slot's `u16` besides the 12 topics.
const FILLED: u16 = 1 << 15;
const NO_RETENTION: u16 = 1 << 14;

thread_local! {
    /// Per thread: (hash of tagger id, clause and section; topic bit set and flags; packed
    /// topic scores), direct-mapped.
    static TOPIC_CACHE: RefCell<Vec<(u128, u16, u64)>> = const { RefCell::new(Vec::new()) };
}

/// The topics of a clause in language `lang` ([`lang::of_clauses`]), its packed topic scores
/// and its retention statements (offsets relative to its text). A clause in a language
/// polsearch does not read ([`Lang::is_read`]) has no topics and no statements: the English
/// model and rules would only invent them.
pub fn tag(tagger: &dyn TopicTagger, clause: &Clause, lang: Lang) -> Tags {
    if !lang.is_read() {
        return (Vec::new(), 0, Vec::new());
    }
    tag_cached(tagger, &clause.text, clause.context())
}

/// The topics of a clause (`tagger.tag(text, section)`) and its retention statements,
/// remembered per thread for the built-in taggers. Corpora of policies repeat themselves:
/// successive versions of a policy share most of their clauses, and boilerplate recurs across
/// companies, so most clauses of a crawl were classified before. The key is a 128-bit hash of
/// the tagger and both texts; a newer clause takes an older one's slot. The slot also says
/// whether the clause states no retention (most do not), so repeated clauses skip that
/// extraction too; statements themselves are extracted again (they are rare).
fn tag_cached(tagger: &dyn TopicTagger, text: &str, section: &str) -> Tags {
    let retention_of = |topics: &[Topic]| {
        retention::statements(text, section, topics.contains(&Topic::DataRetention))
    };
    let analyse = || {
        let (topics, scores, retention) = tagger.tag_with_retention(text, section);
        (
            topics,
            crate::analyze::topic::pack_scores(&scores),
            retention,
        )
    };
    let Some(id) = tagger.cache_id() else {
        return analyse();
    };
    let mut h = Xxh3::new();
    h.update(&[id]);
    h.update(text.as_bytes());
    // 0xff never occurs in UTF-8: text and section cannot run into each other.
    h.update(&[0xff]);
    h.update(section.as_bytes());
    let key = h.digest128();
    TOPIC_CACHE.with_borrow_mut(|slots| {
        if slots.is_empty() {
            slots.resize(TOPIC_CACHE_SLOTS, (0, 0, 0));
        }
        let slot = &mut slots[(key as usize) & (TOPIC_CACHE_SLOTS - 1)];
        if slot.0 == key && slot.1 & FILLED != 0 {
            let topics = Topic::from_mask(slot.1 & !(FILLED | NO_RETENTION));
            let retention = if slot.1 & NO_RETENTION != 0 {
                Vec::new()
            } else {
                retention_of(&topics)
            };
            return (topics, slot.2, retention);
        }
        let (topics, scores, retention) = analyse();
        let none = if retention.is_empty() {
            NO_RETENTION
        } else {
            0
        };
        *slot = (key, Topic::mask_of(&topics) | FILLED | none, scores);
        (topics, scores, retention)
    })
}

fn head(text: &str, bytes: usize) -> usize {
    crate::text::floor_char_boundary(text, bytes)
}

/// Where a document's company name came from, with the text's evidence (for and against the
/// leading names) whenever the text was read for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompanySource {
    /// What named the company.
    pub from: NamedBy,
    /// The text's evidence, when the text decided.
    pub evidence: Vec<company::Evidence>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// What named a document's company.
pub enum NamedBy {
    /// The manifest or the folder layout.
    Hint,
    /// The text.
    Text,
    /// The domain of an archive header ("... from the example.com privacy policy ...").
    ArchiveHeader,
    /// The web domain in the file name (`1050_honda.com.html`).
    FileName,
    /// Nothing named it.
    Unknown,
}

impl NamedBy {
    /// Its name in JSON: `hint`, `text`, `archive-header`, `file-name` or `unknown`.
    pub fn name(self) -> &'static str {
        match self {
            NamedBy::Hint => "hint",
            NamedBy::Text => "text",
            NamedBy::ArchiveHeader => "archive-header",
            NamedBy::FileName => "file-name",
            NamedBy::Unknown => "unknown",
        }
    }
}

/// The company of a document: the hint, else the text's evidence, else an archive header's or
/// the file name's domain, else `unknown`.
fn company_of(
    path: &Path,
    text: &str,
    archive: Option<&meta::ArchiveHeader>,
    hints: &Hints,
) -> (String, CompanySource) {
    let source = |from, evidence| CompanySource { from, evidence };
    if let Some(company) = &hints.company {
        return (company.clone(), source(NamedBy::Hint, Vec::new()));
    }
    if !hints.company_from_text {
        return (
            company::UNKNOWN.to_owned(),
            source(NamedBy::Unknown, Vec::new()),
        );
    }
    let inference = company::infer_with_evidence(text);
    let evidence = inference.evidence;
    if let Some(name) = inference.name {
        (name, source(NamedBy::Text, evidence))
    } else if let Some(a) = archive {
        (a.domain.clone(), source(NamedBy::ArchiveHeader, evidence))
    } else if let Some(d) = meta::domain_in_file_name(path) {
        (spelled_as_in(text, &d), source(NamedBy::FileName, evidence))
    } else {
        (
            company::UNKNOWN.to_owned(),
            source(NamedBy::Unknown, evidence),
        )
    }
}

fn spelled_as_in(text: &str, name: &str) -> String {
    text.to_lowercase()
        .find(name)
        .and_then(|i| text.get(i..i + name.len()))
        .filter(|s| s.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::classifier::default_tagger;
    use crate::analyze::topic::LexiconTagger;

    /// A tagger whose verdicts change between calls: it must never be cached.
    struct Flipping(std::sync::atomic::AtomicBool);

    impl TopicTagger for Flipping {
        fn tag(&self, _: &str, _: &str) -> Vec<Topic> {
            let on = !self.0.fetch_xor(true, std::sync::atomic::Ordering::Relaxed);
            if on {
                vec![Topic::Contact]
            } else {
                Vec::new()
            }
        }
    }

    #[test]
    fn cached_topics_equal_the_taggers_own() {
        let raw = "Data Retention\n\nWe keep logs for 12 months. We keep logs for 12 months.\n\n\
                   Contact Us\n\nWrite to privacy@example.com with questions about this policy.\n\n\
                   Data Retention\n\nWe keep logs for 12 months. We keep logs for 12 months.\n";
        for tagger in [
            default_tagger(),
            LexiconTagger::shared() as &dyn TopicTagger,
        ] {
            // Twice: the second parse is answered from the cache.
            for _ in 0..2 {
                let doc = Document::parse("p.txt".as_ref(), raw.as_bytes(), &Hints::text(), tagger)
                    .unwrap();
                for tc in &doc.clauses {
                    let (topics, scores) = tagger.tag_scored(&tc.clause.text, tc.clause.context());
                    assert_eq!(tc.topics, topics);
                    assert_eq!(tc.topics, tagger.tag(&tc.clause.text, tc.clause.context()));
                    assert_eq!(tc.scores, crate::analyze::topic::pack_scores(&scores));
                }
            }
        }
        // The same text under another tagger is not answered from the first one's verdicts.
        let flipping = Flipping(Default::default());
        let a = tag_cached(&flipping, "Write to us.", "Contact");
        let b = tag_cached(&flipping, "Write to us.", "Contact");
        assert_ne!(a, b);
    }

    fn language_of(raw: &str) -> Lang {
        Document::read("p.md".as_ref(), raw.as_bytes(), &Hints::text())
            .unwrap()
            .language()
    }

    #[test]
    fn a_documents_language_is_the_named_one_most_of_its_text_is_in() {
        let english = "# Privacy Policy\n\nWe keep your messages for six months and then we delete them from our servers.\n\n\
                       We do not sell your personal information to anyone, and we never rent it out.\n";
        let french = "# Politique de confidentialité\n\nNous conservons vos messages pendant six mois, puis nous les supprimons de nos serveurs.\n\n\
                      Nous ne vendons pas vos informations personnelles et nous ne les louons pas non plus.\n";
        assert_eq!(language_of(english), Lang::En);
        assert_eq!(language_of(french), Lang::Fr);
        // A short English heading over a French text: French.
        assert_eq!(language_of(&format!("# Privacy\n\n{french}")), Lang::Fr);
        // An English policy with translations into languages polsearch does not name appended
        // (Polish, Swedish): together they may outweigh English, but are not one language.
        let polish = "Przechowujemy Twoje wiadomości przez sześć miesięcy, a następnie usuwamy je z naszych serwerów. \
                      Nie sprzedajemy Twoich danych osobowych nikomu i nigdy nie wynajmujemy tych danych.\n\n";
        let swedish =
            "Vi sparar dina meddelanden i sex månader och raderar dem sedan från våra servrar. \
                       Vi säljer inte dina personuppgifter till någon och hyr aldrig ut dem.\n\n";
        assert_eq!(
            language_of(&format!("{english}\n{polish}{swedish}")),
            Lang::En
        );
        // A text in an unnamed language with an English heading: other.
        assert_eq!(
            language_of(&format!("# Privacy Policy\n\n{polish}{polish}")),
            Lang::Other
        );
        // No clauses at all: English, as a clause whose language nothing shows.
        let mut doc = Document::read("p.md".as_ref(), french.as_bytes(), &Hints::text()).unwrap();
        doc.clauses.clear();
        assert_eq!(doc.language(), Lang::En);
    }
}
