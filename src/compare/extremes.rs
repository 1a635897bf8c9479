//! The claims that speak for a group too large to list: the lowest and the highest figure and,
//! for a conflict, the two claims that prove it. Each is found in one pass over the group.

use crate::figures::Interval;
use std::cmp::Ordering;

/// Places in a group's claim list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extremes {
    /// The claim whose interval starts lowest (ties: the one ending lowest): the lowest figure.
    pub lowest: usize,
    /// The claim whose interval starts highest (ties: the one ending highest): the highest
    /// figure; of `over 300` and `330`, `330`.
    pub highest: usize,
    /// For disjoint intervals: the claim whose interval ends first and the one that starts last.
    /// They are disjoint exactly when some two claims of the group are (see `groups`).
    pub ends_first: Option<usize>,
    pub starts_last: Option<usize>,
}

/// Where an interval starts: an unbounded start is the lowest, and at one value a closed start
/// comes before an open one.
fn start(i: &Interval) -> (f64, bool) {
    (i.low.unwrap_or(f64::NEG_INFINITY), !i.low_inclusive)
}

/// Where an interval ends: an unbounded end is the highest, and at one value an open end comes
/// before a closed one.
fn end(i: &Interval) -> (f64, bool) {
    (i.high.unwrap_or(f64::INFINITY), i.high_inclusive)
}

fn order(a: (f64, bool), b: (f64, bool)) -> Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// The extremes of `intervals` (one per claim, on one scale). Among claims tied on a bound, the
/// one `newer` puts last wins: the newest source speaks for the figure.
pub fn extremes(intervals: &[Interval], newer: impl Fn(usize, usize) -> Ordering) -> Extremes {
    // The index of the best claim by `better`, ties going to the newer claim.
    let pick = |candidates: &mut dyn Iterator<Item = usize>, better: &dyn Fn(&Interval, &Interval) -> Ordering| {
        candidates.fold(None, |best: Option<usize>, i| match best {
            None => Some(i),
            Some(b) => match better(&intervals[i], &intervals[b]).then_with(|| newer(i, b)) {
                Ordering::Greater => Some(i),
                _ => Some(b),
            },
        })
    };
    let lowest = pick(&mut (0..intervals.len()), &|a, b| order(start(b), start(a)).then(order(end(b), end(a))));
    let highest = pick(&mut (0..intervals.len()), &|a, b| order(start(a), start(b)).then(order(end(a), end(b))));
    let ends_first = pick(&mut (0..intervals.len()).filter(|&i| intervals[i].high.is_some()), &|a, b| order(end(b), end(a)));
    let starts_last = pick(&mut (0..intervals.len()).filter(|&i| intervals[i].low.is_some()), &|a, b| order(start(a), start(b)));
    let disjoint = matches!((ends_first, starts_last), (Some(a), Some(b)) if intervals[a].disjoint(&intervals[b]));
    Extremes {
        lowest: lowest.unwrap_or(0),
        highest: highest.unwrap_or(0),
        ends_first: ends_first.filter(|_| disjoint),
        starts_last: starts_last.filter(|_| disjoint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(n: f64) -> Interval {
        Interval::exact(n)
    }

    #[test]
    fn lowest_and_highest_follow_the_bounds() {
        let group = [exact(330.0), Interval::above(300.0, false), Interval::closed(320.0, 340.0), Interval::closed(305.0, 335.0)];
        let e = extremes(&group, |a, b| a.cmp(&b));
        assert_eq!((e.lowest, e.highest), (1, 0), "(300, ∞) starts lowest, 330 highest");
        assert_eq!((e.ends_first, e.starts_last), (None, None), "they all meet");
        let group = [exact(137.0), Interval::above(140.0, false), Interval::below(100.0, true), exact(150.0)];
        let e = extremes(&group, |a, b| a.cmp(&b));
        assert_eq!((e.lowest, e.highest), (2, 3));
        assert_eq!((e.ends_first, e.starts_last), (Some(2), Some(3)), "(-∞, 100] ends first, 150 starts last");
    }

    #[test]
    fn ties_go_to_the_newer_claim() {
        let group = [exact(137.0), Interval::above(140.0, false), exact(137.0), Interval::above(140.0, false)];
        let by_index = extremes(&group, |a, b| a.cmp(&b));
        assert_eq!((by_index.ends_first, by_index.starts_last), (Some(2), Some(3)));
        let reversed = extremes(&group, |a, b| b.cmp(&a));
        assert_eq!((reversed.ends_first, reversed.starts_last), (Some(0), Some(1)));
        assert_eq!((reversed.lowest, reversed.highest), (0, 1));
    }

    #[test]
    fn open_and_closed_bounds_at_one_value() {
        // [5, 5] and (5, ∞) are disjoint: the open start is later than the closed end.
        let group = [Interval::above(5.0, false), exact(5.0), Interval::above(5.0, true)];
        let e = extremes(&group, |a, b| a.cmp(&b));
        assert_eq!((e.ends_first, e.starts_last), (Some(1), Some(0)));
        assert_eq!(e.lowest, 1, "[5, 5] and [5, ∞) start together; [5, 5] ends lower");
    }
}
