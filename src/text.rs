//! Text helpers every wing uses: byte spans ([`Span`]), white space collapsed for display,
//! char boundaries for byte offsets, and count nouns.

use serde::Serialize;

/// A half-open byte range `[start, end)`: of a clause in its file, a word in a clause, a
/// statement in a text. Offsets are bytes, never chars, and absolute in whatever text the
/// owner names. In JSON it is two fields, `start` and `end` (flattened into its owner), or
/// `[start, end]` in lists ([`Span::pairs`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// The first byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether it holds no byte.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The same span `by` bytes further on (a span inside a clause made absolute in its file).
    pub fn shift(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }

    /// As a `Range`, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The text it covers, `None` when it lies outside `text` or cuts a character.
    pub fn of(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// The bytes it covers, `None` when it lies outside `bytes`.
    pub fn of_bytes(self, bytes: &[u8]) -> Option<&[u8]> {
        bytes.get(self.range())
    }

    /// The 1-based line its start is on in `bytes` (a start past the end counts every line).
    pub fn line_in(self, bytes: &[u8]) -> usize {
        let before = &bytes[..self.start.min(bytes.len())];
        before.iter().filter(|&&b| b == b'\n').count() + 1
    }

    /// Serialize spans as `[[start, end], ...]` (`#[serde(serialize_with = "Span::pairs")]`).
    pub fn pairs<S: serde::Serializer>(spans: &[Span], s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(spans.len()))?;
        for span in spans {
            seq.serialize_element(&[span.start, span.end])?;
        }
        seq.end()
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Collapse runs of white space into single spaces (for section names and display).
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The largest char boundary at or below `at` (std's version is not stable yet).
pub fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut i = at;
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest char boundary at or above `at`, or the text's length.
pub fn ceil_char_boundary(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// `one` or `many`, as `n` asks ("1 clause", "2 clauses").
pub fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_white_space() {
        assert_eq!(collapse_ws("  Data\n\tRetention  "), "Data Retention");
    }

    #[test]
    fn floors_to_a_char_boundary() {
        let text = "né";
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(floor_char_boundary(text, 9), 3);
    }

    #[test]
    fn spans_slice_back_and_count_lines() {
        let text = "né\nsecond line";
        let word = Span::new(4, 10);
        assert_eq!(word.of(text), Some("second"));
        assert_eq!(word.of_bytes(text.as_bytes()), Some(&b"second"[..]));
        assert_eq!(Span::new(1, 2).of(text), None, "cuts the é");
        assert_eq!(Span::new(4, 99).of(text), None);
        assert_eq!(word.line_in(text.as_bytes()), 2);
        assert_eq!(Span::new(0, 1).line_in(text.as_bytes()), 1);
        assert_eq!((word.len(), word.shift(3)), (6, Span::new(7, 13)));
        assert!(Span::new(5, 5).is_empty());
        let json = serde_json::to_string(&word).unwrap();
        assert_eq!(json, r#"{"start":4,"end":10}"#);
        let mut out = Vec::new();
        Span::pairs(&[word], &mut serde_json::Serializer::new(&mut out)).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[[4,10]]");
    }

    #[test]
    fn plural_by_count() {
        assert_eq!(plural(1, "clause", "clauses"), "clause");
        assert_eq!(plural(0, "clause", "clauses"), "clauses");
    }
}
