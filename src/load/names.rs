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

/// One slot: 32 bytes, two to a cache line, so a lookup of a short key (every generated name,
/// `s00457.txt` or `src-2394`) reads one line and nothing else.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    hash: u64,
    /// `u32::MAX` for an empty slot.
    value: u32,
    len: u32,
    /// A key of at most `INLINE` bytes, else the key's start in `Names::keys` (first 4 bytes).
    key: [u8; INLINE],
}

/// Keys this long or shorter are kept in their slot.
const INLINE: usize = 16;

const EMPTY: Slot = Slot { hash: 0, value: u32::MAX, len: 0, key: [0; INLINE] };

impl Names {
    /// Maps `key` to `value` (replacing what it mapped to). Keys and values past four billion
    /// (beyond any folder) are not recorded; looking them up then finds nothing.
    pub fn insert(&mut self, key: &str, value: u32) {
        let (Ok(start), Ok(len)) = (u32::try_from(self.keys.len()), u32::try_from(key.len())) else { return };
        if value == u32::MAX {
            return;
        }
        self.grow();
        let hash = self.hash(key);
        let at = self.find(key, hash);
        if self.slots[at].value == u32::MAX {
            let mut inline = [0; INLINE];
            if key.len() <= INLINE {
                inline[..key.len()].copy_from_slice(key.as_bytes());
            } else {
                inline[..4].copy_from_slice(&start.to_ne_bytes());
                self.keys.extend_from_slice(key.as_bytes());
            }
            self.slots[at] = Slot { hash, value, len, key: inline };
            self.used += 1;
        } else {
            self.slots[at].value = value;
        }
    }

    pub fn get(&self, key: &str) -> Option<u32> {
        self.get_hashed(key, self.hash(key))
    }

    /// What `get` does, with `hash` the key's `hash`, worked out beforehand.
    pub fn get_hashed(&self, key: &str, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let slot = self.slots[self.find(key, hash)];
        (slot.value != u32::MAX).then_some(slot.value)
    }

    /// The hash `get_hashed` and `prefetch` take for `key`.
    pub fn hash(&self, key: &str) -> u64 {
        self.hasher.hash_one(key)
    }

    /// Starts fetching the slot a lookup of the key of hash `hash` reads first, for a lookup a
    /// little later.
    pub fn prefetch(&self, hash: u64) {
        if !self.slots.is_empty() {
            crate::load::text::prefetch_address(std::ptr::from_ref(&self.slots[hash as usize & (self.slots.len() - 1)]).cast());
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: &str, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.value == u32::MAX || (slot.hash == hash && slot.len as usize == key.len() && self.key(slot) == key.as_bytes()) {
                return at;
            }
            at = (at + 1) & mask;
        }
    }

    fn key<'a>(&'a self, slot: &'a Slot) -> &'a [u8] {
        let len = slot.len as usize;
        if len <= INLINE {
            return &slot.key[..len];
        }
        let start = u32::from_ne_bytes([slot.key[0], slot.key[1], slot.key[2], slot.key[3]]) as usize;
        &self.keys[start..start + len]
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
        // Keys longer than a slot holds, one a prefix of the other, and one just at the limit.
        let (long, longer, limit) = ("sub/folder/s00001.txt", "sub/folder/s00001.txt.bak", "sixteen-bytes.tx");
        names.insert(long, 7000);
        names.insert(longer, 7001);
        names.insert(limit, 7002);
        assert_eq!((names.get(long), names.get(longer), names.get(limit)), (Some(7000), Some(7001), Some(7002)));
        assert_eq!((names.get("sub/folder/s00001.tx"), names.get("sixteen-bytes.t")), (None, None));
        assert_eq!(names.get_hashed(long, names.hash(long)), Some(7000));
        names.insert("", 5);
        assert_eq!(names.get(""), Some(5));
    }
}
