//! Typography folding: the text as it reads, without the typesetting.
//!
//! Sources are retyped all the time (curly quotes straightened, hyphens turned into dashes,
//! non-breaking spaces, CRLF, compatibility characters such as ligatures or full-width digits)
//! while the words stay the same. Folding maps every such variant to one form, and keeps, for each
//! folded character, the code points of the real text it came from, so a match found in folded
//! text is reported at its true offsets.

use crate::load::text::SourceText;
use rustc_hash::FxHashMap;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// A text after folding, with the way back to the original.
///
/// Most folded characters stand for the one code point after the previous one's (a curly quote
/// folds to a straight one in place), so only the exceptions are kept: a folded index costs about
/// one byte per character of mostly Latin text instead of a range per character.
#[derive(Debug)]
pub struct Folded {
    /// The folded text, with its own code point index for the hits of a byte search.
    pub text: SourceText,
    /// The folded characters whose origin does not follow on from the previous one's, in order.
    jumps: Vec<Jump>,
}

/// Folded character `at` stands for the code points `start..end`; the characters after it, up to
/// the next jump, stand for one code point each, from `end` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Jump {
    at: u32,
    start: u32,
    end: u32,
}

/// What one character of the source becomes before NFKC.
#[inline(always)]
fn simplify(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        // Soft hyphens and zero-width characters are invisible: they fold to nothing.
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Folds `text` (code points numbered from 0).
pub fn fold(text: &str) -> Folded {
    MEMO.with_borrow_mut(|memo| fold_with(text, memo))
}

fn fold_with(text: &str, memo: &mut Memo) -> Folded {
    let mut out = Out { folded: String::with_capacity(text.len()), origins: Origins::default() };
    fold_into(text, memo, &mut out);
    let Out { mut folded, origins } = out;
    // Kept while the source is searched: give back what the original's length reserved.
    folded.shrink_to_fit();
    let mut jumps = origins.jumps;
    jumps.shrink_to_fit();
    Folded { text: SourceText::new(folded), jumps }
}

/// Where folded text goes.
trait Sink {
    /// A space given now would be dropped (it follows a space, or begins a quote).
    fn after_space(&self) -> bool;
    /// Adds the folded character `c`, which stands for the code points `origin`.
    fn put(&mut self, c: char, origin: Range<u32>);
    /// Adds `same`, whose `count` code points from `start` on each fold to themselves, with no
    /// space after a space.
    fn copy(&mut self, same: &str, start: u32, count: u32);
}

/// Folds `text` into `sink`.
///
/// Most of most texts is ASCII that folds to itself, and most of the rest letters of other
/// scripts that do: such runs are copied whole, and the rest (whitespace, other ASCII, and a
/// character that carries combining marks) folds cluster by cluster.
fn fold_into(text: &str, memo: &mut Memo, sink: &mut impl Sink) {
    let bytes = text.as_bytes();
    let (mut at, mut index) = (0, 0u32);
    while at < bytes.len() {
        let run = plain_run(bytes, at, sink.after_space());
        if run > 0 {
            sink.copy(&text[at..at + run], index, run as u32);
            (at, index) = (at + run, index + run as u32);
            continue;
        }
        if bytes[at].is_ascii() && bytes.get(at + 1).is_none_or(u8::is_ascii) {
            // One ASCII character, no mark after it: its own NFKC form.
            if let Some(c) = simplify(char::from(bytes[at])) {
                sink.put(c, index..index + 1);
            }
            (at, index) = (at + 1, index + 1);
            continue;
        }
        let (same_bytes, same_chars) = memo.same_run(&text[at..]);
        if same_chars > 0 {
            sink.copy(&text[at..at + same_bytes], index, same_chars);
            (at, index) = (at + same_bytes, index + same_chars);
            continue;
        }
        let cluster = at + memo.cluster_len(&text[at..]);
        let from = index;
        index += fold_each(&text[at..cluster], memo, |c, origin| sink.put(c, from + origin.start..from + origin.end));
        at = cluster;
    }
}

/// A folded source being made, and its way back.
struct Out {
    folded: String,
    origins: Origins,
}

impl Sink for Out {
    fn after_space(&self) -> bool {
        self.folded.ends_with(' ')
    }

    #[inline(always)]
    fn put(&mut self, c: char, origin: Range<u32>) {
        if c == ' ' && self.folded.ends_with(' ') {
            // A run of spaces is one space that stands for the whole run.
            self.origins.extend_last(origin.end);
            return;
        }
        self.folded.push(c);
        self.origins.push(origin);
    }

    fn copy(&mut self, same: &str, start: u32, count: u32) {
        self.folded.push_str(same);
        self.origins.advance(start, count);
    }
}

/// A folded quote being made: no way back, and no space first.
struct QuoteOut(Vec<char>);

impl Sink for QuoteOut {
    fn after_space(&self) -> bool {
        matches!(self.0.last(), Some(' ') | None)
    }

    #[inline(always)]
    fn put(&mut self, c: char, _: Range<u32>) {
        if !(c == ' ' && self.after_space()) {
            self.0.push(c);
        }
    }

    fn copy(&mut self, same: &str, _: u32, count: u32) {
        match same.is_ascii() {
            true => self.0.extend(same.bytes().map(char::from)),
            false => {
                self.0.reserve(count as usize);
                self.0.extend(same.chars());
            }
        }
    }
}

/// How many bytes from `at` are ASCII that folds to itself, each its own cluster (no combining
/// mark follows): printable characters but the backtick, and single spaces (`after_space`: the
/// folded text ends with one).
#[inline(always)]
fn plain_run(bytes: &[u8], at: usize, after_space: bool) -> usize {
    let mut previous_space = after_space;
    let mut run = 0;
    // Most calls on text that is not plain fail at the first byte: told apart before reading eight.
    match bytes.get(at) {
        Some(b'`') | None => return 0,
        Some(b' ') if after_space => return 0,
        Some(&byte) if !(0x20..=0x7E).contains(&byte) => return 0,
        _ => {}
    }
    // Eight bytes at a time while they are all plain (most of a Latin text), then byte by byte.
    while let Some(chunk) = bytes.get(at + run..at + run + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if !plain_word(word, previous_space) || !bytes.get(at + run + 8).is_none_or(u8::is_ascii) {
            break;
        }
        previous_space = chunk[7] == b' ';
        run += 8;
    }
    run + plain_bytes(bytes, at + run, previous_space)
}

/// `plain_run` read a byte at a time: what is left after the eight-byte steps, and the
/// definition they are tested against.
fn plain_bytes(bytes: &[u8], at: usize, after_space: bool) -> usize {
    let mut previous_space = after_space;
    let mut run = 0;
    while let Some(&byte) = bytes.get(at + run) {
        let plain = match byte {
            b' ' => !previous_space,
            b'`' => false,
            0x21..=0x7E => true,
            _ => false,
        };
        // A character followed by a non-ASCII one may take a combining mark from it.
        if !plain || !bytes.get(at + run + 1).is_none_or(u8::is_ascii) {
            break;
        }
        previous_space = byte == b' ';
        run += 1;
    }
    run
}

/// The high bit of each of eight bytes.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// True when the eight bytes of `word` (read little-endian) are all plain as `plain_run` takes
/// them: printable ASCII but the backtick, spaces single (`after_space`: the byte before is one).
/// Each test adds to every byte a constant that cannot carry into the next (all bytes are below
/// 0x80 by then), and reads the high bits.
#[inline(always)]
fn plain_word(word: u64, after_space: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    if word & HIGH != 0 {
        return false;
    }
    // Below 0x20 (controls, tab, line feed), or 0x7F.
    let control = !word.wrapping_add(0x60 * ONES) & HIGH;
    let delete = word.wrapping_add(ONES) & HIGH;
    // Exactly 0x60 (backtick) or 0x20 (space): the byte XOR the value is zero.
    let is = |value: u64| !(word ^ (value * ONES)).wrapping_add(0x7F * ONES) & HIGH;
    let spaces = is(0x20);
    let doubled = spaces & ((spaces << 8) | u64::from(after_space) << 7);
    control | delete | is(0x60) | doubled == 0
}

/// Folds a quote for searching: like the source, and without the spaces at its ends, which an
/// analyst's copy often gains or loses.
pub fn fold_quote(quote: &str) -> Vec<char> {
    // Quotes and their context are folded for every claim and every candidate place, so this
    // keeps no way back to the original.
    let mut folded = QuoteOut(Vec::with_capacity(quote.len()));
    MEMO.with_borrow_mut(|memo| fold_into(quote, memo, &mut folded));
    let QuoteOut(mut folded) = folded;
    if folded.last() == Some(&' ') {
        folded.pop();
    }
    folded
}

thread_local! {
    /// What the non-ASCII characters of sources, quotes and context fold to, kept by each
    /// thread across calls: a character folds the same in every text, a quote and the text
    /// beside each place are folded for every claim (most too short for a memo of their own to
    /// pay), and a Chinese or Japanese source holds thousands of distinct characters. It holds
    /// at most one entry per character Unicode assigns.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Calls `emit` with each folded character of `text` and the code points it comes from, in
/// order; runs of spaces are left to the caller. Returns how many code points `text` holds.
///
/// A base character and the combining marks after it normalize together, as one cluster. A
/// cluster of one character folds the same wherever it stands, so each distinct non-ASCII
/// character is normalized once per memo (`Memo`) and ASCII not at all: folding costs a few
/// nanoseconds per character, cheap enough to redo for a source that left the cache.
fn fold_each(text: &str, memo: &mut Memo, mut emit: impl FnMut(char, Range<u32>)) -> u32 {
    let mut chars = text.chars();
    let mut next = chars.next().map(|c| (c, memo.info(c)));
    let mut index = 0u32;
    let mut cluster = String::new();
    while let Some((c, info)) = next {
        let start = index;
        index += 1;
        next = chars.next().map(|c| (c, memo.info(c)));
        if !next.is_some_and(|(_, next)| next.combining) {
            match info.folds {
                Folds::Ascii(folded) => folded.into_iter().for_each(|c| emit(c, start..index)),
                Folds::Same => emit(c, start..index),
                Folds::Memo { start: from, end: to } => memo.folded[from as usize..to as usize].iter().for_each(|&c| emit(c, start..index)),
            }
            continue;
        }
        cluster.clear();
        cluster.extend(simplify(c));
        while let Some((mark, _)) = next.filter(|(_, next)| next.combining) {
            cluster.extend(simplify(mark));
            index += 1;
            next = chars.next().map(|c| (c, memo.info(c)));
        }
        for c in cluster.nfkc().filter_map(simplify) {
            emit(c, start..index);
        }
    }
    index
}

/// What folding needs to know of one character.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// A combining mark (canonical combining class other than 0): it joins the cluster before it.
    combining: bool,
    /// What the character folds to when it is a cluster of its own.
    folds: Folds,
}

#[derive(Debug, Clone, Copy)]
enum Folds {
    Ascii(Option<char>),
    /// A character other than ASCII that folds to itself (most letters of most scripts).
    Same,
    /// The characters `start..end` of `Memo::folded`.
    Memo { start: u32, end: u32 },
}

/// The `Info` of each distinct non-ASCII character a thread has folded.
struct Memo {
    /// The last looked up, by their low bits: an alphabet fits whole, and a Chinese or
    /// Japanese text uses its most frequent thousand characters for most of its length.
    recent: Box<[(char, Info); RECENT]>,
    infos: FxHashMap<char, Info>,
    folded: Vec<char>,
}

impl Default for Memo {
    fn default() -> Self {
        // `'\0'` is ASCII, never looked up here: the empty slots match nothing.
        let none = ('\0', Info { combining: false, folds: Folds::Ascii(None) });
        Memo { recent: Box::new([none; RECENT]), infos: FxHashMap::default(), folded: Vec::new() }
    }
}

/// Slots of `Memo::recent`.
const RECENT: usize = 1024;

impl Memo {
    #[inline(always)]
    fn info(&mut self, c: char) -> Info {
        if c.is_ascii() {
            // ASCII is its own NFKC form and never a combining mark.
            return Info { combining: false, folds: Folds::Ascii(simplify(c)) };
        }
        match self.recent[c as usize % RECENT] {
            (seen, info) if seen == c => info,
            _ => self.other(c),
        }
    }

    /// The bytes and characters `text` begins with that fold to themselves, none ASCII (ASCII
    /// has runs of its own) and none followed by a combining mark.
    #[inline(always)]
    fn same_run(&mut self, text: &str) -> (usize, u32) {
        let (mut count, mut last) = (0, 0);
        for (at, c) in text.char_indices() {
            if c.is_ascii() {
                return (at, count);
            }
            let info = self.info(c);
            if info.combining {
                // The mark joins the character before it, which then folds with it.
                return if count == 0 { (0, 0) } else { (last, count - 1) };
            }
            if !matches!(info.folds, Folds::Same) {
                return (at, count);
            }
            (last, count) = (at, count + 1);
        }
        (text.len(), count)
    }

    /// The bytes of the cluster `text` begins with: its first character and the combining
    /// marks after it.
    #[inline(always)]
    fn cluster_len(&mut self, text: &str) -> usize {
        let first = text.chars().next().map_or(0, char::len_utf8);
        text[first..].char_indices().find(|&(_, c)| c.is_ascii() || !self.info(c).combining).map_or(text.len(), |(at, _)| first + at)
    }

    #[inline(never)]
    fn other(&mut self, c: char) -> Info {
        let info = match self.infos.get(&c) {
            Some(info) => *info,
            None => {
                let start = self.folded.len() as u32;
                self.folded.extend(simplify(c).into_iter().flat_map(|c| std::iter::once(c).nfkc()).filter_map(simplify));
                let folds = match &self.folded[start as usize..] {
                    [same] if *same == c => {
                        self.folded.truncate(start as usize);
                        Folds::Same
                    }
                    _ => Folds::Memo { start, end: self.folded.len() as u32 },
                };
                let info = Info { combining: canonical_combining_class(c) != 0, folds };
                self.infos.insert(c, info);
                info
            }
        };
        self.recent[c as usize % RECENT] = (c, info);
        info
    }
}

/// Builds the jumps of a folded text, character by character.
#[derive(Default)]
struct Origins {
    jumps: Vec<Jump>,
    len: u32,
    /// The origin of the last folded character (`0..0` before the first).
    last: Range<u32>,
}

impl Origins {
    fn push(&mut self, origin: Range<u32>) {
        if origin != (self.last.end..self.last.end + 1) {
            self.jumps.push(Jump { at: self.len, start: origin.start, end: origin.end });
        }
        self.last = origin;
        self.len += 1;
    }

    /// `count` folded characters, each the code point it stands at, from `start` on.
    fn advance(&mut self, start: u32, count: u32) {
        if count == 0 {
            return;
        }
        self.push(start..start + 1);
        self.len += count - 1;
        self.last = start + count - 1..start + count;
    }

    /// The last folded character also stands for the code points up to `end`.
    fn extend_last(&mut self, end: u32) {
        let at = self.len - 1;
        match self.jumps.last_mut() {
            Some(jump) if jump.at == at => jump.end = end,
            _ => self.jumps.push(Jump { at, start: self.last.start, end }),
        }
        self.last.end = end;
    }
}

impl Folded {
    /// Length in folded characters.
    pub fn len(&self) -> usize {
        self.text.char_len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// About how many bytes of memory the folded text and its way back take.
    pub fn heap_bytes(&self) -> usize {
        let text = self.text.as_str().len();
        // `SourceText` keeps a byte offset per 64 code points of non-ASCII text.
        let checkpoints = if self.text.as_str().is_ascii() { 0 } else { (self.len() / 64 + 1) * size_of::<usize>() };
        text + checkpoints + self.jumps.len() * size_of::<Jump>()
    }

    /// The code points of the original text that folded character `index` stands for.
    fn origin(&self, index: usize) -> Range<usize> {
        let after = self.jumps.partition_point(|jump| jump.at as usize <= index);
        match after.checked_sub(1).map(|last| self.jumps[last]) {
            None => index..index + 1,
            Some(jump) if jump.at as usize == index => jump.start as usize..jump.end as usize,
            Some(jump) => {
                let start = jump.end as usize + (index - jump.at as usize - 1);
                start..start + 1
            }
        }
    }

    /// The first folded character that stands for original code point `original` or a later one:
    /// the way from the source's offsets into the folded text (the length when none does).
    pub fn folded_at(&self, original: usize) -> usize {
        // Origins never go back, so the folded characters standing before `original` come first.
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if self.origin(middle).end <= original {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    /// The code points of the original text that the folded characters `range` stand for.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        if range.is_empty() {
            let at = if range.start < self.len() {
                self.origin(range.start).start
            } else {
                self.len().checked_sub(1).map_or(0, |last| self.origin(last).end)
            };
            return at..at;
        }
        self.origin(range.start).start..self.origin(range.end - 1).end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Folded {
        fold(text)
    }

    #[test]
    fn quotes_dashes_spaces_and_line_endings_fold_to_one_form() {
        assert_eq!(folded("“Crocus” — City\u{00A0}Hall\r\n  attack").text.as_str(), "\"Crocus\" - City Hall attack");
        assert_eq!(folded("it’s 137").text.as_str(), "it's 137");
    }

    #[test]
    fn nfkc_folds_compatibility_characters_and_composes_marks() {
        assert_eq!(folded("ﬁnal １３７").text.as_str(), "final 137");
        assert_eq!(folded("cafe\u{0301}").text.as_str(), "café");
    }

    #[test]
    fn folded_ranges_map_back_to_the_original_code_points() {
        let original = "a “b”\u{00A0}\u{00A0}ﬁ c";
        let f = folded(original);
        assert_eq!(f.text.as_str(), "a \"b\" fi c");
        let chars: Vec<char> = original.chars().collect();
        let slice = |r: Range<usize>| chars[r].iter().collect::<String>();
        // "\"b\"" in folded text is the curly-quoted b in the original.
        assert_eq!(slice(f.original(2..5)), "“b”");
        // The single folded space stands for both non-breaking spaces.
        assert_eq!(slice(f.original(5..6)), "\u{00A0}\u{00A0}");
        // Both letters of "fi" come from the one ligature.
        assert_eq!(slice(f.original(6..8)), "ﬁ");
        assert_eq!(slice(f.original(6..7)), "ﬁ");
        assert_eq!(f.original(10..10), 10..10);
        // And back: each original code point to the folded character standing for it.
        assert_eq!((f.folded_at(0), f.folded_at(2), f.folded_at(6), f.folded_at(7), f.folded_at(8)), (0, 2, 5, 6, 8));
        assert_eq!(f.folded_at(usize::MAX), f.len());
    }

    #[test]
    fn invisible_characters_fold_away() {
        assert_eq!(folded("in\u{00AD}ter\u{200B}view").text.as_str(), "interview");
    }

    /// The definition `fold` keeps to: each cluster normalized on its own, and a range of code
    /// points kept for every folded character.
    fn by_definition(text: &str) -> (String, Vec<Range<usize>>) {
        let chars: Vec<char> = text.chars().collect();
        let (mut folded, mut origins) = (String::new(), Vec::<Range<usize>>::new());
        let mut index = 0;
        while index < chars.len() {
            let start = index;
            index += 1;
            while index < chars.len() && canonical_combining_class(chars[index]) != 0 {
                index += 1;
            }
            let cluster: String = chars[start..index].iter().filter_map(|&c| simplify(c)).collect();
            for c in cluster.nfkc().filter_map(simplify) {
                match origins.last_mut() {
                    Some(last) if c == ' ' && folded.ends_with(' ') => last.end = index,
                    _ => {
                        folded.push(c);
                        origins.push(start..index);
                    }
                }
            }
        }
        (folded, origins)
    }

    #[test]
    fn plain_runs_read_eight_bytes_at_a_time_as_one_by_one() {
        // Every byte value in every position of a word, after a space and not.
        for byte in 0..=255u8 {
            for position in 0..10 {
                let mut bytes = b"abcdefgh ijklmnop".to_vec();
                bytes[position] = byte;
                for after_space in [false, true] {
                    for at in 0..bytes.len() {
                        assert_eq!(plain_run(&bytes, at, after_space), plain_bytes(&bytes, at, after_space), "{bytes:?} from {at}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn plain_runs_agree_on_any_bytes(bytes in proptest::collection::vec(proptest::sample::select(vec![b' ', b'a', b'`', b'~', 0x7F, b'\n', b'!', 0xC3, 0xA9, 0x1F, 0x20, 0x7E]), 0..40), after_space: bool) {
            for at in 0..bytes.len() {
                proptest::prop_assert_eq!(plain_run(&bytes, at, after_space), plain_bytes(&bytes, at, after_space));
            }
        }
    }

    proptest::proptest! {
        /// The memoized folding and its sparse way back give what folding cluster by cluster
        /// gives, for every character and every empty range.
        #[test]
        fn folding_keeps_to_its_definition(text in "[ a-e\t\r\n`\u{2019}\u{201C}\u{2014}\u{00A0}\u{00AD}\u{200B}\u{FB01}\u{FDFA}\u{0301}\u{0327}\u{212B}\u{FF11}\u{0439}\u{0438}\u{0306}\u{1100}\u{1161}\u{03B1}\u{1F71}\u{4E2D}\u{304B}\u{3099}\u{3000}]{0,60}") {
            let (expected, origins) = by_definition(&text);
            let f = folded(&text);
            proptest::prop_assert_eq!(f.text.as_str(), expected.as_str());
            for (index, origin) in origins.iter().enumerate() {
                proptest::prop_assert_eq!(f.original(index..index + 1), origin.clone());
                proptest::prop_assert_eq!(f.original(index..index), origin.start..origin.start);
            }
            let end = origins.last().map_or(0, |last| last.end);
            proptest::prop_assert_eq!(f.original(origins.len()..origins.len()), end..end);
        }

        /// The quote folding is the source folding without its outer spaces, ASCII or not.
        #[test]
        fn quotes_fold_as_sources_do(text in "[ a-z\\t\r\n`'\u{2019}\u{00A0}\u{00AD}\u{FB01}e\u{0301}\u{0439}\u{0306}\u{4E2D}\u{304B}\u{3099}\u{3000}\u{1F71}]{0,40}") {
            let expected: Vec<char> = folded(&text).text.as_str().trim_matches(' ').chars().collect();
            proptest::prop_assert_eq!(fold_quote(&text), expected);
        }
    }

    #[test]
    fn quotes_lose_their_outer_spaces() {
        assert_eq!(fold_quote("  over 300 people\n").iter().collect::<String>(), "over 300 people");
    }
}
