//! The words the reader knows: number words, scales, qualifiers, units, months.

/// `zero` .. `nineteen`.
pub fn unit(word: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    UNITS.iter().position(|&u| u == word).map(|n| n as f64)
}

/// `twenty` .. `ninety`.
pub fn tens(word: &str) -> Option<f64> {
    const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
    TENS.iter().position(|&t| t == word).map(|n| (n as f64 + 2.0) * 10.0)
}

/// Scale words that multiply what precedes them: "1.5 million", "two dozen".
pub fn scale_word(word: &str) -> Option<f64> {
    Some(match word {
        "dozen" => 12.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

/// Abbreviated scales written against the digits ("3bn", "1.2m", "40k") or after them ("2 bn").
pub fn scale_suffix(word: &str, attached: bool) -> Option<f64> {
    Some(match word {
        "k" if attached => 1e3,
        "m" if attached => 1e6,
        "mn" | "mln" => 1e6,
        "bn" | "bln" => 1e9,
        "tn" | "trn" => 1e12,
        _ => return None,
    })
}

/// Plural scales read as vague quantities, with the interval each stands for: from two of the
/// unit up to where the next larger phrase takes over ("dozens" stop where "hundreds" start).
pub fn vague_plural(word: &str) -> Option<(f64, f64)> {
    Some(match word {
        "dozens" => (24.0, 100.0),
        "hundreds" => (200.0, 1e3),
        "thousands" => (2e3, 1e4),
        "millions" => (2e6, 1e7),
        "billions" => (2e9, 1e10),
        _ => return None,
    })
}

/// The unit of "tens of thousands", "hundreds of millions".
pub fn plural_unit(word: &str) -> Option<f64> {
    Some(match word {
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        _ => return None,
    })
}

/// `half`, `third(s)`, `quarter(s)`, `fifth(s)`: the denominator.
pub fn fraction(word: &str) -> Option<f64> {
    Some(match word {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" => 4.0,
        "fifth" | "fifths" => 5.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

/// Ordinal words. "second" is left out: it is a unit of time as often as a rank.
pub fn ordinal(word: &str) -> Option<f64> {
    const ORDINALS: [&str; 13] =
        ["first", "", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth"];
    if let Some(n) = ORDINALS.iter().position(|&o| !o.is_empty() && o == word) {
        return Some(n as f64 + 1.0);
    }
    Some(match word {
        "twentieth" => 20.0,
        "thirtieth" => 30.0,
        "fortieth" => 40.0,
        "fiftieth" => 50.0,
        "hundredth" => 100.0,
        _ => return None,
    })
}

pub fn ordinal_suffix(word: &str) -> bool {
    matches!(word, "st" | "nd" | "rd" | "th")
}

pub fn month(word: &str) -> bool {
    matches!(
        word,
        "january" | "february" | "march" | "april" | "may" | "june" | "july" | "august" | "september" | "october" | "november" | "december"
            | "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec"
    )
}

pub fn duration_unit(word: &str) -> bool {
    matches!(
        word,
        "year" | "years" | "month" | "months" | "week" | "weeks" | "day" | "days" | "hour" | "hours" | "minute" | "minutes" | "decade"
            | "decades" | "century" | "centuries" | "yr" | "yrs" | "hrs" | "mins"
    )
}

/// Units that make a figure a `measure` (a quantity that is not a count of things).
pub fn measure_unit(word: &str) -> bool {
    matches!(
        word,
        "km" | "kilometers" | "kilometres" | "kilometer" | "kilometre" | "miles" | "mile" | "meters" | "metres" | "meter" | "metre"
            | "feet" | "foot" | "ft" | "kg" | "kilograms" | "kilos" | "tons" | "tonnes" | "ton" | "tonne" | "acres" | "hectares" | "ha"
            | "barrels" | "litres" | "liters" | "mph" | "kmh" | "degrees" | "square" | "sq" | "cm" | "mm" | "lbs" | "pounds"
    )
}

/// Unit abbreviations that may be written against the digits ("10km", "5kg").
pub fn attached_unit(word: &str) -> bool {
    matches!(word, "km" | "kg" | "ft" | "cm" | "mm" | "mph" | "kmh" | "lbs" | "ha" | "yr" | "yrs" | "hrs" | "mins" | "h")
}

pub fn currency_symbol(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '₽' | '₹')
}

/// Currency codes written before the amount ("USD 87.04", "EUR93.30").
pub fn currency_code(word: &str) -> bool {
    matches!(word, "usd" | "eur" | "gbp" | "rub" | "rur" | "chf" | "jpy" | "cny" | "inr" | "afn" | "tjs" | "uzs" | "kzt")
}

/// Currency named after the amount ("40 million dollars").
pub fn currency_word(word: &str) -> bool {
    matches!(word, "dollars" | "dollar" | "euros" | "euro" | "rubles" | "roubles" | "ruble" | "rouble" | "usd" | "eur" | "afghanis" | "somoni")
}

/// Words that may stand before a year joined by a hyphen ("mid-2019") without making it a code.
pub fn year_prefix(word: &str) -> bool {
    matches!(word, "mid" | "early" | "late" | "pre" | "post")
}

/// How a qualifier bends the interval of the figure after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "over", "more than": (n, ∞)
    Over,
    /// "at least": [n, ∞)
    AtLeast,
    /// "fewer than", "under": (-∞, n)
    Under,
    /// "up to", "at most": (-∞, n]
    AtMost,
    /// "nearly", "almost", "just under": [n·(1−t), n), approximate
    Nearly,
    /// "just over": (n, n·(1+t)], approximate
    JustOver,
    /// "about", "some": [n·(1−t), n·(1+t)], approximate
    About,
}

/// Qualifier phrases; a piece matches a word or a one-character symbol.
pub const QUALIFIERS: &[(&[&str], Qualifier)] = {
    use Qualifier::*;
    &[
        (&["more", "than"], Over),
        (&["over"], Over),
        (&["well", "over"], Over),
        (&["well", "above"], Over),
        (&["far", "more", "than"], Over),
        (&["in", "excess", "of"], Over),
        (&["upwards", "of"], Over),
        (&["upward", "of"], Over),
        (&["above"], Over),
        (&["greater", "than"], Over),
        (&[">"], Over),
        (&["at", "least"], AtLeast),
        (&["a", "minimum", "of"], AtLeast),
        (&["no", "fewer", "than"], AtLeast),
        (&["no", "less", "than"], AtLeast),
        (&["not", "less", "than"], AtLeast),
        (&["not", "fewer", "than"], AtLeast),
        (&["≥"], AtLeast),
        (&[">", "="], AtLeast),
        (&["fewer", "than"], Under),
        (&["less", "than"], Under),
        (&["under"], Under),
        (&["below"], Under),
        (&["well", "under"], Under),
        (&["well", "below"], Under),
        (&["<"], Under),
        (&["up", "to"], AtMost),
        (&["at", "most"], AtMost),
        (&["no", "more", "than"], AtMost),
        (&["not", "more", "than"], AtMost),
        (&["as", "many", "as"], AtMost),
        (&["as", "much", "as"], AtMost),
        (&["a", "maximum", "of"], AtMost),
        (&["≤"], AtMost),
        (&["<", "="], AtMost),
        (&["nearly"], Nearly),
        (&["almost"], Nearly),
        (&["just", "under"], Nearly),
        (&["just", "below"], Nearly),
        (&["just", "shy", "of"], Nearly),
        (&["just", "over"], JustOver),
        (&["just", "above"], JustOver),
        (&["slightly", "more", "than"], JustOver),
        (&["slightly", "over"], JustOver),
        (&["a", "little", "over"], JustOver),
        (&["a", "little", "more", "than"], JustOver),
        (&["about"], About),
        (&["around"], About),
        (&["some"], About),
        (&["roughly"], About),
        (&["approximately"], About),
        (&["approx"], About),
        (&["an", "estimated"], About),
        (&["estimated"], About),
        (&["circa"], About),
        (&["close", "to"], About),
        (&["in", "the", "region", "of"], About),
        (&["on", "the", "order", "of"], About),
        (&["~"], About),
        (&["≈"], About),
    ]
};
