use crate::check::Report;
use crate::compare::Disagreement;
use crate::findings::{Finding, Severity, Suggestion};
use serde::Serialize;

/// The contract's report; field order here is the order in the output.
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
    disagreements: &'a [Disagreement],
}

#[derive(Serialize)]
struct Summary {
    claims: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    severity: Severity,
    claim: Option<&'a str>,
    file: &'a str,
    row: Option<usize>,
    source: Option<&'a str>,
    start: Option<usize>,
    end: Option<usize>,
    message: &'a str,
    /// `null` when there is nothing to suggest, so every finding has the same fields.
    suggestion: Option<&'a Suggestion>,
    // Fields beyond the contract's come after them.
    /// The CSV column at fault, by its header name.
    column: Option<&'a str>,
    /// What `full` shows under the snippet: expected and found text, word diffs, stale reviews.
    notes: &'a [String],
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            code: f.code.name(),
            severity: f.severity,
            claim: f.claim.as_deref(),
            file: &f.file,
            row: f.row,
            source: f.source.as_deref(),
            start: f.start,
            end: f.end,
            message: &f.message,
            suggestion: f.suggestion.as_ref(),
            column: f.column.as_deref(),
            notes: &f.notes,
        }
    }
}

fn json(report: &Report) -> JsonReport<'_> {
    JsonReport {
        version: 1,
        summary: Summary {
            claims: report.claims,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            notes: report.count(Severity::Note),
        },
        findings: report.findings.iter().map(JsonFinding::from).collect(),
        disagreements: &report.disagreements,
    }
}

pub fn render(report: &Report) -> String {
    super::json_text::to_string(&json(report))
}

/// `render`, written to `out` as it is serialized.
pub fn write(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    super::json_text::to_writer(out, &json(report))
}
