//! The search for a quote in its source, and the decision of where, if anywhere, it stands.
//!
//! The one rule above all: a claim is placed only where the evidence points at one place; when
//! it does not, the claim is ambiguous (listing the places) or missing, never guessed.
//!
//! The places searched:
//! 1. Copies: the quote as written (`Exact`) or up to typography (`Folded`, see `fold`).
//! 2. Approximate places (`Fuzzy`): the folded quote with edits, for quotes of at least
//!    `MIN_FUZZY_CHARS` folded characters (shorter ones only where their context decides).
//!
//! The evidence, strongest first:
//! - The `prefix`/`suffix` context (`context`): it decides between places when every side given
//!   matches the best place and that place fits clearly better than every other. Context outranks
//!   nearness; when the two point at different approximate places, the claim is ambiguous.
//! - The recorded offsets, for approximate places only: a close variant of the quote lying over
//!   them is the claim's text, edited. Among identical copies nearness is no evidence: a sibling
//!   passage slides into the place of one moved away as readily as a copy is added elsewhere.
//! - Similarity, for approximate places only, and only with a clear lead over every look-alike
//!   (every place at least `LOOKALIKE_SIMILARITY` similar): a passage with siblings of one shape
//!   (table rows, verses, clauses) is not placed on similarity alone.
//!
//! Copies come before approximate places, except at the recorded offsets: when they hold a close
//! variant of the quote (edited in place) and an exact copy stands elsewhere, nothing but context
//! says which one the claim meant.

use super::context::{ANCHOR, Context, Fit, levenshtein, similarity};
use super::find_all;
use super::fold::{Folded, fold, fold_quote};
use super::fuzzy::{Alphabet, End, Hit, Pattern, Symbol};
use super::marks;
use crate::load::text::SourceText;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::char::canonical_combining_class;

/// Below this similarity a candidate is not the quote but some other text.
pub const MIN_SIMILARITY: f64 = 0.75;
/// Quotes shorter than this (folded characters) are placed approximately only where both sides
/// of their context decide: a short quote such as "137" or "over 300 people" resembles too many
/// other places.
pub const MIN_FUZZY_CHARS: usize = 24;
/// Places at least this similar to the quote are its look-alikes: the best approximate place
/// must lead every other look-alike clearly.
pub const LOOKALIKE_SIMILARITY: f64 = 0.6;
/// An approximate place that neither the recorded offsets nor the context support is placed on
/// similarity alone only when it is at least this similar and differs in one figure only.
pub const UNSUPPORTED_SIMILARITY: f64 = 0.85;
/// A place at least this similar to the quote is nearly the quote: a figure or a word changed.
/// Rows of a table, each beside the next, are less alike; an edit of the quote's own text that
/// stands against a copy shifted over the offsets must be this close (see `locate`).
const NEARLY_THE_QUOTE: f64 = 0.9;
/// At most this many look-alikes are weighed (and listed when ambiguous).
pub const MAX_PLACES: usize = 16;
/// The longest line at the edge of an approximate place weighed against the quote's (see
/// `Approximate::without_foreign_edge_lines`): text that replaced a line of the quote is taken in
/// only a few characters deep, where they happen to match.
const EDGE_LINE: usize = 64;
/// How alike an edge line sharing no word with the quote's must be to count as its edit: as
/// a line with a word or two retyped (`colour` for `color`), not one with every word changed.
const RETYPED_LINE: f64 = 0.75;
/// The most letters and digits an edge line may hold to be weighed by its text alone.
const TINY_LINE: usize = 2;

/// How far into an approximate place a sentence's end (or beginning) not the quote's is looked
/// for (`without_foreign_sentence_edges`), and how far past that the quote is read for a full
/// stop or the same words.
const SENTENCE_EDGE: usize = 24;
const SLACK_CHARS: usize = 8;

/// How far before an approximate place the quote's first words are looked for past a paragraph
/// inserted there (`with_head_before_insertion`), and how many lines that paragraph may have (and
/// how many lines of an edge paragraph `within_paragraph` reads for the quote's own).
const HEAD_REACH: usize = 256;
const INSERTED_LINES: usize = 4;
/// The letters and digits the quote's first characters must hold to be looked for so: fewer
/// ("the") end many a line by chance.
const HEAD_WORD_CHARS: usize = 5;

/// The letters and digits a paragraph at the edge of an approximate place must hold, all of them
/// the quote's own first (last) ones as written, to be taken in across a blank line the quote
/// does not have (see `within_paragraph`).
const OWN_EDGE_WORD_CHARS: usize = 8;
/// The places around the recorded offsets weighed for the one lying over them: the passage
/// there and the siblings on either side of it, with room to spare.
const NEAR_PLACES: usize = 4;

/// Places of the prefix's anchor weighed for a variant between it and the suffix's; more say the
/// context is a formula that tells nothing (`Search::anchored_variants`).
const MAX_ANCHORS: usize = 64;
/// Quotes longer than this (folded characters) are not compared whole at each anchor: their
/// own text is distinct enough to be found over the offsets or among look-alikes.
const MAX_ANCHORED_QUOTE: usize = 512;

/// How far the edges of an approximate place may move to fit the row's context (see
/// `Search::fitted_to_context`).
const EDGE_REACH: usize = 3;

/// What the search needs to know of a source beyond its text, built once per source: the folded
/// text for every claim, its numbering only for the claims searched approximately (most claims
/// are found as copies, and the numbering takes four bytes a character).
pub struct SourceIndex {
    pub folded: Folded,
    numbering: OnceLock<Numbering>,
    /// Told the bytes of the numbering once it is made, by the cache that holds the index.
    grown: Option<Grown>,
}

/// What a cache counts an index's numbering with.
pub type Grown = Box<dyn Fn(usize) + Send + Sync>;

/// The folded text as numbers: what the approximate search reads.
pub(super) struct Numbering {
    /// The distinct characters of the folded text, numbered.
    alphabet: Alphabet,
    symbols: Vec<Symbol>,
}

impl SourceIndex {
    pub fn new(text: &SourceText) -> SourceIndex {
        SourceIndex::counted(text, None)
    }

    /// The index of `text`, whose numbering, once made, is counted by `grown`.
    pub fn counted(text: &SourceText, grown: Option<Grown>) -> SourceIndex {
        SourceIndex { folded: fold(text.as_str()), numbering: OnceLock::new(), grown }
    }

    pub(super) fn numbering(&self) -> &Numbering {
        let mut made = false;
        let numbering = self.numbering.get_or_init(|| {
            made = true;
            let (alphabet, symbols) = Alphabet::numbering(self.folded.text.as_str());
            Numbering { alphabet, symbols }
        });
        if let Some(grown) = self.grown.as_ref().filter(|_| made) {
            grown(numbering.heap_bytes());
        }
        numbering
    }

    /// About how many bytes of memory the index takes now.
    pub fn heap_bytes(&self) -> usize {
        self.folded.heap_bytes() + self.numbering.get().map_or(0, Numbering::heap_bytes)
    }
}

impl Numbering {
    fn heap_bytes(&self) -> usize {
        self.symbols.capacity() * size_of::<Symbol>() + self.alphabet.heap_bytes()
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

/// What placed a claim at its one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    /// The quote stands (as written or up to typography) at this one place only.
    Only,
    /// The `prefix`/`suffix` fit this place and clearly no other.
    Context,
    /// The `prefix`/`suffix` fit this copy best by one side only, while a copy nearer the
    /// recorded offsets shares the other side (its own place, perhaps, with the deciding side
    /// edited): kept only where the claims placed around it moved as if it stood here, and never
    /// written by `fix`.
    OneSide,
    /// An approximate place lying over the recorded offsets, with no look-alike nearly as close;
    /// or, among copies nothing else tells apart, the one up to typography exactly at them.
    Offsets,
    /// An approximate place that differs in one figure and nothing else in the source resembles.
    Similarity,
    /// One of several copies, where the claims placed around it in the source moved by one shift
    /// (see `shift`).
    Neighbours,
}

/// The candidate the context decides for (`index`), and whether the choice rests on one side
/// of the context while a rival nearer the recorded offsets shares the other (`one_side`).
struct ContextChoice {
    index: usize,
    one_side: bool,
}

/// A place the quote may stand now.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Code points of the source.
    pub range: Range<usize>,
    pub tier: Tier,
    /// Edits between the folded quote and the folded text here.
    pub errors: usize,
    pub similarity: f64,
    /// How well `prefix`/`suffix` match the text around; `None` when the row has neither, and
    /// for a quote that stands at one place only (there is nothing to weigh it against, and an
    /// exact quote is most claims: its context is not compared).
    pub fit: Option<Fit>,
}

impl Candidate {
    pub(super) fn context_score(&self) -> f64 {
        self.fit.map_or(0.0, |fit| fit.score())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Located {
    /// `rivals`: the other copies, when context chose among several (the claims around it may
    /// contest the choice, see `shift`); empty otherwise.
    Found {
        tier: Tier,
        best: Candidate,
        decided: Decided,
        rivals: Vec<Candidate>,
    },
    /// The contenders nothing separates; `unlisted` more stand beyond `candidates` where the
    /// quote stands at more than `MAX_WEIGHED_COPIES` places, and none was weighed.
    Ambiguous {
        tier: Tier,
        candidates: Vec<Candidate>,
        unlisted: usize,
    },
    Missing(Missing),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Missing {
    /// Not found as written or folded, too short to look for approximately, and no context decides.
    TooShort,
    /// Not found as written or folded, and too long (`quote` characters) to look for
    /// approximately in a source of `source` characters (`MAX_APPROXIMATE_WORK`).
    TooLong { quote: usize, source: usize },
    /// No place reaches `MIN_SIMILARITY`.
    NothingClose,
    /// The closest place has look-alikes nearly as close (`others` of them): it may be a sibling
    /// of the quote's lost passage.
    LookAlikes { best: Candidate, others: usize },
    /// The closest place lies mostly beside the recorded offsets, while the text over them
    /// (`edited`, less like the quote) may be the claim's own passage edited further.
    BesideEdited { best: Candidate, edited: Candidate },
    /// The closest place differs from the quote in figures or names (or its context speaks
    /// against it), and neither the recorded offsets nor the context tie the claim to it.
    Unsupported { best: Candidate },
    /// The closest place lies over the recorded offsets, but the claims placed around it moved
    /// apart by `unexplained` characters more than its edit explains (see `shift`).
    SlidOver { best: Candidate, unexplained: i128 },
    /// The closest place, chosen by context, lies between the claims placed around it where
    /// neither of their shifts puts it (see `shift`).
    Stray { best: Candidate },
    /// The quote's one copy (`best`) lies inside the passage another claim quotes (`passage`,
    /// placed for certain), which held that text at `was`, not at the claim's offsets (see
    /// `shift`).
    InsideAnother { best: Candidate, passage: Range<usize>, was: usize },
}

/// Searches `text` for the quote of `query` and decides where it stands. `index` is built on
/// first need.
pub fn locate(query: &Query<'_>, text: &SourceText, index: impl FnOnce() -> std::sync::Arc<SourceIndex>) -> Located {
    let search = Search::new(query, text);
    let exact = find_all(text, query.quote, MAX_WEIGHED_COPIES + 1);
    let mut copies: Vec<Candidate> = exact.first.into_iter().map(|range| copy(range, Tier::Exact)).collect();
    if exact.count > MAX_WEIGHED_COPIES {
        return too_many(copies, exact.count);
    }
    let quote = &search.quote;
    if quote.is_empty() {
        return match copies.is_empty() {
            true => Located::Missing(Missing::NothingClose),
            false => search.among_copies(copies, Vec::new(), None),
        };
    }
    let index = index();
    let folded = &index.folded;
    let needle: String = quote.iter().collect();
    let retyped = find_all(&folded.text, &needle, MAX_WEIGHED_COPIES + 1);
    let mut places: Vec<Range<usize>> = retyped.first.into_iter().map(|range| folded.original(range)).collect();
    places.sort_by_key(|range| range.start);
    // A copy up to typography crossing a blank line the quote does not have is no copy: a
    // paragraph break is structure, not typography. A note inserted right after the full stop a
    // quote opened with (the end of the sentence before it, then the comment lines of a manual
    // page's source) ended with a full stop and a blank line of its own, and from there the text
    // read as the quote folded: the note's full stop was taken for the quote's, retyped.
    let quote_has_blank_line = has_blank_line(query.quote);
    places.retain(|range| quote_has_blank_line || !text.slice(range.clone()).is_some_and(has_blank_line));
    // Copies as written all have the quote's length, so they are ordered by end as by start: one
    // pass over both lists finds those up to typography that no copy as written overlaps, nor one
    // up to typography already kept (a character folded into several, `…` into `...`, maps two
    // matches of `..` back to one place); those kept start no later than the next, which
    // overlaps one of them exactly when it starts before the furthest end among them.
    let exact = copies.len();
    let mut first_not_before = 0;
    let mut kept_end = 0;
    for range in places {
        while first_not_before < exact && copies[first_not_before].range.end <= range.start {
            first_not_before += 1;
        }
        let over_exact = copies[first_not_before..exact].first().is_some_and(|copy| overlaps(&copy.range, &range));
        let over_kept = copies.len() > exact && range.start < kept_end;
        if !over_exact && !over_kept {
            kept_end = kept_end.max(range.end);
            copies.push(copy(range, Tier::Folded));
        }
    }
    if retyped.count > MAX_WEIGHED_COPIES {
        // Folding keeps a copy as written a copy, so those up to typography count them all.
        let count = retyped.count.max(copies.len());
        return too_many(copies, count);
    }
    copies.sort_by_key(|c| c.range.start);
    let approximate = || Approximate::new(quote, query.quote, &index);
    let approximable = within_approximate_work(quote.len(), folded.text.char_len());
    if !copies.is_empty() {
        // Edited in place, with a copy elsewhere: look for the variant over the offsets. A copy
        // covering less than most of them may be a repeat beside it ("the end of this line
        // twice. the end of this line twice.") while its own text, edited, stands over them. A
        // copy covering most of them, shifted, is the quote's own text moved by an edit before
        // it, unless a place nearly the quote covers most of them from the other side: a repeat
        // just after it then as likely took the place of its own text, edited (a ticket named
        // twice in a row, the first naming corrected, with a word gone before it).
        let variants = match &query.recorded {
            Some(recorded) if approximable && !copies.iter().any(|copy| copy.range == *recorded) => match copies.iter().find(|copy| mostly_over(&copy.range, recorded)) {
                None => {
                    let mut variants = search.variants(&approximate(), recorded, &copies);
                    if !variants.iter().any(|variant| mostly_over(&variant.range, recorded)) {
                        variants.extend(search.edited_exactly_over(recorded, &copies));
                    }
                    variants
                }
                // Such a place overlaps the part of the offsets the copy leaves uncovered.
                Some(copy) => {
                    let uncovered = match copy.range.start > recorded.start {
                        true => recorded.start..copy.range.start,
                        false => copy.range.end.min(recorded.end)..recorded.end,
                    };
                    let mut variants = search.variants_within(&approximate(), &uncovered, &copies, NEARLY_THE_QUOTE);
                    variants.retain(|variant| mostly_over(&variant.range, recorded));
                    variants
                }
            },
            _ => Vec::new(),
        };
        return search.among_copies(copies, variants, Some(&index));
    }
    if !approximable {
        return Located::Missing(Missing::TooLong { quote: quote.len(), source: folded.text.char_len() });
    }
    let approximate = approximate();
    if quote.len() < MIN_FUZZY_CHARS {
        return search.short(&approximate);
    }
    search.among_lookalikes(&approximate)
}

/// The most characters of quote times characters of source one claim's approximate search
/// reads: about three seconds of one core. A paragraph quoted from a 50 MB legal code is within
/// it; a quote of a megabyte (the largest cell) is searched in sources of 68,000 characters at
/// most, where an unbounded search of a 256 MB source would take days.
pub const MAX_APPROXIMATE_WORK: u64 = 1 << 36;

/// How alike a place `errors` edits from a quote of `len` (folded) characters is to it (0 to 1).
fn similarity_after(errors: usize, len: usize) -> f64 {
    (1.0 - errors as f64 / len.max(1) as f64).max(0.0)
}

/// The most edits a place may be from a quote of `len` (folded) characters and still be
/// `similarity` like it.
fn max_edits(len: usize, similarity: f64) -> usize {
    ((1.0 - similarity) * len as f64).floor() as usize
}

/// Whether a quote of `quote` characters may be searched for approximately in `source`.
fn within_approximate_work(quote: usize, source: usize) -> bool {
    (quote as u64).saturating_mul(source as u64) <= MAX_APPROXIMATE_WORK
}

/// An edited variant of the quote of `query` lying over `at` (where the claims around it say
/// its own text went), at least `MIN_SIMILARITY` similar; `None` when there is none.
pub fn variant_at(query: &Query<'_>, text: &SourceText, index: &SourceIndex, at: &Range<usize>) -> Option<Candidate> {
    let search = Search::new(query, text);
    if search.quote.is_empty() || !within_approximate_work(search.quote.len(), index.folded.text.char_len()) {
        return None;
    }
    let approximate = Approximate::new(&search.quote, query.quote, index);
    // The text exactly over `at`, the quote's length, stands for the passage edited in place
    // when the alignment around it does not (it may stop before a changed last character and
    // give up the marks before that: "ションは、  パ" against "ションは、  告").
    search.variant(&approximate, at, &[]).or_else(|| {
        let (errors, similarity) = search.edits_exactly_over(at)?;
        Some(Candidate { range: at.clone(), tier: Tier::Fuzzy, errors, similarity, fit: None })
    })
}

/// A quote standing at more places than this is reported ambiguous without weighing context or
/// offsets among them: no analyst quotes a passage that often, and a hostile file (one character
/// repeated a million times, quoted five thousand times over) would otherwise cost time and
/// memory for every place of every claim.
pub const MAX_WEIGHED_COPIES: usize = 1_000;

/// The first copies of a quote standing at `count` places, more than `MAX_WEIGHED_COPIES`.
fn too_many(copies: Vec<Candidate>, count: usize) -> Located {
    let unlisted = count - copies.len();
    ambiguous(copies, unlisted)
}

/// `candidates`, and `unlisted` more, as places nothing separates, by start.
fn ambiguous(mut candidates: Vec<Candidate>, unlisted: usize) -> Located {
    candidates.sort_by_key(|c| c.range.start);
    let tier = candidates.iter().map(|c| c.tier).min_by_key(|t| *t as u8).unwrap_or(Tier::Fuzzy);
    Located::Ambiguous { tier, candidates, unlisted }
}

/// A copy of the quote (as written or up to typography) at `range`; its context is compared
/// only when other places stand beside it (`Search::among_copies`).
fn copy(range: Range<usize>, tier: Tier) -> Candidate {
    Candidate { range, tier, errors: 0, similarity: 1.0, fit: None }
}

/// One claim's search: its query, the source, and the context folded once.
struct Search<'q> {
    query: &'q Query<'q>,
    text: &'q SourceText,
    context: Context,
    /// The quote, folded.
    quote: Vec<char>,
}

impl<'q> Search<'q> {
    fn new(query: &'q Query<'q>, text: &'q SourceText) -> Search<'q> {
        Search { query, text, context: Context::new(query.prefix, query.suffix), quote: fold_quote(query.quote) }
    }

    fn candidate(&self, range: Range<usize>, tier: Tier, errors: usize, similarity: f64) -> Candidate {
        let fit = self.context.fit(self.text, &range);
        Candidate { range, tier, errors, similarity, fit }
    }

    /// An approximate place with its edges moved, over at most `EDGE_REACH` characters other
    /// than spaces, to where the row's context begins or ends: an edit at the quote's first or
    /// last character leaves an alignment as good stopping before it as after it, and in scripts
    /// written without spaces no word edge says which (the short quote "上顯示出來\n     的" was
    /// placed as "上顯示出來" where "的" became "置"). An edge moves only where its side's
    /// nearest characters (`context::NEAR`) do not read as the text beside it and do read so at
    /// the new edge; the similarity of whole sides says nothing this close (an edit inside the
    /// side shifts its window), and the place must stay `MIN_SIMILARITY` like the quote.
    fn fitted_to_context(&self, best: Candidate) -> Candidate {
        if best.tier != Tier::Fuzzy || !self.context.is_given() {
            return best;
        }
        let mut range = best.range.clone();
        if self.context.suffix_starts_at(self.text, range.end) == Some(false) {
            let start = range.start;
            let edge = self.edges_around(range.end).into_iter().find(|&end| end > start && self.context.suffix_starts_at(self.text, end) == Some(true));
            range.end = edge.unwrap_or(range.end);
        }
        if self.context.prefix_ends_at(self.text, range.start) == Some(false) {
            let end = range.end;
            let edge = self.edges_around(range.start).into_iter().find(|&start| start < end && self.context.prefix_ends_at(self.text, start) == Some(true));
            range.start = edge.unwrap_or(range.start);
        }
        if range == best.range {
            return best;
        }
        let errors = levenshtein(&self.quote, &fold_quote(self.text.slice(range.clone()).unwrap_or_default()));
        let similarity = similarity_after(errors, self.quote.len());
        match similarity >= MIN_SIMILARITY {
            true => self.candidate(range, Tier::Fuzzy, errors, similarity),
            false => best,
        }
    }

    /// The positions of the text an edge at `at` may move to, nearest first, alternating
    /// forward and back: up to `EDGE_REACH` characters other than spaces either way (spaces and
    /// line breaks between them come free), never across a blank line.
    fn edges_around(&self, at: usize) -> Vec<usize> {
        let reach = EDGE_REACH * 8;
        let walk = |chars: &mut dyn Iterator<Item = char>| {
            let (mut steps, mut letters, mut breaks) = (Vec::new(), 0, 0);
            for c in chars {
                breaks = if c == '\n' { breaks + 1 } else if c.is_whitespace() { breaks } else { 0 };
                if breaks > 1 {
                    break;
                }
                letters += usize::from(!c.is_whitespace());
                if letters > EDGE_REACH {
                    break;
                }
                steps.push(steps.len() + 1);
            }
            steps
        };
        let after = self.text.slice(at..at.saturating_add(reach).min(self.text.char_len())).unwrap_or_default();
        let before = self.text.slice(at.saturating_sub(reach)..at.min(self.text.char_len())).unwrap_or_default();
        let forward: Vec<usize> = walk(&mut after.chars()).into_iter().map(|by| at + by).collect();
        let back: Vec<usize> = walk(&mut before.chars().rev()).into_iter().map(|by| at - by).collect();
        let mut edges = Vec::with_capacity(forward.len() + back.len());
        for i in 0..forward.len().max(back.len()) {
            edges.extend(forward.get(i));
            edges.extend(back.get(i));
        }
        edges
    }

    fn approximate(&self, approximate: &Approximate<'_>, hit: Hit) -> Candidate {
        let aligned = approximate.folded.original(hit.range.clone());
        let range = approximate.folded.original(approximate.trim(hit.range));
        let within = approximate.without_foreign_sentence_edges(self.text, approximate.within_paragraph(self.text, range.clone()));
        // A cut or stretched passage is another alignment: its edits are counted again.
        let recount = |kept: &Range<usize>| match *kept == aligned {
            true => hit.errors,
            false => levenshtein(approximate.quote, &fold_quote(self.text.slice(kept.clone()).unwrap_or_default())),
        };
        let similarity = |errors: usize| similarity_after(errors, approximate.quote.len());
        let mut kept = approximate.without_foreign_edge_lines(self.text, within.clone());
        let mut errors = recount(&kept);
        // An edge line whose loss takes the passage below `MIN_SIMILARITY` carried too much of the
        // quote to be another text's: it is the quote's own line, edited.
        if kept != within && similarity(errors) < MIN_SIMILARITY {
            let whole = recount(&within);
            if similarity(whole) >= MIN_SIMILARITY {
                (kept, errors) = (within, whole);
            }
        }
        for widen in [Approximate::with_edge_words, Approximate::with_head_before_insertion] {
            if let Some(whole) = widen(approximate, self.text, &kept) {
                let whole_errors = recount(&whole);
                if similarity(whole_errors) >= MIN_SIMILARITY {
                    (kept, errors) = (whole, whole_errors);
                }
            }
        }
        let kept = approximate.split_as_the_quote_splits(self.text, kept);
        self.fitted_to_context(self.candidate(kept, Tier::Fuzzy, errors, similarity(errors)))
    }

    /// The closest variant of the quote lying over `at` and apart from the `copies`, when
    /// it is at least `MIN_SIMILARITY` similar: the quote's own text edited in place.
    fn variant(&self, approximate: &Approximate<'_>, at: &Range<usize>, copies: &[Candidate]) -> Option<Candidate> {
        self.variants(approximate, at, copies).into_iter().next()
    }

    /// A place lying mostly over `recorded`, apart from `best`, at least `LOOKALIKE_SIMILARITY`
    /// like the quote: its own text edited more than a variant may be.
    fn edited_over(&self, approximate: &Approximate<'_>, recorded: &Range<usize>, best: &Candidate) -> Option<Candidate> {
        approximate
            .near_within(recorded, std::slice::from_ref(best), LOOKALIKE_SIMILARITY)
            .into_iter()
            .map(|hit| self.approximate(approximate, hit))
            .find(|place| place.similarity >= LOOKALIKE_SIMILARITY && mostly_over(&place.range, recorded) && !same_place(&place.range, &best.range))
    }

    /// Every variant of the quote lying over `at`, apart from the `copies` and from each other,
    /// at least `MIN_SIMILARITY` similar, the one lying mostly over `at` first: the quote's own
    /// text edited in place is one of them, and a sibling line beside it may be another, closer
    /// to the quote. Which one is for context to say; none is dropped for reading less close.
    fn variants(&self, approximate: &Approximate<'_>, at: &Range<usize>, copies: &[Candidate]) -> Vec<Candidate> {
        self.variants_within(approximate, at, copies, MIN_SIMILARITY)
    }

    /// The text exactly over `recorded`, when it is at least `MIN_SIMILARITY` like the quote and
    /// clear of the `copies`: the quote's own text edited in place, which the search around the
    /// offsets can miss where the text repeats with a period shorter than half the quote (rows of
    /// a diagram, "| earlier text | earlier text |", their whitespace folded away): the alignments
    /// over the copy's own rows come first and crowd it out of the distinct places.
    fn edited_exactly_over(&self, recorded: &Range<usize>, copies: &[Candidate]) -> Option<Candidate> {
        // The recorded offsets may span a whole source (a row's cells mistyped): such a text is
        // not even folded. Folding shrinks runs of spaces, so the text as written may be many
        // times longer than the quote and still as long once folded.
        let slack = max_edits(self.quote.len(), MIN_SIMILARITY);
        if recorded.len() > 16 * (self.quote.len() + slack) + 256 {
            return None;
        }
        let (errors, similarity) = self.edits_exactly_over(recorded)?;
        let clear = !copies.iter().any(|copy| same_place(&copy.range, recorded));
        (errors > 0 && clear).then(|| self.candidate(recorded.clone(), Tier::Fuzzy, errors, similarity))
    }

    /// The edits between the quote and the text exactly over `range`, folded, and the
    /// similarity they leave, when it is at least `MIN_SIMILARITY`. A text whose folded length
    /// differs from the quote's by more than the edits allowed cannot be that alike (the
    /// distance is never smaller than the difference): its distance is not computed.
    fn edits_exactly_over(&self, range: &Range<usize>) -> Option<(usize, f64)> {
        let now = fold_quote(self.text.slice(range.clone())?);
        if now.len().abs_diff(self.quote.len()) > max_edits(self.quote.len(), MIN_SIMILARITY) {
            return None;
        }
        let errors = levenshtein(&self.quote, &now);
        let similarity = similarity_after(errors, self.quote.len());
        (similarity >= MIN_SIMILARITY).then_some((errors, similarity))
    }

    /// `variants` down to `similarity`.
    fn variants_within(&self, approximate: &Approximate<'_>, at: &Range<usize>, copies: &[Candidate], similarity: f64) -> Vec<Candidate> {
        if approximate.max_errors(similarity) == 0 {
            return Vec::new();
        }
        let mut found: Vec<Candidate> = Vec::new();
        for place in approximate.near_within(at, copies, similarity).into_iter().map(|hit| self.approximate(approximate, hit)) {
            let apart = !copies.iter().chain(&found).any(|other| same_place(&other.range, &place.range));
            if place.similarity >= similarity && overlaps(&place.range, at) && apart {
                found.push(place);
            }
        }
        found
    }

    /// The one candidate the context decides for: every side given fits it, its fit beats every
    /// other candidate's by `context::MARGIN`, and no other fits either side better. A side
    /// another place fits better splits the context: siblings of one shape (the options of a
    /// manual page) read alike around a word, and the passage that moved keeps one side exactly
    /// while the other changed with its new surroundings.
    fn by_context(&self, candidates: &[Candidate]) -> Option<usize> {
        self.context_choice(candidates).filter(|choice| !choice.one_side).map(|choice| choice.index)
    }

    /// What `by_context` decides, with the choices resting on one side against a nearer rival
    /// that shares the other (`ContextChoice::one_side`) kept for the claims around to weigh.
    fn context_choice(&self, candidates: &[Candidate]) -> Option<ContextChoice> {
        let best = (0..candidates.len()).max_by(|&a, &b| candidates[a].context_score().total_cmp(&candidates[b].context_score()))?;
        let fit = candidates[best].fit?;
        let score = fit.score();
        let clear = candidates.iter().enumerate().all(|(i, c)| i == best || c.context_score() <= score - super::context::MARGIN);
        let better = |other: Option<f64>, here: Option<f64>| matches!((other, here), (Some(other), Some(here)) if other > here + super::context::SIDE_NOISE);
        let split = candidates.iter().enumerate().any(|(i, c)| i != best && c.fit.is_some_and(|other| better(other.prefix, fit.prefix) || better(other.suffix, fit.suffix)));
        // A side another candidate fits as well tells nothing between them: the choice rests on
        // the other side. It is no choice when that side is shared too (a formula: a changelog's
        // "urgency=medium" before and "-- Matthias Klose" after each "* New upstream snapshot.",
        // which rearranging paragraphs recombines), nor when it reaches across a blank line into
        // the next paragraph, which moves apart from the quote's own (a page footer's "CHAGE(1)"
        // told by the end of the paragraph above it, its one side given).
        let shared = |side: fn(&super::context::Fit) -> Option<f64>| {
            let here = side(&fit);
            candidates.iter().enumerate().any(|(i, c)| i != best && c.fit.is_some_and(|other| matches!((side(&other), here), (Some(o), Some(h)) if o >= h - super::context::SIDE_NOISE)))
        };
        // A side not given (or too short to weigh) tells nothing either.
        let (prefix_shared, suffix_shared) = (fit.prefix.is_none() || shared(|f| f.prefix), fit.suffix.is_none() || shared(|f| f.suffix));
        let weak = (prefix_shared && suffix_shared)
            || (suffix_shared && self.context.prefix_crosses_paragraphs)
            || (prefix_shared && self.context.suffix_crosses_paragraphs);
        // A choice resting on one side is no choice on its own against a rival nearer the recorded
        // offsets that shares the other, given: that rival may be the claim's own place with the
        // deciding side edited (the sentence before it deleted), while a twin clause elsewhere
        // kept the old words around it ("Subject to the terms and conditions of this License,
        // each Contributor" opens two sections of a licence). Only the claims around can say.
        let from_offsets = |c: &Candidate| self.query.recorded.as_ref().map_or(usize::MAX, |recorded| c.range.start.abs_diff(recorded.start));
        let one_side = prefix_shared != suffix_shared
            && candidates.iter().enumerate().any(|(i, c)| {
                let shares = |side: fn(&super::context::Fit) -> Option<f64>| matches!((c.fit.and_then(|other| side(&other)), side(&fit)), (Some(other), Some(here)) if other >= here - super::context::SIDE_NOISE);
                let shared_side = if prefix_shared { shares(|f| f.prefix) } else { shares(|f| f.suffix) };
                i != best && shared_side && from_offsets(c) < from_offsets(&candidates[best])
            });
        // Nor does a choice rest on context alone where what tells the places apart lies only
        // beyond a blank line: another copy reads as the row's context within the quote's own
        // paragraph, on every side, and fits as well every side that stays in it. Entries of a
        // changelog open and close alike ("urgency=medium" above, "-- Matthias Klose" below): the
        // claim's entry, its paragraphs shuffled, lost both, while a twin entry kept them. It
        // stands where the claims around moved with it.
        let beyond_paragraphs = (self.context.prefix_crosses_paragraphs || self.context.suffix_crosses_paragraphs)
            && candidates.iter().enumerate().any(|(i, c)| {
                let fits_as_well = |side: fn(&super::context::Fit) -> Option<f64>, crosses: bool| {
                    crosses || matches!((c.fit.and_then(|other| side(&other)), side(&fit)), (Some(other), Some(here)) if other >= here - super::context::SIDE_NOISE) || side(&fit).is_none()
                };
                i != best
                    && c.tier != Tier::Fuzzy
                    && fits_as_well(|f| f.prefix, self.context.prefix_crosses_paragraphs)
                    && fits_as_well(|f| f.suffix, self.context.suffix_crosses_paragraphs)
                    && self.context.own_paragraph_fits(self.text, &c.range)
            });
        let one_side = one_side || beyond_paragraphs;
        (fit.supports() && clear && !split && !weak).then_some(ContextChoice { index: best, one_side })
    }

    /// Decides among the copies of the quote, and the variants at the recorded offsets if any.
    ///
    /// Only context chooses among copies. Nearness to the recorded offsets does not: copies of a
    /// passage are often siblings of one shape standing close together (entries of a list,
    /// lines of a form), and when one is moved, deleted or duplicated, another slides into or
    /// near its place. Which one moved only the other claims of the source could say. A copy
    /// up to typography exactly over the offsets is the one exception (`at_offsets`).
    fn among_copies(&self, mut copies: Vec<Candidate>, variants: Vec<Candidate>, index: Option<&SourceIndex>) -> Located {
        copies.extend(variants);
        // A lone copy whose context the row gives whole is weighed against the places that
        // context still stands around (see `anchored_variants`); most claims give none.
        if copies.len() == 1 && !self.context.is_whole() {
            let best = copies.remove(0);
            return found(best, Decided::Only, Vec::new());
        }
        // Copies are weighed by their context only now that there are several.
        for copy in copies.iter_mut().filter(|c| c.tier != Tier::Fuzzy) {
            copy.fit = self.context.fit(self.text, &copy.range);
        }
        let best_fit = copies.iter().map(Candidate::context_score).fold(0.0, f64::max);
        if let Some(index) = index.filter(|_| best_fit < 1.0) {
            // Such a variant only shows that the context is no evidence for any copy: it may as
            // well be a sibling that a deletion brought beside the claim's context (the option
            // lines of a manual page, one removed), so it is a place to list, never to choose.
            let anchored: Vec<Candidate> = self.anchored_variants(index, &copies).into_iter().filter(|variant| variant.context_score() > best_fit).collect();
            if !anchored.is_empty() {
                copies.extend(anchored);
                return ambiguous(copies, 0);
            }
        }
        if copies.len() == 1 {
            let mut best = copies.remove(0);
            best.fit = None;
            return found(best, Decided::Only, Vec::new());
        }
        // Context may prefer the passage edited over the offsets to copies as written elsewhere,
        // unless the edit changed a key (`gpg.keygen.sub.okay` to `gpg.sign_uid.okay`): then it
        // is as likely the sibling entry that took the place of the claim's own, which moved
        // away as written (entries of a help file keyed by name), and context of one shape fits
        // it as well.
        let sibling_like = |c: &Candidate| {
            let now: String = fold_quote(self.text.slice(c.range.clone()).unwrap_or_default()).iter().collect();
            c.tier == Tier::Fuzzy && marks::differ_in_identifiers(&self.quote.iter().collect::<String>(), &now)
        };
        match self.context_choice(&copies).filter(|choice| !sibling_like(&copies[choice.index])) {
            // The claims around it weigh a choice resting on one side (`shift`).
            Some(ContextChoice { one_side: true, .. }) if self.query.recorded.is_none() => ambiguous(copies, 0),
            Some(ContextChoice { index, one_side }) => {
                let best = copies.remove(index);
                found(best, if one_side { Decided::OneSide } else { Decided::Context }, copies)
            }
            None => match self.at_offsets(&copies) {
                // The other copies stay rivals: the claims around it may yet point at one of them
                // (rows of one length, one deleted: the next slides exactly over the offsets).
                Some(at) => {
                    let best = copies.remove(at);
                    found(best, Decided::Offsets, copies)
                }
                None => ambiguous(copies, 0),
            },
        }
    }

    /// The places where both sides of the row's context stand exactly (`context::anchors`)
    /// around a variant of the quote, apart from the `copies`: the claim's own text, edited
    /// where its context still stands. Copies of the old wording elsewhere can have context
    /// nearly like it (the entries of a help file, each "... remove the hash mark from the key
    /// line.\nAnswer \"yes\" if it is okay to ..."): these places show that the context fits
    /// another place better than any copy, wherever the recorded offsets point.
    fn anchored_variants(&self, index: &SourceIndex, copies: &[Candidate]) -> Vec<Candidate> {
        let Some((before, after)) = self.context.anchors() else { return Vec::new() };
        let quote = &self.quote;
        if quote.len() > MAX_ANCHORED_QUOTE {
            return Vec::new();
        }
        let folded = &index.folded;
        let max_errors = max_edits(quote.len(), MIN_SIMILARITY);
        let befores = find_all(&folded.text, &before, MAX_ANCHORS + 1);
        if befores.count > MAX_ANCHORS {
            return Vec::new();
        }
        let mut variants: Vec<Candidate> = Vec::new();
        for before in befores.first {
            // Where the quote begins, and as far as its end and the suffix may reach (spaces
            // folded into one on each side).
            let from = before.end;
            let to = from.saturating_add(quote.len() + max_errors + 2 + ANCHOR).min(folded.len());
            let Some(window) = folded.text.slice(from..to) else { continue };
            let shortest = quote.len().saturating_sub(max_errors);
            let Some(between) = window.match_indices(after.as_str()).map(|(byte, _)| window[..byte].chars().collect::<Vec<char>>()).find(|between| between.len() >= shortest) else {
                continue;
            };
            let lead = between.iter().take_while(|c| c.is_whitespace()).count();
            let trail = between[lead..].iter().rev().take_while(|c| c.is_whitespace()).count();
            let inner = &between[lead..between.len() - trail];
            let errors = levenshtein(quote, inner);
            let similarity = similarity_after(errors, quote.len());
            let range = folded.original(from + lead..from + lead + inner.len());
            let apart = !copies.iter().chain(&variants).any(|other| overlaps(&other.range, &range));
            if errors > 0 && similarity >= MIN_SIMILARITY && apart {
                let candidate = self.candidate(range, Tier::Fuzzy, errors, similarity);
                if candidate.fit.is_some_and(|fit| fit.supports()) {
                    variants.push(candidate);
                }
            }
        }
        variants
    }

    /// The copy up to typography lying exactly over the recorded offsets: the claim's own text
    /// retyped, as a copy as written there is its own text (such a claim is never searched for).
    /// A copy merely near them proves nothing (see `among_copies`). Nor does one while the quote
    /// also stands as written elsewhere: its own text moved as written is as likely as its own
    /// text retyped in place, and a short phrase a licence repeats sixty times ("the Document",
    /// across a line break or not) lands one of its copies on the old offsets easily.
    fn at_offsets(&self, copies: &[Candidate]) -> Option<usize> {
        let recorded = self.query.recorded.as_ref()?;
        if copies.iter().any(|copy| copy.tier == Tier::Exact) {
            return None;
        }
        copies.iter().position(|copy| copy.tier == Tier::Folded && copy.range == *recorded)
    }

    /// A quote under `MIN_FUZZY_CHARS`: placed approximately only where both sides of its
    /// context fit one place and no other.
    fn short(&self, approximate: &Approximate<'_>) -> Located {
        let max_errors = approximate.max_errors(MIN_SIMILARITY);
        if !self.context.is_whole() || max_errors == 0 {
            return Located::Missing(Missing::TooShort);
        }
        let mut places: Vec<Candidate> = approximate.places(max_errors).into_iter().map(|hit| self.approximate(approximate, hit)).collect();
        match self.by_context(&places) {
            Some(chosen) => found(places.swap_remove(chosen), Decided::Context, Vec::new()),
            None => Located::Missing(Missing::TooShort),
        }
    }

    /// Decides among the approximate places of a quote that has no copy.
    fn among_lookalikes(&self, approximate: &Approximate<'_>) -> Located {
        // The places within `MIN_SIMILARITY` first; then, when the best of them is far enough
        // from the quote that a rival could lie beyond that bound, the places up to where a
        // rival would no longer be clearly behind (never past `LOOKALIKE_SIMILARITY`).
        let first = approximate.max_errors(MIN_SIMILARITY);
        let widest = approximate.max_errors(LOOKALIKE_SIMILARITY);
        let gap = (approximate.quote.len() / 10).max(3);
        let rivals_within = |best_errors: usize| (best_errors + gap).max(2 * best_errors).saturating_sub(1).min(widest);
        let hits = if approximate.pattern.scans_whole() {
            // A scan costs the same at any bound here: one at the widest bound a rival can reach
            // gives the places of both bounds (`Pattern::distinct_ends`).
            let ends = approximate.place_ends(widest.max(first));
            let Some(best_errors) = ends.first().map(|end| end.errors).filter(|&errors| errors <= first) else {
                return Located::Missing(Missing::NothingClose);
            };
            let bound = rivals_within(best_errors).max(first);
            let within: Vec<End> = ends.into_iter().filter(|end| end.errors <= bound).collect();
            approximate.hits_at(&within, bound)
        } else {
            let hits = approximate.places(first);
            let Some(best_errors) = hits.first().map(|hit| hit.errors) else {
                return Located::Missing(Missing::NothingClose);
            };
            match rivals_within(best_errors) {
                wider if wider > first => approximate.places(wider),
                _ => hits,
            }
        };
        // Two alignments fitted to the same passage (one that stopped short, taking in the
        // quote's last words) are one place, not rivals.
        let mut seen = std::collections::HashSet::with_capacity(hits.len());
        let lookalikes: Vec<Candidate> = hits.into_iter().map(|hit| self.approximate(approximate, hit)).filter(|place| seen.insert(place.range.clone())).collect();
        let (mut placeable, others): (Vec<Candidate>, Vec<Candidate>) = lookalikes.into_iter().partition(|c| c.similarity >= MIN_SIMILARITY);
        if placeable.is_empty() {
            return Located::Missing(Missing::NothingClose);
        }
        let near = self.query.recorded.as_ref().and_then(|recorded| placeable.iter().position(|c| near_offsets(c, recorded)));
        // Context decides only when it sets the place apart from every look-alike, placeable or
        // not: the rows around a table row fit its context nearly as well as its own.
        // A place differing in figures or names needs both sides to fit: one side fits the
        // sibling that took a deleted passage's place as well.
        let everyone: Vec<Candidate> = placeable.iter().chain(&others).cloned().collect();
        // Context around passages of one shape is of one shape too (the lines framing every
        // lesson title of a tutorial): a place differing in more than one figure or name is a
        // sibling however well its context fits.
        let differs = |c: &Candidate| marks::differ(&approximate.needle, &approximate.folded_text(self.text, &c.range));
        let one_mark = |c: &Candidate| marks::one_changed(&approximate.needle, &approximate.folded_text(self.text, &c.range));
        let by_context = self.by_context(&everyone).filter(|&chosen| chosen < placeable.len() && one_mark(&placeable[chosen]));
        // A place differing in a figure, name or code is a sibling of one shape as often as the
        // passage corrected: context of one shape fits it too (changelog entries, rows). Both
        // sides must fit it, and it must lie over the recorded offsets.
        let corrected_in_place = |chosen: usize| self.context.is_whole() && near == Some(chosen);
        // Away from the offsets, a place whose words changed in more than one stretch is as
        // likely a sibling of one shape (the option beside it in a manual page) as the passage
        // moved and edited: context of one shape fits both.
        let edited_once = |chosen: usize| {
            let now = self.text.slice(placeable[chosen].range.clone()).unwrap_or_default();
            near == Some(chosen) || super::diff::word_diff(approximate.quote_text, now).changes.len() <= 1
        };
        if let Some(chosen) = by_context.filter(|&chosen| (!differs(&placeable[chosen]) || corrected_in_place(chosen)) && edited_once(chosen)) {
            return match near {
                Some(near) if near != chosen => ambiguous(placeable, 0),
                _ => found(placeable.swap_remove(chosen), Decided::Context, Vec::new()),
            };
        }
        // `places` gives the fewest edits first.
        let best = &placeable[0];
        let clear = |other: &Candidate| other.errors >= best.errors + gap && other.errors >= 2 * best.errors;
        let rivals = placeable[1..].iter().chain(&others).filter(|other| !clear(other)).count();
        if rivals > 0 {
            return match placeable.len() {
                1 => Located::Missing(Missing::LookAlikes { best: placeable.remove(0), others: rivals }),
                _ => ambiguous(placeable, 0),
            };
        }
        // Near the offsets but mostly beside them, while a variant lies over them: passages of one
        // shape run on into each other ("the end of this line twice. end of this line twice."),
        // and the closer one beside may have taken the place of the edited one over the offsets
        // in the search (they overlap, and only the closer is kept).
        // The text over the offsets may also read as the quote edited further than the sibling
        // beside them reads (a changelog's "from debian/copyright." reworded, the next entry
        // "Sort debian/copyright." closer): nothing but context tells the two apart.
        if let Some(recorded) = self.query.recorded.as_ref().filter(|recorded| near == Some(0) && !mostly_over(&best.range, recorded)) {
            if let Some(variant) = self.variant(approximate, recorded, std::slice::from_ref(best)) {
                return ambiguous(vec![placeable.swap_remove(0), variant], 0);
            }
            if let Some(edited) = self.edited_over(approximate, recorded, best) {
                return Located::Missing(Missing::BesideEdited { best: placeable.swap_remove(0), edited });
            }
        }
        let contradicted = best.fit.is_some_and(|fit| fit.contradicts());
        let now = approximate.folded_text(self.text, &best.range);
        // Over its offsets, what differs may be one figure, name or code (corrected in place);
        // a sibling passage that slid into the place of a deleted one differs in more.
        let one_figure = || marks::one_figure_changed(&approximate.needle, &now);
        let allowed = !differs(best) || marks::one_changed(&approximate.needle, &now);
        // The weaker the tie, the fewer words may differ: over the offsets two changed words (a
        // sibling line that slid into a deleted one's place differs in more), with agreeing
        // context away from them one.
        let changed_words = super::diff::word_diff(&approximate.needle, &now).changes.len();
        let over_offsets = near == Some(0);
        // Away from its offsets and without context, a place is taken on similarity alone only
        // for a figure updated in a passage that also moved, in a long quote nothing else in the
        // source resembles. A passage that lost a word or two may as well be a sibling of a
        // deleted one (the same entry in two releases, a clause and its twin).
        let alone = || approximate.quote.len() >= 2 * MIN_FUZZY_CHARS && best.similarity >= UNSUPPORTED_SIMILARITY && placeable.len() == 1 && others.is_empty() && one_figure();
        // Context that supports the place (every side given nearly alike, naming the same
        // figures, names and codes as the text beside the place) ties a place with a clear lead
        // to the claim, even when edits around the passage keep it from deciding between places
        // on its own. A side naming another file (the entry of `scripts.vim` where the row's
        // prefix ends in `filetype`) speaks against the place.
        // A place that differs in a figure, name or code is a sibling of one shape as often as the
        // passage corrected (`<HELP>` deleted from a list of keys, `<F1>` on the next line of the
        // same words): away from the offsets, context that merely agrees does not tell them apart.
        // Nor does context alike on one side and a word off on the other: twin clauses ("printed
        // edition must keep" and "digital edition must show") share the words on one side and
        // differ on the other in what sets them apart, as the quote differs from the twin.
        let agrees = best.fit.is_some_and(|fit| fit.supports()) && !differs(best);
        // Over the offsets, a place differing in a figure or code reads as the passage corrected
        // in place; an alignment slid along a repetition (a bug number named twice in
        // a row, the quote's last item reworded) reads so too, fewer edits from the quote than
        // the passage edited beside it. Where another place over the offsets keeps every figure
        // and code of the quote, the two readings stand side by side.
        if over_offsets && !marks::same_figures(&approximate.needle, &now) && !contradicted && let Some(recorded) = self.query.recorded.as_ref() {
            let keeps_marks = approximate
                .near(recorded, std::slice::from_ref(best))
                .into_iter()
                .map(|hit| self.approximate(approximate, hit))
                .find(|other| other.similarity >= MIN_SIMILARITY && !same_place(&other.range, &best.range) && marks::same_figures(&approximate.needle, &approximate.folded_text(self.text, &other.range)));
            if let Some(other) = keeps_marks {
                return ambiguous(vec![placeable.swap_remove(0), other], 0);
            }
        }
        let decided = match (contradicted, allowed, over_offsets) {
            (false, true, true) if changed_words <= 2 => Some(Decided::Offsets),
            (false, true, false) if agrees && changed_words <= 1 => Some(Decided::Context),
            (false, true, false) if alone() => Some(Decided::Similarity),
            _ => None,
        };
        match decided {
            Some(decided) => found(placeable.swap_remove(0), decided, Vec::new()),
            None => Located::Missing(Missing::Unsupported { best: placeable.swap_remove(0) }),
        }
    }
}


/// The last `words` words of `text` (by `word`) and what stands between and after them; `None`
/// when it has fewer.
fn last_words(text: &str, words: usize, word: impl Fn(char) -> bool) -> Option<&str> {
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices().rev() {
        match (word(c), in_word) {
            (true, false) => in_word = true,
            (false, true) => {
                in_word = false;
                seen += 1;
                if seen == words {
                    return Some(&text[at + c.len_utf8()..]);
                }
            }
            _ => {}
        }
    }
    (in_word && seen + 1 == words).then_some(text)
}

/// The length in bytes of the start of `text` that reads as `pattern`, a run of spaces in the
/// one standing for any run of spaces (one line break at most) in the other.
fn starts_loosely(text: &str, pattern: &str) -> Option<usize> {
    let (mut t, mut p) = (text.char_indices().peekable(), pattern.chars().peekable());
    let mut end = 0;
    while let Some(c) = p.next() {
        if c.is_whitespace() {
            while p.peek().is_some_and(|c| c.is_whitespace()) {
                p.next();
            }
            let mut breaks = 0;
            let mut any = false;
            while let Some(&(at, d)) = t.peek().filter(|(_, d)| d.is_whitespace()) {
                breaks += usize::from(d == '\n');
                any = true;
                end = at + d.len_utf8();
                t.next();
            }
            if !any || breaks > 1 {
                return None;
            }
        } else {
            let (at, d) = t.next()?;
            if d != c {
                return None;
            }
            end = at + d.len_utf8();
        }
    }
    Some(end)
}

fn found(best: Candidate, decided: Decided, rivals: Vec<Candidate>) -> Located {
    Located::Found { tier: best.tier, best, decided, rivals }
}

/// Letters of scripts written without spaces between words (CJK ideographs, kana, hangul).
fn unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF | 0x20000..=0x2FFFF)
}

/// A line holding nothing but spaces, between two others.
fn has_blank_line(text: &str) -> bool {
    split_at_blank_lines(text).nth(1).is_some()
}

/// `text` in parts that end just after each blank line (the parts together are `text`).
fn split_at_blank_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = rest.len();
        let mut last_break: Option<usize> = None;
        for (i, c) in rest.char_indices() {
            if c == '\n' {
                if last_break.is_some_and(|previous| rest[previous + 1..i].trim().is_empty()) {
                    cut = i + 1;
                    break;
                }
                last_break = Some(i);
            }
        }
        let (part, after) = rest.split_at(cut);
        rest = after;
        Some(part)
    })
}

pub(super) fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Whether `place` covers more than half of `recorded` (an empty one: its position).
fn mostly_over(place: &Range<usize>, recorded: &Range<usize>) -> bool {
    let covered = place.end.min(recorded.end).saturating_sub(place.start.max(recorded.start));
    match recorded.is_empty() {
        true => place.start <= recorded.start && recorded.start < place.end,
        false => 2 * covered > recorded.len(),
    }
}

/// The words of `text` (runs of letters and digits), lowercased.
fn lowercase_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Whether `line` and `quote_edge` are each two words or more (letters or digits between
/// other characters) and have none in common. Text in a script without spaces is a word or two
/// whatever its length, and is left to the character similarity.
fn no_word_shared(line: &str, quote_edge: &str) -> bool {
    let (ours, theirs) = (lowercase_words(line), lowercase_words(quote_edge));
    ours.len() >= 2 && theirs.len() >= 2 && !ours.iter().any(|word| theirs.contains(word))
}

/// Whether most of `line`'s letters and digits (by count) lie in whole words that `quote_edge`
/// has too: a line whose words were edited keeps the rest of them, where a line that replaced
/// the quote's contributes a fragment of a word of its own.
fn mostly_shared_words(line: &str, quote_edge: &str) -> bool {
    let theirs = lowercase_words(quote_edge);
    let (mut shared, mut all) = (0, 0);
    for word in lowercase_words(line) {
        let len = word.chars().count();
        all += len;
        shared += if theirs.contains(&word) { len } else { 0 };
    }
    all > 0 && 2 * shared > all
}

/// Whether `line` is `quote_edge` with one word replaced by another and every other word and
/// mark as it was, in order (spaces aside): a short line whose one long word was reworded
/// ("man -" become "ascii -") is its edit, not another text, however few letters they share.
fn one_word_replaced(line: &str, quote_edge: &str) -> bool {
    fn tokens(text: &str) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut word_start = None;
        for (at, c) in text.char_indices() {
            match (c.is_alphanumeric(), word_start) {
                (true, None) => word_start = Some(at),
                (true, Some(_)) => {}
                (false, start) => {
                    if let Some(start) = start {
                        out.push((&text[start..at], true));
                        word_start = None;
                    }
                    if !c.is_whitespace() {
                        out.push((&text[at..at + c.len_utf8()], false));
                    }
                }
            }
        }
        if let Some(start) = word_start {
            out.push((&text[start..], true));
        }
        out
    }
    let (ours, theirs) = (tokens(line), tokens(quote_edge));
    if ours.len() != theirs.len() || ours.len() < 2 {
        return false;
    }
    let differing: Vec<_> = ours.iter().zip(&theirs).filter(|(a, b)| a != b).collect();
    matches!(differing[..], [((_, true), (_, true))])
}

/// Whether two places are one: either covers more than half of the other. A phrase repeated
/// with a period shorter than itself has copies that overlap and are still two.
fn same_place(a: &Range<usize>, b: &Range<usize>) -> bool {
    mostly_over(a, b) || mostly_over(b, a)
}

/// An approximate place stands where the recorded offsets were when it overlaps them and starts
/// near where they start: edits inside the passage and just before it (other claims' quotes
/// edited, a word inserted) move it by a few characters, not by its length.
fn near_offsets(candidate: &Candidate, recorded: &Range<usize>) -> bool {
    let reach = (candidate.range.len() / 2).max(32);
    overlaps(&candidate.range, recorded) && candidate.range.start.abs_diff(recorded.start) <= reach
}

/// Where an alignment of the quote begins and ends cleanly in a stretch of folded characters:
/// between words, and, for a beginning, where the place begins as the quote does (with a word
/// character, or with the quote's own first mark). Trimming drops the spaces and marks a place
/// has at its edges that the quote has not there, so an alignment of equal edits beginning at
/// one ("- modus te komen" against " opdracht komen", after "- modus") is one edit worse once
/// trimmed than the alignment beginning where the quote does.
struct PlaceEdges<'a> {
    symbols: &'a [Symbol],
    alphabet: &'a Alphabet,
    first: Option<Symbol>,
}

impl PlaceEdges<'_> {
    fn word(&self, at: usize) -> bool {
        self.symbols.get(at).is_some_and(|&id| self.alphabet.is_alphanumeric(id))
    }

    fn between_words(&self, at: usize) -> bool {
        at == 0 || at >= self.symbols.len() || !(self.word(at - 1) && self.word(at))
    }
}

impl super::fuzzy::Edges for PlaceEdges<'_> {
    fn starts_at(&self, at: usize) -> bool {
        let begins_as_the_quote = match (self.symbols.get(at), self.first) {
            (Some(&here), Some(first)) => here == first || (self.alphabet.is_alphanumeric(here) && self.alphabet.is_alphanumeric(first)),
            _ => true,
        };
        self.between_words(at) && begins_as_the_quote
    }

    fn ends_at(&self, at: usize) -> bool {
        self.between_words(at)
    }
}

/// The folded quote compiled for approximate search in one folded source.
struct Approximate<'a> {
    quote: &'a [char],
    /// The quote as the row has it, before folding (which makes blank lines spaces).
    quote_text: &'a str,
    needle: String,
    folded: &'a Folded,
    symbols: &'a [Symbol],
    alphabet: &'a Alphabet,
    pattern: Pattern,
}

impl<'a> Approximate<'a> {
    fn new(quote: &'a [char], quote_text: &'a str, index: &'a SourceIndex) -> Approximate<'a> {
        let numbering = index.numbering();
        let alphabet = &numbering.alphabet;
        let pattern = Pattern::new(quote.iter().map(|&c| alphabet.id(c)).collect(), alphabet.len());
        Approximate { quote, quote_text, needle: quote.iter().collect(), folded: &index.folded, symbols: &numbering.symbols, alphabet, pattern }
    }

    fn max_errors(&self, similarity: f64) -> usize {
        max_edits(self.quote.len(), similarity)
    }

    /// The best distinct places within `max_errors` edits, fewest first (folded coordinates).
    fn places(&self, max_errors: usize) -> Vec<Hit> {
        self.places_in(0..self.symbols.len(), max_errors, (self.quote.len() / 2).max(1), MAX_PLACES)
    }

    /// The ends of `places`, before their starts are looked for.
    fn place_ends(&self, max_errors: usize) -> Vec<End> {
        let boundary = self.boundary(0..self.symbols.len());
        self.pattern.distinct_ends(self.symbols, max_errors, (self.quote.len() / 2).max(1), MAX_PLACES, &boundary)
    }

    /// The places of `place_ends` within `max_errors` (folded coordinates).
    fn hits_at(&self, ends: &[End], max_errors: usize) -> Vec<Hit> {
        let boundary = self.boundary(0..self.symbols.len());
        self.pattern.hits_at(self.symbols, ends, max_errors, &boundary)
    }

    /// `places` within the folded characters `window`; alignments end and start between words
    /// where they can, at equal edits.
    fn places_in(&self, window: Range<usize>, max_errors: usize, apart: usize, limit: usize) -> Vec<Hit> {
        let from = window.start;
        let boundary = self.boundary(window.clone());
        let hits = self.pattern.distinct(&self.symbols[window], max_errors, apart, limit, boundary);
        hits.into_iter().map(|hit| Hit { range: hit.range.start + from..hit.range.end + from, errors: hit.errors }).collect()
    }

    /// Where in the folded characters `window` (counted from its start) an alignment begins
    /// and ends cleanly (`PlaceEdges`).
    fn boundary(&self, window: Range<usize>) -> PlaceEdges<'_> {
        let first = self.quote.first().map(|&c| self.alphabet.id(c));
        PlaceEdges { symbols: &self.symbols[window], alphabet: self.alphabet, first }
    }

    /// The places within `MIN_SIMILARITY` lying over the recorded offsets (folded coordinates),
    /// best first. Passages of one shape stand side by side (entries of a list, lines of a
    /// manual saying the same with one word changed): the one beside the offsets may be closer
    /// to the quote than its own edited text over them, and touch them by a character, so the
    /// best few places around are weighed, and one lying mostly over the offsets comes before
    /// one merely touching them whatever their edits.
    fn near(&self, recorded: &Range<usize>, copies: &[Candidate]) -> Vec<Hit> {
        self.near_within(recorded, copies, MIN_SIMILARITY)
    }

    /// `near`, for places down to `similarity`.
    fn near_within(&self, recorded: &Range<usize>, copies: &[Candidate], similarity: f64) -> Vec<Hit> {
        let max_errors = self.max_errors(similarity);
        let reach = self.quote.len().saturating_add(max_errors);
        let (start, end) = (self.folded.folded_at(recorded.start), self.folded.folded_at(recorded.end));
        let from = start.saturating_sub(reach);
        let to = end.saturating_add(reach).min(self.folded.len());
        let clear = |hit: &Hit| {
            let range = self.folded.original(hit.range.clone());
            !copies.iter().any(|copy| same_place(&copy.range, &range))
        };
        let places = self.places_in(from..to.max(from), max_errors, (self.quote.len() / 2).max(1), NEAR_PLACES);
        let over = |hit: &Hit| hit.range.start < end.max(start + 1) && start < hit.range.end;
        let mut near: Vec<Hit> = places.into_iter().filter(|hit| over(hit) && clear(hit)).collect();
        near.sort_by_key(|hit| (!same_place(&hit.range, &(start..end)), hit.errors));
        near
    }

    /// `range` fitted to the passage: ends inside a word moved out to the word's edge (an
    /// alignment may stop short of a changed last word: "peo" for "persons" in "people"), then
    /// the spaces and punctuation at its ends that the quote does not have there dropped: an
    /// approximate match must not take in the ". " or blank line next to the passage.
    fn trim(&self, range: Range<usize>) -> Range<usize> {
        // A word is followed to its edge within this many characters (a changed word is short).
        let reach = 16;
        let from = range.start.saturating_sub(reach);
        let Some(around) = self.folded.text.slice(from..range.end.saturating_add(reach).min(self.folded.len())) else {
            return range;
        };
        let around: Vec<char> = around.chars().collect();
        let (first, last) = (self.quote.first().copied(), self.quote.last().copied());
        let (mut start, mut end) = (range.start - from, range.end - from);
        // Scripts written without spaces have no word edges to move to.
        let word = |i: usize| around.get(i).is_some_and(|&c| c.is_alphanumeric() && !unspaced(c));
        // Whether the quote begins or ends with a word or a mark: one beginning with a dash ("-
        // two litres of water") whose first word grew ("- two unopened litres") aligns best
        // inside the new word, and a place beginning with "pened" reads as no passage does. A
        // quote cut inside a character (a combining mark first) begins inside its word.
        let outside_words = |c: Option<char>| c.is_some_and(|c| canonical_combining_class(c) == 0);
        if outside_words(last) && end > 0 && word(end - 1) && word(end) {
            let edge = (end..around.len()).find(|&i| !word(i));
            end = edge.unwrap_or(end);
        }
        if outside_words(first) && start > 0 && word(start - 1) && word(start) {
            let edge = (0..start).rev().find(|&i| !word(i)).map(|i| i + 1);
            start = edge.unwrap_or(start);
        }
        // In scripts without spaces, a quote whose last character was replaced aligns as well
        // without it (one deletion) as with its replacement (one substitution); the place stopping
        // short then loses the marks before it too ("ションは、  パ" against "ションは、  告" kept
        // as "ションは"). Where the place holds the rest of the quote's end as it is, and a
        // character of the same script stands right after it, it is taken in.
        let changed_last = |q: &[char]| q.len() > 3 && q.last().is_some_and(|&c| unspaced(c));
        if changed_last(self.quote) && end < around.len() && unspaced(around[end]) && Some(around[end]) != last {
            let kept = &self.quote[self.quote.len() - 4..self.quote.len() - 1];
            if around[start..end].ends_with(kept) {
                end += 1;
            }
        }
        // A quote ending in marks after its last word ("man -") whose last word was replaced by a
        // longer one ("ascii -"): the alignment stops at or inside the new word, where its
        // letters match the old one's, short of the marks. The word is followed to its edge when
        // the quote's marks stand right after it, and they are taken in; likewise at the start.
        let tail = self.quote.iter().rposition(|c| c.is_alphanumeric()).map_or(&[][..], |at| &self.quote[at + 1..]);
        if !tail.is_empty() && end > start && word(end - 1) {
            let edge = (end..around.len()).find(|&i| !word(i)).unwrap_or(around.len());
            if around[edge..].starts_with(tail) {
                end = edge + tail.len();
            }
        }
        let head = self.quote.iter().position(|c| c.is_alphanumeric()).map_or(&[][..], |at| &self.quote[..at]);
        if !head.is_empty() && start < end && word(start) {
            let edge = (0..start).rev().find(|&i| !word(i)).map_or(0, |i| i + 1);
            if around[..edge].ends_with(head) {
                start = edge - head.len();
            }
        }
        let foreign = |c: char, edge: Option<char>| Some(c) != edge && !c.is_alphanumeric();
        while start < end && foreign(around[start], first) {
            start += 1;
        }
        while end > start && foreign(around[end - 1], last) {
            end -= 1;
        }
        match start < end {
            true => from + start..from + end,
            false => range,
        }
    }

    /// `range` taking in the quote's last word where it stands right after the place (past
    /// spaces, one line break and the marks the quote has before that word), and its first word
    /// right before, when the place lacks them. An alignment ends where its edits are fewest,
    /// and a changed last word may absorb the word after it: "under common control with" edited
    /// to "under common Contribution with" is closer, letter by letter, to "under common
    /// Contribution" than to the whole line; "[-W warndays] user" edited to "[-warndays
    /// warndays] user" is closer to "[-warndays warndays". `None` when neither edge changes.
    fn with_edge_words(&self, text: &SourceText, range: &Range<usize>) -> Option<Range<usize>> {
        let word = |c: char| c.is_alphanumeric() && !unspaced(c);
        let mut whole = range.clone();
        // A quote ending (starting) in a mark or a one-letter word has no last (first) word.
        let edge_word = |w: &&str| w.chars().count() >= 2;
        let last = self.needle.rsplit(|c: char| !word(c)).next().filter(edge_word);
        let first = self.needle.split(|c: char| !word(c)).next().filter(edge_word);
        // The marks the quote has between its last (first) word and the word before (after) it.
        let marks_of = |between: &str| between.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let before_last = last.map(|last| {
            let rest = &self.needle[..self.needle.len() - last.len()];
            marks_of(&rest[rest.trim_end_matches(|c: char| !word(c)).len()..])
        });
        let after_first = first.map(|first| {
            let rest = &self.needle[first.len()..];
            marks_of(&rest[..rest.len() - rest.trim_start_matches(|c: char| !word(c)).len()])
        });
        let place = text.slice(whole.clone())?;
        // Spaces with one line break at most, and of the quote's marks there those the place
        // does not hold already.
        let gap = |between: &str, marks: &str, after_place: bool| {
            let found = marks_of(between);
            let ours = if after_place { marks.ends_with(&found) } else { marks.starts_with(&found) };
            let spaces = between.chars().any(char::is_whitespace) || !found.is_empty();
            spaces && ours && between.matches('\n').count() <= 1
        };
        let after = text.slice(whole.end..whole.end.saturating_add(EDGE_LINE).min(text.char_len()))?;
        let ends_there = |rest: &str, w: &str| rest.starts_with(w) && !rest[w.len()..].starts_with(word);
        if let (Some(last), Some(marks)) = (last.filter(|last| !place.ends_with(*last)), &before_last) {
            let between = &after[..after.len() - after.trim_start_matches(|c: char| !word(c)).len()];
            if gap(between, marks, true) && ends_there(&after[between.len()..], last) {
                whole.end += between.chars().count() + last.chars().count();
            }
        }
        // Past the last word, the quote's last two or three words where they stand right after the
        // place, after spaces: a word replaced by a copy of its neighbour ("the combination of its"
        // reworded to "combination combination of its") reads closest stopping at the copy, short
        // of the words the quote still ends with. For a quote ending in marks ("Искать процессы,"
        // reworded to "процессы процессы,"), short of its marks: its last word with them is
        // enough.
        let ends_in_marks = last.is_none() && last_words(self.quote_text, 1, word).is_some_and(|tail| tail.trim_start_matches(word).chars().any(|c| !c.is_whitespace()) && !place.ends_with(tail));
        if whole.end == range.end && (last.is_some_and(|last| !place.ends_with(last)) || ends_in_marks) {
            let spaces = &after[..after.len() - after.trim_start().len()];
            let fewest = if ends_in_marks { 1 } else { 2 };
            for words in fewest..=3 {
                let Some(tail) = last_words(self.quote_text, words, word) else { break };
                if spaces.is_empty() || spaces.matches('\n').count() > 1 {
                    break;
                }
                let rest = &after[spaces.len()..];
                if let Some(len) = starts_loosely(rest, tail).filter(|&len| !rest[len..].starts_with(word)) {
                    whole.end += spaces.chars().count() + rest[..len].chars().count();
                    break;
                }
            }
        }
        // A word inside a token of words and marks (a path, a dotted name) replaced by a copy of
        // its neighbour ("/var/spool" reworded to "/spool/spool"): the alignment drops the
        // replaced word and stops at the copy, inside the token. The token is taken in whole when,
        // but for that word, it is the quote's last (first) token as written.
        let token_len = |rest: &str| rest.find(char::is_whitespace).unwrap_or(rest.len());
        let quote_last = self.needle.rsplit(char::is_whitespace).next().unwrap_or_default();
        let place_last = place.rsplit(char::is_whitespace).next().unwrap_or_default();
        if whole.end == range.end && place_last != quote_last && !one_word_replaced(place_last, quote_last) {
            let rest = &after[..token_len(after)];
            if !rest.is_empty() && one_word_replaced(&format!("{place_last}{rest}"), quote_last) {
                whole.end += rest.chars().count();
            }
        }
        let quote_first = self.needle.split(char::is_whitespace).next().unwrap_or_default();
        let place_first = place.split(char::is_whitespace).next().unwrap_or_default();
        if whole.start == range.start && place_first != quote_first && !one_word_replaced(place_first, quote_first) {
            let before = text.slice(whole.start.saturating_sub(EDGE_LINE)..whole.start)?;
            let rest = before.rsplit(char::is_whitespace).next().unwrap_or_default();
            if !rest.is_empty() && one_word_replaced(&format!("{rest}{place_first}"), quote_first) {
                whole.start -= rest.chars().count();
            }
        }
        if let (Some(first), Some(marks)) = (first.filter(|first| whole.start == range.start && !place.starts_with(*first)), &after_first) {
            let before = text.slice(whole.start.saturating_sub(EDGE_LINE)..whole.start)?;
            let between = &before[before.trim_end_matches(|c: char| !word(c)).len()..];
            let previous = &before[..before.len() - between.len()];
            if gap(between, marks, false) && previous.ends_with(first) && !previous[..previous.len() - first.len()].ends_with(word) {
                whole.start -= between.chars().count() + first.chars().count();
            }
        }
        (whole != *range).then_some(whole)
    }

    /// `range` taking in the quote's first words where they stand as written before a paragraph
    /// inserted right before the place. A note inserted between two lines of the quote (ending
    /// in a blank line) costs the alignment more than the quote's few first characters do, so
    /// it gives them up and starts after the note: the place then lacks the quote's own first
    /// line, which still stands, as written, just before the note.
    fn with_head_before_insertion(&self, text: &SourceText, range: &Range<usize>) -> Option<Range<usize>> {
        let place = fold_quote(text.slice(range.clone())?);
        let quote = self.quote;
        // Where the place's first characters stand in the quote: past a head the place lacks.
        let m = place.len().min(16);
        if m < 8 || quote.starts_with(&place[..m]) {
            return None;
        }
        let k = (1..=(quote.len() / 4).min(HEAD_REACH / 2)).find(|&k| quote.len() >= k + m && quote[k..k + m] == place[..m])?;
        let head = quote[..k].iter().collect::<String>();
        let head = head.trim_end();
        if head.chars().filter(|c| c.is_alphanumeric()).count() < HEAD_WORD_CHARS {
            return None;
        }
        let from = range.start.saturating_sub(HEAD_REACH);
        let before: Vec<char> = text.slice(from..range.start)?.chars().collect();
        // The place opens a paragraph: a blank line right before it.
        let mut end = before.len();
        while end > 0 && matches!(before[end - 1], ' ' | '\t' | '\r') {
            end -= 1;
        }
        let blank = |at: usize| at > 0 && before[at - 1] == '\n';
        if !blank(end) {
            return None;
        }
        let mut blank_start = end - 1;
        while blank_start > 0 && matches!(before[blank_start - 1], ' ' | '\t' | '\r') {
            blank_start -= 1;
        }
        if !blank(blank_start) {
            return None;
        }
        let note_end = blank_start - 1;
        // The inserted paragraph is a line or a few; the quote's head ends the line before it.
        let line_starts = (1..note_end).rev().filter(|&at| before[at - 1] == '\n').take(INSERTED_LINES);
        // The head begins where a word does: "the" is no head at the end of "breathe".
        let word_edge = |s: usize| s == 0 || !(before[s - 1].is_alphanumeric() && before[s].is_alphanumeric());
        let head_chars = head.chars().count();
        for cut in line_starts {
            let folded_before = |s: usize| fold_quote(&before[s..cut].iter().collect::<String>()).iter().collect::<String>();
            let lowest = cut.saturating_sub(2 * head_chars + 8);
            if let Some(start) = (lowest..cut).rev().find(|&s| folded_before(s).trim() == head && !before[s].is_whitespace() && word_edge(s)) {
                return Some(from + start..range.end);
            }
        }
        None
    }

    /// The original `range` cut at a blank line the quote does not have: a passage and the
    /// paragraph beside it are not one place. The longest part is kept.
    fn within_paragraph(&self, text: &SourceText, range: Range<usize>) -> Range<usize> {
        let Some(slice) = text.slice(range.clone()) else {
            return range;
        };
        if !has_blank_line(slice) || has_blank_line(self.quote_text) {
            return range;
        }
        let mut parts: Vec<(Range<usize>, &str)> = Vec::new();
        let mut at = range.start;
        for part in split_at_blank_lines(slice) {
            let len = part.chars().count();
            let lead = part.chars().take_while(|c| c.is_whitespace()).count();
            let trail = part.chars().rev().take_while(|c| c.is_whitespace()).count().min(len - lead);
            parts.push((at + lead..at + len - trail, part.trim()));
            at += len;
        }
        let Some(longest) = (0..parts.len()).reduce(|best, i| if parts[i].0.len() > parts[best].0.len() { i } else { best }) else {
            return range.start..range.start;
        };
        // Text inserted inside the quote's text (a note between two of its lines, a paragraph of
        // its own) leaves the quote's own first and last lines at the edges, as written: the
        // passage runs across it. An edge part is taken in only when its first (last) whole
        // lines are exactly the quote's beginning (end), with words in them, not a few
        // characters of the paragraph beside that happen to match.
        let (mut first, mut last) = (longest, longest);
        let own_edge = |part: &str, at_start: bool| {
            // A few lines at most: the quote's own edge needs no more to show itself, and a part
            // of thousands of lines would otherwise be folded once per line.
            let lines: Vec<&str> = part.split('\n').collect();
            (1..=lines.len().min(INSERTED_LINES)).any(|k| {
                let edge = match at_start {
                    true => lines[..k].join("\n"),
                    false => lines[lines.len() - k..].join("\n"),
                };
                let folded = fold_quote(&edge);
                let words = folded.iter().filter(|c| c.is_alphanumeric()).count();
                let own = if at_start { self.quote.starts_with(&folded) } else { self.quote.ends_with(&folded) };
                own && words >= OWN_EDGE_WORD_CHARS && folded.len() < self.quote.len()
            })
        };
        if longest > 0 && own_edge(parts[0].1, true) {
            first = 0;
        }
        if longest + 1 < parts.len() && own_edge(parts[parts.len() - 1].1, false) {
            last = parts.len() - 1;
        }
        parts[first].0.start..parts[last].0.end
    }

    /// The original `range` without a line at either edge that has little in common with the
    /// quote there (its first or last line, or as many of its first or last characters): a line
    /// of the quote replaced whole by other text leaves the alignment taking in a few characters
    /// of that text, where they happen to match. At most `EDGE_LINE` characters are weighed.
    fn without_foreign_edge_lines(&self, text: &SourceText, range: Range<usize>) -> Range<usize> {
        let Some(slice) = text.slice(range.clone()) else {
            return range;
        };
        let (Some(first_break), Some(last_break)) = (slice.find('\n'), slice.rfind('\n')) else {
            return range;
        };
        // Part of a line of the text, cut by the place's edge, is read more strictly than a
        // whole line: the rest of its row stands beside the place. (A whole line of figures
        // corrected, `64` become `65`, is the quote's line edited.)
        let alike = |line: &str, quote_edge: &str, partial: bool| {
            // A part of a letter or two (the `-8` ending the row before) shares them with the
            // quote's line by chance as often as not: only the quote's own, as written, stays.
            if partial && line.chars().filter(|c| c.is_alphanumeric()).count() <= TINY_LINE {
                return fold_quote(line) == fold_quote(quote_edge);
            }
            let similar = similarity(&fold_quote(line), &fold_quote(quote_edge));
            // Parts of short rows of one shape match each other's characters half by chance
            // (the next row of a table, `ipcomp 108` for `pim 103`): parts of words that share
            // none must be as alike as a retyped line is.
            let enough = match partial && no_word_shared(line, quote_edge) {
                true => RETYPED_LINE,
                false => super::context::CONTRADICTS,
            };
            similar >= enough || mostly_shared_words(line, quote_edge) || one_word_replaced(line, quote_edge)
        };
        let quote = self.quote_text;
        let (mut start, mut end) = (range.start, range.end);
        let last = &slice[last_break + 1..];
        let last_chars = last.chars().count();
        if (1..=EDGE_LINE).contains(&last_chars) && !last.trim().is_empty() {
            let quote_edge = match quote.rfind('\n') {
                Some(at) => &quote[at + 1..],
                None => &quote[quote.char_indices().rev().nth(last_chars - 1).map_or(0, |(at, _)| at)..],
            };
            let partial = text.slice(range.end..range.end + 1).is_some_and(|next| !next.is_empty() && !next.starts_with(['\n', '\r']));
            if !alike(last, quote_edge, partial) {
                end -= last_chars;
            }
        }
        let first = &slice[..first_break];
        let first_chars = first.chars().count();
        if (1..=EDGE_LINE).contains(&first_chars) && !first.trim().is_empty() && start + first_chars + 1 < end {
            let quote_edge = match quote.find('\n') {
                Some(at) => &quote[..at],
                None => &quote[..quote.char_indices().nth(first_chars).map_or(quote.len(), |(at, _)| at)],
            };
            let partial = range.start > 0 && text.slice(range.start - 1..range.start).is_some_and(|before| before != "\n");
            if !alike(first, quote_edge, partial) {
                start += first_chars + 1;
            }
        }
        match start < end {
            true => self.trim_original(text, start..end),
            false => range,
        }
    }

    /// The original `range` without the end of a sentence at its start (or the beginning of one
    /// at its end) that the quote does not have: words up to a full stop, within the first (last)
    /// `SENTENCE_EDGE` characters and a quarter of the place, none of them among the quote's first
    /// (last) words there, and no full stop in the quote there. The sentence holding the quote's
    /// first words deleted up to its line's end, substituting them with the end of the sentence
    /// before ("price.") costs the alignment as much as deleting them, and it took that end in.
    fn without_foreign_sentence_edges(&self, text: &SourceText, range: Range<usize>) -> Range<usize> {
        let Some(slice) = text.slice(range.clone()) else {
            return range;
        };
        let chars: Vec<char> = slice.chars().collect();
        let stop = |c: char| matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
        let ends_sentence = |i: usize| stop(chars[i]) && (!chars[i].is_ascii() || chars.get(i + 1).is_some_and(|c| c.is_whitespace()));
        let words = |part: &[char]| lowercase_words(&part.iter().collect::<String>());
        let reach = SENTENCE_EDGE.min(chars.len() / 4);
        // Whether `part` of the place is foreign to `quote_edge`, the quote's text beside it.
        // In scripts without spaces a run of characters is no word: the part's letters standing
        // together in the quote's edge make it the quote's own as well.
        let letters = |text: &[char]| text.iter().filter(|c| c.is_alphanumeric()).flat_map(|c| c.to_lowercase()).collect::<String>();
        let foreign = |part: &[char], quote_edge: &[char]| {
            let theirs = words(quote_edge);
            let own_letters = !letters(part).is_empty() && letters(quote_edge).contains(&letters(part));
            !quote_edge.iter().any(|&c| stop(c)) && !words(part).iter().any(|word| theirs.contains(word)) && !own_letters
        };
        let edge = |len: usize| (len + SLACK_CHARS).min(self.quote.len());
        let (mut start, mut end) = (0, chars.len());
        if let Some(i) = (0..reach).find(|&i| ends_sentence(i))
            && foreign(&chars[..=i], &self.quote[..edge(i + 1)])
        {
            start = i + 1;
            while start < end && chars[start].is_whitespace() {
                start += 1;
            }
        }
        if let Some(i) = (chars.len().saturating_sub(reach).max(start)..chars.len()).rev().find(|&i| i > 0 && stop(chars[i - 1]) && chars[i].is_whitespace())
            && foreign(&chars[i..], &self.quote[self.quote.len() - edge(chars.len() - i)..])
        {
            end = i;
            while end > start && (chars[end - 1].is_whitespace() || (stop(chars[end - 1]) && self.quote.last() != Some(&chars[end - 1]))) {
                end -= 1;
            }
        }
        match (start, end) {
            (0, e) if e == chars.len() => range,
            (start, end) if start < end => range.start + start..range.start + end,
            _ => range,
        }
    }

    /// The original `range` starting inside a character and its combining marks where the
    /// quote does: one beginning with a mark ("\u{300}t" cut from "ca\u{300}t"). Folding reads a
    /// character and its marks as one, so an alignment starts only before them all. (Its end is
    /// left alone: a place may end before the quote does, on a character whose marks are its
    /// own.)
    fn split_as_the_quote_splits(&self, text: &SourceText, range: Range<usize>) -> Range<usize> {
        let is_mark = |c: char| canonical_combining_class(c) != 0;
        let Some(slice) = text.slice(range.clone()) else {
            return range;
        };
        let mut chars = slice.chars();
        match self.quote_text.chars().next().is_some_and(is_mark) && chars.next().is_some_and(|c| !is_mark(c)) && chars.next().is_some_and(is_mark) {
            true => range.start + 1..range.end,
            false => range,
        }
    }

    /// The spaces at the ends of the original `range`.
    fn trim_original(&self, text: &SourceText, range: Range<usize>) -> Range<usize> {
        let Some(slice) = text.slice(range.clone()) else {
            return range;
        };
        let lead = slice.chars().take_while(|c| c.is_whitespace()).count();
        let trail = slice.chars().rev().take_while(|c| c.is_whitespace()).count();
        match lead + trail < range.len() {
            true => range.start + lead..range.end - trail,
            false => range,
        }
    }

    /// The folded text of the original code points `range`.
    fn folded_text(&self, text: &SourceText, range: &Range<usize>) -> String {
        fold_quote(text.slice(range.clone()).unwrap_or_default()).into_iter().collect()
    }
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

    /// `find` without context, the quote recorded at `start` with its own length.
    fn find_from(source: &str, quote: &str, start: usize) -> Located {
        find(source, quote, "", "", Some(start..start + quote.chars().count()))
    }

    fn found_at(located: &Located) -> (Tier, Range<usize>) {
        match located {
            Located::Found { tier, best, .. } => (*tier, best.range.clone()),
            other => panic!("expected a unique place, got {other:?}"),
        }
    }

    fn decided(located: &Located) -> Decided {
        match located {
            Located::Found { decided, .. } => *decided,
            other => panic!("expected a unique place, got {other:?}"),
        }
    }

    /// The places an ambiguous claim lists.
    fn listed(located: &Located) -> Vec<Range<usize>> {
        match located {
            Located::Ambiguous { candidates, .. } => candidates.iter().map(|c| c.range.clone()).collect(),
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    fn is_unplaced(located: &Located) -> bool {
        matches!(located, Located::Ambiguous { .. } | Located::Missing(_))
    }

    /// Code points of `needle` in `haystack` (its `nth` occurrence).
    fn at(haystack: &str, needle: &str, nth: usize) -> Range<usize> {
        let byte = haystack.match_indices(needle).nth(nth).expect("the needle").0;
        let start = haystack[..byte].chars().count();
        start..start + needle.chars().count()
    }

    /// The text of `haystack` at the code points `range`.
    fn text_at(haystack: &str, range: &Range<usize>) -> String {
        haystack.chars().skip(range.start).take(range.len()).collect()
    }

    /// The text of `haystack` at the code points of the place `located` found.
    fn placed_text(haystack: &str, located: &Located) -> String {
        text_at(haystack, &found_at(located).1)
    }

    const SOURCE: &str = "Intro. The attack on Crocus City Hall killed 137 people, officials said on Sunday. Later text.";

    #[test]
    fn tiers_find_exact_folded_and_edited_quotes() {
        let quote = "The attack on Crocus City Hall killed 137 people";
        assert_eq!(found_at(&find(SOURCE, quote, "", "", None)), (Tier::Exact, 7..55));
        let curly = "Intro. The attack on “Crocus City Hall” killed 137 people";
        let text = "The attack on \"Crocus City Hall\" killed 137 people";
        assert_eq!(found_at(&find(curly, text, "", "", None)), (Tier::Folded, 7..57));
        // A figure changed in place: the offsets tie the claim to the edited text.
        let edited = "The attack on Crocus City Hall killed 145 people";
        assert_eq!(found_at(&find(SOURCE, edited, "", "", Some(7..55))), (Tier::Fuzzy, 7..55));
        // A plain word changed: placed over its offsets, never on similarity alone.
        let reworded = "The attack on Crocus City Hall killed 137 persons";
        assert_eq!(found_at(&find(SOURCE, reworded, "", "", Some(7..56))), (Tier::Fuzzy, 7..55));
        assert!(matches!(find(SOURCE, reworded, "", "", None), Located::Missing(Missing::Unsupported { .. })));
    }

    #[test]
    fn short_quotes_never_anchor_approximately_without_context() {
        assert_eq!(find(SOURCE, "killed 145", "", "", None), Located::Missing(Missing::TooShort));
    }

    #[test]
    fn text_below_the_minimum_similarity_is_missing() {
        let rewritten = "Nobody could say how many people had died in the concert hall";
        assert_eq!(find(SOURCE, rewritten, "", "", None), Located::Missing(Missing::NothingClose));
    }

    #[test]
    fn duplicates_are_ambiguous_unless_context_or_the_offsets_decide() {
        let source = "In March, 137 people died. Then in May, 137 people died.";
        assert!(matches!(find(source, "137 people died", "", "", None), Located::Ambiguous { .. }));
        assert_eq!(found_at(&find(source, "137 people died", "in May, ", "", None)).1, 40..55);
        // Offsets do not choose among copies, however near one of them stands.
        assert!(matches!(find(source, "137 people died", "", "", Some(12..27)), Located::Ambiguous { .. }));
        let quote = "In March, 137 people died in the floods of the north.";
        let far = format!("{quote} {} {quote}", "Unrelated words go on. ".repeat(100));
        for recorded in [2..55, 0..53, 1000..1053] {
            match find(&far, quote, "", "", Some(recorded.clone())) {
                Located::Ambiguous { candidates, .. } => {
                    assert_eq!(candidates.len(), 2, "both copies are listed")
                }
                other => panic!("{recorded:?}: expected ambiguous, got {other:?}"),
            }
        }
    }

    // Class 1: a deleted quote must not be attached to a look-alike of it.

    const TABLE: &str = "Year | Sales | Share\n2016 | 1,204 | 5.1%\n2017 | 1,388 | 5.6%\n2018 | 1,512 | 6.0%\n2020 | 1,734 | 6.8%\n2021 | 1,802 | 7.2%\n";

    /// Passages of one shape running on into each other: the quote's own text, over its
    /// offsets, had a word changed, and the phrase before it, overlapping it by a character,
    /// is closer to the quote. The search keeps only the closer of overlapping places, which
    /// lay near the offsets: it was placed there. Both are listed now.
    #[test]
    fn class1_a_closer_twin_running_into_the_edited_passage_over_the_offsets_is_no_place() {
        let old = "---> Somebody typed the end of this line twice. end of this line twice.\n\nThe next lesson follows.";
        let quote = ". end of this line twice.";
        let recorded = at(old, quote, 0);
        let new = old.replacen("twice. end of this line", "twice. end of There line", 1);
        let located = find(&new, quote, "", "", Some(recorded.clone()));
        let Located::Ambiguous { candidates, .. } = &located else { panic!("{located:?}") };
        assert!(candidates.iter().any(|c| mostly_over(&c.range, &recorded)), "{located:?}");
        // Unedited, the twin beside it is no rival: the quote stands as written.
        assert_eq!(found_at(&find(old, quote, "", "", Some(recorded.clone()))).1, recorded);
    }

    #[test]
    fn class1_a_repeated_code_beside_the_offsets_does_not_pass_for_a_figure_corrected_there() {
        // A changelog names one bug twice in a row. The quote's last item had a word reworded
        // ("PR" to "medium"); the alignment closest letter by letter runs back one item, onto the
        // repeat, and reads as the last bug number corrected (gas/31462 to gas/31415), over the
        // offsets as much as the edited passage is. Two readings: neither is taken.
        let filler = "  * Update from the release branch, taken from the trunk.\n".repeat(8);
        let old = format!("{filler}    - Fix PR ld/22061, PR gas/31415, PR gas/31415, PR gas/31462.\n{filler}");
        let quote = ", PR gas/31415, PR gas/31462.";
        let recorded = at(&old, quote, 0);
        // An edit above moved everything by five characters.
        let new = old.replacen("release", "release-2.41", 1).replace("PR gas/31415, PR gas/31462.", "PR gas/31415, medium gas/31462.");
        let located = find(&new, quote, "", "", Some(recorded.clone()));
        let Located::Ambiguous { candidates, .. } = &located else { panic!("{located:?}") };
        assert!(candidates.iter().any(|c| text_at(&new, &c.range).ends_with("medium gas/31462.")), "{located:?}");
        // A figure corrected in place, with no repeat beside it to read the quote otherwise, stands.
        let single = old.replace("PR gas/31415, PR gas/31415,", "PR gas/31415,");
        let recorded = at(&single, quote, 0);
        let corrected = single.replacen("release", "release-2.41", 1).replace("PR gas/31415, PR gas/31462.", "PR gas/31415, PR gas/31463.");
        let located = find(&corrected, quote, "", "", Some(recorded.clone()));
        assert_eq!(placed_text(&corrected, &located), ", PR gas/31415, PR gas/31463.");
    }

    #[test]
    fn class1_a_deleted_table_row_is_not_given_to_a_sibling_row() {
        // "2019 | 1,650 | 6.4%" was deleted; its siblings differ in the figures only.
        let quote = "2019 | 1,650 | 6.4%\n2020 | 1,734";
        for recorded in [None, Some(82..113), Some(at(TABLE, "2020 | 1,734 | 6.8%", 0))] {
            let located = find(TABLE, quote, "", "", recorded.clone());
            assert!(is_unplaced(&located), "recorded {recorded:?}: {located:?}");
        }
        let row = "2019 | 1,650 | 6.4% and more";
        assert!(is_unplaced(&find(TABLE, row, "", "", None)));
    }

    #[test]
    fn class1_a_deleted_changelog_entry_is_not_given_to_an_entry_with_another_bug_number() {
        let log = "  * Fix a crash in the parser on empty input (Closes: #1034551)\n  * Update the Russian translation (Closes: #1029917)\n  * Fix a crash in the lexer on empty input (Closes: #1036602)\n";
        // The entry for #1031188 was deleted.
        let quote = "Fix a crash in the parser on long input (Closes: #1031188)";
        assert!(is_unplaced(&find(log, quote, "", "", None)));
        assert!(is_unplaced(&find(log, quote, "", "", Some(120..178))));
        // Its own context, had the row kept it, cannot help: the entry is gone.
        assert!(is_unplaced(&find(log, quote, "  * ", "\n  * Update", None)));
    }

    #[test]
    fn class1_a_deleted_verse_is_not_given_to_the_next_verse_of_the_same_formula() {
        let days = ["first", "second", "third", "fifth", "sixth"];
        let text: String = days.iter().map(|d| format!("And the evening and the morning were the {d} day. ")).collect();
        let quote = "And the evening and the morning were the fourth day.";
        assert!(is_unplaced(&find(&text, quote, "", "", None)));
        assert!(is_unplaced(&find(&text, quote, "", "", Some(at(&text, "fifth", 0)))));
    }

    #[test]
    fn class1_a_rewritten_clause_is_not_given_to_its_twin_whose_context_differs_on_one_side() {
        // Two clauses of one shape: the edition named before the verb and the verb set them apart.
        // The first was rewritten whole. The second reads as the quote with one word changed, and
        // the claim's suffix fits it word for word; its prefix names the other edition.
        let filler = "The publisher may revise these terms at any time after notice.\n".repeat(6);
        let first = "1. Copies of the printed edition must keep the imprint\n   and the list of contributors exactly as they stand in the book.\n";
        let second = "2. Copies of the digital edition must show the imprint\n   and the list of contributors exactly as they stand in the book.\n";
        let old = format!("{filler}{first}{second}{filler}");
        let quote = "must keep the imprint\n   and the list";
        let recorded = at(&old, quote, 0);
        let chars: Vec<char> = old.chars().collect();
        let prefix: String = chars[recorded.start - 32..recorded.start].iter().collect();
        let suffix: String = chars[recorded.end..recorded.end + 32].iter().collect();
        let rewritten = old.replace(first, "1. Printed copies carry a notice of their own, set out in the annex.\n");
        let located = find(&rewritten, quote, &prefix, &suffix, Some(recorded.clone()));
        assert!(is_unplaced(&located), "{located:?}");
        // The clause moved to the top with its verb changed and the twin gone, both sides of its
        // context kept: the context ties it there. (With the twin still there, the twin is as
        // near to the quote and its context nearly as close: ambiguous.)
        let moved = format!("{}{filler}{filler}", first.replace("keep", "retain"));
        let located = find(&moved, quote, &prefix, &suffix, Some(recorded));
        assert_eq!(placed_text(&moved, &located), "must retain the imprint\n   and the list");
    }

    #[test]
    fn class1_a_clause_differing_in_a_name_is_not_taken_for_the_deleted_one() {
        // A single look-alike, no sibling to compare it with: the difference is a name.
        let text = "Preamble. The Licensor shall not be liable for any damages arising from the use of the Work. Other terms follow.";
        let quote = "The Licensee shall not be liable for any damages arising from the use of the Work.";
        assert!(matches!(find(text, quote, "", "", None), Located::Missing(Missing::Unsupported { .. })));
        // Far from where it was recorded: nothing ties it either.
        assert!(is_unplaced(&find(text, quote, "", "", Some(500..582))));
        // Over its recorded offsets, the same text is the clause edited in place.
        assert_eq!(found_at(&find(text, quote, "", "", Some(10..92))).1, 10..92);
    }

    #[test]
    fn class1_an_edit_with_siblings_is_placed_only_with_a_clear_lead() {
        // Three clauses of one shape; the second is edited in place by one word.
        let text = "You may copy the Program in source form. You may convey the Program in object form. You may modify the Program in any form.";
        let quote = "You may convey the Program in binary form.";
        let located = find(text, quote, "", "", None);
        assert!(is_unplaced(&located), "{located:?}");
        // Its context decides among the siblings.
        let placed = find(text, quote, "in source form. ", " You may modify", None);
        assert_eq!((found_at(&placed).1, decided(&placed)), (at(text, "You may convey the Program in object form.", 0), Decided::Context));
    }

    #[test]
    fn a_character_folded_into_several_is_one_place() {
        // `…` folds into `...`, which holds `..` twice: both map back to the one character.
        assert_eq!(found_at(&find("He paused… then went on", "..", "", "", None)), (Tier::Folded, 9..10));
        assert_eq!(found_at(&find("Chapter Ⅲ begins here", "II", "", "", None)), (Tier::Folded, 8..9));
    }

    #[test]
    fn class2_a_decimal_updated_in_place_is_placed_by_context_beside_a_copy() {
        let text = "Summary: the river rose by 14.25 metres overnight. Details. Report: the river rose by 15.75 metres overnight. End.";
        let quote = "the river rose by 14.25 metres overnight.";
        let own = at(text, "the river rose by 15.75 metres overnight.", 0);
        let (tier, range) = found_at(&find(text, quote, "Report: ", " End.", Some(own.clone())));
        assert_eq!((tier, range), (Tier::Fuzzy, own));
    }

    // Class 2: an exact copy elsewhere against the claim's own place, edited.

    #[test]
    fn class2_a_sibling_entry_with_another_key_over_the_offsets_is_not_preferred_to_the_moved_entry() {
        let entry = |key: &str| format!(".#app.{key}.confirm\n# todo: translate this entry and remove the mark.\nAnswer yes to go on.\n.\n\n");
        let intro = "Help texts of the program, one entry per question.\n\n";
        let old = format!("{intro}{}{}{}", entry("open"), entry("save"), entry("quit"));
        let quote = "app.open.confirm\n# todo: translate";
        let recorded = at(&old, quote, 0);
        let chars: Vec<char> = old.chars().collect();
        let prefix: String = chars[recorded.start - 32..recorded.start].iter().collect();
        let suffix: String = chars[recorded.end..recorded.end + 32].iter().collect();
        // The entry moved to the end, as written: the next entry, keyed otherwise, took its place
        // and its context, and only the key tells the two apart.
        let moved = format!("{intro}{}{}{}", entry("save"), entry("quit"), entry("open"));
        let located = find(&moved, quote, &prefix, &suffix, Some(recorded.clone()));
        assert!(is_unplaced(&located), "{located:?}");
        // The same entry edited in place where a copy of the old wording stands elsewhere, the
        // key kept: context places the edited entry.
        let edited = format!("{intro}{}{}{}", entry("open").replace("todo", "to do"), entry("save"), entry("quit"));
        let copy_elsewhere = format!("{edited}Former entry: .#{quote} this entry.\n");
        let (tier, range) = found_at(&find(&copy_elsewhere, quote, &prefix, &suffix, Some(recorded.clone())));
        assert_eq!((tier, range.start), (Tier::Fuzzy, recorded.start));
    }

    #[test]
    fn class2_an_edit_in_place_and_an_exact_copy_elsewhere_are_ambiguous_without_context() {
        let text = "Summary: the river rose by four metres overnight. Details. Report: the river rose by five metres overnight. End.";
        let quote = "the river rose by four metres overnight.";
        let own = at(text, "the river rose by five metres overnight.", 0);
        let located = find(text, quote, "", "", Some(own.clone()));
        let places = listed(&located);
        assert_eq!(places, vec![at(text, quote, 0), own.clone()], "both places are listed");
        // Context decides for the claim's own, edited place...
        let mine = find(text, quote, "Report: ", " End.", Some(own.clone()));
        assert_eq!((found_at(&mine), decided(&mine)), ((Tier::Fuzzy, own.clone()), Decided::Context));
        // ...or for the copy, when that is what it fits.
        let copy = find(text, quote, "Summary: ", " Details.", Some(own));
        assert_eq!((found_at(&copy), decided(&copy)), ((Tier::Exact, at(text, quote, 0)), Decided::Context));
        // Without offsets there is no place of its own to weigh: the exact copy is the quote.
        assert_eq!(found_at(&find(text, quote, "", "", None)).1, at(text, quote, 0));
    }

    #[test]
    fn class2_a_short_quote_edited_at_its_last_character_stands_against_the_copy() {
        // Two options of a manual page described alike; the second's description has its last
        // quoted character changed. The alignment over the offsets reads as well without that
        // character as with its replacement, and must not lose the marks before it.
        let text = "説明\n\n       -a オプションは、  ファイルを全て表示する。\n\n       -b オプションは、  ブロック数を表示する。\n";
        let quote = "ションは、  フ";
        let recorded = at(text, "ションは、  ブ", 0);
        let located = find(text, quote, "", "", Some(recorded.clone()));
        assert!(matches!(&located, Located::Ambiguous { candidates, .. } if candidates.iter().any(|c| c.range == recorded)), "{located:?}");
        // The claims around say the passage moved six characters on: the variant there is found
        // as the quote's own text edited in place.
        let moved = format!("追加項目。{text}");
        let index = SourceIndex::new(&SourceText::new(moved.clone()));
        let query = Query { quote, prefix: "", suffix: "", recorded: Some(recorded.clone()) };
        let shifted = recorded.start + 5..recorded.end + 5;
        let variant = variant_at(&query, &SourceText::new(moved), &index, &shifted);
        assert_eq!(variant.map(|v| v.range), Some(shifted));
        // Whatever the alignment makes of it, the text exactly where the claims around point
        // stands for the passage edited in place when it is close enough: a figure changed at a
        // short quote's end reads as well without it, and the marks before it are not the quote's
        // last character.
        let text = SourceText::new("Schedule B.\nLate fee: 4\nInterest: 6\n".to_string());
        let index = SourceIndex::new(&text);
        for (quote, line) in [("Late fee: 3", "Late fee: 4"), ("Interest: 5", "Interest: 6")] {
            let query = Query { quote, prefix: "", suffix: "", recorded: Some(0..11) };
            let place = at(text.as_str(), line, 0);
            assert_eq!(variant_at(&query, &text, &index, &place).map(|v| v.range), Some(place), "{quote}");
        }
    }

    #[test]
    fn class2_an_edit_that_changed_most_of_the_quotes_last_line_still_stands_against_the_copy() {
        // The last line lost a long word for a short one: less than half alike, and without it
        // the passage is too far from the quote; with it, it is the quote's own text, edited.
        let quote = "memory available for starting new programs, without\n      using swap memory";
        let text = format!("Estimated memory available for starting new programs, without\n      Buffers memory on disk.\n\nSee also.\n{quote}\n");
        let own = 10..10 + "memory available for starting new programs, without\n      Buffers memory".chars().count();
        let located = find(&text, quote, "", "", Some(10..10 + quote.chars().count()));
        let places = listed(&located);
        assert_eq!(places, vec![own, at(&text, quote, 0)], "both places are listed");
    }

    #[test]
    fn class2_the_edited_place_is_found_beside_a_sibling_closer_to_the_quote() {
        // Entries of one shape side by side: the one before the claim's reads closer to the quote
        // than the claim's own entry, edited in place; the old wording stands again at the end.
        let entry = |key: &str, verb: &str| format!(".#help.{key}.okay\n# todo: Please {verb} and remove the mark from the key line.\nAnswer yes or no\n.\n\n");
        let quote = ".#help.size.large.okay\n# todo: Please translate and remove the mark from the key line.\nAnswer";
        let text = format!("{}{}{}{quote}\n", entry("size.huge", "translate"), entry("size.large", "review"), entry("valid", "translate"));
        let own_start = at(&text, ".#help.size.large", 0).start;
        let own = own_start..own_start + quote.chars().count() - "translate".len() + "review".len();
        let located = find(&text, quote, "", "", Some(own_start..own_start + quote.chars().count()));
        match &located {
            Located::Ambiguous { candidates, .. } => {
                assert!(candidates.iter().any(|c| c.range == own), "{candidates:?}")
            }
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    #[test]
    fn class2_a_sibling_line_touching_the_offsets_does_not_hide_the_edited_place() {
        // Two lines of one shape, the second right after the claim's own: one word of the claim's
        // line is changed in place (more edits than the sibling differs by), and the old line
        // stands again further on. The sibling's best alignment takes in the line break that ends
        // the claim's, so it touches the offsets by a character.
        let quote = "3. Press  n  plus a pattern to search FORWARD for the pattern.";
        let own = "3. Press  n  plus any keyword to search FORWARD for the pattern.";
        let sibling = "   Press  N  plus a pattern to search BACKWARD for the pattern.";
        let text = format!("Lesson 4.2\n\n  {own}\n  {sibling}\n\nSummary\n~~~~~~~~\n\n\n{quote}\n");
        let own_range = at(&text, own, 0);
        let copy = at(&text, quote, 0);
        let places = listed(&find(&text, quote, "", "", Some(own_range.clone())));
        assert!(places.contains(&own_range) && places.contains(&copy), "{places:?}");
        // Its context decides for the edited line.
        let located = find(&text, quote, "Lesson 4.2\n\n  ", "\n   Press  N  plus a", Some(own_range.clone()));
        assert_eq!(found_at(&located).1, own_range, "{located:?}");
    }

    #[test]
    fn class2_a_copy_whose_context_is_a_character_off_does_not_win_over_the_edited_place_in_its_context() {
        // Entries of one form, each ending in the same sentence before a line of its own. The
        // claim's entry had its sentence edited by a word, and earlier entries grew, so the
        // offsets no longer reach it; another entry's sentence, as written, has context that
        // differs from the row's by one character.
        let entry = |key: &str, sentence: &str, answer: &str| format!("[{key}]\nNote: keep the seal on the lower flap.\n{sentence}\nReply \"yes\" if the crate may be {answer}\n\n");
        let quote = "Mark the lower flap.";
        let own = "Mark the upper flap.";
        let mut text = String::new();
        for (key, answer) in [("crate.open", "opened"), ("crate.move", "moved"), ("crate.ship", "shipped")] {
            text += &entry(key, quote, answer);
        }
        text += &entry("crate.dump.now.and.later", own, "dumped");
        text += &entry("crate.dust", quote, "dusted");
        let own_range = at(&text, own, 0);
        let recorded = own_range.start - 12..own_range.end - 12;
        let located = find(&text, quote, "the lower flap.\n", "\nReply \"yes\" if the crate may be dumped", Some(recorded));
        match &located {
            Located::Ambiguous { candidates, .. } => assert!(candidates.iter().any(|c| c.range == own_range), "{candidates:?}"),
            other => assert_eq!(found_at(other).1, own_range, "{other:?}"),
        }
    }

    #[test]
    fn class2_a_repeat_overlapping_the_offsets_does_not_hide_the_edited_place() {
        // A line that says its phrase twice; the second saying edited in place. The first copy
        // overlaps the claim's offsets by a few characters: it is not the claim's text shifted.
        let phrase = "the end of this line twice.";
        let text = format!("---> Someone typed {phrase} the end of this sentence twice.\n");
        let recorded = at(&format!("---> Someone typed {phrase} {phrase}\n"), phrase, 1);
        let located = find(&text, phrase, "", "", Some(recorded.clone()));
        match &located {
            Located::Ambiguous { candidates, .. } => {
                assert_eq!(candidates.len(), 2, "{candidates:?}")
            }
            other => panic!("expected ambiguous, got {other:?}"),
        }
        // A copy covering most of the offsets is the quote's own text, moved by a few characters.
        let shifted = format!("---> Someone typed it {phrase} the end of this sentence twice.\n");
        let before = at(&text, phrase, 0);
        assert_eq!(found_at(&find(&shifted, phrase, "", "", Some(before.clone()))), (Tier::Exact, before.start + 3..before.end + 3));
    }

    #[test]
    fn class2_an_edited_row_of_a_diagram_of_like_rows_stands_against_the_copy_a_row_before() {
        // A diagram of two columns whose rows read alike: folded, its text repeats every half
        // row, so the alignments over the copy's rows crowd the claim's own row, edited, out of
        // the places found around the offsets. The text exactly over them still is that row.
        let row = "\t| older line\t   |\t\t | older line\t    |\n";
        let old = format!("Before the scroll:\n\t+---------------+\t\t +----------------+\n{row}{row}{row}\t| older line\t   |   zt  -->\t | cursor line    |\n");
        let quote = "|\n\t| older line\t   |\t\t | older line\t    |\n\t| older line";
        // The claim quotes the second of two overlapping copies, a row after the first.
        let first = at(&old, quote, 0);
        let recorded = first.start + row.chars().count()..first.end + row.chars().count();
        assert_eq!(text_at(&old, &recorded), quote);
        let edited = row.replace("| older line\t    |", "| found line\t    |");
        let new = old.replacen(row, &edited, 3).replacen(&edited, row, 2);
        assert_eq!(new.matches(quote).count(), 1, "{new}");
        let places = listed(&find(&new, quote, "", "", Some(recorded.clone())));
        assert!(places.contains(&at(&new, quote, 0)) && places.iter().any(|p| overlaps(p, &recorded) && p.start >= recorded.start), "{places:?}");
    }

    #[test]
    fn class2_a_repeat_covering_most_of_shifted_offsets_does_not_hide_the_edited_place_on_their_other_side() {
        // A ticket named twice in a row: the claim quotes the first naming, whose number was then
        // corrected, and a word went from the line above. The second naming now covers most of
        // the recorded offsets from after them, and the claim's own text, edited, covers most of
        // them from before: each is as near as the other, and only context can tell them apart.
        let line = "\tFixed in ticket net/52017, ticket net/52017, ticket net/61200.\n";
        let before = format!("2024-03-01  Ann Smith\n\n\t* io/reader.c (read_block): Handle short reads.\n{line}\n");
        let quote = "ticket net/52017, ticket net";
        let recorded = at(&before, quote, 0);
        let (prefix, suffix) = ("Handle short reads.\n\tFixed in ", "/52017, ticket net/61200.\n");
        let after = before.replace(" (read_block)", "").replacen("net/52017", "net/62017", 1);
        let own = at(&after, "ticket net/62017, ticket net", 0);
        let copy = at(&after, quote, 0);
        assert!(mostly_over(&copy, &recorded) && mostly_over(&own, &recorded), "{copy:?} {own:?} {recorded:?}");
        assert_eq!(listed(&find(&after, quote, "", "", Some(recorded.clone()))), vec![own.clone(), copy.clone()], "both places are listed");
        let mine = find(&after, quote, prefix, suffix, Some(recorded.clone()));
        assert_eq!((found_at(&mine), decided(&mine)), ((Tier::Fuzzy, own), Decided::Context));
        // Shifted as written with no other text like it around, the copy is the claim's own.
        let lone = before.replace(line, "\tFixed in ticket net/52017, ticket net/61200.\n");
        let lone_moved = lone.replace(" (read_block)", "");
        let placed = find(&lone_moved, quote, "", "", Some(at(&lone, quote, 0)));
        assert_eq!(found_at(&placed), (Tier::Exact, at(&lone_moved, quote, 0)));
    }

    // Class 3: identical copies are not told apart by nearness alone.

    #[test]
    fn class3_a_retyped_copy_exactly_at_the_offsets_is_the_claims_own_text() {
        // The document retyped whole: every copy of the signature line now has curly quotes.
        let line = "Signed: \"the board\", Tuesday.";
        let retyped = "Signed: “the board”, Tuesday.";
        let text = format!("{retyped}\nminutes of the first meeting\n{retyped}\nminutes of the second\n{retyped}\n");
        let second = at(&text, retyped, 1);
        let located = find(&text, line, "", "", Some(second.clone()));
        assert_eq!((found_at(&located), decided(&located)), ((Tier::Folded, second.clone()), Decided::Offsets));
        // A copy merely near the offsets is no evidence, and neither is one as written.
        assert!(matches!(find(&text, line, "", "", Some(second.start + 1..second.end + 1)), Located::Ambiguous { .. }));
        let plain = text.replace(retyped, line);
        let second = at(&plain, line, 1);
        assert!(matches!(find(&plain, line, "", "", Some(second.start - 2..second.end - 2)), Located::Ambiguous { .. }));
        // Context that picks another copy outranks the offsets.
        let third = at(&text, retyped, 2);
        let chosen = find(&text, line, "minutes of the second\n", "\n", Some(at(&text, retyped, 1)));
        assert_eq!((found_at(&chosen), decided(&chosen)), ((Tier::Folded, third), Decided::Context));
        // Only some copies retyped: one as written stands elsewhere, and the claim's own text may
        // have moved there as written while a retyped copy slid over the offsets.
        let mixed = format!("{retyped}\nminutes of the first meeting\n{retyped}\nminutes of the second\n{line}\n");
        let over = find(&mixed, line, "", "", Some(at(&mixed, retyped, 1)));
        assert!(matches!(over, Located::Ambiguous { .. }), "{over:?}");
    }

    #[test]
    fn class3_identical_copies_in_a_reordered_document_are_ambiguous() {
        let refrain = "Blow, winds, and crack your cheeks!";
        let verses = ["One.", "Two, longer.", "Three, longer still.", "Four.", "Five, the last."];
        let text: String = verses.iter().map(|v| format!("{v} {}\n{refrain}\n", "and then the story went on for a while".repeat(2))).collect();
        // Recorded where the third copy used to be before the verses were reordered: the nearest
        // copy does not lie over it, and nothing else tells the copies apart.
        let third = at(&text, refrain, 2);
        let located = find(&text, refrain, "", "", Some(third.start - 60..third.end - 60));
        match located {
            Located::Ambiguous { candidates, .. } => assert_eq!(candidates.len(), 5),
            other => panic!("expected ambiguous, got {other:?}"),
        }
        // Even shifted by a few characters only: the copies stand close together, as passages
        // of one shape do, and when one is moved away the next slides into its place.
        let shifted = find(&text, refrain, "", "", Some(third.start - 3..third.end - 3));
        assert!(matches!(shifted, Located::Ambiguous { .. }), "{shifted:?}");
    }

    #[test]
    fn class3_copies_of_a_quote_that_overlap_are_two_copies() {
        // A changelog line naming one bug twice: the quote stands at two places 14 characters
        // apart, sharing its middle. Recorded where the line stood before an entry above it was
        // deleted, nothing says which of the two the claim meant.
        let entry = "2017-10-02  Alan Modra\n\n\tPR ld/22061, PR lto/81968, PR lto/81968, PR lto/81925\n\t* plugin.c: Tidy.\n";
        let text = format!("{}{entry}", "\tEarlier entries, rewritten.\n".repeat(3));
        let quote = "lto/81968, PR lto";
        let second = 14 + text.find(quote).expect("the quote");
        assert_eq!(&text[second..second + quote.len()], quote);
        let (first, second) = (text[..text.find(quote).unwrap()].chars().count(), text[..second].chars().count());
        let stale = second + 300..second + 300 + quote.len();
        match find(&text, quote, "", "", Some(stale)) {
            Located::Ambiguous { candidates, .. } => {
                let starts: Vec<usize> = candidates.iter().map(|c| c.range.start).collect();
                assert_eq!(starts, [first, second]);
            }
            other => panic!("expected ambiguous, got {other:?}"),
        }
    }

    // Class 4: context outranks nearness, and never makes the result worse.

    #[test]
    fn class4_context_naming_another_option_does_not_decide_among_an_option_lists_copies() {
        // A manual page's options, each "Print the amount of memory in <unit>.": lines
        // reordered, the claim's `--pebi` line moved to the top. The row's context names
        // `--pebi`; the `--tebi` line's differs from it by a letter on each side, which no longer
        // supports it.
        let line = |option: &str, unit: &str| format!("       {option} Print the amount of memory in {unit}.\n\n");
        let text = format!("{}OPTIONS\n{}{}{}{}", line("--pebi", "pebibytes"), line("-b, --bytes", "bytes"), line("--tebi", "tebibytes"), line("--kilo", "kilobytes"), line("--mega", "megabytes"));
        let quote = "the amount of memory in";
        let located = find(&text, quote, "bytes.\n\n       --pebi Print ", " pebibytes.\n\n       --kilo Prin", Some(180..203));
        assert!(matches!(located, Located::Ambiguous { .. }), "{located:?}");
    }

    #[test]
    fn class1_a_deleted_file_entry_is_not_given_to_the_next_entry_whose_context_names_another_file() {
        // A FILES section whose entries are described alike; the `filetype.vim` entry is
        // deleted. The `scripts.vim` entry differs from it by one word, and the row's suffix (the
        // path that opens the next entry) fits it exactly; its prefix names another file.
        let entry = |file: &str, by: &str| format!("       /usr/share/vim/vim90/{file}.vim\n\t\t      Script to detect the type of a file by its {by}. See \":help 'filetype'\".\n\n");
        let text = format!("FILES\n{}{}{}", entry("menu", "menus and their entries in the order given"), entry("scripts", "contents"), entry("syntax/syntax", "colours as the file's syntax says they should be"));
        let quote = ".vim\n\t\t      Script to detect the type of a file by its name. See \":help 'filetype'\".";
        let located = find(&text, quote, "   /usr/share/vim/vim90/filetype", "\n\n       /usr/share/vim/vim90/sy", Some(400..480));
        assert!(!matches!(located, Located::Found { .. }), "{located:?}");
    }

    #[test]
    fn class1_a_deleted_list_line_is_not_given_to_the_next_line_differing_in_its_key() {
        // A list of keys described alike; the `<ESC>` line is deleted, and the `<TAB>` line after
        // it now stands where the row's prefix ends. Context agrees with that line, and one
        // key differs: a sibling as often as the line corrected, away from the offsets.
        let line = |key: &str| format!("\t- press the {key} key (when the cursor is in a field)\n");
        let filler = "Fields are filled from the top of the form down. ".repeat(8);
        let before = format!("{filler}\nTo leave a field, use one of:\n{}{}\t- press return to submit the form\n\n{filler}", line("<ESC>"), line("<TAB>"));
        let quote = "<ESC> key (when the cursor is in";
        let recorded = at(&before, quote, 0);
        let (prefix, suffix) = ("ld, use one of:\n\t- press the ", " a field)\n\t- press the ");
        // An earlier paragraph deleted too: the offsets now point past the list.
        let after = before.replacen(&line("<ESC>"), "", 1).replacen(&filler, "", 1);
        let located = find(&after, quote, prefix, suffix, Some(recorded));
        assert!(!matches!(located, Located::Found { .. }), "{located:?}");
    }

    #[test]
    fn class4_context_outranks_nearness() {
        let filler = "Other news followed. ".repeat(120);
        let text = &format!("In March, 137 people died in the floods of the north. {filler}In May, 137 people died in the floods of the south.");
        let quote = "137 people died in the floods of the";
        let (first, second) = (at(text, quote, 0), at(text, quote, 1));
        // Recorded over the first copy, but the context fits the second: they disagree.
        let over_first = find(text, quote, "In May, ", " south.", Some(first.clone()));
        assert_eq!((found_at(&over_first).1, decided(&over_first)), (second.clone(), Decided::Context));
        // Context fitting neither copy well enough to decide, but speaking against the one over
        // the offsets: nothing decides.
        let weak = find(text, quote, "In June, ", " west.", Some(first.clone()));
        assert!(matches!(weak, Located::Ambiguous { .. }), "{weak:?}");
        // Recorded between the copies: nearness says nothing, context decides.
        let decided_by_context = find(text, quote, "In May, ", " south.", Some(300..336));
        assert_eq!(found_at(&decided_by_context).1, second);
        // Without context, nothing decides: the offsets do not choose among copies.
        assert!(matches!(find(text, quote, "", "", Some(first.clone())), Located::Ambiguous { .. }));
    }

    /// Context whose every side another copy fits as well decides only by the combination, which
    /// rearranging a document makes anew: no choice. One side unshared still decides.
    #[test]
    fn class4_context_deciding_only_by_a_combination_of_shared_sides_is_no_choice() {
        let quote = "the motion was carried by the chair";
        let filler = "Other business followed at length. ".repeat(40);
        let minutes = |second: &str| {
            format!("On Monday the board met; {quote} without debate. {filler}{second} the board met; {quote} after a vote. {filler}As the treasurer had noted, {quote} without debate. {filler}")
        };
        let (prefix, suffix) = ("On Monday the board met; ", " without debate.");
        // The prefix fits the second copy as well, the suffix the third: nothing is left to tell
        // the first by but their combination.
        let text = &minutes("On Monday");
        let formula = find(text, quote, prefix, suffix, None);
        assert!(matches!(formula, Located::Ambiguous { .. }), "{formula:?}");
        // The second copy's prefix reads otherwise: the prefix, shared by no other copy, decides.
        let text = &minutes("On Tuesday");
        let own = find(text, quote, prefix, suffix, None);
        assert_eq!((found_at(&own).1, decided(&own)), (at(text, quote, 0), Decided::Context));
        // One side given, and it reaches back across a blank line: the end of the paragraph
        // above, which moves apart from a page footer when the paragraphs are rearranged.
        let page = "CHAGE(1)   General Commands Manual\n\nAUTHOR\n   Julianne Haugh <jh@example.org>\n\nCHAGE(1)   header again\n\nSEE ALSO\n   passwd(5)\n\n\t\t\tCHAGE(1)\n";
        let footer = find(page, "CHAGE(1)", "Haugh <jh@example.org>\n\n\t\t\t", "", None);
        assert!(matches!(footer, Located::Ambiguous { .. }), "{footer:?}");
        // Unindented, the prefix ends at the blank line: the paragraph above all the same.
        let flush = page.replace("\t\t\t", "");
        let flush_footer = find(&flush, "CHAGE(1)", "Haugh <jh@example.org>\n\n", "", None);
        assert!(matches!(flush_footer, Located::Ambiguous { .. }), "{flush_footer:?}");
        // Within its own paragraph, one side decides.
        let own_line = find(page, "CHAGE(1)", "passwd(5)\n\t\t\t", "", None);
        assert_eq!(found_at(&own_line).1, at(page, "CHAGE(1)", 2));
    }

    /// Twin clauses read alike on both sides; when the words before the claim's own clause are
    /// edited, only its twin still fits the recorded prefix, and the choice rests on that side.
    #[test]
    fn class4_a_choice_resting_on_one_side_yields_to_a_nearer_copy_sharing_the_other() {
        let quote = "this Agreement, each Supplier";
        let clause = |opening: &str, object: &str| format!("{opening}{quote} hereby grants the Buyer a licence to {object} the goods.\n");
        let filler = "The parties meet every quarter to review the schedule. ".repeat(12);
        let (prefix, suffix) = ("Subject to the terms and conditions of ", " hereby grants the Buyer a licence to");
        let before = format!("1. Use.\n{}{filler}\n2. Resale.\n{}", clause(prefix, "use"), clause(prefix, "resell"));
        let recorded = at(&before, quote, 1);
        // The words opening the second clause rewritten: its twin fits the prefix, both fit the
        // suffix, and the second clause stands nearer the offsets. Not a choice on its own: the
        // claims around it are to weigh it (`shift`), with the nearer copy as its rival.
        let after = before.replacen(&format!("2. Resale.\n{prefix}"), "2. Resale.\nUnder ", 1);
        let rewritten = find(&after, quote, prefix, suffix, Some(recorded.clone()));
        match &rewritten {
            Located::Found { best, decided: Decided::OneSide, rivals, .. } => {
                assert_eq!((best.range.clone(), rivals.iter().map(|c| c.range.clone()).collect::<Vec<_>>()), (at(&after, quote, 0), vec![at(&after, quote, 1)]));
            }
            other => panic!("expected a choice for the claims around to weigh, got {other:?}"),
        }
        // Recorded at the first clause, the context's choice of it stands (the nearer copy is the chosen one).
        let first = find(&after, quote, prefix, suffix, Some(at(&before, quote, 0)));
        assert_eq!((found_at(&first).1, decided(&first)), (at(&after, quote, 0), Decided::Context));
        // Without offsets, nothing contests the context.
        let unrecorded = find(&after, quote, prefix, suffix, None);
        assert_eq!((found_at(&unrecorded).1, decided(&unrecorded)), (at(&after, quote, 0), Decided::Context));
    }

    /// Entries of a changelog open and close alike. The claim's entry, its paragraphs shuffled,
    /// lost the header above it and the signature below; a twin entry, further on, kept both,
    /// and the row's context fits it whole, though only by what lies beyond the blank lines.
    #[test]
    fn class4_a_choice_told_only_beyond_the_quotes_paragraph_waits_for_the_claims_around() {
        let quote = "Fix the build for architectures";
        let entry = |version: &str, tool: &str| format!("pkg ({version}) unstable; urgency=medium\n\n  * New upstream {}.\n  * {quote} without {tool} support.\n\n -- Jane Packager <jane@example.org>  Mon, 01 Jan 2024\n\n", if tool == "profiler" { "snapshot" } else { "release" });
        let (prefix, suffix) = ("unstable; urgency=medium\n\n  * New upstream snapshot.\n  * ", " without profiler support.\n\n -- Jane Packager");
        let notes = "  * Rebuild against the new toolchain, with the usual flags.\n\n";
        // The claim's entry (2.1) is now split: its items stand between two other paragraphs.
        let after = format!("{}{notes}  * New upstream snapshot.\n  * {quote} without profiler support.\n\n{notes}{}", entry("2.3", "gprof"), entry("2.0", "profiler"));
        let recorded = 200..200 + quote.chars().count();
        let twin = find(&after, quote, prefix, suffix, Some(recorded.clone()));
        assert_eq!((found_at(&twin).1, decided(&twin)), (at(&after, quote, 2), Decided::OneSide), "{twin:?}");
        // Where the other entries read otherwise within the quote's own paragraph, the same
        // context, crossing the same blank lines, decides.
        let intact = format!("{}{}{}", entry("2.3", "gprof"), entry("2.1", "profiler"), entry("2.0", "gprof"));
        let own = find(&intact, quote, prefix, suffix, Some(recorded));
        assert_eq!((found_at(&own).1, decided(&own)), (at(&intact, quote, 1), Decided::Context), "{own:?}");
    }

    #[test]
    fn class4_matching_context_never_turns_a_placed_claim_into_a_wrong_one() {
        // Every combination of context and offsets over a text with copies and an edit: the place
        // found with context is the one found without it, or the one place the context fits as
        // written, or none.
        let text = "Part A: The board approved the budget for 2024. Part B: The board approved the budget for 2024. Part C: The board approved the budget for 2025. Part D.";
        let quote = "The board approved the budget for 2024.";
        let contexts = [("", ""), ("Part A: ", " Part B:"), ("Part B: ", " Part C:"), ("Part C: ", " Part D."), ("Part Q: ", " Part Z.")];
        let copies = [at(text, quote, 0), at(text, quote, 1), at(text, "The board approved the budget for 2025.", 0)];
        for recorded in [None, Some(copies[0].clone()), Some(copies[1].clone()), Some(copies[2].clone()), Some(300..339)] {
            let without = match find(text, quote, "", "", recorded.clone()) {
                Located::Found { best, .. } => Some(best.range),
                _ => None,
            };
            for (prefix, suffix) in contexts {
                if let Located::Found { best, .. } = find(text, quote, prefix, suffix, recorded.clone()) {
                    let fits = text[..best.range.start].ends_with(prefix) && text[best.range.end..].starts_with(suffix);
                    assert!(Some(&best.range) == without.as_ref() || fits, "{prefix:?} {recorded:?}: {best:?}, without context {without:?}");
                }
            }
        }
    }

    // Class 5: short quotes, placed approximately only where their context decides.

    #[test]
    fn class5_a_misspelt_short_quote_is_placed_when_its_context_decides() {
        let text = "The results were clear. The parliament voted 312 to 44 on Tuesday, and the bill passed.";
        let placed = find(text, "voted 312 to 45", "The parliament ", " on Tuesday", None);
        assert_eq!((found_at(&placed), decided(&placed)), ((Tier::Fuzzy, at(text, "voted 312 to 44", 0)), Decided::Context));
        assert_eq!(find(text, "voted 312 to 45", "", "", None), Located::Missing(Missing::TooShort));
        assert_eq!(find(text, "voted 312 to 45", "The parliament ", "", None), Located::Missing(Missing::TooShort), "one side is not enough");
        assert_eq!(find(text, "voted 312 to 45", "Somewhere else ", " entirely", None), Located::Missing(Missing::TooShort));
        // Two places of one shape fitting the context alike: nothing decides.
        let twice = "It was voted 312 to 44 on Tuesday. It was voted 312 to 46 on Tuesday.";
        assert_eq!(find(twice, "voted 312 to 45", "It was ", " on Tuesday", None), Located::Missing(Missing::TooShort));
    }

    #[test]
    fn class5_a_short_quote_whose_edge_character_changed_is_placed_whole_where_its_context_starts() {
        // A line wrapped with an indent, as tutorials in scripts without spaces are: the quote's
        // last character was replaced. Stopping after the indent costs one edit, as stopping
        // after the new character does; the suffix starts after the new character.
        let text = "序。今天天氣很好，我們去公園\n    跑步吧。然後回家吃飯，晚上看書。";
        let placed = find(text, "我們去公園\n    散", "今天天氣很好，", "步吧。然後回家吃飯，", None);
        assert_eq!(found_at(&placed), (Tier::Fuzzy, at(text, "我們去公園\n    跑", 0)));
        // The first character replaced: the prefix ends before it.
        let placed = find(text, "成們去公園\n    跑", "今天天氣很好，", "步吧。然後回家吃飯，", None);
        assert_eq!(found_at(&placed), (Tier::Fuzzy, at(text, "我們去公園\n    跑", 0)));
        // Where a character was dropped from the text, the place does not take in the next one.
        let dropped = "序。今天天氣很好，我們去公園\n    步吧。然後回家吃飯，晚上看書。";
        let placed = find(dropped, "我們去公園\n    跑步", "今天天氣很好，", "吧。然後回家吃飯，", None);
        assert_eq!(found_at(&placed), (Tier::Fuzzy, at(dropped, "我們去公園\n    步", 0)));
    }

    // Class 6: an approximate match keeps to the passage.

    #[test]
    fn class6_a_changed_word_does_not_absorb_the_quotes_last_or_first_word() {
        // "control" became "Contribution": letter by letter, "Contribution" alone is closer to
        // "control with" than "Contribution with" is, so the alignment stopped before the
        // quote's last word, which still stands right after it.
        let text = "Affiliates are entities that control, are controlled by, or are under common\n      Contribution with that entity. For the purposes of this definition, control means power.";
        let placed = find(text, "or are under common\n      control with", "", "", Some(650..688));
        let whole = at(text, "or are under common\n      Contribution with", 0);
        assert_eq!(found_at(&find(text, "or are under common\n      control with", "", "", Some(whole.clone()))).1, whole);
        assert!(is_unplaced(&placed) || found_at(&placed).1 == whole, "{placed:?}");
        // The same at the start: "Licensor" became "Contributor".
        let text = "the Work and such Derivative Works in Source or Object form. Contributor shall mean the copyright owner or entity authorized by the copyright owner.";
        let whole = at(text, "form. Contributor shall mean the copyright owner", 0);
        assert_eq!(found_at(&find(text, "form. Licensor shall mean the copyright owner", "", "", Some(whole.clone()))).1, whole);
    }

    #[test]
    fn class6_a_last_word_replaced_by_a_longer_one_keeps_the_marks_after_it() {
        // The quote ends in marks after its last word; the word was replaced by a longer one
        // that opens with the old one's letters, so the alignment stops inside it.
        let filler = "Each command below reads its options from the configuration file first. ".repeat(4);
        for (old_word, new_word) in [("man", "ascii"), ("cat", "catalogue"), ("ls", "lsblk")] {
            let quote = format!("prints the page for each name given ...\n       {old_word} -");
            let text = format!("{filler}SYNOPSIS\n       prints the page for each name given ...\n       {new_word} -k [section] name\n{filler}");
            let recorded = at(&text, "prints the page", 0);
            let located = find_from(&text, &quote, recorded.start);
            let placed = placed_text(&text, &located);
            assert!(placed.ends_with(&format!("\n       {new_word} -")), "{old_word} -> {new_word}: {placed:?}");
        }
        // The same at the start: the marks before the quote's first word.
        for (old_word, new_word) in [("db", "mandb"), ("view", "preview"), ("ls", "tools")] {
            let quote = format!("-- {old_word} reads the pages in the order of the sections");
            let text = format!("{filler}Notes:\n-- {new_word} reads the pages in the order of the sections listed.\n{filler}");
            let recorded = at(&text, "-- ", 0);
            let located = find_from(&text, &quote, recorded.start);
            let placed = placed_text(&text, &located);
            assert!(placed.starts_with(&format!("-- {new_word} reads")), "{old_word} -> {new_word}: {placed:?}");
        }
    }

    #[test]
    fn class6_a_word_replaced_by_its_neighbour_keeps_the_quotes_last_words() {
        // "the" replaced by a copy of the word after it: the alignment closest letter by letter
        // stops at the copy, short of "of its", which still follow.
        let filler = "Notices are sent to every member of the association each spring. ".repeat(6);
        let text = format!("{filler}Decisions are taken by the Members, or (b) committee committee of its founders, acting together.\n{filler}");
        let quote = "Members, or (b) the committee of its";
        let recorded = at(&text, "Members, or (b) committee", 0);
        let placed = find_from(&text, quote, recorded.start);
        assert_eq!(found_at(&placed).1, at(&text, "Members, or (b) committee committee of its", 0));
        // Words that are not the quote's own after the place are not taken in.
        let other = text.replace("committee of its founders", "committee of the founders");
        let short = find_from(&other, quote, recorded.start);
        if let Located::Found { best, .. } = &short {
            assert!(!text_at(&other, &best.range).ends_with("of the"), "{short:?}");
        }
        // A quote ending in marks: its last word with them, after the copy.
        let options = format!("{filler}Options:\n       -o, --older-than\n\t      процессы процессы, старее заданного времени.\n{filler}");
        let quote = "-o, --older-than\n\t      Искать процессы,";
        let recorded = at(&options, "-o, --older-than", 0);
        let placed = find_from(&options, quote, recorded.start);
        assert_eq!(found_at(&placed).1, at(&options, "-o, --older-than\n\t      процессы процессы,", 0));
        // Not where other marks follow the word.
        let other_marks = options.replace("процессы процессы,", "процессы процессы;");
        let placed = find_from(&other_marks, quote, recorded.start);
        assert_eq!(found_at(&placed).1, at(&other_marks, "-o, --older-than\n\t      процессы", 0), "{placed:?}");
    }

    #[test]
    fn class6_a_word_of_a_path_replaced_by_its_neighbour_keeps_the_token_whole() {
        // "/var/spool" reworded to "/spool/spool": the alignment closest letter by letter drops
        // "/var" and stops at the first "/spool", inside the token the quote's last word ends.
        let filler = "The daemon rotates its logs once a week and keeps four of them. ".repeat(6);
        let text = format!("{filler}FILES\n       /etc/crontab - the system table\n       /spool/spool - queued jobs\n{filler}");
        let quote = "the system table\n       /var/spool";
        let recorded = at(&text, "the system table", 0);
        let placed = find_from(&text, quote, recorded.start);
        assert_eq!(placed_text(&text, &placed), "the system table\n       /spool/spool");
        // Likewise at the start: "/etc/crontab.d" reworded to "/crontab/crontab.d".
        let text = format!("{filler}FILES\n       /crontab/crontab.d - drop-in tables\n{filler}");
        let quote = "/etc/crontab.d - drop-in tables";
        let recorded = at(&text, "/crontab/crontab.d", 0);
        let placed = find_from(&text, quote, recorded.start);
        assert_eq!(placed_text(&text, &placed), "/crontab/crontab.d - drop-in tables");
        // A token that differs from the quote's in more than one word is not taken in whole.
        let text = format!("{filler}The site's own jobs are read from /etc/cronjobs.d/local at boot.\n{filler}");
        let quote = "The site's own jobs are read from /etc/crontab";
        let recorded = at(&text, "The site's own", 0);
        let placed = find_from(&text, quote, recorded.start);
        assert!(!placed_text(&text, &placed).ends_with("local"), "{placed:?}");
    }

    #[test]
    fn class6_a_renamed_option_takes_in_the_quotes_last_word_past_its_bracket() {
        // "[-W weeks] name" renamed to "[-weeks weeks] name" reads closer, letter by letter, to a
        // place stopping inside the new option: the quote's own `] name` after it is taken in.
        let text = "SYNOPSIS\n       rotate --config file --state path\n\t     [-d days] [-m mindays] [-weeks weeks] name\n\n       rotate -l name\n";
        let (quote, now) = ("[-d days] [-m mindays] [-W weeks] name", "[-d days] [-m mindays] [-weeks weeks] name");
        let meant = at(text, now, 0);
        let located = find_from(text, quote, meant.start);
        assert_eq!(found_at(&located).1, meant);
    }

    #[test]
    fn class6_a_quote_stopping_inside_a_token_is_not_stretched_to_the_tokens_end() {
        // The analyst quoted up to the year of an identifier; the sentence before it changed.
        let text = "Several bounds checks were tightened and the parser hardened against overflow\n      (CVE-2031-4477).\n";
        let quote = "Several bounds checks were added and the parser hardened against overflow\n      (CVE-2031";
        let located = find(text, quote, "", "", Some(0..quote.chars().count()));
        let (_, placed) = found_at(&located);
        assert_eq!(text_at(text, &placed), "Several bounds checks were tightened and the parser hardened against overflow\n      (CVE-2031");
    }

    #[test]
    fn class6_a_quote_ending_in_a_mark_still_takes_in_its_first_word() {
        let text = SourceText::new("As agreed, Licensor shall mean the owner; and no other.".to_string());
        let index = SourceIndex::new(&text);
        let quote = "Licensor shall mean the owner;";
        let folded = fold_quote(quote);
        let approximate = Approximate::new(&folded, quote, &index);
        let lacking_first = at(text.as_str(), "shall mean the owner;", 0);
        assert_eq!(approximate.with_edge_words(&text, &lacking_first), Some(at(text.as_str(), quote, 0)));
        // Nor is there a last word to take in after a place lacking it.
        let quote = "As agreed, Licensor";
        let folded = fold_quote(quote);
        let approximate = Approximate::new(&folded, quote, &index);
        assert_eq!(approximate.with_edge_words(&text, &at(text.as_str(), "As agreed,", 0)), Some(at(text.as_str(), quote, 0)));
    }

    #[test]
    fn class6_an_approximate_match_does_not_swallow_the_text_around_it() {
        let text = "The first paragraph ends here.\n\nSecond paragraph opens with this sentence and goes on.\n\nThird.";
        // The first word of the quote was deleted from the source.
        let quote = "Now second paragraph opens with this sentence and goes on.";
        let (_, range) = found_at(&find(text, quote, "", "", Some(32..90)));
        let chars: Vec<char> = text.chars().collect();
        let placed: String = chars[range].iter().collect();
        assert_eq!(placed, "Second paragraph opens with this sentence and goes on.");
        // And at the other end: a last word deleted does not pull in the break after it.
        let quote = "Second paragraph opens with this sentence and goes on. Then";
        let (_, range) = found_at(&find(text, quote, "", "", Some(32..91)));
        assert_eq!(chars[range].iter().collect::<String>(), "Second paragraph opens with this sentence and goes on.");
    }

    #[test]
    fn class6_a_paragraph_inserted_inside_the_quote_keeps_the_quotes_own_first_and_last_lines() {
        // A note (a paragraph of its own) was inserted between the lines of a quote spanning a
        // file's header. The place still begins with the quote's own first line and ends with
        // its last, as written: the passage the quote's text went to runs across the note.
        let filler = "http            80/tcp          www             # WorldWideWeb HTTP\n".repeat(6);
        let head = "# Updated from the registry list of 2024.\n#\n";
        let rest = "# New ports are added on request once they have been officially assigned\n# and are used in the real world or needed by a packaged program.\n";
        let old = format!("{filler}{head}{rest}{filler}");
        let quote = format!("{}{}", "registry list of 2024.\n#\n", rest.trim_end());
        let recorded = at(&old, &quote, 0);
        let note = "编者注：本节已修订。\n\n";
        let new = format!("{filler}{head}{note}{rest}{filler}");
        let placed = find_from(&new, &quote, recorded.start);
        assert_eq!(placed_text(&new, &placed), format!("registry list of 2024.\n#\n{note}{}", rest.trim_end()), "{placed:?}");
        // Likewise its last line, after a note inserted before it.
        let (line, last_line) = rest.trim_end().split_once('\n').unwrap();
        let late = format!("{filler}{head}{line}\n{note}{last_line}\n{filler}");
        let placed = find_from(&late, &quote, recorded.start);
        assert_eq!(placed_text(&late, &placed), format!("registry list of 2024.\n#\n{line}\n{note}{last_line}"), "{placed:?}");
        // A note longer than the quote's part before it: the alignment gives that part up and
        // starts after the note; the part, as written right before the note, is taken in.
        let long_note = "Note: this part was revised.\n\n";
        let short_head = format!("{filler}# Ports: see .xhtml .\n#\n{long_note}{rest}{filler}");
        let quote = format!(".xhtml .\n#\n{}", rest.trim_end());
        let recorded = at(&short_head, ".xhtml", 0);
        let placed = find_from(&short_head, &quote, recorded.start);
        assert_eq!(placed_text(&short_head, &placed), format!(".xhtml .\n#\n{long_note}{}", rest.trim_end()), "{placed:?}");
        // A few letters ending the line before ("the" of "breathe") are no head of the quote.
        let story = "the cat sat on the mat and purred loudly while the rain went on and on against the windows of the old house, and nobody in the kitchen moved to wake either of them up.";
        let before = format!("{filler}Nobody could breathe\nsound of the rain outside.\n\n");
        let then = format!("{before}{story}\n{filler}");
        let recorded = at(&then, story, 0);
        let now = format!("{before}{}\n{filler}", story.strip_prefix("the ").unwrap());
        let placed = placed_text(&now, &find_from(&now, story, recorded.start));
        assert!(placed.starts_with("cat sat"), "{placed:?}");
        let quote = format!("{}{}", "registry list of 2024.\n#\n", rest.trim_end());
        let recorded = at(&old, &quote, 0);
        // Text of another paragraph that merely resembles the quote's edge is not taken in.
        let other = format!("{filler}# Updated from the registry lists of 2024.\n#\n{note}{rest}{filler}");
        let placed = find_from(&other, &quote, recorded.start);
        assert!(!placed_text(&other, &placed).starts_with("registry"), "{placed:?}");
    }

    #[test]
    fn class6_the_next_row_of_a_table_is_not_taken_in_for_the_quotes_deleted_last_row() {
        // The quote ends with the first cells of a row that was deleted; the next row's first
        // cells (`ireland 164` for `relay 64`) match most of those characters by chance, and were
        // taken in as if the row had been edited.
        let rows = [
            "vector\t52\tVECTOR\t\t# Vector Routing Exchange",
            "tandem\t55\tTANDEM\t\t# Tandem Link Transport",
            "beacon\t58\tBEACON\t\t# Beacon Status Reports",
            "#\t61\t\t\t# reserved for local experiments",
            "relay\t64\tRELAY\t\t# Store and Forward Relay",
            "ireland\t164\tIRELAND\t\t# Ireland Session Control",
            "quartz\t77\tQUARTZ\t\t# Quartz Clock Sync",
        ];
        let filler = "# This file lists the numbered transports the daemon knows about.\n".repeat(8);
        let old = format!("{filler}{}\n{filler}", rows.join("\n"));
        let quote = "55\tTANDEM\t\t# Tandem Link Transport\nbeacon\t58\tBEACON\t\t# Beacon Status Reports\n#\t61\t\t\t# reserved for local experiments\nrelay\t64";
        let recorded = at(&old, quote, 0);
        let new = old.replace("relay\t64\tRELAY\t\t# Store and Forward Relay\n", "");
        if let Located::Found { best, .. } = find_from(&new, quote, recorded.start) {
            let text = text_at(&new, &best.range);
            assert!(text.ends_with("experiments"), "{text:?}");
        }
        // A last row with a word of the quote's kept is its edit, and stays.
        let new = old.replace("relay\t64", "relay\t65");
        assert!(placed_text(&new, &find_from(&new, quote, recorded.start)).ends_with("relay\t65"));
        // So does a whole line of a figure corrected, however short.
        let tally = format!("{filler}The count of registered voters in the district in 2019:\n64\n{filler}");
        let quote = "registered voters in the district in 2019:\n64";
        let recorded = at(&tally, quote, 0);
        let new = tally.replace("registered voters in the district in 2019:\n64", "registered electors in the district in 2019:\n65");
        assert!(placed_text(&new, &find_from(&new, quote, recorded.start)).ends_with("2019:\n65"));
        // A quote opening with the last two characters of a row (`-6`) whose rows before it
        // were deleted: the row now before it ends in `-8`, as close, and is not taken in.
        let codes = ["qa_XA", "qb_XB", "qc_XC", "qd_XD", "qe_XE", "qf_XF", "qg_XG", "qh_XH", "qi_XI", "qj_XJ", "qk_XK", "ql_XL", "qm_XM", "qn_XN"];
        let rows: String = codes.iter().map(|code| format!("{code}.UTF-8 UTF-8\n{code} ISO-8859-6\n")).collect();
        let header = "# Locales this system can generate, one per line.\n".repeat(4);
        let old = format!("{header}qz_ZZ@saaho UTF-8\n{rows}{header}");
        let from = old.find("qd_XD.UTF-8").unwrap() - 3;
        let quote: String = old[from..from + 363].to_string();
        let recorded = at(&old, &quote, 0);
        let new = format!("{}{}", &old[..old.find("qa_XA.UTF-8").unwrap()], &old[old.find("qd_XD.UTF-8").unwrap()..]);
        let text = placed_text(&new, &find_from(&new, &quote, recorded.start));
        assert!(text.starts_with("qd_XD"), "{text:?}");
    }

    #[test]
    fn class1_a_sibling_beside_the_offsets_is_no_place_while_the_text_over_them_reads_as_the_quote_edited() {
        // A changelog names one file in two entries running on; the first entry's file name is
        // reworded, and the next entry, one word from the quote, lies mostly beside the offsets.
        let filler = "  * Refresh the packaging helpers for the new release.\n".repeat(8);
        let old = format!("{filler}  * Remove stale translations from debian/changelog.\n  * Sort debian/changelog.\n  * Bump the standards version.\n{filler}");
        let quote = "from debian/changelog.\n  *";
        let recorded = at(&old, quote, 0);
        let new = old.replace("from debian/changelog.", "from debian/rules.");
        match find_from(&new, quote, recorded.start) {
            Located::Found { best, .. } => panic!("placed at {:?}", text_at(&new, &best.range)),
            Located::Missing(Missing::BesideEdited { best, edited }) => {
                assert!(text_at(&new, &best.range).starts_with("Sort"), "{best:?}");
                assert!(text_at(&new, &edited.range).contains("debian/rules"), "{edited:?}");
            }
            other => assert!(matches!(other, Located::Missing(_) | Located::Ambiguous { .. }), "{other:?}"),
        }
        // Without the sibling, the text over the offsets edited as little is placed.
        let old = old.replace("Sort debian/changelog.", "Sort the build dependencies.");
        let new = old.replace("from debian/changelog.", "form debian/changelog.");
        assert_eq!(placed_text(&new, &find_from(&new, quote, recorded.start)), "form debian/changelog.\n  *");
    }

    #[test]
    fn class6_a_quote_beginning_inside_a_character_and_its_marks_is_placed_as_it_begins() {
        // The quote starts with a combining mark (its letter cut off); its quotation marks were
        // retyped, so it is placed approximately, and folding reads the letter and mark as one.
        let filler = "Patterns match characters with their marks as one unit here. ".repeat(6);
        let old = format!("{filler}Both \"co\u{301}te\" and \"cote\" are matched (\"o\" followed by 0x0301), but not \"c\u{f4}te\". Then \"co\u{301}\" alone. {filler}");
        let placed_retyped = |quote: &str| {
            let recorded = at(&old, quote, 0);
            let new = old.replace('"', "\u{201d}");
            placed_text(&new, &find_from(&new, quote, recorded.start))
        };
        let placed = placed_retyped("\u{301}te\" and \"cote\" are matched (\"o\" followed by 0x0301)");
        assert!(placed.starts_with("\u{301}te"), "{placed:?}");
        // A place ending on a character with its marks keeps them, whatever the quote ends with.
        let placed = placed_retyped("are matched (\"o\" followed by 0x0301), but not \"c\u{f4}te\". Then \"co\u{301}");
        assert!(placed.ends_with("co\u{301}"), "{placed:?}");
    }

    #[test]
    fn class6_a_copy_up_to_typography_across_a_blank_line_the_quote_lacks_is_no_copy() {
        // The quote opens with the full stop of the sentence before it; a note inserted right
        // after that full stop ends with its own, and a blank line. Folded, the note's full stop
        // and what follows read as the quote: that is no retyping of it.
        let old = "The committee met on Monday morning.\nIt voted to close the branch office by spring.\n";
        let quote = ".\nIt voted to close the branch office by spring.";
        let recorded = at(old, quote, 0);
        let new = old.replace("morning.\n", "morning.\nThis note was added later.\n\n");
        let located = find(&new, quote, "", "", Some(recorded.clone()));
        assert!(!matches!(located, Located::Found { tier: Tier::Folded, .. }), "{located:?}");
        // Line breaks retyped as spaces are typography.
        let reflowed = old.replace("morning.\nIt", "morning. It");
        assert_eq!(found_at(&find(&reflowed, quote, "", "", Some(recorded))).0, Tier::Folded);
    }

    #[test]
    fn class6_a_quote_beginning_with_a_dash_whose_word_grew_is_placed_from_the_dash_or_from_a_word_edge() {
        // A line broken after a hyphen: the quote starts with the dash. A short word in it
        // replaced by a longer one aligns as well from the space before the new word, which
        // trimming then drops, one edit more.
        let old = "Press <ESC> to leave the insert-\n             mode to go on. Then type the command.\n";
        let quote = "-\n             mode to go on. Then type the";
        let recorded = at(old, quote, 0);
        let new = old.replace("mode to go", "mode insert go");
        let own = at(&new, "-\n             mode insert go on. Then type the", 0);
        assert_eq!(found_at(&find(&new, quote, "", "", Some(recorded.clone()))).1, own);
        // With the old line standing again elsewhere, both places are listed (class 2).
        let copied = format!("{new}\nFrom the old manual:\n{quote}\n");
        match find(&copied, quote, "", "", Some(recorded)) {
            Located::Ambiguous { candidates, .. } => assert!(candidates.iter().any(|c| c.range == own), "{candidates:?}"),
            other => panic!("expected ambiguous, got {other:?}"),
        }
        // A dashed item whose first word grew by more than the quote may lose is not placed
        // from inside the new word.
        let list = "Packing list:\n\n- a map of the valley and a compass\n- two litres of water per person\n- a first aid kit\n";
        let item = "- two litres of water per person";
        let grown = list.replace("- two litres", "- two unopened litres");
        let located = find(&grown, item, "", "", Some(at(list, item, 0)));
        if let Located::Found { best, .. } = &located {
            let placed = text_at(&grown, &best.range);
            assert!(placed.starts_with("unopened") || placed.starts_with("- two"), "{placed:?}");
        }
    }

    #[test]
    fn class6_a_neighbouring_sentence_is_not_taken_in_for_the_quotes_deleted_words() {
        // The sentence holding the quote's first words was deleted up to its line's end; the
        // alignment costs as much substituting them with the end of the sentence before
        // ("price.") as deleting them, and took that end in.
        let filler = "The licence text follows the usual layout of such documents. ".repeat(6);
        let old = format!("{filler}When we speak of free software, we are referring to freedom, not\nprice.  In short, the licence is written to make\nsure that you may hand out or sell copies of free\nsoftware, that you receive the source code or can get it if you want it,\nand that you know you can do these things.\n{filler}");
        let quote = "is written to make\nsure that you may hand out or sell copies of free\nsoftware, that you receive the source code or can get it if you want it";
        let recorded = at(&old, quote, 0);
        // What is placed, if anything (honestly missing is not wrong).
        let placed = |new: &str, quote: &str, start: usize| match find_from(new, quote, start) {
            located @ Located::Found { .. } => Some(placed_text(new, &located)),
            _ => None,
        };
        let new = old.replace(" In short, the licence is written to make\n", "");
        if let Some(text) = placed(&new, quote, recorded.start) {
            assert!(text.starts_with("sure that"), "{text:?}");
        }
        // Likewise at the end: the next sentence's first words are not taken in for the quote's
        // last words, deleted with the rest of their sentence.
        let quote = "sure that you may hand out or sell copies of free\nsoftware, that you receive the source code or can get it";
        let recorded = at(&old, quote, 0);
        let new = old.replace(" or can get it if you want it,\n", ".\n");
        if let Some(text) = placed(&new, quote, recorded.start) {
            assert!(text.ends_with("source code"), "{text:?}");
        }
        // In a script without spaces, the quote's own characters before a full stop inserted
        // into it are its own, not a neighbouring sentence's.
        let filler_zh = "这是一段用来填充的文字，没有别的意思。".repeat(6);
        let quote = "我们昨天去了公园然后回家吃饭了大家都很开心地聊天一直到深夜才休息";
        let old_zh = format!("{filler_zh}{quote}。{filler_zh}");
        let recorded = at(&old_zh, quote, 0);
        let new = old_zh.replacen("我们昨天", "我们昨天。", 1);
        if let Some(text) = placed(&new, quote, recorded.start) {
            assert!(text.starts_with("我们昨天"), "{text:?}");
        }
        // A sentence end the quote has is kept.
        let quote = "not\nprice.  In short, the licence is written to make\nsure that you may hand out or sell copies of free\nsoftware";
        let recorded = at(&old, quote, 0);
        let new = old.replace("hand out", "give away");
        assert_eq!(placed_text(&new, &find_from(&new, quote, recorded.start)), quote.replace("hand out", "give away"));
    }

    #[test]
    fn class6_a_line_that_replaced_the_quotes_last_or_first_line_is_not_taken_in() {
        // The quote's last line replaced whole by a notice: what remains of the passage is placed,
        // not the notice's first word, whose letters happen to match a few of the old line's.
        let quote = "# This file is part of the program.\n#\n# It is free software; you can redistribute it and/or modify\n# it under";
        let text = "Header.\n# This file is part of the program.\n#\n# It is free software; you can redistribute it and/or modify\nThis passage was withdrawn by the editors pending review.\n";
        let recorded = 8..8 + quote.chars().count();
        let located = find(text, quote, "", "", Some(recorded.clone()));
        let (_, range) = found_at(&located);
        let chars: Vec<char> = text.chars().collect();
        assert!(chars[range].iter().collect::<String>().ends_with("and/or modify"), "{located:?}");
        // The same at the start: the notice before the passage's first line.
        let options = "\n       [-i, --interactive] [-n, --ns PID] [-o, --older-than TIME]\n";
        let old = format!("SYNOPSIS\nkillall [-Z, --context pattern] [-e, --exact] [-g, --process-group]{options}");
        let quote = format!("process-group]{}", options.trim_end());
        let from = old.find(&quote).unwrap();
        let text = &format!("SYNOPSIS\nThis passage was withdrawn by the editors pending review.{options}");
        let located = find(text, &quote, "", "", Some(from..from + quote.chars().count()));
        let (_, range) = found_at(&located);
        assert!(text.chars().skip(range.start).collect::<String>().starts_with("[-i,"), "{located:?}");
        // A last line edited, not replaced, is kept.
        let quote = "The board approved the budget\nfor the coming year";
        let text = "Minutes. The board approved the budget\nfor the next year. Adjourned.";
        let (_, range) = found_at(&find(text, quote, "", "", Some(9..9 + quote.chars().count())));
        assert_eq!(text_at(text, &range), "The board approved the budget\nfor the next year");
        // So is one whose long word was replaced by a short one: less than half alike, but what
        // is left of it is the quote's own words.
        let quote = "The museum reported on Monday that its exhibition of early printed maps and globes had drawn, over the summer,\nextraordinarily high attendance";
        let text = "Minutes. The museum reported on Monday that its exhibition of early printed maps and globes had drawn, over the summer,\nlow attendance. Adjourned.";
        let (_, range) = found_at(&find(text, quote, "", "", Some(9..9 + quote.chars().count())));
        assert!(text_at(text, &range).ends_with("\nlow attendance"), "{range:?}");
        // So is a short line whose one word was replaced, its marks kept: `rsync -` for `scp -`
        // shares no letter with it, but is the same line edited.
        let quote = "copy [remote options] source files ...\n       scp -";
        let text = "SYNOPSIS\n       copy [remote options] source files ...\n       rsync -r [local options] dest\n";
        let placed = placed_text(text, &find_from(text, quote, 16));
        assert!(placed.ends_with("\n       rsync -"), "{placed:?}");
        // A line of another shape is still another text.
        let text = "SYNOPSIS\n       copy [remote options] source files ...\n       See also: the manual.\n";
        let placed = placed_text(text, &find_from(text, quote, 16));
        assert!(placed.ends_with("files ..."), "{placed:?}");
    }

    // Class 7: offsets at the end of the range of numbers.

    #[test]
    fn class7_offsets_near_the_largest_number_do_not_wrap_into_a_place() {
        let source = "In March, 137 people died. Then in May, 137 people died.";
        for recorded in [usize::MAX - 15..usize::MAX, usize::MAX..usize::MAX, 0..usize::MAX, usize::MAX - 1..usize::MAX] {
            let located = find(source, "137 people died", "", "", Some(recorded.clone()));
            // 0..MAX lies over both copies: no one copy lies over it.
            assert!(matches!(located, Located::Ambiguous { .. }), "{recorded:?}: {located:?}");
        }
        let edited = "The attack on Crocus City Hall killed 145 people";
        let located = find(SOURCE, edited, "", "", Some(usize::MAX - 48..usize::MAX));
        assert!(matches!(located, Located::Found { decided: Decided::Similarity, .. } | Located::Missing(_)), "{located:?}");
    }
}
