//! The text a document shows to a reader, with a map back to the bytes of its source file.
//!
//! Every format reader (plain text, markdown, HTML) turns raw bytes into a [`Layout`]: the
//! readable text with markup removed, cut into [`Block`]s (paragraphs, list items, headings),
//! plus a piecewise map from positions in that text to byte offsets in the raw file. Clause
//! segmentation works on the readable text only; the map is what lets every clause, and every
//! highlighted word inside it, point back at `[start, end)` in the file as it is on disk.

use std::ops::Range;

/// What kind of block a run of text is; headings become the `section` of what follows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading and its rank: 1 for the top (`<h1>`, `#`, "1."), more for a sub-heading
    /// (`<h3>`, `###`, "2.1"), [`BY_LOOKS`] for a line that is a heading by its looks alone (a
    /// short bold or title-case line), ranked below every marked level.
    Heading(u8),
    /// A paragraph.
    Paragraph,
    /// An item of a list.
    ListItem,
}

/// The rank of a heading known by its looks only, below `<h6>`.
pub const BY_LOOKS: u8 = 7;

impl BlockKind {
    /// Whether the block is a heading, of any rank.
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Heading(_))
    }
}

/// A block of the readable text, as a byte range into [`Layout::text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its bytes in the layout's text.
    pub range: Range<usize>,
    /// The raw span of the block's content including inline markup (`**bold**` at its
    /// start, a link at its end), when the reader knows it; clauses at the block's edges
    /// stretch to it so their offsets cover the markup, not just the text inside.
    pub raw: Option<Range<usize>>,
}

/// One contiguous piece of readable text and the raw bytes it came from.
///
/// When `text_len == raw.len()` the piece is a verbatim copy and maps byte for byte; otherwise
/// (an entity such as `&amp;`, a decoded Windows-1252 byte) it maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Where the piece starts in the readable text.
    pub text_start: u32,
    /// Its length there.
    pub text_len: u32,
    /// Where its raw bytes start in the file.
    pub raw_start: u32,
    /// Their length.
    pub raw_len: u32,
}

impl Span {
    fn is_verbatim(&self) -> bool {
        self.text_len == self.raw_len
    }
    fn text_end(&self) -> u32 {
        self.text_start + self.text_len
    }
}

/// A piecewise-linear map from readable-text offsets to raw-file offsets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    spans: Vec<Span>,
}

impl OffsetMap {
    /// The spans, ordered by `text_start`; a test and the index codec read them.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// A map of `spans`, in text order.
    pub fn from_spans(spans: Vec<Span>) -> Self {
        OffsetMap { spans }
    }

    fn push(&mut self, span: Span) {
        if span.text_len == 0 {
            return;
        }
        if let Some(last) = self.spans.last_mut() {
            // Merge verbatim pieces that continue each other in both texts: plain text and
            // most markdown collapse into a handful of spans.
            if last.is_verbatim()
                && span.is_verbatim()
                && last.text_end() == span.text_start
                && last.raw_start + last.raw_len == span.raw_start
            {
                last.text_len += span.text_len;
                last.raw_len += span.raw_len;
                return;
            }
        }
        self.spans.push(span);
    }

    /// The span holding text offset `at`, or the nearest one before it (synthetic separators
    /// such as the space standing for a soft line break have no span of their own).
    fn span_at(&self, at: u32) -> Option<&Span> {
        let idx = self.spans.partition_point(|s| s.text_start <= at);
        if idx == 0 {
            self.spans.first()
        } else {
            self.spans.get(idx - 1)
        }
    }

    /// Raw offset where the text starting at `at` begins.
    pub fn raw_start(&self, at: usize) -> usize {
        let at = at as u32;
        match self.span_at(at) {
            Some(s) if at < s.text_end() => {
                if s.is_verbatim() {
                    (s.raw_start + (at - s.text_start)) as usize
                } else {
                    s.raw_start as usize
                }
            }
            Some(s) => (s.raw_start + s.raw_len) as usize,
            None => 0,
        }
    }

    /// Raw offset where the text ending (exclusively) at `at` ends.
    pub fn raw_end(&self, at: usize) -> usize {
        if at == 0 {
            return self.raw_start(0);
        }
        let last = (at - 1) as u32;
        match self.span_at(last) {
            Some(s) if last < s.text_end() => {
                if s.is_verbatim() {
                    (s.raw_start + (last - s.text_start) + 1) as usize
                } else {
                    (s.raw_start + s.raw_len) as usize
                }
            }
            Some(s) => (s.raw_start + s.raw_len) as usize,
            None => 0,
        }
    }

    /// The part of the map that covers `range` of the text, rebased so the range starts at 0.
    /// Stored with each clause so search can map highlights inside the clause back to the file.
    pub fn slice(&self, range: Range<usize>) -> OffsetMap {
        let (lo, hi) = (range.start as u32, range.end as u32);
        let mut out = OffsetMap::default();
        let first = self.spans.partition_point(|s| s.text_end() <= lo);
        for s in &self.spans[first..] {
            if s.text_start >= hi {
                break;
            }
            if s.text_end() <= lo || s.text_start >= hi {
                continue;
            }
            if s.is_verbatim() {
                let a = s.text_start.max(lo);
                let b = s.text_end().min(hi);
                out.push(Span {
                    text_start: a - lo,
                    text_len: b - a,
                    raw_start: s.raw_start + (a - s.text_start),
                    raw_len: b - a,
                });
            } else {
                out.push(Span {
                    text_start: s.text_start.saturating_sub(lo),
                    text_len: s.text_len,
                    ..*s
                });
            }
        }
        out
    }

    /// True when the map is a single verbatim run starting at text offset 0: the clause text is
    /// the raw slice itself and needs no map stored.
    pub fn is_identity_from(&self, raw_start: usize) -> bool {
        match self.spans.as_slice() {
            [] => true,
            [s] => s.is_verbatim() && s.text_start == 0 && s.raw_start as usize == raw_start,
            _ => false,
        }
    }

    /// Compact little-endian encoding for the index's stored bytes field.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.spans.len() * 16);
        for s in &self.spans {
            for v in [s.text_start, s.text_len, s.raw_start, s.raw_len] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Inverse of [`OffsetMap::to_bytes`]; trailing bytes that do not form a span are ignored.
    pub fn from_bytes(bytes: &[u8]) -> OffsetMap {
        let word = |c: &[u8]| u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let spans = bytes
            .chunks_exact(16)
            .map(|c| Span {
                text_start: word(&c[0..4]),
                text_len: word(&c[4..8]),
                raw_start: word(&c[8..12]),
                raw_len: word(&c[12..16]),
            })
            .collect();
        OffsetMap { spans }
    }
}

/// Readable text of a document, its blocks, and the map back to raw bytes.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The readable text.
    pub text: String,
    /// The map from the text back to the file's bytes.
    pub map: OffsetMap,
    /// Headings, paragraphs and list items, in order.
    pub blocks: Vec<Block>,
    /// A title the format states outside the text (HTML's `<title>`).
    pub title: Option<String>,
    open: Option<(BlockKind, usize)>,
    open_raw: Option<Range<usize>>,
}

impl Layout {
    /// An empty layout.
    pub fn new() -> Self {
        Layout::default()
    }

    /// A layout whose text is `text`, copied verbatim from raw offset `raw_start` on.
    pub fn verbatim(text: String, raw_start: usize) -> Self {
        let mut layout = Layout::new();
        let len = text.len() as u32;
        layout.map.push(Span {
            text_start: 0,
            text_len: len,
            raw_start: raw_start as u32,
            raw_len: len,
        });
        layout.text = text;
        layout
    }

    /// Append `text` that stands for the raw bytes `raw`.
    pub fn push(&mut self, text: &str, raw: Range<usize>) {
        if text.is_empty() {
            return;
        }
        self.map.push(Span {
            text_start: self.text.len() as u32,
            text_len: text.len() as u32,
            raw_start: raw.start as u32,
            raw_len: (raw.end - raw.start) as u32,
        });
        self.text.push_str(text);
    }

    /// Append text with no source of its own (a space for a line break, a separator).
    pub fn push_synthetic(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Start a block at the current end of the text, closing any open one.
    pub fn open_block(&mut self, kind: BlockKind) {
        self.close_block();
        self.open = Some((kind, self.text.len()));
    }

    /// Widen the raw span of the open block's content to include `raw`.
    pub fn extend_raw(&mut self, raw: Range<usize>) {
        self.open_raw = Some(match self.open_raw.take() {
            Some(r) => r.start.min(raw.start)..r.end.max(raw.end),
            None => raw,
        });
    }

    /// Close the open block, if any; empty or blank blocks are dropped.
    pub fn close_block(&mut self) {
        let raw = self.open_raw.take();
        if let Some((kind, start)) = self.open.take() {
            self.add_block(kind, start..self.text.len());
            if let Some(block) = self
                .blocks
                .last_mut()
                .filter(|b| b.range.end <= self.text.len())
            {
                if block.range.start >= start {
                    block.raw = raw;
                }
            }
        }
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Record a block over an existing range of the text (trimmed of white space).
    pub fn add_block(&mut self, kind: BlockKind, range: Range<usize>) {
        let slice = &self.text[range.clone()];
        let lead = slice.len() - slice.trim_start().len();
        let trail = slice.len() - slice.trim_end().len();
        if lead + trail >= slice.len() {
            return;
        }
        self.blocks.push(Block {
            kind,
            range: range.start + lead..range.end - trail,
            raw: None,
        });
    }

    /// Move every block's raw span through `f` (when the map is chained onto another).
    pub fn remap_block_raw(&mut self, f: impl Fn(Range<usize>) -> Range<usize>) {
        for b in &mut self.blocks {
            if let Some(r) = b.raw.take() {
                b.raw = Some(f(r));
            }
        }
    }

    /// The file bytes of a range of the text.
    pub fn raw_range(&self, range: Range<usize>) -> Range<usize> {
        self.map.raw_start(range.start)..self.map.raw_end(range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_maps_byte_for_byte() {
        let layout = Layout::verbatim("héllo world".into(), 3);
        assert_eq!(layout.raw_range(0..6), 3..9);
        assert_eq!(layout.raw_range(7..12), 10..15);
    }

    #[test]
    fn entity_maps_as_a_whole() {
        let mut l = Layout::new();
        l.push("a ", 0..2);
        l.push("&", 2..7); // "&amp;"
        l.push(" b", 7..9);
        assert_eq!(l.text, "a & b");
        assert_eq!(l.raw_range(2..3), 2..7);
        assert_eq!(l.raw_range(0..5), 0..9);
        assert_eq!(l.raw_range(4..5), 8..9);
    }

    #[test]
    fn slice_rebases_and_round_trips_through_bytes() {
        let mut l = Layout::new();
        l.push("Hello ", 10..16);
        l.push("&", 16..21);
        l.push(" world", 21..27);
        let sub = l.map.slice(6..13);
        let back = OffsetMap::from_bytes(&sub.to_bytes());
        assert_eq!(back, sub);
        assert_eq!(back.raw_start(0), 16);
        assert_eq!(back.raw_end(1), 21);
        assert_eq!(back.raw_end(7), 27);
        assert_eq!(back.raw_start(2)..back.raw_end(7), 22..27);
    }
}
