//! Markdown through a CommonMark parser (pulldown-cmark) that reports source offsets.
//!
//! Headings, paragraphs, list items and table rows become blocks; emphasis, links and inline
//! code are reduced to their text, while each text event keeps the raw range it came from.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::corpus::layout::{BlockKind, Layout};

pub fn read(src: &str) -> Layout {
    // HTML-to-markdown converters indent list items with no-break spaces, which CommonMark
    // does not count as indentation, so such items read as paragraph text. Parse a copy
    // without that indentation and chain its offset map back to the original.
    if src.contains('\u{a0}') {
        let norm = strip_nbsp_indent(src);
        let mut layout = parse(&norm.text);
        layout.map = layout.map.compose(&norm.map);
        layout.remap_block_raw(|r| norm.map.raw_start(r.start)..norm.map.raw_end(r.end));
        return layout;
    }
    parse(src)
}

/// `src` without leading white space on lines whose indentation contains U+00A0.
fn strip_nbsp_indent(src: &str) -> Layout {
    let mut norm = Layout::new();
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t', '\u{a0}']);
        let indent = line.len() - body.len();
        let keep = if line[..indent].contains('\u{a0}') {
            indent
        } else {
            0
        };
        norm.push(&line[keep..], at + keep..at + line.len());
        at += line.len();
    }
    norm
}

fn parse(src: &str) -> Layout {
    let mut layout = Layout::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // Whether the open block has received text yet: a list item's first paragraph belongs to
    // the item, a later one stands on its own.
    let mut block_has_text = false;
    let mut open_kind: Option<BlockKind> = None;
    let open = |layout: &mut Layout, kind: BlockKind, open_kind: &mut Option<BlockKind>| {
        layout.open_block(kind);
        *open_kind = Some(kind);
    };
    for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    open(&mut layout, BlockKind::Heading(level as u8), &mut open_kind);
                    block_has_text = false;
                }
                Tag::Item => {
                    open(&mut layout, BlockKind::ListItem, &mut open_kind);
                    block_has_text = false;
                }
                // A list item's first paragraph belongs to the item.
                Tag::Paragraph if open_kind != Some(BlockKind::ListItem) || block_has_text => {
                    open(&mut layout, BlockKind::Paragraph, &mut open_kind);
                    block_has_text = false;
                }
                Tag::TableRow | Tag::TableHead | Tag::CodeBlock(_) | Tag::BlockQuote(_) => {
                    open(&mut layout, BlockKind::Paragraph, &mut open_kind);
                    block_has_text = false;
                }
                Tag::List(_) | Tag::HtmlBlock | Tag::Table(_) => {
                    layout.close_block();
                    open_kind = None;
                }
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
                    if open_kind.is_some() =>
                {
                    layout.extend_raw(range);
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::Paragraph
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_) => {
                    layout.close_block();
                    open_kind = None;
                }
                TagEnd::TableCell => layout.push_synthetic(" | "),
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
                    if open_kind.is_some() =>
                {
                    layout.extend_raw(range);
                }
                _ => {}
            },
            Event::Text(text) => {
                if open_kind.is_none() {
                    open(&mut layout, BlockKind::Paragraph, &mut open_kind);
                }
                layout.extend_raw(range.clone());
                push_text(&mut layout, src, &text, range);
                block_has_text = true;
            }
            Event::Code(code) => {
                let raw = &src[range.clone()];
                let at = raw
                    .find(code.as_ref())
                    .map_or(range.start, |i| range.start + i);
                let end = (at + code.len()).min(range.end);
                layout.extend_raw(range);
                layout.push(&code, at..end);
                block_has_text = true;
            }
            Event::SoftBreak => layout.push_synthetic(" "),
            Event::HardBreak => layout.push_synthetic("\n"),
            _ => {}
        }
    }
    layout.close_block();
    layout
}

/// Text events usually copy their source; entities and escapes do not, and map as a whole
/// (the layout tells the two apart by comparing lengths).
fn push_text(layout: &mut Layout, src: &str, text: &str, range: std::ops::Range<usize>) {
    if src[range.clone()] == *text || range.len() != text.len() {
        layout.push(text, range);
    } else {
        // Same length but different bytes: map each character as a whole piece.
        let mut raw_at = range.start;
        for (ch, raw_ch) in text.chars().zip(src[range].chars()) {
            let mut buf = [0u8; 4];
            layout.push(ch.encode_utf8(&mut buf), raw_at..raw_at + raw_ch.len_utf8());
            raw_at += raw_ch.len_utf8();
        }
    }
}

/// Markdown syntax signals in the first few KiB: ATX headings, `**bold**`, `[links](...)`,
/// block quotes, `* ` bullets. Two kinds of signal are needed, so a lone asterisk in plain text
/// does not turn it into markdown.
pub fn looks_like_markdown(head: &str) -> bool {
    let mut signals = 0;
    let lines = || head.lines().map(str::trim_start);
    if lines().any(|l| {
        let hashes = l.bytes().take_while(|&b| b == b'#').count();
        (1..=6).contains(&hashes) && l[hashes..].starts_with(' ')
    }) {
        signals += 1;
    }
    if head.contains("](") {
        signals += 1;
    }
    if head.matches("**").count() >= 2 || head.matches("__").count() >= 2 {
        signals += 1;
    }
    if lines().any(|l| l.starts_with("> ")) {
        signals += 1;
    }
    if lines().filter(|l| l.starts_with("* ")).count() >= 2 {
        signals += 1;
    }
    signals >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_and_keeps_raw_offsets() {
        let src = "# Data *Retention*\n\nWe keep **logs** for [12 months](https://x.y) &amp; more.\n\n* First item\n* Second `item`\n";
        let layout = read(src);
        let kinds: Vec<_> = layout.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        let texts: Vec<_> = layout
            .blocks
            .iter()
            .map(|b| &layout.text[b.range.clone()])
            .collect();
        assert_eq!(texts[0], "Data Retention");
        assert_eq!(texts[1], "We keep logs for 12 months & more.");
        assert_eq!(texts[3], "Second item");
        let para = layout.raw_range(layout.blocks[1].range.clone());
        assert_eq!(
            &src[para],
            "We keep **logs** for [12 months](https://x.y) &amp; more."
        );
        let months = layout.text.find("12 months").unwrap();
        assert_eq!(&src[layout.raw_range(months..months + 9)], "12 months");
        let amp = layout.text.find('&').unwrap();
        assert_eq!(&src[layout.raw_range(amp..amp + 1)], "&amp;");
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_markdown("# Title\n\nSee [here](http://a.b)."));
        assert!(!looks_like_markdown(
            "Privacy Policy\n\nWe use * to mark things."
        ));
    }
}
