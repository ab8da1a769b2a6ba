//! HTML: a small tokenizer that keeps source positions.
//!
//! Block elements (`p`, `li`, `h1`-`h6`, `td`, `br`, `div`, ...) end blocks and headings become
//! sections; `<script>`, `<style>`, `<head>` and comments are dropped; entities decode; runs of
//! white space collapse to one space. OPP-115's `|||` segment separators also end blocks.

use crate::layout::{BlockKind, Layout};

pub fn read(src: &str) -> Layout {
    let mut layout = Layout::new();
    let mut kind = BlockKind::Paragraph;
    let mut in_block = false;
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if src[i..].starts_with("<!--") {
                i = src[i..].find("-->").map_or(src.len(), |j| i + j + 3);
                continue;
            }
            let Some(tag) = parse_tag(&src[i..]) else {
                // A lone '<' is text.
                i += push_text(&mut layout, src, i, i + 1, &mut in_block, kind);
                continue;
            };
            i += tag.len;
            let name = tag.name.as_str();
            if !tag.closing
                && matches!(
                    name,
                    "script" | "style" | "head" | "noscript" | "template" | "nav"
                )
            {
                if name == "head" {
                    layout.title = title_element(&src[i..]);
                }
                let close = format!("</{name}");
                i = find_ci(&src[i..], &close).map_or(src.len(), |j| i + j);
                continue;
            }
            if is_block(name) {
                layout.close_block();
                in_block = false;
                kind = match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !tag.closing => BlockKind::Heading,
                    "li" | "dt" | "dd" if !tag.closing => BlockKind::ListItem,
                    _ => BlockKind::Paragraph,
                };
            }
            continue;
        }
        if src[i..].starts_with("|||") {
            layout.close_block();
            in_block = false;
            kind = BlockKind::Paragraph;
            i += 3;
            continue;
        }
        let end = src[i..]
            .find(['<', '|'])
            .map_or(src.len(), |j| i + j.max(1));
        i += push_text(&mut layout, src, i, end, &mut in_block, kind);
    }
    layout.close_block();
    refine_blocks(&mut layout);
    layout
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
            block.kind = BlockKind::Heading;
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

struct TagToken {
    name: String,
    closing: bool,
    len: usize,
}

fn parse_tag(s: &str) -> Option<TagToken> {
    let rest = &s[1..];
    let closing = rest.starts_with('/');
    let name_start = 1 + usize::from(closing);
    let name: String = s[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() && !rest.starts_with('!') && !rest.starts_with('?') {
        return None;
    }
    // Find the closing '>' outside quoted attribute values.
    let mut quote = None;
    for (k, c) in s.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                return Some(TagToken {
                    name: name.to_ascii_lowercase(),
                    closing,
                    len: k + 1,
                })
            }
            _ => {}
        }
    }
    None
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

/// The text of the `<title>` element in a document head.
fn title_element(head: &str) -> Option<String> {
    let end_of_head = find_ci(head, "</head").unwrap_or(head.len());
    let head = &head[..end_of_head];
    let open = find_ci(head, "<title")?;
    let start = open + head[open..].find('>')? + 1;
    let end = start + find_ci(&head[start..], "</title")?;
    let mut text = String::new();
    let mut i = start;
    while i < end {
        match entity(&head[i..end]) {
            Some((decoded, len)) if head[i..].starts_with('&') => {
                text.push_str(&decoded);
                i += len;
            }
            _ => {
                let c = head[i..].chars().next()?;
                text.push(c);
                i += c.len_utf8();
            }
        }
    }
    let text = crate::segment::collapse_ws(&text);
    (!text.is_empty()).then_some(text)
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let hay_lower = hay.to_ascii_lowercase();
    hay_lower.find(needle)
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
                (BlockKind::Heading, "Data Retention"),
                (BlockKind::Paragraph, "We keep logs & data for 12 months."),
                (BlockKind::ListItem, "Name"),
                (BlockKind::ListItem, "Email’s"),
                (BlockKind::Paragraph, "Next one is here."),
                (BlockKind::Heading, "Use of Cookies"),
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
