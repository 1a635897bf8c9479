//! The figure reader: a single left-to-right pass over the tokens that tries, at each token
//! that may begin a figure, to read `[qualifiers] core [unit] [qualifier]`, and moves past
//! whatever it read.

use super::amounts::{Amount, amount, plus_or_minus};
use super::guards;
use super::interval::Interval;
use super::lexicon::{self, CHANGE, INTENSIFIER, ONLY_QUALIFIER, QUALIFIER, QUALIFIERS, Qualifier};
use super::tokens::{Tok, Token, tokenize_into};
use super::units::{self, Unit};
use super::{Figure, Kind};

/// Texts up to this long leave their buffers to the next text of the thread.
const KEPT_BYTES: usize = 1 << 20;

thread_local! {
    static LOWER: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
    /// Empty between texts: only its room is kept (collecting an emptied vector of tokens of
    /// one lifetime into one of another reuses its allocation).
    static TOKENS: std::cell::Cell<Vec<Token<'static>>> = const { std::cell::Cell::new(Vec::new()) };
}

/// `tokens` emptied, as a vector of tokens of any lifetime with the same room: collecting an
/// iterator over a vector that yields nothing reuses the vector's allocation in place.
#[allow(clippy::unnecessary_filter_map, reason = "the map changes the tokens' lifetime, which `filter` cannot")]
pub(super) fn emptied<'b>(tokens: Vec<Token<'_>>) -> Vec<Token<'b>> {
    tokens.into_iter().filter_map(|_| None).collect()
}

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

/// A phrase that states a figure whose interval is not finite, or empty, or that has more
/// significant digits than a figure keeps exactly: "1e400", a number of 400 digits,
/// "9007199254740993". It is reported, never compared.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Everything the reader found in one text.
#[derive(Debug, Default)]
pub struct Reading {
    pub figures: Vec<Figure>,
    pub unreadable: Vec<Unreadable>,
}

/// What the core of a phrase (the part after the qualifiers) stands for.
struct Core {
    interval: Interval,
    unit: Unit,
    end: usize,
    scale: Option<f64>,
    year_like: bool,
    lone_one: bool,
}

enum Outcome {
    Core(Core),
    /// Read, and no figure: "10-5" (a score), "123-4567" (a phone number). Skip to the index.
    Abstain(usize),
}

/// A phrase read: its interval, unit (kind included) and the token after it.
struct Phrase {
    interval: Interval,
    unit: Unit,
    end: usize,
}

/// A qualifier after the figure: "or more", "+", "or so", "-odd".
#[derive(Clone, Copy)]
enum Post {
    Qualifier(Qualifier),
    /// "40-odd": a little over, up to the next step of its leading digit.
    Odd,
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
        self.read(text).figures
    }

    /// Every figure in `text`, and the phrases that state one the reader cannot bound.
    pub fn read(&self, text: &str) -> Reading {
        // The lowercased copy and the tokens live in buffers a thread keeps between texts: a
        // figure claim's quote and value are read a million times in a large check.
        let mut lower = LOWER.take();
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        let t = tokenize_into(text, &lower, TOKENS.take());
        let reading = self.read_tokens(text, &t);
        if lower.capacity() <= KEPT_BYTES {
            TOKENS.set(emptied(t));
            LOWER.set(lower);
        }
        reading
    }

    fn read_tokens(&self, text: &str, t: &[Token<'_>]) -> Reading {
        let mut reading = Reading::default();
        let mut at = 0;
        while at < t.len() {
            if !t[at].starter {
                at += 1;
                continue;
            }
            if let Some(end) = guards::skip_number(t, at) {
                at = end;
                continue;
            }
            match self.phrase(t, at, true) {
                Some(Ok(phrase)) if bracketed_money(t, at, &phrase) => at = phrase.end,
                // The line before is read as no figure; the next line is read on its own, unless it
                // opens with a dash: a list item's figure or the end of a wrapped range, which the
                // reader cannot tell apart, so neither is read.
                Some(Ok(phrase)) if let Some(next_line) = line_edge_in_doubt(text, &t[at..phrase.end]) => {
                    let dash = matches!(t[at + next_line].sym(), Some('-' | '–' | '—' | '‑' | '−'));
                    at = if dash { phrase.end } else { at + next_line };
                }
                Some(Ok(phrase)) => {
                    let (first, last) = (&t[at], &t[phrase.end - 1]);
                    let written = text[first.byte_start..last.byte_end].to_string();
                    if phrase.interval.is_sound() {
                        reading.figures.push(Figure {
                            start: first.start,
                            end: last.end,
                            text: written,
                            interval: phrase.interval,
                            kind: phrase.unit.kind.unwrap_or(Kind::Count),
                            currency: phrase.unit.currency,
                            unit: phrase.unit.name,
                        });
                    } else {
                        reading.unreadable.push(Unreadable { start: first.start, end: last.end, text: written });
                    }
                    at = phrase.end;
                }
                Some(Err(end)) => at = end.max(at + 1),
                None => at += 1,
            }
        }
        reading
    }

    /// The phrase at `at`: `Err(end)` when the tokens up to `end` are read as no figure.
    /// `combine` joins "above 10 and below 20" into one interval.
    fn phrase(&self, t: &[Token], at: usize, combine: bool) -> Option<Result<Phrase, usize>> {
        let prev_word = at.checked_sub(1).and_then(|i| t[i].word());
        // "the above three examples": after an article, "above" and the like are no qualifiers.
        // "those over 65" is a comparison: "those" is left out.
        let after_article = matches!(prev_word, Some("the" | "these"));
        let (qualifiers, count, from) = if after_article { ([Qualifier::About; 2], 0, at) } else { qualifiers(t, at) };
        let qualifiers = &qualifiers[..count];
        // A word that begins a phrase only as a qualifier ("in", "of", "about"), where none
        // reads: what follows could only be read from it as a number, a month or an opener.
        if count == 0 && t.get(at).is_some_and(|token| token.lex().has(ONLY_QUALIFIER)) {
            debug_assert!(guards::date(t, at).is_none() && self.core(t, at).is_none(), "{:?} reads as more than a qualifier", t[at].word());
            return None;
        }
        // "How about 2 people": a question, not a hedge.
        if qualifiers.first() == Some(&Qualifier::About) && matches!(prev_word, Some("how" | "what")) {
            return None;
        }
        if qualifiers.is_empty()
            && let Some((interval, kind, end)) = guards::date(t, at)
        {
            return Some(Ok(Phrase { interval, unit: Unit { kind: Some(kind), ..Unit::default() }, end }));
        }
        if from != at && t.get(from).is_some_and(|tok| tok.num().is_some()) && let Some(end) = guards::skip_number(t, from) {
            return Some(Err(end));
        }
        let core = match self.core(t, from)? {
            Outcome::Core(core) => core,
            Outcome::Abstain(end) => return Some(Err(end)),
        };
        // "a six-figure salary", "double-digit growth": a number of digits, not of anything counted.
        if t.get(core.end).and_then(Token::sym) == Some('-') && matches!(t.get(core.end + 1).and_then(Token::word), Some("figure" | "figures" | "digit" | "digits")) {
            return Some(Err(core.end + 2));
        }
        let mut interval = core.interval;
        let mut unit = core.unit;
        let mut end = core.end;
        let mut posts = Vec::new();
        // "21st century", "the 1990s": the unit after a rank or a year says nothing of its kind.
        if !matches!(core.unit.kind, Some(Kind::Ordinal | Kind::Year)) {
            if let Some((post, after)) = post(t, end) {
                posts.push(post);
                end = after;
            }
            if let Some(after) = units::after(t, end, core.scale.is_some()) {
                interval = interval.scaled(after.factor);
                // "3 dollars 50 cents", "15 dollars and 50"
                if after.unit.kind == Some(Kind::Money)
                    && after.factor == 1.0
                    && t[after.end - 1].lex().currency_name.is_some()
                    && interval.low == interval.high
                    && let Some((cents, cents_end)) = units::cents(t, after.end)
                {
                    let value = interval.low.unwrap_or(0.0) + cents;
                    interval = Interval::exact(value);
                    end = cents_end;
                } else {
                    end = after.end;
                }
                // "$5 CAD": the code after the amount names the dollar.
                unit = Unit { currency: after.unit.currency.or(if unit.kind == Some(Kind::Money) { unit.currency } else { None }), ..after.unit };
            }
            if let Some((post, after)) = post(t, end) {
                posts.push(post);
                end = after;
            }
        }
        // "2.000 euros", "1.500 people": money has two decimals and a count none; three are a
        // European thousands point, or a precision nobody writes. The reader cannot tell which.
        if matches!(unit.kind, Some(Kind::Money) | None) && core.scale.is_none() && t[from..end].iter().any(|tok| tok.num().is_some_and(|n| n.decimals == 3 && n.int_digits <= 3 && n.value >= 1.0)) {
            return Some(Err(end));
        }
        // "one" alone is a pronoun ("one of the"); "one dollar", "one percent", "one second",
        // "at least one" count. "one day" is as often "some day".
        let counted = matches!(unit.kind, Some(Kind::Money | Kind::Percent | Kind::Measure)) || (unit.kind == Some(Kind::Duration) && unit.name != Some("day"));
        if core.lone_one && qualifiers.is_empty() && posts.is_empty() && !counted && !self.value_mode {
            return None;
        }
        let plain = qualifiers.is_empty() && posts.is_empty() && unit.kind.is_none();
        if unit.kind.is_none() {
            unit.kind = Some(if core.year_like && plain && !self.value_mode { Kind::Year } else { Kind::Count });
        }
        for qualifier in qualifiers.iter().rev() {
            interval = self.qualify(interval, *qualifier);
        }
        for post in &posts {
            interval = match post {
                Post::Qualifier(qualifier) => self.qualify(interval, *qualifier),
                Post::Odd => odd(interval),
            };
        }
        if unit.kind == Some(Kind::Fraction) {
            interval = within_whole(interval);
        }
        let mut phrase = Phrase { interval, unit, end };
        if combine {
            self.combine(t, &mut phrase);
        }
        Some(Ok(phrase))
    }

    /// "at least 10 and at most 20", "above 1000 and below 1500": one interval.
    fn combine(&self, t: &[Token], phrase: &mut Phrase) {
        let one_sided = |i: &Interval| i.low.is_some() != i.high.is_some();
        if !one_sided(&phrase.interval) || matches!(phrase.unit.kind, Some(Kind::Fraction)) {
            return;
        }
        let mut next = phrase.end;
        if t.get(next).and_then(Token::sym) == Some(',') {
            next += 1;
        }
        if !matches!(t.get(next).and_then(Token::word), Some("and" | "but")) {
            return;
        }
        let Some(Ok(second)) = self.phrase(t, next + 1, false) else { return };
        let (a, b) = (phrase.interval, second.interval);
        if !one_sided(&b) || a.low.is_some() == b.low.is_some() || second.unit != phrase.unit && second.unit.kind != Some(Kind::Count) {
            return;
        }
        let (lower, upper) = if a.low.is_some() { (a, b) } else { (b, a) };
        let merged = Interval {
            low: lower.low,
            low_inclusive: lower.low_inclusive,
            high: upper.high,
            high_inclusive: upper.high_inclusive,
            approximate: a.approximate || b.approximate,
        };
        if merged.is_sound() {
            phrase.interval = merged;
            phrase.end = second.end;
        }
    }

    fn qualify(&self, base: Interval, qualifier: Qualifier) -> Interval {
        let t = self.tolerance;
        let (low, high) = (base.low.or(base.high).unwrap_or(0.0), base.high.or(base.low).unwrap_or(0.0));
        let approx = base.approximate;
        let interval = match qualifier {
            Qualifier::Over => Interval::above(low, false),
            Qualifier::AtLeast => Interval::above(low, true),
            Qualifier::Under => Interval::below(high, false),
            Qualifier::AtMost => Interval::below(high, true),
            // On the magnitude: "nearly -5" is (-5, -4.5].
            Qualifier::Nearly if high < 0.0 => Interval::from_bounds(high, false, high + high.abs() * t, true).approximate(),
            Qualifier::Nearly => Interval::from_bounds(high - high.abs() * t, true, high, false).approximate(),
            Qualifier::JustOver => Interval::from_bounds(low, false, low + low.abs() * t, true).approximate(),
            Qualifier::About => {
                // A comparative already read ("approximately more than half") keeps its bounds.
                if base.low.is_none() || base.high.is_none() {
                    return base.approximate();
                }
                Interval::from_bounds(low - low.abs() * t, base.low_inclusive, high + high.abs() * t, base.high_inclusive).approximate()
            }
        };
        if approx { interval.approximate() } else { interval }
    }

    fn core(&self, t: &[Token], at: usize) -> Option<Outcome> {
        if let Some(core) = vague(t, at) {
            return Some(Outcome::Core(core));
        }
        let token = t.get(at)?;
        let word = token.word();
        if matches!(word, Some("between" | "from")) {
            let joiner = if word == Some("between") { "and" } else { "to" };
            // "rose from 5% to 7%": two figures, not a range.
            if word == Some("from") && changed(t, at) {
                return None;
            }
            let is_joiner = |tok: &Token| tok.is_word(joiner) || (joiner == "and" && tok.is_word("to"));
            let Some(first) = amount(t, at + 1, self.value_mode) else { return unread_range(t, at + 1, &is_joiner) };
            let (end_unit, after_first) = end_unit(t, first.end);
            if t.get(after_first).is_some_and(is_joiner) {
                let Some(second) = amount(t, after_first + 1, self.value_mode) else { return unread_range(t, at + 1, &is_joiner) };
                return range(&first, &second, end_unit);
            }
            return None;
        }
        if let Some(rank) = ordinal(t, at) {
            return Some(Outcome::Core(rank));
        }
        let first = amount(t, at, self.value_mode)?;
        // "1 billion 200 million": the reader does not add digits up, and either part alone
        // would be a wrong figure.
        if let Some(scale) = first.scale
            && t.get(first.end).is_some_and(|tok| tok.num().is_some())
            && let Some(next_scale) = t.get(first.end + 1).and_then(|tok| tok.lex().scale)
            && next_scale < scale
        {
            return Some(Outcome::Abstain(first.end + 2));
        }
        let single = Core {
            interval: Interval::closed(first.value, first.high),
            unit: first.unit,
            end: first.end,
            scale: first.scale,
            year_like: first.year_like,
            lone_one: first.lone_one,
        };
        if matches!(first.unit.kind, Some(Kind::Fraction | Kind::Ordinal | Kind::Year)) {
            return Some(Outcome::Core(single));
        }
        // "10 ± 2", "10 +/- 2"
        if let Some((delta, end)) = plus_minus(t, first.end, self.value_mode) {
            let core = Core { interval: Interval::closed(first.value - delta.abs(), first.value + delta.abs()), end, ..single };
            return Some(Outcome::Core(core));
        }
        let (end_unit, after_first) = end_unit(t, first.end);
        if let Some(sep) = t.get(after_first) {
            let dash = matches!(sep.sym(), Some('-' | '–' | '—' | '‑'));
            let to = matches!(sep.word(), Some("to" | "through" | "thru"));
            // "555-0199": a number with leading zeros after a hyphen is a phone number or a code.
            let zero_led = dash && t.get(after_first + 1).and_then(Token::num).is_some_and(|n| n.leading_zero && n.int_digits > 2) && sep.start == t[after_first - 1].end;
            if zero_led {
                return Some(Outcome::Abstain(after_first + 2));
            }
            // "5-to-10 years" is a range; "a 10-to-1 ratio" and "9-to-5" are odds and idioms.
            if dash && t.get(after_first + 1).is_some_and(|tok| tok.is_word("to")) && t.get(after_first + 2).and_then(Token::sym) == Some('-') {
                return match amount(t, after_first + 3, self.value_mode).filter(|s| s.unit.kind.is_none()) {
                    Some(second) => range(&first, &second, end_unit),
                    None => Some(Outcome::Abstain(after_first + 4)),
                };
            }
            if (dash || to || sep.is_word("or"))
                && !(to && changed(t, at))
                && let Some(second) = amount(t, after_first + 1, self.value_mode).filter(|s| s.unit.kind.is_none() || s.unit.kind == Some(Kind::Money))
            {
                if dash && let Some(outcome) = year_span_or_phone(t, &first, &second) {
                    return Some(outcome);
                }
                // "7-Eleven", "Catch-22": a hyphen joins a range only between numbers written alike,
                // and between digits: "a one-two punch" is no range.
                if dash && (first.digits.is_none() || second.digits.is_none()) {
                    return Some(Outcome::Abstain(second.end));
                }
                return range(&first, &second, end_unit);
            }
        }
        Some(Outcome::Core(single))
    }
}

/// "between nearly 10 and 20", "from 10 to about 20": a range whose ends the reader cannot read
/// as one; either end alone would be a wrong figure, so the whole phrase is no figure.
fn unread_range(t: &[Token], from: usize, is_joiner: &dyn Fn(&Token) -> bool) -> Option<Outcome> {
    let number = |tok: &Token| tok.num().is_some() || tok.lex().number_word();
    let joiner = (from..t.len().min(from + 6)).find(|&i| is_joiner(&t[i]))?;
    if !(from..joiner).any(|i| number(&t[i])) {
        return None;
    }
    let last = (joiner + 1..t.len().min(joiner + 5)).find(|&i| number(&t[i]))?;
    let scaled = t.get(last + 1).is_some_and(|tok| tok.lex().scale.is_some());
    Some(Outcome::Abstain(last + 1 + usize::from(scaled)))
}

/// Where a phrase runs across a line break that may end it (the index, in `phrase`, of the
/// token after the break): a number ending its line before a symbol or a code in capitals
/// opening the next (`4.4`, then `% Date` in a TeX or PostScript header; `137`, then a list
/// item `- 140 injured`; a table's `12345` above the next row's `GB 18030`), or a symbol or a
/// code in capitals ending its line before a number (`ILS` above the next row's `64055`). Such a line edge is as likely a comment, a bullet, a prompt or a cell as the
/// rest of the figure, so the reader reads no figure up to it rather than a percentage, a range
/// or a sum of money it cannot vouch for. Words across a break ("over" / "$300 million", "5" /
/// "million people") are hard-wrapped prose, and read.
fn line_edge_in_doubt(text: &str, phrase: &[Token]) -> Option<usize> {
    (1..phrase.len()).find(|&i| {
        let (before, after) = (&phrase[i - 1], &phrase[i]);
        let doubt = (before.num().is_some() && (after.sym().is_some() || after.caps)) || ((before.sym().is_some() || before.caps) && after.num().is_some());
        doubt && text[before.byte_end..after.byte_start].contains(['\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{2028}', '\u{2029}'])
    })
}

/// "($99.99)": in accounts a loss, in prose an aside; the reader cannot tell which.
fn bracketed_money(t: &[Token], at: usize, phrase: &Phrase) -> bool {
    let touching = |i: usize| i > 0 && i < t.len() && t[i - 1].end == t[i].start;
    phrase.unit.kind == Some(Kind::Money)
        && at > 0
        && t[at - 1].sym() == Some('(')
        && touching(at)
        && t.get(phrase.end).and_then(Token::sym) == Some(')')
        && touching(phrase.end)
}

/// A verb of change before the phrase at `at` ("rose from 5 to 7", "fell 10 to 8").
fn changed(t: &[Token], at: usize) -> bool {
    let before = |back: usize| at.checked_sub(back).map(|i| &t[i]);
    before(1).is_some_and(|tok| tok.lex().has(CHANGE)) || (before(1).is_some_and(|tok| tok.is_word("from")) && before(2).is_some_and(|tok| tok.lex().has(CHANGE)))
}

/// A unit written against the first end of a range and repeated at the second: "10%-15%",
/// "10 percent to 15 percent". Only read when a range separator follows it.
fn end_unit(t: &[Token], at: usize) -> (Option<Unit>, usize) {
    let Some(after) = units::after(t, at, false) else { return (None, at) };
    let separator = t.get(after.end).is_some_and(|tok| matches!(tok.sym(), Some('-' | '–' | '—')) || matches!(tok.word(), Some("to" | "and" | "or")));
    let simple = matches!(after.unit.kind, Some(Kind::Percent | Kind::Money)) && after.factor == 1.0;
    if separator && simple && t.get(after.end + 1).is_some_and(|tok| tok.num().is_some() || tok.sym().is_some_and(|c| lexicon::currency_symbol(c).is_some())) {
        (Some(after.unit), after.end)
    } else {
        (None, at)
    }
}

/// "2013-14" (a span of years written short) or "123-4567" (a phone number).
fn year_span_or_phone(t: &[Token], first: &Amount, second: &Amount) -> Option<Outcome> {
    let (a, b) = (first.digits?, second.digits?);
    let joined = second.end == first.end + 2 && t[first.end].start == t[first.end - 1].end && t[first.end + 1].start == t[first.end].end;
    if !joined {
        return None;
    }
    if first.year_like && b.int_digits == 2 && !b.decimal && second.scale.is_none() {
        let century = (a.value / 100.0).floor() * 100.0;
        let mut end_year = century + b.value;
        if end_year <= a.value {
            end_year += 100.0;
        }
        if end_year - a.value > 10.0 {
            return Some(Outcome::Abstain(second.end));
        }
        let unit = Unit { kind: Some(Kind::Year), ..Unit::default() };
        return Some(Outcome::Core(Core { interval: Interval::closed(a.value, end_year), unit, end: second.end, scale: None, year_like: true, lone_one: false }));
    }
    if a.int_digits == 3 && b.int_digits == 4 && !a.grouped && !b.grouped && !a.decimal && !b.decimal && first.scale.is_none() && second.scale.is_none() {
        return Some(Outcome::Abstain(second.end));
    }
    None
}

/// `a`..`b` as one closed interval, when it reads as a range: "200-300", "two or three",
/// "between 1 and 2 million" (the first part borrows the second's scale), "$5-10 million".
/// A descending pair ("10-5", a score) is read as no figure.
fn range(first: &Amount, second: &Amount, end_unit: Option<Unit>) -> Option<Outcome> {
    let mut low = first.value;
    if first.scale.is_none()
        && let Some(scale) = second.scale
        && low * scale <= second.value
    {
        low *= scale;
    }
    if low >= second.value {
        return Some(Outcome::Abstain(second.end));
    }
    let money = [first.unit, second.unit].into_iter().find(|u| u.kind == Some(Kind::Money));
    if first.unit.kind == Some(Kind::Money) && second.unit.kind == Some(Kind::Money) && first.unit.currency != second.unit.currency {
        return Some(Outcome::Abstain(second.end));
    }
    // "between a third and a half" is a range of shares; a share and a count make no range.
    let (a, b) = (first.unit.kind, second.unit.kind);
    let shares = a == Some(Kind::Fraction) && b == Some(Kind::Fraction);
    if (a == Some(Kind::Fraction)) != (b == Some(Kind::Fraction)) {
        return Some(Outcome::Abstain(second.end));
    }
    let unit = if shares { Unit { kind: Some(Kind::Fraction), ..Unit::default() } } else { end_unit.or(money).unwrap_or_default() };
    Some(Outcome::Core(Core {
        interval: Interval::closed(low, second.value),
        unit,
        end: second.end,
        scale: second.scale,
        year_like: first.year_like && second.year_like,
        lone_one: false,
    }))
}

/// "± 2", "+/- 2" after an amount: the half-width.
fn plus_minus(t: &[Token], at: usize, value_mode: bool) -> Option<(f64, usize)> {
    let from = plus_or_minus(t, at)?;
    let delta = amount(t, from, value_mode).filter(|d| d.unit.kind.is_none())?;
    Some((delta.value, delta.end))
}

/// Ranks in words: "first", "third", "twenty-fifth".
fn ordinal(t: &[Token], at: usize) -> Option<Core> {
    let token = t.get(at)?;
    let lex = token.lex();
    let rank_core = |value: f64, end: usize| Core {
        interval: Interval::exact(value),
        unit: Unit { kind: Some(Kind::Ordinal), ..Unit::default() },
        end,
        scale: None,
        year_like: false,
        lone_one: false,
    };
    if let Some(tens) = lex.tens
        && t.get(at + 1).and_then(Token::sym) == Some('-')
        && let Some(rank) = t.get(at + 2).and_then(|tok| tok.lex().ordinal).filter(|r| *r < 10.0)
    {
        return Some(rank_core(tens + rank, at + 3));
    }
    lex.ordinal.map(|rank| rank_core(rank, at + 1))
}

/// Qualifiers before the figure, at most two ("approximately more than half"), longest match
/// first; intensifiers ("well", "far") before a comparative are read with it.
fn qualifiers(t: &[Token], at: usize) -> ([Qualifier; 2], usize, usize) {
    let mut found = [Qualifier::About; 2];
    let mut count = 0;
    let mut at = at;
    while count < 2 {
        let Some(token) = t.get(at) else { break };
        let could = match token.tok {
            Tok::Word(_, lex) => lex.has(QUALIFIER),
            Tok::Sym(c) => matches!(c, '>' | '<' | '≥' | '≤' | '⩾' | '⩽' | '~' | '∼' | '≈'),
            Tok::Num(_) => false,
        };
        if !could {
            break;
        }
        let skip = usize::from(token.lex().has(INTENSIFIER));
        let start = at + skip;
        // The pieces from `from` on match the tokens from `start + from` on.
        let matches = |pieces: &[&str], from: usize| pieces.iter().enumerate().skip(from).all(|(i, piece)| t.get(start + i).is_some_and(|tok| matches_piece(tok, piece)));
        // Words and symbols look only at the entries that begin with them (so their first piece
        // is the token itself).
        let best = match t.get(start).map(|tok| tok.tok) {
            Some(Tok::Word(_, lex)) => lex.qualifiers.iter().map(|&i| &QUALIFIERS[i as usize]).find(|(pieces, _)| matches(pieces, 1)),
            // The longest wins, the last of equals (as the scan of every entry found it).
            Some(Tok::Sym(c)) => {
                let mut buffer = [0u8; 4];
                let symbol: &str = c.encode_utf8(&mut buffer);
                lexicon::symbol_qualifiers(symbol).iter().map(|&i| &QUALIFIERS[i as usize]).filter(|(pieces, _)| matches(pieces, 1)).max_by_key(|(pieces, _)| pieces.len())
            }
            _ => None,
        };
        match best {
            Some((pieces, qualifier)) => {
                found[count] = *qualifier;
                count += 1;
                at = start + pieces.len();
            }
            None => break,
        }
    }
    (found, count, at)
}

fn matches_piece(token: &Token, piece: &str) -> bool {
    match token.tok {
        // The first byte first: most pieces differ there, and a whole compare is a call.
        Tok::Word(word, _) => word.len() == piece.len() && word.as_bytes()[0] == piece.as_bytes()[0] && word == piece,
        Tok::Sym(c) => piece.len() == c.len_utf8() && piece.starts_with(c),
        Tok::Num(_) => false,
    }
}

/// Vague quantities: "dozens", "hundreds", "tens of thousands", "hundreds of millions",
/// "scores of", "a few million", "several hundred", "a couple of thousand".
fn vague(t: &[Token], at: usize) -> Option<Core> {
    let first = t.get(at)?;
    let first_word = first.word()?;
    let lex = first.lex();
    let of_plural = |index: usize| {
        (t.get(index)?.is_word("of")).then_some(())?;
        t.get(index + 1)?.lex().plural_unit
    };
    let (interval, end) = if first_word == "tens" {
        let unit = of_plural(at + 1)?;
        (Interval::half_open(10.0 * unit, 100.0 * unit), at + 3)
    } else if let Some((low, high)) = lex.vague {
        if first_word == "scores" && !t.get(at + 1).is_some_and(|tok| tok.is_word("of")) {
            return None;
        }
        match of_plural(at + 1).filter(|_| first_word == "hundreds") {
            Some(unit) => (Interval::half_open(100.0 * unit, 1000.0 * unit), at + 3),
            None => (Interval::half_open(low, high), at + 1),
        }
    } else {
        let word_at = |i: usize| t.get(i).and_then(Token::word);
        let (few, skip) = match (first_word, word_at(at + 1), word_at(at + 2)) {
            ("a", Some("few"), _) => ((2.0, 5.0), 2),
            ("several", _, _) => ((3.0, 9.0), 1),
            ("a", Some("couple"), Some("of")) if t.get(at + 3).is_some_and(|tok| tok.lex().scale.is_none()) && t.get(at + 3).is_some_and(|tok| tok.word().is_some()) => {
                // "a couple of weeks": two, or a few more
                let interval = Interval::closed(2.0, 3.0).approximate();
                return Some(Core { interval, unit: Unit::default(), end: at + 3, scale: None, year_like: false, lone_one: false });
            }
            ("a", Some("couple"), Some("of")) => ((2.0, 3.0), 3),
            ("a", Some("couple"), _) => ((2.0, 3.0), 2),
            _ => return None,
        };
        let mut unit = t.get(at + skip)?.lex().scale?;
        let mut end = at + skip + 1;
        // "a few hundred thousand": a larger scale multiplies the unit.
        while let Some(larger) = t.get(end).and_then(|tok| tok.lex().scale).filter(|&s| s > unit) {
            unit *= larger;
            end += 1;
        }
        (Interval::closed(few.0 * unit, few.1 * unit), end)
    };
    // "millions of dollars", "tens of billions of euros"
    let (unit, end) = match (t.get(end).and_then(Token::word), t.get(end + 1).map(|tok| tok.lex())) {
        (Some("of"), Some(lex)) if lex.currency_name.is_some() => (lex.currency_name.map_or_else(Unit::default, |(_, code)| Unit::money(code)), end + 2),
        _ => (Unit::default(), end),
    };
    Some(Core { interval: interval.approximate(), unit, end, scale: None, year_like: false, lone_one: false })
}

/// What follows the figure and bends it: "or more", "+", "and above", "or so", "-odd".
fn post(t: &[Token], at: usize) -> Option<(Post, usize)> {
    use Qualifier::*;
    let word = |i: usize| t.get(i).and_then(Token::word);
    let sym = |i: usize| t.get(i).and_then(Token::sym);
    let touching = |i: usize| i > 0 && t.get(i).is_some_and(|tok| tok.start == t[i - 1].end);
    let found = |qualifier: Qualifier, end: usize| Some((Post::Qualifier(qualifier), end));
    if sym(at) == Some('+') && touching(at) && !t.get(at + 1).is_some_and(|next| next.num().is_some() && touching(at + 1)) {
        return found(AtLeast, at + 1);
    }
    // "300-plus", "40-odd", "40-ish"
    let hyphen = usize::from(sym(at) == Some('-') && touching(at) && touching(at + 1));
    match word(at + hyphen) {
        Some("plus") => return found(AtLeast, at + hyphen + 1),
        Some("odd") => return Some((Post::Odd, at + hyphen + 1)),
        Some("ish") if hyphen == 1 || touching(at) => return found(About, at + hyphen + 1),
        _ => {}
    }
    // "above 1000 and below 1500": the comparative opens the next figure, it does not bend this one.
    let number_after = |i: usize| t.get(i).is_some_and(|tok| tok.num().is_some() || tok.lex().number_word() || tok.sym().is_some_and(|c| lexicon::currency_symbol(c).is_some()) || matches!(tok.sym(), Some('-' | '−')));
    // "at least 10 and up to 20": "up to" opens the next figure too.
    let up_to = word(at + 1) == Some("up") && word(at + 2) == Some("to");
    if matches!(word(at), Some("or" | "and")) && (number_after(at + 2) || word(at + 2) == Some("than") || up_to) {
        return None;
    }
    match (word(at), word(at + 1)) {
        (Some("or"), Some("more" | "above" | "over" | "greater" | "higher" | "larger" | "upwards" | "longer")) => found(AtLeast, at + 2),
        (Some("or"), Some("less" | "fewer" | "under" | "below" | "lower" | "smaller" | "shorter")) => found(AtMost, at + 2),
        (Some("and"), Some("above" | "over" | "up" | "upwards" | "more" | "counting" | "higher")) => found(AtLeast, at + 2),
        (Some("and"), Some("under" | "below" | "less" | "fewer" | "lower")) => found(AtMost, at + 2),
        (Some("or"), Some("so" | "thereabouts")) => found(About, at + 2),
        (Some("give"), Some("or")) if word(at + 2) == Some("take") && t.get(at + 3).is_none_or(|next| next.num().is_none()) => found(About, at + 3),
        (Some("at"), Some("least")) => found(AtLeast, at + 2),
        (Some("at"), Some("most")) => found(AtMost, at + 2),
        // "10 max", but not "737 MAX 9" (a name).
        (Some("max" | "maximum" | "tops"), _) if !t[at].caps && t.get(at + 1).is_none_or(|next| next.num().is_none()) => found(AtMost, at + 1),
        (Some("minimum"), _) if t.get(at + 1).is_none_or(|next| next.num().is_none()) => found(AtLeast, at + 1),
        _ => None,
    }
}

/// "40-odd" = (40, 50), "100-odd" = (100, 200): over the number, below its next leading step.
fn odd(interval: Interval) -> Interval {
    let Some(low) = interval.low.filter(|&low| low >= 10.0) else { return interval };
    let step = 10f64.powi(low.log10().floor() as i32);
    Interval::from_bounds(low, false, low + step, false).approximate()
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

#[cfg(test)]
mod tests {
    //! One test per phrase family, each asserting interval and kind (and currency for money);
    //! `tests/figure_phrases.rs` holds the long tables.
    use super::*;

    /// The only figure of `text`: interval notation, kind, currency.
    fn one(text: &str) -> (String, &'static str, Option<&'static str>) {
        let figures = Reader::default().find(text);
        assert_eq!(figures.len(), 1, "{text:?} reads as {figures:?}");
        (figures[0].interval.to_string(), figures[0].kind.name(), figures[0].currency)
    }

    fn none(text: &str) {
        let figures = Reader::default().find(text);
        assert!(figures.is_empty(), "{text:?} reads as {figures:?}");
    }

    fn count(interval: &str) -> (String, &'static str, Option<&'static str>) {
        (interval.to_string(), "count", None)
    }

    #[test]
    fn comparatives_in_every_form() {
        assert_eq!(one("less than or equal to 100"), count("(-∞, 100]"));
        assert_eq!(one("greater than or equal to 50"), count("[50, ∞)"));
        assert_eq!(one("exceed 3000"), count("(3000, ∞)"));
        assert_eq!(one("200 or greater"), count("[200, ∞)"));
        assert_eq!(one("larger than 10 and smaller than 20"), count("(10, 20)"));
        assert_eq!(one("above 1000 and below 1500"), count("(1000, 1500)"));
        assert_eq!(one(">= 10"), count("[10, ∞)"));
        assert_eq!(one("≤ 5"), count("(-∞, 5]"));
    }

    #[test]
    fn signs_are_kept() {
        assert_eq!(one("-5%"), ("[-5, -5]".to_string(), "percent", None));
        assert_eq!(one("minus 10"), count("[-10, -10]"));
        assert_eq!(one("more than -5"), count("(-5, ∞)"));
        assert_eq!(one("<-30"), count("(-∞, -30)"));
        assert_eq!(one("about -5"), count("~[-5.5, -4.5]"));
        none("($99.99)");
        none("Su-35 and F-16");
    }

    #[test]
    fn fractions_in_digits_and_words() {
        let fraction = |i: &str| (i.to_string(), "fraction", None);
        assert_eq!(one("3/4"), fraction("[0.75, 0.75]"));
        assert_eq!(one("½"), fraction("[0.5, 0.5]"));
        assert_eq!(one("two-thirds"), fraction("[0.666666666666667, 0.666666666666667]"));
        assert_eq!(one("one in five"), fraction("[0.2, 0.2]"));
        assert_eq!(one("2 out of 5"), fraction("[0.4, 0.4]"));
        assert_eq!(one("one over three"), fraction("[0.333333333333333, 0.333333333333333]"));
        assert_eq!(one("one eighth"), fraction("[0.125, 0.125]"));
        assert_eq!(one("2 1/4"), count("[2.25, 2.25]"));
        none("9/11 and 24/7");
    }

    #[test]
    fn fractions_of_a_scale() {
        assert_eq!(one("half a million"), count("[500000, 500000]"));
        assert_eq!(one("a quarter million"), count("[250000, 250000]"));
        assert_eq!(one("three quarters of a billion"), count("[750000000, 750000000]"));
        assert_eq!(one("one hundred and three quarters"), count("[100.75, 100.75]"));
        assert_eq!(one("two and a half million"), count("[2500000, 2500000]"));
    }

    #[test]
    fn scales_and_notations() {
        assert_eq!(one("two thousand million dollars"), ("[2000000000, 2000000000]".to_string(), "money", Some("USD")));
        assert_eq!(one("5 lakh"), count("[500000, 500000]"));
        assert_eq!(one("2 crore"), count("[20000000, 20000000]"));
        assert_eq!(one("12,34,567"), count("[1234567, 1234567]"));
        assert_eq!(one("1.00E+05"), count("[100000, 100000]"));
        assert_eq!(one("2.5×10^6"), count("[2500000, 2500000]"));
        assert_eq!(one("a baker's dozen"), count("[13, 13]"));
        assert_eq!(one("a gross of eggs"), count("[144, 144]"));
        none("a gross exaggeration");
        assert_eq!(one("10 000"), count("[10000, 10000]"));
        assert_eq!(one("1\u{a0}234\u{a0}567"), count("[1234567, 1234567]"));
    }

    #[test]
    fn word_decimals_and_zero() {
        assert_eq!(one("four point five"), count("[4.5, 4.5]"));
        assert_eq!(one("nought point two"), count("[0.2, 0.2]"));
        assert_eq!(one("zero people"), count("[0, 0]"));
        none("a zero-day flaw");
    }

    #[test]
    fn ranges_share_their_scale_and_unit() {
        assert_eq!(one("5k-20k"), count("[5000, 20000]"));
        assert_eq!(one("$5-10 million"), ("[5000000, 10000000]".to_string(), "money", Some("USD")));
        assert_eq!(one("between negative ten and fifteen"), count("[-10, 15]"));
        assert_eq!(one("10 to 15 percent"), ("[10, 15]".to_string(), "percent", None));
        assert_eq!(one("10%-15%"), ("[10, 15]".to_string(), "percent", None));
        assert_eq!(one("2013-14"), ("[2013, 2014]".to_string(), "year", None));
        none("a 3-1 win");
    }

    #[test]
    fn currencies_by_sign_code_and_name() {
        let money = |i: &str, code: Option<&'static str>| (i.to_string(), "money", code);
        assert_eq!(one("€10B"), money("[10000000000, 10000000000]", Some("EUR")));
        assert_eq!(one("115 USD"), money("[115, 115]", Some("USD")));
        assert_eq!(one("15€"), money("[15, 15]", Some("EUR")));
        assert_eq!(one("£3.50"), money("[3.5, 3.5]", Some("GBP")));
        assert_eq!(one("5,000 roubles"), money("[5000, 5000]", Some("RUB")));
        assert_eq!(one("500 rupees"), money("[500, 500]", None));
        assert_eq!(one("3 dollars 50 cents"), money("[3.5, 3.5]", Some("USD")));
        assert_eq!(one("50p"), money("[0.5, 0.5]", Some("GBP")));
    }

    #[test]
    fn percent_written_out_and_points() {
        assert_eq!(one("30 percent"), ("[30, 30]".to_string(), "percent", None));
        assert_eq!(one("30 pc"), ("[30, 30]".to_string(), "percent", None));
        let points = Reader::default().find("rose 3 percentage points");
        assert_eq!((points[0].kind, points[0].unit), (Kind::Measure, Some("percentage point")));
    }

    #[test]
    fn approximations_are_never_empty() {
        assert_eq!(one("nearly 0"), count("~[0, 0]"));
        assert_eq!(one("just over 0"), count("~[0, 0]"));
        let exact = Reader::new(0.0).find("nearly 100");
        assert_eq!(exact[0].interval.to_string(), "~[100, 100]");
    }

    #[test]
    fn unbounded_numbers_are_reported() {
        let reading = Reader::default().read(&"9".repeat(400));
        assert!(reading.figures.is_empty());
        assert_eq!(reading.unreadable.len(), 1);
    }

    /// A currency abbreviation that ends a name ("savelog.fr.8", a manual page's file) is no
    /// currency: no eight francs.
    #[test]
    fn a_currency_abbreviation_ending_a_name_is_no_currency() {
        for text in ["savelog.8, savelog.fr.8: fix hyphens", "see docs_kr.5 and data.rs.10"] {
            let figures = Reader::default().find(text);
            assert!(figures.iter().all(|f| f.kind != Kind::Money), "{text:?} reads as {figures:?}");
        }
        assert_eq!(one("paid fr. 8 for it").1, "money");
    }

    #[test]
    fn times_codes_and_labels_are_no_figures() {
        for text in ["at 2 pm", "2.13 am", "How about", "call 555-123-4567", "https://x.com/2024/5", "ISBN 978-3-16-148410-0", "version 2.0", "Article 5", "^{10}", "<sup>3</sup>", "12/03/2024"] {
            none(text);
        }
        assert_eq!(one("How about 2 people"), count("[2, 2]"));
    }

    /// A line that opens with a symbol does not continue the figure the line before ended with:
    /// a comment leader, a bullet, a prompt, or a wrapped unit the reader cannot vouch for.
    #[test]
    fn a_figure_does_not_run_across_a_line_at_a_symbol_or_code() {
        for text in [
            "% Revision: 4.4\n% Date: in May",
            "Revision 4,4\r\n%% comment",
            "reached 4,4\n% des voix",
            "137 were killed\n- 140 were hurt",
            "it cost 15\n€ in all",
            "a rise of 12\u{2028}% or so",
            "measured 37\n° at noon",
            "between 10\n\t– 20",
        ] {
            let figures = Reader::default().find(text);
            assert!(figures.iter().all(|f| !f.text.contains(['\n', '\r', '\u{2028}'])), "{text:?} reads as {figures:?}");
            assert!(figures.iter().all(|f| f.interval.low != Some(4.4) && f.kind != Kind::Percent), "{text:?} reads as {figures:?}");
        }
        none("rose 12\n% of the time");
        // The next line is read on its own (the table's next cell), unless a dash opens it: a
        // list item or the end of a wrapped range.
        none("killed: 137\n- 140 were hurt");
        assert_eq!(one("Evergreen ILS\n    64055 | libvirt"), count("[64055, 64055]"));
        assert_eq!(one("paid $\n5 in all"), count("[5, 5]"));
        // A code in capitals opening the next line is no unit of the number above it.
        let table = Reader::default().find("  GB 12345\n  GB 18030 (see links)");
        assert!(table.iter().all(|f| f.kind == Kind::Count && !f.text.contains('\n')), "{table:?}");
        none("a quota of 12345\n  GB for each");
        // Words and currency signs after them wrap as prose does.
        assert_eq!(one("The project cost over\n$300 million."), ("(300000000, ∞)".to_string(), "money", Some("USD")));
        assert_eq!(one("raised by\n€5"), ("[5, 5]".to_string(), "money", Some("EUR")));
        none("Range: 10\n- 20");
        // A symbol on the same line, and words on the next, still continue the figure.
        assert_eq!(one("a rise of 12 %"), ("[12, 12]".to_string(), "percent", None));
        assert_eq!(one("over\n300 people"), count("(300, ∞)"));
        assert_eq!(one("5\nmillion people"), count("[5000000, 5000000]"));
        assert_eq!(one("between 10 and\n20"), count("[10, 20]"));
        assert_eq!(one("paid\n$20 in cash"), ("[20, 20]".to_string(), "money", Some("USD")));
    }
}
