//! Numeric intervals with open or closed bounds, the common form every figure is read into.

use serde::{Serialize, Serializer};
use std::fmt;

/// `[low, high]` with each bound optional (unbounded) and open or closed.
///
/// An unbounded side always has `*_inclusive == false`, so two intervals built from the same
/// phrase compare equal field by field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub low: Option<f64>,
    pub low_inclusive: bool,
    pub high: Option<f64>,
    pub high_inclusive: bool,
    /// The text hedges the figure ("about", "some", "dozens"): the bounds are the reader's
    /// estimate, not the writer's.
    pub approximate: bool,
}

impl Interval {
    pub fn exact(value: f64) -> Self {
        Interval::closed(value, value)
    }

    pub fn closed(low: f64, high: f64) -> Self {
        Interval { low: Some(tidy(low)), low_inclusive: true, high: Some(tidy(high)), high_inclusive: true, approximate: false }
    }

    /// `[low, high)`: the half-open form of vague quantities ("hundreds" = [200, 1000)).
    pub fn half_open(low: f64, high: f64) -> Self {
        Interval { high_inclusive: false, ..Interval::closed(low, high) }
    }

    pub fn above(low: f64, inclusive: bool) -> Self {
        Interval { low: Some(tidy(low)), low_inclusive: inclusive, high: None, high_inclusive: false, approximate: false }
    }

    pub fn below(high: f64, inclusive: bool) -> Self {
        Interval { low: None, low_inclusive: false, high: Some(tidy(high)), high_inclusive: inclusive, approximate: false }
    }

    /// Bounds as given, except that a zero-width interval is closed ("nearly 0" is [0, 0],
    /// never the empty [0, 0)).
    pub fn from_bounds(low: f64, low_inclusive: bool, high: f64, high_inclusive: bool) -> Self {
        let (low, high) = (tidy(low), tidy(high));
        if low >= high {
            return Interval::closed(low.min(high), low.min(high));
        }
        Interval { low: Some(low), low_inclusive, high: Some(high), high_inclusive, approximate: false }
    }

    /// (-∞, ∞): a date that names no year.
    pub fn unbounded() -> Self {
        Interval { low: None, low_inclusive: false, high: None, high_inclusive: false, approximate: false }
    }

    /// Every bound finite, low <= high, and some number inside: the only intervals a
    /// comparison may see.
    pub fn is_sound(&self) -> bool {
        let finite = self.low.is_none_or(f64::is_finite) && self.high.is_none_or(f64::is_finite);
        let ordered = match (self.low, self.high) {
            (Some(low), Some(high)) => low < high || (low == high && self.low_inclusive && self.high_inclusive),
            _ => true,
        };
        let unbounded_open = (self.low.is_some() || !self.low_inclusive) && (self.high.is_some() || !self.high_inclusive);
        finite && ordered && unbounded_open
    }

    pub fn approximate(mut self) -> Self {
        self.approximate = true;
        self
    }

    pub fn scaled(self, factor: f64) -> Self {
        Interval { low: self.low.map(|v| tidy(v * factor)), high: self.high.map(|v| tidy(v * factor)), ..self }
    }

    /// Both intervals hold no common number.
    pub fn disjoint(&self, other: &Interval) -> bool {
        // `self` lies entirely below `other`, or the reverse.
        let below = |a: &Interval, b: &Interval| match (a.high, b.low) {
            (Some(high), Some(low)) => high < low || (high == low && !(a.high_inclusive && b.low_inclusive)),
            _ => false,
        };
        below(self, other) || below(other, self)
    }

    /// Same bounds, whatever the `approximate` flag says.
    pub fn same_bounds(&self, other: &Interval) -> bool {
        self.low == other.low && self.high == other.high && self.low_inclusive == other.low_inclusive && self.high_inclusive == other.high_inclusive
    }
}

/// Significant digits a figure keeps exactly: every number written with this many digits or
/// fewer is one `f64` and comes back from [`tidy`] as written (the tokenizer reads a numeral of
/// more as unreadable, never as a nearby number).
pub const SIGNIFICANT_DIGITS: usize = 15;

/// Rounds away the binary noise of decimal arithmetic (0.9 * 30 = 27.000000000000004), keeping
/// [`SIGNIFICANT_DIGITS`]: the noise lies in the sixteenth digit and beyond, and a stated
/// figure such as a timestamp (1545371411331) keeps all of its own.
pub fn tidy(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    // The power of ten that makes the kept digits a whole number. Powers of ten up to 10^22 are
    // exact, so scaling by one and back rounds only once; past them (values near 1e-8 and
    // below, or 1e37 and above) the decimal digits are rounded in writing instead, where an
    // inexact power of ten put a stray digit in a figure (`> 1e308` read as 1.0000000000000004e308).
    let digits = SIGNIFICANT_DIGITS as i32 - 1 - magnitude;
    let tidied = match digits {
        0..=22 => (value * 10f64.powi(digits)).round() / 10f64.powi(digits),
        -22..0 => (value / 10f64.powi(-digits)).round() * 10f64.powi(-digits),
        _ => format!("{value:.*e}", SIGNIFICANT_DIGITS - 1).parse().unwrap_or(value),
    };
    if tidied.is_finite() { tidied } else { value }
}

/// A number as people write it: `137`, `1.5`, `700000`.
pub fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

/// Whole numbers serialize as JSON integers (`137`, not `137.0`), as the contract shows them.
pub fn serialize_number<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        None => serializer.serialize_none(),
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
    }
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Number(Option<f64>);
        impl Serialize for Number {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_number(&self.0, serializer)
            }
        }
        let mut out = serializer.serialize_struct("Interval", 5)?;
        out.serialize_field("low", &Number(self.low))?;
        out.serialize_field("low_inclusive", &self.low_inclusive)?;
        out.serialize_field("high", &Number(self.high))?;
        out.serialize_field("high_inclusive", &self.high_inclusive)?;
        out.serialize_field("approximate", &self.approximate)?;
        out.end()
    }
}

/// Interval notation: `[137, 137]`, `(300, ∞)`, `~[27, 33]`.
impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let low = self.low.map_or("-∞".to_string(), format_number);
        let high = self.high.map_or("∞".to_string(), format_number);
        let open = if self.low_inclusive { '[' } else { '(' };
        let close = if self.high_inclusive { ']' } else { ')' };
        let approx = if self.approximate { "~" } else { "" };
        write!(f, "{approx}{open}{low}, {high}{close}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disjoint_respects_open_bounds() {
        assert!(Interval::exact(137.0).disjoint(&Interval::above(140.0, false)));
        assert!(Interval::exact(300.0).disjoint(&Interval::above(300.0, false)));
        assert!(!Interval::exact(300.0).disjoint(&Interval::above(300.0, true)));
        assert!(!Interval::exact(330.0).disjoint(&Interval::above(300.0, false)));
        assert!(!Interval::below(10.0, true).disjoint(&Interval::above(10.0, true)));
        assert!(Interval::below(10.0, false).disjoint(&Interval::above(10.0, true)));
    }

    #[test]
    fn notation_and_tidy_numbers() {
        assert_eq!(Interval::closed(30.0 * 0.9, 30.0 * 1.1).approximate().to_string(), "~[27, 33]");
        assert_eq!(Interval::above(300.0, false).to_string(), "(300, ∞)");
        assert_eq!(Interval::below(1.5, true).to_string(), "(-∞, 1.5]");
        assert_eq!(serde_json::to_string(&Interval::above(300.0, false)).unwrap(), r#"{"low":300,"low_inclusive":false,"high":null,"high_inclusive":false,"approximate":false}"#);
    }

    /// Every number written with up to 15 significant digits comes back as written, at any
    /// magnitude, and the noise of arithmetic on such numbers goes.
    #[test]
    fn tidy_keeps_written_numbers_at_every_magnitude() {
        for written in ["1e308", "1.7976931348623e308", "1e37", "123456789012345e20", "1545371411331", "0.333333333333333", "2.5e-8", "1e-300", "4.9e-320", "-7.25e-15"] {
            let value: f64 = written.parse().unwrap();
            assert_eq!(tidy(value), value, "{written}");
        }
        assert_eq!(tidy(0.1 + 0.2), 0.3);
        assert_eq!(tidy(1.2 * 1e15), 1.2e15);
        assert_eq!(tidy(1.1e-30 * 3.0), 3.3e-30);
        assert_eq!(tidy(1.1e300 * 3.0), 3.3e300);
    }
}
