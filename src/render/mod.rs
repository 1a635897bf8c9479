//! Rendering: the same findings as text for people, for editors, or as data for other tools.

mod concise;
pub mod figure_list;
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
fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("{count} {noun}") } else { format!("{count} {noun}s") }
}

/// The closing line of the text formats; groups of figure claims are counted when there are any.
fn summary_line(report: &Report) -> String {
    use crate::findings::Severity::*;
    let mut line = format!(
        "checked {}: {}, {}, {}",
        plural(report.claims, "claim"),
        plural(report.count(Error), "error"),
        plural(report.count(Warning), "warning"),
        plural(report.count(Note), "note")
    );
    if !report.disagreements.is_empty() {
        use crate::compare::groups::Verdict;
        let counts: Vec<String> = [Verdict::Conflict, Verdict::Imprecise, Verdict::Agree]
            .iter()
            .map(|verdict| (verdict, report.disagreements.iter().filter(|d| d.verdict == *verdict).count()))
            .filter(|(_, count)| *count > 0)
            .map(|(verdict, count)| format!("{count} {}", verdict.name()))
            .collect();
        line.push_str(&format!("; {} compared: {}", plural(report.disagreements.len(), "group"), counts.join(", ")));
    }
    line
}
