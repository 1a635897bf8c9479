//! Reading CSV the way spreadsheets write it, with `csv-core` doing the tokenizing.
//!
//! Excel, LibreOffice and Google Sheets write a BOM or not, CRLF or LF, `,` `;` or tab depending
//! on locale, and quoted cells with embedded newlines. `csv-core` reads all of that; this module
//! adds what the project needs around it: the row and physical line of every record, its byte
//! range in the file, the size limits, and, on demand, each cell's byte range (`cell_spans`), so
//! that `fix` can rewrite one cell and leave every other byte alone and a finding can point at
//! its cell. Records are read whole (`read_record`, the fast path); cell ranges are taken with
//! `read_field` only for the few rows that need them.

use super::limits::Limits;
use super::text::LineCol;
use csv_core::{ReadFieldResult, ReadRecordResult};
use std::ops::Range;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The layout of a CSV file: what the reader detected and must keep when rewriting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    pub has_bom: bool,
    /// The line ending the file uses after its header (`\r\n` or `\n`).
    pub crlf: bool,
}

impl Dialect {
    /// Detects BOM, delimiter and line ending from the header: the delimiter that splits the
    /// header into the most cells wins, ties and headerless files going to the comma.
    pub fn detect(bytes: &[u8]) -> Dialect {
        let has_bom = bytes.starts_with(BOM);
        let body = if has_bom { &bytes[BOM.len()..] } else { bytes };
        let mut best = (b',', 0, false);
        for delimiter in [b',', b';', b'\t'] {
            let (cells, crlf) = first_record_shape(body, delimiter);
            if cells > best.1 || delimiter == b',' {
                best = (delimiter, cells, crlf);
            }
        }
        Dialect { delimiter: best.0, has_bom, crlf: best.2 }
    }

    pub fn line_ending(&self) -> &'static str {
        if self.crlf { "\r\n" } else { "\n" }
    }
}

/// How many cells the first record of `body` has with `delimiter`, and whether it ends in `\r`.
fn first_record_shape(body: &[u8], delimiter: u8) -> (usize, bool) {
    let mut core = Core::new(delimiter);
    let (mut out, mut ends) = ([0u8; 4096], [0usize; 64]);
    let (mut pos, mut cells) = (skip_line_ends(body, 0).0, 0);
    loop {
        let (result, nin, _, nend) = core.read_record(&body[pos..], &mut out, &mut ends);
        pos += nin;
        cells += nend;
        match result {
            ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
            ReadRecordResult::InputEmpty if pos < body.len() => {}
            ReadRecordResult::InputEmpty => {
                // The header is all there is: the empty read ends it.
                let (_, _, _, nend) = core.read_record(&[], &mut out, &mut ends);
                return (cells + nend, false);
            }
            ReadRecordResult::Record | ReadRecordResult::End => return (cells, pos > 0 && body[pos - 1] == b'\r'),
        }
    }
}

/// Skips blank lines from `pos`: the position of the next record, and the line ends passed.
pub fn skip_line_ends(bytes: &[u8], mut pos: usize) -> (usize, usize) {
    let mut lines = 0;
    while let Some(&byte) = bytes.get(pos) {
        match byte {
            b'\n' => lines += 1,
            b'\r' => {}
            _ => break,
        }
        pos += 1;
    }
    (pos, lines)
}

/// A `csv-core` reader with the project's settings. `csv-core` drops a BOM from its first input;
/// the project strips the file's own BOM itself, so a record that happens to start with the
/// BOM's bytes further in keeps them (the first read is then given one byte alone).
///
/// Building a reader builds its state machine, which costs far more than reading one record:
/// readers are kept per thread and reset for the next use (cell ranges are taken a row at a time).
struct Core {
    reader: Option<csv_core::Reader>,
    delimiter: u8,
    started: bool,
}

thread_local! {
    static READERS: std::cell::RefCell<Vec<(u8, csv_core::Reader)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Core {
    fn new(delimiter: u8) -> Core {
        let kept = READERS.with(|readers| {
            let mut readers = readers.borrow_mut();
            let index = readers.iter().position(|(kept, _)| *kept == delimiter)?;
            Some(readers.swap_remove(index).1)
        });
        let reader = kept.map(|mut reader| {
            reader.reset();
            reader
        });
        Core { reader, delimiter, started: false }
    }

    fn reader(&mut self) -> &mut csv_core::Reader {
        let delimiter = self.delimiter;
        self.reader.get_or_insert_with(|| csv_core::ReaderBuilder::new().delimiter(delimiter).build())
    }

    fn first_input<'i>(&mut self, input: &'i [u8]) -> &'i [u8] {
        let whole = if !self.started && input.starts_with(BOM) { &input[..1] } else { input };
        self.started |= !input.is_empty();
        whole
    }

    fn read_record(&mut self, input: &[u8], output: &mut [u8], ends: &mut [usize]) -> (ReadRecordResult, usize, usize, usize) {
        let input = self.first_input(input);
        self.reader().read_record(input, output, ends)
    }

    fn read_field(&mut self, input: &[u8], output: &mut [u8]) -> (ReadFieldResult, usize, usize) {
        let input = self.first_input(input);
        self.reader().read_field(input, output)
    }

    fn line(&self) -> u64 {
        self.reader.as_ref().map_or(1, csv_core::Reader::line)
    }
}

impl Drop for Core {
    fn drop(&mut self) {
        if let Some(reader) = self.reader.take() {
            // A few readers cover the delimiters of the files a thread reads.
            let _ = READERS.try_with(|readers| {
                let mut readers = readers.borrow_mut();
                if readers.len() < 8 {
                    readers.push((self.delimiter, reader));
                }
            });
        }
    }
}

/// One record as read: its cells unescaped, end to end.
#[derive(Debug, Clone, Default)]
pub struct Record {
    /// 1-based record number counting the header as 1: what a spreadsheet shows as the row.
    pub row: usize,
    /// 1-based physical line on which the record starts.
    pub line: usize,
    /// Byte range of the whole record in the file, without its line ending.
    pub span: Range<usize>,
    /// The cells' bytes; `ends[i]` is where cell `i` ends in it.
    text: Vec<u8>,
    ends: Vec<usize>,
    cells: usize,
    /// The record's bytes in the file were checked as UTF-8 (with those around it, see
    /// `Scanner::utf8`), so its cells are UTF-8: they are those bytes less some `"`, cut at
    /// delimiters, all ASCII.
    utf8: bool,
}

/// Where one cell stands in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellSpan {
    /// Byte range in the file, quotes included.
    pub span: Range<usize>,
    pub quoted: bool,
}

impl Record {
    pub fn len(&self) -> usize {
        self.cells
    }

    pub fn is_empty(&self) -> bool {
        self.cells == 0
    }

    /// The bytes of cell `index`, unescaped.
    pub fn cell(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.text[start..self.ends[index]]
    }

    pub fn cells(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.cells).map(|index| self.cell(index))
    }

    /// True when the cells are known to be UTF-8 without checking them (`text`).
    pub fn known_utf8(&self) -> bool {
        self.utf8
    }

    /// Every cell's bytes, end to end, and where each ends: one piece to check for UTF-8.
    pub fn text(&self) -> (&[u8], &[usize]) {
        let ends = &self.ends[..self.cells];
        (&self.text[..ends.last().copied().unwrap_or(0)], ends)
    }

    /// Line and column (in characters, as editors count them) of file offset `at`; `bytes` holds
    /// the file this record was read from, starting at file offset `base`, and `at` lies within
    /// the record or just past it.
    ///
    /// Computed on demand, for the few cells a finding points at, rather than for every cell
    /// while reading.
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

    /// Where each cell stands in the file, read again by `csv-core` field by field: for the rows
    /// `fix` rewrites and the cells findings point at. `bytes` holds the file from offset `base`.
    pub fn cell_spans(&self, bytes: &[u8], base: usize, delimiter: u8) -> Vec<CellSpan> {
        cell_spans(&bytes[self.span.start - base..self.span.end - base], self.span.start, delimiter)
    }
}

/// The cells of the one record `raw` (without its line ending), which starts at file offset `base`.
pub fn cell_spans(raw: &[u8], base: usize, delimiter: u8) -> Vec<CellSpan> {
    let mut core = Core::new(delimiter);
    let mut scratch = [0u8; 4096];
    let (mut spans, mut start, mut pos) = (Vec::new(), 0, 0);
    loop {
        let (result, nin, _) = core.read_field(&raw[pos..], &mut scratch);
        pos += nin;
        match result {
            ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            ReadFieldResult::Field { record_end } => {
                // A cell inside the record ends at the delimiter `csv-core` consumed after it.
                let end = if record_end { pos } else { pos - 1 };
                spans.push(CellSpan { span: base + start..base + end, quoted: raw.get(start) == Some(&b'"') });
                start = pos;
                if record_end {
                    return spans;
                }
            }
            ReadFieldResult::End => return spans,
        }
    }
}

/// A new value for a cell, as the file must hold it: quoted by `csv-core`'s writer with the
/// file's `delimiter`, always when the cell it replaces was quoted (the file's own style for that
/// column), otherwise only when the value needs it (a delimiter, quote or line break inside).
pub fn quote_cell(value: &str, was_quoted: bool, delimiter: u8) -> String {
    // The writer quotes an empty field, lest a record of one empty cell read as a blank line;
    // a cell among others (a claims row has at least three) needs no quotes to be seen.
    if value.is_empty() && !was_quoted {
        return String::new();
    }
    let style = if was_quoted { csv_core::QuoteStyle::Always } else { csv_core::QuoteStyle::Necessary };
    let mut writer = csv_core::WriterBuilder::new().delimiter(delimiter).quote_style(style).build();
    // At worst every byte is a doubled quote, plus the two enclosing quotes.
    let mut out = vec![0u8; 2 * value.len() + 2];
    let (_, _, written) = writer.field(value.as_bytes(), &mut out);
    let (_, closing) = writer.finish(&mut out[written..]);
    out.truncate(written + closing);
    // The writer copies the value's bytes and adds ASCII quotes: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned())
}

/// A record that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanError {
    pub row: usize,
    pub line: usize,
    pub byte: usize,
    pub message: String,
    /// Nothing after this record can be read (a quoted cell never closed swallows the rest).
    pub stops: bool,
}

/// Reads the records of CSV bytes one after the other, so a large file is never held twice.
pub struct Scanner<'a> {
    bytes: &'a [u8],
    core: Core,
    delimiter: u8,
    limits: Limits,
    pos: usize,
    line: usize,
    row: usize,
    failed: bool,
    /// Where `bytes` starts in the file: spans and error bytes are reported in file offsets.
    base: usize,
    /// The last record read was ended by the end of `bytes`, not by a line end.
    ended_by_input: bool,
    /// Plain records are read without `csv-core` (see `read_plain`); off only to test that.
    plain: bool,
    /// Bytes checked as UTF-8 in one piece, starting where a record starts: checking a record's
    /// cells one record at a time costs far more than checking many records at once.
    utf8: Range<usize>,
    /// How far past a record the next stretch reaches: nothing for the first record (a scanner
    /// made to read one record again reads no more), then doubling up to `UTF8_STRETCH`.
    utf8_ahead: usize,
}

/// About how many bytes are checked as UTF-8 at once.
const UTF8_STRETCH: usize = 64 << 10;

impl<'a> Scanner<'a> {
    pub fn new(bytes: &'a [u8], dialect: Dialect, limits: Limits) -> Self {
        let pos = if dialect.has_bom { BOM.len() } else { 0 };
        let mut scanner = Scanner::resume(bytes, dialect.delimiter, 0, 0, 1, limits);
        scanner.pos = pos;
        scanner
    }

    /// A scanner over a window of a file that starts on a record boundary: `base` is the window's
    /// byte offset in the file, `row` the records before it (header included), `line` its line.
    pub fn resume(bytes: &'a [u8], delimiter: u8, base: usize, row: usize, line: usize, limits: Limits) -> Self {
        Scanner { bytes, core: Core::new(delimiter), delimiter, limits, pos: 0, line, row, failed: false, base, ended_by_input: false, plain: true, utf8: 0..0, utf8_ahead: 0 }
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

    /// True when the last record read ran to the end of the bytes without a line end: in a window
    /// cut from a larger file, the record may go on past it (the cut was misplaced).
    pub fn ended_by_input(&self) -> bool {
        self.ended_by_input
    }

    /// The next record, in a record of its own.
    pub fn next_record(&mut self) -> Option<Result<Record, ScanError>> {
        let mut record = Record::default();
        Some(self.read(&mut record)?.map(|()| record))
    }

    /// Reads the next record into `record`, reusing its buffers: no allocation per record for
    /// callers that take records one at a time.
    pub fn read(&mut self, record: &mut Record) -> Option<Result<(), ScanError>> {
        if self.failed {
            return None;
        }
        // Blank lines carry no record (spreadsheets add one at the end); skip them.
        let (start, lines) = skip_line_ends(self.bytes, self.pos);
        (self.pos, self.line) = (start, self.line + lines);
        if start >= self.bytes.len() {
            return None;
        }
        self.row += 1;
        let (line, lines_before) = (self.line, self.core.line());
        let oversized = if self.plain && self.read_plain(record) {
            // Its one line end.
            self.line += 1;
            None
        } else {
            let oversized = self.read_cells(record);
            self.line += (self.core.line() - lines_before) as usize;
            oversized
        };
        record.utf8 = self.utf8_checked(start);
        let end = if self.ended_by_input { self.pos } else { self.pos - 1 };
        // Escapes make a record longer in the file than its cells: the file's bytes decide.
        let oversized = oversized.or((end - start > self.limits.record_bytes).then_some(Oversized::Bytes));
        if oversized.is_some() {
            record.cells = 0;
        }
        (record.row, record.line, record.span) = (self.row, line, self.base + start..self.base + end);
        let error = |byte: usize, message: String, stops: bool| Some(Err(ScanError { row: self.row, line, byte, message, stops }));
        if let Some(what) = oversized {
            return error(self.base + start, what.message(self.limits), false);
        }
        if self.ended_by_input && self.quote_left_open(start) {
            self.failed = true;
            let spans = cell_spans(&self.bytes[start..self.pos], self.base + start, self.delimiter);
            let byte = spans.last().map_or(self.base + start, |cell| cell.span.start);
            return error(byte, "a quoted cell is never closed: a `\"` is missing".to_string(), true);
        }
        let (_, ends) = record.text();
        let mut cell_start = 0;
        for (index, &cell_end) in ends.iter().enumerate() {
            if cell_end - cell_start > self.limits.cell_bytes {
                let cell = &record.cell_spans(self.bytes, self.base, self.delimiter)[index];
                let message = format!(
                    "cell {} holds {} bytes, over the limit of {} (`[limits] cell-bytes` in claimcheck.toml); the row is not checked",
                    index + 1,
                    cell_end - cell_start,
                    self.limits.cell_bytes
                );
                return error(cell.span.start, message, false);
            }
            cell_start = cell_end;
        }
        Some(Ok(()))
    }

    /// True when the bytes of the record read from `start` (a character boundary: the first
    /// byte or one after a line end) lie in a stretch checked as UTF-8; the stretch from `start`
    /// is checked when they lie past the last one. A stretch ends before the first byte that is
    /// no UTF-8, so each byte is checked at most twice however many records hold such bytes.
    fn utf8_checked(&mut self, start: usize) -> bool {
        if !(self.utf8.start <= start && self.pos <= self.utf8.end) {
            let end = (start + self.utf8_ahead).max(self.pos).min(self.bytes.len());
            self.utf8_ahead = (self.utf8_ahead * 2).clamp(4 << 10, UTF8_STRETCH);
            let valid = match std::str::from_utf8(&self.bytes[start..end]) {
                Ok(_) => end - start,
                Err(error) => error.valid_up_to(),
            };
            self.utf8 = start..start + valid;
        }
        self.pos <= self.utf8.end
    }

    /// Reads the next record into `record` without `csv-core` when it is plain (nearly every
    /// record spreadsheets write): it ends with `\n` within the bytes and within the record
    /// limit, holds no `\r`, and each cell is either unquoted without `"`, or quoted, with `""`
    /// for a quote, closing just before a delimiter or the line end. `csv-core` reads such a
    /// record into the same cells (`tests::plain_records_read_as_csv_core_reads_them`), byte by
    /// byte; this reads it a cell at a time. False, with nothing read, for any other record.
    fn read_plain(&mut self, record: &mut Record) -> bool {
        let input = &self.bytes[self.pos..];
        // The first line end of either kind, so a file of `\r` line ends is not searched to its end.
        let Some(length) = memchr::memchr2(b'\n', b'\r', input) else { return false };
        let line = &input[..length];
        if input[length] == b'\r' || length > self.limits.record_bytes {
            return false;
        }
        let max_cells = (self.limits.record_bytes / 8).max(1);
        let (text, ends) = (&mut record.text, &mut record.ends);
        text.clear();
        ends.clear();
        let mut at = 0;
        loop {
            let cell_end = if line.get(at) == Some(&b'"') {
                at += 1;
                loop {
                    // A quote still open at the line end holds that line end: `csv-core`'s.
                    let Some(close) = memchr::memchr(b'"', &line[at..]) else { return false };
                    text.extend_from_slice(&line[at..at + close]);
                    at += close + 1;
                    if line.get(at) != Some(&b'"') {
                        break at;
                    }
                    text.push(b'"');
                    at += 1;
                }
            } else {
                let end = memchr::memchr2(self.delimiter, b'"', &line[at..]).map_or(line.len(), |i| at + i);
                text.extend_from_slice(&line[at..end]);
                end
            };
            ends.push(text.len());
            match line.get(cell_end) {
                None => break,
                Some(&byte) if byte == self.delimiter && ends.len() < max_cells => at = cell_end + 1,
                // A quote inside an unquoted cell, text after a closing quote, too many cells.
                Some(_) => return false,
            }
        }
        record.cells = ends.len();
        self.pos += length + 1;
        // `csv-core` has not seen this record: if the first one it sees starts with a BOM's
        // bytes, `Core::first_input` still keeps them from being taken for the file's BOM.
        self.ended_by_input = false;
        true
    }

    /// Reads the cells of the next record into `record`; says how the record broke the
    /// limits, if it did, after reading past it without keeping it.
    fn read_cells(&mut self, record: &mut Record) -> Option<Oversized> {
        let limits = self.limits;
        let max_cells = (limits.record_bytes / 8).max(1);
        if record.text.is_empty() {
            record.text.resize(1024.min(limits.record_bytes.saturating_add(1)), 0);
        }
        if record.ends.is_empty() {
            record.ends.resize(16.min(max_cells), 0);
        }
        let (mut out, mut cells, mut oversized) = (0, 0, None);
        loop {
            let input = &self.bytes[self.pos..];
            let (result, nin, nout, nend) = self.core.read_record(input, &mut record.text[out..], &mut record.ends[cells..]);
            (self.pos, out, cells) = (self.pos + nin, out + nout, cells + nend);
            match result {
                ReadRecordResult::Record | ReadRecordResult::End => {
                    self.ended_by_input = input.is_empty();
                    break;
                }
                // An empty input next tells `csv-core` the bytes end here.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull if oversized.is_some() => out = 0,
                ReadRecordResult::OutputEndsFull if oversized.is_some() => cells = 0,
                ReadRecordResult::OutputFull if record.text.len() > limits.record_bytes => {
                    oversized = Some(Oversized::Bytes);
                    out = 0;
                }
                ReadRecordResult::OutputEndsFull if record.ends.len() >= max_cells => {
                    oversized = Some(Oversized::Cells);
                    cells = 0;
                }
                ReadRecordResult::OutputFull => record.text.resize((record.text.len() * 2).min(limits.record_bytes.saturating_add(1)), 0),
                ReadRecordResult::OutputEndsFull => record.ends.resize((record.ends.len() * 2).min(max_cells), 0),
            }
        }
        record.cells = if oversized.is_some() { 0 } else { cells };
        oversized
    }

    /// True when the record at `start`, ended by the end of the bytes, is inside a quoted cell
    /// there: `csv-core` would take a line end after it as part of the cell.
    fn quote_left_open(&self, start: usize) -> bool {
        let mut probe = Core::new(self.delimiter);
        let (mut out, mut ends) = ([0u8; 4096], [0usize; 64]);
        let mut rest = &self.bytes[start..self.pos];
        loop {
            let (result, nin, _, _) = probe.read_record(rest, &mut out, &mut ends);
            rest = &rest[nin..];
            match result {
                ReadRecordResult::Record | ReadRecordResult::End => return false,
                ReadRecordResult::InputEmpty if rest.is_empty() => break,
                _ => {}
            }
        }
        let (result, _, _, _) = probe.read_record(b"\n", &mut out, &mut ends);
        result != ReadRecordResult::Record
    }
}

/// Reads past one record given in pieces, keeping none of it: a record over the limits is
/// skipped in bounded memory, and the rest of the file is still checked.
pub struct Skip {
    core: Core,
    scratch: Vec<u8>,
    ends: Vec<usize>,
}

impl Skip {
    pub fn new(delimiter: u8) -> Skip {
        Skip { core: Core::new(delimiter), scratch: vec![0; 64 << 10], ends: vec![0; 1024] }
    }

    /// Feeds the next piece of the record (an empty one at the end of the file): how much of
    /// it the record took when it ended there, `None` when it goes on past the piece.
    pub fn feed(&mut self, piece: &[u8]) -> Option<usize> {
        let mut pos = 0;
        loop {
            let (result, nin, _, _) = self.core.read_record(&piece[pos..], &mut self.scratch, &mut self.ends);
            pos += nin;
            match result {
                ReadRecordResult::Record | ReadRecordResult::End => return Some(pos),
                ReadRecordResult::InputEmpty => return None,
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
            }
        }
    }

    /// Line ends passed so far.
    pub fn lines(&self) -> usize {
        (self.core.line() - 1) as usize
    }

    /// The error for the skipped record, row `row` on line `line` at file offset `byte`.
    pub fn error(row: usize, line: usize, byte: usize, limits: Limits) -> ScanError {
        ScanError { row, line, byte, message: Oversized::Bytes.message(limits), stops: false }
    }
}

/// How a record broke the limits.
#[derive(Debug, Clone, Copy)]
enum Oversized {
    Bytes,
    Cells,
}

impl Oversized {
    fn message(self, limits: Limits) -> String {
        match self {
            Oversized::Bytes => format!(
                "it is longer than the limit of {} bytes (`[limits] record-bytes` in claimcheck.toml): a quote may be missing; the row is not checked",
                limits.record_bytes
            ),
            Oversized::Cells => format!(
                "it has more than {} cells, over what `[limits] record-bytes` ({} bytes) allows: check the delimiter; the row is not checked",
                (limits.record_bytes / 8).max(1),
                limits.record_bytes
            ),
        }
    }
}

impl Iterator for Scanner<'_> {
    type Item = Result<Record, ScanError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record()
    }
}

/// Random CSV files for the differential tests of the readers: up to `max_pieces` of `pieces`
/// joined, the first four (cells and delimiters) drawn `plain` times in ten and a line end once,
/// so that plain records come up often, and any piece the rest of the time.
#[cfg(test)]
pub(crate) fn random_csv(state: &mut u64, pieces: &[&[u8]], max_pieces: u64, plain: u64) -> Vec<u8> {
    let mut next = || {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    };
    let mut bytes = Vec::new();
    for _ in 0..next() % max_pieces {
        let piece = match next() % 10 {
            draw if draw < plain => pieces[(next() % 4) as usize],
            draw if draw == plain => b"\n",
            _ => pieces[(next() % pieces.len() as u64) as usize],
        };
        bytes.extend_from_slice(piece);
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scanner(text: &str) -> Scanner<'_> {
        Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes()), Limits::default())
    }

    fn scan(text: &str) -> Vec<Vec<String>> {
        scanner(text).map(|record| record.unwrap().cells().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect()).collect()
    }

    /// Every record, row, line, span and error, as read with plain records read directly
    /// (`plain`) or every record read by `csv-core`.
    fn read_all(bytes: &[u8], delimiter: u8, plain: bool, limits: Limits) -> Vec<String> {
        let mut scanner = Scanner::resume(bytes, delimiter, 7, 1, 2, limits);
        scanner.plain = plain;
        let mut record = Record::default();
        let mut seen = Vec::new();
        while let Some(read) = scanner.read(&mut record) {
            let cells: Vec<&[u8]> = record.cells().collect();
            seen.push(format!("{read:?} {cells:?} {} {} {:?} {} {:?}", record.row, record.line, record.span, scanner.ended_by_input(), scanner.position()));
        }
        seen.push(format!("rows {}", scanner.rows()));
        seen
    }

    #[test]
    fn plain_records_read_as_csv_core_reads_them() {
        // Pieces that make plain records and every way a record stops being plain: quotes
        // inside and after cells, line ends in quotes, `\r`, blank lines, a BOM, no last line end.
        let pieces: [&[u8]; 16] = [b"a", b"bc", b",", b";", b"\"", b"\"\"", b"\n", b"\r\n", b"\r", b" ", b"\xEF\xBB\xBF", "é".as_bytes(), b"\t", b"x\"y", b"\"q,r\"", b"\n\n"];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for case in 0..20_000 {
            let bytes = random_csv(&mut state, &pieces, 40, 4);
            let delimiter = [b',', b';', b'\t'][case % 3];
            let limits = if case % 5 == 0 { Limits { record_bytes: 16, cell_bytes: 4, ..Limits::default() } } else { Limits::default() };
            assert_eq!(read_all(&bytes, delimiter, true, limits), read_all(&bytes, delimiter, false, limits), "{:?}", String::from_utf8_lossy(&bytes));
        }
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(Dialect::detect(b"id;source;quote\n1;a;b").delimiter, b';');
        assert_eq!(Dialect::detect(b"id\tsource\tquote\n").delimiter, b'\t');
        assert_eq!(Dialect::detect(b"id,source,quote\n").delimiter, b',');
        assert_eq!(Dialect::detect(b"\"a;b\",c\n").delimiter, b',');
        assert_eq!(Dialect::detect(b"single\n").delimiter, b',');
        assert_eq!(Dialect::detect(b"").delimiter, b',');
        assert_eq!(Dialect::detect(b"a;b;c").delimiter, b';');
        let bom = Dialect::detect(b"\xEF\xBB\xBFid,quote\r\n");
        assert!(bom.has_bom && bom.crlf);
        assert!(!Dialect::detect(b"id,quote\n").crlf);
    }

    #[test]
    fn reads_quotes_embedded_newlines_and_crlf() {
        let rows = scan("id,quote\r\n1,\"say \"\"hi\"\"\r\nthere\"\r\n2,plain\r\n\r\n");
        assert_eq!(rows, vec![vec!["id", "quote"], vec!["1", "say \"hi\"\r\nthere"], vec!["2", "plain"]]);
    }

    #[test]
    fn keeps_cell_spans_and_physical_lines() {
        let text = "id,quote\n1,\"a\nb\"\n2,c\n";
        let records: Vec<_> = scanner(text).map(Result::unwrap).collect();
        assert_eq!(records[1].row, 2);
        assert_eq!(records[1].line, 2);
        let spans = records[1].cell_spans(text.as_bytes(), 0, b',');
        assert_eq!(&text[spans[1].span.clone()], "\"a\nb\"");
        assert!(spans[1].quoted && !spans[0].quoted);
        assert_eq!(records[2].row, 3);
        assert_eq!(records[2].line, 4);
        assert_eq!(&text[records[2].span.clone()], "2,c");
    }

    #[test]
    fn positions_count_characters_and_follow_embedded_newlines() {
        let text = "\u{FEFF}id,quote,end\n1,\"Кро\nкус\",7\n";
        let records: Vec<_> = scanner(text).map(Result::unwrap).collect();
        let header = &records[0];
        // The BOM is not a column: editors do not show it.
        let cells = header.cell_spans(text.as_bytes(), 0, b',');
        assert_eq!(header.position(text.as_bytes(), 0, cells[1].span.start), LineCol { line: 1, column: 4 });
        let row = &records[1];
        let cells = row.cell_spans(text.as_bytes(), 0, b',');
        assert_eq!(row.position(text.as_bytes(), 0, cells[1].span.start), LineCol { line: 2, column: 3 });
        assert_eq!(row.position(text.as_bytes(), 0, cells[1].span.end), LineCol { line: 3, column: 5 });
        assert_eq!(row.position(text.as_bytes(), 0, cells[2].span.start), LineCol { line: 3, column: 6 });
    }

    #[test]
    fn trailing_delimiter_gives_an_empty_cell() {
        assert_eq!(scan("a,b\n1,\n"), vec![vec!["a", "b"], vec!["1", ""]]);
    }

    #[test]
    fn text_after_a_closing_quote_and_stray_quotes_stay_in_the_cell() {
        assert_eq!(scan("a,b\n\"x\"y,a\"b\n"), vec![vec!["a", "b"], vec!["xy", "a\"b"]]);
    }

    #[test]
    fn a_record_starting_with_the_bom_bytes_keeps_them() {
        let text = "id\n\u{FEFF}x\n";
        let mut scanner = Scanner::resume(&text.as_bytes()[3..], b',', 3, 1, 2, Limits::default());
        assert_eq!(scanner.next().unwrap().unwrap().cell(0), "\u{FEFF}x".as_bytes());
    }

    #[test]
    fn new_cells_are_quoted_in_the_files_style() {
        assert_eq!(quote_cell("1260", false, b','), "1260");
        assert_eq!(quote_cell("1260", true, b','), "\"1260\"");
        assert_eq!(quote_cell("a, b", false, b','), "\"a, b\"");
        assert_eq!(quote_cell("a, b", false, b';'), "a, b");
        assert_eq!(quote_cell("say \"hi\"", false, b';'), "\"say \"\"hi\"\"\"");
        assert_eq!(quote_cell("two\nlines", false, b'\t'), "\"two\nlines\"");
        assert_eq!(quote_cell("", true, b','), "\"\"");
        assert_eq!(quote_cell("", false, b','), "");
        assert_eq!(quote_cell("\"", false, b','), "\"\"\"\"");
        for value in ["Кро\"кус", "a\r\nb", "x;y,z\t"] {
            for quoted in [false, true] {
                let cell = quote_cell(value, quoted, b',');
                let text = format!("h\n{cell}\n");
                let mut scanner = Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes()), Limits::default());
                scanner.next();
                assert_eq!(scanner.next().unwrap().unwrap().cell(0), value.as_bytes(), "{cell}");
            }
        }
    }

    #[test]
    fn an_unclosed_quote_names_its_row() {
        let text = "id,quote\n1,ok\n2,\"never closed\n";
        let results: Vec<_> = scanner(text).collect();
        let error = results.last().unwrap().as_ref().unwrap_err();
        assert_eq!((error.row, error.line, error.byte, error.stops), (3, 3, 16, true));
        assert!(scanner("a\n\"closed\"").all(|r| r.is_ok()));
    }

    #[test]
    fn records_and_cells_over_the_limits_are_reported_and_skipped() {
        let limits = Limits { cell_bytes: 10, record_bytes: 40, ..Limits::default() };
        let text = format!("a,b\n1,{}\n2,{}\n3,{}\n4,ok\n", "x".repeat(11), "y".repeat(100), ",".repeat(30));
        let results: Vec<_> = Scanner::new(text.as_bytes(), Dialect::detect(text.as_bytes()), limits).collect();
        assert_eq!(results.len(), 5);
        let cell = results[1].as_ref().unwrap_err();
        assert!(cell.message.contains("cell 2 holds 11 bytes") && cell.byte == 6 && !cell.stops, "{cell:?}");
        let record = results[2].as_ref().unwrap_err();
        assert!(record.message.contains("longer than the limit of 40 bytes") && record.row == 3, "{record:?}");
        let cells = results[3].as_ref().unwrap_err();
        assert!(cells.message.contains("more than 5 cells") && cells.row == 4, "{cells:?}");
        let last = results[4].as_ref().unwrap();
        assert_eq!((last.row, last.line, last.cell(1)), (5, 5, &b"ok"[..]));
    }

    #[test]
    fn records_are_known_utf8_only_when_their_bytes_are() {
        // Invalid bytes in a plain record, in a quoted cell over two lines (read by `csv-core`),
        // a character cut short at the very end, and valid records around them, past a stretch.
        let valid = "1,\"é, “quoted”\",x\n".repeat(UTF8_STRETCH / 20);
        let mut bytes = format!("a,b,c\n{valid}").into_bytes();
        bytes.extend_from_slice(b"2,caf\xe9,x\n3,\"ok\nlines\",y\n4,\"bad\xff\nlines\",z\n");
        bytes.extend_from_slice(valid.as_bytes());
        bytes.extend_from_slice(b"5,cut,\xc3");
        let mut scanner = Scanner::new(&bytes, Dialect::detect(&bytes), Limits::default());
        let mut record = Record::default();
        let mut known = Vec::new();
        while let Some(read) = scanner.read(&mut record) {
            read.unwrap();
            let (text, _) = record.text();
            assert!(!record.known_utf8() || std::str::from_utf8(text).is_ok(), "row {}", record.row);
            known.push((record.cell(0).to_vec(), record.known_utf8()));
        }
        let bad: Vec<&[u8]> = known.iter().filter(|(_, utf8)| !utf8).map(|(id, _)| id.as_slice()).collect();
        assert_eq!(bad, [&b"2"[..], b"4", b"5"]);
        assert_eq!(known.len(), 1 + 2 * (UTF8_STRETCH / 20) + 4, "the header, the valid rows twice and rows 2 to 5");
    }
}
