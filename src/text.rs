//! Text helpers every wing uses: white space collapsed for display, char boundaries for
//! byte offsets, and count nouns.

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
    fn plural_by_count() {
        assert_eq!(plural(1, "clause", "clauses"), "clause");
        assert_eq!(plural(0, "clause", "clauses"), "clauses");
    }
}
