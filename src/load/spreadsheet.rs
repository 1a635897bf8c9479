//! Spreadsheet accidents, diagnosed: when a claim's check finds a problem, says whether the
//! claims file was garbled by an encoding mix-up (`mojibake`) or a cell reformatted by the
//! spreadsheet (`reformat`), instead of leaving the analyst to blame the source.
//!
//! Runs only on claims that already have a finding, so a clean check pays nothing for it.

use super::claims::ClaimRef;
use super::mojibake::{self, Repair};
use super::reformat::{self, Reformatting};
use super::sources::SourceSet;
use crate::findings::{Code, Finding};

/// How to open and save a claims file so its text survives, for every mojibake diagnosis.
const SAVE_AS_UTF8: &str = "open the file as UTF-8 (Excel: Data > From Text/CSV, File Origin \"65001: Unicode (UTF-8)\"; \
LibreOffice: Character set \"Unicode (UTF-8)\"), correct the garbled cells, and save it as \"CSV UTF-8\"";

/// The shortest quote whose reformatting the source can confirm: shorter ones (`04`, `1 May`)
/// stand in most long documents by chance.
const MIN_CONFIRMING_QUOTE: usize = 12;

/// Findings a garbled or reformatted quote causes.
fn about_the_quote(code: Code) -> bool {
    matches!(code, Code::SpanEdited | Code::SpanMissing | Code::SpanAmbiguous | Code::SpanNormalized | Code::SpanInvalid)
}

/// Findings a garbled or reformatted value causes.
fn about_the_value(code: Code) -> bool {
    matches!(code, Code::FigureMismatch | Code::FigureUnparsed | Code::FigureAmbiguous)
}

/// Adds the diagnosis to the findings of `claim`'s check, those of `all` from `first` on. A
/// garbled row whose check found nothing else (a garbled `subject` only splits a group) gets a
/// `csv-invalid` finding of its own: its text is not what the analyst wrote.
pub fn diagnose(claim: &ClaimRef<'_>, sources: &SourceSet, all: &mut Vec<Finding>, first: usize) {
    if all.len() == first {
        if let Some(finding) = garbled_row(claim) {
            all.push(finding);
        }
        return;
    }
    let findings = &mut all[first..];
    let source = sources.resolve(&claim.source).ok().and_then(|file| sources.text(file).ok());
    let in_source = |text: &str| source.as_ref().is_some_and(|source| source.as_str().contains(text));

    let garbled = garbled_cells(claim);
    if !garbled.is_empty() {
        let quote_garbled = garbled.iter().any(|(column, _)| *column == "quote");
        let confirmed = garbled.iter().find(|(column, repair)| *column == "quote" && in_source(&repair.text)).map(|_| ", and the source holds the quote as meant").unwrap_or_default();
        let diagnosis = format!("{}{confirmed}", describe(claim, &garbled));
        for finding in findings.iter_mut() {
            if quote_garbled && about_the_quote(finding.code) {
                // The source did not change: its offsets are no help, the file's text is.
                finding.suggestion = None;
                let said = std::mem::replace(&mut finding.message, diagnosis.clone());
                finding.notes.insert(0, format!("without the garbling the check would say: {said}"));
                finding.notes.push(format!("to repair it, {SAVE_AS_UTF8}"));
            } else {
                finding.notes.push(format!("{diagnosis}; {SAVE_AS_UTF8}"));
            }
        }
        return;
    }

    // A reformatted cell moves no text in the source: the quote put back must stand around its
    // recorded offsets (or the place the check found it again), which also keeps this cheap
    // however long the source. A short quote may stand anywhere by chance: only context confirms.
    let windows: Vec<std::ops::Range<usize>> = [claim.start.parse().ok().zip(claim.end.parse().ok())]
        .into_iter()
        .chain(findings.iter().map(|f| f.suggestion.as_ref().map(|s| (s.start, s.end))))
        .flatten()
        .map(|(start, end): (usize, usize)| {
            let slack = claim.quote.chars().count() + 16;
            start.saturating_sub(slack)..end.saturating_add(slack)
        })
        .collect();
    let window_texts: Vec<&str> = match source.as_ref() {
        Some(source) => windows.iter().filter_map(|window| source.slice(window.start.min(source.char_len())..window.end.min(source.char_len()))).collect(),
        None => Vec::new(),
    };
    let near_offsets = |restored: &str| window_texts.iter().any(|text| text.contains(restored));
    let confirmed_in_source = |restored: &str| restored.chars().count() >= MIN_CONFIRMING_QUOTE && near_offsets(restored);
    let quote = findings.iter().any(|f| about_the_quote(f.code)).then(|| reformat::explain(&claim.quote, true, confirmed_in_source, near_offsets)).flatten();
    let in_quote = |typed: &str| claim.quote.contains(typed);
    let value = findings.iter().any(|f| about_the_value(f.code)).then(|| reformat::explain(&claim.value, true, in_quote, in_quote)).flatten();
    let mut notes: Vec<String> = Vec::new();
    for (column, reformatting, where_) in [("quote", quote, "the source"), ("value", value, "the quote")] {
        if let Some(Reformatting { shown, typed, what }) = reformatting {
            notes.push(format!(
                "`{column}` holds `{shown}` where {where_} has `{typed}`: it looks like the spreadsheet {what}; \
                 format the column as Text before pasting (or type `'{typed}`), and correct the cell"
            ));
        }
    }
    for (column, cell) in [("id", &claim.id), ("value", &claim.value), ("quote", &claim.quote)] {
        if reformat::scientific(cell) && !(column == "quote" && in_source(cell)) {
            notes.push(format!(
                "`{column}` is `{}`, a long number in the scientific notation a spreadsheet shows it in: the digits after the first few are lost; \
                 format the column as Text and enter the number again",
                cell.trim()
            ));
        }
    }
    for finding in findings.iter_mut() {
        finding.notes.extend(notes.iter().cloned());
    }
}

/// The cells of `claim` that look garbled, with what they were meant to read.
fn garbled_cells(claim: &ClaimRef<'_>) -> Vec<(&'static str, Repair)> {
    let cells = [("quote", &claim.quote), ("value", &claim.value), ("subject", &claim.subject), ("measure", &claim.measure), ("id", &claim.id), ("source", &claim.source), ("prefix", &claim.prefix), ("suffix", &claim.suffix)];
    cells.into_iter().filter_map(|(column, cell)| Some((column, mojibake::repair(cell)?))).collect()
}

/// "row 3 looks garbled ...: `subject` was meant to read `...`".
fn describe(claim: &ClaimRef<'_>, garbled: &[(&str, Repair)]) -> String {
    let meant: Vec<String> = garbled.iter().map(|(column, repair)| format!("`{column}` was meant to read `{}`", repair.text)).collect();
    let (_, first) = &garbled[0];
    let times = if first.times > 1 { format!(" ({} times over)", first.times) } else { String::new() };
    format!(
        "row {} looks garbled by an encoding mix-up (mojibake), not changed in the source: its UTF-8 text was read as {} and saved again{times}; {}",
        claim.row,
        first.misreading.name(),
        meant.join("; ")
    )
}

/// The finding of a garbled row the check found nothing else wrong with.
fn garbled_row(claim: &ClaimRef<'_>) -> Option<Finding> {
    let garbled = garbled_cells(claim);
    let (column, _) = garbled.first()?;
    Some(claim.finding(Code::CsvInvalid, format!("{}; {SAVE_AS_UTF8}", describe(claim, &garbled))).in_column(*column))
}

/// A `claim-duplicate-id` finding: two long ids a spreadsheet turned into the same scientific
/// notation are no duplicates the analyst made.
pub fn diagnose_duplicate(id: &str, finding: &mut Finding) {
    let id = id.trim();
    if !id.is_empty() && id.len() < 16 && id.bytes().all(|b| b.is_ascii_digit()) && !id.starts_with('0') {
        // Only a possibility: the ids before the spreadsheet are gone, so it is said as one.
        finding.notes.push(format!(
            "`{id}` is a number to a spreadsheet: if the ids were typed with leading zeros (`0{id}`, `00{id}`), it dropped them and ids that differed only in them now read the same; \
             format the `id` column as Text and enter the ids again"
        ));
    }
    if reformat::scientific(id) {
        finding.notes.push(format!(
            "`{}` is a long number in the scientific notation a spreadsheet shows it in: different ids that share their first digits now read the same; \
             format the `id` column as Text and enter the ids again",
            id.trim()
        ));
    }
}

/// For a row that is not UTF-8: the single-byte encoding its bytes look like, and how they read
/// in it, when the evidence is strong.
pub fn not_utf8_hint(bytes: &[u8]) -> String {
    match mojibake::legacy_reading(bytes) {
        Some((encoding, text)) => format!("it looks like {encoding} text (`{}`), as a spreadsheet saves \"CSV\" without UTF-8; ", text.trim()),
        None => String::new(),
    }
}

/// For a header that lacks a required column: whether its names look garbled (a UTF-8 file's
/// byte-order mark read as Windows-1252 turns `id` into `ï»¿id`), and how to save the file.
pub fn header_hint(names: &[String]) -> String {
    let garbled: Vec<(String, Repair)> = names.iter().filter_map(|name| Some((name.clone(), mojibake::repair(name)?))).collect();
    let Some((_, first)) = garbled.first() else { return String::new() };
    let meant: Vec<String> = garbled
        .iter()
        .map(|(name, repair)| match repair.text.strip_prefix('\u{feff}') {
            Some(rest) => format!("`{name}` was `{rest}` after a UTF-8 byte-order mark"),
            None => format!("`{name}` was meant to read `{}`", repair.text),
        })
        .collect();
    format!(
        "; the header looks garbled by an encoding mix-up (mojibake): its UTF-8 text was read as {} and saved again ({}); {SAVE_AS_UTF8}",
        first.misreading.name(),
        meant.join("; ")
    )
}
