//! Locating: does each claim's quote still stand at its recorded offsets, and if not, where is it?
//!
//! `locate` runs the tiered search (exact, folded typography, approximate) and ranks the places it
//! finds; this module turns the outcome into the claim's `span-*` finding, with the suggestion
//! `claimcheck fix` applies and, for edited text, a word diff.

pub mod context;
pub mod diff;
pub mod fold;
pub mod fuzzy;
pub mod indexes;
pub mod locate;
pub mod marks;
pub mod shift;

use crate::findings::{Code, Finding, NOTE_CHARS, SourceSpan, Suggestion, clipped, clipped_to, listed};
use crate::load::claims::Claim;
use crate::load::text::SourceText;
use indexes::Indexes;
use locate::{Candidate, Decided, Located, MAX_WEIGHED_COPIES, Missing, Query, Tier};
use shift::{Placement, SourceKey, Unsettled, Verdict};
use std::ops::Range;
use std::sync::Arc;

/// How a claim's span stands in its source.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanCheck {
    /// Where the quote is now, when it could be placed (code points).
    pub anchor: Option<Range<usize>>,
    pub finding: Option<Finding>,
    /// What placed the claim, when it was placed (at its offsets: `Only`).
    pub decided: Option<Decided>,
    /// For a quote standing as written (or up to typography) at several places nothing about
    /// the claim tells apart: the places, for the other claims of its source to settle
    /// (see `shift`).
    pub unsettled: Option<Box<Unsettled>>,
}

impl SpanCheck {
    fn ok(anchor: Range<usize>) -> Self {
        SpanCheck { anchor: Some(anchor), finding: None, decided: Some(Decided::Only), unsettled: None }
    }

    fn unplaced(finding: Finding) -> Self {
        SpanCheck { anchor: None, finding: Some(finding), decided: None, unsettled: None }
    }

    /// What this check tells of how the source moved around the claim: where a quote recorded
    /// at `recorded` stands now, when it was placed for certain (as written or up to
    /// typography, at one place or where its context decides).
    pub fn placement(&self, source: SourceKey, recorded: &Offsets) -> Option<Placement> {
        let (Offsets::Given(recorded), Some(anchor), Some(decided)) = (recorded, &self.anchor, self.decided) else {
            return None;
        };
        if self.finding.as_ref().is_some_and(|f| f.code == Code::SpanInvalid) {
            return None;
        }
        // Only quotes standing as written or up to typography have an anchor.
        Placement::of(source, recorded, Tier::Exact, decided, anchor)
    }
}

/// The recorded offsets of a claim, read from their cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offsets {
    Blank,
    Given(Range<usize>),
    /// Why the cells cannot be offsets, and which column is at fault.
    Invalid {
        column: &'static str,
        reason: String,
    },
}

impl Offsets {
    pub fn parse(start: &str, end: &str) -> Offsets {
        let number = |column: &'static str, cell: &str| {
            offset_number(cell).ok_or_else(|| Offsets::Invalid {
                column,
                reason: if is_digits(cell) {
                    format!("`{column}` is `{cell}`, too large to be an offset: no source is that long")
                } else {
                    format!("`{column}` is `{cell}`, not a whole number of code points")
                },
            })
        };
        match (start.is_empty(), end.is_empty()) {
            (true, true) => Offsets::Blank,
            (true, false) => Offsets::Invalid { column: "start", reason: "`start` is blank but `end` is not: give both or neither".into() },
            (false, true) => Offsets::Invalid { column: "end", reason: "`end` is blank but `start` is not: give both or neither".into() },
            (false, false) => match (number("start", start), number("end", end)) {
                (Err(invalid), _) | (_, Err(invalid)) => invalid,
                (Ok(start), Ok(end)) if start > end => Offsets::Invalid { column: "start", reason: format!("`start` ({start}) is after `end` ({end})") },
                (Ok(start), Ok(end)) => Offsets::Given(start..end),
            },
        }
    }
}

/// An offset cell read as a number: ASCII digits only (no sign, no spaces, no `_`), and small
/// enough for the machine; `None` otherwise.
pub fn offset_number(cell: &str) -> Option<usize> {
    if is_digits(cell) { cell.parse().ok() } else { None }
}

fn is_digits(cell: &str) -> bool {
    !cell.is_empty() && cell.bytes().all(|b| b.is_ascii_digit())
}

/// Checks spans claim after claim, keeping the folded sources it searched within a memory budget
/// (see `indexes`). Clones share them: threads checking batches of one run fold a source once
/// while it stays in the cache.
#[derive(Default, Clone)]
pub struct Anchorer {
    indexes: Arc<Indexes>,
}

impl Anchorer {
    /// Checks the span of `claim` in `text`, the content of source file `file`.
    ///
    /// `anchor` is set only when the quote stands in the source as written or up to typography;
    /// an edited, ambiguous or missing quote has no anchor.
    pub fn check(&mut self, claim: &Claim, file: &str, text: &SourceText) -> SpanCheck {
        let recorded = match Offsets::parse(&claim.start, &claim.end) {
            Offsets::Invalid { column, reason } => {
                let finding = claim.finding(Code::SpanInvalid, format!("claim {} has unusable offsets: {reason}", claim.id)).in_column(column);
                return SpanCheck::unplaced(finding);
            }
            Offsets::Blank => None,
            Offsets::Given(range) if text.holds_at(range.clone(), &claim.quote) => {
                return SpanCheck::ok(range);
            }
            // Offsets past the end are searched from too: a shortened source still holds the
            // quotes it kept. They stay `span-invalid`, with the place found as the suggestion,
            // which `fix` applies when the quote stands there as written.
            Offsets::Given(range) => Some(range),
        };
        let query = Query { quote: &claim.quote, prefix: &claim.prefix, suffix: &claim.suffix, recorded };
        let located = locate::locate(&query, text, || self.indexes.get(file, text));
        let mut check = Report { claim, file, text, recorded: query.recorded.clone() }.span_check(located);
        if let (Some(recorded), Some(finding)) = (&query.recorded, check.finding.as_mut())
            && recorded.end > text.char_len()
            && finding.code != Code::SpanInvalid
        {
            finding.code = Code::SpanInvalid;
            finding.severity = Code::SpanInvalid.default_severity();
            finding.message = format!("claim {} ends at {}, past the end of `{file}` ({} code points); {}", clipped(&claim.id), recorded.end, text.char_len(), finding.message);
            finding.column = Some("end".to_string());
        }
        check
    }
}

impl Anchorer {
    /// The second look at the claims whose places nothing about them decided (`open`: each
    /// claim, its source file and text, and the places it left open), against where the claims
    /// placed for certain stand (`placements`): the new check of each claim the others settle
    /// at one place or whose context they contest, `None` for the rest.
    pub fn settle_all(&self, placements: Vec<Placement>, open: &[(&Claim, &str, &SourceText, &Unsettled)]) -> Vec<Option<SpanCheck>> {
        let weighed: Vec<(&SourceText, &Unsettled)> = open.iter().map(|&(_, _, text, unsettled)| (text, unsettled)).collect();
        // An edited variant is looked for only where a claim's neighbours point away from its
        // one copy: a few claims.
        let variant_at = |i: usize, at: Range<usize>| {
            let (claim, file, text, _) = open[i];
            let query = Query { quote: &claim.quote, prefix: &claim.prefix, suffix: &claim.suffix, recorded: None };
            locate::variant_at(&query, text, &self.indexes.get(file, text), &at)
        };
        let verdicts = shift::verdicts(placements, &weighed, variant_at);
        use rayon::prelude::*;
        open.par_iter().zip(verdicts).map(|(&(claim, file, text, unsettled), verdict)| Some(self.settle(claim, file, text, unsettled, verdict?))).collect()
    }

    /// The check of a claim whose places `unsettled` the claims around it decided (`verdict`):
    /// settled at one, or ambiguous when they contest its context.
    fn settle(&self, claim: &Claim, file: &str, text: &SourceText, unsettled: &Unsettled, verdict: Verdict) -> SpanCheck {
        let report = || Report { claim, file, text, recorded: Some(unsettled.recorded.clone()) };
        // Ambiguous among all its places, with a note saying what the claims around it showed.
        let ambiguous = |note: String| SpanCheck::unplaced(report().ambiguous(unsettled.closest_tier(), &unsettled.places, 0).with_note(note));
        match verdict {
            Verdict::Settled(place) => self.settled(claim, file, text, unsettled, place),
            Verdict::Suggested { place } => {
                let suggested = &unsettled.places[place].range;
                ambiguous(format!(
                    "the claims placed before and after it in this source moved apart (the text between them was edited), and only {}..{} lies where one of them moved to; but the edit may have taken the claim's own text, and that copy may have stood there already: if it is the claim's, set `start` and `end` to it, or add `prefix`/`suffix`",
                    suggested.start, suggested.end
                ))
            }
            Verdict::Stray { place } => SpanCheck::unplaced(report().missing(Missing::Stray { best: unsettled.places[place].clone() })),
            Verdict::SlidOver { place, unexplained } => SpanCheck::unplaced(report().missing(Missing::SlidOver { best: unsettled.places[place].clone(), unexplained })),
            Verdict::EditedInPlace { variant } => {
                let copy = &unsettled.places[unsettled.chosen.unwrap_or(0)];
                let mut places = vec![copy.clone(), variant.clone()];
                places.sort_by_key(|place| place.range.start);
                let finding = report().ambiguous(copy.tier, &places, 0).with_note(format!(
                    "its quote stands {} only at {}..{}, but the claims placed around it in this source moved as if its own text stood at {}..{}, where it now reads edited: only `prefix`/`suffix` can say which one it means",
                    if copy.tier == Tier::Folded { "up to typography" } else { "as written" },
                    copy.range.start, copy.range.end, variant.range.start, variant.range.end
                ));
                SpanCheck::unplaced(finding)
            }
            Verdict::Inside { place, passage, was } if unsettled.places.len() == 1 => {
                SpanCheck::unplaced(report().missing(Missing::InsideAnother { best: unsettled.places[place].clone(), passage, was }))
            }
            Verdict::Inside { place, passage, was } => {
                let chosen = &unsettled.places[place].range;
                ambiguous(format!(
                    "its `prefix`/`suffix` fit {}..{}, but that lies inside the passage another claim of this source quotes, placed for certain at {}..{}, where it stood at {was} when this claim was recorded at {}: it is that passage's own text",
                    chosen.start, chosen.end, passage.start, passage.end, unsettled.recorded.start
                ))
            }
            Verdict::Unexplained { chosen } => {
                let chosen = &unsettled.places[chosen].range;
                ambiguous(format!(
                    "its `prefix`/`suffix` fit {}..{} best, but not enough to decide alone (another copy fits one side as well, or this one fits less than exactly), and no claim placed around it in this source moved as if it stood there",
                    chosen.start, chosen.end
                ))
            }
            Verdict::LeftBehind { chosen } => {
                let chosen = &unsettled.places[chosen].range;
                ambiguous(format!(
                    "its `prefix`/`suffix` fit {}..{}, but the claims placed before and after it in this source moved apart as text went from between them, which may have held the claim's own passage, and neither moved as if it stood at that copy: it may be another passage of the same words",
                    chosen.start, chosen.end
                ))
            }
            Verdict::LeftInPlace { chosen, left } => {
                let (chosen, left) = (&unsettled.places[chosen].range, &unsettled.places[left].range);
                ambiguous(format!(
                    "its `prefix`/`suffix` fit {}..{}, where the claims placed nearest it in this source moved, but the claims beyond them moved as if it stood at {}..{}, which holds the quote too: the nearest claims may stand on another passage of the same words, their own rewritten",
                    chosen.start, chosen.end, left.start, left.end
                ))
            }
            Verdict::StoodThere { chosen, was, between } => {
                let chosen = &unsettled.places[chosen].range;
                ambiguous(format!(
                    "its `prefix`/`suffix` fit {}..{}, but the claims placed around that copy in this source ({}..{}) moved alike, so it stood at {was} when this claim was recorded at {}: it is another passage of the same words",
                    chosen.start, chosen.end, between.start, between.end, unsettled.recorded.start
                ))
            }
            Verdict::Contested { chosen, shifted } => {
                let (chosen, by_shift) = (&unsettled.places[chosen].range, &unsettled.places[shifted].range);
                let why = match *chosen == unsettled.recorded {
                    true => "its copy up to typography lies over its offsets at",
                    false => "its `prefix`/`suffix` fit",
                };
                ambiguous(format!("{why} {}..{}, but the claims placed around it in this source moved as if it stood at {}..{}", chosen.start, chosen.end, by_shift.start, by_shift.end))
            }
        }
    }

    fn settled(&self, claim: &Claim, file: &str, text: &SourceText, unsettled: &Unsettled, place: usize) -> SpanCheck {
        let best = unsettled.places[place].clone();
        Report { claim, file, text, recorded: Some(unsettled.recorded.clone()) }.span_check(Located::Found {
            tier: best.tier,
            best,
            decided: Decided::Neighbours,
            rivals: Vec::new(),
        })
    }
}

/// Writes the finding for one located claim.
struct Report<'a> {
    claim: &'a Claim,
    file: &'a str,
    text: &'a SourceText,
    recorded: Option<Range<usize>>,
}

impl Report<'_> {
    fn span(&self, range: &Range<usize>) -> SourceSpan {
        SourceSpan { source: self.file.to_string(), start: range.start, end: range.end }
    }

    fn now_reads(&self, range: &Range<usize>) -> String {
        self.text.slice(range.clone()).unwrap_or_default().to_string()
    }

    fn suggest(&self, finding: Finding, range: &Range<usize>) -> Finding {
        let mut finding = finding;
        finding.suggestion = Some(Suggestion { start: range.start, end: range.end, quote: self.now_reads(range) });
        finding
    }

    fn span_check(&self, located: Located) -> SpanCheck {
        let claim = self.claim;
        let id = &claim.id;
        let unsettled = Unsettled::of(&located, self.recorded.clone());
        let (tier, best, decided) = match located {
            Located::Found { tier, best, decided, .. } => (tier, best, decided),
            Located::Ambiguous { tier, candidates, unlisted } => {
                return SpanCheck { unsettled, ..SpanCheck::unplaced(self.ambiguous(tier, &candidates, unlisted)) };
            }
            Located::Missing(why) => return SpanCheck::unplaced(self.missing(why)),
        };
        let range = &best.range;
        let finding = match (tier, &self.recorded) {
            (Tier::Fuzzy, _) => {
                let finding = self.with_decision(self.edited(&best), decided);
                return SpanCheck { anchor: None, finding: Some(finding), decided: Some(decided), unsettled };
            }
            (tier, None) => {
                let mut finding = claim
                    .finding(Code::SpanUnanchored, format!("claim {id} has no offsets yet; its quote stands at {}..{}", range.start, range.end))
                    .in_column("start")
                    .pointing_at(self.span(range), "the quote stands here");
                if tier == Tier::Folded {
                    finding = finding.with_note(format!("the source writes it with other typography: {}", noted(&self.now_reads(range))));
                }
                self.suggest(finding, range)
            }
            (Tier::Exact, Some(recorded)) => {
                let message = format!("the quote of claim {id} moved from {}..{} to {}..{}", recorded.start, recorded.end, range.start, range.end);
                let finding = claim.finding(Code::SpanMoved, message).pointing_at(self.span(range), "the quote stands here now");
                self.suggest(finding, range)
            }
            (Tier::Folded, Some(recorded)) => {
                let place = if range == recorded { "at its offsets".to_string() } else { format!("at {}..{}", range.start, range.end) };
                let message = format!("the quote of claim {id} matches {place} only after folding quotes, dashes, spaces and compatibility characters");
                let finding = claim
                    .finding(Code::SpanNormalized, message)
                    .pointing_at(self.span(range), "the same words, typeset differently")
                    .with_note(format!("recorded: {}", noted(&claim.quote)))
                    .with_note(format!("  source: {}", noted(&self.now_reads(range))));
                self.suggest(finding, range)
            }
        };
        let finding = self.with_decision(finding, decided);
        let finding = match (tier, &self.recorded) {
            _ if decided == Decided::Neighbours => finding.with_note(
                "`claimcheck fix` leaves it, as only the other claims tie it to this copy: set `start` and `end` to the suggestion, or add `prefix`/`suffix`",
            ),
            _ if decided == Decided::OneSide => finding.with_note(
                "`claimcheck fix` leaves it, as the other copy may be the claim's own text with its surroundings edited: set `start` and `end` to the suggestion, or extend `prefix`/`suffix`",
            ),
            _ if decided == Decided::Offsets => finding.with_note(
                "the quote stands at several places up to typography; this one lies exactly over its offsets. `claimcheck fix` leaves it: set `quote` to the source's typography by hand",
            ),
            (Tier::Folded, Some(_)) => finding.with_note("`claimcheck fix` copies the source's typography into `quote` and updates the offsets"),
            (_, Some(_)) => finding.with_note("`claimcheck fix` updates the offsets"),
            (_, None) => finding.with_note("`claimcheck fix` fills the offsets"),
        };
        SpanCheck { anchor: Some(best.range), finding: Some(finding), decided: Some(decided), unsettled }
    }

    /// Says what placed the claim when it was more than the quote standing at one place.
    fn with_decision(&self, finding: Finding, decided: Decided) -> Finding {
        match decided {
            // One place, or an edit in place (the common case): the finding says enough.
            Decided::Only | Decided::Offsets => finding,
            Decided::Context => finding.with_note("the quote stands at several places, or looks like several; its `prefix`/`suffix` fit this one only"),
            Decided::OneSide => finding.with_note(
                "the quote stands at several places; its `prefix`/`suffix` fit this one best by one side only, while a copy nearer its offsets shares the other side, and the claims placed before and after it in this source moved as if it stood here",
            ),
            Decided::Similarity => finding.with_note("no other text comes close to the quote"),
            Decided::Neighbours => finding.with_note("the quote stands at several places; only this one lies where the claims placed before and after it in this source moved"),
        }
    }

    fn edited(&self, best: &Candidate) -> Finding {
        let (claim, range) = (self.claim, &best.range);
        let now = self.now_reads(range);
        let diff = diff::word_diff(&claim.quote, &now);
        let percent = (best.similarity * 100.0).floor();
        let was = match &self.recorded {
            Some(recorded) => format!("recorded at {}..{}", recorded.start, recorded.end),
            None => "not anchored yet".to_string(),
        };
        let message = format!(
            "the quote of claim {} ({was}) now reads differently in `{}` at {}..{} ({percent}% similar, {} edit{})",
            claim.id,
            self.file,
            range.start,
            range.end,
            best.errors,
            if best.errors == 1 { "" } else { "s" }
        );
        let mut finding = claim.finding(Code::SpanEdited, message).pointing_at(self.span(range), "the text there now").with_note(format!("diff: {}", noted(&diff.inline)));
        for change in diff.changes.iter().filter(|c| c.is_figure()) {
            let old = if change.old.is_empty() { "(nothing)" } else { &change.old };
            let new = if change.new.is_empty() { "(nothing)" } else { &change.new };
            finding = finding.with_note(format!("the figure changed: {old} → {new}"));
        }
        let finding = finding.with_note("check the new text; if the claim still holds, set `quote`, `start` and `end` to the suggestion");
        self.suggest(finding, range)
    }

    fn ambiguous(&self, tier: Tier, candidates: &[Candidate], unlisted: usize) -> Finding {
        let claim = self.claim;
        // Copies listed with an edited variant (a passage edited in place) say which is which.
        let edited = tier != Tier::Fuzzy && candidates.iter().any(|c| c.tier == Tier::Fuzzy);
        let count = candidates.len() + unlisted;
        let places = listed(candidates.iter().map(|c| format!("{}..{}{}", c.range.start, c.range.end, if edited && c.tier == Tier::Fuzzy { " (edited)" } else { "" })), count);
        let has = |tier: Tier| candidates.iter().any(|c| c.tier == tier);
        let how = match tier {
            _ if edited && (has(Tier::Exact) && has(Tier::Folded)) => "as written, up to typography or edited",
            _ if edited && has(Tier::Exact) => "as written or edited",
            _ if edited => "up to typography or edited",
            Tier::Exact if has(Tier::Folded) => "as written or up to typography",
            Tier::Exact => "as written",
            Tier::Folded => "up to typography",
            Tier::Fuzzy => "approximately",
        };
        let now = if self.recorded.is_some() { "left its offsets and now stands" } else { "stands" };
        let message = format!("the quote of claim {} {now} {how} at {count} places in `{}`: {places}", claim.id, self.file);
        let note = match count > MAX_WEIGHED_COPIES {
            true => format!("context and offsets are weighed among at most {MAX_WEIGHED_COPIES} places: quote a longer passage, or set the offsets by hand"),
            false => "nothing tells them apart: add `prefix`/`suffix` context, or set the offsets by hand".to_string(),
        };
        claim.finding(Code::SpanAmbiguous, message).pointing_at(self.span(&candidates[0].range), "first of the places").with_note(note)
    }

    fn missing(&self, why: Missing) -> Finding {
        let claim = self.claim;
        let percent = |c: &Candidate| (c.similarity * 100.0).floor();
        let reason = match &why {
            Missing::TooLong { quote, source } => format!(
                "it is not there as written or up to typography, and a quote of {quote} characters is too long to look for approximately in a source of {source}: quote a shorter span"
            ),
            Missing::TooShort => format!(
                "it is not there as written or up to typography, and a quote under {} characters is placed approximately only where its `prefix` and `suffix` both fit one place",
                locate::MIN_FUZZY_CHARS
            ),
            Missing::NothingClose => format!("no text in it is even {:.0}% similar", locate::MIN_SIMILARITY * 100.0),
            Missing::LookAlikes { best, others } => format!(
                "the closest text, at {}..{} ({}% similar), has {others} look-alike{} nearly as close (rows or passages of one shape), so it may be a sibling of the lost passage rather than the passage itself",
                best.range.start,
                best.range.end,
                percent(best),
                if *others == 1 { "" } else { "s" }
            ),
            Missing::BesideEdited { best, edited } => format!(
                "the closest text, at {}..{} ({}% similar), lies mostly beside its offsets, and the text over them, at {}..{} ({}% similar), may be the claim's own passage edited further, so the closer text may be a sibling beside it (rows or entries of one shape)",
                best.range.start,
                best.range.end,
                percent(best),
                edited.range.start,
                edited.range.end,
                percent(edited)
            ),
            Missing::SlidOver { best, unexplained } => format!(
                "the closest text, at {}..{} ({}% similar), lies {}, but the claims placed before and after it in this source moved {} characters {} than that edit explains: text was {} next to it, so that passage may be a sibling that took the place of the claim's own",
                best.range.start,
                best.range.end,
                percent(best),
                match self.recorded.as_ref().is_some_and(|recorded| locate::overlaps(recorded, &best.range)) {
                    true => "over its offsets",
                    false => "where the claims on one side of it moved to",
                },
                unexplained.unsigned_abs(),
                if *unexplained < 0 { "closer together" } else { "further apart" },
                if *unexplained < 0 { "removed" } else { "added" },
            ),
            Missing::Stray { best } if self.recorded.as_ref().is_some_and(|recorded| locate::overlaps(recorded, &best.range)) => {
                format!(
                    "the closest text, at {}..{} ({}% similar), lies over its offsets, but the claims placed nearest it in this source moved by other amounts: its own text, edited, would have moved with them, so that passage may be a sibling that slid over its offsets",
                    best.range.start,
                    best.range.end,
                    percent(best)
                )
            }
            Missing::Stray { best } => format!(
                "its `prefix`/`suffix` fit the text at {}..{} ({}% similar), but none of the claims placed nearest it in this source moved by as much: that text would have been moved away from them as well as edited, where a sibling passage of the same shape needs neither",
                best.range.start,
                best.range.end,
                percent(best)
            ),
            Missing::InsideAnother { best, passage, was } => format!(
                "its words stand {} only at {}..{}, inside the passage another claim of this source quotes, placed for certain at {}..{}; they stood at {was} within it when this claim was recorded at {}, so they are that passage's own text, and the claim's own is gone",
                if best.tier == Tier::Folded { "up to typography" } else { "as written" },
                best.range.start,
                best.range.end,
                passage.start,
                passage.end,
                self.recorded.as_ref().map_or(0, |recorded| recorded.start)
            ),
            Missing::Unsupported { best } => format!(
                "the closest text, at {}..{} ({}% similar), differs from it in figures or names, or its context does not fit, and neither the offsets nor `prefix`/`suffix` tie the claim to it",
                best.range.start,
                best.range.end,
                percent(best)
            ),
        };
        if let Some(recorded) = self.recorded.as_ref().filter(|r| r.end > self.text.char_len()) {
            let message = format!(
                "claim {} ends at {}, past the end of `{}` ({} code points), and its quote is not in it: {reason}",
                claim.id,
                recorded.end,
                self.file,
                self.text.char_len()
            );
            return claim.finding(Code::SpanInvalid, message).in_column("end");
        }
        let mut finding = claim.finding(Code::SpanMissing, format!("the quote of claim {} is no longer in `{}`: {reason}", claim.id, self.file));
        if let Some(recorded) = &self.recorded {
            finding = finding
                .pointing_at(self.span(recorded), "the recorded offsets now hold this text")
                .with_note(format!("expected: {}", noted(&claim.quote)))
                .with_note(format!("   found: {}", noted(&self.now_reads(recorded))));
        }
        finding.with_note("if the source was rewritten, re-quote the claim from the new text or remove it")
    }
}

/// `text` as a note quotes it: a quote of a megabyte makes a note a reader can read.
fn noted(text: &str) -> String {
    clipped_to(text, NOTE_CHARS)
}

/// The places `needle` occurs in `text`, overlapping ones included, in code points: the first
/// `keep` of them, and how many there are in all.
pub fn find_all(text: &SourceText, needle: &str, keep: usize) -> Occurrences {
    let needle_chars = needle.chars().count();
    let (first, count) = occurrences(text.as_str().as_bytes(), needle.as_bytes(), keep);
    let first = first
        .into_iter()
        .map(|at| {
            let start = text.char_of_byte(at);
            start..start + needle_chars
        })
        .collect();
    Occurrences { first, count }
}

/// What `find_all` found.
#[derive(Debug)]
pub struct Occurrences {
    /// The first places, by start.
    pub first: Vec<Range<usize>>,
    /// How many places there are, listed or not.
    pub count: usize,
}

/// Byte offsets of the first `keep` occurrences of `needle` in `haystack`, overlapping ones
/// included, and how many there are in all, in time linear in both. Copies overlap only where
/// the needle's start recurs at its end (a border: "PR lto/81968, PR lto/81968, PR lto/81925"
/// holds "lto/81968, PR lto" twice), and `memmem` steps past each occurrence; restarting it one
/// byte after each one instead costs the needle's length per copy, which a file of one repeated
/// character turns into hours. So a needle without a border is searched by `memmem` alone, and
/// one with a border is followed by its prefix function from each occurrence until no prefix of
/// it is in progress, where `memmem` takes over again. A match never starts inside a character:
/// the needle starts with a character's first byte.
fn occurrences(haystack: &[u8], needle: &[u8], keep: usize) -> (Vec<usize>, usize) {
    let mut found = Vec::new();
    let mut count = 0;
    let mut record = |at: usize| {
        if count < keep {
            found.push(at);
        }
        count += 1;
    };
    if needle.is_empty() {
        return (found, count);
    }
    let finder = memchr::memmem::Finder::new(needle);
    let borders = prefix_function(needle);
    if borders[needle.len() - 1] == 0 {
        finder.find_iter(haystack).for_each(&mut record);
        return (found, count);
    }
    let mut from = 0;
    while let Some(at) = haystack.get(from..).and_then(|rest| finder.find(rest)) {
        let start = from + at;
        record(start);
        // The longest prefix of the needle ending at the byte just read.
        let mut matched = borders[needle.len() - 1];
        let mut next = start + needle.len();
        while matched > 0 && next < haystack.len() {
            let byte = haystack[next];
            while matched > 0 && needle[matched] != byte {
                matched = borders[matched - 1];
            }
            if needle[matched] == byte {
                matched += 1;
            }
            next += 1;
            if matched == needle.len() {
                record(next - needle.len());
                matched = borders[matched - 1];
            }
        }
        from = next;
    }
    (found, count)
}

/// For each prefix of `pattern`, the length of its longest proper prefix that is also its
/// suffix (Knuth, Morris and Pratt).
fn prefix_function(pattern: &[u8]) -> Vec<usize> {
    let mut borders = vec![0; pattern.len()];
    let mut matched = 0;
    for at in 1..pattern.len() {
        while matched > 0 && pattern[at] != pattern[matched] {
            matched = borders[matched - 1];
        }
        if pattern[at] == pattern[matched] {
            matched += 1;
        }
        borders[at] = matched;
    }
    borders
}

#[cfg(test)]
mod tests {
    use super::occurrences;
    use proptest::prelude::*;

    fn naive(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
        (0..haystack.len()).filter(|&at| haystack[at..].starts_with(needle)).collect()
    }

    fn all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
        let (found, count) = occurrences(haystack, needle, usize::MAX);
        assert_eq!(found.len(), count);
        found
    }

    #[test]
    fn overlapping_copies_of_a_needle_with_a_border_are_all_found() {
        assert_eq!(all(b"aaaaa", b"aa"), vec![0, 1, 2, 3]);
        assert_eq!(all(b"abababa", b"aba"), vec![0, 2, 4]);
        assert_eq!(all(b"aabaabaab", b"aabaab"), vec![0, 3]);
        assert_eq!(all("PR lto/81968, PR lto/81968, PR lto/81925".as_bytes(), b"lto/81968, PR lto"), vec![3, 17]);
        assert_eq!(all("ééé".as_bytes(), "éé".as_bytes()), vec![0, 2]);
    }

    #[test]
    fn a_text_of_one_repeated_character_takes_linear_time() {
        // Restarting the search one byte after each copy would take about 2.5 * 10^11 steps.
        let haystack = vec![b'a'; 1_000_000];
        let needle = vec![b'a'; 500_000];
        let (first, count) = occurrences(&haystack, &needle, 3);
        assert_eq!((first, count), (vec![0, 1, 2], 500_001));
    }

    proptest! {
        // Texts over two or three letters make borders and overlapping copies common.
        #[test]
        fn every_occurrence_and_no_other(haystack in "[ab]{0,64}|[abc]{0,200}", needle in "[ab]{1,8}|[abc]{1,4}", keep in 0usize..8) {
            let expected = naive(haystack.as_bytes(), needle.as_bytes());
            let (first, count) = occurrences(haystack.as_bytes(), needle.as_bytes(), keep);
            prop_assert_eq!(count, expected.len());
            prop_assert_eq!(&first[..], &expected[..keep.min(expected.len())]);
        }
    }
}
