//! One card per group of figure claims, disagreements first: the verdict, the number line, and
//! each claim's sentence with its figure highlighted, its source and date.

use super::escape::{anchor, attr, esc};
use super::excerpt::{push_sentence, sentence};
use super::filter::Filter;
use super::number_line::{self, Drawn, proving_pair};
use super::{Home, Page, counted, grouped};
use crate::compare::groups::Verdict;
use crate::compare::{Disagreement, GroupClaim};
use crate::figures::{Interval, Kind};
use crate::findings::Code;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A group with more claims than this draws only its extremes and the pair proving a conflict.
pub(super) const MAX_DRAWN: usize = 24;
/// Claims shown with their sentences; the rest of a larger group are listed in a table.
const MAX_SENTENCES: usize = 24;
/// Disagreement cards past this many start collapsed, so a large report opens fast.
const OPEN_CARDS: usize = 50;

pub(super) fn render(out: &mut String, page: &Page<'_>) {
    let groups = &page.report.disagreements;
    out.push_str("<section id=\"groups\" aria-labelledby=\"groups-title\">\n<h2 id=\"groups-title\">Figure groups</h2>\n");
    if groups.is_empty() {
        out.push_str("<p>No two figure claims share a subject and a measure.</p>\n</section>\n");
        return;
    }
    let mut order: Vec<usize> = (0..groups.len()).collect();
    // Stable: within a rank the groups keep their subject order.
    order.sort_by_key(|&i| rank(&groups[i]));
    let disagreeing = order.iter().filter(|&&i| groups[i].verdict != Verdict::Agree).count();
    let _ = writeln!(
        out,
        "<p>{}: {} disagree and come first; {} agree and are collapsed. Open a card to see its claims.</p>",
        counted(groups.len(), "group"),
        grouped(disagreeing),
        grouped(groups.len() - disagreeing)
    );
    for (shown, &index) in order.iter().enumerate() {
        let open = groups[index].verdict != Verdict::Agree && shown < OPEN_CARDS;
        card(out, page, index, open);
    }
    out.push_str("</section>\n");
}

/// What needs a look comes first: conflicts, then the other disagreements, then disagreements
/// a review covers; agreeing groups last.
fn rank(group: &Disagreement) -> u8 {
    match (group.verdict, group.reviewed.is_some()) {
        (Verdict::Agree, _) => 3,
        (_, true) => 2,
        (Verdict::Conflict, false) => 0,
        (_, false) => 1,
    }
}

fn card(out: &mut String, page: &Page<'_>, index: usize, open: bool) {
    let group = &page.report.disagreements[index];
    let verdict = group.verdict.name();
    let mut filter = Filter::default();
    for claim in &group.claims {
        filter.source(&claim.source);
        for finding in page.findings(&claim.id) {
            filter.finding(finding);
        }
    }
    let _ = writeln!(out, "<details class=\"card verdict-{verdict}\" id=\"group-{index}\"{}{}>", filter.attributes(), if open { " open" } else { "" });
    let _ = write!(out, "<summary><h3><span class=\"badge verdict-{verdict}\">{verdict}</span> {} <span class=\"measure\">/ {}</span></h3>", esc(&group.subject), esc(&group.measure));
    let _ = write!(out, " <span class=\"count\">{}</span>", counted(group.claims.len(), "claim"));
    if group.reviewed.is_some() {
        out.push_str(" <span class=\"badge reviewed\">reviewed</span>");
    }
    out.push_str("</summary>\n");
    if let Some(reason) = &group.reviewed {
        let _ = writeln!(out, "<p class=\"review\"><strong>Reviewed as {verdict}:</strong> {}</p>", esc(reason));
    }
    let intervals = on_one_scale(&group.claims);
    let lines = lines(group);
    if lines.len() > 1 {
        let units: Vec<&str> = lines.iter().map(|(unit, _)| unit.as_str()).collect();
        let _ = writeln!(
            out,
            "<p class=\"note\">The claims state figures in different units ({}): each unit has its own line, and figures in different units are not compared.</p>",
            esc(&units.join(", "))
        );
    }
    let mut drawn_indices = Vec::new();
    for (unit, members) in &lines {
        let member_intervals: Vec<Interval> = members.iter().map(|&i| intervals[i]).collect();
        let on_line: Vec<usize> = drawn(&member_intervals).into_iter().map(|k| members[k]).collect();
        let drawn_claims: Vec<Drawn<'_>> = on_line.iter().map(|&i| Drawn { id: &group.claims[i].id, interval: intervals[i], figure: &group.claims[i].figure }).collect();
        let drawn_intervals: Vec<Interval> = drawn_claims.iter().map(|d| d.interval).collect();
        let gap = if group.verdict == Verdict::Conflict { proving_pair(&drawn_intervals) } else { None };
        if on_line.len() < members.len() {
            let _ = writeln!(
                out,
                "<p class=\"note\">{} of {} claims drawn: the lowest and highest figures and the pair that shows a conflict; every claim is listed below.</p>",
                on_line.len(),
                grouped(members.len())
            );
        }
        let caption = if lines.len() > 1 { format!("{} / {} ({unit}): {verdict}", group.subject, group.measure) } else { format!("{} / {}: {verdict}", group.subject, group.measure) };
        out.push_str("<figure class=\"line\">");
        number_line::svg(out, &drawn_claims, gap, &caption);
        out.push_str("</figure>\n");
        drawn_indices.extend(on_line);
    }
    claims_list(out, page, group, index, &drawn_indices);
    out.push_str("</details>\n");
}

/// The claims' intervals on one scale: where a group mixes percents and fractions, the
/// fractions become percents, as the verdict compares them.
fn on_one_scale(claims: &[GroupClaim]) -> Vec<Interval> {
    let percents = claims.iter().any(|c| c.kind == Kind::Percent);
    claims.iter().map(|c| if percents && c.kind == Kind::Fraction { c.interval.scaled(100.0) } else { c.interval }).collect()
}

/// The number lines of a group: one, unless the verdict says the claims' figures were not
/// compared (they are in different units); then one per unit, in order of first use, or one per
/// claim when the units that differ are finer than the page tells apart (two currencies).
fn lines(group: &Disagreement) -> Vec<(String, Vec<usize>)> {
    let compared = matches!(group.verdict, Verdict::Agree | Verdict::Imprecise | Verdict::Conflict);
    let mut lines: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, claim) in group.claims.iter().enumerate() {
        let unit = if compared { String::new() } else { unit_of(claim) };
        match lines.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, members)) => members.push(i),
            None => lines.push((unit, vec![i])),
        }
    }
    if !compared && lines.len() == 1 {
        return group.claims.iter().enumerate().map(|(i, claim)| (format!("{} of {}", unit_of(claim), claim.id), vec![i])).collect();
    }
    lines
}

/// What a claim's figure counts, as the page names units: shares are all percents.
fn unit_of(claim: &GroupClaim) -> String {
    match claim.kind {
        Kind::Fraction => Kind::Percent.name().to_string(),
        kind => kind.name().to_string(),
    }
}

/// The intervals drawn on a line, by index: all of a small group; of a large one, the lowest
/// start, the highest end and the pair proving a conflict.
fn drawn(intervals: &[Interval]) -> Vec<usize> {
    if intervals.len() <= MAX_DRAWN {
        return (0..intervals.len()).collect();
    }
    let low = |i: &usize| intervals[*i].low.unwrap_or(f64::NEG_INFINITY);
    let high = |i: &usize| intervals[*i].high.unwrap_or(f64::INFINITY);
    let all = 0..intervals.len();
    let mut chosen = BTreeSet::new();
    chosen.extend(all.clone().min_by(|a, b| low(a).total_cmp(&low(b))));
    chosen.extend(all.clone().max_by(|a, b| high(a).total_cmp(&high(b))));
    chosen.extend(all.clone().max_by(|a, b| low(a).total_cmp(&low(b))));
    chosen.extend(all.min_by(|a, b| high(a).total_cmp(&high(b))));
    if let Some((a, b)) = proving_pair(intervals) {
        chosen.extend([a, b]);
    }
    chosen.into_iter().collect()
}

fn claims_list(out: &mut String, page: &Page<'_>, group: &Disagreement, index: usize, drawn: &[usize]) {
    let newest = group.claims.iter().filter_map(|c| c.published.as_deref()).max();
    // "Newest" says something only when the claims' dates differ.
    let dates_differ = group.claims.iter().any(|c| c.published.as_deref() != newest);
    let first: Vec<usize> = drawn.iter().copied().chain((0..group.claims.len()).filter(|i| !drawn.contains(i))).take(MAX_SENTENCES).collect();
    out.push_str("<ol class=\"claims\">\n");
    for &i in &first {
        let claim = &group.claims[i];
        let is_newest = dates_differ && claim.published.is_some() && claim.published.as_deref() == newest;
        claim_item(out, page, claim, index, is_newest);
    }
    out.push_str("</ol>\n");
    let rest: Vec<usize> = (0..group.claims.len()).filter(|i| !first.contains(i)).collect();
    if rest.is_empty() {
        return;
    }
    let _ = writeln!(out, "<details class=\"more\"><summary>{}</summary>", counted(rest.len(), "more claim"));
    out.push_str("<table><thead><tr><th scope=\"col\">Claim</th><th scope=\"col\">Figure</th><th scope=\"col\">Interval</th><th scope=\"col\">Source</th><th scope=\"col\">Published</th></tr></thead><tbody>\n");
    for i in rest {
        let claim = &group.claims[i];
        let _ = writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
            page.claim_id_attr(&claim.id, Home::Card(index)),
            claim_ref(page, &claim.id),
            esc(&claim.figure),
            esc(&claim.interval.to_string()),
            esc(page.source_title(&claim.source)),
            esc(claim.published.as_deref().unwrap_or("undated"))
        );
    }
    out.push_str("</tbody></table>\n</details>\n");
}

/// A claim id, linked to its anchor when the page has one elsewhere.
pub(super) fn claim_ref(page: &Page<'_>, id: &str) -> String {
    match page.claim_link(id) {
        Some(href) => format!("<a class=\"claim-id\" href=\"{}\">{}</a>", attr(&href), esc(id)),
        None => format!("<span class=\"claim-id\">{}</span>", esc(id)),
    }
}

fn claim_item(out: &mut String, page: &Page<'_>, claim: &GroupClaim, index: usize, newest: bool) {
    let _ = write!(out, "<li class=\"claim\" data-claim=\"{}\"{}>", attr(&claim.id), page.claim_id_attr(&claim.id, Home::Card(index)));
    let _ = write!(out, "{} states <strong class=\"figure\">{}</strong> <code class=\"interval\">{}</code>", claim_ref(page, &claim.id), esc(&claim.figure), esc(&claim.interval.to_string()));
    let _ = write!(out, " <span class=\"kind\">({})</span>", claim.kind.name());
    let _ = write!(out, "<br><span class=\"from\">in <a href=\"#{}\"><cite>{}</cite></a>", anchor("source", &claim.source), esc(page.source_title(&claim.source)));
    match &claim.published {
        Some(date) => {
            let _ = write!(out, ", published <time>{}</time>", esc(date));
        }
        None => out.push_str(", undated"),
    }
    if newest {
        out.push_str(" <span class=\"badge newest\">newest</span>");
    }
    if let Some(mark) = page.marks.get(&*claim.id) {
        let _ = write!(out, " · {} row {}", esc(&mark.file), mark.row);
    }
    out.push_str("</span>\n");
    claim_sentence(out, page, claim);
    let findings: Vec<String> = page
        .finding_indices(&claim.id)
        .map(|i| {
            let finding = &page.report.findings[i];
            format!("<a class=\"badge sev-{}\" href=\"#finding-{i}\">{}</a>", finding.severity.name(), finding.code.name())
        })
        .collect();
    if !findings.is_empty() {
        let _ = write!(out, "<p class=\"claim-findings\">Findings: {}</p>", findings.join(" "));
    }
    out.push_str("</li>\n");
}

/// The claim's sentence from its source with the figure highlighted; the recorded quote when
/// the quote no longer stands in the source as written.
fn claim_sentence(out: &mut String, page: &Page<'_>, claim: &GroupClaim) {
    let Some(mark) = page.marks.get(&*claim.id) else { return };
    let placed = mark.source.as_deref().zip(mark.span.clone()).and_then(|(source, span)| {
        let text = page.sources.text_ref(source).ok()?;
        let quote = text.byte_range(span.clone())?;
        Some((text, sentence(text, span)?, quote))
    });
    out.push_str("<blockquote class=\"sentence\">");
    match placed {
        Some((text, sentence, quote)) => {
            let s = text.as_str();
            let stretch = &s[quote.clone()];
            // The figure's place in the recorded quote, if the source writes the same there (a
            // quote matched after folding typography may differ in length); else where the
            // source's text of the quote states it.
            let figure = bytes_of(stretch, &claim.in_quote)
                .filter(|f| stretch.get(f.clone()) == Some(claim.figure.as_str()))
                .or_else(|| stretch.find(claim.figure.as_str()).map(|at| at..at + claim.figure.len()))
                .map(|f| quote.start + f.start..quote.start + f.end);
            push_sentence(out, s, sentence, quote, figure);
        }
        None => {
            let quote = mark.quote.as_str();
            push_sentence(out, quote, 0..quote.len(), 0..quote.len(), bytes_of(quote, &claim.in_quote));
            let _ = write!(out, " <span class=\"note\">(the quote as recorded: {})</span>", unplaced_because(page, &claim.id));
        }
    }
    out.push_str("</blockquote>\n");
}

/// Why a claim's quote has no place in its source, in words, from its findings.
fn unplaced_because(page: &Page<'_>, id: &str) -> &'static str {
    let codes: Vec<Code> = page.findings(id).map(|f| f.code).collect();
    if codes.contains(&Code::SpanAmbiguous) {
        "it stands at several places in its source and nothing tells which is meant"
    } else if codes.contains(&Code::SourceMissing) {
        "its source cannot be read"
    } else if codes.contains(&Code::SpanEdited) || codes.contains(&Code::SpanMissing) {
        "it no longer stands in its source as written"
    } else {
        "its place in its source is not known"
    }
}

/// The byte range of the code point range `chars` of `text`, when it lies inside it.
fn bytes_of(text: &str, chars: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let mut boundaries = text.char_indices().map(|(at, _)| at).chain([text.len()]);
    let start = boundaries.nth(chars.start)?;
    let end = if chars.end == chars.start { start } else { boundaries.nth(chars.end - chars.start - 1)? };
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::bytes_of;

    #[test]
    fn code_points_to_bytes() {
        assert_eq!(bytes_of("über 300 Tote", &(5..8)), Some(6..9));
        assert_eq!(bytes_of("abc", &(0..3)), Some(0..3));
        assert_eq!(bytes_of("abc", &(3..3)), Some(3..3));
        assert_eq!(bytes_of("abc", &(2..4)), None);
    }
}
