//! Figures: every stated number read into an [`Interval`] with a [`Kind`].
//!
//! The reader is a pure function of the text: one tokenizing pass that looks each word up once,
//! and one left-to-right scan. docs/figures.md gives the interval of every phrase family; in
//! short, `t` being the tolerance (0.1 unless configured):
//!
//! | phrase | interval |
//! |---|---|
//! | `137`, `10 000`, `12,34,567`, `-9.23`, `four point five`, `1.00E+05`, `2 crore` | `[n, n]` |
//! | `over` / `at least` / `under` / `up to` n, n `or more`, `≤` n | `(n, ∞)`, `[n, ∞)`, `(-∞, n)`, `(-∞, n]` |
//! | `above a and below b`, `between a and b`, `a-b`, `$5-10 million` | one interval |
//! | `about` / `nearly` / `just over` n | `[n−|n|t, n+|n|t]`, `[n−|n|t, n)`, `(n, n+|n|t]`, never empty |
//! | `half`, `3/4`, `one in five` (fraction); `half a million` (count) | `[0.5, 0.5]` ... |
//! | `dozens`, `hundreds of thousands`, `a few million` | half-open or closed vague ranges |
//! | `€10B`, `115 USD`, `50p` (money, with currency); `30 pc`, `3 percentage points` | `[n, n]` |
//!
//! Years, dates, ordinals, durations and measures are told apart from counts; codes, labels,
//! times, phone numbers, versions, ISBNs, links and footnote markers are no figures. Where the
//! reader cannot decide it reads nothing; a phrase that would read to no finite, non-empty
//! interval is reported apart ([`Reading::unreadable`]), never as a figure.

mod amounts;
mod guards;
mod interval;
mod lexicon;
mod reader;
mod tokens;
mod units;

pub use interval::{Interval, SIGNIFICANT_DIGITS, format_number, serialize_number, tidy};
pub use reader::{DEFAULT_TOLERANCE, Reader, Reading, Unreadable};
use serde::Serialize;

/// What a figure counts, as the contract names the kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Count,
    Money,
    Percent,
    Fraction,
    Year,
    Date,
    Duration,
    Ordinal,
    /// A number with another unit: "547 square kilometers", "fifteen miles".
    Measure,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Fraction => "fraction",
            Kind::Year => "year",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Ordinal => "ordinal",
            Kind::Measure => "measure",
        }
    }

    /// Years, dates and ordinals say when or which, not how many.
    pub fn is_quantity(self) -> bool {
        !matches!(self, Kind::Year | Kind::Date | Kind::Ordinal)
    }
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Code point offsets in the text that was read.
    pub start: usize,
    pub end: usize,
    /// The figure as written, qualifiers and unit included ("over 300", "547 square kilometers").
    pub text: String,
    pub interval: Interval,
    pub kind: Kind,
    /// The ISO 4217 code of money, when the text names the currency ("$" is USD, "kr" names none).
    pub currency: Option<&'static str>,
    /// The unit of a measure or a duration ("km", "year", "percentage point").
    pub unit: Option<&'static str>,
}

impl Figure {
    /// What the figure's number is a number of: figures compare as numbers only when this agrees.
    /// Shares ("half", "50%") are one unit, compared on the percent scale.
    pub fn unit_key(&self) -> (Kind, Option<&'static str>, Option<&'static str>) {
        match self.kind {
            Kind::Fraction => (Kind::Percent, None, None),
            kind => (kind, self.currency, self.unit),
        }
    }
}

/// Every figure in `text` with the default tolerance.
pub fn find_figures(text: &str) -> Vec<Figure> {
    Reader::default().find(text)
}

/// Why an analyst's `value` cell cannot stand for one figure.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueError {
    Unreadable,
    Several(Vec<String>),
    /// The value states a figure with no finite, non-empty interval ("1e400").
    Unbounded(String),
}

/// Distinct values a thread keeps read before it starts afresh (bounds the cache's memory).
const KEPT_VALUES: usize = 1024;
/// Values longer than this are read each time: a value is a figure, rarely more than a few words.
const KEPT_VALUE_BYTES: usize = 64;

/// Values already read with one tolerance: the claims of a figure group mostly state the same
/// few values ("137", "over 130"), and a large check reads a million of them.
#[derive(Default)]
struct ReadValues {
    tolerance: u64,
    values: rustc_hash::FxHashMap<Box<str>, Result<Figure, ValueError>>,
}

thread_local! {
    static VALUES: std::cell::RefCell<ReadValues> = Default::default();
}

/// Reads the `value` cell: `over 300`, `>140`, `137-145`, `two`, `half`, `about 2,000`.
pub fn read_value(value: &str, tolerance: f64) -> Result<Figure, ValueError> {
    if value.len() > KEPT_VALUE_BYTES {
        return read_value_afresh(value, tolerance);
    }
    let tolerance_bits = tolerance.to_bits();
    let kept = VALUES.with_borrow(|kept| kept.values.get(value).filter(|_| kept.tolerance == tolerance_bits).cloned());
    if let Some(read) = kept {
        return read;
    }
    let read = read_value_afresh(value, tolerance);
    VALUES.with_borrow_mut(|kept| {
        if kept.tolerance != tolerance_bits || kept.values.len() >= KEPT_VALUES {
            kept.values.clear();
            kept.tolerance = tolerance_bits;
        }
        kept.values.insert(value.into(), read.clone());
    });
    read
}

fn read_value_afresh(value: &str, tolerance: f64) -> Result<Figure, ValueError> {
    let reading = Reader::for_values(tolerance).read(value);
    if let Some(unreadable) = reading.unreadable.first() {
        return Err(ValueError::Unbounded(unreadable.text.clone()));
    }
    let mut figures = reading.figures;
    match figures.len() {
        0 => Err(ValueError::Unreadable),
        1 => Ok(figures.remove(0)),
        _ => Err(ValueError::Several(figures.into_iter().map(|f| f.text).collect())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_read_again_reads_the_same_and_follows_the_tolerance() {
        let values = ["about 100", "over 300", "137-145", "many", "3 or 4 and 7", "1e400", "half"];
        for _ in 0..3 {
            for value in values {
                for tolerance in [0.1, 0.25] {
                    assert_eq!(read_value(value, tolerance), read_value_afresh(value, tolerance), "{value} at {tolerance}");
                }
            }
        }
        let about = |tolerance| read_value("about 100", tolerance).unwrap().interval;
        assert_eq!((about(0.1).low, about(0.25).low, about(0.1).low), (Some(90.0), Some(75.0), Some(90.0)));
        // More distinct values than are kept: each still reads as itself.
        for n in 0..3 * KEPT_VALUES {
            assert_eq!(read_value(&n.to_string(), 0.1).unwrap().interval.low, Some(n as f64));
        }
    }
}
