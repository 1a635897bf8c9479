//! The claim ids seen so far in a run, to report each id used twice.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
use std::sync::Arc;

/// Claim ids already used, with the file and row of their first use: duplicates are reported in
/// file and row order, whatever order the batches were checked in.
///
/// The ids are kept end to end in one buffer and listed in order of first use. The table is open
/// addressing with linear probing: each slot holds the top half of an id's hash beside its number
/// in that list, so a new id (almost every id) is told apart without reading the list, and a
/// million ids cost their bytes and a few words each. A million slots do not fit in cache: the
/// caller hashes a batch's ids first and has each slot fetched (`prefetch`) a few ids before it
/// is looked up, so the lookups do not wait on memory one after another.
#[derive(Default)]
pub(super) struct FirstSeen {
    files: Vec<Arc<str>>,
    text: Vec<u8>,
    seen: Vec<SeenId>,
    /// `0` for an empty slot, else `tag << 32 | (number + 1)`; a power of two long.
    slots: Vec<u64>,
    hasher: FxBuildHasher,
}

/// An id in `FirstSeen::text` (it ends where the next begins), and the file and row that first used it.
struct SeenId {
    start: usize,
    file: u32,
    row: u32,
}

/// The part of a hash kept in a slot.
fn tag(hash: u64) -> u64 {
    hash >> 32
}

impl FirstSeen {
    /// Makes room for `ids` ids without growing the table on the way.
    pub(super) fn reserve(&mut self, ids: usize) {
        let fresh = self.seen.capacity() == 0;
        self.seen.reserve(ids);
        if fresh {
            crate::load::arena::advise_huge(&mut self.seen);
        }
        self.grow_to(ids);
    }

    /// The hash `first_use` and `prefetch` take for `id`.
    pub(super) fn hash(&self, id: &[u8]) -> u64 {
        self.hasher.hash_one(id)
    }

    /// Starts fetching the slot of `hash` into cache, for a lookup a little later.
    pub(super) fn prefetch(&self, hash: u64) {
        if let Some(slot) = self.slots.get(self.slot(hash)) {
            prefetch(slot);
        }
    }

    fn slot(&self, hash: u64) -> usize {
        hash as usize & self.slots.len().wrapping_sub(1)
    }

    /// Where `id` (of hash `hash`) was first used, or `None` after recording this use (row `row`
    /// of `file`) as the first.
    pub(super) fn first_use(&mut self, id: &[u8], hash: u64, file: &Arc<str>, row: usize) -> Option<(&str, usize)> {
        self.grow_to(self.seen.len() + 1);
        let mask = self.slots.len() - 1;
        let mut at = self.slot(hash);
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                break;
            }
            if slot >> 32 == tag(hash) {
                let n = (slot & u64::from(u32::MAX)) as usize - 1;
                if self.id(n) == id {
                    let first = &self.seen[n];
                    return Some((&self.files[first.file as usize], first.row as usize));
                }
            }
            at = (at + 1) & mask;
        }
        // Past four billion distinct ids (far beyond what memory holds) an id goes unrecorded.
        let Ok(n) = u32::try_from(self.seen.len() + 1) else { return None };
        if self.files.last() != Some(file) {
            self.files.push(file.clone());
        }
        let file = u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX);
        self.seen.push(SeenId { start: self.text.len(), file, row: u32::try_from(row).unwrap_or(u32::MAX) });
        self.text.extend_from_slice(id);
        self.slots[at] = tag(hash) << 32 | u64::from(n);
        None
    }

    /// The id numbered `n`.
    fn id(&self, n: usize) -> &[u8] {
        let end = self.seen.get(n + 1).map_or(self.text.len(), |next| next.start);
        &self.text[self.seen[n].start..end]
    }

    /// Grows the table, when needed, so that `ids` ids fill at most three quarters of it: linear
    /// probing stays short, mostly within one cache line.
    fn grow_to(&mut self, ids: usize) {
        if ids * 4 <= self.slots.len() * 3 {
            return;
        }
        let len = (ids * 4 / 3 + 1).next_power_of_two().max(16);
        // Zeroed memory fresh from the system: advised before any of it is touched.
        self.slots = vec![0; len];
        crate::load::arena::advise_huge(&mut self.slots);
        let mask = len - 1;
        for n in 0..self.seen.len() {
            let hash = self.hasher.hash_one(self.id(n));
            let mut at = hash as usize & mask;
            while self.slots[at] != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = tag(hash) << 32 | (n as u64 + 1);
        }
    }
}

#[cfg(target_arch = "x86_64")]
fn prefetch(slot: &u64) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: a prefetch is a hint; it reads nothing and cannot fault, and `slot` is a live reference.
    unsafe { _mm_prefetch::<_MM_HINT_T0>((slot as *const u64).cast()) }
}

#[cfg(not(target_arch = "x86_64"))]
fn prefetch(_slot: &u64) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_used_before_across_growth_and_files() {
        let (mut seen, a, b): (FirstSeen, Arc<str>, Arc<str>) = (FirstSeen::default(), "a.csv".into(), "b.csv".into());
        for row in 0..5000 {
            let id = format!("C{row}");
            assert_eq!(seen.first_use(id.as_bytes(), seen.hash(id.as_bytes()), &a, row + 2), None);
        }
        for row in (0..5000).step_by(7) {
            let id = format!("C{row}");
            seen.prefetch(seen.hash(id.as_bytes()));
            assert_eq!(seen.first_use(id.as_bytes(), seen.hash(id.as_bytes()), &b, 9), Some(("a.csv", row + 2)));
        }
        // Ids that are prefixes of one another, and the empty id, stay apart.
        for (row, id) in ["", "C1", "C12", "C123x"].iter().enumerate() {
            let first = seen.first_use(id.as_bytes(), seen.hash(id.as_bytes()), &b, 100 + row).map(|(file, row)| (file.to_string(), row));
            assert_eq!(first, if id.len() == 2 || id.len() == 3 { Some(("a.csv".to_string(), id[1..].parse::<usize>().unwrap() + 2)) } else { None });
        }
        assert_eq!(seen.first_use(b"C123x", seen.hash(b"C123x"), &b, 200), Some(("b.csv", 103)));
    }
}
