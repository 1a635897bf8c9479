//! A source document held in memory with the indexes that make offset conversion cheap.
//!
//! Claims address text in Unicode code points (as Python and the W3C selectors do), while Rust
//! strings are indexed in bytes. Rescanning a document per claim would make checking quadratic,
//! so the text keeps a sparse table of byte positions, one per `STRIDE` code points, and the byte
//! position of every line start.

use std::ops::Range;

/// How many code points lie between two checkpoints. A conversion walks at most this many
/// characters after a binary search.
const STRIDE: usize = 64;

#[derive(Debug)]
pub struct SourceText {
    text: Storage,
    /// Byte offset of code point `i * STRIDE`; empty when the text is ASCII (bytes = code points).
    checkpoints: Vec<usize>,
    char_len: usize,
    /// Bytes per code point, on average: where a code point most likely lies, in proportion.
    bytes_per_char: f64,
    /// Byte offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
}

/// A 1-based line and a 1-based column counted in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Where the text's bytes are.
#[derive(Debug)]
enum Storage {
    Owned(String),
    /// In a block of huge pages (see `arena`): a source document, read once and kept for the run.
    Kept(super::arena::Piece),
}

impl SourceText {
    /// A source document as read from the sources folder, kept in a block of huge pages for
    /// the run (see `arena`). Texts made and dropped along the way (folded copies, excerpts) are
    /// made by `new` and stay in their own memory, lest a block outlive most of its texts for
    /// the sake of one.
    pub fn kept(text: String) -> Self {
        let piece = super::arena::store(text.as_bytes());
        SourceText::indexed(&text, Storage::Kept(piece))
    }

    pub fn new(text: String) -> Self {
        let indexed = SourceText::indexed(&text, Storage::Owned(String::new()));
        SourceText { text: Storage::Owned(text), ..indexed }
    }

    /// `text`'s indexes, with its bytes in `storage`.
    fn indexed(text: &str, storage: Storage) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let (checkpoints, char_len) = if text.is_ascii() {
            (Vec::new(), text.len())
        } else {
            let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
            let mut at = 0;
            while at < bytes.len() {
                checkpoints.push(at);
                at = advance(bytes, at, STRIDE).unwrap_or(bytes.len());
            }
            let last = checkpoints.last().copied().unwrap_or(0);
            let tail = bytes[last..].iter().filter(|&&byte| is_char_start(byte)).count();
            let char_len = checkpoints.len().saturating_sub(1) * STRIDE + tail;
            (checkpoints, char_len)
        };
        let bytes_per_char = text.len() as f64 / char_len.max(1) as f64;
        SourceText { text: storage, checkpoints, char_len, bytes_per_char, line_starts }
    }

    pub fn as_str(&self) -> &str {
        match &self.text {
            Storage::Owned(text) => text,
            // SAFETY: the piece is a copy of the bytes of a `String` (`kept`), so it is UTF-8.
            Storage::Kept(piece) => unsafe { std::str::from_utf8_unchecked(piece.bytes()) },
        }
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of code point `index`; `index == char_len()` gives the text's byte length.
    pub fn byte_of_char(&self, index: usize) -> Option<usize> {
        if index > self.char_len {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(index);
        }
        if index == self.char_len {
            return Some(self.as_str().len());
        }
        // The checkpoint and the text after it are two cache misses when claims name sources in
        // no order; fetching the text where the offset most likely lies, in proportion, lets the
        // two overlap.
        prefetch(self.as_str().as_bytes(), (index as f64 * self.bytes_per_char) as usize);
        advance(self.as_str().as_bytes(), self.checkpoints[index / STRIDE], index % STRIDE)
    }

    /// Starts fetching this text's header (what `byte_of_char` reads first) into the cache, for
    /// a conversion a little later.
    pub fn prefetch_header(&self) {
        let header = std::ptr::from_ref(self).cast::<u8>();
        prefetch_address(header);
        prefetch_address(header.wrapping_add(64));
    }

    /// Starts fetching what comparing `bytes` bytes from code point `index` reads after the
    /// header: the checkpoint of `index` and the text where those bytes most likely lie.
    pub fn prefetch_span(&self, index: usize, bytes: usize) {
        if let Some(checkpoint) = self.checkpoints.get(index / STRIDE) {
            prefetch_address(std::ptr::from_ref(checkpoint).cast());
        }
        let text = self.as_str().as_bytes();
        let guess = if self.checkpoints.is_empty() { index } else { (index as f64 * self.bytes_per_char) as usize };
        // One fetch per cache line (the slices of a text start on one, see `arena`).
        for line in (guess & !63..guess + bytes).step_by(64) {
            prefetch(text, line);
        }
    }

    /// Code point index of byte offset `byte`, which must lie on a character boundary.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        debug_assert!(self.as_str().is_char_boundary(byte));
        if self.checkpoints.is_empty() {
            return byte;
        }
        let slot = match self.checkpoints.binary_search(&byte) {
            Ok(slot) => return slot * STRIDE,
            Err(slot) => slot - 1,
        };
        slot * STRIDE + self.as_str()[self.checkpoints[slot]..byte].chars().count()
    }

    /// Byte range of the code point range `chars`, or `None` when it runs past the end.
    pub fn byte_range(&self, chars: Range<usize>) -> Option<Range<usize>> {
        if chars.start > chars.end {
            return None;
        }
        Some(self.byte_of_char(chars.start)?..self.byte_of_char(chars.end)?)
    }

    /// The text of the code point range `chars`.
    pub fn slice(&self, chars: Range<usize>) -> Option<&str> {
        self.byte_range(chars).map(|bytes| &self.as_str()[bytes])
    }

    /// True when the code points `chars` are exactly `quote` (`slice(chars) == Some(quote)`), with
    /// one conversion to bytes instead of two: text equal to `quote` byte for byte from a
    /// character boundary ends on one, `quote`'s code points later.
    pub fn holds_at(&self, chars: Range<usize>, quote: &str) -> bool {
        let Some(start) = self.byte_of_char(chars.start) else { return false };
        chars.start <= chars.end
            && self.as_str().as_bytes().get(start..start + quote.len()) == Some(quote.as_bytes())
            && quote.chars().count() == chars.end - chars.start
    }

    /// Line and column of code point `index` (clamped to the end of the text).
    pub fn line_col(&self, index: usize) -> LineCol {
        let byte = self.byte_of_char(index.min(self.char_len)).unwrap_or(self.as_str().len());
        self.line_col_of_byte(byte)
    }

    pub fn line_col_of_byte(&self, byte: usize) -> LineCol {
        let line = self.line_starts.partition_point(|&start| start <= byte) - 1;
        let line_start = self.line_starts[line];
        let column = self.char_of_byte(byte) - self.char_of_byte(line_start) + 1;
        LineCol { line: line + 1, column }
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self.line_starts.get(line).map_or(self.as_str().len(), |&next| next - 1);
        self.as_str()[start..end].strip_suffix('\r').unwrap_or(&self.as_str()[start..end])
    }

    /// Code point index of the first character of 1-based line `line`.
    pub fn line_start_char(&self, line: usize) -> usize {
        self.char_of_byte(self.line_starts[line - 1])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// The byte offset `chars` code points after `at`, a character boundary of the UTF-8 `bytes`, or
/// `None` past the end.
fn advance(bytes: &[u8], mut at: usize, mut chars: usize) -> Option<usize> {
    // The next `chars` bytes hold at most `chars` character starts: count the starts in that
    // window (a loop the compiler vectorizes) until all are passed, then step over the
    // continuation bytes of the last one. One window suffices for ASCII runs.
    while chars > 0 {
        let window = &bytes[at..(at + chars).min(bytes.len())];
        if window.is_empty() {
            return None;
        }
        chars -= window.iter().filter(|&&byte| is_char_start(byte)).count();
        at += window.len();
    }
    while at < bytes.len() && !is_char_start(bytes[at]) {
        at += 1;
    }
    Some(at)
}

/// Asks the processor to start fetching `bytes[at]` (when it exists) into the cache.
#[inline]
fn prefetch(bytes: &[u8], at: usize) {
    if let Some(byte) = bytes.get(at) {
        prefetch_address(std::ptr::from_ref(byte));
    }
}

/// Asks the processor to start fetching the cache line of `address` into the cache.
#[inline]
pub(crate) fn prefetch_address(address: *const u8) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        // SAFETY: a prefetch is only a hint: it reads nothing and never faults, whatever the address.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(address.cast()) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = address;
}

/// True for every byte but the continuation bytes `0b10xx_xxxx` of a UTF-8 sequence.
fn is_char_start(byte: u8) -> bool {
    (byte as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slow, obviously right conversion the index must agree with.
    fn naive_byte_of_char(text: &str, index: usize) -> Option<usize> {
        text.char_indices().map(|(b, _)| b).chain([text.len()]).nth(index)
    }

    fn sample() -> String {
        // Curly quotes, a superscript, Cyrillic, an em dash and CRLF, repeated past several strides.
        let unit = "“Crocus” killed 137.³ Крокус — сити\r\nline two\nЁ";
        unit.repeat(20)
    }

    #[test]
    fn ascii_offsets_are_bytes() {
        let text = SourceText::new("abc\ndef".to_string());
        assert_eq!(text.char_len(), 7);
        assert_eq!(text.byte_of_char(5), Some(5));
        assert_eq!(text.char_of_byte(5), 5);
        assert_eq!(text.slice(4..7), Some("def"));
        assert_eq!(text.line_col(5), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn every_code_point_round_trips_through_bytes() {
        let raw = sample();
        for text in [SourceText::new(raw.clone()), SourceText::kept(raw.clone())] {
            assert_eq!(text.as_str(), raw);
            assert_eq!(text.char_len(), raw.chars().count());
            for index in 0..=text.char_len() {
                let byte = text.byte_of_char(index).unwrap();
                assert_eq!(Some(byte), naive_byte_of_char(&raw, index), "code point {index}");
                assert_eq!(text.char_of_byte(byte), index);
            }
            assert_eq!(text.byte_of_char(text.char_len() + 1), None);
        }
    }

    #[test]
    fn holds_at_agrees_with_slicing() {
        let raw = sample();
        let text = SourceText::new(raw.clone());
        let ascii = SourceText::new("plain ascii text, twice: plain ascii text".to_string());
        for text in [&text, &ascii] {
            let len = text.char_len();
            for start in (0..=len + 1).step_by(3) {
                for end in [start.saturating_sub(1), start, start + 1, start + 7, start + 70, len, len + 1] {
                    for quote in [text.slice(start..end).unwrap_or("x"), text.slice(start..end + 1).unwrap_or(""), "Крокус", ""] {
                        assert_eq!(text.holds_at(start..end, quote), text.slice(start..end) == Some(quote), "{start}..{end} {quote:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn slices_multibyte_text_by_code_points() {
        let text = SourceText::new("“Crocus” — Крокус ³".to_string());
        assert_eq!(text.slice(1..7), Some("Crocus"));
        assert_eq!(text.slice(11..17), Some("Крокус"));
        assert_eq!(text.slice(18..19), Some("³"));
        assert_eq!(text.slice(18..20), None);
        let (after, before) = (5, 3);
        assert_eq!(text.slice(after..before), None, "a reversed range is no slice");
    }

    #[test]
    fn line_and_column_count_code_points_and_ignore_crlf() {
        let text = SourceText::new("“ab”\r\nКрокус 137\nlast".to_string());
        assert_eq!(text.line_count(), 3);
        assert_eq!(text.line(1), "“ab”");
        assert_eq!(text.line(2), "Крокус 137");
        assert_eq!(text.line(3), "last");
        // "137" starts at code point 6 (line 1) + 7 (into line 2) = 13.
        assert_eq!(text.slice(13..16), Some("137"));
        assert_eq!(text.line_col(13), LineCol { line: 2, column: 8 });
        assert_eq!(text.line_start_char(2), 6);
        assert_eq!(text.line_col(0), LineCol { line: 1, column: 1 });
    }
}
