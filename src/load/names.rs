//! Every name a claim may give its source, in one compact table: looked up once per claim, so
//! built to cost one or two cache lines rather than a string allocation per key.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// Names (manifest ids and file names) to numbers, read-only once built.
#[derive(Default)]
pub struct Names {
    /// Open addressing with linear probing, a power of two long and at most half full.
    slots: Vec<Slot>,
    /// Every key, end to end.
    keys: Vec<u8>,
    /// Slots in use.
    used: usize,
    hasher: FxBuildHasher,
}

#[derive(Clone, Copy)]
struct Slot {
    hash: u64,
    /// The key, in `Names::keys`.
    start: u32,
    len: u32,
    /// `u32::MAX` for an empty slot.
    value: u32,
}

const EMPTY: Slot = Slot { hash: 0, start: 0, len: 0, value: u32::MAX };

impl Names {
    /// Maps `key` to `value` (replacing what it mapped to). Keys and values past four billion
    /// (beyond any folder) are not recorded; looking them up then finds nothing.
    pub fn insert(&mut self, key: &str, value: u32) {
        let (Ok(start), Ok(len)) = (u32::try_from(self.keys.len()), u32::try_from(key.len())) else { return };
        if value == u32::MAX {
            return;
        }
        self.grow();
        let hash = self.hasher.hash_one(key);
        let at = self.find(key, hash);
        if self.slots[at].value == u32::MAX {
            self.keys.extend_from_slice(key.as_bytes());
            self.slots[at] = Slot { hash, start, len, value };
            self.used += 1;
        } else {
            self.slots[at].value = value;
        }
    }

    pub fn get(&self, key: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.find(key, self.hasher.hash_one(key))];
        (slot.value != u32::MAX).then_some(slot.value)
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: &str, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.value == u32::MAX || (slot.hash == hash && self.key(slot) == key.as_bytes()) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    fn key(&self, slot: &Slot) -> &[u8] {
        &self.keys[slot.start as usize..slot.start as usize + slot.len as usize]
    }

    /// Makes room for one more key.
    fn grow(&mut self) {
        if (self.used + 1) * 2 <= self.slots.len() {
            return;
        }
        let len = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY; len]);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|slot| slot.value != u32::MAX) {
            let mut at = slot.hash as usize & mask;
            while self.slots[at].value != u32::MAX {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else_across_growth() {
        let mut names = Names::default();
        assert_eq!(names.get("a"), None);
        for n in 0..3000u32 {
            names.insert(&format!("s{n:05}.txt"), n);
        }
        // A later insert replaces: ids are put after file names and win.
        names.insert("s00007.txt", 9999);
        for n in 0..3000u32 {
            assert_eq!(names.get(&format!("s{n:05}.txt")), Some(if n == 7 { 9999 } else { n }));
        }
        for missing in ["", "s00007", "s00007.txt ", "s3000.txt", "S00001.txt"] {
            assert_eq!(names.get(missing), None, "{missing:?}");
        }
        names.insert("", 5);
        assert_eq!(names.get(""), Some(5));
    }
}
