//! Rendering: the same findings as text for people, for editors, or as data for other tools.

mod concise;
pub mod escape;
pub mod figure_list;
mod full;
mod github;
pub mod html;
mod json;
pub mod json_text;
mod paint;
mod sarif;
mod snippet;

use crate::check::Report;
use crate::findings::{Finding, Region, SourceSpan, Suggestion};
use crate::load::sources::SourceSet;
use crate::load::text::LineCol;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Each finding with the source line and the span underlined, like rustc.
    Full,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
    /// The contract's JSON report.
    Json,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// One self-contained HTML page for reviewers: number lines, diffs, sources with spans marked.
    Html,
}

/// How the human formats are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// ANSI colour in the `full` report.
    pub color: bool,
    /// Display columns the `full` report's source excerpts fit in.
    pub width: usize,
    /// Findings only: no figure groups, no summary line.
    pub quiet: bool,
}

impl Default for Style {
    fn default() -> Style {
        Style { color: false, width: DEFAULT_WIDTH, quiet: false }
    }
}

/// The width when neither the terminal nor `COLUMNS` gives one.
pub const DEFAULT_WIDTH: usize = 100;

pub fn render(format: Format, report: &Report, sources: &SourceSet, style: &Style) -> String {
    match format {
        Format::Full => full::render(report, sources, style),
        Format::Concise => concise::render(report, style.quiet),
        Format::Json => json::render(report),
        Format::Github => github::render(report, sources, style.quiet),
        Format::Sarif => sarif::render(report, sources),
        Format::Html => html::render(report, sources, &html::Settings::default()),
    }
}

/// Writes the report to `out` as it renders it: the JSON report, which lists every claim of
/// every group, is never held whole in memory.
pub fn write(format: Format, report: &Report, sources: &SourceSet, style: &Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(report, out),
        Format::Full => full::write(report, sources, style, out),
        _ => out.write_all(render(format, report, sources, style).as_bytes()),
    }
}

/// "1 error", "2 warnings": a count with its noun.
pub(crate) fn plural(count: usize, noun: &str) -> String {
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
        let counts: Vec<String> = [Verdict::Conflict, Verdict::Incomparable, Verdict::Imprecise, Verdict::Agree]
            .iter()
            .map(|verdict| (verdict, report.disagreements.iter().filter(|d| d.verdict == *verdict).count()))
            .filter(|(_, count)| *count > 0)
            .map(|(verdict, count)| format!("{count} {}", verdict.name()))
            .collect();
        line.push_str(&format!("; {} compared: {}", plural(report.disagreements.len(), "group"), counts.join(", ")));
    }
    // Which settings were in force: a file found above the working folder is no surprise.
    if let Some(config) = &report.config {
        line.push_str(&format!("; settings from {config}"));
    }
    line
}

/// Where a finding lies in its file: the cell at fault or the row, else the start of the row's
/// line; `None` for a finding about the whole file.
fn region_of(finding: &Finding) -> Option<Region> {
    finding.region.or_else(|| {
        let at = LineCol { line: finding.line?, column: 1 };
        Some(Region { start: at, end: at })
    })
}

/// Where a finding starts, for formats that always give a line: the top for a whole file.
fn start_of(finding: &Finding) -> LineCol {
    region_of(finding).map_or(LineCol { line: 1, column: 1 }, |region| region.start)
}

/// The finding's message followed by its notes and the suggested offsets, one per line, for
/// formats that show several lines in one message.
fn long_message(finding: &Finding) -> String {
    let mut text = finding.message.clone();
    for note in &finding.notes {
        text.push('\n');
        text.push_str(note);
    }
    if let Some(suggestion) = &finding.suggestion {
        text.push('\n');
        text.push_str(&suggestion_help(suggestion));
    }
    text
}

fn suggestion_help(suggestion: &Suggestion) -> String {
    format!("help: set start = {}, end = {}", suggestion.start, suggestion.end)
}

/// The report path of the source a span lies in, and the span as lines and columns.
fn source_region(span: &SourceSpan, sources: &SourceSet) -> Option<(String, Region)> {
    let text = sources.text(&span.source).ok()?;
    Some((sources.display_path(&span.source), Region { start: text.line_col(span.start), end: text.line_col(span.end) }))
}
