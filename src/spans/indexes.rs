//! The folded indexes of the sources being searched, kept within a memory budget.
//!
//! Claims come in runs per source, so the few sources searched last are the ones searched next;
//! a source that left the cache is folded again (about 10 ns per character). The budget
//! keeps the drifted check's memory bounded whatever the number and size of the sources: the
//! cache holds at most `budget` bytes of indexes plus the ones being folded.

use super::locate::{Grown, SourceIndex};
use crate::load::text::SourceText;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The default budget: the folded indexes of about 18,000 sources of 9 KB, or the numbered ones
/// of about 4,000 (a folded source takes a little over a byte per character; the numbering the
/// approximate search reads adds four more, and is made only for the sources that search reads).
/// Refolding a source that left the cache costs about as much as the approximate search of one
/// claim in it, so the budget is set to hold a large repository whole rather than to save a few
/// megabytes: at 64 MiB, a million claims drifted over 5,000 such sources folded each source six
/// times over and took a third longer.
pub const DEFAULT_BUDGET: usize = 192 << 20;

/// Shared by the threads of one run; each source is folded by the first thread that needs it,
/// and a thread needing it meanwhile waits for that fold instead of doing its own.
pub struct Indexes {
    budget: usize,
    /// Shared (weakly) with the indexes it holds, which count their numbering when it is made.
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    by_file: FxHashMap<Box<str>, Entry>,
    /// The files by their last use, least recent first.
    by_use: BTreeMap<u64, Box<str>>,
    clock: u64,
    /// The bytes of the folded indexes held.
    bytes: usize,
}

struct Entry {
    slot: Arc<OnceLock<Arc<SourceIndex>>>,
    used: u64,
    /// Counted once the index is made.
    bytes: usize,
}

impl Default for Indexes {
    fn default() -> Self {
        Indexes::with_budget(DEFAULT_BUDGET)
    }
}

impl Indexes {
    pub fn with_budget(budget: usize) -> Indexes {
        Indexes { budget, state: Arc::default() }
    }

    /// The folded index of `text`, the content of source file `file`.
    pub fn get(&self, file: &str, text: &SourceText) -> Arc<SourceIndex> {
        let slot = self.lock().slot(file);
        // Folding happens outside the lock, so threads fold different sources at once.
        let mut made = false;
        let index = slot
            .get_or_init(|| {
                made = true;
                Arc::new(SourceIndex::counted(text, Some(self.counter(file, &slot))))
            })
            .clone();
        if made {
            // The folded text only: another thread may have numbered the index meanwhile, and
            // counted that itself.
            self.lock().grew(file, &slot, index.folded.heap_bytes(), self.budget);
        }
        index
    }

    /// What the index of `file` in `slot` tells the bytes of its numbering, once made.
    fn counter(&self, file: &str, slot: &Slot) -> Grown {
        let (state, slot, file, budget) = (Arc::downgrade(&self.state), Arc::downgrade(slot), Box::<str>::from(file), self.budget);
        Box::new(move |bytes| {
            if let (Some(state), Some(slot)) = (state.upgrade(), slot.upgrade()) {
                lock(&state).grew(&file, &slot, bytes, budget);
            }
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        lock(&self.state)
    }

    /// The bytes of the indexes held now.
    pub fn bytes(&self) -> usize {
        self.lock().bytes
    }
}

fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

type Slot = Arc<OnceLock<Arc<SourceIndex>>>;

impl State {
    /// The slot of `file`, made empty when it is not held, marked as the most recently used.
    fn slot(&mut self, file: &str) -> Slot {
        self.clock += 1;
        let now = self.clock;
        if let Some(entry) = self.by_file.get_mut(file) {
            let key = self.by_use.remove(&entry.used).unwrap_or_else(|| file.into());
            self.by_use.insert(now, key);
            entry.used = now;
            return entry.slot.clone();
        }
        let slot = Arc::default();
        self.by_file.insert(file.into(), Entry { slot: Arc::clone(&slot), used: now, bytes: 0 });
        self.by_use.insert(now, file.into());
        slot
    }

    /// Counts `bytes` more for the index of `file` in `slot` (just made, or just numbered),
    /// then lets the least recently used indexes go until the cache is within `budget` again
    /// (this one stays: it is in use).
    fn grew(&mut self, file: &str, slot: &Slot, bytes: usize, budget: usize) {
        match self.by_file.get_mut(file) {
            // The entry may have been let go (and made anew) while this thread was folding.
            Some(entry) if Arc::ptr_eq(&entry.slot, slot) => entry.bytes += bytes,
            _ => return,
        }
        self.bytes += bytes;
        while self.bytes > budget {
            let Some(&used) = self.by_use.iter().find(|(_, held)| &***held != file).map(|(used, _)| used) else { break };
            let oldest = self.by_use.remove(&used).unwrap_or_default();
            if let Some(entry) = self.by_file.remove(&oldest) {
                self.bytes -= entry.bytes;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(words: usize) -> SourceText {
        SourceText::new("word ".repeat(words))
    }

    /// The files whose indexes the cache holds, least recently used first.
    fn held(indexes: &Indexes) -> Vec<String> {
        indexes.lock().by_use.values().map(|file| file.to_string()).collect()
    }

    #[test]
    fn a_source_is_folded_once_while_it_is_held() {
        let indexes = Indexes::with_budget(1 << 20);
        let text = source(100);
        let first = indexes.get("a.txt", &text);
        assert!(Arc::ptr_eq(&first, &indexes.get("a.txt", &text)));
        assert_eq!(indexes.bytes(), first.heap_bytes());
    }

    #[test]
    fn the_least_recently_used_indexes_go_when_the_budget_is_spent() {
        let text = source(100);
        let one = SourceIndex::new(&text).heap_bytes();
        let indexes = Indexes::with_budget(2 * one);
        let a = indexes.get("a.txt", &text);
        indexes.get("b.txt", &text);
        // `a` is used again, so `b` is the least recently used when `c` comes.
        assert!(Arc::ptr_eq(&a, &indexes.get("a.txt", &text)));
        indexes.get("c.txt", &text);
        assert_eq!(indexes.bytes(), 2 * one);
        assert!(Arc::ptr_eq(&a, &indexes.get("a.txt", &text)));
        assert_eq!(held(&indexes), ["c.txt", "a.txt"]);
    }

    #[test]
    fn a_numbering_is_counted_when_made_and_counts_towards_the_budget() {
        let text = source(100);
        let folded = SourceIndex::new(&text).heap_bytes();
        let indexes = Indexes::with_budget(3 * folded);
        let a = indexes.get("a.txt", &text);
        indexes.get("b.txt", &text);
        assert_eq!(indexes.bytes(), 2 * folded, "folded only: nothing searched approximately yet");
        // Numbered, `a` takes five times its folded size: `b` goes to make room.
        a.numbering();
        assert!(a.heap_bytes() > 3 * folded);
        assert_eq!(indexes.bytes(), a.heap_bytes());
        assert_eq!(held(&indexes), ["a.txt"]);
        // An index let go before it is numbered is no longer the cache's to count.
        let c = indexes.get("c.txt", &text);
        for file in ["d.txt", "e.txt", "f.txt"] {
            indexes.get(file, &text);
        }
        assert_eq!(held(&indexes), ["d.txt", "e.txt", "f.txt"]);
        c.numbering();
        assert_eq!(indexes.bytes(), 3 * folded);
    }

    #[test]
    fn an_index_larger_than_the_budget_is_still_made_and_used() {
        let indexes = Indexes::with_budget(1);
        let text = source(100);
        let index = indexes.get("big.txt", &text);
        assert_eq!(index.folded.len(), 500);
        assert_eq!(indexes.bytes(), index.heap_bytes());
        indexes.get("other.txt", &text);
        assert_eq!(indexes.bytes(), index.heap_bytes());
        assert_eq!(held(&indexes), ["other.txt"]);
    }
}
