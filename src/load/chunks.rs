//! Claims files read in bounded chunks, each cut into batches of whole records, so a file of any
//! size is checked on every core while only a few megabytes of it are in memory.
//!
//! Cuts are placed by counting quotes: in a file where every `"` opens, escapes or closes a quoted
//! cell (all files spreadsheets write), a line end is outside quoted cells exactly when an even
//! number of `"` precede it. The same count tells where each batch's records start, so every
//! batch knows its first row and line and its findings read as if the file had been scanned
//! whole. A file where a stray `"` breaks that rule is noticed by the scanner (`irregular`), and
//! the caller reads the rest of it again from the last batch known to be cut right, cut where
//! `csv-core` ends records (`restart_exact`), still in bounded chunks.

use super::csv_file::Header;
use super::limits::Limits;
use super::table::{Dialect, Record, ScanError, Scanner, Skip, skip_line_ends};
use crate::findings::Finding;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

/// About how much of a claims file is read at once.
pub const CHUNK_BYTES: usize = 4 << 20;
/// About how many bytes of records one task checks: a few thousand rows.
pub const BATCH_BYTES: usize = 256 << 10;
/// The fewest bytes a task checks. Below a chunk's worth, a file is cut into 16 batches or so:
/// a small file of claims that each take long (quotes searched approximately) is shared out
/// over every core, not left to the two or three tasks 256 KiB batches would make of it.
pub const MIN_BATCH_BYTES: usize = 16 << 10;

/// How many bytes of records each batch of `pending` holds.
fn batch_bytes(pending: usize) -> usize {
    (pending / 16).clamp(MIN_BATCH_BYTES, BATCH_BYTES)
}

/// Whole records of a chunk, and where they start in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Byte range in the chunk.
    pub range: Range<usize>,
    /// Records before the batch, the header included: its first record is row `row + 1`.
    pub row: usize,
    /// Records in the batch, as counted from quotes and line ends.
    pub rows: usize,
    /// Line of the batch's first byte.
    pub line: usize,
}

pub struct Chunk {
    pub bytes: Vec<u8>,
    /// File offset of `bytes[0]`.
    pub base: usize,
    pub batches: Vec<Batch>,
    /// No records follow this chunk.
    pub last: bool,
    /// A record over `[limits] record-bytes` read past before the chunk's records.
    pub skipped: Option<ScanError>,
}

pub struct ClaimsReader {
    file: File,
    dialect: Dialect,
    limits: Limits,
    /// Bytes read but not yet handed out; they start on a record boundary.
    pending: Vec<u8>,
    /// File offset, row and line of `pending[0]`.
    base: usize,
    row: usize,
    line: usize,
    eof: bool,
    /// Cut where `csv-core` ends records rather than by counting quotes: set once the count
    /// misplaced a cut or found none, so odd files are read right, in bounded memory.
    exact: bool,
    /// Where the last exact reading started: a second misplaced cut there would be a bug, and
    /// is reported rather than looped on.
    restarted_at: Option<usize>,
    /// The bytes of a chunk done with (`recycle`), to hold the next: a fresh 4 MiB buffer per
    /// chunk costs a thousand page faults, each clearing its page.
    spare: Vec<u8>,
}

impl ClaimsReader {
    /// Opens a claims file and reads its header, checking the `required` columns.
    pub fn open(path: &Path, required: &[&str], display: &str, limits: Limits) -> std::io::Result<(ClaimsReader, Result<Header, Finding>)> {
        let file = super::open::open_inside(path, super::open::own_folder(path))?.0;
        let mut reader =
            ClaimsReader { file, dialect: Dialect::detect(b""), limits, pending: Vec::new(), base: 0, row: 0, line: 1, eof: false, exact: false, restarted_at: None, spare: Vec::new() };
        let mut want = CHUNK_BYTES;
        loop {
            reader.fill(want)?;
            reader.dialect = Dialect::detect(&reader.pending);
            let mut scanner = Scanner::new(&reader.pending, reader.dialect, limits);
            let first = scanner.next_record();
            // A header longer than what was read goes on in the file: read more of it, up to
            // the record limit (past it, the scanner reports the header as too long).
            if scanner.ended_by_input() && !reader.eof && reader.pending.len() <= limits.record_bytes {
                want = reader.pending.len() * 2;
                continue;
            }
            let header = Header::read(first, &reader.pending, reader.dialect.delimiter, required, display);
            let (offset, line) = scanner.position();
            reader.row = scanner.rows();
            reader.line = line;
            reader.base = offset;
            reader.pending.drain(..offset);
            return Ok((reader, header));
        }
    }

    pub fn delimiter(&self) -> u8 {
        self.dialect.delimiter
    }

    /// Reads until `pending` holds at least `want` bytes or the file ends.
    fn fill(&mut self, want: usize) -> std::io::Result<()> {
        if !self.eof && self.pending.len() < want {
            let missing = want - self.pending.len();
            self.pending.reserve(missing);
            // Into the buffer's spare room as it is: nothing is cleared first.
            let read = (&mut self.file).take(missing as u64).read_to_end(&mut self.pending)?;
            self.eof = read < missing;
        }
        Ok(())
    }

    /// Takes back the bytes of a chunk the caller is done with, to read another chunk into.
    pub fn recycle(&mut self, mut bytes: Vec<u8>) {
        if bytes.capacity() > self.spare.capacity() {
            bytes.clear();
            self.spare = bytes;
        }
    }

    /// The next chunk of whole records, or `None` at the end of the file.
    pub fn next_chunk(&mut self) -> std::io::Result<Option<Chunk>> {
        let mut want = CHUNK_BYTES;
        loop {
            self.fill(want)?;
            if self.pending.is_empty() {
                return Ok(None);
            }
            let cut = if self.exact {
                Cuts::exact(&self.pending, self.row, self.line, self.eof, self.dialect.delimiter, self.limits)
            } else {
                Cuts::find(&self.pending, self.row, self.line, self.eof)
            };
            if let Some(end) = cut.end {
                return Ok(Some(self.take(end, cut)));
            }
            if self.pending.len() <= self.limits.record_bytes {
                // One record longer than a chunk (a very long quoted cell): read more.
                want = self.pending.len() * 2;
                continue;
            }
            // No cut within the record limit: either a stray quote misled the count, or the
            // first record is too long. `csv-core` tells which.
            if !self.exact {
                self.exact = true;
                continue;
            }
            let skipped = self.skip_record()?;
            return Ok(Some(Chunk { bytes: Vec::new(), base: self.base, batches: Vec::new(), last: self.eof && self.pending.is_empty(), skipped: Some(skipped) }));
        }
    }

    /// Hands out `pending` up to `end` as a chunk cut at `cut`.
    fn take(&mut self, end: usize, cut: Cuts) -> Chunk {
        let mut rest = std::mem::take(&mut self.spare);
        rest.extend_from_slice(&self.pending[end..]);
        self.pending.truncate(end);
        let bytes = std::mem::replace(&mut self.pending, rest);
        let chunk = Chunk { bytes, base: self.base, batches: cut.batches, last: self.eof && self.pending.is_empty(), skipped: None };
        self.base += end;
        self.row = cut.row;
        self.line = cut.line;
        chunk
    }

    /// Reads past the record at the start of `pending`, which is over the record limit, keeping
    /// none of it: the rest of the file is still checked.
    fn skip_record(&mut self) -> std::io::Result<ScanError> {
        let (start, blank_lines) = skip_line_ends(&self.pending, 0);
        let (row, line, byte) = (self.row + 1, self.line + blank_lines, self.base + start);
        let mut skip = Skip::new(self.dialect.delimiter);
        let mut at = start;
        let end = loop {
            if let Some(taken) = skip.feed(&self.pending[at..]) {
                break at + taken;
            }
            self.base += self.pending.len();
            self.pending.clear();
            at = 0;
            self.fill(CHUNK_BYTES)?;
            if self.pending.is_empty() {
                skip.feed(&[]);
                break 0;
            }
        };
        self.pending.drain(..end);
        self.base += end;
        (self.row, self.line) = (row, line + skip.lines());
        Ok(Skip::error(row, line, byte, self.limits))
    }

    /// Reads again from file offset `offset`, where record `row + 1` starts on line `line`,
    /// cutting where `csv-core` ends records: for the rare file whose quotes misled the count.
    pub fn restart_exact(&mut self, offset: usize, row: usize, line: usize) -> std::io::Result<()> {
        if self.restarted_at.is_some_and(|at| at >= offset) {
            return Err(std::io::Error::other(format!("its records cannot be told apart from byte {offset} on")));
        }
        self.restarted_at = Some(offset);
        self.file.seek(SeekFrom::Start(offset as u64))?;
        self.pending.clear();
        (self.base, self.row, self.line, self.eof, self.exact) = (offset, row, line, false, true);
        Ok(())
    }
}

/// Where a run of bytes starting on a record boundary is cut into batches.
struct Cuts {
    batches: Vec<Batch>,
    /// End of the last batch: the last line end outside quotes (or the end, at end of file).
    end: Option<usize>,
    /// Row count and line after `end`.
    row: usize,
    line: usize,
}

impl Cuts {
    fn find(bytes: &[u8], row: usize, line: usize, eof: bool) -> Cuts {
        let batch = batch_bytes(bytes.len());
        let mut cuts = Cuts { batches: Vec::new(), end: None, row, line };
        let mut open = Batch { range: 0..0, row, rows: usize::from(starts_record(bytes, 0)), line };
        let (mut quoted, mut lines) = (false, line);
        for at in memchr::memchr3_iter(b'"', b'\n', b'\r', bytes) {
            match bytes[at] {
                b'"' => quoted = !quoted,
                _ if quoted => {}
                byte => {
                    if byte == b'\n' {
                        lines += 1;
                    }
                    // A record starts after an unquoted line end, unless another line end follows.
                    if starts_record(bytes, at + 1) {
                        open.rows += 1;
                    }
                    if byte == b'\n' && at + 1 - open.range.start >= batch {
                        cuts.close(&mut open, at + 1, lines, bytes);
                    }
                }
            }
            if quoted && bytes[at] == b'\n' {
                lines += 1;
            }
        }
        if eof && open.range.start < bytes.len() {
            cuts.close(&mut open, bytes.len(), lines, bytes);
        }
        cuts
    }

    /// The cuts `csv-core` itself gives: batches end after whole records, and a record the
    /// bytes end inside (before the end of the file) waits for more.
    fn exact(bytes: &[u8], row: usize, line: usize, eof: bool, delimiter: u8, limits: Limits) -> Cuts {
        let batch = batch_bytes(bytes.len());
        let mut cuts = Cuts { batches: Vec::new(), end: None, row, line };
        let mut open = Batch { range: 0..0, row, rows: 0, line };
        let mut scanner = Scanner::resume(bytes, delimiter, 0, row, line, limits);
        let mut record = Record::default();
        let mut last_end = None;
        while scanner.read(&mut record).is_some() {
            if scanner.ended_by_input() && !eof {
                break;
            }
            open.rows += 1;
            let (end, end_line) = scanner.position();
            last_end = Some((end, end_line));
            if end - open.range.start >= batch {
                cuts.close_exact(&mut open, end, end_line);
            }
        }
        if let Some((end, end_line)) = last_end.filter(|_| open.rows > 0) {
            cuts.close_exact(&mut open, end, end_line);
        }
        // At the end of the file, what follows the last record (blank lines) ends the last batch.
        if eof && cuts.end.unwrap_or(0) < bytes.len() {
            let (_, end_line) = scanner.position();
            cuts.close_exact(&mut open, bytes.len(), end_line);
        }
        cuts
    }

    fn close_exact(&mut self, open: &mut Batch, end: usize, line: usize) {
        let mut batch = std::mem::replace(open, Batch { range: end..end, row: open.row + open.rows, rows: 0, line });
        batch.range.end = end;
        (self.end, self.row, self.line) = (Some(end), open.row, line);
        self.batches.push(batch);
    }

    /// Ends the open batch at `end` and opens the next one there.
    fn close(&mut self, open: &mut Batch, end: usize, line: usize, bytes: &[u8]) {
        let next_starts = starts_record(bytes, end);
        let mut batch = std::mem::replace(open, Batch { range: end..end, row: 0, rows: usize::from(next_starts), line });
        batch.range.end = end;
        // The record starting at `end` was counted for the closed batch: it belongs to the next.
        batch.rows -= usize::from(next_starts);
        open.row = batch.row + batch.rows;
        self.end = Some(end);
        self.row = open.row;
        self.line = line;
        self.batches.push(batch);
    }
}

/// True when a record starts at `at`: a byte that is no line end (the scanner skips blank lines).
fn starts_record(bytes: &[u8], at: usize) -> bool {
    bytes.get(at).is_some_and(|&b| b != b'\n' && b != b'\r')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Batches from the quote count must agree with the scanner's own records.
    fn agree(text: &str) {
        let cuts = Cuts::find(text.as_bytes(), 1, 2, true);
        let mut scanner = Scanner::resume(text.as_bytes(), b',', 0, 1, 2, Limits::default());
        let records: Vec<_> = scanner.by_ref().map(Result::unwrap).collect();
        let counted: usize = cuts.batches.iter().map(|b| b.rows).sum();
        assert_eq!(counted, records.len(), "{text:?}");
        for batch in &cuts.batches {
            let mut inner = Scanner::resume(&text.as_bytes()[batch.range.clone()], b',', batch.range.start, batch.row, batch.line, Limits::default());
            let first = inner.next();
            if let Some(first) = first {
                let first = first.unwrap();
                let same = records.iter().find(|r| r.row == first.row).unwrap();
                assert_eq!((first.line, first.span.clone()), (same.line, same.span.clone()), "{text:?}");
            }
        }
    }

    #[test]
    fn batches_start_on_records_with_their_row_and_line() {
        let row = "1,\"a, \"\"quoted\"\"\nover lines\",plain\r\n\n2,b,c\r3,,\n";
        agree(&row.repeat(BATCH_BYTES / row.len() * 3));
        agree("1,a,b\n\n\n2,c,d");
        agree("");
    }

    #[test]
    fn an_unfinished_record_waits_for_more_bytes() {
        let cuts = Cuts::find(b"1,\"open\n", 1, 2, false);
        assert_eq!(cuts.end, None);
    }

    #[test]
    fn exact_cuts_follow_csv_core_to_the_end_of_the_file() {
        let pair = "1,a 12\" screen,x\n2,\"q\nr\",y\r\n";
        let copies = BATCH_BYTES / pair.len() * 3;
        let text = pair.repeat(copies) + "\r\n\n";
        let cuts = Cuts::exact(text.as_bytes(), 1, 2, true, b',', Limits::default());
        assert_eq!(cuts.end, Some(text.len()));
        assert!(cuts.batches.len() > 1);
        assert_eq!(cuts.batches.iter().map(|b| b.rows).sum::<usize>(), 2 * copies);
        for batch in &cuts.batches {
            let bytes = &text.as_bytes()[batch.range.clone()];
            let mut scanner = Scanner::resume(bytes, b',', batch.range.start, batch.row, batch.line, Limits::default());
            let first = scanner.next().map(Result::unwrap);
            assert_eq!(scanner.by_ref().count() + usize::from(first.is_some()), batch.rows);
            assert!(!scanner.ended_by_input() || batch.range.end == text.len());
            if let Some(first) = first {
                let (pair, second) = ((first.row - 2) / 2, (first.row - 2) % 2);
                assert_eq!((first.cell(0), first.line), (if second == 0 { &b"1"[..] } else { b"2" }, 2 + 3 * pair + second));
            }
        }
        assert_eq!(Cuts::exact(b"1,\"open\n", 1, 2, false, b',', Limits::default()).end, None);
    }
}
