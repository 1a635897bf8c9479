//! Approximate matching: where does a pattern occur in a text with at most `k` edits
//! (insertions, deletions, substitutions)?
//!
//! Myers' bit-parallel algorithm (J. ACM 1999) keeps one column of the edit-distance table in
//! machine words, 64 pattern characters per word, so a text character costs one short sequence of
//! word operations per 64 pattern characters: a 300-character quote over a 1 MB source is five
//! million word steps. Patterns longer than 64 characters are split into blocks that pass the
//! horizontal delta of their last row down to the next block, as in the paper's section 4.

use rustc_hash::FxHashMap;
use std::ops::Range;

/// A character's number in an alphabet: two bytes, as a source's numbering takes a number a
/// character and most of the memory of the approximate search.
pub type Symbol = u16;

/// A symbol no text character has: pattern characters the source never contains, and the
/// characters of a source past the first 65,535 distinct ones, which therefore match nothing
/// (an edit, never a false match).
pub const ABSENT: Symbol = Symbol::MAX;

/// Dense ids for the distinct characters of one pattern; every other character is `ABSENT`.
///
/// The pattern's table then has one row per character it holds, and a source needs no alphabet
/// of its own: its text is turned into ids when a pattern is searched for in it.
pub struct Alphabet {
    ascii: [Symbol; 128],
    other: FxHashMap<char, Symbol>,
    len: usize,
    /// Whether each symbol is a letter or digit: where words start and end, read from the
    /// numbers without going back to the text.
    alphanumeric: Vec<bool>,
}

impl Alphabet {
    pub fn of(chars: &[char]) -> Alphabet {
        let mut alphabet = Alphabet { ascii: [ABSENT; 128], other: FxHashMap::default(), len: 0, alphanumeric: Vec::new() };
        for &c in chars {
            if alphabet.id(c) == ABSENT {
                alphabet.add(c);
            }
        }
        alphabet
    }

    /// Gives `c`, not yet in the alphabet, the next number; `ABSENT` once every number is given.
    fn add(&mut self, c: char) -> Symbol {
        if self.len >= ABSENT as usize {
            return ABSENT;
        }
        let id = self.len as Symbol;
        match c.is_ascii() {
            true => self.ascii[c as usize] = id,
            false => _ = self.other.insert(c, id),
        }
        self.len += 1;
        self.alphanumeric.push(c.is_alphanumeric());
        id
    }

    /// Numbers every distinct character of `text`: the alphabet, and the text as its numbers.
    pub fn numbering(text: &str) -> (Alphabet, Vec<Symbol>) {
        let mut alphabet = Alphabet { ascii: [ABSENT; 128], other: FxHashMap::default(), len: 0, alphanumeric: Vec::new() };
        // Counted first: a vector of the text's bytes, shrunk after, took four bytes a byte and
        // a copy of the whole.
        let mut symbols = Vec::with_capacity(text.chars().count());
        // The non-ASCII characters seen last, by their low bits: a text uses a few often (the
        // letters of its script), so most skip the hash map.
        let mut recent = [('\0', ABSENT); 256];
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            // ASCII, most of most texts, is read byte by byte without decoding.
            if byte.is_ascii() {
                let mut id = alphabet.ascii[byte as usize];
                if id == ABSENT {
                    id = alphabet.add(byte as char);
                }
                symbols.push(id);
                at += 1;
                continue;
            }
            let c = text[at..].chars().next().expect("a character starts here");
            at += c.len_utf8();
            if recent[c as usize % 256].0 == c {
                symbols.push(recent[c as usize % 256].1);
                continue;
            }
            let mut id = alphabet.id(c);
            if id == ABSENT {
                id = alphabet.add(c);
            }
            if id != ABSENT {
                recent[c as usize % 256] = (c, id);
            }
            symbols.push(id);
        }
        (alphabet, symbols)
    }

    /// About how many bytes of memory the alphabet takes beyond its own size.
    pub fn heap_bytes(&self) -> usize {
        self.other.capacity() * (size_of::<char>() + size_of::<Symbol>() + 1) + self.alphanumeric.capacity()
    }

    pub fn id(&self, c: char) -> Symbol {
        match c.is_ascii() {
            true => self.ascii[c as usize],
            false => self.other.get(&c).copied().unwrap_or(ABSENT),
        }
    }

    /// The ids of the characters of `text`, in order.
    pub fn ids(&self, text: &str) -> Vec<Symbol> {
        text.chars().map(|c| self.id(c)).collect()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// True when symbol `id` is a letter or digit (false for `ABSENT`).
    pub fn is_alphanumeric(&self, id: Symbol) -> bool {
        self.alphanumeric.get(id as usize).copied().unwrap_or(false)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// How many parts of the text one scan reads side by side.
const LANES: usize = 4;
/// Patterns of at most this many blocks (512 characters) are scanned without the cut-off.
const WHOLE_BLOCKS: usize = 8;

/// A pattern compiled for one source alphabet.
pub struct Pattern {
    symbols: Vec<Symbol>,
    blocks: usize,
    /// `peq[symbol * blocks + block]`: the pattern rows of `block` that hold `symbol`; one more
    /// row of zeros, at `alphabet`, stands for every symbol outside the alphabet.
    peq: Vec<u64>,
    alphabet: usize,
    /// The bit of the pattern's last row in the last block.
    last_row: u64,
    /// The pattern read backwards, which finds where a place starts; made on first need and
    /// kept for the claim's other places.
    reversed: std::cell::OnceCell<Box<Pattern>>,
}

/// An end position whose best alignment needs `errors` edits, the lowest in its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct End {
    pub end: usize,
    pub errors: usize,
}

/// Where an alignment may begin and end cleanly: among alignments of equal edits, those whose
/// edges are clean win. A closure of a position says it for both edges.
pub trait Edges {
    /// Whether an alignment may begin with the text character at `at`.
    fn starts_at(&self, at: usize) -> bool;
    /// Whether an alignment may end just before the text character at `at`.
    fn ends_at(&self, at: usize) -> bool;
}

impl<F: Fn(usize) -> bool> Edges for F {
    fn starts_at(&self, at: usize) -> bool {
        self(at)
    }

    fn ends_at(&self, at: usize) -> bool {
        self(at)
    }
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
    pub fn new(symbols: Vec<Symbol>, alphabet_len: usize) -> Pattern {
        let blocks = symbols.len().div_ceil(64).max(1);
        let mut peq = vec![0u64; (alphabet_len + 1) * blocks];
        for (row, &symbol) in symbols.iter().enumerate() {
            if (symbol as usize) < alphabet_len {
                peq[symbol as usize * blocks + row / 64] |= 1 << (row % 64);
            }
        }
        let last_row = 1u64 << ((symbols.len().max(1) - 1) % 64);
        Pattern { symbols, blocks, peq, alphabet: alphabet_len, last_row, reversed: std::cell::OnceCell::new() }
    }

    /// The match vectors of `symbol`, block by block. Characters outside the pattern are common
    /// in a text, so they are sent to the zero row without a branch.
    #[inline(always)]
    fn row(&self, symbol: Symbol) -> &[u64] {
        &self.peq[(symbol as usize).min(self.alphabet) * self.blocks..][..self.blocks]
    }

    pub fn len(&self) -> usize {
        self.symbols.len()
    }

    pub fn is_empty(&self) -> bool {
        self.symbols.is_empty()
    }

    /// Calls `visit(end, errors)` for every text position where the pattern ends with at most
    /// `max_errors` edits, in order, `errors` being the fewest edits of any alignment ending there.
    ///
    /// Only the blocks down to the last one that can still hold a value within `max_errors` are
    /// computed (Ukkonen's cut-off, as Myers applies it to blocks): rows below it cannot lead to a
    /// match, so a long pattern costs about `max_errors / 64 + 1` blocks per text character.
    ///
    /// The text is cut into `LANES` parts scanned side by side, each lane starting `len +
    /// max_errors` characters before its part, where every alignment ending in the part begins.
    /// One lane's column depends on its previous column only, so the lanes are independent chains
    /// of work the processor overlaps; each lane keeps its own cut-off, so it computes exactly
    /// what a scan of its part alone would.
    fn scan(&self, text: &[Symbol], max_errors: usize, mut visit: impl FnMut(usize, usize)) {
        #[cfg(target_arch = "x86_64")]
        let found = if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has just been seen to support AVX2.
            unsafe { self.scan_any_avx2(text, max_errors) }
        } else {
            self.scan_any(text, max_errors)
        };
        #[cfg(not(target_arch = "x86_64"))]
        let found = self.scan_any(text, max_errors);
        for (end, errors) in found.into_iter().flatten() {
            visit(end, errors);
        }
    }

    /// `scan_any` compiled for AVX2, whose vector lanes hold the lanes' columns.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    fn scan_any_avx2(&self, text: &[Symbol], max_errors: usize) -> [Vec<(usize, usize)>; LANES] {
        match self.blocks {
            1 => avx2::scan_whole::<1>(self, text, max_errors),
            2 => avx2::scan_whole::<2>(self, text, max_errors),
            3 => avx2::scan_whole::<3>(self, text, max_errors),
            4 => avx2::scan_whole::<4>(self, text, max_errors),
            _ => self.scan_any(text, max_errors),
        }
    }

    /// The ends `scan` reports, by lane: a pattern of up to `WHOLE_BLOCKS` blocks is computed
    /// whole, a longer one with the cut-off.
    #[inline(always)]
    fn scan_any(&self, text: &[Symbol], max_errors: usize) -> [Vec<(usize, usize)>; LANES] {
        match self.blocks {
            1 => self.scan_whole::<1>(text, max_errors),
            2 => self.scan_whole::<2>(text, max_errors),
            3 => self.scan_whole::<3>(text, max_errors),
            4 => self.scan_whole::<4>(text, max_errors),
            5 => self.scan_whole::<5>(text, max_errors),
            6 => self.scan_whole::<6>(text, max_errors),
            7 => self.scan_whole::<7>(text, max_errors),
            WHOLE_BLOCKS => self.scan_whole::<WHOLE_BLOCKS>(text, max_errors),
            _ => self.scan_parts(text, max_errors),
        }
    }

    /// The ends `scan` reports, by lane, for a pattern of `B` blocks, every block computed at
    /// every character. At the error rates searched (a quarter of the pattern and more) the
    /// cut-off keeps most blocks of a short pattern anyway; without it the lanes' columns stay
    /// in registers and the loop has no branch but the rare end within the bound, several times
    /// faster than `scan_parts` on patterns of a few hundred characters. It reports exactly what
    /// `scan_parts` does: the cut-off only skips rows that cannot reach the bound.
    #[inline(always)]
    fn scan_whole<const B: usize>(&self, text: &[Symbol], max_errors: usize) -> [Vec<(usize, usize)>; LANES] {
        debug_assert_eq!(self.blocks, B);
        let k = max_errors as i64;
        let part = text.len().div_ceil(LANES);
        let bounds: [usize; LANES + 1] = std::array::from_fn(|lane| (lane * part).min(text.len()));
        let starts: [usize; LANES] = std::array::from_fn(|lane| bounds[lane].saturating_sub(self.len() + max_errors));
        let steps = (0..LANES).map(|lane| bounds[lane + 1] - starts[lane]).max().unwrap_or(0);
        let high_bits: [u32; B] = std::array::from_fn(|block| if block == B - 1 { self.last_row.trailing_zeros() } else { 63 });
        let mut pv = [[!0u64; LANES]; B];
        let mut mv = [[0u64; LANES]; B];
        // The value of the table at the pattern's last row; the first column is D[i][0] = i.
        let mut score = [self.len() as i64; LANES];
        let mut found: [Vec<(usize, usize)>; LANES] = Default::default();
        for step in 0..steps {
            let mut rows = [0usize; LANES];
            for (lane, row) in rows.iter_mut().enumerate() {
                let at = starts[lane] + step;
                let symbol = if at < bounds[lane + 1] { text[at] } else { ABSENT };
                *row = (symbol as usize).min(self.alphabet) * B;
            }
            // The top row of the table is all zeros: a match may start anywhere.
            let (mut plus, mut minus) = ([0u64; LANES], [0u64; LANES]);
            for block in 0..B {
                let mut eq = [0u64; LANES];
                for (lane, bits) in eq.iter_mut().enumerate() {
                    *bits = self.peq[rows[lane] + block];
                }
                advance_lanes(eq, &mut pv[block], &mut mv[block], &mut plus, &mut minus, high_bits[block]);
            }
            let mut any = false;
            for lane in 0..LANES {
                score[lane] += plus[lane] as i64 - minus[lane] as i64;
                any |= score[lane] <= k;
            }
            if any {
                for lane in 0..LANES {
                    let end = starts[lane] + step + 1;
                    if score[lane] <= k && end > bounds[lane] && end <= bounds[lane + 1] {
                        found[lane].push((end, score[lane] as usize));
                    }
                }
            }
        }
        found
    }

    /// The ends `scan` reports, by lane.
    #[inline(always)]
    fn scan_parts(&self, text: &[Symbol], max_errors: usize) -> [Vec<(usize, usize)>; LANES] {
        let blocks = self.blocks;
        let last = blocks - 1;
        let rows_in = |block: usize| if block == last { self.len() - 64 * last } else { 64 };
        let k = max_errors as i64;
        let part = text.len().div_ceil(LANES);
        let bounds: [usize; LANES + 1] = std::array::from_fn(|lane| (lane * part).min(text.len()));
        let starts: [usize; LANES] = std::array::from_fn(|lane| bounds[lane].saturating_sub(self.len() + max_errors));
        let steps = (0..LANES).map(|lane| bounds[lane + 1] - starts[lane]).max().unwrap_or(0);
        let mut pv = vec![[!0u64; LANES]; blocks];
        let mut mv = vec![[0u64; LANES]; blocks];
        // The value of the table at the bottom row of each block; the first column is D[i][0] = i.
        let mut score: Vec<[i64; LANES]> = (0..blocks).map(|b| [(64 * b + rows_in(b)) as i64; LANES]).collect();
        // The horizontal delta leaving each block's bottom row in the current column.
        let mut carries = vec![[0i32; LANES]; blocks];
        let mut active = [(max_errors / 64).min(last); LANES];
        let highs: Vec<u64> = (0..blocks).map(|b| if b == last { self.last_row } else { 1 << 63 }).collect();
        let high_bits: Vec<u32> = highs.iter().map(|high| high.trailing_zeros()).collect();
        let mut found: [Vec<(usize, usize)>; LANES] = Default::default();
        for step in 0..steps {
            // Plain loops rather than `array::from_fn`: the compiler keeps them inside this hot
            // loop, where a closure per step was left as a call (a quarter of the scan's time).
            let mut eqs: [&[u64]; LANES] = [&[]; LANES];
            for (lane, eq) in eqs.iter_mut().enumerate() {
                let at = starts[lane] + step;
                *eq = self.row(if at < bounds[lane + 1] { text[at] } else { ABSENT });
            }
            // The top row of the table is all zeros: a match may start anywhere. Lanes whose
            // cut-off is above a block compute it too, on stale state their own activation resets.
            let (mut plus, mut minus) = ([0u64; LANES], [0u64; LANES]);
            let deepest = active.iter().copied().max().unwrap_or(0);
            for block in 0..=deepest {
                let mut eq = [0u64; LANES];
                for (lane, bits) in eq.iter_mut().enumerate() {
                    *bits = eqs[lane][block];
                }
                advance_lanes(eq, &mut pv[block], &mut mv[block], &mut plus, &mut minus, high_bits[block]);
                for lane in 0..LANES {
                    score[block][lane] += plus[lane] as i64 - minus[lane] as i64;
                }
                for lane in 0..LANES {
                    carries[block][lane] = plus[lane] as i32 - minus[lane] as i32;
                }
            }
            for lane in 0..LANES {
                let (eq, at) = (eqs[lane], active[lane]);
                let carry = carries[at][lane];
                if score[at][lane] - i64::from(carry) <= k && at < last && (eq[at + 1] & 1 != 0 || carry < 0) {
                    // The block below may now hold values within reach: start it as if every row
                    // below the last active one were one more than the row above.
                    let at = at + 1;
                    active[lane] = at;
                    pv[at][lane] = !0;
                    mv[at][lane] = 0;
                    score[at][lane] = score[at - 1][lane] - i64::from(carry) + rows_in(at) as i64;
                    let carry = advance(eq[at], &mut pv[at][lane], &mut mv[at][lane], carry, highs[at]);
                    score[at][lane] += i64::from(carry);
                } else {
                    while active[lane] > 0 && score[active[lane]][lane] >= k + 64 {
                        active[lane] -= 1;
                    }
                }
                let end = starts[lane] + step + 1;
                if active[lane] == last && score[last][lane] <= k && end > bounds[lane] && end <= bounds[lane + 1] {
                    found[lane].push((end, score[last][lane] as usize));
                }
            }
        }
        found
    }

    /// Every run of text positions where the pattern ends with at most `max_errors` edits,
    /// each as its best end (the first of the lowest).
    pub fn ends(&self, text: &[Symbol], max_errors: usize) -> Vec<End> {
        let mut found = Vec::new();
        let mut run: Option<(End, usize)> = None;
        self.scan(text, max_errors, |end, errors| match &mut run {
            Some((best, previous)) if *previous + 1 == end => {
                if errors < best.errors {
                    *best = End { end, errors };
                }
                *previous = end;
            }
            _ => {
                found.extend(run.take().map(|(best, _)| best));
                run = Some((End { end, errors }, end));
            }
        });
        found.extend(run.map(|(best, _)| best));
        found
    }

    /// The alignment of the pattern that ends at `end`: the start with the fewest edits, and among
    /// equals the one whose length is nearest the pattern's.
    ///
    /// The reversed pattern is matched against the text read backwards from `end`, with the
    /// start anchored (the table's top row counts the text characters skipped), so one pass
    /// gives the edits for every possible start.
    pub fn hit_ending_at(&self, text: &[Symbol], end: usize, max_errors: usize) -> Hit {
        self.hit_between(text, end, max_errors, &|_| true)
    }

    /// `hit_ending_at`, preferring among starts of equal edits a clean one (`Edges::starts_at`).
    fn hit_between(&self, text: &[Symbol], end: usize, max_errors: usize, boundary: &impl Edges) -> Hit {
        let m = self.len();
        let from = end.saturating_sub(m + max_errors);
        let reversed = self.reversed.get_or_init(|| Box::new(Pattern::new(self.symbols.iter().rev().copied().collect(), self.alphabet)));
        let blocks = reversed.blocks;
        let mut pv = vec![!0u64; blocks];
        let mut mv = vec![0u64; blocks];
        let mut score = m as i64;
        let mut best = (m, 0usize); // (edits, characters taken)
        let key = |(edits, taken): (usize, usize)| (edits, !boundary.starts_at(end - taken), taken.abs_diff(m));
        let mut best_key = key(best);
        for (taken, &symbol) in text[from..end].iter().rev().enumerate() {
            let eq = reversed.row(symbol);
            let mut carry = 1i32;
            for block in 0..blocks {
                let high = if block + 1 == blocks { reversed.last_row } else { 1 << 63 };
                carry = advance(eq[block], &mut pv[block], &mut mv[block], carry, high);
            }
            score += i64::from(carry);
            // Only a start with no more edits than the best can win: its edges are weighed then.
            let candidate = (score as usize, taken + 1);
            if candidate.0 <= best.0 {
                let candidate_key = key(candidate);
                if candidate_key < best_key {
                    (best, best_key) = (candidate, candidate_key);
                }
            }
        }
        Hit { range: end - best.1..end, errors: best.0 }
    }

    /// The best places the pattern occurs with at most `max_errors` edits, fewest edits first,
    /// at most `limit` of them, no two ending within `apart` characters of each other. Among
    /// alignments of equal edits, ends and starts where `boundary` holds (between words) win.
    ///
    /// Unlike `search`, which keeps one place per run of ends, this keeps passages of one shape
    /// standing side by side apart (two table rows, two verses): a run of ends within the bound
    /// can cross from one to the next, and then only the lowest of its dips tells them apart.
    pub fn distinct(&self, text: &[Symbol], max_errors: usize, apart: usize, limit: usize, boundary: impl Edges) -> Vec<Hit> {
        let ends = self.distinct_ends(text, max_errors, apart, limit, &boundary);
        self.hits_at(text, &ends, max_errors, &boundary)
    }

    /// The ends `distinct` keeps, fewest edits first, before their starts are looked for.
    ///
    /// The ends kept at a lower bound are exactly those of these within it: the ends are taken
    /// in order of edits, so the ones within the lower bound come first and are kept or passed
    /// over the same way.
    pub fn distinct_ends(&self, text: &[Symbol], max_errors: usize, apart: usize, limit: usize, boundary: &impl Edges) -> Vec<End> {
        // Ends by edits, and among equal edits those between words first, each bucket by end: a
        // text of one repeated character puts an end within the bound at every position, and
        // bucketing them costs a pass where sorting them cost most of the search.
        // Placed by a count of each bucket: one array, not a vector per bucket.
        let mut found: Vec<(u32, usize)> = Vec::new();
        self.scan(text, max_errors, |end, errors| found.push(((2 * errors.min(max_errors) + usize::from(!boundary.ends_at(end))) as u32, end)));
        let mut starts = vec![0usize; 2 * (max_errors + 1) + 1];
        for &(bucket, _) in &found {
            starts[bucket as usize + 1] += 1;
        }
        for bucket in 1..starts.len() {
            starts[bucket] += starts[bucket - 1];
        }
        let mut next = starts.clone();
        let mut ends = vec![0usize; found.len()];
        for &(bucket, end) in &found {
            ends[next[bucket as usize]] = end;
            next[bucket as usize] += 1;
        }
        let mut kept: Vec<End> = Vec::new();
        for bucket in 0..starts.len() - 1 {
            let in_bucket = &mut ends[starts[bucket]..starts[bucket + 1]];
            if !in_bucket.is_sorted() {
                in_bucket.sort_unstable();
            }
            for &end in in_bucket.iter() {
                if kept.len() == limit {
                    return kept;
                }
                if kept.iter().all(|k| k.end.abs_diff(end) >= apart) {
                    kept.push(End { end, errors: bucket / 2 });
                }
            }
        }
        kept
    }

    /// The places ending at `ends` (each within `max_errors` edits), as `distinct` gives them.
    /// An alignment within the bound is never longer than the pattern plus the bound, so its
    /// start is found the same from any bound at least its edits.
    pub fn hits_at(&self, text: &[Symbol], ends: &[End], max_errors: usize, boundary: &impl Edges) -> Vec<Hit> {
        ends.iter().map(|end| self.hit_between(text, end.end, max_errors, boundary)).collect()
    }

    /// True when a scan costs the same at any bound (every block is computed at every
    /// character): one scan at the widest bound needed then serves every lower one.
    pub fn scans_whole(&self) -> bool {
        self.blocks <= WHOLE_BLOCKS
    }

    /// Every place the pattern occurs with at most `max_errors` edits, one per run of ends.
    pub fn search(&self, text: &[Symbol], max_errors: usize) -> Vec<Hit> {
        self.ends(text, max_errors).into_iter().map(|end| self.hit_ending_at(text, end.end, max_errors)).collect()
    }
}

/// The edits that turn `a` into `b` (Levenshtein distance) when `a` has at most 64 characters,
/// `None` otherwise: Myers' column in one machine word, with the table's top row counting the
/// characters of `b` read (a global alignment), about 64 times fewer steps than the table.
pub fn short_distance(a: &[char], b: &[char]) -> Option<usize> {
    if a.len() > 64 {
        return None;
    }
    if a.is_empty() {
        return Some(b.len());
    }
    let high = 1u64 << (a.len() - 1);
    let (mut pv, mut mv) = (!0u64, 0u64);
    let mut score = a.len() as i64;
    let rows = Rows::of(a);
    for &c in b {
        score += i64::from(advance(rows.holding(c), &mut pv, &mut mv, 1, high));
    }
    Some(score as usize)
}

/// The edits that turn `a` into `b` (Levenshtein distance), for texts of any length: Myers'
/// column in blocks of 64 rows, each block's delta leaving its last row carried into the next
/// (Hyyrö's blocked form), about 64 times fewer steps than the table. The distance of a quote
/// of a few hundred characters to a place is counted again whenever the place is cut or
/// stretched, for every place weighed.
pub fn long_distance(a: &[char], b: &[char]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    let blocks = a.len().div_ceil(64);
    // The match vectors of each distinct character of `a` that `b` holds too (the others match
    // nothing), `blocks` words each: where its rows are.
    let in_b: rustc_hash::FxHashSet<char> = b.iter().copied().collect();
    let mut rows_at: rustc_hash::FxHashMap<char, usize> = rustc_hash::FxHashMap::default();
    for &c in a.iter().filter(|c| in_b.contains(c)) {
        let next = rows_at.len() * blocks;
        rows_at.entry(c).or_insert(next);
    }
    // A long text of thousands of distinct characters (a page of CJK) would take a block per
    // character and per 64 rows: past this many words, the table's single row is counted instead.
    if rows_at.len().saturating_mul(blocks) > MAX_ROW_WORDS {
        return table_distance(a, b);
    }
    let mut eqs = vec![0u64; rows_at.len() * blocks];
    for (row, c) in a.iter().enumerate() {
        if let Some(&at) = rows_at.get(c) {
            eqs[at + row / 64] |= 1 << (row % 64);
        }
    }
    let none = vec![0u64; blocks];
    let (mut pv, mut mv) = (vec![!0u64; blocks], vec![0u64; blocks]);
    let last_high = 1u64 << ((a.len() - 1) % 64);
    let mut score = a.len() as i64;
    for c in b {
        let eq = rows_at.get(c).map_or(&none[..], |&at| &eqs[at..at + blocks]);
        // The top row of a global alignment counts the characters of `b` read: +1 enters it.
        let mut carry = 1;
        for block in 0..blocks {
            let high = if block + 1 == blocks { last_high } else { 1 << 63 };
            carry = advance(eq[block], &mut pv[block], &mut mv[block], carry, high);
        }
        score += i64::from(carry);
    }
    score as usize
}

/// The most words of match vectors `long_distance` builds (8 MiB).
const MAX_ROW_WORDS: usize = 1 << 20;

/// The textbook edit distance table, one row at a time: what `short_distance` and
/// `long_distance` compute a word at a time, for texts too varied for their vectors, and to
/// check them against.
pub(super) fn table_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j + 1] + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

/// The rows of a text of at most 64 characters that hold each character (Myers' match vectors),
/// made once so that each character of the other text costs one lookup, not a pass over this one.
struct Rows {
    ascii: [u64; 128],
    /// The other characters, each once: a side of context holds a few dozen at most.
    other: Vec<(char, u64)>,
}

impl Rows {
    fn of(text: &[char]) -> Rows {
        let mut rows = Rows { ascii: [0; 128], other: Vec::new() };
        for (row, &c) in text.iter().enumerate() {
            let bit = 1u64 << row;
            match c.is_ascii() {
                true => rows.ascii[c as usize] |= bit,
                false => match rows.other.iter_mut().find(|(held, _)| *held == c) {
                    Some((_, bits)) => *bits |= bit,
                    None => rows.other.push((c, bit)),
                },
            }
        }
        rows
    }

    #[inline(always)]
    fn holding(&self, c: char) -> u64 {
        match c.is_ascii() {
            true => self.ascii[c as usize],
            false => self.other.iter().find(|(held, _)| *held == c).map_or(0, |&(_, bits)| bits),
        }
    }
}

/// One block of one column (Myers 1999, figure 5 extended to blocks): updates the vertical
/// deltas `pv`/`mv` for a text character whose match vector is `eq`, given the horizontal delta
/// `carry_in` entering the block's top row, and returns the delta leaving its `high` row.
#[inline(always)]
fn advance(eq: u64, pv: &mut u64, mv: &mut u64, carry_in: i32, high: u64) -> i32 {
    let (mut plus, mut minus) = ([u64::from(carry_in > 0)], [u64::from(carry_in < 0)]);
    let (mut pvs, mut mvs) = ([*pv], [*mv]);
    advance_lanes([eq], &mut pvs, &mut mvs, &mut plus, &mut minus, high.trailing_zeros());
    (*pv, *mv) = (pvs[0], mvs[0]);
    plus[0] as i32 - minus[0] as i32
}

/// `advance` for `L` independent columns at once. The horizontal deltas are kept as two bits,
/// `plus` and `minus` (in: entering the top row; out: leaving row `high_bit`), so every step is
/// plain word arithmetic without branches, which the compiler can run in vector lanes: the deltas
/// vary from character to character, so branching on them would mispredict most of the time.
#[inline(always)]
fn advance_lanes<const L: usize>(eq: [u64; L], pv: &mut [u64; L], mv: &mut [u64; L], plus: &mut [u64; L], minus: &mut [u64; L], high_bit: u32) {
    for lane in 0..L {
        let (p, m) = (pv[lane], mv[lane]);
        let xv = eq[lane] | m;
        let eq = eq[lane] | minus[lane];
        let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
        let ph = m | !(xh | p);
        let mh = p & xh;
        // `ph` and `mh` never share a bit, so at most one delta leaves.
        let (out_plus, out_minus) = ((ph >> high_bit) & 1, (mh >> high_bit) & 1);
        let ph = (ph << 1) | plus[lane];
        let mh = (mh << 1) | minus[lane];
        pv[lane] = mh | !(xv | ph);
        mv[lane] = ph & xv;
        (plus[lane], minus[lane]) = (out_plus, out_minus);
    }
}

/// `Pattern::scan_whole` written with AVX2 vectors, one 64-bit lane per part of the text, for
/// patterns of up to four blocks (256 characters, nearly every quote). The portable loop, left to
/// the compiler's vectorizer, moves each lane between vector and general registers at every step
/// and keeps the columns in memory; here they stay vectors, and the ends found are reported after
/// each stretch of steps rather than inside the loop. On a 60-character pattern over 1 MB (`cargo
/// bench --bench anchor` with `ANCHOR_ONLY=scan`) the scan took 4.1 ms instead of 5.6.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::{ABSENT, LANES, Pattern, Symbol};
    use std::arch::x86_64::*;

    /// Reports exactly what `Pattern::scan_whole::<B>` does.
    #[target_feature(enable = "avx2")]
    pub(super) fn scan_whole<const B: usize>(pattern: &Pattern, text: &[Symbol], max_errors: usize) -> [Vec<(usize, usize)>; LANES] {
        debug_assert_eq!(pattern.blocks, B);
        const { assert!(LANES == 4, "one 256-bit vector holds the four lanes") };
        let part = text.len().div_ceil(LANES);
        let bounds: [usize; LANES + 1] = std::array::from_fn(|lane| (lane * part).min(text.len()));
        let starts: [usize; LANES] = std::array::from_fn(|lane| bounds[lane].saturating_sub(pattern.len() + max_errors));
        let steps = (0..LANES).map(|lane| bounds[lane + 1] - starts[lane]).max().unwrap_or(0);
        let mut columns = Columns::<B>::new(pattern, max_errors);
        let mut noted = Noted { scores: [_mm256_setzero_si256(); STRETCH], steps: [0; STRETCH], len: 0 };
        let mut found: [Vec<(usize, usize)>; LANES] = Default::default();
        for stretch in (0..steps).step_by(STRETCH) {
            columns.advance(pattern, text, &bounds, &starts, stretch..(stretch + STRETCH).min(steps), &mut noted);
            for (&score, &step) in noted.scores[..noted.len].iter().zip(&noted.steps) {
                let scores =
                    [_mm256_extract_epi64::<0>(score), _mm256_extract_epi64::<1>(score), _mm256_extract_epi64::<2>(score), _mm256_extract_epi64::<3>(score)];
                for lane in 0..LANES {
                    let end = starts[lane] + step + 1;
                    if scores[lane] <= max_errors as i64 && end > bounds[lane] && end <= bounds[lane + 1] {
                        found[lane].push((end, scores[lane] as usize));
                    }
                }
            }
        }
        found
    }

    /// Steps taken between two reports of the ends found.
    const STRETCH: usize = 256;

    /// The steps of one stretch where some lane ends within the bound, with the lanes' scores.
    struct Noted {
        scores: [__m256i; STRETCH],
        steps: [usize; STRETCH],
        len: usize,
    }

    /// The four lanes' columns of a pattern of `B` blocks, and the score at its last row.
    struct Columns<const B: usize> {
        pv: [__m256i; B],
        mv: [__m256i; B],
        score: __m256i,
        high_bits: [__m128i; B],
        bound: __m256i,
    }

    impl<const B: usize> Columns<B> {
        #[target_feature(enable = "avx2")]
        fn new(pattern: &Pattern, max_errors: usize) -> Self {
            Columns {
                pv: [_mm256_set1_epi64x(-1); B],
                mv: [_mm256_setzero_si256(); B],
                // The first column is D[i][0] = i.
                score: _mm256_set1_epi64x(pattern.len() as i64),
                high_bits: std::array::from_fn(|block| _mm_cvtsi64_si128(if block == B - 1 { pattern.last_row.trailing_zeros() } else { 63 } as i64)),
                bound: _mm256_set1_epi64x(max_errors as i64),
            }
        }

        /// Takes the steps `steps`, noting those where some lane ends within the bound. Kept
        /// apart from the reports, whose pushes may call the allocator: across a call the
        /// compiler keeps the columns in memory, and every step would wait on a store and a load.
        #[target_feature(enable = "avx2")]
        #[inline(never)]
        fn advance(&mut self, pattern: &Pattern, text: &[Symbol], bounds: &[usize; LANES + 1], starts: &[usize; LANES], steps: std::ops::Range<usize>, noted: &mut Noted) {
            let (ones, one) = (_mm256_set1_epi64x(-1), _mm256_set1_epi64x(1));
            let (mut pv, mut mv, mut score) = (self.pv, self.mv, self.score);
            let peq = pattern.peq.as_slice();
            let mut len = 0;
            for step in steps {
                let mut rows = [0usize; LANES];
                for (lane, row) in rows.iter_mut().enumerate() {
                    let at = starts[lane] + step;
                    let symbol = if at < bounds[lane + 1] { text[at] } else { ABSENT };
                    *row = (symbol as usize).min(pattern.alphabet) * B;
                }
                // The top row of the table is all zeros: a match may start anywhere.
                let (mut plus, mut minus) = (_mm256_setzero_si256(), _mm256_setzero_si256());
                for block in 0..B {
                    let eq = _mm256_set_epi64x(peq[rows[3] + block] as i64, peq[rows[2] + block] as i64, peq[rows[1] + block] as i64, peq[rows[0] + block] as i64);
                    let (p, m) = (pv[block], mv[block]);
                    let xv = _mm256_or_si256(eq, m);
                    let eq = _mm256_or_si256(eq, minus);
                    let xh = _mm256_or_si256(_mm256_xor_si256(_mm256_add_epi64(_mm256_and_si256(eq, p), p), p), eq);
                    let ph = _mm256_or_si256(m, _mm256_xor_si256(_mm256_or_si256(xh, p), ones));
                    let mh = _mm256_and_si256(p, xh);
                    let out_plus = _mm256_and_si256(_mm256_srl_epi64(ph, self.high_bits[block]), one);
                    let out_minus = _mm256_and_si256(_mm256_srl_epi64(mh, self.high_bits[block]), one);
                    let ph = _mm256_or_si256(_mm256_slli_epi64::<1>(ph), plus);
                    let mh = _mm256_or_si256(_mm256_slli_epi64::<1>(mh), minus);
                    pv[block] = _mm256_or_si256(mh, _mm256_xor_si256(_mm256_or_si256(xv, ph), ones));
                    mv[block] = _mm256_and_si256(ph, xv);
                    (plus, minus) = (out_plus, out_minus);
                }
                score = _mm256_sub_epi64(_mm256_add_epi64(score, plus), minus);
                noted.scores[len] = score;
                noted.steps[len] = step;
                len += usize::from(_mm256_movemask_epi8(_mm256_cmpgt_epi64(score, self.bound)) != -1);
            }
            (self.pv, self.mv, self.score, noted.len) = (pv, mv, score, len);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ids(text: &str) -> Vec<Symbol> {
        text.bytes().map(Symbol::from).collect()
    }

    /// The textbook table: for each end, the fewest edits of any alignment ending there.
    fn naive_scores(pattern: &[Symbol], text: &[Symbol]) -> Vec<usize> {
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

    /// The scores `scan` reports, by end, with `None` where it reports nothing.
    fn scores(pattern: &[Symbol], text: &[Symbol], bound: usize) -> Vec<Option<usize>> {
        let mut scores = vec![None; text.len()];
        Pattern::new(pattern.to_vec(), 256).scan(text, bound, |end, errors| scores[end - 1] = Some(errors));
        scores
    }

    #[test]
    fn the_blocked_distance_is_the_tables_for_texts_of_any_length() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let letters: Vec<char> = "ab cdé€中\n".chars().collect();
        for _ in 0..400 {
            let a: Vec<char> = (0..next(300)).map(|_| letters[next(letters.len())]).collect();
            let mut b = a.clone();
            for _ in 0..next(40) {
                let at = next(b.len() + 1);
                match next(3) {
                    0 if at < b.len() => drop(b.remove(at)),
                    1 => b.insert(at, letters[next(letters.len())]),
                    _ if at < b.len() => b[at] = letters[next(letters.len())],
                    _ => {}
                }
            }
            assert_eq!(long_distance(&a, &b), table_distance(&a, &b), "{a:?} / {b:?}");
        }
        for (a, b) in [("", "abc"), ("abc", ""), ("x", "y"), ("kitten", "sitting")] {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            assert_eq!(long_distance(&a, &b), table_distance(&a, &b));
        }
        // Thousands of distinct characters: the table's row, not a block per character.
        let varied: Vec<char> = (0..20_000u32).filter_map(|i| char::from_u32(0x4E00 + i)).collect();
        let mut edited = varied.clone();
        edited[10_000] = 'x';
        assert!(8200 * 8200usize.div_ceil(64) > MAX_ROW_WORDS, "the table is taken here");
        assert_eq!(long_distance(&varied[..8200], &varied[..8200]), 0);
        assert_eq!(long_distance(&varied[5000..13_200], &edited[5000..13_200]), 1);
        assert_eq!(long_distance(&varied[9000..12_000], &edited[9000..12_000]), 1);
        let long: Vec<char> = "0123456789".repeat(20).chars().collect();
        assert_eq!(long_distance(&long, &long), 0);
        assert_eq!(long_distance(&long, &long[1..]), 1);
        assert_eq!(long_distance(&long[..128], &long[..64]), 64);
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
    fn a_numbering_gives_each_distinct_character_one_number_in_order_of_first_use() {
        let text = "Ab,b жЖж 第三 A\u{0301}b ж";
        let (alphabet, symbols) = Alphabet::numbering(text);
        let chars: Vec<char> = text.chars().collect();
        let mut distinct: Vec<char> = Vec::new();
        for &c in &chars {
            if !distinct.contains(&c) {
                distinct.push(c);
            }
        }
        assert_eq!(alphabet.len(), distinct.len());
        let expected: Vec<Symbol> = chars.iter().map(|c| distinct.iter().position(|d| d == c).expect("seen") as Symbol).collect();
        assert_eq!(symbols, expected);
        assert_eq!(alphabet.ids(text), expected);
        for (id, c) in distinct.iter().enumerate() {
            assert_eq!(alphabet.is_alphanumeric(id as Symbol), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn a_pattern_absent_from_the_text_has_no_hit() {
        let text = ids("nothing to see here at all");
        assert!(Pattern::new(ids("completely different words"), 256).search(&text, 3).is_empty());
    }

    #[test]
    fn characters_past_the_alphabets_numbers_match_nothing_not_each_other() {
        // 70,000 distinct characters (CJK ideographs, their extension B, Hangul): the ones past
        // the 65,535th share no number with any other, so they count as edits, never as matches.
        let distinct: String = (0x4E00u32..0x9FFF).chain(0x20000..0x2A6DF).chain(0xAC00..0xD7A3).filter_map(char::from_u32).take(70_000).collect();
        let (alphabet, symbols) = Alphabet::numbering(&distinct);
        assert_eq!(alphabet.len(), ABSENT as usize);
        let last: Vec<char> = distinct.chars().rev().take(3).collect();
        assert!(last.iter().all(|&c| alphabet.id(c) == ABSENT));
        let pattern: Vec<Symbol> = last.iter().map(|&c| alphabet.id(c)).collect();
        // Absent from the pattern's alphabet too: every character of it is an edit everywhere.
        let hits = Pattern::new(pattern, alphabet.len()).search(&symbols, 2);
        assert!(hits.is_empty(), "{hits:?}");
        // The characters numbered still match themselves.
        let first: Vec<Symbol> = distinct.chars().skip(100).take(3).map(|c| alphabet.id(c)).collect();
        let hits = Pattern::new(first, alphabet.len()).search(&symbols, 0);
        assert_eq!(hits.iter().map(|hit| hit.range.clone()).collect::<Vec<_>>(), vec![100..103]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// On texts much longer than the pattern the lanes read separate parts: every end within
        /// the bound is still reported once, in order, with its score.
        #[test]
        fn lanes_lose_no_end_at_their_seams(pattern in "[abc]{1,90}", text in "[abcd]{200,1600}", share in 1usize..4) {
            let (pattern, text) = (ids(&pattern), ids(&text));
            let bound = pattern.len() * share / 4;
            let within: Vec<Option<usize>> = naive_scores(&pattern, &text).iter().map(|&s| (s <= bound).then_some(s)).collect();
            prop_assert_eq!(scores(&pattern, &text, bound), within);
            let compiled = Pattern::new(pattern, 256);
            let mut ends = Vec::new();
            compiled.scan(&text, bound, |end, errors| ends.push((end, errors)));
            prop_assert!(ends.windows(2).all(|pair| pair[0].0 < pair[1].0));
            // The portable build of the scan reports the same as the one the processor runs.
            let portable: Vec<(usize, usize)> = compiled.scan_parts(&text, bound).into_iter().flatten().collect();
            prop_assert_eq!(&portable, &ends);
            let whole: Vec<(usize, usize)> = compiled.scan_any(&text, bound).into_iter().flatten().collect();
            prop_assert_eq!(&portable, &whole);
        }

        /// One scan at a wide bound gives the places of every lower bound: the ends kept within
        /// the lower bound, and the same starts for them.
        #[test]
        fn a_wide_scan_holds_the_places_of_every_lower_bound(pattern in "[ab c]{1,140}", text in "[abd c]{0,900}", low in 0usize..50, more in 0usize..40, apart in 1usize..30) {
            let (pattern, text) = (ids(&pattern), ids(&text));
            let compiled = Pattern::new(pattern.clone(), 256);
            let (low, high) = (low.min(pattern.len()), (low + more).min(pattern.len()));
            let boundary = |at: usize| at.is_multiple_of(3);
            let wide = compiled.distinct_ends(&text, high, apart, 16, &boundary);
            let within: Vec<End> = wide.iter().copied().filter(|end| end.errors <= low).collect();
            prop_assert_eq!(&compiled.distinct_ends(&text, low, apart, 16, &boundary), &within);
            prop_assert_eq!(compiled.hits_at(&text, &within, low, &boundary), compiled.hits_at(&text, &within, high, &boundary));
        }

        /// The one-word distance equals the textbook table's, either way round.
        #[test]
        fn short_distance_is_the_levenshtein_distance(a in "[ab cжя]{0,64}", b in "[abd жё]{0,90}") {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let table = table_distance(&a, &b);
            prop_assert_eq!(short_distance(&a, &b), Some(table));
            if b.len() <= 64 {
                prop_assert_eq!(short_distance(&b, &a), Some(table));
            }
        }

        /// The blocked bit-parallel scores equal the textbook table, across block boundaries.
        #[test]
        fn blocked_scores_match_the_table(pattern in "[abc]{1,200}", text in "[abcd]{0,400}", share in 1usize..4) {
            let (pattern, text) = (ids(&pattern), ids(&text));
            let compiled = Pattern::new(pattern.clone(), 256);
            let naive = naive_scores(&pattern, &text);
            let bound = pattern.len() * share / 4;
            let expected: Vec<usize> = naive.iter().copied().filter(|&s| s <= bound).collect();
            // Every reported end is a real end with the true score, and every run is reported.
            let ends = compiled.ends(&text, bound);
            for end in &ends {
                prop_assert_eq!(end.errors, naive[end.end - 1]);
            }
            prop_assert_eq!(ends.is_empty(), expected.is_empty());
            // The cut-off loses nothing: every end within the bound is reported, with its score.
            let within: Vec<Option<usize>> = naive.iter().map(|&s| (s <= bound).then_some(s)).collect();
            prop_assert_eq!(scores(&pattern, &text, bound), within);
            // The start search agrees with the end scores.
            for end in &ends {
                let hit = compiled.hit_ending_at(&text, end.end, bound);
                prop_assert_eq!(hit.errors, end.errors);
                prop_assert_eq!(hit.range.end, end.end);
            }
        }
    }
}
