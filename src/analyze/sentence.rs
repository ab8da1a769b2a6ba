//! Where sentences end in a block of text: after `.`, `!` or `?` (with the quotes and
//! brackets that close them) when white space and a sentence start follow, not after an
//! abbreviation or initial ("e.g.", "No. 5", "J. Smith"), and not inside parentheses or curly
//! quotes unless they opened long ago. Scanned a byte at a time, skipping the bytes that
//! cannot matter.

/// A parenthesis or quotation open for longer than this no longer holds sentences together.
const MAX_NESTED_BYTES: usize = 400;

/// Bytes [`sentence_ends`] looks at: terminators, parentheses and the first byte of the
/// curly quotes (U+201C, U+201D: `E2 80 9C/9D`).
const MATTERS_FOR_SENTENCES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'(' as usize] = true;
    t[b')' as usize] = true;
    t[0xE2] = true;
    t
};

/// Offsets (relative to `s`) just after each sentence terminator that ends a sentence.
pub(crate) fn sentence_ends(s: &str) -> Vec<usize> {
    let bytes = s.as_bytes();
    let mut ends = Vec::new();
    // Open parentheses and curly quotes: no sentence ends inside them, unless they opened
    // so long ago that they are probably never closed.
    let mut depth = 0usize;
    let mut opened_at = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        // Skip to the next byte that can matter: most bytes are letters and spaces.
        while i < bytes.len() && !MATTERS_FOR_SENTENCES[usize::from(bytes[i])] {
            i += 1;
        }
        if i == bytes.len() {
            break;
        }
        let b = bytes[i];
        if !matches!(b, b'.' | b'!' | b'?') {
            let opens = b == b'(' || bytes[i..].starts_with("“".as_bytes());
            let closes = b == b')' || bytes[i..].starts_with("”".as_bytes());
            if opens {
                if depth == 0 {
                    opened_at = i;
                }
                depth += 1;
            } else if closes {
                depth = depth.saturating_sub(1);
            }
            i += 1;
            continue;
        }
        // Absorb repeated terminators and closing quotes/brackets: `?!`, `."`, `.)`.
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']')
        {
            if bytes[j] == b')' {
                depth = depth.saturating_sub(1);
            }
            j += 1;
        }
        for closer in ["”", "’"] {
            if s[j..].starts_with(closer) {
                if closer == "”" {
                    depth = depth.saturating_sub(1);
                }
                j += closer.len();
            }
        }
        if depth > 0 && i - opened_at < MAX_NESTED_BYTES {
            i = j;
            continue;
        }
        let ws = s[j..].len() - s[j..].trim_start().len();
        if ws == 0 {
            i = j;
            continue;
        }
        let next = s[j + ws..].chars().next();
        let starts_new = next.is_none_or(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '(' | '[' | '•' | '*' | '-' | '–')
        });
        if starts_new && (b != b'.' || !is_abbreviation(&s[..i], next)) {
            ends.push(j);
        }
        i = j + ws;
    }
    ends
}

/// Is the word before a period an abbreviation, so the period ends no sentence?
fn is_abbreviation(before: &str, next: Option<char>) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    const ABBREVIATIONS: &[&str] = &[
        "e.g", "i.e", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "e.u", "no", "nos", "art",
        "arts", "para", "sec", "mr", "mrs", "ms", "dr", "prof", "st", "vs", "v", "cf", "al",
        "approx", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "ca", "viz", "resp", "ref", "incl", "dept", "est", "pty", "llc", "s.a",
        "s.l", "b.v", "n.v", "gmbh", "p.o", "pvt",
    ];
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "No. 5" and "Art. 6" are references; "etc. We" usually ends a sentence.
        return !(lower == "etc" && next.is_some_and(char::is_uppercase));
    }
    // Single initials ("J. Smith") and dotted acronyms ("U.S.A").
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (letters == 1 && word.chars().all(|c| c.is_uppercase() || c == '.'))
        || (word.contains('.') && word.chars().all(|c| c.is_uppercase() || c == '.'))
}
