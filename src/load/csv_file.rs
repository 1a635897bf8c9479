//! A CSV file read into memory, its header mapped, its rows decoded: every problem becomes a
//! `csv-invalid` finding naming the file, row, column and byte, and the row is left out of the
//! check (it is reported, never silently skipped).

use super::open;
use super::limits::Limits;
use super::text::LineCol;
use super::table::{CellSpan, Dialect, Record, ScanError, Scanner};
use crate::findings::{Code, Finding, Region};
use rustc_hash::FxHashSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

pub const SAVE_AS_UTF8: &str = "save it from the spreadsheet as \"CSV UTF-8\"";

pub struct CsvFile {
    /// Path for reports: relative, with `/`.
    pub display: String,
    pub bytes: Vec<u8>,
    pub dialect: Dialect,
    pub limits: Limits,
}

impl CsvFile {
    /// Reads the file at `path`, which must be a regular file inside the folder it stands in (a
    /// link out of it is refused unread; see `open`).
    pub fn read(path: &Path, display: String) -> std::io::Result<CsvFile> {
        CsvFile::read_inside(path, open::own_folder(path), display)
    }

    /// Reads the file at `path`, which must be a regular file inside `folder`.
    pub fn read_inside(path: &Path, folder: &Path, display: String) -> std::io::Result<CsvFile> {
        let bytes = open::read_inside(path, folder, open::DEFAULT_SOURCE_BYTES)?;
        Ok(CsvFile::from_bytes(bytes, display))
    }

    pub fn from_bytes(bytes: Vec<u8>, display: String) -> CsvFile {
        let dialect = Dialect::detect(&bytes);
        CsvFile { display, bytes, dialect, limits: Limits::default() }
    }

    fn scanner(&self) -> Scanner<'_> {
        Scanner::new(&self.bytes, self.dialect, self.limits)
    }

    /// Reads the header and checks that `required` columns are there. The returned rows iterate
    /// lazily over the file.
    pub fn rows(&self, required: &[&str]) -> Result<(Header, Rows<'_>), Finding> {
        let mut scanner = self.scanner();
        let header = Header::read(scanner.next_record(), &self.bytes, self.dialect.delimiter, required, &self.display)?;
        let rows = Rows { file: self, scanner, names: header.names.clone(), record: Record::default() };
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
    /// the `required` columns checked. `bytes` holds the file from its start, at least up to the
    /// end of the header.
    pub fn read(first: Option<Result<Record, ScanError>>, bytes: &[u8], delimiter: u8, required: &[&str], display: &str) -> Result<Header, Finding> {
        let invalid = |message: String| Finding::new(Code::CsvInvalid, display, message).at_row(1, 1);
        let record = match first {
            None => return Err(invalid(format!("the file is empty: it needs a header row with the columns {}", required.join(", ")))),
            Some(Err(error)) => return Err(invalid(format!("the header cannot be read: {}", error.message))),
            Some(Ok(record)) => record,
        };
        let mut names = Vec::with_capacity(record.len());
        for (index, cell) in record.cells().enumerate() {
            match std::str::from_utf8(cell) {
                Ok(name) => names.push(column_name(name)),
                Err(error) => {
                    let cell = &record.cell_spans(bytes, 0, delimiter)[index];
                    return Err(invalid(format!(
                        "the header is not UTF-8 (column {}, byte {}): {SAVE_AS_UTF8}",
                        index + 1,
                        cell.span.start + usize::from(cell.quoted) + error.valid_up_to()
                    )));
                }
            }
        }
        // One set of the names seen: a header of thousands of columns is checked in one pass.
        let mut seen = FxHashSet::default();
        if let Some(name) = names.iter().find(|name| !name.is_empty() && !seen.insert(name.as_str())) {
            return Err(invalid(format!("the header names the column `{name}` twice: rename or remove one")).in_column(name.clone()));
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
    /// whole row. Rows past a record that cannot be read keep no region.
    fn place(&self, findings: &mut [&mut Finding]) {
        let mut names = Vec::new();
        let mut pending = findings.iter_mut().peekable();
        let mut scanner = self.scanner();
        let mut record = Record::default();
        while let Some(read) = scanner.read(&mut record) {
            if read.as_ref().is_err_and(|error| error.stops) {
                break;
            }
            if record.row == 1 {
                names = record.cells().map(|cell| column_name(&String::from_utf8_lossy(cell))).collect();
            }
            while pending.next_if(|f| f.row < Some(record.row)).is_some() {}
            while let Some(finding) = pending.next_if(|f| f.row == Some(record.row)) {
                let at = InFile { bytes: &self.bytes, base: 0, delimiter: self.dialect.delimiter };
                place_in_record(finding, &record, &names, at);
            }
            if pending.peek().is_none() {
                break;
            }
        }
    }
}

/// The bytes a record was read from: the file from offset `base`, and its delimiter. What it
/// takes to find a cell of the record again.
#[derive(Clone, Copy)]
pub struct InFile<'b> {
    pub bytes: &'b [u8],
    pub base: usize,
    pub delimiter: u8,
}

impl InFile<'_> {
    fn cell_spans(&self, record: &Record) -> Vec<CellSpan> {
        record.cell_spans(self.bytes, self.base, self.delimiter)
    }
}

/// Where, in the file, the cell of `column` (by header name) stands in `record`, or the whole
/// record when it has no such cell.
pub fn cell_region(record: &Record, names: &[String], column: Option<&str>, at: InFile<'_>) -> Region {
    let index = column.and_then(|column| names.iter().position(|name| name == column)).filter(|&i| i < record.len());
    let span = match index {
        Some(index) => at.cell_spans(record).swap_remove(index).span,
        None => record.span.clone(),
    };
    Region { start: record.position(at.bytes, at.base, span.start), end: record.position(at.bytes, at.base, span.end) }
}

/// Points a finding about `record` at the cell its `column` names, unless it is placed already.
pub fn place_in_record(finding: &mut Finding, record: &Record, names: &[String], at: InFile<'_>) {
    if finding.region.is_none() {
        finding.region = Some(cell_region(record, names, finding.column.as_deref(), at));
    }
}

/// Gives every finding about a row of one of `files` (report path, path on disk) its region.
///
/// Findings about claims are placed while their row is read (`place_in_record`); this places
/// the rest (the manifest's, the reviews', rows the reader gave up on), reading again only
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

/// The decoded cells of one row: its text, end to end, and where each cell ends.
#[derive(Debug, Clone, Copy)]
pub struct Cells<'r> {
    text: &'r str,
    ends: &'r [usize],
}

impl<'r> Cells<'r> {
    /// The cell of column `index`, or "" when the file has no such column.
    pub fn get(&self, index: Option<usize>) -> &'r str {
        let Some(index) = index.filter(|&i| i < self.ends.len()) else { return "" };
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        // Cells end at ASCII delimiters in the file, so every end is a character boundary.
        &self.text[start..self.ends[index]]
    }
}

/// One decoded data row, with what it takes to find its cells in the file again.
pub struct Row<'a> {
    pub row: usize,
    pub line: usize,
    text: String,
    ends: Vec<usize>,
    /// The record in the file, to find its cells again.
    span: Range<usize>,
    at: InFile<'a>,
}

impl Row<'_> {
    /// The cell of column `index`, or "" when the file has no such column.
    pub fn get(&self, index: Option<usize>) -> &str {
        self.cells().get(index)
    }

    pub fn cells(&self) -> Cells<'_> {
        Cells { text: &self.text, ends: &self.ends }
    }

    /// Where each cell stands in the file: for `fix`, which rewrites cells there.
    pub fn cell_spans(&self) -> Vec<CellSpan> {
        let raw = &self.at.bytes[self.span.start - self.at.base..self.span.end - self.at.base];
        super::table::cell_spans(raw, self.span.start, self.at.delimiter)
    }
}

/// `record` decoded (see `decode`) into a row of its own, read from `at`.
pub fn decode_row<'a>(record: &Record, names: &[String], display: &str, at: InFile<'a>) -> Result<Row<'a>, Finding> {
    decode(record, names, display, at).map(|cells| Row {
        row: record.row,
        line: record.line,
        text: cells.text.to_string(),
        ends: cells.ends.to_vec(),
        span: record.span.clone(),
        at,
    })
}

pub struct Rows<'a> {
    file: &'a CsvFile,
    scanner: Scanner<'a>,
    names: Vec<String>,
    record: Record,
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
            match self.scanner.read(&mut self.record)? {
                Ok(()) if is_empty_row(&self.record) => continue,
                Ok(()) => {}
                Err(error) => return Some(Err(scan_failure(&error, &self.file.display))),
            }
            let file = self.file;
            let at = InFile { bytes: &file.bytes, base: 0, delimiter: file.dialect.delimiter };
            return Some(decode_row(&self.record, &self.names, &file.display, at));
        }
    }
}

/// A row whose cells are all empty (`,,,,`): spreadsheets export such rows below the data. Like
/// a blank line, it holds nothing to check, so it is no claim and no error.
pub fn is_empty_row(record: &Record) -> bool {
    record.text().0.iter().all(u8::is_ascii_whitespace)
}

/// The finding for a record that could not be read.
pub fn scan_failure(error: &ScanError, display: &str) -> Finding {
    if error.stops {
        let message = format!("row {} cannot be read (byte {}): {}; the rest of the file is not checked", error.row, error.byte, error.message);
        return Finding::new(Code::CsvInvalid, display, message).at_row(error.row, error.line);
    }
    let message = format!("row {} cannot be read (byte {}): {}", error.row, error.byte, error.message);
    let mut finding = Finding::new(Code::CsvInvalid, display, message).at_row(error.row, error.line);
    // Placed at the row's first character: a row over the limits is never read again to place it.
    let start = LineCol { line: error.line, column: 1 };
    finding.region = Some(Region { start, end: start });
    finding
}

/// The cells of `record`, a record of file `display` with the columns `names`: the cell count
/// must match the header and every cell must be UTF-8. `at` finds the bad byte of a row that is not.
pub fn decode<'r>(record: &'r Record, names: &[String], display: &str, at: InFile<'_>) -> Result<Cells<'r>, Finding> {
    let invalid = |message: String| Finding::new(Code::CsvInvalid, display, message).at_row(record.row, record.line);
    if record.len() != names.len() {
        return Err(invalid(format!(
            "row {} has {} cells but the header has {} columns: check for a stray delimiter or a missing quote; the row is not checked",
            record.row,
            record.len(),
            names.len()
        )));
    }
    let (text, ends) = record.text();
    if record.known_utf8() {
        // SAFETY: the scanner checked the record's bytes in the file as UTF-8; its cells are
        // those bytes less some ASCII `"`, cut at ASCII delimiters (`Record::known_utf8`).
        return Ok(Cells { text: unsafe { std::str::from_utf8_unchecked(text) }, ends });
    }
    // The cells are checked as one text; a character split across two cells (each invalid
    // alone) shows as a cell end that is no character boundary.
    let bad = match std::str::from_utf8(text) {
        Ok(text) => match ends.iter().find(|&&end| !text.is_char_boundary(end)) {
            None => return Ok(Cells { text, ends }),
            Some(&end) => (0..end).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0),
        },
        Err(error) => error.valid_up_to(),
    };
    let index = ends.partition_point(|&end| end <= bad);
    let cell_start = if index == 0 { 0 } else { ends[index - 1] };
    let cell = &at.cell_spans(record)[index];
    // Quoted cells lose their escapes when read, so the byte is approximate there; unquoted
    // cells map one to one.
    let byte = cell.span.start + usize::from(cell.quoted) + bad - cell_start;
    let hint = super::spreadsheet::not_utf8_hint(record.cell(index));
    Err(invalid(format!("row {} is not UTF-8 (byte {byte}): {hint}{SAVE_AS_UTF8}; the row is not checked", record.row)).in_column(names[index].clone()))
}
