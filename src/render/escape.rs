//! Text from claims files and sources shown safely in the human formats.
//!
//! Claims and sources come from strangers (web pages, leaked documents, pull requests). Printed
//! raw, an escape sequence sets the terminal's title or hides text, a bidirectional override
//! reorders what a reviewer reads, and a line break inside a claim id starts a new line that a
//! CI log may read as a command (`::error::`, `::add-mask::`). So every such character is shown
//! as Rust writes it, `\u{1b}`: control characters (C0, DEL, C1) and the bidirectional embeddings,
//! overrides and isolates U+202A-U+202E and U+2066-U+2069. A tab stays a tab. Letters, marks, and
//! the LRM, RLM, ZWJ and ZWNJ that Persian, Hebrew and emoji need stay as they are. The JSON
//! formats escape the same characters their own way (`json_text`).

use std::borrow::Cow;
use std::io::{self, Write};

/// Shown in place of a line break inside a field that is printed on one line.
pub const LINE_BREAK: char = '⏎';

/// A field printed on one line: unsafe characters escaped, line breaks shown as `⏎`
/// (CRLF as one).
pub fn one_line(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Unsafe characters escaped, line breaks kept: for formats that carry line breaks their own way
/// (GitHub's `%0A`).
pub fn keeping_line_breaks(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// A line break of text: LF, CR, NEL, and the Unicode line and paragraph separators.
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// A character that must not reach a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

/// The first character of `text` that [`is_unsafe`] names, with its byte offset.
///
/// Reports run to millions of characters, nearly all safe: the bytes are read in blocks the
/// compiler compares all at once, and only a block holding a byte that can begin an unsafe
/// character (a C0 control or DEL, 0xC2 of the C1 controls, 0xE2 of U+2000-U+2FFF) is decoded.
pub fn first_unsafe(text: &str) -> Option<(usize, char)> {
    const BLOCK: usize = 32;
    let may_begin = |b: u8| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let block = &bytes[at..bytes.len().min(at + BLOCK)];
        if !block.iter().fold(false, |seen, &b| seen | may_begin(b)) {
            at += block.len();
            continue;
        }
        // Every byte `may_begin` names is ASCII or begins a character: `at` stays on a boundary.
        let found = block.iter().position(|&b| may_begin(b)).map_or(block.len(), |i| at + i);
        let c = text[found..].chars().next()?;
        if is_unsafe(c) {
            return Some((found, c));
        }
        at = found + c.len_utf8();
    }
    None
}

fn escape(text: &str, line_breaks: bool) -> Cow<'_, str> {
    if first_unsafe(text).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_breaks && is_line_break(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push(LINE_BREAK);
        } else if !line_breaks && matches!(c, '\n' | '\r') {
            out.push(c);
        } else if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer for text that is shown on a terminal as it streams (`fix --dry-run`'s diff): every
/// unsafe character is escaped as in [`keeping_line_breaks`]; LF, and CR before LF, stay as
/// they are. A character or a CRLF split between two writes is held back until it is whole.
pub struct Escaping<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    pub fn new(inner: W) -> Escaping<W> {
        Escaping { inner, pending: Vec::new() }
    }

    /// Writes out what `pending` holds, but for an unfinished character or a CR that may begin a
    /// CRLF (both written out at the end).
    fn drain(&mut self, at_end: bool) -> io::Result<()> {
        let mut out = String::new();
        let mut rest: &[u8] = &self.pending;
        loop {
            let (valid, invalid) = match std::str::from_utf8(rest) {
                Ok(text) => (text, None),
                Err(error) => (std::str::from_utf8(&rest[..error.valid_up_to()]).unwrap_or_default(), Some(error)),
            };
            let mut chars = valid.char_indices().peekable();
            let mut held = valid.len();
            while let Some((i, c)) = chars.next() {
                match (c, chars.peek()) {
                    ('\n', _) | ('\r', Some((_, '\n'))) => out.push(c),
                    // A CR at the end of this write may begin a CRLF.
                    ('\r', None) if invalid.is_none() && !at_end => {
                        held = i;
                        break;
                    }
                    _ if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                    _ => out.push(c),
                }
            }
            match invalid {
                None => {
                    rest = &rest[held..];
                    break;
                }
                // An unfinished character: the next write completes it.
                Some(error) if error.error_len().is_none() && !at_end => {
                    rest = &rest[error.valid_up_to()..];
                    break;
                }
                Some(error) => {
                    let bad = error.error_len().unwrap_or(rest.len() - error.valid_up_to());
                    for byte in &rest[error.valid_up_to()..error.valid_up_to() + bad] {
                        out.push_str(&format!("\\x{byte:02x}"));
                    }
                    rest = &rest[error.valid_up_to() + bad..];
                }
            }
        }
        let kept = rest.len();
        self.inner.write_all(out.as_bytes())?;
        let len = self.pending.len();
        self.pending.drain(..len - kept);
        Ok(())
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        self.drain(false)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain(true)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streamed(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        let mut writer = Escaping::new(&mut out);
        for piece in pieces {
            writer.write_all(piece).unwrap();
        }
        writer.flush().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_first_unsafe_character_is_found_wherever_it_stands_in_a_block() {
        // Every character, alone and after safe text of each length around a block's end, with
        // the characters sharing its lead byte (typographic quotes, dashes) before it.
        let lead = "Beslan: \u{201C}over 300\u{201D} \u{2014} é \u{a0}\t";
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(first_unsafe(&alone), is_unsafe(c).then_some((0, c)), "{c:?}");
        }
        for c in (0..0x3000).filter_map(char::from_u32) {
            for pad in [0, 1, 20, 30, 31, 32, 33, 63, 64, 65] {
                let text = format!("{}{lead}{c}ok", "x".repeat(pad));
                let expected = text.char_indices().find(|&(_, c)| is_unsafe(c));
                assert_eq!(first_unsafe(&text), expected, "{c:?} after {pad}");
            }
        }
    }

    #[test]
    fn a_streamed_text_is_escaped_whatever_its_pieces() {
        let text = "-c2;\"Alpha \x1b[31mred\u{202E}\";;\r\n+c2;x\r\n\u{7}\n";
        let whole = streamed(&[text.as_bytes()]);
        assert_eq!(whole, "-c2;\"Alpha \\u{1b}[31mred\\u{202e}\";;\r\n+c2;x\r\n\\u{7}\n");
        for cut in 0..=text.len() {
            assert_eq!(streamed(&[&text.as_bytes()[..cut], &text.as_bytes()[cut..]]), whole, "cut at byte {cut}");
        }
        assert_eq!(streamed(&[b"a\r", b"b\r"]), "a\\u{d}b\\u{d}");
        assert_eq!(streamed(&[b"a\xff", b"\xe2\x80"]), "a\\xff\\xe2\\x80");
    }

    #[test]
    fn escapes_controls_and_bidi_overrides_and_keeps_script_marks() {
        assert_eq!(one_line("a\x1b]0;pwned\x07b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(one_line("x\u{202E}y\u{2066}z\u{2069}"), "x\\u{202e}y\\u{2066}z\\u{2069}");
        assert_eq!(one_line("C1\r\n::error::x\nb\u{2028}c"), "C1⏎::error::x⏎b⏎c");
        assert_eq!(one_line("\u{9b}31m\u{7f}"), "\\u{9b}31m\\u{7f}");
        let kept = "a\tb می\u{200C}خواهم \u{200F}שלום\u{200E} 👩\u{200D}💻 é";
        assert!(matches!(one_line(kept), Cow::Borrowed(_)));
        assert_eq!(keeping_line_breaks("a\nb\x1b"), "a\nb\\u{1b}");
    }
}
