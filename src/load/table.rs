//! Reading CSV the way spreadsheets write it.
//!
//! Excel, LibreOffice and Google Sheets write a BOM or not, CRLF or LF, `,` `;` or tab depending
//! on locale, and quoted cells with embedded newlines. This reader accepts all of that and keeps,
//! for every cell, the byte range it occupies in the file, so that `fix` can rewrite one cell and
//! leave every other byte alone (the `csv` crate only exposes unescaped values, not positions).

use super::text::LineCol;
use std::borrow::Cow;
use std::ops::Range;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One record as it stands in the file.
#[derive(Debug, Clone, Default)]
pub struct RawRecord<'a> {
    /// 1-based record number counting the header as 1: what a spreadsheet shows as the row.
    pub row: usize,
    /// 1-based physical line on which the record starts.
    pub line: usize,
    /// Byte range of the whole record, without its line ending.
    pub span: Range<usize>,
    pub cells: Vec<RawCell<'a>>,
}

impl RawRecord<'_> {
    /// Line and column (in characters, as editors count them) of file offset `at`; `bytes` holds
    /// the file this record was scanned from, starting at file offset `base`, and `at` lies within
    /// the record or just past it.
    ///
    /// Computed on demand, for the few cells a finding points at, rather than for every cell
    /// while scanning.
    pub fn position(&self, bytes: &[u8], base: usize, at: usize) -> LineCol {
        let at = at.clamp(self.span.start, base + bytes.len());
        let before = &bytes[self.span.start - base..at - base];
        let newlines = memchr::memchr_iter(b'\n', before).count();
        let line_start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
        // Counting the bytes that start a UTF-8 character gives characters, and stays defined
        // on the invalid bytes a `csv-invalid` finding may point at.
        let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        LineCol { line: self.line + newlines, column }
    }
}

#[derive(Debug, Clone)]
pub struct RawCell<'a> {
    /// The cell's bytes with quoting removed.
    pub value: Cow<'a, [u8]>,
    /// Byte range in the file, quotes included.
    pub span: Range<usize>,
    pub quoted: bool,
}

/// A record that could not be split into cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    pub row: usize,
    pub line: usize,
    pub byte: usize,
    pub message: String,
}

/// The layout of a CSV file: what the reader detected and must keep when rewriting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub has_bom: bool,
    /// The line ending the file uses after its header (`\r\n` or `\n`).
    pub crlf: bool,
}

impl Dialect {
    /// Detects BOM, delimiter and line ending from the header line.
    pub fn detect(bytes: &[u8]) -> Dialect {
        let has_bom = bytes.starts_with(BOM);
        let body = if has_bom { &bytes[BOM.len()..] } else { bytes };
        let header_end = memchr::memchr(b'\n', body).unwrap_or(body.len());
        let header = &body[..header_end];
        let crlf = header.ends_with(b"\r");
        let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
        let mut in_quotes = false;
        for &byte in header {
            if byte == b'"' {
                in_quotes = !in_quotes;
            } else if !in_quotes {
                for (delimiter, count) in counts.iter_mut() {
                    if byte == *delimiter {
                        *count += 1;
                    }
                }
            }
        }
        // Ties and headerless files fall back to the comma, listed first.
        let delimiter = counts.iter().fold((b',', 0), |best, &(d, c)| if c > best.1 { (d, c) } else { best }).0;
        Dialect { delimiter, has_bom, crlf }
    }

    pub fn line_ending(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

/// Splits CSV bytes into records, lazily, so a large file is never held twice.
pub struct Scanner<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    pos: usize,
    line: usize,
    row: usize,
    failed: bool,
    /// Where `bytes` starts in the file: spans and error bytes are reported in file offsets.
    base: usize,
    irregular: bool,
    /// Cells in the last record: records of a file have the same width, so the next record's
    /// cells are allocated once rather than grown.
    width: usize,
}

impl<'a> Scanner<'a> {
    pub fn new(bytes: &'a [u8], dialect: Dialect) -> Self {
        let pos = if dialect.has_bom { BOM.len() } else { 0 };
        Scanner { bytes, delimiter: dialect.delimiter, pos, line: 1, row: 0, failed: false, base: 0, irregular: false, width: 0 }
    }

    /// A scanner over a window of a file that starts on a record boundary: `base` is the window's
    /// byte offset in the file, `row` the records before it (header included), `line` its line.
    pub fn resume(bytes: &'a [u8], delimiter: u8, base: usize, row: usize, line: usize) -> Self {
        Scanner { bytes, delimiter, pos: 0, line, row, failed: false, base, irregular: false, width: 0 }
    }

    /// Records read so far, the header included.
    pub fn rows(&self) -> usize {
        self.row
    }

    /// File offset and line of the byte after the last record read.
    pub fn position(&self) -> (usize, usize) {
        (self.base + self.pos, self.line)
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// True once the scanner met a `"` that neither opens, escapes nor closes a quoted cell
    /// (`a"b`, `"a"b"`). Until then, a line end is inside a quoted cell exactly when an odd
    /// number of `"` precede it, which is what lets a file be cut into windows by counting quotes.
    pub fn irregular(&self) -> bool {
        self.irregular
    }

    fn count_lines(&mut self, range: Range<usize>) {
        self.line += memchr::memchr_iter(b'\n', &self.bytes[range]).count();
    }

    /// Reads one cell starting at `self.pos`; leaves `self.pos` on the byte after it.
    fn cell(&mut self, record_line: usize) -> Result<RawCell<'a>, ScanError> {
        let bytes = self.bytes;
        let start = self.pos;
        if bytes.get(start) != Some(&b'"') {
            // Unquoted cells are short (ids, offsets, names): a plain loop finds their end sooner
            // than a vectorized search pays off; a stray `"` hands over to that search.
            let delimiter = self.delimiter;
            let stop = bytes[start..].iter().position(|&b| b == delimiter || b == b'\n' || b == b'\r' || b == b'"').map_or(bytes.len(), |i| start + i);
            let end = if bytes.get(stop) == Some(&b'"') {
                self.irregular = true;
                memchr::memchr3(delimiter, b'\n', b'\r', &bytes[stop..]).map_or(bytes.len(), |i| stop + i)
            } else {
                stop
            };
            self.pos = end;
            let span = self.base + start..self.base + end;
            return Ok(RawCell { value: Cow::Borrowed(&bytes[start..end]), span, quoted: false });
        }
        let mut value: Cow<'a, [u8]> = Cow::Borrowed(&[]);
        let mut from = start + 1;
        loop {
            let Some(quote) = memchr::memchr(b'"', &bytes[from..]).map(|i| from + i) else {
                return Err(ScanError {
                    row: self.row,
                    line: record_line,
                    byte: self.base + start,
                    message: "a quoted cell is never closed: a `\"` is missing".to_string(),
                });
            };
            append(&mut value, &bytes[from..quote], from == start + 1);
            if bytes.get(quote + 1) == Some(&b'"') {
                value.to_mut().push(b'"');
                from = quote + 2;
                continue;
            }
            from = quote + 1;
            break;
        }
        // Spreadsheets never write text after a closing quote, but hand-edited files do
        // (`"a"b`); keep it as part of the cell rather than failing the whole file.
        let end = match bytes.get(from) {
            Some(&b) if b != self.delimiter && b != b'\n' && b != b'\r' => memchr::memchr3(self.delimiter, b'\n', b'\r', &bytes[from..]).map_or(bytes.len(), |i| from + i),
            _ => from,
        };
        if end > from {
            self.irregular |= memchr::memchr(b'"', &bytes[from..end]).is_some();
            value.to_mut().extend_from_slice(&bytes[from..end]);
        }
        self.count_lines(start..end);
        self.pos = end;
        Ok(RawCell { value, span: self.base + start..self.base + end, quoted: true })
    }
}

/// Appends `part` to `value`, borrowing while the cell is one unbroken slice of the file.
fn append<'a>(value: &mut Cow<'a, [u8]>, part: &'a [u8], first: bool) {
    if first {
        *value = Cow::Borrowed(part);
    } else {
        value.to_mut().extend_from_slice(part);
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Result<RawRecord<'a>, ScanError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut record = RawRecord { row: 0, line: 0, span: 0..0, cells: Vec::with_capacity(self.width) };
        Some(self.read(&mut record)?.map(|()| record))
    }
}

impl<'a> Scanner<'a> {
    /// Reads the next record into `record`, reusing its cells' buffer: what `next` gives, without
    /// an allocation per record for callers that take records one at a time.
    pub fn read(&mut self, record: &mut RawRecord<'a>) -> Option<Result<(), ScanError>> {
        let bytes = self.bytes;
        loop {
            if self.failed || self.pos >= bytes.len() {
                return None;
            }
            // Blank lines carry no record (spreadsheets add one at the end); skip them.
            match bytes[self.pos] {
                b'\n' => {
                    self.pos += 1;
                    self.line += 1;
                }
                b'\r' => self.pos += 1,
                _ => break,
            }
        }
        self.row += 1;
        let record_line = self.line;
        let record_start = self.pos;
        let cells = &mut record.cells;
        cells.clear();
        loop {
            match self.cell(record_line) {
                Ok(cell) => cells.push(cell),
                Err(error) => {
                    self.failed = true;
                    return Some(Err(error));
                }
            }
            match bytes.get(self.pos) {
                Some(&byte) if byte == self.delimiter => self.pos += 1,
                _ => break,
            }
        }
        let record_end = self.pos;
        self.width = cells.len();
        if bytes.get(self.pos) == Some(&b'\r') {
            self.pos += 1;
        }
        if bytes.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
            self.line += 1;
        }
        (record.row, record.line, record.span) = (self.row, record_line, self.base + record_start..self.base + record_end);
        Some(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Vec<String>> {
        let dialect = Dialect::detect(text.as_bytes());
        Scanner::new(text.as_bytes(), dialect)
            .map(|record| record.unwrap().cells.iter().map(|c| String::from_utf8(c.value.to_vec()).unwrap()).collect())
            .collect()
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(Dialect::detect(b"id;source;quote\n1;a;b").delimiter, b';');
        assert_eq!(Dialect::detect(b"id\tsource\tquote\n").delimiter, b'\t');
        assert_eq!(Dialect::detect(b"id,source,quote\n").delimiter, b',');
        assert_eq!(Dialect::detect(b"\"a;b\",c\n").delimiter, b',');
        assert_eq!(Dialect::detect(b"single\n").delimiter, b',');
        let bom = Dialect::detect(b"\xEF\xBB\xBFid,quote\r\n");
        assert!(bom.has_bom && bom.crlf);
    }

    #[test]
    fn reads_quotes_embedded_newlines_and_crlf() {
        let rows = scan("id,quote\r\n1,\"say \"\"hi\"\"\r\nthere\"\r\n2,plain\r\n\r\n");
        assert_eq!(rows, vec![vec!["id", "quote"], vec!["1", "say \"hi\"\r\nthere"], vec!["2", "plain"]]);
    }

    #[test]
    fn keeps_cell_spans_and_physical_lines() {
        let text = "id,quote\n1,\"a\nb\"\n2,c\n";
        let records: Vec<_> = Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes())).map(Result::unwrap).collect();
        assert_eq!(records[1].row, 2);
        assert_eq!(records[1].line, 2);
        assert_eq!(&text[records[1].cells[1].span.clone()], "\"a\nb\"");
        assert_eq!(records[2].row, 3);
        assert_eq!(records[2].line, 4);
        assert_eq!(&text[records[2].span.clone()], "2,c");
    }

    #[test]
    fn positions_count_characters_and_follow_embedded_newlines() {
        let text = "\u{FEFF}id,quote,end\n1,\"Кро\nкус\",7\n";
        let records: Vec<_> = Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes())).map(Result::unwrap).collect();
        let header = &records[0];
        // The BOM is not a column: editors do not show it.
        assert_eq!(header.position(text.as_bytes(), 0, header.cells[1].span.start), LineCol { line: 1, column: 4 });
        let row = &records[1];
        let quote = &row.cells[1];
        assert_eq!(row.position(text.as_bytes(), 0, quote.span.start), LineCol { line: 2, column: 3 });
        assert_eq!(row.position(text.as_bytes(), 0, quote.span.end), LineCol { line: 3, column: 5 });
        assert_eq!(row.position(text.as_bytes(), 0, row.cells[2].span.start), LineCol { line: 3, column: 6 });
    }

    #[test]
    fn trailing_delimiter_gives_an_empty_cell() {
        assert_eq!(scan("a,b\n1,\n"), vec![vec!["a", "b"], vec!["1", ""]]);
    }

    #[test]
    fn an_unclosed_quote_names_its_row() {
        let text = "id,quote\n1,ok\n2,\"never closed\n";
        let results: Vec<_> = Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes())).collect();
        let error = results.last().unwrap().as_ref().unwrap_err();
        assert_eq!((error.row, error.line, error.byte), (3, 3, 16));
    }
}
