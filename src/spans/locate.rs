//! The tiered search for a quote in its source, returning ranked candidates.
//!
//! Tiers, strongest first; the first tier that finds anything decides:
//! 1. `Exact`: the quote as written, anywhere in the source.
//! 2. `Folded`: the quote after typography folding (see `fold`), offsets mapped back.
//! 3. `Fuzzy`: the folded quote with at most `1 - MIN_SIMILARITY` of its characters edited,
//!    only for quotes of at least `MIN_FUZZY_CHARS` folded characters.
//!
//! Ranking inside a tier: each candidate's evidence is its similarity (1 - edits / quote length)
//! plus `CONTEXT_WEIGHT` times how well the text around it matches the row's `prefix`/`suffix`
//! (the mean of the similarities of those given). The best candidate wins when its evidence
//! exceeds every other's by at least `MARGIN`. Otherwise, among the candidates within `MARGIN` of
//! the best, nearness to the recorded offsets decides when the nearest is less than half as far
//! from the recorded start as the next nearest. When neither separates them, the result is
//! ambiguous: the claim is not guessed onto one of them.

use super::find_all;
use super::fold::{Folded, fold, fold_quote};
use super::fuzzy::{Alphabet, Pattern};
use crate::load::text::SourceText;
use std::ops::Range;

/// Below this similarity a candidate is not the quote but some other text.
pub const MIN_SIMILARITY: f64 = 0.75;
/// Quotes shorter than this (folded characters) are never placed by approximate matching: a short
/// quote such as "137" or "over 300 people" resembles too many other places.
pub const MIN_FUZZY_CHARS: usize = 24;
/// How much the `prefix`/`suffix` context weighs against the quote's own similarity.
pub const CONTEXT_WEIGHT: f64 = 0.5;
/// The evidence by which the best candidate must lead to win outright.
pub const MARGIN: f64 = 0.05;

/// What the search needs to know of a source beyond its text, built once per source.
pub struct SourceIndex {
    pub folded: Folded,
}

impl SourceIndex {
    pub fn new(text: &SourceText) -> SourceIndex {
        SourceIndex { folded: fold(text.as_str()) }
    }

    /// About how many bytes of memory the index takes.
    pub fn heap_bytes(&self) -> usize {
        self.folded.heap_bytes()
    }
}

/// What is searched for: a claim's quote and what the row says around it.
#[derive(Debug, Clone)]
pub struct Query<'a> {
    pub quote: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    /// The recorded offsets, when the row has them.
    pub recorded: Option<Range<usize>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Exact,
    Folded,
    Fuzzy,
}

/// A place the quote may stand now.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Code points of the source.
    pub range: Range<usize>,
    /// Edits between the folded quote and the folded text here.
    pub errors: usize,
    pub similarity: f64,
    /// How well `prefix`/`suffix` match the text around (0 to 1); `None` when the row has neither.
    pub context: Option<f64>,
}

impl Candidate {
    fn evidence(&self) -> f64 {
        self.similarity + CONTEXT_WEIGHT * self.context.unwrap_or(0.0)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    Found { tier: Tier, best: Candidate },
    /// The contenders nothing separates, best first.
    Ambiguous { tier: Tier, candidates: Vec<Candidate> },
    Missing(Missing),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    /// Not found as written or folded, and too short to look for approximately.
    TooShort,
    /// No place reaches `MIN_SIMILARITY`.
    NothingClose,
}

/// Searches `text` for the quote of `query`, tier by tier. `index` is built on first need.
pub fn locate(query: &Query<'_>, text: &SourceText, index: impl FnOnce() -> std::sync::Arc<SourceIndex>) -> Located {
    let exact: Vec<Candidate> = find_all(text, query.quote).into_iter().map(|range| candidate(query, text, range, 0, 1.0)).collect();
    if !exact.is_empty() {
        return rank(Tier::Exact, exact, query);
    }
    let quote = fold_quote(query.quote);
    if quote.is_empty() {
        return Located::Missing(Missing::NothingClose);
    }
    let index = index();
    let folded = &index.folded;
    let needle: String = quote.iter().collect();
    let found: Vec<Candidate> = find_all(&folded.text, &needle).into_iter().map(|range| candidate(query, text, folded.original(range), 0, 1.0)).collect();
    if !found.is_empty() {
        return rank(Tier::Folded, found, query);
    }
    if quote.len() < MIN_FUZZY_CHARS {
        return Located::Missing(Missing::TooShort);
    }
    let max_errors = ((1.0 - MIN_SIMILARITY) * quote.len() as f64).floor() as usize;
    let alphabet = Alphabet::of(&quote);
    let pattern = Pattern::new(quote.iter().map(|&c| alphabet.id(c)).collect(), alphabet.len());
    let near: Vec<Candidate> = pattern
        .search(&alphabet.ids(folded.text.as_str()), max_errors)
        .into_iter()
        .map(|hit| {
            let similarity = 1.0 - hit.errors as f64 / quote.len() as f64;
            candidate(query, text, folded.original(hit.range), hit.errors, similarity)
        })
        .filter(|c| c.similarity >= MIN_SIMILARITY)
        .collect();
    if near.is_empty() {
        return Located::Missing(Missing::NothingClose);
    }
    rank(Tier::Fuzzy, near, query)
}

fn candidate(query: &Query<'_>, text: &SourceText, range: Range<usize>, errors: usize, similarity: f64) -> Candidate {
    let context = context(query, text, &range);
    Candidate { range, errors, similarity, context }
}

/// How well the row's `prefix` and `suffix` match the text just before and after `range`.
fn context(query: &Query<'_>, text: &SourceText, range: &Range<usize>) -> Option<f64> {
    let mut scores = Vec::new();
    let prefix = fold_quote(query.prefix);
    if !prefix.is_empty() {
        let before = text.slice(range.start.saturating_sub(query.prefix.chars().count())..range.start).unwrap_or_default();
        scores.push(similarity(&prefix, &fold_quote(before)));
    }
    let suffix = fold_quote(query.suffix);
    if !suffix.is_empty() {
        let to = (range.end + query.suffix.chars().count()).min(text.char_len());
        let after = text.slice(range.end..to).unwrap_or_default();
        scores.push(similarity(&suffix, &fold_quote(after)));
    }
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

/// 1 - Levenshtein distance / the longer length: 1 for equal texts, 0 for nothing in common.
fn similarity(a: &[char], b: &[char]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
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
    1.0 - row[b.len()] as f64 / longest as f64
}

/// Applies the module's ranking rule to the candidates of one tier.
fn rank(tier: Tier, mut candidates: Vec<Candidate>, query: &Query<'_>) -> Located {
    candidates.sort_by(|a, b| b.evidence().total_cmp(&a.evidence()).then(a.range.start.cmp(&b.range.start)));
    let top = candidates[0].evidence();
    candidates.retain(|c| c.evidence() > top - MARGIN);
    if candidates.len() == 1 {
        return Located::Found { tier, best: candidates.remove(0) };
    }
    if let Some(recorded) = &query.recorded {
        let distance = |c: &Candidate| c.range.start.abs_diff(recorded.start);
        candidates.sort_by_key(|c| (distance(c), c.range.start));
        if 2 * distance(&candidates[0]) < distance(&candidates[1]) {
            return Located::Found { tier, best: candidates.remove(0) };
        }
        candidates.sort_by(|a, b| b.evidence().total_cmp(&a.evidence()).then(a.range.start.cmp(&b.range.start)));
    }
    Located::Ambiguous { tier, candidates }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn find(source: &str, quote: &str, prefix: &str, suffix: &str, recorded: Option<Range<usize>>) -> Located {
        let text = SourceText::new(source.to_string());
        let query = Query { quote, prefix, suffix, recorded };
        locate(&query, &text, || Arc::new(SourceIndex::new(&text)))
    }

    fn found_at(located: &Located) -> (Tier, Range<usize>) {
        match located {
            Located::Found { tier, best } => (*tier, best.range.clone()),
            other => panic!("expected a unique place, got {other:?}"),
        }
    }

    const SOURCE: &str = "Intro. The attack on Crocus City Hall killed 137 people, officials said on Sunday. Later text.";

    #[test]
    fn tiers_find_exact_folded_and_edited_quotes() {
        let quote = "The attack on Crocus City Hall killed 137 people";
        assert_eq!(found_at(&find(SOURCE, quote, "", "", None)), (Tier::Exact, 7..55));
        let curly = "Intro. The attack on “Crocus City Hall” killed 137 people";
        let text = "The attack on \"Crocus City Hall\" killed 137 people";
        assert_eq!(found_at(&find(curly, text, "", "", None)), (Tier::Folded, 7..57));
        let edited = "The attack on Crocus City Hall killed 145 people";
        assert_eq!(found_at(&find(SOURCE, edited, "", "", None)), (Tier::Fuzzy, 7..55));
    }

    #[test]
    fn short_quotes_never_anchor_approximately() {
        assert_eq!(find(SOURCE, "killed 145", "", "", None), Located::Missing(Missing::TooShort));
    }

    #[test]
    fn text_below_the_minimum_similarity_is_missing() {
        let rewritten = "Nobody could say how many people had died in the concert hall";
        assert_eq!(find(SOURCE, rewritten, "", "", None), Located::Missing(Missing::NothingClose));
    }

    #[test]
    fn duplicates_are_ambiguous_unless_context_or_nearness_decides() {
        let source = "In March, 137 people died. Then in May, 137 people died.";
        assert!(matches!(find(source, "137 people died", "", "", None), Located::Ambiguous { .. }));
        assert_eq!(found_at(&find(source, "137 people died", "in May, ", "", None)).1, 40..55);
        // Recorded at 12 (before an edit shifted the text by one): the first is far nearer.
        assert_eq!(found_at(&find(source, "137 people died", "", "", Some(12..27))).1, 10..25);
        // Recorded midway: nearness does not decide.
        assert!(matches!(find(source, "137 people died", "", "", Some(25..40)), Located::Ambiguous { .. }));
    }
}
