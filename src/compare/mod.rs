//! Comparing: figure claims grouped by subject and measure, each group's verdict, reviews
//! applied, and the `figure-imprecise` / `figure-conflict` findings.

pub mod groups;
pub mod reviews;
pub mod stated;

use crate::figures::{Interval, Kind};
use crate::findings::{Code, Finding};
use crate::load::sources::SourceSet;
use groups::{Group, Verdict, group};
use reviews::Review;
use serde::Serialize;
use stated::Stated;
use std::collections::BTreeMap;

/// One group of the report's `disagreements`, agreeing groups included.
#[derive(Debug, Clone, Serialize)]
pub struct Disagreement {
    pub subject: String,
    pub measure: String,
    pub verdict: Verdict,
    pub claims: Vec<GroupClaim>,
    /// The reason of the review covering this verdict, when one does.
    pub reviewed: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupClaim {
    pub id: String,
    /// The `source` cell as written.
    pub source: String,
    /// The figure as the quote states it.
    pub figure: String,
    #[serde(flatten)]
    pub interval: Interval,
    /// Publication date from the sources manifest.
    pub published: Option<String>,
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
    let mut findings = Vec::new();
    let mut used = vec![false; reviews.len()];
    let mut disagreements = Vec::with_capacity(groups.len());
    for group in &groups {
        let matching: Vec<(usize, &Review)> = reviews.iter().enumerate().filter(|(_, r)| r.key == group.key).collect();
        for (index, _) in &matching {
            used[*index] = true;
        }
        let covering = matching.iter().map(|(_, r)| *r).find(|r| r.verdict == group.verdict);
        let described = Described::new(group, sources);
        if group.verdict == Verdict::Agree {
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
        } else {
            let mut finding = described.finding(group);
            match covering {
                Some(review) => {
                    finding.code = Code::FigureReviewed;
                    finding.severity = Code::FigureReviewed.default_severity();
                    finding.message = format!("reviewed ({}): {}", review.reason, finding.message);
                    finding.notes.push(format!("accepted as `{}` in {}: {}", review.verdict.name(), review.place(), review.reason));
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
        }
        disagreements.push(Disagreement {
            subject: group.subject().to_string(),
            measure: group.measure().to_string(),
            verdict: group.verdict,
            claims: described.claims,
            reviewed: covering.map(|r| r.reason.clone()),
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

/// A group's claims with their sources' names and dates, for messages and the report.
struct Described {
    claims: Vec<GroupClaim>,
    /// The manifest id (or file name) of each claim's source.
    names: Vec<String>,
    /// The unit of each claim's figure ("km", "percentage point"), when it has one.
    units: Vec<Option<&'static str>>,
}

impl Described {
    fn new(group: &Group, sources: &SourceSet) -> Self {
        let mut claims = Vec::new();
        let mut names = Vec::new();
        let mut units = Vec::new();
        for s in &group.claims {
            units.push(s.figure.unit);
            let info = s.file.as_deref().and_then(|file| sources.info(file));
            let published = info.map(|i| i.published.clone()).filter(|p| !p.is_empty());
            let name = info.map(|i| i.id.clone()).filter(|id| !id.is_empty()).or_else(|| s.file.clone()).unwrap_or_else(|| s.claim.source.clone());
            names.push(name);
            claims.push(GroupClaim {
                id: s.claim.id.clone(),
                // As findings do: the file the offsets index, when the name resolved to one.
                source: s.file.clone().unwrap_or_else(|| s.claim.source.clone()),
                figure: s.figure.text.clone(),
                interval: s.figure.interval,
                published,
                kind: s.figure.kind,
                currency: s.figure.currency,
                in_quote: s.figure.start..s.figure.end,
            });
        }
        Described { claims, names, units }
    }

    /// The newest dated claim (dates sort as text), or the last claim when none is dated.
    fn newest(&self) -> usize {
        self.claims
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.published.as_ref().map(|p| (p, i)))
            .max()
            .map_or(self.claims.len() - 1, |(_, i)| i)
    }

    /// One claim in words; `units` names what its figure counts (for groups in several units).
    fn describe(&self, index: usize, units: bool) -> String {
        let claim = &self.claims[index];
        let date = claim.published.as_deref().map_or("no publication date".to_string(), |p| format!("published {p}"));
        let unit = match (units, claim.kind, claim.currency, &self.units[index]) {
            (false, ..) => String::new(),
            (true, Kind::Money, Some(code), _) => format!(" (money, {code})"),
            (true, Kind::Money, None, _) => " (money, currency not named)".to_string(),
            (true, kind, _, Some(name)) => format!(" ({}, {name})", kind.name()),
            (true, kind, _, None) => format!(" ({})", kind.name()),
        };
        format!("{} ({}, {date}) says `{}` {}{unit}", claim.id, self.names[index], claim.figure, claim.interval)
    }

    /// Which source is newer, in words, honest about undated sources and about claims that share one.
    fn recency(&self) -> String {
        let mut dates: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for (name, claim) in self.names.iter().zip(&self.claims) {
            dates.insert(name, claim.published.as_deref());
        }
        if dates.len() == 1 {
            return format!("all of them come from {}", self.names[0]);
        }
        let undated: Vec<&str> = dates.iter().filter(|(_, date)| date.is_none()).map(|(name, _)| *name).collect();
        let undated_note = match undated.as_slice() {
            [] => String::new(),
            [one] => format!("; {one} has no publication date in the manifest"),
            several => format!("; {} have no publication date in the manifest", several.join(", ")),
        };
        let dated: Vec<(&str, &str)> = dates.iter().filter_map(|(name, date)| date.map(|d| (*name, d))).collect();
        let Some(newest) = dated.iter().map(|(_, date)| *date).max() else {
            return "no source has a publication date in the manifest, so which is newer is unknown".to_string();
        };
        let at_newest: Vec<&str> = dated.iter().filter(|(_, date)| *date == newest).map(|(name, _)| *name).collect();
        match (dated.len(), at_newest.as_slice()) {
            (1, [only]) => format!("only {only} is dated ({newest}){undated_note}, so which is newer is unknown"),
            (_, [one]) => format!("the newest source is {one} ({newest}){undated_note}"),
            (_, several) => format!("{} share the newest publication date ({newest}){undated_note}", several.join(" and ")),
        }
    }

    /// The group's finding, placed at the newest claim's row, the others listed in the notes.
    fn finding(&self, group: &Group) -> Finding {
        let (code, how) = match group.verdict {
            Verdict::Conflict => (Code::FigureConflict, "contradict each other: their intervals are disjoint"),
            Verdict::Incomparable => (Code::FigureIncomparable, "are in different units, so their figures are not compared"),
            _ => (Code::FigureImprecise, "are compatible but differ in precision"),
        };
        let newest = self.newest();
        let stated = &group.claims[newest];
        let units = group.verdict == Verdict::Incomparable;
        let all: Vec<String> = (0..self.claims.len()).map(|i| self.describe(i, units)).collect();
        let message = format!("{} claims on {} / {} {how}: {}; {}", self.claims.len(), group.subject(), group.measure(), all.join("; "), self.recency());
        let mut finding = stated.claim.finding(code, message).in_column("value");
        finding.region = stated.value_region;
        if let Some(span) = stated.span.clone() {
            finding = finding.pointing_at(span, format!("`{}` {}", stated.figure.text, stated.figure.interval));
        }
        for (i, other) in group.claims.iter().enumerate().filter(|(i, _)| *i != newest) {
            finding.notes.push(format!("{}, {} row {}", self.describe(i, units), other.claim.file, other.claim.row));
        }
        finding
    }
}
