//! One claim against its source: what the fast path for a claim that holds needs, and the full check.

use crate::compare::{self, stated::Stated};
use crate::findings::{Code, Finding};
use crate::load::claims::{Claim, ClaimRef};
use crate::load::sources::SourceSet;
use crate::load::text::SourceText;
use crate::spans::shift::{Placement, SourceKey, Unsettled};
use crate::spans::{self, Offsets, SpanCheck};
use std::ops::Range;
use std::sync::Arc;

/// The source the previous claim of a batch named, resolved: rows come in runs naming one
/// source, so most claims skip resolving their source.
#[derive(Default)]
pub struct LastSource<'s> {
    name: String,
    text: Option<&'s SourceText>,
    /// The source file and text a figure claim's `source` cell resolved to, as `locate_claim`
    /// resolves them, for the claims of the run of rows naming `resolved_name`.
    resolved_name: String,
    resolved: Option<(&'s str, &'s SourceText)>,
}

impl<'s> LastSource<'s> {
    /// The text of the source `name`, resolved once per run of rows naming it; `None` when it
    /// cannot be used (the full check reports why).
    fn text(&mut self, name: &str, sources: &'s SourceSet) -> Option<&'s SourceText> {
        if self.name != name || self.text.is_none() {
            self.name.clear();
            self.name.push_str(name);
            self.text = sources.named_text(name).ok();
        }
        self.text
    }

    /// The file and text `name` resolves to, as `locate_claim` resolves them; `None` when it
    /// cannot be used (`locate_claim` reports why).
    fn resolved(&mut self, name: &str, sources: &'s SourceSet) -> Option<(&'s str, &'s SourceText)> {
        if self.resolved_name != name || self.resolved.is_none() {
            self.resolved_name.clear();
            self.resolved_name.push_str(name);
            self.resolved = sources.resolve(name).ok().and_then(|file| Some((file, sources.text_ref(file).ok()?)));
        }
        self.resolved
    }

    fn offsets_in(&mut self, claim: &ClaimRef<'_>, sources: &'s SourceSet) -> Option<(&'s SourceText, Range<usize>)> {
        let Offsets::Given(range) = Offsets::parse(claim.start, claim.end) else { return None };
        Some((self.text(claim.source, sources)?, range))
    }

    /// The text and offsets of `claim` when its quote stands at them in its source: its span
    /// has nothing to fix, whatever figure it states.
    pub fn standing(&mut self, claim: &ClaimRef<'_>, sources: &'s SourceSet) -> Option<(&'s SourceText, Range<usize>)> {
        self.offsets_in(claim, sources).filter(|(text, range)| text.holds_at(range.clone(), claim.quote))
    }

    /// The source file and text of `claim` and its offsets, when its quote stands there as
    /// written: the span check (`spans::Anchorer::check`) then has nothing to say about it.
    fn standing_in_file(&mut self, claim: &ClaimRef<'_>, sources: &'s SourceSet) -> Option<(&'s str, &'s SourceText, Range<usize>)> {
        let Offsets::Given(range) = Offsets::parse(claim.start, claim.end) else { return None };
        let (file, text) = self.resolved(claim.source, sources)?;
        text.holds_at(range.clone(), claim.quote).then_some((file, text, range))
    }
}

/// What checking one claim placed: its source file and where its quote stands there, when
/// known, and for a figure claim its figure.
pub(super) struct ClaimChecked<'s> {
    pub file: Option<&'s str>,
    pub anchor: Option<Range<usize>>,
    pub stated: Option<Stated>,
    /// Where the claim was placed for certain, as evidence for the others of its source.
    pub placement: Option<Placement>,
    /// The copies of a quote nothing about the claim itself tells apart, for the others of its
    /// source to settle (its span finding is the first of its findings), with the claim's own
    /// copy of its cells, kept until they are settled.
    pub unsettled: Option<(Claim, Box<Unsettled>)>,
}

/// Checks one claim that passed loading: its span, then, for a figure claim, the figure it
/// states (read from the quote even when the span could not be placed). The claim is read
/// where it stands: a copy of its cells is made only for a quote not at its offsets, which the
/// span check searches for.
pub(super) fn check_located<'s>(
    claim: &ClaimRef<'_>,
    sources: &'s SourceSet,
    previous: &mut LastSource<'s>,
    anchorer: &mut spans::Anchorer,
    tolerance: f64,
    findings: &mut Vec<Finding>,
) -> ClaimChecked<'s> {
    let first = findings.len();
    let (file, anchor, placement, mut unsettled) = match previous.standing_in_file(claim, sources) {
        // What the span check finds of a quote at its offsets (`SpanCheck::ok`), and the place
        // it gives (`SpanCheck::placement`): placed there for certain.
        Some((file, text, range)) => (Some(file), Some(range.clone()), Placement::new(SourceKey::of(text), range.start, &range), None),
        None => {
            let claim = claim.owned();
            match locate_claim(&claim, sources, anchorer) {
                Ok(located) => {
                    let placement = located.span.placement(SourceKey::of(&located.text), &Offsets::parse(&claim.start, &claim.end));
                    findings.extend(located.span.finding);
                    (Some(located.file), located.span.anchor, placement, located.span.unsettled.map(|copies| (claim, copies)))
                }
                Err(finding) => {
                    findings.push(finding);
                    (None, None, None, None)
                }
            }
        }
    };
    let stated = if claim.is_figure() {
        compare::stated::read(claim, file, anchor.clone(), tolerance).map_err(|finding| findings.push(finding)).ok()
    } else {
        None
    };
    let said = findings.get(first).map(|f| (f.message.len(), f.notes.len()));
    crate::load::spreadsheet::diagnose(claim, sources, findings, first);
    // A claim a spreadsheet garbled is about its cells, not its place: it stays as diagnosed.
    if findings.get(first).map(|f| (f.message.len(), f.notes.len())) != said {
        unsettled = None;
    }
    ClaimChecked { file, anchor, stated, placement, unsettled }
}

/// A claim's span check, with the source file and text it was checked against.
pub struct Located<'s> {
    pub file: &'s str,
    pub span: SpanCheck,
    pub text: Arc<SourceText>,
}

/// Locates the span of one claim that passed loading; `source-missing` when the claim's source
/// cannot be used.
pub fn locate_claim<'s>(claim: &Claim, sources: &'s SourceSet, anchorer: &mut spans::Anchorer) -> Result<Located<'s>, Finding> {
    let file = sources.resolve(&claim.source).map_err(|error| source_missing(claim, error))?;
    let text = sources.text(file).map_err(|error| source_missing(claim, error))?;
    Ok(Located { file, span: anchorer.check(claim, file, &text), text })
}

fn source_missing(claim: &Claim, error: crate::load::sources::SourceError) -> Finding {
    claim.finding(Code::SourceMissing, error.to_string()).in_column("source")
}
