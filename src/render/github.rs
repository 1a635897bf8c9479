//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
//!
//! Claim problems point at the claim's row in the CSV file (at the cell at fault where there is
//! one). A finding that also points into a source document adds a notice there, so a reviewer
//! of a changed source sees which claims it affects; a notice does not count as a second error.

use super::{long_message, region_of, source_region, start_of, summary_line};
use crate::check::Report;
use crate::findings::{Finding, Region, Severity};
use crate::load::sources::SourceSet;
use std::fmt::Write;

pub fn render(report: &Report, sources: &SourceSet, quiet: bool) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let region = region_of(finding).unwrap_or_else(|| {
            let start = start_of(finding);
            Region { start, end: start }
        });
        annotation(&mut out, command, &finding.file, region, finding, &long_message(finding));
        if let Some((path, region)) = finding.span.as_ref().and_then(|span| source_region(span, sources)) {
            let claim = finding.claim.as_deref().map(|id| format!("claim {}: ", crate::findings::clipped(id))).unwrap_or_default();
            let label = finding.label.as_deref().unwrap_or("the span in question");
            annotation(&mut out, "notice", &path, region, finding, &format!("{claim}{label} ({})", finding.message));
        }
    }
    if !quiet {
        let _ = writeln!(out, "{}", summary_line(report));
    }
    out
}

fn annotation(out: &mut String, command: &str, file: &str, region: Region, finding: &Finding, message: &str) {
    let _ = writeln!(
        out,
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        escape_property(file),
        region.start.line,
        region.start.column,
        region.end.line,
        region.end.column,
        escape_property(&format!("claimcheck ({})", finding.code)),
        escape_data(message)
    );
}

/// Escapes a message as GitHub's toolkit does, so `%` and line breaks survive the command, after
/// showing escape sequences and other unsafe characters as the human formats do (`\u{1b}`), so
/// none reaches the log viewer.
pub fn escape_data(text: &str) -> String {
    super::escape::keeping_line_breaks(text).replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` would otherwise end it.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        assert_eq!(escape_data("50% of\r\nthe 100%"), "50%25 of%0D%0Athe 100%25");
        assert_eq!(escape_data("a: b, c"), "a: b, c");
        assert_eq!(escape_property("claimcheck (span-moved), a:b\n%"), "claimcheck (span-moved)%2C a%3Ab%0A%25");
        // `%` goes first, or the escapes themselves would be escaped again.
        assert_eq!(escape_property("%3A"), "%253A");
        assert_eq!(escape_data("a\x1b[31m\u{202e}b"), "a\\u{1b}[31m\\u{202e}b");
    }
}
