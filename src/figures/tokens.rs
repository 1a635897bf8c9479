//! One pass over the text into words, numerals and symbols, each with its place in code points
//! and bytes. The reader works on these tokens, never on the raw text again.

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// Letters, lowercased.
    Word(String),
    /// Digits with optional thousands separators and decimals, as a value.
    Num(Numeral),
    /// Any other visible character.
    Sym(char),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Numeral {
    pub value: f64,
    /// Digits before the decimal point, separators excluded.
    pub int_digits: usize,
    /// Written with thousands separators (`3,417`).
    pub grouped: bool,
    pub decimal: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// Code points.
    pub start: usize,
    pub end: usize,
    /// Bytes.
    pub byte_start: usize,
    pub byte_end: usize,
}

impl Token {
    pub fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(word) => Some(word),
            _ => None,
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

pub fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 4);
    let mut chars = text.char_indices().peekable();
    let mut point = 0;
    while let Some((byte, c)) = chars.next() {
        let start = point;
        point += 1;
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let (numeral, end) = numeral(bytes, byte);
            // A numeral is ASCII: its length in bytes is its length in code points.
            while chars.peek().is_some_and(|&(b, _)| b < end) {
                chars.next();
                point += 1;
            }
            tokens.push(Token { tok: Tok::Num(numeral), start, end: point, byte_start: byte, byte_end: end });
        } else if c.is_alphabetic() {
            let mut end = byte + c.len_utf8();
            while let Some(&(b, next)) = chars.peek() {
                if !next.is_alphabetic() {
                    break;
                }
                end = b + next.len_utf8();
                chars.next();
                point += 1;
            }
            let word = &text[byte..end];
            let word = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
            tokens.push(Token { tok: Tok::Word(word), start, end: point, byte_start: byte, byte_end: end });
        } else {
            tokens.push(Token { tok: Tok::Sym(c), start, end: point, byte_start: byte, byte_end: byte + c.len_utf8() });
        }
    }
    tokens
}

/// Reads `3,417`, `1.5`, `500,000.25` starting at `start`; returns the numeral and its end byte.
/// A comma joins only groups of exactly three digits, and a point only when a digit follows, so
/// "in 2004." and "(1, 2)" end where a reader expects.
fn numeral(bytes: &[u8], start: usize) -> (Numeral, usize) {
    let digits_from = |at: usize| bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut end = start + digits_from(start);
    let mut int_digits = end - start;
    let mut grouped = false;
    while bytes.get(end) == Some(&b',') && digits_from(end + 1) == 3 && int_digits <= 3 * 5 {
        if !grouped && end - start > 3 {
            break;
        }
        grouped = true;
        end += 4;
        int_digits += 3;
    }
    let mut decimal = false;
    if bytes.get(end) == Some(&b'.') && digits_from(end + 1) > 0 {
        decimal = true;
        end += 1 + digits_from(end + 1);
    }
    let clean: String = bytes[start..end].iter().filter(|&&b| b != b',').map(|&b| b as char).collect();
    let value = clean.parse().unwrap_or(f64::NAN);
    (Numeral { value, int_digits, grouped, decimal }, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_words_and_symbols_with_code_point_offsets() {
        let tokens = tokenize("“Crocus” 3,417 fighters, 1.5bn in 2004.");
        let kinds: Vec<String> = tokens
            .iter()
            .map(|t| match &t.tok {
                Tok::Word(w) => w.clone(),
                Tok::Num(n) => format!("#{}", n.value),
                Tok::Sym(c) => c.to_string(),
            })
            .collect();
        assert_eq!(kinds, ["“", "crocus", "”", "#3417", "fighters", ",", "#1.5", "bn", "in", "#2004", "."]);
        assert_eq!((tokens[3].start, tokens[3].end), (9, 14));
        assert!(tokens[3].num().unwrap().grouped);
        assert_eq!((tokens[7].start, tokens[7].end), (28, 30));
    }

    #[test]
    fn commas_group_only_three_digits() {
        let values: Vec<f64> = tokenize("(1, 2) 1,5 12,345,678 2004,").iter().filter_map(|t| t.num()).map(|n| n.value).collect();
        assert_eq!(values, [1.0, 2.0, 1.0, 5.0, 12345678.0, 2004.0]);
    }
}
