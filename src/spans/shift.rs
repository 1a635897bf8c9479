//! Evidence from the other claims of a source: how they moved says where an ambiguous one went.
//!
//! A quote that stands as written at several places is ambiguous on its own: nearness to its
//! recorded offsets proves nothing, since a sibling passage slides into a moved one's place as
//! readily as a copy is added elsewhere (see `locate`). The document's change can prove more.
//! When the claims placed for certain around an ambiguous one in the same source (the nearest
//! before and after it by recorded offset) moved by one shift, the text between them kept its
//! length and order. The claim is then settled at a copy only when that copy
//! - starts where their shift puts the recorded start (between their two shifts when they
//!   differ by the few characters a retyped dash or ellipsis adds or takes; at exactly the one
//!   or the other when an edit between them moved them apart),
//! - and no other copy stands within a few characters of it, or at the same column of another
//!   line between those two claims' places now (rows of a table, paragraphs that open alike),
//!   which a reordering of lines could have slid into its place.
//!
//! Anything short of that (no copy where they point, copies at both shifts, a sibling copy, no
//! placed claim on either side) leaves the claim ambiguous. Approximate places are settled only
//! when the neighbours moved alike, and never against an exact copy elsewhere: an edited passage
//! next to a copy is for context alone to decide. The same holds the other way round:
//! - a copy where neighbours that moved alike point is settled even when an edited look-alike
//!   lies over the recorded offsets (the offsets are stale: the text moved, and the look-alike is
//!   whatever slid there);
//! - a quote that stands as written at one place only, away from where its neighbours' shift
//!   points, while an edited variant of it stands exactly there, is ambiguous: its own passage may
//!   have been edited in place while a copy stands elsewhere (the offsets-only rule of `locate`,
//!   carried along the shift).
//!
//! Only the claims of one claims file are weighed together, and a claim whose place they contest
//! is no evidence for the others.

use super::locate::{Candidate, Decided, Located, Tier, overlaps};
use crate::load::text::SourceText;
use std::ops::Range;

/// How far the shift at a claim may stray from its neighbours' shifts: typography retyped
/// between them (a dash for two hyphens, an ellipsis for three dots) changes lengths a little.
pub const SLACK: usize = 8;
/// By how much the context must fit another place better than the one the claims around it
/// point at to speak against it: less than that is the noise of two places whose surroundings
/// both changed.
const PREFERS: f64 = 0.05;
/// A claim whose quote stands at more places than this is not weighed: a copy at the place the
/// neighbours point at with no sibling between them is then unlikely, and every ambiguous claim
/// keeps its places until the run's claims are all read.
pub const MAX_COPIES: usize = 32;
/// How many claims past the nearest on a side are looked through for one that moved otherwise.
const MAX_GROUP: usize = 64;
/// How much of the text between a claim and a claim beyond its neighbours may have been added
/// or removed (one part in this many) for a copy to stand where that claim leaves it.
const BEYOND_DRIFT: usize = 8;
/// The most characters that allows.
const MOST_BEYOND_DRIFT: usize = 64;

/// One source text of a run. Sources are loaded once and kept until the run ends, so where a
/// text lives tells it apart from every other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceKey(usize);

impl SourceKey {
    pub fn of(text: &SourceText) -> SourceKey {
        SourceKey(std::ptr::from_ref(text) as usize)
    }
}

/// A claim placed for certain (its quote as written or up to typography, at one place or where
/// its context decides): its recorded start, where it stands now and how long it is there, in
/// code points. Kept for every claim of a run, so kept small: a source past 4 Gi code points
/// gives no evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Placement {
    source: SourceKey,
    old: u32,
    new: u32,
    len: u32,
}

impl Placement {
    /// Where a claim recorded at `recorded` was placed, when it was placed for certain: as
    /// written or up to typography, at one place or where its context decides (or where its
    /// neighbours settled it).
    pub fn of(source: SourceKey, recorded: &Range<usize>, tier: Tier, decided: Decided, now: &Range<usize>) -> Option<Placement> {
        let certain = tier != Tier::Fuzzy && matches!(decided, Decided::Only | Decided::Context);
        certain.then(|| Placement::new(source, recorded.start, now))?
    }

    /// A claim recorded at `old` that stands at `now`.
    pub fn new(source: SourceKey, old: usize, now: &Range<usize>) -> Option<Placement> {
        Some(Placement { source, old: old.try_into().ok()?, new: now.start.try_into().ok()?, len: now.len().try_into().ok()? })
    }

    /// Where it stands now.
    fn now(&self) -> Range<usize> {
        self.new as usize..self.new as usize + self.len as usize
    }

    fn shift(&self) -> i128 {
        i128::from(self.new) - i128::from(self.old)
    }
}

/// A claim whose quote stands at several places that nothing about the claim itself tells
/// apart: copies (as written or up to typography), or approximate places (when the source holds
/// no copy).
#[derive(Debug, Clone, PartialEq)]
pub struct Unsettled {
    pub recorded: Range<usize>,
    /// The places, by start.
    pub places: Vec<Candidate>,
    /// The place the claim's context chose, when it chose one: the claims around it may
    /// contest the choice.
    pub chosen: Option<usize>,
    /// The choice rests on one side of the context against a copy nearer the offsets that
    /// shares the other (`Decided::OneSide`): it stands only where the claims around it moved
    /// as if it stood there.
    pub one_side: bool,
}

impl Unsettled {
    /// The places of a quote that stands at several (`candidates`), for the other claims of
    /// its source to settle: only with recorded offsets to shift. Where copies and an edited
    /// variant over the offsets stand, only a copy may be settled (`Shifts::weigh`).
    pub fn among(recorded: Option<Range<usize>>, candidates: &[Candidate]) -> Option<Box<Unsettled>> {
        let recorded = recorded?;
        (candidates.len() <= MAX_COPIES).then(|| Box::new(Unsettled { recorded, places: candidates.to_vec(), chosen: None, one_side: false }))
    }

    /// What a located claim leaves for the other claims of its source to weigh: the places of
    /// an ambiguous quote, or the copies its context chose `best` among.
    pub fn of(located: &Located, recorded: Option<Range<usize>>) -> Option<Box<Unsettled>> {
        match located {
            Located::Ambiguous { candidates, unlisted: 0, .. } => Unsettled::among(recorded, candidates),
            Located::Ambiguous { .. } => None,
            // A copy at one place, away from its offsets: the claims around it may show its own
            // passage edited where they moved to (`Shifts::edited_in_place`).
            Located::Found { best, decided: Decided::Only, rivals, .. } if rivals.is_empty() && best.tier != Tier::Fuzzy => {
                let recorded = recorded.filter(|recorded| *recorded != best.range)?;
                Some(Box::new(Unsettled { recorded, places: vec![best.clone()], chosen: Some(0), one_side: false }))
            }
            // An edited passage placed over its offsets (by them, or by context), or away from
            // them by context: the claims around it may show text removed or added next to it
            // (`Shifts::slid_over`), or that it stands where their change does not put it
            // (`Shifts::stray`).
            Located::Found { best, decided, rivals, .. } if rivals.is_empty() && best.tier == Tier::Fuzzy => {
                let recorded = recorded.filter(|recorded| matches!(decided, Decided::Context | Decided::Similarity) || (*decided == Decided::Offsets && overlaps(recorded, &best.range)))?;
                Some(Box::new(Unsettled { recorded, places: vec![best.clone()], chosen: Some(0), one_side: false }))
            }
            Located::Found { best, rivals, decided, .. } if !rivals.is_empty() => {
                let mut places = rivals.clone();
                places.push(best.clone());
                places.sort_by_key(|place| place.range.start);
                // A choice resting on one side stands only where the claims around vouch for it,
                // however many copies there are (`locate` weighs a thousand at most).
                let one_side = *decided == Decided::OneSide;
                let mut unsettled = match one_side {
                    true => Box::new(Unsettled { recorded: recorded?, places, chosen: None, one_side }),
                    false => Unsettled::among(recorded, &places)?,
                };
                unsettled.chosen = unsettled.places.iter().position(|place| place.range == best.range);
                Some(unsettled)
            }
            _ => None,
        }
    }

    fn approximate(&self) -> bool {
        self.places.iter().any(|place| place.tier == Tier::Fuzzy)
    }

    /// How far the claim moved if its text stands at its place `place`.
    fn shift_of(&self, place: usize) -> i128 {
        self.places[place].range.start as i128 - self.recorded.start as i128
    }

    /// The tier of its closest place (as written before up to typography before edited), which
    /// an ambiguous finding about its places reports.
    pub fn closest_tier(&self) -> Tier {
        self.places.iter().map(|c| c.tier).min_by_key(|t| *t as u8).unwrap_or(Tier::Exact)
    }

    /// Whether some places are copies: only those may then be settled.
    fn copies(&self) -> bool {
        self.places.iter().any(|place| place.tier != Tier::Fuzzy)
    }

    /// Whether the row's context fits another place better than `place`: the claims around it
    /// then point one way and its own context another (a paragraph swapped with one of the same
    /// length and shape, so the claims around it moved as if nothing had), and neither is
    /// taken over the other. Context too weak to choose on its own still speaks here.
    fn context_prefers_another(&self, place: usize) -> bool {
        let here = self.places[place].context_score();
        self.places.iter().enumerate().any(|(i, other)| i != place && other.context_score() > here + PREFERS)
    }

    /// A quote placed at its one copy, for its neighbours to check (see `Unsettled::of`).
    fn alone(&self) -> bool {
        self.places.len() == 1 && self.chosen == Some(0)
    }

    /// Whether `place` matches the quote only up to typography while another place matches it as
    /// written: the claim's own text moved as written is likelier than its own text retyped in
    /// place, and a passage of the same shape that slid into its place ("on the\n    key" in
    /// the next entry of a help file, where the claim quoted "on the key") reads the same to
    /// the claims around it.
    fn retyped_beside_a_copy_as_written(&self, place: usize) -> bool {
        self.places[place].tier == Tier::Folded && self.places.iter().any(|other| other.tier == Tier::Exact)
    }
}

/// Every placement of a run, by source and recorded start.
pub struct Shifts {
    placements: Vec<Placement>,
    /// The placements (indexes) by source and where they stand now, made on first need.
    by_new: std::sync::OnceLock<Vec<u32>>,
}

/// How many placements starting before a place are looked at for one whose passage covers it.
const COVERING: usize = 64;

impl Shifts {
    pub fn new(mut placements: Vec<Placement>) -> Shifts {
        placements.sort_unstable();
        placements.dedup();
        Shifts { placements, by_new: std::sync::OnceLock::new() }
    }

    /// The placements less the quotes placed at their one copy away from their offsets where
    /// only claims whose context chose among copies moved as they did (`None` when none is left
    /// out). Such a quote's passage may be gone, and its copy the same words in a twin passage
    /// (the next section of a licence, opening with the same formula); a claim beside it whose
    /// context chose the copy in the twin would have it vouch for that choice, and each would
    /// be the other's evidence.
    fn without_twins_of_choices(&self, claims: &[(&SourceText, &Unsettled)]) -> Option<Shifts> {
        let chosen: std::collections::HashSet<Placement> = claims
            .iter()
            .filter(|(_, unsettled)| unsettled.places.len() > 1)
            .filter_map(|(text, unsettled)| Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places.get(unsettled.chosen?)?.range))
            .collect();
        if chosen.is_empty() {
            return None;
        }
        let mut without_choices = Shifts::new(self.placements.clone());
        without_choices.retain(|placement| !chosen.contains(placement));
        let twins: std::collections::HashSet<Placement> = claims
            .iter()
            .filter(|(text, unsettled)| unsettled.alone() && !unsettled.approximate() && without_choices.stray(SourceKey::of(text), unsettled))
            .filter_map(|(text, unsettled)| Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places[0].range))
            .collect();
        if twins.is_empty() {
            return None;
        }
        let mut without_twins = Shifts::new(self.placements.clone());
        without_twins.retain(|placement| !twins.contains(placement));
        Some(without_twins)
    }

    /// The placements of the claims that kept their recorded order (`in_recorded_order`).
    fn in_recorded_order(&self) -> Shifts {
        Shifts { placements: in_recorded_order(&self.placements), by_new: std::sync::OnceLock::new() }
    }

    fn retain(&mut self, keep: impl Fn(&Placement) -> bool) {
        self.placements.retain(keep);
        self.by_new = std::sync::OnceLock::new();
    }

    /// The passage of another claim placed for certain in `source` that `place` lies inside,
    /// when the text at `place` stood elsewhere than `recorded` before that passage moved (it is
    /// that claim's text, kept as written, so it was there then): the passage now and where the
    /// text at `place` stood. A claim quoting part of another's passage stood inside it too.
    fn inside_another(&self, source: SourceKey, recorded: &Range<usize>, place: &Range<usize>) -> Option<(Range<usize>, usize)> {
        let by_new = self.by_new();
        let at = |i: &u32| &self.placements[*i as usize];
        let upto = by_new.partition_point(|i| (at(i).source, at(i).new as usize) <= (source, place.start));
        by_new[..upto].iter().rev().take(COVERING).map(at).take_while(|p| p.source == source).find_map(|p| {
            let passage = p.now();
            let was = usize::try_from(place.start as i128 - p.shift()).ok()?;
            (place.end <= passage.end && passage != *place && was.abs_diff(recorded.start) > SLACK).then_some((passage, was))
        })
    }

    /// The placements (indexes) by source and where they stand now.
    fn by_new(&self) -> &[u32] {
        self.by_new.get_or_init(|| {
            let mut by_new: Vec<u32> = (0..u32::try_from(self.placements.len()).unwrap_or(0)).collect();
            // The whole placement decides the order: with ties left to the sort, where one
            // source's placements end up would depend on where its text lies in memory, and which
            // of two passages starting together holds a place would change from run to run.
            by_new.sort_unstable_by_key(|&i| {
                let p = &self.placements[i as usize];
                (p.source, p.new, p.len, p.old)
            });
            by_new
        })
    }

    /// Where the copy context chose (`chosen`) stood when the claim was recorded, when the claims
    /// placed nearest before and after it now (in their recorded order) moved alike and were
    /// recorded on one side of the claim: nothing was added between them, so the copy stood
    /// between them already, away from the claim's offsets. It is another passage of the same
    /// words (the same step in the next lesson of a tutorial), whatever its context says: the
    /// claim's own text, moved there, would have moved them apart. Also the stretch between them.
    fn stood_elsewhere(&self, source: SourceKey, unsettled: &Unsettled, chosen: usize) -> Option<(usize, Range<usize>)> {
        let place = &unsettled.places[chosen].range;
        let own = Placement::new(source, unsettled.recorded.start, place);
        let by_new = self.by_new();
        let at = |i: &u32| self.placements[*i as usize];
        let split = by_new.partition_point(|i| (at(i).source, at(i).new as usize) < (source, place.start));
        // Passages covering the copy, or inside it, are passed over: `COVERING` at most, so that
        // claims quoting one passage over and over cost no more than that.
        let before = by_new[..split].iter().rev().take(COVERING).map(at).filter(|p| Some(*p) != own).take_while(|p| p.source == source).find(|p| p.now().end <= place.start)?;
        let after = by_new[split..].iter().take(COVERING).map(at).filter(|p| Some(*p) != own).take_while(|p| p.source == source).find(|p| p.new as usize >= place.end)?;
        let recorded = unsettled.recorded.start;
        let alike = before.shift().abs_diff(after.shift()) <= SLACK as u128;
        let outside = recorded < before.old as usize || recorded > after.old as usize;
        let was = usize::try_from(place.start as i128 - before.shift()).ok()?;
        // A quote no longer than the shifts' slack could have moved in between them unnoticed.
        let noticed = place.len() > SLACK;
        (before.old < after.old && alike && outside && noticed && was.abs_diff(recorded) > SLACK).then(|| (was, before.new as usize..after.now().end))
    }

    /// What the claims around a claim in `text` make of its places `unsettled`; `None` when they
    /// settle nothing, or agree with the place its context chose.
    fn verdict(&self, text: &SourceText, unsettled: &Unsettled, edits: &[Edit], variant_at: impl Fn(Range<usize>) -> Option<Candidate>) -> Option<Verdict> {
        self.verdict_in(SourceKey::of(text), text, unsettled, edits, variant_at)
    }

    fn verdict_in(&self, source: SourceKey, text: &SourceText, unsettled: &Unsettled, edits: &[Edit], variant_at: impl Fn(Range<usize>) -> Option<Candidate>) -> Option<Verdict> {
        let over_offsets = |chosen: usize| {
            let place = &unsettled.places[chosen];
            place.tier == Tier::Fuzzy && overlaps(&place.range, &unsettled.recorded)
        };
        match unsettled.chosen {
            // Between neighbours that moved apart, the edit between them may have taken the
            // claim's own text, and a copy that stood there already (a heading saying what the
            // moved paragraph says) is where one of their shifts points by chance: the copy is
            // named, not settled.
            None => self.settle(source, unsettled, text).map(|place| match self.apart(source, unsettled) {
                true => Verdict::Suggested { place },
                false => Verdict::Settled(place),
            }),
            // A place inside the passage another claim quotes, which held this text elsewhere.
            Some(chosen) if let Some((passage, was)) = self.inside_another(source, &unsettled.recorded, &unsettled.places[chosen].range) => {
                Some(Verdict::Inside { place: chosen, passage, was })
            }
            Some(chosen)
                if over_offsets(chosen)
                    && let Some(unexplained) = self.slid_over(source, unsettled, chosen, edits) =>
            {
                Some(Verdict::SlidOver { place: chosen, unexplained })
            }
            // Over the offsets, where the claims around it all moved, and elsewhere: its own text,
            // edited, would have moved with them, and a sibling slid over the offsets. Claims
            // around it that did not move may have had their offsets rewritten by `fix`, which
            // left this one's (older) as they were: its shift then says nothing.
            Some(chosen) if over_offsets(chosen) && unsettled.alone() && self.all_moved(source, unsettled) && self.stray(source, unsettled) => {
                Some(Verdict::Stray { place: chosen })
            }
            // Away from the offsets: where no neighbour's shift puts it, or where one does while
            // the neighbours moved apart by more than the edits explain (a sibling slid into the
            // place of a deleted passage, where the claims before it moved to).
            Some(chosen) if unsettled.alone() && unsettled.approximate() && !over_offsets(chosen) => match self.stray(source, unsettled) {
                true => Some(Verdict::Stray { place: chosen }),
                false => self.slid_over(source, unsettled, chosen, edits).map(|unexplained| Verdict::SlidOver { place: chosen, unexplained }),
            },
            Some(_) if unsettled.alone() && unsettled.approximate() => None,
            Some(_) if unsettled.alone() => self.edited_in_place(source, unsettled, variant_at).map(|variant| Verdict::EditedInPlace { variant }),
            Some(chosen) => match self.contests(source, unsettled, text) {
                Some(shifted) => Some(Verdict::Contested { chosen, shifted }),
                None if unsettled.one_side && !self.moved_as_if_there(source, unsettled, chosen) => Some(Verdict::Unexplained { chosen }),
                None if self.unexplained(source, unsettled, chosen) => Some(Verdict::Unexplained { chosen }),
                None if self.left_behind(source, unsettled, chosen) => Some(Verdict::LeftBehind { chosen }),
                // However well the context fits the copy the nearest claims moved with, another
                // copy standing where the claims beyond them leave the claim is as likely its own
                // text: the nearest may stand on a twin passage, their own rewritten.
                None if let Some(left) = self.around(source, unsettled).and_then(|around| Self::copy_left_in_place(&around, unsettled, chosen)) => {
                    Some(Verdict::LeftInPlace { chosen, left })
                }
                None if unsettled.places[chosen].tier != Tier::Fuzzy
                    && let Some((was, between)) = self.stood_elsewhere(source, unsettled, chosen) =>
                {
                    Some(Verdict::StoodThere { chosen, was, between })
                }
                // Context chose among copies as written, while the claims around moved as if
                // the claim's own text stood elsewhere, edited: the variant is no candidate of
                // context (it lies away from the offsets), so context never weighed it.
                None => self.edited_in_place(source, unsettled, variant_at).map(|variant| Verdict::EditedInPlace { variant }),
            },
        }
    }

    /// Whether the copy context chose (`chosen`) rests on one side of the context, another copy
    /// fitting the other side as well, or fits the context less than exactly, while the claims
    /// around it moved apart and neither as if it stood there. Passages of one shape share one side of their context (the question
    /// before each answer of a help file); when the text between the claims around is
    /// rearranged, the side that told the claim's own copy apart changes with its new
    /// surroundings, and a sibling whose surroundings happen to read as the old ones fits both.
    fn unexplained(&self, source: SourceKey, unsettled: &Unsettled, chosen: usize) -> bool {
        let place = &unsettled.places[chosen];
        let one_side_shared = unsettled.places.iter().enumerate().any(|(i, other)| {
            i != chosen && other.fit.is_some_and(|fit| [fit.prefix, fit.suffix].into_iter().flatten().any(|side| side >= super::context::SUPPORTS))
        });
        let Some(around) = self.around(source, unsettled).filter(|around| !around.one_sided) else {
            return false;
        };
        // Nor is a copy whose surroundings read other than the row's, however nearly: the steps
        // of two lessons of a tutorial read alike but for the command each teaches (`d$`, `dw`).
        let inexact = place.fit.is_some_and(|fit| [fit.prefix, fit.suffix].into_iter().flatten().any(|side| side < 1.0));
        let shift = unsettled.shift_of(chosen);
        let explained = around.shifts.iter().any(|&by| by.abs_diff(shift) <= SLACK as u128);
        place.tier != Tier::Fuzzy && (one_side_shared || inexact) && around.apart() && !explained
    }

    /// Whether the copy context chose (`chosen`), however exactly it fits, stands between the
    /// claims around that moved apart by text going from between them (at least the quote's
    /// length), and moved otherwise than any removal between them could move it (its shift
    /// beyond both of theirs): the text that went may have held the claim's own passage, and
    /// this copy is a twin that stood there already (the same step in two lessons of a
    /// tutorial, with the same words around it), which no context could have told apart.
    fn left_behind(&self, source: SourceKey, unsettled: &Unsettled, chosen: usize) -> bool {
        let place = &unsettled.places[chosen];
        let Some(around) = self.around(source, unsettled).filter(|around| !around.one_sided) else {
            return false;
        };
        let shift = unsettled.shift_of(chosen);
        let removed = around.shifts[0] - around.shifts[1];
        let (low, high) = around.bounds();
        let beyond_both = shift > high + SLACK as i128 || shift < low - SLACK as i128;
        place.tier != Tier::Fuzzy && around.stretch.contains(&place.range.start) && removed >= place.range.len() as i128 && beyond_both
    }

    /// Whether the claims placed around the claim moved as if it stood at its place `chosen`,
    /// which lies in their order: the nearest on each side (or, past the first or the last
    /// placed claim, the two nearest on the one side) both moved as it would have, no other copy
    /// stands where the claims beyond them leave the claim (`left_in_place`: the nearest two may
    /// stand on a twin passage's copies of their quotes, as the choice may), and the choice is
    /// not a copy up to typography while another stands as written (the twin option of a manual
    /// page, typeset with single spaces where the claim's own has double ones).
    fn moved_as_if_there(&self, source: SourceKey, unsettled: &Unsettled, chosen: usize) -> bool {
        let Some(around) = self.around(source, unsettled) else {
            return false;
        };
        let place = &unsettled.places[chosen].range;
        let shift = unsettled.shift_of(chosen);
        let in_order = around.stretch.start <= place.start && place.start <= around.stretch.end;
        in_order
            && around.shifts.iter().all(|by| by.abs_diff(shift) <= SLACK as u128)
            && !Self::left_in_place(&around, unsettled, chosen)
            && !unsettled.retyped_beside_a_copy_as_written(chosen)
    }

    /// For an edited passage placed over the recorded offsets, or where the claims before or after
    /// it moved to (`unsettled.places[chosen]`): how
    /// many characters the claims placed on both sides of it moved apart (or together) beyond
    /// what its own edit and the other edited claims between them (`edits`) explain, when that
    /// is more than `SLACK`. Text removed or added next to it then leaves a sibling passage (a
    /// row, a verse, an option of a manual page) over its offsets as readily as an edit in place
    /// does.
    fn slid_over(&self, source: SourceKey, unsettled: &Unsettled, chosen: usize, edits: &[Edit]) -> Option<i128> {
        let Around { shifts, olds, one_sided, .. } = self.around(source, unsettled)?;
        if one_sided {
            return None;
        }
        let (place, recorded) = (&unsettled.places[chosen].range, &unsettled.recorded);
        // What the edits of the claims between them explain: this one's own, and the others'.
        let own = place.len() as i128 - recorded.len() as i128;
        // `edits` is sorted: the ones between the neighbours are found by bisection.
        let from = edits.partition_point(|edit| (edit.source, edit.old) < (source, olds[0]));
        let to = edits.partition_point(|edit| (edit.source, edit.old) < (source, olds[1]));
        let others: i128 = edits[from..to.max(from)].iter().filter(|edit| edit.old != recorded.start).map(|edit| edit.grown).sum();
        // The claim's own offsets may be older than its neighbours' (`fix` rewrote theirs and left
        // it): only how far apart the neighbours moved is compared.
        let unexplained = (shifts[1] - shifts[0]) - (own + others);
        (unexplained.abs() > SLACK as i128).then_some(unexplained)
    }

    /// Whether an edited passage its context chose away from the offsets (`unsettled.places[0]`)
    /// stands where neither of the shifts of the claims placed around it puts it: between them,
    /// beyond them, or past the last of them. The text would then have been moved as well as
    /// edited, two changes where a sibling of one shape (the option beside a deleted one in a
    /// manual page, whose context reads alike) explains it with none. A passage moved with
    /// the claims around it, and edited, is still placed.
    /// Whether the claims placed around the claim in `source` all moved (by more than `SLACK`).
    fn all_moved(&self, source: SourceKey, unsettled: &Unsettled) -> bool {
        self.around(source, unsettled).is_some_and(|around| around.shifts.iter().all(|shift| shift.unsigned_abs() > SLACK as u128))
    }

    /// The same holds for an edited passage over the offsets: its start may lie later than the
    /// shift puts it by what the passage lost (its first words deleted), no more.
    fn stray(&self, source: SourceKey, unsettled: &Unsettled) -> bool {
        let Some(Around { shifts, .. }) = self.around(source, unsettled) else {
            return false;
        };
        let (place, recorded) = (&unsettled.places[0].range, &unsettled.recorded);
        let shift = place.start as i128 - recorded.start as i128;
        let lost = recorded.len().saturating_sub(place.len()) as i128;
        let explained = |by: i128| by - SLACK as i128 <= shift && shift <= by + SLACK as i128 + lost;
        !shifts.iter().any(|&by| explained(by))
    }

    /// The edited variant of the quote of a claim placed at its one copy (`unsettled`) that
    /// stands where the claims around it moved to, when the copy is not there: only context can
    /// say which of the two the claim meant. `variant_at` looks for a variant over a range.
    fn edited_in_place(&self, source: SourceKey, unsettled: &Unsettled, variant_at: impl Fn(Range<usize>) -> Option<Candidate>) -> Option<Candidate> {
        let around = self.around(source, unsettled)?;
        let apart = around.apart();
        let Around { shifts, one_sided, .. } = around;
        let chosen = unsettled.chosen?;
        let copy = &unsettled.places[chosen].range;
        let recorded = &unsettled.recorded;
        let shift_of_copy = unsettled.shift_of(chosen);
        let follows = |shift: i128| shift.abs_diff(shift_of_copy) <= SLACK as u128;
        // The copy moved as its neighbours did: the change explains it. Past the last placed
        // claim the two nearest must agree.
        if (!apart && follows(shifts[0])) || (one_sided && apart) {
            return None;
        }
        let moved = |at: usize, shift: i128| usize::try_from(at as i128 + shift).ok();
        let own = |shift: i128| Some(moved(recorded.start, shift)?..moved(recorded.end, shift)?);
        // Between neighbours that moved apart, a copy that moved with the one may still be a copy
        // elsewhere while its own passage, edited, moved with the other (a neighbour that is
        // such a copy itself follows it): the other shift is looked at too. So it is between
        // neighbours that moved alike but a few characters apart: a short quote's passage, where
        // the one puts it, need not overlap where the other does. Neighbours that did not move
        // point at the recorded offsets, which `locate` searched for a variant already.
        let shifts = if shifts[0] == shifts[1] { &shifts[..1] } else { &shifts[..] };
        shifts.iter().filter(|&&shift| shift != 0 && !follows(shift)).filter_map(|&shift| variant_at(own(shift)?)).find(|variant| !overlaps(&variant.range, copy))
    }

    /// The place of `unsettled` (an index into its places) the shift of the claims around it in
    /// `source` settles, if they settle one.
    fn settle(&self, source: SourceKey, unsettled: &Unsettled, layout: &impl Layout) -> Option<usize> {
        // Neighbours that now stand in the reverse of their recorded order vouch for no stretch:
        // the text between them was reordered, or one of them stands on a copy of its own quote
        // (the two options of a manual page described alike), and either shift may be the other
        // passage's. (They may still contest a place context chose.)
        let around = self.around(source, unsettled)?;
        if around.stretch.start > around.stretch.end {
            return None;
        }
        match self.weigh(source, unsettled, layout) {
            Shifted { places, sibling: false } if places.len() == 1 && !unsettled.context_prefers_another(places[0]) => Some(places[0])
                .filter(|&place| self.inside_another(source, &unsettled.recorded, &unsettled.places[place].range).is_none())
                .filter(|&place| !unsettled.retyped_beside_a_copy_as_written(place))
                .filter(|&place| !Self::left_in_place(&around, unsettled, place)),
            _ => None,
        }
    }

    /// Whether a claim set aside as evidence (`set_aside`: placed for certain, but contested, or
    /// at its one copy where nothing around moved alike) that lies between the neighbours
    /// settling the claim at `place`, by recorded start, moved as if the claim stood at another
    /// of its copies. Such a claim is no evidence for the others, but it is evidence against a
    /// settlement: in a manual page whose paragraphs were shuffled, the claim's paragraph-mate
    /// moved with the paragraph to the top, and being alone there it was set aside; the
    /// neighbours beyond it moved alike onto a sibling paragraph ("Passing the number -1 as the
    /// EXPIRE_DATE" for "... as MAX_DAYS"), which holds a copy where their shift points.
    fn set_aside_points_elsewhere(&self, set_aside: &[Placement], source: SourceKey, unsettled: &Unsettled, place: usize) -> bool {
        let Some(around) = self.around(source, unsettled) else {
            return false;
        };
        let (low, high) = (around.olds[0].min(around.olds[1]), around.olds[0].max(around.olds[1]));
        let from = set_aside.partition_point(|p| (p.source, (p.old as usize)) <= (source, low));
        let start = unsettled.recorded.start as i128;
        set_aside[from..].iter().take_while(|p| p.source == source && (p.old as usize) < high).any(|p| {
            unsettled.places.iter().enumerate().any(|(other, copy)| other != place && copy.tier != Tier::Fuzzy && (copy.range.start as i128 - start).abs_diff(p.shift()) <= SLACK as u128)
        })
    }

    /// Whether another copy stands where the next claims out leave the claim: where one of their
    /// shifts puts it, or between them while the place settled is not. The nearest two may each
    /// have been placed on a copy of their own quote (their passages rewritten, the sibling
    /// option of a manual page described alike standing elsewhere), which then looks like the
    /// claim's passage moved there, while its own text stayed among the claims beyond them.
    /// A claim beyond them may stand a little further on than the claim's own text: a sentence
    /// rewritten between the two changes the length between them, by at most an eighth of it
    /// (`BEYOND_DRIFT`, never less than `SLACK` nor more than `MOST_BEYOND_DRIFT`) is allowed,
    /// where the place settled moved away from that claim by more than the text between them.
    fn left_in_place(around: &Around, unsettled: &Unsettled, place: usize) -> bool {
        Self::copy_left_in_place(around, unsettled, place).is_some()
    }

    /// The copy `left_in_place` finds.
    fn copy_left_in_place(around: &Around, unsettled: &Unsettled, place: usize) -> Option<usize> {
        let start = unsettled.recorded.start as i128;
        let between = |at: usize| around.beyond_stretch.as_ref().is_some_and(|stretch| stretch.start <= at && at <= stretch.end);
        let settled_between = between(unsettled.places[place].range.start);
        let drift = |old: usize| (old.abs_diff(unsettled.recorded.start) / BEYOND_DRIFT).clamp(SLACK, MOST_BEYOND_DRIFT) as u128;
        let settled_shift = unsettled.places[place].range.start as i128 - start;
        // Within `SLACK` of a claim beyond; within its drift only where the place settled moved
        // away from that claim by more than all the text recorded between them, which no removal
        // explains: the claims nearest moved to another passage, or stand on a twin.
        let leaves = |shifted: i128, (shift, old): (i128, usize)| {
            let off = shifted.abs_diff(shift);
            off <= SLACK as u128 || (off <= drift(old) && settled_shift.abs_diff(shift) > old.abs_diff(unsettled.recorded.start) as u128)
        };
        // Between the shifts of the claims beyond on both sides (text removed or added between
        // them moved the claim by something in between) while the place settled is not: the
        // nearest two moved with a twin passage whose own text went (two release entries of a
        // changelog alike, lines deleted from the later one).
        let within_beyond = |shift: i128| match around.moved_apart_beyond.as_slice() {
            [(one, _), (other, _)] => (one.min(other) - SLACK as i128..=one.max(other) + SLACK as i128).contains(&shift),
            _ => false,
        };
        let settled_within = within_beyond(settled_shift);
        unsettled.places.iter().enumerate().position(|(other, copy)| {
            let shifted = copy.range.start as i128 - start;
            other != place
                && copy.tier != Tier::Fuzzy
                && (around.beyond.iter().any(|&beyond| leaves(shifted, beyond))
                    || (!settled_between && between(copy.range.start))
                    || (!settled_within && within_beyond(shifted)))
        })
    }

    /// Whether the nearest claims placed on each side of the claim moved apart (`Around::apart`).
    fn apart(&self, source: SourceKey, unsettled: &Unsettled) -> bool {
        self.around(source, unsettled).is_some_and(|around| around.apart())
    }

    /// Whether the claims around a claim whose context chose a place point elsewhere: at
    /// another place, or at several (an edit next to the claim may have rebuilt the context of
    /// the other).
    /// So do claims around it whose order the chosen place breaks while another copy keeps it:
    /// an edit next to the claim's own copy (a line deleted above it) rebuilt its context, and
    /// a copy elsewhere, as written with the old surroundings, fits best.
    fn contests(&self, source: SourceKey, unsettled: &Unsettled, layout: &impl Layout) -> Option<usize> {
        let chosen = unsettled.chosen?;
        let shifted = self.weigh(source, unsettled, layout);
        if let Some(place) = shifted.places.iter().copied().find(|&place| place != chosen) {
            return Some(place);
        }
        let Around { stretch, .. } = self.around(source, unsettled)?;
        let in_order = |place: &Candidate| stretch.start <= place.range.start && place.range.start <= stretch.end;
        match in_order(&unsettled.places[chosen]) {
            true => None,
            false => (0..unsettled.places.len()).find(|&place| place != chosen && unsettled.places[place].tier != Tier::Fuzzy && in_order(&unsettled.places[place])),
        }
    }

    /// The claims placed for certain around the claim in `source`, and the stretch of text
    /// whose length they vouch for; `None` when there are none to weigh.
    fn around(&self, source: SourceKey, unsettled: &Unsettled) -> Option<Around> {
        let from = self.placements.partition_point(|p| p.source < source);
        let to = self.placements.partition_point(|p| p.source <= source);
        let placed = &self.placements[from..to];
        let start = unsettled.recorded.start;
        // A claim its context placed is among the placements: it is no evidence for itself.
        let own = unsettled.chosen.and_then(|chosen| Placement::new(source, start, &unsettled.places.get(chosen)?.range));
        let split = placed.partition_point(|p| (p.old as usize) < start);
        // The two nearest on each side, nearest first.
        let before: Vec<Placement> = placed[..split].iter().rev().copied().filter(|p| Some(*p) != own).take(2).collect();
        let after: Vec<Placement> = placed[split..].iter().copied().filter(|p| Some(*p) != own).take(2).collect();
        // The neighbours, and the stretch whose length they vouch for: from the one's place to
        // the other's, or to the end of the text beyond the last claim of the source.
        let (neighbours, stretch) = match (before.as_slice(), after.as_slice()) {
            ([before, ..], [after, ..]) => ([*before, *after], before.new as usize..after.new as usize),
            // At either end of the claims, the two nearest on the one side must agree.
            ([nearest, next], []) => ([*next, *nearest], nearest.new as usize..usize::MAX),
            ([], [nearest, next]) => ([*nearest, *next], 0..nearest.new as usize),
            _ => return None,
        };
        let one_sided = before.is_empty() || after.is_empty();
        // The first claims out on each side that did not move with the nearest one there: a
        // twin passage may hold the copies of several claims' quotes in a row.
        // (`outward` runs from the nearest claim on its side, the claim itself left out.)
        let moved_otherwise = |outward: &mut dyn Iterator<Item = &Placement>| {
            let nearest = outward.next()?.shift();
            outward.take(MAX_GROUP).find(|p| p.shift().abs_diff(nearest) > SLACK as u128).map(|p| (p.shift(), p.old as usize))
        };
        let beyond = if one_sided { Vec::new() } else { before.get(1).into_iter().chain(after.get(1)).map(|p| (p.shift(), p.old as usize)).collect() };
        let moved_apart_beyond = match one_sided {
            true => Vec::new(),
            false => {
                let out_before = moved_otherwise(&mut placed[..split].iter().rev().filter(|p| Some(**p) != own));
                let out_after = moved_otherwise(&mut placed[split..].iter().filter(|p| Some(**p) != own));
                out_before.into_iter().chain(out_after).collect()
            }
        };
        let beyond_stretch = before.get(1).zip(after.get(1)).map(|(before, after)| before.new as usize..after.new as usize);
        Some(Around { shifts: neighbours.map(|p| p.shift()), olds: neighbours.map(|p| p.old as usize), stretch, one_sided, beyond, moved_apart_beyond, beyond_stretch })
    }

    /// The places where the shift of the claims around the claim in `source` puts it.
    fn weigh(&self, source: SourceKey, unsettled: &Unsettled, layout: &impl Layout) -> Shifted {
        let nothing = Shifted { places: Vec::new(), sibling: false };
        let start = unsettled.recorded.start;
        let Some(around) = self.around(source, unsettled) else {
            return nothing;
        };
        let (apart, (low, high)) = (around.apart(), around.bounds());
        let Around { shifts, stretch, one_sided, .. } = around;
        // Between two neighbours that moved apart, an edit between them moved the claim with
        // one of them: its text stands where one of their shifts puts it, or it is gone. Past
        // the last placed claim (or before the first) the two nearest must agree; so must the
        // neighbours of an approximate place, which may be a sibling that slid into a deleted
        // passage's place.
        if (one_sided || unsettled.approximate()) && apart {
            return nothing;
        }
        // A place is settled only between placed claims: text removed or added beyond the last
        // of them (the claim's own passage deleted, a sentence rewritten) leaves no trace in how
        // they moved, and a sibling sliding into its place sits exactly where their shift points.
        if one_sided {
            return nothing;
        }
        // Neighbours that moved alike (within `SLACK`: typography retyped between them) put the
        // claim between their two shifts; two that moved apart put it at exactly the one or the
        // other. Nowhere else: a copy a few characters off is another passage (a cell beside an
        // edited one, a paragraph swapped with one of the same length).
        let close = !apart;
        let expected = |at: usize| {
            let shift = at as i128 - start as i128;
            if close { (low..=high).contains(&shift) } else { shift == low || shift == high }
        };
        // Among copies and an edited variant over the offsets, only a copy is settled: the
        // variant is for context to tell from the copies, but weighs as a sibling below.
        let copies = unsettled.copies();
        let settleable = |place: &Candidate| !copies || place.tier != Tier::Fuzzy;
        let places: Vec<usize> = (0..unsettled.places.len()).filter(|&i| settleable(&unsettled.places[i]) && expected(unsettled.places[i].range.start)).collect();
        // Lines or paragraphs reordered between the neighbours leave the stretch's length as it
        // was: a copy of the quote at the same column of another line between them (rows of a
        // table, paragraphs that open alike) could have taken the place of the claim's own, as
        // could a copy a few characters from it. Anywhere in the text, a copy at the same place
        // of a line or paragraph as long as this one's could have swapped with it, its line or
        // paragraph and all, and the claims around would not have moved.
        // Between neighbours that moved apart, the one whose shift puts it there vouches for the
        // text between it and the copy only; across a paragraph break, paragraphs reordered could
        // have set another one there that holds a copy as far from the break.
        let within = |other: &Range<usize>| stretch.start <= other.start && other.start <= stretch.end;
        let (before, after) = (shifts[0], shifts[1]);
        let sibling = places.iter().any(|&place| {
            let here = &unsettled.places[place].range;
            let shape_here = layout.shape(here);
            let shift = here.start as i128 - start as i128;
            let side = match close {
                true => None,
                false if shift == before => Some(Side::Start).filter(|_| layout.breaks(stretch.start..here.start)),
                false => (shift == after).then_some(Side::End).filter(|_| layout.breaks(here.end..stretch.end)),
            };
            unsettled.places.iter().any(|other| {
                let shape_there = || layout.shape(&other.range);
                other.range != *here
                    && (other.range.start.abs_diff(here.start) <= SLACK
                        || (within(&other.range) && shape_here.column == shape_there().column)
                        || shape_here.twin(&shape_there())
                        || side.is_some_and(|side| shape_here.twin_from(side, &shape_there())))
            })
        });
        Shifted { places, sibling }
    }
}

/// What weighing a claim's places needs to know of its source's text.
pub trait Layout {
    /// Where `place` stands in its line and its paragraph.
    fn shape(&self, place: &Range<usize>) -> Shape<'_>;
    /// Whether a paragraph break (a blank line) lies within `stretch`.
    fn breaks(&self, stretch: Range<usize>) -> bool;
}

impl Layout for SourceText {
    fn shape(&self, place: &Range<usize>) -> Shape<'_> {
        Shape::of(self, place)
    }

    fn breaks(&self, stretch: Range<usize>) -> bool {
        // A whole line within the stretch holding nothing but spaces. Past `PARAGRAPH_LINES`
        // lines one is taken to lie there: the answer only ever withholds a settlement.
        let (first, last) = (self.line_col(stretch.start).line, self.line_col(stretch.end).line);
        last.saturating_sub(first) > PARAGRAPH_LINES || (first + 1..last).any(|line| self.line(line).trim().is_empty())
    }
}

/// Which edge of its paragraph a place is measured from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Start,
    End,
}

/// Where a place stands in its line and its paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape<'t> {
    /// 1-based column of its start.
    column: usize,
    line: &'t str,
    /// Its start's offset in its paragraph (lines between blank lines), and the paragraph;
    /// `None` past `PARAGRAPH_LINES` lines either way.
    paragraph: Option<(usize, &'t str)>,
}

/// How many lines a paragraph is followed either way to its edge.
const PARAGRAPH_LINES: usize = 256;

impl<'t> Shape<'t> {
    fn of(text: &'t SourceText, place: &Range<usize>) -> Shape<'t> {
        let at = text.line_col(place.start);
        let blank = |line: usize| text.line(line).trim().is_empty();
        let first = (at.line.saturating_sub(PARAGRAPH_LINES).max(1)..at.line).rev().find(|&line| blank(line)).map(|line| line + 1);
        let last = (at.line + 1..=(at.line + PARAGRAPH_LINES).min(text.line_count())).find(|&line| blank(line)).map(|line| line - 1);
        // The text's first or last line ends a paragraph too.
        let first = first.or((at.line <= PARAGRAPH_LINES).then_some(1));
        let last = last.or((at.line + PARAGRAPH_LINES >= text.line_count()).then_some(text.line_count()));
        let paragraph = first.zip(last).and_then(|(first, last)| {
            let start = text.line_start_char(first);
            let end = text.line_start_char(last) + text.line(last).chars().count();
            Some((place.start.checked_sub(start)?, text.slice(start..end)?))
        });
        Shape { column: at.column, line: text.line(at.line), paragraph }
    }

    /// Whether `other` stands as far from the `side` edge of another paragraph as this one from
    /// that edge of its own: set after (or before) the same text, either would stand where a
    /// claim beyond that edge puts it.
    fn twin_from(&self, side: Side, other: &Shape<'_>) -> bool {
        let (Some((at, here)), Some((there_at, there))) = (self.paragraph, other.paragraph) else {
            return false;
        };
        let from = |at: usize, paragraph: &str| match side {
            Side::Start => at,
            Side::End => paragraph.chars().count().saturating_sub(at),
        };
        here != there && from(at, here) == from(there_at, there)
    }

    /// Whether a place of this shape and one of `other`'s could have swapped, with their lines or
    /// their paragraphs, leaving the rest of the text where it was: same place in a line or
    /// paragraph of the same length. Identical lines or paragraphs swapped change nothing.
    fn twin(&self, other: &Shape<'_>) -> bool {
        let alike = |a: &str, b: &str| a.len() == b.len() && a.chars().count() == b.chars().count() && a != b;
        (self.column == other.column && alike(self.line, other.line))
            || matches!((self.paragraph, other.paragraph), (Some((at, here)), Some((there_at, there))) if at == there_at && alike(here, there))
    }
}

/// What the claims placed for certain (`placements`) decide of each claim of `claims` (its
/// source's text, and the places it left open). Contests come first: a claim whose context
/// the others contest is no evidence for the rest.
pub fn verdicts(placements: Vec<Placement>, claims: &[(&SourceText, &Unsettled)], variant_at: impl Fn(usize, Range<usize>) -> Option<Candidate> + Sync) -> Vec<Option<Verdict>> {
    use rayon::prelude::*;
    let mut shifts = Shifts::new(placements);
    let first = shifts.without_twins_of_choices(claims);
    let first = first.as_ref().unwrap_or(&shifts);
    // A place chosen among copies, or an edited passage placed, is weighed against the claims
    // that kept their recorded order only: quotes that stand at one place, in a sibling passage,
    // when their own passage was rewritten around them (the two options of a manual page
    // described alike) are placed there, out of order with the claims after them, and would
    // vouch for the sibling. A claim at its one copy as written is weighed against them all: a
    // neighbour that moved with it to a copy elsewhere shows where the old wording went
    // (`Shifts::edited_in_place`).
    // Made on first need: a run whose claims all stand where they were recorded weighs none.
    let ordered = std::sync::OnceLock::new();
    let ordered = || ordered.get_or_init(|| first.in_recorded_order());
    // The edited passages placed (by their offsets or context), and how much each grew.
    let mut edits: Vec<Edit> = claims
        .iter()
        .filter_map(|(text, unsettled)| {
            let place = &unsettled.places.get(unsettled.chosen?)?.range;
            let grown = place.len() as i128 - unsettled.recorded.len() as i128;
            (unsettled.places.get(unsettled.chosen?)?.tier == Tier::Fuzzy).then(|| Edit { source: SourceKey::of(text), old: unsettled.recorded.start, grown })
        })
        .collect();
    edits.sort_unstable_by_key(|edit| (edit.source, edit.old, edit.grown));
    // Each claim is weighed on its own against what the others left: the claims of a large
    // drifted run are weighed on every core.
    let mut verdicts: Vec<Option<Verdict>> =
        claims
            .par_iter()
            .enumerate()
            .map(|(i, (text, unsettled))| {
                let weighing = if unsettled.alone() && !unsettled.approximate() { first } else { ordered() };
                unsettled.chosen.and_then(|_| weighing.verdict(text, unsettled, &edits, |at| variant_at(i, at)))
            })
            .collect();
    let withdrawn: std::collections::HashSet<Placement> = claims
        .iter()
        .zip(&verdicts)
        .filter_map(|((text, unsettled), verdict)| match verdict {
            Some(Verdict::Contested { chosen, .. } | Verdict::Unexplained { chosen } | Verdict::LeftBehind { chosen } | Verdict::StoodThere { chosen, .. } | Verdict::LeftInPlace { chosen, .. }) => {
                Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places[*chosen].range)
            }
            Some(Verdict::Inside { place, .. }) => Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places[*place].range),
            Some(Verdict::EditedInPlace { .. }) => Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places[unsettled.chosen?].range),
            // An edited place is no placement for certain: nothing to withdraw.
            Some(Verdict::SlidOver { .. } | Verdict::Stray { .. }) => None,
            // A quote standing as written at one place away from its offsets stands there for
            // certain, but where none of the claims around it moved alike, its passage may as well
            // be gone and the copy another passage of the same words (the same formula in the
            // next section of a licence): it tells nothing of where the others went.
            None if unsettled.alone() && !unsettled.approximate() && shifts.stray(SourceKey::of(text), unsettled) => {
                Placement::new(SourceKey::of(text), unsettled.recorded.start, &unsettled.places[0].range)
            }
            _ => None,
        })
        .collect();
    if !withdrawn.is_empty() {
        // A claim's verdict reads the placements of its own source only: where these are the
        // ones it was first weighed against, it is weighed as it was.
        let kept: Vec<Placement> = shifts.placements.iter().filter(|placement| !withdrawn.contains(placement)).copied().collect();
        let changed = sources_differing(&first.placements, &kept);
        shifts.retain(|placement| !withdrawn.contains(placement));
        // A claim at its one copy that a withdrawn placement vouched for is weighed again: two
        // claims of a twin passage (an option of a manual page described like the next), each
        // at its one copy there with its own line reworded, each moved as the other did.
        let again: Vec<(usize, Verdict)> = claims
            .par_iter()
            .enumerate()
            .filter(|(i, (text, unsettled))| verdicts[*i].is_none() && unsettled.alone() && !unsettled.approximate() && changed.contains(&SourceKey::of(text)))
            .filter_map(|(i, (text, unsettled))| match shifts.verdict(text, unsettled, &edits, |at| variant_at(i, at)) {
                // Only the claim's own text edited where the others moved speaks now: the
                // withdrawn claims tell nothing of whether its copy strays.
                Some(verdict @ Verdict::EditedInPlace { .. }) => Some((i, verdict)),
                _ => None,
            })
            .collect();
        for (i, verdict) in again {
            verdicts[i] = Some(verdict);
        }
    }
    let mut set_aside: Vec<Placement> = withdrawn.into_iter().collect();
    set_aside.sort_unstable();
    // Copies are settled by all the placements: claims in paragraphs reordered stand out of
    // their recorded order and are the best evidence for the copies among them (on draws of the
    // foreign suite no rule was written from, settling by the ordered ones alone made more
    // wrong placements than it mended).
    // But a copy the claims in their recorded order settle elsewhere is settled at neither:
    // neighbours placed on copies of their own quotes, out of order (their passages reworded,
    // a twin section as written further on), move as if the claim stood in the twin too.
    let in_order = std::sync::OnceLock::new();
    let in_order = || in_order.get_or_init(|| shifts.in_recorded_order());
    claims.par_iter().zip(&mut verdicts).for_each(|((text, unsettled), verdict)| {
        if unsettled.chosen.is_none() {
            *verdict = match shifts.verdict(text, unsettled, &edits, |_| None) {
                Some(Verdict::Settled(place) | Verdict::Suggested { place }) if shifts.set_aside_points_elsewhere(&set_aside, SourceKey::of(text), unsettled, place) => None,
                Some(verdict @ (Verdict::Settled(place) | Verdict::Suggested { place })) => match in_order().verdict(text, unsettled, &edits, |_| None) {
                    Some(Verdict::Settled(other) | Verdict::Suggested { place: other }) if other != place => None,
                    _ => Some(verdict),
                },
                other => other,
            };
        }
    });
    verdicts
}

/// The sources whose placements differ between `a` and `b` (each sorted, without repeats).
fn sources_differing(a: &[Placement], b: &[Placement]) -> std::collections::HashSet<SourceKey> {
    let mut changed = std::collections::HashSet::new();
    let (mut i, mut j) = (0, 0);
    loop {
        // The smaller of two different placements is in its own list only.
        match (a.get(i), b.get(j)) {
            (None, None) => return changed,
            (Some(x), Some(y)) if x == y => (i, j) = (i + 1, j + 1),
            (Some(x), y) if y.is_none_or(|y| x < y) => {
                changed.insert(x.source);
                i += 1;
            }
            (_, Some(y)) => {
                changed.insert(y.source);
                j += 1;
            }
            (Some(_), None) => unreachable!("taken by the arm before"),
        }
    }
}

/// Of `placements` (sorted by source and recorded start), per source the longest run whose new
/// starts never go back: the claims that kept their recorded order.
fn in_recorded_order(placements: &[Placement]) -> Vec<Placement> {
    let mut kept = Vec::with_capacity(placements.len());
    for source in placements.chunk_by(|a, b| a.source == b.source) {
        // tails[k]: the index of the smallest last new start of a run of k + 1 placements.
        let mut tails: Vec<usize> = Vec::new();
        let mut previous = vec![usize::MAX; source.len()];
        for (i, placement) in source.iter().enumerate() {
            let length = tails.partition_point(|&tail| source[tail].new <= placement.new);
            if length > 0 {
                previous[i] = tails[length - 1];
            }
            match tails.get_mut(length) {
                Some(tail) => *tail = i,
                None => tails.push(i),
            }
        }
        let mut run = Vec::with_capacity(tails.len());
        let mut at = tails.last().copied().unwrap_or(usize::MAX);
        while at != usize::MAX {
            run.push(source[at]);
            at = previous[at];
        }
        kept.extend(run.into_iter().rev());
    }
    kept
}

/// What the claims around a claim decide of its places (indexes into them).
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The place of an ambiguous claim.
    Settled(usize),
    /// The one copy (`place`) where one of the shifts of neighbours that moved apart puts an
    /// ambiguous claim: likely, not certain (the edit between them may have taken its text).
    Suggested { place: usize },
    /// The place its context chose is not where they moved to (or not the only one).
    Contested { chosen: usize, shifted: usize },
    /// The claim's one copy is not where they moved to, and an edited variant of its quote is.
    EditedInPlace { variant: Candidate },
    /// The edited passage over its offsets (`place`) may be a sibling that slid there: the
    /// claims around it moved apart by `unexplained` characters more than its edit explains.
    SlidOver { place: usize, unexplained: i128 },
    /// The edited passage its context chose (`place`) lies between the claims around it where
    /// neither of their shifts puts it.
    Stray { place: usize },
    /// The copy its context chose (`chosen`) is told from the others by one side of the context
    /// only, or fits it less than exactly, and no claim around it moved as if it stood there.
    Unexplained { chosen: usize },
    /// The copy its context chose (`chosen`) stands between the claims around where neither's
    /// shift puts it, and text that may have held the claim's own passage went from between them.
    LeftBehind { chosen: usize },
    /// The copy its context chose (`chosen`) is where the claims nearest it moved to, but another
    /// (`left`) stands where the claims beyond them leave the claim.
    LeftInPlace { chosen: usize, left: usize },
    /// The copy its context chose (`chosen`) stood at `was` when the claim was recorded: the
    /// claims placed around it now (from the one before to the one after: `between`) moved alike.
    StoodThere { chosen: usize, was: usize, between: Range<usize> },
    /// The place chosen (`place`: its one copy, or the one its context chose) lies inside the
    /// passage another claim quotes (`passage`, placed for certain), which held that text at
    /// `was`, not at the claim's offsets.
    Inside { place: usize, passage: Range<usize>, was: usize },
}

/// An edited passage placed by the first pass: where it was recorded, and how many characters
/// longer it is now.
struct Edit {
    source: SourceKey,
    old: usize,
    grown: i128,
}

/// The claims placed for certain around a claim: how the nearest two moved, the stretch whose
/// length they vouch for, and whether they stand on one side of it only.
struct Around {
    shifts: [i128; 2],
    /// Their recorded starts.
    olds: [usize; 2],
    stretch: Range<usize>,
    one_sided: bool,
    /// How the next claims out moved, on each side that has one, when the nearest stand on both sides.
    beyond: Vec<(i128, usize)>,
    /// How the first claims out on each side that did not move with the nearest one there
    /// moved, when there is one on both sides.
    moved_apart_beyond: Vec<(i128, usize)>,
    /// From where the next claim out before stands now to where the next one after does.
    beyond_stretch: Option<Range<usize>>,
}

impl Around {
    /// The two moved apart (by more than `SLACK`): an edit between them.
    fn apart(&self) -> bool {
        self.shifts[0].abs_diff(self.shifts[1]) > SLACK as u128
    }

    /// The lower and the higher of their two shifts.
    fn bounds(&self) -> (i128, i128) {
        (self.shifts[0].min(self.shifts[1]), self.shifts[0].max(self.shifts[1]))
    }
}

/// Where the claims around a claim put it: the places their shifts point at, and whether one of
/// them has a sibling of its shape between them.
struct Shifted {
    places: Vec<usize>,
    sibling: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: SourceKey = SourceKey(1);
    const OTHER: SourceKey = SourceKey(2);

    fn placed(source: SourceKey, old: usize, new: usize) -> Placement {
        Placement::new(source, old, &(new..new + 1)).unwrap()
    }

    /// Rows of one shape: copies a multiple of 100 apart (lines of 100 characters) stand at the
    /// same column; every line and paragraph is told from every other by its length, and no
    /// paragraph breaks between claims.
    struct Rows;

    impl Layout for Rows {
        fn shape(&self, place: &Range<usize>) -> Shape<'_> {
            let unique: &'static str = " ".repeat(place.start).leak();
            Shape { column: place.start % 100 + 1, line: unique, paragraph: Some((0, unique)) }
        }

        fn breaks(&self, _: Range<usize>) -> bool {
            false
        }
    }

    const ROWS: &Rows = &Rows;

    #[test]
    fn the_claims_that_kept_their_order_are_the_longest_run_per_source() {
        // Two claims placed on a sibling far ahead, three after them where the edit put them.
        let placements = [placed(SOURCE, 10, 10), placed(SOURCE, 20, 900), placed(SOURCE, 30, 910), placed(SOURCE, 40, 25), placed(SOURCE, 50, 35), placed(SOURCE, 60, 45)];
        let mut all = placements.to_vec();
        all.extend([placed(OTHER, 5, 900), placed(OTHER, 6, 1)]);
        all.sort_unstable();
        let kept = in_recorded_order(&all);
        assert_eq!(kept, [placements[0], placements[3], placements[4], placements[5], placed(OTHER, 6, 1)]);
        // Equal new starts keep their order; nothing is lost from an ordered run.
        let ordered = [placed(SOURCE, 1, 5), placed(SOURCE, 2, 5), placed(SOURCE, 3, 7)];
        assert_eq!(in_recorded_order(&ordered), ordered);
        assert!(in_recorded_order(&[]).is_empty());
    }

    /// A copy as written at `range`, with how the context fits it.
    fn exact(range: Range<usize>, fit: Option<crate::spans::context::Fit>) -> Candidate {
        Candidate { range, tier: Tier::Exact, errors: 0, similarity: 1.0, fit }
    }

    /// A fit of both sides of the context, naming the same marks.
    fn fits(prefix: f64, suffix: f64) -> Option<crate::spans::context::Fit> {
        Some(crate::spans::context::Fit { prefix: Some(prefix), suffix: Some(suffix), same_marks: true })
    }

    fn unsettled(recorded: Range<usize>, copies: &[usize]) -> Unsettled {
        let len = recorded.len();
        let place = |start: usize| exact(start..start + len, None);
        Unsettled { recorded, places: copies.iter().map(|&start| place(start)).collect(), chosen: None, one_side: false }
    }

    #[test]
    fn neighbours_now_in_reverse_order_settle_nothing() {
        // A manual page describes two options alike. The claims before this one were placed on
        // the second option's copies of their quotes (877 characters on), the claims after it
        // moved back by 307: they stand in the reverse of their recorded order, and the copy of
        // this claim's quote 877 characters on is no more its own than the one before.
        let shifts = Shifts::new(vec![placed(SOURCE, 2660, 3539), placed(SOURCE, 2680, 3557), placed(SOURCE, 3421, 3114), placed(SOURCE, 3498, 3191)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(2787..2815, &[2543, 3664]), ROWS), None);
        // In their recorded order, the same shift before the claim settles the copy it points at.
        let in_order = Shifts::new(vec![placed(SOURCE, 2660, 3539), placed(SOURCE, 2680, 3557), placed(SOURCE, 4421, 4114)]);
        assert_eq!(in_order.settle(SOURCE, &unsettled(2787..2815, &[2543, 3664]), ROWS), Some(1));
    }

    #[test]
    fn a_copy_up_to_typography_is_not_settled_beside_a_copy_as_written() {
        // An entry of a help file moved to the end; the next entry slid into its place, and at
        // the claim's offsets, shifted as the claims after it were, reads "on the\n    key"
        // where the claim quoted "on the key", which stands as written in the moved entry.
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 440)]);
        let retyped = |tier: Tier| {
            let mut claim = unsettled(500..510, &[40, 5000]);
            claim.places[0].tier = tier;
            claim
        };
        assert_eq!(shifts.settle(SOURCE, &retyped(Tier::Folded), ROWS), None);
        assert_eq!(shifts.settle(SOURCE, &retyped(Tier::Exact), ROWS), Some(0));
        // Where every copy is retyped, the one the claims around point at is settled.
        let mut all_retyped = retyped(Tier::Folded);
        all_retyped.places[1].tier = Tier::Folded;
        assert_eq!(shifts.settle(SOURCE, &all_retyped, ROWS), Some(0));
    }

    #[test]
    fn neighbours_that_moved_together_settle_the_copy_their_shift_points_at() {
        // Forty characters inserted above all three claims; the quote also stands far below.
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 140), placed(SOURCE, 900, 940)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[540, 5000]), ROWS), Some(0));
    }

    #[test]
    fn neighbours_that_moved_apart_settle_a_copy_where_one_of_their_shifts_puts_it() {
        // The passage between them grew by 300: the claim moved with the one or the other.
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 1200)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[500, 5000]), ROWS), Some(0));
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[20, 800]), ROWS), Some(1));
        // Exactly there: a copy three characters off is another passage.
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[20, 803]), ROWS), None);
        // Not between the two, and not when both places hold a copy.
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[650, 5000]), ROWS), None);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[500, 800]), ROWS), None);
    }

    /// A paragraph moved away whose quote also stands in the heading just before it, as far
    /// before the quote as the paragraph was long: the claims after it moved back by that
    /// length, so the heading's copy stands where their shift puts the claim. The claims on
    /// either side moved apart (the edit lies between them): the copy is named, not settled;
    /// between claims that moved alike it is settled.
    #[test]
    fn neighbours_that_moved_apart_name_their_copy_without_settling_it() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let claim = unsettled(500..514, &[419, 3000]);
        let apart = vec![placed(source, 100, 100), placed(source, 600, 519)];
        assert_eq!(verdicts(apart, &[(&text, &claim)], |_, _| None), [Some(Verdict::Suggested { place: 0 })]);
        let alike = vec![placed(source, 100, 19), placed(source, 600, 519)];
        assert_eq!(verdicts(alike, &[(&text, &claim)], |_, _| None), [Some(Verdict::Settled(0))]);
    }

    /// Two claims of a manual page's first option, their lines reworded, stand on copies in the
    /// twin option below, out of their recorded order; the claim between them quotes a line of
    /// both options. Its nearest neighbours put it in the twin, the claims in their recorded order
    /// at its own line: settled at neither.
    #[test]
    fn neighbours_out_of_order_do_not_settle_a_copy_the_claims_in_order_settle_elsewhere() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let order = [(0, 6), (200, 206), (250, 256), (300, 306), (3500, 3506)];
        let twin = [(50, 3050), (150, 3150)];
        let placements = |with_twin: bool| {
            let mut all: Vec<Placement> = order.iter().chain(if with_twin { &twin[..] } else { &[] }).map(|&(old, new)| placed(source, old, new)).collect();
            all.sort_by_key(|p| (p.source, p.old));
            all
        };
        let claim = unsettled(100..110, &[106, 3100]);
        // The neighbours on the twin point there, but the claims beyond them point at the other
        // copy: its own text may have stayed where they say.
        assert_eq!(Shifts::new(placements(true)).settle(source, &claim, &text), None);
        // With no copy where the claims beyond point, the neighbours on the twin settle it there.
        assert_eq!(Shifts::new(placements(true)).settle(source, &unsettled(100..110, &[1106, 3100]), &text), Some(1));
        assert_eq!(verdicts(placements(true), &[(&text, &claim)], |_, _| None), [None]);
        // Without the claims on the twin, the claims in order settle it at its own line.
        assert_eq!(verdicts(placements(false), &[(&text, &claim)], |_, _| None), [Some(Verdict::Settled(0))]);
    }

    /// A manual page describes two options alike (`--younger-than`, `--older-than`); sentences of
    /// the first are rewritten, and the quotes of the claims on either side of the claim, gone
    /// from it, stand only in the second: placed there for certain, they moved alike, as if the
    /// claim's passage had moved there too. The claims beyond them moved apart (other sentences
    /// rewritten between them), and one of them points, within a retyped character, at the
    /// claim's own text, left in place.
    #[test]
    fn class3_neighbours_placed_on_a_twin_do_not_settle_a_copy_where_the_claims_beyond_them_leave_it() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let all = vec![placed(source, 2000, 1930), placed(source, 2666, 3672), placed(source, 2809, 3813), placed(source, 2889, 2712), placed(source, 3000, 2823)];
        let claim = unsettled(2729..2775, &[2551, 3733]);
        assert_eq!(Shifts::new(all.clone()).settle(source, &claim, &text), None);
        assert_eq!(verdicts(all.clone(), &[(&text, &claim)], |_, _| None), [None]);
        // Without the copy left in place, the twin is where the claims around it moved.
        let moved = unsettled(2729..2775, &[1200, 3733]);
        assert_eq!(verdicts(all, &[(&text, &moved)], |_, _| None), [Some(Verdict::Settled(1))]);
        // The claims beyond moved apart too, and the claim's own copy stands between them, at
        // neither of their shifts, while the twin stands before both.
        let all = vec![placed(source, 3400, 3130), placed(source, 3798, 2339), placed(source, 3993, 2538), placed(source, 4516, 4070)];
        let claim = unsettled(3920..3958, &[2465, 3612]);
        assert_eq!(verdicts(all.clone(), &[(&text, &claim)], |_, _| None), [None]);
        let moved = unsettled(3920..3958, &[2465, 4900]);
        assert_eq!(verdicts(all, &[(&text, &moved)], |_, _| None), [Some(Verdict::Settled(0))]);
    }

    /// A manual page's paragraphs shuffled: the claim's paragraph ("Passing the number -1 as
    /// MAX_DAYS ...") went to the top with the claim after it, which, alone there, is set aside as
    /// evidence. The claims beyond moved alike onto a sibling paragraph ("... as the
    /// EXPIRE_DATE ..."), holding a copy exactly where their shift points.
    #[test]
    fn class3_a_claim_set_aside_between_the_neighbours_unsettles_a_copy_it_did_not_move_with() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let placements = vec![placed(source, 2398, 1672), placed(source, 2500, 471), placed(source, 2550, 1827)];
        let claim = unsettled(2451..2452, &[422, 1725, 2179]);
        let mate = Unsettled { recorded: 2500..2501, places: vec![exact(471..472, None)], chosen: Some(0), one_side: false };
        assert_eq!(verdicts(placements.clone(), &[(&text, &claim), (&text, &mate)], |_, _| None)[0], None);
        // Where the claim set aside points at no copy, the neighbours settle it.
        let elsewhere = unsettled(2451..2452, &[300, 1725, 2179]);
        assert_eq!(verdicts(placements, &[(&text, &elsewhere), (&text, &mate)], |_, _| None)[0], Some(Verdict::Settled(1)));
    }

    #[test]
    fn a_copy_on_a_sibling_row_between_the_neighbours_settles_nothing() {
        // Rows of one shape reordered between two placed claims keep the stretch's length.
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 900)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[300, 500]), ROWS), None);
        // A copy in prose of another shape between them is no such sibling; one beyond them is
        // outside the stretch they vouch for.
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[333, 500, 1000]), ROWS), Some(1));
    }

    #[test]
    fn a_copy_beside_the_shifted_place_is_not_the_claims() {
        // `| 12 | 12 |` became `| 13 | 12 |`: the neighbours did not move, and the copy of "12"
        // five characters on is the next cell, not the claim's edited one.
        let still = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 900)]);
        assert_eq!(still.settle(SOURCE, &unsettled(500..502, &[505, 5000]), ROWS), None);
        // Nor does the claim's own copy count when another stands a few characters from it.
        assert_eq!(still.settle(SOURCE, &unsettled(500..502, &[500, 505]), ROWS), None);
    }

    #[test]
    fn two_copies_where_the_shift_points_settle_nothing() {
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 900)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..503, &[499, 503]), ROWS), None);
    }

    #[test]
    fn a_copy_away_from_where_the_shift_points_is_not_the_claims() {
        // The claim's own line was deleted and the one copy left between its neighbours stood
        // elsewhere before: it is a sibling, not the claim's text.
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 895)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[700, 5000]), ROWS), None);
    }

    #[test]
    fn retyped_typography_between_the_neighbours_is_within_the_slack() {
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 897)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[498, 5000]), ROWS), Some(0));
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[480, 5000]), ROWS), None);
    }

    #[test]
    fn past_the_last_placed_claim_nothing_is_settled() {
        // The two claims before it moved alike, and a copy stands where they point; but the
        // claim's own passage may have gone, or moved, beyond them without their seeing it.
        let agreeing = Shifts::new(vec![placed(SOURCE, 100, 120), placed(SOURCE, 300, 320)]);
        assert_eq!(agreeing.settle(SOURCE, &unsettled(500..510, &[100, 520]), ROWS), None);
        let first = Shifts::new(vec![placed(SOURCE, 600, 620), placed(SOURCE, 800, 820)]);
        assert_eq!(first.settle(SOURCE, &unsettled(500..510, &[520, 2000]), ROWS), None);
        // Between placed claims, the same copy is settled.
        let around = Shifts::new(vec![placed(SOURCE, 100, 120), placed(SOURCE, 800, 820)]);
        assert_eq!(around.settle(SOURCE, &unsettled(500..510, &[100, 520]), ROWS), Some(1));
    }

    #[test]
    fn neighbours_contest_a_place_context_chose_when_they_point_elsewhere() {
        let chosen = |recorded: Range<usize>, copies: &[usize], chosen: usize| Unsettled { chosen: Some(chosen), ..unsettled(recorded, copies) };
        // An edit right after the claim moved the next claims by 530 and rebuilt, around a copy
        // it brought, the context the claim recorded; the claim's own text moved by -98 with
        // the claims before it. Context alone picks the copy; the neighbours allow both.
        let split = Shifts::new(vec![placed(SOURCE, 759, 661), placed(SOURCE, 854, 756), placed(SOURCE, 1015, 1545), placed(SOURCE, 1038, 1568)]);
        assert_eq!(split.contests(SOURCE, &chosen(1015..1026, &[917, 1545], 1), ROWS), Some(0));
        // Neighbours that moved together and point where context did: no contest.
        let together = Shifts::new(vec![placed(SOURCE, 100, 140), placed(SOURCE, 500, 540), placed(SOURCE, 900, 940)]);
        assert_eq!(together.contests(SOURCE, &chosen(500..510, &[540, 5000], 0), ROWS), None);
        // Pointing at the other copy, they contest; pointing nowhere, they say nothing.
        assert_eq!(together.contests(SOURCE, &chosen(500..510, &[540, 5000], 1), ROWS), Some(0));
        assert_eq!(together.contests(SOURCE, &chosen(500..510, &[3000, 5000], 1), ROWS), None);
        // Text deleted on both sides of the claim: its own copy moved by neither neighbour's
        // shift, and a copy of the next option, with the context it used to have, fits best.
        // That copy stands past the claims that came after it; its own stands between them.
        let deleted = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 700)]);
        assert_eq!(deleted.contests(SOURCE, &chosen(500..510, &[420, 2000], 1), ROWS), Some(0));
        // Chosen between them, it keeps the order: nothing to say.
        assert_eq!(deleted.contests(SOURCE, &chosen(500..510, &[420, 600], 1), ROWS), None);
        // A claim its context placed is no evidence for itself.
        let alone = Shifts::new(vec![placed(SOURCE, 500, 5000)]);
        assert_eq!(alone.contests(SOURCE, &chosen(500..510, &[540, 5000], 1), ROWS), None);
    }

    /// An edited variant of the quote at `range`.
    fn variant(range: Range<usize>) -> Candidate {
        Candidate { range, tier: Tier::Fuzzy, errors: 3, similarity: 0.9, fit: None }
    }

    /// `unsettled` with the places at `edited` approximate (edited variants of the quote).
    fn with_variants(recorded: Range<usize>, copies: &[usize], edited: &[usize]) -> Unsettled {
        let mut unsettled = unsettled(recorded, copies);
        for place in unsettled.places.iter_mut().filter(|place| edited.contains(&place.range.start)) {
            place.tier = Tier::Fuzzy;
        }
        unsettled
    }

    #[test]
    fn a_copy_where_neighbours_that_moved_alike_point_outweighs_a_variant_over_stale_offsets() {
        // Forty characters inserted above: the claim's own text stands at 540, and a look-alike
        // passage slid over its old offsets.
        let together = Shifts::new(vec![placed(SOURCE, 100, 140), placed(SOURCE, 900, 940)]);
        assert_eq!(together.settle(SOURCE, &with_variants(500..530, &[497, 540], &[497]), ROWS), Some(1));
        // The variant is never what they settle (an edit in place next to a copy is for context
        // to decide), nor is a copy when the neighbours moved apart or a variant stands next to it.
        let still = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 900)]);
        assert_eq!(still.settle(SOURCE, &with_variants(500..530, &[500, 3000], &[500]), ROWS), None);
        let apart = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 940)]);
        assert_eq!(apart.settle(SOURCE, &with_variants(500..530, &[497, 540], &[497]), ROWS), None);
        assert_eq!(together.settle(SOURCE, &with_variants(500..530, &[535, 540], &[535]), ROWS), None);
    }

    #[test]
    fn a_copy_context_chose_is_contested_by_an_edited_variant_where_the_neighbours_point() {
        // A man page says "contact the system administrator" in two options. Sixty-four
        // characters were inserted above the claim, whose own sentence was edited in place; its
        // context then fits the other option's copy best, which context alone may not outweigh
        // against an edited variant it never saw (it lies away from the recorded offsets).
        let text = SourceText::new("x".repeat(3_000));
        let fits = Some(crate::spans::context::Fit { prefix: Some(0.8), suffix: Some(1.0), same_marks: true });
        let copy = |start: usize| exact(start..start + 30, fits);
        let chosen = Unsettled { recorded: 500..530, places: vec![copy(1700), copy(2500)], chosen: Some(0), one_side: false };
        let shifted = Shifts::new(vec![placed(SOURCE, 100, 164), placed(SOURCE, 900, 964)]);
        let edited = |at: Range<usize>| (at == (564..594)).then(|| variant(564..596));
        assert_eq!(shifted.verdict_in(SOURCE, &text, &chosen, &[], edited), Some(Verdict::EditedInPlace { variant: variant(564..596) }));
        // Without an edited variant there, the choice of context stands.
        assert_eq!(shifted.verdict_in(SOURCE, &text, &chosen, &[], |_| None), None);
    }

    #[test]
    fn a_lone_copy_away_from_where_the_neighbours_point_is_contested_by_an_edited_variant_there() {
        let lone = |recorded: Range<usize>, copy: usize| Unsettled { chosen: Some(0), ..unsettled(recorded, &[copy]) };
        let looked = std::cell::RefCell::new(Vec::new());
        let probe = |found: Option<Range<usize>>| {
            let looked = &looked;
            move |at: Range<usize>| {
                looked.borrow_mut().push(at);
                found.clone().map(variant)
            }
        };
        // Three hundred characters inserted above; the claim's passage edited in place, its old
        // wording kept in an appendix at 5000.
        let shifted = Shifts::new(vec![placed(SOURCE, 100, 400), placed(SOURCE, 900, 1200)]);
        assert_eq!(shifted.edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(801..830))), Some(variant(801..830)));
        assert_eq!(looked.take(), vec![800..830], "looked for where the neighbours moved it");
        // No variant there: the copy stands.
        assert_eq!(shifted.edited_in_place(SOURCE, &lone(500..530, 5000), probe(None)), None);
        looked.take();
        // A copy where the neighbours point needs no look; nor does one whose neighbours did not
        // move (`locate` looked over the offsets), nor one past the last claim whose two nearest
        // disagree, nor one without placed claims around it.
        assert_eq!(shifted.edited_in_place(SOURCE, &lone(500..530, 803), probe(Some(801..830))), None);
        let still = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 900)]);
        assert_eq!(still.edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(500..530))), None);
        let disagreeing = Shifts::new(vec![placed(SOURCE, 100, 400), placed(SOURCE, 300, 320)]);
        assert_eq!(disagreeing.edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(801..830))), None);
        assert_eq!(Shifts::new(Vec::new()).edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(801..830))), None);
        assert!(looked.take().is_empty());
        // Neighbours that moved apart: either of their shifts may hold the edited passage.
        let apart = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 1200)]);
        assert_eq!(apart.edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(800..830))), Some(variant(800..830)));
        assert_eq!(looked.take(), vec![800..830], "the unmoved one points at the offsets, searched already");
        // A variant that is the copy itself is none.
        assert_eq!(shifted.edited_in_place(SOURCE, &lone(500..530, 5000), probe(Some(4990..5020))), None);
        looked.take();
        // Neighbours that moved alike but for a few characters (an edit of seven characters
        // between the one and the claim): a short quote (seven characters) edited in place
        // stands where the one after it puts it, clear of where the one before does.
        let nearly = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 907)]);
        assert_eq!(nearly.edited_in_place(SOURCE, &lone(500..507, 5000), probe(Some(507..514))), Some(variant(507..514)));
        assert_eq!(looked.take(), vec![507..514], "the unmoved one points at the offsets, searched already");
    }

    #[test]
    fn an_edited_place_over_the_offsets_is_doubted_when_text_went_missing_beside_it() {
        let edited = |recorded: Range<usize>, place: Range<usize>| Unsettled { recorded, places: vec![variant(place)], chosen: Some(0), one_side: false };
        // A word edited in place, three characters longer: the claim after it moved by three.
        let in_place = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 903)]);
        assert_eq!(in_place.slid_over(SOURCE, &edited(500..540, 500..543), 0, &[]), None);
        // The claim's line deleted (60 characters) and a sibling line now over its offsets: the
        // claim after it moved back by 60, which the sibling's edit does not explain.
        let deleted = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 840)]);
        assert_eq!(deleted.slid_over(SOURCE, &edited(500..540, 498..541), 0, &[]), Some(-63));
        // Another claim between them edited 57 characters shorter explains it.
        let other = [Edit { source: SOURCE, old: 700, grown: -57 }];
        let both = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 846)]);
        assert_eq!(both.slid_over(SOURCE, &edited(500..540, 500..543), 0, &other), None);
        // Text added between them beyond the edit: doubted too.
        let inserted = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 900, 1000)]);
        assert_eq!(inserted.slid_over(SOURCE, &edited(500..540, 500..543), 0, &[]), Some(97));
        // With claims on one side only there is nothing to compare.
        let one_side = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 200, 200)]);
        assert_eq!(one_side.slid_over(SOURCE, &edited(500..540, 498..541), 0, &[]), None);
    }

    #[test]
    fn an_edited_place_over_the_offsets_is_doubted_where_the_claims_around_it_moved_elsewhere() {
        let over = |recorded: Range<usize>, place: Range<usize>| Unsettled { recorded, places: vec![variant(place)], chosen: Some(0), one_side: false };
        let text = SourceText::new("x".repeat(3000));
        // Text removed above all three claims (130 characters): the claims around it moved back
        // alike, and the option 130 characters below the claim's rewritten one now lies over its
        // offsets. Its own text, edited, would lie where they moved to.
        let around = Shifts::new(vec![placed(SOURCE, 200, 70), placed(SOURCE, 900, 770)]);
        assert_eq!(around.verdict_in(SOURCE, &text, &over(500..540, 503..541), &[], |_| None), Some(Verdict::Stray { place: 0 }));
        // Where they moved to, edited in place: placed (its first three words lost: it starts later).
        assert_eq!(around.verdict_in(SOURCE, &text, &over(500..540, 370..410), &[], |_| None), None);
        let shorter = Shifts::new(vec![placed(SOURCE, 200, 70), placed(SOURCE, 900, 755)]);
        assert_eq!(shorter.verdict_in(SOURCE, &text, &over(500..540, 385..410), &[], |_| None), None);
        // Nothing moved around it: an edit in place over its offsets.
        let still = Shifts::new(vec![placed(SOURCE, 200, 200), placed(SOURCE, 900, 900)]);
        assert_eq!(still.verdict_in(SOURCE, &text, &over(500..540, 502..541), &[], |_| None), None);
        // Nor when it moved and they did not: `fix` rewrote their offsets after a note was added
        // above, and left this edited claim's as they were.
        assert_eq!(still.verdict_in(SOURCE, &text, &over(500..560, 542..603), &[], |_| None), None);
        // With the claims on one side only, the two nearest must both have moved elsewhere.
        let after = Shifts::new(vec![placed(SOURCE, 600, 153), placed(SOURCE, 700, 253)]);
        assert_eq!(after.verdict_in(SOURCE, &text, &over(500..540, 459..499), &[], |_| None), Some(Verdict::Stray { place: 0 }));
    }

    #[test]
    fn an_edited_place_where_the_claims_before_it_moved_is_doubted_when_text_went_missing_beside_it() {
        let chosen = |recorded: Range<usize>, place: Range<usize>| Unsettled { recorded, places: vec![variant(place)], chosen: Some(0), one_side: false };
        // A paragraph deleted above (everything moved back by 277), then the claim's option
        // deleted (the claims after it moved back by 386): the option after it slid to where the
        // claims before it point, and its context reads alike. Missing, not placed.
        let text = SourceText::new("x".repeat(3000));
        let deleted = Shifts::new(vec![placed(SOURCE, 1838, 1561), placed(SOURCE, 1925, 1648), placed(SOURCE, 2219, 1833), placed(SOURCE, 2300, 1914)]);
        let sibling = chosen(1947..1975, 1672..1689);
        assert!(!deleted.stray(SOURCE, &sibling), "the shift of the claims before it puts it there");
        assert!(matches!(deleted.verdict_in(SOURCE, &text, &sibling, &[], |_| None), Some(Verdict::SlidOver { .. })));
        // The same option, where the claims after it moved alike: its own text, edited.
        let edited = Shifts::new(vec![placed(SOURCE, 1838, 1561), placed(SOURCE, 1925, 1648), placed(SOURCE, 2219, 1939), placed(SOURCE, 2300, 2020)]);
        assert_eq!(edited.verdict_in(SOURCE, &text, &chosen(1947..1975, 1672..1692), &[], |_| { None }), None);
    }

    #[test]
    fn an_approximate_place_is_settled_between_placed_claims_only() {
        let approximate = |recorded: Range<usize>, starts: &[usize]| with_variants(recorded, starts, starts);
        let before = Shifts::new(vec![placed(SOURCE, 100, 60), placed(SOURCE, 300, 260)]);
        assert_eq!(before.settle(SOURCE, &approximate(500..530, &[460, 900]), ROWS), None);
        let around = Shifts::new(vec![placed(SOURCE, 100, 60), placed(SOURCE, 800, 760)]);
        assert_eq!(around.settle(SOURCE, &approximate(500..530, &[460, 900]), ROWS), Some(0));
    }

    #[test]
    fn a_lone_copy_that_moved_with_one_of_two_neighbours_that_moved_apart_is_still_checked() {
        // The nearest claim after it is a copy that moved to an appendix as it did; the claim
        // before it moved with a note inserted at the top, to where the edited passage stands.
        let lone = Unsettled { chosen: Some(0), ..unsettled(500..530, &[5000]) };
        let apart = Shifts::new(vec![placed(SOURCE, 100, 200), placed(SOURCE, 540, 5040)]);
        let edited = variant(600..632);
        assert_eq!(apart.edited_in_place(SOURCE, &lone, |at| (at == (600..630)).then(|| edited.clone())), Some(edited.clone()));
        // Neighbours that moved alike, with it: nothing to look at.
        let together = Shifts::new(vec![placed(SOURCE, 100, 4600), placed(SOURCE, 540, 5040)]);
        assert_eq!(together.edited_in_place(SOURCE, &lone, |_| Some(edited.clone())), None);
    }

    #[test]
    fn an_edited_place_context_chose_between_the_neighbours_where_neither_shift_puts_it_is_doubted() {
        let chosen = |recorded: Range<usize>, at: usize| Unsettled { recorded: recorded.clone(), places: vec![variant(at..at + recorded.len())], chosen: Some(0), one_side: false };
        // The claim's sentence deleted (the claims after it moved back by 70) and its context
        // fitting a sibling option 216 characters on, between the two placed claims.
        let deleted = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 1200, 1130)]);
        assert!(deleted.stray(SOURCE, &chosen(500..560, 716)));
        // Beyond them too (the next option after the next placed claim), and past the last
        // placed claims when they moved alike: moved away from them as well as edited.
        assert!(deleted.stray(SOURCE, &chosen(500..560, 5000)));
        let one_side = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 200, 200)]);
        assert!(one_side.stray(SOURCE, &chosen(500..560, 716)));
        // Where one of their shifts puts it (the passage moved with them, and was edited), or
        // with no placed claim to weigh: not doubted.
        assert!(!deleted.stray(SOURCE, &chosen(500..560, 430)));
        assert!(!deleted.stray(SOURCE, &chosen(500..560, 500)));
        assert!(!one_side.stray(SOURCE, &chosen(500..560, 503)));
        let moved_block = Shifts::new(vec![placed(SOURCE, 400, 4400), placed(SOURCE, 700, 4700)]);
        assert!(!moved_block.stray(SOURCE, &chosen(500..560, 4500)));
        assert!(!Shifts::new(Vec::new()).stray(SOURCE, &chosen(500..560, 5000)));
    }

    #[test]
    fn the_passage_holding_a_copy_does_not_depend_on_where_other_sources_lie_in_memory() {
        // Sources are told apart by their texts' addresses, which order them differently from run
        // to run. Two passages of one source start together (claims quoting a paragraph and its
        // first sentences), among many of other sources: the one said to hold a copy must be the
        // same whichever way the sources are ordered.
        let own = |source: SourceKey| {
            let mut placements = vec![Placement::new(source, 1000, &(600..900)).unwrap(), Placement::new(source, 1100, &(600..700)).unwrap()];
            placements.extend((0..40).map(|i| Placement::new(source, 3000 + 100 * i, &(2000 + 100 * i..2050 + 100 * i)).unwrap()));
            placements
        };
        let others = |source: SourceKey, count: usize| (0..count).map(move |i| Placement::new(source, 7 * i, &(600 + (i % 3)..650)).unwrap());
        let passages: Vec<Option<(Range<usize>, usize)>> = (0..6)
            .flat_map(|theirs| (0..8).map(move |count| (SourceKey(3), SourceKey(2 * theirs), 40 * count)))
            .map(|(mine, theirs, count)| {
                let mut placements = own(mine);
                placements.extend(others(theirs, count));
                Shifts::new(placements).inside_another(mine, &(1400..1412), &(609..621))
            })
            .collect();
        assert!(passages[0].is_some());
        assert!(passages.iter().all(|passage| *passage == passages[0]), "{passages:?}");
    }

    #[test]
    fn a_copy_told_apart_by_one_side_only_where_the_claims_around_moved_apart_is_doubted() {
        // A help file's entries each end in the same question ("Answer yes or no"): the prefix
        // fits every copy of the quote. The entries were rearranged; a sibling entry now stands
        // before the one the claim's recorded suffix names, so context fits it on both sides,
        // while the claim's own copy lost its old suffix. The claims around moved apart, by
        // -3813 and +175, and neither as if the claim stood at the copy context chose.
        let copy = |start: usize, fit| exact(start..start + 15, fit);
        let chosen = Unsettled { recorded: 5884..5899, places: vec![copy(1933, fits(1.0, 1.0)), copy(7945, fits(1.0, 0.55)), copy(9120, fits(0.6, 0.5))], chosen: Some(0), one_side: false };
        let text = SourceText::new("x".repeat(12_000));
        let apart = Shifts::new(vec![placed(SOURCE, 4428, 2293), placed(SOURCE, 4954, 1141), placed(SOURCE, 6497, 6672), placed(SOURCE, 6586, 6761)]);
        assert_eq!(apart.verdict_in(SOURCE, &text, &chosen, &[], |_| None), Some(Verdict::Unexplained { chosen: 0 }));
        // Where one of them moved as if the claim stood there, context stands.
        let explained = Shifts::new(vec![placed(SOURCE, 4428, 2293), placed(SOURCE, 5500, 1549), placed(SOURCE, 6497, 6672), placed(SOURCE, 6586, 6761)]);
        assert_eq!(explained.verdict_in(SOURCE, &text, &chosen, &[], |_| None), None);
        // So it does where no other copy fits either side as well.
        let alone = Unsettled { places: vec![copy(1933, fits(1.0, 1.0)), copy(7945, fits(0.7, 0.55))], ..chosen.clone() };
        assert_eq!(apart.verdict_in(SOURCE, &text, &alone, &[], |_| None), None);
        // Unless the copy chosen fits the context less than exactly: the same step of another
        // lesson of a tutorial, whose prefix names `dw` where the row's names `d$`.
        let nearly = Unsettled { places: vec![copy(1933, fits(0.97, 1.0)), copy(7945, fits(0.7, 0.55))], ..chosen };
        assert_eq!(apart.verdict_in(SOURCE, &text, &nearly, &[], |_| None), Some(Verdict::Unexplained { chosen: 0 }));
        assert_eq!(explained.verdict_in(SOURCE, &text, &nearly, &[], |_| None), None);
    }

    /// Two lessons of a tutorial open their exercises with the same step, the same words around
    /// it ("1. Press <ESC> to make sure you are in Normal mode." between the lesson's heading and
    /// step 2): the row's context fits both copies whole. The first lesson's step is moved to the
    /// end of the file; the claims before it did not move, those after it moved back by the
    /// step's length, and the second lesson's copy stands between them where neither's shift
    /// puts it. The text that went from between them could hold the quote: the copy is doubted.
    #[test]
    fn class4_a_twin_whose_context_fits_whole_is_doubted_where_text_went_from_between_the_claims_around() {
        let copy = |start: usize, fit| exact(start..start + 30, fit);
        let text = SourceText::new("x".repeat(40_000));
        let source = SourceKey::of(&text);
        let claim = Unsettled { recorded: 4100..4130, places: vec![copy(4900, fits(1.0, 1.0)), copy(31_000, fits(0.8, 0.1))], chosen: Some(0), one_side: false };
        let step_went = vec![placed(source, 3500, 3500), placed(source, 6200, 6140)];
        assert_eq!(verdicts(step_went, &[(&text, &claim)], |_, _| None), [Some(Verdict::LeftBehind { chosen: 0 })]);
        // Text added between them, not taken away: nothing of the claim's can have gone there.
        let added = vec![placed(source, 3500, 3500), placed(source, 6200, 6260)];
        assert_eq!(verdicts(added, &[(&text, &claim)], |_, _| None), [None]);
        // Less went than the quote's length: the claim's own passage cannot have gone with it.
        let little_went = vec![placed(source, 3500, 3500), placed(source, 6200, 6180)];
        assert_eq!(verdicts(little_went, &[(&text, &claim)], |_, _| None), [None]);
        // A copy moved as several removals between them could move it (its shift between
        // theirs) is the claim's own passage after text went on either side of it.
        let between = Unsettled { places: vec![copy(4070, fits(1.0, 1.0)), copy(31_000, fits(0.8, 0.1))], ..claim.clone() };
        let both_sides = vec![placed(source, 3500, 3500), placed(source, 6200, 6140)];
        assert_eq!(verdicts(both_sides, &[(&text, &between)], |_, _| None), [None]);
    }

    /// A tutorial's step, moved to the end of the file, has a twin in the next lesson whose 64
    /// characters of context read as the row's. The claims placed just before and after the twin
    /// now moved alike and were recorded after the claim: the twin stood between them already,
    /// 819 characters past the claim's offsets. It is another passage, whatever its context says.
    #[test]
    fn class4_a_copy_between_claims_that_moved_alike_stood_there_before_the_edit() {
        let copy = |start: usize, fit| exact(start..start + 23, fit);
        let text = SourceText::new("x".repeat(40_000));
        let source = SourceKey::of(&text);
        let claim = Unsettled { recorded: 7830..7853, places: vec![copy(8649, fits(1.0, 1.0)), copy(38_801, fits(0.7, 0.2))], chosen: Some(0), one_side: false };
        // Before the claim nothing moved; after it, everything moved back by the step's 62 characters.
        let placements = vec![placed(source, 4573, 4573), placed(source, 8074, 8012), placed(source, 11_746, 11_684)];
        let verdict = verdicts(placements, &[(&text, &claim)], |_, _| None);
        assert_eq!(verdict, [Some(Verdict::StoodThere { chosen: 0, was: 8711, between: 8012..11_685 })]);
        // The claims around the copy recorded on both sides of the claim, alike: the claim's own
        // passage may lie between them, moved with them.
        let around_it = vec![placed(source, 4573, 4573), placed(source, 7000, 7819), placed(source, 9000, 9819)];
        assert_eq!(verdicts(around_it, &[(&text, &claim)], |_, _| None), [None]);
        // The claims around the copy moved apart: text was added between them, perhaps the claim's.
        let apart = vec![placed(source, 4573, 4573), placed(source, 8074, 8012), placed(source, 11_746, 11_900)];
        assert!(!matches!(verdicts(apart, &[(&text, &claim)], |_, _| None)[0], Some(Verdict::StoodThere { .. })));
    }

    /// Two sections of a licence open with one formula ("Subject to the terms and conditions of
    /// this License, each Contributor hereby grants"). The sentence opening the second is deleted
    /// with a claim quoting its first words, whose one copy is now the first section's; the next
    /// claim's context fits the first section's copy whole, and its own copy in the second only
    /// by its suffix. Placed at their copies in the first section, the two moved alike: each
    /// would vouch for the other.
    #[test]
    fn class3_a_quote_placed_on_a_twin_does_not_vouch_for_a_context_choice_in_the_same_twin() {
        let copy = |start: usize, len: usize, fit| exact(start..start + len, fit);
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let chosen = Unsettled { recorded: 3996..3997, places: vec![copy(3282, 1, fits(1.0, 1.0)), copy(3632, 1, fits(0.16, 1.0))], chosen: Some(0), one_side: false };
        let lone = Unsettled { recorded: 3949..3950, places: vec![copy(3235, 1, None)], chosen: Some(0), one_side: false };
        let placements = vec![placed(source, 3515, 3215), placed(source, 3789, 3489), placed(source, 3949, 3235), placed(source, 3996, 3282), placed(source, 4437, 3928), placed(source, 4534, 4025)];
        let verdict = verdicts(placements.clone(), &[(&text, &chosen), (&text, &lone)], |_, _| None);
        assert_eq!(verdict[0], Some(Verdict::Unexplained { chosen: 0 }));
        // A quote at its one copy that the claims around it, choices left aside, explain still vouches.
        let explained = vec![placed(source, 3515, 3215), placed(source, 3789, 3075), placed(source, 3949, 3235), placed(source, 3996, 3282), placed(source, 4437, 3723), placed(source, 4534, 4025)];
        assert_eq!(verdicts(explained, &[(&text, &chosen), (&text, &lone)], |_, _| None)[0], None);
    }

    /// A choice resting on one side of the context against a nearer copy that shares the other
    /// stands only where the claims around it moved as if it stood there.
    #[test]
    fn class4_a_choice_resting_on_one_side_stands_only_where_the_claims_around_moved_with_it() {
        let copy = |start: usize, fit| exact(start..start + 1, fit);
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let claim = Unsettled { recorded: 3996..3997, places: vec![copy(3282, fits(1.0, 1.0)), copy(3632, fits(0.2, 1.0))], chosen: Some(0), one_side: true };
        // Alone in its source: nothing vouches for the choice.
        assert_eq!(verdicts(Vec::new(), &[(&text, &claim)], |_, _| None), [Some(Verdict::Unexplained { chosen: 0 })]);
        // The claims on both sides moved by -714, as the copy chosen did.
        let with_it = vec![placed(source, 3000, 2286), placed(source, 4400, 3686)];
        assert_eq!(verdicts(with_it.clone(), &[(&text, &claim)], |_, _| None), [None]);
        // Only the claim before moved so; the one after stands where nothing moved it: the text
        // between was edited, perhaps right beside the claim's own copy.
        let before_only = vec![placed(source, 3000, 2286), placed(source, 4400, 4400)];
        assert_eq!(verdicts(before_only, &[(&text, &claim)], |_, _| None), [Some(Verdict::Unexplained { chosen: 0 })]);
        // Both moved with it, but the claims beyond them point at the other copy: the nearest
        // two may stand on copies of their own quotes next to the chosen one.
        let twins = vec![placed(source, 2000, 1636), placed(source, 3000, 2286), placed(source, 4400, 3686), placed(source, 5000, 4636)];
        assert_eq!(verdicts(twins, &[(&text, &claim)], |_, _| None), [Some(Verdict::Unexplained { chosen: 0 })]);
        // The claims around moved as if it stood at the nearer copy: contested.
        let with_the_other = vec![placed(source, 3000, 2636), placed(source, 4400, 4036)];
        assert_eq!(verdicts(with_the_other, &[(&text, &claim)], |_, _| None), [Some(Verdict::Contested { chosen: 0, shifted: 1 })]);
        // A copy up to typography chosen while the other stands as written is not vouched for.
        let retyped = |tier| Candidate { tier, ..copy(3282, fits(1.0, 1.0)) };
        let typeset = Unsettled { places: vec![retyped(Tier::Folded), copy(3632, fits(0.2, 1.0))], ..claim.clone() };
        assert_eq!(verdicts(with_it.clone(), &[(&text, &typeset)], |_, _| None), [Some(Verdict::Unexplained { chosen: 0 })]);
        // Without the doubt, the same choice stands alone.
        let decided = Unsettled { one_side: false, ..claim };
        assert_eq!(verdicts(Vec::new(), &[(&text, &decided)], |_, _| None), [None]);
    }

    /// The same two options, one rewritten around the claim's line: the claims nearest it,
    /// their own text gone, stand on the twin option's copies, and so does the claim's context,
    /// which read the same around both lines. The claim after them moved 11 characters less
    /// than the claim's own line (the rest of its sentence rewritten in between): that line is
    /// still left where it points.
    #[test]
    fn class3_context_fitting_the_twin_the_nearest_claims_stand_on_does_not_outweigh_a_copy_the_claims_beyond_leave() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let around = |after: usize| vec![placed(source, 4150, 2782), placed(source, 4195, 2829), placed(source, 4347, 2981), placed(source, 4499, after)];
        let chosen = Unsettled { places: vec![exact(2947..2973, fits(1.0, 1.0)), exact(4088..4114, fits(0.3, 0.3))], chosen: Some(0), ..unsettled(4313..4339, &[]) };
        assert_eq!(verdicts(around(4263), &[(&text, &chosen)], |_, _| None), [Some(Verdict::LeftInPlace { chosen: 0, left: 1 })]);
        // Without context, the nearest claims settle nothing either.
        let without = unsettled(4313..4339, &[2947, 4088]);
        assert_eq!(Shifts::new(around(4263)).settle(source, &without, &text), None);
        // Everything around moved with the copy chosen: it stands.
        assert_eq!(verdicts(around(3133), &[(&text, &chosen)], |_, _| None), [None]);
        assert_eq!(Shifts::new(around(3133)).settle(source, &without, &text), Some(0));
        // The other copy further from where the claim after leaves it than the text between
        // could have changed (an eighth of 186 characters): no copy is left there.
        let far = Unsettled { places: vec![exact(2947..2973, fits(1.0, 1.0)), exact(4117..4143, fits(0.3, 0.3))], ..chosen.clone() };
        assert_eq!(verdicts(around(4263), &[(&text, &far)], |_, _| None), [None]);
    }

    /// A changelog repeats a release entry in the next; lines of the later entry were deleted.
    /// Three claims whose quotes went with them now stand only in the earlier entry, moved
    /// alike, and the claim among them has a copy there too. The claims out past them moved by
    /// -472 and -835 (lines deleted between them), and the claim's own line, left where it was,
    /// moved by -701, between the two.
    #[test]
    fn class3_claims_standing_on_a_twin_entry_do_not_carry_the_claim_there_from_between_the_claims_beyond() {
        let text = SourceText::new("x".repeat(30000));
        let source = SourceKey::of(&text);
        let twin = [(20602, 21946), (20820, 22164), (21372, 22716)];
        let around = |out: &[(usize, usize)]| {
            let mut all: Vec<Placement> = twin.iter().chain(out).map(|&(old, new)| placed(source, old, new)).collect();
            all.sort_by_key(|p| (p.source, p.old));
            all
        };
        let beyond = around(&[(15863, 15391), (23571, 22736)]);
        let without = unsettled(20845..20855, &[20144, 22189]);
        assert_eq!(Shifts::new(beyond.clone()).settle(source, &without, &text), None);
        let chosen = Unsettled { places: vec![exact(20144..20154, fits(0.3, 0.3)), exact(22189..22199, fits(1.0, 1.0))], chosen: Some(1), ..unsettled(20845..20855, &[]) };
        assert_eq!(verdicts(beyond.clone(), &[(&text, &chosen)], |_, _| None), [Some(Verdict::LeftInPlace { chosen: 1, left: 0 })]);
        // The other copy outside the shifts of the claims beyond: the claims on the twin settle it.
        assert_eq!(Shifts::new(beyond).settle(source, &unsettled(20845..20855, &[19645, 22189]), &text), Some(1));
        // With the claims beyond moved as the three did, nothing is left in place.
        let with_them = around(&[(15863, 17207), (23571, 24915)]);
        assert_eq!(Shifts::new(with_them).settle(source, &without, &text), Some(1));
    }

    /// A manual page describes two options alike. Two claims of the first, a line apart, had a
    /// word of their own lines reworded; each quote now stands as written only in the second
    /// option, 795 characters on, where each moved as the other did. The claim after them moved
    /// by 10 (text added before), where each one's own line, edited, stands.
    #[test]
    fn class2_two_claims_at_their_one_copy_in_a_twin_do_not_vouch_for_each_other() {
        let text = SourceText::new("x".repeat(6000));
        let source = SourceKey::of(&text);
        let alone = |old: usize, new: usize| Unsettled { recorded: old..old + 10, places: vec![exact(new..new + 10, None)], chosen: Some(0), one_side: false };
        let (first, second) = (alone(1813, 2608), alone(1877, 2672));
        let mut all = vec![placed(source, 1743, 210), placed(source, 3000, 3010)];
        all.extend([(1813, 2608), (1877, 2672)].map(|(old, new)| Placement::new(source, old, &(new..new + 10)).unwrap()));
        all.sort_by_key(|p| (p.source, p.old));
        let edited = |at: Range<usize>| Candidate { range: at, tier: Tier::Fuzzy, errors: 1, similarity: 0.9, fit: None };
        // Each one's own line, edited, where the claim after them moved.
        let variant_at = |i: usize, at: Range<usize>| (at.start == [1823, 1887][i]).then(|| edited(at));
        let found = verdicts(all, &[(&text, &first), (&text, &second)], variant_at);
        assert_eq!(found, [Some(Verdict::EditedInPlace { variant: edited(1823..1833) }), Some(Verdict::EditedInPlace { variant: edited(1887..1897) })]);
    }

    #[test]
    fn a_copy_inside_another_claims_passage_that_stood_elsewhere_is_that_passages_text() {
        // Claim A quoted 300 characters at 1000 (a licence's grant clause, "...conditions of this
        // License, each Contributor..."); claim B quoted "this License" at 1400, in the next
        // clause. Both moved back by 400 characters, and the words before B's copy were
        // rewritten, so B's context fits the copy inside A's passage, at 609, best.
        let a = Placement::new(SOURCE, 1000, &(600..900)).unwrap();
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 100), a, placed(SOURCE, 2000, 1600)]);
        let mut chosen = unsettled(1400..1412, &[609, 1000]);
        chosen.chosen = Some(0);
        let text = SourceText::new("x".repeat(3000));
        let verdict = shifts.verdict_in(SOURCE, &text, &chosen, &[], |_| None);
        assert_eq!(verdict, Some(Verdict::Inside { place: 0, passage: 600..900, was: 1009 }));
        // Its own copy, where the neighbours put it, is not inside another passage.
        chosen.chosen = Some(1);
        assert_eq!(shifts.inside_another(SOURCE, &chosen.recorded, &chosen.places[1].range), None);
        // Nor do the neighbours settle a copy inside A's passage.
        let unchosen = unsettled(1009..1021, &[609, 5000]);
        let settled = Shifts::new(vec![placed(SOURCE, 100, 100), placed(SOURCE, 1001, 601), a, placed(SOURCE, 2000, 1600)]);
        assert_eq!(settled.settle(SOURCE, &unsettled(1400..1412, &[1000, 5000]), ROWS), Some(0), "its own copy is settled");
        let pointing_inside = Shifts::new(vec![a, placed(SOURCE, 1300, 509), placed(SOURCE, 2000, 1209)]);
        assert_eq!(pointing_inside.settle(SOURCE, &unsettled(1400..1412, &[609, 5000]), ROWS), None, "where they point lies inside A's passage");
        assert_eq!(
            Shifts::new(vec![placed(SOURCE, 100, 100), a, placed(SOURCE, 2000, 1600)]).inside_another(SOURCE, &unchosen.recorded, &unchosen.places[0].range),
            None,
            "a claim quoting part of A's passage stood inside it"
        );
        // The one copy of a claim whose own text went, inside A's passage: its words are A's.
        let mut alone = unsettled(1400..1412, &[609]);
        alone.chosen = Some(0);
        assert_eq!(shifts.verdict_in(SOURCE, &text, &alone, &[], |_| None), Some(Verdict::Inside { place: 0, passage: 600..900, was: 1009 }));
    }

    #[test]
    fn the_neighbours_settle_no_copy_whose_context_fits_worse_than_another() {
        use super::super::context::Fit;
        let fit = |prefix: f64, suffix: f64| Some(Fit { prefix: Some(prefix), suffix: Some(suffix), same_marks: true });
        let shifts = Shifts::new(vec![placed(SOURCE, 100, 140), placed(SOURCE, 900, 940)]);
        let mut copies = unsettled(500..510, &[540, 5000]);
        // Context too weak to decide on its own (neither side fits either copy well)...
        copies.places[0].fit = fit(0.70, 0.80);
        copies.places[1].fit = fit(0.72, 0.80);
        assert_eq!(shifts.settle(SOURCE, &copies, ROWS), Some(0), "within the noise: the neighbours settle it");
        // ...still speaks against the copy they point at when it fits another clearly better.
        copies.places[1].fit = fit(1.0, 0.80);
        assert_eq!(shifts.settle(SOURCE, &copies, ROWS), None);
        copies.places[0].fit = fit(1.0, 0.80);
        assert_eq!(shifts.settle(SOURCE, &copies, ROWS), Some(0), "fitting both alike, it says nothing");
    }

    #[test]
    fn a_copy_that_could_have_swapped_places_with_its_line_or_paragraph_settles_nothing() {
        // Entries of one shape: a swap of two entries of one length leaves every claim around
        // them where it was, so the neighbours cannot tell which copy is the claim's.
        let entry = |key: &str, answer: &str| format!(".#gpg.{key}\n# fixme: translate the key line.\n{answer}\n.\n\n");
        let layout = [
            entry("keygen.size.huge", "Answer yes or no"),
            entry("keygen.algo", "Enter the size"),
            entry("keygen.size.wide", "Answer yes or no"),
            entry("keyedit.save", "Save and quit?"),
        ];
        let text = SourceText::new(layout.concat());
        let quote = ": translate the key line.\nAnswer";
        let copies: Vec<usize> = text.as_str().match_indices(quote).map(|(at, _)| text.char_of_byte(at)).collect();
        assert_eq!(copies.len(), 2);
        let (first, second) = (Shape::of(&text, &(copies[0]..copies[0] + 10)), Shape::of(&text, &(copies[1]..copies[1] + 10)));
        assert!(first.twin(&second), "paragraphs of one length, the copy at one offset of each");
        // Identical paragraphs swapped change nothing: no twin.
        let same = SourceText::new([entry("keygen.size.huge", "Answer yes or no"), entry("keygen.algo", "Enter the size"), entry("keygen.size.huge", "Answer yes or no")].concat());
        let at: Vec<usize> = same.as_str().match_indices(quote).map(|(at, _)| same.char_of_byte(at)).collect();
        assert!(!Shape::of(&same, &(at[0]..at[0] + 10)).twin(&Shape::of(&same, &(at[1]..at[1] + 10))));
        // A paragraph one character longer: no twin (its line is longer too).
        let longer = SourceText::new([entry("keygen.size.huge", "Answer yes or no"), entry("keygen.size.wider", "Answer yes or no")].concat());
        let at: Vec<usize> = longer.as_str().match_indices(quote).map(|(at, _)| longer.char_of_byte(at)).collect();
        assert!(!Shape::of(&longer, &(at[0]..at[0] + 10)).twin(&Shape::of(&longer, &(at[1]..at[1] + 10))));
        // Lines of one length holding the copy at one column are twins even within one paragraph.
        let table = SourceText::new("| 2019 | total | 12 |\n| 2020 | total | 15 |\n".to_string());
        assert!(Shape::of(&table, &(7..14)).twin(&Shape::of(&table, &(29..36))));
    }

    #[test]
    fn only_claims_of_the_same_source_are_evidence() {
        let shifts = Shifts::new(vec![placed(OTHER, 100, 140), placed(OTHER, 900, 940)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(500..510, &[540, 5000]), ROWS), None);
    }

    #[test]
    fn offsets_near_the_end_of_the_evidence_range_do_not_wrap() {
        let top = u32::MAX as usize - 10;
        // Wrapping arithmetic would put the claim at 5 + (0 - top) = 16.
        let shifts = Shifts::new(vec![placed(SOURCE, 0, 0), placed(SOURCE, top, 0)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(5..6, &[16]), ROWS), None);
        let shifts = Shifts::new(vec![placed(SOURCE, top - 100, top - 100), placed(SOURCE, top, top)]);
        assert_eq!(shifts.settle(SOURCE, &unsettled(top - 50..top - 40, &[top - 50]), ROWS), Some(0));
        // Past what a placement keeps, a claim gives no evidence rather than a wrong one.
        assert_eq!(Placement::new(SOURCE, usize::MAX, &(0..1)), None);
    }
}
