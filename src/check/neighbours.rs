//! The second look at ambiguous claims: once every claim of the run is placed, how the claims
//! around one moved may settle which copy of its quote is its own (see `spans::shift`).

use super::Taken;
use super::batch::Unsettled;
use crate::load::sources::SourceSet;
use crate::spans::{Anchorer, shift::Shifts};

/// An ambiguous claim and where its report entries stand in `Taken`.
pub(super) struct Pending {
    pub unsettled: Unsettled,
    /// Its span finding (`span-ambiguous`), the first of its findings.
    pub finding: usize,
    pub stated: Option<usize>,
    pub mark: Option<usize>,
}

/// Replaces the findings (and figure and mark places) of the ambiguous claims the other claims
/// of their sources settle, and of the claims whose context they contest.
pub(super) fn settle(taken: &mut Taken, sources: &SourceSet, anchorer: &Anchorer) {
    if taken.unsettled.is_empty() {
        return;
    }
    let shifts = Shifts::new(std::mem::take(&mut taken.placements));
    for pending in std::mem::take(&mut taken.unsettled) {
        let Pending { unsettled: Unsettled { claim, copies }, finding, stated, mark } = pending;
        let Ok(file) = sources.resolve(&claim.source) else { continue };
        let Ok(text) = sources.text_ref(file) else { continue };
        let Some(settled) = anchorer.settle(&shifts, &claim, file, text, &copies) else { continue };
        let Some(mut new) = settled.finding else { continue };
        let old = &mut taken.findings[finding];
        // The finding keeps the cell it was pointed at while its row was read.
        if new.column == old.column {
            new.region = old.region.take();
        }
        *old = new;
        let anchor = settled.anchor;
        if let Some(stated) = stated.and_then(|index| taken.stated.get_mut(index)) {
            stated.span = anchor.as_ref().map(|anchor| anchor.start + stated.figure.start..anchor.start + stated.figure.end);
        }
        if let Some(mark) = mark.and_then(|index| taken.marks.get_mut(index)) {
            mark.span = anchor;
        }
    }
}
