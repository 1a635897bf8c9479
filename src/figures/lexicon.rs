//! The words the reader knows, each looked up once per token: number words, scales, fractions,
//! qualifiers, units, currencies, months, and the labels that make the next number a name.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// What one lowercased word can mean to the reader. A word may have several roles ("fifth" is
/// a rank and a denominator, "second" a rank and a unit of time).
#[derive(Debug, Default, Clone)]
pub struct Lex {
    /// `zero` .. `nineteen`.
    pub unit: Option<f64>,
    /// `twenty` .. `ninety`.
    pub tens: Option<f64>,
    /// Scale words that multiply what precedes them: "hundred", "million", "lakh", "dozen".
    pub scale: Option<f64>,
    /// Abbreviated scales after digits: "bn", "mn", "tn"; `attached_scale` for "k", "m" written
    /// against the digits ("40k"), `money_scale` for "b", "t" only after a currency ("$2.1T").
    pub abbreviation: Option<f64>,
    pub attached_scale: Option<f64>,
    pub money_scale: Option<f64>,
    /// Ranks: "first", "twentieth", "hundredth".
    pub ordinal: Option<f64>,
    /// Denominators: "half", "third(s)", "quarter(s)", "fifth(s)", "hundredth(s)".
    pub denominator: Option<f64>,
    /// Plural of a denominator ("thirds"): always a fraction, never a rank.
    pub plural_denominator: bool,
    /// Vague plurals and the interval each stands for: "dozens" = [24, 100).
    pub vague: Option<(f64, f64)>,
    /// The unit of "tens of thousands", "hundreds of millions".
    pub plural_unit: Option<f64>,
    /// A currency named after the amount ("dollars"): its family and its ISO code when the name
    /// alone decides it ("" when it does not: "pesos", "rupees").
    pub currency_name: Option<(&'static str, &'static str)>,
    /// An adjective that picks the currency of a family: ("dollar", "CAD") for "canadian".
    pub nationality: &'static [(&'static str, &'static str)],
    /// An ISO 4217 code; read as one only when written in capitals.
    pub iso_code: Option<&'static str>,
    /// A word written against `$` or before an amount that names its currency: "US$", "Rs".
    pub currency_prefix: Option<&'static str>,
    /// A unit of time: canonical name.
    pub duration: Option<&'static str>,
    /// Another unit of measure: canonical name.
    pub measure: Option<&'static str>,
    /// The entries of [`QUALIFIERS`] that begin with this word, longest first.
    pub qualifiers: Vec<u16>,
    pub flags: u16,
}

pub const MONTH: u16 = 1;
/// Starts a qualifier phrase ("more", "at", "nearly").
pub const QUALIFIER: u16 = 1 << 1;
/// Names what the next number labels: "Article 5", "version 2.0", "page 12", "Flight 370".
pub const LABEL: u16 = 1 << 2;
/// May stand before a year with a hyphen ("mid-2019") without making it a code.
pub const YEAR_PREFIX: u16 = 1 << 3;
pub const ORDINAL_SUFFIX: u16 = 1 << 4;
/// "minus", "negative".
pub const SIGN: u16 = 1 << 5;
/// Marks a time of day after a number: "am", "pm", "gmt".
pub const CLOCK: u16 = 1 << 6;
/// Verbs of change before "from a to b": two figures, not a range.
pub const CHANGE: u16 = 1 << 7;
/// May begin a figure phrase: the reader tries a phrase only at such words.
pub const STARTER: u16 = 1 << 8;
/// An adverb that may stand before a comparative ("well over"): one of [`INTENSIFIERS`].
pub const INTENSIFIER: u16 = 1 << 9;
/// Begins a figure phrase only as the first word of a qualifier ("in excess of", "about"): no
/// number, month, sign, currency or range opener, so where no qualifier reads from it, no
/// figure starts at it either.
pub const ONLY_QUALIFIER: u16 = 1 << 10;

impl Lex {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    /// A number word ("seven", "forty").
    pub fn number_word(&self) -> bool {
        self.unit.is_some() || self.tens.is_some()
    }
}

static NONE: Lex = Lex {
    unit: None,
    tens: None,
    scale: None,
    abbreviation: None,
    attached_scale: None,
    money_scale: None,
    ordinal: None,
    denominator: None,
    plural_denominator: false,
    vague: None,
    plural_unit: None,
    currency_name: None,
    nationality: &[],
    iso_code: None,
    currency_prefix: None,
    duration: None,
    measure: None,
    qualifiers: Vec::new(),
    flags: 0,
};

/// The entry of an unknown word.
pub fn none() -> &'static Lex {
    &NONE
}

/// What the word `text[start..end]` (lowercase ASCII letters) means: the tokenizer's lookup,
/// which reads the word's bytes in one load when 16 bytes follow its start.
#[inline]
pub fn lookup_in(text: &[u8], start: usize, end: usize) -> &'static Lex {
    let word = &text[start..end];
    // No word of the lexicon is longer (and a longer word does not fit a key).
    if word.len() > MAX_LEN {
        return &NONE;
    }
    let key = match text.get(start..start + 16) {
        Some(window) => u128::from_le_bytes(window.try_into().expect("16 bytes")) & (u128::MAX >> (8 * (16 - word.len()))),
        None => packed(word),
    };
    lexicon().get(key)
}

/// The longest word of the lexicon, in bytes.
const MAX_LEN: usize = 15;

/// The lexicon as a cuckoo table keyed by each word packed into an integer: a word can sit in
/// one of two slots only, so a lookup is one multiplication, two loads and two integer compares,
/// with no string hashing, no `memcmp` and no branch on what was found (most words of a text
/// are unknown, and which ones is no pattern a branch predictor learns).
struct Lexicon {
    /// `SLOTS` packed words, 0 for an empty slot (no word packs to 0).
    keys: Vec<u128>,
    /// The entry of each slot's word, as an index into `entries`.
    slots: Vec<u16>,
    entries: Vec<Lex>,
    /// The odd multiplier that spreads the keys with no cycle of evictions.
    multiplier: u64,
    /// The entries of [`QUALIFIERS`] that begin with each symbol.
    symbol_qualifiers: Vec<(&'static str, Vec<u16>)>,
}

/// Slots of the table: a power of two, more than twice the lexicon's words (a cuckoo table of
/// two choices fills to about half).
const SLOTS: usize = 2048;
const SLOT_BITS: u32 = SLOTS.trailing_zeros();

impl Lexicon {
    #[inline]
    fn get(&self, key: u128) -> &Lex {
        let (first, second) = self.slots_of(key);
        let slot = if self.keys[first] == key { first } else { second };
        let entry = &self.entries[usize::from(self.slots[slot])];
        if self.keys[slot] == key { entry } else { &NONE }
    }

    /// The two slots a key may sit in.
    #[inline]
    fn slots_of(&self, key: u128) -> (usize, usize) {
        let mixed = (key as u64 ^ (key >> 64) as u64).wrapping_mul(self.multiplier);
        ((mixed >> (64 - SLOT_BITS)) as usize, ((mixed >> (64 - 2 * SLOT_BITS)) as usize) & (SLOTS - 1))
    }

    /// Places `key` (entry `index`), moving the keys in its way to their other slot; `false`
    /// when the moves go round in a cycle.
    fn insert(&mut self, key: u128, index: u16) -> bool {
        let (mut key, mut index) = (key, index);
        let mut slot = self.slots_of(key).0;
        for _ in 0..4 * SLOTS {
            std::mem::swap(&mut self.keys[slot], &mut key);
            std::mem::swap(&mut self.slots[slot], &mut index);
            if key == 0 {
                return true;
            }
            let (first, second) = self.slots_of(key);
            slot = if slot == first { second } else { first };
        }
        false
    }
}

/// The entries of [`QUALIFIERS`] whose first piece is a symbol, by symbol.
fn symbol_qualifiers_of() -> Vec<(&'static str, Vec<u16>)> {
    let mut by_symbol: Vec<(&'static str, Vec<u16>)> = Vec::new();
    for (index, (pieces, _)) in QUALIFIERS.iter().enumerate() {
        let Some(&first) = pieces.first().filter(|p| !p.chars().next().is_some_and(char::is_alphabetic)) else { continue };
        match by_symbol.iter_mut().find(|(symbol, _)| *symbol == first) {
            Some((_, entries)) => entries.push(index as u16),
            None => by_symbol.push((first, vec![index as u16])),
        }
    }
    by_symbol
}

/// A word of at most 16 bytes as an integer, its bytes in order and zeros after.
fn packed(word: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(bytes)
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let table: Vec<(&str, Lex)> = build().into_iter().collect();
        assert!(table.len() * 2 <= SLOTS, "the lexicon outgrew its table");
        // Odd multipliers tried in turn until every word finds a slot (the first one does).
        let mut multiplier = 0x9E37_79B9_7F4A_7C15u64;
        loop {
            let mut lexicon = Lexicon { keys: vec![0; SLOTS], slots: vec![0; SLOTS], entries: Vec::with_capacity(table.len()), multiplier, symbol_qualifiers: symbol_qualifiers_of() };
            let mut placed = true;
            for (word, lex) in &table {
                // Only words of 1 to 15 lowercase ASCII letters are ever looked up.
                if word.is_empty() || word.len() > MAX_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) {
                    continue;
                }
                let index = lexicon.entries.len() as u16;
                lexicon.entries.push(lex.clone());
                if !lexicon.insert(packed(word.as_bytes()), index) {
                    placed = false;
                    break;
                }
            }
            if placed {
                return lexicon;
            }
            multiplier = multiplier.wrapping_add(0x6A09_E667_F3BC_C908);
        }
    })
}

const UNITS: [&str; 20] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen",
];
const TENS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
/// Ranks 1..19; "second" is a rank and a unit of time.
const ORDINALS: [&str; 19] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
];
const TENS_ORDINALS: [&str; 8] = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth"];

const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const DURATIONS: &[(&str, &str)] = &[
    ("year", "year"), ("years", "year"), ("yr", "year"), ("yrs", "year"), ("month", "month"), ("months", "month"), ("week", "week"),
    ("weeks", "week"), ("day", "day"), ("days", "day"), ("hour", "hour"), ("hours", "hour"), ("hrs", "hour"), ("h", "hour"),
    ("minute", "minute"), ("minutes", "minute"), ("mins", "minute"), ("min", "minute"), ("second", "second"), ("seconds", "second"), ("secs", "second"),
    ("decade", "decade"), ("decades", "decade"), ("century", "century"), ("centuries", "century"), ("fortnight", "fortnight"),
    ("fortnights", "fortnight"), ("millennium", "millennium"), ("millennia", "millennium"),
];

const MEASURES: &[(&str, &str)] = &[
    ("km", "km"), ("kilometers", "km"), ("kilometres", "km"), ("kilometer", "km"), ("kilometre", "km"), ("miles", "mile"), ("mile", "mile"),
    ("meters", "m"), ("metres", "m"), ("meter", "m"), ("metre", "m"), ("feet", "ft"), ("foot", "ft"), ("ft", "ft"), ("inches", "in"),
    ("inch", "in"), ("yards", "yd"), ("yard", "yd"), ("kg", "kg"), ("kilograms", "kg"), ("kilogram", "kg"), ("kilos", "kg"), ("grams", "g"),
    ("gram", "g"), ("tons", "t"), ("tonnes", "t"), ("ton", "t"), ("tonne", "t"), ("acres", "acre"), ("acre", "acre"), ("hectares", "ha"),
    ("hectare", "ha"), ("ha", "ha"), ("barrels", "barrel"), ("barrel", "barrel"), ("litres", "l"), ("liters", "l"), ("litre", "l"),
    ("liter", "l"), ("gallons", "gal"), ("gallon", "gal"), ("mph", "mph"), ("kmh", "km/h"), ("kph", "km/h"), ("degrees", "degree"),
    ("degree", "degree"), ("cm", "cm"), ("mm", "mm"), ("lbs", "lb"), ("lb", "lb"), ("pounds", "lb"), ("ounces", "oz"), ("oz", "oz"),
    ("megawatts", "MW"), ("mw", "MW"), ("gigawatts", "GW"), ("gw", "GW"), ("kilowatts", "kW"), ("kw", "kW"), ("kwh", "kWh"),
    ("calories", "kcal"), ("bps", "basis point"), ("bp", "basis point"), ("pp", "percentage point"), ("ppt", "percentage point"),
    ("ppts", "percentage point"), ("mg", "mg"), ("milligrams", "mg"), ("mcg", "µg"), ("ml", "ml"), ("millilitres", "ml"),
    ("milliliters", "ml"), ("gb", "GB"), ("gigabytes", "GB"), ("mb", "MB"), ("megabytes", "MB"), ("tb", "TB"), ("terabytes", "TB"),
    ("kb", "kB"), ("ghz", "GHz"), ("mhz", "MHz"), ("hz", "Hz"), ("watts", "W"), ("volts", "V"), ("celsius", "°C"), ("fahrenheit", "°F"),
    ("knots", "kn"), ("nautical", "nmi"), ("sqm", "m²"), ("cubic", "cubic"), ("calorie", "kcal"), ("kcal", "kcal"), ("bushels", "bushel"),
];

/// Currency names after the amount: (word, family, ISO code or "" when the name alone does not decide).
const CURRENCY_NAMES: &[(&str, &str, &str)] = &[
    ("dollars", "dollar", "USD"), ("dollar", "dollar", "USD"), ("bucks", "dollar", "USD"), ("euros", "euro", "EUR"), ("euro", "euro", "EUR"),
    ("sterling", "pound", "GBP"), ("quid", "pound", "GBP"), ("yen", "yen", "JPY"), ("yuan", "yuan", "CNY"), ("renminbi", "yuan", "CNY"),
    ("rmb", "yuan", "CNY"), ("francs", "franc", ""), ("franc", "franc", ""), ("roubles", "rouble", "RUB"), ("rubles", "rouble", "RUB"),
    ("rouble", "rouble", "RUB"), ("ruble", "rouble", "RUB"), ("rupees", "rupee", ""), ("rupee", "rupee", ""), ("hryvnia", "hryvnia", "UAH"),
    ("hryvnias", "hryvnia", "UAH"), ("hryvnas", "hryvnia", "UAH"), ("pesos", "peso", ""), ("peso", "peso", ""), ("rand", "rand", "ZAR"),
    ("reais", "real", "BRL"), ("lira", "lira", "TRY"), ("liras", "lira", "TRY"), ("lire", "lira", ""), ("shekels", "shekel", "ILS"),
    ("shekel", "shekel", "ILS"), ("dirhams", "dirham", ""), ("dirham", "dirham", ""), ("riyals", "riyal", ""), ("riyal", "riyal", ""),
    ("naira", "naira", "NGN"), ("baht", "baht", "THB"), ("ringgit", "ringgit", "MYR"), ("rupiah", "rupiah", "IDR"), ("zloty", "zloty", "PLN"),
    ("zlotys", "zloty", "PLN"), ("zlotych", "zloty", "PLN"), ("forints", "forint", "HUF"), ("forint", "forint", "HUF"), ("kronor", "krona", "SEK"),
    ("kroner", "krone", ""), ("krona", "krona", "SEK"), ("krone", "krone", ""), ("dinars", "dinar", ""), ("dinar", "dinar", ""),
    ("afghanis", "afghani", "AFN"), ("somoni", "somoni", "TJS"), ("tenge", "tenge", "KZT"), ("shillings", "shilling", ""),
    ("dong", "dong", "VND"), ("taka", "taka", "BDT"), ("lari", "lari", "GEL"), ("manat", "manat", ""), ("leu", "leu", ""), ("lei", "leu", ""),
    ("levs", "lev", "BGN"), ("cedis", "cedi", "GHS"), ("kwacha", "kwacha", ""), ("bolivars", "bolivar", "VES"),
];

/// Adjectives that pick one currency of a family: "Canadian dollars", "Swiss francs".
const NATIONALITIES: &[(&str, &[(&str, &str)])] = &[
    ("us", &[("dollar", "USD")]),
    ("american", &[("dollar", "USD")]),
    ("canadian", &[("dollar", "CAD")]),
    ("australian", &[("dollar", "AUD")]),
    ("singapore", &[("dollar", "SGD")]),
    ("taiwan", &[("dollar", "TWD")]),
    ("taiwanese", &[("dollar", "TWD")]),
    ("zimbabwe", &[("dollar", "ZWL")]),
    ("jamaican", &[("dollar", "JMD")]),
    ("swiss", &[("franc", "CHF")]),
    ("cfa", &[("franc", "")]),
    ("indian", &[("rupee", "INR")]),
    ("pakistani", &[("rupee", "PKR")]),
    ("nepalese", &[("rupee", "NPR")]),
    ("mexican", &[("peso", "MXN")]),
    ("philippine", &[("peso", "PHP")]),
    ("argentine", &[("peso", "ARS")]),
    ("chilean", &[("peso", "CLP")]),
    ("colombian", &[("peso", "COP")]),
    ("british", &[("pound", "GBP")]),
    ("egyptian", &[("pound", "EGP")]),
    ("lebanese", &[("pound", "LBP")]),
    ("syrian", &[("pound", "SYP")]),
    ("sudanese", &[("pound", "SDG")]),
    ("turkish", &[("lira", "TRY")]),
    ("russian", &[("rouble", "RUB")]),
    ("belarusian", &[("rouble", "BYN")]),
    ("chinese", &[("yuan", "CNY")]),
    ("japanese", &[("yen", "JPY")]),
    ("korean", &[("won", "KRW")]),
    ("swedish", &[("krona", "SEK")]),
    ("norwegian", &[("krone", "NOK")]),
    ("danish", &[("krone", "DKK")]),
    ("moroccan", &[("dirham", "MAD")]),
    ("emirati", &[("dirham", "AED")]),
    ("uae", &[("dirham", "AED")]),
    ("saudi", &[("riyal", "SAR")]),
    ("qatari", &[("riyal", "QAR")]),
    ("iranian", &[("rial", "IRR")]),
    ("kenyan", &[("shilling", "KES")]),
    ("ugandan", &[("shilling", "UGX")]),
    ("tanzanian", &[("shilling", "TZS")]),
    ("iraqi", &[("dinar", "IQD")]),
    ("jordanian", &[("dinar", "JOD")]),
    ("kuwaiti", &[("dinar", "KWD")]),
    ("libyan", &[("dinar", "LYD")]),
    ("serbian", &[("dinar", "RSD")]),
    ("algerian", &[("dinar", "DZD")]),
    ("romanian", &[("leu", "RON")]),
    ("moldovan", &[("leu", "MDL")]),
    ("ukrainian", &[("hryvnia", "UAH")]),
];

/// ISO 4217 codes read before or after an amount when written in capitals. Codes that are also
/// common English words in capitals ("ALL", "TOP", "CUP", "MOP") are left out.
const ISO_CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "chf", "cad", "aud", "nzd", "hkd", "sgd", "twd", "krw", "inr", "pkr", "lkr", "npr", "bdt", "rub",
    "rur", "uah", "byn", "kzt", "uzs", "tjs", "kgs", "afn", "irr", "iqd", "sar", "aed", "qar", "kwd", "bhd", "omr", "jod", "ils", "egp",
    "try", "sek", "nok", "dkk", "isk", "pln", "czk", "huf", "ron", "bgn", "rsd", "mxn", "brl", "ars", "clp", "cop", "pen", "zar", "ngn",
    "kes", "ghs", "etb", "mad", "dzd", "tnd", "thb", "myr", "idr", "php", "vnd", "gel", "amd", "azn", "xaf", "xof", "ves", "lbp", "syp",
    "sdg", "lyd", "ugx", "tzs",
];

/// Prefixes that name the currency of the amount after them ("US$5", "Rs 500", "R$ 20").
const CURRENCY_PREFIXES: &[(&str, &str)] = &[
    ("us", "USD"), ("a", "AUD"), ("au", "AUD"), ("c", "CAD"), ("ca", "CAD"), ("nz", "NZD"), ("hk", "HKD"), ("s", "SGD"), ("nt", "TWD"),
    ("r", "BRL"), ("mex", "MXN"), ("rs", ""), ("rp", "IDR"), ("kr", ""), ("fr", "CHF"), ("sfr", "CHF"),
];

/// Words after which a number is a name, not a quantity.
const LABELS: &[&str] = &[
    "version", "ver", "v", "chapter", "section", "sections", "article", "articles", "page", "pages", "pp", "paragraph", "para", "clause",
    "figure", "fig", "table", "appendix", "annex", "number", "route", "highway", "interstate", "flight", "room", "platform", "gate",
    "resolution", "amendment", "proposition", "prop", "isbn", "issn", "doi", "tel", "fax", "ext", "vol", "volume", "issue", "episode",
    "season", "phase", "stage", "category", "type", "model", "verse", "psalm", "item", "step", "part", "book", "level", "grade", "windows",
    "iphone", "ios", "android", "python", "rule", "regulation", "directive", "bill", "act", "exhibit", "footnote", "note", "notes", "ref",
    "row", "line", "lines", "col", "column", "unit", "apt", "apartment", "suite", "building", "block", "district", "ward", "zone", "sector",
    "precinct", "war", "phone", "dial", "hotline", "mobile", "squad", "division", "battalion", "brigade", "regiment", "corps", "fleet", "lot", "order", "case", "cases", "docket",
    "iso", "rfc", "form", "ticket", "invoice", "zip", "postcode", "code", "boeing", "airbus", "id", "pin", "ssn", "account", "acct",
];

/// Verbs of change: "rose from 5% to 7%" states two figures, not a range.
const CHANGES: &[&str] = &[
    "rose", "risen", "rising", "rise", "rises", "fell", "fallen", "falling", "fall", "falls", "increased", "increase", "increases",
    "increasing", "decreased", "decrease", "decreases", "decreasing", "grew", "grown", "grow", "grows", "growing", "dropped", "drop", "drops",
    "dropping", "climbed", "climb", "climbs", "jumped", "jump", "jumps", "declined", "decline", "declines", "went", "go", "goes", "cut",
    "cuts", "raised", "raise", "raises", "reduced", "reduce", "reduces", "changed", "change", "moved", "move", "surged", "surge", "soared",
    "soar", "plunged", "plunge", "slid", "slide", "slipped", "slip", "up", "down", "shrank", "shrunk", "expanded", "doubled", "tripled",
    "revised", "lowered", "lifted", "boosted", "upgraded", "downgraded", "widened", "narrowed", "swelled", "ballooned", "tumbled",
    "sank", "dipped", "edged", "inched", "leapt", "leaped", "spiked", "recovered", "rebounded",
];

fn build() -> FxHashMap<&'static str, Lex> {
    let mut table: FxHashMap<&'static str, Lex> = FxHashMap::default();
    for (n, word) in UNITS.iter().enumerate() {
        entry(&mut table, word).unit = Some(n as f64);
    }
    entry(&mut table, "nought").unit = Some(0.0);
    entry(&mut table, "naught").unit = Some(0.0);
    for (n, word) in TENS.iter().enumerate() {
        entry(&mut table, word).tens = Some((n as f64 + 2.0) * 10.0);
    }
    for (n, word) in ORDINALS.iter().enumerate() {
        entry(&mut table, word).ordinal = Some(n as f64 + 1.0);
        // "second" is as often a unit of time as a rank: no denominator.
        if n >= 2 {
            entry(&mut table, word).denominator = Some(n as f64 + 1.0);
        }
    }
    for (n, word) in TENS_ORDINALS.iter().enumerate() {
        entry(&mut table, word).ordinal = Some((n as f64 + 2.0) * 10.0);
        entry(&mut table, word).denominator = Some((n as f64 + 2.0) * 10.0);
    }
    for (word, value) in [("hundredth", 100.0), ("thousandth", 1e3), ("millionth", 1e6), ("billionth", 1e9)] {
        entry(&mut table, word).ordinal = Some(value);
        entry(&mut table, word).denominator = Some(value);
    }
    let plurals: &[(&str, f64)] = &[
        ("halves", 2.0), ("thirds", 3.0), ("quarters", 4.0), ("fourths", 4.0), ("fifths", 5.0), ("sixths", 6.0), ("sevenths", 7.0),
        ("eighths", 8.0), ("ninths", 9.0), ("tenths", 10.0), ("twelfths", 12.0), ("sixteenths", 16.0), ("twentieths", 20.0),
        ("hundredths", 100.0), ("thousandths", 1e3), ("millionths", 1e6),
    ];
    for &(word, value) in plurals {
        entry(&mut table, word).denominator = Some(value);
        entry(&mut table, word).plural_denominator = true;
    }
    entry(&mut table, "half").denominator = Some(2.0);
    entry(&mut table, "quarter").denominator = Some(4.0);
    for (word, value) in [
        ("dozen", 12.0), ("hundred", 100.0), ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12), ("quadrillion", 1e15),
        ("lakh", 1e5), ("lakhs", 1e5), ("lac", 1e5), ("lacs", 1e5), ("crore", 1e7), ("crores", 1e7),
    ] {
        entry(&mut table, word).scale = Some(value);
    }
    for (word, value) in [("mn", 1e6), ("mln", 1e6), ("mil", 1e6), ("bn", 1e9), ("bln", 1e9), ("tn", 1e12), ("trn", 1e12), ("cr", 1e7)] {
        entry(&mut table, word).abbreviation = Some(value);
    }
    entry(&mut table, "k").attached_scale = Some(1e3);
    entry(&mut table, "m").attached_scale = Some(1e6);
    for (word, value) in [("k", 1e3), ("m", 1e6), ("mm", 1e6), ("b", 1e9), ("t", 1e12), ("tr", 1e12)] {
        entry(&mut table, word).money_scale = Some(value);
    }
    for (word, low, high) in [
        ("dozens", 24.0, 100.0), ("scores", 40.0, 200.0), ("hundreds", 200.0, 1e3), ("thousands", 2e3, 1e4), ("millions", 2e6, 1e7),
        ("billions", 2e9, 1e10), ("trillions", 2e12, 1e13),
    ] {
        entry(&mut table, word).vague = Some((low, high));
    }
    for (word, value) in [("thousands", 1e3), ("millions", 1e6), ("billions", 1e9), ("trillions", 1e12)] {
        entry(&mut table, word).plural_unit = Some(value);
    }
    for &(word, family, code) in CURRENCY_NAMES {
        entry(&mut table, word).currency_name = Some((family, code));
    }
    for &(word, families) in NATIONALITIES {
        entry(&mut table, word).nationality = families;
    }
    for &code in ISO_CODES {
        entry(&mut table, code).iso_code = Some(code_upper(code));
    }
    for &(word, code) in CURRENCY_PREFIXES {
        entry(&mut table, word).currency_prefix = Some(code);
    }
    for &(word, name) in DURATIONS {
        entry(&mut table, word).duration = Some(name);
    }
    for &(word, name) in MEASURES {
        entry(&mut table, word).measure = Some(name);
    }
    for &word in MONTHS {
        entry(&mut table, word).flags |= MONTH;
    }
    for &word in LABELS {
        entry(&mut table, word).flags |= LABEL;
    }
    for &word in CHANGES {
        entry(&mut table, word).flags |= CHANGE;
    }
    for word in ["mid", "early", "late", "pre", "post", "end", "fy"] {
        entry(&mut table, word).flags |= YEAR_PREFIX;
    }
    for word in ["st", "nd", "rd", "th"] {
        entry(&mut table, word).flags |= ORDINAL_SUFFIX;
    }
    for word in ["minus", "negative"] {
        entry(&mut table, word).flags |= SIGN;
    }
    for word in ["am", "pm", "gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "cst", "msk", "oclock"] {
        entry(&mut table, word).flags |= CLOCK;
    }
    for (index, (pieces, _)) in QUALIFIERS.iter().enumerate() {
        if let Some(first) = pieces.first().filter(|p| p.chars().next().is_some_and(char::is_alphabetic)) {
            let lex = entry(&mut table, first);
            lex.flags |= QUALIFIER;
            lex.qualifiers.push(index as u16);
        }
    }
    for lex in table.values_mut() {
        lex.qualifiers.sort_by_key(|&i| std::cmp::Reverse(QUALIFIERS[i as usize].0.len()));
    }
    for word in INTENSIFIERS {
        entry(&mut table, word).flags |= QUALIFIER | INTENSIFIER;
    }
    // Words a phrase may begin with: numbers, qualifiers, fractions, vague quantities, months,
    // signs, currencies and the openers of ranges and word phrases.
    for (word, lex) in table.iter_mut() {
        let numeric = lex.number_word() || lex.scale.is_some() || lex.ordinal.is_some() || lex.denominator.is_some() || lex.vague.is_some();
        let other = numeric || lex.iso_code.is_some() || lex.currency_prefix.is_some() || lex.has(MONTH | SIGN);
        if other || lex.has(QUALIFIER) {
            lex.flags |= STARTER;
        }
        if lex.has(QUALIFIER) && !other && !CORE_WORDS.contains(word) {
            lex.flags |= ONLY_QUALIFIER;
        }
    }
    for word in ["a", "an", "between", "from", "tens", "several", "half", "baker"] {
        entry(&mut table, word).flags |= STARTER;
    }
    table
}

/// Words the reader reads a figure's core from by name rather than by their entry: the openers
/// of ranges and word phrases, and the number words read there ("a dozen", "one in five").
const CORE_WORDS: [&str; 15] = ["a", "an", "between", "from", "tens", "several", "half", "quarter", "baker", "one", "zero", "hundred", "dozen", "score", "and"];

fn entry<'t>(table: &'t mut FxHashMap<&'static str, Lex>, word: &'static str) -> &'t mut Lex {
    table.entry(word).or_default()
}

fn code_upper(code: &'static str) -> &'static str {
    // The codes are few and fixed: leak each uppercase form once, when the table is built.
    Box::leak(code.to_ascii_uppercase().into_boxed_str())
}

/// Adverbs that may stand before a comparative without changing it: "well over", "far below".
pub const INTENSIFIERS: [&str; 8] = ["well", "far", "much", "significantly", "substantially", "considerably", "comfortably", "easily"];

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
    /// "nearly", "almost", "just under": [n − |n|·t, n), approximate
    Nearly,
    /// "just over": (n, n + |n|·t], approximate
    JustOver,
    /// "about", "some": [n − |n|·t, n + |n|·t], approximate
    About,
}

/// Qualifier phrases; a piece matches a word or a one-character symbol.
pub const QUALIFIERS: &[(&[&str], Qualifier)] = {
    use Qualifier::*;
    &[
        (&["more", "than"], Over),
        (&["over"], Over),
        (&["in", "excess", "of"], Over),
        (&["upwards", "of"], Over),
        (&["upward", "of"], Over),
        (&["above"], Over),
        (&["greater", "than"], Over),
        (&["larger", "than"], Over),
        (&["bigger", "than"], Over),
        (&["higher", "than"], Over),
        (&["north", "of"], Over),
        (&["exceed"], Over),
        (&["exceeds"], Over),
        (&["exceeded"], Over),
        (&["exceeding"], Over),
        (&["surpassing"], Over),
        (&["surpassed"], Over),
        (&[">"], Over),
        (&["at", "least"], AtLeast),
        (&["a", "minimum", "of"], AtLeast),
        (&["minimum", "of"], AtLeast),
        (&["no", "fewer", "than"], AtLeast),
        (&["no", "less", "than"], AtLeast),
        (&["not", "less", "than"], AtLeast),
        (&["not", "fewer", "than"], AtLeast),
        (&["no", "lower", "than"], AtLeast),
        (&["no", "smaller", "than"], AtLeast),
        (&["not", "below"], AtLeast),
        (&["not", "under"], AtLeast),
        (&["bigger", "than", "or", "equal", "to"], AtLeast),
        (&["over", "or", "equal", "to"], AtLeast),
        (&["greater", "than", "or", "equal", "to"], AtLeast),
        (&["more", "than", "or", "equal", "to"], AtLeast),
        (&["larger", "than", "or", "equal", "to"], AtLeast),
        (&["higher", "than", "or", "equal", "to"], AtLeast),
        (&["equal", "to", "or", "greater", "than"], AtLeast),
        (&["equal", "to", "or", "more", "than"], AtLeast),
        (&["equal", "to", "or", "higher", "than"], AtLeast),
        (&["at", "or", "above"], AtLeast),
        (&["≥"], AtLeast),
        (&["⩾"], AtLeast),
        (&[">", "="], AtLeast),
        (&["fewer", "than"], Under),
        (&["less", "than"], Under),
        (&["under"], Under),
        (&["below"], Under),
        (&["beneath"], Under),
        (&["lower", "than"], Under),
        (&["smaller", "than"], Under),
        (&["south", "of"], Under),
        (&["<"], Under),
        (&["up", "to"], AtMost),
        (&["upto"], AtMost),
        (&["at", "most"], AtMost),
        (&["no", "more", "than"], AtMost),
        (&["not", "more", "than"], AtMost),
        (&["no", "greater", "than"], AtMost),
        (&["no", "higher", "than"], AtMost),
        (&["no", "larger", "than"], AtMost),
        (&["not", "exceeding"], AtMost),
        (&["not", "above"], AtMost),
        (&["not", "over"], AtMost),
        (&["not", "greater", "than"], AtMost),
        (&["under", "or", "equal", "to"], AtMost),
        (&["not", "to", "exceed"], AtMost),
        (&["as", "many", "as"], AtMost),
        (&["as", "much", "as"], AtMost),
        (&["a", "maximum", "of"], AtMost),
        (&["maximum", "of"], AtMost),
        (&["less", "than", "or", "equal", "to"], AtMost),
        (&["fewer", "than", "or", "equal", "to"], AtMost),
        (&["lower", "than", "or", "equal", "to"], AtMost),
        (&["smaller", "than", "or", "equal", "to"], AtMost),
        (&["equal", "to", "or", "less", "than"], AtMost),
        (&["equal", "to", "or", "fewer", "than"], AtMost),
        (&["equal", "to", "or", "lower", "than"], AtMost),
        (&["at", "or", "below"], AtMost),
        (&["≤"], AtMost),
        (&["⩽"], AtMost),
        (&["<", "="], AtMost),
        (&["nearly"], Nearly),
        (&["almost"], Nearly),
        (&["not", "quite"], Nearly),
        (&["just", "under"], Nearly),
        (&["just", "below"], Nearly),
        (&["just", "shy", "of"], Nearly),
        (&["just", "short", "of"], Nearly),
        (&["just", "less", "than"], Nearly),
        (&["slightly", "less", "than"], Nearly),
        (&["slightly", "fewer", "than"], Nearly),
        (&["slightly", "under"], Nearly),
        (&["slightly", "below"], Nearly),
        (&["a", "little", "under"], Nearly),
        (&["a", "little", "less", "than"], Nearly),
        (&["a", "bit", "less", "than"], Nearly),
        (&["just", "over"], JustOver),
        (&["just", "above"], JustOver),
        (&["just", "more", "than"], JustOver),
        (&["slightly", "more", "than"], JustOver),
        (&["slightly", "over"], JustOver),
        (&["slightly", "above"], JustOver),
        (&["a", "little", "over"], JustOver),
        (&["a", "little", "more", "than"], JustOver),
        (&["a", "bit", "more", "than"], JustOver),
        (&["a", "bit", "over"], JustOver),
        (&["about"], About),
        (&["around"], About),
        (&["some"], About),
        (&["roughly"], About),
        (&["approximately"], About),
        (&["approx"], About),
        // Abbreviated hedges: "approx. 400", "c. 1200", "ca. 400", "est. 400".
        (&["approx", "."], About),
        (&["c", "."], About),
        (&["ca", "."], About),
        (&["est", "."], About),
        (&["an", "estimated"], About),
        (&["estimated"], About),
        (&["an", "approximate"], About),
        (&["circa"], About),
        (&["close", "to"], About),
        (&["in", "the", "region", "of"], About),
        (&["on", "the", "order", "of"], About),
        (&["of", "the", "order", "of"], About),
        (&["in", "the", "neighbourhood", "of"], About),
        (&["in", "the", "neighborhood", "of"], About),
        (&["somewhere", "around"], About),
        (&["something", "like"], About),
        (&["~"], About),
        (&["∼"], About),
        (&["≈"], About),
    ]
};

/// The entries of [`QUALIFIERS`] whose first piece is the symbol `symbol`, in their order.
pub fn symbol_qualifiers(symbol: &str) -> &'static [u16] {
    lexicon().symbol_qualifiers.iter().find(|(first, _)| *first == symbol).map_or(&[], |(_, entries)| entries)
}

/// Symbols that may begin a figure phrase.
pub const fn starter_symbol(c: char) -> bool {
    matches!(c, '>' | '<' | '≥' | '≤' | '⩾' | '⩽' | '~' | '∼' | '≈' | '-' | '−' | '+' | '±' | '(') || currency_symbol(c).is_some() || vulgar_fraction(c).is_some()
}

/// A currency sign and its ISO code ("" when the sign is shared: "kr").
pub const fn currency_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '£' => "GBP",
        '€' => "EUR",
        '¥' => "JPY",
        '₽' => "RUB",
        '₹' => "INR",
        '₩' => "KRW",
        '₺' => "TRY",
        '₴' => "UAH",
        '₪' => "ILS",
        '₫' => "VND",
        '₦' => "NGN",
        '₱' => "PHP",
        '฿' => "THB",
        '₸' => "KZT",
        '₼' => "AZN",
        '₾' => "GEL",
        '₡' => "CRC",
        '₲' => "PYG",
        '₵' => "GHS",
        _ => return None,
    })
}

/// "½", "¾", "⅓": the value of a vulgar fraction character.
pub const fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅐' => 1.0 / 7.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        _ => return None,
    })
}

/// Superscript digits, for "10⁶" and "10⁻³".
pub fn superscript_digit(c: char) -> Option<i32> {
    Some(match c {
        '⁰' => 0,
        '¹' => 1,
        '²' => 2,
        '³' => 3,
        '⁴' => 4,
        '⁵' => 5,
        '⁶' => 6,
        '⁷' => 7,
        '⁸' => 8,
        '⁹' => 9,
        _ => return None,
    })
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_found_in_its_slot_and_no_other_word_is() {
        let table = build();
        for (word, lex) in &table {
            let text = format!("{word} and more text after it");
            let found = lookup_in(text.as_bytes(), 0, word.len());
            assert!(found.flags == lex.flags && found.unit == lex.unit && found.measure == lex.measure && found.qualifiers == lex.qualifiers, "{word}");
            // At the end of a text, where no 16 bytes follow the start.
            assert!(std::ptr::eq(lookup_in(word.as_bytes(), 0, word.len()), found), "{word} at the end");
        }
        for word in ["the", "thousandths", "millions", "abcdefghijklmnop", "thousandthsx", "x", "mo", "yearss", "ear"] {
            let found = lookup_in(word.as_bytes(), 0, word.len());
            assert_eq!(std::ptr::eq(found, none()), !table.contains_key(word), "{word}");
        }
    }
}
