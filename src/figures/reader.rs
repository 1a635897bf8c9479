//! The figure reader: a single left-to-right pass over the tokens that tries, at each token,
//! to read `[qualifiers] core [unit]`, and moves past whatever it read.

use super::interval::Interval;
use super::lexicon::{self, Qualifier, QUALIFIERS};
use super::tokens::{Numeral, Tok, Token, tokenize};
use super::{Figure, Kind};

/// The relative half-width given to "about 30" and the like when nothing else is configured.
pub const DEFAULT_TOLERANCE: f64 = 0.1;

#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// Relative half-width of approximate figures: "about 30" = [30·(1−t), 30·(1+t)].
    pub tolerance: f64,
    /// Reading an analyst's `value` cell rather than running text: a lone "one" is a figure,
    /// and a four-digit number is a count, never a year.
    value_mode: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader::new(DEFAULT_TOLERANCE)
    }
}

/// What the core of a phrase (the part after the qualifiers) stands for.
struct Core {
    interval: Interval,
    kind: Option<Kind>,
    /// Token index after the core.
    end: usize,
    /// A plain four-digit number (or a range of two) that reads as a year when nothing says otherwise.
    year_like: bool,
    /// The core is the single word "one", too often a pronoun ("one of the") to be a figure alone.
    lone_one: bool,
}

/// A number read from digits or words, before ranges and units.
struct Amount {
    value: f64,
    /// The top of what the number covers: itself, or the decade's last year for "1990s".
    high: f64,
    end: usize,
    /// The scale word it carried ("million"), so a range's first part can borrow it.
    scale: Option<f64>,
    money: bool,
    kind: Option<Kind>,
    year_like: bool,
    lone_one: bool,
}

impl Reader {
    pub fn new(tolerance: f64) -> Self {
        Reader { tolerance, value_mode: false }
    }

    /// A reader for the analyst's `value` cell.
    pub fn for_values(tolerance: f64) -> Self {
        Reader { tolerance, value_mode: true }
    }

    /// Every figure in `text`, in order, with code point offsets.
    pub fn find(&self, text: &str) -> Vec<Figure> {
        let tokens = tokenize(text);
        let mut figures = Vec::new();
        let mut at = 0;
        while at < tokens.len() {
            match self.phrase(&tokens, at) {
                Some((interval, kind, end)) => {
                    let (first, last) = (&tokens[at], &tokens[end - 1]);
                    figures.push(Figure {
                        start: first.start,
                        end: last.end,
                        text: text[first.byte_start..last.byte_end].to_string(),
                        interval,
                        kind,
                    });
                    at = end;
                }
                None => at += 1,
            }
        }
        figures
    }

    fn phrase(&self, t: &[Token], at: usize) -> Option<(Interval, Kind, usize)> {
        // "the above three examples": after an article, "above" and the like are no qualifiers.
        let after_article = at > 0 && matches!(t[at - 1].word(), Some("the" | "these" | "those"));
        let (qualifiers, from) = if after_article { (Vec::new(), at) } else { qualifiers(t, at) };
        if qualifiers.is_empty()
            && let Some(date) = date(t, at) {
                return Some(date);
            }
        let core = self.core(t, from)?;
        if core.lone_one && qualifiers.is_empty() && !self.value_mode {
            return None;
        }
        // "21st century", "the 1990s": the unit after a rank or a year says nothing of its kind.
        let (unit_kind, post, end) = match core.kind {
            Some(Kind::Ordinal | Kind::Year) => (None, None, core.end),
            _ => suffix(t, core.end),
        };
        let kind = unit_kind.or(core.kind).unwrap_or(if core.year_like && qualifiers.is_empty() && post.is_none() && !self.value_mode {
            Kind::Year
        } else {
            Kind::Count
        });
        let mut interval = core.interval;
        for qualifier in qualifiers.iter().rev().chain(post.iter()) {
            interval = self.qualify(interval, *qualifier);
        }
        if kind == Kind::Fraction {
            interval = within_whole(interval);
        }
        Some((interval, kind, end))
    }

    fn qualify(&self, base: Interval, qualifier: Qualifier) -> Interval {
        let t = self.tolerance;
        let (low, high) = (base.low.unwrap_or(0.0), base.high.unwrap_or(base.low.unwrap_or(0.0)));
        let approx = base.approximate;
        let interval = match qualifier {
            Qualifier::Over => Interval::above(low, false),
            Qualifier::AtLeast => Interval::above(low, true),
            Qualifier::Under => Interval::below(high, false),
            Qualifier::AtMost => Interval::below(high, true),
            Qualifier::Nearly => Interval { high_inclusive: false, ..Interval::closed(high * (1.0 - t), high) }.approximate(),
            Qualifier::JustOver => Interval { low_inclusive: false, ..Interval::closed(low, low * (1.0 + t)) }.approximate(),
            Qualifier::About => {
                // A comparative already read ("approximately more than half") keeps its bounds.
                if base.low.is_none() || base.high.is_none() {
                    return base.approximate();
                }
                Interval { low_inclusive: base.low_inclusive, high_inclusive: base.high_inclusive, ..Interval::closed(low * (1.0 - t), high * (1.0 + t)) }
                    .approximate()
            }
        };
        if approx { interval.approximate() } else { interval }
    }

    fn core(&self, t: &[Token], at: usize) -> Option<Core> {
        if let Some(core) = fraction(t, at).or_else(|| vague(t, at)) {
            return Some(core);
        }
        let word = t.get(at)?.word();
        if word == Some("between") || word == Some("from") {
            let joiner = if word == Some("between") { "and" } else { "to" };
            let first = self.amount(t, at + 1)?;
            if t.get(first.end).is_some_and(|tok| tok.is_word(joiner)) {
                return range(&first, self.amount(t, first.end + 1)?);
            }
            return None;
        }
        if let Some(ordinal) = word.and_then(lexicon::ordinal) {
            return Some(Core { interval: Interval::exact(ordinal), kind: Some(Kind::Ordinal), end: at + 1, year_like: false, lone_one: false });
        }
        let first = self.amount(t, at)?;
        if first.kind.is_none()
            && let Some(sep) = t.get(first.end) {
                let dash = matches!(sep.sym(), Some('-' | '–' | '—'));
                if (dash || sep.is_word("to") || sep.is_word("or"))
                    && let Some(second) = self.amount(t, first.end + 1).filter(|second| second.kind.is_none())
                        && let Some(core) = range(&first, second) {
                            return Some(core);
                        }
            }
        let kind = first.kind.or(first.money.then_some(Kind::Money));
        Some(Core { interval: Interval::closed(first.value, first.high), kind, end: first.end, year_like: first.year_like, lone_one: first.lone_one })
    }

    fn amount(&self, t: &[Token], at: usize) -> Option<Amount> {
        let mut at = at;
        let mut money = false;
        let token = t.get(at)?;
        if token.sym().is_some_and(lexicon::currency_symbol) || token.word().is_some_and(lexicon::currency_code) {
            money = true;
            at += 1;
        }
        let token = t.get(at)?;
        let mut amount = match token.tok {
            Tok::Num(numeral) => self.numeral(t, at, numeral)?,
            _ => words(t, at)?,
        };
        amount.money |= money;
        if money {
            amount.year_like = false;
        }
        Some(amount)
    }

    fn numeral(&self, t: &[Token], at: usize, numeral: Numeral) -> Option<Amount> {
        if is_code_or_marker(t, at) {
            return None;
        }
        let mut end = at + 1;
        let mut value = numeral.value;
        let mut scale = None;
        let plain_year = !numeral.grouped && !numeral.decimal && numeral.int_digits == 4 && (1000.0..=2100.0).contains(&value);
        if let Some(next) = t.get(end).filter(|next| next.start == t[at].end) {
            match next.word() {
                Some(word) if lexicon::scale_suffix(word, true).is_some() => {
                    scale = lexicon::scale_suffix(word, true);
                    end += 1;
                }
                Some(word) if lexicon::ordinal_suffix(word) && !numeral.decimal && !numeral.grouped => {
                    return Some(Amount { value, high: value, end: end + 1, scale, money: false, kind: Some(Kind::Ordinal), year_like: false, lone_one: false });
                }
                // "1990s": the decade
                Some("s") if plain_year && value % 10.0 == 0.0 => {
                    return Some(Amount { value, high: value + 9.0, end: end + 1, scale, money: false, kind: Some(Kind::Year), year_like: true, lone_one: false });
                }
                Some(word) if lexicon::attached_unit(word) => {}
                Some(_) => return None,
                None => {}
            }
        }
        if scale.is_none()
            && let Some(word) = t.get(end).and_then(Token::word) {
                scale = lexicon::scale_word(word).or_else(|| lexicon::scale_suffix(word, false));
                if scale.is_some() {
                    end += 1;
                }
            }
        if let Some(factor) = scale {
            value *= factor;
        }
        let year_like = plain_year && scale.is_none() && !self.value_mode;
        Some(Amount { value, high: value, end, scale, money: false, kind: None, year_like, lone_one: false })
    }
}

/// `a`..`b` as one closed interval, when it reads as a range: "200-300", "two or three",
/// "between 1 and 2 million" (the first part borrows the second's scale).
fn range(first: &Amount, second: Amount) -> Option<Core> {
    let mut low = first.value;
    if first.scale.is_none()
        && let Some(scale) = second.scale
            && low * scale <= second.value {
                low *= scale;
            }
    if low >= second.value {
        return None;
    }
    let money = first.money || second.money;
    Some(Core {
        interval: Interval::closed(low, second.value),
        kind: money.then_some(Kind::Money),
        end: second.end,
        year_like: first.year_like && second.year_like,
        lone_one: false,
    })
}

/// Qualifiers before the figure, at most two ("approximately more than half"), longest match first.
fn qualifiers(t: &[Token], at: usize) -> (Vec<Qualifier>, usize) {
    let mut found = Vec::new();
    let mut at = at;
    while found.len() < 2 {
        let best = QUALIFIERS
            .iter()
            .filter(|(pieces, _)| pieces.iter().enumerate().all(|(i, piece)| t.get(at + i).is_some_and(|tok| matches_piece(tok, piece))))
            .max_by_key(|(pieces, _)| pieces.len());
        match best {
            Some((pieces, qualifier)) => {
                found.push(*qualifier);
                at += pieces.len();
            }
            None => break,
        }
    }
    (found, at)
}

fn matches_piece(token: &Token, piece: &str) -> bool {
    match &token.tok {
        Tok::Word(word) => word == piece,
        Tok::Sym(c) => piece.chars().eq(std::iter::once(*c)),
        Tok::Num(_) => false,
    }
}

/// A number told in words: "twenty-three", "one hundred and twenty", "a dozen", "two dozen",
/// "a hundred", and "hundred" alone ("injured about hundred").
fn words(t: &[Token], at: usize) -> Option<Amount> {
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
    let (mut total, mut current) = (0.0, 0.0);
    let (mut index, mut read, mut prev) = (at, 0, Prev::Start);
    let word_at = |i: usize| t.get(i).and_then(Token::word);
    if matches!(word_at(at), Some("a" | "an")) {
        word_at(at + 1).and_then(lexicon::scale_word)?;
        current = 1.0;
        prev = Prev::Unit;
        index += 1;
    }
    let number_word = |i: usize| word_at(i).is_some_and(|w| lexicon::unit(w).is_some() || lexicon::tens(w).is_some());
    while let Some(token) = t.get(index) {
        let word = token.word().unwrap_or_default();
        let after_scale = matches!(prev, Prev::Start | Prev::Hundred | Prev::Big);
        if let Some(n) = lexicon::unit(word) {
            if !(after_scale || (prev == Prev::Tens && n > 0.0 && n < 10.0)) {
                break;
            }
            current += n;
            prev = if n < 10.0 { Prev::Unit } else { Prev::Teen };
        } else if let Some(n) = lexicon::tens(word) {
            if !after_scale {
                break;
            }
            current += n;
            prev = Prev::Tens;
        } else if word == "hundred" && current < 100.0 && prev != Prev::Dozen {
            current = current.max(1.0) * 100.0;
            prev = Prev::Hundred;
        } else if word == "dozen" && prev != Prev::Dozen {
            current = current.max(1.0) * 12.0;
            prev = Prev::Dozen;
        } else if let Some(scale) = lexicon::scale_word(word).filter(|&s| s >= 1e3) {
            total += current.max(1.0) * scale;
            current = 0.0;
            prev = Prev::Big;
        } else if (token.sym() == Some('-') && prev == Prev::Tens && word_at(index + 1).and_then(lexicon::unit).is_some_and(|n| n > 0.0 && n < 10.0))
            || (word == "and" && matches!(prev, Prev::Hundred | Prev::Big) && read > 0 && number_word(index + 1))
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
    let value = total + current;
    let lone_one = read == 1 && t[at].is_word("one");
    Some(Amount { value, high: value, end: index, scale: None, money: false, kind: None, year_like: false, lone_one })
}

/// "half", "a third", "two thirds", "three quarters".
fn fraction(t: &[Token], at: usize) -> Option<Core> {
    let first = t.get(at)?.word()?;
    let (numerator, denominator, end) = if first == "half" {
        (1.0, 2.0, at + 1)
    } else {
        let numerator = match first {
            "a" | "an" | "one" => 1.0,
            other => lexicon::unit(other).filter(|n| (2.0..10.0).contains(n))?,
        };
        let denominator = lexicon::fraction(t.get(at + 1)?.word()?)?;
        (numerator, denominator, at + 2)
    };
    Some(Core { interval: Interval::exact(numerator / denominator), kind: Some(Kind::Fraction), end, year_like: false, lone_one: false })
}

/// Vague quantities: "dozens", "hundreds", "tens of thousands", "hundreds of millions",
/// "a few million", "several hundred".
fn vague(t: &[Token], at: usize) -> Option<Core> {
    let first = t.get(at)?.word()?;
    let of_plural = |index: usize| {
        (t.get(index)?.is_word("of")).then_some(())?;
        t.get(index + 1)?.word().and_then(lexicon::plural_unit)
    };
    let (interval, end) = if first == "tens" {
        let unit = of_plural(at + 1)?;
        (Interval::half_open(10.0 * unit, 100.0 * unit), at + 3)
    } else if let Some((low, high)) = lexicon::vague_plural(first) {
        match of_plural(at + 1).filter(|_| first == "hundreds") {
            Some(unit) => (Interval::half_open(100.0 * unit, 1000.0 * unit), at + 3),
            None => (Interval::half_open(low, high), at + 1),
        }
    } else {
        let (few, skip) = match (first, t.get(at + 1).and_then(Token::word)) {
            ("a", Some("few")) => ((2.0, 5.0), 2),
            ("several", _) => ((3.0, 9.0), 1),
            _ => return None,
        };
        let unit = lexicon::scale_word(t.get(at + skip)?.word()?)?;
        (Interval::closed(few.0 * unit, few.1 * unit), at + skip + 1)
    };
    Some(Core { interval: interval.approximate(), kind: None, end, year_like: false, lone_one: false })
}

/// What follows the core: a unit giving the kind, and "or more" / "+" bending the interval.
fn suffix(t: &[Token], at: usize) -> (Option<Kind>, Option<Qualifier>, usize) {
    let word = |i: usize| t.get(i).and_then(Token::word);
    let sym = |i: usize| t.get(i).and_then(Token::sym);
    if sym(at) == Some('+') && t[at].start == t[at - 1].end {
        return (None, Some(Qualifier::AtLeast), at + 1);
    }
    if word(at) == Some("or") {
        match word(at + 1) {
            Some("more" | "above" | "over") => return (None, Some(Qualifier::AtLeast), at + 2),
            Some("less" | "fewer" | "under" | "below") => return (None, Some(Qualifier::AtMost), at + 2),
            _ => {}
        }
    }
    if sym(at) == Some('%') {
        return (Some(Kind::Percent), None, at + 1);
    }
    match word(at) {
        Some("percent" | "pct") => return (Some(Kind::Percent), None, at + 1),
        Some("per") if word(at + 1) == Some("cent") => return (Some(Kind::Percent), None, at + 2),
        Some(w) if lexicon::currency_word(w) => return (Some(Kind::Money), None, at + 1),
        Some(w) if lexicon::duration_unit(w) => return (Some(Kind::Duration), None, at + 1),
        Some("square" | "sq") if word(at + 1).is_some_and(lexicon::measure_unit) => return (Some(Kind::Measure), None, at + 2),
        Some(w) if lexicon::measure_unit(w) && w != "square" && w != "sq" => return (Some(Kind::Measure), None, at + 1),
        _ => {}
    }
    // "seven-year-long", "a 20-day siege"
    if sym(at) == Some('-') && word(at + 1).is_some_and(lexicon::duration_unit) {
        return (Some(Kind::Duration), None, at + 2);
    }
    (None, None, at)
}

/// Digits that are part of a code, a time, a ratio or a footnote marker rather than a figure:
/// "T4", "Su-35", "COVID-19", "19:32", "24/7", "<sup>10</sup>", "^{10}".
fn is_code_or_marker(t: &[Token], at: usize) -> bool {
    let touching = |i: usize| i > 0 && t[i - 1].end == t[i].start;
    let before = |back: usize| at.checked_sub(back).map(|i| &t[i]);
    if touching(at) {
        let prev = &t[at - 1];
        match &prev.tok {
            Tok::Word(word) => return !lexicon::currency_code(word),
            Tok::Sym('-') if touching(at - 1) => return before(2).and_then(Token::word).is_some_and(|w| !lexicon::year_prefix(w)),
            // "1.2.3" is a version; "x.5" after a word is the end of a sentence run together.
            Tok::Sym('.') => return before(2).is_none_or(|tok| tok.num().is_some()),
            // "19:32", "^10", "3/4", "#5"
            Tok::Sym(':' | '^' | '/' | '#') => return true,
            Tok::Sym('>') => return before(2).is_some_and(|tok| tok.is_word("sup")),
            Tok::Sym('{') => return before(2).is_some_and(|tok| tok.sym() == Some('^')),
            _ => {}
        }
    }
    let next_touches = t.get(at + 1).is_some_and(|next| next.start == t[at].end);
    next_touches && matches!(t[at + 1].sym(), Some(':' | '/' | '.')) && t.get(at + 2).is_some_and(|n| n.num().is_some() && n.start == t[at + 1].end)
}

/// Dates: "22 March 2024", "March 22, 2024", "March 8", "August 2018", "January of 2000",
/// "2024-03-22". The interval is the year when the date names one.
fn date(t: &[Token], at: usize) -> Option<(Interval, Kind, usize)> {
    let day = |i: usize| t.get(i).and_then(Token::num).filter(|n| n.int_digits <= 2 && !n.decimal && (1.0..=31.0).contains(&n.value));
    let year = |i: usize| t.get(i).and_then(Token::num).filter(|n| n.int_digits == 4 && !n.grouped && !n.decimal).map(|n| n.value);
    let is_month = |i: usize| t.get(i).and_then(Token::word).is_some_and(lexicon::month);
    let with_year = |end: usize| {
        let comma = usize::from(t.get(end).and_then(Token::sym) == Some(','));
        match year(end + comma) {
            Some(y) => (Interval::exact(y), end + comma + 1),
            None => (Interval { low: None, low_inclusive: false, high: None, high_inclusive: false, approximate: false }, end),
        }
    };
    let day_month = day(at).is_some() && is_month(at + 1) && !is_code_or_marker(t, at);
    let month_day = is_month(at) && day(at + 1).is_some() && t.get(at + 2).is_none_or(|n| n.word().is_none_or(|w| !lexicon::duration_unit(w)));
    let (interval, end) = if day_month || month_day {
        with_year(at + 2)
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

/// A fraction lies in [0, 1]: "more than half" is (0.5, 1].
fn within_whole(interval: Interval) -> Interval {
    let mut interval = interval;
    if interval.high.is_none() {
        interval.high = Some(1.0);
        interval.high_inclusive = true;
    }
    if interval.low.is_none() {
        interval.low = Some(0.0);
        interval.low_inclusive = true;
    }
    interval
}
