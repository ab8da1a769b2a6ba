//! From what a user types to what tantivy parses.
//!
//! Users type keywords, questions ("how long do you keep my IP address?"), "phrases",
//! `+must -not` and `field:value`. Before tantivy's parser sees the query, this module drops
//! stop words from plain words (so a question is not drowned by "do", "you", "my"), turns
//! hyphenated words into phrases (`third-party`), strips stray punctuation, and lifts
//! `company:X` and `topic:X` out as filters, the same as `--company` and `--topic`.
//!
//! The result is typed, read once ([`PreparedQuery`]): the text part is plain words analysed
//! to index terms, one phrase, or query syntax for tantivy's parser ([`TextQuery`]); the
//! lifted filters are company names and [`Topic`]s. The searcher plans from it and never
//! reads the string again.
//!
//! Questions never fail: an unbalanced quote, `word:` where `word` is no field (`see
//! https://x.com`), parentheses nested deeper than [`MAX_NESTING`] or anything else the query
//! parser rejects is searched as plain words instead, with a note saying so. Only a query
//! longer than [`MAX_QUERY_BYTES`] is refused.

use crate::analyze::lang::Lang;
use crate::analyze::topic::Topic;
use crate::error::{Error, Result};

/// A query split into the text part and the facet filters it named.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreparedQuery {
    /// The text part, as typed once stop words, punctuation and the filters are gone (what
    /// [`PreparedQuery::text`] reads).
    pub rewritten: String,
    /// `company:` terms of the query.
    pub companies: Vec<String>,
    /// `topic:` terms of the query.
    pub topics: Vec<Topic>,
    /// Why part of the query was read as plain words (for stderr).
    pub notes: Vec<String>,
    /// The language besides English the query is read in ([`reads_as`], or the language the
    /// search is limited to), one of [`crate::index::schema::NATIVE`]'s: its words also search
    /// that language's analysis of its clauses ([`PreparedQuery::native_terms`]). In French,
    /// elided articles and the pronouns of inverted questions (`l'adresse`, `conservez-vous`)
    /// are dropped.
    pub native: Option<Lang>,
}

/// The text part of a query, read once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextQuery {
    /// No words: every clause matches.
    Everything,
    /// Plain words (what questions become), each analysed to one index term, in query order
    /// (a repeated word repeats).
    Terms(Vec<String>),
    /// One quoted phrase of two terms or more, analysed (consecutive positions).
    Phrase(Vec<String>),
    /// Query syntax (`+must -not`, `field:value`, boosts, several phrases, `AND`/`OR`/`NOT`,
    /// words that are not one term), for tantivy's query parser.
    Syntax(String),
}

impl PreparedQuery {
    /// When the query is read in another language than English ([`PreparedQuery::native`])
    /// and its text part is plain words or one phrase: that language's analysis of each of
    /// the words ([`crate::index::schema::native_analyzer`], without twins: `fr:conserv`),
    /// in the order of the terms of [`PreparedQuery::text`]. The words are read together, as
    /// a clause is, so
    /// the verb of a French "nous" the query keeps is read as its infinitive ("nous
    /// partageons" finds "partager"; the English terms keep the word as written). `None` for
    /// an English query, query syntax or no words.
    pub fn native_terms(&self) -> Option<Vec<String>> {
        let lang = self.native?;
        let text = self.rewritten.as_str();
        let (words, count) = match self.text() {
            TextQuery::Terms(terms) => (text, terms.len()),
            TextQuery::Phrase(terms) => (text.trim_matches('"'), terms.len()),
            TextQuery::Everything | TextQuery::Syntax(_) => return None,
        };
        let mut analyzer = crate::index::schema::native_analyzer(lang, false)?;
        let mut stream = analyzer.token_stream(words);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        (out.len() == count).then_some(out)
    }

    /// The text part, read: terms, a phrase, or syntax for the parser.
    pub fn text(&self) -> TextQuery {
        let text = self.rewritten.as_str();
        if text.trim().is_empty() {
            TextQuery::Everything
        } else if let Some(terms) = plain_terms(text) {
            TextQuery::Terms(terms)
        } else if let Some(terms) = phrase_terms(text) {
            TextQuery::Phrase(terms)
        } else {
            TextQuery::Syntax(text.to_owned())
        }
    }
}

/// The index terms of a text that is nothing but plain words that each analyse to one term.
fn plain_terms(text: &str) -> Option<Vec<String>> {
    let mut analyzer = crate::index::schema::analyzer();
    let mut out = Vec::new();
    for word in text.split_whitespace() {
        if matches!(word, "AND" | "OR" | "NOT") || !word.chars().all(char::is_alphanumeric) {
            return None;
        }
        let mut stream = analyzer.token_stream(word);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push(stream.token().text.clone());
        }
        let [term] = <[String; 1]>::try_from(terms).ok()?;
        out.push(term);
    }
    (!out.is_empty()).then_some(out)
}

/// The analysed terms of a text that is one quoted phrase of two words or more (as the
/// parser would build a phrase query of them: consecutive positions, nothing dropped).
fn phrase_terms(text: &str) -> Option<Vec<String>> {
    let inner = text.strip_prefix('"')?.strip_suffix('"')?;
    if inner.contains('"') {
        return None;
    }
    let mut analyzer = crate::index::schema::analyzer();
    let mut stream = analyzer.token_stream(inner);
    let mut terms = Vec::new();
    while stream.advance() {
        let token = stream.token();
        if token.position != terms.len() {
            return None;
        }
        terms.push(token.text.clone());
    }
    (terms.len() >= 2).then_some(terms)
}

/// The longest query accepted (pasted paragraphs are far shorter).
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// The deepest parenthesis nesting passed to the query parser, which recurses per level.
pub const MAX_NESTING: usize = 16;

/// The fields a `field:value` token may name in query syntax (besides the lifted filters).
const QUERY_FIELDS: &[&str] = &["text", "section"];

/// French stop words: articles (elided ones too), pronouns, prepositions, the verbs "être"
/// and "avoir" and question words: what is dropped of a word joined to another by an
/// apostrophe or a hyphen ("l'adresse", "d'opposition", "conservez-vous").
const FRENCH_STOP_WORDS: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "à", "et", "ou",
    "en", "dans", "par", "pour", "sur", "avec", "ce", "cet", "cette", "ces", "qui", "que", "qu",
    "quoi", "quel", "quelle", "quels", "quelles", "est", "sont", "être", "a", "ont", "vos",
    "votre", "nos", "notre", "nous", "vous", "ils", "elles", "il", "elle", "leur", "leurs", "son",
    "sa", "ses", "se", "s", "ne", "n", "pas", "y", "on", "mes", "ma", "mon", "me", "m", "je", "j",
    "c", "t", "comment", "combien", "pourquoi", "quand", "où", "lorsque", "si", "plus",
];

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "how", "what", "which",
    "who", "whom", "whose", "when", "where", "why", "that", "this", "these", "those", "it", "its",
    "i", "me", "my", "we", "our", "us", "you", "your", "they", "them", "their", "he", "she", "his",
    "her", "can", "could", "will", "would", "should", "may", "might", "shall", "have", "has",
    "had", "there", "if", "then", "than", "so", "any", "about", "into", "also", "am", "there",
    "here", "some", "much", "many", "very", "just", "too", "s", "t",
];

/// Does the query use query syntax: a quote, `+word`, `-word` or `field:value`? Such a
/// query means exactly what it says: it is neither read as a question nor widened to the
/// periods it names.
pub fn uses_syntax(query: &str) -> bool {
    query.contains(['"', '+'])
        || query.split_whitespace().any(|w| {
            w.starts_with('-')
                || w.split_once(':')
                    .is_some_and(|(f, v)| !f.is_empty() && !v.is_empty())
        })
}

/// Is `word` (lower case) an English stop word?
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Is `word` (lower case) a French stop word or elided article (`l` of `l'adresse`)? Such a
/// word is dropped where it is joined to another by an apostrophe or a hyphen.
fn is_french_stop_word(word: &str) -> bool {
    FRENCH_STOP_WORDS.contains(&word)
}

/// The language besides English a query reads as, one polsearch analyses
/// ([`crate::index::schema::NATIVE`]): the language of its function words
/// ([`crate::analyze::lang::detect`]); or, too short to tell, French when written with a
/// letter French writes and English does not ("données conservées") or a word of French alone
/// ("nous conservons"), German with a ß (an umlaut is not enough: Dutch, Hungarian and
/// Turkish write ö and ü too), Spanish with a ñ, ¿ or ¡, Portuguese with a ã or õ. A short
/// query in another language without such a letter is read in it when the search is
/// limited to it (`--lang`).
pub fn reads_as(query: &str) -> Option<Lang> {
    use crate::analyze::lang::{detect, french_only_word};
    match detect(query) {
        Some(lang) if crate::index::schema::is_native(lang) => Some(lang),
        Some(_) => None,
        None => {
            let lower = query.to_lowercase();
            let french = || {
                lower.chars().any(|c| "éèêàâçùûôîïœë".contains(c))
                    || lower
                        .split(|c: char| !c.is_alphanumeric())
                        .any(french_only_word)
            };
            if lower.contains('ß') {
                Some(Lang::De)
            } else if lower.contains(['ñ', '¿', '¡']) {
                Some(Lang::Es)
            } else if lower.contains(['ã', 'õ']) {
                Some(Lang::Pt)
            } else {
                french().then_some(Lang::Fr)
            }
        }
    }
}

/// The language a query is read in besides English ([`PreparedQuery::native`]), of a search
/// limited to `langs` (none: any language): the one it [`reads_as`] if the search admits it,
/// else the first of `langs` polsearch analyses.
fn native_of(query: &str, langs: &[Lang]) -> Option<Lang> {
    let mut analysed = langs
        .iter()
        .copied()
        .filter(|&l| crate::index::schema::is_native(l));
    match reads_as(query) {
        Some(read) if langs.is_empty() || langs.contains(&read) => Some(read),
        _ => analysed.next(),
    }
}

/// Prepare a user query. Never fails for the query's syntax (see the module documentation);
/// only an over-long query is an error.
pub fn prepare(query: &str) -> Result<PreparedQuery> {
    prepare_in(query, &[])
}

/// [`prepare`] for a search limited to the languages `langs` (none: any language), which
/// decide with the query's words which language besides English it is read in
/// ([`PreparedQuery::native`]).
pub fn prepare_in(query: &str, langs: &[Lang]) -> Result<PreparedQuery> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(Error::Query {
            query: query.chars().take(60).collect::<String>() + "...",
            reason: format!(
                "the query is {} bytes long; at most {MAX_QUERY_BYTES} are accepted",
                query.len()
            ),
        });
    }
    let mut notes = Vec::new();
    let mut syntax = true;
    if query.matches('"').count() % 2 == 1 {
        notes.push("unbalanced double quote: the query is searched as plain words".to_owned());
        syntax = false;
    } else if nesting(query) > MAX_NESTING {
        notes.push(format!(
            "parentheses nested deeper than {MAX_NESTING}: the query is searched as plain words"
        ));
        syntax = false;
    }
    let mut out = prepare_tokens(query, syntax, native_of(query, langs))?;
    out.notes.splice(0..0, notes);
    Ok(out)
}

/// The query read as plain words only: what a query the parser rejects is searched as
/// (`langs` as for [`prepare_in`]).
pub fn as_words(query: &str, langs: &[Lang]) -> Result<PreparedQuery> {
    prepare_tokens(query, false, native_of(query, langs))
}

/// Deepest nesting of parentheses.
fn nesting(query: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for c in query.bytes() {
        match c {
            b'(' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Prepare the tokens of `query`; with `syntax` false every token is plain words (the
/// filters `company:` and `topic:` still lift); read in French (`native`), a word joined to
/// an elided article or a pronoun is that word alone ("l'adresse", "conservez-vous").
fn prepare_tokens(query: &str, syntax: bool, native: Option<Lang>) -> Result<PreparedQuery> {
    let mut out = PreparedQuery {
        native,
        ..PreparedQuery::default()
    };
    let french = native == Some(Lang::Fr);
    // Read in German, Spanish, Italian, Dutch or Portuguese, that language's stop words go
    // as English ones do ("die", "werden", "los"): in a question they outweigh its subject.
    // (Not in French: kept, they rank the clauses that say "avec des tiers" first, measured.)
    let mut native_stops = native
        .filter(|&l| l != Lang::Fr)
        .and_then(crate::index::schema::stop_words);
    let mut native_stop = |word: &str| {
        native_stops.as_mut().is_some_and(|analyzer| {
            let mut stream = analyzer.token_stream(word);
            !stream.advance()
        })
    };
    let mut kept: Vec<String> = Vec::new();
    let mut stop: Vec<String> = Vec::new();
    let mut has_content = false;
    let tokens = if syntax {
        tokens(query)
    } else {
        query.split_whitespace().map(str::to_owned).collect()
    };
    for token in tokens {
        if let Some((field, value)) = facet_filter(&token) {
            match field {
                "company" => out.companies.push(value),
                _ => out.topics.push(value.parse::<Topic>()?),
            }
            continue;
        }
        if syntax && is_advanced(&token) {
            kept.push(token);
            has_content = true;
            continue;
        }
        let mut words: Vec<&str> = token
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if french && words.len() > 1 {
            // "l'adresse" is "adresse", "conservez-vous" "conservez": not a phrase. (French
            // stop words standing alone stay: "avec des tiers" and "de moins de 15 ans" rank
            // the clauses that say so first, measured on French questions.)
            let content: Vec<&str> = words
                .iter()
                .copied()
                .filter(|w| !is_french_stop_word(&w.to_lowercase()))
                .collect();
            if !content.is_empty() {
                words = content;
            }
        }
        match words.as_slice() {
            [] => {}
            // Stop words are kept lower case: as words, "AND" is no operator.
            [word] if is_stop_word(&word.to_lowercase()) || native_stop(word) => {
                stop.push(word.to_lowercase())
            }
            // Likewise the one operator that is no stop word.
            ["NOT"] => {
                kept.push("not".to_owned());
                has_content = true;
            }
            [word] => {
                kept.push((*word).to_owned());
                has_content = true;
            }
            _ => {
                kept.push(format!("\"{}\"", words.join(" ")));
                has_content = true;
            }
        }
    }
    if !has_content {
        // A query of nothing but stop words ("what is this") still searches for them.
        kept.extend(stop);
    }
    out.rewritten = kept.join(" ");
    Ok(out)
}

/// Split on white space, keeping quoted phrases (with any `+`/`-` prefix) whole.
fn tokens(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_quote = false;
    for c in query.chars() {
        match c {
            '"' => {
                in_quote = !in_quote;
                current.push(c);
            }
            c if c.is_whitespace() && !in_quote => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `company:X` / `topic:"X Y"` → (field, value).
fn facet_filter(token: &str) -> Option<(&'static str, String)> {
    let (field, value) = token.split_once(':')?;
    let field = match field.to_ascii_lowercase().as_str() {
        "company" => "company",
        "topic" => "topic",
        _ => return None,
    };
    let value = value.trim_matches('"').trim_start_matches('/');
    (!value.is_empty()).then(|| (field, value.to_owned()))
}

/// Tokens written in query syntax pass through untouched; `word:` counts as syntax only
/// when `word` is a field (`https://x.com` is words).
fn is_advanced(token: &str) -> bool {
    let field = token
        .trim_start_matches(['+', '-', '('])
        .split_once(':')
        .map(|(f, _)| f);
    if let Some(field) = field {
        if !QUERY_FIELDS.contains(&field.to_ascii_lowercase().as_str()) {
            return false;
        }
    }
    matches!(token, "AND" | "OR" | "NOT")
        || token.starts_with(['+', '-', '"', '('])
        || token.ends_with(')')
        || token.contains([':', '^', '*', '[', ']', '{', '}', '~'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_lose_their_stop_words() {
        let q = prepare("How long do you keep my IP address?").unwrap();
        assert_eq!(q.rewritten, "long keep IP address");
        assert_eq!(q.native, None);
        assert_eq!(q.native_terms(), None);
    }

    #[test]
    fn french_questions_lose_french_stop_words_and_elisions() {
        let q = prepare("Combien de temps conservez-vous l'adresse IP ?").unwrap();
        assert_eq!(q.native, Some(Lang::Fr));
        assert_eq!(q.rewritten, "Combien de temps conservez adresse IP");
        assert_eq!(
            french(&q),
            ["combien", "de", "temp", "conserv", "adress", "ip"]
        );
        // The verb of "nous" is searched as written and, in French, as its infinitive (as
        // French clauses index it).
        let q = prepare("données que nous partageons").unwrap();
        assert_eq!(q.rewritten, "données que nous partageons");
        assert_eq!(french(&q), ["don", "que", "nous", "partag"]);
        assert_eq!(
            french(&prepare("partageons données").unwrap()),
            ["partageon", "don"]
        );
        // Accents alone make a short query French; without them, the search's language does.
        let native = |q: &str| prepare(q).unwrap().native;
        assert_eq!(native("durées"), Some(Lang::Fr));
        assert_eq!(native("durees"), None);
        assert_eq!(native("\"nous conservons\""), Some(Lang::Fr));
        assert_eq!(
            native("de minimis"),
            None,
            "Spanish and Portuguese write it too"
        );
        assert_eq!(
            prepare_in("durees", &[Lang::Fr]).unwrap().native,
            Some(Lang::Fr)
        );
        // A French phrase keeps its words, each analysed.
        let q = prepare("\"durée de conservation\"").unwrap();
        assert_eq!(french(&q), ["dur", "de", "conserv"]);
    }

    /// The French terms of a query read in French, without their language.
    fn french(q: &PreparedQuery) -> Vec<String> {
        assert_eq!(q.native, Some(Lang::Fr));
        let terms = q.native_terms().unwrap();
        terms
            .iter()
            .map(|t| t.strip_prefix("fr:").unwrap().to_owned())
            .collect()
    }

    #[test]
    fn queries_in_other_languages_are_read_in_them() {
        let read = |q: &str, langs: &[Lang]| prepare_in(q, langs).unwrap().native;
        // By their function words, which then go as English stop words do (not in French).
        let q = prepare("Wie lange speichern Sie die Daten").unwrap();
        assert_eq!(q.rewritten, "lange speichern Daten");
        assert_eq!(
            q.native_terms().unwrap(),
            ["de:lang", "de:speich", "de:dat"]
        );
        let q = prepare("¿Cuánto tiempo conservan mis datos?").unwrap();
        assert_eq!(q.native, Some(Lang::Es));
        assert_eq!(q.rewritten, "Cuánto tiempo conservan datos");
        assert_eq!(read("conservamos los datos", &[]), Some(Lang::Es));
        // By a letter of one language alone, or by the search's language.
        assert_eq!(read("Löschung Straße", &[]), Some(Lang::De));
        assert_eq!(read("Löschung", &[]), None);
        assert_eq!(read("Löschung", &[Lang::En, Lang::De]), Some(Lang::De));
        assert_eq!(read("informações", &[]), Some(Lang::Pt));
        assert_eq!(read("bewaren gegevens", &[Lang::Nl]), Some(Lang::Nl));
        // A query that reads as French, in a search limited to German clauses, is read in
        // German; English queries and languages without an analyser are read in English.
        assert_eq!(
            prepare_in("données conservées", &[Lang::De])
                .unwrap()
                .native,
            Some(Lang::De)
        );
        assert_eq!(
            prepare_in("keep data", &[Lang::En, Lang::Other])
                .unwrap()
                .native,
            None
        );
        assert_eq!(
            prepare("how long do you keep my data").unwrap().native,
            None
        );
    }

    #[test]
    fn syntax_passes_through_and_filters_lift() {
        let q = prepare("+retention -cookies \"12 months\" section:security company:WeSecur topic:data-retention").unwrap();
        assert_eq!(
            q.rewritten,
            "+retention -cookies \"12 months\" section:security"
        );
        assert_eq!(q.companies, vec!["WeSecur"]);
        assert_eq!(q.topics, vec![Topic::DataRetention]);
    }

    #[test]
    fn the_text_is_read_once_into_terms_a_phrase_or_syntax() {
        let text = |q: &str| prepare(q).unwrap().text();
        assert_eq!(
            text("How long do you keep my IP addresses?"),
            TextQuery::Terms(["long", "keep", "ip", "address"].map(String::from).to_vec())
        );
        assert_eq!(
            text("\"third party\""),
            TextQuery::Phrase(vec!["third".into(), "parti".into()])
        );
        assert_eq!(
            text("+retention -cookies"),
            TextQuery::Syntax("+retention -cookies".into())
        );
        assert_eq!(
            text("logs AND months"),
            TextQuery::Syntax("logs AND months".into())
        );
        assert_eq!(text("company:acme"), TextQuery::Everything);
        assert!(
            prepare("topic:nope logs").is_err(),
            "an unknown topic is an error"
        );
    }

    #[test]
    fn hyphenated_words_become_phrases() {
        assert_eq!(
            prepare("third-party sharing").unwrap().rewritten,
            "\"third party\" sharing"
        );
    }

    #[test]
    fn only_stop_words_are_kept_and_bad_quotes_are_words() {
        assert_eq!(prepare("what is this").unwrap().rewritten, "what is this");
        let q = prepare("\"unclosed quote").unwrap();
        assert_eq!(q.rewritten, "unclosed quote");
        assert_eq!(q.notes.len(), 1, "{:?}", q.notes);
    }

    #[test]
    fn unknown_fields_and_deep_parentheses_are_words() {
        // Issue 12: pasted text with a colon is not a field query.
        assert_eq!(
            prepare("see https://x.com").unwrap().rewritten,
            "see \"https x com\""
        );
        assert_eq!(
            prepare("section:security").unwrap().rewritten,
            "section:security"
        );
        // Issue 12: 10,000 parentheses never reach the recursive parser.
        let deep = "(".repeat(10_000) + "privacy";
        let q = prepare(&deep).unwrap();
        assert_eq!(q.rewritten, "privacy");
        assert!(!q.notes.is_empty());
        assert!(prepare(&"x ".repeat(MAX_QUERY_BYTES)).is_err());
    }
}
