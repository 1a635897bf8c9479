//! The foreign edit suite: claims quoted from texts nobody on this project wrote (licences,
//! changelogs, manual pages in Russian, Chinese, Japanese and Ukrainian, tutorials in Greek,
//! German and Russian, a services table, technical manuals), the documents edited in the ways
//! sources change, and every claim checked again and held to where its text went.
//!
//! The edits are written as segments of the new text (`Seg`), so the true place of every claim
//! after an edit is computed, never typed in. Shared by `tests/foreign_suite.rs` (a sample sized
//! for CI) and `benches/anchor.rs` (the same generator, larger).
#![allow(dead_code)]

use claimcheck::load::claims::Claim;
use claimcheck::load::text::SourceText;
use claimcheck::spans::shift::SourceKey;
use claimcheck::spans::{Anchorer, Offsets, SpanCheck, fold};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so every run builds the same suite.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub struct Doc {
    pub name: String,
    pub text: Vec<char>,
}

/// The documents of `tests/fixtures/foreign`, by name.
pub fn corpus() -> Vec<Doc> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/foreign");
    let mut docs: Vec<Doc> = std::fs::read_dir(&dir)
        .expect("the foreign corpus")
        .map(|entry| entry.expect("a corpus entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .map(|path| Doc {
            name: path.file_name().expect("a name").to_string_lossy().into_owned(),
            text: std::fs::read_to_string(&path).expect("UTF-8 text").chars().collect(),
        })
        .collect();
    docs.sort_by(|a, b| a.name.cmp(&b.name));
    docs
}

/// One piece of the edited text.
#[derive(Debug, Clone)]
pub enum Seg {
    /// Original code points, unchanged.
    Copy(Range<usize>),
    /// Original code points retyped one for one (same words, other typography).
    Retype(Range<usize>, String),
    /// Original code points with a word changed.
    Reword(Range<usize>, String),
    /// Original code points replaced by unrelated text.
    Rewrite(Range<usize>, String),
    /// New text.
    Insert(String),
}

/// The kinds of edit the generator makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Sentences inserted between paragraphs: every claim after them shifts.
    Inserted,
    /// A paragraph holding claims moved to the end.
    Moved,
    /// Quotes curled or straightened, spaces made non-breaking, hyphens made dashes.
    Retyped,
    /// A word (or a figure, or a character of a script without spaces) changed inside quotes.
    Reworded,
    /// The lines or sentences holding some quotes deleted (look-alike siblings stay).
    Deleted,
    /// A sentence holding a quote replaced by unrelated text.
    Rewritten,
    /// A paragraph holding claims copied to the end, a line inserted at the top.
    Duplicated,
    /// The paragraphs shuffled.
    Reordered,
    /// A quote edited in place while its old text is added elsewhere, as a paragraph of its own.
    EditedWithCopy,
    /// The same, with a note inserted at the top: every claim moved, so the recorded offsets no
    /// longer lie over the edited passage; only how the claims around it moved says where it is.
    EditedWithCopyShifted,
}

pub const KINDS: [Kind; 10] = [
    Kind::Inserted,
    Kind::Moved,
    Kind::Retyped,
    Kind::Reworded,
    Kind::Deleted,
    Kind::Rewritten,
    Kind::Duplicated,
    Kind::Reordered,
    Kind::EditedWithCopy,
    Kind::EditedWithCopyShifted,
];

/// What must become of a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Its text stands at `range`, as written, retyped or edited.
    At(Range<usize>),
    /// Its own text is gone, but the quote stands elsewhere as written: any copy is fair.
    AnyCopy,
    /// Its text is no longer in the source; what is left of it (an edit took part of it) stands
    /// at the range given, where placing it is not wrong.
    Gone(Option<Remnant>),
}

/// What is left of a quote's text: `own`, first to last, the parts that edits left as they were;
/// `within`, those and the text that replaced the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remnant {
    pub within: Range<usize>,
    pub own: Range<usize>,
}

/// How one claim came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    Right,
    /// Placed on a copy of the quote after its own text went (counted apart, never wrong).
    OnCopy,
    /// Placed on what an edit left of its own text (counted apart, never wrong).
    OnRemnant,
    /// Its quote stands at its recorded offsets as written, though its own text went elsewhere
    /// (a copy slid into its place): the check has nothing to say, and cannot have (counted apart).
    AtOffsetsAsWritten,
    Ambiguous,
    Missing,
    Wrong,
}

/// `t` retyped: straight quotes curled, curly ones straightened, spaced hyphens turned into
/// dashes, every space after a comma made non-breaking; one for one, so offsets stay.
pub fn retyped(t: &[char]) -> String {
    t.iter()
        .enumerate()
        .map(|(i, &c)| match c {
            '\'' => '’',
            '’' => '\'',
            '"' => '”',
            '“' | '”' => '"',
            '-' if i > 0 && t[i - 1] == ' ' => '–',
            ' ' if i > 0 && t[i - 1] == ',' => '\u{00A0}',
            c => c,
        })
        .collect()
}

pub fn render(original: &[char], segs: &[Seg]) -> Vec<char> {
    segs.iter()
        .flat_map(|seg| match seg {
            Seg::Copy(r) => original[r.clone()].to_vec(),
            Seg::Retype(_, t) | Seg::Reword(_, t) | Seg::Rewrite(_, t) | Seg::Insert(t) => t.chars().collect(),
        })
        .collect()
}

/// Where the original code points `range` stand in the edited text. The first copy of text
/// copied twice is where the claim's own text went.
pub fn expect(segs: &[Seg], range: &Range<usize>) -> Option<Range<usize>> {
    let (mut new_start, mut new_end) = (None, None);
    let (mut at, mut covered) = (0, 0);
    for seg in segs {
        let (orig, len) = match seg {
            Seg::Copy(r) => (Some(r.clone()), r.len()),
            Seg::Retype(r, t) | Seg::Reword(r, t) | Seg::Rewrite(r, t) => (Some(r.clone()), t.chars().count()),
            Seg::Insert(t) => (None, t.chars().count()),
        };
        if let Some(orig) = orig.filter(|o| o.start < range.end && range.start < o.end) {
            covered += orig.end.min(range.end) - orig.start.max(range.start);
            if let Seg::Rewrite(..) = seg {
                return None;
            }
            let map = |p: usize| match seg {
                Seg::Reword(..) if p != orig.start && p != orig.end => None,
                Seg::Reword(..) if p == orig.end => Some(at + len),
                _ => Some(at + p - orig.start),
            };
            if (orig.start..=orig.end).contains(&range.start) && new_start.is_none() {
                new_start = map(range.start);
            }
            if (orig.start..=orig.end).contains(&range.end) {
                new_end = map(range.end);
            }
            if covered >= range.len() {
                break;
            }
        }
        at += len;
    }
    match (new_start, new_end) {
        (Some(start), Some(end)) if covered == range.len() && end >= start => Some(start..end),
        _ => None,
    }
}

/// Where the original `range` went, first to last: the parts that edits left as they were,
/// and the text that replaced the rest (the measure: a placement is right when it
/// covers "the passage that now stands where the quote's text went"). A placement counts as on
/// the remnant only over some of the quote's own text. None when none of it is left: then no
/// place is its place.
pub fn remnant(segs: &[Seg], range: &Range<usize>) -> Option<Remnant> {
    let mut at = 0;
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let mut own: Vec<Range<usize>> = Vec::new();
    for seg in segs {
        let len = match seg {
            Seg::Copy(r) => {
                if r.start < range.end && range.start < r.end {
                    let from = r.start.max(range.start);
                    let to = r.end.min(range.end);
                    pieces.push(at + from - r.start..at + to - r.start);
                    own.push(at + from - r.start..at + to - r.start);
                }
                r.len()
            }
            // The text that replaced part of the quote stands where that part went: a claim
            // placed over what survives and that text points at its own passage, edited.
            Seg::Retype(r, t) | Seg::Reword(r, t) | Seg::Rewrite(r, t) => {
                let len = t.chars().count();
                if r.start < range.end && range.start < r.end {
                    pieces.push(at..at + len);
                }
                len
            }
            Seg::Insert(t) => t.chars().count(),
        };
        at += len;
    }
    // With nothing of the quote's own text left, no place is its place.
    let own = own.first()?.start..own.last()?.end;
    Some(Remnant { within: pieces.first()?.start..pieces.last()?.end, own })
}

/// A claim quoted from an original document.
#[derive(Debug, Clone)]
pub struct Quoted {
    pub range: Range<usize>,
    pub quote: String,
    pub prefix: String,
    pub suffix: String,
}

/// Context taken as the Hypothesis client takes it: 32 characters each side.
pub const CONTEXT: usize = 32;

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

/// Scripts written without spaces between words: any character boundary is a word boundary.
fn unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0xAC00..=0xD7AF)
}

fn boundary(text: &[char], at: usize) -> bool {
    at == 0 || at >= text.len() || !(is_word(text[at - 1]) && is_word(text[at])) || unspaced(text[at - 1]) || unspaced(text[at])
}

/// `count` claims quoting `text`: lengths from 8 to 400 characters, starting and ending between
/// words and on a non-space, never across a blank line.
pub fn quotes(text: &[char], count: usize, rng: &mut Rng) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    let mut tries = 0;
    while out.len() < count && tries < count * 50 {
        tries += 1;
        // Claims quote clauses and sentences mostly; one in ten is a short phrase.
        let len = match rng.below(10) {
            0 => 8 + rng.below(16),
            1..=5 => 24 + rng.below(126),
            _ => 150 + rng.below(250),
        };
        if text.len() < len + 2 {
            continue;
        }
        let mut start = rng.below(text.len() - len);
        while start < text.len() && (!boundary(text, start) || text[start].is_whitespace()) {
            start += 1;
        }
        if start + len > text.len() {
            continue;
        }
        let mut end = start + len;
        while end < text.len() && !boundary(text, end) {
            end += 1;
        }
        while end > start && text[end - 1].is_whitespace() {
            end -= 1;
        }
        if end <= start + 4 || end > text.len() {
            continue;
        }
        let quote: String = text[start..end].iter().collect();
        let words = quote.chars().filter(|&c| is_word(c)).count();
        if quote.contains("\n\n") || words < 4 || 3 * words < quote.chars().count() || out.iter().any(|q| q.range.start < end && start < q.range.end) {
            continue;
        }
        let slice = |r: Range<usize>| text[r].iter().collect::<String>();
        out.push(Quoted {
            range: start..end,
            quote,
            prefix: slice(start.saturating_sub(CONTEXT)..start),
            suffix: slice(end..(end + CONTEXT).min(text.len())),
        });
    }
    out.sort_by_key(|q| q.range.start);
    out
}

/// Paragraphs: text between blank lines, or lines for documents with few blank lines.
pub fn paragraphs(text: &[char]) -> Vec<Range<usize>> {
    let split = |sep: &[char]| {
        let mut out = Vec::new();
        let (mut start, mut i) = (0, 0);
        while i + sep.len() <= text.len() {
            if text[i..i + sep.len()] == *sep {
                if i > start {
                    out.push(start..i);
                }
                start = i + sep.len();
                i += sep.len();
            } else {
                i += 1;
            }
        }
        if start < text.len() {
            out.push(start..text.len());
        }
        out
    };
    let blocks = split(&['\n', '\n']);
    if blocks.len() >= 8 { blocks } else { split(&['\n']) }
}

/// The line or sentence around `range` (from after the previous line break or sentence end).
fn sentence(t: &[char], range: &Range<usize>) -> Range<usize> {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '。' | '！' | '？');
    let mut start = range.start;
    while start > 0 && t[start - 1] != '\n' && !(start > 1 && ends(t[start - 2]) && t[start - 1] == ' ') {
        start -= 1;
    }
    let mut end = range.end.max(start);
    while end < t.len() && t[end] != '\n' && !(ends(t[end]) && t.get(end + 1).is_none_or(|c| c.is_whitespace())) {
        end += 1;
    }
    start.min(range.start)..(end + 1).min(t.len()).max(range.end)
}

/// A word inside `range` to change: a run of word characters near the middle, or one
/// character of a script without spaces.
fn middle_word(t: &[char], range: &Range<usize>) -> Option<Range<usize>> {
    let mut at = range.start + range.len() / 2;
    while at < range.end && !is_word(t[at]) {
        at += 1;
    }
    if at >= range.end {
        return None;
    }
    if unspaced(t[at]) {
        return Some(at..at + 1);
    }
    let mut start = at;
    while start > range.start && is_word(t[start - 1]) && !unspaced(t[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < range.end && is_word(t[end]) && !unspaced(t[end]) {
        end += 1;
    }
    (end > start && start > range.start && end < range.end).then_some(start..end)
}

/// What a changed word becomes: a figure with one digit changed, or another word of the text.
fn replacement(t: &[char], word: &Range<usize>, rng: &mut Rng) -> String {
    let old: String = t[word.clone()].iter().collect();
    if let Some(i) = old.chars().position(|c| c.is_ascii_digit()) {
        return old.chars().enumerate().map(|(j, c)| if j == i { char::from(b'0' + ((c as u8 - b'0' + 1 + rng.below(8) as u8) % 10)) } else { c }).collect();
    }
    if unspaced(t[word.start]) {
        let other = (0..200).map(|_| t[rng.below(t.len())]).find(|&c| unspaced(c) && c != t[word.start]).unwrap_or('改');
        return other.to_string();
    }
    for _ in 0..200 {
        let at = rng.below(t.len());
        if let Some(w) = middle_word(t, &(at.saturating_sub(20)..(at + 20).min(t.len()))) {
            let candidate: String = t[w].iter().collect();
            if candidate != old && candidate.chars().count() >= 3 && !candidate.chars().any(|c| c.is_ascii_digit()) {
                return candidate;
            }
        }
    }
    "altered".to_string()
}

const INSERTS: &[&str] = &[
    "Editor's note: this section was revised in the second edition.",
    "Примечание редактора: этот раздел был исправлен.",
    "编者注：本节已在第二版中修订。",
    "Σημείωση: η ενότητα αναθεωρήθηκε.",
];

/// The segments of one edit of `kind` to `t`, aimed at `targets` (claims of the document).
pub fn edit(kind: Kind, t: &[char], targets: &[Quoted], rng: &mut Rng) -> Vec<Seg> {
    let whole = || vec![Seg::Copy(0..t.len())];
    let paragraphs = paragraphs(t);
    let holding = |q: &Quoted| paragraphs.iter().find(|p| p.start <= q.range.start && q.range.end <= p.end).cloned();
    match kind {
        Kind::Inserted => {
            let mut cuts: Vec<usize> = (0..3).map(|_| paragraphs[rng.below(paragraphs.len())].start).collect();
            cuts.sort_unstable();
            cuts.dedup();
            let mut segs = Vec::new();
            let mut at = 0;
            for cut in cuts {
                segs.push(Seg::Copy(at..cut));
                segs.push(Seg::Insert(format!("{}\n\n", INSERTS[rng.below(INSERTS.len())])));
                at = cut;
            }
            segs.push(Seg::Copy(at..t.len()));
            segs
        }
        Kind::Moved => match targets.iter().find_map(holding) {
            Some(p) if p.end < t.len() => vec![Seg::Copy(0..p.start), Seg::Copy(p.end..t.len()), Seg::Insert("\n\n".into()), Seg::Copy(p)],
            _ => whole(),
        },
        Kind::Retyped => vec![Seg::Retype(0..t.len(), retyped(t))],
        Kind::Reworded => {
            let mut words: Vec<Range<usize>> = targets.iter().filter_map(|q| middle_word(t, &q.range)).collect();
            words.sort_by_key(|w| w.start);
            words.dedup();
            let mut segs = Vec::new();
            let mut at = 0;
            for word in words {
                segs.push(Seg::Copy(at..word.start));
                segs.push(Seg::Reword(word.clone(), replacement(t, &word, rng)));
                at = word.end;
            }
            segs.push(Seg::Copy(at..t.len()));
            segs
        }
        Kind::Deleted | Kind::Rewritten => {
            // The sentences or lines holding the quotes, whole: merged where they meet.
            let mut gone: Vec<Range<usize>> = targets.iter().map(|q| sentence(t, &q.range)).collect();
            gone.sort_by_key(|g| g.start);
            let mut merged: Vec<Range<usize>> = Vec::new();
            for g in gone {
                match merged.last_mut() {
                    Some(last) if g.start <= last.end => last.end = last.end.max(g.end),
                    _ => merged.push(g),
                }
            }
            let mut segs = Vec::new();
            let mut at = 0;
            for g in merged {
                segs.push(Seg::Copy(at..g.start));
                if kind == Kind::Rewritten {
                    segs.push(Seg::Rewrite(g.clone(), "This passage was withdrawn by the editors pending review.\n".into()));
                }
                at = g.end;
            }
            segs.push(Seg::Copy(at..t.len()));
            segs
        }
        Kind::Duplicated => match targets.iter().find_map(holding) {
            Some(p) => vec![Seg::Insert(format!("{}\n\n", INSERTS[0])), Seg::Copy(0..t.len()), Seg::Insert("\n\n".into()), Seg::Copy(p)],
            None => whole(),
        },
        Kind::Reordered => {
            let mut order: Vec<Range<usize>> = paragraphs.clone();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.below(i + 1));
            }
            let mut segs = Vec::new();
            for p in order {
                segs.push(Seg::Copy(p));
                segs.push(Seg::Insert("\n\n".into()));
            }
            segs
        }
        Kind::EditedWithCopyShifted => {
            let note = Seg::Insert(format!("{}\n\n", INSERTS[rng.below(INSERTS.len())]));
            std::iter::once(note).chain(edit(Kind::EditedWithCopy, t, targets, rng)).collect()
        }
        Kind::EditedWithCopy => {
            let Some(q) = targets.iter().find(|q| q.range.len() >= 30) else { return whole() };
            let Some(word) = middle_word(t, &q.range) else { return whole() };
            // The old text of the quote stands again in a paragraph of its own: its context there
            // differs from the claim's, which is what can tell the two apart.
            let copy: String = t[q.range.clone()].iter().collect();
            let end = paragraphs.last().map_or(t.len(), |p| p.end);
            vec![
                Seg::Copy(0..word.start),
                Seg::Reword(word.clone(), replacement(t, &word, rng)),
                Seg::Copy(word.end..end),
                Seg::Insert(format!("\n\n{}\n", copy.trim())),
                Seg::Copy(end..t.len()),
            ]
        }
    }
}

/// The claims of one scenario checked, each with what it should have come to.
pub struct Scenario {
    pub doc: String,
    pub kind: Kind,
    pub source: SourceText,
    pub claims: Vec<(Quoted, Expect)>,
}

/// Builds the scenario of `kind` over `doc`: `count` claims, an edit aimed at the first `aimed`.
pub fn scenario(doc: &Doc, kind: Kind, count: usize, aimed: usize, rng: &mut Rng) -> Scenario {
    let claims = quotes(&doc.text, count, rng);
    let mut targets: Vec<Quoted> = claims.clone();
    // Aim at claims spread over the document.
    for i in (1..targets.len()).rev() {
        targets.swap(i, rng.below(i + 1));
    }
    targets.truncate(aimed);
    let segs = edit(kind, &doc.text, &targets, rng);
    let edited = render(&doc.text, &segs);
    let edited_text: String = edited.iter().collect();
    let claims = claims
        .into_iter()
        .map(|q| {
            let expected = match expect(&segs, &q.range) {
                // Edited past recognition (a long word in a short quote): its text is gone.
                Some(range) if edits_share(&q.quote, &edited[range.clone()].iter().collect::<String>()) > 0.25 => {
                    if folded(&edited_text).contains(&folded(&q.quote)) { Expect::AnyCopy } else { Expect::Gone(Some(Remnant { within: range.clone(), own: range })) }
                }
                Some(range) => Expect::At(range),
                None if folded(&edited_text).contains(&folded(&q.quote)) => Expect::AnyCopy,
                None => Expect::Gone(remnant(&segs, &q.range)),
            };
            (q, expected)
        })
        .collect();
    Scenario { doc: doc.name.clone(), kind, source: SourceText::new(edited_text), claims }
}

/// The edits between `quote` and `now`, folded, as a share of the quote's length: the locator's
/// measure, which places nothing past a quarter.
fn edits_share(quote: &str, now: &str) -> f64 {
    let (a, b) = (claimcheck::spans::fold::fold_quote(quote), claimcheck::spans::fold::fold_quote(now));
    claimcheck::spans::context::levenshtein(&a, &b) as f64 / a.len().max(1) as f64
}

/// `text` as the locator compares it: typography folded.
fn folded(text: &str) -> String {
    claimcheck::spans::fold::fold_quote(text).into_iter().collect()
}

/// The ends of `range` in `text` without spaces and punctuation: boundaries may differ there.
fn core(text: &[char], range: &Range<usize>) -> Range<usize> {
    let (mut start, mut end) = (range.start, range.end.min(text.len()));
    while start < end && !is_word(text[start]) {
        start += 1;
    }
    while end > start && !is_word(text[end - 1]) {
        end -= 1;
    }
    start..end
}

/// How a placement (or none) of a claim quoting `quote` came out against what was `expected`,
/// in the edited `text`.
pub fn judge(text: &[char], expected: &Expect, quote: &str, placed: Option<Range<usize>>) -> Outcome {
    let Some(got) = placed else { return Outcome::Missing };
    let reads = |r: &Range<usize>| text.get(r.clone()).map(|t| folded(&t.iter().collect::<String>()));
    match expected {
        Expect::At(want) if core(text, want) == core(text, &got) => Outcome::Right,
        // Over what is left of its own text, and within it and the text that replaced the rest.
        Expect::Gone(Some(left)) if inside(&core(text, &got), &core(text, &left.within)) && overlapping(&core(text, &got), &core(text, &left.own)) => Outcome::OnRemnant,
        Expect::AnyCopy if reads(&got) == Some(folded(quote)) => Outcome::OnCopy,
        _ => Outcome::Wrong,
    }
}

fn overlapping(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn inside(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Row `i` of a claims file (data row `i + 2`): a claim quoting `quote` from `source`, recorded
/// at `recorded`, with its `prefix` and `suffix` when given.
pub fn row(i: usize, source: &str, quote: &str, recorded: Range<usize>, context: Option<(&str, &str)>) -> Claim {
    let (prefix, suffix) = context.unwrap_or_default();
    Claim {
        id: format!("Q{i}"),
        source: source.to_string(),
        quote: quote.to_string(),
        start: recorded.start.to_string(),
        end: recorded.end.to_string(),
        prefix: prefix.to_string(),
        suffix: suffix.to_string(),
        subject: String::new(),
        measure: String::new(),
        value: String::new(),
        file: "claims.csv".into(),
        row: i + 2,
        line: i + 2,
    }
}

/// Checks `claims` as `check` does: every claim alone, then the ambiguous ones against how the
/// others moved. `text_of` gives each claim's source text (its file is the claim's `source`).
pub fn check_all<'t>(anchorer: &mut Anchorer, claims: &[Claim], text_of: impl Fn(&Claim) -> &'t SourceText) -> Vec<SpanCheck> {
    let mut checks: Vec<SpanCheck> = claims.iter().map(|claim| anchorer.check(claim, &claim.source, text_of(claim))).collect();
    let placements =
        claims.iter().zip(&checks).filter_map(|(claim, check)| check.placement(SourceKey::of(text_of(claim)), &Offsets::parse(&claim.start, &claim.end))).collect();
    let open: Vec<usize> = (0..checks.len()).filter(|&i| checks[i].unsettled.is_some()).collect();
    let weighed: Vec<_> = open.iter().map(|&i| (&claims[i], claims[i].source.as_str(), text_of(&claims[i]), checks[i].unsettled.as_deref().expect("open"))).collect();
    let settled = anchorer.settle_all(placements, &weighed);
    for (&i, settled) in open.iter().zip(settled) {
        if let Some(settled) = settled {
            checks[i] = settled;
        }
    }
    checks
}

/// Checks every claim of `scenario`, with its context or without, and says how each came out.
pub fn run(scenario: &Scenario, with_context: bool) -> Vec<(Outcome, String)> {
    let mut anchorer = Anchorer::default();
    let text: Vec<char> = scenario.source.as_str().chars().collect();
    let claims: Vec<Claim> = scenario
        .claims
        .iter()
        .enumerate()
        .map(|(i, (q, _))| row(i, &scenario.doc, &q.quote, q.range.clone(), with_context.then_some((q.prefix.as_str(), q.suffix.as_str()))))
        .collect();
    let checks = check_all(&mut anchorer, &claims, |_| &scenario.source);
    scenario
        .claims
        .iter()
        .zip(checks)
        .map(|((q, expected), check)| {
            let (code, placed) = match &check.finding {
                None => ("ok".to_string(), Some(q.range.clone())),
                Some(f) => (f.code.name().to_string(), f.suggestion.as_ref().map(|s| s.start..s.end)),
            };
            let placed = placed.filter(|_| !matches!(code.as_str(), "span-ambiguous" | "span-missing"));
            let outcome = match code.as_str() {
                "ok" if !matches!(expected, Expect::At(want) if *want == q.range) => Outcome::AtOffsetsAsWritten,
                "span-ambiguous" => Outcome::Ambiguous,
                _ => judge(&text, expected, &q.quote, placed.clone()),
            };
            let reads = |r: &Range<usize>| text.get(r.start.saturating_sub(20)..(r.end + 20).min(text.len())).map(|t| t.iter().collect::<String>());
            let notes = check.finding.as_ref().map(|f| f.notes.join(" | ")).unwrap_or_default();
            // `SUITE_DUMP="<document> <Kind>"` lists every claim of that scenario and its outcome;
            // `SUITE_DUMP=all` every claim of every scenario (to compare two builds' outcomes).
            if std::env::var("SUITE_DUMP").is_ok_and(|dump| dump == "all" || dump == format!("{} {:?}", scenario.doc, scenario.kind)) {
                eprintln!("DUMP {} {:?} {with_context} {:?} expected {expected:?} got {code} {placed:?} {:?} prefix {:?} suffix {:?}", scenario.doc, scenario.kind, q.range, q.quote.chars().take(40).collect::<String>(), q.prefix, q.suffix);
                // `SUITE_DUMP_CLAIMS=<file>` appends each claim as a JSON line, to run the binary on.
                if let Ok(path) = std::env::var("SUITE_DUMP_CLAIMS") {
                    use std::io::Write;
                    let line = serde_json::json!({"start": q.range.start, "end": q.range.end, "quote": q.quote, "prefix": q.prefix, "suffix": q.suffix, "context": with_context});
                    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path).expect("the claims dump opens");
                    writeln!(file, "{line}").expect("the claims dump is written");
                }
                if let Ok(path) = std::env::var("SUITE_DUMP_SOURCE") {
                    std::fs::write(path, scenario.source.as_str()).expect("the edited source is written where SUITE_DUMP_SOURCE says");
                }
            }
            let detail = format!(
                "{} {:?} {}: claim {:?} at {:?} expected {expected:?}, got {code} at {placed:?} ({notes}); there now: {:?}",
                scenario.doc,
                scenario.kind,
                if with_context { "with context" } else { "without context" },
                q.quote.chars().take(80).collect::<String>(),
                q.range,
                placed.as_ref().and_then(reads),
            );
            (outcome, detail)
        })
        .collect()
}

/// Counts of outcomes by edit kind, and the claims whose text is still in the source.
#[derive(Default, Debug)]
pub struct Tally {
    pub by_kind: BTreeMap<(Kind, Outcome), usize>,
    pub still_there: usize,
    pub right: usize,
    pub wrong: Vec<String>,
    pub claims: usize,
    /// Claims whose text is still in the source but edited, where the rules leave nothing but
    /// context to place them: a quote under `MIN_FUZZY_CHARS` (class 5), or one whose old text
    /// still stands elsewhere as written (class 2). Without context they must not be placed.
    pub for_context_only: usize,
}

impl Tally {
    pub fn add(&mut self, scenario: &Scenario, outcomes: &[(Outcome, String)]) {
        for ((quoted, expected), (outcome, detail)) in scenario.claims.iter().zip(outcomes) {
            if std::env::var("SUITE_SHOW").is_ok_and(|kind| kind == "all" || kind == format!("{:?}", scenario.kind)) && matches!(expected, Expect::At(_)) && *outcome != Outcome::Right {
                eprintln!("{outcome:?} {detail}");
            }
            self.claims += 1;
            *self.by_kind.entry((scenario.kind, *outcome)).or_default() += 1;
            if let Expect::At(range) = expected {
                let (quote, now) = (&quoted.quote, scenario.source.slice(range.clone()).unwrap_or_default());
                let edited = fold::fold_quote(quote) != fold::fold_quote(now);
                let short = fold::fold_quote(quote).len() < claimcheck::spans::locate::MIN_FUZZY_CHARS;
                let copy_elsewhere = claimcheck::spans::find_all(&scenario.source, quote, 0).count > 0;
                self.for_context_only += usize::from(edited && (short || copy_elsewhere));
                self.still_there += 1;
                self.right += usize::from(*outcome == Outcome::Right);
            }
            if *outcome == Outcome::Wrong {
                self.wrong.push(detail.clone());
            }
        }
    }

    pub fn right_share(&self) -> f64 {
        self.right as f64 / self.still_there.max(1) as f64
    }

    pub fn table(&self) -> String {
        let mut out = String::new();
        for kind in KINDS {
            let count = |o: Outcome| self.by_kind.get(&(kind, o)).copied().unwrap_or(0);
            out.push_str(&format!(
                "{kind:?}: right {}, on a copy {}, on a remnant {}, at its offsets as written {}, ambiguous {}, missing {}, wrong {}\n",
                count(Outcome::Right),
                count(Outcome::OnCopy),
                count(Outcome::OnRemnant),
                count(Outcome::AtOffsetsAsWritten),
                count(Outcome::Ambiguous),
                count(Outcome::Missing),
                count(Outcome::Wrong)
            ));
        }
        out.push_str(&format!(
            "claims {}, text still in the source {}, placed right {} ({:.2}%), wrong {}; of those still there, {} edited where only context may place them (classes 2 and 5)\n",
            self.claims,
            self.still_there,
            self.right,
            100.0 * self.right_share(),
            self.wrong.len(),
            self.for_context_only
        ));
        out
    }
}
