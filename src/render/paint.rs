//! Colour for the `full` report, as rustc colours its errors: severity and code, the gutter, the
//! carets, and the deleted and inserted words of a diff. Without colour every call returns the
//! text unchanged, so the coloured and the plain report hold the same characters.

use crate::findings::Severity;
use anstyle::{AnsiColor, Style};
use std::fmt::Write;

/// What a piece of the report is, which decides its colour.
#[derive(Debug, Clone, Copy)]
pub enum Role {
    Severity(Severity),
    /// `-->`, `|`, `=`, line numbers.
    Gutter,
    /// The message and the summary.
    Emphasis,
    /// `help: set start = ...`.
    Help,
}

pub struct Paint {
    color: bool,
}

/// A piece of text and the style it is drawn in, if any.
pub struct Painted<'a> {
    style: Option<Style>,
    text: &'a str,
}

impl std::fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.style {
            Some(style) => write!(f, "{}{}{}", style.render(), self.text, style.render_reset()),
            None => f.write_str(self.text),
        }
    }
}

impl Paint {
    pub fn new(color: bool) -> Paint {
        Paint { color }
    }

    fn style(role: Role) -> Style {
        match role {
            Role::Severity(Severity::Error) => AnsiColor::BrightRed.on_default().bold(),
            Role::Severity(Severity::Warning) => AnsiColor::BrightYellow.on_default().bold(),
            Role::Severity(Severity::Note) => AnsiColor::BrightCyan.on_default().bold(),
            Role::Gutter => AnsiColor::BrightBlue.on_default().bold(),
            Role::Emphasis => Style::new().bold(),
            Role::Help => AnsiColor::BrightGreen.on_default(),
        }
    }

    /// `text` in the colour of `role`, written where it is formatted: a report of a hundred
    /// thousand findings paints a million pieces, none of which needs a string of its own.
    pub fn role<'a>(&self, role: Role, text: &'a str) -> Painted<'a> {
        self.styled(Self::style(role), text)
    }

    fn styled<'a>(&self, style: Style, text: &'a str) -> Painted<'a> {
        Painted { style: (self.color && !text.is_empty()).then_some(style), text }
    }

    /// A word diff (`[-old-]{+new+}`) with the deleted words red and the inserted green; the
    /// markers stay, so the diff reads the same without colour.
    pub fn word_diff(&self, text: &str) -> String {
        if !self.color {
            return text.to_string();
        }
        let (deleted, inserted) = (AnsiColor::Red.on_default(), AnsiColor::Green.on_default());
        let mut out = String::new();
        let mut rest = text;
        while let Some(open) = rest.find(['[', '{']) {
            let (marks, style) = if rest[open..].starts_with("[-") { (("[-", "-]"), deleted) } else { (("{+", "+}"), inserted) };
            let close = rest[open..].starts_with(marks.0).then(|| rest[open + 2..].find(marks.1)).flatten();
            let Some(close) = close else {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
                continue;
            };
            let end = open + 2 + close + 2;
            out.push_str(&rest[..open]);
            let _ = write!(out, "{}", self.styled(style, &rest[open..end]));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_the_diff_words_and_nothing_without_colour() {
        let diff = "diff: killed [-190-]{+180+} [x] {y}";
        assert_eq!(Paint::new(false).word_diff(diff), diff);
        let coloured = Paint::new(true).word_diff(diff);
        assert!(coloured.contains("\u{1b}[31m[-190-]\u{1b}[0m") && coloured.contains("\u{1b}[32m{+180+}\u{1b}[0m"), "{coloured:?}");
        assert!(coloured.ends_with(" [x] {y}"));
    }
}
