//! Settling the claims of a batch that may hold once the whole batch is read: each compares its
//! quote with its source's text at its offsets. When rows name their sources in no particular
//! order, that is a few trips to memory per claim (the text's header, the checkpoint of its
//! offset, the text there), each waiting for the one before; taken one claim after the other,
//! the claims wait in turn. Fetched a few claims ahead, the trips of several claims overlap.

use crate::load::claims::ClaimRef;
use crate::load::sources::SourceSet;
use crate::load::text::SourceText;
use crate::spans::Offsets;
use crate::spans::shift::{Placement, SourceKey};
use std::ops::Range;

/// How many claims take each step together. Each step starts fetching what the next one reads
/// for the whole group, so the trips of a group's claims overlap; a step meets its data in the
/// cache when the group takes about as long to go through as a trip to memory.
const GROUP: usize = 64;

/// The claims of a batch waiting to be compared with their source.
#[derive(Default)]
pub(super) struct Settling {
    claims: Vec<Deferred>,
    /// Their source names and quotes, end to end.
    strings: String,
}

struct Deferred {
    /// Where the claim's row stands among the batch's rows.
    row: usize,
    /// The source's name, in `Settling::strings`, and its hash (`SourceSet::name_hash`).
    name: Range<usize>,
    hash: u64,
    /// The claim before named the same source: rows come in runs naming one source, and a
    /// run is looked up once.
    same: bool,
    chars: Range<usize>,
    /// The quote, in `Settling::strings`.
    quote: Range<usize>,
}

/// How a claim's source name was looked up.
enum Lookup<'s> {
    /// As the claim before's.
    Same,
    /// A name written as listed or a manifest id: the file's number, its text not yet read.
    Number(u32),
    /// Any other name, resolved the long way.
    Resolved(Option<&'s SourceText>),
}

impl Settling {
    /// Room for `claims` claims whose names and quotes take up to `bytes` bytes.
    pub fn with_capacity(claims: usize, bytes: usize) -> Settling {
        Settling { claims: Vec::with_capacity(claims), strings: String::with_capacity(bytes) }
    }

    /// Waits to compare the quote of `claim`, of row `row`, with its source at its offsets when
    /// it may hold: it states no figure and gives offsets. False for every other claim, which
    /// takes the full check now (`check_located`), which reports what stands in the way.
    pub fn defer(&mut self, row: usize, claim: &ClaimRef<'_>, sources: &SourceSet) -> bool {
        if claim.is_figure() {
            return false;
        }
        let Offsets::Given(chars) = Offsets::parse(claim.start, claim.end) else { return false };
        let (name, hash, same) = match self.claims.last() {
            Some(last) if &self.strings[last.name.clone()] == claim.source => (last.name.clone(), last.hash, true),
            _ => (self.push(claim.source), sources.name_hash(claim.source), false),
        };
        let quote = self.push(claim.quote);
        self.claims.push(Deferred { row, name, hash, same, chars, quote });
        true
    }

    fn push(&mut self, text: &str) -> Range<usize> {
        let start = self.strings.len();
        self.strings.push_str(text);
        start..self.strings.len()
    }

    /// The rows given to `defer` whose quote does not stand at its offsets (or whose source
    /// cannot be read), in order; where each of the others stands goes to `placements`, as
    /// evidence for the claims of its source left ambiguous (`spans::shift`).
    pub fn settle<'s>(&self, sources: &'s SourceSet, placements: &mut Vec<Placement>) -> Vec<usize> {
        let mut failing = Vec::new();
        let (mut lookups, mut texts) = (Vec::with_capacity(GROUP), Vec::with_capacity(GROUP));
        // The text of the claim before, for a claim naming the same source.
        let mut last: Option<&'s SourceText> = None;
        for group in self.claims.chunks(GROUP) {
            for claim in group.iter().filter(|claim| !claim.same) {
                sources.prefetch_name(claim.hash);
            }
            // The name's slot, then the file's entry (fetched by `named_hashed`).
            lookups.clear();
            lookups.extend(group.iter().map(|claim| {
                let name = &self.strings[claim.name.clone()];
                match claim.same {
                    true => Lookup::Same,
                    false => sources.named_hashed(name, claim.hash).map_or_else(|| Lookup::Resolved(sources.named_text(name).ok()), Lookup::Number),
                }
            }));
            // The text, read on first use; then its header.
            texts.clear();
            for lookup in &lookups {
                let text = match *lookup {
                    Lookup::Same => last,
                    Lookup::Number(number) => sources.numbered_text(number).ok(),
                    Lookup::Resolved(text) => text,
                };
                if let Some(text) = text {
                    text.prefetch_header();
                }
                texts.push(text);
                last = text;
            }
            // The checkpoint of the offset, then the text there.
            for (claim, text) in group.iter().zip(&texts) {
                if let Some(text) = text {
                    text.prefetch_checkpoint(claim.chars.start);
                }
            }
            for (claim, text) in group.iter().zip(&texts) {
                if let Some(text) = text {
                    text.prefetch_text(claim.chars.start, claim.quote.len());
                }
            }
            for (claim, text) in group.iter().zip(&texts) {
                match text {
                    Some(text) if text.holds_at(claim.chars.clone(), &self.strings[claim.quote.clone()]) => {
                        placements.extend(Placement::new(SourceKey::of(text), claim.chars.start, &claim.chars));
                    }
                    _ => failing.push(claim.row),
                }
            }
        }
        failing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn claim<'a>(file: &'a Arc<str>, source: &'a str, start: &'a str, end: &'a str, quote: &'a str, value: &'a str) -> ClaimRef<'a> {
        ClaimRef { id: "C1", source, quote, start, end, prefix: "", suffix: "", subject: "", measure: "", value, file, row: 2, line: 2 }
    }

    #[test]
    fn only_quotes_not_at_their_offsets_or_sources_unread_fail_in_row_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "“Crocus” — Крокус 137").unwrap();
        std::fs::write(dir.path().join("b.txt"), "plain text here").unwrap();
        std::fs::write(dir.path().join("bad.txt"), b"caf\xe9").unwrap();
        std::fs::write(dir.path().join("sources.csv"), "file,id\nb.txt,src-b\n").unwrap();
        let (sources, _) = SourceSet::open(dir.path(), "sources".into()).unwrap();
        let file: Arc<str> = "claims.csv".into();
        let mut settling = Settling::default();
        // Figure claims and claims without offsets take the full check at once.
        assert!(!settling.defer(0, &claim(&file, "a.txt", "11", "17", "Крокус", "137"), &sources));
        assert!(!settling.defer(0, &claim(&file, "a.txt", "", "", "Крокус", ""), &sources));
        // Enough claims for several groups, naming sources by file, by id, by a path to
        // normalize, in runs and alone, some not at their offsets, some naming no readable file.
        let cases = [
            ("a.txt", 11..17, "Крокус", true),
            ("a.txt", 10..16, "Крокус", false),
            ("src-b", 6..10, "text", true),
            ("./b.txt", 0..5, "plain", true),
            ("b.txt", 0..5, "plain text", false),
            ("missing.txt", 0..5, "plain", false),
            ("bad.txt", 0..3, "caf", false),
            ("b.txt", 0..5, "plain", true),
        ];
        let mut expected = (Vec::new(), Vec::new());
        for row in 0..GROUP * 3 + 5 {
            let (source, chars, quote, holds) = cases[row / 3 % cases.len()].clone();
            let (start, end) = (chars.start.to_string(), chars.end.to_string());
            assert!(settling.defer(row * 2, &claim(&file, source, &start, &end, quote, ""), &sources));
            if holds {
                let text = sources.named_text(source).unwrap();
                expected.1.push(Placement::new(SourceKey::of(text), chars.start, &chars).unwrap());
            } else {
                expected.0.push(row * 2);
            }
        }
        let mut placements = Vec::new();
        assert_eq!(settling.settle(&sources, &mut placements), expected.0);
        assert_eq!(placements, expected.1);
    }
}
