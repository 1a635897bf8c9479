//! Locating: does each claim's quote still stand at its recorded offsets, and if not, where is it?

use crate::findings::{Code, Finding, SourceSpan, Suggestion};
use crate::load::claims::Claim;
use crate::load::text::SourceText;
use std::ops::Range;

/// How a claim's span stands in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanCheck {
    /// Where the quote is now, when it could be placed (code points).
    pub anchor: Option<Range<usize>>,
    pub finding: Option<Finding>,
}

impl SpanCheck {
    fn ok(anchor: Range<usize>) -> Self {
        SpanCheck { anchor: Some(anchor), finding: None }
    }
}

/// The recorded offsets of a claim, read from their cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offsets {
    Blank,
    Given(Range<usize>),
    /// Why the cells cannot be offsets, and which column is at fault.
    Invalid { column: &'static str, reason: String },
}

impl Offsets {
    pub fn parse(start: &str, end: &str) -> Offsets {
        let number = |column: &'static str, cell: &str| {
            cell.parse::<usize>().map_err(|_| Offsets::Invalid {
                column,
                reason: format!("`{column}` is `{cell}`, not a whole number of code points"),
            })
        };
        match (start.is_empty(), end.is_empty()) {
            (true, true) => Offsets::Blank,
            (true, false) => Offsets::Invalid { column: "start", reason: "`start` is blank but `end` is not: give both or neither".into() },
            (false, true) => Offsets::Invalid { column: "end", reason: "`end` is blank but `start` is not: give both or neither".into() },
            (false, false) => match (number("start", start), number("end", end)) {
                (Err(invalid), _) | (_, Err(invalid)) => invalid,
                (Ok(start), Ok(end)) if start > end => {
                    Offsets::Invalid { column: "start", reason: format!("`start` ({start}) is after `end` ({end})") }
                }
                (Ok(start), Ok(end)) => Offsets::Given(start..end),
            },
        }
    }
}

/// Checks the span of `claim` in `text`, the content of source file `file`.
pub fn check(claim: &Claim, file: &str, text: &SourceText) -> SpanCheck {
    let span = |range: &Range<usize>| SourceSpan { source: file.to_string(), start: range.start, end: range.end };
    let recorded = match Offsets::parse(&claim.start, &claim.end) {
        Offsets::Invalid { column, reason } => {
            let finding = claim.finding(Code::SpanInvalid, format!("claim {} has unusable offsets: {reason}", claim.id)).in_column(column);
            return SpanCheck { anchor: None, finding: Some(finding) };
        }
        Offsets::Blank => return unanchored(claim, file, text),
        Offsets::Given(range) => range,
    };
    let Some(actual) = text.slice(recorded.clone()) else {
        let finding = claim
            .finding(
                Code::SpanInvalid,
                format!(
                    "claim {} ends at {}, past the end of `{file}` ({} code points)",
                    claim.id,
                    recorded.end,
                    text.char_len()
                ),
            )
            .in_column("end");
        return SpanCheck { anchor: None, finding: Some(finding) };
    };
    if actual == claim.quote {
        return SpanCheck::ok(recorded);
    }
    let occurrences = find_all(text, &claim.quote);
    match occurrences.as_slice() {
        [] => {
            let finding = claim
                .finding(Code::SpanMissing, format!("the quote of claim {} is no longer in `{file}`", claim.id))
                .pointing_at(span(&recorded), "the recorded offsets now hold this text")
                .with_note(format!("expected: {}", claim.quote))
                .with_note(format!("   found: {actual}"));
            SpanCheck { anchor: None, finding: Some(finding) }
        }
        [found] => {
            let mut finding = claim
                .finding(
                    Code::SpanMoved,
                    format!("the quote of claim {} moved from {}..{} to {}..{}", claim.id, recorded.start, recorded.end, found.start, found.end),
                )
                .pointing_at(span(found), "the quote stands here now")
                .with_note("`claimcheck fix` updates the offsets");
            finding.suggestion = Some(Suggestion { start: found.start, end: found.end, quote: claim.quote.clone() });
            SpanCheck { anchor: Some(found.clone()), finding: Some(finding) }
        }
        several => {
            let places: Vec<String> = several.iter().map(|r| format!("{}..{}", r.start, r.end)).collect();
            let finding = claim
                .finding(
                    Code::SpanAmbiguous,
                    format!("the quote of claim {} left its offsets and now stands at {} places: {}", claim.id, several.len(), places.join(", ")),
                )
                .pointing_at(span(&several[0]), "first of the places")
                .with_note("add `prefix`/`suffix` context or correct the offsets by hand");
            SpanCheck { anchor: None, finding: Some(finding) }
        }
    }
}

fn unanchored(claim: &Claim, file: &str, text: &SourceText) -> SpanCheck {
    let occurrences = find_all(text, &claim.quote);
    let mut finding = claim.finding(Code::SpanUnanchored, format!("claim {} has no offsets yet", claim.id)).in_column("start");
    let anchor = match occurrences.as_slice() {
        [found] => {
            finding.suggestion = Some(Suggestion { start: found.start, end: found.end, quote: claim.quote.clone() });
            finding = finding
                .pointing_at(SourceSpan { source: file.to_string(), start: found.start, end: found.end }, "the quote stands here")
                .with_note("`claimcheck fix` fills the offsets");
            Some(found.clone())
        }
        [] => {
            finding = finding.with_note(format!("the quote is not in `{file}` as written, so the offsets cannot be filled"));
            None
        }
        several => {
            finding = finding.with_note(format!("the quote stands at {} places in `{file}`: add `prefix`/`suffix` to tell them apart", several.len()));
            None
        }
    };
    SpanCheck { anchor, finding: Some(finding) }
}

/// Every place `needle` occurs in `text`, overlapping ones included, in code points.
pub fn find_all(text: &SourceText, needle: &str) -> Vec<Range<usize>> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = needle.chars().count();
    memchr::memmem::find_iter(text.as_str().as_bytes(), needle.as_bytes())
        .map(|byte| {
            let start = text.char_of_byte(byte);
            start..start + needle_chars
        })
        .collect()
}
