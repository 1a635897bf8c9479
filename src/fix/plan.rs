//! Planning `fix`: which cells of which rows change, and which claims are left for a human.
//!
//! Only certain re-anchors are planned: the quote stands as written, or up to typography (the
//! quote then takes the source's typography), at one place, or at several of which its
//! `prefix`/`suffix` fit one only. Approximate (edited), ambiguous and missing spans, and every
//! other finding are left for a human, with the reason in the finding.

use super::digest::DigestKey;
use super::formula;
use super::rewrite::CellEdit;
use super::stream::{Evidence, Sink, stream_file};
use crate::load::limits::Limits;
use crate::check::locate_claim;
use crate::findings::{Code, Finding, Suggestion};
use crate::load::claims::{Claim, ClaimColumns};
use crate::load::csv_file::Row;
use crate::load::sources::SourceSet;
use crate::load::text::SourceText;
use crate::paths::display_path;
use crate::spans::locate::Decided;
use crate::spans::shift::{SourceKey, Unsettled};
use crate::spans::{Anchorer, Offsets};
use std::path::PathBuf;
use std::sync::Arc;

/// How many characters of context `fix` writes into blank `prefix`/`suffix` cells, at most,
/// before cutting back to a word boundary.
pub const CONTEXT_CHARS: usize = 40;

/// The change to one claims file.
#[derive(Debug, Clone)]
pub struct FilePlan {
    pub path: PathBuf,
    /// The path as reports show it.
    pub display: String,
    pub original: Vec<u8>,
    /// The file after the fix; equal to `original` when nothing changes.
    pub fixed: Vec<u8>,
    pub rows: Vec<RowFix>,
}

impl FilePlan {
    pub fn changes(&self) -> bool {
        self.original != self.fixed
    }

    pub fn cells(&self) -> usize {
        self.rows.iter().map(|r| r.columns.len()).sum()
    }
}

/// What was fixed in one row, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowFix {
    pub row: usize,
    pub claim: String,
    pub code: Code,
    pub columns: Vec<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub files: Vec<FilePlan>,
    /// The findings `fix` does not resolve, in report order.
    pub left: Vec<Finding>,
}

/// Plans the fix of `files` in memory, keeping each file's bytes before and after: for tests and
/// small files. `fix` itself streams the files (see `stream`) and never holds one whole.
pub fn plan(sources: &SourceSet, files: &[PathBuf]) -> Plan {
    let mut plan = Plan::default();
    let (anchorer, key) = (Anchorer::default(), DigestKey::new());
    for path in files {
        let display: Arc<str> = display_path(path).into();
        let mut memory = Memory::default();
        match stream_file(path, &display, sources, &anchorer, &key, Limits::default(), &mut plan.left, &mut memory) {
            Ok(mut streamed) => {
                let fixed = if let Some(finding) = streamed.left_alone.take() {
                    plan.left.push(finding);
                    memory.original.clone()
                } else {
                    memory.fixed
                };
                plan.files.push(FilePlan { path: path.clone(), display: display.to_string(), original: memory.original, fixed, rows: streamed.rows });
            }
            Err(error) => plan.left.push(Finding::new(Code::CsvInvalid, display.to_string(), format!("the file cannot be read: {error}"))),
        }
    }
    plan.left.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    plan
}

/// The file before and after the fix, in memory.
#[derive(Default)]
struct Memory {
    original: Vec<u8>,
    fixed: Vec<u8>,
}

impl Sink for Memory {
    fn keep(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.original.extend_from_slice(bytes);
        self.fixed.extend_from_slice(bytes);
        Ok(())
    }

    fn change(&mut self, old: &[u8], new: &[u8]) -> std::io::Result<()> {
        self.original.extend_from_slice(old);
        self.fixed.extend_from_slice(new);
        Ok(())
    }

    fn restart(&mut self) -> std::io::Result<()> {
        *self = Memory::default();
        Ok(())
    }
}

/// A quote written at its one copy away from its offsets, or at the copy its context chose,
/// which the claims around it may yet contest once the whole file is read (see
/// `stream::stream_file`).
pub struct Written {
    pub claim: Claim,
    /// Its source file.
    pub file: String,
    pub unsettled: Box<Unsettled>,
}

/// The fix of one row: `Ok(None)` when the row needs none, `Err` with the finding a human must
/// look at.
pub(super) fn plan_row(
    claim: &Claim,
    row: &Row<'_>,
    columns: &ClaimColumns,
    sources: &SourceSet,
    anchorer: &mut Anchorer,
    edits: &mut Vec<CellEdit>,
    evidence: &mut Evidence,
) -> Result<Option<RowFix>, Finding> {
    let located = locate_claim(claim, sources, anchorer)?;
    let (mut span, text) = (located.span, located.text);
    evidence.placements.extend(span.placement(SourceKey::of(&text), &Offsets::parse(&claim.start, &claim.end)));
    // A quote at one copy away from its offsets, or at the copy its context chose among
    // several: written now, weighed once the file is read against how the claims around it moved.
    let written = match (span.decided, span.unsettled.take()) {
        (Some(Decided::Only | Decided::Context), Some(unsettled)) => Some(Written { claim: claim.clone(), file: located.file.to_string(), unsettled }),
        (_, unsettled) => {
            span.unsettled = unsettled;
            None
        }
    };
    let Some(finding) = span.finding else { return Ok(None) };
    // Only a quote that stands in the source as written or up to typography is anchored (moved,
    // retyped, blank offsets, offsets past the end of a shortened source), and of those only the
    // ones placed for certain (at one place, or at the one place context decides) are written.
    // Edited, ambiguous and missing quotes are left for a human; their findings say why.
    let suggestion = match (&finding.suggestion, &span.anchor, span.decided) {
        (Some(suggestion), Some(_), Some(Decided::Only | Decided::Context)) => suggestion.clone(),
        _ => return Err(finding),
    };
    let (Some(start), Some(end)) = (columns.start, columns.end) else {
        return Err(finding.with_note("the file has no `start` and `end` columns: add them so `claimcheck fix` can fill them"));
    };
    if suggestion.quote != claim.quote && formula::evaluates(&suggestion.quote) {
        return Err(formula::quote_left_for_a_human(finding));
    }
    let mut fix = RowFix { row: claim.row, claim: claim.id.clone(), code: finding.code, columns: Vec::new() };
    // The row's cells are found once, when the first of them changes.
    let mut cells = None;
    let mut set = |index: usize, name: &'static str, value: String, current: &str| {
        if current != value {
            let Some(cell) = cells.get_or_insert_with(|| row.cell_spans()).get(index).cloned() else { return };
            edits.push(CellEdit { span: cell.span, quoted: cell.quoted, value });
            fix.columns.push(name);
        }
    };
    let Suggestion { start: new_start, end: new_end, quote } = suggestion;
    set(start, "start", new_start.to_string(), &claim.start);
    set(end, "end", new_end.to_string(), &claim.end);
    set(columns.quote, "quote", quote, &claim.quote);
    // Context is added, never replaced: an analyst's own prefix or suffix stays.
    if let Some(prefix) = columns.prefix.filter(|_| claim.prefix.trim().is_empty()) {
        set(prefix, "prefix", context_before(&text, new_start), &claim.prefix);
    }
    if let Some(suffix) = columns.suffix.filter(|_| claim.suffix.trim().is_empty()) {
        set(suffix, "suffix", context_after(&text, new_end), &claim.suffix);
    }
    evidence.written.extend(written);
    Ok(Some(fix))
}

/// Up to `CONTEXT_CHARS` characters before `start`, from the start of a word and within the
/// span's line: a paragraph break is a boundary too, and keeps the cell on one line. Words a
/// spreadsheet would take for a formula are cut off (see `formula`).
pub fn context_before(text: &SourceText, start: usize) -> String {
    let from = start.saturating_sub(CONTEXT_CHARS);
    let window = text.slice(from..start).unwrap_or_default();
    let context = match window.rfind(['\n', '\r']) {
        Some(line_break) => &window[line_break + 1..],
        None if from == 0 => window,
        None => window.find(char::is_whitespace).map_or("", |cut| &window[cut..]).trim_start(),
    };
    visible(formula::safe_prefix(context))
}

/// Context with nothing to see (the indentation before a quote that opens its line) is no
/// context: it folds to less than a side is weighed at, and would fill a cell that looks blank.
fn visible(context: &str) -> String {
    if context.trim().is_empty() { String::new() } else { context.to_string() }
}

/// Up to `CONTEXT_CHARS` characters after `end`, to the end of a word and within the span's line;
/// blank when a spreadsheet would take it for a formula (see `formula`).
pub fn context_after(text: &SourceText, end: usize) -> String {
    let to = (end + CONTEXT_CHARS).min(text.char_len());
    let window = text.slice(end..to).unwrap_or_default();
    let context = match window.find(['\n', '\r']) {
        Some(line_break) => &window[..line_break],
        None if to == text.char_len() => window,
        None => window.rfind(char::is_whitespace).map_or("", |cut| &window[..cut]).trim_end(),
    };
    visible(formula::safe_suffix(context))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_word_boundaries() {
        let text = SourceText::new("Officials at the scene said that 137 people were killed in the attack on the concert hall.".to_string());
        let start = text.as_str().find("137").unwrap();
        let end = start + "137 people were killed".len();
        assert_eq!(context_before(&text, start), "Officials at the scene said that ");
        assert_eq!(context_after(&text, end), " in the attack on the concert hall.");
        assert_eq!(context_after(&text, start + 3), " people were killed in the attack on");
        assert_eq!(context_before(&text, text.char_len() - 1), "in the attack on the concert hall");
        assert_eq!(context_after(&text, text.char_len() - 5), "hall.");
        let lines = SourceText::new("First paragraph ends.\r\nSecond one: 137 dead.\nThird.".to_string());
        let start = lines.as_str().find("137").unwrap();
        assert_eq!(context_before(&lines, start), "Second one: ");
        assert_eq!(context_after(&lines, start + 3), " dead.");
        // An indented line's indentation, or the spaces before a line end, is no context.
        let indented = SourceText::new("-o, --older-than\n        Match only older processes.   \nNext.".to_string());
        let start = indented.as_str().find("Match").unwrap();
        let end = indented.as_str().find("   \n").unwrap();
        assert_eq!((context_before(&indented, start), context_after(&indented, end)), (String::new(), String::new()));
    }
}
