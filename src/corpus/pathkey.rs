//! File paths as polsearch stores and prints them, losslessly.
//!
//! A path that is valid UTF-8 is stored as it is. A path that is not (a file name in
//! Latin-1 on Linux, say) is stored as its *key*: a NUL character (which no Unix path
//! contains) followed by the path with each byte that is not UTF-8 written `\xHH` and each
//! backslash `\\`, as ripgrep prints such paths. Two files never share a key, the key is
//! plain text for tantivy and JSON, and [`display`] shows the escaped form, [`bytes`] the
//! exact bytes (JSON adds them as `path_bytes`, base64).

use std::path::Path;

const MARK: char = '\0';

/// The key of a path.
pub fn key(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_owned();
    }
    let raw = raw_bytes(path);
    let mut out = String::with_capacity(raw.len() + 8);
    out.push(MARK);
    for chunk in raw.utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' {
                out.push_str("\\\\");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

/// The path of a key as people read it: itself, or the escaped form of a non-UTF-8 path.
pub fn display(key: &str) -> &str {
    key.strip_prefix(MARK).unwrap_or(key)
}

/// The file name of a key's path as people read it (its last component).
pub fn file_name(key: &str) -> &str {
    let shown = display(key);
    shown.rsplit(['/', '\\']).next().unwrap_or(shown)
}

/// The exact bytes of a non-UTF-8 path's key (`None` for a UTF-8 path).
pub fn bytes(key: &str) -> Option<Vec<u8>> {
    let escaped = key.strip_prefix(MARK)?;
    let mut out = Vec::with_capacity(escaped.len());
    let b = escaped.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1)) {
            (b'\\', Some(b'\\')) => {
                out.push(b'\\');
                i += 2;
            }
            (b'\\', Some(b'x')) if i + 4 <= b.len() => {
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 4;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    Some(out)
}

/// The bytes of a non-UTF-8 path's key in base64, for JSON.
pub fn bytes_base64(key: &str) -> Option<String> {
    use base64::Engine;
    bytes(key).map(|b| base64::engine::general_purpose::STANDARD.encode(b))
}

#[cfg(unix)]
fn raw_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn raw_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    proptest::proptest! {
        /// Keys round-trip and never collide: distinct byte paths, distinct keys.
        #[test]
        fn keys_are_lossless(a in proptest::collection::vec(1u8..=255, 0..40),
                             b in proptest::collection::vec(1u8..=255, 0..40)) {
            let (pa, pb) = (Path::new(OsStr::from_bytes(&a)), Path::new(OsStr::from_bytes(&b)));
            let (ka, kb) = (key(pa), key(pb));
            proptest::prop_assert_eq!(a == b, ka == kb);
            match std::str::from_utf8(&a) {
                Ok(s) => proptest::prop_assert_eq!(ka.as_str(), s),
                Err(_) => proptest::prop_assert_eq!(bytes(&ka), Some(a.clone())),
            }
        }
    }

    #[test]
    fn non_utf8_names_escape_like_ripgrep() {
        let k = key(Path::new(OsStr::from_bytes(b"a/\xff.md")));
        assert_eq!(display(&k), "a/\\xFF.md");
        assert_ne!(k, key(Path::new(OsStr::from_bytes(b"a/\xfe.md"))));
        assert_eq!(bytes_base64(&k).as_deref(), Some("YS//Lm1k"));
        assert_eq!(display("plain/path.md"), "plain/path.md");
    }
}
