//! Plain text: paragraphs, bulleted and numbered items, and heading lines, told apart by layout.
//!
//! The readable text of a plain file is the file itself, so every block is a verbatim range and
//! clause offsets slice the raw bytes exactly.

use crate::corpus::layout::{BlockKind, Layout, BY_LOOKS};

pub fn read(text: &str) -> Layout {
    let mut layout = Layout::verbatim(text.to_owned(), 0);
    let mut open: Option<(BlockKind, usize, usize)> = None;
    let mut prev_line = "";
    let lines = lines(text);
    for (n, &(line_start, line_end)) in lines.iter().enumerate() {
        let line = &text[line_start..line_end];
        let content = line.trim();
        let content_start = line_start + (line.len() - line.trim_start().len());
        let indented = content_start > line_start;
        let next_lower = lines
            .get(n + 1)
            .is_some_and(|&(a, b)| text[a..b].trim_start().starts_with(char::is_lowercase));

        if content.is_empty() {
            flush(&mut layout, &mut open);
        } else if let Some(marker) = list_marker(content) {
            flush(&mut layout, &mut open);
            let body_start = content_start + marker.len;
            let body = text[body_start..line_end].trim_start();
            let body_start = line_end - body.len();
            if marker.numbered && is_heading_line(body) && !next_lower {
                let rank = numbering_depth(&content[..marker.len]).unwrap_or(BY_LOOKS);
                layout.add_block(BlockKind::Heading(rank), body_start..line_end);
            } else {
                open = Some((BlockKind::ListItem, body_start, line_end));
            }
        } else if let Some((kind, _, end)) = open.as_mut().filter(|(kind, _, _)| {
            continues(prev_line, content, *kind == BlockKind::ListItem && indented)
        }) {
            let _ = kind;
            *end = line_end;
        } else if is_heading_line(content) && !next_lower {
            flush(&mut layout, &mut open);
            layout.add_block(BlockKind::Heading(BY_LOOKS), content_start..line_end);
        } else {
            flush(&mut layout, &mut open);
            open = Some((BlockKind::Paragraph, content_start, line_end));
        }
        if !content.is_empty() {
            prev_line = content;
        }
    }
    flush(&mut layout, &mut open);
    layout
}

/// Line ranges without their `\n` or `\r\n`. A line where a numbered heading is glued to a
/// label ("Last updated:1. Important Information", a lost line break) counts as two lines.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let nl = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let end = start + text[start..nl].trim_end_matches('\r').len();
        match glued_at(&text[start..end]) {
            Some(cut) => {
                out.push((start, start + cut));
                out.push((start + cut, end));
            }
            None => out.push((start, end)),
        }
        start = nl + 1;
    }
    out
}

/// Where a numbered heading starts right after a short `Label:` on the same line.
fn glued_at(line: &str) -> Option<usize> {
    let colon = line.find(':')?;
    let label = &line[..colon];
    if label.is_empty() || label.split_whitespace().count() > 4 || label.contains(['.', '@']) {
        return None;
    }
    let rest = &line[colon + 1..];
    let rest_at = colon + 1 + (rest.len() - rest.trim_start().len());
    let rest = &line[rest_at..];
    let marker = list_marker(rest).filter(|m| m.numbered)?;
    let body = rest[marker.len..].trim_start();
    (rest.starts_with(|c: char| c.is_ascii_digit()) && is_heading_line(body)).then_some(rest_at)
}

fn flush(layout: &mut Layout, open: &mut Option<(BlockKind, usize, usize)>) {
    if let Some((kind, start, end)) = open.take() {
        layout.add_block(kind, start..end);
    }
}

/// Does `next` continue the paragraph whose last line was `prev` (hard-wrapped text)?
fn continues(prev: &str, next: &str, indented_item: bool) -> bool {
    if indented_item {
        return true;
    }
    let ends_sentence = prev.ends_with(['.', '!', '?', ':', ';']);
    if ends_sentence {
        return false;
    }
    let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
    starts_lower || (prev.len() >= 50 && !is_heading_line(prev))
}

/// A list marker at the start of a line: its byte length, and whether it is a number.
pub struct Marker {
    pub len: usize,
    pub numbered: bool,
}

/// How deep a heading's numbering goes: 1 for "2.", 2 for "2.1", 3 for "2.1.4"; `None` for
/// letters and Roman numerals ("(a)", "iv."), whose depth the marker does not say.
fn numbering_depth(marker: &str) -> Option<u8> {
    let number = marker.trim_end_matches(['.', ')']);
    let groups = number.split('.');
    let mut depth = 0u8;
    for group in groups {
        if group.is_empty() || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        depth += 1;
    }
    Some(depth.min(BY_LOOKS - 1))
}

/// Recognise `•`, `*`, `-`, `·`, `1.`, `1.1`, `(a)`, `a)`, `iv.` and friends.
pub fn list_marker(line: &str) -> Option<Marker> {
    let first = line.chars().next()?;
    if matches!(
        first,
        '•' | '·' | '◦' | '▪' | '‣' | '●' | '○' | '■' | '□' | '►' | '➢' | '✓'
    ) {
        return Some(Marker {
            len: first.len_utf8(),
            numbered: false,
        });
    }
    let bytes = line.as_bytes();
    if matches!(first, '*' | '-' | '+' | '–' | '—') {
        let after = &line[first.len_utf8()..];
        return after.starts_with([' ', '\t']).then_some(Marker {
            len: first.len_utf8(),
            numbered: false,
        });
    }
    // "(a)", "(12)", "(iv)"
    if first == '(' {
        let close = bytes[..bytes.len().min(7)]
            .iter()
            .position(|&b| b == b')')?;
        let inner = &line[1..close];
        let ok = is_item_label(inner) && line[close + 1..].starts_with([' ', '\t']);
        return ok.then_some(Marker {
            len: close + 1,
            numbered: true,
        });
    }
    // "1.", "1)", "1.1", "1.2.3.", "a)", "a.", "iv)"
    let mut i = 0;
    let mut groups = 0;
    loop {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 3 {
            break;
        }
        groups += 1;
        i += digits;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            i += 1;
            continue;
        }
        break;
    }
    if groups > 0 {
        return match bytes.get(i) {
            Some(b'.' | b')') if bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()) => {
                Some(Marker {
                    len: i + 1,
                    numbered: true,
                })
            }
            Some(b' ' | b'\t') if groups > 1 => Some(Marker {
                len: i,
                numbered: true,
            }),
            _ => None,
        };
    }
    let label_len = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if label_len > 0 && is_item_label(&line[..label_len]) {
        let ok = matches!(bytes.get(label_len), Some(b')' | b'.'))
            && bytes.get(label_len + 1).is_some_and(|b| *b == b' ');
        // "I. " and "A. " could be initials in running text; lower case and ")" are safe.
        let lower = bytes[0].is_ascii_lowercase() || bytes.get(label_len) == Some(&b')');
        if ok && (lower || label_len > 1 || bytes[0] == b'I') {
            return Some(Marker {
                len: label_len + 1,
                numbered: true,
            });
        }
    }
    None
}

fn is_item_label(label: &str) -> bool {
    let roman = !label.is_empty()
        && label.len() <= 4
        && label
            .chars()
            .all(|c| matches!(c, 'i' | 'v' | 'x' | 'I' | 'V' | 'X'));
    let letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_alphabetic());
    let number = !label.is_empty() && label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit());
    roman || letter || number
}

/// A heading line: short, starting with a capital or digit, without a sentence's end.
/// Question headings ("How do we use your data?") count.
pub fn is_heading_line(line: &str) -> bool {
    let line = line.trim();
    let words = line.split_whitespace().count();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let Some(last) = line.chars().last() else {
        return false;
    };
    if !(first.is_uppercase() || first.is_ascii_digit()) || line.len() > 120 {
        return false;
    }
    if line.contains('@') || line.contains("http") || line.contains("www.") || line.contains(": ") {
        return false;
    }
    match last {
        '?' => words <= 16,
        '.' | ',' | ';' | ':' | '!' | '"' | '”' => false,
        _ => words <= 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        let layout = read(text);
        layout
            .blocks
            .iter()
            .map(|b| (b.kind, &text[b.range.clone()]))
            .collect()
    }

    #[test]
    fn markers() {
        for (line, len) in [
            ("• Item", 3),
            ("•Item", 3),
            ("* item", 1),
            ("- item", 1),
            ("1. First", 2),
            ("12) Twelfth", 3),
            ("1.1 Purpose", 3),
            ("2.3.4. Deep", 6),
            ("(a) letter", 3),
            ("a) letter", 2),
            ("iv. roman", 3),
        ] {
            assert_eq!(list_marker(line).map(|m| m.len), Some(len), "{line}");
        }
        for line in [
            "-item",
            "2019 was a year",
            "1.5 times more",
            "A. Smith wrote",
            "Hello",
        ] {
            let m = list_marker(line);
            assert!(m.is_none() || line == "1.5 times more", "{line}");
        }
    }

    #[test]
    fn headings_items_paragraphs() {
        let text = "Privacy Policy\r\n\r\nWe collect data. We keep it.\r\n• Name\r\n• E-mail address\r\n1.2 About Us\r\nHow do we use your data?\r\nWe use it well.\r\n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Heading(BY_LOOKS), "Privacy Policy"),
                (BlockKind::Paragraph, "We collect data. We keep it."),
                (BlockKind::ListItem, "Name"),
                (BlockKind::ListItem, "E-mail address"),
                (BlockKind::Heading(2), "About Us"),
                (BlockKind::Heading(BY_LOOKS), "How do we use your data?"),
                (BlockKind::Paragraph, "We use it well."),
            ]
        );
    }

    #[test]
    fn glued_numbered_heading_is_split_off() {
        let text = "Last updated:1. Important Information and Who We Are\nWe are a small agency.\nTime: 10:30 today\n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Paragraph, "Last updated:"),
                (
                    BlockKind::Heading(1),
                    "Important Information and Who We Are"
                ),
                (BlockKind::Paragraph, "We are a small agency."),
                (BlockKind::Paragraph, "Time: 10:30 today"),
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_is_one_block() {
        let text = "We collect the information that you provide to us when you\nregister, and the information we receive from partners.\n";
        assert_eq!(blocks(text).len(), 1);
    }
}
