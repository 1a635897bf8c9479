//! The listing of `claimcheck figures`: every figure of each text, as lines or as JSON.

use crate::figures::{Figure, Interval, Kind};
use crate::load::text::SourceText;
use serde::Serialize;
use std::fmt::Write;

/// The figures of one text, and what to call the text in the listing (`None` for `--text`).
pub struct Listing<'a> {
    pub source: Option<&'a str>,
    pub text: &'a SourceText,
    pub figures: &'a [Figure],
}

#[derive(Serialize)]
struct JsonFigure<'a> {
    source: Option<&'a str>,
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(flatten)]
    interval: Interval,
    kind: Kind,
    currency: Option<&'a str>,
}

pub fn json(listings: &[Listing<'_>]) -> String {
    let rows: Vec<JsonFigure<'_>> = listings
        .iter()
        .flat_map(|listing| {
            listing.figures.iter().map(|f| JsonFigure { source: listing.source, start: f.start, end: f.end, text: &f.text, interval: f.interval, kind: f.kind, currency: f.currency })
        })
        .collect();
    super::json_text::to_string(&rows)
}

/// One figure's line of the `full` listing before alignment: place, kind, interval, text.
pub struct Line {
    place: String,
    kind: String,
    interval: String,
    text: String,
}

/// The lines of one text's figures, in order: built per text, so texts can be taken in parallel.
pub fn lines(listing: &Listing<'_>) -> Vec<Line> {
    let source = super::escape::one_line(listing.source.unwrap_or("<text>"));
    listing
        .figures
        .iter()
        .map(|figure| {
            let at = listing.text.line_col(figure.start);
            let place = format!("{source}:{}:{}", at.line, at.column);
            let text = super::escape::one_line(&figure.text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
            let kind = match figure.currency {
                Some(code) => format!("{} {code}", figure.kind.name()),
                None => figure.kind.name().to_string(),
            };
            Line { place, kind, interval: figure.interval.to_string(), text }
        })
        .collect()
}

/// The column widths of the listing: every line of every text is aligned alike.
#[derive(Clone, Copy, Default)]
pub struct Widths {
    place: usize,
    kind: usize,
    interval: usize,
}

impl Widths {
    /// The widths `lines` need.
    pub fn of(lines: &[Line]) -> Self {
        lines.iter().fold(Widths::default(), |w, l| Widths {
            place: w.place.max(l.place.chars().count()),
            kind: w.kind.max(l.kind.len()),
            interval: w.interval.max(l.interval.chars().count()),
        })
    }

    /// Wide enough for both.
    pub fn max(self, other: Self) -> Self {
        Widths { place: self.place.max(other.place), kind: self.kind.max(other.kind), interval: self.interval.max(other.interval) }
    }
}

/// `lines` aligned to `widths`, one text line each: a chunk of the `full` listing.
pub fn aligned(lines: &[Line], widths: Widths) -> String {
    let mut out = String::new();
    let pad = |out: &mut String, s: &str, w: usize| {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', w - s.chars().count()));
    };
    for line in lines {
        pad(&mut out, &line.place, widths.place);
        out.push_str("  ");
        pad(&mut out, &line.kind, widths.kind);
        out.push_str("  ");
        pad(&mut out, &line.interval, widths.interval);
        let _ = writeln!(out, "  {}", line.text);
    }
    out
}

/// The listing's last line: how many figures it lists.
pub fn count_line(figures: usize) -> String {
    format!("{}\n", super::plural(figures, "figure"))
}

/// `path:line:col  kind  interval  text`, aligned, then a count.
pub fn full(listings: &[Listing<'_>]) -> String {
    let lines: Vec<Line> = listings.iter().flat_map(lines).collect();
    let mut out = aligned(&lines, Widths::of(&lines));
    out.push_str(&count_line(lines.len()));
    out
}
