//! The summary: counts by severity and code, the sources with their manifest details, the
//! configuration used; and the filter form the inline script shows.

use super::escape::{anchor, attr, esc, web_link};
use super::{Page, SourceText, counted, grouped};
use crate::findings::{Code, Severity};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// More sources than this and the summary's table of them starts collapsed.
const OPEN_SOURCES: usize = 30;

pub(super) fn render(out: &mut String, page: &Page<'_>) {
    let report = page.report;
    out.push_str("<section id=\"summary\" aria-labelledby=\"summary-title\">\n<h2 id=\"summary-title\">Summary</h2>\n");
    let _ = writeln!(out, "<p>{} checked; {} compared.</p>", counted(report.claims, "claim"), counted(report.disagreements.len(), "figure group"));
    out.push_str("<div class=\"counts\">\n<table class=\"by-severity\"><caption>Findings by severity</caption><thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Findings</th></tr></thead><tbody>\n");
    for severity in [Severity::Error, Severity::Warning, Severity::Note] {
        let _ = writeln!(
            out,
            "<tr><td><span class=\"badge sev-{0}\">{0}</span></td><td class=\"number\">{1}</td></tr>",
            severity.name(),
            grouped(report.count(severity))
        );
    }
    out.push_str("</tbody></table>\n");
    let mut by_code: BTreeMap<Code, (usize, BTreeSet<Severity>)> = BTreeMap::new();
    for finding in &report.findings {
        let entry = by_code.entry(finding.code).or_default();
        entry.0 += 1;
        entry.1.insert(finding.severity);
    }
    out.push_str("<table class=\"by-code\"><caption>Findings by code</caption><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Severity</th><th scope=\"col\">Findings</th><th scope=\"col\">Raised when</th></tr></thead><tbody>\n");
    if by_code.is_empty() {
        out.push_str("<tr><td colspan=\"4\">No findings.</td></tr>\n");
    }
    for (code, (count, severities)) in &by_code {
        let severities: Vec<&str> = severities.iter().map(|s| s.name()).collect();
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"number\">{}</td><td>{}</td></tr>",
            code.name(),
            severities.join(", "),
            grouped(*count),
            esc(code.summary())
        );
    }
    out.push_str("</tbody></table>\n</div>\n");
    sources_table(out, page);
    configuration(out, page);
    out.push_str("</section>\n");
}

fn sources_table(out: &mut String, page: &Page<'_>) {
    let files = page.sources.file_names();
    let open = if files.len() <= OPEN_SOURCES { " open" } else { "" };
    let _ = writeln!(out, "<details class=\"sources-table\"{open}><summary><h3>Sources ({})</h3></summary>", grouped(files.len()));
    out.push_str("<table><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Id</th><th scope=\"col\">Title</th><th scope=\"col\">Author</th><th scope=\"col\">Publisher</th><th scope=\"col\">Published</th><th scope=\"col\">Address</th></tr></thead><tbody>\n");
    for file in files {
        let info = page.sources.info(file).cloned().unwrap_or_default();
        let link = match web_link(&info.url) {
            Some(url) => format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", attr(url), esc(url)),
            // Not http(s): shown as text, never followed.
            None => esc(&info.url),
        };
        let _ = writeln!(
            out,
            "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"url\">{link}</td></tr>",
            anchor("source", file),
            esc(file),
            esc(&info.id),
            esc(&info.title),
            esc(&info.author),
            esc(&info.publisher),
            esc(&info.published)
        );
    }
    out.push_str("</tbody></table>\n</details>\n");
}

fn configuration(out: &mut String, page: &Page<'_>) {
    let settings = page.settings;
    out.push_str("<h3>Configuration</h3>\n<dl class=\"configuration\">\n");
    let mut item = |name: &str, value: String| {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{value}</dd>");
    };
    item("Sources folder", format!("<code>{}</code>", esc(&settings.sources)));
    item("Claims", format!("<code>{}</code>", esc(&settings.annotations)));
    item("Configuration file", settings.config.as_deref().map_or("none (built-in defaults)".to_string(), |file| format!("<code>{}</code>", esc(file))));
    item("Approximate figures", format!("±{}% around the stated figure", crate::figures::format_number(crate::figures::tidy(settings.approximate_tolerance * 100.0))));
    let severities = if settings.severities.is_empty() {
        "as the contract sets them".to_string()
    } else {
        settings.severities.iter().map(|(code, level)| format!("<code>{}</code> = {}", esc(code), esc(level))).collect::<Vec<_>>().join(", ")
    };
    item("Severities", severities);
    item(
        "Source text",
        match settings.source_text {
            SourceText::Full => "each source in full".to_string(),
            SourceText::Excerpts => "excerpts: only the sentences around claims".to_string(),
        },
    );
    out.push_str("</dl>\n");
}

/// The filter form: hidden until the inline script shows it, as it does nothing without it.
pub(super) fn filters(out: &mut String, page: &Page<'_>) {
    let codes: BTreeSet<Code> = page.report.findings.iter().map(|f| f.code).collect();
    let severities: BTreeSet<Severity> = page.report.findings.iter().map(|f| f.severity).collect();
    out.push_str("<form id=\"filters\" class=\"filters\" hidden aria-label=\"Filter the findings and groups\">\n");
    out.push_str("<label>Code <select name=\"code\"><option value=\"\">any</option>");
    for code in codes {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", code.name());
    }
    out.push_str("</select></label>\n<label>Severity <select name=\"severity\"><option value=\"\">any</option>");
    for severity in severities {
        let _ = write!(out, "<option value=\"{0}\">{0}</option>", severity.name());
    }
    out.push_str("</select></label>\n<label>Source <select name=\"source\"><option value=\"\">any</option>");
    for file in page.sources.file_names() {
        let _ = write!(out, "<option value=\"{}\">{}</option>", anchor("source", file), esc(file));
    }
    out.push_str("</select></label>\n<output name=\"shown\" aria-live=\"polite\"></output>\n</form>\n");
}
