//! What each figure claim states: the figure of its quote that its `value` names, or the only
//! quantity in the quote when `value` is blank.

use crate::figures::{Figure, Reader, ValueError, read_value};
use crate::findings::{Code, Finding, Region, SourceSpan};
use crate::load::claims::Claim;
use std::ops::Range;

/// A figure claim with the figure it states.
#[derive(Debug, Clone)]
pub struct Stated {
    pub claim: Claim,
    /// The source file the claim resolved to, when it did.
    pub file: Option<String>,
    /// The figure, with offsets inside the quote.
    pub figure: Figure,
    /// Where the figure stands in the source, when the quote is anchored there.
    pub span: Option<SourceSpan>,
    /// Where the claim's `value` cell stands in its claims file, for the group's finding.
    pub value_region: Option<Region>,
}

/// Reads the figure of `claim`, or the finding that says why it has none. `anchor` is where the
/// quote stands in `file`; without it the quote text alone is read.
pub fn read(claim: &Claim, file: Option<&str>, anchor: Option<Range<usize>>, tolerance: f64) -> Result<Stated, Finding> {
    let reading = Reader::new(tolerance).read(&claim.quote);
    let quote_figures = reading.figures;
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
                format!("claim {} quotes `{}`, which reads to no finite, non-empty interval, so it cannot be compared", claim.id, unreadable.text),
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
    let listed = || quote_figures.iter().map(|f| format!("`{}` {}", f.text, f.interval)).collect::<Vec<_>>().join(", ");
    let chosen = if claim.value.is_empty() {
        let quantities: Vec<&Figure> = quote_figures.iter().filter(|f| f.kind.is_quantity()).collect();
        // A duration may be the figure itself ("for at least eight years"), but only when nothing else counts.
        let counts: Vec<&Figure> = quantities.iter().copied().filter(|f| f.kind != crate::figures::Kind::Duration).collect();
        let candidates = if counts.is_empty() { quantities } else { counts };
        match candidates.as_slice() {
            [one] => (*one).clone(),
            [] => {
                let finding = claim
                    .finding(Code::FigureUnparsed, format!("claim {} is a figure claim but its quote holds only dates, years or ranks: {}", claim.id, listed()))
                    .in_column("value")
                    .with_note("set `value` to the figure the claim states");
                return Err(at_quote(finding, "no quantity here"));
            }
            several => {
                let texts: Vec<String> = several.iter().map(|f| format!("`{}`", f.text)).collect();
                let mut finding = claim
                    .finding(
                        Code::FigureAmbiguous,
                        format!("claim {} has no `value` and its quote holds {} figures: {}", claim.id, several.len(), texts.join(", ")),
                    )
                    .in_column("value")
                    .with_note("set `value` to the one the claim is about");
                if let Some(span) = place(several[0]) {
                    finding = finding.pointing_at(span, "first of the figures");
                }
                return Err(finding);
            }
        }
    } else {
        let value = match read_value(&claim.value, tolerance) {
            Ok(value) => value,
            Err(error) => {
                let why = match error {
                    ValueError::Unreadable => "holds no figure the reader understands".to_string(),
                    ValueError::Several(texts) => format!("holds several figures ({}), not one", texts.join(", ")),
                    ValueError::Unbounded(text) => format!("states `{text}`, which reads to no finite, non-empty interval"),
                };
                return Err(claim
                    .finding(Code::FigureUnparsed, format!("the value `{}` of claim {} {why}", claim.value, claim.id))
                    .in_column("value")
                    .with_note("write one figure, e.g. `330`, `over 300`, `>140`, `137-145`, `about 2,000`, `half`"));
            }
        };
        // A value that names its unit ("$2 billion", "3 percentage points") must name the quote's:
        // "$2 billion" is not the "€2 billion" of the quote.
        let same_unit = |f: &Figure| value.kind == crate::figures::Kind::Count || f.unit_key() == value.unit_key();
        let unit_differs = quote_figures.iter().any(|f| f.interval.same_bounds(&value.interval));
        match quote_figures.iter().find(|f| f.interval.same_bounds(&value.interval) && same_unit(f)) {
            Some(figure) => figure.clone(),
            None => {
                // When only the unit differs, say so: the intervals alone look the same.
                let why = if unit_differs {
                    let unit = |f: &Figure| match f.currency {
                        Some(code) => format!("{} {code}", f.kind.name()),
                        None => f.unit.map_or(f.kind.name().to_string(), |u| format!("{} in {u}", f.kind.name())),
                    };
                    let quoted: Vec<String> = quote_figures.iter().map(|f| format!("`{}` {} ({})", f.text, f.interval, unit(f))).collect();
                    format!("reads as {} ({}), but no figure in the quote is in that unit: the quote states {}", value.interval, unit(&value), quoted.join(", "))
                } else {
                    format!("reads as {}, but no figure in the quote agrees: the quote states {}", value.interval, listed())
                };
                let finding = claim.finding(Code::FigureMismatch, format!("the value `{}` of claim {} {why}", claim.value, claim.id))
                    .in_column("value")
                    .with_note("correct `value`, or check that the quote is the span you meant");
                return Err(at_quote(finding, "the quote"));
            }
        }
    };
    let span = place(&chosen);
    Ok(Stated { claim: claim.clone(), file: file.map(str::to_string), figure: chosen, span, value_region: None })
}
