//! The number line of a group: an inline SVG with one row per drawn claim. A dot is an exact
//! figure; a segment's ends are filled when closed and hollow when open; an arrow runs to the
//! edge on an unbounded side; a shaded band is an approximate figure; a hatched rectangle is the
//! gap no figure of a conflicting pair reaches.

use super::escape::{attr, esc};
use crate::figures::{Interval, format_number};
use std::cmp::Ordering;
use std::fmt::Write;

const WIDTH: f64 = 720.0;
/// Where the plot starts and ends; claim ids are written left of it.
const LEFT: f64 = 130.0;
const RIGHT: f64 = 690.0;
/// Where an arrow for an unbounded side ends.
const EDGE_LEFT: f64 = LEFT - 14.0;
const EDGE_RIGHT: f64 = RIGHT + 14.0;
const ROW: f64 = 22.0;
const TOP: f64 = 14.0;

/// One claim to draw: its id, its interval on the group's scale and its figure as written.
pub struct Drawn<'a> {
    pub id: &'a str,
    pub interval: Interval,
    pub figure: &'a str,
}

/// The pair of intervals that proves a conflict, by index: the one ending first and the one
/// starting last, when they are disjoint (if any two are disjoint, these two are).
pub fn proving_pair(intervals: &[Interval]) -> Option<(usize, usize)> {
    let start = |i: &Interval| i.low.map(|low| (low, !i.low_inclusive));
    let end = |i: &Interval| i.high.map(|high| (high, i.high_inclusive));
    let cmp = |a: Option<(f64, bool)>, b: Option<(f64, bool)>| a.partial_cmp(&b).unwrap_or(Ordering::Equal);
    let starting_last = (0..intervals.len()).filter(|&i| intervals[i].low.is_some()).max_by(|&a, &b| cmp(start(&intervals[a]), start(&intervals[b])))?;
    let ending_first = (0..intervals.len()).filter(|&i| intervals[i].high.is_some()).min_by(|&a, &b| cmp(end(&intervals[a]), end(&intervals[b])))?;
    intervals[ending_first].disjoint(&intervals[starting_last]).then_some((ending_first, starting_last))
}

/// Maps figures to x positions: linear, or logarithmic when the figures span orders of magnitude.
struct Scale {
    log: bool,
    low: f64,
    high: f64,
}

impl Scale {
    fn new(drawn: &[Drawn<'_>]) -> Scale {
        let values: Vec<f64> = drawn.iter().flat_map(|d| [d.interval.low, d.interval.high]).flatten().filter(|v| v.is_finite()).collect();
        let min = values.iter().copied().fold(f64::INFINITY, f64::min);
        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if values.is_empty() {
            return Scale { log: false, low: 0.0, high: 1.0 };
        }
        let log = min > 0.0 && max / min >= 100.0;
        let (mut low, mut high) = if log { (min.log10(), max.log10()) } else { (min, max) };
        if high - low < f64::EPSILON * high.abs().max(1.0) {
            let widen = if log { 0.5 } else { (low.abs() * 0.1).max(1.0) };
            low -= widen;
            high += widen;
        }
        // Room on both sides for the ends and for arrows.
        let pad = (high - low) * 0.08;
        Scale { log, low: low - pad, high: high + pad }
    }

    fn x(&self, value: f64) -> f64 {
        let t = if self.log { value.log10() } else { value };
        (LEFT + (t - self.low) / (self.high - self.low) * (RIGHT - LEFT)).clamp(EDGE_LEFT, EDGE_RIGHT)
    }

    /// Tick values: powers of ten on a log scale, round steps of 1, 2 or 5 otherwise.
    fn ticks(&self) -> Vec<f64> {
        if self.log {
            let first = self.low.ceil() as i32;
            let last = self.high.floor() as i32;
            let every = ((last - first) / 6 + 1).max(1);
            return (first..=last).step_by(every as usize).map(|p| 10f64.powi(p)).collect();
        }
        let rough = (self.high - self.low) / 5.0;
        let magnitude = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= rough).unwrap_or(10.0 * magnitude);
        let mut ticks = Vec::new();
        let mut value = (self.low / step).ceil() * step;
        while value <= self.high && ticks.len() < 12 {
            ticks.push(crate::figures::tidy(value));
            value += step;
        }
        ticks
    }
}

/// Writes the SVG for `drawn`; `gap` is the pair (by index into `drawn`) whose disjointness
/// proves a conflict. `caption` names the group for screen readers.
pub fn svg(out: &mut String, drawn: &[Drawn<'_>], gap: Option<(usize, usize)>, caption: &str) {
    let scale = Scale::new(drawn);
    let axis_y = TOP + ROW * drawn.len() as f64 + 4.0;
    let height = axis_y + 30.0;
    let _ = write!(
        out,
        "<svg class=\"number-line\" role=\"img\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" data-scale=\"{}\"><title>{}</title>",
        if scale.log { "log" } else { "linear" },
        esc(caption)
    );
    if let Some((ending_first, starting_last)) = gap
        && let (Some(from), Some(to)) = (drawn[ending_first].interval.high, drawn[starting_last].interval.low)
    {
        let (x1, x2) = (scale.x(from), scale.x(to));
        // A gap of one excluded point (300 against "over 300") still shows.
        let (x, width) = if x2 - x1 < 4.0 { ((x1 + x2) / 2.0 - 2.0, 4.0) } else { (x1, x2 - x1) };
        let _ = write!(
            out,
            "<rect class=\"gap\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\"><title>{}</title></rect>",
            TOP - 8.0,
            axis_y - TOP + 8.0,
            esc(&format!(
                "the gap: {} ({}) and {} ({}) share no figure",
                drawn[ending_first].id, drawn[ending_first].interval, drawn[starting_last].id, drawn[starting_last].interval
            ))
        );
    }
    for (row, claim) in drawn.iter().enumerate() {
        mark(out, &scale, TOP + ROW * row as f64 + ROW / 2.0, claim);
    }
    axis(out, &scale, axis_y);
    out.push_str("</svg>");
}

fn mark(out: &mut String, scale: &Scale, y: f64, claim: &Drawn<'_>) {
    let interval = claim.interval;
    let _ = write!(out, "<g class=\"mark\" data-claim=\"{}\"><title>{}</title>", attr(claim.id), esc(&format!("{}: {} {}", claim.id, claim.figure, interval)));
    let label: String = claim.id.chars().take(16).collect();
    let _ = write!(out, "<text class=\"id\" x=\"{:.1}\" y=\"{:.1}\">{}</text>", LEFT - 18.0, y + 4.0, esc(&label));
    let x1 = interval.low.map_or(EDGE_LEFT, |v| scale.x(v));
    let x2 = interval.high.map_or(EDGE_RIGHT, |v| scale.x(v));
    if interval.approximate {
        let _ = write!(out, "<rect class=\"band\" x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"3\"/>", y - 7.0, (x2 - x1).max(2.0));
    }
    if interval.low.is_some() && interval.low == interval.high {
        let _ = write!(out, "<circle class=\"dot\" cx=\"{x1:.1}\" cy=\"{y:.1}\" r=\"5\"/>");
        out.push_str("</g>");
        return;
    }
    let _ = write!(out, "<line class=\"span\" x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\"/>");
    for (bound, inclusive, x, pointing) in [(interval.low, interval.low_inclusive, x1, -1.0), (interval.high, interval.high_inclusive, x2, 1.0)] {
        match bound {
            None => {
                let _ = write!(
                    out,
                    "<polygon class=\"arrow\" points=\"{:.1},{y:.1} {:.1},{:.1} {:.1},{:.1}\"/>",
                    x,
                    x - pointing * 8.0,
                    y - 5.0,
                    x - pointing * 8.0,
                    y + 5.0
                );
            }
            Some(_) => {
                let class = if inclusive { "end closed" } else { "end open" };
                let _ = write!(out, "<circle class=\"{class}\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\"/>");
            }
        }
    }
    out.push_str("</g>");
}

fn axis(out: &mut String, scale: &Scale, y: f64) {
    let _ = write!(out, "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{RIGHT}\" y2=\"{y:.1}\"/>");
    for tick in scale.ticks() {
        let x = scale.x(tick);
        let _ = write!(
            out,
            "<line class=\"tick\" x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text class=\"tick-label\" x=\"{x:.1}\" y=\"{:.1}\">{}</text>",
            y + 5.0,
            y + 18.0,
            short_number(tick)
        );
    }
    if scale.log {
        let _ = write!(out, "<text class=\"scale-note\" x=\"{RIGHT}\" y=\"{:.1}\">log scale</text>", y + 28.0);
    }
}

/// A tick label: `1.5M`, `20k`, `137`, `0.25`.
fn short_number(value: f64) -> String {
    let abs = value.abs();
    let (scaled, suffix) = match abs {
        a if a >= 1e12 => (value / 1e12, "T"),
        a if a >= 1e9 => (value / 1e9, "B"),
        a if a >= 1e6 => (value / 1e6, "M"),
        a if a >= 1e4 => (value / 1e3, "k"),
        _ => (value, ""),
    };
    format!("{}{suffix}", format_number(crate::figures::tidy((scaled * 1000.0).round() / 1000.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(intervals: &[Interval]) -> String {
        let ids: Vec<String> = (0..intervals.len()).map(|i| format!("C{i}")).collect();
        let drawn: Vec<Drawn<'_>> = intervals.iter().zip(&ids).map(|(interval, id)| Drawn { id, interval: *interval, figure: "f" }).collect();
        let intervals: Vec<Interval> = drawn.iter().map(|d| d.interval).collect();
        let mut out = String::new();
        svg(&mut out, &drawn, proving_pair(&intervals), "group");
        out
    }

    #[test]
    fn each_shape_is_drawn() {
        let out = drawn(&[Interval::exact(137.0), Interval::above(140.0, false), Interval::closed(27.0, 33.0).approximate(), Interval::below(150.0, true)]);
        assert_eq!(out.matches("<g class=\"mark\"").count(), 4);
        assert_eq!(out.matches("class=\"dot\"").count(), 1);
        assert_eq!(out.matches("class=\"arrow\"").count(), 2);
        assert_eq!(out.matches("class=\"band\"").count(), 1);
        assert_eq!(out.matches("class=\"end open\"").count(), 1);
        assert_eq!(out.matches("class=\"end closed\"").count(), 3);
        assert!(out.contains("class=\"gap\""), "137 and over 140 are disjoint");
        assert!(out.contains("data-scale=\"linear\""));
    }

    #[test]
    fn no_gap_without_a_conflict_and_log_scale_over_orders_of_magnitude() {
        let out = drawn(&[Interval::exact(330.0), Interval::above(300.0, false)]);
        assert!(!out.contains("class=\"gap\""));
        let out = drawn(&[Interval::exact(3.0), Interval::exact(30_000.0)]);
        assert!(out.contains("data-scale=\"log\"") && out.contains("class=\"gap\""));
        assert!(out.contains(">10k<"), "{out}");
    }

    #[test]
    fn a_single_excluded_point_is_a_visible_gap() {
        let out = drawn(&[Interval::exact(300.0), Interval::above(300.0, false)]);
        assert!(out.contains("class=\"gap\"") && out.contains("width=\"4.0\""), "{out}");
    }

    #[test]
    fn the_proving_pair_is_the_one_ending_first_and_the_one_starting_last() {
        let intervals = [Interval::closed(1.0, 10.0), Interval::exact(5.0), Interval::above(6.0, true), Interval::below(2.0, false)];
        assert_eq!(proving_pair(&intervals), Some((3, 2)));
        assert_eq!(proving_pair(&intervals[..2]), None);
    }
}
