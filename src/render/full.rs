//! The rustc-like report: each finding with its CSV row and, where it points into a source, the
//! source line with the span underlined.

use super::{plural, suggestion_help, summary_line};
use crate::check::Report;
use crate::compare::extremes::Extremes;
use crate::compare::{GroupClaim, LISTED_CLAIMS};
use crate::findings::{Finding, SourceSpan};
use crate::load::sources::SourceSet;
use std::fmt::Write;

/// Characters of context kept on each side of a span when a long line is cropped.
const CONTEXT: usize = 40;
/// The longest stretch of a span drawn before the underline is cut.
const MAX_SPAN: usize = 100;

pub fn render(report: &Report, sources: &SourceSet) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, finding, sources);
        out.push('\n');
    }
    render_groups(&mut out, report, sources);
    let _ = writeln!(out, "{}", summary_line(report));
    out
}

/// Every group of figure claims with its verdict and each claim's figure, after the findings; a
/// group too large to list shows the claims that speak for it.
fn render_groups(out: &mut String, report: &Report, sources: &SourceSet) {
    if report.disagreements.is_empty() {
        return;
    }
    let _ = writeln!(out, "figure groups:");
    for group in &report.disagreements {
        let reviewed = if group.reviewed.is_some() { " (reviewed)" } else { "" };
        let _ = write!(out, "  {}{reviewed}: {} / {}", group.verdict.name(), group.subject, group.measure);
        if group.claims.len() <= LISTED_CLAIMS {
            out.push('\n');
            for claim in &group.claims {
                group_claim(out, "", claim, sources);
            }
            continue;
        }
        let _ = writeln!(out, ": {} from {}", plural(group.claims.len(), "claim"), plural(group.summary.sources, "source"));
        let Extremes { lowest, highest, ends_first, starts_last } = group.summary.extremes;
        if let (Some(ends_first), Some(starts_last)) = (ends_first, starts_last) {
            group_claim(out, "ends first: ", &group.claims[ends_first], sources);
            group_claim(out, "starts last: ", &group.claims[starts_last], sources);
        }
        group_claim(out, "lowest: ", &group.claims[lowest], sources);
        group_claim(out, "highest: ", &group.claims[highest], sources);
        let _ = writeln!(out, "    (every claim: `--format json`, under `disagreements`)");
    }
    out.push('\n');
}

/// One claim of a group, on its own line.
fn group_claim(out: &mut String, label: &str, claim: &GroupClaim, sources: &SourceSet) {
    let date = claim.published.as_deref().unwrap_or("undated");
    // People know a source by its short manifest id where it has one.
    let name = sources.info(&claim.source).map(|info| info.id.as_str()).filter(|id| !id.is_empty()).unwrap_or(&claim.source);
    let _ = writeln!(out, "    {label}{} {name} ({date}): `{}` {}", claim.id, claim.figure, claim.interval);
}

fn render_finding(out: &mut String, finding: &Finding, sources: &SourceSet) {
    let _ = writeln!(out, "{}[{}]: {}", finding.severity, finding.code, finding.message);
    let mut place = finding.file.clone();
    if let Some(line) = finding.line {
        let _ = write!(place, ":{line}");
    }
    let mut details = Vec::new();
    if let Some(row) = finding.row {
        details.push(format!("row {row}"));
    }
    if let Some(claim) = &finding.claim {
        details.push(format!("claim {claim}"));
    }
    if let Some(column) = &finding.column {
        details.push(format!("column `{column}`"));
    }
    let details = if details.is_empty() { String::new() } else { format!(" ({})", details.join(", ")) };
    let snippet = finding.span.as_ref().and_then(|span| Snippet::new(span, sources));
    let gutter = snippet.as_ref().map_or(1, |s| s.line.to_string().len());
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {place}{details}");
    if let Some(snippet) = snippet {
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{pad}::: {}:{}:{}", snippet.path, snippet.line, snippet.column);
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{} | {}", snippet.line, snippet.text);
        let label = finding.label.as_deref().unwrap_or_default();
        let underline = format!("{}{}", " ".repeat(snippet.underline_at), "^".repeat(snippet.underline_len.max(1)));
        let _ = writeln!(out, "{}", format!("{pad} | {underline} {label}").trim_end());
    }
    for note in &finding.notes {
        // Notes quote source text, which may hold line breaks; one note stays on one line.
        let note = note.replace("\r\n", "⏎").replace(['\n', '\r'], "⏎");
        let _ = writeln!(out, "{pad} = {note}");
    }
    if let Some(suggestion) = &finding.suggestion {
        let _ = writeln!(out, "{pad} = {}", suggestion_help(suggestion));
    }
}

/// One source line, cropped around a span, with where to draw the underline.
struct Snippet {
    path: String,
    line: usize,
    column: usize,
    text: String,
    underline_at: usize,
    underline_len: usize,
}

impl Snippet {
    fn new(span: &SourceSpan, sources: &SourceSet) -> Option<Snippet> {
        let text = sources.text(&span.source).ok()?;
        let start = text.line_col(span.start);
        let line: Vec<char> = text.line(start.line).chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let from = start.column - 1;
        let line_end_char = text.line_start_char(start.line) + line.len();
        let to = span.end.min(line_end_char).max(span.start) - text.line_start_char(start.line);
        let drawn_to = to.min(from + MAX_SPAN);
        let window_start = from.saturating_sub(CONTEXT);
        let window_end = (drawn_to + CONTEXT).min(line.len());
        let mut shown = String::new();
        if window_start > 0 {
            shown.push('…');
        }
        shown.extend(&line[window_start..window_end]);
        if window_end < line.len() {
            shown.push('…');
        }
        Some(Snippet {
            path: sources.display_path(&span.source),
            line: start.line,
            column: start.column,
            text: shown,
            underline_at: from - window_start + usize::from(window_start > 0),
            underline_len: drawn_to - from,
        })
    }
}
