//! Digits that are no figure: codes, labels, footnote markers, times of day, phone numbers,
//! ISBNs and other runs of numbers; and dates, which are figures of their own kind.

use super::interval::Interval;
use super::lexicon::{CLOCK, LABEL, MONTH, ORDINAL_SUFFIX, YEAR_PREFIX};
use super::tokens::Token;
use super::Kind;

fn touching(t: &[Token], i: usize) -> bool {
    i > 0 && i < t.len() && t[i - 1].end == t[i].start
}

/// Where the reader must skip the number at `at` without reading a figure, and to which token:
/// a label's number ("Article 5", "version 2.0", "No. 7"), a footnote ("[3]"), a time ("2 pm",
/// "2.13 am", "10 o'clock"), a run of three numbers or more ("555 123 4567", "978-3-16-148410-0",
/// "+44 20 7946 0958") or a number with leading zeros ("0207").
pub fn skip_number(t: &[Token], at: usize) -> Option<usize> {
    let prev = at.checked_sub(1).map(|i| &t[i]);
    // "Part Two", "Chapter Eleven"
    if t[at].lex().number_word() && prev.is_some_and(|p| p.lex().has(LABEL)) {
        return Some(at + 1);
    }
    // "the nineteen nineties": a decade, which the reader does not read.
    if t[at].lex().number_word() && t.get(at + 1).and_then(Token::word).is_some_and(|w| DECADES.contains(&w)) {
        return Some(at + 2);
    }
    if let Some(end) = multiplier(t, at).or_else(|| rate(t, at)) {
        return Some(end);
    }
    let n = t[at].num()?;
    if let Some(end) = foreign_scale(t, at).or_else(|| era(t, at)).or_else(|| unknown_unit(t, at)) {
        return Some(end);
    }
    // "14h30": a time of day in French writing.
    if t.get(at + 1).is_some_and(|h| h.is_word("h")) && touching(t, at + 1) && touching(t, at + 2) && t.get(at + 2).is_some_and(|m| m.num().is_some()) {
        return Some(at + 3);
    }
    // "401(k)": a name.
    if t.get(at + 1).and_then(Token::sym) == Some('(') && touching(t, at + 1) && t.get(at + 2).is_some_and(|w| w.word().is_some()) && touching(t, at + 2) && t.get(at + 3).and_then(Token::sym) == Some(')') {
        return Some(at + 4);
    }
    // "+1 (555) 123-4567": a dialling prefix before an area code.
    if prev.is_some_and(|p| p.sym() == Some('+')) && touching(t, at) && t.get(at + 1).and_then(Token::sym) == Some('(') {
        return Some(at + 1);
    }
    // "UTC+2", "GMT-5": a time zone.
    if prev.is_some_and(|p| matches!(p.sym(), Some('+' | '-' | '−'))) && touching(t, at) && at >= 2 && t[at - 2].word().is_some_and(|w| matches!(w, "utc" | "gmt")) {
        return Some(at + 1);
    }
    // "§ 12", "§1030": a section of a code.
    if prev.is_some_and(|p| p.sym() == Some('§')) {
        return Some(at + 1);
    }
    // "6 ft 2 in": feet and inches, which the reader does not add up.
    if t.get(at + 1).and_then(Token::word).is_some_and(|w| matches!(w, "ft" | "feet" | "foot"))
        && t.get(at + 2).is_some_and(|n| n.num().is_some())
        && t.get(at + 3).and_then(Token::word).is_some_and(|w| matches!(w, "in" | "inch" | "inches"))
    {
        return Some(at + 4);
    }
    // "S&P 500", "Form W 2": a single capital letter names what follows ("A" and "I" are words).
    let letter = prev.is_some_and(|p| p.capital && p.word().is_some_and(|w| w.len() == 1 && w != "a" && w != "i"));
    if prev.is_some_and(|p| p.lex().has(LABEL)) || letter {
        return Some(at + 1);
    }
    // "No. 7", "no.7"
    if prev.is_some_and(|p| p.sym() == Some('.')) && at >= 2 && t[at - 2].is_word("no") && touching(t, at - 1) {
        return Some(at + 1);
    }
    // "[3]", "[12]"
    if prev.is_some_and(|p| p.sym() == Some('[')) && t.get(at + 1).and_then(Token::sym) == Some(']') && !n.decimal {
        return Some(at + 2);
    }
    // "(555) 123-4567": an area code.
    if prev.is_some_and(|p| p.sym() == Some('(')) && t.get(at + 1).and_then(Token::sym) == Some(')') && t.get(at + 2).is_some_and(|next| next.num().is_some()) {
        return Some(number_run(t, at + 2).0);
    }
    // "3,50" (a decimal comma) or "1,2" (a list without spaces): which, the reader cannot tell.
    if decimal_comma(t, at) {
        let mut end = at + 3;
        // "12,3456,789", "1,2,3": the whole run is unread, not just its first pair.
        while decimal_comma(t, end - 1) {
            end += 2;
        }
        while t.get(end).is_some_and(|tok| tok.lex().scale.is_some() || tok.lex().abbreviation.is_some()) {
            end += 1;
        }
        return Some(end);
    }
    // 5'11": feet and inches.
    if matches!(t.get(at + 1).and_then(Token::sym), Some('\'' | '′' | '’')) && touching(t, at + 1) && t.get(at + 2).is_some_and(|next| next.num().is_some()) {
        return Some(at + 3 + usize::from(matches!(t.get(at + 3).and_then(Token::sym), Some('"' | '″' | '”'))));
    }
    if let Some(end) = clock(t, at) {
        return Some(end);
    }
    // "2 1/4": a whole and a fraction, not a run of numbers.
    let mixed = t.get(at + 1).is_some_and(|n| n.num().is_some()) && t.get(at + 2).and_then(Token::sym) == Some('/') && touching(t, at + 2) && touching(t, at + 3) && !t.get(at + 4).is_some_and(|n| n.sym() == Some('/') && touching(t, at + 4));
    let run = if mixed { (at + 1, 1) } else { number_run(t, at) };
    if run.1 >= 3 && !iso_tail(t, at) {
        return Some(run.0);
    }
    // "+1 555-0100": a dialling prefix before more digits.
    if prev.is_some_and(|p| p.sym() == Some('+')) && touching(t, at) && t.get(at + 1).is_some_and(|next| next.num().is_some()) {
        return Some(run.0);
    }
    // "0800 123 456": a number with leading zeros begins a phone number or a code, and so do
    // the numbers that follow it.
    if n.leading_zero && !n.decimal {
        return Some(number_run(t, at).0);
    }
    None
}

/// Scale words of other languages, which the reader does not read: "100 млн рублей", "5 Mio.
/// Euro", "2 Mrd." would otherwise be read as 100, 5 and 2.
const FOREIGN_SCALES: &[&str] = &[
    "mio", "mrd", "md", "mds", "mld", "milliarden", "millionen", "miljoen", "miljard", "miljoner", "miljarder", "mille", "mila", "milioni",
    "miliardi", "millones", "millón", "mil", "tys", "тыс", "тысяч", "тысячи", "тысяча", "млн", "млрд", "трлн", "миллион", "миллиона", "миллионов",
    "миллиард", "миллиарда", "миллиардов", "万", "億", "亿", "千", "百", "兆",
];

/// A number before a scale word of another language: the reader abstains rather than read the
/// bare number ("4 mil millones" is still read: "mil" is a scale of its own there).
fn foreign_scale(t: &[Token], at: usize) -> Option<usize> {
    let next = t.get(at + 1)?;
    let word = next.word()?;
    if next.lex().scale.is_some() || next.lex().attached_scale.is_some() || next.lex().money_scale.is_some() {
        return None;
    }
    // Words are lowercased in ASCII only: "Млн" needs its own (rare) lowercasing.
    let lower = if word.is_ascii() { std::borrow::Cow::Borrowed(word) } else { std::borrow::Cow::Owned(word.to_lowercase()) };
    let known = FOREIGN_SCALES.contains(&lower.as_ref()) || ["万", "億", "亿", "千", "兆"].iter().any(|scale| lower.starts_with(scale));
    known.then(|| at + 2 + usize::from(t.get(at + 2).and_then(Token::sym) == Some('.')))
}

/// Unit symbols the lexicon does not know, lowercased: without them "3 nM" and "3 µM" would read
/// as the same count, and a group would agree where its figures differ a thousandfold.
const UNKNOWN_UNIT_SYMBOLS: &[&str] = &[
    "nm", "µm", "μm", "nmol", "µmol", "μmol", "mmol", "mol", "ng", "µg", "μg", "mcg", "pg", "µl", "μl", "dl", "iu", "ppm", "ppb", "ppt",
    "hz", "khz", "mhz", "ghz", "thz", "db", "dba", "kda", "mah", "wh", "kwh", "mwh", "gwh", "twh", "kw", "mw", "gw", "tw", "kv", "mv", "kva",
    "kpa", "mpa", "gpa", "hpa", "psi", "kb", "mb", "gb", "tb", "pb", "kbps", "mbps", "gbps", "kcal", "mev", "gev", "tev", "ev", "sv", "msv", "µsv", "μsv", "gy", "mgy", "bq", "kbq", "mbq", "ci", "mci",
];

/// A number before a unit symbol the reader does not know ("3 nM", "5 mAh", "2.4 GHz", "40 kW"):
/// the reader abstains rather than read a bare count. A symbol is a word the lexicon does not
/// know that is on the list, or that is short and written with a capital after its first letter.
fn unknown_unit(t: &[Token], at: usize) -> Option<usize> {
    let next = t.get(at + 1)?;
    let word = next.word()?;
    if !std::ptr::eq(next.lex(), super::lexicon::none()) {
        return None;
    }
    let symbol_case = next.inner_capital && word.chars().count() <= 4;
    (symbol_case || UNKNOWN_UNIT_SYMBOLS.contains(&word)).then_some(at + 2)
}

/// "500 BC", "79 AD", "AD 79": a year of an era, which the reader does not read as a count.
fn era(t: &[Token], at: usize) -> Option<usize> {
    let is_era = |i: usize| t.get(i).is_some_and(|tok| tok.caps || tok.capital) && t.get(i).and_then(Token::word).is_some_and(|w| matches!(w, "bc" | "bce" | "ad" | "ce"));
    if is_era(at + 1) {
        return Some(at + 2);
    }
    (at > 0 && is_era(at - 1) && t[at - 1].caps && t[at - 1].is_word("ad")).then_some(at + 1)
}

/// "10 times more", "three times as many", "a 50-fold rise": a multiplier, not a count.
fn multiplier(t: &[Token], at: usize) -> Option<usize> {
    if !(t[at].num().is_some() || t[at].lex().number_word()) {
        return None;
    }
    let next = t.get(at + 1)?;
    if next.is_word("times") && t.get(at + 2).and_then(Token::word).is_some_and(|w| COMPARED.contains(&w)) {
        return Some(at + 2);
    }
    if next.is_word("fold") || (next.sym() == Some('-') && touching(t, at + 1) && touching(t, at + 2) && t.get(at + 2).is_some_and(|w| w.is_word("fold"))) {
        return Some(at + 2 + usize::from(next.sym().is_some()));
    }
    None
}

/// Decades in words, as in "the nineteen nineties".
const DECADES: &[&str] = &["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties", "hundreds", "noughties"];

/// Words after "N times" that make it a multiplier.
const COMPARED: &[&str] = &[
    "more", "as", "less", "fewer", "larger", "higher", "greater", "bigger", "smaller", "lower", "faster", "slower", "the", "that", "than", "over",
];

/// "5 km/h", "40 mg/kg", "60 km per hour": a rate, which the reader does not read; the number
/// with its first unit alone ("5 km") would be a figure in another unit.
fn rate(t: &[Token], at: usize) -> Option<usize> {
    if !(t[at].num().is_some() || t[at].lex().number_word()) {
        return None;
    }
    let unit = t.get(at + 1)?;
    unit.word()?;
    // "3 m/s", "5 people/day": any word over another.
    let slash = t.get(at + 2).and_then(Token::sym) == Some('/') && touching(t, at + 2) && touching(t, at + 3) && t.get(at + 3).is_some_and(|w| w.word().is_some());
    // "60 km per hour", "100 kg per person"; "5 per cent" has no unit before "per".
    let measured = unit.lex().measure.is_some() || unit.lex().duration.is_some();
    let per = measured && t.get(at + 2).is_some_and(|w| w.is_word("per")) && t.get(at + 3).is_some_and(|w| w.word().is_some());
    (slash || per).then_some(at + 4)
}

/// "3,50", "1,2": a comma between digits that did not group them.
pub fn decimal_comma(t: &[Token], at: usize) -> bool {
    t.get(at + 1).and_then(Token::sym) == Some(',') && touching(t, at + 1) && touching(t, at + 2) && t.get(at + 2).is_some_and(|next| next.num().is_some())
}

/// The end of the run of numbers starting at `at`, joined by spaces or by touching `-`, `.`,
/// `/`, and how many numbers it holds.
fn number_run(t: &[Token], at: usize) -> (usize, usize) {
    let mut i = at;
    let mut count = 1;
    loop {
        let next = i + 1;
        match t.get(next) {
            Some(tok) if tok.num().is_some() => {
                i = next;
                count += 1;
            }
            Some(tok) if matches!(tok.sym(), Some('-' | '.' | '/' | '–')) && touching(t, next) && touching(t, next + 1) && t.get(next + 1).is_some_and(|n| n.num().is_some()) => {
                i = next + 1;
                count += 1;
            }
            _ => return (i + 1, count),
        }
    }
}

/// A time of day at `at`: "2 pm", "2pm", "2.13 am", "2 p.m.", "10 o'clock", "1400 GMT".
fn clock(t: &[Token], at: usize) -> Option<usize> {
    let next = t.get(at + 1)?;
    if next.lex().has(CLOCK) {
        return Some(at + 2);
    }
    // "p.m.", "a.m."
    let letters = |i: usize, first: &str| t.get(i).is_some_and(|tok| tok.is_word(first));
    let dot = |i: usize| t.get(i).and_then(Token::sym) == Some('.');
    if (letters(at + 1, "a") || letters(at + 1, "p")) && dot(at + 2) && letters(at + 3, "m") {
        return Some(if dot(at + 4) { at + 5 } else { at + 4 });
    }
    // "o'clock"
    if letters(at + 1, "o") && matches!(t.get(at + 2).and_then(Token::sym), Some('\'' | '’')) && letters(at + 3, "clock") {
        return Some(at + 4);
    }
    None
}

/// Digits that are part of a code, a time, a ratio or a footnote marker rather than a figure:
/// "T4", "Su-35", "COVID-19", "19:32", "24/7", "<sup>10</sup>", "^{10}", "id=5".
pub fn is_code_or_marker(t: &[Token], at: usize) -> bool {
    let before = |back: usize| at.checked_sub(back).map(|i| &t[i]);
    if touching(t, at) {
        let prev = &t[at - 1];
        if let Some(word) = prev.word() {
            // "Rs500", "USD87": a currency; "A320", "T4", "MH17": a code.
            // Only the common codes are written against the digits; "COP28", "PEN15" are names.
            let common_code = matches!(word, "usd" | "eur" | "gbp" | "jpy" | "cny" | "chf" | "cad" | "aud" | "rub" | "inr" | "uah" | "kzt" | "afn" | "tjs" | "uzs");
            if !(matches!(word, "rs" | "rp") || (prev.caps && common_code)) {
                return true;
            }
        }
        match prev.sym() {
            Some('-' | '‑') if touching(t, at - 1) => {
                // "5k-20k": the word before the hyphen is the first end's scale, not a code.
                // So is "million" in "10 million-20 million".
                let scale_of_number = at >= 3
                    && t[at - 3].num().is_some()
                    && before(2).is_some_and(|w| {
                        let lex = w.lex();
                        lex.scale.is_some() || ((lex.attached_scale.is_some() || lex.abbreviation.is_some() || lex.money_scale.is_some()) && touching(t, at - 2))
                    });
                // "mid-2019" and "5-to-10" are no codes either.
                let joiner = before(2).is_some_and(|w| w.lex().has(YEAR_PREFIX) || (w.is_word("to") && at >= 4 && t[at - 3].sym() == Some('-')));
                if before(2).and_then(Token::word).is_some() && !joiner && !scale_of_number {
                    return true;
                }
            }
            // "1.2.3" is a version; "x.5" after a word is the end of a sentence run together,
            // unless more numbers follow ("B.1.1.7", a name).
            Some('.') if before(2).is_none_or(|tok| tok.num().is_some()) => return true,
            Some('.') => {}
            // "×3": a multiplier.
            Some('×') => return true,
            // "'99", "#5", "id=5"
            Some(':' | '^' | '/' | '#' | '=' | '@' | '_' | '\\' | '&') => return true,
            // "'99": a year written short, not 99 of anything.
            Some('\'' | '’') if t[at].num().is_some_and(|n| n.int_digits == 2 && !n.decimal && !n.grouped) => return true,
            Some('>') if before(2).is_some_and(|tok| tok.is_word("sup")) => return true,
            Some('{') if before(2).is_some_and(|tok| tok.sym() == Some('^')) => return true,
            _ => {}
        }
    }
    // Whatever stands before it, "4.4.4.4", "1.2.3", "10:30" and "3/4/2020" are codes, versions,
    // times and dates, never their first number.
    let next_touches = t.get(at + 1).is_some_and(|next| next.start == t[at].end);
    next_touches
        && matches!(t[at + 1].sym(), Some(':' | '/' | '.' | '_' | '@'))
        && t.get(at + 2).is_some_and(|n| n.num().is_some() && n.start == t[at + 1].end)
}

/// Dates: "22 March 2024", "March 22, 2024", "March 8th", "August 2018", "January of 2000",
/// "2024-03-22". The interval is the year when the date names one.
pub fn date(t: &[Token], at: usize) -> Option<(Interval, Kind, usize)> {
    let day = |i: usize| t.get(i).and_then(Token::num).filter(|n| n.int_digits <= 2 && !n.decimal && (1.0..=31.0).contains(&n.value));
    let year = |i: usize| t.get(i).and_then(Token::num).filter(|n| n.int_digits == 4 && !n.grouped && !n.decimal).map(|n| n.value);
    // "may" and "march" are verbs unless capitalized.
    let is_month = |i: usize| t.get(i).is_some_and(|tok| tok.lex().has(MONTH) && (tok.capital || !matches!(tok.word(), Some("may" | "march"))));
    // "8th": the ordinal suffix belongs to the day.
    let after_day = |i: usize| if t.get(i + 1).is_some_and(|tok| tok.lex().has(ORDINAL_SUFFIX)) && touching(t, i + 1) { i + 2 } else { i + 1 };
    let with_year = |end: usize| {
        let comma = usize::from(t.get(end).and_then(Token::sym) == Some(','));
        match year(end + comma) {
            Some(y) => (Interval::exact(y), end + comma + 1),
            None => (Interval::unbounded(), end),
        }
    };
    let day_month = day(at).is_some() && is_month(after_day(at)) && !is_code_or_marker(t, at);
    // "Aug. 1": the point of an abbreviated month.
    let m = at + 1 + usize::from(is_month(at) && t.get(at + 1).and_then(Token::sym) == Some('.') && t[at].word().is_some_and(|w| w.len() <= 4));
    let month_day = is_month(at) && day(m).is_some() && t.get(after_day(m)).is_none_or(|n| n.lex().duration.is_none() && n.lex().measure.is_none());
    let (interval, end) = if day_month {
        with_year(after_day(at) + 1)
    } else if month_day {
        with_year(after_day(m))
    } else if is_month(at) && year(at + 1).is_some() {
        (Interval::exact(year(at + 1)?), at + 2)
    } else if is_month(at) && t.get(at + 1).is_some_and(|tok| tok.is_word("of")) && year(at + 2).is_some() {
        (Interval::exact(year(at + 2)?), at + 3)
    } else if let (Some(y), true) = (year(at), iso_tail(t, at)) {
        (Interval::exact(y), at + 5)
    } else {
        return None;
    };
    Some((interval, Kind::Date, end))
}

/// `-MM-DD` written against a four-digit year.
fn iso_tail(t: &[Token], at: usize) -> bool {
    let part = |i: usize| {
        t.get(i).is_some_and(|tok| tok.start == t[i - 1].end && tok.sym() == Some('-'))
            && t.get(i + 1).is_some_and(|tok| tok.start == t[i].end && tok.num().is_some_and(|n| n.int_digits == 2))
    };
    part(at + 1) && part(at + 3)
}

/// A number word written against a hyphen and a word that is not a number or a unit:
/// "zero-day", "one-sided", "one-off" are no figures.
pub fn compound_adjective(t: &[Token], at: usize) -> bool {
    let Some(word) = t[at].word() else { return false };
    if !matches!(word, "zero" | "one") {
        return false;
    }
    let hyphen = t.get(at + 1).is_some_and(|tok| tok.sym() == Some('-')) && touching(t, at + 1) && touching(t, at + 2);
    hyphen
        && t.get(at + 2).is_some_and(|next| {
            let lex = next.lex();
            let unit = word == "one" && (lex.duration.is_some() || lex.measure.is_some());
            // "one-and-a-half", "one-in-three" go on as numbers.
            let joined = matches!(next.word(), Some("and" | "in"));
            !(lex.number_word() || lex.denominator.is_some() || lex.scale.is_some() || unit || joined)
        })
}
