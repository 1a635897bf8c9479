//! A source document held in memory with the indexes that make offset conversion cheap.
//!
//! Claims address text in Unicode code points (as Python and the W3C selectors do), while Rust
//! strings are indexed in bytes. Rescanning a document per claim would make checking quadratic,
//! so the text keeps a sparse table of byte positions, one per `STRIDE` code points, and the byte
//! position of every line start.

use std::ops::Range;

/// How many code points lie between two checkpoints. A conversion reads the checkpoint, then
/// walks fewer characters than this, or none in an ASCII stretch.
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
    /// A source document as read from the sources folder, in a block of huge pages for the run
    /// (`arena::read`), or where it is not UTF-8. Texts made and dropped along the way (folded
    /// copies, excerpts) are made by `new` and stay in their own memory, lest a block outlive
    /// most of its texts for the sake of one.
    pub fn from_piece(piece: super::arena::Piece) -> Result<Self, std::str::Utf8Error> {
        let indexed = SourceText::indexed(std::str::from_utf8(piece.bytes())?, Storage::Owned(String::new()));
        Ok(SourceText { text: Storage::Kept(piece), ..indexed })
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
        let (at, ascii) = self.stretch(index / STRIDE);
        if ascii {
            return Some(at + index % STRIDE);
        }
        advance(self.as_str().as_bytes(), at, index % STRIDE)
    }

    /// Where the stretch of code points from `slot * STRIDE` starts, and whether it is ASCII: a
    /// stretch spanning as many bytes as it holds code points, whose offsets are found without
    /// reading it.
    fn stretch(&self, slot: usize) -> (usize, bool) {
        let at = self.checkpoints[slot];
        let next = self.checkpoints.get(slot + 1).copied().unwrap_or(self.as_str().len());
        (at, next - at == STRIDE.min(self.char_len - slot * STRIDE))
    }

    /// Starts fetching this text's header (what `byte_of_char` reads first) into the cache, for
    /// a conversion a little later.
    pub fn prefetch_header(&self) {
        let header = std::ptr::from_ref(self).cast::<u8>();
        prefetch_address(header);
        prefetch_address(header.wrapping_add(64));
    }

    /// Starts fetching the checkpoint of code point `index` (the header is read), for
    /// `prefetch_text` a little later.
    pub fn prefetch_checkpoint(&self, index: usize) {
        if let Some(checkpoint) = self.checkpoints.get(index / STRIDE) {
            prefetch_address(std::ptr::from_ref(checkpoint).cast());
        }
    }

    /// Starts fetching what comparing `bytes` bytes from code point `index` reads of the text
    /// (the checkpoint is read): those bytes in an ASCII stretch, else the stretch up to them.
    pub fn prefetch_text(&self, index: usize, bytes: usize) {
        let text = self.as_str().as_bytes();
        let span = match self.checkpoints.get(index / STRIDE) {
            None => index..index + bytes,
            Some(_) => match self.stretch(index / STRIDE) {
                (at, true) => at + index % STRIDE..at + index % STRIDE + bytes,
                // The stretch holds at most four bytes per code point; in proportion is likelier.
                (at, false) => at..at + ((index % STRIDE) as f64 * self.bytes_per_char) as usize + bytes,
            },
        };
        // One fetch per cache line (the slices of a text start on one, see `arena`).
        for line in (span.start & !63..span.end).step_by(64) {
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

    /// True when the code points `chars` are exactly `quote` (`slice(chars) == Some(quote)`):
    /// text equal to `quote` byte for byte from the start's byte holds the slice exactly when
    /// the end's byte lies `quote`'s length on. Counting the quote's code points would do as
    /// well, but the end's conversion is mostly a checkpoint in a cache line already read.
    pub fn holds_at(&self, chars: Range<usize>, quote: &str) -> bool {
        let Some(start) = self.byte_of_char(chars.start) else { return false };
        chars.start <= chars.end
            && self.as_str().as_bytes().get(start..start + quote.len()) == Some(quote.as_bytes())
            && self.byte_of_char(chars.end) == Some(start + quote.len())
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
    // window until all are passed, then step over the continuation bytes of the last one. One
    // window suffices for ASCII runs.
    while chars > 0 {
        let window = &bytes[at..(at + chars).min(bytes.len())];
        if window.is_empty() {
            return None;
        }
        chars -= char_starts(window);
        at += window.len();
    }
    while at < bytes.len() && !is_char_start(bytes[at]) {
        at += 1;
    }
    Some(at)
}

/// How many bytes of `bytes` start a character, counted eight at a time: a continuation byte
/// is `0b10xx_xxxx`, its top bit set and the next one clear.
fn char_starts(bytes: &[u8]) -> usize {
    const TOP: u64 = 0x8080_8080_8080_8080;
    let words = bytes.chunks_exact(8);
    let tail = words.remainder().iter().filter(|&&byte| !is_char_start(byte)).count();
    let continuations: u32 = words.map(|word| u64::from_ne_bytes(word.try_into().unwrap_or_default())).map(|word| (word & !(word << 1) & TOP).count_ones()).sum();
    bytes.len() - continuations as usize - tail
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
        for text in [SourceText::new(raw.clone()), SourceText::from_piece(super::super::arena::store(raw.as_bytes())).unwrap()] {
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
    fn char_starts_counts_every_byte_but_continuations() {
        let text = "aé€😀 x".repeat(7);
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                assert_eq!(char_starts(bytes), bytes.iter().filter(|&&b| is_char_start(b)).count(), "{start}..{end}");
            }
        }
    }

    #[test]
    fn ascii_stretches_and_a_short_last_stretch_convert_like_the_rest() {
        // ASCII stretches among others, and texts whose last stretch spans exactly a stride of
        // bytes with fewer code points (it must not pass for ASCII).
        let ascii = "x".repeat(STRIDE);
        let samples = [
            format!("{ascii}é{ascii}{ascii}ab"),
            format!("{}{}", "é".repeat(STRIDE), "é".repeat(STRIDE / 2)),
            format!("{ascii}{}", "é".repeat(STRIDE / 2)),
            format!("{ascii}{ascii}é"),
            format!("é{}", "y".repeat(STRIDE - 2)),
        ];
        for raw in samples {
            let text = SourceText::new(raw.clone());
            for index in 0..=text.char_len() + 1 {
                assert_eq!(text.byte_of_char(index), naive_byte_of_char(&raw, index), "{raw:?} code point {index}");
            }
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
