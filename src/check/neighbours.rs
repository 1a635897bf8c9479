//! The second look at ambiguous claims: once every claim of a claims file is placed, how the
//! claims around one in its source moved may settle which copy of its quote is its own, or
//! contest the copy its context chose (see `spans::shift`). Only the claims of one file are
//! weighed together: another file may have been recorded against another version of a source.

use super::Taken;
use super::batch::Unsettled;
use crate::load::sources::SourceSet;
use crate::spans::Anchorer;

/// An ambiguous claim and where its report entries stand in `Taken`.
pub(super) struct Pending {
    pub unsettled: Unsettled,
    /// Its span finding, the first of its findings.
    pub finding: usize,
    pub stated: Option<usize>,
    pub mark: Option<usize>,
}

/// Replaces the findings (and figure and mark places) of the claims the other claims of their
/// sources settle or contest, then lets the file's placements go.
pub(super) fn settle(taken: &mut Taken, sources: &SourceSet, anchorer: &Anchorer) {
    let placements = std::mem::take(&mut taken.placements);
    let pending = std::mem::take(&mut taken.unsettled);
    // Claims whose source cannot be read again have nothing to weigh (they were placed in it).
    let pending: Vec<(Pending, &str, &crate::load::text::SourceText)> = pending
        .into_iter()
        .filter_map(|pending| {
            let file = sources.resolve(&pending.unsettled.claim.source).ok()?;
            let text = sources.text_ref(file).ok()?;
            Some((pending, file, text))
        })
        .collect();
    if pending.is_empty() {
        return;
    }
    let open: Vec<_> = pending.iter().map(|(pending, file, text)| (&pending.unsettled.claim, *file, *text, &*pending.unsettled.copies)).collect();
    let settled = anchorer.settle_all(placements, &open);
    for ((pending, _, _), settled) in pending.iter().zip(settled) {
        let Some(settled) = settled else { continue };
        let Pending { finding, stated, mark, .. } = pending;
        let Some(mut new) = settled.finding else { continue };
        let old = &mut taken.findings[*finding];
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
