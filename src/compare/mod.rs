//! Comparing: figure claims grouped by subject and measure, each group's verdict, reviews
//! applied, and the `figure-imprecise` / `figure-conflict` findings.

pub mod extremes;
pub mod groups;
pub mod reviews;
pub mod stated;

use crate::figures::{Interval, Kind};
use crate::findings::{Code, Finding, clipped};
use crate::load::sources::SourceSet;
use extremes::{Extremes, extremes};
use groups::{Group, Verdict, group};
use reviews::Review;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use stated::Stated;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Groups of at most this many claims are listed whole in their finding and in the text
/// report; a larger group is summed up by the claims that speak for it (see `extremes`).
pub const LISTED_CLAIMS: usize = 10;
/// A group's finding, message and notes together, stays under this many characters.
const FINDING_CHARS: usize = 2_000;
/// The most source names a summed-up finding lists in one place.
const LISTED_NAMES: usize = 3;
/// The most units a summed-up finding of a group in several units names a claim of.
const LISTED_UNITS: usize = 4;

/// One group of the report's `disagreements`, agreeing groups included.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub subject: String,
    pub measure: String,
    pub verdict: Verdict,
    pub claims: Vec<GroupClaim>,
    /// The reason of the review covering this verdict, when one does.
    pub reviewed: Option<String>,
    /// The claims that speak for the group, for reports that do not list them all.
    #[serde(skip)]
    pub summary: Summary,
}

/// What a report shows of a group too large to list: places in `Disagreement::claims`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Distinct sources the claims come from.
    pub sources: usize,
    /// Within one unit: the lowest and highest figures, and the pair proving a conflict.
    pub extremes: Extremes,
    /// For a group in several units (`incomparable`): the newest claim of each of the first units.
    pub per_unit: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupClaim {
    pub id: Arc<str>,
    /// The file the claim's offsets index, or the `source` cell as written when it resolved to none.
    pub source: Arc<str>,
    /// The figure as the quote states it.
    pub figure: String,
    #[serde(flatten)]
    pub interval: Interval,
    /// Publication date from the sources manifest.
    pub published: Option<Arc<str>>,
    pub kind: Kind,
    /// ISO 4217 code of money, `null` when the figure is no money or names no currency.
    pub currency: Option<&'static str>,
    /// Where the figure stands in the claim's quote, in code points (the HTML page highlights it).
    #[serde(skip)]
    pub in_quote: std::ops::Range<usize>,
}

/// Groups `stated`, judges each group and applies `reviews`.
pub fn compare(stated: &[Stated], reviews: &[Review], sources: &SourceSet) -> (Vec<Disagreement>, Vec<Finding>) {
    let groups = group(stated);
    // Each group is described on its own, on all cores (its claims listed, the claims that speak
    // for it found, its finding written); reviews are applied after, in group order.
    let described: Vec<(Option<Finding>, Vec<GroupClaim>, Summary)> = groups
        .par_iter()
        .map(|group| {
            let described = Described::new(group, stated, &mut SourceNames::new(sources));
            let finding = (group.verdict != Verdict::Agree).then(|| described.finding(group));
            (finding, described.group_claims(), described.summary)
        })
        .collect();
    let mut findings = Vec::new();
    let mut used = vec![false; reviews.len()];
    let mut disagreements = Vec::with_capacity(groups.len());
    for (group, (finding, claims, summary)) in groups.iter().zip(described) {
        let matching: Vec<(usize, &Review)> = reviews.iter().enumerate().filter(|(_, r)| r.key == group.key).collect();
        for (index, _) in &matching {
            used[*index] = true;
        }
        let covering = matching.iter().map(|(_, r)| *r).find(|r| r.verdict == group.verdict);
        if let Some(mut finding) = finding {
            match covering {
                Some(review) => {
                    finding.code = Code::FigureReviewed;
                    finding.severity = Code::FigureReviewed.default_severity();
                    // A reason long enough to break the finding's bound is cut short (the reviews
                    // file keeps it whole).
                    let whole = finding.message.chars().count() + 2 * review.reason.chars().count() + 100 < FINDING_CHARS;
                    let reason = if whole { review.reason.clone() } else { clipped(&review.reason) };
                    finding.message = format!("reviewed ({reason}): {}", finding.message);
                    finding.notes.push(format!("accepted as `{}` in {}: {reason}", review.verdict.name(), review.place()));
                }
                None => {
                    for (_, review) in &matching {
                        finding.notes.push(format!(
                            "the review in {} expected `{}`, the verdict is now `{}`: the review no longer applies",
                            review.place(),
                            review.verdict.name(),
                            group.verdict.name()
                        ));
                    }
                }
            }
            findings.push(finding);
        } else {
            for (_, review) in matching.iter().filter(|(_, r)| r.verdict != Verdict::Agree) {
                findings.push(review.finding(
                    Code::FigureReviewed,
                    format!(
                        "the review in {} expected `{}` for {} / {}, but the claims now agree: the review no longer applies; remove it",
                        review.place(),
                        review.verdict.name(),
                        group.subject(),
                        group.measure()
                    ),
                ));
            }
        }
        disagreements.push(Disagreement {
            subject: group.subject().to_string(),
            measure: group.measure().to_string(),
            verdict: group.verdict,
            claims,
            reviewed: covering.map(|r| r.reason.clone()),
            summary,
        });
    }
    for (review, _) in reviews.iter().zip(&used).filter(|(_, used)| !**used) {
        findings.push(review.finding(
            Code::FigureReviewed,
            format!(
                "the review in {} covers `{}` / `{}`, but no two figure claims share that subject and measure: correct its subject or measure, or remove it",
                review.place(),
                review.subject,
                review.measure
            ),
        ));
    }
    (disagreements, findings)
}

/// How reports name a claim's source and date it, worked out once per source name.
struct SourceNames<'s> {
    sources: &'s SourceSet,
    known: FxHashMap<Arc<str>, Named>,
}

/// A source as a group's claims show it.
#[derive(Clone)]
struct Named {
    /// The file the offsets index (the `source` cell as written when it resolved to none).
    file: Arc<str>,
    /// The manifest id, else the file name, else the cell as written.
    name: Arc<str>,
    published: Option<Arc<str>>,
}

impl<'s> SourceNames<'s> {
    fn new(sources: &'s SourceSet) -> Self {
        SourceNames { sources, known: FxHashMap::default() }
    }

    fn of(&mut self, s: &Stated) -> Named {
        // The resolved file decides the name; claims naming it differently share it.
        let key = s.file.as_ref().unwrap_or(&s.source);
        if let Some(named) = self.known.get(key) {
            return named.clone();
        }
        let info = s.file.as_deref().and_then(|file| self.sources.info(file));
        let named = Named {
            file: key.clone(),
            name: info.map(|i| i.id.as_str()).filter(|id| !id.is_empty()).map_or_else(|| key.clone(), Arc::from),
            published: info.map(|i| i.published.as_str()).filter(|p| !p.is_empty()).map(Arc::from),
        };
        self.known.insert(key.clone(), named.clone());
        named
    }
}

/// A group's claims with their sources' names and dates, for messages and the report.
struct Described<'a> {
    claims: Vec<&'a Stated>,
    named: Vec<Named>,
    summary: Summary,
}

impl<'a> Described<'a> {
    fn new(group: &Group, stated: &'a [Stated], names: &mut SourceNames<'_>) -> Self {
        let claims: Vec<&Stated> = group.members.iter().map(|&i| &stated[i]).collect();
        let named: Vec<Named> = claims.iter().map(|s| names.of(s)).collect();
        let intervals = groups::comparable(&claims);
        let mut described = Described { claims, named, summary: Summary::default() };
        described.summary.extremes = extremes(&intervals, |a, b| described.newer(a, b));
        described.summary.sources = described.named.iter().map(|n| &n.name).collect::<FxHashSet<_>>().len();
        if group.verdict == Verdict::Incomparable {
            described.summary.per_unit = described.one_per_unit().0;
        }
        described
    }

    fn group_claims(&self) -> Vec<GroupClaim> {
        self.claims
            .iter()
            .zip(&self.named)
            .map(|(s, named)| GroupClaim {
                id: s.id.clone(),
                source: named.file.clone(),
                figure: s.figure.text.clone(),
                interval: s.figure.interval,
                published: named.published.clone(),
                kind: s.figure.kind,
                currency: s.figure.currency,
                in_quote: s.figure.start..s.figure.end,
            })
            .collect()
    }

    /// Which of two claims comes from the newer source: dated beats undated, dates sort as text,
    /// and between claims of one date the later row is newer.
    fn newer(&self, a: usize, b: usize) -> Ordering {
        (self.named[a].published.as_deref(), a).cmp(&(self.named[b].published.as_deref(), b))
    }

    /// The newest of `candidates` (see `newer`).
    fn newest(&self, candidates: impl Iterator<Item = usize>) -> usize {
        candidates.max_by(|&a, &b| self.newer(a, b)).unwrap_or(0)
    }

    /// One claim in words; `units` names what its figure counts (for groups in several units).
    fn describe(&self, index: usize, units: bool) -> String {
        let claim = self.claims[index];
        let named = &self.named[index];
        let date = named.published.as_deref().map_or("no publication date".to_string(), |p| format!("published {p}"));
        let unit = if units { unit_of(claim) } else { String::new() };
        format!("{} ({}, {date}) says `{}` {}{unit}", claim.id, named.name, claim.figure.text, claim.figure.interval)
    }

    /// `describe`, with cells too long for a summed-up finding cut short.
    fn describe_clipped(&self, index: usize, units: bool) -> String {
        let claim = self.claims[index];
        let named = &self.named[index];
        let date = named.published.as_deref().map_or("no publication date".to_string(), |p| format!("published {}", clipped(p)));
        let unit = if units { unit_of(claim) } else { String::new() };
        format!("{} ({}, {date}) says `{}` {}{unit}", clipped(&claim.id), clipped(&named.name), clipped(&claim.figure.text), claim.figure.interval)
    }

    /// Which source is newer, in words, honest about undated sources and about claims that share
    /// one. `list` writes a list of source names with a separator.
    fn recency(&self, list: impl Fn(&[&str], &str) -> String) -> String {
        let mut dates: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for named in &self.named {
            dates.insert(&named.name, named.published.as_deref());
        }
        if dates.len() == 1 {
            return format!("all of them come from {}", list(&[&self.named[0].name], ", "));
        }
        let undated: Vec<&str> = dates.iter().filter(|(_, date)| date.is_none()).map(|(name, _)| *name).collect();
        let undated_note = match undated.as_slice() {
            [] => String::new(),
            [one] => format!("; {} has no publication date in the manifest", list(&[one], ", ")),
            several => format!("; {} have no publication date in the manifest", list(several, ", ")),
        };
        let dated: Vec<(&str, &str)> = dates.iter().filter_map(|(name, date)| date.map(|d| (*name, d))).collect();
        let Some(newest) = dated.iter().map(|(_, date)| *date).max() else {
            return "no source has a publication date in the manifest, so which is newer is unknown".to_string();
        };
        let at_newest: Vec<&str> = dated.iter().filter(|(_, date)| *date == newest).map(|(name, _)| *name).collect();
        match (dated.len(), at_newest.as_slice()) {
            (1, [only]) => format!("only {} is dated ({newest}){undated_note}, so which is newer is unknown", list(&[only], ", ")),
            (_, [one]) => format!("the newest source is {} ({newest}){undated_note}", list(&[one], ", ")),
            (_, several) => format!("{} share the newest publication date ({newest}){undated_note}", list(several, " and ")),
        }
    }

    /// The group's finding: every claim listed while the group is small, else the claims that
    /// speak for it.
    fn finding(&self, group: &Group) -> Finding {
        if self.claims.len() <= LISTED_CLAIMS {
            let listed = self.listed_finding(group);
            if listed.message.chars().count() + listed.notes.iter().map(|n| n.chars().count() + 1).sum::<usize>() < FINDING_CHARS {
                return listed;
            }
        }
        self.summed_up_finding(group)
    }

    fn how(group: &Group) -> (Code, &'static str) {
        match group.verdict {
            Verdict::Conflict => (Code::FigureConflict, "contradict each other: their intervals are disjoint"),
            Verdict::Incomparable => (Code::FigureIncomparable, "are in different units, so their figures are not compared"),
            _ => (Code::FigureImprecise, "are compatible but differ in precision"),
        }
    }

    /// Placed at the newest claim's row, the others listed in the notes.
    fn listed_finding(&self, group: &Group) -> Finding {
        let (code, how) = Self::how(group);
        let newest = self.newest(0..self.claims.len());
        let units = group.verdict == Verdict::Incomparable;
        let all: Vec<String> = (0..self.claims.len()).map(|i| self.describe(i, units)).collect();
        let list = |names: &[&str], separator: &str| names.join(separator);
        let message = format!("{} claims on {} / {} {how}: {}; {}", self.claims.len(), group.subject(), group.measure(), all.join("; "), self.recency(list));
        let others: Vec<usize> = (0..self.claims.len()).filter(|&i| i != newest).collect();
        self.placed(code, message, newest, &others, |i| self.describe(i, units))
    }

    /// The finding of a large group: the lowest and the highest figure and, for a conflict, the
    /// two claims that prove it, newest source first; placed at the newest of them. Every cell
    /// quoted is cut short, so the finding stays readable whatever the group's size.
    fn summed_up_finding(&self, group: &Group) -> Finding {
        let (code, how) = Self::how(group);
        let units = group.verdict == Verdict::Incomparable;
        let (mut named, proof, extremes) = if units { self.one_per_unit() } else { self.extremes() };
        let mut seen = Vec::new();
        named.retain(|i| !seen.contains(i) && { seen.push(*i); true });
        let list = |names: &[&str], separator: &str| {
            let shown: Vec<String> = names.iter().take(LISTED_NAMES).map(|n| clipped(n)).collect();
            match names.len().saturating_sub(LISTED_NAMES) {
                0 => shown.join(separator),
                more => format!("{} and {more} more", shown.join(", ")),
            }
        };
        let n = self.claims.len();
        let message = format!(
            "{n} claims from {} on {} / {} {how}: {proof}{extremes}; {}",
            crate::render::plural(self.summary.sources, "source"),
            clipped(group.subject()),
            clipped(group.measure()),
            self.recency(list)
        );
        let place = self.newest(named.iter().copied());
        let others: Vec<usize> = named.iter().copied().filter(|&i| i != place).collect();
        let mut finding = self.placed(code, message, place, &others, |i| self.describe_clipped(i, units));
        finding.notes.push(format!(
            "the group's other {} claims are listed under `disagreements` in the JSON report (`--format json`)",
            n - named.len()
        ));
        finding
    }

    /// The claims that speak for a group in one unit: the pair proving a conflict (newest source
    /// first) and the lowest and highest figure; with the words for them.
    fn extremes(&self) -> (Vec<usize>, String, String) {
        let Extremes { lowest, highest, ends_first, starts_last } = self.summary.extremes;
        let mut named = vec![lowest, highest];
        let mut proof = String::new();
        if let (Some(a), Some(b)) = (ends_first, starts_last) {
            let [newer, older] = if self.newer(a, b) == Ordering::Less { [b, a] } else { [a, b] };
            proof = format!("{} and {} cannot both hold; ", self.describe_clipped(newer, false), self.describe_clipped(older, false));
            named.splice(0..0, [newer, older]);
        }
        let extremes = if lowest == highest {
            format!("lowest and highest: {}", self.describe_clipped(lowest, false))
        } else {
            format!("lowest: {}; highest: {}", self.describe_clipped(lowest, false), self.describe_clipped(highest, false))
        };
        (named, proof, extremes)
    }

    /// The claims that speak for a group in several units: the newest claim of each unit, for
    /// the first few units in the group's order; with the words for them.
    fn one_per_unit(&self) -> (Vec<usize>, String, String) {
        let mut newest_of: Vec<(_, usize)> = Vec::new();
        for (i, claim) in self.claims.iter().enumerate() {
            let unit = claim.figure.unit_key();
            match newest_of.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, best)) if self.newer(i, *best) == Ordering::Greater => *best = i,
                Some(_) => {}
                None => newest_of.push((unit, i)),
            }
        }
        let named: Vec<usize> = newest_of.iter().take(LISTED_UNITS).map(|(_, i)| *i).collect();
        let mut words: Vec<String> = named.iter().map(|&i| self.describe_clipped(i, true)).collect();
        if newest_of.len() > LISTED_UNITS {
            words.push(format!("and claims in {} more units", newest_of.len() - LISTED_UNITS));
        }
        (named, String::new(), words.join("; "))
    }

    /// A finding at the row of claim `place`, pointing at its figure, with the `others` in notes.
    fn placed(&self, code: Code, message: String, place: usize, others: &[usize], describe: impl Fn(usize) -> String) -> Finding {
        let stated = self.claims[place];
        let mut finding = stated.finding(code, message).in_column("value");
        finding.region = stated.value_region;
        if let Some(span) = stated.source_span() {
            finding = finding.pointing_at(span, format!("`{}` {}", clipped(&stated.figure.text), stated.figure.interval));
        }
        for &i in others {
            let other = self.claims[i];
            finding.notes.push(format!("{}, {} row {}", describe(i), other.claims_file, other.row));
        }
        finding
    }
}

/// What a claim's figure counts, for groups in several units: ` (money, USD)`, ` (measure, km)`.
fn unit_of(claim: &Stated) -> String {
    let figure = &claim.figure;
    match (figure.kind, figure.currency, figure.unit) {
        (Kind::Money, Some(code), _) => format!(" (money, {code})"),
        (Kind::Money, None, _) => " (money, currency not named)".to_string(),
        (kind, _, Some(name)) => format!(" ({}, {name})", kind.name()),
        (kind, _, None) => format!(" ({})", kind.name()),
    }
}

