//! Claims files read in bounded chunks, each cut into batches of whole records, so a file of any
//! size is checked on every core while only a few megabytes of it are in memory.
//!
//! Cuts are placed by counting quotes: in a file where every `"` opens, escapes or closes a quoted
//! cell (all files spreadsheets write), a line end is outside quoted cells exactly when an even
//! number of `"` precede it. The same count tells where each batch's records start, so every
//! batch knows its first row and line and its findings read as if the file had been scanned
//! whole. A file where a stray `"` breaks that rule is noticed by the scanner (`irregular`), and
//! the caller reads the rest of it in one piece from the last batch known to be cut right.

use super::csv_file::Header;
use super::table::{Dialect, Scanner};
use crate::findings::Finding;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Range;
use std::path::Path;

/// About how much of a claims file is read at once.
pub const CHUNK_BYTES: usize = 4 << 20;
/// About how many bytes of records one task checks: a few thousand rows.
pub const BATCH_BYTES: usize = 256 << 10;

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
}

pub struct ClaimsReader {
    file: File,
    dialect: Dialect,
    /// Bytes read but not yet handed out; they start on a record boundary.
    pending: Vec<u8>,
    /// File offset, row and line of `pending[0]`.
    base: usize,
    row: usize,
    line: usize,
    eof: bool,
}

impl ClaimsReader {
    /// Opens a claims file and reads its header, checking the `required` columns.
    pub fn open(path: &Path, required: &[&str], display: &str) -> std::io::Result<(ClaimsReader, Result<Header, Finding>)> {
        let mut reader = ClaimsReader { file: super::open::open_inside(path, super::open::own_folder(path))?.0, dialect: Dialect::detect(b""), pending: Vec::new(), base: 0, row: 0, line: 1, eof: false };
        reader.fill(CHUNK_BYTES)?;
        reader.dialect = Dialect::detect(&reader.pending);
        let mut scanner = Scanner::new(&reader.pending, reader.dialect);
        let header = Header::read(scanner.next(), required, display);
        let (offset, line) = scanner.position();
        reader.row = scanner.rows();
        reader.line = line;
        reader.base = offset;
        reader.pending.drain(..offset);
        Ok((reader, header))
    }

    pub fn delimiter(&self) -> u8 {
        self.dialect.delimiter
    }

    /// Reads until `pending` holds at least `want` bytes or the file ends.
    fn fill(&mut self, want: usize) -> std::io::Result<()> {
        while !self.eof && self.pending.len() < want {
            let have = self.pending.len();
            self.pending.resize(want, 0);
            let read = self.file.read(&mut self.pending[have..])?;
            self.pending.truncate(have + read);
            self.eof = read == 0;
        }
        Ok(())
    }

    /// The next chunk of whole records, or `None` at the end of the file.
    pub fn next_chunk(&mut self) -> std::io::Result<Option<Chunk>> {
        let mut want = CHUNK_BYTES;
        loop {
            self.fill(want)?;
            if self.pending.is_empty() {
                return Ok(None);
            }
            let cut = Cuts::find(&self.pending, self.row, self.line, self.eof);
            let Some(end) = cut.end else {
                // One record longer than a chunk (a very long quoted cell): read more.
                want = self.pending.len() * 2;
                continue;
            };
            let rest = self.pending.split_off(end);
            let bytes = std::mem::replace(&mut self.pending, rest);
            let chunk = Chunk { bytes, base: self.base, batches: cut.batches, last: self.eof && self.pending.is_empty() };
            self.base += end;
            self.row = cut.row;
            self.line = cut.line;
            return Ok(Some(chunk));
        }
    }

    /// Everything from file offset `offset` to the end, for the rare file that cannot be cut.
    pub fn rest_from(&mut self, offset: usize) -> std::io::Result<Vec<u8>> {
        self.file.seek(SeekFrom::Start(offset as u64))?;
        let mut rest = Vec::new();
        self.file.read_to_end(&mut rest)?;
        self.pending.clear();
        self.eof = true;
        Ok(rest)
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
                    if byte == b'\n' && at + 1 - open.range.start >= BATCH_BYTES {
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
        let mut scanner = Scanner::resume(text.as_bytes(), b',', 0, 1, 2);
        let records: Vec<_> = scanner.by_ref().map(Result::unwrap).collect();
        let counted: usize = cuts.batches.iter().map(|b| b.rows).sum();
        assert_eq!(counted, records.len(), "{text:?}");
        for batch in &cuts.batches {
            let mut inner = Scanner::resume(&text.as_bytes()[batch.range.clone()], b',', batch.range.start, batch.row, batch.line);
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
}
