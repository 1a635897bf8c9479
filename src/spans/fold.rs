//! Typography folding: the text as it reads, without the typesetting.
//!
//! Sources are retyped all the time (curly quotes straightened, hyphens turned into dashes,
//! non-breaking spaces, CRLF, compatibility characters such as ligatures or full-width digits)
//! while the words stay the same. Folding maps every such variant to one form, and keeps, for each
//! folded character, the code points of the real text it came from, so a match found in folded
//! text is reported at its true offsets.

use std::collections::HashMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A text after folding, with the way back to the original.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text, as symbols (see `Alphabet`).
    pub symbols: Vec<u32>,
    /// The folded text as a string, for exact search with `memchr::memmem`.
    pub text: String,
    /// Folded character index of each byte of `text` (and of `text.len()`).
    char_of_byte: Vec<u32>,
    /// For each folded character, the code points of the original it stands for.
    origin: Vec<Range<u32>>,
}

/// Dense numbers for the characters of one folded source, so the approximate matcher can keep a
/// table per pattern instead of hashing every text character.
#[derive(Debug, Clone, Default)]
pub struct Alphabet {
    ids: HashMap<char, u32>,
}

impl Alphabet {
    /// The id of `c`, or `None` when the source never contains it.
    pub fn id(&self, c: char) -> Option<u32> {
        self.ids.get(&c).copied()
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn intern(&mut self, c: char) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(c).or_insert(next)
    }
}

/// What one character of the source becomes before NFKC.
fn simplify(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // Soft hyphens and zero-width characters are invisible: they fold to nothing.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Folds `text` (code points numbered from 0) and interns its characters in `alphabet`.
pub fn fold(text: &str, alphabet: &mut Alphabet) -> Folded {
    let mut folded = Folded::default();
    fold_each(text, |c, origin| {
        if c == ' ' && folded.text.ends_with(' ') {
            // A run of spaces is one space that stands for the whole run.
            if let Some(last) = folded.origin.last_mut() {
                last.end = origin.end;
            }
            return;
        }
        folded.push(c, origin, alphabet);
    });
    folded.char_of_byte.push(folded.origin.len() as u32);
    folded
}

/// Folds a quote for searching: like the source, and without the spaces at its ends, which an
/// analyst's copy often gains or loses.
pub fn fold_quote(quote: &str) -> Vec<char> {
    // Quotes and their context are folded for every claim and every candidate place, so this
    // keeps neither an alphabet nor the way back to the original.
    let mut folded: Vec<char> = Vec::with_capacity(quote.len());
    fold_each(quote, |c, _| {
        if !(c == ' ' && matches!(folded.last(), Some(' ') | None)) {
            folded.push(c);
        }
    });
    if folded.last() == Some(&' ') {
        folded.pop();
    }
    folded
}

/// Calls `emit` with each folded character of `text` and the code points it comes from, in
/// order; runs of spaces are left to the caller.
fn fold_each(text: &str, mut emit: impl FnMut(char, Range<u32>)) {
    if text.is_ascii() {
        // Every ASCII character is its own cluster and its own NFKC form: only `simplify` applies.
        for (index, c) in text.chars().enumerate() {
            if let Some(c) = simplify(c) {
                emit(c, index as u32..index as u32 + 1);
            }
        }
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut index = 0;
    let mut cluster = String::new();
    while index < chars.len() {
        // A base character and the combining marks after it normalize together.
        let start = index;
        index += 1;
        while index < chars.len() && canonical_combining_class(chars[index]) != 0 {
            index += 1;
        }
        cluster.clear();
        cluster.extend(chars[start..index].iter().filter_map(|&c| simplify(c)));
        let origin = start as u32..index as u32;
        for c in cluster.nfkc().filter_map(simplify) {
            emit(c, origin.clone());
        }
    }
}

impl Folded {
    fn push(&mut self, c: char, origin: Range<u32>, alphabet: &mut Alphabet) {
        let index = self.origin.len() as u32;
        self.char_of_byte.extend(std::iter::repeat_n(index, c.len_utf8()));
        self.text.push(c);
        self.symbols.push(alphabet.intern(c));
        self.origin.push(origin);
    }

    /// Length in folded characters.
    pub fn len(&self) -> usize {
        self.origin.len()
    }

    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// The folded character at byte `byte` of `text`.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        self.char_of_byte[byte] as usize
    }

    /// The code points of the original text that the folded characters `range` stand for.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = self.origin.get(range.start).map_or_else(|| self.origin.last().map_or(0, |r| r.end), |r| r.start);
            return at as usize..at as usize;
        }
        self.origin[range.start].start as usize..self.origin[range.end - 1].end as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Folded {
        fold(text, &mut Alphabet::default())
    }

    #[test]
    fn quotes_dashes_spaces_and_line_endings_fold_to_one_form() {
        assert_eq!(folded("“Crocus” — City\u{00A0}Hall\r\n  attack").text, "\"Crocus\" - City Hall attack");
        assert_eq!(folded("it’s 137").text, "it's 137");
    }

    #[test]
    fn nfkc_folds_compatibility_characters_and_composes_marks() {
        assert_eq!(folded("ﬁnal １３７").text, "final 137");
        assert_eq!(folded("cafe\u{0301}").text, "café");
    }

    #[test]
    fn folded_ranges_map_back_to_the_original_code_points() {
        let original = "a “b”\u{00A0}\u{00A0}ﬁ c";
        let f = folded(original);
        assert_eq!(f.text, "a \"b\" fi c");
        let chars: Vec<char> = original.chars().collect();
        let slice = |r: Range<usize>| chars[r].iter().collect::<String>();
        // "\"b\"" in folded text is the curly-quoted b in the original.
        assert_eq!(slice(f.original(2..5)), "“b”");
        // The single folded space stands for both non-breaking spaces.
        assert_eq!(slice(f.original(5..6)), "\u{00A0}\u{00A0}");
        // Both letters of "fi" come from the one ligature.
        assert_eq!(slice(f.original(6..8)), "ﬁ");
        assert_eq!(slice(f.original(6..7)), "ﬁ");
        assert_eq!(f.original(10..10), 10..10);
    }

    #[test]
    fn invisible_characters_fold_away() {
        assert_eq!(folded("in\u{00AD}ter\u{200B}view").text, "interview");
    }

    proptest::proptest! {
        /// The quote folding is the source folding without its outer spaces, ASCII or not.
        #[test]
        fn quotes_fold_as_sources_do(text in "[ a-z\\t\r\n`'\u{2019}\u{00A0}\u{00AD}\u{FB01}e\u{0301}]{0,40}") {
            let expected: Vec<char> = folded(&text).text.trim_matches(' ').chars().collect();
            proptest::prop_assert_eq!(fold_quote(&text), expected);
        }
    }

    #[test]
    fn quotes_lose_their_outer_spaces() {
        assert_eq!(fold_quote("  over 300 people\n").iter().collect::<String>(), "over 300 people");
    }
}
