//! The sentence around a span of a source, with the span (and a figure inside it) highlighted.

use super::escape::push;
use crate::load::text::SourceText;
use std::ops::Range;

/// How far (in bytes) an excerpt reaches past its span on each side to find the sentence's end.
const REACH: usize = 240;
/// The longest stretch of a span shown whole; a longer one is cut in its middle.
const LONGEST_SPAN: usize = 1200;

/// The sentence (or the stretch of at most `REACH` bytes each side) around the code point range
/// `chars` of `text`, in bytes; `None` when the range lies outside the text.
pub fn sentence(text: &SourceText, chars: Range<usize>) -> Option<Range<usize>> {
    let bytes = text.byte_range(chars)?;
    let s = text.as_str();
    Some(sentence_start(s, bytes.start)..sentence_end(s, bytes.end))
}

fn sentence_start(s: &str, from: usize) -> usize {
    let floor = floor_boundary(s, from.saturating_sub(REACH));
    let window = &s.as_bytes()[floor..from];
    let after_end = (0..window.len()).rev().find(|&i| window[i] == b'\n' || (ends_sentence(window[i]) && window.get(i + 1).is_some_and(u8::is_ascii_whitespace)));
    match after_end {
        Some(i) => {
            let start = floor + i + 1;
            start + s[start..from].len() - s[start..from].trim_start().len()
        }
        None => floor,
    }
}

fn sentence_end(s: &str, from: usize) -> usize {
    let ceiling = ceil_boundary(s, (from + REACH).min(s.len()));
    let window = &s.as_bytes()[from..ceiling];
    let end = (0..window.len()).find(|&i| window[i] == b'\n' || (ends_sentence(window[i]) && window.get(i + 1).is_none_or(u8::is_ascii_whitespace)));
    match end {
        Some(i) if window[i] == b'\n' => from + s[from..from + i].trim_end().len(),
        Some(i) => from + i + 1,
        None => ceiling,
    }
}

fn ends_sentence(byte: u8) -> bool {
    matches!(byte, b'.' | b'!' | b'?')
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Writes the bytes `sentence` of `s` with `quote` (bytes, inside the sentence) wrapped in
/// `<span class="quote">` and `figure` (bytes, inside the quote) in `<mark>`; an ellipsis marks
/// a sentence cut short. A very long quote is shown by its two ends.
pub fn push_sentence(out: &mut String, s: &str, sentence: Range<usize>, quote: Range<usize>, figure: Option<Range<usize>>) {
    if sentence.start > 0 && !s[..sentence.start].ends_with(['\n', ' ', '\t', '\r']) {
        out.push('…');
    }
    push(out, &s[sentence.start..quote.start]);
    out.push_str("<span class=\"quote\">");
    match figure.filter(|f| quote.start <= f.start && f.end <= quote.end && f.start <= f.end) {
        Some(figure) => {
            push_long(out, &s[quote.start..figure.start]);
            out.push_str("<mark class=\"figure\">");
            push(out, &s[figure.clone()]);
            out.push_str("</mark>");
            push_long(out, &s[figure.end..quote.end]);
        }
        None => push_long(out, &s[quote.clone()]),
    }
    out.push_str("</span>");
    push(out, &s[quote.end..sentence.end]);
    if sentence.end < s.len() && !s[..sentence.end].ends_with(['.', '!', '?']) && !s[sentence.end..].starts_with(['\n', '\r']) {
        out.push('…');
    }
}

/// Escapes `text`, keeping its first and last stretches when it is too long to show whole.
fn push_long(out: &mut String, text: &str) {
    if text.len() <= LONGEST_SPAN {
        return push(out, text);
    }
    let head = floor_boundary(text, LONGEST_SPAN / 2);
    let tail = ceil_boundary(text, text.len() - LONGEST_SPAN / 2);
    push(out, &text[..head]);
    out.push_str(" […] ");
    push(out, &text[tail..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, chars: Range<usize>) -> String {
        let source = SourceText::new(text.to_string());
        let sentence = sentence(&source, chars.clone()).unwrap();
        let quote = source.byte_range(chars).unwrap();
        let mut out = String::new();
        push_sentence(&mut out, source.as_str(), sentence, quote, None);
        out
    }

    #[test]
    fn the_sentence_around_a_span() {
        let text = "First one. The toll rose to 137 people. Last one!\nNext line.";
        assert_eq!(shown(text, 28..31), "The toll rose to <span class=\"quote\">137</span> people.");
        assert_eq!(shown(text, 0..5), "<span class=\"quote\">First</span> one.");
        assert_eq!(shown(text, 40..44), "<span class=\"quote\">Last</span> one!");
        assert_eq!(shown(text, 50..54), "<span class=\"quote\">Next</span> line.");
    }

    #[test]
    fn a_long_paragraph_is_cut_with_an_ellipsis_on_character_boundaries() {
        let text = format!("{}ü 42 {}", "é".repeat(400), "ö".repeat(400));
        let out = shown(&text, 402..404);
        assert!(out.starts_with('…') && out.ends_with('…'), "{out}");
        assert!(out.contains("<span class=\"quote\">42</span>"));
        assert!(out.chars().count() < 300);
    }

    #[test]
    fn a_span_outside_the_text_has_no_sentence() {
        assert_eq!(sentence(&SourceText::new("short".into()), 3..9), None);
    }
}
