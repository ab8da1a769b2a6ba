//! From what a user types to what tantivy parses.
//!
//! Users type keywords, questions ("how long do you keep my IP address?"), "phrases",
//! `+must -not` and `field:value`. Before tantivy's parser sees the query, this module drops
//! stop words from plain words (so a question is not drowned by "do", "you", "my"), turns
//! hyphenated words into phrases (`third-party`), strips stray punctuation, and lifts
//! `company:X` and `topic:X` out as filters, the same as `--company` and `--topic`.

use crate::error::{Error, Result};

/// A query split into the text part and the facet filters it named.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PreparedQuery {
    /// What goes to tantivy's query parser; empty means "every clause".
    pub text: String,
    pub companies: Vec<String>,
    pub topics: Vec<String>,
}

const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as",
    "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "how", "what", "which",
    "who", "whom", "whose", "when", "where", "why", "that", "this", "these", "those", "it", "its",
    "i", "me", "my", "we", "our", "us", "you", "your", "they", "them", "their", "he", "she", "his",
    "her", "can", "could", "will", "would", "should", "may", "might", "shall", "have", "has",
    "had", "there", "if", "then", "than", "so", "any", "about", "into", "also", "am", "there",
    "here", "some", "much", "many", "very", "just", "too", "s", "t",
];

/// Is `word` (lower case) an English stop word?
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// Prepare a user query; unbalanced quotes are an error.
pub fn prepare(query: &str) -> Result<PreparedQuery> {
    if query.matches('"').count() % 2 == 1 {
        return Err(Error::Query {
            query: query.to_owned(),
            reason: "unbalanced double quote".to_owned(),
        });
    }
    let mut out = PreparedQuery::default();
    let mut kept: Vec<String> = Vec::new();
    let mut stop: Vec<String> = Vec::new();
    let mut has_content = false;
    for token in tokens(query) {
        if let Some((field, value)) = facet_filter(&token) {
            match field {
                "company" => out.companies.push(value),
                _ => out.topics.push(value),
            }
            continue;
        }
        if is_advanced(&token) {
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
            [word] if is_stop_word(&word.to_lowercase()) => stop.push((*word).to_owned()),
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

/// Tokens written in query syntax pass through untouched.
fn is_advanced(token: &str) -> bool {
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
    fn only_stop_words_are_kept_and_bad_quotes_fail() {
        assert_eq!(prepare("what is this").unwrap().text, "what is this");
        assert!(prepare("\"unclosed").is_err());
    }
}
