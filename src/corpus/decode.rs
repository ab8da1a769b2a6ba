//! Turning a file's raw bytes into text, without losing track of where each character was.
//!
//! Policies arrive as UTF-8 (sometimes with a byte-order mark), as UTF-16 with a BOM, or in a
//! legacy single-byte encoding. Everything downstream works on UTF-8 text, so this module
//! decodes and returns an [`OffsetMap`] from the decoded text back to the original bytes.
//! Files that are not text at all are refused with a reason the summary can show.

use crate::corpus::layout::{Layout, OffsetMap, Span};

/// Why a file's bytes are not indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No bytes, or only white space.
    Empty,
    /// Not text (NUL bytes, invalid in every encoding tried).
    Binary,
    /// A document format polsearch does not read (PDF, Word, OpenDocument, EPUB, RTF), by its
    /// name: such files are converted to text first.
    Document(&'static str),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Empty => f.write_str("empty file"),
            Refusal::Binary => f.write_str("binary file (not text)"),
            Refusal::Document(name) => write!(
                f,
                "{name}: polsearch reads plain text, Markdown and HTML; convert it first ({})",
                conversion(name)
            ),
        }
    }
}

/// Decoded text and how it maps back to the raw bytes.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text: the raw bytes themselves when they are UTF-8 (no copy), else decoded.
    pub text: std::borrow::Cow<'a, str>,
    /// `None` when the text is the raw bytes themselves from `offset` on.
    pub map: Option<OffsetMap>,
    /// Bytes skipped at the start (a UTF-8 byte-order mark).
    pub offset: usize,
    /// The encoding the bytes were read as.
    pub encoding: &'static str,
}

impl Decoded<'_> {
    /// Map a layout built over the decoded text onto the raw file.
    pub fn rebase(&self, layout: &mut Layout) {
        match &self.map {
            None if self.offset == 0 => {}
            None => {
                layout.map = layout.map.shifted(self.offset);
                let by = self.offset;
                layout.remap_block_raw(|r| r.start + by..r.end + by);
            }
            Some(inner) => {
                layout.map = layout.map.compose(inner);
                layout.remap_block_raw(|r| inner.raw_start(r.start)..inner.raw_end(r.end));
            }
        }
    }
}

/// Decode `raw` as UTF-8, UTF-16 (with BOM) or Windows-1252, or refuse it as not text.
pub fn decode(raw: &[u8]) -> Result<Decoded<'_>, Refusal> {
    if raw.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refusal::Empty);
    }
    if let Some(rest) = raw.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(text) = std::str::from_utf8(rest) {
            return Ok(Decoded {
                text: text.into(),
                map: None,
                offset: 3,
                encoding: "UTF-8",
            });
        }
    }
    if raw.starts_with(b"\xFF\xFE") || raw.starts_with(b"\xFE\xFF") {
        return Ok(decode_utf16(raw));
    }
    if let Some(name) = document_format(raw) {
        return Err(Refusal::Document(name));
    }
    if looks_binary(raw) {
        return Err(Refusal::Binary);
    }
    match std::str::from_utf8(raw) {
        Ok(text) => Ok(Decoded {
            text: text.into(),
            map: None,
            offset: 0,
            encoding: "UTF-8",
        }),
        Err(_) => Ok(decode_single_byte(raw)),
    }
}

/// The document format whose signature opens `raw`, if any. (An RTF file is ASCII and a PDF
/// may look like text for its first kilobytes: read as text, both would index their markup.)
fn document_format(raw: &[u8]) -> Option<&'static str> {
    let head = &raw[..raw.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if raw.starts_with(b"%PDF-") {
        Some("a PDF document")
    } else if raw.starts_with(b"{\\rtf") {
        Some("an RTF document")
    } else if raw.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        Some("a Word 97-2003 (or other OLE) document")
    } else if raw.starts_with(b"PK\x03\x04") {
        // The first entries of the archive name what it holds.
        Some(if has(b"word/") {
            "a Word (DOCX) document"
        } else if has(b"application/epub+zip") {
            "an EPUB book"
        } else if has(b"opendocument") {
            "an OpenDocument file"
        } else {
            "a ZIP archive"
        })
    } else {
        None
    }
}

/// How a document of `name`'s format is turned into text that polsearch reads.
fn conversion(name: &str) -> &'static str {
    if name.contains("PDF") {
        "for instance `pdftotext -layout FILE`"
    } else if name.contains("ZIP") {
        "unpack it"
    } else {
        "for instance `pandoc FILE -t markdown -o FILE.md`"
    }
}

/// NUL bytes or a high share of control characters in the first 8 KiB mean "not text".
fn looks_binary(raw: &[u8]) -> bool {
    let head = &raw[..raw.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len()
}

fn decode_single_byte(raw: &[u8]) -> Decoded<'static> {
    let mut layout = Layout::new();
    let mut buf = [0u8; 4];
    for (i, &b) in raw.iter().enumerate() {
        let ch = windows_1252(b);
        layout.push(ch.encode_utf8(&mut buf), i..i + 1);
    }
    Decoded {
        text: layout.text.into(),
        map: Some(layout.map),
        offset: 0,
        encoding: "Windows-1252",
    }
}

fn windows_1252(b: u8) -> char {
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(std::slice::from_ref(&b));
    text.chars().next().unwrap_or(char::REPLACEMENT_CHARACTER)
}

fn decode_utf16(raw: &[u8]) -> Decoded<'static> {
    let little = raw.starts_with(b"\xFF\xFE");
    let units: Vec<u16> = raw[2..]
        .chunks_exact(2)
        .map(|c| {
            if little {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        })
        .collect();
    let mut layout = Layout::new();
    let mut pos = 2;
    let mut buf = [0u8; 4];
    for ch in char::decode_utf16(units.iter().copied()) {
        let ch = ch.unwrap_or(char::REPLACEMENT_CHARACTER);
        let width = ch.len_utf16() * 2;
        layout.push(ch.encode_utf8(&mut buf), pos..pos + width);
        pos += width;
    }
    Decoded {
        text: layout.text.into(),
        map: Some(layout.map),
        offset: 0,
        encoding: if little { "UTF-16LE" } else { "UTF-16BE" },
    }
}

impl OffsetMap {
    /// The same map with every raw offset moved by `by` bytes.
    pub fn shifted(&self, by: usize) -> OffsetMap {
        let spans = self
            .spans()
            .iter()
            .map(|s| Span {
                raw_start: s.raw_start + by as u32,
                ..*s
            })
            .collect();
        OffsetMap::from_spans(spans)
    }

    /// Chain this map (text → middle) with `inner` (middle → raw).
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut spans = Vec::new();
        for s in self.spans() {
            let (a, b) = (s.raw_start, s.raw_start + s.raw_len);
            if s.text_len != s.raw_len {
                let start = inner.raw_start(a as usize) as u32;
                let end = inner.raw_end(b as usize) as u32;
                spans.push(Span {
                    raw_start: start,
                    raw_len: end.saturating_sub(start),
                    ..*s
                });
                continue;
            }
            let first = inner
                .spans()
                .partition_point(|t| t.text_start + t.text_len <= a);
            for t in &inner.spans()[first..] {
                if t.text_start >= b {
                    break;
                }
                let x = t.text_start.max(a);
                let y = (t.text_start + t.text_len).min(b);
                let verbatim = t.text_len == t.raw_len;
                spans.push(Span {
                    text_start: s.text_start + (x - a),
                    text_len: y - x,
                    raw_start: if verbatim {
                        t.raw_start + (x - t.text_start)
                    } else {
                        t.raw_start
                    },
                    raw_len: if verbatim { y - x } else { t.raw_len },
                });
            }
        }
        OffsetMap::from_spans(spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_binary() {
        assert_eq!(decode(b"").unwrap_err(), Refusal::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), Refusal::Empty);
        let bin: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(decode(&bin).unwrap_err(), Refusal::Binary);
    }

    #[test]
    fn names_document_formats_it_does_not_read() {
        // A PDF whose first kilobytes are ASCII would otherwise index its markup.
        let pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n";
        assert_eq!(
            decode(pdf).unwrap_err(),
            Refusal::Document("a PDF document")
        );
        assert!(decode(pdf).unwrap_err().to_string().contains("pdftotext"));
        assert_eq!(
            decode(b"{\\rtf1\\ansi Our privacy notice}").unwrap_err(),
            Refusal::Document("an RTF document")
        );
        let docx = b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml word/document.xml";
        assert_eq!(
            decode(docx).unwrap_err(),
            Refusal::Document("a Word (DOCX) document")
        );
        let odt = b"PK\x03\x04\x14\x00mimetypeapplication/vnd.oasis.opendocument.text";
        assert_eq!(
            decode(odt).unwrap_err(),
            Refusal::Document("an OpenDocument file")
        );
        // Text that merely mentions a format is text.
        assert!(decode(b"Send us a PDF: %PDF- is how one opens.").is_ok());
    }

    #[test]
    fn windows_1252_maps_each_character_to_its_byte() {
        let raw = b"donn\xe9es \x92ok\x92";
        let d = decode(raw).unwrap();
        assert_eq!(d.text, "données ’ok’");
        let mut layout = Layout::verbatim(d.text.clone().into_owned(), 0);
        d.rebase(&mut layout);
        let e = d.text.find('é').unwrap();
        assert_eq!(layout.raw_range(e..e + 2), 4..5);
        let ok = d.text.find("ok").unwrap();
        assert_eq!(layout.raw_range(ok..ok + 2), 9..11);
    }

    #[test]
    fn utf16_and_bom() {
        let mut raw = vec![0xFF, 0xFE];
        for u in "Hé!".encode_utf16() {
            raw.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&raw).unwrap();
        assert_eq!(d.text, "Hé!");
        let mut layout = Layout::verbatim(d.text.clone().into_owned(), 0);
        d.rebase(&mut layout);
        assert_eq!(layout.raw_range(1..3), 4..6);

        let d = decode(b"\xEF\xBB\xBFHello").unwrap();
        let mut layout = Layout::verbatim(d.text.clone().into_owned(), 0);
        d.rebase(&mut layout);
        assert_eq!(layout.raw_range(0..5), 3..8);
    }
}
