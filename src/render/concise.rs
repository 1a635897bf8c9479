use super::summary_line;
use crate::check::Report;
use std::fmt::Write;

/// `file:line:col: severity[code] message`, one line per finding, for editors and grep.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let line = finding.line.unwrap_or(1);
        let claim = finding.claim.as_ref().map(|id| format!(" (claim {id})")).unwrap_or_default();
        let message = finding.message.replace(['\n', '\r'], " ");
        let _ = writeln!(out, "{}:{line}:1: {}[{}] {message}{claim}", finding.file, finding.severity, finding.code);
    }
    let _ = writeln!(out, "{}", summary_line(report));
    out
}
