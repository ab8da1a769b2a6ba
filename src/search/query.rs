//! From what a user types to what tantivy parses.
//!
//! Users type keywords, questions ("how long do you keep my IP address?"), "phrases",
//! `+must -not` and `field:value`. Before tantivy's parser sees the query, this module drops
//! stop words from plain words (so a question is not drowned by "do", "you", "my"), turns
//! hyphenated words into phrases (`third-party`), strips stray punctuation, and lifts
//! `company:X` and `topic:X` out as filters, the same as `--company` and `--topic`.
//!
//! Questions never fail: an unbalanced quote, `word:` where `word` is no field (`see
//! https://x.com`), parentheses nested deeper than [`MAX_NESTING`] or anything else the query
//! parser rejects is searched as plain words instead, with a note saying so. Only a query
//! longer than [`MAX_QUERY_BYTES`] is refused.

use crate::error::{Error, Result};

/// A query split into the text part and the facet filters it named.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreparedQuery {
    /// What goes to tantivy's query parser; empty means "every clause".
    pub text: String,
    /// `company:` terms of the query.
    pub companies: Vec<String>,
    /// `topic:` terms of the query.
    pub topics: Vec<String>,
    /// Why part of the query was read as plain words (for stderr).
    pub notes: Vec<String>,
}

/// The longest query accepted (pasted paragraphs are far shorter).
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// The deepest parenthesis nesting passed to the query parser, which recurses per level.
pub const MAX_NESTING: usize = 16;

/// The fields a `field:value` token may name in query syntax (besides the lifted filters).
const QUERY_FIELDS: &[&str] = &["text", "section"];

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

/// Prepare a user query. Never fails for the query's syntax (see the module documentation);
/// only an over-long query is an error.
pub fn prepare(query: &str) -> Result<PreparedQuery> {
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
    let mut out = prepare_tokens(query, syntax);
    out.notes.splice(0..0, notes);
    Ok(out)
}

/// The query read as plain words only: what a query the parser rejects is searched as.
pub fn as_words(query: &str) -> PreparedQuery {
    prepare_tokens(query, false)
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
/// filters `company:` and `topic:` still lift).
fn prepare_tokens(query: &str, syntax: bool) -> PreparedQuery {
    let mut out = PreparedQuery::default();
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
                _ => out.topics.push(value),
            }
            continue;
        }
        if syntax && is_advanced(&token) {
            kept.push(token);
            has_content = true;
            continue;
        }
        let words: Vec<&str> = token
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        match words.as_slice() {
            [] => {}
            // Stop words are kept lower case: as words, "AND" is no operator.
            [word] if is_stop_word(&word.to_lowercase()) => stop.push(word.to_lowercase()),
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
    out.text = kept.join(" ");
    out
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
        assert_eq!(q.text, "long keep IP address");
    }

    #[test]
    fn syntax_passes_through_and_filters_lift() {
        let q = prepare("+retention -cookies \"12 months\" section:security company:WeSecur topic:data-retention").unwrap();
        assert_eq!(q.text, "+retention -cookies \"12 months\" section:security");
        assert_eq!(q.companies, vec!["WeSecur"]);
        assert_eq!(q.topics, vec!["data-retention"]);
    }

    #[test]
    fn hyphenated_words_become_phrases() {
        assert_eq!(
            prepare("third-party sharing").unwrap().text,
            "\"third party\" sharing"
        );
    }

    #[test]
    fn only_stop_words_are_kept_and_bad_quotes_are_words() {
        assert_eq!(prepare("what is this").unwrap().text, "what is this");
        let q = prepare("\"unclosed quote").unwrap();
        assert_eq!(q.text, "unclosed quote");
        assert_eq!(q.notes.len(), 1, "{:?}", q.notes);
    }

    #[test]
    fn unknown_fields_and_deep_parentheses_are_words() {
        // Issue 12: pasted text with a colon is not a field query.
        assert_eq!(
            prepare("see https://x.com").unwrap().text,
            "see \"https x com\""
        );
        assert_eq!(
            prepare("section:security").unwrap().text,
            "section:security"
        );
        // Issue 12: 10,000 parentheses never reach the recursive parser.
        let deep = "(".repeat(10_000) + "privacy";
        let q = prepare(&deep).unwrap();
        assert_eq!(q.text, "privacy");
        assert!(!q.notes.is_empty());
        assert!(prepare(&"x ".repeat(MAX_QUERY_BYTES)).is_err());
    }
}
