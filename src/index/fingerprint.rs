//! What the analysis fingerprint (`build.rs`, [`crate::index::store::ANALYSIS`]) reads of a
//! Rust source file: its tokens, without comments, documentation and `#[cfg(test)]` modules.
//! None of those is compiled into the analysis a release build runs, so a change to them alone
//! (a doc comment reworded, a fixture added to a test module) no longer makes every index be
//! analysed again on upgrade; any change to a compiled token (an identifier, an operator, a
//! pattern's string, a number) still does. `build.rs` includes this file as a module of its
//! own; the crate compiles it for its tests only.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

/// The compiled tokens of `source`, written out one after another (an identifier or literal
/// closed by a space, a punctuation mark by a space unless it joins the next one, a group's
/// delimiters around its tokens); `None` when `source` is not Rust (the caller hashes its bytes
/// instead).
pub fn code_tokens(source: &str) -> Option<Vec<u8>> {
    let stream: TokenStream = source.parse().ok()?;
    let mut out = Vec::with_capacity(source.len());
    write_stream(stream, &mut out);
    Some(out)
}

fn write_stream(stream: TokenStream, out: &mut Vec<u8>) {
    let tokens: Vec<TokenTree> = stream.into_iter().collect();
    let mut at = 0;
    while at < tokens.len() {
        if let Some(skip) = left_out(&tokens[at..]) {
            at += skip;
            continue;
        }
        match &tokens[at] {
            TokenTree::Group(g) => {
                let (open, close) = match g.delimiter() {
                    Delimiter::Parenthesis => (b'(', b')'),
                    Delimiter::Brace => (b'{', b'}'),
                    Delimiter::Bracket => (b'[', b']'),
                    Delimiter::None => (0x01, 0x02),
                };
                out.push(open);
                write_stream(g.stream(), out);
                out.push(close);
            }
            TokenTree::Ident(ident) => {
                out.extend_from_slice(ident.to_string().as_bytes());
                out.push(b' ');
            }
            TokenTree::Punct(p) => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(p.as_char().encode_utf8(&mut buf).as_bytes());
                if p.spacing() == Spacing::Alone {
                    out.push(b' ');
                }
            }
            TokenTree::Literal(literal) => {
                out.extend_from_slice(literal.to_string().as_bytes());
                out.push(b' ');
            }
        }
        at += 1;
    }
}

/// How many tokens at the start of `tokens` are left out of the fingerprint: a documentation
/// attribute (`#[doc ...]` or `#![doc ...]`, what `///` and `//!` comments are), or a module
/// compiled for tests only (`#[cfg(test)]`, other attributes, `mod name { ... }` or
/// `mod name;`). Anything else under `#[cfg(test)]` counts, to be safe.
fn left_out(tokens: &[TokenTree]) -> Option<usize> {
    let attribute = |at: usize| -> Option<(usize, TokenStream)> {
        let TokenTree::Punct(hash) = tokens.get(at)? else {
            return None;
        };
        if hash.as_char() != '#' {
            return None;
        }
        let mut next = at + 1;
        if matches!(tokens.get(next), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
            next += 1;
        }
        match tokens.get(next)? {
            TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                Some((next + 1 - at, g.stream()))
            }
            _ => None,
        }
    };
    let (len, body) = attribute(0)?;
    let words: Vec<String> = body.into_iter().map(|t| t.to_string()).collect();
    if words.first().map(String::as_str) == Some("doc") {
        return Some(len);
    }
    if !is_cfg_test(&words) {
        return None;
    }
    // Further attributes, a visibility, then `mod name` and its body or `;`.
    let mut at = len;
    while let Some((more, _)) = attribute(at) {
        at += more;
    }
    if matches!(tokens.get(at), Some(TokenTree::Ident(i)) if i == "pub") {
        at += 1;
        if matches!(tokens.get(at), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis)
        {
            at += 1;
        }
    }
    match (tokens.get(at), tokens.get(at + 1), tokens.get(at + 2)) {
        (Some(TokenTree::Ident(m)), Some(TokenTree::Ident(_)), Some(end)) if m == "mod" => {
            match end {
                TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(at + 3),
                TokenTree::Punct(p) if p.as_char() == ';' => Some(at + 3),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether an attribute's tokens, as strings, are `cfg(test)`.
fn is_cfg_test(words: &[String]) -> bool {
    words.len() == 2
        && words[0] == "cfg"
        && words[1]
            .strip_prefix('(')
            .and_then(|w| w.strip_suffix(')'))
            .is_some_and(|w| w.trim() == "test")
}

#[cfg(test)]
mod tests {
    use super::code_tokens;

    fn tokens(source: &str) -> Vec<u8> {
        code_tokens(source).expect("Rust source")
    }

    #[test]
    fn comments_documentation_and_layout_do_not_count() {
        let plain = tokens("pub fn days(n: u32) -> u32 { n * 30 }");
        let commented = tokens(
            "//! A module.\n\n/// Days in `n` months.\n#[inline]\npub fn days(n: u32) -> u32 {\n    \
             // thirty a month\n    n * 30 /* the convention */\n}\n",
        );
        let inlined = tokens("#[inline] pub fn days(n: u32) -> u32 { n * 30 }");
        assert_eq!(commented, inlined);
        assert_ne!(plain, inlined, "a non-doc attribute counts");
        assert_eq!(
            tokens("fn f() {\n    let x = [1, 2];\n}"),
            tokens("fn f(){let x=[1,2];}")
        );
    }

    #[test]
    fn every_compiled_token_counts() {
        let base = tokens(r#"static P: &str = r"(?i)keep\s+for"; fn f(a: u32) -> u32 { a + 1 }"#);
        for changed in [
            r#"static P: &str = r"(?i)keep\s+four"; fn f(a: u32) -> u32 { a + 1 }"#,
            r#"static P: &str = r"(?i)keep\s+for"; fn f(a: u32) -> u32 { a + 2 }"#,
            r#"static P: &str = r"(?i)keep\s+for"; fn f(a: u32) -> u32 { a - 1 }"#,
            r#"static P: &str = r"(?i)keep\s+for"; fn f(b: u32) -> u32 { b + 1 }"#,
            r#"static P: &str = r"(?i)keep\s+for"; fn f(a: u32) -> u32 { (a + 1) }"#,
            r#"static P: &str = r"(?i)keep\s+for"; fn f(a: u32) -> u32 { a += 1 }"#,
        ] {
            assert_ne!(tokens(changed), base, "{changed}");
        }
        // Two punctuation marks apart are not one joined operator.
        assert_ne!(tokens("a < - b"), tokens("a <- b"));
    }

    #[test]
    fn test_modules_do_not_count_but_other_test_code_does() {
        let code = "fn f() -> u8 { 1 }\n";
        let with_tests = format!(
            "{code}#[cfg(test)]\nmod tests {{\n    use super::*;\n    #[test]\n    fn one() {{ \
             assert_eq!(f(), 1); }}\n}}\n#[cfg(test)]\n#[allow(dead_code)]\npub(crate) mod \
             properties;\n"
        );
        assert_eq!(tokens(&with_tests), tokens(code));
        // Only `cfg(test)` modules are left out: a test-only function, or a module under
        // another condition, counts.
        for counted in [
            format!("{code}#[cfg(test)]\nfn helper() {{}}\n"),
            format!("{code}#[cfg(not(test))]\nmod live {{}}\n"),
            format!("{code}#[cfg(feature = \"x\")]\nmod x {{}}\n"),
        ] {
            assert_ne!(tokens(&counted), tokens(code), "{counted}");
        }
    }

    #[test]
    fn what_is_not_rust_is_left_to_its_bytes() {
        assert!(code_tokens("fn f() { \"unclosed }").is_none());
    }

    #[test]
    fn every_analysis_source_file_is_read_as_tokens() {
        // build.rs falls back to a file's bytes when it does not tokenise: every file it reads
        // should tokenise, or a comment there would count again.
        let mut files = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["src/analyze", "src/corpus"] {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                for entry in std::fs::read_dir(&d).expect("source folder").flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "rs") {
                        files.push(path);
                    }
                }
            }
        }
        files.push(root.join("src/text.rs"));
        files.push(root.join("src/policy.rs"));
        assert!(files.len() > 20);
        for file in files {
            let source = std::fs::read_to_string(&file).expect("source file");
            let read = code_tokens(&source).unwrap_or_else(|| panic!("{}", file.display()));
            assert!(!read.is_empty(), "{}", file.display());
        }
    }
}
