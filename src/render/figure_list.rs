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
    let mut out = serde_json::to_string_pretty(&rows).expect("figures serialize: they hold only strings and numbers");
    out.push('\n');
    out
}

/// `path:line:col  kind  interval  text`, aligned, then a count.
pub fn full(listings: &[Listing<'_>]) -> String {
    let mut lines = Vec::new();
    for listing in listings {
        for figure in listing.figures {
            let at = listing.text.line_col(figure.start);
            let place = format!("{}:{}:{}", super::escape::one_line(listing.source.unwrap_or("<text>")), at.line, at.column);
            let text = super::escape::one_line(&figure.text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned();
            let kind = match figure.currency {
                Some(code) => format!("{} {code}", figure.kind.name()),
                None => figure.kind.name().to_string(),
            };
            lines.push((place, kind, figure.interval.to_string(), text));
        }
    }
    let width = |pick: fn(&(String, String, String, String)) -> usize| lines.iter().map(pick).max().unwrap_or(0);
    let (place_w, kind_w, interval_w) = (width(|l| l.0.chars().count()), width(|l| l.1.len()), width(|l| l.2.chars().count()));
    let mut out = String::new();
    for (place, kind, interval, text) in &lines {
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w - s.chars().count()));
        let _ = writeln!(out, "{}  {}  {}  {text}", pad(place, place_w), pad(kind, kind_w), pad(interval, interval_w));
    }
    let _ = writeln!(out, "{}", super::plural(lines.len(), "figure"));
    out
}
