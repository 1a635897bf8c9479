//! Claims as the analyst recorded them, one per CSV row.

use super::csv_file::{Header, Row};
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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    pub source: String,
    /// Exactly as in the cell: the quote is compared byte for byte, so it is never trimmed.
    pub quote: String,
    /// Offsets as written, trimmed; blank means not anchored yet.
    pub start: String,
    pub end: String,
    pub prefix: String,
    pub suffix: String,
    pub subject: String,
    pub measure: String,
    pub value: String,
    pub file: Arc<str>,
    pub row: usize,
    pub line: usize,
}

impl Claim {
    /// Builds the claim of a row, or the `claim-missing-field` finding for its first empty required cell.
    pub fn from_row(row: &Row<'_>, columns: &ClaimColumns, file: &Arc<str>) -> Result<Claim, Finding> {
        let claim = Claim {
            id: row.get(Some(columns.id)).trim().to_string(),
            source: row.get(Some(columns.source)).trim().to_string(),
            quote: row.get(Some(columns.quote)).to_string(),
            start: row.get(columns.start).trim().to_string(),
            end: row.get(columns.end).trim().to_string(),
            prefix: row.get(columns.prefix).to_string(),
            suffix: row.get(columns.suffix).to_string(),
            subject: row.get(columns.subject).trim().to_string(),
            measure: row.get(columns.measure).trim().to_string(),
            value: row.get(columns.value).trim().to_string(),
            file: file.clone(),
            row: row.row,
            line: row.line,
        };
        let empty = [("id", claim.id.is_empty()), ("source", claim.source.is_empty()), ("quote", claim.quote.trim().is_empty())];
        let missing: Vec<&str> = empty.iter().filter(|(_, empty)| *empty).map(|(name, _)| *name).collect();
        if missing.is_empty() {
            return Ok(claim);
        }
        let mut finding = Finding::new(
            Code::ClaimMissingField,
            file.to_string(),
            format!("row {} has no {}: every claim needs an id, a source and a quote", row.row, missing.join(", ")),
        )
        .at_row(row.row, row.line)
        .in_column(missing[0]);
        if !claim.id.is_empty() {
            finding.claim = Some(claim.id.clone());
        }
        Err(finding)
    }

    /// A figure claim states a figure to compare: it has a measure or a value.
    pub fn is_figure(&self) -> bool {
        !self.measure.is_empty() || !self.value.is_empty()
    }

    /// A finding about this claim, placed at its row.
    pub fn finding(&self, code: Code, message: impl Into<String>) -> Finding {
        let mut finding = Finding::new(code, self.file.to_string(), message).at_row(self.row, self.line);
        finding.claim = Some(self.id.clone());
        finding.source = Some(self.source.clone());
        finding.start = self.start.parse().ok();
        finding.end = self.end.parse().ok();
        finding
    }
}
