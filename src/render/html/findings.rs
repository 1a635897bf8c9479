//! The findings by claims file and row: each with the source excerpt and its span highlighted,
//! the word diff of an edited quote, the suggestion and what to do.

use super::escape::{anchor, attr, esc, push};
use super::excerpt::{push_sentence, sentence};
use super::filter::Filter;
use super::groups::claim_ref;
use super::{Home, Page, counted};
use crate::findings::{Code, Finding};
use similar::{ChangeTag, TextDiff};
use std::collections::BTreeSet;
use std::fmt::Write;

/// A claims file with more findings than this starts collapsed.
const OPEN_FINDINGS: usize = 200;
/// Findings of one claims file shown in full; the rest are listed one line each, so a report
/// of thousands of findings stays quick to open.
const DETAILED_FINDINGS: usize = 500;

pub(super) fn render(out: &mut String, page: &Page<'_>) {
    let findings = &page.report.findings;
    out.push_str("<section id=\"findings\" aria-labelledby=\"findings-title\">\n<h2 id=\"findings-title\">Findings</h2>\n");
    if findings.is_empty() {
        out.push_str("<p>No findings: every claim holds.</p>\n</section>\n");
        return;
    }
    // Findings come sorted by file and row, so each file's and each row's are consecutive.
    let mut at = 0;
    while at < findings.len() {
        let file = &findings[at].file;
        let end = at + findings[at..].iter().take_while(|f| &f.file == file).count();
        file_block(out, page, at..end);
        at = end;
    }
    out.push_str("</section>\n");
}

fn file_block(out: &mut String, page: &Page<'_>, range: std::ops::Range<usize>) {
    let findings = &page.report.findings;
    let file = &findings[range.start].file;
    let open = if range.len() <= OPEN_FINDINGS { " open" } else { "" };
    let _ = writeln!(out, "<details class=\"file\"{open}><summary><h3><code>{}</code></h3> <span class=\"count\">{}</span></summary>", esc(file), counted(range.len(), "finding"));
    let mut at = range.start;
    while at < range.end && at - range.start < DETAILED_FINDINGS {
        let row = findings[at].row;
        let end = at + findings[at..range.end].iter().take_while(|f| f.row == row).count();
        row_block(out, page, at..end);
        at = end;
    }
    if at < range.end {
        compact(out, page, at..range.end);
    }
    out.push_str("</details>\n");
}

/// Findings listed one line each: row, claim, severity, code and message. The claim's link leads
/// to its passage, where its span is marked.
fn compact(out: &mut String, page: &Page<'_>, range: std::ops::Range<usize>) {
    let _ = writeln!(
        out,
        "<details class=\"compact\"><summary>{}, one line each</summary>\n<table><thead><tr><th scope=\"col\">Row</th><th scope=\"col\">Claim</th><th scope=\"col\">Severity</th><th scope=\"col\">Code</th><th scope=\"col\">Message</th></tr></thead><tbody>",
        counted(range.len(), "more finding")
    );
    for (index, finding) in range.clone().zip(&page.report.findings[range]) {
        let (code, severity) = (finding.code.name(), finding.severity.name());
        let _ = write!(out, "<tr id=\"finding-{index}\"{}><td>", Filter::default().finding(finding).attributes());
        if let Some(row) = finding.row {
            let _ = write!(out, "{row}");
        }
        out.push_str("</td><td>");
        if let Some(claim) = &finding.claim {
            let here = page.claim_id_attr(claim, Home::Finding(index));
            if !here.is_empty() {
                let _ = write!(out, "<i{here}></i>");
            }
            out.push_str(&claim_ref(page, claim));
        }
        let _ = writeln!(out, "</td><td><span class=\"badge sev-{severity}\">{severity}</span></td><td><code>{code}</code></td><td>{}</td></tr>", esc(&finding.message));
    }
    out.push_str("</tbody></table>\n</details>\n");
}

fn row_block(out: &mut String, page: &Page<'_>, range: std::ops::Range<usize>) {
    let findings = &page.report.findings[range.clone()];
    let mut filter = Filter::default();
    for finding in findings {
        filter.finding(finding);
    }
    let _ = write!(out, "<article class=\"row\"{}><h4>", filter.attributes());
    match findings[0].row {
        Some(row) => {
            let _ = write!(out, "Row {row}");
        }
        None => out.push_str("The whole file"),
    }
    let claims: BTreeSet<&str> = findings.iter().filter_map(|f| f.claim.as_deref()).collect();
    for claim in claims {
        let _ = write!(out, " · claim {}", claim_ref(page, claim));
    }
    out.push_str("</h4>\n");
    for (index, finding) in range.zip(findings) {
        finding_block(out, page, index, finding);
    }
    out.push_str("</article>\n");
}

fn finding_block(out: &mut String, page: &Page<'_>, index: usize, finding: &Finding) {
    let (code, severity) = (finding.code.name(), finding.severity.name());
    let _ = write!(out, "<div class=\"finding is-{severity}\" id=\"finding-{index}\"{}>", Filter::default().finding(finding).attributes());
    if let Some(claim) = &finding.claim {
        let here = page.claim_id_attr(claim, Home::Finding(index));
        if !here.is_empty() {
            let _ = write!(out, "<i{here}></i>");
        }
    }
    let _ = write!(out, "<p class=\"headline\"><span class=\"badge sev-{severity}\">{severity}</span> <code>{code}</code>");
    if let Some(column) = &finding.column {
        let _ = write!(out, " <span class=\"column\">column <code>{}</code></span>", esc(column));
    }
    if let Some(group) = finding.claim.as_deref().and_then(|c| page.group_of.get(c)).filter(|_| is_group_code(finding.code)) {
        let _ = write!(out, " <a href=\"#group-{group}\">see the group</a>");
    }
    out.push_str("</p>\n<p class=\"message\">");
    push(out, &finding.message);
    out.push_str("</p>\n");
    excerpt(out, page, finding);
    let diffed = finding.code == Code::SpanEdited && edit_diff(out, page, finding);
    let notes: Vec<&String> = finding.notes.iter().filter(|note| !(diffed && note.starts_with("diff: "))).collect();
    if !notes.is_empty() {
        out.push_str("<ul class=\"notes\">");
        for note in notes {
            let _ = write!(out, "<li>{}</li>", esc(note.trim()));
        }
        out.push_str("</ul>\n");
    }
    if let Some(suggestion) = &finding.suggestion {
        let _ = write!(out, "<p class=\"suggestion\"><strong>Suggestion:</strong> set <code>start</code> = {}, <code>end</code> = {}", suggestion.start, suggestion.end);
        let recorded = finding.claim.as_deref().and_then(|c| page.marks.get(c)).map(|m| m.quote.as_str());
        if recorded != Some(suggestion.quote.as_str()) {
            let _ = write!(out, ", <code>quote</code> = <q>{}</q>", esc(&suggestion.quote));
        }
        out.push_str("</p>\n");
    }
    let _ = writeln!(out, "<p class=\"help\"><strong>What to do:</strong> {}</p></div>", esc(finding.code.help()));
}

/// Codes about a group of figure claims rather than one claim.
fn is_group_code(code: Code) -> bool {
    code.name().starts_with("figure-") && !matches!(code, Code::FigureUnparsed | Code::FigureAmbiguous | Code::FigureMismatch)
}

/// The source sentence the finding points at, with its span highlighted and a link to the
/// passage in the sources section.
fn excerpt(out: &mut String, page: &Page<'_>, finding: &Finding) {
    let Some(span) = &finding.span else { return };
    let Ok(text) = page.sources.text_ref(&span.source) else { return };
    let (Some(quote), Some(around)) = (text.byte_range(span.start..span.end), sentence(text, span.start..span.end)) else { return };
    let at = text.line_col(span.start);
    let _ = write!(
        out,
        "<figure class=\"excerpt\"><figcaption><a href=\"#{}\">{}</a>:{}:{}",
        anchor("source", &span.source),
        esc(&page.sources.display_path(&span.source)),
        at.line,
        at.column
    );
    if let Some(label) = &finding.label {
        let _ = write!(out, " · {}", esc(label));
    }
    if let Some(claim) = finding.claim.as_deref().filter(|c| page.homes.get(c) == Some(&Home::Source)) {
        let _ = write!(out, " · <a href=\"#{}\">the passage in its source</a>", attr(&anchor("claim", claim)));
    }
    out.push_str("</figcaption><blockquote class=\"sentence\">");
    push_sentence(out, text.as_str(), around, quote, None);
    out.push_str("</blockquote></figure>\n");
}

/// The recorded quote against the text now in the source, word by word: `<del>` what the quote
/// says and the source no longer does, `<ins>` what the source says now. False when either side
/// is unknown.
fn edit_diff(out: &mut String, page: &Page<'_>, finding: &Finding) -> bool {
    let (Some(mark), Some(suggestion)) = (finding.claim.as_deref().and_then(|c| page.marks.get(c)), &finding.suggestion) else {
        return false;
    };
    out.push_str("<p class=\"diff\"><strong>Changes:</strong> ");
    let diff = TextDiff::from_words(mark.quote.as_str(), suggestion.quote.as_str());
    let mut open: Option<ChangeTag> = None;
    for change in diff.iter_all_changes() {
        if open != Some(change.tag()) {
            close(out, open);
            match change.tag() {
                ChangeTag::Delete => out.push_str("<del>"),
                ChangeTag::Insert => out.push_str("<ins>"),
                ChangeTag::Equal => {}
            }
            open = Some(change.tag());
        }
        push(out, change.value());
    }
    close(out, open);
    out.push_str("</p>\n");
    true
}

fn close(out: &mut String, tag: Option<ChangeTag>) {
    match tag {
        Some(ChangeTag::Delete) => out.push_str("</del>"),
        Some(ChangeTag::Insert) => out.push_str("</ins>"),
        _ => {}
    }
}
