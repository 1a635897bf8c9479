//! The listing of `claimcheck figures`: every figure of each text, as lines or as JSON.

use crate::figures::{Figure, Interval, Kind};
use crate::load::text::LineCol;
use serde::Serialize;
use std::fmt::Write;

/// The figures of one text, where each stands (`places`, one a figure), and what to call the
/// text in the listing (`None` for `--text`).
pub struct Listing<'a> {
    pub source: Option<&'a str>,
    pub figures: &'a [Figure],
    pub places: &'a [LineCol],
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

/// One figure's line of the `full` listing before alignment: place (line and column of the
/// text, whose name `Lines` keeps once), kind, interval, text. Only the interval is formatted
/// ahead; the rest is written where the line is aligned.
pub struct Line<'a> {
    line: usize,
    column: usize,
    kind: &'static str,
    currency: Option<&'a str>,
    interval: String,
    text: std::borrow::Cow<'a, str>,
}

/// The lines of one text's figures, in order, and the text's name as the listing shows it.
pub struct Lines<'a> {
    source: std::borrow::Cow<'a, str>,
    lines: Vec<Line<'a>>,
}

impl Lines<'_> {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    fn place_width(&self, line: &Line<'_>) -> usize {
        self.source.chars().count() + 2 + digits(line.line) + digits(line.column)
    }
}

fn digits(n: usize) -> usize {
    n.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// The lines of one text's figures, in order: built per text, so texts can be taken in parallel.
pub fn lines<'a>(listing: &Listing<'a>) -> Lines<'a> {
    let source = super::escape::one_line(listing.source.unwrap_or("<text>"));
    let lines = listing
        .figures
        .iter()
        .zip(listing.places)
        .map(|(figure, at)| {
            // A figure's text is mostly words and single spaces: it is copied only when its
            // spaces must be made one, or a character escaped.
            let text = &figure.text;
            let spaced = !text.starts_with(char::is_whitespace)
                && !text.ends_with(char::is_whitespace)
                && !text.contains(|c: char| c.is_whitespace() && c != ' ')
                && !text.contains("  ");
            let text = match spaced {
                true => super::escape::one_line(text),
                false => std::borrow::Cow::Owned(super::escape::one_line(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()),
            };
            Line { line: at.line, column: at.column, kind: figure.kind.name(), currency: figure.currency, interval: figure.interval.to_string(), text }
        })
        .collect();
    Lines { source, lines }
}

/// The column widths of the listing: every line of every text is aligned alike.
#[derive(Clone, Copy, Default)]
pub struct Widths {
    place: usize,
    kind: usize,
    interval: usize,
}

impl Widths {
    pub fn of(lines: &Lines<'_>) -> Self {
        lines.lines.iter().fold(Widths::default(), |w, l| Widths {
            place: w.place.max(lines.place_width(l)),
            kind: w.kind.max(l.kind.len() + l.currency.map_or(0, |code| 1 + code.len())),
            interval: w.interval.max(l.interval.chars().count()),
        })
    }

    pub fn max(self, other: Self) -> Self {
        Widths { place: self.place.max(other.place), kind: self.kind.max(other.kind), interval: self.interval.max(other.interval) }
    }
}

/// The lines of one text, each column padded to `widths`.
pub fn aligned(lines: &Lines<'_>, widths: Widths) -> String {
    let mut out = String::with_capacity(lines.len() * (widths.place + widths.kind + widths.interval + 32));
    let spaces = |out: &mut String, n: usize| out.extend(std::iter::repeat_n(' ', n));
    for line in &lines.lines {
        let _ = write!(out, "{}:{}:{}", lines.source, line.line, line.column);
        spaces(&mut out, widths.place - lines.place_width(line));
        out.push_str("  ");
        out.push_str(line.kind);
        let mut kind = line.kind.chars().count();
        if let Some(code) = line.currency {
            out.push(' ');
            out.push_str(code);
            kind += 1 + code.chars().count();
        }
        spaces(&mut out, widths.kind - kind);
        out.push_str("  ");
        out.push_str(&line.interval);
        spaces(&mut out, widths.interval - line.interval.chars().count());
        out.push_str("  ");
        out.push_str(&line.text);
        out.push('\n');
    }
    out
}

pub fn count_line(figures: usize) -> String {
    format!("{}\n", super::plural(figures, "figure"))
}

/// `path:line:col  kind  interval  text`, aligned, then a count.
pub fn full(listings: &[Listing<'_>]) -> String {
    let lines: Vec<Lines<'_>> = listings.iter().map(lines).collect();
    let widths = lines.iter().map(Widths::of).fold(Widths::default(), Widths::max);
    let mut out: String = lines.iter().map(|lines| aligned(lines, widths)).collect();
    out.push_str(&count_line(lines.iter().map(Lines::len).sum()));
    out
}
