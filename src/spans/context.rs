//! The `prefix`/`suffix` a row records around its quote, compared with the text around a place.
//!
//! Only the `WINDOW` characters of context nearest the quote are compared: they are what tells
//! two places apart, and comparing a bounded window keeps the cost of a row fixed whatever it
//! holds (an edit distance is quadratic in its texts, and a cell may hold megabytes).

use super::fold::fold_quote;
use super::fuzzy::{long_distance, short_distance};
use super::marks;
use crate::load::text::SourceText;
use std::cell::OnceCell;
use std::ops::Range;

/// Characters of each side compared, at most: the prefix's last ones, the suffix's first ones.
pub const WINDOW: usize = 64;
/// A side this similar to the text beside a place (and naming the same figures and names)
/// supports the place. Passages of one shape stand beside text of one shape too (the entries of
/// a changelog, the options of a manual page): a side a word away is no support.
pub const SUPPORTS: f64 = 0.9;
/// A side less similar than this to the text beside a place speaks against it.
pub const CONTRADICTS: f64 = 0.5;
/// By how much the best place's context must beat every other's to decide between them.
pub const MARGIN: f64 = 0.15;
/// By how much another place must fit one side better than the best place to split the context:
/// less is a character or two of two windows that both changed.
pub const SIDE_NOISE: f64 = 0.02;
/// A side shorter than this (folded characters) says too little to count: "* " or ", " stand
/// beside every item of a list.
pub const MIN_SIDE: usize = 4;
/// The characters of a side nearest the quote that must read exactly as the text beside a
/// place for that side to say where the place begins or ends.
pub const NEAR: usize = 8;

/// Characters of each side, nearest the quote, that must stand exactly around a place for
/// `Context::anchors` to find it.
pub const ANCHOR: usize = 24;

/// The row's context, folded and cut to the window once per claim, with the marks of each side
/// read on first need (most claims stand at one place, and their context is never compared).
#[derive(Debug, Clone, Default)]
pub struct Context {
    prefix: Vec<char>,
    suffix: Vec<char>,
    prefix_marks: OnceCell<Vec<String>>,
    suffix_marks: OnceCell<Vec<String>>,
    /// The side holds a paragraph break (a blank line): part of it is the text of the paragraph
    /// next to the quote's, which moves apart from it when a document is rearranged.
    pub prefix_crosses_paragraphs: bool,
    pub suffix_crosses_paragraphs: bool,
    /// Of a side that crosses paragraphs, the part in the quote's own paragraph, folded (the
    /// prefix after its last blank line, the suffix before its first).
    prefix_own: Vec<char>,
    suffix_own: Vec<char>,
}

/// How well each given side matches the text beside one place (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub prefix: Option<f64>,
    pub suffix: Option<f64>,
    /// Every side given that fits well enough to support the place (`SUPPORTS`) names the same
    /// figures, names and codes as the text beside it: the others support nothing anyway.
    pub same_marks: bool,
}

impl Fit {
    /// The mean of the sides given.
    pub fn score(&self) -> f64 {
        match (self.prefix, self.suffix) {
            (Some(p), Some(s)) => (p + s) / 2.0,
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => 0.0,
        }
    }

    /// Every side given matches well, down to its figures and names.
    pub fn supports(&self) -> bool {
        self.same_marks && [self.prefix, self.suffix].into_iter().flatten().all(|side| side >= SUPPORTS)
    }

    /// Some side given matches badly.
    pub fn contradicts(&self) -> bool {
        [self.prefix, self.suffix].into_iter().flatten().any(|side| side < CONTRADICTS)
    }
}

impl Context {
    pub fn new(prefix: &str, suffix: &str) -> Context {
        let (raw_prefix, raw_suffix) = (prefix, suffix);
        let mut prefix = fold_quote(prefix);
        prefix.drain(..prefix.len().saturating_sub(WINDOW));
        let mut suffix = fold_quote(suffix);
        suffix.truncate(WINDOW);
        for side in [&mut prefix, &mut suffix] {
            if side.len() < MIN_SIDE {
                side.clear();
            }
        }
        // A side holds a paragraph break when text stands beyond its blank line nearest the quote;
        // the part this side of that line is the quote's own paragraph's, cut to the window.
        let own_paragraph = |side: &str, before_quote: bool, given: bool| {
            let (own, _) = at_blank_line_nearest_the_quote(side, before_quote).filter(|(_, beyond)| given && !beyond.trim().is_empty())?;
            let mut own = fold_quote(own);
            match before_quote {
                true => drop(own.drain(..own.len().saturating_sub(WINDOW))),
                false => own.truncate(WINDOW),
            }
            Some(own)
        };
        let (prefix_own, suffix_own) = (own_paragraph(raw_prefix, true, !prefix.is_empty()), own_paragraph(raw_suffix, false, !suffix.is_empty()));
        Context {
            prefix_crosses_paragraphs: prefix_own.is_some(),
            suffix_crosses_paragraphs: suffix_own.is_some(),
            prefix_own: prefix_own.unwrap_or_default(),
            suffix_own: suffix_own.unwrap_or_default(),
            prefix,
            suffix,
            prefix_marks: OnceCell::new(),
            suffix_marks: OnceCell::new(),
        }
    }

    pub fn is_given(&self) -> bool {
        !self.prefix.is_empty() || !self.suffix.is_empty()
    }

    /// Both sides are given.
    pub fn is_whole(&self) -> bool {
        !self.prefix.is_empty() && !self.suffix.is_empty()
    }

    /// The prefix's last and the suffix's first `ANCHOR` characters, folded, when both sides
    /// are given: what stands on each side of the claim's own place if its context is unchanged.
    pub fn anchors(&self) -> Option<(String, String)> {
        let prefix = &self.prefix[self.prefix.len().saturating_sub(ANCHOR)..];
        let suffix = &self.suffix[..self.suffix.len().min(ANCHOR)];
        self.is_whole().then(|| (prefix.iter().collect(), suffix.iter().collect()))
    }

    /// Whether the text from `at` begins as the suffix does (its first `NEAR` characters,
    /// folded); `None` when the row gives no suffix.
    pub fn suffix_starts_at(&self, text: &SourceText, at: usize) -> Option<bool> {
        let near = self.suffix.get(..self.suffix.len().min(NEAR)).filter(|near| !near.is_empty())?;
        Some(folded_beside(text, at, near.len(), false).starts_with(near))
    }

    /// Whether the text before `at` ends as the prefix does (its last `NEAR` characters,
    /// folded); `None` when the row gives no prefix.
    pub fn prefix_ends_at(&self, text: &SourceText, at: usize) -> Option<bool> {
        let near = self.prefix.get(self.prefix.len().saturating_sub(NEAR)..).filter(|near| !near.is_empty())?;
        Some(folded_beside(text, at, near.len(), true).ends_with(near))
    }

    /// Whether the parts of the sides that cross paragraphs lying in the quote's own paragraph
    /// read exactly as the text beside `range`: what the row's context says of the passage
    /// itself, apart from the paragraphs around it, which move apart from it when a document is
    /// rearranged. True for a side that crosses no paragraph.
    pub fn own_paragraph_fits(&self, text: &SourceText, range: &Range<usize>) -> bool {
        let prefix = !self.prefix_crosses_paragraphs || folded_beside(text, range.start, self.prefix_own.len(), true).ends_with(&self.prefix_own);
        let suffix = !self.suffix_crosses_paragraphs || folded_beside(text, range.end, self.suffix_own.len(), false).starts_with(&self.suffix_own);
        prefix && suffix
    }

    /// How the context fits the place `range` of `text`; `None` when the row gives none.
    pub fn fit(&self, text: &SourceText, range: &Range<usize>) -> Option<Fit> {
        if !self.is_given() {
            return None;
        }
        let mut same_marks = true;
        let mut compare = |side: &[char], kept: &OnceCell<Vec<String>>, there: &[char]| {
            // Most places compared stand beside the very text the row recorded.
            if side == there {
                return 1.0;
            }
            let similarity = similarity(side, there);
            // Marks count only for a side that fits well enough to support the place
            // (`Fit::supports`); most copies weighed stand beside other text altogether.
            if similarity >= SUPPORTS {
                let kept = kept.get_or_init(|| marks::of(&side.iter().collect::<String>()));
                same_marks &= marks::same(kept, &there.iter().collect::<String>());
            }
            similarity
        };
        let prefix = (!self.prefix.is_empty()).then(|| {
            let before = folded_beside(text, range.start, self.prefix.len(), true);
            compare(&self.prefix, &self.prefix_marks, &before[before.len().saturating_sub(self.prefix.len())..])
        });
        let suffix = (!self.suffix.is_empty()).then(|| {
            let after = folded_beside(text, range.end, self.suffix.len(), false);
            compare(&self.suffix, &self.suffix_marks, &after[..after.len().min(self.suffix.len())])
        });
        Some(Fit { prefix, suffix, same_marks })
    }
}

/// `side` cut at its blank line nearest the quote (its last in a prefix, its first in a suffix):
/// the part in the quote's own paragraph, and the part beyond. Only lines between the side's
/// ends can be blank lines: the first and last pieces adjoin text outside it. A prefix
/// `"Haugh <jh@example.org>\n\n"` has the paragraph above beyond its blank line; in `"\n\nHeading "`
/// nothing stands beyond it. `None` when the side holds no blank line.
fn at_blank_line_nearest_the_quote(side: &str, before_quote: bool) -> Option<(&str, &str)> {
    let breaks: Vec<usize> = side.match_indices('\n').map(|(at, _)| at).collect();
    // Line `k` (1 to `breaks.len() - 1`) runs from after break `k - 1` to break `k`.
    let blank = |&k: &usize| side[breaks[k - 1] + 1..breaks[k]].trim().is_empty();
    let mut inner = 1..breaks.len();
    let k = if before_quote { inner.rev().find(blank) } else { inner.find(blank) }?;
    let (before_line, after_line) = (&side[..breaks[k - 1]], &side[breaks[k] + 1..]);
    Some(if before_quote { (after_line, before_line) } else { (before_line, after_line) })
}

/// How far a side's text is read, raw, before it is compared as it stands, however little of it
/// folding leaves (a page of spaces).
const MAX_REACH: usize = 16 * WINDOW;

/// The text before `at` (`before`) or from `at` on, folded: at least `len` characters of it
/// where the text has them. Folding merges runs of spaces: a table padded with eleven spaces
/// between its words folds to a fraction of its length, so the raw window grows until the folded
/// one is long enough (a fixed window read the claim's own prefix short there, and a copy padded
/// less fitted better), or reaches an end of the text, or `MAX_REACH`.
fn folded_beside(text: &SourceText, at: usize, len: usize, before: bool) -> Vec<char> {
    let end = text.char_len();
    let at = at.min(end);
    let mut reach = 2 * len + 8;
    loop {
        let window = if before { at.saturating_sub(reach)..at } else { at..at.saturating_add(reach).min(end) };
        let folded = fold_quote(text.slice(window.clone()).unwrap_or_default());
        let whole = if before { window.start == 0 } else { window.end == end };
        if folded.len() >= len || whole || reach >= MAX_REACH {
            return folded;
        }
        reach = (reach * 4).min(MAX_REACH);
    }
}

/// 1 - Levenshtein distance / the longer length: 1 for equal texts, 0 for nothing in common.
/// Callers keep both texts within `WINDOW` characters, so this costs a few thousand steps.
pub fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longest as f64
}

/// The edits (insertions, deletions, substitutions) that turn `a` into `b`: a step per
/// character of the other text when one holds at most 64 characters, a step per 64 rows of
/// `a` for each character of `b` otherwise.
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    // Context sides are at most `WINDOW` characters: one machine word holds a column.
    short_distance(a, b).or_else(|| short_distance(b, a)).unwrap_or_else(|| long_distance(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_window_nearest_the_quote_is_compared() {
        let text = SourceText::new("Some words. The passage itself. More words.".to_string());
        let range = 12..31;
        let long_prefix = format!("{}Some words. ", "unrelated ".repeat(10_000));
        let context = Context::new(&long_prefix, &format!(" More words.{}", "x".repeat(10_000)));
        let fit = context.fit(&text, &range).unwrap();
        assert_eq!(fit.prefix, Some(11.0 / 64.0), "the 64 characters nearest the quote: 11 match the text, 53 do not");
        assert!(fit.suffix.unwrap() < CONTRADICTS);
        let short = Context::new("words. ", " More");
        assert_eq!(short.fit(&text, &range), Some(Fit { prefix: Some(1.0), suffix: Some(1.0), same_marks: true }));
        assert!(short.fit(&text, &range).unwrap().supports());
    }

    #[test]
    fn places_at_the_ends_of_the_text_and_past_them_are_compared_safely() {
        let text = SourceText::new("abc".to_string());
        let context = Context::new("before ", " after");
        let fit = context.fit(&text, &(0..3)).unwrap();
        assert_eq!((fit.prefix, fit.suffix), (Some(0.0), Some(0.0)));
        assert!(context.fit(&text, &(usize::MAX - 1..usize::MAX)).is_some());
        assert_eq!(Context::new("", "").fit(&text, &(0..3)), None);
        assert_eq!(Context::new(" * ", ", ").fit(&text, &(0..3)), None, "sides too short to tell places apart");
    }

    /// Folding merges runs of spaces: a side is compared with as much folded text as it holds,
    /// however far the padding stretches it in the source (a table of options padded with eleven
    /// spaces fitted worse than a copy padded with nine).
    #[test]
    fn padded_text_is_read_far_enough_to_fill_the_side() {
        for pad in [1, 3, 11, 40, 200] {
            let gap = " ".repeat(pad);
            let text = SourceText::new(format!("c{gap}object{gap}OR{gap}c [count]{gap}object{gap}and more"));
            let start = text.as_str().find("c [count]").unwrap();
            let range = start..start + "c [count]".len();
            let context = Context::new(&format!("c{gap}object{gap}OR{gap}"), &format!("{gap}object{gap}and more"));
            let padded_otherwise = Context::new("c object OR ", " object and more");
            for context in [context, padded_otherwise] {
                let fit = context.fit(&text, &range).unwrap();
                assert_eq!((fit.prefix, fit.suffix), (Some(1.0), Some(1.0)), "padding of {pad}");
                assert_eq!((context.prefix_ends_at(&text, range.start), context.suffix_starts_at(&text, range.end)), (Some(true), Some(true)), "padding of {pad}");
            }
        }
        // A page of spaces is read only so far.
        let text = SourceText::new(format!("before{}quote", " ".repeat(1_000_000)));
        let fit = Context::new("before ", " after").fit(&text, &(1_000_006..1_000_011)).unwrap();
        assert!(fit.prefix.unwrap() < CONTRADICTS, "{fit:?}");
    }
}
