//! Rendering: the same findings as text for people, for editors, or as data for other tools.

mod concise;
mod full;
mod json;

use crate::check::Report;
use crate::load::sources::SourceSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with the source line and the span underlined, like rustc.
    Full,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
    /// The contract's JSON report.
    Json,
}

pub fn render(format: Format, report: &Report, sources: &SourceSet) -> String {
    match format {
        Format::Full => full::render(report, sources),
        Format::Concise => concise::render(report),
        Format::Json => json::render(report),
    }
}

/// "1 error", "2 warnings": a count with its noun.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("{count} {noun}") } else { format!("{count} {noun}s") }
}

/// The closing line of the text formats.
fn summary_line(report: &Report) -> String {
    use crate::findings::Severity::*;
    format!(
        "checked {}: {}, {}, {}",
        plural(report.claims, "claim"),
        plural(report.count(Error), "error"),
        plural(report.count(Warning), "warning"),
        plural(report.count(Note), "note")
    )
}
