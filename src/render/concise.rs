use super::{start_of, summary_line};
use crate::check::Report;
use std::fmt::Write;

/// `file:line:col: severity[code] message`, one line per finding, for editors and grep.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let at = start_of(finding);
        let claim = finding.claim.as_ref().map(|id| format!(" (claim {id})")).unwrap_or_default();
        let message = finding.message.replace(['\n', '\r'], " ");
        let _ = writeln!(out, "{}:{}:{}: {}[{}] {message}{claim}", finding.file, at.line, at.column, finding.severity, finding.code);
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}
