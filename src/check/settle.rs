//! Settling the claims of a batch that may hold once the whole batch is read: each compares its
//! quote with its source's text at its offsets. When rows name their sources in no particular
//! order, that is a few trips to memory per claim (the text's header, the checkpoint of its
//! offset, the text there), each waiting for the one before; taken one claim after the other,
//! the claims wait in turn. Fetched a few claims ahead, the trips of several claims overlap.

use crate::load::text::SourceText;
use crate::spans::shift::{Placement, SourceKey};
use std::ops::Range;

/// How many claims ahead of its comparison a text's header is fetched.
const HEADER_AHEAD: usize = 16;
/// How many claims ahead the checkpoint and the text at the offset are fetched (the header,
/// fetched earlier, says where they are).
const OFFSET_AHEAD: usize = 8;

/// The claims of a batch waiting to be compared with their source.
#[derive(Default)]
pub(super) struct Settling<'s> {
    claims: Vec<Deferred<'s>>,
    /// Their quotes, end to end.
    quotes: String,
}

struct Deferred<'s> {
    /// Where the claim's row stands among the batch's rows.
    row: usize,
    text: &'s SourceText,
    chars: Range<usize>,
    /// The quote, in `Settling::quotes`.
    quote: Range<usize>,
}

impl<'s> Settling<'s> {
    /// Waits to compare the quote of row `row` with `text` at the code points `chars`.
    pub fn defer(&mut self, row: usize, text: &'s SourceText, chars: Range<usize>, quote: &str) {
        let start = self.quotes.len();
        self.quotes.push_str(quote);
        self.claims.push(Deferred { row, text, chars, quote: start..self.quotes.len() });
    }

    /// The rows given to `defer` whose quote does not stand at its offsets, in order; where
    /// each of the others stands goes to `placements`, as evidence for the claims of its source
    /// left ambiguous (`spans::shift`).
    pub fn settle(&self, placements: &mut Vec<Placement>) -> Vec<usize> {
        let mut failing = Vec::new();
        for (at, claim) in self.claims.iter().enumerate() {
            if let Some(ahead) = self.claims.get(at + HEADER_AHEAD) {
                ahead.text.prefetch_header();
            }
            if let Some(ahead) = self.claims.get(at + OFFSET_AHEAD) {
                ahead.text.prefetch_span(ahead.chars.start, ahead.quote.len());
            }
            if claim.text.holds_at(claim.chars.clone(), &self.quotes[claim.quote.clone()]) {
                placements.extend(Placement::new(SourceKey::of(claim.text), claim.chars.start, claim.chars.start));
            } else {
                failing.push(claim.row);
            }
        }
        failing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_quotes_not_at_their_offsets_fail_in_row_order() {
        let texts: Vec<SourceText> = ["“Crocus” — Крокус 137", "plain text here"].map(|t| SourceText::new(t.to_string())).into();
        let mut settling = Settling::default();
        // Forty claims, so that every one is fetched ahead of its comparison.
        for row in 0..40 {
            let (text, chars, quote) = match row % 4 {
                0 => (&texts[0], 11..17, "Крокус"),
                1 => (&texts[0], 10..16, "Крокус"),
                2 => (&texts[1], 6..10, "text"),
                _ => (&texts[1], 0..5, "plain text"),
            };
            settling.defer(row * 2, text, chars, quote);
        }
        let failing: Vec<usize> = (0..40).filter(|row| row % 4 == 1 || row % 4 == 3).map(|row| row * 2).collect();
        let mut placements = Vec::new();
        assert_eq!(settling.settle(&mut placements), failing);
        let held = |text: &SourceText, start: usize| Placement::new(SourceKey::of(text), start, start).unwrap();
        assert_eq!(placements, (0..20).map(|n| if n % 2 == 0 { held(&texts[0], 11) } else { held(&texts[1], 6) }).collect::<Vec<_>>());
    }
}
