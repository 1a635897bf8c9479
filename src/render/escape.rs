//! Text from claims files and sources shown safely in the human formats.
//!
//! Claims and sources come from strangers (web pages, leaked documents, pull requests). Printed
//! raw, an escape sequence sets the terminal's title or hides text, a bidirectional override
//! reorders what a reviewer reads, and a line break inside a claim id starts a new line that a
//! CI log may read as a command (`::error::`, `::add-mask::`). So every such character is shown
//! as Rust writes it, `\u{1b}`: control characters (C0, DEL, C1) and the bidirectional embeddings,
//! overrides and isolates U+202A-U+202E and U+2066-U+2069. A tab stays a tab. Letters, marks, and
//! the LRM, RLM, ZWJ and ZWNJ that Persian, Hebrew and emoji need stay as they are.

use std::borrow::Cow;

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

fn escape(text: &str, line_breaks: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
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

#[cfg(test)]
mod tests {
    use super::*;

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
