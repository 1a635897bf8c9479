//! The rustc-like report: each finding with its CSV row and, where it points into a source, the
//! source line with the span underlined, fitted to the terminal's width.

use super::escape::one_line;
use super::paint::{Paint, Role};
use super::snippet::Excerpt;
use super::{Style, plural, suggestion_help, summary_line};
use crate::check::Report;
use crate::compare::extremes::Extremes;
use crate::compare::groups::Verdict;
use crate::compare::{GroupClaim, LISTED_CLAIMS};
use crate::findings::Finding;
use crate::load::sources::SourceSet;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

pub fn render(report: &Report, sources: &SourceSet, style: &Style) -> String {
    let mut out = Vec::new();
    write(report, sources, style, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the report is text")
}

/// Findings drawn at once: the threads share a window, and only one window's text is held before
/// it is written (a drifted million claims has a hundred thousand findings, each with excerpts).
const WINDOW: usize = 4096;
/// Findings one thread draws into one string.
const PIECE: usize = 128;

/// Writes the report to `out` window by window, each window's findings drawn in parallel and
/// written in order.
pub fn write(report: &Report, sources: &SourceSet, style: &Style, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    let paint = Paint::new(style.color);
    for window in report.findings.chunks(WINDOW) {
        let pieces: Vec<String> = window
            .par_chunks(PIECE)
            .map(|findings| {
                let mut piece = String::new();
                for finding in findings {
                    render_finding(&mut piece, finding, sources, style, &paint);
                    piece.push('\n');
                }
                piece
            })
            .collect();
        for piece in pieces {
            out.write_all(piece.as_bytes())?;
        }
    }
    if !style.quiet {
        let mut tail = String::new();
        render_groups(&mut tail, report, sources);
        let _ = writeln!(tail, "{}", paint.role(Role::Emphasis, &summary_line(report)));
        out.write_all(tail.as_bytes())?;
    }
    Ok(())
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
        let _ = write!(out, "  {}{reviewed}: {} / {}", group.verdict.name(), one_line(&group.subject), one_line(&group.measure));
        if group.claims.len() <= LISTED_CLAIMS {
            out.push('\n');
            for claim in &group.claims {
                group_claim(out, "", claim, sources);
            }
            continue;
        }
        let _ = writeln!(out, ": {} from {}", plural(group.claims.len(), "claim"), plural(group.summary.sources, "source"));
        if group.verdict == Verdict::Incomparable {
            // Figures in different units have no lowest or highest between them.
            for &i in &group.summary.per_unit {
                group_claim(out, "one of its units: ", &group.claims[i], sources);
            }
            let _ = writeln!(out, "    (every claim: `--format json`, under `disagreements`)");
            continue;
        }
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
    let _ = writeln!(out, "    {label}{} {} ({}): `{}` {}", one_line(&claim.id), one_line(name), one_line(date), one_line(&claim.figure), claim.interval);
}

fn render_finding(out: &mut String, finding: &Finding, sources: &SourceSet, style: &Style, paint: &Paint) {
    let severity = Role::Severity(finding.severity);
    let mut head = String::new();
    let _ = write!(head, "{}[{}]", finding.severity, finding.code);
    let _ = writeln!(out, "{}: {}", paint.role(severity, &head), paint.role(Role::Emphasis, &one_line(&finding.message)));
    let line_number = finding.span.as_ref().and_then(|span| sources.text(&span.source).ok().map(|text| text.line_col(span.start).line));
    let gutter = line_number.map_or(1, |line| line.to_string().len());
    let pad = Spaces(gutter);
    let bar = paint.role(Role::Gutter, "|");
    let _ = write!(out, "{pad}{} {}", paint.role(Role::Gutter, "-->"), one_line(&finding.file));
    if let Some(line) = finding.line {
        let _ = write!(out, ":{line}");
    }
    let mut details = [None, None, None];
    if let Some(row) = finding.row {
        details[0] = Some(format!("row {row}"));
    }
    if let Some(claim) = &finding.claim {
        details[1] = Some(format!("claim {}", crate::findings::clipped(&one_line(claim))));
    }
    if let Some(column) = &finding.column {
        details[2] = Some(format!("column `{}`", one_line(column)));
    }
    for (i, detail) in details.iter().flatten().enumerate() {
        out.push_str(if i == 0 { " (" } else { ", " });
        out.push_str(detail);
    }
    if details.iter().any(Option::is_some) {
        out.push(')');
    }
    out.push('\n');
    // The line is `{line} | {text}`: what is left of the width is the text's.
    let room = style.width.saturating_sub(gutter + 3).max(MIN_ROOM);
    if let Some(excerpt) = finding.span.as_ref().and_then(|span| Excerpt::new(span, sources, room)) {
        let _ = writeln!(out, "{pad} {bar}");
        let _ = writeln!(out, "{pad}{} {}:{}:{}", paint.role(Role::Gutter, ":::"), one_line(&sources.display_path(&excerpt.source)), excerpt.line, excerpt.column);
        let _ = writeln!(out, "{pad} {bar}");
        let line = excerpt.line.to_string();
        let _ = writeln!(out, "{} {bar} {}", paint.role(Role::Gutter, &line), excerpt.text);
        let label = one_line(finding.label.as_deref().unwrap_or_default());
        let carets = "^".repeat(excerpt.underline_width.max(1));
        let carets = paint.role(severity, &carets);
        let underline_end = excerpt.underline_at + excerpt.underline_width.max(1);
        let indent = Spaces(excerpt.underline_at);
        if label.is_empty() {
            let _ = writeln!(out, "{pad} {bar} {indent}{carets}");
        } else if underline_end + 1 + label.width() <= room {
            let _ = writeln!(out, "{pad} {bar} {indent}{carets} {}", paint.role(severity, &label));
        } else {
            // The label would wrap the carets' line: it goes under them, so carets never wrap.
            let _ = writeln!(out, "{pad} {bar} {indent}{carets}");
            let _ = writeln!(out, "{pad} {bar} {}", paint.role(severity, &label));
        }
    }
    for note in &finding.notes {
        // Notes quote source text, which may hold line breaks; one note stays on one line.
        let note = one_line(note);
        let note = if note.starts_with("diff: ") { std::borrow::Cow::Owned(paint.word_diff(&note)) } else { note };
        let _ = writeln!(out, "{pad} {} {note}", paint.role(Role::Gutter, "="));
    }
    if let Some(suggestion) = &finding.suggestion {
        let _ = writeln!(out, "{pad} {} {}", paint.role(Role::Gutter, "="), paint.role(Role::Help, &suggestion_help(suggestion)));
    }
}

/// So many spaces, written without a string of them.
struct Spaces(usize);

impl std::fmt::Display for Spaces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (0..self.0).try_for_each(|_| f.write_str(" "))
    }
}

/// The narrowest excerpt drawn, however narrow the terminal: below it an excerpt says nothing.
const MIN_ROOM: usize = 30;
