//! The sources: each one's manifest details and text (whole, or only the sentences around
//! claims) with every claim's span marked; hovering or focusing a span shows the claim's id,
//! figure and findings, and following it leads to the claim's finding or group.

use super::escape::{anchor, attr, esc, push, web_link};
use super::excerpt::sentence;
use super::filter::Filter;
use super::{Home, Page, SourceText, counted};
use crate::compare::GroupClaim;
use crate::findings::Severity;
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

/// More sources than this and each text starts collapsed, so a large report opens fast.
const OPEN_TEXTS: usize = 20;
/// More marked spans than this and overlapping spans share one mark (see `marked`).
const LEAN_FROM: usize = 5_000;

pub(super) fn render(out: &mut String, page: &Page<'_>) {
    let files = page.sources.file_names();
    out.push_str("<section id=\"sources\" aria-labelledby=\"sources-title\">\n<h2 id=\"sources-title\">Sources</h2>\n");
    match page.settings.source_text {
        SourceText::Full => out.push_str("<p>Each source in full, every claim's span marked. Hover over or focus a span to see its claim.</p>\n"),
        SourceText::Excerpts => out.push_str("<p>Only the sentences around claims are shown (<code>--html-sources excerpts</code>); the rest of each source is left out of this page.</p>\n"),
    }
    let figures: HashMap<&str, &GroupClaim> = page.report.disagreements.iter().flat_map(|g| &g.claims).map(|c| (&*c.id, c)).collect();
    let open = files.len() <= OPEN_TEXTS;
    let lean = page.spans_in.values().map(Vec::len).sum::<usize>() > LEAN_FROM;
    for file in files {
        source(out, page, file, &figures, open, lean);
    }
    out.push_str("</section>\n");
}

fn source(out: &mut String, page: &Page<'_>, file: &str, figures: &HashMap<&str, &GroupClaim>, open: bool, lean: bool) {
    let spans = page.spans_in.get(file).map_or(&[][..], Vec::as_slice);
    let mut filter = Filter::default();
    filter.source(file);
    for (_, id) in spans {
        for finding in page.findings(id) {
            filter.finding(finding);
        }
    }
    let _ = writeln!(out, "<article class=\"source\" id=\"{}\"{}>", anchor("source", file), filter.attributes());
    let _ = writeln!(out, "<h3>{}</h3>", esc(page.source_title(file)));
    let info = page.sources.info(file).cloned().unwrap_or_default();
    let mut meta = vec![format!("<code>{}</code>", esc(&page.sources.display_path(file)))];
    for (label, value) in [("id", &info.id), ("by", &info.author), ("", &info.publisher)] {
        if !value.is_empty() {
            meta.push(if label.is_empty() { esc(value) } else { format!("{label} {}", esc(value)) });
        }
    }
    meta.push(if info.published.is_empty() { "undated".to_string() } else { format!("published <time>{}</time>", esc(&info.published)) });
    if let Some(url) = web_link(&info.url) {
        meta.push(format!("<a href=\"{}\" rel=\"noopener noreferrer\">{}</a>", attr(url), esc(url)));
    } else if !info.url.is_empty() {
        meta.push(esc(&info.url));
    }
    meta.push(format!("{} marked", counted(spans.len(), "claim")));
    let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    match page.sources.text_ref(file) {
        Err(error) => {
            let _ = writeln!(out, "<p class=\"note\">The text cannot be shown: {}</p>", esc(&error.to_string()));
        }
        Ok(text) => {
            let bytes: Vec<(Range<usize>, &str)> = spans.iter().filter_map(|(span, id)| Some((text.byte_range(span.clone())?, *id))).collect();
            let windows = match page.settings.source_text {
                SourceText::Full => std::iter::once(0..text.as_str().len()).collect(),
                SourceText::Excerpts => merged(spans.iter().filter_map(|(span, _)| sentence(text, span.clone())).collect()),
            };
            let _ = writeln!(out, "<details class=\"text\"{}><summary>Text</summary>", if open { " open" } else { "" });
            if windows.is_empty() {
                out.push_str("<p class=\"note\">No claim quotes this source, so none of its text is embedded.</p>\n");
            }
            for (n, window) in windows.iter().enumerate() {
                if n > 0 {
                    out.push_str("<p class=\"elided\" aria-label=\"text left out\">[…]</p>\n");
                }
                out.push_str("<pre class=\"text\">");
                marked(out, page, text.as_str(), window.clone(), &bytes, figures, lean);
                out.push_str("</pre>\n");
            }
            out.push_str("</details>\n");
        }
    }
    out.push_str("</article>\n");
}

/// Byte ranges sorted and merged where they overlap or touch.
fn merged(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// Writes `window` of `s` with the claims' spans (bytes, sorted by start) marked. Overlapping
/// spans cut the text into pieces, each marked with every claim covering it; on a large page
/// (`lean`) each stretch of overlapping spans is one mark, which keeps the page light enough to
/// open quickly.
fn marked(out: &mut String, page: &Page<'_>, s: &str, window: Range<usize>, spans: &[(Range<usize>, &str)], figures: &HashMap<&str, &GroupClaim>, lean: bool) {
    let inside: Vec<&(Range<usize>, &str)> = spans.iter().filter(|(span, _)| span.start >= window.start && span.end <= window.end).collect();
    let mut cuts: Vec<usize> = if lean {
        merged(inside.iter().map(|(span, _)| span.clone()).collect()).into_iter().flat_map(|r| [r.start, r.end]).collect()
    } else {
        inside.iter().flat_map(|(span, _)| [span.start, span.end]).collect()
    };
    cuts.extend([window.start, window.end]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut next = 0;
    let mut active: Vec<&(Range<usize>, &str)> = Vec::new();
    for piece in cuts.windows(2) {
        let (from, to) = (piece[0], piece[1]);
        active.retain(|(span, _)| span.end > from);
        // The claims starting in this piece: all at its start, unless a lean mark holds several.
        let starting = inside[next..].iter().take_while(|(span, _)| span.start < to).count();
        let starts = &inside[next..next + starting];
        next += starting;
        if active.is_empty() && starts.is_empty() {
            push(out, &s[from..to]);
            continue;
        }
        active.extend(starts);
        let ids: Vec<&str> = active.iter().map(|(_, id)| *id).collect();
        let homed = |id: &str| page.homes.get(id) == Some(&Home::Source);
        // The first claim starting where the mark starts has its anchor on the mark itself: one
        // element fewer per mark, which counts on a page of a hundred thousand claims.
        let on_mark = starts.first().filter(|(span, id)| span.start == from && homed(id));
        let close = open_piece(out, page, &ids, figures, on_mark.map(|(_, id)| *id));
        let mut at = from;
        for (span, id) in starts.iter().skip(usize::from(on_mark.is_some())) {
            push(out, &s[at..span.start]);
            at = span.start;
            if homed(id) {
                let _ = write!(out, "<i id=\"{}\"></i>", anchor("claim", id));
            }
        }
        push(out, &s[at..to]);
        out.push_str(close);
    }
}

/// Claims named one by one in a mark's tooltip; more are counted.
const TIP_CLAIMS: usize = 4;

/// Opens the mark of a piece of text covered by the claims `ids`: a link to the first finding
/// of one of them (or its group), whose tooltip names the claims, their figures and findings.
/// `anchored` is the claim whose anchor the mark carries, if any. Returns the closing tag.
fn open_piece(out: &mut String, page: &Page<'_>, ids: &[&str], figures: &HashMap<&str, &GroupClaim>, anchored: Option<&str>) -> &'static str {
    let mut tips = Vec::new();
    let mut worst: Option<Severity> = None;
    let mut target = None;
    for (n, id) in ids.iter().enumerate() {
        let mut findings = page.finding_indices(id).peekable();
        if target.is_none() {
            target = findings.peek().map(|i| format!("#finding-{i}"));
        }
        let codes: Vec<&str> = findings
            .map(|i| &page.report.findings[i])
            .map(|f| {
                worst = Some(worst.map_or(f.severity, |w| w.min(f.severity)));
                f.code.name()
            })
            .collect();
        if n < TIP_CLAIMS {
            let mut tip = (*id).to_string();
            if let Some(claim) = figures.get(id) {
                let _ = write!(tip, ": `{}` {}", claim.figure, claim.interval);
            }
            if let Some(&group) = page.group_of.get(id) {
                let _ = write!(tip, " · group {}", page.report.disagreements[group].verdict.name());
            }
            tip.push_str(" · ");
            tip.push_str(&if codes.is_empty() { "no finding".to_string() } else { codes.join(", ") });
            tips.push(tip);
        }
    }
    if ids.len() > TIP_CLAIMS {
        tips.push(format!("and {}", counted(ids.len() - TIP_CLAIMS, "more claim")));
    }
    let target = target.or_else(|| ids.iter().find_map(|id| page.group_of.get(id)).map(|g| format!("#group-{g}")));
    let class = worst.map_or("clean", Severity::name);
    let tip = attr(&tips.join(" | "));
    let id = anchored.map(|claim| format!(" id=\"{}\"", anchor("claim", claim))).unwrap_or_default();
    match target {
        Some(href) => {
            let _ = write!(out, "<a class=\"span sev-{class}\"{id} href=\"{href}\" data-tip=\"{tip}\">");
            "</a>"
        }
        None => {
            let _ = write!(out, "<mark class=\"span sev-{class}\"{id} tabindex=\"0\" data-tip=\"{tip}\">");
            "</mark>"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merged;

    #[test]
    fn windows_merge_where_they_overlap_or_touch() {
        assert_eq!(merged(vec![5..9, 0..3, 3..4, 8..12, 20..21]), vec![0..4, 5..12, 20..21]);
        assert_eq!(merged(vec![]), Vec::<std::ops::Range<usize>>::new());
    }
}
