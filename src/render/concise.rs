use super::escape::one_line;
use super::{start_of, summary_line};
use crate::check::Report;
use std::fmt::Write;

/// `file:line:col: severity[code] message`, one line per finding, for editors and grep.
pub fn render(report: &Report, quiet: bool) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let at = start_of(finding);
        let claim = finding.claim.as_ref().map(|id| format!(" (claim {})", crate::findings::clipped(&one_line(id)))).unwrap_or_default();
        let message = one_line(&finding.message);
        let file = one_line(&finding.file);
        let _ = writeln!(out, "{file}:{}:{}: {}[{}] {message}{claim}", at.line, at.column, finding.severity, finding.code);
    }
    if !quiet {
        let _ = writeln!(out, "{}", summary_line(report));
    }
    out
}
