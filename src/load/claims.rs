//! Claims as the analyst recorded them, one per CSV row.

use super::csv_file::{Cells, Header, Row};
use crate::findings::{Code, Finding};
use std::sync::Arc;

pub const REQUIRED: [&str; 3] = ["id", "source", "quote"];

/// Where each known column sits in one claims file.
#[derive(Debug, Clone)]
pub struct ClaimColumns {
    pub id: usize,
    pub source: usize,
    pub quote: usize,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub prefix: Option<usize>,
    pub suffix: Option<usize>,
    pub subject: Option<usize>,
    pub measure: Option<usize>,
    pub value: Option<usize>,
}

impl ClaimColumns {
    pub fn new(header: &Header) -> Self {
        ClaimColumns {
            id: header.required("id"),
            source: header.required("source"),
            quote: header.required("quote"),
            start: header.index("start"),
            end: header.index("end"),
            prefix: header.index("prefix"),
            suffix: header.index("suffix"),
            subject: header.index("subject"),
            measure: header.index("measure"),
            value: header.index("value"),
        }
    }
}

/// A claim as recorded in one row. `S` holds its cells and `F` names its file: `Claim` owns them;
/// `ClaimRef` borrows them from the row it was read from, so checking a claim that still holds
/// copies nothing, and only claims that outlive their row (with a finding, or stating a figure)
/// are made owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<S = String, F = Arc<str>> {
    pub id: S,
    pub source: S,
    /// Exactly as in the cell: the quote is compared byte for byte, so it is never trimmed.
    pub quote: S,
    /// Offsets as written, trimmed; blank means not anchored yet.
    pub start: S,
    pub end: S,
    pub prefix: S,
    pub suffix: S,
    pub subject: S,
    pub measure: S,
    pub value: S,
    pub file: F,
    pub row: usize,
    pub line: usize,
}

/// A claim borrowing its cells from a decoded row.
pub type ClaimRef<'a> = Claim<&'a str, &'a Arc<str>>;

impl Claim {
    /// Builds the claim of a row, or the `claim-missing-field` finding for its first empty required cell.
    pub fn from_row(row: &Row<'_>, columns: &ClaimColumns, file: &Arc<str>) -> Result<Claim, Finding> {
        ClaimRef::read(row.cells(), row.row, row.line, columns, file).map(|claim| claim.owned())
    }
}

impl<'a> ClaimRef<'a> {
    /// The claim of the decoded cells `values` of row `row` (starting on line `line`), borrowed from
    /// them, or the `claim-missing-field` finding for its first empty required cell.
    pub fn read(values: Cells<'a>, row: usize, line: usize, columns: &ClaimColumns, file: &'a Arc<str>) -> Result<Self, Finding> {
        let get = |index: Option<usize>| values.get(index);
        let claim = Claim {
            id: trim(get(Some(columns.id))),
            source: trim(get(Some(columns.source))),
            quote: get(Some(columns.quote)),
            start: trim(get(columns.start)),
            end: trim(get(columns.end)),
            prefix: get(columns.prefix),
            suffix: get(columns.suffix),
            subject: trim(get(columns.subject)),
            measure: trim(get(columns.measure)),
            value: trim(get(columns.value)),
            file,
            row,
            line,
        };
        let empty = [("id", claim.id.is_empty()), ("source", claim.source.is_empty()), ("quote", trim(claim.quote).is_empty())];
        if !empty.iter().any(|(_, empty)| *empty) {
            return Ok(claim);
        }
        let missing: Vec<&str> = empty.iter().filter(|(_, empty)| *empty).map(|(name, _)| *name).collect();
        let mut finding = Finding::new(
            Code::ClaimMissingField,
            file.to_string(),
            format!("row {row} has no {}: every claim needs an id, a source and a quote", missing.join(", ")),
        )
        .at_row(row, line)
        .in_column(missing[0]);
        if !claim.id.is_empty() {
            finding.claim = Some(claim.id.to_string());
        }
        Err(finding)
    }

    /// The claim with its own copy of every cell.
    pub fn owned(&self) -> Claim {
        Claim {
            id: self.id.to_string(),
            source: self.source.to_string(),
            quote: self.quote.to_string(),
            start: self.start.to_string(),
            end: self.end.to_string(),
            prefix: self.prefix.to_string(),
            suffix: self.suffix.to_string(),
            subject: self.subject.to_string(),
            measure: self.measure.to_string(),
            value: self.value.to_string(),
            file: self.file.clone(),
            row: self.row,
            line: self.line,
        }
    }
}

/// `cell.trim()`, answered at once for the usual cell, which starts and ends with an ASCII
/// character that is no space (none of which is white space in Unicode either).
fn trim(cell: &str) -> &str {
    let plain = |byte: Option<&u8>| byte.is_some_and(|&byte| byte.is_ascii_graphic());
    if plain(cell.as_bytes().first()) && plain(cell.as_bytes().last()) { cell } else { cell.trim() }
}

impl<S: AsRef<str>, F: AsRef<str>> Claim<S, F> {
    /// A figure claim states a figure to compare: it has a measure or a value.
    pub fn is_figure(&self) -> bool {
        !self.measure.as_ref().is_empty() || !self.value.as_ref().is_empty()
    }

    /// A finding about this claim, placed at its row.
    pub fn finding(&self, code: Code, message: impl Into<String>) -> Finding {
        let mut message = message.into();
        // An id cell may hold a megabyte: messages name the claim by its id clipped. The report's
        // `claim` keeps it whole.
        let id = self.id.as_ref();
        if id.chars().count() > crate::findings::QUOTED_CHARS {
            message = message.replace(id, &crate::findings::clipped(id));
        }
        let mut finding = Finding::new(code, self.file.as_ref(), message).at_row(self.row, self.line);
        finding.claim = Some(self.id.as_ref().to_string());
        finding.source = Some(self.source.as_ref().to_string());
        finding.start = crate::spans::offset_number(self.start.as_ref());
        finding.end = crate::spans::offset_number(self.end.as_ref());
        finding
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_agrees_with_the_standard_trim() {
        for cell in ["", " ", "a", " a", "a ", "\ta\n", "C1", "\u{a0}C1", "C1\u{2003}", "\u{85}", "~x~", "\u{7f}x", "é", " é ", "\r"] {
            assert_eq!(super::trim(cell), cell.trim(), "{cell:?}");
        }
    }
}
