//! Format readers: plain text, markdown and HTML, each turning decoded text into a [`Layout`].
//!
//! The format is chosen from the file extension and confirmed by sniffing the content, since
//! crawled corpora routinely store markdown or HTML in `.txt` files.

mod html;
mod markdown;
mod plain;

use std::path::Path;

use crate::corpus::layout::Layout;

/// The source formats polsearch reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

/// File extensions that `polsearch index` picks up: the formats it reads, and document
/// formats it does not (PDF, Word, OpenDocument, EPUB, RTF), which are listed as skipped with
/// how to convert them rather than passed over in silence.
pub const EXTENSIONS: &[&str] = &[
    "txt", "md", "markdown", "html", "htm", "xhtml", "xht", "shtml", "pdf", "doc", "docx", "odt",
    "rtf", "epub",
];

impl Format {
    /// The format's name in JSON: `text`, `markdown` or `html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    /// The format of a file, from its extension first and its content second.
    pub fn detect(path: &Path, text: &str) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml" | "xht" | "shtml") => Format::Html,
            _ => Format::sniff(text),
        }
    }

    /// Guess the format of text whose extension says nothing reliable.
    pub fn sniff(text: &str) -> Format {
        let head = &text[..crate::text::floor_char_boundary(text, 4096)];
        let lower = head.trim_start().to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Format::Html;
        }
        if markdown::looks_like_markdown(head) {
            return Format::Markdown;
        }
        Format::Text
    }

    /// Read decoded text into a layout with offsets into that text.
    pub fn read(self, text: &str) -> Layout {
        match self {
            Format::Text => plain::read(text),
            Format::Markdown => markdown::read(text),
            Format::Html => html::read(text),
        }
    }
}
