//! Clause segmentation: blocks of readable text become clauses with exact source offsets.
//!
//! A clause is a sentence, a list item or a heading. Sentences are split at `.`, `!` or `?`
//! followed by white space and a capital, except after abbreviations common in legal text
//! (`e.g.`, `Inc.`, `No.`, `Art.`); fragments of fewer than [`MIN_WORDS`] words merge with a
//! neighbour; over-long sentences are cut at `;`, then `,`, then any space.

use std::ops::Range;

use crate::analyze::sentence::sentence_ends;
use crate::corpus::layout::{BlockKind, Layout, OffsetMap};
use crate::text::Span;

/// Fragments shorter than this many words merge with a neighbouring sentence.
pub const MIN_WORDS: usize = 4;
/// A sentence shorter than this many words that follows another in the same block usually
/// finishes its thought ("Please keep this password confidential.") and joins it.
pub const TAIL_WORDS: usize = 6;
/// Two sentences about the same thing (sharing a content word) stay one clause while
/// together they have at most this many words.
pub const COHESION_WORDS: usize = 32;
/// Sentences longer than this many bytes are cut at clause punctuation.
pub const SOFT_MAX_BYTES: usize = 600;
/// No clause is longer than this unless the text has no space to cut at.
pub const HARD_MAX_BYTES: usize = 1000;
/// No clause's raw span (markup included) is longer than this unless its text has no space.
pub const MAX_RAW_BYTES: usize = 2000;

/// One clause of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Where the clause is in the source file (byte offsets).
    pub span: Span,
    /// 1-based line of its start in the source file.
    pub line: u32,
    /// The nearest preceding heading (for a heading, the nearest one of a higher rank).
    pub section: String,
    /// Readable text, markup removed; for plain text exactly the bytes `[start, end)`.
    pub text: String,
    /// Whether the clause is a heading.
    pub heading: bool,
    /// Map from offsets in `text` to file offsets, when it is not `start + offset`.
    pub map: Option<OffsetMap>,
}

impl Clause {
    /// The heading a tagger reads with the text (at half weight): the section of a sentence
    /// or an item; nothing for a heading, which names its own topic (its parent, often the
    /// document's title, "Privacy Policy" or "Terms of Use", would make every heading
    /// introductory).
    pub fn context(&self) -> &str {
        tagging_context(self.heading, &self.section)
    }

    /// File offsets of the text range `range` inside this clause.
    pub fn raw_range(&self, range: Range<usize>) -> Range<usize> {
        match &self.map {
            Some(map) => map.raw_start(range.start)..map.raw_end(range.end),
            None => self.span.start + range.start..self.span.start + range.end,
        }
    }
}

/// The section a tagger reads with a clause ([`Clause::context`]): none for a heading.
pub fn tagging_context(heading: bool, section: &str) -> &str {
    if heading {
        ""
    } else {
        section
    }
}

/// Cut a layout into clauses; `raw` is the file's bytes, for line numbers.
pub fn clauses(layout: &Layout, raw: &[u8]) -> Vec<Clause> {
    let lines = LineIndex::new(raw);
    // The headings that enclose the current position, outermost first, with their ranks;
    // the last is the section of what follows it.
    let mut open: Vec<(u8, String)> = Vec::new();
    let mut out = Vec::new();
    for block in &layout.blocks {
        if let BlockKind::Heading(rank) = block.kind {
            if !layout.text[block.range.clone()]
                .chars()
                .any(char::is_alphanumeric)
            {
                continue;
            }
            // A heading's own section is the heading it sits under (a rank above it), not
            // the one just before it: "Children" after "Do Not Track" is not about tracking.
            while open.last().is_some_and(|(r, _)| *r >= rank) {
                open.pop();
            }
            let parent = open.last().map_or("", |(_, title)| title.as_str());
            let range = block.range.clone();
            out.push(make_clause(layout, &lines, range, parent, true));
            let title = crate::text::collapse_ws(&layout.text[block.range.clone()]);
            open.push((rank, title));
            continue;
        }
        let section = open.last().map_or("", |(_, title)| title.as_str());
        let pieces = sentences_cached(&layout.text, block.range.clone())
            .into_iter()
            .flat_map(|r| cut_raw(layout, r))
            // Rows of empty table cells and runs of punctuation say nothing.
            .filter(|r| layout.text[r.clone()].chars().any(char::is_alphanumeric));
        for range in pieces {
            let mut clause = make_clause(layout, &lines, range.clone(), section, false);
            if clause.span.is_empty() {
                continue;
            }
            // Clauses at the edges of a block cover the markup around its text.
            if let Some(raw) = &block.raw {
                if range.start == block.range.start && raw.start < clause.span.start {
                    clause.span.start = raw.start;
                    clause.line = lines.line_of(raw.start);
                }
                if range.end == block.range.end && raw.end > clause.span.end {
                    clause.span.end = raw.end;
                }
                // The text no longer starts at `start`: keep the map for highlights.
                if clause.map.is_none() {
                    clause.map = Some(layout.map.slice(range));
                }
            }
            out.push(clause);
        }
    }
    out
}

/// Cut a sentence whose raw span is over [`MAX_RAW_BYTES`] (short text, long markup: a list of
/// links) at the white space nearest its middle, until every piece fits or has no space left.
fn cut_raw(layout: &Layout, range: Range<usize>) -> Vec<Range<usize>> {
    let raw = layout.raw_range(range.clone());
    if raw.end.saturating_sub(raw.start) <= MAX_RAW_BYTES {
        return vec![range];
    }
    let text = &layout.text[range.clone()];
    let middle = crate::text::floor_char_boundary(text, text.len() / 2);
    let cut = text[..middle]
        .rfind(char::is_whitespace)
        .or_else(|| text[middle..].find(char::is_whitespace).map(|i| middle + i))
        .filter(|&c| c > 0);
    let Some(cut) = cut else {
        return vec![range];
    };
    let mut out = Vec::new();
    for part in [range.start..range.start + cut, range.start + cut..range.end] {
        if let Some(part) = trim(&layout.text, part) {
            out.extend(cut_raw(layout, part));
        }
    }
    out
}

fn make_clause(
    layout: &Layout,
    lines: &LineIndex,
    range: Range<usize>,
    section: &str,
    heading: bool,
) -> Clause {
    let raw = layout.raw_range(range.clone());
    let map = layout.map.slice(range.clone());
    let map = (!map.is_identity_from(raw.start)).then_some(map);
    Clause {
        span: Span::new(raw.start, raw.end),
        line: lines.line_of(raw.start),
        section: section.to_owned(),
        text: layout.text[range].to_owned(),
        heading,
        map,
    }
}

/// Slots of the per-thread sentence cache (a power of two).
const SENTENCE_CACHE_SLOTS: usize = 1 << 14;

/// A slot of the sentence cache: the 128-bit hash of a block's text, and its sentences as
/// ranges relative to the block.
type SentenceSlot = (u128, Vec<(u32, u32)>);

thread_local! {
    /// Per thread, direct-mapped.
    static SENTENCE_CACHE: std::cell::RefCell<Vec<SentenceSlot>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Forget this thread's remembered sentences (benchmarks measure segmentation from cold).
pub fn forget_sentences() {
    SENTENCE_CACHE.with_borrow_mut(|slots| slots.clear());
}

/// [`sentences`], remembered per thread by the block's text: versions of a policy repeat
/// most of their paragraphs, and a block's sentences depend on its text alone.
fn sentences_cached(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let key = xxhash_rust::xxh3::xxh3_128(text[block.clone()].as_bytes());
    SENTENCE_CACHE.with_borrow_mut(|slots| {
        if slots.is_empty() {
            slots.resize(SENTENCE_CACHE_SLOTS, (0, Vec::new()));
        }
        let slot = &mut slots[(key as usize) & (SENTENCE_CACHE_SLOTS - 1)];
        if slot.0 == key && !slot.1.is_empty() {
            let at = block.start;
            return slot
                .1
                .iter()
                .map(|&(a, b)| at + a as usize..at + b as usize)
                .collect();
        }
        let found = sentences(text, block.clone());
        slot.0 = key;
        slot.1.clear();
        slot.1.extend(
            found
                .iter()
                .map(|r| ((r.start - block.start) as u32, (r.end - block.start) as u32)),
        );
        found
    })
}

/// Sentence ranges inside `block` of `text`, trimmed, short ones merged, long ones cut.
pub fn sentences(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let mut raw_sentences = Vec::new();
    let mut start = block.start;
    for end in sentence_ends(&text[block.clone()]) {
        raw_sentences.push(start..block.start + end);
        start = block.start + end;
    }
    raw_sentences.push(start..block.end);
    let trimmed = raw_sentences
        .into_iter()
        .filter_map(|r| trim(text, r))
        .flat_map(|r| cut_long(text, r));
    merge_short(text, trimmed.collect())
}

fn trim(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let t = s.trim_start();
    let start = r.start + (s.len() - t.len());
    let t = t.trim_end();
    (!t.is_empty()).then(|| start..start + t.len())
}

fn word_count(s: &str) -> usize {
    if !s.is_ascii() {
        return word_count_unicode(s);
    }
    // The same count a byte at a time: ASCII white space is what `char::is_whitespace`
    // says it is (vertical tab included), and a word counts if it has a letter or digit.
    let mut count = 0;
    let mut in_word = false;
    let mut counted = false;
    for &b in s.as_bytes() {
        if matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            in_word = false;
        } else {
            if !in_word {
                in_word = true;
                counted = false;
            }
            if !counted && b.is_ascii_alphanumeric() {
                counted = true;
                count += 1;
            }
        }
    }
    count
}

fn word_count_unicode(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Merge fragments under [`MIN_WORDS`] words into the following sentence (or the previous
/// one at the end of a block), unless the merge would exceed [`SOFT_MAX_BYTES`].
fn merge_short(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    // Each range with its word count, so merged ranges never count their words again.
    let mut out: Vec<(Range<usize>, usize)> = Vec::with_capacity(ranges.len());
    let mut pending: Option<(Range<usize>, usize)> = None;
    for r in ranges {
        let words = word_count(&text[r.clone()]);
        let (r, words) = match pending.take() {
            Some((p, w)) => (p.start..r.end, w + words),
            None => (r, words),
        };
        let sentence = &text[r.clone()];
        if words < MIN_WORDS || is_run_in_heading(sentence) {
            pending = Some((r, words));
            continue;
        }
        // A sentence that only elaborates the one before ("For example, ...", "This
        // includes ...") belongs to it: split apart, neither answers a question alone.
        match out.last_mut() {
            Some((last, last_words))
                if r.end - last.start <= SOFT_MAX_BYTES
                    && (continues_previous(sentence)
                        || words < TAIL_WORDS
                        || (*last_words + words <= COHESION_WORDS
                            && shares_content_word(&text[last.clone()], sentence))) =>
            {
                last.end = r.end;
                *last_words += words;
            }
            _ => out.push((r, words)),
        }
    }
    if let Some((p, words)) = pending {
        match out.last_mut() {
            Some((last, last_words)) if p.end - last.start <= SOFT_MAX_BYTES => {
                last.end = p.end;
                *last_words += words;
            }
            _ => out.push((p, words)),
        }
    }
    out.into_iter().map(|(r, _)| r).collect()
}

/// Does this sentence open with a connective or a pronoun pointing back at the previous one?
fn continues_previous(sentence: &str) -> bool {
    const OPENERS: &[&str] = &[
        "for example",
        "for instance",
        "e.g.",
        "i.e.",
        "this ",
        "these ",
        "that ",
        "those ",
        "such ",
        "it ",
        "they ",
        "or,",
        "or ",
        "and ",
        "but ",
        "however",
        "in addition",
        "additionally",
        "also",
        "furthermore",
        "moreover",
        "otherwise",
        "in such",
        "in this case",
        "in that case",
        "if so",
        "as a result",
        "therefore",
        "thus",
        "including",
        "each ",
        "in doing so",
        "if we do",
        "if you do",
        "to do so",
        "for that reason",
        "for this reason",
        "accordingly",
        "as such",
        "in these",
        "in those",
        "if notification",
        "if you",
        "if we",
        "once you",
        "any such",
        "if this",
        "to learn more",
        "for more information",
    ];
    let head: String = sentence
        .chars()
        .take(20)
        .flat_map(char::to_lowercase)
        .collect();
    if OPENERS.iter().any(|o| head.starts_with(o)) {
        return true;
    }
    // "We might also ...", "Kaleida Health also may ...".
    sentence
        .split_whitespace()
        .take(4)
        .skip(1)
        .any(|w| w.eq_ignore_ascii_case("also"))
}

/// Do two sentences share a content word (five letters or more, compared on the first five
/// letters, so "cookie" meets "cookies")?
fn shares_content_word(a: &str, b: &str) -> bool {
    const COMMON: &[&str] = &[
        "about",
        "their",
        "there",
        "which",
        "where",
        "would",
        "could",
        "should",
        "other",
        "these",
        "those",
        "information",
        "personal",
        "inform",
        "provi",
        "servi",
        "websi",
        "please",
        "using",
        "within",
        "without",
        "under",
        "after",
        "befor",
        "through",
    ];
    // First five letters of each word of five or more, lower-cased, unless a common word
    // begins with them or they begin with a common word.
    let keys = |s: &str| -> Vec<[char; 5]> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 5)
            .map(|w| {
                let mut key = ['\0'; 5];
                if w.is_ascii() {
                    for (k, b) in key.iter_mut().zip(w.bytes()) {
                        *k = char::from(b.to_ascii_lowercase());
                    }
                } else {
                    for (k, c) in key.iter_mut().zip(w.to_lowercase().chars()) {
                        *k = c;
                    }
                }
                key
            })
            .filter(|k| {
                !COMMON
                    .iter()
                    .any(|c| c.chars().zip(k).all(|(a, b)| a == *b))
            })
            .collect()
    };
    let first = keys(a);
    keys(b).iter().any(|k| first.contains(k))
}

/// A short sentence in title case ("Your California Privacy Rights.") is a run-in heading of
/// the sentences after it.
fn is_run_in_heading(sentence: &str) -> bool {
    if sentence.split_whitespace().nth(8).is_some() {
        return false;
    }
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .count();
    let minor = words
        .iter()
        .filter(|w| {
            let lower;
            let w = if w.bytes().any(|b| b.is_ascii_uppercase()) || !w.is_ascii() {
                lower = w.to_lowercase();
                lower.as_str()
            } else {
                w
            };
            matches!(
                w,
                "a" | "an"
                    | "the"
                    | "of"
                    | "and"
                    | "or"
                    | "to"
                    | "for"
                    | "in"
                    | "on"
                    | "with"
                    | "your"
                    | "our"
            )
        })
        .count();
    capitalised + minor >= words.len() && capitalised * 2 >= words.len()
}

/// Cut a sentence longer than [`SOFT_MAX_BYTES`] at `;`/`:`, then `,`, then white space.
fn cut_long(text: &str, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = r.start;
    while r.end - start > SOFT_MAX_BYTES {
        let window_end = crate::text::floor_char_boundary(text, start + HARD_MAX_BYTES);
        let window = &text[start..window_end.min(r.end)];
        let min = SOFT_MAX_BYTES / 3;
        let cut = last_cut(window, &["; ", ": "], min)
            .filter(|&c| c <= SOFT_MAX_BYTES * 3 / 2)
            .or_else(|| last_cut(window, &[", "], min))
            .or_else(|| {
                // Just after the last white space (which may be multibyte, e.g. U+00A0).
                window
                    .char_indices()
                    .rev()
                    .find(|&(i, c)| i > 0 && c.is_whitespace())
                    .map(|(i, c)| i + c.len_utf8())
            });
        let Some(cut) = cut else { break };
        if let Some(piece) = trim(text, start..start + cut) {
            out.push(piece);
        }
        start += cut;
    }
    if let Some(piece) = trim(text, start..r.end) {
        out.push(piece);
    }
    out
}

/// The offset just after the last of `seps` in `window` that leaves at least `min` bytes.
fn last_cut(window: &str, seps: &[&str], min: usize) -> Option<usize> {
    seps.iter()
        .filter_map(|sep| window.rfind(sep).map(|i| i + 1))
        .filter(|&i| i >= min)
        .max()
}

/// Line numbers of byte offsets.
struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    fn new(raw: &[u8]) -> Self {
        let newlines = raw
            .iter()
            .enumerate()
            .filter_map(|(i, &b)| (b == b'\n').then_some(i))
            .collect();
        LineIndex { newlines }
    }

    fn line_of(&self, offset: usize) -> u32 {
        (self.newlines.partition_point(|&nl| nl < offset) + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s, 0..s.len())
            .into_iter()
            .map(|r| &s[r])
            .collect()
    }

    #[test]
    fn respects_abbreviations_numbers_and_urls() {
        let s = "We use cookies, e.g. session cookies. See www.example.com for details about No. 5 of Art. 6(1)(f) GDPR. Version 1.5 applies to Acme Inc. and its friends! Ask us (by e-mail. Or by post.) for a copy of the data.";
        assert_eq!(
            split(s),
            vec![
                "We use cookies, e.g. session cookies.",
                "See www.example.com for details about No. 5 of Art. 6(1)(f) GDPR.",
                "Version 1.5 applies to Acme Inc. and its friends!",
                "Ask us (by e-mail. Or by post.) for a copy of the data.",
            ]
        );
    }

    #[test]
    fn short_fragments_merge() {
        let s = "Reliability and security. For your own security, we may use your data.";
        assert_eq!(split(s), vec![s]);
    }

    #[test]
    fn elaborations_stay_with_their_sentence() {
        let s = "We use cookies on our website. For example, session cookies remember your cart.";
        assert_eq!(split(s), vec![s]);
        let s = "We use cookies on our website. Cookies expire when you close the browser window.";
        assert_eq!(split(s), vec![s], "shared content word");
        let s = "We collect your name and address. Advertising partners receive nothing from us at all.";
        assert_eq!(split(s).len(), 2);
        let s = "Your California Privacy Rights. Residents of California may ask for a list of recipients.";
        assert_eq!(split(s), vec![s], "run-in heading");
    }

    #[test]
    fn long_sentences_are_cut() {
        let part = "we collect your name, your address and your telephone number";
        let s = vec![part; 30].join("; ");
        let pieces = split(&s);
        assert!(pieces.len() > 1);
        assert!(pieces.iter().all(|p| p.len() <= HARD_MAX_BYTES));
        let wall = "word ".repeat(500);
        assert!(split(&wall).iter().all(|p| p.len() <= HARD_MAX_BYTES));
    }

    #[test]
    fn long_markup_is_cut_by_raw_length() {
        let links: Vec<String> = (0..60)
            .map(|i| format!("[v{i}](https://example.com/archive/terms/version-{i:04})"))
            .collect();
        let raw = format!("# Versions\n\n{}\n", links.join(" "));
        let layout = crate::corpus::format::Format::Markdown.read(&raw);
        let cl = clauses(&layout, raw.as_bytes());
        assert!(cl.len() > 2);
        assert!(
            cl.iter()
                .all(|c| c.span.end - c.span.start <= MAX_RAW_BYTES),
            "{cl:?}"
        );
    }

    #[test]
    fn plain_text_clauses_slice_back() {
        let raw = "Privacy Policy\n\nWEBCLOUD PRO OÜ keeps your data for 12 months. We’ll never sell it to anybody.\n•All content is ours.\n";
        let layout = crate::corpus::format::Format::Text.read(raw);
        let cl = clauses(&layout, raw.as_bytes());
        assert_eq!(cl.len(), 4);
        for c in &cl {
            assert_eq!(&raw[c.span.start..c.span.end], c.text);
            assert!(c.map.is_none());
        }
        assert_eq!(cl[1].text, "WEBCLOUD PRO OÜ keeps your data for 12 months.");
        assert_eq!(cl[1].line, 3);
        assert_eq!(cl[1].section, "Privacy Policy");
        assert_eq!(cl[3].text, "All content is ours.");
        assert_eq!(cl[3].line, 4);
    }

    /// A heading sits under the nearest heading of a higher rank; what follows a heading sits
    /// under that heading.
    fn sections(format: crate::corpus::format::Format, raw: &str) -> Vec<(String, String)> {
        let layout = format.read(raw);
        clauses(&layout, raw.as_bytes())
            .into_iter()
            .map(|c| (c.text, c.section))
            .collect()
    }

    #[test]
    fn headings_sit_under_their_parent_not_their_sibling() {
        use crate::corpus::format::Format;
        let pair = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        let md = "# Our Privacy Notice\n\n## Do Not Track\n\nWe ignore browser signals today.\n\n## Children\n\n### Parental consent\n\nA parent may ask us to erase a child's account.\n";
        assert_eq!(
            sections(Format::Markdown, md),
            vec![
                pair("Our Privacy Notice", ""),
                pair("Do Not Track", "Our Privacy Notice"),
                pair("We ignore browser signals today.", "Do Not Track"),
                pair("Children", "Our Privacy Notice"),
                pair("Parental consent", "Children"),
                pair(
                    "A parent may ask us to erase a child's account.",
                    "Parental consent"
                ),
            ]
        );
        // A bold line is a heading by its looks, below every tagged rank.
        let html = "<h2>Sharing</h2><p><b>Vendors</b></p><p>Our vendors see your order history.</p><p><b>Advertisers</b></p><p>Advertisers never see it at all.</p><h2>Retention</h2>";
        let got = sections(Format::Html, html);
        assert_eq!(got[3], pair("Advertisers", "Sharing"));
        assert_eq!(got[5], pair("Retention", ""));
        // Plain text: numbering gives the rank; an unnumbered title line has none.
        let text = "1. Collection\n\nWe collect the details you type into forms.\n\n1.1 Cookies\n\nSmall files remember your settings.\n\n2. Sharing\n\nWe share nothing with brokers.\n";
        let got = sections(Format::Text, text);
        assert_eq!(got[2], pair("Cookies", "Collection"));
        assert_eq!(got[4], pair("Sharing", ""));
        assert_eq!(got[5], pair("We share nothing with brokers.", "Sharing"));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::corpus::format::Format;

    /// Text built from pieces that stress segmentation: multibyte white space and letters,
    /// terminators, markup, bullets, entities.
    fn policy_like() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "We keep data",
            " ",
            "\u{a0}",
            ". ",
            "? ",
            "\n",
            "\r\n",
            "\n\n",
            "• ",
            "* ",
            "1. ",
            "(a) ",
            "# ",
            "**",
            "[x](y)",
            "&amp;",
            "<p>",
            "</p>",
            "OÜ",
            "’",
            "e.g. ",
            "Inc. ",
            "|||",
            "\t",
            "word",
            "Ä",
            "—",
            ";",
            ",",
            "日本",
            "“",
            "”",
            "(",
            ")",
            "Label:1. ",
            "\u{feff}",
        ]);
        prop::collection::vec(piece, 0..200).prop_map(|v| v.concat())
    }

    fn check(raw: &str, format: Format) {
        let layout = format.read(raw);
        let clauses = clauses(&layout, raw.as_bytes());
        let mut last_end = 0;
        for c in &clauses {
            assert!(c.span.start < c.span.end, "empty clause {c:?}");
            assert!(c.span.end <= raw.len());
            assert!(c.span.start >= last_end, "overlap at {c:?}");
            assert!(raw.is_char_boundary(c.span.start) && raw.is_char_boundary(c.span.end));
            assert!(!c.text.trim().is_empty());
            last_end = c.span.end;
        }
    }

    proptest! {
        #[test]
        fn word_counts_of_ascii_text_match_the_unicode_rule(
            s in "[ \t\n\x0B\x0C\ra-zA-Z0-9.,;()'\x22-]{0,80}"
        ) {
            prop_assert_eq!(word_count(&s), word_count_unicode(&s));
        }

        #[test]
        fn segmentation_never_panics_and_stays_in_bounds(raw in policy_like()) {
            for format in [Format::Text, Format::Markdown, Format::Html] {
                check(&raw, format);
            }
        }

        #[test]
        fn plain_text_clauses_are_raw_slices(raw in policy_like()) {
            let layout = Format::Text.read(&raw);
            for c in clauses(&layout, raw.as_bytes()) {
                prop_assert_eq!(&raw[c.span.start..c.span.end], c.text.as_str());
            }
        }

        #[test]
        fn arbitrary_bytes_never_panic(raw in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = crate::analyze::document::Document::parse(
                "x.txt".as_ref(), &raw, &crate::corpus::Hints::text(),
                crate::analyze::topic::LexiconTagger::shared());
            let _ = crate::analyze::document::Document::parse(
                "x.html".as_ref(), &raw, &crate::corpus::Hints::text(),
                crate::analyze::topic::LexiconTagger::shared());
        }
    }
}
