//! HTML through html5gum, a WHATWG-compliant tokenizer that reports source spans.
//!
//! Block elements (`p`, `li`, `h1`-`h6`, `td`, `br`, `div`, ...) end blocks and headings become
//! sections; `<script>`, `<style>`, `<head>` and comments are dropped; entities decode; runs of
//! white space collapse to one space. OPP-115's `|||` segment separators also end blocks.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use crate::corpus::layout::{BlockKind, Layout, BY_LOOKS};

pub fn read(src: &str) -> Layout {
    let mut state = Reader {
        layout: Layout::new(),
        kind: BlockKind::Paragraph,
        in_block: false,
        skipping: 0,
        in_title: false,
        title: String::new(),
        tag: String::new(),
    };
    {
        let callback = |event: CallbackEvent<'_>, span: Span<usize>| -> Option<Infallible> {
            state.event(src, event, span);
            None
        };
        let mut emitter = CallbackEmitter::new(callback);
        // Script, style and the like hold raw text, not markup.
        emitter.naively_switch_states(true);
        // Reading a &str cannot fail.
        let _ = Tokenizer::new_with_emitter(src, emitter).finish();
    }
    state.layout.close_block();
    let title = crate::text::collapse_ws(&state.title);
    state.layout.title = (!title.is_empty()).then_some(title);
    refine_blocks(&mut state.layout);
    state.layout
}

/// Elements whose content is never policy text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "head" | "noscript" | "template" | "nav" | "svg" | "button" | "select"
    )
}

/// The reader's state while html5gum's tokenizer calls back with tags and text.
struct Reader {
    layout: Layout,
    kind: BlockKind,
    in_block: bool,
    /// Depth inside skipped elements.
    skipping: usize,
    in_title: bool,
    title: String,
    /// The start tag being read.
    tag: String,
}

impl Reader {
    fn event(&mut self, src: &str, event: CallbackEvent<'_>, span: Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = String::from_utf8_lossy(name).to_ascii_lowercase();
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                let name = std::mem::take(&mut self.tag);
                if name == "title" {
                    self.in_title = !self_closing;
                } else if is_skipped(&name) && !self_closing {
                    self.skipping += 1;
                }
                if is_block(&name) {
                    self.boundary(match name.as_str() {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                            BlockKind::Heading(name.as_bytes()[1] - b'0')
                        }
                        "li" | "dt" | "dd" => BlockKind::ListItem,
                        _ => BlockKind::Paragraph,
                    });
                }
            }
            CallbackEvent::EndTag { name } => {
                let name = String::from_utf8_lossy(name).to_ascii_lowercase();
                if name == "title" {
                    self.in_title = false;
                } else if is_skipped(&name) {
                    self.skipping = self.skipping.saturating_sub(1);
                }
                if is_block(&name) {
                    self.boundary(BlockKind::Paragraph);
                }
            }
            CallbackEvent::String { value } => {
                if self.in_title {
                    self.title.push_str(&String::from_utf8_lossy(value));
                } else if self.skipping == 0 {
                    self.text(src, span.start, span.end.min(src.len()));
                }
            }
            _ => {}
        }
    }

    fn boundary(&mut self, kind: BlockKind) {
        self.layout.close_block();
        self.in_block = false;
        self.kind = kind;
    }

    /// Raw text `src[start..end]`, split at OPP-115's `|||` segment separators.
    fn text(&mut self, src: &str, start: usize, end: usize) {
        if !src.is_char_boundary(start) || !src.is_char_boundary(end) || start >= end {
            return;
        }
        let mut at = start;
        while let Some(i) = src[at..end].find("|||") {
            push_text(
                &mut self.layout,
                src,
                at,
                at + i,
                &mut self.in_block,
                self.kind,
            );
            self.boundary(BlockKind::Paragraph);
            at += i + 3;
        }
        push_text(
            &mut self.layout,
            src,
            at,
            end,
            &mut self.in_block,
            self.kind,
        );
    }
}

/// Many policies mark headings and list items by looks, not tags: `<strong>Title</strong><br>`,
/// or "- item" lines between `<br>`s (all of OPP-115). Short title-like paragraphs become
/// headings, and paragraphs opening with a list marker become list items.
fn refine_blocks(layout: &mut Layout) {
    for block in &mut layout.blocks {
        if block.kind != BlockKind::Paragraph {
            continue;
        }
        let text = &layout.text[block.range.clone()];
        if let Some(marker) = super::plain::list_marker(text) {
            let body = text[marker.len..].trim_start();
            if !body.is_empty() {
                block.range.start = block.range.end - body.len();
                block.kind = BlockKind::ListItem;
            }
        } else if super::plain::is_heading_line(text) {
            block.kind = BlockKind::Heading(BY_LOOKS);
        }
    }
}

/// Push `src[start..end]` with entities decoded and white space collapsed; returns its length.
fn push_text(
    layout: &mut Layout,
    src: &str,
    start: usize,
    end: usize,
    in_block: &mut bool,
    kind: BlockKind,
) -> usize {
    let text = &src[start..end];
    if !*in_block {
        if text.trim().is_empty() {
            return end - start;
        }
        layout.open_block(kind);
        *in_block = true;
    }
    let mut run_start = start;
    let mut j = start;
    while j < end {
        let c = src[j..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            layout.push(&src[run_start..j], run_start..j);
            let ws_end = src[j..end]
                .find(|c: char| !c.is_whitespace())
                .map_or(end, |k| j + k);
            if !layout.text.ends_with([' ', '\n']) {
                layout.push(" ", j..ws_end);
            }
            j = ws_end;
            run_start = j;
        } else if c == '&' {
            if let Some((decoded, len)) = entity(&src[j..end]) {
                layout.push(&src[run_start..j], run_start..j);
                layout.push(&decoded, j..j + len);
                j += len;
                run_start = j;
            } else {
                j += 1;
            }
        } else {
            j += c.len_utf8();
        }
    }
    layout.push(&src[run_start..end], run_start..end);
    end - start
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "br"
            | "hr"
            | "td"
            | "th"
            | "tr"
            | "table"
            | "thead"
            | "tbody"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "main"
            | "blockquote"
            | "pre"
            | "address"
            | "form"
            | "title"
            | "body"
            | "html"
            | "figure"
            | "figcaption"
    )
}

/// Decode the entity at the start of `s`: its text and the number of bytes it spans.
pub fn entity(s: &str) -> Option<(String, usize)> {
    let semi = s.as_bytes()[..s.len().min(12)]
        .iter()
        .position(|&b| b == b';')?;
    let body = &s[1..semi];
    let ch = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?.to_string()
    } else {
        named_entity(body)?.to_string()
    };
    Some((ch, semi + 1))
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "rsquo" => "’",
        "lsquo" => "‘",
        "rdquo" => "”",
        "ldquo" => "“",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "sect" => "§",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "agrave" => "à",
        "ouml" => "ö",
        "uuml" => "ü",
        "auml" => "ä",
        "ccedil" => "ç",
        "euro" => "€",
        "pound" => "£",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokenizer_corner_cases() {
        let src = "<DIV title=\"a > b\" data-x='<p>'>First block here.</DIV><!-- <p>not text</p> --><P>Second&nbsp;block &copy; 2024</P><nav><a>Home</a></nav><p>Unclosed <b>bold";
        let layout = read(src);
        let texts: Vec<_> = layout
            .blocks
            .iter()
            .map(|b| &layout.text[b.range.clone()])
            .collect();
        assert_eq!(
            texts,
            vec!["First block here.", "Second block © 2024", "Unclosed bold"]
        );
        let first = layout.raw_range(layout.blocks[0].range.clone());
        assert_eq!(&src[first], "First block here.");
    }

    #[test]
    fn blocks_entities_and_offsets() {
        let src = "<html><head><title>T</title><style>p{}</style></head><body>\n<h2>Data Retention</h2>\n<p>We keep   logs &amp; data for <b>12 months</b>.</p><!-- hidden --><script>var x = '<p>';</script>\n<ul><li>Name</li><li>Email&#8217;s</li></ul>|||<p>Next one is here.</p><strong>Use of Cookies</strong><br>- we set cookies;</body></html>";
        let layout = read(src);
        let texts: Vec<_> = layout
            .blocks
            .iter()
            .map(|b| (b.kind, &layout.text[b.range.clone()]))
            .collect();
        assert_eq!(
            texts,
            vec![
                (BlockKind::Heading(2), "Data Retention"),
                (BlockKind::Paragraph, "We keep logs & data for 12 months."),
                (BlockKind::ListItem, "Name"),
                (BlockKind::ListItem, "Email’s"),
                (BlockKind::Paragraph, "Next one is here."),
                (BlockKind::Heading(BY_LOOKS), "Use of Cookies"),
                (BlockKind::ListItem, "we set cookies;"),
            ]
        );
        let months = layout.text.find("12 months").unwrap();
        assert_eq!(&src[layout.raw_range(months..months + 9)], "12 months");
        let para = layout.raw_range(layout.blocks[1].range.clone());
        assert_eq!(
            &src[para],
            "We keep   logs &amp; data for <b>12 months</b>."
        );
    }
}
