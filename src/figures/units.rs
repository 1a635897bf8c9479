//! What a figure counts, read from around the number: currencies before it ("$", "US$", "USD",
//! "Rs"), and after it the percent sign and words, percentage points, currency signs, codes and
//! names, cents and pence, units of time and of measure.

use super::Kind;
use super::lexicon;
use super::tokens::Token;

/// The unit of a figure beyond its kind: the currency of money, the unit of a measure or a
/// duration. Two figures compare as numbers only when their units agree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unit {
    pub kind: Option<Kind>,
    /// ISO 4217 code of money; `None` when the text does not decide it ("pesos", "kr").
    pub currency: Option<&'static str>,
    /// Canonical unit of a measure or a duration ("km", "year", "percentage point").
    pub name: Option<&'static str>,
}

impl Unit {
    pub fn money(code: &'static str) -> Unit {
        Unit { kind: Some(Kind::Money), currency: (!code.is_empty()).then_some(code), name: None }
    }

    fn of(kind: Kind, name: &'static str) -> Unit {
        Unit { kind: Some(kind), currency: None, name: Some(name) }
    }

    fn percent() -> Unit {
        Unit { kind: Some(Kind::Percent), currency: None, name: None }
    }
}

/// A unit read after the amount, with the factor it applies ("50 cents" = 0.5 dollars).
pub struct After {
    pub unit: Unit,
    pub factor: f64,
    pub end: usize,
}

fn word<'a>(t: &[Token<'a>], i: usize) -> Option<&'a str> {
    t.get(i).and_then(Token::word)
}

fn touching(t: &[Token], i: usize) -> bool {
    i > 0 && i < t.len() && t[i - 1].end == t[i].start
}

/// A currency written before the amount: "$", "€", "US$", "C$", "USD", "Rs", "Rs.". Returns the
/// currency and the index of the token after it.
pub fn before(t: &[Token], at: usize) -> Option<(Unit, usize)> {
    let token = t.get(at)?;
    if let Some(code) = token.sym().and_then(lexicon::currency_symbol) {
        return Some((Unit::money(code), at + 1));
    }
    let lex = token.lex();
    if let Some(code) = lex.currency_prefix {
        // "US$5", "HK$ 10": the prefix against the dollar sign.
        if t.get(at + 1).is_some_and(|next| next.sym() == Some('$')) && touching(t, at + 1) {
            return Some((Unit::money(code), at + 2));
        }
        // "Rs 500", "Rs. 500", "Rp 10,000", "kr 99"; not the end of a name ("savelog.fr.8", a
        // manual page's file name, is no eight francs).
        if matches!(token.word(), Some("rs" | "rp" | "kr" | "fr" | "sfr")) && !touching(t, at) {
            let dot = usize::from(t.get(at + 1).and_then(Token::sym) == Some('.'));
            if t.get(at + 1 + dot).is_some_and(|next| next.num().is_some()) {
                return Some((Unit::money(code), at + 1 + dot));
            }
        }
    }
    if token.caps
        && let Some(code) = lex.iso_code
        && t.get(at + 1).is_some_and(|next| next.num().is_some())
    {
        return Some((Unit::money(code), at + 1));
    }
    None
}

/// The unit after the amount that ends at `at`. `scaled` says the amount carried a scale word
/// ("5 million pounds" is money; "200 pounds" a weight).
pub fn after(t: &[Token], at: usize, scaled: bool) -> Option<After> {
    let token = t.get(at)?;
    let found = |unit: Unit, end: usize| Some(After { unit, factor: 1.0, end });
    if let Some(c) = token.sym() {
        return match c {
            '%' => found(Unit::percent(), at + 1),
            '¢' => Some(After { unit: Unit::money("USD"), factor: 0.01, end: at + 1 }),
            // "37°C", "98.6 °F", "45°"
            '°' => {
                let scale = t.get(at + 1).filter(|_| touching(t, at + 1)).and_then(Token::word);
                match scale {
                    Some("c") => found(Unit::of(Kind::Measure, "°C"), at + 2),
                    Some("f") => found(Unit::of(Kind::Measure, "°F"), at + 2),
                    _ => found(Unit::of(Kind::Measure, "degree"), at + 1),
                }
            }
            // "15€", "15 €"; "100$" only against the digits (a "$" after a space opens the next amount).
            _ => match lexicon::currency_symbol(c) {
                Some(code) if c != '$' || touching(t, at) => {
                    if t.get(at + 1).is_some_and(|next| next.num().is_some()) && !touching(t, at) {
                        return None;
                    }
                    found(Unit::money(code), at + 1)
                }
                _ => {
                    // "20-day", "seven-year-long"
                    if matches!(c, '-' | '‑') && touching(t, at) && touching(t, at + 1) {
                        let lex = t.get(at + 1)?.lex();
                        if let Some(name) = lex.duration {
                            return found(Unit::of(Kind::Duration, name), at + 2);
                        }
                        // "a 3-billion-dollar deal"
                        if let Some((_, code)) = lex.currency_name {
                            return found(Unit::money(code), at + 2);
                        }
                    }
                    None
                }
            },
        };
    }
    let w = token.word()?;
    let lex = token.lex();
    match w {
        "percent" | "pct" | "pc" | "percents" => return found(Unit::percent(), at + 1),
        "per" if word(t, at + 1) == Some("cent") => return found(Unit::percent(), at + 2),
        "percentage" if matches!(word(t, at + 1), Some("point" | "points")) => return found(Unit::of(Kind::Measure, "percentage point"), at + 2),
        "percentage"
            if t.get(at + 1).and_then(Token::sym) == Some('-') && matches!(word(t, at + 2), Some("point" | "points")) =>
        {
            return found(Unit::of(Kind::Measure, "percentage point"), at + 3);
        }
        "basis" if matches!(word(t, at + 1), Some("point" | "points")) => return found(Unit::of(Kind::Measure, "basis point"), at + 2),
        "cents" | "cent" => return Some(After { unit: Unit::money("USD"), factor: 0.01, end: at + 1 }),
        "pence" => return Some(After { unit: Unit::money("GBP"), factor: 0.01, end: at + 1 }),
        "zł" | "zl" => return found(Unit::money("PLN"), at + 1),
        "p" if touching(t, at) => return Some(After { unit: Unit::money("GBP"), factor: 0.01, end: at + 1 }),
        "pounds" | "pound" => {
            if word(t, at + 1) == Some("sterling") {
                return found(Unit::money("GBP"), at + 2);
            }
            return if scaled { found(Unit::money("GBP"), at + 1) } else { found(Unit::of(Kind::Measure, "lb"), at + 1) };
        }
        _ => {}
    }
    if token.caps
        && let Some(code) = lex.iso_code
    {
        return found(Unit::money(code), at + 1);
    }
    // "Canadian dollars", "Swiss francs", "US dollars", "Egyptian pounds".
    if !lex.nationality.is_empty()
        && let Some(next) = t.get(at + 1)
    {
        let family = match next.word() {
            Some("pounds" | "pound") => Some("pound"),
            _ => next.lex().currency_name.map(|(family, _)| family),
        };
        if let Some(family) = family {
            let code = lex.nationality.iter().find(|(f, _)| *f == family).map_or("", |(_, code)| *code);
            return found(Unit::money(code), at + 2);
        }
    }
    if let Some((_, code)) = lex.currency_name {
        return found(Unit::money(code), at + 1);
    }
    if let Some(name) = lex.duration {
        // "one second" is a rank as often as a time; only digits make it a duration.
        return found(Unit::of(Kind::Duration, name), at + 1);
    }
    if matches!(w, "square" | "sq") {
        let name = match t.get(at + 1)?.lex().measure? {
            "km" => "km²",
            "mile" => "mi²",
            "m" => "m²",
            "ft" => "ft²",
            "cm" => "cm²",
            _ => return None,
        };
        return found(Unit::of(Kind::Measure, name), at + 2);
    }
    if let Some(name) = lex.measure {
        return found(Unit::of(Kind::Measure, name), at + 1);
    }
    None
}

/// Cents after a whole amount of money named in words: "3 dollars 50 cents", "15 dollars and 50".
pub fn cents(t: &[Token], at: usize) -> Option<(f64, usize)> {
    let and = usize::from(word(t, at) == Some("and"));
    let n = t.get(at + and)?.num().filter(|n| !n.decimal && !n.grouped && n.int_digits <= 2)?;
    let end = at + and + 1;
    match word(t, end) {
        Some("cents" | "cent" | "pence" | "p") => Some((n.value / 100.0, end + 1)),
        // "15 dollars and 50" only when the number ends the phrase.
        None if and == 1 && t.get(end).is_none_or(|next| next.sym().is_some()) => Some((n.value / 100.0, end)),
        _ => None,
    }
}
