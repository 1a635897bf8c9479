//! `--format html`: one self-contained page for reviewers. The summary, then every group of
//! figure claims (disagreements first) with its number line, the findings by claims file and row,
//! and the sources with every claim's span marked. Everything is inline (no network), readable
//! without JavaScript, and the same input gives the same bytes.

mod escape;
mod excerpt;
mod filter;
mod findings;
mod groups;
mod number_line;
mod sources;
mod summary;

use crate::check::{ClaimMark, Report};
use crate::findings::Finding;
use crate::load::sources::SourceSet;
use escape::{anchor, esc};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::ops::Range;

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("filter.js");

/// How much of each source the page embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SourceText {
    /// Each source's whole text.
    #[default]
    Full,
    /// Only the sentences around claims, for confidential sources.
    Excerpts,
}

/// What the run was configured with, shown in the summary.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub sources: String,
    pub annotations: String,
    /// The configuration file used, if any.
    pub config: Option<String>,
    pub approximate_tolerance: f64,
    /// Codes whose severity the configuration changed, with the level (`off` included).
    pub severities: Vec<(String, String)>,
    pub source_text: SourceText,
}

/// Where a claim's `id="claim-..."` anchor stands on the page: its span in the sources section,
/// else its first finding, else its row in a group card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Home {
    Source,
    Finding(usize),
    Card(usize),
}

/// The report indexed the ways the page's sections look it up.
struct Page<'a> {
    report: &'a Report,
    sources: &'a SourceSet,
    settings: &'a Settings,
    marks: HashMap<&'a str, &'a ClaimMark>,
    /// Each claim's findings, by index into `report.findings`.
    findings_of: HashMap<&'a str, Vec<usize>>,
    /// The group each figure claim belongs to, by index into `report.disagreements`.
    group_of: HashMap<&'a str, usize>,
    homes: HashMap<&'a str, Home>,
    /// Per source file, the claims marked in its text: (code point range, claim id).
    spans_in: BTreeMap<&'a str, Vec<(Range<usize>, &'a str)>>,
}

impl<'a> Page<'a> {
    fn new(report: &'a Report, sources: &'a SourceSet, settings: &'a Settings) -> Page<'a> {
        let marks: HashMap<&str, &ClaimMark> = report.marks.iter().map(|m| (m.id.as_str(), m)).collect();
        let mut findings_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (index, finding) in report.findings.iter().enumerate() {
            if let Some(claim) = &finding.claim {
                findings_of.entry(claim.as_str()).or_default().push(index);
            }
        }
        let mut group_of = HashMap::new();
        for (index, group) in report.disagreements.iter().enumerate() {
            for claim in &group.claims {
                group_of.entry(&*claim.id).or_insert(index);
            }
        }
        let mut spans_in: BTreeMap<&str, Vec<(Range<usize>, &str)>> = BTreeMap::new();
        for mark in &report.marks {
            let placed = match (&mark.source, &mark.span) {
                (Some(source), Some(span)) => Some((source.as_str(), span.clone())),
                // An edited quote is marked where the text it became stands; a missing or
                // ambiguous one is marked nowhere, as no place is known to be its own.
                _ => findings_of.get(mark.id.as_str()).into_iter().flatten().map(|&i| &report.findings[i]).find_map(|finding| {
                    let span = finding.span.as_ref().filter(|_| finding.code == crate::findings::Code::SpanEdited)?;
                    Some((span.source.as_str(), span.start..span.end))
                }),
            };
            if let Some((source, span)) = placed
                && span.start < span.end
                && sources.text_ref(source).is_ok_and(|text| span.end <= text.char_len())
            {
                spans_in.entry(source).or_default().push((span, mark.id.as_str()));
            }
        }
        for spans in spans_in.values_mut() {
            spans.sort_by(|a, b| (a.0.start, a.0.end, a.1).cmp(&(b.0.start, b.0.end, b.1)));
        }
        let mut homes: HashMap<&str, Home> = HashMap::new();
        for (_, id) in spans_in.values().flatten() {
            homes.insert(id, Home::Source);
        }
        for (index, finding) in report.findings.iter().enumerate() {
            if let Some(claim) = &finding.claim {
                homes.entry(claim.as_str()).or_insert(Home::Finding(index));
            }
        }
        for (index, group) in report.disagreements.iter().enumerate() {
            for claim in &group.claims {
                homes.entry(&*claim.id).or_insert(Home::Card(index));
            }
        }
        Page { report, sources, settings, marks, findings_of, group_of, homes, spans_in }
    }

    /// `href` of a claim's anchor.
    fn claim_link(&self, id: &str) -> Option<String> {
        self.homes.contains_key(id).then(|| format!("#{}", anchor("claim", id)))
    }

    /// The ` id="claim-..."` attribute when the claim's anchor stands at `here`, else nothing.
    fn claim_id_attr(&self, id: &str, here: Home) -> String {
        if self.homes.get(id) == Some(&here) { format!(" id=\"{}\"", anchor("claim", id)) } else { String::new() }
    }

    /// How the page names a source: its manifest title, else its file name.
    fn source_title<'b>(&'b self, file: &'b str) -> &'b str {
        self.sources.info(file).map(|info| info.title.as_str()).filter(|t| !t.is_empty()).unwrap_or(file)
    }

    /// The findings about the claim `claim`, by index: those at its row, where the page knows
    /// it (a later row reusing the id has its own `claim-duplicate-id` finding).
    fn finding_indices(&self, claim: &str) -> impl Iterator<Item = usize> + '_ {
        let at = self.marks.get(claim).map(|mark| (mark.file.as_str(), mark.row));
        self.findings_of.get(claim).into_iter().flatten().copied().filter(move |&i| {
            let finding = &self.report.findings[i];
            at.is_none_or(|(file, row)| finding.file == file && finding.row == Some(row))
        })
    }

    fn findings(&self, claim: &str) -> impl Iterator<Item = &'a Finding> + '_ {
        let findings = &self.report.findings;
        self.finding_indices(claim).map(move |i| &findings[i])
    }
}

/// The whole page.
pub fn render(report: &Report, sources: &SourceSet, settings: &Settings) -> String {
    let page = Page::new(report, sources, settings);
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // Nothing on the page may reach the network: no fetch, no image, no frame, no form target.
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    let _ = writeln!(out, "<title>claimcheck report: {}</title>", esc(&super::summary_line(report)));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    out.push_str("<a class=\"skip\" href=\"#main\">Skip to the report</a>\n");
    out.push_str("<header>\n<h1>claimcheck report</h1>\n");
    let _ = writeln!(out, "<p class=\"verdict-line\">{}</p>", esc(&super::summary_line(report)));
    out.push_str("<nav aria-label=\"Sections\"><ul><li><a href=\"#summary\">Summary</a></li><li><a href=\"#groups\">Figure groups</a></li><li><a href=\"#findings\">Findings</a></li><li><a href=\"#sources\">Sources</a></li></ul></nav>\n");
    summary::filters(&mut out, &page);
    out.push_str("</header>\n<main id=\"main\">\n");
    summary::render(&mut out, &page);
    groups::render(&mut out, &page);
    findings::render(&mut out, &page);
    sources::render(&mut out, &page);
    out.push_str("</main>\n<footer><p>Written by claimcheck ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(". The page works offline: it loads nothing from the network.</p></footer>\n");
    let _ = write!(out, "<script>\n{SCRIPT}</script>\n</body>\n</html>\n");
    out
}

/// "1 claim", "2,000 claims": a count as people read it, with its noun.
fn counted(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{} {noun}s", grouped(count)) }
}

/// `1,234,567`: counts as people read them.
fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
