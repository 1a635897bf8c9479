//! Single amounts, before ranges and qualifiers: digits ("3,417", "-9.23", "1.00E+05",
//! "2.5×10^6", "2½", "3/4", "40k", "$2.1T"), words ("twenty-three", "two thousand million",
//! "four point five", "two and a half million"), fractions ("two-thirds", "one in five",
//! "half a million"), with the currency written before them and their sign.

use super::Kind;
use super::guards::{compound_adjective, decimal_comma, is_code_or_marker};
use super::lexicon::{self, ORDINAL_SUFFIX, SIGN};
use super::tokens::{Numeral, Token};
use super::units::{self, Unit};

/// A number read from digits or words.
#[derive(Debug, Clone, Copy)]
pub struct Amount {
    pub value: f64,
    /// The top of what the number covers: itself, or the decade's last year for "1990s".
    pub high: f64,
    /// Token index after the amount.
    pub end: usize,
    /// The scale it carried ("million"), so a range's first part can borrow it.
    pub scale: Option<f64>,
    /// Money from a currency before it; `fraction`, `ordinal` or `year` from its form.
    pub unit: Unit,
    /// A plain four-digit number that reads as a year when nothing says otherwise.
    pub year_like: bool,
    /// The single word "one", too often a pronoun ("one of the") to be a figure alone.
    pub lone_one: bool,
    /// The digits it was written with, when it was.
    pub digits: Option<Numeral>,
}

impl Amount {
    fn new(value: f64, end: usize) -> Amount {
        Amount { value, high: value, end, scale: None, unit: Unit::default(), year_like: false, lone_one: false, digits: None }
    }

    fn of_kind(mut self, kind: Kind) -> Amount {
        self.unit.kind = Some(kind);
        self
    }
}

fn touching(t: &[Token], i: usize) -> bool {
    i > 0 && i < t.len() && t[i - 1].end == t[i].start
}

fn word<'a>(t: &[Token<'a>], i: usize) -> Option<&'a str> {
    t.get(i).and_then(Token::word)
}

/// Denominators a fraction in digits may have: "3/4", "5/8", "1/100". Others ("9/11", "24/7",
/// "12/25") are names, codes or dates.
const DIGIT_DENOMINATORS: [f64; 12] = [2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0, 32.0, 64.0, 100.0];

/// The amount at `at`: an optional sign, an optional currency, then digits or words.
pub fn amount(t: &[Token], at: usize, value_mode: bool) -> Option<Amount> {
    // "±5%", "+/- 3": a margin either way.
    if let Some(after) = plus_or_minus(t, at) {
        // One margin sign only: "±±5" is nothing, and the reader never recurses on its input.
        if plus_or_minus(t, after).is_some() {
            return None;
        }
        let mut margin = amount(t, after, value_mode).filter(|a| a.unit.kind.is_none() && a.value >= 0.0)?;
        margin.high = margin.value;
        margin.value = -margin.value;
        margin.year_like = false;
        margin.lone_one = false;
        return Some(margin);
    }
    let (negative, at) = match sign(t, at) {
        Some(after) => (true, after),
        None => (false, at),
    };
    let (money, at) = match units::before(t, at) {
        Some((unit, after)) => (Some(unit), after),
        None => (None, at),
    };
    // "$-5", "€ −3"
    let (negative, at) = match (money.is_some() && !negative).then(|| sign(t, at)).flatten() {
        Some(after) => (true, after),
        None => (negative, at),
    };
    let token = t.get(at)?;
    let mut amount = match token.num() {
        Some(numeral) => digits(t, at, numeral, money.is_some(), value_mode)?,
        None if money.is_some() => return None,
        None => words(t, at)?,
    };
    if let Some(unit) = money {
        if amount.unit.kind.is_some() {
            return None;
        }
        amount.unit = unit;
        amount.year_like = false;
    }
    if negative {
        if matches!(amount.unit.kind, Some(Kind::Ordinal | Kind::Year)) {
            return None;
        }
        amount.value = -amount.value;
        amount.high = amount.value;
        amount.year_like = false;
        amount.lone_one = false;
    }
    Some(amount)
}

/// `±` or `+/-` at `at`: the index after it.
pub fn plus_or_minus(t: &[Token], at: usize) -> Option<usize> {
    match t.get(at)?.sym()? {
        '±' => Some(at + 1),
        '+' if t.get(at + 1).and_then(Token::sym) == Some('/') && matches!(t.get(at + 2).and_then(Token::sym), Some('-' | '−')) => Some(at + 3),
        _ => None,
    }
}

/// A sign before the number at `at`: "minus", "negative", or `-` / `−` against the digits
/// when nothing joins it to what stands before ("2013-14", "Su-35" have no sign).
fn sign(t: &[Token], at: usize) -> Option<usize> {
    let token = t.get(at)?;
    if token.lex().has(SIGN) {
        return Some(at + 1);
    }
    let next = t.get(at + 1)?;
    let number_follows = next.num().is_some() || next.sym().is_some_and(|c| lexicon::currency_symbol(c).is_some());
    if matches!(token.sym(), Some('-' | '−')) && touching(t, at + 1) && number_follows {
        let free = !touching(t, at) || t[at - 1].sym().is_some_and(|c| !matches!(c, '-' | '–' | '—' | '.' | '/' | ',' | '−'));
        return free.then_some(at + 1);
    }
    None
}

fn digits(t: &[Token], at: usize, numeral: Numeral, money: bool, value_mode: bool) -> Option<Amount> {
    if let Some(fraction) = slash_fraction(t, at, numeral) {
        return Some(fraction);
    }
    let after_hyphen = at > 0 && touching(t, at) && t[at - 1].sym() == Some('-');
    if is_code_or_marker(t, at) || decimal_comma(t, at) || (numeral.leading_zero && !numeral.decimal && !(after_hyphen && numeral.int_digits == 2)) {
        return None;
    }
    let mut amount = Amount::new(numeral.value, at + 1);
    amount.digits = Some(numeral);
    let plain_year = !numeral.grouped && !numeral.decimal && !numeral.exponent && numeral.int_digits == 4 && (1000.0..=2100.0).contains(&numeral.value);
    if let Some(next) = t.get(at + 1).filter(|_| touching(t, at + 1)) {
        if let Some(w) = next.word() {
            let lex = next.lex();
            let scale = if money { lex.money_scale.or(lex.abbreviation) } else { lex.attached_scale.or(lex.abbreviation) };
            // "100m" is a sprint, "30m" half an hour or a million: only "1.2m" and "£30m" are
            // sure to be millions.
            if w == "m" && !money && !numeral.decimal {
                return None;
            }
            if let Some(scale) = scale {
                amount.value *= scale;
                amount.scale = Some(scale);
                amount.end += 1;
            } else if lex.has(ORDINAL_SUFFIX) && !numeral.decimal {
                amount.end += 1;
                return Some(amount.of_kind(Kind::Ordinal));
            } else if w == "s" && plain_year && numeral.value % 10.0 == 0.0 {
                // "1990s": the decade
                amount.high = amount.value + 9.0;
                amount.end += 1;
                amount.year_like = true;
                return Some(amount.of_kind(Kind::Year));
            } else if !(lex.measure.is_some() || lex.duration.is_some() || (next.caps && lex.iso_code.is_some()) || matches!(w, "p" | "ish" | "pc" | "pct")) {
                // "5G", "3D", "4x4": a code
                return None;
            }
        } else if plain_year && numeral.value % 10.0 == 0.0 && matches!(next.sym(), Some('\'' | '’')) && word(t, at + 2) == Some("s") && touching(t, at + 2) {
            // "1990's": the decade
            amount.high = amount.value + 9.0;
            amount.end += 2;
            amount.year_like = true;
            return Some(amount.of_kind(Kind::Year));
        } else if let Some(fraction) = next.sym().and_then(lexicon::vulgar_fraction) {
            // "2½"
            amount.value += fraction;
            amount.end += 1;
        } else if next.sym() == Some('^') && numeral.value == 10.0 && !numeral.decimal {
            return power_of_ten(t, at + 1, 1.0).map(|(value, end)| Amount { value, high: value, end, ..amount });
        }
    }
    if numeral.value == 10.0 && !numeral.decimal && let Some((value, end)) = superscript_power(t, at + 1, 1.0) {
        return Some(Amount { value, high: value, end, ..amount });
    }
    // "2.5×10^6", "2.5 x 10⁶"
    if let Some((value, end)) = times_ten(t, at + 1, numeral.value) {
        amount.value = value;
        amount.high = value;
        amount.end = end;
        return Some(amount);
    }
    // "2 1/4"
    if !numeral.decimal
        && amount.end == at + 1
        && let Some(next) = t.get(at + 1).and_then(Token::num)
        && let Some(fraction) = slash_fraction(t, at + 1, next)
    {
        amount.value += fraction.value;
        amount.end = fraction.end;
    }
    let (with_half, end) = and_a_fraction(t, amount.end, amount.value, None);
    amount.value = with_half;
    amount.end = end;
    if amount.scale.is_none() {
        let (value, end, scale) = trailing_scales(t, amount.end, amount.value);
        amount.value = value;
        amount.end = end;
        amount.scale = scale;
    }
    amount.high = amount.value;
    amount.year_like = plain_year && amount.scale.is_none() && amount.end == at + 1 && !value_mode;
    if !money && amount.scale.is_none() && !numeral.decimal && let Some(ratio) = ratio(t, amount.end, amount.value) {
        return Some(ratio);
    }
    Some(amount)
}

/// "3/4", "1/2": a fraction in digits, when it is one (not "9/11", "24/7", "3/4/2020").
fn slash_fraction(t: &[Token], at: usize, numerator: Numeral) -> Option<Amount> {
    let slash = t.get(at + 1)?;
    if slash.sym() != Some('/') || !touching(t, at + 1) || !touching(t, at + 2) || numerator.decimal || numerator.grouped {
        return None;
    }
    let denominator = t.get(at + 2)?.num().filter(|d| !d.decimal && !d.grouped && !d.leading_zero)?;
    let before_slash = at > 0 && touching(t, at) && matches!(t[at - 1].sym(), Some('/' | '.' | '-'));
    let after_slash = t.get(at + 3).is_some_and(|next| touching(t, at + 3) && matches!(next.sym(), Some('/' | '.' | '-')) && t.get(at + 4).is_some_and(|n| n.num().is_some()));
    if before_slash || after_slash || (at > 0 && touching(t, at) && t[at - 1].word().is_some()) {
        return None;
    }
    if !DIGIT_DENOMINATORS.contains(&denominator.value) || numerator.value >= denominator.value || numerator.value == 0.0 {
        return None;
    }
    Some(Amount::new(numerator.value / denominator.value, at + 3).of_kind(Kind::Fraction))
}

/// `^6`, `^-3` after a 10 at `at - 1`: `mantissa`·10^n.
fn power_of_ten(t: &[Token], at: usize, mantissa: f64) -> Option<(f64, usize)> {
    let mut i = at + 1;
    let negative = matches!(t.get(i).and_then(Token::sym), Some('-' | '−'));
    if negative {
        i += 1;
    }
    let exponent = t.get(i).filter(|_| touching(t, i))?.num().filter(|n| !n.decimal && n.int_digits <= 3)?;
    let exponent = if negative { -exponent.value } else { exponent.value };
    Some((mantissa * 10f64.powf(exponent), i + 1))
}

/// Superscript exponent after a 10: "10⁶", "10⁻³".
fn superscript_power(t: &[Token], at: usize, mantissa: f64) -> Option<(f64, usize)> {
    let mut i = at;
    let negative = t.get(i).is_some_and(|tok| tok.sym() == Some('⁻') && touching(t, i));
    if negative {
        i += 1;
    }
    let mut exponent = 0i32;
    let mut read = 0;
    while let Some(d) = t.get(i).filter(|_| touching(t, i)).and_then(Token::sym).and_then(lexicon::superscript_digit) {
        exponent = exponent.saturating_mul(10).saturating_add(d);
        i += 1;
        read += 1;
    }
    if read == 0 {
        return None;
    }
    let exponent = if negative { -exponent } else { exponent };
    Some((mantissa * 10f64.powi(exponent), i))
}

/// "× 10^6" after a mantissa.
fn times_ten(t: &[Token], at: usize, mantissa: f64) -> Option<(f64, usize)> {
    let times = t.get(at)?;
    if !(matches!(times.sym(), Some('×' | '*' | '·')) || times.is_word("x")) {
        return None;
    }
    t.get(at + 1)?.num().filter(|n| n.value == 10.0 && !n.decimal)?;
    if t.get(at + 2).and_then(Token::sym) == Some('^') && touching(t, at + 2) {
        return power_of_ten(t, at + 2, mantissa);
    }
    superscript_power(t, at + 2, mantissa)
}

/// Scale words after an amount: "1.5 million", "2 thousand million", "5 lakh crore", "3bn".
fn trailing_scales(t: &[Token], at: usize, value: f64) -> (f64, usize, Option<f64>) {
    let (mut value, mut end, mut scale): (f64, usize, Option<f64>) = (value, at, None);
    while let Some(next) = t.get(end + hyphen(t, end)) {
        let lex = next.lex();
        let Some(factor) = lex.scale.or(lex.abbreviation) else { break };
        // "$3.2-billion", "1.5-million-strong"
        end += hyphen(t, end);
        // Each further scale must be larger: "two thousand million", not "thousand hundred".
        if scale.is_some_and(|s| factor <= s) {
            break;
        }
        value *= factor;
        scale = Some(scale.map_or(factor, |s| s * factor));
        end += 1;
    }
    (value, end, scale)
}

/// "one in five", "2 out of 5", "one in a million", "one over three": a share.
fn ratio(t: &[Token], at: usize, numerator: f64) -> Option<Amount> {
    if numerator.fract() != 0.0 || numerator < 1.0 {
        return None;
    }
    // "one-in-three"
    let hyphenated = hyphen(t, at);
    let at = at + hyphenated;
    let (mut i, over) = match word(t, at)? {
        "in" => (at + 1 + hyphen(t, at + 1), false),
        "out" if word(t, at + 1) == Some("of") => (at + 2, false),
        "over" if hyphenated == 0 && t[at - 1].word().is_some() => (at + 1, true),
        _ => return None,
    };
    let every = word(t, i) == Some("every");
    if every {
        i += 1;
    }
    let denominator = match t.get(i)? {
        tok if tok.num().is_some() => {
            let n = tok.num()?;
            if over || n.decimal || n.leading_zero || (!every && !n.grouped && n.int_digits == 4 && (1000.0..=2100.0).contains(&n.value)) {
                return None;
            }
            if is_code_or_marker(t, i) {
                return None;
            }
            let (value, end, _) = trailing_scales(t, i + 1, n.value);
            (value, end)
        }
        _ => {
            let words = words_with(t, i, false)?;
            if words.unit.kind.is_some() {
                return None;
            }
            (words.value, words.end)
        }
    };
    let (denominator, end) = denominator;
    if denominator <= numerator || (over && denominator > 100.0) {
        return None;
    }
    // "5 in 10 minutes" counts time, not a share.
    if t.get(end).is_some_and(|next| next.lex().duration.is_some() || next.lex().measure.is_some()) {
        return None;
    }
    Some(Amount::new(numerator / denominator, end).of_kind(Kind::Fraction))
}

/// A fraction told in words at `at`: "half", "a third", "two-thirds", "three fifths", "one
/// eighth", "½"; with its value and end.
fn word_fraction(t: &[Token], at: usize) -> Option<(f64, usize)> {
    let first = t.get(at)?;
    if let Some(value) = first.sym().and_then(lexicon::vulgar_fraction) {
        return Some((value, at + 1));
    }
    let w = first.word()?;
    if w == "half" {
        return Some((0.5, at + 1));
    }
    // "quarter million": bare only before a scale.
    if w == "quarter" && of_a_scale(t, at + 1).is_some() {
        return Some((0.25, at + 1));
    }
    let (numerator, mut i, article) = match w {
        "a" | "an" => (1.0, at + 1, true),
        "one" => (1.0, at + 1, false),
        _ => {
            let lex = first.lex();
            let n = lex.unit.or(lex.tens).filter(|&n| n >= 2.0)?;
            // "twenty-three fifths"
            if lex.tens.is_some() && t.get(at + 1).and_then(Token::sym) == Some('-') && let Some(u) = t.get(at + 2).and_then(|tok| tok.lex().unit).filter(|u| (1.0..10.0).contains(u)) {
                (n + u, at + 3, false)
            } else {
                (n, at + 1, false)
            }
        }
    };
    // "two-thirds"; but "twenty-thirds" is a denominator of 23, which the reader does not read.
    if t.get(i).and_then(Token::sym) == Some('-') && touching(t, i) && touching(t, i + 1) {
        if first.lex().tens.is_some() && i == at + 1 {
            return None;
        }
        i += 1;
    }
    let denominator_token = t.get(i)?;
    let lex = denominator_token.lex();
    let denominator = lex.denominator?;
    let singular = !lex.plural_denominator;
    let always_fraction = matches!(denominator_token.word(), Some("half" | "quarter"));
    if numerator > 1.0 && singular {
        return None;
    }
    // "a third-party", "a quarter-final": an adjective, not a share ("a half-million" is read
    // with its scale by the caller).
    let hyphenated = t.get(i + 1).is_some_and(|next| next.sym() == Some('-') && touching(t, i + 1) && touching(t, i + 2));
    if hyphenated && t.get(i + 2).is_none_or(|tok| tok.lex().scale.is_none()) {
        return None;
    }
    // "a third attack" is a rank: "a third" is a share only before "of" or at the end of a phrase.
    if article && singular && !always_fraction {
        let ends = match t.get(i + 1) {
            None => true,
            Some(next) => next.is_word("of") || next.sym().is_some() || next.lex().scale.is_some() || matches!(next.word(), Some("more" | "less" | "fewer" | "or" | "and")),
        };
        if !ends {
            return None;
        }
    }
    Some((numerator / denominator, i + 1))
}

/// "of a million", "a million", "million" after a fraction: its scale.
fn of_a_scale(t: &[Token], at: usize) -> Option<(f64, usize)> {
    let mut i = at;
    if word(t, i) == Some("of") {
        i += 1;
    }
    // "half a million", "a half-million"
    if matches!(word(t, i), Some("a" | "an")) || (t.get(i).and_then(Token::sym) == Some('-') && touching(t, i)) {
        i += 1;
    }
    let scale = t.get(i)?.lex().scale.filter(|&s| s >= 12.0)?;
    Some((scale, i + 1))
}

/// "and a half", "and three quarters", "and two thirds" after a whole amount: `value` plus the
/// fraction, or plus that fraction of `last_scale` ("a million and a half" = 1,500,000).
fn and_a_fraction(t: &[Token], at: usize, value: f64, last_scale: Option<f64>) -> (f64, usize) {
    // "one-and-a-half": the same, hyphenated.
    let and = at + hyphen(t, at);
    if word(t, and) != Some("and") {
        return (value, at);
    }
    let from = and + 1 + hyphen(t, and + 1);
    match word_fraction(t, from) {
        Some((fraction, end)) if fraction < 1.0 && t[from].word().is_some() => (value + fraction * last_scale.unwrap_or(1.0), end),
        _ => (value, at),
    }
}

/// 1 when a hyphen joins the tokens on either side of `at`, else 0.
fn hyphen(t: &[Token], at: usize) -> usize {
    usize::from(t.get(at).and_then(Token::sym) == Some('-') && touching(t, at) && touching(t, at + 1))
}

/// A number told in words: "twenty-three", "one hundred and twenty", "a dozen", "two thousand
/// million", "four point five", "two and a half million", "half a million", "a baker's dozen".
fn words(t: &[Token], at: usize) -> Option<Amount> {
    words_with(t, at, true)
}

/// `words`, reading a share after it ("one in five") only when `ratios` says so: the
/// denominator of a share is read without, so "one in one in one ..." cannot recurse.
fn words_with(t: &[Token], at: usize, ratios: bool) -> Option<Amount> {
    #[derive(PartialEq, Clone, Copy)]
    enum Prev {
        Start,
        Unit,
        Teen,
        Tens,
        Hundred,
        Big,
        Dozen,
    }
    if compound_adjective(t, at) {
        return None;
    }
    if let Some((fraction, end)) = word_fraction(t, at) {
        if let Some((scale, end)) = of_a_scale(t, end) {
            // "half a million", "three quarters of a billion", "a quarter million"
            let value = fraction * scale;
            return Some(Amount { scale: Some(scale), ..Amount::new(value, end) });
        }
        // "half a percentage point", "a quarter of a percent": the share is the number, the
        // unit comes after.
        let of = usize::from(word(t, end) == Some("of"));
        if matches!(word(t, end + of), Some("a" | "an")) && matches!(word(t, end + of + 1), Some("percent" | "percentage" | "per")) {
            return Some(Amount::new(fraction, end + of + 1));
        }
        if t[at].word().is_some() || t.get(at).and_then(Token::sym).is_some() {
            return Some(Amount::new(fraction, end).of_kind(Kind::Fraction));
        }
    }
    if let Some(special) = idiom(t, at) {
        return Some(special);
    }
    // "a dollar", "a euro": one of the currency, read with its name after.
    if matches!(word(t, at), Some("a" | "an")) && t.get(at + 1).is_some_and(|tok| tok.lex().currency_name.is_some() && !tok.word().is_some_and(|w| w.ends_with('s'))) {
        return Some(Amount::new(1.0, at + 1));
    }
    let (mut total, mut current): (f64, f64) = (0.0, 0.0);
    let (mut index, mut read, mut prev) = (at, 0, Prev::Start);
    let mut biggest: f64 = 0.0;
    // The number before the first scale word ("three" of "three hundred thousand"): a range's
    // first end borrows what multiplies it.
    let mut head: Option<f64> = None;
    if matches!(word(t, at), Some("a" | "an")) {
        t.get(at + 1)?.lex().scale?;
        current = 1.0;
        prev = Prev::Unit;
        index += 1;
    }
    let number_word = |i: usize| t.get(i).is_some_and(|tok| tok.lex().number_word());
    // "dozen-strong", "thousand-year-old": a bare scale is no number ("hundred" alone is:
    // "injured about hundred").
    if prev == Prev::Start && t.get(at).is_some_and(|tok| tok.lex().scale.is_some() && !tok.is_word("hundred")) {
        return None;
    }
    while let Some(token) = t.get(index) {
        let lex = token.lex();
        let w = token.word().unwrap_or_default();
        let after_scale = matches!(prev, Prev::Start | Prev::Hundred | Prev::Big);
        if let Some(n) = lex.unit {
            if !(after_scale || (prev == Prev::Tens && n > 0.0 && n < 10.0)) {
                break;
            }
            current += n;
            prev = if n < 10.0 { Prev::Unit } else { Prev::Teen };
        } else if let Some(n) = lex.tens {
            if !after_scale {
                break;
            }
            current += n;
            prev = Prev::Tens;
        } else if w == "hundred" && current < 100.0 && prev != Prev::Dozen {
            head.get_or_insert(current.max(1.0));
            current = current.max(1.0) * 100.0;
            prev = Prev::Hundred;
        } else if w == "dozen" && prev != Prev::Dozen {
            head.get_or_insert(current.max(1.0));
            current = current.max(1.0) * 12.0;
            prev = Prev::Dozen;
        } else if w == "score" && matches!(prev, Prev::Unit | Prev::Teen) && word(t, index + 1) != Some("of") {
            // "three score and ten"
            current *= 20.0;
            prev = Prev::Hundred;
        } else if let Some(scale) = lex.scale.filter(|&s| s >= 1e3) {
            // "two thousand thousand" is no number a writer means.
            if scale <= biggest && current == 0.0 {
                break;
            }
            head.get_or_insert(current.max(1.0));
            if total > 0.0 && scale > biggest {
                // "two thousand million": the larger scale multiplies all before it.
                total = (total + current) * scale;
            } else {
                total += current.max(1.0) * scale;
            }
            biggest = biggest.max(scale);
            current = 0.0;
            prev = Prev::Big;
        } else if token.sym() == Some('-') && prev == Prev::Tens && t.get(index + 1).and_then(|tok| tok.lex().ordinal).is_some_and(|r| r < 10.0) {
            // "twenty-third": a rank, read below.
            break;
        } else if token.sym() == Some('-') && matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens) && t.get(index + 1).is_some_and(|tok| tok.lex().denominator.is_some() && (prev == Prev::Tens || !tok.lex().plural_denominator)) {
            // "a three-quarter majority", "a two-third share": a share written as an adjective,
            // not three of anything.
            return None;
        } else if (token.sym() == Some('-') && prev == Prev::Tens && t.get(index + 1).and_then(|tok| tok.lex().unit).is_some_and(|n| n > 0.0 && n < 10.0))
            || (token.sym() == Some('-') && matches!(prev, Prev::Unit | Prev::Teen | Prev::Tens) && t.get(index + 1).and_then(|tok| tok.lex().scale).is_some_and(|s| s >= 100.0))
            || (w == "and" && matches!(prev, Prev::Hundred | Prev::Big) && read > 0 && number_word(index + 1) && !t.get(index + 2).is_some_and(|tok| tok.lex().plural_denominator))
        {
            // "twenty-three", "one hundred and twenty": joiners inside one number.
            index += 1;
            continue;
        } else {
            break;
        }
        read += 1;
        index += 1;
    }
    if read == 0 {
        return None;
    }
    let mut value = total + current;
    // "the hundred and first", "one thousand and twentieth", "a hundred and twenty-third": a
    // rank told in words.
    if matches!(prev, Prev::Hundred | Prev::Big) {
        let and = usize::from(word(t, index) == Some("and"));
        if let Some(rank) = t.get(index + and).and_then(|tok| tok.lex().ordinal).filter(|&r| r < 100.0) {
            return Some(Amount::new(value + rank, index + and + 1).of_kind(Kind::Ordinal));
        }
    }
    if prev == Prev::Tens && read > 1 && hyphen(t, index) == 1 && let Some(rank) = t.get(index + 1).and_then(|tok| tok.lex().ordinal).filter(|&r| r < 10.0) {
        return Some(Amount::new(value + rank, index + 2).of_kind(Kind::Ordinal));
    }
    let ended_on_scale = prev == Prev::Big;
    let scaled_words = matches!(prev, Prev::Big | Prev::Hundred | Prev::Dozen) && !t[index - 1].is_word("score");
    // "four point five", "nought point two five"
    if word(t, index) == Some("point") {
        let mut digits = 0;
        let mut fraction = 0.0;
        let mut place = 0.1;
        while let Some(d) = t.get(index + 1 + digits).and_then(|tok| tok.lex().unit.filter(|&d| d < 10.0).or_else(|| tok.word().filter(|w| matches!(*w, "oh" | "o")).map(|_| 0.0))) {
            fraction += d * place;
            place /= 10.0;
            digits += 1;
        }
        if digits > 0 {
            value += fraction;
            index += 1 + digits;
        }
    }
    let lone_one = read == 1 && t[at].is_word("one") && index == at + 1;
    let (value, index) = and_a_fraction(t, index, value, ended_on_scale.then_some(biggest));
    let mut amount = Amount::new(value, index);
    amount.lone_one = lone_one && index == at + 1;
    if scaled_words && let Some(head) = head.filter(|&h| h > 0.0) {
        amount.scale = Some(value / head);
    }
    // "nineteen eighty-four", "twenty twenty": a year told in words.
    if read == 1 && (10.0..=20.0).contains(&value) && let Some((rest, end)) = year_tail(t, index) {
        let mut year = Amount::new(value * 100.0 + rest, end).of_kind(Kind::Year);
        year.year_like = true;
        return Some(year);
    }
    if !ended_on_scale {
        let (scaled, end, scale) = trailing_scales(t, index, value);
        if scale.is_some_and(|s| s >= 1e3) && end > index {
            amount.value = scaled;
            amount.high = scaled;
            amount.end = end;
            amount.scale = scale;
        }
    }
    if ratios && amount.scale.is_none() && !ended_on_scale && let Some(ratio) = ratio(t, amount.end, amount.value) {
        return Some(ratio);
    }
    Some(amount)
}

/// The second half of a year told in words: "eighty-four", "ninety", "eleven", "oh five".
fn year_tail(t: &[Token], at: usize) -> Option<(f64, usize)> {
    let lex = t.get(at)?.lex();
    if let Some(tens) = lex.tens {
        let unit = t.get(at + 1).and_then(Token::sym) == Some('-') && t.get(at + 2).and_then(|tok| tok.lex().unit).is_some_and(|u| (1.0..10.0).contains(&u));
        return Some(if unit { (tens + t[at + 2].lex().unit.unwrap_or(0.0), at + 3) } else { (tens, at + 1) });
    }
    if let Some(teen) = lex.unit.filter(|&u| u >= 10.0) {
        return Some((teen, at + 1));
    }
    if t.get(at)?.is_word("oh") && let Some(unit) = t.get(at + 1).and_then(|tok| tok.lex().unit).filter(|&u| (1.0..10.0).contains(&u)) {
        return Some((unit, at + 2));
    }
    None
}

/// Fixed phrases: "a baker's dozen" (13), "a gross of" (144), "a score of" (20) when a thing
/// follows, not a number ("a score of 5" is a result).
fn idiom(t: &[Token], at: usize) -> Option<Amount> {
    if !matches!(word(t, at), Some("a")) {
        return None;
    }
    match word(t, at + 1)? {
        "baker" if matches!(t.get(at + 2).and_then(Token::sym), Some('\'' | '’')) && word(t, at + 3) == Some("s") && word(t, at + 4) == Some("dozen") => {
            Some(Amount::new(13.0, at + 5))
        }
        "gross" | "score" if word(t, at + 2) == Some("of") => {
            let thing = t.get(at + 3)?;
            let lex = thing.lex();
            if thing.word().is_none() || lex.number_word() || lex.has(lexicon::STARTER) || matches!(thing.word(), Some("the" | "his" | "her" | "their" | "its" | "our" | "my" | "your")) {
                return None;
            }
            let value = if t[at + 1].is_word("gross") { 144.0 } else { 20.0 };
            Some(Amount::new(value, at + 2))
        }
        _ => None,
    }
}
