//! The claim ids seen so far in a run, to report each id used twice.

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;
use std::sync::Arc;

/// Claim ids already used, with the file and row of their first use: duplicates are reported in
/// file and row order, whatever order the batches were checked in.
///
/// The ids are kept end to end in one buffer and listed in order of first use; the table holds
/// only their numbers in that list, so it stays small enough to stay mostly in cache, and a
/// million ids cost their bytes and a few words each rather than a heap string each.
#[derive(Default)]
pub(super) struct FirstSeen {
    files: Vec<Arc<str>>,
    text: Vec<u8>,
    seen: Vec<SeenId>,
    table: HashTable<u32>,
    hasher: FxBuildHasher,
}

/// An id in `FirstSeen::text`, and the file and row that first used it.
struct SeenId {
    start: usize,
    len: usize,
    file: u32,
    row: u32,
}

impl FirstSeen {
    pub(super) fn reserve(&mut self, ids: usize) {
        let Self { text, seen, table, hasher, .. } = self;
        table.reserve(ids, |&n| hasher.hash_one(seen[n as usize].id(text)));
        seen.reserve(ids);
    }

    /// Where `id` was first used, or `None` after recording this use (row `row` of `file`) as the first.
    pub(super) fn first_use(&mut self, id: &[u8], file: &Arc<str>, row: usize) -> Option<(&str, usize)> {
        let hash = self.hasher.hash_one(id);
        if let Some(&n) = self.table.find(hash, |&n| self.seen[n as usize].id(&self.text) == id) {
            let first = &self.seen[n as usize];
            return Some((&self.files[first.file as usize], first.row as usize));
        }
        if self.files.last() != Some(file) {
            self.files.push(file.clone());
        }
        let file = u32::try_from(self.files.len() - 1).unwrap_or(u32::MAX);
        // Past four billion distinct ids (far beyond what memory holds) an id goes unrecorded.
        let Ok(n) = u32::try_from(self.seen.len()) else { return None };
        self.seen.push(SeenId { start: self.text.len(), len: id.len(), file, row: u32::try_from(row).unwrap_or(u32::MAX) });
        self.text.extend_from_slice(id);
        let Self { text, seen, table, hasher, .. } = self;
        table.insert_unique(hash, n, |&n| hasher.hash_one(seen[n as usize].id(text)));
        None
    }
}

impl SeenId {
    fn id<'t>(&self, text: &'t [u8]) -> &'t [u8] {
        &text[self.start..self.start + self.len]
    }
}
