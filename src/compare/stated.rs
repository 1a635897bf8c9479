//! What each figure claim states: the figure of its quote that its `value` names, or the only
//! quantity in the quote when `value` is blank.

use crate::figures::{Figure, Reader, ValueError, read_value};
use crate::findings::{Code, Finding, Region, SourceSpan, clipped, listed};
use crate::load::claims::ClaimRef;
use rustc_hash::FxHashSet;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

/// A figure claim with the figure it states: what comparing and reporting it needs, and no more.
/// A million figure claims are kept until every file is read, so the row itself is not kept:
/// the cells many claims share (source, subject, measure) are shared, not copied.
#[derive(Debug, Clone)]
pub struct Stated {
    pub id: Arc<str>,
    /// The claims file and the row (and line) the claim was read from.
    pub claims_file: Arc<str>,
    pub row: usize,
    pub line: usize,
    /// The `source` cell as written.
    pub source: Arc<str>,
    pub subject: Arc<str>,
    pub measure: Arc<str>,
    /// The offsets recorded in the row, when they are numbers.
    pub start: Option<usize>,
    pub end: Option<usize>,
    /// The source file the claim resolved to, when it did.
    pub file: Option<Arc<str>>,
    /// The figure, with offsets inside the quote.
    pub figure: Figure,
    /// Where the figure stands in `file` (code points), when the quote is anchored there.
    pub span: Option<Range<usize>>,
    /// Where the claim's `value` cell stands in its claims file, for the group's finding.
    pub value_region: Option<Region>,
}

impl Stated {
    fn new(claim: &ClaimRef<'_>, file: Option<&str>, figure: Figure, span: Option<Range<usize>>) -> Self {
        Stated {
            id: claim.id.into(),
            claims_file: claim.file.clone(),
            row: claim.row,
            line: claim.line,
            source: shared(claim.source),
            subject: shared(claim.subject),
            measure: shared(claim.measure),
            start: claim.start.parse().ok(),
            end: claim.end.parse().ok(),
            file: file.map(shared),
            figure,
            span,
            value_region: None,
        }
    }

    /// Where the figure stands in its source, for a finding to point at.
    pub fn source_span(&self) -> Option<SourceSpan> {
        Some(SourceSpan { source: self.file.as_deref()?.to_string(), start: self.span.as_ref()?.start, end: self.span.as_ref()?.end })
    }

    /// A finding about this claim, placed at its row, as `Claim::finding` places one.
    pub fn finding(&self, code: Code, message: impl Into<String>) -> Finding {
        let mut finding = Finding::new(code, self.claims_file.as_ref(), message).at_row(self.row, self.line);
        finding.claim = Some(self.id.to_string());
        finding.source = Some(self.source.to_string());
        finding.start = self.start;
        finding.end = self.end;
        finding
    }
}

/// Cells at most this long are shared between the claims of one checking thread.
const SHARED_LEN: usize = 256;
/// Distinct cells a thread keeps shared before it starts afresh (bounds the table's memory).
const SHARED_CELLS: usize = 4096;

thread_local! {
    static SHARED: RefCell<FxHashSet<Arc<str>>> = RefCell::new(FxHashSet::default());
}

/// `text` as a shared string: the claims of one thread that write the same source, subject or
/// measure hold one copy of it between them.
fn shared(text: &str) -> Arc<str> {
    if text.len() > SHARED_LEN {
        return text.into();
    }
    SHARED.with_borrow_mut(|cells| {
        if let Some(cell) = cells.get(text) {
            return cell.clone();
        }
        if cells.len() >= SHARED_CELLS {
            cells.clear();
        }
        let cell: Arc<str> = text.into();
        cells.insert(cell.clone());
        cell
    })
}

/// Why a phrase the reader reports apart (`Reading::unreadable`) is no figure.
fn unbounded() -> String {
    format!("reads to no finite, non-empty interval or has more than {} significant digits", crate::figures::SIGNIFICANT_DIGITS)
}

/// Reads the figure of `claim`, or the finding that says why it has none. `anchor` is where the
/// quote stands in `file`; without it the quote text alone is read.
pub fn read(claim: &ClaimRef<'_>, file: Option<&str>, anchor: Option<Range<usize>>, tolerance: f64) -> Result<Stated, Finding> {
    let reading = Reader::new(tolerance).read(claim.quote);
    let mut quote_figures = reading.figures;
    let place = |figure: &Figure| {
        Some(SourceSpan { source: file?.to_string(), start: anchor.as_ref()?.start + figure.start, end: anchor.as_ref()?.start + figure.end })
    };
    let quote_span = || Some(SourceSpan { source: file?.to_string(), start: anchor.as_ref()?.start, end: anchor.as_ref()?.end });
    let at_quote = |finding: Finding, label: &str| match quote_span() {
        Some(span) => finding.pointing_at(span, label),
        None => finding,
    };
    // A figure the reader cannot bound is never dropped in silence: it might be the one meant.
    if let Some(unreadable) = reading.unreadable.first().filter(|_| claim.value.is_empty() || quote_figures.is_empty()) {
        let finding = claim
            .finding(
                Code::FigureUnparsed,
                format!("claim {} quotes `{}`, which {}, so it cannot be compared", claim.id, clipped(&unreadable.text), unbounded()),
            )
            .in_column("quote")
            .with_note("check the figure in the source; set `value` to the figure the claim states if the quote holds another");
        return Err(at_quote(finding, "no finite figure here"));
    }
    if quote_figures.is_empty() {
        let finding = claim
            .finding(Code::FigureUnparsed, format!("claim {} is a figure claim but its quote holds no figure the reader understands", claim.id))
            .in_column("quote")
            .with_note("quote a span that states the figure, or clear `measure` and `value` if the claim states none");
        return Err(at_quote(finding, "no figure here"));
    }
    let quote_listed = || listed(quote_figures.iter().map(|f| format!("`{}` {}", clipped(&f.text), f.interval)), quote_figures.len());
    let chosen = if claim.value.is_empty() {
        let quantities: Vec<&Figure> = quote_figures.iter().filter(|f| f.kind.is_quantity()).collect();
        // A duration may be the figure itself ("for at least eight years"), but only when nothing else counts.
        let counts: Vec<&Figure> = quantities.iter().copied().filter(|f| f.kind != crate::figures::Kind::Duration).collect();
        let candidates = if counts.is_empty() { quantities } else { counts };
        match candidates.as_slice() {
            [one] => *one,
            [] => {
                let finding = claim
                    .finding(Code::FigureUnparsed, format!("claim {} is a figure claim but its quote holds only dates, years or ranks: {}", claim.id, quote_listed()))
                    .in_column("value")
                    .with_note("set `value` to the figure the claim states");
                return Err(at_quote(finding, "no quantity here"));
            }
            several => {
                let texts = listed(several.iter().map(|f| format!("`{}`", clipped(&f.text))), several.len());
                let mut finding = claim
                    .finding(Code::FigureAmbiguous, format!("claim {} has no `value` and its quote holds {} figures: {texts}", claim.id, several.len()))
                    .in_column("value")
                    .with_note("set `value` to the one the claim is about");
                if let Some(span) = place(several[0]) {
                    finding = finding.pointing_at(span, "first of the figures");
                }
                return Err(finding);
            }
        }
    } else {
        let value = match read_value(claim.value, tolerance) {
            Ok(value) => value,
            Err(error) => {
                let why = match error {
                    ValueError::Unreadable => "holds no figure the reader understands".to_string(),
                    ValueError::Several(texts) => format!("holds several figures ({}), not one", listed(texts.iter().map(|t| clipped(t)), texts.len())),
                    ValueError::Unbounded(text) => format!("states `{}`, which {}", clipped(&text), unbounded()),
                };
                return Err(claim
                    .finding(Code::FigureUnparsed, format!("the value `{}` of claim {} {why}", clipped(claim.value), claim.id))
                    .in_column("value")
                    .with_note("write one figure, e.g. `330`, `over 300`, `>140`, `137-145`, `about 2,000`, `half`"));
            }
        };
        // A value that names its unit ("$2 billion", "3 percentage points") must name the quote's:
        // "$2 billion" is not the "€2 billion" of the quote.
        let same_unit = |f: &Figure| value.kind == crate::figures::Kind::Count || f.unit_key() == value.unit_key();
        let unit_differs = quote_figures.iter().any(|f| f.interval.same_bounds(&value.interval));
        match quote_figures.iter().find(|f| f.interval.same_bounds(&value.interval) && same_unit(f)) {
            Some(figure) => figure,
            None => {
                // When only the unit differs, say so: the intervals alone look the same.
                let why = if unit_differs {
                    let unit = |f: &Figure| match f.currency {
                        Some(code) => format!("{} {code}", f.kind.name()),
                        None => f.unit.map_or(f.kind.name().to_string(), |u| format!("{} in {u}", f.kind.name())),
                    };
                    let quoted = listed(quote_figures.iter().map(|f| format!("`{}` {} ({})", clipped(&f.text), f.interval, unit(f))), quote_figures.len());
                    format!("reads as {} ({}), but no figure in the quote is in that unit: the quote states {quoted}", value.interval, unit(&value))
                } else {
                    format!("reads as {}, but no figure in the quote agrees: the quote states {}", value.interval, quote_listed())
                };
                let finding = claim.finding(Code::FigureMismatch, format!("the value `{}` of claim {} {why}", clipped(claim.value), claim.id))
                    .in_column("value")
                    .with_note("correct `value`, or check that the quote is the span you meant");
                return Err(at_quote(finding, "the quote"));
            }
        }
    };
    // The chosen figure is taken from the reading rather than copied: the rest are dropped.
    let chosen = match quote_figures.iter().position(|f| std::ptr::eq(f, chosen)) {
        Some(index) => quote_figures.swap_remove(index),
        None => chosen.clone(),
    };
    let span = anchor.filter(|_| file.is_some()).map(|anchor| anchor.start + chosen.start..anchor.start + chosen.end);
    Ok(Stated::new(claim, file, chosen, span))
}
