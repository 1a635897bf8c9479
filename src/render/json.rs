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
    column: Option<&'a str>,
    source: Option<&'a str>,
    start: Option<usize>,
    end: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a Suggestion>,
}

impl<'a> From<&'a Finding> for JsonFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsonFinding {
            code: f.code.name(),
            severity: f.severity,
            claim: f.claim.as_deref(),
            file: &f.file,
            row: f.row,
            column: f.column.as_deref(),
            source: f.source.as_deref(),
            start: f.start,
            end: f.end,
            message: &f.message,
            suggestion: f.suggestion.as_ref(),
        }
    }
}

pub fn render(report: &Report) -> String {
    let json = JsonReport {
        version: 1,
        summary: Summary {
            claims: report.claims,
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            notes: report.count(Severity::Note),
        },
        findings: report.findings.iter().map(JsonFinding::from).collect(),
        disagreements: &report.disagreements,
    };
    let mut out = serde_json::to_string_pretty(&json).expect("the report serializes: it holds only strings and numbers");
    out.push('\n');
    out
}
