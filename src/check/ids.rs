//! The claim ids seen so far in a run, to report each id used twice.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
use std::sync::Arc;

/// Claim ids already used, with the file and row of their first use: duplicates are reported in
/// file and row order, whatever order the batches were checked in.
///
/// Each id is kept once, in order of first use, as one record in one buffer: its length, its bytes
/// and its row. The table is open addressing with linear probing: each slot holds the top bits
/// of an id's hash beside the offset of its record, so a new id (almost every id) is told apart
/// without reading the records. A million 8-byte ids take about 24 MB (a third of it the table,
/// sized from the file, not to a power of two): fresh memory costs the kernel about as much time to
/// clear as the lookups take, so it is kept small. A million slots do not fit in cache either: the
/// caller hashes a batch's ids first and has each slot fetched (`prefetch`) a few ids before it
/// is looked up, so the lookups do not wait on memory one after another.
#[derive(Default)]
pub(super) struct FirstSeen {
    /// Per id: its length (LEB128), its bytes, its row (4 bytes, little-endian, saturated).
    records: Vec<u8>,
    /// The claims file of the records from each offset on.
    files: Vec<(usize, Arc<str>)>,
    ids: usize,
    /// `0` for an empty slot, else `tag << OFFSET_BITS | (offset + 1)`.
    slots: Vec<u64>,
    hasher: FxBuildHasher,
}

/// Bits of a slot for a record's offset: records up to a terabyte, past what memory holds.
const OFFSET_BITS: u32 = 40;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;
/// The most slots: a slot is found by scaling the hash's low 32 bits to the table's length.
const MOST_SLOTS: usize = 1 << 32;

/// The part of a hash kept in a slot (its high bits; the slot comes from the low ones).
fn tag(hash: u64) -> u64 {
    hash >> OFFSET_BITS
}

impl FirstSeen {
    /// Makes room for `ids` ids without growing the table on the way.
    pub(super) fn reserve(&mut self, ids: usize) {
        if self.records.capacity() == 0 {
            self.records.reserve(ids.saturating_mul(16));
            crate::load::arena::advise_huge(&mut self.records);
        }
        if ids.saturating_mul(4) > self.slots.len().saturating_mul(3) {
            self.rehash(ids.saturating_mul(4) / 3 + 1);
        }
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
        ((hash & u64::from(u32::MAX)) * self.slots.len() as u64 >> 32) as usize
    }

    /// Where `id` (of hash `hash`) was first used, or `None` after recording this use (row `row`
    /// of `file`) as the first.
    pub(super) fn first_use(&mut self, id: &[u8], hash: u64, file: &Arc<str>, row: usize) -> Option<(&str, usize)> {
        if (self.ids + 1) * 4 > self.slots.len() * 3 {
            self.rehash((self.slots.len() * 2).max(16));
        }
        let Some(at) = self.find(id, hash) else { return None };
        let at = match at {
            Ok(offset) => return Some(self.first(offset)),
            Err(at) => at,
        };
        // Past a terabyte of ids, or four billion slots' worth (far beyond what memory holds),
        // an id goes unrecorded.
        let offset = self.records.len();
        if offset as u64 >= OFFSET_MASK || (self.ids + 1) * 4 > self.slots.len() * 3 {
            return None;
        }
        if self.files.last().map(|(_, last)| last) != Some(file) {
            self.files.push((offset, file.clone()));
        }
        let mut len = id.len();
        while len >= 0x80 {
            self.records.push(len as u8 | 0x80);
            len >>= 7;
        }
        self.records.push(len as u8);
        self.records.extend_from_slice(id);
        self.records.extend_from_slice(&u32::try_from(row).unwrap_or(u32::MAX).to_le_bytes());
        self.slots[at] = tag(hash) << OFFSET_BITS | (offset as u64 + 1);
        self.ids += 1;
        None
    }

    /// The offset of `id`'s record, or the empty slot where it goes; `None` with no table.
    fn find(&self, id: &[u8], hash: u64) -> Option<Result<usize, usize>> {
        let len = self.slots.len();
        let mut at = self.slot(hash);
        // The table is never full (a quarter of it at least stays empty), so this ends.
        for _ in 0..len {
            let slot = self.slots[at];
            if slot == 0 {
                return Some(Err(at));
            }
            if slot >> OFFSET_BITS == tag(hash) {
                let offset = (slot & OFFSET_MASK) as usize - 1;
                if self.record(offset).0 == id {
                    return Some(Ok(offset));
                }
            }
            at = if at + 1 == len { 0 } else { at + 1 };
        }
        None
    }

    /// The id and row of the record at `offset`, and the offset of the next record.
    fn record(&self, offset: usize) -> (&[u8], usize, usize) {
        let (mut len, mut shift, mut at) = (0usize, 0, offset);
        loop {
            let byte = self.records[at];
            at += 1;
            len |= usize::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                break;
            }
            shift += 7;
        }
        let id = &self.records[at..at + len];
        let row = u32::from_le_bytes(self.records[at + len..at + len + 4].try_into().unwrap_or_default());
        (id, row as usize, at + len + 4)
    }

    /// The file and row of the record at `offset`.
    fn first(&self, offset: usize) -> (&str, usize) {
        let file = self.files.partition_point(|(start, _)| *start <= offset).saturating_sub(1);
        (self.files.get(file).map_or("", |(_, file)| file), self.record(offset).1)
    }

    /// Makes the table `len` slots long (at most `MOST_SLOTS`), the ids recorded placed anew.
    fn rehash(&mut self, len: usize) {
        let len = len.min(MOST_SLOTS);
        if len <= self.slots.len() {
            return;
        }
        // Zeroed memory fresh from the system: advised before any of it is touched.
        self.slots = vec![0; len];
        crate::load::arena::advise_huge(&mut self.slots);
        let mut offset = 0;
        while offset < self.records.len() {
            let (id, _, next) = self.record(offset);
            let hash = self.hasher.hash_one(id);
            if let Some(Err(at)) = self.find(id, hash) {
                self.slots[at] = tag(hash) << OFFSET_BITS | (offset as u64 + 1);
            }
            offset = next;
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
        // Ids longer than a length byte holds, and rows past what a record keeps.
        let (long, longer) = ("x".repeat(200), "y".repeat(20_000));
        assert_eq!(seen.first_use(long.as_bytes(), seen.hash(long.as_bytes()), &a, 7), None);
        assert_eq!(seen.first_use(longer.as_bytes(), seen.hash(longer.as_bytes()), &b, usize::MAX), None);
        assert_eq!(seen.first_use(long.as_bytes(), seen.hash(long.as_bytes()), &b, 8), Some(("a.csv", 7)));
        assert_eq!(seen.first_use(longer.as_bytes(), seen.hash(longer.as_bytes()), &a, 9), Some(("b.csv", u32::MAX as usize)));
        assert_eq!(seen.first_use(&longer.as_bytes()[1..], seen.hash(&longer.as_bytes()[1..]), &a, 10), None);
    }
}
