//! Figures: every stated number read into an [`Interval`] with a [`Kind`].
//!
//! The reader is a pure function of the text, one tokenizing pass and one left-to-right scan.
//! How each phrase family reads (`t` is the tolerance, 0.1 unless configured):
//!
//! | phrase | interval | approximate |
//! |---|---|---|
//! | `137`, `3,417`, `1.5`, `twenty-three`, `one hundred and twenty`, `a dozen`, `two dozen` | `[n, n]` | no |
//! | `1.2 million`, `3bn`, `1.2m`, `40k`, `$1.5 billion` | `[n·scale, n·scale]` | no |
//! | `over`, `more than`, `in excess of`, `upwards of`, `well over`, `above`, `>` n | `(n, ∞)` | no |
//! | `at least`, `a minimum of`, `no fewer than`, `no less than`, `≥` n, n`+`, n `or more` | `[n, ∞)` | no |
//! | `fewer than`, `less than`, `under`, `below`, `<` n | `(-∞, n)` | no |
//! | `up to`, `at most`, `no more than`, `as many as`, `≤` n, n `or fewer` | `(-∞, n]` | no |
//! | `nearly`, `almost`, `just under` n | `[n·(1−t), n)` | yes |
//! | `just over`, `slightly more than` n | `(n, n·(1+t)]` | yes |
//! | `about`, `around`, `some`, `roughly`, `approximately`, `an estimated`, `~` n | `[n·(1−t), n·(1+t)]` | yes |
//! | `between a and b`, `a-b`, `a – b`, `a to b`, `a or b`, `from a to b` | `[a, b]` | no |
//! | `dozens` | `[24, 100)` | yes |
//! | `hundreds` | `[200, 1000)` | yes |
//! | `thousands` | `[2000, 10000)` | yes |
//! | `tens of thousands` (of millions ...) | `[10·u, 100·u)` | yes |
//! | `hundreds of thousands` (of millions ...) | `[100·u, 1000·u)` | yes |
//! | `millions`, `billions` | `[2·u, 10·u)` | yes |
//! | `a few` hundred/thousand/million | `[2·u, 5·u]` | yes |
//! | `several` hundred/thousand/million | `[3·u, 9·u]` | yes |
//! | `half`, `a third`, `two thirds`, `25%` | `[0.5, 0.5]`, ..., `[25, 25]` | no |
//! | `more than half` | `(0.5, 1]` (a fraction stays within [0, 1]) | no |
//! | a qualifier before an approximate figure ("approximately more than half") | the qualifier's bounds | yes |
//!
//! Not counts: a plain four-digit number from 1000 to 2100 with no qualifier, currency or scale is
//! a `year` ("in 2004", "1979-1989", "the 1990s" = [1990, 1999]); "22 March 2024", "March 8",
//! "August 2018" are `date`s whose interval is the year they name (unbounded when none);
//! "21st", "third" are `ordinal`s; a number followed by a unit of time ("20 years after",
//! "seven-year-long", "48 hours") is a `duration`. Digits inside codes ("Su-35", "T4"), times
//! ("19:32") and footnote markers ("<sup>10</sup>") are no figures at all, nor is "one" alone
//! ("one of the"), nor "a few" or "several" without a scale word.

mod interval;
mod lexicon;
mod reader;
mod tokens;

pub use interval::{Interval, format_number, serialize_number, tidy};
pub use reader::{DEFAULT_TOLERANCE, Reader};
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
}

/// Reads the `value` cell: `over 300`, `>140`, `137-145`, `two`, `half`, `about 2,000`.
pub fn read_value(value: &str, tolerance: f64) -> Result<Figure, ValueError> {
    let mut figures = Reader::for_values(tolerance).find(value);
    match figures.len() {
        0 => Err(ValueError::Unreadable),
        1 => Ok(figures.remove(0)),
        _ => Err(ValueError::Several(figures.into_iter().map(|f| f.text).collect())),
    }
}
