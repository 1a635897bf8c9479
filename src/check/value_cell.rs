//! Where a figure claim's `value` cell stands in its claims file, for the group's finding to
//! point at. A million figure claims each need it, so for the plain one-line records
//! spreadsheets write it is found in the record's own bytes, in one pass, rather than by
//! reading the record again with `csv-core` and counting characters twice
//! (`csv_file::cell_region`, which every other record still takes).

use crate::findings::Region;
use crate::load::text::LineCol;
use crate::load::csv_file::{InFile, cell_region};
use crate::load::table::Record;
use std::ops::Range;

/// Where the cell of the `value` column of `record` stands, as `cell_region` places it.
pub(super) fn value_region(record: &Record, names: &[String], at: InFile<'_>) -> Region {
    let index = names.iter().position(|name| name == "value").filter(|&index| index < record.len());
    index.and_then(|index| plain_region(record, index, at)).unwrap_or_else(|| cell_region(record, names, Some("value"), at))
}

/// Where cell `index` of `record` stands, when the record is on one line and plain (see
/// `plain_cell`); `None` for any other record.
fn plain_region(record: &Record, index: usize, at: InFile<'_>) -> Option<Region> {
    let raw = at.bytes.get(record.span.start.checked_sub(at.base)?..record.span.end.checked_sub(at.base)?)?;
    // A record on one line starts its line: columns count characters from its first byte.
    if memchr::memchr2(b'\n', b'\r', raw).is_some() {
        return None;
    }
    let cell = plain_cell(raw, at.delimiter, index, record.len())?;
    let start = characters(&raw[..cell.start]) + 1;
    let end = start + characters(&raw[cell]);
    let line = record.line;
    Some(Region { start: LineCol { line, column: start }, end: LineCol { line, column: end } })
}

/// Characters as editors count them: bytes that start a UTF-8 character (as `Record::position`).
fn characters(bytes: &[u8]) -> usize {
    // Counted in bytes, up to 255 at a time, so the compiler counts many lanes an instruction.
    bytes.chunks(255).map(|chunk| usize::from(chunk.iter().fold(0u8, |count, &b| count + u8::from(b & 0xC0 != 0x80)))).sum()
}

/// The bytes of cell `index` in the one-line record `raw` (quotes included), when `raw` holds
/// exactly `cells` cells and each is plain, as `Scanner::read_plain` takes them: unquoted without
/// `"`, or quoted with `""` for a quote and closing just before a delimiter or the record's
/// end. `csv-core` reads such a record into the same cells, so this is where it puts them;
/// `None` for any other record.
fn plain_cell(raw: &[u8], delimiter: u8, index: usize, cells: usize) -> Option<Range<usize>> {
    let (mut at, mut count, mut found) = (0, 0, None);
    loop {
        let start = at;
        let end = if raw.get(at) == Some(&b'"') {
            at += 1;
            loop {
                at += memchr::memchr(b'"', &raw[at..])? + 1;
                if raw.get(at) != Some(&b'"') {
                    break at;
                }
                at += 1;
            }
        } else {
            memchr::memchr2(delimiter, b'"', &raw[at..]).map_or(raw.len(), |i| at + i)
        };
        if count == index {
            found = Some(start..end);
        }
        count += 1;
        match raw.get(end) {
            None => break,
            Some(&byte) if byte == delimiter && count < cells => at = end + 1,
            // A quote inside an unquoted cell, text after a closing quote, more cells than the record's.
            Some(_) => return None,
        }
    }
    found.filter(|_| count == cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::limits::Limits;
    use crate::load::table::Scanner;

    /// Every cell of every record placed here as `cell_region` places it, over records built
    /// from pieces that make plain records and every way a record stops being plain.
    #[test]
    fn plain_records_place_cells_where_csv_core_does() {
        let pieces: [&[u8]; 17] = [b"a", b"12", b",", b";", b"\"", b"\"\"", b"\n", b"\r\n", b"\r", b" ", "é€".as_bytes(), b"\t", b"x\"y", b"\"q,r\"", b"\"\"\"", b"\n\n", "“".as_bytes()];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let (mut placed, mut plain) = (0, 0);
        for case in 0..6_000 {
            let bytes = crate::load::table::random_csv(&mut state, &pieces, 60, 5);
            let delimiter = [b',', b';', b'\t'][case % 3];
            // A window of a larger file, as batches are: offsets start past zero.
            let base = 1_000;
            let at = InFile { bytes: &bytes, base, delimiter };
            let mut scanner = Scanner::resume(&bytes, delimiter, base, 1, 2, Limits::default());
            let mut record = Record::default();
            while let Some(read) = scanner.read(&mut record) {
                if read.is_err() {
                    continue;
                }
                let names: Vec<String> = (0..record.len()).map(|i| format!("c{i}")).collect();
                for index in 0..record.len() {
                    let expected = cell_region(&record, &names, Some(&names[index]), at);
                    if let Some(region) = plain_region(&record, index, at) {
                        assert_eq!(region, expected, "cell {index} of {:?}", String::from_utf8_lossy(&bytes[record.span.start - base..record.span.end - base]));
                        plain += 1;
                    }
                    placed += 1;
                }
            }
        }
        // Both kinds of record come up often enough to be compared.
        assert!(plain > 2_000 && placed - plain > 2_000, "{plain} cells placed from plain records of {placed}");
    }

    #[test]
    fn the_value_column_is_found_by_name() {
        let bytes = "id,quote,value\n7,\"“Крокус” 137\",137\n".as_bytes();
        let at = InFile { bytes, base: 0, delimiter: b',' };
        let mut scanner = Scanner::resume(bytes, b',', 0, 0, 1, Limits::default());
        let mut record = Record::default();
        scanner.read(&mut record).unwrap().unwrap();
        scanner.read(&mut record).unwrap().unwrap();
        let names = ["id", "quote", "value"].map(String::from);
        let region = value_region(&record, &names, at);
        assert_eq!(region, Region { start: LineCol { line: 2, column: 18 }, end: LineCol { line: 2, column: 21 } });
        // No `value` column: the whole record, as `cell_region` places it.
        let others = ["id", "quote", "notes"].map(String::from);
        assert_eq!(value_region(&record, &others, at), cell_region(&record, &others, None, at));
    }
}
