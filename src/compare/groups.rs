//! Grouping figure claims on one subject and measure, and the verdict of each group.

use super::stated::Stated;
use crate::figures::{Interval, Kind};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Every claim gives the same interval.
    Agree,
    /// The intervals overlap but differ: 330 vs over 300.
    Imprecise,
    /// Two intervals are disjoint: 137 vs over 140.
    Conflict,
    /// The claims count in different units (dollars and euros, a percentage and a count): no
    /// verdict on the numbers.
    Incomparable,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::Imprecise => "imprecise",
            Verdict::Conflict => "conflict",
            Verdict::Incomparable => "incomparable",
        }
    }

    pub fn from_name(name: &str) -> Option<Verdict> {
        match name.trim().to_lowercase().as_str() {
            "agree" => Some(Verdict::Agree),
            "imprecise" => Some(Verdict::Imprecise),
            "conflict" => Some(Verdict::Conflict),
            "incomparable" => Some(Verdict::Incomparable),
            _ => None,
        }
    }
}

/// Two or more figure claims on one subject and measure.
#[derive(Debug, Clone)]
pub struct Group {
    /// The normalized subject and measure the claims share.
    pub key: (String, String),
    pub verdict: Verdict,
    /// The claims' places in the list grouped, in claims-file order (file, then row).
    pub members: Vec<usize>,
    /// The subject and measure as the first claim writes them.
    pub subject: Arc<str>,
    pub measure: Arc<str>,
}

impl Group {
    pub fn subject(&self) -> &str {
        &self.subject
    }

    pub fn measure(&self) -> &str {
        &self.measure
    }
}

/// What subject and measure matching forgives: case, spacing and punctuation.
/// "Crocus City Hall attack (2024)" and "crocus city hall attack 2024" are one subject.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Groups of two or more claims, by normalized subject and measure, in key order. Claims
/// without a subject or a measure cannot be matched with others and are left out.
///
/// Linear in the claims but for the final order: each distinct way of writing a subject and
/// measure is normalized once, and groups hold the claims' places, not copies of them.
pub fn group(stated: &[Stated]) -> Vec<Group> {
    // Group of each distinct (subject, measure) as written, and of each normalized key.
    let mut written: FxHashMap<(&str, &str), Option<usize>> = FxHashMap::default();
    let mut keys: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (index, s) in stated.iter().enumerate() {
        let slot = *written.entry((&s.subject, &s.measure)).or_insert_with(|| {
            let key = (normalize(&s.subject), normalize(&s.measure));
            if key.0.is_empty() || key.1.is_empty() {
                return None;
            }
            Some(*keys.entry(key).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            }))
        });
        if let Some(slot) = slot {
            members[slot].push(index);
        }
    }
    let mut slots: Vec<Option<Vec<usize>>> = members.into_iter().map(Some).collect();
    let keyed: Vec<((String, String), Vec<usize>)> = keys.into_iter().filter_map(|(key, slot)| Some((key, slots[slot].take()?))).filter(|(_, members)| members.len() >= 2).collect();
    // Each group is ordered and judged on its own, on all cores.
    keyed
        .into_par_iter()
        .map(|(key, mut members)| {
            // Already in order when claims come in file and row order, which sorting notices.
            members.sort_by(|&a, &b| {
                let (a, b) = (&stated[a], &stated[b]);
                (&a.claims_file, a.row, &a.id).cmp(&(&b.claims_file, b.row, &b.id))
            });
            let claims: Vec<&Stated> = members.iter().map(|&i| &stated[i]).collect();
            let verdict = verdict(&claims);
            let first = claims[0];
            Group { key, verdict, subject: first.subject.clone(), measure: first.measure.clone(), members }
        })
        .collect()
}

/// The intervals of a group's claims on one scale: "half" (a fraction, 0.5) and "50%" state one
/// share, so with a percent among them fractions are compared as percents.
pub fn comparable(claims: &[&Stated]) -> Vec<Interval> {
    let percents = claims.iter().any(|s| s.figure.kind == Kind::Percent);
    claims
        .iter()
        .map(|s| match s.figure.kind {
            Kind::Fraction if percents => s.figure.interval.scaled(100.0),
            _ => s.figure.interval,
        })
        .collect()
}

fn verdict(claims: &[&Stated]) -> Verdict {
    // Numbers in different units say nothing of each other: no verdict computed across them.
    let unit = claims[0].figure.unit_key();
    if claims.iter().any(|s| s.figure.unit_key() != unit) {
        return Verdict::Incomparable;
    }
    let intervals = comparable(claims);
    if any_disjoint(&intervals) {
        return Verdict::Conflict;
    }
    if intervals.iter().all(|i| *i == intervals[0]) { Verdict::Agree } else { Verdict::Imprecise }
}

/// Whether two of `intervals` are disjoint. On a line, intervals that meet pairwise share a
/// point (Helly), so it is enough to test the one starting last against the one ending first:
/// linear, where testing every pair is quadratic in a group's size.
fn any_disjoint(intervals: &[Interval]) -> bool {
    // Bounds as (value, rank): at one value an open lower bound starts later than a closed one,
    // and an open upper bound ends sooner.
    let start = |i: &Interval| i.low.map(|low| (low, !i.low_inclusive));
    let end = |i: &Interval| i.high.map(|high| (high, i.high_inclusive));
    let latest_start = intervals.iter().filter(|i| i.low.is_some()).max_by(|a, b| start(a).partial_cmp(&start(b)).unwrap_or(Ordering::Equal));
    let earliest_end = intervals.iter().filter(|i| i.high.is_some()).min_by(|a, b| end(a).partial_cmp(&end(b)).unwrap_or(Ordering::Equal));
    match (latest_start, earliest_end) {
        (Some(a), Some(b)) => a.disjoint(b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The linear test agrees with testing every pair, bounds open, closed and missing alike.
    #[test]
    fn any_disjoint_agrees_with_every_pair() {
        let values = [None, Some(1.0), Some(2.0), Some(3.0)];
        let mut all = Vec::new();
        for low in values {
            for high in values {
                for (low_inclusive, high_inclusive) in [(true, true), (true, false), (false, true), (false, false)] {
                    // Only non-empty intervals: the reader never states an empty one.
                    if let (Some(l), Some(h)) = (low, high)
                        && (l > h || (l == h && !(low_inclusive && high_inclusive)))
                    {
                        continue;
                    }
                    all.push(Interval { low, low_inclusive, high, high_inclusive, approximate: false });
                }
            }
        }
        for a in &all {
            for b in &all {
                for c in &all {
                    let group = [*a, *b, *c];
                    let pairwise = group.iter().enumerate().any(|(i, x)| group[i + 1..].iter().any(|y| x.disjoint(y)));
                    assert_eq!(any_disjoint(&group), pairwise, "{group:?}");
                }
            }
        }
    }

    #[test]
    fn normalize_forgives_case_spacing_and_punctuation() {
        assert_eq!(normalize("Crocus City Hall attack (2024)"), "crocus city hall attack 2024");
        assert_eq!(normalize("  crocus  city-hall Attack, 2024 "), "crocus city hall attack 2024");
        assert_eq!(normalize("Deaths"), normalize("deaths."));
        assert_eq!(normalize("(—)"), "");
    }
}
