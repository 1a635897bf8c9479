//! A CSV file read into memory, its header mapped, its rows decoded: every problem becomes a
//! `csv-invalid` finding naming the file, row, column and byte, and the row is left out of the
//! check (it is reported, never silently skipped).

use super::table::{Dialect, RawCell, RawRecord, ScanError, Scanner};
use crate::findings::{Code, Finding, Region};
use std::borrow::Cow;
use std::path::{Path, PathBuf};

pub const SAVE_AS_UTF8: &str = "save it from the spreadsheet as \"CSV UTF-8\"";

pub struct CsvFile {
    /// Path for reports: relative, with `/`.
    pub display: String,
    pub bytes: Vec<u8>,
    pub dialect: Dialect,
}

impl CsvFile {
    pub fn read(path: &Path, display: String) -> std::io::Result<CsvFile> {
        let bytes = std::fs::read(path)?;
        Ok(CsvFile::from_bytes(bytes, display))
    }

    pub fn from_bytes(bytes: Vec<u8>, display: String) -> CsvFile {
        let dialect = Dialect::detect(&bytes);
        CsvFile { display, bytes, dialect }
    }

    /// Reads the header and checks that `required` columns are there. The returned rows iterate
    /// lazily over the file.
    pub fn rows(&self, required: &[&str]) -> Result<(Header, Rows<'_>), Finding> {
        let mut scanner = Scanner::new(&self.bytes, self.dialect);
        let header = Header::read(scanner.next(), required, &self.display)?;
        let rows = Rows { file: self, scanner, names: header.names.clone() };
        Ok((header, rows))
    }
}

/// Column names, trimmed and lowercased.
#[derive(Debug, Clone)]
pub struct Header {
    pub names: Vec<String>,
}

impl Header {
    /// The header from the first record of file `display` (`None` when the file is empty), with
    /// the `required` columns checked.
    pub fn read(first: Option<Result<RawRecord<'_>, ScanError>>, required: &[&str], display: &str) -> Result<Header, Finding> {
        let invalid = |message: String| Finding::new(Code::CsvInvalid, display, message).at_row(1, 1);
        let record = match first {
            None => return Err(invalid(format!("the file is empty: it needs a header row with the columns {}", required.join(", ")))),
            Some(Err(error)) => return Err(invalid(format!("the header cannot be read: {}", error.message))),
            Some(Ok(record)) => record,
        };
        let mut names = Vec::with_capacity(record.cells.len());
        for (index, cell) in record.cells.iter().enumerate() {
            match std::str::from_utf8(&cell.value) {
                Ok(name) => names.push(column_name(name)),
                Err(error) => {
                    return Err(invalid(format!(
                        "the header is not UTF-8 (column {}, byte {}): {SAVE_AS_UTF8}",
                        index + 1,
                        cell.span.start + error.valid_up_to()
                    )));
                }
            }
        }
        for (index, name) in names.iter().enumerate() {
            if !name.is_empty() && names[..index].contains(name) {
                return Err(invalid(format!("the header names the column `{name}` twice: rename or remove one")).in_column(name.clone()));
            }
        }
        let missing: Vec<&str> = required.iter().copied().filter(|name| !names.iter().any(|n| n == name)).collect();
        if !missing.is_empty() {
            let found = names.join(", ");
            return Err(invalid(format!(
                "the header lacks the required column{} {}: it has {found}{}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", "),
                super::spreadsheet::header_hint(&names)
            )));
        }
        Ok(Header { names })
    }
}

impl CsvFile {
    /// Points each finding (sorted by row) at the cell its `column` names in its row, or at the
    /// whole row. Rows past a record that cannot be scanned keep no region.
    fn place(&self, findings: &mut [&mut Finding]) {
        let mut names = Vec::new();
        let mut pending = findings.iter_mut().peekable();
        for record in Scanner::new(&self.bytes, self.dialect) {
            let Ok(record) = record else { break };
            if record.row == 1 {
                names = record.cells.iter().map(|cell| column_name(&String::from_utf8_lossy(&cell.value))).collect();
            }
            while pending.next_if(|f| f.row < Some(record.row)).is_some() {}
            while let Some(finding) = pending.next_if(|f| f.row == Some(record.row)) {
                place_in_record(finding, &record, &names, &self.bytes, 0);
            }
            if pending.peek().is_none() {
                break;
            }
        }
    }
}

/// Where, in the file, the cell of `column` (by header name) stands in `record`, or the whole
/// record when it has no such cell. `bytes` holds the file from offset `base`.
pub fn cell_region(record: &RawRecord<'_>, names: &[String], column: Option<&str>, bytes: &[u8], base: usize) -> Region {
    let cell = column.and_then(|column| names.iter().position(|name| name == column)).and_then(|i| record.cells.get(i));
    let span = cell.map_or(&record.span, |cell| &cell.span);
    Region { start: record.position(bytes, base, span.start), end: record.position(bytes, base, span.end) }
}

/// Points a finding about `record` at the cell its `column` names, unless it is placed already.
pub fn place_in_record(finding: &mut Finding, record: &RawRecord<'_>, names: &[String], bytes: &[u8], base: usize) {
    if finding.region.is_none() {
        finding.region = Some(cell_region(record, names, finding.column.as_deref(), bytes, base));
    }
}

/// Gives every finding about a row of one of `files` (report path, path on disk) its region.
///
/// Findings about claims are placed while their row is read (`place_in_record`); this places
/// the rest (the manifest's, the reviews', rows the scanner gave up on), scanning again only
/// the files that have such findings.
pub fn place_findings(findings: &mut [Finding], files: &[(String, PathBuf)]) {
    for (display, path) in files {
        let mut wanted: Vec<&mut Finding> = findings.iter_mut().filter(|f| f.file == *display && f.row.is_some() && f.region.is_none()).collect();
        if wanted.is_empty() {
            continue;
        }
        // A file that cannot be read again keeps its findings at their row's line.
        let Ok(file) = CsvFile::read(path, display.clone()) else { continue };
        wanted.sort_by_key(|f| f.row);
        file.place(&mut wanted);
    }
}

/// How a header cell names its column: trimmed and lowercased, so `Quote ` is `quote`.
fn column_name(header_cell: &str) -> String {
    header_cell.trim().to_lowercase()
}

impl Header {
    pub fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// The index of a column that `CsvFile::rows` already checked is present.
    pub fn required(&self, name: &str) -> usize {
        self.index(name).unwrap_or_else(|| panic!("required column `{name}` was checked at load"))
    }
}

/// One decoded data row.
pub struct Row<'a> {
    pub row: usize,
    pub line: usize,
    pub values: Vec<Cow<'a, str>>,
    pub record: RawRecord<'a>,
}

impl Row<'_> {
    /// The cell of column `index`, or "" when the file has no such column.
    pub fn get(&self, index: Option<usize>) -> &str {
        cell(&self.values, index)
    }
}

/// The cell of column `index` among a row's `values`, or "" when the file has no such column.
pub fn cell<'v>(values: &'v [Cow<'_, str>], index: Option<usize>) -> &'v str {
    index.and_then(|i| values.get(i)).map_or("", |value| value.as_ref())
}

pub struct Rows<'a> {
    file: &'a CsvFile,
    scanner: Scanner<'a>,
    names: Vec<String>,
}

impl<'a> Rows<'a> {
    /// The rows that read, for small files (the manifest, the reviews) that are read whole; the
    /// finding of each row that did not is added to `findings`.
    pub fn readable(self, findings: &mut Vec<Finding>) -> Vec<Row<'a>> {
        self.filter_map(|row| row.map_err(|finding| findings.push(finding)).ok()).collect()
    }
}

impl<'a> Iterator for Rows<'a> {
    type Item = Result<Row<'a>, Finding>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = match self.scanner.next()? {
                Ok(record) if is_empty_row(&record) => continue,
                Ok(record) => record,
                Err(error) => return Some(Err(scan_failure(&error, &self.file.display))),
            };
            return Some(decode(record, &self.names, &self.file.display));
        }
    }
}

/// A row whose cells are all empty (`,,,,`): spreadsheets export such rows below the data. Like
/// a blank line, it holds nothing to check, so it is no claim and no error.
pub fn is_empty_row(record: &RawRecord<'_>) -> bool {
    record.cells.iter().all(|cell| cell.value.iter().all(u8::is_ascii_whitespace))
}

/// The finding for a record the scanner could not split; the scanner stops there.
pub fn scan_failure(error: &ScanError, display: &str) -> Finding {
    let message = format!("row {} cannot be read (byte {}): {}; the rest of the file is not checked", error.row, error.byte, error.message);
    Finding::new(Code::CsvInvalid, display, message).at_row(error.row, error.line)
}

/// Turns a record of file `display` into a row of the columns `names`: the cell count must match
/// the header and every cell must be UTF-8.
pub fn decode<'a>(record: RawRecord<'a>, names: &[String], display: &str) -> Result<Row<'a>, Finding> {
    let mut values = Vec::with_capacity(record.cells.len());
    decode_into(&record, names, display, None, &mut values)?;
    Ok(Row { row: record.row, line: record.line, values, record })
}

/// Scanned bytes known to be UTF-8 as a whole, starting at file offset `base`: their cells need
/// no check of their own, since cells end at ASCII bytes and so on character boundaries.
#[derive(Clone, Copy)]
pub struct Utf8Window<'a> {
    pub text: &'a str,
    pub base: usize,
}

impl<'a> Utf8Window<'a> {
    /// The window's text when all of `bytes` (at file offset `base`) is UTF-8.
    pub fn new(bytes: &'a [u8], base: usize) -> Option<Self> {
        std::str::from_utf8(bytes).ok().map(|text| Utf8Window { text, base })
    }

    /// The text of a cell whose value is the borrowed slice `value` of the window.
    fn cell(&self, cell: &RawCell<'_>, value: &[u8]) -> Option<&'a str> {
        // A borrowed value starts right after the opening quote, if any (see `Scanner::cell`).
        let start = (cell.span.start + usize::from(cell.quoted)).checked_sub(self.base)?;
        self.text.get(start..start + value.len()).filter(|text| text.as_bytes() == value)
    }
}

/// What `decode` does, into `values` (cleared first), so one buffer serves every row of a batch.
/// `window`, when given, holds the record's bytes as text.
pub fn decode_into<'a>(record: &RawRecord<'a>, names: &[String], display: &str, window: Option<Utf8Window<'a>>, values: &mut Vec<Cow<'a, str>>) -> Result<(), Finding> {
    let invalid = |message: String| Finding::new(Code::CsvInvalid, display, message).at_row(record.row, record.line);
    if record.cells.len() != names.len() {
        return Err(invalid(format!(
            "row {} has {} cells but the header has {} columns: check for a stray delimiter or a missing quote; the row is not checked",
            record.row,
            record.cells.len(),
            names.len()
        )));
    }
    values.clear();
    for (index, cell) in record.cells.iter().enumerate() {
        let value = match &cell.value {
            Cow::Borrowed(bytes) => match window.and_then(|window| window.cell(cell, bytes)) {
                Some(text) => Ok(Cow::Borrowed(text)),
                None => std::str::from_utf8(bytes).map(Cow::Borrowed),
            },
            Cow::Owned(bytes) => std::str::from_utf8(bytes).map(|s| Cow::Owned(s.to_string())),
        };
        match value {
            Ok(value) => values.push(value),
            Err(error) => {
                // Quoted cells lose their escapes in `value`, so the byte is approximate there;
                // unquoted cells map one to one.
                let byte = cell.span.start + usize::from(cell.quoted) + error.valid_up_to();
                let hint = super::spreadsheet::not_utf8_hint(&cell.value);
                return Err(invalid(format!("row {} is not UTF-8 (byte {byte}): {hint}{SAVE_AS_UTF8}; the row is not checked", record.row))
                    .in_column(names[index].clone()));
            }
        }
    }
    Ok(())
}
