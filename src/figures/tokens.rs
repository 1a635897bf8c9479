//! One pass over the text into words, numerals and symbols, each with its place in code points
//! and bytes. Each word is looked up in the lexicon here, once; the reader works on these
//! tokens, never on the raw text again. Words borrow from a lowercased copy of the text, so a
//! token costs no allocation.

use super::interval;
use super::lexicon::{self, Lex};

#[derive(Debug, Clone, Copy)]
pub enum Tok<'a> {
    /// Letters, lowercased, with what the lexicon knows of them.
    Word(&'a str, &'static Lex),
    /// Digits with optional thousands separators, decimals and exponent, as a value.
    Num(Numeral),
    /// Any other visible character.
    Sym(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    /// Not finite when the digits overflow (`1e400`, 309 digits and more), and NaN when more
    /// digits are significant than a figure keeps exactly (`9007199254740993`, `3.14159265358979323`):
    /// such a numeral is reported as unreadable, never read as a nearby number.
    pub value: f64,
    /// Digits before the decimal point, separators excluded (saturating: a token stays small).
    pub int_digits: u32,
    /// Written with thousands separators (`3,417`, `10 000`, `12,34,567`).
    pub grouped: bool,
    pub decimal: bool,
    /// How many digits follow the decimal point (saturating).
    pub decimals: u32,
    /// An integer part of two or more digits that starts with 0 ("007", "0958"): a code.
    pub leading_zero: bool,
    /// Written with an exponent ("1.00E+05").
    pub exponent: bool,
}

#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    /// Code points.
    pub start: usize,
    pub end: usize,
    /// Bytes.
    pub byte_start: usize,
    pub byte_end: usize,
    /// A word written in capitals ("USD"): currency codes are read only so.
    pub caps: bool,
    /// A word that begins with a capital ("May" the month, "may" the verb).
    pub capital: bool,
    /// A word with a capital after its first letter but not in capitals throughout: the case of
    /// unit symbols ("nM", "mAh", "kWh", "GHz") and of brand names, never of plain words.
    pub inner_capital: bool,
    /// May begin a figure phrase (a numeral, a starter word or symbol): the reader tries a
    /// phrase only there. Known here already, so the reader's scan tests one byte per token.
    pub starter: bool,
}

impl<'a> Token<'a> {
    pub fn word(&self) -> Option<&'a str> {
        match self.tok {
            Tok::Word(word, _) => Some(word),
            _ => None,
        }
    }

    pub fn lex(&self) -> &'static Lex {
        match self.tok {
            Tok::Word(_, lex) => lex,
            _ => lexicon::none(),
        }
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.word() == Some(word)
    }

    pub fn sym(&self) -> Option<char> {
        match self.tok {
            Tok::Sym(c) => Some(c),
            _ => None,
        }
    }

    pub fn num(&self) -> Option<Numeral> {
        match self.tok {
            Tok::Num(n) => Some(n),
            _ => None,
        }
    }
}

const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const LETTER: u8 = 2;
const OTHER: u8 = 3;
const NON_ASCII: u8 = 4;

/// The class of each byte, so the scan tests one table entry per byte.
static CLASS: [u8; 256] = {
    let mut class = [NON_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_whitespace() {
            SPACE
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// Which ASCII symbols may begin a figure phrase.
static ASCII_STARTERS: [bool; 256] = {
    let mut starters = [false; 256];
    let mut b = 0;
    while b < 128 {
        starters[b] = lexicon::starter_symbol(b as u8 as char);
        b += 1;
    }
    starters
};

/// The tokens of `text`; `lower` is `text.to_ascii_lowercase()` (same byte offsets).
#[cfg(test)]
pub fn tokenize<'a>(text: &'a str, lower: &'a str) -> Vec<Token<'a>> {
    tokenize_into(text, lower, Vec::new())
}

/// `tokenize`, into `tokens` (emptied first): a reader reuses one vector's room text after text.
pub fn tokenize_into<'a>(text: &'a str, lower: &'a str, mut tokens: Vec<Token<'a>>) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    tokens.clear();
    // About one token per five bytes of English; a little more room spares a reallocation.
    tokens.reserve(text.len() / 4 + 8);
    let (mut i, mut point) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let start = point;
        let class = CLASS[usize::from(b)];
        if class == SPACE {
            i += 1;
            point += 1;
            continue;
        }
        if class != NON_ASCII {
            let leading_point = b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
            if class == DIGIT || leading_point {
                let (numeral, end, points) = numeral(bytes, i);
                point += points;
                tokens.push(Token { tok: Tok::Num(numeral), start, end: point, byte_start: i, byte_end: end, caps: false, capital: false, inner_capital: false, starter: true });
                i = end;
                continue;
            }
            if class == OTHER {
                point += 1;
                tokens.push(Token { tok: Tok::Sym(b as char), start, end: point, byte_start: i, byte_end: i + 1, caps: false, capital: false, inner_capital: false, starter: ASCII_STARTERS[usize::from(b)] });
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let len = c.len_utf8();
            if !is_letter(c) {
                point += 1;
                if !c.is_whitespace() {
                    tokens.push(Token { tok: Tok::Sym(c), start, end: point, byte_start: i, byte_end: i + len, caps: false, capital: false, inner_capital: false, starter: lexicon::starter_symbol(c) });
                }
                i += len;
                continue;
            }
        }
        // A word: letters, ASCII or not.
        let mut end = i;
        let mut ascii = true;
        // Whether the word holds an ASCII lowercase letter, and an ASCII capital after its first
        // byte: noted on the way rather than counted in a second pass.
        let (mut lowercase, mut later_capital) = (false, false);
        // ASCII letters eight at a time; the loop below takes the rest, letter by letter. The
        // first byte's capital is the word's `capital`, not a later one.
        let mut first_byte = HIGH & 0xFF;
        while let Some(chunk) = bytes.get(end..end + 8) {
            let (run, capitals, lowers) = ascii_letters(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
            later_capital |= capitals & !first_byte != 0;
            lowercase |= lowers != 0;
            first_byte = 0;
            end += run;
            point += run;
            if run < 8 {
                break;
            }
        }
        while end < bytes.len() {
            let class = CLASS[usize::from(bytes[end])];
            if class == LETTER {
                if bytes[end] < b'a' {
                    later_capital |= end > i;
                } else {
                    lowercase = true;
                }
                end += 1;
                point += 1;
            } else if class == NON_ASCII {
                let c = text[end..].chars().next().unwrap_or('\u{FFFD}');
                if !is_letter(c) {
                    break;
                }
                ascii = false;
                end += c.len_utf8();
                point += 1;
            } else {
                break;
            }
        }
        if let Some(skip) = link_end(bytes, i, end) {
            // A web address: nothing in it is a figure. One placeholder keeps its neighbours apart.
            point += text[end..skip].chars().count();
            tokens.push(Token { tok: Tok::Sym('\u{FFFC}'), start, end: point, byte_start: i, byte_end: skip, caps: false, capital: false, inner_capital: false, starter: lexicon::starter_symbol('\u{FFFC}') });
            i = skip;
            continue;
        }
        let word = &lower[i..end];
        let lex = if ascii { lexicon::lookup_in(lower.as_bytes(), i, end) } else { lexicon::none() };
        let capital = b.is_ascii_uppercase();
        // Every byte an ASCII capital; a word with a non-ASCII letter has bytes that are not.
        let caps = capital && end - i >= 2 && ascii && !lowercase;
        // A capital after the first letter (which is one byte when it is a capital).
        let inner_capital = !caps && later_capital;
        tokens.push(Token { tok: Tok::Word(word, lex), start, end: point, byte_start: i, byte_end: end, caps, capital, inner_capital, starter: lex.has(lexicon::STARTER) });
        i = end;
    }
    tokens
}

/// The high bit of each byte.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// How many of the eight bytes of `word` (little-endian: the first byte lowest) are ASCII
/// letters from the first on, with the high bit of each of those that is a capital and of each
/// that is lowercase: every byte tested at once, and nothing counted bit by bit (the baseline
/// x86-64 target has no `popcnt`).
#[inline]
fn ascii_letters(word: u64) -> (usize, u64, u64) {
    // Each byte with its 0x20 bit set is `a` to `z` exactly when it was a letter of either case.
    let folded = word | 0x2020_2020_2020_2020;
    let low = folded & 0x7F7F_7F7F_7F7F_7F7F;
    // The high bit of each byte: at least `a`, at least one past `z` (no carry leaves a byte).
    let from_a = low + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = low + 0x0505_0505_0505_0505;
    let letters = from_a & !past_z & !word & HIGH;
    let run = ((!letters & HIGH).trailing_zeros() / 8) as usize;
    let within = if run == 8 { u64::MAX } else { (1u64 << (8 * run)) - 1 };
    let letters = letters & within;
    // Capitals are letters with the 0x20 bit clear, moved up to the high bit.
    let capitals = letters & !(word << 2);
    (run, capitals, letters & !capitals)
}

/// `c.is_alphabetic()`, answered at once for the typographic punctuation of running text
/// (curly quotes, dashes, ellipses: U+2000 to U+206F, where no character is a letter).
#[inline]
fn is_letter(c: char) -> bool {
    !('\u{2000}'..='\u{206F}').contains(&c) && c.is_alphabetic()
}

/// Where a web address starting with the word at `start..end` ends ("https://…", "www.…").
fn link_end(bytes: &[u8], start: usize, end: usize) -> Option<usize> {
    if !matches!(bytes[start], b'h' | b'H' | b'f' | b'F' | b'w' | b'W') || !matches!(bytes.get(end), Some(b':' | b'.')) {
        return None;
    }
    let word = &bytes[start..end];
    let scheme = (word.eq_ignore_ascii_case(b"http") || word.eq_ignore_ascii_case(b"https") || word.eq_ignore_ascii_case(b"ftp"))
        && bytes[end..].starts_with(b"://");
    let www = word.eq_ignore_ascii_case(b"www") && bytes.get(end) == Some(&b'.');
    if !(scheme || www) {
        return None;
    }
    let length = bytes[end..].iter().take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'"' | b'<' | b'>' | b')' | b']')).count();
    Some(end + length)
}

/// A thousands separator at `at`, with its length in bytes: `,`, a space, a no-break space,
/// a thin space or a narrow no-break space.
fn separator(bytes: &[u8], at: usize) -> Option<(&'static [u8], usize)> {
    const SEPARATORS: [&[u8]; 5] = [b",", b" ", "\u{A0}".as_bytes(), "\u{2009}".as_bytes(), "\u{202F}".as_bytes()];
    SEPARATORS.iter().find(|sep| bytes[at..].starts_with(sep)).map(|sep| (*sep, sep.len()))
}

/// Reads `3,417`, `1.5`, `500,000.25`, `10 000`, `12,34,567`, `1.00E+05`, `.5` starting at
/// `start`; returns the numeral, its end byte and its length in code points. A separator joins
/// only groups of exactly three digits (two in Indian grouping, ending in three), and a point
/// only when a digit follows, so "in 2004." and "(1, 2)" end where a reader expects.
fn numeral(bytes: &[u8], start: usize) -> (Numeral, usize, usize) {
    let digits_from = |at: usize| bytes.get(at..).map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit()).count());
    let first = digits_from(start);
    let mut end = start + first;
    let mut int_digits = first;
    let mut grouped = false;
    let mut points = first;
    // Indian grouping: 12,34,567 (a group of one or two digits, pairs, then three).
    if (1..=2).contains(&first) && bytes.get(end) == Some(&b',') && digits_from(end + 1) == 2 && bytes.get(end + 3) == Some(&b',') {
        let mut at = end;
        let mut pairs = 0;
        while bytes.get(at) == Some(&b',') && digits_from(at + 1) == 2 && bytes.get(at + 3) == Some(&b',') {
            at += 3;
            pairs += 1;
        }
        if bytes.get(at) == Some(&b',') && digits_from(at + 1) == 3 {
            grouped = true;
            int_digits += 2 * pairs + 3;
            points += 3 * pairs + 4;
            end = at + 4;
        }
    }
    if !grouped
        && (1..=3).contains(&first)
        && let Some((sep, len)) = separator(bytes, end)
    {
        let mut at = end;
        let mut groups = 0;
        while bytes[at..].starts_with(sep) && digits_from(at + len) == 3 {
            at += len + 3;
            groups += 1;
        }
        // "555 123 4567" is a phone number, not 555,123 and 4567.
        let run_on = sep == b" " && bytes.get(at) == Some(&b' ') && digits_from(at + 1) > 0;
        if groups > 0 && !run_on {
            grouped = true;
            int_digits += 3 * groups;
            points += 4 * groups;
            end = at;
        }
    }
    let mut decimal = false;
    let mut decimals = 0;
    if bytes.get(end) == Some(&b'.') && digits_from(end + 1) > 0 {
        decimal = true;
        decimals = digits_from(end + 1);
        end += 1 + decimals;
        points += 1 + decimals;
    }
    let mut exponent = false;
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'+' | b'-')));
        let digits = digits_from(end + 1 + sign);
        let after = end + 1 + sign + digits;
        if (1..=3).contains(&digits) && !bytes.get(after).is_some_and(u8::is_ascii_alphanumeric) {
            exponent = true;
            points += after - end;
            end = after;
        }
    }
    let written = &bytes[start..end];
    let value = if too_precise(written) {
        f64::NAN
    } else if grouped {
        let clean: Vec<u8> = written.iter().copied().filter(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')).collect();
        parse(&clean)
    } else {
        parse(written)
    };
    let leading_zero = first >= 2 && bytes[start] == b'0';
    let small = |count: usize| u32::try_from(count).unwrap_or(u32::MAX);
    (Numeral { value, int_digits: small(int_digits), grouped, decimal, decimals: small(decimals), leading_zero, exponent }, end, points)
}

/// Whether the numeral states more significant digits than an `f64` keeps exactly: leading and
/// trailing zeros, separators and the exponent do not count.
fn too_precise(written: &[u8]) -> bool {
    if written.len() <= interval::SIGNIFICANT_DIGITS {
        return false;
    }
    let mantissa = written.iter().position(|b| matches!(b, b'e' | b'E')).map_or(written, |e| &written[..e]);
    let mut digits = mantissa.iter().filter(|b| b.is_ascii_digit());
    if !digits.by_ref().any(|&b| b != b'0') {
        return false;
    }
    // From the first significant digit on: the count up to the last non-zero digit.
    let (mut seen, mut significant) = (1, 1);
    for &digit in digits {
        seen += 1;
        if digit != b'0' {
            significant = seen;
        }
    }
    significant > interval::SIGNIFICANT_DIGITS
}

fn parse(digits: &[u8]) -> f64 {
    std::str::from_utf8(digits).ok().and_then(|s| s.parse().ok()).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        let lower = text.to_ascii_lowercase();
        tokenize(text, &lower)
            .iter()
            .map(|t| match t.tok {
                Tok::Word(w, _) => w.to_string(),
                Tok::Num(n) => format!("#{}", n.value),
                Tok::Sym(c) => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn numerals_words_and_symbols_with_code_point_offsets() {
        let text = "“Crocus” 3,417 fighters, 1.5bn in 2004.";
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text, &lower);
        assert_eq!(read(text), ["“", "crocus", "”", "#3417", "fighters", ",", "#1.5", "bn", "in", "#2004", "."]);
        assert_eq!((tokens[3].start, tokens[3].end), (9, 14));
        assert!(tokens[3].num().unwrap().grouped);
        assert_eq!((tokens[7].start, tokens[7].end), (28, 30));
    }

    #[test]
    fn commas_group_only_three_digits() {
        assert_eq!(read("(1, 2) 1,5 12,345,678 2004,"), ["(", "#1", ",", "#2", ")", "#1", ",", "#5", "#12345678", "#2004", ","]);
    }

    #[test]
    fn spaces_indian_grouping_exponents_and_leading_points() {
        assert_eq!(read("10 000 dollars"), ["#10000", "dollars"]);
        assert_eq!(read("1\u{A0}234\u{2009}567"), ["#1234", "#567"]);
        assert_eq!(read("1\u{202F}234\u{202F}567 and 12,34,567"), ["#1234567", "and", "#1234567"]);
        assert_eq!(read("555 123 4567"), ["#555", "#123", "#4567"]);
        assert_eq!(read("1.00E+05 2e6 3e"), ["#100000", "#2000000", "#3", "e"]);
        assert_eq!(read("a .5 share, v.5"), ["a", "#0.5", "share", ",", "v", ".", "#5"]);
        let text = "1\u{A0}000 x";
        let lower = text.to_ascii_lowercase();
        let tokens = tokenize(text, &lower);
        assert_eq!((tokens[0].start, tokens[0].end, tokens[1].start), (0, 5, 6));
    }

    #[test]
    fn web_addresses_are_one_placeholder() {
        assert_eq!(read("see https://example.com/2024/05/a-123 and www.x.com/7 now"), ["see", "\u{FFFC}", "and", "\u{FFFC}", "now"]);
    }

    #[test]
    fn general_punctuation_holds_no_letter() {
        for c in '\u{2000}'..='\u{206F}' {
            assert!(!c.is_alphabetic(), "{c:?} is a letter: `is_letter` must not skip its block");
        }
    }

    #[test]
    fn a_reused_vector_gives_the_same_tokens() {
        let (first, second) = ("“Crocus” 3,417 fighters", "over 300");
        let (lower_first, lower_second) = (first.to_ascii_lowercase(), second.to_ascii_lowercase());
        let reused = super::super::reader::emptied(tokenize_into(first, &lower_first, Vec::new()));
        let room = reused.capacity();
        let again = tokenize_into(second, &lower_second, reused);
        assert!(room > 0 && again.capacity() >= room, "the room is kept");
        let fresh: Vec<(usize, usize)> = tokenize(second, &lower_second).iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(again.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(), fresh);
    }

    #[test]
    fn letters_eight_at_a_time_as_one_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = *b"abcdefgh";
                bytes[at] = b;
                let (run, capitals, lowers) = ascii_letters(u64::from_le_bytes(bytes));
                let expected = bytes.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                assert_eq!(run, expected, "byte {b:#x} at {at}");
                let marks = |test: fn(&u8) -> bool| bytes[..expected].iter().enumerate().filter(|(_, c)| test(c)).map(|(k, _)| 0x80u64 << (8 * k)).sum::<u64>();
                assert_eq!(capitals, marks(u8::is_ascii_uppercase), "byte {b:#x} at {at}");
                assert_eq!(lowers, marks(u8::is_ascii_lowercase), "byte {b:#x} at {at}");
            }
        }
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"AbCdEfGh")), (8, 0x0080_0080_0080_0080, 0x8000_8000_8000_8000));
        assert_eq!(ascii_letters(u64::from_le_bytes(*b"ZZ`[@{az")), (2, 0x8080, 0));
    }

    #[test]
    fn overflowing_digits_are_not_finite() {
        let digits = "9".repeat(400);
        let lower = digits.clone();
        assert!(!tokenize(&digits, &lower)[0].num().unwrap().value.is_finite());
    }
}
