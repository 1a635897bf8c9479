//! Approximate matching: where does a pattern occur in a text with at most `k` edits
//! (insertions, deletions, substitutions)?
//!
//! Myers' bit-parallel algorithm (J. ACM 1999) keeps one column of the edit-distance table in
//! machine words, 64 pattern characters per word, so a text character costs one short sequence of
//! word operations per 64 pattern characters: a 300-character quote over a 1 MB source is five
//! million word steps. Patterns longer than 64 characters are split into blocks that pass the
//! horizontal delta of their last row down to the next block, as in the paper's section 4.

use std::ops::Range;

/// A symbol no text character has: pattern characters the source never contains.
pub const ABSENT: u32 = u32::MAX;

/// A pattern compiled for one source alphabet.
pub struct Pattern {
    symbols: Vec<u32>,
    blocks: usize,
    /// `peq[symbol * blocks + block]`: the pattern rows of `block` that hold `symbol`.
    peq: Vec<u64>,
    /// The bit of the pattern's last row in the last block.
    last_row: u64,
}

/// An end position whose best alignment needs `errors` edits, the lowest in its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub end: usize,
    pub errors: usize,
}

/// A place in the text and the edits that turn the pattern into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub range: Range<usize>,
    pub errors: usize,
}

impl Pattern {
    /// `symbols` are the pattern's characters as ids of an alphabet of `alphabet_len` symbols,
    /// `ABSENT` for characters the text never holds.
    pub fn new(symbols: Vec<u32>, alphabet_len: usize) -> Pattern {
        let blocks = symbols.len().div_ceil(64).max(1);
        let mut peq = vec![0u64; alphabet_len * blocks];
        for (row, &symbol) in symbols.iter().enumerate() {
            if symbol != ABSENT {
                peq[symbol as usize * blocks + row / 64] |= 1 << (row % 64);
            }
        }
        let last_row = 1u64 << ((symbols.len().max(1) - 1) % 64);
        Pattern { symbols, blocks, peq, last_row }
    }

    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }

    /// Calls `visit(end, errors)` for every text position: the fewest edits of any alignment of
    /// the pattern that ends there.
    fn scan(&self, text: &[u32], mut visit: impl FnMut(usize, usize)) {
        let blocks = self.blocks;
        let symbols = self.peq.len() / blocks;
        let mut pv = vec![!0u64; blocks];
        let mut mv = vec![0u64; blocks];
        let mut score = self.len() as i64;
        for (position, &symbol) in text.iter().enumerate() {
            let eq_row = if (symbol as usize) < symbols { &self.peq[symbol as usize * blocks..][..blocks] } else { &[][..] };
            // The top row of the table is all zeros: a match may start anywhere.
            let mut carry = 0i32;
            for block in 0..blocks {
                let eq = eq_row.get(block).copied().unwrap_or(0);
                let high = if block + 1 == blocks { self.last_row } else { 1 << 63 };
                carry = advance(eq, &mut pv[block], &mut mv[block], carry, high);
            }
            score += i64::from(carry);
            visit(position + 1, score as usize);
        }
    }

    /// Every run of text positions where the pattern ends with at most `max_errors` edits,
    /// each as its best end (the first of the lowest).
    pub fn ends(&self, text: &[u32], max_errors: usize) -> Vec<End> {
        let mut found = Vec::new();
        let mut run: Option<End> = None;
        self.scan(text, |end, errors| {
            if errors <= max_errors {
                if run.is_none_or(|best| errors < best.errors) {
                    run = Some(End { end, errors });
                }
            } else if let Some(best) = run.take() {
                found.push(best);
            }
        });
        found.extend(run);
        found
    }

    /// The alignment of the pattern that ends at `end`: the start with the fewest edits, and among
    /// equals the one whose length is nearest the pattern's.
    pub fn hit_ending_at(&self, text: &[u32], end: usize, max_errors: usize) -> Hit {
        let m = self.len();
        let from = end.saturating_sub(m + max_errors);
        // Edit distance between reversed prefixes: row i is the pattern's last i characters,
        // column j the j characters before `end`.
        let window: Vec<u32> = text[from..end].iter().rev().copied().collect();
        let mut row: Vec<usize> = (0..=window.len()).collect();
        for (i, &p) in self.symbols.iter().rev().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, &t) in window.iter().enumerate() {
                let substitute = diagonal + usize::from(p != t);
                diagonal = row[j + 1];
                row[j + 1] = substitute.min(row[j + 1] + 1).min(row[j] + 1);
            }
        }
        let best = (0..=window.len()).min_by_key(|&j| (row[j], j.abs_diff(m))).unwrap_or(0);
        Hit { range: end - best..end, errors: row[best] }
    }

    /// Every place the pattern occurs with at most `max_errors` edits, one per run of ends.
    pub fn search(&self, text: &[u32], max_errors: usize) -> Vec<Hit> {
        self.ends(text, max_errors).into_iter().map(|end| self.hit_ending_at(text, end.end, max_errors)).collect()
    }
}

/// One block of one column (Myers 1999, figure 5 extended to blocks): updates the vertical
/// deltas `pv`/`mv` for a text character whose match vector is `eq`, given the horizontal delta
/// `carry_in` entering the block's top row, and returns the delta leaving its `high` row.
#[inline(always)]
fn advance(mut eq: u64, pv: &mut u64, mv: &mut u64, carry_in: i32, high: u64) -> i32 {
    let xv = eq | *mv;
    if carry_in < 0 {
        eq |= 1;
    }
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let carry_out = if ph & high != 0 {
        1
    } else if mh & high != 0 {
        -1
    } else {
        0
    };
    ph <<= 1;
    mh <<= 1;
    if carry_in < 0 {
        mh |= 1;
    } else if carry_in > 0 {
        ph |= 1;
    }
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    carry_out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(text: &str) -> Vec<u32> {
        text.bytes().map(u32::from).collect()
    }

    /// The textbook table: for each end, the fewest edits of any alignment ending there.
    fn naive_scores(pattern: &[u32], text: &[u32]) -> Vec<usize> {
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut scores = Vec::new();
        for &t in text {
            let mut diagonal = column[0];
            column[0] = 0;
            for i in 1..=pattern.len() {
                let value = (diagonal + usize::from(pattern[i - 1] != t)).min(column[i] + 1).min(column[i - 1] + 1);
                diagonal = column[i];
                column[i] = value;
            }
            scores.push(column[pattern.len()]);
        }
        scores
    }

    fn scores(pattern: &[u32], text: &[u32]) -> Vec<usize> {
        let mut scores = Vec::new();
        Pattern::new(pattern.to_vec(), 256).scan(text, |_, errors| scores.push(errors));
        scores
    }

    #[test]
    fn finds_an_edited_sentence_and_its_start() {
        let text = ids("Officials said 137 people were killed in the attack on the hall.");
        let pattern = Pattern::new(ids("145 people were killed in the attack"), 256);
        let hits = pattern.search(&text, 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].errors, 2);
        assert_eq!(&text[hits[0].range.clone()], &ids("137 people were killed in the attack")[..]);
    }

    #[test]
    fn a_pattern_absent_from_the_text_has_no_hit() {
        let text = ids("nothing to see here at all");
        assert!(Pattern::new(ids("completely different words"), 256).search(&text, 3).is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// The blocked bit-parallel scores equal the textbook table, across block boundaries.
        #[test]
        fn blocked_scores_match_the_table(pattern in "[abc]{1,150}", text in "[abcd]{0,300}") {
            let (pattern, text) = (ids(&pattern), ids(&text));
            let compiled = Pattern::new(pattern.clone(), 256);
            let naive = naive_scores(&pattern, &text);
            let bound = pattern.len() / 3;
            let expected: Vec<usize> = naive.iter().copied().filter(|&s| s <= bound).collect();
            // Every reported end is a real end with the true score, and every run is reported.
            let ends = compiled.ends(&text, bound);
            for end in &ends {
                prop_assert_eq!(end.errors, naive[end.end - 1]);
            }
            prop_assert_eq!(ends.is_empty(), expected.is_empty());
            prop_assert_eq!(scores(&pattern, &text), naive.clone());
            // The start search agrees with the end scores.
            for end in &ends {
                let hit = compiled.hit_ending_at(&text, end.end, bound);
                prop_assert_eq!(hit.errors, end.errors);
                prop_assert_eq!(hit.range.end, end.end);
            }
        }
    }
}
